//! When to colour: only on a terminal, never with `NO_COLOR` set (https://no-color.org: any
//! non-empty value), never on a `dumb` terminal.

use std::io::IsTerminal;

use engine::report::TextStyle;

/// The style for standard output.
pub fn stdout_style() -> TextStyle {
    style_for(
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("TERM").as_deref(),
    )
}

fn style_for(
    is_terminal: bool,
    no_color: Option<&std::ffi::OsStr>,
    term: Option<&std::ffi::OsStr>,
) -> TextStyle {
    let no_color = no_color.is_some_and(|value| !value.is_empty());
    let dumb = term.is_some_and(|value| value == "dumb");
    if is_terminal && !no_color && !dumb {
        TextStyle::Ansi
    } else {
        TextStyle::Plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        let xterm = Some(OsStr::new("xterm-256color"));
        assert_eq!(style_for(true, None, xterm), TextStyle::Ansi);
        assert_eq!(style_for(false, None, xterm), TextStyle::Plain);
        assert_eq!(
            style_for(true, Some(OsStr::new("1")), xterm),
            TextStyle::Plain
        );
        // An empty NO_COLOR does not count (no-color.org).
        assert_eq!(
            style_for(true, Some(OsStr::new("")), xterm),
            TextStyle::Ansi
        );
        assert_eq!(
            style_for(true, None, Some(OsStr::new("dumb"))),
            TextStyle::Plain
        );
    }
}
