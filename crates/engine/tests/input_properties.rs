//! Property tests: `read` never panics on any text, and every span it returns slices the text
//! on character boundaries.

use engine::input::read;
use engine::lang::Lang;
use engine::text::Location;
use proptest::prelude::*;

fn check_spans(text: &str, value: &serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) = (
                map.get("start").and_then(|v| v.as_u64()),
                map.get("end").and_then(|v| v.as_u64()),
            ) {
                let (start, end) = (start as usize, end as usize);
                assert!(
                    start <= end && end <= text.len(),
                    "span {start}..{end} outside the text"
                );
                assert!(
                    text.is_char_boundary(start) && text.is_char_boundary(end),
                    "span {start}..{end} cuts a character"
                );
            }
            map.values().for_each(|child| check_spans(text, child));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| check_spans(text, item)),
        _ => {}
    }
}

fn check(text: &str) {
    let inputs = read(text);
    let value = serde_json::to_value(&inputs).unwrap_or_default();
    check_spans(text, &value);
    for problem in inputs.iter().flat_map(|input| &input.problems) {
        assert_eq!(problem.location, Location::of(text, problem.span.start));
        assert!(!problem.message(Lang::En).contains("{line}"));
        assert!(!problem.message(Lang::Ja).contains("{column}"));
    }
}

/// Pieces of real pastes, shuffled and cut, so the generator reaches the readers' paths.
const PIECES: &[&str] = &[
    "$ ", "[ec2-user@host ~]$ ", "PS C:\\> ", "jane@laptop:~% ", "aws iam get-role --role-name web\n",
    "curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/web\n", "{", "}", "[", "]",
    "\"Code\" : \"Success\",", "\"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",", "\"InstanceProfile\": {", "\"Roles\": [",
    "\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}}]",
    "An error occurred (AccessDenied) when calling the RunInstances operation: ",
    "User: arn:aws:sts::1:assumed-role/r/i-0123456789abcdef0 is not authorized to perform: iam:PassRole on resource: ",
    "instance profile web ", "because no identity-based policy allows the iam:PassRole action",
    "with an explicit deny in a service control policy", "Encoded authorization failure message: AbC-_x",
    "<Response><Errors><Error><Code>", "</Code>", "<title>404 - Not Found</title>", "> GET /latest/api/token\n",
    "< HTTP 401\n", "curl: (7) Failed\n", "%7B%22Version%22%3A", "日本語の説明\u{3000}", "\r\n", "\n", "\u{FEFF}",
    "AWS_SECRET_ACCESS_KEY=abc\n", "Unable to locate credentials", "StatusCode: 404 ec2imds",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn read_never_panics_on_arbitrary_text(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn read_never_panics_on_shuffled_paste_pieces(indexes in prop::collection::vec(0..PIECES.len(), 0..40), cut in any::<usize>()) {
        let text: String = indexes.iter().map(|&i| PIECES[i]).collect();
        check(&text);
        // And on every cut of it (a paste that stops anywhere).
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        check(&text[..at]);
    }
}

#[test]
fn deep_nesting_and_long_runs_stay_fast() {
    let started = std::time::Instant::now();
    check(&"[".repeat(100_000));
    check(&"{\"a\":".repeat(50_000));
    check(&"An error occurred (".repeat(20_000));
    check(&"User: arn:aws:iam::1:user/x ".repeat(20_000));
    check(&format!("{}x", " ".repeat(200_000)));
    check(&"$ aws iam get-role\n".repeat(20_000));
    check(&"<Error><Code>".repeat(20_000));
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}
