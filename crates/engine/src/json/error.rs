//! Parse errors that name the damage a paste usually has, located by line and column,
//! with one sentence in each language.

use serde::Serialize;

use crate::lang::Lang;
use crate::text::{Location, Span};

use super::MAX_DEPTH;

/// Why a text is not one JSON document, located in the text.
///
/// `span` covers the offending text (the stray comma, the quote, the unknown word, the trailing
/// text up to the end of its line); for an early end it is the empty span at the end of the text.
/// `location` is where `span` starts, as an editor shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ParseError {
    pub kind: ParseErrorKind,
    pub span: Span,
    pub location: Location,
}

/// What is wrong. The variants after `UnexpectedChar` name common paste damage so the message
/// can say how to fix it instead of only "unexpected character".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ParseErrorKind {
    /// The text is empty or only whitespace.
    Empty,
    /// The text ends while something is still open: usually a paste that was cut off.
    /// `unclosed` is the innermost string, array or object still open, if any.
    UnexpectedEnd {
        expecting: Expected,
        unclosed: Option<Unclosed>,
    },
    /// A character that cannot stand here and that none of the kinds below explains.
    UnexpectedChar { found: char, expecting: Expected },
    /// A `]` or `}` that closes a container of the other kind.
    MismatchedClose {
        found: char,
        expecting: Expected,
        open: Unclosed,
    },
    /// A backslash in a string followed by something JSON does not allow (`\x`, `\u12G4`,
    /// or a Windows path such as `C:\Users`).
    InvalidEscape,
    /// Something number-like that JSON does not allow: `01`, `+1`, `.5`, `1.`, `1e`.
    InvalidNumber,
    /// A raw control character (most often a line break) inside a string.
    ControlCharInString,
    /// A `,` right before `]` or `}`.
    TrailingComma,
    /// Two values or members with no `,` between them.
    MissingComma,
    /// A key not followed by `:`.
    MissingColon,
    /// A string or key in single quotes (Python or JavaScript output).
    SingleQuotes,
    /// A curly quote (“ ” ‘ ’) where a `"` belongs: copied through a word processor or web page.
    SmartQuotes { found: char },
    /// An object key without quotes (JavaScript or YAML style).
    UnquotedKey,
    /// Python's `True`, `False` or `None` (a printed dict rather than JSON).
    PythonLiteral { found: PythonConstant },
    /// A word that is not `true`, `false` or `null` where a value belongs (`NaN`, `undefined`).
    InvalidLiteral,
    /// `...` or `…`: the document was shortened by hand.
    Ellipsis,
    /// A `//` or `/* */` comment.
    Comment,
    /// A space character JSON does not allow (no-break space, ideographic space, zero-width
    /// space): text copied from a web page or typed with a Japanese input method.
    UnusualWhitespace { found: char },
    /// Arrays and objects nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// More text after a complete document. `span.start` is where that text starts, so a caller
    /// can go on with `parse_at(text, error.span.start)`; `document_end` is where the document
    /// itself ended.
    TrailingText { document_end: usize },
}

/// What the reader was expecting where it stopped.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Value,
    ValueOrArrayEnd,
    KeyOrObjectEnd,
    Key,
    Colon,
    CommaOrArrayEnd,
    CommaOrObjectEnd,
    StringEnd,
    EscapeSequence,
    Digit,
    /// The rest of `true`, `false` or `null`.
    Literal,
}

/// A string, array or object that was opened and not closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Unclosed {
    pub construct: Construct,
    /// Byte offset of its opening `"`, `[` or `{`.
    pub start: usize,
    pub location: Location,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Construct {
    Object,
    Array,
    String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum PythonConstant {
    True,
    False,
    None,
}

impl PythonConstant {
    /// The word as Python writes it.
    pub const fn python(self) -> &'static str {
        match self {
            PythonConstant::True => "True",
            PythonConstant::False => "False",
            PythonConstant::None => "None",
        }
    }

    /// The JSON word meaning the same.
    pub const fn json(self) -> &'static str {
        match self {
            PythonConstant::True => "true",
            PythonConstant::False => "false",
            PythonConstant::None => "null",
        }
    }
}

impl ParseErrorKind {
    /// Stable snake_case code of every kind, as [`ParseErrorKind::code`] returns them.
    pub const CODES: &'static [&'static str] = &[
        "empty",
        "unexpected_end",
        "unexpected_char",
        "mismatched_close",
        "invalid_escape",
        "invalid_number",
        "control_char_in_string",
        "trailing_comma",
        "missing_comma",
        "missing_colon",
        "single_quotes",
        "smart_quotes",
        "unquoted_key",
        "python_literal",
        "invalid_literal",
        "ellipsis",
        "comment",
        "unusual_whitespace",
        "too_deep",
        "trailing_text",
    ];

    /// A stable snake_case code for this kind (for tests, exports and CSS classes).
    pub const fn code(&self) -> &'static str {
        match self {
            ParseErrorKind::Empty => "empty",
            ParseErrorKind::UnexpectedEnd { .. } => "unexpected_end",
            ParseErrorKind::UnexpectedChar { .. } => "unexpected_char",
            ParseErrorKind::MismatchedClose { .. } => "mismatched_close",
            ParseErrorKind::InvalidEscape => "invalid_escape",
            ParseErrorKind::InvalidNumber => "invalid_number",
            ParseErrorKind::ControlCharInString => "control_char_in_string",
            ParseErrorKind::TrailingComma => "trailing_comma",
            ParseErrorKind::MissingComma => "missing_comma",
            ParseErrorKind::MissingColon => "missing_colon",
            ParseErrorKind::SingleQuotes => "single_quotes",
            ParseErrorKind::SmartQuotes { .. } => "smart_quotes",
            ParseErrorKind::UnquotedKey => "unquoted_key",
            ParseErrorKind::PythonLiteral { .. } => "python_literal",
            ParseErrorKind::InvalidLiteral => "invalid_literal",
            ParseErrorKind::Ellipsis => "ellipsis",
            ParseErrorKind::Comment => "comment",
            ParseErrorKind::UnusualWhitespace { .. } => "unusual_whitespace",
            ParseErrorKind::TooDeep => "too_deep",
            ParseErrorKind::TrailingText { .. } => "trailing_text",
        }
    }

    /// Whether the text looks cut off (as opposed to damaged in the middle).
    pub const fn is_truncation(&self) -> bool {
        matches!(self, ParseErrorKind::UnexpectedEnd { .. })
    }
}

impl Expected {
    fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Value, Lang::En) => "a value",
            (Expected::Value, Lang::Ja) => "値",
            (Expected::ValueOrArrayEnd, Lang::En) => "a value or `]`",
            (Expected::ValueOrArrayEnd, Lang::Ja) => "値か `]`",
            (Expected::KeyOrObjectEnd, Lang::En) => "a key in double quotes or `}`",
            (Expected::KeyOrObjectEnd, Lang::Ja) => "ダブルクォートで囲んだキーか `}`",
            (Expected::Key, Lang::En) => "a key in double quotes",
            (Expected::Key, Lang::Ja) => "ダブルクォートで囲んだキー",
            (Expected::Colon, Lang::En) => "`:` after the key",
            (Expected::Colon, Lang::Ja) => "キーの後の `:`",
            (Expected::CommaOrArrayEnd, Lang::En) => "`,` or `]`",
            (Expected::CommaOrArrayEnd, Lang::Ja) => "`,` か `]`",
            (Expected::CommaOrObjectEnd, Lang::En) => "`,` or `}`",
            (Expected::CommaOrObjectEnd, Lang::Ja) => "`,` か `}`",
            (Expected::StringEnd, Lang::En) => "the closing `\"` of the string",
            (Expected::StringEnd, Lang::Ja) => "文字列を閉じる `\"`",
            (Expected::EscapeSequence, Lang::En) => "the rest of an escape sequence",
            (Expected::EscapeSequence, Lang::Ja) => "エスケープシーケンスの続き",
            (Expected::Digit, Lang::En) => "a digit",
            (Expected::Digit, Lang::Ja) => "数字",
            (Expected::Literal, Lang::En) => "the rest of `true`, `false` or `null`",
            (Expected::Literal, Lang::Ja) => "`true`・`false`・`null` の続き",
        }
    }
}

impl Construct {
    fn describe(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Construct::Object, Lang::En) => "an object",
            (Construct::Array, Lang::En) => "an array",
            (Construct::String, Lang::En) => "a string",
            (Construct::Object, Lang::Ja) => "オブジェクト",
            (Construct::Array, Lang::Ja) => "配列",
            (Construct::String, Lang::Ja) => "文字列",
        }
    }
}

/// `phrase` set inside Japanese text: a space between a code span and the Japanese around it,
/// as Japanese technical writing spaces inline code (「ここには `,` か `]` が必要です」).
fn spaced(phrase: &str) -> String {
    let before = if phrase.starts_with('`') { " " } else { "" };
    let after = if phrase.ends_with('`') { " " } else { "" };
    format!("{before}{phrase}{after}")
}

/// A character as a message shows it: invisible ones by code point.
fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}' {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

impl ParseError {
    /// One sentence saying what is wrong and where, in `lang`. Every message names the line and
    /// column (1-based, counted in characters) where the problem starts.
    pub fn message(&self, lang: Lang) -> String {
        let l = self.location.line;
        let c = self.location.column;
        match (&self.kind, lang) {
            (ParseErrorKind::Empty, Lang::En) => format!(
                "there is no JSON here: the text is empty or only whitespace up to line {l}, column {c}"
            ),
            (ParseErrorKind::Empty, Lang::Ja) => format!(
                "JSON がありません。{l} 行 {c} 列目までテキストが空か空白だけです"
            ),
            (
                ParseErrorKind::UnexpectedEnd {
                    unclosed: Some(open),
                    ..
                },
                Lang::En,
            ) => format!(
                "the JSON ends too early at line {l}, column {c}: {} is still open (started at line {}, column {}) — the paste looks cut off",
                open.construct.describe(lang),
                open.location.line,
                open.location.column
            ),
            (
                ParseErrorKind::UnexpectedEnd {
                    unclosed: Some(open),
                    ..
                },
                Lang::Ja,
            ) => format!(
                "{l} 行 {c} 列目で JSON が途中で終わっています。{} 行 {} 列目から始まる{}が閉じていません（貼り付けが途中で切れているようです）",
                open.location.line,
                open.location.column,
                open.construct.describe(lang)
            ),
            (
                ParseErrorKind::UnexpectedEnd {
                    expecting,
                    unclosed: None,
                },
                Lang::En,
            ) => format!(
                "the JSON ends too early at line {l}, column {c}: expecting {} — the paste looks cut off",
                expecting.describe(lang)
            ),
            (
                ParseErrorKind::UnexpectedEnd {
                    expecting,
                    unclosed: None,
                },
                Lang::Ja,
            ) => format!(
                "{l} 行 {c} 列目で JSON が途中で終わっています。ここには{}が必要です（貼り付けが途中で切れているようです）",
                spaced(expecting.describe(lang))
            ),
            (ParseErrorKind::UnexpectedChar { found, expecting }, Lang::En) => format!(
                "unexpected {} at line {l}, column {c}: expecting {}",
                show_char(*found),
                expecting.describe(lang)
            ),
            (ParseErrorKind::UnexpectedChar { found, expecting }, Lang::Ja) => format!(
                "{l} 行 {c} 列目に予期しない {} があります。ここには{}が必要です",
                show_char(*found),
                spaced(expecting.describe(lang))
            ),
            (
                ParseErrorKind::MismatchedClose {
                    found,
                    expecting,
                    open,
                },
                Lang::En,
            ) => format!(
                "{} at line {l}, column {c} does not close {} that starts at line {}, column {}: expecting {}",
                show_char(*found),
                open.construct.describe(lang),
                open.location.line,
                open.location.column,
                expecting.describe(lang)
            ),
            (
                ParseErrorKind::MismatchedClose {
                    found,
                    expecting,
                    open,
                },
                Lang::Ja,
            ) => format!(
                "{l} 行 {c} 列目の {} は {} 行 {} 列目から始まる{}を閉じられません。ここには{}が必要です",
                show_char(*found),
                open.location.line,
                open.location.column,
                open.construct.describe(lang),
                spaced(expecting.describe(lang))
            ),
            (ParseErrorKind::InvalidEscape, Lang::En) => format!(
                "invalid escape in a string at line {l}, column {c}: JSON allows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX (a Windows path needs doubled backslashes)"
            ),
            (ParseErrorKind::InvalidEscape, Lang::Ja) => format!(
                "{l} 行 {c} 列目の文字列に無効なエスケープがあります。JSON で使えるのは \\\" \\\\ \\/ \\b \\f \\n \\r \\t と \\uXXXX だけです（Windows のパスはバックスラッシュを二重にします）"
            ),
            (ParseErrorKind::InvalidNumber, Lang::En) => format!(
                "invalid number at line {l}, column {c}: JSON numbers have no leading zeros, no `+` sign and no bare `.`, and need digits after `.` and `e`"
            ),
            (ParseErrorKind::InvalidNumber, Lang::Ja) => format!(
                "{l} 行 {c} 列目の数値が JSON の形式ではありません。先頭の 0、`+` 記号、数字のない `.` は使えず、`.` と `e` の後には数字が必要です"
            ),
            (ParseErrorKind::ControlCharInString, Lang::En) => format!(
                "a string contains a raw line break or control character at line {l}, column {c}: write it as \\n (or \\t, \\uXXXX) — or the closing `\"` is missing"
            ),
            (ParseErrorKind::ControlCharInString, Lang::Ja) => format!(
                "{l} 行 {c} 列目で文字列の中に改行などの制御文字がそのまま入っています。\\n（または \\t、\\uXXXX）と書くか、閉じる `\"` が抜けていないか確認してください"
            ),
            (ParseErrorKind::TrailingComma, Lang::En) => format!(
                "trailing comma at line {l}, column {c}: JSON allows no `,` right before `]` or `}}` — remove it"
            ),
            (ParseErrorKind::TrailingComma, Lang::Ja) => format!(
                "{l} 行 {c} 列目に余分なカンマがあります。JSON では `]` や `}}` の直前に `,` を置けません。削除してください"
            ),
            (ParseErrorKind::MissingComma, Lang::En) => format!(
                "missing comma before line {l}, column {c}: items of an array and members of an object are separated by `,`"
            ),
            (ParseErrorKind::MissingComma, Lang::Ja) => format!(
                "{l} 行 {c} 列目の前にカンマがありません。配列の要素やオブジェクトのメンバーは `,` で区切ります"
            ),
            (ParseErrorKind::MissingColon, Lang::En) => format!(
                "missing `:` at line {l}, column {c}: a key is followed by `:` and then its value"
            ),
            (ParseErrorKind::MissingColon, Lang::Ja) => format!(
                "{l} 行 {c} 列目に `:` がありません。キーの後には `:` と値が続きます"
            ),
            (ParseErrorKind::SingleQuotes, Lang::En) => format!(
                "single quotes at line {l}, column {c}: JSON strings and keys need double quotes (\"like this\") — this looks like Python or JavaScript output rather than JSON"
            ),
            (ParseErrorKind::SingleQuotes, Lang::Ja) => format!(
                "{l} 行 {c} 列目でシングルクォートが使われています。JSON の文字列とキーはダブルクォート（\"このように\"）で囲みます（JSON ではなく Python や JavaScript の出力のようです）"
            ),
            (ParseErrorKind::SmartQuotes { found }, Lang::En) => format!(
                "typographic quote {} at line {l}, column {c}: JSON needs plain double quotes `\"` — the text was probably copied through a word processor, chat or web page that curled the quotes",
                show_char(*found)
            ),
            (ParseErrorKind::SmartQuotes { found }, Lang::Ja) => format!(
                "{l} 行 {c} 列目に飾り引用符 {} があります。JSON では半角のダブルクォート `\"` が必要です（ワープロ・チャット・ウェブページを経由して引用符が変換されたようです）",
                show_char(*found)
            ),
            (ParseErrorKind::UnquotedKey, Lang::En) => format!(
                "key without quotes at line {l}, column {c}: JSON keys need double quotes, as in \"Version\""
            ),
            (ParseErrorKind::UnquotedKey, Lang::Ja) => format!(
                "{l} 行 {c} 列目のキーが引用符で囲まれていません。JSON のキーは \"Version\" のようにダブルクォートで囲みます"
            ),
            (ParseErrorKind::PythonLiteral { found }, Lang::En) => format!(
                "Python's `{}` at line {l}, column {c}: JSON writes `{}` — this looks like a printed Python dict; print it with json.dumps or use the AWS CLI's JSON output",
                found.python(),
                found.json()
            ),
            (ParseErrorKind::PythonLiteral { found }, Lang::Ja) => format!(
                "{l} 行 {c} 列目に Python の `{}` があります。JSON では `{}` と書きます（Python の dict を print した出力のようです。json.dumps か AWS CLI の JSON 出力を使ってください）",
                found.python(),
                found.json()
            ),
            (ParseErrorKind::InvalidLiteral, Lang::En) => format!(
                "unknown word at line {l}, column {c}: a JSON value is a string in double quotes, a number, an object, an array, `true`, `false` or `null`"
            ),
            (ParseErrorKind::InvalidLiteral, Lang::Ja) => format!(
                "{l} 行 {c} 列目に JSON で使えない語があります。JSON の値はダブルクォートで囲んだ文字列、数値、オブジェクト、配列、`true`、`false`、`null` のいずれかです"
            ),
            (ParseErrorKind::Ellipsis, Lang::En) => format!(
                "an ellipsis (`...`) at line {l}, column {c}: part of the document was left out, so it is not valid JSON — paste the complete output"
            ),
            (ParseErrorKind::Ellipsis, Lang::Ja) => format!(
                "{l} 行 {c} 列目に省略記号（...）があります。一部が省略されているため JSON として読めません。出力全体を貼り付けてください"
            ),
            (ParseErrorKind::Comment, Lang::En) => format!(
                "a comment at line {l}, column {c}: JSON does not allow comments — remove it"
            ),
            (ParseErrorKind::Comment, Lang::Ja) => format!(
                "{l} 行 {c} 列目にコメントがあります。JSON ではコメントを書けません。削除してください"
            ),
            (ParseErrorKind::UnusualWhitespace { found }, Lang::En) => format!(
                "an unusual space character ({}) at line {l}, column {c}: JSON allows only plain spaces, tabs and line breaks — the text was probably copied from a web page or typed with an input method",
                show_char(*found)
            ),
            (ParseErrorKind::UnusualWhitespace { found }, Lang::Ja) => format!(
                "{l} 行 {c} 列目に特殊な空白文字（{}）があります。JSON で使える空白は半角スペース・タブ・改行だけです（ウェブページからのコピーや全角入力が原因のようです）",
                show_char(*found)
            ),
            (ParseErrorKind::TooDeep, Lang::En) => format!(
                "the JSON nests arrays and objects more than {MAX_DEPTH} levels deep at line {l}, column {c}: no AWS output is like this, so it is not read further"
            ),
            (ParseErrorKind::TooDeep, Lang::Ja) => format!(
                "{l} 行 {c} 列目で配列とオブジェクトの入れ子が {MAX_DEPTH} 段を超えています。AWS の出力ではありえないため、これ以上読みません"
            ),
            (ParseErrorKind::TrailingText { .. }, Lang::En) => format!(
                "more text follows the JSON at line {l}, column {c}: only one document is read here — was a shell prompt or a second output pasted after it?"
            ),
            (ParseErrorKind::TrailingText { .. }, Lang::Ja) => format!(
                "{l} 行 {c} 列目、JSON の後にさらにテキストがあります。ここで読むのは 1 つの文書だけです（シェルのプロンプトや別の出力が続けて貼り付けられていませんか）"
            ),
        }
    }
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ParseError {}
