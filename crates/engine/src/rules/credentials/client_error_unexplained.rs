//! `client-error-unexplained`: a client's error was read, but nothing pasted decides its cause.
//!
//! It runs after every other rule (see `rules::diagnose`): when no other finding says what is
//! wrong (no `error`, `warning` or `check`), an error message, an SDK log line or a text about
//! instance credentials that no row of the vocabulary explains must not end as "nothing
//! wrong". It names what was read and what was not, and gives the commands whose output decides.

use crate::finding::{Diagnosis, FixKind, Severity};
use crate::input::facts::SdkErrorClass;
use crate::input::InputKind;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "client-error-unexplained",
    severity: Severity::Check,
    sections: &[],
    area: Area::Credentials,
    summary: Text {
        en: "every client error pasted is explained by a cause",
        ja: "貼り付けたクライアントのエラーがどれも原因で説明できるか",
    },
    messages: &[
        Message {
            key: "unexplained",
            title: Text {
                en: "Not understood: `{line}`",
                ja: "読み取れなかった: `{line}`",
            },
            detail: Text {
                en: "This text is about instance credentials, IMDS or an access denial, but no message this tool knows (from the SDKs', agents' and tools' own source) says what happened. It is not a sign that nothing is wrong. Paste the whole error, with the lines before and after it, or run the commands below on the instance and paste their output.",
                ja: "このテキストはインスタンスの認証情報、IMDS、またはアクセス拒否に関するものですが、このツールが知っているメッセージ (SDK、エージェント、ツールのソースから集めたもの) のどれにも当てはまらず、何が起きたのかが分かりません。問題がないという意味ではありません。前後の行も含めてエラー全体を貼り付けるか、インスタンス上で下のコマンドを実行してその出力を貼り付けてください。",
            },
        },
        Message {
            key: "inconclusive",
            title: Text {
                en: "`{line}` says getting credentials failed, not why",
                ja: "`{line}` は認証情報の取得に失敗したことを示すだけで、理由は示していない",
            },
            detail: Text {
                en: "The client's message ({symptom}) only says that it found no credentials or that a request to IMDS failed. The cause is in a line the paste does not show (a status code, a timeout, a refused connection) or in IMDS's own answer. Run the commands below on the instance and paste their output.",
                ja: "クライアントのメッセージ ({symptom}) は、認証情報が見つからなかったこと、または IMDS へのリクエストが失敗したことを示すだけです。原因は貼り付けに含まれていない行 (ステータスコード、タイムアウト、接続拒否) か、IMDS 自身の応答にあります。インスタンス上で下のコマンドを実行し、その出力を貼り付けてください。",
            },
        },
        Message {
            key: "undecided",
            title: Text {
                en: "Read `{line}`, but nothing pasted decides what to fix",
                ja: "`{line}` を読み取ったが、貼り付けた内容だけでは何を直すべきか決められない",
            },
            detail: Text {
                en: "The message was read ({symptom}), but no check of this tool concludes from it alone, and it does not show that the instance's credentials work. Run the commands below and paste their output with it.",
                ja: "メッセージは読み取れました ({symptom}) が、それだけで結論を出せるチェックはなく、インスタンスの認証情報が機能していることも示していません。下のコマンドを実行し、その出力を一緒に貼り付けてください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("client_error_unexplained.en.md"),
        ja: include_str!("client_error_unexplained.ja.md"),
    },
    links: &[],
    check,
};

const ASK_IMDS: Text = Text {
    en: "ask IMDS for the instance profile with an IMDSv2 token, and show the HTTP status",
    ja: "IMDSv2 のトークンを付けて IMDS にインスタンスプロファイルを問い合わせ、HTTP ステータスを表示する",
};
const WHO_AM_I: Text = Text {
    en: "see where the CLI takes credentials from, and whose they are",
    ja: "CLI がどこから認証情報を得ているか、それが誰のものかを確かめる",
};
const INSTANCE: Text = Text {
    en: "see the instance's profile and metadata options",
    ja: "インスタンスのプロファイルとメタデータのオプションを確かめる",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let decided = out.findings.iter().any(|f| {
        matches!(
            f.severity,
            Severity::Error | Severity::Warning | Severity::Check
        )
    });
    if decided {
        return;
    }
    let symptoms = case.sdk_errors();
    // The least explained first: what was not understood, then what only says "failed".
    let pick = symptoms
        .iter()
        .find(|e| e.item.class == SdkErrorClass::Unexplained)
        .map(|e| ("unexplained", *e))
        .or_else(|| {
            symptoms
                .iter()
                .find(|e| !e.item.class.is_conclusive())
                .map(|e| ("inconclusive", *e))
        })
        .or_else(|| symptoms.first().map(|e| ("undecided", *e)));
    let mut finding = match pick {
        Some((key, symptom)) => {
            let line = short(&symptom.item.evidence.value);
            let mut finding = RULE.finding(
                key,
                lang,
                &[("line", &line), ("symptom", symptom.item.class.id())],
            );
            finding
                .evidence
                .push(symptom.at.cite(&symptom.item.evidence));
            finding
        }
        None => {
            // An AWS error message no rule concluded from (an expired token, a throttled call).
            let Some(error) = case.aws_errors().into_iter().next() else {
                return;
            };
            let code = error
                .item
                .code
                .as_ref()
                .map_or_else(|| InputKind::AwsError.id().to_owned(), |c| c.value.clone());
            let line = short(error.item.span.slice(error.at.paste));
            let mut finding =
                RULE.finding("undecided", lang, &[("line", &line), ("symptom", &code)]);
            finding
                .evidence
                .push(error.at.evidence(error.item.span, None));
            finding
        }
    };
    finding.fix.push(support::command_fix(
        ASK_IMDS,
        lang,
        "TOKEN=$(curl -s -m 2 -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 60'); curl -s -m 2 -w '\\nHTTP %{http_code}\\n' -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info".to_owned(),
        FixKind::Current,
    ));
    finding.fix.push(support::command_fix(
        WHO_AM_I,
        lang,
        "aws configure list; aws sts get-caller-identity".to_owned(),
        FixKind::Current,
    ));
    let instance = support::one_instance_id(case);
    finding.fix.push(support::command_fix(
        INSTANCE,
        lang,
        format!(
            "aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].[IamInstanceProfile,MetadataOptions]'",
            shell(&instance)
        ),
        FixKind::Current,
    ));
    out.findings.push(finding);
}

/// The first line of a message, cut to a title's length.
fn short(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default().trim();
    let mut cut: String = line.chars().take(100).collect();
    if cut.len() < line.len() {
        cut.push('…');
    }
    // A backtick inside would end the title's code span.
    cut.replace('`', "'")
}
