//! Recognition of every input kind of the catalog, and the typed facts read from each.
//!
//! # Public API
//! - [`read`]`(text) -> Vec<Input>`: reads one paste. Recognises each part by content alone
//!   (JSON pretty or compact, raw Query API XML, plain text), splits terminal transcripts on
//!   their prompt lines (each output remembers its [`CommandLine`]), and reads typed [`Facts`].
//!   Never panics; linear in the size of the paste; empty text gives an empty vec.
//! - [`Input`]: one recognised part: its [`InputKind`], the span it covers, the command that
//!   produced it, its [`Facts`], where secrets stand ([`Secret`]) and located problems
//!   ([`ReadProblem`], English and Japanese).
//! - [`InputKind`]: the kinds of CATALOG.md, with `id()` / `from_id()` / `ALL` / `name(lang)`.
//! - [`Arn`] (partition-aware, IAM paths) and [`AssumedRole`].
//! - Fact types: [`InstanceProfile`], [`Role`], [`PolicyDocument`], [`Instance`],
//!   [`MetadataOptions`], [`Association`], [`ImdsIamInfo`], [`ImdsCredentials`],
//!   [`CredentialsListing`], [`ImdsExchange`], [`CallerIdentity`], [`AwsError`] (with
//!   [`DenyReason`] / [`PolicyType`]), [`AuthorizationMessage`], [`SdkError`] /
//!   [`SdkErrorClass`], [`SimulationResult`], [`AccountAuthorizationDetails`], [`ClientConfig`]. Every value a
//!   finding may cite is [`Located`] (absolute span, JSON path when from JSON).
//!
//! # How recognition works
//! Each kind lives in its own file holding both its signature (how it is recognised: a scoring
//! function over a JSON document, a text scanner, the CLI operations whose output it is) and its
//! reader. This module only runs every signature over every part and keeps the best score; there
//! is no central switch over shapes (the CyberChef "checks beside the operation" habit).
//!
//! 1. A BOM is skipped; [`transcript::split`] cuts the paste at prompt lines, so each output
//!    keeps its [`CommandLine`].
//! 2. Each output is cut into JSON documents (a line starting with `{` or `[` as JSON allows, or
//!    an object closing at the end of a log line) and the text around them; text that is
//!    members copied without their braces (`"IamInstanceProfile": {…},`) is read as an object.
//! 3. JSON documents are scored by every kind (the command's kind gets a bonus); text pieces are
//!    read by every text reader (AWS errors, SDK errors, IMDS exchanges, Query API XML, a role
//!    name, a URL-encoded policy) and the best reading wins. Notes around a recognised output
//!    are dropped (their secrets are kept).
//! 4. The IMDS path of a `curl` decides the kind of its output (`…/iam/info`,
//!    `…/security-credentials/`, `…/security-credentials/ROLE`) even for an error page.
//! 5. Nothing recognised gives one `unknown` input with a problem saying what was expected (or
//!    naming the CLI command whose output the diagnosis does not read).
//!
//! Problem ids: `json-invalid`, `json-truncated` (the facts before the break are kept),
//! `xml-invalid`, `missing-field`, `bad-value`, `not-recognised`, `not-diagnostic`,
//! `weak-recognition` (a single word read as the credentials listing), `skipped` (a note: a
//! transcript part the diagnosis has no use for, such as `cd`, `git status` or a login banner).

use serde::Serialize;

use crate::json::{self, Json, ParseErrorKind};
use crate::lang::Lang;
use crate::pace::{self, NoPause, Pace, Paced, Pacer};
use crate::text::Span;

pub mod arn;
pub mod command;
pub mod facts;
pub mod problems;
pub mod repair;
pub mod secret_shapes;
pub mod secrets;
pub mod transcript;

mod cli_output;
mod fields;
mod scan;
mod xml;

mod account_authorization_details;
mod associations;
mod authorization_message;
mod aws_error;
mod caller_identity;
mod client_config;
mod describe_instances;
mod get_instance_profile;
mod get_role;
mod identity_policy;
mod imds_credentials;
mod imds_http;
mod imds_iam_info;
mod imds_listing;
mod list_instance_profiles;
mod metadata_options;
mod policy_document;
mod policy_simulation;
mod sdk_error;
mod trust_policy;
mod unknown;
pub mod vocabulary;

pub use arn::{is_instance_id, Arn, AssumedRole};
pub use client_config::no_proxy_covers;
pub use command::CommandLine;
pub use facts::*;
pub use problems::{ProblemSeverity, ReadProblem};
pub use secrets::{Secret, SecretKind};

/// The first occurrence of `needle` in `text[span]`, ASCII case-insensitively (for rules that
/// look for stated context in a paste's own words).
pub fn scan_ci(text: &str, span: Span, needle: &str) -> Option<Span> {
    scan::find_ci(text, span, needle)
}

/// The kinds of input of CATALOG.md (`inputs[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    ImdsIamInfo,
    ImdsCredentials,
    ImdsCredentialsListing,
    ImdsHttp,
    GetInstanceProfile,
    ListInstanceProfiles,
    GetRole,
    DescribeInstances,
    InstanceProfileAssociations,
    MetadataOptions,
    CallerIdentity,
    TrustPolicy,
    IdentityPolicy,
    AwsError,
    AuthorizationMessage,
    SdkError,
    PolicySimulation,
    AccountAuthorizationDetails,
    ClientConfig,
    Unknown,
}

impl InputKind {
    pub const ALL: [InputKind; 20] = [
        InputKind::ImdsIamInfo,
        InputKind::ImdsCredentials,
        InputKind::ImdsCredentialsListing,
        InputKind::ImdsHttp,
        InputKind::GetInstanceProfile,
        InputKind::ListInstanceProfiles,
        InputKind::GetRole,
        InputKind::DescribeInstances,
        InputKind::InstanceProfileAssociations,
        InputKind::MetadataOptions,
        InputKind::CallerIdentity,
        InputKind::TrustPolicy,
        InputKind::IdentityPolicy,
        InputKind::AwsError,
        InputKind::AuthorizationMessage,
        InputKind::SdkError,
        InputKind::PolicySimulation,
        InputKind::AccountAuthorizationDetails,
        InputKind::ClientConfig,
        InputKind::Unknown,
    ];

    /// The id of CATALOG.md (`imds-iam-info` …): public interface, never changes.
    pub const fn id(self) -> &'static str {
        match self {
            InputKind::ImdsIamInfo => "imds-iam-info",
            InputKind::ImdsCredentials => "imds-credentials",
            InputKind::ImdsCredentialsListing => "imds-credentials-listing",
            InputKind::ImdsHttp => "imds-http",
            InputKind::GetInstanceProfile => "get-instance-profile",
            InputKind::ListInstanceProfiles => "list-instance-profiles",
            InputKind::GetRole => "get-role",
            InputKind::DescribeInstances => "describe-instances",
            InputKind::InstanceProfileAssociations => "instance-profile-associations",
            InputKind::MetadataOptions => "metadata-options",
            InputKind::CallerIdentity => "caller-identity",
            InputKind::TrustPolicy => "trust-policy",
            InputKind::IdentityPolicy => "identity-policy",
            InputKind::AwsError => "aws-error",
            InputKind::AuthorizationMessage => "authorization-message",
            InputKind::SdkError => "sdk-error",
            InputKind::PolicySimulation => "policy-simulation",
            InputKind::AccountAuthorizationDetails => "account-authorization-details",
            InputKind::ClientConfig => "client-config",
            InputKind::Unknown => "unknown",
        }
    }

    pub fn from_id(id: &str) -> Option<InputKind> {
        InputKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// What a person calls it, in `lang`.
    pub const fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (InputKind::ImdsIamInfo, Lang::En) => "the IMDS iam/info document",
            (InputKind::ImdsIamInfo, Lang::Ja) => "IMDS の iam/info 文書",
            (InputKind::ImdsCredentials, Lang::En) => "the IMDS security-credentials document",
            (InputKind::ImdsCredentials, Lang::Ja) => "IMDS の security-credentials 文書",
            (InputKind::ImdsCredentialsListing, Lang::En) => {
                "the IMDS security-credentials listing"
            }
            (InputKind::ImdsCredentialsListing, Lang::Ja) => "IMDS の security-credentials 一覧",
            (InputKind::ImdsHttp, Lang::En) => "an HTTP exchange with IMDS",
            (InputKind::ImdsHttp, Lang::Ja) => "IMDS との HTTP のやり取り",
            (InputKind::GetInstanceProfile, Lang::En) => "aws iam get-instance-profile",
            (InputKind::GetInstanceProfile, Lang::Ja) => "aws iam get-instance-profile",
            (InputKind::ListInstanceProfiles, Lang::En) => "aws iam list-instance-profiles",
            (InputKind::ListInstanceProfiles, Lang::Ja) => "aws iam list-instance-profiles",
            (InputKind::GetRole, Lang::En) => "aws iam get-role",
            (InputKind::GetRole, Lang::Ja) => "aws iam get-role",
            (InputKind::DescribeInstances, Lang::En) => "aws ec2 describe-instances",
            (InputKind::DescribeInstances, Lang::Ja) => "aws ec2 describe-instances",
            (InputKind::InstanceProfileAssociations, Lang::En) => {
                "aws ec2 describe-iam-instance-profile-associations"
            }
            (InputKind::InstanceProfileAssociations, Lang::Ja) => {
                "aws ec2 describe-iam-instance-profile-associations"
            }
            (InputKind::MetadataOptions, Lang::En) => "the instance metadata options",
            (InputKind::MetadataOptions, Lang::Ja) => "インスタンスメタデータのオプション",
            (InputKind::CallerIdentity, Lang::En) => "aws sts get-caller-identity",
            (InputKind::CallerIdentity, Lang::Ja) => "aws sts get-caller-identity",
            (InputKind::TrustPolicy, Lang::En) => "a role trust policy",
            (InputKind::TrustPolicy, Lang::Ja) => "ロールの信頼ポリシー",
            (InputKind::IdentityPolicy, Lang::En) => "a permissions policy",
            (InputKind::IdentityPolicy, Lang::Ja) => "アクセス許可ポリシー",
            (InputKind::AwsError, Lang::En) => "an AWS error message",
            (InputKind::AwsError, Lang::Ja) => "AWS のエラーメッセージ",
            (InputKind::AuthorizationMessage, Lang::En) => "aws sts decode-authorization-message",
            (InputKind::AuthorizationMessage, Lang::Ja) => "aws sts decode-authorization-message",
            (InputKind::SdkError, Lang::En) => "an SDK or CLI client error",
            (InputKind::SdkError, Lang::Ja) => "SDK または CLI のクライアントエラー",
            (InputKind::PolicySimulation, Lang::En) => "aws iam simulate-principal-policy",
            (InputKind::PolicySimulation, Lang::Ja) => "aws iam simulate-principal-policy",
            (InputKind::AccountAuthorizationDetails, Lang::En) => {
                "aws iam get-account-authorization-details"
            }
            (InputKind::AccountAuthorizationDetails, Lang::Ja) => {
                "aws iam get-account-authorization-details"
            }
            (InputKind::ClientConfig, Lang::En) => "the client's configuration",
            (InputKind::ClientConfig, Lang::Ja) => "クライアントの設定",
            (InputKind::Unknown, Lang::En) => "unrecognised text",
            (InputKind::Unknown, Lang::Ja) => "認識できないテキスト",
        }
    }
}

impl std::fmt::Display for InputKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

/// One recognised part of a paste.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Input {
    pub kind: InputKind,
    /// The part of the paste this input covers (absolute byte offsets).
    pub span: Span,
    /// The command line that produced it, when the paste shows it.
    pub command: Option<CommandLine>,
    pub facts: Facts,
    /// Where credentials stand (absolute spans of the secret values), for masking and dropping.
    pub secrets: Vec<Secret>,
    /// Located errors and warnings about this part.
    pub problems: Vec<ReadProblem>,
}

/// Reads one paste: recognises its kind(s) by content alone and reads its facts.
/// A transcript becomes several inputs, each with the command line that produced it.
pub fn read(text: &str) -> Vec<Input> {
    pace::run_ready(read_paced(text, &mut NoPause))
}

/// [`read`] for the least memory: every `describe-instances` document from
/// [`LEAN_PRUNE_FROM`] on is read without its whole tree (see [`PRUNE_FROM`]), so a big fleet
/// costs its text, its skeleton and its facts, not its tree too. The inputs are exactly those
/// of [`read`]; the instances are parsed twice, which a command line can afford and a page
/// reading as the user types would rather not.
pub fn read_lean(text: &str) -> Vec<Input> {
    pace::run_ready(Box::pin(read_in_slices(
        text,
        &mut NoPause,
        LEAN_PRUNE_FROM,
    )))
}

/// Where [`read_lean`] starts to prune: below it a document's tree is small whatever its ratio.
pub(crate) const LEAN_PRUNE_FROM: usize = 1 << 20;

/// [`read`] in slices: `pacer` is offered a pause about every [`pace::SLICE_BYTES`] bytes (inside
/// a big JSON document too), so a page can stay responsive while it reads a 20 MB paste. The
/// inputs are exactly those of [`read`].
///
/// The reading is boxed: the page and [`read`] then share one copy of it in the wasm (an
/// `async fn` is otherwise compiled into each caller that polls it).
pub fn read_paced<'a>(text: &'a str, pacer: &'a mut dyn Pacer) -> Paced<'a, Vec<Input>> {
    Box::pin(read_in_slices(text, pacer, PRUNE_FROM))
}

async fn read_in_slices(text: &str, pacer: &mut dyn Pacer, prune_from: usize) -> Vec<Input> {
    let mut pace = Pace::new(pacer, text.len(), prune_from);
    let start = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let whole = Span::new(start, text.len());
    if scan::trim(text, whole).is_empty() {
        return Vec::new();
    }
    let mut inputs = Vec::new();
    let mut cursor = scan::LineCursor::new(text);
    for part in transcript::split_paced(text, whole, &mut pace).await {
        let mut part_inputs = read_part(text, &part, &mut cursor, &mut pace).await;
        inputs.append(&mut part_inputs);
    }
    // Secrets by shape and key name over the whole paste, commands and notes included, each to
    // the input it stands in (else the next one, else the last), so renderers mask them all.
    // In slices cut where no value runs on (a line end, else a comma), with a pause offered
    // after each: a 20 MB paste is scanned without one long task.
    let mut found = Vec::new();
    let mut start = whole.start;
    while start < text.len() {
        let end = secret_slice_end(text, start);
        found.extend(secrets::scan_text(text, Span::new(start, end)));
        start = end;
        // The reading's progress is already at its end: the bar stays there while the scan
        // pauses after each slice.
        if text.len() >= pace::SLICE_BYTES {
            pace.checkpoint(text.len()).await;
        }
    }
    if inputs.is_empty() && !found.is_empty() {
        inputs.push(Input {
            kind: InputKind::Unknown,
            span: scan::trim(text, whole),
            command: None,
            facts: Facts::None,
            secrets: Vec::new(),
            problems: vec![ReadProblem::not_recognised(scan::trim(text, whole), false)],
        });
    }
    for secret in found {
        let index = inputs
            .iter()
            .position(|input| secret.span.start < input.span.end)
            .unwrap_or(inputs.len().saturating_sub(1));
        if let Some(input) = inputs.get_mut(index) {
            input.secrets.push(secret);
        }
    }
    for input in &mut inputs {
        secrets::merge(&mut input.secrets);
    }
    problems::locate_all(
        text,
        inputs
            .iter_mut()
            .flat_map(|input| input.problems.iter_mut())
            .collect(),
    );
    inputs
}

/// Where the secret scan's slice starting at `start` ends: about [`pace::SLICE_BYTES`] on, after
/// a line end (or, in a line that long, a comma: a key and its value stay together).
fn secret_slice_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let from = start.saturating_add(pace::SLICE_BYTES);
    if from >= bytes.len() {
        return bytes.len();
    }
    let window = bytes.get(from..).unwrap_or_default();
    let limit = window.len().min(pace::SLICE_BYTES);
    let near = window.get(..limit).unwrap_or_default();
    near.iter()
        .position(|&b| b == b'\n')
        .or_else(|| near.iter().position(|&b| b == b','))
        .map_or(bytes.len(), |at| from + at + 1)
}

/// What a kind's reader produced from one piece.
pub(crate) struct Reading {
    pub kind: InputKind,
    pub facts: Facts,
    pub problems: Vec<ReadProblem>,
    pub secrets: Vec<Secret>,
}

impl Reading {
    pub fn new(kind: InputKind, facts: Facts) -> Self {
        Self {
            kind,
            facts,
            problems: Vec::new(),
            secrets: Vec::new(),
        }
    }
}

/// A JSON document handed to a kind's reader.
pub(crate) struct JsonPiece<'p, 'j> {
    pub paste: &'p str,
    pub json: &'j Json<'p>,
}

/// A text piece handed to a kind's text reader.
pub(crate) struct TextPiece<'p> {
    pub paste: &'p str,
    pub span: Span,
    pub command: Option<&'p CommandLine>,
}

/// Recognises and reads a text piece: (score, reading), or `None` when it is not this kind.
pub(crate) type TextReader = fn(&TextPiece) -> Option<(u8, Reading)>;

/// What a kind declares beside its reader: how it is recognised and how it is read.
pub(crate) struct Signature {
    pub kind: InputKind,
    /// AWS CLI operations whose output this kind is (`"iam get-role"`): a tie-breaker, and the
    /// kind to read with when the content alone is not enough (an empty `--query` result).
    pub commands: &'static [&'static str],
    /// How sure (0 = not this kind, 100 = certain) a JSON document is of this kind.
    pub recognise_json: Option<fn(&Json) -> u8>,
    pub read_json: Option<fn(&JsonPiece) -> Reading>,
    /// Recognises and reads a text piece: (score, reading).
    pub read_text: Option<TextReader>,
}

/// Every kind's signature; order only breaks equal scores.
const SIGNATURES: &[&Signature] = &[
    &imds_iam_info::SIGNATURE,
    &imds_credentials::SIGNATURE,
    &imds_listing::SIGNATURE,
    &imds_http::SIGNATURE,
    &get_instance_profile::SIGNATURE,
    &list_instance_profiles::SIGNATURE,
    &get_role::SIGNATURE,
    &describe_instances::SIGNATURE,
    &associations::SIGNATURE,
    &metadata_options::SIGNATURE,
    &caller_identity::SIGNATURE,
    &trust_policy::SIGNATURE,
    &identity_policy::SIGNATURE,
    &aws_error::SIGNATURE,
    &authorization_message::SIGNATURE,
    &sdk_error::SIGNATURE,
    &policy_simulation::SIGNATURE,
    &account_authorization_details::SIGNATURE,
    &client_config::SIGNATURE,
    &unknown::SIGNATURE,
];

/// A piece of one output: a JSON document (maybe broken) or text between documents.
enum Piece<'p> {
    Json {
        json: Option<Json<'p>>,
        error: Option<json::ParseError>,
        span: Span,
        /// Where secrets stand in the items dropped while the document was read (see
        /// [`PRUNE_FROM`]): the tree no longer holds them.
        pruned_secrets: Vec<Secret>,
    },
    Text(Span),
}

/// From this size on, a `describe-instances` document is read without ever holding its whole
/// tree: each instance is dropped as soon as it is read (its secrets noted), leaving a
/// placeholder that the kind's reader reads again from the text, one instance at a time (see
/// [`json::Prune`]). A 100 MB fleet's tree is about 100 MB; its skeleton, 3 MB. Smaller documents
/// are read whole (reading each instance twice costs time a page would rather not spend on a
/// size whose tree fits anyway).
pub(crate) const PRUNE_FROM: usize = 32 << 20;

/// The arrays a pruned document drops the items of: `Reservations[i].Instances[j]`.
const PRUNED: [&str; 2] = ["Reservations", "Instances"];

/// What was dropped while a document was read.
#[derive(Default)]
struct Pruned {
    count: usize,
    secrets: Vec<Secret>,
}

async fn read_part(
    paste: &str,
    part: &transcript::Part,
    cursor: &mut scan::LineCursor<'_>,
    pace: &mut Pace<'_>,
) -> Vec<Input> {
    let command = part.command.as_ref();
    let body = part.body;
    let trimmed = scan::trim(paste, body);
    // `cd`, `git status`, `ls`: the diagnosis has no use for them, so they are noted as skipped
    // (even without output, so the page can say what it left out) instead of being read.
    if let Some(unrelated) = command.filter(|c| transcript::is_unrelated(c)) {
        let span = if trimmed.is_empty() {
            unrelated.span
        } else {
            trimmed
        };
        return vec![skipped(span, Some(unrelated))];
    }
    if trimmed.is_empty() {
        return Vec::new();
    }
    let mut inputs = Vec::new();
    let mut unrecognised = Vec::new();
    for piece in pieces(paste, body, command, cursor, pace).await {
        let span = match &piece {
            Piece::Json { span, .. } | Piece::Text(span) => *span,
        };
        pace.at(span.end).await;
        let reading = match &piece {
            Piece::Json {
                json,
                error,
                span,
                pruned_secrets,
            } => {
                let document = (json.as_ref(), error.as_ref(), pruned_secrets.as_slice());
                read_json_piece(paste, document, *span, command, pace).await
            }
            Piece::Text(span) => read_fragment(paste, *span, command)
                .or_else(|| cli_output::read_yaml(paste, *span, command))
                .or_else(|| cli_output::read_text_output(paste, *span, command))
                .or_else(|| read_text_piece(paste, *span, command)),
        };
        if span.len() >= pace::SLICE_BYTES {
            // A big document's last step (its secret scan) and freeing its tree each take a
            // while: a pause after each.
            pace.checkpoint(span.end).await;
            drop(piece);
            pace.checkpoint(span.end).await;
        }
        match reading {
            Some(reading) if reading.kind != InputKind::Unknown => {
                inputs.push(to_input(paste, span, command, reading));
            }
            Some(reading) => unrecognised.push((span, reading)),
            None => unrecognised.push((span, Reading::new(InputKind::Unknown, Facts::None))),
        }
    }
    // A note about the domain that no row explains ("imds response:" before a document) is
    // worth nothing beside a recognised output: it joins the notes around it.
    if inputs.iter().any(|input| !is_unexplained_note(input)) {
        let (notes, kept): (Vec<Input>, Vec<Input>) =
            inputs.into_iter().partition(is_unexplained_note);
        inputs = kept;
        for note in notes {
            let mut reading = Reading::new(InputKind::Unknown, Facts::None);
            reading.secrets = note.secrets;
            unrecognised.push((note.span, reading));
        }
    }
    // What the IMDS path of the command says beats a guess from a bare page or word.
    if let Some(path) = command.and_then(|c| c.imds_path.as_deref()) {
        imds_http::apply_request_path(paste, body, path, command, &mut inputs);
    }
    if let Some(first) = inputs.first_mut() {
        // Notes around a recognised output are not worth a problem, but credentials in them
        // must still be masked: they go with the part's first input.
        for (_, reading) in &mut unrecognised {
            first.secrets.append(&mut reading.secrets);
        }
    }
    if inputs.is_empty() && command.is_none() && transcript::is_login_banner(paste, trimmed) {
        return vec![skipped(trimmed, None)];
    }
    if inputs.is_empty() {
        // A part with nothing recognised is worth a problem.
        let mut problems = Vec::new();
        let mut secrets_found = Vec::new();
        let mut any_json = false;
        for (span, reading) in unrecognised {
            any_json |= span.slice(paste).trim_start().starts_with(['{', '[']);
            problems.extend(reading.problems);
            secrets_found.extend(reading.secrets);
        }
        if problems.is_empty() {
            problems.push(ReadProblem::not_recognised(trimmed, any_json));
        }
        // The output of an AWS CLI command no kind reads: name the command instead of guessing.
        let unused_command = command
            .filter(|c| kind_of_command(c).is_none())
            .and_then(|c| c.aws_operation.as_ref());
        if let Some((service, operation)) = unused_command {
            if problems.iter().all(|p| p.id == "not-recognised") {
                problems = vec![ReadProblem::not_diagnostic(
                    trimmed,
                    &format!("aws {service} {operation}"),
                    "the diagnosis reads IMDS answers, `aws iam get-instance-profile` / `list-instance-profiles` / `get-role`, `aws ec2 describe-instances` / `describe-iam-instance-profile-associations`, `aws sts get-caller-identity`, policy documents and error messages",
                    "診断が読むのは IMDS の応答、`aws iam get-instance-profile` / `list-instance-profiles` / `get-role`、`aws ec2 describe-instances` / `describe-iam-instance-profile-associations`、`aws sts get-caller-identity`、ポリシー文書、エラーメッセージです",
                )];
            }
        }
        inputs.push(Input {
            kind: InputKind::Unknown,
            span: trimmed,
            command: command.cloned(),
            facts: Facts::None,
            secrets: secrets_found,
            problems,
        });
    }
    inputs
}

/// An `sdk-error` input whose only symptom is [`SdkErrorClass::Unexplained`].
fn is_unexplained_note(input: &Input) -> bool {
    matches!(&input.facts, Facts::SdkErrors(errors)
        if errors.iter().all(|e| e.class == SdkErrorClass::Unexplained))
}

/// A part left out on purpose: an `unknown` input with a `skipped` note (its secrets, if any,
/// are found by the whole-paste scan and still masked).
fn skipped(span: Span, command: Option<&CommandLine>) -> Input {
    Input {
        kind: InputKind::Unknown,
        span,
        command: command.cloned(),
        facts: Facts::None,
        secrets: Vec::new(),
        problems: vec![ReadProblem::skipped(span, command.map(|c| c.text.as_str()))],
    }
}

fn to_input(paste: &str, span: Span, command: Option<&CommandLine>, reading: Reading) -> Input {
    let found = reading.secrets;
    Input {
        kind: reading.kind,
        span: scan::trim(paste, span),
        command: command.cloned(),
        facts: reading.facts,
        secrets: found,
        problems: reading.problems,
    }
}

/// Splits a body into JSON documents and the text around them. A document starts at a line
/// whose first character is `{` or `[` followed by what JSON allows there (so `[Error] …` log
/// lines stay text).
async fn pieces<'p>(
    paste: &'p str,
    body: Span,
    command: Option<&CommandLine>,
    cursor: &mut scan::LineCursor<'_>,
    pace: &mut Pace<'_>,
) -> Vec<Piece<'p>> {
    let mut found = Vec::new();
    let mut text_start = body.start;
    let mut pos = body.start;
    while pos < body.end {
        let line_end = paste
            .as_bytes()
            .get(pos..body.end)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(body.end, |i| pos + i + 1);
        let first = scan::skip_space(paste, pos, line_end);
        let starts_document = paste
            .as_bytes()
            .get(first)
            .is_some_and(|&b| b == b'{' || b == b'[')
            && looks_like_json_start(paste, first, body.end);
        if !starts_document {
            // JSON inside a log line: `… response: {"Code" : "Success", …}`, kept only when the
            // object closes on the same line and reads cleanly (one attempt per line).
            if let Some((json, start, end)) = inline_object(paste, first, line_end) {
                if text_start < start && !scan::trim(paste, Span::new(text_start, start)).is_empty()
                {
                    found.push(Piece::Text(Span::new(text_start, start)));
                }
                found.push(Piece::Json {
                    json: Some(json),
                    error: None,
                    span: Span::new(start, end),
                    pruned_secrets: Vec::new(),
                });
                text_start = end;
            }
            pos = line_end;
            continue;
        }
        if text_start < first && !scan::trim(paste, Span::new(text_start, first)).is_empty() {
            found.push(Piece::Text(Span::new(text_start, first)));
        }
        let prune = body.end - first >= pace.prune_from();
        let (mut lenient, mut stopped, mut pruned) =
            read_document(paste, first, body.end, prune, cursor, pace).await;
        let read_pruned = lenient.value.as_ref().is_some_and(|json| {
            best_json_kind(json, command.and_then(kind_of_command))
                .is_some_and(|signature| signature.kind == InputKind::DescribeInstances)
        });
        if pruned.count > 0 && !read_pruned {
            // Only `describe-instances` reads the placeholders: anything else is read whole.
            (lenient, stopped, pruned) =
                read_document(paste, first, body.end, false, cursor, pace).await;
        }
        let end = match (&lenient.value, &lenient.error) {
            (_, None) => stopped,
            // A broken document: the rest of the output belongs to it.
            (_, Some(_)) => body.end,
        };
        let span = Span::new(first, end.max(first));
        found.push(Piece::Json {
            json: lenient.value,
            error: lenient.error,
            span,
            pruned_secrets: pruned.secrets,
        });
        text_start = end;
        pos = end.max(pos + 1);
    }
    if text_start < body.end && !scan::trim(paste, Span::new(text_start, body.end)).is_empty() {
        found.push(Piece::Text(Span::new(text_start, body.end)));
    }
    found
}

/// Reads the JSON document at `first` (up to `end`), offering `pace` a pause every slice; with
/// `prune`, drops the instances of a `describe-instances` as they are read (see [`PRUNE_FROM`]).
/// Returns the reading, where it stopped (in the paste) and what was dropped.
async fn read_document<'p>(
    paste: &'p str,
    first: usize,
    end: usize,
    prune: bool,
    cursor: &mut scan::LineCursor<'_>,
    pace: &mut Pace<'_>,
) -> (json::Lenient<'p>, usize, Pruned) {
    // Each document is read from its own slice so that the reader's error location costs the
    // document's length, not the paste's; spans and locations are moved back after.
    let slice = paste.get(first..end).unwrap_or_default();
    let pruned = std::rc::Rc::new(std::cell::RefCell::new(Pruned::default()));
    let mut reader = json::LenientReader::new(slice, 0);
    if prune {
        let dropped = pruned.clone();
        reader = reader.pruning(json::Prune {
            keys: PRUNED,
            read: Box::new(move |mut item| {
                shift_json(&mut item, first);
                let mut dropped = dropped.borrow_mut();
                dropped.count += 1;
                dropped.secrets.extend(secrets::scan_json(paste, &item));
            }),
        });
    }
    let (mut lenient, stopped) = loop {
        if let Some(done) = reader.read(pace::SLICE_BYTES) {
            break done;
        }
        pace.at(first + reader.position()).await;
    };
    drop(reader);
    if first > 0 {
        if let Some(value) = &mut lenient.value {
            shift_json(value, first);
        }
        if let Some(error) = &mut lenient.error {
            rebase_error(error, first, cursor.locate(first));
        }
    }
    let pruned = std::rc::Rc::try_unwrap(pruned)
        .map(std::cell::RefCell::into_inner)
        .unwrap_or_default();
    (lenient, stopped + first, pruned)
}

/// An object that starts inside the line `[from, line_end)` at `{"` and ends with it.
fn inline_object(paste: &str, from: usize, line_end: usize) -> Option<(Json<'_>, usize, usize)> {
    let line = scan::trim(paste, Span::new(from, line_end));
    if !line.slice(paste).ends_with('}') {
        return None;
    }
    let start = scan::find_ci(paste, line, "{\"")?.start;
    let slice = paste.get(start..line.end)?;
    let (lenient, stopped) = json::parse_lenient_at(slice, 0);
    let mut json = lenient
        .value
        .filter(|_| lenient.error.is_none() && stopped == slice.len())?;
    if json.as_object().is_none_or(|members| members.len() < 2) {
        return None;
    }
    shift_json(&mut json, start);
    Some((json, start, line.end))
}

/// Moves every span of a document read from a slice to its place in the paste.
fn shift_json(json: &mut Json, offset: usize) {
    remap_json(json, &|at| at.saturating_add(offset));
}

/// Applies `map` to every offset of a document.
fn remap_json(json: &mut Json, map: &dyn Fn(usize) -> usize) {
    let remap = |span: Span| Span::new(map(span.start), map(span.end));
    let mut stack: Vec<&mut Json> = vec![json];
    while let Some(value) = stack.pop() {
        value.span = remap(value.span);
        match &mut value.value {
            json::Value::Array(items) => stack.extend(items.iter_mut()),
            json::Value::Object(members) => {
                for member in members.iter_mut() {
                    member.key_span = remap(member.key_span);
                    stack.push(&mut member.value);
                }
            }
            _ => {}
        }
    }
}

/// Members copied out of a larger document without its braces:
/// `"IamInstanceProfile": { "Arn": …, "Id": … },`. Read as the object they come from, with
/// spans in the paste.
fn read_fragment(paste: &str, span: Span, command: Option<&CommandLine>) -> Option<Reading> {
    let trimmed = scan::trim(paste, span);
    let trimmed = scan::trim_end_bytes(paste, trimmed, b", \t\r\n");
    let text = trimmed.slice(paste);
    // `"Key"` then `:` at the start.
    if !text.starts_with('"') {
        return None;
    }
    let key_end = text.get(1..)?.find('"')? + 2;
    if !text.get(key_end..)?.trim_start().starts_with(':') {
        return None;
    }
    let synthetic = format!("{{{text}}}");
    let mut json = json::parse(&synthetic).ok()?;
    // Offset `k` of the synthetic text is `trimmed.start + k - 1` in the paste; the braces
    // that were added map onto the fragment's ends.
    let start = trimmed.start;
    let end = trimmed.end;
    remap_json(&mut json, &|at| {
        (start + at).saturating_sub(1).clamp(start, end)
    });
    let command_kind = command.and_then(kind_of_command);
    let signature = best_json_kind(&json, command_kind)?;
    let read = signature.read_json?;
    let mut reading = read(&JsonPiece { paste, json: &json });
    reading.secrets.extend(secrets::scan_json(paste, &json));
    Some(reading)
}

/// Makes an error found in a slice starting at `offset` (whose location is `base`) absolute.
fn rebase_error(error: &mut json::ParseError, offset: usize, base: crate::text::Location) {
    let rebase = |location: crate::text::Location| crate::text::Location {
        line: location.line + base.line - 1,
        column: if location.line == 1 {
            location.column + base.column - 1
        } else {
            location.column
        },
    };
    error.span = error.span.shifted(offset);
    error.location = rebase(error.location);
    match &mut error.kind {
        ParseErrorKind::UnexpectedEnd {
            unclosed: Some(open),
            ..
        }
        | ParseErrorKind::MismatchedClose { open, .. } => {
            open.start += offset;
            open.location = rebase(open.location);
        }
        ParseErrorKind::TrailingText { document_end } => *document_end += offset,
        _ => {}
    }
}

fn looks_like_json_start(paste: &str, at: usize, end: usize) -> bool {
    let bytes = paste.as_bytes();
    let open = bytes.get(at).copied();
    let next_at = scan::skip_space(paste, at + 1, end);
    let Some(&next) = bytes.get(next_at) else {
        // `{` or `[` alone at the end: a cut-off document.
        return true;
    };
    if next_at >= end {
        return true;
    }
    match open {
        Some(b'{') => matches!(next, b'"' | b'}' | b'\''),
        // `[2017-06-16 12:17:00] local.ERROR: …` (Laravel, Monolog) is a log line, not an array.
        Some(b'[') if next.is_ascii_digit() && is_bracketed_timestamp(bytes, next_at, end) => false,
        Some(b'[') => {
            matches!(next, b'{' | b'[' | b'"' | b']' | b'-' | b'0'..=b'9')
                || [&b"true"[..], b"false", b"null"]
                    .iter()
                    .any(|word| bytes.get(next_at..next_at + word.len()) == Some(*word))
        }
        _ => false,
    }
}

/// A JSON document as read: its value, the error that stopped the reading, and the secrets
/// of the items dropped from its tree.
type Document<'d, 'p> = (
    Option<&'d Json<'p>>,
    Option<&'d json::ParseError>,
    &'d [Secret],
);

async fn read_json_piece(
    paste: &str,
    (json, error, pruned_secrets): Document<'_, '_>,
    span: Span,
    command: Option<&CommandLine>,
    pace: &mut Pace<'_>,
) -> Option<Reading> {
    // A big document's recognition, reading and secret scan each walk it: a pause between.
    let big = span.len() >= pace::SLICE_BYTES;
    let command_kind = command.and_then(kind_of_command);
    let mut reading = match json {
        Some(json) => {
            let best = best_json_kind(json, command_kind).or_else(|| {
                // `[]` / `null` from a `--query`: nothing to recognise, but the command says
                // what it is, and an empty answer is a fact (no profile, no association).
                command_kind
                    .filter(|_| is_empty_result(json))
                    .and_then(|kind| SIGNATURES.iter().copied().find(|s| s.kind == kind))
            });
            if big {
                pace.checkpoint(span.end).await;
            }
            best.and_then(|signature| {
                let read = signature.read_json?;
                Some(read(&JsonPiece { paste, json }))
            })
        }
        None => None,
    };
    if big {
        pace.checkpoint(span.end).await;
    }
    if let Some(error) = error {
        let truncated = matches!(error.kind, ParseErrorKind::UnexpectedEnd { .. });
        let looks_like = reading
            .as_ref()
            .map(|r| r.kind)
            .filter(|kind| *kind != InputKind::Unknown)
            .or(command_kind);
        let problem = ReadProblem::bad_json(
            error.span,
            truncated,
            looks_like,
            &error.message(Lang::En),
            &error.message(Lang::Ja),
        );
        match &mut reading {
            Some(reading) => reading.problems.insert(0, problem),
            None => {
                let mut unknown = Reading::new(InputKind::Unknown, Facts::None);
                unknown.problems.push(problem);
                reading = Some(unknown);
            }
        }
    }
    if let (Some(reading), Some(json)) = (&mut reading, json) {
        reading.secrets.extend(secrets::scan_json(paste, json));
        reading.secrets.extend_from_slice(pruned_secrets);
    }
    if reading.is_none() {
        let mut unknown = Reading::new(InputKind::Unknown, Facts::None);
        unknown
            .problems
            .push(ReadProblem::not_recognised(scan::trim(paste, span), true));
        if let Some(json) = json {
            unknown.secrets.extend(secrets::scan_json(paste, json));
        }
        unknown.secrets.extend_from_slice(pruned_secrets);
        reading = Some(unknown);
    }
    reading
}

/// Digits followed by `-` or `:` (a date or a time): no JSON number goes on like that.
fn is_bracketed_timestamp(bytes: &[u8], at: usize, end: usize) -> bool {
    let mut i = at;
    while i < end && bytes.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    i > at && matches!(bytes.get(i), Some(b'-' | b':' | b'/'))
}

/// `null`, `[]`, `[null]`, `[[]]`: what a `--query` prints when nothing matched.
fn is_empty_result(json: &Json) -> bool {
    match &json.value {
        json::Value::Null => true,
        json::Value::Array(items) => items.iter().all(|item| match &item.value {
            json::Value::Null => true,
            json::Value::Array(inner) => inner.iter().all(|i| matches!(i.value, json::Value::Null)),
            _ => false,
        }),
        _ => false,
    }
}

fn best_json_kind(json: &Json, command_kind: Option<InputKind>) -> Option<&'static Signature> {
    let mut best: Option<(&'static Signature, u8)> = None;
    for signature in SIGNATURES {
        let Some(recognise) = signature.recognise_json else {
            continue;
        };
        let mut score = recognise(json);
        if score == 0 {
            continue;
        }
        if Some(signature.kind) == command_kind {
            score = score.saturating_add(15);
        }
        if best.is_none_or(|(_, best_score)| score > best_score) {
            best = Some((signature, score));
        }
    }
    best.map(|(signature, _)| signature)
}

fn read_text_piece(paste: &str, span: Span, command: Option<&CommandLine>) -> Option<Reading> {
    let piece = TextPiece {
        paste,
        span,
        command,
    };
    let command_kind = command.and_then(kind_of_command);
    let mut best: Option<(u8, Reading)> = None;
    for signature in SIGNATURES {
        let Some(read) = signature.read_text else {
            continue;
        };
        let Some((mut score, reading)) = read(&piece) else {
            continue;
        };
        if Some(reading.kind) == command_kind {
            score = score.saturating_add(15);
        }
        if best
            .as_ref()
            .is_none_or(|(best_score, _)| score > *best_score)
        {
            best = Some((score, reading));
        }
    }
    best.map(|(_, reading)| reading)
}

/// The kind a CLI command's output is, from the kinds' declared commands.
fn kind_of_command(command: &CommandLine) -> Option<InputKind> {
    command.aws_operation.as_ref()?;
    SIGNATURES
        .iter()
        .find(|signature| command.is_aws(signature.commands))
        .map(|signature| signature.kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_ids_round_trip_and_have_names() {
        for kind in InputKind::ALL {
            assert_eq!(InputKind::from_id(kind.id()), Some(kind));
            assert!(!kind.name(Lang::En).is_empty());
            assert!(!kind.name(Lang::Ja).is_empty());
        }
        assert_eq!(InputKind::from_id("nope"), None);
    }

    #[test]
    fn kinds_serialize_as_their_ids() {
        for kind in InputKind::ALL {
            let json = serde_json::to_value(kind).unwrap_or_default();
            assert_eq!(json.as_str(), Some(kind.id()));
        }
    }

    #[test]
    fn empty_text_gives_nothing() {
        assert!(read("").is_empty());
        assert!(read(" \n\t\r\n").is_empty());
        assert!(read("\u{FEFF}").is_empty());
    }

    /// Reads `text` with every `describe-instances` document pruned (`prune: true`), or none.
    fn read_pruning(text: &str, prune: bool) -> Vec<Input> {
        let from = if prune { 0 } else { usize::MAX };
        pace::run_ready(read_in_slices(text, &mut NoPause, from))
    }

    /// Dropping each instance from the tree as it is read (big documents) reads exactly what
    /// the whole tree gives: facts, paths, problems and secrets, for every fixture and for
    /// fleets with secrets in instances, duplicate keys, a cut-off end and text around.
    #[test]
    fn a_pruned_document_reads_as_the_whole_one() {
        let fleet = |instances: &str| {
            format!("{{\"Reservations\": [{{\"Instances\": [{instances}], \"OwnerId\": \"123456789012\"}}, {{\"reservationid\": \"r-1\", \"instances\": [{instances}]}}]}}")
        };
        let instance = r#"{"InstanceId": "i-0123456789abcdef0", "State": {"Name": "running"}, "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/web", "Id": "AIPAEXAMPLE"}, "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1}, "Tags": [{"Key": "Name", "Value": "web"}], "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}"#;
        let many = [instance; 5].join(", ");
        let mut texts: Vec<String> = vec![
            fleet(&many),
            fleet(&format!("{instance}, null, 7, {{}}, [], {instance}")),
            // Duplicate keys: the reader takes the last `Instances`, its path the last spelling.
            format!("{{\"Reservations\": [{{\"Instances\": [{instance}], \"instances\": [{instance}, {instance}]}}], \"reservations\": []}}"),
            format!("$ aws ec2 describe-instances\n{}\n$ echo done\ndone\n", fleet(&many)),
        ];
        let whole = fleet(&many);
        texts.push(whole[..whole.len() * 2 / 3].to_owned());
        // The fixtures with reservations (nothing else is pruned).
        for name in fixtures::list()
            .iter()
            .filter(|name| !name.starts_with("policies/"))
        {
            if let Ok(bytes) = fixtures::try_read_bytes(name) {
                if let Ok(text) = String::from_utf8(bytes) {
                    if text.to_ascii_lowercase().contains("\"reservations\"") {
                        texts.push(text);
                    }
                }
            }
        }
        let mut pruned_any = 0;
        for text in &texts {
            let pruned = read_pruning(text, true);
            assert_eq!(pruned, read_pruning(text, false), "{text:.200}");
            pruned_any += usize::from(
                pruned
                    .iter()
                    .any(|i| i.kind == InputKind::DescribeInstances),
            );
        }
        assert!(pruned_any >= 5, "{pruned_any} fleets read");
        let secrets = read_pruning(&fleet(&many), true)
            .iter()
            .map(|input| input.secrets.len())
            .sum::<usize>();
        assert_eq!(secrets, 10, "every instance's secret, in both reservations");
    }

    /// The lean reading (the CLI's) prunes fleets from 1 MiB and reads what [`read`] reads.
    #[test]
    fn a_lean_read_is_the_read() {
        let instance = r#"{"InstanceId": "i-0123456789abcdef0", "State": {"Name": "running"}, "IamInstanceProfile": {"Arn": "arn:aws:iam::123456789012:instance-profile/web", "Id": "AIPAEXAMPLE"}, "MetadataOptions": {"HttpTokens": "optional", "HttpPutResponseHopLimit": 1}}"#;
        let count = LEAN_PRUNE_FROM / instance.len() + 10;
        let fleet = format!(
            "$ aws ec2 describe-instances\n{{\"Reservations\": [{{\"Instances\": [{}]}}]}}\n",
            vec![instance; count].join(",\n")
        );
        assert!(fleet.len() > LEAN_PRUNE_FROM && fleet.len() < PRUNE_FROM);
        let lean = read_lean(&fleet);
        assert_eq!(lean, read(&fleet));
        let instances = lean
            .iter()
            .map(|input| match &input.facts {
                Facts::Instances(list) => list.len(),
                _ => 0,
            })
            .sum::<usize>();
        assert_eq!(instances, count);
    }

    #[test]
    fn json_start_detection_leaves_log_lines_alone() {
        let text = "[Error] Get instance id metadata failed";
        assert!(!looks_like_json_start(text, 0, text.len()));
        let text = "[\n  {\"Arn\": 1}]";
        assert!(looks_like_json_start(text, 0, text.len()));
        let text = "{\"Code\" : \"Success\"}";
        assert!(looks_like_json_start(text, 0, text.len()));
    }
}
