//! `ec2-iam-doctor`: the engine's diagnosis in a terminal.

use std::process::ExitCode;

mod policy_cmd;

const USAGE: &str = "\
ec2-iam-doctor: diagnose why an EC2 instance cannot get its IAM role's credentials

Usage:
  ec2-iam-doctor policy check --policy FILE --action ACTION --resource ARN [...]
  ec2-iam-doctor policy workload IN.json OUT.json
  ec2-iam-doctor --version
  ec2-iam-doctor --help
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            println!("ec2-iam-doctor {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some("policy") => policy_cmd::run(args.get(1..).unwrap_or_default()),
        Some("--help" | "-h") | None => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprintln!("ec2-iam-doctor: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
