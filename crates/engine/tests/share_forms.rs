//! The anonymised and minimal forms keep the diagnosis: same finding ids before and after.

mod share_cases;

use std::collections::BTreeSet;

use engine::lang::Lang;
use engine::share::{self, Case, Form, ShareOptions};

fn finding_ids(case: &Case) -> BTreeSet<(&'static str, &'static str)> {
    case.diagnose(Lang::En)
        .findings
        .iter()
        .map(|f| (f.id, f.severity.id()))
        .collect()
}

/// What the link carries, opened again.
fn shared(case: &Case, options: ShareOptions) -> Case {
    share::decode(&share::encode(case, &options).unwrap()).unwrap()
}

fn without_secrets(case: &Case) -> Case {
    share::preview(case, &ShareOptions::default()).case
}

fn all_cases() -> Vec<(String, Case)> {
    let mut cases: Vec<(String, Case)> = share_cases::four_input_cases()
        .into_iter()
        .map(|(name, texts)| (name.to_owned(), Case::of_texts(&texts)))
        .collect();
    // Every fixture alone, too: the forms must hold on any single paste.
    for folder in [
        "imds-iam-info",
        "iam-get-instance-profile",
        "iam-get-role",
        "iam-access-denied",
        "ec2-run-instances-errors",
        "ec2-iam-instance-profile-associations",
        "trust-policies",
        "sdk-client-errors",
        "imds-token-and-http",
    ] {
        let prefix = format!("{folder}/");
        for name in fixtures::list() {
            if !name.starts_with(&prefix) {
                continue;
            }
            if let Ok(text) = String::from_utf8(fixtures::read_bytes(&name)) {
                cases.push((name, Case::of_texts(&[text])));
            }
        }
    }
    cases
}

#[test]
fn anonymising_keeps_the_finding_ids() {
    for (name, case) in all_cases() {
        let before = finding_ids(&without_secrets(&case));
        let anonymised = shared(
            &case,
            ShareOptions {
                anonymise: true,
                ..ShareOptions::default()
            },
        );
        assert!(anonymised.anonymised);
        assert_eq!(
            finding_ids(&anonymised),
            before,
            "{name}: {:#?}",
            anonymised.inputs
        );
    }
}

#[test]
fn anonymising_leaves_no_account_id_instance_id_or_name_of_the_case() {
    let (_, texts) = share_cases::four_input_cases().into_iter().next().unwrap();
    let anonymised = shared(
        &Case::of_texts(&texts),
        ShareOptions {
            anonymise: true,
            ..ShareOptions::default()
        },
    );
    let all = anonymised.inputs.concat();
    for real in [
        "123456789012",
        "104024344472",
        "i-1234567890abcdef0",
        "my-instance-profile",
        "my-role",
        "AIPAZZZZZZZZZZZZZZZZZ",
        "AIPAABCDEFGHIJKLMN123",
        "my-role-session-name",
    ] {
        assert!(!all.contains(real), "{real} is still in {all}");
    }
    for stand_in in ["111122223333", "profile-1", "role-1", "i-00000000000000001"] {
        assert!(all.contains(stand_in), "{stand_in} missing from {all}");
    }
}

#[test]
fn minimal_form_keeps_the_finding_ids_and_is_shorter() {
    for (name, case) in all_cases() {
        let before = finding_ids(&without_secrets(&case));
        let minimal = shared(
            &case,
            ShareOptions {
                form: Form::Minimal,
                ..ShareOptions::default()
            },
        );
        assert_eq!(minimal.form, Form::Minimal);
        assert_eq!(
            finding_ids(&minimal),
            before,
            "{name}: {:#?}",
            minimal.inputs
        );
        let full: usize = without_secrets(&case).inputs.iter().map(String::len).sum();
        let reduced: usize = minimal.inputs.iter().map(String::len).sum();
        assert!(reduced <= full, "{name}: {reduced} > {full}");
    }
}

#[test]
fn minimal_form_of_a_huge_describe_instances_is_a_few_hundred_characters() {
    // 20 MB: the fixture's instance among thousands of others, as `describe-instances` prints
    // an account's whole fleet; the IMDS document names the one that matters.
    let instance = share_cases::fixture(
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    );
    let one: &str = instance
        .split_once("\"Instances\": [")
        .and_then(|(_, rest)| rest.rsplit_once("],\n            \"OwnerId\""))
        .map(|(instances, _)| instances.trim())
        .unwrap();
    let mut fleet = String::from("{\n    \"Reservations\": [\n        {\n            \"Groups\": [],\n            \"Instances\": [\n                ");
    let mut n = 0;
    while fleet.len() < 20 * 1024 * 1024 {
        if n > 0 {
            fleet.push_str(",\n                ");
        }
        let id = format!("i-{n:017x}");
        fleet.push_str(&one.replace("i-1234567890abcdef0", &id).replace(
            "\"HttpTokens\": \"optional\"",
            if n == 42 {
                "\"HttpTokens\": \"required\""
            } else {
                "\"HttpTokens\": \"optional\""
            },
        ));
        n += 1;
    }
    fleet.push_str("\n            ],\n            \"OwnerId\": \"111111111111\",\n            \"ReservationId\": \"r-1234567890abcdefg\"\n        }\n    ]\n}\n");
    let case = Case::of_texts(&[
        share_cases::fixture(
            "imds-token-and-http/aemm-readme-imdsv1-request-401-unauthorized.html",
        ),
        fleet,
    ]);
    let before = finding_ids(&case);
    let cites_fleet = case
        .diagnose(Lang::En)
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .any(|e| e.input == 1);
    let link = share::link(
        "https://docs.example.invalid/ec2-iam-doctor/",
        &case,
        &ShareOptions {
            form: Form::Minimal,
            ..ShareOptions::default()
        },
    )
    .unwrap();
    let fragment_len = link.len() - link.find('#').unwrap();
    println!(
        "20 MB describe-instances: minimal fragment {fragment_len} characters; findings {before:?}"
    );
    assert!(fragment_len < 1_000, "{fragment_len}");
    let opened = share::decode(&link).unwrap();
    assert_eq!(finding_ids(&opened), before);
    // The diagnosis cites the fleet's instance 42: the link keeps that one instance only.
    assert!(
        cites_fleet,
        "the scenario needs a finding that cites the fleet"
    );
    let kept = opened.inputs.concat();
    assert!(kept.contains(&format!("i-{:017x}", 42)), "{kept}");
    assert!(!kept.contains(&format!("i-{:017x}", 41)), "{kept}");
}
