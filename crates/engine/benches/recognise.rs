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

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{best_time, describe_instances, read_fixture, serde_document, serde_lines, Reader};
use criterion::{Criterion, Throughput};
use engine::input::{self, InputKind};

fn read_document(text: &str) -> usize {
    let inputs = input::read(text);
    assert!(inputs.len() == 1 && inputs[0].kind == InputKind::DescribeInstances);
    inputs.len()
}

fn read_lines(text: &str) -> usize {
    text.lines().map(|line| input::read(line).len()).sum()
}

fn main() {
    let instances = describe_instances(10_000, ",\n");
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
