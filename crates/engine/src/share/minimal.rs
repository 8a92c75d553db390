//! The minimal form: each paste keeps only what the diagnosis used.
//!
//! The case is diagnosed once; every finding's evidence names an input and a span. A JSON paste
//! is then rebuilt (compact) from the values those spans cover, the objects and arrays that hold
//! them, and beside each kept value the identifiers rules join on ([`JOIN_KEYS`]: names, ids,
//! ARNs, codes, states). A text paste keeps the lines that hold evidence and the command lines
//! above them. A paste no finding cites is dropped.
//!
//! The result is checked, not trusted: the reduced case is diagnosed again, and it must give the
//! same findings (id and severity, as many of each). Passed checks are not kept: the rules list
//! one per instance read, so keeping them would keep a whole fleet. Where it does not, pastes
//! are given back more of their text, one step at a time (JSON: every member of the kept
//! objects; then the whole paste), until it does. So a minimal link always opens to the same
//! diagnosis as the full one, and a 20 MB `describe-instances` shrinks to the one instance and
//! the few fields the findings cite.

use super::Case;
use crate::finding::Diagnosis;
use crate::json::{self, Json, Value, MAX_DEPTH};
use crate::lang::Lang;
use crate::text::Span;

/// Members kept beside any kept value of the same object: what rules join inputs on.
pub const JOIN_KEYS: &[&str] = &[
    "Arn",
    "Id",
    "Code",
    "State",
    "Name",
    "InstanceId",
    "InstanceProfileArn",
    "InstanceProfileId",
    "InstanceProfileName",
    "RoleName",
    "RoleId",
    "UserId",
    "Account",
    "AssociationId",
];

/// Members kept whole beside any kept value of the same object: documents rules read through
/// (a role's trust policy decides `trust-policy-blocks-ec2`).
/// An instance's `IamInstanceProfile` counts by its presence too (`no-instance-profile-associated`).
pub const WHOLE_KEYS: &[&str] = &["AssumeRolePolicyDocument", "IamInstanceProfile"];

/// How much of a paste is kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// Nothing: no finding cites the paste.
    Dropped,
    /// Cited values, their containers and the join keys beside them.
    Cited,
    /// Cited objects with all their members (arrays still keep only their cited items: one
    /// instance of a fleet, not the fleet).
    CitedObjects,
    Whole,
}

/// (id, severity) of a finding, and how many findings have it.
type Signature = Vec<((&'static str, &'static str), usize)>;

/// What a diagnosis must keep to count as the same: how many findings of each id and severity.
/// A list, not a map: there are a few dozen keys at most, and a map type costs wasm.
fn signature(diagnosis: &Diagnosis) -> Signature {
    let mut counts: Signature = Vec::new();
    for finding in &diagnosis.findings {
        let key = (finding.id, finding.severity.id());
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
}

/// How far two signatures are apart: findings missing or extra.
fn difference(a: &Signature, b: &Signature) -> usize {
    let count = |s: &Signature, key| s.iter().find(|(k, _)| *k == key).map_or(0, |(_, n)| *n);
    let only_a: usize = a
        .iter()
        .map(|(key, n)| n.saturating_sub(count(b, *key)))
        .sum();
    let only_b: usize = b
        .iter()
        .map(|(key, n)| n.saturating_sub(count(a, *key)))
        .sum();
    only_a + only_b
}

fn diagnose(case: &Case, texts: &[String]) -> Diagnosis {
    let mut rules_case = crate::rules::Case::read(texts);
    rules_case.captured_at = case.captured_at.clone();
    crate::rules::diagnose(&rules_case, Lang::En)
}

/// The texts of the minimal form of `case` (whose secrets are already removed).
pub fn reduce(case: &Case) -> Vec<String> {
    let rules_case = case.to_rules_case();
    let diagnosis = crate::rules::diagnose(&rules_case, Lang::En);
    let wanted = signature(&diagnosis);
    // Evidence spans per paste (evidence names inputs across the case).
    let mut paste_of_input = Vec::new();
    for (paste_index, paste) in rules_case.pastes.iter().enumerate() {
        paste_of_input.extend(std::iter::repeat_n(paste_index, paste.inputs.len()));
    }
    let mut cited: Vec<Vec<Span>> = vec![Vec::new(); case.inputs.len()];
    for evidence in diagnosis.findings.iter().flat_map(|f| &f.evidence) {
        if let Some(spans) = paste_of_input
            .get(evidence.input)
            .and_then(|paste| cited.get_mut(*paste))
        {
            spans.push(evidence.span);
        }
    }
    let mut levels: Vec<Level> = cited
        .iter()
        .map(|spans| {
            if spans.is_empty() {
                Level::Dropped
            } else {
                Level::Cited
            }
        })
        .collect();
    let texts_at = |levels: &[Level]| -> Vec<String> {
        case.inputs
            .iter()
            .zip(levels)
            .zip(&cited)
            .zip(&rules_case.pastes)
            .map(|(((text, level), spans), paste)| reduce_paste(text, paste, spans, *level))
            .collect()
    };
    // Give text back until the diagnosis is the same: each round raises by one step the paste
    // whose raise brings the diagnosis closest to the full one (the first on ties). At most
    // three steps per paste, so at most 3 × pastes rounds of at most `pastes` diagnoses.
    let distance = |texts: &[String]| difference(&signature(&diagnose(case, texts)), &wanted);
    let mut current = distance(&texts_at(&levels));
    while current > 0 {
        let mut best: Option<(usize, usize)> = None;
        for index in 0..levels.len() {
            let Some(raised) = levels.get(index).and_then(|level| level.raised()) else {
                continue;
            };
            let mut candidate = levels.clone();
            if let Some(level) = candidate.get_mut(index) {
                *level = raised;
            }
            let candidate_distance = distance(&texts_at(&candidate));
            if best.is_none_or(|(_, d)| candidate_distance < d) {
                best = Some((index, candidate_distance));
            }
        }
        let Some((index, new_distance)) = best else {
            return case.inputs.clone();
        };
        if let Some(level) = levels.get_mut(index) {
            if let Some(raised) = level.raised() {
                *level = raised;
            }
        }
        current = new_distance;
    }
    without_dropped(texts_at(&levels), &levels)
}

impl Level {
    fn raised(self) -> Option<Level> {
        match self {
            Level::Dropped => Some(Level::Cited),
            Level::Cited => Some(Level::CitedObjects),
            Level::CitedObjects => Some(Level::Whole),
            Level::Whole => None,
        }
    }
}

/// Dropped pastes leave no empty text behind.
fn without_dropped(texts: Vec<String>, levels: &[Level]) -> Vec<String> {
    texts
        .into_iter()
        .zip(levels)
        .filter(|(_, level)| **level != Level::Dropped)
        .map(|(text, _)| text)
        .collect()
}

fn reduce_paste(text: &str, paste: &crate::rules::Paste, spans: &[Span], level: Level) -> String {
    match level {
        Level::Dropped => String::new(),
        Level::Whole => text.to_owned(),
        Level::Cited | Level::CitedObjects => {
            if let Ok(document) = json::parse(text) {
                let mut out = String::new();
                write_pruned(
                    text,
                    &document,
                    spans,
                    level == Level::CitedObjects,
                    0,
                    &mut out,
                );
                return out;
            }
            if level == Level::CitedObjects {
                return text.to_owned();
            }
            cited_lines(text, paste, spans)
        }
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end || (a.start == b.start)
}

fn cites(span: Span, spans: &[Span]) -> bool {
    spans.iter().any(|s| overlaps(span, *s))
}

fn is_plain(value: &Json) -> bool {
    !matches!(value.value, Value::Array(_) | Value::Object(_))
}

/// Writes the cited parts of `value` as compact JSON. Scalars and keys are copied from the
/// paste, so the values stay exactly as written.
fn write_pruned(
    text: &str,
    value: &Json,
    spans: &[Span],
    all_members: bool,
    depth: usize,
    out: &mut String,
) {
    if depth >= MAX_DEPTH {
        out.push_str("null");
        return;
    }
    match &value.value {
        Value::Object(members) => {
            // A cited object with nothing cited inside it (evidence for the whole object) keeps
            // all of it.
            let inner_cited = members
                .iter()
                .any(|m| cites(m.value.span, spans) || cites(m.key_span, spans));
            out.push('{');
            let mut first = true;
            for member in members {
                let keep = !inner_cited
                    || cites(member.value.span, spans)
                    || cites(member.key_span, spans)
                    || WHOLE_KEYS.contains(&member.key.as_ref())
                    || all_members
                    || (is_plain(&member.value) && JOIN_KEYS.contains(&member.key.as_ref()));
                if !keep {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                out.push_str(member.key_span.slice(text));
                out.push(':');
                if inner_cited && !WHOLE_KEYS.contains(&member.key.as_ref()) {
                    write_pruned(text, &member.value, spans, all_members, depth + 1, out);
                } else {
                    out.push_str(&super::layout::minify(member.value.span.slice(text)));
                }
            }
            out.push('}');
        }
        Value::Array(items) => {
            let inner_cited = items.iter().any(|item| cites(item.span, spans));
            out.push('[');
            let mut first = true;
            for item in items {
                if inner_cited && !cites(item.span, spans) {
                    continue;
                }
                if !first {
                    out.push(',');
                }
                first = false;
                if inner_cited {
                    write_pruned(text, item, spans, all_members, depth + 1, out);
                } else {
                    out.push_str(&super::layout::minify(item.span.slice(text)));
                }
            }
            out.push(']');
        }
        _ => out.push_str(value.span.slice(text)),
    }
}

/// The lines of a text paste that hold evidence, with the command lines of their inputs.
fn cited_lines(text: &str, paste: &crate::rules::Paste, spans: &[Span]) -> String {
    let mut wanted: Vec<Span> = spans.to_vec();
    for input in &paste.inputs {
        if cites(input.span, spans) {
            if let Some(command) = &input.command {
                wanted.push(command.prompt.unwrap_or(command.span));
                wanted.push(command.span);
            }
        }
    }
    let mut out = String::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let span = Span::new(start, start + line.len());
        if wanted
            .iter()
            .any(|w| overlaps(span, *w) || (w.start >= span.start && w.start < span.end))
        {
            out.push_str(line);
        }
        start = span.end;
    }
    out
}
