//! `imdsv2-token-required`: IMDS answers 401 because the request had no (valid) session token.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imdsv2-token-required",
    severity: Severity::Error,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "requests to IMDS carry a session token when required",
        ja: "必要なときに IMDS へのリクエストがセッショントークンを付けているか",
    },
    messages: &[Message {
        key: "unauthorized",
        title: Text {
            en: "IMDS answers `401 Unauthorized`: a session token (IMDSv2) is required",
            ja: "IMDS が `401 Unauthorized` を返している: セッショントークン (IMDSv2) が必要",
        },
        detail: Text {
            en: "IMDS answered 401 to a request {how}. When `HttpTokens` is `required`{tokens_seen}, every request must carry `X-aws-ec2-metadata-token` obtained from `PUT /latest/api/token`; a client that only speaks IMDSv1 (an old SDK or agent, a plain `curl`) gets 401 and no credentials. An expired token gives 401 too.",
            ja: "IMDS が {how}リクエストに 401 を返しました。`HttpTokens` が `required` のとき{tokens_seen}、すべてのリクエストに `PUT /latest/api/token` で得た `X-aws-ec2-metadata-token` が必要です。IMDSv1 しか使えないクライアント (古い SDK やエージェント、素の `curl`) は 401 を受け取り、認証情報を得られません。期限切れのトークンでも 401 になります。",
        },
    }],
    explanation: Text {
        en: include_str!("imdsv2_token_required.en.md"),
        ja: include_str!("imdsv2_token_required.ja.md"),
    },
    links: &[],
    check,
};

const USE_V2: Text = Text {
    en: "read IMDS with a session token (IMDSv2); update SDKs and agents to versions that do",
    ja: "セッショントークン付き (IMDSv2) で IMDS を読む。SDK やエージェントも IMDSv2 対応版に更新する",
};
const OPTIONAL: Text = Text {
    en: "last resort, weakens SSRF protection: allow IMDSv1 again until the client is updated",
    ja: "最後の手段 (SSRF への防御が弱まる): クライアントを更新するまで IMDSv1 を再び許可する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut evidence = Vec::new();
    let mut without_token = false;
    for exchange in case.exchanges() {
        if let Some(status) = &exchange.item.status {
            if status.value == 401 && exchange.item.proxy.is_none() {
                without_token |= !exchange.item.sent_token;
                support::push_evidence(&mut evidence, || exchange.at.cite(status));
            }
        }
    }
    for sdk in case.sdk_errors() {
        if sdk.item.class == SdkErrorClass::Imds401 {
            support::push_evidence(&mut evidence, || sdk.at.cite(&sdk.item.evidence));
        }
    }
    if evidence.is_empty() {
        // IMDS answered a request carrying a token without 401 (a 404 for a missing role
        // still accepted the token): the client speaks IMDSv2.
        let with_token = case.exchanges().iter().any(|e| {
            e.item.sent_token
                && e.item.proxy.is_none()
                && e.item.status.as_ref().is_some_and(|s| s.value != 401)
        });
        if with_token {
            support::checked(out, &RULE, lang, "");
        }
        return;
    }
    let mut required_seen = false;
    let mut instance = None;
    for (found, options) in case.metadata_options() {
        if let Some(tokens) = &options.http_tokens {
            if tokens.value == "required" {
                required_seen = true;
                support::push_evidence(&mut evidence, || found.at.cite(tokens));
                instance = found.item.id.as_ref().map(|i| i.value.clone());
            }
        }
    }
    let (how, tokens_seen) = match (lang, without_token) {
        (Lang::En, true) => (
            "without a token",
            if required_seen {
                " (as the instance's metadata options show)"
            } else {
                ""
            },
        ),
        (Lang::En, false) => (
            "from the client",
            if required_seen {
                " (as the instance's metadata options show)"
            } else {
                ""
            },
        ),
        (Lang::Ja, true) => (
            "トークンなしの",
            if required_seen {
                " (インスタンスのメタデータオプションのとおり)"
            } else {
                ""
            },
        ),
        (Lang::Ja, false) => (
            "クライアントからの",
            if required_seen {
                " (インスタンスのメタデータオプションのとおり)"
            } else {
                ""
            },
        ),
    };
    let mut finding = RULE.finding(
        "unauthorized",
        lang,
        &[("how", how), ("tokens_seen", tokens_seen)],
    );
    finding.confidence = Some(if required_seen || without_token {
        Confidence::Certain
    } else {
        Confidence::Likely
    });
    finding.evidence = evidence;
    finding.fix.push(support::command_fix(
        USE_V2,
        lang,
        "TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600'); curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/".to_owned(),
        FixKind::Current,
    ));
    let instance = instance.unwrap_or_else(|| support::one_instance_id(case));
    finding.fix.push(support::command_fix(
        OPTIONAL,
        lang,
        format!(
            "aws ec2 modify-instance-metadata-options --instance-id {} --http-tokens optional",
            shell(&instance)
        ),
        FixKind::Current,
    ));
    out.findings.push(finding);
}
