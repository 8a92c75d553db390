//! Helpers for the page's journeys (beside the lead's harness in `browser/`): loading examples,
//! pasting, reading findings, granting clipboard access and saving screenshots.

#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{elements::Element, Locator};
use serde_json::{json, Value};

use crate::browser::Browser;

/// Where screenshots go for review: `target/screenshots/`.
pub fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    dir
}

/// Opens the page and waits for the app to render.
pub async fn open(browser: &Browser, url: &str) {
    browser
        .client
        .goto(url)
        .await
        .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
    wait_for(browser, "#paste").await;
}

pub async fn wait_for(browser: &Browser, css: &str) -> Element {
    browser
        .client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("`{css}` never appeared: {e}"))
}

pub async fn execute(browser: &Browser, script: &str, args: Vec<Value>) -> Value {
    browser
        .client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Pastes `text` into the paste area the way a browser does: a `paste` event carrying the text.
pub async fn paste(browser: &Browser, text: &str) {
    execute(
        browser,
        "const area = document.getElementById('paste');
         area.focus();
         const data = new DataTransfer();
         data.setData('text/plain', arguments[0]);
         area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));",
        vec![json!(text)],
    )
    .await;
}

/// Types `text` into the paste area from script, then presses the add-input button.
pub async fn add_with_button(browser: &Browser, text: &str) {
    execute(
        browser,
        "document.getElementById('paste').value = arguments[0];",
        vec![json!(text)],
    )
    .await;
    wait_for(browser, "[data-action=add-input]")
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click add-input: {e}"));
}

/// Opens the Examples menu and loads one example.
pub async fn load_example(browser: &Browser, id: &str) {
    let open = execute(
        browser,
        "return document.querySelector('details.examples').open;",
        vec![],
    )
    .await;
    if open != json!(true) {
        wait_for(browser, "details.examples summary")
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot open the examples: {e}"));
    }
    wait_for(browser, &format!("[data-example='{id}']"))
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot load example {id}: {e}"));
    wait_for(browser, ".input-card").await;
}

/// Chooses a value in a `<select>` by its id.
pub async fn choose(browser: &Browser, select_id: &str, value: &str) {
    wait_for(browser, &format!("#{select_id}"))
        .await
        .select_by_value(value)
        .await
        .unwrap_or_else(|e| panic!("cannot choose {value} in #{select_id}: {e}"));
}

/// The `data-finding-id` of every finding shown, in page order.
pub async fn finding_ids(browser: &Browser) -> Vec<String> {
    let value = execute(
        browser,
        "return [...document.querySelectorAll('[data-finding-id]')].map(e => e.dataset.findingId);",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Lets the page read and write the clipboard without a prompt (ChromeDriver's permissions
/// extension command).
pub async fn grant_clipboard(browser: &Browser) {
    for name in ["clipboard-read", "clipboard-write"] {
        browser
            .client
            .issue_cmd(SetPermission { name })
            .await
            .unwrap_or_else(|e| panic!("cannot grant {name}: {e}"));
    }
}

/// What the system clipboard holds, read by the page's async Clipboard API.
pub async fn clipboard_text(browser: &Browser) -> String {
    let value = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             navigator.clipboard.readText().then(done, e => done('ERROR: ' + e));",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot read the clipboard: {e}"));
    value.as_str().unwrap_or_default().to_owned()
}

pub async fn screenshot(browser: &Browser, name: &str) -> PathBuf {
    let png = browser
        .client
        .screenshot()
        .await
        .unwrap_or_else(|e| panic!("cannot take a screenshot: {e}"));
    let path = screenshots_dir().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    path
}

#[derive(Debug)]
struct SetPermission {
    name: &'static str,
}

impl WebDriverCompatibleCommand for SetPermission {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/permissions",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "descriptor": { "name": self.name }, "state": "granted" }).to_string()),
        )
    }
}

/// Outputs pasted on top of an example to fill the page: a transcript with a command line,
/// credentials (masked), a broken JSON document and an unrecognised line.
pub const EXTRA_PASTES: &[&str] = &[
    concat!(
        "$ curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/s3access\n",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/imds-security-credentials/ec2-user-guide-success-s3access.json"
        )),
    ),
    "{\"InstanceProfile\": {\"InstanceProfileName\": \"web\", \"Roles\": [",
    "hello there, this is not an AWS output",
];
