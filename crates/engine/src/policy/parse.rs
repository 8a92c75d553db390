//! Reading a policy document as IAM does, keeping the span of every element.
//!
//! Statement may be one object or a list; every element that takes strings takes one string or a
//! list. With `Version` absent or `2008-10-17`, policy variables stay literal text.

use super::condition::{Condition, Operator};
use super::error::{PolicyError, Problem};
use super::matching::{ArnPattern, Glob, GlobSyntax};
use super::principal::{Principal, PrincipalKind};
use super::{
    ActionMatcher, Effect, Policy, PolicyKind, PrincipalMatcher, ResourceMatcher, Statement,
};
use crate::json::{self, Json, Value};
use crate::lang::Lang;
use crate::text::Span;

pub(crate) fn parse_text(text: &str) -> Result<Policy, PolicyError> {
    match json::parse(text) {
        Ok(doc) => from_json(&doc, text),
        Err(error) => {
            let span = error.span;
            Err(PolicyError::new(
                Problem::Json {
                    en: error.message(Lang::En),
                    ja: error.message(Lang::Ja),
                },
                span,
                text,
            ))
        }
    }
}

/// Reads members by IAM's element names; names are matched case-insensitively so that a
/// hand-typed `"statement"` still reads (IAM itself would reject it; the lint rules say so).
fn member<'d, 'a>(object: &'d Json<'a>, name: &str) -> Option<&'d Json<'a>> {
    object.get_ci(name)
}

struct Reader<'s> {
    source: &'s str,
    variables: bool,
}

impl Reader<'_> {
    fn error(&self, problem: Problem, span: Span) -> PolicyError {
        PolicyError::new(problem, span, self.source)
    }

    /// One string or a list of strings (numbers and booleans read as their text, as IAM
    /// accepts in condition values).
    fn strings(
        &self,
        element: &Json<'_>,
        name: &'static str,
        scalars: bool,
    ) -> Result<Vec<(String, Span)>, PolicyError> {
        let items: Vec<&Json<'_>> = match &element.value {
            Value::Array(items) => items.iter().collect(),
            _ => vec![element],
        };
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let text = match &item.value {
                Value::String(s) => s.to_string(),
                Value::Number(raw) if scalars => raw.to_string(),
                Value::Bool(b) if scalars => b.to_string(),
                _ => return Err(self.error(Problem::ExpectedString(name), item.span)),
            };
            out.push((text, item.span));
        }
        Ok(out)
    }

    fn statement(&self, index: usize, element: &Json<'_>) -> Result<Statement, PolicyError> {
        if !matches!(element.value, Value::Object(_)) {
            return Err(self.error(Problem::StatementNotObject, element.span));
        }
        let sid = match member(element, "Sid") {
            Some(Json {
                value: Value::String(s),
                ..
            }) => Some(s.to_string()),
            Some(Json {
                value: Value::Number(raw),
                ..
            }) => Some(raw.to_string()),
            Some(other) => return Err(self.error(Problem::ExpectedString("Sid"), other.span)),
            None => None,
        };
        let effect = match member(element, "Effect") {
            None => return Err(self.error(Problem::MissingEffect, element.span)),
            Some(effect) => match &effect.value {
                Value::String(s) if s == "Allow" => Effect::Allow,
                Value::String(s) if s == "Deny" => Effect::Deny,
                Value::String(s) => {
                    return Err(self.error(Problem::BadEffect(s.to_string()), effect.span))
                }
                _ => return Err(self.error(Problem::ExpectedString("Effect"), effect.span)),
            },
        };
        let action = self.actions(element)?;
        let resource = self.resources(element)?;
        let principal = self.principals(element)?;
        let (conditions, condition_span) = match member(element, "Condition") {
            Some(block) => (self.conditions(block)?, Some(block.span)),
            None => (Vec::new(), None),
        };
        Ok(Statement {
            index,
            sid,
            span: element.span,
            effect,
            action,
            resource,
            principal,
            conditions,
            condition_span,
        })
    }

    fn either<'d, 'a>(
        &self,
        element: &'d Json<'a>,
        positive: &'static str,
        negative: &'static str,
    ) -> Result<Option<(&'d Json<'a>, bool)>, PolicyError> {
        match (member(element, positive), member(element, negative)) {
            (Some(_), Some(second)) => {
                Err(self.error(Problem::BothElements(positive, negative), second.span))
            }
            (Some(p), None) => Ok(Some((p, false))),
            (None, Some(n)) => Ok(Some((n, true))),
            (None, None) => Ok(None),
        }
    }

    fn actions(&self, element: &Json<'_>) -> Result<Option<ActionMatcher>, PolicyError> {
        let Some((value, negated)) = self.either(element, "Action", "NotAction")? else {
            return Err(self.error(Problem::MissingAction, element.span));
        };
        let name = if negated { "NotAction" } else { "Action" };
        let syntax = GlobSyntax {
            wildcards: true,
            variables: false,
            ignore_case: true,
        };
        let written = self.strings(value, name, false)?;
        let patterns = written
            .iter()
            .map(|(text, _)| Glob::compile(text, syntax))
            .collect();
        Ok(Some(ActionMatcher {
            negated,
            patterns,
            written,
            span: value.span,
        }))
    }

    fn resources(&self, element: &Json<'_>) -> Result<Option<ResourceMatcher>, PolicyError> {
        let Some((value, negated)) = self.either(element, "Resource", "NotResource")? else {
            return Ok(None);
        };
        let name = if negated { "NotResource" } else { "Resource" };
        let entries = self.strings(value, name, false)?;
        let patterns = entries
            .iter()
            .map(|(text, span)| (ArnPattern::compile(text, self.variables), *span))
            .collect();
        Ok(Some(ResourceMatcher {
            negated,
            patterns,
            written: entries.into_iter().map(|(text, _)| text).collect(),
            span: value.span,
        }))
    }

    fn principals(&self, element: &Json<'_>) -> Result<Option<PrincipalMatcher>, PolicyError> {
        let Some((value, negated)) = self.either(element, "Principal", "NotPrincipal")? else {
            return Ok(None);
        };
        let mut principals = Vec::new();
        match &value.value {
            Value::String(s) if s == "*" => principals.push(Principal {
                kind: PrincipalKind::Everyone,
                value: "*".to_string(),
                span: value.span,
            }),
            Value::Object(members) => {
                for m in members {
                    let kind = [
                        PrincipalKind::Aws,
                        PrincipalKind::Service,
                        PrincipalKind::Federated,
                        PrincipalKind::CanonicalUser,
                    ]
                    .into_iter()
                    .find(|k| k.key().eq_ignore_ascii_case(&m.key))
                    .ok_or_else(|| self.error(Problem::BadPrincipal, m.key_span))?;
                    for (text, span) in self.strings(&m.value, "Principal", false)? {
                        principals.push(Principal {
                            kind,
                            value: text,
                            span,
                        });
                    }
                }
            }
            _ => return Err(self.error(Problem::BadPrincipal, value.span)),
        }
        Ok(Some(PrincipalMatcher {
            negated,
            principals,
            span: value.span,
        }))
    }

    fn conditions(&self, block: &Json<'_>) -> Result<Vec<Condition>, PolicyError> {
        let Value::Object(operators) = &block.value else {
            return Err(self.error(Problem::BadConditionBlock, block.span));
        };
        let mut conditions = Vec::new();
        for op in operators {
            let operator = Operator::parse(&op.key).ok_or_else(|| {
                self.error(Problem::UnknownOperator(op.key.to_string()), op.key_span)
            })?;
            let Value::Object(keys) = &op.value.value else {
                return Err(self.error(Problem::BadConditionBlock, op.value.span));
            };
            for key in keys {
                let values = self.strings(&key.value, "Condition", true)?;
                conditions.push(Condition::new(
                    operator,
                    op.key.to_string(),
                    op.key_span,
                    key.key.to_string(),
                    key.key_span,
                    values,
                    self.variables,
                ));
            }
        }
        Ok(conditions)
    }
}

pub(crate) fn from_json(doc: &Json<'_>, source: &str) -> Result<Policy, PolicyError> {
    if !matches!(doc.value, Value::Object(_)) {
        return Err(PolicyError::new(Problem::NotAnObject, doc.span, source));
    }
    let version = match member(doc, "Version") {
        None => None,
        Some(v) => match &v.value {
            Value::String(s) if s == "2012-10-17" || s == "2008-10-17" => Some(s.to_string()),
            Value::String(s) => {
                return Err(PolicyError::new(
                    Problem::UnsupportedVersion(s.to_string()),
                    v.span,
                    source,
                ))
            }
            _ => {
                return Err(PolicyError::new(
                    Problem::ExpectedString("Version"),
                    v.span,
                    source,
                ))
            }
        },
    };
    let reader = Reader {
        source,
        variables: version.as_deref() == Some("2012-10-17"),
    };
    let Some(statement) = member(doc, "Statement") else {
        return Err(reader.error(Problem::MissingStatement, doc.span));
    };
    let elements: Vec<&Json<'_>> = match &statement.value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(_) => vec![statement],
        _ => return Err(reader.error(Problem::StatementNotObject, statement.span)),
    };
    if elements.is_empty() {
        return Err(reader.error(Problem::EmptyStatement, statement.span));
    }
    let statements = elements
        .into_iter()
        .enumerate()
        .map(|(index, element)| reader.statement(index, element))
        .collect::<Result<Vec<_>, _>>()?;
    let kind = if statements.iter().any(|s| s.principal.is_some()) {
        PolicyKind::Trust
    } else {
        PolicyKind::Identity
    };
    Ok(Policy {
        statements,
        kind,
        version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Context, Decision, Request};

    fn error_of(text: &str) -> PolicyError {
        match Policy::parse(text) {
            Ok(_) => PolicyError::new(Problem::NotAnObject, Span::default(), ""),
            Err(e) => e,
        }
    }

    #[test]
    fn errors_say_where_in_both_languages() {
        let text = "{\"Statement\": [\n  {\"Effect\": \"allow\", \"Action\": \"*\"}\n]}";
        let error = error_of(text);
        assert_eq!(error.span().slice(text), "\"allow\"");
        assert_eq!(
            error.message(Lang::En),
            "line 2, column 14: `Effect` must be `Allow` or `Deny`, not `allow`"
        );
        assert!(error.message(Lang::Ja).starts_with("2 行 14 列: "));
        let broken = error_of("{\"Statement\": [");
        assert!(broken.message(Lang::En).contains("not valid JSON"));
        assert!(broken.message(Lang::Ja).contains("JSON"));
    }

    #[test]
    fn structural_errors() {
        let both = error_of(r#"{"Statement":{"Effect":"Allow","Action":"a:b","NotAction":"c:d"}}"#);
        assert!(both
            .message(Lang::En)
            .contains("both `Action` and `NotAction`"));
        let op = error_of(
            r#"{"Statement":{"Effect":"Allow","Action":"*","Condition":{"StringEqualz":{"k":"v"}}}}"#,
        );
        assert!(op.message(Lang::En).contains("`StringEqualz`"));
        let version = error_of(r#"{"Version":"2012-10-18","Statement":[]}"#);
        assert!(version.message(Lang::En).contains("2012-10-18"));
        let missing = error_of(r#"{"Statement":{"Effect":"Allow","Resource":"*"}}"#);
        assert!(missing
            .message(Lang::En)
            .contains("neither `Action` nor `NotAction`"));
        let principal =
            error_of(r#"{"Statement":{"Effect":"Allow","Action":"*","Principal":{"Role":"x"}}}"#);
        assert!(principal.message(Lang::Ja).contains("`Principal`"));
        assert!(Policy::parse("[]").is_err());
        assert!(Policy::parse(r#"{"Statement":[]}"#).is_err());
    }

    #[test]
    fn spans_point_into_the_text() {
        let text = r#"{"Version":"2012-10-17","Statement":[
 {"Sid":"Trust","Effect":"Allow","Principal":{"Service":["ec2.amazonaws.com"]},"Action":"sts:AssumeRole",
  "Condition":{"StringEquals":{"aws:SourceAccount":"123456789012"}}}]}"#;
        let policy = Policy::parse(text).map_err(|e| e.to_string());
        let Ok(policy) = policy else {
            panic!("{policy:?}");
        };
        assert_eq!(policy.kind(), PolicyKind::Trust);
        let statement = &policy.statements()[0];
        assert_eq!(statement.sid(), Some("Trust"));
        assert!(statement
            .span()
            .slice(text)
            .starts_with("{\"Sid\":\"Trust\""));
        assert_eq!(
            statement.principals()[0].span.slice(text),
            "\"ec2.amazonaws.com\""
        );
        let condition = &statement.conditions()[0];
        assert_eq!(condition.key_span.slice(text), "\"aws:SourceAccount\"");
        assert_eq!(condition.values[0].span.slice(text), "\"123456789012\"");
    }

    #[test]
    fn old_version_keeps_variables_literal() {
        let policy = |version: &str| {
            Policy::parse(&format!(
                r#"{{{version}"Statement":{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/${{aws:username}}/*"}}}}"#
            ))
        };
        let context = Context::new().complete().with("aws:username", "alice");
        let request = Request::new("s3:GetObject", "arn:aws:s3:::b/alice/x", &context);
        let literal = Request::new("s3:GetObject", "arn:aws:s3:::b/${aws:username}/x", &context);
        let new = policy(r#""Version":"2012-10-17","#);
        let old = policy(r#""Version":"2008-10-17","#);
        let none = policy("");
        assert_eq!(
            new.as_ref().map(|p| p.decide(&request)),
            Ok(Decision::Allow)
        );
        assert_eq!(
            old.as_ref().map(|p| p.decide(&request)),
            Ok(Decision::Implicit)
        );
        assert_eq!(
            old.as_ref().map(|p| p.decide(&literal)),
            Ok(Decision::Allow)
        );
        assert_eq!(
            none.as_ref().map(|p| p.decide(&literal)),
            Ok(Decision::Allow)
        );
    }

    #[test]
    fn scalars_in_conditions_read_as_text() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"*","Resource":"*",
          "Condition":{"Bool":{"aws:MultiFactorAuthPresent":false},"NumericGreaterThan":{"aws:MultiFactorAuthAge":3600}}}}"#;
        let Ok(policy) = Policy::parse(text) else {
            panic!("parses");
        };
        let context = Context::new()
            .with("aws:MultiFactorAuthPresent", "false")
            .with("aws:MultiFactorAuthAge", "7200");
        assert_eq!(
            policy.decide(&Request::new("ec2:RunInstances", "*", &context)),
            Decision::Deny
        );
    }
}
