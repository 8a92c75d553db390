//! Property tests of share links: a decoded link is the case less its secrets, no secret value
//! ever reaches a link, and no fragment whatever makes decoding panic.

use engine::lang::Lang;
use engine::share::{self, Case, Form, ShareOptions};
use proptest::prelude::*;

/// Texts of the shapes people paste: JSON pretty or compact, shell lines, Unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,80}",
        "[ -~\n]{0,200}",
        prop::collection::vec(("[A-Za-z]{1,12}", "[ -~&&[^\"\\\\]]{0,20}", 0u8..3), 0..6).prop_map(
            |members| {
                let body: Vec<String> = members
                    .iter()
                    .map(|(key, value, kind)| match kind {
                        0 => format!("\"{key}\": \"{value}\""),
                        1 => format!("\"{key}\": {}", value.len()),
                        _ => format!("\"{key}\": [\"{value}\", {{}}]"),
                    })
                    .collect();
                format!("{{\n    {}\n}}\n", body.join(",\n    "))
            }
        ),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(text(), 0..5),
        prop::option::of(prop_oneof![Just(Lang::En), Just(Lang::Ja)]),
        prop::option::of("[a-z][a-z0-9:-]{0,20}"),
        prop::option::of("20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:00:00Z"),
    )
        .prop_map(|(inputs, lang, view, captured_at)| Case {
            inputs,
            lang,
            view,
            captured_at,
            ..Case::default()
        })
}

/// A case holding credentials in the places users paste them, with the values to look for.
fn case_with_secrets() -> impl Strategy<Value = (Case, Vec<String>)> {
    (
        "ASIA[A-Z2-7]{16}",
        "[A-Za-z0-9/+]{40}",
        "IQoJ[A-Za-z0-9/+]{60,120}",
        "AKIA[A-Z2-7]{16}",
        "[A-Za-z0-9/+]{40}",
        text(),
        0usize..3,
    )
        .prop_map(|(akid, secret, token, static_akid, static_secret, other, layout)| {
            let imds = match layout {
                0 => format!(
                    "{{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-11-29T17:00:00Z\",\n  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"{akid}\",\n  \"SecretAccessKey\" : \"{secret}\",\n  \"Token\" : \"{token}\",\n  \"Expiration\" : \"2026-11-29T23:00:00Z\"\n}}"
                ),
                1 => format!(
                    "$ curl http://169.254.169.254/latest/meta-data/iam/security-credentials/web-role\n{{\"Code\":\"Success\",\"AccessKeyId\":\"{akid}\",\"SecretAccessKey\":\"{secret}\",\"Token\":\"{token}\",\"Expiration\":\"2026-11-29T23:00:00Z\"}}\n"
                ),
                _ => format!(
                    "{{\"Credentials\": {{\"AccessKeyId\": \"{akid}\", \"SecretAccessKey\": \"{secret}\", \"SessionToken\": \"{token}\"}}}}"
                ),
            };
            let shell = format!(
                "$ export AWS_ACCESS_KEY_ID={static_akid}\n$ export AWS_SECRET_ACCESS_KEY={static_secret}\n$ aws sts get-caller-identity\n{{\n    \"UserId\": \"AIDAEXAMPLEUSERID1234\",\n    \"Account\": \"123456789012\",\n    \"Arn\": \"arn:aws:iam::123456789012:user/dev\"\n}}\n"
            );
            let case = Case::of_texts(&[imds, other, shell]);
            (case, vec![akid, secret, token, static_akid, static_secret])
        })
}

fn options() -> impl Strategy<Value = ShareOptions> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(minimal, anonymise, keep)| {
        ShareOptions {
            form: if minimal { Form::Minimal } else { Form::Full },
            anonymise,
            keep_authorization_messages: keep,
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn decoding_gives_the_case_less_its_secrets(case in case()) {
        let options = ShareOptions::default();
        let fragment = share::encode(&case, &options).unwrap();
        let decoded = share::decode(&fragment).unwrap();
        prop_assert_eq!(&decoded, &share::preview(&case, &options).case);
        // Texts without secrets come back byte for byte.
        let (texts_without_secrets, _) = (share::preview(&case, &options).case.inputs, ());
        for (original, shared) in case.inputs.iter().zip(&texts_without_secrets) {
            if engine::input::read(original).iter().all(|input| input.secrets.is_empty()) {
                prop_assert_eq!(original, shared);
            }
        }
        prop_assert_eq!(decoded.lang, case.lang);
        prop_assert_eq!(decoded.captured_at, case.captured_at);
    }

    #[test]
    fn no_secret_reaches_a_link((case, secrets) in case_with_secrets(), options in options()) {
        let fragment = share::encode(&case, &options).unwrap();
        let decoded = share::decode(&fragment).unwrap();
        let preview = share::preview(&case, &options);
        prop_assert_eq!(&decoded, &preview.case);
        prop_assert!(!preview.removed.is_empty());
        for secret in &secrets {
            prop_assert!(!fragment.contains(secret.as_str()));
            for text in &decoded.inputs {
                prop_assert!(!text.contains(secret.as_str()), "{} in {}", secret, text);
            }
        }
    }

    #[test]
    fn any_fragment_decodes_or_errs(fragment in "(v1/)?[A-Za-z0-9_-]{0,200}") {
        let _ = share::decode(&fragment);
    }

    #[test]
    fn damaged_links_err_and_never_panic(case in case(), cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>()) {
        let fragment = share::encode(&case, &ShareOptions::default()).unwrap();
        let payload = fragment.trim_start_matches("v1/");
        if payload.len() > 2 {
            // Cut short: an error, never a different case.
            let at = 3 + cut.index(payload.len() - 1);
            prop_assert!(share::decode(&fragment[..at]).is_err());
            // One character changed: an error or (rarely) a case, never a panic.
            let position = 3 + flip.index(payload.len());
            let mut damaged = fragment.clone().into_bytes();
            damaged[position] = if damaged[position] == b'A' { b'B' } else { b'A' };
            let _ = share::decode(std::str::from_utf8(&damaged).unwrap());
        }
    }
}
