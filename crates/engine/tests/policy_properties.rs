//! Invariants of IAM evaluation, checked on generated policies and requests:
//! adding a Deny never makes a request allowed; adding an Allow never takes an allowed request
//! away; the order of statements and of values never matters; Allow `*` on `*` allows and Deny
//! `*` on `*` denies every request. Also: parsing never panics, and `decide` agrees with
//! `evaluate`.

use engine::policy::{Context, Decision, Policy, Request};
use proptest::prelude::*;
use serde_json::{json, Value};

const ACTIONS: &[&str] = &[
    "iam:PassRole",
    "iam:*",
    "IAM:pass*",
    "ec2:*Instances",
    "ec2:RunInstances",
    "*",
    "iam:Get*",
    "sts:AssumeRole",
    "s3:?etObject",
    "iam:ListInstanceProfiles",
];
const RESOURCES: &[&str] = &[
    "*",
    "arn:aws:iam::123456789012:role/app-*",
    "arn:aws:iam::*:role/*",
    "arn:aws:ec2:*:*:instance/*",
    "arn:aws:iam::123456789012:role/${aws:username}",
    "arn:aws:iam::123456789012:instance-profile/app/*",
    "arn:aws:s3:::bucket/*",
];
const REQUEST_ACTIONS: &[&str] = &[
    "iam:PassRole",
    "ec2:RunInstances",
    "iam:GetInstanceProfile",
    "sts:AssumeRole",
    "s3:GetObject",
    "iam:ListInstanceProfiles",
];
const REQUEST_RESOURCES: &[&str] = &[
    "arn:aws:iam::123456789012:role/app-web",
    "arn:aws:iam::123456789012:role/alice",
    "arn:aws:ec2:us-east-1:123456789012:instance/i-1",
    "arn:aws:iam::123456789012:instance-profile/app/web",
    "arn:aws:s3:::bucket/key",
    "*",
];
/// (operator, key, values)
const CONDITIONS: &[(&str, &str, &[&str])] = &[
    (
        "StringEquals",
        "iam:PassedToService",
        &["ec2.amazonaws.com", "lambda.amazonaws.com"],
    ),
    (
        "StringNotEquals",
        "iam:PassedToService",
        &["ec2.amazonaws.com"],
    ),
    ("Bool", "aws:MultiFactorAuthPresent", &["true"]),
    ("IpAddress", "aws:SourceIp", &["10.0.0.0/8", "192.0.2.0/24"]),
    ("NotIpAddress", "aws:SourceIp", &["10.0.0.0/8"]),
    ("StringLike", "aws:username", &["a*", "b?b"]),
    ("Null", "aws:MultiFactorAuthPresent", &["true"]),
    (
        "StringEqualsIfExists",
        "aws:RequestedRegion",
        &["us-east-1", "eu-west-1"],
    ),
    ("ForAllValues:StringEquals", "aws:TagKeys", &["team", "env"]),
    ("ForAnyValue:StringLike", "aws:TagKeys", &["te*"]),
    ("DateLessThan", "aws:CurrentTime", &["2027-01-01T00:00:00Z"]),
    ("NumericLessThan", "aws:MultiFactorAuthAge", &["3600"]),
];
/// (key, candidate values)
const CONTEXT_KEYS: &[(&str, &[&str])] = &[
    (
        "iam:PassedToService",
        &["ec2.amazonaws.com", "lambda.amazonaws.com"],
    ),
    ("aws:MultiFactorAuthPresent", &["true", "false"]),
    ("aws:SourceIp", &["10.1.2.3", "203.0.113.5"]),
    ("aws:username", &["alice", "bob"]),
    ("aws:RequestedRegion", &["us-east-1", "ap-northeast-1"]),
    ("aws:TagKeys", &["team", "cost"]),
    (
        "aws:CurrentTime",
        &["2026-11-01T00:00:00Z", "2027-06-01T00:00:00Z"],
    ),
    ("aws:MultiFactorAuthAge", &["60", "7200"]),
];

fn pick(items: &'static [&'static str]) -> impl Strategy<Value = &'static str> {
    proptest::sample::select(items)
}

fn values(items: &'static [&'static str]) -> impl Strategy<Value = Vec<&'static str>> {
    proptest::sample::subsequence(items, 1..=items.len().min(3))
}

fn statement(effect: Option<&'static str>) -> impl Strategy<Value = Value> {
    let effect = match effect {
        Some(e) => Just(e).boxed(),
        None => pick(&["Allow", "Deny"]).boxed(),
    };
    (
        effect,
        any::<bool>(),
        values(ACTIONS),
        any::<bool>(),
        values(RESOURCES),
        proptest::collection::vec(
            (0..CONDITIONS.len()).prop_flat_map(|i| {
                let (op, key, vals) = CONDITIONS[i];
                proptest::sample::subsequence(vals, 1..=vals.len()).prop_map(move |v| (op, key, v))
            }),
            0..3,
        ),
    )
        .prop_map(
            |(effect, not_action, actions, not_resource, resources, conditions)| {
                let mut s = serde_json::Map::new();
                s.insert("Effect".into(), json!(effect));
                s.insert(
                    if not_action { "NotAction" } else { "Action" }.into(),
                    json!(actions),
                );
                s.insert(
                    if not_resource {
                        "NotResource"
                    } else {
                        "Resource"
                    }
                    .into(),
                    json!(resources),
                );
                if !conditions.is_empty() {
                    let mut block = serde_json::Map::new();
                    for (op, key, vals) in conditions {
                        let entry = block.entry(op).or_insert_with(|| json!({}));
                        if let Some(map) = entry.as_object_mut() {
                            map.insert(key.to_string(), json!(vals));
                        }
                    }
                    s.insert("Condition".into(), Value::Object(block));
                }
                Value::Object(s)
            },
        )
}

fn document(statements: &[Value]) -> String {
    json!({"Version": "2012-10-17", "Statement": statements}).to_string()
}

fn parse(statements: &[Value]) -> Policy {
    let text = document(statements);
    Policy::parse(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[derive(Clone, Debug)]
struct GeneratedRequest {
    action: &'static str,
    resource: &'static str,
    context: Context,
}

fn request() -> impl Strategy<Value = GeneratedRequest> {
    (
        pick(REQUEST_ACTIONS),
        pick(REQUEST_RESOURCES),
        any::<bool>(),
        proptest::collection::vec(
            (0..CONTEXT_KEYS.len()).prop_flat_map(|i| {
                let (key, vals) = CONTEXT_KEYS[i];
                proptest::sample::subsequence(vals, 1..=vals.len()).prop_map(move |v| (key, v))
            }),
            0..5,
        ),
    )
        .prop_map(|(action, resource, complete, entries)| {
            let mut context = Context::new();
            for (key, vals) in entries {
                context = context.with_values(key, vals);
            }
            if complete {
                context = context.complete();
            }
            GeneratedRequest {
                action,
                resource,
                context,
            }
        })
}

fn decide(policy: &Policy, r: &GeneratedRequest) -> Decision {
    let request = Request::new(r.action, r.resource, &r.context);
    let decision = policy.decide(&request);
    assert_eq!(
        decision,
        policy.evaluate(&request).decision,
        "decide = evaluate"
    );
    decision
}

fn may_allow(policy: &Policy, r: &GeneratedRequest) -> bool {
    policy
        .evaluate(&Request::new(r.action, r.resource, &r.context))
        .may_allow()
}

/// Reverses every list value (Action, Resource, condition values) of a statement.
fn reverse_values(statement: &Value) -> Value {
    match statement {
        Value::Array(items) => Value::Array(items.iter().rev().map(reverse_values).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .rev()
                .map(|(k, v)| (k.clone(), reverse_values(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn adding_a_deny_never_allows(
        statements in proptest::collection::vec(statement(None), 1..5),
        deny in statement(Some("Deny")),
        r in request(),
    ) {
        let before = parse(&statements);
        let mut more = statements.clone();
        more.push(deny);
        let after = parse(&more);
        if decide(&after, &r) == Decision::Allow {
            prop_assert_eq!(decide(&before, &r), Decision::Allow);
        }
        if may_allow(&after, &r) {
            prop_assert!(may_allow(&before, &r));
        }
    }

    #[test]
    fn adding_an_allow_never_takes_an_allow_away(
        statements in proptest::collection::vec(statement(None), 1..5),
        allow in statement(Some("Allow")),
        r in request(),
    ) {
        let before = parse(&statements);
        let mut more = statements.clone();
        more.insert(0, allow);
        let after = parse(&more);
        if decide(&before, &r) == Decision::Allow {
            prop_assert_eq!(decide(&after, &r), Decision::Allow);
        }
    }

    #[test]
    fn order_of_statements_and_values_does_not_matter(
        statements in proptest::collection::vec(statement(None), 1..6),
        rotation in 0usize..6,
        r in request(),
    ) {
        let original = parse(&statements);
        let mut reordered: Vec<Value> = statements.iter().rev().map(reverse_values).collect();
        let len = reordered.len();
        reordered.rotate_left(rotation % len);
        let shuffled = parse(&reordered);
        prop_assert_eq!(decide(&original, &r), decide(&shuffled, &r));
    }

    #[test]
    fn allow_all_allows_and_deny_all_denies(r in request(), principal in any::<bool>()) {
        let allow = parse(&[json!({"Effect": "Allow", "Action": "*", "Resource": "*"})]);
        let deny = parse(&[
            json!({"Effect": "Allow", "Action": "*", "Resource": "*"}),
            json!({"Effect": "Deny", "Action": "*", "Resource": "*"}),
        ]);
        let mut request = Request::new(r.action, r.resource, &r.context);
        if principal {
            request = request.with_principal("arn:aws:iam::123456789012:user/alice");
        }
        prop_assert_eq!(allow.decide(&request), Decision::Allow);
        prop_assert_eq!(deny.decide(&request), Decision::Deny);
    }

    #[test]
    fn parsing_never_panics(text in "\\PC{0,200}") {
        let _ = Policy::parse(&text);
    }

    #[test]
    fn damaged_policies_never_panic(
        statements in proptest::collection::vec(statement(None), 1..3),
        cut in 0usize..2000,
        insert in "[\\[\\]{}\":,*?$]{0,4}",
        r in request(),
    ) {
        let text = document(&statements);
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let damaged = format!("{}{}{}", &text[..at], insert, &text[at..]);
        if let Ok(policy) = Policy::parse(&damaged) {
            let _ = decide(&policy, &r);
        }
    }
}
