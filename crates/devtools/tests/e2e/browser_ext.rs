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
            "/../../tests/fixtures/imds-security-credentials/ec2-user-guide-success-s3access.json"
        )),
    ),
    "{\"InstanceProfile\": {\"InstanceProfileName\": \"web\", \"Roles\": [",
    "hello there, this is not an AWS output",
];

/// The page's address, fragment included.
pub async fn href(browser: &Browser) -> String {
    let value = execute(browser, "return location.href;", vec![]).await;
    value.as_str().unwrap_or_default().to_owned()
}

/// Makes a link with the Share button (what puts the case in the address), closes the dialog and
/// returns the address.
pub async fn share_link(browser: &Browser) -> String {
    click(browser, "[data-action=share]").await;
    wait_for(browser, "dialog#share-dialog[open]").await;
    let (link, _) = dialog_link(browser).await;
    click(browser, "[data-action=close-share]").await;
    let address = next_link(browser, "").await;
    assert_eq!(address, link, "Share puts the dialog's link in the address");
    address
}

/// `history.length`: how many entries the tab's history holds.
pub async fn history_length(browser: &Browser) -> u64 {
    execute(browser, "return history.length;", vec![])
        .await
        .as_u64()
        .unwrap_or_default()
}

/// Waits until the address has a share fragment (`#v1/…`) different from `before`, and returns
/// it whole.
pub async fn next_link(browser: &Browser, before: &str) -> String {
    for _ in 0..100 {
        let now = href(browser).await;
        if now.contains("#v1/") && now != before {
            return now;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!(
        "the address never got a new #v1/ link (still {})",
        href(browser).await
    );
}

/// Loads `url` as a new document (not a same-document fragment change).
pub async fn open_fresh(browser: &Browser, url: &str) {
    browser
        .client
        .goto("about:blank")
        .await
        .unwrap_or_else(|e| panic!("cannot open about:blank: {e}"));
    open(browser, url).await;
}

/// The visible text of the page.
pub async fn body_text(browser: &Browser) -> String {
    let value = execute(browser, "return document.body.innerText;", vec![]).await;
    value.as_str().unwrap_or_default().to_owned()
}

/// Everything the page keeps in localStorage and sessionStorage, as one JSON text.
pub async fn storage_dump(browser: &Browser) -> String {
    let value = execute(
        browser,
        "const dump = s => Object.fromEntries([...Array(s.length).keys()].map(i => [s.key(i), s.getItem(s.key(i))]));
         return JSON.stringify({ local: dump(localStorage), session: dump(sessionStorage) });",
        vec![],
    )
    .await;
    value.as_str().unwrap_or_default().to_owned()
}

/// Presses "Export Markdown" and returns the text of the file the page offers for download
/// (the Blob handed to `URL.createObjectURL`).
pub async fn export_markdown(browser: &Browser) -> String {
    execute(
        browser,
        "window.__exported = null;
         if (!window.__captureBlobs) {
           window.__captureBlobs = true;
           const create = URL.createObjectURL;
           URL.createObjectURL = blob => { window.__exported = blob; return create.call(URL, blob); };
         }",
        vec![],
    )
    .await;
    wait_for(browser, "[data-action=export-markdown]")
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click export-markdown: {e}"));
    let value = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             const blob = window.__exported;
             if (!blob) { done('ERROR: no blob'); return; }
             blob.text().then(done, e => done('ERROR: ' + e));",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("cannot read the exported file: {e}"));
    let text = value.as_str().unwrap_or_default().to_owned();
    assert!(!text.starts_with("ERROR"), "{text}");
    text
}

/// Every origin the page requested a resource from (Resource Timing), besides its own.
pub async fn foreign_requests(browser: &Browser) -> Vec<String> {
    let value = execute(
        browser,
        "const own = location.origin;
         return performance.getEntriesByType('resource').map(e => e.name)
           .filter(name => !(own !== 'null' && name.startsWith(own + '/')) && !name.startsWith('data:') && !name.startsWith('blob:' + own) && !(own === 'null' && name.startsWith('file:')));",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

/// Clicks the element `css` selects (waiting for it).
pub async fn click(browser: &Browser, css: &str) {
    wait_for(browser, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

/// The link shown in the open Share dialog and its length as the dialog states it.
pub async fn dialog_link(browser: &Browser) -> (String, usize) {
    let value = execute(
        browser,
        "return [document.getElementById('share-link').value,
                 Number(document.querySelector('.share-length').dataset.length)];",
        vec![],
    )
    .await;
    (
        value[0].as_str().unwrap_or_default().to_owned(),
        value[1].as_u64().unwrap_or_default() as usize,
    )
}

/// axe-core's source (npm package, installed under `.tools/` by `make tools`), to inject with
/// `execute` before [`axe_violations`].
pub fn axe_source() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../.tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read {}: {e} (install it: make tools)",
            path.display()
        )
    })
}

/// axe-core's violations on the current page, each `{id, impact, help, nodes}`.
pub async fn axe_violations(browser: &Browser) -> Vec<Value> {
    let result = browser
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary) }))),
                      e => done([{ id: 'axe-error', help: String(e) }]));",
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("axe did not run: {e}"));
    result.as_array().cloned().unwrap_or_default()
}

/// A Chrome DevTools Protocol command through ChromeDriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp {
    cmd: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "cmd": self.cmd, "params": self.params }).to_string()),
        )
    }
}

/// Runs the DevTools Protocol command `cmd` in the page's browser and returns its result.
pub async fn cdp(browser: &Browser, cmd: &'static str, params: Value) -> Value {
    browser
        .client
        .issue_cmd(Cdp { cmd, params })
        .await
        .unwrap_or_else(|e| panic!("CDP {cmd} failed: {e}"))
}

/// Polls `script` (a function body returning a value) until it returns something truthy, and
/// returns that value; panics with `what` and the last value after `seconds`.
pub async fn wait_until(browser: &Browser, script: &str, seconds: u64, what: &str) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(seconds);
    loop {
        let value = execute(browser, script, vec![]).await;
        let truthy = match &value {
            Value::Null | Value::Bool(false) => false,
            Value::Number(n) => n.as_f64() != Some(0.0),
            Value::String(s) => !s.is_empty(),
            Value::Array(_) | Value::Object(_) | Value::Bool(true) => true,
        };
        if truthy {
            return value;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{what}: still {value} after {seconds} s"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A file to drop: its name, MIME type and content (text, or bytes when not text).
pub struct DropFile<'a> {
    pub name: &'a str,
    pub mime: &'a str,
    pub text: Option<&'a str>,
    pub bytes: &'a [u8],
}

/// Starts dragging `files` over the element `css` selects: real `File` objects in one
/// `DataTransfer` (kept in `window.__drag` for the events that follow), then `dragenter` and
/// `dragover` dispatched on the element as the browser does. Returns whether the page accepted
/// the drag (`dragover`'s default was prevented, which is what lets a drop happen).
pub async fn drag_files_over(browser: &Browser, css: &str, files: &[DropFile<'_>]) -> bool {
    let files: Vec<Value> = files
        .iter()
        .map(|f| json!({ "name": f.name, "type": f.mime, "text": f.text, "bytes": f.bytes }))
        .collect();
    let accepted = execute(
        browser,
        "const [css, files] = arguments;
         const target = document.querySelector(css);
         if (!target) throw new Error('no element ' + css);
         const data = new DataTransfer();
         for (const f of files) {
           const part = f.text !== null ? f.text : new Uint8Array(f.bytes);
           data.items.add(new File([part], f.name, { type: f.type }));
         }
         window.__drag = data;
         const init = { dataTransfer: data, bubbles: true, cancelable: true, composed: true,
                        clientX: 300, clientY: 200 };
         target.dispatchEvent(new DragEvent('dragenter', init));
         return !target.dispatchEvent(new DragEvent('dragover', init));",
        vec![json!(css), json!(files)],
    )
    .await;
    accepted == json!(true)
}

/// Drops what [`drag_files_over`] is dragging on the element `css` selects. Returns whether the
/// page handled the drop itself (its default, opening the file, was prevented).
pub async fn drop_dragged(browser: &Browser, css: &str) -> bool {
    let handled = execute(
        browser,
        "const target = document.querySelector(arguments[0]);
         if (!target) throw new Error('no element ' + arguments[0]);
         const data = window.__drag;
         delete window.__drag;
         return !target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true,
           cancelable: true, composed: true, clientX: 300, clientY: 200 }));",
        vec![json!(css)],
    )
    .await;
    handled == json!(true)
}

/// Sends `dragleave` from the element `css` selects towards `to` (`None`: out of the window).
pub async fn drag_leave(browser: &Browser, css: &str, to: Option<&str>) {
    execute(
        browser,
        "const [css, to] = arguments;
         const target = document.querySelector(css);
         const related = to === null ? null : document.querySelector(to);
         if (!target || (to !== null && !related)) throw new Error('no element ' + css + ' / ' + to);
         target.dispatchEvent(new DragEvent('dragleave', { dataTransfer: window.__drag || null,
           relatedTarget: related, bubbles: true, cancelable: true, composed: true }));",
        vec![json!(css), json!(to)],
    )
    .await;
}

/// The notices about files that were not added, in page order: `{file, problem, text}`.
pub async fn file_notices(browser: &Browser) -> Vec<Value> {
    let value = execute(
        browser,
        "return [...document.querySelectorAll('.file-notices[role=status] .file-notice')].map(n =>
           ({ file: n.dataset.file, problem: n.dataset.problem, text: n.innerText }));",
        vec![],
    )
    .await;
    value.as_array().cloned().unwrap_or_default()
}

/// The title of every paste, in page order.
pub async fn paste_titles(browser: &Browser) -> Vec<String> {
    let value = execute(
        browser,
        "return [...document.querySelectorAll('.paste .paste-header h3')].map(h => h.textContent);",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}
