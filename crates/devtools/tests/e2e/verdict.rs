//! Journey: the verdict, the chain, the findings, the Checklist and Gather agree on the page, as
//! a person sees them. For every example in both languages (and for the pastes the issue that
//! asked for the verdict tried: a named profile that does not exist, a truncated
//! `get-instance-profile`), read through the data attributes:
//!
//! - no chain node `data-state=good` whose `data-chain-link` a finding card of severity error or
//!   warning carries; `healthy` never beside a card of severity error, warning or check, or an
//!   input that was not read whole; the verdict's link is the first broken node;
//! - one finding card per (rule, subject);
//! - every placeholder left in a command is quoted, and a step with one says "edit before
//!   running"; a name the paste gives is used in place of its placeholder;
//! - Gather ticks the steps whose output was pasted.
//!
//! Each example's verdict is saved as a screenshot under `target/screenshots/` in both languages.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{choose, execute, load_example, open, paste, screenshots_dir, wait_for};
use serde_json::{json, Value};

const EXAMPLES: &[&str] = &[
    "s1-profile-name-differs",
    "s2-previous-role",
    "s3-add-role-denied",
    "s4-empty-profile",
    "s5-no-profile",
    "s6-recreated",
    "s6-trust",
];

/// Everything the checks read, gathered in the page in one script.
const READ_PAGE: &str = r#"
const all = (css) => [...document.querySelectorAll(css)];
const verdict = document.querySelector('#verdict');
return {
  status: verdict ? verdict.dataset.verdictStatus : null,
  link: verdict ? (verdict.dataset.verdictLink || null) : null,
  summary: verdict ? verdict.querySelector('.verdict-summary').textContent : '',
  steps: all('#verdict .verdict-step').map(s => ({
    command: s.querySelector('code').textContent,
    edit: s.dataset.edit === 'true',
    note: !!s.querySelector('.edit-note'),
  })),
  chain: all('.chain-wide [data-chain-link]').map(n => [n.dataset.chainLink, n.dataset.state]),
  cards: all('article[data-finding-id]').map(c => ({
    id: c.dataset.findingId,
    severity: c.dataset.severity,
    link: c.dataset.chainLink || null,
    subject: (c.querySelector('h3 code') || {textContent: ''}).textContent,
    title: c.querySelector('h3').textContent,
  })),
  commands: all('.command-box:not(.document) code').map(c => c.textContent),
  kinds: all('[data-input-kind]').map(i => i.dataset.inputKind),
  problems: all('.input-card .problem').length,
  healthyBox: !!document.querySelector('[data-healthy=true]'),
};
"#;

async fn read_page(browser: &Browser) -> Value {
    execute(browser, READ_PAGE, vec![]).await
}

fn strings(value: &Value) -> Vec<String> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

/// A placeholder (`<role-name>`) outside quotes: the shell would read it as a redirection.
fn unquoted_placeholder(command: &str) -> Option<String> {
    let mut quote: Option<char> = None;
    for (at, c) in command.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '<') => {
                let rest = &command[at + 1..];
                let word: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '-')
                    .collect();
                if !word.is_empty() && rest[word.len()..].starts_with('>') {
                    return Some(format!("<{word}>"));
                }
            }
            _ => {}
        }
    }
    None
}

/// The checks on one state of the page; `what` names it in failures.
fn check(page: &Value, what: &str, problems: &mut Vec<String>) {
    let mut fail = |text: String| problems.push(format!("{what}: {text}"));
    let status = page["status"].as_str().unwrap_or_default();
    if !["broken", "healthy", "undecided"].contains(&status) {
        fail(format!("no verdict status ({status:?})"));
    }
    if page["summary"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .is_empty()
    {
        fail("no verdict summary".to_owned());
    }
    let chain: Vec<(String, String)> =
        serde_json::from_value(page["chain"].clone()).unwrap_or_default();
    if chain.len() != 8 {
        fail(format!("{} chain nodes", chain.len()));
    }
    let cards = page["cards"].as_array().cloned().unwrap_or_default();
    for (link, state) in &chain {
        if state == "good" {
            for card in &cards {
                let serious =
                    ["error", "warning"].contains(&card["severity"].as_str().unwrap_or_default());
                if serious && card["link"].as_str() == Some(link) {
                    fail(format!("{link} drawn good beside {}", card["id"]));
                }
            }
        }
    }
    let first_broken = chain
        .iter()
        .find(|(_, s)| s == "broken")
        .map(|(l, _)| l.clone());
    if page["link"].as_str().map(str::to_owned) != first_broken {
        fail(format!(
            "verdict link {} is not the first broken {first_broken:?}",
            page["link"]
        ));
    }
    if status == "healthy" {
        if let Some(card) = cards.iter().find(|c| c["severity"] != "info") {
            fail(format!(
                "healthy beside {} ({})",
                card["id"], card["severity"]
            ));
        }
        if strings(&page["kinds"]).iter().any(|k| k == "unknown") || page["problems"] != json!(0) {
            fail("healthy with an input not read whole".to_owned());
        }
    } else if page["healthyBox"] == json!(true) {
        fail(format!("the healthy box shows with a {status} verdict"));
    }
    if status == "broken"
        && first_broken.is_none()
        && !cards.iter().any(|c| c["severity"] == "error")
    {
        fail("broken with nothing broken".to_owned());
    }
    let mut subjects = Vec::new();
    for card in &cards {
        let key = (card["id"].to_string(), card["subject"].to_string());
        if subjects.contains(&key) {
            fail(format!("{} twice about {}", key.0, key.1));
        }
        subjects.push(key);
    }
    for command in strings(&page["commands"]) {
        if command.starts_with("#!") {
            continue;
        }
        if let Some(placeholder) = unquoted_placeholder(&command) {
            fail(format!("unquoted {placeholder} in `{command}`"));
        }
    }
    for step in page["steps"].as_array().cloned().unwrap_or_default() {
        let command = step["command"].as_str().unwrap_or_default();
        let has = command.contains("'<");
        if has != (step["edit"] == json!(true)) || has != (step["note"] == json!(true)) {
            fail(format!(
                "step `{command}` is not marked edit-before-running as it should"
            ));
        }
    }
    if page["steps"].as_array().map_or(0, Vec::len) > 4 {
        fail("more than four steps".to_owned());
    }
}

#[tokio::test]
async fn verdict_chain_and_findings_agree_on_the_page() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    browser
        .client
        .set_window_size(1280, 1600)
        .await
        .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
    open(&browser, &server.url()).await;
    let mut problems = Vec::new();
    let mut saved = 0;
    for lang in ["en", "ja"] {
        choose(&browser, "language", lang).await;
        for example in EXAMPLES {
            load_example(&browser, example).await;
            let verdict = wait_for(&browser, "#verdict").await;
            let page = read_page(&browser).await;
            check(&page, &format!("{example} [{lang}]"), &mut problems);
            let png = verdict
                .screenshot()
                .await
                .unwrap_or_else(|e| panic!("cannot take the verdict's screenshot: {e}"));
            let path = screenshots_dir().join(format!("verdict-{example}-{lang}.png"));
            std::fs::write(&path, png)
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            saved += 1;
        }
    }

    // The issue's pastes: the name in an error message is used; a cut-off output is never
    // "healthy"; pasted outputs are ticked in Gather.
    choose(&browser, "language", "en").await;
    browser_ext::click(&browser, "[data-action=clear]").await;
    paste(
        &browser,
        "$ aws iam get-instance-profile --instance-profile-name web-prod\n\nAn error occurred (NoSuchEntity) when calling the GetInstanceProfile operation: Instance Profile web-prod cannot be found.\n",
    )
    .await;
    wait_for(&browser, "#verdict[data-verdict-status=broken]").await;
    let page = read_page(&browser).await;
    check(&page, "named profile", &mut problems);
    let text = page.to_string();
    if text.contains("<instance-profile-name>")
        || !page["summary"]
            .as_str()
            .unwrap_or_default()
            .contains("web-prod")
    {
        problems.push(format!(
            "named profile: the name web-prod is not used: {}",
            page["summary"]
        ));
    }
    browser_ext::click(&browser, "[data-view=gather]").await;
    wait_for(
        &browser,
        "[data-step=get-instance-profile][data-pasted=true]",
    )
    .await;
    browser_ext::click(&browser, "[data-view=diagnosis]").await;

    browser_ext::click(&browser, "[data-action=clear]").await;
    paste(
        &browser,
        "$ aws iam get-instance-profile --instance-profile-name web\n{\n    \"InstanceProfile\": {\n        \"Path\": \"/\",\n        \"InstanceProfileName\": \"web\",\n        \"InstanceProfileId\": \"AIPAJEXAMPLEID1234567\",\n        \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\",\n",
    )
    .await;
    wait_for(&browser, "#verdict[data-verdict-status=undecided]").await;
    let page = read_page(&browser).await;
    check(&page, "truncated profile", &mut problems);
    let first = page["steps"][0]["command"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    if first != "aws iam get-instance-profile --instance-profile-name web" {
        problems.push(format!("truncated profile: the first step is `{first}`"));
    }

    // What decides the question, read whole: healthy, every link about it good.
    browser_ext::click(&browser, "[data-action=clear]").await;
    paste(&browser, "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-11-29T17:51:35Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPAJEXAMPLEID1234567\"\n}\n").await;
    paste(&browser, "{\"InstanceProfile\": {\"InstanceProfileName\": \"web\", \"InstanceProfileId\": \"AIPAJEXAMPLEID1234567\", \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"Roles\": [{\"RoleName\": \"web\", \"Arn\": \"arn:aws:iam::123456789012:role/web\", \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}}]}}\n").await;
    wait_for(&browser, "#verdict[data-verdict-status=healthy]").await;
    let page = read_page(&browser).await;
    check(&page, "healthy case", &mut problems);
    if page["healthyBox"] != json!(true) {
        problems.push("healthy case: no healthy box".to_owned());
    }
    let png = wait_for(&browser, "#verdict")
        .await
        .screenshot()
        .await
        .unwrap_or_else(|e| panic!("cannot take the verdict's screenshot: {e}"));
    std::fs::write(screenshots_dir().join("verdict-healthy-en.png"), png)
        .unwrap_or_else(|e| panic!("cannot write the healthy screenshot: {e}"));

    browser.assert_no_console_errors("at the end").await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!(
        "{saved} verdict screenshots in {}",
        screenshots_dir().display()
    );
    browser.close().await;
}
