//! The first visit: instead of an empty diagnosis, what to run and paste for each symptom (the
//! engine's Gather steps), and a visible "Try an example" (jwt.io and regex101 open with a
//! working sample).

use engine::gather::{self, GatherRequest, Symptom};
use engine::lang::Lang;
use yew::prelude::*;

use crate::components::command_box::command_box;
use crate::examples::EXAMPLES;
use crate::i18n::{t, Key};
use crate::state::{Action, State};

pub fn start_here(lang: Lang, dispatch: &UseReducerDispatcher<State>) -> Html {
    let steps = gather::steps(&GatherRequest {
        lang,
        ..GatherRequest::default()
    });
    let onexample = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(example) = EXAMPLES.first() {
                let texts = example
                    .pastes
                    .iter()
                    .map(|text| (*text).to_owned())
                    .collect();
                dispatch.dispatch(Action::Load(texts));
            }
        })
    };
    html! {
        // Keyed: the findings replace it once there are inputs.
        <div class="start-here" id="start-here" key="start-here">
            <h3>{ t(lang, Key::StartTitle) }</h3>
            <p class="hint">{ t(lang, Key::StartHint) }</p>
            <div class="start-example">
                <button type="button" class="primary" data-action="try-example" onclick={onexample}>
                    { t(lang, Key::StartExample) }
                </button>
            </div>
            { for Symptom::ALL.iter().map(|symptom| html! {
                <section class="symptom" data-symptom={symptom.id()} aria-labelledby={format!("symptom-{}", symptom.id())}>
                    <h4 id={format!("symptom-{}", symptom.id())}>{ symptom.title(lang) }</h4>
                    <p>{ symptom.what_to_paste(lang) }</p>
                    <ol class="gather-steps">
                        { for symptom.step_ids().iter().filter_map(|id| steps.iter().find(|step| step.id == *id)).map(|step| html! {
                            <li data-step={step.id}>
                                <p>{ step.title(lang) }</p>
                                { command_box(lang, "command-box", &step.command, Key::CopyCommand, None) }
                            </li>
                        }) }
                    </ol>
                </section>
            }) }
        </div>
    }
}
