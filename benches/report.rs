//! How long the weekly report of a 10,000-task project takes to build from the
//! workspace and render (budgets: ≤ 50 ms to Markdown, ≤ 300 ms to PDF).

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use planwright::i18n::Language;
use planwright::model::{CalendarId, Change, ProjectFields};
use planwright::report::document;
use planwright::report::weekly::{self, Period};

fn report(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.planwright");
    let mut ws = planwright::store::Workspace::create(&path).expect("workspace");
    ws.apply(Change::ImportProject {
        fields: ProjectFields {
            name: "一万个任务".into(),
            start_date: NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            calendar: CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        },
        plan: planwright::model::synthetic::plan(10_000, 1),
    })
    .expect("import");
    let project = ws.projects().expect("projects").remove(0);
    ws.apply(Change::Reschedule(project.id)).expect("schedule");
    let period = Period::week_of(NaiveDate::from_ymd_opt(2027, 6, 7).unwrap());
    c.bench_function("weekly report, 10,000 tasks: facts", |b| {
        b.iter(|| black_box(weekly::weekly(&ws, &project, period).expect("report")))
    });
    let r = weekly::weekly(&ws, &project, period).expect("report");
    println!(
        "completed {}, not completed {}, next {}",
        r.completed.len(),
        r.not_completed.len(),
        r.next.len()
    );
    c.bench_function("weekly report, 10,000 tasks: facts + Markdown", |b| {
        b.iter(|| {
            let r = weekly::weekly(&ws, &project, period).expect("report");
            let doc = weekly::document(&r, Language::ZhCn, &Default::default());
            black_box(document::to_markdown(&doc))
        })
    });
    let doc = weekly::document(&r, Language::ZhCn, &Default::default());
    let pdf = document::to_pdf(&doc).expect("pdf");
    println!("PDF: {} bytes", pdf.len());
    c.bench_function("weekly report, 10,000 tasks: facts + PDF", |b| {
        b.iter(|| {
            let r = weekly::weekly(&ws, &project, period).expect("report");
            let doc = weekly::document(&r, Language::ZhCn, &Default::default());
            black_box(document::to_pdf(&doc).expect("pdf"))
        })
    });
    c.bench_function("weekly report, 10,000 tasks: facts + DOCX", |b| {
        b.iter(|| {
            let r = weekly::weekly(&ws, &project, period).expect("report");
            let doc = weekly::document(&r, Language::ZhCn, &Default::default());
            black_box(document::to_docx(&doc).expect("docx"))
        })
    });
}

criterion_group!(benches, report);
criterion_main!(benches);
