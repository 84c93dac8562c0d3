//! How long a schedule risk simulation takes (budgets: 1,000 tasks × 10,000
//! iterations ≤ 1 s; 10,000 tasks × 1,000 iterations ≤ 2 s, on all cores), every task
//! estimated (PERT, −10 % / +30 %) and five risk events from the register.

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use planwright::model::estimate::{Distribution, Estimate};
use planwright::model::risk::{RiskFields, ScheduleEffect};
use planwright::model::simulation::Control;
use planwright::model::{CalendarId, Change, ProjectFields};
use planwright::report::schedule_risk::Simulation;
use planwright::store::Workspace;

fn workspace(dir: &std::path::Path, tasks: usize) -> Workspace {
    let mut ws = Workspace::create(&dir.join(format!("bench-{tasks}.planwright"))).expect("ws");
    let mut plan = planwright::model::synthetic::plan(tasks, 1);
    for t in &mut plan.tasks {
        let d = t.fields.duration_minutes;
        if d > 0 {
            t.fields.estimate = Some(Estimate::from_range(d, -10, 30, Distribution::Pert));
        }
    }
    ws.apply(Change::ImportProject {
        fields: ProjectFields {
            name: format!("{tasks} tasks"),
            start_date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            calendar: CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        },
        plan,
    })
    .expect("import");
    let project = ws.projects().expect("projects").remove(0);
    let ids: Vec<_> = ws
        .plan(project.id)
        .expect("plan")
        .tasks
        .iter()
        .map(|t| t.id)
        .collect();
    for k in 0..5 {
        let mut risk = RiskFields::titled(&format!("risk {k}"));
        risk.project = Some(project.id);
        risk.effect = Some(ScheduleEffect {
            tasks: ids
                .iter()
                .skip(k * ids.len() / 5 + 3)
                .step_by(97)
                .take(3)
                .copied()
                .collect(),
            min_days: 1.0,
            likely_days: 3.0,
            max_days: 8.0,
        });
        ws.apply(Change::AddRisk(risk)).expect("risk");
    }
    ws
}

fn simulation(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut group = c.benchmark_group("schedule risk");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    for (tasks, iterations) in [(1_000, 10_000), (10_000, 1_000)] {
        let ws = workspace(dir.path(), tasks);
        let project = ws.projects().expect("projects").remove(0);
        let sim = Simulation::read(&ws, &project).expect("read");
        let r = sim
            .run(iterations, 1, &Control::default())
            .expect("run")
            .expect("done");
        println!(
            "{tasks} tasks: {} estimated, {} risk events, P50 {} P80 {}",
            r.estimated_tasks, r.risk_events, r.finish.p50, r.finish.p80
        );
        group.bench_function(format!("{tasks} tasks × {iterations} iterations"), |b| {
            b.iter(|| black_box(sim.run(iterations, 1, &Control::default()).expect("run")))
        });
        group.bench_function(format!("{tasks} tasks: read the plan and risks"), |b| {
            b.iter(|| black_box(Simulation::read(&ws, &project).expect("read")))
        });
    }
    group.finish();
}

criterion_group!(benches, simulation);
criterion_main!(benches);
