//! The inputs: one block per paste (edit, remove, show or hide its secrets) holding one card
//! per recognised part, with its kind, a one-line summary, the command that produced it and the
//! engine's located problems.

use engine::input::Input;
use engine::lang::Lang;
use engine::rules::Case;
use engine::text::Span;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;
use crate::case_view::{paste_secrets, Shared};
use crate::components::on_click::dispatch_on_click;
use crate::components::reading_progress::ReadingProgress;
use crate::i18n::{t, tf, Key};
use crate::reading::ProgressBoard;
use crate::render::{floor_boundary, inline_code, render_segments, segments, utf16_offset};
use crate::state::{Action, Editing, Paste, State};
use crate::summary::summary;

/// Longest text shown in a paste's text view; the engine still reads all of it.
const SHOWN_TEXT: usize = 100 * 1024;

pub struct InputListProps<'a> {
    pub lang: Lang,
    pub pastes: &'a [Paste],
    pub case: &'a Shared<Case>,
    /// Big pastes still being read.
    pub reading: &'a [u32],
    pub progress: &'a ProgressBoard,
    pub revealed: &'a [u32],
    pub editing: Option<Editing>,
    pub dispatch: &'a UseReducerDispatcher<State>,
}

/// A function, not a component: it keeps no state and only lays out the paste blocks (each a
/// component that is not drawn again while its paste is unchanged); a component type costs
/// ~1 KB of wasm.
pub fn input_list(props: &InputListProps) -> Html {
    let lang = props.lang;
    html! {
        <section class="panel inputs" aria-labelledby="inputs-title">
            <h2 id="inputs-title">{ t(lang, Key::InputsTitle) }</h2>
            if props.pastes.is_empty() {
                <p class="hint">{ t(lang, Key::InputsEmpty) }</p>
            }
            { for props.pastes.iter().enumerate().map(|(position, paste)| {
                let editing = props.editing.filter(|e| e.paste == paste.id);
                let reading = props.reading.contains(&paste.id).then(|| props.progress.clone());
                html! {
                    <PasteBlock key={paste.id} {lang} number={position + 1} paste={paste.clone()}
                        case={props.case.clone()} {position} {reading}
                        revealed={props.revealed.contains(&paste.id)} {editing}
                        dispatch={props.dispatch.clone()} />
                }
            }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct PasteBlockProps {
    pub lang: Lang,
    pub number: usize,
    pub paste: Paste,
    /// The case, and this paste's position in it (its inputs and secrets are read from there,
    /// not copied: a 20 MB paste has tens of thousands of facts).
    pub case: Shared<Case>,
    pub position: usize,
    /// How far its reading has come, while a big paste is being read.
    pub reading: Option<ProgressBoard>,
    pub revealed: bool,
    pub editing: Option<Editing>,
    pub dispatch: UseReducerDispatcher<State>,
}

#[component]
pub fn PasteBlock(props: &PasteBlockProps) -> Html {
    let lang = props.lang;
    let id = props.paste.id;
    let number = props.number.to_string();
    let title = match &props.paste.name {
        Some(name) => tf(
            lang,
            Key::InputsPasteFile,
            &[("n", &number), ("name", name)],
        ),
        None => tf(lang, Key::InputsPaste, &[("n", &number)]),
    };
    let dispatch = &props.dispatch;
    let onedit = dispatch_on_click(
        dispatch,
        |paste| {
            Action::Edit(Some(Editing {
                paste,
                select: None,
            }))
        },
        id,
    );
    let onremove = dispatch_on_click(dispatch, Action::Remove, id);
    let onreveal = dispatch_on_click(dispatch, Action::ToggleReveal, id);
    let text: &str = &props.paste.text;
    let engine_paste = props.case.pastes.get(props.position);
    let inputs: &[Input] = engine_paste.map_or(&[], |p| p.inputs.as_slice());
    let secrets = engine_paste
        .map(|paste| paste_secrets(paste))
        .unwrap_or_default();
    let masks: &[Span] = if props.revealed { &[] } else { &secrets };
    let shown_end = floor_boundary(text, SHOWN_TEXT);
    let heading_id = format!("paste-{id}-title");
    html! {
        <section class="paste" id={format!("paste-{id}")} aria-labelledby={heading_id.clone()}>
            <header class="paste-header">
                <h3 id={heading_id}>{ title.clone() }</h3>
                <div class="actions">
                    if !secrets.is_empty() {
                        <button type="button" data-action="reveal" aria-pressed={props.revealed.to_string()} onclick={onreveal}>
                            { t(lang, if props.revealed { Key::InputsHide } else { Key::InputsReveal }) }
                        </button>
                    }
                    <button type="button" data-action="edit" aria-label={format!("{} ({title})", t(lang, Key::InputsEdit))} onclick={onedit}>
                        { t(lang, Key::InputsEdit) }
                    </button>
                    <button type="button" data-action="remove" aria-label={format!("{} ({title})", t(lang, Key::InputsRemove))} onclick={onremove}>
                        { t(lang, Key::InputsRemove) }
                    </button>
                </div>
            </header>
            if let Some(editing) = props.editing {
                <PasteEditor {lang} number={props.number} paste={props.paste.clone()} select={editing.select}
                    dispatch={props.dispatch.clone()} />
            }
            if let Some(board) = props.reading.clone() {
                // Until it is read, nothing is known of the paste: not even where its secrets
                // are, so its text is not shown either.
                <ReadingProgress {lang} {id} megabytes={megabytes(text.len())} {board} />
            } else if props.editing.is_some() && text.len() > EDIT_IN_PLACE {
                // Being replaced: its read is set aside (and with it where its secrets are), so
                // neither its parts nor its text are shown; the editor says why.
            } else {
            { for inputs.iter().map(|input| input_card(lang, text, input, masks)) }
            <details class="paste-text">
                <summary>{ t(lang, Key::InputsShowText) }</summary>
                // Scrolls when long, so it takes the keyboard focus to scroll with arrows.
                <pre tabindex="0" aria-label={title.clone()}>{ render_segments(text, &segments(text, Span::new(0, shown_end), &[], masks), t(lang, Key::SecretMasked)) }</pre>
                if shown_end < text.len() {
                    <p class="hint">{ tf(lang, Key::InputsTextCut, &[("size", &(SHOWN_TEXT / 1024).to_string())]) }</p>
                }
            </details>
            }
        </section>
    }
}

/// A size in whole megabytes, at least 1.
fn megabytes(bytes: usize) -> usize {
    (bytes.saturating_add(512 * 1024) / (1024 * 1024)).max(1)
}

fn input_card(lang: Lang, text: &str, input: &Input, masks: &[Span]) -> Html {
    let kind = input.kind;
    let name = kind.name(lang);
    // Kinds named after the CLI command read as code.
    let name = if name.starts_with("aws ") {
        html! { <code>{ name }</code> }
    } else {
        html! { name }
    };
    html! {
        <article class={classes!("input-card", (!input.problems.is_empty()).then_some("has-problems"))}
            data-input-kind={kind.id()}>
            <header class="input-kind">
                <span class="kind-name">{ name }</span>
                <code class="kind-id">{ kind.id() }</code>
            </header>
            <p class="summary">{ inline_code(&summary(input, lang)) }</p>
            if let Some(command) = &input.command {
                <p class="command">
                    <span class="label">{ t(lang, Key::InputsCommand) }</span>
                    <code>{ render_segments(text, &segments(text, command.span, &[], masks), t(lang, Key::SecretMasked)) }</code>
                </p>
            }
            if !input.problems.is_empty() {
                <ul class="problems">
                    { for input.problems.iter().map(|problem| html! {
                        <li class={classes!("problem", format!("problem-{}", problem.id))}>
                            <span class="where">{ tf(lang, Key::InputsProblemAt, &[
                                ("line", &problem.location.line.to_string()),
                                ("column", &problem.location.column.to_string()),
                            ]) }</span>
                            { " " }
                            { inline_code(problem.message(lang)) }
                        </li>
                    }) }
                </ul>
            }
        </article>
    }
}

#[derive(Properties, PartialEq)]
pub struct PasteEditorProps {
    pub lang: Lang,
    pub number: usize,
    pub paste: Paste,
    /// A span (bytes) to select when the editor opens: the evidence the user asked to see.
    pub select: Option<Span>,
    pub dispatch: UseReducerDispatcher<State>,
}

/// The largest paste edited in place. Putting a text into a `<textarea>` costs the browser
/// time in proportion to its size (seconds for a few megabytes, minutes for 100 MB, all in one
/// task), so a paste the page would not read at once is replaced by pasting instead.
pub const EDIT_IN_PLACE: usize = crate::reading::READ_AT_ONCE;

#[component]
pub fn PasteEditor(props: &PasteEditorProps) -> Html {
    let lang = props.lang;
    let area = use_node_ref();
    let in_place = props.paste.text.len() <= EDIT_IN_PLACE;
    {
        let area = area.clone();
        let text = props.paste.text.clone();
        use_effect_with(props.select, move |select| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                if !in_place {
                    // Nothing of the old text is in the box to select.
                    let _ = area.focus();
                    return;
                }
                // The DOM counts in UTF-16 code units; the engine's spans are bytes.
                let (start, end) = select.map_or((0, 0), |span| {
                    (
                        utf16_offset(&text, span.start),
                        utf16_offset(&text, span.end),
                    )
                });
                browser::select_in(&area, start, end);
            }
        });
    }
    let id = props.paste.id;
    let onsave = {
        let dispatch = props.dispatch.clone();
        let area = area.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                let text = area.value();
                // An empty box replacing a big paste is no edit (in place it removes the paste).
                if in_place || !text.trim().is_empty() {
                    dispatch.dispatch(Action::Replace { paste: id, text });
                }
            }
        })
    };
    // A big paste is replaced by what is pasted into the empty box, at once.
    let onpaste = (!in_place).then(|| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |event: Event| {
            let text = event
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|e| e.clipboard_data())
                .and_then(|data| data.get_data("text").ok())
                .unwrap_or_default();
            if !text.trim().is_empty() {
                event.prevent_default();
                dispatch.dispatch(Action::Replace { paste: id, text });
            }
        })
    });
    let oncancel = dispatch_on_click(&props.dispatch, |_| Action::Edit(None), id);
    let label_id = format!("paste-{id}-editor-label");
    let hint_id = format!("paste-{id}-editor-hint");
    html! {
        <div class="editor" data-in-place={in_place.to_string()}>
            <label id={label_id.clone()} for={format!("paste-{id}-editor")}>
                { tf(lang, Key::InputsEditLabel, &[("n", &props.number.to_string())]) }
            </label>
            if in_place {
                <textarea id={format!("paste-{id}-editor")} ref={area} rows="12" spellcheck="false"
                    value={props.paste.text.to_string()} />
            } else {
                <p class="hint" id={hint_id.clone()}>
                    { tf(lang, Key::InputsEditReplace, &[("size", &megabytes(props.paste.text.len()).to_string())]) }
                </p>
                <textarea id={format!("paste-{id}-editor")} ref={area} rows="4" spellcheck="false"
                    aria-describedby={hint_id} {onpaste} />
            }
            <div class="actions">
                <button type="button" class="primary" data-action="save" onclick={onsave}>{ t(lang, Key::InputsSave) }</button>
                <button type="button" data-action="cancel" onclick={oncancel}>{ t(lang, Key::InputsCancel) }</button>
            </div>
        </div>
    }
}
