//! The schedule budgets of DESIGN.md: full reschedule of 100,000 tasks with 150,000
//! links; a reschedule at 10,000 tasks (the upper bound of "one edit" until rescheduling
//! is incremental); reading a 10,000-task MS Project XML file.

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use planwright::io::mspdi;
use planwright::model::ProjectId;
use planwright::model::plan::{CalendarTable, Plan, PlanToSchedule, schedule_plan};
use planwright::model::schedule::{self, NetLink, NetTask, Network};
use planwright::model::synthetic;
use planwright::model::work_calendar::WorkCalendar;

fn plan(work_tasks: usize) -> Plan {
    synthetic::plan(work_tasks, 42)
        .with_ids(
            ProjectId(1),
            planwright::model::plan::FirstIds {
                calendar: 10,
                task: 1,
                dependency: 1,
                resource: 1,
                assignment: 1,
            },
        )
        .expect("a valid synthetic plan")
}

/// The same plan as the integer network the CPM runs on.
fn network(plan: &Plan) -> Network {
    let first = plan.tasks[0].id.0;
    let idx = |id: planwright::model::TaskId| (id.0 - first) as usize;
    Network {
        tasks: plan
            .tasks
            .iter()
            .map(|t| NetTask {
                duration: t.fields.duration_minutes,
                parent: t.fields.parent.map(idx),
                constraint: t.fields.constraint,
                constraint_at: None,
                elapsed: false,
                deadline_at: None,
                calendar: 0,
                own_calendar: 0,
                manual_start: None,
                pinned_at_period_end: false,
                actual_start: None,
                finished: false,
                work_parts: Box::default(),
            })
            .collect(),
        links: plan
            .dependencies
            .iter()
            .map(|d| NetLink {
                pred: idx(d.predecessor),
                succ: idx(d.successor),
                kind: d.kind,
                lag: d.lag,
                lag_elapsed: false,
            })
            .collect(),
    }
}

/// A minimal MSPDI document for a plan, as MS Project lays it out.
fn mspdi_text(plan: &Plan) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Project xmlns="http://schemas.microsoft.com/project"><StartDate>2027-01-04T08:00:00</StartDate><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID><Name>Standard</Name></Calendar></Calendars><Tasks>"#,
    );
    let depth = |t: &planwright::model::Task| {
        let mut d = 1;
        let mut p = t.fields.parent;
        while let Some(id) = p {
            d += 1;
            p = plan
                .tasks
                .iter()
                .find(|x| x.id == id)
                .and_then(|x| x.fields.parent);
        }
        d
    };
    for t in &plan.tasks {
        let _ = write!(
            x,
            "<Task><UID>{}</UID><ID>{}</ID><Name>{}</Name><OutlineLevel>{}</OutlineLevel><Duration>PT{}H0M0S</Duration><DurationFormat>7</DurationFormat><Start>2027-01-04T08:00:00</Start><Finish>2027-01-05T17:00:00</Finish>",
            t.id.0,
            t.id.0,
            t.fields.name,
            depth(t),
            t.fields.duration_minutes / 60
        );
        for d in plan.dependencies.iter().filter(|d| d.successor == t.id) {
            let _ = write!(
                x,
                "<PredecessorLink><PredecessorUID>{}</PredecessorUID><Type>1</Type><LinkLag>{}</LinkLag><LagFormat>7</LagFormat></PredecessorLink>",
                d.predecessor.0,
                d.lag * 10
            );
        }
        x.push_str("</Task>");
    }
    x.push_str("</Tasks></Project>");
    x
}

fn benches(c: &mut Criterion) {
    let calendar = WorkCalendar::standard();
    let start = NaiveDate::from_ymd_opt(2027, 1, 4).expect("date");

    let big = plan(100_000);
    let net = network(&big);
    println!(
        "100k plan: {} tasks, {} links",
        big.tasks.len(),
        big.dependencies.len()
    );
    c.bench_function("CPM passes, 100k tasks / 150k links", |b| {
        b.iter(|| black_box(schedule::schedule(&net, 0, 0).expect("schedules")))
    });
    c.bench_function("full reschedule with dates, 100k tasks / 150k links", |b| {
        b.iter(|| {
            black_box(
                schedule_plan(start, &calendar, &big.tasks, &big.dependencies, 0)
                    .expect("schedules"),
            )
        })
    });
    // The same plan with every hundredth task on a 24-hour task calendar: the passes
    // then count on the union of the calendars and convert for every task.
    let mut mixed = big.clone();
    let around_the_clock = planwright::model::CalendarId(999);
    for t in mixed.tasks.iter_mut().step_by(100) {
        t.fields.calendar = Some(around_the_clock);
    }
    let table = planwright::model::plan::CalendarTable::from([(
        around_the_clock,
        WorkCalendar::twenty_four_hours(),
    )]);
    c.bench_function(
        "full reschedule with dates, 100k tasks, 1% on a task calendar",
        |b| {
            b.iter(|| {
                black_box(
                    planwright::model::plan::PlanToSchedule {
                        start,
                        start_time: chrono::NaiveTime::MIN,
                        calendar: &calendar,
                        calendars: &table,
                        tasks: &mixed.tasks,
                        dependencies: &mixed.dependencies,
                        resources: &[],
                        assignments: &[],
                        critical_limit_minutes: 0,
                    }
                    .schedule()
                    .expect("schedules"),
                )
            })
        },
    );
    // One edit of the 100k plan, rescheduled from the memo of the run before: a task
    // with slack (only its neighbourhood moves), and a critical one (the finish moves,
    // so every late date does).
    let plain = CalendarTable::new();
    let to_schedule =
        |tasks: &[planwright::model::Task]| -> Vec<planwright::model::plan::TaskSchedule> {
            PlanToSchedule {
                start,
                start_time: chrono::NaiveTime::MIN,
                calendar: &calendar,
                calendars: &plain,
                tasks,
                dependencies: &big.dependencies,
                resources: &[],
                assignments: &[],
                critical_limit_minutes: 0,
            }
            .schedule()
            .expect("schedules")
        };
    let first = to_schedule(&big.tasks);
    let pick = |critical: bool| {
        let s = first
            .iter()
            .find(|s| {
                !s.summary
                    && s.critical == critical
                    && (critical || s.total_slack_minutes > 2 * 480)
            })
            .expect("such a task");
        big.tasks
            .iter()
            .position(|t| t.id == s.task)
            .expect("in the plan")
    };
    for (label, at) in [
        (
            "one edit at 100k tasks, a task with slack, from the memo",
            pick(false),
        ),
        (
            "one edit at 100k tasks, a critical task, from the memo",
            pick(true),
        ),
    ] {
        let mut tasks = big.tasks.clone();
        let mut memo: Option<planwright::model::plan::PlanMemo> = None;
        let mut longer = false;
        c.bench_function(label, |b| {
            b.iter(|| {
                longer = !longer;
                tasks[at].fields.duration_minutes += if longer { 480 } else { -480 };
                let next = PlanToSchedule {
                    start,
                    start_time: chrono::NaiveTime::MIN,
                    calendar: &calendar,
                    calendars: &plain,
                    tasks: &tasks,
                    dependencies: &big.dependencies,
                    resources: &[],
                    assignments: &[],
                    critical_limit_minutes: 0,
                }
                .schedule_from(memo.take())
                .expect("schedules");
                memo = Some(black_box(next));
            })
        });
    }
    let ten_k = plan(10_000);
    c.bench_function("full reschedule with dates, 10k tasks", |b| {
        b.iter(|| {
            black_box(
                schedule_plan(start, &calendar, &ten_k.tasks, &ten_k.dependencies, 0)
                    .expect("schedules"),
            )
        })
    });
    let xml = mspdi_text(&ten_k);
    println!("10k MSPDI: {} KB", xml.len() / 1024);
    c.bench_function("MSPDI read, 10k tasks", |b| {
        b.iter(|| {
            let p =
                mspdi::parse(xml.as_bytes(), std::path::Path::new("bench.xml")).expect("parses");
            black_box(p.to_draft())
        })
    });
}

criterion_group!(schedule_benches, benches);
criterion_main!(schedule_benches);
