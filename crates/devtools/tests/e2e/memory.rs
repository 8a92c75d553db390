//! Journey and measurement: the page's memory over a long session with a large paste.
//!
//! A 100 MB `describe-instances` (a big fleet, the largest output people paste) is pasted and
//! read, then edited and removed, five times over, and last dropped as a 99 MB file after the
//! Remove; then the same with a 100 MB terminal transcript of log lines, in a page of its own. After each step the page's memory is
//! measured after a garbage collection: the WebAssembly memory (which never shrinks: it is the
//! high-water mark of everything the engine and the page held at once) plus the JavaScript heap in
//! use. The memory must stay within 3× the paste, and the WebAssembly memory must not grow
//! after the first read: each text is brought in where the one it replaces was (see
//! `session`). The figures are printed and written to `target/bench/memory.json`.

use std::time::Instant;

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{cdp, click, execute, open, wait_for, wait_until};
use serde_json::{json, Value};

/// The paste's size.
const PASTE_BYTES: usize = 100 << 20;
/// The dropped file's size: a file may hold 100 MiB at most (`LARGEST_FILE`), so 1 MiB less.
const DROP_BYTES: usize = PASTE_BYTES - (1 << 20);
/// Cycles of paste, edit and remove.
const CYCLES: usize = 5;

/// Keeps the page's WebAssembly memory where the measurement can read it: wraps
/// `WebAssembly.instantiate` before the page loads (the page itself exposes nothing).
const CAPTURE_MEMORY: &str = "
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...args) {
  const result = await instantiate.apply(this, args);
  const instance = result.instance ?? result;
  if (instance.exports && instance.exports.memory) window.__pageWasmMemory = instance.exports.memory;
  return result;
};";

/// Pastes the text a builder ([`FLEET`], [`TRANSCRIPT`]: at least `arguments[0]` bytes) makes
/// into the element `arguments[1]`, as a user's paste arrives: the text is built in the page
/// (sending 100 MB through WebDriver would measure WebDriver) and kept nowhere but in the paste
/// event. The builder's code goes in place of `BUILD`.
const PASTE: &str = "
const [size, target, variant] = arguments;
const parts = [];
const length = (() => { BUILD })();
const area = document.querySelector(target);
area.focus();
const data = new DataTransfer();
data.setData('text/plain', parts.join(''));
parts.length = 0;
area.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
return length;";

/// A `describe-instances` output as the AWS CLI prints it: one reservation of a big fleet
/// (~130,000 instances in 100 MB). `variant` is the instance type, so an edit changes the text.
const FLEET: &str = r#"
parts.push('{\n    "Reservations": [\n        {\n            "OwnerId": "123456789012",\n            "Instances": [\n');
let length = parts[0].length;
for (let n = 0; length < size; n++) {
  const id = n.toString(16).padStart(17, '0');
  const part = (n > 0 ? ',\n' : '') + `                {
                    "InstanceId": "i-${id}",
                    "InstanceType": "${variant}",
                    "State": { "Code": 16, "Name": "running" },
                    "IamInstanceProfile": {
                        "Arn": "arn:aws:iam::123456789012:instance-profile/web-${n % 50}",
                        "Id": "AIPAABCDEFGHIJ${String(n).padStart(7, '0')}"
                    },
                    "MetadataOptions": {
                        "State": "applied",
                        "HttpTokens": "required",
                        "HttpPutResponseHopLimit": 2,
                        "HttpEndpoint": "enabled"
                    },
                    "Tags": [ { "Key": "Name", "Value": "web server number ${n} of the fleet" } ]
                }`;
  parts.push(part);
  length += part.length;
}
const tail = '\n            ]\n        }\n    ]\n}\n';
parts.push(tail);
return length + tail.length;"#;

/// A terminal transcript of log lines: a prompt, a command, then cloud-init's log of the
/// instance asking IMDS for a token and credentials (about 1.1 million lines in 100 MB), with
/// botocore's credential error every 10,000 lines. `variant` is the host name.
const TRANSCRIPT: &str = r#"
const head = `[ec2-user@${variant} ~]$ sudo tail -n 2000000 /var/log/cloud-init.log\n`;
parts.push(head);
let length = head.length;
for (let n = 0; length < size; n++) {
  const second = String(n % 60).padStart(2, '0');
  const milli = String(n % 1000).padStart(3, '0');
  const line = n % 10000 === 9999
    ? `2026-11-29 18:00:${second},${milli} - util.py[WARNING]: botocore.exceptions.NoCredentialsError: Unable to locate credentials\n`
    : `2026-11-29 18:00:${second},${milli} - url_helper.py[DEBUG]: [${n % 5}/6] open 'http://169.254.169.254/latest/api/token' with {'url': 'http://169.254.169.254/latest/api/token', 'allow_redirects': True, 'method': 'PUT', 'timeout': 5.0} configuration\n`;
  parts.push(line);
  length += line.length;
}
const prompt = `[ec2-user@${variant} ~]$ \n`;
parts.push(prompt);
return length + prompt.length;"#;

/// Drops a file of the text a builder makes (as [`PASTE`] does, with `arguments[0]` bytes at
/// least) on the page, as a person's drag would land: a real `File` in a `DataTransfer`, carried
/// by a real `DragEvent` to the `.app` element that listens.
const DROP: &str = "
const [size, variant] = arguments;
const parts = [];
const length = (() => { BUILD })();
const data = new DataTransfer();
data.items.add(new File(parts, 'saved-output.txt'));
parts.length = 0;
document.querySelector('.app').dispatchEvent(new DragEvent('drop',
  { dataTransfer: data, bubbles: true, cancelable: true }));
return length;";

/// True once every paste is read and the diagnosis is shown.
const READ_DONE: &str = "return document.querySelectorAll('.paste').length > 0
    && !document.querySelector('[data-reading]')
    && !!document.querySelector('.findings-count');";

/// The page's memory in bytes after a garbage collection: WebAssembly memory and JS heap in use.
async fn page_memory(browser: &Browser) -> (u64, u64) {
    cdp(browser, "HeapProfiler.collectGarbage", json!({})).await;
    let heap = cdp(browser, "Runtime.getHeapUsage", json!({})).await;
    let js = heap["usedSize"].as_f64().unwrap_or(0.0) as u64;
    let wasm = execute(
        browser,
        "return window.__pageWasmMemory ? window.__pageWasmMemory.buffer.byteLength : 0;",
        vec![],
    )
    .await
    .as_u64()
    .unwrap_or(0);
    assert!(wasm > 0, "the page's WebAssembly memory was not captured");
    (wasm, js)
}

fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / f64::from(1u32 << 20)
}

/// One session with `build`'s document: paste, edit (one `variant` changed into the other in
/// the editor's window, then saved), remove, [`CYCLES`] times; then a file of it dropped. Asserts that the page's memory stays
/// within 3× the paste and does not grow after the first read, and returns the figures.
async fn session(document: &str, build: &str, variants: [&str; 2]) -> Value {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    cdp(
        &browser,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": CAPTURE_MEMORY }),
    )
    .await;
    open(&browser, &server.url()).await;
    let paste = PASTE.replace("BUILD", build);
    let (wasm, js) = page_memory(&browser).await;
    let mut steps = vec![json!({ "step": "loaded", "wasm": wasm, "js": js })];
    let mut after_cycle = Vec::new();
    let mut after_read = None;
    let mut largest = 0u64;
    let started = Instant::now();
    for cycle in 1..=CYCLES {
        let pasted = execute(
            &browser,
            &paste,
            vec![json!(PASTE_BYTES), json!("#paste"), json!(variants[0])],
        )
        .await
        .as_u64()
        .unwrap_or(0);
        assert!(pasted >= PASTE_BYTES as u64);
        largest = largest.max(pasted);
        wait_until(&browser, READ_DONE, 300, "the 100 MB paste is read").await;
        let (wasm, js) = page_memory(&browser).await;
        steps.push(json!({ "step": format!("cycle {cycle}: read"), "wasm": wasm, "js": js }));
        after_read.get_or_insert(wasm);

        // Edit: a paste this big is edited a window at a time (the text box holds the part
        // around the cursor; the rest is kept as it is), and saving reads the whole paste again.
        click(&browser, "[data-action=edit]").await;
        wait_for(&browser, ".editor textarea").await;
        let edited = execute(
            &browser,
            "const area = document.querySelector('.editor textarea');
             const before = area.value.length;
             area.value = area.value.replace(arguments[0], arguments[1]);
             area.dispatchEvent(new Event('input', { bubbles: true }));
             return before;",
            vec![json!(variants[0]), json!(variants[1])],
        )
        .await
        .as_u64()
        .unwrap_or(0);
        assert!(
            edited > 0 && edited < PASTE_BYTES as u64,
            "the editor holds a window of the paste, not all of it ({edited} characters)"
        );
        click(&browser, "[data-action=save]").await;
        wait_until(
            &browser,
            &format!("return !document.querySelector('.editor') && (() => {{ {READ_DONE} }})();"),
            300,
            "the edited paste is read",
        )
        .await;
        let (wasm, js) = page_memory(&browser).await;
        steps.push(json!({ "step": format!("cycle {cycle}: edited"), "wasm": wasm, "js": js }));

        click(&browser, "[data-action=remove]").await;
        wait_until(
            &browser,
            "return document.querySelectorAll('.paste').length === 0;",
            60,
            "the paste is removed",
        )
        .await;
        let (wasm, js) = page_memory(&browser).await;
        steps.push(json!({ "step": format!("cycle {cycle}: removed"), "wasm": wasm, "js": js }));
        after_cycle.push(js);
    }
    // Last, a file dropped after the Remove (whose undo keeps the removed text): its bytes too
    // come in where that text was.
    let dropped = execute(
        &browser,
        &DROP.replace("BUILD", build),
        vec![json!(DROP_BYTES), json!(variants[0])],
    )
    .await
    .as_u64()
    .unwrap_or(0);
    assert!(dropped >= DROP_BYTES as u64);
    wait_until(&browser, READ_DONE, 300, "the dropped 99 MB file is read").await;
    let (wasm, js) = page_memory(&browser).await;
    steps.push(json!({ "step": "dropped as a file", "wasm": wasm, "js": js }));
    let elapsed = started.elapsed();

    println!("{document}:");
    for step in &steps {
        let wasm = step["wasm"].as_u64().unwrap_or(0);
        let js = step["js"].as_u64().unwrap_or(0);
        println!(
            "  {:<20} wasm {:>7.1} MB  js {:>6.1} MB  total {:>7.1} MB",
            step["step"].as_str().unwrap_or_default(),
            megabytes(wasm),
            megabytes(js),
            megabytes(wasm + js)
        );
    }
    let peak = steps
        .iter()
        .map(|s| s["wasm"].as_u64().unwrap_or(0) + s["js"].as_u64().unwrap_or(0))
        .max()
        .unwrap_or(0);
    let ratio = peak as f64 / largest.max(1) as f64;
    println!(
        "  peak {:.1} MB for a {:.1} MB paste ({ratio:.2}×), {CYCLES} cycles in {elapsed:?}",
        megabytes(peak),
        megabytes(largest),
    );

    browser.assert_no_console_errors("at the end").await;
    assert!(
        peak <= 3 * largest,
        "the page held {:.1} MB for a {:.1} MB paste: over 3×",
        megabytes(peak),
        megabytes(largest)
    );
    // No growth after the first read. The WebAssembly memory is the high-water mark: an edit's
    // new text and the next paste are brought in only once the text they replace (or the
    // undo keeps) has gone, into the room it left, and the facts read again fit where the
    // last ones were; so it stays to the byte (it grows by 64 KB pages). The JS heap varies
    // a little with the browser's own bookkeeping: 1 MB over the session.
    let first_read = after_read.unwrap_or(0);
    for step in steps.iter().skip(2) {
        let wasm = step["wasm"].as_u64().unwrap_or(0);
        assert!(
            wasm <= first_read,
            "{}: the WebAssembly memory grew to {:.1} MB from {:.1} MB after the first read",
            step["step"].as_str().unwrap_or_default(),
            megabytes(wasm),
            megabytes(first_read)
        );
    }
    let slack = 1 << 20;
    let first = after_cycle.first().copied().unwrap_or(0);
    for (index, js) in after_cycle.iter().enumerate().skip(1) {
        assert!(
            *js <= first + slack,
            "cycle {} ended with {:.1} MB of JS heap, the first with {:.1} MB: the page grows",
            index + 1,
            megabytes(*js),
            megabytes(first)
        );
    }
    browser.close().await;
    json!({
        "paste_bytes": largest,
        "steps": steps,
        "peak_bytes": peak,
        "peak_ratio": ratio,
        "seconds": elapsed.as_secs_f64(),
    })
}

/// Adds one document's figures to `target/bench/memory.json` (one key per document).
fn record(document: &str, figures: Value) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("memory.json");
    let mut all = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    all[document] = figures;
    let _ = std::fs::write(
        &path,
        serde_json::to_string_pretty(&all).unwrap_or_default(),
    );
}

/// Reading the fleet peaks at 2.9× (the text, its facts, ~1.4 KB an instance, and what the
/// allocator cannot hand out again at once), the closest of the two to the bound. The edit
/// lengthens the text (`t3.micro` to `t3.medium`): the new text does not fit the old one's
/// room exactly.
#[tokio::test]
async fn memory_stays_bounded_with_a_100_mb_describe_instances() {
    let figures = session("describe-instances", FLEET, ["t3.micro", "t3.medium"]).await;
    record("describe-instances", figures);
}

#[tokio::test]
async fn memory_stays_bounded_with_a_100_mb_transcript() {
    let figures = session("transcript", TRANSCRIPT, ["ip-10-0-0-1", "ip-10-0-0-2"]).await;
    record("transcript", figures);
}
