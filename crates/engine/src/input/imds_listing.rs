//! `imds-credentials-listing`: the body of `GET …/iam/security-credentials/`: the name of the
//! role whose credentials IMDS serves (one line, maybe with a trailing newline).
//!
//! A single word is a weak signal, so this kind scores low and steps aside when the command
//! above the output asked for something else.

use super::facts::{CredentialsListing, Facts, Located};
use super::imds_http::is_token;
use super::problems::ReadProblem;
use super::scan;
use super::{is_instance_id, InputKind, Reading, Signature, TextPiece};

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ImdsCredentialsListing,
    commands: &[],
    recognise_json: None,
    read_json: None,
    read_text: Some(read_text),
};

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    if let Some(command) = piece.command {
        let asks_listing = command
            .imds_path
            .as_deref()
            .is_some_and(|path| path.trim_end_matches('/').ends_with("security-credentials"));
        // Any other IMDS path is sorted out by `imds_http::apply_request_path`.
        if !asks_listing && command.imds_path.is_none() {
            return None;
        }
    }
    let span = scan::trim(piece.paste, piece.span);
    let text = span.slice(piece.paste);
    let is_role_name = !text.is_empty()
        && text.len() <= 64
        && text.bytes().all(scan::is_iam_name_byte)
        && text.bytes().any(|b| b.is_ascii_alphabetic());
    let not_something_else = !is_token(text)
        && !is_instance_id(text)
        && !["null", "None", "true", "false", "info", "Success"].contains(&text)
        && !super::aws_error::KNOWN_CODES.contains(&text)
        && !text.starts_with("ami-")
        && !text.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    if !(is_role_name && not_something_else) {
        return None;
    }
    let listing = CredentialsListing {
        role_names: vec![Located::new(text.to_string(), span)],
        http: None,
    };
    let mut reading = Reading::new(
        InputKind::ImdsCredentialsListing,
        Facts::CredentialsListing(listing),
    );
    if piece.command.is_none() {
        reading.problems.push(ReadProblem::weak_recognition(
            span,
            InputKind::ImdsCredentialsListing,
            "because it is a single name; paste it with the `curl …/iam/security-credentials/` command above it to make that certain",
            "1 語の名前だけなので推測です。確実にするには、上に `curl …/iam/security-credentials/` のコマンド行を含めて貼り付けてください",
        ));
    }
    Some((40, reading))
}
