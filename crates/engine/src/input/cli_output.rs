//! `--output yaml` of the AWS CLI (v2, and v1 with `yaml`), read like its JSON: the block
//! mappings and sequences the CLI writes are turned into the JSON document they stand for, every
//! value keeping the span of its own text in the paste, and the document goes to the same kind
//! signatures as JSON (so `get-instance-profile`, `describe-instances`, `get-role`,
//! `describe-iam-instance-profile-associations`, `get-caller-identity` … read alike).
//!
//! `--output text` is read the same way for the outputs the diagnosis uses: the CLI prints each
//! object as `NAME\tvalue\tvalue…` (`INSTANCEPROFILE`, `ROLES`, `IAMINSTANCEPROFILE`,
//! `METADATAOPTIONS`, `INSTANCES`, `IAMINSTANCEPROFILEASSOCIATIONS`, `ROLE`) with the keys left
//! out; each value is put back under its key by its shape (an instance-profile ARN, an `AIPA…`
//! id, a date, a path, `required` …), which does not depend on the CLI's key order.
//!
//! Only the shapes the CLI prints are read: `key: value`, `key:` followed by a deeper block or a
//! `- ` sequence at the same indent, `- key: value` items, `- scalar` items, `[]` / `{}`, plain,
//! single- and double-quoted scalars. Anything else is not YAML output and is left to the other
//! readers.

use super::command::CommandLine;
use super::scan;
use super::{best_json_kind, kind_of_command, remap_json, secrets, JsonPiece, Reading};
use crate::json;
use crate::text::Span;

/// One line of the block: its indent and where its content starts and ends in the paste.
#[derive(Clone, Copy)]
struct Line {
    indent: usize,
    start: usize,
    end: usize,
}

/// The JSON being written, with anchors from its offsets to the paste's.
struct Writer {
    json: String,
    /// (offset in `json`, offset in the paste), in increasing order of both.
    anchors: Vec<(usize, usize)>,
}

impl Writer {
    fn anchor(&mut self, paste_at: usize) {
        let at = self.json.len();
        if self.anchors.last().is_none_or(|(j, _)| *j < at) {
            self.anchors.push((at, paste_at));
        }
    }

    /// A scalar whose text is `paste[span]`, as JSON (a string unless it is a plain number,
    /// boolean or null), mapped onto that text.
    fn scalar(&mut self, paste: &str, span: Span, quoted: bool) {
        let text = span.slice(paste);
        self.anchor(span.start);
        let plain_literal = !quoted
            && (matches!(text, "true" | "false" | "null")
                || (!text.is_empty()
                    && text.len() < 16
                    && text.bytes().all(|b| b.is_ascii_digit())
                    && !(text.len() > 1 && text.starts_with('0'))));
        if plain_literal {
            self.json.push_str(text);
        } else {
            self.json.push_str(&crate::text::json_string(text));
        }
        self.anchor(span.end);
    }
}

/// Reads `paste[span]` as CLI YAML output, when every line has a shape the CLI writes and a
/// JSON kind recognises the document.
pub(super) fn read_yaml(paste: &str, span: Span, command: Option<&CommandLine>) -> Option<Reading> {
    let span = scan::trim(paste, span);
    let mut lines = Vec::new();
    let mut mapping_lines = 0usize;
    for line in scan::lines(paste, span) {
        let text = line.slice(paste);
        if text.trim().is_empty() {
            continue;
        }
        let indent = text.len() - text.trim_start_matches(' ').len();
        let content = text.trim();
        if content.starts_with('#') || text.starts_with('\t') {
            return None;
        }
        let item = content.strip_prefix("- ").unwrap_or(content);
        if key_of(item).is_some() {
            mapping_lines += 1;
        } else if !content.starts_with("- ") {
            return None;
        }
        let start = line.start + indent;
        lines.push(Line {
            indent,
            start,
            end: scan::trim(paste, Span::new(start, line.end)).end,
        });
    }
    // A single `key: value` line is a note, not output.
    if mapping_lines < 2 || lines.first().is_none_or(|l| l.indent != 0) {
        return None;
    }
    let mut writer = Writer {
        json: String::new(),
        anchors: Vec::new(),
    };
    let mut at = 0;
    block(paste, &mut lines, &mut at, 0, &mut writer)?;
    if at != lines.len() {
        return None;
    }
    let mut document = json::parse(&writer.json).ok()?;
    let anchors = writer.anchors;
    let map = |offset: usize| -> usize {
        match anchors.binary_search_by_key(&offset, |(j, _)| *j) {
            Ok(i) => anchors.get(i).map_or(span.start, |(_, p)| *p),
            Err(0) => span.start,
            Err(i) => anchors.get(i - 1).map_or(span.start, |(_, p)| *p),
        }
    };
    remap_json(&mut document, &map);
    let command_kind = command.and_then(kind_of_command);
    let signature = best_json_kind(&document, command_kind)?;
    let read = signature.read_json?;
    let mut reading = read(&JsonPiece {
        paste,
        json: &document,
    });
    reading.secrets.extend(secrets::scan_text(paste, span));
    Some(reading)
}

/// A value's place in its object, by its shape.
fn field_of(object: &str, value: &str, taken: &[&str]) -> Option<&'static str> {
    let is_date = value.len() >= 10
        && value.as_bytes().get(4) == Some(&b'-')
        && value.bytes().take(4).all(|b| b.is_ascii_digit());
    let free = |name: &'static str| (!taken.contains(&name)).then_some(name);
    match object {
        "INSTANCEPROFILE" | "INSTANCEPROFILES" => {
            if value.starts_with("arn:") && value.contains(":instance-profile/") {
                free("Arn")
            } else if is_date {
                free("CreateDate")
            } else if value.starts_with("AIPA") {
                free("InstanceProfileId")
            } else if value.starts_with('/') {
                free("Path")
            } else {
                free("InstanceProfileName")
            }
        }
        "ROLES" | "ROLE" => {
            if value.starts_with("arn:") && value.contains(":role/") {
                free("Arn")
            } else if is_date {
                free("CreateDate")
            } else if value.starts_with("AROA") {
                free("RoleId")
            } else if value.starts_with('/') {
                free("Path")
            } else if value.bytes().all(|b| b.is_ascii_digit()) {
                free("MaxSessionDuration")
            } else {
                free("RoleName")
            }
        }
        "IAMINSTANCEPROFILE" => {
            if value.starts_with("arn:") {
                free("Arn")
            } else {
                free("Id")
            }
        }
        "METADATAOPTIONS" => match value {
            "required" | "optional" => free("HttpTokens"),
            "applied" | "pending" => free("State"),
            "enabled" | "disabled" => ["HttpEndpoint", "HttpProtocolIpv6", "InstanceMetadataTags"]
                .into_iter()
                .find(|name| !taken.contains(name)),
            _ if value.bytes().all(|b| b.is_ascii_digit()) => free("HttpPutResponseHopLimit"),
            _ => None,
        },
        "INSTANCES" => (value.starts_with("i-") && super::is_instance_id(value))
            .then_some("InstanceId")
            .and_then(free),
        "IAMINSTANCEPROFILEASSOCIATIONS" | "IAMINSTANCEPROFILEASSOCIATION" => {
            if value.starts_with("iip-assoc-") {
                free("AssociationId")
            } else if value.starts_with("i-") {
                free("InstanceId")
            } else if is_date {
                free("Timestamp")
            } else if matches!(
                value,
                "associated" | "associating" | "disassociating" | "disassociated"
            ) {
                free("State")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// One `NAME\tvalues…` object of text output: its fields (name, value span).
struct TextObject {
    name: &'static str,
    fields: Vec<(&'static str, Span)>,
}

const TEXT_OBJECTS: &[&str] = &[
    "INSTANCEPROFILE",
    "INSTANCEPROFILES",
    "ROLES",
    "ROLE",
    "IAMINSTANCEPROFILE",
    "METADATAOPTIONS",
    "INSTANCES",
    "IAMINSTANCEPROFILEASSOCIATIONS",
    "IAMINSTANCEPROFILEASSOCIATION",
];

/// Reads `paste[span]` as `--output text` of the outputs the diagnosis uses.
pub(super) fn read_text_output(
    paste: &str,
    span: Span,
    command: Option<&CommandLine>,
) -> Option<Reading> {
    let span = scan::trim(paste, span);
    let mut objects: Vec<TextObject> = Vec::new();
    for line in scan::lines(paste, span) {
        // The object's name first: a line that does not start with one ends the reading before
        // its words are split.
        let head = scan::token(
            paste,
            scan::skip_space(paste, line.start, line.end),
            line.end,
        );
        if !head.slice(paste).bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let mut words = Vec::new();
        let mut pos = line.start;
        while pos < line.end {
            let start = scan::skip_space(paste, pos, line.end);
            let word = scan::token(paste, start, line.end);
            if word.is_empty() {
                break;
            }
            words.push(word);
            pos = word.end;
        }
        let Some((head, values)) = words.split_first() else {
            continue;
        };
        let head = head.slice(paste);
        if !head.bytes().all(|b| b.is_ascii_uppercase()) {
            return None;
        }
        let Some(name) = TEXT_OBJECTS.iter().find(|n| **n == head) else {
            // Other objects of the output (`RESERVATIONS`, `STATEMENT` …) carry nothing read here.
            continue;
        };
        let mut fields: Vec<(&'static str, Span)> = Vec::new();
        for value in values {
            let taken: Vec<&str> = fields.iter().map(|(n, _)| *n).collect();
            if let Some(field) = field_of(name, value.slice(paste), &taken) {
                fields.push((field, *value));
            }
        }
        objects.push(TextObject { name, fields });
    }
    if objects.is_empty() {
        return None;
    }
    let mut writer = Writer {
        json: String::new(),
        anchors: Vec::new(),
    };
    write_text_document(paste, &objects, &mut writer);
    let mut document = json::parse(&writer.json).ok()?;
    let anchors = writer.anchors;
    let map = |offset: usize| -> usize {
        match anchors.binary_search_by_key(&offset, |(j, _)| *j) {
            Ok(i) => anchors.get(i).map_or(span.start, |(_, p)| *p),
            Err(0) => span.start,
            Err(i) => anchors.get(i - 1).map_or(span.start, |(_, p)| *p),
        }
    };
    remap_json(&mut document, &map);
    let command_kind = command.and_then(kind_of_command);
    let signature = best_json_kind(&document, command_kind)?;
    let read = signature.read_json?;
    let mut reading = read(&JsonPiece {
        paste,
        json: &document,
    });
    reading.secrets.extend(secrets::scan_text(paste, span));
    Some(reading)
}

fn write_fields(paste: &str, fields: &[(&'static str, Span)], writer: &mut Writer) {
    for (i, (name, value)) in fields.iter().enumerate() {
        if i > 0 {
            writer.json.push(',');
        }
        writer.json.push_str(&crate::text::json_string(name));
        writer.json.push(':');
        let quoted = *name != "HttpPutResponseHopLimit" && *name != "MaxSessionDuration";
        writer.scalar(paste, *value, quoted);
    }
}

/// The JSON document the text output stands for.
fn write_text_document(paste: &str, objects: &[TextObject], writer: &mut Writer) {
    let has = |name: &str| objects.iter().any(|o| o.name == name);
    let w = |writer: &mut Writer, text: &str| writer.json.push_str(text);
    if has("INSTANCEPROFILE") || has("INSTANCEPROFILES") {
        let many = has("INSTANCEPROFILES");
        w(
            writer,
            if many {
                "{\"InstanceProfiles\":["
            } else {
                "{\"InstanceProfile\":"
            },
        );
        let mut first = true;
        let mut open = false;
        for object in objects {
            match object.name {
                "INSTANCEPROFILE" | "INSTANCEPROFILES" => {
                    if open {
                        w(writer, "]}");
                    }
                    if !first {
                        w(writer, ",");
                    }
                    first = false;
                    w(writer, "{");
                    write_fields(paste, &object.fields, writer);
                    if !object.fields.is_empty() {
                        w(writer, ",");
                    }
                    w(writer, "\"Roles\":[");
                    open = true;
                }
                "ROLES" if open => {
                    if writer.json.ends_with('}') {
                        w(writer, ",");
                    }
                    w(writer, "{");
                    write_fields(paste, &object.fields, writer);
                    w(writer, "}");
                }
                _ => {}
            }
        }
        if open {
            w(writer, "]}");
        }
        w(writer, if many { "]}" } else { "}" });
        return;
    }
    if has("IAMINSTANCEPROFILEASSOCIATIONS") || has("IAMINSTANCEPROFILEASSOCIATION") {
        w(writer, "{\"IamInstanceProfileAssociations\":[");
        let mut open = false;
        for object in objects {
            match object.name {
                "IAMINSTANCEPROFILEASSOCIATIONS" | "IAMINSTANCEPROFILEASSOCIATION" => {
                    if open {
                        w(writer, "},");
                    }
                    w(writer, "{");
                    write_fields(paste, &object.fields, writer);
                    open = true;
                }
                "IAMINSTANCEPROFILE" if open => {
                    w(writer, ",\"IamInstanceProfile\":{");
                    write_fields(paste, &object.fields, writer);
                    w(writer, "}");
                }
                _ => {}
            }
        }
        if open {
            w(writer, "}");
        }
        w(writer, "]}");
        return;
    }
    if has("INSTANCES") {
        w(writer, "{\"Reservations\":[{\"Instances\":[");
        let mut open = false;
        for object in objects {
            match object.name {
                "INSTANCES" => {
                    if open {
                        w(writer, "},");
                    }
                    w(writer, "{");
                    write_fields(paste, &object.fields, writer);
                    open = true;
                }
                "IAMINSTANCEPROFILE" | "METADATAOPTIONS" if open => {
                    let key = if object.name == "IAMINSTANCEPROFILE" {
                        "IamInstanceProfile"
                    } else {
                        "MetadataOptions"
                    };
                    if !writer.json.ends_with('{') {
                        w(writer, ",");
                    }
                    w(writer, &format!("\"{key}\":{{"));
                    write_fields(paste, &object.fields, writer);
                    w(writer, "}");
                }
                _ => {}
            }
        }
        if open {
            w(writer, "}");
        }
        w(writer, "]}]}");
        return;
    }
    if let Some(role) = objects.iter().find(|o| o.name == "ROLE") {
        w(writer, "{\"Role\":{");
        write_fields(paste, &role.fields, writer);
        w(writer, "}}");
        return;
    }
    if let Some(options) = objects.iter().find(|o| o.name == "METADATAOPTIONS") {
        w(writer, "{");
        write_fields(paste, &options.fields, writer);
        w(writer, "}");
        return;
    }
    w(writer, "null");
}

/// `key` of `key: value` / `key:` (a CLI key: letters, digits, `_`, `-`, `.`, `:` inside).
fn key_of(content: &str) -> Option<(&str, &str)> {
    let colon = content.find(": ").or_else(|| {
        content
            .strip_suffix(':')
            .map(|key| key.len())
            .filter(|_| !content.ends_with("::"))
    })?;
    let key = content.get(..colon)?;
    let valid = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_-.".contains(&b));
    valid.then(|| (key, content.get(colon + 1..).unwrap_or("").trim()))
}

/// The block starting at `lines[*at]` whose lines are indented `indent`.
fn block(
    paste: &str,
    lines: &mut [Line],
    at: &mut usize,
    indent: usize,
    writer: &mut Writer,
) -> Option<()> {
    let first = *lines.get(*at)?;
    if first.indent != indent {
        return None;
    }
    if Span::new(first.start, first.end)
        .slice(paste)
        .starts_with("- ")
    {
        sequence(paste, lines, at, indent, writer)
    } else {
        mapping(paste, lines, at, indent, writer)
    }
}

fn sequence(
    paste: &str,
    lines: &mut [Line],
    at: &mut usize,
    indent: usize,
    writer: &mut Writer,
) -> Option<()> {
    writer.anchor(lines.get(*at)?.start);
    writer.json.push('[');
    let mut first = true;
    while let Some(line) = lines.get(*at).copied() {
        let text = Span::new(line.start, line.end).slice(paste);
        if line.indent != indent || !text.starts_with("- ") {
            break;
        }
        if !first {
            writer.json.push(',');
        }
        first = false;
        let after = text.get(2..)?;
        let skipped = 2 + (after.len() - after.trim_start().len());
        let inner = Line {
            indent: indent + skipped,
            start: line.start + skipped,
            end: line.end,
        };
        if key_of(Span::new(inner.start, inner.end).slice(paste)).is_some() {
            // `- key: value`: a mapping whose first line is the item's.
            if let Some(slot) = lines.get_mut(*at) {
                *slot = inner;
            }
            mapping(paste, lines, at, inner.indent, writer)?;
        } else {
            scalar(paste, Span::new(inner.start, inner.end), writer);
            *at += 1;
        }
    }
    writer.json.push(']');
    writer.anchor(lines.get(at.saturating_sub(1))?.end);
    Some(())
}

fn mapping(
    paste: &str,
    lines: &mut [Line],
    at: &mut usize,
    indent: usize,
    writer: &mut Writer,
) -> Option<()> {
    writer.anchor(lines.get(*at)?.start);
    writer.json.push('{');
    let mut first = true;
    while let Some(line) = lines.get(*at).copied() {
        if line.indent != indent {
            break;
        }
        let text = Span::new(line.start, line.end).slice(paste);
        if text.starts_with("- ") {
            break;
        }
        let (key, value) = key_of(text)?;
        if !first {
            writer.json.push(',');
        }
        first = false;
        writer.scalar(paste, Span::new(line.start, line.start + key.len()), true);
        writer.json.push(':');
        *at += 1;
        if value.is_empty() {
            match lines.get(*at).copied() {
                Some(next) if next.indent > indent => {
                    block(paste, lines, at, next.indent, writer)?;
                }
                Some(next)
                    if next.indent == indent
                        && Span::new(next.start, next.end)
                            .slice(paste)
                            .starts_with("- ") =>
                {
                    sequence(paste, lines, at, indent, writer)?;
                }
                _ => writer.json.push_str("null"),
            }
        } else {
            let value_start = line.end - value.len();
            scalar(paste, Span::new(value_start, line.end), writer);
        }
    }
    writer.json.push('}');
    writer.anchor(lines.get(at.saturating_sub(1))?.end);
    Some(())
}

/// A scalar value: `[]`, `{}`, quoted or plain.
fn scalar(paste: &str, span: Span, writer: &mut Writer) {
    let text = span.slice(paste);
    match text {
        "[]" => writer.json.push_str("[]"),
        "{}" => writer.json.push_str("{}"),
        _ => {
            let quoted = text.len() >= 2
                && ((text.starts_with('\'') && text.ends_with('\''))
                    || (text.starts_with('"') && text.ends_with('"')));
            if quoted {
                let inner = Span::new(span.start + 1, span.end - 1);
                if text.contains("''") || text.contains('\\') {
                    // Escapes: the value is rewritten, its span stays the quoted text.
                    let value = if text.starts_with('\'') {
                        inner.slice(paste).replace("''", "'")
                    } else {
                        inner.slice(paste).replace("\\\"", "\"")
                    };
                    writer.anchor(span.start);
                    writer.json.push_str(&crate::text::json_string(&value));
                    writer.anchor(span.end);
                } else {
                    writer.scalar(paste, inner, true);
                }
            } else {
                writer.scalar(paste, span, false);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{read, Facts, InputKind};

    #[test]
    fn get_instance_profile_as_yaml_reads_like_its_json() {
        let text = "$ aws iam get-instance-profile --instance-profile-name web --output yaml\nInstanceProfile:\n  Arn: arn:aws:iam::123456789012:instance-profile/web\n  CreateDate: '2024-06-20T18:51:35+00:00'\n  InstanceProfileId: AIPAABCDEFGHIJKLMN123\n  InstanceProfileName: web\n  Path: /\n  Roles: []\n";
        let inputs = read(text);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].kind, InputKind::GetInstanceProfile);
        let Facts::InstanceProfiles(profiles) = &inputs[0].facts else {
            panic!("profiles");
        };
        let profile = &profiles[0];
        assert!(profile.roles.is_empty() && profile.roles_span.is_some());
        assert_eq!(
            profile.id.as_ref().map(|id| id.span.slice(text)),
            Some("AIPAABCDEFGHIJKLMN123")
        );
        assert_eq!(
            profile.create_date.as_ref().map(|d| d.span.slice(text)),
            Some("2024-06-20T18:51:35+00:00")
        );
    }

    #[test]
    fn sequences_of_mappings_and_numbers() {
        let text = "Reservations:\n- Instances:\n  - IamInstanceProfile:\n      Arn: arn:aws:iam::123456789012:instance-profile/web\n      Id: AIPAABCDEFGHIJKLMN123\n    InstanceId: i-0123456789abcdef0\n    MetadataOptions:\n      HttpEndpoint: enabled\n      HttpPutResponseHopLimit: 1\n      HttpTokens: required\n      State: applied\n  OwnerId: '123456789012'\n";
        let inputs = read(text);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].kind, InputKind::DescribeInstances);
        let Facts::Instances(instances) = &inputs[0].facts else {
            panic!("instances");
        };
        let options = instances[0].metadata_options.as_ref();
        assert_eq!(
            options
                .and_then(|o| o.http_put_response_hop_limit.as_ref())
                .map(|l| l.value),
            Some(1)
        );
        assert_eq!(
            instances[0].id.as_ref().map(|i| i.span.slice(text)),
            Some("i-0123456789abcdef0")
        );
    }

    #[test]
    fn text_output_reads_like_its_json() {
        let text = "$ aws iam get-instance-profile --instance-profile-name web --output text\nINSTANCEPROFILE\tarn:aws:iam::123456789012:instance-profile/web\t2024-06-20T18:51:35+00:00\tAIPAABCDEFGHIJKLMN123\tweb\t/\nROLES\tarn:aws:iam::123456789012:role/web-role\t2024-06-20T18:51:35+00:00\t/\tAROAEXAMPLEROLEID0001\tweb-role\nASSUMEROLEPOLICYDOCUMENT\t2012-10-17\nSTATEMENT\tsts:AssumeRole\tAllow\nPRINCIPAL\tec2.amazonaws.com\n";
        let inputs = read(text);
        assert_eq!(inputs.len(), 1);
        assert_eq!(inputs[0].kind, InputKind::GetInstanceProfile);
        let Facts::InstanceProfiles(profiles) = &inputs[0].facts else {
            panic!("profiles");
        };
        assert_eq!(profiles[0].roles.len(), 1);
        assert_eq!(
            profiles[0].roles[0]
                .name
                .as_ref()
                .map(|n| n.span.slice(text)),
            Some("web-role")
        );
        let text = "$ aws ec2 describe-instances --instance-ids i-0123456789abcdef0 --output text\nRESERVATIONS\t123456789012\tr-0abc\nINSTANCES\t0\tx86_64\ti-0123456789abcdef0\tt3.micro\nIAMINSTANCEPROFILE\tarn:aws:iam::123456789012:instance-profile/web\tAIPAABCDEFGHIJKLMN123\nMETADATAOPTIONS\tenabled\tdisabled\t1\trequired\tdisabled\tapplied\n";
        let inputs = read(text);
        assert_eq!(inputs[0].kind, InputKind::DescribeInstances);
        let Facts::Instances(instances) = &inputs[0].facts else {
            panic!("instances");
        };
        let options = instances[0].metadata_options.as_ref();
        assert_eq!(
            options
                .and_then(|o| o.http_tokens.as_ref())
                .map(|t| t.value.as_str()),
            Some("required")
        );
        assert_eq!(
            options
                .and_then(|o| o.http_put_response_hop_limit.as_ref())
                .map(|l| l.value),
            Some(1)
        );
    }

    #[test]
    fn notes_and_logs_are_not_yaml() {
        assert!(read("Note: this is what I see\nError: AccessDenied")
            .iter()
            .all(|i| i.kind != InputKind::GetInstanceProfile));
    }
}
