//! Several working calendars on one axis. When tasks of a plan work on different
//! calendars (a task calendar, a resource's), the scheduler counts on the union of
//! them all, so any start or finish of any task is a point on the axis; each task's
//! duration, lags into it and its slack are then counted on its own calendar by going
//! through the moment in time.

use super::schedule::ElapsedClock;
use super::work_calendar::{WorkAxis, WorkCalendar};

/// The union axis, and the working-time profiles tasks refer to by number (1 and up;
/// 0 is the axis itself). A profile is one calendar, or several when a task's
/// resources each work on their own: their work starts when the first of them can
/// and ends when the last of them is done.
pub struct CalendarAxes<'c> {
    axis: WorkAxis<'c>,
    profiles: Vec<Vec<WorkAxis<'c>>>,
}

impl<'c> CalendarAxes<'c> {
    /// `union` must work whenever any calendar of `profiles` does.
    pub fn new(
        union: &'c WorkCalendar,
        profiles: &[Vec<&'c WorkCalendar>],
        origin: chrono::NaiveDate,
    ) -> CalendarAxes<'c> {
        CalendarAxes {
            axis: WorkAxis::new(union, origin),
            profiles: profiles
                .iter()
                .map(|p| p.iter().map(|c| WorkAxis::new(c, origin)).collect())
                .collect(),
        }
    }

    /// The axis the offsets are on, to convert them to and from dates.
    pub fn axis(&mut self) -> &mut WorkAxis<'c> {
        &mut self.axis
    }
}

impl ElapsedClock for CalendarAxes<'_> {
    fn after(&mut self, at: i64, minutes: i64, from_start: bool) -> i64 {
        self.axis.after(at, minutes, from_start)
    }

    fn work(&mut self, calendar: u32, at: i64, minutes: i64, to_start: bool) -> i64 {
        let Some(profile) = (calendar as usize)
            .checked_sub(1)
            .and_then(|i| self.profiles.get_mut(i))
        else {
            return at + minutes;
        };
        // The calendar's count is the same at either end of a gap in the union, so
        // the moment the axis minute begins serves for starts and finishes alike.
        let Some(moment) = self.axis.start_at(at) else {
            return at + minutes;
        };
        let mut best: Option<i64> = None;
        for cal in profile.iter_mut() {
            let k = (cal.offset(moment) + minutes).max(0);
            let landed = if to_start {
                cal.start_at(k)
            } else {
                cal.finish_at(k)
            };
            let Some(landed) = landed else { continue };
            let on_axis = self.axis.offset(landed);
            best = Some(match best {
                None => on_axis,
                Some(b) if to_start => b.min(on_axis),
                Some(b) => b.max(on_axis),
            });
        }
        best.unwrap_or(at + minutes)
    }

    fn count(&mut self, calendar: u32, from: i64, to: i64) -> i64 {
        let Some(cal) = (calendar as usize)
            .checked_sub(1)
            .and_then(|i| self.profiles.get_mut(i))
            .and_then(|p| p.first_mut())
        else {
            return to - from;
        };
        let (Some(a), Some(b)) = (self.axis.start_at(from), self.axis.start_at(to)) else {
            return to - from;
        };
        cal.offset(b) - cal.offset(a)
    }
}
