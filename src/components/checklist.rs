//! The guide as a checklist: sections S1–S6, each step marked answered-OK, answered-broken or
//! not yet known from the current case, with the command that would answer an unknown one.

use engine::finding::{Diagnosis, Section, Severity};
use engine::lang::Lang;
use engine::rules::Case;
use yew::prelude::*;

use crate::case_view::Shared;
use crate::components::command_box::command_box;
use crate::i18n::{t, Key};
use crate::render::inline_code;

pub struct ChecklistProps<'a> {
    pub lang: Lang,
    pub case: &'a Shared<Case>,
    pub diagnosis: &'a Shared<Diagnosis>,
}

/// The Gather step whose output answers a guide step, when the diagnosis names no command of
/// its own (presentation: which command to show; the engine's `next` wins when it has one).
const ANSWERED_BY: &[(&str, &str)] = &[
    ("profile-name-differs-from-role", "get-instance-profile"),
    ("profile-role-limit", "get-instance-profile"),
    (
        "role-without-instance-profile",
        "list-instance-profiles-for-role",
    ),
    ("credentials-for-previous-role", "imds-credentials-listing"),
    ("instance-profile-empty", "get-instance-profile"),
    ("instance-profile-not-found", "get-instance-profile"),
    ("imds-unreachable", "imds-token"),
    ("no-instance-profile-associated", "describe-instances"),
    ("instance-profile-deleted", "imds-iam-info"),
    (
        "instance-profile-recreated",
        "instance-profile-associations",
    ),
    ("trust-policy-blocks-ec2", "get-role"),
];

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

/// A function, not a component: it keeps no state and is drawn only while its tab is open; a
/// component type costs ~1 KB of wasm.
pub fn checklist(props: &ChecklistProps) -> Html {
    let lang = props.lang;
    let diagnosis = &props.diagnosis;
    let gather_steps = engine::gather::steps(&engine::gather::request_for(props.case, lang));
    let pasted = engine::gather::pasted_steps(props.case);
    // The step whose output answers a guide step is already pasted: nothing to run.
    let answered_by_paste = |rule: &str| {
        ANSWERED_BY
            .iter()
            .find(|(id, _)| *id == rule)
            .is_some_and(|(_, step)| pasted.contains(step))
    };
    let command_for = |rule: &str| -> Option<String> {
        diagnosis
            .next
            .iter()
            .find(|n| n.rule == Some(rule))
            .map(|n| n.command.clone())
            .or_else(|| {
                let step = ANSWERED_BY.iter().find(|(id, _)| *id == rule)?.1;
                gather_steps
                    .iter()
                    .find(|s| s.id == step)
                    .map(|s| s.command.clone())
            })
    };
    html! {
        // Keyed: switching tabs replaces the panel instead of patching the other one into it.
        <div class="checklist" id="checklist" key="checklist">
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
                                let pasted = status == StepStatus::Unknown && answered_by_paste(rule.id);
                                let next = (status == StepStatus::Unknown && !pasted)
                                    .then(|| command_for(rule.id))
                                    .flatten();
                                html! {
                                    <li class={classes!("step", class)} data-rule-id={rule.id} data-step-status={class.trim_start_matches("step-").to_owned()}>
                                        <span class="step-mark" aria-hidden="true">{ mark }</span>
                                        <span class="step-status">{ t(lang, key) }</span>
                                        { " " }
                                        <span class="step-what">{ inline_code(rule.summary.get(lang)) }</span>
                                        <code class="finding-id">{ rule.id }</code>
                                        if pasted {
                                            <p class="step-pasted" data-pasted="true">{ "✓ " }{ t(lang, Key::ChecklistPasted) }</p>
                                        }
                                        if let Some(next) = next {
                                            <p class="step-run">{ t(lang, Key::ChecklistRun) }</p>
                                            { command_box(lang, "command-box", &next, Key::CopyCommand, None) }
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

#[cfg(test)]
mod tests {
    use super::ANSWERED_BY;

    #[test]
    fn every_answering_step_exists_for_a_rule_of_the_guide() {
        let steps = engine::gather::steps(&engine::gather::GatherRequest::default());
        for (rule, step) in ANSWERED_BY {
            let rule = engine::rules::rule(rule).unwrap_or_else(|| panic!("{rule} is not a rule"));
            assert!(!rule.sections.is_empty(), "{} is not a guide step", rule.id);
            assert!(
                steps.iter().any(|s| s.id == *step),
                "{step} is not a gather step"
            );
        }
    }
}
