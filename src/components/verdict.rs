//! The verdict: the engine's one answer, above the findings. Its status (broken, healthy or
//! undecided), the link of the chain that breaks first, one line, and "do this next": the
//! ordered steps with a copy button each, marked "edit before running" where a name is still a
//! placeholder. A function of its own, so that the page's layout can place it anywhere.

use engine::finding::Diagnosis;
use engine::lang::Lang;
use engine::names::placeholders_in;
use yew::prelude::*;

use crate::case_view::Shared;
use crate::components::command_box::command_box;
use crate::i18n::{t, tf, Key};
use crate::render::inline_code;

pub struct VerdictProps<'a> {
    pub lang: Lang,
    pub diagnosis: &'a Shared<Diagnosis>,
    /// A big paste is still being read: no verdict about part of the case.
    pub reading: bool,
}

pub fn verdict_view(props: &VerdictProps) -> Html {
    let lang = props.lang;
    if props.reading {
        return Html::default();
    }
    let verdict = &props.diagnosis.verdict;
    let status = verdict.status.id();
    html! {
        <section class={classes!("panel", "verdict", format!("verdict-{status}"))} id="verdict"
            aria-labelledby="verdict-title" data-verdict-status={status}
            data-verdict-link={verdict.link.map(|link| link.id())}>
            <h2 id="verdict-title">
                { t(lang, Key::VerdictTitle) }{ ": " }
                <span class="verdict-status">{ verdict.status.label(lang) }</span>
            </h2>
            <p class="verdict-summary" role="status">{ inline_code(&verdict.summary) }</p>
            if !verdict.steps.is_empty() {
                <h3>{ t(lang, Key::VerdictSteps) }</h3>
                <ol class="verdict-steps">
                    { for verdict.steps.iter().map(|step| {
                        let edit = placeholders_in(&step.command);
                        html! {
                            <li class="verdict-step" data-rule-id={step.rule} data-edit={(!edit.is_empty()).then_some("true")}>
                                <p>{ inline_code(&step.why) }</p>
                                { command_box(lang, "command-box", &step.command, Key::CopyCommand, None) }
                                if !edit.is_empty() {
                                    <p class="edit-note">{ tf(lang, Key::VerdictEdit, &[("names", &edit.join(", "))]) }</p>
                                }
                            </li>
                        }
                    }) }
                </ol>
            }
        </section>
    }
}
