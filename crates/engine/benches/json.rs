//! Throughput of the JSON reader against `serde_json::from_slice::<serde_json::Value>`.
//!
//! Three inputs: a generated `describe-instances` output of 10,000 instances built from the shape
//! of the CLI documentation example (ids varied per instance, compact), the same shape with 2,000
//! instances indented as the AWS CLI prints it, and every line of the AWS managed policy corpus
//! parsed on its own. After criterion's report, a direct timing prints MB/s for
//! both readers and their ratio in one table.
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench json`

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{best_time, describe_instances, read_fixture, serde_document, serde_lines, Reader};
use criterion::{Criterion, Throughput};
use engine::json;

/// The same output as the AWS CLI prints it by default: indented by four spaces.
fn indented(compact: &str) -> String {
    use serde::Serialize as _;
    let value: serde_json::Value =
        serde_json::from_str(compact).unwrap_or_else(|error| panic!("{error}"));
    let mut out = Vec::with_capacity(compact.len() * 3);
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut out, formatter);
    value
        .serialize(&mut serializer)
        .unwrap_or_else(|error| panic!("{error}"));
    String::from_utf8(out).unwrap_or_else(|error| panic!("{error}"))
}

fn ours_document(text: &str) -> usize {
    match json::parse(text) {
        Ok(json) => json.span.len(),
        Err(error) => panic!("{error}"),
    }
}

fn ours_lines(text: &str) -> usize {
    text.lines().map(ours_document).sum()
}

/// `reader` over `text`, best of `runs`, in MB/s (10^6 bytes).
fn megabytes_per_second(reader: Reader, text: &str, runs: usize) -> f64 {
    text.len() as f64 / 1e6 / best_time(reader, text, runs)
}

fn main() {
    let instances = describe_instances(10_000, ",");
    let indented_instances = indented(&describe_instances(2_000, ","));
    let policies = read_fixture("policies/aws-managed-latest.jsonl");
    let inputs: [(&str, &str, Reader, Reader); 3] = [
        (
            "describe-instances-10000",
            &instances,
            ours_document,
            serde_document,
        ),
        (
            "describe-instances-2000-indented",
            &indented_instances,
            ours_document,
            serde_document,
        ),
        (
            "aws-managed-latest-lines",
            &policies,
            ours_lines,
            serde_lines,
        ),
    ];

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(4))
        .configure_from_args();
    for (name, text, ours, serde) in inputs {
        let mut group = criterion.benchmark_group(format!("json/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("engine::json::parse", |b| b.iter(|| ours(black_box(text))));
        group.bench_function("serde_json::from_slice", |b| {
            b.iter(|| serde(black_box(text)))
        });
        group.finish();
    }
    criterion.final_summary();

    println!();
    println!(
        "{:<34} {:>9} {:>14} {:>14} {:>7}",
        "input", "MB", "ours MB/s", "serde MB/s", "ratio"
    );
    for (name, text, ours, serde) in inputs {
        let ours_speed = megabytes_per_second(ours, text, 15);
        let serde_speed = megabytes_per_second(serde, text, 15);
        println!(
            "{:<34} {:>9.1} {:>14.0} {:>14.0} {:>6.2}x",
            name,
            text.len() as f64 / 1e6,
            ours_speed,
            serde_speed,
            ours_speed / serde_speed
        );
    }
}
