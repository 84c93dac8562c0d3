//! Edits: every change to user data is a value that knows its own inverse.
//!
//! A [`Change`] is what the user asked for ("rename project 3 to …"). The store resolves
//! it against the current state into an [`Edit`], which carries everything needed to
//! apply it and to undo it, and logs both directions.

use serde::{Deserialize, Serialize};

use super::{Project, ProjectFields, ProjectId};

/// What the user asks for. Resolved by the store into an [`Edit`].
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    CreateProject(ProjectFields),
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
    InsertProject {
        project: Project,
    },
    RemoveProject {
        project: Project,
    },
    UpdateProject {
        id: ProjectId,
        before: ProjectFields,
        after: ProjectFields,
    },
    /// Several edits applied as one step, in order; undone in reverse order.
    Batch {
        edits: Vec<Edit>,
    },
}

/// What kind of thing an edit did, for the history list and the undo/redo tooltips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    CreateProject,
    DeleteProject,
    UpdateProject,
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
            Edit::InsertProject { project } => Edit::RemoveProject {
                project: project.clone(),
            },
            Edit::RemoveProject { project } => Edit::InsertProject {
                project: project.clone(),
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

    /// Describes the edit as the user did it.
    pub fn summary(&self) -> EditSummary {
        match self {
            Edit::InsertProject { project } => EditSummary {
                kind: EditKind::CreateProject,
                subject: project.fields.name.clone(),
            },
            Edit::RemoveProject { project } => EditSummary {
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
            Edit::InsertProject { project: a.clone() },
            Edit::UpdateProject {
                id: a.id,
                before: a.fields.clone(),
                after: b,
            },
            Edit::Batch {
                edits: vec![
                    Edit::InsertProject {
                        project: project(2, "丙"),
                    },
                    Edit::RemoveProject { project: a },
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
                Edit::InsertProject { project: a.clone() },
                Edit::RemoveProject { project: a.clone() },
            ],
        };
        let Edit::Batch { edits } = batch.inverse() else {
            panic!("inverse of a batch is a batch");
        };
        assert_eq!(edits[0], Edit::InsertProject { project: a.clone() });
        assert_eq!(edits[1], Edit::RemoveProject { project: a });
    }

    #[test]
    fn edits_survive_the_log_format() {
        let e = Edit::InsertProject {
            project: project(7, "客服工作台 2.0"),
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        let back: Edit = serde_json::from_str(&json).unwrap_or(Edit::Batch { edits: vec![] });
        assert_eq!(back, e);
    }
}
