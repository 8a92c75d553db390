//! `gather`'s own scripts, run against recorded outputs, make transcripts that `diagnose` reads
//! back whole. A fake `curl` (and a fake `aws`) first on the PATH answers from fixture files, as
//! IMDS and the AWS CLI would.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

/// Answers IMDS URLs from `$FAKE_IMDS/<path with / as _>`; `<file>.status` sets the HTTP status;
/// a missing file is a 404 with IMDS's page; `<file>.timeout` makes that request time out and
/// `$FAKE_IMDS/unreachable` every request; with `$FAKE_IMDS/v2-only` (`HttpTokens` required) a
/// GET without the token header gets IMDS's 401 page. Options are read as curl reads them: `-i`
/// prints the status line and headers.
const FAKE_CURL: &str = r#"#!/bin/sh
include=no; url=''; method=GET; token=no
while [ $# -gt 0 ]; do
  case $1 in
    -i) include=yes ;;
    -X) shift; method=$1 ;;
    -H) shift; case $1 in X-aws-ec2-metadata-token:*) token=yes ;; esac ;;
    --max-time) shift ;;
    http://*) url=$1 ;;
  esac
  shift
done
if [ -e "$FAKE_IMDS/unreachable" ]; then
  echo "curl: (28) Connection timed out after 2002 milliseconds" >&2
  exit 28
fi
name=$(printf '%s' "${url#http://169.254.169.254}" | tr '/' '_')
file="$FAKE_IMDS/$name"
if [ -e "$file.timeout" ]; then
  echo "curl: (28) Operation timed out after 2001 milliseconds with 0 bytes received" >&2
  exit 28
fi
if [ -e "$FAKE_IMDS/v2-only" ] && [ $token = no ] && [ "$method" = GET ]; then
  cat "$FAKE_IMDS/401.html"
  exit 0
fi
status=200
if [ -f "$file.status" ]; then status=$(cat "$file.status"); fi
if [ ! -f "$file" ]; then status=404; file="$FAKE_IMDS/404.html"; fi
if [ $include = yes ]; then
  case $status in 200) reason=OK ;; 403) reason=Forbidden ;; 404) reason='Not Found' ;; *) reason=Error ;; esac
  printf 'HTTP/1.1 %s %s\r\nContent-Type: text/plain\r\nServer: EC2ws\r\n\r\n' "$status" "$reason"
fi
cat "$file"
"#;

/// Answers `aws SERVICE OPERATION …` from `$FAKE_AWS/SERVICE_OPERATION` (`.query` with
/// `--query`); a missing file is the CLI's NoSuchEntity error. Every call is logged.
const FAKE_AWS: &str = r#"#!/bin/sh
echo "$*" >> "$FAKE_AWS/calls.log"
file="$FAKE_AWS/$1_$2"
for word in "$@"; do
  if [ "$word" = --query ]; then file="$file.query"; fi
done
if [ -f "$file" ]; then cat "$file"; exit 0; fi
echo "An error occurred (NoSuchEntity) when calling the $2 operation: not found" >&2
exit 254
"#;

fn executable(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("fake tool written");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755))
            .expect("fake tool executable");
    }
}

/// A directory of IMDS answers: (IMDS path, fixture or literal text).
struct Imds {
    dir: PathBuf,
}

impl Imds {
    fn new(name: &str) -> Imds {
        let dir = temp_dir(name);
        let page =
            fixture("imds-security-credentials-listing/smithy-rs-recorded-no-role-404-body.html");
        std::fs::copy(page, dir.join("404.html")).expect("404 page");
        Imds { dir }
    }

    fn file(&self, path: &str) -> PathBuf {
        self.dir.join(path.replace('/', "_"))
    }

    fn answer(self, path: &str, fixture_path: &str) -> Imds {
        std::fs::copy(fixture(fixture_path), self.file(path)).expect("fixture copied");
        self
    }

    fn text(self, path: &str, text: &str) -> Imds {
        std::fs::write(self.file(path), text).expect("answer written");
        self
    }

    /// The request for `path` times out (a hop limit of 1 seen from a container drops the
    /// token PUT's answer).
    fn timeout(self, path: &str) -> Imds {
        let file = PathBuf::from(format!("{}.timeout", self.file(path).display()));
        std::fs::write(file, "").expect("timeout written");
        self
    }

    /// `HttpTokens` is `required`: a GET without the token gets IMDS's 401 page.
    fn v2_only(self) -> Imds {
        std::fs::write(self.dir.join("v2-only"), "").expect("v2-only written");
        let page = fixture("imds-token-and-http/aemm-readme-imdsv1-request-401-unauthorized.html");
        std::fs::copy(page, self.dir.join("401.html")).expect("401 page");
        self
    }

    fn status(self, path: &str, status: u16) -> Imds {
        let file = PathBuf::from(format!("{}.status", self.file(path).display()));
        std::fs::write(file, status.to_string()).expect("status written");
        self
    }
}

/// The usual instance: token, id, iam listing; each scenario adds the documents it is about.
fn instance(name: &str) -> Imds {
    Imds::new(name)
        .answer(
            "/latest/api/token",
            "imds-token-and-http/smithy-rs-recorded-token-put-response-body.txt",
        )
        .text("/latest/meta-data/instance-id", "i-0123456789abcdef0")
        .answer(
            "/latest/meta-data/iam/",
            "imds-token-and-http/CONSTRUCTED-meta-data-iam-subtree-listing.txt",
        )
}

/// Prints `gather`'s script for `args`, runs it with `sh` and the fakes first on the PATH.
fn run_script(args: &[&str], env: &[(&str, &Path)]) -> (String, Output) {
    let script = run(&[&["gather"][..], args].concat());
    assert_eq!(code(&script), Some(0), "{}", stderr(&script));
    let script = stdout(&script);
    let bin = temp_dir("fake-bin");
    executable(&bin, "curl", FAKE_CURL);
    executable(&bin, "aws", FAKE_AWS);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut command = Command::new("sh");
    command.arg("-c").arg(&script).env("PATH", path);
    for (name, value) in env {
        command.env(name, value);
    }
    let output = command.output().expect("sh runs");
    (script, output)
}

/// Runs the instance script and feeds its transcript to `diagnose --format json`.
fn diagnose_transcript(imds: &Imds, gather_args: &[&str]) -> (String, Output) {
    let (_, output) = run_script(gather_args, &[("FAKE_IMDS", &imds.dir)]);
    let transcript = stdout(&output);
    let diagnosis = run_with_stdin(
        &["diagnose", "--format", "json", "-"],
        Some(transcript.as_bytes()),
    );
    (transcript, diagnosis)
}

#[test]
fn healthy_instance_reads_back_step_by_step_and_without_secrets() {
    let imds = instance("healthy")
        .answer("/latest/meta-data/iam/info", "imds-iam-info/aws-sdk-go-v1-test-success.json")
        .answer(
            "/latest/meta-data/iam/security-credentials/",
            "imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt",
        )
        .answer(
            "/latest/meta-data/iam/security-credentials/s3access",
            "imds-security-credentials/ec2-user-guide-success-s3access.json",
        );
    let (transcript, diagnosis) = diagnose_transcript(&imds, &[]);
    // Every step printed as a prompt line, IMDSv2 (the token header) throughout.
    let prompts: Vec<&str> = transcript.lines().filter(|l| l.starts_with("$ ")).collect();
    assert_eq!(prompts.len(), 6, "{transcript}");
    assert!(prompts
        .iter()
        .skip(1)
        .all(|p| p.contains("X-aws-ec2-metadata-token: $TOKEN")));
    // Secrets are replaced on the instance, before printing.
    let token = std::fs::read_to_string(fixture(
        "imds-token-and-http/smithy-rs-recorded-token-put-response-body.txt",
    ))
    .unwrap_or_default();
    for secret in [
        token.trim(),
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
    ] {
        assert!(
            !secret.is_empty() && !transcript.contains(secret),
            "{secret} printed"
        );
    }
    assert!(
        transcript.contains("\"AccessKeyId\" : \"ASIA<redacted>\""),
        "{transcript}"
    );
    assert!(transcript.contains("\"SecretAccessKey\" : \"<redacted>\""));

    assert_eq!(code(&diagnosis), Some(0), "{}", stdout(&diagnosis));
    let value = json(&diagnosis);
    assert_eq!(
        input_kinds(&value),
        [
            "imds-http",
            "imds-http",
            "imds-http",
            "imds-iam-info",
            "imds-credentials-listing",
            "imds-credentials",
        ]
    );
    // The role IMDS listed is the one read, and the profile/role names are compared.
    assert!(finding_ids(&value).contains(&"profile-name-differs-from-role".to_owned()));
    // What the script redacted is not taken for a live credential.
    assert!(
        !finding_ids(&value).contains(&"secrets-in-input".to_owned()),
        "{}",
        stdout(&diagnosis)
    );
}

#[test]
fn compact_credentials_of_any_shape_are_redacted() {
    // One line, no spaces, an access key id without the usual prefix (botocore's test values).
    let document = r#"{"Code":"Success","LastUpdated":"2012-12-03T14:38:21Z","AccessKeyId":"foo","SecretAccessKey":"bar-secret","Token":"foobar-token","Expiration":"2012-12-03T20:48:03Z","Type":"AWS-HMAC"}"#;
    let imds = instance("compact")
        .answer(
            "/latest/meta-data/iam/info",
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
        )
        .text("/latest/meta-data/iam/security-credentials/", "web-role")
        .text(
            "/latest/meta-data/iam/security-credentials/web-role",
            document,
        );
    let (transcript, diagnosis) = diagnose_transcript(&imds, &[]);
    assert!(
        transcript.contains(r#"{"Code":"Success","LastUpdated":"2012-12-03T14:38:21Z","AccessKeyId":"<redacted>","SecretAccessKey":"<redacted>","Token":"<redacted>","Expiration""#),
        "{transcript}"
    );
    for secret in ["\"foo\"", "bar-secret", "foobar-token"] {
        assert!(!transcript.contains(secret), "{secret}");
    }
    let value = json(&diagnosis);
    assert_eq!(
        input_kinds(&value).last().map(String::as_str),
        Some("imds-credentials")
    );
}

#[test]
fn profile_without_a_role_is_an_error() {
    let imds = instance("no-role").answer(
        "/latest/meta-data/iam/info",
        "imds-iam-info/CONSTRUCTED-success-with-message-instance-profile-does-not-contain-a-role.json",
    );
    let (transcript, diagnosis) = diagnose_transcript(&imds, &[]);
    // No role listed (404) and none given: the credentials step is skipped.
    assert!(!transcript.contains("security-credentials/ |"));
    assert_eq!(code(&diagnosis), Some(1), "{}", stdout(&diagnosis));
    assert!(finding_ids(&json(&diagnosis)).contains(&"instance-profile-empty".to_owned()));
}

#[test]
fn trust_policy_that_blocks_ec2_is_found_from_the_credentials_document() {
    let imds = instance("trust")
        .answer(
            "/latest/meta-data/iam/info",
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
        )
        .text(
            "/latest/meta-data/iam/security-credentials/",
            "integration-test\n",
        )
        .answer(
            "/latest/meta-data/iam/security-credentials/integration-test",
            "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json",
        );
    let (transcript, diagnosis) = diagnose_transcript(&imds, &["--role", "ignored-when-listed"]);
    assert!(
        transcript.contains("/security-credentials/integration-test |"),
        "{transcript}"
    );
    assert_eq!(code(&diagnosis), Some(1));
    let value = json(&diagnosis);
    assert!(
        finding_ids(&value).contains(&"trust-policy-blocks-ec2".to_owned()),
        "{value:#}"
    );
}

#[test]
fn imds_that_does_not_answer_falls_back_and_is_reported_unreachable() {
    let imds = Imds::new("unreachable").text("unreachable", "");
    let (transcript, diagnosis) = diagnose_transcript(&imds, &["--lang", "ja"]);
    assert!(
        transcript.contains("curl: (28) Connection timed out"),
        "{transcript}"
    );
    // No token: the GETs go without the header (IMDSv1), as the transcript shows.
    assert!(transcript
        .lines()
        .any(|l| l == "$ curl -sS --max-time 2 http://169.254.169.254/latest/meta-data/iam/info"));
    assert_eq!(code(&diagnosis), Some(1), "{}", stdout(&diagnosis));
    assert!(finding_ids(&json(&diagnosis)).contains(&"imds-unreachable".to_owned()));
}

#[test]
fn token_request_that_times_out_with_tokens_required_is_told_apart() {
    // From a container behind a hop limit of 1: the token PUT gets no answer, and IMDSv1 is off.
    let imds = instance("hop-limit")
        .timeout("/latest/api/token")
        .v2_only()
        .answer(
            "/latest/meta-data/iam/info",
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
        );
    let (transcript, diagnosis) = diagnose_transcript(&imds, &[]);
    assert!(
        transcript.contains("curl: (28) Operation timed out"),
        "{transcript}"
    );
    assert!(transcript.contains("401 - Unauthorized"), "{transcript}");
    assert_eq!(code(&diagnosis), Some(1), "{}", stdout(&diagnosis));
    let ids = finding_ids(&json(&diagnosis));
    assert!(ids.contains(&"imdsv2-token-required".to_owned()), "{ids:?}");
    assert!(ids.contains(&"imds-hop-limit".to_owned()), "{ids:?}");
}

#[test]
fn imds_turned_off_answers_403_to_the_token_request() {
    let imds = instance("disabled")
        .status("/latest/api/token", 403)
        .text("/latest/api/token", "");
    let (transcript, diagnosis) = diagnose_transcript(&imds, &[]);
    assert!(transcript.contains("HTTP/1.1 403"), "{transcript}");
    let value = json(&diagnosis);
    assert!(
        finding_ids(&value).contains(&"imds-endpoint-disabled".to_owned()),
        "{value:#}"
    );
}

#[test]
fn aws_cli_script_finds_the_names_it_was_not_given() {
    let aws = temp_dir("fake-aws");
    std::fs::copy(
        fixture("iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json"),
        aws.join("iam_get-instance-profile"),
    )
    .expect("fixture");
    std::fs::write(aws.join("iam_get-instance-profile.query"), "my-role\n").expect("query");
    std::fs::copy(
        fixture("sts-get-caller-identity/cli-docs-iam-user.json"),
        aws.join("sts_get-caller-identity"),
    )
    .expect("fixture");
    let (_, output) = run_script(
        &["--on", "aws-cli", "--profile", "my-instance-profile"],
        &[("FAKE_AWS", &aws)],
    );
    let transcript = stdout(&output);
    let calls = std::fs::read_to_string(aws.join("calls.log")).unwrap_or_default();
    // The role was looked up from the profile, then used.
    assert!(calls
        .contains("iam get-instance-profile --instance-profile-name my-instance-profile --query"));
    assert!(
        transcript.contains("$ aws iam get-role --role-name my-role --output json"),
        "{transcript}"
    );
    assert!(
        transcript.contains("NoSuchEntity"),
        "errors are part of the transcript"
    );
    // No instance id: its steps are skipped with a note.
    assert!(!transcript.contains("describe-instances"));
    assert!(
        stderr(&output).contains("skipped describe-instances"),
        "{}",
        stderr(&output)
    );

    // With the instance's own iam/info (the old profile id), the recreated profile is found.
    let imds = instance("recreated").answer(
        "/latest/meta-data/iam/info",
        "imds-iam-info/aws-sdk-go-v1-test-success.json",
    );
    let (_, instance_output) = run_script(&[], &[("FAKE_IMDS", &imds.dir)]);
    let dir = temp_dir("recreated-case");
    let instance_file = dir.join("instance.txt");
    let cli_file = dir.join("cli.txt");
    std::fs::write(&instance_file, &instance_output.stdout).expect("written");
    std::fs::write(&cli_file, transcript.as_bytes()).expect("written");
    let diagnosis = run(&[
        "diagnose",
        "--format",
        "json",
        &instance_file.to_string_lossy(),
        &cli_file.to_string_lossy(),
    ]);
    assert_eq!(code(&diagnosis), Some(1), "{}", stdout(&diagnosis));
    let value = json(&diagnosis);
    assert!(
        finding_ids(&value).contains(&"instance-profile-recreated".to_owned()),
        "{value:#}"
    );
    let kinds = input_kinds(&value);
    for kind in [
        "imds-iam-info",
        "get-instance-profile",
        "caller-identity",
        "aws-error",
    ] {
        assert!(kinds.contains(&kind.to_owned()), "{kind} in {kinds:?}");
    }
}
