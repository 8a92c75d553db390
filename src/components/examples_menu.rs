//! The Examples menu: worked cases that replace the current inputs.

use engine::lang::Lang;
use yew::prelude::*;

use crate::examples::EXAMPLES;
use crate::i18n::{t, Key};
use crate::state::{Action, State};

#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<State>,
}

#[component]
pub fn ExamplesMenu(props: &ExamplesMenuProps) -> Html {
    let lang = props.lang;
    html! {
        <details class="examples">
            <summary>{ t(lang, Key::ExamplesTitle) }</summary>
            <p class="hint">{ t(lang, Key::ExamplesHint) }</p>
            <ul class="example-list">
                { for EXAMPLES.iter().map(|example| {
                    let dispatch = props.dispatch.clone();
                    let onclick = Callback::from(move |_: MouseEvent| {
                        let texts = example.pastes.iter().map(|text| (*text).to_owned()).collect();
                        dispatch.dispatch(Action::Load(texts));
                    });
                    html! {
                        <li>
                            <button type="button" class="link-button" data-example={example.id} {onclick}>
                                { t(lang, example.title) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </details>
    }
}
