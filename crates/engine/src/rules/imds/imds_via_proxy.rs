//! `imds-via-proxy`: IMDS traffic went through an HTTP proxy.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-via-proxy",
    severity: Severity::Error,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "IMDS requests bypass HTTP proxies",
        ja: "IMDS へのリクエストが HTTP プロキシを経由していないか",
    },
    messages: &[Message {
        key: "proxy",
        title: Text {
            en: "requests to IMDS went through an HTTP proxy",
            ja: "IMDS へのリクエストが HTTP プロキシを経由している",
        },
        detail: Text {
            en: "The answer came from a proxy, not from IMDS (`{symptom}`). IMDS is link-local: only the instance itself can reach it, and a proxy answers with its own error (often 403) or forwards the request where it makes no sense. Exclude `169.254.169.254` from proxying with `NO_PROXY` (SDKs read `NO_PROXY` or `no_proxy`; set both).",
            ja: "応答は IMDS ではなくプロキシから来ています (`{symptom}`)。IMDS はリンクローカルでインスタンス自身からしか届かず、プロキシは独自のエラー (多くは 403) を返すか、意味のない転送をします。`NO_PROXY` で `169.254.169.254` をプロキシの対象外にしてください (SDK は `NO_PROXY` か `no_proxy` を読むので両方設定します)。",
        },
    }],
    explanation: Text {
        en: include_str!("imds_via_proxy.en.md"),
        ja: include_str!("imds_via_proxy.ja.md"),
    },
    links: &[],
    check,
};

const NO_PROXY: Text = Text {
    en: "exclude IMDS from the proxy in the program's environment, then restart it",
    ja: "プログラムの環境で IMDS をプロキシの対象外にし、再起動する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let symptom = case
        .exchanges()
        .into_iter()
        .find_map(|e| {
            e.item
                .proxy
                .as_ref()
                .map(|p| (e.at.cite(p), p.value.clone()))
        })
        .or_else(|| {
            // Proxy settings alone: ruled out when `NO_PROXY` already names IMDS.
            case.sdk_errors()
                .into_iter()
                .find(|e| e.item.class == SdkErrorClass::ProxyInTheWay)
                .filter(|_| !support::no_proxy_covers_imds(case))
                .map(|e| (e.at.cite(&e.item.evidence), e.item.evidence.value.clone()))
        });
    let Some((evidence, text)) = symptom else {
        // A direct answer from IMDS (no proxy's marks on it) shows the way is clear.
        let direct = case
            .exchanges()
            .iter()
            .any(|e| e.item.status.is_some() && e.item.proxy.is_none());
        if direct {
            support::checked(out, &RULE, lang, "");
        }
        return;
    };
    let short: String = text
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(120)
        .collect();
    let mut finding = RULE.finding("proxy", lang, &[("symptom", short.trim())]);
    finding.confidence = Some(Confidence::Likely);
    finding.evidence.push(evidence);
    finding.fix.push(support::command_fix(
        NO_PROXY,
        lang,
        "export NO_PROXY=\"169.254.169.254,fd00:ec2::254,${NO_PROXY}\" no_proxy=\"169.254.169.254,fd00:ec2::254,${no_proxy}\"".to_owned(),
        FixKind::Current,
    ));
    out.findings.push(finding);
}
