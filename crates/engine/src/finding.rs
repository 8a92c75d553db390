//! What the engine concludes: findings with their evidence, fixes and next steps.
//!
//! A [`Finding`] is data; the page, the CLI and the Markdown export are renderers. Its JSON shape
//! is the CLI's public interface (`findings[].id/severity/evidence/fix`, `next[].command`, see
//! `docs/guide/CATALOG.md`), so fields are only ever added, never renamed.
//!
//! # Message style guide
//!
//! Every text a user reads exists in English and Japanese, written natively in each (never a
//! word-for-word rendering of the other). The rules below follow the cedar and IAM Access Analyzer
//! habits that AWS users already read every day.
//!
//! **Titles** (`Finding::title`, one line):
//! - say what is wrong, as a statement of fact about the user's resources, not what to do:
//!   "instance profile `web-profile` holds no role", not "add a role to the profile";
//! - English starts in lower case (unless it starts with a proper name such as `EC2` or `IMDS`)
//!   and has no trailing period; Japanese uses the plain form and ends without `。`
//!   (「インスタンスプロファイル `web-profile` にロールが入っていない」);
//! - every user value (names, ids, ARNs, actions, error codes) is in backticks, exactly as the
//!   user's paste spells it, so it can be searched for in the paste;
//! - at most one clause; details go in the explanation.
//!
//! **Explanations** (`Finding::explanation`): full sentences with periods (Japanese: です・ます調).
//! First what was found (with the user's values), then why it breaks the credentials or the launch.
//! Where the data allows two readings, say both and set [`Finding::confidence`]; never assert what
//! the data cannot show ("check", 「確認してください」).
//!
//! **Fix labels** (`Fix::label`): imperative, no trailing period ("replace the association on the
//! running instance"); Japanese ends in the noun or 「…する」 form without `。`. A fix that the
//! guide gives but newer AWS behaviour supersedes is kept, labelled [`FixKind::Guide`].
//!
//! **Placeholders** in message templates are written `{name}` and must be the same set in both
//! languages (a test checks it); a value is inserted as-is, and the template supplies the
//! backticks around it.

use serde::Serialize;

use crate::lang::Lang;
use crate::text::{Location, Span};

/// How much a finding matters. One sentence each, as Access Analyzer defines its finding types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// This stops the credentials or the launch.
    Error,
    /// This will or may break the credentials or the launch.
    Warning,
    /// Context the user needs to act right.
    Info,
    /// The data pasted cannot decide it; the finding says exactly what to run or paste next.
    Check,
}

impl Severity {
    pub const fn id(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Check => "check",
        }
    }

    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
            (Severity::Info, Lang::En) => "info",
            (Severity::Check, Lang::En) => "check",
            (Severity::Error, Lang::Ja) => "エラー",
            (Severity::Warning, Lang::Ja) => "警告",
            (Severity::Info, Lang::Ja) => "情報",
            (Severity::Check, Lang::Ja) => "要確認",
        }
    }
}

/// A section of the guide (`docs/guide/GUIDE.md`): S1 … S6.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Section {
    S1,
    S2,
    S3,
    S4,
    S5,
    S6,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::S1,
        Section::S2,
        Section::S3,
        Section::S4,
        Section::S5,
        Section::S6,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Section::S1 => "S1",
            Section::S2 => "S2",
            Section::S3 => "S3",
            Section::S4 => "S4",
            Section::S5 => "S5",
            Section::S6 => "S6",
        }
    }

    /// The anchor of this section on the AWS page (the same in every language edition).
    pub const fn anchor(self) -> &'static str {
        match self {
            Section::S1 => "troubleshoot_iam-ec2_missingrole",
            Section::S2 => "troubleshoot_iam-ec2_wrongrole",
            Section::S3 => "troubleshoot_iam-ec2_access-denied-adding-role",
            Section::S4 => "troubleshoot_iam-ec2_access-denied-launch",
            Section::S5 => "troubleshoot_iam-ec2_no-keys",
            Section::S6 => "troubleshoot_iam-ec2_errors-info-doc",
        }
    }

    /// The section's heading as the guide writes it in that language.
    pub const fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Section::S1, Lang::En) => "The role is missing from the IAM role list when launching",
            (Section::S2, Lang::En) => "The credentials on the instance are for the wrong role",
            (Section::S3, Lang::En) => "AddRoleToInstanceProfile fails with AccessDenied",
            (Section::S4, Lang::En) => "Launching an instance with a role fails with AccessDenied",
            (Section::S5, Lang::En) => "The temporary credentials cannot be read on the instance",
            (Section::S6, Lang::En) => "What the errors from the iam/info document mean",
            (Section::S1, Lang::Ja) => {
                "インスタンスの起動時に [IAM ロール] リストにあるべきロールが見当たらない"
            }
            (Section::S2, Lang::Ja) => "インスタンスの認証情報が間違ったロールのものになっている",
            (Section::S3, Lang::Ja) => {
                "AddRoleToInstanceProfile を呼び出すと AccessDenied エラーが発生する"
            }
            (Section::S4, Lang::Ja) => {
                "ロールを使用してインスタンスを起動すると AccessDenied エラーが発生する"
            }
            (Section::S5, Lang::Ja) => {
                "EC2 インスタンスで一時的なセキュリティ認証情報にアクセスできない"
            }
            (Section::S6, Lang::Ja) => "IAM サブツリーの info ドキュメントのエラーの意味",
        }
    }

    /// The guide page in that language, at this section.
    pub fn url(self, lang: Lang) -> String {
        format!("{}#{}", guide_url(lang), self.anchor())
    }
}

/// The guide page "Troubleshooting Amazon EC2 and IAM" in that language.
pub fn guide_url(lang: Lang) -> String {
    format!(
        "https://docs.aws.amazon.com{}/IAM/latest/UserGuide/troubleshoot_iam-ec2.html",
        lang.docs_prefix()
    )
}

/// How sure a finding is, where the pasted data allows more than one reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// The data shows it directly (an error code, two ids that differ).
    Certain,
    /// The most likely reading; another one remains possible.
    Likely,
    /// One reading among several; the finding says what would tell them apart.
    Possible,
}

/// One piece of evidence: where in which input the finding's reason stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Index into the case's inputs (in paste order, then order within the paste).
    pub input: usize,
    /// JSON path of the value (`$.InstanceProfile.Roles`), when the input is JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// 1-based line and column of the span's start in the paste.
    pub line: usize,
    pub column: usize,
    /// The exact text the span covers.
    pub text: String,
    /// Byte span in the paste's text.
    pub span: Span,
}

impl Evidence {
    /// Evidence for `span` of `paste` (the whole text of the paste the input came from).
    /// Locating the span scans the paste up to it; for many pieces of evidence in one large
    /// paste use [`Evidence::with_line_starts`].
    pub fn new(input: usize, paste: &str, span: Span, path: Option<String>) -> Self {
        let location = Location::of(paste, span.start);
        Self::located(input, paste, span, path, location)
    }

    /// Like [`Evidence::new`], with the byte offsets where the paste's lines start (see
    /// [`line_starts`]): a binary search plus a scan of one line.
    pub fn with_line_starts(
        input: usize,
        paste: &str,
        line_starts: &[usize],
        span: Span,
        path: Option<String>,
    ) -> Self {
        let offset = span.start.min(paste.len());
        let index = line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = line_starts.get(index).copied().unwrap_or(0).min(offset);
        let column = 1 + paste
            .as_bytes()
            .get(line_start..offset)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| (b & 0xC0) != 0x80)
            .count();
        let location = Location {
            line: index + 1,
            column,
        };
        Self::located(input, paste, span, path, location)
    }

    fn located(
        input: usize,
        paste: &str,
        span: Span,
        path: Option<String>,
        location: Location,
    ) -> Self {
        let Location { line, column } = location;
        Self {
            input,
            path,
            line,
            column,
            text: span.slice(paste).to_owned(),
            span,
        }
    }
}

/// The byte offsets where the lines of `text` start (the first is 0).
pub fn line_starts(text: &str) -> Vec<usize> {
    // Counted first, so the list is allocated once at its size: grown by doubling, the list of
    // a 100 MB paste would hold up to twice its 9 MB.
    let lines = 1 + text.bytes().filter(|b| *b == b'\n').count();
    let mut starts = Vec::with_capacity(lines);
    starts.push(0);
    starts.extend(
        text.bytes()
            .enumerate()
            .filter(|(_, b)| *b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// Whether a fix is the current way or the guide's older one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FixKind {
    /// The way to fix it today (for example replacing the profile association of a running instance).
    Current,
    /// The fix the guide gives, kept because the guide is what users compare with (for example
    /// terminating the instance and launching it again).
    Guide,
}

/// One way to fix a finding, with the user's own names, ids and ARNs filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
    /// A corrected document (for example the user's trust policy with EC2 added).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    pub kind: FixKind,
}

/// A link for reading further, in the user's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reference {
    pub title: String,
    pub url: String,
}

/// One conclusion about the case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The catalog id (`instance-profile-empty`): public, stable.
    pub id: &'static str,
    pub severity: Severity,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    /// One line, in the case's language (see the style guide above).
    pub title: String,
    /// What was found and why it breaks the credentials or the launch.
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    pub fix: Vec<Fix>,
    pub references: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confidence: Option<Confidence>,
    /// For findings grouped over a fleet: every instance, profile or role with the same cause.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affected: Vec<String>,
}

/// What to run or paste next, when the data pasted cannot decide a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Next {
    /// A command with names filled in, or an IMDS path to read.
    pub command: String,
    /// Why, in the case's language.
    pub why: String,
    /// The finding id this step would decide, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
}

/// A check that ran with enough data to conclude nothing is wrong, for a "healthy" report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Checked {
    pub id: &'static str,
    /// What was checked, in the case's language (the rule's summary and the user's value).
    pub what: String,
}

/// The engine's answer for one case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Diagnosis {
    pub findings: Vec<Finding>,
    pub next: Vec<Next>,
    pub checked: Vec<Checked>,
    /// The one answer drawn from all of the above ([`crate::verdict`]).
    pub verdict: crate::verdict::Verdict,
}

impl Diagnosis {
    /// True when at least one finding stops the credentials or the launch (CLI exit status 1).
    pub fn has_error(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Adds a next step unless the same command is already listed.
    pub fn push_next(&mut self, next: Next) {
        if !self.next.iter().any(|n| n.command == next.command) {
            self.next.push(next);
        }
    }

    /// Orders findings by severity, then id, then first evidence, so output is stable.
    pub fn sort(&mut self) {
        crate::sort::sort_by_key(&mut self.findings, |f| {
            let first = f.evidence.first().map(|e| (e.input, e.span));
            (f.severity, f.id, first)
        });
    }
}

/// Fills `{name}` placeholders of a message template. Unknown placeholders stay as written, so
/// a missing value shows up in tests instead of vanishing.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        match after.find('}') {
            Some(close) => {
                let name = after.get(..close).unwrap_or_default();
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None if name.contains('|') => out.push_str(plural_choice(name, values)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = after.get(close + 1..).unwrap_or_default();
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `one|other` chosen by the `count` value: English nouns and verbs agree with the number
/// (`{count} {finding|findings}`, `{instances} {has|have}`). Japanese templates need no such
/// choice; they use a counter (`{count} 件`), which the catalog tests check.
/// `{name:one|other}` chooses by the value of `name` instead (two counts in one text).
fn plural_choice<'t>(choice: &'t str, values: &[(&str, &str)]) -> &'t str {
    let (by, choice) = choice.split_once(':').unwrap_or(("count", choice));
    let (one, other) = choice.split_once('|').unwrap_or((choice, choice));
    let count = values.iter().find(|(n, _)| *n == by).map(|(_, v)| *v);
    if count.map(str::trim) == Some("1") {
        one
    } else {
        other
    }
}

/// The Japanese counters a number is written with (`3 件`, `2 個`, `120 文字`).
pub const JA_COUNTERS: &[&str] = &[
    "件", "個", "台", "文字", "つ", "行", "回", "秒", "項目", "MB", "KB",
];

/// What is wrong with how a text counts (empty when nothing is): in English every `{count}`
/// (or other count placeholder in `counts`) followed by a word is followed by a choice
/// in the same clause (`{count} {finding|findings}`, `{roles} {roles:role|roles}`) or is `more`;
/// in Japanese it is
/// followed by a counter of [`JA_COUNTERS`] (`{count} 件`).
pub fn count_problems(en: &str, ja: &str, counts: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    for name in counts {
        let placeholder = format!("{{{name}}}");
        for (at, _) in en.match_indices(&placeholder) {
            let after = en.get(at + placeholder.len()..).unwrap_or_default();
            let word = after.strip_prefix(' ').unwrap_or("");
            let starts_word = word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '{');
            // The counted noun may follow a word or two ("instance {profile|profiles}"), in the
            // same clause.
            let clause = word.split(": ").next().unwrap_or_default();
            let clause = clause
                .split([',', ';', '.', '(', ')'])
                .next()
                .unwrap_or_default();
            let chosen = clause.contains('{') && clause.contains('|');
            if starts_word && !chosen && !word.starts_with("more") {
                problems.push(format!(
                    "en `{en}`: {placeholder} needs a {{one|other}} choice"
                ));
            }
        }
        for (at, _) in ja.match_indices(&placeholder) {
            let after = ja.get(at + placeholder.len()..).unwrap_or_default();
            let after = after.trim_start();
            if !JA_COUNTERS.iter().any(|c| after.starts_with(c)) {
                problems.push(format!(
                    "ja `{ja}`: {placeholder} needs a counter (件, 個 …)"
                ));
            }
        }
    }
    problems
}

/// `count` and the English noun that agrees with it (`1 finding`, `2 findings`).
pub fn count_en(count: usize, one: &str, other: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { other })
}

/// The `{name}` placeholders of a template, sorted and deduplicated.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = rest.get(open + 1..).unwrap_or_default();
        let Some(close) = after.find('}') else { break };
        let name = after.get(..close).unwrap_or_default();
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            names.push(name);
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    crate::sort::sort(&mut names);
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_and_keeps_unknown_placeholders() {
        assert_eq!(
            fill("profile `{profile}` holds `{role}`", &[("profile", "web")]),
            "profile `web` holds `{role}`"
        );
        assert_eq!(fill("no { closing", &[]), "no { closing");
        assert_eq!(fill("日本語 {x}。", &[("x", "値")]), "日本語 値。");
    }

    #[test]
    fn plural_forms_follow_the_count() {
        let template = "{count} {finding|findings}; {instances} {has|have} none";
        assert_eq!(
            fill(template, &[("count", "1"), ("instances", "`i-1`")]),
            "1 finding; `i-1` has none"
        );
        assert_eq!(
            fill(
                template,
                &[("count", "397"), ("instances", "`a` and 396 more")]
            ),
            "397 findings; `a` and 396 more have none"
        );
        // Without a count, the plural (the safe reading of "some").
        assert_eq!(fill("{is|are}", &[]), "are");
        assert_eq!(count_en(1, "value", "values"), "1 value");
        assert_eq!(count_en(0, "value", "values"), "0 values");
        // A choice is not a placeholder: the language check ignores it.
        assert_eq!(placeholders(template), vec!["count", "instances"]);
        let two = "{roles} {roles:role|roles}, {profiles} instance {profiles:profile|profiles}";
        assert_eq!(
            fill(two, &[("roles", "1"), ("profiles", "2")]),
            "1 role, 2 instance profiles"
        );
        assert_eq!(placeholders(two), vec!["profiles", "roles"]);
    }

    #[test]
    fn counts_need_choices_and_counters() {
        assert!(
            count_problems("{count} {finding|findings}", "検出 {count} 件", &["count"]).is_empty()
        );
        assert!(count_problems("and {count} more", "ほか {count} 件", &["count"]).is_empty());
        assert_eq!(
            count_problems("{count} findings", "検出 {count}", &["count"]).len(),
            2
        );
    }

    #[test]
    fn placeholders_are_sorted_and_unique() {
        assert_eq!(placeholders("{b} {a} {b} {not a name}"), vec!["a", "b"]);
        assert!(placeholders("{\"Version\":1}").is_empty());
    }

    #[test]
    fn evidence_points_at_line_and_column() {
        let paste = "$ aws iam get-instance-profile\n{\"Roles\": []}";
        let start = paste.find("[]").unwrap_or_default();
        let evidence = Evidence::new(0, paste, Span::new(start, start + 2), None);
        assert_eq!((evidence.line, evidence.column), (2, 11));
        assert_eq!(evidence.text, "[]");
        // The indexed form agrees with the scanning one everywhere, multi-byte text included.
        let text = "ab\nこんにちは x\n\n{\"k\": \"é\"}";
        let starts = line_starts(text);
        for offset in 0..=text.len() + 2 {
            let span = Span::new(offset, offset);
            let scanned = Evidence::new(0, text, span, None);
            let indexed = Evidence::with_line_starts(0, text, &starts, span, None);
            assert_eq!(
                (scanned.line, scanned.column),
                (indexed.line, indexed.column),
                "{offset}"
            );
        }
    }

    #[test]
    fn serializes_in_the_cli_shape() {
        let finding = Finding {
            id: "instance-profile-empty",
            severity: Severity::Error,
            section: Some(Section::S4),
            title: "t".into(),
            explanation: "e".into(),
            evidence: vec![],
            fix: vec![Fix {
                label: "l".into(),
                command: Some("aws iam add-role-to-instance-profile".into()),
                document: None,
                kind: FixKind::Current,
            }],
            references: vec![],
            confidence: None,
            affected: vec![],
        };
        let json = serde_json::to_value(&finding).unwrap_or_default();
        assert_eq!(json["severity"], "error");
        assert_eq!(json["section"], "S4");
        assert_eq!(json["fix"][0]["kind"], "current");
        assert!(json.get("affected").is_none());
        assert_eq!(
            Section::S6.url(Lang::Ja),
            "https://docs.aws.amazon.com/ja_jp/IAM/latest/UserGuide/troubleshoot_iam-ec2.html#troubleshoot_iam-ec2_errors-info-doc"
        );
    }
}
