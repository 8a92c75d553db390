//! Reading a trust policy for the two trust rules: may EC2 assume the role, what is malformed in
//! the document, and the user's own document with EC2 added.
//!
//! The decision comes from [`crate::policy`] (the same evaluator the rest of the engine uses);
//! the lint and the correction walk the span-preserving JSON, so the corrected document is the
//! user's text with small insertions, every other principal, statement and condition untouched.

use crate::input::facts::{Facts, PolicyDocument};
use crate::json::{self, Json, Value};
use crate::policy::{Context, Decision, Policy, Request};
use crate::rules::case::{Case, CaseInput};
use crate::rules::support;
use crate::text::{json_string, Span};

use super::service_names::SERVICE_LABELS;

/// A trust policy of the case and the role it belongs to, when known.
#[derive(Clone, Copy)]
pub struct TrustSubject<'a> {
    pub at: CaseInput<'a>,
    pub role: Option<&'a str>,
    pub role_arn: Option<&'a str>,
    pub document: &'a PolicyDocument,
    /// Whether something in the case ties this role to EC2 (in an instance profile, named by
    /// the instance, or pasted on its own as the one role in question).
    pub ec2_context: bool,
}

impl TrustSubject<'_> {
    /// A span inside the document's text as a span of the paste: exact when the document is a
    /// verbatim slice, else the whole (encoded) document.
    pub fn paste_span(&self, inner: Span) -> Span {
        match self.document.text_offset {
            Some(offset) => inner.shifted(offset),
            None => self.document.span,
        }
    }

    pub fn partition(&self) -> &str {
        self.role_arn
            .and_then(support::arn)
            .map(|p| p.partition)
            .unwrap_or_else(|| {
                if self.document.text.contains(".amazonaws.com.cn") {
                    "aws-cn"
                } else {
                    "aws"
                }
            })
    }
}

/// Every trust policy of the case: pasted alone, inside roles, inside profiles' roles. A role
/// seen several times counts once (its last appearance).
pub fn subjects(case: &Case) -> Vec<TrustSubject<'_>> {
    // Names borrowed from the case: one set type for the engine (each costs wasm).
    let mut instance_named: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for listing in case.listings() {
        instance_named.extend(listing.item.role_names.iter().map(|n| n.value.trim()));
    }
    for credentials in case.credentials() {
        if let Some(role) = &credentials.item.role_name {
            instance_named.insert(role.value.as_str());
        }
    }
    for identity in case.caller_identities() {
        if let Some(assumed) = &identity.item.assumed_role {
            instance_named.insert(assumed.role.value.as_str());
        }
    }
    let in_profiles: std::collections::HashSet<&str> = case
        .instance_profiles()
        .iter()
        .flat_map(|p| p.item.roles.iter().filter_map(support::role_name))
        .collect();
    let mut subjects = Subjects::default();
    for at in case.inputs() {
        match &at.input.facts {
            Facts::TrustPolicy(document) => subjects.list.push(TrustSubject {
                at,
                role: None,
                role_arn: None,
                document,
                ec2_context: true,
            }),
            Facts::Roles(roles) => {
                let single = roles.len() == 1;
                for role in roles {
                    subjects.push_role(at, role, single, &instance_named, &in_profiles);
                }
            }
            Facts::InstanceProfiles(profiles) => {
                for role in profiles.iter().flat_map(|p| p.roles.iter()) {
                    subjects.push_role(at, role, true, &instance_named, &in_profiles);
                }
            }
            Facts::AccountAuthorizationDetails(details) => {
                for role in &details.roles {
                    subjects.push_role(at, role, false, &instance_named, &in_profiles);
                }
            }
            _ => {}
        }
    }
    subjects.list
}

/// The subjects found so far, with an index by role name (a role seen twice counts once).
#[derive(Default)]
struct Subjects<'a> {
    list: Vec<TrustSubject<'a>>,
    by_role: std::collections::HashMap<&'a str, usize>,
}

impl<'a> Subjects<'a> {
    fn push_role(
        &mut self,
        at: CaseInput<'a>,
        role: &'a crate::input::facts::Role,
        single: bool,
        instance_named: &std::collections::HashSet<&str>,
        in_profiles: &std::collections::HashSet<&str>,
    ) {
        let Some(document) = &role.trust_policy else {
            return;
        };
        let name = support::role_name(role);
        let named = name.is_some_and(|n| instance_named.contains(n) || in_profiles.contains(n));
        let subject = TrustSubject {
            at,
            role: name,
            role_arn: role.arn.as_ref().map(|a| a.value.as_str()),
            document,
            ec2_context: single || named,
        };
        match name.and_then(|n| self.by_role.get(n).copied()) {
            Some(index) => {
                if let Some(slot) = self.list.get_mut(index) {
                    let keep_context = slot.ec2_context;
                    *slot = subject;
                    slot.ec2_context |= keep_context;
                }
            }
            None => {
                if let Some(n) = name {
                    self.by_role.insert(n, self.list.len());
                }
                self.list.push(subject);
            }
        }
    }
}

/// What a trust policy says about EC2 assuming the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ec2Trust {
    Allowed,
    /// Allowed only if conditions hold that the engine cannot check (`aws:SourceArn` …).
    Conditional {
        keys: Vec<String>,
    },
    /// Not allowed: `services` are the service principals the policy does trust; `denied` when
    /// a Deny statement matches EC2.
    Blocked {
        services: Vec<String>,
        denied: bool,
    },
    /// The document could not be read as a policy.
    Unreadable,
}

/// May the EC2 service principal of the role's partition `sts:AssumeRole` it?
pub fn ec2_trust(subject: &TrustSubject<'_>) -> Ec2Trust {
    let Ok(policy) = Policy::parse(&subject.document.text) else {
        return Ec2Trust::Unreadable;
    };
    let partition = subject.partition();
    let fallback_arn = format!("arn:{partition}:iam::000000000000:role/role");
    let role_arn = subject.role_arn.unwrap_or(&fallback_arn);
    let context = Context::new();
    let evaluation = policy.evaluate(&Request::assume_role_by_ec2(role_arn, &context));
    match evaluation.decision {
        Decision::Allow => Ec2Trust::Allowed,
        Decision::Depends if evaluation.may_allow() => Ec2Trust::Conditional {
            keys: condition_keys(&subject.document.text),
        },
        Decision::Deny => Ec2Trust::Blocked {
            services: services(&subject.document.text),
            denied: true,
        },
        Decision::Depends | Decision::Implicit => Ec2Trust::Blocked {
            services: services(&subject.document.text),
            denied: false,
        },
    }
}

/// The statements of a document (an object or a list).
fn statements<'j, 'a>(root: &'j Json<'a>) -> &'j [Json<'a>] {
    root.get_ci("Statement")
        .map(Json::one_or_many)
        .unwrap_or(&[])
}

/// Every `Principal.Service` value of the document.
pub fn services(text: &str) -> Vec<String> {
    let Ok(root) = json::parse(text) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for statement in statements(&root) {
        if let Some(service) = statement
            .get_ci("Principal")
            .and_then(|p| p.get_ci("Service"))
        {
            for value in service.one_or_many() {
                if let Some(s) = value.as_str() {
                    if !out.iter().any(|x: &String| x == s) {
                        out.push(s.to_owned());
                    }
                }
            }
        }
    }
    out
}

/// The condition keys of the statements that name an EC2 service principal.
fn condition_keys(text: &str) -> Vec<String> {
    let Ok(root) = json::parse(text) else {
        return Vec::new();
    };
    let mut keys = Vec::new();
    for statement in statements(&root) {
        let Some(condition) = statement.get_ci("Condition").and_then(Json::as_object) else {
            continue;
        };
        for operator in condition {
            for member in operator.value.as_object().unwrap_or(&[]) {
                let key = member.key.to_string();
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
    }
    keys
}

/// One problem the lint found, at a span of the document's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintIssue {
    /// The message key of `trust-policy-invalid`.
    pub key: &'static str,
    pub span: Span,
    /// Values for the message's placeholders.
    pub values: Vec<(&'static str, String)>,
    /// The JSON path of the value inside the document (`$.Statement[0].Resource`).
    pub path: Option<String>,
}

/// The path of a value in the paste: the document's own path joined with the path inside it.
pub fn join_path(document: Option<&str>, inner: Option<&str>) -> Option<String> {
    match (document, inner) {
        (Some(outer), Some(inner)) => Some(format!(
            "{outer}{}",
            inner.strip_prefix('$').unwrap_or(inner)
        )),
        (None, Some(inner)) => Some(inner.to_owned()),
        (outer, None) => outer.map(str::to_owned),
    }
}

/// The part of a trust policy to underline when it does not let EC2 in: the `Principal` of the
/// first Allow statement (where EC2 would have to be named), else `Statement`.
pub fn focus(text: &str) -> Option<(Span, String)> {
    let root = json::parse(text).ok()?;
    let statement = root.get_ci("Statement")?;
    let target = statement
        .one_or_many()
        .iter()
        .find(|s| {
            s.get_ci("Effect")
                .and_then(Json::as_str)
                .is_some_and(|e| e.eq_ignore_ascii_case("Allow"))
        })
        .and_then(|s| s.get_ci("Principal"))
        .unwrap_or(statement);
    let path = root.path_to(target.span).map(|p| p.to_string())?;
    Some((target.span, path))
}

/// What is known about a service principal's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceName {
    Known,
    /// A likely typo, with the intended principal.
    Misspelled(String),
    Unknown,
}

/// Reads a service principal: `ec2.amazon.com` is a misspelling of `ec2.amazonaws.com`.
pub fn service_name(value: &str) -> ServiceName {
    let value = value.trim();
    let (label, suffix_ok) = if let Some(label) = value.strip_suffix(".amazonaws.com.cn") {
        (label, true)
    } else if let Some(label) = value.strip_suffix(".amazonaws.com") {
        (label, true)
    } else if let Some(label) = value.strip_suffix(".amazon.com") {
        (label, false)
    } else {
        (value, false)
    };
    let first = label.rsplit('.').next().unwrap_or(label);
    let known_label = SERVICE_LABELS.binary_search(&label).is_ok()
        || SERVICE_LABELS.binary_search(&first).is_ok();
    match (suffix_ok, known_label) {
        (true, true) => ServiceName::Known,
        (false, true) => ServiceName::Misspelled(format!("{label}.amazonaws.com")),
        (true, false) => match closest_label(label) {
            Some(close) => ServiceName::Misspelled(format!("{close}.amazonaws.com")),
            None => ServiceName::Unknown,
        },
        (false, false) => {
            // `ec2.amazonaws.cm`, `ec2.amazonws.com`: a known label with a damaged suffix.
            let head = value.split('.').next().unwrap_or(value);
            if SERVICE_LABELS.binary_search(&head).is_ok() && value.contains("amazon") {
                ServiceName::Misspelled(format!("{head}.amazonaws.com"))
            } else {
                ServiceName::Unknown
            }
        }
    }
}

/// A known label one edit away (for `ec22`, `lamda`), only for labels long enough to judge.
fn closest_label(label: &str) -> Option<&'static str> {
    if label.len() < 3 {
        return None;
    }
    SERVICE_LABELS
        .iter()
        .copied()
        .find(|known| known.len().abs_diff(label.len()) <= 1 && edit_distance(known, label) == 1)
}

/// Levenshtein distance for short ASCII words (linear space).
fn edit_distance(a: &str, b: &str) -> usize {
    let a = a.as_bytes();
    let b = b.as_bytes();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        if let Some(first) = current.first_mut() {
            *first = i + 1;
        }
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let deletion = previous.get(j + 1).copied().unwrap_or(0) + 1;
            let insertion = current.get(j).copied().unwrap_or(0) + 1;
            if let Some(cell) = current.get_mut(j + 1) {
                *cell = substitution.min(deletion).min(insertion);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous.last().copied().unwrap_or(0)
}

fn action_names(statement: &Json<'_>) -> Vec<(String, Span)> {
    statement
        .get_ci("Action")
        .map(Json::one_or_many)
        .unwrap_or(&[])
        .iter()
        .filter_map(|a| a.as_str().map(|s| (s.to_owned(), a.span)))
        .collect()
}

/// The problems IAM would reject or misread in a trust policy.
pub fn lint(text: &str) -> Vec<LintIssue> {
    let Ok(root) = json::parse(text) else {
        return Vec::new();
    };
    let mut issues = Vec::new();
    for statement in statements(&root) {
        for member in statement.as_object().unwrap_or(&[]) {
            let key = member.key.as_ref();
            if key.eq_ignore_ascii_case("NotPrincipal") {
                issues.push(LintIssue {
                    key: "not-principal",
                    span: member.key_span,
                    values: Vec::new(),
                    path: None,
                });
            }
            if key.eq_ignore_ascii_case("Resource") || key.eq_ignore_ascii_case("NotResource") {
                issues.push(LintIssue {
                    key: "resource-element",
                    span: member.key_span,
                    values: vec![("element", key.to_owned())],
                    path: None,
                });
            }
        }
        let Some(principal) = statement.get_ci("Principal") else {
            continue;
        };
        if principal.as_str() == Some("*") {
            issues.push(LintIssue {
                key: "wildcard-principal",
                span: principal.span,
                values: Vec::new(),
                path: None,
            });
        }
        if let Some(aws) = principal.get_ci("AWS") {
            for value in aws.one_or_many() {
                if value.as_str() == Some("*") && statement.get_ci("Condition").is_none() {
                    issues.push(LintIssue {
                        key: "wildcard-principal",
                        span: value.span,
                        values: Vec::new(),
                        path: None,
                    });
                }
            }
        }
        let actions = action_names(statement);
        let has_service = principal.get_ci("Service").is_some();
        if let Some(service) = principal.get_ci("Service") {
            for value in service.one_or_many() {
                let Some(name) = value.as_str() else { continue };
                match service_name(name) {
                    ServiceName::Known => {}
                    ServiceName::Misspelled(suggestion) => issues.push(LintIssue {
                        key: "misspelled-service",
                        span: value.span,
                        values: vec![("service", name.to_owned()), ("suggestion", suggestion)],
                        path: None,
                    }),
                    ServiceName::Unknown => issues.push(LintIssue {
                        key: "unknown-service",
                        span: value.span,
                        values: vec![("service", name.to_owned())],
                        path: None,
                    }),
                }
            }
        }
        for (action, span) in &actions {
            let lower = action.to_ascii_lowercase();
            let web_or_saml =
                lower == "sts:assumerolewithwebidentity" || lower == "sts:assumerolewithsaml";
            let wrong = web_or_saml && (has_service || principal.get_ci("AWS").is_some());
            if wrong {
                let kind = if has_service { "Service" } else { "AWS" };
                issues.push(LintIssue {
                    key: "wrong-action",
                    span: *span,
                    values: vec![("action", action.clone()), ("kind", kind.to_owned())],
                    path: None,
                });
            }
        }
    }
    for issue in &mut issues {
        issue.path = root.path_to(issue.span).map(|p| p.to_string());
    }
    issues
}

/// One text edit: replace `span` of the document with `text`.
struct Edit {
    span: Span,
    text: String,
}

fn apply(text: &str, mut edits: Vec<Edit>) -> Option<String> {
    crate::sort::sort_by_key(&mut edits, |e| std::cmp::Reverse(e.span.start));
    let mut out = text.to_owned();
    for edit in edits {
        if !out.is_char_boundary(edit.span.start) || !out.is_char_boundary(edit.span.end) {
            return None;
        }
        out.replace_range(edit.span.start..edit.span.end, &edit.text);
    }
    Some(out)
}

fn is_ec2(value: &str) -> bool {
    value == "ec2.amazonaws.com" || value == "ec2.amazonaws.com.cn"
}

fn covers_assume_role(actions: &[(String, Span)]) -> bool {
    actions.iter().any(|(a, _)| {
        let lower = a.to_ascii_lowercase();
        lower == "sts:assumerole" || lower == "sts:*" || lower == "*" || lower == "sts:assume*"
    })
}

/// The user's trust policy changed as little as possible so that `ec2_principal` may
/// `sts:AssumeRole`: a misspelled EC2 principal is corrected; else a wrong action beside the EC2
/// principal becomes `sts:AssumeRole`; else EC2 joins the `Service` list of an unconditional
/// Allow statement for `sts:AssumeRole`; else a new statement is appended. Every other
/// principal, statement and condition stays as the user wrote it. `None` when the text is not
/// JSON or a Deny statement blocks EC2 (a Deny is the owner's decision, not a typo).
pub fn corrected(text: &str, ec2_principal: &str) -> Option<String> {
    let root = json::parse(text).ok()?;
    let statement_value = root.get_ci("Statement")?;
    let all = statement_value.one_or_many();
    let mut edits = Vec::new();

    // 1. A misspelled EC2 principal.
    for statement in all {
        let Some(service) = statement
            .get_ci("Principal")
            .and_then(|p| p.get_ci("Service"))
        else {
            continue;
        };
        for value in service.one_or_many() {
            let Some(name) = value.as_str() else { continue };
            if let ServiceName::Misspelled(fixed) = service_name(name) {
                if fixed.starts_with("ec2.") {
                    edits.push(Edit {
                        span: value.span,
                        text: json_string(ec2_principal),
                    });
                }
            }
        }
    }
    if !edits.is_empty() {
        return apply(text, edits);
    }

    let effect_is = |statement: &Json<'_>, wanted: &str| {
        statement
            .get_ci("Effect")
            .and_then(Json::as_str)
            .is_some_and(|e| e.eq_ignore_ascii_case(wanted))
    };
    let names_ec2 = |statement: &Json<'_>| {
        statement
            .get_ci("Principal")
            .and_then(|p| p.get_ci("Service"))
            .is_some_and(|s| {
                s.one_or_many()
                    .iter()
                    .any(|v| v.as_str().is_some_and(is_ec2))
            })
    };
    if all.iter().any(|s| effect_is(s, "Deny") && names_ec2(s)) {
        return None;
    }

    // 2. EC2 is named but with a wrong action: make the action `sts:AssumeRole`.
    for statement in all {
        if !effect_is(statement, "Allow") || !names_ec2(statement) {
            continue;
        }
        let actions = action_names(statement);
        if covers_assume_role(&actions) {
            // EC2 is there with the right action: what blocks it is a condition; leave it.
            return None;
        }
        let action = statement.get_ci("Action")?;
        edits.push(Edit {
            span: action.span,
            text: json_string("sts:AssumeRole"),
        });
        return apply(text, edits);
    }

    // 3. Add EC2 to an unconditional Allow statement for sts:AssumeRole with a Service principal.
    for statement in all {
        if !effect_is(statement, "Allow")
            || statement.get_ci("Condition").is_some()
            || !covers_assume_role(&action_names(statement))
        {
            continue;
        }
        let Some(service) = statement
            .get_ci("Principal")
            .and_then(|p| p.get_ci("Service"))
        else {
            continue;
        };
        match &service.value {
            Value::String(_) => edits.push(Edit {
                span: service.span,
                text: format!(
                    "[{}, {}]",
                    span_text(text, service.span),
                    json_string(ec2_principal)
                ),
            }),
            Value::Array(items) => match items.last() {
                Some(last) => edits.push(Edit {
                    span: Span::new(last.span.end, last.span.end),
                    text: format!(", {}", json_string(ec2_principal)),
                }),
                None => edits.push(Edit {
                    span: service.span,
                    text: format!("[{}]", json_string(ec2_principal)),
                }),
            },
            _ => continue,
        }
        return apply(text, edits);
    }

    // 4. Append a statement of its own.
    let new_statement = format!(
        "{{\"Effect\": \"Allow\", \"Principal\": {{\"Service\": {}}}, \"Action\": \"sts:AssumeRole\"}}",
        json_string(ec2_principal)
    );
    match &statement_value.value {
        Value::Array(items) => match items.last() {
            Some(last) => edits.push(Edit {
                span: Span::new(last.span.end, last.span.end),
                text: format!(", {new_statement}"),
            }),
            None => edits.push(Edit {
                span: statement_value.span,
                text: format!("[{new_statement}]"),
            }),
        },
        Value::Object(_) => edits.push(Edit {
            span: statement_value.span,
            text: format!(
                "[{}, {new_statement}]",
                span_text(text, statement_value.span)
            ),
        }),
        _ => return None,
    }
    apply(text, edits)
}

fn span_text(text: &str, span: Span) -> &str {
    span.slice(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_names_are_read_with_their_partition() {
        assert_eq!(service_name("ec2.amazonaws.com"), ServiceName::Known);
        assert_eq!(service_name("ec2.amazonaws.com.cn"), ServiceName::Known);
        assert_eq!(service_name("ecs-tasks.amazonaws.com"), ServiceName::Known);
        assert_eq!(
            service_name("ec2.amazon.com"),
            ServiceName::Misspelled("ec2.amazonaws.com".into())
        );
        assert_eq!(
            service_name("lamda.amazonaws.com"),
            ServiceName::Misspelled("lambda.amazonaws.com".into())
        );
        assert_eq!(
            service_name("zzzz-nothing.amazonaws.com"),
            ServiceName::Unknown
        );
    }

    #[test]
    fn correction_keeps_other_principals() {
        let text = r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ssm.amazonaws.com"},"Action":"sts:AssumeRole"}}"#;
        let fixed = corrected(text, "ec2.amazonaws.com").unwrap_or_default();
        assert!(
            fixed.contains(r#"["ssm.amazonaws.com", "ec2.amazonaws.com"]"#),
            "{fixed}"
        );
        assert!(serde_json::from_str::<serde_json::Value>(&fixed).is_ok());
    }

    #[test]
    fn correction_appends_a_statement_when_no_statement_fits() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sts:AssumeRole","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"}}}]}"#;
        let fixed = corrected(text, "ec2.amazonaws.com").unwrap_or_default();
        let value: serde_json::Value = serde_json::from_str(&fixed).unwrap_or_default();
        assert_eq!(value["Statement"].as_array().map(Vec::len), Some(2));
        assert_eq!(
            value["Statement"][0]["Condition"]["Bool"]["aws:MultiFactorAuthPresent"],
            "true"
        );
    }

    #[test]
    fn correction_fixes_a_typo_in_place() {
        let text = r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazon.com"},"Action":"sts:AssumeRole"}]}"#;
        let fixed = corrected(text, "ec2.amazonaws.com").unwrap_or_default();
        assert_eq!(fixed, text.replace("ec2.amazon.com", "ec2.amazonaws.com"));
    }

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("lambda", "lamda"), 1);
        assert_eq!(edit_distance("ec2", "ec2"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
    }
}
