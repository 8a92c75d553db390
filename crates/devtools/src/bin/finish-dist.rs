//! `finish-dist [DIST]`: makes Trunk's output run under the page's Content-Security-Policy
//! and prints the bundle's sizes (see `bundle`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let dist = std::env::args().nth(1).unwrap_or_else(|| "dist".to_owned());
    match ec2_iam_doctor_devtools::bundle::finish(std::path::Path::new(&dist)) {
        Ok(report) => {
            print!("{}", report.render());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("finish-dist: {error}");
            ExitCode::FAILURE
        }
    }
}
