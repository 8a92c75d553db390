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

const USAGE_EN: &str = "\
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

const USAGE_JA: &str = "\
使い方:
  ec2-iam-doctor policy check --policy FILE --action ACTION --resource ARN
                              [--principal PRINCIPAL] [--context KEY=VALUE]...
                              [--complete-context] [--lang en|ja]
  ec2-iam-doctor policy workload IN.json OUT.json

check:    FILE のポリシー (ID ベースのポリシー、またはプリンシパルを指定していればロールの信頼
          ポリシー) に対して 1 件のリクエストを評価し、判定を説明します。指定していない
          コンテキストキーは不明として扱い (判定は「条件次第」になることがあります)、
          --complete-context を付けるとリクエストにほかのキーはないものとします。
          同じ --context キーを繰り返すと複数値になります。
workload: IN は {\"policies\":[{\"name\",\"document\"}],\"requests\":[...]} (requests は
          bench-requests.json と同じ形)。OUT に {\"decisions\":[[...]],\"evals\":N,\"ms\":T} を書きます。
";

/// The usage text in `lang`.
pub fn usage(lang: Lang) -> &'static str {
    match lang {
        Lang::En => USAGE_EN,
        Lang::Ja => USAGE_JA,
    }
}

/// What went wrong, in both languages.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Problem {
    UnknownCommand(String),
    MissingCommand,
    NeedsValue(String),
    NotKeyValue(String),
    UnknownLanguage(String),
    UnknownOption(String),
    CheckNeeds,
    WorkloadNeeds,
    CannotRead(String, String),
    NotJson(String, String),
    BadWorkload(String, String),
    CannotWrite(String, String),
}

impl Problem {
    fn text(&self, lang: Lang) -> String {
        use Problem as P;
        match (self, lang) {
            (P::UnknownCommand(c), Lang::En) => format!("unknown policy command `{c}`"),
            (P::UnknownCommand(c), Lang::Ja) => format!("`{c}` という policy コマンドはありません"),
            (P::MissingCommand, Lang::En) => {
                "missing policy command (`check` or `workload`)".into()
            }
            (P::MissingCommand, Lang::Ja) => {
                "policy コマンド (`check` か `workload`) を指定してください".into()
            }
            (P::NeedsValue(o), Lang::En) => format!("`{o}` needs a value"),
            (P::NeedsValue(o), Lang::Ja) => format!("`{o}` には値が必要です"),
            (P::NotKeyValue(v), Lang::En) => format!("`--context {v}` is not KEY=VALUE"),
            (P::NotKeyValue(v), Lang::Ja) => {
                format!("`--context {v}` が KEY=VALUE の形ではありません")
            }
            (P::UnknownLanguage(t), Lang::En) => format!("unknown language `{t}` (use en or ja)"),
            (P::UnknownLanguage(t), Lang::Ja) => {
                format!("`{t}` という言語はありません (en か ja を指定してください)")
            }
            (P::UnknownOption(o), Lang::En) => format!("unknown option `{o}`"),
            (P::UnknownOption(o), Lang::Ja) => format!("`{o}` というオプションはありません"),
            (P::CheckNeeds, Lang::En) => "`check` needs --policy, --action and --resource".into(),
            (P::CheckNeeds, Lang::Ja) => {
                "`check` には --policy、--action、--resource が必要です".into()
            }
            (P::WorkloadNeeds, Lang::En) => "`workload` needs IN.json and OUT.json".into(),
            (P::WorkloadNeeds, Lang::Ja) => "`workload` には IN.json と OUT.json が必要です".into(),
            (P::CannotRead(f, e), Lang::En) => format!("cannot read `{f}`: {e}"),
            (P::CannotRead(f, e), Lang::Ja) => format!("`{f}` を読めません: {e}"),
            (P::NotJson(f, e), Lang::En) => format!("`{f}` is not JSON: {e}"),
            (P::NotJson(f, e), Lang::Ja) => format!("`{f}` は JSON ではありません: {e}"),
            (P::BadWorkload(f, e), Lang::En) => format!("`{f}` is not a workload: {e}"),
            (P::BadWorkload(f, e), Lang::Ja) => {
                format!("`{f}` はワークロードの形ではありません: {e}")
            }
            (P::CannotWrite(f, e), Lang::En) => format!("cannot write `{f}`: {e}"),
            (P::CannotWrite(f, e), Lang::Ja) => format!("`{f}` に書き込めません: {e}"),
        }
    }
}

/// The language of messages: `--lang` if given, else the environment's (`LC_ALL`, `LANG`).
fn language(args: &[String]) -> Lang {
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        let tag = match arg.strip_prefix("--lang=") {
            Some(tag) => Some(tag.to_string()),
            None if arg == "--lang" => iter.next().cloned(),
            None => None,
        };
        if let Some(lang) = tag.as_deref().and_then(Lang::from_tag) {
            return lang;
        }
    }
    ["LC_ALL", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find_map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

/// Exit codes: 0 decided (any decision), 1 unreadable input, 2 usage error.
pub fn run(args: &[String]) -> ExitCode {
    let lang = language(args);
    match args.first().map(String::as_str) {
        Some("check") => check(args.get(1..).unwrap_or_default(), lang),
        Some("workload") => workload(args.get(1..).unwrap_or_default(), lang),
        Some("--help" | "-h") => {
            print!("{}", usage(lang));
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&Problem::UnknownCommand(other.to_string()), lang),
        None => usage_error(&Problem::MissingCommand, lang),
    }
}

fn usage_error(problem: &Problem, lang: Lang) -> ExitCode {
    eprintln!(
        "ec2-iam-doctor policy: {}\n\n{}",
        problem.text(lang),
        usage(lang)
    );
    ExitCode::from(2)
}

fn failure(problem: &Problem, lang: Lang) -> ExitCode {
    eprintln!("ec2-iam-doctor policy: {}", problem.text(lang));
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

fn parse_check_args(args: &[String]) -> Result<CheckArgs, Problem> {
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
                .ok_or_else(|| Problem::NeedsValue(name.to_string()))
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
                    .ok_or_else(|| Problem::NotKeyValue(pair.clone()))?;
                parsed.context.push((key.to_string(), v.to_string()));
            }
            "--lang" => {
                let tag = value()?;
                parsed.lang =
                    Lang::from_tag(&tag).ok_or_else(|| Problem::UnknownLanguage(tag.clone()))?;
            }
            other => return Err(Problem::UnknownOption(other.to_string())),
        }
    }
    Ok(parsed)
}

fn check(args: &[String], lang: Lang) -> ExitCode {
    let parsed = match parse_check_args(args) {
        Ok(parsed) => parsed,
        Err(problem) => return usage_error(&problem, lang),
    };
    let (Some(path), Some(action), Some(resource)) =
        (&parsed.policy, &parsed.action, &parsed.resource)
    else {
        return usage_error(&Problem::CheckNeeds, lang);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return failure(&Problem::CannotRead(path.clone(), e.to_string()), lang),
    };
    let policy = match Policy::parse(&text) {
        Ok(policy) => policy,
        Err(e) => {
            eprintln!("ec2-iam-doctor policy: {path}: {}", e.message(parsed.lang));
            return ExitCode::from(1);
        }
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

fn workload(args: &[String], lang: Lang) -> ExitCode {
    let [input, output] = args else {
        return usage_error(&Problem::WorkloadNeeds, lang);
    };
    let text = match std::fs::read_to_string(input) {
        Ok(text) => text,
        Err(e) => return failure(&Problem::CannotRead(input.clone(), e.to_string()), lang),
    };
    let doc: serde_json::Value = match serde_json::from_str(&text) {
        Ok(doc) => doc,
        Err(e) => return failure(&Problem::NotJson(input.clone(), e.to_string()), lang),
    };
    let workload = match Workload::from_serde(&doc) {
        Ok(workload) => workload,
        Err(message) => return failure(&Problem::BadWorkload(input.clone(), message), lang),
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
        return failure(&Problem::CannotWrite(output.clone(), e.to_string()), lang);
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
        assert_eq!(
            parse_check_args(&strings(&["--frobnicate", "x"])).err(),
            Some(Problem::UnknownOption("--frobnicate".to_string()))
        );
        assert_eq!(language(&strings(&["check", "--lang=ja"])), Lang::Ja);
        assert_eq!(language(&strings(&["check", "--lang", "en"])), Lang::En);
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
        assert_eq!(super::workload(&args, Lang::En), ExitCode::SUCCESS);
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
            super::workload(&strings(&["only-one.json"]), Lang::En),
            ExitCode::from(2)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn every_message_exists_in_both_languages() {
        let problems = [
            Problem::UnknownCommand("x".into()),
            Problem::MissingCommand,
            Problem::NeedsValue("--policy".into()),
            Problem::NotKeyValue("k".into()),
            Problem::UnknownLanguage("fr".into()),
            Problem::UnknownOption("--x".into()),
            Problem::CheckNeeds,
            Problem::WorkloadNeeds,
            Problem::CannotRead("f".into(), "e".into()),
            Problem::NotJson("f".into(), "e".into()),
            Problem::BadWorkload("f".into(), "e".into()),
            Problem::CannotWrite("f".into(), "e".into()),
        ];
        for problem in problems {
            let (en, ja) = (problem.text(Lang::En), problem.text(Lang::Ja));
            assert!(!en.is_empty() && !ja.is_empty() && en != ja, "{problem:?}");
            assert_eq!(
                en.matches('`').count(),
                ja.matches('`').count(),
                "{problem:?}"
            );
        }
        assert_eq!(
            usage(Lang::En).lines().count() > 5,
            usage(Lang::Ja).lines().count() > 5
        );
    }
}
