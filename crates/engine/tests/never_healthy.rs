//! Never a false all-clear: no case in the fixtures, the rule test cases or texts about the
//! domain ends "healthy" while something pasted is unknown, half read, or a client error whose
//! cause is not decided.
//!
//! "Healthy" is the engine's verdict (`verdict.status == healthy`). Held over every case: the
//! verdict is never healthy while an input is unknown or half read, or a finding of severity
//! `error`, `warning` or `check` stands; a client error (`sdk-error`, `aws-error`) never ends
//! healthy; and text about the domain is never left `unknown`.

use engine::finding::{Diagnosis, Severity};
use engine::input::{InputKind, ProblemSeverity};
use engine::lang::Lang;
use engine::rules::{diagnose, Case};
use engine::verdict::Status;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

fn says_healthy(diagnosis: &Diagnosis) -> bool {
    diagnosis.verdict.status == Status::Healthy
}

/// Why a healthy verdict would be false for this case, if it would.
fn not_healthy_because(case: &Case, diagnosis: &Diagnosis) -> Option<String> {
    if let Some(finding) = diagnosis.findings.iter().find(|f| {
        matches!(
            f.severity,
            Severity::Error | Severity::Warning | Severity::Check
        )
    }) {
        return Some(format!("the finding `{}` stands", finding.id));
    }
    unread(case)
}

/// Words that say a text is about instance credentials, IMDS or an access denial.
const DOMAIN_WORDS: &[&str] = &[
    "credential",
    "169.254.169.254",
    "imds",
    "instance profile",
    "accessdenied",
    "not authorized",
    "認証情報",
    "メタデータ",
];

/// Why the case cannot be healthy: an unknown input, or one read only in part.
fn unread(case: &Case) -> Option<String> {
    for paste in &case.pastes {
        for input in &paste.inputs {
            if input.kind == InputKind::Unknown {
                return Some("an unknown input".to_owned());
            }
            if let Some(problem) = input
                .problems
                .iter()
                .find(|p| p.severity == ProblemSeverity::Error)
            {
                return Some(format!("a half-read {} ({})", input.kind, problem.id));
            }
        }
    }
    None
}

fn check(name: &str, texts: &[String], failures: &mut Vec<String>) {
    let case = Case::read(texts);
    for paste in &case.pastes {
        for input in &paste.inputs {
            let text = input.span.slice(&paste.text);
            let about_domain = DOMAIN_WORDS.iter().any(|w| text.to_lowercase().contains(w));
            let is_json = text.trim_start().starts_with(['{', '[']);
            if input.kind == InputKind::Unknown && about_domain && !is_json {
                failures.push(format!("{name}: text about the domain left unknown"));
            }
        }
    }
    let client_error = case
        .pastes
        .iter()
        .flat_map(|p| p.inputs.iter())
        .any(|input| matches!(input.kind, InputKind::SdkError | InputKind::AwsError));
    for lang in [Lang::En, Lang::Ja] {
        let diagnosis = diagnose(&case, lang);
        if !says_healthy(&diagnosis) {
            continue;
        }
        if client_error {
            failures.push(format!(
                "{name} ({lang:?}): healthy with a client error pasted"
            ));
        }
        if let Some(why) = not_healthy_because(&case, &diagnosis) {
            failures.push(format!("{name} ({lang:?}): healthy although {why}"));
        }
    }
}

#[test]
fn no_fixture_is_healthy_when_unread() {
    let mut failures = Vec::new();
    for name in fixtures::list() {
        // The policy oracle's data and moto's generator are not pastes.
        if name.starts_with("policies/")
            || name.ends_with(".sh")
            || name.ends_with(".gz")
            || name.ends_with(".tsv")
        {
            continue;
        }
        let Ok(bytes) = fixtures::try_read_bytes(&name) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        check(&name, &[text], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn no_rule_test_case_is_healthy_when_unread() {
    let mut failures = Vec::new();
    let Ok(entries) = std::fs::read_dir(CASES) else {
        panic!("cannot list {CASES}");
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        check(&path.display().to_string(), &[text], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_and_half_read_pastes_are_never_healthy() {
    // Texts about the domain that nothing reads, cut-off documents, and notes.
    let texts = [
        "my app can't get credentials on the new instance, what is wrong?",
        "AccessDenied",
        "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2024-06-20T18:51:35Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",",
        "Launch Failed",
        "インスタンスのメタデータから認証情報を取得できません",
        "random words with nothing to do with it",
    ];
    let mut failures = Vec::new();
    for text in texts {
        check(text, &[text.to_owned()], &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
