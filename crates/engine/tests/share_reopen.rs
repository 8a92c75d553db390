//! A reopened link gives the diagnosis of the original: the same finding ids on every fixture
//! and every whole case, `secrets-in-input` turned into the notice that credentials were removed
//! (severity info), and no text emptied.

use std::collections::BTreeSet;

use engine::finding::{Diagnosis, Severity};
use engine::lang::Lang;
use engine::share::{self, Case, ShareOptions};

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

fn ids(diagnosis: &Diagnosis) -> BTreeSet<&'static str> {
    diagnosis.findings.iter().map(|f| f.id).collect()
}

fn texts() -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = fixtures::list()
        .into_iter()
        .filter(|name| !name.starts_with("policies/"))
        .filter_map(|name| {
            let bytes = fixtures::try_read_bytes(&name).ok()?;
            let text = String::from_utf8(bytes).ok()?;
            Some((name, text))
        })
        .collect();
    let mut cases: Vec<_> = std::fs::read_dir(CASES)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    cases.sort();
    for path in cases {
        if let Ok(text) = std::fs::read_to_string(&path) {
            texts.push((path.display().to_string(), text));
        }
    }
    texts
}

#[test]
fn every_fixture_reopens_with_the_same_findings() {
    let mut checked = 0;
    let mut with_credentials = 0;
    for (name, text) in texts() {
        let case = Case::of_texts(&[text.as_str()]);
        let original = case.diagnose(Lang::En);
        let fragment = match share::encode(&case, &ShareOptions::default()) {
            Ok(fragment) => fragment,
            Err(share::ShareError::TooLarge { .. }) => continue,
            Err(error) => panic!("{name}: {error:?}"),
        };
        let reopened_case = share::decode(&fragment).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(
            reopened_case.inputs.iter().all(|t| !t.trim().is_empty()) || text.trim().is_empty(),
            "{name}: a paste was emptied"
        );
        let reopened = reopened_case.diagnose(Lang::En);
        assert_eq!(ids(&original), ids(&reopened), "{name}");
        let notice = reopened
            .findings
            .iter()
            .find(|f| f.id == "secrets-in-input");
        if let Some(notice) = notice {
            with_credentials += 1;
            assert_eq!(notice.severity, Severity::Info, "{name}");
            assert!(
                notice
                    .title
                    .starts_with("credentials were removed from this link"),
                "{name}: {}",
                notice.title
            );
            // The original's count is the link's.
            let count = |title: &str| {
                title
                    .split(|c: char| !c.is_ascii_digit())
                    .find(|n| !n.is_empty())
                    .map(str::to_owned)
            };
            let original_title = original
                .findings
                .iter()
                .find(|f| f.id == "secrets-in-input")
                .map(|f| f.title.clone())
                .unwrap_or_default();
            assert_eq!(count(&original_title), count(&notice.title), "{name}");
        }
        checked += 1;
    }
    assert!(checked > 100, "{checked} fixtures");
    assert!(with_credentials > 5, "{with_credentials} with credentials");
}

#[test]
fn an_encoded_authorization_message_keeps_its_finding() {
    let text = "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not authorized to perform this operation. Encoded authorization failure message: Yq3nV-0k_Jx8RtL2mWc9PzA4hG7sD1fE6uB5oN_aKrTyXiQ2wE4rT6yU8iO0pA1sD3fG5hJ7kL9zX";
    let case = Case::of_texts(&[text]);
    for keep in [false, true] {
        let options = ShareOptions {
            keep_authorization_messages: keep,
            ..ShareOptions::default()
        };
        let fragment = share::encode(&case, &options).unwrap_or_default();
        let reopened = share::decode(&fragment).unwrap_or_default();
        assert_eq!(reopened.inputs[0].contains("Yq3nV-0k"), keep);
        let diagnosis = reopened.diagnose(Lang::En);
        let finding = diagnosis
            .findings
            .iter()
            .find(|f| f.id == "authorization-message-encoded")
            .unwrap_or_else(|| panic!("the finding went with the message (keep: {keep})"));
        let command = finding
            .fix
            .first()
            .and_then(|fix| fix.command.clone())
            .unwrap_or_default();
        assert!(command.starts_with("aws sts decode-authorization-message --encoded-message "));
        assert_eq!(command.contains("'<encoded-message>'"), !keep, "{command}");
        assert_eq!(finding.title.contains("removed from this link"), !keep);
    }
}
