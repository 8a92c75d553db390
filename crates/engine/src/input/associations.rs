//! `instance-profile-associations`: `describe-iam-instance-profile-associations`
//! (`IamInstanceProfileAssociations`), `associate-` / `replace-` / `disassociate-`
//! (`IamInstanceProfileAssociation`), or bare association objects.

use super::facts::{Association, Facts};
use super::fields;
use super::{InputKind, JsonPiece, Reading, Signature};
use crate::json::Json;

pub(super) const SIGNATURE: Signature = Signature {
    kind: InputKind::InstanceProfileAssociations,
    commands: &[
        "ec2 describe-iam-instance-profile-associations",
        "ec2 associate-iam-instance-profile",
        "ec2 replace-iam-instance-profile-association",
        "ec2 disassociate-iam-instance-profile",
    ],
    recognise_json: Some(recognise_json),
    read_json: Some(read_json),
    read_text: None,
};

fn is_association(json: &Json) -> bool {
    fields::get(json, "AssociationId")
        .and_then(|id| id.as_str())
        .is_some_and(|id| id.starts_with("iip-assoc"))
        || (fields::has(json, "AssociationId") && fields::has(json, "IamInstanceProfile"))
}

fn recognise_json(json: &Json) -> u8 {
    if fields::has(json, "IamInstanceProfileAssociations")
        || fields::has(json, "IamInstanceProfileAssociation")
    {
        return 95;
    }
    if fields::all_objects(json, is_association) {
        return 80;
    }
    0
}

fn read_json(piece: &JsonPiece) -> Reading {
    let paste = piece.paste;
    let json = piece.json;
    let objects = if fields::has(json, "IamInstanceProfileAssociations") {
        fields::list(json, "$", "IamInstanceProfileAssociations")
    } else if fields::has(json, "IamInstanceProfileAssociation") {
        fields::list(json, "$", "IamInstanceProfileAssociation")
    } else {
        fields::fragment_objects(json, "$")
    };
    let associations = objects
        .into_iter()
        .map(|(object, path)| {
            let profile = fields::get_any(object, &["IamInstanceProfile"]);
            let (profile_arn, profile_id) = match &profile {
                Some((inner, key)) => {
                    let profile_path = fields::key_path(&path, key);
                    (
                        fields::text(inner, paste, &profile_path, "Arn"),
                        fields::text(inner, paste, &profile_path, "Id"),
                    )
                }
                None => (None, None),
            };
            Association {
                id: fields::text(object, paste, &path, "AssociationId"),
                instance_id: fields::text(object, paste, &path, "InstanceId"),
                state: fields::text(object, paste, &path, "State"),
                profile_arn,
                profile_id,
                timestamp: fields::text(object, paste, &path, "Timestamp"),
            }
        })
        .collect();
    Reading::new(
        InputKind::InstanceProfileAssociations,
        Facts::Associations(associations),
    )
}
