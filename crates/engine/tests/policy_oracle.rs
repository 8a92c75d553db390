//! Agreement with an independent oracle: the `iamSimulate` column of
//! `bench-reference-decisions.json` (first 1,000 AWS managed policies × the 10 requests of
//! `bench-requests.json`, each policy the principal's only identity policy).
//!
//! Exactly two cells differ on purpose: `iam:ListInstanceProfiles` with resource `*` against a
//! statement scoped to an instance-profile path. The oracle says Implicit; we say Depends, because
//! IAM authorizes that list against the path the caller lists.

use engine::policy::workload::{policy_from_serde, requests_from_serde};
use engine::policy::{Decision, Dependency, StatementResult};

fn read(name: &str) -> String {
    fixtures::read(&format!("policies/{name}"))
}

/// (policy, request id): the documented exceptions.
const PATH_SCOPED_EXCEPTIONS: [(&str, &str); 2] = [
    ("AWSCloud9ServiceRolePolicy", "R04"),
    ("AmazonEKSServiceRolePolicy", "R04"),
];

#[test]
fn agrees_with_iam_simulate_on_10000_cells() {
    let requests_doc: serde_json::Value =
        serde_json::from_str(&read("bench-requests.json")).expect("bench-requests.json is JSON");
    let requests = requests_from_serde(&requests_doc).expect("requests read");
    let reference: serde_json::Value =
        serde_json::from_str(&read("bench-reference-decisions.json")).expect("reference is JSON");
    let ids: Vec<&str> = reference["requestIds"]
        .as_array()
        .expect("requestIds")
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(ids.len(), requests.len());
    let rows = reference["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1000);
    let latest = read("aws-managed-latest.jsonl");

    let mut disagreements = Vec::new();
    let mut exceptions_seen = Vec::new();
    let mut cells = 0;
    for (line, row) in latest.lines().zip(rows) {
        let entry: serde_json::Value = serde_json::from_str(line).expect("jsonl line");
        let name = entry["name"].as_str().expect("name");
        assert_eq!(
            Some(name),
            row["name"].as_str(),
            "rows follow the file order"
        );
        let policy = policy_from_serde(&entry["document"])
            .unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
        let expected = row["iamSimulate"].as_array().expect("iamSimulate");
        for ((request, id), theirs) in requests.iter().zip(&ids).zip(expected) {
            cells += 1;
            let theirs = theirs.as_str().unwrap_or("?");
            let evaluation = policy.evaluate(&request.request());
            let ours = evaluation.decision;
            assert_eq!(
                ours,
                policy.decide(&request.request()),
                "{name} {id}: decide = evaluate"
            );
            if PATH_SCOPED_EXCEPTIONS.contains(&(name, id)) {
                let path_scoped = evaluation.statements.iter().any(|s| {
                    matches!(&s.result, StatementResult::Depends(deps)
                        if deps.iter().any(|d| matches!(d, Dependency::PathScopedList { .. })))
                });
                assert_eq!(ours, Decision::Depends, "{name} {id}");
                assert!(path_scoped, "{name} {id}: Depends for the path-scoped list");
                assert_eq!(theirs, "Implicit", "{name} {id}: the oracle's answer");
                exceptions_seen.push((name.to_string(), id.to_string()));
                continue;
            }
            if ours.as_str() != theirs {
                disagreements.push(format!(
                    "{name} {id}: ours {} theirs {theirs}",
                    ours.as_str()
                ));
            }
        }
    }
    assert_eq!(cells, 10_000);
    assert!(
        disagreements.is_empty(),
        "{} disagreements with iamSimulate:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert_eq!(
        exceptions_seen.len(),
        2,
        "both documented exceptions were met"
    );
}
