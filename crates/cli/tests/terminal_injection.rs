//! Hostile control characters in every place input reaches the output (raw bytes in a pasted
//! error, `\u001b` escapes inside JSON strings, a command line of a transcript, a file name, a
//! share link's texts) never reach the text or Markdown output raw: no screen clear, no `\r`
//! overwriting the verdict, no OSC 8 link or OSC 52 clipboard write, no bidi reordering.

mod common;

use common::{code, run, stderr, stdout};

/// Sequences an attacker would use: clear screen, carriage return, OSC 8 hyperlink, OSC 52
/// clipboard write, C1 CSI, DEL, a right-to-left override.
const HOSTILE: [&str; 7] = [
    "\x1b[2J\x1b[H",
    "\rOK no findings      ",
    "\x1b]8;;https://evil.example/\x07click\x1b]8;;\x07",
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",
    "\u{9b}31m",
    "\x7f",
    "\u{202e}txt.exe",
];

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn assert_safe(what: &str, output: &str) {
    if let Some(c) = output.chars().find(|c| is_unsafe(*c)) {
        panic!("{what}: {c:?} reached the output raw:\n{output}");
    }
}

fn json_escaped(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() || u32::from(c) > 0x7e {
                format!("\\u{:04x}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn hostile_pastes() -> Vec<String> {
    let all: String = HOSTILE.concat();
    let escaped = json_escaped(&all);
    vec![
        // Raw bytes in an AccessDenied message: principal, action's resource.
        format!("An error occurred (AccessDenied) when calling the PassRole operation: User: arn:aws:iam::123456789012:user/dev{all} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/web{all} because no identity-based policy allows the iam:PassRole action\n"),
        // `\u001b` inside JSON strings: a role name, a profile name.
        format!("{{\n    \"InstanceProfile\": {{\n        \"Path\": \"/\",\n        \"InstanceProfileName\": \"web{escaped}\",\n        \"InstanceProfileId\": \"AIPAJMBYC7DLSPEXAMPLE\",\n        \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\",\n        \"CreateDate\": \"2026-11-29T18:00:00Z\",\n        \"Roles\": []\n    }}\n}}\n"),
        // A transcript's command line and an unrecognised line.
        format!("$ aws iam get-instance-profile --instance-profile-name 'web{all}'\nAn error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile web{all} cannot be found.\n{all}\n"),
    ]
}

#[test]
fn hostile_control_characters_never_reach_text_or_markdown_raw() {
    let dir = std::env::temp_dir().join(format!("ec2-iam-doctor-injection-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let mut files = Vec::new();
    for (index, paste) in hostile_pastes().iter().enumerate() {
        // The file name is hostile too.
        let path = dir.join(format!("paste-{index}\x1b[2J\r.txt"));
        std::fs::write(&path, paste).unwrap_or_else(|e| panic!("{e}"));
        files.push(path.to_string_lossy().into_owned());
    }
    for format in ["text", "markdown"] {
        let mut args = vec!["diagnose", "--format", format];
        args.extend(files.iter().map(String::as_str));
        let output = run(&args);
        assert_ne!(code(&output), Some(2), "{}", stderr(&output));
        assert!(!stdout(&output).is_empty());
        assert_safe(&format!("diagnose --format {format}"), &stdout(&output));
    }
    // The same texts through a link, opened as a recipient would.
    let mut args = vec!["link"];
    args.extend(files.iter().map(String::as_str));
    let link = stdout(&run(&args)).trim().to_owned();
    assert!(link.starts_with("#v1/"), "{link}");
    for extra in [
        &["--format", "text"][..],
        &["--format", "markdown"][..],
        &["--inputs"][..],
    ] {
        let mut args = vec!["open"];
        args.extend_from_slice(extra);
        args.push(&link);
        let output = run(&args);
        assert_ne!(code(&output), Some(2), "{}", stderr(&output));
        assert_safe(&format!("open {extra:?}"), &stdout(&output));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
