//! `role-without-instance-profile`: a role exists but no instance profile holds it (guide S1).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::input::facts::Facts;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "role-without-instance-profile",
    severity: Severity::Error,
    sections: &[Section::S1],
    area: Area::Profile,
    summary: Text {
        en: "the role is in an instance profile",
        ja: "ロールがインスタンスプロファイルに入っているか",
    },
    messages: &[
        Message {
            key: "for-role-empty",
            title: Text {
                en: "role `{role}` is in no instance profile",
                ja: "ロール `{role}` はどのインスタンスプロファイルにも入っていない",
            },
            detail: Text {
                en: "`ListInstanceProfilesForRole` for `{role}` returned no instance profile. A role created with the CLI, the API or infrastructure code has no instance profile until one is created and the role added to it; the EC2 console lists instance profiles, so `{role}` cannot be chosen there, and no instance can get its credentials.",
                ja: "`{role}` に対する `ListInstanceProfilesForRole` の結果が空です。CLI、API、IaC で作ったロールには、インスタンスプロファイルを作ってロールを追加するまでプロファイルがありません。EC2 コンソールに表示されるのはインスタンスプロファイルなので `{role}` は選べず、どのインスタンスもこのロールの認証情報を得られません。",
            },
        },
        Message {
            key: "ec2-roles-unprofiled",
            title: Text {
                en: "{count} {role trusts|roles trust} EC2 but {is|are} in no instance profile: {roles}",
                ja: "EC2 を信頼しているのにインスタンスプロファイルに入っていないロールが {count} 個ある: {roles}",
            },
            detail: Text {
                en: "These roles let `ec2.amazonaws.com` assume them, yet no instance profile in the pasted account data holds them: {roles}. They cannot be given to an instance until each is added to an instance profile.",
                ja: "次のロールは `ec2.amazonaws.com` に引き受けを許可していますが、貼り付けられたアカウント情報のどのインスタンスプロファイルにも入っていません: {roles}。インスタンスプロファイルに追加するまで、インスタンスに割り当てられません。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("role_without_instance_profile.en.md"),
        ja: include_str!("role_without_instance_profile.ja.md"),
    },
    links: &[],
    check,
};

const CREATE: Text = Text {
    en:
        "create an instance profile named after the role and add the role (as the IAM console does)",
    ja: "ロールと同じ名前のインスタンスプロファイルを作りロールを追加する (IAM コンソールと同じ)",
};

fn create_commands(role: &str) -> String {
    format!(
        "aws iam create-instance-profile --instance-profile-name {r} && aws iam add-role-to-instance-profile --instance-profile-name {r} --role-name {r}",
        r = shell(role)
    )
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let pasted_roles: Vec<String> = {
        let mut names: Vec<String> = case
            .roles()
            .iter()
            .filter_map(|r| support::role_name(r.item).map(str::to_owned))
            .collect();
        crate::sort::sort(&mut names);
        names.dedup();
        names
    };
    let mut fired_for: Vec<String> = Vec::new();
    for at in case.inputs() {
        let Facts::InstanceProfiles(profiles) = &at.input.facts else {
            continue;
        };
        if !profiles.is_empty() {
            continue;
        }
        let command = at.command();
        let for_role = command.is_some_and(|c| c.is_aws(&["iam list-instance-profiles-for-role"]));
        let role = command
            .and_then(|c| c.option("--role-name"))
            .map(str::to_owned)
            .or_else(|| match (for_role, pasted_roles.as_slice()) {
                (_, [one]) => Some(one.clone()),
                _ => None,
            });
        let Some(role) = role else { continue };
        // A later listing for the same role that shows a profile wins.
        let later_has_profile = case.instance_profiles().iter().any(|p| {
            p.at.index > at.index
                && p.item
                    .roles
                    .iter()
                    .any(|r| support::role_name(r) == Some(role.as_str()))
        });
        if later_has_profile || fired_for.contains(&role) {
            continue;
        }
        fired_for.push(role.clone());
        let mut finding = RULE.finding("for-role-empty", lang, &[("role", &role)]);
        finding.confidence = Some(if for_role {
            Confidence::Certain
        } else {
            Confidence::Likely
        });
        finding.evidence.push(at.evidence(at.input.span, None));
        finding.fix.push(support::command_fix(
            CREATE,
            lang,
            create_commands(&role),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }

    // Account data: roles that trust EC2 and sit in no profile of a complete profile listing.
    let complete = case.inputs().any(|at| match &at.input.facts {
        Facts::AccountAuthorizationDetails(_) => true,
        Facts::InstanceProfiles(_) => at.command().is_some_and(|c| {
            c.is_aws(&["iam list-instance-profiles"]) && c.option("--query").is_none()
        }),
        _ => false,
    });
    if !complete {
        return;
    }
    let profiles = case.instance_profiles();
    let in_profile: std::collections::HashSet<&str> = profiles
        .iter()
        .flat_map(|p| p.item.roles.iter().filter_map(support::role_name))
        .collect();
    let mut seen: std::collections::HashSet<&str> = fired_for.iter().map(String::as_str).collect();
    let mut names: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    let roles = case.roles();
    for role in &roles {
        let Some(name) = support::role_name(role.item) else {
            continue;
        };
        let trusts_ec2 = role
            .item
            .trust_policy
            .as_ref()
            .is_some_and(|t| t.text.contains("ec2.amazonaws.com"));
        if !trusts_ec2 || in_profile.contains(name) || !seen.insert(name) {
            continue;
        }
        names.push(name.to_owned());
        if let Some(located) = &role.item.name {
            support::push_evidence(&mut evidence, || role.at.cite(located));
        }
    }
    if names.is_empty() {
        return;
    }
    let count = names.len().to_string();
    let list = support::name_list(&names, lang);
    let mut finding = RULE.finding(
        "ec2-roles-unprofiled",
        lang,
        &[("count", &count), ("roles", &list)],
    );
    finding.confidence = Some(Confidence::Likely);
    finding.evidence = evidence;
    for name in names.iter().take(support::FIX_CAP) {
        finding.fix.push(support::command_fix(
            CREATE,
            lang,
            create_commands(name),
            FixKind::Current,
        ));
    }
    finding.affected = names;
    out.findings.push(finding);
}
