//! The case in the address, only when the user asks: the link the page was opened with, or the one
//! the Share button makes (pasted texts, language, view), in the engine's share format
//! (`engine::share`), so the address reopens the same findings. Pasting never writes the address.
//! The fragment is never sent to a server, and the engine replaces every secret with a stand-in
//! before encoding.

use engine::lang::Lang;
use engine::share::{self, ShareError, ShareOptions};

use crate::state::{State, View};

/// The case as a link carries it: the pastes, the language and a view other than the default.
pub fn shared_case(state: &State) -> share::Case {
    share::Case {
        inputs: state
            .pastes
            .iter()
            .map(|paste| paste.text.to_string())
            .collect(),
        lang: Some(state.lang),
        view: (state.view != View::default()).then(|| state.view.id().to_owned()),
        ..share::Case::default()
    }
}

/// The fragment (without `#`) for the page's state: `None` when there is nothing to keep (no
/// pastes) or the case is too large for a link.
pub fn fragment_of(state: &State) -> Option<String> {
    let options = ShareOptions::default();
    let total = state.pastes.iter().map(|paste| paste.text.len()).sum();
    // A case too large for a link is known by its size: no copy of a 100 MB paste to learn it.
    if state.pastes.is_empty() || share::too_large(total, &options) {
        return None;
    }
    share::encode(&shared_case(state), &options).ok()
}

/// The fragment of an opened link's case with its credentials replaced by stand-ins, when the
/// link carried any (a link made or edited by hand); `None` when it carries none.
pub fn scrubbed_fragment(case: &share::Case) -> Option<String> {
    let options = ShareOptions {
        keep_authorization_messages: case.authorization_messages_kept,
        ..ShareOptions::default()
    };
    let preview = share::preview(case, &options);
    let credentials = preview
        .removed
        .iter()
        .any(|removed| removed.kind.is_credential());
    if !credentials {
        return None;
    }
    share::encode(case, &options).ok()
}

/// What an address holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Opened {
    /// No fragment, or one that is not meant as a link (an in-page anchor).
    Nothing,
    Case(share::Case),
    Failed(ShareError),
}

/// Reads the case from a whole address (`location.href`): everything after the first `#`.
pub fn read(href: &str) -> Opened {
    let Some((_, fragment)) = href.split_once('#') else {
        return Opened::Nothing;
    };
    if fragment.is_empty() {
        return Opened::Nothing;
    }
    match share::decode(fragment) {
        Ok(case) => Opened::Case(case),
        // `#top` and other anchors are not links gone wrong.
        Err(ShareError::NotALink) => Opened::Nothing,
        Err(error) => Opened::Failed(error),
    }
}

/// The view a link names, if the page has it.
pub fn view_of(case: &share::Case) -> View {
    case.view
        .as_deref()
        .and_then(|id| View::ALL.into_iter().find(|view| view.id() == id))
        .unwrap_or_default()
}

/// The language a link names, else the page's own.
pub fn lang_of(case: &share::Case, current: Lang) -> Lang {
    case.lang.unwrap_or(current)
}

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use super::*;
    use crate::state::{Action, State};
    use yew::Reducible;

    const CREDENTIALS: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/imds-security-credentials/ec2-user-guide-success-s3access.json"
    ));

    fn state_with(texts: &[&str], view: View, lang: Lang) -> State {
        let state = Rc::new(State::new(lang, Default::default()));
        let state = state.reduce(Action::Load(
            texts.iter().map(|t| (*t).to_owned()).collect(),
        ));
        let state = state.reduce(Action::SetView(view));
        (*state).clone()
    }

    #[test]
    fn the_address_reopens_the_case_without_its_secrets() {
        let state = state_with(&[CREDENTIALS], View::Checklist, Lang::Ja);
        let fragment = fragment_of(&state).unwrap_or_default();
        assert!(fragment.starts_with("v1/"), "{fragment}");
        let Opened::Case(case) = read(&format!("https://docs.example/tools/#{fragment}")) else {
            panic!("the fragment does not open");
        };
        assert_eq!(view_of(&case), View::Checklist);
        assert_eq!(lang_of(&case, Lang::En), Lang::Ja);
        assert_eq!(case.inputs.len(), 1);
        for secret in [
            "ASIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        ] {
            assert!(CREDENTIALS.contains(secret));
            assert!(!fragment.contains(secret));
            assert!(!case.inputs[0].contains(secret), "{secret} came back");
        }
        assert!(case.inputs[0].contains("\"SecretAccessKey\""));
    }

    #[test]
    fn an_empty_page_has_no_fragment_and_anchors_are_not_links() {
        assert_eq!(fragment_of(&State::default()), None);
        assert_eq!(read("https://x.example/"), Opened::Nothing);
        assert_eq!(read("https://x.example/#"), Opened::Nothing);
        assert_eq!(read("https://x.example/#results-title"), Opened::Nothing);
    }

    #[test]
    fn damaged_links_fail_with_a_reason() {
        let long = format!("x#v1/{}", "A".repeat(5000));
        for href in ["x#v1/AAAA", long.as_str(), "x#v9/x", "x#v1/<img src=x>"] {
            assert!(
                matches!(read(href), Opened::Failed(_)),
                "{href:.40} should fail"
            );
        }
    }
}
