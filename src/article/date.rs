//! Dates as blog front matter writes them -> the one form yuedu shows.
//!
//! TOML front matter has real dates; YAML front matter (Hexo, Hugo, Jekyll,
//! Obsidian) has strings in whatever form the generator accepts. Both are shown
//! as `2015-12-17` or `2015-12-17 10:20:42`, which is how Chinese news sites
//! print them. A time zone offset is dropped: the time is shown as written,
//! the way the article's own site showed it.

/// `2015-12-17`, `2015/12/17`, `2015-1-5`, `2015-12-17 10:20`,
/// `2015-12-17 10:20:42`, `2015-12-17T10:20:42.123+08:00`, `…Z`, `… +0800`
/// -> `2015-12-17` or `2015-12-17 10:20:42`. None when it is not a date.
pub fn normalize(text: &str) -> Option<String> {
    let text = text.trim();
    let (date, time) = match text.find(['T', 't', ' ']) {
        Some(at) => (&text[..at], Some(text[at + 1..].trim_start())),
        None => (text, None),
    };
    let day = calendar_date(date)?;
    match time {
        None => Some(day),
        Some(time) => Some(format!("{day} {}", clock_time(time)?)),
    }
}

/// `2015-12-17` (also `/` or `.` between, one-digit month and day) -> `2015-12-17`.
fn calendar_date(text: &str) -> Option<String> {
    let mut parts = text.split(['-', '/', '.']);
    let year = number(parts.next()?, 4, 4)?;
    let month = number(parts.next()?, 1, 2)?;
    let day = number(parts.next()?, 1, 2)?;
    let valid = parts.next().is_none() && (1..=12).contains(&month) && (1..=31).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `10:20`, `10:20:42`, `10:20:42.5`, each optionally followed by `Z`,
/// `+08:00`, `+0800` or ` +08:00` -> `10:20:42`.
fn clock_time(text: &str) -> Option<String> {
    // The zone starts at the first Z, + or - (a time has no other sign).
    let clock = match text.find(['Z', 'z', '+', '-']) {
        Some(at) => {
            zone(&text[at..])?;
            text[..at].trim_end()
        }
        None => text,
    };
    let mut parts = clock.split(':');
    let hour = number(parts.next()?, 1, 2)?;
    let minute = number(parts.next()?, 2, 2)?;
    let second = match parts.next() {
        // Fractions of a second are dropped: nobody reads them.
        Some(s) => number(s.split('.').next()?, 2, 2)?,
        None => 0,
    };
    let valid = parts.next().is_none() && hour < 24 && minute < 60 && second <= 60;
    valid.then(|| format!("{hour:02}:{minute:02}:{second:02}"))
}

/// Checks `Z`, `+08:00`, `-0500`, `+08`.
fn zone(text: &str) -> Option<()> {
    if text.eq_ignore_ascii_case("z") {
        return Some(());
    }
    let digits: String = text[1..].chars().filter(|&c| c != ':').collect();
    (matches!(digits.len(), 2 | 4) && digits.bytes().all(|b| b.is_ascii_digit())).then_some(())
}

/// An ASCII decimal number of `min..=max` digits.
fn number(text: &str, min: usize, max: usize) -> Option<u32> {
    let ok = (min..=max).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn blog_date_forms() {
        for (written, shown) in [
            ("2015-12-17", "2015-12-17"),
            ("2015/12/17", "2015-12-17"),
            ("2015-1-5", "2015-01-05"),
            ("2015-12-17 10:20", "2015-12-17 10:20:00"),
            ("2015-12-17 10:20:42", "2015-12-17 10:20:42"),
            ("2015-12-17T10:20:42+08:00", "2015-12-17 10:20:42"),
            ("2015-12-17T10:20:42.123Z", "2015-12-17 10:20:42"),
            ("2015-12-17 10:20:42 +0800", "2015-12-17 10:20:42"),
        ] {
            assert_eq!(normalize(written).as_deref(), Some(shown), "{written}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "昨天",
            "",
            "2015",
            "2015-13-01",
            "2015-12-17 25:00",
            "12/17/2015",
            "2015-12-17T",
        ] {
            assert_eq!(normalize(text), None, "{text}");
        }
    }
}
