//! Layout: at 320, 390 and 1280 px, in English and Japanese, the first visit and every example
//! (diagnosis with its texts and explanations open, then the checklist and the Gather views)
//! are measured element by element. It fails when any text overflows its box, when anything
//! sticks out of the page sideways (outside a scrolling box), when a chain label leaves its
//! box, or when the view tabs wrap onto a second row.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{choose, click, execute, load_example, open, wait_for};
use serde_json::Value;

const EXAMPLES: &[&str] = &[
    "s1-profile-name-differs",
    "s2-previous-role",
    "s3-add-role-denied",
    "s4-empty-profile",
    "s5-no-profile",
    "s6-recreated",
    "s6-trust",
];

const WIDTHS: [u32; 3] = [320, 390, 1280];

/// Every overflow on the page, described (empty when the layout holds).
const MEASURE: &str = r#"
const problems = [];
const width = document.documentElement.clientWidth;
const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
    + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
const scroller = e => {
    for (let p = e.parentElement; p; p = p.parentElement) {
        const x = getComputedStyle(p).overflowX;
        if (x === 'auto' || x === 'scroll') return true;
    }
    return false;
};
if (document.documentElement.scrollWidth > width + 1) {
    problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
}
for (const e of document.querySelectorAll('body *')) {
    if (e.closest('svg, .visually-hidden, dialog:not([open])')) continue;
    if (!e.getClientRects().length) continue;
    const style = getComputedStyle(e);
    if (style.visibility === 'hidden') continue;
    const own = style.overflowX === 'auto' || style.overflowX === 'scroll';
    const text = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own && text && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) {
        problems.push(describe(e) + ': text ' + e.scrollWidth + ' px in a box of ' + e.clientWidth);
    }
    const box = e.getBoundingClientRect();
    if (box.width > 0 && (box.right > width + 1 || box.left < -1) && !scroller(e)) {
        problems.push(describe(e) + ': sticks out of the page (' + Math.round(box.left) + '..' + Math.round(box.right) + ' of ' + width + ')');
    }
}
for (const link of document.querySelectorAll('.chain-link')) {
    if (!link.getClientRects().length) continue;
    const rect = link.querySelector('rect').getBBox();
    for (const t of link.querySelectorAll('text')) {
        const b = t.getBBox();
        if (b.x + b.width > rect.x + rect.width + 0.5) {
            problems.push('chain label "' + t.textContent + '" leaves its box by ' + Math.round(b.x + b.width - rect.x - rect.width) + ' px');
        }
    }
}
const tabs = [...document.querySelectorAll('.tabs [role=tab]')].map(t => t.getBoundingClientRect().top);
if (tabs.length && Math.max(...tabs) - Math.min(...tabs) > 1) {
    problems.push('the view tabs wrap onto a second row');
}
return problems;
"#;

async fn measure(browser: &Browser, state: &str, found: &mut Vec<String>) {
    execute(
        browser,
        "document.querySelectorAll('details').forEach(d => d.open = true);",
        vec![],
    )
    .await;
    let problems = execute(browser, MEASURE, vec![]).await;
    for problem in problems.as_array().cloned().unwrap_or_default() {
        found.push(format!("{state}: {}", problem.as_str().unwrap_or_default()));
    }
}

#[tokio::test]
async fn the_layout_holds_from_320_px_to_wide_screens_in_both_languages() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    let mut found = Vec::new();
    for width in WIDTHS {
        browser
            .client
            .set_window_size(width, 1000)
            .await
            .unwrap_or_else(|e| panic!("cannot resize the window: {e}"));
        open(&browser, &server.url()).await;
        let inner: Value = execute(&browser, "return window.innerWidth;", vec![]).await;
        assert_eq!(inner.as_u64(), Some(u64::from(width)), "the viewport");
        for lang in ["en", "ja"] {
            choose(&browser, "language", lang).await;
            // The clear button exists only with inputs.
            execute(
                &browser,
                "const clear = document.querySelector('[data-action=clear]'); if (clear) clear.click();",
                vec![],
            )
            .await;
            wait_for(&browser, "#start-here").await;
            measure(
                &browser,
                &format!("{width}px/{lang}/start-here"),
                &mut found,
            )
            .await;
            for example in EXAMPLES {
                load_example(&browser, example).await;
                click(&browser, "[data-view=diagnosis]").await;
                measure(&browser, &format!("{width}px/{lang}/{example}"), &mut found).await;
            }
            for view in ["checklist", "gather"] {
                click(&browser, &format!("[data-view={view}]")).await;
                measure(&browser, &format!("{width}px/{lang}/{view}"), &mut found).await;
            }
            click(&browser, "[data-view=diagnosis]").await;
        }
    }
    assert!(found.is_empty(), "layout problems:\n{}", found.join("\n"));
    browser.close().await;
}
