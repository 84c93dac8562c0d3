//! One UI pass of each requirement matrix at 5,000 requirements in the kittest harness
//! (no GPU): the traceability matrix and the requirement × customer demand matrix at
//! 5,000 × 500 while scrolling (visible cells, both sticky headers, coverage, gaps), and
//! the value × effort chart, the board and the Kano grid over the same 5,000.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use planwright::context::prefs::Prefs;
use planwright::context::view_model::WorkspaceView;
use planwright::i18n::Language;
use planwright::model::TaskId;
use planwright::model::quality::{
    QualityData, ResultStatus, RunId, TestCase, TestCaseFields, TestCaseId, TestResult, TestRun,
    TestRunFields,
};
use planwright::model::requirement::RequirementId;
use planwright::model::requirement::{DEFAULT_STATUSES, Kano, Requirement, RequirementFields};
use planwright::model::research::{
    Feedback, FeedbackFields, FeedbackId, FeedbackLink, FeedbackOrigin,
};
use planwright::report::insights::InsightsView;
use planwright::report::segment_demand::{DemandColumns, SegmentDemand};
use planwright::report::trace_matrix::{ColumnId, TraceColumns, TraceMatrix};
use planwright::ui::ViewCx;
use planwright::ui::requirements::RequirementsState;
use planwright::ui::requirements::trace_matrix::TraceState;
use planwright::ui::requirements::views::{self as views, PoolViewsState};
use planwright::ui::{FrameModel, fonts};
use std::collections::HashMap;

struct Scene {
    matrix: TraceMatrix,
    insights: InsightsView,
    state: TraceState,
    prefs: Prefs,
}

fn matrix(rows: usize, cols: usize) -> TraceMatrix {
    let mut seed = 11u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let mut cells = Vec::with_capacity(rows);
    let mut col_cover = vec![0u32; cols];
    for _ in 0..rows {
        let mut row: Vec<u32> = (0..next(4)).map(|_| next(cols as u64) as u32).collect();
        row.sort_unstable();
        row.dedup();
        for &c in &row {
            col_cover[c as usize] += 1;
        }
        cells.push(row);
    }
    TraceMatrix {
        columns_are: TraceColumns::Tasks,
        rows: (0..rows)
            .map(|i| {
                (
                    RequirementId(i as i64 + 1),
                    format!("REQ-{} 需求标题 {i}", i + 1),
                    i % 3,
                )
            })
            .collect(),
        cols: (0..cols)
            .map(|c| (ColumnId::Task(TaskId(c as i64 + 1)), format!("任务 {c}")))
            .collect(),
        cells,
        col_cover,
        coverage: Vec::new(),
        cases: Vec::new(),
    }
}

/// 5,000 requirements (an epic per 10) and 500 test cases, each linked to one to
/// three requirements, with one run's results: the matrix against test cases with its
/// coverage column.
fn test_inputs(rows: usize, cols: usize) -> (InsightsView, QualityData) {
    let mut seed = 17u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let requirements: Vec<Requirement> = (0..rows)
        .map(|i| {
            let mut f = RequirementFields::titled(&format!("需求标题 {i}"));
            if i % 10 != 0 {
                f.parent = Some(RequirementId((i - i % 10) as i64 + 1));
            }
            Requirement {
                id: RequirementId(i as i64 + 1),
                fields: f,
            }
        })
        .collect();
    let insights = InsightsView::of(Vec::new(), Vec::new(), requirements, HashMap::new());
    let cases: Vec<TestCase> = (0..cols)
        .map(|c| TestCase {
            id: TestCaseId(c as i64 + 1),
            fields: TestCaseFields {
                title: format!("用例 {c}"),
                requirements: (0..1 + next(3))
                    .map(|_| RequirementId(next(rows as u64) as i64 + 1))
                    .collect(),
                ..TestCaseFields::default()
            },
        })
        .collect();
    let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default();
    let statuses = [
        ResultStatus::Passed,
        ResultStatus::Passed,
        ResultStatus::Failed,
        ResultStatus::Blocked,
    ];
    let run = TestRun {
        id: RunId(1),
        fields: TestRunFields {
            name: "第一轮".into(),
            release: None,
            cases: cases.iter().map(|c| c.id).collect(),
            assignees: Vec::new(),
            from: None,
            to: None,
            results: cases
                .iter()
                .filter_map(|c| (next(10) < 8).then_some((c, next(4))))
                .map(|(c, s)| TestResult {
                    case: c.id,
                    status: statuses[s as usize],
                    steps: Vec::new(),
                    comment: String::new(),
                    by: String::new(),
                    at,
                })
                .collect(),
        },
    };
    let quality = QualityData {
        cases,
        runs: vec![run],
        ..QualityData::default()
    };
    (insights, quality)
}

fn matrix_pass(c: &mut Criterion) {
    let scene = Scene {
        matrix: matrix(5_000, 500),
        insights: InsightsView::default(),
        state: TraceState::default(),
        prefs: Prefs::default(),
    };
    scrolled_pass(
        c,
        scene,
        "traceability matrix UI pass, 5,000 × 500, scrolling",
    );
    let (insights, quality) = test_inputs(5_000, 500);
    c.bench_function(
        "traceability matrix against test cases built, 5,000 × 500 with coverage",
        |b| b.iter(|| TraceMatrix::test_cases(&insights, &quality, None)),
    );
    let scene = Scene {
        matrix: TraceMatrix::test_cases(&insights, &quality, None),
        insights,
        state: TraceState::default(),
        prefs: Prefs::default(),
    };
    assert_eq!(scene.matrix.rows.len(), 5_000);
    scrolled_pass(
        c,
        scene,
        "traceability matrix UI pass with the test coverage column, 5,000 × 500, scrolling",
    );
}

/// One UI pass of a matrix while it scrolls a little each frame.
fn scrolled_pass(c: &mut Criterion, scene: Scene, name: &str) {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(fonts::install_bundled)
        .build_ui_state(
            |ui, s: &mut Scene| {
                let m = FrameModel {
                    lang: Language::ZhCn,
                    view: None,
                    plan: None,
                    survey: None,
                    report: None,
                    risks: None,
                    quality: None,
                    home: None,
                    page: planwright::context::action::Page::Requirements,
                    current_project: None,
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
                planwright::ui::requirements::trace_matrix::show(
                    ui,
                    ViewCx::new(&m, &mut actions),
                    &s.insights,
                    &s.matrix,
                    &mut s.state,
                    false,
                );
            },
            scene,
        );
    harness.step();
    c.bench_function(name, |b| {
        b.iter(|| {
            let s = harness.state_mut();
            s.state.first_row = (s.state.first_row + 7.0) % 4_900.0;
            s.state.first_col = (s.state.first_col + 3.0) % 450.0;
            harness.step();
        })
    });
}

/// 5,000 requirements, scored, and 20,000 feedback items from 500 customers in 12
/// segments, each linked to one to three requirements.
fn pool_view() -> WorkspaceView {
    let mut rng = 23u64;
    let mut next = |n: u64| {
        rng = rng
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (rng >> 33) % n
    };
    let requirements: Vec<Requirement> = (0..5_000)
        .map(|i| {
            let mut f = RequirementFields::titled(&format!("需求标题 {i}"));
            if i % 50 != 0 {
                f.parent = Some(RequirementId((i / 50 * 50) as i64 + 1));
            }
            f.status = DEFAULT_STATUSES[next(7) as usize].into();
            f.priority = Some(next(4) as u8);
            f.scores.value = Some(1.0 + next(10) as f64);
            f.scores.effort = Some(0.5 + next(16) as f64 / 2.0);
            f.scores.kano = Kano::ALL.get(next(6) as usize).copied();
            Requirement {
                id: RequirementId(i as i64 + 1),
                fields: f,
            }
        })
        .collect();
    let feedback: Vec<Feedback> = (0..20_000)
        .map(|i| {
            let customer = next(500);
            let mut links: Vec<FeedbackLink> = (0..1 + next(3))
                .map(|_| FeedbackLink {
                    requirement: RequirementId(1 + next(5_000) as i64),
                    importance: next(4) as u8,
                })
                .collect();
            links.sort_by_key(|l| l.requirement);
            links.dedup_by_key(|l| l.requirement);
            Feedback {
                id: FeedbackId(i + 1),
                fields: FeedbackFields {
                    text: format!("反馈 {i}"),
                    origin: FeedbackOrigin::Manual,
                    customer: format!("客户 {customer}"),
                    segment: format!("用户群 {}", customer % 12),
                    links,
                },
            }
        })
        .collect();
    WorkspaceView {
        revision: 1,
        path: Default::default(),
        read_only: false,
        projects: Vec::new(),
        calendars: Vec::new(),
        calendar_definitions: Vec::new(),
        counts: Vec::new(),
        surveys: Vec::new(),
        insights: InsightsView::of(Vec::new(), feedback, requirements, HashMap::new()),
        recent_edits: Vec::new(),
        next_undo: None,
        next_redo: None,
    }
}

struct ListScene {
    view: WorkspaceView,
    state: RequirementsState,
    prefs: Prefs,
}

struct PoolScene {
    view: WorkspaceView,
    state: PoolViewsState,
    prefs: Prefs,
    show: fn(&mut egui::Ui, &FrameModel<'_>, &WorkspaceView, &mut PoolViewsState),
}

fn pool_harness(
    show: fn(&mut egui::Ui, &FrameModel<'_>, &WorkspaceView, &mut PoolViewsState),
) -> Harness<'static, PoolScene> {
    let mut state = PoolViewsState::default();
    state.demand_columns = DemandColumns::Customers;
    let scene = PoolScene {
        view: pool_view(),
        state,
        prefs: Prefs::default(),
        show,
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(fonts::install_bundled)
        .build_ui_state(
            |ui, s: &mut PoolScene| {
                let m = FrameModel {
                    lang: Language::ZhCn,
                    view: None,
                    plan: None,
                    survey: None,
                    report: None,
                    risks: None,
                    quality: None,
                    home: None,
                    page: planwright::context::action::Page::Requirements,
                    current_project: None,
                    job: None,
                    status: None,
                    prefs: &s.prefs,
                    demo_path: None,
                    missing_workspace: None,
                    recent_missing: &[],
                    crash: None,
                    files_hovering: false,
                };
                (s.show)(ui, &m, &s.view, &mut s.state);
            },
            scene,
        );
    harness.step();
    harness
}

fn pool_views(c: &mut Criterion) {
    let mut group = c.benchmark_group("pool views, 5,000 requirements");
    group.sample_size(30);
    let mut h = pool_harness(views::segments);
    let size = {
        let s = h.state();
        let d = SegmentDemand::build(&s.view.insights, DemandColumns::Customers);
        (d.rows.len(), d.cols.len())
    };
    group.bench_function(
        format!(
            "demand matrix UI pass, {} × {} customers, scrolling",
            size.0, size.1
        ),
        |b| {
            b.iter(|| {
                let s = h.state_mut();
                s.state.segments.first_row = (s.state.segments.first_row + 7.0) % 4_000.0;
                s.state.segments.first_col = (s.state.segments.first_col + 3.0) % 450.0;
                h.step();
            })
        },
    );
    let mut h = pool_harness(|ui, m, view, state| {
        views::value_effort(ui, ViewCx::new(m, &mut Vec::new()), view, state)
    });
    group.bench_function("value × effort chart UI pass", |b| b.iter(|| h.step()));
    let mut h =
        pool_harness(|ui, m, view, _| views::board(ui, ViewCx::new(m, &mut Vec::new()), view));
    group.bench_function("board UI pass", |b| b.iter(|| h.step()));
    let mut h = pool_harness(|ui, m, view, _| views::kano(ui, m, view));
    group.bench_function("Kano grid UI pass", |b| b.iter(|| h.step()));
    // The list: the tree of 5,000 in the virtualised table, one selected in the detail
    // panel beside it.
    let mut list = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_context_setup(fonts::install_bundled)
        .build_ui_state(
            |ui, s: &mut ListScene| {
                let m = FrameModel {
                    lang: Language::ZhCn,
                    view: Some(&s.view),
                    plan: None,
                    survey: None,
                    report: None,
                    risks: None,
                    quality: None,
                    home: None,
                    page: planwright::context::action::Page::Requirements,
                    current_project: None,
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
                planwright::ui::requirements::show(
                    ui,
                    ViewCx::new(&m, &mut actions),
                    &s.view,
                    &mut s.state,
                    &mut None,
                );
            },
            ListScene {
                view: pool_view(),
                state: {
                    let mut state = RequirementsState::default();
                    state.selected = Some(RequirementId(2));
                    state
                },
                prefs: Prefs::default(),
            },
        );
    list.step();
    group.bench_function("requirements list UI pass (tree, detail panel)", |b| {
        b.iter(|| list.step())
    });
    group.finish();
}

criterion_group!(benches, matrix_pass, pool_views);
criterion_main!(benches);
