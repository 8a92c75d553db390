//! The top-level component: holds the state, derives the case and its diagnosis from the
//! pastes (live: no submit button), and lays out the page.

use engine::lang::Lang;
use engine::rules::{self, Case};
use yew::prelude::*;

use crate::browser;
use crate::case_view::{secret_count, Shared};
use crate::components::chain_view::ChainView;
use crate::components::checklist::Checklist;
use crate::components::findings::Findings;
use crate::components::gather::Gather;
use crate::components::header::Header;
use crate::components::input_list::InputList;
use crate::components::paste_area::PasteArea;
use crate::files::{self, Readers};
use crate::i18n::{t, tf, Key};
use crate::state::{Action, State, Theme, View};

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

/// The views offered as tabs.
const VIEWS: [View; 3] = [View::Diagnosis, View::Checklist, View::Gather];

#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State::new(initial_lang(), initial_theme()));
    let lang = state.lang;
    // The first render is on screen and answers input: the benchmark reads this mark.
    use_effect_with((), |_| browser::mark("ec2-iam-doctor:interactive"));
    use_effect_with(lang, |lang| {
        browser::set_root_attribute("lang", Some(lang.code()));
    });
    use_effect_with(state.theme, |theme| {
        let value = match theme {
            Theme::System => None,
            Theme::Light | Theme::Dark => Some(theme.id()),
        };
        browser::set_root_attribute("data-theme", value);
    });

    let case = {
        let pastes = state.pastes.clone();
        use_memo(state.generation, move |_| {
            let texts: Vec<&str> = pastes.iter().map(|paste| &*paste.text).collect();
            Case::read(&texts)
        })
    };
    let diagnosis = {
        let case = case.clone();
        use_memo((state.generation, lang), move |(_, lang)| {
            rules::diagnose(&case, *lang)
        })
    };
    let case = Shared(case);
    let diagnosis = Shared(diagnosis);

    let dispatch = state.dispatcher();
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

    let secrets = secret_count(&case);
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
                <Header {lang} theme={state.theme} {onlang} {ontheme} />
                <p class="privacy">{ t(lang, Key::AppPrivacy) }</p>
                if secrets > 0 {
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
                        <InputList {lang} pastes={state.pastes.clone()} case={case.clone()}
                            revealed={state.revealed.clone()} editing={state.editing} dispatch={dispatch.clone()} />
                    </div>
                    <div class="column column-results">
                        <ChainView {lang} diagnosis={diagnosis.clone()} dispatch={dispatch.clone()} />
                        <section class="panel results" aria-labelledby="results-title">
                            <h2 id="results-title">{ t(lang, view_title(state.view)) }</h2>
                            <div class="tabs" role="tablist" aria-label={t(lang, Key::ViewLabel)}>{ for tabs }</div>
                            <div id="view-panel" role="tabpanel" aria-labelledby={format!("tab-{}", state.view.id())}>
                                { match state.view {
                                    View::Checklist => html! { <Checklist {lang} case={case.clone()} diagnosis={diagnosis.clone()} /> },
                                    View::Gather => html! { <Gather {lang} case={case.clone()} /> },
                                    View::Diagnosis => html! {
                                        <Findings {lang} pastes={state.pastes.clone()} case={case.clone()}
                                            diagnosis={diagnosis.clone()} revealed={state.revealed.clone()}
                                            dispatch={dispatch.clone()} />
                                    },
                                } }
                            </div>
                        </section>
                    </div>
                </div>
                <footer class="page-footer"><p>{ t(lang, Key::FooterText) }</p></footer>
            </main>
        </div>
    }
}
