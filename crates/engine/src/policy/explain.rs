//! The explanation of an [`Evaluation`], in English and Japanese.

use std::fmt::Write;

use super::eval::{Dependency, Evaluation, Part, StatementOutcome, StatementResult};
use super::{Decision, Effect};
use crate::lang::Lang;
use crate::text::{LineIndex, Location, Span};

impl Evaluation {
    /// The decision, then one line per statement: matched, which part failed, or what it
    /// depends on.
    pub fn explain(&self, lang: Lang) -> String {
        self.render(lang, None)
    }

    /// As [`explain`](Self::explain), with line:column locations in `source` (the policy text).
    pub fn explain_in(&self, lang: Lang, source: &str) -> String {
        self.render(lang, Some(source))
    }

    fn render(&self, lang: Lang, source: Option<&str>) -> String {
        // One index of line starts: locating each statement is then logarithmic, not a count
        // from the top (10,000 statements were quadratic).
        let index = source.map(LineIndex::new);
        let source = index.as_ref();
        let mut out = String::new();
        let action = self.action.as_str();
        let resource = self.resource.as_str();
        let deciding: Vec<String> = self
            .deciding_statements()
            .map(|s| statement_name(s, lang))
            .collect();
        let deciding = deciding.join(", ");
        let headline = match (self.decision, lang) {
            (Decision::Allow, Lang::En) => {
                format!("allowed: {deciding} allows `{action}` on `{resource}`")
            }
            (Decision::Allow, Lang::Ja) => {
                format!("許可: {deciding} が `{resource}` に対する `{action}` を許可しています")
            }
            (Decision::Deny, Lang::En) => format!(
                "explicitly denied: {deciding} denies `{action}` on `{resource}`; an explicit deny overrides every allow"
            ),
            (Decision::Deny, Lang::Ja) => format!(
                "明示的に拒否: {deciding} が `{resource}` に対する `{action}` を拒否しています。明示的な拒否はどの許可よりも優先されます"
            ),
            (Decision::Implicit, Lang::En) => format!(
                "implicitly denied: no statement allows `{action}` on `{resource}`"
            ),
            (Decision::Implicit, Lang::Ja) => format!(
                "暗黙的に拒否: `{resource}` に対する `{action}` を許可するステートメントがありません"
            ),
            (Decision::Depends, Lang::En) => format!(
                "depends on values the request does not give: {deciding} may apply to `{action}` on `{resource}` (possible outcomes: {})",
                self.possible_names(lang)
            ),
            (Decision::Depends, Lang::Ja) => format!(
                "指定されていない値次第です: {deciding} が `{resource}` に対する `{action}` に当てはまる可能性があります (ありうる結果: {})",
                self.possible_names(lang)
            ),
        };
        out.push_str(&headline);
        out.push('\n');
        for statement in &self.statements {
            let _ = writeln!(out, "  {}", statement_line(statement, lang, source));
        }
        out
    }

    fn possible_names(&self, lang: Lang) -> String {
        let names: Vec<&str> = self
            .possible
            .iter()
            .map(|d| decision_name(*d, lang))
            .collect();
        names.join(match lang {
            Lang::En => ", ",
            Lang::Ja => "、",
        })
    }
}

/// The decision's name for a person.
pub fn decision_name(decision: Decision, lang: Lang) -> &'static str {
    match (decision, lang) {
        (Decision::Allow, Lang::En) => "allowed",
        (Decision::Allow, Lang::Ja) => "許可",
        (Decision::Deny, Lang::En) => "explicitly denied",
        (Decision::Deny, Lang::Ja) => "明示的に拒否",
        (Decision::Implicit, Lang::En) => "implicitly denied",
        (Decision::Implicit, Lang::Ja) => "暗黙的に拒否",
        (Decision::Depends, Lang::En) => "depends",
        (Decision::Depends, Lang::Ja) => "条件次第",
    }
}

fn statement_name(statement: &StatementOutcome, lang: Lang) -> String {
    let number = statement.index + 1;
    match (&statement.sid, lang) {
        (Some(sid), Lang::En) => format!("statement {number} (`{sid}`)"),
        (Some(sid), Lang::Ja) => format!("ステートメント {number} (`{sid}`)"),
        (None, Lang::En) => format!("statement {number}"),
        (None, Lang::Ja) => format!("ステートメント {number}"),
    }
}

fn at(span: Span, source: Option<&LineIndex>, lang: Lang) -> String {
    match source {
        Some(text) => {
            let Location { line, column } = text.locate(span.start);
            match lang {
                Lang::En => format!(" (line {line}, column {column})"),
                Lang::Ja => format!(" ({line} 行 {column} 列)"),
            }
        }
        None => String::new(),
    }
}

fn statement_line(statement: &StatementOutcome, lang: Lang, source: Option<&LineIndex>) -> String {
    let name = statement_name(statement, lang);
    let effect = match (statement.effect, lang) {
        (Effect::Allow, Lang::En) => "Allow",
        (Effect::Deny, Lang::En) => "Deny",
        (Effect::Allow, Lang::Ja) => "許可",
        (Effect::Deny, Lang::Ja) => "拒否",
    };
    let where_ = at(statement.span, source, lang);
    let what = match &statement.result {
        StatementResult::Matched => match lang {
            Lang::En => "matches".to_string(),
            Lang::Ja => "一致します".to_string(),
        },
        StatementResult::NotMatched(mismatch) => {
            let place = at(mismatch.span, source, lang);
            match (mismatch.part, lang) {
                (Part::Action, Lang::En) => {
                    format!("does not apply: the action does not match{place}")
                }
                (Part::Action, Lang::Ja) => {
                    format!("適用されません: アクションが一致しません{place}")
                }
                (Part::Resource, Lang::En) => {
                    format!("does not apply: the resource does not match{place}")
                }
                (Part::Resource, Lang::Ja) => {
                    format!("適用されません: リソースが一致しません{place}")
                }
                (Part::Principal, Lang::En) => {
                    format!("does not apply: the principal does not match{place}")
                }
                (Part::Principal, Lang::Ja) => {
                    format!("適用されません: プリンシパルが一致しません{place}")
                }
                (Part::Condition, Lang::En) => format!(
                    "does not apply: the condition `{}` is not met{place}",
                    mismatch.condition.as_deref().unwrap_or("")
                ),
                (Part::Condition, Lang::Ja) => format!(
                    "適用されません: 条件 `{}` を満たしていません{place}",
                    mismatch.condition.as_deref().unwrap_or("")
                ),
            }
        }
        StatementResult::Depends(dependencies) => {
            let parts: Vec<String> = dependencies
                .iter()
                .map(|d| dependency_text(d, lang, source))
                .collect();
            match lang {
                Lang::En => format!("depends on {}", parts.join("; ")),
                Lang::Ja => format!("次の値次第です: {}", parts.join("、")),
            }
        }
    };
    format!("{name} [{effect}]{where_}: {what}")
}

fn dependency_text(dependency: &Dependency, lang: Lang, source: Option<&LineIndex>) -> String {
    match dependency {
        Dependency::ContextKey {
            key,
            operator,
            span,
        } => {
            let place = at(*span, source, lang);
            match lang {
                Lang::En => format!("the context key `{key}` (condition `{operator}`){place}"),
                Lang::Ja => format!("コンテキストキー `{key}` (条件 `{operator}`){place}"),
            }
        }
        Dependency::Principal { span } => {
            let place = at(*span, source, lang);
            match lang {
                Lang::En => format!("who makes the request (the statement names principals){place}"),
                Lang::Ja => format!("リクエストするプリンシパル (ステートメントがプリンシパルを指定しています){place}"),
            }
        }
        Dependency::ResourceVariable { span } => {
            let place = at(*span, source, lang);
            match lang {
                Lang::En => {
                    format!("a policy variable in the resource whose value is not given{place}")
                }
                Lang::Ja => format!("値が指定されていないリソース内のポリシー変数{place}"),
            }
        }
        Dependency::PathScopedList { span } => {
            let place = at(*span, source, lang);
            match lang {
                Lang::En => format!(
                    "the path the caller lists: the resource is scoped to a path, but the action is wildcard-only and the request's resource is `*`{place}"
                ),
                Lang::Ja => format!(
                    "呼び出し側が一覧するパス: リソースはパスで絞られていますが、アクションはワイルドカード専用で、リクエストのリソースは `*` です{place}"
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::lang::Lang;
    use crate::policy::{Context, Decision, Dependency, Policy, Request, StatementResult};

    const POLICY: &str = r#"{"Version":"2012-10-17","Statement":[
  {"Sid":"PassToEc2","Effect":"Allow","Action":"iam:PassRole","Resource":"arn:aws:iam::123456789012:role/app-*",
   "Condition":{"StringEquals":{"iam:PassedToService":"ec2.amazonaws.com"}}},
  {"Sid":"OfficeOnly","Effect":"Deny","Action":"*","Resource":"*",
   "Condition":{"NotIpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#;

    fn policy() -> Policy {
        match Policy::parse(POLICY) {
            Ok(p) => p,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn depends_lists_the_missing_context_keys() {
        let context = Context::new().with("iam:PassedToService", "ec2.amazonaws.com");
        let request = Request::new(
            "iam:PassRole",
            "arn:aws:iam::123456789012:role/app-web",
            &context,
        );
        let evaluation = policy().evaluate(&request);
        assert_eq!(evaluation.decision, Decision::Depends);
        assert_eq!(evaluation.possible, vec![Decision::Allow, Decision::Deny]);
        assert!(evaluation.may_allow());
        let StatementResult::Depends(deps) = &evaluation.statements[1].result else {
            panic!("statement 2 depends: {evaluation:?}");
        };
        assert!(matches!(&deps[0], Dependency::ContextKey { key, .. } if key == "aws:SourceIp"));
        let en = evaluation.explain_in(Lang::En, POLICY);
        assert!(
            en.starts_with("depends on values the request does not give"),
            "{en}"
        );
        assert!(
            en.contains("`aws:SourceIp` (condition `NotIpAddress`) (line 5, column 33)"),
            "{en}"
        );
        let ja = evaluation.explain(Lang::Ja);
        assert!(ja.contains("コンテキストキー `aws:SourceIp`"), "{ja}");
    }

    #[test]
    fn decisions_name_the_deciding_statement() {
        let inside = Context::new()
            .with("iam:PassedToService", "ec2.amazonaws.com")
            .with("aws:SourceIp", "203.0.113.9");
        let allowed = policy().evaluate(&Request::new(
            "iam:PassRole",
            "arn:aws:iam::123456789012:role/app-web",
            &inside,
        ));
        assert_eq!(allowed.decision, Decision::Allow);
        let en = allowed.explain(Lang::En);
        assert!(
            en.starts_with("allowed: statement 1 (`PassToEc2`) allows `iam:PassRole`"),
            "{en}"
        );
        assert!(en.contains("statement 2 (`OfficeOnly`) [Deny]: does not apply: the condition `NotIpAddress aws:SourceIp` is not met"), "{en}");

        let outside = Context::new()
            .complete()
            .with("aws:SourceIp", "198.51.100.1");
        let denied = policy().evaluate(&Request::new("ec2:RunInstances", "*", &outside));
        assert_eq!(denied.decision, Decision::Deny);
        assert!(denied
            .explain(Lang::Ja)
            .starts_with("明示的に拒否: ステートメント 2 (`OfficeOnly`)"));

        let other_role = policy().evaluate(&Request::new(
            "iam:PassRole",
            "arn:aws:iam::123456789012:role/admin",
            &inside,
        ));
        assert_eq!(other_role.decision, Decision::Implicit);
        let en = other_role.explain_in(Lang::En, POLICY);
        assert!(
            en.contains("the resource does not match (line 2, column 74)"),
            "{en}"
        );
        assert!(other_role
            .explain(Lang::Ja)
            .contains("リソースが一致しません"));
    }
}
