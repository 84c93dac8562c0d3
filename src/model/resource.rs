//! People who do the work, what they are assigned to, and saved baselines of a plan.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::work_calendar::{WorkAxis, WorkCalendar};
use super::{CalendarId, ProjectId, TaskId};

/// Row id of a resource.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ResourceId(pub i64);

/// A person (or a team counted in people) who can work on tasks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub id: ResourceId,
    pub project: ProjectId,
    pub name: String,
    /// Capacity in percent: 100 = one full-time person, 300 = three.
    pub max_units: u32,
    pub calendar: Option<CalendarId>,
    pub source_uid: Option<i64>,
}

/// A resource working on a task at some units (percent of one person).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: i64,
    pub project: ProjectId,
    pub task: TaskId,
    pub resource: ResourceId,
    pub units: u32,
    /// The work it takes, in minutes, when a file said (MS Project's assignment
    /// Work): a task that is not fixed-duration then lasts as long as its
    /// assignments take (work ÷ units, on each resource's calendar).
    #[serde(default)]
    pub work_minutes: Option<i64>,
}

/// One task's dates in a saved baseline (0–10, as in MS Project).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BaselineEntry {
    pub number: u8,
    pub task: TaskId,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub duration_minutes: i64,
}

/// Highest baseline number (MS Project has Baseline and Baseline1–10).
pub const MAX_BASELINE: u8 = 10;

/// Work of one resource in one week: hours assigned against hours available.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekLoad {
    /// Monday of the week.
    pub week: NaiveDate,
    pub assigned_minutes: i64,
    pub capacity_minutes: i64,
}

impl WeekLoad {
    /// More work than the resource can do that week.
    pub fn over_allocated(&self) -> bool {
        self.assigned_minutes > self.capacity_minutes
    }
}

/// Reads who works on a task as typed: `王芳, 李强[50%]` (commas may be Chinese; the
/// units in brackets, `[50%]`, `[50]` or `【50%】`, default to 100 %).
pub fn parse_assignments(text: &str) -> Result<Vec<(String, u32)>, String> {
    let mut out = Vec::new();
    for part in text.split([',', '，', '、', ';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, units) = match part.find(['[', '【']) {
            Some(i) => {
                let inner = part[i..]
                    .trim_start_matches(['[', '【'])
                    .trim_end_matches([']', '】'])
                    .trim()
                    .trim_end_matches('%')
                    .trim();
                let units: u32 = inner
                    .parse()
                    .map_err(|_| format!("“{part}”: units must be a number like 50%"))?;
                (part[..i].trim(), units)
            }
            None => (part, 100),
        };
        if name.is_empty() {
            return Err(format!("“{part}”: no name"));
        }
        if units == 0 {
            return Err(format!("“{part}”: units must be above 0%"));
        }
        out.push((name.to_owned(), units));
    }
    Ok(out)
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

/// Load per week from `first` to `last` (inclusive weeks) for one resource: each
/// assigned task spreads units × its working time evenly over its working minutes.
/// `tasks` gives each assigned task's (start, finish).
pub fn weekly_load(
    calendar: &WorkCalendar,
    max_units: u32,
    assignments: &[(NaiveDateTime, NaiveDateTime, u32)],
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<WeekLoad> {
    let first = monday(first);
    let weeks = ((monday(last) - first).num_days() / 7 + 1).max(0) as usize;
    let mut axis = WorkAxis::new(calendar, first);
    let week_offset: Vec<i64> = (0..=weeks)
        .map(|w| {
            axis.offset((first + Duration::days(7 * w as i64)).and_time(chrono::NaiveTime::MIN))
        })
        .collect();
    let mut out: Vec<WeekLoad> = (0..weeks)
        .map(|w| WeekLoad {
            week: first + Duration::days(7 * w as i64),
            assigned_minutes: 0,
            capacity_minutes: (week_offset[w + 1] - week_offset[w]) * i64::from(max_units) / 100,
        })
        .collect();
    for &(start, finish, units) in assignments {
        let (a, b) = (axis.offset(start), axis.offset(finish));
        if b <= a {
            continue;
        }
        for (w, load) in out.iter_mut().enumerate() {
            let overlap = b.min(week_offset[w + 1]) - a.max(week_offset[w]);
            if overlap > 0 {
                load.assigned_minutes += overlap * i64::from(units) / 100;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn assignments_as_typed() {
        assert_eq!(
            parse_assignments("王芳, 李强[50%]、张敏【25】").unwrap(),
            vec![
                ("王芳".into(), 100),
                ("李强".into(), 50),
                ("张敏".into(), 25)
            ]
        );
        assert_eq!(parse_assignments("  ").unwrap(), vec![]);
        assert!(parse_assignments("李强[x]").is_err());
        assert!(parse_assignments("[50%]").is_err());
        assert!(parse_assignments("李强[0%]").is_err());
    }

    #[test]
    fn two_overlapping_full_time_tasks_over_allocate_their_week() {
        let cal = WorkCalendar::standard();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let load = weekly_load(
            &cal,
            100,
            &[
                // Mon–Wed of the first week at 100 %, and Tue–Fri at 50 %.
                (dt("2026-11-23T08:00"), dt("2026-11-25T17:00"), 100),
                (dt("2026-11-24T08:00"), dt("2026-11-27T17:00"), 50),
                // Next week, one day.
                (dt("2026-12-01T08:00"), dt("2026-12-01T17:00"), 100),
            ],
            d("2026-11-25"),
            d("2026-12-02"),
        );
        assert_eq!(load.len(), 2);
        assert_eq!(load[0].week, d("2026-11-23"));
        assert_eq!(load[0].capacity_minutes, 2400);
        assert_eq!(load[0].assigned_minutes, 3 * 480 + 4 * 240);
        assert!(
            !load[0].over_allocated(),
            "24 + 16 = 40 hours: exactly full"
        );
        assert_eq!(load[1].assigned_minutes, 480);
        let busy = weekly_load(
            &cal,
            50,
            &[(dt("2026-11-23T08:00"), dt("2026-11-27T17:00"), 100)],
            d("2026-11-23"),
            d("2026-11-23"),
        );
        assert!(
            busy[0].over_allocated(),
            "a half-time person on a full-time week"
        );
    }
}
