//! `ec2-iam-doctor rules` and `ec2-iam-doctor explain ID`: the registry of checks.

use std::process::ExitCode;

use clap::ArgMatches;
use engine::lang::Lang;
use engine::rules::{self, RuleInfo};

use crate::args::t;

/// Columns a terminal gives a character: two for the wide scripts (CJK, kana, full-width forms).
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF => 2,
            0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(display_width(text));
    format!("{text}{}", " ".repeat(fill))
}

fn sections(rule: &RuleInfo, lang: Lang) -> String {
    if rule.sections.is_empty() {
        t(lang, "beyond the guide", "ガイド外").to_owned()
    } else {
        rule.sections
            .iter()
            .map(|s| s.id())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn rules_json(lang: Lang) -> serde_json::Value {
    let rules: Vec<serde_json::Value> = rules::rules()
        .iter()
        .map(|rule| {
            serde_json::json!({
                "id": rule.id,
                "severity": rule.severity.id(),
                "sections": rule.sections.iter().map(|s| s.id()).collect::<Vec<_>>(),
                "area": rule.area.id(),
                "summary": rule.summary.get(lang),
            })
        })
        .collect();
    serde_json::json!({ "lang": lang.code(), "rules": rules })
}

fn rules_text(lang: Lang) -> String {
    let headers = [
        t(lang, "id", "ID"),
        t(lang, "severity", "重大度"),
        t(lang, "section", "節"),
        t(lang, "what it checks", "確認する内容"),
    ];
    let rows: Vec<[String; 4]> = rules::rules()
        .iter()
        .map(|rule| {
            [
                rule.id.to_owned(),
                rule.severity.label(lang).to_owned(),
                sections(rule, lang),
                rule.summary.get(lang).to_owned(),
            ]
        })
        .collect();
    let width = |column: usize| {
        rows.iter()
            .map(|row| row.get(column).map_or(0, |cell| display_width(cell)))
            .chain(headers.get(column).map(|h| display_width(h)))
            .max()
            .unwrap_or_default()
    };
    let widths = [width(0), width(1), width(2)];
    let line = |cells: [&str; 4]| {
        let [id, severity, section, summary] = cells;
        format!(
            "{}  {}  {}  {summary}\n",
            pad(id, widths[0]),
            pad(severity, widths[1]),
            pad(section, widths[2])
        )
    };
    let mut out = line(headers);
    for row in &rows {
        let [id, severity, section, summary] = row;
        out.push_str(&line([id, severity, section, summary]));
    }
    out
}

fn rules_markdown(lang: Lang) -> String {
    let mut out = format!(
        "| {} | {} | {} | {} |\n| --- | --- | --- | --- |\n",
        t(lang, "id", "ID"),
        t(lang, "section", "節"),
        t(lang, "severity", "重大度"),
        t(lang, "what it checks", "確認する内容"),
    );
    for rule in rules::rules() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            sections(rule, lang),
            rule.severity.id(),
            rule.summary.get(lang).replace('|', "\\|")
        ));
    }
    out
}

pub fn rules(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let format = matches
        .get_one::<String>("format")
        .map_or("text", String::as_str);
    let out = match format {
        "json" => {
            let mut text = serde_json::to_string_pretty(&rules_json(lang)).unwrap_or_default();
            text.push('\n');
            text
        }
        "markdown" => rules_markdown(lang),
        _ => rules_text(lang),
    };
    print!("{out}");
    ExitCode::SUCCESS
}

pub fn explain(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let id = matches.get_one::<String>("id").map_or("", String::as_str);
    match rules::explain(id, lang) {
        Some(text) => {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            ExitCode::SUCCESS
        }
        None => {
            let near: Vec<&str> = rules::rules()
                .iter()
                .map(|rule| rule.id)
                .filter(|candidate| {
                    !id.is_empty() && (candidate.contains(id) || id.contains(candidate))
                })
                .collect();
            let mut message = match lang {
                Lang::En => format!("unknown finding id `{id}`: `ec2-iam-doctor rules` lists them"),
                Lang::Ja => format!(
                    "`{id}` という検出結果の ID はありません: 一覧は `ec2-iam-doctor rules` で表示できます"
                ),
            };
            if !near.is_empty() {
                message.push_str(&format!(
                    "\n{} {}",
                    t(lang, "did you mean:", "もしかして:"),
                    near.join(", ")
                ));
            }
            crate::usage_error(&message)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_take_two_columns() {
        assert_eq!(display_width("error"), 5);
        assert_eq!(display_width("エラー"), 6);
        assert_eq!(pad("警告", 6), "警告  ");
    }

    #[test]
    fn the_rules_table_lists_every_rule_once() {
        for lang in Lang::ALL {
            let table = rules_text(lang);
            assert_eq!(table.lines().count(), rules::rules().len() + 1);
            for rule in rules::rules() {
                let rows = table
                    .lines()
                    .filter(|line| line.split_whitespace().next() == Some(rule.id))
                    .count();
                assert_eq!(rows, 1, "{}", rule.id);
            }
        }
        let json = rules_json(Lang::Ja);
        assert_eq!(
            json["rules"].as_array().map(Vec::len),
            Some(rules::rules().len())
        );
    }
}
