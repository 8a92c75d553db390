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
    messages: &[
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
        // Removed from a link: the message is the sender's, the command names where it goes.
        let message = if removed {
            shell("<encoded-message>")
        } else {
            shell(encoded.value.trim())
        };
        let command = format!(
            "aws sts decode-authorization-message --encoded-message {message} --query DecodedMessage --output text"
        );
        let mut finding = RULE.finding(if removed { "removed" } else { "encoded" }, lang, &[]);
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
