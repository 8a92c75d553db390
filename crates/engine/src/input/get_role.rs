//! `get-role`: `aws iam get-role` / `create-role` (`{"Role": …}`) and `list-roles`
//! (`{"Roles": […]}`), as the CLI prints them (trust policy decoded to an object) or as raw
//! Query API XML (`<ListRolesResponse>`, `<GetRoleResponse>`), whose trust policy arrives
//! URL-encoded and is decoded here.

use super::facts::{Facts, Located, Role};
use super::fields;
use super::policy_document::{document, url_encoded_document};
use super::problems::ReadProblem;
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::GetRole,
    commands: &[
        "iam get-role",
        "iam create-role",
        "iam list-roles",
        "iam update-role",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

fn is_role(json: &Json) -> bool {
    fields::has(json, "RoleName")
        && (fields::has(json, "RoleId")
            || fields::has(json, "AssumeRolePolicyDocument")
            || fields::has(json, "Arn"))
}

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "Role").is_some_and(is_role) {
        return 95;
    }
    if fields::get(json, "Roles").is_some_and(|roles| roles.as_array().is_some())
        && !fields::has(json, "InstanceProfileName")
    {
        return 90;
    }
    if fields::first_object(json).is_some_and(is_role) && !fields::has(json, "InstanceProfileName")
    {
        return 70;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let roles = if let Some((role, key)) = fields::get_any(json, &["Role"]) {
        vec![read_role(paste, role, &fields::key_path("$", key))]
    } else if fields::has(json, "Roles") {
        fields::list(json, "$", "Roles")
            .into_iter()
            .map(|(role, path)| read_role(paste, role, &path))
            .collect()
    } else {
        fields::fragment_objects(json, "$")
            .into_iter()
            .filter(|(object, _)| is_role(object))
            .map(|(role, path)| read_role(paste, role, &path))
            .collect()
    };
    Reading::new(InputKind::GetRole, Facts::Roles(roles))
}

/// Reads one role object (also used inside instance profiles and account details).
pub(super) fn read_role(paste: &str, json: &Json, path: &str) -> Role {
    let trust_policy = fields::get_any(json, &["AssumeRolePolicyDocument"])
        .and_then(|(doc, key)| document(paste, doc, &fields::key_path(path, key), None));
    let inline_policies = fields::list(json, path, "RolePolicyList")
        .into_iter()
        .filter_map(|(item, item_path)| {
            let name = fields::text(item, paste, &item_path, "PolicyName");
            let (doc, key) = fields::get_any(item, &["PolicyDocument"])?;
            document(paste, doc, &fields::key_path(&item_path, key), name)
        })
        .collect();
    let attached_policy_arns = fields::list(json, path, "AttachedManagedPolicies")
        .into_iter()
        .filter_map(|(item, item_path)| fields::text(item, paste, &item_path, "PolicyArn"))
        .collect();
    Role {
        name: fields::text(json, paste, path, "RoleName"),
        path: fields::text(json, paste, path, "Path"),
        id: fields::text(json, paste, path, "RoleId"),
        arn: fields::text(json, paste, path, "Arn"),
        create_date: fields::text(json, paste, path, "CreateDate"),
        trust_policy,
        inline_policies,
        attached_policy_arns,
    }
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let span = piece.span;
    let root = ["ListRolesResponse", "GetRoleResponse", "CreateRoleResponse"]
        .into_iter()
        .find(|name| scan::contains_ci(paste, span, &format!("<{name}")))?;
    let mut reading = Reading::new(InputKind::GetRole, Facts::Roles(Vec::new()));
    let within = match xml::find(paste, span, root) {
        xml::Found::Element(element) => element.content,
        xml::Found::Unclosed(open) => {
            reading
                .problems
                .push(ReadProblem::bad_xml(open, Some(InputKind::GetRole), root));
            Span::new(open.end, span.end)
        }
        xml::Found::Missing => span,
    };
    let roles = xml_roles(paste, within);
    reading.facts = Facts::Roles(roles);
    Some((95, reading))
}

/// Roles in Query API XML: each `<member>` (list) or `<Role>` (get/create) with a `<RoleName>`.
pub(super) fn xml_roles(paste: &str, within: Span) -> Vec<Role> {
    let mut elements = xml::all(paste, within, "member");
    if elements.is_empty() {
        elements = xml::all(paste, within, "Role");
    }
    elements
        .into_iter()
        .filter_map(|element| {
            let content = element.content;
            let name = xml::child_text(paste, content, "RoleName")?;
            let trust_policy = xml::element(paste, content, "AssumeRolePolicyDocument")
                .and_then(|doc| url_encoded_document(paste, scan::trim(paste, doc.content), None));
            Some(Role {
                name: Some(name),
                path: xml::child_text(paste, content, "Path"),
                id: xml::child_text(paste, content, "RoleId"),
                arn: xml::child_text(paste, content, "Arn"),
                create_date: xml::child_text(paste, content, "CreateDate"),
                trust_policy,
                inline_policies: Vec::new(),
                attached_policy_arns: Vec::<Located<String>>::new(),
            })
        })
        .collect()
}
