//! `denied-by-other-policy`: an AccessDenied names an SCP, RCP, permissions boundary, session
//! policy or an explicit deny as its cause: adding an allow to the caller will not help.

use crate::finding::{Confidence, Diagnosis, Severity};
use crate::input::facts::{DenyReason, PolicyType};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;
use crate::rules::support;

pub const RULE: RuleInfo = RuleInfo {
    id: "denied-by-other-policy",
    severity: Severity::Error,
    sections: &[],
    area: Area::Permissions,
    summary: Text {
        en: "no deny or guardrail policy blocks the call",
        ja: "明示的な拒否やガードレールのポリシーが呼び出しを止めていないか",
    },
    messages: &[
        Message {
            key: "explicit",
            title: Text {
                en: "an explicit deny in the {policy} blocks `{action}`",
                ja: "{policy}の明示的な拒否が `{action}` を止めている",
            },
            detail: Text {
                en: "The error says `{action}` was denied by an explicit `Deny` in the {policy}. An explicit deny wins over every allow: adding permissions to {principal} changes nothing. The statement that denies has to be found and changed (or the request made to fall outside it), usually by whoever owns that policy.",
                ja: "エラーによると、`{action}` は{policy}の明示的な `Deny` で拒否されています。明示的な拒否はどの許可よりも優先されるため、{principal} に権限を追加しても変わりません。拒否しているステートメントを見つけて変更する (またはリクエストがその対象外になるようにする) 必要があり、通常はそのポリシーの管理者が対応します。",
            },
        },
        Message {
            key: "guardrail",
            title: Text {
                en: "no {policy} allows `{action}`",
                ja: "`{action}` を許可する{policy}がない",
            },
            detail: Text {
                en: "The error says no {policy} allows `{action}`. That policy limits what {principal} can do whatever its own policies allow, so a grant on the caller alone does not help: the {policy} has to allow the action too.",
                ja: "エラーによると、`{action}` を許可する{policy}がありません。このポリシーは {principal} 自身のポリシーが何を許可していても上限として働くため、呼び出し元への付与だけでは解決しません。{policy}でもこのアクションを許可する必要があります。",
            },
        },
        Message {
            key: "decoded-explicit",
            title: Text {
                en: "the decoded message shows an explicit deny for `{action}`",
                ja: "デコードしたメッセージに `{action}` への明示的な拒否がある",
            },
            detail: Text {
                en: "`decode-authorization-message` says `explicitDeny: true` for `{action}` by {principal}. An explicit deny wins over every allow; the matched statements in the decoded message show which policy denies.",
                ja: "`decode-authorization-message` の結果、{principal} による `{action}` は `explicitDeny: true` です。明示的な拒否はどの許可よりも優先されます。どのポリシーが拒否しているかは、デコード結果の一致したステートメントで分かります。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("denied_by_other_policy.en.md"),
        ja: include_str!("denied_by_other_policy.ja.md"),
    },
    links: &[],
    check,
};

/// The policy type in words, with its article in English.
fn policy_words(policy_type: &PolicyType, lang: Lang) -> String {
    let (en, ja) = match policy_type {
        PolicyType::Identity => ("identity-based policy", "アイデンティティベースのポリシー"),
        PolicyType::Resource => ("resource-based policy", "リソースベースのポリシー"),
        PolicyType::Scp => (
            "service control policy (SCP)",
            "サービスコントロールポリシー (SCP)",
        ),
        PolicyType::Rcp => (
            "resource control policy (RCP)",
            "リソースコントロールポリシー (RCP)",
        ),
        PolicyType::PermissionsBoundary => ("permissions boundary", "アクセス許可の境界"),
        PolicyType::Session => ("session policy", "セッションポリシー"),
        PolicyType::VpcEndpoint => ("VPC endpoint policy", "VPC エンドポイントポリシー"),
        PolicyType::RoleTrust => ("role trust policy", "ロールの信頼ポリシー"),
        PolicyType::Other(words) => return format!("`{words}`"),
    };
    match lang {
        Lang::En => en.to_owned(),
        Lang::Ja => ja.to_owned(),
    }
}

/// Denials with the same cause (kind, policy type, action): one finding, every principal listed.
struct Group {
    key: &'static str,
    policy: String,
    action: String,
    principals: Vec<String>,
    evidence: Vec<crate::finding::Evidence>,
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut groups: Vec<Group> = Vec::new();
    let mut index: std::collections::HashMap<(&'static str, String, String), usize> =
        std::collections::HashMap::new();
    for error in case.aws_errors() {
        let Some(reason) = &error.item.reason else {
            continue;
        };
        let (key, policy_type) = match &reason.value {
            DenyReason::ExplicitDeny { policy_type, via } => {
                ("explicit", via.as_ref().unwrap_or(policy_type))
            }
            DenyReason::NoPolicyAllows { policy_type, via } => {
                let effective = via.as_ref().unwrap_or(policy_type);
                if matches!(effective, PolicyType::Identity | PolicyType::Resource) {
                    continue;
                }
                ("guardrail", effective)
            }
        };
        let action = common::action_of(error.item).unwrap_or_else(|| "?".to_owned());
        let policy = policy_words(policy_type, lang);
        let at = *index
            .entry((key, policy.clone(), action.clone()))
            .or_insert_with(|| {
                groups.push(Group {
                    key,
                    policy,
                    action,
                    principals: Vec::new(),
                    evidence: Vec::new(),
                });
                groups.len() - 1
            });
        let Some(group) = groups.get_mut(at) else {
            continue;
        };
        if let Some(principal) = &error.item.principal {
            if !group.principals.contains(&principal.value) && group.principals.len() < 1_000 {
                group.principals.push(principal.value.clone());
            }
        }
        support::push_evidence(&mut group.evidence, || error.at.cite(reason));
    }
    for group in groups {
        let principal = match group.principals.as_slice() {
            [one] => common::principal_words(Some(one), lang),
            [] => common::principal_words(None, lang),
            many => support::name_list(many, lang),
        };
        let mut finding = RULE.finding(
            group.key,
            lang,
            &[
                ("policy", &group.policy),
                ("action", &group.action),
                ("principal", &principal),
            ],
        );
        finding.confidence = Some(Confidence::Certain);
        finding.evidence = group.evidence;
        if group.principals.len() > 1 {
            finding.affected = group.principals;
        }
        out.findings.push(finding);
    }
    for message in case.authorization_messages() {
        let explicit = message.item.explicit_deny.as_ref().filter(|e| e.value);
        let Some(explicit) = explicit else { continue };
        let action = message
            .item
            .action
            .as_ref()
            .map_or("?".to_owned(), |a| common::normalise_action(&a.value));
        let principal = common::principal_words(
            message
                .item
                .principal_arn
                .as_ref()
                .map(|p| p.value.as_str()),
            lang,
        );
        let mut finding = RULE.finding(
            "decoded-explicit",
            lang,
            &[("action", &action), ("principal", &principal)],
        );
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(message.at.cite(explicit));
        for statement in message.item.matched_statements.iter().take(5) {
            if let Some(effect) = &statement.effect {
                finding.evidence.push(message.at.cite(effect));
            }
        }
        out.findings.push(finding);
    }
}
