//! Journey: the Share dialog for keyboard and screen-reader users. axe-core finds no violation
//! with the dialog open (English and Japanese, light and dark); the dialog is modal (Tab never
//! reaches a control behind it), its checkboxes work from the keyboard, and Escape closes it
//! and gives focus back to the Share button.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    axe_source, axe_violations as violations, choose, click, dialog_link, execute, load_example,
    open, wait_for,
};
use fantoccini::key::Key;
use serde_json::json;

async fn press(browser: &Browser, key: Key) {
    let active = browser
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("no active element: {e}"));
    active
        .send_keys(&char::from(key).to_string())
        .await
        .unwrap_or_else(|e| panic!("cannot press {key:?}: {e}"));
}

#[tokio::test]
async fn the_share_dialog_is_accessible() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    load_example(&browser, "s2-previous-role").await;
    execute(&browser, &axe_source(), vec![]).await;
    let mut found = Vec::new();
    for lang in ["en", "ja"] {
        choose(&browser, "language", lang).await;
        for theme in ["light", "dark"] {
            choose(&browser, "theme", theme).await;
            click(&browser, "[data-action=share]").await;
            wait_for(&browser, "dialog#share-dialog[open]").await;
            for violation in violations(&browser).await {
                found.push(format!("{lang}/{theme}: {violation}"));
            }
            click(&browser, "[data-action=close-share]").await;
        }
    }
    assert!(
        found.is_empty(),
        "axe-core violations:\n{}",
        found.join("\n")
    );

    // Keyboard only.
    choose(&browser, "language", "en").await;
    let share = wait_for(&browser, "#share-button").await;
    share
        .send_keys(&char::from(Key::Enter).to_string())
        .await
        .unwrap_or_else(|e| panic!("cannot press Enter on Share: {e}"));
    wait_for(&browser, "dialog#share-dialog[open]").await;
    let (full, _) = dialog_link(&browser).await;
    let mut toggled = false;
    for _ in 0..12 {
        press(&browser, Key::Tab).await;
        let where_ = execute(
            &browser,
            "const a = document.activeElement;
             return { inside: !!a.closest('#share-dialog'), body: a === document.body, id: a.id };",
            vec![],
        )
        .await;
        assert!(
            where_["inside"] == json!(true) || where_["body"] == json!(true),
            "Tab left the modal dialog: {where_}"
        );
        if where_["id"] == json!("share-minimal") && !toggled {
            press(&browser, Key::Space).await;
            toggled = true;
        }
    }
    assert!(toggled, "Tab reaches the Minimal checkbox");
    let (minimal, _) = dialog_link(&browser).await;
    assert_ne!(minimal, full, "Space on the checkbox changes the link");
    press(&browser, Key::Escape).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let after = execute(
        &browser,
        "return [!!document.getElementById('share-dialog'), document.activeElement.id];",
        vec![],
    )
    .await;
    assert_eq!(after, json!([false, "share-button"]));
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
