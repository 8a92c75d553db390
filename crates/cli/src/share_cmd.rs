//! `ec2-iam-doctor link` and `ec2-iam-doctor open`: the page's share links from a terminal, under
//! the same rules (credentials removed, never masked; see `engine::share`).

use std::process::ExitCode;

use clap::ArgMatches;
use engine::lang::Lang;
use engine::share::{self, Form, ShareOptions};

use crate::diagnose::{print_diagnosis, read_or_report};

/// Prints the link the page would make of these pastes.
pub fn link(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let names: Vec<String> = matches
        .get_many::<String>("files")
        .map(|values| values.cloned().collect())
        .unwrap_or_default();
    let sources = match read_or_report(&names, lang) {
        Ok(sources) => sources,
        Err(status) => return status,
    };
    let options = ShareOptions {
        form: if matches.get_flag("minimal") {
            Form::Minimal
        } else {
            Form::Full
        },
        anonymise: matches.get_flag("anonymise"),
        keep_authorization_messages: matches.get_flag("keep-authorization-messages"),
    };
    let texts: Vec<&str> = sources.iter().map(|s| s.text.as_str()).collect();
    let base_url = matches.get_one::<String>("base-url").map(String::as_str);
    match share::link_for_texts(&texts, base_url, &options) {
        Ok(link) => {
            println!("{link}");
            ExitCode::SUCCESS
        }
        Err(error) => crate::usage_error(&error.message(lang)),
    }
}

/// Diagnoses the case a link carries, printed as `diagnose` prints it.
pub fn open(matches: &ArgMatches, lang: Lang) -> ExitCode {
    let link = matches
        .get_one::<String>("link")
        .map(String::as_str)
        .unwrap_or_default();
    let case = match share::open_link(link) {
        Ok(case) => case,
        Err(error) => return crate::usage_error(&error.message(lang)),
    };
    // The link's language is the sender's choice; an explicit --lang wins.
    let lang = if matches.get_one::<String>("lang").is_some() {
        lang
    } else {
        case.lang.unwrap_or(lang)
    };
    let format = matches
        .get_one::<String>("format")
        .map_or("text", String::as_str);
    let names: Vec<String> = (1..=case.inputs.len())
        .map(|n| match lang {
            Lang::En => format!("link input {n}"),
            Lang::Ja => format!("リンクの入力 {n}"),
        })
        .collect();
    print_diagnosis(&case.to_rules_case(), &names, format, lang)
}
