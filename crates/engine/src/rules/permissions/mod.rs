//! The caller's permissions: AccessDenied on the IAM and EC2 calls of the guide (S1, S3, S4).

pub mod add_role_to_profile_denied;
pub mod authorization_message_encoded;
pub mod common;
pub mod denied_by_other_policy;
pub mod instance_role_denied;
pub mod list_instance_profiles_denied;
pub mod pass_role_denied;
pub mod run_instances_denied;
