//! `policy-simulation`: `aws iam simulate-principal-policy` / `simulate-custom-policy`
//! (`EvaluationResults[]`: action, resource, decision, matched statements, missing context).

use super::facts::{Facts, SimulationResult};
use super::fields;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::PolicySimulation,
    commands: &[
        "iam simulate-principal-policy",
        "iam simulate-custom-policy",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "EvaluationResults").is_some_and(|r| r.as_array().is_some()) {
        95
    } else {
        0
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let results = fields::list(piece.json, "$", "EvaluationResults")
        .into_iter()
        .map(|(result, path)| SimulationResult {
            action: fields::text(result, paste, &path, "EvalActionName"),
            resource: fields::text(result, paste, &path, "EvalResourceName"),
            decision: fields::text(result, paste, &path, "EvalDecision"),
            matched_statement_ids: fields::list(result, &path, "MatchedStatements")
                .into_iter()
                .filter_map(|(statement, statement_path)| {
                    fields::text(statement, paste, &statement_path, "SourcePolicyId")
                })
                .collect(),
            missing_context_values: fields::texts(result, paste, &path, "MissingContextValues"),
        })
        .collect();
    Reading::new(
        InputKind::PolicySimulation,
        Facts::PolicySimulation(results),
    )
}
