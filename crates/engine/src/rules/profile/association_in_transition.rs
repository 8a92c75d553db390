//! `association-in-transition`: the profile association is `associating` or `disassociating`.

use crate::finding::{Confidence, Diagnosis, FixKind, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "association-in-transition",
    severity: Severity::Info,
    sections: &[],
    area: Area::Profile,
    summary: Text {
        en: "profile associations are settled",
        ja: "プロファイルの関連付けが完了しているか",
    },
    messages: &[Message {
        key: "transition",
        title: Text {
            en: "profile association `{association}` of `{instance}` is still `{state}`",
            ja: "`{instance}` のプロファイル関連付け `{association}` はまだ `{state}` の状態",
        },
        detail: Text {
            en: "The association of `{instance}` with its instance profile is `{state}`. Until it reaches `associated` (or `disassociated`), IMDS may still serve the previous state: no credentials, or the old role's. This usually settles within seconds to a few minutes; describe the association again before concluding anything.",
            ja: "`{instance}` とインスタンスプロファイルの関連付けは `{state}` の状態です。`associated` (または `disassociated`) になるまでは、IMDS が以前の状態 (認証情報なし、または古いロールの認証情報) を返すことがあります。通常は数秒から数分で完了するので、結論を出す前にもう一度関連付けを確認してください。",
        },
    }],
    explanation: Text {
        en: include_str!("association_in_transition.en.md"),
        ja: include_str!("association_in_transition.ja.md"),
    },
    links: &[],
    check,
};

const DESCRIBE_AGAIN: Text = Text {
    en: "describe the association again until it is `associated`",
    ja: "`associated` になるまで関連付けを再確認する",
};

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let associations = case.associations();
    // The latest state of each association id wins (a transcript shows it settle).
    let mut latest: Vec<usize> = Vec::new();
    for (index, found) in associations.iter().enumerate() {
        let id = found.item.id.as_ref().map(|i| i.value.as_str());
        if let Some(at) = latest.iter().position(|&i| {
            associations
                .get(i)
                .and_then(|a| a.item.id.as_ref())
                .map(|x| x.value.as_str())
                == id
                && id.is_some()
        }) {
            if let Some(slot) = latest.get_mut(at) {
                *slot = index;
            }
        } else {
            latest.push(index);
        }
    }
    for index in latest {
        let Some(found) = associations.get(index) else {
            continue;
        };
        let Some(state) = &found.item.state else {
            continue;
        };
        if state.value != "associating" && state.value != "disassociating" {
            let subject = found.item.id.as_ref().map_or("", |i| i.value.as_str());
            support::checked(out, &RULE, lang, subject);
            continue;
        }
        let association = found.item.id.as_ref().map_or("?", |i| i.value.as_str());
        let instance = found
            .item
            .instance_id
            .as_ref()
            .map_or("<instance-id>", |i| i.value.as_str());
        let mut finding = RULE.finding(
            "transition",
            lang,
            &[
                ("association", association),
                ("instance", instance),
                ("state", &state.value),
            ],
        );
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(found.at.cite(state));
        finding.fix.push(support::command_fix(
            DESCRIBE_AGAIN,
            lang,
            format!(
                "aws ec2 describe-iam-instance-profile-associations --association-ids {}",
                shell(association)
            ),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }
}
