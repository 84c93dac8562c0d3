//! A calendar day read from the ways the tools people export from write dates: ISO
//! (`2026-01-12`, with or without a time), `2026/1/12`, `2026.01.12`, `2026年1月12日`,
//! US `1/12/2026`, and Jira's `12/Jan/26 3:04 PM` in English or Chinese month names
//! (`12/一月/26 3:04 下午`, `12/1月/26`). A time of day, when present, is dropped.

use chrono::NaiveDate;

const ENGLISH_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

const CHINESE_MONTHS: [&str; 12] = [
    "一月",
    "二月",
    "三月",
    "四月",
    "五月",
    "六月",
    "七月",
    "八月",
    "九月",
    "十月",
    "十一月",
    "十二月",
];

/// The day `text` names, if it reads as one.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let date_part = t.split([' ', 'T']).next().unwrap_or(t);
    [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y.%m.%d",
        "%m/%d/%Y",
        "%Y年%m月%d日",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(date_part, f).ok())
    .or_else(|| jira_day(date_part))
}

/// Jira's `dd/MMM/yy` (or `yyyy`), the month by name.
fn jira_day(text: &str) -> Option<NaiveDate> {
    let mut parts = text.split('/');
    let (day, month, year) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let day: u32 = day.trim().parse().ok()?;
    let month = month.trim();
    let lower = month.to_lowercase();
    let month = ENGLISH_MONTHS
        .iter()
        .position(|m| lower.starts_with(m))
        .or_else(|| CHINESE_MONTHS.iter().position(|m| *m == month))
        .or_else(|| {
            month
                .strip_suffix('月')
                .and_then(|n| n.parse::<usize>().ok())
                .filter(|n| (1..=12).contains(n))
                .map(|n| n - 1)
        })? as u32
        + 1;
    let year: i32 = year.trim().parse().ok()?;
    // Two-digit years are this century's (Jira's default format writes `26`).
    let year = if year < 100 { 2000 + year } else { year };
    NaiveDate::from_ymd_opt(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn the_ways_tools_write_a_day_read() {
        for (text, want) in [
            ("2026-01-12", day(2026, 1, 12)),
            ("2026-01-12 15:04", day(2026, 1, 12)),
            ("2026-01-12T15:04:00Z", day(2026, 1, 12)),
            ("2026/1/12", day(2026, 1, 12)),
            ("2026.01.12", day(2026, 1, 12)),
            ("2026年1月12日", day(2026, 1, 12)),
            ("1/12/2026", day(2026, 1, 12)),
            ("12/Jan/26 3:04 PM", day(2026, 1, 12)),
            ("12/JAN/2026", day(2026, 1, 12)),
            ("01/Sep/25 11:59 AM", day(2025, 9, 1)),
            ("12/一月/26 3:04 下午", day(2026, 1, 12)),
            ("3/十二月/25 9:00 上午", day(2025, 12, 3)),
            ("12/1月/26", day(2026, 1, 12)),
        ] {
            assert_eq!(parse_day(text), want, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_day_is_refused() {
        for text in [
            "",
            "下周",
            "31/Feb/26",
            "12/Foo/26",
            "13/13/2026",
            "2026-13-01",
            "12/Jan",
        ] {
            assert_eq!(parse_day(text), None, "{text}");
        }
    }
}
