//! IAM policy parsing and evaluation: identity policies and role trust policies.
//!
//! A [`Policy`] is parsed once ([`Policy::parse`] from pasted text, or [`Policy::from_json`] from
//! an already-read [`json::Json`](crate::json::Json)) and evaluated many times: action, resource
//! and condition patterns are compiled at parse time and [`Policy::decide`] does not allocate.
//!
//! Evaluation follows IAM: an explicit Deny beats an Allow, which beats the implicit deny; action
//! names are case-insensitive, ARNs case-sensitive; `*`/`?` wildcards; ARNs compared segment by
//! segment; policy variables (`${aws:username}`) resolved from the request context; every
//! condition operator family with `…IfExists`, `ForAnyValue:`/`ForAllValues:`.
//!
//! Partial knowledge is an answer of its own: when a condition needs a context key the caller did
//! not give (and the [`Context`] is not [complete](Context::complete)), the decision is
//! [`Decision::Depends`] and the [`Evaluation`] lists the conditions that need a value.
//!
//! Public API (used by the rules engine):
//! - [`Policy`]: `parse`, `from_json`, `kind`, `statements`, `evaluate` (with explanation),
//!   `decide` (decision only, allocation-free).
//! - [`Request`], [`Context`] (keys case-insensitive; `Context::new().with("aws:SourceIp", "…")`).
//! - [`Decision`], [`Evaluation`] (`explain(lang)` in English and Japanese), [`StatementOutcome`].
//! - [`PolicyError`] (`message(lang)` with line and column).
//! - [`Request::assume_role_by_ec2`] (the trust-policy question, partition-aware) and
//!   [`launch_pass_role_context`] (`iam:PassedToService` = EC2 when asking about a launch).
//! - [`workload`]: many policies × many requests in the benchmark's JSON format (CLI, tests,
//!   benchmarks).
//!
//! Agreement: on the first 1,000 AWS managed policies × the 10 benchmark requests the decisions
//! equal the reference simulator's except two `iam:ListInstanceProfiles` cells, where a statement
//! scoped to an instance-profile path meets the request resource `*`: IAM authorizes that list
//! against the path the caller lists, so the answer is Depends (see `tests/policy_oracle.rs`).
//!
//! ```
//! use engine::policy::{Context, Decision, Policy, Request};
//! let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
//!   "Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
//! let policy = Policy::parse(trust).map_err(|e| e.message(engine::lang::Lang::En)).unwrap();
//! let context = Context::new();
//! let request = Request::assume_role_by_ec2("arn:aws:iam::123456789012:role/web", &context);
//! assert_eq!(policy.evaluate(&request).decision, Decision::Allow);
//! ```

pub(crate) mod condition;
mod context;
mod error;
mod eval;
mod explain;
mod matching;
mod parse;
mod principal;
pub mod workload;

pub use condition::{BaseOperator, Condition, ConditionValue, Operator, SetOperator};
pub use context::Context;
pub use error::PolicyError;
pub use eval::{Dependency, Evaluation, Mismatch, Part, StatementOutcome, StatementResult};
pub use principal::{Principal, PrincipalKind};

use crate::text::Span;
use matching::{ArnPattern, Glob};

/// Three-valued truth: a part of a statement matches, does not, or needs a value not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Truth {
    True,
    False,
    Unknown,
}

impl From<bool> for Truth {
    fn from(value: bool) -> Self {
        if value {
            Truth::True
        } else {
            Truth::False
        }
    }
}

impl Truth {
    pub fn and(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::False, _) | (_, Truth::False) => Truth::False,
            (Truth::True, Truth::True) => Truth::True,
            _ => Truth::Unknown,
        }
    }

    pub fn or(self, other: Truth) -> Truth {
        match (self, other) {
            (Truth::True, _) | (_, Truth::True) => Truth::True,
            (Truth::False, Truth::False) => Truth::False,
            _ => Truth::Unknown,
        }
    }

    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }

    /// OR over an iterator, stopping at the first `True`.
    pub fn any(items: impl IntoIterator<Item = Truth>) -> Truth {
        let mut result = Truth::False;
        for item in items {
            result = result.or(item);
            if result == Truth::True {
                break;
            }
        }
        result
    }

    /// AND over an iterator, stopping at the first `False`.
    pub fn all(items: impl IntoIterator<Item = Truth>) -> Truth {
        let mut result = Truth::True;
        for item in items {
            result = result.and(item);
            if result == Truth::False {
                break;
            }
        }
        result
    }
}

/// Whether a policy is a role's trust policy (it names principals) or an identity policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    Identity,
    Trust,
}

/// `Allow` or `Deny`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Effect {
    Allow,
    Deny,
}

/// The outcome of evaluating a request against a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// A statement allows the request and none denies it.
    Allow,
    /// A statement explicitly denies the request.
    Deny,
    /// No statement allows the request (IAM's implicit deny).
    Implicit,
    /// The outcome depends on values the request does not give (context keys, the principal,
    /// the resource a list action is scoped to); the [`Evaluation`] says which.
    Depends,
}

impl Decision {
    /// `Allow`, `Deny`, `Implicit`, `Depends` (the workload file's spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allow => "Allow",
            Decision::Deny => "Deny",
            Decision::Implicit => "Implicit",
            Decision::Depends => "Depends",
        }
    }
}

/// The Action or NotAction element of a statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ActionMatcher {
    pub(crate) negated: bool,
    /// Lower-cased, compiled patterns.
    pub(crate) patterns: Vec<Glob>,
    /// Each pattern as written, with its span.
    pub(crate) written: Vec<(String, Span)>,
    pub(crate) span: Span,
}

/// The Resource or NotResource element of a statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ResourceMatcher {
    pub(crate) negated: bool,
    pub(crate) patterns: Vec<(ArnPattern, Span)>,
    /// Each pattern as written.
    pub(crate) written: Vec<String>,
    pub(crate) span: Span,
}

/// The Principal or NotPrincipal element of a statement.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct PrincipalMatcher {
    pub(crate) negated: bool,
    pub(crate) principals: Vec<Principal>,
    pub(crate) span: Span,
}

/// One statement of a policy, compiled.
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub(crate) index: usize,
    pub(crate) sid: Option<String>,
    pub(crate) span: Span,
    pub(crate) effect: Effect,
    pub(crate) action: Option<ActionMatcher>,
    pub(crate) resource: Option<ResourceMatcher>,
    pub(crate) principal: Option<PrincipalMatcher>,
    pub(crate) conditions: Vec<Condition>,
    pub(crate) condition_span: Option<Span>,
}

impl Statement {
    /// Position in the policy (0-based).
    pub fn index(&self) -> usize {
        self.index
    }

    pub fn sid(&self) -> Option<&str> {
        self.sid.as_deref()
    }

    /// The statement's object in the pasted text.
    pub fn span(&self) -> Span {
        self.span
    }

    pub fn effect(&self) -> Effect {
        self.effect
    }

    /// True when the statement uses NotAction.
    pub fn has_not_action(&self) -> bool {
        self.action.as_ref().is_some_and(|a| a.negated)
    }

    /// The Action (or NotAction) entries as written, with their spans.
    pub fn actions(&self) -> impl Iterator<Item = (&str, Span)> {
        self.action
            .iter()
            .flat_map(|a| a.written.iter().map(|(text, span)| (text.as_str(), *span)))
    }

    /// The Resource (or NotResource) entries as written, with their spans; none when the
    /// statement has neither (trust policies).
    pub fn resources(&self) -> impl Iterator<Item = (&str, Span)> {
        self.resource.iter().flat_map(|r| {
            r.written
                .iter()
                .zip(&r.patterns)
                .map(|(text, (_, span))| (text.as_str(), *span))
        })
    }

    /// The span of the Condition block, if any.
    pub fn condition_span(&self) -> Option<Span> {
        self.condition_span
    }

    /// True when the statement uses NotResource.
    pub fn has_not_resource(&self) -> bool {
        self.resource.as_ref().is_some_and(|r| r.negated)
    }

    /// The principals named (Principal or NotPrincipal), if any.
    pub fn principals(&self) -> &[Principal] {
        self.principal
            .as_ref()
            .map_or(&[][..], |p| p.principals.as_slice())
    }

    /// True when the statement uses NotPrincipal.
    pub fn has_not_principal(&self) -> bool {
        self.principal.as_ref().is_some_and(|p| p.negated)
    }

    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// Does this statement's Action/NotAction cover `action`?
    pub fn covers_action(&self, action: &str) -> bool {
        eval::action_matches(self, action)
    }
}

/// A parsed policy, ready to evaluate many requests.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    pub(crate) statements: Vec<Statement>,
    pub(crate) kind: PolicyKind,
    pub(crate) version: Option<String>,
}

impl Policy {
    /// Parses pasted policy text (JSON).
    pub fn parse(text: &str) -> Result<Policy, PolicyError> {
        parse::parse_text(text)
    }

    /// Builds a policy from an already-read JSON document; `source` is the text it was read from
    /// (for error locations).
    pub fn from_json(doc: &crate::json::Json<'_>, source: &str) -> Result<Policy, PolicyError> {
        parse::from_json(doc, source)
    }

    pub fn kind(&self) -> PolicyKind {
        self.kind
    }

    pub fn statements(&self) -> &[Statement] {
        &self.statements
    }

    /// The Version element, if given.
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// Evaluates `request` and explains the decision statement by statement.
    pub fn evaluate(&self, request: &Request<'_>) -> Evaluation {
        eval::evaluate(self, request)
    }

    /// The decision alone: no explanation, no allocation.
    pub fn decide(&self, request: &Request<'_>) -> Decision {
        eval::decide(self, request)
    }
}

/// One request: who (for trust policies), what action, on what resource, with what context.
#[derive(Clone, Copy, Debug)]
pub struct Request<'r> {
    /// The caller: an ARN (`arn:aws:iam::123456789012:user/alice`), an account id, a service
    /// principal (`ec2.amazonaws.com`), a federated provider, or a canonical user id. `None` when
    /// unknown (a statement naming principals then "depends").
    pub principal: Option<&'r str>,
    pub action: &'r str,
    /// The resource ARN, or `*` for actions that do not act on one resource.
    pub resource: &'r str,
    pub context: &'r Context,
}

/// The service principal of EC2 (`ec2.amazonaws.com`; `ec2.amazonaws.com.cn` in China).
pub fn ec2_service_principal(partition: &str) -> &'static str {
    if partition == "aws-cn" {
        "ec2.amazonaws.com.cn"
    } else {
        "ec2.amazonaws.com"
    }
}

impl<'r> Request<'r> {
    pub fn new(action: &'r str, resource: &'r str, context: &'r Context) -> Self {
        Request {
            principal: None,
            action,
            resource,
            context,
        }
    }

    pub fn with_principal(mut self, principal: &'r str) -> Self {
        self.principal = Some(principal);
        self
    }

    /// May EC2 assume `role_arn`? (the question asked of a trust policy). The service principal
    /// follows the role's partition.
    pub fn assume_role_by_ec2(role_arn: &'r str, context: &'r Context) -> Self {
        let partition = matching::arn_parts(role_arn).map_or("aws", |[_, partition, ..]| partition);
        Request {
            principal: Some(ec2_service_principal(partition)),
            action: "sts:AssumeRole",
            resource: role_arn,
            context,
        }
    }
}

/// A context for `iam:PassRole` when the engine asks about a launch: the role is passed to EC2.
pub fn launch_pass_role_context(partition: &str) -> Context {
    Context::new().with("iam:PassedToService", ec2_service_principal(partition))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truth_tables() {
        assert_eq!(Truth::True.and(Truth::Unknown), Truth::Unknown);
        assert_eq!(Truth::False.and(Truth::Unknown), Truth::False);
        assert_eq!(Truth::True.or(Truth::Unknown), Truth::True);
        assert_eq!(Truth::False.or(Truth::Unknown), Truth::Unknown);
        assert_eq!(Truth::Unknown.not(), Truth::Unknown);
        assert_eq!(Truth::any([]), Truth::False);
        assert_eq!(Truth::all([]), Truth::True);
    }

    #[test]
    fn ec2_principal_follows_partition() {
        let context = Context::new();
        let cn = Request::assume_role_by_ec2("arn:aws-cn:iam::123456789012:role/web", &context);
        assert_eq!(cn.principal, Some("ec2.amazonaws.com.cn"));
        let global = Request::assume_role_by_ec2("arn:aws:iam::123456789012:role/web", &context);
        assert_eq!(global.principal, Some("ec2.amazonaws.com"));
    }
}
