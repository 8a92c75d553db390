//! Evaluation: statement matching and IAM's decision rule, with and without explanations.

use super::context::Lookup;
use super::{Decision, Effect, Policy, Request, Statement, Truth};
use crate::text::Span;

/// The part of a statement that did not match a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Action,
    Resource,
    Principal,
    Condition,
}

/// Why a statement does not apply: the failing part and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mismatch {
    pub part: Part,
    pub span: Span,
    /// For a condition: its operator and key (`StringEquals iam:PassedToService`).
    pub condition: Option<String>,
}

/// A value the request does not give, on which a statement's match depends.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dependency {
    /// A condition needs context key `key` (with `operator`), written at `span`.
    ContextKey {
        key: String,
        operator: String,
        span: Span,
    },
    /// The statement names principals and the request gives none.
    Principal { span: Span },
    /// A resource pattern uses a policy variable whose context key is not given.
    ResourceVariable { span: Span },
    /// The action lists resources under a path (`iam:ListInstanceProfiles`), the resource is
    /// scoped to a path, and the request's resource is `*`: it depends on the path the caller
    /// lists.
    PathScopedList { span: Span },
}

/// How one statement relates to the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StatementResult {
    /// Every part matches: the statement applies.
    Matched,
    /// This part does not match (the first failing part, in the order action, resource,
    /// principal, condition).
    NotMatched(Mismatch),
    /// No part fails, but some need values the request does not give.
    Depends(Vec<Dependency>),
}

/// One statement's outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatementOutcome {
    pub index: usize,
    pub sid: Option<String>,
    pub span: Span,
    pub effect: Effect,
    pub result: StatementResult,
}

/// A decision with its reasons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub decision: Decision,
    /// Every statement, in policy order.
    pub statements: Vec<StatementOutcome>,
    /// The decisions still possible given what the request leaves unknown (one element unless
    /// the decision is `Depends`).
    pub possible: Vec<Decision>,
    pub(crate) action: String,
    pub(crate) resource: String,
    pub(crate) principal: Option<String>,
}

impl Evaluation {
    /// Could the request be allowed once the unknown values are known?
    pub fn may_allow(&self) -> bool {
        self.possible.contains(&Decision::Allow)
    }

    /// The statements that decided: the matching Deny statements for `Deny`, the matching Allow
    /// statements for `Allow`, the undecided ones for `Depends`, none for `Implicit`.
    pub fn deciding_statements(&self) -> impl Iterator<Item = &StatementOutcome> {
        let decision = self.decision;
        self.statements.iter().filter(move |s| match decision {
            Decision::Deny => s.effect == Effect::Deny && s.result == StatementResult::Matched,
            Decision::Allow => s.effect == Effect::Allow && s.result == StatementResult::Matched,
            Decision::Depends => matches!(s.result, StatementResult::Depends(_)),
            Decision::Implicit => false,
        })
    }
}

/// IAM list actions whose resource is the path the caller lists (`PathPrefix`), with the ARN
/// resource type they list.
const PATH_SCOPED_LISTS: [(&str, &str); 6] = [
    ("iam:ListInstanceProfiles", "instance-profile/"),
    ("iam:ListRoles", "role/"),
    ("iam:ListUsers", "user/"),
    ("iam:ListGroups", "group/"),
    ("iam:ListPolicies", "policy/"),
    ("iam:ListServerCertificates", "server-certificate/"),
];

/// Receives dependencies while a statement is checked; the decision-only path discards them.
trait DependencySink {
    fn push(&mut self, make: impl FnOnce() -> Dependency);
}

struct Discard;

impl DependencySink for Discard {
    #[inline]
    fn push(&mut self, _make: impl FnOnce() -> Dependency) {}
}

impl DependencySink for Vec<Dependency> {
    fn push(&mut self, make: impl FnOnce() -> Dependency) {
        Vec::push(self, make());
    }
}

/// A statement's match, before explanation.
enum Check {
    Match,
    Unknown,
    Fail(Part, Span, Option<usize>),
}

pub(crate) fn action_matches(statement: &Statement, action: &str) -> bool {
    let Some(matcher) = &statement.action else {
        return false;
    };
    let any = matcher
        .patterns
        .iter()
        .any(|pattern| pattern.matches_plain(action, true));
    any != matcher.negated
}

fn check_statement(
    statement: &Statement,
    request: &Request<'_>,
    lookup: &Lookup<'_>,
    sink: &mut impl DependencySink,
) -> Check {
    let Some(action) = &statement.action else {
        return Check::Fail(Part::Action, statement.span, None);
    };
    if !action_matches(statement, request.action) {
        return Check::Fail(Part::Action, action.span, None);
    }
    let mut truth = Truth::True;

    if let Some(resource) = &statement.resource {
        let mut any = Truth::False;
        for (pattern, span) in &resource.patterns {
            let mut t = pattern.matches(request.resource, lookup);
            if t == Truth::False
                && request.resource == "*"
                && is_path_scoped(pattern, request.action)
            {
                sink.push(|| Dependency::PathScopedList { span: *span });
                t = Truth::Unknown;
            } else if t == Truth::Unknown {
                sink.push(|| Dependency::ResourceVariable { span: *span });
            }
            any = any.or(t);
            if any == Truth::True {
                break;
            }
        }
        let resource_truth = if resource.negated { any.not() } else { any };
        if resource_truth == Truth::False {
            return Check::Fail(Part::Resource, resource.span, None);
        }
        truth = truth.and(resource_truth);
    }

    if let Some(principal) = &statement.principal {
        let principal_truth = match request.principal {
            None => {
                sink.push(|| Dependency::Principal {
                    span: principal.span,
                });
                Truth::Unknown
            }
            Some(who) => {
                let any = principal.principals.iter().any(|p| p.matches(who));
                Truth::from(any != principal.negated)
            }
        };
        if principal_truth == Truth::False {
            return Check::Fail(Part::Principal, principal.span, None);
        }
        truth = truth.and(principal_truth);
    }

    for (index, condition) in statement.conditions.iter().enumerate() {
        match condition.evaluate(lookup) {
            Truth::True => {}
            Truth::False => return Check::Fail(Part::Condition, condition.span(), Some(index)),
            Truth::Unknown => {
                sink.push(|| Dependency::ContextKey {
                    key: condition.key.clone(),
                    operator: condition.operator_text.clone(),
                    span: condition.span(),
                });
                truth = Truth::Unknown;
            }
        }
    }

    match truth {
        Truth::True => Check::Match,
        _ => Check::Unknown,
    }
}

fn is_path_scoped(pattern: &super::ArnPattern, action: &str) -> bool {
    let Some((_, resource_type)) = PATH_SCOPED_LISTS
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case(action))
    else {
        return false;
    };
    pattern
        .service_and_resource_prefix()
        .is_some_and(|(service, prefix)| service == "iam" && prefix.starts_with(resource_type))
}

/// Which decisions remain possible, from the statements' matches.
#[derive(Default)]
struct Tally {
    deny: bool,
    deny_unknown: bool,
    allow: bool,
    allow_unknown: bool,
}

impl Tally {
    fn add(&mut self, effect: Effect, check: &Check) {
        match (effect, check) {
            (Effect::Deny, Check::Match) => self.deny = true,
            (Effect::Deny, Check::Unknown) => self.deny_unknown = true,
            (Effect::Allow, Check::Match) => self.allow = true,
            (Effect::Allow, Check::Unknown) => self.allow_unknown = true,
            (_, Check::Fail(..)) => {}
        }
    }

    /// (deny possible, allow possible, implicit possible)
    fn possible(&self) -> [bool; 3] {
        if self.deny {
            return [true, false, false];
        }
        [
            self.deny_unknown,
            self.allow || self.allow_unknown,
            !self.allow,
        ]
    }

    fn decision(&self) -> Decision {
        match self.possible() {
            [true, false, false] => Decision::Deny,
            [false, true, false] => Decision::Allow,
            [false, false, true] => Decision::Implicit,
            _ => Decision::Depends,
        }
    }
}

pub(crate) fn decide(policy: &Policy, request: &Request<'_>) -> Decision {
    let lookup = Lookup::new(request.context);
    let mut tally = Tally::default();
    for statement in &policy.statements {
        let check = check_statement(statement, request, &lookup, &mut Discard);
        tally.add(statement.effect, &check);
        if tally.deny {
            return Decision::Deny;
        }
    }
    tally.decision()
}

pub(crate) fn evaluate(policy: &Policy, request: &Request<'_>) -> Evaluation {
    let lookup = Lookup::new(request.context);
    let mut tally = Tally::default();
    let mut statements = Vec::with_capacity(policy.statements.len());
    for statement in &policy.statements {
        let mut dependencies = Vec::new();
        let check = check_statement(statement, request, &lookup, &mut dependencies);
        tally.add(statement.effect, &check);
        let result = match check {
            Check::Match => StatementResult::Matched,
            Check::Unknown => StatementResult::Depends(dependencies),
            Check::Fail(part, span, condition) => StatementResult::NotMatched(Mismatch {
                part,
                span,
                condition: condition
                    .and_then(|i| statement.conditions.get(i))
                    .map(|c| format!("{} {}", c.operator_text, c.key)),
            }),
        };
        statements.push(StatementOutcome {
            index: statement.index,
            sid: statement.sid.clone(),
            span: statement.span,
            effect: statement.effect,
            result,
        });
    }
    let [deny, allow, implicit] = tally.possible();
    let possible = [
        (allow, Decision::Allow),
        (deny, Decision::Deny),
        (implicit, Decision::Implicit),
    ]
    .into_iter()
    .filter_map(|(possible, decision)| possible.then_some(decision))
    .collect();
    Evaluation {
        decision: tally.decision(),
        statements,
        possible,
        action: request.action.to_string(),
        resource: request.resource.to_string(),
        principal: request.principal.map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use crate::policy::{
        launch_pass_role_context, Context, Decision, Dependency, Part, Policy, Request,
        StatementResult,
    };

    fn parse(text: &str) -> Policy {
        match Policy::parse(text) {
            Ok(policy) => policy,
            Err(e) => panic!("{e}"),
        }
    }

    const ROLE: &str = "arn:aws:iam::123456789012:role/web";

    #[test]
    fn trust_principals_of_every_kind() {
        let trust = parse(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:AssumeRoleWithWebIdentity"],
              "Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:role/ci"],
                           "Federated":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                           "CanonicalUser":"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"}}]}"#,
        );
        let context = Context::new().complete();
        let decide = |who: &str, action: &str| {
            trust.decide(&Request::new(action, ROLE, &context).with_principal(who))
        };
        assert_eq!(
            decide("arn:aws:iam::111122223333:user/dev", "sts:AssumeRole"),
            Decision::Allow
        );
        assert_eq!(
            decide(
                "arn:aws:sts::444455556666:assumed-role/ci/run-1",
                "sts:AssumeRole"
            ),
            Decision::Allow
        );
        assert_eq!(
            decide("arn:aws:iam::444455556666:role/other", "sts:AssumeRole"),
            Decision::Implicit
        );
        assert_eq!(
            decide(
                "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com",
                "sts:AssumeRoleWithWebIdentity"
            ),
            Decision::Allow
        );
        assert_eq!(
            decide(
                "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be",
                "sts:AssumeRole"
            ),
            Decision::Allow
        );
        assert_eq!(
            decide("ec2.amazonaws.com", "sts:AssumeRole"),
            Decision::Implicit
        );
        // Who asks is unknown: it depends on the principal.
        let unknown = trust.evaluate(&Request::new("sts:AssumeRole", ROLE, &context));
        assert_eq!(unknown.decision, Decision::Depends);
        assert!(matches!(&unknown.statements[0].result,
            StatementResult::Depends(d) if matches!(d[0], Dependency::Principal { .. })));
    }

    #[test]
    fn not_principal_excludes() {
        let trust = parse(
            r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
              {"Effect":"Deny","NotPrincipal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
        );
        let context = Context::new().complete();
        let ec2 = Request::assume_role_by_ec2(ROLE, &context);
        assert_eq!(trust.decide(&ec2), Decision::Allow);
        let lambda =
            Request::new("sts:AssumeRole", ROLE, &context).with_principal("lambda.amazonaws.com");
        assert_eq!(trust.decide(&lambda), Decision::Deny);
    }

    #[test]
    fn pass_role_to_ec2_at_launch() {
        let policy = parse(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:PassRole","Resource":"*",
              "Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}}}"#,
        );
        let launch = launch_pass_role_context("aws");
        assert_eq!(
            policy.decide(&Request::new("iam:PassRole", ROLE, &launch)),
            Decision::Allow
        );
        let china = launch_pass_role_context("aws-cn");
        assert_eq!(
            policy.decide(&Request::new("iam:PassRole", ROLE, &china)),
            Decision::Implicit
        );
        let unknown = Context::new();
        assert_eq!(
            policy.decide(&Request::new("iam:PassRole", ROLE, &unknown)),
            Decision::Depends
        );
    }

    #[test]
    fn mismatches_name_the_failing_part() {
        let policy = parse(
            r#"{"Version":"2012-10-17","Statement":[
              {"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*"},
              {"Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::*:role/app-*"},
              {"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
        );
        let context = Context::new()
            .complete()
            .with("aws:SecureTransport", "true");
        let evaluation = policy.evaluate(&Request::new("iam:PassRole", ROLE, &context));
        assert_eq!(evaluation.decision, Decision::Implicit);
        let parts: Vec<Option<Part>> = evaluation
            .statements
            .iter()
            .map(|s| match &s.result {
                StatementResult::NotMatched(m) => Some(m.part),
                _ => None,
            })
            .collect();
        assert_eq!(
            parts,
            vec![
                Some(Part::Action),
                Some(Part::Resource),
                Some(Part::Condition)
            ]
        );
        let statement = &policy.statements()[1];
        assert_eq!(
            statement.actions().map(|(a, _)| a).collect::<Vec<_>>(),
            vec!["iam:PassRole"]
        );
        assert_eq!(
            statement.resources().map(|(r, _)| r).collect::<Vec<_>>(),
            vec!["arn:aws:iam::*:role/app-*"]
        );
    }

    #[test]
    fn path_scoped_list_depends_on_the_path() {
        let policy = parse(
            r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"iam:ListInstanceProfiles",
              "Resource":"arn:aws:iam::*:instance-profile/cloud9/*"}}"#,
        );
        let context = Context::new().complete();
        let listing = policy.evaluate(&Request::new("iam:ListInstanceProfiles", "*", &context));
        assert_eq!(listing.decision, Decision::Depends);
        assert_eq!(listing.possible, vec![Decision::Allow, Decision::Implicit]);
        let scoped = Request::new(
            "iam:ListInstanceProfiles",
            "arn:aws:iam::123456789012:instance-profile/cloud9/",
            &context,
        );
        assert_eq!(policy.decide(&scoped), Decision::Allow);
        // Other wildcard-only actions do not match an ARN-scoped statement at all.
        let describe = parse(
            r#"{"Statement":{"Effect":"Allow","Action":"ec2:Describe*","Resource":"arn:aws:ec2:*:*:instance/*"}}"#,
        );
        assert_eq!(
            describe.decide(&Request::new("ec2:DescribeInstances", "*", &context)),
            Decision::Implicit
        );
    }
}
