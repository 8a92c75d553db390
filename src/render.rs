//! Turning the user's text and the engine's messages into HTML: inline code in messages, the
//! evidence highlighted at its place, secrets masked, and byte spans cut on character boundaries.

use engine::text::Span;
use yew::prelude::*;

/// Renders a message whose user values are in backticks: each becomes a `<code>`.
pub fn inline_code(text: &str) -> Html {
    let mut parts = Vec::new();
    for (index, piece) in text.split('`').enumerate() {
        if piece.is_empty() {
            continue;
        }
        if index % 2 == 1 {
            parts.push(html! { <code>{ piece.to_owned() }</code> });
        } else {
            parts.push(html! { { piece.to_owned() } });
        }
    }
    html! { <>{ for parts }</> }
}

/// The largest char boundary at or below `offset`.
pub fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary at or above `offset`.
pub fn ceil_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while offset < text.len() && !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

/// How a stretch of text is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    /// Evidence: `<mark>`.
    Marked,
}

/// A stretch of text with how to show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub span: Span,
    pub style: Style,
    /// A secret the user has not chosen to reveal: shown as dots.
    pub masked: bool,
}

/// Cuts `window` of `text` into segments at the edges of `marks` and `secrets` (spans may
/// overlap the window's edges or each other; nothing here can panic on odd spans).
pub fn segments(text: &str, window: Span, marks: &[Span], secrets: &[Span]) -> Vec<Segment> {
    let start = floor_boundary(text, window.start);
    let end = ceil_boundary(text, window.end.max(start));
    let mut cuts = vec![start, end];
    for span in marks.iter().chain(secrets) {
        for edge in [span.start, span.end] {
            if edge > start && edge < end && text.is_char_boundary(edge) {
                cuts.push(edge);
            }
        }
    }
    engine::sort::sort(&mut cuts);
    cuts.dedup();
    cuts.windows(2)
        .filter_map(|pair| match pair {
            [a, b] if a < b => Some(Span::new(*a, *b)),
            _ => None,
        })
        .map(|span| Segment {
            span,
            style: if marks
                .iter()
                .any(|m| m.start <= span.start && span.end <= m.end)
            {
                Style::Marked
            } else {
                Style::Plain
            },
            masked: secrets
                .iter()
                .any(|s| s.start <= span.start && span.end <= s.end),
        })
        .collect()
}

/// Renders text segments: marks as `<mark>`, unrevealed secrets as dots with a label.
pub fn render_segments(text: &str, segments: &[Segment], masked_label: &str) -> Html {
    let nodes = segments.iter().map(|segment| {
        let inner = if segment.masked {
            html! {
                <span class="secret" role="img" aria-label={masked_label.to_owned()} title={masked_label.to_owned()}>
                    { "••••••••" }
                </span>
            }
        } else {
            html! { { segment.span.slice(text).to_owned() } }
        };
        match segment.style {
            Style::Marked => html! { <mark class="evidence-mark">{ inner }</mark> },
            Style::Plain => inner,
        }
    });
    html! { <>{ for nodes }</> }
}

/// The lines around `span` (one line of context on each side), cut to a readable width when a
/// line is very long (minified JSON can be megabytes on one line).
pub fn excerpt_window(text: &str, span: Span) -> Span {
    const CONTEXT: usize = 160;
    let start = floor_boundary(text, span.start);
    let end = ceil_boundary(text, span.end.max(start));
    let bytes = text.as_bytes();
    let line_start = |from: usize| {
        bytes
            .get(..from)
            .and_then(|before| before.iter().rposition(|&b| b == b'\n'))
            .map_or(0, |i| i + 1)
    };
    let line_end = |from: usize| {
        bytes
            .get(from..)
            .and_then(|after| after.iter().position(|&b| b == b'\n'))
            .map_or(text.len(), |i| from + i)
    };
    let mut window_start = line_start(start);
    if window_start > 0 {
        window_start = line_start(window_start - 1);
    }
    let mut window_end = line_end(end);
    if window_end < text.len() {
        window_end = line_end(window_end + 1);
    }
    // Long lines: keep CONTEXT bytes on each side of the span.
    if start.saturating_sub(window_start) > CONTEXT {
        window_start = ceil_boundary(text, start - CONTEXT);
    }
    if window_end.saturating_sub(end) > CONTEXT {
        window_end = floor_boundary(text, end + CONTEXT);
    }
    Span::new(window_start, window_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_at_marks_and_secrets() {
        let text = "key ASIAXXXX end";
        let secret = Span::new(4, 12);
        let mark = Span::new(0, 8);
        let parts = segments(text, Span::new(0, text.len()), &[mark], &[secret]);
        let shown: Vec<(&str, Style, bool)> = parts
            .iter()
            .map(|s| (s.span.slice(text), s.style, s.masked))
            .collect();
        assert_eq!(
            shown,
            vec![
                ("key ", Style::Marked, false),
                ("ASIA", Style::Marked, true),
                ("XXXX", Style::Plain, true),
                (" end", Style::Plain, false),
            ]
        );
    }

    #[test]
    fn excerpt_keeps_a_line_of_context_and_cuts_long_lines() {
        let text = "one\ntwo\nthree\nfour\nfive";
        let at = text.find("three").unwrap_or_default();
        let window = excerpt_window(text, Span::new(at, at + 5));
        assert_eq!(window.slice(text), "two\nthree\nfour");
        let long = format!("{}X{}", "a".repeat(1000), "b".repeat(1000));
        let x = long.find('X').unwrap_or_default();
        let window = excerpt_window(&long, Span::new(x, x + 1));
        assert!(window.len() <= 321, "{}", window.len());
        assert!(window.slice(&long).contains('X'));
    }
}
