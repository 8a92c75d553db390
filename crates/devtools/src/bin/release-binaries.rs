//! `release-binaries TARGET_DIR OUT_DIR TRIPLE...`: copies the `ec2-iam-doctor` built for each
//! target triple to OUT_DIR/ec2-iam-doctor-<version>-linux-<arch>, writes its .sha256
//! (`sha256sum -c` format), and refuses a binary that is not a static ELF for its architecture.

use std::path::PathBuf;

use ec2_iam_doctor_devtools::archive::{hex, sha256};
use ec2_iam_doctor_devtools::elf::{self, Machine};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [target_dir, out_dir, triples @ ..] = args.as_slice() else {
        eprintln!("usage: release-binaries TARGET_DIR OUT_DIR TRIPLE...");
        std::process::exit(2);
    };
    let version = env!("CARGO_PKG_VERSION");
    let out = PathBuf::from(out_dir);
    if let Err(error) = std::fs::create_dir_all(&out) {
        eprintln!("release-binaries: {}: {error}", out.display());
        std::process::exit(1);
    }
    for triple in triples {
        let (arch, machine) = match triple.split('-').next() {
            Some("x86_64") => ("x86_64", Machine::X86_64),
            Some("aarch64") => ("aarch64", Machine::Aarch64),
            _ => {
                eprintln!("release-binaries: no release name for {triple}");
                std::process::exit(2);
            }
        };
        let built = PathBuf::from(target_dir)
            .join(triple)
            .join("release")
            .join("ec2-iam-doctor");
        let bytes = match std::fs::read(&built) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("release-binaries: {}: {error}", built.display());
                std::process::exit(1);
            }
        };
        match elf::read(&bytes) {
            Some(found) if found.machine == machine && found.is_static => {}
            found => {
                eprintln!(
                    "release-binaries: {} is not a static {arch} ELF ({found:?})",
                    built.display()
                );
                std::process::exit(1);
            }
        }
        let name = format!("ec2-iam-doctor-{version}-linux-{arch}");
        let path = out.join(&name);
        let digest = hex(&sha256(&bytes));
        let written = std::fs::write(&path, &bytes)
            .and_then(|()| set_executable(&path))
            .and_then(|()| {
                std::fs::write(
                    out.join(format!("{name}.sha256")),
                    format!("{digest}  {name}\n"),
                )
            });
        if let Err(error) = written {
            eprintln!("release-binaries: {}: {error}", path.display());
            std::process::exit(1);
        }
        println!(
            "{}: {} bytes, static {arch}\nsha256 {digest}",
            path.display(),
            bytes.len()
        );
    }
}

#[cfg(unix)]
fn set_executable(path: &std::path::Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn set_executable(_: &std::path::Path) -> std::io::Result<()> {
    Ok(())
}
