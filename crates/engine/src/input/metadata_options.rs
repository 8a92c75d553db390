//! `metadata-options`: `aws ec2 modify-instance-metadata-options` output
//! (`{"InstanceId", "InstanceMetadataOptions"}`) and bare `MetadataOptions` objects (a
//! `--query` of describe-instances).

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

/// The options as Terraform writes them (`metadata_options { http_put_response_hop_limit = 1 }`
/// in an `aws_instance` or `aws_launch_template`), and as CLI flags
/// (`--metadata-options "HttpTokens=required,HttpPutResponseHopLimit=1"`,
/// `--http-put-response-hop-limit 1`): stated settings count as evidence.
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let paste = piece.paste;
    let span = piece.span;
    let hcl = scan::find_phrase(paste, span.start, span.end, "metadata_options {");
    let mut options = MetadataOptions {
        span,
        state: None,
        http_tokens: None,
        http_put_response_hop_limit: None,
        http_endpoint: None,
        http_protocol_ipv6: None,
        instance_metadata_tags: None,
    };
    let (names, from) = match hcl {
        Some(block) => (HCL_NAMES, block.end),
        None => (FLAG_NAMES, span.start),
    };
    let mut any = false;
    for (name, field) in names {
        let Some(at) = scan::find_ci(paste, Span::new(from, span.end), name) else {
            continue;
        };
        let value = value_after(paste, at.end, span.end);
        if value.is_empty() {
            continue;
        }
        let text = value.slice(paste).to_string();
        any = true;
        match field {
            Field::HopLimit => {
                options.http_put_response_hop_limit =
                    text.parse().ok().map(|n| Located::new(n, value));
            }
            Field::Tokens => options.http_tokens = Some(Located::new(text, value)),
            Field::Endpoint => options.http_endpoint = Some(Located::new(text, value)),
        }
    }
    if !any || (hcl.is_none() && options.http_put_response_hop_limit.is_none()) {
        return None;
    }
    let instance = Instance {
        id: None,
        owner: None,
        state: None,
        profile_arn: None,
        profile_id: None,
        profile_span: None,
        metadata_options: Some(options),
        launch_time: None,
    };
    // A Terraform block is a precise structure: it wins over notes around it.
    Some((
        if hcl.is_some() { 75 } else { 60 },
        Reading::new(
            InputKind::MetadataOptions,
            Facts::MetadataOptions(vec![instance]),
        ),
    ))
}

#[derive(Clone, Copy)]
enum Field {
    HopLimit,
    Tokens,
    Endpoint,
}

const HCL_NAMES: &[(&str, Field)] = &[
    ("http_put_response_hop_limit", Field::HopLimit),
    ("http_tokens", Field::Tokens),
    ("http_endpoint", Field::Endpoint),
];

const FLAG_NAMES: &[(&str, Field)] = &[
    ("HttpPutResponseHopLimit=", Field::HopLimit),
    ("--http-put-response-hop-limit", Field::HopLimit),
    ("HttpTokens=", Field::Tokens),
    ("--http-tokens", Field::Tokens),
    ("HttpEndpoint=", Field::Endpoint),
    ("--http-endpoint", Field::Endpoint),
];

/// The value after a name: past ` = `, spaces and quotes, up to a quote, comma or space.
fn value_after(paste: &str, from: usize, end: usize) -> Span {
    let bytes = paste.as_bytes();
    let mut start = from;
    while start < end && bytes.get(start).is_some_and(|b| b" \t=\"'".contains(b)) {
        start += 1;
    }
    scan::run_while(paste, start, end, |b| {
        b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
    })
}

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
