//! `list-instance-profiles`: `aws iam list-instance-profiles` and
//! `list-instance-profiles-for-role` (`{"InstanceProfiles": […]}`), JSON or Query API XML. An
//! empty list is a fact too (the role is in no profile).

use super::facts::Facts;
use super::fields;
use super::get_instance_profile::{read_profile, xml_profile};
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ListInstanceProfiles,
    commands: &[
        "iam list-instance-profiles",
        "iam list-instance-profiles-for-role",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

fn recognise_json(json: &Json) -> u8 {
    match fields::get(json, "InstanceProfiles") {
        Some(list) if list.as_array().is_some() => 95,
        _ => 0,
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let profiles = fields::list(piece.json, "$", "InstanceProfiles")
        .into_iter()
        .map(|(profile, path)| read_profile(piece.paste, profile, &path))
        .collect();
    Reading::new(
        InputKind::ListInstanceProfiles,
        Facts::InstanceProfiles(profiles),
    )
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let root = [
        "ListInstanceProfilesResponse",
        "ListInstanceProfilesForRoleResponse",
    ]
    .into_iter()
    .find(|name| scan::contains_ci(paste, piece.span, &format!("<{name}")))?;
    let within = xml::element(paste, piece.span, root).map_or(piece.span, |e| e.content);
    let list = xml::element(paste, within, "InstanceProfiles").map_or(within, |e| e.content);
    let profiles = xml::all(paste, list, "member")
        .into_iter()
        .map(|member| xml_profile(paste, member.content))
        .collect();
    Some((
        95,
        Reading::new(
            InputKind::ListInstanceProfiles,
            Facts::InstanceProfiles(profiles),
        ),
    ))
}
