//! The role's trust policy (guide S6, and the lint beyond it).

pub mod analysis;
pub mod service_names;
pub mod trust_policy_blocks_ec2;
pub mod trust_policy_invalid;
