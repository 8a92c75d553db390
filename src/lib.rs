//! The ec2-iam-doctor page: a Yew app that renders what the engine decides and sends nothing
//! anywhere. Components live here (a library, so `tests/` can mount them in a real browser);
//! `main.rs` only starts the app.

pub mod app;

pub use app::App;
