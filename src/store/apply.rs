//! Turning changes into edits: what a change needs is read, checked and resolved into
//! an invertible edit, which `write` then writes. Per domain the resolving is in the
//! `*_edits` modules.

use rusqlite::{OptionalExtension, Transaction};

use super::error::{StoreError, StoreResult, sql};
use std::collections::HashMap;

use super::{plan_rows, report_rows, requirement_edits, research_edits, risk_rows, task_edits};
use crate::model::edit::TaskDatesChange;
use crate::model::plan::{Plan, PlanDraft};
use crate::model::report::ReportProblem;
use crate::model::risk::RiskProblem;
use crate::model::{
    CalendarId, Change, Edit, Project, ProjectFields, ProjectId, ProjectProblem, Task, TaskId,
};

/// A setting's new value as an edit holding the old one.
fn setting_edit(tx: &Transaction<'_>, key: String, after: Option<String>) -> StoreResult<Edit> {
    let before = report_rows::setting(tx, &key).map_err(|e| sql(e, tx))?;
    Ok(Edit::SetSetting { key, before, after })
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
                plan: Plan::default(),
            })
        }
        Change::ImportProject { fields, plan } => resolve_import(tx, fields, plan),
        Change::Reschedule(id) => resolve_reschedule(tx, id, &mut None),
        Change::AddTask {
            project,
            after,
            fields,
        } => {
            super::queries::load_project(tx, project)?;
            task_edits::add_task(tx, project, after, fields)
        }
        Change::UpdateTask { id, fields } => task_edits::update_task(tx, id, fields),
        Change::SetEstimates {
            project,
            only,
            low_percent,
            high_percent,
            distribution,
            overwrite,
        } => {
            super::queries::load_project(tx, project)?;
            task_edits::set_estimates(
                tx,
                project,
                &only,
                (low_percent, high_percent),
                distribution,
                overwrite,
            )
        }
        Change::DeleteTasks(ids) => task_edits::delete_tasks(tx, &ids),
        Change::Indent(id) => task_edits::indent(tx, id),
        Change::Outdent(id) => task_edits::outdent(tx, id),
        Change::Link {
            predecessor,
            successor,
            kind,
            lag,
            lag_unit,
        } => task_edits::link(tx, predecessor, successor, kind, lag, lag_unit),
        Change::Unlink(id) => task_edits::unlink(tx, id),
        Change::SetPredecessors { task, links } => task_edits::set_predecessors(tx, task, &links),
        Change::AssignResources { task, by_name } => {
            task_edits::assign_resources(tx, task, &by_name)
        }
        Change::UpdateResource {
            id,
            name,
            max_units,
            calendar,
        } => task_edits::update_resource(tx, id, name, max_units, calendar),
        Change::SetBaseline { project, number } => task_edits::baseline(tx, project, number, true),
        Change::ClearBaseline { project, number } => {
            task_edits::baseline(tx, project, number, false)
        }
        Change::SetCalendar { id, definition } => {
            let before = plan_rows::calendar_definition(tx, id)
                .map_err(|e| sql(e, tx))?
                .ok_or(ProjectProblem::UnknownCalendar)?;
            if let Some(d) = &definition
                && !d.has_working_time()
            {
                return Err(StoreError::NoWorkingTime);
            }
            Ok(Edit::UpdateCalendar {
                id,
                before,
                after: definition,
            })
        }
        // Groups are resolved one change at a time by `Workspace::apply`.
        Change::Many(_) => Err(StoreError::InvalidPlan(
            "a group of changes cannot be resolved as one".into(),
        )),
        Change::UpdateProject { id, fields } => {
            let before = super::queries::load_project(tx, id)?.fields;
            let after = checked_fields(tx, fields, Some(id))?;
            Ok(Edit::UpdateProject { id, before, after })
        }
        Change::ImportSurvey(survey) => {
            let id = super::survey_rows::insert(tx, &survey, &super::now_local())
                .map_err(|e| sql(e, tx))?;
            Ok(Edit::ShowSurvey {
                id,
                name: survey.name,
            })
        }
        Change::DeleteSurvey(id) => {
            let name = super::survey_rows::name(tx, id)
                .map_err(|e| sql(e, tx))?
                .ok_or_else(|| StoreError::InvalidPlan("the survey does not exist".into()))?;
            Ok(Edit::HideSurvey { id, name })
        }
        Change::SetQuestionKind {
            survey,
            question,
            kind,
        } => {
            let (q, answers) = super::survey_rows::question(tx, survey, question)
                .map_err(|e| sql(e, tx))?
                .ok_or_else(|| StoreError::Gone(format!("question {}", question + 1)))?;
            // Refused here if the answers cannot be read so (too many for a choice).
            crate::model::survey_kind::read_as(&q, &answers, kind)?;
            Ok(Edit::SetQuestionKind {
                survey,
                question,
                title: format!("{} {}", q.key, q.title),
                before: (q.kind, q.kind_set_by_user),
                after: (kind, true),
            })
        }
        Change::AddNote(fields) => research_edits::add_note(tx, fields),
        Change::UpdateNote { id, fields } => research_edits::update_note(tx, id, fields),
        Change::DeleteNote(id) => research_edits::delete_note(tx, id),
        Change::AddFeedback {
            fields,
            new_requirement,
        } => research_edits::add_feedback(tx, fields, new_requirement),
        Change::UpdateFeedback { id, fields } => research_edits::update_feedback(tx, id, fields),
        Change::DeleteFeedback(id) => research_edits::delete_feedback(tx, id),
        Change::AddRequirement(fields) => research_edits::add_requirement(tx, fields),
        Change::UpdateRequirement { id, fields } => {
            research_edits::update_requirement(tx, id, fields)
        }
        Change::PublishReport(mut snapshot) => {
            if snapshot.key.to < snapshot.key.from {
                return Err(ReportProblem::BadPeriod.into());
            }
            snapshot.id = report_rows::next_snapshot_id(tx).map_err(|e| sql(e, tx))?;
            Ok(Edit::PutReport {
                before: None,
                after: Some(snapshot),
            })
        }
        Change::DeleteReport(id) => {
            let before = report_rows::snapshot_by_id(tx, id)
                .map_err(|e| sql(e, tx))?
                .ok_or(ReportProblem::NoSnapshot(id))?;
            Ok(Edit::PutReport {
                before: Some(before),
                after: None,
            })
        }
        Change::SetReportDraft { key, draft } => {
            if key.to < key.from {
                return Err(ReportProblem::BadPeriod.into());
            }
            let draft = draft.normalized()?;
            let after = (draft != Default::default())
                .then(|| serde_json::to_string(&draft))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(tx, key.setting_key(), after)
        }
        Change::AddRisk(fields) => {
            let fields = fields.normalized()?;
            let id = risk_rows::next_id(tx).map_err(|e| sql(e, tx))?;
            Ok(Edit::PutRisk {
                before: None,
                after: Some(crate::model::risk::Risk { id, fields }),
            })
        }
        Change::UpdateRisk { id, fields } => {
            let before = risk_rows::risk(tx, id)
                .map_err(|e| sql(e, tx))?
                .ok_or_else(|| RiskProblem::Unknown(id.key()))?;
            let after = crate::model::risk::Risk {
                id,
                fields: fields.normalized()?,
            };
            // A risk that occurred becomes an issue (once), in the same edit.
            let occurred = before.fields.status != "occurred" && after.fields.status == "occurred";
            let issue = if occurred {
                super::log_edits::issue_for(tx, &after, chrono::Local::now().date_naive())?
            } else {
                None
            };
            let put = Edit::PutRisk {
                before: Some(before),
                after: Some(after),
            };
            Ok(match issue {
                Some(issue) => Edit::Batch {
                    edits: vec![put, issue],
                },
                None => put,
            })
        }
        Change::DeleteRisks(ids) => {
            let mut edits = Vec::new();
            for id in ids {
                let before = risk_rows::risk(tx, id)
                    .map_err(|e| sql(e, tx))?
                    .ok_or_else(|| RiskProblem::Unknown(id.key()))?;
                edits.push(Edit::PutRisk {
                    before: Some(before),
                    after: None,
                });
            }
            Ok(match edits.len() {
                1 => edits.remove(0),
                _ => Edit::Batch { edits },
            })
        }
        Change::ImportRisks(rows) => put_risks(tx, rows),
        Change::UpdateRisks(rows) => {
            for (id, _) in &rows {
                risk_rows::risk(tx, *id)
                    .map_err(|e| sql(e, tx))?
                    .ok_or_else(|| RiskProblem::Unknown(id.key()))?;
            }
            put_risks(tx, rows.into_iter().map(|(id, f)| (Some(id), f)).collect())
        }
        Change::RiskActionToTask { risk, action } => risk_action_to_task(tx, risk, action),
        Change::AddLogEntry { project, fields } => super::log_edits::add(tx, project, fields),
        Change::AddQualityItem(item) => {
            let item = item.normalized()?;
            let n = super::quality_rows::next_number(tx, item.key()).map_err(|e| sql(e, tx))?;
            Ok(Edit::PutQualityItem {
                before: None,
                after: Some(item.numbered(n)),
            })
        }
        Change::UpdateQualityItem(item) => {
            let item = item.normalized()?;
            let before = super::quality_rows::item(tx, item.key())
                .map_err(|e| sql(e, tx))?
                .ok_or_else(|| crate::model::quality::QualityProblem::Unknown(item.key().key()))?;
            Ok(Edit::PutQualityItem {
                before: Some(before),
                after: Some(item),
            })
        }
        Change::ImportQuality(import) => super::quality_rows::resolve_import(tx, import),
        Change::DeleteQualityItems(keys) => {
            let mut edits = Vec::with_capacity(keys.len());
            for key in keys {
                let before = super::quality_rows::item(tx, key)
                    .map_err(|e| sql(e, tx))?
                    .ok_or_else(|| crate::model::quality::QualityProblem::Unknown(key.key()))?;
                edits.push(Edit::PutQualityItem {
                    before: Some(before),
                    after: None,
                });
            }
            Ok(match edits.len() {
                1 => edits.remove(0),
                _ => Edit::Batch { edits },
            })
        }
        Change::RecordResult { run, result } => {
            let key = crate::model::quality::QualityKey::Run(run.0);
            let before = super::quality_rows::item(tx, key)
                .map_err(|e| sql(e, tx))?
                .ok_or_else(|| crate::model::quality::QualityProblem::Unknown(run.key()))?;
            let mut after = before.clone();
            if let crate::model::quality::QualityItem::Run(r) = &mut after {
                if !r.fields.cases.contains(&result.case) {
                    return Err(crate::model::quality::QualityProblem::Unknown(format!(
                        "{} in {}",
                        result.case.key(),
                        run.key()
                    ))
                    .into());
                }
                r.fields.results.push(result);
            }
            Ok(Edit::PutQualityItem {
                before: Some(before),
                after: Some(after),
            })
        }
        Change::UpdateLogEntry { id, fields } => super::log_edits::update(tx, id, fields),
        Change::DeleteLogEntries(ids) => super::log_edits::delete(tx, &ids),
        Change::RaiseIssueFromRisk(risk) => {
            super::log_edits::raise_issue(tx, risk, chrono::Local::now().date_naive())
        }
        Change::ImplementChangeRequest(_) => Err(StoreError::InvalidPlan(
            "a change request is implemented through Workspace::apply".into(),
        )),
        Change::SetCorrelations { project, groups } => {
            super::queries::load_project(tx, project)?;
            if let Some(bad) = groups.iter().find(|g| !g.is_valid()) {
                return Err(StoreError::InvalidPlan(format!(
                    "a correlation group needs two tasks or more and a coefficient from 0 to 1 (got {} tasks, {})",
                    bad.tasks.len(),
                    bad.coefficient
                )));
            }
            let value = (!groups.is_empty())
                .then(|| serde_json::to_string(&groups))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(
                tx,
                crate::model::simulation::Correlation::setting_key(project),
                value,
            )
        }
        Change::SetRiskCategories(names) => {
            let mut kept: Vec<String> = Vec::new();
            for n in names {
                let n = n.trim().to_owned();
                if !n.is_empty()
                    && !kept.contains(&n)
                    && !crate::model::risk::CATEGORIES.contains(&n.as_str())
                {
                    kept.push(n);
                }
            }
            let value = (!kept.is_empty())
                .then(|| serde_json::to_string(&kept))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(tx, crate::model::risk::CATEGORIES_KEY.to_owned(), value)
        }
        Change::SetGateRules(rules) => {
            for rule in &rules {
                rule.check()?;
            }
            let value = (rules != crate::model::quality::ReadinessRule::defaults())
                .then(|| serde_json::to_string(&rules))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(tx, crate::model::quality::GATE_KEY.to_owned(), value)
        }
        Change::SetRiskBands(bands) => {
            if !(2..=25).contains(&bands.medium_from) || bands.high_from <= bands.medium_from {
                return Err(RiskProblem::BadBands.into());
            }
            let value = (bands != Default::default())
                .then(|| serde_json::to_string(&bands))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(tx, crate::model::risk::BANDS_KEY.to_owned(), value)
        }
        Change::SetReportLanguage(code) => {
            let code = code.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty());
            if let Some(c) = &code
                && !["zh-CN", "en"].contains(&c.as_str())
            {
                return Err(ReportProblem::UnknownLanguage(c.clone()).into());
            }
            setting_edit(tx, crate::model::report::LANGUAGE_KEY.to_owned(), code)
        }
        Change::SetReportTemplate { kind, template } => {
            let after = (template != Default::default())
                .then(|| serde_json::to_string(&template))
                .transpose()
                .map_err(StoreError::EncodeEdit)?;
            setting_edit(tx, crate::model::report::template_key(&kind), after)
        }
        Change::SetPoolSettings(settings) => Ok(Edit::SetPoolSettings {
            before: super::requirement_rows::pool_settings(tx).map_err(|e| sql(e, tx))?,
            after: settings.normalized()?,
        }),
        Change::DeleteRequirements(ids) => requirement_edits::delete_requirements(tx, &ids),
        Change::ImportRequirements {
            releases,
            requirements,
        } => requirement_edits::import(tx, releases, requirements),
        Change::PlanRequirements {
            project,
            requirements,
        } => requirement_edits::plan_requirements(tx, project, &requirements),
        Change::AddRelease(fields) => requirement_edits::add_release(tx, fields),
        Change::UpdateRelease { id, fields } => requirement_edits::update_release(tx, id, fields),
        Change::DeleteRelease(id) => requirement_edits::delete_release(tx, id),
        Change::DeleteProject(id) => Ok(Edit::RemoveProject {
            project: super::queries::load_project(tx, id)?,
            plan: plan_rows::plan(tx, id).map_err(|e| sql(e, tx))?,
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
    plan_rows::next_id(tx, "projects")
        .map(ProjectId)
        .map_err(|e| sql(e, tx))
}

/// Gives every row of an imported plan its id and checks its references.
fn resolve_import(
    tx: &Transaction<'_>,
    fields: ProjectFields,
    draft: PlanDraft,
) -> StoreResult<Edit> {
    let next = |table| plan_rows::next_id(tx, table).map_err(|e| sql(e, tx));
    let first_calendar = next("calendars")?;
    let project_calendar = match draft.project_calendar {
        Some(c) if c >= draft.calendars.len() => {
            return Err(StoreError::InvalidPlan(format!(
                "project calendar #{c} is not in the plan"
            )));
        }
        Some(c) => Some(CalendarId(first_calendar + c as i64)),
        None => None,
    };
    // A calendar that comes with the plan does not exist yet: check the rest of the
    // fields against a stored one, then point at the new calendar.
    let mut fields = checked_fields(
        tx,
        ProjectFields {
            calendar: project_calendar.map_or(fields.calendar, |_| CalendarId(1)),
            ..fields
        },
        None,
    )?;
    if let Some(c) = project_calendar {
        fields.calendar = c;
    }
    let id = next_project_id(tx)?;
    let plan = draft
        .with_ids(id, plan_rows::first_ids(tx).map_err(|e| sql(e, tx))?)
        .map_err(StoreError::InvalidPlan)?;
    Ok(Edit::InsertProject {
        project: Project {
            id,
            fields,
            created_at: super::now_local(),
        },
        plan,
    })
}

/// Schedules the project now and records the tasks whose stored dates change.
/// Manually scheduled tasks keep their dates. The plan comes from `cache` when it
/// holds this project's, and is left there for the next edit.
pub(super) fn resolve_reschedule(
    tx: &Transaction<'_>,
    id: ProjectId,
    cache: &mut super::PlanCache,
) -> StoreResult<Edit> {
    let project = super::queries::load_project(tx, id)?;
    match cache {
        Some(kept) if kept.project == id => {
            // Every test runs in debug: there the kept plan is checked against the file.
            debug_assert_eq!(
                kept.plan,
                plan_rows::plan(tx, id).map_err(|e| sql(e, tx))?,
                "the plan kept in memory drifted from the stored one"
            );
        }
        _ => {
            *cache = Some(super::KeptPlan {
                project: id,
                plan: plan_rows::plan(tx, id).map_err(|e| sql(e, tx))?,
                memo: None,
                current: false,
            })
        }
    }
    let Some(kept) = cache.as_mut() else {
        return Err(StoreError::InvalidPlan("the plan could not be read".into()));
    };
    let calendar = plan_rows::work_calendar(tx, project.fields.calendar)
        .map_err(|e| sql(e, tx))?
        .ok_or(ProjectProblem::UnknownCalendar)?;
    let calendars = plan_rows::calendar_table(tx, &kept.plan).map_err(|e| sql(e, tx))?;
    // Only what changed since the last reschedule is redone.
    let memo = super::queries::plan_to_schedule(&project, &calendar, &calendars, &kept.plan)
        .schedule_from(kept.memo.take())
        .map_err(|e| super::queries::plan_error(e, &kept.plan.tasks))?;
    let plan = &kept.plan;
    let schedule = memo.schedule();
    // Every test runs in debug: there what was redone is checked against all of it.
    debug_assert_eq!(
        schedule,
        &super::queries::plan_to_schedule(&project, &calendar, &calendars, plan)
            .schedule()
            .map_err(|e| super::queries::plan_error(e, &plan.tasks))?[..],
        "rescheduling only what changed gave other dates"
    );
    let by_id: HashMap<TaskId, &Task> = plan.tasks.iter().map(|t| (t.id, t)).collect();
    let changes: Vec<TaskDatesChange> = schedule
        .iter()
        .filter_map(|s| {
            let t = by_id.get(&s.task)?;
            let before = (t.fields.start, t.fields.finish);
            let after = (Some(s.early_start), Some(s.early_finish));
            (!t.fields.manual && before != after).then_some(TaskDatesChange {
                task: s.task,
                before,
                after,
            })
        })
        .collect();
    kept.memo = Some(memo);
    Ok(Edit::SetTaskDates {
        project: id,
        changes,
    })
}

/// Risks written from rows: a key the workspace has updates that risk, any other row
/// adds one (with the next keys); one edit.
fn put_risks(
    tx: &Transaction<'_>,
    rows: Vec<(
        Option<crate::model::risk::RiskId>,
        crate::model::risk::RiskFields,
    )>,
) -> StoreResult<Edit> {
    let mut next = risk_rows::next_id(tx).map_err(|e| sql(e, tx))?;
    let mut edits = Vec::with_capacity(rows.len());
    for (key, fields) in rows {
        let fields = fields.normalized()?;
        let before = match key {
            Some(id) => risk_rows::risk(tx, id).map_err(|e| sql(e, tx))?,
            None => None,
        };
        let id = match &before {
            Some(b) => b.id,
            None => {
                let id = next;
                next = crate::model::risk::RiskId(next.0 + 1);
                id
            }
        };
        edits.push(Edit::PutRisk {
            before,
            after: Some(crate::model::risk::Risk { id, fields }),
        });
    }
    // Risks that occurred become issues (once each), numbered one after the other.
    let today = chrono::Local::now().date_naive();
    let mut issues = Vec::new();
    for e in &edits {
        if let Edit::PutRisk {
            before: Some(b),
            after: Some(a),
        } = e
            && b.fields.status != "occurred"
            && a.fields.status == "occurred"
            && let Some(Edit::PutLogEntry {
                after: Some(mut entry),
                ..
            }) = super::log_edits::issue_for(tx, a, today)?
        {
            entry.id.n += issues.len() as i64;
            issues.push(Edit::PutLogEntry {
                before: None,
                after: Some(entry),
            });
        }
    }
    edits.extend(issues);
    Ok(match edits.len() {
        1 => edits.remove(0),
        _ => Edit::Batch { edits },
    })
}

/// A response action made a task at the end of the risk's project, linked both ways.
fn risk_action_to_task(
    tx: &Transaction<'_>,
    risk: crate::model::risk::RiskId,
    action: usize,
) -> StoreResult<Edit> {
    let before = risk_rows::risk(tx, risk)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| RiskProblem::Unknown(risk.key()))?;
    let text = before
        .fields
        .actions
        .get(action)
        .filter(|a| a.task.is_none())
        .map(|a| a.text.clone())
        .ok_or_else(|| RiskProblem::Unknown(format!("{} #{}", risk.key(), action + 1)))?;
    let project = before.fields.project.ok_or(RiskProblem::NoProject)?;
    super::queries::load_project(tx, project)?;
    let task_edit = task_edits::add_task(
        tx,
        project,
        None,
        crate::model::TaskFields {
            name: text,
            ..crate::model::TaskFields::default()
        },
    )?;
    let id = super::requirement_edits::inserted_task(&task_edit).ok_or(RiskProblem::NoProject)?;
    let mut after = before.clone();
    after.fields.actions[action].task = Some(id);
    if !after.fields.tasks.contains(&id) {
        after.fields.tasks.push(id);
    }
    Ok(Edit::Batch {
        edits: vec![
            task_edit,
            Edit::PutRisk {
                before: Some(before),
                after: Some(after),
            },
        ],
    })
}
