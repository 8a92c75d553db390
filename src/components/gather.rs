//! The Gather panel: the commands to run on the instance (IMDSv2 first, IMDSv1 fallback) and
//! with the AWS CLI, as the engine lists them, filled with the names the case already shows
//! (the engine's [`engine::names`], the same names as the findings').
//! The scripts print a transcript that can be pasted back whole.

use engine::gather::{self, GatherRequest, Where};
use engine::lang::Lang;
use engine::rules::Case;
use yew::prelude::*;

use crate::case_view::Shared;
use crate::components::command_box::command_box;
use crate::i18n::{t, Key};

pub struct GatherProps<'a> {
    pub lang: Lang,
    pub case: &'a Shared<Case>,
}

/// A function, not a component: it keeps no state and is drawn only while its tab is open; a
/// component type costs ~1 KB of wasm.
pub fn gather(props: &GatherProps) -> Html {
    let lang = props.lang;
    let request = gather::request_for(props.case, lang);
    let steps = gather::steps(&request);
    let pasted = gather::pasted_steps(props.case);
    html! {
        // Keyed: switching tabs replaces the panel instead of patching the other one into it.
        <div class="gather" id="gather" key="gather">
            <p class="hint">{ t(lang, Key::GatherHint) }</p>
            { for Where::ALL.iter().map(|place| {
                let script = gather::shell_script(&GatherRequest { place: *place, ..request.clone() });
                let heading = format!("gather-{}", place.id());
                html! {
                    <section class="gather-place" aria-labelledby={heading.clone()} data-place={place.id()}>
                        <h3 id={heading}>{ place.title(lang) }</h3>
                        <ol class="gather-steps">
                            { for steps.iter().filter(|step| step.where_ == *place).map(|step| html! {
                                <li data-step={step.id} data-pasted={pasted.contains(&step.id).then_some("true")}>
                                    <p>
                                        { step.title(lang) }
                                        if pasted.contains(&step.id) {
                                            { " " }<span class="step-pasted">{ "✓ " }{ t(lang, Key::GatherPasted) }</span>
                                        }
                                    </p>
                                    { command_box(lang, "command-box", &step.command, Key::CopyCommand, None) }
                                </li>
                            }) }
                        </ol>
                        <details class="gather-script">
                            <summary>{ t(lang, Key::GatherScript) }</summary>
                            { command_box(lang, "command-box", &script, Key::CopyScript, Some(place.title(lang))) }
                        </details>
                    </section>
                }
            }) }
        </div>
    }
}
