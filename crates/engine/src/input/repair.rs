//! Fix-its for paste damage that has exactly one repair: a trailing comma, typographic quotes
//! around a string, a no-break or other unusual space. The JSON
//! reader already names this damage ([`crate::json::parse_repairing`] reads past it); here it
//! becomes an edit of the pasted text that the page can apply (and undo), offered only when the
//! repaired document then reads as strict JSON.

use super::{Input, InputKind, ProblemSeverity};
use crate::json::{self, ParseErrorKind};
use crate::lang::Lang;
use crate::text::Span;

/// One kind of damage a repair removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepairKind {
    TrailingComma,
    SmartQuote,
    UnusualSpace,
}

impl RepairKind {
    const ALL: [RepairKind; 3] = [
        RepairKind::TrailingComma,
        RepairKind::SmartQuote,
        RepairKind::UnusualSpace,
    ];

    /// What the edit does, with `{count}` for how many.
    const fn action(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RepairKind::TrailingComma, Lang::En) => "remove {count} trailing comma(s)",
            (RepairKind::TrailingComma, Lang::Ja) => "余分なカンマ {count} 個を削除",
            (RepairKind::SmartQuote, Lang::En) => "straighten {count} typographic quote(s)",
            (RepairKind::SmartQuote, Lang::Ja) => "飾り引用符 {count} 個を半角の \" に置換",
            (RepairKind::UnusualSpace, Lang::En) => {
                "replace {count} no-break or unusual space(s) with plain spaces"
            }
            (RepairKind::UnusualSpace, Lang::Ja) => "特殊な空白 {count} 個を半角スペースに置換",
        }
    }
}

/// One edit: replace `span` of the paste with `with`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub with: &'static str,
    pub kind: RepairKind,
}

/// The repair of a paste: its edits (in text order) and the repaired text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    pub edits: Vec<Edit>,
    pub text: String,
}

impl Repair {
    /// What the repair does, in one line: "remove 1 trailing comma(s), straighten 4 …".
    pub fn summary(&self, lang: Lang) -> String {
        let parts: Vec<String> = RepairKind::ALL
            .iter()
            .filter_map(|kind| {
                let count = self.edits.iter().filter(|e| e.kind == *kind).count();
                (count > 0).then(|| kind.action(lang).replace("{count}", &count.to_string()))
            })
            .collect();
        parts.join(match lang {
            Lang::En => ", ",
            Lang::Ja => "、",
        })
    }
}

/// Rounds of repair per document: a document with more damage than the JSON reader records
/// in one reading (100 repairs) is read again after the first round's edits.
const ROUNDS: usize = 4;

/// The repair of `text`, whose reading is `inputs`: for each JSON document that failed to
/// read, the edits that make it strict JSON. A document that would still not read after its
/// edits gets none (a repair that does not fix it is no fix-it); `None` when no document can be
/// repaired.
pub fn repair(text: &str, inputs: &[Input]) -> Option<Repair> {
    let mut edits: Vec<Edit> = Vec::new();
    for input in inputs {
        // Damaged JSON is `json-invalid` when its kind could still be told, `not-recognised`
        // when the damage hides it (curly quotes around every key).
        // Domain words in a document the reader could not parse make it an `sdk-error` note
        // rather than `unknown`: damaged all the same.
        let broken = input
            .problems
            .iter()
            .any(|p| p.severity == ProblemSeverity::Error)
            || matches!(input.kind, InputKind::Unknown | InputKind::SdkError);
        let start = input.span.start;
        if !broken || !text.get(start..)?.starts_with(['{', '[']) {
            continue;
        }
        if let Some(document) = document_edits(text, start) {
            edits.extend(document);
        }
    }
    if edits.is_empty() {
        return None;
    }
    let text = apply(text, &edits);
    Some(Repair { edits, text })
}

/// The edits that make the document at `start` read, in offsets of `text`; `None` when they
/// do not.
fn document_edits(text: &str, start: usize) -> Option<Vec<Edit>> {
    let mut all: Vec<Edit> = Vec::new();
    for _ in 0..ROUNDS {
        // Each round reads the text with the edits so far applied, so its spans are mapped
        // back to the original text before they are kept.
        let current = apply(text, &all);
        if json::parse_at(&current, start).is_ok() {
            return (!all.is_empty()).then_some(all);
        }
        let repaired = json::parse_repairing_at(&current, start);
        let mut round = Vec::new();
        for error in &repaired.repairs {
            round.extend(edits_for(&current, &error.kind, error.span));
        }
        if round.is_empty() {
            return None;
        }
        let mapped: Vec<Edit> = round
            .into_iter()
            .map(|edit| Edit {
                span: Span::new(
                    original(&all, edit.span.start),
                    original(&all, edit.span.end),
                ),
                ..edit
            })
            .collect();
        all.extend(mapped);
        crate::sort::sort_by_key(&mut all, |edit| edit.span.start);
        all.dedup_by_key(|edit| edit.span.start);
    }
    let current = apply(text, &all);
    (json::parse_at(&current, start).is_ok() && !all.is_empty()).then_some(all)
}

/// The offset in the original text of offset `at` of the text with `edits` applied.
fn original(edits: &[Edit], at: usize) -> usize {
    let mut shift: isize = 0;
    for edit in edits {
        let edited_start = edit.span.start.saturating_add_signed(shift);
        if edited_start >= at {
            break;
        }
        shift += edit.with.len() as isize - edit.span.len() as isize;
    }
    at.saturating_add_signed(-shift)
}

/// The edits for one piece of damage the reader read past (none for damage without one
/// obvious repair: single quotes, a missing comma, a comment, Python's `True`).
fn edits_for(text: &str, kind: &ParseErrorKind, span: Span) -> Vec<Edit> {
    let edit = |span: Span, with: &'static str, kind: RepairKind| Edit { span, with, kind };
    match kind {
        ParseErrorKind::TrailingComma => vec![edit(span, "", RepairKind::TrailingComma)],
        ParseErrorKind::UnusualWhitespace { found } => {
            // Zero-width characters go; the others become a plain space.
            let with = if matches!(found, '\u{200B}' | '\u{FEFF}') {
                ""
            } else {
                " "
            };
            vec![edit(span, with, RepairKind::UnusualSpace)]
        }
        ParseErrorKind::SmartQuotes { found } => {
            // The closing quote is the first closer on the same line (as the reader reads it).
            let closers: &[char] = match found {
                '‘' | '’' => &['’', '‘'],
                '＂' => &['＂'],
                _ => &['”', '“', '„', '‟', '"'],
            };
            let after = text.get(span.end..).unwrap_or_default();
            let line = after.split('\n').next().unwrap_or_default();
            let Some((at, closer)) = line.char_indices().find(|(_, c)| closers.contains(c)) else {
                return Vec::new();
            };
            let close = Span::new(span.end + at, span.end + at + closer.len_utf8());
            let mut edits = vec![edit(span, "\"", RepairKind::SmartQuote)];
            if closer != '"' {
                edits.push(edit(close, "\"", RepairKind::SmartQuote));
            }
            edits
        }
        _ => Vec::new(),
    }
}

/// `text` with `edits` (in text order, not overlapping) applied.
fn apply(text: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.span.start < at {
            continue;
        }
        out.push_str(text.get(at..edit.span.start).unwrap_or_default());
        out.push_str(edit.with);
        at = edit.span.end;
    }
    out.push_str(text.get(at..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::read;

    fn repaired(text: &str) -> Option<(String, String)> {
        repair(text, &read(text)).map(|r| (r.text.clone(), r.summary(Lang::En)))
    }

    #[test]
    fn trailing_commas_quotes_spaces_and_python_are_repaired() {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\",},],\n}";
        let (fixed, summary) = repaired(text).unwrap_or_default();
        assert!(json::parse(&fixed).is_ok(), "{fixed}");
        assert_eq!(summary, "remove 3 trailing comma(s)");
        assert_eq!(read(&fixed)[0].kind, InputKind::TrustPolicy);

        let text = "{“Code”: “Success”,\u{a0}“LastUpdated”: “2024-06-20T18:51:35Z”, “InstanceProfileArn”: “arn:aws:iam::123456789012:instance-profile/web”, “InstanceProfileId”: “AIPAABCDEFGHIJKLMN123”}";
        let (fixed, summary) = repaired(text).unwrap_or_default();
        assert!(json::parse(&fixed).is_ok(), "{fixed}");
        assert_eq!(
            summary,
            "straighten 16 typographic quote(s), replace 1 no-break or unusual space(s) with plain spaces"
        );
        assert_eq!(read(&fixed)[0].kind, InputKind::ImdsIamInfo);
        assert!(Repair {
            edits: Vec::new(),
            text: String::new()
        }
        .summary(Lang::Ja)
        .is_empty());
    }

    #[test]
    fn a_document_in_a_transcript_is_repaired_in_place() {
        let text = "$ aws iam get-role --role-name web\n{\"Role\": {\"RoleName\": \"web\", \"Arn\": \"arn:aws:iam::123456789012:role/web\", \"AssumeRolePolicyDocument\": {\"Statement\": [{\"Effect\": \"Allow\", \"Principal\": {\"Service\": \"ec2.amazonaws.com\"}, \"Action\": \"sts:AssumeRole\", \"Sid\": \u{a0}\"x\"}]},}}\n$ ls\nx\n";
        let (fixed, summary) = repaired(text).unwrap_or_default();
        assert!(fixed.starts_with("$ aws iam get-role --role-name web\n{"));
        assert!(fixed.ends_with("]}}}\n$ ls\nx\n"), "{fixed}");
        assert!(fixed.contains("\"Sid\":  \"x\""));
        assert_eq!(
            summary,
            "remove 1 trailing comma(s), replace 1 no-break or unusual space(s) with plain spaces"
        );
    }

    #[test]
    fn no_fix_it_when_nothing_or_not_everything_can_be_repaired() {
        // Valid, unknown, cut off, or damage without one obvious repair.
        for text in [
            "{\"Code\": \"Success\"}",
            "hello",
            "{\"Code\": \"Success\", \"LastUpdated\": ",
            "{'Code': 'Success'}",
            "{\"Code\": \"Success\",, \"x\": 1,}",
        ] {
            assert_eq!(repaired(text), None, "{text}");
        }
    }

    #[test]
    fn many_damaged_strings_take_several_rounds() {
        let members: Vec<String> = (0..150).map(|i| format!("“k{i}”: {i}")).collect();
        let text = format!("{{\"Code\": \"Success\", {}}}", members.join(", "));
        let (fixed, _) = repaired(&text).unwrap_or_default();
        assert!(json::parse(&fixed).is_ok());
    }
}
