//! Corrupt, truncated and hostile fragments: each gives a clear error, in bounded time.

use std::time::Instant;

use engine::lang::Lang;
use engine::share::{
    self, codec, dictionary::DICTIONARY, Case, ShareError, ShareOptions, MAX_CASE_BYTES,
};

fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn link_of_stream(stream: &[u8]) -> String {
    format!("#v1/{}", base64url(stream))
}

#[test]
fn not_a_link_and_unknown_versions() {
    assert_eq!(share::decode(""), Err(ShareError::NotALink));
    assert_eq!(
        share::decode("https://example.invalid/page"),
        Err(ShareError::NotALink)
    );
    assert_eq!(share::decode("#hello"), Err(ShareError::NotALink));
    assert_eq!(
        share::decode("#v2/AAAA"),
        Err(ShareError::UnsupportedVersion {
            version: "v2".into()
        })
    );
}

#[test]
fn characters_outside_the_alphabet_are_named() {
    let error = share::decode("#v1/AAAA<script>").unwrap_err();
    assert_eq!(
        error,
        ShareError::InvalidCharacter {
            position: 4,
            character: '<'
        }
    );
    assert!(error.message(Lang::En).contains("position 4"));
    assert!(error.message(Lang::Ja).contains("4 文字目"));
    assert!(matches!(
        share::decode("#v1/AA%20AA"),
        Err(ShareError::InvalidCharacter { .. })
    ));
    assert!(matches!(
        share::decode("#v1/ＡＡ"),
        Err(ShareError::InvalidCharacter { .. })
    ));
}

#[test]
fn declared_sizes_over_the_cap_are_refused_before_decoding() {
    for declared in [
        MAX_CASE_BYTES as u64 + 1,
        u64::from(u32::MAX),
        u64::MAX >> 1,
    ] {
        let mut stream = Vec::new();
        codec::write_varint(&mut stream, declared);
        stream.extend_from_slice(&[0, 0, 1, 2, 3, 4]);
        let started = Instant::now();
        assert_eq!(
            share::decode(&link_of_stream(&stream)),
            Err(ShareError::TooLarge {
                bytes: declared,
                cap: MAX_CASE_BYTES
            })
        );
        assert!(started.elapsed().as_millis() < 100);
    }
    // A varint that never ends.
    assert_eq!(
        share::decode(&link_of_stream(&[0xFF; 12])),
        Err(ShareError::Truncated)
    );
}

/// The payload of a one-text case, as format v1 lays it out (see the `share` module docs).
fn payload_of(text: &[u8]) -> Vec<u8> {
    let mut payload = vec![0u8]; // flags: nothing but the inputs
    codec::write_varint(&mut payload, 1); // one input
    payload.push(0); // stored verbatim
    codec::write_varint(&mut payload, text.len() as u64);
    payload.extend_from_slice(text);
    payload
}

#[test]
fn a_bomb_costs_at_most_the_cap() {
    // The most a link can expand to: a text of one repeated byte up to the cap.
    let text = vec![b'a'; MAX_CASE_BYTES - 16];
    let stream = codec::compress(&payload_of(&text), DICTIONARY.as_bytes());
    let link = link_of_stream(&stream);
    assert!(link.len() < 8_000, "{} characters", link.len());
    let started = Instant::now();
    let decoded = share::decode(&link).unwrap();
    assert_eq!(decoded.inputs[0].len(), text.len());
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    // Past the cap, the same bomb is refused unread.
    let over = codec::compress(
        &payload_of(&vec![b'a'; MAX_CASE_BYTES]),
        DICTIONARY.as_bytes(),
    );
    assert!(matches!(
        share::decode(&link_of_stream(&over)),
        Err(ShareError::TooLarge { .. })
    ));
    // And a full case that large will not even be encoded.
    let too_big = "a".repeat(MAX_CASE_BYTES * 2);
    assert!(matches!(
        share::encode(&Case::of_texts(&[too_big]), &ShareOptions::default()),
        Err(ShareError::TooLarge { .. })
    ));
}

#[test]
fn a_pretty_printing_bomb_is_stopped_at_the_cap() {
    // Deep nesting printed with indentation grows with the square of the depth.
    let nested = format!("{}{}", "[".repeat(20_000), "]".repeat(20_000));
    let mut payload = vec![0u8];
    codec::write_varint(&mut payload, 1);
    payload.push(2); // four-space indentation
    codec::write_varint(&mut payload, nested.len() as u64);
    payload.extend_from_slice(nested.as_bytes());
    let started = Instant::now();
    let result = share::decode(&link_of_stream(&codec::compress(
        &payload,
        DICTIONARY.as_bytes(),
    )));
    assert!(
        matches!(result, Err(ShareError::TooLarge { .. })),
        "{result:?}"
    );
    assert!(started.elapsed().as_secs() < 5);
}

#[test]
fn streams_that_decode_past_the_cap_or_into_nonsense_are_refused() {
    // Random bodies behind an honest header: whatever they decode to, the result is an error
    // (bad distance, bad payload, bad check) or a case within the cap, never a panic.
    let mut state = 0x2545_F491u32;
    for round in 0..300 {
        let mut stream = Vec::new();
        codec::write_varint(&mut stream, (round * 97 % 5000) as u64);
        for _ in 0..(round % 64 + 4) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            stream.push(state as u8);
        }
        match share::decode(&link_of_stream(&stream)) {
            Ok(case) => {
                assert!(case.inputs.iter().map(String::len).sum::<usize>() <= MAX_CASE_BYTES)
            }
            Err(error) => assert!(!error.message(Lang::Ja).is_empty()),
        }
    }
}

#[test]
fn every_truncation_of_a_real_link_is_an_error() {
    let case = Case::of_texts(&[
        "{\n    \"InstanceProfile\": {\n        \"InstanceProfileName\": \"web\",\n        \"Roles\": []\n    }\n}\n",
        "An error occurred (AccessDenied) when calling the RunInstances operation",
    ]);
    let link = share::link(
        "https://example.invalid/tools/",
        &case,
        &ShareOptions::default(),
    )
    .unwrap();
    let start = link.find("#v1/").unwrap() + 4;
    for end in start..link.len() {
        let error = share::decode(&link[..end]).unwrap_err();
        assert!(
            matches!(error, ShareError::Truncated | ShareError::Corrupt),
            "cut at {end}: {error:?}"
        );
    }
    assert_eq!(share::decode(&link).unwrap().inputs, case.inputs);
}

#[test]
fn codec_refuses_trailing_garbage_and_wrong_checks() {
    let stream = codec::compress(b"hello hello hello", DICTIONARY.as_bytes());
    assert_eq!(
        codec::decompress(&stream, DICTIONARY.as_bytes(), 100).unwrap(),
        b"hello hello hello"
    );
    let mut longer = stream.clone();
    longer.extend_from_slice(&[7, 7, 7, 7, 7, 7, 7]);
    assert!(codec::decompress(&longer, DICTIONARY.as_bytes(), 100).is_err());
    let mut wrong_check = stream.clone();
    wrong_check[1] ^= 0x55;
    assert_eq!(
        codec::decompress(&wrong_check, DICTIONARY.as_bytes(), 100),
        Err(codec::CodecError::Corrupt)
    );
    assert_eq!(
        codec::decompress(&stream, DICTIONARY.as_bytes(), 5),
        Err(codec::CodecError::TooLarge {
            declared: 17,
            cap: 5
        })
    );
}

#[test]
fn every_error_speaks_both_languages() {
    let errors = [
        ShareError::NotALink,
        ShareError::UnsupportedVersion {
            version: "v9".into(),
        },
        ShareError::InvalidCharacter {
            position: 3,
            character: '%',
        },
        ShareError::Truncated,
        ShareError::TooLarge {
            bytes: 5_000_000,
            cap: MAX_CASE_BYTES,
        },
        ShareError::Corrupt,
        ShareError::NewerFeature,
    ];
    for error in errors {
        let (en, ja) = (error.message(Lang::En), error.message(Lang::Ja));
        assert!(en.is_ascii() && en.ends_with('.'), "{en}");
        assert!(!ja.is_ascii() && ja.ends_with('。'), "{ja}");
        assert!(!error.code().is_empty());
    }
}
