//! `no-instance-profile-associated`: the instance has no instance profile (guide S5).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "no-instance-profile-associated",
    severity: Severity::Error,
    sections: &[Section::S5],
    area: Area::Profile,
    summary: Text {
        en: "the instance has an instance profile",
        ja: "インスタンスにインスタンスプロファイルが関連付けられているか",
    },
    messages: &[
        Message {
            key: "describe",
            title: Text {
                en: "{instances} {has|have} no instance profile",
                ja: "{instances} にインスタンスプロファイルがない",
            },
            detail: Text {
                en: "`DescribeInstances` shows no `IamInstanceProfile` for {instances}. Without an instance profile the `iam` subtree of IMDS does not exist, and nothing on the instance can get role credentials.",
                ja: "`DescribeInstances` の結果に {instances} の `IamInstanceProfile` がありません。インスタンスプロファイルがなければ IMDS に `iam` サブツリーはなく、インスタンス上のどのプログラムもロールの認証情報を得られません。",
            },
        },
        Message {
            key: "no-association",
            title: Text {
                en: "no instance profile association exists for the instance",
                ja: "インスタンスプロファイルの関連付けが 1 つもない",
            },
            detail: Text {
                en: "`DescribeIamInstanceProfileAssociations` returned an empty list: no instance profile is associated, so IMDS serves no role credentials.",
                ja: "`DescribeIamInstanceProfileAssociations` の結果が空です。インスタンスプロファイルが関連付けられていないため、IMDS はロールの認証情報を提供しません。",
            },
        },
        Message {
            key: "imds-404",
            title: Text {
                en: "IMDS answers 404 for `{path}`: no role is attached to this instance",
                ja: "IMDS が `{path}` に 404 を返している: このインスタンスにロールが付いていない",
            },
            detail: Text {
                en: "The instance metadata service answered `404 Not Found` for `{path}`. The `iam` subtree only exists when an instance profile with a role is associated. Check with `DescribeInstances` whether the instance has an instance profile.",
                ja: "インスタンスメタデータサービスが `{path}` に `404 Not Found` を返しました。`iam` サブツリーは、ロール入りのインスタンスプロファイルが関連付けられているときだけ存在します。`DescribeInstances` でインスタンスにインスタンスプロファイルがあるか確認してください。",
            },
        },
        Message {
            key: "sdk",
            title: Text {
                en: "the SDK found no role in IMDS",
                ja: "SDK が IMDS にロールを見つけられなかった",
            },
            detail: Text {
                en: "The SDK's log says IMDS has no IAM role for this instance (HTTP 404 on `iam/security-credentials/`). Either no instance profile is associated, or the program does not run on EC2 at all.",
                ja: "SDK のログによると、IMDS にこのインスタンスの IAM ロールがありません (`iam/security-credentials/` が HTTP 404)。インスタンスプロファイルが関連付けられていないか、そもそも EC2 上で動いていない可能性があります。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("no_instance_profile_associated.en.md"),
        ja: include_str!("no_instance_profile_associated.ja.md"),
    },
    links: &[],
    check,
};

const ASSOCIATE: Text = Text {
    en: "associate an instance profile with the running instance",
    ja: "実行中のインスタンスにインスタンスプロファイルを関連付ける",
};
const DESCRIBE: Text = Text {
    en: "see whether the instance has an instance profile (the guide's S5 step 2)",
    ja: "インスタンスにインスタンスプロファイルがあるか確認する (ガイド S5 の手順 2)",
};

/// The profile to suggest: the only one pasted, else a placeholder.
fn profile_to_associate(case: &Case) -> String {
    let profiles = support::latest_profiles(case);
    let names: Vec<&str> = profiles
        .iter()
        .filter(|p| !p.item.roles.is_empty())
        .filter_map(|p| support::profile_name(p.item))
        .collect();
    match names.as_slice() {
        [one] => (*one).to_owned(),
        _ => "<instance-profile-name>".to_owned(),
    }
}

fn associate(instance: &str, profile: &str) -> String {
    format!(
        "aws ec2 associate-iam-instance-profile --instance-id {} --iam-instance-profile Name={}",
        shell(instance),
        shell(profile)
    )
}

/// Instance states for which a missing profile matters (a terminated instance has none to fix).
fn is_live(state: Option<&str>) -> bool {
    !matches!(state, Some("terminated" | "shutting-down"))
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profile = profile_to_associate(case);

    // Only full describe-instances objects: a `--query` fragment may just not show the key.
    let without: Vec<_> = case
        .instances()
        .into_iter()
        .filter(|i| {
            i.item.id.is_some() && i.item.profile_span.is_none() && i.item.profile_arn.is_none()
        })
        .filter(|i| is_live(i.item.state.as_ref().map(|s| s.value.as_str())))
        .collect();
    // An association in the case covers an instance whose describe output predates it.
    let associated: Vec<String> = case
        .associations()
        .iter()
        .filter(|a| {
            a.item
                .state
                .as_ref()
                .is_none_or(|s| s.value != "disassociated")
        })
        .filter_map(|a| a.item.instance_id.as_ref().map(|i| i.value.clone()))
        .collect();
    for found in case
        .instances()
        .iter()
        .filter(|i| i.item.profile_arn.is_some())
        .take(support::FIX_CAP)
    {
        if let Some(id) = &found.item.id {
            support::checked(out, &RULE, lang, &id.value);
        }
    }
    // A describe-instances of the same instance (another paste) that shows a profile wins.
    let with_profile: std::collections::HashSet<&str> = case
        .instances()
        .iter()
        .filter(|i| i.item.profile_arn.is_some())
        .filter_map(|i| i.item.id.as_ref().map(|x| x.value.as_str()))
        .collect();
    let associated: std::collections::HashSet<&str> =
        associated.iter().map(String::as_str).collect();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut ids: Vec<String> = Vec::new();
    let mut evidence = Vec::new();
    for found in &without {
        let Some(id) = &found.item.id else { continue };
        let id_text = id.value.as_str();
        if associated.contains(id_text) || with_profile.contains(id_text) || !seen.insert(id_text) {
            continue;
        }
        ids.push(id.value.clone());
        support::push_evidence(&mut evidence, || found.at.cite(id));
    }
    if !ids.is_empty() {
        let list = support::name_list(&ids, lang);
        let count = ids.len().to_string();
        let mut finding =
            RULE.finding("describe", lang, &[("instances", &list), ("count", &count)]);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence = evidence;
        for id in ids.iter().take(support::FIX_CAP) {
            finding.fix.push(support::command_fix(
                ASSOCIATE,
                lang,
                associate(id, &profile),
                FixKind::Current,
            ));
        }
        if ids.len() > 1 {
            finding.affected = ids;
        }
        out.findings.push(finding);
    }

    let instance = support::one_instance_id(case);
    // An empty association list, with no describe-instances showing a profile.
    let has_profile = case
        .instances()
        .iter()
        .any(|i| i.item.profile_arn.is_some());
    if let (Some(found), false) = (case.associations_inputs_empty().first(), has_profile) {
        let mut finding = RULE.finding("no-association", lang, &[]);
        finding.confidence = Some(Confidence::Likely);
        finding
            .evidence
            .push(found.evidence(found.input.span, None));
        finding.fix.push(support::command_fix(
            ASSOCIATE,
            lang,
            associate(&instance, &profile),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }

    let mut imds_done = false;
    for exchange in case.exchanges() {
        let (Some(status), Some(path)) = (&exchange.item.status, &exchange.item.path) else {
            continue;
        };
        let is_iam_path = path.value.contains("/meta-data/iam");
        if status.value != 404 || !is_iam_path || imds_done {
            continue;
        }
        imds_done = true;
        let mut finding = RULE.finding("imds-404", lang, &[("path", &path.value)]);
        finding.confidence = Some(Confidence::Likely);
        finding.evidence.push(exchange.at.cite(status));
        finding.fix.push(support::command_fix(
            ASSOCIATE,
            lang,
            associate(&instance, &profile),
            FixKind::Current,
        ));
        if case.instances().is_empty() {
            out.push_next(support::next(
                RULE.id,
                format!(
                    "aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].IamInstanceProfile'",
                    shell(&instance)
                ),
                DESCRIBE,
                lang,
            ));
        }
        out.findings.push(finding);
    }

    if !imds_done {
        if let Some(sdk) = case
            .sdk_errors()
            .into_iter()
            .find(|e| e.item.class == SdkErrorClass::Imds404NoRole)
        {
            let mut finding = RULE.finding("sdk", lang, &[]);
            finding.confidence = Some(Confidence::Likely);
            finding.evidence.push(sdk.at.cite(&sdk.item.evidence));
            finding.fix.push(support::command_fix(
                ASSOCIATE,
                lang,
                associate(&instance, &profile),
                FixKind::Current,
            ));
            out.push_next(support::next(
                RULE.id,
                format!(
                    "aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].IamInstanceProfile'",
                    shell(&instance)
                ),
                DESCRIBE,
                lang,
            ));
            out.findings.push(finding);
        }
    }
}
