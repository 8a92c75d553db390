//! Journey 1: the built page loads from `dist/` at the root and under a docs-site sub-path,
//! renders its heading, and logs no error (a Content-Security-Policy violation is an error too).

use crate::browser;
use browser::Browser;

async fn loads_cleanly(prefix: &str) {
    let server = browser::serve(prefix);
    let browser = Browser::start().await;
    browser
        .client
        .goto(&server.url())
        .await
        .unwrap_or_else(|e| panic!("cannot open {}: {e}", server.url()));
    let heading = browser.text_of("h1#app-title").await;
    assert_eq!(heading, "ec2-iam-doctor");
    browser
        .assert_no_console_errors(&format!("at {}", server.url()))
        .await;
    browser.close().await;
}

#[tokio::test]
async fn page_loads_at_the_root() {
    loads_cleanly("/").await;
}

#[tokio::test]
async fn page_loads_under_a_sub_path() {
    loads_cleanly("/internal/docs/tools/ec2-iam-doctor/").await;
}
