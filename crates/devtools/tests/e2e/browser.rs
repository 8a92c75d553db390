//! The harness of the end-to-end tests: the built `dist/` on a free port of 127.0.0.1, a
//! ChromeDriver of its own, and a headless Chromium session that records the console.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use ec2_iam_doctor_devtools::server::StaticServer;
use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub fn dist_dir() -> PathBuf {
    let dist = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../dist");
    assert!(
        dist.join("index.html").is_file(),
        "{} has no index.html: run `make dist` first (make test does)",
        dist.display()
    );
    dist
}

fn free_port() -> u16 {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or_else(|e| panic!("no free port on 127.0.0.1: {e}"))
}

/// A ChromeDriver process, killed when dropped.
pub struct ChromeDriver {
    child: Child,
    pub port: u16,
}

impl ChromeDriver {
    pub fn start() -> Self {
        let binary =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let port = free_port();
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {binary}: {e} (make test installs it)"));
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "chromedriver did not listen on port {port}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self { child, port }
    }
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A browser with its driver and a fresh profile; all three go away when dropped.
pub struct Browser {
    pub client: Client,
    _driver: ChromeDriver,
    _profile: TempDir,
}

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("{label}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)
            .unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    pub async fn start() -> Self {
        Self::start_with(None).await
    }

    /// A browser set to the language `tags`: one BCP 47 tag (`ja`, `en-US`) or several, most
    /// preferred first (`fr,ja`). The first is the UI language (`--lang`); all of them, then
    /// English if they have none, are the languages it asks pages in (`--accept-lang` and the
    /// `intl.accept_languages` preference: `navigator.languages`).
    #[allow(dead_code)]
    pub async fn start_with_language(tags: &str) -> Self {
        Self::start_with(Some(tags)).await
    }

    async fn start_with(language: Option<&str>) -> Self {
        let driver = ChromeDriver::start();
        let profile = TempDir::new("ec2-iam-doctor-chromium");
        let mut options = json!({
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                format!("--user-data-dir={}", profile.0.display()),
            ],
        });
        if let Some(tags) = language {
            let first = tags.split(',').next().unwrap_or(tags);
            let accept = if tags.split(',').any(|tag| tag.starts_with("en")) {
                tags.to_owned()
            } else {
                format!("{tags},en")
            };
            if let Some(args) = options["args"].as_array_mut() {
                args.push(json!(format!("--lang={first}")));
                args.push(json!(format!("--accept-lang={accept}")));
            }
            options["prefs"] = json!({ "intl.accept_languages": accept });
        }
        if std::path::Path::new("/usr/bin/chromium").is_file() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), json!("chrome"));
        caps.insert("goog:chromeOptions".into(), options);
        caps.insert("goog:loggingPrefs".into(), json!({ "browser": "ALL" }));
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", driver.port))
            .await
            .unwrap_or_else(|e| panic!("cannot start a Chromium session: {e}"));
        Self {
            client,
            _driver: driver,
            _profile: profile,
        }
    }

    /// Everything the page wrote to the console since the last call (ChromeDriver's log endpoint).
    pub async fn console(&self) -> Vec<ConsoleEntry> {
        let value = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .unwrap_or_else(|e| panic!("cannot read the browser console: {e}"));
        value
            .as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| ConsoleEntry {
                        level: e["level"].as_str().unwrap_or_default().to_owned(),
                        message: e["message"].as_str().unwrap_or_default().to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Fails the test if the page logged an error since the last read of the console (a
    /// Content-Security-Policy violation is one too); `when` says at which step.
    pub async fn assert_no_console_errors(&self, when: &str) {
        let errors: Vec<_> = self.console().await.into_iter().filter(is_error).collect();
        assert!(errors.is_empty(), "console errors {when}: {errors:#?}");
    }

    /// Waits for an element to appear and returns its text.
    pub async fn text_of(&self, css: &str) -> String {
        let element = self
            .client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}` never appeared: {e}"));
        element
            .text()
            .await
            .unwrap_or_else(|e| panic!("cannot read the text of `{css}`: {e}"))
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

#[derive(Debug)]
pub struct ConsoleEntry {
    pub level: String,
    pub message: String,
}

#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/se/log",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": "browser" }).to_string()),
        )
    }
}

/// The page served from `dist/` under `prefix`.
pub fn serve(prefix: &str) -> StaticServer {
    StaticServer::start(&dist_dir(), 0, prefix)
        .unwrap_or_else(|e| panic!("cannot serve dist/: {e}"))
}

#[allow(dead_code)]
pub fn is_error(entry: &ConsoleEntry) -> bool {
    entry.level == "SEVERE"
}

#[allow(dead_code)]
pub fn as_value(entries: &[ConsoleEntry]) -> Value {
    Value::Array(
        entries
            .iter()
            .map(|e| json!({ "level": e.level, "message": e.message }))
            .collect(),
    )
}
