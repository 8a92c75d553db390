//! Reaching the instance metadata service (guide S5, and beyond).

pub mod imds_disabled_by_client;
pub mod imds_endpoint_disabled;
pub mod imds_hop_limit;
pub mod imds_throttled;
pub mod imds_unreachable;
pub mod imds_via_proxy;
pub mod imdsv2_token_required;
