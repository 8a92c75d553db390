//! Removing secrets from the texts before they go into a link.

use serde::Serialize;

use crate::input::{self, SecretKind};
use crate::text::Span;

/// A secret that was removed: its kind and the input it was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RemovedSecret {
    pub input: usize,
    pub kind: SecretKind,
}

/// Rounds of "read again, remove again": removing a value could in theory join two pieces into
/// something that reads as a secret again.
const ROUNDS: usize = 4;

/// The texts with every secret value cut out (encoded authorization messages too unless
/// `keep_authorization_messages`), and what was removed. A text that still shows a secret after
/// [`ROUNDS`] is dropped whole (it becomes empty).
pub fn remove_secrets(
    texts: &[String],
    keep_authorization_messages: bool,
) -> (Vec<String>, Vec<RemovedSecret>) {
    let mut removed = Vec::new();
    let mut out = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let mut current = text.clone();
        let mut clean = false;
        for _ in 0..ROUNDS {
            let spans = secret_spans(&current, keep_authorization_messages);
            if spans.is_empty() {
                clean = true;
                break;
            }
            removed.extend(spans.iter().map(|(_, kind)| RemovedSecret {
                input: index,
                kind: *kind,
            }));
            current = cut(&current, spans.iter().map(|(span, _)| *span));
        }
        out.push(if clean { current } else { String::new() });
    }
    (out, removed)
}

fn secret_spans(text: &str, keep_authorization_messages: bool) -> Vec<(Span, SecretKind)> {
    let mut spans: Vec<(Span, SecretKind)> = input::read(text)
        .into_iter()
        .flat_map(|input| input.secrets)
        .filter(|secret| {
            !(keep_authorization_messages && secret.kind == SecretKind::EncodedAuthorizationMessage)
        })
        .filter(|secret| !secret.span.is_empty())
        .map(|secret| (secret.span, secret.kind))
        .collect();
    // Defence in depth: an access key id inside a longer value (`"UserId": "AKIA…:session"`)
    // is cut too, whatever the reader made of its surroundings.
    spans.extend(
        access_key_ids(text)
            .into_iter()
            .map(|span| (span, SecretKind::AccessKeyId)),
    );
    crate::sort::sort_by_key(&mut spans, |(span, _)| (span.start, span.end));
    spans.dedup_by_key(|(span, _)| *span);
    spans
}

/// `AKIA`/`ASIA` + 16 characters of the key alphabet, not inside a longer word.
fn access_key_ids(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(offset) = text.get(at..).and_then(|rest| rest.find("A")) {
        let start = at + offset;
        at = start + 1;
        let is_key = matches!(bytes.get(start..start + 4), Some(b"AKIA") | Some(b"ASIA"))
            && bytes.get(start + 4..start + 20).is_some_and(|tail| {
                tail.iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            })
            && !start
                .checked_sub(1)
                .and_then(|p| bytes.get(p))
                .is_some_and(u8::is_ascii_alphanumeric)
            && !bytes.get(start + 20).is_some_and(u8::is_ascii_alphanumeric);
        if is_key {
            found.push(Span::new(start, start + 20));
            at = start + 20;
        }
    }
    found
}

/// The text less the given spans (overlapping spans merge; spans off a character boundary are
/// widened to the enclosing characters, so the result stays valid UTF-8).
fn cut(text: &str, spans: impl Iterator<Item = Span>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept_until = 0usize;
    for span in spans {
        let mut start = span.start.min(text.len());
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.min(text.len());
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        if start > kept_until {
            out.push_str(text.get(kept_until..start).unwrap_or_default());
        }
        kept_until = kept_until.max(end);
    }
    out.push_str(text.get(kept_until..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cut_merges_overlaps_and_keeps_utf8() {
        let text = "aé-bcd-ef";
        assert_eq!(
            cut(text, [Span::new(1, 2), Span::new(5, 7)].into_iter()),
            "a-b-ef"
        );
        assert_eq!(
            cut(text, [Span::new(4, 8), Span::new(5, 6)].into_iter()),
            "aé-ef"
        );
        assert_eq!(cut(text, [Span::new(0, 99)].into_iter()), "");
    }

    #[test]
    fn access_key_ids_inside_other_values_are_cut() {
        let text =
            r#"{"UserId": "AKIAI44QH8DHBEXAMPLE:my-session", "Other": "XAKIAI44QH8DHBEXAMPLE"}"#;
        let (texts, removed) = remove_secrets(&[text.to_owned()], false);
        assert_eq!(
            texts[0],
            r#"{"UserId": ":my-session", "Other": "XAKIAI44QH8DHBEXAMPLE"}"#
        );
        assert_eq!(removed.len(), 1);
    }

    #[test]
    fn credentials_are_absent_not_masked() {
        let text = "{\n  \"Code\" : \"Success\",\n  \"AccessKeyId\" : \"ASIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\" : \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n  \"Token\" : \"IQoJb3JpZ2luX2VjEXAMPLETOKEN\"\n}";
        let (texts, removed) = remove_secrets(&[text.to_owned()], false);
        let shared = texts.concat();
        for secret in [
            "ASIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "IQoJb3JpZ2luX2VjEXAMPLETOKEN",
            "*",
        ] {
            assert!(!shared.contains(secret), "{secret} in {shared}");
        }
        assert!(shared.contains("\"SecretAccessKey\" : \"\""), "{shared}");
        assert_eq!(removed.len(), 3);
    }
}
