//! Over every fixture case (each fixture and test case alone, the page's worked examples, and the
//! whole-investigation combinations of `rules_cases`), in both languages:
//!
//! - the verdict, the chain and the findings agree: no link good while a finding of severity
//!   error or warning concerns it, or while an input about it was not read whole; `healthy` never
//!   with an input not read whole or a finding of severity error, warning or check; `broken`
//!   exactly when a link is broken or an error stands; at most four steps, none twice;
//! - one finding per (rule, subject);
//! - no placeholder where a paste names the thing (the case names exactly one of its kind);
//! - counts agree: the credentials the `secrets-in-input` title counts are those the page's
//!   banner counts;
//! - every shell command the engine emits (fixes, next steps, the verdict's steps, the Gather
//!   steps and scripts, all as the renderers print them, secrets masked) passes `bash -n` and
//!   `shellcheck -s bash -S warning`.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use engine::chain::{self, State};
use engine::finding::{Diagnosis, Severity};
use engine::gather::{self, GatherRequest, Where};
use engine::lang::Lang;
use engine::names::{placeholders_in, Kind};
use engine::rules::{diagnose, finish::subject, Case};
use engine::verdict::{Status, MAX_STEPS};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

/// The multi-paste cases: the page's worked examples (`src/examples.rs`, copies of these
/// fixtures) and the investigations of `rules_cases.rs`.
const COMBINED: &[&[&str]] = &[
    &["iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json"],
    &[
        "moto/out/10-iam-get-instance-profile.json",
        "imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt",
    ],
    &[
        "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
        "iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt",
    ],
    &[
        "imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt",
        "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json",
    ],
    &[
        "imds-iam-info/aws-sdk-go-v1-test-success.json",
        "iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json",
    ],
    &[
        "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json",
        "iam-get-role/CONSTRUCTED-cli-getrole-decoded-trust-wrong-service.json",
    ],
    &[
        "cases:list-instance-profiles-denied.txt",
        "moto/out/11-iam-list-instance-profiles.json",
        "moto/out/42-err-add-second-role.err",
    ],
    &[
        "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
        "imds-security-credentials-listing/aws-sdk-go-v1-test-role-name-with-newline.txt",
        "sdk-client-errors/real-aws-sdk-net-stale-instance-profile-3461.txt",
    ],
    &[
        "iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt",
        "iam-access-denied/real-addroletoinstanceprofile-denied-assumed-role-sdk-session.txt",
    ],
    &[
        "ec2-run-instances-errors/CONSTRUCTED-cli-runinstances-unauthorizedoperation-with-encoded-message.txt",
        "sts-decode-authorization-message/CONSTRUCTED-cli-passrole-implicit-deny.json",
        "ec2-run-instances-errors/real-packer-runinstances-invalid-instance-profile-name-217.txt",
        "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
    ],
    &[
        "imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt",
        "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json",
        "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
    ],
    &[
        "moto/out/21-iam-get-instance-profile-recreated.json",
        "moto/out/28-ec2-describe-instances-final.json",
        "moto/out/25-ec2-describe-iam-instance-profile-associations-fixed.json",
    ],
    &[
        "trust-policies/CONSTRUCTED-wrong-service-rds-instead-of-ec2.json",
        "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json",
    ],
    &[
        "cases:investigation-s6-transcript.txt",
        "moto/out/43-err-get-instance-profile-missing.err",
    ],
];

fn text(name: &str) -> String {
    match name.split_once(':') {
        Some(("cases", rest)) => {
            let path = format!("{CASES}{rest}");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        }
        _ => fixtures::read(name),
    }
}

/// Every case: its name and its pastes.
fn all_cases() -> Vec<(String, Vec<String>)> {
    let mut cases: Vec<(String, Vec<String>)> = Vec::new();
    for name in fixtures::list() {
        if name.starts_with("policies/") || name.ends_with(".md") {
            continue;
        }
        cases.push((name.clone(), vec![text(&name)]));
    }
    let mut own: Vec<String> = std::fs::read_dir(CASES)
        .map(|dir| {
            dir.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.ends_with(".md"))
                .collect()
        })
        .unwrap_or_default();
    own.sort();
    for name in own {
        let name = format!("cases:{name}");
        cases.push((name.clone(), vec![text(&name)]));
    }
    for combined in COMBINED {
        cases.push((
            combined.join(" + "),
            combined.iter().map(|name| text(name)).collect(),
        ));
    }
    assert!(cases.len() > 100, "{} cases", cases.len());
    cases
}

/// Every shell command of a diagnosis, as the renderers print it (secrets masked).
fn commands(case: &Case, diagnosis: &Diagnosis) -> Vec<String> {
    let shown = engine::report::redact(case, diagnosis);
    let mut out: Vec<String> = shown
        .findings
        .iter()
        .flat_map(|f| f.fix.iter().filter_map(|fix| fix.command.clone()))
        .collect();
    out.extend(shown.next.iter().map(|n| n.command.clone()));
    out.extend(shown.verdict.steps.iter().map(|s| s.command.clone()));
    out
}

fn check_case(name: &str, case: &Case, lang: Lang, problems: &mut Vec<String>) {
    let diagnosis = diagnose(case, lang);
    let verdict = &diagnosis.verdict;
    let mut fail = |what: String| problems.push(format!("{name} [{}]: {what}", lang.code()));

    // The chain agrees with the findings and with what was read.
    let not_read: Vec<usize> = case
        .inputs()
        .filter(|at| !chain::read_whole(at.input))
        .map(|at| at.index)
        .collect();
    for state in &verdict.chain {
        let concerned = diagnosis.findings.iter().find(|f| {
            matches!(f.severity, Severity::Error | Severity::Warning)
                && chain::link_of(f.id) == Some(state.link)
        });
        if let (State::Good, Some(finding)) = (state.state, concerned) {
            fail(format!(
                "{} is good while {} stands",
                state.link.id(),
                finding.id
            ));
        }
    }
    let broken_link = verdict.chain.iter().any(|s| s.state == State::Broken);
    let error = diagnosis
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    if (verdict.status == Status::Broken) != (broken_link || error) {
        fail(format!(
            "status {:?} with broken link {broken_link}, error {error}",
            verdict.status
        ));
    }
    if verdict.status == Status::Healthy {
        if !not_read.is_empty() {
            fail(format!("healthy with inputs {not_read:?} not read whole"));
        }
        if let Some(f) = diagnosis
            .findings
            .iter()
            .find(|f| f.severity != Severity::Info)
        {
            fail(format!("healthy with {} ({})", f.id, f.severity.id()));
        }
    }
    if let Some(link) = verdict.link {
        let first = verdict.chain.iter().find(|s| s.state == State::Broken);
        if first.map(|s| s.link) != Some(link) {
            fail(format!(
                "verdict link {} is not the first broken",
                link.id()
            ));
        }
    }
    if verdict.summary.is_empty() {
        fail("empty summary".to_owned());
    }
    if verdict.steps.len() > MAX_STEPS {
        fail(format!("{} steps", verdict.steps.len()));
    }
    let mut seen = BTreeSet::new();
    for step in &verdict.steps {
        if !seen.insert(step.command.clone()) {
            fail(format!("step twice: {}", step.command));
        }
    }

    // One finding per (rule, subject).
    let mut subjects = BTreeSet::new();
    for finding in &diagnosis.findings {
        if !subjects.insert((finding.id, subject(finding).to_owned())) {
            fail(format!("{} twice about `{}`", finding.id, subject(finding)));
        }
    }

    // No placeholder where a paste names the thing.
    let names = case.names();
    let request = gather::request_for(case, lang);
    let mut texts: Vec<String> = commands(case, &diagnosis);
    texts.extend(diagnosis.findings.iter().map(|f| f.title.clone()));
    texts.extend(gather::steps(&request).into_iter().map(|s| s.command));
    for text in &texts {
        for kind in Kind::ALL {
            let named = names.all(kind);
            if named.len() == 1 && text.contains(kind.placeholder()) {
                fail(format!(
                    "{} left in `{text}` although the case names `{}`",
                    kind.placeholder(),
                    named.join("`, `")
                ));
            }
        }
    }

    // Counts agree.
    let credentials = engine::rules::credentials::secrets_in_input::credential_count(case);
    let secrets = diagnosis
        .findings
        .iter()
        .find(|f| f.id == "secrets-in-input");
    match (credentials, secrets) {
        (0, None) => {}
        (0, Some(_)) => fail("secrets-in-input without credential values".to_owned()),
        (n, Some(f)) if f.title.contains(&format!(" {n} ")) => {}
        (n, other) => fail(format!(
            "{n} credential values, secrets-in-input says {:?}",
            other.map(|f| &f.title)
        )),
    }

    // Fixes of different findings never contradict: where the instance's profile was deleted
    // or re-created, no fix creates a profile without saying the association must follow.
    let stale = diagnosis.findings.iter().any(|f| {
        matches!(
            f.id,
            "instance-profile-deleted" | "instance-profile-recreated"
        )
    });
    if stale {
        for fix in diagnosis.findings.iter().flat_map(|f| f.fix.iter()) {
            let creates = fix
                .command
                .as_deref()
                .is_some_and(|c| c.contains("create-instance-profile"));
            let says = ["association", "関連付け"]
                .iter()
                .any(|w| fix.label.contains(w));
            if creates && !says {
                fail(format!("`{}` contradicts the stale association", fix.label));
            }
        }
    }
}

#[test]
fn verdict_chain_findings_and_names_agree_on_every_case() {
    let mut problems = Vec::new();
    let cases = all_cases();
    let mut statuses = std::collections::BTreeMap::new();
    for (name, pastes) in &cases {
        let case = Case::read(pastes);
        for lang in Lang::ALL {
            check_case(name, &case, lang, &mut problems);
        }
        let status = diagnose(&case, Lang::En).verdict.status.id();
        *statuses.entry(status).or_insert(0) += 1;
    }
    eprintln!("{} cases, verdicts {statuses:?}", cases.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every distinct command the engine emits over every case, in both languages.
fn every_command() -> BTreeSet<String> {
    let mut all = BTreeSet::new();
    for (_, pastes) in all_cases() {
        let case = Case::read(&pastes);
        for lang in Lang::ALL {
            let diagnosis = diagnose(&case, lang);
            all.extend(commands(&case, &diagnosis));
            let request = gather::request_for(&case, lang);
            all.extend(gather::steps(&request).into_iter().map(|s| s.command));
        }
    }
    // The Gather scripts and steps with and without names.
    for lang in Lang::ALL {
        for place in Where::ALL {
            for request in [
                GatherRequest::default(),
                GatherRequest {
                    role: Some("web-role".into()),
                    profile: Some("web-profile".into()),
                    instance_id: Some("i-0123456789abcdef0".into()),
                    ..GatherRequest::default()
                },
            ] {
                let request = GatherRequest {
                    place,
                    lang,
                    ..request
                };
                all.insert(gather::shell_script(&request));
                all.extend(gather::steps(&request).into_iter().map(|s| s.command));
            }
        }
    }
    all
}

#[test]
fn every_command_the_engine_emits_is_valid_shell() {
    let commands = every_command();
    assert!(commands.len() > 50, "{} commands", commands.len());
    eprintln!("{} distinct commands", commands.len());
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("engine-commands");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let mut files = Vec::new();
    for (index, command) in commands.iter().enumerate() {
        let path = dir.join(format!("command-{index:04}.sh"));
        std::fs::write(&path, format!("{command}\n")).expect("write a command");
        files.push(path);
    }
    let mut problems = Vec::new();
    for (path, command) in files.iter().zip(&commands) {
        let output = Command::new("bash")
            .arg("-n")
            .arg(path)
            .output()
            .expect("bash runs");
        if !output.status.success() {
            problems.push(format!(
                "bash -n: {command}\n{}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    let shellcheck = Command::new("shellcheck")
        .args(["-s", "bash", "-S", "warning", "-f", "gcc"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| {
            panic!("shellcheck is not installed ({e}): run scripts/setup-shellcheck.sh (make test does)")
        });
    let report = String::from_utf8_lossy(&shellcheck.stdout);
    for line in report.lines() {
        let file = line.split(':').next().unwrap_or_default();
        let command = files
            .iter()
            .position(|p| p.to_string_lossy() == file)
            .and_then(|i| commands.iter().nth(i))
            .map_or("?", String::as_str);
        problems.push(format!("shellcheck: {line}\n  {command}"));
    }
    if !shellcheck.status.success() && report.trim().is_empty() {
        problems.push(format!(
            "shellcheck failed: {}",
            String::from_utf8_lossy(&shellcheck.stderr)
        ));
    }
    // Every placeholder left in a command is quoted: `--role-name <role-name> --x` is valid
    // syntax (two redirections), so neither check above would see it. (The Gather scripts keep
    // names in variables; `<redacted>` there is in comments and sed expressions.)
    for command in commands.iter().filter(|c| !c.starts_with("#!")) {
        if engine::names::quote_placeholders(command) != *command {
            problems.push(format!(
                "unquoted {:?}: {command}",
                placeholders_in(command)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
