//! The repository stands alone: no tracked file (outside `docs/`) refers to a path outside it.
//!
//! A clone placed anywhere must build and test, so a relative path that climbs above the
//! repository's root (`../../../shared/…` from a crate), a name of the workplace's reference
//! folder, or an absolute path of the machine it was written on is a defect. Relative paths are
//! resolved from the folder the path is relative to: the crate's manifest folder where
//! `CARGO_MANIFEST_DIR` stands on the line or the three lines before (Rust's `concat!`), else the
//! file's own folder (`include_str!`, `insta::glob!`, shell scripts, Markdown links).

use std::path::Path;

/// One reference to a path outside the repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideReference {
    /// The file, relative to the repository's root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What it refers to, as written.
    pub path: String,
}

impl std::fmt::Display for OutsideReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: `{}` is outside the repository",
            self.file, self.line, self.path
        )
    }
}

/// Names that only exist beside the repository on the workplace's machines. Built from pieces
/// so that this file does not name them itself.
fn workplace_names() -> [String; 3] {
    [
        ["shared", "/fixtures"].concat(),
        ["shared", "/guide"].concat(),
        ["/work", "/shared"].concat(),
    ]
}

/// The references to paths outside the repository in `text`, the content of the tracked file
/// `file` (relative to the root, `/`-separated). `manifest_dir` is the folder of the nearest
/// `Cargo.toml` above the file, relative to the root (`""` for the root).
pub fn outside_references(file: &str, manifest_dir: &str, text: &str) -> Vec<OutsideReference> {
    let file_dir = file.rsplit_once('/').map_or("", |(dir, _)| dir);
    let names = workplace_names();
    let lines: Vec<&str> = text.lines().collect();
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let report = |path: &str| OutsideReference {
            file: file.to_owned(),
            line: index + 1,
            path: path.to_owned(),
        };
        for name in &names {
            if line.contains(name.as_str()) {
                found.push(report(name));
            }
        }
        let from_manifest = lines
            .get(index.saturating_sub(3)..=index)
            .is_some_and(|window| window.iter().any(|l| l.contains("CARGO_MANIFEST_DIR")));
        let base = if from_manifest {
            manifest_dir
        } else {
            file_dir
        };
        for path in relative_paths(line) {
            if escapes(base, &path) {
                found.push(report(&path));
            }
        }
    }
    found
}

/// Every run of `../` in `line` with the path segments that follow it.
fn relative_paths(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(at) = rest.find("../") {
        // The whole run: back up over a `..` glued before (`../../` found at its second part
        // cannot happen, since find returns the first) and take path characters after it.
        let tail = &rest[at..];
        let len = tail
            .find(|c: char| !(c.is_ascii_alphanumeric() || "._-/".contains(c)))
            .unwrap_or(tail.len());
        let path = &tail[..len];
        // `x../` (a word ending in dots) is no parent reference.
        let glued = rest[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
        if !glued {
            out.push(path.to_owned());
        }
        rest = &tail[len.max(3)..];
    }
    out
}

/// Whether `path` (relative, starting with `../`) leaves the root when taken from `base`.
fn escapes(base: &str, path: &str) -> bool {
    let mut depth = base.split('/').filter(|s| !s.is_empty()).count() as isize;
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                depth -= 1;
                if depth < 0 {
                    return true;
                }
            }
            _ => depth += 1,
        }
    }
    false
}

/// The folder of the nearest `Cargo.toml` at or above `file`'s folder among `tracked`.
pub fn manifest_dir<'t>(file: &str, tracked: &'t [String]) -> &'t str {
    let mut dir = file.rsplit_once('/').map_or("", |(dir, _)| dir);
    loop {
        let manifest = if dir.is_empty() {
            "Cargo.toml".to_owned()
        } else {
            format!("{dir}/Cargo.toml")
        };
        if let Some(found) = tracked.iter().find(|t| **t == manifest) {
            return found
                .strip_suffix("Cargo.toml")
                .map_or("", |d| d.trim_end_matches('/'));
        }
        if dir.is_empty() {
            return "";
        }
        dir = dir.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
}

/// Every reference to a path outside the repository at `root`, over the files git tracks there
/// (binary files and `docs/` left out).
pub fn check_repository(root: &Path) -> Result<Vec<OutsideReference>, String> {
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z"])
        .output()
        .map_err(|e| format!("cannot run git ls-files: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "git ls-files failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let tracked: Vec<String> = output
        .stdout
        .split(|&b| b == 0)
        .filter(|name| !name.is_empty())
        .map(|name| String::from_utf8_lossy(name).into_owned())
        .collect();
    let mut found = Vec::new();
    for file in &tracked {
        if file.starts_with("docs/") {
            continue;
        }
        let Ok(bytes) = std::fs::read(root.join(file)) else {
            continue; // deleted in the working tree
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue; // binary (gzip data, images)
        };
        found.extend(outside_references(
            file,
            manifest_dir(file, &tracked),
            &text,
        ));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_tracked_file_refers_outside_the_repository() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let found = check_repository(&root).unwrap_or_else(|e| panic!("{e}"));
        let report: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert!(report.is_empty(), "{}", report.join("\n"));
    }

    /// `n` parent steps; the examples are built so that this file climbs nowhere itself.
    fn up(n: usize) -> String {
        "../".repeat(n)
    }

    #[test]
    fn climbing_above_the_root_is_found_from_the_right_folder() {
        let engine = "crates/engine";
        let file = "crates/engine/tests/a.rs";
        // From the manifest folder (concat! with CARGO_MANIFEST_DIR), three levels up leave it.
        let text = format!(
            "const F: &str = concat!(\n    env!(\"CARGO_MANIFEST_DIR\"),\n    \"/{}elsewhere/fixtures\"\n);\n",
            up(3)
        );
        let found = outside_references(file, engine, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].line, 3);
        assert_eq!(found[0].path, format!("{}elsewhere/fixtures", up(3)));
        // Two levels up from the manifest folder is the root: inside.
        let text = format!(
            "concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/{}tests/fixtures\")",
            up(2)
        );
        assert!(outside_references(file, engine, &text).is_empty());
        // Without CARGO_MANIFEST_DIR the path is the file's own (insta::glob!, include_str!).
        let text = format!(
            "insta::glob!(\"{}tests/fixtures\", \"*\", |p| {{}});",
            up(3)
        );
        assert!(outside_references(file, engine, &text).is_empty());
        let text = format!(
            "insta::glob!(\"{}tests/fixtures\", \"*\", |p| {{}});",
            up(4)
        );
        assert_eq!(outside_references(file, engine, &text).len(), 1);
        // A script's `$here/..` is taken from its folder.
        let text = format!("node bench.mjs \"$here/{}x/policies\"", up(5));
        let script = "crates/engine/benches/wasm-node/run.sh";
        assert_eq!(outside_references(script, engine, &text).len(), 1);
    }

    #[test]
    fn workplace_names_are_found_and_words_with_dots_are_not_paths() {
        let name = ["shared", "/fixtures/policies"].concat();
        let found = outside_references("README.md", "", &format!("see `{name}`"));
        assert_eq!(found.len(), 1);
        assert!(outside_references("a.md", "", "and so on... /x").is_empty());
        assert!(outside_references("a.md", "", &format!("wait.{}x", up(3))).is_empty());
        // A fixture note pointing at a sibling folder stays inside.
        let text = "see `../trust-policies/`";
        assert!(outside_references("tests/fixtures/policies/SOURCES.md", "", text).is_empty());
    }

    #[test]
    fn the_nearest_manifest_is_found() {
        let tracked: Vec<String> = ["Cargo.toml", "crates/engine/Cargo.toml", "src/lib.rs"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        assert_eq!(
            manifest_dir("crates/engine/tests/a.rs", &tracked),
            "crates/engine"
        );
        assert_eq!(manifest_dir("src/lib.rs", &tracked), "");
        assert_eq!(manifest_dir("crates/cli/src/main.rs", &tracked), "");
    }
}
