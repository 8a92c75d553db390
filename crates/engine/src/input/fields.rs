//! Reading located facts out of [`Json`] values: case-insensitive keys, JSON paths, and spans of
//! string contents (quotes excluded) so evidence underlines the value itself.

use crate::json::{Json, Value};
use crate::text::Span;

use super::facts::Located;

/// The path of `key` under `path` (`$.Role` + `Arn` → `$.Role.Arn`).
pub fn key_path(path: &str, key: &str) -> String {
    let simple = key
        .bytes()
        .enumerate()
        .all(|(i, b)| b == b'_' || b.is_ascii_alphabetic() || (i > 0 && b.is_ascii_digit()));
    if simple && !key.is_empty() {
        format!("{path}.{key}")
    } else {
        format!("{path}[{}]", crate::text::json_string(key))
    }
}

pub fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// The member under `key` (ASCII case-insensitive; the exact spelling wins over others).
pub fn get<'j, 'a>(json: &'j Json<'a>, key: &str) -> Option<&'j Json<'a>> {
    json.get(key).or_else(|| json.get_ci(key))
}

/// The first of `keys` present.
pub fn get_any<'j, 'a>(json: &'j Json<'a>, keys: &[&str]) -> Option<(&'j Json<'a>, &'j str)> {
    keys.iter().find_map(|key| {
        let value = get(json, key)?;
        // The key as the paste spells it, for the path (borrowed: a fleet reads it per field).
        let spelled = json
            .as_object()?
            .iter()
            .rev()
            .find(|m| m.key.eq_ignore_ascii_case(key))
            .map(|m| &*m.key)?;
        Some((value, spelled))
    })
}

pub fn has(json: &Json, key: &str) -> bool {
    get(json, key).is_some()
}

/// The span of a string's content without its quotes, when the source spells it without
/// escapes; the whole span otherwise.
pub fn content_span(json: &Json, paste: &str) -> Span {
    let raw = json.span.slice(paste);
    if let Value::String(text) = &json.value {
        if raw.len() == text.len() + 2 && raw.starts_with('"') && raw.ends_with('"') {
            return Span::new(json.span.start + 1, json.span.end - 1);
        }
    }
    json.span
}

/// A scalar as text: strings as they are, numbers as written, booleans as `true`/`false`.
pub fn scalar_text(json: &Json) -> Option<String> {
    match &json.value {
        Value::String(text) => Some(text.to_string()),
        Value::Number(number) => Some((*number).to_string()),
        Value::Bool(value) => Some(value.to_string()),
        _ => None,
    }
}

/// The string (or number) under `key`, located.
pub fn text(json: &Json, paste: &str, path: &str, key: &str) -> Option<Located<String>> {
    let (value, spelled) = get_any(json, &[key])?;
    located_text(value, paste, &key_path(path, spelled))
}

/// The first of `keys` present, as text.
pub fn text_any(json: &Json, paste: &str, path: &str, keys: &[&str]) -> Option<Located<String>> {
    let (value, spelled) = get_any(json, keys)?;
    located_text(value, paste, &key_path(path, spelled))
}

pub fn located_text(value: &Json, paste: &str, path: &str) -> Option<Located<String>> {
    let text = scalar_text(value)?;
    Some(Located::with_path(text, content_span(value, paste), path))
}

pub fn number(json: &Json, path: &str, key: &str) -> Option<Located<u64>> {
    let (value, spelled) = get_any(json, &[key])?;
    let number = match &value.value {
        Value::Number(text) => text.parse::<u64>().ok()?,
        Value::String(text) => text.trim().parse::<u64>().ok()?,
        _ => return None,
    };
    Some(Located::with_path(
        number,
        value.span,
        key_path(path, spelled),
    ))
}

pub fn boolean(json: &Json, path: &str, key: &str) -> Option<Located<bool>> {
    let (value, spelled) = get_any(json, &[key])?;
    let flag = match &value.value {
        Value::Bool(flag) => *flag,
        Value::String(text) if text.eq_ignore_ascii_case("true") => true,
        Value::String(text) if text.eq_ignore_ascii_case("false") => false,
        _ => return None,
    };
    Some(Located::with_path(
        flag,
        value.span,
        key_path(path, spelled),
    ))
}

/// The array under `key` with each item's path; a single value counts as a list of one.
pub fn list<'j, 'a>(json: &'j Json<'a>, path: &str, key: &str) -> Vec<(&'j Json<'a>, String)> {
    match get_any(json, &[key]) {
        Some((value, spelled)) => items(value, &key_path(path, spelled)),
        None => Vec::new(),
    }
}

/// The items of an array with their paths; any other value is a list of itself.
pub fn items<'j, 'a>(json: &'j Json<'a>, path: &str) -> Vec<(&'j Json<'a>, String)> {
    match &json.value {
        Value::Array(values) => values
            .iter()
            .enumerate()
            .map(|(i, item)| (item, index_path(path, i)))
            .collect(),
        Value::Null => Vec::new(),
        _ => vec![(json, path.to_string())],
    }
}

/// Strings of a string-or-list value under `key`, located.
pub fn texts(json: &Json, paste: &str, path: &str, key: &str) -> Vec<Located<String>> {
    list(json, path, key)
        .into_iter()
        .filter_map(|(item, item_path)| located_text(item, paste, &item_path))
        .collect()
}

/// The objects of a `--query` fragment: the value itself, or the objects inside (nested)
/// arrays, each with its path. Bounded depth: fragments nest at most a few arrays.
pub fn fragment_objects<'j, 'a>(json: &'j Json<'a>, path: &str) -> Vec<(&'j Json<'a>, String)> {
    let mut found = Vec::new();
    collect_objects(json, path.to_string(), 0, &mut found);
    found
}

fn collect_objects<'j, 'a>(
    json: &'j Json<'a>,
    path: String,
    depth: usize,
    found: &mut Vec<(&'j Json<'a>, String)>,
) {
    match &json.value {
        Value::Object(_) => found.push((json, path)),
        Value::Array(values) if depth < 4 => {
            for (i, item) in values.iter().enumerate() {
                collect_objects(item, index_path(&path, i), depth + 1, found);
            }
        }
        _ => {}
    }
}

/// The first object of a fragment (for recognition).
pub fn first_object<'j, 'a>(json: &'j Json<'a>) -> Option<&'j Json<'a>> {
    let mut current = json;
    for _ in 0..5 {
        match &current.value {
            Value::Object(_) => return Some(current),
            Value::Array(values) => current = values.iter().find(|v| !v.is_null())?,
            _ => return None,
        }
    }
    None
}

/// Whether every object of a fragment satisfies `test` (and there is at least one).
pub fn all_objects(json: &Json, test: impl Fn(&Json) -> bool) -> bool {
    let objects = fragment_objects(json, "$");
    !objects.is_empty() && objects.iter().all(|(object, _)| test(object))
}
