//! `run-instances-denied`: `ec2:RunInstances` is not allowed on every resource (guide S4).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::common;

pub const RULE: RuleInfo = RuleInfo {
    id: "run-instances-denied",
    severity: Severity::Error,
    sections: &[Section::S4],
    area: Area::Permissions,
    summary: Text {
        en: "the caller may launch instances",
        ja: "呼び出し元がインスタンスを起動できるか",
    },
    messages: &[Message {
        key: "denied",
        title: Text {
            en: "{principal} may not call `ec2:RunInstances`",
            ja: "{principal} は `ec2:RunInstances` を実行できない",
        },
        detail: Text {
            en: "The launch was denied for {principal}. `RunInstances` touches several resources (the instance, image, subnet, security group, volume, network interface); the guide's grant is `ec2:RunInstances` on Resource `\"*\"`. To see whether the role is the cause, launch once without the instance profile.",
            ja: "{principal} の起動が拒否されました。`RunInstances` は複数のリソース (インスタンス、イメージ、サブネット、セキュリティグループ、ボリューム、ネットワークインターフェイス) に関わるため、ガイドは Resource `\"*\"` に対する `ec2:RunInstances` を許可するよう示しています。原因がロールかどうかは、インスタンスプロファイルなしで一度起動すると切り分けられます。",
        },
    },
    Message {
        key: "policies",
        title: Text {
            en: "the pasted policies do not allow `ec2:RunInstances` on every resource",
            ja: "貼り付けたポリシーはすべてのリソースに対する `ec2:RunInstances` を許可していない",
        },
        detail: Text {
            en: "No pasted identity policy allows `ec2:RunInstances` on Resource `\"*\"` ({decision}), which is what the guide asks for: a launch touches the instance, image, subnet, security groups, volumes and network interfaces. Unless a policy not pasted here allows it, launches fail with `UnauthorizedOperation`: check with `simulate-principal-policy`.",
            ja: "貼り付けたアイデンティティポリシーのどれも、ガイドが求める Resource `\"*\"` に対する `ec2:RunInstances` を許可していません ({decision})。起動はインスタンス、イメージ、サブネット、セキュリティグループ、ボリューム、ネットワークインターフェイスに関わります。ここに貼られていないポリシーが許可していない限り、起動は `UnauthorizedOperation` で失敗します。`simulate-principal-policy` で確認してください。",
        },
    }],
    explanation: Text {
        en: include_str!("run_instances_denied.en.md"),
        ja: include_str!("run_instances_denied.ja.md"),
    },
    links: &[],
    check,
};

const GRANT: Text = Text {
    en: "allow launching instances on every resource, as the guide shows (save as policy.json)",
    ja: "ガイドのとおり全リソースに対する起動を許可する (policy.json として保存)",
};
const WITHOUT_PROFILE: Text = Text {
    en: "launch once without the instance profile to tell a launch problem from a role problem",
    ja: "インスタンスプロファイルなしで一度起動し、起動の問題かロールの問題かを切り分ける",
};

fn push(
    out: &mut Diagnosis,
    lang: Lang,
    principal: Option<&str>,
    grant: bool,
    evidence: Vec<crate::finding::Evidence>,
    command: Option<String>,
) {
    let principal_text = common::principal_words(principal, lang);
    if out
        .findings
        .iter()
        .any(|f| f.id == RULE.id && f.title.contains(&principal_text))
    {
        return;
    }
    let mut finding = RULE.finding("denied", lang, &[("principal", &principal_text)]);
    finding.confidence = Some(Confidence::Certain);
    finding.evidence = evidence;
    if grant {
        finding.fix.push(common::grant_fix(
            GRANT,
            lang,
            principal,
            "run-instances",
            &[common::statement("ec2:RunInstances", "*", "")],
        ));
    }
    if let Some(command) = command {
        finding.fix.push(support::command_fix(
            WITHOUT_PROFILE,
            lang,
            command,
            FixKind::Current,
        ));
    }
    out.findings.push(finding);
}

/// The launch command without its `--iam-instance-profile` option, when the paste shows it.
fn without_profile(case: &Case, index: usize) -> Option<String> {
    let at = case.inputs().find(|at| at.index == index)?;
    let command = at.command()?;
    if !command.is_aws(&["ec2 run-instances"]) {
        return None;
    }
    let mut words = vec![
        "aws".to_owned(),
        "ec2".to_owned(),
        "run-instances".to_owned(),
    ];
    let mut args = command
        .args
        .iter()
        .skip_while(|a| a.as_str() != "run-instances")
        .skip(1);
    while let Some(arg) = args.next() {
        if arg == "--iam-instance-profile" {
            args.next();
            continue;
        }
        if arg.starts_with("--iam-instance-profile=") {
            continue;
        }
        words.push(support::shell(arg));
    }
    Some(words.join(" "))
}

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
    // A paste about another EC2 call (`StartInstances`, `DescribeInstances` denied) is not about
    // a launch: the pasted policies are not read for `RunInstances` then.
    let about_other_call = case.aws_errors().iter().any(|error| {
        common::action_of(error.item).is_some_and(|action| {
            action.starts_with("ec2:") && !common::is_action(&action, "ec2:RunInstances")
        })
    });
    if about_other_call {
        return;
    }
    common::check_wildcard_grant(
        case,
        lang,
        out,
        &RULE,
        &common::WildcardGrant {
            action: "ec2:RunInstances",
            grant: GRANT,
            policy_name: "run-instances",
            simulate: SIMULATE,
        },
    );
}

fn check_errors(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let decoded_actions: Vec<String> = case
        .authorization_messages()
        .iter()
        .filter_map(|m| {
            m.item
                .action
                .as_ref()
                .map(|a| common::normalise_action(&a.value))
        })
        .collect();
    for error in case.aws_errors() {
        if !common::is_denied(error.item) {
            continue;
        }
        let action = common::action_of(error.item);
        let explicit_action = error.item.action.as_ref().map(|a| a.value.as_str());
        // `UnauthorizedOperation` with neither action nor operation (Terraform, Packer logs) is
        // EC2's launch denial in practice; the confidence says it is a reading.
        let code = error
            .item
            .code
            .as_ref()
            .map(|c| c.value.as_str())
            .unwrap_or("");
        let bare_ec2 = action.is_none() && code.ends_with("UnauthorizedOperation");
        let is_run = bare_ec2
            || action
                .as_deref()
                .is_some_and(|a| common::is_action(a, "ec2:RunInstances"));
        // A RunInstances call denied on iam:PassRole is `pass-role-denied`, not this rule; so is
        // an encoded denial whose decoded message (pasted too) names another action.
        let decoded_elsewhere = error.item.encoded_message.is_some()
            && decoded_actions
                .iter()
                .any(|a| !common::is_action(a, "ec2:RunInstances"));
        if !is_run
            || decoded_elsewhere
            || explicit_action.is_some_and(|a| common::is_action(a, "iam:PassRole"))
        {
            continue;
        }
        let mut evidence = Vec::new();
        if let Some(code) = &error.item.code {
            evidence.push(error.at.cite(code));
        }
        if let Some(operation) = &error.item.operation {
            evidence.push(error.at.cite(operation));
        }
        push(
            out,
            lang,
            error.item.principal.as_ref().map(|p| p.value.as_str()),
            common::identity_grant_helps(error.item),
            evidence,
            without_profile(case, error.at.index),
        );
        if bare_ec2 {
            if let Some(finding) = out.findings.last_mut().filter(|f| f.id == RULE.id) {
                finding.confidence = Some(Confidence::Likely);
            }
        }
    }
    // `simulate-principal-policy` results: a decision other than `allowed` is a denial.
    for result in case.simulations() {
        let (Some(action), Some(decision)) = (&result.item.action, &result.item.decision) else {
            continue;
        };
        if !common::is_action(&action.value, "ec2:RunInstances") || decision.value == "allowed" {
            continue;
        }
        let principal = result
            .at
            .command()
            .and_then(|c| c.option("--policy-source-arn"));
        push(
            out,
            lang,
            principal,
            decision.value != "explicitDeny",
            vec![result.at.cite(decision)],
            None,
        );
    }
    for message in case.authorization_messages() {
        let Some(action) = &message.item.action else {
            continue;
        };
        let allowed = message.item.allowed.as_ref().is_some_and(|a| a.value);
        let normalised = common::normalise_action(&action.value);
        if allowed || !common::is_action(&normalised, "ec2:RunInstances") {
            continue;
        }
        let explicit = message.item.explicit_deny.as_ref().is_some_and(|e| e.value);
        push(
            out,
            lang,
            message
                .item
                .principal_arn
                .as_ref()
                .map(|p| p.value.as_str()),
            !explicit,
            vec![message.at.cite(action)],
            None,
        );
    }
}
