//! `caller-identity`: `aws sts get-caller-identity` (`UserId`, `Account`, `Arn`). For instance
//! credentials the ARN is `…:assumed-role/ROLE/i-…`: the role and the instance id are read.

use super::arn::AssumedRole;
use super::facts::{CallerIdentity, Facts, Located};
use super::fields;
use super::scan;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::CallerIdentity,
    commands: &["sts get-caller-identity"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

/// `--output text` (`ACCOUNT  ARN  USERID`), `--output table`, `--output yaml` and
/// `--query Arn --output text` (the bare ARN): every word is one of the three values, a key, a
/// title or table rule, and exactly one is a principal ARN.
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let span = scan::trim(paste, piece.span);
    let mut identity = CallerIdentity {
        user_id: None,
        account: None,
        arn: None,
        assumed_role: None,
    };
    let mut pos = span.start;
    while pos < span.end {
        let start = scan::skip_space(paste, pos, span.end);
        let word = scan::run_while(paste, start, span.end, |b| {
            !b.is_ascii_whitespace() && b != b'|'
        });
        if word.is_empty() {
            pos = start + 1;
            continue;
        }
        pos = word.end;
        let word = trim_quotes(paste, word);
        let text = word.slice(paste);
        let located = || Some(Located::new(text.to_string(), word));
        if text.starts_with("arn:")
            && (text.contains(":assumed-role/")
                || text.contains(":user/")
                || text.ends_with(":root"))
        {
            if identity.arn.is_some() {
                return None;
            }
            identity.arn = located();
        } else if text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()) {
            identity.account = located();
        } else if ["AROA", "AIDA", "ASIA"].iter().any(|p| text.starts_with(p))
            || (text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit()))
        {
            identity.user_id = located();
        } else if !is_decoration(text) {
            return None;
        }
    }
    identity.arn.as_ref()?;
    identity.assumed_role = identity.arn.as_ref().and_then(AssumedRole::of);
    let from_command = piece.command.is_some_and(|c| c.is_aws(SIGNATURE.commands));
    Some((
        if from_command { 80 } else { 65 },
        Reading::new(InputKind::CallerIdentity, Facts::CallerIdentity(identity)),
    ))
}

/// Keys, titles and table rules around the values.
fn is_decoration(text: &str) -> bool {
    matches!(
        text.trim_end_matches(':'),
        "Account" | "Arn" | "UserId" | "GetCallerIdentity" | "ACCOUNT" | "ARN" | "USERID"
    ) || text.bytes().all(|b| b"-+|=".contains(&b))
}

fn trim_quotes(paste: &str, word: Span) -> Span {
    let bytes = paste.as_bytes();
    let (mut start, mut end) = (word.start, word.end);
    while start < end && bytes.get(start).is_some_and(|b| b"\"'".contains(b)) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).is_some_and(|b| b"\"',".contains(b)) {
        end -= 1;
    }
    Span::new(start, end)
}

fn recognise_json(json: &Json) -> u8 {
    let keys = ["UserId", "Account", "Arn"]
        .iter()
        .filter(|key| fields::has(json, key))
        .count();
    match keys {
        3 => 95,
        2 if fields::has(json, "UserId") => 70,
        _ => 0,
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let arn = fields::text(json, paste, "$", "Arn");
    let identity = CallerIdentity {
        user_id: fields::text(json, paste, "$", "UserId"),
        account: fields::text(json, paste, "$", "Account"),
        assumed_role: arn.as_ref().and_then(AssumedRole::of),
        arn,
    };
    Reading::new(InputKind::CallerIdentity, Facts::CallerIdentity(identity))
}
