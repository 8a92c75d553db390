//! Condition operators and their evaluation with IAM's rules.
//!
//! Within a condition block every operator must hold (AND), within an operator every key must
//! hold (AND), and a key holds when any of its policy values matches (OR). Negated operators
//! (`StringNotEquals`…) hold when *no* policy value matches. `ForAnyValue:`/`ForAllValues:`
//! quantify over the request's values of a multi-valued key. A missing key fails a positive
//! operator, satisfies a negated one, satisfies `…IfExists` and `ForAllValues:`, and is what
//! `Null: true` asks about. In an open context a missing key is unknown: the result is
//! [`Truth::Unknown`] and the decision "depends".

use std::net::IpAddr;

use super::context::{KeyValues, Lookup};
use super::matching::{ArnPattern, Glob, GlobSyntax};
use super::Truth;
use crate::text::Span;

/// The operator families of IAM condition blocks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

const OPERATOR_NAMES: [(&str, BaseOperator); 27] = [
    ("StringEquals", BaseOperator::StringEquals),
    ("StringNotEquals", BaseOperator::StringNotEquals),
    (
        "StringEqualsIgnoreCase",
        BaseOperator::StringEqualsIgnoreCase,
    ),
    (
        "StringNotEqualsIgnoreCase",
        BaseOperator::StringNotEqualsIgnoreCase,
    ),
    ("StringLike", BaseOperator::StringLike),
    ("StringNotLike", BaseOperator::StringNotLike),
    ("NumericEquals", BaseOperator::NumericEquals),
    ("NumericNotEquals", BaseOperator::NumericNotEquals),
    ("NumericLessThan", BaseOperator::NumericLessThan),
    ("NumericLessThanEquals", BaseOperator::NumericLessThanEquals),
    ("NumericGreaterThan", BaseOperator::NumericGreaterThan),
    (
        "NumericGreaterThanEquals",
        BaseOperator::NumericGreaterThanEquals,
    ),
    ("DateEquals", BaseOperator::DateEquals),
    ("DateNotEquals", BaseOperator::DateNotEquals),
    ("DateLessThan", BaseOperator::DateLessThan),
    ("DateLessThanEquals", BaseOperator::DateLessThanEquals),
    ("DateGreaterThan", BaseOperator::DateGreaterThan),
    ("DateGreaterThanEquals", BaseOperator::DateGreaterThanEquals),
    ("Bool", BaseOperator::Bool),
    ("BinaryEquals", BaseOperator::BinaryEquals),
    ("IpAddress", BaseOperator::IpAddress),
    ("NotIpAddress", BaseOperator::NotIpAddress),
    ("ArnEquals", BaseOperator::ArnEquals),
    ("ArnLike", BaseOperator::ArnLike),
    ("ArnNotEquals", BaseOperator::ArnNotEquals),
    ("ArnNotLike", BaseOperator::ArnNotLike),
    ("Null", BaseOperator::Null),
];

impl BaseOperator {
    /// The operator's name as written in policies.
    pub fn name(self) -> &'static str {
        OPERATOR_NAMES
            .iter()
            .find(|(_, op)| *op == self)
            .map_or("", |(name, _)| name)
    }

    /// Operators that hold when no policy value matches.
    pub fn is_negated(self) -> bool {
        matches!(
            self,
            BaseOperator::StringNotEquals
                | BaseOperator::StringNotEqualsIgnoreCase
                | BaseOperator::StringNotLike
                | BaseOperator::NumericNotEquals
                | BaseOperator::DateNotEquals
                | BaseOperator::NotIpAddress
                | BaseOperator::ArnNotEquals
                | BaseOperator::ArnNotLike
        )
    }
}

/// `ForAnyValue:` / `ForAllValues:`
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SetOperator {
    ForAnyValue,
    ForAllValues,
}

/// A full operator: `[ForAnyValue:|ForAllValues:]Base[IfExists]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Operator {
    pub base: BaseOperator,
    pub set: Option<SetOperator>,
    pub if_exists: bool,
}

impl Operator {
    /// Reads an operator name (case-insensitively, as IAM's parser does); `None` if unknown.
    pub fn parse(name: &str) -> Option<Operator> {
        let (set, rest) = if let Some(rest) = strip_prefix_ci(name, "ForAnyValue:") {
            (Some(SetOperator::ForAnyValue), rest)
        } else if let Some(rest) = strip_prefix_ci(name, "ForAllValues:") {
            (Some(SetOperator::ForAllValues), rest)
        } else {
            (None, name)
        };
        let lookup = |text: &str| {
            OPERATOR_NAMES
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(text))
                .map(|(_, op)| *op)
        };
        if let Some(base) = lookup(rest) {
            return Some(Operator {
                base,
                set,
                if_exists: false,
            });
        }
        let stem_len = rest.len().checked_sub("IfExists".len())?;
        let (stem, suffix) = (rest.get(..stem_len)?, rest.get(stem_len..)?);
        if !suffix.eq_ignore_ascii_case("IfExists") {
            return None;
        }
        let base = lookup(stem)?;
        if base == BaseOperator::Null {
            return None;
        }
        Some(Operator {
            base,
            set,
            if_exists: true,
        })
    }

    /// The canonical spelling, e.g. `ForAllValues:StringLikeIfExists`.
    pub fn name(&self) -> String {
        let prefix = match self.set {
            Some(SetOperator::ForAnyValue) => "ForAnyValue:",
            Some(SetOperator::ForAllValues) => "ForAllValues:",
            None => "",
        };
        let suffix = if self.if_exists { "IfExists" } else { "" };
        format!("{prefix}{}{suffix}", self.base.name())
    }
}

fn strip_prefix_ci<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        text.get(prefix.len()..)
    } else {
        None
    }
}

/// One policy value of a condition, compiled for its operator.
#[derive(Clone, Debug, PartialEq)]
enum Compiled {
    Text(Glob),
    Arn(ArnPattern),
    Number(Option<f64>),
    Date(Option<i64>),
    Bool(Option<bool>),
    Ip(Option<Cidr>),
}

/// A value in a condition, as written and as compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct ConditionValue {
    pub text: String,
    pub span: Span,
    compiled: Compiled,
}

/// One key of one operator: `"StringEquals": {"iam:PassedToService": ["ec2.amazonaws.com"]}`.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub operator: Operator,
    /// The operator as written (for explanations).
    pub operator_text: String,
    pub operator_span: Span,
    pub key: String,
    pub key_span: Span,
    pub values: Vec<ConditionValue>,
}

impl Condition {
    pub(crate) fn new(
        operator: Operator,
        operator_text: String,
        operator_span: Span,
        key: String,
        key_span: Span,
        values: Vec<(String, Span)>,
        variables: bool,
    ) -> Condition {
        let values = values
            .into_iter()
            .map(|(text, span)| ConditionValue {
                compiled: compile_value(operator.base, &text, variables),
                text,
                span,
            })
            .collect();
        Condition {
            operator,
            operator_text,
            operator_span,
            key,
            key_span,
            values,
        }
    }

    /// The span covering the key and its values, for explanations.
    pub fn span(&self) -> Span {
        let end = self
            .values
            .iter()
            .map(|v| v.span.end)
            .max()
            .unwrap_or(self.key_span.end)
            .max(self.key_span.end);
        Span::new(self.key_span.start, end)
    }

    pub(crate) fn evaluate(&self, lookup: &Lookup<'_>) -> Truth {
        let base = self.operator.base;
        let state = lookup.values(&self.key);
        if base == BaseOperator::Null {
            let absent = match state {
                KeyValues::Unknown => return Truth::Unknown,
                KeyValues::Absent => true,
                KeyValues::Present(values) => values.is_empty(),
            };
            return Truth::any(self.values.iter().map(|v| match v.compiled {
                Compiled::Bool(Some(wants_absent)) => Truth::from(wants_absent == absent),
                _ => Truth::False,
            }));
        }
        let values = match state {
            KeyValues::Unknown => return Truth::Unknown,
            KeyValues::Absent => {
                return Truth::from(
                    self.operator.if_exists
                        || match self.operator.set {
                            Some(SetOperator::ForAllValues) => true,
                            Some(SetOperator::ForAnyValue) => false,
                            None => base.is_negated(),
                        },
                );
            }
            KeyValues::Present(values) => values,
        };
        let negated = base.is_negated();
        // Does one request value match any policy value (under the positive operator)?
        let matches_any = |request_value: &str| {
            Truth::any(
                self.values
                    .iter()
                    .map(|policy_value| value_matches(base, policy_value, request_value, lookup)),
            )
        };
        match self.operator.set {
            None => {
                let any = Truth::any(values.iter().map(matches_any));
                if negated {
                    any.not()
                } else {
                    any
                }
            }
            Some(SetOperator::ForAnyValue) => Truth::any(values.iter().map(|v| {
                let m = matches_any(v);
                if negated {
                    m.not()
                } else {
                    m
                }
            })),
            Some(SetOperator::ForAllValues) => Truth::all(values.iter().map(|v| {
                let m = matches_any(v);
                if negated {
                    m.not()
                } else {
                    m
                }
            })),
        }
    }
}

fn compile_value(base: BaseOperator, text: &str, variables: bool) -> Compiled {
    use BaseOperator as B;
    let exact = |ignore_case| {
        Compiled::Text(Glob::compile(
            text,
            GlobSyntax {
                wildcards: false,
                variables,
                ignore_case,
            },
        ))
    };
    match base {
        B::StringEquals | B::StringNotEquals | B::BinaryEquals => exact(false),
        B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase => exact(true),
        B::StringLike | B::StringNotLike => Compiled::Text(Glob::compile(
            text,
            GlobSyntax {
                wildcards: true,
                variables,
                ignore_case: false,
            },
        )),
        B::ArnEquals | B::ArnLike | B::ArnNotEquals | B::ArnNotLike => {
            Compiled::Arn(ArnPattern::compile(text, variables))
        }
        B::NumericEquals
        | B::NumericNotEquals
        | B::NumericLessThan
        | B::NumericLessThanEquals
        | B::NumericGreaterThan
        | B::NumericGreaterThanEquals => Compiled::Number(parse_number(text)),
        B::DateEquals
        | B::DateNotEquals
        | B::DateLessThan
        | B::DateLessThanEquals
        | B::DateGreaterThan
        | B::DateGreaterThanEquals => Compiled::Date(parse_date(text)),
        B::Bool | B::Null => Compiled::Bool(parse_bool(text)),
        B::IpAddress | B::NotIpAddress => Compiled::Ip(Cidr::parse(text)),
    }
}

/// The positive match of one request value against one policy value.
fn value_matches(
    base: BaseOperator,
    policy: &ConditionValue,
    request: &str,
    lookup: &Lookup<'_>,
) -> Truth {
    use BaseOperator as B;
    match &policy.compiled {
        Compiled::Text(glob) => {
            let ignore_case = matches!(
                base,
                B::StringEqualsIgnoreCase | B::StringNotEqualsIgnoreCase
            );
            glob.matches(request, ignore_case, lookup)
        }
        Compiled::Arn(pattern) => pattern.matches(request, lookup),
        Compiled::Number(policy) => {
            let (Some(policy), Some(request)) = (*policy, parse_number(request)) else {
                return Truth::False;
            };
            Truth::from(match base {
                B::NumericEquals | B::NumericNotEquals => request == policy,
                B::NumericLessThan => request < policy,
                B::NumericLessThanEquals => request <= policy,
                B::NumericGreaterThan => request > policy,
                B::NumericGreaterThanEquals => request >= policy,
                _ => false,
            })
        }
        Compiled::Date(policy) => {
            let (Some(policy), Some(request)) = (*policy, parse_date(request)) else {
                return Truth::False;
            };
            Truth::from(match base {
                B::DateEquals | B::DateNotEquals => request == policy,
                B::DateLessThan => request < policy,
                B::DateLessThanEquals => request <= policy,
                B::DateGreaterThan => request > policy,
                B::DateGreaterThanEquals => request >= policy,
                _ => false,
            })
        }
        Compiled::Bool(policy) => Truth::from(policy.is_some() && *policy == parse_bool(request)),
        Compiled::Ip(cidr) => {
            let (Some(cidr), Ok(ip)) = (cidr, request.trim().parse::<IpAddr>()) else {
                return Truth::False;
            };
            Truth::from(cidr.contains(ip))
        }
    }
}

fn parse_number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// An ISO 8601 date/time (`2026-11-01`, `2026-11-01T00:00:00Z`, `…T09:00:00.5+09:00`) or epoch
/// seconds, as milliseconds since the epoch.
pub(crate) fn parse_date(text: &str) -> Option<i64> {
    let text = text.trim();
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<i64>().ok()?.checked_mul(1000);
    }
    let bytes = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<i64> {
        let part = text.get(from..from.checked_add(len)?)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let year = digits(0, 4)?;
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return None;
    }
    let month = digits(5, 2)?;
    let day = digits(8, 2)?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut millis = days_from_civil(year, month, day).checked_mul(86_400_000)?;
    let mut at = 10;
    if matches!(bytes.get(at), Some(b'T' | b't' | b' ')) {
        let hour = digits(at + 1, 2)?;
        if bytes.get(at + 3) != Some(&b':') {
            return None;
        }
        let minute = digits(at + 4, 2)?;
        at += 6;
        let mut second = 0;
        if bytes.get(at) == Some(&b':') {
            second = digits(at + 1, 2)?;
            at += 3;
        }
        let mut fraction_ms = 0;
        if bytes.get(at) == Some(&b'.') {
            at += 1;
            let start = at;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            let frac = text.get(start..at)?;
            let padded: String = frac.chars().chain("000".chars()).take(3).collect();
            fraction_ms = padded.parse::<i64>().ok()?;
        }
        if hour > 24 || minute > 59 || second > 60 {
            return None;
        }
        millis = millis.checked_add(((hour * 60 + minute) * 60 + second) * 1000 + fraction_ms)?;
        match bytes.get(at) {
            None => {}
            Some(b'Z' | b'z') => at += 1,
            Some(sign @ (b'+' | b'-')) => {
                let zone_hours = digits(at + 1, 2)?;
                let mut zone_minutes = 0;
                at += 3;
                if bytes.get(at) == Some(&b':') {
                    zone_minutes = digits(at + 1, 2)?;
                    at += 3;
                } else if let Some(m) = digits(at, 2) {
                    zone_minutes = m;
                    at += 2;
                }
                let offset = (zone_hours * 60 + zone_minutes) * 60_000;
                millis = if *sign == b'+' {
                    millis.checked_sub(offset)?
                } else {
                    millis.checked_add(offset)?
                };
            }
            Some(_) => return None,
        }
    }
    if at != bytes.len() {
        return None;
    }
    Some(millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * m + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// An address block of `IpAddress` / `NotIpAddress`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cidr {
    address: IpAddr,
    prefix: u8,
}

impl Cidr {
    pub(crate) fn parse(text: &str) -> Option<Cidr> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix.parse::<u8>().ok()?)),
            None => (text, None),
        };
        let address: IpAddr = address.parse().ok()?;
        let max = if address.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        (prefix <= max).then_some(Cidr { address, prefix })
    }

    pub(crate) fn contains(&self, ip: IpAddr) -> bool {
        match (self.address, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            (IpAddr::V4(net), IpAddr::V6(ip)) => ip.to_ipv4_mapped().is_some_and(|ip| {
                Cidr {
                    address: IpAddr::V4(net),
                    ..*self
                }
                .contains(IpAddr::V4(ip))
            }),
            (IpAddr::V6(_), IpAddr::V4(_)) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::Context;

    fn condition(operator: &str, key: &str, values: &[&str]) -> Condition {
        let op = Operator::parse(operator);
        assert!(op.is_some(), "operator {operator}");
        Condition::new(
            op.unwrap_or(Operator {
                base: BaseOperator::Null,
                set: None,
                if_exists: false,
            }),
            operator.to_string(),
            Span::default(),
            key.to_string(),
            Span::default(),
            values
                .iter()
                .map(|v| (v.to_string(), Span::default()))
                .collect(),
            true,
        )
    }

    fn eval(c: &Condition, context: &Context) -> Truth {
        c.evaluate(&Lookup::new(context))
    }

    #[test]
    fn operator_names_parse() {
        let op = Operator::parse("ForAllValues:StringLikeIfExists");
        assert_eq!(
            op,
            Some(Operator {
                base: BaseOperator::StringLike,
                set: Some(SetOperator::ForAllValues),
                if_exists: true
            })
        );
        assert_eq!(
            op.map(|o| o.name()).as_deref(),
            Some("ForAllValues:StringLikeIfExists")
        );
        assert_eq!(Operator::parse("NullIfExists"), None);
        assert_eq!(Operator::parse("StringSort"), None);
        assert_eq!(Operator::parse("IfExists"), None);
        assert!(Operator::parse("stringequals").is_some());
    }

    #[test]
    fn missing_keys_follow_iam_rules() {
        let empty = Context::new().complete();
        assert_eq!(
            eval(&condition("StringEquals", "k", &["v"]), &empty),
            Truth::False
        );
        assert_eq!(
            eval(&condition("StringNotEquals", "k", &["v"]), &empty),
            Truth::True
        );
        assert_eq!(
            eval(&condition("StringEqualsIfExists", "k", &["v"]), &empty),
            Truth::True
        );
        assert_eq!(
            eval(&condition("ForAllValues:StringEquals", "k", &["v"]), &empty),
            Truth::True
        );
        assert_eq!(
            eval(&condition("ForAnyValue:StringEquals", "k", &["v"]), &empty),
            Truth::False
        );
        assert_eq!(
            eval(&condition("Null", "k", &["true"]), &empty),
            Truth::True
        );
        assert_eq!(
            eval(&condition("Null", "k", &["false"]), &empty),
            Truth::False
        );
        let open = Context::new();
        assert_eq!(
            eval(&condition("StringEquals", "k", &["v"]), &open),
            Truth::Unknown
        );
        assert_eq!(
            eval(&condition("Null", "k", &["true"]), &open),
            Truth::Unknown
        );
    }

    #[test]
    fn set_operators_quantify_request_values() {
        let tags = Context::new()
            .with("aws:TagKeys", "team")
            .with("aws:TagKeys", "cost");
        let all = condition(
            "ForAllValues:StringEquals",
            "aws:TagKeys",
            &["team", "cost", "env"],
        );
        assert_eq!(eval(&all, &tags), Truth::True);
        let all_narrow = condition("ForAllValues:StringEquals", "aws:TagKeys", &["team"]);
        assert_eq!(eval(&all_narrow, &tags), Truth::False);
        let any = condition("ForAnyValue:StringEquals", "aws:TagKeys", &["cost"]);
        assert_eq!(eval(&any, &tags), Truth::True);
        let not_equals = condition("StringNotEquals", "aws:TagKeys", &["cost"]);
        assert_eq!(eval(&not_equals, &tags), Truth::False);
        let any_not = condition("ForAnyValue:StringNotEquals", "aws:TagKeys", &["cost"]);
        assert_eq!(eval(&any_not, &tags), Truth::True);
    }

    #[test]
    fn typed_operators_compare_values() {
        let context = Context::new()
            .with("aws:SourceIp", "203.0.113.7")
            .with("aws:CurrentTime", "2026-11-01T09:00:00+09:00")
            .with("aws:MultiFactorAuthAge", "300")
            .with("aws:MultiFactorAuthPresent", "TRUE")
            .with(
                "aws:SourceArn",
                "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
            );
        let cases = [
            ("IpAddress", "aws:SourceIp", "203.0.113.0/24", Truth::True),
            (
                "NotIpAddress",
                "aws:SourceIp",
                "203.0.113.0/24",
                Truth::False,
            ),
            ("IpAddress", "aws:SourceIp", "198.51.100.0/24", Truth::False),
            (
                "DateLessThan",
                "aws:CurrentTime",
                "2026-11-01T00:00:01Z",
                Truth::True,
            ),
            (
                "DateEquals",
                "aws:CurrentTime",
                "2026-11-01T00:00:00Z",
                Truth::True,
            ),
            (
                "DateGreaterThan",
                "aws:CurrentTime",
                "2026-11-01",
                Truth::False,
            ),
            (
                "NumericLessThan",
                "aws:MultiFactorAuthAge",
                "3600",
                Truth::True,
            ),
            (
                "NumericGreaterThanEquals",
                "aws:MultiFactorAuthAge",
                "300",
                Truth::True,
            ),
            ("Bool", "aws:MultiFactorAuthPresent", "true", Truth::True),
            (
                "ArnLike",
                "aws:SourceArn",
                "arn:aws:ec2:*:*:instance/*",
                Truth::True,
            ),
            (
                "ArnNotLike",
                "aws:SourceArn",
                "arn:aws:ec2:*:*:volume/*",
                Truth::True,
            ),
            (
                "StringEqualsIgnoreCase",
                "aws:SourceArn",
                "ARN:AWS:EC2:US-EAST-1:123456789012:INSTANCE/I-1",
                Truth::True,
            ),
        ];
        for (op, key, value, expected) in cases {
            assert_eq!(
                eval(&condition(op, key, &[value]), &context),
                expected,
                "{op} {value}"
            );
        }
    }

    #[test]
    fn dates_parse() {
        assert_eq!(parse_date("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse_date("1970-01-02"), Some(86_400_000));
        assert_eq!(parse_date("86400"), Some(86_400_000));
        assert_eq!(parse_date("1970-01-01T09:00:00+09:00"), Some(0));
        assert_eq!(parse_date("1970-01-01T00:00:00.250Z"), Some(250));
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2026-13-01"), None);
    }

    #[test]
    fn cidrs_contain() {
        let v6 = Cidr::parse("2001:db8::/32");
        assert!(
            v6.is_some_and(|c| c.contains("2001:db8::1".parse().unwrap_or(IpAddr::from([0u8; 4]))))
        );
        assert!(Cidr::parse("10.0.0.0/33").is_none());
        assert!(Cidr::parse("0.0.0.0/0").is_some_and(|c| c.contains(IpAddr::from([8, 8, 8, 8]))));
    }
}
