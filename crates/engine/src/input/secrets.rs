//! Where credentials stand in a paste, so every renderer can mask them and every exporter can
//! drop them: access key ids, secret keys, session tokens, IMDSv2 tokens and encoded
//! authorization messages, in JSON, `KEY=value` lines, credentials files and
//! `aws configure list` output alike. Spans cover the secret values only.

use serde::Serialize;

use super::fields;
use super::scan;
use crate::json::{Json, Value, MAX_DEPTH};
use crate::text::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
    /// An IMDSv2 session token (`X-aws-ec2-metadata-token`, the token PUT's answer).
    ImdsToken,
    /// An encoded authorization failure message (it reveals the caller's policies' effect).
    EncodedAuthorizationMessage,
}

/// A secret value located in the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Secret {
    pub kind: SecretKind,
    pub span: Span,
}

/// Key names (ASCII case-insensitive) whose values are secrets, in JSON and `KEY=value` text.
const SECRET_KEYS: &[(&str, SecretKind)] = &[
    ("AccessKeyId", SecretKind::AccessKeyId),
    ("aws_access_key_id", SecretKind::AccessKeyId),
    ("SecretAccessKey", SecretKind::SecretAccessKey),
    ("aws_secret_access_key", SecretKind::SecretAccessKey),
    ("SecretKey", SecretKind::SecretAccessKey),
    ("Token", SecretKind::SessionToken),
    ("SessionToken", SecretKind::SessionToken),
    ("aws_session_token", SecretKind::SessionToken),
    ("aws_security_token", SecretKind::SessionToken),
    ("EncodedMessage", SecretKind::EncodedAuthorizationMessage),
];

fn secret_key_kind(key: &str) -> Option<SecretKind> {
    SECRET_KEYS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(key))
        .map(|(_, kind)| *kind)
}

/// Secrets in a JSON document: values of secret keys, and access key ids anywhere.
pub fn scan_json(paste: &str, json: &Json) -> Vec<Secret> {
    let mut found = Vec::new();
    // An explicit stack: documents are as deep as the JSON reader allows.
    let mut stack: Vec<(&Json, usize)> = vec![(json, 0)];
    while let Some((value, depth)) = stack.pop() {
        match &value.value {
            Value::Object(members) => {
                for member in members {
                    if let (Some(kind), Value::String(text)) =
                        (secret_key_kind(&member.key), &member.value.value)
                    {
                        if !text.is_empty() && !is_placeholder(text) {
                            found.push(Secret {
                                kind,
                                span: fields::content_span(&member.value, paste),
                            });
                            continue;
                        }
                    }
                    if depth < MAX_DEPTH {
                        stack.push((&member.value, depth + 1));
                    }
                }
            }
            Value::Array(items) if depth < MAX_DEPTH => {
                stack.extend(items.iter().map(|item| (item, depth + 1)));
            }
            Value::String(text) if text.len() == 20 && is_access_key_id(text.as_bytes()) => {
                found.push(Secret {
                    kind: SecretKind::AccessKeyId,
                    span: fields::content_span(value, paste),
                });
            }
            _ => {}
        }
    }
    found
}

/// Values that are not secrets: `<not set>`, `None`, masked `****ABCD` text keeps being marked.
fn is_placeholder(text: &str) -> bool {
    matches!(text, "<not set>" | "None" | "null")
}

/// Secrets in plain text: `KEY=value` / `key = value` / `"Key": "value"` lines,
/// `aws configure list` rows, `X-aws-ec2-metadata-token:` headers, encoded authorization
/// messages and access key ids anywhere.
pub fn scan_text(paste: &str, span: Span) -> Vec<Secret> {
    let mut found = Vec::new();
    for line in scan::lines(paste, span) {
        scan_line(paste, line, &mut found);
    }
    scan_access_key_ids(paste, span, &mut found);
    found
}

fn scan_line(paste: &str, line: Span, found: &mut Vec<Secret>) {
    let text = line.slice(paste);
    let bytes = text.as_bytes();
    // `aws configure list`: `access_key     ****************ABCD shared-credentials-file`
    let trimmed_start = scan::skip_space(paste, line.start, line.end);
    for (name, kind) in [
        ("access_key ", SecretKind::AccessKeyId),
        ("secret_key ", SecretKind::SecretAccessKey),
    ] {
        if scan::match_at(paste.as_bytes(), trimmed_start, line.end, name.as_bytes()).is_some() {
            let value_start = scan::skip_space(paste, trimmed_start + name.len(), line.end);
            let value = scan::token(paste, value_start, line.end);
            if !value.is_empty() && value.slice(paste) != "<not" {
                found.push(Secret { kind, span: value });
            }
        }
    }
    // `X-aws-ec2-metadata-token: VALUE` (not the `-ttl-seconds` header).
    if let Some(header) = scan::find_ci(paste, line, "x-aws-ec2-metadata-token:") {
        let value_start = scan::skip_space(paste, header.end, line.end);
        let value = scan::run_while(paste, value_start, line.end, |b| {
            b.is_ascii_alphanumeric() || b"+/=_-".contains(&b)
        });
        if !value.is_empty() && !value.slice(paste).starts_with('$') {
            found.push(Secret {
                kind: SecretKind::ImdsToken,
                span: value,
            });
        }
    }
    if let Some(phrase) = scan::find_phrase(
        paste,
        line.start,
        line.end,
        "Encoded authorization failure message:",
    ) {
        let value_start = scan::skip_space(paste, phrase.end, line.end);
        let value = scan::run_while(paste, value_start, line.end, |b| {
            b.is_ascii_alphanumeric() || b"_-+/=".contains(&b)
        });
        if value.len() >= 16 {
            found.push(Secret {
                kind: SecretKind::EncodedAuthorizationMessage,
                span: value,
            });
        }
    }
    // `NAME=value`, `NAME = value`, `$env:NAME="value"`, `"Name": "value"`.
    let mut i = 0;
    while i < bytes.len() {
        let Some(&b) = bytes.get(i) else { break };
        if !(b.is_ascii_alphabetic() || b == b'_')
            || (i > 0
                && bytes
                    .get(i - 1)
                    .is_some_and(|p| p.is_ascii_alphanumeric() || *p == b'_'))
        {
            i += 1;
            continue;
        }
        let word = scan::run_while(paste, line.start + i, line.end, |c| {
            c.is_ascii_alphanumeric() || c == b'_'
        });
        let word_text = word.slice(paste);
        i = word.end - line.start;
        let kind = secret_key_kind(word_text).or_else(|| env_secret_kind(word_text));
        let Some(kind) = kind else { continue };
        // Separator: optional quote, spaces, `=` or `:`, spaces, optional quote.
        let mut j = word.end;
        if paste.as_bytes().get(j) == Some(&b'"') {
            j += 1;
        }
        j = scan::skip_space(paste, j, line.end);
        if !matches!(paste.as_bytes().get(j), Some(b'=' | b':')) {
            continue;
        }
        j = scan::skip_space(paste, j + 1, line.end);
        let quoted = matches!(paste.as_bytes().get(j), Some(b'"' | b'\''));
        if quoted {
            j += 1;
        }
        let value = scan::run_while(paste, j, line.end, |c| {
            !c.is_ascii_whitespace() && c != b'"' && c != b'\'' && c != b','
        });
        let value_text = value.slice(paste);
        if value.is_empty()
            || value_text.starts_with('$')
            || is_placeholder(value_text)
            || value_text == "<not"
        {
            continue;
        }
        found.push(Secret { kind, span: value });
        i = value.end - line.start;
    }
}

/// Environment variable spellings.
fn env_secret_kind(word: &str) -> Option<SecretKind> {
    match word.to_ascii_uppercase().as_str() {
        "AWS_ACCESS_KEY_ID" => Some(SecretKind::AccessKeyId),
        "AWS_SECRET_ACCESS_KEY" => Some(SecretKind::SecretAccessKey),
        "AWS_SESSION_TOKEN" | "AWS_SECURITY_TOKEN" => Some(SecretKind::SessionToken),
        _ => None,
    }
}

/// `AKIA…` / `ASIA…` followed by 16 upper-case letters or digits, on word boundaries.
fn scan_access_key_ids(paste: &str, span: Span, found: &mut Vec<Secret>) {
    let bytes = paste.as_bytes();
    let end = span.end.min(bytes.len());
    let mut i = span.start;
    while i + 20 <= end {
        let Some(window) = bytes.get(i..i + 20) else {
            break;
        };
        let boundary_before =
            i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric());
        let boundary_after = bytes.get(i + 20).is_none_or(|b| !b.is_ascii_alphanumeric());
        if boundary_before && boundary_after && is_access_key_id(window) {
            found.push(Secret {
                kind: SecretKind::AccessKeyId,
                span: Span::new(i, i + 20),
            });
            i += 20;
        } else {
            i += 1;
        }
    }
}

fn is_access_key_id(bytes: &[u8]) -> bool {
    bytes.len() == 20
        && (bytes.starts_with(b"AKIA") || bytes.starts_with(b"ASIA"))
        && bytes
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str) -> Vec<(SecretKind, &str)> {
        let mut found = scan_text(text, Span::new(0, text.len()));
        found.sort_by_key(|s| s.span.start);
        found.dedup();
        found
            .into_iter()
            .map(|s| (s.kind, s.span.slice(text)))
            .collect()
    }

    #[test]
    fn env_lines_and_credentials_files() {
        let text = "export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=\"wJalrXUtnFEMI/K7MDENG\"\naws_session_token = IQoJb3JpZ2luX2VjEP\n$env:AWS_SECRET_ACCESS_KEY='abc/def'";
        let got = covered(text);
        assert!(got.contains(&(SecretKind::AccessKeyId, "AKIAIOSFODNN7EXAMPLE")));
        assert!(got.contains(&(SecretKind::SecretAccessKey, "wJalrXUtnFEMI/K7MDENG")));
        assert!(got.contains(&(SecretKind::SessionToken, "IQoJb3JpZ2luX2VjEP")));
        assert!(got.contains(&(SecretKind::SecretAccessKey, "abc/def")));
    }

    #[test]
    fn configure_list_and_headers() {
        let text = "      Name                    Value             Type    Location\n   access_key     ****************ABCD         iam-role\n   secret_key     ****************EFGH         iam-role\nX-aws-ec2-metadata-token: AQAEAKQRRHnsX8GCPgYTGMShrFJkMhru3n-8Ul5Gzvzj-bpWKYZuiw==";
        let got = covered(text);
        assert!(got.contains(&(SecretKind::AccessKeyId, "****************ABCD")));
        assert!(got.contains(&(SecretKind::SecretAccessKey, "****************EFGH")));
        assert!(got.contains(&(
            SecretKind::ImdsToken,
            "AQAEAKQRRHnsX8GCPgYTGMShrFJkMhru3n-8Ul5Gzvzj-bpWKYZuiw=="
        )));
    }

    #[test]
    fn variables_are_not_secrets() {
        let text = "curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/\nAWS_SECRET_ACCESS_KEY=$SECRET";
        assert!(covered(text).is_empty());
    }
}
