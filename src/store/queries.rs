//! Read-only queries the views and the CLI are built from.

use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, Transaction};

use super::error::{SqliteContext, StoreError, StoreResult, sql};
use super::{Workspace, schema};
use crate::model::plan::{Plan, PlanError, PlanToSchedule};
use crate::model::{
    BuiltinCalendar, Calendar, CalendarId, Edit, Project, ProjectFields, ProjectId,
};
use crate::model::{ProjectProblem, Task};

/// How many of one kind of thing the workspace holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCount {
    /// Stable name used in `info --json`.
    pub entity: &'static str,
    pub count: u64,
}

/// One entry of the edit history, newest first.
#[derive(Clone, Debug, PartialEq)]
pub struct RecentEdit {
    pub seq: i64,
    pub applied_at: String,
    pub edit: Edit,
    pub undone: bool,
    /// Who made it (empty for edits made before authors were kept).
    pub author: String,
}

/// Tables counted by [`Workspace::counts`], with the name each count is reported under.
/// What the Overview and `info` count: (entity, table).
pub const COUNTED: &[(&str, &str)] = &[
    ("projects", "projects"),
    ("calendars", "calendars"),
    ("tasks", "tasks"),
    ("dependencies", "dependencies"),
    ("resources", "resources"),
    ("assignments", "assignments"),
    ("surveys", "surveys WHERE hidden = 0"),
    ("notes", "research_notes"),
    ("feedback", "feedback"),
    ("requirements", "requirements"),
    ("releases", "releases"),
    ("reports", "report_snapshots"),
    ("risks", "risks"),
    ("issues", "issues"),
    ("decisions", "decisions"),
    ("change_requests", "change_requests"),
    ("test_cases", "test_cases"),
    ("test_runs", "test_runs"),
    ("defects", "defects"),
    ("edits", "edit_log"),
];

pub(super) fn project_from_row(r: &Row<'_>) -> rusqlite::Result<Project> {
    let start: String = r.get(2)?;
    let start_date = NaiveDate::parse_from_str(&start, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(Project {
        id: ProjectId(r.get(0)?),
        fields: ProjectFields {
            name: r.get(1)?,
            start_date,
            calendar: CalendarId(r.get(3)?),
            description: r.get(4)?,
            critical_slack_minutes: r.get(6)?,
            start_time: r
                .get::<_, Option<String>>(7)?
                .and_then(|t| chrono::NaiveTime::parse_from_str(&t, "%H:%M").ok()),
            status_date: r
                .get::<_, Option<String>>(8)?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        },
        created_at: r.get(5)?,
    })
}

impl Workspace {
    /// The schema version of the open file.
    pub fn schema_version(&self) -> StoreResult<u32> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .at(&self.path)
    }

    /// The surveys in the workspace, in the order they came in.
    pub fn surveys(&self) -> StoreResult<Vec<super::survey_rows::SurveySummary>> {
        super::survey_rows::list(&self.conn).at(&self.path)
    }

    /// A whole survey, if it exists (and is not deleted).
    pub fn survey(
        &self,
        id: crate::model::survey::SurveyId,
    ) -> StoreResult<Option<crate::model::survey::Survey>> {
        super::survey_rows::load(&self.conn, id).at(&self.path)
    }

    /// Research notes, newest first.
    pub fn notes(&self) -> StoreResult<Vec<crate::model::research::ResearchNote>> {
        super::research_rows::notes(&self.conn).at(&self.path)
    }

    /// Feedback items with their links to requirements, newest first.
    pub fn feedback(&self) -> StoreResult<Vec<crate::model::research::Feedback>> {
        super::research_rows::feedback(&self.conn).at(&self.path)
    }

    /// The name and project of each of these tasks that exists.
    pub fn task_names(
        &self,
        ids: &[crate::model::TaskId],
    ) -> StoreResult<std::collections::HashMap<crate::model::TaskId, (String, ProjectId)>> {
        let mut out = std::collections::HashMap::new();
        for &id in ids {
            if let Some(t) = super::plan_rows::task(&self.conn, id).at(&self.path)? {
                out.insert(id, (t.fields.name, t.project));
            }
        }
        Ok(out)
    }

    /// The risk register, by id.
    /// Test suites, cases, runs and defects, each by number.
    pub fn quality(&self) -> StoreResult<crate::model::quality::QualityData> {
        super::quality_rows::all(&self.conn).at(&self.path)
    }

    /// The entries of a PM log, by number.
    pub fn log_entries(
        &self,
        kind: crate::model::logs::LogKind,
    ) -> StoreResult<Vec<crate::model::logs::LogEntry>> {
        super::log_rows::entries(&self.conn, kind).at(&self.path)
    }

    pub fn risks(&self) -> StoreResult<Vec<crate::model::risk::Risk>> {
        super::risk_rows::risks(&self.conn).at(&self.path)
    }

    /// Where the register's score bands start.
    /// A project's groups of correlated tasks for the simulation.
    pub fn correlations(
        &self,
        project: ProjectId,
    ) -> StoreResult<Vec<crate::model::simulation::Correlation>> {
        let key = crate::model::simulation::Correlation::setting_key(project);
        let value = super::report_rows::setting(&self.conn, &key).at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// The workspace's own risk categories.
    pub fn risk_categories(&self) -> StoreResult<Vec<String>> {
        let value = super::report_rows::setting(&self.conn, crate::model::risk::CATEGORIES_KEY)
            .at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// The release readiness gate's rules: the workspace's own, else the defaults.
    pub fn gate_rules(&self) -> StoreResult<Vec<crate::model::quality::ReadinessRule>> {
        let value = super::report_rows::setting(&self.conn, crate::model::quality::GATE_KEY)
            .at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_else(crate::model::quality::ReadinessRule::defaults))
    }

    pub fn risk_bands(&self) -> StoreResult<crate::model::risk::Bands> {
        let value =
            super::report_rows::setting(&self.conn, crate::model::risk::BANDS_KEY).at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// Every published report, oldest period first.
    pub fn report_snapshots(&self) -> StoreResult<Vec<crate::model::report::ReportSnapshot>> {
        super::report_rows::snapshots(&self.conn).at(&self.path)
    }

    /// What the PM typed for a report (empty if nothing yet).
    pub fn report_draft(
        &self,
        key: &crate::model::report::ReportKey,
    ) -> StoreResult<crate::model::report::ReportDraft> {
        let value = super::report_rows::setting(&self.conn, &key.setting_key()).at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// The language reports and exports are written in, when the workspace sets one
    /// (`zh-CN`, `en`).
    pub fn report_language_code(&self) -> StoreResult<Option<String>> {
        super::report_rows::setting(&self.conn, crate::model::report::LANGUAGE_KEY).at(&self.path)
    }

    /// A report kind's template (the defaults if none was saved).
    pub fn report_template(&self, kind: &str) -> StoreResult<crate::model::report::ReportTemplate> {
        let key = crate::model::report::template_key(kind);
        let value = super::report_rows::setting(&self.conn, &key).at(&self.path)?;
        Ok(value
            .and_then(|v| serde_json::from_str(&v).ok())
            .unwrap_or_default())
    }

    /// The requirement pool's workflow and custom fields.
    pub fn pool_settings(&self) -> StoreResult<crate::model::pool_settings::PoolSettings> {
        super::requirement_rows::pool_settings(&self.conn).at(&self.path)
    }

    /// Releases by target date.
    pub fn releases(&self) -> StoreResult<Vec<crate::model::requirement::Release>> {
        super::requirement_rows::releases(&self.conn).at(&self.path)
    }

    /// Requirements in key order.
    pub fn requirements(&self) -> StoreResult<Vec<crate::model::research::Requirement>> {
        super::requirement_rows::requirements(&self.conn).at(&self.path)
    }

    /// The schema version this build writes.
    pub fn latest_schema_version() -> u32 {
        schema::LATEST_VERSION
    }

    /// Some of the workspace's own words (project names and descriptions, the first task
    /// names and requirement titles, survey names): enough to tell what language it is
    /// written in.
    pub fn text_sample(&self) -> StoreResult<String> {
        self.conn
            .query_row(
                "SELECT coalesce(group_concat(t, ' '), '') FROM (
                    SELECT name || ' ' || description AS t FROM projects
                    UNION ALL SELECT * FROM (SELECT name FROM tasks LIMIT 200)
                    UNION ALL SELECT * FROM (SELECT title FROM requirements LIMIT 200)
                    UNION ALL SELECT * FROM (SELECT name FROM surveys LIMIT 20))",
                [],
                |r| r.get(0),
            )
            .at(&self.path)
    }

    /// All projects, in the order they were created.
    pub fn projects(&self) -> StoreResult<Vec<Project>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, name, start_date, calendar_id, description, created_at,
                critical_slack_minutes, start_time, status_date
                 FROM projects ORDER BY id",
            )
            .at(&self.path)?;
        let rows = stmt.query_map([], project_from_row).at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }

    /// A project's plan: tasks in outline order, dependencies, its own calendars.
    pub fn plan(&self, project: ProjectId) -> StoreResult<crate::model::plan::Plan> {
        // The plan kept in step with our edits is the stored one, without reading it.
        if let Some(kept) = &self.plan_cache
            && kept.project == project
        {
            return Ok(kept.plan.clone());
        }
        super::plan_rows::plan(&self.conn, project).at(&self.path)
    }

    /// The working time of a calendar (built-in preset or stored definition).
    pub fn work_calendar(
        &self,
        id: CalendarId,
    ) -> StoreResult<Option<crate::model::work_calendar::WorkCalendar>> {
        super::plan_rows::work_calendar(&self.conn, id).at(&self.path)
    }

    /// Computes the schedule of a project without changing anything.
    pub fn compute_schedule(
        &self,
        project: &Project,
    ) -> StoreResult<Vec<crate::model::plan::TaskSchedule>> {
        // Right after a reschedule the kept schedule is the plan's (checked in debug
        // builds, so in every test).
        if let Some(kept) = &self.plan_cache
            && kept.project == project.id
            && kept.current
            && let Some(memo) = &kept.memo
        {
            let schedule = memo.schedule().to_vec();
            debug_assert_eq!(
                schedule,
                self.schedule_afresh(project)?,
                "the kept schedule is not the plan's"
            );
            return Ok(schedule);
        }
        self.schedule_afresh(project)
    }

    /// A project's plan with the calendars it is scheduled on.
    pub fn plan_inputs(&self, project: &Project) -> StoreResult<crate::model::plan::PlanInputs> {
        let plan = self.plan(project.id)?;
        let calendar = self
            .work_calendar(project.fields.calendar)?
            .ok_or(crate::model::ProjectProblem::UnknownCalendar)?;
        let calendars = super::plan_rows::calendar_table(&self.conn, &plan).at(&self.path)?;
        Ok(crate::model::plan::PlanInputs {
            plan,
            calendar,
            calendars,
        })
    }

    /// A scheduling failure in the store's terms (cycles name their tasks).
    pub fn plan_failure(e: PlanError, tasks: &[Task]) -> StoreError {
        plan_error(e, tasks)
    }

    /// The schedule computed from the stored plan, nothing reused.
    fn schedule_afresh(
        &self,
        project: &Project,
    ) -> StoreResult<Vec<crate::model::plan::TaskSchedule>> {
        let inputs = self.plan_inputs(project)?;
        inputs
            .to_schedule(project)
            .schedule()
            .map_err(|e| plan_error(e, &inputs.plan.tasks))
    }

    /// `wanted`, or `wanted (2)`, `wanted (3)` … whichever no project has yet.
    pub fn free_project_name(&self, wanted: &str) -> StoreResult<String> {
        let taken: std::collections::HashSet<String> = self
            .projects()?
            .into_iter()
            .map(|p| p.fields.name)
            .collect();
        let wanted = wanted.trim();
        let wanted = if wanted.is_empty() { "项目" } else { wanted };
        Ok(std::iter::once(wanted.to_owned())
            .chain((2..).map(|n| format!("{wanted} ({n})")))
            .find(|n| !taken.contains(n))
            .unwrap_or_else(|| wanted.to_owned()))
    }

    /// All calendars a project can use.
    pub fn calendars(&self) -> StoreResult<Vec<Calendar>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name, builtin FROM calendars ORDER BY id")
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                let builtin: Option<String> = r.get(2)?;
                Ok(Calendar {
                    id: CalendarId(r.get(0)?),
                    name: r.get(1)?,
                    builtin: builtin.as_deref().and_then(BuiltinCalendar::from_key),
                })
            })
            .at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }

    /// How many of each kind of thing the workspace holds, in a stable order.
    pub fn counts(&self) -> StoreResult<Vec<EntityCount>> {
        COUNTED
            .iter()
            .map(|(entity, table)| {
                let count: i64 = self
                    .conn
                    .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
                    .at(&self.path)?;
                Ok(EntityCount {
                    entity,
                    count: u64::try_from(count).unwrap_or(0),
                })
            })
            .collect()
    }

    /// The latest `limit` entries of the edit history, newest first.
    pub fn recent_edits(&self, limit: usize) -> StoreResult<Vec<RecentEdit>> {
        self.edit_log(
            "SELECT seq, applied_at, forward, undone, author FROM edit_log ORDER BY seq DESC LIMIT ?1",
            &[&i64::try_from(limit).unwrap_or(i64::MAX)],
        )
    }

    /// The entries of the edit history applied from `from` up to (not including) `to`,
    /// oldest first.
    pub fn edits_between(
        &self,
        from: chrono::NaiveDateTime,
        to: chrono::NaiveDateTime,
    ) -> StoreResult<Vec<RecentEdit>> {
        let at = |t: chrono::NaiveDateTime| t.format("%Y-%m-%dT%H:%M:%S").to_string();
        self.edit_log(
            "SELECT seq, applied_at, forward, undone, author FROM edit_log
             WHERE applied_at >= ?1 AND applied_at < ?2 ORDER BY seq",
            &[&at(from), &at(to)],
        )
    }

    fn edit_log(
        &self,
        query: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> StoreResult<Vec<RecentEdit>> {
        let mut stmt = self.conn.prepare_cached(query).at(&self.path)?;
        let rows = stmt
            .query_map(params, |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, bool>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })
            .at(&self.path)?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, applied_at, forward, undone, author) = row.at(&self.path)?;
            let edit = serde_json::from_str(&forward).map_err(|source| StoreError::CorruptLog {
                path: self.path.clone(),
                seq,
                source,
            })?;
            out.push(RecentEdit {
                seq,
                applied_at,
                edit,
                undone,
                author,
            });
        }
        Ok(out)
    }
}

pub(super) fn load_project(tx: &Transaction<'_>, id: ProjectId) -> StoreResult<Project> {
    tx.query_row(
        "SELECT id, name, start_date, calendar_id, description, created_at,
                critical_slack_minutes, start_time, status_date
         FROM projects WHERE id = ?1",
        [id.0],
        super::queries::project_from_row,
    )
    .optional()
    .map_err(|e| sql(e, tx))?
    .ok_or_else(|| ProjectProblem::UnknownProject.into())
}

/// What scheduling a stored project reads.
pub(super) fn plan_to_schedule<'a>(
    project: &Project,
    calendar: &'a crate::model::work_calendar::WorkCalendar,
    calendars: &'a crate::model::plan::CalendarTable,
    plan: &'a Plan,
) -> PlanToSchedule<'a> {
    PlanToSchedule::for_project(project, calendar, calendars, plan)
}

/// A scheduling failure in the store's terms, with task names for cycles.
pub(super) fn plan_error(e: PlanError, tasks: &[Task]) -> StoreError {
    match e {
        PlanError::Cycle(ids) => StoreError::Cycle(
            ids.iter()
                .filter_map(|id| tasks.iter().find(|t| t.id == *id))
                .map(|t| t.fields.name.clone())
                .collect(),
        ),
        PlanError::NoWorkingTime => StoreError::NoWorkingTime,
        PlanError::OutOfRange => StoreError::InvalidPlan(e.to_string()),
        PlanError::DanglingDependency => {
            StoreError::InvalidPlan("a dependency refers to a missing task".into())
        }
    }
}
