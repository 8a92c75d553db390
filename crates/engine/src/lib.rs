//! The diagnosis engine of ec2-iam-doctor.
//!
//! All AWS knowledge lives here; the web page and the CLI only render what this crate decides.
//! The crate is pure Rust with no web dependencies, and must not panic on any input: a panic in
//! WebAssembly kills the page.
//!
//! Layout:
//! - [`text`]: byte spans and line/column locations in the pasted text.
//! - [`lang`]: the two languages every user-facing word exists in.
//! - [`json`]: a tolerant, span-preserving JSON reader (evidence needs byte spans and paths).
//! - [`policy`]: IAM policy parsing and evaluation.
//! - [`input`]: recognition of every input kind of the catalog, and the typed facts read from it.
//! - [`finding`] and [`rules`]: the checks of the guide, one rule per file.
//! - [`report`]: renderers shared by the page and the CLI (Markdown export, plain text).
//! - [`share`]: share links that carry a case and never a secret.
//! - [`sort`]: one stable sort for every call site (std's is a copy per type in the wasm).
//! - [`gather`]: the commands that collect the evidence, on the instance and with the AWS CLI.
//! - [`clock`]: the times clients and servers print (RFC 3339, HTTP `Date`, `date`), as seconds.
//! - [`names`]: the names of the user's resources, from everything pasted.
//! - [`chain`] and [`verdict`]: the chain the credentials travel, and the one answer drawn from
//!   the findings (status, first broken link, summary, ordered steps).
//! - [`pace`]: reading a big paste in slices, so that a page stays responsive meanwhile.

pub mod chain;
pub mod clock;
pub mod finding;
pub mod gather;
pub mod input;
pub mod json;
pub mod lang;
pub mod names;
pub mod pace;
pub mod policy;
pub mod report;
pub mod rules;
pub mod share;
pub mod sort;
pub mod text;
pub mod verdict;
