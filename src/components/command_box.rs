//! A command or document shown as code with its copy button: the block the findings, the
//! checklist and the Gather panel repeat. One function, so the page's wasm holds its elements
//! once instead of once per place.

use engine::lang::Lang;
use yew::prelude::*;

use crate::components::copy_button::CopyButton;
use crate::i18n::Key;

/// `class` is the box's (`command-box`, or `command-box document`); `scroll_label` names a
/// `<pre>` that scrolls (a whole script), which then takes the keyboard focus.
pub fn command_box(
    lang: Lang,
    class: &'static str,
    text: &str,
    label: Key,
    scroll_label: Option<&'static str>,
) -> Html {
    let text = AttrValue::from(text.to_owned());
    html! {
        <div {class}>
            <pre tabindex={scroll_label.map(|_| "0")} aria-label={scroll_label}><code>{ text.clone() }</code></pre>
            <CopyButton {text} {label} {lang} />
        </div>
    }
}
