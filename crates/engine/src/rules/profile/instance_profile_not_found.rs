//! `instance-profile-not-found`: the profile name or ARN used does not exist (guide S4).

use crate::finding::{Confidence, Diagnosis, FixKind, Section, Severity};
use crate::input::facts::SdkErrorClass;
use crate::lang::Lang;
use crate::rules::case::Case;
use crate::rules::support::{self, shell};
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "instance-profile-not-found",
    severity: Severity::Error,
    sections: &[Section::S4],
    area: Area::Profile,
    summary: Text {
        en: "the instance profile named at launch exists",
        ja: "起動時に指定したインスタンスプロファイルが存在するか",
    },
    messages: &[
        Message {
            key: "no-such-entity",
            title: Text {
                en: "instance profile `{profile}` does not exist",
                ja: "インスタンスプロファイル `{profile}` は存在しない",
            },
            detail: Text {
                en: "`{operation}` answered `NoSuchEntity` for `{profile}`. No instance profile of that name exists in the account: it was never created, was deleted, or the name differs (the EC2 console and `--iam-instance-profile Name=` take the instance profile's name, which may differ from the role's).",
                ja: "`{operation}` が `{profile}` に対して `NoSuchEntity` を返しました。アカウントにその名前のインスタンスプロファイルはありません。作成されていない、削除された、または名前が違う (EC2 コンソールや `--iam-instance-profile Name=` にはロール名ではなくインスタンスプロファイル名を指定する) のいずれかです。",
            },
        },
        Message {
            key: "invalid-name",
            title: Text {
                en: "EC2 does not accept instance profile `{profile}`",
                ja: "EC2 がインスタンスプロファイル `{profile}` を受け付けない",
            },
            detail: Text {
                en: "`RunInstances` answered `Invalid IAM Instance Profile name` for `{profile}`. Either no profile of that name exists, or it was created moments ago: IAM changes take a short while to reach EC2, and a launch right after `CreateInstanceProfile` often fails this way. Check that the profile exists; if it does, retry the launch after a few seconds.",
                ja: "`RunInstances` が `{profile}` に対して `Invalid IAM Instance Profile name` を返しました。その名前のプロファイルが存在しないか、作成した直後です。IAM の変更が EC2 に届くまで少し時間がかかるため、`CreateInstanceProfile` の直後の起動はこのエラーになりがちです。プロファイルが存在するか確認し、存在するなら数秒待ってから起動し直してください。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("instance_profile_not_found.en.md"),
        ja: include_str!("instance_profile_not_found.ja.md"),
    },
    links: &[],
    check,
};

const GET: Text = Text {
    en: "check whether the instance profile exists",
    ja: "インスタンスプロファイルが存在するか確認する",
};
const LIST: Text = Text {
    en: "list the instance profile names of the account (the names the console shows)",
    ja: "アカウントのインスタンスプロファイル名を一覧する (コンソールに出る名前)",
};
const CREATE: Text = Text {
    en: "create the instance profile and add the role to it",
    ja: "インスタンスプロファイルを作成してロールを追加する",
};

/// The profile name in `Instance profile NAME not found` (moto) or the error's resource.
fn name_in_message(message: &str) -> Option<&str> {
    // "Instance profile NAME not found" (moto), "Instance Profile NAME cannot be found." (IAM).
    let at = message.to_ascii_lowercase().find("nstance profile ")?;
    let rest = message.get(at + "nstance profile ".len()..)?;
    let name = rest.split_whitespace().next()?;
    let name = name.trim_matches(|c: char| c == '\'' || c == '"' || c == '.' || c == '`');
    (!name.is_empty() && name != "not" && name != "with").then_some(name)
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let profiles = support::latest_profiles(case);
    let before = out.findings.len();
    check_errors(case, lang, out, &profiles);
    if out.findings.len() > before {
        return;
    }
    // A launch error the client vocabulary read without its code (Auto Scaling's
    // "Invalid IamInstanceProfile: NAME", an activity's status reason, a console banner).
    let symptom = case
        .sdk_errors()
        .into_iter()
        .find(|e| e.item.class == SdkErrorClass::ProfileNotFound);
    if let Some(symptom) = symptom {
        let profile = support::profile_in_words(&symptom.item.evidence.value)
            .unwrap_or_else(|| "<instance-profile-name>".to_owned());
        let exists_now = support::find_profile(&profiles, &profile).is_some();
        let mut finding = RULE.finding(
            "invalid-name",
            lang,
            &[("profile", &profile), ("operation", "RunInstances")],
        );
        finding.confidence = Some(Confidence::Possible);
        if exists_now {
            finding.severity = Severity::Warning;
        }
        finding
            .evidence
            .push(symptom.at.cite(&symptom.item.evidence));
        push_fixes(&mut finding, lang, &profile, exists_now);
        out.findings.push(finding);
    }
}

fn check_errors(
    case: &Case,
    lang: Lang,
    out: &mut Diagnosis,
    profiles: &[crate::rules::case::Found<'_, crate::input::facts::InstanceProfile>],
) {
    for error in case.aws_errors() {
        let Some(code) = &error.item.code else {
            continue;
        };
        let operation = error
            .item
            .operation
            .as_ref()
            .map(|o| o.value.clone())
            .unwrap_or_else(|| "GetInstanceProfile".to_owned());
        let message = error
            .item
            .message
            .as_ref()
            .map(|m| m.value.as_str())
            .unwrap_or("");
        let (key, profile) = match code.value.as_str() {
            "NoSuchEntity" => {
                let about_profile = support::contains_ci(message, "instance profile")
                    || operation.contains("InstanceProfile");
                if !about_profile {
                    continue;
                }
                let from_command = error
                    .at
                    .command()
                    .and_then(|c| c.option("--instance-profile-name"));
                let name = name_in_message(message)
                    .map(str::to_owned)
                    .or_else(|| from_command.map(str::to_owned))
                    .or_else(|| {
                        error
                            .item
                            .resource
                            .as_ref()
                            .map(|r| support::name_of(&r.value).to_owned())
                    });
                ("no-such-entity", name)
            }
            "InvalidParameterValue" => {
                let parameter = error
                    .item
                    .parameter
                    .as_ref()
                    .map(|p| p.value.as_str())
                    .unwrap_or("");
                if !parameter.starts_with("iamInstanceProfile")
                    && !support::contains_ci(message, "Invalid IAM Instance Profile")
                {
                    continue;
                }
                let name = error
                    .item
                    .parameter_value
                    .as_ref()
                    .map(|v| support::name_of(&v.value).to_owned());
                ("invalid-name", name)
            }
            _ => continue,
        };
        let profile = profile.unwrap_or_else(|| "<instance-profile-name>".to_owned());
        // The profile shown later in the case (created after the error) means: wait, retry.
        let exists_now = support::find_profile(profiles, &profile).is_some();
        let mut finding = RULE.finding(
            key,
            lang,
            &[("profile", &profile), ("operation", &operation)],
        );
        finding.confidence = Some(if key == "invalid-name" || exists_now {
            Confidence::Possible
        } else {
            Confidence::Certain
        });
        if exists_now {
            finding.severity = Severity::Warning;
        }
        finding.evidence.push(error.at.cite(code));
        if let Some(message) = &error.item.message {
            finding.evidence.push(error.at.cite(message));
        }
        push_fixes(&mut finding, lang, &profile, exists_now);
        out.findings.push(finding);
    }
}

fn push_fixes(finding: &mut crate::finding::Finding, lang: Lang, profile: &str, exists_now: bool) {
    {
        finding.fix.push(support::command_fix(
            GET,
            lang,
            format!(
                "aws iam get-instance-profile --instance-profile-name {}",
                shell(profile)
            ),
            FixKind::Current,
        ));
        finding.fix.push(support::command_fix(
            LIST,
            lang,
            "aws iam list-instance-profiles --query 'InstanceProfiles[].[InstanceProfileName,Roles[0].RoleName]' --output text".to_owned(),
            FixKind::Current,
        ));
        if !exists_now {
            finding.fix.push(support::command_fix(
                CREATE,
                lang,
                format!(
                    "aws iam create-instance-profile --instance-profile-name {p} && aws iam add-role-to-instance-profile --instance-profile-name {p} --role-name <role-name>",
                    p = shell(profile)
                ),
                FixKind::Current,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::name_in_message;

    #[test]
    fn reads_the_name_in_motos_wording() {
        assert_eq!(
            name_in_message("Instance profile nope not found"),
            Some("nope")
        );
        assert_eq!(name_in_message("Instance profile not found"), None);
        assert_eq!(
            name_in_message("Instance Profile web-prod cannot be found."),
            Some("web-prod")
        );
        assert_eq!(name_in_message("nothing"), None);
    }
}
