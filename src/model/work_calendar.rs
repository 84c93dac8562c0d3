//! Working time: which minutes of which days are work, and the arithmetic the
//! scheduler needs on top (working minutes between two moments, a moment plus working
//! minutes), in MS Project's conventions: a start lands on the next working minute
//! (08:00 tomorrow), a finish on the end of the last one (17:00 today).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

/// Working ranges of one day, as minutes after midnight, sorted and not overlapping.
pub type DayRanges = Vec<(u16, u16)>;

/// Combines two days' ranges (intersection or union).
type RangeOp = fn(&[(u16, u16)], &[(u16, u16)]) -> DayRanges;

/// A working-time calendar with its base calendar already merged in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct WorkCalendar {
    /// Monday first.
    pub week: [DayRanges; 7],
    /// Days that differ from the week: holidays (no ranges) or special working days.
    pub exceptions: BTreeMap<NaiveDate, DayRanges>,
}

impl WorkCalendar {
    /// The working time of a built-in calendar, as it ships.
    pub fn builtin(b: super::BuiltinCalendar) -> WorkCalendar {
        match b {
            super::BuiltinCalendar::Standard => WorkCalendar::standard(),
            super::BuiltinCalendar::TwentyFourHours => WorkCalendar::twenty_four_hours(),
            super::BuiltinCalendar::NightShift => WorkCalendar::night_shift(),
            super::BuiltinCalendar::ChinaMainland => WorkCalendar::china_mainland(),
        }
    }

    /// MS Project's Standard calendar: Monday to Friday, 08:00–12:00 and 13:00–17:00.
    pub fn standard() -> WorkCalendar {
        let day = vec![(8 * 60, 12 * 60), (13 * 60, 17 * 60)];
        WorkCalendar {
            week: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                Vec::new(),
                Vec::new(),
            ],
            exceptions: BTreeMap::new(),
        }
    }

    /// Every minute of every day.
    pub fn twenty_four_hours() -> WorkCalendar {
        let day = vec![(0, 24 * 60)];
        WorkCalendar {
            week: std::array::from_fn(|_| day.clone()),
            exceptions: BTreeMap::new(),
        }
    }

    /// MS Project's Night Shift calendar: Monday 23:00 to Saturday 08:00, with an hour's
    /// break at 03:00.
    pub fn night_shift() -> WorkCalendar {
        let night = vec![(0, 3 * 60), (4 * 60, 8 * 60), (23 * 60, 24 * 60)];
        WorkCalendar {
            week: [
                vec![(23 * 60, 24 * 60)],
                night.clone(),
                night.clone(),
                night.clone(),
                night,
                vec![(0, 3 * 60), (4 * 60, 8 * 60)],
                Vec::new(),
            ],
            exceptions: BTreeMap::new(),
        }
    }

    /// The Standard week with mainland China's statutory holidays off and the make-up
    /// weekend workdays (调休) on, as the State Council announced them for 2026.
    /// Later years are added as they are announced; users add their own as exceptions.
    pub fn china_mainland() -> WorkCalendar {
        let mut cal = WorkCalendar::standard();
        let day = cal.week[0].clone();
        let date = |m: u32, d: u32| NaiveDate::from_ymd_opt(2026, m, d);
        // (first, last) day off, inclusive.
        const HOLIDAYS_2026: [((u32, u32), (u32, u32)); 7] = [
            ((1, 1), (1, 3)),   // 元旦
            ((2, 15), (2, 23)), // 春节
            ((4, 4), (4, 6)),   // 清明节
            ((5, 1), (5, 5)),   // 劳动节
            ((6, 19), (6, 21)), // 端午节
            ((9, 25), (9, 27)), // 中秋节
            ((10, 1), (10, 7)), // 国庆节
        ];
        const WORKDAYS_2026: [(u32, u32); 6] =
            [(1, 4), (2, 14), (2, 28), (5, 9), (9, 20), (10, 10)];
        for ((m0, d0), (m1, d1)) in HOLIDAYS_2026 {
            let (Some(mut d), Some(last)) = (date(m0, d0), date(m1, d1)) else {
                continue;
            };
            while d <= last {
                cal.exceptions.insert(d, Vec::new());
                d += Duration::days(1);
            }
        }
        for (m, d) in WORKDAYS_2026 {
            if let Some(d) = date(m, d) {
                cal.exceptions.insert(d, day.clone());
            }
        }
        cal
    }

    /// The working ranges of one date.
    pub fn ranges_on(&self, date: NaiveDate) -> &[(u16, u16)] {
        match self.exceptions.get(&date) {
            Some(r) => r,
            None => &self.week[date.weekday().num_days_from_monday() as usize],
        }
    }

    /// Working minutes in its usual week (exceptions aside).
    pub fn minutes_per_week(&self) -> i64 {
        self.week
            .iter()
            .flat_map(|d| d.iter())
            .map(|&(a, b)| i64::from(b.saturating_sub(a)))
            .sum()
    }

    /// Working minutes on `date`.
    pub fn minutes_on(&self, date: NaiveDate) -> i64 {
        self.ranges_on(date)
            .iter()
            .map(|(a, b)| i64::from(b.saturating_sub(*a)))
            .sum()
    }

    /// Whether any day of the week works; a calendar without work cannot schedule.
    pub fn has_working_time(&self) -> bool {
        self.week.iter().any(|d| !d.is_empty())
    }

    /// The minutes both calendars work: a task calendar with a resource's, as MS
    /// Project schedules a task that has both.
    pub fn intersect(&self, other: &WorkCalendar) -> WorkCalendar {
        self.combine(other, intersect_ranges)
    }

    /// The minutes either calendar works: the axis the scheduler counts on when tasks
    /// use different calendars, so every start and finish of any of them is a point on it.
    pub fn union(&self, other: &WorkCalendar) -> WorkCalendar {
        self.combine(other, union_ranges)
    }

    fn combine(&self, other: &WorkCalendar, op: RangeOp) -> WorkCalendar {
        let week = std::array::from_fn(|d| op(&self.week[d], &other.week[d]));
        let exceptions = self
            .exceptions
            .keys()
            .chain(other.exceptions.keys())
            .map(|&date| (date, op(self.ranges_on(date), other.ranges_on(date))))
            .collect();
        WorkCalendar { week, exceptions }
    }
}

/// Minutes in both lists of sorted, disjoint ranges.
fn intersect_ranges(a: &[(u16, u16)], b: &[(u16, u16)]) -> DayRanges {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (from, to) = (a0.max(b0), a1.min(b1));
            if from < to {
                out.push((from, to));
            }
        }
    }
    out.sort_unstable();
    out
}

/// Minutes in either list, merged where ranges touch or overlap.
fn union_ranges(a: &[(u16, u16)], b: &[(u16, u16)]) -> DayRanges {
    let mut all: Vec<(u16, u16)> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut out: DayRanges = Vec::with_capacity(all.len());
    for (from, to) in all {
        match out.last_mut() {
            Some(last) if from <= last.1 => last.1 = last.1.max(to),
            _ => out.push((from, to)),
        }
    }
    out
}

/// Working ranges as people write them: `08:00-12:00, 13:00-17:00` (empty: no work).
pub fn format_ranges(ranges: &[(u16, u16)]) -> String {
    ranges
        .iter()
        .map(|(a, b)| format!("{:02}:{:02}-{:02}:{:02}", a / 60, a % 60, b / 60, b % 60))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads working ranges written as `08:00-12:00, 13:00-17:00` (Chinese commas and
/// `～`/`至` also); empty means a day off. Ranges must be in order and not overlap.
pub fn parse_ranges(text: &str) -> Result<DayRanges, String> {
    let minute = |t: &str| -> Result<u16, String> {
        let (h, m) = t
            .trim()
            .split_once(':')
            .ok_or_else(|| format!("“{t}” is not a time like 08:00"))?;
        let (h, m): (u16, u16) = (
            h.trim()
                .parse()
                .map_err(|_| format!("“{t}” is not a time"))?,
            m.trim()
                .parse()
                .map_err(|_| format!("“{t}” is not a time"))?,
        );
        if h > 24 || m > 59 || (h == 24 && m > 0) {
            return Err(format!("“{t}” is not a time of day"));
        }
        Ok(h * 60 + m)
    };
    let mut out: DayRanges = Vec::new();
    for part in text
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = part
            .split_once(['-', '～', '~', '至'])
            .ok_or_else(|| format!("“{part}” is not a range like 08:00-12:00"))?;
        let (a, b) = (minute(a)?, minute(b)?);
        if b <= a {
            return Err(format!("“{part}” ends before it starts"));
        }
        if out.last().is_some_and(|&(_, end)| a < end) {
            return Err(format!(
                "“{part}” overlaps the range before it or is out of order"
            ));
        }
        out.push((a, b));
    }
    Ok(out)
}

/// Maps moments to a count of working minutes since an origin date and back, for a
/// window of days it grows as needed. The scheduler works on these integers.
#[derive(Clone, Debug)]
pub struct WorkAxis<'c> {
    calendar: &'c WorkCalendar,
    origin: NaiveDate,
    /// `cumulative[d]`: working minutes before day `origin + d`. One more entry than days.
    cumulative: Vec<i64>,
    /// Per day: its date and where its working ranges are in `pool` (so conversions
    /// need no date arithmetic or exception lookups).
    days: Vec<(NaiveDate, u32, u32)>,
    pool: Vec<(u16, u16)>,
    /// The day the last lookup found: neighbouring lookups hit it.
    hint: usize,
}

/// Longest window the axis will grow to (about 300 years): bounds runaway offsets.
const MAX_DAYS: usize = 110_000;

fn minute_of_day(t: NaiveTime) -> u16 {
    (t.hour() * 60 + t.minute()) as u16
}

fn at_minute(date: NaiveDate, minute: u16) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN) + Duration::minutes(i64::from(minute))
}

impl<'c> WorkAxis<'c> {
    /// An axis counting from `origin` 00:00.
    pub fn new(calendar: &'c WorkCalendar, origin: NaiveDate) -> WorkAxis<'c> {
        WorkAxis {
            calendar,
            origin,
            cumulative: vec![0],
            days: Vec::new(),
            pool: Vec::new(),
            hint: 0,
        }
    }

    fn days(&self) -> usize {
        self.cumulative.len() - 1
    }

    /// The date of a day the axis has grown to.
    fn date_of(&self, day: usize) -> NaiveDate {
        self.days[day].0
    }

    /// The working ranges of a day the axis has grown to.
    fn ranges(&self, day: usize) -> &[(u16, u16)] {
        let (_, a, b) = self.days[day];
        &self.pool[a as usize..b as usize]
    }

    fn grow_to_day(&mut self, day: usize) -> bool {
        if day >= MAX_DAYS {
            return false;
        }
        while self.days() <= day {
            let d = self.origin + Duration::days(self.days() as i64);
            let ranges = self.calendar.ranges_on(d);
            let from = self.pool.len() as u32;
            self.pool.extend_from_slice(ranges);
            self.days.push((d, from, self.pool.len() as u32));
            let minutes: i64 = ranges.iter().map(|&(a, b)| i64::from(b - a)).sum();
            let last = self.cumulative[self.cumulative.len() - 1];
            self.cumulative.push(last + minutes);
        }
        true
    }

    /// Working minutes from the origin to `t` (moments before the origin count as 0).
    pub fn offset(&mut self, t: NaiveDateTime) -> i64 {
        let day = (t.date() - self.origin).num_days();
        let Ok(day) = usize::try_from(day) else {
            return 0;
        };
        if !self.grow_to_day(day) {
            return self.cumulative[self.cumulative.len() - 1];
        }
        let minute = minute_of_day(t.time());
        let within: i64 = self
            .ranges(day)
            .iter()
            .map(|&(a, b)| i64::from(minute.clamp(a, b) - a))
            .sum();
        self.cumulative[day] + within
    }

    /// The day holding working minute `offset` (the first day whose work goes past it),
    /// or `None` when the calendar has no working time that far.
    fn day_containing(&mut self, offset: i64, as_finish: bool) -> Option<usize> {
        if !self.calendar.has_working_time() {
            return None;
        }
        // Neighbouring lookups land on the same day: try the last one first.
        let h = self.hint;
        if h < self.days()
            && if as_finish {
                self.cumulative[h] < offset && offset <= self.cumulative[h + 1]
            } else {
                self.cumulative[h] <= offset && offset < self.cumulative[h + 1]
            }
        {
            return Some(h);
        }
        loop {
            // First day d with cumulative[d+1] > offset (start) or >= offset (finish).
            let idx = self.cumulative[1..]
                .partition_point(|&c| if as_finish { c < offset } else { c <= offset });
            if idx < self.days() {
                self.hint = idx;
                return Some(idx);
            }
            let grow = (self.days() * 2).max(64);
            if !self.grow_to_day(grow) {
                return None;
            }
        }
    }

    /// The moment working minute `offset` begins: where a task starting there starts.
    pub fn start_at(&mut self, offset: i64) -> Option<NaiveDateTime> {
        let offset = offset.max(0);
        let day = self.day_containing(offset, false)?;
        let date = self.date_of(day);
        let mut left = offset - self.cumulative[day];
        for &(a, b) in self.ranges(day) {
            let len = i64::from(b - a);
            if left < len {
                return Some(at_minute(date, a + left as u16));
            }
            left -= len;
        }
        None
    }

    /// The moment working minute `offset` is complete: where a task finishing there
    /// finishes. Offset 0 (nothing done yet) is the first working minute's start.
    pub fn finish_at(&mut self, offset: i64) -> Option<NaiveDateTime> {
        if offset <= 0 {
            return self.start_at(0);
        }
        let day = self.day_containing(offset, true)?;
        let date = self.date_of(day);
        let mut left = offset - self.cumulative[day];
        for &(a, b) in self.ranges(day) {
            let len = i64::from(b - a);
            if left <= len {
                return Some(at_minute(date, a + left as u16));
            }
            left -= len;
        }
        None
    }
}

impl super::schedule::ElapsedClock for WorkAxis<'_> {
    fn after(&mut self, at: i64, minutes: i64, from_start: bool) -> i64 {
        let moment = if from_start {
            self.start_at(at)
        } else {
            self.finish_at(at)
        };
        match moment {
            Some(m) => self.offset(m + Duration::minutes(minutes)),
            None => at + minutes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn offsets_count_working_minutes_only() {
        let cal = WorkCalendar::standard();
        // 2026-11-23 is a Monday.
        let mut axis = WorkAxis::new(&cal, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(axis.offset(dt("2026-11-23T08:00")), 0);
        assert_eq!(
            axis.offset(dt("2026-11-23T12:30")),
            240,
            "lunch is not work"
        );
        assert_eq!(axis.offset(dt("2026-11-23T17:00")), 480);
        assert_eq!(
            axis.offset(dt("2026-11-28T10:00")),
            2400,
            "Saturday adds nothing"
        );
        assert_eq!(axis.offset(dt("2026-11-30T09:00")), 2460);
    }

    #[test]
    fn starts_move_forward_and_finishes_stay_back() {
        let cal = WorkCalendar::standard();
        let mut axis = WorkAxis::new(&cal, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(axis.start_at(480), Some(dt("2026-11-24T08:00")));
        assert_eq!(axis.finish_at(480), Some(dt("2026-11-23T17:00")));
        assert_eq!(axis.start_at(240), Some(dt("2026-11-23T13:00")));
        assert_eq!(axis.finish_at(240), Some(dt("2026-11-23T12:00")));
        // Friday's end and the next Monday's start are the same offset.
        assert_eq!(axis.finish_at(2400), Some(dt("2026-11-27T17:00")));
        assert_eq!(axis.start_at(2400), Some(dt("2026-11-30T08:00")));
        // Far ahead: the axis grows by itself.
        assert_eq!(axis.start_at(480 * 5 * 52), Some(dt("2027-11-22T08:00")));
    }

    #[test]
    fn holidays_and_make_up_days() {
        let mut cal = WorkCalendar::standard();
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let saturday = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        cal.exceptions.insert(friday, Vec::new());
        cal.exceptions.insert(saturday, vec![(9 * 60, 12 * 60)]);
        let mut axis = WorkAxis::new(&cal, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(axis.start_at(1920), Some(dt("2026-11-28T09:00")));
        assert_eq!(axis.finish_at(1920 + 180), Some(dt("2026-11-28T12:00")));
        assert_eq!(axis.start_at(1920 + 180), Some(dt("2026-11-30T08:00")));
    }

    #[test]
    fn china_2026_holidays_and_make_up_days() {
        let cal = WorkCalendar::china_mainland();
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
        // 国庆: Thursday 10-01 to Wednesday 10-07 off; Sunday 09-20 and Saturday 10-10 on.
        for day in 1..=7 {
            assert_eq!(cal.minutes_on(d(10, day)), 0, "10-{day}");
        }
        assert_eq!(cal.minutes_on(d(9, 20)), 480);
        assert_eq!(cal.minutes_on(d(10, 10)), 480);
        assert_eq!(cal.minutes_on(d(10, 8)), 480, "back to work on Thursday");
        // 春节: nine days off from 02-15; Saturday 02-14 is a workday.
        assert_eq!(cal.minutes_on(d(2, 14)), 480);
        assert_eq!((15..=23).map(|x| cal.minutes_on(d(2, x))).sum::<i64>(), 0);
        // A week around 国庆: 09-28 (Mon) to 10-11 (Sun) holds 6 working days.
        let mut axis = WorkAxis::new(&cal, d(9, 28));
        let end = axis.offset(d(10, 12).and_time(NaiveTime::MIN));
        assert_eq!(end, 6 * 480);
    }

    #[test]
    fn ranges_as_written() {
        assert_eq!(
            parse_ranges("08:00-12:00, 13:00-17:00").unwrap(),
            vec![(480, 720), (780, 1020)]
        );
        assert_eq!(
            parse_ranges("9:30～12:00，13:30至18:00").unwrap(),
            vec![(570, 720), (810, 1080)]
        );
        assert_eq!(parse_ranges(" ").unwrap(), vec![]);
        assert_eq!(parse_ranges("22:00-24:00").unwrap(), vec![(1320, 1440)]);
        for bad in [
            "8-12",
            "12:00-08:00",
            "08:00-12:00, 11:00-13:00",
            "25:00-26:00",
            "x",
        ] {
            assert!(parse_ranges(bad).is_err(), "{bad}");
        }
        let day = WorkCalendar::standard().week[0].clone();
        assert_eq!(parse_ranges(&format_ranges(&day)).unwrap(), day);
    }

    #[test]
    fn a_calendar_without_work_gives_no_dates() {
        let cal = WorkCalendar {
            week: Default::default(),
            exceptions: BTreeMap::new(),
        };
        let mut axis = WorkAxis::new(&cal, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(axis.start_at(10), None);
    }
}
