//! `metadata-options`: `aws ec2 modify-instance-metadata-options` output
//! (`{"InstanceId", "InstanceMetadataOptions"}`), bare `MetadataOptions` objects (a `--query` of
//! describe-instances), and Terraform's `metadata_options { … }` blocks (`aws_instance`,
//! `aws_launch_template`), whose arguments are the API's fields in snake case.

use super::facts::{Facts, Instance, Located, MetadataOptions};
use super::fields;
use super::scan;
use super::{InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::Json;
use crate::text::Span;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::MetadataOptions,
    commands: &[
        "ec2 modify-instance-metadata-options",
        "ec2 modify-instance-metadata-defaults",
        "ec2 get-instance-metadata-defaults",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

pub(super) fn is_options(json: &Json) -> bool {
    ["HttpTokens", "HttpEndpoint", "HttpPutResponseHopLimit"]
        .iter()
        .filter(|key| fields::has(json, key))
        .count()
        >= 1
        && !fields::has(json, "InstanceId")
}

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "InstanceMetadataOptions").is_some_and(|o| o.as_object().is_some()) {
        return 95;
    }
    if fields::all_objects(json, |object| {
        is_options(object)
            || (fields::get(object, "MetadataOptions").is_some_and(is_options)
                && object.as_object().is_some_and(|m| m.len() <= 2))
    }) {
        return 75;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let mut instances = Vec::new();
    for (object, path) in fields::fragment_objects(piece.json, "$") {
        let (options, options_path) =
            match fields::get_any(object, &["InstanceMetadataOptions", "MetadataOptions"]) {
                Some((inner, key)) => (inner, fields::key_path(&path, key)),
                None => (object, path.clone()),
            };
        instances.push(Instance {
            id: fields::text(object, paste, &path, "InstanceId"),
            owner: None,
            state: None,
            profile_arn: None,
            profile_id: None,
            profile_span: None,
            metadata_options: Some(read_options(paste, options, &options_path)),
            launch_time: None,
        });
    }
    Reading::new(
        InputKind::MetadataOptions,
        Facts::MetadataOptions(instances),
    )
}

/// Reads a `MetadataOptions` / `InstanceMetadataOptions` object.
pub(super) fn read_options(paste: &str, json: &Json, path: &str) -> MetadataOptions {
    MetadataOptions {
        span: json.span,
        state: fields::text(json, paste, path, "State"),
        http_tokens: fields::text(json, paste, path, "HttpTokens"),
        http_put_response_hop_limit: fields::number(json, path, "HttpPutResponseHopLimit"),
        http_endpoint: fields::text(json, paste, path, "HttpEndpoint"),
        http_protocol_ipv6: fields::text(json, paste, path, "HttpProtocolIpv6"),
        instance_metadata_tags: fields::text(json, paste, path, "InstanceMetadataTags"),
    }
}

/// Terraform's `metadata_options` block: `http_tokens = "required"`,
/// `http_put_response_hop_limit = 1` … up to its closing brace.
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let mut instances = Vec::new();
    let mut open: Option<MetadataOptions> = None;
    for line in scan::lines(paste, piece.span) {
        let trimmed = scan::trim(paste, line);
        let text = trimmed.slice(paste);
        if let Some(options) = open.as_mut() {
            if text.starts_with('}') {
                options.span.end = trimmed.end;
                instances.extend(open.take().map(|options| Instance {
                    id: None,
                    owner: None,
                    state: None,
                    profile_arn: None,
                    profile_id: None,
                    profile_span: None,
                    metadata_options: Some(options),
                    launch_time: None,
                }));
                continue;
            }
            let Some((key, value)) = text.split_once('=') else {
                continue;
            };
            let key = key.trim();
            let raw = value.trim();
            let value = raw.trim_matches('"');
            let start = trimmed.start + text.len() - raw.len() + usize::from(raw.starts_with('"'));
            let located = Located::new(value.to_owned(), Span::new(start, start + value.len()));
            match key {
                "http_tokens" => options.http_tokens = Some(located),
                "http_endpoint" => options.http_endpoint = Some(located),
                "http_protocol_ipv6" => options.http_protocol_ipv6 = Some(located),
                "instance_metadata_tags" => options.instance_metadata_tags = Some(located),
                "http_put_response_hop_limit" => {
                    options.http_put_response_hop_limit =
                        value.parse().ok().map(|n| Located::new(n, located.span));
                }
                _ => {}
            }
            continue;
        }
        let opens = text
            .strip_prefix("metadata_options")
            .is_some_and(|rest| rest.trim() == "{");
        if opens {
            open = Some(MetadataOptions {
                span: trimmed,
                state: None,
                http_tokens: None,
                http_put_response_hop_limit: None,
                http_endpoint: None,
                http_protocol_ipv6: None,
                instance_metadata_tags: None,
            });
        }
    }
    let any = instances.iter().any(|i| {
        i.metadata_options.as_ref().is_some_and(|o| {
            o.http_tokens.is_some()
                || o.http_endpoint.is_some()
                || o.http_put_response_hop_limit.is_some()
        })
    });
    any.then(|| {
        (
            85,
            Reading::new(
                InputKind::MetadataOptions,
                Facts::MetadataOptions(instances),
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::input::{read, Facts, InputKind};

    #[test]
    fn reads_a_terraform_block() {
        let text = "resource \"aws_instance\" \"web\" {\n  metadata_options {\n    http_endpoint               = \"enabled\"\n    http_tokens                 = \"required\"\n    http_put_response_hop_limit = 1\n  }\n}\n";
        let inputs = read(text);
        let options = inputs.iter().find_map(|i| match &i.facts {
            Facts::MetadataOptions(found) => found.first()?.metadata_options.clone(),
            _ => None,
        });
        let options = options.unwrap_or_else(|| panic!("{inputs:?}"));
        assert_eq!(
            inputs.first().map(|i| i.kind),
            Some(InputKind::MetadataOptions)
        );
        let tokens = options
            .http_tokens
            .map(|t| (t.value.clone(), t.span.slice(text).to_owned()));
        assert_eq!(tokens, Some(("required".to_owned(), "required".to_owned())));
        assert_eq!(
            options.http_put_response_hop_limit.map(|h| h.value),
            Some(1)
        );
    }
}
