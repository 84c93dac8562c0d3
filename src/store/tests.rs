//! Tests of the workspace file: edits and history, migrations, refusing bad files.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::Connection;

use super::*;
use crate::model::{CalendarId, Change, Edit, ProjectFields, ProjectId, ProjectProblem};

fn fields(name: &str) -> ProjectFields {
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

fn names(ws: &Workspace) -> Vec<String> {
    ws.projects()
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect()
}

fn new_ws(dir: &tempfile::TempDir) -> (PathBuf, Workspace) {
    let path = dir.path().join("w.planwright");
    let ws = Workspace::create(&path).unwrap();
    (path, ws)
}

fn create(ws: &mut Workspace, name: &str) -> ProjectId {
    match ws.apply(Change::CreateProject(fields(name))).unwrap() {
        Edit::InsertProject { project, .. } => project.id,
        other => panic!("unexpected edit {other:?}"),
    }
}

#[test]
fn create_rename_delete_each_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = create(&mut ws, "甲");
    let mut renamed = fields("乙");
    renamed.start_date = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    ws.apply(Change::UpdateProject {
        id,
        fields: renamed,
    })
    .unwrap();
    ws.apply(Change::DeleteProject(id)).unwrap();
    assert!(names(&ws).is_empty());

    ws.undo().unwrap();
    assert_eq!(names(&ws), ["乙"]);
    assert_eq!(
        ws.projects().unwrap()[0].fields.start_date,
        NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
    );
    ws.undo().unwrap();
    assert_eq!(names(&ws), ["甲"]);
    ws.undo().unwrap();
    assert!(names(&ws).is_empty());
    assert!(matches!(ws.undo(), Err(StoreError::NothingToUndo)));

    ws.redo().unwrap();
    assert_eq!(names(&ws), ["甲"]);
    assert_eq!(ws.projects().unwrap()[0].id, id, "redo keeps the id");
    ws.redo().unwrap();
    ws.redo().unwrap();
    assert!(names(&ws).is_empty());
    assert!(matches!(ws.redo(), Err(StoreError::NothingToRedo)));
}

#[test]
fn a_new_edit_clears_the_redo_history() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    create(&mut ws, "乙");
    ws.undo().unwrap();
    assert!(ws.next_redo().unwrap().is_some());
    create(&mut ws, "丙");
    assert!(ws.next_redo().unwrap().is_none());
    assert!(matches!(ws.redo(), Err(StoreError::NothingToRedo)));
    let mut got = names(&ws);
    got.sort();
    assert_eq!(got, ["丙", "甲"]);
}

#[test]
fn deleted_ids_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let a = create(&mut ws, "甲");
    ws.undo().unwrap();
    let b = create(&mut ws, "乙");
    assert_ne!(a, b);
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = create(&mut ws, "甲");
    let before = ws.revision();
    let dup = ws.apply(Change::CreateProject(fields(" 甲 ")));
    assert!(matches!(
        dup,
        Err(StoreError::Project(ProjectProblem::DuplicateName(_)))
    ));
    let blank = ws.apply(Change::CreateProject(fields("  ")));
    assert!(matches!(
        blank,
        Err(StoreError::Project(ProjectProblem::EmptyName))
    ));
    let mut no_cal = fields("乙");
    no_cal.calendar = CalendarId(999);
    assert!(matches!(
        ws.apply(Change::CreateProject(no_cal)),
        Err(StoreError::Project(ProjectProblem::UnknownCalendar))
    ));
    assert!(matches!(
        ws.apply(Change::DeleteProject(ProjectId(id.0 + 100))),
        Err(StoreError::Project(ProjectProblem::UnknownProject))
    ));
    assert_eq!(ws.revision(), before);
    let edits = ws
        .counts()
        .unwrap()
        .into_iter()
        .find(|c| c.entity == "edits")
        .unwrap();
    assert_eq!(edits.count, 1, "only the first edit is logged");
    // Renaming to its own name is fine.
    ws.apply(Change::UpdateProject {
        id,
        fields: fields("甲"),
    })
    .unwrap();
}

#[test]
fn history_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    create(&mut ws, "乙");
    ws.undo().unwrap();
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(names(&ws), ["甲"]);
    ws.redo().unwrap();
    assert_eq!(names(&ws).len(), 2);
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert!(names(&ws).is_empty());
}

#[test]
fn an_acknowledged_edit_is_on_disk_without_a_clean_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    // Simulate a killed process: no destructor, no close, no checkpoint.
    std::mem::forget(ws);
    let conn =
        Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM projects WHERE name = '甲'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn second_opener_is_read_only_and_sees_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut writer) = new_ws(&dir);
    let mut reader = Workspace::open(&path).unwrap();
    assert!(!writer.is_read_only());
    assert!(reader.is_read_only());
    assert!(matches!(
        reader.apply(Change::CreateProject(fields("乙"))),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(reader.undo(), Err(StoreError::ReadOnly { .. })));
    create(&mut writer, "甲");
    assert!(reader.notice_outside_changes().unwrap());
    assert_eq!(names(&reader), ["甲"]);
    assert!(
        !writer.notice_outside_changes().unwrap(),
        "own edits are not outside changes"
    );
    drop(writer);
    drop(reader);
    let again = Workspace::open(&path).unwrap();
    assert!(!again.is_read_only(), "the lock goes with its holder");
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exists.planwright");
    std::fs::write(&path, b"mine").unwrap();
    assert!(matches!(
        Workspace::create(&path),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
}

#[test]
fn demo_workspace_has_projects_and_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.planwright");
    let ws = Workspace::create_demo(&path).unwrap();
    assert!(ws.projects().unwrap().len() >= 3);
    assert!(ws.next_undo().unwrap().is_none());
    assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
}

/// Writes a workspace at an older schema version, as an older Planwright would have.
fn workspace_at_version(path: &Path, version: u32) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    schema::migrations()
        .to_version(&mut conn, version as usize)
        .unwrap();
    if version >= 1 {
        conn.execute(
            "INSERT INTO projects (name, start_date, calendar_id, created_at)
             VALUES ('旧项目', '2025-03-01', 1, '2025-02-01T09:00:00')",
            [],
        )
        .unwrap();
    }
}

#[test]
fn every_older_version_upgrades_with_a_backup() {
    for version in 1..schema::LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.planwright");
        workspace_at_version(&path, version);
        let mut ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
        assert_eq!(names(&ws), ["旧项目"], "data kept from version {version}");
        // The backup is the file as it was: old version, same data.
        let backup = Connection::open(backup_path(&path, version)).unwrap();
        let v: u32 = backup
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, version);
        let name: String = backup
            .query_row("SELECT name FROM projects", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "旧项目");
        // The upgraded file is fully usable.
        create(&mut ws, "新项目");
        ws.undo().unwrap();
    }
}

#[test]
fn version_zero_sqlite_with_our_id_upgrades_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v0.planwright");
    workspace_at_version(&path, 0);
    // A brand-new SQLite file with only the header written has no pages counted yet;
    // give it one table so it is a real database at version 0.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE scratch (x); DROP TABLE scratch;")
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
    assert!(ws.calendars().unwrap().len() >= 3);
}

fn assert_refused_unchanged(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let unchanged = |now: Vec<u8>| now == before;
    let err = Workspace::open(path).expect_err("must refuse");
    assert!(check(&err), "unexpected error: {err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "message names the file: {err}"
    );
    let err_ro = Workspace::open_read_only(path).expect_err("must refuse read-only too");
    assert!(check(&err_ro), "unexpected error: {err_ro}");
    assert!(unchanged(std::fs::read(path).unwrap()), "file untouched");
    let mut siblings: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    siblings.sort();
    assert_eq!(siblings.len(), 1, "no side files left: {siblings:?}");
}

#[test]
fn refuses_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.planwright");
    std::fs::write(&path, b"").unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Empty { .. }));
}

#[test]
fn refuses_random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.planwright");
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn refuses_another_programs_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    assert_refused_unchanged(&path, |e| {
        matches!(e, StoreError::OtherApplication { app_id: 0, .. })
    });
}

#[test]
fn refuses_truncated_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.planwright");
    drop(Workspace::create_demo(&full).unwrap());
    let bytes = std::fs::read(&full).unwrap();
    let cut_dir = tempfile::tempdir().unwrap();
    let path = cut_dir.path().join("cut.planwright");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Truncated { .. }));
    std::fs::write(&path, &bytes[..60]).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Truncated { .. }));
}

#[test]
fn refuses_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made.planwright");
    drop(Workspace::create(&made).unwrap());
    let c = Connection::open(&made).unwrap();
    c.pragma_update(None, "user_version", schema::LATEST_VERSION + 1)
        .unwrap();
    drop(c);
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("future.planwright");
    std::fs::copy(&made, &path).unwrap();
    assert_refused_unchanged(
        &path,
        |e| matches!(e, StoreError::NewerVersion { found, .. } if *found == schema::LATEST_VERSION + 1),
    );
}

#[test]
fn missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.planwright");
    let err = Workspace::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }));
    assert!(!path.exists());
}

#[test]
fn save_copy_makes_an_identical_workspace_and_cancel_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    let copy = dir.path().join("copy.planwright");
    assert!(save_copy(&path, &copy, |_, _| true).unwrap());
    drop(ws);
    let c = Workspace::open(&copy).unwrap();
    assert_eq!(names(&c), ["甲"]);
    assert!(
        c.next_undo().unwrap().is_some(),
        "history travels with the copy"
    );

    let cancelled = dir.path().join("cancelled.planwright");
    assert!(!save_copy(&path, &cancelled, |_, _| false).unwrap());
    assert!(!cancelled.exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .map(|e| e.file_name().to_string_lossy().starts_with(".planwright"))
                .unwrap_or(false)
        })
        .count();
    assert_eq!(leftovers, 0);
}

fn small_plan() -> crate::model::plan::PlanDraft {
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

fn import_small(ws: &mut Workspace) -> ProjectId {
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

#[test]
fn deleting_a_project_with_a_plan_is_undone_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = import_small(&mut ws);
    let before = ws.plan(id).unwrap();
    assert_eq!(before.tasks.len(), 4);
    assert_eq!(before.tasks[1].fields.parent, Some(before.tasks[0].id));
    ws.apply(Change::DeleteProject(id)).unwrap();
    assert_eq!(ws.plan(id).unwrap().tasks.len(), 0);
    ws.undo().unwrap();
    assert_eq!(
        ws.plan(id).unwrap(),
        before,
        "tasks, links and ids come back"
    );
    ws.undo().unwrap();
    assert!(ws.projects().unwrap().is_empty());
    ws.redo().unwrap();
    assert_eq!(ws.plan(id).unwrap(), before);
}

#[test]
fn reschedule_stores_dates_and_undo_restores_them() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = import_small(&mut ws);
    assert!(
        ws.plan(id)
            .unwrap()
            .tasks
            .iter()
            .all(|t| t.fields.start.is_none())
    );
    ws.apply(Change::Reschedule(id)).unwrap();
    let plan = ws.plan(id).unwrap();
    let dev = plan.tasks.iter().find(|t| t.fields.name == "开发").unwrap();
    // Project starts Tue 2026-12-01; design = 2d + 1d → ends Thu 17:00; 1 day lag (Fri):
    // development starts Monday 2026-12-07.
    assert_eq!(dev.fields.start.unwrap().to_string(), "2026-12-07 08:00:00");
    assert_eq!(
        dev.fields.finish.unwrap().to_string(),
        "2026-12-11 17:00:00"
    );
    ws.undo().unwrap();
    assert!(
        ws.plan(id)
            .unwrap()
            .tasks
            .iter()
            .all(|t| t.fields.start.is_none())
    );
}

#[test]
fn a_cycle_is_refused_with_task_names_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let mut plan = small_plan();
    plan.dependencies.push(crate::model::plan::DraftDependency {
        predecessor: 2,
        successor: 1,
        kind: crate::model::schedule::LinkKind::FinishToStart,
        lag: 0,
        lag_unit: crate::model::TimeUnit::Days,
        lag_elapsed: false,
    });
    let id = match ws
        .apply(Change::ImportProject {
            fields: fields("有环"),
            plan,
        })
        .unwrap()
    {
        Edit::InsertProject { project, .. } => project.id,
        other => panic!("{other:?}"),
    };
    let revision = ws.revision();
    let err = ws.apply(Change::Reschedule(id)).unwrap_err();
    let text = err.to_string();
    assert!(text.contains("原型") && text.contains("评审"), "{text}");
    assert_eq!(ws.revision(), revision);
}

#[test]
fn an_inconsistent_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let mut plan = small_plan();
    plan.tasks[0].parent = Some(3);
    assert!(matches!(
        ws.apply(Change::ImportProject {
            fields: fields("坏"),
            plan
        }),
        Err(StoreError::InvalidPlan(_))
    ));
    assert!(ws.projects().unwrap().is_empty());
}

fn task_names(ws: &Workspace, project: ProjectId) -> Vec<(String, Option<String>)> {
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

fn task_id(ws: &Workspace, project: ProjectId, name: &str) -> crate::model::TaskId {
    ws.plan(project)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.fields.name == name)
        .unwrap()
        .id
}

fn named(name: &str) -> crate::model::TaskFields {
    crate::model::TaskFields {
        name: name.into(),
        ..crate::model::TaskFields::default()
    }
}

#[test]
fn add_a_task_after_another_and_at_the_end_then_undo() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let prototype = task_id(&ws, p, "原型");
    ws.apply(Change::AddTask {
        project: p,
        after: Some(prototype),
        fields: named("可用性测试"),
    })
    .unwrap();
    ws.apply(Change::AddTask {
        project: p,
        after: None,
        fields: named("上线"),
    })
    .unwrap();
    let names: Vec<String> = task_names(&ws, p).into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["设计", "原型", "可用性测试", "评审", "开发", "上线"]
    );
    assert_eq!(
        task_names(&ws, p)[2].1.as_deref(),
        Some("设计"),
        "a sibling of 原型"
    );
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap().tasks.len(), 4);
    assert!(matches!(
        ws.apply(Change::AddTask {
            project: p,
            after: None,
            fields: named("  ")
        }),
        Err(StoreError::InvalidPlan(_))
    ));
}

#[test]
fn many_inserts_in_one_gap_renumber_and_keep_the_order() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let mut after = task_id(&ws, p, "原型");
    for i in 0..14 {
        ws.apply(Change::AddTask {
            project: p,
            after: Some(after),
            fields: named(&format!("插入 {i}")),
        })
        .unwrap();
        after = task_id(&ws, p, &format!("插入 {i}"));
    }
    let names: Vec<String> = task_names(&ws, p).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names[1], "原型");
    assert_eq!(names[2], "插入 0");
    assert_eq!(names[15], "插入 13");
    assert_eq!(names[16], "评审");
    for _ in 0..14 {
        ws.undo().unwrap();
    }
    assert_eq!(ws.plan(p).unwrap().tasks.len(), 4);
}

#[test]
fn deleting_a_summary_takes_its_subtasks_and_links_and_undo_brings_all_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let before = ws.plan(p).unwrap();
    ws.apply(Change::DeleteTasks(vec![task_id(&ws, p, "设计")]))
        .unwrap();
    let after = ws.plan(p).unwrap();
    assert_eq!(after.tasks.len(), 1);
    assert!(after.dependencies.is_empty());
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap(), before);
}

#[test]
fn indent_and_outdent_reshape_the_outline() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    // 评审 under 设计 → outdent: top level, and nothing below it in 设计.
    ws.apply(Change::Outdent(task_id(&ws, p, "评审"))).unwrap();
    assert_eq!(task_names(&ws, p)[2], ("评审".into(), None));
    // 原型 outdented: 评审 is already out, so 原型 just moves up.
    ws.apply(Change::Outdent(task_id(&ws, p, "原型"))).unwrap();
    assert_eq!(task_names(&ws, p)[1], ("原型".into(), None));
    ws.undo().unwrap();
    // Indent 开发 under 评审 (the task above at its level).
    ws.apply(Change::Indent(task_id(&ws, p, "开发"))).unwrap();
    assert_eq!(task_names(&ws, p)[3], ("开发".into(), Some("评审".into())));
    // The first task has nothing above it.
    assert!(ws.apply(Change::Indent(task_id(&ws, p, "设计"))).is_err());
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(task_names(&ws, p)[2], ("评审".into(), Some("设计".into())));
}

#[test]
fn outdent_adopts_the_siblings_below() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    ws.apply(Change::Outdent(task_id(&ws, p, "原型"))).unwrap();
    assert_eq!(task_names(&ws, p)[1], ("原型".into(), None));
    assert_eq!(task_names(&ws, p)[2], ("评审".into(), Some("原型".into())));
    assert_eq!(ws.next_undo().unwrap().unwrap().summary().subject, "原型");
}

#[test]
fn links_are_checked_for_cycles_and_undoable() {
    use crate::model::TimeUnit;
    use crate::model::schedule::LinkKind;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let (proto, review, dev) = (
        task_id(&ws, p, "原型"),
        task_id(&ws, p, "评审"),
        task_id(&ws, p, "开发"),
    );
    let link = |pred, succ| Change::Link {
        predecessor: pred,
        successor: succ,
        kind: LinkKind::FinishToStart,
        lag: 0,
        lag_unit: TimeUnit::Days,
    };
    ws.apply(link(review, dev)).unwrap();
    assert_eq!(ws.plan(p).unwrap().dependencies.len(), 3);
    // 开发 → 原型 would close 原型 → 评审 → 开发 → 原型.
    let err = ws.apply(link(dev, proto)).unwrap_err().to_string();
    assert!(
        err.contains("原型") && err.contains("评审") && err.contains("开发"),
        "{err}"
    );
    assert!(ws.apply(link(review, dev)).is_err(), "no duplicates");
    assert!(ws.apply(link(dev, dev)).is_err(), "not to itself");
    assert!(
        ws.apply(link(task_id(&ws, p, "设计"), proto)).is_err(),
        "not to its own summary"
    );
    let dep = ws
        .plan(p)
        .unwrap()
        .dependencies
        .into_iter()
        .find(|d| d.successor == dev && d.predecessor == review)
        .unwrap();
    ws.apply(Change::Unlink(dep.id)).unwrap();
    assert_eq!(ws.plan(p).unwrap().dependencies.len(), 2);
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap().dependencies.len(), 3);
}

#[test]
fn update_task_keeps_its_place_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let id = task_id(&ws, p, "原型");
    let mut f = ws
        .plan(p)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
        .fields;
    let original = f.clone();
    f.name = "高保真原型".into();
    f.duration_minutes = 3 * 480;
    f.parent = None; // ignored: the outline place is not changed by an update
    ws.apply(Change::UpdateTask { id, fields: f }).unwrap();
    let now = ws
        .plan(p)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
        .fields;
    assert_eq!(now.name, "高保真原型");
    assert_eq!(now.parent, original.parent);
    ws.undo().unwrap();
    let back = ws
        .plan(p)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.id == id)
        .unwrap()
        .fields;
    assert_eq!(back, original);
}

#[test]
fn assigning_by_name_creates_resources_and_undo_takes_both_back() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let dev = task_id(&ws, p, "开发");
    ws.apply(Change::AssignResources {
        task: dev,
        by_name: vec![("李强".into(), 100), ("张敏".into(), 50)],
    })
    .unwrap();
    let plan = ws.plan(p).unwrap();
    assert_eq!(plan.resources.len(), 2);
    assert_eq!(plan.assignments.len(), 2);
    assert_eq!(plan.assignments[1].units, 50);
    // The same names again: no new resources, no history entry.
    let edits_before = ws.recent_edits(100).unwrap().len();
    ws.apply(Change::AssignResources {
        task: dev,
        by_name: vec![("李强".into(), 100), ("张敏".into(), 50)],
    })
    .unwrap();
    assert_eq!(ws.recent_edits(100).unwrap().len(), edits_before);
    // Reassign to one person; the other stays a resource of the project.
    ws.apply(Change::AssignResources {
        task: dev,
        by_name: vec![("张敏".into(), 100)],
    })
    .unwrap();
    assert_eq!(ws.plan(p).unwrap().assignments.len(), 1);
    assert!(
        ws.apply(Change::AssignResources {
            task: dev,
            by_name: vec![("王芳".into(), 0)]
        })
        .is_err()
    );
    ws.undo().unwrap();
    ws.undo().unwrap();
    let plan = ws.plan(p).unwrap();
    assert!(plan.resources.is_empty() && plan.assignments.is_empty());
    // Deleting an assigned task keeps its assignment for undo.
    ws.redo().unwrap();
    ws.apply(Change::DeleteTasks(vec![dev])).unwrap();
    assert!(ws.plan(p).unwrap().assignments.is_empty());
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap().assignments.len(), 2);
}

#[test]
fn a_resource_gets_a_calendar_and_its_tasks_follow_it() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let dev = task_id(&ws, p, "开发");
    ws.apply(Change::Many(vec![
        Change::AssignResources {
            task: dev,
            by_name: vec![("夜班工程师".into(), 100), ("李强".into(), 100)],
        },
        Change::Reschedule(p),
    ]))
    .unwrap();
    let resources = ws.plan(p).unwrap().resources;
    let night = resources[0].id;
    let start_of = |ws: &Workspace| {
        let plan = ws.plan(p).unwrap();
        plan.tasks
            .iter()
            .find(|t| t.id == dev)
            .and_then(|t| t.fields.start)
            .unwrap()
    };
    let day_start = start_of(&ws);
    let night_shift = ws
        .calendars()
        .unwrap()
        .into_iter()
        .find(|c| c.builtin == Some(crate::model::BuiltinCalendar::NightShift))
        .unwrap()
        .id;
    // The night-shift engineer alone: the task starts at 23:00.
    ws.apply(Change::AssignResources {
        task: dev,
        by_name: vec![("夜班工程师".into(), 100)],
    })
    .unwrap();
    ws.apply(Change::Many(vec![
        Change::UpdateResource {
            id: night,
            name: "夜班工程师".into(),
            max_units: 100,
            calendar: Some(night_shift),
        },
        Change::Reschedule(p),
    ]))
    .unwrap();
    assert_eq!(chrono::Timelike::hour(&start_of(&ws)), 23);
    // Names stay unique, capacity in range, calendars real; nothing changes.
    for bad in [
        ("李强", 100, None),
        ("", 100, None),
        ("夜班工程师", 0, None),
        ("夜班工程师", 100, Some(crate::model::CalendarId(999))),
    ] {
        assert!(
            ws.apply(Change::UpdateResource {
                id: night,
                name: bad.0.into(),
                max_units: bad.1,
                calendar: bad.2,
            })
            .is_err(),
            "{bad:?}"
        );
    }
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap().resources[0].calendar, None);
    ws.undo().unwrap();
    assert_eq!(start_of(&ws), day_start);
}

#[test]
fn baselines_are_set_compared_and_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    ws.apply(Change::Reschedule(p)).unwrap();
    ws.apply(Change::SetBaseline {
        project: p,
        number: 0,
    })
    .unwrap();
    ws.apply(Change::SetBaseline {
        project: p,
        number: 3,
    })
    .unwrap();
    let plan = ws.plan(p).unwrap();
    assert_eq!(plan.baselines.len(), 8);
    let dev = task_id(&ws, p, "开发");
    let saved = plan
        .baselines
        .iter()
        .find(|b| b.number == 0 && b.task == dev)
        .unwrap()
        .clone();
    assert_eq!(
        saved.start,
        plan.tasks
            .iter()
            .find(|t| t.id == dev)
            .unwrap()
            .fields
            .start
    );
    ws.apply(Change::ClearBaseline {
        project: p,
        number: 3,
    })
    .unwrap();
    assert_eq!(ws.plan(p).unwrap().baselines.len(), 4);
    assert!(
        ws.apply(Change::SetBaseline {
            project: p,
            number: 11
        })
        .is_err()
    );
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap().baselines.len(), 8);
    // Deleting a project with baselines and resources restores them all.
    let before = ws.plan(p).unwrap();
    ws.apply(Change::DeleteProject(p)).unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.plan(p).unwrap(), before);
}

#[test]
fn progress_records_actual_dates_and_pins_the_task() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    ws.apply(Change::Reschedule(p)).unwrap();
    let proto = task_id(&ws, p, "原型");
    let get = |ws: &Workspace| {
        ws.plan(p)
            .unwrap()
            .tasks
            .into_iter()
            .find(|t| t.id == proto)
            .unwrap()
            .fields
    };
    let mut f = get(&ws);
    let planned_start = f.start;
    f.percent_complete = 50;
    ws.apply(Change::UpdateTask {
        id: proto,
        fields: f,
    })
    .unwrap();
    assert_eq!(get(&ws).actual_start, planned_start);
    assert_eq!(get(&ws).actual_finish, None);
    // The project start moves a week later; the started task stays where it started.
    let mut project = ws.projects().unwrap().remove(0).fields;
    project.start_date += chrono::Duration::days(7);
    ws.apply(Change::UpdateProject {
        id: p,
        fields: project,
    })
    .unwrap();
    ws.apply(Change::Reschedule(p)).unwrap();
    assert_eq!(get(&ws).start, planned_start);
    let mut f = get(&ws);
    f.percent_complete = 100;
    ws.apply(Change::UpdateTask {
        id: proto,
        fields: f,
    })
    .unwrap();
    assert!(get(&ws).actual_finish.is_some());
    let mut f = get(&ws);
    f.percent_complete = 0;
    ws.apply(Change::UpdateTask {
        id: proto,
        fields: f,
    })
    .unwrap();
    assert_eq!(
        (get(&ws).actual_start, get(&ws).actual_finish),
        (None, None)
    );
}

/// Every kind of plan edit, each followed by a reschedule that uses the plan kept in
/// memory; in debug builds the reschedule checks that plan against the file, so any
/// drift fails here.
#[test]
fn the_plan_kept_in_memory_follows_every_kind_of_edit() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let p = import_small(&mut ws);
    let other = import_small_named(&mut ws, "另一个计划");
    let step = |ws: &mut Workspace, change: Change| {
        ws.apply(Change::Many(vec![change, Change::Reschedule(p)]))
            .unwrap();
        assert_eq!(ws.keeps_plan_of(), Some(p));
    };
    ws.apply(Change::Reschedule(p)).unwrap();
    assert_eq!(ws.keeps_plan_of(), Some(p));
    let dev = task_id(&ws, p, "开发");
    let design = task_id(&ws, p, "设计");
    let mut f = ws
        .plan(p)
        .unwrap()
        .tasks
        .into_iter()
        .find(|t| t.id == dev)
        .unwrap()
        .fields;
    f.duration_minutes = 7 * 480;
    step(&mut ws, Change::UpdateTask { id: dev, fields: f });
    step(
        &mut ws,
        Change::AddTask {
            project: p,
            after: Some(design),
            fields: named("新任务"),
        },
    );
    let new = task_id(&ws, p, "新任务");
    step(
        &mut ws,
        Change::Link {
            predecessor: new,
            successor: dev,
            kind: crate::model::schedule::LinkKind::StartToStart,
            lag: 480,
            lag_unit: crate::model::TimeUnit::Days,
        },
    );
    step(
        &mut ws,
        Change::AssignResources {
            task: dev,
            by_name: vec![("李强".into(), 50)],
        },
    );
    let li = ws.plan(p).unwrap().resources[0].id;
    step(
        &mut ws,
        Change::UpdateResource {
            id: li,
            name: "李强".into(),
            max_units: 200,
            calendar: None,
        },
    );
    step(
        &mut ws,
        Change::SetBaseline {
            project: p,
            number: 3,
        },
    );
    step(&mut ws, Change::Indent(new));
    step(&mut ws, Change::Outdent(new));
    step(&mut ws, Change::DeleteTasks(vec![new]));
    // An edit of another project leaves this plan as it is.
    let other_task = task_id(&ws, other, "开发");
    step(&mut ws, Change::DeleteTasks(vec![other_task]));
    // Undo and redo follow too.
    for _ in 0..4 {
        ws.undo().unwrap();
        ws.apply(Change::Reschedule(p)).unwrap();
    }
    for _ in 0..2 {
        ws.redo().unwrap();
        ws.apply(Change::Reschedule(p)).unwrap();
    }
    // A project edit lets the plan go; the next reschedule reads it again.
    let mut pf = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|x| x.id == p)
        .unwrap()
        .fields;
    pf.description = "改了".into();
    ws.apply(Change::UpdateProject { id: p, fields: pf })
        .unwrap();
    assert_eq!(ws.keeps_plan_of(), None);
    ws.apply(Change::Reschedule(p)).unwrap();
    assert_eq!(ws.keeps_plan_of(), Some(p));
}

fn import_small_named(ws: &mut Workspace, name: &str) -> ProjectId {
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

#[test]
fn a_survey_import_is_one_undoable_edit_and_delete_keeps_it_for_undo() {
    use crate::model::survey::{Answers, Question, QuestionKind, Survey};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let survey = Survey {
        name: "满意度".into(),
        source: "generic".into(),
        responses: 3,
        questions: vec![Question {
            key: "Q1".into(),
            title: "推荐意愿".into(),
            kind: QuestionKind::Nps,
            options: Vec::new(),
            scale: Some((0.0, 10.0)),
            kind_set_by_user: false,
        }],
        answers: vec![Answers::numbers(vec![Some(10.0), None, Some(3.0)])],
        other_text: vec![(0, vec![None, Some("无".into()), None])],
    };
    ws.apply(Change::ImportSurvey(survey.clone())).unwrap();
    let list = ws.surveys().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        ws.survey(list[0].id).unwrap().as_ref(),
        Some(&survey),
        "read back whole"
    );
    ws.undo().unwrap();
    assert!(ws.surveys().unwrap().is_empty());
    ws.redo().unwrap();
    let id = ws.surveys().unwrap()[0].id;
    ws.apply(Change::DeleteSurvey(id)).unwrap();
    assert!(ws.surveys().unwrap().is_empty());
    assert_eq!(ws.survey(id).unwrap(), None);
    ws.undo().unwrap();
    assert_eq!(ws.survey(id).unwrap().as_ref(), Some(&survey));
    assert!(
        ws.apply(Change::DeleteSurvey(crate::model::survey::SurveyId(99)))
            .is_err()
    );
}

#[test]
fn notes_feedback_and_requirements_are_undoable_and_deleting_a_note_takes_its_feedback() {
    use crate::model::research::{
        FeedbackFields, FeedbackLink, FeedbackOrigin, NoteFields, NoteKind, RequirementFields,
        RequirementId, demand,
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    ws.apply(Change::AddRequirement(RequirementFields::titled(
        "离线查看工单",
    )))
    .unwrap();
    let req = ws.requirements().unwrap()[0].id;
    assert_eq!(req.key(), format!("REQ-{}", req.0));
    let note = NoteFields {
        kind: NoteKind::Interview,
        title: "客服主管访谈".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        participants: "王芳".into(),
        segment: "中型电商".into(),
        text: "地铁上没网时看不了工单。".into(),
        tags: vec!["移动端".into()],
        quotes: vec!["没网就什么都做不了".into()],
    };
    ws.apply(Change::AddNote(note.clone())).unwrap();
    let note_id = ws.notes().unwrap()[0].id;
    assert_eq!(ws.notes().unwrap()[0].fields, note, "read back whole");
    let item = FeedbackFields {
        text: "没网就什么都做不了".into(),
        origin: FeedbackOrigin::Quote { note: note_id },
        customer: "王芳".into(),
        segment: "中型电商".into(),
        links: vec![FeedbackLink {
            requirement: req,
            importance: 3,
        }],
    };
    ws.apply(Change::AddFeedback {
        fields: item.clone(),
        new_requirement: None,
    })
    .unwrap();
    let items = ws.feedback().unwrap();
    assert_eq!(items[0].fields, item);
    assert_eq!(demand(&items)[&req].score, 3);
    // A link to a requirement that does not exist is refused; nothing changes.
    let bad = FeedbackFields {
        links: vec![FeedbackLink {
            requirement: RequirementId(999),
            importance: 1,
        }],
        ..item.clone()
    };
    assert!(matches!(
        ws.apply(Change::AddFeedback {
            fields: bad,
            new_requirement: None
        }),
        Err(StoreError::Gone(_))
    ));
    // Feedback with a requirement made for it: one step, undone together.
    let manual = FeedbackFields {
        text: "希望支持工单批量导出".into(),
        origin: FeedbackOrigin::Manual,
        customer: "某客户".into(),
        segment: String::new(),
        links: Vec::new(),
    };
    ws.apply(Change::AddFeedback {
        fields: manual,
        new_requirement: Some((RequirementFields::titled("工单批量导出"), 2)),
    })
    .unwrap();
    let made = ws.requirements().unwrap()[1].id;
    assert_eq!(
        ws.feedback().unwrap()[0].fields.importance_for(made),
        Some(2)
    );
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap().len(), 1);
    // Deleting the note takes its feedback along, as one step.
    ws.apply(Change::DeleteNote(note_id)).unwrap();
    assert!(ws.notes().unwrap().is_empty() && ws.feedback().unwrap().is_empty());
    assert_eq!(
        ws.recent_edits(1).unwrap()[0].edit.summary().kind,
        crate::model::edit::EditKind::DeleteNote
    );
    ws.undo().unwrap();
    assert_eq!(ws.notes().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap()[0].fields, item);
    // Survives a reopen; undo back to nothing.
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.feedback().unwrap().len(), 1);
    for _ in 0..3 {
        ws.undo().unwrap();
    }
    assert!(ws.requirements().unwrap().is_empty() && ws.notes().unwrap().is_empty());
    ws.redo().unwrap();
    assert_eq!(ws.requirements().unwrap()[0].id, req, "the same key again");
}

#[test]
fn a_question_kind_set_by_the_user_is_kept_and_undoable() {
    use crate::model::survey::{Answers, Question, QuestionKind, Survey};
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    let survey = Survey {
        name: "城市".into(),
        source: "generic".into(),
        responses: 3,
        questions: vec![Question {
            key: "Q1".into(),
            title: "所在城市".into(),
            kind: QuestionKind::Text,
            options: Vec::new(),
            scale: None,
            kind_set_by_user: false,
        }],
        answers: vec![Answers::text(vec![
            Some("北京"),
            Some("上海"),
            Some("北京"),
        ])],
        other_text: Vec::new(),
    };
    ws.apply(Change::ImportSurvey(survey)).unwrap();
    let id = ws.surveys().unwrap()[0].id;
    ws.apply(Change::SetQuestionKind {
        survey: id,
        question: 0,
        kind: QuestionKind::Single,
    })
    .unwrap();
    let read = |ws: &Workspace| ws.survey(id).unwrap().unwrap();
    let s = read(&ws);
    assert_eq!(s.questions[0].kind, QuestionKind::Single);
    assert!(s.questions[0].kind_set_by_user);
    assert_eq!(s.questions[0].options, ["北京", "上海"]);
    assert_eq!(s.stats(0, None).unwrap().options[0], ("北京".into(), 2));
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(read(&ws).questions[0].kind, QuestionKind::Single, "kept");
    ws.undo().unwrap();
    let s = read(&ws);
    assert_eq!(s.questions[0].kind, QuestionKind::Text);
    assert!(!s.questions[0].kind_set_by_user);
    assert_eq!(s.answers[0].text_at(1), Some("上海"));
}

#[test]
fn requirements_keep_their_pool_fields_and_delete_with_their_subtree_and_links() {
    use crate::model::requirement::{Criterion, Moscow, ReleaseFields, RequirementFields};
    use crate::model::research::{FeedbackFields, FeedbackLink, FeedbackOrigin};
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    ws.apply(Change::AddRelease(ReleaseFields {
        name: "2.1 移动端".into(),
        version: "2.1.0".into(),
        target: chrono::NaiveDate::from_ymd_opt(2027, 3, 31),
        status: "planned".into(),
    }))
    .unwrap();
    let release = ws.releases().unwrap()[0].id;
    let mut epic = RequirementFields::titled("移动端工作台");
    epic.kind = "feature".into();
    epic.release = Some(release);
    ws.apply(Change::AddRequirement(epic)).unwrap();
    let epic = ws.requirements().unwrap()[0].id;
    let mut story = RequirementFields::titled("手机处理工单");
    story.parent = Some(epic);
    story.owner = "王芳".into();
    story.tags = vec!["移动端".into()];
    story.acceptance = vec![Criterion {
        done: false,
        text: "断网可查看".into(),
    }];
    story.scores.moscow = Some(Moscow::Must);
    story.scores.reach = Some(1000.0);
    story.scores.impact = Some(2.0);
    story.scores.confidence = Some(80.0);
    story.scores.effort = Some(2.0);
    ws.apply(Change::AddRequirement(story.clone())).unwrap();
    let story_id = ws.requirements().unwrap()[1].id;
    ws.apply(Change::AddFeedback {
        fields: FeedbackFields {
            text: "想在手机上回工单".into(),
            origin: FeedbackOrigin::Manual,
            customer: String::new(),
            segment: String::new(),
            links: vec![FeedbackLink {
                requirement: story_id,
                importance: 3,
            }],
        },
        new_requirement: None,
    })
    .unwrap();
    // Read back whole after a reopen, scores included.
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    let read = ws.requirements().unwrap()[1].fields.clone();
    assert_eq!(read, story.normalized().unwrap());
    assert_eq!(read.scores.rice(), Some(800.0));
    // Deleting the epic takes the story and the feedback's link, in one step.
    ws.apply(Change::DeleteRequirements(vec![epic])).unwrap();
    assert!(ws.requirements().unwrap().is_empty());
    assert!(ws.feedback().unwrap()[0].fields.links.is_empty());
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap().len(), 2);
    assert_eq!(ws.feedback().unwrap()[0].fields.links.len(), 1);
    // Deleting the release leaves the epic without one.
    ws.apply(Change::DeleteRelease(release)).unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.release, None);
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.release, Some(release));
}

#[test]
fn planning_requirements_makes_linked_tasks_in_one_undoable_step() {
    use crate::model::requirement::RequirementFields;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let project = create(&mut ws, "移动端 3.1");
    for title in ["离线查看工单", "推送提醒"] {
        ws.apply(Change::AddRequirement(RequirementFields::titled(title)))
            .unwrap();
    }
    let ids: Vec<_> = ws.requirements().unwrap().iter().map(|r| r.id).collect();
    ws.apply(Change::Many(vec![
        Change::PlanRequirements {
            project,
            requirements: ids.clone(),
        },
        Change::Reschedule(project),
    ]))
    .unwrap();
    let plan = ws.plan(project).unwrap();
    assert_eq!(plan.tasks.len(), 2);
    let reqs = ws.requirements().unwrap();
    for (r, t) in reqs.iter().zip(&plan.tasks) {
        assert_eq!(r.fields.tasks, vec![t.id]);
        assert_eq!(t.fields.name, r.fields.title);
    }
    let names = ws.task_names(&[plan.tasks[0].id]).unwrap();
    assert_eq!(names[&plan.tasks[0].id].0, "离线查看工单");
    ws.undo().unwrap();
    assert!(ws.plan(project).unwrap().tasks.is_empty());
    assert!(
        ws.requirements()
            .unwrap()
            .iter()
            .all(|r| r.fields.tasks.is_empty())
    );
}

#[test]
fn the_workflow_and_custom_fields_are_settings_of_the_workspace() {
    use crate::model::pool_settings::{CustomField, CustomKind, PoolSettings, StatusDef};
    use crate::model::requirement::RequirementFields;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    assert_eq!(ws.pool_settings().unwrap(), PoolSettings::default());
    let settings = PoolSettings {
        statuses: vec![
            StatusDef {
                code: "idea".into(),
                name: "想法".into(),
                closed: false,
            },
            StatusDef {
                code: "review".into(),
                name: String::new(),
                closed: false,
            },
        ],
        fields: vec![CustomField {
            id: String::new(),
            name: "客户数".into(),
            kind: CustomKind::Number,
            options: Vec::new(),
        }],
        mappings: Vec::new(),
    };
    ws.apply(Change::SetPoolSettings(settings)).unwrap();
    let field = ws.pool_settings().unwrap().fields[0].id.clone();
    let mut f = RequirementFields::titled("批量导出");
    f.custom.insert(field.clone(), "很多".into());
    assert!(matches!(
        ws.apply(Change::AddRequirement(f.clone())),
        Err(StoreError::Settings(_))
    ));
    f.custom.insert(field.clone(), " 12 ".into());
    ws.apply(Change::AddRequirement(f)).unwrap();
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.custom[&field], "12");
    assert_eq!(ws.pool_settings().unwrap().statuses[0].name, "想法");
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.pool_settings().unwrap(), PoolSettings::default());
}
