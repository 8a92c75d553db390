//! Removing secrets from the texts before they go into a link.

use serde::Serialize;

use crate::input::{self, Secret, SecretKind};
use crate::text::Span;

/// A secret that was removed: its kind and the input it was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RemovedSecret {
    pub input: usize,
    pub kind: SecretKind,
}

/// Rounds of "read again, replace again". Replacing a value by a stand-in cannot join two
/// pieces into a new secret (a stand-in is never key material and separates what is around it),
/// so the second read finds nothing; the rounds only bound the work if a reader ever disagreed.
const ROUNDS: usize = 3;

/// The texts with every secret value replaced in place by a typed stand-in
/// (`<removed: secret access key>`; encoded authorization messages too unless
/// `keep_authorization_messages`), and what was removed. A text is never dropped: whatever the
/// last read still finds is replaced too, so the result converges and keeps its shape.
pub fn remove_secrets(
    texts: &[String],
    keep_authorization_messages: bool,
) -> (Vec<String>, Vec<RemovedSecret>) {
    let mut removed = Vec::new();
    let mut out = Vec::with_capacity(texts.len());
    for (index, text) in texts.iter().enumerate() {
        let mut current = text.clone();
        for _ in 0..ROUNDS {
            let spans = secret_spans(&current, keep_authorization_messages);
            if spans.is_empty() {
                break;
            }
            removed.extend(spans.iter().map(|(_, kind)| RemovedSecret {
                input: index,
                kind: *kind,
            }));
            current = replace(&current, &spans);
        }
        out.push(current);
    }
    (out, removed)
}

/// Where the reader finds secrets in `text` (merged, in order).
pub fn secret_spans(text: &str, keep_authorization_messages: bool) -> Vec<(Span, SecretKind)> {
    let mut secrets: Vec<Secret> = input::read(text)
        .into_iter()
        .flat_map(|input| input.secrets)
        .collect();
    input::secrets::merge(&mut secrets);
    secrets
        .into_iter()
        .filter(|secret| {
            !(keep_authorization_messages && secret.kind == SecretKind::EncodedAuthorizationMessage)
        })
        .filter(|secret| !secret.span.is_empty())
        .map(|secret| (secret.span, secret.kind))
        .collect()
}

/// The text with each span (sorted, not overlapping) replaced by its kind's stand-in; spans off
/// a character boundary are widened to the enclosing characters, so the result stays UTF-8.
fn replace(text: &str, spans: &[(Span, SecretKind)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut kept_until = 0usize;
    for (span, kind) in spans {
        let mut start = span.start.min(text.len());
        while start > 0 && !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = span.end.min(text.len());
        while end < text.len() && !text.is_char_boundary(end) {
            end += 1;
        }
        if end <= kept_until {
            continue;
        }
        out.push_str(
            text.get(kept_until..start.max(kept_until))
                .unwrap_or_default(),
        );
        out.push_str(&input::secrets::stand_in(*kind));
        kept_until = end;
    }
    out.push_str(text.get(kept_until..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_utf8_and_order() {
        let text = "aé-bcd-ef";
        assert_eq!(
            replace(
                text,
                &[
                    (Span::new(1, 2), SecretKind::Signature),
                    (Span::new(5, 7), SecretKind::KeyMaterial)
                ]
            ),
            "a<removed: signature>-b<removed: key material>-ef"
        );
        assert_eq!(
            replace(text, &[(Span::new(0, 99), SecretKind::SessionToken)]),
            "<removed: session token>"
        );
    }

    #[test]
    fn access_key_ids_inside_other_values_are_replaced() {
        let text =
            r#"{"UserId": "AKIAI44QH8DHBEXAMPLE:my-session", "Other": "XAKIAI44QH8DHBEXAMPLE"}"#;
        let (texts, removed) = remove_secrets(&[text.to_owned()], false);
        assert_eq!(
            texts[0],
            r#"{"UserId": "<removed: access key id>:my-session", "Other": "XAKIAI44QH8DHBEXAMPLE"}"#
        );
        assert_eq!(removed.len(), 1);
    }

    #[test]
    fn credentials_are_replaced_by_typed_stand_ins() {
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
        assert!(
            shared.contains("\"SecretAccessKey\" : \"<removed: secret access key>\""),
            "{shared}"
        );
        assert_eq!(removed.len(), 3);
        // The stand-ins are not read as secrets: a second pass changes nothing.
        let (again, removed_again) = remove_secrets(&texts, false);
        assert_eq!(again, texts);
        assert!(removed_again.is_empty());
    }
}
