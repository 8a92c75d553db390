//! Small helpers the rules share: ARN pieces, names, shell quoting, and joins across inputs.

use crate::finding::{Evidence, Fix, FixKind, Next};
use crate::input::facts::{InstanceProfile, Located, Role};
use crate::lang::Lang;

use super::case::{Case, Found};
use super::Text;

/// At most this many evidence entries per finding: a fleet of thousands lists every affected
/// resource in `affected`, but quoting each one would bury the report.
pub const EVIDENCE_CAP: usize = 20;

/// At most this many fix commands per finding (the rest follow the same pattern).
pub const FIX_CAP: usize = 10;

/// The fields of an ARN, `None` when `arn` is not one.
pub struct ArnParts<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub account: &'a str,
    /// `role`, `instance-profile`, `assumed-role`, `user` …
    pub resource_type: &'a str,
    /// The last segment: the name without its IAM path.
    pub name: &'a str,
}

pub fn arn(text: &str) -> Option<ArnParts<'_>> {
    let mut parts = text.trim().splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let _region = parts.next()?;
    let account = parts.next()?;
    let resource = parts.next()?;
    let resource_type = resource.split(['/', ':']).next().unwrap_or_default();
    let name = resource.rsplit('/').next().unwrap_or(resource);
    Some(ArnParts {
        partition,
        service,
        account,
        resource_type,
        name,
    })
}

/// The name an ARN or a bare name stands for (`arn:…:instance-profile/a/b/web` → `web`).
pub fn name_of(arn_or_name: &str) -> &str {
    match arn(arn_or_name) {
        Some(parts) => parts.name,
        None => arn_or_name.trim(),
    }
}

/// The EC2 service principal of a partition.
pub fn ec2_principal(partition: Option<&str>) -> &'static str {
    if partition == Some("aws-cn") {
        "ec2.amazonaws.com.cn"
    } else {
        "ec2.amazonaws.com"
    }
}

pub fn profile_name(profile: &InstanceProfile) -> Option<&str> {
    profile
        .name
        .as_ref()
        .map(Located::as_str)
        .or_else(|| profile.arn.as_ref().map(|a| name_of(a.as_str())))
}

pub fn role_name(role: &Role) -> Option<&str> {
    role.name
        .as_ref()
        .map(Located::as_str)
        .or_else(|| role.arn.as_ref().map(|a| name_of(a.as_str())))
}

/// A key that identifies a profile across inputs: its ARN when known, else its name.
fn profile_key(profile: &InstanceProfile) -> Option<&str> {
    match (&profile.arn, profile_name(profile)) {
        (Some(arn), _) => Some(arn.value.as_str()),
        (None, name) => name,
    }
}

/// Every instance profile of the case in its latest state: when a profile appears in several
/// inputs (created empty, then shown with its role), only its last appearance counts. Two
/// entries are the same profile when their ARNs match, or when one side lacks an ARN and the
/// names match.
pub fn latest_profiles(case: &Case) -> Vec<Found<'_, InstanceProfile>> {
    let all = case.instance_profiles();
    let mut latest: Vec<Found<'_, InstanceProfile>> = Vec::new();
    // Keys borrowed from the case: the same map type as the other rules' (each costs wasm).
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut by_name: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for found in all {
        let key = profile_key(found.item);
        let name = profile_name(found.item);
        let existing = key.and_then(|k| index.get(k).copied()).or_else(|| {
            // Match by name only when one side has no ARN (a `--query` fragment, a name).
            let at = *by_name.get(name?)?;
            let other = latest.get(at)?;
            (other.item.arn.is_none() || found.item.arn.is_none()).then_some(at)
        });
        match existing.and_then(|at| latest.get_mut(at).map(|slot| (at, slot))) {
            Some((at, slot)) => {
                *slot = found;
                if let Some(key) = key {
                    index.insert(key, at);
                }
            }
            None => {
                let at = latest.len();
                latest.push(found);
                if let Some(key) = key {
                    index.insert(key, at);
                }
                if let Some(name) = name {
                    by_name.insert(name, at);
                }
            }
        }
    }
    latest
}

/// The profile of the case that `arn_or_name` names (by ARN, else by name).
pub fn find_profile<'a>(
    profiles: &[Found<'a, InstanceProfile>],
    arn_or_name: &str,
) -> Option<Found<'a, InstanceProfile>> {
    let by_arn = profiles
        .iter()
        .find(|p| p.item.arn.as_ref().is_some_and(|a| a.value == arn_or_name));
    by_arn
        .or_else(|| {
            let name = name_of(arn_or_name);
            profiles.iter().find(|p| profile_name(p.item) == Some(name))
        })
        .copied()
}

/// Instance ids the case shows (describe-instances, associations, instance sessions).
pub fn instance_ids<'c>(case: &'c Case) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut add = |id: &'c str| {
        if !id.is_empty() && seen.insert(id) {
            ids.push(id.to_owned());
        }
    };
    for found in case.instances() {
        if let Some(id) = &found.item.id {
            add(&id.value);
        }
    }
    for found in case.associations() {
        if let Some(id) = &found.item.instance_id {
            add(&id.value);
        }
    }
    for found in case.caller_identities() {
        if let Some(assumed) = &found.item.assumed_role {
            if assumed.session_is_instance_id {
                add(&assumed.session.value);
            }
        }
    }
    ids
}

/// The single instance id of the case, or a placeholder the user replaces.
pub fn one_instance_id(case: &Case) -> String {
    let ids = instance_ids(case);
    match ids.as_slice() {
        [one] => one.clone(),
        _ => "<instance-id>".to_owned(),
    }
}

/// Quotes a value for a POSIX shell when it needs it.
pub fn shell(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./:=+@,<>".contains(&b));
    if plain && !value.contains(['<', '>']) {
        value.to_owned()
    } else if plain {
        // Placeholders such as `<role-name>` are meant to be replaced, but quoting keeps a
        // pasted command from redirecting if they are not.
        format!("'{value}'")
    } else {
        format!("'{}'", value.replace('\'', r"'\''"))
    }
}

/// A fix that runs one command.
pub fn command_fix(label: Text, lang: Lang, command: String, kind: FixKind) -> Fix {
    Fix {
        label: label.get(lang).to_owned(),
        command: Some(command),
        document: None,
        kind,
    }
}

/// A next step.
pub fn next(rule: &'static str, command: String, why: Text, lang: Lang) -> Next {
    Next {
        command,
        why: why.get(lang).to_owned(),
        rule: Some(rule),
    }
}

/// Records that a rule ran with enough data and found nothing wrong (for the "healthy" report).
pub fn checked(
    out: &mut crate::finding::Diagnosis,
    rule: &super::RuleInfo,
    lang: Lang,
    subject: &str,
) {
    let what = if subject.is_empty() {
        rule.summary.get(lang).to_owned()
    } else {
        format!("{}: `{subject}`", rule.summary.get(lang))
    };
    let item = crate::finding::Checked { id: rule.id, what };
    // A few subjects per rule say enough, and keep this list (and its lookups) small on a fleet.
    let already = out.checked.iter().filter(|c| c.id == rule.id).count();
    if already < FIX_CAP && !out.checked.contains(&item) {
        out.checked.push(item);
    }
}

/// Appends evidence up to [`EVIDENCE_CAP`]. The evidence is only built below the cap:
/// locating a span costs a scan of the paste, which a fleet of thousands must not pay per item.
pub fn push_evidence(evidence: &mut Vec<Evidence>, item: impl FnOnce() -> Evidence) {
    if evidence.len() < EVIDENCE_CAP {
        let item = item();
        if !evidence.contains(&item) {
            evidence.push(item);
        }
    }
}

/// A list of names for a title: `a`, `a`, `b` or `a`, `b` and N more.
pub fn name_list(names: &[String], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
    let rest = names.len().saturating_sub(SHOWN);
    let joined = shown.join(", ");
    match (rest, lang) {
        (0, _) => joined,
        (n, Lang::En) => format!("{joined} and {n} more"),
        (n, Lang::Ja) => format!("{joined} ほか {n} 件"),
    }
}

/// ASCII case-insensitive substring test.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    haystack
        .to_ascii_lowercase()
        .contains(&needle.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arn_parts_keep_the_name_without_the_path() {
        let parts = arn("arn:aws-cn:iam::123456789012:instance-profile/a/b/web");
        assert!(parts.is_some());
        if let Some(parts) = parts {
            assert_eq!(parts.partition, "aws-cn");
            assert_eq!(parts.account, "123456789012");
            assert_eq!(parts.resource_type, "instance-profile");
            assert_eq!(parts.name, "web");
        }
        assert_eq!(name_of("plain-name"), "plain-name");
        assert!(arn("not:an:arn").is_none());
    }

    #[test]
    fn shell_quotes_only_when_needed() {
        assert_eq!(shell("app-web-role"), "app-web-role");
        assert_eq!(shell("<role-name>"), "'<role-name>'");
        assert_eq!(shell("it's"), r"'it'\''s'");
        assert_eq!(shell(""), "''");
    }

    #[test]
    fn name_lists_are_short() {
        let names: Vec<String> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(name_list(&names, Lang::En), "`a`, `b`, `c` and 2 more");
        assert_eq!(name_list(&names[..1], Lang::Ja), "`a`");
    }
}

/// The instance profile a launch error names, in the wordings EC2 and Auto Scaling use:
/// `IAM Instance Profile "arn:…:instance-profile/NAME"`, `Value (NAME) for parameter
/// iamInstanceProfile.name`, `Invalid IamInstanceProfile: NAME`.
pub fn profile_in_words(text: &str) -> Option<String> {
    let clean = |name: &str| {
        let name = name.trim_matches(|c: char| "\"'`.,;:()[]{}".contains(c));
        (!name.is_empty()).then(|| name_of(name).to_owned())
    };
    if let Some(at) = text.find("instance-profile/") {
        let start = text
            .get(..at)?
            .rfind(|c: char| c.is_whitespace() || "\"'(`".contains(c));
        let from = start.map_or(0, |s| s + 1);
        let rest = text.get(from..)?;
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"')`".contains(c))
            .unwrap_or(rest.len());
        return clean(rest.get(..end)?);
    }
    if let Some(at) = text.find("Value (") {
        let rest = text.get(at + "Value (".len()..)?;
        let end = rest.find(')')?;
        if rest.get(end..)?.contains("iamInstanceProfile") {
            return clean(rest.get(..end)?);
        }
    }
    for marker in ["IamInstanceProfile:", "Instance Profile \""] {
        if let Some(at) = text.find(marker) {
            let rest = text.get(at + marker.len()..)?.trim_start();
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            return clean(rest.get(..end)?);
        }
    }
    None
}

#[cfg(test)]
mod profile_words_tests {
    use super::profile_in_words;

    #[test]
    fn reads_the_profile_each_wording_names() {
        assert_eq!(
            profile_in_words("IAM Instance Profile \"arn:aws:iam::123456789012:instance-profile/web-profile\" has no associated IAM Roles").as_deref(),
            Some("web-profile")
        );
        assert_eq!(
            profile_in_words(
                "Value (my-app-profile) for parameter iamInstanceProfile.name is invalid."
            )
            .as_deref(),
            Some("my-app-profile")
        );
        assert_eq!(
            profile_in_words("Status Reason: Invalid IamInstanceProfile: web-profile. Launching EC2 instance failed.").as_deref(),
            Some("web-profile")
        );
        assert_eq!(profile_in_words("Launching EC2 instance failed."), None);
    }
}

/// Words that say the failing program runs in a container (stated context counts as evidence).
const CONTAINER_WORDS: &[&str] = &[
    "docker run",
    "docker exec",
    "docker logs",
    "docker compose",
    "docker-compose",
    "container",
    "kubectl",
    "podman",
    "コンテナ",
];

/// Where a paste of the case says the program runs in a container (`docker run …`, a pod).
pub fn stated_container(case: &Case) -> Option<crate::finding::Evidence> {
    for input in case.inputs() {
        // Each input's own text and its command line (a paste is searched once, through its
        // inputs).
        let spans = [Some(input.input.span), input.command().map(|c| c.span)];
        for span in spans.into_iter().flatten() {
            for word in CONTAINER_WORDS {
                if let Some(hit) = crate::input::scan_ci(input.paste, span, word) {
                    return Some(input.evidence(hit, None));
                }
            }
        }
    }
    None
}

/// Whether a paste sets `NO_PROXY` / `no_proxy` to a list that names IMDS (`169.254.169.254`,
/// `169.254.0.0/16` or the whole link-local `169.254.` range).
pub fn no_proxy_covers_imds(case: &Case) -> bool {
    case.pastes.iter().any(|paste| {
        paste.text.lines().any(|line| {
            let lower = line.to_ascii_lowercase();
            lower.contains("no_proxy") && lower.contains("169.254.")
        })
    })
}
