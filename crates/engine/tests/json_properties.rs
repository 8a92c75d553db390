//! Properties of the JSON reader over arbitrary and damaged input, with serde_json as the oracle:
//! it never panics, it accepts exactly what serde_json accepts (with the documented differences),
//! its spans are sound, and a cut-off document yields only facts of the whole one.

use engine::json::{self, Json, Value};
use engine::lang::Lang;
use engine::text::{Location, Span};
use proptest::prelude::*;

/// Checks every span of `json` and its children: on character boundaries, inside the parent,
/// children in source order, and (for `strict` values) slicing to text that reads back the same.
fn check_spans(text: &str, json: &Json<'_>, parent: Span) {
    let span = json.span;
    assert!(span.start <= span.end, "{span:?}");
    assert!(
        parent.start <= span.start && span.end <= parent.end,
        "{span:?} outside {parent:?}"
    );
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    let mut previous_end = span.start;
    let mut next = |child: Span| {
        assert!(
            child.start >= previous_end,
            "{child:?} overlaps its predecessor"
        );
        previous_end = child.end;
    };
    match &json.value {
        Value::Array(items) => {
            for item in items {
                next(item.span);
                check_spans(text, item, span);
            }
        }
        Value::Object(members) => {
            for member in members {
                next(member.key_span);
                next(member.value.span);
                assert!(text.is_char_boundary(member.key_span.start));
                assert!(text.is_char_boundary(member.key_span.end));
                check_spans(text, &member.value, span);
            }
        }
        Value::Number(raw) => assert_eq!(*raw, span.slice(text)),
        Value::String(_) | Value::Bool(_) | Value::Null => {
            // A scalar's span is exactly its text: reading that text alone gives the same value.
            let again = json::parse(span.slice(text)).map(|j| j.value);
            assert_eq!(again.as_ref().ok(), Some(&json.value), "{span:?}");
        }
    }
}

/// Every value inside `root` is found again by its span, and its path leads back to it.
fn check_paths(root: &Json<'_>, json: &Json<'_>) {
    let path = root.path_to(json.span);
    assert!(path.is_some(), "no path to {:?}", json.span);
    match &json.value {
        Value::Array(items) => items.iter().for_each(|item| check_paths(root, item)),
        Value::Object(members) => members
            .iter()
            .for_each(|member| check_paths(root, &member.value)),
        _ => {}
    }
}

fn check_error(text: &str, error: &json::ParseError) {
    assert!(
        error.span.start <= error.span.end && error.span.end <= text.len(),
        "{error:?}"
    );
    assert!(text.is_char_boundary(error.span.start) && text.is_char_boundary(error.span.end));
    assert_eq!(error.location, Location::of(text, error.span.start));
    for lang in Lang::ALL {
        assert!(!error.message(lang).is_empty());
    }
}

/// Runs every entry point on `text` and checks what holds for any input.
fn check_any(text: &str) {
    let whole = Span::new(0, text.len());
    let strict = json::parse(text);
    let lenient = json::parse_lenient(text);
    match &strict {
        Ok(json) => {
            check_spans(text, json, whole);
            check_paths(json, json);
            assert_eq!(lenient.value.as_ref(), Some(json));
            assert_eq!(lenient.error, None);
        }
        Err(error) => {
            check_error(text, error);
            assert_eq!(lenient.error.as_ref(), Some(error));
        }
    }
    if let Some(value) = &lenient.value {
        check_spans(text, value, whole);
    }
    check_repairing(text, &strict);
    if let Ok((json, end)) = json::parse_at(text, text.len() / 2) {
        check_spans(text, &json, whole);
        assert_eq!(json.span.end, end);
    }
}

/// Repair mode agrees with strict reading: valid JSON reads the same with no repairs; otherwise
/// the first damage it meets is the strict error, read past or stopping it.
fn check_repairing(text: &str, strict: &Result<Json<'_>, json::ParseError>) {
    let repaired = json::parse_repairing(text);
    for repair in &repaired.repairs {
        check_error(text, repair);
    }
    if let Some(error) = &repaired.error {
        check_error(text, error);
    }
    if let Some(value) = &repaired.value {
        check_spans_loosely(text, value, Span::new(0, text.len()));
    }
    match strict {
        Ok(json) => {
            assert_eq!(repaired.value.as_ref(), Some(json));
            assert!(repaired.repairs.is_empty() && repaired.error.is_none());
        }
        Err(error) if matches!(error.kind, json::ParseErrorKind::TrailingText { .. }) => {}
        Err(error) => {
            let first = repaired.repairs.first().or(repaired.error.as_ref());
            assert_eq!(first, Some(error), "{text:?}");
        }
    }
}

/// Spans of a repaired value: on character boundaries and nested, children in order (repaired
/// scalars such as `'x'` or `True` do not read back as JSON, so only the structure is checked).
fn check_spans_loosely(text: &str, json: &Json<'_>, parent: Span) {
    let span = json.span;
    assert!(parent.start <= span.start && span.start <= span.end && span.end <= parent.end);
    assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    let mut previous_end = span.start;
    match &json.value {
        Value::Array(items) => {
            for item in items {
                assert!(item.span.start >= previous_end);
                previous_end = item.span.end;
                check_spans_loosely(text, item, span);
            }
        }
        Value::Object(members) => {
            for member in members {
                assert!(member.key_span.start >= previous_end);
                assert!(member.key_span.end <= member.value.span.start);
                assert!(text.is_char_boundary(member.key_span.start));
                assert!(text.is_char_boundary(member.key_span.end));
                previous_end = member.value.span.end;
                check_spans_loosely(text, &member.value, span);
            }
        }
        _ => {}
    }
}

/// Whether serde_json refuses `text` for a reason where we deliberately accept it.
fn serde_refusal_we_accept(error: &serde_json::Error, text: &str) -> bool {
    let message = error.to_string();
    message.contains("number out of range")
        || message.contains("recursion limit exceeded")
        || message.contains("surrogate")
        || (message.contains("hex escape") && has_surrogate_escape(text))
        || text.trim_start().starts_with('\u{FEFF}')
}

/// Whether `text` has a `\\uD800`..`\\uDFFF` escape (which we read as U+FFFD when unpaired).
fn has_surrogate_escape(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        w[0] == b'u'
            && (w[1] == b'd' || w[1] == b'D')
            && matches!(w[2], b'8'..=b'9' | b'a'..=b'f' | b'A'..=b'F')
    })
}

/// ours accepts exactly what serde_json accepts, with equal values.
fn check_against_serde(text: &str) {
    let ours = json::parse(text);
    match (ours, serde_json::from_str::<serde_json::Value>(text)) {
        (Ok(json), Ok(expected)) => assert_eq!(json.to_serde(), expected, "{text:?}"),
        (Err(_), Err(_)) => {}
        (Ok(_), Err(error)) => {
            assert!(
                serde_refusal_we_accept(&error, text),
                "{text:?}: serde_json says {error}"
            )
        }
        (Err(error), Ok(_)) => panic!("{text:?}: we refuse what serde_json accepts: {error}"),
    }
}

/// `partial` (read from a prefix of the text) holds only facts of `full`: each container's items
/// are the full one's, except that the last may itself be a partial container.
fn is_prefix(partial: &Json<'_>, full: &Json<'_>) -> bool {
    if partial == full {
        return true;
    }
    if partial.span.start != full.span.start {
        return false;
    }
    match (&partial.value, &full.value) {
        (Value::Array(some), Value::Array(all)) => match some.split_last() {
            None => true,
            Some((last, init)) => {
                all.get(..init.len()) == Some(init)
                    && all
                        .get(init.len())
                        .is_some_and(|item| is_prefix(last, item))
            }
        },
        (Value::Object(some), Value::Object(all)) => match some.split_last() {
            None => true,
            Some((last, init)) => {
                all.get(..init.len()) == Some(init)
                    && all.get(init.len()).is_some_and(|member| {
                        member.key == last.key
                            && member.key_span == last.key_span
                            && is_prefix(&last.value, &member.value)
                    })
            }
        },
        _ => false,
    }
}

fn serde_value() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        any::<String>().prop_map(serde_json::Value::String),
        "[a-zA-Z:/*-]{0,12}".prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(serde_json::Value::Array),
            prop::collection::vec(("[A-Za-z]{1,8}|\\PC{0,6}", inner), 0..8)
                .prop_map(|members| serde_json::Value::Object(members.into_iter().collect())),
        ]
    })
}

/// A valid document in compact or pretty form.
fn document() -> impl Strategy<Value = String> {
    (serde_value(), any::<bool>()).prop_map(|(value, pretty)| {
        let text = if pretty {
            serde_json::to_string_pretty(&value)
        } else {
            serde_json::to_string(&value)
        };
        text.unwrap_or_default()
    })
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// Characters that damage JSON in interesting ways.
fn damage() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(",".to_owned()),
        Just("\"".to_owned()),
        Just("'".to_owned()),
        Just("]".to_owned()),
        Just("}".to_owned()),
        Just("{".to_owned()),
        Just("[".to_owned()),
        Just(":".to_owned()),
        Just("\\".to_owned()),
        Just("\\u".to_owned()),
        Just("\\ud83d".to_owned()),
        Just("...".to_owned()),
        Just("“".to_owned()),
        Just("True".to_owned()),
        Just("\n".to_owned()),
        Just("\u{3000}".to_owned()),
        Just("//".to_owned()),
        Just("0".to_owned()),
        Just("-".to_owned()),
        Just("e".to_owned()),
        "\\PC".prop_map(|s: String| s),
    ]
}

/// Reads `text` with [`json::LenientReader`] in slices of `slice` bytes; the result and the
/// number of calls it took.
fn read_in_slices(text: &str, start: usize, slice: usize) -> ((json::Lenient<'_>, usize), usize) {
    let mut reader = json::LenientReader::new(text, start);
    let mut calls = 0;
    loop {
        calls += 1;
        let before = reader.position();
        if let Some(done) = reader.read(slice) {
            return (done, calls);
        }
        assert!(
            reader.position() > before,
            "a paused read must have moved on"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn reading_in_slices_gives_what_reading_at_once_gives(
        text in document(),
        cut in any::<prop::sample::Index>(),
        slice in 1usize..40,
    ) {
        // Whole documents and cut-off ones (the lenient result is then a repair).
        let end = floor_char_boundary(&text, cut.index(text.len() + 1));
        for sample in [text.as_str(), text.get(..end).unwrap_or_default()] {
            let (sliced, calls) = read_in_slices(sample, 0, slice);
            prop_assert_eq!(&sliced, &json::parse_lenient_at(sample, 0), "{:?} in slices of {}", sample, slice);
            prop_assert!(calls <= sample.len() / slice + 2, "{} calls for {} bytes", calls, sample.len());
        }
    }

    #[test]
    fn reading_in_slices_never_panics_on_damage(text in "[\\[\\]{}\",:0-9a-z\\\\ \n']{0,80}", slice in 1usize..8) {
        let (sliced, _) = read_in_slices(&text, 0, slice);
        prop_assert_eq!(sliced, json::parse_lenient_at(&text, 0));
    }

    #[test]
    fn never_panics_on_arbitrary_strings(text in any::<String>()) {
        check_any(&text);
        check_against_serde(&text);
    }

    #[test]
    fn never_panics_on_json_like_strings(text in "[\\[\\]{}\",:0-9a-zA-Z\\\\ .eE+\\-\n'“…]{0,80}") {
        check_any(&text);
        check_against_serde(&text);
    }

    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        check_any(&text);
        check_against_serde(&text);
    }

    #[test]
    fn valid_json_reads_as_serde_json_reads_it(text in document()) {
        let parsed = json::parse(&text);
        prop_assert!(parsed.is_ok(), "{:?}: {:?}", text, parsed);
        check_any(&text);
        check_against_serde(&text);
    }

    #[test]
    fn a_cut_document_yields_only_facts_of_the_whole(text in document(), cut in any::<prop::sample::Index>()) {
        let Ok(full) = json::parse(&text) else {
            return Err(TestCaseError::fail(format!("{text:?} did not parse")));
        };
        let end = floor_char_boundary(&text, cut.index(text.len() + 1));
        let prefix = text.get(..end).unwrap_or_default();
        check_any(prefix);
        check_against_serde(prefix);
        let lenient = json::parse_lenient(prefix);
        if matches!(full.value, Value::Array(_) | Value::Object(_)) {
            if let Some(partial) = &lenient.value {
                prop_assert!(is_prefix(partial, &full), "{:?}\n{:?}\nvs {:?}", prefix, partial, full);
            }
            if lenient.error.is_some() {
                prop_assert!(lenient.error.as_ref().is_some_and(|e| e.kind.is_truncation() || e.kind.code() == "empty"),
                    "{:?}: {:?}", prefix, lenient.error);
            }
        }
    }

    #[test]
    fn a_damaged_document_never_panics(
        text in document(),
        at in any::<prop::sample::Index>(),
        remove in 0usize..3,
        insert in damage(),
    ) {
        let at = floor_char_boundary(&text, at.index(text.len() + 1));
        let mut damaged = text.get(..at).unwrap_or_default().to_owned();
        let rest = text.get(at..).unwrap_or_default();
        let skip = rest.char_indices().nth(remove).map_or(rest.len(), |(i, _)| i);
        damaged.push_str(&insert);
        damaged.push_str(rest.get(skip..).unwrap_or_default());
        check_any(&damaged);
        check_against_serde(&damaged);
    }
}

#[test]
fn fifty_megabytes_read_in_one_pass() {
    let item = r#"{"InstanceId": "i-0123456789abcdef0", "State": {"Code": 16, "Name": "running"}, "Tags": [{"Key": "Name", "Value": "web\u00e9"}]},"#;
    let count = 50_000_000 / item.len();
    let mut text = String::with_capacity(count * item.len() + 2);
    text.push('[');
    for _ in 0..count {
        text.push_str(item);
    }
    text.pop();
    text.push(']');
    let parsed = json::parse(&text);
    assert_eq!(parsed.map(|json| json.one_or_many().len()), Ok(count));
    // Cut inside the last tag's value: every instance is still there, the last one without the
    // cut-off member.
    let cut = text.get(..text.len() - 10).unwrap_or_default();
    let lenient = json::parse_lenient(cut);
    let value = lenient.value.unwrap_or_else(|| panic!("no value"));
    assert_eq!(value.one_or_many().len(), count);
    let last_tag = value
        .one_or_many()
        .last()
        .and_then(|instance| instance.get("Tags")?.one_or_many().first().cloned());
    assert_eq!(
        last_tag.as_ref().and_then(|tag| tag.get("Key")?.as_str()),
        Some("Name")
    );
    assert_eq!(last_tag.and_then(|tag| tag.get("Value").cloned()), None);
}
