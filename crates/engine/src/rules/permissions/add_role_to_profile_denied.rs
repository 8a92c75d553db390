//! `add-role-to-profile-denied`: `AddRoleToInstanceProfile` is denied (guide S3).

use crate::finding::{Confidence, Diagnosis, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;

pub const RULE: RuleInfo = RuleInfo {
    id: "add-role-to-profile-denied",
    severity: Severity::Error,
    sections: &[Section::S3],
    area: Area::Permissions,
    summary: Text {
        en: "the caller may add the role to the instance profile",
        ja: "呼び出し元がインスタンスプロファイルにロールを追加できるか",
    },
    messages: &[Message {
        key: "pass-role",
        title: Text {
            en: "{principal} may not pass role `{role}` to an instance profile (`AddRoleToInstanceProfile` needs `iam:PassRole`)",
            ja: "{principal} はロール `{role}` をインスタンスプロファイルに渡せない (`AddRoleToInstanceProfile` には `iam:PassRole` が必要)",
        },
        detail: Text {
            en: "`AddRoleToInstanceProfile` was denied on `iam:PassRole` for `{role_arn}`: adding a role to an instance profile passes the role, so {principal} needs `iam:PassRole` on it as well as `iam:AddRoleToInstanceProfile` on the instance profile (`{profile_arn}`). This is not a launch's `PassRole`.",
            ja: "`AddRoleToInstanceProfile` が `{role_arn}` に対する `iam:PassRole` で拒否されました。ロールをインスタンスプロファイルに追加するとロールを渡すことになるため、{principal} にはインスタンスプロファイル (`{profile_arn}`) に対する `iam:AddRoleToInstanceProfile` に加えて、そのロールに対する `iam:PassRole` が必要です。起動時の `PassRole` ではありません。",
        },
    },
    Message {
        key: "denied",
        title: Text {
            en: "{principal} may not call `iam:AddRoleToInstanceProfile` on `{resource}`",
            ja: "{principal} は `{resource}` に対して `iam:AddRoleToInstanceProfile` を実行できない",
        },
        detail: Text {
            en: "The call was denied: {principal} needs `iam:AddRoleToInstanceProfile` on a resource that matches the instance profile's ARN (`{profile_arn}`), and also `iam:PassRole` on the role it adds.",
            ja: "呼び出しが拒否されました。{principal} には、インスタンスプロファイルの ARN (`{profile_arn}`) に一致するリソースに対する `iam:AddRoleToInstanceProfile` と、追加するロールに対する `iam:PassRole` の両方が必要です。",
        },
    },
    Message {
        key: "policies",
        title: Text {
            en: "the pasted policies do not allow adding a role to instance profile `{profile}`",
            ja: "貼り付けたポリシーはインスタンスプロファイル `{profile}` へのロール追加を許可していない",
        },
        detail: Text {
            en: "The pasted identity policies give `{decision}` for `iam:AddRoleToInstanceProfile` on `{profile_arn}`. An explicit `Deny` wins over every allow; an implicit deny can be lifted by a policy not pasted here. Check with `simulate-principal-policy`.",
            ja: "貼り付けたアイデンティティポリシーでは、`{profile_arn}` に対する `iam:AddRoleToInstanceProfile` の判定は `{decision}` です。明示的な `Deny` はどの許可よりも優先されます。暗黙の拒否なら、ここに貼られていないポリシーが許可している可能性があります。`simulate-principal-policy` で確認してください。",
        },
    }],
    explanation: Text {
        en: include_str!("add_role_to_profile_denied.en.md"),
        ja: include_str!("add_role_to_profile_denied.ja.md"),
    },
    links: &[],
    check,
};

const GRANT: Text = Text {
    en: "allow adding roles to this instance profile, and passing the role (save as policy.json)",
    ja: "このインスタンスプロファイルへのロール追加とロールの受け渡しを許可する (policy.json として保存)",
};

const SIMULATE: Text = Text {
    en: "confirm with every policy of the caller",
    ja: "呼び出し元のすべてのポリシーで確認する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let before = out.findings.len();
    check_errors(case, lang, out);
    if out.findings.len() > before {
        return;
    }
    let profiles = support::latest_profiles(case);
    let mut arns: Vec<String> = profiles
        .iter()
        .filter_map(|p| p.item.arn.as_ref().map(|a| a.value.clone()))
        .collect();
    crate::sort::sort(&mut arns);
    arns.dedup();
    let context = crate::policy::Context::new();
    for arn in arns.iter().take(support::FIX_CAP) {
        let Some(verdict) =
            common::pasted_policies_decide(case, "iam:AddRoleToInstanceProfile", arn, &context)
        else {
            return;
        };
        let profile = support::name_of(arn).to_owned();
        let decision = verdict.decision;
        if matches!(
            decision,
            crate::policy::Decision::Allow | crate::policy::Decision::Depends
        ) {
            out.checked.push(crate::finding::Checked {
                id: RULE.id,
                what: format!("{}: `{profile}`", RULE.summary.get(lang)),
            });
            continue;
        }
        let mut finding = RULE.finding(
            "policies",
            lang,
            &[
                ("profile", &profile),
                ("profile_arn", arn),
                ("decision", decision.as_str()),
            ],
        );
        let explicit = decision == crate::policy::Decision::Deny;
        finding.severity = if explicit {
            Severity::Error
        } else {
            Severity::Warning
        };
        finding.confidence = Some(if explicit {
            Confidence::Likely
        } else {
            Confidence::Possible
        });
        finding.evidence = verdict.evidence;
        if !explicit {
            finding.fix.push(common::grant_fix(
                GRANT,
                lang,
                verdict.owner.as_deref(),
                "add-role-to-instance-profile",
                &[common::statement("iam:AddRoleToInstanceProfile", arn, "")],
            ));
        }
        out.push_next(support::next(
            RULE.id,
            common::simulate_command(
                verdict.owner.as_deref(),
                "iam:AddRoleToInstanceProfile",
                Some(arn),
            ),
            SIMULATE,
            lang,
        ));
        out.findings.push(finding);
    }
}

fn check_errors(case: &Case, lang: Lang, out: &mut Diagnosis) {
    // Denied on `iam:AddRoleToInstanceProfile` itself, or on the `iam:PassRole` the call makes.
    let errors = case.aws_errors().into_iter().filter(|error| {
        common::is_denied(error.item)
            && (common::action_of(error.item)
                .is_some_and(|a| common::is_action(&a, "iam:AddRoleToInstanceProfile"))
                || is_add_role_call(error.item))
    });
    for error in errors {
        let passes_role = error
            .item
            .action
            .as_ref()
            .is_some_and(|a| common::is_action(&a.value, "iam:PassRole"));
        let principal = error.item.principal.as_ref().map(|p| p.value.as_str());
        let (account, partition) = common::account_and_partition(principal);
        let command = error.at.command();
        // `instance profile NAME` (the message's wording) or an ARN; for a denied `PassRole`,
        // the resource is the role.
        let denied_resource = error.item.resource.as_ref().map(|r| r.value.clone());
        let (resource_text, role_from_message) = if passes_role {
            (None, denied_resource.clone())
        } else {
            (denied_resource.clone(), None)
        };
        let profile = resource_text
            .as_deref()
            .map(|r| r.strip_prefix("instance profile ").unwrap_or(r))
            .map(|r| support::name_of(r).to_owned())
            .or_else(|| {
                command
                    .and_then(|c| c.option("--instance-profile-name"))
                    .map(str::to_owned)
            })
            .unwrap_or_else(|| "<instance-profile-name>".to_owned());
        let profile_arn = match resource_text.as_deref() {
            Some(r) if r.starts_with("arn:") => r.to_owned(),
            _ => format!("arn:{partition}:iam::{account}:instance-profile/{profile}"),
        };
        let role = role_from_message
            .as_deref()
            .map(support::name_of)
            .or_else(|| command.and_then(|c| c.option("--role-name")))
            .unwrap_or("<role-name>");
        let role_arn = match role_from_message.as_deref() {
            Some(arn) if arn.starts_with("arn:") => arn.to_owned(),
            _ => format!("arn:{partition}:iam::{account}:role/{role}"),
        };
        let principal_text = common::principal_words(principal, lang);
        let resource_shown = resource_text.clone().unwrap_or_else(|| profile_arn.clone());
        let mut finding = RULE.finding(
            if passes_role { "pass-role" } else { "denied" },
            lang,
            &[
                ("principal", &principal_text),
                ("resource", &resource_shown),
                ("profile_arn", &profile_arn),
                ("role", role),
                ("role_arn", &role_arn),
            ],
        );
        finding.confidence = Some(Confidence::Certain);
        if let Some(code) = &error.item.code {
            finding.evidence.push(error.at.cite(code));
        }
        if let Some(action) = &error.item.action {
            finding.evidence.push(error.at.cite(action));
        }
        if let Some(resource) = &error.item.resource {
            finding.evidence.push(error.at.cite(resource));
        }
        if common::identity_grant_helps(error.item) {
            finding.fix.push(common::grant_fix(
                GRANT,
                lang,
                principal,
                "add-role-to-instance-profile",
                &[
                    common::statement("iam:AddRoleToInstanceProfile", &profile_arn, ""),
                    common::statement(
                        "iam:PassRole",
                        &role_arn,
                        "{ \"StringEquals\": { \"iam:PassedToService\": \"ec2.amazonaws.com\" } }",
                    ),
                ],
            ));
        }
        out.findings.push(finding);
    }
}

/// Whether the failed call was `AddRoleToInstanceProfile` (the operation, or the CLI command).
pub(crate) fn is_add_role_call(error: &crate::input::facts::AwsError) -> bool {
    error
        .operation
        .as_ref()
        .is_some_and(|o| o.value.eq_ignore_ascii_case("AddRoleToInstanceProfile"))
}
