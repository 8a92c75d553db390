//! The checks of the guide, one rule per file, and the registry that lists them.
//!
//! Layout (after ruff and rustc's error index): `rules/<area>/<rule_id_snake>.rs` holds one rule:
//! its [`RuleInfo`] (id, severity, sections, one-line summary, message templates) and its check
//! function. Beside it, `<rule_id_snake>.en.md` and `.ja.md` explain the rule at length (headings
//! [`EXPLANATION_HEADINGS`]); they are embedded with `include_str!`, so the text the CLI's
//! `explain` prints and the page shows is the one next to the code.
//!
//! Finding ids are a public interface (`docs/guide/CATALOG.md`): they never change meaning and
//! are never reused. A renamed id keeps working through [`ALIASES`].
//!
//! Messages follow the style guide in [`crate::finding`].

use crate::finding::{self, Diagnosis, Finding, Reference, Section, Severity};
use crate::lang::Lang;

pub mod case;
pub mod credentials;
pub mod finish;
pub mod imds;
pub mod permissions;
pub mod profile;
pub mod support;
pub mod trust;

pub use case::{Case, CaseInput, Paste};

/// A text in both languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub ja: &'static str,
}

impl Text {
    pub const fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
        }
    }
}

/// One message a rule can emit: a one-line title and the explanation of what was found, both
/// templates with `{placeholders}` that must match between the languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Message {
    /// Unique within the rule (`roles-empty`, `imds-message`).
    pub key: &'static str,
    pub title: Text,
    pub detail: Text,
}

/// The area a rule belongs to: its folder under `rules/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Instance profiles, their roles and their association with instances.
    Profile,
    /// The caller's permissions: AccessDenied on IAM and EC2 calls.
    Permissions,
    /// The credentials IMDS serves and the process uses.
    Credentials,
    /// Reaching the instance metadata service.
    Imds,
    /// The role's trust policy.
    Trust,
}

impl Area {
    pub const fn id(self) -> &'static str {
        match self {
            Area::Profile => "profile",
            Area::Permissions => "permissions",
            Area::Credentials => "credentials",
            Area::Imds => "imds",
            Area::Trust => "trust",
        }
    }
}

/// A link with its title and address in each language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    pub title: Text,
    pub url: Text,
}

/// The check function of a rule: reads the whole case, adds findings and next steps.
pub type Check = fn(&Case, Lang, &mut Diagnosis);

/// Everything the registry knows about one rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// The catalog id.
    pub id: &'static str,
    /// The usual severity; a finding may differ (a `check` when the data cannot decide).
    pub severity: Severity,
    /// Guide sections; empty for rules beyond the guide.
    pub sections: &'static [Section],
    pub area: Area,
    /// What the rule checks, as a short noun phrase ("one role per instance profile").
    pub summary: Text,
    pub messages: &'static [Message],
    /// The long explanation (Markdown) beside the rule.
    pub explanation: Text,
    /// Further reading besides the guide section.
    pub links: &'static [Link],
    pub check: Check,
}

/// The headings every explanation has, in this order.
pub const EXPLANATION_HEADINGS: [Text; 5] = [
    Text {
        en: "## What it checks",
        ja: "## 確認する内容",
    },
    Text {
        en: "## Why it breaks",
        ja: "## 問題になる理由",
    },
    Text {
        en: "## Example",
        ja: "## 例",
    },
    Text {
        en: "## Fix",
        ja: "## 修正方法",
    },
    Text {
        en: "## Reference",
        ja: "## 参照",
    },
];

impl RuleInfo {
    pub fn message(&self, key: &str) -> Option<&'static Message> {
        self.messages.iter().find(|m| m.key == key)
    }

    /// The guide section a finding of this rule points at first.
    pub fn section(&self) -> Option<Section> {
        self.sections.first().copied()
    }

    /// The references of a finding: the guide section(s), then the rule's own links.
    pub fn references(&self, lang: Lang) -> Vec<Reference> {
        let mut references: Vec<Reference> = self
            .sections
            .iter()
            .map(|section| Reference {
                title: section.title(lang).to_owned(),
                url: section.url(lang),
            })
            .collect();
        references.extend(self.links.iter().map(|link| Reference {
            title: link.title.get(lang).to_owned(),
            url: link.url.get(lang).to_owned(),
        }));
        references
    }

    /// A finding of this rule from message `key` with `values` filled in; evidence, fixes,
    /// confidence and the affected list are added by the rule.
    pub fn finding(&self, key: &str, lang: Lang, values: &[(&str, &str)]) -> Finding {
        let (title, explanation) = match self.message(key) {
            Some(message) => (
                finding::fill(message.title.get(lang), values),
                finding::fill(message.detail.get(lang), values),
            ),
            // Only reachable through a typo in a rule; the registry test renders every key.
            None => (self.summary.get(lang).to_owned(), String::new()),
        };
        Finding {
            id: self.id,
            severity: self.severity,
            section: self.section(),
            title,
            explanation,
            evidence: Vec::new(),
            fix: Vec::new(),
            references: self.references(lang),
            confidence: None,
            affected: Vec::new(),
        }
    }
}

/// Every rule, sorted by id.
static RULES: [&RuleInfo; 31] = [
    &permissions::add_role_to_profile_denied::RULE,
    &profile::association_in_transition::RULE,
    &permissions::authorization_message_encoded::RULE,
    &credentials::client_error_unexplained::RULE,
    &credentials::clock_skew::RULE,
    &credentials::credentials_expired::RULE,
    &credentials::credentials_for_previous_role::RULE,
    &credentials::credentials_from_other_source::RULE,
    &permissions::denied_by_other_policy::RULE,
    &imds::imds_disabled_by_client::RULE,
    &imds::imds_endpoint_disabled::RULE,
    &imds::imds_hop_limit::RULE,
    &imds::imds_throttled::RULE,
    &imds::imds_unreachable::RULE,
    &imds::imds_via_proxy::RULE,
    &imds::imdsv2_token_required::RULE,
    &profile::instance_profile_deleted::RULE,
    &profile::instance_profile_empty::RULE,
    &profile::instance_profile_not_found::RULE,
    &profile::instance_profile_recreated::RULE,
    &permissions::instance_role_denied::RULE,
    &permissions::list_instance_profiles_denied::RULE,
    &profile::no_instance_profile_associated::RULE,
    &permissions::pass_role_denied::RULE,
    &profile::profile_name_differs_from_role::RULE,
    &profile::profile_role_limit::RULE,
    &profile::role_without_instance_profile::RULE,
    &permissions::run_instances_denied::RULE,
    &credentials::secrets_in_input::RULE,
    &trust::trust_policy_blocks_ec2::RULE,
    &trust::trust_policy_invalid::RULE,
];

/// Ids that were renamed: `(old, new)`. Empty so far; an entry here keeps old share links and
/// scripts working.
/// Rules that run after all the others: they read the findings so far.
const LAST: &[&str] = &[credentials::client_error_unexplained::RULE.id];

pub static ALIASES: &[(&str, &str)] = &[];

/// Every rule, sorted by id.
pub fn rules() -> &'static [&'static RuleInfo] {
    &RULES
}

/// The rule with this id (or a renamed id's new rule).
pub fn rule(id: &str) -> Option<&'static RuleInfo> {
    let id = ALIASES
        .iter()
        .find(|(old, _)| *old == id)
        .map_or(id, |(_, new)| *new);
    RULES
        .binary_search_by(|rule| rule.id.cmp(id))
        .ok()
        .and_then(|index| RULES.get(index).copied())
}

/// The long explanation of a rule in that language (Markdown).
pub fn explain(id: &str, lang: Lang) -> Option<&'static str> {
    rule(id).map(|rule| rule.explanation.get(lang))
}

/// Runs every rule over the whole case. Findings are sorted (severity, id, evidence), one per
/// rule and subject ([`finish`]), and the verdict is drawn from them ([`crate::verdict`]).
pub fn diagnose(case: &Case, lang: Lang) -> Diagnosis {
    let mut diagnosis = Diagnosis::default();
    // Rules that weigh what the others found run last.
    let last = |rule: &RuleInfo| LAST.contains(&rule.id);
    for rule in RULES.iter().filter(|rule| !last(rule)) {
        (rule.check)(case, lang, &mut diagnosis);
    }
    for rule in RULES.iter().filter(|rule| last(rule)) {
        (rule.check)(case, lang, &mut diagnosis);
    }
    diagnosis.sort();
    finish::finish(case, lang, &mut diagnosis);
    diagnosis.verdict = crate::verdict::of(case, &diagnosis, lang);
    diagnosis
}

/// The README's rule index: one row per rule with its sections, severity and summary.
pub fn rules_index_markdown() -> String {
    let mut out =
        String::from("| id | section | severity | what it checks |\n| --- | --- | --- | --- |\n");
    for rule in RULES {
        let sections = if rule.sections.is_empty() {
            "beyond the guide".to_owned()
        } else {
            rule.sections
                .iter()
                .map(|s| s.id())
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.id,
            sections,
            rule.severity.id(),
            rule.summary.en
        ));
    }
    out
}

#[cfg(test)]
mod tests;
