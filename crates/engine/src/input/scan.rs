//! Hand-written scanners over the paste: whitespace-tolerant phrase search, lines, tokens.
//!
//! Every function works on absolute byte offsets into the whole paste, only ever cuts at ASCII
//! bytes (so spans fall on char boundaries), and runs in time linear in the text it looks at
//! times the length of the (short, constant) phrase.

use crate::text::{Location, Span};

/// Finds `phrase` in `text[from..to]`, ASCII case-insensitively, where each space in `phrase`
/// matches one or more whitespace characters (messages get wrapped over lines when pasted).
pub fn find_phrase(text: &str, from: usize, to: usize, phrase: &str) -> Option<Span> {
    let bytes = text.as_bytes();
    let to = to.min(bytes.len());
    let pattern = phrase.as_bytes();
    let first = *pattern.first()?;
    let mut start = from;
    while start < to {
        let candidate = bytes.get(start..to)?;
        let offset = candidate
            .iter()
            .position(|b| b.eq_ignore_ascii_case(&first))?;
        let at = start + offset;
        if let Some(end) = match_at(bytes, at, to, pattern) {
            return Some(Span::new(at, end));
        }
        start = at + 1;
    }
    None
}

/// Whether `pattern` matches at `at` (same rules as [`find_phrase`]); the end offset when it does.
pub fn match_at(bytes: &[u8], at: usize, to: usize, pattern: &[u8]) -> Option<usize> {
    let mut i = at;
    let mut p = 0;
    while p < pattern.len() {
        let want = *pattern.get(p)?;
        if want == b' ' {
            let run_start = i;
            while i < to && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                i += 1;
            }
            if i == run_start {
                return None;
            }
            p += 1;
            continue;
        }
        if i >= to || !bytes.get(i)?.eq_ignore_ascii_case(&want) {
            return None;
        }
        i += 1;
        p += 1;
    }
    Some(i)
}

/// The lines of `text[span]` as spans without their `\n` / `\r\n`.
pub fn lines(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let bytes = text.as_bytes();
    let end = span.end.min(bytes.len());
    let mut pos = span.start.min(end);
    let mut done = span.start >= end;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let rest = bytes.get(pos..end)?;
        let (line_end, next) = match rest.iter().position(|&b| b == b'\n') {
            Some(i) => (pos + i, pos + i + 1),
            None => {
                done = true;
                (end, end)
            }
        };
        let start = pos;
        pos = next;
        if next >= end {
            done = true;
        }
        let line_end = if line_end > start && bytes.get(line_end - 1) == Some(&b'\r') {
            line_end - 1
        } else {
            line_end
        };
        Some(Span::new(start, line_end))
    })
}

/// `span` without leading and trailing whitespace.
pub fn trim(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let mut start = span.start;
    let mut end = span.end.min(bytes.len());
    while start < end && bytes.get(start).is_some_and(u8::is_ascii_whitespace) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).is_some_and(u8::is_ascii_whitespace) {
        end -= 1;
    }
    // Full-width spaces (U+3000) often surround Japanese notes.
    let slice = Span::new(start, end).slice(text);
    let inner = slice.trim_matches(|c: char| c.is_whitespace());
    let lead = slice.len() - slice.trim_start_matches(|c: char| c.is_whitespace()).len();
    Span::new(start + lead, start + lead + inner.len())
}

/// Skips ASCII whitespace from `pos`.
pub fn skip_space(text: &str, pos: usize, to: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < to && bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    i
}

/// The run of non-whitespace bytes from `pos` (up to `to`).
pub fn token(text: &str, pos: usize, to: usize) -> Span {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < to && bytes.get(i).is_some_and(|b| !b.is_ascii_whitespace()) {
        i += 1;
    }
    Span::new(pos, i)
}

/// The run of bytes from `pos` that satisfy `keep` (ASCII predicates only).
pub fn run_while(text: &str, pos: usize, to: usize, keep: impl Fn(u8) -> bool) -> Span {
    let bytes = text.as_bytes();
    let mut i = pos;
    while i < to && bytes.get(i).is_some_and(|&b| b.is_ascii() && keep(b)) {
        i += 1;
    }
    Span::new(pos, i)
}

/// `span` without trailing bytes in `chars` (e.g. `.,;"'`).
pub fn trim_end_bytes(text: &str, span: Span, chars: &[u8]) -> Span {
    let bytes = text.as_bytes();
    let mut end = span.end;
    while end > span.start && bytes.get(end - 1).is_some_and(|b| chars.contains(b)) {
        end -= 1;
    }
    Span::new(span.start, end)
}

/// Whether `text[span]` contains `needle` (ASCII case-insensitive, exact spacing).
pub fn contains_ci(text: &str, span: Span, needle: &str) -> bool {
    find_ci(text, span, needle).is_some()
}

/// The first occurrence of `needle` (ASCII case-insensitive, exact spacing) in `text[span]`.
pub fn find_ci(text: &str, span: Span, needle: &str) -> Option<Span> {
    let bytes = text.as_bytes();
    let pattern = needle.as_bytes();
    let first = *pattern.first()?;
    let end = span.end.min(bytes.len());
    let mut i = span.start;
    while i + pattern.len() <= end {
        let rest = bytes.get(i..end)?;
        let offset = rest.iter().position(|b| b.eq_ignore_ascii_case(&first))?;
        let at = i + offset;
        if at + pattern.len() > end {
            return None;
        }
        if bytes
            .get(at..at + pattern.len())
            .is_some_and(|window| window.eq_ignore_ascii_case(pattern))
        {
            return Some(Span::new(at, at + pattern.len()));
        }
        i = at + 1;
    }
    None
}

/// A set of needles looked for together in one pass over a text, its tables built once: a list
/// that is looked for in many texts (every string of a JSON log) keeps one in a static.
pub struct Needles {
    needles: Vec<String>,
    groups: Vec<NeedleBytes>,
}

impl Needles {
    pub fn new<S: AsRef<str>>(needles: &[S]) -> Self {
        let needles: Vec<String> = needles.iter().map(|n| n.as_ref().to_owned()).collect();
        let groups = needles
            .chunks(NEEDLES_AT_ONCE)
            .map(NeedleBytes::new)
            .collect();
        Self { needles, groups }
    }

    /// The first occurrence of each needle in `text[span]` (ASCII case-insensitive, exact
    /// spacing), in the order of the needles. Stops once every needle is found.
    pub fn find_each_ci(&self, text: &str, span: Span) -> Vec<Option<Span>> {
        let mut found: Vec<Option<Span>> = Vec::with_capacity(self.needles.len());
        for (group, tables) in self.needles.chunks(NEEDLES_AT_ONCE).zip(&self.groups) {
            found.extend(find_each_of_group(text, span, group, tables));
        }
        found
    }
}

/// How many needles one pass looks for: one bit each in a `u64`.
const NEEDLES_AT_ONCE: usize = 64;

/// Which needles have each byte (either case) at each of their first three places: a pass
/// tries a needle at a place only where the three bytes there fit it, so most bytes of a text
/// cost a lookup or three and nothing else (a pass that compared every needle starting with the
/// byte took a tenth of the reading of a fleet, `a` being the first letter of eight).
struct NeedleBytes {
    at: [[u64; 256]; 3],
    /// The needles shorter than each place: all a place past the text's end can fit.
    ended: [u64; 3],
}

impl NeedleBytes {
    fn new(needles: &[String]) -> Self {
        let mut at = [[0u64; 256]; 3];
        for (index, needle) in needles.iter().take(NEEDLES_AT_ONCE).enumerate() {
            let bit = 1u64 << index;
            for (place, table) in at.iter_mut().enumerate() {
                match needle.as_bytes().get(place) {
                    Some(&b) => {
                        for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                            if let Some(slot) = table.get_mut(usize::from(b)) {
                                *slot |= bit;
                            }
                        }
                    }
                    // A needle shorter than three bytes fits any byte after its end.
                    None => table.iter_mut().for_each(|slot| *slot |= bit),
                }
            }
        }
        let ended = at.map(|table| table.iter().fold(u64::MAX, |all, slot| all & slot));
        Self { at, ended }
    }

    /// The needles the bytes from `i` may start (a superset: each is compared in full).
    fn candidates(&self, bytes: &[u8], i: usize) -> u64 {
        let mut fits = u64::MAX;
        for (place, (table, ended)) in self.at.iter().zip(self.ended).enumerate() {
            fits &= match bytes.get(i + place) {
                Some(&b) => table.get(usize::from(b)).copied().unwrap_or(0),
                None => ended,
            };
            if fits == 0 {
                break;
            }
        }
        fits
    }
}

fn find_each_of_group(
    text: &str,
    span: Span,
    needles: &[String],
    tables: &NeedleBytes,
) -> Vec<Option<Span>> {
    let bytes = text.as_bytes();
    let end = span.end.min(bytes.len());
    let bytes = bytes.get(..end).unwrap_or_default();
    let mut found: Vec<Option<Span>> = vec![None; needles.len()];
    // The needles still looked for (an empty one is never found).
    let mut missing = needles
        .iter()
        .enumerate()
        .filter(|(_, needle)| !needle.is_empty())
        .fold(0u64, |bits, (index, _)| bits | 1 << index);
    let [first, ..] = &tables.at;
    let mut i = span.start;
    while i < end && missing != 0 {
        // Most bytes start no needle: skipped on the first table alone.
        let skipped = bytes.get(i..).map_or(0, |rest| {
            rest.iter()
                .position(|&b| first[usize::from(b)] & missing != 0)
                .unwrap_or(rest.len())
        });
        i += skipped;
        if i >= end {
            break;
        }
        let mut candidates = tables.candidates(bytes, i) & missing;
        while candidates != 0 {
            let index = candidates.trailing_zeros() as usize;
            candidates &= candidates - 1;
            let Some(pattern) = needles.get(index).map(|n| n.as_bytes()) else {
                continue;
            };
            if bytes
                .get(i..i + pattern.len())
                .is_some_and(|window| window.eq_ignore_ascii_case(pattern))
            {
                if let Some(slot) = found.get_mut(index) {
                    *slot = Some(Span::new(i, i + pattern.len()));
                    missing &= !(1u64 << index);
                }
            }
        }
        i += 1;
    }
    found
}

/// Locations of increasing offsets in one forward pass: each call costs the distance from the
/// previous one, so locating every piece of a paste is linear.
pub struct LineCursor<'t> {
    text: &'t str,
    pos: usize,
    location: Location,
}

impl<'t> LineCursor<'t> {
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            pos: 0,
            location: Location { line: 1, column: 1 },
        }
    }

    /// The location of `offset`; an offset behind the cursor is located from the start.
    pub fn locate(&mut self, offset: usize) -> Location {
        let bytes = self.text.as_bytes();
        let target = offset.min(bytes.len());
        if target < self.pos {
            self.pos = 0;
            self.location = Location { line: 1, column: 1 };
        }
        while self.pos < target {
            match bytes.get(self.pos) {
                Some(b'\n') => {
                    self.location.line += 1;
                    self.location.column = 1;
                }
                Some(&b) if (b & 0xC0) != 0x80 => self.location.column += 1,
                _ => {}
            }
            self.pos += 1;
        }
        self.location
    }
}

/// Characters of IAM names (roles, profiles, users): `[A-Za-z0-9+=,.@_-]`.
pub fn is_iam_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_matches_across_wrapped_lines() {
        let text = "User: x\nis not authorized\r\n  to perform: iam:PassRole";
        let span = find_phrase(text, 0, text.len(), "is not authorized to perform:")
            .unwrap_or_else(|| panic!("found"));
        assert_eq!(span.slice(text), "is not authorized\r\n  to perform:");
        assert_eq!(find_phrase(text, 0, text.len(), "not there"), None);
    }

    #[test]
    fn lines_strip_crlf() {
        let text = "a\r\nbc\n\nd";
        let got: Vec<&str> = lines(text, Span::new(0, text.len()))
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got, vec!["a", "bc", "", "d"]);
        let text = "x\n";
        let got: Vec<&str> = lines(text, Span::new(0, text.len()))
            .map(|s| s.slice(text))
            .collect();
        assert_eq!(got, vec!["x"]);
    }

    #[test]
    fn cursor_agrees_with_location_of() {
        let text = "ab\nこんにちは x\r\n\n{";
        let mut cursor = LineCursor::new(text);
        for offset in [0, 1, 3, 6, 18, 19, 21, 22, 23, 2] {
            assert_eq!(
                cursor.locate(offset),
                Location::of(text, offset),
                "offset {offset}"
            );
        }
    }

    proptest::proptest! {
        /// One pass finds what a search per needle finds, whatever the needles' lengths, cases,
        /// shared first bytes, count (past one group of 64) and the span's ends.
        #[test]
        fn each_needle_is_found_as_alone(
            text in "[aAbB1 ]{0,40}",
            needles in proptest::collection::vec("[aAbB1]{0,4}", 0..70),
            from in 0usize..45,
            to in 0usize..45,
        ) {
            let span = Span::new(from.min(text.len()), to.min(text.len()).max(from.min(text.len())));
            let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
            let alone: Vec<Option<Span>> = needles.iter().map(|n| find_ci(&text, span, n)).collect();
            proptest::prop_assert_eq!(Needles::new(&needles).find_each_ci(&text, span), alone);
        }
    }

    #[test]
    fn trim_handles_full_width_spaces() {
        let text = "\u{3000} web \n";
        assert_eq!(trim(text, Span::new(0, text.len())).slice(text), "web");
    }
}
