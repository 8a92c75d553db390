//! What the permission rules share: reading an AccessDenied, and writing the grant that fixes it.

use crate::finding::{Fix, FixKind};
use crate::input::facts::{AwsError, DenyReason, PolicyType};
use crate::lang::Lang;
use crate::rules::case::{Case, Found};
use crate::rules::support::{self, shell};
use crate::rules::Text;
use crate::text::json_string;

/// The denied principal for a message: the ARN in backticks, or "the caller" when the error
/// does not name it.
pub fn principal_words(principal: Option<&str>, lang: Lang) -> String {
    match (principal, lang) {
        (Some(arn), _) => format!("`{arn}`"),
        (None, Lang::En) => "the caller".to_owned(),
        (None, Lang::Ja) => "呼び出し元".to_owned(),
    }
}

/// Whether the error is an authorization failure.
pub fn is_denied(error: &AwsError) -> bool {
    let code = error.code.as_ref().map(|c| c.value.as_str()).unwrap_or("");
    matches!(
        code,
        "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "Client.UnauthorizedOperation"
    ) || error
        .message
        .as_ref()
        .is_some_and(|m| m.value.contains("not authorized to perform"))
}

/// The IAM action a denial is about: the message's action, else the operation's.
pub fn action_of(error: &AwsError) -> Option<String> {
    if let Some(action) = &error.action {
        return Some(normalise_action(&action.value));
    }
    error.operation.as_ref().map(|o| normalise_action(&o.value))
}

/// `RunInstances` → `ec2:RunInstances`, `iam:passrole` stays as written. Operations of the guide
/// get their service prefix.
pub fn normalise_action(action: &str) -> String {
    let action = action.trim();
    if action.contains(':') {
        return action.to_owned();
    }
    let service = match action {
        "RunInstances"
        | "StartInstances"
        | "StopInstances"
        | "RebootInstances"
        | "TerminateInstances"
        | "CreateTags"
        | "ModifyInstanceAttribute"
        | "DisassociateIamInstanceProfile"
        | "DescribeIamInstanceProfileAssociations"
        | "AssociateIamInstanceProfile"
        | "ReplaceIamInstanceProfileAssociation"
        | "DescribeInstances"
        | "ModifyInstanceMetadataOptions" => "ec2",
        _ => "iam",
    };
    format!("{service}:{action}")
}

/// Same action, ignoring case (IAM action names are case-insensitive).
pub fn is_action(action: &str, wanted: &str) -> bool {
    action.eq_ignore_ascii_case(wanted)
}

/// The pasted access-denied errors whose action (stated, or read from the operation) is `wanted`.
pub fn denied_errors<'c>(case: &'c Case, wanted: &str) -> Vec<Found<'c, AwsError>> {
    case.aws_errors()
        .into_iter()
        .filter(|error| {
            is_denied(error.item)
                && action_of(error.item).is_some_and(|action| is_action(&action, wanted))
        })
        .collect()
}

/// Whether a grant on the caller's own identity policy would fix the denial: the reason is
/// unknown or "no identity-based policy allows". Explicit denies, SCPs, boundaries and session
/// policies are `denied-by-other-policy`.
pub fn identity_grant_helps(error: &AwsError) -> bool {
    match error.reason.as_ref().map(|r| &r.value) {
        None => true,
        Some(DenyReason::NoPolicyAllows { policy_type, .. }) => {
            matches!(policy_type, PolicyType::Identity)
        }
        Some(DenyReason::ExplicitDeny { .. }) => false,
    }
}

/// The command that attaches `document` (saved as `policy.json`) to the denied principal.
fn put_policy_command(principal: Option<&str>, policy_name: &str) -> String {
    let parts = principal.and_then(support::arn);
    match parts {
        Some(p) if p.resource_type == "user" => format!(
            "aws iam put-user-policy --user-name {} --policy-name {} --policy-document file://policy.json",
            shell(p.name),
            shell(policy_name)
        ),
        Some(p) if p.resource_type == "assumed-role" || p.resource_type == "role" => {
            // `assumed-role/ROLE/SESSION`: the role is the second-to-last segment.
            let resource = principal.unwrap_or_default().rsplit(':').next().unwrap_or_default();
            let mut segments = resource.split('/');
            let _type = segments.next();
            let role = if p.resource_type == "assumed-role" {
                segments.next().unwrap_or(p.name)
            } else {
                p.name
            };
            format!(
                "aws iam put-role-policy --role-name {} --policy-name {} --policy-document file://policy.json",
                shell(role),
                shell(policy_name)
            )
        }
        _ => format!(
            "aws iam put-user-policy --user-name <user-name> --policy-name {} --policy-document file://policy.json",
            shell(policy_name)
        ),
    }
}

/// A fix that grants `statements` (JSON objects, already formatted) to the denied principal.
pub fn grant_fix(
    label: Text,
    lang: Lang,
    principal: Option<&str>,
    policy_name: &str,
    statements: &[String],
) -> Fix {
    let document = format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}",
        statements.join(",\n")
    );
    Fix {
        label: label.get(lang).to_owned(),
        command: Some(put_policy_command(principal, policy_name)),
        document: Some(document),
        kind: FixKind::Current,
    }
}

/// One statement, indented for [`grant_fix`]. `condition` is a JSON object text or empty.
pub fn statement(action: &str, resource: &str, condition: &str) -> String {
    let condition = if condition.is_empty() {
        String::new()
    } else {
        format!(",\n      \"Condition\": {condition}")
    };
    format!(
        "    {{\n      \"Effect\": \"Allow\",\n      \"Action\": {},\n      \"Resource\": {}{condition}\n    }}",
        json_string(action),
        json_string(resource)
    )
}

/// The account and partition of a principal ARN, for building the ARNs a grant names.
pub fn account_and_partition(principal: Option<&str>) -> (String, String) {
    principal
        .and_then(support::arn)
        .map(|p| (p.account.to_owned(), p.partition.to_owned()))
        .filter(|(account, _)| !account.is_empty())
        .unwrap_or_else(|| ("<account-id>".to_owned(), "aws".to_owned()))
}

/// How the caller's identity policies pasted in the case decide one request.
pub struct PastedPolicies {
    pub decision: crate::policy::Decision,
    /// The pasted policy documents that took part.
    pub evidence: Vec<crate::finding::Evidence>,
    /// The user the policies belong to, as a principal ARN for [`grant_fix`] (from
    /// `get-user-policy`'s `UserName` or `--user-name`), when all pasted policies name one.
    pub owner: Option<String>,
}

/// Evaluates `action` on `resource` against every identity policy pasted in the case that
/// belongs to a caller (a role's own permissions policy, `get-role-policy`, is not the caller's
/// and is left out). `None` when no such policy was pasted. An explicit Deny in any policy wins,
/// then any Allow; `Depends` when a condition needs a value the case does not give.
pub fn pasted_policies_decide(
    case: &crate::rules::case::Case,
    action: &str,
    resource: &str,
    context: &crate::policy::Context,
) -> Option<PastedPolicies> {
    use crate::input::facts::Facts;
    use crate::policy::{Decision, Policy, Request};
    let mut decisions = Vec::new();
    let mut evidence = Vec::new();
    let mut owners: Vec<String> = Vec::new();
    for at in case.inputs() {
        let Facts::IdentityPolicy(document) = &at.input.facts else {
            continue;
        };
        let is_role_policy = at
            .command()
            .is_some_and(|c| c.is_aws(&["iam get-role-policy"]))
            || at.input.span.slice(at.paste).contains("\"RoleName\"");
        if is_role_policy {
            continue;
        }
        let Ok(policy) = Policy::parse(&document.text) else {
            continue;
        };
        decisions.push(policy.decide(&Request::new(action, resource, context)));
        let user = at
            .command()
            .and_then(|c| c.option("--user-name"))
            .map(str::to_owned)
            .or_else(|| {
                let body = crate::json::parse(at.input.span.slice(at.paste)).ok()?;
                body.get("UserName")
                    .and_then(crate::json::Json::as_str)
                    .map(str::to_owned)
            });
        if let Some(user) = user {
            if !owners.contains(&user) {
                owners.push(user);
            }
        }
        support::push_evidence(&mut evidence, || {
            at.evidence(document.span, document.path.as_deref())
        });
    }
    if decisions.is_empty() {
        return None;
    }
    let decision = if decisions.contains(&Decision::Deny) {
        Decision::Deny
    } else if decisions.contains(&Decision::Allow) {
        Decision::Allow
    } else if decisions.contains(&Decision::Depends) {
        Decision::Depends
    } else {
        Decision::Implicit
    };
    // The account is not needed to name the user in `put-user-policy`.
    let owner = match owners.as_slice() {
        [one] => Some(format!("arn:aws:iam:::user/{one}")),
        _ => None,
    };
    Some(PastedPolicies {
        decision,
        evidence,
        owner,
    })
}

/// `simulate-principal-policy` for the caller, to confirm with all of its policies.
/// What a rule of [`check_wildcard_grant`] asks for, and how it words the fix.
#[derive(Clone, Copy)]
pub struct WildcardGrant {
    pub action: &'static str,
    /// The label of the grant fix.
    pub grant: Text,
    /// The inline policy name the grant is put under.
    pub policy_name: &'static str,
    /// Why the `simulate-principal-policy` step is next.
    pub simulate: Text,
}

/// The check of the rules whose grant is `action` on Resource `"*"` (`ec2:RunInstances`,
/// `iam:ListInstanceProfiles`) against the pasted caller policies: nothing when none was pasted;
/// `checked` when they allow it (or may); otherwise the rule's `policies` message as a warning
/// (other policies may still allow it) with the grant that fixes it and the simulation that
/// confirms it.
pub fn check_wildcard_grant(
    case: &crate::rules::case::Case,
    lang: Lang,
    out: &mut crate::finding::Diagnosis,
    rule: &crate::rules::RuleInfo,
    wanted: &WildcardGrant,
) {
    let WildcardGrant {
        action,
        grant,
        policy_name,
        simulate,
    } = *wanted;
    use crate::finding::{Checked, Confidence, Severity};
    use crate::policy::{Context, Decision};
    let Some(verdict) = pasted_policies_decide(case, action, "*", &Context::new()) else {
        return;
    };
    if matches!(verdict.decision, Decision::Allow | Decision::Depends) {
        out.checked.push(Checked {
            id: rule.id,
            what: rule.summary.get(lang).to_owned(),
        });
        return;
    }
    let mut finding = rule.finding("policies", lang, &[("decision", verdict.decision.as_str())]);
    finding.severity = Severity::Warning;
    finding.confidence = Some(Confidence::Possible);
    finding.evidence = verdict.evidence;
    finding.fix.push(grant_fix(
        grant,
        lang,
        verdict.owner.as_deref(),
        policy_name,
        &[statement(action, "*", "")],
    ));
    out.push_next(support::next(
        rule.id,
        simulate_command(verdict.owner.as_deref(), action, None),
        simulate,
        lang,
    ));
    out.findings.push(finding);
}

/// A principal ARN without its account (what [`pasted_policies_decide`] knows of a pasted
/// policy's user) gets `<account-id>` in its place: `--policy-source-arn` needs a whole ARN.
pub fn simulate_command(principal: Option<&str>, action: &str, resource: Option<&str>) -> String {
    let resource = resource
        .map(|r| format!(" --resource-arns {}", shell(r)))
        .unwrap_or_default();
    let principal = match principal {
        Some(arn) => match arn.split_once(":iam:::") {
            Some((partition, rest)) => format!("{partition}:iam::<account-id>:{rest}"),
            None => arn.to_owned(),
        },
        None => "<caller-arn>".to_owned(),
    };
    format!(
        "aws iam simulate-principal-policy --policy-source-arn {} --action-names {action}{resource}",
        shell(&principal)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulate_needs_a_whole_principal_arn() {
        assert!(
            simulate_command(Some("arn:aws:iam:::user/alice"), "ec2:RunInstances", None)
                .contains("arn:aws:iam::<account-id>:user/alice")
        );
        assert!(simulate_command(
            Some("arn:aws:iam::123456789012:user/alice"),
            "ec2:RunInstances",
            None
        )
        .contains("arn:aws:iam::123456789012:user/alice"));
        assert!(simulate_command(None, "iam:ListInstanceProfiles", None).contains("<caller-arn>"));
    }

    #[test]
    fn operations_get_their_service() {
        assert_eq!(normalise_action("RunInstances"), "ec2:RunInstances");
        assert_eq!(
            normalise_action("AddRoleToInstanceProfile"),
            "iam:AddRoleToInstanceProfile"
        );
        assert_eq!(normalise_action("iam:PassRole"), "iam:PassRole");
    }

    #[test]
    fn grants_go_to_the_denied_principal() {
        assert!(
            put_policy_command(Some("arn:aws:iam::1:user/dev"), "p").contains("--user-name dev")
        );
        assert!(
            put_policy_command(Some("arn:aws:sts::1:assumed-role/ops/i-0abc"), "p")
                .contains("--role-name ops")
        );
        assert!(put_policy_command(None, "p").contains("<user-name>"));
    }
}
