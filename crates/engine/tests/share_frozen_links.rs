//! Links written by each released format version must keep opening to the same case.
//!
//! `tests/links/v1/NAME.txt` (repository root) holds a link as v1 wrote it, and
//! `NAME.case.json` beside it the case it opens to. Those files are never regenerated: a change
//! that breaks one breaks links people have sent. New ones are added with
//! `FREEZE_SHARE_LINKS=1 cargo test -p ec2-iam-doctor-engine --test share_frozen_links`,
//! which writes only the files that do not exist yet.

mod share_cases;

use engine::lang::Lang;
use engine::share::{self, Case, Form, ShareOptions};

const LINKS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/links");

#[test]
fn every_frozen_link_opens_to_its_case() {
    let mut checked = 0;
    for version in ["v1"] {
        let dir = format!("{LINKS}/{version}");
        let mut paths: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let link = std::fs::read_to_string(&path).unwrap();
            let expected_path = path.with_extension("case.json");
            let expected: serde_json::Value = serde_json::from_str(
                &std::fs::read_to_string(&expected_path)
                    .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display())),
            )
            .unwrap();
            let case =
                share::decode(link.trim()).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            // Every field the case had when the link was frozen must come back the same; fields
            // added to `Case` later only need a default.
            let opened = serde_json::to_value(&case).unwrap();
            let fields = expected.as_object().expect("a case is an object");
            assert!(fields.contains_key("inputs"), "{}", expected_path.display());
            for (field, value) in fields {
                assert_eq!(
                    opened.get(field),
                    Some(value),
                    "{}: {field}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "only {checked} frozen links");
}

fn frozen_cases() -> Vec<(&'static str, Case, ShareOptions)> {
    let cases = share_cases::four_input_cases();
    let texts = |name: &str| {
        cases
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.clone())
            .unwrap()
    };
    vec![
        ("empty", Case::default(), ShareOptions::default()),
        (
            "state-only",
            Case {
                lang: Some(Lang::En),
                view: Some("evidence".into()),
                captured_at: Some("2026-11-29T18:00:00Z".into()),
                ..Case::default()
            },
            ShareOptions::default(),
        ),
        (
            "s6-recreated-full-ja",
            Case {
                lang: Some(Lang::Ja),
                view: Some("finding:instance-profile-recreated".into()),
                ..Case::of_texts(&texts("s6-recreated"))
            },
            ShareOptions::default(),
        ),
        (
            "s6-trust-full",
            Case::of_texts(&texts("s6-trust")),
            ShareOptions::default(),
        ),
        (
            "s2-previous-role-minimal-anonymised",
            Case::of_texts(&texts("s2-previous-role")),
            ShareOptions {
                form: Form::Minimal,
                anonymise: true,
                keep_authorization_messages: false,
            },
        ),
        (
            "s4-empty-profile-authorization-message-kept",
            Case::of_texts(&texts("s4-empty-profile")),
            ShareOptions {
                keep_authorization_messages: true,
                ..ShareOptions::default()
            },
        ),
        (
            "s5-imdsv2-credentials-removed",
            Case::of_texts(&texts("s5-imdsv2")),
            ShareOptions::default(),
        ),
        (
            "unicode-and-layouts",
            Case::of_texts(&[
                "ロール `web` が見つからない — 認証情報を取得できません 🙂\n",
                "{\n  \"Code\" : \"Success\",\n  \"Message\" : \"ünïcødé\"\n}",
                "[\n  {\n    \"a\": [\n      1,\n      2\n    ]\n  }\n]\n",
                "{\"one\": 1, \"line\": [true, null]}",
                "{\n\t\"tab\": \"indented\"\n}\n",
                "not json {\n  \"odd\" :1 }\r\n",
            ]),
            ShareOptions::default(),
        ),
    ]
}

#[test]
fn write_missing_frozen_links() {
    if std::env::var_os("FREEZE_SHARE_LINKS").is_none() {
        return;
    }
    let dir = format!("{LINKS}/v1");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, case, options) in frozen_cases() {
        let link_path = format!("{dir}/{name}.txt");
        if std::path::Path::new(&link_path).exists() {
            continue;
        }
        let link = share::link(
            "https://docs.example.invalid/tools/ec2-iam-doctor/",
            &case,
            &options,
        )
        .unwrap();
        let opened = share::decode(&link).unwrap();
        std::fs::write(&link_path, format!("{link}\n")).unwrap();
        std::fs::write(
            format!("{dir}/{name}.case.json"),
            format!("{}\n", serde_json::to_string_pretty(&opened).unwrap()),
        )
        .unwrap();
    }
}

#[test]
fn frozen_cases_still_encode_to_what_they_open_to() {
    // Not a frozen property (a better encoder may write other bytes), but today's encoder must
    // agree with today's decoder on every frozen case.
    for (name, case, options) in frozen_cases() {
        let opened = share::decode(&share::encode(&case, &options).unwrap()).unwrap();
        assert_eq!(opened, share::preview(&case, &options).case, "{name}");
    }
}

#[test]
fn the_v1_dictionary_is_frozen() {
    // Every v1 link was compressed against these exact bytes (see `share::dictionary`).
    let dictionary = share::dictionary::DICTIONARY.as_bytes();
    let hash = dictionary
        .iter()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3)
        });
    assert_eq!(
        (dictionary.len(), hash),
        (8800, 14_183_831_657_513_788_443),
        "the v1 dictionary changed: old links no longer open"
    );
}
