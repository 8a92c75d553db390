//! The 38 hand-written identity and trust cases of `edge-cases-handwritten.json`, each with the
//! decision AWS documents; the explanation must name the statement that decided.

use engine::lang::Lang;
use engine::policy::workload::{policy_from_serde, WorkloadRequest};
use engine::policy::{Decision, PolicyKind, StatementResult};

#[test]
fn all_handwritten_edge_cases_decide_as_aws() {
    let text = fixtures::read("policies/edge-cases-handwritten.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("edge cases are JSON");
    let cases = doc["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 38);
    let mut wrong = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let policy = policy_from_serde(&case["policy"])
            .unwrap_or_else(|e| panic!("{id}: policy does not parse: {e}"));
        let expected_kind = match case["kind"].as_str() {
            Some("trust") => PolicyKind::Trust,
            _ => PolicyKind::Identity,
        };
        assert_eq!(policy.kind(), expected_kind, "{id}: policy kind");
        let request = WorkloadRequest::from_serde(&case["request"])
            .unwrap_or_else(|e| panic!("{id}: request: {e}"));
        let evaluation = policy.evaluate(&request.request());
        let expected = case["expected"].as_str().unwrap_or("?");
        if evaluation.decision.as_str() != expected {
            wrong.push(format!(
                "{id} ({}): ours {} expected {expected}\n{}",
                case["desc"].as_str().unwrap_or(""),
                evaluation.decision.as_str(),
                evaluation.explain(Lang::En)
            ));
            continue;
        }
        // A decided Allow or Deny names at least one matching statement of that effect.
        if matches!(evaluation.decision, Decision::Allow | Decision::Deny) {
            assert!(
                evaluation.deciding_statements().next().is_some(),
                "{id}: no deciding statement"
            );
        } else {
            assert!(
                evaluation
                    .statements
                    .iter()
                    .all(|s| !matches!(s.result, StatementResult::Matched)
                        || s.effect == engine::policy::Effect::Deny),
                "{id}: an Allow statement matched but the decision is {expected}"
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
