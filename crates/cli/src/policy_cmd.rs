//! `ec2-iam-doctor policy …`: evaluate IAM policies from the terminal.
//!
//! - `policy check --policy FILE --action A --resource ARN [--principal P] [--context key=value]…
//!   [--complete-context] [--lang en|ja]` prints the decision and its explanation.
//! - `policy workload IN.json OUT.json` evaluates every policy × request of a workload and writes
//!   `{"decisions":[[…per request]…per policy],"evals":N,"ms":T}` (`ms`: evaluation time only).

use std::process::ExitCode;
use std::time::Instant;

use engine::lang::Lang;
use engine::policy::workload::Workload;
use engine::policy::{Context, Policy, Request};

pub const USAGE: &str = "\
Usage:
  ec2-iam-doctor policy check --policy FILE --action ACTION --resource ARN
                              [--principal PRINCIPAL] [--context KEY=VALUE]...
                              [--complete-context] [--lang en|ja]
  ec2-iam-doctor policy workload IN.json OUT.json

check:    evaluates one request against the policy in FILE (an identity policy, or a role's trust
          policy when it names principals) and explains the decision. Context keys not given are
          unknown (the decision may be \"depends\") unless --complete-context says the request
          has no others. A repeated --context key is multi-valued.
workload: IN is {\"policies\":[{\"name\",\"document\"}],\"requests\":[...]} (requests as in
          bench-requests.json); OUT gets {\"decisions\":[[...]],\"evals\":N,\"ms\":T}.
";

/// Exit codes: 0 decided (any decision), 1 unreadable input, 2 usage error.
pub fn run(args: &[String]) -> ExitCode {
    match args.first().map(String::as_str) {
        Some("check") => check(args.get(1..).unwrap_or_default()),
        Some("workload") => workload(args.get(1..).unwrap_or_default()),
        Some("--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown policy command `{other}`")),
        None => usage_error("missing policy command (`check` or `workload`)"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("ec2-iam-doctor policy: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn failure(message: &str) -> ExitCode {
    eprintln!("ec2-iam-doctor policy: {message}");
    ExitCode::from(1)
}

#[derive(Default)]
struct CheckArgs {
    policy: Option<String>,
    action: Option<String>,
    resource: Option<String>,
    principal: Option<String>,
    context: Vec<(String, String)>,
    complete: bool,
    lang: Lang,
}

fn parse_check_args(args: &[String]) -> Result<CheckArgs, String> {
    let mut parsed = CheckArgs::default();
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => (name, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        if name == "--complete-context" {
            parsed.complete = true;
            continue;
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| iter.next().cloned())
                .ok_or_else(|| format!("`{name}` needs a value"))
        };
        match name {
            "--policy" => parsed.policy = Some(value()?),
            "--action" => parsed.action = Some(value()?),
            "--resource" => parsed.resource = Some(value()?),
            "--principal" => parsed.principal = Some(value()?),
            "--context" => {
                let pair = value()?;
                let (key, v) = pair
                    .split_once('=')
                    .ok_or_else(|| format!("`--context {pair}` is not KEY=VALUE"))?;
                parsed.context.push((key.to_string(), v.to_string()));
            }
            "--lang" => {
                let tag = value()?;
                parsed.lang =
                    Lang::from_tag(&tag).ok_or_else(|| format!("unknown language `{tag}`"))?;
            }
            other => return Err(format!("unknown option `{other}`")),
        }
    }
    Ok(parsed)
}

fn check(args: &[String]) -> ExitCode {
    let parsed = match parse_check_args(args) {
        Ok(parsed) => parsed,
        Err(message) => return usage_error(&message),
    };
    let (Some(path), Some(action), Some(resource)) =
        (&parsed.policy, &parsed.action, &parsed.resource)
    else {
        return usage_error("`check` needs --policy, --action and --resource");
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return failure(&format!("cannot read `{path}`: {e}")),
    };
    let policy = match Policy::parse(&text) {
        Ok(policy) => policy,
        Err(e) => return failure(&format!("{path}: {}", e.message(parsed.lang))),
    };
    let mut context = Context::new();
    for (key, value) in &parsed.context {
        context.insert(key, value);
    }
    if parsed.complete {
        context = context.complete();
    }
    let request = Request {
        principal: parsed.principal.as_deref(),
        action,
        resource,
        context: &context,
    };
    let evaluation = policy.evaluate(&request);
    println!("{}", evaluation.decision.as_str());
    print!("{}", evaluation.explain_in(parsed.lang, &text));
    ExitCode::SUCCESS
}

fn workload(args: &[String]) -> ExitCode {
    let [input, output] = args else {
        return usage_error("`workload` needs IN.json and OUT.json");
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => return failure(&format!("cannot read `{input}`: {e}")),
    };
    let doc: serde_json::Value = match serde_json::from_str(&text) {
        Ok(doc) => doc,
        Err(e) => return failure(&format!("{input} is not JSON: {e}")),
    };
    let workload = match Workload::from_serde(&doc) {
        Ok(workload) => workload,
        Err(message) => return failure(&format!("{input}: {message}")),
    };
    let requests: Vec<Request<'_>> = workload.requests.iter().map(|r| r.request()).collect();
    let mut decisions = Vec::with_capacity(workload.policies.len());
    let started = Instant::now();
    for (_, policy) in &workload.policies {
        let row: Vec<_> = requests.iter().map(|r| policy.decide(r)).collect();
        decisions.push(row);
    }
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let evals = workload.policies.len() * requests.len();
    let rows: Vec<serde_json::Value> = decisions
        .iter()
        .map(|row| row.iter().map(|d| d.as_str()).collect())
        .collect();
    let out = serde_json::json!({ "decisions": rows, "evals": evals, "ms": ms });
    if let Err(e) = std::fs::write(output, format!("{out}\n")) {
        return failure(&format!("cannot write `{output}`: {e}"));
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn check_arguments_parse() {
        let parsed = parse_check_args(&strings(&[
            "--policy",
            "p.json",
            "--action=iam:PassRole",
            "--resource",
            "arn:aws:iam::1:role/r",
            "--context",
            "iam:PassedToService=ec2.amazonaws.com",
            "--complete-context",
            "--lang",
            "ja",
        ]));
        let Ok(parsed) = parsed else {
            panic!("parses");
        };
        assert_eq!(parsed.policy.as_deref(), Some("p.json"));
        assert_eq!(parsed.action.as_deref(), Some("iam:PassRole"));
        assert_eq!(
            parsed.context,
            vec![(
                "iam:PassedToService".to_string(),
                "ec2.amazonaws.com".to_string()
            )]
        );
        assert!(parsed.complete);
        assert_eq!(parsed.lang, Lang::Ja);
        assert!(parse_check_args(&strings(&["--context", "novalue"])).is_err());
        assert!(parse_check_args(&strings(&["--policy"])).is_err());
        assert!(parse_check_args(&strings(&["--frobnicate", "x"])).is_err());
    }

    #[test]
    fn workload_writes_decisions_per_policy_and_request() {
        let dir = std::env::temp_dir().join(format!("policy-workload-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let input = dir.join("in.json");
        let output = dir.join("out.json");
        let workload = serde_json::json!({
            "policies": [
                {"name": "PassApp", "document": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app-*"}]}},
                {"name": "Ec2Trust", "document": {"Version": "2012-10-17", "Statement": [
                    {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}},
                {"name": "DenyAll", "document": {"Statement": {"Effect": "Deny", "Action": "*", "Resource": "*"}}}
            ],
            "requests": [
                {"id": "A", "principal": "arn:aws:iam::123456789012:user/alice", "action": "iam:PassRole",
                 "resource": "arn:aws:iam::123456789012:role/app-web", "context": {"aws:username": "alice"}},
                {"id": "B", "principal": "ec2.amazonaws.com", "action": "sts:AssumeRole",
                 "resource": "arn:aws:iam::123456789012:role/app-web", "context": {}}
            ]
        });
        let written = std::fs::write(&input, workload.to_string());
        assert!(written.is_ok());
        let args = strings(&[
            input.to_str().unwrap_or_default(),
            output.to_str().unwrap_or_default(),
        ]);
        assert_eq!(super::workload(&args), ExitCode::SUCCESS);
        let out: serde_json::Value = std::fs::read_to_string(&output)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
            .unwrap_or_default();
        assert_eq!(
            out["decisions"],
            serde_json::json!([
                ["Allow", "Implicit"],
                ["Implicit", "Allow"],
                ["Deny", "Deny"]
            ])
        );
        assert_eq!(out["evals"], 6);
        assert!(out["ms"].as_f64().is_some_and(|ms| ms >= 0.0));
        assert_eq!(
            super::workload(&strings(&["only-one.json"])),
            ExitCode::from(2)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
