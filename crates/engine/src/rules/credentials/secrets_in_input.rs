//! `secrets-in-input`: live credentials were pasted. They are masked in every output and never
//! shared; the finding says so and tells how to make them useless.

use crate::finding::{Confidence, Diagnosis, Evidence, FixKind, Severity};
use crate::input::{secrets, SecretKind};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "secrets-in-input",
    severity: Severity::Warning,
    sections: &[],
    area: Area::Credentials,
    summary: Text {
        en: "no live credentials in the pasted text",
        ja: "貼り付けたテキストに有効な認証情報が含まれていないか",
    },
    messages: &[
        Message {
            key: "secrets",
            title: Text {
                en: "the paste holds {count} credential {value|values}; they are masked and never shared",
                ja: "貼り付けに認証情報が {count} 件含まれている: マスクされ、共有されることはない",
            },
            detail: Text {
                en: "The pasted text contains credentials ({kinds}). They are masked wherever this diagnosis is shown and are replaced by stand-ins such as `<removed: secret access key>` in share links and exports. They may still be valid: treat them as exposed if the text was stored or sent anywhere else.",
                ja: "貼り付けたテキストに認証情報 ({kinds}) が含まれています。この診断の表示ではすべてマスクされ、共有リンクやエクスポートでは `<removed: secret access key>` のような代替文字列に置き換えられます。まだ有効な可能性があるので、テキストを他の場所に保存または送信した場合は漏えいしたものとして扱ってください。",
            },
        },
        Message {
            key: "removed",
            title: Text {
                en: "credentials were removed from this link ({count} {value|values})",
                ja: "このリンクから認証情報が削除されている ({count} 件)",
            },
            detail: Text {
                en: "The sender's paste held credentials ({kinds}); the link carries stand-ins such as `<removed: secret access key>` in their place, so the diagnosis reads the same without them.",
                ja: "送信者の貼り付けには認証情報 ({kinds}) が含まれていました。リンクには代わりに `<removed: secret access key>` のような代替文字列が入っているため、認証情報なしでも診断は同じです。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("secrets_in_input.en.md"),
        ja: include_str!("secrets_in_input.ja.md"),
    },
    links: &[],
    check,
};

const REVOKE: Text = Text {
    en: "if the credentials were exposed, revoke the role's active sessions (IAM console: Role → Revoke sessions) or deactivate the access key",
    ja: "漏えいした場合は、ロールの有効なセッションを取り消す (IAM コンソール: ロール → セッションの取り消し) か、アクセスキーを無効にする",
};

/// A kind as the finding names it.
fn kind_label(kind: SecretKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (SecretKind::AccessKeyId, Lang::En) => "access key ID",
        (SecretKind::AccessKeyId, Lang::Ja) => "アクセスキー ID",
        (SecretKind::SecretAccessKey, Lang::En) => "secret access key",
        (SecretKind::SecretAccessKey, Lang::Ja) => "シークレットアクセスキー",
        (SecretKind::SessionToken, Lang::En) => "session token",
        (SecretKind::SessionToken, Lang::Ja) => "セッショントークン",
        (SecretKind::ImdsToken, Lang::En) => "IMDSv2 token",
        (SecretKind::ImdsToken, Lang::Ja) => "IMDSv2 トークン",
        (SecretKind::Signature, Lang::En) => "SigV4 signature",
        (SecretKind::Signature, Lang::Ja) => "SigV4 署名",
        (SecretKind::AccessToken, Lang::En) => "access token",
        (SecretKind::AccessToken, Lang::Ja) => "アクセストークン",
        (SecretKind::ClientSecret, Lang::En) => "client secret",
        (SecretKind::ClientSecret, Lang::Ja) => "クライアントシークレット",
        (SecretKind::WebIdentityToken, Lang::En) => "web identity token",
        (SecretKind::WebIdentityToken, Lang::Ja) => "ウェブ ID トークン",
        (SecretKind::KeyMaterial, Lang::En) => "unidentified key material",
        (SecretKind::KeyMaterial, Lang::Ja) => "種類不明の鍵らしき値",
        (SecretKind::EncodedAuthorizationMessage, Lang::En) => "encoded authorization message",
        (SecretKind::EncodedAuthorizationMessage, Lang::Ja) => "エンコードされた認可メッセージ",
    }
}

/// The value with all but its first four characters hidden.
fn mask(value: &str) -> String {
    let shown: String = value.chars().take(4).collect();
    format!("{shown}…")
}

/// How many credential values the case holds: the number this finding's title gives, and the
/// one the page's banner shows (one count, so they always agree).
pub fn credential_count(case: &Case) -> usize {
    secrets::credential_count(case.inputs().map(|at| at.input))
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut kinds: Vec<SecretKind> = Vec::new();
    let mut count = 0usize;
    let mut all_examples = true;
    for at in case.inputs() {
        for secret in &at.input.secrets {
            if !secret.kind.is_credential() {
                continue;
            }
            count += 1;
            if !kinds.contains(&secret.kind) {
                kinds.push(secret.kind);
            }
            let value = secret.span.slice(at.paste);
            if !value.contains("EXAMPLE") {
                all_examples = false;
            }
            support::push_evidence(&mut evidence, || {
                let mut item = at.evidence(secret.span, None);
                item.text = mask(value);
                item
            });
        }
    }
    let live = count > 0;
    if !live {
        // A link's stand-ins: the sender's credentials, removed.
        for at in case.inputs() {
            for (span, kind) in secrets::stand_ins(at.paste, at.input.span) {
                if !kind.is_credential() {
                    continue;
                }
                count += 1;
                if !kinds.contains(&kind) {
                    kinds.push(kind);
                }
                support::push_evidence(&mut evidence, || at.evidence(span, None));
            }
        }
    }
    if count == 0 {
        return;
    }
    let count_text = count.to_string();
    let kinds_text = kinds
        .iter()
        .map(|kind| kind_label(*kind, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let key = if live { "secrets" } else { "removed" };
    let mut finding = RULE.finding(key, lang, &[("count", &count_text), ("kinds", &kinds_text)]);
    finding.evidence = evidence;
    if !live {
        // Nothing is exposed by the link itself: a notice, not a warning.
        finding.severity = Severity::Info;
        finding.confidence = Some(Confidence::Certain);
        out.findings.push(finding);
        return;
    }
    // AWS documentation example values are not live; real ones cannot be told apart offline.
    finding.confidence = Some(if all_examples {
        Confidence::Possible
    } else {
        Confidence::Likely
    });
    finding.fix.push(crate::finding::Fix {
        label: REVOKE.get(lang).to_owned(),
        command: None,
        document: None,
        kind: FixKind::Current,
    });
    out.findings.push(finding);
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masks_all_but_four_characters() {
        assert_eq!(mask("wJalrXUtnFEMI"), "wJal…");
        assert_eq!(mask("ab"), "ab…");
    }
}
