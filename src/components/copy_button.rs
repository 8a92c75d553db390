//! A button that copies a text with the async Clipboard API and says whether it worked.

use engine::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::{t, Key};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Idle,
    Copied,
    Failed,
}

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    /// What is copied, for screen readers ("Copy the command").
    pub label: Key,
    pub lang: Lang,
    /// The button's own word when idle, if not "Copy".
    #[prop_or_default]
    pub shown: Option<Key>,
    /// `data-action` of the button.
    #[prop_or(AttrValue::Static("copy"))]
    pub action: AttrValue,
}

/// How long "Copied" (or "Copy failed") stays before the button reads "Copy" again.
const OUTCOME_MS: i32 = 2500;

#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let outcome = use_state(|| Outcome::Idle);
    let onclick = {
        let outcome = outcome.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let outcome = outcome.clone();
            browser::copy_text(&text, move |copied| {
                outcome.set(if copied {
                    Outcome::Copied
                } else {
                    Outcome::Failed
                });
                browser::after(OUTCOME_MS, move || outcome.set(Outcome::Idle));
            });
        })
    };
    let lang = props.lang;
    let shown = match *outcome {
        Outcome::Idle => t(lang, props.shown.unwrap_or(Key::CopyButton)),
        Outcome::Copied => t(lang, Key::CopyCopied),
        Outcome::Failed => t(lang, Key::CopyFailed),
    };
    html! {
        <button type="button" class="copy" data-action={props.action.clone()}
            aria-label={t(lang, props.label)} title={t(lang, props.label)} {onclick}>
            <span aria-live="polite">{ shown }</span>
        </button>
    }
}
