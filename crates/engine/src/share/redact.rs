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
    spans.sort_by_key(|(span, _)| (span.start, span.end));
    spans
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
