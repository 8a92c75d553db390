//! Every JSON entry point on arbitrary bytes: no panic, sound spans, located errors, and
//! agreement with serde_json on what is valid.
#![no_main]

use engine::json::{self, Json, Value};
use engine::lang::Lang;
use engine::text::{Location, Span};
use libfuzzer_sys::fuzz_target;

fn check_spans(text: &str, json: &Json<'_>, parent: Span) {
    let span = json.span;
    assert!(parent.start <= span.start && span.start <= span.end && span.end <= parent.end);
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    match &json.value {
        Value::Array(items) => items.iter().for_each(|item| check_spans(text, item, span)),
        Value::Object(members) => {
            for member in members {
                assert!(
                    span.start <= member.key_span.start
                        && member.key_span.end <= member.value.span.start
                );
                assert!(text.is_char_boundary(member.key_span.start));
                assert!(text.is_char_boundary(member.key_span.end));
                check_spans(text, &member.value, span);
            }
        }
        Value::Number(raw) => assert_eq!(*raw, span.slice(text)),
        _ => {}
    }
}

fn check_error(text: &str, error: &json::ParseError) {
    assert!(error.span.start <= error.span.end && error.span.end <= text.len());
    assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
    assert_eq!(error.location, Location::of(text, error.span.start));
    for lang in Lang::ALL {
        assert!(!error.message(lang).is_empty());
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text = text.as_ref();
    let whole = Span::new(0, text.len());

    let strict = json::parse(text);
    let lenient = json::parse_lenient(text);
    match &strict {
        Ok(json) => {
            check_spans(text, json, whole);
            assert_eq!(lenient.value.as_ref(), Some(json));
            // Valid JSON reads as serde_json reads it (serde_json refuses a BOM and numbers beyond
            // f64, and nests at most 128 deep; we read lone surrogates as U+FFFD).
            if let Ok(expected) = serde_json::from_str::<serde_json::Value>(text) {
                assert_eq!(json.to_serde(), expected);
            }
        }
        Err(error) => {
            check_error(text, error);
            assert_eq!(lenient.error.as_ref(), Some(error));
            assert!(serde_json::from_str::<serde_json::Value>(text).is_err());
        }
    }
    if let Some(value) = &lenient.value {
        check_spans(text, value, whole);
    }

    // Repair mode: valid JSON reads the same with no repairs; otherwise the first damage met is
    // the strict error.
    let repaired = json::parse_repairing(text);
    repaired
        .repairs
        .iter()
        .for_each(|repair| check_error(text, repair));
    if let Some(error) = &repaired.error {
        check_error(text, error);
    }
    if let Some(value) = &repaired.value {
        check_spans(text, value, whole);
    }
    match &strict {
        Ok(json) => {
            assert_eq!(repaired.value.as_ref(), Some(json));
            assert!(repaired.repairs.is_empty() && repaired.error.is_none());
        }
        Err(error) if matches!(error.kind, json::ParseErrorKind::TrailingText { .. }) => {}
        Err(error) => {
            let first = repaired.repairs.first().or(repaired.error.as_ref());
            assert_eq!(first, Some(error));
        }
    }

    // Documents one after another, as a transcript reader walks them. A bounded number of steps:
    // each located error costs a pass over the text before it.
    let mut offset = 0;
    for _ in 0..32 {
        if offset >= text.len() {
            break;
        }
        match json::parse_at(text, offset) {
            Ok((json, end)) => {
                check_spans(text, &json, whole);
                assert!(end > offset);
                offset = end;
            }
            Err(error) => {
                check_error(text, &error);
                let (lenient, stopped) = json::parse_lenient_at(text, offset);
                if let Some(value) = &lenient.value {
                    check_spans(text, value, whole);
                }
                assert!(stopped <= text.len());
                // Move past the character where reading stopped.
                offset = (offset + 1).max(stopped + 1);
                while offset < text.len() && !text.is_char_boundary(offset) {
                    offset += 1;
                }
            }
        }
    }
});
