//! Journey and benchmark: times measured in Chromium on the built `dist/`, printed and written
//! to `target/bench/page.json`:
//! - page load to the first interactive render (the app's `ec2-iam-doctor:interactive` mark);
//! - paste to findings on screen, for the fourth input of a four-input case (the case is
//!   diagnosed again) and for a 20 MB `describe-instances`, with the longest task of the page
//!   while it reads (the page must stay responsive) and the progress its card showed;
//! - editing a 5 MB `describe-instances`: the longest task of the page while the editor opens,
//!   and from Save until the findings are back (issue 15: never more than 100 ms at a time);
//! - the bundle's transfer size (gzip -9 of every file in `dist/`).
//!
//! Goals: 300 ms, 16 ms, 1 s (issue 6); the bundle's budget is issue 12's 400 KiB, which the
//! bundle exceeds until that issue's author decides: `dist.rs` asserts the interim gate (480 KiB)
//! and the report gives both. The asserts here are loose limits that catch a
//! regression without failing on a slow machine; the figures are the report.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{execute, open};
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

const FOUR_INPUTS: [&str; 4] = [
    fixture!("imds-iam-info/aws-sdk-go-v1-test-success.json"),
    fixture!("iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json"),
    fixture!(
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json"
    ),
    fixture!(
        "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json"
    ),
];

/// Pastes `text` and resolves with the milliseconds until the findings count shown changes
/// (the render after the diagnosis), measured inside the page.
const TIMED_PASTE: &str = r#"
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const count = () => document.querySelector('.findings-count')?.textContent ?? '';
const inputs = () => document.querySelectorAll('.paste').length;
const before = inputs();
const area = document.getElementById('paste');
const data = new DataTransfer();
data.setData('text/plain', text);
const start = performance.now();
area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
const wait = () => {
  if (inputs() > before && document.querySelector('.findings-count')) {
    done({ ms: performance.now() - start, findings: document.querySelectorAll('[data-finding-id]').length, count: count() });
  } else {
    setTimeout(wait, 0);
  }
};
wait();
"#;

/// The 20 MB paste: like [`TIMED_PASTE`], and also the page's long tasks meanwhile (the
/// `longtask` entries, over 50 ms each) and every progress value its card showed: the page must
/// stay responsive while it reads.
const TIMED_BIG_PASTE: &str = r#"
const [text, done] = [arguments[0], arguments[arguments.length - 1]];
const area = document.getElementById('paste');
const data = new DataTransfer();
data.setData('text/plain', text);
const long = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) long.push({ start: entry.startTime, ms: entry.duration });
});
observer.observe({ type: 'longtask' });
// Every value the progress bar shows, as the page renders it (not sampled between tasks).
const progress = [];
const record = () => {
  const bar = document.querySelector('[data-reading]');
  if (bar && progress[progress.length - 1] !== bar.dataset.reading) progress.push(bar.dataset.reading);
};
const bars = new MutationObserver(record);
bars.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-reading'] });
const start = performance.now();
area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
const pasted = performance.now();
const wait = () => {
  record();
  if (document.querySelector('.paste') && document.querySelector('.findings-count')) {
    const ms = performance.now() - start;
    // Long tasks are reported after they end: wait a moment for the last ones.
    setTimeout(() => {
      observer.disconnect();
      bars.disconnect();
      const during = long.filter((task) => task.start >= pasted - 1);
      done({
        ms,
        paste_event_ms: pasted - start,
        longest_task_ms: Math.max(0, ...during.map((task) => task.ms)),
        long_tasks: during.length,
        progress,
        findings: document.querySelectorAll('[data-finding-id]').length,
      });
    }, 200);
  } else {
    setTimeout(wait, 0);
  }
};
wait();
"#;

/// Edits the (only) paste: opens the editor, changes its first profile name, saves, and
/// resolves once the findings are back, with the page's long tasks while the editor opened and
/// from Save to the findings.
const TIMED_EDIT: &str = r#"
const done = arguments[arguments.length - 1];
const long = [];
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) long.push({ start: entry.startTime, ms: entry.duration });
});
observer.observe({ type: 'longtask' });
const longest = (from, to) => Math.max(0, ...long.filter((t) => t.start >= from - 1 && t.start < to).map((t) => t.ms));
const opened = performance.now();
document.querySelector('[data-action=edit]').click();
const whenOpen = () => {
  const area = document.querySelector('.editor textarea');
  if (!area) { setTimeout(whenOpen, 0); return; }
  // A frame for the editor to be laid out, then a moment for the long task to be reported.
  requestAnimationFrame(() => setTimeout(() => {
    const saved = performance.now();
    area.value = area.value.replace('instance-profile/web-0"', 'instance-profile/edited-0"');
    document.querySelector('[data-action=save]').click();
    const back = () => {
      if (!document.querySelector('.editor') && !document.querySelector('[data-reading]') && document.querySelector('.findings-count')) {
        const ms = performance.now() - saved;
        setTimeout(() => {
          observer.disconnect();
          done({
            open_longest_task_ms: longest(opened, saved),
            save_to_findings_ms: ms,
            save_longest_task_ms: longest(saved, Infinity),
            editor_chars: area.value.length,
          });
        }, 200);
      } else {
        setTimeout(back, 0);
      }
    };
    back();
  }, 100));
};
whenOpen();
"#;

fn bundle_gzip() -> (usize, usize) {
    let dist = browser::dist_dir();
    let mut raw = 0;
    let mut gzip = 0;
    for entry in std::fs::read_dir(&dist)
        .unwrap_or_else(|e| panic!("cannot list dist/: {e}"))
        .flatten()
    {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        raw += bytes.len();
        gzip += ec2_iam_doctor_devtools::bundle::gzip_len(&bytes);
    }
    (raw, gzip)
}

#[tokio::test]
async fn page_benchmark() {
    let server = browser::serve("/");
    let browser = Browser::start().await;

    // Load: median of five loads.
    let mut loads = Vec::new();
    for _ in 0..5 {
        open(&browser, &server.url()).await;
        let ms = execute(
            &browser,
            "return performance.getEntriesByName('ec2-iam-doctor:interactive')[0]?.startTime ?? null;",
            vec![],
        )
        .await;
        loads.push(
            ms.as_f64()
                .unwrap_or_else(|| panic!("no interactive mark: {ms}")),
        );
    }
    loads.sort_by(f64::total_cmp);
    let load = loads[loads.len() / 2];

    // Four inputs: time the fourth paste (only it is read; the whole case is diagnosed again). Median of five.
    let mut fourth = Vec::new();
    for _ in 0..5 {
        execute(
            &browser,
            "document.querySelector('[data-action=clear]')?.click();",
            vec![],
        )
        .await;
        let mut last = Value::Null;
        for text in FOUR_INPUTS {
            last = browser
                .client
                .execute_async(TIMED_PASTE, vec![json!(text)])
                .await
                .unwrap_or_else(|e| panic!("timed paste failed: {e}"));
        }
        assert!(
            last["findings"].as_u64().unwrap_or(0) > 0,
            "no finding for the four inputs: {last}"
        );
        fourth.push(last["ms"].as_f64().unwrap_or(f64::MAX));
    }
    fourth.sort_by(f64::total_cmp);
    let four = fourth[fourth.len() / 2];

    // Editing a 5 MB describe-instances.
    execute(
        &browser,
        "document.querySelector('[data-action=clear]')?.click();",
        vec![],
    )
    .await;
    let five = fixtures::fleet(5 * 1024 * 1024);
    browser
        .client
        .execute_async(TIMED_BIG_PASTE, vec![json!(five)])
        .await
        .unwrap_or_else(|e| panic!("timed 5 MB paste failed: {e}"));
    let edit = browser
        .client
        .execute_async(TIMED_EDIT, vec![])
        .await
        .unwrap_or_else(|e| panic!("timed 5 MB edit failed: {e}"));
    let edited = execute(
        &browser,
        "return document.querySelector('.input-view').textContent.includes('instance-profile/edited-0');",
        vec![],
    )
    .await;
    assert_eq!(edited, json!(true), "the edit of the 5 MB paste is kept");
    let edit_open = edit["open_longest_task_ms"].as_f64().unwrap_or(f64::MAX);
    let edit_save = edit["save_longest_task_ms"].as_f64().unwrap_or(f64::MAX);

    // 20 MB describe-instances, pasted alone.
    execute(
        &browser,
        "document.querySelector('[data-action=clear]')?.click();",
        vec![],
    )
    .await;
    let big = fixtures::fleet(20 * 1024 * 1024);
    let big_result = browser
        .client
        .execute_async(TIMED_BIG_PASTE, vec![json!(big)])
        .await
        .unwrap_or_else(|e| panic!("timed 20 MB paste failed: {e}"));
    let kinds = execute(
        &browser,
        "return [...document.querySelectorAll('[data-input-kind]')].map(e => e.dataset.inputKind);",
        vec![],
    )
    .await;
    assert_eq!(
        kinds,
        json!(["describe-instances"]),
        "the 20 MB paste is read as describe-instances"
    );
    let twenty = big_result["ms"].as_f64().unwrap_or(f64::MAX);
    let longest = big_result["longest_task_ms"].as_f64().unwrap_or(f64::MAX);
    let progress = big_result["progress"].as_array().map_or(0, Vec::len);

    let (raw, gzip) = bundle_gzip();
    let report = json!({
        "load_to_interactive_ms": { "median_of_5": load, "all": loads, "goal": 300 },
        "paste_to_findings_4_inputs_ms": { "median_of_5": four, "all": fourth, "goal": 16 },
        "paste_to_findings_20mb_describe_instances_ms": { "value": twenty, "bytes": big.len(), "goal": 1000 },
        "while_reading_20mb": {
            "paste_event_ms": big_result["paste_event_ms"],
            "longest_task_ms": longest,
            "long_tasks_over_50ms": big_result["long_tasks"],
            "progress_shown": big_result["progress"],
        },
        "edit_5mb_describe_instances": {
            "bytes": five.len(),
            "open_longest_task_ms": edit_open,
            "save_to_findings_ms": edit["save_to_findings_ms"],
            "save_longest_task_ms": edit_save,
            "editor_chars": edit["editor_chars"],
            "goal_longest_task_ms": 100,
        },
        "bundle": {
            "raw_bytes": raw,
            "gzip_bytes": gzip,
            "budget_gzip_bytes": 400 * 1024,
            "interim_gate_gzip_bytes": 480 * 1024,
        },
    });
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    std::fs::create_dir_all(&dir)
        .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let pretty = serde_json::to_string_pretty(&report).unwrap_or_default();
    std::fs::write(dir.join("page.json"), &pretty)
        .unwrap_or_else(|e| panic!("cannot write page.json: {e}"));
    eprintln!("page benchmark:\n{pretty}");

    assert!(load < 3000.0, "load to interactive took {load} ms");
    assert!(four < 500.0, "paste to findings (4 inputs) took {four} ms");
    assert!(
        twenty < 30_000.0,
        "paste to findings (20 MB) took {twenty} ms"
    );
    // Responsive while reading: the card was drawn in its reading state before the findings
    // (how many steps its bar shows depends on the machine's speed), and no task of the page
    // comes near the half second the whole reading used to block (loose: slow machines).
    assert!(
        progress >= 1,
        "no reading state shown: {}",
        big_result["progress"]
    );
    assert!(
        longest < 400.0,
        "a task of {longest} ms while reading 20 MB"
    );
    // Editing a big paste: the editor holds a window of it, and neither opening it nor the
    // reading after Save comes near blocking the page as the whole text in a text area did
    // (seconds); loose for slow machines like the others, the figures are the report.
    assert!(
        edit_open < 400.0,
        "a task of {edit_open} ms while the editor of 5 MB opened"
    );
    assert!(
        edit_save < 400.0,
        "a task of {edit_save} ms after saving 5 MB"
    );
    browser.assert_no_console_errors("at the end").await;
    browser.close().await;
}
