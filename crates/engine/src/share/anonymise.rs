//! Replacing the identifiers of an account with stand-ins, consistently across all inputs.
//!
//! What is replaced: account ids (12 digits, found in ARNs and in `Account`/`OwnerId`-style
//! fields), instance ids (`i-` + 8 or 17 hex digits), IAM unique ids (`AIPA…`, `AROA…`, `AIDA…`
//! …), other resource ids named by their field (`InstanceProfileId`, `Id`, `AssociationId`,
//! `SubnetId` …; the type prefix such as `iip-assoc-` is kept), key pair names, IPv4 addresses
//! (also inside EC2 host names, `ip-10-0-0-157…`; not the platform's own 169.254.x.x and
//! loopback, which rules read), and the names of roles, instance profiles, users and sessions
//! and the segments of IAM paths (read from ARNs, from the name fields of the outputs, from
//! IMDS's "cannot assume the role NAME" and from the facts the input reader finds, such as the
//! role name of an IMDS listing or the profile name of an error).
//!
//! How: first every identifier is collected from every text and given a stand-in, in order of
//! first appearance (`111122223333`, `444455556666` …; `i-00000000000000001`, same length as the
//! real id; `AIPA00000000000000001`; `role-1`, `profile-1`, `user-1`, `session-1`, `path-1`).
//! Then each text is cut into tokens (runs of the characters IAM names and ids are made of) and
//! every token that is a collected identifier is replaced. The same real value always becomes
//! the same stand-in and different values different ones, so every comparison the rules make
//! (the profile's id against the instance's, the listing's role against the profile's) comes
//! out the same: the diagnosis keeps its findings. Linear in the size of the texts.

use std::collections::HashMap;

use crate::input::{self, Facts};

/// The kinds of identifier, each with its own stand-ins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Account,
    InstanceId,
    UniqueId,
    Role,
    Profile,
    User,
    Session,
    Path,
    /// Other resource ids (`iip-assoc-…`, `subnet-…`, a profile id in a non-AWS shape).
    ResourceId,
    KeyPair,
    /// IPv4 addresses, also in the dashed form of EC2 host names (`ip-10-0-0-157`). Stays the
    /// last kind: [`KINDS`] counts up to it.
    Address,
}

/// How many kinds there are.
const KINDS: usize = Kind::Address as usize + 1;

const ACCOUNTS: [&str; 3] = ["111122223333", "444455556666", "777788889999"];
const UNIQUE_ID_PREFIXES: [&str; 7] = ["AIPA", "AROA", "AIDA", "AGPA", "ANPA", "ANVA", "ASCA"];
/// Keys whose string values are account ids.
const ACCOUNT_KEYS: [&str; 5] = [
    "Account",
    "AccountId",
    "AccountID",
    "OwnerId",
    "RequesterId",
];
/// Keys whose string values are ids of resources.
const ID_KEYS: [&str; 12] = [
    "InstanceProfileId",
    "RoleId",
    "Id",
    "AssociationId",
    "ReservationId",
    "SubnetId",
    "VpcId",
    "NetworkInterfaceId",
    "VolumeId",
    "GroupId",
    "AttachmentId",
    "ImageId",
];
/// Keys whose string values are names, with their kind.
const NAME_KEYS: [(&str, Kind); 5] = [
    ("KeyName", Kind::KeyPair),
    ("RoleName", Kind::Role),
    ("InstanceProfileName", Kind::Profile),
    ("UserName", Kind::User),
    ("RoleSessionName", Kind::Session),
];

fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-')
}

fn is_account(text: &str) -> bool {
    text.len() == 12 && text.bytes().all(|b| b.is_ascii_digit())
}

fn is_instance_id(text: &str) -> bool {
    text.strip_prefix("i-").is_some_and(|hex| {
        (hex.len() == 8 || hex.len() == 17) && hex.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

fn is_unique_id(text: &str) -> bool {
    text.len() == 21
        && UNIQUE_ID_PREFIXES.iter().any(|p| text.starts_with(p))
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Names not to touch: words of the AWS vocabulary (a role called `Roles` stays `Roles` rather
/// than turning JSON keys into stand-ins).
fn is_vocabulary(name: &str) -> bool {
    let dictionary = super::dictionary::DICTIONARY;
    name.len() < 2
        || dictionary.contains(&format!("\"{name}\""))
        || matches!(name, "aws" | "amazon" | "ec2" | "iam" | "sts" | "default")
}

#[derive(Default)]
struct StandIns {
    map: HashMap<String, String>,
    /// Stand-ins made so far, per kind (indexed by `Kind as usize`: an array, not a map).
    counts: [usize; KINDS],
}

impl StandIns {
    fn add(&mut self, value: &str, kind: Kind) {
        if value.is_empty() || self.map.contains_key(value) {
            return;
        }
        if matches!(
            kind,
            Kind::Role | Kind::Profile | Kind::User | Kind::Session | Kind::Path
        ) && (is_vocabulary(value) || !value.bytes().all(is_token_byte))
        {
            return;
        }
        let Some(count) = self.counts.get_mut(kind as usize) else {
            return;
        };
        *count += 1;
        let n = *count;
        let stand_in = match kind {
            Kind::Account => ACCOUNTS.get(n - 1).map_or_else(
                || format!("{:012}", 100_000_000_000u64 + n as u64),
                |a| (*a).to_owned(),
            ),
            Kind::InstanceId => format!("i-{:0width$x}", n, width = value.len() - 2),
            Kind::UniqueId => format!(
                "{}{:0width$}",
                value.get(..4).unwrap_or("AIDA"),
                n,
                width = value.len() - 4
            ),
            Kind::Role => format!("role-{n}"),
            Kind::Profile => format!("profile-{n}"),
            Kind::User => format!("user-{n}"),
            Kind::Session => format!("session-{n}"),
            Kind::Path => format!("path-{n}"),
            Kind::KeyPair => format!("key-{n}"),
            // Documentation addresses (RFC 5737), 254 to a block.
            Kind::Address => {
                let block = ["192.0.2", "198.51.100", "203.0.113"]
                    .get((n - 1) / 254)
                    .copied()
                    .unwrap_or("192.0.2");
                format!("{block}.{}", (n - 1) % 254 + 1)
            }
            Kind::ResourceId => {
                // Keep the type prefix (`iip-assoc-`, `subnet-`) and the length.
                let prefix = value
                    .rfind('-')
                    .map_or("", |at| value.get(..=at).unwrap_or(""));
                let width = value.len().saturating_sub(prefix.len()).max(1);
                format!("{prefix}{n:0width$}")
            }
        };
        self.map.insert(value.to_owned(), stand_in);
    }
}

/// The texts with every identifier replaced by its stand-in.
pub fn anonymise(texts: &[String]) -> Vec<String> {
    let mut stand_ins = StandIns::default();
    for text in texts {
        collect(text, &mut stand_ins);
    }
    texts
        .iter()
        .map(|text| replace(text, &stand_ins.map))
        .collect()
}

fn collect(text: &str, stand_ins: &mut StandIns) {
    // Ids by shape, anywhere.
    for token in tokens(text) {
        let token = trim_punctuation(token);
        if let Some(address) = address_in(token) {
            stand_ins.add(&address, Kind::Address);
        }
        if is_instance_id(token) {
            stand_ins.add(token, Kind::InstanceId);
        } else if is_unique_id(token) {
            stand_ins.add(token, Kind::UniqueId);
        }
    }
    // ARNs.
    let mut rest = text;
    while let Some(at) = rest.find("arn:") {
        let arn_text = rest.get(at..).unwrap_or_default();
        let end = arn_text
            .find(|c: char| !(c.is_ascii_alphanumeric() || "_+=,.@-/:*".contains(c)))
            .unwrap_or(arn_text.len());
        collect_arn(arn_text.get(..end).unwrap_or_default(), stand_ins);
        rest = arn_text.get(4..).unwrap_or_default();
    }
    // Name and account fields: `"Key": "value"` in JSON, pretty or not.
    for (key, kind) in ACCOUNT_KEYS
        .iter()
        .map(|k| (*k, Kind::Account))
        .chain(NAME_KEYS.iter().copied())
    {
        for value in string_values(text, key) {
            if kind != Kind::Account || is_account(value) {
                stand_ins.add(value, kind);
            }
        }
    }
    // Resource ids by key; `UserId` is `UNIQUEID:session`.
    for key in ID_KEYS.iter().chain(["UserId"].iter()) {
        for value in string_values(text, key) {
            for (index, part) in value.split(':').enumerate() {
                if is_instance_id(part) {
                    stand_ins.add(part, Kind::InstanceId);
                } else if is_unique_id(part) {
                    stand_ins.add(part, Kind::UniqueId);
                } else if index == 0 {
                    stand_ins.add(part, Kind::ResourceId);
                } else {
                    stand_ins.add(part, Kind::Session);
                }
            }
        }
    }
    // IMDS's own words: "EC2 cannot assume the role NAME."
    let mut rest = text;
    while let Some(at) = rest.find("assume the role ") {
        let after = rest
            .get(at + "assume the role ".len()..)
            .unwrap_or_default();
        if let Some(name) = tokens(after).next() {
            if after.starts_with(name) {
                stand_ins.add(trim_punctuation(name), Kind::Role);
            }
        }
        rest = after;
    }
    // What the input reader knows: names that appear outside ARNs and name fields.
    for read in input::read(text) {
        match &read.facts {
            Facts::CredentialsListing(listing) => {
                for name in &listing.role_names {
                    stand_ins.add(name.value.trim(), Kind::Role);
                }
            }
            Facts::ImdsCredentials(credentials) => {
                if let Some(name) = &credentials.role_name {
                    stand_ins.add(&name.value, Kind::Role);
                }
            }
            Facts::AwsErrors(errors) => {
                for error in errors {
                    if let Some(value) = &error.parameter_value {
                        stand_ins.add(&value.value, Kind::Profile);
                    }
                    if let Some(resource) = &error.resource {
                        // "instance profile NAME" (AddRoleToInstanceProfile) names no ARN.
                        if let Some(name) = resource.value.strip_prefix("instance profile ") {
                            stand_ins.add(name.trim(), Kind::Profile);
                        }
                    }
                }
            }
            _ => {}
        }
    }
}

/// The string values of `"key": "value"` members anywhere in the text (escapes are not
/// decoded: ids and names have none).
fn string_values<'t>(text: &'t str, key: &str) -> Vec<&'t str> {
    let quoted = format!("\"{key}\"");
    let mut values = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&quoted) {
        let after = rest.get(at + quoted.len()..).unwrap_or_default();
        let value = after
            .trim_start()
            .strip_prefix(':')
            .map(str::trim_start)
            .and_then(|v| v.strip_prefix('"'))
            .and_then(|v| v.split_once('"'))
            .map(|(value, _)| value);
        values.extend(value);
        rest = after;
    }
    values
}

fn collect_arn(arn: &str, stand_ins: &mut StandIns) {
    let mut parts = arn.splitn(6, ':');
    let (Some(_), Some(_partition), Some(service), Some(_region), Some(account), Some(resource)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return;
    };
    if !is_account(account) {
        return; // AWS managed policies (`arn:aws:iam::aws:policy/…`) and the like name no account.
    }
    stand_ins.add(account, Kind::Account);
    let segments: Vec<&str> = resource.split('/').collect();
    let (Some(first), Some(last)) = (segments.first(), segments.last()) else {
        return;
    };
    let kind = match (service, *first) {
        ("iam", "role") => Kind::Role,
        ("iam", "instance-profile") => Kind::Profile,
        ("iam", "user") => Kind::User,
        ("sts", "assumed-role") => {
            if let Some(role) = segments.get(1) {
                stand_ins.add(role, Kind::Role);
            }
            if let Some(session) = segments.get(2) {
                if !is_instance_id(session) {
                    stand_ins.add(session, Kind::Session);
                }
            }
            return;
        }
        _ => return,
    };
    if segments.len() < 2 {
        return;
    }
    for path in segments.get(1..segments.len() - 1).unwrap_or_default() {
        stand_ins.add(path, Kind::Path);
    }
    stand_ins.add(last, kind);
}

/// The IPv4 address a token is or holds: `34.253.223.13`, `10-0-0-157`, `ip-10-0-0-157…`,
/// `ec2-34-253-223-13…` (as the dotted address).
fn address_in(token: &str) -> Option<String> {
    let (body, separator) = match token
        .strip_prefix("ip-")
        .or_else(|| token.strip_prefix("ec2-"))
    {
        Some(rest) => (rest, '-'),
        None if token.contains('.') => (token, '.'),
        None => (token, '-'),
    };
    let mut octets = Vec::with_capacity(4);
    let mut rest = body;
    for index in 0..4 {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        let octet: u8 = rest.get(..digits)?.parse().ok()?;
        if digits == 0 || digits > 3 {
            return None;
        }
        octets.push(octet);
        rest = rest.get(digits..)?;
        if index < 3 {
            rest = rest.strip_prefix(separator)?;
        }
    }
    // A whole token, or (host names) followed by the domain.
    let whole =
        rest.is_empty() || (separator == '-' && body.len() < token.len() && rest.starts_with('.'));
    // Addresses of the platform, not of the account: IMDS and the ECS agent (169.254.x.x),
    // loopback, the unspecified and broadcast addresses. The rules read them.
    let platform = matches!(
        octets.as_slice(),
        [169, 254, ..] | [127, ..] | [0, 0, 0, 0] | [255, 255, 255, 255]
    );
    let [a, b, c, d] = octets.as_slice() else {
        return None;
    };
    (whole && !platform).then(|| format!("{a}.{b}.{c}.{d}"))
}

/// Runs of the characters ids and IAM names are made of.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii() && is_token_byte(c as u8)))
        .filter(|t| !t.is_empty())
}

/// A token less the sentence punctuation after it (`role integration-test.`).
fn trim_punctuation(token: &str) -> &str {
    token.trim_end_matches(['.', ','])
}

/// A token holding a known address in another form (`ip-10-0-0-157.ec2.internal`,
/// `10-0-0-157`) with the stand-in written the same way.
fn replace_address(token: &str, map: &HashMap<String, String>) -> Option<String> {
    let address = address_in(token)?;
    let stand_in = map.get(&address)?;
    let dashed = stand_in.replace('.', "-");
    let real_dashed = address.replace('.', "-");
    Some(
        token
            .replacen(&real_dashed, &dashed, 1)
            .replacen(&address, stand_in, 1),
    )
}

fn replace(text: &str, map: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        if bytes.get(at).copied().is_some_and(is_token_byte) {
            while bytes.get(at).copied().is_some_and(is_token_byte) {
                at += 1;
            }
            let token = text.get(start..at).unwrap_or_default();
            if let Some(stand_in) = map.get(token) {
                out.push_str(stand_in);
            } else {
                let trimmed = trim_punctuation(token);
                match map.get(trimmed) {
                    Some(stand_in) => out.push_str(stand_in),
                    None => out.push_str(
                        &replace_address(trimmed, map).unwrap_or_else(|| trimmed.to_owned()),
                    ),
                }
                out.push_str(token.get(trimmed.len()..).unwrap_or_default());
            }
        } else {
            // Copy up to the next token byte (whole characters: token bytes are ASCII).
            while at < bytes.len() && !bytes.get(at).copied().is_some_and(is_token_byte) {
                at += 1;
            }
            out.push_str(text.get(start..at).unwrap_or_default());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_value_same_stand_in_across_inputs() {
        let texts = vec![
            r#"{"InstanceProfileArn" : "arn:aws:iam::123456789012:instance-profile/app/web-profile", "InstanceProfileId" : "AIPAABCDEFGHIJKLMN123"}"#.to_owned(),
            "User: arn:aws:sts::123456789012:assumed-role/web-role/i-0123456789abcdef0 is not authorized; EC2 cannot assume the role web-role.".to_owned(),
            r#"{"Account": "210987654321", "InstanceId": "i-0123456789abcdef0", "Name": "web-profile"}"#.to_owned(),
        ];
        let out = anonymise(&texts);
        assert_eq!(
            out[0],
            r#"{"InstanceProfileArn" : "arn:aws:iam::111122223333:instance-profile/path-1/profile-1", "InstanceProfileId" : "AIPA00000000000000001"}"#
        );
        assert_eq!(
            out[1],
            "User: arn:aws:sts::111122223333:assumed-role/role-1/i-00000000000000001 is not authorized; EC2 cannot assume the role role-1."
        );
        assert_eq!(
            out[2],
            r#"{"Account": "444455556666", "InstanceId": "i-00000000000000001", "Name": "profile-1"}"#
        );
    }

    #[test]
    fn addresses_and_host_names_agree() {
        let texts = vec![
            r#"{"PrivateDnsName": "ip-10-0-0-157.us-east-2.compute.internal", "PrivateIpAddress": "10.0.0.157", "PublicIpAddress": "34.253.223.13", "PublicDnsName": "ec2-34-253-223-13.compute-1.amazonaws.com", "Odd": "10-0-0-157", "Version": "1.2.3", "Imds": "169.254.169.254"}"#.to_owned(),
        ];
        assert_eq!(
            anonymise(&texts)[0],
            r#"{"PrivateDnsName": "ip-192-0-2-1.us-east-2.compute.internal", "PrivateIpAddress": "192.0.2.1", "PublicIpAddress": "192.0.2.2", "PublicDnsName": "ec2-192-0-2-2.compute-1.amazonaws.com", "Odd": "192-0-2-1", "Version": "1.2.3", "Imds": "169.254.169.254"}"#
        );
    }

    #[test]
    fn vocabulary_and_managed_policies_stay() {
        let texts = vec!["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore arn:aws:iam::123456789012:role/Roles".to_owned()];
        assert_eq!(
            anonymise(&texts),
            vec!["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore arn:aws:iam::111122223333:role/Roles".to_owned()]
        );
    }
}
