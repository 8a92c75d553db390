//! The rules never panic, whatever is pasted: arbitrary text, and every fixture cut short or
//! damaged (users paste partial terminal output all the time).

use engine::lang::Lang;
use engine::rules::{diagnose, Case};
use proptest::prelude::*;

/// Every fixture text under 200 KB. The policy corpus is large and not a paste; the rules see
/// policies through other inputs.
fn fixture_texts() -> Vec<String> {
    fixtures::list()
        .into_iter()
        .filter(|name| !name.starts_with("policies/"))
        .filter_map(|name| String::from_utf8(fixtures::read_bytes(&name)).ok())
        .filter(|text| text.len() < 200_000)
        .collect()
}

fn cut(text: &str, at: usize) -> &str {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text.get(..at).unwrap_or_default()
}

#[test]
fn every_fixture_cut_short_or_combined_diagnoses_without_panic() {
    let texts = fixture_texts();
    assert!(texts.len() > 100, "fixtures found: {}", texts.len());
    for text in &texts {
        for step in 1..8 {
            let cut_text = cut(text, text.len() * step / 8);
            for lang in Lang::ALL {
                let _ = diagnose(&Case::read(&[cut_text]), lang);
            }
        }
    }
    // All fixtures at once: every join across inputs runs over everything.
    let diagnosis = diagnose(&Case::read(&texts), Lang::Ja);
    assert!(!diagnosis.findings.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        let _ = diagnose(&Case::read(&[text.as_str()]), Lang::En);
    }

    #[test]
    fn json_like_text_never_panics(
        parts in proptest::collection::vec(
            prop_oneof![
                Just("{".to_owned()), Just("}".to_owned()), Just("[".to_owned()), Just("]".to_owned()),
                Just(",".to_owned()), Just(":".to_owned()), Just("\"Roles\"".to_owned()),
                Just("\"Statement\"".to_owned()), Just("\"Principal\"".to_owned()),
                Just("\"Service\"".to_owned()), Just("\"ec2.amazon.com\"".to_owned()),
                Just("\"Code\"".to_owned()), Just("\"AssumeRoleUnauthorizedAccess\"".to_owned()),
                Just("\"InstanceProfileNotFound\"".to_owned()), Just("\"IamInstanceProfile\"".to_owned()),
                Just("\"arn:aws:iam::1:instance-profile/a/b\"".to_owned()), Just("\"AIPA1\"".to_owned()),
                Just("\n$ ".to_owned()), Just("é".to_owned()), "[a-z0-9:/ -]{0,12}",
            ],
            0..60,
        )
    ) {
        let text = parts.concat();
        for lang in Lang::ALL {
            let _ = diagnose(&Case::read(&[text.as_str(), text.as_str()]), lang);
        }
    }
}
