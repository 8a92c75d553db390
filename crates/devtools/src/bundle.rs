//! Finishes Trunk's `dist/` so the page runs under its Content-Security-Policy.
//!
//! The policy says `connect-src 'none'`: the page may not fetch anything, and that includes its own
//! `.wasm` (wasm-bindgen's loader fetches it). So the wasm is moved into an ES module of its own
//! (`<name>.wasm.js`, loaded like any script under `script-src 'self'`) and `boot.js` hands the
//! bytes to the glue. Module scripts are cached like any other file.
//!
//! The module holds the wasm as a string of one character per byte (U+0000–U+00FF), not base64:
//! a repeated run of bytes stays a repeated run of characters, so gzip and brotli compress it
//! almost as well as the raw wasm (base64 cost ~30 % more on the wire).

use std::io::Write;
use std::path::{Path, PathBuf};

/// What finishing produced: each file of the bundle with its raw and gzip sizes.
pub struct BundleReport {
    pub files: Vec<FileSize>,
    /// The size of the wasm itself before it was wrapped, raw and gzip.
    pub wasm: FileSize,
}

pub struct FileSize {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
}

impl BundleReport {
    pub fn total(&self) -> (usize, usize) {
        self.files
            .iter()
            .fold((0, 0), |(r, g), f| (r + f.raw, g + f.gzip))
    }

    pub fn render(&self) -> String {
        let mut out = String::from("bundle (bytes)                               raw       gzip\n");
        for file in &self.files {
            out.push_str(&format!(
                "  {:<38} {:>9} {:>10}\n",
                file.name, file.raw, file.gzip
            ));
        }
        let (raw, gzip) = self.total();
        out.push_str(&format!("  {:<38} {:>9} {:>10}\n", "total", raw, gzip));
        out.push_str(&format!(
            "  {:<38} {:>9} {:>10}\n",
            format!("(wasm before wrapping: {})", self.wasm.name),
            self.wasm.raw,
            self.wasm.gzip
        ));
        out
    }
}

#[derive(Debug)]
pub struct BundleError(pub String);

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(message: impl Into<String>) -> BundleError {
    BundleError(message.into())
}

/// Wraps the wasm of `dist/` into a module, checks the page has no inline code, and reports sizes.
pub fn finish(dist: &Path) -> Result<BundleReport, BundleError> {
    let index_path = dist.join("index.html");
    let index = std::fs::read_to_string(&index_path)
        .map_err(|e| err(format!("cannot read {}: {e}", index_path.display())))?;
    let wasm_name = attribute(&index, "data-wasm")
        .ok_or_else(|| {
            err("index.html has no data-wasm attribute: is Trunk.toml's pattern_script set?")
        })?
        .to_owned();
    let index = if wasm_name.ends_with(".wasm") {
        let wasm_path = dist.join(&wasm_name);
        let wasm = std::fs::read(&wasm_path)
            .map_err(|e| err(format!("cannot read {}: {e}", wasm_path.display())))?;
        check_no_build_paths(&wasm)?;
        let module = wasm_module_source(&wasm);
        let module_name = format!("{wasm_name}.js");
        std::fs::write(dist.join(&module_name), module)
            .map_err(|e| err(format!("cannot write {module_name}: {e}")))?;
        std::fs::remove_file(&wasm_path)
            .map_err(|e| err(format!("cannot remove {}: {e}", wasm_path.display())))?;
        let index = index.replace(
            &format!("data-wasm=\"{wasm_name}\""),
            &format!("data-wasm=\"{module_name}\""),
        );
        std::fs::write(&index_path, &index)
            .map_err(|e| err(format!("cannot write {}: {e}", index_path.display())))?;
        index
    } else {
        // Already finished (a second run over the same dist/).
        index
    };
    check_no_inline_code(&index)?;
    remove_leftovers(dist)?;
    // The wasm's own size, read back from its module (no record is left in dist/).
    let module_name = attribute(&index, "data-wasm").unwrap_or_default();
    let wasm = std::fs::read_to_string(dist.join(module_name))
        .ok()
        .and_then(|source| wasm_module_bytes(&source))
        .ok_or_else(|| err(format!("{module_name} is not a wasm module of finish-dist")))?;
    let wasm = FileSize {
        name: module_name.trim_end_matches(".js").to_owned(),
        raw: wasm.len(),
        gzip: gzip_len(&wasm),
    };
    let mut files = Vec::new();
    for path in list_files(dist)? {
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let name = path
            .strip_prefix(dist)
            .unwrap_or(&path)
            .to_string_lossy()
            .into_owned();
        files.push(FileSize {
            name,
            raw: bytes.len(),
            gzip: gzip_len(&bytes),
        });
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(BundleReport { files, wasm })
}

/// Only the page is shipped: Trunk's bookkeeping (`.stage/`, lock files) and any other dot file
/// in `dist/` are removed, so the folder, the zip and the single file hold the page alone.
fn remove_leftovers(dist: &Path) -> Result<(), BundleError> {
    let entries =
        std::fs::read_dir(dist).map_err(|e| err(format!("cannot list {}: {e}", dist.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if !entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        removed.map_err(|e| err(format!("cannot remove {}: {e}", path.display())))?;
    }
    Ok(())
}

/// The wasm must not carry the building machine's paths (panic locations name source files):
/// `make dist` maps Cargo's registry to relative paths, and this catches a build without it.
fn check_no_build_paths(wasm: &[u8]) -> Result<(), BundleError> {
    // Only the registry: the page's own texts may well name `/home/ec2-user/.aws/…`.
    let marker = b"/.cargo/registry/";
    if wasm.windows(marker.len()).any(|window| window == marker) {
        return Err(err(
            "the wasm holds a build path (…/.cargo/registry/…): build it with `make dist`, which maps Cargo's registry with --remap-path-prefix",
        ));
    }
    Ok(())
}

/// The page's policy forbids inline script and style; fail the build rather than the page.
fn check_no_inline_code(index: &str) -> Result<(), BundleError> {
    let lower = index.to_ascii_lowercase();
    let mut rest = lower.as_str();
    while let Some(at) = rest.find("<script") {
        let tag_end = rest[at..].find('>').map_or(rest.len(), |e| at + e);
        let tag = &rest[at..tag_end];
        if !tag.contains("src=") {
            return Err(err(
                "index.html has an inline <script>: the Content-Security-Policy forbids it",
            ));
        }
        rest = &rest[tag_end..];
    }
    if lower.contains("<style") || lower.contains(" style=") {
        return Err(err(
            "index.html has inline style: the Content-Security-Policy forbids it",
        ));
    }
    Ok(())
}

fn attribute<'t>(html: &'t str, name: &str) -> Option<&'t str> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    let len = html.get(start..)?.find('"')?;
    html.get(start..start + len)
}

fn list_files(dir: &Path) -> Result<Vec<PathBuf>, BundleError> {
    let mut out = Vec::new();
    let entries =
        std::fs::read_dir(dir).map_err(|e| err(format!("cannot list {}: {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(list_files(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// The ES module that carries `wasm`: its default export is a string of one character per byte.
/// Only the characters a double-quoted JavaScript string cannot hold raw are escaped.
pub fn wasm_module_source(wasm: &[u8]) -> String {
    let mut out = String::with_capacity(wasm.len() * 3 / 2 + 128);
    out.push_str(
        "// The page's WebAssembly, one character per byte, loaded as a script because the page may not fetch.\nexport default \"",
    );
    for &byte in wasm {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'"' => out.push_str("\\\""),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ => out.push(char::from(byte)),
        }
    }
    out.push_str("\";\n");
    out
}

/// The bytes of a module written by [`wasm_module_source`], or `None` when `source` is not one.
pub fn wasm_module_bytes(source: &str) -> Option<Vec<u8>> {
    let (_, rest) = source.split_once("export default \"")?;
    let body = rest.strip_suffix("\";\n")?;
    let mut bytes = Vec::with_capacity(body.len());
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        let byte = match c {
            '\\' => match chars.next()? {
                '\\' => b'\\',
                '"' => b'"',
                'n' => b'\n',
                'r' => b'\r',
                _ => return None,
            },
            '"' => return None,
            c => u8::try_from(u32::from(c)).ok()?,
        };
        bytes.push(byte);
    }
    Some(bytes)
}

pub fn gzip_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = encoder.write_all(bytes);
    encoder.finish().map(|v| v.len()).unwrap_or(0)
}

pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn the_wasm_module_round_trips_every_byte() {
        let every_byte: Vec<u8> = (0..=255u8).chain([0, 0, b'"', b'\\', b'\n']).collect();
        let source = wasm_module_source(&every_byte);
        assert!(source.ends_with("\";\n"));
        assert!(!source.contains('\n') || source.matches('\n').count() == 2);
        assert_eq!(wasm_module_bytes(&source), Some(every_byte));
        assert_eq!(wasm_module_bytes("export default \"AB"), None);
        assert_eq!(wasm_module_bytes("export default \"\u{100}\";\n"), None);
    }

    #[test]
    fn finishing_wraps_the_wasm_and_leaves_only_the_page() {
        let dist = std::env::temp_dir().join(format!("finish-test-{}", std::process::id()));
        std::fs::create_dir_all(dist.join(".stage")).unwrap();
        std::fs::write(
            dist.join("index.html"),
            "<script type=\"module\" src=\"./boot.js\" data-wasm=\"w_bg.wasm\"></script>",
        )
        .unwrap();
        let wasm = b"\0asm\x01\0\0\0 some code";
        std::fs::write(dist.join("w_bg.wasm"), wasm).unwrap();
        std::fs::write(dist.join("boot.js"), "import x from './g.js';").unwrap();
        std::fs::write(dist.join(".trunk-lock"), "").unwrap();
        std::fs::write(dist.join(".stage/half.js"), "").unwrap();
        let report = finish(&dist).unwrap();
        let names: Vec<&str> = report.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["boot.js", "index.html", "w_bg.wasm.js"]);
        assert_eq!(report.wasm.name, "w_bg.wasm");
        assert_eq!(report.wasm.raw, wasm.len());
        let mut left: Vec<String> = std::fs::read_dir(&dist)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["boot.js", "index.html", "w_bg.wasm.js"]);
        // A second run over the finished folder reports the same.
        let again = finish(&dist).unwrap();
        assert_eq!(again.wasm.raw, wasm.len());
        assert_eq!(again.total(), report.total());
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn build_paths_in_the_wasm_are_refused() {
        assert!(check_no_build_paths(b"\0asm yew-0.23.0/src/html/mod.rs").is_ok());
        let home = b"\0asm /root/.cargo/registry/src/index.crates.io-1949cf8c6b5b557f/yew-0.23.0/src/lib.rs";
        assert!(check_no_build_paths(home).is_err());
        // A text about the instance is no build path.
        assert!(check_no_build_paths(b"\0asm /home/ec2-user/.aws/credentials").is_ok());
    }

    #[test]
    fn inline_script_and_style_are_refused() {
        assert!(
            check_no_inline_code("<script type=\"module\" src=\"./boot.js\"></script>").is_ok()
        );
        assert!(check_no_inline_code("<script>alert(1)</script>").is_err());
        assert!(check_no_inline_code("<div style=\"color:red\"></div>").is_err());
        assert!(check_no_inline_code("<style>p{}</style>").is_err());
    }

    #[test]
    fn reads_attributes() {
        let html = r#"<script id="boot" data-js="a.js" data-wasm="a_bg.wasm"></script>"#;
        assert_eq!(attribute(html, "data-wasm"), Some("a_bg.wasm"));
        assert_eq!(attribute(html, "data-nope"), None);
    }
}
