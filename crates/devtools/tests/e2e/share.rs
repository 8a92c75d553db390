//! Journey: a person diagnoses a case that holds credentials and hands it on. The address holds
//! the case (`#v1/…`) only once Share is pressed, and never a credential; the Share dialog shows exactly what the link
//! carries and the link reopens the same findings in a fresh page, in full and minimal form; the
//! Markdown export, the storage and the page's text hold no credential either. Damaged links open
//! an empty page with a localised alert and no console error.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    body_text, choose, click, dialog_link, execute, export_markdown, finding_ids, history_length,
    load_example, open, open_fresh, paste, storage_dump, wait_for, EXTRA_PASTES,
};
use fantoccini::Locator;
use serde_json::json;

/// The credential values of the pasted transcript (the guide's example role credentials).
const SECRETS: &[&str] = &[
    "ASIAIOSFODNN7EXAMPLE",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
];

fn assert_no_secret(place: &str, text: &str) {
    for secret in SECRETS {
        assert!(
            !text.contains(secret),
            "{place} holds {secret}:\n{text:.2000}"
        );
    }
}

async fn sorted_ids(browser: &Browser) -> Vec<String> {
    let mut ids = finding_ids(browser).await;
    ids.sort();
    ids
}

#[tokio::test]
async fn a_shared_link_reopens_the_case_and_carries_no_secret() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    let empty = browser_ext::href(&browser).await;
    assert!(
        !empty.contains('#'),
        "an empty page has no fragment: {empty}"
    );

    let entries = history_length(&browser).await;
    load_example(&browser, "s2-previous-role").await;
    paste(&browser, EXTRA_PASTES[0]).await;
    wait_for(&browser, "[data-finding-id]").await;
    // Pasting, the view and the language never write the case into the address or history.
    click(&browser, "#tab-checklist").await;
    click(&browser, "#tab-diagnosis").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(
        browser_ext::href(&browser).await,
        empty,
        "pasting leaves the address alone"
    );
    assert_eq!(history_length(&browser).await, entries, "no history entry");
    let all_ids = sorted_ids(&browser).await;
    assert!(
        all_ids.iter().any(|id| id == "secrets-in-input"),
        "the page warns about the pasted credentials: {all_ids:?}"
    );
    // A link carries stand-ins for the credentials: the recipient is told they were removed.
    let ids = all_ids.clone();
    assert!(
        ids.iter().any(|id| id == "credentials-for-previous-role"),
        "{ids:?}"
    );

    // The Share dialog: what the link carries, what was removed, the link and its length.
    click(&browser, "[data-action=share]").await;
    let dialog = wait_for(&browser, "dialog#share-dialog[open]").await;
    let shown = dialog.text().await.unwrap_or_default();
    assert_no_secret("the share dialog", &shown);
    let removed = execute(
        &browser,
        "return [...document.querySelectorAll('[data-removed-kind]')].map(e => e.dataset.removedKind);",
        vec![],
    )
    .await;
    let removed: Vec<String> = serde_json::from_value(removed).unwrap_or_default();
    assert!(
        removed.iter().any(|k| k == "SecretAccessKey")
            && removed.iter().any(|k| k == "AccessKeyId"),
        "the dialog names the removed kinds: {removed:?}"
    );
    let (full, full_length) = dialog_link(&browser).await;
    let link = browser_ext::href(&browser).await;
    assert_eq!(
        full, link,
        "Share puts the dialog's default link in the address"
    );
    assert!(link.starts_with(&server.url()), "{link}");
    assert_no_secret("the address", &link);
    assert_eq!(
        history_length(&browser).await,
        entries,
        "still no history entry"
    );
    assert_eq!(full_length, full.chars().count());
    click(&browser, "#share-minimal").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (minimal, minimal_length) = dialog_link(&browser).await;
    click(&browser, "#share-anonymise").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let (anonymised, anonymised_length) = dialog_link(&browser).await;
    assert_no_secret("the minimal link", &minimal);
    assert_no_secret("the anonymised link", &anonymised);
    let fragment_length = |l: &str| l.split_once('#').map_or(0, |(_, f)| f.len() + 1);
    eprintln!(
        "link lengths (whole link / fragment): full {full_length}/{}, minimal {minimal_length}/{}, minimal+anonymised {anonymised_length}/{}",
        fragment_length(&full),
        fragment_length(&minimal),
        fragment_length(&anonymised)
    );
    assert!(minimal_length < full_length, "minimal is shorter");
    assert_no_secret(
        "the share dialog with options",
        &dialog.text().await.unwrap_or_default(),
    );
    browser_ext::screenshot(&browser, "share-dialog").await;
    // Escape closes the dialog; focus returns to the Share button.
    dialog
        .send_keys("\u{e00c}")
        .await
        .unwrap_or_else(|e| panic!("cannot press Escape: {e}"));
    for _ in 0..40 {
        if browser
            .client
            .find(Locator::Css("dialog#share-dialog"))
            .await
            .is_err()
        {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        browser
            .client
            .find(Locator::Css("dialog#share-dialog"))
            .await
            .is_err(),
        "Escape closes the dialog"
    );
    let focused = execute(&browser, "return document.activeElement.id;", vec![]).await;
    assert_eq!(
        focused,
        json!("share-button"),
        "focus returns to the Share button"
    );

    let markdown = export_markdown(&browser).await;
    assert!(
        markdown.contains("credentials-for-previous-role"),
        "{markdown:.1500}"
    );
    assert_no_secret("the Markdown export", &markdown);
    assert_no_secret(
        "localStorage and sessionStorage",
        &storage_dump(&browser).await,
    );
    assert_no_secret("the page's text", &body_text(&browser).await);
    browser.assert_no_console_errors("while sharing").await;

    // A fresh page opens each link with the same findings.
    for (name, url) in [
        ("full", &link),
        ("minimal", &minimal),
        ("anonymised", &anonymised),
    ] {
        open_fresh(&browser, url).await;
        wait_for(&browser, ".input-card").await;
        wait_for(&browser, "[data-finding-id]").await;
        let reopened = sorted_ids(&browser).await;
        assert_eq!(reopened, ids, "the {name} link shows the same findings");
        let said = execute(
            &browser,
            "const s = document.querySelector('.link-opened'); return s && [s.dataset.minimal, s.dataset.anonymised];",
            vec![],
        )
        .await;
        let expected = match name {
            "full" => json!(["false", "false"]),
            "minimal" => json!(["true", "false"]),
            _ => json!(["true", "true"]),
        };
        assert_eq!(said, expected, "the page says how the {name} link was made");
        let removed = execute(
            &browser,
            "const s = document.querySelector('.link-opened'); return s && [s.dataset.removed, s.dataset.credentials];",
            vec![],
        )
        .await;
        assert_eq!(
            removed[1],
            json!("0"),
            "the {name} link carries no credential"
        );
        if name == "full" {
            assert_ne!(
                removed[0],
                json!("0"),
                "the full link says credentials were removed"
            );
        }
        browser
            .assert_no_console_errors(&format!("opening the {name} link"))
            .await;
    }

    // A link pasted into the address bar of an open page (hashchange) opens its case.
    open_fresh(&browser, &server.url()).await;
    execute(
        &browser,
        "location.hash = arguments[0];",
        vec![json!(link
            .split_once('#')
            .map(|(_, f)| f)
            .unwrap_or_default())],
    )
    .await;
    wait_for(&browser, "[data-finding-id]").await;
    assert_eq!(sorted_ids(&browser).await, ids, "hashchange opens the case");

    // Damaged links: an empty page, a clear alert, nothing else breaks.
    let long = format!("#v1/{}", "A".repeat(5000));
    for fragment in ["#v1/AAAA", long.as_str(), "#v9/x", "#v1/%3Cimg%20src=x%3E"] {
        open_fresh(&browser, &format!("{}{fragment}", server.url())).await;
        let alert = browser.text_of("[role=alert].link-error").await;
        assert!(alert.contains("This link could not be opened"), "{alert}");
        assert!(
            browser
                .client
                .find(Locator::Css(".input-card"))
                .await
                .is_err(),
            "{fragment:.20}: the page opens empty"
        );
        browser
            .assert_no_console_errors(&format!("opening {fragment:.20}"))
            .await;
    }
    // The alert speaks the page's language, and the page still works.
    choose(&browser, "language", "ja").await;
    let alert = browser.text_of("[role=alert].link-error").await;
    assert!(alert.contains("リンク"), "{alert}");
    paste(&browser, EXTRA_PASTES[0]).await;
    wait_for(&browser, ".input-card").await;
    browser
        .assert_no_console_errors("after a damaged link")
        .await;
    browser.close().await;
}
