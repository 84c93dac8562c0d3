//! Edits: every change to user data is a value that knows its own inverse.
//!
//! A [`Change`] is what the user asked for ("rename project 3 to …"). The store resolves
//! it against the current state into an [`Edit`], which carries everything needed to
//! apply it and to undo it, and logs both directions.

use serde::{Deserialize, Serialize};

use chrono::NaiveDateTime;

use super::plan::{Plan, PlanDraft};
use super::{Project, ProjectFields, ProjectId};

/// What the user asks for. Resolved by the store into an [`Edit`].
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    CreateProject(ProjectFields),
    /// A new project with a whole plan, e.g. from an imported file.
    ImportProject {
        fields: ProjectFields,
        plan: PlanDraft,
    },
    /// Set every task's stored dates to what the scheduler computes now.
    Reschedule(ProjectId),
    UpdateProject {
        id: ProjectId,
        fields: ProjectFields,
    },
    DeleteProject(ProjectId),
}

/// A resolved, invertible change, as stored in the edit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Edit {
    /// A project, with its plan (empty for a new project).
    InsertProject {
        project: Project,
        #[serde(default)]
        plan: Plan,
    },
    RemoveProject {
        project: Project,
        #[serde(default)]
        plan: Plan,
    },
    /// New stored dates for tasks of one project (a reschedule).
    SetTaskDates {
        project: ProjectId,
        changes: Vec<TaskDatesChange>,
    },
    UpdateProject {
        id: ProjectId,
        before: ProjectFields,
        after: ProjectFields,
    },
    /// Several edits applied as one step, in order; undone in reverse order.
    Batch { edits: Vec<Edit> },
}

/// One task's stored dates before and after a reschedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskDatesChange {
    pub task: super::TaskId,
    pub before: (Option<NaiveDateTime>, Option<NaiveDateTime>),
    pub after: (Option<NaiveDateTime>, Option<NaiveDateTime>),
}

/// What kind of thing an edit did, for the history list and the undo/redo tooltips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    CreateProject,
    DeleteProject,
    UpdateProject,
    ImportProject,
    Reschedule,
    Batch,
}

/// A short description of an edit: its kind and the name of what it touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditSummary {
    pub kind: EditKind,
    pub subject: String,
}

impl Edit {
    /// The edit that takes the workspace back to where it was before `self`.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::InsertProject { project, plan } => Edit::RemoveProject {
                project: project.clone(),
                plan: plan.clone(),
            },
            Edit::RemoveProject { project, plan } => Edit::InsertProject {
                project: project.clone(),
                plan: plan.clone(),
            },
            Edit::SetTaskDates { project, changes } => Edit::SetTaskDates {
                project: *project,
                changes: changes
                    .iter()
                    .map(|c| TaskDatesChange {
                        task: c.task,
                        before: c.after,
                        after: c.before,
                    })
                    .collect(),
            },
            Edit::UpdateProject { id, before, after } => Edit::UpdateProject {
                id: *id,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Batch { edits } => Edit::Batch {
                edits: edits.iter().rev().map(Edit::inverse).collect(),
            },
        }
    }

    /// Whether applying the edit changes nothing (a reschedule that moves no task).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::SetTaskDates { changes, .. } => changes.is_empty(),
            Edit::Batch { edits } => edits.iter().all(Edit::is_noop),
            _ => false,
        }
    }

    /// Describes the edit as the user did it.
    pub fn summary(&self) -> EditSummary {
        match self {
            Edit::InsertProject { project, plan } => EditSummary {
                kind: if plan.tasks.is_empty() {
                    EditKind::CreateProject
                } else {
                    EditKind::ImportProject
                },
                subject: project.fields.name.clone(),
            },
            Edit::SetTaskDates { changes, .. } => EditSummary {
                kind: EditKind::Reschedule,
                subject: changes.len().to_string(),
            },
            Edit::RemoveProject { project, .. } => EditSummary {
                kind: EditKind::DeleteProject,
                subject: project.fields.name.clone(),
            },
            Edit::UpdateProject { after, .. } => EditSummary {
                kind: EditKind::UpdateProject,
                subject: after.name.clone(),
            },
            Edit::Batch { edits } => EditSummary {
                kind: EditKind::Batch,
                subject: edits.len().to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CalendarId;
    use chrono::NaiveDate;

    fn project(id: i64, name: &str) -> Project {
        Project {
            id: ProjectId(id),
            fields: ProjectFields {
                name: name.into(),
                start_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
                calendar: CalendarId(1),
                description: String::new(),
            },
            created_at: "2026-11-26T10:00:00".into(),
        }
    }

    #[test]
    fn inverse_of_inverse_is_the_edit() {
        let a = project(1, "甲");
        let mut b = a.fields.clone();
        b.name = "乙".into();
        let edits = [
            Edit::InsertProject {
                project: a.clone(),
                plan: Plan::default(),
            },
            Edit::UpdateProject {
                id: a.id,
                before: a.fields.clone(),
                after: b,
            },
            Edit::Batch {
                edits: vec![
                    Edit::InsertProject {
                        project: project(2, "丙"),
                        plan: Plan::default(),
                    },
                    Edit::RemoveProject {
                        project: a,
                        plan: Plan::default(),
                    },
                ],
            },
        ];
        for e in edits {
            assert_eq!(e.inverse().inverse(), e);
            assert_ne!(e.inverse(), e);
        }
    }

    #[test]
    fn batch_inverse_runs_backwards() {
        let a = project(1, "甲");
        let batch = Edit::Batch {
            edits: vec![
                Edit::InsertProject {
                    project: a.clone(),
                    plan: Plan::default(),
                },
                Edit::RemoveProject {
                    project: a.clone(),
                    plan: Plan::default(),
                },
            ],
        };
        let Edit::Batch { edits } = batch.inverse() else {
            panic!("inverse of a batch is a batch");
        };
        assert!(matches!(&edits[0], Edit::InsertProject { .. }));
        assert!(matches!(&edits[1], Edit::RemoveProject { project, .. } if *project == a));
    }

    #[test]
    fn edits_survive_the_log_format() {
        let e = Edit::InsertProject {
            project: project(7, "客服工作台 2.0"),
            plan: Plan::default(),
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        let back: Edit = serde_json::from_str(&json).unwrap_or(Edit::Batch { edits: vec![] });
        assert_eq!(back, e);
    }
}

#[cfg(test)]
mod log_compatibility {
    use super::*;

    /// Logs written before plans existed have no `plan` field; they still read.
    #[test]
    fn schema_2_log_entries_still_read() {
        let old = r#"{"kind":"insert_project","project":{"id":3,"fields":{"name":"旧","start_date":"2026-01-05","calendar":1,"description":""},"created_at":"2026-01-01T09:00:00"}}"#;
        let edit: Edit = serde_json::from_str(old).unwrap();
        assert!(matches!(edit, Edit::InsertProject { plan, .. } if plan.tasks.is_empty()));
    }
}
