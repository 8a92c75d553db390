//! Instance profiles, their roles, and their association with instances (guide S1, S4, S6).

pub mod association_in_transition;
pub mod instance_profile_deleted;
pub mod instance_profile_empty;
pub mod instance_profile_not_found;
pub mod instance_profile_recreated;
pub mod no_instance_profile_associated;
pub mod profile_name_differs_from_role;
pub mod profile_role_limit;
pub mod role_without_instance_profile;
