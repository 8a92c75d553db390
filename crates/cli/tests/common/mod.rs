//! Running the built binary, and the shared fixtures.

#![allow(dead_code)] // each test file uses its own part of this module

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const BIN: &str = env!("CARGO_BIN_EXE_ec2-iam-doctor");

/// A fixture of the repository's `tests/fixtures/`.
pub fn fixture(relative: &str) -> PathBuf {
    fixtures::path(relative)
}

/// The environment variables the binary reads besides its arguments.
pub const ENVIRONMENT: [&str; 4] = ["NO_COLOR", "LC_ALL", "LC_MESSAGES", "LANG"];

/// The binary with a clean environment for what it reads: no `NO_COLOR`, no locale (English).
pub fn command(args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.args(args);
    for name in ENVIRONMENT {
        command.env_remove(name);
    }
    command
}

pub fn run(args: &[&str]) -> Output {
    run_with_stdin(args, None)
}

/// Runs with `stdin` piped in (or a closed, empty standard input).
pub fn run_with_stdin(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    if let Some(mut pipe) = child.stdin.take() {
        if let Some(bytes) = stdin {
            pipe.write_all(bytes).expect("stdin is written");
        }
    }
    child.wait_with_output().expect("the binary finishes")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn code(output: &Output) -> Option<i32> {
    output.status.code()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!("stdout is JSON ({e}):\n{}", stdout(output));
    })
}

/// The ids of `value["findings"]`.
pub fn finding_ids(value: &serde_json::Value) -> Vec<String> {
    value["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter_map(|f| f["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The kinds of `value["inputs"]`.
pub fn input_kinds(value: &serde_json::Value) -> Vec<String> {
    value["inputs"]
        .as_array()
        .map(|inputs| {
            inputs
                .iter()
                .filter_map(|i| i["kind"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// A fresh directory under the target's temporary folder, never shared between tests (they
/// run in parallel threads of one process).
pub fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let number = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("{name}-{}-{number}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
