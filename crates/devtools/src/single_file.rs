//! The single self-contained HTML file: the whole page (JS glue, wasm, CSS, icon) in one file
//! that works opened from disk (`file://`), mailed, or dropped on a file share.
//!
//! Made from a finished `dist/` ([`crate::bundle::finish`]): `index.html` names the glue
//! (`data-js`) and the wasm module (`data-wasm`, the base64 `….wasm.js`). Opened from disk,
//! a page cannot load module scripts from beside it (browsers treat every `file://` URL as its
//! own origin), so everything goes inline: the CSS in one `<style>`, the icon as a `data:` URL,
//! and one `<script type="module">` holding the glue (its `export` line dropped), the wasm's
//! base64 and the few lines of `boot.js` that start it.
//!
//! The page's policy (`script-src 'self'`, no inline code) cannot hold for a file with no
//! `'self'` to load from, so the single file carries its own, as strict as that allows:
//! `default-src 'none'`, scripts and styles only by the SHA-256 of the exact inline text
//! (`'sha256-…'`, so nothing injected into the page can run), `'wasm-unsafe-eval'` to compile
//! the wasm, images only as `data:`, and still `connect-src 'none'`: no request at all.

use std::path::Path;

use crate::archive::sha256;
use crate::bundle::base64;

#[derive(Debug)]
pub struct SingleFileError(pub String);

impl std::fmt::Display for SingleFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(message: impl Into<String>) -> SingleFileError {
    SingleFileError(message.into())
}

fn attribute<'t>(html: &'t str, name: &str) -> Option<&'t str> {
    let start = html.find(&format!("{name}=\""))? + name.len() + 2;
    let len = html.get(start..)?.find('"')?;
    html.get(start..start + len)
}

/// The `href` of the first `<link rel="REL" …>`.
fn link_href<'t>(html: &'t str, rel: &str) -> Option<&'t str> {
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let tag_end = rest.get(at..)?.find('>')? + at;
        let tag = rest.get(at..tag_end)?;
        if tag.contains(&format!("rel=\"{rel}\"")) {
            return attribute(tag, "href");
        }
        rest = rest.get(tag_end..)?;
    }
    None
}

fn read(dist: &Path, href: &str) -> Result<String, SingleFileError> {
    let path = dist.join(href.trim_start_matches("./"));
    std::fs::read_to_string(&path).map_err(|e| err(format!("cannot read {}: {e}", path.display())))
}

/// The CSP source of an inline text: `'sha256-<base64>'`.
pub fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", base64(&sha256(text.as_bytes())))
}

/// The glue as a classic part of one module: the `export { … }` statement removed, and the name
/// its default export had.
fn glue_without_exports(glue: &str) -> Result<(String, String), SingleFileError> {
    let mut default_name = None;
    let mut out = String::with_capacity(glue.len());
    for line in glue.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(list) = trimmed
            .strip_prefix("export {")
            .and_then(|rest| rest.strip_suffix("};"))
        {
            for item in list.split(',') {
                if let Some((name, alias)) = item.trim().split_once(" as ") {
                    if alias.trim() == "default" {
                        default_name = Some(name.trim().to_owned());
                    }
                }
            }
            continue;
        }
        if trimmed.starts_with("export ") || trimmed.starts_with("import ") {
            return Err(err(format!(
                "the JS glue has a statement this packer does not know: `{trimmed}`"
            )));
        }
        out.push_str(line);
    }
    let name = default_name.ok_or_else(|| err("the JS glue has no default export"))?;
    Ok((out, name))
}

/// What [`build`] made, for the size report.
pub struct SingleFile {
    pub html: String,
    pub script_hash: String,
}

/// The single-file page of a finished `dist/`.
pub fn build(dist: &Path) -> Result<SingleFile, SingleFileError> {
    let index = read(dist, "index.html")?;
    let glue_name =
        attribute(&index, "data-js").ok_or_else(|| err("index.html names no data-js"))?;
    let wasm_name =
        attribute(&index, "data-wasm").ok_or_else(|| err("index.html names no data-wasm"))?;
    if !wasm_name.ends_with(".wasm.js") {
        return Err(err(
            "dist/ is not finished (the wasm is not wrapped): run `make dist`",
        ));
    }
    let (glue, init) = glue_without_exports(&read(dist, glue_name)?)?;
    let wasm_module = read(dist, wasm_name)?;
    // Inline in HTML the wasm goes back to base64: the HTML parser would rewrite a raw NUL.
    let wasm_base64 = crate::bundle::wasm_module_bytes(&wasm_module)
        .map(|bytes| base64(&bytes))
        .ok_or_else(|| {
            err(format!(
                "{wasm_name} is not a wasm module written by finish-dist"
            ))
        })?;
    let css = match link_href(&index, "stylesheet") {
        Some(href) => read(dist, href)?,
        None => String::new(),
    };
    let icon = match link_href(&index, "icon") {
        Some(href) => {
            let path = dist.join(href.trim_start_matches("./"));
            let bytes = std::fs::read(&path)
                .map_err(|e| err(format!("cannot read {}: {e}", path.display())))?;
            Some(format!("data:image/svg+xml;base64,{}", base64(&bytes)))
        }
        None => None,
    };
    let script = format!(
        "{glue}\n// The page's WebAssembly, base64 (the single file loads nothing).\nconst wasmBase64 = \"{wasm_base64}\";\nconst wasmText = atob(wasmBase64);\nconst wasmBytes = new Uint8Array(wasmText.length);\nfor (let i = 0; i < wasmText.length; i++) wasmBytes[i] = wasmText.charCodeAt(i);\nawait {init}({{ module_or_path: wasmBytes }});\n"
    );
    if script.contains("</script") || css.contains("</style") {
        return Err(err("the script or style would close its own tag"));
    }
    let script_hash = hash_source(&script);
    let style_hash = hash_source(&css);
    let policy = format!(
        "default-src 'none'; script-src {script_hash} 'wasm-unsafe-eval'; style-src {style_hash}; img-src data:; connect-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'"
    );
    let title = index
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map_or("ec2-iam-doctor", |(title, _)| title);
    let mut html = String::with_capacity(script.len() + css.len() + 2048);
    html.push_str(
        "<!doctype html>\n<html lang=\"en\">\n  <head>\n    <meta charset=\"utf-8\" />\n",
    );
    html.push_str(
        "    <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n",
    );
    html.push_str(&format!(
        "    <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />\n"
    ));
    html.push_str("    <meta name=\"referrer\" content=\"no-referrer\" />\n");
    html.push_str(&format!("    <title>{title}</title>\n"));
    if let Some(icon) = icon {
        html.push_str(&format!("    <link rel=\"icon\" href=\"{icon}\" />\n"));
    }
    html.push_str(&format!("    <style>{css}</style>\n"));
    html.push_str(&format!("    <script type=\"module\">{script}</script>\n"));
    html.push_str("  </head>\n  <body></body>\n</html>\n");
    Ok(SingleFile { html, script_hash })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_from_a_finished_dist_with_hashes_of_its_inline_code() {
        let dir = std::env::temp_dir().join(format!("single-file-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<html><head><title>ec2-iam-doctor</title><link rel=\"icon\" href=\"./f.svg\" integrity=\"x\"/><link rel=\"stylesheet\" href=\"./a.css\"/><script type=\"module\" id=\"boot\" src=\"./boot.js\" data-js=\"g.js\" data-wasm=\"w_bg.wasm.js\"></script></head><body></body></html>",
        )
        .unwrap();
        std::fs::write(
            dir.join("g.js"),
            "function __wbg_init(x) { return x; }\nexport { initSync, __wbg_init as default };\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("w_bg.wasm.js"),
            crate::bundle::wasm_module_source(b"\0asm\x01\0\0\0"),
        )
        .unwrap();
        std::fs::write(dir.join("a.css"), "body { margin: 0 }").unwrap();
        std::fs::write(dir.join("f.svg"), "<svg/>").unwrap();
        let single = build(&dir).unwrap();
        let html = &single.html;
        let script = html
            .split_once("<script type=\"module\">")
            .unwrap()
            .1
            .split_once("</script>")
            .unwrap()
            .0;
        assert!(!script.contains("export"));
        assert!(script.contains("await __wbg_init({ module_or_path: wasmBytes });"));
        assert!(script.contains("\"AGFzbQEAAAA=\""));
        assert!(html.contains(&format!(
            "script-src {} 'wasm-unsafe-eval'",
            hash_source(script)
        )));
        assert!(html.contains(&format!("style-src {}", hash_source("body { margin: 0 }"))));
        assert!(html.contains("connect-src 'none'"));
        assert!(html.contains("href=\"data:image/svg+xml;base64,PHN2Zy8+\""));
        assert!(!html.contains("src=\""), "nothing is loaded from a file");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn unknown_glue_shapes_are_refused() {
        assert!(
            glue_without_exports("import x from './y.js';\nexport { a as default };\n").is_err()
        );
        assert!(glue_without_exports("function a() {}\n").is_err());
        assert_eq!(
            glue_without_exports("function a() {}\nexport { b, a as default };\n").unwrap(),
            ("function a() {}\n".to_owned(), "a".to_owned())
        );
    }
}
