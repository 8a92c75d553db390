//! The Share dialog: the options of a link (minimal, anonymised, authorization messages kept),
//! exactly what the link will carry (the engine's `share::preview`), the secrets it leaves out,
//! and the link itself with its length and a copy button.
//!
//! A modal `<dialog>` (`showModal`): the browser keeps focus inside it and makes the page behind
//! it inert; Escape closes it.

use engine::finding::Diagnosis;
use engine::input::SecretKind;
use engine::lang::Lang;
use engine::rules::{self, Case};
use engine::share::{self, Form, ShareOptions};
use web_sys::{HtmlDialogElement, HtmlInputElement};
use yew::prelude::*;

use crate::browser;
use crate::case_view::Shared;
use crate::components::copy_button::CopyButton;
use crate::i18n::{t, tf, Key};

/// Characters of each text shown in the dialog; the link carries them all.
const SHOWN_CHARS: usize = 20_000;

#[derive(Properties, PartialEq)]
pub struct ShareDialogProps {
    pub lang: Lang,
    /// The case as the address carries it (the page's pastes, language and view).
    pub case: share::Case,
    /// The page's case and diagnosis: what the reader should see, and the Markdown copy.
    pub read: Shared<Case>,
    pub diagnosis: Shared<Diagnosis>,
    pub onclose: Callback<()>,
}

/// The setting that remembers where the page is hosted, for links made from a `file://` page.
const HOSTED_SETTING: &str = "hosted-url";

/// The base of a link: the page's own address, or from a file the hosted address the user gave
/// (`None` until it is an http(s) address).
fn link_base(hosted: &str) -> Option<String> {
    if !browser::is_file_page() {
        return Some(browser::base_url());
    }
    let hosted = hosted.trim();
    let valid =
        hosted.starts_with("http") && hosted.contains("://") && !hosted.contains([' ', '#']);
    valid.then(|| hosted.to_owned())
}

/// (findings, passed checks) of the case a minimal link carries, when they differ from what the
/// page shows: the reader of that link would see another diagnosis.
fn minimal_changes(preview: &share::Case, shown: &Diagnosis, lang: Lang) -> Option<(usize, usize)> {
    let reread = rules::diagnose(&Case::read(&preview.inputs), lang);
    let ids = |d: &Diagnosis| d.findings.iter().map(|f| f.id).collect::<Vec<_>>();
    let same = ids(&reread) == ids(shown) && reread.checked.len() == shown.checked.len();
    (!same).then_some((reread.findings.len(), reread.checked.len()))
}

fn kind_label(kind: SecretKind) -> Key {
    match kind {
        SecretKind::AccessKeyId => Key::SecretKindAccessKeyId,
        SecretKind::SecretAccessKey => Key::SecretKindSecretAccessKey,
        SecretKind::SessionToken => Key::SecretKindSessionToken,
        SecretKind::ImdsToken => Key::SecretKindImdsToken,
        SecretKind::EncodedAuthorizationMessage => Key::SecretKindAuthorizationMessage,
        SecretKind::Signature => Key::SecretKindSignature,
        SecretKind::AccessToken => Key::SecretKindAccessToken,
        SecretKind::ClientSecret => Key::SecretKindClientSecret,
        SecretKind::WebIdentityToken => Key::SecretKindWebIdentityToken,
        SecretKind::KeyMaterial => Key::SecretKindKeyMaterial,
    }
}

/// The start of `text`, at most `chars` characters, and how many were left out.
fn shown(text: &str, chars: usize) -> (&str, usize) {
    match text.char_indices().nth(chars) {
        Some((at, _)) => (
            text.get(..at).unwrap_or(text),
            text.get(at..).map_or(0, |rest| rest.chars().count()),
        ),
        None => (text, 0),
    }
}

#[component]
pub fn ShareDialog(props: &ShareDialogProps) -> Html {
    let lang = props.lang;
    let options = use_state(ShareOptions::default);
    let dialog = use_node_ref();
    {
        let dialog = dialog.clone();
        use_effect_with((), move |_| {
            if let Some(dialog) = dialog.cast::<HtmlDialogElement>() {
                let _ = dialog.show_modal();
            }
        });
    }
    let hosted = use_state(|| browser::setting(HOSTED_SETTING).unwrap_or_default());
    let preview = {
        let case = props.case.clone();
        let read = props.read.clone();
        let diagnosis = props.diagnosis.clone();
        use_memo((*options, (*hosted).clone()), move |(options, hosted)| {
            let preview = share::preview(&case, options);
            let base = link_base(hosted);
            let link = share::encode(&case, options)
                .map(|fragment| base.map(|base| format!("{base}#{fragment}")));
            let changes = (options.form == Form::Minimal)
                .then(|| minimal_changes(&preview.case, &diagnosis, lang))
                .flatten();
            // The engine's export (findings, fixes, masked evidence), then the link: fit for a
            // ticket.
            let mut markdown = engine::report::markdown(&read, &diagnosis, lang, &[]);
            if let Ok(Some(link)) = &link {
                markdown = format!(
                    "{}\n\n**{}**: <{link}>\n",
                    markdown.trim_end(),
                    t(lang, Key::ShareLink)
                );
            }
            (preview, link, changes, markdown)
        })
    };
    let (preview, link, changes, markdown) = &*preview;
    let onhosted = {
        let hosted = hosted.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let value = input.value();
                if link_base(&value).is_some() {
                    browser::remember(HOSTED_SETTING, value.trim());
                }
                hosted.set(value);
            }
        })
    };

    let toggle = |change: fn(&mut ShareOptions, bool)| {
        let options = options.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<HtmlInputElement>() {
                let mut next = *options;
                change(&mut next, input.checked());
                options.set(next);
            }
        })
    };
    let onminimal = toggle(|o, on| o.form = if on { Form::Minimal } else { Form::Full });
    let onanonymise = toggle(|o, on| o.anonymise = on);
    let onkeep = toggle(|o, on| o.keep_authorization_messages = on);
    let onclose = {
        let close = props.onclose.clone();
        Callback::from(move |_: MouseEvent| close.emit(()))
    };
    // Escape: the dialog's `cancel` event. The page closes it (removes it) itself.
    let oncancel = {
        let close = props.onclose.clone();
        Callback::from(move |event: Event| {
            event.prevent_default();
            close.emit(());
        })
    };

    // One line per paste and kind: "Paste 1: secret access key (1)".
    let mut removed: Vec<(usize, SecretKind, usize)> = Vec::new();
    for secret in &preview.removed {
        match removed
            .iter_mut()
            .find(|(input, kind, _)| *input == secret.input && *kind == secret.kind)
        {
            Some(line) => line.2 += 1,
            None => removed.push((secret.input, secret.kind, 1)),
        }
    }

    let texts = preview.case.inputs.iter().enumerate().map(|(index, text)| {
        let number = (index + 1).to_string();
        let (start, left) = shown(text, SHOWN_CHARS);
        html! {
            <figure class="share-text" data-share-input={index.to_string()}>
                <figcaption id={format!("share-text-{index}")}>{ tf(lang, Key::InputsPaste, &[("n", &number)]) }</figcaption>
                if text.is_empty() {
                    <p class="hint">{ t(lang, Key::ShareTextEmpty) }</p>
                } else {
                    // Scrollable, so reachable by keyboard.
                    <pre tabindex="0" role="region" aria-labelledby={format!("share-text-{index}")}>{ start }</pre>
                }
                if left > 0 {
                    <p class="hint">{ tf(lang, Key::ShareTextCut, &[("count", &left.to_string())]) }</p>
                }
            </figure>
        }
    });

    html! {
        <dialog ref={dialog} class="share-dialog" id="share-dialog" aria-labelledby="share-title"
            aria-describedby="share-hint" {oncancel}>
            <h2 id="share-title">{ t(lang, Key::ShareTitle) }</h2>
            <p id="share-hint" class="hint">{ crate::render::inline_code(t(lang, Key::ShareHint)) }</p>
            <fieldset class="share-options">
                <legend>{ t(lang, Key::ShareOptions) }</legend>
                <label><input type="checkbox" id="share-minimal" checked={options.form == Form::Minimal}
                    onchange={onminimal} />{ " " }{ t(lang, Key::ShareMinimal) }</label>
                <label><input type="checkbox" id="share-anonymise" checked={options.anonymise}
                    onchange={onanonymise} />{ " " }{ t(lang, Key::ShareAnonymise) }</label>
                <label><input type="checkbox" id="share-keep-authorization"
                    checked={options.keep_authorization_messages} onchange={onkeep} />
                    { " " }{ t(lang, Key::ShareKeepAuthorization) }</label>
            </fieldset>
            if let Some((findings, checked)) = changes {
                <p class="banner share-minimal-warning" role="alert">
                    { tf(lang, Key::ShareMinimalChanges, &[
                        ("findings", &props.diagnosis.findings.len().to_string()),
                        ("checked", &props.diagnosis.checked.len().to_string()),
                        ("minimal_findings", &findings.to_string()),
                        ("minimal_checked", &checked.to_string()),
                    ]) }
                </p>
            }
            <h3>{ t(lang, Key::ShareLink) }</h3>
            if browser::is_file_page() {
                <div class="share-hosted">
                    <label for="share-hosted">{ t(lang, Key::ShareHostedLabel) }</label>
                    <p id="share-hosted-hint" class="hint">{ t(lang, Key::ShareHostedHint) }</p>
                    <input type="url" id="share-hosted" aria-describedby="share-hosted-hint" placeholder="https://"
                        value={(*hosted).clone()} oninput={onhosted} />
                </div>
            }
            { match link {
                Ok(None) => html! {
                    <p class="hint share-hosted-needed">{ t(lang, Key::ShareHostedNeeded) }</p>
                },
                Ok(Some(link)) => html! {
                    <div class="share-link">
                        <label for="share-link" class="visually-hidden">{ t(lang, Key::ShareLink) }</label>
                        <textarea id="share-link" readonly=true rows="3" value={link.clone()} />
                        <p class="share-length" data-length={link.chars().count().to_string()}>
                            { tf(lang, Key::ShareLength, &[("count", &link.chars().count().to_string())]) }
                        </p>
                        <CopyButton text={AttrValue::from(link.clone())} label={Key::ShareCopy} {lang} />
                    </div>
                },
                Err(error) => html! {
                    <p class="banner share-error" role="alert" data-error={error.code()}>{ error.message(lang) }</p>
                },
            } }
            <div class="share-markdown">
                <CopyButton text={AttrValue::from(markdown.clone())} label={Key::ShareMarkdown} {lang}
                    shown={Some(Key::ShareMarkdown)} action="copy-markdown" />
            </div>
            <h3>{ t(lang, Key::ShareContents) }</h3>
            <p class="share-carries">{ tf(lang, Key::ShareCarries, &[("count", &preview.case.inputs.len().to_string())]) }</p>
            <ul class="share-removed">
                if removed.is_empty() {
                    <li>{ t(lang, Key::ShareRemovedNone) }</li>
                }
                { for removed.iter().map(|(input, kind, count)| html! {
                    <li data-removed-kind={format!("{kind:?}")}>
                        { tf(lang, Key::ShareRemoved, &[
                            ("paste", &(input + 1).to_string()),
                            ("kind", t(lang, kind_label(*kind))),
                            ("count", &count.to_string()),
                        ]) }
                    </li>
                }) }
            </ul>
            { for texts }
            <div class="actions">
                <button type="button" class="primary" data-action="close-share" onclick={onclose}>
                    { t(lang, Key::ShareClose) }
                </button>
            </div>
        </dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::shown;

    #[test]
    fn long_texts_are_cut_on_a_character() {
        assert_eq!(shown("abc", 5), ("abc", 0));
        assert_eq!(shown("日本語テキスト", 3), ("日本語", 4));
    }
}
