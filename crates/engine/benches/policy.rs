//! The side-by-side benchmark: the first 1,000 AWS managed policies × the 10 requests of
//! `bench-requests.json` (10,000 evaluations), policies parsed once.
//!
//! Prints µs per evaluation for the whole workload, and for the cells iam-rs 0.8 can answer (its
//! requests need an ARN resource) both ours and iam-rs's on the same cells, with the ratio, so
//! the comparison holds on a noisy machine. Then criterion measures the same loops.
//!
//! Run: `cargo bench -p ec2-iam-doctor-engine --bench policy`

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use engine::policy::workload::{policy_from_serde, requests_from_serde, WorkloadRequest};
use engine::policy::{Decision, Policy, Request};

const POLICIES: usize = 1000;

struct Bench {
    policies: Vec<(serde_json::Value, Policy)>,
    requests: Vec<WorkloadRequest>,
}

fn load() -> Bench {
    let read = |name: &str| fixtures::read(&format!("policies/{name}"));
    let requests_doc: serde_json::Value =
        serde_json::from_str(&read("bench-requests.json")).expect("requests JSON");
    let requests = requests_from_serde(&requests_doc).expect("requests");
    let policies = read("aws-managed-latest.jsonl")
        .lines()
        .take(POLICIES)
        .map(|line| {
            let entry: serde_json::Value = serde_json::from_str(line).expect("jsonl");
            let policy = policy_from_serde(&entry["document"]).expect("policy parses");
            (entry["document"].clone(), policy)
        })
        .collect();
    Bench { policies, requests }
}

/// One pass over the cells; returns a checksum so nothing is optimised away.
fn run_ours(cells: &[(&Policy, Request<'_>)]) -> usize {
    cells
        .iter()
        .filter(|(policy, request)| black_box(policy.decide(request)) == Decision::Allow)
        .count()
}

fn run_iam_rs(cells: &[(iam_rs::PolicyEvaluator, &iam_rs::IAMRequest)]) -> usize {
    cells
        .iter()
        .filter(|(evaluator, request)| {
            matches!(
                black_box(evaluator.evaluate(request)).map(|r| r.decision),
                Ok(iam_rs::Decision::Allow)
            )
        })
        .count()
}

/// Median µs per evaluation over `rounds` passes of at least ~200 ms in total.
fn micros_per_eval(cells: usize, rounds: usize, mut pass: impl FnMut() -> usize) -> f64 {
    let mut samples = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        let mut passes = 0;
        while started.elapsed() < Duration::from_millis(40) || passes == 0 {
            black_box(pass());
            passes += 1;
        }
        let elapsed = started.elapsed().as_secs_f64() * 1e6;
        samples.push(elapsed / (passes * cells) as f64);
    }
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn iam_rs_request(request: &WorkloadRequest) -> Option<iam_rs::IAMRequest> {
    let resource = iam_rs::Arn::parse(&request.resource).ok()?;
    let principal = iam_rs::Principal::Aws(iam_rs::PrincipalId::String(
        request.principal.clone().unwrap_or_default(),
    ));
    let mut context = iam_rs::Context::new();
    for key in request.context.keys() {
        if let Some(values) = request.context.get(key) {
            if let Some(value) = values.first() {
                context = context.with_string(key, value.to_string());
            }
        }
    }
    Some(iam_rs::IAMRequest::new_with_context(
        principal,
        request.action.clone(),
        resource,
        context,
    ))
}

/// A pretty-printed identity policy of `count` statements, each with a condition.
fn many_statements(count: usize) -> String {
    let statements: Vec<String> = (0..count)
        .map(|i| {
            format!(
                "    {{\n      \"Sid\": \"S{i}\",\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"ec2:Describe*\"],\n      \"Resource\": \"arn:aws:s3:::bucket{i}/*\",\n      \"Condition\": {{\"StringEquals\": {{\"aws:RequestedRegion\": \"us-east-1\"}}}}\n    }}"
            )
        })
        .collect();
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n{}\n  ]\n}}\n",
        statements.join(",\n")
    )
}

fn main() {
    let bench = load();
    let all: Vec<(&Policy, Request<'_>)> = bench
        .policies
        .iter()
        .flat_map(|(_, policy)| bench.requests.iter().map(move |r| (policy, r.request())))
        .collect();
    assert_eq!(all.len(), 10_000);

    // The cells iam-rs can answer: its policy parses, the resource is an ARN, evaluation succeeds.
    let iam_requests: Vec<Option<iam_rs::IAMRequest>> =
        bench.requests.iter().map(iam_rs_request).collect();
    let mut iam_cells = Vec::new();
    let mut our_cells = Vec::new();
    for (document, policy) in &bench.policies {
        let Ok(iam_policy) = iam_rs::IAMPolicy::from_json(&document.to_string()) else {
            continue;
        };
        for (request, iam_request) in bench.requests.iter().zip(&iam_requests) {
            let Some(iam_request) = iam_request else {
                continue;
            };
            let evaluator = iam_rs::PolicyEvaluator::with_policies(vec![iam_policy.clone()]);
            if evaluator.evaluate(iam_request).is_ok() {
                iam_cells.push((evaluator, iam_request));
                our_cells.push((policy, request.request()));
            }
        }
    }

    let rounds = 9;
    let ours_all = micros_per_eval(all.len(), rounds, || run_ours(&all));
    let ours_subset = micros_per_eval(our_cells.len(), rounds, || run_ours(&our_cells));
    let iam_subset = micros_per_eval(iam_cells.len(), rounds, || run_iam_rs(&iam_cells));
    println!(
        "policy workload: {} cells ({} policies x {} requests)",
        all.len(),
        bench.policies.len(),
        bench.requests.len()
    );
    println!("  ours, all cells:            {ours_all:.3} us/eval");
    println!("  cells iam-rs 0.8 answers:   {}", iam_cells.len());
    println!("  ours on those cells:        {ours_subset:.3} us/eval");
    println!("  iam-rs on those cells:      {iam_subset:.3} us/eval");
    println!(
        "  ratio iam-rs / ours:        {:.1}x",
        iam_subset / ours_subset
    );

    let mut criterion = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut group = criterion.benchmark_group("policy");
    group.throughput(Throughput::Elements(all.len() as u64));
    group.bench_function("ours/all-10000-cells", |b| b.iter(|| run_ours(&all)));
    group.throughput(Throughput::Elements(our_cells.len() as u64));
    group.bench_function("ours/iam-rs-cells", |b| b.iter(|| run_ours(&our_cells)));
    group.bench_function("iam-rs/iam-rs-cells", |b| b.iter(|| run_iam_rs(&iam_cells)));
    group.finish();

    // What `policy check` does with one large policy: parse, evaluate, explain every statement
    // with its line and column. Linear in statements (it was quadratic: 18 s at 10,000).
    let large = many_statements(10_000);
    let context = engine::policy::Context::new();
    let request = Request {
        principal: None,
        action: "iam:PassRole",
        resource: "arn:aws:iam::123456789012:role/web",
        context: &context,
    };
    let mut group = criterion.benchmark_group("policy-check");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("parse-evaluate-explain/10000-statements", |b| {
        b.iter(|| {
            let policy = Policy::parse(black_box(&large)).ok();
            policy.map(|p| {
                p.evaluate(&request)
                    .explain_in(engine::lang::Lang::En, &large)
                    .len()
            })
        })
    });
    group.finish();
    criterion.final_summary();
}
