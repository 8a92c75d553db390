//! `profile-name-differs-from-role`: the console lists the profile's name, not its role's (S1).

use crate::finding::{Confidence, Diagnosis, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "profile-name-differs-from-role",
    severity: Severity::Info,
    sections: &[Section::S1],
    area: Area::Profile,
    summary: Text {
        en: "instance profile and role share one name",
        ja: "インスタンスプロファイルとロールが同じ名前か",
    },
    messages: &[
        Message {
            key: "differs",
            title: Text {
                en: "role `{role}` is listed in the EC2 console as `{profile}`",
                ja: "ロール `{role}` は EC2 コンソールでは `{profile}` として表示される",
            },
            detail: Text {
                en: "Instance profile `{profile}` holds role `{role}`. The IAM role list of the EC2 console shows instance profile names, not role names: to launch with `{role}`, choose `{profile}`.",
                ja: "インスタンスプロファイル `{profile}` にはロール `{role}` が入っています。EC2 コンソールの [IAM ロール] リストにはロール名ではなくインスタンスプロファイル名が表示されるので、`{role}` で起動するには `{profile}` を選んでください。",
            },
        },
        Message {
            key: "differs-many",
            title: Text {
                en: "{count} instance {profile is|profiles are} named differently from their roles",
                ja: "{count} 個のインスタンスプロファイルがロールと異なる名前になっている",
            },
            detail: Text {
                en: "These instance profiles hold a role of another name: {pairs}. The EC2 console lists the instance profile names, so pick the profile, not the role's name.",
                ja: "次のインスタンスプロファイルには別の名前のロールが入っています: {pairs}。EC2 コンソールにはインスタンスプロファイル名が表示されるので、ロール名ではなくプロファイル名で選んでください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("profile_name_differs_from_role.en.md"),
        ja: include_str!("profile_name_differs_from_role.ja.md"),
    },
    links: &[],
    check,
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut evidence = Vec::new();
    for profile in support::latest_profiles(case) {
        let Some(name) = support::profile_name(profile.item) else {
            continue;
        };
        for role in &profile.item.roles {
            let Some(role_name) = support::role_name(role) else {
                continue;
            };
            if role_name != name && !pairs.iter().any(|(p, r)| p == name && r == role_name) {
                pairs.push((name.to_owned(), role_name.to_owned()));
                if let Some(located) = &profile.item.name {
                    support::push_evidence(&mut evidence, || profile.at.cite(located));
                }
                if let Some(located) = &role.name {
                    support::push_evidence(&mut evidence, || profile.at.cite(located));
                }
            }
        }
    }
    // The instance side: `iam/info` names the profile, the credentials listing names the role.
    if pairs.is_empty() {
        let infos = case.iam_infos();
        let listings = case.listings();
        if let (Some(info), Some(listing)) = (infos.first(), listings.first()) {
            if let (Some(arn), Some(role)) =
                (&info.item.profile_arn, listing.item.role_names.first())
            {
                let profile = support::name_of(&arn.value);
                let role_name = role.value.trim();
                if !role_name.is_empty() && profile != role_name {
                    pairs.push((profile.to_owned(), role_name.to_owned()));
                    evidence.push(info.at.cite(arn));
                    evidence.push(listing.at.cite(role));
                }
            }
        }
    }
    match pairs.as_slice() {
        [] => {}
        [(profile, role)] => {
            let mut finding =
                RULE.finding("differs", lang, &[("profile", profile), ("role", role)]);
            finding.confidence = Some(Confidence::Certain);
            finding.evidence = evidence;
            out.findings.push(finding);
        }
        many => {
            let list: Vec<String> = many.iter().map(|(p, r)| format!("{p} → {r}")).collect();
            let count = many.len().to_string();
            let shown = support::name_list(&list, lang);
            let mut finding = RULE.finding(
                "differs-many",
                lang,
                &[("count", &count), ("pairs", &shown)],
            );
            finding.confidence = Some(Confidence::Certain);
            finding.evidence = evidence;
            finding.affected = list;
            out.findings.push(finding);
        }
    }
}
