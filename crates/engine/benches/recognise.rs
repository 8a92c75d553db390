//! Throughput of recognition + reading (`engine::input::read`) against plain parsing with
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes, in the same run.
//!
//! Two inputs: a generated `describe-instances` output of 10,000 instances (the CLI
//! documentation example with every id varied, one paste), and every line of
//! `policies/aws-managed-latest.jsonl` read as a paste of its own. After criterion's report, a
//! direct timing prints MB/s for both and the time ratio (goal: `read` ≤ 2× plain parsing).
//!
//! `cargo bench -p ec2-iam-doctor-engine --bench recognise`
//! (shorter: `… --bench recognise -- --measurement-time 2 --warm-up-time 1`)

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use engine::input::{self, InputKind};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures");

fn read_fixture(path: &str) -> String {
    let path = format!("{FIXTURES}/{path}");
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// `count` reservations of one instance each, pretty-printed as the CLI prints them, every id
/// different.
fn describe_instances(count: usize) -> String {
    let example = read_fixture(
        "ec2-describe-instances/cli-docs-single-instance-with-profile-and-metadataoptions.json",
    );
    let example: serde_json::Value =
        serde_json::from_str(&example).unwrap_or_else(|error| panic!("example: {error}"));
    let reservation = example
        .pointer("/Reservations/0")
        .map(|value| serde_json::to_string(value).unwrap_or_default())
        .unwrap_or_else(|| panic!("example has no reservation"));
    let mut text = String::with_capacity(count * (reservation.len() + 8) + 32);
    text.push_str("{\"Reservations\": [");
    for index in 0..count {
        if index > 0 {
            text.push_str(",\n");
        }
        let varied = reservation
            .replace("i-1234567890abcdef0", &format!("i-{index:017x}"))
            .replace("r-1234567890abcdefg", &format!("r-{index:017x}"))
            .replace("vol-02e6ccdca7de29cf2", &format!("vol-{index:017x}"))
            .replace("eni-1234567890abcdefg", &format!("eni-{index:017x}"))
            .replace("111111111111111111111", &format!("AIPA{index:017}"));
        text.push_str(&varied);
    }
    text.push_str("]}\n");
    text
}

fn read_document(text: &str) -> usize {
    let inputs = input::read(text);
    assert!(inputs.len() == 1 && inputs[0].kind == InputKind::DescribeInstances);
    inputs.len()
}

fn serde_document(text: &str) -> usize {
    match serde_json::from_slice::<serde_json::Value>(text.as_bytes()) {
        Ok(value) => usize::from(value.is_object()),
        Err(error) => panic!("{error}"),
    }
}

fn read_lines(text: &str) -> usize {
    text.lines().map(|line| input::read(line).len()).sum()
}

fn serde_lines(text: &str) -> usize {
    text.lines().map(serde_document).sum()
}

type Reader = fn(&str) -> usize;

/// The best of `runs` timings of `reader` over `text`, in seconds.
fn best_time(reader: Reader, text: &str, runs: usize) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        black_box(reader(black_box(text)));
        best = best.min(started.elapsed());
    }
    best.as_secs_f64()
}

fn main() {
    let instances = describe_instances(10_000);
    let policies = read_fixture("policies/aws-managed-latest.jsonl");
    // Every managed-policy line is read as an identity policy (checked once, outside timing).
    assert!(policies
        .lines()
        .all(|line| input::read(line).first().map(|i| i.kind) == Some(InputKind::IdentityPolicy)));
    let inputs: [(&str, &str, Reader, Reader); 2] = [
        (
            "describe-instances-10000",
            &instances,
            read_document,
            serde_document,
        ),
        (
            "aws-managed-latest-lines",
            &policies,
            read_lines,
            serde_lines,
        ),
    ];

    let mut criterion = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    for (name, text, ours, serde) in inputs {
        let mut group = criterion.benchmark_group(format!("recognise/{name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function("engine::input::read", |b| b.iter(|| ours(black_box(text))));
        group.bench_function("serde_json::from_slice", |b| {
            b.iter(|| serde(black_box(text)))
        });
        group.finish();
    }
    criterion.final_summary();

    println!();
    println!(
        "{:<28} {:>7} {:>12} {:>12} {:>16}",
        "input", "MB", "read MB/s", "serde MB/s", "time read/serde"
    );
    for (name, text, ours, serde) in inputs {
        let megabytes = text.len() as f64 / 1e6;
        let ours_time = best_time(ours, text, 10);
        let serde_time = best_time(serde, text, 10);
        println!(
            "{:<28} {:>7.1} {:>12.0} {:>12.0} {:>15.2}x",
            name,
            megabytes,
            megabytes / ours_time,
            megabytes / serde_time,
            ours_time / serde_time
        );
    }
}
