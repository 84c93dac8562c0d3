//! One UI pass of the Gantt view with 100,000 tasks while scrolling, in the kittest
//! harness (no GPU): layout and painting of the visible rows, bars and arrows.

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use planwright::context::prefs::Prefs;
use planwright::context::view_model::WorkspaceView;
use planwright::i18n::Language;
use planwright::model::{CalendarId, Change, ProjectFields};
use planwright::report::plan_view::PlanView;
use planwright::store::Workspace;
use planwright::ui::ViewCx;
use planwright::ui::gantt::GanttState;
use planwright::ui::{FrameModel, fonts};

struct Scene {
    view: WorkspaceView,
    plan: PlanView,
    state: GanttState,
    prefs: Prefs,
}

fn scene(tasks: usize) -> (tempfile::TempDir, Scene) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::create(&dir.path().join("ui.planwright")).unwrap();
    ws.apply(Change::ImportProject {
        fields: ProjectFields {
            name: "UI".into(),
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap(),
            calendar: CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        },
        plan: planwright::model::synthetic::plan(tasks, 9),
    })
    .unwrap();
    let project = ws.projects().unwrap().remove(0);
    ws.apply(Change::Reschedule(project.id)).unwrap();
    let scene = Scene {
        view: WorkspaceView::build(&ws).unwrap(),
        plan: PlanView::build(&ws, &project).unwrap(),
        state: GanttState::default(),
        prefs: Prefs::default(),
    };
    (dir, scene)
}

fn gantt_pass(c: &mut Criterion) {
    let (_dir, scene) = scene(100_000);
    println!("rows: {}", scene.plan.rows.len());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(fonts::install_bundled)
        .build_ui_state(
            |ui, s: &mut Scene| {
                let m = FrameModel {
                    lang: Language::ZhCn,
                    view: Some(&s.view),
                    plan: Some(&s.plan),
                    survey: None,
                    report: None,
                    risks: None,
                    quality: None,
                    home: None,
                    page: planwright::context::action::Page::Gantt,
                    current_project: Some(s.plan.project),
                    job: None,
                    status: None,
                    prefs: &s.prefs,
                    demo_path: None,
                    missing_workspace: None,
                    recent_missing: &[],
                    crash: None,
                    files_hovering: false,
                };
                let mut actions = Vec::new();
                planwright::ui::gantt::show(
                    ui,
                    ViewCx::new(&m, &mut actions),
                    &s.plan,
                    &mut s.state,
                );
            },
            scene,
        );
    harness.step();
    let rows = harness.state().plan.rows.len() as f32;
    c.bench_function("Gantt UI pass, 100k tasks, scrolling", |b| {
        b.iter(|| {
            let s = harness.state_mut();
            s.state.first_row = (s.state.first_row + 7.0) % (rows - 60.0);
            s.state.pan_days = (s.state.pan_days + 3.0) % 900.0;
            harness.step();
        })
    });
}

criterion_group!(benches, gantt_pass);
criterion_main!(benches);
