//! `identity-policy`: a permissions policy document (no `Principal`): bare, or inside
//! `get-role-policy` / `get-user-policy` (`PolicyDocument`), `get-policy-version`
//! (`PolicyVersion.Document`), or a managed-policy record (`document`, one JSON line of
//! `aws-managed-latest.jsonl`); URL-encoded too.

use super::facts::{Facts, Located};
use super::fields;
use super::policy_document::{document, has_principal, is_policy, url_encoded_document};
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::IdentityPolicy,
    commands: &[
        "iam get-role-policy",
        "iam get-user-policy",
        "iam get-group-policy",
        "iam get-policy-version",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

/// Where the document sits in a wrapper, and which keys name the policy.
fn wrapped<'j, 'a>(json: &'j Json<'a>) -> Option<(&'j Json<'a>, String)> {
    if let Some((inner, key)) = fields::get_any(json, &["PolicyDocument", "document"]) {
        return Some((inner, fields::key_path("$", key)));
    }
    let version = fields::get(json, "PolicyVersion")?;
    let inner = fields::get(version, "Document")?;
    Some((inner, "$.PolicyVersion.Document".to_string()))
}

fn recognise_json(json: &Json) -> u8 {
    if is_policy(json) && !has_principal(json) {
        return 80;
    }
    match wrapped(json) {
        Some((inner, _))
            if is_policy(inner) || inner.as_str().is_some_and(xml::looks_url_encoded_json) =>
        {
            85
        }
        _ => 0,
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let (json, path) = match wrapped(piece.json) {
        Some(found) if !is_policy(piece.json) => found,
        _ => (piece.json, "$".to_string()),
    };
    let source: Option<Located<String>> =
        fields::text_any(piece.json, paste, "$", &["PolicyName", "arn", "name"]);
    match document(paste, json, &path, source) {
        Some(document) => Reading::new(InputKind::IdentityPolicy, Facts::IdentityPolicy(document)),
        None => Reading::new(InputKind::Unknown, Facts::None),
    }
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let span = scan::trim(piece.paste, piece.span);
    if !xml::looks_url_encoded_json(span.slice(piece.paste))
        || span.slice(piece.paste).contains(char::is_whitespace)
    {
        return None;
    }
    let document = url_encoded_document(piece.paste, span, None)?;
    if document.has_principal {
        return None;
    }
    Some((
        80,
        Reading::new(InputKind::IdentityPolicy, Facts::IdentityPolicy(document)),
    ))
}
