//! The Requirements page's other views: the traceability matrix, a board by status
//! (drag a card to another column), the value × effort 2×2 (drag a point to re-score),
//! the Kano grid and the requirement × segment demand matrix.
mod board;
mod kano_grid;
mod segments;
mod value_effort;

pub use board::board;
pub use kano_grid::kano;
pub use segments::segments;
pub use value_effort::value_effort;

use crate::context::view_model::WorkspaceView;
use crate::model::requirement::{RequirementFields, RequirementId};
use crate::report::segment_demand::{DemandColumns, SegmentDemand};
use crate::report::trace_matrix::{TraceColumns, TraceMatrix};
use crate::ui::ViewCx;
use crate::ui::requirements::trace_matrix::TraceState;

/// Which view of the pool the page shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PoolView {
    #[default]
    List,
    Ranking,
    Trace,
    Board,
    ValueEffort,
    Kano,
    Segments,
}

impl PoolView {
    pub const ALL: [PoolView; 7] = [
        PoolView::List,
        PoolView::Ranking,
        PoolView::Trace,
        PoolView::Board,
        PoolView::ValueEffort,
        PoolView::Kano,
        PoolView::Segments,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            PoolView::List => "pool.list",
            PoolView::Ranking => "pool.ranking",
            PoolView::Trace => "pool.trace",
            PoolView::Board => "pool.board",
            PoolView::ValueEffort => "pool.value_effort",
            PoolView::Kano => "pool.kano",
            PoolView::Segments => "pool.segments",
        }
    }
}

/// What the views keep between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PoolViewsState {
    pub columns: TraceColumns,
    pub trace: TraceState,
    /// The release whose test coverage the matrix against test cases shows.
    pub trace_release: Option<crate::model::requirement::ReleaseId>,
    /// The matrix with what it was built for.
    matrix: Option<(MatrixKey, TraceMatrix)>,
    pub ranking: crate::ui::requirements::ranking::RankingState,
    pub demand_columns: DemandColumns,
    pub segments: crate::ui::matrix_grid::GridState,
    /// The demand matrix for a revision.
    demand: Option<(u64, SegmentDemand)>,
    /// The point being dragged on the 2×2: (requirement, value, effort).
    dragging: Option<(RequirementId, f64, f64)>,
}

/// What a matrix was built for: revision, columns, project, release.
type MatrixKey = (
    u64,
    TraceColumns,
    Option<crate::model::ProjectId>,
    Option<crate::model::requirement::ReleaseId>,
);

fn with(
    stored: &RequirementFields,
    change: impl FnOnce(&mut RequirementFields),
) -> RequirementFields {
    let mut f = stored.clone();
    change(&mut f);
    f
}

/// The traceability matrix with its column choice.
pub fn trace(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
) {
    ui.horizontal(|ui| {
        ui.label(m.t("trace.columns"));
        for (c, key) in [
            (TraceColumns::Tasks, "trace.tasks"),
            (TraceColumns::Releases, "trace.releases"),
            (TraceColumns::Feedback, "trace.feedback"),
            (TraceColumns::TestCases, "trace.test_cases"),
        ] {
            ui.selectable_value(&mut state.columns, c, m.t(key));
        }
        if state.columns == TraceColumns::TestCases {
            ui.separator();
            let l = ui.label(m.t("trace.coverage_release"));
            crate::ui::quality::release_choice(
                ui,
                "trace-release",
                &m.t("trace.coverage_release"),
                &view.insights.releases,
                &m.t("quality.scope_all"),
                &mut state.trace_release,
            )
            .labelled_by(l.id);
        }
    });
    let project = m.plan.map(|p| p.project);
    if state.columns == TraceColumns::Tasks && m.plan.is_none() {
        ui.label(m.t("req.pick_project"));
        return;
    }
    let release = state.trace_release;
    let fresh = state.matrix.as_ref().is_some_and(|((r, c, p, rel), _)| {
        *r == view.revision
            && *c == state.columns
            && (*c != TraceColumns::Tasks || *p == project)
            && (*c != TraceColumns::TestCases || *rel == release)
    });
    if !fresh {
        let matrix = match state.columns {
            TraceColumns::Tasks => {
                let tasks: Vec<(crate::model::TaskId, String)> = m
                    .plan
                    .map(|p| {
                        p.rows
                            .iter()
                            .filter(|r| !r.summary)
                            .map(|r| (r.task, r.name.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                TraceMatrix::tasks(&view.insights, &tasks)
            }
            TraceColumns::Releases => TraceMatrix::releases(&view.insights),
            TraceColumns::Feedback => TraceMatrix::feedback(&view.insights),
            // The test data is read for this view from the next frame on: until it
            // is read at this revision, draw again rather than keep an empty matrix.
            TraceColumns::TestCases => match m.quality {
                Some(q) if q.revision() == Some(view.revision) => {
                    TraceMatrix::test_cases(&view.insights, &q.data, release)
                }
                _ => {
                    ui.ctx().request_repaint();
                    return;
                }
            },
        };
        state.matrix = Some(((view.revision, state.columns, project, release), matrix));
    }
    if let Some((_, matrix)) = &state.matrix {
        crate::ui::requirements::trace_matrix::show(
            ui,
            ViewCx::new(m, actions),
            &view.insights,
            matrix,
            &mut state.trace,
            view.read_only,
        );
    }
}
