//! The times clients and servers print, as seconds since the epoch: RFC 3339
//! (`2026-12-03T13:40:00Z`, what `date -u +%Y-%m-%dT%H:%M:%SZ` prints), the HTTP `Date` header
//! (`Thu, 03 Dec 2026 13:40:00 GMT`, RFC 9110's IMF-fixdate) and `date`'s default output in UTC
//! (`Thu Dec  3 13:40:00 UTC 2026`). The engine never reads the clock itself.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Seconds since 1970-01-01T00:00:00Z, or `None` when the text is none of the forms above.
pub fn parse(text: &str) -> Option<i64> {
    let text = text.trim();
    if text.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return crate::policy::condition::parse_date(text).map(|ms| ms.div_euclid(1000));
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    // `Thu, 03 Dec 2026 13:40:00 GMT` → [Thu, 03, Dec, 2026, 13:40:00, GMT]
    // `Thu Dec  3 13:40:00 UTC 2026`  → [Thu, Dec, 3, 13:40:00, UTC, 2026]
    let (day, month, year, time, zone) = match words.as_slice() {
        [_, day, month, year, time, zone] if month.len() == 3 && day.len() <= 2 => {
            (*day, *month, *year, *time, *zone)
        }
        [_, month, day, time, zone, year] if month.len() == 3 && day.len() <= 2 => {
            (*day, *month, *year, *time, *zone)
        }
        _ => return None,
    };
    if !matches!(zone, "GMT" | "UTC" | "Z") {
        return None;
    }
    let month = MONTHS
        .iter()
        .position(|m| m.eq_ignore_ascii_case(month))
        .and_then(|i| i64::try_from(i).ok())?
        + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let mut parts = time.split(':');
    let mut next = || -> Option<i64> { parts.next()?.parse().ok() };
    let (hour, minute, second) = (next()?, next()?, next()?);
    if !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
        || !(1970..=9999).contains(&year)
    {
        return None;
    }
    let days = crate::policy::condition::days_from_civil(year, month, day);
    Some(days * 86_400 + (hour * 60 + minute) * 60 + second)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_three_forms_agree() {
        let iso = parse("2026-12-03T13:40:00Z");
        assert_eq!(iso, Some(1_796_305_200));
        assert_eq!(parse("Thu, 03 Dec 2026 13:40:00 GMT"), iso);
        assert_eq!(parse("Thu Dec  3 13:40:00 UTC 2026"), iso);
        assert_eq!(parse("2026-12-03T22:40:00+09:00"), iso);
    }

    #[test]
    fn other_text_is_not_a_time() {
        for text in [
            "",
            "yesterday",
            "Thu Dec 3 13:40:00 JST 2026",
            "Thu, 33 Dec 2026 13:40:00 GMT",
            "12345 words",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
