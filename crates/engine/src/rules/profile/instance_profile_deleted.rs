//! `instance-profile-deleted`: `iam/info` says `InstanceProfileNotFound` (guide S6).

use crate::finding::{Confidence, Diagnosis, Finding, FixKind, Section, Severity};
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "instance-profile-deleted",
    severity: Severity::Error,
    sections: &[Section::S6],
    area: Area::Profile,
    summary: Text {
        en: "the instance's instance profile still exists",
        ja: "インスタンスのインスタンスプロファイルが存在しているか",
    },
    messages: &[Message {
        key: "not-found",
        title: Text {
            en: "`iam/info` says `InstanceProfileNotFound`: the instance profile of `{instance}` was deleted",
            ja: "`iam/info` が `InstanceProfileNotFound` を返している: `{instance}` のインスタンスプロファイルは削除済み",
        },
        detail: Text {
            en: "The instance's `iam/info` document reports `InstanceProfileNotFound`. The instance profile associated with `{instance}` was deleted, so EC2 can no longer issue credentials to it. A profile created again under the same name is a different profile (a new `InstanceProfileId`) and does not repair the association.",
            ja: "インスタンスの `iam/info` ドキュメントが `InstanceProfileNotFound` を報告しています。`{instance}` に関連付けられたインスタンスプロファイルが削除されたため、EC2 はこのインスタンスに認証情報を発行できません。同じ名前で作り直したプロファイルは別物 (`InstanceProfileId` が異なる) なので、関連付けは直りません。",
        },
    }],
    explanation: Text {
        en: include_str!("instance_profile_deleted.en.md"),
        ja: include_str!("instance_profile_deleted.ja.md"),
    },
    links: &[],
    check,
};

pub(crate) const REPLACE: Text = Text {
    en: "replace the stale association on the running instance (no relaunch needed)",
    ja: "実行中のインスタンスで古い関連付けを置き換える (再起動は不要)",
};
pub(crate) const FIND_ASSOCIATION: Text = Text {
    en: "find the instance's association id (for the replace command)",
    ja: "インスタンスの関連付け ID を調べる (置き換えコマンドで使う)",
};
pub(crate) const RELAUNCH: Text = Text {
    en: "terminate the instance and launch it again with a valid profile",
    ja: "インスタンスを終了し、有効なプロファイルで起動し直す",
};
const COMPARE_IDS: Text = Text {
    en: "compare the profile id in IAM with the id the instance holds (a profile re-created under the same name has a new id)",
    ja: "IAM 側のプロファイル ID とインスタンスが保持する ID を比べる (同名で作り直したプロファイルは ID が変わる)",
};

/// The current fix (replace or associate on the running instance) and the guide's older one
/// (terminate and relaunch), with the user's values filled in.
pub(crate) fn repair_fixes(
    case: &Case,
    lang: Lang,
    instance: &str,
    profile: &str,
    finding: &mut Finding,
) {
    let association = case
        .associations()
        .iter()
        .filter(|a| {
            a.item
                .instance_id
                .as_ref()
                .is_none_or(|id| id.value == instance)
        })
        .filter(|a| {
            a.item
                .state
                .as_ref()
                .is_none_or(|s| s.value != "disassociated")
        })
        .find_map(|a| a.item.id.as_ref().map(|id| id.value.clone()));
    match association {
        Some(association) => finding.fix.push(support::command_fix(
            REPLACE,
            lang,
            format!(
                "aws ec2 replace-iam-instance-profile-association --association-id {} --iam-instance-profile Name={}",
                shell(&association),
                shell(profile)
            ),
            FixKind::Current,
        )),
        None => {
            finding.fix.push(support::command_fix(
                FIND_ASSOCIATION,
                lang,
                format!(
                    "aws ec2 describe-iam-instance-profile-associations --filters Name=instance-id,Values={}",
                    shell(instance)
                ),
                FixKind::Current,
            ));
            finding.fix.push(support::command_fix(
                REPLACE,
                lang,
                format!(
                    "aws ec2 replace-iam-instance-profile-association --association-id <association-id> --iam-instance-profile Name={}",
                    shell(profile)
                ),
                FixKind::Current,
            ));
        }
    }
    finding.fix.push(support::command_fix(
        RELAUNCH,
        lang,
        format!(
            "aws ec2 terminate-instances --instance-ids {}  # then: aws ec2 run-instances … --iam-instance-profile Name={}",
            shell(instance),
            shell(profile)
        ),
        FixKind::Guide,
    ));
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    for info in case.iam_infos() {
        let Some(code) = &info.item.code else {
            continue;
        };
        if code.value != "InstanceProfileNotFound" {
            continue;
        }
        let instance = support::one_instance_id(case);
        let profile = case
            .instances()
            .iter()
            .find_map(|i| i.item.profile_arn.as_ref())
            .map(|a| support::name_of(a.as_str()).to_owned())
            .unwrap_or_else(|| "<instance-profile-name>".to_owned());
        let mut finding = RULE.finding("not-found", lang, &[("instance", &instance)]);
        finding.confidence = Some(Confidence::Certain);
        finding.evidence.push(info.at.cite(code));
        if let Some(message) = &info.item.message {
            finding.evidence.push(info.at.cite(message));
        }
        repair_fixes(case, lang, &instance, &profile, &mut finding);
        if case.instance_profiles().is_empty() || case.instances().is_empty() {
            out.push_next(support::next(
                RULE.id,
                format!(
                    "aws iam get-instance-profile --instance-profile-name {} --query InstanceProfile.InstanceProfileId; aws ec2 describe-instances --instance-ids {} --query 'Reservations[].Instances[].IamInstanceProfile'",
                    shell(&profile),
                    shell(&instance)
                ),
                COMPARE_IDS,
                lang,
            ));
        }
        out.findings.push(finding);
    }
}
