//! A paste as the user gave it, read-only and line by line (regex101's and explainshell's habit
//! of tying the input to its explanation): numbered lines, the spans the findings use lit up and
//! linked both ways (a highlight goes to its finding; a finding's "Show in the text" lights its
//! spans), the read problems written under the line they are on, and secrets masked.

use engine::finding::Diagnosis;
use engine::input::{Input, ProblemSeverity};
use engine::lang::Lang;
use engine::rules::Case;
use std::sync::Arc;

use engine::text::Span;
use yew::prelude::*;

use crate::browser;
use crate::case_view::input_at;
use crate::components::findings::finding_element_id;
use crate::i18n::{t, tf, Key};
use crate::render::{ceil_boundary, floor_boundary, inline_code};
use crate::state::{Action, State, View};

/// How much of a paste the view draws at a time (about): a few hundred lines, so a 20 MB paste
/// costs no more to show than a small one. "Line X, column Y" and "Show in the text" move the
/// window to their place.
pub const VIEW_WINDOW: usize = 24 * 1024;

/// A read problem as the view writes it under its line.
#[derive(Clone, PartialEq)]
pub struct ProblemNote {
    pub at: usize,
    pub error: bool,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The problems of a paste worth showing in place: errors and warnings (a skipped part is no
/// problem), in text order.
pub fn problem_notes(inputs: &[Input], lang: Lang) -> Vec<ProblemNote> {
    let mut notes: Vec<ProblemNote> = inputs
        .iter()
        .flat_map(|input| input.problems.iter())
        .filter(|problem| problem.severity != ProblemSeverity::Note)
        .map(|problem| ProblemNote {
            at: problem.span.start,
            error: problem.severity == ProblemSeverity::Error,
            line: problem.location.line,
            column: problem.location.column,
            message: problem.message(lang).to_owned(),
        })
        .collect();
    engine::sort::sort_by_key(&mut notes, |note| note.at);
    notes
}

/// A paste's text, equal only to itself (comparing megabytes at every render would cost more
/// than drawing them).
#[derive(Clone)]
pub struct TextRef(pub Arc<String>);

impl PartialEq for TextRef {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

pub struct InputViewProps {
    pub lang: Lang,
    pub paste_id: u32,
    pub number: usize,
    pub text: TextRef,
    /// The part drawn, and the number of its first line.
    pub window: Span,
    pub first_line: usize,
    pub problems: Vec<ProblemNote>,
    /// The evidence spans in this paste, with the index of the finding each is for.
    pub marks: Vec<(Span, usize)>,
    pub masks: Vec<Span>,
    /// The lit finding, when it has evidence here.
    pub selected: Option<usize>,
    pub dispatch: UseReducerDispatcher<State>,
}

/// The element id of line `line` of a paste (the target of every "line X, column Y").
pub fn line_element_id(paste: u32, line: usize) -> String {
    format!("paste-{paste}-L{line}")
}

/// Shows byte `at` (line `line`) of a paste: the view's window moves there, then the line is
/// brought into view and focused (its text opened if it was folded).
pub fn go_to(dispatch: &UseReducerDispatcher<State>, paste: u32, at: usize, line: usize) {
    dispatch.dispatch(Action::ShowText { paste, at });
    let target = format!("#{}", line_element_id(paste, line));
    browser::after(0, move || browser::reveal(&target));
}

/// The part of `text` the view draws to show byte `at`: whole lines (characters, when a line is
/// very long) from a little before it.
pub fn view_window(text: &str, at: usize) -> Span {
    if text.len() <= VIEW_WINDOW {
        return Span::new(0, text.len());
    }
    let bytes = text.as_bytes();
    let start = floor_boundary(text, at.saturating_sub(VIEW_WINDOW / 4).min(text.len()));
    let start = if start == 0 {
        0
    } else {
        bytes
            .get(start.saturating_sub(2048)..start)
            .and_then(|before| before.iter().rposition(|&b| b == b'\n'))
            .map_or(start, |i| start.saturating_sub(2048) + i + 1)
    };
    let end = floor_boundary(text, (start + VIEW_WINDOW).min(text.len()));
    let end = if end == text.len() {
        end
    } else {
        bytes
            .get(end..(end + 2048).min(text.len()))
            .and_then(|after| after.iter().position(|&b| b == b'\n'))
            .map_or(end, |i| end + i)
    };
    Span::new(start, end.max(start))
}

/// The evidence spans of the paste at `position`, each with its finding's index.
pub fn marks_for(case: &Case, diagnosis: &Diagnosis, position: usize) -> Vec<(Span, usize)> {
    let mut marks = Vec::new();
    for (index, finding) in diagnosis.findings.iter().enumerate() {
        for evidence in &finding.evidence {
            if input_at(case, evidence.input).is_some_and(|(at, _)| at == position) {
                marks.push((evidence.span, index));
            }
        }
    }
    marks
}

/// Shows the finding a highlight belongs to: the diagnosis view, its evidence lit up, the
/// finding focused.
fn on_mark(dispatch: &UseReducerDispatcher<State>, finding: usize) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| {
        dispatch.dispatch(Action::SetView(View::Diagnosis));
        dispatch.dispatch(Action::Select(Some(finding)));
        browser::after(0, move || {
            browser::reveal(&format!("#{}", finding_element_id(finding)))
        });
    })
}

/// A function, not a component: the window bounds what it draws (a few hundred lines at most),
/// so drawing it again with its paste block costs little, and a component type costs wasm.
pub fn input_view(props: &InputViewProps) -> Html {
    let lang = props.lang;
    let text: &str = &props.text.0;
    let window = props.window;
    let end = floor_boundary(text, window.end);
    let mut problems = props
        .problems
        .iter()
        .filter(|note| note.at >= window.start && note.at <= end)
        .peekable();
    let mut lines = Vec::new();
    let mut line_start = floor_boundary(text, window.start);
    let mut number = props.first_line;
    while line_start <= end {
        // A text that ends with a line break has no empty last line.
        if line_start == end && end == text.len() && line_start > window.start {
            break;
        }
        let line_end = text
            .as_bytes()
            .get(line_start..end)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(end, |at| line_start + at);
        let next = line_end + 1;
        let content = line(props, Span::new(line_start, line_end));
        let id = line_element_id(props.paste_id, number);
        let newline = if line_end < text.len() { "\n" } else { "" };
        let has_problem = problems.peek().is_some_and(|note| note.at < next);
        lines.push(html! {
            <span class={classes!("line", has_problem.then_some("line-problem"))} {id} data-line={number.to_string()} tabindex="-1">
                { content }{ newline }
            </span>
        });
        while let Some(note) = problems.next_if(|note| note.at < next) {
            lines.push(html! {
                <span class={classes!("line-note", if note.error { "note-error" } else { "note-warning" })}>
                    <span class="where">{ tf(lang, Key::InputsProblemAt, &[
                        ("line", &note.line.to_string()),
                        ("column", &note.column.to_string()),
                    ]) }</span>
                    { " " }{ inline_code(&note.message) }{ "\n" }
                </span>
            });
        }
        if line_end >= end {
            break;
        }
        line_start = next;
        number += 1;
    }
    let paste = props.paste_id;
    let shift = |forward: bool| {
        let dispatch = props.dispatch.clone();
        let at = if forward {
            window.end + VIEW_WINDOW / 4
        } else {
            window.start.saturating_sub(VIEW_WINDOW / 2)
        };
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowText { paste, at }))
    };
    html! {
        <>
            if window.start > 0 || window.end < text.len() {
                <p class="hint view-window">
                    if window.start > 0 {
                        <button type="button" class="link-button" data-action="text-earlier" onclick={shift(false)}>{ t(lang, Key::InputsViewEarlier) }</button>
                    }
                    if window.end < text.len() {
                        { " " }<button type="button" class="link-button" data-action="text-later" onclick={shift(true)}>{ t(lang, Key::InputsViewLater) }</button>
                    }
                </p>
            }
            <pre class="input-view" tabindex="0" aria-label={tf(lang, Key::InputsPaste, &[("n", &props.number.to_string())])}>
                { for lines }
            </pre>
        </>
    }
}

/// One line's text, cut at the edges of evidence and secrets.
fn line(props: &InputViewProps, span: Span) -> Html {
    let text: &str = &props.text.0;
    // Most lines hold no evidence and no secret: their text as it is, nothing cut or sorted.
    let touches = |mark: &Span| mark.start < span.end && mark.end > span.start;
    if !props.marks.iter().any(|(mark, _)| touches(mark)) && !props.masks.iter().any(touches) {
        return html! { { span.slice(text).to_owned() } };
    }
    let masked_label = t(props.lang, Key::SecretMasked);
    let mut cuts = vec![span.start, span.end];
    let inside = |at: usize| at > span.start && at < span.end;
    for edge in props
        .marks
        .iter()
        .flat_map(|(mark, _)| [mark.start, mark.end])
        .chain(props.masks.iter().flat_map(|mask| [mask.start, mask.end]))
    {
        if inside(edge) && text.is_char_boundary(edge) {
            cuts.push(edge);
        }
    }
    engine::sort::sort(&mut cuts);
    cuts.dedup();
    let pieces = cuts.windows(2).filter_map(|pair| {
        let [start, end] = *pair else {
            return None;
        };
        let piece = Span::new(start, ceil_boundary(text, end));
        if piece.start >= piece.end {
            return None;
        }
        let masked = props
            .masks
            .iter()
            .any(|m| m.start <= piece.start && piece.end <= m.end);
        let shown = if masked {
            html! {
                <span class="secret" role="img" aria-label={masked_label}>{ "••••••••" }</span>
            }
        } else {
            html! { { piece.slice(text).to_owned() } }
        };
        let finding = props
            .marks
            .iter()
            .find(|(mark, _)| mark.start <= piece.start && piece.end <= mark.end)
            .map(|(_, finding)| *finding);
        Some(match finding {
            Some(finding) => {
                let active = props.selected == Some(finding);
                html! {
                    <button type="button" class={classes!("evidence-link", active.then_some("active"))}
                        data-evidence-of={finding.to_string()}
                        onclick={on_mark(&props.dispatch, finding)}>
                        { shown }
                    </button>
                }
            }
            None => shown,
        })
    });
    html! { <>{ for pieces }</> }
}

/// The fix-it of a paste whose damage has one obvious repair: what it does and a button that
/// applies it (the page's undo brings the text back).
pub fn repair_offer(
    lang: Lang,
    paste: u32,
    repair: &engine::input::repair::Repair,
    dispatch: &UseReducerDispatcher<State>,
) -> Html {
    let onrepair = {
        let dispatch = dispatch.clone();
        let text = repair.text.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::Repair {
                paste,
                text: text.clone(),
            })
        })
    };
    html! {
        <div class="repair">
            <p>{ inline_code(&tf(lang, Key::InputsRepairHint, &[("what", &repair.summary(lang))])) }</p>
            <button type="button" class="primary" data-action="repair" onclick={onrepair}>{ t(lang, Key::InputsRepair) }</button>
        </div>
    }
}
