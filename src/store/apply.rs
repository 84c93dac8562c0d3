//! Turning changes into edits, and edits into SQL. The only place that writes user data.

use rusqlite::{OptionalExtension, Transaction};

use super::error::{StoreError, StoreResult};
use crate::model::{Change, Edit, Project, ProjectFields, ProjectId, ProjectProblem};

fn sql(e: rusqlite::Error, tx: &Transaction<'_>) -> StoreError {
    StoreError::Sqlite {
        path: tx.path().map(Into::into).unwrap_or_default(),
        source: e,
    }
}

/// Reads what the change needs from the current state and returns the edit that makes
/// it, or why it cannot be made.
pub(super) fn resolve(tx: &Transaction<'_>, change: Change) -> StoreResult<Edit> {
    match change {
        Change::CreateProject(fields) => {
            let fields = checked_fields(tx, fields, None)?;
            let id = next_project_id(tx)?;
            Ok(Edit::InsertProject {
                project: Project {
                    id,
                    fields,
                    created_at: super::now_local(),
                },
            })
        }
        Change::UpdateProject { id, fields } => {
            let before = load_project(tx, id)?.fields;
            let after = checked_fields(tx, fields, Some(id))?;
            Ok(Edit::UpdateProject { id, before, after })
        }
        Change::DeleteProject(id) => Ok(Edit::RemoveProject {
            project: load_project(tx, id)?,
        }),
    }
}

fn checked_fields(
    tx: &Transaction<'_>,
    fields: ProjectFields,
    this: Option<ProjectId>,
) -> StoreResult<ProjectFields> {
    let fields = fields.normalized()?;
    let clash: Option<i64> = tx
        .query_row(
            "SELECT id FROM projects WHERE name = ?1 AND id IS NOT ?2",
            (&fields.name, this.map(|p| p.0)),
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql(e, tx))?;
    if clash.is_some() {
        return Err(ProjectProblem::DuplicateName(fields.name).into());
    }
    let calendar: Option<i64> = tx
        .query_row(
            "SELECT id FROM calendars WHERE id = ?1",
            [fields.calendar.0],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql(e, tx))?;
    if calendar.is_none() {
        return Err(ProjectProblem::UnknownCalendar.into());
    }
    Ok(fields)
}

fn next_project_id(tx: &Transaction<'_>) -> StoreResult<ProjectId> {
    // AUTOINCREMENT keeps ids of deleted projects retired, so a redo never collides.
    tx.query_row(
        "SELECT MAX(
            COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'projects'), 0),
            COALESCE((SELECT MAX(id) FROM projects), 0)) + 1",
        [],
        |r| r.get(0).map(ProjectId),
    )
    .map_err(|e| sql(e, tx))
}

pub(super) fn load_project(tx: &Transaction<'_>, id: ProjectId) -> StoreResult<Project> {
    tx.query_row(
        "SELECT id, name, start_date, calendar_id, description, created_at
         FROM projects WHERE id = ?1",
        [id.0],
        super::queries::project_from_row,
    )
    .optional()
    .map_err(|e| sql(e, tx))?
    .ok_or_else(|| ProjectProblem::UnknownProject.into())
}

/// Applies an already resolved edit. Used for doing, undoing and redoing alike.
pub(super) fn apply_edit(tx: &Transaction<'_>, edit: &Edit) -> StoreResult<()> {
    match edit {
        Edit::InsertProject { project } => {
            let f = &project.fields;
            tx.execute(
                "INSERT INTO projects (id, name, start_date, calendar_id, description, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                (
                    project.id.0,
                    &f.name,
                    f.start_date.to_string(),
                    f.calendar.0,
                    &f.description,
                    &project.created_at,
                ),
            )
            .map_err(|e| sql(e, tx))?;
        }
        Edit::RemoveProject { project } => {
            let n = tx
                .execute("DELETE FROM projects WHERE id = ?1", [project.id.0])
                .map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(ProjectProblem::UnknownProject.into());
            }
        }
        Edit::UpdateProject { id, after, .. } => {
            let n = tx
                .execute(
                    "UPDATE projects SET name = ?2, start_date = ?3, calendar_id = ?4,
                     description = ?5 WHERE id = ?1",
                    (
                        id.0,
                        &after.name,
                        after.start_date.to_string(),
                        after.calendar.0,
                        &after.description,
                    ),
                )
                .map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(ProjectProblem::UnknownProject.into());
            }
        }
        Edit::Batch { edits } => {
            for e in edits {
                apply_edit(tx, e)?;
            }
        }
    }
    Ok(())
}
