//! `trust-policy-invalid`: a trust policy IAM rejects or misreads.

use crate::finding::{Confidence, Diagnosis, Evidence, Fix, FixKind, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Link, Message, RuleInfo, Text};

use super::analysis;

pub const RULE: RuleInfo = RuleInfo {
    id: "trust-policy-invalid",
    severity: Severity::Error,
    sections: &[],
    area: Area::Trust,
    summary: Text {
        en: "the trust policy is one IAM accepts and reads as meant",
        ja: "信頼ポリシーが IAM に受け付けられ、意図どおりに解釈されるか",
    },
    messages: &[
        Message {
            key: "not-principal",
            title: Text {
                en: "{policy} uses `NotPrincipal`",
                ja: "{policy}が `NotPrincipal` を使っている",
            },
            detail: Text {
                en: "Role trust policies do not support `NotPrincipal`: IAM rejects the document. Name the principals that may assume the role in `Principal`.",
                ja: "ロールの信頼ポリシーでは `NotPrincipal` を使えず、IAM は文書を拒否します。ロールを引き受けてよいプリンシパルを `Principal` に列挙してください。",
            },
        },
        Message {
            key: "wildcard-principal",
            title: Text {
                en: "{policy} trusts every principal (`*`)",
                ja: "{policy}がすべてのプリンシパル (`*`) を信頼している",
            },
            detail: Text {
                en: "A wildcard principal lets anyone assume the role (IAM Access Analyzer reports it as an unsupported wildcard in a role trust policy). For an instance role, trust only `ec2.amazonaws.com`.",
                ja: "ワイルドカードのプリンシパルは誰にでもロールの引き受けを許します (IAM Access Analyzer はロールの信頼ポリシーでサポートされないワイルドカードとして報告します)。インスタンス用のロールなら `ec2.amazonaws.com` だけを信頼してください。",
            },
        },
        Message {
            key: "resource-element",
            title: Text {
                en: "{policy} has a `{element}` element",
                ja: "{policy}に `{element}` 要素がある",
            },
            detail: Text {
                en: "A role trust policy is attached to the role itself and has no `{element}` element; IAM rejects the document (`MalformedPolicyDocument`). Remove it.",
                ja: "信頼ポリシーはロール自体に付くので `{element}` 要素を持ちません。IAM は文書を拒否します (`MalformedPolicyDocument`)。削除してください。",
            },
        },
        Message {
            key: "misspelled-service",
            title: Text {
                en: "{policy} names service `{service}`: did you mean `{suggestion}`?",
                ja: "{policy}のサービス `{service}` は `{suggestion}` の誤りでは?",
            },
            detail: Text {
                en: "`{service}` is not an AWS service principal; `{suggestion}` is. IAM rejects the document, or (where an older tool accepted it) no service ever matches it, so the role cannot be assumed by that service.",
                ja: "`{service}` は AWS のサービスプリンシパルではなく、正しくは `{suggestion}` です。IAM は文書を拒否するか、(古いツールが受け付けた場合でも) どのサービスにも一致しないため、そのサービスはロールを引き受けられません。",
            },
        },
        Message {
            key: "unknown-service",
            title: Text {
                en: "{policy} names unknown service `{service}`",
                ja: "{policy}が未知のサービス `{service}` を指定している",
            },
            detail: Text {
                en: "`{service}` is not a service principal this tool knows. Check the spelling against the service's documentation: a principal no service uses matches nothing.",
                ja: "`{service}` はこのツールが知らないサービスプリンシパルです。サービスのドキュメントで綴りを確認してください。どのサービスも使わないプリンシパルは何にも一致しません。",
            },
        },
        Message {
            key: "wrong-action",
            title: Text {
                en: "{policy} gives a `{kind}` principal the action `{action}`",
                ja: "{policy}が `{kind}` プリンシパルにアクション `{action}` を許可している",
            },
            detail: Text {
                en: "`{action}` is for federated identities (web identity or SAML providers), not for a `{kind}` principal. EC2 and other services call `sts:AssumeRole`, which this statement does not allow.",
                ja: "`{action}` はフェデレーション ID (ウェブ ID や SAML プロバイダー) 用で、`{kind}` プリンシパル用ではありません。EC2 などのサービスが呼び出すのは `sts:AssumeRole` で、このステートメントはそれを許可していません。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("trust_policy_invalid.en.md"),
        ja: include_str!("trust_policy_invalid.ja.md"),
    },
    links: &[Link {
        title: Text {
            en: "IAM Access Analyzer policy check reference",
            ja: "IAM Access Analyzer ポリシーチェックリファレンス",
        },
        url: Text {
            en: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
            ja: "https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html",
        },
    }],
    check,
};

const CORRECTED: Text = Text {
    en: "your trust policy corrected for EC2: save as trust.json and update the role",
    ja: "EC2 向けに修正した信頼ポリシー: trust.json として保存してロールを更新する",
};
const VALIDATE: Text = Text {
    en: "validate the document with IAM Access Analyzer before updating",
    ja: "更新前に IAM Access Analyzer で文書を検証する",
};

/// Trust policies with the same issue and the same values (a fleet with one typo).
struct Group {
    key: &'static str,
    values: Vec<(&'static str, String)>,
    roles: Vec<String>,
    evidence: Vec<Evidence>,
    fixes: Vec<Fix>,
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    // One finding per (issue, value): a fleet with the same typo reads as one cause.
    let mut groups: Vec<Group> = Vec::new();
    for subject in analysis::subjects(case) {
        let role = subject.role.map(str::to_owned);
        let issues = analysis::lint(&subject.document.text);
        if issues.is_empty() {
            support::checked(out, &RULE, lang, subject.role.unwrap_or_default());
        }
        for issue in issues {
            let span = subject.paste_span(issue.span);
            let path = analysis::join_path(subject.document.path.as_deref(), issue.path.as_deref());
            let index = match groups
                .iter()
                .position(|g| g.key == issue.key && g.values == issue.values)
            {
                Some(index) => index,
                None => {
                    groups.push(Group {
                        key: issue.key,
                        values: issue.values.clone(),
                        roles: Vec::new(),
                        evidence: Vec::new(),
                        fixes: Vec::new(),
                    });
                    groups.len() - 1
                }
            };
            let Some(group) = groups.get_mut(index) else {
                continue;
            };
            support::push_evidence(&mut group.evidence, || {
                subject.at.evidence(span, path.as_deref())
            });
            let name = role.clone().unwrap_or_else(|| "<role-name>".to_owned());
            if !group.roles.contains(&name) {
                if group.fixes.len() < support::FIX_CAP {
                    let principal = support::ec2_principal(Some(subject.partition()));
                    let lints_ec2 = matches!(issue.key, "misspelled-service" | "wrong-action");
                    let document = if lints_ec2 {
                        analysis::corrected(&subject.document.text, principal)
                    } else {
                        None
                    };
                    if let Some(document) = document {
                        group.fixes.push(Fix {
                            label: CORRECTED.get(lang).to_owned(),
                            command: Some(format!(
                                "aws iam update-assume-role-policy --role-name {} --policy-document file://trust.json",
                                shell(&name)
                            )),
                            document: Some(document),
                            kind: FixKind::Current,
                        });
                    }
                }
                group.roles.push(name);
            }
        }
    }
    for Group {
        key,
        values,
        roles,
        evidence,
        mut fixes,
    } in groups
    {
        let policy = match (roles.as_slice(), lang) {
            ([one], Lang::En) if one != "<role-name>" => format!("the trust policy of `{one}`"),
            ([one], Lang::Ja) if one != "<role-name>" => format!("`{one}` の信頼ポリシー"),
            ([_], Lang::En) => "the trust policy".to_owned(),
            ([_], Lang::Ja) => "信頼ポリシー".to_owned(),
            (many, Lang::En) => format!("the trust policies of {}", support::name_list(many, lang)),
            (many, Lang::Ja) => format!("{} の信頼ポリシー", support::name_list(many, lang)),
        };
        let mut all: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        all.push(("policy", &policy));
        let mut finding = RULE.finding(key, lang, &all);
        let (severity, confidence) = match key {
            "unknown-service" => (Severity::Warning, Confidence::Possible),
            "wildcard-principal" => (Severity::Warning, Confidence::Certain),
            "misspelled-service" => {
                let amazon_com = values
                    .iter()
                    .any(|(k, v)| *k == "service" && v.ends_with(".amazon.com"));
                (
                    Severity::Error,
                    if amazon_com {
                        Confidence::Certain
                    } else {
                        Confidence::Likely
                    },
                )
            }
            _ => (Severity::Error, Confidence::Certain),
        };
        finding.severity = severity;
        finding.confidence = Some(confidence);
        finding.evidence = evidence;
        fixes.push(Fix {
            label: VALIDATE.get(lang).to_owned(),
            command: Some(
                "aws accessanalyzer validate-policy --policy-type RESOURCE_POLICY --validate-policy-resource-type AWS::IAM::AssumeRolePolicyDocument --policy-document file://trust.json".to_owned(),
            ),
            document: None,
            kind: FixKind::Current,
        });
        finding.fix = fixes;
        if roles.len() > 1 {
            finding.affected = roles;
        }
        out.findings.push(finding);
    }
}
