//! Located problems met while reading a paste, in English and Japanese.

use serde::Serialize;

use super::InputKind;
use crate::lang::Lang;
use crate::text::{Location, Span};

/// How much a problem matters to the reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProblemSeverity {
    /// Part of the input could not be read (invalid or cut-off text, a required field missing).
    Error,
    /// Read, but something is odd (an unexpected value, text that was skipped).
    Warning,
    /// Left out on purpose: a part of a transcript the diagnosis has no use for (`cd`,
    /// `git status`, a login banner). Nothing is wrong with it.
    Note,
}

/// A problem with what was pasted: what it looks like, what is wrong, and where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadProblem {
    /// A stable id: `json-invalid`, `json-truncated`, `missing-field`, `not-recognised`,
    /// `not-diagnostic`, `xml-invalid`, `bad-value`, `weak-recognition`, `skipped`.
    pub id: &'static str,
    pub severity: ProblemSeverity,
    /// Absolute byte span in the paste.
    pub span: Span,
    /// Line and column (1-based) of `span.start` in the paste.
    pub location: Location,
    /// What the text looks like, when that could be told.
    pub looks_like: Option<InputKind>,
    pub message_en: String,
    pub message_ja: String,
}

impl ReadProblem {
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.message_en,
            Lang::Ja => &self.message_ja,
        }
    }

    fn new(
        id: &'static str,
        severity: ProblemSeverity,
        span: Span,
        looks_like: Option<InputKind>,
        message_en: String,
        message_ja: String,
    ) -> Self {
        // The location (and the `{line}` / `{column}` in the messages) is filled in by
        // `locate_all` in one pass over the paste, so many problems cost linear time.
        Self {
            id,
            severity,
            span,
            location: Location::default(),
            looks_like,
            message_en,
            message_ja,
        }
    }

    /// JSON that stops early (`truncated`) or breaks somewhere (`invalid`); `detail_*` is the
    /// JSON reader's own explanation.
    pub fn bad_json(
        span: Span,
        truncated: bool,
        looks_like: Option<InputKind>,
        detail_en: &str,
        detail_ja: &str,
    ) -> Self {
        let (what_en, what_ja) = looks_like_words(looks_like);
        let (id, en, ja) = if truncated {
            (
                "json-truncated",
                format!(
                    "this looks like {what_en}, but the JSON is cut off at line {{line}}, column {{column}}: {detail_en}. The facts before that point were read; paste the whole output to read the rest"
                ),
                format!(
                    "{what_ja}のようですが、JSON が {{line}} 行 {{column}} 列目で途切れています（{detail_ja}）。途切れる前の内容は読み取りました。残りを読むには出力全体を貼り付けてください"
                ),
            )
        } else {
            (
                "json-invalid",
                format!(
                    "this looks like {what_en}, but the JSON is invalid at line {{line}}, column {{column}}: {detail_en}"
                ),
                format!(
                    "{what_ja}のようですが、JSON が {{line}} 行 {{column}} 列目で不正です（{detail_ja}）"
                ),
            )
        };
        Self::new(id, ProblemSeverity::Error, span, looks_like, en, ja)
    }

    /// A field the kind needs is absent.
    pub fn missing_field(
        span: Span,
        kind: InputKind,
        field: &str,
        why_en: &str,
        why_ja: &str,
    ) -> Self {
        let (what_en, what_ja) = looks_like_words(Some(kind));
        Self::new(
            "missing-field",
            ProblemSeverity::Error,
            span,
            Some(kind),
            format!("this looks like {what_en}, but `{field}` is missing: {why_en}"),
            format!("{what_ja}のようですが、`{field}` がありません。{why_ja}"),
        )
    }

    /// Nothing recognisable: says what was expected.
    pub fn not_recognised(span: Span, json: bool) -> Self {
        let (en, ja) = if json {
            (
                "this JSON is not an output the engine knows. Expected one of: an IMDS `iam/info` or `iam/security-credentials/ROLE` document, `aws iam get-instance-profile` / `list-instance-profiles` / `get-role`, `aws ec2 describe-instances` / `describe-iam-instance-profile-associations`, `aws sts get-caller-identity`, a policy document, or `decode-authorization-message` output",
                "この JSON は対応している出力ではありません。次のいずれかを貼り付けてください: IMDS の `iam/info` または `iam/security-credentials/ROLE` の文書、`aws iam get-instance-profile` / `list-instance-profiles` / `get-role`、`aws ec2 describe-instances` / `describe-iam-instance-profile-associations`、`aws sts get-caller-identity`、ポリシー文書、`decode-authorization-message` の出力",
            )
        } else {
            (
                "this text is not an output the engine knows. Expected AWS CLI output (JSON), an IMDS answer, an AWS error message (`An error occurred (…)`, `… is not authorized to perform: …`), or an SDK error such as `Unable to locate credentials`",
                "このテキストは対応している出力ではありません。AWS CLI の出力（JSON）、IMDS の応答、AWS のエラーメッセージ（`An error occurred (…)`、`… is not authorized to perform: …`）、`Unable to locate credentials` などの SDK のエラーを貼り付けてください",
            )
        };
        Self::new(
            "not-recognised",
            ProblemSeverity::Error,
            span,
            None,
            en.to_string(),
            ja.to_string(),
        )
    }

    /// A known AWS output that carries nothing the diagnosis uses (e.g. `list-role-policies`).
    pub fn not_diagnostic(span: Span, what: &str, next_en: &str, next_ja: &str) -> Self {
        Self::new(
            "not-diagnostic",
            ProblemSeverity::Warning,
            span,
            None,
            format!("this looks like `{what}` output, which the diagnosis does not use: {next_en}"),
            format!("これは `{what}` の出力のようですが、診断には使いません。{next_ja}"),
        )
    }

    /// A transcript part the diagnosis has no use for: the output of `what` (a command line) or,
    /// with `None`, a login banner. A note, not an error: nothing needs fixing.
    pub fn skipped(span: Span, what: Option<&str>) -> Self {
        let (en, ja) = match what {
            Some(command) => (
                format!("skipped `{command}`: the diagnosis does not use what it prints"),
                format!("`{command}` は読み飛ばしました。診断にはその出力を使いません"),
            ),
            None => (
                "skipped the login banner: the diagnosis does not use it".to_string(),
                "ログイン時のバナーは読み飛ばしました。診断には使いません".to_string(),
            ),
        };
        Self::new("skipped", ProblemSeverity::Note, span, None, en, ja)
    }

    /// XML that could not be read to its end.
    pub fn bad_xml(span: Span, looks_like: Option<InputKind>, element: &str) -> Self {
        let (what_en, what_ja) = looks_like_words(looks_like);
        Self::new(
            "xml-invalid",
            ProblemSeverity::Error,
            span,
            looks_like,
            format!(
                "this looks like {what_en}, but the XML element `<{element}>` opened at line {{line}}, column {{column}} is never closed"
            ),
            format!(
                "{what_ja}のようですが、{{line}} 行 {{column}} 列目で開いた XML 要素 `<{element}>` が閉じられていません"
            ),
        )
    }

    /// A value that is present but cannot be what the field means.
    pub fn bad_value(span: Span, kind: InputKind, field: &str, why_en: &str, why_ja: &str) -> Self {
        let (what_en, what_ja) = looks_like_words(Some(kind));
        Self::new(
            "bad-value",
            ProblemSeverity::Warning,
            span,
            Some(kind),
            format!("in {what_en}, `{field}` {why_en}"),
            format!("{what_ja}の `{field}` は{why_ja}"),
        )
    }
}

impl ReadProblem {
    /// Recognised on thin evidence (a single word): says so, and what would make it certain.
    pub fn weak_recognition(span: Span, kind: InputKind, why_en: &str, why_ja: &str) -> Self {
        let (what_en, what_ja) = looks_like_words(Some(kind));
        Self::new(
            "weak-recognition",
            ProblemSeverity::Warning,
            span,
            Some(kind),
            format!("read as {what_en} {why_en}"),
            format!("{what_ja}として読みました。{why_ja}"),
        )
    }
}

/// Fills in the location of every problem (and the `{line}` / `{column}` of its messages) in
/// one forward pass over the paste.
pub(super) fn locate_all(paste: &str, mut problems: Vec<&mut ReadProblem>) {
    crate::sort::sort_by_key(&mut problems, |problem| problem.span.start);
    let bytes = paste.as_bytes();
    let (mut pos, mut line, mut column) = (0usize, 1usize, 1usize);
    for problem in problems {
        let target = problem.span.start.min(bytes.len());
        while pos < target {
            match bytes.get(pos) {
                Some(b'\n') => {
                    line += 1;
                    column = 1;
                }
                // Count characters, not bytes: continuation bytes do not start one.
                Some(&b) if (b & 0xC0) != 0x80 => column += 1,
                _ => {}
            }
            pos += 1;
        }
        problem.location = Location { line, column };
        for message in [&mut problem.message_en, &mut problem.message_ja] {
            if message.contains("{line}") || message.contains("{column}") {
                *message = message
                    .replace("{line}", &line.to_string())
                    .replace("{column}", &column.to_string());
            }
        }
    }
}

fn looks_like_words(kind: Option<InputKind>) -> (String, String) {
    match kind {
        Some(kind) => (
            format!("{} output", kind.name(Lang::En)),
            format!("{}の出力", kind.name(Lang::Ja)),
        ),
        None => ("JSON".to_string(), "JSON".to_string()),
    }
}
