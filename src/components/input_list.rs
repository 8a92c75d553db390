//! The inputs: one block per paste (edit, remove, show or hide its secrets) holding one card
//! per recognised part, with its kind, a one-line summary, the command that produced it and the
//! engine's located problems.

use engine::finding::Diagnosis;
use engine::input::{Input, ProblemSeverity};
use engine::lang::Lang;
use engine::rules::Case;
use engine::text::Span;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::browser;
use crate::case_view::{paste_secrets, Shared};
use crate::components::input_view::{
    go_to, input_view, marks_for, problem_notes, repair_offer, view_window, InputViewProps, TextRef,
};
use crate::components::on_click::dispatch_on_click;
use crate::components::reading_progress::ReadingProgress;
use crate::i18n::{t, tf, Key};
use crate::reading::{ProgressBoard, READ_AT_ONCE};
use crate::render::{floor_boundary, inline_code, render_segments, segments};
use crate::state::{Action, Editing, Paste, State};
use crate::summary::summary;

pub struct InputListProps<'a> {
    pub lang: Lang,
    pub pastes: &'a [Paste],
    pub case: &'a Shared<Case>,
    /// Big pastes still being read.
    pub reading: &'a [u32],
    pub progress: &'a ProgressBoard,
    pub revealed: &'a [u32],
    pub editing: Option<Editing>,
    pub diagnosis: &'a Shared<Diagnosis>,
    pub selected: Option<usize>,
    pub text_at: Option<(u32, usize)>,
    /// The paste whose new text is on its way, and its size.
    pub arriving: Option<(u32, usize)>,
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
            // A list of its own: among the heading's siblings, yew would match the blocks from
            // the end, unkeyed, and draw every block again for each paste added.
            <>{ for props.pastes.iter().enumerate().map(|(position, paste)| {
                let editing = props.editing.filter(|e| e.paste == paste.id);
                let reading = props.reading.contains(&paste.id).then(|| props.progress.clone());
                html! {
                    <PasteBlock key={paste.id} {lang} number={position + 1} paste={paste.clone()}
                        case={props.case.clone()} {position} {reading}
                        revealed={props.revealed.contains(&paste.id)} {editing}
                        diagnosis={props.diagnosis.clone()} selected={props.selected}
                        text_at={props.text_at.filter(|(p, _)| *p == paste.id).map(|(_, at)| at)}
                        arriving={props.arriving.filter(|(p, _)| *p == paste.id).map(|(_, bytes)| bytes)}
                        dispatch={props.dispatch.clone()} />
                }
            }) }</>
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
    /// The findings, for the evidence lit up in the text.
    pub diagnosis: Shared<Diagnosis>,
    pub selected: Option<usize>,
    /// Where its text view is (a byte offset), when moved.
    pub text_at: Option<usize>,
    /// The size of its new text while that is on its way (see `Action::Replacing`).
    pub arriving: Option<usize>,
    pub dispatch: UseReducerDispatcher<State>,
}

/// Whether an input is a transcript part the diagnosis skipped on purpose (`cd`, a banner).
fn is_skipped(input: &Input) -> bool {
    !input.problems.is_empty()
        && input
            .problems
            .iter()
            .all(|problem| problem.severity == ProblemSeverity::Note)
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
    let onedit = dispatch_on_click(dispatch, |paste| Action::Edit(Some(Editing { paste })), id);
    let onremove = dispatch_on_click(dispatch, Action::Remove, id);
    let onreveal = dispatch_on_click(dispatch, Action::ToggleReveal, id);
    let text: &str = &props.paste.text;
    let engine_paste = props.case.pastes.get(props.position);
    let inputs: &[Input] = engine_paste.map_or(&[], |p| p.inputs.as_slice());
    let secrets = engine_paste
        .map(|paste| paste_secrets(paste))
        .unwrap_or_default();
    let masks: &[Span] = if props.revealed { &[] } else { &secrets };
    let heading_id = format!("paste-{id}-title");
    // The fix-it: computed once per text, for a paste small enough to be read at once that
    // failed to read somewhere.
    // Once per text, case and place in it: the fix-it (for a paste small enough to be read at
    // once that failed to read somewhere), and the part of the text drawn with the number of
    // its first line. One memo: each kind of memo is code of its own in the wasm.
    let memo = {
        let text = props.paste.text.clone();
        let case = props.case.clone();
        let position = props.position;
        use_memo(
            (
                id,
                std::sync::Arc::as_ptr(&props.paste.text) as *const u8 as usize,
                props.case.clone(),
                props.text_at,
            ),
            move |(_, _, _, at)| {
                let window = view_window(&text, at.unwrap_or(0));
                let before = text.as_bytes().get(..window.start).unwrap_or_default();
                let first_line = 1 + before.iter().filter(|&&b| b == b'\n').count();
                let inputs = case
                    .pastes
                    .get(position)
                    .map_or(&[][..], |p| p.inputs.as_slice());
                let broken = inputs.iter().any(|input| {
                    input
                        .problems
                        .iter()
                        .any(|p| p.severity == ProblemSeverity::Error)
                });
                let repair = (broken && text.len() <= READ_AT_ONCE)
                    .then(|| engine::input::repair::repair(&text, inputs))
                    .flatten();
                (repair, window, first_line)
            },
        )
    };
    let (repair, window, first_line) = (&memo.0, memo.1, memo.2);
    let marks = marks_for(&props.case, &props.diagnosis, props.position);
    let selected = props
        .selected
        .filter(|finding| marks.iter().any(|(_, f)| f == finding));
    // The part of the text drawn, and the number of its first line (counted once per move).
    let skipped: Vec<&Input> = inputs.iter().filter(|input| is_skipped(input)).collect();
    html! {
        <section class="paste" id={format!("paste-{id}")} aria-labelledby={heading_id.clone()}>
            <header class="paste-header">
                <h3 id={heading_id} tabindex="-1">{ title.clone() }</h3>
                <div class="actions">
                    if !secrets.is_empty() {
                        <button type="button" data-action="reveal" aria-pressed={props.revealed.to_string()} onclick={onreveal}>
                            { t(lang, if props.revealed { Key::InputsHide } else { Key::InputsReveal }) }
                        </button>
                    }
                    <button type="button" id={format!("paste-{id}-edit")} data-action="edit" aria-label={format!("{} ({title})", t(lang, Key::InputsEdit))} onclick={onedit}
                        disabled={props.arriving.is_some()}>
                        { t(lang, Key::InputsEdit) }
                    </button>
                    <button type="button" data-action="remove" aria-label={format!("{} ({title})", t(lang, Key::InputsRemove))} onclick={onremove}>
                        { t(lang, Key::InputsRemove) }
                    </button>
                </div>
            </header>
            if props.editing.is_some() {
                <PasteEditor {lang} number={props.number} paste={props.paste.clone()}
                    dispatch={props.dispatch.clone()} />
            }
            if let Some(board) = props.reading.clone() {
                // Until it is read, nothing is known of the paste: not even where its secrets
                // are, so its text is not shown either.
                <ReadingProgress {lang} {id} megabytes={megabytes(props.arriving.unwrap_or(text.len()))} {board} />
            } else if props.editing.is_some() && text.len() > SET_ASIDE_WHILE_EDITING {
                // Being replaced: its read is set aside (and with it where its secrets are), so
                // neither its parts nor its text are shown; the editor says why.
            } else {
            if let Some(repair) = repair {
                { repair_offer(lang, id, repair, dispatch) }
            }
            { for inputs.iter().filter(|input| !is_skipped(input)).map(|input| input_card(lang, id, text, input, masks, dispatch)) }
            if !skipped.is_empty() {
                <p class="skipped" data-skipped={skipped.len().to_string()}>
                    { t(lang, Key::InputsSkipped) }{ " " }
                    { for skipped.iter().enumerate().map(|(index, input)| html! {
                        <>
                            if index > 0 { { ", " } }
                            { match &input.command {
                                Some(command) => html! { <code>{ command.text.clone() }</code> },
                                None => html! { t(lang, Key::InputsLoginBanner) },
                            } }
                        </>
                    }) }
                </p>
            }
            <details class="paste-text" open=true>
                <summary>{ t(lang, Key::InputsShowText) }</summary>
                // Scrolls when long, so it takes the keyboard focus to scroll with arrows.
                { input_view(&InputViewProps { lang, paste_id: id, number: props.number, text: TextRef(props.paste.text.clone()),
                    window, first_line, problems: problem_notes(inputs, lang), marks, masks: masks.to_vec(),
                    selected, dispatch: dispatch.clone() }) }
            </details>
            }
        </section>
    }
}

/// A size in whole megabytes, at least 1.
fn megabytes(bytes: usize) -> usize {
    (bytes.saturating_add(512 * 1024) / (1024 * 1024)).max(1)
}

fn input_card(
    lang: Lang,
    paste: u32,
    text: &str,
    input: &Input,
    masks: &[Span],
    dispatch: &UseReducerDispatcher<State>,
) -> Html {
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
                            { go_to_button(lang, dispatch, paste, problem.span.start, problem.location.line, problem.location.column) }
                            { " " }
                            { inline_code(problem.message(lang)) }
                        </li>
                    }) }
                </ul>
            }
        </article>
    }
}

/// "Line X, column Y" (byte `at`) as a link to the place in the paste's text.
pub fn go_to_button(
    lang: Lang,
    dispatch: &UseReducerDispatcher<State>,
    paste: u32,
    at: usize,
    line: usize,
    column: usize,
) -> Html {
    let dispatch = dispatch.clone();
    let onclick = Callback::from(move |_: MouseEvent| go_to(&dispatch, paste, at, line));
    html! {
        <button type="button" class="link-button where" data-action="go-to-line" data-line={line.to_string()} {onclick}>
            { tf(lang, Key::InputsProblemAt, &[("line", &line.to_string()), ("column", &column.to_string())]) }
        </button>
    }
}

#[derive(Properties, PartialEq)]
pub struct PasteEditorProps {
    pub lang: Lang,
    pub number: usize,
    pub paste: Paste,
    pub dispatch: UseReducerDispatcher<State>,
}

/// The largest paste whose findings stay while its editor is open. A bigger one (one the page
/// reads in the background) has its read set aside meanwhile, so that its edited text is read
/// in the memory the old facts took instead of beside them; Cancel reads it again.
pub const SET_ASIDE_WHILE_EDITING: usize = crate::reading::READ_AT_ONCE;

/// Largest part of a paste the editor holds: a text area with megabytes in it takes seconds to
/// lay out, so a bigger paste is edited a window at a time and the rest kept as it is.
const EDIT_WINDOW: usize = 32 * 1024;

/// The part of `text` the editor holds to edit around byte `at`: all of it when small, else
/// about [`EDIT_WINDOW`] bytes cut at line ends (at a character when a line is very long).
pub fn edit_window(text: &str, at: usize) -> Span {
    if text.len() <= EDIT_WINDOW {
        return Span::new(0, text.len());
    }
    let bytes = text.as_bytes();
    let near_line = |from: usize, back: bool| -> usize {
        // Just after a line end within 4 KB, else the character boundary itself.
        let reach = 4096;
        let found = if back {
            bytes
                .get(from.saturating_sub(reach)..from)
                .and_then(|before| before.iter().rposition(|&b| b == b'\n'))
                .map(|i| from.saturating_sub(reach) + i + 1)
        } else {
            bytes
                .get(from..(from + reach).min(bytes.len()))
                .and_then(|after| after.iter().position(|&b| b == b'\n'))
                .map(|i| from + i + 1)
        };
        found.unwrap_or(from)
    };
    let start = floor_boundary(text, at.saturating_sub(EDIT_WINDOW / 4).min(text.len()));
    let start = if start == 0 {
        0
    } else {
        near_line(start, true)
    };
    let end = floor_boundary(text, (start + EDIT_WINDOW).min(text.len()));
    let end = if end == text.len() {
        end
    } else {
        near_line(end, false)
    };
    Span::new(start, end.max(start))
}

#[component]
pub fn PasteEditor(props: &PasteEditorProps) -> Html {
    let lang = props.lang;
    let area = use_node_ref();
    let text = props.paste.text.clone();
    // Cheap (a few line ends looked for), and the same for the same text and place.
    // The editor opens at the start of the text, with the cursor there.
    let window = edit_window(&text, 0);
    {
        let area = area.clone();
        use_effect_with((), move |_| {
            if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                browser::select_in(&area, 0, 0);
            }
        });
    }
    let id = props.paste.id;
    let onsave = {
        let dispatch = props.dispatch.clone();
        let area = area.clone();
        let text = text.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(area) = area.cast::<HtmlTextAreaElement>() else {
                return;
            };
            let edited = area.value();
            let before = text.get(..window.start).unwrap_or_default();
            let after = text.get(window.end..).unwrap_or_default();
            if text.len() > SET_ASIDE_WHILE_EDITING {
                // Joined outside the wasm memory and brought in once the old text has gone
                // (see `Action::Replacing`): joined here, the new text would need room
                // beside the old one.
                let whole = browser::JsText::joined(&[before, &edited, after]);
                dispatch.dispatch(Action::Replacing {
                    paste: id,
                    bytes: before.len() + edited.len() + after.len(),
                });
                let dispatch = dispatch.clone();
                // After the render that lets the old text go (renders run before timers).
                browser::after(0, move || {
                    dispatch.dispatch(Action::Replace {
                        paste: id,
                        text: whole.into_string(),
                    })
                });
                return;
            }
            let whole = if window.start == 0 && window.end == text.len() {
                edited
            } else {
                [before, &edited, after].concat()
            };
            dispatch.dispatch(Action::Replace {
                paste: id,
                text: whole,
            });
        })
    };
    let oncancel = dispatch_on_click(&props.dispatch, |_| Action::Edit(None), id);
    let label_id = format!("paste-{id}-editor-label");
    let partial = window.len() < text.len();
    html! {
        <div class="editor">
            <label id={label_id.clone()} for={format!("paste-{id}-editor")}>
                { tf(lang, Key::InputsEditLabel, &[("n", &props.number.to_string())]) }
            </label>
            if partial {
                <p class="hint" id={format!("paste-{id}-editor-window")} data-window-start={window.start.to_string()}>
                    { t(lang, Key::InputsEditWindow) }
                    if text.len() > SET_ASIDE_WHILE_EDITING {
                        { " " }{ t(lang, Key::InputsEditSetAside) }
                    }
                </p>
            }
            <textarea id={format!("paste-{id}-editor")} ref={area} rows="12" spellcheck="false"
                value={window.slice(&text).to_owned()} />
            <div class="actions">
                <button type="button" class="primary" data-action="save" onclick={onsave}>{ t(lang, Key::InputsSave) }</button>
                <button type="button" data-action="cancel" onclick={oncancel}>{ t(lang, Key::InputsCancel) }</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::{edit_window, EDIT_WINDOW};

    #[test]
    fn a_big_paste_is_edited_a_window_of_whole_lines_at_a_time() {
        let small = "a\nb\n";
        assert_eq!(edit_window(small, 2).slice(small), small);
        let big: String = (0..200_000).map(|n| format!("line {n}\n")).collect();
        let at = big.find("line 150000\n").unwrap_or_default();
        let window = edit_window(&big, at);
        assert!(window.len() <= EDIT_WINDOW + 4096, "{}", window.len());
        assert!(window.start <= at && at < window.end);
        let part = window.slice(&big);
        assert!(part.starts_with("line ") && part.ends_with('\n') || window.end == big.len());
        // One very long line: cut on characters, never inside one.
        let long = "日本語".repeat(200_000);
        let window = edit_window(&long, long.len() / 2);
        assert!(long.is_char_boundary(window.start) && long.is_char_boundary(window.end));
        assert!(window.len() <= EDIT_WINDOW);
    }
}
