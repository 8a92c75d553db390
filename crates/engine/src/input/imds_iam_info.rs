//! `imds-iam-info`: `GET /latest/meta-data/iam/info`. Success:
//! `{"Code","LastUpdated","InstanceProfileArn","InstanceProfileId"}` (maybe with a `Message` such
//! as "Instance Profile does not contain a role..."); error: `{"Code","Message","LastUpdated"}`
//! with `InstanceProfileNotFound`. Real IMDS pretty-prints with `" : "` separators.

use super::facts::{Facts, ImdsIamInfo};
use super::fields;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ImdsIamInfo,
    commands: &[],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

/// `{Code, Message, LastUpdated}` with nothing else: the error shape both IMDS documents share.
pub(super) fn is_bare_imds_error(json: &Json) -> bool {
    fields::has(json, "Code")
        && fields::has(json, "LastUpdated")
        && json.as_object().is_some_and(|members| members.len() <= 3)
}

fn recognise_json(json: &Json) -> u8 {
    if fields::has(json, "InstanceProfileArn") || fields::has(json, "InstanceProfileId") {
        return 95;
    }
    if is_bare_imds_error(json) {
        let code = fields::get(json, "Code")
            .and_then(|c| c.as_str())
            .unwrap_or_default();
        // `InstanceProfileNotFound` only comes from iam/info; other codes are more often the
        // credentials document's (the command's path, when shown, decides).
        return if code.contains("InstanceProfile") {
            90
        } else {
            40
        };
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let info = ImdsIamInfo {
        code: fields::text(json, paste, "$", "Code"),
        message: fields::text(json, paste, "$", "Message"),
        last_updated: fields::text(json, paste, "$", "LastUpdated"),
        profile_arn: fields::text(json, paste, "$", "InstanceProfileArn"),
        profile_id: fields::text(json, paste, "$", "InstanceProfileId"),
        http: None,
    };
    Reading::new(InputKind::ImdsIamInfo, Facts::ImdsIamInfo(info))
}
