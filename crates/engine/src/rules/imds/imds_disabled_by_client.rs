//! `imds-disabled-by-client`: the client is told not to use IMDS, or to use another endpoint.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::facts::{ClientSays, ConfigSetting};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "imds-disabled-by-client",
    severity: Severity::Error,
    sections: &[],
    area: Area::Imds,
    summary: Text {
        en: "the client is allowed to use IMDS",
        ja: "クライアントが IMDS を使える設定か",
    },
    messages: &[
        Message {
            key: "disabled",
            title: Text {
                en: "the client is told not to use IMDS (`{setting}`)",
                ja: "クライアントが IMDS を使わないよう設定されている (`{setting}`)",
            },
            detail: Text {
                en: "`{setting}` turns the SDK's instance metadata client off: the AWS CLI, boto3, the Go, Java, JavaScript and Rust SDKs then skip IMDS in their credential chain and never ask for the instance profile's credentials, however healthy IMDS and the role are. Without another source they fail with \"Unable to locate credentials\" or \"no EC2 IMDS role found\".",
                ja: "`{setting}` は SDK のインスタンスメタデータクライアントを無効にします。AWS CLI、boto3、Go・Java・JavaScript・Rust の SDK は認証情報チェーンで IMDS を飛ばし、IMDS とロールが正常でもインスタンスプロファイルの認証情報を要求しません。他の取得元がなければ \"Unable to locate credentials\" や \"no EC2 IMDS role found\" で失敗します。",
            },
        },
        Message {
            key: "endpoint",
            title: Text {
                en: "the client asks `{endpoint}` for instance metadata instead of IMDS",
                ja: "クライアントが IMDS ではなく `{endpoint}` にインスタンスメタデータを要求している",
            },
            detail: Text {
                en: "`{setting}` sends the SDK's metadata requests to `{endpoint}`. IMDS answers only at `http://169.254.169.254` (or `http://[fd00:ec2::254]` on IPv6 with `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6`); another address answers with something else or not at all, so the instance profile's credentials are never fetched.",
                ja: "`{setting}` により SDK のメタデータ要求は `{endpoint}` に送られます。IMDS が応答するのは `http://169.254.169.254` (IPv6 で `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6` のときは `http://[fd00:ec2::254]`) だけなので、別のアドレスは別の応答を返すか応答せず、インスタンスプロファイルの認証情報は取得されません。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("imds_disabled_by_client.en.md"),
        ja: include_str!("imds_disabled_by_client.ja.md"),
    },
    links: &[],
    check,
};

const UNSET: Text = Text {
    en: "remove the setting from the program's environment (shell profile, systemd unit, container definition), then restart the program",
    ja: "プログラムの環境 (シェルのプロファイル、systemd ユニット、コンテナ定義) から設定を外し、プログラムを再起動する",
};
const FIND: Text = Text {
    en: "find where the variable is set",
    ja: "変数がどこで設定されているかを探す",
};

/// The addresses IMDS answers at (IPv4 and IPv6), as hosts of an endpoint URL.
fn is_imds_endpoint(url: &str) -> bool {
    let rest = url
        .trim()
        .split_once("://")
        .map_or(url.trim(), |(_, rest)| rest);
    let host = rest.split('/').next().unwrap_or_default();
    let host = match host.rsplit_once(':') {
        Some((name, port))
            if !name.ends_with(':')
                && port.bytes().all(|b| b.is_ascii_digit())
                && !host.ends_with(']') =>
        {
            name
        }
        _ => host,
    };
    let host = host
        .split(']')
        .next()
        .unwrap_or(host)
        .trim_start_matches('[');
    host == "169.254.169.254" || host.eq_ignore_ascii_case("fd00:ec2::254")
}

fn setting_text(setting: &ConfigSetting) -> String {
    format!("{}={}", setting.name.value, setting.value.value)
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let configs = case.client_configs();
    let mut fired = false;
    for config in &configs {
        let disabled = config.item.variables.iter().find(|v| {
            v.name
                .value
                .eq_ignore_ascii_case("AWS_EC2_METADATA_DISABLED")
                && v.value.value.trim().eq_ignore_ascii_case("true")
        });
        let said = config
            .item
            .client_lines
            .iter()
            .find(|line| line.says == ClientSays::ImdsDisabled);
        if let Some(variable) = disabled {
            let setting = setting_text(variable);
            let mut finding = RULE.finding("disabled", lang, &[("setting", &setting)]);
            finding.confidence = Some(Confidence::Certain);
            finding.evidence.push(config.at.cite(&variable.name));
            finding.evidence.push(config.at.cite(&variable.value));
            finding.fix.push(support::command_fix(
                UNSET,
                lang,
                "unset AWS_EC2_METADATA_DISABLED".to_owned(),
                FixKind::Current,
            ));
            out.push_next(support::next(
                RULE.id,
                "grep -rs AWS_EC2_METADATA_DISABLED /etc/environment /etc/systemd/system ~/.bashrc ~/.profile".to_owned(),
                FIND,
                lang,
            ));
            out.findings.push(finding);
            fired = true;
        } else if let Some(line) = said {
            let mut finding = RULE.finding(
                "disabled",
                lang,
                &[("setting", "AWS_EC2_METADATA_DISABLED")],
            );
            finding.confidence = Some(Confidence::Likely);
            finding.evidence.push(config.at.cite(&line.evidence));
            finding.fix.push(support::command_fix(
                UNSET,
                lang,
                "unset AWS_EC2_METADATA_DISABLED".to_owned(),
                FixKind::Current,
            ));
            out.push_next(support::next(
                RULE.id,
                "env | grep '^AWS_EC2_METADATA'".to_owned(),
                FIND,
                lang,
            ));
            out.findings.push(finding);
            fired = true;
        }
        let profile_endpoints = config
            .item
            .profiles
            .iter()
            .flat_map(|p| p.settings.iter())
            .filter(|s| s.name.value == "ec2_metadata_service_endpoint");
        let endpoint = config
            .item
            .variables
            .iter()
            .filter(|v| {
                v.name
                    .value
                    .eq_ignore_ascii_case("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            })
            .chain(profile_endpoints)
            .find(|s| {
                let value = s.value.value.trim();
                // A masked value (`<redacted>`, `****`) says nothing about where it points.
                let masked = value.starts_with('<') || value.starts_with('*');
                !value.is_empty() && !masked && !is_imds_endpoint(value)
            });
        if let Some(endpoint) = endpoint {
            let setting = setting_text(endpoint);
            let mut finding = RULE.finding(
                "endpoint",
                lang,
                &[("setting", &setting), ("endpoint", &endpoint.value.value)],
            );
            // A test double or a relay may be meant; the address is not IMDS all the same.
            finding.confidence = Some(Confidence::Likely);
            finding.evidence.push(config.at.cite(&endpoint.name));
            finding.evidence.push(config.at.cite(&endpoint.value));
            let unset = if endpoint.name.value.starts_with("AWS_") {
                format!("unset {}", endpoint.name.value)
            } else {
                "aws configure set ec2_metadata_service_endpoint http://169.254.169.254".to_owned()
            };
            finding
                .fix
                .push(support::command_fix(UNSET, lang, unset, FixKind::Current));
            out.findings.push(finding);
            fired = true;
        }
    }
    if !fired && configs.iter().any(|c| !c.item.variables.is_empty()) {
        support::checked(out, &RULE, lang, "");
    }
}

#[cfg(test)]
mod tests {
    use super::is_imds_endpoint;

    #[test]
    fn imds_endpoints_are_told_from_others() {
        assert!(is_imds_endpoint("http://169.254.169.254"));
        assert!(is_imds_endpoint("http://169.254.169.254:80/"));
        assert!(is_imds_endpoint("http://[fd00:ec2::254]"));
        assert!(is_imds_endpoint("http://[fd00:ec2::254]:80"));
        assert!(!is_imds_endpoint("http://127.0.0.1:1338"));
        assert!(!is_imds_endpoint("http://169.254.170.2"));
    }
}
