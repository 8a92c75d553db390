//! `imds-throttled`: IMDS answers 429 or 503.

use crate::finding::{Confidence, Diagnosis, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-throttled",
    severity: Severity::Warning,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "IMDS is not throttling the instance",
        ja: "IMDS がリクエストを制限していないか",
    },
    messages: &[Message {
        key: "throttled",
        title: Text {
            en: "IMDS answers `{status}`: requests are throttled or the service is briefly unavailable",
            ja: "IMDS が `{status}` を返している: リクエストが制限されているか、一時的に利用できない",
        },
        detail: Text {
            en: "IMDS limits requests per instance and answers 429 (or 503) above that rate, and 503 briefly while it cannot serve. Programs that fetch credentials on every call instead of caching them, or many processes starting at once, hit the limit. Retry with backoff, and let the SDK cache credentials (they stay valid for hours).",
            ja: "IMDS はインスタンスごとにリクエスト数を制限しており、上限を超えると 429 (または 503) を、一時的に提供できないときは 503 を返します。呼び出しのたびに認証情報を取得してキャッシュしないプログラムや、多数のプロセスの同時起動で上限に達します。バックオフ付きで再試行し、SDK に認証情報をキャッシュさせてください (数時間有効です)。",
        },
    }],
    explanation: Text {
        en: include_str!("imds_throttled.en.md"),
        ja: include_str!("imds_throttled.ja.md"),
    },
    links: &[],
    check,
};

const CACHE: Text = Text {
    en: "let the SDK cache credentials, retry with backoff, and stagger process starts",
    ja: "SDK に認証情報をキャッシュさせ、バックオフ付きで再試行し、プロセスの起動時期をずらす",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut evidence = Vec::new();
    let mut status_text = None;
    for exchange in case.exchanges() {
        if let Some(status) = &exchange.item.status {
            if (status.value == 429 || status.value == 503) && exchange.item.proxy.is_none() {
                status_text.get_or_insert_with(|| status.value.to_string());
                support::push_evidence(&mut evidence, || exchange.at.cite(status));
            }
        }
    }
    for sdk in case.sdk_errors() {
        if sdk.item.class == SdkErrorClass::Imds429Or503 {
            let text = &sdk.item.evidence.value;
            let status = if text.contains("429") { "429" } else { "503" };
            status_text.get_or_insert_with(|| status.to_owned());
            support::push_evidence(&mut evidence, || sdk.at.cite(&sdk.item.evidence));
        }
    }
    let Some(status) = status_text else { return };
    let mut finding = RULE.finding("throttled", lang, &[("status", &status)]);
    finding.confidence = Some(Confidence::Likely);
    finding.evidence = evidence;
    finding.fix.push(crate::finding::Fix {
        label: CACHE.get(lang).to_owned(),
        command: None,
        document: None,
        kind: crate::finding::FixKind::Current,
    });
    out.findings.push(finding);
}
