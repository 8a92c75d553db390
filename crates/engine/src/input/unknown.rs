//! `unknown`: AWS outputs that are recognised but carry nothing the diagnosis reads. They stay
//! `unknown`, with a warning that names what they are and what to paste instead, rather than
//! being forced into a kind they are not.

use super::facts::Facts;
use super::fields;
use super::problems::ReadProblem;
use super::scan;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::Unknown,
    commands: &[],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

/// (a key that identifies the output, the command, what to paste instead in en / ja)
const KNOWN_OUTPUTS: &[(&str, &str, &str, &str)] = &[
    (
        "AttachedPolicies",
        "aws iam list-attached-role-policies",
        "it lists policy names only; paste `aws iam get-policy-version` output for the documents",
        "ポリシー名の一覧だけなので、文書が必要なら `aws iam get-policy-version` の出力を貼り付けてください",
    ),
    (
        "PolicyNames",
        "aws iam list-role-policies",
        "it lists policy names only; paste `aws iam get-role-policy` output for the documents",
        "ポリシー名の一覧だけなので、文書が必要なら `aws iam get-role-policy` の出力を貼り付けてください",
    ),
    (
        "User",
        "aws iam get-user",
        "paste `aws sts get-caller-identity` to show who is calling, or the user's policies",
        "呼び出し元を示すには `aws sts get-caller-identity` の出力か、ユーザーのポリシーを貼り付けてください",
    ),
    (
        "Users",
        "aws iam list-users",
        "paste `aws iam get-account-authorization-details` for users with their policies",
        "ユーザーとそのポリシーが必要なら `aws iam get-account-authorization-details` の出力を貼り付けてください",
    ),
];

fn known_output(
    json: &Json,
) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    KNOWN_OUTPUTS
        .iter()
        .find(|(key, ..)| fields::has(json, key))
}

fn recognise_json(json: &Json) -> u8 {
    if known_output(json).is_some() {
        30
    } else {
        0
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let mut reading = Reading::new(InputKind::Unknown, Facts::None);
    if let Some((_, command, next_en, next_ja)) = known_output(piece.json) {
        reading.problems.push(ReadProblem::not_diagnostic(
            piece.json.span,
            command,
            next_en,
            next_ja,
        ));
    }
    reading
}

/// `aws configure list`: shows where credentials come from, but holds no facts of a kind here.
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let header = scan::find_phrase(
        piece.paste,
        piece.span.start,
        piece.span.end,
        "Name Value Type Location",
    )?;
    let mut reading = Reading::new(InputKind::Unknown, Facts::None);
    reading.problems.push(ReadProblem::not_diagnostic(
        header,
        "aws configure list",
        "its credential values are masked and will not be shared; to see which role the instance uses, paste `aws sts get-caller-identity`",
        "認証情報の値はマスクされ、共有されることはありません。インスタンスが使っているロールを確かめるには `aws sts get-caller-identity` の出力を貼り付けてください",
    ));
    Some((20, reading))
}
