//! Throughput of the JSON reader against `serde_json::from_slice::<serde_json::Value>`.
//!
//! Three inputs: a generated `describe-instances` output of 10,000 instances built from the shape
//! of the CLI documentation example (ids varied per instance, compact), the same shape with 2,000
//! instances indented as the AWS CLI prints it, and every line of the AWS managed policy corpus
//! parsed on its own. After criterion's report, a direct timing prints MB/s for
//! both readers and their ratio in one table.
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench json`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use engine::json;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");

fn read_fixture(path: &str) -> String {
    let path = format!("{FIXTURES}/{path}");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// A `describe-instances` output of `count` reservations of one instance each, compact as
/// `--output json` piped through `jq -c`, with every id different.
fn describe_instances(count: usize) -> String {
    let example = read_fixture(
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    );
    let example: serde_json::Value =
        serde_json::from_str(&example).unwrap_or_else(|error| panic!("example: {error}"));
    let reservation = example
        .pointer("/Reservations/0")
        .map(serde_json::Value::to_string)
        .unwrap_or_else(|| panic!("example has no reservation"));
    let mut text = String::with_capacity(count * (reservation.len() + 8) + 32);
    text.push_str("{\"Reservations\":[");
    for index in 0..count {
        if index > 0 {
            text.push(',');
        }
        let ip = format!("10-0-{}-{}", index / 250 % 250, index % 250);
        let varied = reservation
            .replace("i-1234567890abcdef0", &format!("i-{index:017x}"))
            .replace("r-1234567890abcdefg", &format!("r-{index:017x}"))
            .replace("vol-02e6ccdca7de29cf2", &format!("vol-{index:017x}"))
            .replace(
                "eni-attach-1234567890abcdefg",
                &format!("eni-attach-{index:017x}"),
            )
            .replace("eni-1234567890abcdefg", &format!("eni-{index:017x}"))
            .replace(
                "1234abcd-1234-abcd-1234-d46a8903e9bc",
                &format!("1234abcd-1234-abcd-1234-{index:012x}"),
            )
            .replace("111111111111111111111", &format!("AIPA{index:017}"))
            .replace("10-0-0-157", &ip)
            .replace("10.0.0.157", &ip.replace('-', "."));
        text.push_str(&varied);
    }
    text.push_str("]}");
    text
}

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

fn serde_document(text: &str) -> usize {
    match serde_json::from_slice::<serde_json::Value>(text.as_bytes()) {
        Ok(value) => usize::from(value.is_object()),
        Err(error) => panic!("{error}"),
    }
}

fn ours_lines(text: &str) -> usize {
    text.lines().map(ours_document).sum()
}

fn serde_lines(text: &str) -> usize {
    text.lines().map(serde_document).sum()
}

type Reader = fn(&str) -> usize;

/// The best of `runs` timings of `read` over `text`, in MB/s (10^6 bytes).
fn megabytes_per_second(read: Reader, text: &str, runs: usize) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        black_box(read(black_box(text)));
        best = best.min(started.elapsed());
    }
    text.len() as f64 / 1e6 / best.as_secs_f64()
}

fn main() {
    let instances = describe_instances(10_000);
    let indented_instances = indented(&describe_instances(2_000));
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
