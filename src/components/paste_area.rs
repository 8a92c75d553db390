//! The one place to paste: a paste into the empty area is added at once; into typed text it
//! joins it. Typed (or scripted) text is added with the `data-action="add-input"` button or
//! Ctrl/Cmd+Enter, which then clear the area. Files come in through the
//! picker here or a drop anywhere on the page.

use engine::lang::Lang;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser::{self, JsText};
use crate::components::examples_menu::ExamplesMenu;
use crate::files::{self, Readers};
use crate::i18n::{t, Key};
use crate::reading::READ_AT_ONCE;
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
        let area = area.clone();
        Callback::from(move |event: Event| {
            let Some(text) = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(JsText::pasted)
            else {
                return;
            };
            let typed = area
                .cast::<HtmlTextAreaElement>()
                .is_some_and(|area| !area.value().trim().is_empty());
            if !typed && text.units() as usize > READ_AT_ONCE {
                if text.is_blank() {
                    return;
                }
                event.prevent_default();
                // A big paste comes into the wasm memory once what the undo keeps (a removed
                // paste's text, as big) has gone: see `Action::DropUndo`.
                dispatch.dispatch(Action::DropUndo);
                let dispatch = dispatch.clone();
                // After the render that lets the undo go (renders run before timers).
                browser::after(0, move || {
                    dispatch.dispatch(Action::Add(text.into_string()))
                });
                return;
            }
            let text = text.into_string();
            if text.trim().is_empty() {
                return;
            }
            event.prevent_default();
            match area.cast::<HtmlTextAreaElement>() {
                // Typed text (a command, a note) and the paste that follows are one input: the
                // paste goes in where the cursor is, and the button or Ctrl+Enter adds both.
                Some(area) if !area.value().trim().is_empty() => {
                    let start = area.selection_start().ok().flatten().unwrap_or(0);
                    let end = area.selection_end().ok().flatten().unwrap_or(start);
                    let _ = area.set_range_text_with_start_and_end(&text, start, end);
                    // The cursor after the pasted text, as a browser's own paste leaves it.
                    let after = start
                        .saturating_add(u32::try_from(text.encode_utf16().count()).unwrap_or(0));
                    let _ = area.set_selection_range(after, after);
                }
                _ => dispatch.dispatch(Action::Add(text)),
            }
        })
    };
    let add = {
        let dispatch = props.dispatch.clone();
        let area = area.clone();
        move || {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                dispatch.dispatch(Action::Add(area.value()));
                area.set_value("");
                let _ = area.focus();
            }
        }
    };
    let onadd = {
        let add = add.clone();
        Callback::from(move |_: MouseEvent| add())
    };
    // Ctrl+Enter (⌘+Enter on a Mac) adds what is in the box, like the button.
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" && (event.ctrl_key() || event.meta_key()) {
            event.prevent_default();
            add();
        }
    });
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
                aria-describedby="paste-hint" {onpaste} {onkeydown} />
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
