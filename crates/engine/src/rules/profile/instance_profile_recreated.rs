//! `instance-profile-recreated`: the instance holds the id of a profile that was deleted and
//! created again under the same name (guide S6).

use crate::finding::{Confidence, Diagnosis, Evidence, Section, Severity};
use crate::input::facts::Located;
use crate::lang::Lang;
use crate::rules::case::{Case, CaseInput};
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

use super::instance_profile_deleted::repair_fixes;

pub const RULE: RuleInfo = RuleInfo {
    id: "instance-profile-recreated",
    severity: Severity::Error,
    sections: &[Section::S6],
    area: Area::Profile,
    summary: Text {
        en: "the instance's profile id matches the profile in IAM",
        ja: "インスタンスのプロファイル ID が IAM 側のプロファイルと一致するか",
    },
    messages: &[Message {
        key: "id-differs",
        title: Text {
            en: "instance profile `{profile}` was re-created: IAM has `{iam_id}`, the instance holds `{instance_id}`",
            ja: "インスタンスプロファイル `{profile}` は作り直されている: IAM 側は `{iam_id}`、インスタンス側は `{instance_id}`",
        },
        detail: Text {
            en: "IAM shows `{profile}` with `InstanceProfileId` `{iam_id}`, but {instances} {holds|hold} `{instance_id}`. The profile the instance was given has been deleted and another one created under the same name; the instance still points at the deleted one, so `iam/info` answers `InstanceProfileNotFound` and no credentials are issued.",
            ja: "IAM では `{profile}` の `InstanceProfileId` は `{iam_id}` ですが、{instances} が保持しているのは `{instance_id}` です。インスタンスに付けたプロファイルは削除され、同じ名前で別のプロファイルが作られています。インスタンスは削除済みのプロファイルを指したままなので、`iam/info` は `InstanceProfileNotFound` を返し、認証情報は発行されません。",
        },
    }],
    explanation: Text {
        en: include_str!("instance_profile_recreated.en.md"),
        ja: include_str!("instance_profile_recreated.ja.md"),
    },
    links: &[],
    check,
};

/// What the instance side shows: a profile ARN and id, from one of three outputs.
struct Held<'a> {
    at: CaseInput<'a>,
    instance: Option<String>,
    arn: &'a Located<String>,
    id: &'a Located<String>,
}

/// Instances that hold the same stale id of one profile.
struct Group {
    profile: String,
    iam_id: String,
    instance_id: String,
    instances: Vec<String>,
    evidence: Vec<Evidence>,
    both_real: bool,
}

/// moto puts the association id where AWS puts the profile id; such an id proves nothing.
fn is_association_id(id: &str) -> bool {
    id.starts_with("iip-assoc-")
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    if profiles.is_empty() {
        return;
    }
    let mut held: Vec<Held<'_>> = Vec::new();
    let instances = case.instances();
    for found in &instances {
        if let (Some(arn), Some(id)) = (&found.item.profile_arn, &found.item.profile_id) {
            held.push(Held {
                at: found.at,
                instance: found.item.id.as_ref().map(|i| i.value.clone()),
                arn,
                id,
            });
        }
    }
    let associations = case.associations();
    for found in &associations {
        let current = found
            .item
            .state
            .as_ref()
            .is_none_or(|s| s.value == "associated" || s.value == "associating");
        if let (true, Some(arn), Some(id)) =
            (current, &found.item.profile_arn, &found.item.profile_id)
        {
            held.push(Held {
                at: found.at,
                instance: found.item.instance_id.as_ref().map(|i| i.value.clone()),
                arn,
                id,
            });
        }
    }
    let infos = case.iam_infos();
    for found in &infos {
        if let (Some(arn), Some(id)) = (&found.item.profile_arn, &found.item.profile_id) {
            held.push(Held {
                at: found.at,
                instance: None,
                arn,
                id,
            });
        }
    }

    // One finding per (profile, stale id): every instance holding that id is listed.
    let mut groups: Vec<Group> = Vec::new();
    for item in &held {
        if is_association_id(&item.id.value) {
            continue;
        }
        let Some(profile) = support::find_profile(&profiles, &item.arn.value) else {
            continue;
        };
        let Some(iam_id) = &profile.item.id else {
            continue;
        };
        if iam_id.value == item.id.value {
            let name = support::profile_name(profile.item).unwrap_or_default();
            support::checked(out, &RULE, lang, name);
            continue;
        }
        // A profile with a path has the same name as one without; only the full ARN decides.
        if let Some(iam_arn) = &profile.item.arn {
            if iam_arn.value != item.arn.value {
                continue;
            }
        }
        let name = support::profile_name(profile.item)
            .unwrap_or("?")
            .to_owned();
        let both_real = iam_id.value.starts_with("AIPA") && item.id.value.starts_with("AIPA");
        let index = match groups
            .iter()
            .position(|g| g.profile == name && g.instance_id == item.id.value)
        {
            Some(index) => index,
            None => {
                let mut evidence = Vec::new();
                support::push_evidence(&mut evidence, || profile.at.cite(iam_id));
                groups.push(Group {
                    profile: name,
                    iam_id: iam_id.value.clone(),
                    instance_id: item.id.value.clone(),
                    instances: Vec::new(),
                    evidence,
                    both_real,
                });
                groups.len() - 1
            }
        };
        if let Some(group) = groups.get_mut(index) {
            support::push_evidence(&mut group.evidence, || item.at.cite(item.id));
            if let Some(instance) = &item.instance {
                if !group.instances.contains(instance) {
                    group.instances.push(instance.clone());
                }
            }
        }
    }

    for Group {
        profile,
        iam_id,
        instance_id,
        instances: affected,
        evidence,
        both_real,
    } in groups
    {
        let instances = if affected.is_empty() {
            match lang {
                Lang::En => "the instance's `iam/info`".to_owned(),
                Lang::Ja => "インスタンスの `iam/info`".to_owned(),
            }
        } else {
            support::name_list(&affected, lang)
        };
        let mut finding = RULE.finding(
            "id-differs",
            lang,
            &[
                ("profile", &profile),
                ("iam_id", &iam_id),
                ("instance_id", &instance_id),
                ("instances", &instances),
                ("count", &affected.len().max(1).to_string()),
            ],
        );
        finding.confidence = Some(if both_real {
            Confidence::Certain
        } else {
            Confidence::Likely
        });
        finding.evidence = evidence;
        let first = affected
            .first()
            .cloned()
            .unwrap_or_else(|| support::one_instance_id(case));
        repair_fixes(case, lang, &first, &profile, &mut finding);
        // The other instances of a fleet: their own association, replaced the same way.
        for instance in affected.iter().skip(1).take(support::FIX_CAP) {
            let mut more = finding.clone();
            more.fix.clear();
            repair_fixes(case, lang, instance, &profile, &mut more);
            finding.fix.extend(
                more.fix
                    .into_iter()
                    .filter(|f| f.kind == crate::finding::FixKind::Current),
            );
        }
        if affected.len() > 1 {
            finding.affected = affected;
        }
        out.findings.push(finding);
    }
}
