//! The credentials IMDS serves and the process uses (guide S2, and beyond).

pub mod clock_skew;
pub mod credentials_expired;
pub mod credentials_for_previous_role;
pub mod credentials_from_other_source;
pub mod secrets_in_input;
