//! Notices: the undo toast after Remove, Remove all, loading an example or a repair (in the
//! page's flow above the inputs, so it never covers them); and, on a narrow screen where the
//! diagnosis is far below the inputs, word at the foot of the screen that it changed, with a
//! jump to it.

use engine::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::components::on_click::dispatch_on_click;
use crate::i18n::{t, tf, Key};
use crate::state::{Action, State, Undo, Undone};

fn undo_message(lang: Lang, what: Undone) -> String {
    match what {
        Undone::Removed(n) => tf(lang, Key::UndoRemoved, &[("n", &n.to_string())]),
        Undone::Cleared => t(lang, Key::UndoCleared).to_owned(),
        Undone::Loaded(true) => t(lang, Key::UndoLoaded).to_owned(),
        Undone::Loaded(false) => t(lang, Key::UndoLoadedEmpty).to_owned(),
        Undone::Repaired(n) => tf(lang, Key::UndoRepaired, &[("n", &n.to_string())]),
    }
}

pub fn undo_toast(lang: Lang, undo: Option<&Undo>, dispatch: &UseReducerDispatcher<State>) -> Html {
    let onundo = dispatch_on_click(dispatch, |_| Action::Undo, 0);
    html! {
        // Always in the page, so screen readers hear what is put in it.
        <div class="toast-live" role="status">
            if let Some(undo) = undo {
                <div class="toast undo-toast">
                    <span>{ undo_message(lang, undo.what) }</span>
                    <button type="button" class="primary" data-action="undo" onclick={onundo}>{ t(lang, Key::UndoButton) }</button>
                </div>
            }
        </div>
    }
}

/// `updated`: the number of findings, when the diagnosis changed since the user last looked.
pub fn diagnosis_updated(
    lang: Lang,
    updated: Option<usize>,
    dispatch: &UseReducerDispatcher<State>,
) -> Html {
    let onjump = {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::SeenDiagnosis);
            browser::reveal("#results-title");
        })
    };
    html! {
        <div class="toast-live diagnosis-updated-live" role="status">
            if let Some(count) = updated {
                <div class="toast diagnosis-updated">
                    <span>{ tf(lang, Key::UpdatedText, &[("count", &count.to_string())]) }</span>
                    <button type="button" data-action="jump-to-diagnosis" onclick={onjump}>{ t(lang, Key::UpdatedJump) }</button>
                </div>
            }
        </div>
    }
}
