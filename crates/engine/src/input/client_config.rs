//! `client-config`: how the client on the instance is set up. Environment dumps (`env`,
//! `printenv`, `export -p`, `set`), `/etc/ecs/ecs.config`, AWS config and credentials files
//! (`[default]`, `[profile web]`, values usually masked), `aws configure list`, the SDK log lines
//! that name the credential source, the local clock (`date -u`) and signs of a container.
//!
//! Values are kept as written; secret values (keys, tokens) are found by the secret scanner and
//! masked by every renderer. [`no_proxy_covers`] is the proxy bypass test the SDKs apply, shared
//! with the CLI's `check`.

use super::command::CommandLine;
use super::facts::{
    ClientConfig, ClientLine, ClientSays, ConfigProfile, ConfigSetting, ConfigureListRow, Facts,
    Located,
};
use super::scan;
use super::{InputKind, Reading, Signature, TextPiece};
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::ClientConfig,
    commands: &["configure list"],
    recognise_json: None,
    read_json: None,
    read_text: Some(read_text),
};

/// Variables the SDKs and agents read besides `AWS_*` and `ECS_*` (any case for the proxy ones).
const OTHER_VARIABLES: &[&str] = &[
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "NO_PROXY",
    "ALL_PROXY",
    "KUBERNETES_SERVICE_HOST",
];

/// Keys of AWS config and credentials files that make a section an AWS profile.
const PROFILE_KEYS: &[&str] = &[
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "region",
    "output",
    "role_arn",
    "source_profile",
    "credential_source",
    "credential_process",
    "web_identity_token_file",
    "sso_session",
    "sso_start_url",
    "sso_account_id",
    "sso_role_name",
    "ec2_metadata_service_endpoint",
    "ec2_metadata_service_endpoint_mode",
    "ec2_metadata_v1_disabled",
    "metadata_service_timeout",
    "metadata_service_num_attempts",
];

/// SDK log lines about the client's setup: (phrase, what it says, source). Each phrase is the
/// constant part of the message as the SDK's source writes it.
// Kept here until the shared table of client messages holds them (then they move there).
const CLIENT_LINES: &[(&str, ClientSays, &str)] = &[
    (
        "Found credentials in environment variables",
        ClientSays::CredentialsFromEnvironment,
        "botocore/credentials.py EnvProvider.load: logger.info('Found credentials in environment variables.')",
    ),
    (
        "Found credentials in shared credentials file",
        ClientSays::CredentialsFromSharedFile,
        "botocore/credentials.py SharedCredentialProvider.load: 'Found credentials in shared credentials file: %s'",
    ),
    (
        "Found credentials in config file",
        ClientSays::CredentialsFromConfigFile,
        "botocore/credentials.py ConfigProvider.load: 'Found credentials in config file: %s'",
    ),
    (
        "Found credentials from IAM Role",
        ClientSays::CredentialsFromInstanceRole,
        "botocore/credentials.py InstanceMetadataProvider.load: 'Found credentials from IAM Role: %s'",
    ),
    (
        "access disabled to EC2 IMDS via client option",
        ClientSays::ImdsDisabled,
        "aws-sdk-go-v2 feature/ec2/imds/api_client.go: \"access disabled to EC2 IMDS via client option, or %q environment variable\"",
    ),
];

fn is_client_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.starts_with("AWS_")
        || upper.starts_with("ECS_")
        || OTHER_VARIABLES.contains(&upper.as_str())
}

fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let span = scan::trim(paste, piece.span);
    let mut config = ClientConfig {
        variables: Vec::new(),
        profiles: Vec::new(),
        configure_list: Vec::new(),
        client_lines: Vec::new(),
        local_time: None,
        container: None,
    };
    let mut score = 0u8;
    if let Some(time) = piece.command.and_then(|c| local_time(paste, span, c)) {
        config.local_time = Some(time);
        score = 80;
    }
    if piece.command.is_some_and(names_container_file) {
        config.container = container_marker(paste, span);
        if config.container.is_some() {
            score = score.max(80);
        }
    }
    let mut lines = 0usize;
    let mut assignments = 0usize;
    let mut in_list = false;
    for line in scan::lines(paste, span) {
        let trimmed = scan::trim(paste, line);
        let text = trimmed.slice(paste);
        if text.is_empty() {
            continue;
        }
        lines += 1;
        if is_configure_list_header(text) {
            in_list = true;
            score = score.max(95);
            continue;
        }
        if in_list {
            if let Some(row) = configure_list_row(paste, trimmed) {
                config.configure_list.push(row);
                continue;
            }
        }
        if let Some(name) = section_header(paste, trimmed) {
            config.profiles.push(name);
            assignments += 1;
            continue;
        }
        if let Some(setting) = assignment(paste, trimmed) {
            assignments += 1;
            let name = setting.name.value.as_str();
            match config.profiles.last_mut() {
                Some(profile) if !name.contains(|c: char| c.is_ascii_uppercase()) => {
                    if PROFILE_KEYS.contains(&name) {
                        score = score.max(80);
                    }
                    profile.settings.push(setting);
                }
                _ if is_client_variable(name) => {
                    config.variables.push(setting);
                }
                _ => {}
            }
            continue;
        }
        for (phrase, says, _source) in CLIENT_LINES {
            if let Some(at) = scan::find_phrase(paste, trimmed.start, trimmed.end, phrase) {
                let evidence = Span::new(at.start, trimmed.end);
                config.client_lines.push(ClientLine {
                    says: *says,
                    evidence: Located::new(evidence.slice(paste).to_owned(), evidence),
                });
                // The Go SDK's "access disabled" line sits inside an SDK error that says no
                // role was found: the setting is the cause, so this reading wins.
                score = score.max(if *says == ClientSays::ImdsDisabled {
                    75
                } else {
                    50
                });
                break;
            }
        }
    }
    if !config.variables.is_empty() && assignments * 2 >= lines {
        score = score.max(75);
    }
    if config
        .variables
        .iter()
        .any(|v| v.name.value.starts_with("ECS_"))
    {
        config.container = config.container.or_else(|| {
            config
                .variables
                .iter()
                .find(|v| v.name.value.starts_with("ECS_CONTAINER_METADATA_URI"))
                .map(|v| v.name.clone())
        });
    }
    if config.container.is_none() {
        config.container = config
            .variables
            .iter()
            .find(|v| v.name.value == "KUBERNETES_SERVICE_HOST")
            .map(|v| v.name.clone());
    }
    // Sections without an AWS key are some other INI file.
    if score < 75 {
        config.profiles.clear();
        config.variables.clear();
    }
    if score == 0 {
        return None;
    }
    Some((
        score,
        Reading::new(InputKind::ClientConfig, Facts::ClientConfig(config)),
    ))
}

/// `      Name                    Value             Type    Location` (AWS CLI v1 and v2).
fn is_configure_list_header(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ':')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() == 4 && {
        let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();
        lower == ["name", "value", "type", "location"]
    }
}

/// `access_key     ****************ABCD shared-credentials-file    ~/.aws/credentials`.
fn configure_list_row(paste: &str, line: Span) -> Option<ConfigureListRow> {
    let mut words = Vec::new();
    let mut pos = line.start;
    while pos < line.end && words.len() < 3 {
        pos = scan::skip_space(paste, pos, line.end);
        let mut word = scan::token(paste, pos, line.end);
        if word.is_empty() {
            break;
        }
        // `<not set>` is one value.
        if word.slice(paste).starts_with('<') && !word.slice(paste).ends_with('>') {
            let next = scan::token(paste, scan::skip_space(paste, word.end, line.end), line.end);
            if next.slice(paste).ends_with('>') {
                word = Span::new(word.start, next.end);
            }
        }
        pos = word.end;
        if word.slice(paste) == ":" {
            continue;
        }
        words.push(word);
    }
    let [name, value, source] = words.as_slice() else {
        return None;
    };
    let name_text = name.slice(paste);
    if name_text.starts_with('-')
        || !name_text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b == b'_')
    {
        return None;
    }
    let located = |span: &Span| Located::new(span.slice(paste).to_owned(), *span);
    Some(ConfigureListRow {
        name: located(name),
        value: located(value),
        source: located(source),
    })
}

/// `[default]`, `[profile web]`, `[sso-session corp]`.
fn section_header(paste: &str, line: Span) -> Option<ConfigProfile> {
    let text = line.slice(paste);
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let lead = inner.len() - inner.trim_start().len();
    let words = inner.trim();
    if words.is_empty() || words.contains(['[', ']', '=']) {
        return None;
    }
    let (is_profile, name) = match words.split_once(char::is_whitespace) {
        Some(("profile", name)) => (true, name.trim()),
        Some((_, name)) => (false, name.trim()),
        None => (true, words),
    };
    let offset = line.start + 1 + lead + words.len() - name.len();
    let span = Span::new(offset, offset + name.len());
    Some(ConfigProfile {
        name: Located::new(name.to_owned(), span),
        is_profile,
        settings: Vec::new(),
    })
}

/// `NAME=value`, `export NAME="value"`, `declare -x NAME="value"`, `key = value`.
fn assignment(paste: &str, line: Span) -> Option<ConfigSetting> {
    let text = line.slice(paste);
    let skip = ["export ", "declare -x ", "set ", "SET "]
        .iter()
        .find(|prefix| text.starts_with(*prefix))
        .map_or(0, |prefix| prefix.len());
    let start = scan::skip_space(paste, line.start + skip, line.end);
    let name = scan::run_while(paste, start, line.end, |b| {
        b.is_ascii_alphanumeric() || b == b'_'
    });
    if name.is_empty()
        || paste
            .as_bytes()
            .get(name.start)
            .is_some_and(u8::is_ascii_digit)
    {
        return None;
    }
    let equals = scan::skip_space(paste, name.end, line.end);
    if paste.as_bytes().get(equals) != Some(&b'=') {
        return None;
    }
    let mut value = scan::trim(paste, Span::new(equals + 1, line.end));
    let bytes = paste.as_bytes();
    if value.len() >= 2 {
        let (first, last) = (bytes.get(value.start), bytes.get(value.end - 1));
        if first == last && matches!(first, Some(b'"' | b'\'')) {
            value = Span::new(value.start + 1, value.end - 1);
        }
    }
    Some(ConfigSetting {
        name: Located::new(name.slice(paste).to_owned(), name),
        value: Located::new(value.slice(paste).to_owned(), value),
    })
}

/// The output of `date` (`date -u`, `date -u +%Y-%m-%dT%H:%M:%SZ`, PowerShell's `Get-Date`).
fn local_time(paste: &str, span: Span, command: &CommandLine) -> Option<Located<String>> {
    // `date -u …`, or PowerShell's `(Get-Date).ToUniversalTime().ToString(…)`.
    let program = command.program.to_ascii_lowercase();
    if program != "date" && !command.text.to_ascii_lowercase().contains("get-date") {
        return None;
    }
    let text = span.slice(paste);
    if text.contains('\n') || crate::clock::parse(text).is_none() {
        return None;
    }
    Some(Located::new(text.to_owned(), span))
}

/// `ls /.dockerenv`, `cat /proc/1/cgroup` and the like.
fn names_container_file(command: &CommandLine) -> bool {
    ["/.dockerenv", "/run/.containerenv", "/proc/1/cgroup"]
        .iter()
        .any(|file| command.text.contains(file))
}

/// A line that shows a container: the marker file listed, or a cgroup of a container runtime.
fn container_marker(paste: &str, span: Span) -> Option<Located<String>> {
    scan::lines(paste, span).find_map(|line| {
        let line = scan::trim(paste, line);
        let text = line.slice(paste);
        let marker = text == "/.dockerenv"
            || text == "/run/.containerenv"
            || (text.contains(':')
                && ["docker", "kubepods", "containerd", "libpod", "/ecs/"]
                    .iter()
                    .any(|word| text.contains(word)));
        marker.then(|| Located::new(text.to_owned(), line))
    })
}

/// Whether `NO_PROXY` (comma-separated) exempts `host` from the proxy, as the SDKs' HTTP stacks
/// read it: `*`; the host itself; a domain suffix (`.example.com` or `example.com`); an IPv4
/// CIDR block (Go's `httpproxy`). Ports after a name are ignored; an IPv6 host may be written
/// with or without its brackets.
pub fn no_proxy_covers(no_proxy: &str, host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    no_proxy.split(',').any(|entry| {
        let entry = entry.trim();
        if entry == "*" {
            return true;
        }
        let entry = entry.trim_start_matches('[');
        let entry = match entry.split_once(']') {
            Some((inside, _)) => inside,
            None if entry.matches(':').count() == 1 => entry.split(':').next().unwrap_or(entry),
            None => entry,
        };
        if entry.is_empty() {
            return false;
        }
        if let Some((network, bits)) = entry.split_once('/') {
            return in_cidr(host, network, bits);
        }
        let entry = entry.trim_start_matches('.');
        host.eq_ignore_ascii_case(entry)
            || (host.len() > entry.len()
                && host
                    .get(host.len() - entry.len()..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(entry))
                && host.as_bytes().get(host.len() - entry.len() - 1) == Some(&b'.'))
    })
}

fn ipv4(text: &str) -> Option<u32> {
    let mut value = 0u32;
    let mut parts = 0;
    for part in text.split('.') {
        let byte: u8 = part.parse().ok()?;
        value = (value << 8) | u32::from(byte);
        parts += 1;
    }
    (parts == 4).then_some(value)
}

fn in_cidr(host: &str, network: &str, bits: &str) -> bool {
    let (Some(host), Some(network), Ok(bits)) = (ipv4(host), ipv4(network), bits.parse::<u32>())
    else {
        return false;
    };
    if bits > 32 {
        return false;
    }
    let mask = if bits == 0 {
        0
    } else {
        u32::MAX << (32 - bits)
    };
    host & mask == network & mask
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::{read, Facts};

    fn config(text: &str) -> ClientConfig {
        let inputs = read(text);
        let found = inputs.iter().find_map(|input| match &input.facts {
            Facts::ClientConfig(config) => Some(config.clone()),
            _ => None,
        });
        found.unwrap_or_else(|| panic!("not client-config: {inputs:?}"))
    }

    #[test]
    fn reads_an_environment_dump() {
        let text = "$ env | sort\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_EC2_METADATA_DISABLED=true\nHOME=/root\nno_proxy=169.254.169.254\nPATH=/usr/bin\n";
        let found = config(text);
        let names: Vec<&str> = found.variables.iter().map(|v| v.name.as_str()).collect();
        assert_eq!(
            names,
            ["AWS_ACCESS_KEY_ID", "AWS_EC2_METADATA_DISABLED", "no_proxy"]
        );
        let inputs = read(text);
        assert!(
            inputs.iter().any(|i| !i.secrets.is_empty()),
            "the key is a secret"
        );
    }

    #[test]
    fn reads_profiles_and_configure_list() {
        let found = config("[default]\naws_access_key_id = <redacted>\naws_secret_access_key = <redacted>\n\n[profile web]\nrole_arn = <redacted>\nsource_profile = default\n");
        let names: Vec<(&str, bool, usize)> = found
            .profiles
            .iter()
            .map(|p| (p.name.as_str(), p.is_profile, p.settings.len()))
            .collect();
        assert_eq!(names, [("default", true, 2), ("web", true, 2)]);
        let list = config("      Name                    Value             Type    Location\n      ----                    -----             ----    --------\n   profile                <not set>             None    None\naccess_key     ****************ABCD shared-credentials-file    ~/.aws/credentials\n");
        let rows: Vec<(&str, &str)> = list
            .configure_list
            .iter()
            .map(|r| (r.name.as_str(), r.source.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("profile", "None"),
                ("access_key", "shared-credentials-file")
            ]
        );
    }

    #[test]
    fn reads_the_clock_from_date_and_get_date() {
        for text in [
            "$ date -u +%Y-%m-%dT%H:%M:%SZ\n2026-12-03T13:40:00Z\n",
            "PS C:\\> (Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')\n2026-12-03T13:40:00Z\n",
            "$ date -u\nThu Dec  3 13:40:00 UTC 2026\n",
        ] {
            let found = config(text).local_time.map(|t| t.value);
            assert!(found.is_some_and(|t| t.contains("13:40:00")), "{text}");
        }
    }

    #[test]
    fn other_ini_files_and_prose_are_not_client_config() {
        let inputs = read("[mysqld]\ndatadir = /var/lib/mysql\n");
        assert!(inputs
            .iter()
            .all(|i| !matches!(i.facts, Facts::ClientConfig(_))));
    }

    #[test]
    fn no_proxy_is_read_as_the_sdks_read_it() {
        assert!(no_proxy_covers("169.254.169.254", "169.254.169.254"));
        assert!(no_proxy_covers(
            "localhost, 169.254.169.254:80",
            "169.254.169.254"
        ));
        assert!(no_proxy_covers("169.254.0.0/16", "169.254.169.254"));
        assert!(no_proxy_covers("*", "169.254.169.254"));
        assert!(no_proxy_covers(".internal", "imds.internal"));
        assert!(no_proxy_covers("[fd00:ec2::254]", "[fd00:ec2::254]"));
        assert!(!no_proxy_covers("169.254.169.25", "169.254.169.254"));
        assert!(!no_proxy_covers("10.0.0.0/8,.internal", "169.254.169.254"));
        assert!(!no_proxy_covers("", "169.254.169.254"));
    }
}
