//! The static Linux binaries `make dist` writes to dist-release/: each matches its .sha256 and is
//! a static ELF of its architecture (read from its headers, and by `file` where it is
//! installed); the one for this machine's architecture runs: `--version`, and `check` against a
//! fake IMDS on 127.0.0.1 that serves a healthy instance.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use ec2_iam_doctor_devtools::archive::{hex, sha256};
use ec2_iam_doctor_devtools::elf::{self, Machine};

const VERSION: &str = env!("CARGO_PKG_VERSION");

fn release_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist-release")
}

fn binary(arch: &str) -> PathBuf {
    release_dir().join(format!("ec2-iam-doctor-{VERSION}-linux-{arch}"))
}

#[test]
fn binaries_are_static_and_match_their_checksums() {
    for (arch, machine, file_says) in [
        ("x86_64", Machine::X86_64, "x86-64"),
        ("aarch64", Machine::Aarch64, "ARM aarch64"),
    ] {
        let path = binary(arch);
        let bytes = std::fs::read(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (run `make dist`)", path.display()));
        let found = elf::read(&bytes).map(|e| (e.machine, e.is_static));
        assert_eq!(found, Some((machine, true)), "{}", path.display());
        let recorded = std::fs::read_to_string(
            path.with_file_name(format!("ec2-iam-doctor-{VERSION}-linux-{arch}.sha256")),
        )
        .unwrap_or_default();
        assert_eq!(
            recorded,
            format!(
                "{}  ec2-iam-doctor-{VERSION}-linux-{arch}\n",
                hex(&sha256(&bytes))
            )
        );
        if let Ok(output) = Command::new("file").arg(&path).output() {
            let said = String::from_utf8_lossy(&output.stdout).into_owned();
            assert!(said.contains(file_says), "{said}");
            assert!(said.contains("static"), "{said}");
        }
    }
}

/// A fake IMDS with a healthy instance: the token, then the documents for that token.
fn fake_imds() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = listener.local_addr().expect("address").port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let Ok(mut writer) = stream.try_clone() else {
                continue;
            };
            let mut reader = BufReader::new(stream);
            let mut line = String::new();
            let _ = reader.read_line(&mut line);
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
                    break;
                }
            }
            let path = line
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            let (status, body) = match path.as_str() {
                "/latest/api/token" => (200, "AQAEAReleaseBinaryTestToken000000000000000000000000000=="),
                "/latest/meta-data/instance-id" => (200, "i-0123456789abcdef0"),
                "/latest/meta-data/iam/info" => (200, "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-03T10:00:00Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPAABCDEFGHIJKLMN123\"\n}"),
                "/latest/meta-data/iam/security-credentials/" => (200, "web"),
                "/latest/meta-data/iam/security-credentials/web" => (200, "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-03T10:00:00Z\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIAZ7RELEASETEST123\",\n  \"SecretAccessKey\" : \"r3l3as3T3stS3cr3tK3yN0tReal0123456789abc\",\n  \"Token\" : \"IQoJb3JpZ2luX2VjReleaseBinaryTestSessionToken0123\",\n  \"Expiration\" : \"2099-01-01T00:00:00Z\"\n}"),
                _ => (404, "<title>404 - Not Found</title>"),
            };
            let _ = write!(
                writer,
                "HTTP/1.1 {status} X\r\nServer: EC2ws\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    port
}

#[test]
fn the_binary_for_this_machine_runs() {
    let arch = std::env::consts::ARCH;
    if std::env::consts::OS != "linux" || !matches!(arch, "x86_64" | "aarch64") {
        return;
    }
    let path = binary(arch);
    let version = Command::new(&path)
        .arg("--version")
        .output()
        .unwrap_or_else(|e| panic!("{}: {e} (run `make dist`)", path.display()));
    assert_eq!(
        String::from_utf8_lossy(&version.stdout),
        format!("ec2-iam-doctor {VERSION}\n")
    );
    let port = fake_imds();
    let home = std::env::temp_dir().join(format!("release-binary-home-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&home);
    let output = Command::new(&path)
        .env_clear()
        .env("HOME", &home)
        .args([
            "check",
            "--format",
            "json",
            "--imds-endpoint",
            &format!("http://127.0.0.1:{port}"),
        ])
        .output()
        .expect("check runs");
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_default();
    let kinds: Vec<&str> = report["inputs"]
        .as_array()
        .map(|inputs| inputs.iter().filter_map(|i| i["kind"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        kinds.contains(&"imds-iam-info"),
        "{kinds:?}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(output.status.code(), Some(0), "{report}");
}
