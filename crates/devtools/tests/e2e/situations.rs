//! Journey: a person pastes the outputs of guide situations (a paste event, and text added with
//! the `add-input` button), sees the input kinds and the findings, the evidence highlighted in
//! their own text, and copies fixes: the clipboard then holds exactly the command or document
//! shown.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    add_with_button, clipboard_text, execute, finding_ids, grant_clipboard, open, paste, wait_for,
};
use serde_json::json;

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
            $path
        ))
    };
}

/// One situation: what is pasted, the input kinds and findings expected, and the text the
/// main finding's first evidence must highlight.
struct Situation {
    name: &'static str,
    pastes: &'static [&'static str],
    kinds: &'static [&'static str],
    finding: &'static str,
    also: &'static [&'static str],
    highlighted: &'static str,
}

const SITUATIONS: &[Situation] = &[
    Situation {
        name: "S3",
        pastes: &[fixture!(
            "iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"
        )],
        kinds: &["aws-error"],
        finding: "add-role-to-profile-denied",
        also: &[],
        highlighted: "AccessDenied",
    },
    Situation {
        name: "S4",
        pastes: &[
            fixture!("iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"),
            fixture!("iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"),
        ],
        kinds: &["get-instance-profile", "aws-error"],
        finding: "instance-profile-empty",
        also: &["pass-role-denied"],
        highlighted: "[]",
    },
    Situation {
        name: "S5",
        pastes: &[fixture!(
            "ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json"
        )],
        kinds: &["describe-instances"],
        finding: "no-instance-profile-associated",
        also: &[],
        highlighted: "i-1234567890abcdef0",
    },
    Situation {
        name: "S6",
        pastes: &[
            fixture!("imds-iam-info/aws-sdk-go-v1-test-success.json"),
            fixture!("iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json"),
        ],
        kinds: &["imds-iam-info", "get-instance-profile"],
        finding: "instance-profile-recreated",
        also: &[],
        highlighted: "AIPAZZZZZZZZZZZZZZZZZ",
    },
    Situation {
        name: "S6 trust",
        pastes: &[fixture!(
            "iam-get-role/CONSTRUCTED-cli-getrole-decoded-trust-wrong-service.json"
        )],
        kinds: &["get-role"],
        finding: "trust-policy-blocks-ec2",
        also: &[],
        highlighted: "rds.amazonaws.com",
    },
];

async fn text_of(browser: &Browser, css: &str) -> String {
    wait_for(browser, css)
        .await
        .text()
        .await
        .unwrap_or_else(|e| panic!("cannot read `{css}`: {e}"))
}

/// Clicks the copy button of a `.command-box` and checks the clipboard holds its text.
async fn copy_and_check(browser: &Browser, box_css: &str) {
    let shown = text_of(browser, &format!("{box_css} pre")).await;
    let button = wait_for(browser, &format!("{box_css} button.copy")).await;
    button
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click copy: {e}"));
    // The copy is asynchronous: wait for the button to report it.
    let mut said = String::new();
    for _ in 0..50 {
        said = button.text().await.unwrap_or_default();
        if said != "Copy" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(
        said, "Copied",
        "the copy button of `{box_css}` says {said:?}"
    );
    let copied = clipboard_text(browser).await;
    assert_eq!(
        copied.trim_end(),
        shown.trim_end(),
        "clipboard after copying `{box_css}`"
    );
}

#[tokio::test]
async fn guide_situations_show_their_findings_and_fixes() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    grant_clipboard(&browser).await;
    for situation in SITUATIONS {
        execute(
            &browser,
            "document.querySelector('[data-action=clear]')?.click();",
            vec![],
        )
        .await;
        for (index, text) in situation.pastes.iter().enumerate() {
            // The first output is pasted, the others typed and added with the button.
            if index == 0 {
                paste(&browser, text).await;
            } else {
                add_with_button(&browser, text).await;
            }
        }
        let area = execute(
            &browser,
            "return document.getElementById('paste').value;",
            vec![],
        )
        .await;
        assert_eq!(
            area,
            json!(""),
            "{}: the paste area was not cleared",
            situation.name
        );
        let kinds = execute(
            &browser,
            "return [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind);",
            vec![],
        )
        .await;
        assert_eq!(
            kinds,
            json!(situation.kinds),
            "{}: input kinds",
            situation.name
        );

        let ids = finding_ids(&browser).await;
        for id in std::iter::once(&situation.finding).chain(situation.also) {
            assert!(
                ids.iter().any(|shown| shown == id),
                "{}: {id} not in {ids:?}",
                situation.name
            );
        }
        // Ordered by severity: no error after a warning, info or check.
        let severities = execute(
            &browser,
            "return [...document.querySelectorAll('[data-severity]')].map(e => e.dataset.severity);",
            vec![],
        )
        .await;
        let rank = |s: &serde_json::Value| {
            ["error", "warning", "info", "check"]
                .iter()
                .position(|r| s == r)
        };
        let ranks: Vec<_> = severities
            .as_array()
            .into_iter()
            .flatten()
            .map(rank)
            .collect();
        assert!(
            ranks.windows(2).all(|w| w[0] <= w[1]),
            "{}: not ordered by severity: {severities}",
            situation.name
        );

        let finding = format!("[data-finding-id='{}']", situation.finding);
        let marked = text_of(&browser, &format!("{finding} mark.evidence-mark")).await;
        assert!(
            marked.contains(situation.highlighted),
            "{}: the evidence highlights {marked:?}, not {:?}",
            situation.name,
            situation.highlighted
        );
        // The highlight stands inside the user's own text (the excerpt of their paste).
        let excerpt = text_of(&browser, &format!("{finding} .evidence-item pre")).await;
        assert!(
            situation.pastes.iter().any(|p| p.contains(
                excerpt
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .trim_matches('…')
            )),
            "{}: the excerpt is not from the paste: {excerpt}",
            situation.name
        );
        copy_and_check(&browser, &format!("{finding} .fix .command-box")).await;
        if situation.name == "S6 trust" {
            copy_and_check(&browser, &format!("{finding} .command-box.document")).await;
            let diff = text_of(&browser, &format!("{finding} .diff")).await;
            assert!(
                diff.contains("- ") && diff.contains("ec2.amazonaws.com"),
                "diff: {diff}"
            );
        }
    }
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
