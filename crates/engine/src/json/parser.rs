//! The reader itself: one pass over the bytes, no recursion (an explicit stack of open
//! containers), so depth is bounded by [`MAX_DEPTH`] and a failure leaves the open containers at
//! hand for [`Parser::recover`].

use std::borrow::Cow;

use crate::text::{Location, Span};

use super::error::{Construct, Expected, ParseError, ParseErrorKind, PythonConstant, Unclosed};
use super::{Json, Member, Value, MAX_DEPTH};

/// Bytes that end the fast scan through a string: `"`, `\` and the control characters.
static STRING_STOP: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// An array or object that is open. Its items so far are the tail of the parser's shared
/// `items` (or `members`) from index `first`: one growing buffer for all open containers, and an
/// exactly sized `Vec` per container when it closes, instead of a reallocating `Vec` each.
enum Frame<'a> {
    Array {
        start: usize,
        first: usize,
    },
    Object {
        start: usize,
        first: usize,
        /// The key whose value is being read.
        key: Option<(Cow<'a, str>, Span)>,
    },
}

pub(super) struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    stack: Vec<Frame<'a>>,
    items: Vec<Json<'a>>,
    members: Vec<Member<'a>>,
    /// In repair mode, the damage read past so far; `None` when reading strictly.
    repairs: Option<Vec<ParseError>>,
    /// Whether a line of `curl -v`'s own notes (`* Closing connection 0`), which curl writes to
    /// stderr in the middle of the document on a terminal, is read as whitespace (pastes only).
    curl_notes: bool,
    /// What the next value may be, kept here while a paced read is paused.
    expecting: Expected,
    /// Items dropped as soon as they are read, when the caller asks (see [`super::Prune`]).
    prune: Option<super::Prune<'a>>,
}

/// At most this many repairs per document: each costs a pass over the text before it (for its
/// line and column), so an unbounded count could make a hostile text quadratic.
pub(super) const MAX_REPAIRS: usize = 100;

/// Space characters JSON does not allow, which pastes from web pages and IMEs carry.
const fn is_unusual_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200B}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202F}'
                | '\u{205F}'
                | '\u{3000}'
                | '\u{FEFF}'
    )
}

/// The items of `buffer` from `first` on, moved into a `Vec` of their exact size. (Not
/// `split_off`: from index 0 it hands over the whole buffer, spare capacity and all, and
/// allocates the buffer again at that capacity: for the big array of a 100 MB document, megabytes
/// twice over.)
fn split_tail<T>(buffer: &mut Vec<T>, first: usize) -> Vec<T> {
    buffer.drain(first.min(buffer.len())..).collect()
}

const fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'$'
}

impl<'a> Parser<'a> {
    /// A reader at byte `start` of `text` (moved forward to a character boundary if needed).
    pub(super) fn new(text: &'a str, start: usize) -> Self {
        let mut pos = start.min(text.len());
        while !text.is_char_boundary(pos) {
            pos += 1;
        }
        Self {
            text,
            bytes: text.as_bytes(),
            pos,
            stack: Vec::new(),
            items: Vec::new(),
            members: Vec::new(),
            repairs: None,
            curl_notes: false,
            expecting: Expected::Value,
            prune: None,
        }
    }

    /// This reader skipping `curl -v` note lines between tokens (see `curl_notes`).
    pub(super) fn skipping_curl_notes(mut self) -> Self {
        self.curl_notes = true;
        self
    }

    pub(super) fn pruning(mut self, prune: super::Prune<'a>) -> Self {
        self.prune = Some(prune);
        self
    }

    /// Whether `value`, complete and about to join the innermost open array, is an item the
    /// caller wants dropped: an object at `root.<keys[0]>[i].<keys[1]>[j]`.
    fn prunes(&self, value: &Json<'a>) -> bool {
        let Some(prune) = &self.prune else {
            return false;
        };
        let under = |frame: Option<&Frame<'a>>, wanted: &str| {
            matches!(frame, Some(Frame::Object { key: Some((key, _)), .. })
                if key.eq_ignore_ascii_case(wanted))
        };
        let array = |frame: Option<&Frame<'a>>| matches!(frame, Some(Frame::Array { .. }));
        matches!(value.value, Value::Object(_))
            && self.stack.len() == 4
            && under(self.stack.first(), prune.keys[0])
            && array(self.stack.get(1))
            && under(self.stack.get(2), prune.keys[1])
            && array(self.stack.get(3))
    }

    /// This reader in repair mode: damage that has one obvious reading (see
    /// [`super::parse_repairing`]) is recorded and read past instead of stopping.
    pub(super) fn repairing(mut self) -> Self {
        self.repairs = Some(Vec::new());
        self
    }

    pub(super) fn take_repairs(&mut self) -> Vec<ParseError> {
        self.repairs.take().unwrap_or_default()
    }

    fn can_repair(&self) -> bool {
        self.repairs
            .as_ref()
            .is_some_and(|repairs| repairs.len() < MAX_REPAIRS)
    }

    /// Records `error` as read past when repairing, or returns it.
    fn repair(&mut self, error: ParseError) -> Result<(), ParseError> {
        if !self.can_repair() {
            return Err(error);
        }
        if let Some(repairs) = &mut self.repairs {
            repairs.push(error);
        }
        Ok(())
    }

    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        loop {
            while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
                self.pos += 1;
            }
            if self.curl_notes && self.skip_curl_note() {
                continue;
            }
            if self.repairs.is_none() || !self.skip_noise() {
                return;
            }
        }
    }

    /// `* …` at the start of a line (no JSON token starts with `*`): skipped to the line's end.
    fn skip_curl_note(&mut self) -> bool {
        let at_line_start = self.pos > 0 && self.bytes.get(self.pos - 1) == Some(&b'\n');
        if !at_line_start || self.bytes.get(self.pos..self.pos + 2) != Some(b"* ") {
            return false;
        }
        while let Some(&b) = self.bytes.get(self.pos) {
            if b == b'\n' {
                break;
            }
            self.pos += 1;
        }
        true
    }

    /// In repair mode: skips a comment or an unusual space character at the current position,
    /// recording it. Whether it did.
    fn skip_noise(&mut self) -> bool {
        let rest = self.text.get(self.pos..).unwrap_or_default();
        let noise = rest.starts_with("//")
            || rest.starts_with("/*")
            || rest.chars().next().is_some_and(is_unusual_space);
        if !noise || !self.can_repair() {
            return false;
        }
        let error = self.unexpected(self.pos, Expected::Value);
        let end = error.span.end;
        if end <= self.pos || self.repair(error).is_err() {
            return false;
        }
        self.pos = end;
        true
    }

    /// Skips whitespace and a UTF-8 byte order mark (Windows editors add one).
    pub(super) fn skip_leading(&mut self) {
        // Plain whitespace only: in repair mode a BOM must not be taken for an unusual space.
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
        if self
            .text
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with('\u{FEFF}'))
        {
            self.pos += '\u{FEFF}'.len_utf8();
        }
    }

    fn error(&self, kind: ParseErrorKind, span: Span) -> ParseError {
        ParseError {
            kind,
            span,
            location: Location::of(self.text, span.start),
        }
    }

    fn unclosed(&self, construct: Construct, start: usize) -> Unclosed {
        Unclosed {
            construct,
            start,
            location: Location::of(self.text, start),
        }
    }

    fn innermost_unclosed(&self) -> Option<Unclosed> {
        self.stack.last().map(|frame| match frame {
            Frame::Array { start, .. } => self.unclosed(Construct::Array, *start),
            Frame::Object { start, .. } => self.unclosed(Construct::Object, *start),
        })
    }

    fn end_error(&self, expecting: Expected, unclosed: Option<Unclosed>) -> ParseError {
        let end = self.text.len();
        self.error(
            ParseErrorKind::UnexpectedEnd {
                expecting,
                unclosed,
            },
            Span::new(end, end),
        )
    }

    /// The span of the character at `pos` (empty at the end of the text).
    fn char_span(&self, pos: usize) -> Span {
        let len = self
            .text
            .get(pos..)
            .and_then(|rest| rest.chars().next())
            .map_or(0, char::len_utf8);
        Span::new(pos, pos + len)
    }

    fn word_end(&self, start: usize) -> usize {
        let mut end = start;
        while self.bytes.get(end).is_some_and(|&b| is_word_byte(b)) {
            end += 1;
        }
        end
    }

    /// Reads one value starting at the current position (after whitespace). On error the open
    /// containers stay on the stack for [`Parser::recover`].
    pub(super) fn parse_value(&mut self) -> Result<Json<'a>, ParseError> {
        loop {
            if let Some(json) = self.parse_value_until(usize::MAX)? {
                return Ok(json);
            }
        }
    }

    /// [`Parser::parse_value`] in slices: reads until the value is complete (`Some`) or until
    /// the position reaches `limit` between two values (`None`); called again, it goes on where
    /// it stopped. A page reading a 20 MB document stays responsive between the slices.
    pub(super) fn parse_value_until(
        &mut self,
        limit: usize,
    ) -> Result<Option<Json<'a>>, ParseError> {
        let mut expecting = self.expecting;
        'value: loop {
            if self.pos >= limit && !self.stack.is_empty() {
                // Only inside a container: the state is then wholly in the stack and buffers.
                self.expecting = expecting;
                return Ok(None);
            }
            self.skip_whitespace();
            let start = self.pos;
            let mut value = match self.peek() {
                Some(b'{') => {
                    self.check_depth(start)?;
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Json {
                            value: Value::Object(Vec::new()),
                            span: Span::new(start, self.pos),
                        }
                    } else {
                        self.stack.push(Frame::Object {
                            start,
                            first: self.members.len(),
                            key: None,
                        });
                        self.member_key(Expected::KeyOrObjectEnd)?;
                        expecting = Expected::Value;
                        continue 'value;
                    }
                }
                Some(b'[') => {
                    self.check_depth(start)?;
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                        Json {
                            value: Value::Array(Vec::new()),
                            span: Span::new(start, self.pos),
                        }
                    } else {
                        self.stack.push(Frame::Array {
                            start,
                            first: self.items.len(),
                        });
                        expecting = Expected::ValueOrArrayEnd;
                        continue 'value;
                    }
                }
                Some(b'"') => {
                    let string = self.string()?;
                    Json {
                        value: Value::String(string),
                        span: Span::new(start, self.pos),
                    }
                }
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(b't' | b'f' | b'n') => self.literal(expecting)?,
                None if self.stack.is_empty() => {
                    return Err(self.error(ParseErrorKind::Empty, Span::new(start, start)))
                }
                _ => self.repair_value(start, expecting)?,
            };

            // A value is complete: attach it to the open container and read what follows,
            // closing containers as long as their closing bracket comes next.
            loop {
                if self.prunes(&value) {
                    let span = value.span;
                    if let Some(prune) = &mut self.prune {
                        (prune.read)(value);
                    }
                    value = Json {
                        value: Value::Null,
                        span,
                    };
                }
                let is_array = match self.stack.last_mut() {
                    None => {
                        self.expecting = Expected::Value;
                        return Ok(Some(value));
                    }
                    Some(Frame::Array { .. }) => {
                        self.items.push(value);
                        true
                    }
                    Some(Frame::Object { key, .. }) => {
                        if let Some((key, key_span)) = key.take() {
                            self.members.push(Member {
                                key,
                                key_span,
                                value,
                            });
                        }
                        false
                    }
                };
                self.skip_whitespace();
                let here = self.pos;
                match (self.peek(), is_array) {
                    (Some(b','), _) => {
                        self.pos += 1;
                        self.skip_whitespace();
                        match (self.peek(), is_array) {
                            (Some(b']'), true) | (Some(b'}'), false) => {
                                let comma = Span::new(here, here + 1);
                                self.repair(self.error(ParseErrorKind::TrailingComma, comma))?;
                            }
                            (_, true) => {
                                expecting = Expected::Value;
                                continue 'value;
                            }
                            (_, false) => {
                                self.member_key(Expected::Key)?;
                                expecting = Expected::Value;
                                continue 'value;
                            }
                        }
                    }
                    (Some(b']'), true) | (Some(b'}'), false) => {}
                    _ => {
                        let error = self.after_value_error(is_array);
                        if error.kind != ParseErrorKind::MissingComma {
                            return Err(error);
                        }
                        // Repaired as if the comma were there.
                        self.repair(error)?;
                        if !is_array {
                            self.member_key(Expected::Key)?;
                        }
                        expecting = Expected::Value;
                        continue 'value;
                    }
                }
                // At the closing bracket of the innermost container.
                let here = self.pos;
                self.pos += 1;
                let span_end = self.pos;
                value = match self.stack.pop() {
                    Some(Frame::Array { start, first }) => Json {
                        value: Value::Array(split_tail(&mut self.items, first)),
                        span: Span::new(start, span_end),
                    },
                    Some(Frame::Object { start, first, .. }) => Json {
                        value: Value::Object(split_tail(&mut self.members, first)),
                        span: Span::new(start, span_end),
                    },
                    None => return Err(self.unexpected(here, Expected::Value)),
                };
            }
        }
    }

    /// Where a value is due and none starts: the error, or in repair mode the value read from
    /// a single- or curly-quoted string or a Python constant.
    fn repair_value(&mut self, start: usize, expecting: Expected) -> Result<Json<'a>, ParseError> {
        let error = self.unexpected(start, expecting);
        let value = match error.kind {
            ParseErrorKind::SingleQuotes | ParseErrorKind::SmartQuotes { .. }
                if self.can_repair() =>
            {
                // A quote that never closes on its line is the error itself.
                let Some(string) = self.quoted_string(start) else {
                    return Err(error);
                };
                self.repair(error)?;
                Value::String(string)
            }
            ParseErrorKind::PythonLiteral { found } if self.can_repair() => {
                self.pos = error.span.end;
                self.repair(error)?;
                match found {
                    PythonConstant::True => Value::Bool(true),
                    PythonConstant::False => Value::Bool(false),
                    PythonConstant::None => Value::Null,
                }
            }
            _ => return Err(error),
        };
        Ok(Json {
            value,
            span: Span::new(start, self.pos),
        })
    }

    /// Repair mode: a string in single or curly quotes starting at `open`, up to its closing
    /// quote on the same line (`None` when it does not close there). `\\`, `\'`, `\"`, `\/`, `\n`, `\r` and `\t` are read as
    /// escapes; any other backslash is kept as written.
    fn quoted_string(&mut self, open: usize) -> Option<Cow<'a, str>> {
        let rest = self.text.get(open..).unwrap_or_default();
        let quote = rest.chars().next().unwrap_or('\'');
        let closers: &[char] = match quote {
            '\'' => &['\''],
            '‘' | '’' => &['’', '‘'],
            '＂' => &['＂'],
            _ => &['”', '“', '„', '‟', '"'],
        };
        let content = open + quote.len_utf8();
        let body = self.text.get(content..).unwrap_or_default();
        let mut owned: Option<String> = None;
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            if closers.contains(&c) {
                self.pos = content + i + c.len_utf8();
                return Some(match owned {
                    Some(text) => Cow::Owned(text),
                    None => Cow::Borrowed(body.get(..i).unwrap_or_default()),
                });
            }
            match c {
                '\n' | '\r' => return None,
                '\\' => {
                    let Some((_, escaped)) = chars.next() else {
                        break;
                    };
                    let text =
                        owned.get_or_insert_with(|| body.get(..i).unwrap_or_default().to_owned());
                    match escaped {
                        'n' => text.push('\n'),
                        'r' => text.push('\r'),
                        't' => text.push('\t'),
                        '\\' | '\'' | '"' | '/' => text.push(escaped),
                        other => {
                            text.push('\\');
                            text.push(other);
                        }
                    }
                }
                c => {
                    if let Some(text) = &mut owned {
                        text.push(c);
                    }
                }
            }
        }
        None
    }

    fn check_depth(&self, start: usize) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            Err(self.error(ParseErrorKind::TooDeep, Span::new(start, start + 1)))
        } else {
            Ok(())
        }
    }

    /// Reads `"key"` and the `:` after it, and records the key in the open object.
    fn member_key(&mut self, expecting: Expected) -> Result<(), ParseError> {
        let key_start = self.pos;
        let key = if self.peek() == Some(b'"') {
            self.string()?
        } else {
            let error = self.unexpected(key_start, expecting);
            match error.kind {
                ParseErrorKind::SingleQuotes | ParseErrorKind::SmartQuotes { .. }
                    if self.can_repair() =>
                {
                    let Some(key) = self.quoted_string(key_start) else {
                        return Err(error);
                    };
                    self.repair(error)?;
                    key
                }
                ParseErrorKind::UnquotedKey if self.can_repair() => {
                    let word = error.span;
                    self.repair(error)?;
                    self.pos = word.end;
                    Cow::Borrowed(word.slice(self.text))
                }
                _ => return Err(error),
            }
        };
        let key_span = Span::new(key_start, self.pos);
        self.skip_whitespace();
        match self.peek() {
            Some(b':') => self.pos += 1,
            None => return Err(self.end_error(Expected::Colon, self.innermost_unclosed())),
            Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                // Repaired as if the colon were there.
                self.repair(self.error(ParseErrorKind::MissingColon, self.char_span(self.pos)))?;
            }
            Some(_) => return Err(self.unexpected(self.pos, Expected::Colon)),
        }
        if let Some(Frame::Object { key: slot, .. }) = self.stack.last_mut() {
            *slot = Some((key, key_span));
        }
        Ok(())
    }

    fn after_value_error(&self, is_array: bool) -> ParseError {
        let here = self.pos;
        let expecting = if is_array {
            Expected::CommaOrArrayEnd
        } else {
            Expected::CommaOrObjectEnd
        };
        match self.peek() {
            None => self.end_error(expecting, self.innermost_unclosed()),
            Some(found @ (b']' | b'}')) => match self.innermost_unclosed() {
                Some(open) => self.error(
                    ParseErrorKind::MismatchedClose {
                        found: char::from(found),
                        expecting,
                        open,
                    },
                    Span::new(here, here + 1),
                ),
                None => self.unexpected(here, expecting),
            },
            Some(b'"' | b'{' | b'[' | b'-' | b'0'..=b'9' | b'a'..=b'z' | b'A'..=b'Z') => {
                self.error(ParseErrorKind::MissingComma, self.char_span(here))
            }
            Some(_) => self.unexpected(here, expecting),
        }
    }

    /// Names what stands at `pos` where `expecting` was due: the paste damage it looks like,
    /// or an unexpected character.
    fn unexpected(&self, pos: usize, expecting: Expected) -> ParseError {
        let rest = self.text.get(pos..).unwrap_or_default();
        let Some(found) = rest.chars().next() else {
            if self.stack.is_empty() && expecting == Expected::Value {
                return self.error(ParseErrorKind::Empty, Span::new(pos, pos));
            }
            return self.end_error(expecting, self.innermost_unclosed());
        };
        let one = Span::new(pos, pos + found.len_utf8());
        if rest.starts_with("...") || found == '…' {
            let len = rest
                .find(|c: char| c != '.' && c != '…')
                .unwrap_or(rest.len());
            return self.error(ParseErrorKind::Ellipsis, Span::new(pos, pos + len));
        }
        if rest.starts_with("//") {
            let len = rest.find(['\r', '\n']).unwrap_or(rest.len());
            return self.error(ParseErrorKind::Comment, Span::new(pos, pos + len));
        }
        if rest.starts_with("/*") {
            let len = rest
                .get(2..)
                .and_then(|body| body.find("*/"))
                .map_or(rest.len(), |i| i + 4);
            return self.error(ParseErrorKind::Comment, Span::new(pos, pos + len));
        }
        match found {
            '\'' => {
                // Cover the whole 'quoted text' when it closes on the same line.
                let after = rest.get(1..).unwrap_or_default();
                let line = after.split('\n').next().unwrap_or_default();
                let span = line.find('\'').map_or(one, |i| Span::new(pos, pos + i + 2));
                self.error(ParseErrorKind::SingleQuotes, span)
            }
            '“' | '”' | '„' | '‟' | '‘' | '’' | '＂' => {
                self.error(ParseErrorKind::SmartQuotes { found }, one)
            }
            c if is_unusual_space(c) => {
                self.error(ParseErrorKind::UnusualWhitespace { found }, one)
            }
            '+' | '.' if rest.as_bytes().get(1).is_some_and(u8::is_ascii_digit) => {
                self.invalid_number(pos)
            }
            'a'..='z' | 'A'..='Z' | '_' | '$' => self.bad_word(pos, expecting),
            _ => self.error(ParseErrorKind::UnexpectedChar { found, expecting }, one),
        }
    }

    /// A bare word where a value or key is due.
    fn bad_word(&self, pos: usize, expecting: Expected) -> ParseError {
        let end = self.word_end(pos);
        let span = Span::new(pos, end);
        let word = span.slice(self.text);
        if matches!(expecting, Expected::Key | Expected::KeyOrObjectEnd) {
            return self.error(ParseErrorKind::UnquotedKey, span);
        }
        let python = match word {
            "True" => Some(PythonConstant::True),
            "False" => Some(PythonConstant::False),
            "None" => Some(PythonConstant::None),
            _ => None,
        };
        if let Some(found) = python {
            return self.error(ParseErrorKind::PythonLiteral { found }, span);
        }
        let cut_literal = ["true", "false", "null"]
            .iter()
            .any(|literal| literal.starts_with(word));
        if cut_literal && end == self.text.len() {
            return self.end_error(Expected::Literal, self.innermost_unclosed());
        }
        self.error(ParseErrorKind::InvalidLiteral, span)
    }

    fn literal(&mut self, expecting: Expected) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        let end = self.word_end(start);
        let value = match self.bytes.get(start..end) {
            Some(b"true") => Value::Bool(true),
            Some(b"false") => Value::Bool(false),
            Some(b"null") => Value::Null,
            _ => return Err(self.bad_word(start, expecting)),
        };
        self.pos = end;
        Ok(Json {
            value,
            span: Span::new(start, end),
        })
    }

    fn number(&mut self) -> Result<Json<'a>, ParseError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.skip_digits(),
            None => return Err(self.end_error(Expected::Digit, self.innermost_unclosed())),
            Some(_) => return Err(self.invalid_number(start)),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.required_digits(start)?;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            self.required_digits(start)?;
        }
        if self.peek().is_some_and(|b| b.is_ascii_digit()) {
            // A leading zero such as `01`.
            return Err(self.invalid_number(start));
        }
        let span = Span::new(start, self.pos);
        Ok(Json {
            value: Value::Number(span.slice(self.text)),
            span,
        })
    }

    fn skip_digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    fn required_digits(&mut self, start: usize) -> Result<(), ParseError> {
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.skip_digits();
                Ok(())
            }
            None => Err(self.end_error(Expected::Digit, self.innermost_unclosed())),
            Some(_) => Err(self.invalid_number(start)),
        }
    }

    /// An invalid number covering the number-like run of characters from `start`.
    fn invalid_number(&self, start: usize) -> ParseError {
        let mut end = start;
        while self
            .bytes
            .get(end)
            .is_some_and(|&b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
        {
            end += 1;
        }
        let span = if end > start {
            Span::new(start, end)
        } else {
            self.char_span(start)
        };
        self.error(ParseErrorKind::InvalidNumber, span)
    }

    /// Reads a string whose opening `"` is at the current position. Borrowed unless it has
    /// escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, ParseError> {
        let open = self.pos;
        self.pos += 1;
        let content = self.pos;
        self.scan_plain();
        match self.peek() {
            Some(b'"') => {
                let text = self.text.get(content..self.pos).unwrap_or_default();
                self.pos += 1;
                Ok(Cow::Borrowed(text))
            }
            Some(b'\\') => self.string_with_escapes(open, content).map(Cow::Owned),
            Some(_) => Err(self.control_char_error()),
            None => Err(self.end_error(
                Expected::StringEnd,
                Some(self.unclosed(Construct::String, open)),
            )),
        }
    }

    /// Moves to the next `"`, `\` or control character (or the end).
    fn scan_plain(&mut self) {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let skipped = rest
            .iter()
            .position(|&b| STRING_STOP[usize::from(b)])
            .unwrap_or(rest.len());
        self.pos += skipped;
    }

    fn control_char_error(&self) -> ParseError {
        self.error(
            ParseErrorKind::ControlCharInString,
            Span::new(self.pos, self.pos + 1),
        )
    }

    fn string_with_escapes(&mut self, open: usize, content: usize) -> Result<String, ParseError> {
        let mut out = String::with_capacity(self.pos - content + 16);
        out.push_str(self.text.get(content..self.pos).unwrap_or_default());
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out, open)?,
                Some(_) => return Err(self.control_char_error()),
                None => {
                    return Err(self.end_error(
                        Expected::StringEnd,
                        Some(self.unclosed(Construct::String, open)),
                    ))
                }
            }
            let chunk = self.pos;
            self.scan_plain();
            out.push_str(self.text.get(chunk..self.pos).unwrap_or_default());
        }
    }

    /// Reads one escape sequence at the current `\` into `out`.
    fn escape(&mut self, out: &mut String, open: usize) -> Result<(), ParseError> {
        let backslash = self.pos;
        self.pos += 1;
        let decoded = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4(backslash, open)?;
                out.push(self.code_point(unit, open)?);
                return Ok(());
            }
            None => {
                return Err(self.end_error(
                    Expected::EscapeSequence,
                    Some(self.unclosed(Construct::String, open)),
                ))
            }
            Some(_) => {
                let span = Span::new(backslash, self.char_span(self.pos).end);
                return Err(self.error(ParseErrorKind::InvalidEscape, span));
            }
        };
        self.pos += 1;
        out.push(decoded);
        Ok(())
    }

    /// The character of a `\uXXXX` unit just read, pairing a high surrogate with a following
    /// `\uXXXX` low surrogate. A lone surrogate becomes U+FFFD: users paste such text, and
    /// refusing the whole document for it would lose every other fact.
    fn code_point(&mut self, unit: u32, open: usize) -> Result<char, ParseError> {
        match unit {
            0xD800..=0xDBFF => {
                let next = self.pos;
                if self.bytes.get(next) != Some(&b'\\') || self.bytes.get(next + 1) != Some(&b'u') {
                    return Ok('\u{FFFD}');
                }
                self.pos += 2;
                let low = self.hex4(next, open)?;
                if (0xDC00..=0xDFFF).contains(&low) {
                    let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    Ok(char::from_u32(combined).unwrap_or('\u{FFFD}'))
                } else {
                    // Not a pair: read the next escape again on its own.
                    self.pos = next;
                    Ok('\u{FFFD}')
                }
            }
            _ => Ok(char::from_u32(unit).unwrap_or('\u{FFFD}')),
        }
    }

    fn hex4(&mut self, backslash: usize, open: usize) -> Result<u32, ParseError> {
        let mut unit = 0u32;
        for _ in 0..4 {
            let digit = match self.peek() {
                None => {
                    return Err(self.end_error(
                        Expected::EscapeSequence,
                        Some(self.unclosed(Construct::String, open)),
                    ))
                }
                Some(b) => char::from(b).to_digit(16),
            };
            match digit {
                Some(digit) => {
                    unit = unit * 16 + digit;
                    self.pos += 1;
                }
                None => {
                    let span = Span::new(backslash, self.char_span(self.pos).end);
                    return Err(self.error(ParseErrorKind::InvalidEscape, span));
                }
            }
        }
        Ok(unit)
    }

    /// After a complete document: an error if anything but whitespace follows.
    pub(super) fn trailing_text(&mut self) -> Option<ParseError> {
        let document_end = self.pos;
        self.skip_whitespace();
        let rest = self.text.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            return None;
        }
        let line = rest.split('\n').next().unwrap_or_default();
        let line = line.strip_suffix('\r').unwrap_or(line);
        let len = if line.is_empty() { 1 } else { line.len() };
        Some(self.error(
            ParseErrorKind::TrailingText { document_end },
            Span::new(self.pos, self.pos + len),
        ))
    }

    /// After an error: every container still open, closed where its last complete item ends,
    /// with the incomplete innermost member dropped. For a cut-off text a number that runs up to
    /// the very end is dropped too, since its last digits may be missing.
    pub(super) fn recover(&mut self, error: &ParseError) -> Option<Json<'a>> {
        let truncated = error.kind.is_truncation();
        let text_len = self.text.len();
        let cut_number = |json: &Json<'_>| {
            truncated && matches!(json.value, Value::Number(_)) && json.span.end == text_len
        };
        let mut carried: Option<Json<'a>> = None;
        let mut innermost = true;
        while let Some(frame) = self.stack.pop() {
            let json = match frame {
                Frame::Array { start, first } => {
                    let mut items = split_tail(&mut self.items, first);
                    if let Some(child) = carried.take() {
                        items.push(child);
                    } else if innermost && items.last().is_some_and(cut_number) {
                        items.pop();
                    }
                    let end = items.last().map_or(start + 1, |item| item.span.end);
                    Json {
                        value: Value::Array(items),
                        span: Span::new(start, end),
                    }
                }
                Frame::Object { start, first, key } => {
                    let mut members = split_tail(&mut self.members, first);
                    if let (Some(child), Some((key, key_span))) = (carried.take(), key) {
                        members.push(Member {
                            key,
                            key_span,
                            value: child,
                        });
                    } else if innermost && members.last().is_some_and(|m| cut_number(&m.value)) {
                        members.pop();
                    }
                    let end = members
                        .last()
                        .map_or(start + 1, |member| member.value.span.end);
                    Json {
                        value: Value::Object(members),
                        span: Span::new(start, end),
                    }
                }
            };
            carried = Some(json);
            innermost = false;
        }
        carried
    }
}
