//! `metadata-options`: `aws ec2 modify-instance-metadata-options` output
//! (`{"InstanceId", "InstanceMetadataOptions"}`) and bare `MetadataOptions` objects (a
//! `--query` of describe-instances).

use super::facts::{Facts, Instance, MetadataOptions};
use super::fields;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::MetadataOptions,
    commands: &[
        "ec2 modify-instance-metadata-options",
        "ec2 modify-instance-metadata-defaults",
        "ec2 get-instance-metadata-defaults",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
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
