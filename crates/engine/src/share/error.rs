//! Why a share link cannot be made or opened, in English and Japanese.

use serde::Serialize;

use crate::lang::Lang;

/// What went wrong with a link. Opening a link never panics: every malformed, cut or hostile
/// fragment ends in one of these, and the page shows [`ShareError::message`] with an empty case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum ShareError {
    /// The text has no `#v1/…` fragment.
    NotALink,
    /// The fragment names a format version this build does not know (a newer page made it).
    UnsupportedVersion { version: String },
    /// A character outside the link alphabet, at this character position of the payload.
    InvalidCharacter { position: usize, character: char },
    /// The link was cut short (chat tools and terminals wrap or truncate long links).
    Truncated,
    /// The case would be larger than a link may carry.
    TooLarge { bytes: u64, cap: usize },
    /// The bytes are not a case this version writes (damaged in transit, or hand-made).
    Corrupt,
    /// The link uses a feature of a newer version of the format.
    NewerFeature,
}

impl ShareError {
    /// One or two sentences for the user, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ShareError::NotALink, Lang::En) => {
                "This is not a share link of ec2-iam-doctor: the part after `#` must start with `v1/`.".to_owned()
            }
            (ShareError::NotALink, Lang::Ja) => {
                "ec2-iam-doctor の共有リンクではありません。`#` の後ろは `v1/` で始まる必要があります。".to_owned()
            }
            (ShareError::UnsupportedVersion { version }, Lang::En) => format!(
                "This link uses format `{version}`, which this version of the page cannot read. Open it with a newer version of ec2-iam-doctor."
            ),
            (ShareError::UnsupportedVersion { version }, Lang::Ja) => format!(
                "このリンクの形式 `{version}` は、このバージョンのページでは読めません。新しいバージョンの ec2-iam-doctor で開いてください。"
            ),
            (ShareError::InvalidCharacter { position, character }, Lang::En) => format!(
                "The link has a character that no share link contains (`{}` at position {position}): it was probably changed when it was copied.",
                character.escape_default()
            ),
            (ShareError::InvalidCharacter { position, character }, Lang::Ja) => format!(
                "共有リンクに含まれない文字があります（{position} 文字目の `{}`）。コピーの途中で書き換えられた可能性があります。",
                character.escape_default()
            ),
            (ShareError::Truncated, Lang::En) => {
                "The link is incomplete: it was probably cut short when it was copied. Copy the whole link again.".to_owned()
            }
            (ShareError::Truncated, Lang::Ja) => {
                "リンクが途中で切れています。コピーの際に切れた可能性があります。リンク全体をもう一度コピーしてください。".to_owned()
            }
            (ShareError::TooLarge { bytes, cap }, Lang::En) => format!(
                "The case is too large for a link ({bytes} bytes; at most {cap}). Share the minimal form, which keeps only what the diagnosis used."
            ),
            (ShareError::TooLarge { bytes, cap }, Lang::Ja) => format!(
                "ケースが大きすぎてリンクにできません（{bytes} バイト、上限 {cap} バイト）。診断に使った部分だけを残す最小形式で共有してください。"
            ),
            (ShareError::Corrupt, Lang::En) => {
                "The link is damaged: its contents do not check out. Ask the sender for the link again.".to_owned()
            }
            (ShareError::Corrupt, Lang::Ja) => {
                "リンクが壊れています（内容の検査に失敗しました）。送信者にリンクをもう一度送ってもらってください。".to_owned()
            }
            (ShareError::NewerFeature, Lang::En) => {
                "The link uses a feature of a newer version of ec2-iam-doctor. Open it with a newer version.".to_owned()
            }
            (ShareError::NewerFeature, Lang::Ja) => {
                "このリンクは新しいバージョンの ec2-iam-doctor の機能を使っています。新しいバージョンで開いてください。".to_owned()
            }
        }
    }

    /// A stable id for scripts and tests (`truncated`, `corrupt` …).
    pub const fn code(&self) -> &'static str {
        match self {
            ShareError::NotALink => "not-a-link",
            ShareError::UnsupportedVersion { .. } => "unsupported-version",
            ShareError::InvalidCharacter { .. } => "invalid-character",
            ShareError::Truncated => "truncated",
            ShareError::TooLarge { .. } => "too-large",
            ShareError::Corrupt => "corrupt",
            ShareError::NewerFeature => "newer-feature",
        }
    }
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ShareError {}
