//! `caller-identity`: `aws sts get-caller-identity` (`UserId`, `Account`, `Arn`). For instance
//! credentials the ARN is `…:assumed-role/ROLE/i-…`: the role and the instance id are read.

use super::arn::AssumedRole;
use super::facts::{CallerIdentity, Facts};
use super::fields;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::CallerIdentity,
    commands: &["sts get-caller-identity"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

fn recognise_json(json: &Json) -> u8 {
    let keys = ["UserId", "Account", "Arn"]
        .iter()
        .filter(|key| fields::has(json, key))
        .count();
    match keys {
        3 => 95,
        2 if fields::has(json, "UserId") => 70,
        _ => 0,
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let arn = fields::text(json, paste, "$", "Arn");
    let identity = CallerIdentity {
        user_id: fields::text(json, paste, "$", "UserId"),
        account: fields::text(json, paste, "$", "Account"),
        assumed_role: arn.as_ref().and_then(AssumedRole::of),
        arn,
    };
    Reading::new(InputKind::CallerIdentity, Facts::CallerIdentity(identity))
}
