//! Whole cases, one per section of the guide (S1–S6): several inputs at once, including terminal
//! transcripts of a whole investigation, and account-wide dumps whose findings are grouped.

use engine::finding::{Confidence, Diagnosis, FixKind, Severity};
use engine::lang::Lang;
use engine::rules::{diagnose, Case};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

fn text(name: &str) -> String {
    match name.split_once(':') {
        Some(("cases", rest)) => {
            let path = format!("{CASES}{rest}");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        }
        _ => fixtures::read(name),
    }
}

fn case(names: &[&str]) -> Case {
    let texts: Vec<String> = names.iter().map(|n| text(n)).collect();
    Case::read(&texts)
}

fn ids(diagnosis: &Diagnosis) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = diagnosis.findings.iter().map(|f| f.id).collect();
    ids.dedup();
    ids
}

fn has(diagnosis: &Diagnosis, id: &str) -> bool {
    diagnosis.findings.iter().any(|f| f.id == id)
}

#[test]
fn s1_role_missing_from_the_console_list() {
    let case = case(&[
        "cases:list-instance-profiles-denied.txt",
        "moto/out/11-iam-list-instance-profiles.json",
        "moto/out/42-err-add-second-role.err",
    ]);
    let diagnosis = diagnose(&case, Lang::En);
    for id in [
        "list-instance-profiles-denied",
        "profile-name-differs-from-role",
        "profile-role-limit",
    ] {
        assert!(has(&diagnosis, id), "{id} missing: {:?}", ids(&diagnosis));
    }
    // The role is in a profile: nothing says it is not.
    assert!(!has(&diagnosis, "role-without-instance-profile"));
    // The limit finding names the profile and its current role from the listing.
    let limit = diagnosis
        .findings
        .iter()
        .find(|f| f.id == "profile-role-limit");
    let swap = limit
        .and_then(|f| f.fix.first())
        .and_then(|f| f.command.clone())
        .unwrap_or_default();
    assert!(
        swap.contains("--instance-profile-name app-web-profile --role-name app-web-role"),
        "{swap}"
    );
    assert!(diagnosis.has_error());
}

#[test]
fn s1_account_wide_dump_reads_as_a_short_list_of_causes() {
    let case = case(&["moto/out/51-iam-get-account-authorization-details.json"]);
    let diagnosis = diagnose(&case, Lang::En);
    // The lambda-only role sits in an instance profile: EC2 cannot assume it.
    let blocked: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "trust-policy-blocks-ec2")
        .collect();
    assert_eq!(
        blocked.len(),
        1,
        "{:?}",
        blocked.iter().map(|f| &f.title).collect::<Vec<_>>()
    );
    assert!(blocked[0].title.contains("`app-lambda-only`"));
    // The typo'd principal of `app-typo` is a lint error with the corrected document.
    let typo = diagnosis
        .findings
        .iter()
        .find(|f| f.id == "trust-policy-invalid");
    let document = typo
        .and_then(|f| f.fix.first())
        .and_then(|f| f.document.clone())
        .unwrap_or_default();
    assert!(document.contains("\"ec2.amazonaws.com\"") && !document.contains("ec2.amazon.com\""));
    // Every profile/role name pair is one grouped finding.
    let differs: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "profile-name-differs-from-role")
        .collect();
    assert_eq!(differs.len(), 1);
}

#[test]
fn s2_credentials_for_the_previous_role() {
    let case = case(&[
        "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
        "imds-security-credentials-listing/aws-sdk-go-v1-test-role-name-with-newline.txt",
        "sdk-client-errors/real-aws-sdk-net-stale-instance-profile-3461.txt",
    ]);
    let diagnosis = diagnose(&case, Lang::Ja);
    let found: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "credentials-for-previous-role")
        .collect();
    assert_eq!(
        found.len(),
        1,
        "the join wins over the SDK hint; one finding"
    );
    assert!(found[0].explanation.contains("5 分前") && found[0].explanation.contains("1 時間"));
    assert!(found[0]
        .references
        .iter()
        .all(|r| r.url.contains("/ja_jp/")));
}

#[test]
fn s3_add_role_to_instance_profile_denied() {
    let case = case(&[
        "iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt",
        "iam-access-denied/real-addroletoinstanceprofile-denied-assumed-role-sdk-session.txt",
    ]);
    let diagnosis = diagnose(&case, Lang::En);
    let found: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "add-role-to-profile-denied")
        .collect();
    assert_eq!(found.len(), 2);
    for finding in found {
        let document = finding
            .fix
            .first()
            .and_then(|f| f.document.clone())
            .unwrap_or_default();
        assert!(
            document.contains("iam:AddRoleToInstanceProfile") && document.contains("iam:PassRole")
        );
    }
}

#[test]
fn s4_launch_with_a_role_denied() {
    let case = case(&[
        "ec2-run-instances-errors/CONSTRUCTED-cli-runinstances-unauthorizedoperation-with-encoded-message.txt",
        "sts-decode-authorization-message/CONSTRUCTED-cli-passrole-implicit-deny.json",
        "ec2-run-instances-errors/real-packer-runinstances-invalid-instance-profile-name-217.txt",
        "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
    ]);
    let diagnosis = diagnose(&case, Lang::En);
    for id in [
        "authorization-message-encoded",
        "pass-role-denied",
        "instance-profile-not-found",
        "instance-profile-empty",
    ] {
        assert!(has(&diagnosis, id), "{id} missing: {:?}", ids(&diagnosis));
    }
    // The decoded message names `iam:PassRole`: the encoded RunInstances denial is not a
    // missing `ec2:RunInstances` grant.
    assert!(
        !has(&diagnosis, "run-instances-denied"),
        "{:?}",
        ids(&diagnosis)
    );
    // The decoded message is pasted already: no "decode it" next step.
    assert!(diagnosis
        .next
        .iter()
        .all(|n| n.rule != Some("authorization-message-encoded")));
    // Errors first.
    assert_eq!(
        diagnosis.findings.first().map(|f| f.severity),
        Some(Severity::Error)
    );
}

#[test]
fn s5_credentials_unreadable_on_the_instance() {
    let timeout = diagnose(
        &case(&["sdk-client-errors/real-botocore-debug-imds-connect-timeout-1791.txt"]),
        Lang::En,
    );
    assert!(has(&timeout, "imds-unreachable"), "{:?}", ids(&timeout));
    let no_profile = diagnose(
        &case(&[
            "imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt",
            "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json",
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
        ]),
        Lang::En,
    );
    assert!(
        !has(&no_profile, "imds-unreachable"),
        "IMDS answered 404: it is reachable"
    );
    let found: Vec<_> = no_profile
        .findings
        .iter()
        .filter(|f| f.id == "no-instance-profile-associated")
        .collect();
    assert!(!found.is_empty());
    // The one profile pasted is the one to associate, on the instance describe-instances shows.
    let command = found[0]
        .fix
        .first()
        .and_then(|f| f.command.clone())
        .unwrap_or_default();
    assert_eq!(
        command,
        "aws ec2 associate-iam-instance-profile --instance-id i-1234567890abcdef0 --iam-instance-profile Name=s3access-profile"
    );
}

#[test]
fn s6_stale_profile_investigation_in_one_transcript() {
    let case = case(&["cases:investigation-s6-transcript.txt"]);
    let kinds: Vec<&str> = case.inputs().map(|i| i.input.kind.id()).collect();
    assert!(
        kinds.contains(&"imds-iam-info") && kinds.contains(&"get-instance-profile"),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&"instance-profile-associations"),
        "{kinds:?}"
    );
    let diagnosis = diagnose(&case, Lang::En);
    assert!(
        has(&diagnosis, "instance-profile-deleted"),
        "{:?}",
        ids(&diagnosis)
    );
    let recreated = diagnosis
        .findings
        .iter()
        .find(|f| f.id == "instance-profile-recreated");
    let recreated = recreated.unwrap_or_else(|| panic!("recreated missing: {:?}", ids(&diagnosis)));
    assert!(
        recreated.title.contains("`2ty16l3u2rche8enfw6v`")
            && recreated.title.contains("`r5e2oucuwc2gc2f3fbje`")
    );
    // moto ids are not AIPA…: a reading, not a certainty.
    assert_eq!(recreated.confidence, Some(Confidence::Likely));
    let current = recreated
        .fix
        .iter()
        .find(|f| f.kind == FixKind::Current)
        .and_then(|f| f.command.clone());
    assert_eq!(
        current.as_deref(),
        Some("aws ec2 replace-iam-instance-profile-association --association-id iip-assoc-bbb08d4fa4e33ca42 --iam-instance-profile Name=app-web-profile")
    );
    assert!(recreated.fix.iter().any(|f| f.kind == FixKind::Guide));
    // Evidence points into the transcript at the ids themselves.
    for evidence in &recreated.evidence {
        assert!(
            evidence.text == "2ty16l3u2rche8enfw6v" || evidence.text == "r5e2oucuwc2gc2f3fbje",
            "{}",
            evidence.text
        );
        assert!(evidence.line > 1);
    }
}

#[test]
fn s6_trust_policy_investigation_in_one_transcript() {
    let case = case(&["cases:investigation-s6-trust-transcript.txt"]);
    let diagnosis = diagnose(&case, Lang::En);
    let blocked: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "trust-policy-blocks-ec2")
        .collect();
    assert_eq!(
        blocked.len(),
        1,
        "IMDS and IAM agree: one finding, {:?}",
        ids(&diagnosis)
    );
    assert!(blocked[0].title.contains("`app-lambda-only`"));
    let current = blocked[0].fix.iter().find(|f| f.kind == FixKind::Current);
    let document = current.and_then(|f| f.document.clone()).unwrap_or_default();
    let corrected: serde_json::Value = serde_json::from_str(&document).unwrap_or_default();
    assert_eq!(
        corrected["Statement"][0]["Principal"]["Service"],
        serde_json::json!(["lambda.amazonaws.com", "ec2.amazonaws.com"]),
        "the user's own policy, lambda kept, EC2 added: {document}"
    );
    assert_eq!(
        current.and_then(|f| f.command.as_deref()),
        Some("aws iam update-assume-role-policy --role-name app-lambda-only --policy-document file://trust.json")
    );
    assert!(blocked[0].fix.iter().any(|f| f.kind == FixKind::Guide));
}

#[test]
fn healthy_case_reports_what_was_checked() {
    // After the fix: the re-created profile, and the association replaced to point at it.
    let case = case(&[
        "moto/out/21-iam-get-instance-profile-recreated.json",
        "moto/out/28-ec2-describe-instances-final.json",
        "moto/out/25-ec2-describe-iam-instance-profile-associations-fixed.json",
    ]);
    let diagnosis = diagnose(&case, Lang::En);
    assert!(!diagnosis.has_error(), "{:?}", ids(&diagnosis));
    assert!(!has(&diagnosis, "instance-profile-recreated"));
    assert!(diagnosis
        .checked
        .iter()
        .any(|c| c.id == "trust-policy-blocks-ec2"));
}

/// A fleet built from a real describe-instances output: the instance object of
/// `CONSTRUCTED-trimmed-no-instance-profile.json` repeated with distinct ids.
fn fleet(instances: usize) -> String {
    let one: serde_json::Value = serde_json::from_str(&text(
        "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json",
    ))
    .unwrap_or_default();
    let template = one["Reservations"][0]["Instances"][0].clone();
    let list: Vec<serde_json::Value> = (0..instances)
        .map(|n| {
            let mut instance = template.clone();
            instance["InstanceId"] = serde_json::Value::String(format!("i-{n:017x}"));
            instance
        })
        .collect();
    serde_json::json!({"Reservations": [{"OwnerId": "123456789012", "Instances": list}]})
        .to_string()
}

#[test]
fn fleet_findings_are_grouped_with_every_instance_listed() {
    let case = Case::read(&[fleet(10_000)]);
    let started = std::time::Instant::now();
    let diagnosis = diagnose(&case, Lang::En);
    let elapsed = started.elapsed();
    let found: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "no-instance-profile-associated")
        .collect();
    assert_eq!(found.len(), 1, "one cause, one finding");
    assert_eq!(found[0].affected.len(), 10_000);
    assert!(found[0].evidence.len() <= 20 && found[0].fix.len() <= 10);
    assert!(
        found[0].title.contains("and 9997 more"),
        "{}",
        found[0].title
    );
    // About 0.3 s in a debug build here; a quadratic step over 10,000 instances takes seconds.
    assert!(elapsed.as_millis() < 2_000, "took {elapsed:?}");
}

/// An account of 3,000 instance profiles, built from the real `create-instance-profile` output
/// (`"Roles": []`) with distinct names: one grouped finding lists them all.
#[test]
fn account_of_empty_profiles_is_one_grouped_finding() {
    let one: serde_json::Value = serde_json::from_str(&text(
        "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
    ))
    .unwrap_or_default();
    let template = one["InstanceProfile"].clone();
    let profiles: Vec<serde_json::Value> = (0..3_000)
        .map(|n| {
            let mut profile = template.clone();
            let name = format!("fleet-profile-{n}");
            profile["Arn"] = serde_json::Value::String(format!(
                "arn:aws:iam::123456789012:instance-profile/{name}"
            ));
            profile["InstanceProfileName"] = serde_json::Value::String(name);
            profile
        })
        .collect();
    let listing = serde_json::json!({ "InstanceProfiles": profiles }).to_string();
    let started = std::time::Instant::now();
    let diagnosis = diagnose(&Case::read(&[listing]), Lang::Ja);
    let elapsed = started.elapsed();
    let found: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "instance-profile-empty")
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].affected.len(), 3_000);
    assert!(
        found[0].title.contains("3000") && found[0].title.contains("ほか 2997 件"),
        "{}",
        found[0].title
    );
    assert!(elapsed.as_secs() < 5, "took {elapsed:?}");
}

/// A log of 3,000 AccessDenied lines (the documented message formats, user names varied):
/// linear, and same-cause denials grouped.
#[test]
fn long_access_denied_log_stays_fast_and_grouped() {
    let formats = text("iam-access-denied/iam-docs-access-denied-message-formats.txt");
    let lines: Vec<&str> = formats
        .lines()
        .filter(|l| l.contains("is not authorized"))
        .collect();
    assert!(!lines.is_empty());
    let mut log = String::new();
    for n in 0..3_000 {
        let line = lines[n % lines.len()];
        log.push_str(&line.replace("JohnDoe", &format!("user-{n}")));
        log.push('\n');
    }
    let started = std::time::Instant::now();
    let diagnosis = diagnose(&Case::read(&[log]), Lang::En);
    let elapsed = started.elapsed();
    assert!(elapsed.as_secs() < 10, "took {elapsed:?}");
    let other: Vec<_> = diagnosis
        .findings
        .iter()
        .filter(|f| f.id == "denied-by-other-policy")
        .collect();
    assert!(
        !other.is_empty() && other.len() <= lines.len(),
        "{} findings",
        other.len()
    );
}
