//! Four-input cases built from the fixtures, shared by the share-link tests and the benchmark.
//! Each extends one of the page's worked examples (`src/examples.rs`) with the other outputs a
//! user investigating that situation pastes, so link lengths are measured on realistic cases.
#![allow(dead_code)]

pub fn fixture(path: &str) -> String {
    fixtures::read(path)
}

/// (name, fixture paths) of each four-input case.
pub const FOUR_INPUT_CASES: &[(&str, [&str; 4])] = &[
    (
        "s6-recreated",
        [
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
            "iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json",
            "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
            "sts-get-caller-identity/botocore-example-assumed-role.json",
        ],
    ),
    (
        "s6-trust",
        [
            "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json",
            "iam-get-role/CONSTRUCTED-cli-getrole-decoded-trust-wrong-service.json",
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
            "imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt",
        ],
    ),
    (
        "s4-empty-profile",
        [
            "iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json",
            "iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt",
            "ec2-run-instances-errors/CONSTRUCTED-cli-runinstances-unauthorizedoperation-with-encoded-message.txt",
            "iam-get-role/ec2-user-guide-create-role-response-decoded-trust.json",
        ],
    ),
    (
        "s5-imdsv2",
        [
            "imds-token-and-http/aemm-readme-imdsv1-request-401-unauthorized.html",
            "ec2-metadata-options/cli-docs-modify-require-imdsv2-pending.json",
            "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
            "imds-security-credentials/ec2-user-guide-success-s3access.json",
        ],
    ),
    (
        "s2-previous-role",
        [
            "moto/out/10-iam-get-instance-profile.json",
            "imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt",
            "ec2-iam-instance-profile-associations/cli-docs-describe-associated-and-associating.json",
            "sts-get-caller-identity/botocore-example-assumed-role.json",
        ],
    ),
];

pub fn four_input_cases() -> Vec<(&'static str, Vec<String>)> {
    FOUR_INPUT_CASES
        .iter()
        .map(|(name, paths)| (*name, paths.iter().map(|p| fixture(p)).collect()))
        .collect()
}
