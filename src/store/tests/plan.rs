//! Plans: import, reschedule, tasks placed, indented and linked, resources, baselines, progress, the plan kept in memory.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

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
