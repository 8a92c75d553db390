//! `cli-memory BINARY MEGABYTES...`: how much memory `ec2-iam-doctor diagnose` takes to read a
//! big paste, against issue 13's bound (at most 4× the input). For each size it writes a
//! `describe-instances` fleet and a log transcript of about that many megabytes (the shapes of
//! the page's memory journey) under the system's temporary folder, runs the binary on each and
//! reads the child's peak resident set from the kernel (`wait4`), less that of a run on a
//! few bytes (the binary itself). Prints one line per run and exits 1 if any run exceeds the
//! bound. Part of `make bench`, not of `make test`: it measures.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Issue 13: "reads what it accepts in memory ≤ 4× its size".
const BOUND: f64 = 4.0;

/// A paste's shape and how to write one of a given size.
type Shape = (&'static str, fn(usize) -> String);

const SHAPES: [Shape; 2] = [
    ("describe-instances", fixtures::fleet),
    ("transcript", fixtures::log_transcript),
];

/// Runs `binary diagnose file` and returns its peak resident set in bytes.
fn peak_of(binary: &Path, file: &Path) -> Result<u64, String> {
    let child = Command::new(binary)
        .arg("diagnose")
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{}: {e}", binary.display()))?;
    let pid = libc::pid_t::try_from(child.id()).map_err(|e| e.to_string())?;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is a valid value, and `wait4` writes only into the two
    // locals it is given, for the child this process just spawned and has not waited for.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if waited != pid {
        return Err(format!("wait4: {}", std::io::Error::last_os_error()));
    }
    // diagnose exits 0 (no error found) or 1 (a finding of severity error); 2 is bad input.
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    if !matches!(code, Some(0 | 1)) {
        return Err(format!("{} exited with {code:?}", file.display()));
    }
    // Linux reports `ru_maxrss` in kibibytes.
    Ok(u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [binary, sizes @ ..] = args.as_slice() else {
        eprintln!("usage: cli-memory BINARY MEGABYTES...");
        std::process::exit(2);
    };
    let binary = PathBuf::from(binary);
    let dir =
        std::env::temp_dir().join(format!("ec2-iam-doctor-cli-memory-{}", std::process::id()));
    if let Err(error) = std::fs::create_dir_all(&dir) {
        eprintln!("cli-memory: {}: {error}", dir.display());
        std::process::exit(1);
    }
    // What the process takes with a paste of a few bytes (the binary, its libraries, the
    // runtime): not memory spent reading, so the bound is held against the peak above it.
    let baseline = dir.join("baseline.txt");
    let baseline = std::fs::write(&baseline, "{\"Roles\": []}\n")
        .map_err(|e| format!("{}: {e}", baseline.display()))
        .and_then(|()| peak_of(&binary, &baseline));
    let baseline = match baseline {
        Ok(peak) => peak,
        Err(error) => {
            eprintln!("cli-memory: {error}");
            std::process::exit(1);
        }
    };
    println!(
        "cli memory: a paste of a few bytes: peak {:.1} MB",
        baseline as f64 / 1e6
    );
    let mut over = false;
    for size in sizes {
        let Ok(megabytes) = size.parse::<usize>() else {
            eprintln!("cli-memory: `{size}` is not a number of megabytes");
            std::process::exit(2);
        };
        for (shape, make) in SHAPES {
            let text = make(megabytes * 1_000_000);
            let file = dir.join(format!("{shape}-{megabytes}mb.txt"));
            if let Err(error) = std::fs::write(&file, &text) {
                eprintln!("cli-memory: {}: {error}", file.display());
                std::process::exit(1);
            }
            let input = text.len() as f64;
            drop(text);
            let result = peak_of(&binary, &file);
            let _ = std::fs::remove_file(&file);
            match result {
                Ok(peak) => {
                    let ratio = peak as f64 / input;
                    let spent = peak.saturating_sub(baseline) as f64 / input;
                    over |= spent > BOUND;
                    println!(
                        "cli memory: {shape} {:.1} MB: peak {:.1} MB, {ratio:.2}× the input; {spent:.2}× above the few-byte run (bound {BOUND}×)",
                        input / 1e6,
                        peak as f64 / 1e6
                    );
                }
                Err(error) => {
                    eprintln!("cli-memory: {error}");
                    over = true;
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    if over {
        eprintln!("cli-memory: a run exceeded {BOUND}× its input or failed");
        std::process::exit(1);
    }
}
