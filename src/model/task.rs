//! Tasks and the dependencies between them: the plan of a project.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::schedule::{ConstraintKind, LinkKind};
use super::{CalendarId, ProjectId};

/// Row id of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct TaskId(pub i64);

/// Row id of a dependency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DependencyId(pub i64);

/// The unit a duration or lag is shown in (its value is always kept in minutes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TimeUnit {
    Minutes,
    Hours,
    #[default]
    Days,
    Weeks,
    Months,
    /// Lags only: a percentage of the predecessor's duration.
    Percent,
}

/// What the user edits about a task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskFields {
    pub name: String,
    /// The summary task above it.
    pub parent: Option<TaskId>,
    /// Order in the outline (the whole project's task list is sorted by it).
    pub position: i64,
    /// The UID the task had in the file it came from, kept for round trips.
    pub source_uid: Option<i64>,
    /// Working minutes (elapsed minutes when `elapsed`).
    pub duration_minutes: i64,
    pub duration_unit: TimeUnit,
    pub elapsed: bool,
    pub milestone: bool,
    pub manual: bool,
    pub constraint: ConstraintKind,
    pub constraint_date: Option<NaiveDateTime>,
    pub deadline: Option<NaiveDateTime>,
    pub percent_complete: u8,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    pub notes: String,
    pub calendar: Option<CalendarId>,
    /// The stored dates: from the last reschedule, or as imported.
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    /// A started task's remaining work restarts here (MS Project's Resume) rather than
    /// running on from the work done: the time between is a gap in the bar.
    #[serde(default)]
    pub resume: Option<NaiveDateTime>,
    /// Interruptions of the work (MS Project's split tasks): the bar has gaps, and the
    /// task finishes the gaps' working time later than its duration alone says.
    #[serde(default)]
    pub splits: Vec<Split>,
    /// Its duration stays what it is whatever work its resources have (MS Project's
    /// fixed-duration type); otherwise, where its assignments carry work, they
    /// decide how long it takes.
    #[serde(default)]
    pub fixed_duration: bool,
    /// Its three-point estimate for schedule risk simulation; without one its
    /// duration is taken as certain.
    #[serde(default)]
    pub estimate: Option<super::estimate::Estimate>,
}

/// One interruption of a task's work: after `after_minutes` of its work, nothing is
/// done for `gap_minutes` of working time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Split {
    pub after_minutes: i64,
    pub gap_minutes: i64,
}

impl TaskFields {
    /// Working minutes of all gaps in its work.
    pub fn split_minutes(&self) -> i64 {
        self.splits
            .iter()
            .map(|s| s.gap_minutes.max(0))
            .fold(0, i64::saturating_add)
    }

    /// Working minutes of its work done: the part of its duration its percent
    /// complete covers (MS Project's ActualDuration).
    pub fn done_minutes(&self) -> i64 {
        self.duration_minutes.max(0) * i64::from(self.percent_complete.min(100)) / 100
    }

    /// Working minutes of its work still to do: the rest of its duration (MS
    /// Project's RemainingDuration).
    pub fn remaining_minutes(&self) -> i64 {
        self.duration_minutes.max(0) - self.done_minutes()
    }
}

impl Default for TaskFields {
    fn default() -> Self {
        TaskFields {
            name: String::new(),
            parent: None,
            position: 0,
            source_uid: None,
            duration_minutes: 480,
            duration_unit: TimeUnit::Days,
            elapsed: false,
            milestone: false,
            manual: false,
            constraint: ConstraintKind::AsSoonAsPossible,
            constraint_date: None,
            deadline: None,
            percent_complete: 0,
            actual_start: None,
            actual_finish: None,
            notes: String::new(),
            calendar: None,
            start: None,
            finish: None,
            resume: None,
            splits: Vec::new(),
            fixed_duration: false,
            estimate: None,
        }
    }
}

/// A stored task.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    pub project: ProjectId,
    pub fields: TaskFields,
}

/// A stored dependency: `successor` waits on `predecessor`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dependency {
    pub id: DependencyId,
    pub project: ProjectId,
    pub predecessor: TaskId,
    pub successor: TaskId,
    pub kind: LinkKind,
    /// Working minutes (elapsed when `lag_elapsed`); for `Percent`, the percentage.
    pub lag: i64,
    pub lag_unit: TimeUnit,
    pub lag_elapsed: bool,
}

impl LinkKind {
    /// The short code used in predecessor columns: `3FS+2d`.
    pub fn code(self) -> &'static str {
        match self {
            LinkKind::FinishToStart => "FS",
            LinkKind::StartToStart => "SS",
            LinkKind::FinishToFinish => "FF",
            LinkKind::StartToFinish => "SF",
        }
    }

    /// Parses `FS`, `SS`, `FF`, `SF` (any case).
    pub fn from_code(code: &str) -> Option<LinkKind> {
        match code.to_ascii_uppercase().as_str() {
            "FS" => Some(LinkKind::FinishToStart),
            "SS" => Some(LinkKind::StartToStart),
            "FF" => Some(LinkKind::FinishToFinish),
            "SF" => Some(LinkKind::StartToFinish),
            _ => None,
        }
    }
}

impl ConstraintKind {
    /// Stable code stored in the workspace.
    pub fn code(self) -> &'static str {
        match self {
            ConstraintKind::AsSoonAsPossible => "ASAP",
            ConstraintKind::AsLateAsPossible => "ALAP",
            ConstraintKind::StartNoEarlierThan => "SNET",
            ConstraintKind::StartNoLaterThan => "SNLT",
            ConstraintKind::FinishNoEarlierThan => "FNET",
            ConstraintKind::FinishNoLaterThan => "FNLT",
            ConstraintKind::MustStartOn => "MSO",
            ConstraintKind::MustFinishOn => "MFO",
        }
    }

    /// Every kind, in the order MS Project lists them.
    pub const ALL: [ConstraintKind; 8] = [
        ConstraintKind::AsSoonAsPossible,
        ConstraintKind::AsLateAsPossible,
        ConstraintKind::StartNoEarlierThan,
        ConstraintKind::StartNoLaterThan,
        ConstraintKind::FinishNoEarlierThan,
        ConstraintKind::FinishNoLaterThan,
        ConstraintKind::MustStartOn,
        ConstraintKind::MustFinishOn,
    ];

    /// Parses a stored code; unknown codes are as-soon-as-possible.
    pub fn from_code(code: &str) -> ConstraintKind {
        Self::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(ConstraintKind::AsSoonAsPossible)
    }

    /// Whether the kind needs a date (all but ASAP and ALAP).
    pub fn has_date(self) -> bool {
        !matches!(
            self,
            ConstraintKind::AsSoonAsPossible | ConstraintKind::AsLateAsPossible
        )
    }

    /// Whether the date bounds the finish rather than the start; a date typed
    /// without a time then means the end of that working day, as in MS Project.
    pub fn bounds_finish(self) -> bool {
        matches!(
            self,
            ConstraintKind::FinishNoEarlierThan
                | ConstraintKind::FinishNoLaterThan
                | ConstraintKind::MustFinishOn
        )
    }
}

impl TimeUnit {
    /// Stable code stored in the workspace.
    pub fn code(self) -> &'static str {
        match self {
            TimeUnit::Minutes => "m",
            TimeUnit::Hours => "h",
            TimeUnit::Days => "d",
            TimeUnit::Weeks => "w",
            TimeUnit::Months => "mo",
            TimeUnit::Percent => "%",
        }
    }

    /// Parses a stored code; unknown codes are days.
    pub fn from_code(code: &str) -> TimeUnit {
        match code {
            "m" => TimeUnit::Minutes,
            "h" => TimeUnit::Hours,
            "w" => TimeUnit::Weeks,
            "mo" => TimeUnit::Months,
            "%" => TimeUnit::Percent,
            _ => TimeUnit::Days,
        }
    }
}

/// Working minutes in a day, week and month, MS Project's defaults.
pub const MINUTES_PER_DAY: i64 = 480;
pub const MINUTES_PER_WEEK: i64 = 2400;
pub const MINUTES_PER_MONTH: i64 = 9600;

/// A duration as the table shows it and the editor accepts it back: `3d`, `1.5w`, `4eh`.
pub fn format_duration(minutes: i64, unit: TimeUnit, elapsed: bool) -> String {
    let e = if elapsed { "e" } else { "" };
    let value = |per: f64| {
        let v = minutes as f64 / per;
        if (v - v.round()).abs() < 1e-9 {
            format!("{}", v.round() as i64)
        } else {
            format!("{v:.1}")
        }
    };
    match unit {
        TimeUnit::Minutes => format!("{}{e}m", value(1.0)),
        TimeUnit::Hours => format!("{}{e}h", value(60.0)),
        TimeUnit::Weeks => format!("{}{e}w", value(2400.0)),
        TimeUnit::Months => format!("{}{e}mo", value(9600.0)),
        TimeUnit::Days | TimeUnit::Percent => format!("{}{e}d", value(480.0)),
    }
}

/// Reads a date or date-time typed by a user: `2026-03-02`, `2026/3/2`,
/// `2026-03-02 13:30`, `2026-03-02T13:30:00`. A bare date is 08:00 that day, or 17:00
/// when `end_of_day` (the default start and end times of MS Project's standard calendar).
pub fn parse_moment(text: &str, end_of_day: bool) -> Option<NaiveDateTime> {
    let t = text.trim().replace('/', "-");
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
    ] {
        if let Ok(m) = NaiveDateTime::parse_from_str(&t, f) {
            return Some(m);
        }
    }
    let date = chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()?;
    date.and_hms_opt(if end_of_day { 17 } else { 8 }, 0, 0)
}

/// Shows a moment as `parse_moment` reads it back: the date alone when the time is the
/// default one for that end.
pub fn moment_text(at: NaiveDateTime, end_of_day: bool) -> String {
    let default = if end_of_day { 17 } else { 8 };
    if at.time() == chrono::NaiveTime::MIN
        || at.time() == chrono::NaiveTime::from_hms_opt(default, 0, 0).unwrap_or_default()
    {
        at.format("%Y-%m-%d").to_string()
    } else {
        at.format("%Y-%m-%d %H:%M").to_string()
    }
}

/// Reads a duration as typed: `3`, `3d`, `1.5w`, `4h`, `30m`, `2mo`, `3ed` (elapsed), or
/// in Chinese: `3天`, `3 个工作日`, `2周`, `4小时`, `30分钟`, `2个月`. A bare number is days.
pub fn parse_duration(text: &str) -> Option<(i64, TimeUnit, bool)> {
    let t = text.trim().to_lowercase().replace(' ', "");
    let split = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (number, unit) = t.split_at(split);
    let value: f64 = number.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    let (elapsed, unit) = match unit.strip_prefix('e') {
        Some(rest) if !rest.is_empty() => (true, rest),
        _ => (false, unit),
    };
    let (unit, per) = match unit {
        "" | "d" | "day" | "days" | "天" | "日" | "个工作日" | "工作日" => {
            (TimeUnit::Days, MINUTES_PER_DAY)
        }
        "h" | "hr" | "hour" | "hours" | "小时" | "时" => (TimeUnit::Hours, 60),
        "m" | "min" | "mins" | "minute" | "minutes" | "分钟" | "分" => (TimeUnit::Minutes, 1),
        "w" | "wk" | "week" | "weeks" | "周" | "星期" => (TimeUnit::Weeks, MINUTES_PER_WEEK),
        "mo" | "mon" | "month" | "months" | "月" | "个月" => {
            (TimeUnit::Months, MINUTES_PER_MONTH)
        }
        _ => return None,
    };
    Some(((value * per as f64).round() as i64, unit, elapsed))
}

/// One predecessor as typed in the predecessors column: the row number (ID) of the
/// predecessor, the link type and the lag (minutes, or percent for `Percent`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypedPredecessor {
    pub row: usize,
    pub kind: LinkKind,
    pub lag: i64,
    pub lag_unit: TimeUnit,
}

/// Reads `3FS+2d, 5SS, 7, 9FF-1d, 4SS+50%` (commas may be Chinese: `，` or `、`).
pub fn parse_predecessors(text: &str) -> Result<Vec<TypedPredecessor>, String> {
    let mut out = Vec::new();
    for part in text.split([',', '，', '、', ';', '；']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let digits = part.chars().take_while(char::is_ascii_digit).count();
        let row: usize = part[..digits]
            .parse()
            .map_err(|_| format!("“{part}”: starts with no task number"))?;
        let rest = &part[digits..];
        let (kind, rest) = match rest.get(..2).and_then(LinkKind::from_code) {
            Some(k) => (k, &rest[2..]),
            None => (LinkKind::FinishToStart, rest),
        };
        let rest = rest.trim();
        let (lag, lag_unit) = if rest.is_empty() {
            (0, TimeUnit::Days)
        } else {
            let (sign, body) = match rest.as_bytes().first() {
                Some(b'+') => (1, &rest[1..]),
                Some(b'-') => (-1, &rest[1..]),
                _ => return Err(format!("“{part}”: the lag must start with + or -")),
            };
            if let Some(pct) = body.trim().strip_suffix('%') {
                let v: i64 = pct
                    .trim()
                    .parse()
                    .map_err(|_| format!("“{part}”: not a percentage"))?;
                (sign * v, TimeUnit::Percent)
            } else {
                let (minutes, unit, _) =
                    parse_duration(body).ok_or_else(|| format!("“{part}”: not a lag"))?;
                (sign * minutes, unit)
            }
        };
        out.push(TypedPredecessor {
            row,
            kind,
            lag,
            lag_unit,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod moment_tests {
    use super::*;

    #[test]
    fn typed_moments_read_back() {
        let d = |s: &str| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").ok();
        assert_eq!(parse_moment("2026-03-02", false), d("2026-03-02T08:00"));
        assert_eq!(parse_moment(" 2026/3/2 ", true), d("2026-03-02T17:00"));
        assert_eq!(
            parse_moment("2026-03-02 13:30", true),
            d("2026-03-02T13:30")
        );
        assert_eq!(
            parse_moment("2026-03-02T13:30:00", false),
            d("2026-03-02T13:30")
        );
        assert_eq!(parse_moment("next week", false), None);
        assert_eq!(parse_moment("2026-02-30", false), None);
        for (text, end) in [("2026-03-02", true), ("2026-03-02 13:30", false)] {
            let m = parse_moment(text, end).expect("reads");
            assert_eq!(moment_text(m, end), text);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_as_typed() {
        assert_eq!(parse_duration("3"), Some((1440, TimeUnit::Days, false)));
        assert_eq!(
            parse_duration(" 1.5w "),
            Some((3600, TimeUnit::Weeks, false))
        );
        assert_eq!(parse_duration("4h"), Some((240, TimeUnit::Hours, false)));
        assert_eq!(parse_duration("3ed"), Some((1440, TimeUnit::Days, true)));
        assert_eq!(
            parse_duration("3 个工作日"),
            Some((1440, TimeUnit::Days, false))
        );
        assert_eq!(parse_duration("2周"), Some((4800, TimeUnit::Weeks, false)));
        assert_eq!(
            parse_duration("30分钟"),
            Some((30, TimeUnit::Minutes, false))
        );
        assert_eq!(parse_duration("0"), Some((0, TimeUnit::Days, false)));
        for bad in ["", "abc", "-2d", "3x", "1e9999d"] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn predecessors_as_typed() {
        let p = parse_predecessors("3FS+2d, 5ss，7、9FF-1d, 4SS+50%").unwrap();
        assert_eq!(
            p[0],
            TypedPredecessor {
                row: 3,
                kind: LinkKind::FinishToStart,
                lag: 960,
                lag_unit: TimeUnit::Days
            }
        );
        assert_eq!(p[1].kind, LinkKind::StartToStart);
        assert_eq!(
            p[2],
            TypedPredecessor {
                row: 7,
                kind: LinkKind::FinishToStart,
                lag: 0,
                lag_unit: TimeUnit::Days
            }
        );
        assert_eq!((p[3].kind, p[3].lag), (LinkKind::FinishToFinish, -480));
        assert_eq!((p[4].lag, p[4].lag_unit), (50, TimeUnit::Percent));
        assert_eq!(parse_predecessors("").unwrap(), vec![]);
        assert!(parse_predecessors("FS3").is_err());
        assert!(parse_predecessors("3FS2d").is_err());
        assert!(parse_predecessors("3+x").is_err());
    }

    #[test]
    fn codes_round_trip() {
        for k in [
            LinkKind::FinishToStart,
            LinkKind::StartToStart,
            LinkKind::FinishToFinish,
            LinkKind::StartToFinish,
        ] {
            assert_eq!(LinkKind::from_code(&k.code().to_lowercase()), Some(k));
        }
        for c in [
            ConstraintKind::MustFinishOn,
            ConstraintKind::AsSoonAsPossible,
            ConstraintKind::StartNoLaterThan,
        ] {
            assert_eq!(ConstraintKind::from_code(c.code()), c);
        }
        for u in [
            TimeUnit::Minutes,
            TimeUnit::Months,
            TimeUnit::Percent,
            TimeUnit::Weeks,
        ] {
            assert_eq!(TimeUnit::from_code(u.code()), u);
        }
    }
}
