//! `credentials-expired`: credentials whose `Expiration` has passed.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "credentials-expired",
    severity: Severity::Warning,
    sections: &[],
    area: Area::Credentials,
    summary: Text {
        en: "the credentials served are still valid",
        ja: "提供されている認証情報が有効期限内か",
    },
    messages: &[Message {
        key: "expired",
        title: Text {
            en: "credentials for `{role}` expired at `{expiration}`",
            ja: "`{role}` の認証情報は `{expiration}` に期限切れになっている",
        },
        detail: Text {
            en: "The credentials document says `Expiration` `{expiration}`, which is before `{now}` ({source}). IMDS makes new credentials available at least five minutes before the old ones expire, so a document past its expiration means IMDS has stopped refreshing them (the profile or role changed, or EC2 cannot assume the role), or the output is old. Read the document again; if it is still expired, check `iam/info` and the role's trust policy.",
            ja: "認証情報ドキュメントの `Expiration` は `{expiration}` で、`{now}` ({source}) より前です。IMDS は古い認証情報が切れる少なくとも 5 分前に新しい認証情報を用意するので、期限切れのドキュメントは IMDS が更新を止めた (プロファイルやロールが変わった、または EC2 がロールを引き受けられない) か、出力が古いことを意味します。もう一度読み直し、それでも期限切れなら `iam/info` とロールの信頼ポリシーを確認してください。",
        },
    }],
    explanation: Text {
        en: include_str!("credentials_expired.en.md"),
        ja: include_str!("credentials_expired.ja.md"),
    },
    links: &[],
    check,
};

const READ_AGAIN: Text = Text {
    en: "read the credentials again (IMDSv2) and compare `Expiration` with the current time",
    ja: "認証情報を読み直し (IMDSv2)、`Expiration` を現在時刻と比べる",
};

/// `2012-04-26T22:51:48Z`, `2026-11-29T16:56:34.489045+00:00` → `2012-04-26T22:51:48`, a form
/// that compares as text. `None` for anything else (never guess a time).
pub(crate) fn timestamp(text: &str) -> Option<&str> {
    let head = text.trim().get(..19)?;
    let bytes = head.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        10 => *b == b'T' || *b == b' ',
        13 | 16 => *b == b':',
        _ => b.is_ascii_digit(),
    });
    shape_ok.then_some(head)
}

/// Reads the role's credentials again, then prints the time now to compare `Expiration` with.
fn read_again_command(role: &str) -> String {
    format!(
        "TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'); curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/{}; date -u +%Y-%m-%dT%H:%M:%SZ",
        support::shell(role)
    )
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    // The reference "now": the capture time, else the latest time any other output shows.
    let mut latest_seen: Option<(String, &'static str, &'static str)> = None;
    let mut consider = |value: Option<&str>| {
        if let Some(t) = value.and_then(timestamp) {
            if latest_seen.as_ref().is_none_or(|(l, _, _)| t > l.as_str()) {
                latest_seen = Some((
                    t.to_owned(),
                    "the latest time shown in the other outputs",
                    "他の出力に現れる最新の時刻",
                ));
            }
        }
    };
    for info in case.iam_infos() {
        consider(info.item.last_updated.as_ref().map(|l| l.value.as_str()));
    }
    for association in case.associations() {
        consider(
            association
                .item
                .timestamp
                .as_ref()
                .map(|t| t.value.as_str()),
        );
    }
    for credentials in case.credentials() {
        consider(
            credentials
                .item
                .last_updated
                .as_ref()
                .map(|l| l.value.as_str()),
        );
    }
    let now = match case.captured_at.as_deref().and_then(timestamp) {
        Some(t) => Some((t.to_owned(), "the capture time", "取得時刻")),
        None => latest_seen,
    };
    let Some((now, source_en, source_ja)) = now else {
        return;
    };
    for credentials in case.credentials() {
        let Some(expiration) = &credentials.item.expiration else {
            continue;
        };
        let Some(expires) = timestamp(&expiration.value) else {
            continue;
        };
        if expires >= now.as_str() {
            let subject = credentials
                .item
                .role_name
                .as_ref()
                .map_or("", |r| r.value.as_str());
            if case.captured_at.is_some() {
                support::checked(out, &RULE, lang, subject);
            } else {
                // Not expired when IMDS wrote them says nothing about now: a document from 2012
                // is no good news. Only the time of the capture decides.
                let role = if subject.is_empty() {
                    "<role-name>"
                } else {
                    subject
                };
                out.push_next(support::next(
                    RULE.id,
                    read_again_command(role),
                    READ_AGAIN,
                    lang,
                ));
            }
            continue;
        }
        let role = credentials
            .item
            .role_name
            .as_ref()
            .map(|r| r.value.clone())
            .or_else(|| {
                case.listings()
                    .iter()
                    .find_map(|l| l.item.role_names.first().map(|r| r.value.trim().to_owned()))
            })
            .unwrap_or_else(|| "<role-name>".to_owned());
        let source = match lang {
            Lang::En => source_en,
            Lang::Ja => source_ja,
        };
        let mut finding = RULE.finding(
            "expired",
            lang,
            &[
                ("role", &role),
                ("expiration", &expiration.value),
                ("now", &now),
                ("source", source),
            ],
        );
        finding.confidence = Some(if case.captured_at.is_some() {
            Confidence::Certain
        } else {
            Confidence::Likely
        });
        finding.evidence.push(credentials.at.cite(expiration));
        finding.fix.push(support::command_fix(
            READ_AGAIN,
            lang,
            read_again_command(&role),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }
}

#[cfg(test)]
mod tests {
    use super::timestamp;

    #[test]
    fn timestamps_compare_as_text() {
        assert_eq!(
            timestamp("2012-04-26T22:51:48Z"),
            Some("2012-04-26T22:51:48")
        );
        assert_eq!(
            timestamp("2026-11-29T16:56:34.489045+00:00"),
            Some("2026-11-29T16:56:34")
        );
        assert_eq!(timestamp("yesterday"), None);
        assert_eq!(timestamp("2012-04-26"), None);
    }
}
