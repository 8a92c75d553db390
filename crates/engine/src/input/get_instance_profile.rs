//! `get-instance-profile`: `aws iam get-instance-profile` / `create-instance-profile`
//! (`{"InstanceProfile": …}`), a bare instance profile object, or the Query API XML.

use super::arn::Arn;
use super::facts::{Facts, InstanceProfile};
use super::fields;
use super::get_role::{read_role, xml_roles};
use super::problems::ReadProblem;
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::GetInstanceProfile,
    commands: &["iam get-instance-profile", "iam create-instance-profile"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

pub(super) fn is_profile(json: &Json) -> bool {
    fields::has(json, "InstanceProfileName")
        || (fields::has(json, "InstanceProfileId") && fields::has(json, "Roles"))
}

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "InstanceProfile").is_some_and(is_profile) {
        return 95;
    }
    if is_profile(json) {
        return 75;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let profile = match fields::get_any(piece.json, &["InstanceProfile"]) {
        Some((inner, key)) => read_profile(piece.paste, inner, &fields::key_path("$", key)),
        None => read_profile(piece.paste, piece.json, "$"),
    };
    Reading::new(
        InputKind::GetInstanceProfile,
        Facts::InstanceProfiles(vec![profile]),
    )
}

/// Reads one instance profile object (also used by the list and account-details readers).
pub(super) fn read_profile(paste: &str, json: &Json, path: &str) -> InstanceProfile {
    let arn = fields::text(json, paste, path, "Arn");
    let parsed = arn.as_ref().and_then(|arn| Arn::parse(&arn.value));
    let roles_span = fields::get(json, "Roles").map(|roles| roles.span);
    InstanceProfile {
        name: fields::text(json, paste, path, "InstanceProfileName"),
        path: fields::text(json, paste, path, "Path"),
        id: fields::text(json, paste, path, "InstanceProfileId"),
        account: parsed.as_ref().map(|a| a.account.clone()),
        partition: parsed.as_ref().map(|a| a.partition.clone()),
        arn,
        create_date: fields::text(json, paste, path, "CreateDate"),
        roles: fields::list(json, path, "Roles")
            .into_iter()
            .map(|(role, role_path)| read_role(paste, role, &role_path))
            .collect(),
        roles_span,
    }
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let root = [
        "GetInstanceProfileResponse",
        "CreateInstanceProfileResponse",
    ]
    .into_iter()
    .find(|name| scan::contains_ci(paste, piece.span, &format!("<{name}")))?;
    let mut reading = Reading::new(
        InputKind::GetInstanceProfile,
        Facts::InstanceProfiles(Vec::new()),
    );
    let within = match xml::find(paste, piece.span, root) {
        xml::Found::Element(element) => element.content,
        xml::Found::Unclosed(open) => {
            reading.problems.push(ReadProblem::bad_xml(
                open,
                Some(InputKind::GetInstanceProfile),
                root,
            ));
            Span::new(open.end, piece.span.end)
        }
        xml::Found::Missing => piece.span,
    };
    let profiles = xml::element(paste, within, "InstanceProfile")
        .map(|element| vec![xml_profile(paste, element.content)])
        .unwrap_or_default();
    reading.facts = Facts::InstanceProfiles(profiles);
    Some((95, reading))
}

/// One profile from Query API XML content.
pub(super) fn xml_profile(paste: &str, content: Span) -> InstanceProfile {
    let arn = xml::child_text(paste, content, "Arn");
    // The profile's own `<Arn>` comes after its `<Roles>`; look outside the roles first.
    let roles_element = xml::element(paste, content, "Roles");
    let own = |name: &str| match roles_element {
        Some(roles) => xml::child_text(paste, Span::new(content.start, roles.span.start), name)
            .or_else(|| xml::child_text(paste, Span::new(roles.span.end, content.end), name)),
        None => xml::child_text(paste, content, name),
    };
    let arn = own("Arn").or(arn);
    let parsed = arn.as_ref().and_then(|a| Arn::parse(&a.value));
    InstanceProfile {
        name: own("InstanceProfileName"),
        path: own("Path"),
        id: own("InstanceProfileId"),
        account: parsed.as_ref().map(|a| a.account.clone()),
        partition: parsed.as_ref().map(|a| a.partition.clone()),
        arn,
        create_date: own("CreateDate"),
        roles: roles_element
            .map(|roles| xml_roles(paste, roles.content))
            .unwrap_or_default(),
        roles_span: roles_element.map(|roles| roles.span),
    }
}
