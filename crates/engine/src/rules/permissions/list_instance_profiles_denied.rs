//! `list-instance-profiles-denied`: the caller may not `iam:ListInstanceProfiles` (guide S1).

use crate::finding::{Confidence, Diagnosis, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;

pub const RULE: RuleInfo = RuleInfo {
    id: "list-instance-profiles-denied",
    severity: Severity::Error,
    sections: &[Section::S1],
    area: Area::Permissions,
    summary: Text {
        en: "the caller may list instance profiles",
        ja: "呼び出し元がインスタンスプロファイルを一覧できるか",
    },
    messages: &[
        Message {
            key: "denied",
            title: Text {
                en: "{principal} may not call `iam:ListInstanceProfiles`",
                ja: "{principal} は `iam:ListInstanceProfiles` を実行できない",
            },
            detail: Text {
                en: "The EC2 console fills its IAM role list by calling `ListInstanceProfiles` as the signed-in identity. {principal} is denied that call, so the list stays empty even when the instance profile exists. Whoever cannot change their own permissions needs an administrator to grant it.",
                ja: "EC2 コンソールはサインイン中の ID で `ListInstanceProfiles` を呼び出して [IAM ロール] リストを作ります。{principal} はこの呼び出しを拒否されているため、インスタンスプロファイルが存在してもリストは空のままです。自分の権限を変更できない場合は、管理者に付与を依頼してください。",
            },
        },
        Message {
            key: "simulated",
            title: Text {
                en: "the policy simulator says `iam:ListInstanceProfiles` is `{decision}`",
                ja: "ポリシーシミュレーターの結果、`iam:ListInstanceProfiles` は `{decision}`",
            },
            detail: Text {
                en: "The simulated principal is not allowed `iam:ListInstanceProfiles` (`{decision}`). The EC2 console needs this call to list instance profiles in its IAM role list.",
                ja: "シミュレーション対象のプリンシパルには `iam:ListInstanceProfiles` が許可されていません (`{decision}`)。EC2 コンソールが [IAM ロール] リストにインスタンスプロファイルを表示するには、この呼び出しが必要です。",
            },
        },
        Message {
            key: "policies",
            title: Text {
                en: "the pasted policies do not allow `iam:ListInstanceProfiles`",
                ja: "貼り付けたポリシーは `iam:ListInstanceProfiles` を許可していない",
            },
            detail: Text {
                en: "No pasted identity policy allows `iam:ListInstanceProfiles` ({decision}). If these are all of the caller's policies, the EC2 console's IAM role list stays empty for them. Policies attached through groups or managed policies may still allow it: check with `simulate-principal-policy`.",
                ja: "貼り付けたアイデンティティポリシーのどれも `iam:ListInstanceProfiles` を許可していません ({decision})。これが呼び出し元のポリシーのすべてなら、EC2 コンソールの [IAM ロール] リストは空のままです。グループや管理ポリシー経由で許可されている可能性もあるので、`simulate-principal-policy` で確認してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("list_instance_profiles_denied.en.md"),
        ja: include_str!("list_instance_profiles_denied.ja.md"),
    },
    links: &[],
    check,
};

const GRANT: Text = Text {
    en: "allow listing instance profiles (the action supports only Resource \"*\"; save as policy.json)",
    ja: "インスタンスプロファイルの一覧を許可する (このアクションは Resource \"*\" のみ対応。policy.json として保存)",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let before = out.findings.len();
    check_errors(case, lang, out);
    if out.findings.len() > before {
        return;
    }
    common::check_wildcard_grant(
        case,
        lang,
        out,
        &RULE,
        &common::WildcardGrant {
            action: "iam:ListInstanceProfiles",
            grant: GRANT,
            policy_name: "list-instance-profiles",
            simulate: SIMULATE,
        },
    );
}

const SIMULATE: Text = Text {
    en: "confirm with every policy of the caller (groups and managed policies included)",
    ja: "呼び出し元のすべてのポリシー (グループと管理ポリシーを含む) で確認する",
};

fn check_errors(case: &Case, lang: Lang, out: &mut Diagnosis) {
    for error in common::denied_errors(case, "iam:ListInstanceProfiles") {
        let principal = error.item.principal.as_ref().map(|p| p.value.as_str());
        let words = common::principal_words(principal, lang);
        let mut finding = RULE.finding("denied", lang, &[("principal", &words)]);
        finding.confidence = Some(Confidence::Certain);
        if let Some(code) = &error.item.code {
            finding.evidence.push(error.at.cite(code));
        }
        if let Some(action) = &error.item.action {
            finding.evidence.push(error.at.cite(action));
        }
        if common::identity_grant_helps(error.item) {
            finding.fix.push(common::grant_fix(
                GRANT,
                lang,
                principal,
                "list-instance-profiles",
                &[common::statement("iam:ListInstanceProfiles", "*", "")],
            ));
        }
        out.findings.push(finding);
    }
    for result in case.simulations() {
        let (Some(action), Some(decision)) = (&result.item.action, &result.item.decision) else {
            continue;
        };
        if !common::is_action(&action.value, "iam:ListInstanceProfiles")
            || decision.value == "allowed"
        {
            continue;
        }
        let mut finding = RULE.finding("simulated", lang, &[("decision", &decision.value)]);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(result.at.cite(decision));
        finding.fix.push(common::grant_fix(
            GRANT,
            lang,
            None,
            "list-instance-profiles",
            &[common::statement("iam:ListInstanceProfiles", "*", "")],
        ));
        out.findings.push(finding);
    }
}
