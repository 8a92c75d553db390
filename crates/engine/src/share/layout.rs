//! Lossless JSON re-minification: a pasted JSON document is stored minified with the one byte
//! that says how to print it back exactly as pasted.
//!
//! Indentation is a quarter of a pretty-printed AWS output and, although repetitive, costs bits
//! at every line. The printer here reproduces the usual pretty-printers byte for byte (the AWS
//! CLI and Python's `json.dumps(indent=4)`, `jq`, `JSON.stringify(v, null, 2)`, IMDS's
//! `"Code" : "Success"` style, one-line `json.dumps`). A text is stored minified only when
//! printing its minified form gives back exactly the same bytes; otherwise it is stored as is
//! (style 0). So the round trip is exact whatever was pasted.

/// Style 0: the text is stored verbatim.
pub const VERBATIM: u8 = 0;

const INDENT_MASK: u8 = 0b0000_0111;
const COLON_SHIFT: u8 = 3;
const COLON_MASK: u8 = 0b0001_1000;
const COMMA_SPACE: u8 = 0b0010_0000;
const TRAILING_NEWLINE: u8 = 0b0100_0000;
/// Bits a v1 style byte may have; any other bit is from a newer writer.
const KNOWN_BITS: u8 = INDENT_MASK | COLON_MASK | COMMA_SPACE | TRAILING_NEWLINE;

/// The indentation units by code: 0 is one line.
const INDENTS: [&str; 6] = ["", "  ", "    ", "\t", " ", "   "];
const COLONS: [&str; 3] = [":", ": ", " : "];

/// Why printing failed: the result would exceed the size cap, or the style is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LayoutError {
    TooLarge,
    UnknownStyle,
}

/// The text to store and its style byte.
pub fn pack(text: &str) -> (u8, String) {
    let first = text.as_bytes().first().copied();
    if !matches!(first, Some(b'{') | Some(b'[')) {
        return (VERBATIM, text.to_owned());
    }
    let minified = minify(text);
    if minified.len() == text.len() {
        return (VERBATIM, text.to_owned());
    }
    let body = text.strip_suffix('\n').unwrap_or(text);
    let trailing = if body.len() < text.len() {
        TRAILING_NEWLINE
    } else {
        0
    };
    // The indentation unit is what starts the second line (the first nested line).
    let indent_code = match body.split_once('\n') {
        None => 0,
        Some((_, rest)) => {
            let unit: String = rest
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .collect();
            match INDENTS.iter().position(|candidate| *candidate == unit) {
                Some(code) if code != 0 => code as u8,
                _ => return (VERBATIM, text.to_owned()),
            }
        }
    };
    let comma_options: &[u8] = if indent_code == 0 {
        &[0, COMMA_SPACE]
    } else {
        &[0]
    };
    for colon in 0..COLONS.len() as u8 {
        for comma in comma_options {
            let style = indent_code | (colon << COLON_SHIFT) | comma | trailing;
            if style == VERBATIM {
                continue;
            }
            if let Ok(printed) = print(&minified, style, text.len()) {
                if printed == text {
                    return (style, minified);
                }
            }
        }
    }
    (VERBATIM, text.to_owned())
}

/// The text a stored `(style, text)` stands for; never longer than `cap` bytes.
pub fn unpack(style: u8, stored: &str, cap: usize) -> Result<String, LayoutError> {
    if style == VERBATIM {
        return Ok(stored.to_owned());
    }
    print(stored, style, cap)
}

/// Removes whitespace outside strings.
pub fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

/// Prints minified JSON in `style`. Works on any text (a non-JSON text prints as something,
/// which [`pack`] then refuses because it differs); fails once the output passes `cap` bytes, so
/// a hostile deeply nested document cannot expand without bound.
fn print(minified: &str, style: u8, cap: usize) -> Result<String, LayoutError> {
    if style & !KNOWN_BITS != 0 {
        return Err(LayoutError::UnknownStyle);
    }
    let indent = *INDENTS
        .get(usize::from(style & INDENT_MASK))
        .ok_or(LayoutError::UnknownStyle)?;
    let colon = *COLONS
        .get(usize::from((style & COLON_MASK) >> COLON_SHIFT))
        .ok_or(LayoutError::UnknownStyle)?;
    let comma = if indent.is_empty() && style & COMMA_SPACE != 0 {
        ", "
    } else {
        ","
    };
    let mut out = String::with_capacity(minified.len().saturating_mul(2).min(cap));
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let bytes = minified.as_bytes();
    let newline = |out: &mut String, depth: usize| -> Result<(), LayoutError> {
        if indent.is_empty() {
            return Ok(());
        }
        if out.len() + 1 + depth * indent.len() > cap {
            return Err(LayoutError::TooLarge);
        }
        out.push('\n');
        for _ in 0..depth {
            out.push_str(indent);
        }
        Ok(())
    };
    for (at, c) in minified.char_indices() {
        if out.len() > cap {
            return Err(LayoutError::TooLarge);
        }
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                let close = if c == '{' { b'}' } else { b']' };
                if bytes.get(at + 1) != Some(&close) {
                    depth += 1;
                    newline(&mut out, depth)?;
                }
            }
            '}' | ']' => {
                let open = if c == '}' { b'{' } else { b'[' };
                if at > 0 && bytes.get(at - 1) != Some(&open) {
                    depth = depth.saturating_sub(1);
                    newline(&mut out, depth)?;
                }
                out.push(c);
            }
            ',' => {
                out.push_str(comma);
                newline(&mut out, depth)?;
            }
            ':' => out.push_str(colon),
            _ => out.push(c),
        }
    }
    if style & TRAILING_NEWLINE != 0 {
        out.push('\n');
    }
    if out.len() > cap {
        return Err(LayoutError::TooLarge);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> u8 {
        let (style, stored) = pack(text);
        assert_eq!(
            unpack(style, &stored, 1 << 20).as_deref(),
            Ok(text),
            "style {style}"
        );
        style
    }

    #[test]
    fn aws_cli_output_is_minified_and_restored() {
        let text = "{\n    \"InstanceProfile\": {\n        \"Path\": \"/\",\n        \"Roles\": [],\n        \"Tags\": {}\n    }\n}\n";
        let (style, stored) = pack(text);
        assert_ne!(style, VERBATIM);
        assert_eq!(
            stored,
            r#"{"InstanceProfile":{"Path":"/","Roles":[],"Tags":{}}}"#
        );
        round_trip(text);
    }

    #[test]
    fn imds_jq_and_one_line_styles_round_trip() {
        assert_ne!(
            round_trip(
                "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2016-03-17T12:27:32Z\"\n}"
            ),
            VERBATIM
        );
        assert_ne!(
            round_trip("[\n  {\n    \"a\": [\n      1,\n      2\n    ]\n  }\n]\n"),
            VERBATIM
        );
        assert_ne!(round_trip("{\"a\": 1, \"b\": [true, null]}"), VERBATIM);
        assert_ne!(round_trip("{\n\t\"a\": \"x y\"\n}"), VERBATIM);
    }

    #[test]
    fn anything_else_is_kept_verbatim() {
        for text in [
            "",
            "plain text",
            "{\n    \"a\": 1,\n  \"b\": 2\n}",
            "{ \"odd\" :1 }",
            "{\"a\": \"string with \\\" quote, and: colon\"}\n\n",
            "{\r\n    \"a\": 1\r\n}",
            "[1, 2]  ",
        ] {
            round_trip(text);
        }
        assert_eq!(round_trip("{\n    \"a\": 1,\n  \"b\": 2\n}"), VERBATIM);
    }

    #[test]
    fn printing_stops_at_the_cap() {
        let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        assert_eq!(print(&deep, 2, 1 << 20), Err(LayoutError::TooLarge));
        assert_eq!(print("{}", 0x80, 100), Err(LayoutError::UnknownStyle));
    }
}
