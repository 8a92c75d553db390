//! The ec2-iam-doctor page: a Yew app that renders what the engine decides and sends nothing
//! anywhere. Components live here (a library, so `tests/` can mount them in a real browser);
//! `main.rs` only starts the app.
//!
//! Layout: [`state`] (state, actions, reducer), [`components`] (one component per file),
//! [`i18n`] (the UI's words in English and Japanese), [`render`] (evidence highlighting, masking, UTF-16 offsets), [`summary`] (the input
//! cards' one-line summaries), [`diff`], [`examples`] (worked cases from the fixtures),
//! [`browser`] (storage, clipboard, focus), [`files`] and [`reading`] (each paste read once, big
//! ones in the background). The memory allocator is talc's (see `main.rs`).

pub mod app;
pub mod browser;
pub mod case_view;
pub mod components;
pub mod diff;
pub mod examples;
pub mod files;
pub mod i18n;
pub mod link;
pub mod markdown;
pub mod reading;
pub mod render;
pub mod state;
pub mod summary;

pub use app::App;
