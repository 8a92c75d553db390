//! Development tools for ec2-iam-doctor: finishing the Trunk build into a bundle that the page's
//! Content-Security-Policy accepts, and a small static file server for `make serve` and the
//! end-to-end tests, and the check that the repository stands alone. Only std and flate2: these
//! build in seconds.

pub mod archive;
pub mod bundle;
pub mod elf;
pub mod server;
pub mod single_file;
pub mod standalone;
