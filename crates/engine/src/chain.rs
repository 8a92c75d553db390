//! The chain the credentials travel, from the launch to the application, and how each link
//! stands in a case.
//!
//! Which link a finding is about is AWS knowledge, so it lives here in one table
//! ([`RULE_LINKS`]); the page and the CLI only draw what [`states`] decides. A link is good only
//! where the evidence shows it good and no finding concerns it; a link that an input not read
//! whole speaks about is never good; nothing after a broken link is good.

use serde::Serialize;

use crate::finding::{Diagnosis, Severity};
use crate::input::facts::Facts;
use crate::input::InputKind;
use crate::lang::Lang;
use crate::rules::case::Case;

/// One link of the chain, in travel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum ChainLink {
    #[serde(rename = "instance")]
    Instance,
    #[serde(rename = "association")]
    Association,
    #[serde(rename = "instance-profile")]
    Profile,
    #[serde(rename = "role")]
    Role,
    #[serde(rename = "trust-policy")]
    Trust,
    #[serde(rename = "ec2")]
    Ec2,
    #[serde(rename = "imds-credentials")]
    Credentials,
    #[serde(rename = "application")]
    Application,
}

impl ChainLink {
    pub const ALL: [ChainLink; 8] = [
        ChainLink::Instance,
        ChainLink::Association,
        ChainLink::Profile,
        ChainLink::Role,
        ChainLink::Trust,
        ChainLink::Ec2,
        ChainLink::Credentials,
        ChainLink::Application,
    ];

    /// The id the page's `data-chain-link` and the CLI's JSON use.
    pub const fn id(self) -> &'static str {
        match self {
            ChainLink::Instance => "instance",
            ChainLink::Association => "association",
            ChainLink::Profile => "instance-profile",
            ChainLink::Role => "role",
            ChainLink::Trust => "trust-policy",
            ChainLink::Ec2 => "ec2",
            ChainLink::Credentials => "imds-credentials",
            ChainLink::Application => "application",
        }
    }

    /// The link's name in a sentence.
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (ChainLink::Instance, Lang::En) => "the launch",
            (ChainLink::Association, Lang::En) => "the profile association",
            (ChainLink::Profile, Lang::En) => "the instance profile",
            (ChainLink::Role, Lang::En) => "the role",
            (ChainLink::Trust, Lang::En) => "the trust policy",
            (ChainLink::Ec2, Lang::En) => "EC2 assuming the role",
            (ChainLink::Credentials, Lang::En) => "the credentials on IMDS",
            (ChainLink::Application, Lang::En) => "the application reaching IMDS",
            (ChainLink::Instance, Lang::Ja) => "起動",
            (ChainLink::Association, Lang::Ja) => "プロファイルの関連付け",
            (ChainLink::Profile, Lang::Ja) => "インスタンスプロファイル",
            (ChainLink::Role, Lang::Ja) => "ロール",
            (ChainLink::Trust, Lang::Ja) => "信頼ポリシー",
            (ChainLink::Ec2, Lang::Ja) => "EC2 によるロールの引き受け",
            (ChainLink::Credentials, Lang::Ja) => "IMDS の認証情報",
            (ChainLink::Application, Lang::Ja) => "アプリケーションから IMDS への到達",
        }
    }
}

/// The link each rule's findings are about. Rules about the caller's own permissions (the
/// console's listing, `AddRoleToInstanceProfile`, the launch) point at the link the caller was
/// building; `secrets-in-input` is about the paste, not the chain.
pub const RULE_LINKS: &[(&str, ChainLink)] = &[
    ("run-instances-denied", ChainLink::Instance),
    ("pass-role-denied", ChainLink::Instance),
    ("denied-by-other-policy", ChainLink::Instance),
    ("authorization-message-encoded", ChainLink::Instance),
    ("no-instance-profile-associated", ChainLink::Association),
    ("association-in-transition", ChainLink::Association),
    ("instance-profile-not-found", ChainLink::Profile),
    ("instance-profile-deleted", ChainLink::Profile),
    ("instance-profile-recreated", ChainLink::Profile),
    ("list-instance-profiles-denied", ChainLink::Profile),
    ("profile-name-differs-from-role", ChainLink::Profile),
    ("role-without-instance-profile", ChainLink::Profile),
    ("instance-profile-empty", ChainLink::Role),
    ("profile-role-limit", ChainLink::Role),
    ("add-role-to-profile-denied", ChainLink::Role),
    // The credentials work; the role's own permissions deny the call.
    ("instance-role-denied", ChainLink::Role),
    // The trust policy is what blocks EC2: a finding about either rule is about the policy.
    ("trust-policy-invalid", ChainLink::Trust),
    ("trust-policy-blocks-ec2", ChainLink::Trust),
    ("credentials-expired", ChainLink::Credentials),
    ("credentials-for-previous-role", ChainLink::Credentials),
    // Reaching IMDS at all is the application's side of the chain.
    ("imds-unreachable", ChainLink::Application),
    ("imds-endpoint-disabled", ChainLink::Application),
    ("imds-throttled", ChainLink::Application),
    ("imdsv2-token-required", ChainLink::Application),
    ("imds-hop-limit", ChainLink::Application),
    ("imds-via-proxy", ChainLink::Application),
    ("imds-disabled-by-client", ChainLink::Application),
    ("credentials-from-other-source", ChainLink::Application),
    ("clock-skew", ChainLink::Application),
    // A client error no known wording explains: the application's side, until decided.
    ("client-error-unexplained", ChainLink::Application),
];

/// The link a finding id is about, if any.
pub fn link_of(rule: &str) -> Option<ChainLink> {
    RULE_LINKS
        .iter()
        .find(|(id, _)| *id == rule)
        .map(|(_, link)| *link)
}

/// The links an input kind can show good, so that one not read whole shows none of them good.
fn links_of_kind(kind: InputKind) -> &'static [ChainLink] {
    use ChainLink::*;
    match kind {
        InputKind::ImdsIamInfo => &[Association, Profile],
        InputKind::ImdsCredentials | InputKind::ImdsCredentialsListing => &[Ec2, Credentials],
        InputKind::ImdsHttp
        | InputKind::MetadataOptions
        | InputKind::SdkError
        | InputKind::ClientConfig => &[Application],
        InputKind::GetInstanceProfile | InputKind::ListInstanceProfiles => &[Profile, Role, Trust],
        InputKind::GetRole | InputKind::TrustPolicy => &[Role, Trust],
        InputKind::DescribeInstances => &[Instance, Association, Application],
        InputKind::InstanceProfileAssociations => &[Association],
        InputKind::AccountAuthorizationDetails => &[Profile, Role, Trust],
        InputKind::CallerIdentity => &[Ec2, Credentials, Application],
        InputKind::AwsError
        | InputKind::AuthorizationMessage
        | InputKind::IdentityPolicy
        | InputKind::PolicySimulation => &[Instance],
        // An input nothing was recognised in could be about any link.
        InputKind::Unknown => &ChainLink::ALL,
    }
}

/// How a link stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Good,
    Broken,
    Unknown,
}

impl State {
    pub const fn id(self) -> &'static str {
        match self {
            State::Good => "good",
            State::Broken => "broken",
            State::Unknown => "unknown",
        }
    }
}

/// How one link stands, and the finding (its index in the diagnosis) that explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LinkState {
    pub link: ChainLink,
    pub state: State,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<usize>,
}

/// Whether an input was read whole: recognised, and no part of it left unread or misread.
/// (`not-diagnostic` is a whole read of an output the diagnosis does not use.)
pub fn read_whole(input: &crate::input::Input) -> bool {
    input.kind != InputKind::Unknown && input.problems.iter().all(|p| p.id == "not-diagnostic")
}

/// The links that inputs not read whole speak about.
fn doubtful_links(case: &Case) -> Vec<ChainLink> {
    let mut links = Vec::new();
    for at in case.inputs() {
        if read_whole(at.input) {
            continue;
        }
        let kind = at
            .input
            .problems
            .iter()
            .find_map(|p| p.looks_like)
            .unwrap_or(at.input.kind);
        for link in links_of_kind(kind) {
            if !links.contains(link) {
                links.push(*link);
            }
        }
    }
    links
}

/// Links the facts themselves show working: IMDS issued credentials (EC2 assumed the role), or
/// a caller identity shows an instance's session of a role.
fn shown_by_facts(case: &Case) -> Vec<ChainLink> {
    let mut links = Vec::new();
    for at in case.inputs() {
        match &at.input.facts {
            Facts::ImdsCredentials(credentials)
                if credentials
                    .code
                    .as_ref()
                    .is_some_and(|c| c.value == "Success") =>
            {
                links.push(ChainLink::Ec2);
            }
            Facts::CallerIdentity(identity)
                if identity
                    .assumed_role
                    .as_ref()
                    .is_some_and(|a| a.session_is_instance_id) =>
            {
                links.push(ChainLink::Ec2);
            }
            _ => {}
        }
    }
    links
}

/// Every link's state: broken when a finding of severity error or warning concerns it; good
/// when a check about it passed (or the facts show it working), no finding of any severity
/// concerns it and every input about it was read whole; unknown otherwise. Nothing after a
/// broken link is good: the credentials never get that far.
pub fn states(case: &Case, diagnosis: &Diagnosis) -> Vec<LinkState> {
    let doubtful = doubtful_links(case);
    let facts = shown_by_facts(case);
    let mut broken_before = false;
    ChainLink::ALL
        .iter()
        .map(|&link| {
            let concerns = |id: &str| link_of(id) == Some(link);
            let broken = diagnosis.findings.iter().position(|f| {
                matches!(f.severity, Severity::Error | Severity::Warning) && concerns(f.id)
            });
            let open = diagnosis.findings.iter().position(|f| concerns(f.id));
            let checked = diagnosis.checked.iter().any(|c| concerns(c.id)) || facts.contains(&link);
            let state = if broken.is_some() {
                State::Broken
            } else if checked && open.is_none() && !doubtful.contains(&link) && !broken_before {
                State::Good
            } else {
                State::Unknown
            };
            broken_before |= state == State::Broken;
            LinkState {
                link,
                state,
                finding: broken.or(open),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Checked, Finding};

    fn finding(id: &'static str, severity: Severity) -> Finding {
        let mut finding = crate::rules::rule(id)
            .map(|rule| rule.finding("", Lang::En, &[]))
            .unwrap_or_else(|| panic!("{id} is not a rule"));
        finding.severity = severity;
        finding
    }

    fn checked(id: &'static str) -> Checked {
        Checked {
            id,
            what: String::new(),
        }
    }

    #[test]
    fn every_rule_but_secrets_has_a_link() {
        for rule in crate::rules::rules() {
            if rule.id != "secrets-in-input" {
                assert!(link_of(rule.id).is_some(), "{} has no chain link", rule.id);
            }
        }
        for (id, _) in RULE_LINKS {
            assert!(crate::rules::rule(id).is_some(), "{id} is not a rule");
        }
    }

    #[test]
    fn findings_decide_the_links() {
        let case = Case::default();
        let diagnosis = Diagnosis {
            findings: vec![
                finding("instance-profile-empty", Severity::Error),
                finding("imds-hop-limit", Severity::Check),
            ],
            checked: vec![checked("trust-policy-blocks-ec2")],
            ..Diagnosis::default()
        };
        let states = states(&case, &diagnosis);
        let of = |link| states.iter().find(|s| s.link == link).copied();
        assert_eq!(
            of(ChainLink::Role).map(|s| (s.state, s.finding)),
            Some((State::Broken, Some(0)))
        );
        // Checked, but after the broken role link: not drawn good.
        assert_eq!(of(ChainLink::Trust).map(|s| s.state), Some(State::Unknown));
        assert_eq!(
            of(ChainLink::Application).map(|s| (s.state, s.finding)),
            Some((State::Unknown, Some(1)))
        );
        let good = super::states(
            &case,
            &Diagnosis {
                findings: vec![],
                ..diagnosis.clone()
            },
        );
        assert_eq!(
            good.iter()
                .find(|s| s.link == ChainLink::Trust)
                .map(|s| s.state),
            Some(State::Good)
        );
    }

    #[test]
    fn a_trust_finding_keeps_the_trust_link_from_good() {
        let diagnosis = Diagnosis {
            findings: vec![finding("trust-policy-blocks-ec2", Severity::Error)],
            checked: vec![checked("trust-policy-invalid")],
            ..Diagnosis::default()
        };
        let states = states(&Case::default(), &diagnosis);
        let trust = states.iter().find(|s| s.link == ChainLink::Trust);
        assert_eq!(trust.map(|s| s.state), Some(State::Broken));
    }

    #[test]
    fn an_input_not_read_whole_makes_nothing_it_speaks_about_good() {
        let truncated = "{\n  \"InstanceProfile\": {\n    \"InstanceProfileName\": \"web\",\n    \"Roles\": [\n      {\"RoleName\": \"web-role\", \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\"}]}}\n";
        let case = Case::read(&[truncated]);
        let diagnosis = crate::rules::diagnose(&case, Lang::En);
        for state in states(&case, &diagnosis) {
            if [ChainLink::Profile, ChainLink::Role, ChainLink::Trust].contains(&state.link) {
                assert_ne!(state.state, State::Good, "{:?}", state.link);
            }
        }
    }
}
