//! Workloads: many policies × many requests, in the format of the side-by-side benchmark
//! (`tests/fixtures/policies/bench-requests.json`), for the CLI's `policy workload`, the tests
//! and the benchmarks.
//!
//! IN: `{"policies":[{"name","document"}],"requests":[{"id","principal","action","resource",
//! "accountId","context":{key: value or [values]}}]}`. A request's context is the whole request
//! context (complete): keys it does not give are absent, as in a real request.

use serde_json::Value as Serde;

use super::{Context, Decision, Policy, PolicyError, Request};

/// One request of a workload, owning its strings.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkloadRequest {
    pub id: Option<String>,
    pub principal: Option<String>,
    pub action: String,
    pub resource: String,
    pub context: Context,
}

impl WorkloadRequest {
    /// Reads one request object; the error names the missing or mistyped field.
    pub fn from_serde(value: &Serde) -> Result<WorkloadRequest, String> {
        let field = |name: &str| value.get(name).and_then(Serde::as_str).map(str::to_string);
        let action = field("action").ok_or("request without a string `action`")?;
        let resource = field("resource").ok_or("request without a string `resource`")?;
        let mut context = Context::new().complete();
        match value.get("context") {
            None | Some(Serde::Null) => {}
            Some(Serde::Object(map)) => {
                for (key, v) in map {
                    match v {
                        Serde::Array(items) => {
                            let texts: Vec<String> = items.iter().filter_map(scalar_text).collect();
                            context = context.with_values(key, texts);
                        }
                        other => {
                            let text = scalar_text(other).ok_or_else(|| {
                                format!("context key `{key}` has no usable value")
                            })?;
                            context.insert(key, &text);
                        }
                    }
                }
            }
            Some(_) => return Err("request `context` is not an object".to_string()),
        }
        Ok(WorkloadRequest {
            id: field("id"),
            principal: field("principal"),
            action,
            resource,
            context,
        })
    }

    pub fn request(&self) -> Request<'_> {
        Request {
            principal: self.principal.as_deref(),
            action: &self.action,
            resource: &self.resource,
            context: &self.context,
        }
    }
}

fn scalar_text(value: &Serde) -> Option<String> {
    match value {
        Serde::String(s) => Some(s.clone()),
        Serde::Number(n) => Some(n.to_string()),
        Serde::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Reads the `requests` array of a workload or of `bench-requests.json`.
pub fn requests_from_serde(doc: &Serde) -> Result<Vec<WorkloadRequest>, String> {
    doc.get("requests")
        .and_then(Serde::as_array)
        .ok_or("no `requests` array")?
        .iter()
        .enumerate()
        .map(|(i, r)| WorkloadRequest::from_serde(r).map_err(|e| format!("request {}: {e}", i + 1)))
        .collect()
}

/// Parses a policy given as a JSON value (as in a workload's `document`).
pub fn policy_from_serde(document: &Serde) -> Result<Policy, PolicyError> {
    match document {
        // A document may also be given as the policy text itself.
        Serde::String(text) => Policy::parse(text),
        other => Policy::parse(&other.to_string()),
    }
}

/// A parsed workload.
#[derive(Clone, Debug)]
pub struct Workload {
    pub policies: Vec<(String, Policy)>,
    pub requests: Vec<WorkloadRequest>,
}

impl Workload {
    /// Reads `{"policies":[{"name","document"}],"requests":[…]}`.
    pub fn from_serde(doc: &Serde) -> Result<Workload, String> {
        let policies = doc
            .get("policies")
            .and_then(Serde::as_array)
            .ok_or("no `policies` array")?
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let name = p
                    .get("name")
                    .and_then(Serde::as_str)
                    .map_or_else(|| format!("policy {}", i + 1), str::to_string);
                let document = p
                    .get("document")
                    .ok_or_else(|| format!("policy `{name}` has no `document`"))?;
                let policy =
                    policy_from_serde(document).map_err(|e| format!("policy `{name}`: {e}"))?;
                Ok((name, policy))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Workload {
            policies,
            requests: requests_from_serde(doc)?,
        })
    }

    /// Every decision, one row per policy.
    pub fn decide_all(&self) -> Vec<Vec<Decision>> {
        let requests: Vec<Request<'_>> =
            self.requests.iter().map(WorkloadRequest::request).collect();
        self.policies
            .iter()
            .map(|(_, policy)| requests.iter().map(|r| policy.decide(r)).collect())
            .collect()
    }
}
