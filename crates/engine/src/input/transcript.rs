//! Splits a terminal transcript into commands and their outputs.
//!
//! A prompt line starts a new part: `$ cmd`, `# cmd`, `[ec2-user@host ~]$ cmd`,
//! `jane@laptop:~% cmd`, `user@host:~/dir$ cmd`, `bash-5.1# cmd`, `PS C:\> cmd`, `C:\> cmd`.
//! A line starting with `aws SERVICE OPERATION` or an HTTP client aimed at IMDS counts as a
//! command without a prompt. Bare `#` and `%` prompts must be followed by a known program, so a
//! Markdown heading or a comment is not taken for a command.

use super::command::CommandLine;
use super::scan;
use crate::pace::{self, NoPause, Pace};
use crate::text::Span;

/// One output and the command that produced it (when the paste shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub command: Option<CommandLine>,
    /// The output (absolute span, may be empty).
    pub body: Span,
}

const KNOWN_PROGRAMS: &[&str] = &[
    "aws",
    "curl",
    "wget",
    "sudo",
    "export",
    "env",
    "printenv",
    "cat",
    "echo",
    "jq",
    "ec2-metadata",
    "invoke-restmethod",
    "invoke-webrequest",
    "irm",
    "iwr",
    "http",
    "python",
    "python3",
    "set",
];

/// Programs whose output says nothing about instance profiles, roles or credentials: moving
/// around the shell, version control, editors and pagers, package managers, system status, the
/// login itself. A transcript part they produced is skipped with a note instead of being read
/// (and reported as unreadable). Not here on purpose: `env`, `export`, `printenv`, `echo`,
/// `cat`, `date`, `sudo` alone — they print the client's configuration, a pasted file or the
/// clock, which the diagnosis may read.
const UNRELATED_PROGRAMS: &[&str] = &[
    "cd", "pushd", "popd", "ls", "ll", "la", "dir", "pwd", "tree", "clear", "cls", "reset",
    "history", "exit", "logout", "git", "svn", "hg", "vi", "vim", "nvim", "nano", "emacs", "less",
    "more", "man", "mkdir", "rmdir", "touch", "cp", "mv", "rm", "chmod", "chown", "ln", "top",
    "htop", "ps", "kill", "df", "du", "free", "uptime", "uname", "hostname", "whoami", "id",
    "groups", "ssh", "scp", "mosh", "su", "tmux", "screen", "yum", "dnf", "apt", "apt-get", "brew",
    "pip", "pip3", "npm", "make", "which", "type", "alias", "source", ".", "ping",
];

/// What makes a command of [`UNRELATED_PROGRAMS`] worth reading after all: it looks at the
/// container marks (`ls -d /.dockerenv /run/.containerenv`, `/proc/1/cgroup`:
/// `ec2-iam-doctor check` records them the same way), the AWS config folder, the ECS agent's
/// config or IMDS itself.
const READ_ANYWAY: &[&str] = &[
    ".dockerenv",
    ".containerenv",
    "cgroup",
    ".aws",
    "ecs.config",
    "169.254.169.254",
    "fd00:ec2::254",
];

/// Whether the diagnosis has no use for what `command` printed (see [`UNRELATED_PROGRAMS`]).
pub fn is_unrelated(command: &CommandLine) -> bool {
    let program = command.program.to_ascii_lowercase();
    UNRELATED_PROGRAMS.contains(&program.as_str())
        && !READ_ANYWAY.iter().any(|word| command.text.contains(word))
}

/// Whether `text[span]`, printed before any command, is what a login prints: OpenSSH's
/// `Last login: %s from %s` (sshlogin.c), a distribution's MOTD (`Welcome to %s` of Ubuntu's
/// update-motd `00-header`, the `Amazon Linux` banner of its `/etc/motd`).
pub fn is_login_banner(text: &str, span: Span) -> bool {
    scan::lines(text, span).take(16).any(|line| {
        let line = line.slice(text).trim();
        line.starts_with("Last login: ")
            || line.starts_with("Welcome to ")
            || (line.contains("Amazon Linux") && !line.contains('{') && !line.contains('"'))
    })
}

/// Splits `text[span]` into parts. Text before the first command is a part without command.
pub fn split(text: &str, span: Span) -> Vec<Part> {
    let mut no_pause = NoPause;
    pace::run_ready(split_paced(
        text,
        span,
        &mut Pace::new(&mut no_pause, text.len(), usize::MAX),
    ))
}

/// [`split`], offering a pause about every slice of lines (a 20 MB paste has half a million).
pub(crate) async fn split_paced(text: &str, span: Span, pace: &mut Pace<'_>) -> Vec<Part> {
    let mut parts = Vec::new();
    let mut current_command: Option<CommandLine> = None;
    let mut body_start = span.start;
    let mut line_iter = scan::lines(text, span).peekable();
    while let Some(line) = line_iter.next() {
        pace.at(line.end).await;
        let Some((prompt, command_start, glued_at)) = prompt_of(text, line) else {
            continue;
        };
        // The command may go on over `\`- or `` ` ``-continued lines.
        let mut command_end = line.end;
        let mut last = line;
        while ends_with_continuation(last.slice(text)) {
            match line_iter.next() {
                Some(next) => {
                    command_end = next.end;
                    last = next;
                }
                None => break,
            }
        }
        let command_span = Span::new(command_start, command_end);
        let Some(command) = CommandLine::parse(command_span.slice(text), command_span, prompt)
        else {
            continue;
        };
        let previous_end = glued_at.unwrap_or(line.start);
        push_part(
            &mut parts,
            text,
            current_command.take(),
            Span::new(body_start, previous_end),
        );
        current_command = Some(command);
        body_start = (command_end + 1).min(span.end);
        if text.as_bytes().get(command_end) == Some(&b'\r') {
            body_start = (command_end + 2).min(span.end);
        }
    }
    push_part(
        &mut parts,
        text,
        current_command,
        Span::new(body_start, span.end),
    );
    parts
}

fn push_part(parts: &mut Vec<Part>, text: &str, command: Option<CommandLine>, body: Span) {
    let body = Span::new(body.start, body.end.max(body.start));
    if command.is_none() && scan::trim(text, body).is_empty() {
        return;
    }
    parts.push(Part { command, body });
}

fn ends_with_continuation(line: &str) -> bool {
    let trimmed = line.trim_end();
    trimmed.ends_with('\\') || (trimmed.ends_with(" `") && trimmed.len() > 2)
}

/// When `line` is a command line: (prompt span, command start, start of a prompt glued to the
/// end of the previous output such as `web-role[ec2-user@host ~]$ `).
fn prompt_of(text: &str, line: Span) -> Option<(Option<Span>, usize, Option<usize>)> {
    let content = line.slice(text);
    // ASCII indentation first, byte by byte (JSON output is indented by many spaces); then
    // whatever other white space `trim_start` knows.
    let spaces = content
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let content = content.get(spaces..).unwrap_or_default();
    let indent = spaces + content.len() - content.trim_start().len();
    let content = content.trim_start();
    let start = line.start + indent;
    if content.is_empty() {
        return None;
    }
    // Prompts sit at the start of a line: only its head is searched, so long output lines
    // (compact JSON, tokens) cost nothing here.
    let mut cut = content.len().min(256);
    while !content.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = content.get(..cut).unwrap_or_default();
    // JSON output lines (half a million in a 20 MB describe-instances): no prompt form starts
    // with these, and one glued after output text has `user@host` in it.
    if content.starts_with(['"', '{', '}', '[', ']', ',']) && !head.contains('@') {
        return None;
    }

    // `[user@host dir]$ cmd`, possibly glued after output text.
    if let Some(open) = head.find('[') {
        if let Some(close_rel) = head.get(open..).and_then(|rest| rest.find(']')) {
            let close = open + close_rel;
            let inside = head.get(open + 1..close).unwrap_or_default();
            let after = content.get(close + 1..).unwrap_or_default();
            if inside.contains('@')
                && !inside.contains('"')
                && (after.starts_with("$ ") || after.starts_with("# "))
            {
                let prompt = Span::new(start + open, start + close + 2);
                let command_start = scan::skip_space(text, prompt.end, line.end);
                if command_start < line.end {
                    let glued = if open > 0 { Some(start + open) } else { None };
                    return Some((Some(prompt), command_start, glued));
                }
            }
        }
    }

    // `PS C:\path> cmd`
    if let Some(rest) = head.strip_prefix("PS ") {
        if let Some(gt) = rest.find("> ") {
            let prompt_end = start + 3 + gt + 2;
            let command_start = scan::skip_space(text, prompt_end, line.end);
            if command_start < line.end
                && rest
                    .get(..gt)
                    .is_some_and(|p| p.contains(':') || p.starts_with('/'))
            {
                return Some((Some(Span::new(start, prompt_end)), command_start, None));
            }
        }
    }

    // `C:\path> cmd`
    let bytes = content.as_bytes();
    if bytes.len() > 3
        && bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'\\')
    {
        if let Some(gt) = head.find('>') {
            let prompt_end = start + gt + 1;
            let command_start = scan::skip_space(text, prompt_end, line.end);
            if command_start < line.end {
                return Some((Some(Span::new(start, prompt_end)), command_start, None));
            }
        }
    }

    // `❯ cmd` (starship, pure), `➜  dir cmd` (oh-my-zsh)
    for arrow in ['❯', '➜'] {
        if let Some(rest) = content.strip_prefix(arrow) {
            let mut command_start = scan::skip_space(text, start + arrow.len_utf8(), line.end);
            if arrow == '➜' {
                // The directory name comes first.
                let directory = scan::token(text, command_start, line.end);
                command_start = scan::skip_space(text, directory.end, line.end);
            }
            let command = Span::new(command_start, line.end).slice(text);
            if !rest.is_empty() && starts_with_known_program(command) {
                let prompt = Span::new(start, command_start);
                return Some((Some(prompt), command_start, None));
            }
        }
    }

    // `$ cmd`, `# cmd`, `% cmd`
    if let Some(&first) = bytes.first() {
        if matches!(first, b'$' | b'#' | b'%') && bytes.get(1) == Some(&b' ') {
            let command_start = scan::skip_space(text, start + 1, line.end);
            let command = Span::new(command_start, line.end).slice(text);
            if (first == b'$' || starts_with_known_program(command)) && !command.is_empty() {
                return Some((Some(Span::new(start, start + 1)), command_start, None));
            }
        }
    }

    // `user@host:~$ cmd`, `jane@laptop:~% cmd`, `jane@laptop ~ % cmd`, `bash-5.1$ cmd`
    let first_word_end = head.find(' ').unwrap_or(head.len());
    let first_word = head.get(..first_word_end).unwrap_or_default();
    let shell_prompt = first_word.starts_with("bash-")
        || first_word.starts_with("sh-")
        || first_word.starts_with("zsh-");
    if first_word.contains('@') || shell_prompt {
        // The prompt ends at the first `$ `, `# `, `% ` or `> ` within its first three words.
        let head_end = content
            .match_indices(' ')
            .nth(3)
            .map_or(content.len(), |(i, _)| i + 1);
        let head = content.get(..head_end).unwrap_or_default();
        let terminator = ["$ ", "# ", "% ", "> "]
            .iter()
            .filter_map(|t| head.find(t))
            .min();
        if let Some(at) = terminator {
            let prompt_text = content.get(..at + 1).unwrap_or_default();
            if !prompt_text.contains('"') && !prompt_text.contains('=') {
                let prompt_end = start + at + 1;
                let command_start = scan::skip_space(text, prompt_end, line.end);
                if command_start < line.end {
                    return Some((Some(Span::new(start, prompt_end)), command_start, None));
                }
            }
        }
    }

    // A command without prompt: `aws iam get-role …`, `curl … 169.254.169.254 …`.
    if is_bare_command(head, content) {
        return Some((None, start, None));
    }
    None
}

fn starts_with_known_program(command: &str) -> bool {
    let word = command
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    KNOWN_PROGRAMS.contains(&word.as_str()) || (word.contains('=') && word.contains("$("))
}

/// `head` is the start of `line` (where the program and its first words are).
fn is_bare_command(head: &str, line: &str) -> bool {
    let mut words = head.split_whitespace();
    let first = words.next().unwrap_or_default();
    match first {
        "aws" => {
            let service = words.next().unwrap_or_default();
            let operation = words.next().unwrap_or_default();
            !service.is_empty()
                && service
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-' || b.is_ascii_digit())
                && operation
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b == b'-')
                && operation.contains('-')
        }
        "curl" | "wget" | "Invoke-RestMethod" | "Invoke-WebRequest" | "irm" | "iwr" => {
            line.contains("169.254.169.254")
                || line.contains("fd00:ec2::254")
                || line.contains("/latest/")
        }
        _ => (first.starts_with("TOKEN=") && first.contains("$(")) || first == "ec2-metadata",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(Option<String>, &str)> {
        split(text, Span::new(0, text.len()))
            .into_iter()
            .map(|part| (part.command.map(|c| c.text), part.body.slice(text)))
            .collect()
    }

    #[test]
    fn splits_on_each_prompt_form() {
        let text = "[ec2-user@ip-10-0-0-1 ~]$ curl -s http://169.254.169.254/latest/meta-data/iam/info\n{\"Code\":\"Success\"}\njane@laptop:~% aws sts get-caller-identity\n{}\nPS C:\\> aws iam get-role --role-name web\n{\"Role\":{}}\n$ aws ec2 describe-instances\n[]\n";
        let got = parts(text);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].1.trim(), "{\"Code\":\"Success\"}");
        assert_eq!(got[1].0.as_deref(), Some("aws sts get-caller-identity"));
        assert_eq!(got[2].1.trim(), "{\"Role\":{}}");
        assert_eq!(got[3].1, "[]\n");
    }

    #[test]
    fn zsh_theme_prompts() {
        let text = "➜  ~ aws sts get-caller-identity\n{}\n❯ curl -s http://169.254.169.254/latest/meta-data/iam/info\n{}\njane@laptop ~ % aws iam get-role --role-name web\n{}\n";
        let got = parts(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0.as_deref(), Some("aws sts get-caller-identity"));
        assert_eq!(
            got[2].0.as_deref(),
            Some("aws iam get-role --role-name web")
        );
    }

    #[test]
    fn glued_prompt_after_output_without_newline() {
        let text = "$ curl http://169.254.169.254/latest/meta-data/iam/security-credentials/\nweb-role[ec2-user@host ~]$ aws sts get-caller-identity\n{}";
        let got = parts(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].1, "web-role");
    }

    #[test]
    fn a_prompt_glued_after_json_output_still_splits() {
        // `curl` prints the document without a final newline: the next prompt follows `}`.
        let text = "$ curl -s http://169.254.169.254/latest/meta-data/iam/info\n{\"Code\":\"Success\"}[ec2-user@host ~]$ aws sts get-caller-identity\n{}\n\t  \u{3000}$ aws iam get-role --role-name web\n{}";
        let got = parts(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[0].1, "{\"Code\":\"Success\"}");
        assert_eq!(got[1].0.as_deref(), Some("aws sts get-caller-identity"));
        // Indented by tabs, spaces and an ideographic space, the prompt is still found.
        assert_eq!(
            got[2].0.as_deref(),
            Some("aws iam get-role --role-name web")
        );
    }

    #[test]
    fn json_lines_are_not_commands() {
        let text = "{\n  \"a\": \"$ aws sts get-caller-identity\",\n  \"b\": [\n    \"# curl x\"\n  ]\n}\n";
        assert_eq!(parts(text).len(), 1);
        assert_eq!(parts(text)[0].0, None);
    }

    #[test]
    fn headings_and_prose_are_not_commands() {
        let text = "# 結果\n# This is the output\n{\"a\":1}\n";
        let got = parts(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, None);
    }

    #[test]
    fn shell_chores_and_logins_are_unrelated() {
        let text = "Last login: Tue Mar  5 10:11:12 2024 from 203.0.113.5\n$ cd /tmp && ls\na b\n$ git status\nclean\n$ sudo su -\n$ aws sts get-caller-identity\n{}\n$ printenv AWS_REGION\n";
        let got = split(text, Span::new(0, text.len()));
        let unrelated: Vec<bool> = got
            .iter()
            .filter_map(|part| part.command.as_ref().map(is_unrelated))
            .collect();
        assert_eq!(unrelated, vec![true, true, true, false, false]);
        assert!(is_login_banner(text, got[0].body));
        assert!(!is_login_banner("{\"a\": 1}", Span::new(0, 8)));
    }

    #[test]
    fn continuation_lines_join_the_command() {
        let text = "$ aws iam get-instance-profile \\\n    --instance-profile-name web\n{}\n";
        let split_parts = split(text, Span::new(0, text.len()));
        assert_eq!(split_parts.len(), 1);
        let command = split_parts[0]
            .command
            .clone()
            .unwrap_or_else(|| panic!("command"));
        assert_eq!(command.option("--instance-profile-name"), Some("web"));
        assert_eq!(split_parts[0].body.slice(text), "{}\n");
    }
}
