//! The one-line summary on an input card ("instance profile `web-prod`, id `AIPA…`, roles:
//! `web`"), read from the facts the engine extracted. Presentation only: no AWS judgement here.

use engine::input::{Facts, Input, Located};
use engine::lang::Lang;

use crate::i18n::{t, tf, Key};

fn value<'a>(located: Option<&'a Located<String>>, missing: &'a str) -> &'a str {
    located.map_or(missing, |l| l.value.as_str())
}

fn join_code(values: &[&str], none: &str) -> String {
    if values.is_empty() {
        none.to_owned()
    } else {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The summary of one input in `lang` (user values in backticks).
pub fn summary(input: &Input, lang: Lang) -> String {
    let missing = t(lang, Key::SummaryMissing);
    let none = t(lang, Key::SummaryNone);
    let count = |n: usize| n.to_string();
    match &input.facts {
        Facts::None => t(lang, Key::SummaryUnknown).to_owned(),
        Facts::InstanceProfiles(profiles) => match profiles.as_slice() {
            [profile] => {
                let roles: Vec<&str> = profile
                    .roles
                    .iter()
                    .map(|role| value(role.name.as_ref(), missing))
                    .collect();
                // A profile cut off before its `Roles` shows no roles: not "none".
                let cut = input
                    .problems
                    .iter()
                    .any(|p| p.severity == engine::input::ProblemSeverity::Error);
                let no_roles = if profile.roles_span.is_some() && !cut {
                    none
                } else {
                    missing
                };
                tf(
                    lang,
                    Key::SummaryProfile,
                    &[
                        ("name", value(profile.name.as_ref(), missing)),
                        ("id", value(profile.id.as_ref(), missing)),
                        ("roles", &join_code(&roles, no_roles)),
                    ],
                )
            }
            many => tf(lang, Key::SummaryProfiles, &[("count", &count(many.len()))]),
        },
        Facts::Roles(roles) => match roles.as_slice() {
            [role] => tf(
                lang,
                Key::SummaryRole,
                &[("name", value(role.name.as_ref(), missing))],
            ),
            many => tf(lang, Key::SummaryRoles, &[("count", &count(many.len()))]),
        },
        Facts::MetadataOptions(instances) => {
            match instances.iter().find_map(|i| i.metadata_options.as_ref()) {
                Some(options) => {
                    let hops = options
                        .http_put_response_hop_limit
                        .as_ref()
                        .map(|h| h.value.to_string());
                    tf(
                        lang,
                        Key::SummaryMetadata,
                        &[
                            ("tokens", value(options.http_tokens.as_ref(), missing)),
                            ("hops", hops.as_deref().unwrap_or(missing)),
                            ("endpoint", value(options.http_endpoint.as_ref(), missing)),
                        ],
                    )
                }
                None => tf(
                    lang,
                    Key::SummaryInstances,
                    &[("count", &count(instances.len()))],
                ),
            }
        }
        Facts::Instances(instances) => match instances.as_slice() {
            [instance] => match &instance.profile_arn {
                Some(arn) => tf(
                    lang,
                    Key::SummaryInstance,
                    &[
                        ("id", value(instance.id.as_ref(), missing)),
                        ("profile", profile_name(&arn.value)),
                    ],
                ),
                None if instance.profile_id.is_some() => tf(
                    lang,
                    Key::SummaryInstance,
                    &[
                        ("id", value(instance.id.as_ref(), missing)),
                        ("profile", value(instance.profile_id.as_ref(), missing)),
                    ],
                ),
                None => tf(
                    lang,
                    Key::SummaryInstanceNoProfile,
                    &[("id", value(instance.id.as_ref(), missing))],
                ),
            },
            many => tf(
                lang,
                Key::SummaryInstances,
                &[("count", &count(many.len()))],
            ),
        },
        Facts::Associations(associations) => match associations.as_slice() {
            [] => t(lang, Key::SummaryAssociationsNone).to_owned(),
            [association] => tf(
                lang,
                Key::SummaryAssociation,
                &[
                    ("state", value(association.state.as_ref(), missing)),
                    ("instance", value(association.instance_id.as_ref(), missing)),
                    (
                        "profile",
                        association
                            .profile_arn
                            .as_ref()
                            .map_or(missing, |arn| profile_name(&arn.value)),
                    ),
                ],
            ),
            many => tf(
                lang,
                Key::SummaryAssociations,
                &[("count", &count(many.len()))],
            ),
        },
        Facts::ImdsIamInfo(info) => tf(
            lang,
            Key::SummaryIamInfo,
            &[
                ("code", value(info.code.as_ref(), missing)),
                (
                    "profile",
                    info.profile_arn
                        .as_ref()
                        .map_or(missing, |arn| profile_name(&arn.value)),
                ),
            ],
        ),
        Facts::ImdsCredentials(credentials) => tf(
            lang,
            Key::SummaryCredentials,
            &[
                ("code", value(credentials.code.as_ref(), missing)),
                (
                    "expiration",
                    value(credentials.expiration.as_ref(), missing),
                ),
            ],
        ),
        Facts::CredentialsListing(listing) => {
            let names: Vec<&str> = listing.role_names.iter().map(|n| n.as_str()).collect();
            match names.as_slice() {
                [] => t(lang, Key::SummaryNone).to_owned(),
                _ => tf(lang, Key::SummaryListing, &[("role", &names.join(", "))]),
            }
        }
        Facts::ImdsHttp(exchanges) => {
            let statuses: Vec<String> = exchanges
                .iter()
                .filter_map(|e| e.status.as_ref().map(|s| s.value.to_string()))
                .collect();
            let statuses: Vec<&str> = statuses.iter().map(String::as_str).collect();
            tf(
                lang,
                Key::SummaryHttp,
                &[
                    ("count", &count(exchanges.len())),
                    ("statuses", &join_code(&statuses, none)),
                ],
            )
        }
        Facts::CallerIdentity(identity) => tf(
            lang,
            Key::SummaryCaller,
            &[("arn", value(identity.arn.as_ref(), missing))],
        ),
        Facts::TrustPolicy(_) => t(lang, Key::SummaryTrustPolicy).to_owned(),
        Facts::IdentityPolicy(_) => t(lang, Key::SummaryIdentityPolicy).to_owned(),
        Facts::AwsErrors(errors) => match errors.as_slice() {
            [error] => tf(
                lang,
                Key::SummaryAwsError,
                &[
                    ("code", value(error.code.as_ref(), missing)),
                    ("operation", value(error.operation.as_ref(), missing)),
                ],
            ),
            many => tf(
                lang,
                Key::SummaryAwsErrors,
                &[("count", &count(many.len()))],
            ),
        },
        Facts::AuthorizationMessage(message) => tf(
            lang,
            Key::SummaryAuthorization,
            &[
                ("action", value(message.action.as_ref(), missing)),
                ("resource", value(message.resource.as_ref(), missing)),
            ],
        ),
        Facts::SdkErrors(errors) => {
            let mut classes: Vec<&str> = errors.iter().map(|e| e.class.id()).collect();
            engine::sort::sort(&mut classes);
            classes.dedup();
            tf(
                lang,
                Key::SummarySdkError,
                &[("classes", &join_code(&classes, none))],
            )
        }
        Facts::PolicySimulation(results) => tf(
            lang,
            Key::SummarySimulation,
            &[("count", &count(results.len()))],
        ),
        Facts::AccountAuthorizationDetails(details) => tf(
            lang,
            Key::SummaryAccount,
            &[
                ("roles", &count(details.roles.len())),
                ("profiles", &count(details.instance_profiles.len())),
            ],
        ),
        Facts::ClientConfig(config) => tf(
            lang,
            Key::SummaryClientConfig,
            &[(
                "count",
                &count(
                    config.variables.len()
                        + config.profiles.len()
                        + config.configure_list.len()
                        + config.client_lines.len()
                        + usize::from(config.local_time.is_some())
                        + usize::from(config.container.is_some()),
                ),
            )],
        ),
    }
}

/// The name at the end of an ARN (`…:instance-profile/path/web` → `web`).
fn profile_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}
