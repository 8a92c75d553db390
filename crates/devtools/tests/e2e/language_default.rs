//! Journey: the page starts in the browser's language. A browser set to Japanese, with a fresh
//! profile, opens the page in Japanese; an English one in English; a browser whose first
//! language the page lacks gets the first one it has. A language chosen with the page's switch
//! is remembered and beats the browser's after a reload; localStorage then holds that setting
//! and nothing else (never pasted text).

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{choose, execute, open, open_fresh, paste, storage_dump, wait_until};
use serde_json::{json, Value};

const PROFILE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"
));

/// What the page and the browser say about the language: the browser's languages, the page's
/// `lang`, the switch's value and two texts of the paste panel.
const LANGUAGE_STATE: &str = "return {
    browser: navigator.languages,
    page: document.documentElement.lang,
    switch: document.getElementById('language').value,
    title: document.getElementById('paste-title').innerText,
    label: document.querySelector('label.paste-label').innerText,
  };";

async fn language_state(browser: &Browser) -> Value {
    execute(browser, LANGUAGE_STATE, vec![]).await
}

/// The page's texts in Japanese and English, from the catalogs.
fn catalog_text(catalog: &str, key: &str) -> String {
    catalog
        .lines()
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(" = "))
        .unwrap_or_else(|| panic!("no {key} in the catalog"))
        .to_owned()
}

const JA: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../src/i18n/ja.txt"
));
const EN: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../src/i18n/en.txt"
));

fn expected(catalog: &str, code: &str, browser: &[&str]) -> Value {
    json!({
        "browser": browser,
        "page": code,
        "switch": code,
        "title": catalog_text(catalog, "paste.title"),
        "label": catalog_text(catalog, "paste.label"),
    })
}

/// Waits for the page to show `code` (the switch re-renders it).
async fn wait_for_lang(browser: &Browser, code: &str) {
    wait_until(
        browser,
        &format!("return document.documentElement.lang === '{code}';"),
        10,
        &format!("the page in {code}"),
    )
    .await;
}

#[test]
fn the_catalogs_differ_where_the_journeys_look() {
    for key in ["paste.title", "paste.label"] {
        assert_ne!(catalog_text(JA, key), catalog_text(EN, key), "{key}");
    }
}

#[tokio::test]
async fn a_japanese_browser_opens_the_page_in_japanese_until_a_language_is_chosen() {
    let server = browser::serve("/");
    let browser = Browser::start_with_language("ja").await;
    open(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(JA, "ja", &["ja", "en"])
    );
    assert_eq!(
        storage_dump(&browser).await,
        r#"{"local":{},"session":{}}"#,
        "the browser's language is not a choice: nothing is remembered"
    );

    // A person chooses English with the switch, then pastes an output.
    choose(&browser, "language", "en").await;
    wait_for_lang(&browser, "en").await;
    assert_eq!(
        language_state(&browser).await,
        expected(EN, "en", &["ja", "en"])
    );
    paste(&browser, PROFILE).await;
    wait_until(
        &browser,
        "return document.querySelector('[data-input-kind=get-instance-profile]');",
        10,
        "the pasted output's card",
    )
    .await;

    // The choice beats the browser's language: after a reload, and on a fresh visit without the
    // share link in the address.
    browser
        .client
        .refresh()
        .await
        .unwrap_or_else(|e| panic!("cannot reload: {e}"));
    browser_ext::wait_for(&browser, "#paste").await;
    assert_eq!(
        language_state(&browser).await,
        expected(EN, "en", &["ja", "en"]),
        "after a reload"
    );
    open_fresh(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(EN, "en", &["ja", "en"]),
        "on a fresh visit"
    );
    assert_eq!(
        storage_dump(&browser).await,
        r#"{"local":{"ec2-iam-doctor.lang":"en"},"session":{}}"#,
        "storage holds the setting and nothing else"
    );

    // Choosing Japanese again is remembered the same way.
    choose(&browser, "language", "ja").await;
    wait_for_lang(&browser, "ja").await;
    open_fresh(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(JA, "ja", &["ja", "en"])
    );
    assert_eq!(
        storage_dump(&browser).await,
        r#"{"local":{"ec2-iam-doctor.lang":"ja"},"session":{}}"#
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

#[tokio::test]
async fn an_english_browser_opens_the_page_in_english_until_a_language_is_chosen() {
    let server = browser::serve("/");
    let browser = Browser::start_with_language("en-US").await;
    open(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(EN, "en", &["en-US"])
    );
    assert_eq!(storage_dump(&browser).await, r#"{"local":{},"session":{}}"#);
    choose(&browser, "language", "ja").await;
    wait_for_lang(&browser, "ja").await;
    open_fresh(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(JA, "ja", &["en-US"]),
        "the chosen Japanese beats the browser's English"
    );
    assert_eq!(
        storage_dump(&browser).await,
        r#"{"local":{"ec2-iam-doctor.lang":"ja"},"session":{}}"#
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

#[tokio::test]
async fn the_first_language_the_page_has_wins() {
    let server = browser::serve("/");
    // French first: the page has no French, so Japanese, the next one, is the page's language.
    let browser = Browser::start_with_language("fr-FR,ja").await;
    open(&browser, &server.url()).await;
    assert_eq!(
        language_state(&browser).await,
        expected(JA, "ja", &["fr-FR", "ja", "en"])
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
