//! `engine::input::read` on arbitrary bytes (as lossy UTF-8): no panic, every span of every
//! input inside the text and on character boundaries, every problem located at its span, and
//! inputs in paste order without overlap.
#![no_main]

use engine::input::read;
use engine::lang::Lang;
use engine::text::Location;
use libfuzzer_sys::fuzz_target;

fn check_spans(text: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (
                map.get("start").and_then(serde_json::Value::as_u64),
                map.get("end").and_then(serde_json::Value::as_u64),
            ) {
                let (start, end) = (start as usize, end as usize);
                assert!(start <= end && end <= text.len());
                assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            }
            map.values().for_each(|child| check_spans(text, child));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| check_spans(text, item)),
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let inputs = read(&text);
    let value = serde_json::to_value(&inputs).unwrap_or_default();
    check_spans(&text, &value);
    let mut previous_end = 0;
    for input in &inputs {
        assert!(input.span.start >= previous_end || input.span.is_empty());
        previous_end = previous_end.max(input.span.end);
        for problem in &input.problems {
            assert_eq!(problem.location, Location::of(&text, problem.span.start));
            assert!(!problem.message(Lang::En).is_empty());
            assert!(!problem.message(Lang::Ja).is_empty());
        }
    }
});
