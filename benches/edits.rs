//! How long one durable edit takes (apply + fsync), its undo, and rebuilding the view
//! model the UI reads after it.

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use planwright::context::view_model::WorkspaceView;
use planwright::model::{CalendarId, Change, Edit, ProjectFields};

fn fields(name: String) -> ProjectFields {
    ProjectFields {
        name,
        start_date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default(),
        calendar: CalendarId(1),
        description: "基准测试".into(),
        critical_slack_minutes: 0,
        start_time: None,
        status_date: None,
    }
}

fn edits(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.planwright");
    let mut ws = planwright::demo::create(&path).expect("workspace");
    for i in 0..200 {
        ws.apply(Change::CreateProject(fields(format!("项目 {i}"))))
            .expect("seed");
    }
    let mut n = 0u64;
    c.bench_function("create project + undo (2 durable commits)", |b| {
        b.iter(|| {
            n += 1;
            let edit = ws
                .apply(Change::CreateProject(fields(format!("新项目 {n}"))))
                .expect("apply");
            black_box(&edit);
            ws.undo().expect("undo");
        })
    });
    let id = match ws
        .apply(Change::CreateProject(fields("改名对象".into())))
        .expect("apply")
    {
        Edit::InsertProject { project, .. } => project.id,
        _ => unreachable!("create gives an insert"),
    };
    let mut flip = false;
    c.bench_function("rename project (1 durable commit)", |b| {
        b.iter(|| {
            flip = !flip;
            let name = if flip {
                "改名对象 A"
            } else {
                "改名对象 B"
            };
            ws.apply(Change::UpdateProject {
                id,
                fields: fields(name.into()),
            })
            .expect("rename");
        })
    });
    c.bench_function("rebuild view model (200 projects)", |b| {
        b.iter(|| black_box(WorkspaceView::build(&ws).expect("view")))
    });

    // One edit of a 10,000-task plan as the task editor makes it: new duration, then
    // the reschedule, in one durable commit (read plan, CPM, write what moved).
    let big = match ws
        .apply(Change::ImportProject {
            fields: fields("一万个任务".into()),
            plan: planwright::model::synthetic::plan(10_000, 7),
        })
        .expect("import")
    {
        Edit::InsertProject { project, .. } => project.id,
        _ => unreachable!("an import gives an insert"),
    };
    ws.apply(Change::Reschedule(big)).expect("first schedule");
    let plan = ws.plan(big).expect("plan");
    let task = plan
        .tasks
        .iter()
        .filter(|t| t.fields.duration_minutes > 0)
        .nth(plan.tasks.len() / 2)
        .expect("a task in the middle")
        .clone();
    let mut longer = false;
    c.bench_function(
        "edit one task + reschedule, 10k tasks (1 durable commit)",
        |b| {
            b.iter(|| {
                longer = !longer;
                let mut f = task.fields.clone();
                f.duration_minutes += if longer { 480 } else { 0 };
                ws.apply(Change::Many(vec![
                    Change::UpdateTask {
                        id: task.id,
                        fields: f,
                    },
                    Change::Reschedule(big),
                ]))
                .expect("edit");
            })
        },
    );
}

criterion_group!(benches, edits);
criterion_main!(benches);
