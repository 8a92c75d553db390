//! Cost of the checks (`engine::rules::diagnose`) once the pastes are read, on three cases:
//! the S6 investigation transcript, every fixture pasted into one case, and a fleet dump of
//! 10,000 instances without an instance profile plus 10,000 empty instance profiles (every
//! instance and profile checked, findings grouped).
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench rules`
//! (shorter: `… --bench rules -- --measurement-time 2 --warm-up-time 1`)

use std::hint::black_box;
use std::time::Instant;

use criterion::Criterion;
use engine::lang::Lang;
use engine::rules::{diagnose, Case};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// Every fixture text but the policy corpus.
fn all_fixtures() -> Vec<String> {
    fixtures::list()
        .into_iter()
        .filter(|name| !name.starts_with("policies/"))
        .filter_map(|name| String::from_utf8(fixtures::read_bytes(&name)).ok())
        .collect()
}

fn fleet(count: usize) -> Vec<String> {
    let instance: serde_json::Value = serde_json::from_str(&fixtures::read(
        "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json",
    ))
    .unwrap_or_default();
    let instance = instance["Reservations"][0]["Instances"][0].clone();
    let profile: serde_json::Value = serde_json::from_str(&fixtures::read(
        "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
    ))
    .unwrap_or_default();
    let profile = profile["InstanceProfile"].clone();
    let instances: Vec<serde_json::Value> = (0..count)
        .map(|n| {
            let mut i = instance.clone();
            i["InstanceId"] = serde_json::Value::String(format!("i-{n:017x}"));
            i
        })
        .collect();
    let profiles: Vec<serde_json::Value> = (0..count)
        .map(|n| {
            let mut p = profile.clone();
            p["InstanceProfileName"] = serde_json::Value::String(format!("fleet-{n}"));
            p["Arn"] = serde_json::Value::String(format!(
                "arn:aws:iam::123456789012:instance-profile/fleet-{n}"
            ));
            p
        })
        .collect();
    vec![
        serde_json::to_string_pretty(
            &serde_json::json!({"Reservations": [{"Instances": instances}]}),
        )
        .unwrap_or_default(),
        serde_json::to_string_pretty(&serde_json::json!({"InstanceProfiles": profiles}))
            .unwrap_or_default(),
    ]
}

fn main() {
    let transcript = Case::read(&[read(&format!("{CASES}investigation-s6-transcript.txt"))]);
    let every_fixture = Case::read(&all_fixtures());
    let fleet_texts = fleet(10_000);
    let started = Instant::now();
    let fleet = Case::read(&fleet_texts);
    let read_time = started.elapsed();

    let mut criterion = Criterion::default().configure_from_args();
    criterion.bench_function("diagnose/s6-transcript", |b| {
        b.iter(|| diagnose(black_box(&transcript), Lang::En))
    });
    criterion.bench_function("diagnose/all-fixtures-one-case", |b| {
        b.iter(|| diagnose(black_box(&every_fixture), Lang::En))
    });
    criterion.bench_function("diagnose/fleet-10k-instances-10k-profiles", |b| {
        b.iter(|| diagnose(black_box(&fleet), Lang::En))
    });
    criterion.final_summary();

    let started = Instant::now();
    let diagnosis = diagnose(&fleet, Lang::En);
    let diagnose_time = started.elapsed();
    let bytes: usize = fleet_texts.iter().map(String::len).sum();
    println!(
        "fleet: {:.1} MB read in {read_time:?}, diagnosed in {diagnose_time:?}: {} findings, largest affected list {}",
        bytes as f64 / 1e6,
        diagnosis.findings.len(),
        diagnosis.findings.iter().map(|f| f.affected.len()).max().unwrap_or(0)
    );
}
