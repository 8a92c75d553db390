//! `authorization-message-encoded`: an encoded authorization failure message was pasted.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::input::secrets;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "authorization-message-encoded",
    severity: Severity::Info,
    sections: &[],
    area: Area::Permissions,
    summary: Text {
        en: "encoded authorization messages are decoded",
        ja: "エンコードされた認可メッセージをデコードしたか",
    },
    messages: &[Message {
        key: "elided",
        title: Text {
            en: "the error carries an encoded authorization message, but the paste cuts it (`{marker}`)",
            ja: "エラーにエンコードされた認可メッセージがあるが、貼り付けでは途中が省略されている (`{marker}`)",
        },
        detail: Text {
            en: "The encoded message was shortened where it was copied (`{marker}`), and a shortened message cannot be decoded. Copy the whole message from the original error and decode it with `aws sts decode-authorization-message`: the decoded JSON names the denied action (often `iam:PassRole`, not `ec2:RunInstances`), the resource and the matched statements. Paste the decoded output here to continue.",
            ja: "エンコードされたメッセージはコピーの際に省略されています (`{marker}`)。省略されたメッセージはデコードできません。元のエラーからメッセージ全体をコピーし、`aws sts decode-authorization-message` でデコードしてください。デコードした JSON には、拒否されたアクション (`ec2:RunInstances` ではなく `iam:PassRole` のことが多い)、リソース、一致したステートメントが示されます。デコード結果をここに貼り付けると診断を続けられます。",
        },
    },
    Message {
        key: "encoded",
        title: Text {
            en: "the error carries an encoded authorization message: decode it to see why",
            ja: "エラーにエンコードされた認可メッセージがある: デコードすると理由が分かる",
        },
        detail: Text {
            en: "EC2 hides the reason for the denial in an encoded message. `aws sts decode-authorization-message` turns it into JSON that names the denied action (often `iam:PassRole`, not `ec2:RunInstances`), the resource, the matched statements and the request's condition keys. The caller needs `sts:DecodeAuthorizationMessage` to decode it. Paste the decoded output here to continue.",
            ja: "EC2 は拒否の理由をエンコードしたメッセージに入れています。`aws sts decode-authorization-message` で JSON に戻すと、拒否されたアクション (`ec2:RunInstances` ではなく `iam:PassRole` のことが多い)、リソース、一致したステートメント、リクエストの条件キーが分かります。デコードには `sts:DecodeAuthorizationMessage` の権限が必要です。デコード結果をここに貼り付けると診断を続けられます。",
        },
    },
        Message {
            key: "removed",
            title: Text {
                en: "the error carried an encoded authorization message, removed from this link: decode it from the original error",
                ja: "エラーにはエンコードされた認可メッセージがあったが、このリンクからは削除されている: 元のエラーからデコードする",
            },
            detail: Text {
                en: "The sender's error held an encoded authorization message; share links leave it out unless the sender chooses to include it, since it names the caller's policies. Whoever has the original error can decode it with `aws sts decode-authorization-message` (it needs `sts:DecodeAuthorizationMessage`) and paste the decoded output here to continue.",
                ja: "送信者のエラーにはエンコードされた認可メッセージがありました。呼び出し元のポリシーが分かるため、送信者が含めると選ばない限り共有リンクには入りません。元のエラーを持つ人が `aws sts decode-authorization-message` (`sts:DecodeAuthorizationMessage` が必要) でデコードし、結果をここに貼り付けると診断を続けられます。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("authorization_message_encoded.en.md"),
        ja: include_str!("authorization_message_encoded.ja.md"),
    },
    links: &[],
    check,
};

/// How people shorten a long message when they paste it.
const ELISIONS: &[&str] = &[
    "<中略>",
    "(中略)",
    "中略",
    "...",
    "…",
    "<snip>",
    "(snip)",
    "[...]",
    "<truncated>",
];

const DECODE: Text = Text {
    en: "decode the message (needs `sts:DecodeAuthorizationMessage`)",
    ja: "メッセージをデコードする (`sts:DecodeAuthorizationMessage` が必要)",
};
const PASTE: Text = Text {
    en: "decode the message and paste the output here",
    ja: "メッセージをデコードし、結果をここに貼り付ける",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let decoded_already = !case.authorization_messages().is_empty();
    for error in case.aws_errors() {
        let Some(encoded) = &error.item.encoded_message else {
            continue;
        };
        let removed = secrets::is_stand_in(&encoded.value);
        // Cut by whoever pasted it: `<中略>`, `...`, `…`, `(snip)` right after the blob.
        let after = error
            .at
            .paste
            .get(encoded.span.end..)
            .unwrap_or_default()
            .trim_start();
        let marker = ELISIONS.iter().find(|m| after.starts_with(**m));
        // Removed from a link, or shortened: the command names where the message goes.
        let blob = if removed {
            "<encoded-message>".to_owned()
        } else if marker.is_some() {
            "<whole-encoded-message>".to_owned()
        } else {
            encoded.value.trim().to_owned()
        };
        let command = format!(
            "aws sts decode-authorization-message --encoded-message {} --query DecodedMessage --output text",
            shell(&blob)
        );
        let mut finding = match marker {
            _ if removed => RULE.finding("removed", lang, &[]),
            Some(marker) => RULE.finding("elided", lang, &[("marker", marker)]),
            None => RULE.finding("encoded", lang, &[]),
        };
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(error.at.cite(encoded));
        finding.fix.push(support::command_fix(
            DECODE,
            lang,
            command.clone(),
            FixKind::Current,
        ));
        if !decoded_already {
            out.push_next(support::next(RULE.id, command, PASTE, lang));
        }
        out.findings.push(finding);
    }
}
