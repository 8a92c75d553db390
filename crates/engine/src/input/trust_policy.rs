//! `trust-policy`: a role trust policy document (its statements name a `Principal`), bare, under
//! `AssumeRolePolicyDocument`, or URL-encoded (`%7B%22Version%22…`). The document's text and span
//! are kept for `policy::Policy::parse`; judging it is the rules' work.

use super::facts::Facts;
use super::fields;
use super::policy_document::{document, has_principal, is_policy, url_encoded_document};
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::TrustPolicy,
    commands: &["iam update-assume-role-policy"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

fn recognise_json(json: &Json) -> u8 {
    if is_policy(json) && has_principal(json) {
        return 85;
    }
    let wrapped =
        fields::get(json, "AssumeRolePolicyDocument").is_some_and(|inner| is_policy(inner));
    if wrapped && json.as_object().is_some_and(|members| members.len() == 1) {
        return 85;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let (json, path) = match fields::get_any(piece.json, &["AssumeRolePolicyDocument"]) {
        Some((inner, key)) if !is_policy(piece.json) => (inner, fields::key_path("$", key)),
        _ => (piece.json, "$".to_string()),
    };
    match document(piece.paste, json, &path, None) {
        Some(document) => Reading::new(InputKind::TrustPolicy, Facts::TrustPolicy(document)),
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
    if !document.has_principal {
        return None;
    }
    Some((
        85,
        Reading::new(InputKind::TrustPolicy, Facts::TrustPolicy(document)),
    ))
}
