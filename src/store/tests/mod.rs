//! Tests of the workspace file: edits and history, migrations, refusing bad files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::model::{CalendarId, Change, Edit, ProjectFields, ProjectId, ProjectProblem};

mod files;
mod plan;
mod projects;
mod quality;
mod research;
mod risks;

pub(super) fn fields(name: &str) -> ProjectFields {
    ProjectFields {
        name: name.into(),
        start_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        calendar: CalendarId(1),
        description: "说明".into(),
        critical_slack_minutes: 0,
        start_time: None,
        status_date: None,
    }
}

pub(super) fn names(ws: &Workspace) -> Vec<String> {
    ws.projects()
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect()
}

pub(super) fn new_ws(dir: &tempfile::TempDir) -> (PathBuf, Workspace) {
    let path = dir.path().join("w.planwright");
    let ws = Workspace::create(&path).unwrap();
    (path, ws)
}

pub(super) fn create(ws: &mut Workspace, name: &str) -> ProjectId {
    match ws.apply(Change::CreateProject(fields(name))).unwrap() {
        Edit::InsertProject { project, .. } => project.id,
        other => panic!("unexpected edit {other:?}"),
    }
}

pub(super) fn small_plan() -> crate::model::plan::PlanDraft {
    use crate::model::plan::{DraftDependency, DraftTask, PlanDraft};
    use crate::model::schedule::LinkKind;
    use crate::model::{TaskFields, TimeUnit};
    let task = |name: &str, days: i64, parent: Option<usize>| DraftTask {
        fields: TaskFields {
            name: name.into(),
            duration_minutes: days * 480,
            ..TaskFields::default()
        },
        parent,
        calendar: None,
    };
    PlanDraft {
        calendars: Vec::new(),
        project_calendar: None,
        tasks: vec![
            task("设计", 0, None),
            task("原型", 2, Some(0)),
            task("评审", 1, Some(0)),
            task("开发", 5, None),
        ],
        dependencies: vec![
            DraftDependency {
                predecessor: 1,
                successor: 2,
                kind: LinkKind::FinishToStart,
                lag: 0,
                lag_unit: TimeUnit::Days,
                lag_elapsed: false,
            },
            DraftDependency {
                predecessor: 0,
                successor: 3,
                kind: LinkKind::FinishToStart,
                lag: 480,
                lag_unit: TimeUnit::Days,
                lag_elapsed: false,
            },
        ],
        ..PlanDraft::default()
    }
}

pub(super) fn import_small(ws: &mut Workspace) -> ProjectId {
    match ws
        .apply(Change::ImportProject {
            fields: fields("导入的计划"),
            plan: small_plan(),
        })
        .unwrap()
    {
        Edit::InsertProject { project, plan } => {
            assert_eq!(plan.tasks.len(), 4);
            project.id
        }
        other => panic!("{other:?}"),
    }
}

pub(super) fn task_names(ws: &Workspace, project: ProjectId) -> Vec<(String, Option<String>)> {
    let plan = ws.plan(project).unwrap();
    plan.tasks
        .iter()
        .map(|t| {
            let parent = t
                .fields
                .parent
                .and_then(|p| plan.tasks.iter().find(|x| x.id == p))
                .map(|p| p.fields.name.clone());
            (t.fields.name.clone(), parent)
        })
        .collect()
}

pub(super) fn task_id(ws: &Workspace, project: ProjectId, name: &str) -> crate::model::TaskId {
    ws.plan(project)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.fields.name == name)
        .unwrap()
        .id
}

pub(super) fn named(name: &str) -> crate::model::TaskFields {
    crate::model::TaskFields {
        name: name.into(),
        ..crate::model::TaskFields::default()
    }
}

pub(super) fn import_small_named(ws: &mut Workspace, name: &str) -> ProjectId {
    match ws
        .apply(Change::ImportProject {
            fields: fields(name),
            plan: small_plan(),
        })
        .unwrap()
    {
        Edit::InsertProject { project, .. } => project.id,
        other => panic!("{other:?}"),
    }
}
