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
    if matches.get_flag("inputs") {
        print!("{}", inputs_listing(&case, lang));
        return ExitCode::SUCCESS;
    }
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

/// What `open --inputs` prints: each text the link carries under the Share dialog's caption
/// (`Paste 1`), control characters written out so a hostile link cannot drive the terminal.
pub fn inputs_listing(case: &share::Case, lang: Lang) -> String {
    let mut out = String::new();
    for (index, text) in case.inputs.iter().enumerate() {
        let caption = match lang {
            Lang::En => format!("Paste {}", index + 1),
            Lang::Ja => format!("貼り付け {}", index + 1),
        };
        out.push_str(&format!("===== {caption} =====\n"));
        out.push_str(&engine::report::escape_controls(text));
        if !text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_listed_whole_with_controls_escaped() {
        let case = share::Case::of_texts(&["{\"a\": 1}", "line\x1b]52;c;aGk=\x07\n"]);
        assert_eq!(
            inputs_listing(&case, Lang::En),
            "===== Paste 1 =====\n{\"a\": 1}\n===== Paste 2 =====\nline\\x1b]52;c;aGk=\\x07\n"
        );
    }
}
