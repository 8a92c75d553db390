//! `account-authorization-details`: `aws iam get-account-authorization-details`: roles (with
//! trust policies, inline and attached policies, and their instance profiles), users with their
//! policies, and customer managed policies (default version).

use super::facts::{AccountAuthorizationDetails, Facts, IamUser, InstanceProfile};
use super::fields;
use super::get_instance_profile::read_profile;
use super::get_role::read_role;
use super::policy_document::document;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::AccountAuthorizationDetails,
    commands: &["iam get-account-authorization-details"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

fn recognise_json(json: &Json) -> u8 {
    if ["UserDetailList", "RoleDetailList", "GroupDetailList"]
        .iter()
        .any(|key| fields::has(json, key))
    {
        95
    } else {
        0
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let mut instance_profiles: Vec<InstanceProfile> = Vec::new();
    let roles = fields::list(json, "$", "RoleDetailList")
        .into_iter()
        .map(|(role, path)| {
            for (profile, profile_path) in fields::list(role, &path, "InstanceProfileList") {
                let read = read_profile(paste, profile, &profile_path);
                let known = instance_profiles.iter().any(|p| {
                    p.arn.as_ref().map(|a| &a.value) == read.arn.as_ref().map(|a| &a.value)
                        && read.arn.is_some()
                });
                if !known {
                    instance_profiles.push(read);
                }
            }
            read_role(paste, role, &path)
        })
        .collect();
    let users = fields::list(json, "$", "UserDetailList")
        .into_iter()
        .map(|(user, path)| IamUser {
            name: fields::text(user, paste, &path, "UserName"),
            arn: fields::text(user, paste, &path, "Arn"),
            inline_policies: fields::list(user, &path, "UserPolicyList")
                .into_iter()
                .filter_map(|(item, item_path)| {
                    let name = fields::text(item, paste, &item_path, "PolicyName");
                    let (doc, key) = fields::get_any(item, &["PolicyDocument"])?;
                    document(paste, doc, &fields::key_path(&item_path, key), name)
                })
                .collect(),
            attached_policy_arns: fields::list(user, &path, "AttachedManagedPolicies")
                .into_iter()
                .filter_map(|(item, item_path)| fields::text(item, paste, &item_path, "PolicyArn"))
                .collect(),
        })
        .collect();
    let managed_policies = fields::list(json, "$", "Policies")
        .into_iter()
        .filter_map(|(policy, path)| {
            let source = fields::text(policy, paste, &path, "Arn");
            fields::list(policy, &path, "PolicyVersionList")
                .into_iter()
                .find(|(version, _)| {
                    fields::get(version, "IsDefaultVersion").and_then(|d| d.as_bool()) == Some(true)
                })
                .and_then(|(version, version_path)| {
                    let (doc, key) = fields::get_any(version, &["Document"])?;
                    document(paste, doc, &fields::key_path(&version_path, key), source)
                })
        })
        .collect();
    let details = AccountAuthorizationDetails {
        roles,
        instance_profiles,
        users,
        managed_policies,
    };
    Reading::new(
        InputKind::AccountAuthorizationDetails,
        Facts::AccountAuthorizationDetails(details),
    )
}
