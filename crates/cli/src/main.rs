//! `ec2-iam-doctor`: the engine's diagnosis in a terminal, a runbook or a CI job.
//!
//! Exit status of every command: 0 done (for `diagnose`: no finding of severity `error`), 1 at
//! least one `error` finding, 2 bad usage or unreadable input.

use std::ffi::OsString;
use std::process::ExitCode;

mod args;
mod catalog;
mod check;
mod diagnose;
mod fleet;
mod gather_cmd;
mod policy_cmd;
mod share_cmd;
mod terminal;

/// Bad usage or unreadable input.
pub const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let argv: Vec<OsString> = std::env::args_os().collect();
    // `policy` parses its own arguments (its options are its own business).
    if argv.get(1).and_then(|a| a.to_str()) == Some("policy") {
        let rest: Vec<String> = argv
            .iter()
            .skip(2)
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        return policy_cmd::run(&rest);
    }
    let lang = args::language(&argv);
    let matches = match args::command(lang).try_get_matches_from(&argv) {
        Ok(matches) => matches,
        Err(error) => {
            // Help and version print to stdout and exit 0; usage errors exit 2.
            let _ = error.print();
            return if error.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match matches.subcommand() {
        Some(("diagnose", sub)) => diagnose::run(sub, lang),
        Some(("check", sub)) => check::run(sub, lang),
        Some(("rules", sub)) => catalog::rules(sub, lang),
        Some(("explain", sub)) => catalog::explain(sub, lang),
        Some(("gather", sub)) => gather_cmd::run(sub, lang),
        Some(("link", sub)) => share_cmd::link(sub, lang),
        Some(("open", sub)) => share_cmd::open(sub, lang),
        Some(("policy", sub)) => {
            let rest: Vec<String> = sub
                .get_many::<String>("args")
                .map(|values| values.cloned().collect())
                .unwrap_or_default();
            policy_cmd::run(&rest)
        }
        _ => {
            let _ = args::command(lang).print_help();
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// Prints `ec2-iam-doctor: MESSAGE` on standard error and returns exit status 2.
pub fn usage_error(message: &str) -> ExitCode {
    eprintln!("ec2-iam-doctor: {message}");
    ExitCode::from(EXIT_USAGE)
}
