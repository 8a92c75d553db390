//! Journey: a person chooses output files with the file picker; each file becomes a paste,
//! recognised by its content and titled with its name, and the diagnosis follows. Editing a paste
//! re-reads it. A chosen file that is not text gets a notice naming it.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{execute, file_notices, finding_ids, open, paste_titles, wait_for, wait_until};
use serde_json::json;

fn fixture(path: &str) -> String {
    let full = fixtures::path(path);
    std::fs::canonicalize(&full)
        .unwrap_or_else(|e| panic!("no fixture {}: {e}", full.display()))
        .display()
        .to_string()
}

async fn kinds(browser: &Browser) -> serde_json::Value {
    execute(
        browser,
        "return [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind);",
        vec![],
    )
    .await
}

#[tokio::test]
async fn chosen_files_become_inputs() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    let picker = wait_for(&browser, "input[type=file]").await;
    let files = [
        fixture("imds-iam-info/aws-sdk-go-v1-test-success.json"),
        fixture("iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json"),
    ];
    // WebDriver sends several files to a `multiple` input as lines of one string.
    picker
        .send_keys(&files.join("\n"))
        .await
        .unwrap_or_else(|e| panic!("cannot choose the files: {e}"));
    let mut shown = json!([]);
    for _ in 0..50 {
        shown = kinds(&browser).await;
        if shown.as_array().is_some_and(|k| k.len() == 2) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut sorted: Vec<String> = serde_json::from_value(shown).unwrap_or_default();
    sorted.sort();
    assert_eq!(sorted, vec!["get-instance-profile", "imds-iam-info"]);
    assert!(
        finding_ids(&browser)
            .await
            .iter()
            .any(|id| id == "instance-profile-recreated"),
        "the two files together show the re-created profile"
    );

    // Edit the iam/info paste so that its id matches IAM's: the finding goes away.
    let edit = execute(
        &browser,
        "const block = [...document.querySelectorAll('.paste')].find(p => p.querySelector('[data-input-kind=imds-iam-info]'));
         block.querySelector('[data-action=edit]').click();
         return block.id;",
        vec![],
    )
    .await;
    let block = edit.as_str().unwrap_or_default().to_owned();
    let editor = wait_for(&browser, &format!("#{block} .editor textarea")).await;
    let text = editor
        .prop("value")
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    execute(
        &browser,
        "arguments[0].value = arguments[1];",
        vec![
            serde_json::to_value(&editor).unwrap_or_default(),
            json!(text.replace("AIPAABCDEFGHIJKLMN123", "AIPAZZZZZZZZZZZZZZZZZ")),
        ],
    )
    .await;
    wait_for(&browser, &format!("#{block} [data-action=save]"))
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot save: {e}"));
    let ids = finding_ids(&browser).await;
    assert!(
        !ids.iter().any(|id| id == "instance-profile-recreated"),
        "after the edit the ids match: {ids:?}"
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

#[tokio::test]
async fn a_chosen_file_that_is_not_text_gets_a_notice() {
    // A real file on disk for the picker: the start of a PNG image.
    let dir = std::env::temp_dir().join(format!("ec2-iam-doctor-e2e-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let image = dir.join("diagram.png");
    std::fs::write(
        &image,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x01\x00",
    )
    .unwrap_or_else(|e| panic!("cannot write {}: {e}", image.display()));
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    let picker = wait_for(&browser, "input[type=file]").await;
    let files = [
        image.display().to_string(),
        fixture("imds-iam-info/aws-sdk-go-v1-test-success.json"),
    ];
    picker
        .send_keys(&files.join("\n"))
        .await
        .unwrap_or_else(|e| panic!("cannot choose the files: {e}"));
    wait_until(
        &browser,
        "return document.querySelectorAll('.paste').length === 1 && document.querySelector('.file-notice');",
        20,
        "one paste and one notice",
    )
    .await;
    let notices = file_notices(&browser).await;
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert_eq!(notices[0]["file"], json!("diagram.png"));
    assert_eq!(notices[0]["problem"], json!("binary"));
    assert_eq!(kinds(&browser).await, json!(["imds-iam-info"]));
    assert_eq!(
        paste_titles(&browser).await,
        ["Paste 1 · aws-sdk-go-v1-test-success.json"]
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
    let _ = std::fs::remove_dir_all(&dir);
}
