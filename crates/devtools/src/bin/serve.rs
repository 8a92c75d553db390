//! `serve [DIST] [PORT] [PREFIX]`: serves the built page on 127.0.0.1 (default
//! `dist 8080 /`) until interrupted.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let dist = args.next().unwrap_or_else(|| "dist".to_owned());
    let port = args.next().and_then(|p| p.parse().ok()).unwrap_or(8080);
    let prefix = args.next().unwrap_or_else(|| "/".to_owned());
    match ec2_iam_doctor_devtools::server::StaticServer::start(
        std::path::Path::new(&dist),
        port,
        &prefix,
    ) {
        Ok(server) => {
            println!(
                "ec2-iam-doctor is served at {}  (Ctrl-C stops it)",
                server.url()
            );
            server.wait();
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("serve: cannot serve {dist} on 127.0.0.1:{port}: {error}");
            ExitCode::FAILURE
        }
    }
}
