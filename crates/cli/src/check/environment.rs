//! What the SDKs read on the instance besides IMDS: the clock, the environment variables of the
//! credential chain and of IMDS, proxies, the AWS config and credentials files, and signs that
//! the process runs in a container (where a hop limit of 1 loses the token's answer). Values of
//! secrets are replaced before anything is kept.

use std::time::{SystemTime, UNIX_EPOCH};

use engine::gather::REDACTED;

use super::Step;

/// Settings of the AWS config file whose values say nothing secret and decide the diagnosis
/// (the IMDS endpoint, v1 fallback, timeouts). Every other value is replaced.
const PLAIN_KEYS: &[&str] = &[
    "region",
    "output",
    "credential_source",
    "source_profile",
    "ec2_metadata_service_endpoint",
    "ec2_metadata_service_endpoint_mode",
    "ec2_metadata_v1_disabled",
    "metadata_service_timeout",
    "metadata_service_num_attempts",
];

fn is_windows() -> bool {
    std::env::consts::OS == "windows"
}

/// The variables the SDKs, the ECS agent and HTTP stacks read (proxy names in any case).
pub fn is_client_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    upper.starts_with("AWS_")
        || upper.starts_with("ECS_")
        || [
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "NO_PROXY",
            "KUBERNETES_SERVICE_HOST",
        ]
        .contains(&upper.as_str())
}

/// A variable's value as it may be shown: secrets replaced, a proxy's password too.
pub fn shown_value(name: &str, value: &str) -> String {
    let upper = name.to_ascii_uppercase();
    if upper == "AWS_ACCESS_KEY_ID" {
        // The four-letter prefix tells long-term (`AKIA`) from temporary (`ASIA`) keys.
        return match value.get(..4) {
            Some(prefix) if prefix.bytes().all(|b| b.is_ascii_uppercase()) => {
                format!("{prefix}{REDACTED}")
            }
            _ => REDACTED.to_owned(),
        };
    }
    if upper.contains("SECRET") || upper.ends_with("_TOKEN") || upper.contains("PASSWORD") {
        return REDACTED.to_owned();
    }
    if upper.ends_with("_PROXY") {
        if let Some((scheme, rest)) = value.split_once("://") {
            if let Some((user_info, host)) = rest.rsplit_once('@') {
                let user = user_info.split(':').next().unwrap_or_default();
                return format!("{scheme}://{user}:{REDACTED}@{host}");
            }
        }
    }
    value.to_owned()
}

/// Now as `2026-12-03T13:40:00Z`.
pub fn now_rfc3339() -> String {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    rfc3339(seconds)
}

/// Seconds since the epoch as RFC 3339 UTC (Howard Hinnant's civil-from-days).
pub fn rfc3339(seconds: u64) -> String {
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let rest = seconds % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// An AWS config or credentials file with its values replaced (but those of [`PLAIN_KEYS`]).
pub fn masked_config(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let trimmed = line.trim_start();
        match line.split_once('=') {
            Some((key, _)) if !trimmed.starts_with(['#', ';', '[']) => {
                let name = key.trim();
                if PLAIN_KEYS.contains(&name.to_ascii_lowercase().as_str()) {
                    out.push_str(line);
                } else {
                    out.push_str(key.trim_end());
                    out.push_str(" = ");
                    out.push_str(REDACTED);
                }
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

fn home(env: &dyn Fn(&str) -> Option<String>) -> Option<String> {
    if is_windows() {
        env("USERPROFILE").or_else(|| env("HOME"))
    } else {
        env("HOME")
    }
}

/// The steps that read the clock, the environment, the files and the container's marks.
pub fn steps(env: &dyn Fn(&str) -> Option<String>) -> Vec<Step> {
    let mut steps = Vec::new();
    let date = if is_windows() {
        "(Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')"
    } else {
        "date -u +%Y-%m-%dT%H:%M:%SZ"
    };
    steps.push(Step {
        command: date.to_owned(),
        output: now_rfc3339(),
    });

    let mut variables: Vec<(String, String)> = std::env::vars_os()
        .filter_map(|(name, value)| {
            Some((
                name.into_string().ok()?,
                value.to_string_lossy().into_owned(),
            ))
        })
        .filter(|(name, _)| is_client_variable(name))
        .collect();
    variables.sort();
    let listing: String = variables
        .iter()
        .map(|(name, value)| format!("{name}={}\n", shown_value(name, value)))
        .collect();
    let command = if is_windows() {
        "cmd /c set | findstr /i /r \"^AWS_ ^ECS_ ^KUBERNETES_SERVICE_HOST= _PROXY=\""
    } else {
        "env | grep -i -E '^(AWS_|ECS_|KUBERNETES_SERVICE_HOST=|(HTTPS?|ALL|NO)_PROXY=)' | sort"
    };
    steps.push(Step {
        command: command.to_owned(),
        output: listing,
    });

    if !is_windows() {
        let markers: String = ["/.dockerenv", "/run/.containerenv"]
            .iter()
            .filter(|path| std::path::Path::new(path).exists())
            .map(|path| format!("{path}\n"))
            .collect();
        steps.push(Step {
            command: "ls -d /.dockerenv /run/.containerenv 2>/dev/null".to_owned(),
            output: markers,
        });
        let cgroups: String = std::fs::read_to_string("/proc/1/cgroup")
            .unwrap_or_default()
            .lines()
            .filter(|line| {
                ["docker", "kubepods", "containerd", "libpod"]
                    .iter()
                    .any(|w| line.contains(w))
            })
            .take(3)
            .map(|line| format!("{line}\n"))
            .collect();
        steps.push(Step {
            command: "grep -E 'docker|kubepods|containerd|libpod' /proc/1/cgroup".to_owned(),
            output: cgroups,
        });
    }

    let home = home(env);
    for (variable, file) in [
        ("AWS_SHARED_CREDENTIALS_FILE", "credentials"),
        ("AWS_CONFIG_FILE", "config"),
    ] {
        let (path, shown) = match env(variable).filter(|p| !p.trim().is_empty()) {
            Some(path) => (path.clone(), path),
            None => match &home {
                Some(home) => (
                    std::path::Path::new(home)
                        .join(".aws")
                        .join(file)
                        .to_string_lossy()
                        .into_owned(),
                    if is_windows() {
                        format!("$env:USERPROFILE\\.aws\\{file}")
                    } else {
                        format!("~/.aws/{file}")
                    },
                ),
                None => continue,
            },
        };
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let plain = PLAIN_KEYS.join("|");
        let command = if is_windows() {
            format!("(Get-Content {shown}) -replace '^(?!\\s*({plain})\\s*=)([^=\\[#;]+)=.*', '$2= {REDACTED}'")
        } else {
            format!("sed -E '/^[[:space:]]*({plain})[[:space:]]*=/!s/^([^=#;[]+)=.*/\\1= {REDACTED}/' {}", shell_path(&shown))
        };
        steps.push(Step {
            command,
            output: masked_config(&text),
        });
    }
    steps
}

/// A path for a POSIX shell: `~/…` as it is (the shell expands it), others single-quoted.
fn shell_path(path: &str) -> String {
    if path.starts_with("~/")
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"~/._-".contains(&b))
    {
        path.to_owned()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_values_are_never_shown() {
        assert_eq!(
            shown_value("AWS_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE"),
            "AKIA<redacted>"
        );
        assert_eq!(
            shown_value("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG"),
            REDACTED
        );
        assert_eq!(
            shown_value("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj"),
            REDACTED
        );
        assert_eq!(
            shown_value("https_proxy", "http://bob:hunter2@proxy:3128"),
            "http://bob:<redacted>@proxy:3128"
        );
        assert_eq!(shown_value("AWS_REGION", "eu-west-1"), "eu-west-1");
    }

    #[test]
    fn config_files_keep_only_plain_values() {
        let masked = masked_config("[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\nregion = eu-west-1\n# note = kept\n[profile web]\nrole_arn=arn:aws:iam::123456789012:role/web\n");
        assert_eq!(
            masked,
            "[default]\naws_access_key_id = <redacted>\nregion = eu-west-1\n# note = kept\n[profile web]\nrole_arn = <redacted>\n"
        );
    }

    #[test]
    fn times_are_written_in_rfc3339() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_796_305_200), "2026-12-03T13:40:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
