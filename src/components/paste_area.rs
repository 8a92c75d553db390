//! The one place to paste: a paste is added at once; typed (or scripted) text is added with the
//! `data-action="add-input"` button, which then clears the area. Files come in through the
//! picker here or a drop anywhere on the page.

use engine::lang::Lang;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::examples_menu::ExamplesMenu;
use crate::files::{self, Readers};
use crate::i18n::{t, Key};
use crate::state::{Action, State};

#[derive(Properties, PartialEq)]
pub struct PasteAreaProps {
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<State>,
    pub has_inputs: bool,
}

#[component]
pub fn PasteArea(props: &PasteAreaProps) -> Html {
    let lang = props.lang;
    let area = use_node_ref();
    let readers: Readers = use_mut_ref(Vec::new);
    let onpaste = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let text = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| data.get_data("text").ok())
                .unwrap_or_default();
            if !text.trim().is_empty() {
                event.prevent_default();
                dispatch.dispatch(Action::Add(text));
            }
        })
    };
    let onadd = {
        let dispatch = props.dispatch.clone();
        let area = area.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                dispatch.dispatch(Action::Add(area.value()));
                area.set_value("");
                let _ = area.focus();
            }
        })
    };
    let onfiles = {
        let dispatch = props.dispatch.clone();
        let readers = readers.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                if let Some(list) = input.files() {
                    files::read_all(list, dispatch.clone(), readers.clone());
                }
                input.set_value("");
            }
        })
    };
    let onclear = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::Clear))
    };
    html! {
        <section class="panel paste-panel" aria-labelledby="paste-title">
            <h2 id="paste-title">{ t(lang, Key::PasteTitle) }</h2>
            <label for="paste" class="paste-label">{ t(lang, Key::PasteLabel) }</label>
            <p id="paste-hint" class="hint">{ t(lang, Key::PasteHint) }</p>
            <textarea id="paste" ref={area} rows="8" spellcheck="false" autocomplete="off"
                aria-describedby="paste-hint" {onpaste} />
            <div class="actions">
                <button type="button" class="primary" data-action="add-input" onclick={onadd}>
                    { t(lang, Key::PasteAdd) }
                </button>
                <label class="button file-picker">
                    { t(lang, Key::PasteFiles) }
                    <input type="file" multiple=true class="visually-hidden" onchange={onfiles} />
                </label>
                <span class="hint">{ t(lang, Key::PasteDrop) }</span>
                if props.has_inputs {
                    <button type="button" data-action="clear" onclick={onclear}>
                        { t(lang, Key::PasteClear) }
                    </button>
                }
            </div>
            <ExamplesMenu {lang} dispatch={props.dispatch.clone()} />
        </section>
    }
}
