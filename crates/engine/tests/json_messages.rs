//! The sentence a user reads for each kind of damaged paste, in both languages, kept as a
//! snapshot so that wording changes are reviewed like code.

use engine::json;
use engine::lang::Lang;

/// One damaged paste per line of the snapshot: what it is, and the text.
const PASTES: &[(&str, &str)] = &[
    ("empty paste", "  \n"),
    (
        "cut-off describe-instances",
        "{\n    \"Reservations\": [\n        {\n            \"Instances\": [\n                {\n                    \"InstanceId\": \"i-0123",
    ),
    ("cut inside an escape", "{\"a\": \"\\u00"),
    ("stray character", "{\"Version\": \"2012-10-17\", @}"),
    ("bracket of the wrong kind", "{\"Statement\": [{\"Effect\": \"Allow\"}}"),
    ("Windows path", "{\"Path\": \"C:\\Users\\me\"}"),
    ("number with a leading zero", "{\"Code\": 016}"),
    ("line break inside a string", "{\"Message\": \"two\nlines\"}"),
    ("trailing comma", "{\n  \"Action\": [\"s3:GetObject\",],\n}"),
    ("missing comma", "{\n  \"Effect\": \"Allow\"\n  \"Action\": \"*\"\n}"),
    ("missing colon", "{\"Effect\" \"Allow\"}"),
    ("Python dict", "{'Role': {'RoleName': 'web'}}"),
    ("Python constant", "{\"IsTruncated\": False}"),
    ("curly quotes", "{“Version”: “2012-10-17”}"),
    ("unquoted key", "{Version: \"2012-10-17\"}"),
    ("NaN", "{\"Code\": NaN}"),
    ("ellipsis", "{\"Statement\": [ ... ]}"),
    ("comment", "{\n  // allow EC2\n  \"Effect\": \"Allow\"\n}"),
    ("ideographic space", "{\"Effect\":\u{3000}\"Allow\"}"),
    (
        "shell prompt after the output",
        "{\n    \"Account\": \"111122223333\"\n}\n[ec2-user@ip-172-31-0-1 ~]$ ",
    ),
];

#[test]
fn every_damaged_paste_reads_as_one_located_sentence_per_language() {
    let deep = "[".repeat(json::MAX_DEPTH + 1);
    let pastes = PASTES
        .iter()
        .copied()
        .chain([("nested deeper than the limit", deep.as_str())]);
    let mut report = String::new();
    for (what, text) in pastes {
        let Err(error) = json::parse(text) else {
            panic!("{what}: parsed");
        };
        let covered = error.span.slice(text);
        let covered: String = covered.chars().take(40).collect();
        report.push_str(&format!(
            "## {what}\ncode: {}  at {}  covers: {covered:?}\nen: {}\nja: {}\n\n",
            error.kind.code(),
            error.location,
            error.message(Lang::En),
            error.message(Lang::Ja)
        ));
    }
    insta::assert_snapshot!(report);
}
