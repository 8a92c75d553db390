//! `ec2-iam-doctor diagnose`: each file (or standard input) is one paste.

use std::io::{IsTerminal, Read};
use std::process::ExitCode;

use clap::ArgMatches;
use engine::lang::Lang;
use engine::report;
use engine::rules::{self, Case};

use crate::args::t;
use crate::terminal;

/// One paste and where it came from.
pub struct Source {
    /// The file name as given, or `-` for standard input.
    pub name: String,
    pub text: String,
}

/// Why an input could not be read.
#[derive(Debug)]
pub struct Unreadable {
    pub name: String,
    pub reason: String,
}

impl Unreadable {
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => format!("cannot read `{}`: {}", self.name, self.reason),
            Lang::Ja => format!("`{}` を読み込めません: {}", self.name, self.reason),
        }
    }
}

/// The largest input read, in bytes (256 MiB): bigger ones are refused before they are read
/// whole, so `diagnose /dev/zero` ends with a message instead of filling the memory.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Text from bytes (see [`engine::text::decode`]): valid UTF-8 without a mark is taken as it is,
/// without a copy, so the text costs no more memory than the bytes read.
pub fn decode(bytes: Vec<u8>) -> String {
    let marked = bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
        || bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if !marked && !bytes.contains(&0) {
        return match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => engine::text::decode(error.as_bytes()),
        };
    }
    engine::text::decode(&bytes)
}

/// Reads at most `cap` bytes (and one more, to tell an input that is too large): the bytes, or
/// `Err(size)` for an input over the cap.
fn read_capped(
    reader: impl Read,
    size_hint: u64,
    cap: u64,
) -> std::io::Result<Result<Vec<u8>, u64>> {
    if size_hint > cap {
        return Ok(Err(size_hint));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size_hint).unwrap_or(0));
    reader.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn read_source(name: &str) -> Result<Source, Unreadable> {
    let result = if name == "-" {
        read_capped(std::io::stdin().lock(), 0, MAX_INPUT_BYTES)
    } else {
        std::fs::File::open(name).and_then(|file| {
            // A regular file says its size: one too large is refused unread.
            let size = file
                .metadata()
                .map(|m| if m.is_file() { m.len() } else { 0 })
                .unwrap_or(0);
            read_capped(file, size, MAX_INPUT_BYTES)
        })
    };
    let unreadable = |reason: String| Unreadable {
        name: name.to_owned(),
        reason,
    };
    match result {
        Ok(Ok(bytes)) => Ok(Source {
            name: name.to_owned(),
            text: decode(bytes),
        }),
        Ok(Err(_)) => Err(unreadable(format!(
            "larger than {} MiB, the most a paste may be (cut it to the outputs that matter)",
            MAX_INPUT_BYTES / 1024 / 1024
        ))),
        Err(error) => Err(unreadable(error.to_string())),
    }
}

/// Reads every named input (standard input for `-`); all of them, so every unreadable one is
/// reported at once.
pub fn read_sources(names: &[String]) -> Result<Vec<Source>, Vec<Unreadable>> {
    let mut sources = Vec::with_capacity(names.len());
    let mut unreadable = Vec::new();
    for name in names {
        match read_source(name) {
            Ok(source) => sources.push(source),
            Err(error) => unreadable.push(error),
        }
    }
    if unreadable.is_empty() {
        Ok(sources)
    } else {
        Err(unreadable)
    }
}

/// [`read_sources`], printing every unreadable input on standard error; `Err` is the exit status
/// (bad input: 2).
pub fn read_or_report(names: &[String], lang: Lang) -> Result<Vec<Source>, ExitCode> {
    read_sources(names).map_err(|unreadable| {
        for error in &unreadable {
            eprintln!("ec2-iam-doctor: {}", error.message(lang));
        }
        ExitCode::from(crate::EXIT_USAGE)
    })
}

/// A plausible RFC 3339 UTC or offset time: `2026-11-29T18:00:00Z`, `…+09:00`.
fn is_rfc3339(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| bytes.get(i) == Some(&c);
    [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
        .iter()
        .all(|&i| digit(i))
        && at(4, b'-')
        && at(7, b'-')
        && (at(10, b'T') || at(10, b't') || at(10, b' '))
        && at(13, b':')
        && at(16, b':')
}

pub fn run(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let format = matches
        .get_one::<String>("format")
        .map_or("text", String::as_str);
    let mut names: Vec<String> = matches
        .get_many::<String>("files")
        .map(|values| values.cloned().collect())
        .unwrap_or_default();
    if names.is_empty() {
        if std::io::stdin().is_terminal() {
            return crate::usage_error(t(
                lang,
                "no input: give one FILE per paste, or `-` to read standard input\n\nExample:\n  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json",
                "入力がありません: 貼り付けごとに FILE を一つ指定するか、標準入力を読むには `-` を指定してください\n\n例:\n  ec2-iam-doctor diagnose iam-info.json get-instance-profile.json",
            ));
        }
        names.push("-".to_owned());
    }
    let captured_at = matches.get_one::<String>("captured-at").cloned();
    if let Some(time) = &captured_at {
        if !is_rfc3339(time) {
            let message = match lang {
                Lang::En => {
                    format!("`{time}` is not an RFC 3339 time (for example 2026-11-29T18:00:00Z)")
                }
                Lang::Ja => {
                    format!("`{time}` は RFC 3339 の時刻ではありません (例: 2026-11-29T18:00:00Z)")
                }
            };
            return crate::usage_error(&message);
        }
    }
    let sources = match read_or_report(&names, lang) {
        Ok(sources) => sources,
        Err(status) => return status,
    };
    // `check --format json` reports of several instances: the fleet, grouped.
    if let Some(reports) = crate::fleet::reports(&sources) {
        return crate::fleet::print(&reports, format, lang);
    }

    // The texts move into the case, read lean: a big paste is held once, with no tree beside it
    // (issue 13's bound: memory at most 4× the input).
    let mut case = Case::default();
    let mut names = Vec::with_capacity(sources.len());
    for source in sources {
        names.push(source.name);
        case.push_lean(source.text);
    }
    case.captured_at = captured_at;
    print_diagnosis(&case, &names, format, lang)
}

/// Diagnoses `case` and prints it in `format` (text, json or markdown); `names` are the pastes'
/// sources (`-` for standard input). Shared by `diagnose` and `open`.
pub fn print_diagnosis(case: &Case, names: &[String], format: &str, lang: Lang) -> ExitCode {
    print_diagnosis_with(case, names, format, lang, &[])
}

/// [`print_diagnosis`] with `extra` fields added to the JSON object (`check`'s `instance`).
pub fn print_diagnosis_with(
    case: &Case,
    names: &[String],
    format: &str,
    lang: Lang,
    extra: &[(&str, serde_json::Value)],
) -> ExitCode {
    let diagnosis = rules::diagnose(case, lang);
    let labels: Vec<String> = names
        .iter()
        .map(|name| match name.as_str() {
            "-" => t(lang, "stdin", "標準入力").to_owned(),
            name => name.to_owned(),
        })
        .collect();

    let output = match format {
        "json" => {
            let mut value = report::json(case, &diagnosis, lang);
            if let Some(object) = value.as_object_mut() {
                let pastes: Vec<serde_json::Value> = names
                    .iter()
                    .map(|name| serde_json::json!({ "source": name }))
                    .collect();
                object.insert("pastes".to_owned(), serde_json::Value::Array(pastes));
                for (key, value) in extra {
                    object.insert((*key).to_owned(), value.clone());
                }
            }
            // Pretty: people read it too; `jq -c` makes it compact.
            let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
            text.push('\n');
            text
        }
        "markdown" => report::markdown(case, &diagnosis, lang, &labels),
        _ => report::text(case, &diagnosis, lang, &labels, terminal::stdout_style()),
    };
    print!("{output}");
    if diagnosis.has_error() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_utf16_with_or_without_bom() {
        assert_eq!(decode(b"{\"a\":1}".to_vec()), "{\"a\":1}");
        assert_eq!(decode(b"\xEF\xBB\xBF{}".to_vec()), "{}");
        // PowerShell: `aws sts get-caller-identity > out.json` writes UTF-16LE with a BOM.
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("{\"Arn\":\"é\"}".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(utf16le.clone()), "{\"Arn\":\"é\"}");
        // The same without its mark.
        assert_eq!(decode(utf16le[2..].to_vec()), "{\"Arn\":\"é\"}");
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("ロール".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(decode(utf16be), "ロール");
        assert_eq!(decode(b"ok \xFF ok".to_vec()), "ok \u{FFFD} ok");
    }

    #[test]
    fn inputs_over_the_cap_are_refused_unread() {
        let small = read_capped(&b"abc"[..], 3, 3).ok().and_then(Result::ok);
        assert_eq!(small.as_deref(), Some(&b"abc"[..]));
        let declared = read_capped(&b""[..], MAX_INPUT_BYTES + 1, MAX_INPUT_BYTES).ok();
        assert_eq!(declared, Some(Err(MAX_INPUT_BYTES + 1)));
        // `/dev/zero`: endless, stopped one byte past the cap.
        let endless = read_capped(std::io::repeat(0), 0, 1024).ok();
        assert_eq!(endless, Some(Err(1025)));
    }

    #[test]
    fn rfc3339_times_are_told_from_other_text() {
        assert!(is_rfc3339("2026-11-29T18:00:00Z"));
        assert!(is_rfc3339("2026-11-29T18:00:00+09:00"));
        assert!(!is_rfc3339("yesterday"));
        assert!(!is_rfc3339("2026-11-29"));
    }

    #[test]
    fn every_unreadable_file_is_reported() {
        let missing = [
            "/nonexistent/ec2-iam-doctor/a.json".to_owned(),
            "/nonexistent/ec2-iam-doctor/b.json".to_owned(),
        ];
        let errors = read_sources(&missing).err().unwrap_or_default();
        assert_eq!(errors.len(), 2);
        let message = errors
            .first()
            .map(|e| e.message(Lang::Ja))
            .unwrap_or_default();
        assert!(message.starts_with("`/nonexistent/ec2-iam-doctor/a.json` を読み込めません"));
    }
}
