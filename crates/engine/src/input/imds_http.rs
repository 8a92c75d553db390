//! `imds-http`: exchanges with IMDS other than the documents themselves: verbose request and
//! response lines (`> PUT …/latest/api/token`, `< HTTP 403`), status lines and the XHTML status
//! pages IMDS answers errors with (`<title>404 - Not Found</title>`), curl errors, proxy pages,
//! a bare IMDSv2 token, and metadata directory listings (`info` / `security-credentials/`).
//!
//! It also owns what a request path means: [`apply_request_path`] turns the output of
//! `curl …/iam/security-credentials/web-role` into an `imds-credentials` input for role
//! `web-role` even when the body is an error page.

use super::command::CommandLine;
use super::facts::{
    CredentialsListing, Facts, ImdsCredentials, ImdsExchange, ImdsIamInfo, Located,
};
use super::scan;
use super::secrets::{Secret, SecretKind};
use super::{Input, InputKind, Reading, Signature, TextPiece};
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ImdsHttp,
    commands: &[],
    recognise_json: None,
    read_json: None,
    read_text: Some(read_text),
};

/// Names under `latest/meta-data/` (directory listings name these).
const METADATA_ITEMS: &[&str] = &[
    "info",
    "security-credentials/",
    "iam/",
    "ami-id",
    "instance-id",
    "instance-type",
    "hostname",
    "local-ipv4",
    "mac",
    "placement/",
    "network/",
    "public-keys/",
    "meta-data/",
    "dynamic/",
    "user-data",
    "api/",
];

/// Words of proxy error pages and headers.
const PROXY_WORDS: &[&str] = &[
    "squid",
    "x-squid-error",
    "proxy authentication required",
    "via: ",
    "zscaler",
    "proxy error",
    "bluecoat",
];

fn new_exchange(span: Span) -> ImdsExchange {
    ImdsExchange {
        method: None,
        path: None,
        status: None,
        sent_token: false,
        token_received: false,
        body: None,
        curl_error: None,
        proxy: None,
        date: None,
        span,
    }
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let (score, exchanges, secrets) = read_exchanges(piece)?;
    let mut reading = Reading::new(InputKind::ImdsHttp, Facts::ImdsHttp(exchanges));
    reading.secrets = secrets;
    Some((score, reading))
}

fn read_exchanges(piece: &TextPiece) -> Option<(u8, Vec<ImdsExchange>, Vec<Secret>)> {
    let paste = piece.paste;
    let span = scan::trim(paste, piece.span);
    let mut exchanges: Vec<ImdsExchange> = Vec::new();
    let mut secrets = Vec::new();
    let mut in_body = false;
    let mut score = 0u8;
    let is_page = span.slice(paste).starts_with('<') || exchanges_started(paste, span);

    for line in scan::lines(paste, span) {
        let text = line.slice(paste);
        let trimmed = text.trim();
        // `> GET http://169.254.169.254/latest/…` or `> GET /latest/… HTTP/1.1`
        if let Some(request) = trimmed.strip_prefix("> ") {
            let mut words = request.split_whitespace();
            let method = words.next().unwrap_or_default();
            if matches!(method, "GET" | "PUT" | "POST" | "HEAD") {
                let target = words.next().unwrap_or_default();
                let path = target.find("://").map_or(target, |i| {
                    let rest = target.get(i + 3..).unwrap_or_default();
                    rest.find('/').and_then(|s| rest.get(s..)).unwrap_or("/")
                });
                let method_start = line.start + text.find(method).unwrap_or(0);
                let path_start = line.start + text.find(path).unwrap_or(0);
                let mut exchange = new_exchange(line);
                exchange.method = Some(Located::new(
                    method.to_string(),
                    Span::new(method_start, method_start + method.len()),
                ));
                exchange.path = Some(Located::new(
                    path.to_string(),
                    Span::new(path_start, path_start + path.len()),
                ));
                exchanges.push(exchange);
                in_body = false;
                score = score.max(90);
                continue;
            }
            if let Some(current) = exchanges.last_mut() {
                if trimmed
                    .to_ascii_lowercase()
                    .starts_with("> x-aws-ec2-metadata-token:")
                {
                    current.sent_token = true;
                }
                current.span.end = line.end;
            }
            continue;
        }
        // `< HTTP 200`, `< HTTP/1.1 401 Unauthorized`, headers, and the blank `<` before the body.
        if trimmed == "<" || trimmed.starts_with("< ") {
            let rest = trimmed.get(2..).unwrap_or_default();
            if exchanges.is_empty() {
                exchanges.push(new_exchange(line));
            }
            if let Some(current) = exchanges.last_mut() {
                if let Some(status) = status_of_line(paste, line) {
                    current.status = Some(status);
                    score = score.max(90);
                }
                let lower = rest.to_ascii_lowercase();
                if let Some(date) = date_header(paste, line) {
                    current.date = Some(date);
                }
                if PROXY_WORDS.iter().any(|w| lower.contains(w)) {
                    current.proxy =
                        Some(Located::new(trimmed.to_string(), scan::trim(paste, line)));
                }
                if trimmed == "<" {
                    in_body = true;
                }
                current.span.end = line.end;
            }
            continue;
        }
        // `HTTP/1.1 403 Forbidden` (curl -i)
        if trimmed.starts_with("HTTP/") {
            if let Some(status) = status_of_line(paste, line) {
                let mut exchange = new_exchange(line);
                exchange.status = Some(status);
                exchanges.push(exchange);
                in_body = true;
                score = score.max(85);
                continue;
            }
        }
        // `curl: (7) Failed to connect to 169.254.169.254 port 80 …`
        if trimmed.starts_with("curl: (") {
            let mut exchange = new_exchange(line);
            let error = scan::trim(paste, line);
            exchange.curl_error = Some(Located::new(error.slice(paste).to_string(), error));
            exchanges.push(exchange);
            score = score.max(90);
            continue;
        }
        // `<title>404 - Not Found</title>` / `<h1>401 - Unauthorized</h1>`, in a paste that is
        // the page itself (a page quoted inside a log is the log's business).
        if let Some(status) = page_status(paste, line).filter(|_| is_page) {
            let already = exchanges
                .last()
                .is_some_and(|e| e.status.as_ref().is_some_and(|s| s.value == status.value));
            if !already {
                let mut exchange = new_exchange(span);
                exchange.status = Some(status);
                exchange.body = Some(span);
                exchanges.push(exchange);
            }
            score = score.max(80);
            continue;
        }
        // `400 - Missing or Invalid Parameters – The PUT request is not valid.` (the EC2 guide's list)
        if let Some(status) = documented_status(paste, line) {
            let mut exchange = new_exchange(scan::trim(paste, line));
            exchange.status = Some(status);
            exchanges.push(exchange);
            score = score.max(75);
            continue;
        }
        if in_body {
            if let Some(current) = exchanges.last_mut() {
                // `curl -i`: the headers come first; `Date:` is IMDS's clock.
                if current.date.is_none() {
                    if let Some(date) = date_header(paste, line) {
                        current.date = Some(date);
                    }
                }
                let body_start = current.body.map_or(line.start, |b| b.start);
                current.body = Some(Span::new(body_start, line.end));
                current.span.end = line.end;
                let method_is_put = current.method.as_ref().is_some_and(|m| m.value == "PUT");
                let ok = current.status.as_ref().is_some_and(|s| s.value == 200);
                if method_is_put && ok && !trimmed.is_empty() {
                    current.token_received = true;
                    let token = scan::trim(paste, line);
                    // A link's stand-in for the token is not the token.
                    if !super::secrets::is_stand_in(token.slice(paste)) {
                        secrets.push(Secret {
                            kind: SecretKind::ImdsToken,
                            span: token,
                        });
                    }
                }
            }
        }
    }

    let lower_piece = span.slice(paste).to_ascii_lowercase();
    if !exchanges.is_empty() {
        if PROXY_WORDS.iter().any(|w| lower_piece.contains(w)) {
            if let Some(first) = exchanges.first_mut() {
                if first.proxy.is_none() {
                    first.proxy = Some(Located::new("proxy".to_string(), span));
                }
            }
        }
        return Some((score, exchanges, secrets));
    }

    // A proxy's own error page where IMDS should have answered (Squid, a corporate proxy).
    let names_imds = ["169.254.169.254", "latest/meta-data", "latest/api/token"]
        .iter()
        .any(|word| lower_piece.contains(word))
        || piece.command.is_some_and(|c| c.imds_path.is_some());
    if is_page && names_imds {
        if let Some(word) = PROXY_WORDS.iter().find(|w| lower_piece.contains(*w)) {
            let mut exchange = new_exchange(span);
            exchange.body = Some(span);
            let evidence = scan::find_ci(paste, span, word.trim()).unwrap_or(span);
            exchange.proxy = Some(Located::new(evidence.slice(paste).to_string(), evidence));
            return Some((80, vec![exchange], secrets));
        }
    }

    // A bare IMDSv2 token (the answer of the token PUT).
    if is_token(span.slice(paste)) {
        let mut exchange = new_exchange(span);
        exchange.token_received = true;
        exchange.body = Some(span);
        secrets.push(Secret {
            kind: SecretKind::ImdsToken,
            span,
        });
        return Some((60, vec![exchange], secrets));
    }

    // A metadata directory listing: every line an item name, at least one known or a directory.
    let lines: Vec<Span> = scan::lines(paste, span)
        .map(|l| scan::trim(paste, l))
        .filter(|l| !l.is_empty())
        .collect();
    let item_like = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_/".contains(&b))
    };
    let known = lines
        .iter()
        .filter(|l| METADATA_ITEMS.contains(&l.slice(paste)))
        .count();
    let directories = lines
        .iter()
        .filter(|l| l.slice(paste).ends_with('/'))
        .count();
    if !lines.is_empty()
        && lines.iter().all(|l| item_like(l.slice(paste)))
        && (directories > 0 || (known > 0 && lines.len() > 1))
    {
        let mut exchange = new_exchange(span);
        exchange.body = Some(span);
        return Some((55, vec![exchange], secrets));
    }
    None
}

/// Whether the text is a verbose HTTP exchange (`> GET …` / `< HTTP …` lines).
fn exchanges_started(paste: &str, span: Span) -> bool {
    let text = span.slice(paste);
    text.starts_with("> ") || text.starts_with("< ") || text.starts_with("HTTP/")
}

/// The value of a `Date:` header line (`Date: Thu, 03 Dec 2026 13:40:00 GMT`, or `< Date: …`).
fn date_header(paste: &str, line: Span) -> Option<Located<String>> {
    let text = line.slice(paste);
    let start = text.len() - text.trim_start_matches(['<', ' ', '\t']).len();
    let rest = text.get(start..)?;
    if !rest.get(..5)?.eq_ignore_ascii_case("date:") {
        return None;
    }
    let value = scan::trim(paste, Span::new(line.start + start + 5, line.end));
    (!value.is_empty()).then(|| Located::new(value.slice(paste).to_string(), value))
}

/// `HTTP 200`, `HTTP/1.1 401 Unauthorized` anywhere in the line.
fn status_of_line(paste: &str, line: Span) -> Option<Located<u16>> {
    let at = scan::find_ci(paste, line, "HTTP")?;
    let mut pos = at.end;
    if paste.as_bytes().get(pos) == Some(&b'/') {
        pos = scan::token(paste, pos, line.end).end;
    }
    let digits_start = scan::skip_space(paste, pos, line.end);
    let digits = scan::run_while(paste, digits_start, line.end, |b| b.is_ascii_digit());
    if digits.len() != 3 {
        return None;
    }
    let status = digits.slice(paste).parse().ok()?;
    Some(Located::new(status, digits))
}

/// The status of an XHTML status page line: `<title>404 - Not Found</title>`.
fn page_status(paste: &str, line: Span) -> Option<Located<u16>> {
    let open =
        scan::find_ci(paste, line, "<title>").or_else(|| scan::find_ci(paste, line, "<h1>"))?;
    let start = scan::skip_space(paste, open.end, line.end);
    let digits = scan::run_while(paste, start, line.end, |b| b.is_ascii_digit());
    if digits.len() != 3 {
        return None;
    }
    Some(Located::new(digits.slice(paste).parse().ok()?, digits))
}

/// `401 - Unauthorized …` at the start of a line.
fn documented_status(paste: &str, line: Span) -> Option<Located<u16>> {
    let start = scan::skip_space(paste, line.start, line.end);
    let digits = scan::run_while(paste, start, line.end, |b| b.is_ascii_digit());
    if digits.len() != 3 || scan::match_at(paste.as_bytes(), digits.end, line.end, b" - ").is_none()
    {
        return None;
    }
    let status: u16 = digits.slice(paste).parse().ok()?;
    (400..600)
        .contains(&status)
        .then(|| Located::new(status, digits))
}

/// An IMDSv2 token: `AQAE…`, base64url, at least 40 characters, one line.
pub(super) fn is_token(text: &str) -> bool {
    let text = text.trim();
    text.len() >= 40
        && text.starts_with("AQAE")
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_=+/".contains(&b))
}

/// What an IMDS request path says the answer is.
fn kind_of_path(path: &str) -> InputKind {
    let path = path.trim_end_matches(['?', '#']);
    if path.ends_with("/iam/info") || path.ends_with("/iam/info/") {
        InputKind::ImdsIamInfo
    } else if path.ends_with("/iam/security-credentials/")
        || path.ends_with("/iam/security-credentials")
    {
        InputKind::ImdsCredentialsListing
    } else if path.contains("/iam/security-credentials/") {
        InputKind::ImdsCredentials
    } else {
        InputKind::ImdsHttp
    }
}

/// The role name at the end of `…/security-credentials/NAME`, located in the command.
fn role_in_command(paste: &str, command: &CommandLine) -> Option<Located<String>> {
    let marker = scan::find_ci(paste, command.span, "security-credentials/")?;
    let name = scan::run_while(paste, marker.end, command.span.end, scan::is_iam_name_byte);
    let name = scan::trim_end_bytes(paste, name, b".,");
    (!name.is_empty()).then(|| Located::new(name.slice(paste).to_string(), name))
}

/// The request of the command as an exchange (method and path, located in the command).
fn request_exchange(paste: &str, command: &CommandLine, path: &str, body: Span) -> ImdsExchange {
    let path_span = scan::find_ci(paste, command.span, path).unwrap_or(command.span);
    let mut exchange = new_exchange(body);
    exchange.method = command
        .http_method
        .clone()
        .map(|m| Located::new(m, command.span));
    exchange.path = Some(Located::new(path.to_string(), path_span));
    exchange.sent_token = command.sends_token;
    exchange
}

/// The command's request (method, path) with what the paste showed of the answer.
fn request_exchange_from(
    paste: &str,
    command: &CommandLine,
    path: &str,
    seen: ImdsExchange,
) -> ImdsExchange {
    let mut exchange = request_exchange(paste, command, path, seen.span);
    exchange.method = seen.method.or(exchange.method);
    exchange.path = seen.path.or(exchange.path);
    exchange.status = seen.status;
    exchange.body = seen.body;
    exchange.curl_error = seen.curl_error;
    exchange.proxy = seen.proxy;
    exchange.date = seen.date;
    exchange.sent_token |= seen.sent_token;
    exchange.token_received = seen.token_received;
    exchange
}

/// Makes the inputs of a part agree with the IMDS path its command asked for.
pub(super) fn apply_request_path(
    paste: &str,
    body: Span,
    path: &str,
    command: Option<&CommandLine>,
    inputs: &mut Vec<Input>,
) {
    let Some(command) = command else { return };
    let expected = kind_of_path(path);
    // `curl -v` / `curl -i` show the exchange and the document: the exchange joins the document.
    if expected != InputKind::ImdsHttp && inputs.iter().any(|input| input.kind == expected) {
        let exchange = inputs.iter().find_map(|input| match &input.facts {
            Facts::ImdsHttp(exchanges) if input.kind == InputKind::ImdsHttp => {
                exchanges.last().cloned()
            }
            _ => None,
        });
        inputs.retain(|input| input.kind != InputKind::ImdsHttp);
        if let (Some(exchange), Some(document)) = (
            exchange,
            inputs.iter_mut().find(|input| input.kind == expected),
        ) {
            let http = Some(request_exchange_from(paste, command, path, exchange));
            match &mut document.facts {
                Facts::ImdsIamInfo(info) => info.http = http,
                Facts::ImdsCredentials(credentials) => credentials.http = http,
                Facts::CredentialsListing(listing) => listing.http = http,
                _ => {}
            }
        }
    }
    let request = |exchange: Option<ImdsExchange>, span: Span| {
        let mut base = request_exchange(paste, command, path, span);
        if let Some(seen) = exchange {
            base.status = seen.status;
            base.body = seen.body;
            base.curl_error = seen.curl_error;
            base.proxy = seen.proxy;
            base.date = seen.date;
            base.token_received = seen.token_received;
            base.span = seen.span;
        } else {
            base.body = Some(span);
        }
        base
    };
    if inputs.is_empty() {
        let trimmed = scan::trim(paste, body);
        if trimmed.is_empty() {
            return;
        }
        let facts = facts_for(
            expected,
            Some(request(None, trimmed)),
            role_in_command(paste, command),
        );
        inputs.push(Input {
            kind: expected,
            span: trimmed,
            command: Some(command.clone()),
            facts,
            secrets: Vec::new(),
            problems: Vec::new(),
        });
        return;
    }
    for input in inputs.iter_mut() {
        match (&mut input.facts, input.kind) {
            (Facts::ImdsCredentials(credentials), InputKind::ImdsCredentials)
                if expected == InputKind::ImdsCredentials && credentials.role_name.is_none() =>
            {
                credentials.role_name = role_in_command(paste, command);
            }
            (Facts::ImdsHttp(exchanges), InputKind::ImdsHttp) => {
                let first = exchanges.first().cloned();
                // An error status, a proxy's page or a curl error is an exchange, whatever path
                // it answered: not the document the path names (CATALOG: `imds-http`).
                let not_the_document = first.as_ref().is_some_and(|e| {
                    e.proxy.is_some()
                        || e.curl_error.is_some()
                        || e.status.as_ref().is_some_and(|s| s.value != 200)
                });
                if expected == InputKind::ImdsHttp || not_the_document {
                    if let Some(first) = exchanges.first_mut() {
                        if first.path.is_none() {
                            *first = request(Some(first.clone()), first.span);
                        }
                    }
                } else {
                    input.facts = facts_for(
                        expected,
                        Some(request(first, input.span)),
                        role_in_command(paste, command),
                    );
                    input.kind = expected;
                }
            }
            (_, kind) if kind == expected => {}
            (Facts::CredentialsListing(_), InputKind::ImdsCredentialsListing) => {
                // A single word answering some other path (`instance-id`, `iam/info` as text).
                let exchange = request(None, input.span);
                input.facts = facts_for(expected, Some(exchange), role_in_command(paste, command));
                input.kind = expected;
            }
            _ => {}
        }
    }
}

fn facts_for(
    kind: InputKind,
    http: Option<ImdsExchange>,
    role_name: Option<Located<String>>,
) -> Facts {
    match kind {
        InputKind::ImdsIamInfo => Facts::ImdsIamInfo(ImdsIamInfo {
            code: None,
            message: None,
            last_updated: None,
            profile_arn: None,
            profile_id: None,
            http,
        }),
        InputKind::ImdsCredentials => Facts::ImdsCredentials(ImdsCredentials {
            code: None,
            message: None,
            last_updated: None,
            credential_type: None,
            access_key_id: None,
            expiration: None,
            account_id: None,
            role_name,
            has_secret_access_key: false,
            has_token: false,
            http,
        }),
        InputKind::ImdsCredentialsListing => Facts::CredentialsListing(CredentialsListing {
            role_names: Vec::new(),
            http,
        }),
        _ => Facts::ImdsHttp(http.into_iter().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exchanges(text: &str) -> Vec<ImdsExchange> {
        let piece = TextPiece {
            paste: text,
            span: Span::new(0, text.len()),
            command: None,
        };
        read_exchanges(&piece)
            .map(|(_, e, _)| e)
            .unwrap_or_default()
    }

    #[test]
    fn verbose_exchange_with_token_then_404() {
        let text = "> PUT http://169.254.169.254/latest/api/token\n> x-aws-ec2-metadata-token-ttl-seconds: 21600\n< HTTP 200\n< content-type: text/plain\n<\nfaketoken\n> GET http://169.254.169.254/latest/meta-data/iam/security-credentials/\n> x-aws-ec2-metadata-token: faketoken\n< HTTP 404\n<\n<html><title>404 - Not Found</title></html>\n";
        let found = exchanges(text);
        assert_eq!(found.len(), 2);
        assert_eq!(
            found[0].method.as_ref().map(|m| m.value.as_str()),
            Some("PUT")
        );
        assert!(found[0].token_received);
        assert_eq!(
            found[1].path.as_ref().map(|p| p.span.slice(text)),
            Some("/latest/meta-data/iam/security-credentials/")
        );
        assert!(found[1].sent_token);
        assert_eq!(found[1].status.as_ref().map(|s| s.value), Some(404));
    }

    #[test]
    fn pages_curl_errors_tokens_and_listings() {
        let page = "<html>\n<head>\n<title>401 - Unauthorized</title>\n</head>\n<body><h1>401 - Unauthorized</h1></body></html>";
        let found = exchanges(page);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].status.as_ref().map(|s| s.value), Some(401));
        let found = exchanges("curl: (28) Connection timed out after 1001 milliseconds");
        assert!(found[0].curl_error.is_some());
        assert_eq!(
            exchanges("AQAEAKQRRHnsX8GCPgYTGMShrFJkMhru3n-8Ul5Gzvzj-bpWKYZuiw==").len(),
            1
        );
        assert_eq!(exchanges("info\nsecurity-credentials/").len(), 1);
        assert!(exchanges("web-role").is_empty());
    }

    #[test]
    fn path_kinds() {
        assert_eq!(
            kind_of_path("/latest/meta-data/iam/info"),
            InputKind::ImdsIamInfo
        );
        assert_eq!(
            kind_of_path("/latest/meta-data/iam/security-credentials/"),
            InputKind::ImdsCredentialsListing
        );
        assert_eq!(
            kind_of_path("/latest/meta-data/iam/security-credentials/web"),
            InputKind::ImdsCredentials
        );
        assert_eq!(kind_of_path("/latest/api/token"), InputKind::ImdsHttp);
    }
}
