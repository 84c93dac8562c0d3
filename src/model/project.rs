//! A project: one plan, with its own start date and calendar, inside a workspace.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::CalendarId;

/// Row id of a project in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ProjectId(pub i64);

/// Longest project name we accept, in characters.
pub const MAX_NAME_CHARS: usize = 200;

/// What the user edits in the project properties dialog.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectFields {
    pub name: String,
    pub start_date: NaiveDate,
    pub calendar: CalendarId,
    pub description: String,
    /// Tasks with this much total slack or less are critical (MS Project's "tasks are
    /// critical if slack is less than or equal to"), in working minutes; usually 0.
    #[serde(default)]
    pub critical_slack_minutes: i64,
    /// The time of day it starts; `None`: when its calendar first works that day (as an
    /// MS Project file's 09:00 start keeps its 09:00).
    #[serde(default)]
    pub start_time: Option<chrono::NaiveTime>,
    /// The day progress was last reported to (MS Project's status date): what is
    /// done before it, what is late after it. `None`: not set.
    #[serde(default)]
    pub status_date: Option<NaiveDate>,
}

/// A stored project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub fields: ProjectFields,
    /// When it was created, local time, `YYYY-MM-DDTHH:MM:SS`.
    pub created_at: String,
}

/// Why a set of project fields cannot be stored.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ProjectProblem {
    #[error("the project name is empty")]
    EmptyName,
    #[error("the project name is longer than {MAX_NAME_CHARS} characters")]
    NameTooLong,
    #[error("a project named \"{0}\" already exists")]
    DuplicateName(String),
    #[error("the chosen calendar does not exist")]
    UnknownCalendar,
    #[error("the project does not exist (it may have been deleted)")]
    UnknownProject,
}

impl ProjectFields {
    /// Trims the name and checks what can be checked without the workspace.
    pub fn normalized(mut self) -> Result<Self, ProjectProblem> {
        self.name = self.name.trim().to_owned();
        if self.name.is_empty() {
            return Err(ProjectProblem::EmptyName);
        }
        if self.name.chars().count() > MAX_NAME_CHARS {
            return Err(ProjectProblem::NameTooLong);
        }
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(name: &str) -> ProjectFields {
        ProjectFields {
            name: name.into(),
            start_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            calendar: CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        }
    }

    #[test]
    fn names_are_trimmed_and_must_not_be_blank() {
        assert_eq!(
            fields("  客服 2.0 ").normalized().map(|f| f.name),
            Ok("客服 2.0".into())
        );
        assert_eq!(fields(" \t ").normalized(), Err(ProjectProblem::EmptyName));
        let long = "项".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(fields(&long).normalized(), Err(ProjectProblem::NameTooLong));
        let just_fits = "项".repeat(MAX_NAME_CHARS);
        assert!(fields(&just_fits).normalized().is_ok());
    }
}
