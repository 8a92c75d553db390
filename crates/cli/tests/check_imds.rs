//! `check` against a fake IMDS on 127.0.0.1, one scripted behaviour per situation of the issue:
//! each ends in the right finding and exit status, and no credential value appears in what is
//! printed or saved. A fake HTTP proxy answers as Squid does when a proxy is in the way.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Output;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;

/// Values that must never be printed or saved.
const TOKEN: &str = "AQAEAFakeImdsTokenForTheTestSuite00000000000000000000000000==";
const ACCESS_KEY_ID: &str = "ASIAZ7TESTKEYID12345";
const SECRET_KEY: &str = "t3stS3cr3tK3yV4lu3ForCheckN0tReal0123456";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEFakeSessionTokenForCheckTests0123456789abcdef";
const ENV_SECRET: &str = "eNvS3cr3tK3yV4lu3ForCheckN0tReal01234567";

/// One request as the fake server saw it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    /// The request target as written: a path, or an absolute URL through a proxy.
    target: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn path(&self) -> &str {
        match self.target.split_once("://") {
            Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or("/"),
            None => &self.target,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
}

enum Answer {
    Reply(Reply),
    /// Accept the connection and never answer (a token answer lost past the hop limit).
    Silent,
}

type Script = Arc<dyn Fn(&Seen) -> Answer + Send + Sync>;

struct Server {
    port: u16,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn seen(&self) -> Vec<Seen> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// An HTTP date (IMF-fixdate) `offset` seconds from now.
fn http_date(offset: i64) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
        + offset;
    let days = now.div_euclid(86_400);
    let rest = now.rem_euclid(86_400);
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    let name = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ][(month - 1) as usize];
    format!(
        "{weekday}, {day:02} {name} {year} {:02}:{:02}:{:02} GMT",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn handle(stream: TcpStream, script: &Script, log: &Mutex<Vec<Seen>>, date_offset: i64) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(mut writer) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let mut words = line.split_whitespace();
    let method = words.next().unwrap_or_default().to_owned();
    let target = words.next().unwrap_or_default().to_owned();
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).unwrap_or(0) == 0 || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_owned(), value.trim().to_owned()));
        }
    }
    let seen = Seen {
        method,
        target,
        headers,
    };
    if let Ok(mut log) = log.lock() {
        log.push(seen.clone());
    }
    match script(&seen) {
        Answer::Silent => std::thread::sleep(Duration::from_secs(3)),
        Answer::Reply(reply) => {
            let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
            for (name, value) in &reply.headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Date: {}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                http_date(date_offset),
                reply.body.len()
            ));
            let _ = writer.write_all(head.as_bytes());
            let _ = writer.write_all(reply.body.as_bytes());
        }
    }
}

fn serve(script: Script, date_offset: i64) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = listener.local_addr().expect("its address").port();
    let log = Arc::new(Mutex::new(Vec::new()));
    let thread_log = Arc::clone(&log);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let script = Arc::clone(&script);
            let log = Arc::clone(&thread_log);
            std::thread::spawn(move || handle(stream, &script, &log, date_offset));
        }
    });
    Server { port, log }
}

/// How the fake IMDS behaves.
#[derive(Clone)]
enum Token {
    Granted,
    Status(u16),
    Silent,
}

#[derive(Clone)]
struct Imds {
    token: Token,
    /// `HttpTokens: required`: a GET without the token gets IMDS's 401 page.
    tokens_required: bool,
    /// Every answer has this status (403: endpoint disabled; 429: throttled).
    everything: Option<u16>,
    /// (path, body); other paths get IMDS's 404 page.
    documents: Vec<(&'static str, String)>,
    /// Seconds IMDS's clock (its `Date`) is from ours.
    date_offset: i64,
}

fn page(status: u16) -> String {
    match status {
        404 => fixtures::read("imds-security-credentials-listing/smithy-rs-recorded-no-role-404-body.html"),
        401 => fixtures::read("imds-token-and-http/aemm-readme-imdsv1-request-401-unauthorized.html"),
        // IMDS's status pages all have this shape (`<title>STATUS - REASON</title>`).
        _ => format!(
            "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\"\n\t\"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\" xml:lang=\"en\" lang=\"en\">\n <head>\n  <title>{status} - {}</title>\n </head>\n <body>\n  <h1>{status} - {}</h1>\n </body>\n</html>\n",
            reason(status),
            reason(status)
        ),
    }
}

fn expires_in_hours(hours: i64) -> String {
    let date = http_date(hours * 3600);
    // `Thu, 03 Dec 2026 19:40:00 GMT` → `2026-12-03T19:40:00Z`
    let words: Vec<&str> = date.split_whitespace().collect();
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| Some(m) == words.get(2))
    .map_or(1, |i| i + 1);
    format!(
        "{}-{month:02}-{}T{}Z",
        words.get(3).unwrap_or(&""),
        words.get(1).unwrap_or(&""),
        words.get(4).unwrap_or(&"")
    )
}

/// The role's credentials document: the real IMDS shape (`ec2-user-guide-success-s3access.json`)
/// with test values that must never be shown, valid for six hours.
fn credentials_document() -> String {
    format!(
        "{{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-03T10:00:00Z\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"{ACCESS_KEY_ID}\",\n  \"SecretAccessKey\" : \"{SECRET_KEY}\",\n  \"Token\" : \"{SESSION_TOKEN}\",\n  \"Expiration\" : \"{}\"\n}}",
        expires_in_hours(6)
    )
}

fn iam_info() -> String {
    fixtures::read("imds-iam-info/aws-sdk-go-v1-test-success.json")
}

/// A healthy instance with role `web-role`.
fn healthy() -> Imds {
    Imds {
        token: Token::Granted,
        tokens_required: true,
        everything: None,
        documents: vec![
            (
                "/latest/meta-data/instance-id",
                "i-0123456789abcdef0".to_owned(),
            ),
            ("/latest/meta-data/iam/info", iam_info()),
            (
                "/latest/meta-data/iam/security-credentials/",
                "web-role".to_owned(),
            ),
            (
                "/latest/meta-data/iam/security-credentials/web-role",
                credentials_document(),
            ),
        ],
        date_offset: 0,
    }
}

fn start(imds: Imds) -> Server {
    let offset = imds.date_offset;
    let script: Script = Arc::new(move |seen: &Seen| {
        let reply = |status: u16, body: String| {
            Answer::Reply(Reply {
                status,
                headers: vec![
                    ("Server", "EC2ws".to_owned()),
                    ("Content-Type", "text/plain".to_owned()),
                ],
                body,
            })
        };
        if let Some(status) = imds.everything {
            return reply(status, page(status));
        }
        if seen.method == "PUT" && seen.path() == "/latest/api/token" {
            return match imds.token {
                Token::Silent => Answer::Silent,
                Token::Status(status) => reply(status, page(status)),
                Token::Granted
                    if seen
                        .header("X-aws-ec2-metadata-token-ttl-seconds")
                        .is_some() =>
                {
                    Answer::Reply(Reply {
                        status: 200,
                        headers: vec![
                            ("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600".to_owned()),
                            ("Server", "EC2ws".to_owned()),
                        ],
                        body: TOKEN.to_owned(),
                    })
                }
                Token::Granted => reply(400, page(400)),
            };
        }
        let has_token = seen.header("X-aws-ec2-metadata-token") == Some(TOKEN);
        if imds.tokens_required && !has_token {
            return reply(401, page(401));
        }
        match imds.documents.iter().find(|(path, _)| *path == seen.path()) {
            Some((_, body)) => reply(200, body.clone()),
            None => reply(404, page(404)),
        }
    });
    serve(script, offset)
}

/// A proxy answering every request with Squid's access-denied page.
fn squid() -> Server {
    let script: Script = Arc::new(|_: &Seen| {
        Answer::Reply(Reply {
            status: 403,
            headers: vec![
                ("Server", "squid/5.7".to_owned()),
                ("Mime-Version", "1.0".to_owned()),
                ("Content-Type", "text/html;charset=utf-8".to_owned()),
                ("X-Squid-Error", "ERR_ACCESS_DENIED 0".to_owned()),
                ("Via", "1.1 proxy (squid/5.7)".to_owned()),
            ],
            body: "<!DOCTYPE html>\n<html><head><title>ERROR: The requested URL could not be retrieved</title></head>\n<body><h1>ERROR</h1><h2>The requested URL could not be retrieved</h2>\n<p>Access control configuration prevents your request from being allowed at this time.</p>\n<p>Generated by proxy (squid/5.7)</p></body></html>\n".to_owned(),
        })
    });
    serve(script, 0)
}

struct Checked {
    output: Output,
    saved: String,
    json: serde_json::Value,
}

impl Checked {
    fn ids(&self) -> Vec<String> {
        finding_ids(&self.json)
    }

    fn checked(&self) -> Vec<String> {
        self.json["checked"]
            .as_array()
            .map(|all| {
                all.iter()
                    .filter_map(|c| c["id"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn code(&self) -> Option<i32> {
        code(&self.output)
    }

    fn has(&self, id: &str) -> bool {
        self.ids().iter().any(|found| found == id)
    }

    /// No secret value anywhere: not on screen (JSON, and the text format), not in the file.
    fn assert_no_secret(&self, endpoint: &str, env: &[(&str, &str)]) {
        let text = run_check(endpoint, env, "text");
        for secret in [TOKEN, ACCESS_KEY_ID, SECRET_KEY, SESSION_TOKEN, ENV_SECRET] {
            for (place, content) in [
                ("json", stdout(&self.output)),
                ("text", stdout(&text.output)),
                ("saved", self.saved.clone()),
            ] {
                assert!(
                    !content.contains(secret),
                    "{secret} in the {place} output:\n{content}"
                );
            }
        }
    }
}

fn run_check(endpoint: &str, env: &[(&str, &str)], format: &str) -> Checked {
    let dir = temp_dir("check");
    let save = dir.join("case-instance.txt");
    let save_arg = save.to_string_lossy().into_owned();
    let mut command = std::process::Command::new(BIN);
    command
        .env_clear()
        .env("HOME", &dir)
        .envs(env.iter().copied())
        .args([
            "check",
            "--imds-endpoint",
            endpoint,
            "--timeout",
            "0.5",
            "--format",
            format,
            "--save",
            &save_arg,
        ]);
    let output = command.output().expect("the binary runs");
    let saved = std::fs::read_to_string(&save).unwrap_or_default();
    let json = if format == "json" {
        serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|e| panic!("JSON ({e}): {}\n{}", stdout(&output), stderr(&output)))
    } else {
        serde_json::Value::Null
    };
    Checked {
        output,
        saved,
        json,
    }
}

fn check(server: &Server, env: &[(&str, &str)]) -> Checked {
    let checked = run_check(&server.url(), env, "json");
    checked.assert_no_secret(&server.url(), env);
    checked
}

#[test]
fn healthy_instance() {
    let imds = start(healthy());
    let checked = check(&imds, &[]);
    assert_eq!(
        checked.code(),
        Some(0),
        "{:?}\n{}",
        checked.ids(),
        checked.saved
    );
    assert!(
        checked.ids().iter().all(|id| id == "secrets-in-input"),
        "{:?}",
        checked.ids()
    );
    for id in ["imds-unreachable", "imds-via-proxy", "clock-skew"] {
        assert!(
            checked.checked().iter().any(|c| c == id),
            "{id} not checked: {:?}",
            checked.checked()
        );
    }
    // As the SDKs: the token first, and every GET with it.
    let seen = imds.seen();
    assert_eq!(
        seen.first().map(|s| (s.method.as_str(), s.path())),
        Some(("PUT", "/latest/api/token"))
    );
    assert!(seen
        .iter()
        .filter(|s| s.method == "GET")
        .all(|s| s.header("X-aws-ec2-metadata-token") == Some(TOKEN)));
    assert!(seen
        .iter()
        .any(|s| s.path() == "/latest/meta-data/iam/security-credentials/web-role"));
    // The saved transcript reads back to the same diagnosis.
    assert!(
        checked
            .saved
            .contains("\"AccessKeyId\" : \"ASIA<redacted>\""),
        "{}",
        checked.saved
    );
    assert!(checked
        .saved
        .contains("$ curl -sS --max-time 0.5 -i -X PUT"));
}

#[test]
fn no_instance_profile() {
    let mut imds = healthy();
    imds.documents.retain(|(path, _)| !path.contains("/iam/"));
    let checked = check(&start(imds), &[]);
    assert!(
        checked.has("no-instance-profile-associated"),
        "{:?}",
        checked.ids()
    );
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn tokens_required_and_the_token_put_refused() {
    // A proxy or firewall refuses PUT (405): the client falls back to IMDSv1, which gets 401.
    let mut imds = healthy();
    imds.token = Token::Status(405);
    let server = start(imds);
    let checked = check(&server, &[]);
    assert!(checked.has("imdsv2-token-required"), "{:?}", checked.ids());
    assert_eq!(checked.code(), Some(1));
    assert!(server
        .seen()
        .iter()
        .filter(|s| s.method == "GET")
        .all(|s| s.header("X-aws-ec2-metadata-token").is_none()));
}

#[test]
fn endpoint_disabled() {
    let mut imds = healthy();
    imds.everything = Some(403);
    let checked = check(&start(imds), &[]);
    assert!(checked.has("imds-endpoint-disabled"), "{:?}", checked.ids());
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn token_answer_lost_from_a_container() {
    let mut imds = healthy();
    imds.token = Token::Silent;
    let checked = check(&start(imds), &[]);
    assert!(checked.has("imds-hop-limit"), "{:?}", checked.ids());
    assert!(checked.has("imdsv2-token-required"), "{:?}", checked.ids());
    assert!(
        checked.saved.contains("curl: (28) Operation timed out"),
        "{}",
        checked.saved
    );
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn instance_profile_deleted() {
    let mut imds = healthy();
    imds.documents = vec![
        ("/latest/meta-data/instance-id", "i-0123456789abcdef0".to_owned()),
        (
            "/latest/meta-data/iam/info",
            "{\n  \"Code\" : \"InstanceProfileNotFound\",\n  \"Message\" : \"Instance Profile with id AIPAABCDEFGHIJKLMN123 not found. Please verify that the Instance Profile exists and that the EC2 Instance is associated with it.\",\n  \"LastUpdated\" : \"2026-12-03T10:00:00Z\"\n}".to_owned(),
        ),
    ];
    let checked = check(&start(imds), &[]);
    assert!(
        checked.has("instance-profile-deleted"),
        "{:?}",
        checked.ids()
    );
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn instance_profile_recreated() {
    // The instance still holds the old profile's id; IAM has a new profile of the same name.
    let checked = check(&start(healthy()), &[]);
    let profile = "{\n    \"InstanceProfile\": {\n        \"Path\": \"/\",\n        \"InstanceProfileName\": \"my-instance-profile\",\n        \"InstanceProfileId\": \"AIPANEWPROFILEID12345\",\n        \"Arn\": \"arn:aws:iam::123456789012:instance-profile/my-instance-profile\",\n        \"CreateDate\": \"2026-12-03T09:00:00+00:00\",\n        \"Roles\": []\n    }\n}\n";
    let dir = temp_dir("recreated");
    let saved = dir.join("case-instance.txt");
    let iam = dir.join("profile.json");
    std::fs::write(&saved, &checked.saved).expect("saved");
    std::fs::write(&iam, profile).expect("profile");
    let output = run(&[
        "diagnose",
        "--format",
        "json",
        &saved.to_string_lossy(),
        &iam.to_string_lossy(),
    ]);
    let ids = finding_ids(&json(&output));
    assert!(
        ids.iter().any(|id| id == "instance-profile-recreated"),
        "{ids:?}"
    );
    assert_eq!(code(&output), Some(1));
}

#[test]
fn role_without_a_listing() {
    // IMDS for a profile that holds no role: iam/info says so, the listing is a 404.
    let mut imds = healthy();
    imds.documents.retain(|(path, _)| !path.contains("/iam/"));
    imds.documents.push((
        "/latest/meta-data/iam/info",
        fixtures::read(
            "imds-iam-info/CONSTRUCTED-success-with-message-instance-profile-does-not-contain-a-role.json",
        ),
    ));
    let checked = check(&start(imds), &[]);
    assert!(checked.has("instance-profile-empty"), "{:?}", checked.ids());
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn throttled() {
    for status in [429, 503] {
        let mut imds = healthy();
        imds.everything = Some(status);
        let checked = check(&start(imds), &[]);
        assert!(
            checked.has("imds-throttled"),
            "{status}: {:?}",
            checked.ids()
        );
        // A warning: throttling passes; the exit status is not an error's.
        assert_eq!(checked.code(), Some(0), "{status}: {:?}", checked.ids());
    }
}

#[test]
fn proxy_answers_instead_of_imds() {
    let imds = start(healthy());
    let proxy = squid();
    let proxy_url = proxy.url();
    let checked = check(
        &imds,
        &[
            ("HTTP_PROXY", proxy_url.as_str()),
            ("NO_PROXY", "localhost,.corp.example"),
        ],
    );
    assert!(checked.has("imds-via-proxy"), "{:?}", checked.ids());
    assert_eq!(checked.code(), Some(1));
    // As the SDKs send it: the whole URL to the proxy, nothing to IMDS.
    let seen = proxy.seen();
    assert!(!seen.is_empty());
    let expected = format!("{}/latest/api/token", imds.url());
    assert_eq!(
        seen.first().map(|s| s.target.as_str()),
        Some(expected.as_str())
    );
    assert!(imds.seen().is_empty());
}

#[test]
fn no_proxy_set_right() {
    let imds = start(healthy());
    let proxy = squid();
    let proxy_url = proxy.url();
    let checked = check(
        &imds,
        &[
            ("http_proxy", proxy_url.as_str()),
            ("no_proxy", "localhost,127.0.0.1,169.254.169.254"),
        ],
    );
    assert!(!checked.has("imds-via-proxy"), "{:?}", checked.ids());
    assert!(checked.checked().iter().any(|c| c == "imds-via-proxy"));
    assert_eq!(checked.code(), Some(0), "{:?}", checked.ids());
    assert!(proxy.seen().is_empty());
}

#[test]
fn metadata_disabled_in_the_client() {
    let checked = check(&start(healthy()), &[("AWS_EC2_METADATA_DISABLED", "true")]);
    assert!(
        checked.has("imds-disabled-by-client"),
        "{:?}",
        checked.ids()
    );
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn keys_in_the_environment() {
    let checked = check(
        &start(healthy()),
        &[
            ("AWS_ACCESS_KEY_ID", "AKIAZ7ENVKEYID123456"),
            ("AWS_SECRET_ACCESS_KEY", ENV_SECRET),
        ],
    );
    assert!(
        checked.has("credentials-from-other-source"),
        "{:?}",
        checked.ids()
    );
    // A warning: the calls work, with other credentials than the role's.
    assert_eq!(checked.code(), Some(0), "{:?}", checked.ids());
    assert!(!checked.saved.contains("AKIAZ7ENVKEYID123456"));
    assert!(
        checked.saved.contains("AWS_ACCESS_KEY_ID=AKIA<redacted>"),
        "{}",
        checked.saved
    );
}

#[test]
fn clock_ten_minutes_off() {
    let mut imds = healthy();
    imds.date_offset = -600;
    let checked = check(&start(imds), &[]);
    assert!(checked.has("clock-skew"), "{:?}", checked.ids());
    assert_eq!(checked.code(), Some(1));
}

#[test]
fn bad_endpoint_and_timeout_are_usage_errors() {
    let output = run(&["check", "--imds-endpoint", "https://169.254.169.254"]);
    assert_eq!(code(&output), Some(2), "{}", stderr(&output));
    let output = run(&["check", "--timeout", "0"]);
    assert_eq!(code(&output), Some(2), "{}", stderr(&output));
}

#[test]
fn a_fleets_reports_are_grouped_by_diagnose() {
    let with_id = |mut imds: Imds, id: &str| {
        imds.documents
            .retain(|(path, _)| *path != "/latest/meta-data/instance-id");
        imds.documents
            .push(("/latest/meta-data/instance-id", id.to_owned()));
        imds
    };
    // The token's answer lost, IMDSv1 still allowed: the fallback reads the instance id.
    let mut lost = healthy();
    lost.token = Token::Silent;
    lost.tokens_required = false;
    let mut no_profile = healthy();
    no_profile
        .documents
        .retain(|(path, _)| !path.contains("/iam/"));
    let fleet = [
        with_id(healthy(), "i-0aaaaaaaaaaaaaaa1"),
        with_id(lost.clone(), "i-0bbbbbbbbbbbbbbb2"),
        with_id(lost, "i-0ccccccccccccccc3"),
        with_id(no_profile, "i-0ddddddddddddddd4"),
    ];
    let dir = temp_dir("fleet");
    let mut files = Vec::new();
    for (index, imds) in fleet.into_iter().enumerate() {
        let checked = run_check(&start(imds).url(), &[], "json");
        assert_eq!(checked.json["instance"].as_str().map(|i| i.len()), Some(19));
        let file = dir.join(format!("stdout-{index}"));
        std::fs::write(&file, &checked.output.stdout).expect("report saved");
        files.push(file.to_string_lossy().into_owned());
    }
    let mut args = vec!["diagnose", "--format", "json"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&args);
    assert_eq!(code(&output), Some(1), "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["fleet"]["reports"], 4);
    assert_eq!(report["fleet"]["broken"], 1);
    let hop = report["fleet"]["findings"]
        .as_array()
        .and_then(|all| all.iter().find(|f| f["id"] == "imds-hop-limit"))
        .map(|f| f["instances"].clone());
    assert_eq!(
        hop,
        Some(serde_json::json!([
            "i-0bbbbbbbbbbbbbbb2",
            "i-0ccccccccccccccc3"
        ]))
    );
    // A `check` finding (IMDSv1 still answers, so the SDKs get by) is not passing either.
    assert_eq!(
        report["fleet"]["passing"],
        serde_json::json!(["i-0aaaaaaaaaaaaaaa1"])
    );
    let first = report["fleet"]["findings"][0].clone();
    assert_eq!(first["id"], "no-instance-profile-associated");
    assert_eq!(
        first["instances"],
        serde_json::json!(["i-0ddddddddddddddd4"])
    );
    let mut args = vec!["diagnose"];
    args.extend(files.iter().map(String::as_str));
    let text = stdout(&run(&args));
    assert!(text.starts_with("Fleet: 4 instances, 1 broken\n"), "{text}");
}
