//! Journey: a person drops output files on the page. While they drag, the page shows where to
//! drop; each dropped file becomes a paste recognised by its content and the diagnosis follows.
//! A file that is not an output (an image, an empty file) does not break the page.
//!
//! WebDriver cannot drag files from the system, so the files are real `File` objects in a
//! `DataTransfer`, carried by real `DragEvent`s dispatched where a person's drag would land (on
//! children of the `.app` element that listens: the events bubble to it).

#[allow(dead_code)]
mod browser;
mod browser_ext;

use browser::{is_error, Browser};
use browser_ext::{
    drag_files_over, drag_leave, drop_dragged, execute, finding_ids, open, wait_until, DropFile,
};
use serde_json::{json, Value};

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/fixtures/",
            $path
        ))
    };
}

/// Guide situation S4: an instance profile without a role, and the launch denied by an
/// explicit deny on iam:PassRole.
const EMPTY_PROFILE: &str =
    fixture!("iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json");
const PASSROLE_DENIED: &str =
    fixture!("iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt");

fn text_file<'a>(name: &'a str, text: &'a str) -> DropFile<'a> {
    DropFile {
        name,
        mime: "text/plain",
        text: Some(text),
        bytes: &[],
    }
}

/// The start of a PNG image: NUL bytes and bytes that are not UTF-8.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x01, 0x00, 0xFF, 0xFE, 0x08, 0x06, 0x80, 0x81,
];

/// Whether the page shows its drop state: the class on `.app` and the hint with its text.
const DRAG_STATE: &str = "const app = document.querySelector('.app');
    const hint = document.querySelector('.drop-hint');
    return { dragging: app.classList.contains('dragging'), hint: hint ? hint.textContent : null };";

async fn drag_state(browser: &Browser) -> Value {
    execute(browser, DRAG_STATE, vec![]).await
}

/// Waits two animation frames (Yew renders from its scheduler before them), then reads `script`:
/// for checking that something did *not* change.
async fn after_render(browser: &Browser, script: &str) -> Value {
    browser
        .client
        .execute_async(
            &format!(
                "const done = arguments[arguments.length - 1];
                 requestAnimationFrame(() => requestAnimationFrame(() => done((() => {{ {script} }})())));"
            ),
            vec![],
        )
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// The text of every paste, as its "Show the text" block holds it (trailing blank space cut).
async fn pasted_texts(browser: &Browser) -> Vec<String> {
    let value = execute(
        browser,
        "return [...document.querySelectorAll('.paste .paste-text pre')].map(pre => pre.textContent.trimEnd());",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

const KINDS: &str =
    "return [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind).sort();";

async fn no_console_errors(browser: &Browser) {
    let errors: Vec<_> = browser
        .console()
        .await
        .into_iter()
        .filter(is_error)
        .collect();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[tokio::test]
async fn dropped_files_become_inputs() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    assert_eq!(
        drag_state(&browser).await,
        json!({ "dragging": false, "hint": null }),
        "before any drag"
    );
    let files = [
        text_file("get-instance-profile.json", EMPTY_PROFILE),
        text_file("run-instances.txt", PASSROLE_DENIED),
    ];

    // Dragging over a heading inside the page: the page takes the drag and says where to drop.
    assert!(
        drag_files_over(&browser, "#paste-title", &files).await,
        "the page did not accept the drag (dragover's default not prevented)"
    );
    wait_until(
        &browser,
        "return document.querySelector('.app.dragging') && document.querySelector('.drop-hint');",
        10,
        "the drop state during dragover",
    )
    .await;
    assert_eq!(
        drag_state(&browser).await,
        json!({ "dragging": true, "hint": "Drop the files to add them" })
    );
    // Moving onto another element of the page is not leaving it.
    drag_leave(&browser, "#paste-title", Some("#paste")).await;
    assert_eq!(
        after_render(&browser, DRAG_STATE).await["dragging"],
        json!(true),
        "the drop state went when the drag moved to a child element"
    );
    // Leaving the window ends the drop state, and nothing is added.
    drag_leave(&browser, "#paste-title", None).await;
    wait_until(
        &browser,
        "return !document.querySelector('.app.dragging') && !document.querySelector('.drop-hint');",
        10,
        "the drop state after dragleave out of the window",
    )
    .await;
    assert_eq!(after_render(&browser, KINDS).await, json!([]));

    // Dragged again, over the page's title, and dropped there.
    assert!(drag_files_over(&browser, "#app-title", &files).await);
    wait_until(
        &browser,
        "return document.querySelector('.app.dragging .drop-hint');",
        10,
        "the drop state during the second dragover",
    )
    .await;
    assert!(
        drop_dragged(&browser, "#app-title").await,
        "the page did not handle the drop (the browser would open the file)"
    );
    let kinds = wait_until(
        &browser,
        "const kinds = [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind);
         return kinds.length >= 2 && kinds.sort();",
        20,
        "two input cards from the two dropped files",
    )
    .await;
    assert_eq!(kinds, json!(["aws-error", "get-instance-profile"]));
    assert_eq!(
        drag_state(&browser).await,
        json!({ "dragging": false, "hint": null }),
        "after the drop"
    );
    assert_eq!(
        execute(
            &browser,
            "return document.querySelectorAll('.paste').length;",
            vec![]
        )
        .await,
        json!(2),
        "one paste per file"
    );
    let ids = finding_ids(&browser).await;
    for id in ["instance-profile-empty", "pass-role-denied"] {
        assert!(ids.iter().any(|shown| shown == id), "{id} not in {ids:?}");
    }
    // Each paste holds its file's text as it was.
    let mut shown = pasted_texts(&browser).await;
    shown.sort();
    let mut dropped = vec![EMPTY_PROFILE.trim_end(), PASSROLE_DENIED.trim_end()];
    dropped.sort();
    assert_eq!(shown, dropped);
    no_console_errors(&browser).await;
    browser.close().await;
}

#[tokio::test]
async fn files_that_are_not_outputs_do_not_break_the_page() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    // An empty file, a blank one and an image, in one drop on the page itself.
    let odd = [
        text_file("empty.txt", ""),
        text_file("blank.txt", " \n\t\n"),
        DropFile {
            name: "screenshot.png",
            mime: "image/png",
            text: None,
            bytes: PNG,
        },
    ];
    assert!(drag_files_over(&browser, ".app", &odd).await);
    assert!(drop_dragged(&browser, ".app").await);
    // Then a real output, so that the page is seen to go on working.
    assert!(
        drag_files_over(
            &browser,
            ".app",
            &[text_file("profile.json", EMPTY_PROFILE)]
        )
        .await
    );
    assert!(drop_dragged(&browser, "#paste").await);
    wait_until(
        &browser,
        "return document.querySelector('[data-input-kind=get-instance-profile]') && document.querySelector('[data-input-kind=unknown]');",
        20,
        "the image's card and the output's card",
    )
    .await;
    assert_eq!(
        drag_state(&browser).await,
        json!({ "dragging": false, "hint": null }),
        "after the drops"
    );
    assert_eq!(
        execute(
            &browser,
            "return document.getElementById('paste').value;",
            vec![]
        )
        .await,
        json!(""),
        "a file dropped on the paste area is added as a paste, not typed into the area"
    );
    // The image is one unrecognised paste that says so; the empty and blank files add nothing.
    assert_eq!(
        after_render(&browser, KINDS).await,
        json!(["get-instance-profile", "unknown"])
    );
    let unknown = execute(
        &browser,
        "const card = document.querySelector('[data-input-kind=unknown]');
         return { summary: card.querySelector('.summary').innerText,
                  problem: card.querySelector('.problem').innerText };",
        vec![],
    )
    .await;
    assert_eq!(unknown["summary"], json!("not recognised"), "{unknown}");
    assert!(
        unknown["problem"]
            .as_str()
            .is_some_and(|p| p.contains("not an output the engine knows")),
        "{unknown}"
    );
    assert!(
        finding_ids(&browser)
            .await
            .iter()
            .any(|id| id == "instance-profile-empty"),
        "the diagnosis of the real output"
    );
    no_console_errors(&browser).await;
    browser.close().await;
}

/// Every file of a big drop is read: none is cancelled before it has been read.
#[tokio::test]
async fn a_big_drop_keeps_every_file() {
    const COUNT: usize = 80;
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    let names: Vec<String> = (0..COUNT).map(|i| format!("note-{i:03}.txt")).collect();
    let texts: Vec<String> = (0..COUNT).map(|i| format!("note number {i:03}")).collect();
    let files: Vec<DropFile> = names
        .iter()
        .zip(&texts)
        .map(|(name, text)| text_file(name, text))
        .collect();
    assert!(drag_files_over(&browser, "#app-title", &files).await);
    assert!(drop_dragged(&browser, "#app-title").await);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut shown = pasted_texts(&browser).await;
    while shown.len() < COUNT && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        shown = pasted_texts(&browser).await;
    }
    shown.sort();
    let missing: Vec<&String> = texts.iter().filter(|t| !shown.contains(t)).collect();
    assert!(
        missing.is_empty(),
        "{} of {COUNT} dropped files never became pastes: {missing:?}",
        missing.len()
    );
    assert_eq!(shown, texts, "one paste per file, each once");
    no_console_errors(&browser).await;
    browser.close().await;
}
