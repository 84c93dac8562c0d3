//! A virtualised grid for the requirement matrices: only the visible cells are drawn,
//! the row and column headers stay in place while the cells scroll (wheel, or drag in
//! a header), each header carries a note (coverage, a total) and gaps show in red.
//! What a cell shows and what a click on it does belong to the caller.

use crate::ui::theme::size;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Sense, Stroke, StrokeKind, Vec2};

use super::theme;

/// Where a grid is scrolled to, and the cell under the pointer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GridState {
    pub first_row: f32,
    pub first_col: f32,
    pub hovered: Option<(usize, usize)>,
}

/// One row's or column's header.
pub struct Header {
    pub text: String,
    /// Tree depth of a row (indents it).
    pub depth: usize,
    /// Shown at the header's end: a coverage count, a total.
    pub note: String,
    /// Drawn in red: nothing in this row or column.
    pub gap: bool,
}

/// What to draw.
pub struct Grid<'a> {
    /// The accessible name of the whole grid.
    pub name: String,
    pub rows: usize,
    pub cols: usize,
    pub cell_width: f32,
    /// Lines in the top-left corner, with their colours.
    pub corner: Vec<(String, Color32)>,
    pub row_header: &'a dyn Fn(usize) -> Header,
    pub col_header: &'a dyn Fn(usize) -> Header,
    /// Paints cell (row, column) into its rectangle.
    pub cell: &'a dyn Fn(&Painter, Rect, usize, usize),
    /// The hover text of a cell.
    pub tooltip: &'a dyn Fn(usize, usize) -> String,
}

const CELL_HEIGHT: f32 = size::GRID_CELL_HEIGHT;
const ROW_HEAD: f32 = size::GRID_ROW_HEAD;
const COL_HEAD: f32 = size::GRID_COL_HEAD;

/// Draws the grid in all the space left; returns the cell clicked, if any.
pub fn show(ui: &mut egui::Ui, grid: &Grid<'_>, state: &mut GridState) -> Option<(usize, usize)> {
    let palette = theme::palette(ui.visuals());
    let cw = grid.cell_width;
    let size = ui.available_size();
    let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Grid, true, &grid.name));
    let body = Rect::from_min_max(rect.min + Vec2::new(ROW_HEAD, COL_HEAD), rect.max);
    let visible_rows = (body.height() / CELL_HEIGHT).floor().max(1.0);
    let visible_cols = (body.width() / cw).floor().max(1.0);
    // Scrolling: wheel for rows, shift+wheel (or a horizontal wheel) for columns.
    if response.hovered() {
        let delta = ui.input(|i| i.smooth_scroll_delta);
        state.first_row -= delta.y / CELL_HEIGHT;
        state.first_col -= delta.x / cw;
    }
    if response.dragged() && ui.input(|i| i.pointer.primary_down()) {
        let d = response.drag_delta();
        if let Some(p) = response.interact_pointer_pos() {
            // Dragging in the headers scrolls like a scrollbar.
            if p.x < body.min.x {
                state.first_row -= d.y / CELL_HEIGHT;
            } else if p.y < body.min.y {
                state.first_col -= d.x / cw;
            }
        }
    }
    state.first_row = state
        .first_row
        .clamp(0.0, (grid.rows as f32 - visible_rows).max(0.0));
    state.first_col = state
        .first_col
        .clamp(0.0, (grid.cols as f32 - visible_cols).max(0.0));
    let r0 = state.first_row.floor() as usize;
    let c0 = state.first_col.floor() as usize;
    let r1 = (r0 + visible_rows as usize + 1).min(grid.rows);
    let c1 = (c0 + visible_cols as usize + 1).min(grid.cols);
    let painter = ui.painter_at(rect);
    let cell_rect = |r: usize, c: usize| {
        Rect::from_min_size(
            Pos2::new(
                body.min.x + (c - c0) as f32 * cw,
                body.min.y + (r - r0) as f32 * CELL_HEIGHT,
            ),
            Vec2::new(cw, CELL_HEIGHT),
        )
    };
    // Cells.
    for r in r0..r1 {
        let y = body.min.y + (r - r0) as f32 * CELL_HEIGHT;
        if r % 2 == 1 {
            painter.rect_filled(
                Rect::from_min_max(
                    Pos2::new(rect.min.x, y),
                    Pos2::new(body.max.x, y + CELL_HEIGHT),
                ),
                0.0,
                palette.card_fill,
            );
        }
        for c in c0..c1 {
            let cr = cell_rect(r, c);
            painter.rect_stroke(
                cr,
                0.0,
                Stroke::new(size::LINE_HAIR, palette.grid),
                StrokeKind::Inside,
            );
            (grid.cell)(&painter, cr, r, c);
        }
    }
    // Hover and click.
    state.hovered = None;
    let mut clicked = None;
    if let Some(p) = response.hover_pos()
        && body.contains(p)
    {
        let r = r0 + ((p.y - body.min.y) / CELL_HEIGHT) as usize;
        let c = c0 + ((p.x - body.min.x) / cw) as usize;
        if r < grid.rows && c < grid.cols {
            state.hovered = Some((r, c));
            painter.rect_stroke(
                cell_rect(r, c),
                0.0,
                Stroke::new(size::LINE_BOLD, palette.accent),
                StrokeKind::Inside,
            );
            if response.clicked() {
                clicked = Some((r, c));
            }
        }
    }
    paint_headers(ui, &painter, grid, rect, body, (r0, r1), (c0, c1));
    // The corner: what the grid shows.
    painter.rect_filled(
        Rect::from_min_max(rect.min, Pos2::new(body.min.x, body.min.y)),
        0.0,
        ui.visuals().panel_fill,
    );
    for (i, (line, colour)) in grid.corner.iter().enumerate() {
        painter.text(
            rect.min + Vec2::new(size::GAP_S, size::GAP_S + 20.0 * i as f32),
            Align2::LEFT_TOP,
            line,
            FontId::proportional(if i == 0 { size::TEXT } else { size::TEXT_S }),
            *colour,
        );
    }
    if let Some((r, c)) = state.hovered {
        response.on_hover_text_at_pointer((grid.tooltip)(r, c));
    }
    clicked
}

/// Row headers (they stay while the cells scroll sideways) and column headers (they
/// stay while the cells scroll down, names turned upright), for the rows `r0..r1` and
/// columns `c0..c1` on screen.
fn paint_headers(
    ui: &egui::Ui,
    painter: &egui::Painter,
    grid: &Grid<'_>,
    rect: Rect,
    body: Rect,
    (r0, r1): (usize, usize),
    (c0, c1): (usize, usize),
) {
    let palette = theme::palette(ui.visuals());
    let text = ui.visuals().text_color();
    let font = FontId::proportional(size::TEXT);
    let cw = grid.cell_width;
    painter.rect_filled(
        Rect::from_min_max(
            Pos2::new(rect.min.x, body.min.y),
            Pos2::new(body.min.x, rect.max.y),
        ),
        0.0,
        ui.visuals().panel_fill,
    );
    for r in r0..r1 {
        let h = (grid.row_header)(r);
        let y = body.min.y + (r - r0) as f32 * CELL_HEIGHT + CELL_HEIGHT / 2.0;
        let short: String = h.text.chars().take(26).collect();
        painter.text(
            Pos2::new(rect.min.x + 4.0 + h.depth as f32 * 12.0, y),
            Align2::LEFT_CENTER,
            short,
            font.clone(),
            if h.gap { palette.danger } else { text },
        );
        painter.text(
            Pos2::new(body.min.x - 6.0, y),
            Align2::RIGHT_CENTER,
            h.note,
            font.clone(),
            palette.muted_text,
        );
    }
    painter.rect_filled(
        Rect::from_min_max(rect.min, Pos2::new(rect.max.x, body.min.y)),
        0.0,
        ui.visuals().panel_fill,
    );
    for c in c0..c1 {
        let h = (grid.col_header)(c);
        let x = body.min.x + (c - c0) as f32 * cw + cw / 2.0;
        let short: String = h.text.chars().take(10).collect();
        let galley = painter.layout_no_wrap(
            short,
            font.clone(),
            if h.gap { palette.danger } else { text },
        );
        let pos = Pos2::new(x - galley.size().y / 2.0, body.min.y - 22.0);
        painter.add(
            egui::epaint::TextShape::new(pos, galley, text)
                .with_angle(-std::f32::consts::FRAC_PI_2),
        );
        painter.text(
            Pos2::new(x, body.min.y - 10.0),
            Align2::CENTER_CENTER,
            h.note,
            FontId::proportional(size::TEXT_XS),
            palette.muted_text,
        );
    }
}
