//! `secrets-in-input`: live credentials were pasted. They are masked in every output and never
//! shared; the finding says so and tells how to make them useless.

use crate::finding::{Confidence, Diagnosis, Evidence, FixKind, Severity};
use crate::input::SecretKind;
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
    messages: &[Message {
        key: "secrets",
        title: Text {
            en: "the paste holds {count} credential {value|values}; they are masked and never shared",
            ja: "貼り付けに認証情報が {count} 件含まれている: マスクされ、共有されることはない",
        },
        detail: Text {
            en: "The pasted text contains secret keys or session tokens ({kinds}). They are masked wherever this diagnosis is shown and are left out of share links and exports. They may still be valid: treat them as exposed if the text was stored or sent anywhere else.",
            ja: "貼り付けたテキストにシークレットキーやセッショントークン ({kinds}) が含まれています。この診断の表示ではすべてマスクされ、共有リンクやエクスポートには含まれません。まだ有効な可能性があるので、テキストを他の場所に保存または送信した場合は漏えいしたものとして扱ってください。",
        },
    }],
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

fn kind_name(kind: SecretKind) -> Option<&'static str> {
    match kind {
        SecretKind::SecretAccessKey => Some("SecretAccessKey"),
        SecretKind::SessionToken => Some("Token"),
        SecretKind::ImdsToken => Some("X-aws-ec2-metadata-token"),
        // An access key id alone signs nothing; an encoded message is not a credential.
        SecretKind::AccessKeyId | SecretKind::EncodedAuthorizationMessage => None,
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
    case.inputs()
        .flat_map(|at| at.input.secrets.iter())
        .filter(|secret| kind_name(secret.kind).is_some())
        .count()
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let mut evidence: Vec<Evidence> = Vec::new();
    let mut kinds: Vec<&'static str> = Vec::new();
    let mut count = 0usize;
    let mut all_examples = true;
    for at in case.inputs() {
        for secret in &at.input.secrets {
            let Some(name) = kind_name(secret.kind) else {
                continue;
            };
            count += 1;
            if !kinds.contains(&name) {
                kinds.push(name);
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
    if count == 0 {
        return;
    }
    let count_text = count.to_string();
    let kinds_text = kinds
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut finding = RULE.finding(
        "secrets",
        lang,
        &[("count", &count_text), ("kinds", &kinds_text)],
    );
    // AWS documentation example values are not live; real ones cannot be told apart offline.
    finding.confidence = Some(if all_examples {
        Confidence::Possible
    } else {
        Confidence::Likely
    });
    finding.evidence = evidence;
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
