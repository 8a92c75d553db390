//! The binary as a user and a CI job run it: exit codes, JSON shape, both languages, standard
//! input, unreadable files, help and version, rules/explain/gather.

mod common;

use common::*;

const EMPTY_PROFILE: &str =
    "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json";
const IAM_INFO_OK: &str = "imds-iam-info/aws-sdk-go-v1-test-success.json";
const IAM_INFO_NO_ROLE: &str =
    "imds-iam-info/CONSTRUCTED-success-with-message-instance-profile-does-not-contain-a-role.json";
const ASSUME_ROLE_DENIED: &str =
    "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json";
const CREDENTIALS: &str = "imds-security-credentials/ec2-user-guide-success-s3access.json";

fn path(relative: &str) -> String {
    fixture(relative).to_string_lossy().into_owned()
}

#[test]
fn exit_status_is_1_with_an_error_finding_and_0_without() {
    let broken = run(&["diagnose", &path(EMPTY_PROFILE)]);
    assert_eq!(code(&broken), Some(1), "{}", stdout(&broken));
    assert!(stdout(&broken).contains("instance-profile-empty"));

    let healthy = run(&["diagnose", &path(IAM_INFO_OK)]);
    assert_eq!(code(&healthy), Some(0), "{}", stdout(&healthy));

    // Warnings alone do not fail a pipeline.
    let warned = run(&["diagnose", "--format", "json", &path(CREDENTIALS)]);
    let value = json(&warned);
    assert!(finding_ids(&value).contains(&"secrets-in-input".to_owned()));
    assert_eq!(code(&warned), Some(0));
}

#[test]
fn json_has_the_catalog_shape() {
    let output = run(&[
        "diagnose",
        "--format",
        "json",
        &path(IAM_INFO_NO_ROLE),
        &path(EMPTY_PROFILE),
    ]);
    assert_eq!(code(&output), Some(1));
    let value = json(&output);
    assert_eq!(
        input_kinds(&value),
        ["imds-iam-info", "get-instance-profile"]
    );
    assert_eq!(value["inputs"][1]["paste"], 1);
    assert_eq!(value["pastes"][1]["source"], path(EMPTY_PROFILE).as_str());

    let findings = value["findings"].as_array().cloned().unwrap_or_default();
    let empty = findings
        .iter()
        .find(|f| f["id"] == "instance-profile-empty")
        .cloned()
        .unwrap_or_default();
    assert_eq!(empty["severity"], "error");
    let evidence = empty["evidence"].as_array().cloned().unwrap_or_default();
    assert!(!evidence.is_empty());
    for item in &evidence {
        assert!(item["input"].is_u64() && item["line"].is_u64() && item["column"].is_u64());
        assert!(item["text"].is_string());
    }
    // The evidence quotes the user's own text.
    assert!(evidence.iter().any(|e| e["text"].as_str() == Some("[]")
        || e["text"]
            .as_str()
            .is_some_and(|t| t.contains("does not contain a role"))));
    let fix = empty["fix"].as_array().cloned().unwrap_or_default();
    assert!(fix.iter().any(|f| f["command"]
        .as_str()
        .is_some_and(|c| c.starts_with("aws iam add-role-to-instance-profile"))));
    for f in &fix {
        assert!(f["label"].is_string() && (f["kind"] == "current" || f["kind"] == "guide"));
    }
    let next = value["next"].as_array().cloned().unwrap_or_default();
    assert!(!next.is_empty(), "{value:#}");
    assert!(next
        .iter()
        .all(|n| n["command"].is_string() && n["why"].is_string()));
    assert_eq!(
        value["summary"]["error"].as_u64(),
        Some(findings.iter().filter(|f| f["severity"] == "error").count() as u64)
    );
}

#[test]
fn both_languages_give_the_same_findings_in_their_own_words() {
    let args = |lang: &'static str| {
        run(&[
            "diagnose",
            "--format",
            "json",
            "--lang",
            lang,
            &path(ASSUME_ROLE_DENIED),
        ])
    };
    let (en, ja) = (json(&args("en")), json(&args("ja")));
    assert_eq!(finding_ids(&en), finding_ids(&ja));
    assert!(finding_ids(&en).contains(&"trust-policy-blocks-ec2".to_owned()));
    assert_eq!(en["lang"], "en");
    assert_eq!(ja["lang"], "ja");
    let title = |v: &serde_json::Value| v["findings"][0]["title"].as_str().unwrap_or("").to_owned();
    assert_ne!(title(&en), title(&ja));
    assert!(
        title(&ja)
            .chars()
            .any(|c| ('\u{3040}'..='\u{30FF}').contains(&c)),
        "{}",
        title(&ja)
    );
    assert_eq!(en["findings"][0]["severity"], ja["findings"][0]["severity"]);

    let text_ja = run(&["diagnose", "--lang", "ja", &path(ASSUME_ROLE_DENIED)]);
    let out = stdout(&text_ja);
    assert!(
        out.contains("検出結果") && out.contains("エラー 1 件"),
        "{out}"
    );
    let text_en = run(&["diagnose", &path(ASSUME_ROLE_DENIED)]);
    assert!(stdout(&text_en).contains("1 error, "));
}

#[test]
fn standard_input_is_a_paste_with_dash_or_without_files() {
    let bytes = std::fs::read(fixture(EMPTY_PROFILE)).expect("fixture");
    for args in [
        &["diagnose", "--format", "json", "-"][..],
        &["diagnose", "--format", "json"][..],
    ] {
        let output = run_with_stdin(args, Some(&bytes));
        assert_eq!(code(&output), Some(1), "{args:?}");
        let value = json(&output);
        assert_eq!(input_kinds(&value), ["get-instance-profile"]);
        assert_eq!(value["pastes"][0]["source"], "-");
    }
    // A file and standard input together: two pastes.
    let output = run_with_stdin(
        &["diagnose", "--format", "json", &path(IAM_INFO_OK), "-"],
        Some(&bytes),
    );
    assert_eq!(
        input_kinds(&json(&output)),
        ["imds-iam-info", "get-instance-profile"]
    );
    // Text output names standard input in the chosen language.
    let text = run_with_stdin(&["diagnose", "--lang", "ja", "-"], Some(&bytes));
    assert!(stdout(&text).contains("標準入力:1"), "{}", stdout(&text));
}

#[test]
fn utf16_files_from_powershell_are_read() {
    let text = std::fs::read_to_string(fixture(EMPTY_PROFILE)).expect("fixture");
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let output = run_with_stdin(&["diagnose", "--format", "json", "-"], Some(&bytes));
    assert_eq!(input_kinds(&json(&output)), ["get-instance-profile"]);
    assert_eq!(code(&output), Some(1));
}

#[test]
fn unreadable_input_exits_2_and_names_every_file() {
    let dir = temp_dir("unreadable");
    let missing = dir.join("missing.json");
    let missing = missing.to_string_lossy();
    let folder = dir.to_string_lossy();
    let output = run(&["diagnose", &path(EMPTY_PROFILE), &missing, &folder]);
    assert_eq!(code(&output), Some(2));
    assert!(stdout(&output).is_empty(), "no diagnosis of a partial case");
    let err = stderr(&output);
    assert!(err.contains(&format!("cannot read `{missing}`")), "{err}");
    assert!(err.contains(&format!("cannot read `{folder}`")), "{err}");

    let ja = run(&["diagnose", "--lang", "ja", &missing]);
    assert_eq!(code(&ja), Some(2));
    assert!(stderr(&ja).contains("を読み込めません"), "{}", stderr(&ja));
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &[][..],
        &["diagnose", "--format", "yaml", "x"][..],
        &["diagnose", "--lang", "fr", "x"][..],
        &["diagnose", "--captured-at", "yesterday", "x"][..],
        &["frobnicate"][..],
        &["explain"][..],
        &["explain", "no-such-rule"][..],
        &["gather", "--role", "web role; rm -rf /"][..],
        &["gather", "--instance-id", "i-nothex"][..],
        &["gather", "--on", "laptop"][..],
    ] {
        let output = run(args);
        assert_eq!(code(&output), Some(2), "{args:?}: {}", stderr(&output));
        assert!(!stderr(&output).is_empty(), "{args:?} says why");
    }
}

#[test]
fn help_has_an_example_for_every_command_and_version_is_printed() {
    let help = run(&["--help"]);
    assert_eq!(code(&help), Some(0));
    let text = stdout(&help);
    for command in ["diagnose", "rules", "explain", "gather", "policy"] {
        assert!(text.contains(&format!("  {command} ")), "{command} listed");
        assert!(
            text.contains(&format!("ec2-iam-doctor {command}")),
            "{command} example"
        );
    }
    for command in ["diagnose", "rules", "explain", "gather"] {
        for (lang, heading) in [("en", "Examples:"), ("ja", "例:")] {
            let output = run(&[command, "--help", "--lang", lang]);
            assert_eq!(code(&output), Some(0));
            let text = stdout(&output);
            assert!(text.contains(heading), "{command} {lang}: {text}");
            assert!(
                text.contains(&format!("ec2-iam-doctor {command}")),
                "{command} {lang}"
            );
        }
    }
    assert!(stdout(&run(&["--help", "--lang", "ja"])).contains("使い方:"));
    let version = run(&["--version"]);
    assert_eq!(code(&version), Some(0));
    assert_eq!(
        stdout(&version).trim(),
        format!("ec2-iam-doctor {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn markdown_export_masks_secrets() {
    let output = run(&[
        "diagnose",
        "--format",
        "markdown",
        &path(CREDENTIALS),
        &path(EMPTY_PROFILE),
    ]);
    assert_eq!(code(&output), Some(1));
    let text = stdout(&output);
    assert!(text.starts_with("# ec2-iam-doctor diagnosis\n"), "{text}");
    assert!(text.contains("### error: "));
    let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    assert!(std::fs::read_to_string(fixture(CREDENTIALS))
        .unwrap_or_default()
        .contains(secret));
    for format in ["markdown", "json", "text"] {
        let output = run(&["diagnose", "--format", format, &path(CREDENTIALS)]);
        assert!(!stdout(&output).contains(secret), "{format}");
    }
}

#[test]
fn no_colour_off_a_terminal_or_with_no_color() {
    // Piped standard output is not a terminal.
    let piped = run(&["diagnose", &path(EMPTY_PROFILE)]);
    assert!(!stdout(&piped).contains('\x1b'));
    // On a terminal (util-linux `script` gives the binary a pseudo-terminal), colour unless
    // NO_COLOR is set.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped the terminal half: no `script` command");
        return;
    }
    let on_terminal = |no_color: Option<&str>| {
        let line = format!("{BIN} diagnose {}", path(EMPTY_PROFILE));
        let mut command = std::process::Command::new("script");
        command
            .args(["-qec", &line, "/dev/null"])
            .env("TERM", "xterm");
        for name in ENVIRONMENT {
            command.env_remove(name);
        }
        match no_color {
            Some(value) => command.env("NO_COLOR", value),
            None => command.env_remove("NO_COLOR"),
        };
        let output = command.output().expect("script runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(coloured.contains("\x1b[1;31merror\x1b[0m"), "{coloured:?}");
    assert!(!on_terminal(Some("1")).contains('\x1b'));
}

#[test]
fn rules_lists_every_catalog_id_and_explain_prints_both_languages() {
    let output = run(&["rules", "--format", "json"]);
    assert_eq!(code(&output), Some(0));
    let value = json(&output);
    let ids: Vec<&str> = value["rules"]
        .as_array()
        .map(|rules| rules.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    let catalog = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/guide/CATALOG.md"
    ))
    .expect("catalog");
    let catalog_section = catalog.split("## Findings").nth(1).unwrap_or_default();
    let catalog_ids: Vec<&str> = catalog_section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .collect();
    assert!(!catalog_ids.is_empty());
    for id in &catalog_ids {
        assert!(ids.contains(id), "`rules` lists {id}");
    }
    let text = stdout(&run(&["rules"]));
    assert_eq!(text.lines().count(), ids.len() + 1);

    let en = run(&["explain", "instance-profile-empty"]);
    let ja = run(&["explain", "instance-profile-empty", "--lang", "ja"]);
    assert_eq!((code(&en), code(&ja)), (Some(0), Some(0)));
    assert!(stdout(&en).contains("## What it checks"), "{}", stdout(&en));
    assert!(stdout(&ja).contains("## 確認する内容"), "{}", stdout(&ja));
    let near = run(&["explain", "instance-profile"]);
    assert!(stderr(&near).contains("instance-profile-empty"));
}

#[test]
fn gather_lists_steps_with_names_filled() {
    let output = run(&[
        "gather",
        "--format",
        "json",
        "--role",
        "web-role",
        "--instance-id",
        "i-0123456789abcdef0",
    ]);
    assert_eq!(code(&output), Some(0));
    let value = json(&output);
    let steps = value["steps"].as_array().cloned().unwrap_or_default();
    let step = |id: &str| {
        steps
            .iter()
            .find(|s| s["id"] == id)
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        step("get-role")["command"],
        "aws iam get-role --role-name web-role --output json"
    );
    assert_eq!(
        step("get-instance-profile")["placeholders"][0],
        "<instance-profile-name>"
    );
    assert_eq!(step("imds-iam-info")["where"], "instance");
    assert!(step("describe-instances")["command"]
        .as_str()
        .is_some_and(|c| c.contains("--instance-ids i-0123456789abcdef0")));

    let list = stdout(&run(&["gather", "--format", "list", "--lang", "ja"]));
    assert!(
        list.contains("インスタンス上で") && list.contains("AWS CLI で"),
        "{list}"
    );
    assert!(list.contains("'<role-name>'"));
}

#[test]
fn secrets_typed_in_commands_are_never_printed() {
    let token = "AQAEAKQRRHnsX8GCPgYTGMShrFJkMhru3n-8Ul5Gzvzj-bpWKYZuiw==";
    let secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzzzzzzz";
    let transcript = format!(
        "$ curl -s -H \"X-aws-ec2-metadata-token: {token}\" http://169.254.169.254/latest/meta-data/iam/info\n\
         {{\"Code\":\"Success\",\"LastUpdated\":\"2026-11-29T17:51:35Z\",\"InstanceProfileArn\":\"arn:aws:iam::123456789012:instance-profile/web\",\"InstanceProfileId\":\"AIPAJEXAMPLEID1234567\"}}\n\
         $ export AWS_SECRET_ACCESS_KEY={secret_key}\n\
         $ aws sts get-caller-identity\n\
         Unable to locate credentials.\n"
    );
    for format in ["text", "json", "markdown"] {
        for lang in ["en", "ja"] {
            let output = run_with_stdin(
                &["diagnose", "--format", format, "--lang", lang, "-"],
                Some(transcript.as_bytes()),
            );
            let out = stdout(&output);
            assert!(!out.is_empty());
            assert!(
                !out.contains(token) && !out.contains(secret_key),
                "{format} {lang}: {out}"
            );
        }
    }
    let value = json(&run_with_stdin(
        &["diagnose", "--format", "json", "-"],
        Some(transcript.as_bytes()),
    ));
    assert_eq!(input_kinds(&value), ["imds-iam-info", "sdk-error"]);
    assert!(value["inputs"][0]["command"]
        .as_str()
        .is_some_and(|c| c.contains("/latest/meta-data/iam/info") && !c.contains(token)));
}

/// The README documents the JSON output field by field: every field the tool prints is in the
/// table, and every field the table does not mark optional is printed.
#[test]
fn readme_documents_every_json_field() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("crates/cli/README.md");
    let section = readme
        .split("## JSON output")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .unwrap_or_default();
    let mut documented: Vec<(String, bool)> = Vec::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let mut cells = row.split(" | ");
        let names = cells.next().unwrap_or_default();
        let optional = cells.next().is_some_and(|kind| kind.contains("optional"));
        for name in names.split('`').skip(1).step_by(2) {
            documented.push((name.to_owned(), optional));
        }
    }
    assert!(documented.len() > 20, "{documented:?}");

    let output = run(&[
        "diagnose",
        "--format",
        "json",
        &path("imds-security-credentials/aemm-default-success.json"),
        &path("iam-get-role/ec2-user-guide-create-role-response-decoded-trust.json"),
        &path(IAM_INFO_NO_ROLE),
        &path("iam-list-instance-profiles/cli-docs-two-profiles-decoded-trust.json"),
    ]);
    let value = json(&output);
    // Arrays are named `field[]`, the fields of their objects `field[].sub` (`field[].sub[]`).
    let mut printed: Vec<String> = Vec::new();
    let mut add = |name: String| {
        if !printed.contains(&name) {
            printed.push(name);
        }
    };
    for (key, field) in value.as_object().cloned().unwrap_or_default() {
        let Some(items) = field.as_array() else {
            add(key);
            continue;
        };
        add(format!("{key}[]"));
        for item in items {
            for (sub, sub_value) in item.as_object().cloned().unwrap_or_default() {
                let suffix = if sub_value.is_array() { "[]" } else { "" };
                add(format!("{key}[].{sub}{suffix}"));
            }
        }
    }
    for name in &printed {
        assert!(
            documented.iter().any(|(d, _)| d == name),
            "`{name}` is printed but not documented"
        );
    }
    for (name, optional) in &documented {
        if !optional {
            assert!(
                printed.contains(name),
                "`{name}` is documented but not printed: {printed:?}"
            );
        }
    }
}

#[test]
fn diagnose_without_files_on_a_terminal_says_what_to_give() {
    // Reading a terminal would wait for input the user does not know to type.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: no `script` command");
        return;
    }
    let mut command = std::process::Command::new("script");
    command
        .args(["-qec", &format!("{BIN} diagnose"), "/dev/null"])
        .stdin(std::process::Stdio::null());
    for name in ENVIRONMENT {
        command.env_remove(name);
    }
    let output = command.output().expect("script runs");
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2), "{text}");
    assert!(
        text.contains("no input: give one FILE per paste, or `-`"),
        "{text}"
    );
}

#[test]
fn the_locale_chooses_the_language_unless_lang_is_given() {
    let with_env = |vars: &[(&str, &str)], args: &[&str]| {
        let mut command = common::command(args);
        for (name, value) in vars {
            command.env(name, value);
        }
        let output = command.output().expect("the binary runs");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let profile = path(EMPTY_PROFILE);
    let japanese = "エラー 1 件";
    let english = "1 error, ";
    assert!(with_env(&[("LANG", "ja_JP.UTF-8")], &["diagnose", &profile]).contains(japanese));
    // `C` names no language: the next variable decides.
    assert!(with_env(
        &[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")],
        &["diagnose", &profile]
    )
    .contains(japanese));
    assert!(with_env(
        &[("LC_ALL", "en_US.UTF-8"), ("LANG", "ja_JP.UTF-8")],
        &["diagnose", &profile]
    )
    .contains(english));
    assert!(with_env(
        &[("LANG", "ja_JP.UTF-8")],
        &["diagnose", "--lang", "en", &profile]
    )
    .contains(english));
    assert!(with_env(&[], &["diagnose", &profile]).contains(english));
    assert!(with_env(&[("LANG", "ja_JP.UTF-8")], &["--help"]).contains("使い方:"));
}
