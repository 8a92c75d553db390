//! Every AWS managed policy parses: the 1,594 latest documents and all 6,194 historical versions.

use engine::policy::workload::policy_from_serde;
use engine::policy::Policy;

fn parse_lines(text: &str) -> (usize, Vec<String>) {
    let mut count = 0;
    let mut failures = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        count += 1;
        let entry: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
        let name = entry["name"].as_str().unwrap_or("?");
        let version = entry["versionId"].as_str().unwrap_or("?");
        match policy_from_serde(&entry["document"]) {
            Ok(policy) => assert!(!policy.statements().is_empty(), "{name} {version}"),
            Err(e) => failures.push(format!("{name} {version}: {e}")),
        }
    }
    (count, failures)
}

#[test]
fn all_latest_managed_policies_parse() {
    let text = fixtures::read("policies/aws-managed-latest.jsonl");
    let (count, failures) = parse_lines(&text);
    assert_eq!(count, 1594);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_historical_managed_policy_versions_parse() {
    let text = fixtures::read("policies/aws-managed-all-versions.jsonl.gz");
    let (count, failures) = parse_lines(&text);
    assert_eq!(count, 6194);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn pretty_printed_text_parses_with_spans_into_it() {
    let text = fixtures::read("policies/aws-managed-latest.jsonl");
    let first = text.lines().next().expect("a line");
    let entry: serde_json::Value = serde_json::from_str(first).expect("json");
    let pretty = serde_json::to_string_pretty(&entry["document"]).expect("pretty");
    let policy = Policy::parse(&pretty).expect("parses");
    for statement in policy.statements() {
        let covered = statement.span().slice(&pretty);
        assert!(
            covered.starts_with('{') && covered.ends_with('}'),
            "{covered}"
        );
        if let Some(sid) = statement.sid() {
            assert!(covered.contains(sid));
        }
    }
}
