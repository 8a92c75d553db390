//! The end-to-end tests, one test binary: each journey is a module (`cargo test --test e2e --
//! benchmark::` runs one). One binary instead of one per journey because each linked its own
//! copy of the WebDriver stack (fantoccini, hyper, tokio): 22 of them filled a CI machine's disk.

#[allow(dead_code)]
mod browser;
mod browser_ext;

mod accessibility;
mod benchmark;
mod dist;
mod drop;
mod files;
mod japanese;
mod language_default;
mod layout;
mod memory;
mod page_loads;
mod print;
mod release_binaries;
mod round_two;
mod screenshots;
mod secrets;
mod security;
mod share;
mod share_accessibility;
mod share_lengths;
mod single_file;
mod situations;
mod verdict;
