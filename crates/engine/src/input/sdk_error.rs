//! `sdk-error`: client-side errors and logs of the SDKs and the CLI: "Unable to locate
//! credentials", IMDS timeouts and refused connections, IMDS 401/403/404/429/503 as each SDK
//! words them, proxies and captive portals answering instead of IMDS, retries exhausted.
//!
//! Each class is a list of phrases (matched case-insensitively, across wrapped lines) with the
//! context they need: a bare `StatusCode: 403` is only an IMDS symptom when the text (or its
//! command) talks about IMDS.

use super::facts::{Facts, Located, SdkError, SdkErrorClass};
use super::scan;
use super::{InputKind, Reading, Signature, TextPiece};
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::SdkError,
    commands: &[],
    recognise_json: None,
    read_json: None,
    read_text: Some(read_text),
};

/// Words that say a text is about IMDS.
const IMDS_WORDS: &[&str] = &[
    "169.254.169.254",
    "fd00:ec2::254",
    "imds",
    "ec2metadata",
    "instance metadata",
    "metadata service",
];

struct Pattern {
    phrase: &'static str,
    class: SdkErrorClass,
    /// Each group needs one of its words somewhere in the piece or its command.
    needs: &'static [&'static [&'static str]],
}

const PATTERNS: &[Pattern] = &[
    Pattern {
        phrase: "Unable to locate credentials",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "NoCredentialsError",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "Could not load credentials from any providers",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "NoCredentialProviders",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "Unable to load AWS credentials from any provider",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "Unable to load credentials from any of the providers",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "no providers in chain provided credentials",
        class: SdkErrorClass::NoCredentials,
        needs: &[],
    },
    Pattern {
        phrase: "Unable to get IAM security credentials from EC2 Instance Metadata Service",
        class: SdkErrorClass::ImdsErrorResponse,
        needs: &[],
    },
    Pattern {
        phrase: "Failed to retrieve credentials from EC2 Instance Metadata Service",
        class: SdkErrorClass::ImdsErrorResponse,
        needs: &[],
    },
    Pattern {
        phrase: "Connection to 169.254.169.254 timed out",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[],
    },
    Pattern {
        phrase: "Connect timeout on endpoint URL: \"http://169.254.169.254",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[],
    },
    Pattern {
        phrase: "ConnectTimeoutError",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "i/o timeout",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "timed out",
        class: SdkErrorClass::ImdsTokenTimeout,
        needs: &[&["api/token", "GetToken", "session token"]],
    },
    Pattern {
        phrase: "timeout",
        class: SdkErrorClass::ImdsTokenTimeout,
        needs: &[&["api/token", "GetToken", "session token"]],
    },
    Pattern {
        phrase: "context deadline exceeded",
        class: SdkErrorClass::ImdsTokenTimeout,
        needs: &[&["api/token", "GetToken"]],
    },
    Pattern {
        phrase: "Connection timed out",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "context deadline exceeded",
        class: SdkErrorClass::ImdsConnectTimeout,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "returns a 400",
        class: SdkErrorClass::ImdsTokenRejected,
        needs: &[&["api/token"]],
    },
    Pattern {
        phrase: "400 Bad Request",
        class: SdkErrorClass::ImdsTokenRejected,
        needs: &[&["api/token"]],
    },
    Pattern {
        phrase: "StatusCode: 400",
        class: SdkErrorClass::ImdsTokenRejected,
        needs: &[&["api/token", "GetToken"]],
    },
    Pattern {
        phrase: "Connection refused",
        class: SdkErrorClass::ImdsConnectionRefused,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "ECONNREFUSED",
        class: SdkErrorClass::ImdsConnectionRefused,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "status code: 401",
        class: SdkErrorClass::Imds401,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "StatusCode: 401",
        class: SdkErrorClass::Imds401,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "status code: 403",
        class: SdkErrorClass::Imds403,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "StatusCode: 403",
        class: SdkErrorClass::Imds403,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "request forbidden: IMDS is disabled",
        class: SdkErrorClass::Imds403,
        needs: &[],
    },
    Pattern {
        phrase: "received 404 from IMDS",
        class: SdkErrorClass::Imds404NoRole,
        needs: &[],
    },
    Pattern {
        phrase: "may not have an IAM role associated",
        class: SdkErrorClass::Imds404NoRole,
        needs: &[],
    },
    Pattern {
        phrase: "StatusCode: 404",
        class: SdkErrorClass::Imds404NoRole,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "status code: 404",
        class: SdkErrorClass::Imds404NoRole,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "StatusCode: 503",
        class: SdkErrorClass::Imds429Or503,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "StatusCode: 429",
        class: SdkErrorClass::Imds429Or503,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "status code: 503",
        class: SdkErrorClass::Imds429Or503,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "status code: 429",
        class: SdkErrorClass::Imds429Or503,
        needs: &[IMDS_WORDS],
    },
    Pattern {
        phrase: "Error response received from instance metadata service",
        class: SdkErrorClass::ImdsErrorResponse,
        needs: &[],
    },
    Pattern {
        phrase: "failed to make EC2Metadata request",
        class: SdkErrorClass::ImdsErrorResponse,
        needs: &[],
    },
    Pattern {
        phrase: "Max number of attempts exceeded",
        class: SdkErrorClass::MaxAttemptsExceeded,
        needs: &[],
    },
    Pattern {
        phrase: "exceeded maximum number of attempts",
        class: SdkErrorClass::MaxAttemptsExceeded,
        needs: &[],
    },
    Pattern {
        phrase: "HTTP_PROXY",
        class: SdkErrorClass::ProxyInTheWay,
        needs: &[],
    },
    Pattern {
        phrase: "HTTPS_PROXY",
        class: SdkErrorClass::ProxyInTheWay,
        needs: &[],
    },
    Pattern {
        phrase: "X-Squid-Error",
        class: SdkErrorClass::ProxyInTheWay,
        needs: &[],
    },
    Pattern {
        phrase: "Proxy Authentication Required",
        class: SdkErrorClass::ProxyInTheWay,
        needs: &[],
    },
    Pattern {
        phrase: "Unable to parse EC2 instance info",
        class: SdkErrorClass::NonJsonResponse,
        needs: &[],
    },
    Pattern {
        phrase: "Unexpected character ('<'",
        class: SdkErrorClass::NonJsonResponse,
        needs: &[],
    },
    Pattern {
        phrase: "invalid XML received",
        class: SdkErrorClass::NonJsonResponse,
        needs: &[],
    },
    Pattern {
        phrase: "Unable to parse response",
        class: SdkErrorClass::NonJsonResponse,
        needs: &[],
    },
    Pattern {
        phrase: "JSONDecodeError",
        class: SdkErrorClass::NonJsonResponse,
        needs: &[],
    },
    Pattern {
        phrase: "AssumeRoleUnauthorizedAccess",
        class: SdkErrorClass::AssumeRoleUnauthorized,
        needs: &[],
    },
    Pattern {
        phrase: "trust relationship with EC2",
        class: SdkErrorClass::AssumeRoleUnauthorized,
        needs: &[],
    },
    Pattern {
        phrase: "old instance profile",
        class: SdkErrorClass::CredentialsFromPreviousProfile,
        needs: &[],
    },
    Pattern {
        phrase: "previous instance profile",
        class: SdkErrorClass::CredentialsFromPreviousProfile,
        needs: &[],
    },
];

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let errors = classify(piece);
    if errors.is_empty() {
        return None;
    }
    Some((
        70,
        Reading::new(InputKind::SdkError, Facts::SdkErrors(errors)),
    ))
}

fn mentions(piece: &TextPiece, word: &str) -> bool {
    scan::contains_ci(piece.paste, piece.span, word)
        || piece
            .command
            .is_some_and(|command| scan::contains_ci(piece.paste, command.span, word))
}

/// One entry per class, at its first evidence, in the order they appear.
pub(super) fn classify(piece: &TextPiece) -> Vec<SdkError> {
    let paste = piece.paste;
    // Whether the text talks about IMDS: looked up once, and only when a pattern needs it.
    let imds_context: std::cell::Cell<Option<bool>> = std::cell::Cell::new(None);
    let about_imds = || match imds_context.get() {
        Some(known) => known,
        None => {
            let known = IMDS_WORDS.iter().any(|word| mentions(piece, word));
            imds_context.set(Some(known));
            known
        }
    };
    let mut found: Vec<SdkError> = Vec::new();
    for pattern in PATTERNS {
        if found.iter().any(|e| e.class == pattern.class) {
            continue;
        }
        let Some(hit) = scan::find_phrase(paste, piece.span.start, piece.span.end, pattern.phrase)
        else {
            continue;
        };
        let satisfied = pattern.needs.iter().all(|group| {
            if std::ptr::eq(*group, IMDS_WORDS) {
                about_imds()
            } else {
                group.iter().any(|word| mentions(piece, word))
            }
        });
        if !satisfied {
            continue;
        }
        let evidence = line_around(paste, piece.span, hit);
        found.push(SdkError {
            class: pattern.class,
            evidence: Located::new(evidence.slice(paste).to_string(), evidence),
        });
    }
    crate::sort::sort_by_key(&mut found, |e| (e.evidence.span.start, e.class));
    found
}

/// The trimmed line (within `span`) holding `hit`; long lines are cut around the hit.
fn line_around(paste: &str, span: Span, hit: Span) -> Span {
    let bytes = paste.as_bytes();
    let mut start = hit.start;
    while start > span.start
        && bytes.get(start - 1).is_some_and(|&b| b != b'\n')
        && hit.start - start < 300
    {
        start -= 1;
    }
    let mut end = hit.end;
    while end < span.end && bytes.get(end).is_some_and(|&b| b != b'\n') && end - hit.end < 300 {
        end += 1;
    }
    // Only cut at ASCII bytes so the span stays on character boundaries.
    while start < hit.start && !paste.is_char_boundary(start) {
        start += 1;
    }
    while end > hit.end && !paste.is_char_boundary(end) {
        end -= 1;
    }
    scan::trim(paste, Span::new(start, end))
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
            vec![SdkErrorClass::Imds404NoRole]
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
