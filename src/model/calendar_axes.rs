//! Several working calendars on one axis. When tasks of a plan work on different
//! calendars (a task calendar, a resource's), the scheduler counts on the union of
//! them all, so any start or finish of any task is a point on the axis; each task's
//! duration, lags into it and its slack are then counted on its own calendar.
//!
//! Conversions between the axis and a calendar go through per-day tables (minutes
//! before each day, and each day's working ranges) that every calendar grows in step,
//! so the passes never touch dates: a binary search over days and a walk over a
//! day's few ranges.

use super::schedule::ElapsedClock;
use super::work_calendar::{WorkAxis, WorkCalendar};

/// Longest window the tables grow to (about 300 years), as [`WorkAxis`].
const MAX_DAYS: usize = 110_000;

/// One calendar, day by day from the origin.
struct DayTable<'c> {
    calendar: &'c WorkCalendar,
    /// `before[d]`: working minutes before day `d`; one more entry than days.
    before: Vec<i64>,
    /// Day `d`'s working ranges are `pool[spans[d].0..spans[d].1]`.
    spans: Vec<(u32, u32)>,
    pool: Vec<(u16, u16)>,
    /// The day the last lookup found.
    hint: std::cell::Cell<usize>,
}

impl<'c> DayTable<'c> {
    fn new(calendar: &'c WorkCalendar) -> DayTable<'c> {
        DayTable {
            calendar,
            before: vec![0],
            spans: Vec::new(),
            pool: Vec::new(),
            hint: std::cell::Cell::new(0),
        }
    }

    fn grow_to(&mut self, origin: chrono::NaiveDate, days: usize) {
        while self.spans.len() < days {
            let date = origin + chrono::Duration::days(self.spans.len() as i64);
            let ranges = self.calendar.ranges_on(date);
            let from = self.pool.len() as u32;
            self.pool.extend_from_slice(ranges);
            self.spans.push((from, self.pool.len() as u32));
            let minutes: i64 = ranges.iter().map(|&(a, b)| i64::from(b - a)).sum();
            let last = self.before[self.before.len() - 1];
            self.before.push(last + minutes);
        }
    }

    fn ranges(&self, day: usize) -> &[(u16, u16)] {
        let (a, b) = self.spans[day];
        &self.pool[a as usize..b as usize]
    }

    /// The day holding working minute `offset` (the first whose work goes past it; for
    /// a finish, the first that reaches it), if the table reaches that far.
    fn day_of(&self, offset: i64, as_finish: bool) -> Option<usize> {
        // Neighbouring tasks sit on neighbouring days: try the last answer first.
        let hint = self.hint.get();
        let holds = |d: usize| {
            d < self.spans.len()
                && if as_finish {
                    self.before[d] < offset && offset <= self.before[d + 1]
                } else {
                    self.before[d] <= offset && offset < self.before[d + 1]
                }
        };
        if holds(hint) {
            return Some(hint);
        }
        let d =
            self.before[1..].partition_point(|&c| if as_finish { c < offset } else { c <= offset });
        if d < self.spans.len() {
            self.hint.set(d);
            Some(d)
        } else {
            None
        }
    }

    /// Working minutes of this calendar before minute `minute` of day `day`.
    fn before_minute(&self, day: usize, minute: u16) -> i64 {
        self.before[day]
            + self
                .ranges(day)
                .iter()
                .map(|&(a, b)| i64::from(minute.clamp(a, b) - a))
                .sum::<i64>()
    }

    /// The minute of day `day` where working minute `left` of the day begins (a start)
    /// or ends (a finish).
    fn minute_at(&self, day: usize, mut left: i64, as_finish: bool) -> Option<u16> {
        for &(a, b) in self.ranges(day) {
            let len = i64::from(b - a);
            if left < len || (as_finish && left == len) {
                return Some(a + left as u16);
            }
            left -= len;
        }
        None
    }
}

/// The union axis, and the working-time profiles tasks refer to by number (1 and up;
/// 0 is the axis itself). A profile is one calendar, or several when a task's
/// resources each work on their own: their work starts when the first of them can
/// and ends when the last of them is done.
pub struct CalendarAxes<'c> {
    axis: WorkAxis<'c>,
    origin: chrono::NaiveDate,
    union: DayTable<'c>,
    /// Distinct calendars of the profiles.
    tables: Vec<DayTable<'c>>,
    /// Per profile (number - 1): indexes into `tables`.
    profiles: Vec<Vec<usize>>,
}

impl<'c> CalendarAxes<'c> {
    /// `union` must work whenever any calendar of `profiles` does.
    pub fn new(
        union: &'c WorkCalendar,
        profiles: &[Vec<&'c WorkCalendar>],
        origin: chrono::NaiveDate,
    ) -> CalendarAxes<'c> {
        let mut tables: Vec<DayTable<'c>> = Vec::new();
        let profiles = profiles
            .iter()
            .map(|p| {
                p.iter()
                    .map(
                        |&c| match tables.iter().position(|t| std::ptr::eq(t.calendar, c)) {
                            Some(i) => i,
                            None => {
                                tables.push(DayTable::new(c));
                                tables.len() - 1
                            }
                        },
                    )
                    .collect()
            })
            .collect();
        CalendarAxes {
            axis: WorkAxis::new(union, origin),
            origin,
            union: DayTable::new(union),
            tables,
            profiles,
        }
    }

    /// The axis the offsets are on, to convert them to and from dates.
    pub fn axis(&mut self) -> &mut WorkAxis<'c> {
        &mut self.axis
    }

    /// Grows every table to twice its days (at least 64); false at the limit.
    fn grow(&mut self) -> bool {
        let days = self.union.spans.len();
        if days >= MAX_DAYS {
            return false;
        }
        let to = (days * 2).clamp(64, MAX_DAYS);
        self.union.grow_to(self.origin, to);
        for t in &mut self.tables {
            t.grow_to(self.origin, to);
        }
        true
    }

    /// Minutes of table `t` before axis offset `at`.
    fn count_at(&mut self, t: usize, at: i64) -> Option<i64> {
        let at = at.max(0);
        let day = loop {
            match self.union.day_of(at, false) {
                Some(d) => break d,
                None if self.grow() => {}
                None => return None,
            }
        };
        let minute = self
            .union
            .minute_at(day, at - self.union.before[day], false)?;
        Some(self.tables[t].before_minute(day, minute))
    }

    /// The axis offset where minute `k` of table `t` begins (`to_start`) or ends.
    fn axis_at(&mut self, t: usize, k: i64, to_start: bool) -> Option<i64> {
        let k = k.max(0);
        // Nothing done yet finishes where the first minute starts, as in `WorkAxis`.
        let as_finish = !to_start && k > 0;
        let day = loop {
            match self.tables[t].day_of(k, as_finish) {
                Some(d) => break d,
                None if self.grow() => {}
                None => return None,
            }
        };
        let table = &self.tables[t];
        let minute = table.minute_at(day, k - table.before[day], as_finish)?;
        Some(self.union.before_minute(day, minute))
    }
}

impl ElapsedClock for CalendarAxes<'_> {
    fn after(&mut self, at: i64, minutes: i64, from_start: bool) -> i64 {
        self.axis.after(at, minutes, from_start)
    }

    fn work(&mut self, calendar: u32, at: i64, minutes: i64, to_start: bool) -> i64 {
        let Some(p) = (calendar as usize)
            .checked_sub(1)
            .filter(|&i| i < self.profiles.len())
        else {
            return at + minutes;
        };
        let mut best: Option<i64> = None;
        for j in 0..self.profiles[p].len() {
            let t = self.profiles[p][j];
            let Some(k) = self.count_at(t, at) else {
                continue;
            };
            let Some(on_axis) = self.axis_at(t, k + minutes, to_start) else {
                continue;
            };
            best = Some(match best {
                None => on_axis,
                Some(b) if to_start => b.min(on_axis),
                Some(b) => b.max(on_axis),
            });
        }
        best.unwrap_or(at + minutes)
    }

    fn count(&mut self, calendar: u32, from: i64, to: i64) -> i64 {
        let Some(&t) = (calendar as usize)
            .checked_sub(1)
            .and_then(|i| self.profiles.get(i))
            .and_then(|p| p.first())
        else {
            return to - from;
        };
        match (self.count_at(t, from), self.count_at(t, to)) {
            (Some(a), Some(b)) => b - a,
            _ => to - from,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    /// The day tables give what going through dates with `WorkAxis` gives.
    #[test]
    fn day_tables_agree_with_dates() {
        let union = WorkCalendar::twenty_four_hours();
        let standard = WorkCalendar::china_mainland();
        let night = WorkCalendar::night_shift();
        let origin = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        let mut axes = CalendarAxes::new(&union, &[vec![&standard], vec![&night]], origin);
        let mut u = WorkAxis::new(&union, origin);
        let mut s = WorkAxis::new(&standard, origin);
        let mut n = WorkAxis::new(&night, origin);
        let mut x: i64 = 7;
        for _ in 0..2000 {
            // A pseudo-random walk over two years of axis minutes.
            x = (x * 1_103_515_245 + 12_345).rem_euclid(1 << 31);
            let at = x % (2 * 365 * 1440);
            let minutes = (x / 7) % 5000 - 1000;
            for (profile, cal) in [(1, &mut s), (2, &mut n)] {
                let Some(moment) = u.start_at(at) else {
                    continue;
                };
                let k = (cal.offset(moment) + minutes).max(0);
                for to_start in [true, false] {
                    let landed = if to_start {
                        cal.start_at(k)
                    } else {
                        cal.finish_at(k)
                    };
                    let Some(landed) = landed else { continue };
                    assert_eq!(
                        axes.work(profile, at, minutes, to_start),
                        u.offset(landed),
                        "profile {profile}, at {at}, {minutes} minutes, start {to_start}"
                    );
                }
                let Some(later) = u.start_at(at + 777) else {
                    continue;
                };
                assert_eq!(
                    axes.count(profile, at, at + 777),
                    cal.offset(later) - cal.offset(moment)
                );
            }
        }
    }
}
