//! `clock-skew`: requests fail, or will, because the instance's clock is off.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::facts::AwsError;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Link, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "clock-skew",
    severity: Severity::Error,
    sections: &[],
    area: Area::Credentials,
    summary: Text {
        en: "the instance's clock is close enough to AWS's for signed requests",
        ja: "インスタンスの時計が署名付きリクエストに足りるほど AWS と合っているか",
    },
    messages: &[
        Message {
            key: "rejected",
            title: Text {
                en: "AWS rejects the request's time: the instance's clock is off (`{code}`)",
                ja: "AWS がリクエストの時刻を拒否している: インスタンスの時計がずれている (`{code}`)",
            },
            detail: Text {
                en: "`{code}`: the time in the request's signature is too far from AWS's clock. Signature Version 4 requests must reach AWS within five minutes of their timestamp (STS and S3 allow fifteen), so a skewed clock makes every call fail whatever the credentials and policies. Set the clock right with NTP (on EC2, the Amazon Time Sync Service at `169.254.169.123`).",
                ja: "`{code}`: リクエストの署名に含まれる時刻が AWS の時計から離れすぎています。署名バージョン 4 のリクエストはタイムスタンプから 5 分以内 (STS と S3 は 15 分) に AWS に届く必要があるため、時計がずれていると認証情報やポリシーに関係なくすべての呼び出しが失敗します。NTP (EC2 では `169.254.169.123` の Amazon Time Sync Service) で時計を合わせてください。",
            },
        },
        Message {
            key: "date-header",
            title: Text {
                en: "the instance's clock is {minutes} minutes {direction} IMDS's",
                ja: "インスタンスの時計が IMDS より {minutes} 分{direction}",
            },
            detail: Text {
                en: "The local clock read `{local}` while IMDS's answer carried `Date: {remote}`. Signature Version 4 requests must reach AWS within five minutes of their timestamp (STS and S3 allow fifteen), so with this skew AWS rejects the calls (`SignatureDoesNotMatch: Signature expired`, `RequestTimeTooSkewed`), and SDKs refresh instance credentials at the wrong time. Set the clock right with NTP (on EC2, the Amazon Time Sync Service at `169.254.169.123`).",
                ja: "ローカルの時計は `{local}` でしたが、IMDS の応答は `Date: {remote}` でした。署名バージョン 4 のリクエストはタイムスタンプから 5 分以内 (STS と S3 は 15 分) に AWS に届く必要があるため、このずれでは AWS が呼び出しを拒否し (`SignatureDoesNotMatch: Signature expired`、`RequestTimeTooSkewed`)、SDK はインスタンスの認証情報を誤った時刻に更新します。NTP (EC2 では `169.254.169.123` の Amazon Time Sync Service) で時計を合わせてください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("clock_skew.en.md"),
        ja: include_str!("clock_skew.ja.md"),
    },
    links: &[Link {
        title: Text {
            en: "Set the time for your EC2 instance",
            ja: "EC2 インスタンスの時刻を設定する",
        },
        url: Text {
            en: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/set-time.html",
            ja: "https://docs.aws.amazon.com/ja_jp/AWSEC2/latest/UserGuide/set-time.html",
        },
    }],
    check,
};

const SYNC: Text = Text {
    en: "check that the clock is synchronised (chrony, the default on Amazon Linux, uses the Amazon Time Sync Service)",
    ja: "時計が同期しているか確認する (Amazon Linux の既定の chrony は Amazon Time Sync Service を使う)",
};

/// The skew beyond which Signature Version 4 requests are refused (five minutes).
const LIMIT_SECONDS: i64 = 5 * 60;

/// Error codes and message phrases of a request refused for its time. Sources: the S3 error
/// code list (`RequestTimeTooSkewed`), EC2's common client errors (`RequestExpired`), and the
/// SigV4 messages of the Query and JSON services ("Signature expired: … is now earlier than …",
/// "Signature not yet current: … is still later than …").
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
];
const SKEW_PHRASES: &[&str] = &[
    "Signature expired",
    "Signature not yet current",
    "Request has expired",
    "RequestTimeTooSkewed",
];

fn is_skew_error(error: &AwsError) -> bool {
    error
        .code
        .as_ref()
        .is_some_and(|code| SKEW_CODES.contains(&code.value.as_str()))
        || error.message.as_ref().is_some_and(|message| {
            SKEW_PHRASES
                .iter()
                .any(|phrase| support::contains_ci(&message.value, phrase))
        })
}

fn sync_fix(lang: Lang) -> crate::finding::Fix {
    support::command_fix(SYNC, lang, "chronyc tracking".to_owned(), FixKind::Current)
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    if let Some(error) = case
        .aws_errors()
        .into_iter()
        .find(|e| is_skew_error(e.item))
    {
        let code = error
            .item
            .code
            .as_ref()
            .map_or("Signature expired", |c| c.value.as_str());
        let mut finding = RULE.finding("rejected", lang, &[("code", code)]);
        finding.confidence = Some(Confidence::Certain);
        match (&error.item.code, &error.item.message) {
            (Some(code), Some(message)) => {
                finding.evidence.push(error.at.cite(code));
                finding.evidence.push(error.at.cite(message));
            }
            (Some(code), None) => finding.evidence.push(error.at.cite(code)),
            (None, Some(message)) => finding.evidence.push(error.at.cite(message)),
            (None, None) => finding
                .evidence
                .push(error.at.evidence(error.item.span, None)),
        }
        finding.fix.push(sync_fix(lang));
        out.findings.push(finding);
        return;
    }
    // The local clock and IMDS's `Date` header, read in one session (one paste).
    let exchanges = case.exchanges();
    for config in case.client_configs() {
        let Some(local) = &config.item.local_time else {
            continue;
        };
        let Some(local_seconds) = crate::clock::parse(&local.value) else {
            continue;
        };
        let remote = exchanges.iter().find_map(|e| {
            let date = e.item.date.as_ref()?;
            let seconds = crate::clock::parse(&date.value)?;
            std::ptr::eq(e.at.paste, config.at.paste).then_some((e, date, seconds))
        });
        let Some((exchange, date, remote_seconds)) = remote else {
            continue;
        };
        let skew = local_seconds - remote_seconds;
        if skew.abs() <= LIMIT_SECONDS {
            support::checked(out, &RULE, lang, "");
            continue;
        }
        let minutes = (skew.abs() + 30) / 60;
        let direction = match (skew > 0, lang) {
            (true, Lang::En) => "ahead of",
            (false, Lang::En) => "behind",
            (true, Lang::Ja) => "進んでいる",
            (false, Lang::Ja) => "遅れている",
        };
        let minutes = minutes.to_string();
        let mut finding = RULE.finding(
            "date-header",
            lang,
            &[
                ("minutes", &minutes),
                ("direction", direction),
                ("local", &local.value),
                ("remote", &date.value),
            ],
        );
        finding.confidence = Some(Confidence::Likely);
        finding.evidence.push(config.at.cite(local));
        finding.evidence.push(exchange.at.cite(date));
        finding.fix.push(sync_fix(lang));
        out.findings.push(finding);
        return;
    }
}
