//! `credentials-from-other-source`: the process takes credentials from a source the SDKs try
//! before the instance profile (environment, shared files, a profile, container or web
//! identity), so the role's policies have no effect on it.

use crate::finding::{Confidence, Diagnosis, Evidence, FixKind, Severity};
use crate::input::facts::{ClientConfig, ClientSays, Facts};
use crate::lang::Lang;
use crate::rules::case::{Case, Found};
use crate::rules::support;
use crate::rules::{Area, Message, RuleInfo, Text};

pub const RULE: RuleInfo = RuleInfo {
    id: "credentials-from-other-source",
    severity: Severity::Warning,
    sections: &[],
    area: Area::Credentials,
    summary: Text {
        en: "the process takes its credentials from the instance profile",
        ja: "プロセスがインスタンスプロファイルから認証情報を得ているか",
    },
    messages: &[
        Message {
            key: "other-source",
            title: Text {
                en: "the process takes its credentials from {source}, not from the instance profile",
                ja: "プロセスはインスタンスプロファイルではなく{source}から認証情報を得ている",
            },
            detail: Text {
                en: "The SDKs and the AWS CLI try their credential sources in order: environment variables, then web identity and the profile of the shared config and credentials files (keys, `role_arn`, `credential_process`, SSO), then container credentials, and the instance profile (IMDS) last. The first source that has credentials wins, so this process signs its calls with {source}: the instance role's policies do not apply to it, and changing them has no effect.",
                ja: "SDK と AWS CLI は認証情報の取得元を順に試します。環境変数、次に Web ID と共有設定・認証情報ファイルのプロファイル (キー、`role_arn`、`credential_process`、SSO)、次にコンテナの認証情報で、インスタンスプロファイル (IMDS) は最後です。最初に見つかった取得元が使われるため、このプロセスは{source}で署名しています。インスタンスロールのポリシーは適用されず、変更しても効果がありません。",
            },
        },
        Message {
            key: "caller",
            title: Text {
                en: "the calls on the instance are made as `{arn}`, not as the instance role",
                ja: "インスタンス上の呼び出しはインスタンスロールではなく `{arn}` として行われている",
            },
            detail: Text {
                en: "On the same instance IMDS serves role credentials, yet `get-caller-identity` answers `{arn}`. Credentials from the instance profile show as `assumed-role/ROLE/i-…`: this process found credentials earlier in the chain (environment variables, a profile of `~/.aws/credentials` or `~/.aws/config`, container or web identity), so the instance role's policies do not apply to it.",
                ja: "同じインスタンスで IMDS はロールの認証情報を提供していますが、`get-caller-identity` は `{arn}` を返しています。インスタンスプロファイルの認証情報なら `assumed-role/ROLE/i-…` になります。このプロセスはチェーンのより前 (環境変数、`~/.aws/credentials` や `~/.aws/config` のプロファイル、コンテナ、Web ID) で認証情報を見つけているため、インスタンスロールのポリシーは適用されません。",
            },
        },
    ],
    explanation: Text {
        en: include_str!("credentials_from_other_source.en.md"),
        ja: include_str!("credentials_from_other_source.ja.md"),
    },
    links: &[],
    check,
};

const UNSET_ENV: Text = Text {
    en: "remove the keys from the program's environment (and its service or container definition), then restart it",
    ja: "プログラムの環境 (とそのサービス・コンテナ定義) からキーを外し、再起動する",
};
const SHOW_CHAIN: Text = Text {
    en: "show which source the AWS CLI takes its credentials from (`iam-role` is the instance profile)",
    ja: "AWS CLI が認証情報をどこから得ているかを表示する (`iam-role` がインスタンスプロファイル)",
};
const CONFIRM: Text = Text {
    en: "confirm the calls are made as the instance role (`assumed-role/ROLE/i-…`)",
    ja: "呼び出しがインスタンスロール (`assumed-role/ROLE/i-…`) として行われることを確かめる",
};

/// What the SDKs read before IMDS, in chain order: (variable, how it is named in a title).
const SOURCES: &[(&str, Text)] = &[
    (
        "AWS_ACCESS_KEY_ID",
        Text {
            en: "the environment variables `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`",
            ja: "環境変数 `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`",
        },
    ),
    (
        "AWS_WEB_IDENTITY_TOKEN_FILE",
        Text {
            en: "a web identity token (`AWS_WEB_IDENTITY_TOKEN_FILE`)",
            ja: "Web ID トークン (`AWS_WEB_IDENTITY_TOKEN_FILE`)",
        },
    ),
    (
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        Text {
            en: "the container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`)",
            ja: "コンテナの認証情報エンドポイント (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`)",
        },
    ),
    (
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        Text {
            en: "the container credentials endpoint (`AWS_CONTAINER_CREDENTIALS_FULL_URI`)",
            ja: "コンテナの認証情報エンドポイント (`AWS_CONTAINER_CREDENTIALS_FULL_URI`)",
        },
    ),
];

/// Profile keys that give credentials before IMDS.
const PROFILE_SOURCE_KEYS: &[&str] = &[
    "aws_access_key_id",
    "role_arn",
    "credential_process",
    "sso_session",
    "sso_start_url",
    "web_identity_token_file",
];

/// The source a config names, with its evidence.
fn config_source(found: &Found<'_, ClientConfig>, lang: Lang) -> Option<(String, Vec<Evidence>)> {
    let config = found.item;
    let set = |name: &str| {
        config
            .variables
            .iter()
            .find(|v| v.name.value == name && !v.value.value.trim().is_empty())
    };
    for (name, words) in SOURCES {
        if let Some(variable) = set(name) {
            return Some((
                words.get(lang).to_owned(),
                vec![found.at.cite(&variable.name)],
            ));
        }
    }
    // The profile in use: `AWS_PROFILE` (or the older `AWS_DEFAULT_PROFILE`), else `default`.
    let chosen = set("AWS_PROFILE").or_else(|| set("AWS_DEFAULT_PROFILE"));
    let wanted = chosen.map_or("default", |v| v.value.value.trim());
    let profile = config
        .profiles
        .iter()
        .filter(|p| p.is_profile && p.name.value == wanted)
        .find_map(|p| {
            p.settings
                .iter()
                .find(|s| PROFILE_SOURCE_KEYS.contains(&s.name.value.as_str()))
                .map(|s| (p, s))
        });
    if let Some((profile, key)) = profile {
        let words = match lang {
            Lang::En => format!("profile `{}` (`{}`)", profile.name.value, key.name.value),
            Lang::Ja => format!(
                "プロファイル `{}` (`{}`)",
                profile.name.value, key.name.value
            ),
        };
        let mut evidence = vec![found.at.cite(&profile.name), found.at.cite(&key.name)];
        if let Some(variable) = chosen {
            evidence.push(found.at.cite(&variable.name));
        }
        return Some((words, evidence));
    }
    if let Some(variable) = chosen {
        let words = match lang {
            Lang::En => format!("profile `{}` (`{}`)", wanted, variable.name.value),
            Lang::Ja => format!("プロファイル `{}` (`{}`)", wanted, variable.name.value),
        };
        return Some((words, vec![found.at.cite(&variable.name)]));
    }
    let row = config.configure_list.iter().find(|row| {
        row.name.value == "access_key"
            && !matches!(row.source.value.as_str(), "iam-role" | "None" | "none")
    });
    if let Some(row) = row {
        let words = match lang {
            Lang::En => format!("`{}` (`aws configure list`)", row.source.value),
            Lang::Ja => format!("`{}` (`aws configure list`)", row.source.value),
        };
        return Some((words, vec![found.at.cite(&row.source)]));
    }
    config.client_lines.iter().find_map(|line| {
        let words = match (line.says, lang) {
            (ClientSays::CredentialsFromEnvironment, Lang::En) => "environment variables",
            (ClientSays::CredentialsFromEnvironment, Lang::Ja) => "環境変数",
            (ClientSays::CredentialsFromSharedFile, Lang::En) => "the shared credentials file",
            (ClientSays::CredentialsFromSharedFile, Lang::Ja) => "共有認証情報ファイル",
            (ClientSays::CredentialsFromConfigFile, Lang::En) => "the config file",
            (ClientSays::CredentialsFromConfigFile, Lang::Ja) => "設定ファイル",
            (ClientSays::CredentialsFromInstanceRole | ClientSays::ImdsDisabled, _) => return None,
        };
        Some((words.to_owned(), vec![found.at.cite(&line.evidence)]))
    })
}

/// Whether a config shows the instance profile as the source in use.
fn names_instance_role(config: &ClientConfig) -> bool {
    config
        .configure_list
        .iter()
        .any(|row| row.name.value == "access_key" && row.source.value == "iam-role")
        || config
            .client_lines
            .iter()
            .any(|line| line.says == ClientSays::CredentialsFromInstanceRole)
}

fn check(case: &Case, lang: Lang, out: &mut Diagnosis) {
    let configs = case.client_configs();
    let found = configs.iter().find_map(|config| {
        config_source(config, lang).map(|(words, evidence)| (words, evidence, config))
    });
    if let Some((source, evidence, config)) = found {
        let mut finding = RULE.finding("other-source", lang, &[("source", &source)]);
        finding.confidence = Some(Confidence::Likely);
        finding.evidence = evidence;
        let from_env = config
            .item
            .variables
            .iter()
            .any(|v| v.name.value == "AWS_ACCESS_KEY_ID");
        if from_env {
            finding.fix.push(support::command_fix(
                UNSET_ENV,
                lang,
                "unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN".to_owned(),
                FixKind::Current,
            ));
        }
        finding.fix.push(support::command_fix(
            SHOW_CHAIN,
            lang,
            "aws configure list".to_owned(),
            FixKind::Current,
        ));
        finding.fix.push(support::command_fix(
            CONFIRM,
            lang,
            "aws sts get-caller-identity".to_owned(),
            FixKind::Current,
        ));
        out.findings.push(finding);
        return;
    }
    // A caller identity in a paste that also shows IMDS serving role credentials: the same
    // machine, so the same chain.
    for identity in case.caller_identities() {
        let Some(arn) = &identity.item.arn else {
            continue;
        };
        let from_instance = identity
            .item
            .assumed_role
            .as_ref()
            .is_some_and(|role| role.session_is_instance_id);
        if from_instance {
            continue;
        }
        let imds_serves_role = case.inputs().any(|at| {
            std::ptr::eq(at.paste, identity.at.paste)
                && match &at.input.facts {
                    Facts::CredentialsListing(listing) => !listing.role_names.is_empty(),
                    Facts::ImdsCredentials(credentials) => credentials.access_key_id.is_some(),
                    _ => false,
                }
        });
        if !imds_serves_role {
            continue;
        }
        let mut finding = RULE.finding("caller", lang, &[("arn", &arn.value)]);
        finding.confidence = Some(Confidence::Likely);
        finding.evidence.push(identity.at.cite(arn));
        finding.fix.push(support::command_fix(
            SHOW_CHAIN,
            lang,
            "aws configure list".to_owned(),
            FixKind::Current,
        ));
        out.findings.push(finding);
        return;
    }
    if configs.iter().any(|c| names_instance_role(c.item)) {
        support::checked(out, &RULE, lang, "");
    }
}
