//! The traceability matrix widget: only the visible cells are drawn, the row and column
//! headers stay in place while the cells scroll (wheel, or drag the scrollbars), a click
//! links or unlinks, gaps are marked (a requirement linked to nothing, a column no
//! requirement uses) and each row and column shows its coverage.

use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::{FrameModel, theme};
use crate::app::action::Action;
use crate::report::insights::InsightsView;
use crate::report::trace_matrix::TraceMatrix;

const CELL: f32 = 22.0;
const ROW_HEAD: f32 = 300.0;
const COL_HEAD: f32 = 140.0;

/// Where the matrix is scrolled to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TraceState {
    pub first_row: f32,
    pub first_col: f32,
    pub hovered: Option<(usize, usize)>,
}

/// Draws the matrix; a click on a cell pushes the link or unlink.
pub fn show(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    matrix: &TraceMatrix,
    state: &mut TraceState,
    read_only: bool,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    let size = ui.available_size();
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    let name = m.t("trace.title");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Grid, true, &name));
    let body = Rect::from_min_max(rect.min + Vec2::new(ROW_HEAD, COL_HEAD), rect.max);
    let visible_rows = (body.height() / CELL).floor().max(1.0);
    let visible_cols = (body.width() / CELL).floor().max(1.0);
    let rows = matrix.rows.len() as f32;
    let cols = matrix.cols.len() as f32;
    // Scrolling: wheel for rows, shift+wheel (or horizontal wheel) for columns.
    if response.hovered() {
        let delta = ui.input(|i| i.smooth_scroll_delta);
        state.first_row -= delta.y / CELL;
        state.first_col -= delta.x / CELL;
    }
    if response.dragged() && ui.input(|i| i.pointer.primary_down()) {
        let d = response.drag_delta();
        if let Some(p) = response.interact_pointer_pos() {
            // Dragging in the headers scrolls like a scrollbar.
            if p.x < body.min.x {
                state.first_row -= d.y / CELL;
            } else if p.y < body.min.y {
                state.first_col -= d.x / CELL;
            }
        }
    }
    state.first_row = state.first_row.clamp(0.0, (rows - visible_rows).max(0.0));
    state.first_col = state.first_col.clamp(0.0, (cols - visible_cols).max(0.0));
    let r0 = state.first_row.floor() as usize;
    let c0 = state.first_col.floor() as usize;
    let r1 = (r0 + visible_rows as usize + 1).min(matrix.rows.len());
    let c1 = (c0 + visible_cols as usize + 1).min(matrix.cols.len());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let font = FontId::proportional(12.0);
    let cell_rect = |r: usize, c: usize| {
        Rect::from_min_size(
            Pos2::new(
                body.min.x + (c - c0) as f32 * CELL,
                body.min.y + (r - r0) as f32 * CELL,
            ),
            Vec2::splat(CELL),
        )
    };
    // Cells.
    for r in r0..r1 {
        let y = body.min.y + (r - r0) as f32 * CELL;
        if r % 2 == 1 {
            painter.rect_filled(
                Rect::from_min_max(Pos2::new(rect.min.x, y), Pos2::new(body.max.x, y + CELL)),
                0.0,
                palette.card_fill,
            );
        }
        for c in c0..c1 {
            let cr = cell_rect(r, c);
            painter.rect_stroke(cr, 0.0, Stroke::new(0.5, palette.grid), StrokeKind::Inside);
            if matrix.linked(r, c) {
                painter.rect_filled(cr.shrink(5.0), 2.0, palette.accent);
            }
        }
    }
    // Hover and click.
    state.hovered = None;
    if let Some(p) = response.hover_pos()
        && body.contains(p)
    {
        let r = r0 + ((p.y - body.min.y) / CELL) as usize;
        let c = c0 + ((p.x - body.min.x) / CELL) as usize;
        if r < matrix.rows.len() && c < matrix.cols.len() {
            state.hovered = Some((r, c));
            painter.rect_stroke(
                cell_rect(r, c),
                0.0,
                Stroke::new(1.5, palette.accent),
                StrokeKind::Inside,
            );
            if response.clicked()
                && !read_only
                && let Some(change) = matrix.toggle(insights, r, c)
            {
                actions.push(Action::Apply(change));
            }
        }
    }
    // Row headers (stay while the cells scroll sideways).
    painter.rect_filled(
        Rect::from_min_max(
            Pos2::new(rect.min.x, body.min.y),
            Pos2::new(body.min.x, rect.max.y),
        ),
        0.0,
        ui.visuals().panel_fill,
    );
    for r in r0..r1 {
        let (_, label, depth) = &matrix.rows[r];
        let y = body.min.y + (r - r0) as f32 * CELL + CELL / 2.0;
        let gap = matrix.cells[r].is_empty();
        let short: String = label.chars().take(26).collect();
        painter.text(
            Pos2::new(rect.min.x + 4.0 + *depth as f32 * 12.0, y),
            Align2::LEFT_CENTER,
            short,
            font.clone(),
            if gap { palette.danger } else { text },
        );
        painter.text(
            Pos2::new(body.min.x - 6.0, y),
            Align2::RIGHT_CENTER,
            matrix.cells[r].len().to_string(),
            font.clone(),
            palette.muted_text,
        );
    }
    // Column headers (stay while the cells scroll down), names turned upright.
    painter.rect_filled(
        Rect::from_min_max(rect.min, Pos2::new(rect.max.x, body.min.y)),
        0.0,
        ui.visuals().panel_fill,
    );
    for c in c0..c1 {
        let x = body.min.x + (c - c0) as f32 * CELL + CELL / 2.0;
        let (_, label) = &matrix.cols[c];
        let gap = matrix.col_cover[c] == 0;
        let short: String = label.chars().take(10).collect();
        let galley =
            painter.layout_no_wrap(short, font.clone(), if gap { palette.danger } else { text });
        let pos = Pos2::new(x - galley.size().y / 2.0, body.min.y - 22.0);
        painter.add(
            egui::epaint::TextShape::new(pos, galley, text)
                .with_angle(-std::f32::consts::FRAC_PI_2),
        );
        painter.text(
            Pos2::new(x, body.min.y - 10.0),
            Align2::CENTER_CENTER,
            matrix.col_cover[c].to_string(),
            FontId::proportional(10.0),
            palette.muted_text,
        );
    }
    // The corner: what the matrix shows and its gaps.
    painter.rect_filled(
        Rect::from_min_max(rect.min, Pos2::new(body.min.x, body.min.y)),
        0.0,
        ui.visuals().panel_fill,
    );
    painter.text(
        rect.min + Vec2::new(4.0, 4.0),
        Align2::LEFT_TOP,
        crate::i18n::tr_with(
            m.lang,
            "trace.gaps",
            &[
                ("rows", &matrix.uncovered_rows().to_string()),
                ("cols", &matrix.uncovered_cols().to_string()),
            ],
        ),
        FontId::proportional(12.0),
        palette.danger,
    );
    painter.text(
        rect.min + Vec2::new(4.0, 24.0),
        Align2::LEFT_TOP,
        crate::i18n::tr_with(
            m.lang,
            "trace.size",
            &[
                ("rows", &matrix.rows.len().to_string()),
                ("cols", &matrix.cols.len().to_string()),
            ],
        ),
        FontId::proportional(11.0),
        palette.muted_text,
    );
    if let Some((r, c)) = state.hovered {
        let tip = format!("{}\n{}", matrix.rows[r].1, matrix.cols[c].1);
        response.on_hover_text_at_pointer(tip);
    }
}
