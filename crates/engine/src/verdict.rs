//! One answer for a case, computed beside the findings: whether the chain is broken, healthy or
//! not decided by what was pasted, the link that breaks first, one line that says so, and an
//! ordered plan of at most [`MAX_STEPS`] steps merged from the findings' fixes and the next
//! commands, without duplicates.
//!
//! "Healthy" is never a guess: every input was read whole, no finding of severity error, warning
//! or check stands, and what was pasted decides the question (the credentials reached IMDS, or
//! the instance profile, its role and its trust policy were all shown good). Anything less is
//! "undecided", with what to run or paste next.

use serde::Serialize;

use crate::chain::{self, ChainLink, LinkState, State};
use crate::finding::{fill, Diagnosis, Finding, FixKind, Next, Severity};
use crate::gather;
use crate::lang::Lang;
use crate::rules::case::Case;

/// At most this many steps: a plan, not a list of everything.
pub const MAX_STEPS: usize = 4;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A finding of severity error (or a warning about a link of the chain) stands.
    Broken,
    /// Read whole, nothing wrong, and the inputs decide the question.
    Healthy,
    /// What was pasted cannot decide: the steps say what to run or paste next.
    #[default]
    Undecided,
}

impl Status {
    pub const fn id(self) -> &'static str {
        match self {
            Status::Broken => "broken",
            Status::Healthy => "healthy",
            Status::Undecided => "undecided",
        }
    }

    pub const fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Broken, Lang::En) => "broken",
            (Status::Healthy, Lang::En) => "healthy",
            (Status::Undecided, Lang::En) => "undecided",
            (Status::Broken, Lang::Ja) => "問題あり",
            (Status::Healthy, Lang::Ja) => "正常",
            (Status::Undecided, Lang::Ja) => "判定できない",
        }
    }
}

/// The engine's one answer for a case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub status: Status,
    /// The first broken link of the chain, if any.
    pub link: Option<ChainLink>,
    /// One line in the case's language.
    pub summary: String,
    /// Do this next, in order: `{command, why, rule}`.
    pub steps: Vec<Next>,
    /// Every link of the chain and how it stands.
    pub chain: Vec<LinkState>,
}

struct Words {
    broken: &'static str,
    broken_unlinked: &'static str,
    healthy_credentials: &'static str,
    healthy_profile: &'static str,
    not_read: &'static str,
    to_check: &'static str,
    warning: &'static str,
    nothing: &'static str,
    empty: &'static str,
    read_again: &'static str,
}

const EN: Words = Words {
    broken: "broken at {link}: {title}",
    broken_unlinked: "broken: {title}",
    healthy_credentials: "healthy: IMDS serves the role's credentials, and every input was read whole with nothing wrong ({count} {check|checks} passed)",
    healthy_profile: "healthy: the instance profile, its role and the role's trust policy are in order, and every input was read whole ({count} {check|checks} passed)",
    not_read: "undecided: input {input} ({kind}) was not read whole, so it cannot show anything good; paste its whole output",
    to_check: "undecided: {title}",
    warning: "undecided: {title}",
    nothing: "undecided: what was pasted does not show the credentials reaching the instance now; run the steps below and paste their output",
    empty: "undecided: nothing was pasted yet",
    read_again: "run it again and paste the whole output: the pasted one was not read whole",
};

const JA: Words = Words {
    broken: "{link}で止まっている: {title}",
    broken_unlinked: "問題あり: {title}",
    healthy_credentials: "正常: IMDS がロールの認証情報を提供しており、すべての入力を最後まで読んで問題は見つからなかった (確認 {count} 件)",
    healthy_profile: "正常: インスタンスプロファイル、そのロール、ロールの信頼ポリシーに問題はなく、すべての入力を最後まで読んだ (確認 {count} 件)",
    not_read: "判定できない: 入力 {input} ({kind}) を最後まで読めなかったため、問題がないとは言えない。出力全体を貼り付ける",
    to_check: "判定できない: {title}",
    warning: "判定できない: {title}",
    nothing: "判定できない: 貼り付けた内容からは、いま認証情報がインスタンスに届いているかがわからない。下の手順を実行して出力を貼り付ける",
    empty: "判定できない: まだ何も貼り付けられていない",
    read_again: "もう一度実行して出力全体を貼り付ける (貼り付けた出力は最後まで読めなかった)",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Ja => &JA,
    }
}

/// The order in which fixes of one link are run: create before adding a role, adding a role
/// before associating (a profile re-created alone does not repair an association).
fn command_rank(command: &str) -> u8 {
    if command.contains("create-instance-profile") {
        0
    } else if command.contains("add-role-to-instance-profile") {
        1
    } else if command.contains("describe-iam-instance-profile-associations") {
        // The association id the replace command needs.
        2
    } else if command.contains("replace-iam-instance-profile-association")
        || command.contains("associate-iam-instance-profile")
    {
        3
    } else {
        4
    }
}

/// The gather step whose output shows a link.
fn gather_step_for(link: ChainLink) -> &'static str {
    match link {
        ChainLink::Instance => "describe-instances",
        ChainLink::Association => "instance-profile-associations",
        ChainLink::Profile | ChainLink::Role => "get-instance-profile",
        ChainLink::Trust => "get-role",
        ChainLink::Ec2 | ChainLink::Credentials => "imds-credentials",
        ChainLink::Application => "imds-iam-info",
    }
}

fn push_step(steps: &mut Vec<Next>, step: Next) {
    if steps.len() < MAX_STEPS && !steps.iter().any(|s| s.command == step.command) {
        steps.push(step);
    }
}

/// The fixes of a finding that run a command, the current ways before the guide's.
fn fix_steps(finding: &Finding) -> Vec<Next> {
    let mut fixes: Vec<&crate::finding::Fix> =
        finding.fix.iter().filter(|f| f.command.is_some()).collect();
    // The guide's older way is an alternative to the current one, not a step after it.
    if fixes.iter().any(|f| f.kind == FixKind::Current) {
        fixes.retain(|f| f.kind == FixKind::Current);
    }
    fixes
        .into_iter()
        .filter_map(|fix| {
            Some(Next {
                command: fix.command.clone()?,
                why: fix.label.clone(),
                rule: Some(finding.id),
            })
        })
        .collect()
}

/// The first fix of a finding that runs a command, the current way before the guide's.
fn fix_step(finding: &Finding) -> Option<Next> {
    fix_steps(finding).into_iter().next()
}

/// A pasted command line with every secret in it (an IMDSv2 token in a header) masked: the
/// step shows it on screen, and a masked value is a quoted placeholder to fill in.
fn masked_command(case: &Case, paste: &str, command: &crate::input::CommandLine) -> String {
    let mut text = command.text.clone();
    let same_paste = case.inputs().filter(|at| std::ptr::eq(at.paste, paste));
    for secret in same_paste.flat_map(|at| at.input.secrets.iter()) {
        let inside = command.span.start <= secret.span.start && secret.span.end <= command.span.end;
        let value = secret.span.slice(paste);
        if inside && !value.is_empty() {
            text = text.replace(value, crate::report::MASK);
        }
    }
    crate::names::quote_placeholders(&text)
}

/// The verdict of a diagnosis (its findings, checks and next steps already complete).
pub fn of(case: &Case, diagnosis: &Diagnosis, lang: Lang) -> Verdict {
    let w = words(lang);
    let chain = chain::states(case, diagnosis);
    let state = |link: ChainLink| {
        chain
            .iter()
            .find(|s| s.link == link)
            .map_or(State::Unknown, |s| s.state)
    };
    let first_broken = chain.iter().find(|s| s.state == State::Broken).copied();
    let error = diagnosis
        .findings
        .iter()
        .find(|f| f.severity == Severity::Error);
    let mut steps: Vec<Next> = Vec::new();

    if first_broken.is_some() || error.is_some() {
        // The broken link's finding first, then the other errors and warnings in chain order.
        let link_rank = |f: &Finding| {
            chain::link_of(f.id)
                .and_then(|l| ChainLink::ALL.iter().position(|x| *x == l))
                .unwrap_or(ChainLink::ALL.len())
        };
        let mut broken: Vec<&Finding> = diagnosis
            .findings
            .iter()
            .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
            .collect();
        crate::sort::sort_by_key(&mut broken, |f| (link_rank(f), f.severity));
        // The finding that breaks the chain first gives every fix it has (find the association,
        // then replace it); the others their first.
        let mut fixes: Vec<(usize, Next)> = Vec::new();
        for (index, finding) in broken.iter().enumerate() {
            let steps = if index == 0 {
                fix_steps(finding)
                    .into_iter()
                    .filter(|s| !s.why.is_empty())
                    .collect()
            } else {
                fix_step(finding).into_iter().collect::<Vec<_>>()
            };
            fixes.extend(steps.into_iter().map(|step| (link_rank(finding), step)));
        }
        crate::sort::sort_by_key(&mut fixes, |(rank, step)| {
            (*rank, command_rank(&step.command))
        });
        for (_, step) in fixes {
            push_step(&mut steps, step);
        }
        for next in &diagnosis.next {
            push_step(&mut steps, next.clone());
        }
        let (summary, link) = match first_broken {
            Some(state) => {
                let title = state
                    .finding
                    .and_then(|i| diagnosis.findings.get(i))
                    .map_or("", |f| f.title.as_str());
                (
                    fill(
                        w.broken,
                        &[("link", state.link.name(lang)), ("title", title)],
                    ),
                    Some(state.link),
                )
            }
            None => (
                fill(
                    w.broken_unlinked,
                    &[("title", error.map_or("", |f| f.title.as_str()))],
                ),
                None,
            ),
        };
        return Verdict {
            status: Status::Broken,
            link,
            summary,
            steps,
            chain,
        };
    }

    // Not broken: healthy only when everything was read whole and the question is decided.
    let not_read = case.inputs().find(|at| !chain::read_whole(at.input));
    let standing = diagnosis
        .findings
        .iter()
        .find(|f| matches!(f.severity, Severity::Check | Severity::Warning));
    // Context about a link of the chain (the console lists profile names, not role names).
    let about_chain = diagnosis
        .findings
        .iter()
        .find(|f| f.severity == Severity::Info && chain::link_of(f.id).is_some());
    let decided = state(ChainLink::Credentials) == State::Good
        || [ChainLink::Profile, ChainLink::Role, ChainLink::Trust]
            .iter()
            .all(|l| state(*l) == State::Good);
    let checks = diagnosis.checked.len().to_string();
    if not_read.is_none() && standing.is_none() && decided && case.inputs().next().is_some() {
        let template = if state(ChainLink::Credentials) == State::Good {
            w.healthy_credentials
        } else {
            w.healthy_profile
        };
        return Verdict {
            status: Status::Healthy,
            link: None,
            summary: fill(template, &[("count", &checks)]),
            steps: Vec::new(),
            chain,
        };
    }

    // Undecided: what to run or paste next.
    if let Some(at) = not_read {
        if let Some(command) = at.command() {
            push_step(
                &mut steps,
                Next {
                    command: masked_command(case, at.paste, command),
                    why: w.read_again.to_owned(),
                    rule: None,
                },
            );
        }
    }
    for next in &diagnosis.next {
        push_step(&mut steps, next.clone());
    }
    for finding in diagnosis.findings.iter().filter(|f| {
        matches!(f.severity, Severity::Check | Severity::Warning)
            || (f.severity == Severity::Info && chain::link_of(f.id).is_some())
    }) {
        if let Some(step) = fix_step(finding) {
            push_step(&mut steps, step);
        }
    }
    let request = gather::request_for(case, lang);
    let gather_steps = gather::steps(&request);
    // Never ask for an output that is already pasted (and read whole).
    let pasted = gather::pasted_steps(case);
    for link in chain.iter().filter(|s| s.state == State::Unknown) {
        let id = gather_step_for(link.link);
        if pasted.contains(&id) {
            continue;
        }
        if let Some(step) = gather_steps.iter().find(|s| s.id == id) {
            // An IMDSv2 read needs the token step before it.
            let token_set = steps.iter().any(|s| s.command.contains("TOKEN=$("));
            if step.command.contains("$TOKEN") && !token_set && steps.len() + 2 <= MAX_STEPS {
                if let Some(token) = gather_steps.iter().find(|s| s.id == "imds-token") {
                    push_step(
                        &mut steps,
                        Next {
                            command: token.command.clone(),
                            why: token.title(lang).to_owned(),
                            rule: None,
                        },
                    );
                }
            }
            if step.command.contains("$TOKEN")
                && !steps.iter().any(|s| s.command.contains("TOKEN=$("))
            {
                continue;
            }
            push_step(
                &mut steps,
                Next {
                    command: step.command.clone(),
                    why: step.title(lang).to_owned(),
                    rule: None,
                },
            );
        }
    }
    let summary = match (not_read, standing) {
        _ if case.inputs().next().is_none() => w.empty.to_owned(),
        (Some(at), _) => fill(
            w.not_read,
            &[
                ("input", &at.index.to_string()),
                ("kind", at.input.kind.id()),
            ],
        ),
        (None, Some(finding)) if finding.severity == Severity::Check => {
            fill(w.to_check, &[("title", &finding.title)])
        }
        (None, Some(finding)) => fill(w.warning, &[("title", &finding.title)]),
        (None, None) => match about_chain {
            Some(finding) => fill(w.to_check, &[("title", &finding.title)]),
            None => w.nothing.to_owned(),
        },
    };
    Verdict {
        status: Status::Undecided,
        link: None,
        summary,
        steps,
        chain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::diagnose;

    const EMPTY_PROFILE: &str = "{\n  \"InstanceProfile\": {\n    \"InstanceProfileName\": \"web-profile\",\n    \"InstanceProfileId\": \"AIPAJEXAMPLEPROFILEID\",\n    \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web-profile\",\n    \"Roles\": []\n  }\n}\n";

    #[test]
    fn an_error_makes_the_verdict_broken_at_its_link() {
        let case = Case::read(&[EMPTY_PROFILE]);
        let diagnosis = diagnose(&case, Lang::En);
        let verdict = &diagnosis.verdict;
        assert_eq!(verdict.status, Status::Broken);
        assert_eq!(verdict.link, Some(ChainLink::Role));
        assert!(
            verdict
                .summary
                .starts_with("broken at the role: instance profile `web-profile`"),
            "{}",
            verdict.summary
        );
        assert!(!verdict.steps.is_empty() && verdict.steps.len() <= MAX_STEPS);
        assert_eq!(
            verdict.steps.first().and_then(|s| s.rule),
            Some("instance-profile-empty")
        );
    }

    const IAM_INFO: &str = "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-11-29T17:51:35Z\",\n  \"InstanceProfileArn\" : \"arn:aws:iam::123456789012:instance-profile/web\",\n  \"InstanceProfileId\" : \"AIPAJEXAMPLEID1234567\"\n}\n";
    const PROFILE_WITH_ROLE: &str = "{\"InstanceProfile\": {\"InstanceProfileName\": \"web\", \"InstanceProfileId\": \"AIPAJEXAMPLEID1234567\", \"Arn\": \"arn:aws:iam::123456789012:instance-profile/web\", \"Roles\": [{\"RoleName\": \"web\", \"Arn\": \"arn:aws:iam::123456789012:role/web\", \"AssumeRolePolicyDocument\": {\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}}]}}\n";

    #[test]
    fn what_decides_the_question_and_reads_whole_is_healthy() {
        let case = Case::read(&[IAM_INFO, PROFILE_WITH_ROLE]);
        let verdict = diagnose(&case, Lang::En).verdict;
        assert_eq!(verdict.status, Status::Healthy, "{verdict:?}");
        assert!(verdict.steps.is_empty());
        for link in [ChainLink::Profile, ChainLink::Role, ChainLink::Trust] {
            let state = verdict
                .chain
                .iter()
                .find(|s| s.link == link)
                .map(|s| s.state);
            assert_eq!(state, Some(State::Good), "{link:?}");
        }
        // The same profile cut off inside its role: nothing about the role is known.
        let cut = PROFILE_WITH_ROLE
            .get(..PROFILE_WITH_ROLE.len() - 60)
            .unwrap_or_default();
        let verdict = diagnose(&Case::read(&[IAM_INFO, cut]), Lang::En).verdict;
        assert_eq!(verdict.status, Status::Undecided, "{verdict:?}");
        // The profile alone does not decide: nothing shows the instance holds it.
        let verdict = diagnose(&Case::read(&[PROFILE_WITH_ROLE]), Lang::En).verdict;
        assert_eq!(verdict.status, Status::Undecided, "{verdict:?}");
    }

    #[test]
    fn a_cut_paste_is_never_healthy() {
        let cut = EMPTY_PROFILE.replace("\"Roles\": []\n  }\n}\n", "");
        let case = Case::read(&[format!(
            "$ aws iam get-instance-profile --instance-profile-name web-profile\n{cut}"
        )]);
        for lang in Lang::ALL {
            let verdict = diagnose(&case, lang).verdict;
            assert_eq!(verdict.status, Status::Undecided, "{verdict:?}");
            assert_eq!(
                verdict.steps.first().map(|s| s.command.as_str()),
                Some("aws iam get-instance-profile --instance-profile-name web-profile")
            );
        }
    }

    #[test]
    fn the_verdict_words_count_right() {
        for (en, ja) in [
            (EN.healthy_credentials, JA.healthy_credentials),
            (EN.healthy_profile, JA.healthy_profile),
        ] {
            assert_eq!(
                crate::finding::count_problems(en, ja, &["count"]),
                Vec::<String>::new()
            );
            assert_eq!(
                crate::finding::placeholders(en),
                crate::finding::placeholders(ja)
            );
        }
        assert!(fill(EN.healthy_profile, &[("count", "1")]).contains("(1 check passed)"));
    }

    #[test]
    fn nothing_pasted_is_undecided() {
        let verdict = diagnose(&Case::default(), Lang::Ja).verdict;
        assert_eq!(verdict.status, Status::Undecided);
        assert_eq!(verdict.summary, JA.empty);
    }
}
