//! `credentials-for-previous-role`: the credentials in use belong to another role than the one
//! now in the instance profile (guide S2).

use crate::finding::{Confidence, Diagnosis, Evidence, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "credentials-for-previous-role",
    severity: Severity::Warning,
    sections: &[Section::S2],
    area: Area::Credentials,
    summary: Text {
        en: "the credentials in use are for the profile's current role",
        ja: "使われている認証情報がプロファイルの現在のロールのものか",
    },
    messages: &[
        Message {
            key: "differs",
            title: Text {
                en: "credentials in use are for `{served}`, but instance profile `{profile}` now holds `{role}`",
                ja: "使われている認証情報は `{served}` のものだが、インスタンスプロファイル `{profile}` には今 `{role}` が入っている",
            },
            detail: Text {
                en: "{source} shows role `{served}`, while IAM shows `{role}` in `{profile}`. When the role in a profile is replaced, the instance keeps receiving the old role's credentials until the next scheduled refresh: new credentials appear at least five minutes before the old ones expire, and a role removed from a profile can keep being served for up to an hour. Programs that cache credentials (most SDKs) keep them until they expire or the process restarts.",
                ja: "{source} ではロールは `{served}` ですが、IAM では `{profile}` に `{role}` が入っています。プロファイルのロールを置き換えても、インスタンスには次回の定期更新まで古いロールの認証情報が届きます。新しい認証情報は古いものが切れる少なくとも 5 分前に用意され、プロファイルから外したロールは最大 1 時間提供され続けることがあります。認証情報をキャッシュするプログラム (ほとんどの SDK) は、期限切れかプロセスの再起動まで古いものを使い続けます。",
            },
        },
        Message {
            key: "sdk",
            title: Text {
                en: "the process still uses credentials of a previous instance profile",
                ja: "プロセスが以前のインスタンスプロファイルの認証情報を使い続けている",
            },
            detail: Text {
                en: "The log shows a program using the role of the instance profile it started with, after the profile was replaced. SDKs cache instance credentials until they expire; restart the process, or wait for the cached credentials to expire.",
                ja: "ログによると、プロファイルを置き換えた後もプログラムが起動時のインスタンスプロファイルのロールを使っています。SDK はインスタンスの認証情報を期限切れまでキャッシュするので、プロセスを再起動するか、キャッシュが切れるまで待ってください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("credentials_for_previous_role.en.md"),
        ja: include_str!("credentials_for_previous_role.ja.md"),
    },
    links: &[],
    check,
};

const SEE_SERVED: Text = Text {
    en: "see which role IMDS serves now (after the next refresh it should be the profile's role)",
    ja:
        "IMDS が今どのロールを提供しているか確認する (次回の更新後はプロファイルのロールになるはず)",
};
const RESTART: Text = Text {
    en: "restart the program so its SDK drops cached credentials",
    ja: "プログラムを再起動して SDK のキャッシュを破棄する",
};

const LISTING_CMD: &str = "TOKEN=$(curl -s -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 300'); curl -s -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/security-credentials/";

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    // The instance's profile: from iam/info, describe-instances or a current association.
    let mut instance_profile_arns: Vec<String> = Vec::new();
    for info in case.iam_infos() {
        if let Some(arn) = &info.item.profile_arn {
            instance_profile_arns.push(arn.value.clone());
        }
    }
    for instance in case.instances() {
        if let Some(arn) = &instance.item.profile_arn {
            instance_profile_arns.push(arn.value.clone());
        }
    }
    instance_profile_arns.dedup();
    let profile = match instance_profile_arns.as_slice() {
        [one] => support::find_profile(&profiles, one),
        [] => match profiles.as_slice() {
            [only] => Some(*only),
            _ => None,
        },
        _ => None,
    };
    let mut fired = false;
    if let Some(profile) = profile {
        if let (Some(profile_name), Some(role)) = (
            support::profile_name(profile.item),
            profile.item.roles.first().and_then(support::role_name),
        ) {
            // What the instance serves or the process uses.
            let mut served: Vec<(String, Evidence, &'static str, &'static str)> = Vec::new();
            for listing in case.listings() {
                for name in &listing.item.role_names {
                    served.push((
                        name.value.trim().to_owned(),
                        listing.at.cite(name),
                        "The credentials listing of IMDS",
                        "IMDS の認証情報一覧",
                    ));
                }
            }
            for credentials in case.credentials() {
                if let Some(name) = &credentials.item.role_name {
                    served.push((
                        name.value.clone(),
                        credentials.at.cite(name),
                        "The credentials document's path",
                        "認証情報ドキュメントのパス",
                    ));
                }
            }
            for identity in case.caller_identities() {
                if let Some(assumed) = &identity.item.assumed_role {
                    if assumed.session_is_instance_id {
                        served.push((
                            assumed.role.value.clone(),
                            identity.at.cite(&assumed.role),
                            "`get-caller-identity` on the instance",
                            "インスタンス上の `get-caller-identity`",
                        ));
                    }
                }
            }
            for (name, evidence, source_en, source_ja) in served {
                if name.is_empty() || name == role || fired {
                    continue;
                }
                fired = true;
                let source = match lang {
                    Lang::En => source_en,
                    Lang::Ja => source_ja,
                };
                let mut finding = RULE.finding(
                    "differs",
                    lang,
                    &[
                        ("served", &name),
                        ("profile", profile_name),
                        ("role", role),
                        ("source", source),
                    ],
                );
                finding.confidence = Some(if instance_profile_arns.len() == 1 {
                    Confidence::Certain
                } else {
                    Confidence::Likely
                });
                finding.evidence.push(evidence);
                if let Some(role_located) = profile.item.roles.first().and_then(|r| r.name.as_ref())
                {
                    finding.evidence.push(profile.at.cite(role_located));
                }
                finding.fix.push(support::command_fix(
                    SEE_SERVED,
                    lang,
                    LISTING_CMD.to_owned(),
                    FixKind::Current,
                ));
                finding.fix.push(crate::finding::Fix {
                    label: RESTART.get(lang).to_owned(),
                    command: None,
                    document: None,
                    kind: FixKind::Current,
                });
                out.findings.push(finding);
            }
        }
    }
    if fired {
        return;
    }
    if let Some(sdk) = case
        .sdk_errors()
        .into_iter()
        .find(|e| e.item.class == SdkErrorClass::CredentialsFromPreviousProfile)
    {
        let mut finding = RULE.finding("sdk", lang, &[]);
        finding.confidence = Some(Confidence::Likely);
        finding.evidence.push(sdk.at.cite(&sdk.item.evidence));
        finding.fix.push(crate::finding::Fix {
            label: RESTART.get(lang).to_owned(),
            command: None,
            document: None,
            kind: FixKind::Current,
        });
        finding.fix.push(support::command_fix(
            SEE_SERVED,
            lang,
            LISTING_CMD.to_owned(),
            FixKind::Current,
        ));
        out.findings.push(finding);
    }
}
