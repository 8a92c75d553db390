//! `describe-instances`: `aws ec2 describe-instances` (`Reservations[].Instances[]`),
//! `run-instances` (`{"Instances": […], "OwnerId"}`), and `--query` fragments: an instance, a
//! list of them (nested lists too), or only `IamInstanceProfile` objects (`{"Arn", "Id"}`).

use super::facts::{Facts, Instance, Located};
use super::fields;
use super::metadata_options::read_options;
use super::problems::ReadProblem;
use super::scan;
use super::{is_instance_id, InputKind, JsonPiece, Reading, Signature, TextPiece};
use crate::json::{self, Json};

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::DescribeInstances,
    commands: &[
        "ec2 describe-instances",
        "ec2 run-instances",
        "ec2 start-instances",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: Some(read_text),
};

fn is_instance(json: &Json) -> bool {
    fields::has(json, "InstanceId")
        && [
            "ImageId",
            "InstanceType",
            "IamInstanceProfile",
            "State",
            "LaunchTime",
            "MetadataOptions",
            "PrivateIpAddress",
        ]
        .iter()
        .any(|key| fields::has(json, key))
}

/// `{"Arn": "arn:…:instance-profile/…", "Id": …}`: the `IamInstanceProfile` of an instance.
fn is_profile_reference(json: &Json) -> bool {
    fields::get(json, "Arn")
        .and_then(|arn| arn.as_str())
        .is_some_and(|arn| arn.contains(":instance-profile/"))
        && json.as_object().is_some_and(|members| members.len() <= 2)
}

/// `{"IamInstanceProfile": {"Arn", "Id"}}`: the member copied on its own.
fn profile_wrapper<'j, 'a>(json: &'j Json<'a>) -> Option<&'j Json<'a>> {
    let members = json.as_object()?;
    let member = members.first().filter(|_| members.len() == 1)?;
    (member.key == "IamInstanceProfile" && is_profile_reference(&member.value))
        .then_some(&member.value)
}

fn recognise_json(json: &Json) -> u8 {
    if fields::get(json, "Reservations").is_some_and(|r| r.as_array().is_some()) {
        return 95;
    }
    if fields::get(json, "Instances").is_some_and(|list| {
        list.as_array()
            .is_some_and(|items| items.iter().all(is_instance))
    }) {
        return 90;
    }
    if fields::all_objects(json, |object| {
        is_instance(object) || is_profile_reference(object) || profile_wrapper(object).is_some()
    }) {
        return 80;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let mut instances = Vec::new();
    if fields::has(json, "Reservations") {
        let reservations: Vec<_> = fields::list(json, "$", "Reservations")
            .into_iter()
            .map(|(reservation, path)| {
                let owner = fields::text(reservation, paste, &path, "OwnerId");
                (owner, fields::list(reservation, &path, "Instances"))
            })
            .collect();
        // Sized once: grown by doubling, a fleet's list would be copied at each step and hold
        // up to twice the room it needs.
        instances.reserve_exact(reservations.iter().map(|(_, list)| list.len()).sum());
        for (owner, list) in reservations {
            for (instance, instance_path) in list {
                // The instances of a big document were dropped from its tree as soon as they
                // were read (see `input::PRUNE_FROM`): each is read again from its text, on its
                // own, so the tree of only one instance is held at a time.
                let read_again;
                let instance = if instance.is_pruned(paste) {
                    match json::parse_at(paste, instance.span.start) {
                        Ok((whole, _)) => {
                            read_again = whole;
                            &read_again
                        }
                        // It was read once already: cannot happen.
                        Err(_) => continue,
                    }
                } else {
                    instance
                };
                instances.push(read_instance(
                    paste,
                    instance,
                    &instance_path,
                    owner.clone(),
                ));
            }
        }
    } else if fields::has(json, "Instances") {
        let owner = fields::text(json, paste, "$", "OwnerId");
        for (instance, path) in fields::list(json, "$", "Instances") {
            instances.push(read_instance(paste, instance, &path, owner.clone()));
        }
    } else {
        for (object, path) in fields::fragment_objects(json, "$") {
            let (object, path) = match profile_wrapper(object) {
                Some(inner) => (inner, fields::key_path(&path, "IamInstanceProfile")),
                None => (object, path),
            };
            if is_profile_reference(object) {
                instances.push(Instance {
                    id: None,
                    owner: None,
                    state: None,
                    profile_arn: fields::text(object, paste, &path, "Arn"),
                    profile_id: fields::text(object, paste, &path, "Id"),
                    profile_span: Some(object.span),
                    metadata_options: None,
                    launch_time: None,
                });
            } else if is_instance(object) {
                instances.push(read_instance(paste, object, &path, None));
            }
        }
    }
    let mut reading = Reading::new(InputKind::DescribeInstances, Facts::Instances(Vec::new()));
    for id in instances
        .iter()
        .filter_map(|instance| instance.profile_id.as_ref())
    {
        // moto puts the association id here; AWS puts the instance profile id (`AIPA…`).
        if id.value.starts_with("iip-assoc-") {
            reading.problems.push(ReadProblem::bad_value(
                id.span,
                InputKind::DescribeInstances,
                "IamInstanceProfile.Id",
                "is an association id (`iip-assoc-…`), not an instance profile id (`AIPA…`) as AWS returns: this output comes from a mock such as moto or was edited, so it cannot be compared with the profile's `InstanceProfileId`",
                "関連付け ID（`iip-assoc-…`）で、AWS が返すインスタンスプロファイル ID（`AIPA…`）ではありません。moto などのモックの出力か編集された出力のため、プロファイルの `InstanceProfileId` と比べられません",
            ));
        }
    }
    reading.facts = Facts::Instances(instances);
    reading
}

fn read_instance(paste: &str, json: &Json, path: &str, owner: Option<Located<String>>) -> Instance {
    let profile = fields::get_any(json, &["IamInstanceProfile"]);
    let (profile_arn, profile_id, profile_span) = match &profile {
        Some((object, key)) => {
            let profile_path = fields::key_path(path, key);
            (
                fields::text(object, paste, &profile_path, "Arn"),
                fields::text(object, paste, &profile_path, "Id"),
                Some(object.span),
            )
        }
        None => (None, None, None),
    };
    let state = fields::get_any(json, &["State"]).and_then(|(state, key)| {
        let state_path = fields::key_path(path, key);
        fields::text(state, paste, &state_path, "Name")
            .or_else(|| fields::located_text(state, paste, &state_path))
    });
    Instance {
        id: fields::text(json, paste, path, "InstanceId"),
        owner,
        state,
        profile_arn,
        profile_id,
        profile_span,
        metadata_options: fields::get_any(json, &["MetadataOptions"])
            .map(|(options, key)| read_options(paste, options, &fields::key_path(path, key))),
        launch_time: fields::text(json, paste, path, "LaunchTime"),
    }
}

/// `--output text` (or a JSON string) under a `describe-instances` command: each line with an
/// instance id or an instance profile ARN is an instance (`i-0abc…  arn:…:instance-profile/web
/// AIPA…`; `None` where the instance has no profile).
fn read_text(piece: &TextPiece) -> Option<(u8, Reading)> {
    let command = piece.command?;
    if !command.is_aws(SIGNATURE.commands) {
        return None;
    }
    let paste = piece.paste;
    let mut instances = Vec::new();
    for line in scan::lines(paste, piece.span) {
        let mut instance = Instance {
            id: None,
            owner: None,
            state: None,
            profile_arn: None,
            profile_id: None,
            profile_span: None,
            metadata_options: None,
            launch_time: None,
        };
        let mut pos = line.start;
        while pos < line.end {
            let start = scan::skip_space(paste, pos, line.end);
            let word = scan::token(paste, start, line.end);
            if word.is_empty() {
                break;
            }
            pos = word.end;
            let word = trim_quotes(paste, word);
            let text = word.slice(paste);
            let located = || Some(Located::new(text.to_string(), word));
            if is_instance_id(text) {
                instance.id = located();
            } else if text.starts_with("arn:") && text.contains(":instance-profile/") {
                instance.profile_arn = located();
            } else if text.starts_with("AIPA") || text.starts_with("iip-assoc-") {
                instance.profile_id = located();
            }
        }
        if instance.id.is_some() || instance.profile_arn.is_some() {
            instances.push(instance);
        }
    }
    if instances.is_empty() {
        return None;
    }
    Some((
        65,
        Reading::new(InputKind::DescribeInstances, Facts::Instances(instances)),
    ))
}

fn trim_quotes(paste: &str, word: crate::text::Span) -> crate::text::Span {
    let bytes = paste.as_bytes();
    let mut start = word.start;
    let mut end = word.end;
    while start < end && bytes.get(start).is_some_and(|b| b"\"'[".contains(b)) {
        start += 1;
    }
    while end > start && bytes.get(end - 1).is_some_and(|b| b"\"',]".contains(b)) {
        end -= 1;
    }
    crate::text::Span::new(start, end)
}
