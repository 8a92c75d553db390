//! `link` and `open`: the link carries the case without its credentials, and opening it gives
//! the same findings as diagnosing the files.

mod common;

use common::{code, finding_ids, fixture, json, run, stderr, stdout};

const CASE: [&str; 4] = [
    "imds-iam-info/aws-sdk-go-v1-test-success.json",
    "iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json",
    "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    "imds-security-credentials/ec2-user-guide-success-s3access.json",
];

fn case_files() -> Vec<String> {
    CASE.iter()
        .map(|f| fixture(f).to_string_lossy().into_owned())
        .collect()
}

fn link(extra: &[&str]) -> String {
    let files = case_files();
    let mut args = vec!["link"];
    args.extend_from_slice(extra);
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    assert_eq!(code(&output), Some(0), "{}", stderr(&output));
    stdout(&output).trim().to_owned()
}

#[test]
fn a_link_reopens_with_the_same_findings_and_no_credentials() {
    let link = link(&["--base-url", "https://docs.example.internal/tools/doctor/"]);
    assert!(
        link.starts_with("https://docs.example.internal/tools/doctor/#v1/"),
        "{link}"
    );

    let files = case_files();
    let mut args = vec!["diagnose", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let direct = run(&args);
    let opened = run(&["open", "--format", "json", &link]);
    // Both hold an `error` finding (the profile was re-created), so both exit 1.
    assert_eq!(code(&direct), Some(1), "{}", stderr(&direct));
    assert_eq!(code(&opened), Some(1), "{}", stderr(&opened));
    let mut direct_ids = finding_ids(&json(&direct));
    let mut opened_ids = finding_ids(&json(&opened));
    direct_ids.sort();
    opened_ids.sort();
    // The pasted credentials are replaced by stand-ins in the link: `secrets-in-input` becomes
    // the notice that they were removed, every other finding stays.
    assert_eq!(direct_ids, opened_ids);
    let opened_json = json(&opened);
    let notice = opened_json["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|f| f["id"] == "secrets-in-input")
        .unwrap_or_else(|| panic!("no removal notice"));
    assert_eq!(notice["severity"], "info");
    assert!(notice["title"]
        .as_str()
        .is_some_and(|t| t.starts_with("credentials were removed from this link")));
    assert!(opened_ids.contains(&"instance-profile-recreated".to_owned()));

    // Neither the link nor what it opens to holds the secret values of the credentials file.
    let opened_text = stdout(&opened);
    for secret in [
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
    ] {
        assert!(!link.contains(secret));
        assert!(
            !opened_text.contains(secret),
            "{secret} came back from the link"
        );
    }
}

#[test]
fn minimal_links_are_short() {
    let full = link(&[]);
    let minimal = link(&["--minimal"]);
    assert!(full.starts_with("#v1/") && minimal.starts_with("#v1/"));
    assert!(
        minimal.len() < full.len(),
        "{} !< {}",
        minimal.len(),
        full.len()
    );
    assert!(minimal.len() < 1500, "{}", minimal.len());
}

#[test]
fn a_broken_link_is_a_clear_usage_error_in_both_languages() {
    let en = run(&["open", "#v1/not*a*link"]);
    assert_eq!(code(&en), Some(2));
    assert!(stderr(&en).contains("character"), "{}", stderr(&en));
    let ja = run(&["open", "--lang", "ja", "https://example.internal/#v9/abc"]);
    assert_eq!(code(&ja), Some(2));
    assert!(!stderr(&ja).is_empty());
    assert!(
        stderr(&ja)
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "{}",
        stderr(&ja)
    );
    let missing = run(&["link", "/nonexistent/ec2-iam-doctor/x.json"]);
    assert_eq!(code(&missing), Some(2));
}
