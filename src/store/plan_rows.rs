//! Plans in SQL: tasks, dependencies and calendars, read and written as whole plans.

use chrono::NaiveDateTime;
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};

use crate::model::plan::{Plan, StoredCalendar};
use crate::model::schedule::{ConstraintKind, LinkKind};
use crate::model::work_calendar::WorkCalendar;
use crate::model::{
    Assignment, BaselineEntry, BuiltinCalendar, CalendarId, Dependency, DependencyId, ProjectId,
    Resource, ResourceId, Task, TaskFields, TaskId, TimeUnit,
};

const TASK_COLUMNS: &str =
    "id, project_id, parent_id, position, source_uid, name, duration_minutes,
    duration_unit, elapsed, milestone, manual, constraint_kind, constraint_date, deadline,
    percent_complete, actual_start, actual_finish, notes, calendar_id, start, finish, resume,
    splits, fixed_duration, estimate";

const STORED_TIME: &str = "%Y-%m-%dT%H:%M:%S";

fn time_text(t: Option<NaiveDateTime>) -> Option<String> {
    use chrono::{Datelike, Timelike};
    // Written by hand: a reschedule writes thousands of these, and strftime is slow.
    t.map(|t| {
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
            t.year(),
            t.month(),
            t.day(),
            t.hour(),
            t.minute(),
            t.second()
        )
    })
}

/// `YYYY-MM-DDTHH:MM:SS` read digit by digit (loading a plan reads thousands).
fn fast_time(s: &str) -> Option<NaiveDateTime> {
    let b = s.as_bytes();
    if b.len() != 19
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<u32> {
        b[from..to].iter().try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    let date = chrono::NaiveDate::from_ymd_opt(num(0, 4)? as i32, num(5, 7)?, num(8, 10)?)?;
    date.and_hms_opt(num(11, 13)?, num(14, 16)?, num(17, 19)?)
}

fn time_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDateTime>> {
    let text: Option<String> = r.get(i)?;
    text.map(|s| {
        fast_time(&s).map_or_else(
            || {
                NaiveDateTime::parse_from_str(&s, STORED_TIME).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        i,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })
            },
            Ok,
        )
    })
    .transpose()
}

fn task_from_row(r: &Row<'_>) -> rusqlite::Result<Task> {
    let unit: String = r.get(7)?;
    let constraint: String = r.get(11)?;
    Ok(Task {
        id: TaskId(r.get(0)?),
        project: ProjectId(r.get(1)?),
        fields: TaskFields {
            parent: r.get::<_, Option<i64>>(2)?.map(TaskId),
            position: r.get(3)?,
            source_uid: r.get(4)?,
            name: r.get(5)?,
            duration_minutes: r.get(6)?,
            duration_unit: TimeUnit::from_code(&unit),
            elapsed: r.get(8)?,
            milestone: r.get(9)?,
            manual: r.get(10)?,
            constraint: ConstraintKind::from_code(&constraint),
            constraint_date: time_at(r, 12)?,
            deadline: time_at(r, 13)?,
            percent_complete: r.get::<_, i64>(14)?.clamp(0, 100) as u8,
            actual_start: time_at(r, 15)?,
            actual_finish: time_at(r, 16)?,
            notes: r.get(17)?,
            calendar: r.get::<_, Option<i64>>(18)?.map(CalendarId),
            start: time_at(r, 19)?,
            finish: time_at(r, 20)?,
            resume: time_at(r, 21)?,
            splits: splits_at(r, 22)?,
            fixed_duration: r.get(23)?,
            estimate: estimate_at(r, 24)?,
        },
    })
}

fn splits_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Vec<crate::model::task::Split>> {
    let text: String = r.get(i)?;
    if text.is_empty() || text == "[]" {
        return Ok(Vec::new());
    }
    serde_json::from_str(&text).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn estimate_at(
    r: &Row<'_>,
    i: usize,
) -> rusqlite::Result<Option<crate::model::estimate::Estimate>> {
    let Some(text) = r.get::<_, Option<String>>(i)? else {
        return Ok(None);
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn splits_text(splits: &[crate::model::task::Split]) -> String {
    if splits.is_empty() {
        return "[]".to_owned();
    }
    serde_json::to_string(splits).unwrap_or_else(|_| "[]".to_owned())
}

fn dependency_from_row(r: &Row<'_>) -> rusqlite::Result<Dependency> {
    let kind: String = r.get(4)?;
    let unit: String = r.get(6)?;
    Ok(Dependency {
        id: DependencyId(r.get(0)?),
        project: ProjectId(r.get(1)?),
        predecessor: TaskId(r.get(2)?),
        successor: TaskId(r.get(3)?),
        kind: LinkKind::from_code(&kind).unwrap_or(LinkKind::FinishToStart),
        lag: r.get(5)?,
        lag_unit: TimeUnit::from_code(&unit),
        lag_elapsed: r.get(7)?,
    })
}

fn definition_from_json(i: usize, json: &str) -> rusqlite::Result<WorkCalendar> {
    serde_json::from_str(json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// The tasks of a project in outline order.
pub(super) fn tasks(conn: &Connection, project: ProjectId) -> rusqlite::Result<Vec<Task>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {TASK_COLUMNS} FROM tasks WHERE project_id = ?1 ORDER BY position, id"
    ))?;
    let rows = stmt.query_map([project.0], task_from_row)?;
    rows.collect()
}

/// The dependencies of a project.
pub(super) fn dependencies(
    conn: &Connection,
    project: ProjectId,
) -> rusqlite::Result<Vec<Dependency>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, project_id, predecessor_id, successor_id, kind, lag, lag_unit, lag_elapsed
         FROM dependencies WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([project.0], dependency_from_row)?;
    rows.collect()
}

/// The whole plan of a project, with the calendars that came with it.
pub(super) fn plan(conn: &Connection, project: ProjectId) -> rusqlite::Result<Plan> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, definition FROM calendars WHERE owner_project_id = ?1 ORDER BY id",
    )?;
    let calendars = stmt
        .query_map([project.0], |r| {
            let json: String = r.get(2)?;
            Ok(StoredCalendar {
                id: CalendarId(r.get(0)?),
                name: r.get(1)?,
                definition: definition_from_json(2, &json)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Plan {
        calendars,
        tasks: tasks(conn, project)?,
        dependencies: dependencies(conn, project)?,
        resources: resources(conn, project)?,
        assignments: assignments(conn, project)?,
        baselines: baselines(conn, project)?,
    })
}

/// The working time of a calendar: a built-in preset or the stored definition.
pub(super) fn work_calendar(
    conn: &Connection,
    id: CalendarId,
) -> rusqlite::Result<Option<WorkCalendar>> {
    let row: Option<(Option<String>, Option<String>)> = conn
        .query_row(
            "SELECT builtin, definition FROM calendars WHERE id = ?1",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((builtin, definition)) = row else {
        return Ok(None);
    };
    if let Some(json) = definition {
        return definition_from_json(1, &json).map(Some);
    }
    Ok(Some(WorkCalendar::builtin(
        builtin
            .as_deref()
            .and_then(BuiltinCalendar::from_key)
            .unwrap_or(BuiltinCalendar::Standard),
    )))
}

/// The working time of every calendar the plan's tasks and resources name.
pub(super) fn calendar_table(
    conn: &Connection,
    plan: &Plan,
) -> rusqlite::Result<crate::model::plan::CalendarTable> {
    let mut table = crate::model::plan::CalendarTable::new();
    let named = plan
        .tasks
        .iter()
        .filter_map(|t| t.fields.calendar)
        .chain(plan.resources.iter().filter_map(|r| r.calendar));
    for id in named {
        if !table.contains_key(&id)
            && let Some(cal) = work_calendar(conn, id)?
        {
            table.insert(id, cal);
        }
    }
    Ok(table)
}

/// Writes a plan whose rows already carry their ids.
pub(super) fn insert(conn: &Connection, project: ProjectId, plan: &Plan) -> rusqlite::Result<()> {
    for c in &plan.calendars {
        let json = serde_json::to_string(&c.definition)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute(
            "INSERT INTO calendars (id, name, builtin, definition, owner_project_id) VALUES (?1, ?2, NULL, ?3, ?4)",
            (c.id.0, &c.name, json, project.0),
        )?;
    }
    insert_resources(conn, &plan.resources)?;
    insert_tasks(conn, &plan.tasks)?;
    insert_dependencies(conn, &plan.dependencies)?;
    insert_assignments(conn, &plan.assignments)?;
    insert_baselines(conn, project, &plan.baselines)
}

/// Writes tasks that already carry their ids, parents first.
pub(super) fn insert_tasks(conn: &Connection, tasks: &[Task]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(&format!(
        "INSERT INTO tasks ({TASK_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
         ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"
    ))?;
    for t in tasks {
        let values = [Value::Integer(t.id.0), Value::Integer(t.project.0)]
            .into_iter()
            .chain(field_values(&t.fields));
        stmt.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(())
}

/// Writes dependencies that already carry their ids.
pub(super) fn insert_dependencies(
    conn: &Connection,
    dependencies: &[Dependency],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO dependencies (id, project_id, predecessor_id, successor_id, kind, lag, lag_unit, lag_elapsed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for d in dependencies {
        stmt.execute(rusqlite::params![
            d.id.0,
            d.project.0,
            d.predecessor.0,
            d.successor.0,
            d.kind.code(),
            d.lag,
            d.lag_unit.code(),
            d.lag_elapsed,
        ])?;
    }
    Ok(())
}

/// Removes tasks and dependencies by id; returns how many rows went.
pub(super) fn delete_rows(
    conn: &Connection,
    tasks: &[Task],
    dependencies: &[Dependency],
) -> rusqlite::Result<usize> {
    let mut n = 0;
    let mut stmt = conn.prepare_cached("DELETE FROM dependencies WHERE id = ?1")?;
    for d in dependencies {
        n += stmt.execute([d.id.0])?;
    }
    let mut stmt = conn.prepare_cached("DELETE FROM tasks WHERE id = ?1")?;
    for t in tasks {
        n += stmt.execute([t.id.0])?;
    }
    Ok(n)
}

/// Rewrites a task's fields.
pub(super) fn update_task(
    conn: &Connection,
    id: TaskId,
    f: &TaskFields,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "UPDATE tasks SET parent_id = ?2, position = ?3, source_uid = ?4, name = ?5,
         duration_minutes = ?6, duration_unit = ?7, elapsed = ?8, milestone = ?9, manual = ?10,
         constraint_kind = ?11, constraint_date = ?12, deadline = ?13, percent_complete = ?14,
         actual_start = ?15, actual_finish = ?16, notes = ?17, calendar_id = ?18, start = ?19,
         finish = ?20, resume = ?21, splits = ?22, fixed_duration = ?23,
         estimate = ?24 WHERE id = ?1",
    )?
    .execute(rusqlite::params_from_iter(
        std::iter::once(Value::Integer(id.0)).chain(field_values(f)),
    ))
}

/// A task's fields as SQL values, in the column order after `id, project_id`.
fn field_values(f: &TaskFields) -> [Value; 23] {
    let int = |v: Option<i64>| v.map_or(Value::Null, Value::Integer);
    let text = |v: Option<String>| v.map_or(Value::Null, Value::Text);
    [
        int(f.parent.map(|p| p.0)),
        Value::Integer(f.position),
        int(f.source_uid),
        Value::Text(f.name.clone()),
        Value::Integer(f.duration_minutes),
        Value::Text(f.duration_unit.code().to_owned()),
        Value::Integer(i64::from(f.elapsed)),
        Value::Integer(i64::from(f.milestone)),
        Value::Integer(i64::from(f.manual)),
        Value::Text(f.constraint.code().to_owned()),
        text(time_text(f.constraint_date)),
        text(time_text(f.deadline)),
        Value::Integer(i64::from(f.percent_complete)),
        text(time_text(f.actual_start)),
        text(time_text(f.actual_finish)),
        Value::Text(f.notes.clone()),
        int(f.calendar.map(|c| c.0)),
        text(time_text(f.start)),
        text(time_text(f.finish)),
        text(time_text(f.resume)),
        Value::Text(splits_text(&f.splits)),
        Value::Integer(i64::from(f.fixed_duration)),
        f.estimate
            .and_then(|e| serde_json::to_string(&e).ok())
            .map_or(Value::Null, Value::Text),
    ]
}

/// One task by id.
pub(super) fn task(conn: &Connection, id: TaskId) -> rusqlite::Result<Option<Task>> {
    conn.query_row(
        &format!("SELECT {TASK_COLUMNS} FROM tasks WHERE id = ?1"),
        [id.0],
        task_from_row,
    )
    .optional()
}

/// Removes a project's plan rows (dependencies, tasks, its own calendars).
pub(super) fn delete(conn: &Connection, project: ProjectId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM baselines WHERE project_id = ?1", [project.0])?;
    conn.execute("DELETE FROM assignments WHERE project_id = ?1", [project.0])?;
    conn.execute("DELETE FROM resources WHERE project_id = ?1", [project.0])?;
    conn.execute(
        "DELETE FROM dependencies WHERE project_id = ?1",
        [project.0],
    )?;
    conn.execute("DELETE FROM tasks WHERE project_id = ?1", [project.0])?;
    conn.execute(
        "DELETE FROM calendars WHERE owner_project_id = ?1",
        [project.0],
    )?;
    Ok(())
}

/// Sets one task's stored dates.
pub(super) fn set_dates(
    conn: &Connection,
    task: TaskId,
    (start, finish): (Option<NaiveDateTime>, Option<NaiveDateTime>),
) -> rusqlite::Result<usize> {
    conn.prepare_cached("UPDATE tasks SET start = ?2, finish = ?3 WHERE id = ?1")?
        .execute((task.0, time_text(start), time_text(finish)))
}

/// The id the next row of an AUTOINCREMENT table will get; ids are never reused.
pub(super) fn next_id(conn: &Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        &format!(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                    COALESCE((SELECT MAX(id) FROM {table}), 0)) + 1"
        ),
        [],
        |r| r.get(0),
    )
}

/// The resources of a project.
pub(super) fn resources(conn: &Connection, project: ProjectId) -> rusqlite::Result<Vec<Resource>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, project_id, name, max_units, calendar_id, source_uid FROM resources
         WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([project.0], |r| {
        Ok(Resource {
            id: ResourceId(r.get(0)?),
            project: ProjectId(r.get(1)?),
            name: r.get(2)?,
            max_units: r.get(3)?,
            calendar: r.get::<_, Option<i64>>(4)?.map(CalendarId),
            source_uid: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// The assignments of a project.
pub(super) fn assignments(
    conn: &Connection,
    project: ProjectId,
) -> rusqlite::Result<Vec<Assignment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, project_id, task_id, resource_id, units, work_minutes FROM assignments WHERE project_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([project.0], |r| {
        Ok(Assignment {
            id: r.get(0)?,
            project: ProjectId(r.get(1)?),
            task: TaskId(r.get(2)?),
            resource: ResourceId(r.get(3)?),
            units: r.get(4)?,
            work_minutes: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// The saved baselines of a project.
pub(super) fn baselines(
    conn: &Connection,
    project: ProjectId,
) -> rusqlite::Result<Vec<BaselineEntry>> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, task_id, start, finish, duration_minutes FROM baselines
         WHERE project_id = ?1 ORDER BY number, task_id",
    )?;
    let rows = stmt.query_map([project.0], |r| {
        Ok(BaselineEntry {
            number: r.get(0)?,
            task: TaskId(r.get(1)?),
            start: time_at(r, 2)?,
            finish: time_at(r, 3)?,
            duration_minutes: r.get(4)?,
        })
    })?;
    rows.collect()
}

/// Writes resources that already carry their ids.
/// Writes a resource's name, capacity and calendar.
pub(super) fn update_resource(conn: &Connection, r: &Resource) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE resources SET name = ?2, max_units = ?3, calendar_id = ?4 WHERE id = ?1",
        rusqlite::params![r.id.0, r.name, r.max_units, r.calendar.map(|c| c.0)],
    )?;
    Ok(())
}

pub(super) fn insert_resources(conn: &Connection, resources: &[Resource]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO resources (id, project_id, name, max_units, calendar_id, source_uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for r in resources {
        stmt.execute(rusqlite::params![
            r.id.0,
            r.project.0,
            r.name,
            r.max_units,
            r.calendar.map(|c| c.0),
            r.source_uid
        ])?;
    }
    Ok(())
}

/// Writes assignments that already carry their ids.
pub(super) fn insert_assignments(
    conn: &Connection,
    assignments: &[Assignment],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO assignments (id, project_id, task_id, resource_id, units, work_minutes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for a in assignments {
        stmt.execute(rusqlite::params![
            a.id,
            a.project.0,
            a.task.0,
            a.resource.0,
            a.units,
            a.work_minutes
        ])?;
    }
    Ok(())
}

/// Writes baseline values of a project.
pub(super) fn insert_baselines(
    conn: &Connection,
    project: ProjectId,
    baselines: &[BaselineEntry],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "INSERT INTO baselines (project_id, number, task_id, start, finish, duration_minutes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for b in baselines {
        stmt.execute(rusqlite::params![
            project.0,
            b.number,
            b.task.0,
            time_text(b.start),
            time_text(b.finish),
            b.duration_minutes
        ])?;
    }
    Ok(())
}

/// Removes assignments by id and baseline values by (number, task).
pub(super) fn delete_assignments_and_baselines(
    conn: &Connection,
    assignments: &[Assignment],
    baselines: &[BaselineEntry],
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached("DELETE FROM assignments WHERE id = ?1")?;
    for a in assignments {
        stmt.execute([a.id])?;
    }
    let mut stmt =
        conn.prepare_cached("DELETE FROM baselines WHERE number = ?1 AND task_id = ?2")?;
    for b in baselines {
        stmt.execute((b.number, b.task.0))?;
    }
    Ok(())
}

/// Removes resources by id.
pub(super) fn delete_resources(conn: &Connection, resources: &[Resource]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached("DELETE FROM resources WHERE id = ?1")?;
    for r in resources {
        stmt.execute([r.id.0])?;
    }
    Ok(())
}

/// The first free id of every table a plan writes.
pub(super) fn first_ids(conn: &Connection) -> rusqlite::Result<crate::model::plan::FirstIds> {
    Ok(crate::model::plan::FirstIds {
        calendar: next_id(conn, "calendars")?,
        task: next_id(conn, "tasks")?,
        dependency: next_id(conn, "dependencies")?,
        resource: next_id(conn, "resources")?,
        assignment: next_id(conn, "assignments")?,
    })
}

/// A calendar's stored definition: `Some(None)` for a built-in still on its preset,
/// `None` when there is no such calendar.
pub(super) fn calendar_definition(
    conn: &Connection,
    id: CalendarId,
) -> rusqlite::Result<Option<Option<WorkCalendar>>> {
    let row: Option<Option<String>> = conn
        .query_row(
            "SELECT definition FROM calendars WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()?;
    row.map(|json| json.map(|j| definition_from_json(0, &j)).transpose())
        .transpose()
}

/// Stores a calendar's working time (`None`: back to the built-in preset).
pub(super) fn set_calendar_definition(
    conn: &Connection,
    id: CalendarId,
    definition: Option<&WorkCalendar>,
) -> rusqlite::Result<()> {
    let json = definition
        .map(|d| {
            serde_json::to_string(d)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
        })
        .transpose()?;
    conn.execute(
        "UPDATE calendars SET definition = ?2 WHERE id = ?1",
        (id.0, json),
    )?;
    Ok(())
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn stored_times_read_back_and_bad_ones_are_refused() {
        let t = chrono::NaiveDate::from_ymd_opt(2027, 1, 29)
            .and_then(|d| d.and_hms_opt(17, 5, 9))
            .unwrap_or_default();
        let text = time_text(Some(t)).unwrap_or_default();
        assert_eq!(text, "2027-01-29T17:05:09");
        assert_eq!(fast_time(&text), Some(t));
        for bad in [
            "2027-02-30T08:00:00",
            "2027-01-29 17:05:09",
            "2027-01-29T17:05",
            "２027-01-29T17:05:09",
        ] {
            assert_eq!(fast_time(bad), None, "{bad}");
        }
    }
}
