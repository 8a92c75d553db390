//! `ec2-iam-doctor check`: on the instance, looks for itself. It reads what the SDKs read (the
//! clock, the environment, the AWS config and credentials files, signs of a container), asks
//! IMDS as the SDKs do (the IMDSv2 token `PUT`, the IMDSv1 fallback, `iam/info`, the credentials
//! listing and the role's document), and writes it all as one terminal transcript: each request
//! as the curl command that repeats it, then its answer. That transcript goes to the engine like
//! any paste, so `check` prints what `diagnose` would print for it, with the same exit status.
//!
//! Nothing is written to the instance (except `--save FILE`), and no secret value is kept: the
//! token, keys and session tokens are replaced by `<redacted>` before the transcript exists.

mod environment;
pub mod http;
mod imds;

use std::process::ExitCode;
use std::time::Duration;

use clap::ArgMatches;
use engine::lang::Lang;
use engine::rules::Case;

use crate::args::t;

/// What `check` was asked to do.
pub struct Options {
    /// The IMDS base URL (`http://169.254.169.254`).
    pub endpoint: String,
    pub timeout: Duration,
}

/// One step of the transcript: the command that repeats it and what it printed.
pub struct Step {
    pub command: String,
    pub output: String,
}

/// The transcript's text: `$ command` lines, each followed by its output. Nothing else: every
/// line must read back as a command or its output (a comment would be an unknown input).
pub fn transcript(steps: &[Step]) -> String {
    let mut out = String::new();
    for step in steps {
        out.push_str("$ ");
        out.push_str(&step.command);
        out.push('\n');
        out.push_str(&step.output);
        if !step.output.is_empty() && !step.output.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The IMDS endpoint as the SDKs choose it: `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the
/// IPv6 address when `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE` is `IPv6`, else the IPv4 one.
pub fn default_endpoint(env: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(endpoint) =
        env("AWS_EC2_METADATA_SERVICE_ENDPOINT").filter(|e| !e.trim().is_empty())
    {
        return endpoint.trim().trim_end_matches('/').to_owned();
    }
    let ipv6 = env("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE")
        .is_some_and(|mode| mode.trim().eq_ignore_ascii_case("ipv6"));
    if ipv6 {
        "http://[fd00:ec2::254]".to_owned()
    } else {
        "http://169.254.169.254".to_owned()
    }
}

fn secrets_removed(text: String) -> String {
    // A last pass with the engine's own scanner: whatever still looks like key material is
    // replaced, so that nothing secret reaches the screen or the saved file.
    let inputs = engine::input::read(&text);
    let mut spans: Vec<(usize, usize)> = inputs
        .iter()
        .flat_map(|input| input.secrets.iter().map(|s| (s.span.start, s.span.end)))
        .collect();
    spans.sort_unstable();
    spans.dedup();
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in spans {
        if start < at {
            continue;
        }
        let value = text.get(start..end).unwrap_or_default();
        // Already replaced, or the kept prefix of a key id (`ASIA<redacted>`).
        let kept_prefix = text
            .get(end..)
            .is_some_and(|rest| rest.starts_with(engine::gather::REDACTED));
        if value.contains(engine::gather::REDACTED) || kept_prefix {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or_default());
        out.push_str(engine::gather::REDACTED);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

pub fn run(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let format = matches
        .get_one::<String>("format")
        .map_or("text", String::as_str);
    let env = |name: &str| std::env::var(name).ok();
    let endpoint = matches
        .get_one::<String>("imds-endpoint")
        .cloned()
        .unwrap_or_else(|| default_endpoint(&env));
    if http::Endpoint::parse(&endpoint).is_none() {
        let message = match lang {
            Lang::En => format!("`{endpoint}` is not an http:// URL (IMDS answers plain HTTP: http://169.254.169.254)"),
            Lang::Ja => format!("`{endpoint}` は http:// の URL ではありません (IMDS は平文 HTTP で応答します: http://169.254.169.254)"),
        };
        return crate::usage_error(&message);
    }
    let seconds = matches
        .get_one::<String>("timeout")
        .map_or("1", String::as_str);
    let timeout = match seconds.parse::<f64>() {
        Ok(value) if value > 0.0 && value <= 60.0 => Duration::from_secs_f64(value),
        _ => {
            return crate::usage_error(&match lang {
                Lang::En => {
                    format!("`{seconds}` is not a timeout in seconds (more than 0, at most 60)")
                }
                Lang::Ja => {
                    format!("`{seconds}` はタイムアウトの秒数ではありません (0 より大きく 60 以下)")
                }
            })
        }
    };
    let options = Options { endpoint, timeout };
    let mut steps = environment::steps(&env);
    let probe = imds::probe(&options, &env);
    steps.extend(probe.steps);
    let text = secrets_removed(transcript(&steps));
    if let Some(path) = matches.get_one::<String>("save") {
        if let Err(error) = std::fs::write(path, &text) {
            return crate::usage_error(&match lang {
                Lang::En => format!("cannot write `{path}`: {error}"),
                Lang::Ja => format!("`{path}` に書き込めません: {error}"),
            });
        }
    }
    let mut case = Case::read(&[text.as_str()]);
    case.captured_at = Some(environment::now_rfc3339());
    let name = t(lang, "check", "check").to_owned();
    // For a fleet: `diagnose` groups the JSON reports of many instances by this id.
    let extra = [(
        "instance",
        probe
            .instance_id
            .map_or(serde_json::Value::Null, serde_json::Value::String),
    )];
    crate::diagnose::print_diagnosis_with(&case, &[name], format, lang, &extra)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_chosen_as_the_sdks_choose_it() {
        let none = |_: &str| None;
        assert_eq!(default_endpoint(&none), "http://169.254.169.254");
        let ipv6 = |name: &str| {
            (name == "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE").then(|| "IPv6".to_owned())
        };
        assert_eq!(default_endpoint(&ipv6), "http://[fd00:ec2::254]");
        let set = |name: &str| {
            (name == "AWS_EC2_METADATA_SERVICE_ENDPOINT")
                .then(|| "http://127.0.0.1:1338/".to_owned())
        };
        assert_eq!(default_endpoint(&set), "http://127.0.0.1:1338");
    }

    #[test]
    fn leftover_key_material_is_removed() {
        let text =
            "$ env\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n".to_owned();
        let cleaned = secrets_removed(text);
        assert!(!cleaned.contains("wJalrXUtnFEMI"), "{cleaned}");
        assert!(
            cleaned.contains("AWS_SECRET_ACCESS_KEY=<redacted>"),
            "{cleaned}"
        );
    }
}
