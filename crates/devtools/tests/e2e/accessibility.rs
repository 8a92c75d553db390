//! Journey: axe-core (npm package, installed under `.tools/` by `make tools`) runs on the page
//! with a full case loaded, in both views, both languages and both themes: no violations.
//! Then the keyboard alone adds an input and reaches a finding from the chain.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    axe_source, axe_violations as violations, choose, execute, load_example, open, wait_for,
};
use fantoccini::key::Key;
use serde_json::Value;

#[tokio::test]
async fn no_accessibility_violations_with_a_full_case() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    load_example(&browser, "s6-trust").await;
    for text in browser_ext::EXTRA_PASTES {
        browser_ext::paste(&browser, text).await;
    }
    execute(&browser, &axe_source(), vec![]).await;
    execute(
        &browser,
        "document.querySelectorAll('details').forEach(d => d.open = true);",
        vec![],
    )
    .await;
    let mut found = Vec::new();
    for lang in ["en", "ja"] {
        choose(&browser, "language", lang).await;
        for theme in ["light", "dark"] {
            choose(&browser, "theme", theme).await;
            for view in ["diagnosis", "checklist", "gather"] {
                wait_for(&browser, &format!("[data-view={view}]"))
                    .await
                    .click()
                    .await
                    .unwrap_or_else(|e| panic!("cannot open {view}: {e}"));
                for violation in violations(&browser).await {
                    found.push(format!("{lang}/{theme}/{view}: {violation}"));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );

    // Keyboard only: focus the paste area, type, Tab to the add button, Enter.
    choose(&browser, "language", "en").await;
    wait_for(&browser, "[data-view=diagnosis]")
        .await
        .click()
        .await
        .ok();
    let before = execute(
        &browser,
        "return document.querySelectorAll('[data-input-kind]').length;",
        vec![],
    )
    .await;
    let area = wait_for(&browser, "#paste").await;
    area.click()
        .await
        .unwrap_or_else(|e| panic!("cannot focus the paste area: {e}"));
    area.send_keys(r#"{"Code":"Success","LastUpdated":"2016-03-17T12:27:32Z","InstanceProfileArn":"arn:aws:iam::123456789012:instance-profile/web","InstanceProfileId":"AIPAABCDEFGHIJKLMN123"}"#)
        .await
        .unwrap_or_else(|e| panic!("cannot type: {e}"));
    let tab = char::from(Key::Tab).to_string();
    let enter = char::from(Key::Enter).to_string();
    area.send_keys(&tab)
        .await
        .unwrap_or_else(|e| panic!("cannot press Tab: {e}"));
    let focused = execute(
        &browser,
        "return document.activeElement.dataset.action;",
        vec![],
    )
    .await;
    assert_eq!(
        focused,
        Value::from("add-input"),
        "Tab from the paste area reaches the add button"
    );
    browser
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("no active element: {e}"))
        .send_keys(&enter)
        .await
        .unwrap_or_else(|e| panic!("cannot press Enter: {e}"));
    let after = execute(
        &browser,
        "return document.querySelectorAll('[data-input-kind]').length;",
        vec![],
    )
    .await;
    assert_eq!(
        after.as_u64(),
        before.as_u64().map(|n| n + 1),
        "Enter on the add button adds the input"
    );

    // A broken chain link is a button: Enter on it focuses its finding.
    let link = wait_for(&browser, ".chain-wide [role=button][data-state=broken]").await;
    link.send_keys(&enter)
        .await
        .unwrap_or_else(|e| panic!("cannot press Enter on the chain: {e}"));
    let focused = execute(
        &browser,
        "return document.activeElement.dataset.findingId || null;",
        vec![],
    )
    .await;
    assert!(
        focused.is_string(),
        "the chain link did not focus a finding: {focused}"
    );

    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
