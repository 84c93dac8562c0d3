//! The traceability matrix: requirements × tasks, releases or feedback on the
//! virtualised grid; a click links or unlinks, gaps are marked (a requirement linked to
//! nothing, a column no requirement uses) and each row and column shows its coverage.

use crate::ui::ViewCx;
use egui::Vec2;

use crate::context::action::Action;
use crate::model::quality::Coverage;
use crate::report::insights::InsightsView;
use crate::report::trace_matrix::{ColumnId, TraceMatrix};
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
        col_header: &|c| match matrix.cols[c].0 {
            ColumnId::Coverage => Header {
                text: m.t("trace.coverage"),
                depth: 0,
                note: format!("{} OK", matrix.col_cover[c]),
                gap: false,
            },
            _ => Header {
                text: matrix.cols[c].1.clone(),
                depth: 0,
                note: matrix.col_cover[c].to_string(),
                gap: matrix.col_cover[c] == 0,
            },
        },
        cell: &|painter, rect, r, c| {
            // Against test cases, the first column is the requirement's coverage.
            if c == 0
                && let Some(cov) = matrix.coverage_of(r)
            {
                let colour = coverage_colour(&palette, cov);
                let mark = egui::Rect::from_center_size(rect.center(), Vec2::new(16.0, 12.0));
                if cov == Coverage::Uncovered {
                    painter.rect_stroke(
                        mark,
                        2.0,
                        egui::Stroke::new(1.0, colour),
                        egui::StrokeKind::Inside,
                    );
                } else {
                    painter.rect_filled(mark, 2.0, colour);
                }
                return;
            }
            if matrix.linked(r, c) {
                painter.rect_filled(
                    egui::Rect::from_center_size(rect.center(), Vec2::splat(12.0)),
                    2.0,
                    palette.accent,
                );
            }
        },
        tooltip: &|r, c| match (matrix.cols[c].0, matrix.coverage_of(r)) {
            (ColumnId::Coverage, Some(cov)) => format!(
                "{}\n{}",
                matrix.rows[r].1,
                m.t(&format!("quality.coverage.{}", cov.code()))
            ),
            _ => format!("{}\n{}", matrix.rows[r].1, matrix.cols[c].1),
        },
    };
    if let Some((r, c)) = crate::ui::matrix_grid::show(ui, &grid, state)
        && !read_only
        && let Some(change) = matrix.toggle(insights, r, c)
    {
        actions.push(Action::Apply(change));
    }
}

/// A coverage status's colour: OK green, NOK red, NOT RUN amber, the rest muted.
pub fn coverage_colour(palette: &theme::Palette, c: Coverage) -> egui::Color32 {
    match c {
        Coverage::Ok => palette.success,
        Coverage::Nok => palette.danger,
        Coverage::NotRun => palette.warning,
        Coverage::Unknown | Coverage::Uncovered => palette.muted_text,
    }
}
