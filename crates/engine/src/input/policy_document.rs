//! Policy documents inside outputs, whichever way they arrive: a JSON object (CLI output), a
//! URL-encoded string (raw Query API, some SDK dumps) or a JSON string. Shared by the trust- and
//! identity-policy kinds and by the readers of roles and account details.

use super::facts::{DocumentEncoding, Located, PolicyDocument};
use super::fields;
use super::xml;
use crate::json::{self, Json, Value};
use crate::text::Span;

/// Whether a value is a policy document: an object with `Statement` (an object or a list of
/// objects); `Version` alone is not enough.
pub(super) fn is_policy(json: &Json) -> bool {
    let Some(statement) = fields::get(json, "Statement") else {
        return false;
    };
    let statements = statement.one_or_many();
    !statements.is_empty()
        && statements.iter().all(|s| s.as_object().is_some())
        && statements.iter().any(|s| {
            fields::has(s, "Effect") || fields::has(s, "Action") || fields::has(s, "NotAction")
        })
}

/// Whether any statement names a principal (`Principal` / `NotPrincipal`): a trust (or
/// resource) policy rather than an identity policy.
pub(super) fn has_principal(json: &Json) -> bool {
    fields::get(json, "Statement").is_some_and(|statement| {
        statement
            .one_or_many()
            .iter()
            .any(|s| fields::has(s, "Principal") || fields::has(s, "NotPrincipal"))
    })
}

/// Reads the document at `json` (object, URL-encoded string or JSON string); `None` when the
/// value is not a policy document (e.g. the docs' `"<URL-encoded-JSON>"` placeholder).
pub(super) fn document(
    paste: &str,
    json: &Json,
    path: &str,
    source: Option<Located<String>>,
) -> Option<PolicyDocument> {
    match &json.value {
        Value::Object(_) => Some(PolicyDocument {
            text: json.span.slice(paste).to_string(),
            span: json.span,
            text_offset: Some(json.span.start),
            path: Some(path.to_string()),
            encoding: DocumentEncoding::Json,
            source,
            has_principal: has_principal(json),
        }),
        Value::String(text) => {
            let (decoded, encoding) = if xml::looks_url_encoded_json(text) {
                (xml::url_decode(text)?, DocumentEncoding::UrlEncoded)
            } else if text.trim_start().starts_with('{') {
                (text.to_string(), DocumentEncoding::JsonString)
            } else {
                return None;
            };
            let parsed = json::parse(&decoded).ok()?;
            if !is_policy(&parsed) {
                return None;
            }
            let principal = has_principal(&parsed);
            Some(PolicyDocument {
                text: decoded,
                span: fields::content_span(json, paste),
                text_offset: None,
                path: Some(path.to_string()),
                encoding,
                source,
                has_principal: principal,
            })
        }
        _ => None,
    }
}

/// A URL-encoded document written in text (XML element content or a bare paste).
pub(super) fn url_encoded_document(
    paste: &str,
    span: Span,
    source: Option<Located<String>>,
) -> Option<PolicyDocument> {
    let encoded = span.slice(paste).trim();
    let decoded = xml::url_decode(encoded)?;
    let parsed = json::parse(&decoded).ok()?;
    if !is_policy(&parsed) {
        return None;
    }
    let principal = has_principal(&parsed);
    Some(PolicyDocument {
        text: decoded,
        span,
        text_offset: None,
        path: None,
        encoding: DocumentEncoding::UrlEncoded,
        source,
        has_principal: principal,
    })
}
