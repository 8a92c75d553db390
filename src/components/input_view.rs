//! A paste as the user gave it, read-only and line by line (regex101's and explainshell's habit
//! of tying the input to its explanation): numbered lines, the spans the findings use lit up and
//! linked both ways (a highlight goes to its finding; a finding's "Show in the text" lights its
//! spans), the read problems written under the line they are on, and secrets masked.

use engine::finding::Diagnosis;
use engine::input::{Input, ProblemSeverity};
use engine::lang::Lang;
use engine::rules::Case;
use engine::text::Span;
use yew::prelude::*;

use crate::browser;
use crate::case_view::input_at;
use crate::components::findings::finding_element_id;
use crate::i18n::{t, tf, Key};
use crate::render::{ceil_boundary, floor_boundary, inline_code};
use crate::state::{Action, State, View};

pub struct InputViewProps<'a> {
    pub lang: Lang,
    pub paste_id: u32,
    pub number: usize,
    pub text: &'a str,
    /// How much of the text is shown (the engine reads all of it).
    pub shown_end: usize,
    pub inputs: &'a [Input],
    /// The evidence spans in this paste, with the index of the finding each is for.
    pub marks: &'a [(Span, usize)],
    pub masks: &'a [Span],
    pub selected: Option<usize>,
    pub dispatch: &'a UseReducerDispatcher<State>,
    pub masked_label: &'static str,
}

/// The element id of line `line` of a paste (the target of every "line X, column Y").
pub fn line_element_id(paste: u32, line: usize) -> String {
    format!("paste-{paste}-L{line}")
}

/// Brings line `line` of a paste into view and focuses it (opening its text if it was folded).
pub fn go_to_line(paste: u32, line: usize) {
    browser::reveal(&format!("#{}", line_element_id(paste, line)));
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

pub fn input_view(props: &InputViewProps) -> Html {
    let lang = props.lang;
    let text = props.text;
    let end = floor_boundary(text, props.shown_end);
    // Problems worth showing in place: errors and warnings (a skipped part is no problem).
    let mut problems: Vec<(usize, &engine::input::ReadProblem)> = props
        .inputs
        .iter()
        .flat_map(|input| input.problems.iter())
        .filter(|problem| problem.severity != ProblemSeverity::Note)
        .map(|problem| (problem.span.start, problem))
        .collect();
    engine::sort::sort_by_key(&mut problems, |(at, _)| *at);
    let mut problems = problems.into_iter().peekable();

    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut number = 1;
    while line_start <= end {
        let line_end = text
            .as_bytes()
            .get(line_start..end)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(end, |at| line_start + at);
        let next = line_end + 1;
        let content = line(props, Span::new(line_start, line_end));
        let id = line_element_id(props.paste_id, number);
        let newline = if line_end < text.len() { "\n" } else { "" };
        let has_problem = problems.peek().is_some_and(|(at, _)| *at < next);
        lines.push(html! {
            <span class={classes!("line", has_problem.then_some("line-problem"))} {id} data-line={number.to_string()} tabindex="-1">
                { content }{ newline }
            </span>
        });
        while let Some((_, problem)) = problems.next_if(|(at, _)| *at < next) {
            let severity = match problem.severity {
                ProblemSeverity::Error => "error",
                _ => "warning",
            };
            lines.push(html! {
                <span class={classes!("line-note", format!("note-{severity}"))} data-problem={problem.id}>
                    <span class="where">{ tf(lang, Key::InputsProblemAt, &[
                        ("line", &problem.location.line.to_string()),
                        ("column", &problem.location.column.to_string()),
                    ]) }</span>
                    { " " }{ inline_code(problem.message(lang)) }{ "\n" }
                </span>
            });
        }
        if line_end >= end {
            break;
        }
        line_start = next;
        number += 1;
    }
    html! {
        <pre class="input-view" tabindex="0" aria-label={tf(lang, Key::InputsPaste, &[("n", &props.number.to_string())])}>
            { for lines }
        </pre>
    }
}

/// One line's text, cut at the edges of evidence and secrets.
fn line(props: &InputViewProps, span: Span) -> Html {
    let text = props.text;
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
                <span class="secret" role="img" aria-label={props.masked_label} title={props.masked_label}>{ "••••••••" }</span>
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
                let label = tf(
                    props.lang,
                    Key::InputsEvidenceOf,
                    &[("n", &(finding + 1).to_string())],
                );
                html! {
                    <button type="button" class={classes!("evidence-link", active.then_some("active"))}
                        data-evidence-of={finding.to_string()} title={label}
                        onclick={on_mark(props.dispatch, finding)}>
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
        <div class="repair" data-repairs={repair.edits.len().to_string()}>
            <p>{ inline_code(&tf(lang, Key::InputsRepairHint, &[("what", &repair.summary(lang))])) }</p>
            <button type="button" class="primary" data-action="repair" onclick={onrepair}>{ t(lang, Key::InputsRepair) }</button>
        </div>
    }
}
