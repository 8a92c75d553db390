//! `release-zip DIST OUT_DIR`: writes OUT_DIR/ec2-iam-doctor-<version>.zip of a finished dist/
//! and its .sha256 (`sha256sum -c` format), and prints both with the zip's size.

use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dist), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: release-zip DIST OUT_DIR");
        std::process::exit(2);
    };
    let version = env!("CARGO_PKG_VERSION");
    match ec2_iam_doctor_devtools::archive::release_zip(
        &PathBuf::from(dist),
        &PathBuf::from(out),
        version,
    ) {
        Ok(release) => {
            println!(
                "{}: {} bytes, {} files\nsha256 {}",
                release.zip.display(),
                release.zip_size,
                release.files,
                release.sha256
            );
        }
        Err(error) => {
            eprintln!("release-zip: {error}");
            std::process::exit(1);
        }
    }
}
