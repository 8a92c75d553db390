//! Principals of trust policies: `"*"`, AWS (account, root, role/user ARN), Service, Federated,
//! CanonicalUser.

use super::matching::arn_parts;
use crate::text::Span;

/// The type key of a principal entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PrincipalKind {
    /// `"Principal": "*"`
    Everyone,
    Aws,
    Service,
    Federated,
    CanonicalUser,
}

impl PrincipalKind {
    /// The JSON key (`AWS`, `Service`…; `*` for everyone).
    pub fn key(self) -> &'static str {
        match self {
            PrincipalKind::Everyone => "*",
            PrincipalKind::Aws => "AWS",
            PrincipalKind::Service => "Service",
            PrincipalKind::Federated => "Federated",
            PrincipalKind::CanonicalUser => "CanonicalUser",
        }
    }
}

/// One principal named in a statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub kind: PrincipalKind,
    pub value: String,
    pub span: Span,
}

impl Principal {
    /// Does the caller `who` match this entry?
    pub(crate) fn matches(&self, who: &str) -> bool {
        let value = self.value.as_str();
        match self.kind {
            PrincipalKind::Everyone => true,
            // IAM documents `{"AWS": "*"}` as equivalent to `"*"`.
            _ if value == "*" => true,
            PrincipalKind::Service => value.eq_ignore_ascii_case(who),
            PrincipalKind::Federated | PrincipalKind::CanonicalUser => value == who,
            PrincipalKind::Aws => aws_principal_matches(value, who),
        }
    }
}

/// The account an AWS principal entry stands for, when it names a whole account
/// (`123456789012` or `arn:aws:iam::123456789012:root`).
fn account_of_entry(entry: &str) -> Option<&str> {
    if is_account_id(entry) {
        return Some(entry);
    }
    let [_, _, service, _, account, resource] = arn_parts(entry)?;
    (service == "iam" && resource == "root").then_some(account)
}

fn is_account_id(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

fn aws_principal_matches(entry: &str, who: &str) -> bool {
    if entry == who {
        return true;
    }
    if let Some(account) = account_of_entry(entry) {
        // An account (root) principal covers every IAM principal of that account, not services.
        if is_account_id(who) {
            return who == account;
        }
        return arn_parts(who).is_some_and(|[_, _, service, _, who_account, _]| {
            matches!(service, "iam" | "sts") && who_account == account
        });
    }
    // A role entry also matches that role's sessions (`sts::…:assumed-role/name/session`).
    let (Some(entry_parts), Some(who_parts)) = (arn_parts(entry), arn_parts(who)) else {
        return false;
    };
    let [_, entry_partition, entry_service, _, entry_account, entry_resource] = entry_parts;
    let [_, who_partition, who_service, _, who_account, who_resource] = who_parts;
    if entry_service != "iam"
        || who_service != "sts"
        || entry_partition != who_partition
        || entry_account != who_account
    {
        return false;
    }
    let Some(role_path) = entry_resource.strip_prefix("role/") else {
        return false;
    };
    let role_name = role_path.rsplit('/').next().unwrap_or(role_path);
    who_resource
        .strip_prefix("assumed-role/")
        .and_then(|rest| rest.split('/').next())
        .is_some_and(|name| name == role_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn aws(value: &str) -> Principal {
        Principal {
            kind: PrincipalKind::Aws,
            value: value.to_string(),
            span: Span::default(),
        }
    }

    #[test]
    fn account_entries_cover_the_account_only() {
        let root = aws("arn:aws:iam::123456789012:root");
        assert!(root.matches("arn:aws:iam::123456789012:user/alice"));
        assert!(root.matches("123456789012"));
        assert!(!root.matches("arn:aws:iam::111122223333:user/alice"));
        assert!(!root.matches("ec2.amazonaws.com"));
        assert!(aws("123456789012").matches("arn:aws:sts::123456789012:assumed-role/r/s"));
    }

    #[test]
    fn role_entries_cover_their_sessions() {
        let role = aws("arn:aws:iam::123456789012:role/ops/deployer");
        assert!(role.matches("arn:aws:iam::123456789012:role/ops/deployer"));
        assert!(role.matches("arn:aws:sts::123456789012:assumed-role/deployer/session-1"));
        assert!(!role.matches("arn:aws:sts::123456789012:assumed-role/other/session-1"));
    }

    #[test]
    fn service_entries_match_the_service() {
        let service = Principal {
            kind: PrincipalKind::Service,
            value: "ec2.amazonaws.com".to_string(),
            span: Span::default(),
        };
        assert!(service.matches("ec2.amazonaws.com"));
        assert!(!service.matches("ec2.amazonaws.com.cn"));
        assert!(!service.matches("lambda.amazonaws.com"));
    }
}
