//! Demand by segment or by customer on the virtualised grid.

use super::PoolViewsState;
use crate::context::view_model::WorkspaceView;
use crate::report::segment_demand::{DemandColumns, SegmentDemand};
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;

/// Demand per requirement and customer segment (or customer), from linked feedback, on
/// the virtualised grid; the most demanded requirements and segments first.
pub fn segments(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut PoolViewsState,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        ui.label(m.t("trace.columns"));
        for (c, key) in [
            (DemandColumns::Segments, "pool.by_segment"),
            (DemandColumns::Customers, "pool.by_customer"),
        ] {
            ui.selectable_value(&mut state.demand_columns, c, m.t(key));
        }
    });
    let fresh = state
        .demand
        .as_ref()
        .is_some_and(|(r, d)| *r == view.revision && d.columns_are == state.demand_columns);
    if !fresh {
        state.demand = Some((
            view.revision,
            SegmentDemand::build(&view.insights, state.demand_columns),
        ));
    }
    let Some((_, matrix)) = &state.demand else {
        return;
    };
    if matrix.rows.is_empty() {
        ui.label(RichText::new(m.t("requirements.no_feedback")).color(palette.muted_text));
        return;
    }
    let unnamed = m.t("pool.no_segment");
    let col_name = |c: usize| -> &str {
        let name = matrix.cols[c].as_str();
        if name.is_empty() { &unnamed } else { name }
    };
    let strong_text = ui.visuals().strong_text_color();
    let strongest = matrix
        .cells
        .iter()
        .flatten()
        .map(|c| c.1)
        .max()
        .unwrap_or(1)
        .max(1);
    let grid = crate::ui::matrix_grid::Grid {
        name: m.t("pool.segments"),
        rows: matrix.rows.len(),
        cols: matrix.cols.len(),
        cell_width: 34.0,
        corner: vec![
            (m.t("pool.segments_corner"), palette.muted_text),
            (
                crate::i18n::tr_with(
                    m.lang,
                    "pool.segments_size",
                    &[
                        ("rows", &matrix.rows.len().to_string()),
                        ("cols", &matrix.cols.len().to_string()),
                    ],
                ),
                palette.muted_text,
            ),
        ],
        row_header: &|r| crate::ui::matrix_grid::Header {
            text: matrix.rows[r].1.clone(),
            depth: 0,
            note: matrix.rows[r].2.to_string(),
            gap: false,
        },
        col_header: &|c| crate::ui::matrix_grid::Header {
            text: col_name(c).to_owned(),
            depth: 0,
            note: matrix.col_total[c].to_string(),
            gap: false,
        },
        cell: &|painter, rect, r, c| {
            let n = matrix.demand(r, c);
            if n > 0 {
                // Deeper for more demand, relative to the strongest cell.
                let strength = n as f32 / strongest as f32;
                painter.rect_filled(
                    rect.shrink(2.0),
                    2.0,
                    palette.accent.gamma_multiply(0.15 + 0.6 * strength),
                );
                painter.text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    n.to_string(),
                    egui::FontId::proportional(size::TEXT_S),
                    strong_text,
                );
            }
        },
        tooltip: &|r, c| {
            crate::i18n::tr_with(
                m.lang,
                "pool.segment_tip",
                &[
                    ("requirement", &matrix.rows[r].1),
                    ("segment", col_name(c)),
                    ("n", &matrix.demand(r, c).to_string()),
                ],
            )
        },
    };
    crate::ui::matrix_grid::show(ui, &grid, &mut state.segments);
}
