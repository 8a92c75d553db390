//! The client vocabulary: what each SDK, agent and tool prints when instance credentials fail,
//! one row per message pattern, read from the client's own source (gitleaks' habit: detectors
//! are rows of data, not code spread over readers).
//!
//! # A row
//! - `client`, `versions`, `source`: who prints it, which releases, and the repository file the
//!   wording comes from (a test-only column: it documents the row and costs the page nothing);
//! - `keyword`: the cheap pre-filter, one lower-case word of the phrase: the phrase is only
//!   searched for when the keyword is in the text (each keyword is looked up once per text);
//! - `phrase`: the wording, matched ASCII-case-insensitively with any run of whitespace for a
//!   space (pasted messages are wrapped);
//! - `needs`: context the wording needs elsewhere in the text or its command line (a bare
//!   `status code: 404` is only an IMDS answer when the text talks about IMDS and credentials);
//! - `concludes`: the [`SdkErrorClass`] it shows;
//! - `example` / `lookalike` (test-only): a real line that matches, and one that must not.
//!
//! # Reading
//! [`classify`] walks the table over one text and returns one [`SdkError`] per class, at its
//! first evidence. A status code or a network failure decides its class whatever client printed
//! it: those rows name no client (`http`, `os`); a client's own wrapper ("no EC2 IMDS role
//! found", "Failed to load credentials from IMDS") only says that something failed, and its
//! class is not conclusive ([`SdkErrorClass::is_conclusive`]). The readers (`sdk-error` text and
//! JSON logs, `aws-error` messages) walk this table; none hard-codes a wording.
//!
//! A text about this domain that no row explains is [`unexplained`]: the diagnosis then asks
//! for more (a `check`) instead of reporting nothing wrong.

use super::facts::{Located, SdkError, SdkErrorClass};
use super::scan;
use crate::text::Span;
use std::sync::OnceLock;

use SdkErrorClass::*;

/// Words that say a text is about IMDS.
pub(super) const IMDS_WORDS: &[&str] = &[
    "169.254.169.254",
    "fd00:ec2::254",
    "imds",
    "ec2metadata",
    "ec2 metadata",
    "instance metadata",
    "metadata service",
    "metadata server",
    "meta-data",
    "api/token",
    "InstanceProfileCredentials",
    "EC2CredentialsFetcher",
    "EC2ResourceFetcher",
    "EC2MetadataUtils",
    "EC2MetadataClient",
    "EC2InstanceMetadata",
    "EC2RoleProvider",
    "ec2rolecreds",
    "InstanceProfileProvider",
    "InstanceProfileRegionProvider",
    "HttpResourcesUtils",
    "FailedToLoadToken",
];

/// Words that say an IMDS answer concerns the role's credentials (a 404 on `user-data` does not).
const IAM_WORDS: &[&str] = &[
    "security-credentials",
    "iam/info",
    "credential",
    "role",
    "instance profile",
];

/// Words that say a request was the IMDSv2 token PUT.
const TOKEN_WORDS: &[&str] = &[
    "api/token",
    "GetToken",
    "session token",
    "IMDSv2 token",
    "metadata token",
    "API token",
    "token request",
    "fetch token",
    "retrieve token",
];

type Needs = &'static [&'static [&'static str]];
const NONE: Needs = &[];
const IMDS: Needs = &[IMDS_WORDS];
const IMDS_IAM: Needs = &[IMDS_WORDS, IAM_WORDS];
const IMDS_TOKEN: Needs = &[IMDS_WORDS, TOKEN_WORDS];

/// One message pattern (the columns the reader needs; see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct Row {
    pub keyword: &'static str,
    pub phrase: &'static str,
    pub needs: Needs,
    pub concludes: SdkErrorClass,
}

/// The documentation columns of a row (tests and the generated table only).
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
pub(crate) struct RowDoc {
    pub client: &'static str,
    pub versions: &'static str,
    pub source: &'static str,
    pub example: &'static str,
    pub lookalike: &'static str,
}

macro_rules! vocabulary {
    ($( ($client:expr, $versions:expr, $source:expr, $keyword:expr, $phrase:expr, $needs:expr,
         $class:expr, $example:expr, $lookalike:expr $(,)?) ),* $(,)?) => {
        /// Every row, in the order they are tried (earlier rows win the evidence of a class).
        pub const ROWS: &[Row] = &[$(Row {
            keyword: $keyword,
            phrase: $phrase,
            needs: $needs,
            concludes: $class,
        }),*];

        /// `ROWS[i]`'s documentation columns.
        #[cfg(test)]
        pub(crate) const DOCS: &[RowDoc] = &[$(RowDoc {
            client: $client,
            versions: $versions,
            source: $source,
            example: $example,
            lookalike: $lookalike,
        }),*];
    };
}

vocabulary![
    // ---- Named causes first: a client that names the cause decides over generic words. ----
    ("botocore, AWS CLI v1/v2", "botocore >= 1.13", "boto/botocore botocore/utils.py IMDSFetcher._assert_enabled",
     "disabled", "Access to EC2 metadata has been disabled", NONE, ImdsDisabledByClient,
     "2024-05-02 10:11:12,345 - MainThread - botocore.utils - DEBUG - Access to EC2 metadata has been disabled.",
     "Access to EC2 has been disabled by your administrator"),
    ("aws-sdk-go-v2 (Terraform AWS provider v5, Pulumi)", "feature/ec2/imds >= v1.0", "aws/aws-sdk-go-v2 feature/ec2/imds/api_client.go",
     "disabled", "access disabled to EC2 IMDS via client option", NONE, ImdsDisabledByClient,
     "Error: no EC2 IMDS role found, operation error ec2imds: GetMetadata, access disabled to EC2 IMDS via client option, or \"AWS_EC2_METADATA_DISABLED\" environment variable",
     "operation error ec2imds: GetMetadata, request canceled, context deadline exceeded"),
    ("Java v1, JS v3 (bundled helpers)", "aws-java-sdk 1.11.x-1.12.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/internal/InstanceMetadataServiceResourceFetcher.java",
     "disabled", "EC2 Instance Metadata Service is disabled", NONE, ImdsDisabledByClient,
     "com.amazonaws.AmazonClientException: EC2 Instance Metadata Service is disabled",
     "EC2 Instance Metadata Service is enabled"),
    ("Java v2", "software.amazon.awssdk:auth >= 2.0", "aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/InstanceProfileCredentialsProvider.java",
     "disabled", "IMDS credentials have been disabled", NONE, ImdsDisabledByClient,
     "software.amazon.awssdk.core.exception.SdkClientException: IMDS credentials have been disabled by environment variable or system property.",
     "IMDS credentials have been refreshed"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/metadata_service.js",
     "disabled", "EC2 Instance Metadata Service access disabled", NONE, ImdsDisabledByClient,
     "Error: EC2 Instance Metadata Service access disabled",
     "EC2 Instance Metadata Service access denied by a proxy"),
    ("PHP", "aws-sdk-php 3.x", "aws/aws-sdk-php src/Credentials/InstanceProfileProvider.php",
     "disabled", "EC2 metadata server access disabled", NONE, ImdsDisabledByClient,
     "Error retrieving credentials from the instance profile metadata server. (EC2 metadata server access disabled)",
     "EC2 metadata server access denied"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/credentials.rs",
     "disabled", "IMDS disabled by", NONE, ImdsDisabledByClient,
     "the credential provider was not enabled: IMDS disabled by AWS_EC2_METADATA_DISABLED env var set to `true`",
     "IMDS disabled? check HttpEndpoint"),
    ("Kotlin", "aws-sdk-kotlin >= 0.9", "awslabs/aws-sdk-kotlin aws-runtime/aws-config/common/src/aws/sdk/kotlin/runtime/auth/credentials/ImdsCredentialsProvider.kt",
     "disabled", "AWS EC2 metadata is explicitly disabled", NONE, ImdsDisabledByClient,
     "aws.smithy.kotlin.runtime.auth.awscredentials.CredentialsNotLoadedException: AWS EC2 metadata is explicitly disabled; credentials not loaded",
     "AWS EC2 metadata is enabled"),
    ("any (environment)", "all", "the SDKs' shared setting AWS_EC2_METADATA_DISABLED (aws/aws-sdk-go-v2 feature/ec2/imds/internal/config/resolvers.go)",
     "aws_ec2_metadata_disabled", "AWS_EC2_METADATA_DISABLED=true", NONE, ImdsDisabledByClient,
     "export AWS_EC2_METADATA_DISABLED=true",
     "export AWS_EC2_METADATA_DISABLED=false"),
    // Credentials from another source than the instance profile.
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/credentials.py EnvProvider.load",
     "found", "Found credentials in environment variables", NONE, CredentialsFromOtherSource,
     "2024-01-09 12:00:00,001 botocore.credentials [INFO] Found credentials in environment variables.",
     "Found credentials from IAM Role: web-role"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/credentials.py SharedCredentialProvider.load",
     "found", "Found credentials in shared credentials file", NONE, CredentialsFromOtherSource,
     "botocore.credentials [INFO] Found credentials in shared credentials file: ~/.aws/credentials",
     "Found credentials from IAM Role: web-role"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/credentials.py ConfigProvider / OriginalEC2Provider / BotoProvider",
     "found", "Found credentials in", NONE, CredentialsFromOtherSource,
     "botocore.credentials [INFO] Found credentials in boto config file: /etc/boto.cfg",
     "Found credentials from IAM Role: web-role"),
    // Clock skew.
    ("AWS services (any client)", "all", "the services' error codes as botocore reads them (boto/botocore botocore/utils.py / CLI --debug)",
     "requesttimetooskewed", "RequestTimeTooSkewed", NONE, ClockSkew,
     "An error occurred (RequestTimeTooSkewed) when calling the ListBuckets operation: The difference between the request time and the current time is too large.",
     "RequestTimeout: Your socket connection to the server was not read from or written to"),
    ("AWS services (any client)", "all", "SigV4 service message (aws/aws-sdk-go-v2 aws/retry/retryable_error.go treats it as clock skew)",
     "signature", "Signature expired", NONE, ClockSkew,
     "An error occurred (InvalidSignatureException) when calling the DescribeInstances operation: Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z (20240101T001000Z - 5 min.)",
     "The request signature we calculated does not match the signature you provided"),
    ("AWS services (any client)", "all", "SigV4 service message (aws/aws-sdk-go-v2 aws/retry/retryable_error.go)",
     "signature", "Signature not yet current", NONE, ClockSkew,
     "InvalidSignatureException: Signature not yet current: 20240101T002000Z is still later than 20240101T001500Z (20240101T001000Z + 5 min.)",
     "Signature version 4 is required"),
    ("AWS services (any client)", "all", "S3 RequestTimeTooSkewed message",
     "difference", "difference between the request time and the current time is too large", NONE, ClockSkew,
     "The difference between the request time and the current time is too large.",
     "the difference between the two roles is the trust policy"),
    // Launches naming a profile that has no role or does not exist.
    ("EC2 RunInstances (any client; Terraform, CloudFormation, spot)", "all", "EC2 InvalidParameterValue message (hashicorp/terraform-provider-aws internal/service/ec2/ec2_instance.go retries on it)",
     "associated", "has no associated IAM Roles", NONE, ProfileHasNoRole,
     "InvalidParameterValue: IAM Instance Profile \"arn:aws:iam::041673875206:instance-profile/bill-testing-ManagerProfile\" has no associated IAM Roles",
     "the instance has no associated instance profile"),
    ("Auto Scaling (CreateLaunchConfiguration, activities)", "all", "Auto Scaling ValidationError message (hashicorp/terraform-provider-aws internal/service/autoscaling/launch_configuration.go retries on it)",
     "iaminstanceprofile", "Invalid IamInstanceProfile", NONE, ProfileNotFound,
     "Invalid IamInstanceProfile: SpinnakerDevelopment-BaseIAMRole-6D9LJ9HS4PZ7 (Service: AmazonAutoScaling; Status Code: 400; Error Code: ValidationError; Request ID: 7312e684-b079-11e8-95a6-5baf58bb2ca8)",
     "IamInstanceProfile: arn:aws:iam::123456789012:instance-profile/web"),
    ("EC2 RunInstances, Auto Scaling activities, console", "all", "EC2 InvalidParameterValue message (hashicorp/terraform-provider-aws internal/service/ec2/ec2_instance.go)",
     "invalid", "Invalid IAM Instance Profile", NONE, ProfileNotFound,
     "Status Reason: Value (web-profile) for parameter iamInstanceProfile.name is invalid. Invalid IAM Instance Profile name. Launching EC2 instance failed.",
     "Valid IAM Instance Profile name"),
    // Role not trusted by EC2, previous profile.
    ("IMDS (any client)", "all", "IMDS security-credentials error document (smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/credentials.rs)",
     "assumeroleunauthorizedaccess", "AssumeRoleUnauthorizedAccess", NONE, AssumeRoleUnauthorized,
     "Incorrect IMDS/IAM configuration: [AssumeRoleUnauthorizedAccess] EC2 cannot assume the role integration-test.",
     "AssumeRole succeeded"),
    ("IMDS (any client)", "all", "IMDS security-credentials error Message (smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/json_credentials.rs tests)",
     "assume", "EC2 cannot assume the role", NONE, AssumeRoleUnauthorized,
     "\"Message\" : \"EC2 cannot assume the role integration-test.\"",
     "EC2 can assume the role"),
    ("guide wording", "all", "the guide S6 (docs/guide/GUIDE.md)",
     "trust", "trust relationship with EC2", NONE, AssumeRoleUnauthorized,
     "the role does not have a trust relationship with EC2",
     "trust relationship with Lambda"),
    ("guide wording", "all", "the guide S2 (docs/guide/GUIDE.md)",
     "profile", "old instance profile", NONE, CredentialsFromPreviousProfile,
     "the application still uses credentials from the old instance profile",
     "the old profile picture"),
    ("guide wording", "all", "the guide S2 (docs/guide/GUIDE.md)",
     "profile", "previous instance profile", NONE, CredentialsFromPreviousProfile,
     "credentials of the previous instance profile are still cached",
     "previous profile"),
    // IMDSv2 token could not be had, cause not named.
    ("botocore, AWS CLI v1/v2", "botocore >= 1.31", "boto/botocore botocore/utils.py IMDSFetcher._assert_v1_enabled",
     "imdsv1", "IMDSv1 has been disabled", NONE, ImdsTokenUnavailable,
     "Error retrieving metadata: Unable to retrieve token for use in IMDSv2 call and IMDSv1 has been disabled",
     "IMDSv1 has been enabled"),
    ("aws-sdk-go v1 (SSM Agent, ECS agent, aws-node)", "aws-sdk-go >= 1.44", "aws/aws-sdk-go aws/ec2metadata/token_provider.go (vendored in aws/amazon-ssm-agent)",
     "fallback", "failed to get IMDSv2 token and fallback to IMDSv1 is disabled", NONE, ImdsTokenUnavailable,
     "EC2MetadataError: failed to get IMDSv2 token and fallback to IMDSv1 is disabled",
     "fallback to IMDSv1 is enabled"),
    ("JS v2", "aws-sdk >= 2.1500", "aws/aws-sdk-js lib/metadata_service.js",
     "fallback", "Metadata v1 fallback has been blocked", NONE, ImdsTokenUnavailable,
     "Error: AWS EC2 Metadata v1 fallback has been blocked by process.env.AWS_EC2_METADATA_V1_DISABLED.",
     "Metadata v1 fallback has been allowed"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/metadata_service.js",
     "token", "EC2 Metadata token request returned 400", NONE, ImdsTokenRejected,
     "Error: EC2 Metadata token request returned 400",
     "EC2 Metadata token request returned 200"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/metadata_service.js",
     "token", "EC2 Metadata token request returned error", NONE, ImdsTokenUnavailable,
     "Error: EC2 Metadata token request returned error",
     "EC2 Metadata token request returned a token"),
    ("JS v3", "@smithy/credential-provider-imds >= 2.0", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/error/InstanceMetadataV1FallbackError.ts",
     "instancemetadatav1fallbackerror", "InstanceMetadataV1FallbackError", NONE, ImdsTokenUnavailable,
     "InstanceMetadataV1FallbackError: AWS SDK Attempted to use IMDSv1 after a token fetch failure, but IMDSv1 is disabled.",
     "InstanceMetadataV1Fallback enabled"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/instance_profile_credentials.rb",
     "tokenretrivalerror", "TokenRetrivalError", NONE, ImdsTokenUnavailable,
     "Aws::InstanceProfileCredentials::TokenRetrivalError (Aws::InstanceProfileCredentials::TokenRetrivalError)",
     "TokenRetrievalWarning"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/ec2_metadata.rb",
     "tokenretrievalerror", "TokenRetrievalError", NONE, ImdsTokenUnavailable,
     "Aws::EC2Metadata::TokenRetrievalError",
     "TokenRetrievalWarning"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/client/error.rs",
     "session", "failed to load IMDS session token", NONE, ImdsTokenUnavailable,
     "WARN aws_config::imds::region: failed to load region from IMDS err=failed to load IMDS session token",
     "loaded IMDS session token"),
    ("aws-c-auth (CRT: Swift, Java CRT, CLI v2 with CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/aws_imds_client.c",
     "token", "IMDS client failed to fetch token", NONE, ImdsTokenUnavailable,
     "[ERROR] [2024-03-01T10:00:00Z] [00007f] [IMDSClient] - (id=0x5566) IMDS client failed to fetch token for requester 0x7788, and fall back to v1 is disabled.Received response status code: 0",
     "IMDS client has fetched the token"),
    ("cloud-init", ">= 19.1", "canonical/cloud-init cloudinit/sources/DataSourceEc2.py",
     "token", "Unable to get API token", IMDS, ImdsTokenUnavailable,
     "WARNING: Unable to get API token: http://169.254.169.254/latest/api/token raised exception HTTPConnectionPool(host='169.254.169.254', port=80): Read timed out.",
     "Unable to get API token for GitHub"),
    ("cloud-init", ">= 19.1", "canonical/cloud-init cloudinit/sources/DataSourceEc2.py",
     "fatal", "Fatal error while requesting Ec2 IMDSv2 API tokens", NONE, ImdsTokenUnavailable,
     "WARNING: Fatal error while requesting Ec2 IMDSv2 API tokens",
     "requesting Ec2 IMDSv2 API tokens"),
    ("amazon-ec2-utils ec2-metadata", ">= 0.1.3", "amazonlinux/amazon-ec2-utils ec2-metadata",
     "token", "Could not get IMDSv2 token", NONE, ImdsTokenUnavailable,
     "[ERROR] Could not get IMDSv2 token. Instance Metadata might have been disabled or this is not an EC2 instance.",
     "Got IMDSv2 token"),
    // Token PUT refused or timed out (hop limit, container).
    ("botocore, AWS CLI v1/v2", "botocore >= 1.13", "boto/botocore botocore/utils.py IMDSFetcher._fetch_metadata_token (BadIMDSRequestError on 400)",
     "imds", "Bad IMDS request", NONE, ImdsTokenRejected,
     "botocore.utils [DEBUG] Bad IMDS request: <botocore.awsrequest.AWSRequest object at 0x7f>",
     "Good IMDS request"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.13", "boto/botocore botocore/exceptions.py ReadTimeoutError",
     "timeout", "Read timeout on endpoint URL", IMDS_TOKEN, ImdsTokenTimeout,
     "botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: \"http://169.254.169.254/latest/api/token\"",
     "Read timeout on endpoint URL: \"https://s3.amazonaws.com/\""),
    ("HTTP (any client)", "all", "IMDSv2 token PUT answered 400 (docs/guide: Instance metadata error codes)",
     "400", "400 Bad Request", IMDS_TOKEN, ImdsTokenRejected,
     "Client error: `PUT http://169.254.169.254/latest/api/token` resulted in a `400 Bad Request` response",
     "GET http://169.254.169.254/latest/meta-data/ 400 Bad Request"),
    ("HTTP (any client)", "all", "aws/aws-sdk-go-v2 feature/ec2/imds/token_provider.go (http response error StatusCode)",
     "400", "StatusCode: 400", IMDS_TOKEN, ImdsTokenRejected,
     "operation error ec2imds: GetToken, http response error StatusCode: 400, request to EC2 IMDS failed",
     "operation error S3: PutObject, https response error StatusCode: 400"),
    ("HTTP (any client)", "all", "IMDSv2 token PUT answered 400",
     "400", "returns a 400", IMDS_TOKEN, ImdsTokenRejected,
     "the token PUT to 169.254.169.254/latest/api/token returns a 400",
     "the API returns a 400"),
    ("aws-sdk-go-v2", "feature/ec2/imds >= v1.0", "aws/aws-sdk-go-v2 feature/ec2/imds/api_op_GetToken.go (operation timeouts)",
     "deadline", "context deadline exceeded", &[TOKEN_WORDS], ImdsTokenTimeout,
     "operation error ec2imds: GetToken, canceled, context deadline exceeded",
     "operation error S3: GetObject, context deadline exceeded"),
    ("any client", "all", "IMDSv2 token PUT timed out (docs/guide: hop limit)",
     "timed", "timed out", &[TOKEN_WORDS], ImdsTokenTimeout,
     "PUT http://169.254.169.254/latest/api/token timed out after 1s",
     "the build timed out"),
    ("any client", "all", "IMDSv2 token PUT timed out (docs/guide: hop limit)",
     "timeout", "timeout", &[TOKEN_WORDS], ImdsTokenTimeout,
     "GetToken: request timeout",
     "connect timeout"),
    // ---- Status codes: decide whatever client printed them. ----
    ("aws-sdk-go v1, Java v1 (Status Code:)", "all", "aws/aws-sdk-go aws/awserr/types.go SprintError (`status code: %d, request id: %s`)",
     "404", "status code: 404", IMDS_IAM, Imds404NoRole,
     "EC2RoleRequestError: no EC2 instance role found caused by: EC2MetadataError: failed to make EC2Metadata request status code: 404, request id:",
     "NoSuchEntity: The role with name web cannot be found. status code: 404"),
    ("aws-sdk-go-v2, Terraform AWS provider v5", "all", "aws/smithy-go transport/http/response.go (`http response error StatusCode: %d`)",
     "404", "StatusCode: 404", IMDS_IAM, Imds404NoRole,
     "│ Error: failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, http response error StatusCode: 404, request to EC2 IMDS failed",
     "operation error S3: GetObject, https response error StatusCode: 404, NoSuchKey"),
    ("botocore, AWS CLI v1/v2 --debug", "botocore >= 1.13", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "404", "status code of 404", IMDS_IAM, Imds404NoRole,
     "botocore.utils - DEBUG - Metadata service returned non-200 response with status code of 404 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/, content body: b'<?xml version=\"1.0\"",
     "Metadata service returned non-200 response with status code of 404 for url: http://169.254.169.254/latest/user-data"),
    ("PHP (Guzzle), curl -i, Kotlin", "all", "guzzle/guzzle src/Exception/RequestException.php (`resulted in a `404 Not Found` response`)",
     "404", "404 Not Found", IMDS_IAM, Imds404NoRole,
     "Error retrieving credentials from the instance profile metadata service. (Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `404 Not Found` response",
     "GET http://169.254.169.254/latest/user-data 404 Not Found"),
    (".NET, PowerShell 5 (WebException)", "all", "dotnet/runtime System.Net.WebException message (`The remote server returned an error: (404) Not Found.`)",
     "404", "(404) Not Found", IMDS_IAM, Imds404NoRole,
     "Invoke-RestMethod : The remote server returned an error: (404) Not Found. http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "The remote server returned an error: (404) Not Found. https://example.com/"),
    ("PowerShell 7 (HttpResponseException)", "all", "PowerShell/PowerShell WebCmdlet (`Response status code does not indicate success: 404 (Not Found).`)",
     "404", "404 (Not Found)", IMDS_IAM, Imds404NoRole,
     "Invoke-RestMethod: Response status code does not indicate success: 404 (Not Found). Uri http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "Response status code does not indicate success: 404 (Not Found). https://example.com/"),
    ("JS v3 (pino / JSON logs)", "all", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts (statusCode on the error)",
     "statuscode", "statusCode\":404", IMDS_IAM, Imds404NoRole,
     "{\"level\":50,\"err\":{\"type\":\"ProviderError\",\"message\":\"Error response received from instance metadata service\",\"statusCode\":404},\"msg\":\"credentials\"}",
     "{\"statusCode\":404,\"path\":\"/api/users\"}"),
    ("JS v3 (pino / JSON logs)", "all", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts",
     "statuscode", "statusCode\": 404", IMDS_IAM, Imds404NoRole,
     "{\"message\": \"Error response received from instance metadata service\", \"statusCode\": 404, \"name\": \"CredentialsProviderError\"}",
     "{\"statusCode\": 404, \"path\": \"/api/users\"}"),
    ("Rust aws-config, Kotlin", "aws-config >= 0.1; aws-sdk-kotlin >= 0.9", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/credentials.rs; awslabs/aws-sdk-kotlin …/ImdsCredentialsProvider.kt",
     "404", "received 404 from IMDS", NONE, Imds404NoRole,
     "WARN aws_config::imds::credentials: received 404 from IMDS when loading profile information. Hint: This instance may not have an IAM role associated.",
     "received 200 from IMDS"),
    ("Rust aws-config, Kotlin", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/credentials.rs",
     "associated", "may not have an IAM role associated", NONE, Imds404NoRole,
     "Hint: This instance may not have an IAM role associated.",
     "may not have an IAM policy attached"),
    ("Java v1", "aws-java-sdk 1.11.x-1.12.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/internal/EC2ResourceFetcher.java",
     "requested", "The requested metadata is not found at", &[&["security-credentials"]], Imds404NoRole,
     "com.amazonaws.SdkClientException: The requested metadata is not found at http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "SdkClientException: The requested metadata is not found at http://169.254.169.254/latest/user-data/"),
    ("Kotlin", "aws-sdk-kotlin >= 0.9", "awslabs/aws-sdk-kotlin aws-runtime/aws-config/common/src/aws/sdk/kotlin/runtime/config/imds/ImdsClient.kt",
     "metadata", "error retrieving instance metadata: Not Found", IMDS_IAM, Imds404NoRole,
     "EC2MetadataError: error retrieving instance metadata: Not Found (/latest/meta-data/iam/security-credentials/)",
     "error retrieving instance metadata: Unauthorized"),
    ("aws-c-auth (CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/aws_imds_client.c",
     "404", "received http status code 404", IMDS_IAM, Imds404NoRole,
     "(id=0x55) IMDS client query received http status code 404 for requester 0x66. (security-credentials)",
     "received http status code 200"),
    // 401: IMDSv2 required and no (or an expired) token.
    ("aws-sdk-go v1, Java v1", "all", "aws/aws-sdk-go aws/awserr/types.go; aws/aws-sdk-java AmazonServiceException.getMessage",
     "401", "status code: 401", IMDS, Imds401,
     "unable to initialize AWS cloud: EC2MetadataError: failed to make EC2Metadata request status code: 401, request id: \"\"",
     "status code: 401, request id: 7a20 (IAM)"),
    ("aws-sdk-go-v2", "all", "aws/smithy-go transport/http/response.go",
     "401", "StatusCode: 401", IMDS, Imds401,
     "operation error ec2imds: GetMetadata, http response error StatusCode: 401, request to EC2 IMDS failed",
     "https response error StatusCode: 401"),
    ("botocore, AWS CLI --debug", "all", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "401", "status code of 401", IMDS, Imds401,
     "Metadata service returned non-200 response with status code of 401 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "status code of 200"),
    ("PHP (Guzzle), curl -i", "all", "guzzle/guzzle src/Exception/RequestException.php",
     "401", "401 Unauthorized", IMDS, Imds401,
     "Error retrieving credentials from the instance profile metadata service. (Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `401 Unauthorized` response",
     "401 Unauthorized from api.github.com"),
    (".NET, PowerShell 5", "all", "dotnet/runtime System.Net.WebException message",
     "401", "(401) Unauthorized", IMDS, Imds401,
     "Invoke-RestMethod : The remote server returned an error: (401) Unauthorized. (http://169.254.169.254/latest/meta-data/)",
     "The remote server returned an error: (401) Unauthorized. (sharepoint)"),
    ("PowerShell 7", "all", "PowerShell/PowerShell WebCmdlet HttpResponseException",
     "401", "401 (Unauthorized)", IMDS, Imds401,
     "Invoke-WebRequest: Response status code does not indicate success: 401 (Unauthorized). http://169.254.169.254/latest/meta-data/",
     "Response status code does not indicate success: 401 (Unauthorized). https://graph.microsoft.com"),
    ("JS v3 (JSON logs)", "all", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts",
     "statuscode", "statusCode\":401", IMDS, Imds401,
     "{\"message\":\"Error response received from instance metadata service\",\"statusCode\":401}",
     "{\"statusCode\":401,\"path\":\"/login\"}"),
    ("aws-c-auth (CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/aws_imds_client.c",
     "401", "Server response 401", NONE, Imds401,
     "(id=0x55) IMDS client failed to fetch resource. Server response 401 UNAUTHORIZED. requester 0x66.",
     "Server response 200"),
    ("Kotlin", "aws-sdk-kotlin >= 0.9", "awslabs/aws-sdk-kotlin …/config/imds/ImdsClient.kt",
     "metadata", "error retrieving instance metadata: Unauthorized", NONE, Imds401,
     "EC2MetadataError: error retrieving instance metadata: Unauthorized",
     "error retrieving instance metadata: Not Found"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/client/error.rs",
     "imds", "error response from IMDS (code: 401", NONE, Imds401,
     "error response from IMDS (code: 401). HttpResponse { status: 401 }",
     "error response from IMDS (code: 404)"),
    // 403: endpoint disabled, or a proxy answered.
    ("aws-sdk-go v1, Java v1", "all", "aws/aws-sdk-go aws/awserr/types.go",
     "403", "status code: 403", IMDS, Imds403,
     "EC2MetadataError: failed to make EC2Metadata request status code: 403, request id:",
     "AccessDenied: User is not authorized status code: 403"),
    ("aws-sdk-go-v2", "all", "aws/smithy-go transport/http/response.go",
     "403", "StatusCode: 403", IMDS, Imds403,
     "operation error ec2imds: GetToken, http response error StatusCode: 403, request to EC2 IMDS failed",
     "https response error StatusCode: 403, AccessDenied"),
    ("botocore --debug", "all", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "403", "status code of 403", IMDS, Imds403,
     "Metadata service returned non-200 response with status code of 403 for url: http://169.254.169.254/latest/api/token",
     "status code of 200"),
    ("PHP (Guzzle), curl -i", "all", "guzzle/guzzle src/Exception/RequestException.php",
     "403", "403 Forbidden", IMDS, Imds403,
     "Client error: `PUT http://169.254.169.254/latest/api/token` resulted in a `403 Forbidden` response",
     "403 Forbidden from s3.amazonaws.com"),
    (".NET, PowerShell 5", "all", "dotnet/runtime System.Net.WebException message",
     "403", "(403) Forbidden", IMDS, Imds403,
     "The remote server returned an error: (403) Forbidden. (http://169.254.169.254/latest/api/token)",
     "(403) Forbidden by the bucket policy"),
    ("aws-sdk-go-v2", "feature/ec2/imds >= v1.0", "aws/aws-sdk-go-v2 (IMDS 403 body as recorded by smithy-rs)",
     "forbidden", "request forbidden: IMDS is disabled", NONE, Imds403,
     "request forbidden: IMDS is disabled or the caller has insufficient permissions.",
     "request forbidden: bucket policy"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/ec2_metadata.rb",
     "requestforbiddenerror", "RequestForbiddenError", NONE, Imds403,
     "Aws::EC2Metadata::RequestForbiddenError",
     "RequestForbidden by the load balancer"),
    ("cloud-init", ">= 21.3", "canonical/cloud-init cloudinit/sources/DataSourceEc2.py",
     "403", "Ec2 IMDS endpoint returned a 403 error", NONE, Imds403,
     "WARNING: Ec2 IMDS endpoint returned a 403 error. HTTP endpoint is disabled. Aborting.",
     "endpoint returned a 200"),
    ("cloud-init", ">= 21.3", "canonical/cloud-init cloudinit/sources/DataSourceEc2.py",
     "endpoint", "HTTP endpoint is probably disabled", NONE, Imds403,
     "WARNING: IMDS's HTTP endpoint is probably disabled",
     "HTTP endpoint is enabled"),
    // 429 / 503: throttled or unavailable.
    ("aws-sdk-go v1, Java v1", "all", "aws/aws-sdk-go aws/awserr/types.go",
     "503", "status code: 503", IMDS, Imds429Or503,
     "EC2MetadataError: failed to make EC2Metadata request status code: 503",
     "status code: 503 from S3"),
    ("aws-sdk-go v1, Java v1", "all", "aws/aws-sdk-go aws/awserr/types.go",
     "429", "status code: 429", IMDS, Imds429Or503,
     "EC2MetadataError: failed to make EC2Metadata request status code: 429",
     "status code: 429 Throttling"),
    ("aws-sdk-go-v2", "all", "aws/smithy-go transport/http/response.go",
     "503", "StatusCode: 503", IMDS, Imds429Or503,
     "operation error ec2imds: GetMetadata, exceeded maximum number of attempts, 3, http response error StatusCode: 503, request to EC2 IMDS failed",
     "https response error StatusCode: 503, SlowDown"),
    ("aws-sdk-go-v2", "all", "aws/smithy-go transport/http/response.go",
     "429", "StatusCode: 429", IMDS, Imds429Or503,
     "operation error ec2imds: GetMetadata, http response error StatusCode: 429",
     "https response error StatusCode: 429"),
    ("botocore --debug", "all", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "503", "status code of 503", IMDS, Imds429Or503,
     "Metadata service returned non-200 response with status code of 503 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "status code of 200"),
    ("botocore --debug", "all", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "429", "status code of 429", IMDS, Imds429Or503,
     "Metadata service returned non-200 response with status code of 429 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "status code of 200"),
    ("PHP (Guzzle), curl -i", "all", "guzzle/guzzle src/Exception/RequestException.php",
     "503", "503 Service Unavailable", IMDS, Imds429Or503,
     "Server error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `503 Service Unavailable` response",
     "503 Service Unavailable from the ALB"),
    ("PHP (Guzzle), curl -i", "all", "guzzle/guzzle src/Exception/RequestException.php",
     "429", "429 Too Many Requests", IMDS, Imds429Or503,
     "Client error: `GET http://169.254.169.254/latest/meta-data/iam/security-credentials/` resulted in a `429 Too Many Requests` response",
     "429 Too Many Requests from api.github.com"),
    (".NET, PowerShell 5", "all", "dotnet/runtime System.Net.WebException message",
     "503", "(503) Server Unavailable", IMDS, Imds429Or503,
     "The remote server returned an error: (503) Server Unavailable. http://169.254.169.254/latest/meta-data/",
     "(503) Server Unavailable. https://example.com"),
    // ---- Network failures before any answer: decide whatever client printed them. ----
    ("os (any client): ECONNREFUSED", "all", "POSIX strerror(ECONNREFUSED) as Python, Go, Java, curl and Ruby print it",
     "refused", "Connection refused", IMDS, ImdsConnectionRefused,
     "urllib3.exceptions.NewConnectionError: <urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused (169.254.169.254)",
     "Connection refused (localhost:5432)"),
    ("os: ECONNREFUSED (Node.js, Ruby)", "all", "nodejs/node lib/net.js (`connect ECONNREFUSED 169.254.169.254:80`); Ruby Errno::ECONNREFUSED",
     "econnrefused", "ECONNREFUSED", IMDS, ImdsConnectionRefused,
     "Error: connect ECONNREFUSED 169.254.169.254:80",
     "Error: connect ECONNREFUSED 127.0.0.1:6379"),
    ("os: WSAECONNREFUSED (.NET, PowerShell)", "all", "Windows WSAECONNREFUSED text as .NET prints it",
     "refused", "actively refused it", IMDS, ImdsConnectionRefused,
     "No connection could be made because the target machine actively refused it 169.254.169.254:80",
     "No connection could be made because the target machine actively refused it 127.0.0.1:1433"),
    ("os (Japanese locale): ECONNREFUSED", "glibc ja", "glibc po/ja.po (`Connection refused`)",
     "拒否", "接続を拒否されました", IMDS, ImdsConnectionRefused,
     "curl: (7) Failed to connect to 169.254.169.254 port 80: 接続を拒否されました",
     "サインインを拒否されました"),
    ("os: ETIMEDOUT (Node.js)", "all", "nodejs/node lib/net.js (`connect ETIMEDOUT 169.254.169.254:80`)",
     "etimedout", "ETIMEDOUT", IMDS, ImdsConnectTimeout,
     "Error: connect ETIMEDOUT 169.254.169.254:80",
     "Error: connect ETIMEDOUT 10.0.0.5:443"),
    ("os (any client): ETIMEDOUT", "all", "POSIX strerror(ETIMEDOUT)",
     "timed", "Connection timed out", IMDS, ImdsConnectTimeout,
     "curl: (28) Failed to connect to 169.254.169.254 port 80: Connection timed out",
     "Connection timed out (db.internal:5432)"),
    ("os (Japanese locale): ETIMEDOUT", "glibc ja", "glibc po/ja.po (`Connection timed out`)",
     "タイムアウト", "接続がタイムアウトしました", IMDS, ImdsConnectTimeout,
     "curl: (28) Failed to connect to 169.254.169.254 port 80: 接続がタイムアウトしました",
     "セッションがタイムアウトしました"),
    ("Java (java.net.SocketTimeoutException)", "all", "OpenJDK java.net.SocketTimeoutException (`connect timed out`)",
     "timed", "connect timed out", IMDS, ImdsConnectTimeout,
     "com.amazonaws.SdkClientException: Failed to connect to service endpoint: at com.amazonaws.internal.EC2ResourceFetcher Caused by: java.net.SocketTimeoutException: connect timed out",
     "java.net.SocketTimeoutException: connect timed out (jdbc)"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.5", "boto/botocore botocore/exceptions.py ConnectTimeoutError",
     "timeout", "Connect timeout on endpoint URL", IMDS, ImdsConnectTimeout,
     "botocore.exceptions.ConnectTimeoutError: Connect timeout on endpoint URL: \"http://169.254.169.254/latest/api/token\"",
     "Connect timeout on endpoint URL: \"https://sts.amazonaws.com/\""),
    ("urllib3 (botocore)", "all", "urllib3/urllib3 src/urllib3/connection.py ConnectTimeoutError",
     "connecttimeouterror", "ConnectTimeoutError", IMDS, ImdsConnectTimeout,
     "urllib3.exceptions.ConnectTimeoutError: (<urllib3.connection.HTTPConnection object>, 'Connection to 169.254.169.254 timed out. (connect timeout=1)')",
     "ConnectTimeoutError: Connection to pypi.org timed out"),
    ("Go net (aws-sdk-go v1/v2)", "all", "golang/go src/net (`dial tcp 169.254.169.254:80: i/o timeout`)",
     "timeout", "i/o timeout", IMDS, ImdsConnectTimeout,
     "dial tcp 169.254.169.254:80: i/o timeout",
     "dial tcp 10.0.0.1:443: i/o timeout"),
    ("aws-sdk-go-v2", "all", "aws/aws-sdk-go-v2 feature/ec2/imds (operation deadline)",
     "deadline", "context deadline exceeded", IMDS, ImdsConnectTimeout,
     "no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded",
     "operation error S3: GetObject, context deadline exceeded"),
    ("PHP (cURL error 28)", "all", "curl/curl lib/strerror.c CURLE_OPERATION_TIMEDOUT as Guzzle prints it",
     "curl", "cURL error 28", IMDS, ImdsConnectTimeout,
     "Error retrieving credentials from the instance profile metadata service. (cURL error 28: Connection timed out after 1001 milliseconds (see https://curl.haxx.se/libcurl/c/libcurl-errors.html))",
     "cURL error 28: Operation timed out after 30000 milliseconds (https://api.example.com)"),
    ("JS v3", "@smithy/credential-provider-imds >= 1.0", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts",
     "timeouterror", "TimeoutError from instance metadata service", NONE, ImdsConnectTimeout,
     "ProviderError: TimeoutError from instance metadata service",
     "TimeoutError from the database"),
    (".NET, PowerShell", "all", "dotnet/runtime WebException / TaskCanceledException (`The operation has timed out.`)",
     "timed", "The operation has timed out", IMDS, ImdsConnectTimeout,
     "Invoke-RestMethod : The operation has timed out. (http://169.254.169.254/latest/meta-data/iam/security-credentials/)",
     "The operation has timed out. (sql server)"),
    (".NET (WSAETIMEDOUT)", "all", "Windows WSAETIMEDOUT text as .NET prints it",
     "respond", "did not properly respond after a period of time", IMDS, ImdsConnectTimeout,
     "A connection attempt failed because the connected party did not properly respond after a period of time (169.254.169.254:80)",
     "did not properly respond after a period of time (10.0.0.1:443)"),
    (".NET, Python on Windows (Japanese): WSAETIMEDOUT", "all", "Windows WSAETIMEDOUT text, Japanese resources ([WinError 10060])",
     "応答", "一定の時間を過ぎても正しく応答しなかった", IMDS, ImdsConnectTimeout,
     "Could not connect to the endpoint URL: \"http://169.254.169.254/latest/api/token\" [WinError 10060] 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。",
     "[WinError 10060] 接続済みの呼び出し先が一定の時間を過ぎても正しく応答しなかったため、接続できませんでした。 (db.internal)"),
    (".NET, Python on Windows (Japanese): WSAECONNREFUSED", "all", "Windows WSAECONNREFUSED text, Japanese resources ([WinError 10061])",
     "拒否", "対象のコンピューターによって拒否されたため", IMDS, ImdsConnectionRefused,
     "[WinError 10061] 対象のコンピューターによって拒否されたため、接続できませんでした。 http://169.254.169.254/latest/meta-data/",
     "[WinError 10061] 対象のコンピューターによって拒否されたため、接続できませんでした。 (localhost:5432)"),
    ("Go on Windows (WSAENETUNREACH)", "all", "Windows WSAENETUNREACH text as Go's net package prints it (`connectex: …`)",
     "unreachable", "attempted to an unreachable network", IMDS, ImdsNetworkUnreachable,
     "dial tcp 169.254.169.254:80: connectex: A socket operation was attempted to an unreachable network.",
     "dial tcp 10.0.0.5:443: connectex: A socket operation was attempted to an unreachable network."),
    ("JS v3 (before 3.9)", "@aws-sdk/credential-provider-imds 3.0-3.8", "aws/aws-sdk-js-v3 packages/credential-provider-imds/src/remoteProvider/httpRequest.ts (`reject(new Error(\"TimeoutError\"))`)",
     "timeouterror", "Error: TimeoutError", IMDS, ImdsConnectTimeout,
     "Error: TimeoutError at ClientRequest.<anonymous> (node_modules/@aws-sdk/credential-provider-imds/dist/cjs/remoteProvider/httpRequest.js:17:20)",
     "Error: TimeoutError at Database.connect (node_modules/pg/lib/client.js:12:3)"),
    ("Rust aws-config (before 0.50)", "aws-config 0.x", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/client.rs ImdsError::FailedToLoadToken with a connect TimeoutError",
     "connect", "operation: \"connect\"", IMDS, ImdsConnectTimeout,
     "ProviderError(ConstructionFailure(FailedToLoadToken(DispatchFailure(ConnectorError { err: hyper::Error(Connect, TimeoutError { operation: \"connect\", duration: 1s, cause: TimedOutError }), kind: Timeout }))))",
     "TimeoutError { operation: \"connect\" } (database pool)"),
    ("cloud-init (requests)", "all", "psf/requests ConnectTimeout as cloud-init's url_helper prints it",
     "retries", "Max retries exceeded with url", IMDS, ImdsErrorResponse,
     "Calling 'http://169.254.169.254/2009-04-04/meta-data/instance-id' failed [0/120s]: request error [HTTPConnectionPool(host='169.254.169.254', port=80): Max retries exceeded with url: /2009-04-04/meta-data/instance-id (Caused by ConnectTimeoutError(<urllib3.connection.HTTPConnection object>, 'Connection to 169.254.169.254 timed out. (connect timeout=1.0)'))]",
     "HTTPSConnectionPool(host='pypi.org'): Max retries exceeded with url: /simple/"),
    ("os: EHOSTDOWN (Go, Ruby)", "all", "POSIX strerror(EHOSTDOWN) (`dial tcp 169.254.169.254:80: connect: host is down`)",
     "down", "host is down", IMDS, ImdsNetworkUnreachable,
     "dial tcp 169.254.169.254:80: connect: host is down",
     "the host is down for maintenance"),
    ("os: ENETUNREACH", "all", "POSIX strerror(ENETUNREACH)",
     "unreachable", "Network is unreachable", IMDS, ImdsNetworkUnreachable,
     "dial tcp 169.254.169.254:80: connect: network is unreachable",
     "dial tcp 10.0.0.1:443: connect: network is unreachable"),
    ("os (Japanese locale): ENETUNREACH", "glibc ja", "glibc po/ja.po (`Network is unreachable`)",
     "ネットワーク", "ネットワークに届きません", IMDS, ImdsNetworkUnreachable,
     "curl: (7) Failed to connect to 169.254.169.254 port 80: ネットワークに届きません",
     "ネットワークに接続しました"),
    ("os: EHOSTUNREACH", "all", "POSIX strerror(EHOSTUNREACH)",
     "route", "No route to host", IMDS, ImdsNetworkUnreachable,
     "java.net.NoRouteToHostException: No route to host (Host unreachable) 169.254.169.254",
     "No route to host db.internal"),
    ("os (Japanese locale): EHOSTUNREACH", "glibc ja", "glibc po/ja.po (`No route to host`)",
     "経路", "ホストへの経路がありません", IMDS, ImdsNetworkUnreachable,
     "curl: (7) Failed to connect to 169.254.169.254 port 80: ホストへの経路がありません",
     "経路を確認しました"),
    ("Ruby (Errno)", "all", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/instance_profile_credentials.rb NETWORK_ERRORS",
     "ehostunreach", "EHOSTUNREACH", IMDS, ImdsNetworkUnreachable,
     "Errno::EHOSTUNREACH: Failed to open TCP connection to 169.254.169.254:80 (No route to host - connect(2))",
     "Errno::EHOSTUNREACH db.internal"),
    ("curl (exit 7)", "all", "curl/curl lib/strerror.c CURLE_COULDNT_CONNECT",
     "connect", "Couldn't connect to server", IMDS, ImdsNetworkUnreachable,
     "curl: (7) Failed to connect to 169.254.169.254 port 80 after 0 ms: Couldn't connect to server",
     "curl: (7) Failed to connect to localhost port 8080 after 0 ms: Couldn't connect to server"),
    ("PHP (cURL error 7)", "all", "curl/curl lib/strerror.c CURLE_COULDNT_CONNECT as Guzzle prints it",
     "curl", "cURL error 7", IMDS, ImdsNetworkUnreachable,
     "Error retrieving credentials from the instance profile metadata service. (cURL error 7: Failed to connect to 169.254.169.254 port 80: Connection refused)",
     "cURL error 7: Failed to connect to api.example.com port 443"),
    (".NET, PowerShell 5", "all", "dotnet/runtime System.Net.WebException (`Unable to connect to the remote server`)",
     "connect", "Unable to connect to the remote server", IMDS, ImdsNetworkUnreachable,
     "Invoke-RestMethod : Unable to connect to the remote server At line:1 char:1 + Invoke-RestMethod -Uri http://169.254.169.254/latest/meta-data/",
     "Unable to connect to the remote server (smtp.example.com)"),
    (".NET, PowerShell 5 (Japanese)", "all", "dotnet/runtime System.Net.WebException, Japanese resources (`リモート サーバーに接続できません。`)",
     "リモート", "リモート サーバーに接続できません", IMDS, ImdsNetworkUnreachable,
     "Invoke-RestMethod : リモート サーバーに接続できません。 http://169.254.169.254/latest/meta-data/",
     "リモート サーバーに接続しました"),
    ("JS v3", "@smithy/credential-provider-imds >= 1.0", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts",
     "connect", "Unable to connect to instance metadata service", NONE, ImdsNetworkUnreachable,
     "ProviderError: Unable to connect to instance metadata service",
     "Unable to connect to the database service"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.5", "boto/botocore botocore/exceptions.py EndpointConnectionError",
     "connect", "Could not connect to the endpoint URL", IMDS, ImdsNetworkUnreachable,
     "Could not connect to the endpoint URL: \"http://169.254.169.254/latest/api/token\"",
     "Could not connect to the endpoint URL: \"https://ec2.us-east-1.amazonaws.com/\""),
    ("aws-c-auth (CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/aws_imds_client.c",
     "connection", "IMDS Client failed to acquire a connection", NONE, ImdsNetworkUnreachable,
     "id=0x55: IMDS Client failed to acquire a connection, error code 1049(AWS_IO_SOCKET_TIMEOUT)",
     "IMDS Client successfully acquired a connection"),
    // ---- Proxies. ----
    ("botocore, AWS CLI v1/v2", "botocore >= 1.5", "boto/botocore botocore/exceptions.py ProxyConnectionError",
     "proxy", "Failed to connect to proxy URL", NONE, ProxyInTheWay,
     "Failed to connect to proxy URL: \"http://proxy.corp:3128\"",
     "Connected to proxy URL"),
    ("any client (environment)", "all", "the SDKs honour HTTP_PROXY for IMDS unless NO_PROXY names 169.254.169.254",
     "http_proxy", "HTTP_PROXY", NONE, ProxyInTheWay,
     "export HTTP_PROXY=http://proxy.corp:3128",
     "export HTTP_PROXIES_ALLOWED=1"),
    ("any client (environment)", "all", "the SDKs honour HTTPS_PROXY",
     "https_proxy", "HTTPS_PROXY", NONE, ProxyInTheWay,
     "HTTPS_PROXY=http://proxy.corp:3128",
     "HTTPS_PROXIES=none"),
    ("Squid", "all", "squid-cache/squid (X-Squid-Error header)",
     "x-squid-error", "X-Squid-Error", NONE, ProxyInTheWay,
     "< X-Squid-Error: ERR_ACCESS_DENIED 0",
     "X-Squid-Version: 5"),
    ("HTTP proxies", "all", "RFC 9110 407",
     "proxy", "Proxy Authentication Required", NONE, ProxyInTheWay,
     "HTTP/1.1 407 Proxy Authentication Required",
     "Proxy Authentication succeeded"),
    // ---- Answers that are not JSON (captive portals, proxies). ----
    ("Java v1", "aws-java-sdk 1.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/util/EC2MetadataUtils.java",
     "parse", "Unable to parse EC2 instance info", NONE, NonJsonResponse,
     "WARN com.amazonaws.util.EC2MetadataUtils - Unable to parse EC2 instance info (<HTML><HEAD><TITLE> Web Authentication Redirect</TITLE>",
     "Unable to parse EC2 instance type"),
    ("Jackson (Java)", "all", "FasterXML/jackson-core JsonParseException",
     "unexpected", "Unexpected character ('<'", NONE, NonJsonResponse,
     "com.fasterxml.jackson.core.JsonParseException: Unexpected character ('<' (code 60)): expected a valid value",
     "Unexpected character ('a'"),
    ("aws-sdk-go v1", "all", "aws/aws-sdk-go private/protocol/xml",
     "xml", "invalid XML received", NONE, NonJsonResponse,
     "SerializationError: failed to decode EC2 IMDS response, invalid XML received",
     "valid XML received"),
    ("any client", "all", "generic parse failures",
     "parse", "Unable to parse response", NONE, NonJsonResponse,
     "Unable to parse response body from instance metadata",
     "Able to parse response"),
    ("Python", "all", "python/cpython Lib/json/decoder.py JSONDecodeError",
     "jsondecodeerror", "JSONDecodeError", NONE, NonJsonResponse,
     "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)",
     "JSONDecoder"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/errors.rb MetadataParserError",
     "parse", "Failed to parse metadata service response", NONE, NonJsonResponse,
     "Aws::Errors::MetadataParserError: Failed to parse metadata service response.",
     "Parsed metadata service response"),
    ("PHP", "aws-sdk-php 3.x", "aws/aws-sdk-php src/Credentials/InstanceProfileProvider.php",
     "json", "Invalid JSON Response, retries exhausted", NONE, NonJsonResponse,
     "Aws\\Exception\\CredentialsException: Invalid JSON Response, retries exhausted.",
     "Valid JSON Response"),
    // ---- Wrappers: something failed, the cause is elsewhere (or not shown). ----
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/exceptions.py NoCredentialsError",
     "locate", "Unable to locate credentials", NONE, NoCredentials,
     "Unable to locate credentials. You can configure credentials by running \"aws configure\".",
     "Unable to locate the config file"),
    ("botocore, boto3", "botocore >= 1.0", "boto/botocore botocore/exceptions.py",
     "nocredentialserror", "NoCredentialsError", NONE, NoCredentials,
     "botocore.exceptions.NoCredentialsError: Unable to locate credentials",
     "NoCredentialsWarning"),
    ("JS v2, JS v3", "aws-sdk 2.x; @aws-sdk/credential-provider-node 3.x", "aws/aws-sdk-js lib/config.js; aws/aws-sdk-js-v3 packages/credential-provider-node/src/defaultProvider.ts",
     "providers", "Could not load credentials from any providers", NONE, NoCredentials,
     "CredentialsProviderError: Could not load credentials from any providers",
     "Could not load plugins from any providers"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/config.js",
     "missing", "Missing credentials in config", NONE, NoCredentials,
     "CredentialsError: Missing credentials in config, if using AWS_CONFIG_FILE, set AWS_SDK_LOAD_CONFIG=1",
     "Missing region in config"),
    ("aws-sdk-go v1 (SSM Agent, ECS agent, kubelet ecr-credential-provider)", "aws-sdk-go 1.x", "aws/aws-sdk-go aws/credentials/chain_provider.go",
     "nocredentialproviders", "NoCredentialProviders", NONE, NoCredentials,
     "NoCredentialProviders: no valid providers in chain. Deprecated. For verbose messaging see aws.Config.CredentialsChainVerboseErrors",
     "NoCredentialsProvided"),
    ("Java v1", "aws-java-sdk 1.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/auth/AWSCredentialsProviderChain.java",
     "provider", "Unable to load AWS credentials from any provider", NONE, NoCredentials,
     "com.amazonaws.SdkClientException: Unable to load AWS credentials from any provider in the chain",
     "Unable to load AWS region from any provider"),
    ("Java v2", "software.amazon.awssdk:auth >= 2.0", "aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/AwsCredentialsProviderChain.java",
     "providers", "Unable to load credentials from any of the providers", NONE, NoCredentials,
     "software.amazon.awssdk.core.exception.SdkClientException: Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain(credentialsProviders=[",
     "Unable to load region from any of the providers"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/meta/credentials/chain.rs",
     "providers", "no providers in chain provided credentials", NONE, NoCredentials,
     "the credential provider was not enabled: no providers in chain provided credentials",
     "no providers in chain provided a region"),
    ("Terraform AWS provider v4/v5 (aws-sdk-go-base)", "terraform-provider-aws >= 4.0", "hashicorp/aws-sdk-go-base internal/config/errors.go; credentials.go",
     "credential", "no valid credential sources", NONE, NoCredentials,
     "Error: configuring Terraform AWS Provider: no valid credential sources for Terraform AWS Provider found.",
     "valid credential sources found"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/errors.rb MissingCredentialsError",
     "sign", "unable to sign request without credentials set", NONE, NoCredentials,
     "Aws::Errors::MissingCredentialsError: unable to sign request without credentials set",
     "unable to sign request without token set"),
    (".NET (newer credential resolution)", "AWSSDK.Core >= 3.7.300", "aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/DefaultAWSCredentialsIdentityResolver.cs",
     "resolve", "Failed to resolve AWS credentials", NONE, NoCredentials,
     "Amazon.Runtime.AmazonClientException: Failed to resolve AWS credentials. The credential providers used to search for credentials returned the following errors:",
     "Failed to resolve AWS region"),
    (".NET, AWS Tools for PowerShell", "AWSSDK.Core 3.x", "aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/FallbackCredentialsFactory.cs",
     "credentials", "Unable to find credentials", NONE, NoCredentials,
     "Amazon.Runtime.AmazonServiceException: Unable to find credentials",
     "Unable to find region"),
    ("AWS Tools for PowerShell", "AWSPowerShell 3.x/4.x", "aws/aws-tools-for-powershell (cmdlet credential resolution)",
     "credentials", "No credentials specified or obtained from persisted/shell defaults", NONE, NoCredentials,
     "Get-S3Bucket : No credentials specified or obtained from persisted/shell defaults.",
     "No region specified or obtained from persisted/shell defaults"),
    ("boto 2 (Ansible before amazon.aws 1.0)", "boto 2.x", "boto/boto boto/auth.py",
     "handler", "No handler was ready to authenticate", NONE, NoCredentials,
     "\"msg\": \"No handler was ready to authenticate. 1 handlers were checked. ['HmacAuthV4Handler'] Check your credentials\"",
     "handler was ready"),
    ("ECS agent (aws-sdk-go)", "amazon-ecs-agent 1.x", "aws/amazon-ecs-agent agent/api/ecsclient/client.go",
     "credentials", "Error getting valid credentials", NONE, NoCredentials,
     "Error getting valid credentials (AKID ): NoCredentialProviders: no valid providers in chain",
     "getting valid credentials"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/exceptions.py CredentialRetrievalError",
     "retrieving", "Error when retrieving credentials from iam-role", NONE, ImdsErrorResponse,
     "botocore.exceptions.CredentialRetrievalError: Error when retrieving credentials from iam-role: Credential refresh failed, response did not contain: access_key, secret_key, token, expiry_time",
     "Error when retrieving credentials from sso"),
    ("botocore --debug", "botocore >= 1.13", "boto/botocore botocore/utils.py IMDSFetcher._log_imds_response",
     "metadata", "Metadata service returned", IMDS, ImdsErrorResponse,
     "Metadata service returned non-200 response with status code of 500 for url: http://169.254.169.254/latest/meta-data/iam/security-credentials/",
     "Weather service returned"),
    ("botocore --debug", "botocore >= 1.13", "boto/botocore botocore/utils.py InstanceMetadataFetcher.retrieve_iam_role_credentials (sic: no space)",
     "retrievingcredentials", "Error response received when retrievingcredentials", NONE, ImdsErrorResponse,
     "botocore.utils - DEBUG - Error response received when retrievingcredentials: {'Code': 'AssumeRoleUnauthorizedAccess'}.",
     "Error response received when retrieving secrets"),
    ("botocore --debug", "botocore >= 1.13", "boto/botocore botocore/utils.py IMDSFetcher._get_request",
     "retryable", "Caught retryable HTTP exception while making metadata service request", NONE, ImdsErrorResponse,
     "botocore.utils [DEBUG] Caught retryable HTTP exception while making metadata service request to http://169.254.169.254/latest/api/token: Read timeout on endpoint URL",
     "Caught retryable HTTP exception while making s3 request"),
    ("botocore, AWS CLI v1/v2", "botocore >= 1.0", "boto/botocore botocore/utils.py InstanceMetadataFetcher.retrieve_iam_role_credentials",
     "attempts", "Max number of attempts exceeded", NONE, MaxAttemptsExceeded,
     "Max number of attempts exceeded (1) when attempting to retrieve data from metadata service.",
     "Max number of retries configured"),
    ("aws-sdk-go-v2", "all", "aws/aws-sdk-go-v2 aws/retry/middleware.go MaxAttemptsError",
     "attempts", "exceeded maximum number of attempts", NONE, MaxAttemptsExceeded,
     "operation error ec2imds: GetMetadata, exceeded maximum number of attempts, 3",
     "exceeded maximum number of users"),
    ("aws-sdk-go v1 (SSM Agent, ECS agent, aws-node)", "aws-sdk-go 1.x", "aws/aws-sdk-go aws/credentials/ec2rolecreds/ec2_role_provider.go",
     "role", "no EC2 instance role found", NONE, ImdsErrorResponse,
     "EC2RoleRequestError: no EC2 instance role found",
     "EC2 instance role found: web-role"),
    ("aws-sdk-go v1", "aws-sdk-go 1.x", "aws/aws-sdk-go aws/ec2metadata/service.go",
     "ec2metadata", "failed to make EC2Metadata request", NONE, ImdsErrorResponse,
     "caused by: EC2MetadataError: failed to make EC2Metadata request",
     "made EC2Metadata request"),
    ("aws-sdk-go v1", "aws-sdk-go 1.x", "aws/aws-sdk-go aws/ec2metadata/api.go",
     "ec2", "failed to get EC2 IAM info", NONE, ImdsErrorResponse,
     "EC2MetadataRequestError: failed to get EC2 IAM info",
     "got EC2 IAM info"),
    ("aws-sdk-go-v2 (Terraform v5, kubelet, aws-node)", "credentials/ec2rolecreds >= v1.0", "aws/aws-sdk-go-v2 credentials/ec2rolecreds/provider.go",
     "role", "no EC2 IMDS role found", NONE, ImdsErrorResponse,
     "failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata",
     "EC2 IMDS role found"),
    ("Java v1", "aws-java-sdk 1.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/auth/EC2CredentialsFetcher.java",
     "endpoint", "Unable to load credentials from service endpoint", NONE, ImdsErrorResponse,
     "com.amazonaws.auth.EC2ContainerCredentialsProviderWrapper@68e808e1: Unable to load credentials from service endpoint",
     "Unable to load config from service endpoint"),
    ("Java v1", "aws-java-sdk 1.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/internal/EC2ResourceFetcher.java",
     "endpoint", "Failed to connect to service endpoint", NONE, ImdsErrorResponse,
     "com.amazonaws.SdkClientException: Failed to connect to service endpoint:",
     "Connected to service endpoint"),
    ("Java v1", "aws-java-sdk 1.x", "aws/aws-sdk-java aws-java-sdk-core/src/main/java/com/amazonaws/internal/EC2ResourceFetcher.java",
     "requested", "The requested metadata is not found at", NONE, ImdsErrorResponse,
     "SdkClientException: The requested metadata is not found at http://169.254.169.254/latest/user-data/",
     "The requested page is not found at"),
    ("Java v2", "software.amazon.awssdk:auth >= 2.0", "aws/aws-sdk-java-v2 core/auth/src/main/java/software/amazon/awssdk/auth/credentials/InstanceProfileCredentialsProvider.java",
     "imds", "Failed to load credentials from IMDS", NONE, ImdsErrorResponse,
     "InstanceProfileCredentialsProvider(): Failed to load credentials from IMDS.]",
     "Loaded credentials from IMDS"),
    ("Java v2", "software.amazon.awssdk:regions >= 2.0", "aws/aws-sdk-java-v2 core/regions/src/main/java/software/amazon/awssdk/regions/internal/util/EC2MetadataUtils.java",
     "contact", "Unable to contact EC2 metadata service", NONE, ImdsErrorResponse,
     "software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider@860f712: Unable to contact EC2 metadata service.]",
     "Able to contact EC2 metadata service"),
    (".NET, AWS Tools for PowerShell (Get-EC2InstanceMetadata)", "AWSSDK.Core 3.x", "aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/_bcl+netstandard/DefaultInstanceProfileAWSCredentials.cs",
     "unable", "Unable to get IAM security credentials from EC2 Instance Metadata Service", NONE, ImdsErrorResponse,
     "Amazon.Runtime.AmazonServiceException: Unable to get IAM security credentials from EC2 Instance Metadata Service.",
     "Unable to get IAM users from the console"),
    (".NET", "AWSSDK.Core 3.x", "aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/_bcl+netstandard/DefaultInstanceProfileAWSCredentials.cs",
     "failed", "Failed to retrieve credentials from EC2 Instance Metadata Service", NONE, ImdsErrorResponse,
     "Amazon.Runtime.AmazonClientException: Failed to retrieve credentials from EC2 Instance Metadata Service.",
     "Retrieved credentials from EC2 Instance Metadata Service"),
    (".NET", "AWSSDK.Core 3.x", "aws/aws-sdk-net sdk/src/Core/Amazon.Runtime/Credentials/FallbackCredentialsFactory.cs",
     "connect", "Failed to connect to EC2 instance metadata to retrieve credentials", NONE, ImdsErrorResponse,
     "Exception 4 of 4: Failed to connect to EC2 instance metadata to retrieve credentials: Unable to get IAM security credentials from EC2 Instance Metadata Service..",
     "Connected to EC2 instance metadata"),
    (".NET (Amazon.Util.EC2InstanceMetadata)", "AWSSDK.Core >= 3.5", "aws/aws-sdk-net sdk/src/Core/Amazon.Util/EC2InstanceMetadata.cs",
     "token", "Unable to contact EC2 Metadata service to obtain a metadata token", NONE, ImdsTokenUnavailable,
     "Amazon.Util.EC2InstanceMetadata - Unable to contact EC2 Metadata service to obtain a metadata token. Attempting to access IMDS without a token.",
     "obtained a metadata token"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/metadata_service.js",
     "rolename", "EC2 Metadata roleName request returned error", NONE, ImdsErrorResponse,
     "Error: EC2 Metadata roleName request returned error",
     "roleName request returned web-role"),
    ("JS v2", "aws-sdk 2.x", "aws/aws-sdk-js lib/metadata_service.js",
     "creds", "EC2 Metadata creds request returned error", NONE, ImdsErrorResponse,
     "Error: EC2 Metadata creds request returned error",
     "creds request returned credentials"),
    ("JS v3", "@smithy/credential-provider-imds >= 1.0", "smithy-lang/smithy-typescript packages/credential-provider-imds/src/remoteProvider/httpRequest.ts",
     "metadata", "Error response received from instance metadata service", NONE, ImdsErrorResponse,
     "ProviderError: Error response received from instance metadata service",
     "Response received from instance metadata service"),
    ("PHP", "aws-sdk-php 3.x", "aws/aws-sdk-php src/Credentials/InstanceProfileProvider.php createErrorMessage (`server` before 3.1xx, `service` after)",
     "retrieving", "Error retrieving credentials from the instance profile metadata", NONE, ImdsErrorResponse,
     "PHP Fatal error: Uncaught Aws\\Exception\\CredentialsException: Error retrieving credentials from the instance profile metadata service. (cURL error 28: Connection timed out after 1000 milliseconds)",
     "Error retrieving credentials from the container provider"),
    ("PHP", "aws-sdk-php 3.x", "aws/aws-sdk-php src/Credentials/InstanceProfileProvider.php decodeResult",
     "unexpected", "Unexpected instance profile response code", NONE, ImdsErrorResponse,
     "Aws\\Exception\\CredentialsException: Unexpected instance profile response code: Failed",
     "Expected instance profile response code"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/instance_profile_credentials.rb",
     "retrieving", "Error retrieving instance profile credentials", NONE, ImdsErrorResponse,
     "Error retrieving instance profile credentials: Aws::InstanceProfileCredentials::Non200Response",
     "Retrieved instance profile credentials"),
    ("Ruby", "aws-sdk-core 3.x", "aws/aws-sdk-ruby gems/aws-sdk-core/lib/aws-sdk-core/instance_profile_credentials.rb",
     "non200response", "Non200Response", NONE, ImdsErrorResponse,
     "Aws::InstanceProfileCredentials::Non200Response",
     "Non-200 responses are logged"),
    ("C++", "aws-sdk-cpp 1.x", "aws/aws-sdk-cpp src/aws-cpp-sdk-core/source/internal/AWSHttpResourceClient.cpp",
     "credentials", "Http request to retrieve credentials failed", NONE, ImdsErrorResponse,
     "[ERROR] 2024-02-01 10:00:00.123 EC2MetadataClient [140] Http request to retrieve credentials failed",
     "Http request to retrieve credentials succeeded"),
    ("C++", "aws-sdk-cpp 1.x", "aws/aws-sdk-cpp src/aws-cpp-sdk-core/source/internal/AWSHttpResourceClient.cpp",
     "retrieve", "Can not retrieve resource from", IMDS, ImdsErrorResponse,
     "[ERROR] EC2MetadataClient [140] Can not retrieve resource from http://169.254.169.254/latest/meta-data/iam/security-credentials",
     "Can not retrieve resource from database"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/credentials.rs",
     "communicate", "could not communicate with IMDS", NONE, ImdsErrorResponse,
     "failed to load credentials: could not communicate with IMDS",
     "could communicate with IMDS"),
    ("Rust aws-config", "aws-config >= 0.1", "smithy-lang/smithy-rs aws/rust-runtime/aws-config/src/imds/client/error.rs",
     "communicating", "error occurred communicating with IMDS", NONE, ImdsErrorResponse,
     "an IO error occurred communicating with IMDS",
     "no error occurred"),
    ("Rust aws-config, Kotlin", "aws-config >= 0.1; aws-sdk-kotlin >= 0.9", "smithy-lang/smithy-rs …/imds/credentials.rs; awslabs/aws-sdk-kotlin …/ImdsCredentialsProvider.kt",
     "retrieving", "Error retrieving credentials from IMDS", NONE, ImdsErrorResponse,
     "Error retrieving credentials from IMDS: Failed Unknown error",
     "Retrieving credentials from IMDS"),
    ("Kotlin", "aws-sdk-kotlin >= 0.9", "awslabs/aws-sdk-kotlin aws-runtime/aws-config/common/src/aws/sdk/kotlin/runtime/auth/credentials/ImdsCredentialsProvider.kt",
     "profile", "failed to load instance profile", NONE, ImdsErrorResponse,
     "CredentialsProviderException: failed to load instance profile",
     "loaded instance profile"),
    ("aws-c-auth (CRT: Swift, Java CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/auth.c",
     "imds", "Valid credentials could not be sourced by the IMDS provider", NONE, ImdsErrorResponse,
     "AWS_AUTH_CREDENTIALS_PROVIDER_IMDS_SOURCE_FAILURE: Valid credentials could not be sourced by the IMDS provider",
     "Valid credentials sourced by the IMDS provider"),
    ("aws-c-auth (CRT: Swift, Java CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth include/aws/auth/auth.h",
     "imds_source_failure", "AWS_AUTH_CREDENTIALS_PROVIDER_IMDS_SOURCE_FAILURE", NONE, ImdsErrorResponse,
     "CommonRunTimeError.crtError(AWSError(code: 6153, message: \"AWS_AUTH_CREDENTIALS_PROVIDER_IMDS_SOURCE_FAILURE\"))",
     "AWS_AUTH_CREDENTIALS_PROVIDER_ECS_SOURCE_FAILURE"),
    ("aws-c-auth (CRT)", "aws-c-auth >= 0.6", "awslabs/aws-c-auth source/credentials_provider_imds.c",
     "imds", "IMDS provider failed to", NONE, ImdsErrorResponse,
     "id=0x55: IMDS provider failed to retrieve role: AWS_ERROR_HTTP_CONNECTION_CLOSED",
     "IMDS provider successfully retrieved credentials"),
    ("amazon-ssm-agent", ">= 3.2", "aws/amazon-ssm-agent common/identity/credentialproviders/ec2roleprovider/ec2_role_provider.go",
     "profile", "failed to retrieve instance profile role credentials", NONE, ImdsErrorResponse,
     "ERROR [EC2RoleProvider] failed to retrieve instance profile role credentials. Err: EC2RoleRequestError: no EC2 instance role found",
     "retrieved instance profile role credentials"),
    ("amazon-ssm-agent", ">= 3.2", "aws/amazon-ssm-agent common/identity/credentialproviders/ec2roleprovider/ec2_role_provider.go",
     "ec2", "no valid credentials could be retrieved for ec2 identity", NONE, ImdsErrorResponse,
     "ERROR [CredentialRefresher] Retrieve credentials produced error: no valid credentials could be retrieved for ec2 identity. Default Host Management Err: error calling RequestManagedInstanceRoleToken: AccessDeniedException",
     "valid credentials were retrieved for ec2 identity"),
    ("amazon-ssm-agent", ">= 3.2", "aws/amazon-ssm-agent common/identity/availableidentities/ec2/ec2_identity.go",
     "imds", "Failed to get instance info from IMDS", NONE, ImdsErrorResponse,
     "ERROR Failed to get instance info from IMDS. Err: EC2MetadataError: failed to make EC2Metadata request",
     "Got instance info from IMDS"),
    ("amazon-ecs-agent, aws-node", "1.x", "aws/amazon-ecs-agent agent/app/agent.go",
     "identity", "Unable to get instance identity document", NONE, ImdsErrorResponse,
     "level=error msg=\"Unable to get instance identity document\" err=\"EC2MetadataError: failed to make EC2Metadata request\"",
     "Got instance identity document"),
    ("cloud-init", "all", "canonical/cloud-init cloudinit/url_helper.py wait_for_url",
     "failed", "failed [", IMDS, ImdsErrorResponse,
     "Calling 'http://169.254.169.254/2009-04-04/meta-data/instance-id' failed [2/120s]: request error [('Connection aborted.', OSError(113, 'No route to host'))]",
     "build failed [x86]"),
    ("cloud-init", "all", "canonical/cloud-init cloudinit/sources/DataSourceEc2.py wait_for_metadata_service",
     "giving", "Giving up on md from", NONE, ImdsErrorResponse,
     "Giving up on md from ['http://169.254.169.254/2009-04-04/meta-data/instance-id'] after 120 seconds",
     "Giving up on retries"),
    // ---- Launch failures shown without their message (console banners, activity lists). ----
    ("EC2 console (English)", "current console", "the EC2 launch wizard's failure banner",
     "launch", "Launch Failed", NONE, Unexplained,
     "Launch Failed - Instance launch failed",
     "Launch succeeded"),
    ("EC2 console (Japanese)", "current console", "the EC2 launch wizard's failure banner, Japanese UI",
     "起動", "インスタンスの起動に失敗しました", NONE, Unexplained,
     "インスタンスの起動に失敗しました",
     "インスタンスの起動に成功しました"),
    ("Auto Scaling activities", "all", "Auto Scaling activity status (DescribeScalingActivities)",
     "launching", "Launching EC2 instance failed", NONE, Unexplained,
     "Status Reason: Launching EC2 instance failed.",
     "Launching EC2 instance succeeded"),
];

/// Words that say a text is about this domain: instance credentials, IMDS, instance profiles or
/// an access denial. A text with one of them that no row explains is [`unexplained`].
const DOMAIN_WORDS: &[&str] = &[
    "credential",
    "instance profile",
    "instanceprofile",
    "iam role",
    "AccessDenied",
    "access denied",
    "not authorized",
    "UnauthorizedOperation",
    "PassRole",
    "AssumeRole",
    "assumed-role",
    "security token",
    "認証情報",
    "資格情報",
    "メタデータ",
    "インスタンスプロファイル",
    "アクセス拒否",
    "権限がありません",
];

/// Whether `word` is in the text or its command line (looked up at most once per text).
struct Context<'a> {
    paste: &'a str,
    spans: [Option<Span>; 2],
    seen: Vec<(&'static str, bool)>,
}

impl<'a> Context<'a> {
    fn new(paste: &'a str, span: Span, command: Option<Span>) -> Self {
        Self {
            paste,
            spans: [Some(span), command],
            seen: Vec::new(),
        }
    }

    fn has(&mut self, word: &'static str) -> bool {
        if let Some((_, known)) = self.seen.iter().find(|(w, _)| *w == word) {
            return *known;
        }
        let paste = self.paste;
        let found = self
            .spans
            .iter()
            .flatten()
            .any(|span| scan::contains_ci(paste, *span, word));
        self.seen.push((word, found));
        found
    }

    fn has_any(&mut self, words: &'static [&'static str]) -> bool {
        words.iter().any(|word| self.has(word))
    }
}

/// Every class the table shows in `paste[span]` (its command line, when known, counts as
/// context), one entry per class at its first evidence, in the order they appear.
pub(super) fn classify(paste: &str, span: Span, command: Option<Span>) -> Vec<SdkError> {
    let mut context = Context::new(paste, span, command);
    // The pre-filter: every row's keyword looked up in one pass over the text (its tables built
    // once: a JSON log has this done for each of its strings).
    static KEYWORDS: OnceLock<scan::Needles> = OnceLock::new();
    let present = KEYWORDS
        .get_or_init(|| {
            let keywords: Vec<&str> = ROWS.iter().map(|row| row.keyword).collect();
            scan::Needles::new(&keywords)
        })
        .find_each_ci(paste, span);
    let mut found: Vec<SdkError> = Vec::new();
    for (row, keyword_hit) in ROWS.iter().zip(&present) {
        if found.iter().any(|e| e.class == row.concludes) {
            continue;
        }
        if keyword_hit.is_none() {
            continue;
        }
        let Some(hit) = scan::find_phrase(paste, span.start, span.end, row.phrase) else {
            continue;
        };
        if !row.needs.iter().all(|group| context.has_any(group)) {
            continue;
        }
        let evidence = line_around(paste, span, hit);
        found.push(SdkError {
            class: row.concludes,
            evidence: Located::new(evidence.slice(paste).to_string(), evidence),
        });
    }
    // A banner that only says "failed" adds nothing when a row says why.
    if found.iter().any(|e| e.class != SdkErrorClass::Unexplained) {
        found.retain(|e| e.class != SdkErrorClass::Unexplained);
    }
    crate::sort::sort_by_key(&mut found, |e| (e.evidence.span.start, e.class));
    found
}

/// A text about this domain that no row explains: one `unexplained` symptom at the first line
/// that names the domain, or `None` when the text is about something else.
pub(super) fn unexplained(paste: &str, span: Span) -> Option<SdkError> {
    static WORDS: OnceLock<scan::Needles> = OnceLock::new();
    let first = WORDS
        .get_or_init(|| {
            let words: Vec<&str> = DOMAIN_WORDS.iter().chain(IMDS_WORDS).copied().collect();
            scan::Needles::new(&words)
        })
        .find_each_ci(paste, span)
        .into_iter()
        .flatten()
        .min_by_key(|hit| hit.start)?;
    let evidence = line_around(paste, span, first);
    Some(SdkError {
        class: SdkErrorClass::Unexplained,
        evidence: Located::new(evidence.slice(paste).to_string(), evidence),
    })
}

/// The trimmed line (within `span`) holding `hit`; long lines are cut around the hit.
pub(super) fn line_around(paste: &str, span: Span, hit: Span) -> Span {
    let bytes = paste.as_bytes();
    let mut start = hit.start;
    while start > span.start
        && bytes.get(start - 1).is_some_and(|&b| b != b'\n')
        && hit.start - start < 300
    {
        start -= 1;
    }
    let mut end = hit.end;
    while end < span.end && bytes.get(end).is_some_and(|&b| b != b'\n') && end - hit.end < 300 {
        end += 1;
    }
    // Only cut at character boundaries.
    while start < hit.start && !paste.is_char_boundary(start) {
        start += 1;
    }
    while end > hit.end && !paste.is_char_boundary(end) {
        end -= 1;
    }
    scan::trim(paste, Span::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<SdkErrorClass> {
        classify(text, Span::new(0, text.len()), None)
            .into_iter()
            .map(|e| e.class)
            .collect()
    }

    #[test]
    fn every_row_has_its_documentation() {
        assert_eq!(ROWS.len(), DOCS.len());
        for (row, doc) in ROWS.iter().zip(DOCS) {
            assert!(!doc.client.is_empty() && !doc.versions.is_empty());
            assert!(
                doc.source.contains('/') || doc.source.contains(' '),
                "{}",
                row.phrase
            );
        }
    }

    #[test]
    fn every_keyword_is_a_lower_case_word_of_its_phrase() {
        // The pre-filter is sound only if a text holding the phrase holds the keyword.
        for row in ROWS {
            assert!(
                !row.keyword.is_empty() && !row.keyword.contains(' '),
                "{}",
                row.phrase
            );
            assert_eq!(row.keyword, row.keyword.to_lowercase(), "{}", row.phrase);
            assert!(
                row.phrase.to_lowercase().contains(row.keyword),
                "keyword {:?} is not in {:?}",
                row.keyword,
                row.phrase
            );
        }
    }

    #[test]
    fn every_row_matches_its_example_and_not_its_lookalike() {
        for (row, doc) in ROWS.iter().zip(DOCS) {
            let found = classes(doc.example);
            assert!(
                found.contains(&row.concludes),
                "{} ({}): example {:?} gave {:?}",
                row.phrase,
                doc.client,
                doc.example,
                found
            );
            let found = classes(doc.lookalike);
            assert!(
                !found.contains(&row.concludes),
                "{} ({}): lookalike {:?} gave {:?}",
                row.phrase,
                doc.client,
                doc.lookalike,
                found
            );
        }
    }

    #[test]
    fn every_client_of_the_issue_has_rows() {
        let clients = [
            "botocore",
            "AWS CLI",
            "aws-sdk-go v1",
            "aws-sdk-go-v2",
            "Java v1",
            "Java v2",
            "JS v2",
            "JS v3",
            ".NET",
            "Ruby",
            "PHP",
            "C++",
            "Rust aws-config",
            "Kotlin",
            "Swift",
            "aws-c-auth",
            "amazon-ssm-agent",
            "amazon-ecs-agent",
            "aws-node",
            "kubelet",
            "cloud-init",
            "ec2-metadata",
            "PowerShell",
            "Terraform AWS provider",
            "Auto Scaling",
            "EC2 console (English)",
            "EC2 console (Japanese)",
            "Ansible",
            "CloudFormation",
        ];
        for client in clients {
            assert!(
                DOCS.iter().any(|doc| doc.client.contains(client)),
                "no row for {client}"
            );
        }
    }

    #[test]
    fn a_status_code_decides_whatever_wrapper_printed_it() {
        // Go v2's wrapper says "no EC2 IMDS role found" for a timeout too: the cause decides.
        let found = classes("failed to refresh cached credentials, no EC2 IMDS role found, operation error ec2imds: GetMetadata, request canceled, context deadline exceeded");
        assert!(found.contains(&ImdsConnectTimeout));
        assert!(!found.contains(&Imds404NoRole));
        assert!(found.contains(&ImdsErrorResponse));
        // A 404 for user-data is not a missing role.
        assert!(!classes("Metadata service returned non-200 response with status code of 404 for url: http://169.254.169.254/latest/user-data").contains(&Imds404NoRole));
    }

    #[test]
    fn domain_text_no_row_explains_is_unexplained() {
        let text = "my app cannot get credentials on the new instance";
        assert!(classes(text).is_empty());
        let found = unexplained(text, Span::new(0, text.len()));
        assert_eq!(found.map(|e| e.class), Some(Unexplained));
        let text = "cd /srv/app && git status";
        assert!(unexplained(text, Span::new(0, text.len())).is_none());
    }
}
