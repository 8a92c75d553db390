//! `authorization-message`: `aws sts decode-authorization-message` output. The current CLI
//! prints `{"DecodedMessage": "<JSON as a string>"}`; older documentation and jq-pretty copies
//! show the decoded object itself (`allowed`, `explicitDeny`, `matchedStatements`, `context`).
//! Both are read. Values from inside the string are located at the `DecodedMessage` string (the
//! escapes make finer spans meaningless); their paths say where inside it they are.

use super::facts::{
    AuthorizationMessage, ContextCondition, DocumentEncoding, Facts, Located, MatchedStatement,
};
use super::fields;
use super::problems::ReadProblem;
use super::{scan, InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::{self, Json};
use crate::lang::Lang;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::AuthorizationMessage,
    commands: &["sts decode-authorization-message"],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

/// The decoded message copied out of the CLI's `DecodedMessage` string, escapes and all:
/// `{\"allowed\":false,…,\"action\":\"iam:PassRole\"…}` (with or without its quotes).
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let span = scan::trim(paste, piece.span);
    let text = span.slice(paste);
    let body = text.strip_prefix('"').unwrap_or(text);
    let body = body.strip_suffix(',').unwrap_or(body);
    let body = body.strip_suffix('"').unwrap_or(body);
    if !body.starts_with("{\\\"") || !body.contains("\\\"allowed\\\"") {
        return None;
    }
    // Unescape it as the JSON string it was.
    let quoted = format!("\"{body}\"");
    let inner_text = json::parse(&quoted)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))?;
    let lenient = json::parse_lenient(&inner_text);
    let inner = lenient.value.as_ref()?;
    if !is_decoded(inner) {
        return None;
    }
    let mut message = read_message(&inner_text, inner, "$", DocumentEncoding::JsonString);
    relocate(&mut message, span);
    Some((
        85,
        Reading::new(
            InputKind::AuthorizationMessage,
            Facts::AuthorizationMessage(message),
        ),
    ))
}

fn is_decoded(json: &Json) -> bool {
    fields::has(json, "allowed")
        && (fields::has(json, "explicitDeny") || fields::has(json, "context"))
}

fn recognise_json(json: &Json) -> u8 {
    if fields::has(json, "DecodedMessage") {
        95
    } else if is_decoded(json) {
        90
    } else {
        0
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let Some((decoded, key)) = fields::get_any(json, &["DecodedMessage"]) else {
        let message = read_message(paste, json, "$", DocumentEncoding::Json);
        return Reading::new(
            InputKind::AuthorizationMessage,
            Facts::AuthorizationMessage(message),
        );
    };
    let path = fields::key_path("$", key);
    if decoded.as_object().is_some() {
        let message = read_message(paste, decoded, &path, DocumentEncoding::Json);
        return Reading::new(
            InputKind::AuthorizationMessage,
            Facts::AuthorizationMessage(message),
        );
    }
    let inner_text = decoded.as_str().unwrap_or_default().to_string();
    let at = fields::content_span(decoded, paste);
    let lenient = json::parse_lenient(&inner_text);
    let mut message = match &lenient.value {
        Some(inner) => read_message(&inner_text, inner, &path, DocumentEncoding::JsonString),
        None => read_message(
            &inner_text,
            &Json {
                value: json::Value::Null,
                span: Span::default(),
            },
            &path,
            DocumentEncoding::JsonString,
        ),
    };
    relocate(&mut message, at);
    let mut reading = Reading::new(
        InputKind::AuthorizationMessage,
        Facts::AuthorizationMessage(message),
    );
    if let Some(error) = lenient.error {
        reading.problems.push(ReadProblem::bad_json(
            at,
            matches!(error.kind, json::ParseErrorKind::UnexpectedEnd { .. }),
            Some(InputKind::AuthorizationMessage),
            &error.message(Lang::En),
            &error.message(Lang::Ja),
        ));
    }
    reading
}

fn read_message(
    text: &str,
    json: &Json,
    path: &str,
    encoding: DocumentEncoding,
) -> AuthorizationMessage {
    let prefix = |inner: &str| format!("{path}{}", inner.trim_start_matches('$'));
    let context = fields::get(json, "context");
    let context_path = prefix("$.context");
    let principal = context.and_then(|c| fields::get(c, "principal"));
    let principal_path = format!("{context_path}.principal");
    let matched_path = prefix("$.matchedStatements");
    let matched_statements = fields::get(json, "matchedStatements")
        .map(|matched| {
            fields::list(matched, &matched_path, "items")
                .into_iter()
                .map(|(statement, statement_path)| MatchedStatement {
                    statement_id: fields::text(statement, text, &statement_path, "statementId"),
                    effect: fields::text(statement, text, &statement_path, "effect"),
                    actions: items_values(text, statement, &statement_path, "actions"),
                    resources: items_values(text, statement, &statement_path, "resources"),
                })
                .collect()
        })
        .unwrap_or_default();
    let conditions = context
        .and_then(|c| fields::get(c, "conditions"))
        .map(|conditions| {
            fields::list(conditions, &format!("{context_path}.conditions"), "items")
                .into_iter()
                .filter_map(|(item, item_path)| {
                    Some(ContextCondition {
                        key: fields::text(item, text, &item_path, "key")?,
                        values: items_values(text, item, &item_path, "values"),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    AuthorizationMessage {
        allowed: fields::boolean(json, &prefix("$"), "allowed"),
        explicit_deny: fields::boolean(json, &prefix("$"), "explicitDeny"),
        action: context.and_then(|c| fields::text(c, text, &context_path, "action")),
        resource: context.and_then(|c| fields::text(c, text, &context_path, "resource")),
        principal_arn: principal.and_then(|p| fields::text(p, text, &principal_path, "arn")),
        principal_id: principal.and_then(|p| fields::text(p, text, &principal_path, "id")),
        matched_statements,
        conditions,
        encoding,
    }
}

/// `{"items": [{"value": …}]}` under `key`.
fn items_values(text: &str, json: &Json, path: &str, key: &str) -> Vec<Located<String>> {
    let Some(container) = fields::get(json, key) else {
        return Vec::new();
    };
    let container_path = fields::key_path(path, key);
    fields::list(container, &container_path, "items")
        .into_iter()
        .filter_map(|(item, item_path)| fields::text(item, text, &item_path, "value"))
        .collect()
}

fn relocate(message: &mut AuthorizationMessage, at: Span) {
    fn fix<T>(located: &mut Option<Located<T>>, at: Span) {
        if let Some(located) = located {
            located.span = at;
        }
    }
    fix(&mut message.allowed, at);
    fix(&mut message.explicit_deny, at);
    fix(&mut message.action, at);
    fix(&mut message.resource, at);
    fix(&mut message.principal_arn, at);
    fix(&mut message.principal_id, at);
    for statement in &mut message.matched_statements {
        fix(&mut statement.statement_id, at);
        fix(&mut statement.effect, at);
        statement.actions.iter_mut().for_each(|a| a.span = at);
        statement.resources.iter_mut().for_each(|r| r.span = at);
    }
    for condition in &mut message.conditions {
        condition.key.span = at;
        condition.values.iter_mut().for_each(|v| v.span = at);
    }
}
