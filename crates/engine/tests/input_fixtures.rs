//! Every fixture file is recognised as the kind its folder (CATALOG.md's table) or its name
//! (moto/out) says, and the facts read from it are checked by snapshot (insta, one snapshot per
//! file). Snapshots show the text each span covers, not offsets.

use std::path::Path;

use engine::input::{read, Input, InputKind, ProblemSeverity};
use engine::lang::Lang;

/// CATALOG.md's table: fixture folder → kind.
const FOLDERS: &[(&str, InputKind)] = &[
    ("imds-iam-info", InputKind::ImdsIamInfo),
    ("imds-security-credentials", InputKind::ImdsCredentials),
    (
        "imds-security-credentials-listing",
        InputKind::ImdsCredentialsListing,
    ),
    ("imds-token-and-http", InputKind::ImdsHttp),
    ("iam-get-instance-profile", InputKind::GetInstanceProfile),
    (
        "iam-list-instance-profiles",
        InputKind::ListInstanceProfiles,
    ),
    (
        "iam-list-instance-profiles-for-role",
        InputKind::ListInstanceProfiles,
    ),
    ("iam-get-role", InputKind::GetRole),
    ("ec2-describe-instances", InputKind::DescribeInstances),
    (
        "ec2-iam-instance-profile-associations",
        InputKind::InstanceProfileAssociations,
    ),
    ("ec2-metadata-options", InputKind::MetadataOptions),
    ("sts-get-caller-identity", InputKind::CallerIdentity),
    ("trust-policies", InputKind::TrustPolicy),
    ("iam-access-denied", InputKind::AwsError),
    ("ec2-run-instances-errors", InputKind::AwsError),
    (
        "sts-decode-authorization-message",
        InputKind::AuthorizationMessage,
    ),
    ("sdk-client-errors", InputKind::SdkError),
    ("iam-policy-simulator", InputKind::PolicySimulation),
    ("client-config", InputKind::ClientConfig),
];

/// Files whose kind is not their folder's, and why. An error output is an `aws-error`
/// wherever it lies.
const EXCEPTIONS: &[(&str, InputKind, &str)] = &[
    (
        "iam-get-instance-profile/moto-error-nosuchentity-DIFFERENT-TEXT.txt",
        InputKind::AwsError,
        "an error output (moto's NoSuchEntity wording) is an aws-error wherever it lies",
    ),
    (
        "ec2-iam-instance-profile-associations/CONSTRUCTED-cli-error-incorrectstate-existing-association.txt",
        InputKind::AwsError,
        "an error output (IncorrectState) is an aws-error wherever it lies",
    ),
    (
        "sdk-client-errors/botocore-raw-query-api-error-nosuchentity.xml",
        InputKind::AwsError,
        "a raw Query API error document from the service, not a client-side error",
    ),
    (
        "imds-security-credentials-listing/smithy-rs-recorded-no-role-404-body.html",
        InputKind::ImdsHttp,
        "a bare 404 page does not say which path it answered: it is an IMDS HTTP answer; with \
         the `curl …/security-credentials/` command above it, it reads as the listing (tested in \
         `a_404_page_under_its_curl_is_the_listing`)",
    ),
];

/// Files that are deliberately wrong but whose problem is semantic, not a reading error: the
/// reader reads them and the rules judge them.
const SEMANTIC_BREAKAGE: &[(&str, &str)] = &[(
    "trust-policies/real-powershell-demo-statement-object-ssm-only-BROKEN-for-ec2.json",
    "valid JSON trusting only ssm.amazonaws.com: the rule trust-policy-blocks-ec2 reports it",
)];

fn expected_kind(relative: &str) -> Option<InputKind> {
    if let Some((_, kind, _)) = EXCEPTIONS.iter().find(|(file, ..)| *file == relative) {
        return Some(*kind);
    }
    let folder = relative.split('/').next()?;
    FOLDERS
        .iter()
        .find(|(name, _)| *name == folder)
        .map(|(_, kind)| *kind)
}

fn is_marked_broken(name: &str) -> bool {
    ["INVALID", "MALFORMED", "TRUNCATED", "BROKEN"]
        .iter()
        .any(|mark| name.contains(mark))
}

/// A reviewable view of the inputs: every span replaced by the text it covers.
fn view(text: &str, inputs: &[Input]) -> serde_json::Value {
    let mut value = serde_json::to_value(inputs).unwrap_or_default();
    replace_spans(text, &mut value);
    value
}

fn replace_spans(text: &str, value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for key in ["span", "body", "prompt", "roles_span", "profile_span"] {
                let covered = map.get(key).and_then(|span| {
                    let start = span.get("start")?.as_u64()? as usize;
                    let end = span.get("end")?.as_u64()? as usize;
                    Some(shorten(
                        text.get(start..end).unwrap_or("<not on a char boundary>"),
                    ))
                });
                if let Some(covered) = covered {
                    map.insert(key.to_string(), serde_json::Value::String(covered));
                }
            }
            for (key, child) in map.iter_mut() {
                if key == "text" {
                    if let serde_json::Value::String(document) = child {
                        *document = shorten(document);
                    }
                }
                replace_spans(text, child);
            }
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().for_each(|item| replace_spans(text, item))
        }
        _ => {}
    }
}

fn shorten(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 120 {
        text.to_string()
    } else {
        let head: String = chars.iter().take(60).collect();
        let tail: String = chars.iter().skip(chars.len() - 40).collect();
        format!("{head} … {tail} ({} chars)", chars.len())
    }
}

fn read_fixture(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_every_span_slices(text: &str, inputs: &[Input]) {
    let value = serde_json::to_value(inputs).unwrap_or_default();
    fn walk(text: &str, value: &serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if let (Some(start), Some(end)) = (
                    map.get("start").and_then(|v| v.as_u64()),
                    map.get("end").and_then(|v| v.as_u64()),
                ) {
                    assert!(
                        text.get(start as usize..end as usize).is_some(),
                        "span {start}..{end} does not slice the text"
                    );
                }
                map.values().for_each(|child| walk(text, child));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|item| walk(text, item)),
            _ => {}
        }
    }
    walk(text, &value);
}

#[test]
fn fixture_folders_are_recognised_as_their_kind() {
    insta::glob!(
        "../../../tests/fixtures",
        "{imds,iam,ec2,sts,trust,sdk,client}-*/*",
        |path| {
            let relative = path
                .strip_prefix(
                    fixtures::dir()
                        .canonicalize()
                        .unwrap_or_else(|_| fixtures::dir()),
                )
                .map(|p| p.to_string_lossy().replace('\\', "/"))
                .unwrap_or_default();
            let Some(expected) = expected_kind(&relative) else {
                panic!("{relative}: no folder row in CATALOG.md's table");
            };
            let text = read_fixture(path);
            let inputs = read(&text);
            check_every_span_slices(&text, &inputs);
            assert_eq!(
                inputs.len(),
                1,
                "{relative}: one input expected, got {:?}",
                inputs.iter().map(|i| i.kind).collect::<Vec<_>>()
            );
            let input = &inputs[0];
            assert_eq!(input.kind, expected, "{relative}: {:#?}", input.problems);
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let semantic = SEMANTIC_BREAKAGE.iter().any(|(file, _)| *file == relative);
            if is_marked_broken(&name) && !semantic {
                let problem = input
                    .problems
                    .iter()
                    .find(|p| p.severity == ProblemSeverity::Error)
                    .unwrap_or_else(|| panic!("{relative}: a located problem expected"));
                assert!(problem.location.line >= 1 && problem.location.column >= 1);
                assert!(
                    !problem.message(Lang::En).is_empty() && !problem.message(Lang::Ja).is_empty()
                );
            } else if !semantic {
                assert!(
                    input
                        .problems
                        .iter()
                        .all(|p| p.severity != ProblemSeverity::Error),
                    "{relative}: unexpected problems {:#?}",
                    input.problems
                );
            }
            insta::assert_json_snapshot!(view(&text, &inputs));
        }
    );
}

/// moto/out: the kind each file's name says (MANIFEST.tsv has the commands).
fn moto_kind(name: &str) -> Option<InputKind> {
    const BY_NAME: &[(&str, InputKind)] = &[
        ("sts-get-caller-identity", InputKind::CallerIdentity),
        ("list-attached-role-policies", InputKind::Unknown),
        ("list-role-policies", InputKind::Unknown),
        ("create-user", InputKind::Unknown),
        ("get-role-policy", InputKind::IdentityPolicy),
        ("get-user-policy", InputKind::IdentityPolicy),
        ("create-role", InputKind::GetRole),
        ("get-role", InputKind::GetRole),
        ("list-roles", InputKind::GetRole),
        ("list-instance-profiles", InputKind::ListInstanceProfiles),
        (
            "describe-iam-instance-profile-associations",
            InputKind::InstanceProfileAssociations,
        ),
        (
            "iam-instance-profile-association",
            InputKind::InstanceProfileAssociations,
        ),
        (
            "associate-iam-instance-profile",
            InputKind::InstanceProfileAssociations,
        ),
        ("instance-profile", InputKind::GetInstanceProfile),
        ("run-instances", InputKind::DescribeInstances),
        ("describe-instances", InputKind::DescribeInstances),
        (
            "get-account-authorization-details",
            InputKind::AccountAuthorizationDetails,
        ),
        (
            "security-credentials-list",
            InputKind::ImdsCredentialsListing,
        ),
        ("security-credentials-role", InputKind::ImdsCredentials),
    ];
    if name.ends_with(".err") {
        // `44-err-simulate-principal-policy.err` is the CLI failing to parse moto's HTML 500:
        // a client-side error; the others are AWS error messages.
        return Some(if name.contains("simulate") {
            InputKind::SdkError
        } else {
            InputKind::AwsError
        });
    }
    BY_NAME
        .iter()
        .find(|(words, _)| name.contains(words))
        .map(|(_, kind)| *kind)
}

/// Every output of moto/out (`MANIFEST.tsv` and `VERSIONS.txt` are the generator's records, not
/// outputs). moto's oddities (moto/README.md) are read as written; the one that would mislead a
/// check, an association id in `IamInstanceProfile.Id`, gets a `bad-value` warning (see the
/// describe-instances snapshots).
#[test]
fn moto_outputs_are_recognised_by_what_their_name_says() {
    insta::glob!("../../../tests/fixtures", "moto/out/*.{json,err}", |path| {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let expected = moto_kind(&name).unwrap_or_else(|| panic!("{name}: no kind for this name"));
        let text = read_fixture(path);
        let inputs = read(&text);
        check_every_span_slices(&text, &inputs);
        assert_eq!(inputs.len(), 1, "{name}");
        assert_eq!(
            inputs[0].kind, expected,
            "{name}: {:#?}",
            inputs[0].problems
        );
        if expected == InputKind::Unknown {
            // Known outputs without diagnostic facts say what they are.
            assert!(
                inputs[0].problems.iter().any(|p| p.id == "not-diagnostic"),
                "{name}"
            );
        }
        insta::assert_json_snapshot!(view(&text, &inputs));
    });
}

/// Each moto output under its command line from MANIFEST.tsv, as a transcript: the command is
/// kept, and the kind stays (the IMDS curls give the kind and the role name by their path).
#[test]
fn moto_transcript_keeps_each_command() {
    let manifest = fixtures::read("moto/out/MANIFEST.tsv");
    let mut transcript = String::new();
    let mut expected = Vec::new();
    for line in manifest.lines() {
        let mut columns = line.split('\t');
        let (Some(step), Some(_status), Some(command)) =
            (columns.next(), columns.next(), columns.next())
        else {
            continue;
        };
        let output = ["json", "err"]
            .iter()
            .map(|ext| fixtures::path(&format!("moto/out/{step}.{ext}")))
            .find(|path| path.exists());
        let Some(output) = output else { continue };
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(kind) = moto_kind(&name) else {
            continue;
        };
        // The IMDS curls use `-H Host: 169.254.169.254` unquoted in the manifest.
        let command = command.replace("-H Host: 169.254.169.254", "-H 'Host: 169.254.169.254'");
        transcript.push_str(&format!("[ec2-user@ip-10-0-0-1 ~]$ {command}\n"));
        transcript.push_str(read_fixture(&output).trim_end());
        transcript.push('\n');
        expected.push((command, kind));
    }
    let inputs = read(&transcript);
    let got: Vec<(String, InputKind)> = inputs
        .iter()
        .map(|input| {
            (
                input
                    .command
                    .as_ref()
                    .map(|c| c.text.clone())
                    .unwrap_or_default(),
                input.kind,
            )
        })
        .collect();
    assert_eq!(got, expected);
    let credentials = inputs
        .iter()
        .find(|input| input.kind == InputKind::ImdsCredentials)
        .unwrap_or_else(|| panic!("credentials input"));
    let engine::input::Facts::ImdsCredentials(facts) = &credentials.facts else {
        panic!("credentials facts");
    };
    let role = facts
        .role_name
        .as_ref()
        .unwrap_or_else(|| panic!("role name from the curl path"));
    assert_eq!(role.span.slice(&transcript), "default-role");
}

#[test]
fn a_404_page_under_its_curl_is_the_listing() {
    let page = fixtures::read(
        "imds-security-credentials-listing/smithy-rs-recorded-no-role-404-body.html",
    );
    let text = format!("[ec2-user@ip-10-0-0-1 ~]$ curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/\n{page}");
    let inputs = read(&text);
    assert_eq!(inputs.len(), 1);
    assert_eq!(inputs[0].kind, InputKind::ImdsCredentialsListing);
    let engine::input::Facts::CredentialsListing(listing) = &inputs[0].facts else {
        panic!("listing facts");
    };
    assert!(listing.role_names.is_empty());
    let http = listing
        .http
        .as_ref()
        .unwrap_or_else(|| panic!("http exchange"));
    assert_eq!(http.status.as_ref().map(|s| s.value), Some(404));
    assert_eq!(
        http.path.as_ref().map(|p| p.span.slice(&text)),
        Some("/latest/meta-data/iam/security-credentials/")
    );
}

/// policies/: CATALOG.md names it for `identity-policy`. Only `aws-managed-latest.jsonl` holds
/// pastes (one managed-policy record per line); the other files are reference data for the
/// policy evaluator (action catalogue, benchmark requests, hand-written cases, a gzip archive).
#[test]
fn every_managed_policy_line_is_an_identity_policy() {
    let text = fixtures::read("policies/aws-managed-latest.jsonl");
    let mut count = 0;
    for (number, line) in text.lines().enumerate() {
        let inputs = read(line);
        assert_eq!(inputs.len(), 1, "line {}", number + 1);
        assert_eq!(
            inputs[0].kind,
            InputKind::IdentityPolicy,
            "line {}: {:#?}",
            number + 1,
            inputs[0].problems
        );
        let engine::input::Facts::IdentityPolicy(document) = &inputs[0].facts else {
            panic!("line {}: facts", number + 1);
        };
        assert!(document.text.contains("Statement"));
        assert!(document.source.is_some());
        count += 1;
    }
    assert_eq!(count, 1594);
    // The whole file is also one paste: several JSON documents in a row.
    let inputs = read(&text);
    assert_eq!(inputs.len(), 1594);
    assert!(inputs
        .iter()
        .all(|input| input.kind == InputKind::IdentityPolicy));
}
