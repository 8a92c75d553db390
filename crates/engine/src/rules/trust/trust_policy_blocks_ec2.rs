//! `trust-policy-blocks-ec2`: EC2 may not assume the role (guide S6,
//! `AssumeRoleUnauthorizedAccess`).

use crate::finding::{Confidence, Diagnosis, Evidence, Fix, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

use super::analysis::{self, Ec2Trust, TrustSubject};

pub const RULE: RuleInfo = RuleInfo {
    id: "trust-policy-blocks-ec2",
    severity: Severity::Error,
    sections: &[Section::S6],
    area: Area::Trust,
    summary: Text {
        en: "the role's trust policy lets EC2 assume it",
        ja: "ロールの信頼ポリシーが EC2 による引き受けを許可しているか",
    },
    messages: &[
        Message {
            key: "imds-error",
            title: Text {
                en: "EC2 may not assume role `{role}` (`AssumeRoleUnauthorizedAccess`)",
                ja: "EC2 がロール `{role}` を引き受けられない (`AssumeRoleUnauthorizedAccess`)",
            },
            detail: Text {
                en: "IMDS answers `AssumeRoleUnauthorizedAccess` for `{role}`: EC2 is not allowed to assume the role, so it cannot issue credentials for it. The role's trust policy decides; it must let the service principal `{principal}` call `sts:AssumeRole`. After `UpdateAssumeRolePolicy`, applications get credentials at the next scheduled refresh.",
                ja: "IMDS が `{role}` について `AssumeRoleUnauthorizedAccess` を返しています。EC2 はこのロールを引き受けられないため、認証情報を発行できません。決めるのはロールの信頼ポリシーで、サービスプリンシパル `{principal}` に `sts:AssumeRole` を許可している必要があります。`UpdateAssumeRolePolicy` で更新すると、アプリケーションは次回の定期更新で認証情報を受け取ります。",
            },
        },
        Message {
            key: "policy",
            title: Text {
                en: "the trust policy of `{role}` does not let `{principal}` assume it",
                ja: "`{role}` の信頼ポリシーが `{principal}` による引き受けを許可していない",
            },
            detail: Text {
                en: "No statement of the trust policy of `{role}` allows `{principal}` the action `sts:AssumeRole`{trusted}. When this role is in an instance profile, IMDS answers `AssumeRoleUnauthorizedAccess` and no credentials are issued.",
                ja: "`{role}` の信頼ポリシーには、`{principal}` に `sts:AssumeRole` を許可するステートメントがありません{trusted}。このロールをインスタンスプロファイルに入れると、IMDS は `AssumeRoleUnauthorizedAccess` を返し、認証情報は発行されません。",
            },
        },
        Message {
            key: "denied",
            title: Text {
                en: "the trust policy of `{role}` denies `{principal}`",
                ja: "`{role}` の信頼ポリシーが `{principal}` を拒否している",
            },
            detail: Text {
                en: "A `Deny` statement in the trust policy of `{role}` matches `{principal}` calling `sts:AssumeRole`. An explicit deny wins over any allow: EC2 cannot assume the role until that statement changes.",
                ja: "`{role}` の信頼ポリシーの `Deny` ステートメントが、`{principal}` による `sts:AssumeRole` に一致しています。明示的な拒否はどの許可よりも優先されるため、このステートメントを変えるまで EC2 はロールを引き受けられません。",
            },
        },
        Message {
            key: "conditions",
            title: Text {
                en: "the trust policy of `{role}` lets EC2 assume it only under conditions: check {keys}",
                ja: "`{role}` の信頼ポリシーは条件付きでのみ EC2 に引き受けを許可している: {keys} を確認",
            },
            detail: Text {
                en: "The statement that trusts `{principal}` has conditions on {keys}. Whether EC2 supplies these keys when it fetches instance credentials is not documented for every key; if a condition does not hold, IMDS answers `AssumeRoleUnauthorizedAccess`. Check `iam/info` and `iam/security-credentials/` on an instance with this role.",
                ja: "`{principal}` を信頼するステートメントに {keys} の条件があります。EC2 がインスタンスの認証情報を取得するときにこれらのキーを渡すかどうかは、すべてのキーについて文書化されてはいません。条件が成り立たないと IMDS は `AssumeRoleUnauthorizedAccess` を返します。このロールを持つインスタンスで `iam/info` と `iam/security-credentials/` を確認してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("trust_policy_blocks_ec2.en.md"),
        ja: include_str!("trust_policy_blocks_ec2.ja.md"),
    },
    links: &[],
    check,
};

const UPDATE: Text = Text {
    en: "your trust policy with EC2 added (every other principal and condition kept): save as trust.json and update the role",
    ja: "EC2 を追加した信頼ポリシー (他のプリンシパルと条件はそのまま): trust.json として保存してロールを更新する",
};
const GUIDE_POLICY: Text = Text {
    en: "the guide's trust policy (replaces the whole document: merge any other principals you need)",
    ja: "ガイドの信頼ポリシー (文書全体を置き換えるので、必要な他のプリンシパルは統合する)",
};
const READ_TRUST: Text = Text {
    en: "read the role's trust policy, then paste it here for a corrected version",
    ja: "ロールの信頼ポリシーを取得し、ここに貼り付けると修正版を作成できる",
};
const READ_IMDS: Text = Text {
    en: "read what IMDS says for this role",
    ja: "このロールについて IMDS が返す内容を確認する",
};

const GUIDE_DOCUMENT: &str = "{\"Version\": \"2012-10-17\",\"Statement\": [{\"Effect\": \"Allow\",\"Principal\": {\"Service\": [\"ec2.amazonaws.com\"]},\"Action\": [\"sts:AssumeRole\"]}]}";

fn update_command(role: &str) -> String {
    format!(
        "aws iam update-assume-role-policy --role-name {} --policy-document file://trust.json",
        shell(role)
    )
}

/// The fixes for `role`: the user's own policy corrected when the case holds it, and the
/// guide's document.
fn fixes(subject: Option<&TrustSubject<'_>>, role: &str, principal: &str, lang: Lang) -> Vec<Fix> {
    let mut fixes = Vec::new();
    if let Some(document) = subject.and_then(|s| analysis::corrected(&s.document.text, principal)) {
        fixes.push(Fix {
            label: UPDATE.get(lang).to_owned(),
            command: Some(update_command(role)),
            document: Some(document),
            kind: FixKind::Current,
        });
    }
    let guide_document = if principal == "ec2.amazonaws.com" {
        GUIDE_DOCUMENT.to_owned()
    } else {
        GUIDE_DOCUMENT.replace("ec2.amazonaws.com", principal)
    };
    fixes.push(Fix {
        label: GUIDE_POLICY.get(lang).to_owned(),
        command: Some(update_command(role)),
        document: Some(guide_document),
        kind: FixKind::Guide,
    });
    fixes
}

/// The role in `EC2 cannot assume the role NAME.` (the IMDS error message).
fn role_in_message(message: &str) -> Option<&str> {
    let rest = message.split("assume the role ").nth(1)?;
    let name = rest
        .trim()
        .trim_end_matches('.')
        .split_whitespace()
        .next()?;
    (!name.is_empty()).then_some(name)
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let subjects = analysis::subjects(case);
    let subject_for = |role: &str| subjects.iter().find(|s| s.role == Some(role));
    let mut reported: Vec<String> = Vec::new();

    // What the instance says.
    let mut imds: Vec<(Evidence, Option<String>)> = Vec::new();
    for credentials in case.credentials() {
        let Some(code) = &credentials.item.code else {
            continue;
        };
        if code.value != "AssumeRoleUnauthorizedAccess" {
            continue;
        }
        let role = credentials
            .item
            .role_name
            .as_ref()
            .map(|r| r.value.clone())
            .or_else(|| {
                credentials
                    .item
                    .message
                    .as_ref()
                    .and_then(|m| role_in_message(&m.value))
                    .map(str::to_owned)
            });
        imds.push((credentials.at.cite(code), role));
    }
    if imds.is_empty() {
        if let Some(sdk) = case
            .sdk_errors()
            .into_iter()
            .find(|e| e.item.class == SdkErrorClass::AssumeRoleUnauthorized)
        {
            let role = role_in_message(&sdk.item.evidence.value).map(str::to_owned);
            imds.push((sdk.at.cite(&sdk.item.evidence), role));
        }
    }
    for (evidence, role) in imds {
        let role = role
            .or_else(|| {
                case.listings()
                    .iter()
                    .find_map(|l| l.item.role_names.first().map(|n| n.value.trim().to_owned()))
            })
            .unwrap_or_else(|| "<role-name>".to_owned());
        if reported.contains(&role) {
            continue;
        }
        let subject = subject_for(&role).or_else(|| match subjects.as_slice() {
            [only] if only.role.is_none() => Some(only),
            _ => None,
        });
        let principal = support::ec2_principal(subject.map(|s| s.partition()));
        let mut finding = RULE.finding(
            "imds-error",
            lang,
            &[("role", &role), ("principal", principal)],
        );
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(evidence);
        if let Some(subject) = subject {
            finding.evidence.push(
                subject
                    .at
                    .evidence(subject.document.span, subject.document.path.as_deref()),
            );
        } else {
            out.push_next(support::next(
                RULE.id,
                format!(
                    "aws iam get-role --role-name {} --query Role.AssumeRolePolicyDocument",
                    shell(&role)
                ),
                READ_TRUST,
                lang,
            ));
        }
        finding.fix = fixes(subject, &role, principal, lang);
        reported.push(role);
        out.findings.push(finding);
    }

    // What the account says: the trust policies of roles tied to EC2.
    for subject in subjects.iter().filter(|s| s.ec2_context) {
        let role = subject.role.unwrap_or("<role-name>").to_owned();
        if reported.contains(&role) && subject.role.is_some() {
            continue;
        }
        let principal = support::ec2_principal(Some(subject.partition()));
        let evidence = match analysis::focus(&subject.document.text) {
            Some((span, inner)) if subject.document.text_offset.is_some() => {
                let path = analysis::join_path(subject.document.path.as_deref(), Some(&inner));
                subject
                    .at
                    .evidence(subject.paste_span(span), path.as_deref())
            }
            _ => subject
                .at
                .evidence(subject.document.span, subject.document.path.as_deref()),
        };
        match analysis::ec2_trust(subject) {
            Ec2Trust::Allowed => support::checked(out, &RULE, lang, &role),
            Ec2Trust::Unreadable => {}
            Ec2Trust::Conditional { keys } => {
                let keys_text = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mut finding = RULE.finding(
                    "conditions",
                    lang,
                    &[
                        ("role", &role),
                        ("keys", &keys_text),
                        ("principal", principal),
                    ],
                );
                finding.severity = Severity::Check;
                finding.confidence = Some(Confidence::Possible);
                finding.evidence.push(evidence);
                finding.fix.push(support::command_fix(
                    READ_IMDS,
                    lang,
                    "TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'); curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info".to_owned(),
                    FixKind::Current,
                ));
                reported.push(role);
                out.findings.push(finding);
            }
            Ec2Trust::Blocked { services, denied } => {
                let trusted = if services.is_empty() {
                    String::new()
                } else {
                    let list = services
                        .iter()
                        .map(|s| format!("`{s}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    match lang {
                        Lang::En => format!("; it trusts {list}"),
                        Lang::Ja => format!(" (信頼しているのは {list})"),
                    }
                };
                let key = if denied { "denied" } else { "policy" };
                let mut finding = RULE.finding(
                    key,
                    lang,
                    &[
                        ("role", &role),
                        ("principal", principal),
                        ("trusted", &trusted),
                    ],
                );
                finding.confidence = Some(Confidence::Certain);
                finding.evidence.push(evidence);
                finding.fix = if denied {
                    Vec::new()
                } else {
                    fixes(Some(subject), &role, principal, lang)
                };
                reported.push(role);
                out.findings.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::role_in_message;

    #[test]
    fn reads_the_role_in_the_imds_message() {
        assert_eq!(
            role_in_message("EC2 cannot assume the role integration-test."),
            Some("integration-test")
        );
        assert_eq!(role_in_message("nothing here"), None);
    }
}
