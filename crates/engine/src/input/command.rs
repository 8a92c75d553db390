//! The command line above an output: `aws iam get-instance-profile --instance-profile-name web`,
//! `curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role`.

use serde::Serialize;

use crate::text::Span;

/// A command line read from a transcript (the prompt is not part of it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CommandLine {
    /// The command as typed (continuation lines joined with their backslashes removed).
    pub text: String,
    /// Where the command stands in the paste (prompt excluded, continuation lines included).
    pub span: Span,
    /// The prompt before it (`$`, `[ec2-user@host ~]$`, `PS C:\>`), when there was one.
    pub prompt: Option<Span>,
    /// The program: `aws`, `curl`, `wget`, `Invoke-RestMethod` … (after `sudo`/`env` and
    /// `VAR=value` prefixes).
    pub program: String,
    /// The words after the program, unquoted.
    pub args: Vec<String>,
    /// For `aws`: the service and operation (`iam`, `get-instance-profile`).
    pub aws_operation: Option<(String, String)>,
    /// For an HTTP client aimed at IMDS (169.254.169.254, `[fd00:ec2::254]`, or a `Host:` header
    /// naming it): the path asked for (`/latest/meta-data/iam/info`).
    pub imds_path: Option<String>,
    /// The HTTP method of that request (`PUT` for the token), `GET` by default.
    pub http_method: Option<String>,
    /// Whether the request sends `X-aws-ec2-metadata-token` (IMDSv2).
    pub sends_token: bool,
}

/// AWS CLI options that take a value (skipped when finding service and operation).
const AWS_GLOBAL_OPTIONS_WITH_VALUE: &[&str] = &[
    "--profile",
    "--region",
    "--output",
    "--endpoint-url",
    "--query",
    "--color",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--ca-bundle",
];

const IMDS_HOSTS: &[&str] = &["169.254.169.254", "[fd00:ec2::254]", "instance-data"];

const HTTP_CLIENTS: &[&str] = &[
    "curl",
    "wget",
    "http",
    "invoke-restmethod",
    "invoke-webrequest",
    "irm",
    "iwr",
    "ec2-metadata",
];

impl CommandLine {
    /// Reads a command line; `None` when it has no program word.
    pub fn parse(text: &str, span: Span, prompt: Option<Span>) -> Option<CommandLine> {
        let joined = join_continuations(text);
        let words = split_words(&joined);
        // A line may chain commands (`a && b; echo`): the output belongs to the last AWS CLI or
        // HTTP client in the chain, else to the last command.
        let mut segments: Vec<(String, Vec<String>)> = Vec::new();
        let mut program: Option<String> = None;
        let mut args = Vec::new();
        for word in &words {
            if is_separator(word) {
                if let Some(done) = program.take() {
                    segments.push((done, std::mem::take(&mut args)));
                }
                args.clear();
                continue;
            }
            match program {
                None => {
                    if is_assignment(word) && !word.contains("$(") {
                        continue;
                    }
                    let lower = word.to_ascii_lowercase();
                    if ["sudo", "env", "time", "command", "exec"].contains(&lower.as_str()) {
                        continue;
                    }
                    program = Some(word.clone());
                }
                Some(_) => args.push(word.clone()),
            }
        }
        if let Some(done) = program.take() {
            segments.push((done, args));
        }
        let chosen = segments
            .iter()
            .rposition(|(program, _)| {
                let name = program_name(program).to_ascii_lowercase();
                name == "aws" || HTTP_CLIENTS.contains(&name.as_str())
            })
            .or(segments.len().checked_sub(1))?;
        let (program, args) = segments.swap_remove(chosen);
        let program_name = program_name(&program).to_string();
        let aws_operation = if program_name.eq_ignore_ascii_case("aws") {
            aws_operation(&args)
        } else {
            None
        };
        let (imds_path, http_method, sends_token) = imds_request(&words);
        Some(CommandLine {
            text: joined,
            span,
            prompt,
            program: program_name,
            args,
            aws_operation,
            imds_path,
            http_method,
            sends_token,
        })
    }

    /// The value of `--name value` or `--name=value`.
    pub fn option(&self, name: &str) -> Option<&str> {
        let mut words = self.args.iter();
        while let Some(word) = words.next() {
            if word == name {
                return words.next().map(String::as_str);
            }
            if let Some(value) = word
                .strip_prefix(name)
                .and_then(|rest| rest.strip_prefix('='))
            {
                return Some(value);
            }
        }
        None
    }

    /// Whether this is `aws SERVICE OPERATION` for one of `operations` (`"iam get-role"`).
    pub fn is_aws(&self, operations: &[&str]) -> bool {
        self.aws_operation
            .as_ref()
            .is_some_and(|(service, operation)| {
                operations.iter().any(|wanted| {
                    wanted
                        .split_once(' ')
                        .is_some_and(|(s, o)| s == service && o == operation)
                })
            })
    }
}

fn program_name(word: &str) -> &str {
    word.rsplit(['/', '\\'])
        .next()
        .unwrap_or(word)
        .trim_end_matches(".exe")
}

fn aws_operation(args: &[String]) -> Option<(String, String)> {
    let mut positional = Vec::new();
    let mut words = args.iter();
    while let Some(word) = words.next() {
        if word.starts_with("--") {
            if AWS_GLOBAL_OPTIONS_WITH_VALUE.contains(&word.as_str()) {
                words.next();
            }
            continue;
        }
        positional.push(word.to_ascii_lowercase());
        if positional.len() == 2 {
            break;
        }
    }
    let mut positional = positional.into_iter();
    Some((positional.next()?, positional.next()?))
}

/// Finds the last IMDS URL in the words, the method and whether a token header is sent.
fn imds_request(words: &[String]) -> (Option<String>, Option<String>, bool) {
    let mentions_imds_host = words
        .iter()
        .any(|w| IMDS_HOSTS.iter().any(|host| w.contains(host)));
    let mut path = None;
    let mut method = None;
    let mut sends_token = false;
    let mut is_http_client = false;
    let mut previous: Option<&str> = None;
    for word in words {
        let lower = word.to_ascii_lowercase();
        if HTTP_CLIENTS.contains(&lower.as_str()) || lower.ends_with("/curl") {
            is_http_client = true;
            // A new request: its own method.
            method = None;
        }
        if lower.contains("x-aws-ec2-metadata-token") && !lower.contains("ttl-seconds") {
            sends_token = true;
        }
        if let Some(flag) = previous {
            let flag = flag.to_ascii_lowercase();
            if flag == "-x" || flag == "--request" || flag == "-method" || flag == "--method" {
                method = Some(word.to_ascii_uppercase());
            }
        }
        if let Some(found) = url_path(word) {
            let host_is_imds = IMDS_HOSTS.iter().any(|host| word.contains(host));
            if host_is_imds
                || (mentions_imds_host && is_http_client)
                || found.starts_with("/latest/")
            {
                path = Some(found);
            }
        }
        previous = Some(word);
    }
    if words.iter().any(|w| w.eq_ignore_ascii_case("ec2-metadata")) && path.is_none() {
        path = Some("/latest/meta-data/".to_string());
    }
    let method = path
        .as_ref()
        .map(|_| method.unwrap_or_else(|| "GET".to_string()));
    (path, method, sends_token)
}

/// The path of a URL word (`http://host/latest/meta-data/` → `/latest/meta-data/`).
fn url_path(word: &str) -> Option<String> {
    let start = word.find("://")? + 3;
    let rest = word.get(start..)?;
    let slash = rest.find('/')?;
    let path = rest.get(slash..)?;
    let path = path
        .split(['?', '#', '"', '\'', ')', ';'])
        .next()
        .unwrap_or_default();
    Some(path.to_string())
}

fn is_separator(word: &str) -> bool {
    matches!(word, ";" | "&&" | "||" | "|" | "&")
}

fn is_assignment(word: &str) -> bool {
    match word.split_once('=') {
        Some((name, _)) => {
            !name.is_empty()
                && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                && !name.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}

/// Joins `\`-continued (bash) and `` ` ``-continued (PowerShell) lines.
fn join_continuations(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for line in text.split('\n') {
        let line = line.trim_end_matches('\r');
        let (body, continued) = match line.trim_end().strip_suffix('\\') {
            Some(body) => (body, true),
            None => match line.trim_end().strip_suffix('`') {
                Some(body) => (body, true),
                None => (line, false),
            },
        };
        joined.push_str(body.trim_end());
        if continued {
            joined.push(' ');
        } else {
            joined.push('\n');
        }
    }
    joined.trim().to_string()
}

/// Splits a shell line into words: quotes and backslashes as a POSIX shell reads them, and
/// `;`, `&&`, `||`, `|`, `&` as words of their own.
pub fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for inner in chars.by_ref() {
                    if inner == '\'' {
                        break;
                    }
                    current.push(inner);
                }
            }
            '"' => {
                in_word = true;
                while let Some(inner) = chars.next() {
                    match inner {
                        '"' => break,
                        '\\' => {
                            if let Some(&next) = chars.peek() {
                                if matches!(next, '"' | '\\' | '$' | '`') {
                                    current.push(next);
                                    chars.next();
                                    continue;
                                }
                            }
                            current.push('\\');
                        }
                        other => current.push(other),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(next) = chars.next() {
                    current.push(next);
                }
            }
            ';' | '|' | '&' => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
                let mut separator = c.to_string();
                if (c == '|' || c == '&') && chars.peek() == Some(&c) {
                    separator.push(c);
                    chars.next();
                }
                words.push(separator);
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                    in_word = false;
                }
            }
            other => {
                in_word = true;
                current.push(other);
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> CommandLine {
        CommandLine::parse(text, Span::new(0, text.len()), None).unwrap_or_else(|| panic!("parses"))
    }

    #[test]
    fn aws_operation_and_options() {
        let command = parse(
            "aws --profile dev iam get-instance-profile --instance-profile-name web --output json",
        );
        assert_eq!(command.program, "aws");
        assert_eq!(
            command.aws_operation,
            Some(("iam".to_string(), "get-instance-profile".to_string()))
        );
        assert_eq!(command.option("--instance-profile-name"), Some("web"));
        assert!(command.is_aws(&["iam get-instance-profile"]));
        let command = parse("aws ec2 describe-instances --query='Reservations[].Instances[]'");
        assert_eq!(
            command.option("--query"),
            Some("Reservations[].Instances[]")
        );
    }

    #[test]
    fn curl_to_imds_with_echo_artefact() {
        let command =
            parse("curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role; echo");
        assert_eq!(command.program, "curl");
        assert_eq!(
            command.imds_path.as_deref(),
            Some("/latest/meta-data/iam/security-credentials/web-role")
        );
        assert_eq!(command.http_method.as_deref(), Some("GET"));
    }

    #[test]
    fn imdsv2_token_chain() {
        let command = parse(
            "TOKEN=$(curl -X PUT \"http://169.254.169.254/latest/api/token\" -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\") \\\n && curl -H \"X-aws-ec2-metadata-token: $TOKEN\" http://169.254.169.254/latest/meta-data/iam/info",
        );
        assert_eq!(
            command.imds_path.as_deref(),
            Some("/latest/meta-data/iam/info")
        );
        assert_eq!(command.http_method.as_deref(), Some("GET"));
        assert!(command.sends_token);
    }

    #[test]
    fn powershell_token_header() {
        let command = parse("Invoke-RestMethod -Headers @{\"X-aws-ec2-metadata-token\" = $token} -Method GET -Uri http://169.254.169.254/latest/meta-data/iam/info");
        assert!(command.sends_token);
        assert_eq!(command.http_method.as_deref(), Some("GET"));
    }

    #[test]
    fn token_put_and_moto_host_header() {
        let command = parse("curl -X PUT http://169.254.169.254/latest/api/token -H 'X-aws-ec2-metadata-token-ttl-seconds: 21600'");
        assert_eq!(command.http_method.as_deref(), Some("PUT"));
        assert!(!command.sends_token);
        let command = parse("curl -s -m 5 -H 'Host: 169.254.169.254' http://127.0.0.1:5055/latest/meta-data/iam/security-credentials/");
        assert_eq!(
            command.imds_path.as_deref(),
            Some("/latest/meta-data/iam/security-credentials/")
        );
        let command =
            parse("Invoke-RestMethod -Uri http://[fd00:ec2::254]/latest/meta-data/iam/info");
        assert_eq!(
            command.imds_path.as_deref(),
            Some("/latest/meta-data/iam/info")
        );
    }
}
