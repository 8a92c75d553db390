//! Wildcard patterns, ARN patterns and policy variables, compiled once at parse time.
//!
//! IAM matches action names case-insensitively and everything else case-sensitively; `*` matches
//! any run of characters (including none), `?` exactly one character. ARNs are compared segment by
//! segment, so a `*` in the region segment never swallows the account. Policy variables
//! (`${aws:username}`, `${*}`, `${aws:x, 'default'}`) are resolved from the request context at
//! evaluation time without allocating.

use super::context::{KeyValues, Lookup};
use super::Truth;

/// One element of a compiled pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Piece {
    Literal(Box<str>),
    /// A policy variable: context key and optional default value.
    Variable {
        key: Box<str>,
        default: Option<Box<str>>,
    },
    /// `?`: exactly one character.
    One,
    /// `*`: any run of characters.
    Many,
}

/// A compiled string pattern. The common shapes get their own fast paths.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Glob {
    /// `*`: matches everything.
    Any,
    Exact(Box<str>),
    /// `abc*`
    Prefix(Box<str>),
    /// `*abc`
    Suffix(Box<str>),
    /// Anything else, including every pattern with a variable.
    General(Box<[Piece]>),
}

/// How a pattern's text is read.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GlobSyntax {
    /// `*` and `?` are wildcards (false for StringEquals, where they are literal).
    pub wildcards: bool,
    /// `${...}` are policy variables (policy Version 2012-10-17 only).
    pub variables: bool,
    /// Compare ASCII case-insensitively (actions, StringEqualsIgnoreCase).
    pub ignore_case: bool,
}

impl Glob {
    pub(crate) fn compile(text: &str, syntax: GlobSyntax) -> Glob {
        let pieces = tokenize(text, syntax);
        classify(pieces)
    }

    /// True when the pattern mentions a policy variable (its match may need the context).
    #[cfg(test)]
    pub(crate) fn has_variable(&self) -> bool {
        match self {
            Glob::General(pieces) => pieces.iter().any(|p| matches!(p, Piece::Variable { .. })),
            _ => false,
        }
    }

    /// Matches `text`. Unknown only when a variable's context key is unknown.
    pub(crate) fn matches(&self, text: &str, ignore_case: bool, lookup: &Lookup<'_>) -> Truth {
        match self {
            Glob::Any => Truth::True,
            Glob::Exact(lit) => Truth::from(eq(lit, text, ignore_case)),
            Glob::Prefix(lit) => Truth::from(
                text.as_bytes()
                    .get(..lit.len())
                    .is_some_and(|head| eq_bytes(lit.as_bytes(), head, ignore_case)),
            ),
            Glob::Suffix(lit) => Truth::from(
                text.len()
                    .checked_sub(lit.len())
                    .and_then(|start| text.as_bytes().get(start..))
                    .is_some_and(|tail| eq_bytes(lit.as_bytes(), tail, ignore_case)),
            ),
            Glob::General(pieces) => match_general(pieces, text, ignore_case, lookup),
        }
    }

    /// Matches without a context (actions and principals never carry variables).
    pub(crate) fn matches_plain(&self, text: &str, ignore_case: bool) -> bool {
        self.matches(text, ignore_case, &Lookup::EMPTY) == Truth::True
    }
}

fn eq(a: &str, b: &str, ignore_case: bool) -> bool {
    eq_bytes(a.as_bytes(), b.as_bytes(), ignore_case)
}

fn eq_bytes(a: &[u8], b: &[u8], ignore_case: bool) -> bool {
    if ignore_case {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

fn tokenize(text: &str, syntax: GlobSyntax) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if syntax.variables && rest.starts_with("${") {
            if let Some((piece, consumed)) = read_variable(rest) {
                match piece {
                    VariableOrChar::Char(c) => literal.push(c),
                    VariableOrChar::Variable { key, default } => {
                        flush(&mut pieces, &mut literal, syntax.ignore_case);
                        pieces.push(Piece::Variable { key, default });
                    }
                }
                rest = rest.get(consumed..).unwrap_or("");
                continue;
            }
        }
        if syntax.wildcards && c == '*' {
            flush(&mut pieces, &mut literal, syntax.ignore_case);
            // Consecutive stars mean the same as one.
            if pieces.last() != Some(&Piece::Many) {
                pieces.push(Piece::Many);
            }
        } else if syntax.wildcards && c == '?' {
            flush(&mut pieces, &mut literal, syntax.ignore_case);
            pieces.push(Piece::One);
        } else {
            literal.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or("");
    }
    flush(&mut pieces, &mut literal, syntax.ignore_case);
    pieces
}

fn flush(pieces: &mut Vec<Piece>, literal: &mut String, ignore_case: bool) {
    if literal.is_empty() {
        return;
    }
    let mut text = std::mem::take(literal);
    if ignore_case {
        text.make_ascii_lowercase();
    }
    pieces.push(Piece::Literal(text.into_boxed_str()));
}

enum VariableOrChar {
    Char(char),
    Variable {
        key: Box<str>,
        default: Option<Box<str>>,
    },
}

/// Reads `${...}` at the start of `text`; `None` when it is not a well-formed variable (then the
/// characters are literal, as IAM treats them).
fn read_variable(text: &str) -> Option<(VariableOrChar, usize)> {
    let close = text.find('}')?;
    let inner = text.get(2..close)?;
    let consumed = close + 1;
    let special = match inner {
        "*" => Some('*'),
        "?" => Some('?'),
        "$" => Some('$'),
        _ => None,
    };
    if let Some(c) = special {
        return Some((VariableOrChar::Char(c), consumed));
    }
    let (key, default) = match inner.split_once(',') {
        Some((key, default)) => {
            let default = default.trim();
            let default = default
                .strip_prefix('\'')
                .and_then(|d| d.strip_suffix('\''))
                .unwrap_or(default);
            (key.trim(), Some(Box::from(default)))
        }
        None => (inner.trim(), None),
    };
    if key.is_empty() || key.contains(['$', '{']) {
        return None;
    }
    Some((
        VariableOrChar::Variable {
            key: Box::from(key),
            default,
        },
        consumed,
    ))
}

fn classify(pieces: Vec<Piece>) -> Glob {
    match pieces.as_slice() {
        [] => Glob::Exact(Box::from("")),
        [Piece::Many] => Glob::Any,
        [Piece::Literal(lit)] => Glob::Exact(lit.clone()),
        [Piece::Literal(lit), Piece::Many] => Glob::Prefix(lit.clone()),
        [Piece::Many, Piece::Literal(lit)] => Glob::Suffix(lit.clone()),
        _ => Glob::General(pieces.into_boxed_slice()),
    }
}

/// A piece resolved against the context: variables become literal text.
enum Resolved<'a> {
    Text(&'a str),
    One,
}

fn resolve<'a>(piece: &'a Piece, lookup: &Lookup<'a>) -> Result<Resolved<'a>, Truth> {
    match piece {
        Piece::Literal(lit) => Ok(Resolved::Text(lit)),
        Piece::One => Ok(Resolved::One),
        Piece::Many => Ok(Resolved::Text("")),
        Piece::Variable { key, default } => match lookup.values(key) {
            KeyValues::Present(values) => match values.first() {
                Some(value) => Ok(Resolved::Text(value)),
                None => default.as_deref().map(Resolved::Text).ok_or(Truth::False),
            },
            // IAM: a variable without a value (and without a default) makes the element not match.
            KeyValues::Absent => default.as_deref().map(Resolved::Text).ok_or(Truth::False),
            // A default would only apply if the key is absent: still unknown which.
            KeyValues::Unknown => Err(Truth::Unknown),
        },
    }
}

/// Matches a run of pieces without `*` at byte `pos`; returns the end position.
fn match_group_at(
    group: &[Piece],
    text: &str,
    pos: usize,
    ignore_case: bool,
    lookup: &Lookup<'_>,
) -> Result<Option<usize>, Truth> {
    let mut at = pos;
    for piece in group {
        match resolve(piece, lookup)? {
            Resolved::Text(lit) => {
                let end = match at.checked_add(lit.len()) {
                    Some(end) => end,
                    None => return Ok(None),
                };
                match text.as_bytes().get(at..end) {
                    Some(slice) if eq_bytes(lit.as_bytes(), slice, ignore_case) => at = end,
                    _ => return Ok(None),
                }
            }
            Resolved::One => match text.get(at..).and_then(|rest| rest.chars().next()) {
                Some(c) => at += c.len_utf8(),
                None => return Ok(None),
            },
        }
    }
    Ok(Some(at))
}

/// Greedy glob matching: the first group is anchored at the start, the last at the end, and each
/// middle group takes its leftmost occurrence (which is always safe with `*` between groups).
fn match_general(pieces: &[Piece], text: &str, ignore_case: bool, lookup: &Lookup<'_>) -> Truth {
    match match_general_inner(pieces, text, ignore_case, lookup) {
        Ok(matched) => Truth::from(matched),
        Err(truth) => truth,
    }
}

fn match_general_inner(
    pieces: &[Piece],
    text: &str,
    ignore_case: bool,
    lookup: &Lookup<'_>,
) -> Result<bool, Truth> {
    let mut groups = pieces.split(|p| *p == Piece::Many);
    let first = groups.next().unwrap_or(&[]);
    let Some(mut cursor) = match_group_at(first, text, 0, ignore_case, lookup)? else {
        return Ok(false);
    };
    let rest: Vec<&[Piece]> = groups.collect();
    let Some((last, middle)) = rest.split_last() else {
        // No `*` at all: the whole text must be consumed.
        return Ok(cursor == text.len());
    };
    for group in middle {
        if group.is_empty() {
            continue;
        }
        let mut found = None;
        let mut start = cursor;
        while start <= text.len() {
            if text.is_char_boundary(start) {
                if let Some(end) = match_group_at(group, text, start, ignore_case, lookup)? {
                    found = Some(end);
                    break;
                }
            }
            start += 1;
        }
        match found {
            Some(end) => cursor = end,
            None => return Ok(false),
        }
    }
    if last.is_empty() {
        return Ok(true);
    }
    let mut start = cursor;
    while start <= text.len() {
        if text.is_char_boundary(start)
            && match_group_at(last, text, start, ignore_case, lookup)? == Some(text.len())
        {
            return Ok(true);
        }
        start += 1;
    }
    Ok(false)
}

/// An ARN pattern (Resource, ArnLike…), split into its six segments once.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum ArnPattern {
    /// `*`
    Any,
    /// `arn:partition:service:region:account:resource`, each segment its own glob.
    Arn(Box<[Glob; 5]>),
    /// Not an ARN (e.g. `"foo*"`): matched as a whole string.
    Plain(Glob),
}

impl ArnPattern {
    pub(crate) fn compile(text: &str, variables: bool) -> ArnPattern {
        let syntax = GlobSyntax {
            wildcards: true,
            variables,
            ignore_case: false,
        };
        if text == "*" {
            return ArnPattern::Any;
        }
        match split_arn(text, variables) {
            Some([_, partition, service, region, account, resource]) => {
                ArnPattern::Arn(Box::new([
                    Glob::compile(partition, syntax),
                    Glob::compile(service, syntax),
                    Glob::compile(region, syntax),
                    Glob::compile(account, syntax),
                    Glob::compile(resource, syntax),
                ]))
            }
            None => ArnPattern::Plain(Glob::compile(text, syntax)),
        }
    }

    pub(crate) fn matches(&self, arn: &str, lookup: &Lookup<'_>) -> Truth {
        match self {
            ArnPattern::Any => Truth::True,
            ArnPattern::Plain(glob) => glob.matches(arn, false, lookup),
            ArnPattern::Arn(segments) => {
                let Some([_, partition, service, region, account, resource]) =
                    split_arn(arn, false)
                else {
                    return Truth::False;
                };
                let mut truth = Truth::True;
                for (glob, part) in segments
                    .iter()
                    .zip([partition, service, region, account, resource])
                {
                    truth = truth.and(glob.matches(part, false, lookup));
                    if truth == Truth::False {
                        return truth;
                    }
                }
                truth
            }
        }
    }

    /// The resource segment's fixed leading text (e.g. `instance-profile/cloud9/`), and the
    /// service, when this is an ARN pattern.
    pub(crate) fn service_and_resource_prefix(&self) -> Option<(&str, &str)> {
        let ArnPattern::Arn(segments) = self else {
            return None;
        };
        let service = match segments.get(1)? {
            Glob::Exact(s) => s.as_ref(),
            _ => return None,
        };
        let resource = match segments.get(4)? {
            Glob::Exact(s) | Glob::Prefix(s) => s.as_ref(),
            Glob::Any | Glob::Suffix(_) => "",
            Glob::General(pieces) => match pieces.first() {
                Some(Piece::Literal(lit)) => lit,
                _ => "",
            },
        };
        Some((service, resource))
    }
}

/// Splits `arn:p:s:r:a:resource` into its six parts; the resource part keeps its colons.
/// With `variables`, colons inside `${...}` do not split.
fn split_arn(text: &str, variables: bool) -> Option<[&str; 6]> {
    let mut parts = [""; 6];
    let mut start = 0;
    let mut index = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    let mut in_variable = false;
    while i < bytes.len() && index < 5 {
        let b = bytes.get(i).copied().unwrap_or(0);
        if variables && b == b'$' && bytes.get(i + 1) == Some(&b'{') {
            in_variable = true;
        } else if in_variable && b == b'}' {
            in_variable = false;
        } else if b == b':' && !in_variable {
            *parts.get_mut(index)? = text.get(start..i)?;
            index += 1;
            start = i + 1;
        }
        i += 1;
    }
    if index != 5 {
        return None;
    }
    *parts.get_mut(5)? = text.get(start..)?;
    if parts.first() != Some(&"arn") {
        return None;
    }
    Some(parts)
}

/// The six parts of a concrete ARN (no variables), or `None` when `text` is not one.
pub(crate) fn arn_parts(text: &str) -> Option<[&str; 6]> {
    split_arn(text, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Context;

    const WILD: GlobSyntax = GlobSyntax {
        wildcards: true,
        variables: true,
        ignore_case: false,
    };

    fn glob(pattern: &str, text: &str) -> bool {
        Glob::compile(pattern, WILD).matches_plain(text, false)
    }

    #[test]
    fn wildcards_match_like_iam() {
        assert!(glob("*", ""));
        assert!(glob("app-*", "app-web"));
        assert!(!glob("app-*", "ap"));
        assert!(glob("*-role", "web-role"));
        assert!(glob("a*b*c", "aXXbYYc"));
        assert!(glob("a*b*c", "abc"));
        assert!(!glob("a*b*c", "acb"));
        assert!(glob("Pass?ole", "PassRole"));
        assert!(!glob("Pass?ole", "Passole"));
        assert!(glob("*a*", "banana"));
        assert!(glob("a**b", "ab"));
        assert!(glob("é?x", "éüx"));
        assert!(!glob("abc", "abcd"));
        assert!(glob("*ab", "aab"));
        assert!(glob("a*ab", "aab"));
    }

    #[test]
    fn literal_syntax_keeps_stars() {
        let syntax = GlobSyntax {
            wildcards: false,
            variables: false,
            ignore_case: false,
        };
        assert!(Glob::compile("a*", syntax).matches_plain("a*", false));
        assert!(!Glob::compile("a*", syntax).matches_plain("ab", false));
    }

    #[test]
    fn actions_ignore_case() {
        let syntax = GlobSyntax {
            wildcards: true,
            variables: false,
            ignore_case: true,
        };
        assert!(Glob::compile("IAM:pass*", syntax).matches_plain("iam:PassRole", true));
        assert!(Glob::compile("ec2:*Instance*", syntax).matches_plain("EC2:RunInstances", true));
    }

    #[test]
    fn variables_resolve_from_context() {
        let context = Context::new().complete().with("aws:username", "alice");
        let lookup = Lookup::new(&context);
        let g = Glob::compile("${aws:username}-*", WILD);
        assert!(g.has_variable());
        assert_eq!(g.matches("alice-app", false, &lookup), Truth::True);
        assert_eq!(g.matches("bob-app", false, &lookup), Truth::False);
        let special = Glob::compile("a${*}b", WILD);
        assert_eq!(special.matches("a*b", false, &lookup), Truth::True);
        assert_eq!(special.matches("axb", false, &lookup), Truth::False);
        let with_default = Glob::compile("${aws:PrincipalTag/team, 'none'}", WILD);
        assert_eq!(with_default.matches("none", false, &lookup), Truth::True);
        let open = Context::new();
        assert_eq!(
            g.matches("alice-app", false, &Lookup::new(&open)),
            Truth::Unknown
        );
    }

    #[test]
    fn arn_segments_do_not_bleed() {
        let lookup = Lookup::EMPTY;
        let p = ArnPattern::compile("arn:aws:ec2:*:123456789012:instance/*", true);
        assert_eq!(
            p.matches("arn:aws:ec2:us-east-1:123456789012:instance/i-1", &lookup),
            Truth::True
        );
        assert_eq!(
            p.matches("arn:aws:ec2:us-east-1:999:instance/i-1", &lookup),
            Truth::False
        );
        let whole = ArnPattern::compile("arn:aws:ec2:us-east-1:123456789012:*", true);
        assert_eq!(
            whole.matches("arn:aws:ec2:us-east-1:123456789012:instance/i-1", &lookup),
            Truth::True
        );
        assert_eq!(whole.matches("*", &lookup), Truth::False);
        assert_eq!(
            ArnPattern::compile("*", true).matches("*", &lookup),
            Truth::True
        );
        let with_variable = ArnPattern::compile("arn:aws:iam::*:user/${aws:username}", true);
        let context = Context::new().complete().with("aws:username", "a:b");
        assert_eq!(
            with_variable.matches("arn:aws:iam::1:user/a:b", &Lookup::new(&context)),
            Truth::True
        );
    }
}
