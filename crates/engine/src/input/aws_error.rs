//! `aws-error`: AWS error messages, wherever they stand: the CLI's
//! `An error occurred (CODE) when calling the OP operation: …`, the Go SDK / Terraform / Packer
//! `CODE: message`, fog's `CODE => message`, bare `User: ARN is not authorized to perform: …`
//! lines, raw Query API XML (`<Response><Errors><Error>` for EC2, `<ErrorResponse><Error>` for
//! IAM), JSON error bodies, and moto's `Instance profile X not found`.
//!
//! Every documented AccessDenied closing clause is read into a [`DenyReason`]:
//! `because no <type> policy allows the <action> action`,
//! `with an explicit deny in a(n)/the <type> policy`, and
//! `… transitively through a service control policy`. Wrapped lines are fine: phrases match
//! across any run of whitespace.

use super::arn::AssumedRole;
use super::facts::{AwsError, AwsErrorForm, DenyReason, Facts, Located, PolicyType};
use super::fields;
use super::scan;
use super::xml;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::AwsError,
    commands: &[],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

/// Error codes that the `CODE: message` / `CODE => message` forms are recognised by.
pub(super) const KNOWN_CODES: &[&str] = &[
    "AccessDenied",
    "AccessDeniedException",
    "UnauthorizedOperation",
    "UnauthorizedAccess",
    "InvalidParameterValue",
    "InvalidParameterCombination",
    "NoSuchEntity",
    "LimitExceeded",
    "EntityAlreadyExists",
    "DeleteConflict",
    "MalformedPolicyDocument",
    "IncorrectState",
    "IncorrectInstanceState",
    "InvalidInstanceID.NotFound",
    "InvalidInstanceID.Malformed",
    "InvalidAssociationID.NotFound",
    "ExpiredToken",
    "ExpiredTokenException",
    "InvalidClientTokenId",
    "SignatureDoesNotMatch",
    "AuthFailure",
    "RequestExpired",
    "ValidationError",
    "InvalidIdentityToken",
    "AssumeRoleUnauthorizedAccess",
];

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let errors = parse_errors(piece.paste, piece.span);
    let first = errors.first()?;
    let score = match first.form {
        AwsErrorForm::ClientError | AwsErrorForm::Xml => 95,
        AwsErrorForm::CodeColon => 85,
        AwsErrorForm::BareMessage => 85,
        AwsErrorForm::KnownWording => 60,
    };
    Some((
        score,
        Reading::new(InputKind::AwsError, Facts::AwsErrors(errors)),
    ))
}

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "Error").is_some_and(|error| fields::has(error, "Code")) {
        return 85;
    }
    if fields::has(json, "__type")
        || (fields::has(json, "errorType") && fields::has(json, "errorMessage"))
    {
        return 80;
    }
    let mentions_error = json.as_object().is_some_and(|members| {
        members.iter().any(|member| {
            member.value.as_str().is_some_and(|text| {
                text.contains("is not authorized to perform")
                    || text.contains("An error occurred (")
            })
        })
    });
    if mentions_error {
        75
    } else {
        0
    }
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let mut errors = parse_errors(paste, json.span);
    let error_object = fields::get(json, "Error").unwrap_or(json);
    let code = fields::text_any(error_object, paste, "$.Error", &["Code"])
        .or_else(|| fields::text_any(json, paste, "$", &["__type", "errorType", "code"]));
    let message = fields::text_any(error_object, paste, "$.Error", &["Message"])
        .or_else(|| fields::text_any(json, paste, "$", &["message", "errorMessage"]));
    match errors.first_mut() {
        Some(first) => {
            if first.code.is_none() {
                first.code = code;
            }
        }
        None => {
            let mut error = empty_error(AwsErrorForm::CodeColon, json.span);
            error.code = code;
            error.message = message;
            errors.push(error);
        }
    }
    Reading::new(InputKind::AwsError, Facts::AwsErrors(errors))
}

fn empty_error(form: AwsErrorForm, span: Span) -> AwsError {
    AwsError {
        code: None,
        code_inferred: false,
        operation: None,
        message: None,
        principal: None,
        assumed_role: None,
        action: None,
        resource: None,
        reason: None,
        encoded_message: None,
        http_status: None,
        request_id: None,
        parameter: None,
        parameter_value: None,
        form,
        span,
        symptoms: Vec::new(),
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Anchor {
    /// `An error occurred (`
    ClientError,
    /// `CODE:` / `CODE =>`
    CodeColon,
    /// `User: arn:`
    User,
    /// `Instance profile NAME not found`
    MotoNotFound,
    /// `You are not authorized to perform this operation.` (EC2's `UnauthorizedOperation`
    /// message, as the console and Auto Scaling show it without its code)
    NotAuthorizedOperation,
}

struct Header {
    kind: Anchor,
    start: usize,
    /// Where the message starts.
    message_start: usize,
    code: Option<Span>,
    operation: Option<Span>,
}

/// Every error message in `span`.
pub(super) fn parse_errors(paste: &str, span: Span) -> Vec<AwsError> {
    let xml_errors = parse_xml_errors(paste, span);
    if !xml_errors.is_empty() {
        return xml_errors;
    }
    let mut headers = Vec::new();
    find_client_errors(paste, span, &mut headers);
    find_code_colons(paste, span, &mut headers);
    find_phrase_anchors(paste, span, "User: arn:", Anchor::User, &mut headers);
    find_phrase_anchors(
        paste,
        span,
        "Instance profile ",
        Anchor::MotoNotFound,
        &mut headers,
    );
    find_phrase_anchors(
        paste,
        span,
        "You are not authorized to perform this operation",
        Anchor::NotAuthorizedOperation,
        &mut headers,
    );
    find_java_style(paste, span, &mut headers);
    crate::sort::sort_by_key(&mut headers, |h| h.start);

    // A `User:` or moto wording inside the message of a coded header belongs to that header;
    // a `CODE:` prefix right before `An error occurred (…)` (botocore's exception class) is dropped.
    let mut kept: Vec<Header> = Vec::new();
    let mut absorbed = false;
    for header in headers {
        if let Some(last) = kept.last() {
            let coded = matches!(last.kind, Anchor::ClientError | Anchor::CodeColon);
            let wording = matches!(
                header.kind,
                Anchor::User | Anchor::MotoNotFound | Anchor::NotAuthorizedOperation
            );
            if wording && coded && !absorbed {
                absorbed = true;
                continue;
            }
            let class_prefix = last.kind == Anchor::CodeColon
                && header.kind == Anchor::ClientError
                && scan::trim(paste, Span::new(last.message_start, header.start)).is_empty();
            let inside_header = header.start < last.message_start;
            if class_prefix {
                kept.pop();
            } else if inside_header {
                continue;
            }
        }
        absorbed = false;
        kept.push(header);
    }

    let mut errors = Vec::new();
    for (i, header) in kept.iter().enumerate() {
        let end = kept.get(i + 1).map_or(span.end, |next| next.start);
        let message_span = scan::trim(
            paste,
            Span::new(header.message_start, end.max(header.message_start)),
        );
        let form = match header.kind {
            Anchor::ClientError => AwsErrorForm::ClientError,
            Anchor::CodeColon => AwsErrorForm::CodeColon,
            Anchor::User => AwsErrorForm::BareMessage,
            Anchor::MotoNotFound | Anchor::NotAuthorizedOperation => AwsErrorForm::KnownWording,
        };
        if header.kind == Anchor::MotoNotFound && !is_moto_not_found(paste, message_span) {
            continue;
        }
        if header.kind == Anchor::User
            && scan::find_phrase(
                paste,
                message_span.start,
                message_span.end,
                "is not authorized to perform",
            )
            .is_none()
        {
            continue;
        }
        let mut error = empty_error(
            form,
            Span::new(header.start, message_span.end.max(header.start)),
        );
        error.code = header
            .code
            .map(|code| Located::new(code.slice(paste).to_string(), code));
        error.operation = header
            .operation
            .map(|op| Located::new(op.slice(paste).to_string(), op));
        if !message_span.is_empty() {
            error.message = Some(Located::new(
                message_span.slice(paste).to_string(),
                message_span,
            ));
        }
        read_details(paste, message_span, &mut error);
        if header.kind == Anchor::MotoNotFound {
            error.code = Some(Located::new("NoSuchEntity".to_string(), message_span));
            error.code_inferred = true;
        }
        if header.kind == Anchor::NotAuthorizedOperation {
            error.code = Some(Located::new(
                "UnauthorizedOperation".to_string(),
                Span::new(header.start, header.start + "You are not authorized".len()),
            ));
            error.code_inferred = true;
        }
        errors.push(error);
    }
    attach_status_and_request_ids(paste, span, &mut errors);
    // The vocabulary is walked once over the whole text (a log of thousands of errors must not
    // pay it per error); each symptom goes to the error it stands in, else the nearest before.
    if !errors.is_empty() {
        for symptom in super::vocabulary::classify(paste, span, None) {
            if symptom.class == super::facts::SdkErrorClass::Unexplained {
                continue;
            }
            let at = symptom.evidence.span.start;
            let index = errors.iter().rposition(|e| e.span.start <= at).unwrap_or(0);
            if let Some(error) = errors.get_mut(index) {
                error.symptoms.push(symptom);
            }
        }
    }
    errors
}

fn find_client_errors(paste: &str, span: Span, headers: &mut Vec<Header>) {
    let mut pos = span.start;
    while let Some(found) = scan::find_phrase(paste, pos, span.end, "An error occurred (") {
        pos = found.end;
        let code = scan::run_while(paste, found.end, span.end, |b| {
            b.is_ascii_alphanumeric() || b"._-".contains(&b)
        });
        if paste.as_bytes().get(code.end) != Some(&b')') {
            continue;
        }
        let mut message_start = code.end + 1;
        let mut operation = None;
        if let Some(when) = scan::match_at(
            paste.as_bytes(),
            scan::skip_space(paste, code.end + 1, span.end),
            span.end,
            b"when calling the ",
        ) {
            let op = scan::run_while(paste, when, span.end, |b| b.is_ascii_alphanumeric());
            if let Some(after) = scan::match_at(paste.as_bytes(), op.end, span.end, b" operation") {
                operation = Some(op);
                message_start = after;
                if paste.as_bytes().get(after) == Some(&b':') {
                    message_start = after + 1;
                }
                // `(reached max retries: 4)` sits between the operation and the colon.
                else if let Some(colon) =
                    scan::find_ci(paste, Span::new(after, (after + 40).min(span.end)), "):")
                {
                    message_start = colon.end;
                }
            }
        } else if paste.as_bytes().get(code.end + 1) == Some(&b':') {
            message_start = code.end + 2;
        }
        headers.push(Header {
            kind: Anchor::ClientError,
            start: found.start,
            message_start,
            code: (!code.is_empty()).then_some(code),
            operation,
        });
    }
}

/// `CODE:` / `CODE =>` for the known codes, on a word boundary (one pass over the bytes).
fn find_code_colons(paste: &str, span: Span, headers: &mut Vec<Header>) {
    let bytes = paste.as_bytes();
    let mut i = span.start;
    while i < span.end {
        let Some(&b) = bytes.get(i) else { break };
        let boundary = i == 0
            || bytes
                .get(i - 1)
                .is_some_and(|p| !p.is_ascii_alphanumeric() && *p != b'.' && *p != b'(');
        if !(b.is_ascii_uppercase() && boundary) {
            i += 1;
            continue;
        }
        let word = scan::run_while(paste, i, span.end, |c| {
            c.is_ascii_alphanumeric() || c == b'.'
        });
        let word_text = scan::trim_end_bytes(paste, word, b".").slice(paste);
        let word = Span::new(word.start, word.start + word_text.len());
        if KNOWN_CODES.contains(&word_text) {
            let after = word.end;
            let separator_end = if bytes.get(after) == Some(&b':')
                && bytes.get(after + 1).is_none_or(|c| c.is_ascii_whitespace())
            {
                Some(after + 1)
            } else {
                scan::match_at(bytes, after, span.end, b" =>")
            };
            if let Some(message_start) = separator_end {
                headers.push(Header {
                    kind: Anchor::CodeColon,
                    start: word.start,
                    message_start,
                    code: Some(word),
                    operation: None,
                });
            }
        }
        i = word.end.max(i + 1);
    }
}

fn find_phrase_anchors(
    paste: &str,
    span: Span,
    phrase: &str,
    kind: Anchor,
    headers: &mut Vec<Header>,
) {
    let mut pos = span.start;
    while let Some(found) = scan::find_phrase(paste, pos, span.end, phrase) {
        pos = found.end;
        // moto's wording only: `Instance profile NAME not found` (one word, then `not found`).
        if kind == Anchor::MotoNotFound
            && !is_moto_not_found(paste, Span::new(found.start, span.end))
        {
            continue;
        }
        headers.push(Header {
            kind,
            start: found.start,
            message_start: found.start,
            code: None,
            operation: None,
        });
    }
}

/// The AWS SDK for Java v1's exception message, as CloudFormation, Auto Scaling and Spinnaker
/// print it: `MESSAGE (Service: AmazonEC2; Status Code: 400; Error Code: CODE; Request ID: …)`.
/// The message starts at the start of its line.
fn find_java_style(paste: &str, span: Span, headers: &mut Vec<Header>) {
    let mut pos = span.start;
    while let Some(found) = scan::find_phrase(paste, pos, span.end, "; Error Code: ") {
        pos = found.end;
        let code = scan::run_while(paste, found.end, span.end, |b| {
            b.is_ascii_alphanumeric() || b"._-".contains(&b)
        });
        if code.is_empty() || code.slice(paste) == "null" {
            continue;
        }
        let line_start = paste
            .get(span.start..found.start)
            .and_then(|before| before.rfind('\n'))
            .map_or(span.start, |i| span.start + i + 1);
        let Some(service) = scan::find_phrase(paste, line_start, found.start, "(Service: ") else {
            continue;
        };
        let _ = service;
        headers.push(Header {
            kind: Anchor::CodeColon,
            start: line_start,
            message_start: line_start,
            code: Some(code),
            operation: None,
        });
    }
}

/// `Instance profile NAME not found` with NAME one word.
fn is_moto_not_found(paste: &str, message: Span) -> bool {
    let Some(prefix) = scan::match_at(
        paste.as_bytes(),
        message.start,
        message.end,
        b"Instance profile ",
    ) else {
        return false;
    };
    let prefix = Span::new(message.start, prefix);
    let name = scan::token(paste, prefix.end, message.end);
    !name.is_empty()
        && scan::match_at(paste.as_bytes(), name.end, message.end, b" not found").is_some()
}

/// Principal, action, resource, closing clause, encoded message and parameter of one message.
fn read_details(paste: &str, message: Span, error: &mut AwsError) {
    let bytes = paste.as_bytes();
    let end = message.end;
    if let Some(user) = scan::find_phrase(paste, message.start, end, "User: ") {
        let principal = scan::trim_end_bytes(paste, scan::token(paste, user.end, end), b".,;\"'");
        if principal.slice(paste).starts_with("arn:") {
            let located = Located::new(principal.slice(paste).to_string(), principal);
            error.assumed_role = AssumedRole::of(&located);
            error.principal = Some(located);
        }
    }
    let mut after_action = message.start;
    if let Some(perform) =
        scan::find_phrase(paste, message.start, end, "is not authorized to perform: ")
    {
        let action = scan::trim_end_bytes(paste, scan::token(paste, perform.end, end), b".,;\"'");
        if !action.is_empty() {
            error.action = Some(Located::new(action.slice(paste).to_string(), action));
            after_action = action.end;
        }
    }
    if let Some(on) = scan::find_phrase(paste, after_action, end, "on resource: ") {
        let start = on.end;
        let resource = match scan::match_at(bytes, start, end, b"instance profile ") {
            Some(name_start) => Span::new(start, scan::token(paste, name_start, end).end),
            None => scan::token(paste, start, end),
        };
        let resource = scan::trim_end_bytes(paste, resource, b".,;\"'");
        if !resource.is_empty() {
            error.resource = Some(Located::new(resource.slice(paste).to_string(), resource));
        }
    }
    error.reason = read_reason(paste, message);
    if let Some(phrase) = scan::find_phrase(
        paste,
        message.start,
        end,
        "Encoded authorization failure message:",
    ) {
        let blob_start = scan::skip_space(paste, phrase.end, end);
        let blob = scan::run_while(paste, blob_start, end, |b| {
            b.is_ascii_alphanumeric() || b"_-+/=".contains(&b)
        });
        // A share link carries `<removed: encoded authorization message>` in its place.
        let removed = super::secrets::stand_ins(paste, Span::new(blob_start, end))
            .into_iter()
            .next()
            .map(|(span, _)| span)
            .filter(|span| span.start == blob_start);
        if let Some(stand_in) = removed {
            error.encoded_message = Some(Located::new(stand_in.slice(paste).to_string(), stand_in));
        } else if blob.len() >= 8 {
            error.encoded_message = Some(Located::new(blob.slice(paste).to_string(), blob));
        }
    }
    // `Value (NAME) for parameter iamInstanceProfile.name is invalid`
    if let Some(value_open) = scan::find_phrase(paste, message.start, end, "Value (") {
        if let Some(close) =
            scan::find_ci(paste, Span::new(value_open.end, end), ") for parameter ")
        {
            let value = Span::new(value_open.end, close.start);
            let parameter = scan::token(paste, close.end, end);
            error.parameter_value = Some(Located::new(value.slice(paste).to_string(), value));
            error.parameter = Some(Located::new(parameter.slice(paste).to_string(), parameter));
        }
    }
    if error.resource.is_none() {
        if let Some(prefix) = scan::find_phrase(paste, message.start, end, "Instance profile ") {
            let name = scan::token(paste, prefix.end, end);
            if scan::match_at(bytes, name.end, end, b" not found").is_some() {
                let span = Span::new(prefix.start, name.end);
                error.resource = Some(Located::new(span.slice(paste).to_string(), span));
            }
        }
    }
}

/// The closing clause of an AccessDenied message.
fn read_reason(paste: &str, message: Span) -> Option<Located<DenyReason>> {
    let end = message.end;
    if let Some(because) = scan::find_phrase(paste, message.start, end, "because no ") {
        let allows = scan::find_phrase(paste, because.end, end, " allows")?;
        let words = Span::new(because.end, allows.start).slice(paste);
        let words = words.strip_suffix(" policy").unwrap_or(words);
        let mut clause_end = allows.end;
        if let Some(action_word) = scan::find_phrase(paste, allows.end, end, " action") {
            if action_word.start - allows.end < 200 {
                clause_end = action_word.end;
            }
        }
        let via = read_via(paste, clause_end, end);
        let reason = DenyReason::NoPolicyAllows {
            policy_type: PolicyType::from_words(&collapse_spaces(words)),
            via: via.as_ref().map(|(policy_type, _)| policy_type.clone()),
        };
        let clause_end = via.map_or(clause_end, |(_, via_end)| via_end);
        return Some(Located::new(reason, Span::new(because.start, clause_end)));
    }
    let explicit = scan::find_phrase(paste, message.start, end, "with an explicit deny in ")?;
    let mut words_start = explicit.end;
    for article in ["an ", "a ", "the "] {
        if let Some(after) = scan::match_at(paste.as_bytes(), words_start, end, article.as_bytes())
        {
            words_start = after;
            break;
        }
    }
    let (words, words_end) = policy_words(paste, words_start, end);
    let via = read_via(paste, words_end, end);
    let reason = DenyReason::ExplicitDeny {
        policy_type: PolicyType::from_words(&words),
        via: via.as_ref().map(|(policy_type, _)| policy_type.clone()),
    };
    let clause_end = via.map_or(words_end, |(_, via_end)| via_end);
    Some(Located::new(reason, Span::new(explicit.start, clause_end)))
}

/// The words naming a policy type up to `policy` (or `permissions boundary`), and where they end.
fn policy_words(paste: &str, start: usize, end: usize) -> (String, usize) {
    if let Some(after) = scan::match_at(paste.as_bytes(), start, end, b"permissions boundary") {
        return ("permissions boundary".to_string(), after);
    }
    let line_end = scan::find_ci(paste, Span::new(start, end), "\n").map_or(end, |s| s.start);
    match scan::find_phrase(paste, start, line_end, " policy") {
        Some(policy) => (
            collapse_spaces(Span::new(start, policy.start).slice(paste)),
            policy.end,
        ),
        None => {
            let words = scan::trim_end_bytes(paste, Span::new(start, line_end), b". \r");
            (collapse_spaces(words.slice(paste)), words.end)
        }
    }
}

/// `transitively through a service control policy` after a clause.
fn read_via(paste: &str, from: usize, end: usize) -> Option<(PolicyType, usize)> {
    let start = scan::skip_space(paste, from, end);
    let after = scan::match_at(paste.as_bytes(), start, end, b"transitively through ")?;
    let mut words_start = after;
    for article in ["an ", "a ", "the "] {
        if let Some(next) = scan::match_at(paste.as_bytes(), words_start, end, article.as_bytes()) {
            words_start = next;
            break;
        }
    }
    let (words, words_end) = policy_words(paste, words_start, end);
    Some((PolicyType::from_words(&words), words_end))
}

fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `status code: 403, request id: …` (Go SDK v1) and `RequestID`s: to the error whose span holds
/// them, else the nearest error before, else the first.
fn attach_status_and_request_ids(paste: &str, span: Span, errors: &mut [AwsError]) {
    if errors.is_empty() {
        return;
    }
    let mut pos = span.start;
    while let Some(found) = scan::find_phrase(paste, pos, span.end, "status code: ") {
        pos = found.end;
        let digits = scan::run_while(paste, found.end, span.end, |b| b.is_ascii_digit());
        let Ok(status) = digits.slice(paste).parse::<u16>() else {
            continue;
        };
        if let Some(error) = owner(errors, found.start, |e| e.http_status.is_none()) {
            error.http_status = Some(Located::new(status, digits));
        }
        if let Some(request) = scan::find_phrase(
            paste,
            digits.end,
            (digits.end + 20).min(span.end),
            "request id: ",
        ) {
            let id =
                scan::trim_end_bytes(paste, scan::token(paste, request.end, span.end), b",;\"");
            if !id.is_empty() {
                if let Some(error) = owner(errors, found.start, |e| e.request_id.is_none()) {
                    error.request_id = Some(Located::new(id.slice(paste).to_string(), id));
                }
            }
        }
    }
}

fn owner(
    errors: &mut [AwsError],
    at: usize,
    wants: impl Fn(&AwsError) -> bool,
) -> Option<&mut AwsError> {
    // Errors are in paste order: the one holding `at` or the last before it, else the next one.
    let after = errors.partition_point(|e| e.span.start <= at);
    let index = [after.checked_sub(1), Some(after)]
        .into_iter()
        .flatten()
        .find(|&i| errors.get(i).is_some_and(&wants))?;
    errors.get_mut(index)
}

/// `<Error><Code>…</Code><Message>…</Message></Error>` inside `<Response>` or `<ErrorResponse>`.
fn parse_xml_errors(paste: &str, span: Span) -> Vec<AwsError> {
    if scan::find_ci(paste, span, "<Error>").is_none()
        || scan::find_ci(paste, span, "<Code>").is_none()
    {
        return Vec::new();
    }
    let request_id = xml::child_text(paste, span, "RequestID")
        .or_else(|| xml::child_text(paste, span, "RequestId"));
    let mut errors = Vec::new();
    for element in xml::all(paste, span, "Error") {
        let Some(code) = xml::child_text(paste, element.content, "Code") else {
            continue;
        };
        let mut error = empty_error(AwsErrorForm::Xml, element.span);
        error.message = xml::child_text(paste, element.content, "Message");
        if let Some(message) = error.message.clone() {
            read_details(paste, message.span, &mut error);
        }
        error.code = Some(code);
        error.request_id = request_id.clone();
        errors.push(error);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<AwsError> {
        parse_errors(text, Span::new(0, text.len()))
    }

    fn slice<T>(text: &str, located: &Option<Located<T>>) -> String {
        located
            .as_ref()
            .map(|l| l.span.slice(text).to_string())
            .unwrap_or_default()
    }

    #[test]
    fn client_error_with_instance_profile_resource() {
        let text = "An error occurred (AccessDenied) when calling the AddRoleToInstanceProfile operation: User: arn:aws:iam::999999999999:user/ExampleUser is not authorized to perform: iam:AddRoleToInstanceProfile on resource: instance profile ExampleInstanceProfile because no identity-based policy allows the iam:AddRoleToInstanceProfile action";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        let error = &found[0];
        assert_eq!(slice(text, &error.code), "AccessDenied");
        assert_eq!(slice(text, &error.operation), "AddRoleToInstanceProfile");
        assert_eq!(
            slice(text, &error.principal),
            "arn:aws:iam::999999999999:user/ExampleUser"
        );
        assert_eq!(slice(text, &error.action), "iam:AddRoleToInstanceProfile");
        assert_eq!(
            slice(text, &error.resource),
            "instance profile ExampleInstanceProfile"
        );
        let reason = error.reason.clone().unwrap_or_else(|| panic!("reason"));
        assert_eq!(
            reason.value,
            DenyReason::NoPolicyAllows {
                policy_type: PolicyType::Identity,
                via: None
            }
        );
        assert!(reason
            .span
            .slice(text)
            .ends_with("iam:AddRoleToInstanceProfile action"));
    }

    #[test]
    fn wrapped_botocore_message_with_instance_session() {
        let text = "botocore.exceptions.ClientError: An error occurred (AccessDenied)\nwhen calling the AssumeRole operation:\nUser: arn:aws:sts::051445540311:assumed-role/guacamole_instance_role_default/i-059a2b3e51732a452\nis not authorized to perform: sts:AssumeRole on resource:\narn:aws:iam::207871073513:role/ParameterStoreReadOnly-env0-VNC\n";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        let error = &found[0];
        assert_eq!(slice(text, &error.operation), "AssumeRole");
        let assumed = error
            .assumed_role
            .clone()
            .unwrap_or_else(|| panic!("assumed role"));
        assert_eq!(assumed.session.span.slice(text), "i-059a2b3e51732a452");
        assert!(assumed.session_is_instance_id);
        assert_eq!(
            slice(text, &error.resource),
            "arn:aws:iam::207871073513:role/ParameterStoreReadOnly-env0-VNC"
        );
    }

    #[test]
    fn explicit_deny_transitively_through_scp() {
        let text = "User: arn:aws:sts::111122223333:assumed-role/role-name/role-session-name is not authorized to perform: SNS:Publish on resource: arn:aws:sns:us-east-1:444455556666:role-name-2 with an explicit deny in a VPC endpoint policy transitively through a service control policy";
        let found = errors(text);
        let reason = found[0].reason.clone().unwrap_or_else(|| panic!("reason"));
        assert_eq!(
            reason.value,
            DenyReason::ExplicitDeny {
                policy_type: PolicyType::VpcEndpoint,
                via: Some(PolicyType::Scp)
            }
        );
        assert!(reason.span.slice(text).ends_with("service control policy"));
    }

    #[test]
    fn one_error_per_documented_line() {
        let text = "User: arn:aws:iam::1:user/J is not authorized to perform: sagemaker:ListModels with an explicit deny in a permissions boundary\nUser: arn:aws:iam::1:user/J is not authorized to perform: codecommit:ListRepositories because no session policy allows the codecommit:ListRepositories action\n";
        let found = errors(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0]
                .reason
                .as_ref()
                .map(|r| r.value.policy_type().clone()),
            Some(PolicyType::PermissionsBoundary)
        );
        assert_eq!(
            found[1]
                .reason
                .as_ref()
                .map(|r| r.value.policy_type().clone()),
            Some(PolicyType::Session)
        );
    }

    #[test]
    fn go_sdk_code_colon_with_status_line_before() {
        let text = "status code: 403, request id: 7a205582-0850-4fa1-8ed3-fe3c111d58c4\n* aws_instance.x: UnauthorizedOperation: You are not authorized to perform this operation. Encoded authorization failure message:\n";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        assert_eq!(slice(text, &found[0].code), "UnauthorizedOperation");
        assert_eq!(found[0].http_status.as_ref().map(|s| s.value), Some(403));
        assert_eq!(
            slice(text, &found[0].request_id),
            "7a205582-0850-4fa1-8ed3-fe3c111d58c4"
        );
        assert_eq!(found[0].encoded_message, None);
    }

    #[test]
    fn botocore_exception_prefix_is_one_error() {
        let text = "botocore.errorfactory.AccessDeniedException: An error occurred (AccessDeniedException) when calling the RunTask operation: User: arn:aws:iam::1:user/u is not authorized to perform: iam:PassRole on resource: arn:aws:iam::1:role/r because no identity-based policy allows the iam:PassRole action";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].form, AwsErrorForm::ClientError);
        assert_eq!(slice(text, &found[0].action), "iam:PassRole");
    }

    #[test]
    fn xml_and_moto_wording() {
        let text = "<?xml version='1.0' encoding='UTF-8'?>\n<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>You are not authorized to perform this operation.</Message></Error></Errors><RequestID>46002310</RequestID></Response>";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        assert_eq!(slice(text, &found[0].code), "UnauthorizedOperation");
        assert_eq!(slice(text, &found[0].request_id), "46002310");
        let text = "Instance profile bigdata_ec2_profile not found";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        assert!(found[0].code_inferred);
        assert_eq!(
            found[0].code.as_ref().map(|c| c.value.as_str()),
            Some("NoSuchEntity")
        );
        assert_eq!(errors("the instance profile page was not found").len(), 0);
    }

    #[test]
    fn json_error_bodies() {
        let text = "{\"errorMessage\": \"User: arn:aws:sts::1:assumed-role/r/s is not authorized to perform: iam:PassRole on resource: arn:aws:iam::1:role/web\", \"errorType\": \"AccessDeniedException\"}";
        let json = crate::json::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(recognise_json(&json) > 0);
        let reading = read_json(&JsonPiece {
            paste: text,
            json: &json,
        });
        let Facts::AwsErrors(found) = reading.facts else {
            panic!("errors")
        };
        assert_eq!(slice(text, &found[0].action), "iam:PassRole");
        assert_eq!(slice(text, &found[0].resource), "arn:aws:iam::1:role/web");
        let text = "{\"Error\": {\"Code\": \"AccessDenied\", \"Message\": \"Access denied\"}, \"ResponseMetadata\": {}}";
        let json = crate::json::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
        let reading = read_json(&JsonPiece {
            paste: text,
            json: &json,
        });
        let Facts::AwsErrors(found) = reading.facts else {
            panic!("errors")
        };
        assert_eq!(slice(text, &found[0].code), "AccessDenied");
        assert_eq!(slice(text, &found[0].message), "Access denied");
    }

    #[test]
    fn invalid_parameter_value_names_the_profile() {
        let text = "Retryable error: InvalidParameterValue: Value (packer-626bea32) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name";
        let found = errors(text);
        assert_eq!(found.len(), 1);
        assert_eq!(slice(text, &found[0].parameter_value), "packer-626bea32");
        assert_eq!(slice(text, &found[0].parameter), "iamInstanceProfile.name");
    }
}
