//! `instance-role-denied`: the instance role's credentials work, but the role is denied the
//! application's call (an AccessDenied naming `assumed-role/ROLE/i-…`).

use crate::finding::{Confidence, Diagnosis, Evidence, Severity};
use crate::input::facts::{AwsError, Facts, PolicyDocument};
use crate::lang::Lang;
use crate::policy::{Context, Decision, Policy, Request};
use crate::rules::case::{Case, CaseInput};
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;

pub const RULE: RuleInfo = RuleInfo {
    id: "instance-role-denied",
    severity: Severity::Error,
    sections: &[],
    area: Area::Permissions,
    summary: Text {
        en: "the instance role may make the application's calls",
        ja: "インスタンスロールがアプリケーションの呼び出しを許可されているか",
    },
    messages: &[
        Message {
            key: "missing",
            title: Text {
                en: "instance role `{role}` may not `{action}` on `{resource}`",
                ja: "インスタンスロール `{role}` は `{resource}` に対して `{action}` を実行できない",
            },
            detail: Text {
                en: "The call was made with the instance profile's credentials (session `{session}` of role `{role}`): the credentials work, and IAM denied the request because no policy of `{role}` allows `{action}` on `{resource}`. Add a statement that allows it to the role's permissions policy.",
                ja: "呼び出しはインスタンスプロファイルの認証情報 (ロール `{role}` のセッション `{session}`) で行われています。認証情報は有効で、`{role}` のどのポリシーも `{resource}` に対する `{action}` を許可していないため IAM が拒否しました。ロールのアクセス許可ポリシーに、これを許可するステートメントを追加してください。",
            },
        },
        Message {
            key: "denied-by-statement",
            title: Text {
                en: "a statement of role `{role}`'s policies denies `{action}` on `{resource}`",
                ja: "ロール `{role}` のポリシーのステートメントが `{resource}` に対する `{action}` を拒否している",
            },
            detail: Text {
                en: "The call was made with the instance profile's credentials (session `{session}` of role `{role}`). The pasted policies of the role explicitly deny `{action}` on `{resource}`: an explicit Deny wins over every Allow, so adding a grant does not help. Narrow or remove the Deny statement shown.",
                ja: "呼び出しはインスタンスプロファイルの認証情報 (ロール `{role}` のセッション `{session}`) で行われています。貼り付けたロールのポリシーが `{resource}` に対する `{action}` を明示的に拒否しています。明示的な Deny はどの Allow にも優先するため、許可を追加しても解決しません。示した Deny ステートメントを狭めるか削除してください。",
            },
        },
        Message {
            key: "allowed-by-pasted",
            title: Text {
                en: "role `{role}`'s pasted policies allow `{action}`, yet the call was denied",
                ja: "ロール `{role}` の貼り付けたポリシーは `{action}` を許可しているのに拒否された",
            },
            detail: Text {
                en: "The call was made with the instance profile's credentials (session `{session}` of role `{role}`), and the pasted policies allow `{action}` on `{resource}`. Something not pasted denies it: another policy of the role, its permissions boundary, a service control policy, or the resource's own policy. Simulate the role's whole set of policies to find it.",
                ja: "呼び出しはインスタンスプロファイルの認証情報 (ロール `{role}` のセッション `{session}`) で行われ、貼り付けたポリシーは `{resource}` に対する `{action}` を許可しています。貼り付けていない何か (ロールの別のポリシー、アクセス許可の境界、サービスコントロールポリシー、リソース側のポリシー) が拒否しています。ロールのポリシー全体をシミュレートして特定してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("instance_role_denied.en.md"),
        ja: include_str!("instance_role_denied.ja.md"),
    },
    links: &[],
    check,
};

const GRANT: Text = Text {
    en: "allow the call in the instance role's permissions (save as policy.json)",
    ja: "インスタンスロールのアクセス許可で呼び出しを許可する (policy.json として保存)",
};
const LIST: Text = Text {
    en: "list the role's policies, to paste them here",
    ja: "ロールのポリシーを一覧し、ここに貼り付ける",
};
const SIMULATE: Text = Text {
    en: "simulate the role's policies for this call",
    ja: "この呼び出しについてロールのポリシーをシミュレートする",
};

/// Actions whose denial other rules explain (the launch and the profile's setup).
const OTHER_RULES_ACTIONS: &[&str] = &[
    "iam:PassRole",
    "ec2:RunInstances",
    "iam:ListInstanceProfiles",
    "iam:AddRoleToInstanceProfile",
];

/// The role's pasted permissions policies: `get-role-policy` for this role, bare documents, and
/// the role's inline policies of `get-account-authorization-details`; not a user's.
fn role_policies<'c>(case: &'c Case, role: &str) -> Vec<(CaseInput<'c>, &'c PolicyDocument)> {
    let mut found = Vec::new();
    for at in case.inputs() {
        match &at.input.facts {
            Facts::IdentityPolicy(document) => {
                let command = at.command();
                let of_user = command.is_some_and(|c| c.is_aws(&["iam get-user-policy"]))
                    || at.input.span.slice(at.paste).contains("\"UserName\"");
                let other_role = command
                    .and_then(|c| c.option("--role-name"))
                    .is_some_and(|name| name != role);
                if !of_user && !other_role {
                    found.push((at, document));
                }
            }
            Facts::AccountAuthorizationDetails(details) => {
                for listed in &details.roles {
                    if support::role_name(listed) == Some(role) {
                        found.extend(listed.inline_policies.iter().map(|p| (at, p)));
                    }
                }
            }
            _ => {}
        }
    }
    found
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    for error in case.aws_errors() {
        let item: &AwsError = error.item;
        let Some(assumed) = item
            .assumed_role
            .as_ref()
            .filter(|r| r.session_is_instance_id)
        else {
            continue;
        };
        if !common::is_denied(item) {
            continue;
        }
        let Some(action) = common::action_of(item) else {
            continue;
        };
        if OTHER_RULES_ACTIONS
            .iter()
            .any(|a| common::is_action(&action, a))
        {
            continue;
        }
        let role = assumed.role.value.as_str();
        let resource = item
            .resource
            .as_ref()
            .map(|r| r.value.as_str())
            .filter(|r| r.starts_with("arn:"))
            .unwrap_or("*");
        let principal = item.principal.as_ref().map(|p| p.value.as_str());
        let mut evidence: Vec<Evidence> = Vec::new();
        if let Some(principal) = &item.principal {
            evidence.push(error.at.cite(principal));
        }
        if let Some(located) = &item.action {
            evidence.push(error.at.cite(located));
        }
        if let Some(located) = &item.resource {
            evidence.push(error.at.cite(located));
        }
        if evidence.is_empty() {
            evidence.push(error.at.evidence(item.span, None));
        }
        // Decide with the role's own policies when they were pasted.
        let context = Context::new();
        let request = Request::new(&action, resource, &context);
        let mut allowed = false;
        let mut deny: Option<Evidence> = None;
        let policies = role_policies(case, role);
        for (at, document) in &policies {
            let Ok(policy) = Policy::parse(&document.text) else {
                continue;
            };
            let evaluation = policy.evaluate(&request);
            match evaluation.decision {
                Decision::Deny => {
                    let statement = evaluation.deciding_statements().next();
                    deny = Some(match (statement, document.text_offset) {
                        (Some(s), Some(offset)) => {
                            at.evidence(s.span.shifted(offset), document.path.as_deref())
                        }
                        _ => at.evidence(document.span, document.path.as_deref()),
                    });
                    break;
                }
                Decision::Allow => allowed = true,
                Decision::Implicit | Decision::Depends => {}
            }
        }
        // An explicit deny the message names, with no pasted statement to show, is
        // `denied-by-other-policy`'s; so are denials by SCPs, boundaries and session policies.
        if deny.is_none() && !common::identity_grant_helps(item) {
            continue;
        }
        let key = match (&deny, allowed) {
            (Some(_), _) => "denied-by-statement",
            (None, true) => "allowed-by-pasted",
            (None, false) => "missing",
        };
        let values = [
            ("role", role),
            ("action", action.as_str()),
            ("resource", resource),
            ("session", assumed.session.value.as_str()),
        ];
        let mut finding = RULE.finding(key, lang, &values);
        if out
            .findings
            .iter()
            .any(|f| f.id == RULE.id && f.title == finding.title)
        {
            continue;
        }
        finding.confidence = Some(if policies.is_empty() {
            Confidence::Likely
        } else {
            Confidence::Certain
        });
        finding.evidence = evidence;
        finding.evidence.extend(deny);
        if key == "missing" {
            finding.fix.push(common::grant_fix(
                GRANT,
                lang,
                principal,
                "instance-role-access",
                &[common::statement(&action, resource, "")],
            ));
        }
        let simulate = common::simulate_command(
            Some(&format!(
                "arn:{}:iam::{}:role/{role}",
                common::account_and_partition(principal).1,
                common::account_and_partition(principal).0
            )),
            &action,
            (resource != "*").then_some(resource),
        );
        if policies.is_empty() {
            out.push_next(support::next(
                RULE.id,
                format!(
                    "aws iam list-attached-role-policies --role-name {0}; aws iam list-role-policies --role-name {0}",
                    support::shell(role)
                ),
                LIST,
                lang,
            ));
        }
        out.push_next(support::next(RULE.id, simulate, SIMULATE, lang));
        out.findings.push(finding);
    }
}
