//! The diagnosis: findings in the engine's order (by severity), each with its evidence shown on
//! the user's own text, the fixes with a copy button each, the corrected document with a diff
//! against the pasted one, the guide link in the page's language; then what to paste next, or
//! a plain "healthy" with what was checked.

use engine::finding::{Checked, Confidence, Diagnosis, Evidence, Finding, Fix, FixKind};
use engine::lang::Lang;
use engine::rules::Case;
use yew::prelude::*;

use crate::browser;
use crate::case_view::{input_at, paste_secrets, pasted_document, Shared};
use crate::components::command_box::command_box;
use crate::components::input_view::go_to;
use crate::diff::{diff_lines, normalise_pair, DiffLine};
use crate::i18n::{t, tf, Key};
use crate::render::{excerpt_window, inline_code, render_segments, segments};
use crate::state::{Action, Paste, State};

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub lang: Lang,
    pub pastes: Vec<Paste>,
    pub case: Shared<Case>,
    /// A big paste is still being read: the diagnosis is not complete yet.
    pub reading: bool,
    pub diagnosis: Shared<Diagnosis>,
    pub revealed: Vec<u32>,
    /// The finding whose evidence is lit up in the texts.
    pub selected: Option<usize>,
    pub dispatch: UseReducerDispatcher<State>,
}

/// The id of a finding's element (the chain scrolls to it).
pub fn finding_element_id(index: usize) -> String {
    format!("finding-{index}")
}

#[component]
pub fn Findings(props: &FindingsProps) -> Html {
    let lang = props.lang;
    let diagnosis = &props.diagnosis;
    if props.pastes.is_empty() {
        return html! {
            <div class="findings" id="findings">
                <p class="empty">{ t(lang, Key::FindingsEmpty) }</p>
            </div>
        };
    }
    if props.reading {
        // No count and no "healthy" before every paste is read: they would be about part of
        // the case only.
        return html! {
            <div class="findings" id="findings">
                <p class="findings-reading" role="status">{ t(lang, Key::FindingsReading) }</p>
            </div>
        };
    }
    // The engine's verdict decides: never "no problem" for a case not read whole or not decided.
    let healthy = diagnosis.verdict.status == engine::verdict::Status::Healthy;
    html! {
        <div class="findings" id="findings">
            <p class="findings-count" role="status">
                { tf(lang, Key::FindingsCount, &[("count", &diagnosis.findings.len().to_string())]) }
            </p>
            if healthy {
                <div class="healthy" data-healthy="true">
                    <p class="healthy-title">{ t(lang, Key::FindingsHealthy) }</p>
                    if !diagnosis.checked.is_empty() {
                        <h3>{ t(lang, Key::FindingsChecked) }</h3>
                        <ul class="checked">
                            { for checked_groups(diagnosis).into_iter().map(|(checked, more)| html! {
                                <li data-rule-id={checked.id}>
                                    { inline_code(&checked.what) }
                                    if more > 0 {
                                        { " " }
                                        <span class="more">{ tf(lang, Key::FindingsCheckedMore, &[("count", &more.to_string())]) }</span>
                                    }
                                </li>
                            }) }
                        </ul>
                    }
                </div>
            }
            <ol class="finding-list">
                { for diagnosis.findings.iter().zip(finding_keys(&diagnosis.findings)).enumerate().map(|(index, (finding, key))| html! {
                    <li {key}>{ finding_card(props, index, finding) }</li>
                }) }
            </ol>
            if !diagnosis.next.is_empty() {
                <section class="next" aria-labelledby="next-title">
                    <h3 id="next-title">{ t(lang, Key::NextTitle) }</h3>
                    <ol>
                        { for diagnosis.next.iter().map(|next| html! {
                            <li class="next-step" data-rule-id={next.rule.unwrap_or_default()}>
                                <p>{ inline_code(&next.why) }</p>
                                { command_box(lang, "command-box", &next.command, Key::CopyCommand, None) }
                            </li>
                        }) }
                    </ol>
                </section>
            }
        </div>
    }
}

/// A key per finding that follows it when findings before it come or go: its id and how many
/// findings of that id precede it. Unkeyed, Yew matches list items from the end, so a finding
/// added after another took over that one's card, with the card's open explanation.
fn finding_keys(findings: &[Finding]) -> Vec<String> {
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    findings
        .iter()
        .map(|finding| {
            let before = seen.entry(finding.id).or_insert(0);
            let key = format!("{}#{before}", finding.id);
            *before += 1;
            key
        })
        .collect()
}

/// The checks that passed, one line per rule (a fleet can pass the same check thousands of
/// times): the first one's text and how many more there were.
fn checked_groups(diagnosis: &Diagnosis) -> Vec<(&Checked, usize)> {
    let mut groups: Vec<(&Checked, usize)> = Vec::new();
    for checked in &diagnosis.checked {
        match groups.iter_mut().find(|(first, _)| first.id == checked.id) {
            Some((_, more)) => *more += 1,
            None => groups.push((checked, 0)),
        }
    }
    groups
}

fn paragraphs(text: &str) -> Html {
    html! {
        { for text.split("\n\n").filter(|p| !p.trim().is_empty()).map(|p| html! { <p>{ inline_code(p.trim()) }</p> }) }
    }
}

fn finding_card(props: &FindingsProps, index: usize, finding: &Finding) -> Html {
    let lang = props.lang;
    let element_id = finding_element_id(index);
    let title_id = format!("{element_id}-title");
    let severity = finding.severity.id();
    let link = engine::chain::link_of(finding.id).map(|link| link.id());
    html! {
        <article class={classes!("finding", format!("severity-{severity}"), (props.selected == Some(index)).then_some("selected"))} id={element_id.clone()} tabindex="-1"
            data-finding-id={finding.id} data-severity={severity} data-chain-link={link} aria-labelledby={title_id.clone()}>
            <header class="finding-header">
                <span class={classes!("badge", format!("badge-{severity}"))}>{ finding.severity.label(lang) }</span>
                if let Some(section) = finding.section {
                    <span class="section-id">{ section.id() }</span>
                }
                <code class="finding-id">{ finding.id }</code>
                <h3 id={title_id}>{ inline_code(&finding.title) }</h3>
            </header>
            <div class="explanation">{ paragraphs(&finding.explanation) }</div>
            if let Some(note) = confidence_note(finding.confidence) {
                <p class="confidence">{ t(lang, note) }</p>
            }
            if !finding.evidence.is_empty() {
                <section class="evidence">
                    <h4>{ t(lang, Key::FindingEvidence) }</h4>
                    { for finding.evidence.iter().map(|evidence| evidence_view(props, index, evidence)) }
                </section>
            }
            if !finding.fix.is_empty() {
                <section class="fixes">
                    <h4>{ t(lang, Key::FindingFix) }</h4>
                    { for finding.fix.iter().map(|fix| fix_view(props, finding, fix)) }
                </section>
            }
            if !finding.affected.is_empty() {
                <section class="affected">
                    <h4>{ t(lang, Key::FindingAffected) }</h4>
                    <ul>{ for finding.affected.iter().map(|a| html! { <li><code>{ a.clone() }</code></li> }) }</ul>
                </section>
            }
            if let Some(explanation) = engine::rules::explain(finding.id, lang) {
                <details class="about">
                    <summary>{ t(lang, Key::FindingAbout) }</summary>
                    <div class="about-text">{ crate::markdown::render(explanation) }</div>
                </details>
            }
            if !finding.references.is_empty() {
                <section class="references">
                    <h4>{ t(lang, Key::FindingReferences) }</h4>
                    <ul>
                        { for finding.references.iter().map(|reference| html! {
                            <li>
                                <a href={reference.url.clone()} hreflang={lang.code()} target="_blank" rel="noopener noreferrer">
                                    { reference.title.clone() }
                                </a>
                            </li>
                        }) }
                    </ul>
                </section>
            }
        </article>
    }
}

fn confidence_note(confidence: Option<Confidence>) -> Option<Key> {
    match confidence {
        Some(Confidence::Likely) => Some(Key::FindingLikely),
        Some(Confidence::Possible) => Some(Key::FindingPossible),
        Some(Confidence::Certain) | None => None,
    }
}

fn evidence_view(props: &FindingsProps, index: usize, evidence: &Evidence) -> Html {
    let lang = props.lang;
    let Some((position, _)) = input_at(&props.case, evidence.input) else {
        return Html::default();
    };
    let (Some(engine_paste), Some(paste)) =
        (props.case.pastes.get(position), props.pastes.get(position))
    else {
        return Html::default();
    };
    let text = engine_paste.text.as_str();
    let secrets = if props.revealed.contains(&paste.id) {
        Vec::new()
    } else {
        paste_secrets(engine_paste)
    };
    let window = excerpt_window(text, evidence.span);
    let parts = segments(text, window, &[evidence.span], &secrets);
    // A window cut inside a long line says so.
    let cut_before = window.start > 0 && text.as_bytes().get(window.start - 1) != Some(&b'\n');
    let cut_after = window.end < text.len() && text.as_bytes().get(window.end) != Some(&b'\n');
    let where_ = tf(
        lang,
        Key::FindingEvidenceAt,
        &[
            ("paste", &(position + 1).to_string()),
            ("line", &evidence.line.to_string()),
            ("column", &evidence.column.to_string()),
        ],
    );
    let line = evidence.line;
    let paste_id = paste.id;
    let at = evidence.span.start;
    let ongoto = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| go_to(&dispatch, paste_id, at, line))
    };
    // Lights up this finding's spans in the texts and brings this one into view.
    let onshow = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::ShowText {
                paste: paste_id,
                at,
            });
            dispatch.dispatch(Action::Select(Some(index)));
            let selector = format!("#paste-{paste_id} [data-evidence-of=\"{index}\"]");
            browser::after(0, move || browser::reveal(&selector));
        })
    };
    html! {
        <figure class="evidence-item" data-input={evidence.input.to_string()}>
            <figcaption>
                <button type="button" class="link-button where" data-action="go-to-line" data-line={line.to_string()} onclick={ongoto}>{ where_ }</button>
                if let Some(path) = &evidence.path {
                    <code class="json-path">{ path.clone() }</code>
                }
                <button type="button" class="link-button" data-action="show-in-text" onclick={onshow}>
                    { t(lang, Key::FindingShowInText) }
                </button>
            </figcaption>
            <pre class="excerpt">
                if cut_before { { "…" } }
                { render_segments(text, &parts, t(lang, Key::SecretMasked)) }
                if cut_after { { "…" } }
            </pre>
        </figure>
    }
}

fn fix_view(props: &FindingsProps, finding: &Finding, fix: &Fix) -> Html {
    let lang = props.lang;
    let kind = match fix.kind {
        FixKind::Current => Key::FindingFixCurrent,
        FixKind::Guide => Key::FindingFixGuide,
    };
    let kind_id = match fix.kind {
        FixKind::Current => "current",
        FixKind::Guide => "guide",
    };
    html! {
        <div class={classes!("fix", format!("fix-{kind_id}"))} data-fix-kind={kind_id}>
            <p class="fix-label">
                <span class="fix-kind">{ t(lang, kind) }</span>
                { " " }
                { inline_code(&fix.label) }
            </p>
            if let Some(command) = &fix.command {
                { command_box(lang, "command-box", command, Key::CopyCommand, None) }
            }
            if let Some(document) = &fix.document {
                <h5>{ t(lang, Key::FindingCorrected) }</h5>
                { command_box(lang, "command-box document", document, Key::CopyDocument, None) }
                if let Some(pasted) = pasted_document(&props.case, finding) {
                    { diff_view(lang, &pasted.text, document) }
                }
            }
        </div>
    }
}

fn diff_view(lang: Lang, pasted: &str, corrected: &str) -> Html {
    let (old, new) = normalise_pair(pasted, corrected);
    let lines = diff_lines(&old, &new);
    if lines.iter().all(|line| matches!(line, DiffLine::Same(_))) {
        return Html::default();
    }
    html! {
        <>
            <h5>{ t(lang, Key::FindingDiff) }</h5>
            <pre class="diff">
                { for lines.iter().map(|line| match line {
                    DiffLine::Same(text) => html! { <span class="diff-same">{ format!("  {text}\n") }</span> },
                    DiffLine::Added(text) => html! { <ins class="diff-added">{ format!("+ {text}\n") }</ins> },
                    DiffLine::Removed(text) => html! { <del class="diff-removed">{ format!("- {text}\n") }</del> },
                }) }
            </pre>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::finding_keys;
    use engine::finding::{Finding, Severity};

    fn finding(id: &'static str) -> Finding {
        Finding {
            id,
            severity: Severity::Error,
            section: None,
            title: id.into(),
            explanation: String::new(),
            evidence: vec![],
            fix: vec![],
            references: vec![],
            confidence: None,
            affected: vec![],
        }
    }

    #[test]
    fn keys_are_unique_and_follow_a_finding_when_one_is_added_before_it() {
        let before = [
            finding("trust-policy"),
            finding("no-instance-profile"),
            finding("trust-policy"),
        ];
        let keys = finding_keys(&before);
        assert_eq!(
            keys,
            ["trust-policy#0", "no-instance-profile#0", "trust-policy#1"]
        );
        let mut after = vec![finding("clock-skew")];
        after.extend(before);
        let moved = finding_keys(&after);
        assert_eq!(moved[1..], keys[..], "the old findings keep their keys");
        let mut unique = moved.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), moved.len());
    }
}
