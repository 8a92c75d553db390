//! Just enough XML for raw Query API answers (`<ListRolesResponse>`, `<ErrorResponse>`,
//! `<Response><Errors>`): elements by name, their text with entities decoded, and RFC 3986
//! URL-decoding for the policy documents IAM sends encoded. Linear: each search moves forward.

use super::facts::Located;
use super::scan;
use crate::text::Span;

/// An element `<name …>content</name>` found in the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element {
    /// From `<` of the start tag to `>` of the end tag.
    pub span: Span,
    /// Between the tags.
    pub content: Span,
}

/// The outcome of looking for an element.
pub enum Found {
    Element(Element),
    /// The start tag at `Span` has no end tag.
    Unclosed(Span),
    Missing,
}

/// The first `<name>` / `<name attr="…">` in `within`, matched with its `</name>` (counting
/// nested elements of the same name).
pub fn find(text: &str, within: Span, name: &str) -> Found {
    let Some(open) = find_start_tag(text, within.start, within.end, name) else {
        return Found::Missing;
    };
    let mut depth = 1usize;
    let mut pos = open.end;
    let close_pattern = format!("</{name}>");
    loop {
        let next_open = find_start_tag(text, pos, within.end, name);
        let next_close = scan::find_ci(text, Span::new(pos, within.end), &close_pattern);
        match (next_open, next_close) {
            (Some(o), Some(c)) if o.start < c.start => {
                depth += 1;
                pos = o.end;
            }
            (_, Some(c)) => {
                depth -= 1;
                pos = c.end;
                if depth == 0 {
                    return Found::Element(Element {
                        span: Span::new(open.start, c.end),
                        content: Span::new(open.end, c.start),
                    });
                }
            }
            (_, None) => return Found::Unclosed(open),
        }
    }
}

/// The element, or `None` (missing or unclosed).
pub fn element(text: &str, within: Span, name: &str) -> Option<Element> {
    match find(text, within, name) {
        Found::Element(element) => Some(element),
        _ => None,
    }
}

/// Every `<name>` element in `within`, in order (elements inside an earlier match are skipped).
pub fn all(text: &str, within: Span, name: &str) -> Vec<Element> {
    let mut found = Vec::new();
    let mut pos = within.start;
    while pos < within.end {
        match find(text, Span::new(pos, within.end), name) {
            Found::Element(element) => {
                pos = element.span.end;
                found.push(element);
            }
            _ => break,
        }
    }
    found
}

/// The decoded text of the child element `name` of `parent`, located at its content.
pub fn child_text(text: &str, parent: Span, name: &str) -> Option<Located<String>> {
    let element = element(text, parent, name)?;
    let content = scan::trim(text, element.content);
    Some(Located::new(decode_entities(content.slice(text)), content))
}

fn find_start_tag(text: &str, from: usize, to: usize, name: &str) -> Option<Span> {
    let pattern = format!("<{name}");
    let mut pos = from;
    loop {
        let at = scan::find_ci(text, Span::new(pos, to), &pattern)?;
        let after = text.as_bytes().get(at.end).copied();
        match after {
            Some(b'>') => return Some(Span::new(at.start, at.end + 1)),
            Some(b' ' | b'\t' | b'\n' | b'\r') => {
                let close = scan::find_ci(text, Span::new(at.end, to), ">")?;
                return Some(Span::new(at.start, close.end));
            }
            _ => pos = at.end,
        }
    }
}

/// Decodes the five XML entities and numeric character references.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp..).unwrap_or_default();
        let entity_end = tail
            .get(..tail.len().min(12))
            .and_then(|head| head.find(';'));
        let decoded = entity_end.and_then(|end| {
            let name = tail.get(1..end)?;
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number
                        .strip_prefix('x')
                        .or_else(|| number.strip_prefix('X'))
                    {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end + 1))
        });
        match decoded {
            Some((c, used)) => {
                out.push(c);
                rest = tail.get(used..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// RFC 3986 percent-decoding (`+` stays `+`); `None` when the bytes are not UTF-8.
pub fn url_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = *bytes.get(i)?;
        if b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            if let Some(value) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(value);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    String::from_utf8(out).ok()
}

/// Whether the text looks URL-encoded JSON (`%7B%22…`).
pub fn looks_url_encoded_json(text: &str) -> bool {
    let trimmed = text.trim_start();
    trimmed.len() > 6
        && (trimmed
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case("%7B")))
        && trimmed.contains("%22")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_members_and_entities() {
        let text = "<R><member><a>1 &amp; 2</a><member><a>x</a></member></member><member><a>3</a></member></R>";
        let all_members = all(text, Span::new(0, text.len()), "member");
        assert_eq!(all_members.len(), 2);
        let first = child_text(text, all_members[0].content, "a").unwrap_or_else(|| panic!("a"));
        assert_eq!(first.value, "1 & 2");
        assert!(matches!(
            find(text, Span::new(0, 20), "member"),
            Found::Unclosed(_)
        ));
    }

    #[test]
    fn decodes_url_encoded_policy() {
        let decoded = url_decode("%7B%22Version%22%3A%222008-10-17%22%7D").unwrap_or_default();
        assert_eq!(decoded, "{\"Version\":\"2008-10-17\"}");
        assert!(looks_url_encoded_json("%7B%22Version%22"));
        assert_eq!(url_decode("%FF"), None);
    }
}
