//! `sdk-error`: client-side errors and logs of the SDKs and the CLI: "Unable to locate
//! credentials", IMDS timeouts and refused connections, IMDS 401/403/404/429/503 as each SDK
//! words them, proxies and captive portals answering instead of IMDS, retries exhausted.
//!
//! The wordings are rows of the client vocabulary ([`super::vocabulary`]), each with the
//! client and source file it comes from and the context it needs: a bare `StatusCode: 403` is
//! only an IMDS symptom when the text (or its command) talks about IMDS. A text about this
//! domain that no row explains is still an `sdk-error` (class `unexplained`), so the diagnosis
//! asks for more instead of reporting nothing wrong.

use super::facts::{Facts, SdkError, SdkErrorClass};
use super::vocabulary;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::SdkError,
    commands: &[],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let errors = classify(piece);
    if !errors.is_empty() {
        // A banner that only says "failed" loses to any reader that reads more of the text.
        let explained = errors.iter().any(|e| e.class != SdkErrorClass::Unexplained);
        return Some((
            if explained { 70 } else { 5 },
            Reading::new(InputKind::SdkError, Facts::SdkErrors(errors)),
        ));
    }
    // A link's stand-ins alone (`<removed: IMDSv2 token>`) name credentials but say nothing
    // the sender's paste did not: nothing is unexplained there.
    if only_stand_ins(piece.paste, piece.span) {
        return None;
    }
    // About this domain but explained by no row: still an `sdk-error`, never `unknown` with
    // nothing wrong; any other reading of the text wins over this one.
    let unexplained = vocabulary::unexplained(piece.paste, piece.span)?;
    Some((
        5,
        Reading::new(InputKind::SdkError, Facts::SdkErrors(vec![unexplained])),
    ))
}

/// Whether `text[span]` holds nothing but share-link stand-ins and white space.
fn only_stand_ins(text: &str, span: Span) -> bool {
    let stand_ins = super::secrets::stand_ins(text, span);
    if stand_ins.is_empty() {
        return false;
    }
    let mut at = span.start;
    for (found, _) in stand_ins {
        if !Span::new(at, found.start.max(at))
            .slice(text)
            .trim()
            .is_empty()
        {
            return false;
        }
        at = found.end;
    }
    Span::new(at, span.end.max(at))
        .slice(text)
        .trim()
        .is_empty()
}

/// Logs written as JSON (pino, bunyan, Ansible's `FAILED! => {…}` results): a document with a
/// string the vocabulary explains.
fn recognise_json(json: &Json) -> u8 {
    let mut stack = vec![json];
    let mut budget = 2_000usize;
    while let Some(value) = stack.pop() {
        budget = budget.saturating_sub(1);
        if budget == 0 {
            return 0;
        }
        match &value.value {
            crate::json::Value::String(text) => {
                let text: &str = text.as_ref();
                let found = vocabulary::classify(text, Span::new(0, text.len()), None);
                if found.iter().any(|e| e.class != SdkErrorClass::Unexplained) {
                    return 60;
                }
            }
            crate::json::Value::Array(items) => stack.extend(items.iter()),
            crate::json::Value::Object(members) => {
                stack.extend(members.iter().map(|member| &member.value));
            }
            _ => {}
        }
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let errors = vocabulary::classify(piece.paste, piece.json.span, None);
    Reading::new(InputKind::SdkError, Facts::SdkErrors(errors))
}

/// One entry per class, at its first evidence, in the order they appear.
pub(super) fn classify(piece: &TextPiece) -> Vec<SdkError> {
    vocabulary::classify(
        piece.paste,
        piece.span,
        piece.command.map(|command| command.span),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<SdkErrorClass> {
        let piece = TextPiece {
            paste: text,
            span: Span::new(0, text.len()),
            command: None,
        };
        classify(&piece).into_iter().map(|e| e.class).collect()
    }

    #[test]
    fn the_common_symptoms() {
        assert_eq!(classes("Unable to locate credentials. You can configure credentials by running \"aws configure\"."), vec![SdkErrorClass::NoCredentials]);
        assert_eq!(
            classes("│ Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 404, request to EC2 IMDS failed"),
            // The wrapper says something failed; the status code says what.
            vec![SdkErrorClass::Imds404NoRole, SdkErrorClass::ImdsErrorResponse]
        );
        assert_eq!(
            classes("urllib3.exceptions.ConnectTimeoutError: (<x>, 'Connection to 169.254.169.254 timed out. (connect timeout=1)')"),
            vec![SdkErrorClass::ImdsConnectTimeout]
        );
    }

    #[test]
    fn more_sdks_and_token_timeouts() {
        assert_eq!(
            classes("operation error ec2imds: GetToken, canceled, context deadline exceeded"),
            vec![
                SdkErrorClass::ImdsTokenTimeout,
                SdkErrorClass::ImdsConnectTimeout
            ]
        );
        assert_eq!(
            classes("the credential provider was not enabled: no providers in chain provided credentials"),
            vec![SdkErrorClass::NoCredentials]
        );
        assert_eq!(
            classes("Unable to get IAM security credentials from EC2 Instance Metadata Service."),
            vec![SdkErrorClass::ImdsErrorResponse]
        );
        assert!(classes("the build timed out").is_empty());
    }

    #[test]
    fn status_codes_need_imds_context() {
        assert!(classes("status code: 403, request id: 7a20").is_empty());
        assert_eq!(
            classes("unable to initialize AWS cloud: EC2MetadataError: failed to make EC2Metadata requeststatus code: 401, request id: \"\""),
            vec![SdkErrorClass::Imds401, SdkErrorClass::ImdsErrorResponse]
        );
    }
}
