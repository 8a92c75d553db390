//! Worked cases, one per situation of the guide, built from real fixture texts kept beside this
//! file under `src/examples/` (copies of `tests/fixtures/` files, embedded at build time; each
//! paste is one fixture file, as a user would paste it). Which findings each one yields is the engine's business; the example test checks
//! that each still shows the situation it is named after.

use crate::i18n::Key;

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/src/examples/", $path))
    };
}

/// One worked case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable id (`data-example` on its menu entry).
    pub id: &'static str,
    pub title: Key,
    pub pastes: &'static [&'static str],
    /// The finding id that shows this situation (checked by a test).
    pub shows: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "s1-profile-name-differs",
        title: Key::ExampleS1,
        pastes: &[fixture!(
            "iam-get-instance-profile/CONSTRUCTED-cli-decoded-trust-role-name-differs.json"
        )],
        shows: "profile-name-differs-from-role",
    },
    Example {
        id: "s2-previous-role",
        title: Key::ExampleS2,
        pastes: &[
            fixture!("moto/out/10-iam-get-instance-profile.json"),
            fixture!("imds-security-credentials-listing/CONSTRUCTED-role-name-differs-from-instance-profile-name.txt"),
        ],
        shows: "credentials-for-previous-role",
    },
    Example {
        id: "s3-add-role-denied",
        title: Key::ExampleS3,
        pastes: &[fixture!(
            "iam-access-denied/CONSTRUCTED-cli-addroletoinstanceprofile-accessdenied.txt"
        )],
        shows: "add-role-to-profile-denied",
    },
    Example {
        id: "s4-empty-profile",
        title: Key::ExampleS4,
        pastes: &[
            fixture!("iam-get-instance-profile/cli-docs-create-instance-profile-empty-roles.json"),
            fixture!("iam-access-denied/CONSTRUCTED-cli-runinstances-passrole-explicit-deny.txt"),
        ],
        shows: "instance-profile-empty",
    },
    Example {
        id: "s5-no-profile",
        title: Key::ExampleS5,
        pastes: &[
            fixture!("imds-token-and-http/smithy-rs-recorded-imdsv2-no-role-404-on-security-credentials.txt"),
            fixture!("ec2-describe-instances/CONSTRUCTED-trimmed-no-instance-profile.json"),
        ],
        shows: "no-instance-profile-associated",
    },
    Example {
        id: "s6-recreated",
        title: Key::ExampleS6,
        pastes: &[
            fixture!("imds-iam-info/aws-sdk-go-v1-test-success.json"),
            fixture!("iam-get-instance-profile/CONSTRUCTED-cli-recreated-same-name-new-id.json"),
        ],
        shows: "instance-profile-recreated",
    },
    Example {
        id: "s6-trust",
        title: Key::ExampleS6Trust,
        pastes: &[
            fixture!("imds-security-credentials/smithy-rs-unit-test-error-assumeroleunauthorizedaccess.json"),
            fixture!("iam-get-role/CONSTRUCTED-cli-getrole-decoded-trust-wrong-service.json"),
        ],
        shows: "trust-policy-blocks-ec2",
    },
];

pub fn find(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|example| example.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use engine::lang::Lang;
    use engine::rules::{diagnose, Case};

    #[test]
    fn each_example_shows_its_situation() {
        for example in EXAMPLES {
            let case = Case::read(example.pastes);
            let diagnosis = diagnose(&case, Lang::En);
            let ids: Vec<&str> = diagnosis.findings.iter().map(|f| f.id).collect();
            assert!(
                ids.contains(&example.shows),
                "example {} shows {:?}, not {}",
                example.id,
                ids,
                example.shows
            );
        }
    }

    /// The examples' inputs are the fixtures they name, byte for byte (their sources are noted
    /// there), and every file of `src/examples/` is used by an example.
    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn examples_are_copies_of_their_fixtures() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut copies = Vec::new();
        let mut dirs = vec![root.join("src/examples")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext != "md") {
                    copies.push(path);
                }
            }
        }
        assert!(copies.len() >= 10, "{copies:?}");
        for copy in copies {
            let relative = copy
                .strip_prefix(root.join("src/examples"))
                .unwrap_or(&copy)
                .to_owned();
            let fixture = root.join("tests/fixtures").join(&relative);
            assert_eq!(
                std::fs::read(&copy).ok(),
                std::fs::read(&fixture).ok(),
                "{} differs from {}",
                copy.display(),
                fixture.display()
            );
            let text = std::fs::read_to_string(&copy).unwrap_or_default();
            assert!(
                EXAMPLES.iter().any(|e| e.pastes.contains(&text.as_str())),
                "{} is used by no example",
                relative.display()
            );
        }
    }

    #[test]
    fn example_ids_are_unique() {
        for (index, example) in EXAMPLES.iter().enumerate() {
            assert!(EXAMPLES.iter().skip(index + 1).all(|e| e.id != example.id));
            assert_eq!(find(example.id), Some(example));
        }
    }
}
