//! Journey: a person drops output files on the page. While they drag, the page shows where to
//! drop; each dropped file becomes a paste recognised by its content and the diagnosis follows.
//! A file that cannot be added (an image, an empty file, text that is not UTF-8) becomes a notice
//! that names it and says what to do, never a paste.
//!
//! WebDriver cannot drag files from the system, so the files are real `File` objects in a
//! `DataTransfer`, carried by real `DragEvent`s dispatched where a person's drag would land (on
//! children of the `.app` element that listens: the events bubble to it).

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    axe_source, axe_violations, choose, click, drag_files_over, drag_leave, drop_dragged, execute,
    export_markdown, file_notices, finding_ids, open, open_fresh, paste_titles, screenshot,
    share_link, storage_dump, wait_until, DropFile,
};
use serde_json::{json, Value};

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/",
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

const IAM_INFO: &str = fixture!("imds-iam-info/aws-sdk-go-v1-test-success.json");

/// "ロール" and a line end in Shift_JIS: text, but not UTF-8.
const SHIFT_JIS: &[u8] = &[0x83, 0x8D, 0x81, 0x5B, 0x83, 0x8B, b'\r', b'\n'];

fn bytes_file<'a>(name: &'a str, mime: &'a str, bytes: &'a [u8]) -> DropFile<'a> {
    DropFile {
        name,
        mime,
        text: None,
        bytes,
    }
}

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

/// The text of every paste, as its text view shows it: its lines, without the read problems
/// written under them (trailing blank space cut).
async fn pasted_texts(browser: &Browser) -> Vec<String> {
    let value = execute(
        browser,
        "return [...document.querySelectorAll('.paste .paste-text pre')].map(pre => [...pre.querySelectorAll('.line')].map(line => line.textContent).join('').trimEnd());",
        vec![],
    )
    .await;
    serde_json::from_value(value).unwrap_or_default()
}

const KINDS: &str =
    "return [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind).sort();";

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
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

/// A drop of three outputs and two files that are not: three pastes, each titled with its
/// file's name, and a notice naming each of the other two. Notices are dismissed with the
/// keyboard, go when the case is cleared, and file names stay out of links and exports.
#[tokio::test]
async fn files_that_cannot_be_added_are_named_in_a_notice() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    // What Windows PowerShell 5 writes with `>`: UTF-16, little-endian, with a byte-order mark.
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(IAM_INFO.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let drop = [
        text_file("get-instance-profile.json", EMPTY_PROFILE),
        bytes_file("screenshot.png", "image/png", PNG),
        text_file("run-instances.txt", PASSROLE_DENIED),
        bytes_file("iam-info.json", "application/json", &utf16),
        text_file("empty.txt", ""),
    ];
    assert!(drag_files_over(&browser, ".app", &drop).await);
    assert!(drop_dragged(&browser, ".app").await);
    wait_until(
        &browser,
        "return document.querySelectorAll('.paste').length === 3
             && document.querySelectorAll('.file-notice').length === 2;",
        20,
        "three pastes and two notices",
    )
    .await;
    let notices = sorted_notices(&browser).await;
    assert_eq!(
        notices,
        vec![
            ("empty.txt".to_owned(), "empty".to_owned()),
            ("screenshot.png".to_owned(), "binary".to_owned())
        ]
    );
    for notice in file_notices(&browser).await {
        let text = notice["text"].as_str().unwrap_or_default();
        let file = notice["file"].as_str().unwrap_or_default();
        assert!(
            text.starts_with(file) && text.contains("Not added:"),
            "{notice}"
        );
    }
    // No paste holds an image's bytes: the three outputs as they were, nothing unrecognised.
    assert_eq!(
        after_render(&browser, KINDS).await,
        json!(["aws-error", "get-instance-profile", "imds-iam-info"])
    );
    let mut shown = pasted_texts(&browser).await;
    shown.sort();
    let mut dropped = vec![
        EMPTY_PROFILE.trim_end(),
        PASSROLE_DENIED.trim_end(),
        IAM_INFO.trim_end(),
    ];
    dropped.sort();
    assert_eq!(shown, dropped);
    let mut titles: Vec<String> = paste_titles(&browser)
        .await
        .iter()
        .map(|title| {
            title
                .split_once(" · ")
                .map_or("", |(_, name)| name)
                .to_owned()
        })
        .collect();
    titles.sort();
    assert_eq!(
        titles,
        [
            "get-instance-profile.json",
            "iam-info.json",
            "run-instances.txt"
        ]
    );
    let ids = finding_ids(&browser).await;
    for id in ["instance-profile-empty", "pass-role-denied"] {
        assert!(ids.iter().any(|shown| shown == id), "{id} not in {ids:?}");
    }

    // Two more on the paste area: a blank file and Japanese text saved as Shift_JIS.
    let more = [
        text_file("blank.txt", " \n\t\n"),
        bytes_file("roles-sjis.txt", "text/plain", SHIFT_JIS),
    ];
    assert!(drag_files_over(&browser, "#paste", &more).await);
    assert!(drop_dragged(&browser, "#paste").await);
    wait_until(
        &browser,
        "return document.querySelectorAll('.file-notice').length === 4;",
        20,
        "four notices",
    )
    .await;
    assert_eq!(
        sorted_notices(&browser).await,
        vec![
            ("blank.txt".to_owned(), "empty".to_owned()),
            ("empty.txt".to_owned(), "empty".to_owned()),
            ("roles-sjis.txt".to_owned(), "not-utf8".to_owned()),
            ("screenshot.png".to_owned(), "binary".to_owned())
        ]
    );
    assert_eq!(
        execute(
            &browser,
            "return [document.querySelectorAll('.paste').length, document.getElementById('paste').value];",
            vec![]
        )
        .await,
        json!([3, ""]),
        "no paste added, nothing typed into the paste area"
    );

    execute(
        &browser,
        "document.querySelector('.file-notices').scrollIntoView();",
        vec![],
    )
    .await;
    screenshot(&browser, "file-notices").await;
    execute(&browser, &axe_source(), vec![]).await;
    for theme in ["light", "dark"] {
        choose(&browser, "theme", theme).await;
        let found = axe_violations(&browser).await;
        assert!(found.is_empty(), "{theme}: {found:#?}");
    }
    choose(&browser, "theme", "system").await;

    // A file over the limit is named and never read (a real 101 MB `File`, made in the page:
    // too big to send through WebDriver).
    execute(
        &browser,
        "const data = new DataTransfer();
         data.items.add(new File([new ArrayBuffer(101 * 1024 * 1024)], 'all-instances.json'));
         document.querySelector('.app').dispatchEvent(new DragEvent('drop',
           { dataTransfer: data, bubbles: true, cancelable: true }));",
        vec![],
    )
    .await;
    let big = wait_until(
        &browser,
        "const n = document.querySelector('.file-notice[data-file=\"all-instances.json\"]');
         return n && [n.dataset.problem, n.innerText];",
        20,
        "the notice of the big file",
    )
    .await;
    assert_eq!(big[0], json!("too-large"));
    assert!(
        big[1]
            .as_str()
            .is_some_and(|t| t.contains("the file is 101 MB") && t.contains("up to 100 MB")),
        "{big}"
    );
    click(
        &browser,
        ".file-notice[data-file=\"all-instances.json\"] [data-action=dismiss-file-notice]",
    )
    .await;

    choose(&browser, "language", "ja").await;
    let japanese = wait_until(
        &browser,
        "const n = document.querySelector('.file-notice[data-file=\"roles-sjis.txt\"]');
         return n && n.innerText.includes('UTF-8 ではありません') && n.innerText;",
        10,
        "the notice in Japanese",
    )
    .await;
    assert!(
        japanese.as_str().is_some_and(|t| t.contains("閉じる")),
        "{japanese}"
    );
    assert!(
        paste_titles(&browser)
            .await
            .iter()
            .all(|title| title.starts_with("貼り付け ") && title.contains(" · ")),
        "Japanese titles"
    );
    choose(&browser, "language", "en").await;

    // With the keyboard: Enter on a notice's button dismisses it and moves to the next one.
    let order: Vec<String> = file_notices(&browser)
        .await
        .iter()
        .map(|n| n["file"].as_str().unwrap_or_default().to_owned())
        .collect();
    execute(
        &browser,
        "document.querySelector('.file-notice [data-action=dismiss-file-notice]').focus();",
        vec![],
    )
    .await;
    browser
        .client
        .active_element()
        .await
        .unwrap_or_else(|e| panic!("no focused element: {e}"))
        .send_keys("\u{E007}")
        .await
        .unwrap_or_else(|e| panic!("cannot press Enter: {e}"));
    let focused = wait_until(
        &browser,
        "const shown = document.querySelectorAll('.file-notice').length === 3;
         const notice = document.activeElement && document.activeElement.closest('.file-notice');
         return shown && notice && notice.dataset.file;",
        10,
        "three notices, the focus on the next one",
    )
    .await;
    assert_eq!(focused, json!(order[1]));
    assert!(!file_notices(&browser)
        .await
        .iter()
        .any(|n| n["file"] == json!(order[0])));
    click(&browser, "[data-action=dismiss-file-notices]").await;
    wait_until(
        &browser,
        "return document.querySelectorAll('.file-notice').length === 0
             && document.activeElement.id === 'paste'
             && document.querySelector('.file-notices[role=status]');",
        10,
        "no notice, the focus on the paste area, the live region kept",
    )
    .await;

    // File names stay on this page: not in the address, the storage or the export, and the
    // link reopens the pastes without them.
    let link = share_link(&browser).await;
    let export = export_markdown(&browser).await;
    let storage = storage_dump(&browser).await;
    for name in [
        "get-instance-profile.json",
        "run-instances.txt",
        "iam-info.json",
    ] {
        for (place, text) in [("link", &link), ("export", &export), ("storage", &storage)] {
            assert!(!text.contains(name), "the {place} holds {name}");
        }
    }
    open_fresh(&browser, &link).await;
    wait_until(
        &browser,
        "return document.querySelectorAll('.paste').length === 3;",
        20,
        "the link's three pastes",
    )
    .await;
    assert_eq!(
        paste_titles(&browser).await,
        ["Paste 1", "Paste 2", "Paste 3"]
    );

    // Clearing the case clears its notices.
    let photo = [bytes_file(
        "photo.jpg",
        "image/jpeg",
        b"\xFF\xD8\xFF\xE0\x00\x10JFIF",
    )];
    assert!(drag_files_over(&browser, ".app", &photo).await);
    assert!(drop_dragged(&browser, ".app").await);
    wait_until(
        &browser,
        "return document.querySelector('.file-notice[data-file=\"photo.jpg\"][data-problem=binary]');",
        20,
        "the photo's notice",
    )
    .await;
    click(&browser, "[data-action=clear]").await;
    wait_until(
        &browser,
        "return !document.querySelector('.file-notice') && !document.querySelector('.paste');",
        10,
        "no notice and no paste after clearing",
    )
    .await;
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

/// The notices shown, as (file, problem), sorted.
async fn sorted_notices(browser: &Browser) -> Vec<(String, String)> {
    let mut notices: Vec<(String, String)> = file_notices(browser)
        .await
        .iter()
        .map(|n| {
            (
                n["file"].as_str().unwrap_or_default().to_owned(),
                n["problem"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    notices.sort();
    notices
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
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
