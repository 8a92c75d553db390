//! `instance-profile-empty`: the instance profile holds no role (guide S4 and S6).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "instance-profile-empty",
    severity: Severity::Error,
    sections: &[Section::S4, Section::S6],
    area: Area::Profile,
    summary: Text {
        en: "the instance profile holds a role",
        ja: "インスタンスプロファイルにロールが入っているか",
    },
    messages: &[
        Message {
            key: "roles-empty",
            title: Text {
                en: "instance profile `{profile}` holds no role",
                ja: "インスタンスプロファイル `{profile}` にロールが入っていない",
            },
            detail: Text {
                en: "`GetInstanceProfile` shows `\"Roles\": []` for `{profile}`. A launch with an empty instance profile fails with `AccessDenied`, and an instance that has it gets no credentials.",
                ja: "`GetInstanceProfile` の結果で `{profile}` の `\"Roles\"` が空 (`[]`) です。空のインスタンスプロファイルを指定した起動は `AccessDenied` で失敗し、関連付けたインスタンスも認証情報を受け取れません。",
            },
        },
        Message {
            key: "roles-empty-many",
            title: Text {
                en: "{count} instance {profile holds|profiles hold} no role: {profiles}",
                ja: "ロールが入っていないインスタンスプロファイルが {count} 個ある: {profiles}",
            },
            detail: Text {
                en: "These instance profiles have `\"Roles\": []`: {profiles}. A launch with any of them fails with `AccessDenied`, and instances that have one get no credentials.",
                ja: "次のインスタンスプロファイルは `\"Roles\"` が空です: {profiles}。これらを指定した起動は `AccessDenied` で失敗し、関連付けたインスタンスも認証情報を受け取れません。",
            },
        },
        Message {
            key: "imds-message",
            title: Text {
                en: "`iam/info` says instance profile `{profile}` holds no role",
                ja: "`iam/info` によるとインスタンスプロファイル `{profile}` にロールが入っていない",
            },
            detail: Text {
                en: "The instance's `iam/info` document reports `Instance Profile does not contain a role`: the role was removed from `{profile}` (`RemoveRoleFromInstanceProfile`), so EC2 has no role to issue credentials for. After a role is added back, applications get credentials at the next scheduled refresh.",
                ja: "インスタンスの `iam/info` ドキュメントが `Instance Profile does not contain a role` を報告しています。`{profile}` からロールが外されている (`RemoveRoleFromInstanceProfile`) ため、EC2 は認証情報を発行できません。ロールを追加し直すと、アプリケーションは次回の定期更新で認証情報を受け取ります。",
            },
        },
        Message {
            key: "launch-message",
            title: Text {
                en: "the launch names instance profile `{profile}`, which holds no role",
                ja: "起動時に指定したインスタンスプロファイル `{profile}` にロールが入っていない",
            },
            detail: Text {
                en: "EC2 refused the launch: `{profile}` `has no associated IAM Roles`. Add the role to the instance profile. If the role was added moments ago, retry after a few seconds: IAM changes take a short while to reach EC2.",
                ja: "EC2 が起動を拒否しました: `{profile}` は `has no associated IAM Roles` です。インスタンスプロファイルにロールを追加してください。追加した直後なら、IAM の変更が EC2 に届くまで少し時間がかかるため、数秒待ってから起動し直してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("instance_profile_empty.en.md"),
        ja: include_str!("instance_profile_empty.ja.md"),
    },
    links: &[],
    check,
};

const ADD_ROLE: Text = Text {
    en: "add the role to the instance profile (the caller also needs `iam:PassRole` on the role)",
    ja: "インスタンスプロファイルにロールを追加する (呼び出し元にはロールに対する `iam:PassRole` も必要)",
};

const FIND_ROLE: Text = Text {
    en: "find which role belonged in the profile",
    ja: "プロファイルに入っているべきロールを探す",
};

/// The role a fix should name: a pasted role whose name matches the profile's (with or without
/// a `-profile` suffix), else the only role pasted, else a placeholder.
fn role_for(case: &Case, profile: &str) -> String {
    let mut names: Vec<String> = case
        .roles()
        .iter()
        .filter_map(|r| support::role_name(r.item).map(str::to_owned))
        .collect();
    names.extend(
        case.listings()
            .iter()
            .flat_map(|l| l.item.role_names.iter().map(|n| n.value.trim().to_owned())),
    );
    crate::sort::sort(&mut names);
    names.dedup();
    let stem = profile
        .strip_suffix("-instance-profile")
        .or_else(|| profile.strip_suffix("-profile"))
        .or_else(|| profile.strip_suffix("_profile"))
        .unwrap_or(profile);
    if let Some(found) = names.iter().find(|n| *n == profile || *n == stem) {
        return found.clone();
    }
    match names.as_slice() {
        [one] => one.clone(),
        _ => "<role-name>".to_owned(),
    }
}

fn add_role_command(profile: &str, role: &str) -> String {
    format!(
        "aws iam add-role-to-instance-profile --instance-profile-name {} --role-name {}",
        shell(profile),
        shell(role)
    )
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    let empty: Vec<_> = profiles
        .iter()
        .filter(|p| p.item.roles.is_empty() && p.item.roles_span.is_some())
        .collect();
    for profile in profiles
        .iter()
        .filter(|p| !p.item.roles.is_empty())
        .take(support::FIX_CAP)
    {
        support::checked(
            out,
            &RULE,
            lang,
            support::profile_name(profile.item).unwrap_or_default(),
        );
    }
    let names: Vec<String> = empty
        .iter()
        .map(|p| support::profile_name(p.item).unwrap_or("?").to_owned())
        .collect();
    if let Some(first) = names.first() {
        let mut finding = if names.len() == 1 {
            RULE.finding("roles-empty", lang, &[("profile", first)])
        } else {
            let count = names.len().to_string();
            let list = support::name_list(&names, lang);
            let mut f = RULE.finding(
                "roles-empty-many",
                lang,
                &[("count", &count), ("profiles", &list)],
            );
            f.affected = names.clone();
            f
        };
        finding.section = Some(Section::S4);
        finding.confidence = Some(Confidence::Certain);
        for profile in &empty {
            if let Some(span) = profile.item.roles_span {
                let path = profile
                    .item
                    .name
                    .as_ref()
                    .and_then(|n| n.path.as_deref())
                    .map(|p| {
                        // `$.InstanceProfile.InstanceProfileName` → `$.InstanceProfile.Roles`
                        p.rsplit_once('.')
                            .map_or(p.to_owned(), |(head, _)| format!("{head}.Roles"))
                    });
                support::push_evidence(&mut finding.evidence, || {
                    profile.at.evidence(span, path.as_deref())
                });
            }
        }
        for name in names.iter().take(support::FIX_CAP) {
            let role = role_for(case, name);
            finding.fix.push(support::command_fix(
                ADD_ROLE,
                lang,
                add_role_command(name, &role),
                FixKind::Current,
            ));
        }
        out.findings.push(finding);
    }

    // A launch refused because the profile it names holds no role (RunInstances, spot, Auto
    // Scaling, CloudFormation: the client vocabulary reads the wording).
    if names.is_empty() {
        let launch = case
            .sdk_errors()
            .into_iter()
            .find(|e| e.item.class == SdkErrorClass::ProfileHasNoRole);
        if let Some(symptom) = launch {
            let profile = support::profile_in_words(&symptom.item.evidence.value)
                .unwrap_or_else(|| "<instance-profile-name>".to_owned());
            let mut finding = RULE.finding("launch-message", lang, &[("profile", &profile)]);
            finding.section = Some(Section::S4);
            finding.confidence = Some(Confidence::Likely);
            finding
                .evidence
                .push(symptom.at.cite(&symptom.item.evidence));
            let role = role_for(case, &profile);
            finding.fix.push(support::command_fix(
                ADD_ROLE,
                lang,
                add_role_command(&profile, &role),
                FixKind::Current,
            ));
            out.findings.push(finding);
        }
    }

    for info in case.iam_infos() {
        let Some(message) = &info.item.message else {
            continue;
        };
        if !support::contains_ci(&message.value, "does not contain a role") {
            continue;
        }
        let profile = info
            .item
            .profile_arn
            .as_ref()
            .map(|a| support::name_of(a.as_str()).to_owned())
            .or_else(|| {
                // The instance's profile from describe-instances, when only one is pasted.
                let arns: Vec<_> = case
                    .instances()
                    .iter()
                    .filter_map(|i| i.item.profile_arn.as_ref().map(|a| a.value.clone()))
                    .collect();
                match arns.as_slice() {
                    [one] => Some(support::name_of(one).to_owned()),
                    _ => None,
                }
            })
            .unwrap_or_else(|| "<instance-profile-name>".to_owned());
        let mut finding = RULE.finding("imds-message", lang, &[("profile", &profile)]);
        finding.section = Some(Section::S6);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(info.at.cite(message));
        let role = role_for(case, &profile);
        if role == "<role-name>" {
            out.push_next(support::next(
                RULE.id,
                "aws iam list-roles --query 'Roles[].RoleName'".to_owned(),
                FIND_ROLE,
                lang,
            ));
        }
        finding.fix.push(support::command_fix(
            ADD_ROLE,
            lang,
            add_role_command(&profile, &role),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }
}
