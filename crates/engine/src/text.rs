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

/// Line starts of a text, so that each input is located in O(log n) instead of counting lines
/// from the start of a paste that may hold thousands of inputs.
pub struct LineIndex<'t> {
    text: &'t str,
    starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The same answer as [`Location::of`].
    pub fn locate(&self, offset: usize) -> Location {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or_default();
        let column =
            Location::of(self.text.get(start..).unwrap_or_default(), offset - start).column;
        Location { line, column }
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

/// Which byte of each UTF-16 unit text written without a byte-order mark leaves zero, if the
/// bytes look like it: most units of ASCII text in UTF-16 have one zero byte, always the same
/// one (PowerShell's `Out-File -Encoding unicode` piped on, `iconv -t UTF-16LE`, a file saved by
/// Notepad as "Unicode" and its mark cut off). UTF-8 text never holds NUL bytes that way.
fn utf16_order(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 4 || bytes.len() % 2 != 0 {
        return None;
    }
    let probe = bytes.get(..bytes.len().min(8192))?;
    let units = probe.len() / 2;
    let (mut high_zero, mut low_zero) = (0usize, 0usize);
    for pair in probe.chunks_exact(2) {
        match pair {
            [low, 0] if *low != 0 => high_zero += 1,
            [0, high] if *high != 0 => low_zero += 1,
            _ => {}
        }
    }
    // At least 40 % of units ASCII in one order, and (almost) none in the other.
    if high_zero * 5 >= units * 2 && low_zero * 20 <= units {
        Some(true)
    } else if low_zero * 5 >= units * 2 && high_zero * 20 <= units {
        Some(false)
    } else {
        None
    }
}

/// Text from bytes as terminals, editors and PowerShell write it: UTF-8 (a byte-order mark
/// dropped), UTF-16 with a byte-order mark, or UTF-16 without one (recognised by its zero
/// bytes). Invalid sequences are replaced, not refused: a stray byte must not hide the rest of a
/// paste. What the CLI and the page read pastes and files with.
pub fn decode(bytes: &[u8]) -> String {
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| match pair {
                [a, b] if little => u16::from_le_bytes([*a, *b]),
                [a, b] => u16::from_be_bytes([*a, *b]),
                _ => 0xFFFD,
            })
            .collect();
        let mut text = String::from_utf16_lossy(&units);
        if rest.len() % 2 != 0 {
            text.push('\u{FFFD}');
        }
        text
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        [0xEF, 0xBB, 0xBF, rest @ ..] => String::from_utf8_lossy(rest).into_owned(),
        _ => match utf16_order(bytes) {
            Some(little) => utf16(bytes, little),
            None => String::from_utf8_lossy(bytes).into_owned(),
        },
    }
}

/// The text of bytes that are UTF-16 without a byte-order mark (see [`decode`]), `None` when
/// they do not look like it or do not decode (what the page checks before calling bytes
/// binary).
pub fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    let little = utf16_order(bytes)?;
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| match pair {
            [a, b] if little => u16::from_le_bytes([*a, *b]),
            [a, b] => u16::from_be_bytes([*a, *b]),
            _ => 0xFFFD,
        })
        .collect();
    // UTF-32 and other data decode to NULs: not text.
    String::from_utf16(&units)
        .ok()
        .filter(|text| !text.contains('\0'))
}

/// Text that arrived as UTF-16 read byte by byte (`a\0b\0…`, what a paste of such a file or a
/// reader that assumed UTF-8 gives), decoded; `None` when the text is not such.
pub fn utf16_in_text(text: &str) -> Option<String> {
    if !text.contains('\0') {
        return None;
    }
    let bytes = text.as_bytes();
    // A final unit may have lost its zero byte (a trailing newline was trimmed).
    let even = bytes.get(..bytes.len() - bytes.len() % 2)?;
    utf16_order(even).map(|_| decode(even))
}

#[cfg(test)]
mod tests {

    fn utf16(text: &str, little: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| {
                if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn decodes_utf8_and_utf16_with_and_without_a_mark() {
        assert_eq!(decode(b"{\"a\":1}"), "{\"a\":1}");
        assert_eq!(decode(b"\xEF\xBB\xBF{}"), "{}");
        let text = "AWS_SECRET_ACCESS_KEY=q8Rv2LmN/x7KpZ3wT+9bYc4HdF6sJ1gA0eUoXiWr\r\nロール é";
        for little in [true, false] {
            let mut marked = if little {
                vec![0xFF, 0xFE]
            } else {
                vec![0xFE, 0xFF]
            };
            marked.extend(utf16(text, little));
            assert_eq!(decode(&marked), text);
            assert_eq!(decode(&utf16(text, little)), text, "without a mark");
        }
        assert_eq!(decode(b"ok \xFF ok"), "ok \u{FFFD} ok");
        // Mostly non-ASCII UTF-16 without a mark cannot be told from other bytes: read as UTF-8.
        assert_eq!(decode(b"abcd"), "abcd");
        let ascii = "aws_session_token = IQoJb3JpZ2luX2Vj\n";
        let nul_interleaved = String::from_utf8(utf16(ascii, true)).unwrap_or_default();
        assert_eq!(utf16_in_text(&nul_interleaved).as_deref(), Some(ascii));
        assert_eq!(utf16_in_text("plain"), None);
    }

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
