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

    /// Parses a stored code; unknown codes are as-soon-as-possible.
    pub fn from_code(code: &str) -> ConstraintKind {
        [
            ConstraintKind::AsLateAsPossible,
            ConstraintKind::StartNoEarlierThan,
            ConstraintKind::StartNoLaterThan,
            ConstraintKind::FinishNoEarlierThan,
            ConstraintKind::FinishNoLaterThan,
            ConstraintKind::MustStartOn,
            ConstraintKind::MustFinishOn,
        ]
        .into_iter()
        .find(|k| k.code() == code)
        .unwrap_or(ConstraintKind::AsSoonAsPossible)
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

#[cfg(test)]
mod tests {
    use super::*;

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
