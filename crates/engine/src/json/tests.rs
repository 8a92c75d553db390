use std::collections::BTreeSet;

use super::*;
use crate::lang::Lang;
use crate::text::Location;

/// The error for `text`, which must not parse.
fn error_of(text: &str) -> ParseError {
    match parse(text) {
        Ok(json) => panic!("{text:?} parsed as {json:?}"),
        Err(error) => error,
    }
}

/// Asserts the error kind code, where it is located, and the text its span covers.
fn assert_error(text: &str, code: &str, line: usize, column: usize, covered: &str) -> ParseError {
    let error = error_of(text);
    assert_eq!(error.kind.code(), code, "kind for {text:?}: {error:?}");
    assert_eq!(
        error.location,
        Location { line, column },
        "location for {text:?}: {error:?}"
    );
    assert_eq!(
        error.span.slice(text),
        covered,
        "span for {text:?}: {error:?}"
    );
    assert_eq!(error.location, Location::of(text, error.span.start));
    error
}

fn ok(text: &str) -> Json<'_> {
    match parse(text) {
        Ok(json) => json,
        Err(error) => panic!("{text:?}: {}", error.message(Lang::En)),
    }
}

#[test]
fn reads_every_kind_of_value_with_spans() {
    let text = " {\"a\": [1, -2.5e3, true, false, null, \"x\"], \"b\": {}} ";
    let json = ok(text);
    assert_eq!(json.span.slice(text), text.trim());
    let a = json.get("a").and_then(Json::as_array).unwrap_or_default();
    let covered: Vec<&str> = a.iter().map(|item| item.span.slice(text)).collect();
    assert_eq!(covered, ["1", "-2.5e3", "true", "false", "null", "\"x\""]);
    assert_eq!(a[1].value, Value::Number("-2.5e3"));
    assert_eq!(a[1].as_f64(), Some(-2500.0));
    assert_eq!(a[1].as_i64(), Some(-2500));
    assert_eq!(a[2].as_bool(), Some(true));
    assert!(a[4].is_null());
    assert_eq!(a[5].as_str(), Some("x"));
    let members = json.as_object().unwrap_or_default();
    assert_eq!(members[1].key_span.slice(text), "\"b\"");
    assert_eq!(json.get("b").map(|b| b.span.slice(text)), Some("{}"));
}

#[test]
fn strings_borrow_unless_escaped() {
    let json = ok(r#"["plain", "tab\there"]"#);
    let items = json.as_array().unwrap_or_default();
    assert!(matches!(
        items[0].value,
        Value::String(Cow::Borrowed("plain"))
    ));
    assert!(matches!(&items[1].value, Value::String(Cow::Owned(s)) if s == "tab\there"));
}

#[test]
fn decodes_every_escape_and_surrogate_pairs() {
    let json = ok(r#""\" \\ \/ \b \f \n \r \t \u00e9 \ud83d\ude00 \u3042""#);
    assert_eq!(json.as_str(), Some("\" \\ / \u{8} \u{c} \n \r \t é 😀 あ"));
}

#[test]
fn lone_surrogates_become_replacement_characters() {
    assert_eq!(ok(r#""a\ud83db""#).as_str(), Some("a\u{FFFD}b"));
    assert_eq!(ok(r#""\ude00""#).as_str(), Some("\u{FFFD}"));
    // A high surrogate followed by an escape that is not a low surrogate: both read.
    assert_eq!(ok(r#""\ud83d\u0041""#).as_str(), Some("\u{FFFD}A"));
    assert_eq!(ok(r#""\ud83d\ud83d\ude00""#).as_str(), Some("\u{FFFD}😀"));
    assert_eq!(ok(r#""\ud83d\n""#).as_str(), Some("\u{FFFD}\n"));
}

#[test]
fn numbers_keep_their_text() {
    for raw in [
        "0",
        "-0",
        "12",
        "1.50",
        "1e5",
        "1E+05",
        "-3.25e-2",
        "123456789012345678901234567890",
    ] {
        assert_eq!(ok(raw).value, Value::Number(raw));
    }
    assert_eq!(ok("16.0").as_i64(), Some(16));
    assert_eq!(ok("1.5").as_i64(), None);
    assert_eq!(ok("9223372036854775807").as_i64(), Some(i64::MAX));
    assert_eq!(ok("9223372036854775808").as_i64(), None);
    assert_eq!(ok("1e400").as_f64(), None);
    assert_eq!(ok("1e400").to_serde(), serde_json::json!("1e400"));
    assert_eq!(ok("\"1\"").as_i64(), None);
}

#[test]
fn get_takes_the_last_duplicate_and_get_ci_ignores_ascii_case() {
    let json = ok(r#"{"Effect": "Allow", "Effect": "Deny", "action": "s3:*"}"#);
    assert_eq!(json.get("Effect").and_then(Json::as_str), Some("Deny"));
    assert_eq!(json.get("effect"), None);
    assert_eq!(json.get_ci("EFFECT").and_then(Json::as_str), Some("Deny"));
    assert_eq!(json.get_ci("Action").and_then(Json::as_str), Some("s3:*"));
    assert_eq!(json.as_object().map(<[_]>::len), Some(3));
    assert_eq!(ok("[]").get("a"), None);
}

#[test]
fn one_or_many_treats_scalars_as_lists() {
    let json = ok(r#"{"a": "x", "b": ["x", "y"], "c": null, "d": []}"#);
    let count = |key: &str| json.get(key).map_or(usize::MAX, |v| v.one_or_many().len());
    assert_eq!(
        (count("a"), count("b"), count("c"), count("d")),
        (1, 2, 0, 0)
    );
    assert_eq!(
        json.get("a").map(|v| v.one_or_many()[0].as_str()),
        Some(Some("x"))
    );
}

#[test]
fn json_path_writes_identifiers_and_quoted_keys() {
    let path = JsonPath::root()
        .key("Reservations")
        .index(0)
        .key("Instances")
        .index(0)
        .key("IamInstanceProfile")
        .key("Id");
    assert_eq!(
        path.to_string(),
        "$.Reservations[0].Instances[0].IamInstanceProfile.Id"
    );
    let odd = JsonPath::root()
        .key("aws:SourceArn")
        .key("a \"b\"")
        .key("")
        .key("_x1");
    assert_eq!(odd.to_string(), r#"$["aws:SourceArn"]["a \"b\""][""]._x1"#);
    assert_eq!(JsonPath::default().to_string(), "$");
    assert!(JsonPath::default().is_root());
    assert_eq!(
        serde_json::to_value(JsonPath::root().key("1st")).ok(),
        Some(serde_json::json!(r#"$["1st"]"#))
    );
}

#[test]
fn bom_and_whitespace_around_the_document_are_allowed() {
    let text = "\u{FEFF}\n  {\"a\": 1}\r\n";
    assert_eq!(ok(text).span.slice(text), "{\"a\": 1}");
}

#[test]
fn parse_at_reads_documents_one_after_another() {
    let text = "$ aws sts get-caller-identity\n{\"Account\": \"1\"}\n[2] {}";
    let start = text.find('{').unwrap_or_default();
    let (first, end) = parse_at(text, start).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.span.slice(text), "{\"Account\": \"1\"}");
    assert_eq!(end, first.span.end);
    let (second, end) = parse_at(text, end).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(second.span.slice(text), "[2]");
    let (third, end) = parse_at(text, end).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(third.span.slice(text), "{}");
    assert_eq!(end, text.len());
    assert_eq!(
        parse_at(text, end).map_err(|e| e.kind),
        Err(ParseErrorKind::Empty)
    );
    assert!(parse_at(text, 10_000).is_err());
    // Inside a multi-byte character: moves on to the next character.
    assert!(parse_at("é1", 1).is_ok_and(|(json, _)| json.value == Value::Number("1")));
}

// ---- every error kind: location, span, and the damage it names ----

#[test]
fn empty_text() {
    assert_error("", "empty", 1, 1, "");
    assert_error("  \n  ", "empty", 2, 3, "");
}

#[test]
fn truncation_names_the_open_container() {
    let text = "{\n  \"Reservations\": [\n    {\"InstanceId\": \"i-1\"";
    let error = assert_error(text, "unexpected_end", 3, 25, "");
    assert_eq!(
        error.kind,
        ParseErrorKind::UnexpectedEnd {
            expecting: Expected::CommaOrObjectEnd,
            unclosed: Some(Unclosed {
                construct: Construct::Object,
                start: 26,
                location: Location { line: 3, column: 5 },
            }),
        }
    );
    let en = error.message(Lang::En);
    assert!(en.contains("line 3, column 25"), "{en}");
    assert!(
        en.contains("an object is still open (started at line 3, column 5)"),
        "{en}"
    );
    let ja = error.message(Lang::Ja);
    assert!(ja.contains("3 行 25 列目"), "{ja}");
    assert!(ja.contains("3 行 5 列目から始まるオブジェクト"), "{ja}");

    // Cut inside a string: the string is what is open.
    let error = assert_error("[\"abc", "unexpected_end", 1, 6, "");
    assert!(matches!(
        error.kind,
        ParseErrorKind::UnexpectedEnd {
            expecting: Expected::StringEnd,
            unclosed: Some(Unclosed {
                construct: Construct::String,
                start: 1,
                ..
            })
        }
    ));
    for (text, expecting) in [
        ("[1.", Expected::Digit),
        ("-", Expected::Digit),
        ("[tr", Expected::Literal),
        ("{\"a\"", Expected::Colon),
        ("{\"a\":", Expected::Value),
        ("[", Expected::ValueOrArrayEnd),
        ("{", Expected::KeyOrObjectEnd),
        ("{\"a\": 1,", Expected::Key),
        ("\"\\", Expected::EscapeSequence),
        ("\"\\u12", Expected::EscapeSequence),
    ] {
        let error = error_of(text);
        assert!(
            matches!(error.kind, ParseErrorKind::UnexpectedEnd { expecting: e, .. } if e == expecting),
            "{text:?}: {error:?}"
        );
        assert_eq!(error.span, Span::new(text.len(), text.len()));
    }
}

#[test]
fn unexpected_character() {
    let error = assert_error("[1, @]", "unexpected_char", 1, 5, "@");
    assert_eq!(
        error.kind,
        ParseErrorKind::UnexpectedChar {
            found: '@',
            expecting: Expected::Value
        }
    );
    assert_error("{\"a\": 1 ;}", "unexpected_char", 1, 9, ";");
    assert_error("[,1]", "unexpected_char", 1, 2, ",");
    assert_error("{\"a\" = 1}", "unexpected_char", 1, 6, "=");
    assert_error("[1, ]]", "trailing_comma", 1, 3, ",");
}

#[test]
fn mismatched_close() {
    let error = assert_error("{\"a\": [1, 2}", "mismatched_close", 1, 12, "}");
    assert!(matches!(
        error.kind,
        ParseErrorKind::MismatchedClose {
            found: '}',
            open: Unclosed {
                construct: Construct::Array,
                start: 6,
                ..
            },
            ..
        }
    ));
    assert!(error.message(Lang::En).contains("line 1, column 7"));
    // Code spans inside Japanese text are set apart by spaces.
    assert!(error
        .message(Lang::Ja)
        .contains("ここには `,` か `]` が必要です"));
}

#[test]
fn invalid_escape() {
    assert_error(r#"{"Path": "C:\Users"}"#, "invalid_escape", 1, 13, r"\U");
    assert_error(r#""\u12G4""#, "invalid_escape", 1, 2, r"\u12G");
    assert_error("\"\\é\"", "invalid_escape", 1, 2, "\\é");
}

#[test]
fn invalid_number() {
    assert_error("[01]", "invalid_number", 1, 2, "01");
    assert_error("[1.]", "invalid_number", 1, 2, "1.");
    assert_error("[-x]", "invalid_number", 1, 2, "-");
    assert_error("[1e+]", "invalid_number", 1, 2, "1e+");
    assert_error("[+1]", "invalid_number", 1, 2, "+1");
    assert_error("[.5]", "invalid_number", 1, 2, ".5");
}

#[test]
fn control_character_in_string() {
    assert_error(
        "{\"a\": \"line\nbreak\"}",
        "control_char_in_string",
        1,
        12,
        "\n",
    );
    assert_error("\"tab\there\"", "control_char_in_string", 1, 5, "\t");
}

#[test]
fn trailing_comma() {
    assert_error("[1, 2,\n]", "trailing_comma", 1, 6, ",");
    assert_error("{\n  \"a\": 1,\n}", "trailing_comma", 2, 9, ",");
}

#[test]
fn missing_comma() {
    assert_error("{\n  \"a\": 1\n  \"b\": 2\n}", "missing_comma", 3, 3, "\"");
    assert_error("[1 2]", "missing_comma", 1, 4, "2");
    assert_error("[{} {}]", "missing_comma", 1, 5, "{");
}

#[test]
fn missing_colon() {
    assert_error("{\"a\" 1}", "missing_colon", 1, 6, "1");
    assert_error("{\"a\" \"b\"}", "missing_colon", 1, 6, "\"");
}

#[test]
fn single_quotes() {
    assert_error(
        "{'Version': '2012-10-17'}",
        "single_quotes",
        1,
        2,
        "'Version'",
    );
    assert_error("{\"a\": 'x}", "single_quotes", 1, 7, "'");
}

#[test]
fn smart_quotes() {
    let error = assert_error("{“Version”: 1}", "smart_quotes", 1, 2, "“");
    assert_eq!(error.kind, ParseErrorKind::SmartQuotes { found: '“' });
    assert_error("{\"a\": ＂x＂}", "smart_quotes", 1, 7, "＂");
}

#[test]
fn unquoted_key() {
    assert_error("{Version: \"2012-10-17\"}", "unquoted_key", 1, 2, "Version");
    assert_error("{\"a\": 1, b: 2}", "unquoted_key", 1, 10, "b");
}

#[test]
fn python_literals() {
    let error = assert_error("{'a': True}", "single_quotes", 1, 2, "'a'");
    assert!(error.message(Lang::En).contains("Python"));
    let error = assert_error("{\"a\": True}", "python_literal", 1, 7, "True");
    assert_eq!(
        error.kind,
        ParseErrorKind::PythonLiteral {
            found: PythonConstant::True
        }
    );
    assert!(error.message(Lang::En).contains("`true`"));
    assert_error("[False]", "python_literal", 1, 2, "False");
    assert_error("[1, None]", "python_literal", 1, 5, "None");
}

#[test]
fn invalid_literal() {
    assert_error("[NaN]", "invalid_literal", 1, 2, "NaN");
    assert_error("[undefined]", "invalid_literal", 1, 2, "undefined");
    assert_error("[nul, 1]", "invalid_literal", 1, 2, "nul");
    assert_error("[trueish]", "invalid_literal", 1, 2, "trueish");
}

#[test]
fn ellipsis() {
    assert_error("[\"a\", ...]", "ellipsis", 1, 7, "...");
    assert_error("{\n  \"a\": 1,\n  …\n}", "ellipsis", 3, 3, "…");
    assert_error("{\"Statement\": [ ... ]}", "ellipsis", 1, 17, "...");
}

#[test]
fn comment() {
    assert_error(
        "{\n  // the role\n  \"a\": 1}",
        "comment",
        2,
        3,
        "// the role",
    );
    assert_error("[1, /* two */ 2]", "comment", 1, 5, "/* two */");
}

#[test]
fn unusual_whitespace() {
    let error = assert_error("{\"a\":\u{3000}1}", "unusual_whitespace", 1, 6, "\u{3000}");
    assert!(error.message(Lang::En).contains("U+3000"));
    assert_error("[1,\u{A0}2]", "unusual_whitespace", 1, 4, "\u{A0}");
}

#[test]
fn too_deep() {
    let deep = "[".repeat(MAX_DEPTH + 1);
    assert_error(&deep, "too_deep", 1, MAX_DEPTH + 1, "[");
    let fine = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&fine).is_ok());
    // Far deeper than the limit: an error, not a stack overflow.
    let hostile = "{\"a\":[".repeat(200_000);
    assert_eq!(error_of(&hostile).kind, ParseErrorKind::TooDeep);
    let lenient = parse_lenient(&hostile);
    assert!(lenient.value.is_some());
}

#[test]
fn trailing_text() {
    let text = "{\"a\": 1}\n[ec2-user@ip-10-0-0-1 ~]$ exit\n";
    let error = assert_error(
        text,
        "trailing_text",
        2,
        1,
        "[ec2-user@ip-10-0-0-1 ~]$ exit",
    );
    assert_eq!(error.kind, ParseErrorKind::TrailingText { document_end: 8 });
    // The caller can go on from the trailing text.
    let text = "{\"a\": 1}\n{\"b\": 2}\n";
    let error = assert_error(text, "trailing_text", 2, 1, "{\"b\": 2}");
    let next = parse_at(text, error.span.start).map(|(json, _)| json.span.slice(text));
    assert_eq!(next, Ok("{\"b\": 2}"));
    assert_error("{} }", "trailing_text", 1, 4, "}");
    assert_error("{}\r\nmore\r\n", "trailing_text", 2, 1, "more");
}

/// One sample for every error kind: each kind has a sentence in both languages naming where.
#[test]
fn every_error_kind_has_both_messages_with_line_and_column() {
    let samples = [
        "\n\n   ",
        "{\n\n  \"a\": [1,",
        "[1,\n\n  @]",
        "[1,\n\n  2}",
        "[\n\n  \"C:\\Users\"]",
        "[\n\n  01]",
        "[\n\n  \"a\tb\"]",
        "[1,\n\n  2,]",
        "[1\n\n  2]",
        "{\n\n  \"a\" 1}",
        "[\n\n  'a']",
        "[\n\n  “a”]",
        "{\n\n  a: 1}",
        "[\n\n  None]",
        "[\n\n  NaN]",
        "[\n\n  ...]",
        "[\n\n  // no\n]",
        "[\n\n  \u{A0}1]",
        "[\n2]\n  $",
    ];
    let mut codes = BTreeSet::new();
    for text in samples {
        let error = error_of(text);
        codes.insert(error.kind.code());
        let (line, column) = (error.location.line, error.location.column);
        assert_eq!(line, 3, "{text:?}: {error:?}");
        for lang in Lang::ALL {
            let message = error.message(lang);
            let expected = match lang {
                Lang::En => format!("line {line}, column {column}"),
                Lang::Ja => format!("{line} 行 {column} 列目"),
            };
            assert!(message.contains(&expected), "{lang:?} {text:?}: {message}");
        }
        assert_ne!(error.message(Lang::En), error.message(Lang::Ja));
    }
    let deep = format!("\n\n{}", "[".repeat(MAX_DEPTH + 1));
    let error = error_of(&deep);
    codes.insert(error.kind.code());
    assert!(error.message(Lang::En).contains("line 3, column 513"));
    assert!(error.message(Lang::Ja).contains("3 行 513 列目"));
    let all: BTreeSet<&str> = ParseErrorKind::CODES.iter().copied().collect();
    assert_eq!(codes, all, "a sample is missing for some error kind");
}

// ---- lenient reading ----

#[test]
fn lenient_keeps_every_complete_fact_of_a_cut_paste() {
    let text = r#"{"Reservations": [{"Instances": [{"InstanceId": "i-1", "IamInstanceProfile": {"Arn": "arn:aws:iam::1:instance-profile/p", "Id": "AIPA"#;
    let lenient = parse_lenient(text);
    assert!(lenient
        .error
        .as_ref()
        .is_some_and(|e| e.kind.is_truncation()));
    let value = lenient.value.unwrap_or_else(|| panic!("no value"));
    let instance = value
        .get("Reservations")
        .and_then(|r| r.as_array()?.first())
        .and_then(|r| r.get("Instances")?.as_array()?.first().cloned());
    let instance = instance.unwrap_or_else(|| panic!("no instance in {value:?}"));
    assert_eq!(
        instance.get("InstanceId").and_then(Json::as_str),
        Some("i-1")
    );
    let profile = instance.get("IamInstanceProfile");
    assert_eq!(
        profile.and_then(|p| p.get("Arn")).and_then(Json::as_str),
        Some("arn:aws:iam::1:instance-profile/p")
    );
    // The cut-off "Id" member is dropped, not given a partial value.
    assert_eq!(profile.and_then(|p| p.get("Id")), None);
    assert_eq!(
        value.span.slice(text),
        text.get(..text.find(", \"Id\"").unwrap_or_default())
            .unwrap_or_default()
    );
}

#[test]
fn lenient_drops_a_number_cut_at_the_end() {
    let text = "{\"a\": 1, \"b\": 12";
    let value = parse_lenient(text).value;
    assert_eq!(
        value
            .as_ref()
            .and_then(|v| v.get("a"))
            .and_then(Json::as_i64),
        Some(1)
    );
    assert_eq!(value.as_ref().and_then(|v| v.get("b")), None);
    // With something after it the number is complete.
    let value = parse_lenient("[1, 12 ").value;
    assert_eq!(value.map(|v| v.one_or_many().len()), Some(2));
    // A whole document that is a number is complete.
    assert_eq!(
        parse_lenient("12").value.map(|v| v.value),
        Some(Value::Number("12"))
    );
}

#[test]
fn lenient_closes_at_other_errors_too() {
    let lenient = parse_lenient("[1, 2, 3,]");
    assert_eq!(
        lenient.error.map(|e| e.kind),
        Some(ParseErrorKind::TrailingComma)
    );
    let value = lenient.value.unwrap_or_else(|| panic!("no value"));
    assert_eq!(value.one_or_many().len(), 3);
    assert_eq!(value.span, Span::new(0, 8));

    let lenient = parse_lenient("{\"a\": 1}\n$ ");
    assert!(matches!(
        lenient.error.map(|e| e.kind),
        Some(ParseErrorKind::TrailingText { .. })
    ));
    assert!(lenient.value.is_some_and(|v| v.get("a").is_some()));

    assert_eq!(parse_lenient("True").value, None);
    assert_eq!(parse_lenient("").value, None);
    let clean = parse_lenient("[1]");
    assert!(clean.error.is_none() && clean.value.is_some());
}

#[test]
fn lenient_at_reports_where_it_stopped() {
    let text = "x [1, 2 {\"a\": 3}";
    let (lenient, stopped) = parse_lenient_at(text, 2);
    assert_eq!(
        lenient.error.map(|e| e.kind),
        Some(ParseErrorKind::MissingComma)
    );
    assert_eq!(stopped, 8);
    let (lenient, stopped) = parse_lenient_at(text, stopped);
    assert!(lenient.error.is_none());
    assert_eq!(stopped, text.len());
}

#[test]
fn to_serde_matches_serde_json() {
    let text = r#"{"a": [1, -2, 3.5, 1e3, 18446744073709551615, -9223372036854775808], "b": {"c": null, "c": "\u00e9"}, "d": true}"#;
    let expected: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    assert_eq!(ok(text).to_serde(), expected);
}

#[test]
fn path_to_finds_values_and_keys_by_span() {
    let text = r#"{"Reservations": [{"Instances": [{"Id": 1}, {"aws:x": [true, "y"]}]}]}"#;
    let json = ok(text);
    let path_of = |needle: &str| {
        let start = text.find(needle).unwrap_or_default();
        json.path_to(Span::new(start, start + needle.len()))
            .map(|path| path.to_string())
    };
    assert_eq!(
        path_of("\"y\""),
        Some(r#"$.Reservations[0].Instances[1]["aws:x"][1]"#.to_owned())
    );
    assert_eq!(
        path_of("true"),
        Some(r#"$.Reservations[0].Instances[1]["aws:x"][0]"#.to_owned())
    );
    assert_eq!(
        path_of("{\"Id\": 1}"),
        Some("$.Reservations[0].Instances[0]".to_owned())
    );
    assert_eq!(
        path_of("\"Id\""),
        Some("$.Reservations[0].Instances[0].Id".to_owned())
    );
    assert_eq!(path_of(text), Some("$".to_owned()));
    assert_eq!(path_of("Reservations"), None);
    assert_eq!(json.path_to(Span::new(0, 10_000)), None);
}

#[test]
fn walk_visits_every_value_with_its_path() {
    let text =
        r#"{"a": [{"IamInstanceProfile": {"Arn": "x"}}], "b": {"IamInstanceProfile": null}}"#;
    let json = ok(text);
    let mut seen = Vec::new();
    json.walk(&mut |path, value| {
        if value.get("IamInstanceProfile").is_some() {
            seen.push(path.key("IamInstanceProfile").to_string());
        }
    });
    assert_eq!(
        seen,
        ["$.a[0].IamInstanceProfile", "$.b.IamInstanceProfile"]
    );
    let mut count = 0;
    json.walk(&mut |path, value| {
        count += 1;
        assert_eq!(json.path_to(value.span).as_ref(), Some(path));
    });
    assert_eq!(count, 7);
}

#[test]
fn errors_serialize_with_their_code() {
    let error = error_of("[1,]");
    let value = serde_json::to_value(&error).unwrap_or_default();
    assert_eq!(value["kind"]["code"], "trailing_comma");
    assert_eq!(value["span"], serde_json::json!({"start": 2, "end": 3}));
    assert_eq!(
        value["location"],
        serde_json::json!({"line": 1, "column": 3})
    );
    let error = error_of("{\"a\": [");
    let value = serde_json::to_value(&error).unwrap_or_default();
    assert_eq!(value["kind"]["unclosed"]["construct"], "array");
}

// ---- repair mode ----

fn repaired(text: &str) -> (serde_json::Value, Vec<&'static str>, Option<&'static str>) {
    let repaired = parse_repairing(text);
    for repair in &repaired.repairs {
        assert_eq!(repair.location, Location::of(text, repair.span.start));
    }
    (
        repaired
            .value
            .map_or(serde_json::Value::Null, |value| value.to_serde()),
        repaired.repairs.iter().map(|e| e.kind.code()).collect(),
        repaired.error.map(|e| e.kind.code()),
    )
}

#[test]
fn repair_reads_a_hand_edited_policy_with_a_trailing_comma() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"sts:AssumeRole\",}],\n}";
    let result = parse_repairing(text);
    assert_eq!(result.error, None);
    let codes: Vec<_> = result.repairs.iter().map(|e| e.kind.code()).collect();
    assert_eq!(codes, ["trailing_comma", "trailing_comma"]);
    assert_eq!(
        result.repairs[0].location,
        Location {
            line: 3,
            column: 63
        }
    );
    assert_eq!(result.repairs[1].span.slice(text), ",");
    let value = result.value.unwrap_or_else(|| panic!("no value"));
    assert_eq!(
        value.to_serde(),
        serde_json::json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole"}]})
    );
    // Spans are still those of the source text.
    assert_eq!(value.span.slice(text), text);
}

#[test]
fn repair_reads_a_printed_python_dict() {
    let text = "{'Role': {'RoleName': 'web', 'Path': '/', 'Tags': [], 'Ok': True, 'No': False, 'Arn': None, 'Note': 'it\\'s'}}";
    let (value, repairs, error) = repaired(text);
    assert_eq!(error, None);
    assert_eq!(
        value,
        serde_json::json!({"Role": {"RoleName": "web", "Path": "/", "Tags": [], "Ok": true, "No": false, "Arn": null, "Note": "it's"}})
    );
    assert!(repairs
        .iter()
        .all(|code| matches!(*code, "single_quotes" | "python_literal")));
    assert_eq!(repairs.len(), 14);
    let result = parse_repairing(text);
    let role_name = result
        .value
        .as_ref()
        .and_then(|v| v.get("Role")?.member("RoleName"));
    assert_eq!(
        role_name.map(|m| m.key_span.slice(text)),
        Some("'RoleName'")
    );
    assert_eq!(role_name.map(|m| m.value.span.slice(text)), Some("'web'"));
}

#[test]
fn repair_supplies_missing_commas_and_colons() {
    let (value, repairs, error) = repaired("{\n  \"a\": 1\n  \"b\" [2 3]\n}");
    assert_eq!(value, serde_json::json!({"a": 1, "b": [2, 3]}));
    assert_eq!(repairs, ["missing_comma", "missing_colon", "missing_comma"]);
    assert_eq!(error, None);
}

#[test]
fn repair_skips_comments_and_unusual_spaces_and_reads_curly_quotes_and_bare_keys() {
    let text = "// trust policy\n{Version:\u{3000}“2012-10-17”, /* x */ “Statement”: []}";
    let (value, repairs, error) = repaired(text);
    assert_eq!(
        value,
        serde_json::json!({"Version": "2012-10-17", "Statement": []})
    );
    assert_eq!(
        repairs,
        [
            "comment",
            "unquoted_key",
            "unusual_whitespace",
            "smart_quotes",
            "comment",
            "smart_quotes"
        ]
    );
    assert_eq!(error, None);
}

#[test]
fn repair_stops_at_damage_without_one_reading() {
    let (value, repairs, error) = repaired("[1, 2,, 3]");
    assert_eq!(value, serde_json::json!([1, 2]));
    assert!(repairs.is_empty());
    assert_eq!(error, Some("unexpected_char"));
    let (value, repairs, error) = repaired("{'a': 1,\n 'b': 'cut");
    assert_eq!(value, serde_json::json!({"a": 1}));
    // A quote that does not close on its line is not read past.
    assert_eq!(repairs, ["single_quotes", "single_quotes"]);
    assert_eq!(error, Some("single_quotes"));
    let (_, _, error) = repaired("{\"a\": 1}\n$ exit");
    assert_eq!(error, Some("trailing_text"));
}

#[test]
fn repair_takes_a_leading_bom_as_a_bom() {
    let result = parse_repairing("\u{FEFF}");
    assert!(result.repairs.is_empty());
    assert_eq!(result.error.map(|e| e.kind), Some(ParseErrorKind::Empty));
    let result = parse_repairing(" \u{FEFF}[1]");
    assert!(result.repairs.is_empty() && result.error.is_none());
}

#[test]
fn repair_changes_nothing_in_valid_json() {
    let text = r#"{"a": [1, "x", true, null, {"b": -2.5e3}]}"#;
    let result = parse_repairing(text);
    assert_eq!(result.value.as_ref(), parse(text).ok().as_ref());
    assert!(result.repairs.is_empty() && result.error.is_none());
}

#[test]
fn repair_count_is_bounded() {
    let text = format!("[{}]", "1 ".repeat(300));
    let result = parse_repairing(&text);
    assert_eq!(result.repairs.len(), parser::MAX_REPAIRS);
    assert_eq!(
        result.error.map(|e| e.kind),
        Some(ParseErrorKind::MissingComma)
    );
    assert_eq!(
        result.value.map(|v| v.one_or_many().len()),
        Some(parser::MAX_REPAIRS + 1)
    );
}
