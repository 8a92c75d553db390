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
        // What `ec2-iam-doctor gather` prints in place of a value (an access key id keeps its
        // four-letter prefix: `ASIA<redacted>`), and masks people type by hand.
        || text.ends_with("<redacted>")
        || text.eq_ignore_ascii_case("redacted")
        || text.eq_ignore_ascii_case("[redacted]")
        || (!text.is_empty() && text.chars().all(|c| c == '*'))
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

/// Names after which a secret value follows in text (ASCII case-insensitive, whole words where
/// `-` and `_` count as word characters): env variables, credentials files, JSON or Python dicts
/// in logs, XML elements, HTTP headers.
const TEXT_KEYS: &[(&str, SecretKind)] = &[
    ("aws_access_key_id", SecretKind::AccessKeyId),
    ("AccessKeyId", SecretKind::AccessKeyId),
    ("aws_secret_access_key", SecretKind::SecretAccessKey),
    ("SecretAccessKey", SecretKind::SecretAccessKey),
    ("aws_session_token", SecretKind::SessionToken),
    ("aws_security_token", SecretKind::SessionToken),
    ("SessionToken", SecretKind::SessionToken),
    ("Token", SecretKind::SessionToken),
    ("X-Amz-Security-Token", SecretKind::SessionToken),
    ("x-aws-ec2-metadata-token", SecretKind::ImdsToken),
];

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

fn scan_line(paste: &str, line: Span, found: &mut Vec<Secret>) {
    let bytes = paste.as_bytes();
    // `aws configure list`: `access_key     ****************ABCD shared-credentials-file`
    let trimmed_start = scan::skip_space(paste, line.start, line.end);
    for (name, kind) in [
        ("access_key ", SecretKind::AccessKeyId),
        ("secret_key ", SecretKind::SecretAccessKey),
    ] {
        if scan::match_at(bytes, trimmed_start, line.end, name.as_bytes()).is_some() {
            let value_start = scan::skip_space(paste, trimmed_start + name.len(), line.end);
            let value = scan::token(paste, value_start, line.end);
            if !value.is_empty() && value.slice(paste) != "<not" {
                found.push(Secret { kind, span: value });
            }
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
    for (name, kind) in TEXT_KEYS {
        let mut pos = line.start;
        while let Some(key) = scan::find_ci(paste, Span::new(pos, line.end), name) {
            pos = key.end;
            let boundary_before =
                key.start == 0 || bytes.get(key.start - 1).is_none_or(|b| !is_key_byte(*b));
            let boundary_after = bytes.get(key.end).is_none_or(|b| !is_key_byte(*b));
            if !(boundary_before && boundary_after) {
                continue;
            }
            if let Some(value) = value_after_key(paste, key.end, line.end) {
                found.push(Secret {
                    kind: *kind,
                    span: value,
                });
                pos = value.end;
            }
        }
    }
}

/// The value after a key: quotes, spaces, one of `=`, `:`, `>`, spaces, quotes or a Python
/// `b'` prefix, then the value up to whitespace, a quote, `,`, `<`, `;`, `)` or `}`.
fn value_after_key(paste: &str, from: usize, end: usize) -> Option<Span> {
    let bytes = paste.as_bytes();
    let mut j = from;
    while j < end
        && bytes
            .get(j)
            .is_some_and(|b| matches!(b, b'"' | b'\'' | b' ' | b'\t'))
    {
        j += 1;
    }
    if !matches!(bytes.get(j), Some(b'=' | b':' | b'>')) {
        return None;
    }
    j += 1;
    while j < end
        && bytes
            .get(j)
            .is_some_and(|b| matches!(b, b'"' | b'\'' | b' ' | b'\t'))
    {
        j += 1;
    }
    if bytes.get(j) == Some(&b'b') && bytes.get(j + 1).is_some_and(|b| matches!(b, b'\'' | b'"')) {
        j += 2;
    }
    let value = scan::run_while(paste, j, end, |c| {
        !c.is_ascii_whitespace() && !b"\"',<;)}".contains(&c)
    });
    let text = value.slice(paste);
    let placeholder = text.is_empty()
        || text.starts_with('$')
        || text.starts_with('%')
        || is_placeholder(text)
        || text == "<not"
        || text.eq_ignore_ascii_case("none")
        || text.eq_ignore_ascii_case("null");
    (!placeholder).then_some(value)
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
    fn values_redacted_by_gather_or_by_hand_are_not_secrets() {
        let document = r#"{
  "Code" : "Success",
  "LastUpdated" : "2026-11-29T18:00:00Z",
  "Type" : "AWS-HMAC",
  "AccessKeyId" : "ASIA<redacted>",
  "SecretAccessKey" : "<redacted>",
  "Token" : "<redacted>",
  "Expiration" : "2026-11-30T00:00:00Z"
}"#;
        let inputs = crate::input::read(document);
        assert!(!inputs.is_empty());
        assert!(
            inputs.iter().all(|input| input.secrets.is_empty()),
            "{inputs:#?}"
        );
        assert!(covered("AWS_SECRET_ACCESS_KEY=********\nAWS_SESSION_TOKEN=REDACTED").is_empty());
        // A real value beside a redacted one is still found.
        let got = covered("AWS_SECRET_ACCESS_KEY=<redacted>\nAWS_SESSION_TOKEN=IQoJb3JpZ2luX2VjEP");
        assert_eq!(got, vec![(SecretKind::SessionToken, "IQoJb3JpZ2luX2VjEP")]);
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
    fn logs_dicts_xml_and_headers() {
        let text = "{'AccessKeyId': 'ASIAXXXXXXXXXXXXXXXX', 'SecretAccessKey': 'abc/def+ghi', 'Token': 'IQoJtoken'}\n<SecretAccessKey>wJalr/XUtn</SecretAccessKey><SessionToken>FwoGZX</SessionToken>\n'X-Amz-Security-Token': b'IQoJb3Jp', 'x-amz-date': b'20240101'";
        let got = covered(text);
        assert!(got.contains(&(SecretKind::AccessKeyId, "ASIAXXXXXXXXXXXXXXXX")));
        assert!(got.contains(&(SecretKind::SecretAccessKey, "abc/def+ghi")));
        assert!(got.contains(&(SecretKind::SessionToken, "IQoJtoken")));
        assert!(got.contains(&(SecretKind::SecretAccessKey, "wJalr/XUtn")));
        assert!(got.contains(&(SecretKind::SessionToken, "FwoGZX")));
        assert!(got.contains(&(SecretKind::SessionToken, "IQoJb3Jp")));
        assert!(!got.iter().any(|(_, value)| *value == "20240101"));
    }

    #[test]
    fn variables_are_not_secrets() {
        let text = "curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/\nAWS_SECRET_ACCESS_KEY=$SECRET";
        assert!(covered(text).is_empty());
    }
}
