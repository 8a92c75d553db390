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
    messages: &[
    Message {
        key: "proxy-setting",
        title: Text {
            en: "`{variable}` sends IMDS requests to a proxy: `NO_PROXY` does not exclude `169.254.169.254`",
            ja: "`{variable}` により IMDS へのリクエストがプロキシに送られる: `NO_PROXY` が `169.254.169.254` を除外していない",
        },
        detail: Text {
            en: "The client's environment sets `{variable}` and its `NO_PROXY`/`no_proxy` ({no_proxy}) does not name `169.254.169.254`. botocore and the Go SDK send plain-HTTP requests through that proxy, IMDS's included; the proxy cannot reach the instance's link-local IMDS and answers with its own error, or with the metadata of the proxy's own host.",
            ja: "クライアントの環境が `{variable}` を設定しており、`NO_PROXY`/`no_proxy` ({no_proxy}) に `169.254.169.254` がありません。botocore と Go SDK は平文 HTTP のリクエストを IMDS へのものも含めてこのプロキシに送ります。プロキシはインスタンスのリンクローカルな IMDS に届かず、独自のエラーか、プロキシ自身のホストのメタデータを返します。",
        },
    },
    Message {
        key: "proxy",
        title: Text {
            en: "requests to IMDS went through an HTTP proxy",
            ja: "IMDS へのリクエストが HTTP プロキシを経由している",
        },
        detail: Text {
            en: "The answer came from a proxy, not from IMDS (`{symptom}`). IMDS is link-local: only the instance itself can reach it, and a proxy answers with its own error (often 403) or forwards the request where it makes no sense. Exclude `169.254.169.254` from proxying with `NO_PROXY` (SDKs read `NO_PROXY` or `no_proxy`; set both).",
            ja: "応答は IMDS ではなくプロキシから来ています (`{symptom}`)。IMDS はリンクローカルでインスタンス自身からしか届かず、プロキシは独自のエラー (多くは 403) を返すか、意味のない転送をします。`NO_PROXY` で `169.254.169.254` をプロキシの対象外にしてください (SDK は `NO_PROXY` か `no_proxy` を読むので両方設定します)。",
        },
    },
    ],
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

/// A proxy variable for plain HTTP that `NO_PROXY` does not exempt IMDS from: a finding, and
/// `true`. SDKs read the lowercase name first (Python's `getproxies`), then the uppercase one.
fn proxy_setting(case: &Case, lang: Lang, out: &mut Diagnosis) -> bool {
    for config in case.client_configs() {
        let variables = &config.item.variables;
        let get = |name: &str| {
            variables
                .iter()
                .find(|v| v.name.value == name && !v.value.value.trim().is_empty())
        };
        let Some(proxy) = get("http_proxy")
            .or_else(|| get("HTTP_PROXY"))
            .or_else(|| get("all_proxy"))
            .or_else(|| get("ALL_PROXY"))
        else {
            continue;
        };
        let no_proxy = get("no_proxy").or_else(|| get("NO_PROXY"));
        if no_proxy
            .is_some_and(|v| crate::input::no_proxy_covers(&v.value.value, "169.254.169.254"))
        {
            continue;
        }
        let no_proxy_text = no_proxy.map_or_else(
            || match lang {
                Lang::En => "not set".to_owned(),
                Lang::Ja => "未設定".to_owned(),
            },
            |v| format!("`{}`", v.value.value),
        );
        let mut finding = RULE.finding(
            "proxy-setting",
            lang,
            &[
                ("variable", &proxy.name.value),
                ("no_proxy", &no_proxy_text),
            ],
        );
        finding.confidence = Some(Confidence::Likely);
        finding.evidence.push(config.at.cite(&proxy.name));
        if let Some(no_proxy) = no_proxy {
            finding.evidence.push(config.at.cite(&no_proxy.name));
        }
        finding.fix.push(support::command_fix(
            NO_PROXY,
            lang,
            "export NO_PROXY=\"169.254.169.254,fd00:ec2::254,${NO_PROXY}\" no_proxy=\"169.254.169.254,fd00:ec2::254,${no_proxy}\"".to_owned(),
            FixKind::Current,
        ));
        out.findings.push(finding);
        return true;
    }
    false
}

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
            case.sdk_errors()
                .into_iter()
                .find(|e| e.item.class == SdkErrorClass::ProxyInTheWay)
                .map(|e| (e.at.cite(&e.item.evidence), e.item.evidence.value.clone()))
        });
    let Some((evidence, text)) = symptom else {
        if proxy_setting(case, lang, out) {
            return;
        }
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
