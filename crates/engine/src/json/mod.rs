//! A span-preserving JSON reader for pasted text.
//!
//! # Why not `serde_json::Value`
//!
//! Every finding cites its evidence as a byte span into the user's paste and as a JSON path, and
//! every error must say the line and column a person can find in their editor. Pastes are also
//! often damaged: cut off by a terminal, a shell prompt after the output, Python's `True`, curly
//! quotes from a chat tool. So this reader
//!
//! - keeps for every value ([`Json`]) and every key ([`Member::key_span`]) the byte span it covers
//!   in the source text;
//! - accepts exactly RFC 8259 JSON, but names the usual paste damage in its [`ParseError`]
//!   (trailing or missing commas, single or curly quotes, unquoted keys, Python constants, `...`,
//!   comments, text after the document) with a one-sentence message in English and Japanese;
//! - reads what it can from a broken text ([`parse_lenient`]): open arrays and objects are closed
//!   where the reading stopped, so every complete fact of a truncated paste is still there;
//! - can read past damage that has one obvious reading ([`parse_repairing`]: a trailing comma, a
//!   printed Python dict, curly quotes, comments), recording each repair as a located error;
//! - keeps numbers as written (`Value::Number` is the raw text) and borrows strings without
//!   escapes from the input, which also makes it faster than building a `serde_json::Value`.
//!
//! # Spans
//!
//! A [`Span`] is a half-open byte range into the text given to [`parse`] (not into a part of it:
//! [`parse_at`] spans are absolute too). A value's span covers exactly its text: the quotes of a
//! string, the brackets of an array, the digits of a number, never surrounding whitespace. Spans
//! always start and end on character boundaries, so `span.slice(text)` gives the source text, and
//! every child's span lies inside its parent's. [`crate::text::Location::of`] turns a span's
//! start into a line and column.
//!
//! # Limits
//!
//! Nesting is limited to [`MAX_DEPTH`] levels ([`ParseErrorKind::TooDeep`] beyond it); the reader
//! uses an explicit stack, never recursion, and runs in time linear in the input (locating an
//! error costs one more pass over the text before it, which is why repairs are capped at 100).
//! It never panics, whatever the input.

mod error;
mod parser;

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::text::Span;

pub use error::{Construct, Expected, ParseError, ParseErrorKind, PythonConstant, Unclosed};

/// The deepest nesting of arrays and objects the reader accepts. AWS outputs nest fewer than 20
/// levels; the limit only keeps hostile input from costing stack in code that walks the value.
pub const MAX_DEPTH: usize = 512;

/// A JSON value with the byte span it covers in the source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Json<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value<'a> {
    Null,
    Bool(bool),
    /// The raw number text, exactly as written (`-1.50e3` stays `-1.50e3`).
    Number(&'a str),
    /// Borrowed from the source when the string has no escapes.
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    /// Members in source order, duplicate keys kept.
    Object(Vec<Member<'a>>),
}

/// One `"key": value` of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'a> {
    pub key: Cow<'a, str>,
    /// The span of the key including its quotes.
    pub key_span: Span,
    pub value: Json<'a>,
}

impl<'a> Json<'a> {
    /// The member value under exactly `key`. With duplicate keys the last one wins, as in IAM
    /// and serde.
    pub fn get(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?
            .iter()
            .rev()
            .find(|member| member.key == key)
            .map(|member| &member.value)
    }

    /// The member value under `key` compared ASCII case-insensitively (SDKs and hand-written
    /// policies use `effect`, `action`); the last matching duplicate wins.
    pub fn get_ci(&self, key: &str) -> Option<&Json<'a>> {
        self.as_object()?
            .iter()
            .rev()
            .find(|member| member.key.eq_ignore_ascii_case(key))
            .map(|member| &member.value)
    }

    /// The member (key, key span and value) under exactly `key`, last duplicate winning: for
    /// evidence that points at the key.
    pub fn member(&self, key: &str) -> Option<&Member<'a>> {
        self.as_object()?
            .iter()
            .rev()
            .find(|member| member.key == key)
    }

    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(value) => Some(value),
            _ => None,
        }
    }

    /// The number as `f64`; `None` for a non-number or one beyond `f64`'s range (`1e400`).
    pub fn as_f64(&self) -> Option<f64> {
        match self.value {
            Value::Number(raw) => raw.parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        }
    }

    /// The number as `i64` when it is a whole number in range: `16`, and also `16.0` or `1.6e1`.
    pub fn as_i64(&self) -> Option<i64> {
        let Value::Number(raw) = self.value else {
            return None;
        };
        if let Ok(whole) = raw.parse::<i64>() {
            return Some(whole);
        }
        let float = raw.parse::<f64>().ok()?;
        // i64::MAX is not exactly representable: compare against 2^63 with a strict bound.
        let in_range = (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&float);
        (float.fract() == 0.0 && in_range).then_some(float as i64)
    }

    pub fn as_array(&self) -> Option<&[Json<'a>]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&[Member<'a>]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// Whether this is the placeholder of an item dropped by a [`Prune`] (a `null` whose span in
    /// `text` holds an object).
    pub fn is_pruned(&self, text: &str) -> bool {
        matches!(self.value, Value::Null) && text.as_bytes().get(self.span.start) == Some(&b'{')
    }

    pub fn is_null(&self) -> bool {
        matches!(self.value, Value::Null)
    }

    /// The value as a list, as IAM reads `"Action": "x"` and `"Action": ["x"]` alike: an
    /// array's items, `null` as no items, anything else as a one-item slice of itself.
    pub fn one_or_many(&self) -> &[Json<'a>] {
        match &self.value {
            Value::Array(items) => items,
            Value::Null => &[],
            _ => std::slice::from_ref(self),
        }
    }

    /// A short English/Japanese-neutral name of the value's type, for messages such as
    /// "expected a string, found `array`".
    pub fn type_name(&self) -> &'static str {
        match self.value {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The path from this value down to the value or key whose span is exactly `span` (as held
    /// by a rule that found something deep inside): `$.Statement[1].Action`. For a key span the
    /// path is that of the member's value. `None` when no value inside has that span.
    /// Children are in source order, so each level is a binary search.
    pub fn path_to(&self, span: Span) -> Option<JsonPath> {
        let mut path = JsonPath::root();
        let mut current = self;
        let inside = |outer: Span| outer.start <= span.start && span.end <= outer.end;
        if !inside(current.span) {
            return None;
        }
        loop {
            if current.span == span {
                return Some(path);
            }
            match &current.value {
                Value::Array(items) => {
                    let index = items.partition_point(|item| item.span.end < span.end);
                    let item = items.get(index).filter(|item| inside(item.span))?;
                    path.push_index(index);
                    current = item;
                }
                Value::Object(members) => {
                    let index = members.partition_point(|member| member.value.span.end < span.end);
                    let member = members.get(index)?;
                    if member.key_span == span {
                        path.push_key(&member.key);
                        return Some(path);
                    }
                    if !inside(member.value.span) {
                        return None;
                    }
                    path.push_key(&member.key);
                    current = &member.value;
                }
                _ => return None,
            }
        }
    }

    /// Calls `visit` with every value inside this one (this one first, then depth-first in source
    /// order) and its path from here. For finding a key wherever it is, e.g. every
    /// `IamInstanceProfile` in a paste of unknown shape. Depth is bounded by the parser's
    /// [`MAX_DEPTH`].
    pub fn walk<'s>(&'s self, visit: &mut impl FnMut(&JsonPath, &'s Json<'a>)) {
        fn go<'s, 'a>(
            json: &'s Json<'a>,
            path: &mut JsonPath,
            visit: &mut impl FnMut(&JsonPath, &'s Json<'a>),
        ) {
            visit(path, json);
            let length = path.0.len();
            match &json.value {
                Value::Array(items) => {
                    for (index, item) in items.iter().enumerate() {
                        path.push_index(index);
                        go(item, path, visit);
                        path.0.truncate(length);
                    }
                }
                Value::Object(members) => {
                    for member in members {
                        path.push_key(&member.key);
                        go(&member.value, path, visit);
                        path.0.truncate(length);
                    }
                }
                _ => {}
            }
        }
        go(self, &mut JsonPath::root(), visit);
    }

    /// The same value as a `serde_json::Value` (for exporters and comparisons). Numbers are read
    /// by serde_json itself, so the result equals `serde_json::from_str` of the same text; a
    /// number beyond `f64`'s range, which serde_json refuses, becomes its raw text as a string.
    pub fn to_serde(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(value) => serde_json::Value::Bool(*value),
            Value::Number(raw) => match serde_json::from_str::<serde_json::Number>(raw) {
                Ok(number) => serde_json::Value::Number(number),
                Err(_) => serde_json::Value::String((*raw).to_owned()),
            },
            Value::String(text) => serde_json::Value::String(text.as_ref().to_owned()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Json::to_serde).collect())
            }
            Value::Object(members) => {
                let mut map = serde_json::Map::new();
                for member in members {
                    map.insert(member.key.as_ref().to_owned(), member.value.to_serde());
                }
                serde_json::Value::Object(map)
            }
        }
    }
}

/// A JSON path for evidence, e.g. `$.Reservations[0].Instances[0].IamInstanceProfile.Id`.
///
/// Keys that are identifiers (`[A-Za-z_][A-Za-z0-9_]*`) are written `.Key`; others as
/// `["aws:SourceArn"]` with JSON string escaping. The default value is the root, `$`.
/// Serializes as its string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct JsonPath(String);

impl JsonPath {
    /// The root, `$`.
    pub fn root() -> Self {
        Self::default()
    }

    /// This path followed by an object key.
    pub fn key(&self, key: &str) -> Self {
        let mut path = self.clone();
        path.push_key(key);
        path
    }

    /// This path followed by an array index.
    pub fn index(&self, index: usize) -> Self {
        let mut path = self.clone();
        path.push_index(index);
        path
    }

    pub fn push_key(&mut self, key: &str) {
        let mut bytes = key.bytes();
        let identifier = bytes
            .next()
            .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_')
            && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_');
        if identifier {
            self.0.push('.');
            self.0.push_str(key);
        } else {
            self.0.push('[');
            write_json_string(&mut self.0, key);
            self.0.push(']');
        }
    }

    pub fn push_index(&mut self, index: usize) {
        // Writing to a String cannot fail.
        let _ = write!(self.0, "[{index}]");
    }

    /// Whether this is the root `$`.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('$')?;
        f.write_str(&self.0)
    }
}

impl Serialize for JsonPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Appends `text` as a JSON string literal.
fn write_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Parses exactly one JSON document; whitespace (and a leading UTF-8 BOM) around it is allowed.
pub fn parse(text: &str) -> Result<Json<'_>, ParseError> {
    let mut parser = parser::Parser::new(text, 0);
    parser.skip_leading();
    let json = parser.parse_value()?;
    match parser.trailing_text() {
        Some(error) => Err(error),
        None => Ok(json),
    }
}

/// Parses one document starting at byte `start` (after any whitespace or BOM there), returning
/// it and the offset just after it. For several documents one after another, and JSON inside
/// surrounding text. What follows the document is not looked at. Spans are offsets into the
/// whole `text`. A `start` inside a character moves to the next character.
pub fn parse_at(text: &str, start: usize) -> Result<(Json<'_>, usize), ParseError> {
    let mut parser = parser::Parser::new(text, start);
    parser.skip_leading();
    let json = parser.parse_value()?;
    Ok((json, parser.pos()))
}

/// The result of [`parse_lenient`]: the best value that could be read, and what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Lenient<'a> {
    /// The value: complete when `error` is `None` (or only [`ParseErrorKind::TrailingText`]);
    /// otherwise open arrays and objects closed where reading stopped, the incomplete last member
    /// dropped. `None` when not even the start of a value could be read.
    pub value: Option<Json<'a>>,
    pub error: Option<ParseError>,
}

/// For truncated or broken input: the error AND the best value that can still be read (open
/// arrays/objects closed at the point of failure, the incomplete last member dropped), so that
/// every fact that is complete is kept. A closed container's span ends where its last complete
/// item ends.
pub fn parse_lenient(text: &str) -> Lenient<'_> {
    let mut parser = parser::Parser::new(text, 0);
    parser.skip_leading();
    match parser.parse_value() {
        Ok(json) => Lenient {
            value: Some(json),
            error: parser.trailing_text(),
        },
        Err(error) => Lenient {
            value: parser.recover(&error),
            error: Some(error),
        },
    }
}

/// [`parse_lenient`] from byte `start`, like [`parse_at`]: also returns the offset where reading
/// stopped (just after the document, or at the error).
pub fn parse_lenient_at(text: &str, start: usize) -> (Lenient<'_>, usize) {
    let mut reader = LenientReader::new(text, start);
    loop {
        if let Some(done) = reader.read(usize::MAX) {
            return done;
        }
    }
}

/// [`parse_lenient_at`] in slices, for a caller that must not block for long (a page reading a
/// 20 MB paste): [`LenientReader::read`] reads about as many bytes as it is given, then returns,
/// and goes on where it stopped at the next call. The result is exactly `parse_lenient_at`'s.
pub struct LenientReader<'a> {
    parser: parser::Parser<'a>,
}

impl<'a> LenientReader<'a> {
    pub fn new(text: &'a str, start: usize) -> Self {
        // Pastes of `curl -v` interleave curl's `* …` notes with the document.
        let mut parser = parser::Parser::new(text, start).skipping_curl_notes();
        parser.skip_leading();
        Self { parser }
    }

    /// This reader, dropping the items [`Prune`] names as soon as each is read.
    pub fn pruning(self, prune: Prune<'a>) -> Self {
        Self {
            parser: self.parser.pruning(prune),
        }
    }

    /// How far the reading has come (a byte offset into the text).
    pub fn position(&self) -> usize {
        self.parser.pos()
    }

    /// Reads on for about `bytes` more bytes (a string or number is never cut): the result and
    /// the offset where reading stopped once the document is read, `None` while it goes on.
    pub fn read(&mut self, bytes: usize) -> Option<(Lenient<'a>, usize)> {
        let limit = self.parser.pos().saturating_add(bytes.max(1));
        match self.parser.parse_value_until(limit) {
            Ok(None) => None,
            Ok(Some(json)) => Some((
                Lenient {
                    value: Some(json),
                    error: None,
                },
                self.parser.pos(),
            )),
            Err(error) => {
                let stopped = error.span.start;
                Some((
                    Lenient {
                        value: self.parser.recover(&error),
                        error: Some(error),
                    },
                    stopped,
                ))
            }
        }
    }
}

/// Items of a big document that a reader drops as soon as each is read, so the document's whole
/// tree is never in memory at once (a 100 MB `describe-instances` makes a tree of about 100 MB):
/// the objects at `root.<keys[0]>[i].<keys[1]>[j]` (keys compared ASCII case-insensitively),
/// each handed to `read` (spans as the reader reads them) and left in its array as a
/// placeholder: a `null` spanning the object's text ([`Json::is_pruned`]), so every other item
/// keeps its index. [`parse_at`] at the placeholder's start reads the object again.
pub struct Prune<'a> {
    pub keys: [&'static str; 2],
    pub read: Box<dyn FnMut(Json<'a>) + 'a>,
}

/// The result of [`parse_repairing`].
#[derive(Clone, Debug, PartialEq)]
pub struct Repaired<'a> {
    /// The value read, through the repairs; as in [`Lenient`] when `error` stopped the reading.
    pub value: Option<Json<'a>>,
    /// The damage read past, in text order: each a located error the user should still fix.
    pub repairs: Vec<ParseError>,
    /// The damage that stopped the reading (or text after the document), if any.
    pub error: Option<ParseError>,
}

/// [`parse_repairing`] from byte `start` of `text`, like [`parse_at`]: spans are offsets into
/// the whole text, and what follows the document is not looked at.
pub fn parse_repairing_at(text: &str, start: usize) -> Repaired<'_> {
    let mut parser = parser::Parser::new(text, start).repairing();
    parser.skip_leading();
    let (value, error) = match parser.parse_value() {
        Ok(json) => (Some(json), None),
        Err(error) => (parser.recover(&error), Some(error)),
    };
    Repaired {
        value,
        repairs: parser.take_repairs(),
        error,
    }
}

/// Like [`parse_lenient`], but reads past damage that has one obvious reading, recording each as
/// a located error in [`Repaired::repairs`]: a trailing comma (ignored), a missing comma or colon
/// (supplied), a comment or unusual space character (skipped), a string or key in single or
/// curly quotes (read up to its closing quote on the same line), an unquoted key (the word), and
/// Python's `True`, `False`, `None` (as `true`, `false`, `null`). A hand-edited policy with a
/// trailing comma or a printed Python dict can so still be read in full, while the user is told
/// exactly what to fix. Valid JSON reads exactly as with [`parse`], with no repairs. At most
/// 100 repairs are made; the next damage then stops the reading.
pub fn parse_repairing(text: &str) -> Repaired<'_> {
    let mut parser = parser::Parser::new(text, 0).repairing();
    parser.skip_leading();
    let (value, error) = match parser.parse_value() {
        Ok(json) => (Some(json), parser.trailing_text()),
        Err(error) => (parser.recover(&error), Some(error)),
    };
    Repaired {
        value,
        repairs: parser.take_repairs(),
        error,
    }
}

#[cfg(test)]
mod tests;
