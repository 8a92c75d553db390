//! `single-file DIST OUT_DIR`: writes OUT_DIR/ec2-iam-doctor-<version>.html, the whole page in
//! one file that works opened from disk, and its .sha256; prints its size.

use std::path::PathBuf;

use ec2_iam_doctor_devtools::{archive, bundle, single_file};

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dist), Some(out)) = (args.next(), args.next()) else {
        eprintln!("usage: single-file DIST OUT_DIR");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    let name = format!("ec2-iam-doctor-{}.html", env!("CARGO_PKG_VERSION"));
    let result = single_file::build(&PathBuf::from(dist)).and_then(|single| {
        let write = |path: PathBuf, bytes: &[u8]| {
            std::fs::write(&path, bytes).map_err(|e| {
                single_file::SingleFileError(format!("cannot write {}: {e}", path.display()))
            })
        };
        std::fs::create_dir_all(&out).map_err(|e| {
            single_file::SingleFileError(format!("cannot create {}: {e}", out.display()))
        })?;
        write(out.join(&name), single.html.as_bytes())?;
        let sha = archive::hex(&archive::sha256(single.html.as_bytes()));
        write(
            out.join(format!("{name}.sha256")),
            format!("{sha}  {name}\n").as_bytes(),
        )?;
        Ok((single, sha))
    });
    match result {
        Ok((single, sha)) => println!(
            "{}: {} bytes ({} gzip)\nsha256 {sha}\nscript {}",
            out.join(&name).display(),
            single.html.len(),
            bundle::gzip_len(single.html.as_bytes()),
            single.script_hash
        ),
        Err(error) => {
            eprintln!("single-file: {error}");
            std::process::exit(1);
        }
    }
}
