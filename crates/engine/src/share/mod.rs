//! Share links that carry a case and never a secret.
//!
//! A [`Case`] (the pasted texts, and the page state worth keeping: language, view, capture time)
//! becomes a URL fragment `#v1/…` and back. The fragment is never sent to a server, so no web
//! server or proxy logs a case. The page and the CLI (`ec2-iam-doctor link` / `open`) both use
//! the functions here, so a link means the same thing everywhere.
//!
//! # What a link contains
//!
//! [`preview`] gives exactly the [`Case`] a link will carry; the share dialog shows it, and
//! [`encode`] encodes that and nothing else. Before anything is encoded:
//!
//! 1. **Secrets are removed**, not masked: every span the input reader marks as a secret
//!    ([`crate::input::Secret`]: access key ids, secret keys, session and IMDSv2 tokens) is cut
//!    out of the text, so `"SecretAccessKey": "…"` becomes `"SecretAccessKey": ""`. Encoded
//!    authorization messages (they reveal the caller's policies) are removed too unless
//!    [`ShareOptions::keep_authorization_messages`] is set. The texts are read again after
//!    removal until nothing is found, and a text that still holds a secret is dropped whole.
//! 2. **Anonymised**, if asked ([`ShareOptions::anonymise`], see [`anonymise`]): account ids,
//!    instance ids, IAM unique ids and other resource ids, role, profile, user, session and key
//!    pair names, ARN paths and IPv4 addresses become stand-ins (`111122223333`,
//!    `i-00000000000000001`, `role-1`, `192.0.2.1`), the same real value always the same
//!    stand-in across all inputs, so the diagnosis is unchanged.
//! 3. **Reduced**, in the minimal form ([`Form::Minimal`], see [`minimal`]): each input keeps
//!    only the values the diagnosis cited as evidence and the identifiers they join on, checked
//!    by diagnosing the reduced case again (an input whose reduction changes the findings is
//!    kept whole).
//!
//! # Format v1
//!
//! `v1/` then the payload in base64url without padding (`A–Z a–z 0–9 - _`: nothing a chat tool
//! or Markdown renderer rewrites). The payload is [`codec`]-compressed bytes of:
//!
//! - one flag byte: bits 0–1 language (0 none: the recipient's own, 1 `en`, 2 `ja`), bit 2 view
//!   present, bit 3 capture time present, bit 4 minimal form, bit 5 anonymised, bit 6 encoded
//!   authorization messages kept, bit 7 reserved (a v1 reader refuses it: [`ShareError::NewerFeature`]);
//! - the view, then the capture time, each as `varint length` + UTF-8, when present;
//! - `varint count`, then per input a [`layout`] style byte, `varint length` and the UTF-8 text
//!   (JSON re-minified losslessly when the style byte is not 0).
//!
//! Only non-default state is written: an untouched page makes `#v1/` plus a dozen characters.
//!
//! # Limits
//!
//! The decompressed payload is capped at [`MAX_CASE_BYTES`] (checked against the declared size
//! before any allocation) and so are the printed texts; fragments longer than
//! [`MAX_FRAGMENT_CHARS`] are refused before decoding. Decoding is linear in the capped size and
//! never panics ([`ShareError`] says what is wrong, in English and Japanese).
//!
//! # Versions
//!
//! The version is the first path segment. A new version (a better dictionary, new fields) gets a
//! new prefix and v1 decoding stays: the links under `tests/links/v1/` must keep opening.

pub mod anonymise;
pub mod codec;
pub mod dictionary;
mod error;
pub mod layout;
pub mod minimal;
mod redact;

pub use error::ShareError;
pub use redact::RemovedSecret;

use serde::Serialize;

use crate::finding::Diagnosis;
use crate::lang::Lang;

/// The largest decompressed case a link may carry.
pub const MAX_CASE_BYTES: usize = 4 * 1024 * 1024;
/// The longest fragment decoded; longer ones are refused unread.
pub const MAX_FRAGMENT_CHARS: usize = 8 * 1024 * 1024;
/// The longest view name (an ASCII token the page defines).
pub const MAX_VIEW_CHARS: usize = 64;

const VERSION: &str = "v1";

/// Which form of the case a link carries.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Form {
    /// Every pasted text (less its secrets).
    #[default]
    Full,
    /// Only what the diagnosis used.
    Minimal,
}

/// A case as a link carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Case {
    /// The pasted texts, one per paste.
    pub inputs: Vec<String>,
    /// The language chosen on the page; `None` lets the recipient's page choose.
    pub lang: Option<Lang>,
    /// The page's view (an ASCII token such as `evidence` or `finding:pass-role-denied`: at most
    /// [`MAX_VIEW_CHARS`] of `A–Z a–z 0–9 - _ : .`); `None` is the default view. A view that is
    /// not such a token is left out of the link.
    pub view: Option<String>,
    /// When the pastes were captured (RFC 3339), which `credentials-expired` compares with.
    pub captured_at: Option<String>,
    /// How the sender made the link, so the recipient's page can say so.
    pub form: Form,
    pub anonymised: bool,
    pub authorization_messages_kept: bool,
}

impl Case {
    /// A case of these texts with default state.
    pub fn of_texts<S: AsRef<str>>(texts: &[S]) -> Case {
        Case {
            inputs: texts.iter().map(|t| t.as_ref().to_owned()).collect(),
            ..Case::default()
        }
    }

    /// The case as the rules read it.
    pub fn to_rules_case(&self) -> crate::rules::Case {
        let mut case = crate::rules::Case::read(&self.inputs);
        case.captured_at = self.captured_at.clone();
        case
    }

    /// Diagnoses the case (what `ec2-iam-doctor open LINK` prints).
    pub fn diagnose(&self, lang: Lang) -> Diagnosis {
        crate::rules::diagnose(&self.to_rules_case(), lang)
    }
}

/// How to make a link.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ShareOptions {
    pub form: Form,
    pub anonymise: bool,
    /// Keep encoded authorization messages (they reveal which policies denied what).
    pub keep_authorization_messages: bool,
}

/// What a link will contain, for the share dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// Exactly the case the link carries.
    pub case: Case,
    /// The secrets that were removed (kind and input), so the dialog can say what is absent.
    pub removed: Vec<RemovedSecret>,
}

/// The case a link made with `options` will carry: secrets removed, then anonymised and reduced
/// as asked.
pub fn preview(case: &Case, options: &ShareOptions) -> Preview {
    let (texts, removed) =
        redact::remove_secrets(&case.inputs, options.keep_authorization_messages);
    let mut shared = Case {
        inputs: texts,
        form: options.form,
        anonymised: options.anonymise,
        authorization_messages_kept: options.keep_authorization_messages,
        ..case.clone()
    };
    if options.form == Form::Minimal {
        shared.inputs = minimal::reduce(&shared);
    }
    if options.anonymise {
        shared.inputs = anonymise::anonymise(&shared.inputs);
    }
    // Anonymising or reducing must not bring a secret back (it cannot: it only replaces
    // identifiers and drops text), but the link is checked on what it really carries.
    let (texts, _) = redact::remove_secrets(&shared.inputs, options.keep_authorization_messages);
    shared.inputs = texts;
    Preview {
        case: shared,
        removed,
    }
}

/// The fragment (`v1/…`, without `#`) of a link to `case` made with `options`.
pub fn encode(case: &Case, options: &ShareOptions) -> Result<String, ShareError> {
    // Removing secrets never shrinks a text by much: a full case over the cap is refused before
    // it is read. (The minimal form of a larger case may well fit.)
    let total: usize = case.inputs.iter().map(String::len).sum();
    if too_large(total, options) {
        return Err(ShareError::TooLarge {
            bytes: total as u64,
            cap: MAX_CASE_BYTES,
        });
    }
    encode_prepared(&preview(case, options).case)
}

/// Whether pasted texts of `bytes` in all are refused by [`encode`] before they are read: a
/// caller can skip building the [`Case`] (copying a 100 MB paste) when it is.
pub fn too_large(bytes: usize, options: &ShareOptions) -> bool {
    options.form == Form::Full && bytes > MAX_CASE_BYTES + MAX_CASE_BYTES / 8
}

/// A whole link: `base_url` (any fragment it has is replaced) + `#` + the fragment.
pub fn link(base_url: &str, case: &Case, options: &ShareOptions) -> Result<String, ShareError> {
    let base = base_url.split('#').next().unwrap_or_default();
    Ok(format!("{base}#{}", encode(case, options)?))
}

/// What `ec2-iam-doctor link [--base-url URL] FILE...` prints: the link the page would make of
/// these pasted texts with default state. Without a base URL it is just `#v1/…`, to be put after
/// the address of any copy of the page.
pub fn link_for_texts<S: AsRef<str>>(
    texts: &[S],
    base_url: Option<&str>,
    options: &ShareOptions,
) -> Result<String, ShareError> {
    link(
        base_url.unwrap_or_default(),
        &Case::of_texts(texts),
        options,
    )
}

/// What `ec2-iam-doctor open LINK` reads: the case of a link, a fragment or a bare `v1/…`.
pub fn open_link(link: &str) -> Result<Case, ShareError> {
    decode(link)
}

/// Decodes a link, `#v1/…` or `v1/…`. Anything before the first `#` is ignored.
pub fn decode(link: &str) -> Result<Case, ShareError> {
    let link = link.trim();
    let fragment = match link.split_once('#') {
        Some((_, fragment)) => fragment,
        None => link,
    };
    let Some((version, payload)) = fragment.split_once('/') else {
        return Err(ShareError::NotALink);
    };
    if version != VERSION {
        let looks_versioned = version.len() <= 8
            && version.starts_with('v')
            && version.len() > 1
            && version.bytes().skip(1).all(|b| b.is_ascii_digit());
        return Err(if looks_versioned {
            ShareError::UnsupportedVersion {
                version: version.to_owned(),
            }
        } else {
            ShareError::NotALink
        });
    }
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLarge {
            bytes: payload.len() as u64,
            cap: MAX_FRAGMENT_CHARS,
        });
    }
    let compressed = base64url_decode(payload)?;
    let bytes = codec::decompress(
        &compressed,
        dictionary::DICTIONARY.as_bytes(),
        MAX_CASE_BYTES,
    )
    .map_err(|error| match error {
        codec::CodecError::TooLarge { declared, cap } => ShareError::TooLarge {
            bytes: declared,
            cap,
        },
        codec::CodecError::Truncated => ShareError::Truncated,
        codec::CodecError::Corrupt => ShareError::Corrupt,
    })?;
    read_payload(&bytes)
}

const LANG_MASK: u8 = 0b0000_0011;
const HAS_VIEW: u8 = 1 << 2;
const HAS_CAPTURED_AT: u8 = 1 << 3;
const MINIMAL: u8 = 1 << 4;
const ANONYMISED: u8 = 1 << 5;
const AUTHORIZATION_MESSAGES_KEPT: u8 = 1 << 6;
const RESERVED: u8 = 1 << 7;

fn valid_view(view: &str) -> bool {
    !view.is_empty()
        && view.len() <= MAX_VIEW_CHARS
        && view
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
}

/// Encodes a case as it is: callers go through [`encode`], which removes secrets first.
fn encode_prepared(case: &Case) -> Result<String, ShareError> {
    let mut flags = match case.lang {
        None => 0,
        Some(Lang::En) => 1,
        Some(Lang::Ja) => 2,
    };
    let view = case.view.as_deref().filter(|view| valid_view(view));
    if view.is_some() {
        flags |= HAS_VIEW;
    }
    if case.captured_at.is_some() {
        flags |= HAS_CAPTURED_AT;
    }
    if case.form == Form::Minimal {
        flags |= MINIMAL;
    }
    if case.anonymised {
        flags |= ANONYMISED;
    }
    if case.authorization_messages_kept {
        flags |= AUTHORIZATION_MESSAGES_KEPT;
    }
    let mut payload = vec![flags];
    let put = |payload: &mut Vec<u8>, text: &str| {
        codec::write_varint(payload, text.len() as u64);
        payload.extend_from_slice(text.as_bytes());
    };
    if let Some(view) = view {
        put(&mut payload, view);
    }
    if let Some(captured_at) = &case.captured_at {
        put(&mut payload, captured_at);
    }
    codec::write_varint(&mut payload, case.inputs.len() as u64);
    for text in &case.inputs {
        let (style, stored) = layout::pack(text);
        payload.push(style);
        put(&mut payload, &stored);
    }
    // Both what is decompressed and what is printed from it must fit the cap a reader applies.
    let total = case
        .inputs
        .iter()
        .map(String::len)
        .sum::<usize>()
        .max(payload.len());
    if total > MAX_CASE_BYTES {
        return Err(ShareError::TooLarge {
            bytes: total as u64,
            cap: MAX_CASE_BYTES,
        });
    }
    let compressed = codec::compress(&payload, dictionary::DICTIONARY.as_bytes());
    Ok(format!("{VERSION}/{}", base64url_encode(&compressed)))
}

/// Reads the decompressed payload; every length is checked against what is left.
fn read_payload(bytes: &[u8]) -> Result<Case, ShareError> {
    let mut at = 0;
    let flags = *bytes.first().ok_or(ShareError::Corrupt)?;
    at += 1;
    if flags & RESERVED != 0 {
        return Err(ShareError::NewerFeature);
    }
    let lang = match flags & LANG_MASK {
        0 => None,
        1 => Some(Lang::En),
        2 => Some(Lang::Ja),
        _ => return Err(ShareError::NewerFeature),
    };
    let take = |at: &mut usize| -> Result<String, ShareError> {
        let len = codec::read_varint(bytes, at).ok_or(ShareError::Corrupt)?;
        let len = usize::try_from(len).map_err(|_| ShareError::Corrupt)?;
        let end = at.checked_add(len).ok_or(ShareError::Corrupt)?;
        let text = bytes.get(*at..end).ok_or(ShareError::Corrupt)?;
        *at = end;
        String::from_utf8(text.to_vec()).map_err(|_| ShareError::Corrupt)
    };
    let view = if flags & HAS_VIEW != 0 {
        let view = take(&mut at)?;
        if !valid_view(&view) {
            return Err(ShareError::Corrupt);
        }
        Some(view)
    } else {
        None
    };
    let captured_at = if flags & HAS_CAPTURED_AT != 0 {
        Some(take(&mut at)?)
    } else {
        None
    };
    let count = codec::read_varint(bytes, &mut at).ok_or(ShareError::Corrupt)?;
    // Each input takes at least two bytes: no count larger than that can be honest.
    if count > (bytes.len().saturating_sub(at) / 2) as u64 {
        return Err(ShareError::Corrupt);
    }
    let mut inputs = Vec::with_capacity(count as usize);
    let mut printed = 0usize;
    for _ in 0..count {
        let style = *bytes.get(at).ok_or(ShareError::Corrupt)?;
        at += 1;
        let stored = take(&mut at)?;
        let text =
            layout::unpack(style, &stored, MAX_CASE_BYTES - printed).map_err(|e| match e {
                layout::LayoutError::TooLarge => ShareError::TooLarge {
                    bytes: MAX_CASE_BYTES as u64 + 1,
                    cap: MAX_CASE_BYTES,
                },
                layout::LayoutError::UnknownStyle => ShareError::NewerFeature,
            })?;
        printed += text.len();
        inputs.push(text);
    }
    if at != bytes.len() {
        return Err(ShareError::Corrupt);
    }
    Ok(Case {
        inputs,
        lang,
        view,
        captured_at,
        form: if flags & MINIMAL != 0 {
            Form::Minimal
        } else {
            Form::Full
        },
        anonymised: flags & ANONYMISED != 0,
        authorization_messages_kept: flags & AUTHORIZATION_MESSAGES_KEPT != 0,
    })
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(BASE64URL[((n >> shift) & 63) as usize]));
            }
        }
    }
    out
}

fn base64url_decode(text: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    let mut buffer = 0u32;
    let mut bits = 0u32;
    for (position, character) in text.chars().enumerate() {
        let value = match character {
            'A'..='Z' => character as u32 - 'A' as u32,
            'a'..='z' => character as u32 - 'a' as u32 + 26,
            '0'..='9' => character as u32 - '0' as u32 + 52,
            '-' => 62,
            '_' => 63,
            _ => {
                return Err(ShareError::InvalidCharacter {
                    position,
                    character,
                })
            }
        };
        buffer = (buffer << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    // One leftover character (6 bits) cannot end a base64 text: it was cut.
    if bits >= 6 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
