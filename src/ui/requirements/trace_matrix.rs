//! The traceability matrix: requirements × tasks, releases or feedback on the
//! virtualised grid; a click links or unlinks, gaps are marked (a requirement linked to
//! nothing, a column no requirement uses) and each row and column shows its coverage.

use crate::ui::ViewCx;
use egui::Vec2;

use crate::context::action::Action;
use crate::report::insights::InsightsView;
use crate::report::trace_matrix::TraceMatrix;
use crate::ui::matrix_grid::{Grid, GridState, Header};
use crate::ui::theme;

/// Where the matrix is scrolled to.
pub type TraceState = GridState;

/// Draws the matrix; a click on a cell pushes the link or unlink.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    matrix: &TraceMatrix,
    state: &mut TraceState,
    read_only: bool,
) {
    let palette = theme::palette(ui.visuals());
    let grid = Grid {
        name: m.t("trace.title"),
        rows: matrix.rows.len(),
        cols: matrix.cols.len(),
        cell_width: 22.0,
        corner: vec![
            (
                crate::i18n::tr_with(
                    m.lang,
                    "trace.gaps",
                    &[
                        ("rows", &matrix.uncovered_rows().to_string()),
                        ("cols", &matrix.uncovered_cols().to_string()),
                    ],
                ),
                palette.danger,
            ),
            (
                crate::i18n::tr_with(
                    m.lang,
                    "trace.size",
                    &[
                        ("rows", &matrix.rows.len().to_string()),
                        ("cols", &matrix.cols.len().to_string()),
                    ],
                ),
                palette.muted_text,
            ),
        ],
        row_header: &|r| {
            let (_, label, depth) = &matrix.rows[r];
            Header {
                text: label.clone(),
                depth: *depth,
                note: matrix.cells[r].len().to_string(),
                gap: matrix.cells[r].is_empty(),
            }
        },
        col_header: &|c| Header {
            text: matrix.cols[c].1.clone(),
            depth: 0,
            note: matrix.col_cover[c].to_string(),
            gap: matrix.col_cover[c] == 0,
        },
        cell: &|painter, rect, r, c| {
            if matrix.linked(r, c) {
                painter.rect_filled(
                    egui::Rect::from_center_size(rect.center(), Vec2::splat(12.0)),
                    2.0,
                    palette.accent,
                );
            }
        },
        tooltip: &|r, c| format!("{}\n{}", matrix.rows[r].1, matrix.cols[c].1),
    };
    if let Some((r, c)) = crate::ui::matrix_grid::show(ui, &grid, state)
        && !read_only
        && let Some(change) = matrix.toggle(insights, r, c)
    {
        actions.push(Action::Apply(change));
    }
}
