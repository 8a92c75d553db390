//! A fleet's reports: `diagnose` given the JSON that `ec2-iam-doctor check --format json` printed
//! on many instances (collected by SSM Run Command, for one) groups them: each finding once,
//! with the instances it holds for, then the instances that pass (no finding of severity error,
//! warning or check). The findings are the engine's, as each instance's report has them; this only
//! counts and groups.

use std::process::ExitCode;

use engine::lang::Lang;
use serde_json::{json, Value};

use crate::args::t;
use crate::diagnose::Source;

/// One instance's report.
pub struct Report {
    /// The instance id `check` read from IMDS, else the file it came from.
    pub instance: String,
    /// (id, severity, title) of each finding.
    pub findings: Vec<(String, String, String)>,
}

/// The reports, when every source is one (a `check` JSON report: `findings`, `summary` and the
/// `instance` key); `None` when any is something else, which `diagnose` then reads as a paste.
pub fn reports(sources: &[Source]) -> Option<Vec<Report>> {
    if sources.len() < 2 {
        return None;
    }
    sources
        .iter()
        .map(|source| {
            let value: Value =
                serde_json::from_str(source.text.trim_start_matches('\u{FEFF}')).ok()?;
            let object = value.as_object()?;
            if !(object.contains_key("instance") && object.contains_key("summary")) {
                return None;
            }
            let findings = object
                .get("findings")?
                .as_array()?
                .iter()
                .filter_map(|f| {
                    Some((
                        f.get("id")?.as_str()?.to_owned(),
                        f.get("severity")?.as_str()?.to_owned(),
                        f.get("title")?.as_str().unwrap_or_default().to_owned(),
                    ))
                })
                .collect();
            let instance = object
                .get("instance")
                .and_then(Value::as_str)
                .map_or_else(|| source.name.clone(), str::to_owned);
            Some(Report { instance, findings })
        })
        .collect()
}

const SEVERITIES: [&str; 4] = ["error", "warning", "info", "check"];

/// One finding id across the fleet.
struct Group {
    id: String,
    severity: String,
    title: String,
    instances: Vec<String>,
}

fn groups(reports: &[Report]) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for report in reports {
        for (id, severity, title) in &report.findings {
            match groups
                .iter_mut()
                .find(|g| &g.id == id && &g.severity == severity)
            {
                Some(group) => {
                    if !group.instances.contains(&report.instance) {
                        group.instances.push(report.instance.clone());
                    }
                }
                None => groups.push(Group {
                    id: id.clone(),
                    severity: severity.clone(),
                    title: title.clone(),
                    instances: vec![report.instance.clone()],
                }),
            }
        }
    }
    let rank = |severity: &str| {
        SEVERITIES
            .iter()
            .position(|s| *s == severity)
            .unwrap_or(SEVERITIES.len())
    };
    groups.sort_by(|a, b| {
        rank(&a.severity)
            .cmp(&rank(&b.severity))
            .then(b.instances.len().cmp(&a.instances.len()))
            .then(a.id.cmp(&b.id))
    });
    groups
}

pub fn print(reports: &[Report], format: &str, lang: Lang) -> ExitCode {
    let groups = groups(reports);
    let passing: Vec<&str> = reports
        .iter()
        .filter(|r| {
            r.findings
                .iter()
                .all(|(_, severity, _)| !matches!(severity.as_str(), "error" | "warning" | "check"))
        })
        .map(|r| r.instance.as_str())
        .collect();
    let broken = reports
        .iter()
        .filter(|r| {
            r.findings
                .iter()
                .any(|(_, severity, _)| severity == "error")
        })
        .count();
    match format {
        "json" => {
            let findings: Vec<Value> = groups
                .iter()
                .map(|g| json!({"id": g.id, "severity": g.severity, "title": g.title, "instances": g.instances}))
                .collect();
            let value = json!({
                "lang": lang.code(),
                "fleet": {"reports": reports.len(), "broken": broken, "findings": findings, "passing": passing},
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            );
        }
        _ => {
            let markdown = format == "markdown";
            let mut out = String::new();
            out.push_str(&match (lang, markdown) {
                (Lang::En, true) => format!(
                    "# ec2-iam-doctor fleet: {} instances, {broken} broken\n\n",
                    reports.len()
                ),
                (Lang::Ja, true) => format!(
                    "# ec2-iam-doctor フリート: インスタンス {} 台、問題あり {broken} 台\n\n",
                    reports.len()
                ),
                (Lang::En, false) => {
                    format!("Fleet: {} instances, {broken} broken\n\n", reports.len())
                }
                (Lang::Ja, false) => format!(
                    "フリート: インスタンス {} 台、問題あり {broken} 台\n\n",
                    reports.len()
                ),
            });
            for group in &groups {
                let shown: Vec<&str> = group
                    .instances
                    .iter()
                    .take(10)
                    .map(String::as_str)
                    .collect();
                let more = group.instances.len().saturating_sub(shown.len());
                let mut list = shown.join(", ");
                if more > 0 {
                    list.push_str(&match lang {
                        Lang::En => format!(" and {more} more"),
                        Lang::Ja => format!(" ほか {more} 台"),
                    });
                }
                let count = group.instances.len();
                if markdown {
                    out.push_str(&format!(
                        "- **{}** `{}` ({count}): {}\n  - {list}\n",
                        group.severity, group.id, group.title
                    ));
                } else {
                    out.push_str(&format!(
                        "{} {} ({count})\n  {}\n  {list}\n",
                        group.severity, group.id, group.title
                    ));
                }
            }
            let label = t(
                lang,
                "passing (no error, warning or check)",
                "問題なし (error・warning・check なし)",
            );
            let list = if passing.is_empty() {
                "-".to_owned()
            } else {
                passing.join(", ")
            };
            out.push_str(&format!("\n{label} ({}): {list}\n", passing.len()));
            print!("{out}");
        }
    }
    if broken > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
