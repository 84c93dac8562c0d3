//! The write path: an edit already resolved (see `apply`) written to its rows. Doing,
//! undoing and redoing all come through [`apply_edit`]; it only writes, through the
//! `*_rows` modules, and never resolves, so the store runs one way:
//! `apply` → `*_edits` → `write` → `*_rows`.

use rusqlite::Transaction;

use super::error::StoreError;
use super::error::{StoreResult, sql};
use super::plan_rows;
use super::{requirement_rows, research_rows as rows};
use crate::model::requirement::{ReleaseId, RequirementId};
use crate::model::research::{FeedbackId, NoteId};
use crate::model::{Edit, Project, ProjectProblem};

/// Applies an already resolved edit. Used for doing, undoing and redoing alike.
pub(super) fn apply_edit(tx: &Transaction<'_>, edit: &Edit) -> StoreResult<()> {
    match edit {
        Edit::InsertProject { project, plan } => {
            insert_project(tx, project)?;
            plan_rows::insert(tx, project.id, plan).map_err(|e| sql(e, tx))?;
        }
        Edit::RemoveProject { project, .. } => {
            plan_rows::delete(tx, project.id).map_err(|e| sql(e, tx))?;
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
                     description = ?5, critical_slack_minutes = ?6, start_time = ?7,
                     status_date = ?8 WHERE id = ?1",
                    (
                        id.0,
                        &after.name,
                        after.start_date.to_string(),
                        after.calendar.0,
                        &after.description,
                        after.critical_slack_minutes,
                        after.start_time.map(|t| t.format("%H:%M").to_string()),
                        after.status_date.map(|d| d.to_string()),
                    ),
                )
                .map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(ProjectProblem::UnknownProject.into());
            }
        }
        Edit::InsertTasks {
            project,
            tasks,
            dependencies,
            assignments,
            baselines,
        } => {
            plan_rows::insert_tasks(tx, tasks).map_err(|e| sql(e, tx))?;
            plan_rows::insert_dependencies(tx, dependencies).map_err(|e| sql(e, tx))?;
            plan_rows::insert_assignments(tx, assignments).map_err(|e| sql(e, tx))?;
            plan_rows::insert_baselines(tx, *project, baselines).map_err(|e| sql(e, tx))?;
        }
        Edit::InsertResources { resources } => {
            plan_rows::insert_resources(tx, resources).map_err(|e| sql(e, tx))?;
        }
        Edit::RemoveResources { resources } => {
            plan_rows::delete_resources(tx, resources).map_err(|e| sql(e, tx))?;
        }
        Edit::UpdateResource { after, .. } => {
            plan_rows::update_resource(tx, after).map_err(|e| sql(e, tx))?;
        }
        Edit::ReplaceAssignments { before, after, .. } => {
            plan_rows::delete_assignments_and_baselines(tx, before, &[]).map_err(|e| sql(e, tx))?;
            plan_rows::insert_assignments(tx, after).map_err(|e| sql(e, tx))?;
        }
        Edit::SetBaseline {
            project,
            before,
            after,
            ..
        } => {
            plan_rows::delete_assignments_and_baselines(tx, &[], before).map_err(|e| sql(e, tx))?;
            plan_rows::insert_baselines(tx, *project, after).map_err(|e| sql(e, tx))?;
        }
        Edit::RemoveTasks {
            tasks,
            dependencies,
            assignments,
            baselines,
            ..
        } => {
            plan_rows::delete_assignments_and_baselines(tx, assignments, baselines)
                .map_err(|e| sql(e, tx))?;
            let n = plan_rows::delete_rows(tx, tasks, dependencies).map_err(|e| sql(e, tx))?;
            if n != tasks.len() + dependencies.len() {
                return Err(StoreError::InvalidPlan(
                    "some of the tasks to remove no longer exist".into(),
                ));
            }
        }
        Edit::UpdateTask { id, after, .. } => {
            let n = plan_rows::update_task(tx, *id, after).map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(StoreError::InvalidPlan("the task no longer exists".into()));
            }
        }
        Edit::UpdateCalendar { id, after, .. } => {
            plan_rows::set_calendar_definition(tx, *id, after.as_ref()).map_err(|e| sql(e, tx))?;
        }
        Edit::SetTaskDates { changes, .. } => {
            for c in changes {
                let n = plan_rows::set_dates(tx, c.task, c.after).map_err(|e| sql(e, tx))?;
                if n == 0 {
                    return Err(StoreError::InvalidPlan(
                        "a rescheduled task no longer exists".into(),
                    ));
                }
            }
        }
        Edit::Batch { edits } => {
            for e in edits {
                apply_edit(tx, e)?;
            }
        }
        Edit::SetQuestionKind {
            survey,
            question,
            after,
            ..
        } => {
            let n = super::survey_rows::set_kind(tx, *survey, *question, after.0, after.1)
                .map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(StoreError::Gone(format!("question {}", question + 1)));
            }
        }
        Edit::PutRelease { .. } => put_release(tx, edit)?,
        Edit::PutReport { before, after } => {
            let id = before.as_ref().or(after.as_ref()).map_or(0, |r| r.id);
            super::report_rows::put_snapshot(tx, id, after.as_ref()).map_err(|e| sql(e, tx))?;
        }
        Edit::PutRisk { before, after } => {
            let id = before
                .as_ref()
                .or(after.as_ref())
                .map_or(crate::model::risk::RiskId(0), |r| r.id);
            super::risk_rows::put_risk(tx, id, after.as_ref()).map_err(|e| sql(e, tx))?;
        }
        Edit::PutQualityItem { before, after } => {
            if let Some(key) = before.as_ref().or(after.as_ref()).map(|e| e.key()) {
                super::quality_rows::put_item(tx, key, after.as_ref()).map_err(|e| sql(e, tx))?;
            }
        }
        Edit::PutLogEntry { before, after } => {
            if let Some(id) = before.as_ref().or(after.as_ref()).map(|e| e.id) {
                super::log_rows::put_entry(tx, id, after.as_ref()).map_err(|e| sql(e, tx))?;
            }
        }
        Edit::SetSetting { key, after, .. } => {
            super::report_rows::set_setting(tx, key, after.as_deref()).map_err(|e| sql(e, tx))?;
        }
        Edit::SetPoolSettings { after, .. } => {
            super::requirement_rows::set_pool_settings(tx, after).map_err(|e| sql(e, tx))?;
        }
        Edit::PutNote { .. } | Edit::PutFeedback { .. } | Edit::PutRequirement { .. } => {
            put_research(tx, edit)?;
        }
        Edit::ShowSurvey { id, .. } | Edit::HideSurvey { id, .. } => {
            let hidden = matches!(edit, Edit::HideSurvey { .. });
            let n = super::survey_rows::set_hidden(tx, *id, hidden).map_err(|e| sql(e, tx))?;
            if n == 0 {
                return Err(StoreError::InvalidPlan(
                    "the survey no longer exists".into(),
                ));
            }
        }
    }
    Ok(())
}

/// A release written as it is after the edit (gone when `after` is none).
/// Applies a release edit.
fn put_release(tx: &Transaction<'_>, edit: &Edit) -> StoreResult<()> {
    if let Edit::PutRelease { before, after } = edit {
        let id = before
            .as_ref()
            .or(after.as_ref())
            .map_or(ReleaseId(0), |r| r.id);
        requirement_rows::put_release(tx, id, after.as_ref()).map_err(|e| sql(e, tx))?;
    }
    Ok(())
}

/// A note, feedback item or requirement written as it is after the edit.
/// Applies a note, feedback or requirement edit.
fn put_research(tx: &Transaction<'_>, edit: &Edit) -> StoreResult<()> {
    let id_of = |b: Option<i64>, a: Option<i64>| b.or(a).unwrap_or_default();
    match edit {
        Edit::PutNote { before, after } => rows::put_note(
            tx,
            NoteId(id_of(
                before.as_ref().map(|n| n.id.0),
                after.as_ref().map(|n| n.id.0),
            )),
            after.as_ref(),
        ),
        Edit::PutFeedback { before, after } => rows::put_feedback(
            tx,
            FeedbackId(id_of(
                before.as_ref().map(|n| n.id.0),
                after.as_ref().map(|n| n.id.0),
            )),
            after.as_ref(),
        ),
        Edit::PutRequirement { before, after } => super::requirement_rows::put_requirement(
            tx,
            RequirementId(id_of(
                before.as_ref().map(|n| n.id.0),
                after.as_ref().map(|n| n.id.0),
            )),
            after.as_ref(),
        ),
        _ => Ok(()),
    }
    .map_err(|e| sql(e, tx))
}

/// A project's row, with the id and creation time it carries.
pub(super) fn insert_project(tx: &Transaction<'_>, project: &Project) -> StoreResult<()> {
    let f = &project.fields;
    tx.execute(
        "INSERT INTO projects (id, name, start_date, calendar_id, description, created_at,
         critical_slack_minutes, start_time, status_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        (
            project.id.0,
            &f.name,
            f.start_date.to_string(),
            f.calendar.0,
            &f.description,
            &project.created_at,
            f.critical_slack_minutes,
            f.start_time.map(|t| t.format("%H:%M").to_string()),
            f.status_date.map(|d| d.to_string()),
        ),
    )
    .map_err(|e| sql(e, tx))?;
    Ok(())
}
