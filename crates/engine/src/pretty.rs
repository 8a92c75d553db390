//! serde_json's pretty form of a JSON document, without serde_json.
//!
//! [`pretty`] gives exactly what `serde_json::to_string_pretty` writes for the
//! `serde_json::Value` that `serde_json::from_str` reads (keys sorted and unique, two-space
//! indent, numbers as serde_json reads and writes them), and `None` for what `from_str` refuses.
//! The page diffs a pasted policy against its corrected form in this layout; serde_json's reader
//! and writer cost the wasm 22 KB, this module 8 KB. The tests compare both on many documents and
//! numbers (serde_json 1.0 without `float_roundtrip`, as the workspace builds it).

/// serde_json's nesting limit: its 128th nested array or object is an error.
const MAX_NESTING: usize = 127;

enum Value {
    Null,
    Bool(bool),
    /// Already in serde_json's spelling.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Sorted by key, each key once (the last value of a duplicate key wins).
    Object(Vec<(String, Value)>),
}

/// `text` pretty-printed as serde_json would, or `None` if serde_json would not read it.
pub fn pretty(text: &str) -> Option<String> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = reader.value()?;
    reader.whitespace();
    if reader.pos != reader.bytes.len() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    write(&mut out, &value, 0);
    Some(out)
}

fn write(out: &mut String, value: &Value, level: usize) {
    let indent = |out: &mut String, level: usize| {
        for _ in 0..level {
            out.push_str("  ");
        }
    };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(number) => out.push_str(number),
        Value::String(text) => crate::text::push_json_string(out, text),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Object(members) if members.is_empty() => out.push_str("{}"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, level + 1);
                write(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push(']');
        }
        Value::Object(members) => {
            out.push('{');
            for (i, (key, item)) in members.iter().enumerate() {
                out.push_str(if i == 0 { "\n" } else { ",\n" });
                indent(out, level + 1);
                crate::text::push_json_string(out, key);
                out.push_str(": ");
                write(out, item, level + 1);
            }
            out.push('\n');
            indent(out, level);
            out.push('}');
        }
    }
}

/// A strict reader with serde_json's grammar and limits.
struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.pos += 1;
        Some(byte)
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    fn word(&mut self, word: &[u8], value: Value) -> Option<Value> {
        let end = self.pos.checked_add(word.len())?;
        (self.bytes.get(self.pos..end)? == word).then(|| {
            self.pos = end;
            value
        })
    }

    fn value(&mut self) -> Option<Value> {
        self.whitespace();
        match self.peek()? {
            b'n' => self.word(b"null", Value::Null),
            b't' => self.word(b"true", Value::Bool(true)),
            b'f' => self.word(b"false", Value::Bool(false)),
            b'-' | b'0'..=b'9' => self.number().map(Value::Number),
            b'"' => self.string().map(Value::String),
            b'[' => {
                self.enter()?;
                let mut items = Vec::new();
                self.whitespace();
                if self.peek() == Some(b']') {
                    self.pos += 1;
                } else {
                    loop {
                        items.push(self.value()?);
                        self.whitespace();
                        match self.next()? {
                            b',' => {}
                            b']' => break,
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                Some(Value::Array(items))
            }
            b'{' => {
                self.enter()?;
                let mut members: Vec<(String, Value)> = Vec::new();
                self.whitespace();
                if self.peek() == Some(b'}') {
                    self.pos += 1;
                } else {
                    loop {
                        self.whitespace();
                        if self.peek()? != b'"' {
                            return None;
                        }
                        let key = self.string()?;
                        self.whitespace();
                        if self.next()? != b':' {
                            return None;
                        }
                        members.push((key, self.value()?));
                        self.whitespace();
                        match self.next()? {
                            b',' => {}
                            b'}' => break,
                            _ => return None,
                        }
                    }
                }
                self.depth -= 1;
                // serde_json's map is a BTreeMap: sorted keys, a later duplicate replaces.
                crate::sort::sort_by(&mut members, |a, b| a.0.cmp(&b.0));
                let mut unique: Vec<(String, Value)> = Vec::with_capacity(members.len());
                for (key, value) in members {
                    match unique.last_mut() {
                        Some(last) if last.0 == key => last.1 = value,
                        _ => unique.push((key, value)),
                    }
                }
                Some(Value::Object(unique))
            }
            _ => None,
        }
    }

    /// Steps into an array or object, past its opening bracket.
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        self.pos += 1;
        (self.depth <= MAX_NESTING).then_some(())
    }

    /// A string (at its opening quote): escapes decoded, surrogates paired, no raw controls.
    fn string(&mut self) -> Option<String> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let start = self.pos;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.pos += 1;
            }
            // The run starts and ends next to ASCII bytes: whole characters.
            out.push_str(self.text.get(start..self.pos)?);
            match self.next()? {
                b'"' => return Some(out),
                b'\\' => {}
                _ => return None,
            }
            let escaped = match self.next()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let unit = self.hex4()?;
                    match unit {
                        0xDC00..=0xDFFF => return None,
                        0xD800..=0xDBFF => {
                            if self.next()? != b'\\' || self.next()? != b'u' {
                                return None;
                            }
                            let low = self.hex4()?;
                            if !(0xDC00..=0xDFFF).contains(&low) {
                                return None;
                            }
                            char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?
                        }
                        _ => char::from_u32(unit)?,
                    }
                }
                _ => return None,
            };
            out.push(escaped);
        }
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut unit = 0;
        for _ in 0..4 {
            let digit = char::from(self.next()?).to_digit(16)?;
            unit = unit * 16 + digit;
        }
        Some(unit)
    }

    fn digit(&self) -> Option<u8> {
        self.peek().filter(u8::is_ascii_digit).map(|b| b - b'0')
    }

    /// A number, read as serde_json reads it (without its `float_roundtrip` feature) and spelled
    /// as it writes it.
    fn number(&mut self) -> Option<String> {
        let positive = self.peek() != Some(b'-');
        if !positive {
            self.pos += 1;
        }
        let mut significand = u64::from(self.digit()?);
        self.pos += 1;
        let mut exponent: i32 = 0;
        if significand == 0 {
            // One leading zero only.
            if self.digit().is_some() {
                return None;
            }
        } else {
            while let Some(digit) = self.digit() {
                self.pos += 1;
                let next = significand
                    .checked_mul(10)
                    .and_then(|s| s.checked_add(u64::from(digit)));
                match next {
                    Some(next) if exponent == 0 => significand = next,
                    // Too long for u64: this digit and the ones after only scale it.
                    _ => exponent = exponent.checked_add(1)?,
                }
            }
        }
        let overflowed = exponent != 0;
        match self.peek() {
            Some(b'.') => {
                self.pos += 1;
                let mut fraction_digits = 0;
                // serde_json tries again after a long whole part, and gives up at the first
                // fraction digit that does not fit.
                let mut full = false;
                while let Some(digit) = self.digit() {
                    self.pos += 1;
                    fraction_digits += 1;
                    if full {
                        continue;
                    }
                    match significand
                        .checked_mul(10)
                        .and_then(|s| s.checked_add(u64::from(digit)))
                    {
                        Some(next) => {
                            significand = next;
                            exponent = exponent.checked_sub(1)?;
                        }
                        // Digits past u64 are dropped.
                        None => full = true,
                    }
                }
                if fraction_digits == 0 {
                    return None;
                }
            }
            Some(b'e' | b'E') => {}
            _ if !overflowed => return Some(integer(positive, significand)),
            _ => {}
        }
        let value = match self.peek() {
            Some(b'e' | b'E') => {
                self.pos += 1;
                let positive_exp = match self.peek() {
                    Some(b'+') => {
                        self.pos += 1;
                        true
                    }
                    Some(b'-') => {
                        self.pos += 1;
                        false
                    }
                    _ => true,
                };
                let mut exp = i32::from(self.digit()?);
                self.pos += 1;
                let mut too_big = false;
                while let Some(digit) = self.digit() {
                    self.pos += 1;
                    match exp
                        .checked_mul(10)
                        .and_then(|e| e.checked_add(i32::from(digit)))
                    {
                        Some(next) if !too_big => exp = next,
                        _ => too_big = true,
                    }
                }
                if too_big {
                    // serde_json: an error instead of infinity, else zero.
                    if significand != 0 && positive_exp {
                        return None;
                    }
                    0.0
                } else {
                    let exponent = if positive_exp {
                        exponent.saturating_add(exp)
                    } else {
                        exponent.saturating_sub(exp)
                    };
                    from_parts(significand, exponent)?
                }
            }
            _ => from_parts(significand, exponent)?,
        };
        Some(float(if positive { value } else { -value }))
    }
}

/// serde_json's integer: `u64`, negative `i64`, else (`-0`, below `i64::MIN`) a float.
fn integer(positive: bool, significand: u64) -> String {
    if positive {
        return significand.to_string();
    }
    let negative = (significand as i64).wrapping_neg();
    if negative >= 0 {
        float(-(significand as f64))
    } else {
        negative.to_string()
    }
}

/// serde_json's `f64_from_parts`: the significand scaled by a power of ten in `f64` arithmetic
/// (not always the nearest double; the same steps give the same double). `None` on overflow.
fn from_parts(significand: u64, mut exponent: i32) -> Option<f64> {
    let mut value = significand as f64;
    loop {
        let power = exponent.unsigned_abs();
        if power <= 308 {
            // The literal `1e{power}` (dec2flt is exact, like the compiler's literals).
            let scale: f64 = format!("1e{power}").parse().ok()?;
            if exponent >= 0 {
                value *= scale;
                if value.is_infinite() {
                    return None;
                }
            } else {
                value /= scale;
            }
            return Some(value);
        }
        if value == 0.0 {
            return Some(value);
        }
        if exponent >= 0 {
            return None;
        }
        value /= 1e308;
        exponent += 308;
    }
}

/// A finite `f64` as serde_json writes it: the shortest digits that read back as the same double
/// (the nearer of two, the even one of a tie), in plain notation from 1e-5 to below 1e16 (with
/// `.0` when whole), else as `1.5e+16`. Found without std's float formatting (16 KB of wasm).
fn float(value: f64) -> String {
    if value == 0.0 {
        return if value.is_sign_negative() {
            "-0.0"
        } else {
            "0.0"
        }
        .to_owned();
    }
    let (digits, exponent) = shortest(value.abs());
    let count = digits.len() as i32;
    let mut out = String::from(if value < 0.0 { "-" } else { "" });
    if (-5..=15).contains(&exponent) {
        if count - 1 <= exponent {
            out.push_str(&digits);
            for _ in 0..(exponent + 1 - count) {
                out.push('0');
            }
            out.push_str(".0");
        } else if exponent >= 0 {
            let (whole, fraction) = digits.split_at(exponent as usize + 1);
            out.push_str(whole);
            out.push('.');
            out.push_str(fraction);
        } else {
            out.push_str("0.");
            for _ in 0..(-exponent - 1) {
                out.push('0');
            }
            out.push_str(&digits);
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        out.push_str(if exponent >= 0 { "e+" } else { "e-" });
        out.push_str(&exponent.unsigned_abs().to_string());
    }
    out
}

/// The shortest digits of a positive finite `value` that read back as it, and the decimal
/// exponent of the first digit (`1.5e-7` → `("15", -7)`).
fn shortest(value: f64) -> (String, i32) {
    let (exact, scale) = exact_decimal(value);
    // value = exact × 10^scale; `exact` has no trailing zeros.
    let first = scale + exact.len() as i32 - 1;
    let reads_back =
        |digits: &str, exponent: i32| format!("{digits}e{exponent}").parse::<f64>() == Ok(value);
    for count in 1..exact.len() {
        let (head, rest) = exact.split_at(count);
        let unit = first - count as i32 + 1;
        let lower = reads_back(head, unit).then(|| head.to_owned());
        let up = increment(head);
        let upper = reads_back(&up, unit).then_some(up);
        let chosen = match (lower, upper) {
            (Some(lower), Some(upper)) => {
                // The nearer one; halfway (rest exactly "5"), the even one.
                let upper_nearer = match rest.as_bytes() {
                    [b'5'] => lower.bytes().last().is_some_and(|d| d % 2 == 1),
                    [d, ..] => *d >= b'5',
                    [] => false,
                };
                if upper_nearer {
                    upper
                } else {
                    lower
                }
            }
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => continue,
        };
        // An increment can carry into a new digit (`99` → `100`).
        let carried = chosen.len() as i32 - count as i32;
        let digits = chosen.trim_end_matches('0');
        return (digits.to_owned(), first + carried);
    }
    (exact, first)
}

/// `head` + 1 in decimal (`129` → `130`, `99` → `100`).
fn increment(head: &str) -> String {
    let mut digits = head.as_bytes().to_vec();
    for digit in digits.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            return String::from_utf8(digits).unwrap_or_default();
        }
    }
    let mut out = String::from("1");
    out.push_str(&String::from_utf8(digits).unwrap_or_default());
    out
}

/// The exact decimal value of a positive finite double: its digits without trailing zeros and
/// the power of ten they are scaled by. mantissa × 2^e is mantissa × 5^-e × 10^e for e < 0.
fn exact_decimal(value: f64) -> (String, i32) {
    let bits = value.to_bits();
    let biased = (bits >> 52) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    // A big number in base 10^9, least significant limb first.
    const BASE: u64 = 1_000_000_000;
    let mut limbs: Vec<u64> = vec![
        mantissa % BASE,
        mantissa / BASE % BASE,
        mantissa / BASE / BASE,
    ];
    // Several factors of 5 (or 2) at a time: a limb times 5^13 or 2^29 still fits a u64.
    let (base, most) = if exponent < 0 { (5u64, 13) } else { (2, 29) };
    let mut left = exponent.unsigned_abs();
    while left > 0 {
        let step = left.min(most);
        left -= step;
        let factor = base.pow(step);
        let mut carry = 0;
        for limb in &mut limbs {
            let product = *limb * factor + carry;
            *limb = product % BASE;
            carry = product / BASE;
        }
        while carry > 0 {
            limbs.push(carry % BASE);
            carry /= BASE;
        }
    }
    let mut text = String::new();
    for limb in limbs.iter().rev() {
        if text.is_empty() {
            if *limb != 0 {
                text = limb.to_string();
            }
        } else {
            text.push_str(&format!("{limb:09}"));
        }
    }
    let digits = text.trim_end_matches('0');
    let scale = exponent.min(0) + (text.len() - digits.len()) as i32;
    (digits.to_owned(), scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn serde(text: &str) -> Option<String> {
        serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .and_then(|value| serde_json::to_string_pretty(&value).ok())
    }

    fn same(text: &str) {
        assert_eq!(pretty(text), serde(text), "{text:?}");
    }

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Random(u64);

    impl Random {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    #[test]
    fn documents_like_serde_json() {
        for text in [
            "{}",
            "[]",
            " { } ",
            "null",
            "true",
            "false",
            "\"x\"",
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#,
            r#"{"b":1,"a":[1,2,{"d":null,"c":true}],"b":2}"#,
            r#"{"é":1,"e":2,"Z":3,"a b":4,"":5}"#,
            "[1,]",
            "{\"a\":1,}",
            "[1 2]",
            "{\"a\" 1}",
            "{1:2}",
            "\u{feff}{}",
            "{} x",
            "{}}",
            "",
            "  ",
            "nul",
            "nulll",
            "[\n\t\r 1 ]",
            "[\u{a0}1]",
            r#""\u0041\u00e9\u4e2d\ud83d\ude00\n\t\b\f\r\/\\\"""#,
            r#""\ud83d""#,
            r#""\ude00""#,
            r#""\ud83d\u0041""#,
            r#""\ud83dx""#,
            r#""\u12""#,
            r#""\u12g4""#,
            r#""\x""#,
            "\"a\u{1}b\"",
            "\"tab\there\"",
            "\"\u{7f}\u{2028}日本\"",
            "\"unterminated",
            "{\"a\":\"\u{0}\"}",
        ] {
            same(text);
        }
    }

    #[test]
    fn numbers_like_serde_json() {
        for number in [
            "0",
            "-0",
            "1",
            "-1",
            "01",
            "-01",
            "00",
            "1.",
            ".5",
            "-",
            "+1",
            "1e",
            "1e+",
            "1e-",
            "1.e5",
            "18446744073709551615",
            "18446744073709551616",
            "-9223372036854775808",
            "-9223372036854775809",
            "-18446744073709551615",
            "123456789012345678901234567890",
            "123456789012345678901234567890.5e-3",
            "0.123456789012345678901234567890",
            "1.0",
            "-1.0",
            "0.0",
            "-0.0",
            "-0e5",
            "1e5",
            "1E+5",
            "1e-5",
            "1e-6",
            "1.5e-7",
            "123.456e10",
            "0.000001",
            "0.00001",
            "1e15",
            "1e16",
            "1.5e16",
            "9999999999999998",
            "1e21",
            "1e22",
            "1e23",
            "1.5e300",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "1e309",
            "-1e309",
            "1e-400",
            "-1e-400",
            "2.5e-324",
            "4.9e-324",
            "2.2250738585072014e-308",
            "0.1",
            "0.30000000000000004",
            "3.141592653589793",
            "100",
            "1e2",
            "0e999999999999",
            "1e99999999999",
            "1e-99999999999",
            "-1e99999999999",
            "0.000e99999999999",
            "1e2147483647",
            "1e2147483648",
            "1e-2147483648",
            "1e-2147483649",
            "123456789012345678901e-2147483647",
        ] {
            same(number);
            same(&format!("[{number}]"));
            same(&format!("{{\"n\":{number}}}"));
        }
    }

    #[test]
    fn random_numbers_like_serde_json() {
        let mut random = Random(0x9e37_79b9_7f4a_7c15);
        for _ in 0..400_000 {
            let text = match random.below(5) {
                // Few binary fraction digits at 16-17 decimal digits: where halfway ties are.
                4 => {
                    let whole = (random.next() >> random.below(16)) as f64;
                    format!("{:?}", whole / (1u64 << random.below(30)) as f64)
                }
                // Any double, in Rust's shortest and longer forms.
                0 => format!("{:e}", f64::from_bits(random.next())),
                1 => format!("{:?}", f64::from_bits(random.next())),
                2 => format!("{:.20e}", f64::from_bits(random.next())),
                // Decimal strings of many shapes.
                _ => {
                    let mut text = String::new();
                    if random.below(2) == 0 {
                        text.push('-');
                    }
                    let whole = 1 + random.below(25);
                    text.push(char::from(b'1' + random.below(9) as u8));
                    for _ in 1..whole {
                        text.push(char::from(b'0' + random.below(10) as u8));
                    }
                    if random.below(2) == 0 {
                        text.push('.');
                        for _ in 0..1 + random.below(25) {
                            text.push(char::from(b'0' + random.below(10) as u8));
                        }
                    }
                    if random.below(2) == 0 {
                        text.push('e');
                        text.push_str(["", "+", "-"][random.below(3) as usize]);
                        text.push_str(&random.below(400).to_string());
                    }
                    text
                }
            };
            same(&text);
        }
    }

    #[test]
    fn random_documents_like_serde_json() {
        fn document(random: &mut Random, depth: u32, out: &mut String) {
            match random.below(if depth > 4 { 5 } else { 8 }) {
                0 => out.push_str("null"),
                1 => out.push_str(if random.below(2) == 0 {
                    "true"
                } else {
                    "false"
                }),
                2 => out.push_str(&(random.next() as i64 >> random.below(64)).to_string()),
                3 => out.push_str(&format!("{}", f64::from_bits(random.next()) / 1e300)),
                4 => {
                    out.push('"');
                    for _ in 0..random.below(6) {
                        out.push_str(
                            [
                                "a",
                                "Z",
                                " ",
                                "\\n",
                                "\\\"",
                                "\\u00e9",
                                "é",
                                "\\ud83d\\ude00",
                                "日",
                                "\\/",
                                "\\\\",
                                "\\u0001",
                            ][random.below(12) as usize],
                        );
                    }
                    out.push('"');
                }
                5 | 6 => {
                    out.push('[');
                    for i in 0..random.below(4) {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push_str([" ", "", "\n  "][random.below(3) as usize]);
                        document(random, depth + 1, out);
                    }
                    out.push(']');
                }
                _ => {
                    out.push('{');
                    for i in 0..random.below(5) {
                        if i > 0 {
                            out.push(',');
                        }
                        out.push('"');
                        out.push_str(
                            ["a", "b", "B", "é", "", "a\\u0062"][random.below(6) as usize],
                        );
                        out.push_str("\" : ");
                        document(random, depth + 1, out);
                    }
                    out.push('}');
                }
            }
        }
        let mut random = Random(42);
        for _ in 0..20_000 {
            let mut text = String::new();
            document(&mut random, 0, &mut text);
            same(&text);
            // A byte removed: mostly invalid documents.
            if !text.is_empty() {
                let at = random.below(text.len() as u64) as usize;
                if text.is_char_boundary(at) && text.is_char_boundary(at + 1) {
                    let mut broken = text.clone();
                    broken.remove(at);
                    same(&broken);
                }
            }
        }
    }

    #[test]
    fn nesting_limit_like_serde_json() {
        for depth in [1, 126, 127, 128, 129, 1000] {
            same(&format!("{}{}", "[".repeat(depth), "]".repeat(depth)));
            same(&format!("{}1{}", "[".repeat(depth), "]".repeat(depth)));
            same(&format!("{}{}", "{\"a\":".repeat(depth), "}".repeat(depth)));
        }
    }
}
