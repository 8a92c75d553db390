//! Journey: a person prints the diagnosis to attach it to a ticket. Under print media the
//! controls are gone and the findings stay; the PDF Chromium makes is saved beside the
//! screenshots (`target/screenshots/diagnosis-s4.pdf`).

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{cdp, execute, load_example, open, screenshots_dir};
use serde_json::json;

const DISPLAY: &str = "return Object.fromEntries(arguments[0].map(css => {
    const element = document.querySelector(css);
    return [css, element ? getComputedStyle(element).display : 'missing'];
}));";

#[tokio::test]
async fn the_printout_keeps_the_diagnosis_and_drops_the_controls() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    load_example(&browser, "s4-empty-profile").await;
    let selectors = json!([
        ".paste-panel",
        ".settings",
        ".tabs",
        "button.copy",
        ".finding",
        ".chain-wide"
    ]);
    let screen = execute(&browser, DISPLAY, vec![selectors.clone()]).await;
    assert_ne!(screen[".paste-panel"], json!("none"), "on screen: {screen}");

    cdp(
        &browser,
        "Emulation.setEmulatedMedia",
        json!({ "media": "print" }),
    )
    .await;
    let print = execute(&browser, DISPLAY, vec![selectors]).await;
    for hidden in [".paste-panel", ".settings", ".tabs", "button.copy"] {
        assert_eq!(print[hidden], json!("none"), "{hidden} in print: {print}");
    }
    for kept in [".finding", ".chain-wide"] {
        assert_ne!(print[kept], json!("none"), "{kept} in print: {print}");
    }
    let pdf = cdp(
        &browser,
        "Page.printToPDF",
        json!({ "printBackground": true }),
    )
    .await;
    let data = pdf["data"].as_str().unwrap_or_default();
    assert!(data.len() > 1000, "no PDF came back");
    let bytes = decode_base64(data);
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let path = screenshots_dir().join("diagnosis-s4.pdf");
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));

    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}

fn decode_base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let digits: Vec<u8> = text.bytes().filter_map(value).collect();
    let mut out = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n: u32 = 0;
        for (i, d) in chunk.iter().enumerate() {
            n |= u32::from(*d) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}
