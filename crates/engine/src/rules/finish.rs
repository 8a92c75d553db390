//! What runs after every rule: one finding per subject, commands that are valid shell, and fixes
//! that do not contradict each other.
//!
//! A finding's subject is the first user value of its title (the style guide puts the user's
//! resource there, in backticks): two findings of one rule about the same subject are one
//! finding with the evidence and fixes of both.

use crate::finding::{Diagnosis, Finding};
use crate::lang::Lang;
use crate::names::{quote_placeholders, Kind};
use crate::rules::case::Case;

use super::support::EVIDENCE_CAP;

/// The subject of a finding: the first value in backticks of its title ("" when none).
pub fn subject(finding: &Finding) -> &str {
    finding.title.split('`').nth(1).unwrap_or_default()
}

/// Findings of one rule about one subject become one: the first (the most severe, the
/// diagnosis being sorted) keeps its words and takes the others' evidence, fixes and affected
/// resources.
fn merge_duplicates(out: &mut Diagnosis) {
    let mut merged: Vec<Finding> = Vec::with_capacity(out.findings.len());
    for finding in std::mem::take(&mut out.findings) {
        let same = merged
            .iter_mut()
            .find(|kept| kept.id == finding.id && subject(kept) == subject(&finding));
        let Some(kept) = same else {
            merged.push(finding);
            continue;
        };
        for evidence in finding.evidence {
            if kept.evidence.len() < EVIDENCE_CAP && !kept.evidence.contains(&evidence) {
                kept.evidence.push(evidence);
            }
        }
        for fix in finding.fix {
            let repeated = kept.fix.iter().any(|f| {
                f.label == fix.label || (fix.command.is_some() && f.command == fix.command)
            });
            if !repeated {
                kept.fix.push(fix);
            }
        }
        for affected in finding.affected {
            if !kept.affected.contains(&affected) {
                kept.affected.push(affected);
            }
        }
    }
    out.findings = merged;
}

const CREATE_THEN_ASSOCIATE: crate::rules::Text = crate::rules::Text {
    en: "create the instance profile and add the role to it, then replace the instance's association with it (a profile re-created under the old name does not repair the association by itself)",
    ja: "インスタンスプロファイルを作成してロールを追加し、そのうえでインスタンスの関連付けを置き換える (同じ名前で作り直しただけでは関連付けは直らない)",
};

/// Where the instance's profile was deleted or re-created, creating a profile alone repairs
/// nothing: a fix that creates one says that the association must be replaced afterwards.
fn resolve_contradictions(lang: Lang, out: &mut Diagnosis) {
    let stale = out.findings.iter().any(|f| {
        matches!(
            f.id,
            "instance-profile-deleted" | "instance-profile-recreated"
        )
    });
    if !stale {
        return;
    }
    for fix in out.findings.iter_mut().flat_map(|f| f.fix.iter_mut()) {
        if fix
            .command
            .as_deref()
            .is_some_and(|c| c.contains("create-instance-profile"))
        {
            fix.label = CREATE_THEN_ASSOCIATE.get(lang).to_owned();
        }
    }
}

/// The placeholders a rule wrote where its own inputs did not name the thing, filled in when
/// the case names exactly one thing of that kind elsewhere (an error message, an ARN, a command
/// line). Where it names several, the placeholder stays: which one is meant is the user's call.
fn fill_names(case: &Case, out: &mut Diagnosis) {
    let names = case.names();
    let fills: Vec<(&str, &str)> = Kind::ALL
        .iter()
        .filter_map(|kind| match names.all(*kind).as_slice() {
            [only] => Some((kind.placeholder(), *only)),
            _ => None,
        })
        .collect();
    if fills.is_empty() {
        return;
    }
    let fill = |text: &mut String| {
        for (placeholder, name) in &fills {
            if text.contains(placeholder) {
                // A quoted placeholder's quotes go too: a valid name needs none.
                *text = text
                    .replace(&format!("'{placeholder}'"), name)
                    .replace(placeholder, name);
            }
        }
    };
    for finding in &mut out.findings {
        fill(&mut finding.title);
        fill(&mut finding.explanation);
        for fix in &mut finding.fix {
            fill(&mut fix.label);
            fix.command.iter_mut().for_each(fill);
            fix.document.iter_mut().for_each(fill);
        }
    }
    for next in &mut out.next {
        fill(&mut next.command);
        fill(&mut next.why);
    }
    for checked in &mut out.checked {
        fill(&mut checked.what);
    }
}

/// Runs after every rule, on the sorted diagnosis.
pub fn finish(case: &Case, lang: Lang, out: &mut Diagnosis) {
    fill_names(case, out);
    merge_duplicates(out);
    resolve_contradictions(lang, out);
    for fix in out.findings.iter_mut().flat_map(|f| f.fix.iter_mut()) {
        if let Some(command) = &mut fix.command {
            *command = quote_placeholders(command);
        }
    }
    for next in &mut out.next {
        next.command = quote_placeholders(&next.command);
    }
}
