//! Throughput of the whole-paste secret scan (`engine::input::secrets::scan_text`): every shape
//! of key material and every value after a secret's key name, on what people paste big.
//!
//! Three inputs of about 20 MB each: a generated `describe-instances` fleet and a cloud-init log
//! transcript (the page's large-paste journeys), and the AWS managed policies (real JSON, dense
//! in key names). After criterion's report, a direct timing prints MB/s for each.
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench secrets`
//! (shorter: `… --bench secrets -- --measurement-time 2 --warm-up-time 1`)

// The JSON and recognition benchmarks use the rest of it.
#[allow(dead_code)]
mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{best_time, read_fixture, Reader};
use criterion::{Criterion, Throughput};
use engine::input::secrets;
use engine::text::Span;

const BYTES: usize = 20 << 20;

fn scan(text: &str) -> usize {
    secrets::scan_text(text, Span::new(0, text.len())).len()
}

/// The managed policies repeated to about [`BYTES`].
fn policies() -> String {
    let lines = read_fixture("policies/aws-managed-latest.jsonl");
    let mut text = String::with_capacity(BYTES + lines.len());
    while text.len() < BYTES && !lines.is_empty() {
        text.push_str(&lines);
    }
    text
}

fn main() {
    let inputs: [(&str, String); 3] = [
        ("describe-instances-20mb", fixtures::fleet(BYTES)),
        ("log-transcript-20mb", fixtures::log_transcript(BYTES)),
        ("managed-policies-20mb", policies()),
    ];
    // None of them holds a secret: a find would be a false positive, and would make the timing
    // measure the wrong work.
    for (name, text) in &inputs {
        let found = secrets::scan_text(text, Span::new(0, text.len()));
        for secret in found.iter().take(5) {
            eprintln!("{name}: {:?} {:?}", secret.kind, secret.span.slice(text));
        }
        assert_eq!(found.len(), 0, "{name}: a secret found in a text with none");
    }

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut group = criterion.benchmark_group("secrets/scan_text");
    for (name, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| b.iter(|| scan(black_box(text))));
    }
    group.finish();
    criterion.final_summary();

    for (name, text) in &inputs {
        let seconds = best_time(scan as Reader, text, 5);
        println!(
            "secrets/scan_text/{name}: {:.1} ms, {:.0} MB/s",
            seconds * 1e3,
            text.len() as f64 / seconds / 1e6
        );
    }
}
