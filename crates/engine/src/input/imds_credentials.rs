//! `imds-credentials`: `GET /latest/meta-data/iam/security-credentials/ROLE`. Success:
//! `{"Code","LastUpdated","Type","AccessKeyId","SecretAccessKey","Token","Expiration"}` (newer
//! documents add `AccountId`; keys are read case-insensitively as the SDKs do); error:
//! `{"Code","Message","LastUpdated"}` (e.g. `AssumeRoleUnauthorizedAccess`). A success document
//! without `AccessKeyId` is one the SDKs reject: it gets a located problem.

use super::facts::{Facts, ImdsCredentials};
use super::fields;
use super::imds_iam_info::is_bare_imds_error;
use super::problems::ReadProblem;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ImdsCredentials,
    commands: &[],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

fn recognise_json(json: &Json) -> u8 {
    let credential_keys = ["AccessKeyId", "SecretAccessKey", "Token", "Expiration"]
        .iter()
        .filter(|key| fields::has(json, key))
        .count();
    if credential_keys >= 2 && !fields::has(json, "Credentials") {
        return 95;
    }
    if is_bare_imds_error(json) {
        let code = fields::get(json, "Code")
            .and_then(|c| c.as_str())
            .unwrap_or_default();
        return if code == "AssumeRoleUnauthorizedAccess" {
            90
        } else {
            50
        };
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let credentials = ImdsCredentials {
        code: fields::text(json, paste, "$", "Code"),
        message: fields::text(json, paste, "$", "Message"),
        last_updated: fields::text(json, paste, "$", "LastUpdated"),
        credential_type: fields::text(json, paste, "$", "Type"),
        access_key_id: fields::text(json, paste, "$", "AccessKeyId"),
        expiration: fields::text(json, paste, "$", "Expiration"),
        account_id: fields::text_any(json, paste, "$", &["AccountId", "AccountID"]),
        role_name: None,
        has_secret_access_key: fields::has(json, "SecretAccessKey"),
        has_token: fields::has(json, "Token"),
        http: None,
    };
    let mut reading = Reading::new(
        InputKind::ImdsCredentials,
        Facts::ImdsCredentials(credentials.clone()),
    );
    let is_error = credentials
        .code
        .as_ref()
        .is_some_and(|code| code.value != "Success")
        && !credentials.has_secret_access_key;
    if !is_error {
        // The SDKs need all four; point at the object's opening brace.
        let at = Span::new(json.span.start, json.span.start + 1);
        for (field, present) in [
            ("AccessKeyId", credentials.access_key_id.is_some()),
            ("SecretAccessKey", credentials.has_secret_access_key),
            ("Token", credentials.has_token),
            ("Expiration", credentials.expiration.is_some()),
        ] {
            if !present {
                reading.problems.push(ReadProblem::missing_field(
                    at,
                    InputKind::ImdsCredentials,
                    field,
                    "the AWS SDKs reject a credentials document without it, so the instance has no usable credentials from it",
                    "AWS SDK はこの項目のない認証情報文書を受け付けないため、この文書からは使える認証情報が得られません",
                ));
            }
        }
    }
    reading
}
