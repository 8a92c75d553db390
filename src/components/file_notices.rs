//! The files that were not added, each named with what is wrong and what to do, until dismissed
//! or the case is cleared. The live region is always in the page, so that a screen reader
//! announces a notice when it appears.

use engine::lang::Lang;
use yew::prelude::*;

use crate::browser;
use crate::files::{FileProblem, LARGEST_FILE};
use crate::i18n::{t, tf, Key};
use crate::state::{Action, FileNotice, State};

#[derive(Properties, PartialEq)]
pub struct FileNoticesProps {
    pub lang: Lang,
    pub notices: Vec<FileNotice>,
    pub dispatch: UseReducerDispatcher<State>,
}

fn dismiss_id(notice: &FileNotice) -> String {
    format!("file-notice-{}-dismiss", notice.id)
}

/// Where the keyboard focus goes once a notice has gone: the next notice, else the one before,
/// else the paste area (the focused button itself is removed).
fn focus_after(notices: &[FileNotice], gone: usize) -> String {
    notices
        .get(gone + 1)
        .or_else(|| gone.checked_sub(1).and_then(|before| notices.get(before)))
        .map_or_else(|| "paste".to_owned(), dismiss_id)
}

#[component]
pub fn FileNotices(props: &FileNoticesProps) -> Html {
    let lang = props.lang;
    let ondismissall = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::DismissFileNotices);
            browser::after(0, || browser::focus_element("paste"));
        })
    };
    let limit = (LARGEST_FILE / (1024 * 1024)).to_string();
    let items = props.notices.iter().enumerate().map(|(position, notice)| {
        let onclick = {
            let dispatch = props.dispatch.clone();
            let id = notice.id;
            let next = focus_after(&props.notices, position);
            Callback::from(move |_: MouseEvent| {
                dispatch.dispatch(Action::DismissFileNotice(id));
                let next = next.clone();
                browser::after(0, move || browser::focus_element(&next));
            })
        };
        let size = match notice.problem {
            FileProblem::TooLarge { megabytes } => megabytes.to_string(),
            _ => String::new(),
        };
        let message = tf(
            lang,
            notice.problem.message(),
            &[("size", &size), ("limit", &limit)],
        );
        html! {
            <li key={notice.id} class="banner file-notice" data-file={notice.name.to_string()}
                data-problem={notice.problem.id()}>
                <strong class="file-name">{ notice.name.to_string() }</strong>
                <p>{ message }</p>
                <button type="button" class="link-button" id={dismiss_id(notice)} data-action="dismiss-file-notice"
                    aria-label={tf(lang, Key::FilesDismissLabel, &[("name", &*notice.name)])} {onclick}>
                    { t(lang, Key::FilesDismiss) }
                </button>
            </li>
        }
    });
    html! {
        <div class="file-notices" role="status" aria-live="polite">
            if !props.notices.is_empty() {
                <ul aria-label={t(lang, Key::FilesNotices)}>{ for items }</ul>
                if props.notices.len() > 1 {
                    <button type="button" class="link-button" data-action="dismiss-file-notices" onclick={ondismissall}>
                        { t(lang, Key::FilesDismissAll) }
                    </button>
                }
            }
        </div>
    }
}
