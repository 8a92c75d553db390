//! Renderers shared by the page and the CLI: the JSON of the automation interface, Markdown (the
//! export a user attaches to a ticket) and plain text (a terminal), in English or Japanese.
//!
//! Every renderer starts from [`redact`]: a copy of the diagnosis in which no secret of the case
//! (access key ids, secret keys, session tokens, IMDSv2 tokens, encoded authorization messages)
//! appears, whatever a rule quoted. The pasted texts themselves are never part of a report; only
//! the evidence a finding cites, with its secrets masked.

use serde_json::{json, Value};

use crate::finding::{Diagnosis, Evidence, FixKind, Severity};
use crate::input::{ProblemSeverity, SecretKind};
use crate::lang::Lang;
use crate::rules::Case;
use crate::text::{LineIndex, Location, Span};

/// What a masked secret reads as (an access key id keeps its four-letter prefix: `ASIA…`).
pub const MASK: &str = "<redacted>";

/// Secret values shorter than this are not searched for in free text (a documentation example
/// such as `"Token": "token"` would otherwise mangle every `metadata-token`); they are still
/// masked where a span points at them.
const MIN_SCRUBBED_LEN: usize = 8;

/// How a secret value is shown.
fn mask(kind: SecretKind, value: &str) -> String {
    match kind {
        SecretKind::AccessKeyId => {
            let prefix: String = value.chars().take(4).collect();
            format!("{prefix}…")
        }
        _ => MASK.to_owned(),
    }
}

/// Every secret of a paste: (span, kind), sorted and without overlaps.
fn paste_secrets(paste: &crate::rules::Paste) -> Vec<(Span, SecretKind)> {
    let mut spans: Vec<(Span, SecretKind)> = paste
        .inputs
        .iter()
        .flat_map(|input| input.secrets.iter())
        .filter(|secret| !secret.span.is_empty())
        .map(|secret| (secret.span, secret.kind))
        .collect();
    crate::sort::sort_by_key(&mut spans, |(span, _)| (span.start, span.end));
    let mut merged: Vec<(Span, SecretKind)> = Vec::with_capacity(spans.len());
    for (span, kind) in spans {
        match merged.last_mut() {
            Some((last, _)) if span.start < last.end => last.end = last.end.max(span.end),
            _ => merged.push((span, kind)),
        }
    }
    merged
}

/// `text[span]` with every secret inside it masked. `secrets` are sorted and do not overlap
/// ([`paste_secrets`]), so the first one that can touch the span is found by binary search.
fn masked_slice(text: &str, span: Span, secrets: &[(Span, SecretKind)]) -> String {
    let mut out = String::with_capacity(span.len());
    let mut at = span.start;
    let first = secrets.partition_point(|(secret, _)| secret.end <= span.start);
    for (secret, kind) in secrets.get(first..).unwrap_or_default() {
        if secret.start >= span.end {
            break;
        }
        let start = secret.start.max(span.start);
        out.push_str(Span::new(at, start).slice(text));
        out.push_str(&mask(*kind, secret.slice(text)));
        at = secret.end.min(span.end);
    }
    out.push_str(Span::new(at, span.end.max(at)).slice(text));
    out
}

/// The secret values of the whole case long enough to look for in free text, longest first (so
/// a token containing a shorter secret is replaced whole).
fn scrub_list(case: &Case) -> Vec<(String, SecretKind)> {
    let mut values: Vec<(String, SecretKind)> = case
        .pastes
        .iter()
        .flat_map(|paste| {
            paste_secrets(paste)
                .into_iter()
                .map(|(span, kind)| (span.slice(&paste.text).to_owned(), kind))
        })
        .filter(|(value, _)| value.len() >= MIN_SCRUBBED_LEN)
        .collect();
    crate::sort::sort_by(&mut values, |a, b| {
        b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0))
    });
    values.dedup_by(|a, b| a.0 == b.0);
    values
}

fn scrub(text: &mut String, values: &[(String, SecretKind)]) {
    for (value, kind) in values {
        if text.contains(value.as_str()) {
            *text = text.replace(value.as_str(), &mask(*kind, value));
        }
    }
}

/// The diagnosis with every secret of the case masked: evidence that quotes a secret, and any
/// title, explanation, fix or next step that repeats one.
pub fn redact(case: &Case, diagnosis: &Diagnosis) -> Diagnosis {
    let values = scrub_list(case);
    // Input number → (paste text, its secrets).
    let mut per_input: Vec<(&str, usize)> = Vec::new();
    let secrets: Vec<Vec<(Span, SecretKind)>> = case
        .pastes
        .iter()
        .map(|paste| paste_secrets(paste))
        .collect();
    for (paste_index, paste) in case.pastes.iter().enumerate() {
        for _ in &paste.inputs {
            per_input.push((paste.text.as_str(), paste_index));
        }
    }
    let mut out = diagnosis.clone();
    let mask_evidence = |evidence: &mut Evidence| {
        if let Some((text, paste_index)) = per_input.get(evidence.input) {
            // Only text the rule took verbatim from the paste is rebuilt from it; a rule that
            // rewrote its evidence (already masked) keeps its own words.
            if evidence.text == evidence.span.slice(text) {
                let paste_secrets = secrets.get(*paste_index).map(Vec::as_slice);
                evidence.text = masked_slice(text, evidence.span, paste_secrets.unwrap_or(&[]));
            }
        }
        scrub(&mut evidence.text, &values);
    };
    for finding in &mut out.findings {
        scrub(&mut finding.title, &values);
        scrub(&mut finding.explanation, &values);
        finding.evidence.iter_mut().for_each(mask_evidence);
        for fix in &mut finding.fix {
            scrub(&mut fix.label, &values);
            if let Some(command) = &mut fix.command {
                scrub(command, &values);
            }
            if let Some(document) = &mut fix.document {
                scrub(document, &values);
            }
        }
        for affected in &mut finding.affected {
            scrub(affected, &values);
        }
    }
    for next in &mut out.next {
        scrub(&mut next.command, &values);
        scrub(&mut next.why, &values);
    }
    for checked in &mut out.checked {
        scrub(&mut checked.what, &values);
    }
    scrub(&mut out.verdict.summary, &values);
    for step in &mut out.verdict.steps {
        scrub(&mut step.command, &values);
        scrub(&mut step.why, &values);
    }
    // A masked secret in a command is a placeholder to fill in: quoted, so the command stays
    // valid shell.
    for fix in out.findings.iter_mut().flat_map(|f| f.fix.iter_mut()) {
        if let Some(command) = &mut fix.command {
            *command = crate::names::quote_placeholders(command);
        }
    }
    for next in out.next.iter_mut().chain(out.verdict.steps.iter_mut()) {
        next.command = crate::names::quote_placeholders(&next.command);
    }
    out
}

/// Whether a character may not reach a terminal or a Markdown viewer raw: C0 controls but tab
/// and line feed, DEL, C1 controls, and the bidirectional overrides and isolates that reorder
/// what is shown (Trojan Source).
fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character written out (`\x1b`, `\u{202e}`), so that text from a
/// paste or a link cannot clear a screen, move the cursor, overwrite a line with `\r`, set a
/// link (OSC 8) or the clipboard (OSC 52), or reorder what a reader sees.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_unsafe_char(c) {
            out.push(c);
        } else if u32::from(c) < 0x100 {
            out.push_str(&format!("\\x{:02x}", u32::from(c)));
        } else {
            out.push_str(&format!("\\u{{{:04x}}}", u32::from(c)));
        }
    }
    std::borrow::Cow::Owned(out)
}

fn escape_in_place(text: &mut String) {
    if let std::borrow::Cow::Owned(escaped) = escape_controls(text) {
        *text = escaped;
    }
}

/// The diagnosis with every string made safe for a terminal ([`escape_controls`]): what the text
/// and Markdown reports print. (JSON escapes control characters by construction.)
fn terminal_safe(mut diagnosis: Diagnosis) -> Diagnosis {
    for finding in &mut diagnosis.findings {
        escape_in_place(&mut finding.title);
        escape_in_place(&mut finding.explanation);
        for evidence in &mut finding.evidence {
            escape_in_place(&mut evidence.text);
            if let Some(path) = &mut evidence.path {
                escape_in_place(path);
            }
        }
        for fix in &mut finding.fix {
            escape_in_place(&mut fix.label);
            if let Some(command) = &mut fix.command {
                escape_in_place(command);
            }
            if let Some(document) = &mut fix.document {
                escape_in_place(document);
            }
        }
        finding.affected.iter_mut().for_each(escape_in_place);
    }
    escape_in_place(&mut diagnosis.verdict.summary);
    for next in diagnosis
        .next
        .iter_mut()
        .chain(diagnosis.verdict.steps.iter_mut())
    {
        escape_in_place(&mut next.command);
        escape_in_place(&mut next.why);
    }
    for checked in &mut diagnosis.checked {
        escape_in_place(&mut checked.what);
    }
    diagnosis
}

/// How many findings of each severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub info: usize,
    pub check: usize,
}

impl Summary {
    pub fn of(diagnosis: &Diagnosis) -> Summary {
        let mut summary = Summary::default();
        for finding in &diagnosis.findings {
            match finding.severity {
                Severity::Error => summary.error += 1,
                Severity::Warning => summary.warning += 1,
                Severity::Info => summary.info += 1,
                Severity::Check => summary.check += 1,
            }
        }
        summary
    }

    /// `1 error, 2 warnings, 0 info, 1 to check` / `エラー 1 件、警告 2 件、情報 0 件、要確認 1 件`.
    pub fn line(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!(
                "{} error{}, {} warning{}, {} info, {} to check",
                self.error,
                if self.error == 1 { "" } else { "s" },
                self.warning,
                if self.warning == 1 { "" } else { "s" },
                self.info,
                self.check
            ),
            Lang::Ja => format!(
                "エラー {} 件、警告 {} 件、情報 {} 件、要確認 {} 件",
                self.error, self.warning, self.info, self.check
            ),
        }
    }
}

/// Where each input stands: for input number `i`, (paste index, location of its start).
struct InputRow<'a> {
    index: usize,
    paste: usize,
    location: Location,
    input: &'a crate::input::Input,
    /// The command line above the output, secrets masked.
    command: Option<String>,
    /// The command cut to what tells it apart, for one line of text.
    command_summary: Option<String>,
}

/// The command as one short line: whole when short, else what tells it apart (the IMDS path
/// asked for, or the AWS CLI operation).
fn command_summary(command: &crate::input::CommandLine, scrubbed: &str) -> String {
    const SHORT: usize = 80;
    if scrubbed.chars().count() <= SHORT && !scrubbed.contains('\n') {
        return scrubbed.to_owned();
    }
    if let Some(path) = &command.imds_path {
        let method = match command.http_method.as_deref() {
            Some(method) if method != "GET" => format!(" -X {method}"),
            _ => String::new(),
        };
        return format!("{}{method} … {path}", command.program);
    }
    if let Some((service, operation)) = &command.aws_operation {
        return format!("aws {service} {operation} …");
    }
    one_line(scrubbed, SHORT)
}

fn input_rows<'a>(case: &'a Case, values: &[(String, SecretKind)]) -> Vec<InputRow<'a>> {
    let mut rows = Vec::new();
    let mut index = 0;
    for (paste_index, paste) in case.pastes.iter().enumerate() {
        let lines = LineIndex::new(&paste.text);
        for input in &paste.inputs {
            let command = input.command.as_ref().map(|command| {
                let mut text = command.text.clone();
                scrub(&mut text, values);
                text
            });
            let command_summary =
                input
                    .command
                    .as_ref()
                    .zip(command.as_deref())
                    .map(|(line, scrubbed)| {
                        escape_controls(&command_summary(line, scrubbed)).into_owned()
                    });
            rows.push(InputRow {
                index,
                paste: paste_index,
                location: lines.locate(input.span.start),
                input,
                command,
                command_summary,
            });
            index += 1;
        }
    }
    rows
}

fn problem_severity_id(severity: ProblemSeverity) -> &'static str {
    match severity {
        ProblemSeverity::Error => "error",
        ProblemSeverity::Warning => "warning",
        ProblemSeverity::Note => "note",
    }
}

/// The JSON of the automation interface (`docs/guide/CATALOG.md`): `inputs[].kind`,
/// `findings[].id/severity/evidence/fix`, `next[].command`, plus `checked`, `summary` and the
/// language. Secrets are masked ([`redact`]).
pub fn json(case: &Case, diagnosis: &Diagnosis, lang: Lang) -> Value {
    let values = scrub_list(case);
    let redacted = redact(case, diagnosis);
    let inputs: Vec<Value> = input_rows(case, &values)
        .iter()
        .map(|row| {
            let problems: Vec<Value> = row
                .input
                .problems
                .iter()
                .map(|problem| {
                    json!({
                        "id": problem.id,
                        "severity": problem_severity_id(problem.severity),
                        "line": problem.location.line,
                        "column": problem.location.column,
                        "message": problem.message(lang),
                    })
                })
                .collect();
            json!({
                "index": row.index,
                "paste": row.paste,
                "kind": row.input.kind.id(),
                "line": row.location.line,
                "column": row.location.column,
                "command": row.command,
                "secrets": row.input.secrets.len(),
                "problems": problems,
            })
        })
        .collect();
    let summary = Summary::of(diagnosis);
    let verdict = &redacted.verdict;
    let steps: Vec<Value> = verdict
        .steps
        .iter()
        .map(|step| {
            let edit = crate::names::placeholders_in(&step.command);
            let mut value = json!({ "command": step.command, "why": step.why, "rule": step.rule });
            if let (false, Some(object)) = (edit.is_empty(), value.as_object_mut()) {
                object.insert("edit".to_owned(), json!(edit));
            }
            value
        })
        .collect();
    json!({
        "lang": lang.code(),
        "verdict": {
            "status": verdict.status.id(),
            "link": verdict.link.map(|l| l.id()),
            "summary": verdict.summary,
            "steps": steps,
            "chain": verdict.chain,
        },
        "inputs": inputs,
        "findings": redacted.findings,
        "next": redacted.next,
        "checked": redacted.checked,
        "summary": {
            "error": summary.error,
            "warning": summary.warning,
            "info": summary.info,
            "check": summary.check,
        },
    })
}

/// Words of the reports, in both languages.
struct Words {
    inputs: &'static str,
    findings: &'static str,
    no_findings: &'static str,
    evidence: &'static str,
    fix: &'static str,
    guide_fix: &'static str,
    references: &'static str,
    next: &'static str,
    checked: &'static str,
    nothing_read: &'static str,
    affected: &'static str,
    confidence: &'static str,
    paste: &'static str,
    line: &'static str,
    column: &'static str,
    kind: &'static str,
    command: &'static str,
    source: &'static str,
    title: &'static str,
    secrets_masked: &'static str,
    verdict: &'static str,
    steps: &'static str,
    edit_before_running: &'static str,
    /// Headings of the Markdown export.
    evidence_heading: &'static str,
    fix_heading: &'static str,
    references_heading: &'static str,
}

const EN: Words = Words {
    inputs: "Inputs",
    findings: "Findings",
    no_findings: "No finding: nothing in these inputs stops the credentials or the launch.",
    evidence: "evidence",
    fix: "fix",
    guide_fix: "the guide's fix",
    references: "see",
    next: "Next steps",
    checked: "Checked, nothing wrong",
    nothing_read: "Nothing was read: every input was empty.",
    affected: "affected",
    confidence: "confidence",
    paste: "paste",
    line: "line",
    column: "column",
    kind: "kind",
    command: "command",
    source: "source",
    title: "ec2-iam-doctor diagnosis",
    secrets_masked: "secret values masked",
    verdict: "Verdict",
    steps: "Do this next",
    edit_before_running: "edit before running",
    evidence_heading: "Evidence",
    fix_heading: "Fix",
    references_heading: "References",
};

const JA: Words = Words {
    inputs: "入力",
    findings: "検出結果",
    no_findings:
        "検出結果なし: これらの入力には、認証情報の取得や起動を止めるものは見つかりませんでした。",
    evidence: "根拠",
    fix: "修正",
    guide_fix: "ガイドの修正方法",
    references: "参照",
    next: "次の手順",
    checked: "確認済み (問題なし)",
    nothing_read: "何も読み取れませんでした: どの入力も空です。",
    affected: "対象",
    confidence: "確度",
    paste: "貼り付け",
    line: "行",
    column: "列",
    kind: "種類",
    command: "コマンド",
    source: "入力元",
    title: "ec2-iam-doctor 診断結果",
    secrets_masked: "秘密の値はマスク済み",
    verdict: "判定",
    steps: "次にすること",
    edit_before_running: "実行前に編集",
    evidence_heading: "根拠",
    fix_heading: "修正",
    references_heading: "参照",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// The name of paste `index`: the caller's label (a file name) or "paste N".
fn source_name(sources: &[String], index: usize, lang: Lang) -> String {
    match sources.get(index) {
        // File names are the user's, link input names the sender's: never raw to a terminal.
        Some(name) => escape_controls(name).into_owned(),
        None => format!("{} {}", words(lang).paste, index + 1),
    }
}

fn confidence_id(confidence: crate::finding::Confidence) -> &'static str {
    match confidence {
        crate::finding::Confidence::Certain => "certain",
        crate::finding::Confidence::Likely => "likely",
        crate::finding::Confidence::Possible => "possible",
    }
}

fn confidence_label(confidence: crate::finding::Confidence, lang: Lang) -> &'static str {
    match (confidence, lang) {
        (_, Lang::En) => confidence_id(confidence),
        (crate::finding::Confidence::Certain, Lang::Ja) => "確実",
        (crate::finding::Confidence::Likely, Lang::Ja) => "可能性が高い",
        (crate::finding::Confidence::Possible, Lang::Ja) => "可能性あり",
    }
}

/// The first line of an evidence text, cut to a readable length.
fn one_line(text: &str, max_chars: usize) -> String {
    let first = text.lines().next().unwrap_or_default().trim_end();
    let more_lines = text.trim_end().lines().nth(1).is_some();
    let mut out: String = first.chars().take(max_chars).collect();
    if more_lines || first.chars().count() > max_chars {
        out.push('…');
    }
    out
}

/// Terminal styling of the plain-text report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextStyle {
    /// No escape codes (a pipe, a file, `NO_COLOR`).
    #[default]
    Plain,
    /// ANSI colours and bold (a terminal).
    Ansi,
}

impl TextStyle {
    fn paint(self, code: &str, text: &str) -> String {
        match self {
            TextStyle::Plain => text.to_owned(),
            TextStyle::Ansi => format!("\x1b[{code}m{text}\x1b[0m"),
        }
    }

    fn severity(self, severity: Severity, lang: Lang) -> String {
        let code = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;34",
            Severity::Check => "1;36",
        };
        self.paint(code, severity.label(lang))
    }
}

/// The plain-text report for a terminal: inputs, then each finding with its evidence, fixes and
/// references, then next steps and a summary line. `sources` names the pastes (file names).
pub fn text(
    case: &Case,
    diagnosis: &Diagnosis,
    lang: Lang,
    sources: &[String],
    style: TextStyle,
) -> String {
    let w = words(lang);
    let values = scrub_list(case);
    let redacted = terminal_safe(redact(case, diagnosis));
    let rows = input_rows(case, &values);
    let mut out = String::new();

    let verdict = &redacted.verdict;
    let code = match verdict.status {
        crate::verdict::Status::Broken => "1;31",
        crate::verdict::Status::Healthy => "1;32",
        crate::verdict::Status::Undecided => "1;36",
    };
    out.push_str(&format!(
        "{}: {}\n  {}\n",
        style.paint("1", w.verdict),
        style.paint(code, verdict.status.label(lang)),
        verdict.summary
    ));
    if !verdict.steps.is_empty() {
        out.push_str(&format!("  {}:\n", w.steps));
    }
    for (number, step) in verdict.steps.iter().enumerate() {
        out.push_str(&format!("  {}. {}\n", number + 1, step.why));
        for line in step.command.lines() {
            out.push_str(&format!(
                "     {}\n",
                style.paint("32", &format!("$ {line}"))
            ));
        }
        let edit = crate::names::placeholders_in(&step.command);
        if !edit.is_empty() {
            out.push_str(&format!(
                "     {}: {}\n",
                w.edit_before_running,
                edit.join(", ")
            ));
        }
    }
    out.push('\n');

    out.push_str(&style.paint("1", w.inputs));
    out.push('\n');
    if rows.is_empty() {
        out.push_str(&format!("  {}\n", w.nothing_read));
    }
    for row in &rows {
        let place = format!(
            "{}:{}",
            source_name(sources, row.paste, lang),
            row.location.line
        );
        out.push_str(&format!(
            "  [{}] {place}  {}",
            row.index,
            row.input.kind.id()
        ));
        if let Some(command) = &row.command_summary {
            out.push_str(&format!("  $ {command}"));
        }
        if !row.input.secrets.is_empty() {
            out.push_str(&format!("  ({})", w.secrets_masked));
        }
        out.push('\n');
        for problem in &row.input.problems {
            out.push_str(&format!(
                "      {}:{}:{} {}\n",
                source_name(sources, row.paste, lang),
                problem.location.line,
                problem.location.column,
                escape_controls(problem.message(lang))
            ));
        }
    }

    out.push('\n');
    out.push_str(&style.paint("1", w.findings));
    out.push('\n');
    if redacted.findings.is_empty() {
        out.push_str(&format!("  {}\n", w.no_findings));
    }
    for finding in &redacted.findings {
        out.push('\n');
        let section = finding
            .section
            .map(|s| format!(" [{}]", s.id()))
            .unwrap_or_default();
        out.push_str(&format!(
            "{} {}{}\n  {}\n",
            style.severity(finding.severity, lang),
            finding.id,
            section,
            style.paint("1", &finding.title)
        ));
        if !finding.explanation.is_empty() {
            out.push_str(&format!("  {}\n", finding.explanation));
        }
        if let Some(confidence) = finding.confidence {
            out.push_str(&format!(
                "  {}: {}\n",
                w.confidence,
                confidence_label(confidence, lang)
            ));
        }
        if !finding.affected.is_empty() {
            out.push_str(&format!(
                "  {}: {}\n",
                w.affected,
                finding.affected.join(", ")
            ));
        }
        if !finding.evidence.is_empty() {
            out.push_str(&format!("  {}:\n", w.evidence));
        }
        for evidence in &finding.evidence {
            let paste = rows.get(evidence.input).map_or(0, |row| row.paste);
            let path = evidence
                .path
                .as_deref()
                .map(|p| format!(" {p}"))
                .unwrap_or_default();
            out.push_str(&format!(
                "    {}:{}:{}{path}  {}\n",
                source_name(sources, paste, lang),
                evidence.line,
                evidence.column,
                one_line(&evidence.text, 100)
            ));
        }
        for fix in &finding.fix {
            let label = match fix.kind {
                FixKind::Current => w.fix.to_owned(),
                FixKind::Guide => w.guide_fix.to_owned(),
            };
            out.push_str(&format!("  {label}: {}\n", fix.label));
            if let Some(command) = &fix.command {
                for line in command.lines() {
                    out.push_str(&format!(
                        "    {}\n",
                        style.paint("32", &format!("$ {line}"))
                    ));
                }
            }
            if let Some(document) = &fix.document {
                for line in document.lines() {
                    out.push_str(&format!("    {line}\n"));
                }
            }
        }
        for reference in &finding.references {
            out.push_str(&format!("  {}: {}\n", w.references, reference.url));
        }
    }

    if !redacted.next.is_empty() {
        out.push('\n');
        out.push_str(&style.paint("1", w.next));
        out.push('\n');
        for next in &redacted.next {
            out.push_str(&format!(
                "  {}\n    {}\n",
                style.paint("32", &format!("$ {}", next.command)),
                next.why
            ));
        }
    }
    if !redacted.checked.is_empty() {
        out.push('\n');
        out.push_str(&style.paint("1", w.checked));
        out.push('\n');
        for checked in &redacted.checked {
            out.push_str(&format!("  {}  {}\n", checked.id, checked.what));
        }
    }
    out.push('\n');
    out.push_str(&style.paint("1", &Summary::of(diagnosis).line(lang)));
    out.push('\n');
    out
}

/// `text` as Markdown inline code, with a fence longer than any backtick run inside it.
fn code(text: &str) -> String {
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// A fenced code block whose fence no line of `text` can close.
fn code_block(info: &str, text: &str) -> String {
    let longest = text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let fence = "`".repeat((longest + 1).max(3));
    format!("{fence}{info}\n{}\n{fence}\n", text.trim_end())
}

/// A table cell: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

/// The Markdown export: what a user attaches to a ticket or a chat. It holds the findings with
/// their (masked) evidence, fixes and references, the next steps and the list of inputs, never
/// the pasted texts themselves.
pub fn markdown(case: &Case, diagnosis: &Diagnosis, lang: Lang, sources: &[String]) -> String {
    let w = words(lang);
    let values = scrub_list(case);
    let redacted = terminal_safe(redact(case, diagnosis));
    let rows = input_rows(case, &values);
    let verdict = &redacted.verdict;
    let mut out = format!(
        "# {}\n\n**{}: {}** — {}\n\n",
        w.title,
        w.verdict,
        verdict.status.label(lang),
        verdict.summary
    );
    if !verdict.steps.is_empty() {
        out.push_str(&format!("### {}\n\n", w.steps));
        for (number, step) in verdict.steps.iter().enumerate() {
            out.push_str(&format!("{}. {}\n\n", number + 1, step.why));
            for line in code_block("sh", &step.command).lines() {
                out.push_str(&format!("   {line}\n"));
            }
            out.push('\n');
            let edit = crate::names::placeholders_in(&step.command);
            if !edit.is_empty() {
                let list: Vec<String> = edit.iter().map(|p| code(p)).collect();
                out.push_str(&format!(
                    "   {}: {}\n\n",
                    w.edit_before_running,
                    list.join(", ")
                ));
            }
        }
    }
    out.push_str(&format!("**{}**\n\n", Summary::of(diagnosis).line(lang)));

    out.push_str(&format!("## {}\n\n", w.findings));
    if redacted.findings.is_empty() {
        out.push_str(&format!("{}\n\n", w.no_findings));
    }
    for finding in &redacted.findings {
        out.push_str(&format!(
            "### {}: {}\n\n",
            finding.severity.label(lang),
            finding.title
        ));
        let mut meta = vec![code(finding.id)];
        if let Some(section) = finding.section {
            meta.push(format!("[{}]({})", section.id(), section.url(lang)));
        }
        if let Some(confidence) = finding.confidence {
            meta.push(format!(
                "{}: {}",
                w.confidence,
                confidence_label(confidence, lang)
            ));
        }
        out.push_str(&format!("{}\n\n", meta.join(" · ")));
        if !finding.explanation.is_empty() {
            out.push_str(&format!("{}\n\n", finding.explanation));
        }
        if !finding.affected.is_empty() {
            let list: Vec<String> = finding.affected.iter().map(|a| code(a)).collect();
            out.push_str(&format!("**{}**: {}\n\n", w.affected, list.join(", ")));
        }
        if !finding.evidence.is_empty() {
            out.push_str(&format!("**{}**\n\n", w.evidence_heading));
            for evidence in &finding.evidence {
                let paste = rows.get(evidence.input).map_or(0, |row| row.paste);
                let path = evidence
                    .path
                    .as_deref()
                    .map(|p| format!(" {}", code(p)))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "- {} {} {}, {} {}{path}: {}\n",
                    source_name(sources, paste, lang),
                    w.line,
                    evidence.line,
                    w.column,
                    evidence.column,
                    code(&one_line(&evidence.text, 160))
                ));
            }
            out.push('\n');
        }
        if !finding.fix.is_empty() {
            out.push_str(&format!("**{}**\n\n", w.fix_heading));
            for fix in &finding.fix {
                let label = match fix.kind {
                    FixKind::Current => fix.label.clone(),
                    FixKind::Guide => format!("{} ({})", fix.label, w.guide_fix),
                };
                out.push_str(&format!("- {label}\n"));
                if let Some(command) = &fix.command {
                    out.push('\n');
                    for line in code_block("sh", command).lines() {
                        out.push_str(&format!("  {line}\n"));
                    }
                }
                if let Some(document) = &fix.document {
                    out.push('\n');
                    for line in code_block("json", document).lines() {
                        out.push_str(&format!("  {line}\n"));
                    }
                }
            }
            out.push('\n');
        }
        if !finding.references.is_empty() {
            out.push_str(&format!("**{}**\n\n", w.references_heading));
            for reference in &finding.references {
                out.push_str(&format!("- [{}]({})\n", reference.title, reference.url));
            }
            out.push('\n');
        }
    }

    if !redacted.next.is_empty() {
        out.push_str(&format!("## {}\n\n", w.next));
        for next in &redacted.next {
            out.push_str(&format!("- {}\n\n", next.why));
            for line in code_block("sh", &next.command).lines() {
                out.push_str(&format!("  {line}\n"));
            }
            out.push('\n');
        }
    }
    if !redacted.checked.is_empty() {
        out.push_str(&format!("## {}\n\n", w.checked));
        for checked in &redacted.checked {
            out.push_str(&format!("- {} {}\n", code(checked.id), checked.what));
        }
        out.push('\n');
    }

    out.push_str(&format!("## {}\n\n", w.inputs));
    if rows.is_empty() {
        out.push_str(&format!("{}\n", w.nothing_read));
    } else {
        out.push_str(&format!(
            "| # | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |\n",
            w.source, w.line, w.kind, w.command
        ));
        for row in &rows {
            let command = row
                .command_summary
                .as_deref()
                .map(|c| code(&cell(c)))
                .unwrap_or_default();
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} |\n",
                row.index,
                cell(&source_name(sources, row.paste, lang)),
                row.location.line,
                code(row.input.kind.id()),
                command
            ));
        }
        for row in &rows {
            for problem in &row.input.problems {
                out.push_str(&format!(
                    "\n- {} {} {}: {}",
                    cell(&source_name(sources, row.paste, lang)),
                    w.line,
                    problem.location.line,
                    escape_controls(problem.message(lang))
                ));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    const SECRET_KEY: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz";
    const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLETOKENVALUE1234567890abcdef";

    fn credentials_paste() -> String {
        format!(
            "$ curl http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role\n{{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2024-06-20T18:51:35Z\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIAZZZZZZZZZZZZZZZZ\",\n  \"SecretAccessKey\" : \"{SECRET_KEY}\",\n  \"Token\" : \"{SESSION_TOKEN}\",\n  \"Expiration\" : \"2024-06-21T01:00:00Z\"\n}}\n"
        )
    }

    fn empty_profile_paste() -> &'static str {
        "{\n  \"InstanceProfile\": {\n    \"Path\": \"/\",\n    \"InstanceProfileName\": \"web-profile\",\n    \"InstanceProfileId\": \"AIPAJEXAMPLEPROFILEID\",\n    \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web-profile\",\n    \"CreateDate\": \"2024-01-01T00:00:00Z\",\n    \"Roles\": []\n  }\n}\n"
    }

    fn case() -> Case {
        Case::read(&[credentials_paste(), empty_profile_paste().to_owned()])
    }

    #[test]
    fn no_renderer_prints_a_secret() {
        let case = case();
        for lang in Lang::ALL {
            let diagnosis = rules::diagnose(&case, lang);
            let rendered = [
                json(&case, &diagnosis, lang).to_string(),
                markdown(&case, &diagnosis, lang, &[]),
                text(&case, &diagnosis, lang, &[], TextStyle::Plain),
                serde_json::to_string(&redact(&case, &diagnosis)).unwrap_or_default(),
            ];
            for out in rendered {
                assert!(!out.contains(SECRET_KEY), "{out}");
                assert!(!out.contains(SESSION_TOKEN), "{out}");
                assert!(!out.contains("ASIAZZZZZZZZZZZZZZZZ"), "{out}");
            }
        }
    }

    #[test]
    fn redact_masks_evidence_by_span_and_by_value() {
        let case = Case::read(&[credentials_paste()]);
        let paste = case
            .pastes
            .first()
            .map(|p| p.text.clone())
            .unwrap_or_default();
        let start = paste.find("\"SecretAccessKey\"").unwrap_or_default();
        let end = paste.find("\"Expiration\"").unwrap_or_default();
        let mut diagnosis = Diagnosis::default();
        let mut finding = rules::rules()
            .first()
            .map(|rule| rule.finding("none", Lang::En, &[]))
            .expect("the registry has rules");
        finding.title = format!("quoted {SESSION_TOKEN} in a title");
        finding
            .evidence
            .push(Evidence::new(0, &paste, Span::new(start, end), None));
        diagnosis.findings.push(finding);
        let redacted = redact(&case, &diagnosis);
        let finding = redacted.findings.first().expect("one finding");
        assert_eq!(finding.title, format!("quoted {MASK} in a title"));
        let evidence = finding.evidence.first().map(|e| e.text.as_str());
        assert_eq!(
            evidence,
            Some("\"SecretAccessKey\" : \"<redacted>\",\n  \"Token\" : \"<redacted>\",\n  ")
        );
    }

    #[test]
    fn json_has_the_catalog_shape() {
        let case = case();
        let diagnosis = rules::diagnose(&case, Lang::En);
        let value = json(&case, &diagnosis, Lang::En);
        let kinds: Vec<&str> = value["inputs"]
            .as_array()
            .map(|inputs| inputs.iter().filter_map(|i| i["kind"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(kinds, ["imds-credentials", "get-instance-profile"]);
        assert_eq!(value["inputs"][1]["paste"], 1);
        assert_eq!(value["inputs"][0]["secrets"], 3);
        let empty = value["findings"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["id"] == "instance-profile-empty"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(empty["severity"], "error");
        assert_eq!(empty["evidence"][0]["input"], 1);
        assert!(empty["fix"][0]["label"].is_string());
        assert_eq!(value["summary"]["error"], Summary::of(&diagnosis).error);
    }

    #[test]
    fn text_and_markdown_speak_the_chosen_language() {
        let case = case();
        let en = rules::diagnose(&case, Lang::En);
        let ja = rules::diagnose(&case, Lang::Ja);
        let sources = ["creds.txt".to_owned(), "profile.json".to_owned()];
        let text_en = text(&case, &en, Lang::En, &sources, TextStyle::Plain);
        let text_ja = text(&case, &ja, Lang::Ja, &sources, TextStyle::Plain);
        assert!(text_en.contains("Findings") && text_en.contains("profile.json:1"));
        assert!(text_ja.contains("検出結果") && text_ja.contains("エラー 1 件"));
        assert!(!text_en.contains('\x1b'));
        let ansi = text(&case, &en, Lang::En, &sources, TextStyle::Ansi);
        assert!(ansi.contains("\x1b[1;31merror\x1b[0m"));
        let md = markdown(&case, &ja, Lang::Ja, &sources);
        assert!(md.starts_with("# ec2-iam-doctor 診断結果\n"));
        assert!(md.contains("### エラー: "));
        assert!(
            md.contains("| 0 | creds.txt | 2 | `imds-credentials` |"),
            "{md}"
        );
    }

    #[test]
    fn masked_slice_masks_secrets_cut_by_the_span() {
        let text = "a=SECRET1 b=SECRET2 c=plain";
        let secrets = [
            (Span::new(2, 9), SecretKind::SecretAccessKey),
            (Span::new(12, 19), SecretKind::AccessKeyId),
        ];
        assert_eq!(
            masked_slice(text, Span::new(0, 27), &secrets),
            "a=<redacted> b=SECR… c=plain"
        );
        // A span that starts or ends inside a secret still shows none of it.
        assert_eq!(
            masked_slice(text, Span::new(5, 14), &secrets),
            "<redacted> b=SECR…"
        );
        assert_eq!(masked_slice(text, Span::new(20, 27), &secrets), "c=plain");
    }

    #[test]
    fn line_index_agrees_with_location_of() {
        let text = "ab\nçdé\r\n\n日本語 x\n";
        let lines = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                lines.locate(offset),
                Location::of(text, offset),
                "offset {offset}"
            );
        }
        assert_eq!(LineIndex::new("").locate(0), Location::of("", 0));
    }

    #[test]
    fn markdown_code_survives_backticks() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code_block("sh", "echo ```"), "````sh\necho ```\n````\n");
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }

    #[test]
    fn summary_counts_by_severity() {
        let case = case();
        let diagnosis = rules::diagnose(&case, Lang::En);
        let summary = Summary::of(&diagnosis);
        assert_eq!(
            summary.error + summary.warning + summary.info + summary.check,
            diagnosis.findings.len()
        );
        assert_eq!(
            Summary {
                error: 1,
                warning: 2,
                info: 0,
                check: 1
            }
            .line(Lang::En),
            "1 error, 2 warnings, 0 info, 1 to check"
        );
    }
}
