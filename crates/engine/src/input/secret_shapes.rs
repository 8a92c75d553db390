//! What key material looks like: one row per shape, with where the shape comes from, the words a
//! text must hold for the row to be tried at all (the pre-filter, as gitleaks' `keywords` and
//! trufflehog's `Keywords()`), the pattern, and two test rows: a value of the real shape (random,
//! made for this table) that must match, and a look-alike that must not.
//!
//! A second table, [`NAMES`], lists the key names after which a value is a secret whatever its
//! shape, as long as it looks like key material (a word never does: see
//! [`super::secrets::looks_like_key_material`]).
//!
//! Every value in the test rows is random: none is, or was, a credential.

use super::secrets::SecretKind;

/// The characters a pattern is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alphabet {
    /// `A–Z 0–9` (access key ids).
    UpperDigit,
    /// `A–Z a–z 0–9 + /` (standard base64, without its `=` padding).
    Base64,
    /// Base64 with `=` padding and URL-encoded `%2B %2F %3D` (a token copied from a URL).
    Base64Padded,
    /// `A–Z a–z 0–9 - _` and `=` padding (base64url).
    Base64Url,
    /// `0–9 a–f A–F`.
    Hex,
    /// Base64 and base64url together, without padding: `A–Z a–z 0–9 + / - _`.
    AnyBase64,
}

impl Alphabet {
    const ALL: [Alphabet; 6] = [
        Alphabet::UpperDigit,
        Alphabet::Base64,
        Alphabet::Base64Padded,
        Alphabet::Base64Url,
        Alphabet::Hex,
        Alphabet::AnyBase64,
    ];

    /// Whether `b` is one of the alphabet's characters (the definition; see [`Alphabet::contains`]).
    const fn defines(self, b: u8) -> bool {
        match self {
            Alphabet::UpperDigit => b.is_ascii_uppercase() || b.is_ascii_digit(),
            Alphabet::Base64 => b.is_ascii_alphanumeric() || b == b'+' || b == b'/',
            Alphabet::Base64Padded => {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'%')
            }
            Alphabet::Base64Url => b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'='),
            Alphabet::Hex => b.is_ascii_hexdigit(),
            Alphabet::AnyBase64 => {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_')
            }
        }
    }

    /// One bit per alphabet for each byte: the scans over a whole paste ask this for every
    /// byte, several times, so it is a table lookup rather than a match.
    const TABLE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let mut bit = 0;
            while bit < Alphabet::ALL.len() {
                if Alphabet::ALL[bit].defines(b as u8) {
                    table[b] |= 1 << bit;
                }
                bit += 1;
            }
            b += 1;
        }
        table
    };

    #[inline]
    pub fn contains(self, b: u8) -> bool {
        Alphabet::TABLE[usize::from(b)] & (1 << self as u8) != 0
    }
}

/// How a row finds its values.
#[derive(Debug, Clone, Copy)]
pub enum Pattern {
    /// One of `prefixes`, then characters of `tail` up to `len` in all, not inside a longer run
    /// of letters and digits.
    Prefixed {
        prefixes: &'static [&'static str],
        tail: Alphabet,
        len: usize,
    },
    /// A whole run of `alphabet` that starts with one of `prefixes`, `min..=max` long.
    Starts {
        prefixes: &'static [&'static str],
        alphabet: Alphabet,
        min: usize,
        max: usize,
    },
    /// The value after one of `keys` (ASCII case-insensitive; spaces and quotes after the key
    /// are skipped): a run of `alphabet`, `min..=max` long.
    After {
        keys: &'static [&'static str],
        alphabet: Alphabet,
        min: usize,
        max: usize,
    },
    /// A whole run of `alphabet`, `min..=max` long, random-looking: Shannon entropy of at least
    /// `entropy` bits per character, upper and lower case letters, a digit or symbol, and not
    /// only lower-case hex (a hash). Runs starting with one of `not_prefixes` are left alone.
    Random {
        alphabet: Alphabet,
        min: usize,
        max: usize,
        entropy: f32,
        not_prefixes: &'static [&'static str],
    },
    /// A JSON web token: `eyJ…` `.` `eyJ…` `.` signature, base64url.
    Jwt,
}

/// One shape of key material, as the scanner uses it.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub kind: SecretKind,
    /// The row is tried only on text holding one of these (ASCII case-insensitive); empty: always.
    pub keywords: &'static [&'static str],
    pub pattern: Pattern,
}

/// What a row is and how it is tested: beside each row in [`shapes!`], compiled into the tests
/// only (the page does not ship them).
#[cfg(test)]
#[derive(Debug, Clone, Copy)]
pub struct Notes {
    /// What it is, for people reading the table.
    pub what: &'static str,
    /// Where the shape comes from.
    pub source: &'static str,
    /// A value of the real shape (random) that must be found, in a line as people paste it.
    pub matches: &'static str,
    /// A look-alike that must not be found by this row.
    pub look_alike: &'static str,
}

/// The table: each row's kind, what it is, its source, its pre-filter, its pattern and its test
/// rows, written once; [`SHAPES`] and (in tests) [`NOTES`] are its two halves.
macro_rules! shapes {
    ($({
        kind: $kind:expr,
        what: $what:expr,
        source: $source:expr,
        keywords: $keywords:expr,
        pattern: $pattern:expr,
        matches: $matches:expr,
        look_alike: $look_alike:expr $(,)?
    },)*) => {
        /// Every shape, most specific first (where two rows find overlapping values, the first
        /// wins).
        pub const SHAPES: &[Shape] = &[$(Shape { kind: $kind, keywords: $keywords, pattern: $pattern },)*];
        #[cfg(test)]
        pub const NOTES: &[Notes] = &[$(Notes { what: $what, source: $source, matches: $matches, look_alike: $look_alike },)*];
    };
}

const SESSION_TOKEN_STARTS: &[&str] = &[
    // base64 of `\x21\x0a\x09origin_ec…` (current STS and IMDS tokens) and of `…aws…`
    // (older ones): the protobuf header STS writes first.
    "IQoJb3JpZ2luX2Vj",
    "IQoJb3JpZ2lu",
    "FwoGZXIvYXdz",
    "FQoGZXIvYXdz",
    "FQoDYXdz",
    "AQoDYXdz",
    "AgoJb3JpZ2luX2Vj",
];

shapes! {
    {
        kind: SecretKind::EncodedAuthorizationMessage,
        what: "encoded authorization failure message (reveals the caller's policies)",
        source: "EC2 API error text `Encoded authorization failure message:`; STS DecodeAuthorizationMessage `--encoded-message`",
        keywords: &["encoded"],
        pattern: Pattern::After {
            keys: &["Encoded authorization failure message:", "--encoded-message"],
            alphabet: Alphabet::Base64Url,
            min: 16,
            max: usize::MAX,
        },
        matches: "Encoded authorization failure message: Yq3nV-0k_Jx8RtL2mWc9PzA4hG7sD1fE6uB5oN_aKrTyXi",
        look_alike: "Encoded authorization failure message: (none)",
    },
    {
        kind: SecretKind::AccessKeyId,
        what: "access key id (long-term AKIA, temporary ASIA, and the other key id prefixes)",
        source: "gitleaks `aws-access-token` (cmd/generate/config/rules/aws.go: `(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}`); IAM User Guide, unique id prefixes",
        keywords: &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
        pattern: Pattern::Prefixed {
            prefixes: &["AKIA", "ASIA", "ABIA", "ACCA", "A3T"],
            tail: Alphabet::UpperDigit,
            len: 20,
        },
        matches: "aws_access_key_id = ASIAQ7X2MZKD4JW5RLTN",
        look_alike: "ASIAPACIFICREGIONSNAMEX and AKIAq7x2mzkd4jw5rltn",
    },
    {
        kind: SecretKind::SessionToken,
        what: "STS / IMDS session token (a long base64 blob, however it is introduced or cut)",
        source: "trufflehog `aws/session_keys` (`checkSessionToken`: the token holds `YXdz` or `Jb3JpZ2luX2Vj`); the tokens STS and IMDS issue start with these bytes",
        keywords: &["IQoJ", "FwoG", "FQoG", "FQoD", "AQoD", "AgoJ"],
        pattern: Pattern::Starts {
            prefixes: SESSION_TOKEN_STARTS,
            alphabet: Alphabet::Base64Padded,
            min: 16,
            max: usize::MAX,
        },
        matches: "IQoJb3JpZ2luX2VjEKz//////////wEaCXVzLWVhc3QtMSJHMEUCIQDk7Fq2Lw9R",
        look_alike: "IQoJ is how the blob starts",
    },
    {
        kind: SecretKind::ImdsToken,
        what: "IMDSv2 session token (the answer of `PUT /latest/api/token`)",
        source: "EC2 User Guide, 'Use IMDSv2': the token is an opaque base64url string; the ones IMDS issues are 56 characters starting `AQAE`",
        keywords: &["AQAE"],
        pattern: Pattern::Starts {
            prefixes: &["AQAE"],
            alphabet: Alphabet::Base64Url,
            min: 44,
            max: 100,
        },
        matches: "AQAEAJ3kX9vQm2LwT8rZc5NfH1yUo7PbD4sGe6Ai0KlMn-Vt_RqWxY==",
        look_alike: "AQAEB",
    },
    {
        kind: SecretKind::Signature,
        what: "SigV4 signature (`Signature=` in an Authorization header, `X-Amz-Signature=` in a presigned URL)",
        source: "AWS General Reference, 'Signature Version 4': the signature is the hex HMAC-SHA256 of the string to sign",
        keywords: &["signature="],
        pattern: Pattern::After {
            keys: &["X-Amz-Signature=", "Signature="],
            alphabet: Alphabet::Hex,
            min: 64,
            max: 64,
        },
        matches: "X-Amz-Signature=5e1c9a0b7d3f24e68a1c0b9d7e5f3a2c4b6d8e0f1a3c5e7b9d2f4a6c8e0b1d3f",
        look_alike: "SignatureVersion=4&Signature=abc",
    },
    {
        kind: SecretKind::WebIdentityToken,
        what: "JSON web token (web identity and EKS Pod Identity tokens, OIDC id tokens, SSO client secrets)",
        source: "gitleaks `jwt` (`\\b(ey[a-zA-Z0-9]{17,}\\.ey[a-zA-Z0-9\\/\\\\_-]{17,}\\.(?:[a-zA-Z0-9\\/\\\\_-]{10,}={0,2})?)`); RFC 7519",
        keywords: &["eyJ"],
        pattern: Pattern::Jwt,
        matches: "eyJhbGciOiJSUzI1NiIsImtpZCI6Ik5xYjMifQ.eyJhdWQiOlsic3RzLmFtYXpvbmF3cy5jb20iXX0.Tq8vX2mZr4LwC9nB1yK7",
        look_alike: "eyJ.eyJ.",
    },
    {
        kind: SecretKind::SecretAccessKey,
        what: "secret access key (40 random characters of base64)",
        source: "trufflehog `aws` (`SecretPat` `[A-Za-z0-9+/]{40}` on non-base64 boundaries, `RequiredSecretEntropy` 4.25, `FalsePositiveSecretPat` `[a-f0-9]{40}`); detect-secrets `AWSSSecretAccessKeyDetector`",
        keywords: &[],
        pattern: Pattern::Random {
            alphabet: Alphabet::Base64,
            min: 40,
            max: 40,
            entropy: 4.25,
            not_prefixes: &[],
        },
        matches: "CREDENTIALS\tASIAQ7X2MZKD4JW5RLTN\t2026-12-03T18:00:00Z\tq8Rv2LmN/x7KpZ3wT+9bYc4HdF6sJ1gA0eUoXiWr",
        look_alike: "da39a3ee5e6b4b0d3255bfef95601890afd80709 ThisIsACamelCaseIdentifierOfFortyLetter",
    },
    {
        kind: SecretKind::KeyMaterial,
        what: "a long random string the reader cannot name: removed, since it may be a credential",
        source: "trufflehog `aws/session_keys` (`sessionPat`: 100+ base64 characters, entropy 4.5)",
        keywords: &[],
        pattern: Pattern::Random {
            alphabet: Alphabet::AnyBase64,
            min: 100,
            max: usize::MAX,
            entropy: 4.5,
            // Public keys (`ssh-rsa AAAAB3…`, DER) are not secrets.
            not_prefixes: &["AAAA"],
        },
        matches: "token: Zk3Qp9Lw2Rt7Xv5Nb8Mc1Hd4Jf6Gs0Ka3Ye_Ui9Oo2Pq7Wr5Et1Ty8Az4Sx6Dc0Fv3Gb9Hn2Jm7Kl5Zq1Xw8Ce4Vr6Bt0Ny3Mu9Ki2Lo7Pj5Hg1Fd8Sa4",
        look_alike: "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7vbqajDhA9R1kS3mQ8tL5wX2yZ4uV6nB0cF7eG9hJ1iK3lM5oN7pQ9rS1tU3vW5xY7zA9bC1dE3fG5hI7jK9lM1nO3pQ5rS7tU9",
    },
}

/// How sure a key name makes a value a secret: a strong name (`aws_secret_access_key`) takes
/// any value that looks like key material; a weak one (`token`) only a long random one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    Strong,
    Weak,
}

/// Key names after which a value is a secret, normalised: ASCII letters lower-cased, `_ - . $`
/// and spaces dropped, other characters kept (so `AWS_SECRET_ACCESS_KEY`, `aws-secret-access-key`,
/// `awsSecretAccessKey` and `SecretAccessKey` are one name). Sources: the AWS CLI and SDK
/// environment variables and config keys, STS and IMDS JSON members, the SSO token cache, the
/// ECS and EKS container credential variables, PowerShell's `Get-STSSessionToken` properties,
/// the Japanese console's labels.
pub const NAMES: &[(&str, SecretKind, Strength)] = &[
    (
        "awssecretaccesskey",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    (
        "secretaccesskey",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    (
        "awssecretkey",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    ("secretkey", SecretKind::SecretAccessKey, Strength::Strong),
    (
        "amazonawssecretaccesskey",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    ("secret", SecretKind::SecretAccessKey, Strength::Weak),
    (
        "awssessiontoken",
        SecretKind::SessionToken,
        Strength::Strong,
    ),
    ("sessiontoken", SecretKind::SessionToken, Strength::Strong),
    (
        "awssecuritytoken",
        SecretKind::SessionToken,
        Strength::Strong,
    ),
    ("securitytoken", SecretKind::SessionToken, Strength::Strong),
    (
        "xamzsecuritytoken",
        SecretKind::SessionToken,
        Strength::Strong,
    ),
    ("token", SecretKind::SessionToken, Strength::Weak),
    (
        "xawsec2metadatatoken",
        SecretKind::ImdsToken,
        Strength::Strong,
    ),
    ("metadatatoken", SecretKind::ImdsToken, Strength::Strong),
    ("imdstoken", SecretKind::ImdsToken, Strength::Strong),
    ("accesstoken", SecretKind::AccessToken, Strength::Strong),
    ("refreshtoken", SecretKind::AccessToken, Strength::Strong),
    ("bearertoken", SecretKind::AccessToken, Strength::Strong),
    (
        "awscontainerauthorizationtoken",
        SecretKind::AccessToken,
        Strength::Strong,
    ),
    (
        "authorizationtoken",
        SecretKind::AccessToken,
        Strength::Strong,
    ),
    ("authorization", SecretKind::AccessToken, Strength::Weak),
    ("clientsecret", SecretKind::ClientSecret, Strength::Strong),
    ("idtoken", SecretKind::WebIdentityToken, Strength::Strong),
    (
        "webidentitytoken",
        SecretKind::WebIdentityToken,
        Strength::Strong,
    ),
    (
        "awswebidentitytoken",
        SecretKind::WebIdentityToken,
        Strength::Strong,
    ),
    (
        "encodedmessage",
        SecretKind::EncodedAuthorizationMessage,
        Strength::Strong,
    ),
    (
        "シークレットアクセスキー",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    (
        "シークレットキー",
        SecretKind::SecretAccessKey,
        Strength::Strong,
    ),
    (
        "セッショントークン",
        SecretKind::SessionToken,
        Strength::Strong,
    ),
    (
        "アクセストークン",
        SecretKind::AccessToken,
        Strength::Strong,
    ),
];

/// The secret kind a (normalised) key name announces.
pub fn name_kind(normalised: &str) -> Option<(SecretKind, Strength)> {
    NAMES
        .iter()
        .find(|(name, _, _)| *name == normalised)
        .map(|(_, kind, strength)| (*kind, *strength))
}

#[cfg(test)]
mod alphabet_tests {
    use super::Alphabet;

    #[test]
    fn the_table_is_the_definition() {
        for alphabet in Alphabet::ALL {
            for b in 0..=u8::MAX {
                assert_eq!(
                    alphabet.contains(b),
                    alphabet.defines(b),
                    "{alphabet:?} {b}"
                );
            }
        }
        assert!(Alphabet::Base64Padded.contains(b'%') && !Alphabet::Base64.contains(b'%'));
    }
}
