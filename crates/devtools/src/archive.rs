//! The versioned release archive of `dist/`: a zip any static server can unpack, and its SHA-256.
//!
//! The zip is written by hand (deflate from flate2, which devtools already uses; CRC-32 from
//! flate2 too) and is reproducible: files in sorted order under one top folder
//! `ec2-iam-doctor-<version>/`, every timestamp 1980-01-01 00:00, no extra fields. Building the
//! same `dist/` twice gives the same bytes and the same checksum.
//!
//! SHA-256 is the FIPS 180-4 algorithm, here so devtools needs no other crate; the test checks it
//! against the standard's vectors, and `sha256sum -c` reads the `.sha256` file it writes.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Files of `dist/` not shipped: dot files (Trunk's bookkeeping; finish-dist removes them too).
fn shipped(name: &str) -> bool {
    !name.split('/').any(|part| part.starts_with('.'))
}

/// The files of `dir`, relative, `/`-separated and sorted.
pub fn list_files(dir: &Path) -> std::io::Result<Vec<String>> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if path.is_dir() {
                walk(root, &path, out)?;
            } else if let Ok(relative) = path.strip_prefix(root) {
                let name = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push(name);
            }
        }
        Ok(())
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out)?;
    out.retain(|name| shipped(name));
    out.sort();
    Ok(out)
}

/// One file to put in a zip.
pub struct Entry {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// DOS time and date of 1980-01-01 00:00, the zip format's epoch.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A zip of `entries` (deflated, or stored where deflate does not pay).
pub fn zip(entries: &[Entry]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for entry in entries {
        let mut crc = flate2::Crc::new();
        crc.update(&entry.bytes);
        let crc = crc.sum();
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&entry.bytes)?;
        let deflated = encoder.finish()?;
        let (method, data): (u16, &[u8]) = if deflated.len() < entry.bytes.len() {
            (8, &deflated)
        } else {
            (0, &entry.bytes)
        };
        let too_big = |n: usize| {
            u32::try_from(n).map_err(|_| {
                std::io::Error::new(std::io::ErrorKind::InvalidInput, "file over 4 GiB")
            })
        };
        let offset = too_big(out.len())?;
        let name = entry.name.as_bytes();
        let name_len = u16::try_from(name.len())
            .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "name too long"))?;
        // Local file header.
        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed: 2.0
        out.extend_from_slice(&0x0800u16.to_le_bytes()); // flags: UTF-8 names
        out.extend_from_slice(&method.to_le_bytes());
        out.extend_from_slice(&DOS_TIME.to_le_bytes());
        out.extend_from_slice(&DOS_DATE.to_le_bytes());
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&too_big(data.len())?.to_le_bytes());
        out.extend_from_slice(&too_big(entry.bytes.len())?.to_le_bytes());
        out.extend_from_slice(&name_len.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(data);
        // Central directory record.
        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&((3u16 << 8) | 20).to_le_bytes()); // made by: Unix, 2.0
        central.extend_from_slice(&20u16.to_le_bytes());
        central.extend_from_slice(&0x0800u16.to_le_bytes());
        central.extend_from_slice(&method.to_le_bytes());
        central.extend_from_slice(&DOS_TIME.to_le_bytes());
        central.extend_from_slice(&DOS_DATE.to_le_bytes());
        central.extend_from_slice(&crc.to_le_bytes());
        central.extend_from_slice(&too_big(data.len())?.to_le_bytes());
        central.extend_from_slice(&too_big(entry.bytes.len())?.to_le_bytes());
        central.extend_from_slice(&name_len.to_le_bytes());
        central.extend_from_slice(&[0; 8]); // extra, comment, disk number, internal attributes
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // -rw-r--r--
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = u32::try_from(out.len())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "zip over 4 GiB"))?;
    let count = u16::try_from(entries.len())
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidInput, "too many files"))?;
    let central_len = central.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_len.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Ok(out)
}

/// The names of the files in a zip, read from its central directory (`None` if `bytes` is not a
/// zip this module could have written: no end record, or records cut short).
pub fn zip_names(bytes: &[u8]) -> Option<Vec<String>> {
    let u16_at = |at: usize| Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?));
    let u32_at = |at: usize| Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?));
    // The end record has no comment here, so it is the last 22 bytes.
    let end = bytes.len().checked_sub(22)?;
    if u32_at(end)? != 0x0605_4b50 {
        return None;
    }
    let count = usize::from(u16_at(end + 10)?);
    let mut at = usize::try_from(u32_at(end + 16)?).ok()?;
    let mut names = Vec::with_capacity(count);
    for _ in 0..count {
        if u32_at(at)? != 0x0201_4b50 {
            return None;
        }
        let name_len = usize::from(u16_at(at + 28)?);
        let extra_len = usize::from(u16_at(at + 30)?);
        let comment_len = usize::from(u16_at(at + 32)?);
        let name = bytes.get(at + 46..at + 46 + name_len)?;
        names.push(String::from_utf8(name.to_vec()).ok()?);
        at += 46 + name_len + extra_len + comment_len;
    }
    Some(names)
}

/// What [`release_zip`] wrote.
pub struct Release {
    pub zip: PathBuf,
    pub zip_size: usize,
    pub sha256: String,
    pub files: usize,
}

/// Writes `out_dir/ec2-iam-doctor-<version>.zip` of `dist` and its `.sha256` (the format
/// `sha256sum -c` reads).
pub fn release_zip(dist: &Path, out_dir: &Path, version: &str) -> std::io::Result<Release> {
    let folder = format!("ec2-iam-doctor-{version}");
    let mut entries = Vec::new();
    for name in list_files(dist)? {
        entries.push(Entry {
            bytes: std::fs::read(dist.join(&name))?,
            name: format!("{folder}/{name}"),
        });
    }
    if !entries.iter().any(|e| e.name.ends_with("/index.html")) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "{} has no index.html: run `make dist` first",
                dist.display()
            ),
        ));
    }
    let bytes = zip(&entries)?;
    std::fs::create_dir_all(out_dir)?;
    let zip_name = format!("{folder}.zip");
    let zip_path = out_dir.join(&zip_name);
    std::fs::write(&zip_path, &bytes)?;
    let sha256 = hex(&sha256(&bytes));
    std::fs::write(
        out_dir.join(format!("{zip_name}.sha256")),
        format!("{sha256}  {zip_name}\n"),
    )?;
    Ok(Release {
        zip: zip_path,
        zip_size: bytes.len(),
        sha256,
        files: entries.len(),
    })
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const K: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-256 of `bytes` (FIPS 180-4).
pub fn sha256(bytes: &[u8]) -> [u8; 32] {
    let mut state: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];
    let mut message = bytes.to_vec();
    let bit_len = (bytes.len() as u64).wrapping_mul(8);
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bit_len.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 64];
        for (i, word) in block.chunks_exact(4).enumerate() {
            w[i] = u32::from_be_bytes([word[0], word[1], word[2], word[3]]);
        }
        for i in 16..64 {
            let s0 = w[i - 15].rotate_right(7) ^ w[i - 15].rotate_right(18) ^ (w[i - 15] >> 3);
            let s1 = w[i - 2].rotate_right(17) ^ w[i - 2].rotate_right(19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16]
                .wrapping_add(s0)
                .wrapping_add(w[i - 7])
                .wrapping_add(s1);
        }
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = state;
        for i in 0..64 {
            let s1 = e.rotate_right(6) ^ e.rotate_right(11) ^ e.rotate_right(25);
            let choice = (e & f) ^ (!e & g);
            let t1 = h
                .wrapping_add(s1)
                .wrapping_add(choice)
                .wrapping_add(K[i])
                .wrapping_add(w[i]);
            let s0 = a.rotate_right(2) ^ a.rotate_right(13) ^ a.rotate_right(22);
            let majority = (a & b) ^ (a & c) ^ (b & c);
            let t2 = s0.wrapping_add(majority);
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *s = s.wrapping_add(v);
        }
    }
    let mut out = [0u8; 32];
    for (chunk, word) in out.chunks_exact_mut(4).zip(state) {
        chunk.copy_from_slice(&word.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(
            hex(&sha256(b"")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            hex(&sha256(b"abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            hex(&sha256(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
        let million = vec![b'a'; 1_000_000];
        assert_eq!(
            hex(&sha256(&million)),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        );
    }

    #[test]
    fn zip_is_read_back_by_unzip_and_is_reproducible() {
        let dir = std::env::temp_dir().join(format!("archive-test-{}", std::process::id()));
        let dist = dir.join("dist");
        std::fs::create_dir_all(dist.join("sub")).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>".repeat(50)).unwrap();
        std::fs::write(dist.join("sub/a.js"), "x").unwrap();
        std::fs::write(dist.join(".wasm-size"), "1 2").unwrap();
        let first = release_zip(&dist, &dir.join("out"), "9.9.9").unwrap();
        let bytes = std::fs::read(&first.zip).unwrap();
        let second = release_zip(&dist, &dir.join("out2"), "9.9.9").unwrap();
        assert_eq!(bytes, std::fs::read(&second.zip).unwrap());
        assert_eq!(first.files, 2);
        assert_eq!(first.sha256, hex(&sha256(&bytes)));
        let line =
            std::fs::read_to_string(dir.join("out/ec2-iam-doctor-9.9.9.zip.sha256")).unwrap();
        assert_eq!(
            line,
            format!("{}  ec2-iam-doctor-9.9.9.zip\n", first.sha256)
        );
        assert_eq!(
            zip_names(&bytes),
            Some(vec![
                "ec2-iam-doctor-9.9.9/index.html".to_owned(),
                "ec2-iam-doctor-9.9.9/sub/a.js".to_owned()
            ])
        );
        assert_eq!(zip_names(&bytes[..bytes.len() - 1]), None);
        // Read it back with Info-ZIP's unzip, an independent reader, where the machine has it.
        if let Ok(output) = std::process::Command::new("unzip")
            .arg("-t")
            .arg(&first.zip)
            .output()
        {
            let report = String::from_utf8_lossy(&output.stdout);
            assert!(output.status.success(), "{report}");
            assert!(
                report.contains("ec2-iam-doctor-9.9.9/index.html"),
                "{report}"
            );
            assert!(report.contains("ec2-iam-doctor-9.9.9/sub/a.js"), "{report}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
