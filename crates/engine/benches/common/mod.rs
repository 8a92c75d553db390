//! What the JSON and recognition benchmarks share: their inputs and how they time a reader.

use std::hint::black_box;
use std::time::{Duration, Instant};

pub fn read_fixture(path: &str) -> String {
    fixtures::read(path)
}

/// A `describe-instances` output of `count` reservations of one instance each, built from the
/// CLI documentation example with every id different; each reservation compact, joined by
/// `separator` (`","` as `jq -c` prints it, `",\n"` one reservation per line).
pub fn describe_instances(count: usize, separator: &str) -> String {
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
            text.push_str(separator);
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
    text.push_str("]}\n");
    text
}

pub fn serde_document(text: &str) -> usize {
    match serde_json::from_slice::<serde_json::Value>(text.as_bytes()) {
        Ok(value) => usize::from(value.is_object()),
        Err(error) => panic!("{error}"),
    }
}

pub fn serde_lines(text: &str) -> usize {
    text.lines().map(serde_document).sum()
}

pub type Reader = fn(&str) -> usize;

/// The best of `runs` timings of `reader` over `text`, in seconds.
pub fn best_time(reader: Reader, text: &str, runs: usize) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..runs {
        let started = Instant::now();
        black_box(reader(black_box(text)));
        best = best.min(started.elapsed());
    }
    best.as_secs_f64()
}
