//! Asking IMDS as the SDKs do, and writing each exchange as `curl -i` would show it.
//!
//! The sequence is botocore's `IMDSFetcher` and aws-sdk-go-v2's `feature/ec2/imds` client:
//! `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: 21600`; on 200 every GET
//! carries `X-aws-ec2-metadata-token`; on 403, 404 or 405 (IMDS off, not EC2, a proxy), a
//! timeout (a hop limit of 1 from a container) or another failure they fall back to IMDSv1
//! (GETs without the token); 400 is final (botocore's `BadIMDSRequestError`, Go's terminal 400).
//! Then the credentials listing and the role's document, as their credential providers read
//! them; `instance-id` and `iam/info` are read too, for the diagnosis. Proxies apply as in the
//! SDKs' HTTP stacks: `http_proxy`/`HTTP_PROXY` unless `no_proxy`/`NO_PROXY` exempts the host.

use std::time::Instant;

use engine::gather::{REDACTED, REDACT_SED};

use super::http::{self, Endpoint, Failure, Request, Response};
use super::{Options, Step};

/// The longest body written to the transcript: an excerpt is enough to recognise a page.
const BODY_EXCERPT: usize = 4096;
const TOKEN_TTL: (&str, &str) = ("X-aws-ec2-metadata-token-ttl-seconds", "21600");
const CREDENTIALS: &str = "/latest/meta-data/iam/security-credentials/";

/// The proxy a plain-HTTP request to `target` goes through, from the environment.
pub fn proxy_for(env: &dyn Fn(&str) -> Option<String>, target: &Endpoint) -> Option<String> {
    let get = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let proxy = get("http_proxy")
        .or_else(|| get("HTTP_PROXY"))
        .or_else(|| get("all_proxy"))
        .or_else(|| get("ALL_PROXY"))?;
    let no_proxy = get("no_proxy")
        .or_else(|| get("NO_PROXY"))
        .unwrap_or_default();
    if engine::input::no_proxy_covers(&no_proxy, &target.host) {
        return None;
    }
    // `proxy:3128` without a scheme is read as http:// by the SDKs' stacks.
    Some(if proxy.contains("://") {
        proxy.trim().to_owned()
    } else {
        format!("http://{}", proxy.trim())
    })
}

/// A proxy URL without its password, for the transcript.
fn shown_proxy(proxy: &str) -> String {
    super::environment::shown_value("http_proxy", proxy)
}

struct Prober<'a> {
    options: &'a Options,
    target: Endpoint,
    proxy: Option<(String, Endpoint)>,
    curl: String,
    steps: Vec<Step>,
}

/// What one request gave.
enum Outcome {
    Answer(Response),
    Failed(Failure),
}

impl Prober<'_> {
    fn request(&mut self, method: &str, path: &str, token: Option<&str>) -> (Outcome, u128) {
        let mut headers: Vec<(&str, &str)> = Vec::new();
        if method == "PUT" {
            headers.push(TOKEN_TTL);
        }
        if let Some(token) = token {
            headers.push(("X-aws-ec2-metadata-token", token));
        }
        let started = Instant::now();
        let result = http::send(&Request {
            method,
            target: &self.target,
            path,
            headers: &headers,
            proxy: self.proxy.as_ref().map(|(_, endpoint)| endpoint),
            timeout: self.options.timeout,
        });
        let elapsed = started.elapsed().as_millis();
        let outcome = match result {
            Ok(response) => Outcome::Answer(response),
            Err(failure) => Outcome::Failed(failure),
        };
        (outcome, elapsed)
    }

    fn command(
        &self,
        method: &str,
        path: &str,
        token: bool,
        redact: bool,
        elapsed: u128,
    ) -> String {
        let mut command = self.curl.clone();
        command.push_str(" -i");
        if method == "PUT" {
            command.push_str(&format!(" -X PUT -H \"{}: {}\"", TOKEN_TTL.0, TOKEN_TTL.1));
        }
        if token {
            command.push_str(" -H \"X-aws-ec2-metadata-token: $TOKEN\"");
        }
        command.push(' ');
        command.push_str(&self.options.endpoint);
        command.push_str(path);
        if redact {
            command.push_str(" | ");
            command.push_str(REDACT_SED);
        }
        command.push_str(&format!("  # {elapsed} ms"));
        command
    }

    fn failure_text(&self, failure: &Failure, elapsed: u128) -> String {
        let (host, port) = match &self.proxy {
            Some((_, endpoint)) => (endpoint.host.clone(), endpoint.port),
            None => (self.target.host.clone(), self.target.port),
        };
        match failure {
            Failure::ConnectTimeout => {
                format!("curl: (28) Connection timed out after {elapsed} milliseconds\n")
            }
            Failure::ReadTimeout { received } => format!(
                "curl: (28) Operation timed out after {elapsed} milliseconds with {received} bytes received\n"
            ),
            Failure::Refused => format!(
                "curl: (7) Failed to connect to {host} port {port} after {elapsed} ms: Connection refused\n"
            ),
            Failure::Other(reason) => format!("curl: (56) Failure talking to {host} port {port}: {reason}\n"),
        }
    }

    /// One exchange, written down; the answer when there was one.
    fn exchange(
        &mut self,
        method: &str,
        path: &str,
        token: Option<&str>,
        redact: Redact,
    ) -> Option<Response> {
        let (outcome, elapsed) = self.request(method, path, token);
        let command = self.command(
            method,
            path,
            token.is_some(),
            redact == Redact::Credentials,
            elapsed,
        );
        let (output, answer) = match outcome {
            Outcome::Answer(response) => (render(&response, redact), Some(response)),
            Outcome::Failed(failure) => (self.failure_text(&failure, elapsed), None),
        };
        self.steps.push(Step { command, output });
        answer
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Redact {
    Nothing,
    /// The token PUT: a 200 body is the token.
    Token,
    /// The role's document: key id, secret key and session token.
    Credentials,
}

/// The answer as `curl -i` prints it (status line, headers, blank line, body), secrets replaced.
fn render(response: &Response, redact: Redact) -> String {
    let mut out = format!("HTTP/1.1 {} {}\n", response.status, response.reason);
    for (name, value) in &response.headers {
        let value = if name.eq_ignore_ascii_case("x-aws-ec2-metadata-token") {
            REDACTED
        } else {
            value.as_str()
        };
        out.push_str(&format!("{name}: {value}\n"));
    }
    out.push('\n');
    let body = String::from_utf8_lossy(&response.body);
    let body = match redact {
        Redact::Token if response.status == 200 => REDACTED.to_owned(),
        Redact::Credentials => masked_credentials(&body),
        _ => body.into_owned(),
    };
    let mut excerpt: String = body.chars().take(BODY_EXCERPT).collect();
    if excerpt.len() < body.len() {
        excerpt.push_str("\n…\n");
    }
    out.push_str(&excerpt);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// A credentials document with the values of `SecretAccessKey` and `Token` replaced and
/// `AccessKeyId` cut to its four-letter prefix: what `REDACT_SED` does to the same text.
pub fn masked_credentials(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find('"') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let after = rest.get(at + 1..).unwrap_or_default();
        let Some(close) = after.find('"') else {
            out.push_str(rest.get(at..).unwrap_or_default());
            rest = "";
            break;
        };
        let key = after.get(..close).unwrap_or_default();
        out.push('"');
        out.push_str(key);
        out.push('"');
        rest = after.get(close + 1..).unwrap_or_default();
        let masked = matches!(key, "SecretAccessKey" | "Token" | "AccessKeyId");
        let trimmed = rest.trim_start();
        if masked && trimmed.starts_with(':') {
            let colon = rest.len() - trimmed.len();
            let value_part = trimmed.get(1..).unwrap_or_default();
            let value_start = value_part.len() - value_part.trim_start().len();
            let value = value_part.trim_start();
            if let Some(inner) = value.strip_prefix('"') {
                if let Some(end) = inner.find('"') {
                    out.push_str(rest.get(..colon + 1 + value_start).unwrap_or_default());
                    let secret = inner.get(..end).unwrap_or_default();
                    let prefix = secret
                        .get(..4)
                        .filter(|p| {
                            key == "AccessKeyId" && p.bytes().all(|b| b.is_ascii_uppercase())
                        })
                        .unwrap_or_default();
                    out.push('"');
                    out.push_str(prefix);
                    out.push_str(REDACTED);
                    out.push('"');
                    rest = inner.get(end + 1..).unwrap_or_default();
                }
            }
        }
    }
    out.push_str(rest);
    out
}

/// What IMDS said: every exchange as a step, and the instance's id when IMDS gave it.
pub struct Probe {
    pub steps: Vec<Step>,
    pub instance_id: Option<String>,
}

/// Asks IMDS as the SDKs do; every exchange becomes a step.
pub fn probe(options: &Options, env: &dyn Fn(&str) -> Option<String>) -> Probe {
    let Some(target) = Endpoint::parse(&options.endpoint) else {
        return Probe {
            steps: Vec::new(),
            instance_id: None,
        };
    };
    let proxy = proxy_for(env, &target)
        .and_then(|url| Endpoint::parse(&url).map(|endpoint| (url, endpoint)));
    let seconds = options.timeout.as_secs_f64();
    let mut curl = format!("curl -sS --max-time {}", trim_number(seconds));
    if let Some((url, _)) = &proxy {
        curl.push_str(&format!(" --proxy {}", shown_proxy(url)));
    }
    let mut prober = Prober {
        options,
        target,
        proxy,
        curl,
        steps: Vec::new(),
    };

    let token_answer = prober.exchange("PUT", "/latest/api/token", None, Redact::Token);
    let token = match &token_answer {
        Some(answer) if answer.status == 200 => {
            Some(String::from_utf8_lossy(&answer.body).trim().to_owned())
        }
        // A 400 is final for both SDKs: no fallback.
        Some(answer) if answer.status == 400 => {
            return Probe {
                steps: prober.steps,
                instance_id: None,
            }
        }
        _ => None,
    };
    let token = token.as_deref();
    let unreachable = |answer: &Option<Response>| answer.is_none();
    let id = prober.exchange(
        "GET",
        "/latest/meta-data/instance-id",
        token,
        Redact::Nothing,
    );
    if unreachable(&token_answer) && unreachable(&id) {
        // Nothing answers: more requests would only add timeouts.
        return Probe {
            steps: prober.steps,
            instance_id: None,
        };
    }
    let instance_id = id
        .filter(|answer| answer.status == 200)
        .map(|answer| String::from_utf8_lossy(&answer.body).trim().to_owned())
        .filter(|id| engine::input::is_instance_id(id));
    prober.exchange("GET", "/latest/meta-data/iam/info", token, Redact::Nothing);
    let listing = prober.exchange("GET", CREDENTIALS, token, Redact::Nothing);
    let role = listing
        .filter(|answer| answer.status == 200)
        .and_then(|answer| {
            let body = String::from_utf8_lossy(&answer.body).into_owned();
            body.lines().next().map(|line| line.trim().to_owned())
        })
        .filter(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b))
        });
    if let Some(role) = role {
        let path = format!("{CREDENTIALS}{role}");
        prober.exchange("GET", &path, token, Redact::Credentials);
    }
    Probe {
        steps: prober.steps,
        instance_id,
    }
}

fn trim_number(value: f64) -> String {
    let text = format!("{value:.3}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_documents_are_masked_as_the_sed_masks_them() {
        let body = "{\n  \"Code\" : \"Success\",\n  \"AccessKeyId\" : \"ASIAIOSFODNN7EXAMPLE\",\n  \"SecretAccessKey\" : \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n  \"Token\" : \"IQoJb3JpZ2luX2Vj\",\n  \"Expiration\" : \"2026-12-03T20:00:00Z\"\n}";
        let masked = masked_credentials(body);
        assert_eq!(
            masked,
            "{\n  \"Code\" : \"Success\",\n  \"AccessKeyId\" : \"ASIA<redacted>\",\n  \"SecretAccessKey\" : \"<redacted>\",\n  \"Token\" : \"<redacted>\",\n  \"Expiration\" : \"2026-12-03T20:00:00Z\"\n}"
        );
        assert_eq!(masked_credentials("not json \""), "not json \"");
    }

    #[test]
    fn no_proxy_exempts_imds_as_the_sdks_read_it() {
        let target = Endpoint::parse("http://169.254.169.254").unwrap_or_else(|| unreachable!());
        let with = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        assert_eq!(proxy_for(&with(&[]), &target), None);
        assert_eq!(
            proxy_for(&with(&[("HTTP_PROXY", "proxy:3128")]), &target).as_deref(),
            Some("http://proxy:3128")
        );
        assert_eq!(
            proxy_for(
                &with(&[
                    ("HTTP_PROXY", "http://proxy:3128"),
                    ("NO_PROXY", "169.254.169.254")
                ]),
                &target
            ),
            None
        );
        assert_eq!(trim_number(1.0), "1");
        assert_eq!(trim_number(0.25), "0.25");
    }
}
