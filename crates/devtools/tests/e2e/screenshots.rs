//! Journey: every example in both languages and both themes, saved as screenshots under
//! `target/screenshots/` for review (desktop width, and 360 px for one language). Each must
//! show its findings and log no console error.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{choose, finding_ids, load_example, open, screenshot};

const EXAMPLES: &[&str] = &[
    "s1-profile-name-differs",
    "s2-previous-role",
    "s3-add-role-denied",
    "s4-empty-profile",
    "s5-no-profile",
    "s6-recreated",
    "s6-trust",
];

#[tokio::test]
async fn screenshots_of_every_example() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    // Tall windows: a whole diagnosis fits in one picture.
    browser
        .client
        .set_window_size(1280, 2000)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    open(&browser, &server.url()).await;
    let mut saved = Vec::new();
    for lang in ["en", "ja"] {
        choose(&browser, "language", lang).await;
        for theme in ["light", "dark"] {
            choose(&browser, "theme", theme).await;
            for example in EXAMPLES {
                load_example(&browser, example).await;
                let ids = finding_ids(&browser).await;
                assert!(!ids.is_empty(), "example {example} shows no finding");
                browser_ext::execute(&browser, "window.scrollTo(0, 0);", vec![]).await;
                saved.push(screenshot(&browser, &format!("{example}-{lang}-{theme}")).await);
            }
        }
    }
    // The other two views, for one example in each language.
    choose(&browser, "theme", "light").await;
    load_example(&browser, "s6-trust").await;
    for lang in ["en", "ja"] {
        choose(&browser, "language", lang).await;
        for view in ["checklist", "gather"] {
            browser_ext::wait_for(&browser, &format!("[data-view={view}]"))
                .await
                .click()
                .await
                .unwrap_or_else(|e| panic!("cannot open {view}: {e}"));
            browser_ext::execute(&browser, "window.scrollTo(0, 0);", vec![]).await;
            saved.push(screenshot(&browser, &format!("view-{view}-{lang}-light")).await);
        }
    }
    browser_ext::wait_for(&browser, "[data-view=diagnosis]")
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot open the diagnosis: {e}"));
    // Narrow screens: 360 px wide.
    browser
        .client
        .set_window_size(360, 2400)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    choose(&browser, "language", "en").await;
    choose(&browser, "theme", "light").await;
    for example in EXAMPLES {
        load_example(&browser, example).await;
        browser_ext::execute(&browser, "window.scrollTo(0, 0);", vec![]).await;
        saved.push(screenshot(&browser, &format!("{example}-en-light-360px")).await);
    }
    let width = browser_ext::execute(
        &browser,
        "return document.documentElement.scrollWidth;",
        vec![],
    )
    .await;
    assert!(
        width.as_u64().is_some_and(|w| w <= 360),
        "the page scrolls sideways at 360 px: {width}"
    );
    browser.assert_no_console_errors("at the end").await;
    eprintln!(
        "{} screenshots in {}",
        saved.len(),
        browser_ext::screenshots_dir().display()
    );
    browser.close().await;
}
