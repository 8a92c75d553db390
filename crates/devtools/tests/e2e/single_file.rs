//! Journey: the single-file build (`dist-release/ec2-iam-doctor-<version>.html`, wasm inlined)
//! opened from disk with `file://`, as from a file share: the page renders, a paste gives
//! findings, Share asks for the hosted address and makes the link on it, the address carries
//! the same case and reopens it from disk, and nothing is requested from anywhere.

use std::path::PathBuf;

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{finding_ids, foreign_requests, next_link, open, open_fresh, paste, wait_for};

const EMPTY_PROFILE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"
));
const PASS_ROLE_DENIED: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"
));

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
    let path = found.pop().unwrap_or_else(|| {
        panic!(
            "no ec2-iam-doctor-*.html in {}: run `make dist`",
            dir.display()
        )
    });
    std::fs::canonicalize(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[tokio::test]
async fn the_single_file_works_from_disk() {
    let path = single_file();
    let url = format!("file://{}", path.display());
    let browser = Browser::start().await;
    open(&browser, &url).await;
    assert_eq!(browser.text_of("h1").await, "ec2-iam-doctor");

    paste(&browser, EMPTY_PROFILE).await;
    paste(&browser, PASS_ROLE_DENIED).await;
    wait_for(&browser, "[data-finding-id]").await;
    let mut ids = finding_ids(&browser).await;
    ids.sort();
    assert!(!ids.is_empty(), "a paste gives findings");

    // Pasting leaves the address alone. Share from disk asks where the page is hosted (a disk
    // path is no link for anyone else), makes the link on that address, and puts the same case
    // in this page's own address, which reopens it from disk.
    assert!(!browser_ext::href(&browser).await.contains('#'));
    let hosted = "https://docs.example.internal/tools/ec2-iam-doctor/";
    browser_ext::click(&browser, "[data-action=share]").await;
    wait_for(&browser, "#share-hosted")
        .await
        .send_keys(hosted)
        .await
        .unwrap_or_else(|e| panic!("cannot type the hosted address: {e}"));
    wait_for(&browser, "#share-link").await;
    let (link, _) = browser_ext::dialog_link(&browser).await;
    browser_ext::click(&browser, "[data-action=close-share]").await;
    let address = next_link(&browser, "").await;
    assert!(link.starts_with(&format!("{hosted}#v1/")), "{link}");
    assert!(address.starts_with("file://"), "{address}");
    assert_eq!(
        address.split_once('#').map(|(_, case)| case),
        link.split_once('#').map(|(_, case)| case),
        "the address carries the case the link carries"
    );
    open_fresh(&browser, &address).await;
    wait_for(&browser, "[data-finding-id]").await;
    let mut reopened = finding_ids(&browser).await;
    reopened.sort();
    assert_eq!(
        reopened, ids,
        "the file:// address reopens the same findings"
    );

    let foreign = foreign_requests(&browser).await;
    assert!(
        foreign.is_empty(),
        "requests from the single file: {foreign:?}"
    );
    browser.assert_no_console_errors("at the end").await;
    eprintln!(
        "single file: {} ({} bytes)",
        path.display(),
        std::fs::metadata(&path)
            .map(|m| m.len())
            .unwrap_or_default()
    );
    browser.close().await;
}
