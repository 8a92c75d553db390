//! Component tests in real headless Chromium (wasm-bindgen-test). Run by `make test`.
#![cfg(target_arch = "wasm32")]

use ec2_iam_doctor_web::i18n::{check_catalogs, t, Key};
use engine::lang::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlSelectElement, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

const EMPTY_PROFILE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"
));
const CREDENTIALS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/imds-security-credentials/ec2-user-guide-success-s3access.json"
));
const ROLE_DENIED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/iam-access-denied/real-instance-role-assumerole-denied-cisagov-8.txt"
));
const CLOCK_SKEW: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/iam-access-denied/real-aws-cli-signature-expired-clock-skew.txt"
));

/// Puts `fragment` in the address (`None`: no fragment), as a link opened in this tab would.
fn set_fragment(fragment: Option<&str>) {
    let location = gloo::utils::window().location();
    let base = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let url = match fragment {
        Some(fragment) => format!("{base}#{fragment}"),
        None => base,
    };
    let _ = gloo::utils::window()
        .history()
        .and_then(|h| h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)));
}

/// Mounts the app in a fresh element, with no remembered settings and English as the language.
/// The address has no fragment (an earlier test's page may have written its case there).
async fn mount() -> Element {
    set_fragment(None);
    mount_here().await
}

/// Mounts the app with the address as it is.
async fn mount_here() -> Element {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.clear();
        let _ = storage.set_item("ec2-iam-doctor.lang", "en");
    }
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .unwrap_or_else(|_| panic!("cannot create the mount point"));
    gloo::utils::body()
        .append_child(&root)
        .unwrap_or_else(|_| panic!("cannot append the mount point"));
    yew::Renderer::<ec2_iam_doctor_web::App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, css: &str) -> Element {
    root.query_selector(css)
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no `{css}` in: {}", root.inner_html()))
}

fn all_text(root: &Element, css: &str) -> Vec<String> {
    let list = root
        .query_selector_all(css)
        .unwrap_or_else(|_| panic!("bad selector {css}"));
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.text_content())
        .collect()
}

fn attributes(root: &Element, css: &str, name: &str) -> Vec<String> {
    let list = root
        .query_selector_all(css)
        .unwrap_or_else(|_| panic!("bad selector {css}"));
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .filter_map(|element| element.get_attribute(name))
        .collect()
}

async fn click(root: &Element, css: &str) {
    find(root, css)
        .dyn_into::<HtmlElement>()
        .unwrap_or_else(|_| panic!("`{css}` is not an HTML element"))
        .click();
    yew::scheduler::flush().await;
}

/// Puts text in the paste area and presses the add-input button.
async fn add(root: &Element, text: &str) {
    let area: HtmlTextAreaElement = find(root, "#paste")
        .dyn_into()
        .unwrap_or_else(|_| panic!("#paste is not a textarea"));
    area.set_value(text);
    click(root, "[data-action=add-input]").await;
}

#[wasm_bindgen_test]
async fn renders_the_heading() {
    let root = mount().await;
    assert_eq!(
        find(&root, "h1#app-title").text_content().as_deref(),
        Some("ec2-iam-doctor")
    );
}

#[wasm_bindgen_test]
fn the_catalogs_have_the_same_keys_and_placeholders() {
    assert_eq!(check_catalogs(), vec![]);
    assert_eq!(t(Lang::Ja, Key::PasteLabel), "出力を貼り付け");
}

#[wasm_bindgen_test]
async fn the_add_button_adds_an_input_and_the_findings_follow() {
    let root = mount().await;
    add(&root, EMPTY_PROFILE).await;
    let area: HtmlTextAreaElement = find(&root, "#paste")
        .dyn_into()
        .unwrap_or_else(|_| panic!());
    assert_eq!(area.value(), "", "the area is cleared for the next one");
    assert_eq!(
        attributes(&root, "[data-input-kind]", "data-input-kind"),
        vec!["get-instance-profile"]
    );
    let finding = find(&root, "[data-finding-id=instance-profile-empty]");
    assert_eq!(
        finding.get_attribute("data-severity").as_deref(),
        Some("error")
    );
    assert_eq!(
        all_text(&finding, "mark.evidence-mark"),
        vec!["[]"],
        "the evidence is highlighted in the pasted text"
    );
    // The summary names the profile from the user's text.
    let summary = find(&root, ".input-card .summary")
        .text_content()
        .unwrap_or_default();
    assert!(summary.contains("Webserver"), "{summary}");
    // The chain shows the broken link.
    assert_eq!(
        attributes(&root, ".chain-wide [data-state=broken]", "data-chain-link"),
        vec!["role"]
    );
    click(&root, "[data-action=remove]").await;
    assert!(root
        .query_selector("[data-input-kind]")
        .ok()
        .flatten()
        .is_none());
    assert!(root
        .query_selector("[data-finding-id]")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_finding_keeps_its_card_when_findings_come_before_and_after_it() {
    let root = mount().await;
    add(&root, EMPTY_PROFILE).await;
    let card = "[data-finding-id=instance-profile-empty]";
    // A mark only the card's own element carries (as an open explanation would).
    find(&root, card)
        .set_attribute("data-kept", "yes")
        .unwrap_or_else(|_| panic!("cannot mark the card"));
    for (text, comes) in [
        (ROLE_DENIED, "instance-role-denied"),
        (CLOCK_SKEW, "clock-skew"),
    ] {
        add(&root, text).await;
        let ids = attributes(&root, "[data-finding-id]", "data-finding-id");
        assert!(ids.iter().any(|id| id == comes), "{comes} not in {ids:?}");
        assert_eq!(
            find(&root, card).get_attribute("data-kept").as_deref(),
            Some("yes"),
            "after {comes} came, instance-profile-empty is drawn in another card: {ids:?}"
        );
        assert_eq!(
            attributes(&root, "[data-kept]", "data-finding-id"),
            vec!["instance-profile-empty"]
        );
    }
}

#[wasm_bindgen_test]
async fn a_paste_event_adds_the_pasted_text_at_once() {
    let root = mount().await;
    let area = find(&root, "#paste");
    let data = web_sys::DataTransfer::new().unwrap_or_else(|_| panic!("no DataTransfer"));
    data.set_data("text/plain", EMPTY_PROFILE)
        .unwrap_or_else(|_| panic!("cannot set the data"));
    let init = web_sys::ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = web_sys::ClipboardEvent::new_with_event_init_dict("paste", &init)
        .unwrap_or_else(|_| panic!("cannot make a paste event"));
    let _ = area.dispatch_event(&event);
    yew::scheduler::flush().await;
    assert_eq!(
        attributes(&root, "[data-input-kind]", "data-input-kind"),
        vec!["get-instance-profile"]
    );
    assert!(
        event.default_prevented(),
        "the text is not pasted into the area as well"
    );
}

#[wasm_bindgen_test]
async fn secrets_are_masked_until_revealed() {
    let root = mount().await;
    add(&root, CREDENTIALS).await;
    let secret = "wJalrXUtnFEMI";
    let banner = find(&root, ".secrets-banner");
    assert!(banner.text_content().unwrap_or_default().contains("never"));
    let shown = find(&root, ".paste-text pre")
        .text_content()
        .unwrap_or_default();
    assert!(!shown.contains(secret), "the secret shows: {shown}");
    assert!(shown.contains("••••"), "{shown}");
    click(&root, "[data-action=reveal]").await;
    let shown = find(&root, ".paste-text pre")
        .text_content()
        .unwrap_or_default();
    assert!(shown.contains(secret), "revealed: {shown}");
    let stored = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .map(|s| s.length().unwrap_or(0));
    assert_eq!(stored, Some(1), "only the language setting is stored");
}

#[wasm_bindgen_test]
async fn show_in_text_lights_the_evidence_in_the_numbered_text() {
    let root = mount().await;
    // Multi-byte text before the evidence: byte and UTF-16 offsets differ.
    let text = format!("# 日本語のメモ 😀\n{EMPTY_PROFILE}");
    add(&root, &text).await;
    click(
        &root,
        "[data-finding-id=instance-profile-empty] [data-action=show-in-text]",
    )
    .await;
    let lit = find(&root, ".input-view .evidence-link.active");
    assert_eq!(lit.text_content().unwrap_or_default(), "[]");
    // Its line is numbered as in the paste (the note is line 1).
    let line = lit
        .closest(".line")
        .ok()
        .flatten()
        .and_then(|line| line.get_attribute("data-line"));
    let expected = text
        .get(..text.find("[]").unwrap_or_default())
        .map(|before| before.matches('\n').count() + 1)
        .unwrap_or_default();
    assert_eq!(line, Some(expected.to_string()));
}

#[wasm_bindgen_test]
async fn switching_to_japanese_changes_the_words_and_the_document_language() {
    let root = mount().await;
    add(&root, EMPTY_PROFILE).await;
    let select: HtmlSelectElement = find(&root, "#language")
        .dyn_into()
        .unwrap_or_else(|_| panic!());
    select.set_value("ja");
    let event = web_sys::Event::new("change").unwrap_or_else(|_| panic!("no event"));
    let _ = select.dispatch_event(&event);
    yew::scheduler::flush().await;
    assert_eq!(
        find(&root, "label.paste-label").text_content().as_deref(),
        Some("出力を貼り付け")
    );
    let lang = gloo::utils::document()
        .document_element()
        .and_then(|e| e.get_attribute("lang"));
    assert_eq!(lang.as_deref(), Some("ja"));
    let title = find(&root, "[data-finding-id=instance-profile-empty] h3")
        .text_content()
        .unwrap_or_default();
    assert!(
        title
            .chars()
            .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)),
        "the finding's title is not Japanese: {title}"
    );
}

#[wasm_bindgen_test]
fn settings_come_from_storage_then_from_the_browser() {
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no localStorage"));
    let _ = storage.clear();
    let browser_lang = gloo::utils::window()
        .navigator()
        .language()
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_default();
    assert_eq!(ec2_iam_doctor_web::app::initial_lang(), browser_lang);
    let _ = storage.set_item("ec2-iam-doctor.lang", "ja");
    assert_eq!(ec2_iam_doctor_web::app::initial_lang(), Lang::Ja);
    let _ = storage.set_item("ec2-iam-doctor.lang", "xx");
    assert_eq!(ec2_iam_doctor_web::app::initial_lang(), browser_lang);
    let _ = storage.set_item("ec2-iam-doctor.theme", "dark");
    assert_eq!(
        ec2_iam_doctor_web::app::initial_theme(),
        ec2_iam_doctor_web::state::Theme::Dark
    );
    let _ = storage.clear();
}

#[wasm_bindgen_test]
async fn the_share_dialog_shows_what_the_link_carries() {
    let root = mount().await;
    add(&root, CREDENTIALS).await;
    click(&root, "[data-action=share]").await;
    let dialog = find(&root, "dialog#share-dialog");
    assert!(dialog.has_attribute("open"), "the dialog is shown");
    let shown = dialog.text_content().unwrap_or_default();
    assert!(!shown.contains("wJalrXUtnFEMI"), "{shown}");
    assert!(!shown.contains("ASIAIOSFODNN7EXAMPLE"), "{shown}");
    assert!(
        shown.contains("\"SecretAccessKey\""),
        "the text without its values: {shown}"
    );
    assert!(
        attributes(&root, "[data-removed-kind]", "data-removed-kind")
            .contains(&"SecretAccessKey".to_owned()),
        "{shown}"
    );
    let link = || -> String {
        find(&root, "#share-link")
            .dyn_into::<HtmlTextAreaElement>()
            .map(|area| area.value())
            .unwrap_or_default()
    };
    let full = link();
    assert!(full.contains("#v1/"), "{full}");
    let length = attributes(&root, ".share-length", "data-length");
    assert_eq!(length, vec![full.chars().count().to_string()]);
    click(&root, "#share-minimal").await;
    let minimal = link();
    assert!(minimal.contains("#v1/") && minimal != full, "{minimal}");
    click(&root, "[data-action=close-share]").await;
    assert!(root
        .query_selector("#share-dialog")
        .ok()
        .flatten()
        .is_none());
}

#[wasm_bindgen_test]
async fn a_link_in_the_address_opens_its_case() {
    let case = engine::share::Case {
        inputs: vec![EMPTY_PROFILE.to_owned()],
        lang: Some(Lang::Ja),
        view: Some("checklist".to_owned()),
        ..engine::share::Case::default()
    };
    let fragment = engine::share::encode(&case, &engine::share::ShareOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    set_fragment(Some(&fragment));
    let root = mount_here().await;
    assert_eq!(
        attributes(&root, "[data-input-kind]", "data-input-kind"),
        vec!["get-instance-profile"]
    );
    assert_eq!(
        attributes(&root, "#tab-checklist", "aria-selected"),
        vec!["true"]
    );
    assert_eq!(
        find(&root, "label.paste-label").text_content().as_deref(),
        Some("出力を貼り付け")
    );
    assert_eq!(
        attributes(&root, ".link-opened[role=status]", "data-minimal"),
        vec!["false"],
        "the page says the case came from a link"
    );
    add(&root, CREDENTIALS).await;
    assert!(
        root.query_selector(".link-opened").ok().flatten().is_none(),
        "an edited case is no longer the link's"
    );
    set_fragment(None);
}

#[wasm_bindgen_test]
async fn a_damaged_link_opens_an_empty_page_that_says_so() {
    set_fragment(Some("v1/AAAA"));
    let root = mount_here().await;
    let alert = find(&root, "[role=alert].link-error");
    assert!(
        alert
            .text_content()
            .unwrap_or_default()
            .contains("could not be opened"),
        "{}",
        alert.inner_html()
    );
    assert!(root
        .query_selector("[data-input-kind]")
        .ok()
        .flatten()
        .is_none());
    click(&root, "[data-action=dismiss-link-error]").await;
    assert!(root.query_selector(".link-error").ok().flatten().is_none());
    set_fragment(None);
}
