//! The Gather panel: the commands to run on the instance (IMDSv2 first, IMDSv1 fallback) and
//! with the AWS CLI, as the engine lists them, filled with the names the case already shows.
//! The scripts print a transcript that can be pasted back whole.

use engine::gather::{self, GatherRequest, Where};
use engine::input::Facts;
use engine::lang::Lang;
use engine::rules::Case;
use yew::prelude::*;

use crate::case_view::Shared;
use crate::components::command_box::command_box;
use crate::i18n::{t, Key};

pub struct GatherProps<'a> {
    pub lang: Lang,
    pub case: &'a Shared<Case>,
}

/// The last segment of an ARN (`…:instance-profile/path/web` → `web`).
fn arn_name(arn: &str) -> String {
    arn.rsplit('/').next().unwrap_or(arn).to_owned()
}

/// The role, instance profile and instance the case names first (each checked by the engine
/// before it goes into a command; a name it rejects is left as a placeholder).
pub fn known_names(case: &Case, lang: Lang) -> GatherRequest {
    let mut request = GatherRequest {
        lang,
        ..GatherRequest::default()
    };
    for found in case.inputs() {
        match &found.input.facts {
            Facts::InstanceProfiles(profiles) => {
                for profile in profiles {
                    request.profile = request
                        .profile
                        .take()
                        .or_else(|| profile.name.as_ref().map(|n| n.value.clone()));
                    let role = profile.roles.iter().find_map(|r| r.name.as_ref());
                    request.role = request
                        .role
                        .take()
                        .or_else(|| role.map(|n| n.value.clone()));
                }
            }
            Facts::Roles(roles) => {
                let role = roles.iter().find_map(|r| r.name.as_ref());
                request.role = request
                    .role
                    .take()
                    .or_else(|| role.map(|n| n.value.clone()));
            }
            Facts::Instances(instances) => {
                for instance in instances {
                    request.instance_id = request
                        .instance_id
                        .take()
                        .or_else(|| instance.id.as_ref().map(|i| i.value.clone()));
                    let profile = instance
                        .profile_arn
                        .as_ref()
                        .map(|arn| arn_name(&arn.value));
                    request.profile = request.profile.take().or(profile);
                }
            }
            Facts::ImdsIamInfo(info) => {
                let profile = info.profile_arn.as_ref().map(|arn| arn_name(&arn.value));
                request.profile = request.profile.take().or(profile);
            }
            Facts::CredentialsListing(listing) => {
                let role = listing.role_names.first().map(|n| n.value.clone());
                request.role = request.role.take().or(role);
            }
            Facts::Associations(associations) => {
                for association in associations {
                    request.instance_id = request
                        .instance_id
                        .take()
                        .or_else(|| association.instance_id.as_ref().map(|i| i.value.clone()));
                }
            }
            _ => {}
        }
    }
    // A name the engine will not put into a shell command stays a placeholder.
    while let Err(invalid) = request.validate() {
        match invalid.field {
            "role" => request.role = None,
            "profile" => request.profile = None,
            _ => request.instance_id = None,
        }
    }
    request
}

/// A function, not a component: it keeps no state and is drawn only while its tab is open; a
/// component type costs ~1 KB of wasm.
pub fn gather(props: &GatherProps) -> Html {
    let lang = props.lang;
    let request = known_names(props.case, lang);
    let steps = gather::steps(&request);
    html! {
        // Keyed: switching tabs replaces the panel instead of patching the other one into it.
        <div class="gather" id="gather" key="gather">
            <p class="hint">{ t(lang, Key::GatherHint) }</p>
            { for Where::ALL.iter().map(|place| {
                let script = gather::shell_script(&GatherRequest { place: *place, ..request.clone() });
                let heading = format!("gather-{}", place.id());
                html! {
                    <section class="gather-place" aria-labelledby={heading.clone()} data-place={place.id()}>
                        <h3 id={heading}>{ place.title(lang) }</h3>
                        <ol class="gather-steps">
                            { for steps.iter().filter(|step| step.where_ == *place).map(|step| html! {
                                <li data-step={step.id}>
                                    <p>{ step.title(lang) }</p>
                                    { command_box(lang, "command-box", &step.command, Key::CopyCommand, None) }
                                </li>
                            }) }
                        </ol>
                        <details class="gather-script">
                            <summary>{ t(lang, Key::GatherScript) }</summary>
                            { command_box(lang, "command-box", &script, Key::CopyScript, Some(place.title(lang))) }
                        </details>
                    </section>
                }
            }) }
        </div>
    }
}
