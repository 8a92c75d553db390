//! `imds-endpoint-disabled`: the instance's metadata endpoint is turned off.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-endpoint-disabled",
    severity: Severity::Error,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "the instance metadata endpoint is enabled",
        ja: "インスタンスメタデータのエンドポイントが有効か",
    },
    messages: &[
        Message {
            key: "disabled",
            title: Text {
                en: "IMDS is turned off on `{instance}` (`HttpEndpoint` is `disabled`)",
                ja: "`{instance}` の IMDS が無効になっている (`HttpEndpoint` が `disabled`)",
            },
            detail: Text {
                en: "The metadata options of `{instance}` say `HttpEndpoint: disabled`. With the endpoint off, IMDS answers nothing useful (403 on the token request) and no program on the instance can get role credentials, whatever the instance profile.",
                ja: "`{instance}` のメタデータオプションが `HttpEndpoint: disabled` になっています。エンドポイントが無効だと IMDS は実質的に応答せず (トークン要求に 403)、インスタンスプロファイルに関係なく、インスタンス上のどのプログラムもロールの認証情報を得られません。",
            },
        },
        Message {
            key: "forbidden",
            title: Text {
                en: "IMDS answers `403 Forbidden`: the metadata endpoint is disabled, or a proxy answered",
                ja: "IMDS が `403 Forbidden` を返している: メタデータエンドポイントが無効か、プロキシが応答している",
            },
            detail: Text {
                en: "IMDS answered 403. IMDS gives 403 when the instance's `HttpEndpoint` is `disabled` (and for a token `PUT` to a version-specific path); an HTTP proxy that receives the request answers 403 too. The paste does not tell which: check the instance's metadata options and the program's proxy settings.",
                ja: "IMDS が 403 を返しました。IMDS はインスタンスの `HttpEndpoint` が `disabled` のとき (およびバージョン付きパスへのトークン `PUT` のとき) に 403 を返しますが、リクエストを受け取った HTTP プロキシも 403 を返します。貼り付けた内容からはどちらか分からないので、インスタンスのメタデータオプションとプログラムのプロキシ設定を確認してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("imds_endpoint_disabled.en.md"),
        ja: include_str!("imds_endpoint_disabled.ja.md"),
    },
    links: &[],
    check,
};

const ENABLE: Text = Text {
    en: "turn the metadata endpoint on (keeping tokens required)",
    ja: "メタデータエンドポイントを有効にする (トークン必須は維持)",
};
const SHOW: Text = Text {
    en: "show the instance's metadata options",
    ja: "インスタンスのメタデータオプションを表示する",
};

const PROXY_ENV: Text = Text {
    en: "see whether the program's environment sends IMDS requests to a proxy",
    ja: "プログラムの環境が IMDS へのリクエストをプロキシに送っていないか確認する",
};

fn enable(instance: &str) -> String {
    format!(
        "aws ec2 modify-instance-metadata-options --instance-id {} --http-endpoint enabled --http-tokens required",
        shell(instance)
    )
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut fired = false;
    for (found, options) in case.metadata_options() {
        let Some(endpoint) = &options.http_endpoint else {
            continue;
        };
        if endpoint.value != "disabled" {
            let subject = found.item.id.as_ref().map_or("", |i| i.value.as_str());
            support::checked(out, &RULE, lang, subject);
            continue;
        }
        let instance = found
            .item
            .id
            .as_ref()
            .map(|i| i.value.clone())
            .unwrap_or_else(|| support::one_instance_id(case));
        let mut finding = RULE.finding("disabled", lang, &[("instance", &instance)]);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(found.at.cite(endpoint));
        finding.fix.push(support::command_fix(
            ENABLE,
            lang,
            enable(&instance),
            FixKind::Current,
        ));
        out.findings.push(finding);
        fired = true;
    }
    if fired {
        return;
    }
    let proxy_seen = case.exchanges().iter().any(|e| e.item.proxy.is_some())
        || case
            .sdk_errors()
            .iter()
            .any(|e| e.item.class == SdkErrorClass::ProxyInTheWay);
    if proxy_seen {
        return;
    }
    let forbidden = case
        .exchanges()
        .into_iter()
        .find_map(|e| {
            let status = e.item.status.as_ref()?;
            (status.value == 403).then(|| e.at.cite(status))
        })
        .or_else(|| {
            case.sdk_errors()
                .into_iter()
                .find(|e| e.item.class == SdkErrorClass::Imds403)
                .map(|e| e.at.cite(&e.item.evidence))
        });
    let Some(evidence) = forbidden else { return };
    let instance = support::one_instance_id(case);
    let mut finding = RULE.finding("forbidden", lang, &[]);
    finding.confidence = Some(Confidence::Possible);
    out.push_next(support::next(
        crate::rules::imds::imds_via_proxy::RULE.id,
        "env | grep -i _proxy".to_owned(),
        PROXY_ENV,
        lang,
    ));
    finding.evidence.push(evidence);
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
        ENABLE,
        lang,
        enable(&instance),
        FixKind::Current,
    ));
    out.push_next(support::next(RULE.id, show, SHOW, lang));
    out.findings.push(finding);
}
