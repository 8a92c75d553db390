//! `pass-role-denied`: `iam:PassRole` is not allowed on the role's ARN (guide S4).

use crate::finding::{Confidence, Diagnosis, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;

pub const RULE: RuleInfo = RuleInfo {
    id: "pass-role-denied",
    severity: Severity::Error,
    sections: &[Section::S4],
    area: Area::Permissions,
    summary: Text {
        en: "the caller may pass the role to EC2",
        ja: "呼び出し元がロールを EC2 に渡せるか",
    },
    messages: &[Message {
        key: "denied",
        title: Text {
            en: "{principal} may not `iam:PassRole` role `{role}`",
            ja: "{principal} はロール `{role}` に対して `iam:PassRole` を実行できない",
        },
        detail: Text {
            en: "Launching with an instance profile passes its role to EC2, which needs `iam:PassRole` on a resource matching the role's ARN (`{role_arn}`, path included). The denial names {principal}. A condition on `iam:PassedToService` must allow `ec2.amazonaws.com`.",
            ja: "インスタンスプロファイルを指定した起動ではロールを EC2 に渡すため、ロールの ARN (`{role_arn}`、パスを含む) に一致するリソースに対する `iam:PassRole` が必要です。拒否されたのは {principal} です。`iam:PassedToService` の条件がある場合は `ec2.amazonaws.com` を許可している必要があります。",
        },
    },
    Message {
        key: "policies",
        title: Text {
            en: "the pasted policies do not allow passing role `{role}` to EC2",
            ja: "貼り付けたポリシーはロール `{role}` を EC2 に渡すことを許可していない",
        },
        detail: Text {
            en: "No pasted identity policy allows `iam:PassRole` on `{role_arn}` with `iam:PassedToService` = `ec2.amazonaws.com` ({decision}). A launch or association with a profile holding `{role}` then fails with `AccessDenied`, unless a policy not pasted here allows it: check with `simulate-principal-policy`.",
            ja: "貼り付けたアイデンティティポリシーのどれも、`iam:PassedToService` = `ec2.amazonaws.com` での `{role_arn}` に対する `iam:PassRole` を許可していません ({decision})。ここに貼られていないポリシーが許可していない限り、`{role}` を含むプロファイルでの起動や関連付けは `AccessDenied` で失敗します。`simulate-principal-policy` で確認してください。",
        },
    }],
    explanation: Text {
        en: include_str!("pass_role_denied.en.md"),
        ja: include_str!("pass_role_denied.ja.md"),
    },
    links: &[],
    check,
};

const GRANT: Text = Text {
    en: "allow passing this role to EC2 (save as policy.json)",
    ja: "このロールを EC2 に渡すことを許可する (policy.json として保存)",
};

fn push(
    out: &mut Diagnosis,
    lang: Lang,
    principal: Option<&str>,
    resource: Option<&str>,
    grant: bool,
    evidence: Vec<crate::finding::Evidence>,
) {
    let (account, partition) = common::account_and_partition(principal);
    let role_arn = match resource {
        Some(r) if r.starts_with("arn:") => r.to_owned(),
        Some(r) => format!(
            "arn:{partition}:iam::{account}:role/{}",
            support::name_of(r)
        ),
        None => format!("arn:{partition}:iam::{account}:role/<role-name>"),
    };
    let role = support::name_of(&role_arn).to_owned();
    let principal_text = common::principal_words(principal, lang);
    if out
        .findings
        .iter()
        .any(|f| f.id == RULE.id && f.title.contains(&role) && f.title.contains(&principal_text))
    {
        return;
    }
    let mut finding = RULE.finding(
        "denied",
        lang,
        &[
            ("principal", &principal_text),
            ("role", &role),
            ("role_arn", &role_arn),
        ],
    );
    finding.confidence = Some(Confidence::Certain);
    finding.evidence = evidence;
    if grant {
        finding.fix.push(common::grant_fix(
            GRANT,
            lang,
            principal,
            "pass-role-to-ec2",
            &[common::statement(
                "iam:PassRole",
                &role_arn,
                "{ \"StringEquals\": { \"iam:PassedToService\": \"ec2.amazonaws.com\" } }",
            )],
        ));
    }
    out.findings.push(finding);
}

const SIMULATE: Text = Text {
    en: "confirm with every policy of the caller",
    ja: "呼び出し元のすべてのポリシーで確認する",
};

/// The pasted identity policies against the roles of the pasted instance profiles.
fn check_policies(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    let mut role_arns: Vec<String> = profiles
        .iter()
        .flat_map(|p| {
            p.item
                .roles
                .iter()
                .filter_map(|r| r.arn.as_ref().map(|a| a.value.clone()))
        })
        .collect();
    crate::sort::sort(&mut role_arns);
    role_arns.dedup();
    for role_arn in role_arns.iter().take(support::FIX_CAP) {
        let partition = support::arn(role_arn).map(|p| p.partition);
        let context = crate::policy::launch_pass_role_context(partition.unwrap_or("aws"));
        let Some(verdict) =
            common::pasted_policies_decide(case, "iam:PassRole", role_arn, &context)
        else {
            return;
        };
        let role = support::name_of(role_arn).to_owned();
        if matches!(
            verdict.decision,
            crate::policy::Decision::Allow | crate::policy::Decision::Depends
        ) {
            out.checked.push(crate::finding::Checked {
                id: RULE.id,
                what: format!("{}: `{role}`", RULE.summary.get(lang)),
            });
            continue;
        }
        let mut finding = RULE.finding(
            "policies",
            lang,
            &[
                ("role", &role),
                ("role_arn", role_arn),
                ("decision", verdict.decision.as_str()),
            ],
        );
        finding.severity = Severity::Warning;
        finding.confidence = Some(Confidence::Possible);
        finding.evidence = verdict.evidence;
        finding.fix.push(common::grant_fix(
            GRANT,
            lang,
            verdict.owner.as_deref(),
            "pass-role-to-ec2",
            &[common::statement(
                "iam:PassRole",
                role_arn,
                "{ \"StringEquals\": { \"iam:PassedToService\": \"ec2.amazonaws.com\" } }",
            )],
        ));
        out.push_next(support::next(
            RULE.id,
            common::simulate_command(None, "iam:PassRole", Some(role_arn)),
            SIMULATE,
            lang,
        ));
        out.findings.push(finding);
    }
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let before = out.findings.len();
    check_errors(case, lang, out);
    if out.findings.len() == before {
        check_policies(case, lang, out);
    }
}

fn check_errors(case: &Case, lang: Lang, out: &mut Diagnosis) {
    for error in case.aws_errors() {
        // `AddRoleToInstanceProfile` passes the role too: that denial is
        // `add-role-to-profile-denied`'s, not a launch's.
        if !common::is_denied(error.item)
            || super::add_role_to_profile_denied::is_add_role_call(error.item)
        {
            continue;
        }
        let Some(action) = &error.item.action else {
            continue;
        };
        if !common::is_action(&action.value, "iam:PassRole") {
            continue;
        }
        let mut evidence = vec![error.at.cite(action)];
        if let Some(resource) = &error.item.resource {
            evidence.push(error.at.cite(resource));
        }
        push(
            out,
            lang,
            error.item.principal.as_ref().map(|p| p.value.as_str()),
            error.item.resource.as_ref().map(|r| r.value.as_str()),
            common::identity_grant_helps(error.item),
            evidence,
        );
    }
    // `simulate-principal-policy` results: a decision other than `allowed` is a denial.
    for result in case.simulations() {
        let (Some(action), Some(decision)) = (&result.item.action, &result.item.decision) else {
            continue;
        };
        if !common::is_action(&action.value, "iam:PassRole") || decision.value == "allowed" {
            continue;
        }
        let principal = result
            .at
            .command()
            .and_then(|c| c.option("--policy-source-arn"));
        let mut evidence = vec![result.at.cite(decision)];
        if let Some(resource) = &result.item.resource {
            evidence.push(result.at.cite(resource));
        }
        push(
            out,
            lang,
            principal,
            result
                .item
                .resource
                .as_ref()
                .map(|r| r.value.as_str())
                .filter(|r| *r != "*"),
            decision.value != "explicitDeny",
            evidence,
        );
    }
    for message in case.authorization_messages() {
        let Some(action) = &message.item.action else {
            continue;
        };
        let allowed = message.item.allowed.as_ref().is_some_and(|a| a.value);
        if allowed || !common::is_action(&action.value, "iam:PassRole") {
            continue;
        }
        let explicit = message.item.explicit_deny.as_ref().is_some_and(|e| e.value);
        let mut evidence = vec![message.at.cite(action)];
        if let Some(resource) = &message.item.resource {
            evidence.push(message.at.cite(resource));
        }
        push(
            out,
            lang,
            message
                .item
                .principal_arn
                .as_ref()
                .map(|p| p.value.as_str()),
            message.item.resource.as_ref().map(|r| r.value.as_str()),
            !explicit,
            evidence,
        );
    }
}
