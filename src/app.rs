//! The top-level component: holds the state, derives the case and its diagnosis from the
//! pastes (live: no submit button), and lays out the page.

use engine::lang::Lang;
use engine::rules::{self, Case};
use yew::prelude::*;

use crate::browser;
use crate::case_view::Shared;
use crate::components::chain_view::{chain_view, ChainViewProps};
use crate::components::checklist::{checklist, ChecklistProps};
use crate::components::file_notices::FileNotices;
use crate::components::findings::Findings;
use crate::components::gather::{gather, GatherProps};
use crate::components::header::{header, HeaderProps};
use crate::components::input_list::{input_list, InputListProps};
use crate::components::on_click::dispatch_on_click;
use crate::components::paste_area::PasteArea;
use crate::components::share_dialog::ShareDialog;
use crate::components::start_here::start_here;
use crate::components::toast::{diagnosis_updated, undo_toast};
use crate::components::verdict::{verdict_view, VerdictProps};
use crate::files::{self, Readers};
use crate::i18n::{t, tf, Key};
use crate::link::{self, Opened};
use crate::reading::{self, ProgressBoard, Reads, SharedReads};
use crate::state::{focus, Action, State, Theme, View};

/// The language to start in: the one remembered, else the browser's first known one.
pub fn initial_lang() -> Lang {
    browser::setting("lang")
        .and_then(|tag| Lang::from_tag(&tag))
        .or_else(|| {
            browser::languages()
                .iter()
                .find_map(|tag| Lang::from_tag(tag))
        })
        .unwrap_or_default()
}

pub fn initial_theme() -> Theme {
    browser::setting("theme")
        .and_then(|id| Theme::from_id(&id))
        .unwrap_or_default()
}

fn view_label(view: View) -> Key {
    match view {
        View::Diagnosis => Key::ViewDiagnosis,
        View::Checklist => Key::ViewChecklist,
        View::Gather => Key::ViewGather,
    }
}

fn view_title(view: View) -> Key {
    match view {
        View::Diagnosis => Key::FindingsTitle,
        View::Checklist => Key::ChecklistTitle,
        View::Gather => Key::GatherTitle,
    }
}

/// The page's first state: the remembered settings, then the case of the link in the address.
fn initial_state() -> State {
    let state = State::new(initial_lang(), initial_theme());
    let action = match link::read(&browser::location_href().unwrap_or_default()) {
        Opened::Nothing => return state,
        Opened::Case(case) => Action::Open(case),
        Opened::Failed(error) => Action::LinkFailed(error),
    };
    let mut state = (*std::rc::Rc::new(state).reduce(action)).clone();
    // A reload is not someone opening a link: say what really happened.
    if let Some(opened) = &mut state.opened_link {
        opened.reloaded = browser::is_reload();
    }
    state.fresh = false;
    state
}

/// The address holds a case only when the user asks: the link the page was opened with, or the
/// one made with Share (see the Share button). Pasting, editing, the language and the view never
/// write the case into the address or the history. When the pastes change after that, the
/// fragment goes (`history.replaceState`, no history entry): the address no longer describes
/// the page. A link pasted into the address bar of this tab (`hashchange`) opens its case.
#[hook]
fn use_address(state: &UseReducerHandle<State>, dispatch: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let listener = browser::WindowListener::new("hashchange", move |_| {
            match link::read(&browser::location_href().unwrap_or_default()) {
                Opened::Nothing => {}
                Opened::Case(case) => dispatch.dispatch(Action::Open(case)),
                Opened::Failed(error) => dispatch.dispatch(Action::LinkFailed(error)),
            }
        });
        move || drop(listener)
    });
    let first = use_mut_ref(|| true);
    let snapshot = (**state).clone();
    use_effect_with(state.generation, move |_| {
        let first = std::mem::replace(&mut *first.borrow_mut(), false);
        if snapshot.link_error.is_some() {
            // A bad link goes.
            browser::replace_fragment(None);
        } else if snapshot.opened_link.is_some() {
            // The link the page was opened with stays, less any credential a link made by hand
            // carries.
            if let Opened::Case(case) = link::read(&browser::location_href().unwrap_or_default()) {
                if let Some(fragment) = link::scrubbed_fragment(&case) {
                    browser::replace_fragment(Some(&fragment));
                }
            }
        } else if !first {
            // Any other change of the pastes leaves the address without a case.
            browser::replace_fragment(None);
        }
    });
}

/// The views offered as tabs.
const VIEWS: [View; 3] = [View::Diagnosis, View::Checklist, View::Gather];

#[component]
pub fn App() -> Html {
    let state = use_reducer(initial_state);
    let lang = state.lang;
    let dispatch = state.dispatcher();
    use_address(&state, dispatch.clone());
    // The first render is on screen and answers input: the benchmark reads this mark.
    use_effect_with((), |_| browser::mark("ec2-iam-doctor:interactive"));
    use_effect_with(lang, |lang| {
        browser::set_root_attribute("lang", Some(lang.code()));
    });
    // Focus goes where the reducer says after each action (the next paste after Remove, the
    // paste after Save, the paste area after Remove all), once the page shows it.
    use_effect_with(state.focus, |target| {
        if let Some((_, target, paste)) = *target {
            let id = focus::element_id(target, paste);
            browser::after(0, move || browser::focus_element(&id));
        }
    });
    use_effect_with(state.theme, |theme| {
        let value = match theme {
            Theme::System => None,
            Theme::Light | Theme::Dark => Some(theme.id()),
        };
        browser::set_root_attribute("data-theme", value);
    });

    // Each paste is read once; big ones in the background (see `reading`).
    let reads: SharedReads = use_mut_ref(Reads::default);
    let progress = (*use_state(ProgressBoard::default)).clone();
    // A big paste whose editor is open is being replaced: its read is set aside (see `Reads`).
    let replacing = state.editing.map(|editing| editing.paste).filter(|id| {
        state.pastes.iter().any(|paste| {
            paste.id == *id
                && paste.text.len() > crate::components::input_list::SET_ASIDE_WHILE_EDITING
        })
    });
    let read_version = (state.generation, state.reads_done, replacing);
    let case = {
        let pastes = state.pastes.clone();
        let reads = reads.clone();
        use_memo(read_version, move |_| {
            let mut reads = reads.borrow_mut();
            reads.keep_only(&pastes);
            reads.set_aside(replacing);
            Case::from_pastes(pastes.iter().map(|paste| reads.paste_for(paste)).collect())
        })
    };
    // A paste whose new text is on its way is shown as being read: it is, next.
    let arriving = state.arriving.map(|(paste, _)| paste);
    let reading: Vec<u32> = {
        let reads = reads.borrow();
        state
            .pastes
            .iter()
            .filter(|paste| arriving == Some(paste.id) || reads.is_pending(paste))
            .map(|paste| paste.id)
            .collect()
    };
    {
        let reads = reads.clone();
        let pastes = state.pastes.clone();
        let progress = progress.clone();
        let reading = reading.clone();
        let dispatch = dispatch.clone();
        use_effect_with(read_version, move |_| {
            progress.keep_only(&reading);
            let to_read = |paste: &&crate::state::Paste| {
                reading.contains(&paste.id) && arriving != Some(paste.id)
            };
            for paste in pastes.iter().filter(to_read) {
                let dispatch = dispatch.clone();
                reading::read_in_background(reads.clone(), paste, progress.clone(), move || {
                    dispatch.dispatch(Action::ReadDone)
                });
            }
        });
    }
    let diagnosis = {
        let case = case.clone();
        use_memo((read_version, lang), move |(_, lang)| {
            rules::diagnose(&case, *lang)
        })
    };
    let case = Shared(case);
    let diagnosis = Shared(diagnosis);

    let onlang = {
        let dispatch = dispatch.clone();
        Callback::from(move |lang: Lang| {
            browser::remember("lang", lang.code());
            dispatch.dispatch(Action::SetLang(lang));
        })
    };
    let ontheme = {
        let dispatch = dispatch.clone();
        Callback::from(move |theme: Theme| {
            match theme {
                Theme::System => browser::forget("theme"),
                Theme::Light | Theme::Dark => browser::remember("theme", theme.id()),
            }
            dispatch.dispatch(Action::SetTheme(theme));
        })
    };

    let dragging = use_state(|| false);
    let readers: Readers = use_mut_ref(Vec::new);
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            if !*dragging {
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            // Leaving for a child element is not leaving the page.
            if event.related_target().is_none() {
                dragging.set(false);
            }
        })
    };
    let ondrop = {
        let dragging = dragging.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            if let Some(list) = event.data_transfer().and_then(|data| data.files()) {
                files::read_all(list, dispatch.clone(), readers.clone());
            }
        })
    };

    let sharing = use_state(|| false);
    let onshare = {
        let sharing = sharing.clone();
        let snapshot = (*state).clone();
        Callback::from(move |_: MouseEvent| {
            // Making a link is what puts the case in the address (credentials removed).
            browser::replace_fragment(link::fragment_of(&snapshot).as_deref());
            sharing.set(true);
        })
    };
    let onshareclose = {
        let sharing = sharing.clone();
        Callback::from(move |_: ()| {
            sharing.set(false);
            browser::after(0, || browser::focus_element("share-button"));
        })
    };
    let onexport = {
        let case = case.clone();
        let diagnosis = diagnosis.clone();
        Callback::from(move |_: MouseEvent| {
            // The engine's export, as the CLI prints it: findings and masked evidence, never
            // the pasted texts.
            let markdown = engine::report::markdown(&case, &diagnosis, lang, &[]);
            browser::download(
                "ec2-iam-doctor.md",
                "text/markdown;charset=utf-8",
                &markdown,
            );
        })
    };
    let ondismiss = dispatch_on_click(&dispatch, |_| Action::DismissLinkError, 0);
    let empty = state.pastes.is_empty();

    // The same count as the `secrets-in-input` finding's: one function, so they agree.
    let secrets = engine::rules::credentials::secrets_in_input::credential_count(&case);
    let tabs = VIEWS.iter().map(|&view| {
        let selected = state.view == view;
        let onclick = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::SetView(view)))
        };
        let onkeydown = {
            let dispatch = dispatch.clone();
            Callback::from(move |event: KeyboardEvent| {
                let index = VIEWS.iter().position(|v| *v == view).unwrap_or(0);
                let next = match event.key().as_str() {
                    "ArrowRight" => (index + 1) % VIEWS.len(),
                    "ArrowLeft" => (index + VIEWS.len() - 1) % VIEWS.len(),
                    _ => return,
                };
                event.prevent_default();
                if let Some(view) = VIEWS.get(next) {
                    dispatch.dispatch(Action::SetView(*view));
                    browser::reveal_element(&format!("tab-{}", view.id()));
                }
            })
        };
        html! {
            <button type="button" role="tab" id={format!("tab-{}", view.id())} aria-selected={selected.to_string()}
                aria-controls="view-panel" tabindex={if selected { "0" } else { "-1" }} data-view={view.id()}
                {onclick} {onkeydown}>
                { t(lang, view_label(view)) }
            </button>
        }
    });

    html! {
        <div class={classes!("app", dragging.then_some("dragging"))} {ondragover} {ondragleave} {ondrop}>
            <main class="page">
                { header(&HeaderProps { lang, theme: state.theme, onlang, ontheme }) }
                <p class="privacy">{ t(lang, Key::AppPrivacy) }</p>
                if let Some(opened) = state.opened_link {
                    <div class="banner link-opened" role="status" data-minimal={opened.minimal.to_string()}
                        data-anonymised={opened.anonymised.to_string()} data-removed={opened.removed.to_string()}
                        data-credentials={secrets.to_string()}>
                        { t(lang, if opened.reloaded { Key::LinkReopened } else { Key::LinkOpened }) }{ " " }
                        if secrets > 0 {
                            <strong>{ tf(lang, Key::LinkCarriesCredentials, &[("count", &secrets.to_string())]) }</strong>
                        } else if opened.removed > 0 {
                            { tf(lang, Key::LinkOpenedRemoved, &[("count", &opened.removed.to_string())]) }
                        } else {
                            { t(lang, Key::LinkOpenedClean) }
                        }
                        if opened.minimal { { " " }{ t(lang, Key::LinkOpenedMinimal) } }
                        if opened.anonymised { { " " }{ t(lang, Key::LinkOpenedAnonymised) } }
                    </div>
                }
                if let Some(error) = &state.link_error {
                    <div class="banner link-error" role="alert" data-error={error.code()}>
                        <strong>{ t(lang, Key::LinkErrorTitle) }</strong>{ " " }{ error.message(lang) }{ " " }
                        <button type="button" class="link-button" data-action="dismiss-link-error" onclick={ondismiss}>
                            { t(lang, Key::LinkDismiss) }
                        </button>
                    </div>
                }
                if secrets > 0 && state.opened_link.is_none() {
                    <div class="banner secrets-banner" role="status" data-secrets={secrets.to_string()}>
                        { tf(lang, Key::SecretsBanner, &[("count", &secrets.to_string())]) }
                    </div>
                }
                if *dragging {
                    <div class="drop-hint" aria-hidden="true">{ t(lang, Key::PasteDropHere) }</div>
                }
                <div class="layout">
                    <div class="column column-inputs">
                        <PasteArea {lang} dispatch={dispatch.clone()} has_inputs={!state.pastes.is_empty()} />
                        { undo_toast(lang, state.undo.as_ref(), &dispatch) }
                        <FileNotices {lang} notices={state.file_notices.clone()} dispatch={dispatch.clone()} />
                        { input_list(&InputListProps { lang, pastes: &state.pastes, case: &case, reading: &reading, progress: &progress,
                            revealed: &state.revealed, editing: state.editing, diagnosis: &diagnosis, selected: state.selected,
                            text_at: state.text_at, arriving: state.arriving, dispatch: &dispatch }) }
                    </div>
                    <div class="column column-results">
                        <div class="actions case-actions" role="group" aria-label={t(lang, Key::CaseActionsLabel)}>
                            <button type="button" id="share-button" data-action="share" aria-haspopup="dialog"
                                disabled={empty} onclick={onshare}>{ t(lang, Key::ShareButton) }</button>
                            <button type="button" data-action="export-markdown" disabled={empty} onclick={onexport}>
                                { t(lang, Key::ExportMarkdown) }
                            </button>
                        </div>
                        if !empty {
                            { verdict_view(&VerdictProps { lang, diagnosis: &diagnosis, reading: !reading.is_empty() }) }
                        }
                        { chain_view(&ChainViewProps { lang, diagnosis: &diagnosis, dispatch: &dispatch }) }
                        <section class="panel results" aria-labelledby="results-title">
                            <h2 id="results-title" tabindex="-1">{ t(lang, view_title(state.view)) }</h2>
                            <div class="tabs" role="tablist" aria-label={t(lang, Key::ViewLabel)}>{ for tabs }</div>
                            <div id="view-panel" role="tabpanel" aria-labelledby={format!("tab-{}", state.view.id())}>
                                { match state.view {
                                    View::Checklist => checklist(&ChecklistProps { lang, case: &case, diagnosis: &diagnosis }),
                                    View::Gather => gather(&GatherProps { lang, case: &case }),
                                    View::Diagnosis if empty => start_here(lang, &dispatch),
                                    View::Diagnosis => html! {
                                        <Findings {lang} pastes={state.pastes.clone()} case={case.clone()}
                                            reading={!reading.is_empty()}
                                            diagnosis={diagnosis.clone()} revealed={state.revealed.clone()}
                                            selected={state.selected} dispatch={dispatch.clone()} />
                                    },
                                } }
                            </div>
                        </section>
                    </div>
                </div>
                if *sharing {
                    <ShareDialog {lang} case={link::shared_case(&state)} read={case.clone()} diagnosis={diagnosis.clone()} onclose={onshareclose} />
                }
                { diagnosis_updated(lang, (state.fresh && !empty && reading.is_empty()).then_some(diagnosis.findings.len()), &dispatch) }
                <footer class="page-footer"><p>{ t(lang, Key::FooterText) }</p></footer>
            </main>
        </div>
    }
}
