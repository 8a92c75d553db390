//! Journey: a person switches the page to Japanese with a full case loaded. No English is left
//! outside commands, ids and code; the choice survives a reload (localStorage holds the settings
//! and nothing else: never pasted text).

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{choose, execute, load_example, open, wait_for};
use serde_json::json;

const ENGLISH_CATALOG: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../src/i18n/en.txt"
));

/// Every visible text and accessible label outside code, commands, ids and text marked as
/// another language or not to be translated.
const VISIBLE_TEXT: &str = r#"
const page = document.documentElement.lang;
const skip = `code, pre, kbd, samp, textarea, script, style, [translate="no"], [lang]:not(html):not([lang="${page}"]), .kind-id, .finding-id`;
const texts = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const parent = node.parentElement;
  if (!parent || parent.closest(skip)) continue;
  const style = getComputedStyle(parent);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  if (node.textContent.trim()) texts.push(node.textContent.trim());
}
for (const element of document.querySelectorAll('[aria-label], [title]')) {
  if (element.closest(skip)) continue;
  for (const name of ['aria-label', 'title']) {
    const value = element.getAttribute(name);
    if (value) texts.push(value);
  }
}
return texts;
"#;

/// A run of three or more ASCII words with lower-case letters: an English phrase. Japanese text
/// legitimately holds single names (`AddRoleToInstanceProfile`, `EC2`, `IMDS`).
fn english_phrase(text: &str) -> Option<String> {
    let mut run: Vec<&str> = Vec::new();
    for word in text.split(|c: char| c.is_whitespace()) {
        let bare = word.trim_matches(|c: char| c.is_ascii_punctuation());
        let english = !bare.is_empty()
            && bare
                .chars()
                .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-')
            && bare.chars().any(|c| c.is_ascii_lowercase());
        if english {
            run.push(bare);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

#[test]
fn the_phrase_check_tells_english_from_names() {
    assert_eq!(
        english_phrase("this is English"),
        Some("this is English".into())
    );
    assert_eq!(
        english_phrase("AddRoleToInstanceProfile を呼び出すと AccessDenied"),
        None
    );
    assert_eq!(english_phrase("EC2 IMDS AWS"), None);
}

#[tokio::test]
async fn japanese_view_has_no_english_left() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    choose(&browser, "language", "en").await;
    load_example(&browser, "s4-empty-profile").await;
    // More of the page: a second example's inputs on top, and a paste's text opened.
    for text in browser_ext::EXTRA_PASTES {
        browser_ext::paste(&browser, text).await;
    }
    // The probe itself: in English it finds English phrases.
    let english_texts: Vec<String> =
        serde_json::from_value(execute(&browser, VISIBLE_TEXT, vec![]).await).unwrap_or_default();
    assert!(
        english_texts.iter().any(|t| english_phrase(t).is_some()),
        "the probe finds no English in the English view: {english_texts:?}"
    );
    choose(&browser, "language", "ja").await;
    assert_eq!(
        execute(&browser, "return document.documentElement.lang;", vec![]).await,
        json!("ja")
    );
    let english: Vec<&str> = ENGLISH_CATALOG
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.split_once(" = ").map(|(_, text)| text))
        .filter(|text| text.split_whitespace().count() >= 2)
        .collect();
    for view in ["diagnosis", "checklist", "gather"] {
        wait_for(&browser, &format!("[data-view={view}]"))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot open the {view} view: {e}"));
        let texts: Vec<String> =
            serde_json::from_value(execute(&browser, VISIBLE_TEXT, vec![]).await)
                .unwrap_or_default();
        assert!(texts.len() > 20, "too little text read: {texts:?}");
        for text in &texts {
            if let Some(phrase) = english_phrase(text) {
                panic!("English left in the Japanese {view} view: {phrase:?} in {text:?}");
            }
            for sentence in &english {
                let head: String = sentence
                    .split('{')
                    .next()
                    .unwrap_or_default()
                    .trim()
                    .to_owned();
                assert!(
                    head.len() < 8 || !text.contains(&head),
                    "the English catalog text {head:?} shows in the Japanese {view} view: {text:?}"
                );
            }
        }
    }
    // Remembered: a reload comes back in Japanese; storage holds only the settings.
    browser
        .client
        .refresh()
        .await
        .unwrap_or_else(|e| panic!("cannot reload: {e}"));
    wait_for(&browser, "#paste").await;
    let label = wait_for(&browser, "label.paste-label")
        .await
        .text()
        .await
        .unwrap_or_default();
    assert_eq!(label, "出力を貼り付け");
    let stored = execute(
        &browser,
        "return Object.keys(localStorage).map(k => [k, localStorage.getItem(k)]);",
        vec![],
    )
    .await;
    assert_eq!(
        stored,
        json!([["ec2-iam-doctor.lang", "ja"]]),
        "localStorage"
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
