//! `imds-unreachable`: IMDS itself does not answer (guide S5, step 1).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-unreachable",
    severity: Severity::Error,
    sections: &[Section::S5],
    area: Area::Imds,
    summary: Text {
        en: "IMDS answers at `169.254.169.254`",
        ja: "IMDS が `169.254.169.254` で応答するか",
    },
    messages: &[Message {
        key: "no-answer",
        title: Text {
            en: "IMDS at `169.254.169.254` does not answer: `{symptom}`",
            ja: "`169.254.169.254` の IMDS が応答しない: `{symptom}`",
        },
        detail: Text {
            en: "The request to the instance metadata service failed before any HTTP answer (`{symptom}`). Nothing in the pasted outputs shows IMDS answering at all. Look for a firewall rule or route that blocks `169.254.169.254` (iptables, a host firewall, a proxy), check that the metadata endpoint is enabled, and check that the program runs on EC2. In a container, a token request that times out usually means the hop limit (see `imds-hop-limit`).",
            ja: "インスタンスメタデータサービスへのリクエストが HTTP の応答を受け取る前に失敗しました (`{symptom}`)。貼り付けた出力のどこにも IMDS の応答がありません。`169.254.169.254` を遮断するファイアウォールのルールや経路 (iptables、ホストのファイアウォール、プロキシ) がないか、メタデータエンドポイントが有効か、プログラムが EC2 上で動いているかを確認してください。コンテナ内でトークン要求だけがタイムアウトする場合は、たいていホップ制限が原因です (`imds-hop-limit` を参照)。",
        },
    }],
    explanation: Text {
        en: include_str!("imds_unreachable.en.md"),
        ja: include_str!("imds_unreachable.ja.md"),
    },
    links: &[],
    check,
};

const TRY_HOSTNAME: Text = Text {
    en: "the guide's first step: read another IMDS path, with a short timeout",
    ja: "ガイドの最初の手順: 短いタイムアウトで IMDS の別のパスを読む",
};
const FIREWALL: Text = Text {
    en: "look for firewall rules that mention the IMDS address",
    ja: "IMDS のアドレスを含むファイアウォールのルールを探す",
};
const ENDPOINT: Text = Text {
    en: "check that the metadata endpoint is enabled for the instance",
    ja: "インスタンスのメタデータエンドポイントが有効か確認する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    // IMDS answered somewhere (a status not from a proxy): then it is reachable.
    let answered = case
        .exchanges()
        .iter()
        .any(|e| e.item.status.is_some() && e.item.proxy.is_none());
    // An IMDS document pasted from the instance (its `Code` read) answers the question too; an
    // `iam/info` request whose output was a curl error does not.
    let document = case.iam_infos().iter().any(|i| i.item.code.is_some())
        || case.credentials().iter().any(|c| c.item.code.is_some());
    if answered || document {
        support::checked(out, &RULE, lang, "");
        return;
    }
    let mut symptom = None;
    for exchange in case.exchanges() {
        if let Some(error) = &exchange.item.curl_error {
            symptom = Some((exchange.at.cite(error), error.value.clone()));
            break;
        }
    }
    if symptom.is_none() {
        symptom = case
            .sdk_errors()
            .into_iter()
            .find(|e| {
                matches!(
                    e.item.class,
                    SdkErrorClass::ImdsConnectTimeout
                        | SdkErrorClass::ImdsConnectionRefused
                        | SdkErrorClass::ImdsNetworkUnreachable
                )
            })
            .map(|e| (e.at.cite(&e.item.evidence), e.item.evidence.value.clone()));
    }
    let Some((evidence, text)) = symptom else {
        return;
    };
    let short: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect();
    let mut finding = RULE.finding("no-answer", lang, &[("symptom", short.trim())]);
    let container_hint = case.sdk_errors().iter().any(|e| {
        matches!(
            e.item.class,
            SdkErrorClass::ImdsTokenTimeout | SdkErrorClass::ImdsTokenRejected
        )
    });
    finding.confidence = Some(if container_hint {
        Confidence::Possible
    } else {
        Confidence::Likely
    });
    finding.evidence.push(evidence);
    finding.fix.push(support::command_fix(
        TRY_HOSTNAME,
        lang,
        "curl -sv --max-time 2 http://169.254.169.254/latest/meta-data/hostname; echo".to_owned(),
        FixKind::Current,
    ));
    finding.fix.push(support::command_fix(
        FIREWALL,
        lang,
        "sudo iptables -S | grep 169.254.169.254; ip route get 169.254.169.254".to_owned(),
        FixKind::Current,
    ));
    let instance = support::one_instance_id(case);
    finding.fix.push(support::command_fix(
        ENDPOINT,
        lang,
        format!(
            "aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].MetadataOptions'",
            shell(&instance)
        ),
        FixKind::Current,
    ));
    out.findings.push(finding);
}
