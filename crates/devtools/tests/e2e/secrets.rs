//! Journey: secret-bearing texts pasted as people paste them (shell, tables, logs, headers,
//! URLs, a JSON document cut inside its token). Nothing of them reaches the address, the
//! history, the storage, the page's text (masked until revealed), the Share preview, the link or
//! the export; the address gets a case only from Share. A link made by hand that carries a
//! credential is flagged on opening, its values masked, and the address keeps it without them.

use crate::{browser, browser_ext};
use browser::Browser;
use browser_ext::{
    body_text, click, dialog_link, execute, export_markdown, history_length, href, open,
    open_fresh, paste, share_link, storage_dump, wait_for, wait_until,
};
use serde_json::json;

/// Random values of the real shapes (none is, or was, a credential).
const SECRET_KEY: &str = "q8Rv2LmN/x7KpZ3wT+9bYc4HdF6sJ1gA0eUoXiWr";
const SECRET_KEY_2: &str = "Zt5Yh0Qw+Lm3Xc8Vb1Nn6Kj4Gf7Dd2Ss9Aa/PpOo";
const SESSION_TOKEN: &str = "IQoJb3JpZ2luX2VjEKz//////////wEaCXVzLWVhc3QtMSJHMEUCIQDk7Fq2Lw9RZt5Yh0Qw+Lm3Xc8Vb1Nn6Kj4Gf7Dd2Ss9AaPpOoq8Rv2LmNx7KpZ3wT9bYc4HdF6sJ1gA0eUoXiWrT3yUi8Op0As5Df7Gh2Jk4Lz6Xc9Vb1Nm3Qw5Er8Ty0Ui2Op4As6Df8Gh1Jk3Lz5Xc7Vb9Nm0Qw2Er4Ty6Ui8Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm8Qw0Er3Ty5Ui7Op9As2Df4Gh6Jk8Lz1Xc3Vb5Nm7Qw9";
const IMDS_TOKEN: &str = "AQAEAJ3kX9vQm2LwT8rZc5NfH1yUo7PbD4sGe6Ai0KlMn-Vt_RqWxY==";
const SIGNATURE: &str = "5e1c9a0b7d3f24e68a1c0b9d7e5f3a2c4b6d8e0f1a3c5e7b9d2f4a6c8e0b1d3f";
const KEY_ID: &str = "ASIAQ7X2MZKD4JW5RLTN";

const SECRETS: &[&str] = &[
    SECRET_KEY,
    SECRET_KEY_2,
    SESSION_TOKEN,
    IMDS_TOKEN,
    SIGNATURE,
    KEY_ID,
];

fn pastes() -> Vec<String> {
    vec![
        format!("$ aws sts assume-role --role-arn arn:aws:iam::123456789012:role/deploy --role-session-name ci --output text\nCREDENTIALS\t{KEY_ID}\t2026-12-03T13:07:31+00:00\t{SECRET_KEY}\t{SESSION_TOKEN}\n"),
        format!("$ aws configure get aws_secret_access_key\n{SECRET_KEY_2}\n$ echo $TOKEN\n{IMDS_TOKEN}\n"),
        format!("> Authorization: AWS4-HMAC-SHA256 Credential={KEY_ID}/20261203/us-east-1/ec2/aws4_request, SignedHeaders=host;x-amz-date, Signature={SIGNATURE}\n"),
        format!("{{\n  \"Code\" : \"Success\",\n  \"AccessKeyId\" : \"{KEY_ID}\",\n  \"SecretAccessKey\" : \"{SECRET_KEY}\",\n  \"Token\" : \"{}", &SESSION_TOKEN[..120]),
    ]
}

fn assert_none(place: &str, text: &str) {
    for secret in SECRETS {
        // A part of a value is a leak too.
        let core = &secret[secret.len() / 2 - 8..secret.len() / 2 + 8];
        assert!(
            !text.contains(core),
            "{place} holds {secret}:\n{text:.3000}"
        );
    }
}

/// A link as a person could write by hand: the case's texts as they are, credentials included
/// (the page never makes one).
fn hand_made_link(base: &str, text: &str) -> String {
    let mut payload = vec![0u8];
    engine::share::codec::write_varint(&mut payload, 1);
    payload.push(0);
    engine::share::codec::write_varint(&mut payload, text.len() as u64);
    payload.extend_from_slice(text.as_bytes());
    let compressed =
        engine::share::codec::compress(&payload, engine::share::dictionary::DICTIONARY.as_bytes());
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in compressed.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    format!("{base}#v1/{out}")
}

#[tokio::test]
async fn secrets_pasted_never_leave_and_a_hand_made_link_is_flagged() {
    let server = browser::serve("/");
    let browser = Browser::start().await;
    open(&browser, &server.url()).await;
    let empty = href(&browser).await;
    let entries = history_length(&browser).await;
    for text in pastes() {
        paste(&browser, &text).await;
    }
    wait_until(
        &browser,
        "return document.querySelectorAll('.paste').length === 4;",
        20,
        "the four pastes",
    )
    .await;
    wait_for(&browser, "[data-finding-id=secrets-in-input]").await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    assert_eq!(
        href(&browser).await,
        empty,
        "pasting writes nothing into the address"
    );
    assert_eq!(
        history_length(&browser).await,
        entries,
        "nor into the history"
    );
    assert_none("the page's text", &body_text(&browser).await);
    assert_none("the storage", &storage_dump(&browser).await);
    // The banner and the finding count the same credentials.
    let counts = execute(
        &browser,
        "return [document.querySelector('.secrets-banner').dataset.secrets,
                 document.querySelector('[data-finding-id=secrets-in-input]').textContent];",
        vec![],
    )
    .await;
    let banner = counts[0].as_str().unwrap_or_default().to_owned();
    assert!(
        counts[1]
            .as_str()
            .unwrap_or_default()
            .contains(&format!(" {banner} ")),
        "counts differ: {counts}"
    );

    // The Share preview and its link carry none of them; Share writes the case to the address.
    click(&browser, "[data-action=share]").await;
    let dialog = wait_for(&browser, "dialog#share-dialog[open]").await;
    assert_none(
        "the Share preview",
        &dialog.text().await.unwrap_or_default(),
    );
    let (link, _) = dialog_link(&browser).await;
    assert_none("the link", &link);
    click(&browser, "[data-action=close-share]").await;
    let address = share_link(&browser).await;
    assert_eq!(address, link);
    assert_none("the address", &address);
    assert_eq!(
        history_length(&browser).await,
        entries,
        "Share adds no history entry"
    );
    assert_none("the export", &export_markdown(&browser).await);
    assert_none("the storage after sharing", &storage_dump(&browser).await);

    // A hand-made link with a credential: flagged, masked, and the address keeps it scrubbed.
    let hand_made = hand_made_link(&server.url(), &pastes()[0]);
    open_fresh(&browser, &hand_made).await;
    wait_for(&browser, "[data-finding-id=secrets-in-input]").await;
    let banner = execute(
        &browser,
        "const s = document.querySelector('.link-opened'); return s && [s.dataset.credentials, s.textContent];",
        vec![],
    )
    .await;
    assert_ne!(banner[0], json!("0"), "the link is flagged: {banner}");
    assert!(
        banner[1]
            .as_str()
            .unwrap_or_default()
            .contains("carries credentials"),
        "{banner}"
    );
    assert_none(
        "the page opened from a hand-made link",
        &body_text(&browser).await,
    );
    let hand_made_fragment = hand_made
        .split_once('#')
        .map(|(_, f)| f)
        .unwrap_or_default();
    wait_until(
        &browser,
        &format!("return location.href.includes('#v1/') && !location.href.endsWith('{hand_made_fragment}');"),
        10,
        "the address keeps the case without the link's credentials",
    )
    .await;
    browser.close().await;
}
