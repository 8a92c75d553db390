//! `imds-hop-limit`: `HttpPutResponseHopLimit` is 1 while the caller runs in a container.

use crate::finding::{Confidence, Diagnosis, Evidence, FixKind, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-hop-limit",
    severity: Severity::Error,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "the IMDS hop limit lets containers get a token",
        ja: "IMDS のホップ制限でコンテナがトークンを取得できるか",
    },
    messages: &[
        Message {
            key: "hop-limit",
            title: Text {
                en: "IMDS hop limit `{limit}` of `{instance}` stops token requests from containers",
                ja: "`{instance}` の IMDS ホップ制限 `{limit}` がコンテナからのトークン要求を止めている",
            },
            detail: Text {
                en: "`HttpPutResponseHopLimit` is `{limit}` and the client's token request failed (`{symptom}`). The answer to `PUT /latest/api/token` may travel only that many network hops; a container behind a bridge network is one hop further, so the answer never arrives. The SDK then times out, or falls back to IMDSv1 and gets 401 where tokens are required.",
                ja: "`HttpPutResponseHopLimit` が `{limit}` で、クライアントのトークン要求が失敗しています (`{symptom}`)。`PUT /latest/api/token` の応答はこのホップ数までしか届きません。ブリッジネットワークのコンテナは 1 ホップ遠いため応答が届かず、SDK はタイムアウトするか、IMDSv1 にフォールバックしてトークン必須の環境では 401 を受け取ります。",
            },
        },
        Message {
            key: "check-limit",
            title: Text {
                en: "the IMDS token request fails: check the hop limit of `{instance}`",
                ja: "IMDS のトークン要求が失敗している: `{instance}` のホップ制限を確認",
            },
            detail: Text {
                en: "The client's token request failed (`{symptom}`). When the program runs in a container, a hop limit of 1 is the usual cause; the pasted data does not show the instance's `HttpPutResponseHopLimit`.",
                ja: "クライアントのトークン要求が失敗しています (`{symptom}`)。プログラムがコンテナ内で動いている場合、ホップ制限 1 がよくある原因です。貼り付けたデータにはインスタンスの `HttpPutResponseHopLimit` がありません。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("imds_hop_limit.en.md"),
        ja: include_str!("imds_hop_limit.ja.md"),
    },
    links: &[],
    check,
};

const RAISE: Text = Text {
    en: "raise the hop limit to 2 so containers get token answers",
    ja: "ホップ制限を 2 に上げ、コンテナにトークンの応答が届くようにする",
};
const SHOW: Text = Text {
    en: "show the instance's metadata options",
    ja: "インスタンスのメタデータオプションを表示する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let token_failure = case.sdk_errors().into_iter().find(|e| {
        matches!(
            e.item.class,
            SdkErrorClass::ImdsTokenTimeout | SdkErrorClass::ImdsTokenRejected
        )
    });
    let token_failure: Option<(Evidence, String)> = token_failure
        .map(|e| (e.at.cite(&e.item.evidence), e.item.evidence.value.clone()))
        .or_else(|| {
            case.exchanges().into_iter().find_map(|e| {
                let is_token = e
                    .item
                    .path
                    .as_ref()
                    .is_some_and(|p| p.value.contains("/api/token"));
                let error = e.item.curl_error.as_ref()?;
                is_token.then(|| (e.at.cite(error), error.value.clone()))
            })
        });
    // 401 from a pod where the node requires tokens: the fallback after a lost token answer.
    let v1_fallback = case
        .sdk_errors()
        .into_iter()
        .find(|e| e.item.class == SdkErrorClass::Imds401);
    let low_limit = case
        .metadata_options()
        .into_iter()
        .find_map(|(found, options)| {
            let limit = options.http_put_response_hop_limit.as_ref()?;
            (limit.value <= 1).then_some((found, limit))
        });
    let symptom_of = |text: &str| -> String {
        text.lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(120)
            .collect::<String>()
            .trim()
            .to_owned()
    };
    match (low_limit, token_failure) {
        (Some((found, limit)), failure) => {
            let (evidence, symptom) = match failure {
                Some(f) => (Some(f.0), symptom_of(&f.1)),
                None => match &v1_fallback {
                    Some(e) => (
                        Some(e.at.cite(&e.item.evidence)),
                        symptom_of(&e.item.evidence.value),
                    ),
                    None => return,
                },
            };
            let instance = found
                .item
                .id
                .as_ref()
                .map(|i| i.value.clone())
                .unwrap_or_else(|| support::one_instance_id(case));
            let limit_text = limit.value.to_string();
            let mut finding = RULE.finding(
                "hop-limit",
                lang,
                &[
                    ("limit", &limit_text),
                    ("instance", &instance),
                    ("symptom", &symptom),
                ],
            );
            finding.confidence = Some(Confidence::Likely);
            finding.evidence.push(found.at.cite(limit));
            finding.evidence.extend(evidence);
            finding.fix.push(support::command_fix(
                RAISE,
                lang,
                format!(
                    "aws ec2 modify-instance-metadata-options --instance-id {} --http-put-response-hop-limit 2 --http-endpoint enabled",
                    shell(&instance)
                ),
                FixKind::Current,
            ));
            out.findings.push(finding);
        }
        (None, Some((evidence, text))) => {
            let instance = support::one_instance_id(case);
            let symptom = symptom_of(&text);
            let mut finding = RULE.finding(
                "check-limit",
                lang,
                &[("instance", &instance), ("symptom", &symptom)],
            );
            finding.severity = Severity::Check;
            finding.confidence = Some(Confidence::Possible);
            finding.evidence.push(evidence);
            // The process runs in a container (`ec2-iam-doctor check` records the marks): the
            // hop limit becomes the likely cause.
            let container = case
                .client_configs()
                .into_iter()
                .find_map(|c| c.item.container.as_ref().map(|marker| c.at.cite(marker)));
            if let Some(marker) = container {
                finding.confidence = Some(Confidence::Likely);
                finding.evidence.push(marker);
            }
            let show = format!(
                "aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].MetadataOptions'",
                shell(&instance)
            );
            finding.fix.push(support::command_fix(
                SHOW,
                lang,
                show.clone(),
                FixKind::Current,
            ));
            finding.fix.push(support::command_fix(
                RAISE,
                lang,
                format!(
                    "aws ec2 modify-instance-metadata-options --instance-id {} --http-put-response-hop-limit 2 --http-endpoint enabled",
                    shell(&instance)
                ),
                FixKind::Current,
            ));
            out.push_next(support::next(RULE.id, show, SHOW, lang));
            out.findings.push(finding);
        }
        (None, None) => {
            // A limit of 2 or more lets a container one hop further get its token.
            for (found, options) in case.metadata_options() {
                if options
                    .http_put_response_hop_limit
                    .as_ref()
                    .is_some_and(|limit| limit.value >= 2)
                {
                    let instance = found.item.id.as_ref().map_or("", |i| i.value.as_str());
                    support::checked(out, &RULE, lang, instance);
                }
            }
        }
    }
}
