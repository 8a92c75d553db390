//! The page's own words in English and Japanese.
//!
//! Short UI strings live in one catalog per language (`en.txt`, `ja.txt`: `key = text` lines,
//! embedded at build time); the long texts (finding titles and explanations, section titles)
//! come from the engine in the case's language. [`Key`] lists every key the code uses, so a typo
//! is a compile error; [`check`] finds keys missing from a catalog, extra keys, duplicates and
//! placeholders that differ between the languages (the catalog test runs it).

use std::sync::OnceLock;

use engine::lang::Lang;

const EN: &str = include_str!("en.txt");
const JA: &str = include_str!("ja.txt");

macro_rules! keys {
    ($($name:ident = $id:literal,)*) => {
        /// A catalog key. `Key::id()` is the key as written in the catalog files.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Key {
            $($name,)*
        }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$name,)*];

            pub const fn id(self) -> &'static str {
                match self {
                    $(Key::$name => $id,)*
                }
            }
        }
    };
}

keys! {
    AppTagline = "app.tagline",
    AppPrivacy = "app.privacy",
    SettingsLabel = "settings.label",
    SettingsLanguage = "settings.language",
    SettingsTheme = "settings.theme",
    ThemeSystem = "theme.system",
    ThemeLight = "theme.light",
    ThemeDark = "theme.dark",
    PasteTitle = "paste.title",
    PasteLabel = "paste.label",
    PasteHint = "paste.hint",
    PasteAdd = "paste.add",
    PasteFiles = "paste.files",
    PasteDrop = "paste.drop",
    PasteClear = "paste.clear",
    PasteDropHere = "paste.drop-here",
    FilesNotices = "files.notices",
    FilesEmpty = "files.empty",
    FilesBinary = "files.binary",
    FilesNotUtf8 = "files.not-utf8",
    FilesTooLarge = "files.too-large",
    FilesUnreadable = "files.unreadable",
    FilesDismiss = "files.dismiss",
    FilesDismissLabel = "files.dismiss-label",
    FilesDismissAll = "files.dismiss-all",
    ExamplesTitle = "examples.title",
    ExamplesHint = "examples.hint",
    ExampleS1 = "example.s1",
    ExampleS2 = "example.s2",
    ExampleS3 = "example.s3",
    ExampleS4 = "example.s4",
    ExampleS5 = "example.s5",
    ExampleS6 = "example.s6",
    ExampleS6Trust = "example.s6-trust",
    InputsTitle = "inputs.title",
    InputsEmpty = "inputs.empty",
    InputsPaste = "inputs.paste",
    InputsPasteFile = "inputs.paste-file",
    InputsParts = "inputs.parts",
    InputsReading = "inputs.reading",
    InputsEdit = "inputs.edit",
    InputsRemove = "inputs.remove",
    InputsSave = "inputs.save",
    InputsCancel = "inputs.cancel",
    InputsEditLabel = "inputs.edit-label",
    InputsShowText = "inputs.show-text",
    InputsReveal = "inputs.reveal",
    InputsHide = "inputs.hide",
    InputsCommand = "inputs.command",
    InputsProblemAt = "inputs.problem-at",
    SecretMasked = "secret.masked",
    SecretsBanner = "secrets.banner",
    SummaryProfile = "summary.profile",
    SummaryProfiles = "summary.profiles",
    SummaryRole = "summary.role",
    SummaryRoles = "summary.roles",
    SummaryInstance = "summary.instance",
    SummaryInstanceNoProfile = "summary.instance-no-profile",
    SummaryInstances = "summary.instances",
    SummaryAssociation = "summary.association",
    SummaryAssociations = "summary.associations",
    SummaryAssociationsNone = "summary.associations-none",
    SummaryMetadata = "summary.metadata",
    SummaryIamInfo = "summary.iam-info",
    SummaryCredentials = "summary.credentials",
    SummaryListing = "summary.listing",
    SummaryHttp = "summary.http",
    SummaryCaller = "summary.caller",
    SummaryTrustPolicy = "summary.trust-policy",
    SummaryIdentityPolicy = "summary.identity-policy",
    SummaryAwsError = "summary.aws-error",
    SummaryAwsErrors = "summary.aws-errors",
    SummaryAuthorization = "summary.authorization",
    SummarySdkError = "summary.sdk-error",
    SummarySimulation = "summary.simulation",
    SummaryAccount = "summary.account",
    SummaryClientConfig = "summary.client-config",
    SummaryUnknown = "summary.unknown",
    SummaryNone = "summary.none",
    SummaryMissing = "summary.missing",
    ChainTitle = "chain.title",
    ChainHint = "chain.hint",
    ChainInstance = "chain.instance",
    ChainAssociation = "chain.association",
    ChainProfile = "chain.profile",
    ChainRole = "chain.role",
    ChainTrust = "chain.trust",
    ChainEc2 = "chain.ec2",
    ChainCredentials = "chain.credentials",
    ChainApplication = "chain.application",
    ChainLink = "chain.link",
    StatusGood = "status.good",
    StatusBroken = "status.broken",
    StatusUnknown = "status.unknown",
    VerdictTitle = "verdict.title",
    VerdictSteps = "verdict.steps",
    VerdictEdit = "verdict.edit",
    ViewLabel = "view.label",
    ViewDiagnosis = "view.diagnosis",
    ViewChecklist = "view.checklist",
    ViewGather = "view.gather",
    FindingsTitle = "findings.title",
    FindingsEmpty = "findings.empty",
    FindingsHealthy = "findings.healthy",
    FindingsChecked = "findings.checked",
    FindingsCheckedMore = "findings.checked-more",
    FindingsCount = "findings.count",
    FindingsReading = "findings.reading",
    FindingEvidence = "finding.evidence",
    FindingEvidenceAt = "finding.evidence-at",
    FindingShowInText = "finding.show-in-text",
    FindingFix = "finding.fix",
    FindingFixGuide = "finding.fix-guide",
    FindingFixCurrent = "finding.fix-current",
    FindingCorrected = "finding.corrected",
    FindingDiff = "finding.diff",
    FindingReferences = "finding.references",
    FindingAffected = "finding.affected",
    FindingAbout = "finding.about",
    FindingLikely = "finding.likely",
    FindingPossible = "finding.possible",
    CopyButton = "copy.button",
    CopyCopied = "copy.copied",
    CopyFailed = "copy.failed",
    CopyCommand = "copy.command",
    CopyScript = "copy.script",
    CopyDocument = "copy.document",
    NextTitle = "next.title",
    ChecklistTitle = "checklist.title",
    ChecklistHint = "checklist.hint",
    ChecklistOk = "checklist.ok",
    ChecklistBroken = "checklist.broken",
    ChecklistUnknown = "checklist.unknown",
    ChecklistRun = "checklist.run",
    ChecklistGuide = "checklist.guide",
    GatherTitle = "gather.title",
    GatherHint = "gather.hint",
    GatherScript = "gather.script",
    GatherPasted = "gather.pasted",
    ChecklistPasted = "checklist.pasted",
    FooterText = "footer.text",
    CaseActionsLabel = "case.actions",
    ShareButton = "share.button",
    ShareTitle = "share.title",
    ShareHint = "share.hint",
    ShareOptions = "share.options",
    ShareMinimal = "share.minimal",
    ShareAnonymise = "share.anonymise",
    ShareKeepAuthorization = "share.keep-authorization",
    ShareLink = "share.link",
    ShareLength = "share.length",
    ShareCopy = "share.copy",
    ShareContents = "share.contents",
    ShareRemovedNone = "share.removed-none",
    ShareRemoved = "share.removed",
    ShareTextEmpty = "share.text-empty",
    ShareTextCut = "share.text-cut",
    ShareClose = "share.close",
    SecretKindAccessKeyId = "secret-kind.access-key-id",
    SecretKindSecretAccessKey = "secret-kind.secret-access-key",
    SecretKindSessionToken = "secret-kind.session-token",
    SecretKindImdsToken = "secret-kind.imds-token",
    SecretKindAuthorizationMessage = "secret-kind.authorization-message",
    SecretKindSignature = "secret-kind.signature",
    SecretKindAccessToken = "secret-kind.access-token",
    SecretKindClientSecret = "secret-kind.client-secret",
    SecretKindWebIdentityToken = "secret-kind.web-identity-token",
    SecretKindKeyMaterial = "secret-kind.key-material",
    ExportMarkdown = "export.markdown",
    LinkErrorTitle = "link.error-title",
    LinkDismiss = "link.dismiss",
    LinkOpened = "link.opened",
    LinkOpenedMinimal = "link.opened-minimal",
    LinkOpenedAnonymised = "link.opened-anonymised",
    StartTitle = "start.title",
    StartHint = "start.hint",
    StartExample = "start.example",
    InputsRepair = "inputs.repair",
    InputsRepairHint = "inputs.repair-hint",
    InputsSkipped = "inputs.skipped",
    InputsLoginBanner = "inputs.login-banner",
    UndoRemoved = "undo.removed",
    UndoCleared = "undo.cleared",
    UndoLoaded = "undo.loaded",
    UndoLoadedEmpty = "undo.loaded-empty",
    UndoRepaired = "undo.repaired",
    UndoButton = "undo.button",
    UpdatedText = "updated.text",
    UpdatedJump = "updated.jump",
    ShareCarries = "share.carries",
    ShareMinimalChanges = "share.minimal-changes",
    ShareHostedLabel = "share.hosted-label",
    ShareHostedHint = "share.hosted-hint",
    ShareHostedNeeded = "share.hosted-needed",
    ShareMarkdown = "share.markdown",
    LinkReopened = "link.reopened",
    InputsEditWindow = "inputs.edit-window",
    InputsEditSetAside = "inputs.edit-set-aside",
    InputsViewEarlier = "inputs.view-earlier",
    InputsViewLater = "inputs.view-later",
    LinkOpenedRemoved = "link.opened-removed",
    LinkOpenedClean = "link.opened-clean",
    LinkCarriesCredentials = "link.carries-credentials",
}

/// The `key = text` entries of a catalog file, in file order (comments and blank lines skipped).
pub fn entries(catalog: &str) -> Vec<(&str, &str)> {
    catalog
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.trim_start().starts_with('#'))
        .map(|line| match line.split_once(" = ") {
            Some((key, text)) => (key.trim(), text.trim()),
            None => (line.trim(), ""),
        })
        .collect()
}

/// The text of a language's catalog file.
pub const fn catalog(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Ja => JA,
    }
}

/// Texts in [`Key::ALL`] order, read once per language.
fn table(lang: Lang) -> &'static [&'static str] {
    static TABLES: [OnceLock<Vec<&'static str>>; 2] = [OnceLock::new(), OnceLock::new()];
    let slot = match lang {
        Lang::En => &TABLES[0],
        Lang::Ja => &TABLES[1],
    };
    slot.get_or_init(|| {
        let entries = entries(catalog(lang));
        Key::ALL
            .iter()
            // A key missing from a catalog shows as its id (the catalog test fails on it).
            .map(|key| {
                entries
                    .iter()
                    .find(|(id, _)| *id == key.id())
                    .map_or(key.id(), |(_, text)| *text)
            })
            .collect()
    })
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: Key) -> &'static str {
    let index = Key::ALL.iter().position(|k| *k == key).unwrap_or(0);
    table(lang).get(index).copied().unwrap_or(key.id())
}

/// The text of `key` in `lang` with its `{placeholders}` filled.
pub fn tf(lang: Lang, key: Key, values: &[(&str, &str)]) -> String {
    engine::finding::fill(t(lang, key), values)
}

/// The name of a language in that language (for the language menu).
pub const fn native_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "日本語",
    }
}

/// What is wrong with a pair of catalogs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogProblem {
    /// A key the code uses is not in the catalog of this language.
    Missing { lang: &'static str, key: String },
    /// The catalog has a key the code does not use.
    Extra { lang: &'static str, key: String },
    /// The key appears twice in the catalog.
    Duplicate { lang: &'static str, key: String },
    /// The text is empty.
    Empty { lang: &'static str, key: String },
    /// The `{placeholders}` differ between English and Japanese.
    Placeholders {
        key: String,
        en: Vec<String>,
        ja: Vec<String>,
    },
}

/// Checks an English and a Japanese catalog against the keys the code uses.
pub fn check(en: &str, ja: &str, keys: &[&str]) -> Vec<CatalogProblem> {
    let mut problems = Vec::new();
    let catalogs = [("en", entries(en)), ("ja", entries(ja))];
    for (lang, entries) in &catalogs {
        for key in keys {
            if !entries.iter().any(|(id, _)| id == key) {
                problems.push(CatalogProblem::Missing {
                    lang,
                    key: (*key).to_owned(),
                });
            }
        }
        for (index, (id, text)) in entries.iter().enumerate() {
            if !keys.contains(id) {
                problems.push(CatalogProblem::Extra {
                    lang,
                    key: (*id).to_owned(),
                });
            }
            if entries.iter().take(index).any(|(earlier, _)| earlier == id) {
                problems.push(CatalogProblem::Duplicate {
                    lang,
                    key: (*id).to_owned(),
                });
            }
            if text.is_empty() {
                problems.push(CatalogProblem::Empty {
                    lang,
                    key: (*id).to_owned(),
                });
            }
        }
    }
    let [(_, english), (_, japanese)] = &catalogs;
    for (id, en_text) in english {
        if let Some((_, ja_text)) = japanese.iter().find(|(key, _)| key == id) {
            let en_names = engine::finding::placeholders(en_text);
            let ja_names = engine::finding::placeholders(ja_text);
            if en_names != ja_names {
                problems.push(CatalogProblem::Placeholders {
                    key: (*id).to_owned(),
                    en: en_names.into_iter().map(str::to_owned).collect(),
                    ja: ja_names.into_iter().map(str::to_owned).collect(),
                });
            }
        }
    }
    problems
}

/// Checks the page's own catalogs.
pub fn check_catalogs() -> Vec<CatalogProblem> {
    let keys: Vec<&str> = Key::ALL.iter().map(|key| key.id()).collect();
    check(EN, JA, &keys)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogs_match_the_code() {
        assert_eq!(check_catalogs(), vec![]);
    }

    #[test]
    fn the_check_finds_missing_extra_and_mismatched_keys() {
        let en = "a = one {x}\nb = two\nc = three";
        let ja = "a = 一 {y}\nb = 二\nb = 二\nd = 四\ne = ";
        let problems = check(en, ja, &["a", "b", "c", "e"]);
        assert!(problems.contains(&CatalogProblem::Missing {
            lang: "ja",
            key: "c".into()
        }));
        assert!(problems.contains(&CatalogProblem::Missing {
            lang: "en",
            key: "e".into()
        }));
        assert!(problems.contains(&CatalogProblem::Extra {
            lang: "ja",
            key: "d".into()
        }));
        assert!(problems.contains(&CatalogProblem::Duplicate {
            lang: "ja",
            key: "b".into()
        }));
        assert!(problems.contains(&CatalogProblem::Empty {
            lang: "ja",
            key: "e".into()
        }));
        assert!(problems.contains(&CatalogProblem::Placeholders {
            key: "a".into(),
            en: vec!["x".into()],
            ja: vec!["y".into()],
        }));
    }

    #[test]
    fn counted_words_agree_with_their_number() {
        let en = entries(EN);
        let ja = entries(JA);
        let mut problems = Vec::new();
        for (key, en_text) in &en {
            let ja_text = ja.iter().find(|(k, _)| k == key).map_or("", |(_, t)| *t);
            // `{roles}` and `{profiles}` are counts in the account summary, names elsewhere.
            let counts: &[&str] = if *key == Key::SummaryAccount.id() {
                &["count", "roles", "profiles"]
            } else {
                &["count"]
            };
            problems.extend(engine::finding::count_problems(en_text, ja_text, counts));
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert_eq!(
            tf(Lang::En, Key::FindingsCount, &[("count", "1")]),
            "1 finding"
        );
        assert_eq!(
            tf(Lang::En, Key::FindingsCount, &[("count", "2")]),
            "2 findings"
        );
        assert_eq!(
            tf(
                Lang::En,
                Key::SummaryAccount,
                &[("roles", "1"), ("profiles", "3")]
            ),
            "1 role, 3 instance profiles"
        );
        assert_eq!(
            tf(Lang::Ja, Key::FindingsCount, &[("count", "1")]),
            "検出 1 件"
        );
    }

    #[test]
    fn lookups_fill_placeholders() {
        assert_eq!(tf(Lang::En, Key::InputsPaste, &[("n", "2")]), "Paste 2");
        assert_eq!(tf(Lang::Ja, Key::InputsPaste, &[("n", "2")]), "貼り付け 2");
    }
}
