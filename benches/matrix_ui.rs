//! One UI pass of the traceability matrix at 5,000 requirements × 500 columns while
//! scrolling, in the kittest harness (no GPU): the visible cells, both sticky headers,
//! coverage and gaps.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use planwright::app::prefs::Prefs;
use planwright::i18n::Language;
use planwright::model::TaskId;
use planwright::model::requirement::RequirementId;
use planwright::report::insights::InsightsView;
use planwright::report::trace_matrix::{ColumnId, TraceColumns, TraceMatrix};
use planwright::ui::trace_matrix::TraceState;
use planwright::ui::{FrameModel, fonts};

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
    }
}

fn matrix_pass(c: &mut Criterion) {
    let scene = Scene {
        matrix: matrix(5_000, 500),
        insights: InsightsView::default(),
        state: TraceState::default(),
        prefs: Prefs::default(),
    };
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
                    page: planwright::app::action::Page::Requirements,
                    current_project: None,
                    job: None,
                    status: None,
                    prefs: &s.prefs,
                    demo_path: None,
                    files_hovering: false,
                };
                let mut actions = Vec::new();
                planwright::ui::trace_matrix::show(
                    ui,
                    &m,
                    &s.insights,
                    &s.matrix,
                    &mut s.state,
                    false,
                    &mut actions,
                );
            },
            scene,
        );
    harness.step();
    c.bench_function(
        "traceability matrix UI pass, 5,000 × 500, scrolling",
        |b| {
            b.iter(|| {
                let s = harness.state_mut();
                s.state.first_row = (s.state.first_row + 7.0) % 4_900.0;
                s.state.first_col = (s.state.first_col + 3.0) % 450.0;
                harness.step();
            })
        },
    );
}

criterion_group!(benches, matrix_pass);
criterion_main!(benches);
