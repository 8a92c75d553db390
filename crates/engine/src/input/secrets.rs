//! Where credentials stand in a paste, so every renderer can mask them and every exporter can
//! remove them: found by the value's shape ([`super::secret_shapes::SHAPES`]: access key ids,
//! secret keys, session and IMDSv2 tokens, signatures, JSON web tokens, long random strings)
//! and by the key name before it in any spelling ([`super::secret_shapes::NAMES`]), in JSON,
//! `KEY=value` lines, tables, YAML, credentials files, headers and URLs alike. A value must look
//! like key material: a word never is one. Spans cover the secret values only.

use serde::Serialize;

use super::fields;
use super::scan;
use super::secret_shapes::{self, Alphabet, Pattern, Strength, SHAPES};
use crate::json::{Json, Value, MAX_DEPTH};
use crate::text::Span;
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    AccessKeyId,
    SecretAccessKey,
    SessionToken,
    /// An IMDSv2 session token (`X-aws-ec2-metadata-token`, the token PUT's answer).
    ImdsToken,
    /// A SigV4 signature (`Signature=`, `X-Amz-Signature=`).
    Signature,
    /// A bearer or SSO access/refresh token, a container authorization token.
    AccessToken,
    /// An OAuth client secret (the SSO client registration cache).
    ClientSecret,
    /// A JSON web token (web identity, EKS Pod Identity, OIDC id token).
    WebIdentityToken,
    /// A long random string the reader cannot name: treated as a secret.
    KeyMaterial,
    /// An encoded authorization failure message (it reveals the caller's policies' effect).
    EncodedAuthorizationMessage,
}

impl SecretKind {
    pub const ALL: [SecretKind; 10] = [
        SecretKind::AccessKeyId,
        SecretKind::SecretAccessKey,
        SecretKind::SessionToken,
        SecretKind::ImdsToken,
        SecretKind::Signature,
        SecretKind::AccessToken,
        SecretKind::ClientSecret,
        SecretKind::WebIdentityToken,
        SecretKind::KeyMaterial,
        SecretKind::EncodedAuthorizationMessage,
    ];

    /// What a link's stand-in calls it (`<removed: secret access key>`): English, stable, part
    /// of the link format.
    pub fn name(self) -> &'static str {
        match self {
            SecretKind::AccessKeyId => "access key id",
            SecretKind::SecretAccessKey => "secret access key",
            SecretKind::SessionToken => "session token",
            SecretKind::ImdsToken => "IMDSv2 token",
            SecretKind::Signature => "signature",
            SecretKind::AccessToken => "access token",
            SecretKind::ClientSecret => "client secret",
            SecretKind::WebIdentityToken => "web identity token",
            SecretKind::KeyMaterial => "key material",
            SecretKind::EncodedAuthorizationMessage => "encoded authorization message",
        }
    }

    /// Whether it is a credential (counted by `secrets-in-input`): everything but the encoded
    /// authorization message, which is removed from links for what it reveals, not for what it
    /// grants.
    pub fn is_credential(self) -> bool {
        self != SecretKind::EncodedAuthorizationMessage
    }
}

/// How many credential values the inputs hold: what `secrets-in-input`, the page's banner and
/// the share dialog count.
pub fn credential_count<'a>(inputs: impl IntoIterator<Item = &'a super::Input>) -> usize {
    inputs
        .into_iter()
        .flat_map(|input| input.secrets.iter())
        .filter(|secret| secret.kind.is_credential())
        .count()
}

/// A secret value located in the paste.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Secret {
    pub kind: SecretKind,
    pub span: Span,
}

const STAND_IN_OPEN: &str = "<removed: ";

/// What a link carries in place of a removed value: `<removed: secret access key>`. It keeps the
/// paste's shape (a JSON string stays a string) and is never read as a secret itself.
pub fn stand_in(kind: SecretKind) -> String {
    format!("{STAND_IN_OPEN}{}>", kind.name())
}

/// The stand-ins in `text[span]`: where each stands and the kind it replaced.
pub fn stand_ins(text: &str, span: Span) -> Vec<(Span, SecretKind)> {
    let mut found = Vec::new();
    let mut at = span.start;
    while let Some(open) = scan::find_ci(text, Span::new(at, span.end), STAND_IN_OPEN) {
        at = open.end;
        let rest = Span::new(open.end, span.end).slice(text);
        let Some(close) = rest.find('>').filter(|close| *close <= 40) else {
            continue;
        };
        let name = rest.get(..close).unwrap_or_default();
        if let Some(kind) = SecretKind::ALL.into_iter().find(|k| k.name() == name) {
            found.push((Span::new(open.start, open.end + close + 1), kind));
            at = open.end + close + 1;
        }
    }
    found
}

/// Whether `value` is a stand-in (a link's removed value).
pub fn is_stand_in(value: &str) -> bool {
    let value = value.trim();
    stand_ins(value, Span::new(0, value.len()))
        .first()
        .is_some_and(|(span, _)| span.start == 0 && span.end == value.len())
}

/// Shannon entropy in bits per byte.
pub fn entropy(bytes: &[u8]) -> f32 {
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        if let Some(count) = counts.get_mut(usize::from(b)) {
            *count += 1;
        }
    }
    let total = bytes.len() as f32;
    counts
        .iter()
        .filter(|&&c| c > 0)
        .map(|&c| {
            let p = c as f32 / total;
            -p * p.log2()
        })
        .sum()
}

/// `8-4-4-4-12` hex: request ids and client tokens, never key material.
fn is_uuid(value: &[u8]) -> bool {
    value.len() == 36
        && value.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// The characters a value after a key name is made of.
fn is_value_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"+/=_-.%:~".contains(&b)
}

/// Whether a value announced by a key name looks like key material rather than a word, a
/// variable, a path, a date or a mask: long enough, made of key characters, random-looking
/// (a weak name such as `token` asks for more).
pub fn looks_like_key_material(value: &str, strength: Strength) -> bool {
    let bytes = value.as_bytes();
    let (min, min_entropy) = match strength {
        Strength::Strong => (8, 0.0),
        Strength::Weak => (16, 3.5),
    };
    if bytes.len() < min || !bytes.iter().all(|&b| is_value_byte(b)) || is_uuid(bytes) {
        return false;
    }
    let upper = bytes.iter().any(u8::is_ascii_uppercase);
    let lower = bytes.iter().any(u8::is_ascii_lowercase);
    let digit = bytes.iter().any(u8::is_ascii_digit);
    let symbol = bytes.iter().any(|b| b"+/=".contains(b));
    let mixed = match strength {
        // `REDACTED`, `changeme`: one-case words are not keys; a named key needs no more.
        Strength::Strong => {
            usize::from(upper) + usize::from(lower) + usize::from(digit) + usize::from(symbol) >= 2
        }
        Strength::Weak => (digit || symbol) && upper && lower,
    };
    // After a weak name, paths (`/var/run/…`) and URLs are not key material.
    let path_like = strength == Strength::Weak
        && (bytes.first() == Some(&b'/') || bytes.windows(3).any(|w| w == b"://"));
    mixed && !path_like && entropy(bytes) >= min_entropy
}

/// Secrets in a JSON document: values of secret-named members that look like key material.
/// (Values of every shape are found by [`scan_text`] over the whole paste.)
pub fn scan_json(paste: &str, json: &Json) -> Vec<Secret> {
    let mut found = Vec::new();
    // An explicit stack: documents are as deep as the JSON reader allows.
    let mut stack: Vec<(&Json, usize)> = vec![(json, 0)];
    while let Some((value, depth)) = stack.pop() {
        match &value.value {
            Value::Object(members) => {
                for member in members {
                    // A JSON member's name is a key, never a word of a sentence: strong.
                    if let (Some((kind, _)), Value::String(text)) =
                        (name_kind(&member.key), &member.value.value)
                    {
                        if looks_like_key_material(text, Strength::Strong) {
                            found.push(Secret {
                                kind,
                                span: fields::content_span(&member.value, paste),
                            });
                            continue;
                        }
                    }
                    if depth < MAX_DEPTH {
                        stack.push((&member.value, depth + 1));
                    }
                }
            }
            Value::Array(items) if depth < MAX_DEPTH => {
                stack.extend(items.iter().map(|item| (item, depth + 1)));
            }
            _ => {}
        }
    }
    found
}

/// The longest key name looked up (longer words are not names).
const NAME_MAX: usize = 80;

/// A key name as [`secret_shapes::NAMES`] lists it: ASCII letters lower-cased, `_ - . $` and
/// spaces dropped. Written into `buffer` (a name is looked up for most words of a paste: no
/// allocation each time); `None` for a name longer than the buffer.
fn normalise<'b>(name: &str, buffer: &'b mut [u8; NAME_MAX]) -> Option<&'b str> {
    let mut len = 0;
    for c in name.chars() {
        if matches!(c, '_' | '-' | '.' | '$' | ' ') {
            continue;
        }
        let mut utf8 = [0u8; 4];
        let encoded = c.to_ascii_lowercase().encode_utf8(&mut utf8).as_bytes();
        buffer
            .get_mut(len..len + encoded.len())?
            .copy_from_slice(encoded);
        len += encoded.len();
    }
    // Whole characters were copied, so the bytes are UTF-8.
    std::str::from_utf8(buffer.get(..len)?).ok()
}

/// The secret a key name announces: an exact name, or a strong one at its end
/// (`TF_VAR_aws_secret_access_key`, `mySessionToken`).
fn name_kind(name: &str) -> Option<(SecretKind, Strength)> {
    let mut buffer = [0u8; NAME_MAX];
    normalised_name_kind(normalise(name, &mut buffer)?)
}

/// [`name_kind`] of a name already normalised.
fn normalised_name_kind(name: &str) -> Option<(SecretKind, Strength)> {
    if name.is_empty() || name.len() > 64 {
        return None;
    }
    secret_shapes::name_kind(name).or_else(|| {
        secret_shapes::NAMES
            .iter()
            // The last byte first: most words end unlike every name.
            .find(|(known, _, strength)| {
                *strength == Strength::Strong
                    && known.len() >= 8
                    && known.as_bytes().last() == name.as_bytes().last()
                    && name.ends_with(known)
            })
            .map(|(_, kind, strength)| (*kind, *strength))
    })
}

/// Names whose values look random but are not secrets (pagination and idempotency tokens,
/// fingerprints, public keys): a long random string after one is left alone.
const NOT_SECRET_NAMES: &[&str] = &[
    "nexttoken",
    "paginationtoken",
    "startingtoken",
    "continuationtoken",
    "clienttoken",
    "keyfingerprint",
    "publickey",
    "publickeymaterial",
    "userdata",
];

/// Secrets in `paste[span]`: every shape of [`SHAPES`] and every value after a secret's key
/// name, overlapping finds merged (the more specific kind wins).
pub fn scan_text(paste: &str, span: Span) -> Vec<Secret> {
    let span = Span::new(span.start.min(paste.len()), span.end.min(paste.len()));
    let mut found: Vec<(Secret, usize)> = Vec::new();
    // Every shape's keywords looked for in one pass over the text: a pass per keyword (fifteen,
    // most of them absent, so each read the whole text) took half the reading of a 20 MB fleet.
    static KEYWORDS: OnceLock<scan::Needles> = OnceLock::new();
    let present = KEYWORDS
        .get_or_init(|| {
            let keywords: Vec<&str> = SHAPES
                .iter()
                .flat_map(|shape| shape.keywords.iter().copied())
                .collect();
            scan::Needles::new(&keywords)
        })
        .find_each_ci(paste, span);
    let mut first_keyword = 0;
    for (rank, shape) in SHAPES.iter().enumerate() {
        let count = shape.keywords.len();
        let tried = count == 0
            || present
                .get(first_keyword..first_keyword + count)
                .is_some_and(|hits| hits.iter().any(Option::is_some));
        first_keyword += count;
        if tried {
            for value in find_shape(paste, span, &shape.pattern) {
                // A long random string after a name that says what it is (a pagination token)
                // is not a secret.
                if shape.kind == SecretKind::KeyMaterial
                    && name_before(paste, span.start, value.start).is_some_and(|name| {
                        let mut buffer = [0u8; NAME_MAX];
                        normalise(name, &mut buffer)
                            .is_some_and(|name| NOT_SECRET_NAMES.iter().any(|n| name.ends_with(n)))
                    })
                {
                    continue;
                }
                found.push((
                    Secret {
                        kind: shape.kind,
                        span: value,
                    },
                    rank + 1,
                ));
            }
        }
    }
    for secret in scan_names(paste, span) {
        found.push((secret, 0));
    }
    merge_ranked(found)
}

/// Merges overlapping finds into one secret over their union, of the best-ranked kind.
fn merge_ranked(mut found: Vec<(Secret, usize)>) -> Vec<Secret> {
    crate::sort::sort_by_key(&mut found, |(secret, rank)| {
        (secret.span.start, *rank, secret.span.end)
    });
    let mut merged: Vec<(Secret, usize)> = Vec::with_capacity(found.len());
    for (secret, rank) in found {
        if secret.span.is_empty() {
            continue;
        }
        match merged.last_mut() {
            Some((last, last_rank)) if secret.span.start < last.span.end => {
                last.span.end = last.span.end.max(secret.span.end);
                if rank < *last_rank {
                    last.kind = secret.kind;
                    *last_rank = rank;
                }
            }
            _ => merged.push((secret, rank)),
        }
    }
    merged.into_iter().map(|(secret, _)| secret).collect()
}

/// Sorts secrets and merges overlapping ones (the first one's kind is kept): what several
/// readers found in one paste becomes one list with each value once.
pub fn merge(secrets: &mut Vec<Secret>) {
    let ranked = secrets
        .drain(..)
        .enumerate()
        .map(|(i, secret)| (secret, i))
        .collect();
    *secrets = merge_ranked(ranked);
}

/// The run of `alphabet` bytes around `at` within `span`.
fn run_at(bytes: &[u8], span: Span, at: usize, alphabet: Alphabet) -> Span {
    let mut start = at;
    while start > span.start && bytes.get(start - 1).is_some_and(|&b| alphabet.contains(b)) {
        start -= 1;
    }
    let mut end = at;
    while end < span.end && bytes.get(end).is_some_and(|&b| alphabet.contains(b)) {
        end += 1;
    }
    Span::new(start, end)
}

/// Every maximal run of `alphabet` in `span`.
fn runs(bytes: &[u8], span: Span, alphabet: Alphabet) -> impl Iterator<Item = Span> + '_ {
    let bytes = bytes.get(..span.end.min(bytes.len())).unwrap_or_default();
    let mut at = span.start;
    std::iter::from_fn(move || {
        let start = at
            + bytes
                .get(at..)?
                .iter()
                .position(|&b| alphabet.contains(b))?;
        let rest = bytes.get(start..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| !alphabet.contains(b))
            .unwrap_or(rest.len());
        at = start + len.max(1);
        Some(Span::new(start, start + len))
    })
}

fn starts_with_any(bytes: &[u8], prefixes: &[&str]) -> bool {
    prefixes.iter().any(|p| bytes.starts_with(p.as_bytes()))
}

/// The values of one pattern in `paste[span]`.
fn find_shape(paste: &str, span: Span, pattern: &Pattern) -> Vec<Span> {
    let bytes = paste.as_bytes();
    let mut found = Vec::new();
    match *pattern {
        Pattern::Prefixed {
            prefixes,
            tail,
            len,
        } => {
            for run in runs(bytes, span, Alphabet::UpperDigit) {
                // Inside a longer word (`XAKIA…`, `…abcAKIA…`) it is not an id.
                let word = run_at(bytes, span, run.start, AlphaNumeric);
                if word != run {
                    continue;
                }
                let text = run.slice(paste).as_bytes();
                if text.len() == len
                    && starts_with_any(text, prefixes)
                    && text.iter().all(|&b| tail.contains(b))
                {
                    found.push(run);
                }
            }
        }
        Pattern::Starts {
            prefixes,
            alphabet,
            min,
            max,
        } => {
            for run in runs(bytes, span, alphabet) {
                let text = run.slice(paste).as_bytes();
                if (min..=max).contains(&text.len()) && starts_with_any(text, prefixes) {
                    found.push(run);
                }
            }
        }
        Pattern::After {
            keys,
            alphabet,
            min,
            max,
        } => {
            for key in keys {
                let mut at = span.start;
                while let Some(hit) = scan::find_phrase(paste, at, span.end, key) {
                    at = hit.end;
                    let mut start = hit.end;
                    while start < span.end
                        && bytes.get(start).is_some_and(|b| {
                            matches!(b, b' ' | b'\t' | b'"' | b'\'' | b'\r' | b'\n')
                        })
                    {
                        start += 1;
                    }
                    let mut end = start;
                    while end < span.end && bytes.get(end).is_some_and(|&b| alphabet.contains(b)) {
                        end += 1;
                    }
                    if (min..=max).contains(&(end - start)) {
                        found.push(Span::new(start, end));
                        at = end;
                    }
                }
            }
        }
        Pattern::Random {
            alphabet,
            min,
            max,
            entropy: min_entropy,
            not_prefixes,
        } => {
            for run in runs(bytes, span, alphabet) {
                let text = run.slice(paste).as_bytes();
                if (min..=max).contains(&text.len())
                    && !starts_with_any(text, not_prefixes)
                    && is_random(text, min_entropy)
                    && !in_arn(bytes, span, run.start)
                {
                    found.push(run);
                }
            }
        }
        Pattern::Jwt => {
            let mut at = span.start;
            while let Some(hit) = scan::find_ci(paste, Span::new(at, span.end), "eyJ") {
                at = hit.end;
                if hit.start > span.start
                    && bytes
                        .get(hit.start - 1)
                        .is_some_and(|&b| Alphabet::Base64Url.contains(b))
                {
                    continue;
                }
                if let Some(token) = jwt_at(bytes, span, hit.start) {
                    found.push(token);
                    at = token.end;
                }
            }
        }
    }
    found
}

/// Letters and digits: the word an access key id must be the whole of.
#[allow(non_upper_case_globals)]
const AlphaNumeric: Alphabet = Alphabet::UpperDigit;

/// Random-looking: entropy, both cases, a digit or symbol, not a lower-case hex hash.
fn is_random(text: &[u8], min_entropy: f32) -> bool {
    let upper = text.iter().any(u8::is_ascii_uppercase);
    let lower = text.iter().any(u8::is_ascii_lowercase);
    let other = text.iter().any(|b| !b.is_ascii_alphabetic());
    let hash = text
        .iter()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(b));
    upper
        && lower
        && other
        && !hash
        && entropy(text) >= min_entropy
        && !encodes_text(text)
        && !made_of_words(text)
}

/// Whether `text` reads as words run together (`policy/AWSBillingConductorReadOnlyAccess`, a
/// statement id `AllowEc2InstancesWithEncryptedEbsVolumes`): at least 65 % of its characters in
/// runs of three or more lower-case letters, and a change of character class (upper, lower,
/// digit, symbol) at no more than 40 % of its places. Random base64 of 40 characters is both
/// about once in 140,000 (measured over a million; of 100 characters, never), while every
/// managed-policy name, ARN path and statement id that the entropy test let through is both.
fn made_of_words(text: &[u8]) -> bool {
    #[derive(PartialEq, Clone, Copy)]
    enum Class {
        Upper,
        Lower,
        Digit,
        Symbol,
    }
    let class = |b: u8| match b {
        b'A'..=b'Z' => Class::Upper,
        b'a'..=b'z' => Class::Lower,
        b'0'..=b'9' => Class::Digit,
        _ => Class::Symbol,
    };
    let (mut in_words, mut lower_run, mut changes) = (0usize, 0usize, 0usize);
    let mut previous: Option<Class> = None;
    for &b in text {
        let this = class(b);
        if previous.is_some_and(|p| p != this) {
            changes += 1;
        }
        if this == Class::Lower {
            lower_run += 1;
        } else {
            if lower_run >= 3 {
                in_words += lower_run;
            }
            lower_run = 0;
        }
        previous = Some(this);
    }
    if lower_run >= 3 {
        in_words += lower_run;
    }
    in_words * 100 >= text.len() * 65 && changes * 100 <= text.len().saturating_sub(1) * 40
}

/// Whether the value starting at `start` is part of an ARN (`arn:aws:iam::aws:policy/…`): the
/// token it sits in (up to a space, quote, bracket, comma or `=`, on its line) starts with
/// `arn:`. A resource's name or path, not key material.
fn in_arn(bytes: &[u8], span: Span, start: usize) -> bool {
    // An ARN is at most 2048 characters (IAM's limit for policy ARNs and resources).
    let floor = span.start.max(start.saturating_sub(2048));
    let mut token_start = start;
    while token_start > floor
        && bytes
            .get(token_start - 1)
            .is_some_and(|b| !b.is_ascii_whitespace() && !b"\"'`,=()[]{}<>".contains(b))
    {
        token_start -= 1;
    }
    bytes
        .get(token_start..start)
        .is_some_and(|token| token.starts_with(b"arn:"))
}

/// Whether base64 `text` decodes to readable text (a pagination token's JSON, a user-data
/// script, a URL-safe id): random key material decodes to bytes of which only about a third
/// are printable, text to nearly all.
fn encodes_text(text: &[u8]) -> bool {
    let value = |b: u8| -> Option<u32> {
        Some(u32::from(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        }))
    };
    let (mut printable, mut total) = (0usize, 0usize);
    for chunk in text.chunks_exact(4).take(24) {
        let mut n = 0u32;
        for &b in chunk {
            let Some(v) = value(b) else {
                return false;
            };
            n = (n << 6) | v;
        }
        for byte in [(n >> 16) as u8, (n >> 8) as u8, n as u8] {
            total += 1;
            if byte.is_ascii_graphic() || matches!(byte, b' ' | b'\n' | b'\r' | b'\t') {
                printable += 1;
            }
        }
    }
    total > 0 && printable * 10 >= total * 9
}

/// `eyJ…` `.` `eyJ…` `.` `signature` starting at `start` (each part base64url, the first two at
/// least 17 characters as gitleaks asks).
fn jwt_at(bytes: &[u8], span: Span, start: usize) -> Option<Span> {
    let part = |from: usize| {
        let mut end = from;
        while end < span.end
            && bytes
                .get(end)
                .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            end += 1;
        }
        end
    };
    let header_end = part(start);
    if header_end - start < 17 || bytes.get(header_end) != Some(&b'.') {
        return None;
    }
    let payload_start = header_end + 1;
    if !bytes.get(payload_start..)?.starts_with(b"eyJ") {
        return None;
    }
    let payload_end = part(payload_start);
    if payload_end - payload_start < 17 {
        return None;
    }
    if bytes.get(payload_end) != Some(&b'.') {
        // An unsigned or cut token still carries its claims.
        return Some(Span::new(start, payload_end));
    }
    let mut end = part(payload_end + 1);
    while end < span.end && bytes.get(end) == Some(&b'=') {
        end += 1;
    }
    Some(Span::new(start, end))
}

/// [`is_name_char`] of each ASCII byte, as a table (the key-name scan asks it of every byte).
const NAME_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        table[b] =
            (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'_' | b'-' | b'.' | b'$');
        b += 1;
    }
    table
};

/// Whether a character can be part of a key name (`AWS_SECRET_ACCESS_KEY`, `secret-access-key`,
/// `シークレットアクセスキー`).
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, '_' | '-' | '.' | '$')
        || (!c.is_ascii() && c.is_alphanumeric())
}

/// The key name that ends right before `value_start` (across separators `" ' : = > | ,` and
/// spaces, on the same line or, for `name:`/`value:` pairs, the line before), if any.
fn name_before(paste: &str, from: usize, value_start: usize) -> Option<&str> {
    let before = paste.get(from.min(value_start)..value_start)?;
    let trimmed = before.trim_end_matches(|c: char| {
        matches!(
            c,
            ' ' | '\t' | '"' | '\'' | ':' | '=' | '>' | '|' | '：' | '\u{3000}'
        )
    });
    let start = trimmed
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_name_char(*c))
        .last()
        .map(|(i, _)| i)?;
    trimmed.get(start..)
}

/// The character starting at byte `at` of `text` (`None` at the end or off a boundary).
fn char_at(text: &str, at: usize) -> Option<char> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(at..)?.chars().next(),
    }
}

/// Values after a secret's key name: `NAME=value`, `"Name": "value"`, `NAME: value`,
/// `<Name>value`, `| Name | value |`, `Name : value` (PowerShell), `NAME value` (a strong name:
/// `aws configure set`, `--secret-access-key`), `Authorization: Bearer value`, and the `value`
/// of a `name: NAME` pair (Kubernetes, ECS).
fn scan_names(paste: &str, span: Span) -> Vec<Secret> {
    let mut found = Vec::new();
    let Some(text) = paste.get(span.start..span.end) else {
        return found;
    };
    // The last secret name seen as a `name:` value, for the `value:` that follows.
    let mut pending_pair: Option<(SecretKind, usize)> = None;
    let mut buffer = [0u8; NAME_MAX];
    let mut at = 0;
    // Word by word; `at` moves a whole character at a time, so it stays on a boundary.
    let bytes = text.as_bytes();
    loop {
        // ASCII that cannot be in a name skipped a byte at a time (most of a paste).
        at += bytes.get(at..).map_or(0, |rest| {
            rest.iter()
                .position(|&b| !b.is_ascii() || NAME_BYTES[usize::from(b)])
                .unwrap_or(rest.len())
        });
        let Some(c) = char_at(text, at) else {
            break;
        };
        if !is_name_char(c) {
            at += c.len_utf8();
            continue;
        }
        let i = at;
        let mut end = at;
        loop {
            // ASCII a byte at a time, other characters decoded.
            match bytes.get(end) {
                Some(&b) if b.is_ascii() => {
                    if !NAME_BYTES[usize::from(b)] {
                        break;
                    }
                    end += 1;
                }
                Some(_) => match char_at(text, end).filter(|&d| is_name_char(d)) {
                    Some(d) => end += d.len_utf8(),
                    None => break,
                },
                None => break,
            }
        }
        at = end;
        let Some(name) = text.get(i..end) else {
            continue;
        };
        // Every name of the table ends in one of these (`…key`, `…token`, `…secret`, `value`,
        // `…message`) or in Japanese: other words are not looked up.
        let last = name.chars().next_back().unwrap_or(' ');
        let known_end =
            matches!(last.to_ascii_lowercase(), 'y' | 'n' | 't' | 'e') || !last.is_ascii();
        if name.len() < 5 || name.len() > NAME_MAX || !known_end {
            continue;
        }
        let name_end = span.start + end;
        let Some(normalised) = normalise(name, &mut buffer) else {
            continue;
        };
        if normalised == "value" {
            if let Some((kind, seen_at)) = pending_pair.take() {
                if name_end - seen_at < 200 {
                    if let Some(value) =
                        value_after(paste, name_end, span.end, Strength::Strong, false)
                    {
                        found.push(Secret { kind, span: value });
                    }
                }
            }
            continue;
        }
        let Some((kind, mut strength)) = normalised_name_kind(normalised) else {
            continue;
        };
        // A quoted name (`"Token":`, `'Token':`) is a key of a document or dict, not a word.
        let before = text.get(..i).and_then(|t| t.chars().next_back());
        let after = text.get(end..).and_then(|t| t.chars().next());
        if before.is_some_and(|c| c == '"' || c == '\'') && before == after {
            strength = Strength::Strong;
        }
        // A part of an ARN (`…:secret:prod/db`) names a resource type, not a key.
        let powershell_env = i >= 5
            && text
                .as_bytes()
                .get(i - 5..i)
                .is_some_and(|t| t.eq_ignore_ascii_case(b"$env:"));
        if before == Some(':') && !powershell_env {
            continue;
        }
        match value_after(paste, name_end, span.end, strength, true) {
            Some(value) => found.push(Secret { kind, span: value }),
            None => pending_pair = Some((kind, name_end)),
        }
    }
    found
}

/// The value after a key name ending at `from`: closing quotes and spaces, a separator (one of
/// `= : > |`, `=>`, a tab or two spaces; a single space after a strong name), spaces and
/// quotes (or a Python `b'`), an `Authorization` scheme word, then the value up to a character
/// that cannot be in one. `None` unless it looks like key material.
fn value_after(
    paste: &str,
    from: usize,
    end: usize,
    strength: Strength,
    need_separator: bool,
) -> Option<Span> {
    let bytes = paste.as_bytes();
    let line_end = bytes
        .get(from..end)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(end, |i| from + i);
    let mut j = from;
    while j < line_end && bytes.get(j).is_some_and(|b| matches!(b, b'"' | b'\'')) {
        j += 1;
    }
    let spaces_start = j;
    while j < line_end && bytes.get(j).is_some_and(|b| matches!(b, b' ' | b'\t')) {
        j += 1;
    }
    let spaces = Span::new(spaces_start, j).slice(paste);
    let mut separated = false;
    if paste.get(j..).is_some_and(|rest| rest.starts_with('：')) {
        j += '：'.len_utf8();
        separated = true;
    } else if bytes
        .get(j)
        .is_some_and(|b| matches!(b, b'=' | b':' | b'>' | b'|'))
    {
        j += 1;
        if bytes.get(j).is_some_and(|b| matches!(b, b'>' | b'=')) {
            j += 1;
        }
        separated = true;
    } else if spaces.contains('\t')
        || spaces.len() >= 2
        || (strength == Strength::Strong && !spaces.is_empty())
    {
        separated = true;
    }
    if need_separator && !separated {
        return None;
    }
    while j < line_end
        && bytes
            .get(j)
            .is_some_and(|b| matches!(b, b'"' | b'\'' | b' ' | b'\t'))
    {
        j += 1;
    }
    if bytes.get(j) == Some(&b'b') && bytes.get(j + 1).is_some_and(|b| matches!(b, b'\'' | b'"')) {
        j += 2;
    }
    for scheme in ["Bearer ", "Basic ", "Token "] {
        if scan::match_at(bytes, j, line_end, scheme.as_bytes()).is_some() {
            j = scan::skip_space(paste, j + scheme.len(), line_end);
        }
    }
    let value = scan::run_while(paste, j, line_end, is_value_byte);
    let value = scan::trim_end_bytes(paste, value, b".,:");
    looks_like_key_material(value.slice(paste), strength).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn covered(text: &str) -> Vec<(SecretKind, &str)> {
        scan_text(text, Span::new(0, text.len()))
            .into_iter()
            .map(|s| (s.kind, s.span.slice(text)))
            .collect()
    }

    #[test]
    fn every_shape_finds_its_value_and_not_its_look_alike() {
        assert_eq!(SHAPES.len(), secret_shapes::NOTES.len());
        for (shape, notes) in SHAPES.iter().zip(secret_shapes::NOTES) {
            assert!(!notes.source.is_empty());
            let text = notes.matches;
            let found = find_shape(text, Span::new(0, text.len()), &shape.pattern);
            assert!(!found.is_empty(), "{} misses {text}", notes.what);
            let text = notes.look_alike;
            let found = find_shape(text, Span::new(0, text.len()), &shape.pattern);
            assert!(found.is_empty(), "{} finds {found:?} in {text}", notes.what);
            // The pre-filter lets the matching row through.
            let matches = Span::new(0, notes.matches.len());
            assert!(
                shape.keywords.is_empty()
                    || shape
                        .keywords
                        .iter()
                        .any(|k| scan::contains_ci(notes.matches, matches, k)),
                "{}",
                notes.what
            );
        }
    }

    #[test]
    fn words_after_token_are_not_secrets() {
        for text in [
            "botocore.exceptions.ReadTimeoutError: Read timeout on endpoint URL: \"http://169.254.169.254/latest/api/token\"",
            "…/latest/api/token: Read timeout on endpoint URL",
            "TOKEN=`curl -X PUT \"http://169.254.169.254/latest/api/token\" -H \"X-aws-ec2-metadata-token-ttl-seconds: 21600\"`",
            "Failed to get authorization token: operation error ECR: GetAuthorizationToken",
            "   access_key     ****************ABCD shared-credentials-file\n   secret_key     ****************EFGH shared-credentials-file",
            "AWS_SECRET_ACCESS_KEY=$SECRET\nAWS_SESSION_TOKEN=${TOKEN}\naws_secret_access_key = <not set>",
            "\"ClientToken\": \"0f6c3a2e-9b1d-4c7e-8a5f-2d3b4c5e6f70\", \"NextToken\": null",
            "Token: REDACTED\nSecretAccessKey: ********",
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token",
        ] {
            assert_eq!(covered(text), vec![], "{text}");
        }
    }

    #[test]
    fn secret_names_in_any_spelling() {
        let value = "Zq8Rv2LmNx7KpZ3wT9bYc4HdF6sJ1gA0eUoXiWr5";
        for line in [
            format!("AWS_SECRET_ACCESS_KEY={value}"),
            format!("secret_key = {value}"),
            format!("SecretKey       : {value}"),
            format!("awsSecretAccessKey: '{value}'"),
            format!("--secret-access-key {value}"),
            format!("aws configure set aws_secret_access_key {value}"),
            format!("$env:AWS_SECRET_ACCESS_KEY=\"{value}\""),
            format!("<SecretAccessKey>{value}</SecretAccessKey>"),
            format!("||  SecretAccessKey |  {value}  ||"),
            format!("シークレットアクセスキー：{value}"),
            format!("- name: AWS_SECRET_ACCESS_KEY\n  value: {value}"),
            format!("{{\"name\": \"AWS_SECRET_ACCESS_KEY\", \"value\": \"{value}\"}}"),
        ] {
            assert_eq!(
                covered(&line),
                vec![(SecretKind::SecretAccessKey, value)],
                "{line}"
            );
        }
        // Short values are found after a strong name.
        assert_eq!(
            covered("AWS_SECRET_ACCESS_KEY=abc/def12"),
            vec![(SecretKind::SecretAccessKey, "abc/def12")]
        );
        assert_eq!(
            covered("$Env:AWS_SESSION_TOKEN='abc/def12'"),
            vec![(SecretKind::SessionToken, "abc/def12")]
        );
        // A resource type inside an ARN is not a key name.
        assert_eq!(
            covered("arn:aws:secretsmanager:us-east-1:123456789012:secret:prod/token-AbCdEf"),
            vec![]
        );
    }

    #[test]
    fn headers_urls_and_tokens() {
        let text = "Authorization: AWS4-HMAC-SHA256 Credential=AKIAQ7X2MZKD4JW5RLTN/20261203/us-east-1/sts/aws4_request, SignedHeaders=host;x-amz-date, Signature=5e1c9a0b7d3f24e68a1c0b9d7e5f3a2c4b6d8e0f1a3c5e7b9d2f4a6c8e0b1d3f";
        assert_eq!(
            covered(text),
            vec![
                (SecretKind::AccessKeyId, "AKIAQ7X2MZKD4JW5RLTN"),
                (
                    SecretKind::Signature,
                    "5e1c9a0b7d3f24e68a1c0b9d7e5f3a2c4b6d8e0f1a3c5e7b9d2f4a6c8e0b1d3f"
                ),
            ]
        );
        let text = "X-Amz-Security-Token=IQoJb3JpZ2luX2VjEKz%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQDk7Fq2Lw9R%3D&X-Amz-Date=20261203T120000Z";
        assert_eq!(
            covered(text),
            vec![(
                SecretKind::SessionToken,
                "IQoJb3JpZ2luX2VjEKz%2F%2F%2F%2F%2FwEaCXVzLWVhc3QtMSJHMEUCIQDk7Fq2Lw9R%3D"
            )]
        );
        let text = "Authorization: Bearer aoaAAAAAGcK3q9Zr2LmNx7KpZ3wT9bYc4HdF6sJ1gA0eUoXiWr5";
        assert_eq!(
            covered(text),
            vec![(
                SecretKind::AccessToken,
                "aoaAAAAAGcK3q9Zr2LmNx7KpZ3wT9bYc4HdF6sJ1gA0eUoXiWr5"
            )]
        );
        let text = "{\"accessToken\": \"aoaAAAAAGc:MGUCMQDk7Fq2Lw9R\", \"clientSecret\": \"eyJraWQiOiJrZXktMTU2NDAyODA5OSIsImFsZyI6IkhTMzg0In0.eyJzZXJpYWxpemVkIjoie1wiY2xpZW50SWRcIjp7XCJ2YWx1ZVwiOlwiSmZM.Tq8vX2mZr4LwC9nB1yK7\"}";
        let kinds: Vec<SecretKind> = covered(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            kinds,
            vec![SecretKind::AccessToken, SecretKind::ClientSecret]
        );
    }

    #[test]
    fn a_value_is_found_without_its_name() {
        let token = format!(
            "IQoJb3JpZ2luX2VjEKz//////////wEa{}",
            "Zq8Rv2LmNx7KpZ3wT9bYc4HdF6sJ1gA0eUoXiWr5".repeat(4)
        );
        for line in [
            format!("AWS_SESSION_TOKEN={token}"),
            format!("aws_session_token = {token}"),
            format!("\"Token\": \"{token}\""),
        ] {
            assert_eq!(
                covered(&line),
                vec![(SecretKind::SessionToken, token.as_str())],
                "{line}"
            );
        }
    }

    #[test]
    fn the_name_byte_table_is_is_name_char() {
        for b in 0u8..128 {
            assert_eq!(
                NAME_BYTES[usize::from(b)],
                is_name_char(char::from(b)),
                "{b}"
            );
        }
    }

    #[test]
    fn names_run_together_and_arns_are_not_keys() {
        // Forty characters of the base64 alphabet that passed the entropy test, from the
        // managed policies: ARN paths, a statement id, a policy name, a condition key.
        for line in [
            r#""arn": "arn:aws:iam::aws:policy/AWSBillingConductorReadOnlyAccess","#,
            r#""Resource": "arn:aws:iam::*:role/AmazonSSMRoleForInstancesQuickSetup""#,
            "arn:aws:iam::aws:policy/aws-service-role/cost-optimization-hub.bcm.amazonaws.com/AWSServiceRoleForCostOptimizationHub",
            r#""Sid": "AllowEc2InstancesWithEncryptedEbsVolumes","#,
            "PolicyName: AmazonSSMManagedEC2InstanceDefaultPolicy",
            r#""StringLike": {"aws:RequestTag/QuickSetupDocumentVersionName": "*"}"#,
        ] {
            assert_eq!(covered(line), vec![], "{line}");
        }
        // A key is a key beside an ARN, after `=` in one, and made of words only by chance.
        let key = "q8Rv2LmN/x7KpZ3wT+9bYc4HdF6sJ1gA0eUoXiWr";
        for line in [
            format!("arn:aws:iam::123456789012:role/web {key}"),
            format!("--role-arn=arn:aws:iam::123456789012:role/web --secret={key}"),
        ] {
            assert_eq!(
                covered(&line),
                vec![(SecretKind::SecretAccessKey, key)],
                "{line}"
            );
        }
    }

    /// Every AWS managed policy (real documents dense in long names) holds no secret.
    #[test]
    fn the_managed_policies_hold_no_secret() {
        let policies = fixtures::read("policies/aws-managed-latest.jsonl");
        let found = scan_text(&policies, Span::new(0, policies.len()));
        let values: Vec<&str> = found.iter().map(|s| s.span.slice(&policies)).collect();
        assert_eq!(values, Vec::<&str>::new());
    }

    #[test]
    fn stand_ins_are_found_and_never_secrets() {
        for kind in SecretKind::ALL {
            let text = format!("\"SecretAccessKey\": \"{}\"", stand_in(kind));
            assert_eq!(covered(&text), vec![], "{text}");
            assert_eq!(
                stand_ins(&text, Span::new(0, text.len())),
                vec![(Span::new(20, 20 + stand_in(kind).len()), kind)]
            );
            assert!(is_stand_in(&stand_in(kind)));
        }
    }
}
