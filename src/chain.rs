//! The chain the credentials travel, from the instance to the application, and how each link
//! stands in the current case.
//!
//! Which link a finding is about is presentation, so it lives here in one table
//! ([`FINDING_LINKS`]); whether a link is good or broken is decided by the engine's findings and
//! its `checked` list, never by reading the inputs here.

use engine::finding::{Diagnosis, Severity};

use crate::i18n::Key;

/// One link of the chain, in travel order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    Instance,
    Association,
    Profile,
    Role,
    Trust,
    Ec2,
    Credentials,
    Application,
}

impl Link {
    pub const ALL: [Link; 8] = [
        Link::Instance,
        Link::Association,
        Link::Profile,
        Link::Role,
        Link::Trust,
        Link::Ec2,
        Link::Credentials,
        Link::Application,
    ];

    pub const fn id(self) -> &'static str {
        match self {
            Link::Instance => "instance",
            Link::Association => "association",
            Link::Profile => "instance-profile",
            Link::Role => "role",
            Link::Trust => "trust-policy",
            Link::Ec2 => "ec2",
            Link::Credentials => "imds-credentials",
            Link::Application => "application",
        }
    }

    pub const fn label(self) -> Key {
        match self {
            Link::Instance => Key::ChainInstance,
            Link::Association => Key::ChainAssociation,
            Link::Profile => Key::ChainProfile,
            Link::Role => Key::ChainRole,
            Link::Trust => Key::ChainTrust,
            Link::Ec2 => Key::ChainEc2,
            Link::Credentials => Key::ChainCredentials,
            Link::Application => Key::ChainApplication,
        }
    }
}

/// The link each finding id of the catalog is about. Ids about the caller's own permissions
/// (console listing, `AddRoleToInstanceProfile`, the launch) point at the link the caller was
/// trying to build; `secrets-in-input` is about the paste, not the chain.
pub const FINDING_LINKS: &[(&str, Link)] = &[
    ("run-instances-denied", Link::Instance),
    ("pass-role-denied", Link::Instance),
    ("denied-by-other-policy", Link::Instance),
    ("authorization-message-encoded", Link::Instance),
    ("no-instance-profile-associated", Link::Association),
    ("association-in-transition", Link::Association),
    ("instance-profile-not-found", Link::Profile),
    ("instance-profile-deleted", Link::Profile),
    ("instance-profile-recreated", Link::Profile),
    ("list-instance-profiles-denied", Link::Profile),
    ("profile-name-differs-from-role", Link::Profile),
    ("role-without-instance-profile", Link::Profile),
    ("instance-profile-empty", Link::Role),
    ("profile-role-limit", Link::Role),
    ("add-role-to-profile-denied", Link::Role),
    // The credentials work; the role's own permissions deny the call.
    ("instance-role-denied", Link::Role),
    ("trust-policy-invalid", Link::Trust),
    ("trust-policy-blocks-ec2", Link::Ec2),
    ("imds-unreachable", Link::Credentials),
    ("imds-endpoint-disabled", Link::Credentials),
    ("imds-throttled", Link::Credentials),
    ("credentials-expired", Link::Credentials),
    ("credentials-for-previous-role", Link::Credentials),
    ("imdsv2-token-required", Link::Application),
    ("imds-hop-limit", Link::Application),
    ("imds-via-proxy", Link::Application),
    ("imds-disabled-by-client", Link::Application),
    ("credentials-from-other-source", Link::Application),
    ("clock-skew", Link::Application),
    ("client-error-unexplained", Link::Application),
];

/// The link a finding id is about, if any.
pub fn link_of(finding_id: &str) -> Option<Link> {
    FINDING_LINKS
        .iter()
        .find(|(id, _)| *id == finding_id)
        .map(|(_, link)| *link)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Good,
    Broken,
    Unknown,
}

impl Status {
    pub const fn id(self) -> &'static str {
        match self {
            Status::Good => "good",
            Status::Broken => "broken",
            Status::Unknown => "unknown",
        }
    }

    pub const fn label(self) -> Key {
        match self {
            Status::Good => Key::StatusGood,
            Status::Broken => Key::StatusBroken,
            Status::Unknown => Key::StatusUnknown,
        }
    }
}

/// How one link stands, and the finding (its index in the diagnosis) that explains it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkState {
    pub link: Link,
    pub status: Status,
    pub finding: Option<usize>,
}

/// Every link's state: broken when an error or warning finding is about it, good when the
/// engine checked a rule about it and found nothing, unknown otherwise. Nothing after a broken
/// link is drawn good: the credentials never get that far (IMDS answering a 404 for a missing
/// role is no good news about the credentials on it).
pub fn states(diagnosis: &Diagnosis) -> Vec<LinkState> {
    let mut broken_before = false;
    Link::ALL
        .iter()
        .map(|&link| {
            let state = state_of(diagnosis, link);
            let state = match state.status {
                Status::Good if broken_before => LinkState {
                    status: Status::Unknown,
                    ..state
                },
                _ => state,
            };
            broken_before |= state.status == Status::Broken;
            state
        })
        .collect()
}

fn state_of(diagnosis: &Diagnosis, link: Link) -> LinkState {
    let broken = diagnosis.findings.iter().position(|finding| {
        matches!(finding.severity, Severity::Error | Severity::Warning)
            && link_of(finding.id) == Some(link)
    });
    if broken.is_some() {
        return LinkState {
            link,
            status: Status::Broken,
            finding: broken,
        };
    }
    let open = diagnosis
        .findings
        .iter()
        .position(|finding| link_of(finding.id) == Some(link));
    let checked = diagnosis
        .checked
        .iter()
        .any(|checked| link_of(checked.id) == Some(link));
    LinkState {
        link,
        status: if checked && open.is_none() {
            Status::Good
        } else {
            Status::Unknown
        },
        finding: open,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::finding::{Checked, Finding};

    fn finding(id: &'static str, severity: Severity) -> Finding {
        Finding {
            id,
            severity,
            section: None,
            title: String::new(),
            explanation: String::new(),
            evidence: vec![],
            fix: vec![],
            references: vec![],
            confidence: None,
            affected: vec![],
        }
    }

    #[test]
    fn every_catalog_finding_but_secrets_has_a_link() {
        for rule in engine::rules::rules() {
            if rule.id != "secrets-in-input" {
                assert!(link_of(rule.id).is_some(), "{} has no chain link", rule.id);
            }
        }
        for (id, _) in FINDING_LINKS {
            assert!(engine::rules::rule(id).is_some(), "{id} is not a rule");
        }
    }

    #[test]
    fn findings_decide_the_links() {
        let diagnosis = Diagnosis {
            findings: vec![
                finding("instance-profile-empty", Severity::Error),
                finding("imds-hop-limit", Severity::Check),
            ],
            next: vec![],
            checked: vec![Checked {
                id: "trust-policy-blocks-ec2",
                what: String::new(),
            }],
        };
        let states = states(&diagnosis);
        let of = |link: Link| states.iter().find(|s| s.link == link).copied();
        assert_eq!(
            of(Link::Role).map(|s| (s.status, s.finding)),
            Some((Status::Broken, Some(0)))
        );
        // Checked, but after the broken role link: not drawn good.
        assert_eq!(of(Link::Ec2).map(|s| s.status), Some(Status::Unknown));
        assert_eq!(
            of(Link::Application).map(|s| (s.status, s.finding)),
            Some((Status::Unknown, Some(1)))
        );
        assert_eq!(of(Link::Instance).map(|s| s.status), Some(Status::Unknown));
        // The same check with nothing broken before it: good.
        let good = crate::chain::states(&Diagnosis {
            findings: vec![],
            ..diagnosis
        });
        assert_eq!(
            good.iter().find(|s| s.link == Link::Ec2).map(|s| s.status),
            Some(Status::Good)
        );
    }

    #[test]
    fn nothing_after_a_break_is_good() {
        let checked = |id| Checked {
            id,
            what: String::new(),
        };
        let diagnosis = Diagnosis {
            findings: vec![finding("no-instance-profile-associated", Severity::Error)],
            next: vec![],
            checked: vec![
                checked("run-instances-denied"),
                checked("imds-unreachable"),
                checked("imdsv2-token-required"),
            ],
        };
        let statuses: Vec<Status> = states(&diagnosis).iter().map(|s| s.status).collect();
        assert_eq!(
            statuses,
            vec![
                Status::Good,
                Status::Broken,
                Status::Unknown,
                Status::Unknown,
                Status::Unknown,
                Status::Unknown,
                Status::Unknown,
                Status::Unknown,
            ]
        );
        // Without the break, the same checks draw their links good.
        let healthy = Diagnosis {
            findings: vec![],
            ..diagnosis
        };
        let of = |link: Link| {
            states(&healthy)
                .into_iter()
                .find(|s| s.link == link)
                .map(|s| s.status)
        };
        assert_eq!(of(Link::Credentials), Some(Status::Good));
        assert_eq!(of(Link::Application), Some(Status::Good));
    }
}
