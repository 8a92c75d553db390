//! Journey: each worked example shared from the page, in full and minimal form. The lengths are
//! printed for the notes; the minimal link must stay under 1,500 characters and never be longer
//! than the full one.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{click, dialog_link, load_example, open, wait_for};

/// The links the page makes of each worked example, full and minimal (printed for the notes;
/// the minimal form must stay short and never be longer than the full one).
#[tokio::test]
async fn link_lengths_of_the_examples() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    for example in [
        "s1-profile-name-differs",
        "s2-previous-role",
        "s3-add-role-denied",
        "s4-empty-profile",
        "s5-no-profile",
        "s6-recreated",
        "s6-trust",
    ] {
        load_example(&browser, example).await;
        click(&browser, "[data-action=share]").await;
        wait_for(&browser, "dialog#share-dialog[open]").await;
        let (_, full) = dialog_link(&browser).await;
        click(&browser, "#share-minimal").await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        let (_, minimal) = dialog_link(&browser).await;
        click(&browser, "[data-action=close-share]").await;
        eprintln!("{example}: full {full}, minimal {minimal} characters");
        assert!(
            minimal <= full,
            "{example}: minimal {minimal} > full {full}"
        );
        assert!(
            minimal < 1500,
            "{example}: minimal link of {minimal} characters"
        );
    }
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
