//! Why a policy could not be read, in both languages, with where.

use crate::lang::Lang;
use crate::text::{Location, Span};

/// A policy that cannot be read: what is wrong and where (byte span, line and column).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    pub(crate) problem: Problem,
    pub(crate) span: Span,
    pub(crate) location: Location,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// The text is not JSON; the reader's own message in each language.
    Json {
        en: String,
        ja: String,
    },
    NotAnObject,
    MissingStatement,
    EmptyStatement,
    StatementNotObject,
    UnsupportedVersion(String),
    MissingEffect,
    BadEffect(String),
    MissingAction,
    BothElements(&'static str, &'static str),
    ExpectedString(&'static str),
    BadPrincipal,
    UnknownOperator(String),
    BadConditionBlock,
}

impl PolicyError {
    pub(crate) fn new(problem: Problem, span: Span, source: &str) -> Self {
        PolicyError {
            problem,
            span,
            location: Location::of(source, span.start),
        }
    }

    /// Where in the text (bytes).
    pub fn span(&self) -> Span {
        self.span
    }

    /// Where in the text (line and column).
    pub fn location(&self) -> Location {
        self.location
    }

    /// The message with its line and column, e.g. `line 3, column 5: Effect must be …`.
    pub fn message(&self, lang: Lang) -> String {
        let Location { line, column } = self.location;
        // The JSON reader's messages already say where.
        if let Problem::Json { .. } = self.problem {
            return self.what(lang);
        }
        match lang {
            Lang::En => format!("line {line}, column {column}: {}", self.what(lang)),
            Lang::Ja => format!("{line} 行 {column} 列: {}", self.what(lang)),
        }
    }

    fn what(&self, lang: Lang) -> String {
        use Problem as P;
        match (&self.problem, lang) {
            (P::Json { en, .. }, Lang::En) => format!("the policy is not valid JSON: {en}"),
            (P::Json { ja, .. }, Lang::Ja) => format!("ポリシーが正しい JSON ではありません: {ja}"),
            (P::NotAnObject, Lang::En) => "a policy must be a JSON object".into(),
            (P::NotAnObject, Lang::Ja) => "ポリシーは JSON オブジェクトである必要があります".into(),
            (P::MissingStatement, Lang::En) => "the policy has no `Statement`".into(),
            (P::MissingStatement, Lang::Ja) => "ポリシーに `Statement` がありません".into(),
            (P::EmptyStatement, Lang::En) => "`Statement` is empty".into(),
            (P::EmptyStatement, Lang::Ja) => "`Statement` が空です".into(),
            (P::StatementNotObject, Lang::En) => "each statement must be a JSON object".into(),
            (P::StatementNotObject, Lang::Ja) => {
                "各ステートメントは JSON オブジェクトである必要があります".into()
            }
            (P::UnsupportedVersion(v), Lang::En) => format!(
                "`Version` `{v}` is not one IAM accepts (use `2012-10-17`)"
            ),
            (P::UnsupportedVersion(v), Lang::Ja) => format!(
                "`Version` `{v}` は IAM が受け付けない値です (`2012-10-17` を使ってください)"
            ),
            (P::MissingEffect, Lang::En) => "the statement has no `Effect`".into(),
            (P::MissingEffect, Lang::Ja) => "ステートメントに `Effect` がありません".into(),
            (P::BadEffect(e), Lang::En) => {
                format!("`Effect` must be `Allow` or `Deny`, not `{e}`")
            }
            (P::BadEffect(e), Lang::Ja) => {
                format!("`Effect` は `Allow` か `Deny` である必要があります (`{e}` ではなく)")
            }
            (P::MissingAction, Lang::En) => {
                "the statement has neither `Action` nor `NotAction`".into()
            }
            (P::MissingAction, Lang::Ja) => {
                "ステートメントに `Action` も `NotAction` もありません".into()
            }
            (P::BothElements(a, b), Lang::En) => {
                format!("a statement cannot have both `{a}` and `{b}`")
            }
            (P::BothElements(a, b), Lang::Ja) => {
                format!("1 つのステートメントに `{a}` と `{b}` を両方書くことはできません")
            }
            (P::ExpectedString(element), Lang::En) => {
                format!("`{element}` must be a string or a list of strings")
            }
            (P::ExpectedString(element), Lang::Ja) => {
                format!("`{element}` は文字列か文字列のリストである必要があります")
            }
            (P::BadPrincipal, Lang::En) => {
                "`Principal` must be `\"*\"` or an object with `AWS`, `Service`, `Federated` or `CanonicalUser`".into()
            }
            (P::BadPrincipal, Lang::Ja) => {
                "`Principal` は `\"*\"` か、`AWS`・`Service`・`Federated`・`CanonicalUser` を持つオブジェクトである必要があります".into()
            }
            (P::UnknownOperator(op), Lang::En) => {
                format!("`{op}` is not an IAM condition operator")
            }
            (P::UnknownOperator(op), Lang::Ja) => {
                format!("`{op}` は IAM の条件演算子ではありません")
            }
            (P::BadConditionBlock, Lang::En) => {
                "`Condition` must map operators to objects of keys and values".into()
            }
            (P::BadConditionBlock, Lang::Ja) => {
                "`Condition` は演算子ごとにキーと値のオブジェクトを持つ必要があります".into()
            }
        }
    }
}

impl std::fmt::Display for PolicyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for PolicyError {}
