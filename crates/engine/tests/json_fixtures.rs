//! The JSON reader against every real and constructed fixture: where serde_json accepts a file,
//! our value equals serde_json's; where it refuses, ours refuses too, with a location.

use engine::json::{self, Json, Value};
use engine::lang::Lang;
use engine::text::Location;

/// Every `.json` fixture, by its name under the fixtures folder.
fn json_files() -> Vec<String> {
    fixtures::list()
        .into_iter()
        .filter(|name| name.ends_with(".json"))
        .collect()
}

/// Every span lies on character boundaries inside its parent, children in order.
fn check_spans(text: &str, json: &Json<'_>) {
    assert!(json.span.start <= json.span.end && json.span.end <= text.len());
    assert!(text.is_char_boundary(json.span.start) && text.is_char_boundary(json.span.end));
    let mut previous_end = json.span.start;
    let mut child = |span: engine::text::Span| {
        assert!(
            span.start >= previous_end && span.end <= json.span.end,
            "{span:?} in {:?}",
            json.span
        );
        previous_end = span.end;
    };
    match &json.value {
        Value::Array(items) => {
            for item in items {
                child(item.span);
                check_spans(text, item);
            }
        }
        Value::Object(members) => {
            for member in members {
                child(member.key_span);
                child(member.value.span);
                assert_eq!(
                    json::parse(member.key_span.slice(text))
                        .ok()
                        .and_then(|k| k.as_str().map(str::to_owned)),
                    Some(member.key.to_string())
                );
                check_spans(text, &member.value);
            }
        }
        _ => {}
    }
}

/// Compares one document with serde_json; returns whether serde_json accepted it.
fn compare(name: &str, text: &str) -> bool {
    let ours = json::parse(text);
    // serde_json does not skip a byte order mark; we do.
    let serde = serde_json::from_str::<serde_json::Value>(text.trim_start_matches('\u{FEFF}'));
    match (ours, serde) {
        (Ok(json), Ok(expected)) => {
            assert_eq!(json.to_serde(), expected, "{name}");
            check_spans(text, &json);
            true
        }
        (Err(error), Err(_)) => {
            assert!(
                error.location.line >= 1 && error.location.column >= 1,
                "{name}"
            );
            assert_eq!(
                error.location,
                Location::of(text, error.span.start),
                "{name}"
            );
            for lang in Lang::ALL {
                assert!(!error.message(lang).is_empty());
            }
            false
        }
        (Ok(_), Err(serde_error)) => {
            panic!("{name}: we accept what serde_json refuses: {serde_error}")
        }
        (Err(error), Ok(_)) => panic!("{name}: we refuse what serde_json accepts: {error}"),
    }
}

#[test]
fn every_json_fixture_reads_as_serde_json_does() {
    let files = json_files();
    assert!(files.len() >= 50, "only {} fixtures found", files.len());
    let mut refused = Vec::new();
    for name in files {
        let text = fixtures::read(&name);
        if !compare(&name, &text) {
            refused.push(name);
        }
    }
    // The only refused .json fixture is moto's IMDS listing, which is plain text.
    assert!(
        refused
            .iter()
            .all(|name| name.ends_with("52-imds-security-credentials-list.json")),
        "{refused:?}"
    );
}

#[test]
fn plain_text_fixture_is_refused_at_its_first_word() {
    let text = fixtures::read("moto/out/52-imds-security-credentials-list.json");
    let error = json::parse(&text).err();
    assert_eq!(
        error.as_ref().map(|e| e.kind.code()),
        Some("invalid_literal")
    );
    assert_eq!(
        error.map(|e| (e.location.line, e.location.column)),
        Some((1, 1))
    );
}

fn compare_lines(name: &str, text: &str) -> usize {
    let mut count = 0;
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        assert!(
            compare(&format!("{name}:{}", number + 1), line),
            "{name}:{}",
            number + 1
        );
        count += 1;
    }
    count
}

#[test]
fn every_aws_managed_policy_line_reads_as_serde_json_does() {
    let text = fixtures::read("policies/aws-managed-latest.jsonl");
    let count = compare_lines("aws-managed-latest.jsonl", &text);
    assert!(count > 1000, "{count} lines");
}

#[test]
fn every_line_of_the_other_policy_corpora_reads_as_serde_json_does() {
    for name in ["iam-actions.jsonl", "iam-resource-types.jsonl"] {
        let text = fixtures::read(&format!("policies/{name}"));
        assert!(compare_lines(name, &text) > 100, "{name}");
    }
}

#[test]
fn every_version_of_every_aws_managed_policy_reads_as_serde_json_does() {
    let text = fixtures::read("policies/aws-managed-all-versions.jsonl.gz");
    assert!(compare_lines("aws-managed-all-versions.jsonl", &text) > 5000);
}

/// A page reads big pastes in slices, yielding between them: for every fixture, the sliced
/// reading ends exactly where, and with exactly what, the reading at once does; a document of
/// many slices really is read in several calls.
#[test]
fn every_json_fixture_reads_the_same_in_slices() {
    let files = json_files();
    assert!(files.len() > 50, "only {} fixtures", files.len());
    for name in &files {
        let text = fixtures::read(name);
        let whole = json::parse_lenient_at(&text, 0);
        for slice in [1, 13, 4096] {
            let mut reader = json::LenientReader::new(&text, 0);
            let mut calls = 0usize;
            let sliced = loop {
                calls += 1;
                if let Some(done) = reader.read(slice) {
                    break done;
                }
            };
            assert_eq!(sliced, whole, "{} in slices of {slice}", name);
            // Pauses fall between values only (a long string is never cut): in slices of one
            // byte, a container of several items takes a call per item at least.
            let items = whole.0.value.as_ref().map_or(0, |v| match &v.value {
                Value::Array(items) => items.len(),
                Value::Object(members) => members.len(),
                _ => 0,
            });
            if slice == 1 && items >= 2 {
                assert!(calls > items, "{}: {calls} calls for {items} items", name);
            }
        }
    }
}
