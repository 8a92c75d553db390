//! Journeys of the page's second round, in English and Japanese: the start-here first visit
//! and its example; the input view (numbered lines, evidence linked both ways with the findings,
//! "line X, column Y" going to the place); a fix-it and its undo; skipped transcript commands;
//! typed text joined by a paste and added with Ctrl+Enter; focus after each action; undo for
//! Remove, Remove all and examples; Share from `file://` and Copy as Markdown. axe-core finds no
//! violation in any new state, and each state is saved as a screenshot in light and dark.

use std::path::PathBuf;

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    axe_source, axe_violations, choose, click, clipboard_text, execute, grant_clipboard, open,
    paste, screenshot, wait_for, wait_until,
};
use serde_json::{json, Value};

const LANGS: [&str; 2] = ["en", "ja"];

const TRUST_WITH_TRAILING_COMMAS: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Principal\": { \"Service\": \"ec2.amazonaws.com\" },\n      \"Action\": \"sts:AssumeRole\",\n    },\n  ]\n}\n";

const TRANSCRIPT: &str = "Last login: Tue Mar  5 10:11:12 2024 from 203.0.113.5\n[ec2-user@ip-172-31-0-5 ~]$ cd /tmp\n[ec2-user@ip-172-31-0-5 tmp]$ git status\nfatal: not a git repository (or any of the parent directories): .git\n[ec2-user@ip-172-31-0-5 tmp]$ curl -s http://169.254.169.254/latest/meta-data/iam/info\n{\"Code\": \"Success\", \"LastUpdated\": \"2024-06-20T18:51:35Z\", \"InstanceProfileArn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"InstanceProfileId\": \"AIPAABCDEFGHIJKLMN123\"}\n";

const EMPTY_PROFILE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"
));

async fn value(browser: &Browser, script: &str) -> Value {
    execute(browser, script, vec![]).await
}

/// What has the keyboard focus: its id, else its `data-*` description.
async fn focused(browser: &Browser) -> String {
    let found = value(
        browser,
        "const e = document.activeElement;
         return e.id || (e.dataset.findingId ? 'finding:' + e.dataset.findingId : e.tagName.toLowerCase());",
    )
    .await;
    found.as_str().unwrap_or_default().to_owned()
}

/// Waits until the focus is on `id` (focus moves after the page has drawn the change).
async fn wait_focus(browser: &Browser, id: &str) {
    wait_until(
        browser,
        &format!("return document.activeElement && document.activeElement.id === '{id}';"),
        10,
        &format!("focus on #{id}"),
    )
    .await;
}

async fn no_violations(browser: &Browser, state: &str, found: &mut Vec<String>) {
    if value(browser, "return typeof axe;").await != json!("object") {
        execute(browser, &axe_source(), vec![]).await;
    }
    for violation in axe_violations(browser).await {
        found.push(format!("{state}: {violation}"));
    }
}

/// Screenshots of the current state in light and dark, `show` scrolled to the middle of the
/// screen; back to the system theme after.
async fn shots(browser: &Browser, lang: &str, state: &str, show: &str) {
    for theme in ["light", "dark"] {
        choose(browser, "theme", theme).await;
        execute(
            browser,
            "document.querySelector(arguments[0]).scrollIntoView({ block: 'center' });",
            vec![json!(show)],
        )
        .await;
        screenshot(browser, &format!("round-two-{state}-{lang}-{theme}")).await;
    }
    choose(browser, "theme", "system").await;
}

async fn paste_count(browser: &Browser) -> u64 {
    value(
        browser,
        "return document.querySelectorAll('.paste').length;",
    )
    .await
    .as_u64()
    .unwrap_or_default()
}

#[tokio::test]
async fn start_here_input_view_fix_its_skipped_commands_and_undo() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    let mut violations = Vec::new();
    for lang in LANGS {
        open(&browser, &server.url()).await;
        choose(&browser, "language", lang).await;

        // First visit: what to run by symptom, and a visible example.
        wait_for(&browser, "#start-here").await;
        let symptoms = value(
            &browser,
            "return [...document.querySelectorAll('#start-here [data-symptom]')].map(s => [s.dataset.symptom, s.querySelectorAll('[data-step] code').length]);",
        )
        .await;
        assert_eq!(
            symptoms,
            json!([["no-credentials", 4], ["launch-fails", 3]]),
            "{lang}"
        );
        let example = wait_for(&browser, "[data-action=try-example]").await;
        assert!(example.is_displayed().await.unwrap_or(false));
        no_violations(&browser, &format!("{lang}/start-here"), &mut violations).await;
        shots(&browser, lang, "start-here", "#start-here").await;
        // Disabled Share and Export look disabled (not like the enabled buttons).
        let looks = value(
            &browser,
            "const s = getComputedStyle(document.querySelector('[data-action=share]'));
             return [s.cursor, s.borderStyle];",
        )
        .await;
        assert_eq!(looks, json!(["not-allowed", "dashed"]), "{lang}");

        // The example: findings, an undo toast, focus on the diagnosis heading; undo brings
        // the empty page back.
        example
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot try the example: {e}"));
        wait_for(&browser, "[data-finding-id]").await;
        wait_for(&browser, ".undo-toast").await;
        wait_focus(&browser, "results-title").await;
        no_violations(&browser, &format!("{lang}/example-loaded"), &mut violations).await;
        shots(&browser, lang, "example-undo-toast", ".undo-toast").await;
        click(&browser, "[data-action=undo]").await;
        wait_for(&browser, "#start-here").await;
        assert_eq!(paste_count(&browser).await, 0);
        wait_focus(&browser, "paste").await;

        // The input view: evidence linked both ways, "line X, column Y" going to the place.
        paste(&browser, EMPTY_PROFILE).await;
        let mark = wait_for(&browser, ".input-view [data-evidence-of]").await;
        let paste_id = value(&browser, "return document.querySelector('.paste').id;").await;
        let paste_id = paste_id.as_str().unwrap_or_default().to_owned();
        mark.click()
            .await
            .unwrap_or_else(|e| panic!("cannot click the highlight: {e}"));
        wait_until(
            &browser,
            "return document.activeElement.classList.contains('finding') && document.activeElement.classList.contains('selected');",
            10,
            "the highlight focuses its finding",
        )
        .await;
        click(&browser, "[data-finding-id] [data-action=show-in-text]").await;
        wait_until(
            &browser,
            "return document.activeElement.matches('.input-view .evidence-link.active');",
            10,
            "Show in the text focuses the lit evidence",
        )
        .await;
        no_violations(&browser, &format!("{lang}/evidence-lit"), &mut violations).await;
        shots(
            &browser,
            lang,
            "evidence-lit",
            ".input-view .evidence-link.active",
        )
        .await;
        let line = value(
            &browser,
            "return document.querySelector('[data-finding-id] .evidence [data-action=go-to-line]').dataset.line;",
        )
        .await;
        click(
            &browser,
            "[data-finding-id] .evidence [data-action=go-to-line]",
        )
        .await;
        wait_focus(
            &browser,
            &format!("{paste_id}-L{}", line.as_str().unwrap_or_default()),
        )
        .await;

        // Remove: focus to the paste area (nothing left), undo brings it back and focuses it.
        click(&browser, "[data-action=remove]").await;
        wait_focus(&browser, "paste").await;
        wait_for(&browser, ".undo-toast").await;
        no_violations(&browser, &format!("{lang}/removed"), &mut violations).await;
        click(&browser, "[data-action=undo]").await;
        wait_focus(&browser, &format!("{paste_id}-title")).await;

        // A fix-it: the damage is marked in place, the repair is one click and undoable.
        paste(&browser, TRUST_WITH_TRAILING_COMMAS).await;
        wait_for(&browser, "[data-action=repair]").await;
        let notes = value(
            &browser,
            "return document.querySelectorAll('.input-view .line-note.note-error').length;",
        )
        .await;
        assert!(notes.as_u64().unwrap_or_default() >= 1, "{lang}: {notes}");
        no_violations(&browser, &format!("{lang}/fix-it"), &mut violations).await;
        shots(&browser, lang, "fix-it", ".repair").await;
        // The problem's "line X, column Y" goes to its line.
        click(&browser, ".problems [data-action=go-to-line]").await;
        wait_until(
            &browser,
            "return document.activeElement.classList.contains('line-problem');",
            10,
            "the problem's place",
        )
        .await;
        click(&browser, "[data-action=repair]").await;
        wait_until(
            &browser,
            "return [...document.querySelectorAll('[data-input-kind]')].some(e => e.dataset.inputKind === 'trust-policy' && !e.classList.contains('has-problems'));",
            10,
            "the repaired trust policy",
        )
        .await;
        assert_eq!(
            value(
                &browser,
                "return document.querySelectorAll('[data-action=repair]').length;"
            )
            .await,
            json!(0)
        );
        click(&browser, "[data-action=undo]").await;
        wait_for(&browser, "[data-action=repair]").await;

        // Remove all, undone.
        click(&browser, "[data-action=clear]").await;
        wait_focus(&browser, "paste").await;
        assert_eq!(paste_count(&browser).await, 0);
        click(&browser, "[data-action=undo]").await;
        wait_until(
            &browser,
            "return document.querySelectorAll('.paste').length === 2;",
            10,
            "both pastes back",
        )
        .await;

        // A transcript: cd, git status and the login banner fold into one grey line.
        click(&browser, "[data-action=clear]").await;
        paste(&browser, TRANSCRIPT).await;
        let skipped = wait_for(&browser, ".skipped").await;
        let text = skipped.text().await.unwrap_or_default();
        for part in ["cd /tmp", "git status"] {
            assert!(text.contains(part), "{lang}: {text}");
        }
        assert_eq!(
            value(
                &browser,
                "return [document.querySelector('.skipped').dataset.skipped, document.querySelectorAll('.input-card.has-problems').length];"
            )
            .await,
            json!(["3", 0]),
            "{lang}: skipped parts are no errors"
        );
        no_violations(&browser, &format!("{lang}/skipped"), &mut violations).await;
        shots(&browser, lang, "skipped", ".skipped").await;

        // Typed text and a paste are one input; Ctrl+Enter adds it.
        click(&browser, "[data-action=clear]").await;
        let area = wait_for(&browser, "#paste").await;
        area.send_keys(
            "$ aws iam get-instance-profile --instance-profile-name ExampleInstanceProfile\n",
        )
        .await
        .unwrap_or_else(|e| panic!("cannot type: {e}"));
        paste(&browser, EMPTY_PROFILE).await;
        assert_eq!(
            paste_count(&browser).await,
            0,
            "the paste joined the typed text"
        );
        let ctrl_enter = format!(
            "{}{}",
            char::from(fantoccini::key::Key::Control),
            char::from(fantoccini::key::Key::Enter)
        );
        area.send_keys(&ctrl_enter)
            .await
            .unwrap_or_else(|e| panic!("cannot press Ctrl+Enter: {e}"));
        wait_until(
            &browser,
            "return document.querySelectorAll('.paste').length === 1;",
            10,
            "Ctrl+Enter adds",
        )
        .await;
        assert_eq!(
            value(
                &browser,
                "return [...document.querySelectorAll('[data-input-kind]')].map(e => [e.dataset.inputKind, !!e.querySelector('.command')]);"
            )
            .await,
            json!([["get-instance-profile", true]]),
            "{lang}"
        );
        assert_eq!(
            value(&browser, "return document.getElementById('paste').value;").await,
            json!("")
        );

        // Edit, Cancel: focus back on Edit; Save: focus on the paste's heading.
        let id = value(&browser, "return document.querySelector('.paste').id;").await;
        let id = id.as_str().unwrap_or_default().to_owned();
        click(&browser, "[data-action=edit]").await;
        click(&browser, "[data-action=cancel]").await;
        wait_focus(&browser, &format!("{id}-edit")).await;
        click(&browser, "[data-action=edit]").await;
        click(&browser, "[data-action=save]").await;
        wait_focus(&browser, &format!("{id}-title")).await;
        click(&browser, "[data-action=clear]").await;
    }
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
    browser.assert_no_console_errors("at the end").await;
    let _ = focused(&browser).await;
    browser.close().await;
}

/// The single file `make dist` wrote (the only `ec2-iam-doctor-*.html` of dist-release/).
fn single_file() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist-release");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("no {}: {e} (run `make dist`)", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ec2-iam-doctor-") && n.ends_with(".html"))
        })
        .collect();
    found.sort();
    let path = found
        .pop()
        .unwrap_or_else(|| panic!("no single file in {}: run `make dist`", dir.display()));
    std::fs::canonicalize(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn share_from_a_file_asks_for_the_hosted_address_and_copies_markdown() {
    let url = format!("file://{}", single_file().display());
    let browser = Browser::start().await;
    let mut violations = Vec::new();
    for lang in LANGS {
        open(&browser, &url).await;
        choose(&browser, "language", lang).await;
        paste(&browser, EMPTY_PROFILE).await;
        wait_for(&browser, "[data-finding-id]").await;
        click(&browser, "[data-action=share]").await;
        wait_for(&browser, "#share-dialog").await;
        // No disk path as a link: the dialog asks where the page is hosted.
        let asked = value(
            &browser,
            "return [!!document.getElementById('share-hosted'), !!document.querySelector('.share-hosted-needed'), !!document.getElementById('share-link')];",
        )
        .await;
        // The Japanese round finds the address the English one gave, remembered.
        let first = lang == "en";
        assert_eq!(asked, json!([true, first, !first]), "{lang}");
        assert!(!browser_ext::body_text(&browser).await.contains("file://"));
        no_violations(&browser, &format!("{lang}/share-file"), &mut violations).await;
        shots(&browser, lang, "share-from-file", "#share-hosted").await;
        let hosted = "https://docs.example.internal/tools/ec2-iam-doctor/";
        if lang == "en" {
            wait_for(&browser, "#share-hosted")
                .await
                .send_keys(hosted)
                .await
                .unwrap_or_else(|e| panic!("cannot type the address: {e}"));
        }
        let link = wait_until(
            &browser,
            "const l = document.getElementById('share-link'); return l && l.value;",
            10,
            "the link",
        )
        .await;
        let link = link.as_str().unwrap_or_default().to_owned();
        assert!(link.starts_with(&format!("{hosted}#v1/")), "{lang}: {link}");
        let carries = browser.text_of(".share-carries").await;
        assert!(carries.contains('1'), "{lang}: {carries}");

        // Copy as Markdown: findings, fixes and the link, on the clipboard.
        grant_clipboard(&browser).await;
        value(
            &browser,
            "window.__idle = document.querySelector('[data-action=copy-markdown]').textContent;",
        )
        .await;
        click(&browser, "[data-action=copy-markdown]").await;
        wait_until(
            &browser,
            "return document.querySelector('[data-action=copy-markdown]').textContent !== window.__idle;",
            10,
            "the copy says it copied",
        )
        .await;
        let markdown = clipboard_text(&browser).await;
        assert!(
            markdown.contains("instance-profile-empty"),
            "{lang}: {markdown}"
        );
        assert!(
            markdown.contains("aws iam add-role-to-instance-profile"),
            "{lang}"
        );
        assert!(markdown.contains(&link), "{lang}: the link");
        // "Copied" goes back to the button's word after a moment.
        wait_until(
            &browser,
            "return document.querySelector('[data-action=copy-markdown]').textContent === window.__idle;",
            10,
            "Copy resets",
        )
        .await;
        click(&browser, "[data-action=close-share]").await;
        click(&browser, "[data-action=clear]").await;
    }
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
    browser.close().await;
}

#[tokio::test]
async fn the_minimal_link_warns_when_the_reader_would_see_another_diagnosis() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    let mut violations = Vec::new();
    for lang in LANGS {
        open(&browser, &server.url()).await;
        choose(&browser, "language", lang).await;
        // A describe-instances with many healthy instances besides the one asked about: the
        // minimal form keeps what the findings used, so "what was checked" shrinks.
        browser_ext::load_example(&browser, "s2-previous-role").await;
        paste(&browser, &many_instances(40)).await;
        wait_for(&browser, "[data-finding-id]").await;
        click(&browser, "[data-action=share]").await;
        assert_eq!(
            value(
                &browser,
                "return document.querySelectorAll('.share-minimal-warning').length;"
            )
            .await,
            json!(0)
        );
        click(&browser, "#share-minimal").await;
        let warning = wait_for(&browser, ".share-minimal-warning").await;
        assert!(!warning.text().await.unwrap_or_default().is_empty());
        no_violations(
            &browser,
            &format!("{lang}/minimal-warning"),
            &mut violations,
        )
        .await;
        shots(
            &browser,
            lang,
            "share-minimal-warning",
            ".share-minimal-warning",
        )
        .await;
        click(&browser, "#share-minimal").await;
        let link = value(
            &browser,
            "return document.getElementById('share-link').value;",
        )
        .await;
        let link = link.as_str().unwrap_or_default().to_owned();
        click(&browser, "[data-action=close-share]").await;

        // Opened from the link, the page says so; reloaded, it says it was reloaded.
        browser_ext::open_fresh(&browser, &link).await;
        let opened = wait_for(&browser, ".link-opened")
            .await
            .text()
            .await
            .unwrap_or_default();
        browser
            .client
            .refresh()
            .await
            .unwrap_or_else(|e| panic!("cannot reload: {e}"));
        let reloaded = wait_for(&browser, ".link-opened")
            .await
            .text()
            .await
            .unwrap_or_default();
        assert_ne!(opened, reloaded, "{lang}: a reload is not opening a link");
        browser_ext::open_fresh(&browser, &server.url()).await;
    }
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
    browser.close().await;
}

/// A describe-instances of `count` running instances, each with an instance profile.
fn many_instances(count: usize) -> String {
    let instances: Vec<String> = (0..count)
        .map(|i| {
            format!(
                "{{\"InstanceId\": \"i-{i:017x}\", \"State\": {{\"Name\": \"running\"}}, \"IamInstanceProfile\": {{\"Arn\": \"arn:aws:iam::123456789012:instance-profile/app-{i}\", \"Id\": \"AIPAEXAMPLE{i:09}\"}}, \"MetadataOptions\": {{\"HttpTokens\": \"required\", \"HttpEndpoint\": \"enabled\", \"HttpPutResponseHopLimit\": 2, \"State\": \"applied\"}}}}"
            )
        })
        .collect();
    format!(
        "{{\"Reservations\": [{{\"Instances\": [{}]}}]}}",
        instances.join(", ")
    )
}

#[tokio::test]
async fn a_5_mb_paste_is_edited_a_window_at_a_time() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    let mut violations = Vec::new();
    for lang in LANGS {
        open(&browser, &server.url()).await;
        choose(&browser, "language", lang).await;
        let big = many_instances(5 * 1024 * 1024 / 300);
        assert!(big.len() > 5 * 1000 * 1000, "{}", big.len());
        paste(&browser, &big).await;
        wait_until(
            &browser,
            "return document.querySelector('[data-input-kind=describe-instances]') && !document.querySelector('.findings-reading');",
            60,
            "the 5 MB paste read",
        )
        .await;
        click(&browser, "[data-action=edit]").await;
        let area = wait_for(&browser, ".editor textarea").await;
        // The editor holds a window of the paste, and says so.
        let window = value(
            &browser,
            "return [document.querySelector('.editor textarea').value.length, !!document.querySelector('[data-window-start]')];",
        )
        .await;
        assert!(window[0].as_u64().unwrap_or(u64::MAX) < 200_000, "{window}");
        assert_eq!(window[1], json!(true));
        no_violations(&browser, &format!("{lang}/edit-5mb"), &mut violations).await;
        shots(&browser, lang, "edit-5mb", ".editor").await;
        // An edit at the start of the text: the first instance's profile name.
        area.send_keys(&char::from(fantoccini::key::Key::Home).to_string())
            .await
            .ok();
        value(
            &browser,
            "const area = document.querySelector('.editor textarea');
             area.value = area.value.replace('instance-profile/app-0\"', 'instance-profile/edited-0\"');",
        )
        .await;
        click(&browser, "[data-action=save]").await;
        wait_until(
            &browser,
            "return !document.querySelector('.editor') && document.querySelector('[data-input-kind=describe-instances]') && !document.querySelector('.findings-reading');",
            60,
            "the edited paste read again",
        )
        .await;
        let text = value(
            &browser,
            "return document.querySelector('.input-view').textContent.includes('instance-profile/edited-0');",
        )
        .await;
        assert_eq!(text, json!(true), "{lang}: the edit is kept");
        click(&browser, "[data-action=clear]").await;
    }
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
    browser.close().await;
}

#[tokio::test]
async fn narrow_screens_announce_the_new_diagnosis_and_jump_to_it() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(390, 844)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    let mut violations = Vec::new();
    for lang in LANGS {
        open(&browser, &server.url()).await;
        choose(&browser, "language", lang).await;
        paste(&browser, EMPTY_PROFILE).await;
        let notice = wait_for(&browser, ".diagnosis-updated").await;
        assert!(notice.is_displayed().await.unwrap_or(false), "{lang}");
        assert_eq!(
            value(
                &browser,
                "return document.querySelector('.diagnosis-updated').closest('[role=status]') !== null;"
            )
            .await,
            json!(true),
            "{lang}: announced"
        );
        no_violations(
            &browser,
            &format!("{lang}/diagnosis-updated"),
            &mut violations,
        )
        .await;
        shots(
            &browser,
            lang,
            "diagnosis-updated-390px",
            ".diagnosis-updated",
        )
        .await;
        click(&browser, "[data-action=jump-to-diagnosis]").await;
        wait_focus(&browser, "results-title").await;
        assert_eq!(
            value(
                &browser,
                "return document.querySelectorAll('.diagnosis-updated').length;"
            )
            .await,
            json!(0)
        );
        click(&browser, "[data-action=clear]").await;
    }
    // On a wide screen the diagnosis is beside the inputs: nothing to point at.
    browser
        .client
        .set_window_size(1280, 900)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    paste(&browser, EMPTY_PROFILE).await;
    wait_for(&browser, "[data-finding-id]").await;
    let shown = value(
        &browser,
        "const n = document.querySelector('.diagnosis-updated'); return !!n && n.getClientRects().length > 0;",
    )
    .await;
    assert_eq!(shown, json!(false));
    assert!(
        violations.is_empty(),
        "axe-core violations:\n{}",
        violations.join("\n")
    );
    browser.close().await;
}
