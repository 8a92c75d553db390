//! `profile-role-limit`: an instance profile holds at most one role, not raisable (guide S1).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "profile-role-limit",
    severity: Severity::Error,
    sections: &[Section::S1],
    area: Area::Profile,
    summary: Text {
        en: "one role per instance profile",
        ja: "インスタンスプロファイルあたりロールは 1 つ",
    },
    messages: &[Message {
        key: "limit",
        title: Text {
            en: "instance profile `{profile}` already holds a role; it can hold only one",
            ja: "インスタンスプロファイル `{profile}` には既にロールがあり、1 つしか入れられない",
        },
        detail: Text {
            en: "`AddRoleToInstanceProfile` failed with `LimitExceeded` (`InstanceSessionsPerInstanceProfile: 1`). An instance profile holds one role, and this quota cannot be raised. To use `{role}`, remove the current role from `{profile}` first, or put `{role}` in an instance profile of its own.",
            ja: "`AddRoleToInstanceProfile` が `LimitExceeded` (`InstanceSessionsPerInstanceProfile: 1`) で失敗しました。インスタンスプロファイルに入れられるロールは 1 つだけで、このクォータは引き上げられません。`{role}` を使うには、先に `{profile}` から今のロールを外すか、`{role}` 用に別のインスタンスプロファイルを作ってください。",
        },
    }],
    explanation: Text {
        en: include_str!("profile_role_limit.en.md"),
        ja: include_str!("profile_role_limit.ja.md"),
    },
    links: &[],
    check,
};

const SWAP: Text = Text {
    en: "swap the role: remove the current one, then add the new one (instances get the new role's credentials at the next refresh)",
    ja: "ロールを入れ替える: 今のロールを外してから新しいロールを追加する (インスタンスには次回の更新で新しいロールの認証情報が届く)",
};
const SEPARATE: Text = Text {
    en: "or give the new role an instance profile of its own",
    ja: "または新しいロール専用のインスタンスプロファイルを作る",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    for error in case.aws_errors() {
        let Some(code) = &error.item.code else {
            continue;
        };
        let message = error
            .item
            .message
            .as_ref()
            .map(|m| m.value.as_str())
            .unwrap_or("");
        if code.value != "LimitExceeded" || !message.contains("InstanceSessionsPerInstanceProfile")
        {
            continue;
        }
        let command = error.at.command();
        let profile = command
            .and_then(|c| c.option("--instance-profile-name"))
            .map(str::to_owned)
            .or_else(|| match profiles.as_slice() {
                [one] => support::profile_name(one.item).map(str::to_owned),
                _ => None,
            })
            .unwrap_or_else(|| "<instance-profile-name>".to_owned());
        let role = command
            .and_then(|c| c.option("--role-name"))
            .unwrap_or("<new-role-name>")
            .to_owned();
        let current = support::find_profile(&profiles, &profile)
            .and_then(|p| {
                p.item
                    .roles
                    .first()
                    .and_then(support::role_name)
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "<current-role-name>".to_owned());
        let mut finding = RULE.finding("limit", lang, &[("profile", &profile), ("role", &role)]);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(error.at.cite(code));
        if let Some(message) = &error.item.message {
            finding.evidence.push(error.at.cite(message));
        }
        finding.fix.push(support::command_fix(
            SWAP,
            lang,
            format!(
                "aws iam remove-role-from-instance-profile --instance-profile-name {p} --role-name {c} && aws iam add-role-to-instance-profile --instance-profile-name {p} --role-name {r}",
                p = shell(&profile),
                c = shell(&current),
                r = shell(&role)
            ),
            FixKind::Current,
        ));
        finding.fix.push(support::command_fix(
            SEPARATE,
            lang,
            format!(
                "aws iam create-instance-profile --instance-profile-name {r} && aws iam add-role-to-instance-profile --instance-profile-name {r} --role-name {r}",
                r = shell(&role)
            ),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }
}
