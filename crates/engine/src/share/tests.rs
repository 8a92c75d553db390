use super::*;

#[test]
fn base64url_round_trips() {
    for len in 0..40 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        assert_eq!(base64url_decode(&base64url_encode(&bytes)), Ok(bytes));
    }
    assert_eq!(base64url_decode("A"), Err(ShareError::Truncated));
    assert!(matches!(
        base64url_decode("AB+C"),
        Err(ShareError::InvalidCharacter {
            position: 2,
            character: '+'
        })
    ));
}

#[test]
fn default_case_is_short_and_round_trips() {
    let fragment = encode(&Case::default(), &ShareOptions::default()).unwrap();
    assert!(fragment.len() < 20, "{fragment}");
    assert_eq!(decode(&fragment), Ok(Case::default()));
}

#[test]
fn state_round_trips() {
    let case = Case {
        inputs: vec![
            "{\n    \"a\": 1\n}\n".into(),
            "plain text\n".into(),
            String::new(),
        ],
        lang: Some(Lang::Ja),
        view: Some("finding:pass-role-denied".into()),
        captured_at: Some("2026-11-29T18:00:00Z".into()),
        ..Case::default()
    };
    let fragment = encode(&case, &ShareOptions::default()).unwrap();
    assert_eq!(
        decode(&format!("https://example.invalid/tools/#{fragment}")),
        Ok(case)
    );
}
