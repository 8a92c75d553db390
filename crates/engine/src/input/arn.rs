//! Amazon Resource Names, partition-aware, with IAM paths.

use serde::Serialize;

use super::facts::Located;
use crate::text::Span;

/// A parsed ARN: `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`.
///
/// For IAM-style resources (`role/app/web`, `instance-profile/a/b/name`) the resource is split
/// into its type, its path (`/a/b/`, `/` when none) and its name (the last segment): the name of
/// `instance-profile/application_abc/component_xyz/my-instance-profile` is `my-instance-profile`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account: String,
    /// `role`, `instance-profile`, `user`, `assumed-role`, `instance` … (empty when the resource
    /// has no type prefix).
    pub resource_type: String,
    /// The IAM path, always starting and ending with `/`.
    pub resource_path: String,
    /// The last segment of the resource.
    pub resource_name: String,
    /// Everything after the fifth colon, as written.
    pub resource: String,
}

impl Arn {
    /// Parses an ARN; `None` when `text` is not one (never panics).
    pub fn parse(text: &str) -> Option<Arn> {
        let text = text.trim();
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        let partition = parts.next()?;
        let service = parts.next()?;
        let region = parts.next()?;
        let account = parts.next()?;
        let resource = parts.next()?;
        if !partition.starts_with("aws") || service.is_empty() || resource.is_empty() {
            return None;
        }
        if text.chars().any(char::is_whitespace) {
            return None;
        }
        // `deploymentgroup:*` style resources use ':' as the type separator.
        let (resource_type, rest) = match (resource.find('/'), resource.find(':')) {
            (Some(slash), Some(colon)) if colon < slash => resource.split_at(colon),
            (Some(slash), _) => resource.split_at(slash),
            (None, Some(colon)) => resource.split_at(colon),
            (None, None) => ("", resource),
        };
        let rest = rest.get(1..).unwrap_or(rest);
        let rest = if resource_type.is_empty() {
            resource
        } else {
            rest
        };
        let (resource_path, resource_name) = match rest.rfind('/') {
            Some(last) => (
                format!("/{}/", rest.get(..last).unwrap_or_default()),
                rest.get(last + 1..).unwrap_or_default().to_string(),
            ),
            None => ("/".to_string(), rest.to_string()),
        };
        Some(Arn {
            partition: partition.to_string(),
            service: service.to_string(),
            region: region.to_string(),
            account: account.to_string(),
            resource_type: resource_type.to_string(),
            resource_path,
            resource_name,
            resource: resource.to_string(),
        })
    }

    /// For `arn:…:sts::ACCOUNT:assumed-role/ROLE/SESSION`: the role name and session name.
    pub fn assumed_role(&self) -> Option<(&str, &str)> {
        if self.service != "sts" || self.resource_type != "assumed-role" {
            return None;
        }
        let rest = self.resource.strip_prefix("assumed-role/")?;
        let (role, session) = rest.split_once('/')?;
        if role.is_empty() || session.is_empty() {
            return None;
        }
        Some((role, session))
    }
}

impl std::fmt::Display for Arn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "arn:{}:{}:{}:{}:{}",
            self.partition, self.service, self.region, self.account, self.resource
        )
    }
}

/// The role and session of an `assumed-role` ARN, located in the paste.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AssumedRole {
    pub role: Located<String>,
    /// The session name; for instance credentials, the instance id (`i-0123…`).
    pub session: Located<String>,
    /// Whether the session name is an EC2 instance id (credentials delivered by IMDS).
    pub session_is_instance_id: bool,
}

impl AssumedRole {
    /// Reads the assumed role of a located ARN (spans of role and session point into the ARN).
    pub fn of(arn: &Located<String>) -> Option<AssumedRole> {
        let parsed = Arn::parse(&arn.value)?;
        let (role, session) = parsed.assumed_role()?;
        let role_offset = arn.value.find("assumed-role/")? + "assumed-role/".len();
        let session_offset = role_offset + role.len() + 1;
        // Spans only point into the paste when the value is written there verbatim.
        let verbatim = arn.span.len() == arn.value.len();
        let at = |offset: usize, len: usize| {
            if verbatim {
                Span::new(arn.span.start + offset, arn.span.start + offset + len)
            } else {
                arn.span
            }
        };
        Some(AssumedRole {
            role: Located {
                value: role.to_string(),
                span: at(role_offset, role.len()),
                path: arn.path.clone(),
            },
            session: Located {
                value: session.to_string(),
                span: at(session_offset, session.len()),
                path: arn.path.clone(),
            },
            session_is_instance_id: is_instance_id(session),
        })
    }
}

/// `i-` followed by 8 or 17 hex digits.
pub fn is_instance_id(text: &str) -> bool {
    text.strip_prefix("i-").is_some_and(|hex| {
        (hex.len() == 8 || hex.len() == 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_profile_with_path() {
        let arn = Arn::parse(
            "arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/my-instance-profile",
        )
        .unwrap_or_else(|| panic!("parses"));
        assert_eq!(arn.partition, "aws");
        assert_eq!(arn.service, "iam");
        assert_eq!(arn.account, "123456789012");
        assert_eq!(arn.resource_type, "instance-profile");
        assert_eq!(arn.resource_path, "/application_abc/component_xyz/");
        assert_eq!(arn.resource_name, "my-instance-profile");
        assert_eq!(
            arn.to_string(),
            "arn:aws:iam::123456789012:instance-profile/application_abc/component_xyz/my-instance-profile"
        );
    }

    #[test]
    fn china_partition_and_plain_role() {
        let arn =
            Arn::parse("arn:aws-cn:iam::123456789012:role/web").unwrap_or_else(|| panic!("parses"));
        assert_eq!(arn.partition, "aws-cn");
        assert_eq!(arn.resource_path, "/");
        assert_eq!(arn.resource_name, "web");
    }

    #[test]
    fn assumed_role_with_instance_session() {
        let text = "arn:aws:sts::051445540311:assumed-role/guacamole_instance_role_default/i-059a2b3e51732a452";
        let located = Located::new(text.to_string(), Span::new(10, 10 + text.len()));
        let assumed = AssumedRole::of(&located).unwrap_or_else(|| panic!("assumed role"));
        assert_eq!(assumed.role.value, "guacamole_instance_role_default");
        assert_eq!(assumed.session.value, "i-059a2b3e51732a452");
        assert!(assumed.session_is_instance_id);
        let start = assumed.session.span.start - 10;
        assert_eq!(&text[start..start + 19], "i-059a2b3e51732a452");
    }

    #[test]
    fn colon_typed_resources_and_rejects() {
        let arn = Arn::parse("arn:aws:codedeploy:us-east-1:123456789012:deploymentgroup:*")
            .unwrap_or_else(|| panic!("parses"));
        assert_eq!(arn.resource_type, "deploymentgroup");
        assert_eq!(arn.resource_name, "*");
        let bucket = Arn::parse("arn:aws:s3:::app-web-assets").unwrap_or_else(|| panic!("parses"));
        assert_eq!(bucket.resource_type, "");
        assert_eq!(bucket.resource_name, "app-web-assets");
        assert_eq!(Arn::parse("arn:aws"), None);
        assert_eq!(Arn::parse("not an arn"), None);
        assert_eq!(Arn::parse("arn:foo:iam::1:role/x"), None);
    }
}
