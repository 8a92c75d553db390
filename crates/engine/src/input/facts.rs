//! The typed facts read from each input kind.
//!
//! Every value a finding may cite is [`Located`]: it carries the absolute byte span of the value
//! in the paste (and its JSON path when it came from JSON), so evidence can underline it. Values
//! are kept as the paste spells them (no case folding), except where the type says otherwise.

use serde::Serialize;

use super::arn::AssumedRole;
use crate::text::Span;

/// A value read from the paste, with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    pub value: T,
    /// Absolute byte offsets in the paste. For values decoded from an encoded form (a URL-encoded
    /// trust policy, a JSON string inside JSON) this is the span of the encoded form.
    pub span: Span,
    /// The JSON path (`$.InstanceProfile.Roles[0].Arn`) when the value came from JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

impl<T> Located<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self {
            value,
            span,
            path: None,
        }
    }

    pub fn with_path(value: T, span: Span, path: impl Into<String>) -> Self {
        Self {
            value,
            span,
            path: Some(path.into()),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Located<U> {
        Located {
            value: f(self.value),
            span: self.span,
            path: self.path,
        }
    }
}

impl Located<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// The facts of one input; one variant per input kind (see [`super::InputKind`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", content = "facts", rename_all = "kebab-case")]
pub enum Facts {
    /// Nothing could be read (kind `unknown`).
    None,
    ImdsIamInfo(ImdsIamInfo),
    ImdsCredentials(ImdsCredentials),
    CredentialsListing(CredentialsListing),
    /// One entry per HTTP exchange, status page, curl error or token seen.
    ImdsHttp(Vec<ImdsExchange>),
    /// `get-instance-profile` / `create-instance-profile` (one) and `list-instance-profiles*` (many).
    InstanceProfiles(Vec<InstanceProfile>),
    /// `get-role` / `create-role` (one) and `list-roles` (many), JSON or Query API XML.
    Roles(Vec<Role>),
    /// `describe-instances` / `run-instances`, or a `--query` fragment of them.
    Instances(Vec<Instance>),
    Associations(Vec<Association>),
    /// `modify-instance-metadata-options` output or bare `MetadataOptions` objects: the instance
    /// id (when known) and its options.
    MetadataOptions(Vec<Instance>),
    CallerIdentity(CallerIdentity),
    TrustPolicy(PolicyDocument),
    IdentityPolicy(PolicyDocument),
    /// One entry per error message in the paste (a log can hold several).
    AwsErrors(Vec<AwsError>),
    AuthorizationMessage(AuthorizationMessage),
    /// One entry per recognised client-side symptom.
    SdkErrors(Vec<SdkError>),
    PolicySimulation(Vec<SimulationResult>),
    AccountAuthorizationDetails(AccountAuthorizationDetails),
    ClientConfig(ClientConfig),
}

/// An IAM instance profile as `get-instance-profile`, `list-instance-profiles` and
/// `get-account-authorization-details` show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InstanceProfile {
    pub name: Option<Located<String>>,
    pub path: Option<Located<String>>,
    pub id: Option<Located<String>>,
    pub arn: Option<Located<String>>,
    /// From the ARN.
    pub account: Option<String>,
    /// From the ARN (`aws`, `aws-cn`, `aws-us-gov`).
    pub partition: Option<String>,
    pub create_date: Option<Located<String>>,
    /// The `Roles` list; `roles_span` is where it stands (evidence for an empty list).
    pub roles: Vec<Role>,
    pub roles_span: Option<Span>,
}

/// An IAM role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Role {
    pub name: Option<Located<String>>,
    pub path: Option<Located<String>>,
    pub id: Option<Located<String>>,
    pub arn: Option<Located<String>>,
    pub create_date: Option<Located<String>>,
    pub trust_policy: Option<PolicyDocument>,
    /// Inline policies (`get-account-authorization-details` `RolePolicyList`).
    pub inline_policies: Vec<PolicyDocument>,
    /// ARNs of attached managed policies (`AttachedManagedPolicies`).
    pub attached_policy_arns: Vec<Located<String>>,
}

/// A policy document (trust or permissions) ready for `policy::Policy::parse(&document.text)`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PolicyDocument {
    /// The document's JSON text, decoded when it arrived URL-encoded or as a JSON string.
    pub text: String,
    /// Where the document stands in the paste (the encoded form when it was encoded).
    pub span: Span,
    /// `Some(offset)` when `text` is a verbatim slice of the paste starting at `offset`, so a
    /// position inside `text` plus `offset` is a position in the paste. `None` when decoded.
    pub text_offset: Option<usize>,
    /// The JSON path of the document inside its output (`$.Role.AssumeRolePolicyDocument`).
    pub path: Option<String>,
    /// How the document arrived.
    pub encoding: DocumentEncoding,
    /// The policy's name or ARN when the output says it (`PolicyName`, `arn` of a managed policy).
    pub source: Option<Located<String>>,
    /// Whether it has a `Principal`/`NotPrincipal` (a trust policy) or not.
    pub has_principal: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentEncoding {
    /// A JSON object in the paste (CLI v1/v2 output, a bare document).
    Json,
    /// RFC 3986 URL-encoded (raw Query API XML, `list-instance-profiles-for-role` docs).
    UrlEncoded,
    /// A JSON string holding the document.
    JsonString,
}

/// An EC2 instance (`describe-instances`, `run-instances`) or a fragment of one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Instance {
    pub id: Option<Located<String>>,
    /// The reservation's `OwnerId`.
    pub owner: Option<Located<String>>,
    /// `State.Name` (`running`, `stopped` …).
    pub state: Option<Located<String>>,
    pub profile_arn: Option<Located<String>>,
    /// `IamInstanceProfile.Id` (AWS: the instance profile id `AIPA…`; moto: the association id).
    pub profile_id: Option<Located<String>>,
    /// Where `IamInstanceProfile` stands, or `None` when the instance has none.
    pub profile_span: Option<Span>,
    pub metadata_options: Option<MetadataOptions>,
    pub launch_time: Option<Located<String>>,
}

/// `MetadataOptions` / `InstanceMetadataOptions`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetadataOptions {
    pub span: Span,
    pub state: Option<Located<String>>,
    pub http_tokens: Option<Located<String>>,
    pub http_put_response_hop_limit: Option<Located<u64>>,
    pub http_endpoint: Option<Located<String>>,
    pub http_protocol_ipv6: Option<Located<String>>,
    pub instance_metadata_tags: Option<Located<String>>,
}

/// An instance profile association (`describe-/associate-/replace-/disassociate-…`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Association {
    pub id: Option<Located<String>>,
    pub instance_id: Option<Located<String>>,
    pub state: Option<Located<String>>,
    pub profile_arn: Option<Located<String>>,
    pub profile_id: Option<Located<String>>,
    pub timestamp: Option<Located<String>>,
}

/// `GET /latest/meta-data/iam/info`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImdsIamInfo {
    pub code: Option<Located<String>>,
    pub message: Option<Located<String>>,
    pub last_updated: Option<Located<String>>,
    pub profile_arn: Option<Located<String>>,
    pub profile_id: Option<Located<String>>,
    /// The HTTP answer when the body was not the JSON document (a 404 page, a curl error).
    pub http: Option<ImdsExchange>,
}

/// `GET /latest/meta-data/iam/security-credentials/ROLE`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImdsCredentials {
    pub code: Option<Located<String>>,
    pub message: Option<Located<String>>,
    pub last_updated: Option<Located<String>>,
    /// `Type` (`AWS-HMAC`).
    pub credential_type: Option<Located<String>>,
    pub access_key_id: Option<Located<String>>,
    pub expiration: Option<Located<String>>,
    /// `AccountId` / `AccountID` (newer documents).
    pub account_id: Option<Located<String>>,
    /// The role name from the request path (`…/security-credentials/ROLE`) when the command is known.
    pub role_name: Option<Located<String>>,
    /// Whether `SecretAccessKey` and `Token` are present (their values are in `Input::secrets`).
    pub has_secret_access_key: bool,
    pub has_token: bool,
    pub http: Option<ImdsExchange>,
}

/// `GET /latest/meta-data/iam/security-credentials/`: the role name(s) (one in practice).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredentialsListing {
    pub role_names: Vec<Located<String>>,
    pub http: Option<ImdsExchange>,
}

/// One exchange with IMDS, or the part of one the paste shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImdsExchange {
    /// `GET`, `PUT`.
    pub method: Option<Located<String>>,
    /// The IMDS path (`/latest/api/token`, `/latest/meta-data/iam/info`).
    pub path: Option<Located<String>>,
    pub status: Option<Located<u16>>,
    /// Whether the request carried `X-aws-ec2-metadata-token` (IMDSv2).
    pub sent_token: bool,
    /// A token PUT's answer or a token header value seen (the value is a secret).
    pub token_received: bool,
    /// The body's span when the paste shows it.
    pub body: Option<Span>,
    /// `curl: (7) Failed to connect …`, `curl: (28) … timed out`.
    pub curl_error: Option<Located<String>>,
    /// Evidence that an HTTP proxy answered (a proxy's error page, `Via:`/`X-Squid-Error` headers).
    pub proxy: Option<Located<String>>,
    /// The answer's `Date:` header (IMDS's clock), as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<Located<String>>,
    /// The span this exchange covers.
    pub span: Span,
}

/// `aws sts get-caller-identity`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CallerIdentity {
    pub user_id: Option<Located<String>>,
    pub account: Option<Located<String>>,
    pub arn: Option<Located<String>>,
    /// For `arn:…:sts::…:assumed-role/ROLE/SESSION`: the role and session (an instance id for
    /// instance credentials).
    pub assumed_role: Option<AssumedRole>,
}

/// An AWS error message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AwsError {
    /// The error code (`AccessDenied`, `UnauthorizedOperation`, `NoSuchEntity` …).
    pub code: Option<Located<String>>,
    /// `true` when the code was not written but inferred from a message whose wording is known
    /// (moto's `Instance profile X not found` → `NoSuchEntity`).
    pub code_inferred: bool,
    /// The API operation (`RunInstances`).
    pub operation: Option<Located<String>>,
    /// The message text after the code.
    pub message: Option<Located<String>>,
    /// The denied principal's ARN.
    pub principal: Option<Located<String>>,
    /// For an assumed-role principal: role and session (e.g. an instance id).
    pub assumed_role: Option<AssumedRole>,
    /// The denied action (`iam:PassRole`).
    pub action: Option<Located<String>>,
    /// The resource (`arn:…` or wording such as `instance profile NAME`).
    pub resource: Option<Located<String>>,
    pub reason: Option<Located<DenyReason>>,
    pub encoded_message: Option<Located<String>>,
    /// `status code: 403` (Go SDK) or the HTTP status when shown.
    pub http_status: Option<Located<u16>>,
    pub request_id: Option<Located<String>>,
    /// For `InvalidParameterValue … for parameter iamInstanceProfile.name`: the parameter and value.
    pub parameter: Option<Located<String>>,
    pub parameter_value: Option<Located<String>>,
    /// How the error was written.
    pub form: AwsErrorForm,
    /// The span of the whole message.
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AwsErrorForm {
    /// `An error occurred (CODE) when calling the OP operation: …` (AWS CLI / botocore).
    ClientError,
    /// `CODE: message` (Go SDK, Terraform, Packer) or `CODE => message` (fog).
    CodeColon,
    /// A bare `User: ARN is not authorized to perform: …` message.
    BareMessage,
    /// Raw Query API XML (`<Response><Errors><Error>` or `<ErrorResponse><Error>`).
    Xml,
    /// A known message wording without its code.
    KnownWording,
}

/// Why an access was denied, from the message's closing clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum DenyReason {
    /// `because no <type> policy allows the <action> action`
    NoPolicyAllows {
        policy_type: PolicyType,
        /// `… transitively through a service control policy`.
        via: Option<PolicyType>,
    },
    /// `with an explicit deny in a(n)/the <type> policy`
    ExplicitDeny {
        policy_type: PolicyType,
        via: Option<PolicyType>,
    },
}

impl DenyReason {
    pub fn policy_type(&self) -> &PolicyType {
        match self {
            DenyReason::NoPolicyAllows { policy_type, .. }
            | DenyReason::ExplicitDeny { policy_type, .. } => policy_type,
        }
    }

    pub fn is_explicit(&self) -> bool {
        matches!(self, DenyReason::ExplicitDeny { .. })
    }
}

/// The policy type an AccessDenied message names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyType {
    Identity,
    Resource,
    /// Service control policy.
    Scp,
    /// Resource control policy.
    Rcp,
    PermissionsBoundary,
    Session,
    VpcEndpoint,
    RoleTrust,
    /// A wording not known here, as written.
    Other(String),
}

impl PolicyType {
    /// Reads the words between `a(n)/the/no` and `policy` (or `permissions boundary`).
    pub fn from_words(words: &str) -> PolicyType {
        let lower = words.trim().to_ascii_lowercase();
        match lower.as_str() {
            "identity-based" | "identity based" => PolicyType::Identity,
            "resource-based" | "resource based" => PolicyType::Resource,
            "service control" => PolicyType::Scp,
            "resource control" => PolicyType::Rcp,
            "permissions boundary" | "permission boundary" => PolicyType::PermissionsBoundary,
            "session" | "sessions" => PolicyType::Session,
            "vpc endpoint" => PolicyType::VpcEndpoint,
            "role trust" | "trust" => PolicyType::RoleTrust,
            _ => PolicyType::Other(words.trim().to_string()),
        }
    }
}

/// `aws sts decode-authorization-message` output, or the decoded document itself.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorizationMessage {
    pub allowed: Option<Located<bool>>,
    pub explicit_deny: Option<Located<bool>>,
    /// `context.action` (`RunInstances`, `iam:PassRole`).
    pub action: Option<Located<String>>,
    pub resource: Option<Located<String>>,
    pub principal_arn: Option<Located<String>>,
    pub principal_id: Option<Located<String>>,
    pub matched_statements: Vec<MatchedStatement>,
    pub conditions: Vec<ContextCondition>,
    /// Whether the document arrived as a JSON string inside `DecodedMessage` (current CLI).
    pub encoding: DocumentEncoding,
}

/// A statement the decoded message says matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchedStatement {
    pub statement_id: Option<Located<String>>,
    pub effect: Option<Located<String>>,
    pub actions: Vec<Located<String>>,
    pub resources: Vec<Located<String>>,
}

/// A request context key and its values (`ec2:MetadataHttpTokens` = `required`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContextCondition {
    pub key: Located<String>,
    pub values: Vec<Located<String>>,
}

/// A client-side symptom recognised in SDK/CLI output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SdkError {
    pub class: SdkErrorClass,
    /// The text that shows it.
    pub evidence: Located<String>,
}

/// What a client-side error says happened. Serialized as [`SdkErrorClass::id`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum SdkErrorClass {
    /// "Unable to locate credentials" and its equivalents in other SDKs.
    #[serde(rename = "no-credentials")]
    NoCredentials,
    /// The IMDSv2 token PUT timed out (hop limit, container).
    #[serde(rename = "imds-token-timeout")]
    ImdsTokenTimeout,
    /// The IMDSv2 token PUT was answered 400 (bad TTL header, a proxy or container in the way).
    #[serde(rename = "imds-token-rejected")]
    ImdsTokenRejected,
    /// Connecting to IMDS timed out.
    #[serde(rename = "imds-connect-timeout")]
    ImdsConnectTimeout,
    #[serde(rename = "imds-connection-refused")]
    ImdsConnectionRefused,
    /// IMDS answered 401 (IMDSv2 required, token missing or expired).
    #[serde(rename = "imds-401")]
    Imds401,
    /// IMDS answered 403 (endpoint disabled, or a proxy answered).
    #[serde(rename = "imds-403")]
    Imds403,
    /// IMDS answered 404 for the credentials: no role associated (or not on EC2).
    #[serde(rename = "imds-404-no-role")]
    Imds404NoRole,
    /// IMDS answered 429 or 503 (throttled or unavailable).
    #[serde(rename = "imds-429-or-503")]
    Imds429Or503,
    /// IMDS gave an error response the SDK does not detail.
    #[serde(rename = "imds-error-response")]
    ImdsErrorResponse,
    /// The SDK gave up after its retries.
    #[serde(rename = "max-attempts-exceeded")]
    MaxAttemptsExceeded,
    /// A proxy answered for IMDS, or proxy settings are in play.
    #[serde(rename = "proxy-in-the-way")]
    ProxyInTheWay,
    /// The answer was not JSON (an HTML captive portal, a proxy page, an XML error).
    #[serde(rename = "non-json-response")]
    NonJsonResponse,
    /// IMDS says EC2 cannot assume the role (trust policy).
    #[serde(rename = "assume-role-unauthorized")]
    AssumeRoleUnauthorized,
    /// The process keeps using credentials of a previous instance profile.
    #[serde(rename = "credentials-from-previous-profile")]
    CredentialsFromPreviousProfile,
}

impl SdkErrorClass {
    pub fn id(self) -> &'static str {
        match self {
            SdkErrorClass::NoCredentials => "no-credentials",
            SdkErrorClass::ImdsTokenTimeout => "imds-token-timeout",
            SdkErrorClass::ImdsTokenRejected => "imds-token-rejected",
            SdkErrorClass::ImdsConnectTimeout => "imds-connect-timeout",
            SdkErrorClass::ImdsConnectionRefused => "imds-connection-refused",
            SdkErrorClass::Imds401 => "imds-401",
            SdkErrorClass::Imds403 => "imds-403",
            SdkErrorClass::Imds404NoRole => "imds-404-no-role",
            SdkErrorClass::Imds429Or503 => "imds-429-or-503",
            SdkErrorClass::ImdsErrorResponse => "imds-error-response",
            SdkErrorClass::MaxAttemptsExceeded => "max-attempts-exceeded",
            SdkErrorClass::ProxyInTheWay => "proxy-in-the-way",
            SdkErrorClass::NonJsonResponse => "non-json-response",
            SdkErrorClass::AssumeRoleUnauthorized => "assume-role-unauthorized",
            SdkErrorClass::CredentialsFromPreviousProfile => "credentials-from-previous-profile",
        }
    }
}

/// How the client is set up (`client-config`): environment variables, AWS config and
/// credentials file profiles, `aws configure list`, SDK log lines naming the credential source,
/// the local clock (`date -u`) and signs of a container. Secret values are in `Input::secrets`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientConfig {
    /// `NAME=value` settings: environment dumps, `export`, `/etc/ecs/ecs.config`.
    pub variables: Vec<ConfigSetting>,
    /// Profiles of AWS config or credentials files (`[default]`, `[profile web]`).
    pub profiles: Vec<ConfigProfile>,
    /// `aws configure list` rows (`access_key`, `region` …).
    pub configure_list: Vec<ConfigureListRow>,
    /// SDK log lines that say where credentials came from or that IMDS is off.
    pub client_lines: Vec<ClientLine>,
    /// The local clock: the output of `date` (`2026-12-03T13:40:00Z`).
    pub local_time: Option<Located<String>>,
    /// What shows the process runs in a container (`/.dockerenv`, `KUBERNETES_SERVICE_HOST`).
    pub container: Option<Located<String>>,
}

/// One `NAME=value` or `key = value` setting (value as written; secrets masked by renderers).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigSetting {
    pub name: Located<String>,
    pub value: Located<String>,
}

/// One `[section]` of an AWS config or credentials file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigProfile {
    /// The profile name (`default`, `web` of `[profile web]`).
    pub name: Located<String>,
    /// `[sso-session NAME]` and `[services NAME]` sections are not profiles.
    pub is_profile: bool,
    pub settings: Vec<ConfigSetting>,
}

/// One row of `aws configure list`: `access_key  ****ABCD  shared-credentials-file  ~/.aws/credentials`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigureListRow {
    pub name: Located<String>,
    pub value: Located<String>,
    /// `env`, `iam-role`, `shared-credentials-file`, `config-file`, `None` …
    pub source: Located<String>,
}

/// What an SDK log line says about the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClientSays {
    /// Credentials were taken from this source, not from IMDS.
    CredentialsFromEnvironment,
    CredentialsFromSharedFile,
    CredentialsFromConfigFile,
    /// Credentials came from the instance profile (IMDS).
    CredentialsFromInstanceRole,
    /// The client is told not to use IMDS.
    ImdsDisabled,
}

/// A recognised SDK log line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClientLine {
    pub says: ClientSays,
    pub evidence: Located<String>,
}

/// One `EvaluationResults[]` entry of `simulate-principal-policy` / `simulate-custom-policy`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimulationResult {
    pub action: Option<Located<String>>,
    pub resource: Option<Located<String>>,
    /// `allowed`, `explicitDeny`, `implicitDeny`.
    pub decision: Option<Located<String>>,
    pub matched_statement_ids: Vec<Located<String>>,
    pub missing_context_values: Vec<Located<String>>,
}

/// `aws iam get-account-authorization-details`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AccountAuthorizationDetails {
    pub roles: Vec<Role>,
    /// Instance profiles listed under each role (`InstanceProfileList`), deduplicated by ARN.
    pub instance_profiles: Vec<InstanceProfile>,
    pub users: Vec<IamUser>,
    /// Customer managed policies (`Policies[]`, default version).
    pub managed_policies: Vec<PolicyDocument>,
}

/// An IAM user with the policies the output lists for it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IamUser {
    pub name: Option<Located<String>>,
    pub arn: Option<Located<String>>,
    pub inline_policies: Vec<PolicyDocument>,
    pub attached_policy_arns: Vec<Located<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdk_error_classes_serialize_as_their_ids() {
        for class in [
            SdkErrorClass::NoCredentials,
            SdkErrorClass::Imds404NoRole,
            SdkErrorClass::Imds429Or503,
            SdkErrorClass::CredentialsFromPreviousProfile,
        ] {
            let json = serde_json::to_value(class).unwrap_or_default();
            assert_eq!(json.as_str(), Some(class.id()));
        }
    }

    #[test]
    fn policy_type_words() {
        assert_eq!(
            PolicyType::from_words("identity-based"),
            PolicyType::Identity
        );
        assert_eq!(PolicyType::from_words("service control"), PolicyType::Scp);
        assert_eq!(PolicyType::from_words("resource control"), PolicyType::Rcp);
        assert_eq!(PolicyType::from_words("sessions"), PolicyType::Session);
        assert_eq!(
            PolicyType::from_words("Weird"),
            PolicyType::Other("Weird".to_string())
        );
    }
}
