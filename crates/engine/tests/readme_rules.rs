//! The README's rule index is generated from the registry: this test fails when it is stale.
//! `UPDATE_README=1 cargo test -p ec2-iam-doctor-engine --test readme_rules` rewrites it.

const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
const START: &str = "<!-- rules:start -->";
const END: &str = "<!-- rules:end -->";

#[test]
fn readme_rule_index_is_current() {
    let readme = std::fs::read_to_string(README).unwrap_or_default();
    assert!(!readme.is_empty(), "cannot read {README}");
    let (Some(start), Some(end)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md lacks the `{START}` / `{END}` markers");
    };
    assert!(start < end, "README.md markers are out of order");
    let table_start = start + START.len();
    let current = readme.get(table_start..end).unwrap_or_default();
    let generated = format!("\n{}", engine::rules::rules_index_markdown());
    if current == generated {
        return;
    }
    if std::env::var("UPDATE_README").is_ok_and(|v| v == "1") {
        let updated = format!(
            "{}{}{}",
            readme.get(..table_start).unwrap_or_default(),
            generated,
            readme.get(end..).unwrap_or_default()
        );
        std::fs::write(README, updated).unwrap_or_else(|e| panic!("cannot write {README}: {e}"));
        return;
    }
    panic!(
        "the rule index in README.md is stale; run `UPDATE_README=1 cargo test -p ec2-iam-doctor-engine --test readme_rules`\n--- README\n{current}\n--- generated\n{generated}"
    );
}
