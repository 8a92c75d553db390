//! For every rule: a case built from real fixture files that makes it fire, and one that must
//! leave it silent. The findings of the firing case are snapshotted in English and Japanese.
//!
//! Fixtures are read from the repository's `tests/fixtures/` (real outputs, never edited); a few inputs
//! the fixtures lack (an `iam/info` answering `InstanceProfileNotFound`, an empty
//! `list-instance-profiles-for-role`) are written under `tests/cases/` from documented shapes.

use engine::finding::{Diagnosis, Finding, Severity};
use engine::lang::Lang;
use engine::rules::{diagnose, Case};
use serde_json::json;

const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/");

/// Reads `PATH` from the fixtures or `cases:PATH` from this crate's test cases.
fn text(name: &str) -> String {
    match name.split_once(':') {
        Some(("cases", rest)) => {
            let path = format!("{CASES}{rest}");
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
        }
        _ => fixtures::read(name),
    }
}

fn case(names: &[&str]) -> Case {
    let texts: Vec<String> = names.iter().map(|n| text(n)).collect();
    Case::read(&texts)
}

fn of<'d>(diagnosis: &'d Diagnosis, id: &str) -> Vec<&'d Finding> {
    diagnosis.findings.iter().filter(|f| f.id == id).collect()
}

/// Asserts that `id` fires on the case and snapshots its findings in both languages.
fn fires(id: &str, snapshot: &str, case: &Case) -> Vec<Finding> {
    let en = diagnose(case, Lang::En);
    let ja = diagnose(case, Lang::Ja);
    let found_en = of(&en, id);
    let found_ja = of(&ja, id);
    assert!(
        !found_en.is_empty(),
        "`{id}` does not fire; findings: {:?}",
        ids(&en)
    );
    assert_eq!(
        found_en.len(),
        found_ja.len(),
        "same findings in both languages"
    );
    for finding in found_en.iter().chain(found_ja.iter()) {
        assert!(!finding.evidence.is_empty(), "`{id}` has evidence");
        for evidence in &finding.evidence {
            // Evidence quotes the user's own text (secrets excepted: they are masked).
            let paste = case
                .inputs()
                .find(|i| i.index == evidence.input)
                .map(|i| i.paste);
            let quoted = paste.map(|p| evidence.span.slice(p)).unwrap_or_default();
            if id != "secrets-in-input" {
                assert_eq!(
                    quoted, evidence.text,
                    "`{id}`: evidence text is the span's text"
                );
            }
        }
    }
    insta::assert_json_snapshot!(snapshot, json!({ "en": found_en, "ja": found_ja }));
    found_en.into_iter().cloned().collect()
}

fn silent(id: &str, case: &Case) {
    let diagnosis = diagnose(case, Lang::En);
    assert!(
        of(&diagnosis, id).is_empty(),
        "`{id}` must not fire; it did: {:?}",
        of(&diagnosis, id)
            .iter()
            .map(|f| &f.title)
            .collect::<Vec<_>>()
    );
}

/// Asserts that the case lists `id` among the rules checked and passed (in both languages): the
/// page draws that rule's chain link as known-good.
fn passes(id: &str, case: &Case) {
    for lang in [Lang::En, Lang::Ja] {
        let diagnosis = diagnose(case, lang);
        assert!(of(&diagnosis, id).is_empty(), "`{id}` fired");
        assert!(
            diagnosis.checked.iter().any(|c| c.id == id),
            "`{id}` is not listed as checked ({lang:?}): {:?}",
            diagnosis.checked
        );
    }
}

/// Asserts that nothing in the case lets `id` be called checked.
fn not_passed(id: &str, case: &Case) {
    let diagnosis = diagnose(case, Lang::En);
    assert!(
        !diagnosis.checked.iter().any(|c| c.id == id),
        "`{id}` listed as checked: {:?}",
        diagnosis.checked
    );
}

fn ids(diagnosis: &Diagnosis) -> Vec<&str> {
    diagnosis.findings.iter().map(|f| f.id).collect()
}

fn commands(finding: &Finding) -> Vec<&str> {
    finding
        .fix
        .iter()
        .filter_map(|f| f.command.as_deref())
        .collect()
}

// ---- S1 ----

#[test]
fn list_instance_profiles_denied() {
    let found = fires(
        "list-instance-profiles-denied",
        "list_instance_profiles_denied",
        &case(&["cases:list-instance-profiles-denied.txt"]),
    );
    assert!(found[0]
        .title
        .contains("arn:aws:iam::123456789012:user/dev-alice"));
    assert!(commands(&found[0])[0].contains("put-user-policy --user-name dev-alice"));
    silent(
        "list-instance-profiles-denied",
        &case(&["iam-policy-simulator/cli-docs-simulate-principal-policy-allowed.json"]),
    );
    // The caller's own policy, pasted: evaluated, and only a warning (other policies may allow).
    let policies = fires(
        "list-instance-profiles-denied",
        "list_instance_profiles_denied_policies",
        &case(&["cases:user-policy-without-list-instance-profiles.txt"]),
    );
    assert_eq!(policies[0].severity, Severity::Warning);
    silent(
        "list-instance-profiles-denied",
        &case(&["moto/out/35-iam-get-user-policy.json"]),
    );
}

#[test]
fn role_without_instance_profile() {
    let found = fires(
        "role-without-instance-profile",
        "role_without_instance_profile",
        &case(&["cases:list-instance-profiles-for-role-empty.txt"]),
    );
    assert!(commands(&found[0])[0]
        .contains("create-instance-profile --instance-profile-name app-web-role"));
    silent(
        "role-without-instance-profile",
        &case(&["moto/out/12-iam-list-instance-profiles-for-role.json"]),
    );
}

#[test]
fn profile_name_differs_from_role() {
    let found = fires(
        "profile-name-differs-from-role",
        "profile_name_differs_from_role",
        &case(&["iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json"]),
    );
    assert!(found[0].title.contains("`s3access`") && found[0].title.contains("`s3access-profile`"));
    assert_eq!(found[0].severity, Severity::Info);
    silent(
        "profile-name-differs-from-role",
        &case(&["iam-list-instance-profiles/cli-docs-two-profiles-decoded-trust.json"]),
    );
}

#[test]
fn profile_role_limit() {
    let found = fires(
        "profile-role-limit",
        "profile_role_limit",
        &case(&["iam-access-denied/moto-limitexceeded-second-role-in-instance-profile.txt"]),
    );
    assert_eq!(found[0].severity, Severity::Error);
    silent(
        "profile-role-limit",
        &case(&["moto/out/10-iam-get-instance-profile.json"]),
    );
}

// ---- S2 ----

#[test]
fn credentials_for_previous_role() {
    // IAM: s3access-profile now holds `s3access`; the instance still serves `RoleName`.
    let found = fires(
        "credentials-for-previous-role",
        "credentials_for_previous_role",
        &case(&[
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
            "imds-security-credentials-listing/aws-sdk-go-v1-test-role-name-with-newline.txt",
        ]),
    );
    assert!(found[0].explanation.contains("five minutes"));
    assert!(found[0].explanation.contains("up to an hour"));
    fires(
        "credentials-for-previous-role",
        "credentials_for_previous_role_sdk",
        &case(&["sdk-client-errors/real-aws-sdk-net-stale-instance-profile-3461.txt"]),
    );
    silent(
        "credentials-for-previous-role",
        &case(&[
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
            "imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt",
        ]),
    );
}

// ---- S3 ----

#[test]
fn add_role_to_profile_denied() {
    let found = fires(
        "add-role-to-profile-denied",
        "add_role_to_profile_denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"]),
    );
    let document = found[0].fix[0].document.clone().unwrap_or_default();
    assert!(document.contains("arn:aws:iam::999999999999:instance-profile/ExampleInstanceProfile"));
    assert!(
        document.contains("iam:PassRole"),
        "AddRoleToInstanceProfile also needs PassRole"
    );
    silent(
        "add-role-to-profile-denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"]),
    );
    // dev-alice's real policy denies profile edits outside `app-*` (a Deny with NotResource).
    let policies = fires(
        "add-role-to-profile-denied",
        "add_role_to_profile_denied_policies",
        &case(&[
            "moto/out/35-iam-get-user-policy.json",
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
        ]),
    );
    assert_eq!(policies[0].severity, Severity::Error, "an explicit deny");
    assert!(
        policies[0].fix.is_empty(),
        "no allow lifts an explicit deny"
    );
    // For an `app-*` profile the Deny does not apply, and nothing allows: a warning with a grant.
    let implicit = diagnose(
        &case(&[
            "moto/out/35-iam-get-user-policy.json",
            "moto/out/10-iam-get-instance-profile.json",
        ]),
        Lang::En,
    );
    let implicit = of(&implicit, "add-role-to-profile-denied");
    assert_eq!(implicit.len(), 1);
    assert_eq!(implicit[0].severity, Severity::Warning);
    assert!(commands(implicit[0])[0].contains("put-user-policy --user-name dev-alice"));
    silent(
        "add-role-to-profile-denied",
        &case(&["moto/out/10-iam-get-instance-profile.json"]),
    );
}

// ---- S4 ----

#[test]
fn run_instances_denied() {
    fires(
        "run-instances-denied",
        "run_instances_denied",
        &case(&[
            "ec2-run-instances-errors/real-terraform-runinstances-unauthorizedoperation-12927.txt",
        ]),
    );
    fires(
        "run-instances-denied",
        "run_instances_denied_decoded",
        &case(&["sts-decode-authorization-message/cli-docs-runinstances-explicit-deny.json"]),
    );
    silent(
        "run-instances-denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"]),
    );
    // The caller's pasted policy allows RunInstances on "*": checked, silent.
    silent(
        "run-instances-denied",
        &case(&["moto/out/35-iam-get-user-policy.json"]),
    );
    let policies = fires(
        "run-instances-denied",
        "run_instances_denied_policies",
        &case(&[
            "cases:list-instance-profiles-denied.txt",
            "moto/out/07-iam-get-role-policy.json",
            "cases:user-policy-list-only.txt",
        ]),
    );
    assert_eq!(policies[0].severity, Severity::Warning);
}

#[test]
fn pass_role_denied() {
    let found = fires(
        "pass-role-denied",
        "pass_role_denied",
        &case(&["sts-decode-authorization-message/CONSTRUCTED-cli-passrole-implicit-deny.json"]),
    );
    let document = found[0].fix[0].document.clone().unwrap_or_default();
    assert!(document.contains("iam:PassedToService"));
    // An explicit deny: no allow fixes it, so no grant is offered.
    let explicit = fires(
        "pass-role-denied",
        "pass_role_denied_explicit",
        &case(&["iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"]),
    );
    assert!(explicit[0].fix.is_empty());
    silent(
        "pass-role-denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"]),
    );
    // dev-alice may pass `app-*` roles to EC2, not `s3access`.
    let policies = fires(
        "pass-role-denied",
        "pass_role_denied_policies",
        &case(&[
            "moto/out/35-iam-get-user-policy.json",
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json",
        ]),
    );
    assert!(policies[0].title.contains("`s3access`"));
    silent(
        "pass-role-denied",
        &case(&[
            "moto/out/35-iam-get-user-policy.json",
            "moto/out/10-iam-get-instance-profile.json",
        ]),
    );
}

#[test]
fn instance_profile_not_found() {
    let found = fires(
        "instance-profile-not-found",
        "instance_profile_not_found",
        &case(&["ec2-run-instances-errors/real-packer-runinstances-invalid-instance-profile-name-217.txt"]),
    );
    assert_eq!(
        found[0].confidence,
        Some(engine::finding::Confidence::Possible)
    );
    fires(
        "instance-profile-not-found",
        "instance_profile_not_found_moto",
        &case(&["moto/out/43-err-get-instance-profile-missing.err"]),
    );
    silent(
        "instance-profile-not-found",
        &case(&["moto/out/10-iam-get-instance-profile.json"]),
    );
}

#[test]
fn instance_profile_empty() {
    let found = fires(
        "instance-profile-empty",
        "instance_profile_empty",
        &case(&[
            "iam-get-instance-profile/ec2-user-guide-create-instance-profile-empty-roles.json",
        ]),
    );
    assert!(commands(&found[0])[0].starts_with(
        "aws iam add-role-to-instance-profile --instance-profile-name s3access-profile"
    ));
    fires(
        "instance-profile-empty",
        "instance_profile_empty_imds",
        &case(&["imds-iam-info/CONSTRUCTED-success-with-message-instance-profile-does-not-contain-a-role.json"]),
    );
    // Created empty, then the role was added: the latest state counts.
    silent(
        "instance-profile-empty",
        &case(&[
            "moto/out/08-iam-create-instance-profile.json",
            "moto/out/10-iam-get-instance-profile.json",
        ]),
    );
}

// ---- S5 ----

#[test]
fn imds_unreachable() {
    fires(
        "imds-unreachable",
        "imds_unreachable",
        &case(&["sdk-client-errors/real-aws-cli-imds-connect-timeout-6130.txt"]),
    );
    let answered = case(&[
        "imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt",
    ]);
    silent("imds-unreachable", &answered);
    // IMDS answered: reachable, and straight (no proxy's marks), with a token.
    passes("imds-unreachable", &answered);
    passes("imds-via-proxy", &answered);
    passes("imdsv2-token-required", &answered);
    // An `iam/info` document came from IMDS too.
    passes(
        "imds-unreachable",
        &case(&["imds-iam-info/aws-sdk-go-v1-test-success.json"]),
    );
    not_passed(
        "imds-unreachable",
        &case(&["sdk-client-errors/real-aws-cli-imds-connect-timeout-6130.txt"]),
    );
}

#[test]
fn no_instance_profile_associated() {
    let found = fires(
        "no-instance-profile-associated",
        "no_instance_profile_associated",
        &case(&["ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json"]),
    );
    assert!(commands(&found[0])[0]
        .starts_with("aws ec2 associate-iam-instance-profile --instance-id i-"));
    fires(
        "no-instance-profile-associated",
        "no_instance_profile_associated_imds",
        &case(&[
            "imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt",
        ]),
    );
    silent(
        "no-instance-profile-associated",
        &case(&[
            "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
        ]),
    );
}

// ---- S6 ----

#[test]
fn instance_profile_deleted() {
    let found = fires(
        "instance-profile-deleted",
        "instance_profile_deleted",
        &case(&[
            "cases:imds-iam-info-instance-profile-not-found.txt",
            "moto/out/22-ec2-describe-instances-after-recreate.json",
            "moto/out/23-ec2-describe-iam-instance-profile-associations-stale.json",
        ]),
    );
    let kinds: Vec<_> = found[0].fix.iter().map(|f| f.kind).collect();
    assert!(kinds.contains(&engine::finding::FixKind::Current));
    assert!(kinds.contains(&engine::finding::FixKind::Guide));
    assert!(commands(&found[0])[0].starts_with(
        "aws ec2 replace-iam-instance-profile-association --association-id iip-assoc-bbb08d4fa4e33ca42 --iam-instance-profile Name=app-web-profile"
    ));
    silent(
        "instance-profile-deleted",
        &case(&["imds-iam-info/aws-sdk-go-v1-test-success.json"]),
    );
}

#[test]
fn instance_profile_recreated() {
    let found = fires(
        "instance-profile-recreated",
        "instance_profile_recreated",
        &case(&[
            "iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json",
            "imds-iam-info/aws-sdk-go-v1-test-success.json",
        ]),
    );
    assert!(
        found[0].title.contains("AIPAZZZZZZZZZZZZZZZZZ")
            && found[0].title.contains("AIPAABCDEFGHIJKLMN123")
    );
    // moto: the stale association still holds the deleted profile's id.
    fires(
        "instance-profile-recreated",
        "instance_profile_recreated_moto",
        &case(&[
            "moto/out/21-iam-get-instance-profile-recreated.json",
            "moto/out/23-ec2-describe-iam-instance-profile-associations-stale.json",
        ]),
    );
    silent(
        "instance-profile-recreated",
        &case(&[
            "moto/out/21-iam-get-instance-profile-recreated.json",
            "moto/out/25-ec2-describe-iam-instance-profile-associations-fixed.json",
        ]),
    );
}

#[test]
fn trust_policy_blocks_ec2() {
    let found = fires(
        "trust-policy-blocks-ec2",
        "trust_policy_blocks_ec2_imds",
        &case(&[
            "imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json",
        ]),
    );
    assert!(found[0].title.contains("`integration-test`"));
    let broken = fires(
        "trust-policy-blocks-ec2",
        "trust_policy_blocks_ec2_ssm_only",
        &case(&[
            "trust-policies/real-powershell-demo-statement-object-ssm-only-BROKEN-for-ec2.json",
        ]),
    );
    let document = broken[0].fix[0].document.clone().unwrap_or_default();
    let corrected: serde_json::Value = serde_json::from_str(&document).unwrap_or_default();
    // `Statement` is an object in this real policy, and stays one.
    let services = corrected["Statement"]["Principal"]["Service"].clone();
    assert_eq!(
        services,
        json!(["ssm.amazonaws.com", "ec2.amazonaws.com"]),
        "ssm kept, ec2 added"
    );
    let conditional = fires(
        "trust-policy-blocks-ec2",
        "trust_policy_blocks_ec2_conditions",
        &case(&["trust-policies/CONSTRUCTED-ec2-with-source-arn-condition.json"]),
    );
    assert_eq!(
        conditional[0].severity,
        Severity::Check,
        "uncertain: check, never assert"
    );
    for healthy in [
        "trust-policies/ec2-user-guide-service-string.json",
        "trust-policies/CONSTRUCTED-action-wildcard-sts-star.json",
        "trust-policies/CONSTRUCTED-china-partition-ec2-amazonaws-com-cn.json",
        "trust-policies/real-powershell-demo-statement-object-ec2-and-ssm-list.json",
    ] {
        silent("trust-policy-blocks-ec2", &case(&[healthy]));
    }
}

// ---- beyond the guide ----

#[test]
fn imdsv2_token_required() {
    fires(
        "imdsv2-token-required",
        "imdsv2_token_required",
        &case(&["imds-token-and-http/aemm-readme-imdsv1-request-401-unauthorized.html"]),
    );
    let options_only = case(&["ec2-metadata-options/cli-docs-modify-require-imdsv2-pending.json"]);
    silent("imdsv2-token-required", &options_only);
    // No request seen: whether the client sends a token is not known.
    not_passed("imdsv2-token-required", &options_only);
}

#[test]
fn imds_hop_limit() {
    let found = fires(
        "imds-hop-limit",
        "imds_hop_limit",
        &case(&["sdk-client-errors/real-aws-sdk-ruby-imdsv2-put-400-in-docker-2177.txt"]),
    );
    assert_eq!(
        found[0].severity,
        Severity::Check,
        "hop limit not shown: check it"
    );
    // The instance shows `HttpPutResponseHopLimit: 1` and a container's token request fails.
    let joined = fires(
        "imds-hop-limit",
        "imds_hop_limit_joined",
        &case(&[
            "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
            "sdk-client-errors/real-aws-sdk-ruby-imdsv2-put-400-in-docker-2177.txt",
        ]),
    );
    assert_eq!(joined[0].severity, Severity::Error);
    assert!(commands(&joined[0])[0]
        .contains("--instance-id i-1234567890abcdef0 --http-put-response-hop-limit 2"));
    // A pod on an IMDSv2-only node with hop limit 1: the v1 fallback gets 401; both causes show.
    let pod = diagnose(
        &case(&[
            "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
            "sdk-client-errors/real-aws-sdk-go-v1-ec2metadata-401-al2023-lb-controller.txt",
        ]),
        Lang::En,
    );
    assert!(
        !of(&pod, "imds-hop-limit").is_empty() && !of(&pod, "imdsv2-token-required").is_empty()
    );
    let limit_one = case(&[
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    ]);
    silent("imds-hop-limit", &limit_one);
    // A limit of 1 is fine until a container needs a token: not called good either.
    not_passed("imds-hop-limit", &limit_one);
    // The same instance with the limit raised to 2 (as the fix does): good.
    let raised = text(
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    )
    .replace(
        "\"HttpPutResponseHopLimit\": 1",
        "\"HttpPutResponseHopLimit\": 2",
    );
    assert!(raised.contains("\"HttpPutResponseHopLimit\": 2"));
    passes("imds-hop-limit", &Case::read(&[raised]));
}

#[test]
fn imds_endpoint_disabled() {
    fires(
        "imds-endpoint-disabled",
        "imds_endpoint_disabled",
        &case(&["ec2-metadata-options/cli-docs-modify-endpoint-disabled-pending.json"]),
    );
    fires(
        "imds-endpoint-disabled",
        "imds_endpoint_disabled_http_403",
        &case(&["imds-token-and-http/smithy-rs-recorded-imdsv2-token-put-403-imds-disabled.txt"]),
    );
    silent(
        "imds-endpoint-disabled",
        &case(&["ec2-metadata-options/cli-docs-modify-require-imdsv2-pending.json"]),
    );
}

#[test]
fn imds_via_proxy() {
    let proxied = case(&["cases:xray-daemon-behind-proxy.txt"]);
    fires("imds-via-proxy", "imds_via_proxy", &proxied);
    silent("imds-endpoint-disabled", &proxied);
    silent(
        "imds-via-proxy",
        &case(&["sdk-client-errors/real-aws-sdk-go-v2-imds-503-max-attempts-5306.txt"]),
    );
    not_passed("imds-via-proxy", &proxied);
}

#[test]
fn imds_throttled() {
    fires(
        "imds-throttled",
        "imds_throttled",
        &case(&["sdk-client-errors/real-aws-sdk-go-v2-imds-503-max-attempts-5306.txt"]),
    );
    silent(
        "imds-throttled",
        &case(&["sdk-client-errors/aws-cli-unable-to-locate-credentials.txt"]),
    );
}

#[test]
fn association_in_transition() {
    fires(
        "association-in-transition",
        "association_in_transition",
        &case(&["ec2-iam-instance-profile-associations/ec2-user-guide-associate-associating.json"]),
    );
    silent(
        "association-in-transition",
        &case(&["ec2-iam-instance-profile-associations/ec2-user-guide-describe-associated.json"]),
    );
}

#[test]
fn credentials_expired() {
    let mut expired = case(&["imds-security-credentials/CONSTRUCTED-expired-credentials.json"]);
    expired.captured_at = Some("2026-11-29T18:00:00Z".to_owned());
    fires("credentials-expired", "credentials_expired", &expired);
    let mut fresh = case(&["imds-security-credentials/ec2-user-guide-success-s3access.json"]);
    fresh.captured_at = Some("2012-04-26T17:00:00Z".to_owned());
    silent("credentials-expired", &fresh);
}

#[test]
fn authorization_message_encoded() {
    let found = fires(
        "authorization-message-encoded",
        "authorization_message_encoded",
        &case(&["ec2-run-instances-errors/CONSTRUCTED-cli-runinstances-unauthorizedoperation-with-encoded-message.txt"]),
    );
    assert!(commands(&found[0])[0]
        .starts_with("aws sts decode-authorization-message --encoded-message"));
    silent(
        "authorization-message-encoded",
        &case(&["iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"]),
    );
}

#[test]
fn trust_policy_invalid() {
    let typo = fires(
        "trust-policy-invalid",
        "trust_policy_invalid_typo",
        &case(&["moto/out/32-iam-create-role-typo-principal.json"]),
    );
    assert!(
        typo[0].title.contains("`ec2.amazonaws.com`"),
        "{}",
        typo[0].title
    );
    fires(
        "trust-policy-invalid",
        "trust_policy_invalid_resource",
        &case(&["trust-policies/CONSTRUCTED-resource-element-not-allowed.json"]),
    );
    fires(
        "trust-policy-invalid",
        "trust_policy_invalid_wildcard",
        &case(&["trust-policies/CONSTRUCTED-principal-wildcard-unsupported.json"]),
    );
    fires(
        "trust-policy-invalid",
        "trust_policy_invalid_wrong_action",
        &case(&["trust-policies/CONSTRUCTED-wrong-action-assumerolewithwebidentity.json"]),
    );
    let valid = case(&["trust-policies/iam-troubleshoot-guide-service-list-oneline.json"]);
    silent("trust-policy-invalid", &valid);
    passes("trust-policy-invalid", &valid);
    not_passed(
        "trust-policy-invalid",
        &case(&["moto/out/32-iam-create-role-typo-principal.json"]),
    );
}

#[test]
fn denied_by_other_policy() {
    fires(
        "denied-by-other-policy",
        "denied_by_other_policy",
        &case(&["iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"]),
    );
    silent(
        "denied-by-other-policy",
        &case(&["iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"]),
    );
}

#[test]
fn secrets_in_input() {
    let found = fires(
        "secrets-in-input",
        "secrets_in_input",
        &case(&["imds-security-credentials/ec2-user-guide-success-s3access.json"]),
    );
    let source = text("imds-security-credentials/ec2-user-guide-success-s3access.json");
    for evidence in &found[0].evidence {
        assert!(evidence.text.ends_with('…'), "masked: {}", evidence.text);
        assert!(evidence.text.chars().count() <= 5);
        assert!(source.contains(evidence.span.slice(&source)));
    }
    silent(
        "secrets-in-input",
        &case(&["imds-iam-info/aws-sdk-go-v1-test-success.json"]),
    );
}

// ---- the client and the credential chain ----

#[test]
fn credentials_from_other_source() {
    let found = fires(
        "credentials-from-other-source",
        "credentials_from_other_source_configure_list",
        &case(&["client-config/real-aws-cli-configure-list-shared-credentials-file.txt"]),
    );
    assert!(found[0].title.contains("`shared-credentials-file`"));
    assert_eq!(found[0].severity, Severity::Warning);
    let botocore = fires(
        "credentials-from-other-source",
        "credentials_from_other_source_botocore",
        &case(&["client-config/real-botocore-found-credentials-in-environment-variables.txt"]),
    );
    assert!(botocore[0].title.contains("environment variables"));
    let file = fires(
        "credentials-from-other-source",
        "credentials_from_other_source_file",
        &case(&["client-config/CONSTRUCTED-aws-credentials-file-masked-default-keys.txt"]),
    );
    assert!(file[0]
        .title
        .contains("profile `default` (`aws_access_key_id`)"));
    let caller = fires(
        "credentials-from-other-source",
        "credentials_from_other_source_caller",
        &case(&["cases:caller-identity-user-beside-imds-role.txt"]),
    );
    assert!(caller[0].title.contains("user/dev-alice"));
    // The instance profile in use, and a caller identity from instance credentials.
    let role = case(&["client-config/real-aws-cli-configure-list-iam-role.txt"]);
    silent("credentials-from-other-source", &role);
    passes("credentials-from-other-source", &role);
    silent(
        "credentials-from-other-source",
        &case(&["sts-get-caller-identity/CONSTRUCTED-ec2-instance-role-china-partition.json"]),
    );
    silent(
        "credentials-from-other-source",
        &case(&["client-config/CONSTRUCTED-env-aws-ec2-metadata-disabled.txt"]),
    );
}

#[test]
fn imds_disabled_by_client() {
    let found = fires(
        "imds-disabled-by-client",
        "imds_disabled_by_client",
        &case(&["client-config/CONSTRUCTED-env-aws-ec2-metadata-disabled.txt"]),
    );
    assert!(found[0].title.contains("AWS_EC2_METADATA_DISABLED=true"));
    assert_eq!(commands(&found[0]), ["unset AWS_EC2_METADATA_DISABLED"]);
    fires(
        "imds-disabled-by-client",
        "imds_disabled_by_client_go_sdk",
        &case(&["client-config/real-terraform-aws-provider-imds-disabled-by-client.txt"]),
    );
    let endpoint = fires(
        "imds-disabled-by-client",
        "imds_disabled_by_client_endpoint",
        &Case::read(&[
            "$ env | grep ^AWS_\nAWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1338\n",
        ]),
    );
    assert!(endpoint[0].title.contains("`http://127.0.0.1:1338`"));
    let proxy = case(&["client-config/CONSTRUCTED-env-http-proxy-with-no-proxy.txt"]);
    silent("imds-disabled-by-client", &proxy);
    passes("imds-disabled-by-client", &proxy);
    silent(
        "imds-disabled-by-client",
        &Case::read(&["AWS_EC2_METADATA_DISABLED=false\nAWS_EC2_METADATA_SERVICE_ENDPOINT=http://[fd00:ec2::254]\n"]),
    );
}

#[test]
fn imds_via_proxy_from_the_environment() {
    let found = fires(
        "imds-via-proxy",
        "imds_via_proxy_environment",
        &case(&["client-config/CONSTRUCTED-env-http-proxy-without-no-proxy.txt"]),
    );
    assert!(found[0].title.contains("`HTTP_PROXY`"));
    silent(
        "imds-via-proxy",
        &case(&["client-config/CONSTRUCTED-env-http-proxy-with-no-proxy.txt"]),
    );
}

#[test]
fn instance_role_denied() {
    let found = fires(
        "instance-role-denied",
        "instance_role_denied",
        &case(&["iam-access-denied/real-instance-role-assumerole-denied-cisagov-8.txt"]),
    );
    assert!(found[0].title.contains("`guacamole_instance_role_default`"));
    assert!(found[0].title.contains("`sts:AssumeRole`"));
    assert!(commands(&found[0])[0]
        .contains("put-role-policy --role-name guacamole_instance_role_default"));
    let deny = fires(
        "instance-role-denied",
        "instance_role_denied_statement",
        &case(&["cases:instance-role-denied-with-role-policy.txt"]),
    );
    assert!(deny[0].title.contains("denies"), "{}", deny[0].title);
    assert!(deny[0]
        .evidence
        .iter()
        .any(|e| e.text.contains("\"Sid\": \"NoCrossAccount\"")));
    // A user's denial is the launch rules' business, not the instance role's.
    silent(
        "instance-role-denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"]),
    );
    silent(
        "instance-role-denied",
        &case(&["iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"]),
    );
}

#[test]
fn clock_skew() {
    let found = fires(
        "clock-skew",
        "clock_skew_signature_expired",
        &case(&["iam-access-denied/real-aws-cli-signature-expired-clock-skew.txt"]),
    );
    assert!(found[0].title.contains("SignatureDoesNotMatch"));
    let header = fires(
        "clock-skew",
        "clock_skew_date_header",
        &case(&["cases:clock-date-header-10-minutes-off.txt"]),
    );
    assert!(
        header[0].title.contains("10 minutes ahead of"),
        "{}",
        header[0].title
    );
    let in_step = case(&["cases:clock-date-header-in-step.txt"]);
    silent("clock-skew", &in_step);
    passes("clock-skew", &in_step);
    silent(
        "clock-skew",
        &case(&["iam-access-denied/real-instance-role-assumerole-denied-cisagov-8.txt"]),
    );
}

#[test]
fn imds_hop_limit_in_a_container() {
    let container = case(&["cases:token-timeout-in-container.txt"]);
    let diagnosis = diagnose(&container, Lang::En);
    let found = of(&diagnosis, "imds-hop-limit");
    assert_eq!(found.len(), 1, "{:?}", ids(&diagnosis));
    assert_eq!(
        found[0].confidence,
        Some(engine::finding::Confidence::Likely)
    );
    assert!(found[0].evidence.iter().any(|e| e.text == "/.dockerenv"));
}
