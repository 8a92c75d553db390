//! The README's examples, run as written: every `$ command` of a `console` block (except the
//! `gather` ones, which need an instance and are covered by `gather_transcript.rs`) runs in one
//! shell folder after the other, and its output must be the one the README shows (up to a line
//! `…`, which cuts the rest).

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

struct Example {
    command: String,
    /// `None` for a command written with a heredoc (it prints nothing).
    expected: Option<Vec<String>>,
}

fn examples(readme: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    for block in readme.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap_or_default();
        if block.contains("gather") {
            continue;
        }
        let lines: Vec<&str> = block.lines().collect();
        let mut i = 0;
        while let Some(line) = lines.get(i) {
            i += 1;
            let Some(command) = line.strip_prefix("$ ") else {
                continue;
            };
            if let Some(tag) = command
                .split("<<'")
                .nth(1)
                .and_then(|t| t.split('\'').next())
            {
                let mut script = format!("{command}\n");
                while let Some(body) = lines.get(i) {
                    i += 1;
                    script.push_str(body);
                    script.push('\n');
                    if *body == tag {
                        break;
                    }
                }
                examples.push(Example {
                    command: script,
                    expected: None,
                });
                continue;
            }
            let mut expected = Vec::new();
            while let Some(out) = lines.get(i) {
                if out.starts_with("$ ") {
                    break;
                }
                expected.push((*out).to_owned());
                i += 1;
            }
            examples.push(Example {
                command: command.to_owned(),
                expected: Some(expected),
            });
        }
    }
    examples
}

fn has(program: &str) -> bool {
    Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {program}"))
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("crates/cli/README.md");
    let examples = examples(&readme);
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let dir = temp_dir("readme");
    let bin_dir = Path::new(BIN)
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let jq = has("jq");
    let mut last_status = 0;
    let mut checked = 0;
    for example in &examples {
        if example.command.contains("jq ") && !jq {
            eprintln!("skipped (no jq): {}", example.command);
            continue;
        }
        let actual = if example.command == "echo $?" {
            format!("{last_status}\n")
        } else {
            // Standard error shows in the README as it does on a terminal (not after a heredoc's
            // terminator line).
            let script = match example.expected {
                Some(_) => format!("{} 2>&1", example.command),
                None => example.command.clone(),
            };
            let output = Command::new("sh")
                .arg("-c")
                .arg(script)
                .current_dir(&dir)
                .env("PATH", &path)
                .env_remove("NO_COLOR")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env_remove("LANG")
                .output()
                .expect("sh runs");
            // The exit status of the pipeline's last command, as `echo $?` would print it.
            last_status = output.status.code().unwrap_or(-1);
            String::from_utf8_lossy(&output.stdout).into_owned()
        };
        let Some(expected) = &example.expected else {
            continue;
        };
        let actual: Vec<&str> = actual.lines().collect();
        match expected.iter().position(|line| line == "…") {
            Some(cut) => assert_eq!(
                actual.get(..cut),
                Some(&expected.iter().map(String::as_str).collect::<Vec<_>>()[..cut]),
                "`{}`",
                example.command
            ),
            None => assert_eq!(actual, *expected, "`{}`", example.command),
        }
        checked += 1;
    }
    assert!(checked >= 8, "{checked} outputs checked");
}
