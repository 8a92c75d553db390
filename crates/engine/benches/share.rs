//! Share links: encode and decode time, and link lengths compared with lz-string.
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench share` first writes
//! `target/share-lengths.json`: for each four-input case of `tests/share_cases`, the texts the
//! link carries (secrets removed) and the fragment lengths of the full, minimal and anonymised
//! forms. `node crates/engine/benches/lz-string/compare.mjs` then compresses the same texts with
//! lz-string's `compressToEncodedURIComponent` and prints the ratio. Criterion then times
//! encoding (secret removal included) and decoding.

#[path = "../tests/share_cases/mod.rs"]
mod share_cases;

use std::hint::black_box;

use criterion::Criterion;
use engine::share::{self, Case, Form, ShareOptions};

const MINIMAL: ShareOptions = ShareOptions {
    form: Form::Minimal,
    anonymise: false,
    keep_authorization_messages: false,
};

fn write_lengths() {
    let mut rows = Vec::new();
    println!("case                 raw bytes  carried   full  minimal  anonymised");
    for (name, texts) in share_cases::four_input_cases() {
        let case = Case::of_texts(&texts);
        let carried = share::preview(&case, &ShareOptions::default()).case.inputs;
        let fragment_len = |options: &ShareOptions| {
            share::encode(&case, options)
                .map(|f| f.len() + 1)
                .unwrap_or(0)
        };
        let full = fragment_len(&ShareOptions::default());
        let minimal = fragment_len(&MINIMAL);
        let anonymised = fragment_len(&ShareOptions {
            anonymise: true,
            ..ShareOptions::default()
        });
        let raw: usize = texts.iter().map(String::len).sum();
        let carried_len: usize = carried.iter().map(String::len).sum();
        println!("{name:<20} {raw:>9} {carried_len:>8} {full:>6} {minimal:>8} {anonymised:>11}");
        rows.push(serde_json::json!({
            "case": name,
            "inputs": carried,
            "raw_bytes": raw,
            "full": full,
            "minimal": minimal,
            "anonymised": anonymised,
        }));
    }
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/share-lengths.json"
    );
    match std::fs::write(path, serde_json::to_string_pretty(&rows).unwrap_or_default()) {
        Ok(()) => println!("wrote {path}: run `node crates/engine/benches/lz-string/compare.mjs` for the lz-string ratio"),
        Err(error) => eprintln!("cannot write {path}: {error}"),
    }
}

fn bench(c: &mut Criterion) {
    let cases = share_cases::four_input_cases();
    let mut group = c.benchmark_group("share");
    for (name, texts) in &cases {
        let case = Case::of_texts(texts);
        let fragment = share::encode(&case, &ShareOptions::default()).unwrap_or_default();
        group.bench_function(format!("encode full/{name}"), |b| {
            b.iter(|| share::encode(black_box(&case), &ShareOptions::default()))
        });
        group.bench_function(format!("encode minimal/{name}"), |b| {
            b.iter(|| share::encode(black_box(&case), &MINIMAL))
        });
        group.bench_function(format!("decode/{name}"), |b| {
            b.iter(|| share::decode(black_box(&fragment)))
        });
    }
    group.finish();
}

fn main() {
    write_lengths();
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
