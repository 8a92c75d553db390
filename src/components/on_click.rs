//! A button's click that dispatches one action: a single closure type for the page's simple
//! buttons (each closure type is its own code in the wasm).

use yew::prelude::*;

use crate::state::{Action, State};

/// Dispatches `action(value)` on each click (`value`: a paste's id, or ignored).
pub fn dispatch_on_click(
    dispatch: &UseReducerDispatcher<State>,
    action: fn(u32) -> Action,
    value: u32,
) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| dispatch.dispatch(action(value)))
}
