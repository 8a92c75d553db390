//! `ec2-iam-doctor gather`: the Gather panel's commands for the shell.

use std::process::ExitCode;

use clap::ArgMatches;
use engine::gather::{self, GatherRequest, Where};
use engine::lang::Lang;

fn list(request: &GatherRequest, lang: Lang) -> String {
    let steps = gather::steps(request);
    let mut out = String::new();
    for place in Where::ALL {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("{}\n", place.title(lang)));
        for step in steps.iter().filter(|step| step.where_ == place) {
            out.push_str(&format!(
                "\n  # {}: {}\n  {}\n",
                step.id,
                step.title(lang),
                step.command
            ));
        }
    }
    let placeholders: Vec<&str> = {
        let mut all: Vec<&str> = steps
            .iter()
            .flat_map(|step| step.placeholders.iter().copied())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    };
    if !placeholders.is_empty() {
        out.push_str(&match lang {
            Lang::En => format!(
                "\nReplace {} with your names (or give them: --role, --profile, --instance-id).\n",
                placeholders.join(", ")
            ),
            Lang::Ja => format!(
                "\n{} は実際の名前に置き換えてください (--role、--profile、--instance-id で指定することもできます)。\n",
                placeholders.join("、")
            ),
        });
    }
    out
}

fn steps_json(request: &GatherRequest, lang: Lang) -> serde_json::Value {
    let steps: Vec<serde_json::Value> = gather::steps(request)
        .iter()
        .map(|step| {
            serde_json::json!({
                "id": step.id,
                "where": step.where_.id(),
                "title": step.title(lang),
                "command": step.command,
                "placeholders": step.placeholders,
            })
        })
        .collect();
    serde_json::json!({ "lang": lang.code(), "steps": steps })
}

pub fn run(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let text = |name: &str| matches.get_one::<String>(name).cloned();
    let request = GatherRequest {
        role: text("role"),
        profile: text("profile"),
        instance_id: text("instance-id"),
        place: text("on")
            .as_deref()
            .and_then(Where::from_id)
            .unwrap_or_default(),
        lang,
    };
    if let Err(invalid) = request.validate() {
        return crate::usage_error(&invalid.message(lang));
    }
    let out = match text("format").as_deref() {
        Some("list") => list(&request, lang),
        Some("json") => {
            let mut json =
                serde_json::to_string_pretty(&steps_json(&request, lang)).unwrap_or_default();
            json.push('\n');
            json
        }
        _ => gather::shell_script(&request),
    };
    print!("{out}");
    ExitCode::SUCCESS
}
