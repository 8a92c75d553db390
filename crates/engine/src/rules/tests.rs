//! Registry tests: every catalog id is registered (and nothing else), every rule explains itself
//! in both languages with the same headings and placeholders.

use super::*;
use crate::finding::placeholders;

const CATALOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/guide/CATALOG.md");

/// `(id, sections)` of every row of the catalog's findings tables.
fn catalog_findings() -> Vec<(String, Vec<String>)> {
    let text = std::fs::read_to_string(CATALOG).unwrap_or_default();
    assert!(!text.is_empty(), "cannot read {CATALOG}");
    let findings = text.split("## Findings").nth(1).unwrap_or_default();
    let findings = findings.split("\n## ").next().unwrap_or_default();
    let mut rows = Vec::new();
    let mut beyond = false;
    for line in findings.lines() {
        if line.starts_with("### Beyond") {
            beyond = true;
        }
        let Some(rest) = line.strip_prefix("| `") else {
            continue;
        };
        let id = rest.split('`').next().unwrap_or_default().to_owned();
        let sections = if beyond {
            Vec::new()
        } else {
            let cell = line.split('|').nth(2).unwrap_or_default();
            cell.split(',')
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect()
        };
        rows.push((id, sections));
    }
    rows
}

#[test]
fn registry_is_sorted_and_unique() {
    let ids: Vec<&str> = rules().iter().map(|r| r.id).collect();
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(ids, sorted);
    for id in ids {
        assert_eq!(rule(id).map(|r| r.id), Some(id));
    }
    assert!(rule("no-such-rule").is_none());
    for (old, new) in ALIASES {
        assert!(rule(new).is_some(), "alias {old} points at unknown {new}");
        assert!(
            rules().iter().all(|r| r.id != *old),
            "alias {old} is still a rule id"
        );
    }
}

#[test]
fn every_catalog_id_is_registered_and_nothing_else() {
    let catalog = catalog_findings();
    assert_eq!(catalog.len(), 31, "the catalog lists 31 findings");
    let mut catalog_ids: Vec<&str> = catalog.iter().map(|(id, _)| id.as_str()).collect();
    catalog_ids.sort_unstable();
    let registered: Vec<&str> = rules().iter().map(|r| r.id).collect();
    assert_eq!(catalog_ids, registered);
    for (id, sections) in &catalog {
        let rule = rule(id).map(|r| {
            r.sections
                .iter()
                .map(|s| s.id().to_owned())
                .collect::<Vec<_>>()
        });
        assert_eq!(rule.as_ref(), Some(sections), "sections of {id}");
    }
}

#[test]
fn explanations_have_every_heading_in_both_languages() {
    for rule in rules() {
        for lang in Lang::ALL {
            let text = rule.explanation.get(lang);
            assert!(
                text.starts_with(&format!("# `{}`", rule.id)),
                "{} {}: first line names the id",
                rule.id,
                lang.code()
            );
            let mut from = 0;
            for heading in EXPLANATION_HEADINGS {
                let heading = heading.get(lang);
                let at = text
                    .get(from..)
                    .and_then(|rest| rest.find(&format!("\n{heading}\n")));
                assert!(
                    at.is_some(),
                    "{} {}: missing or misplaced `{heading}`",
                    rule.id,
                    lang.code()
                );
                from += at.unwrap_or_default() + heading.len() + 1;
            }
            let guide = finding::guide_url(lang);
            for section in rule.sections {
                assert!(
                    text.contains(&format!("{guide}#{}", section.anchor())),
                    "{} {}: links its guide section in that language",
                    rule.id,
                    lang.code()
                );
            }
            let other_prefix = match lang {
                Lang::En => "/ja_jp/",
                Lang::Ja => "docs.aws.amazon.com/IAM/",
            };
            assert!(
                !text.contains(other_prefix),
                "{} {}: links the other language",
                rule.id,
                lang.code()
            );
        }
    }
}

#[test]
fn counted_words_agree_with_their_number() {
    let mut problems = Vec::new();
    for rule in rules() {
        for message in rule.messages {
            for text in [message.title, message.detail] {
                problems.extend(crate::finding::count_problems(text.en, text.ja, &["count"]));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn placeholders_match_between_languages() {
    for rule in rules() {
        let mut keys: Vec<&str> = rule.messages.iter().map(|m| m.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(
            keys.len(),
            rule.messages.len(),
            "{}: message keys are unique",
            rule.id
        );
        assert!(!rule.messages.is_empty(), "{} has messages", rule.id);
        let texts = rule
            .messages
            .iter()
            .flat_map(|m| [(m.key, "title", m.title), (m.key, "detail", m.detail)])
            .chain([
                ("summary", "summary", rule.summary),
                ("explanation", "md", rule.explanation),
            ]);
        for (key, part, text) in texts {
            assert_eq!(
                placeholders(text.en),
                placeholders(text.ja),
                "{} {key} {part}: placeholders differ between en and ja",
                rule.id
            );
            assert!(!text.en.trim().is_empty() && !text.ja.trim().is_empty());
        }
        for message in rule.messages {
            // Titles are one line and follow the style guide: no trailing period.
            for lang in Lang::ALL {
                let title = message.title.get(lang);
                assert!(
                    !title.contains('\n'),
                    "{} {}: one line",
                    rule.id,
                    message.key
                );
                assert!(
                    !title.ends_with('.') && !title.ends_with('。'),
                    "{} {}: no period",
                    rule.id,
                    message.key
                );
            }
            // The detail never needs a value the title lacks and vice versa only where the
            // rule fills both from one value list: both are filled from the same values.
            let values: Vec<(&str, &str)> = placeholders(message.title.en)
                .into_iter()
                .chain(placeholders(message.detail.en))
                .map(|p| (p, "x"))
                .collect();
            let filled = finding::fill(message.detail.ja, &values);
            assert!(
                placeholders(&filled).is_empty(),
                "{} {}",
                rule.id,
                message.key
            );
        }
    }
}

#[test]
fn explain_gives_each_language() {
    let en = explain("instance-profile-empty", Lang::En).unwrap_or_default();
    let ja = explain("instance-profile-empty", Lang::Ja).unwrap_or_default();
    assert!(en.contains("## Why it breaks"));
    assert!(ja.contains("## 問題になる理由"));
    assert!(explain("nope", Lang::En).is_none());
}

#[test]
fn index_lists_every_rule_with_its_sections() {
    let index = rules_index_markdown();
    assert_eq!(index.lines().count(), 2 + rules().len());
    assert!(index.contains("| `instance-profile-empty` | S4, S6 | error |"));
    assert!(index.contains("| `secrets-in-input` | beyond the guide | warning |"));
}

#[test]
fn findings_carry_the_rule_and_the_guide_link() {
    let finding = profile::instance_profile_empty::RULE.finding(
        "roles-empty",
        Lang::Ja,
        &[("profile", "web")],
    );
    assert_eq!(finding.id, "instance-profile-empty");
    assert!(finding.title.contains("`web`"));
    assert!(finding.references.iter().all(|r| r.url.contains("/ja_jp/")));
    assert_eq!(finding.section, Some(Section::S4));
}
