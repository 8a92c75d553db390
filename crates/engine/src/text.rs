//! Byte spans into pasted text, and the line/column a person reads.
//!
//! The engine works in byte offsets; the browser boundary converts to UTF-16 where it needs to.

use serde::Serialize;

/// A half-open byte range `start..end` into one input's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    pub const fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text this span covers, or `""` when the span does not fit `text` (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// This span moved right by `offset` bytes (a part's span made absolute in its parent).
    pub const fn shifted(&self, offset: usize) -> Self {
        Self {
            start: self.start.saturating_add(offset),
            end: self.end.saturating_add(offset),
        }
    }
}

/// A 1-based line and column (in characters, not bytes) as editors show them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    /// The location of byte `offset` in `text`. Offsets past the end give the end of the text;
    /// an offset inside a multi-byte character counts as that character.
    pub fn of(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = text.as_bytes().get(..offset).unwrap_or_default();
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let column = 1 + before
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        Self { line, column }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// `value` as a JSON string literal, as serde_json writes it.
pub fn json_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("\"{}\"", value.escape_default()))
}

/// Appends `value` as a JSON string literal (see [`json_string`]).
pub fn push_json_string(out: &mut String, value: &str) {
    out.push_str(&json_string(value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_string_escapes_like_serde_json() {
        let all: String = (0u32..0x80)
            .filter_map(char::from_u32)
            .chain("é\u{2028}😀".chars())
            .collect();
        for text in [all.as_str(), "", "plain", "a\"b\\c"] {
            let expected = serde_json::Value::String(text.to_owned()).to_string();
            assert_eq!(json_string(text), expected);
        }
    }

    #[test]
    fn location_counts_lines_and_characters() {
        let text = "ab\nこんにちは x";
        assert_eq!(Location::of(text, 0), Location { line: 1, column: 1 });
        assert_eq!(Location::of(text, 3), Location { line: 2, column: 1 });
        let x = text.find('x').unwrap_or_default();
        assert_eq!(Location::of(text, x), Location { line: 2, column: 7 });
        assert_eq!(Location::of(text, 10_000), Location::of(text, text.len()));
    }

    #[test]
    fn slice_never_panics() {
        let text = "héllo";
        assert_eq!(Span::new(0, 1).slice(text), "h");
        assert_eq!(Span::new(1, 2).slice(text), "");
        assert_eq!(Span::new(4, 100).slice(text), "");
        assert_eq!(Span::new(5, 2).slice(text), "");
    }
}
