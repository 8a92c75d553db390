//! A case: every paste a user gave for one investigation, read into inputs.
//!
//! Rules look at all inputs at once (the profile id IAM shows against the one the instance shows),
//! so a rule receives the whole [`Case`]. Each paste keeps its text, because evidence quotes the
//! user's own text and locates it by line and column. Inputs are numbered across the case in
//! paste order, then in order within each paste (a terminal transcript gives several inputs);
//! that number is [`crate::finding::Evidence::input`].

use std::sync::Arc;

use crate::finding::Evidence;
use crate::input::facts::{
    Association, AuthorizationMessage, AwsError, CallerIdentity, ClientConfig, CredentialsListing,
    Facts, ImdsCredentials, ImdsExchange, ImdsIamInfo, Instance, InstanceProfile, Located,
    MetadataOptions, PolicyDocument, Role, SdkError, SimulationResult,
};
use crate::input::{self, command::CommandLine, Input};
use crate::pace::Pacer;
use crate::text::Span;

/// One paste: its text and the inputs read from it.
#[derive(Debug, Clone)]
pub struct Paste {
    /// Shared, not copied: a page keeps the pasted text once for its own state and the read
    /// (a 100 MB paste held twice is 100 MB more).
    pub text: Arc<String>,
    pub inputs: Vec<Input>,
    /// Where the text's lines start, so evidence is located without rescanning the paste.
    line_starts: Vec<usize>,
}

/// Every paste of one investigation.
#[derive(Debug, Clone, Default)]
pub struct Case {
    /// Shared, so that a page which read a paste once builds each new case from it without
    /// reading (or copying) it again.
    pub pastes: Vec<Arc<Paste>>,
    /// When the pastes were captured (RFC 3339 UTC, `2026-11-29T18:00:00Z`), if the caller knows
    /// it: lets `credentials-expired` compare `Expiration` with "now". The engine never reads the
    /// clock itself, so a diagnosis is reproducible.
    pub captured_at: Option<String>,
    /// The names the pastes show, read once (see [`Case::names`]).
    names: std::sync::OnceLock<crate::names::Names>,
}

/// One input of the case with the text of the paste it came from.
#[derive(Debug, Clone, Copy)]
pub struct CaseInput<'a> {
    /// The input's number across the case.
    pub index: usize,
    /// The whole text of its paste (spans are offsets into it).
    pub paste: &'a str,
    pub input: &'a Input,
    line_starts: &'a [usize],
}

/// An item read from an input (a profile, an error …) with the input it came from.
#[derive(Debug)]
pub struct Found<'a, T> {
    pub at: CaseInput<'a>,
    pub item: &'a T,
}

// Manual impls: a derive would require `T: Copy`, but only the reference is copied.
impl<T> Clone for Found<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Found<'_, T> {}

impl<'a> CaseInput<'a> {
    /// Evidence for `span` in this input's paste.
    pub fn evidence(&self, span: Span, path: Option<&str>) -> Evidence {
        Evidence::with_line_starts(
            self.index,
            self.paste,
            self.line_starts,
            span,
            path.map(str::to_owned),
        )
    }

    /// Evidence for a located value.
    pub fn cite<T>(&self, located: &Located<T>) -> Evidence {
        self.evidence(located.span, located.path.as_deref())
    }

    /// The command line above the output, when the paste showed it.
    pub fn command(&self) -> Option<&'a CommandLine> {
        self.input.command.as_ref()
    }
}

impl Paste {
    /// Reads one paste (a `String`, or an `Arc<String>` the caller keeps too).
    pub fn read(text: impl Into<Arc<String>>) -> Paste {
        let text = text.into();
        let inputs = input::read(&text);
        Paste::with_inputs(text, inputs)
    }

    /// [`Paste::read`] in slices, offering `pacer` a pause between them (see [`crate::pace`]).
    pub async fn read_paced(text: impl Into<Arc<String>>, pacer: &mut dyn Pacer) -> Paste {
        let text = text.into();
        let inputs = input::read_paced(&text, pacer).await;
        if text.len() >= crate::pace::SLICE_BYTES {
            // Finding the line starts of a big paste is a step of its own.
            pacer.pause(text.len(), text.len()).await;
        }
        Paste::with_inputs(text, inputs)
    }

    fn with_inputs(text: Arc<String>, inputs: Vec<Input>) -> Paste {
        let line_starts = crate::finding::line_starts(&text);
        Paste {
            text,
            inputs,
            line_starts,
        }
    }
}

impl Case {
    /// Reads each text as one paste.
    pub fn read<S: AsRef<str>>(texts: &[S]) -> Case {
        let mut case = Case::default();
        for text in texts {
            case.push(text.as_ref().to_owned());
        }
        case
    }

    /// Adds one paste.
    pub fn push(&mut self, text: String) {
        self.add(Paste::read(text));
    }

    /// Adds one paste read for the least memory ([`input::read_lean`]): the same inputs as
    /// [`Case::push`], for a caller that reads big pastes once (the command line).
    pub fn push_lean(&mut self, text: String) {
        let text = Arc::new(text);
        let inputs = input::read_lean(&text);
        self.add(Paste::with_inputs(text, inputs));
    }

    /// Adds a paste already read; the names are read again from all of them.
    fn add(&mut self, paste: Paste) {
        self.pastes.push(Arc::new(paste));
        self.names = std::sync::OnceLock::new();
    }

    /// The names of the user's resources, from everything pasted ([`crate::names`]).
    pub fn names(&self) -> &crate::names::Names {
        self.names.get_or_init(|| crate::names::Names::of(self))
    }

    /// A case of pastes already read.
    pub fn from_pastes(pastes: Vec<Arc<Paste>>) -> Case {
        Case {
            pastes,
            ..Case::default()
        }
    }

    /// Every input, numbered across the case.
    pub fn inputs(&self) -> impl Iterator<Item = CaseInput<'_>> {
        self.pastes
            .iter()
            .flat_map(|paste| paste.inputs.iter().map(move |input| (paste, input)))
            .enumerate()
            .map(|(index, (paste, input))| CaseInput {
                index,
                paste: &paste.text,
                input,
                line_starts: &paste.line_starts,
            })
    }

    /// Every item `pick` reads from the inputs' facts, with its input.
    fn collect<'a, T: 'a>(&'a self, pick: impl Fn(&'a Facts) -> Vec<&'a T>) -> Vec<Found<'a, T>> {
        self.inputs()
            .flat_map(|at| {
                pick(&at.input.facts)
                    .into_iter()
                    .map(move |item| Found { at, item })
            })
            .collect()
    }

    /// Instance profiles from `get-instance-profile`, `list-instance-profiles*` and
    /// `get-account-authorization-details`.
    pub fn instance_profiles(&self) -> Vec<Found<'_, InstanceProfile>> {
        self.collect(|facts| match facts {
            Facts::InstanceProfiles(profiles) => profiles.iter().collect(),
            Facts::AccountAuthorizationDetails(details) => {
                details.instance_profiles.iter().collect()
            }
            _ => Vec::new(),
        })
    }

    /// Roles from `get-role`/`list-roles`, from account details, and the roles inside profiles.
    pub fn roles(&self) -> Vec<Found<'_, Role>> {
        self.collect(|facts| match facts {
            Facts::Roles(roles) => roles.iter().collect(),
            Facts::AccountAuthorizationDetails(details) => details
                .roles
                .iter()
                .chain(
                    details
                        .instance_profiles
                        .iter()
                        .flat_map(|p| p.roles.iter()),
                )
                .collect(),
            Facts::InstanceProfiles(profiles) => {
                profiles.iter().flat_map(|p| p.roles.iter()).collect()
            }
            _ => Vec::new(),
        })
    }

    /// Instances from `describe-instances` / `run-instances` (not bare metadata options).
    pub fn instances(&self) -> Vec<Found<'_, Instance>> {
        self.collect(|facts| match facts {
            Facts::Instances(instances) => instances.iter().collect(),
            _ => Vec::new(),
        })
    }

    /// Metadata options with the instance they belong to (from `describe-instances` too).
    pub fn metadata_options(&self) -> Vec<(Found<'_, Instance>, &MetadataOptions)> {
        self.collect(|facts| match facts {
            Facts::Instances(instances) | Facts::MetadataOptions(instances) => {
                instances.iter().collect()
            }
            _ => Vec::new(),
        })
        .into_iter()
        .filter_map(|found| {
            found
                .item
                .metadata_options
                .as_ref()
                .map(|options| (found, options))
        })
        .collect()
    }

    pub fn associations(&self) -> Vec<Found<'_, Association>> {
        self.collect(|facts| match facts {
            Facts::Associations(associations) => associations.iter().collect(),
            _ => Vec::new(),
        })
    }

    /// Inputs that are an association listing with no association in it.
    pub fn associations_inputs_empty(&self) -> Vec<CaseInput<'_>> {
        self.inputs()
            .filter(|at| matches!(&at.input.facts, Facts::Associations(list) if list.is_empty()))
            .collect()
    }

    pub fn iam_infos(&self) -> Vec<Found<'_, ImdsIamInfo>> {
        self.collect(|facts| match facts {
            Facts::ImdsIamInfo(info) => vec![info],
            _ => Vec::new(),
        })
    }

    pub fn credentials(&self) -> Vec<Found<'_, ImdsCredentials>> {
        self.collect(|facts| match facts {
            Facts::ImdsCredentials(credentials) => vec![credentials],
            _ => Vec::new(),
        })
    }

    pub fn listings(&self) -> Vec<Found<'_, CredentialsListing>> {
        self.collect(|facts| match facts {
            Facts::CredentialsListing(listing) => vec![listing],
            _ => Vec::new(),
        })
    }

    /// Every IMDS HTTP exchange, including the HTTP answers of IMDS document inputs.
    pub fn exchanges(&self) -> Vec<Found<'_, ImdsExchange>> {
        self.collect(|facts| match facts {
            Facts::ImdsHttp(exchanges) => exchanges.iter().collect(),
            Facts::ImdsIamInfo(info) => info.http.iter().collect(),
            Facts::ImdsCredentials(credentials) => credentials.http.iter().collect(),
            Facts::CredentialsListing(listing) => listing.http.iter().collect(),
            _ => Vec::new(),
        })
    }

    pub fn caller_identities(&self) -> Vec<Found<'_, CallerIdentity>> {
        self.collect(|facts| match facts {
            Facts::CallerIdentity(identity) => vec![identity],
            _ => Vec::new(),
        })
    }

    /// Trust policies pasted on their own (not those inside roles: see [`Case::roles`]).
    pub fn trust_policies(&self) -> Vec<Found<'_, PolicyDocument>> {
        self.collect(|facts| match facts {
            Facts::TrustPolicy(document) => vec![document],
            _ => Vec::new(),
        })
    }

    pub fn aws_errors(&self) -> Vec<Found<'_, AwsError>> {
        self.collect(|facts| match facts {
            Facts::AwsErrors(errors) => errors.iter().collect(),
            _ => Vec::new(),
        })
    }

    /// Client-side symptoms: those of `sdk-error` inputs and those the vocabulary read in AWS
    /// error messages ([`AwsError::symptoms`]: clock skew, a profile with no role …).
    pub fn sdk_errors(&self) -> Vec<Found<'_, SdkError>> {
        self.collect(|facts| match facts {
            Facts::SdkErrors(errors) => errors.iter().collect(),
            Facts::AwsErrors(errors) => errors.iter().flat_map(|e| e.symptoms.iter()).collect(),
            _ => Vec::new(),
        })
    }

    pub fn authorization_messages(&self) -> Vec<Found<'_, AuthorizationMessage>> {
        self.collect(|facts| match facts {
            Facts::AuthorizationMessage(message) => vec![message],
            _ => Vec::new(),
        })
    }

    /// How the client is set up: environment, config files, `aws configure list`, SDK lines.
    pub fn client_configs(&self) -> Vec<Found<'_, ClientConfig>> {
        self.collect(|facts| match facts {
            Facts::ClientConfig(config) => vec![config],
            _ => Vec::new(),
        })
    }

    pub fn simulations(&self) -> Vec<Found<'_, SimulationResult>> {
        self.collect(|facts| match facts {
            Facts::PolicySimulation(results) => results.iter().collect(),
            _ => Vec::new(),
        })
    }
}
