//! The demo workspace: bundled content a first-time user can explore.

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::Deserialize;

use std::collections::HashMap;

use super::error::{StoreError, StoreResult};
use crate::model::plan::{DraftDependency, DraftTask, PlanDraft, schedule_plan};
use crate::model::schedule::LinkKind;
use crate::model::{BuiltinCalendar, TaskFields, TimeUnit};

const DEMO_JSON: &str = include_str!("../../assets/demo/workspace.json");
const DEMO_PLAN_JSON: &str = include_str!("../../assets/demo/plan.json");

#[derive(Deserialize)]
struct DemoContent {
    projects: Vec<DemoProject>,
}

#[derive(Deserialize)]
struct DemoProject {
    name: String,
    start_date: NaiveDate,
    calendar: String,
    description: String,
}

fn content() -> Result<DemoContent, serde_json::Error> {
    serde_json::from_str(DEMO_JSON)
}

/// Fills a fresh workspace with the demo content. Not logged as edits: it is where the
/// history starts, not something to undo.
pub(super) fn seed(tx: &Transaction<'_>) -> StoreResult<()> {
    let content = content().map_err(StoreError::DemoContent)?;
    let sql_err = |source| StoreError::Sqlite {
        path: tx.path().map(Into::into).unwrap_or_default(),
        source,
    };
    let now = super::now_local();
    for p in content.projects {
        let calendar = BuiltinCalendar::from_key(&p.calendar).unwrap_or(BuiltinCalendar::Standard);
        tx.execute(
            "INSERT INTO projects (name, start_date, calendar_id, description, created_at)
             VALUES (?1, ?2, (SELECT id FROM calendars WHERE builtin = ?3), ?4, ?5)",
            (
                &p.name,
                p.start_date.to_string(),
                calendar.key(),
                &p.description,
                &now,
            ),
        )
        .map_err(sql_err)?;
    }
    seed_plan(tx)?;
    // The user survey, shown from the start (not an undoable import).
    // The wave before first, so the newest is the one the Research page shows.
    let previous = super::survey_rows::insert(tx, &super::demo_survey::previous_wave(), &now)
        .map_err(sql_err)?;
    super::survey_rows::set_hidden(tx, previous, false).map_err(sql_err)?;
    let survey = super::demo_survey::survey();
    let id = super::survey_rows::insert(tx, &survey, &now).map_err(sql_err)?;
    super::survey_rows::set_hidden(tx, id, false).map_err(sql_err)?;
    super::demo_research::seed(tx, id, &survey).map_err(sql_err)?;
    Ok(())
}

/// All text of the demo content, so the font subset can be checked to cover it.
pub fn all_text() -> String {
    format!(
        "{DEMO_JSON}{DEMO_PLAN_JSON}{}{}",
        super::demo_survey::all_text(),
        super::demo_research::all_text()
    )
}

/// One predecessor written as `D3`, `K2SS+2`, `T5FF`, `A1-1` (code, link type, lag in days).
fn parse_predecessor(text: &str) -> Option<(String, LinkKind, i64)> {
    let text = text.trim();
    let code_len = text
        .char_indices()
        .find(|(i, c)| {
            *i > 0 && !c.is_ascii_digit() && text[..*i].chars().any(|d| d.is_ascii_digit())
        })
        .map_or(text.len(), |(i, _)| i);
    let (code, rest) = text.split_at(code_len);
    let (kind, lag) = match rest.get(..2).and_then(LinkKind::from_code) {
        Some(k) => (k, &rest[2..]),
        None => (LinkKind::FinishToStart, rest),
    };
    let lag_days: i64 = if lag.is_empty() {
        0
    } else {
        lag.trim_start_matches('+').parse().ok()?
    };
    (!code.is_empty()).then(|| (code.to_owned(), kind, lag_days))
}

/// The demo plan: tasks nested under summaries, linked by their codes.
fn plan_draft() -> Result<(String, PlanDraft), String> {
    let doc: serde_json::Value = serde_json::from_str(DEMO_PLAN_JSON).map_err(|e| e.to_string())?;
    let project = doc["project"].as_str().ok_or("no project name")?.to_owned();
    let mut draft = PlanDraft::default();
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    fn walk(
        items: &[serde_json::Value],
        parent: Option<usize>,
        draft: &mut PlanDraft,
        codes: &mut HashMap<String, usize>,
        pending: &mut Vec<(usize, String)>,
    ) -> Result<(), String> {
        for item in items {
            let code = item[0].as_str().ok_or("a task without a code")?;
            let name = item[1].as_str().ok_or("a task without a name")?;
            let days = item[2].as_i64();
            let index = draft.tasks.len();
            draft.tasks.push(DraftTask {
                fields: TaskFields {
                    name: name.to_owned(),
                    position: index as i64 + 1,
                    duration_minutes: days.unwrap_or(0) * 480,
                    milestone: days == Some(0),
                    ..TaskFields::default()
                },
                parent,
                calendar: None,
            });
            codes.insert(code.to_owned(), index);
            pending.push((index, item[3].as_str().unwrap_or("").to_owned()));
            if let Some(children) = item.get(4).and_then(|c| c.as_array()) {
                walk(children, Some(index), draft, codes, pending)?;
            }
        }
        Ok(())
    }
    walk(
        doc["tasks"].as_array().ok_or("no tasks")?,
        None,
        &mut draft,
        &mut codes,
        &mut pending,
    )?;
    // Deadlines by code, as local date-times.
    if let Some(deadlines) = doc["deadlines"].as_object() {
        for (code, at) in deadlines {
            let index = *codes.get(code).ok_or("a deadline for an unknown code")?;
            let at = at
                .as_str()
                .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
                .ok_or("a deadline that is not a date-time")?;
            draft.tasks[index].fields.deadline = Some(at);
        }
    }
    // People, and who does which task: the longest code prefix in "assign" wins.
    let people: Vec<String> = doc["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p[0].as_str().map(str::to_owned))
        .collect();
    for name in &people {
        draft.resources.push(crate::model::plan::DraftResource {
            name: name.clone(),
            max_units: 100,
            calendar: None,
            source_uid: None,
        });
    }
    let assign = doc["assign"].as_object().cloned().unwrap_or_default();
    for (code, &index) in &codes {
        let t = &draft.tasks[index].fields;
        if t.milestone || t.duration_minutes == 0 {
            continue;
        }
        let person = assign
            .iter()
            .filter(|(prefix, _)| code.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .and_then(|(_, who)| who.as_str());
        if let Some(who) = person {
            let resource = people
                .iter()
                .position(|p| p == who)
                .ok_or_else(|| format!("unknown person {who}"))?;
            draft.assignments.push(crate::model::plan::DraftAssignment {
                task: index,
                resource,
                units: 100,
                work_minutes: None,
            });
        }
    }
    for (successor, preds) in pending {
        for p in preds.split(',').filter(|p| !p.trim().is_empty()) {
            let (code, kind, lag_days) =
                parse_predecessor(p).ok_or_else(|| format!("bad predecessor {p:?}"))?;
            let predecessor = *codes
                .get(&code)
                .ok_or_else(|| format!("unknown task code {code}"))?;
            draft.dependencies.push(DraftDependency {
                predecessor,
                successor,
                kind,
                lag: lag_days * 480,
                lag_unit: TimeUnit::Days,
                lag_elapsed: false,
            });
        }
    }
    Ok((project, draft))
}

/// Adds the demo plan to its project, with its dates already scheduled.
fn seed_plan(tx: &Transaction<'_>) -> StoreResult<()> {
    let (project_name, draft) =
        plan_draft().map_err(|e| StoreError::InvalidPlan(format!("demo plan: {e}")))?;
    let sql_err = |source| StoreError::Sqlite {
        path: tx.path().map(Into::into).unwrap_or_default(),
        source,
    };
    let (id, start): (i64, String) = tx
        .query_row(
            "SELECT id, start_date FROM projects WHERE name = ?1",
            [&project_name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(sql_err)?;
    let start = NaiveDate::parse_from_str(&start, "%Y-%m-%d")
        .map_err(|e| StoreError::InvalidPlan(format!("demo plan: {e}")))?;
    let project = crate::model::ProjectId(id);
    let mut plan = draft
        .with_ids(project, super::plan_rows::first_ids(tx).map_err(sql_err)?)
        .map_err(StoreError::InvalidPlan)?;
    let calendar_id: i64 = tx
        .query_row(
            "SELECT calendar_id FROM projects WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .map_err(sql_err)?;
    let calendar = super::plan_rows::work_calendar(tx, crate::model::CalendarId(calendar_id))
        .map_err(sql_err)?
        .unwrap_or_else(crate::model::work_calendar::WorkCalendar::standard);
    let schedule = schedule_plan(start, &calendar, &plan.tasks, &plan.dependencies, 0)
        .map_err(|e| StoreError::InvalidPlan(format!("demo plan: {e}")))?;
    for (task, s) in plan.tasks.iter_mut().zip(&schedule) {
        if task.id == s.task {
            task.fields.start = Some(s.early_start);
            task.fields.finish = Some(s.early_finish);
        }
    }
    // The plan as first approved is baseline 0, to compare against later.
    plan.baselines = plan
        .tasks
        .iter()
        .map(|t| crate::model::BaselineEntry {
            number: 0,
            task: t.id,
            start: t.fields.start,
            finish: t.fields.finish,
            duration_minutes: t.fields.duration_minutes,
        })
        .collect();
    super::plan_rows::insert(tx, project, &plan).map_err(sql_err)
}

#[cfg(test)]
mod tests {
    use crate::model::schedule::LinkKind;
    #[test]
    fn the_demo_plan_is_a_real_plan() {
        let (project, draft) = super::plan_draft().expect("demo plan parses");
        assert_eq!(project, "智能客服 App 2.0");
        assert!(draft.tasks.len() >= 60, "{}", draft.tasks.len());
        for phase in ["调研", "需求", "设计", "开发", "测试", "发布"] {
            assert!(
                draft
                    .tasks
                    .iter()
                    .any(|t| t.fields.name == phase && t.parent.is_none()),
                "{phase}"
            );
        }
        assert!(draft.tasks.iter().filter(|t| t.fields.milestone).count() >= 6);
        assert!(draft.dependencies.len() >= 60);
        assert!(
            draft
                .dependencies
                .iter()
                .any(|d| d.kind == LinkKind::StartToStart && d.lag > 0)
        );
        assert_eq!(draft.resources.len(), 8);
        let work = draft
            .tasks
            .iter()
            .filter(|t| t.fields.duration_minutes > 0 && !t.fields.milestone)
            .count();
        assert_eq!(draft.assignments.len(), work, "every work task has someone");
    }

    #[test]
    fn predecessors_in_short_form() {
        use super::parse_predecessor as p;
        assert_eq!(p("D3"), Some(("D3".into(), LinkKind::FinishToStart, 0)));
        assert_eq!(p("K2SS+2"), Some(("K2".into(), LinkKind::StartToStart, 2)));
        assert_eq!(p("T5FF"), Some(("T5".into(), LinkKind::FinishToFinish, 0)));
        assert_eq!(p("A1-1"), Some(("A1".into(), LinkKind::FinishToStart, -1)));
        assert_eq!(p("A1+x"), None);
    }

    #[test]
    fn bundled_demo_content_parses() {
        let c = super::content().expect("demo JSON parses");
        assert!(c.projects.len() >= 3);
        for p in &c.projects {
            assert!(
                crate::model::BuiltinCalendar::from_key(&p.calendar).is_some(),
                "{}",
                p.name
            );
        }
    }
}
