//! The guide as a checklist: sections S1–S6, each step marked answered-OK, answered-broken or
//! not yet known from the current case, with the command that would answer an unknown one.

use engine::finding::{Diagnosis, Section, Severity};
use engine::lang::Lang;
use yew::prelude::*;

use crate::case_view::Shared;
use crate::components::copy_button::CopyButton;
use crate::i18n::{t, Key};
use crate::render::inline_code;

#[derive(Properties, PartialEq)]
pub struct ChecklistProps {
    pub lang: Lang,
    pub diagnosis: Shared<Diagnosis>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum StepStatus {
    Ok,
    Broken,
    Unknown,
}

fn step_status(diagnosis: &Diagnosis, rule: &str) -> StepStatus {
    let found = diagnosis.findings.iter().filter(|f| f.id == rule);
    let mut status = None;
    for finding in found {
        status = Some(match finding.severity {
            Severity::Check => status.unwrap_or(StepStatus::Unknown),
            _ => StepStatus::Broken,
        });
    }
    match status {
        Some(status) => status,
        None if diagnosis.checked.iter().any(|c| c.id == rule) => StepStatus::Ok,
        None => StepStatus::Unknown,
    }
}

#[component]
pub fn Checklist(props: &ChecklistProps) -> Html {
    let lang = props.lang;
    let diagnosis = &props.diagnosis;
    html! {
        <div class="checklist" id="checklist">
            <p class="hint">{ t(lang, Key::ChecklistHint) }</p>
            { for Section::ALL.iter().map(|section| {
                let heading = format!("checklist-{}", section.id());
                let rules: Vec<_> = engine::rules::rules()
                    .iter()
                    .filter(|rule| rule.sections.contains(section))
                    .collect();
                html! {
                    <section class="checklist-section" aria-labelledby={heading.clone()} data-section={section.id()}>
                        <h3 id={heading}>{ format!("{} — {}", section.id(), section.title(lang)) }</h3>
                        <a href={section.url(lang)} hreflang={lang.code()} target="_blank" rel="noopener noreferrer">
                            { t(lang, Key::ChecklistGuide) }
                        </a>
                        <ol class="steps">
                            { for rules.iter().map(|rule| {
                                let status = step_status(diagnosis, rule.id);
                                let (class, key, mark) = match status {
                                    StepStatus::Ok => ("step-ok", Key::ChecklistOk, "✓"),
                                    StepStatus::Broken => ("step-broken", Key::ChecklistBroken, "✕"),
                                    StepStatus::Unknown => ("step-unknown", Key::ChecklistUnknown, "?"),
                                };
                                let next = (status == StepStatus::Unknown)
                                    .then(|| diagnosis.next.iter().find(|n| n.rule == Some(rule.id)))
                                    .flatten();
                                html! {
                                    <li class={classes!("step", class)} data-rule-id={rule.id} data-step-status={class.trim_start_matches("step-").to_owned()}>
                                        <span class="step-mark" aria-hidden="true">{ mark }</span>
                                        <span class="step-status">{ t(lang, key) }</span>
                                        { " " }
                                        <span class="step-what">{ inline_code(rule.summary.get(lang)) }</span>
                                        <code class="finding-id">{ rule.id }</code>
                                        if let Some(next) = next {
                                            <p class="step-run">{ t(lang, Key::ChecklistRun) }</p>
                                            <div class="command-box">
                                                <pre><code>{ next.command.clone() }</code></pre>
                                                <CopyButton text={next.command.clone()} label={Key::CopyCommand} {lang} />
                                            </div>
                                        }
                                    </li>
                                }
                            }) }
                        </ol>
                    </section>
                }
            }) }
        </div>
    }
}
