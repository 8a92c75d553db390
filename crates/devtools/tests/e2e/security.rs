//! Journey: a hostile case. Every place a case has text (pasted JSON values, error messages, a
//! transcript, free text, and the link itself) holds script-injection payloads; the page shows
//! them as text in every view, in the Share dialog, in the export and after reopening the link,
//! and nothing executes. With the whole case loaded and shared, the page requests nothing from
//! any origin but its own.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    execute, export_markdown, foreign_requests, grant_clipboard, href, open, open_fresh, paste,
    wait_for,
};
use serde_json::{json, Value};

const IMG: &str = "<img src=x onerror=window.__pwned=1>";
const SCRIPT: &str = "\"><script>window.__pwned=1</script>";
const JS_URL: &str = "javascript:window.__pwned=1";
const TEMPLATE: &str = "{{7*7}}";
const SVG: &str = "<svg onload=window.__pwned=1>";
const TEXTAREA: &str = "</textarea><img src=x onerror=window.__pwned=1>";

fn pastes() -> Vec<String> {
    let profile = json!({
        "InstanceProfile": {
            "InstanceProfileId": "AIPAJMBYC7DLSPEXAMPLE",
            "Roles": [],
            "CreateDate": "2015-03-09T20:33:19.626Z",
            "InstanceProfileName": IMG,
            "Path": "/",
            "Arn": format!("arn:aws:iam::123456789012:instance-profile/{SCRIPT}"),
        }
    });
    vec![
        serde_json::to_string_pretty(&profile).unwrap_or_default(),
        format!(
            "An error occurred (AccessDenied) when calling the RunInstances operation: User: arn:aws:iam::999999999999:user/{IMG} is not authorized to perform: iam:PassRole on resource: arn:aws:iam::999999999999:role/{SCRIPT} with an explicit deny in an identity-based policy"
        ),
        format!(
            "$ aws iam get-role --role-name '{TEMPLATE}' {JS_URL}\n{SVG}\n[open]({JS_URL}) <{JS_URL}> {TEXTAREA}\n`{SCRIPT}`"
        ),
        format!("{{\"Code\": \"{TEMPLATE}\", \"Message\": \"{JS_URL}\", \"LastUpdated\": \"{TEXTAREA}\"}}"),
    ]
}

/// Fails if anything a payload asked for happened or was built into the page.
async fn assert_inert(browser: &Browser, when: &str) {
    let found = execute(
        browser,
        "return {
           pwned: typeof window.__pwned,
           handlers: document.querySelectorAll('[onerror],[onload],[onclick]').length,
           images: document.querySelectorAll('img[src=x], svg[onload]').length,
           scripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
           javascript: [...document.querySelectorAll('[href],[src],[action]')]
             .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')).length,
         };",
        vec![],
    )
    .await;
    assert_eq!(
        found,
        json!({ "pwned": "undefined", "handlers": 0, "images": 0, "scripts": 0, "javascript": 0 }),
        "{when}"
    );
    browser.assert_no_console_errors(when).await;
}

/// Opens every collapsed part (pasted texts, explanations) and visits every view.
async fn show_everything(browser: &Browser) {
    for view in ["checklist", "gather", "diagnosis"] {
        wait_for(browser, &format!("#tab-{view}"))
            .await
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot open the {view} view: {e}"));
        execute(
            browser,
            "document.querySelectorAll('details').forEach(d => d.open = true);",
            vec![],
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        assert_inert(browser, &format!("in the {view} view")).await;
    }
}

async fn click(browser: &Browser, css: &str) {
    wait_for(browser, css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
}

#[tokio::test]
async fn payloads_stay_text_and_nothing_leaves_the_origin() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    grant_clipboard(&browser).await;
    for text in pastes() {
        paste(&browser, &text).await;
    }
    wait_for(&browser, ".input-card").await;
    let cards = execute(
        &browser,
        "return document.querySelectorAll('.paste').length;",
        vec![],
    )
    .await;
    assert_eq!(cards, json!(4), "each payload paste is an input");
    show_everything(&browser).await;
    let text = execute(&browser, "return document.body.innerText;", vec![]).await;
    let text = text.as_str().unwrap_or_default();
    assert!(
        text.contains(IMG) && text.contains(TEMPLATE),
        "the payloads show as text"
    );

    // Shared in every form, copied, and exported.
    click(&browser, "[data-action=share]").await;
    wait_for(&browser, "dialog#share-dialog[open]").await;
    assert_inert(&browser, "in the share dialog").await;
    for option in [
        "#share-minimal",
        "#share-anonymise",
        "#share-keep-authorization",
    ] {
        click(&browser, option).await;
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        assert_inert(&browser, &format!("in the share dialog with {option}")).await;
    }
    click(&browser, "#share-dialog [data-action=copy]").await;
    click(&browser, "[data-action=close-share]").await;
    let markdown = export_markdown(&browser).await;
    assert!(!markdown.is_empty());
    assert_inert(&browser, "after sharing and exporting").await;
    let foreign = foreign_requests(&browser).await;
    assert!(foreign.is_empty(), "requests to other origins: {foreign:?}");

    // The link reopens the payloads, still as text.
    let link = href(&browser).await;
    assert!(link.contains("#v1/"), "{link}");
    open_fresh(&browser, &link).await;
    wait_for(&browser, ".input-card").await;
    show_everything(&browser).await;
    let foreign = foreign_requests(&browser).await;
    assert!(foreign.is_empty(), "requests to other origins: {foreign:?}");

    // Hostile fragments.
    for fragment in [
        format!("#v1/{IMG}"),
        format!("#{SCRIPT}"),
        format!("#{JS_URL}"),
        format!("#v1/{TEMPLATE}"),
    ] {
        let url = format!("{}{fragment}", server.url());
        browser
            .client
            .goto("about:blank")
            .await
            .unwrap_or_else(|e| panic!("cannot open about:blank: {e}"));
        browser
            .client
            .goto(&url)
            .await
            .unwrap_or_else(|e| panic!("cannot open {url}: {e}"));
        wait_for(&browser, "#paste").await;
        assert_inert(&browser, &format!("opening {fragment}")).await;
        let alert: Value = execute(
            &browser,
            "const a = document.querySelector('.link-error'); return a ? a.innerText : null;",
            vec![],
        )
        .await;
        if fragment.starts_with("#v1/") {
            assert!(alert.is_string(), "{fragment}: a damaged link says so");
        }
    }
    browser.close().await;
}
