//! The Gantt canvas: where the table and the timeline are, what the pointer does on
//! them (scroll, zoom, pan, drag a bar, draw a link, click or double-click a row), and
//! painting the rows on screen with their bars and the links between them.

use crate::ui::theme::size;
use chrono::Duration;
use egui::{Pos2, Rect, Response, Sense, Stroke, pos2, vec2};

use super::GanttState;
use super::bars::{BarDrag, BarHandle, arrow, bar, bar_drag_change, bar_handle, day_offset, ghost};
use super::cells::{
    COLUMNS, EDITABLE, InlineEdit, NAME_COLUMN, cell_text, column_x, columns, table_row,
};
use crate::context::action::Action;
use crate::model::Change;
use crate::model::schedule::LinkKind;
use crate::report::plan_view::PlanView;
use crate::ui::theme;

/// Where things are on the canvas this frame.
#[derive(Clone, Copy, Debug)]
pub(super) struct Canvas {
    /// The whole canvas.
    pub(super) rect: Rect,
    /// The task table, left of the divider.
    pub(super) table: Rect,
    /// The timeline, right of it.
    pub(super) chart: Rect,
    pub(super) header_h: f32,
    pub(super) row_h: f32,
}

impl Canvas {
    /// Lays the canvas out in what is left of `ui`, with the divider between table and
    /// timeline (dragging it sets the table's width). Returns the canvas's response.
    pub(super) fn lay_out(ui: &mut egui::Ui, state: &mut GanttState) -> (Canvas, Response) {
        // A fixed id, so a drag survives the layout changing under it (the editor panel
        // appears when the drag selects a task).
        let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
        let response = ui.interact(
            rect,
            ui.scope_id().with("gantt_canvas"),
            Sense::click_and_drag(),
        );
        // The table takes at most half the width unless the divider was dragged; the
        // rest is the timeline.
        let all_columns = columns(state).iter().map(|&c| COLUMNS[c].1).sum::<f32>();
        let table_w = state
            .table_width
            .unwrap_or_else(|| all_columns.min(rect.width() * 0.5))
            .clamp(
                120.0_f32.min(rect.width()),
                (rect.width() - 160.0).max(120.0).min(all_columns),
            );
        let divider = Rect::from_center_size(
            pos2(rect.min.x + table_w, rect.center().y),
            vec2(size::GAP_M, rect.height()),
        );
        let divider_response = ui
            .interact(divider, ui.scope_id().with("gantt_divider"), Sense::drag())
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
        if divider_response.dragged() {
            state.table_width = Some(table_w + divider_response.drag_delta().x);
        }
        let canvas = Canvas {
            rect,
            table: Rect::from_min_size(rect.min, vec2(table_w, rect.height())),
            chart: Rect::from_min_max(pos2(rect.min.x + table_w, rect.min.y), rect.max),
            header_h: theme::size::GANTT_HEADER,
            row_h: theme::size::GANTT_ROW,
        };
        (canvas, response)
    }

    /// Where the rows begin, under the heading.
    pub(super) fn body_top(&self) -> f32 {
        self.rect.min.y + self.header_h
    }

    /// How many whole rows fit.
    pub(super) fn rows_fit(&self) -> f32 {
        ((self.rect.height() - self.header_h).max(0.0) / self.row_h)
            .floor()
            .max(1.0)
    }

    /// The place in the list of visible rows of the row at height `y`, scrolled to
    /// `first_row`; `None` on the heading.
    pub(super) fn row_at(&self, y: f32, first_row: f32) -> Option<usize> {
        if y <= self.body_top() {
            return None;
        }
        let sub = (first_row - first_row.floor()) * self.row_h;
        Some(first_row.floor() as usize + ((y - self.body_top() + sub) / self.row_h) as usize)
    }

    /// The x of a day (fractional, from the plan's first day) on the timeline.
    pub(super) fn x_of(&self, state: &GanttState, days: f32) -> f32 {
        self.chart.min.x + (days - state.pan_days) * state.day_width
    }

    /// The bar (row, left and right x) under a point of the chart, if any.
    fn bar_at(
        &self,
        p: Pos2,
        plan: &PlanView,
        state: &GanttState,
        visible: &[usize],
    ) -> Option<(usize, f32, f32)> {
        if !self.chart.contains(p) {
            return None;
        }
        let row_index = *visible.get(self.row_at(p.y, state.first_row)?)?;
        let row = &plan.rows[row_index];
        let (Some(s), Some(f), false) = (row.start, row.finish, row.summary) else {
            return None;
        };
        let x0 = self.x_of(state, day_offset(plan.first_day, s));
        let x1 = self.x_of(state, day_offset(plan.first_day, f));
        (p.x >= x0 - 4.0 && p.x <= x1.max(x0 + 6.0) + 4.0).then_some((row_index, x0, x1))
    }
}

/// The wheel scrolls rows (Shift: pans), Ctrl+wheel zooms.
pub(super) fn scroll_and_zoom(
    ui: &egui::Ui,
    response: &Response,
    canvas: &Canvas,
    state: &mut GanttState,
) {
    if !response.hovered() {
        return;
    }
    let (scroll, zoom, shift) =
        ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.modifiers.shift));
    if zoom != 1.0 {
        state.day_width =
            (state.day_width * zoom).clamp(theme::size::GANTT_MIN_DAY, theme::size::GANTT_MAX_DAY);
    } else if shift || scroll.x != 0.0 {
        let dx = if scroll.x != 0.0 { scroll.x } else { scroll.y };
        state.pan_days -= dx / state.day_width;
    } else if scroll.y != 0.0 {
        state.first_row -= scroll.y / canvas.row_h;
    }
}

/// Dragging: a bar (move it, its right end to resize it, its progress, or mostly
/// downwards onto another bar to link them), else the chart pans. The pointer shows
/// what a drag would do.
pub(super) fn drag(
    response: &Response,
    canvas: &Canvas,
    plan: &PlanView,
    visible: &[usize],
    state: &mut GanttState,
    writable: bool,
    actions: &mut Vec<Action>,
) {
    if writable
        && state.drag.is_none()
        && let Some(p) = response.hover_pos()
        && let Some((row_index, x0, x1)) = canvas.bar_at(p, plan, state, visible)
    {
        response
            .ctx
            .set_cursor_icon(match bar_handle(&plan.rows[row_index], x0, x1, p.x) {
                BarHandle::End => egui::CursorIcon::ResizeHorizontal,
                BarHandle::Progress => egui::CursorIcon::ResizeEast,
                BarHandle::Body => egui::CursorIcon::Move,
            });
    }
    // Where the button went down, not where the pointer is once the drag is recognised
    // (a few points on): the handle is picked where the user grabbed.
    if response.drag_started()
        && writable
        && let Some(p) = response
            .ctx
            .input(|i| i.pointer.press_origin())
            .or_else(|| response.interact_pointer_pos())
        && let Some((row_index, x0, x1)) = canvas.bar_at(p, plan, state, visible)
    {
        let row = &plan.rows[row_index];
        state.drag = Some(BarDrag {
            row: row_index,
            handle: bar_handle(row, x0, x1, p.x),
            width: x1 - x0,
            days: 0.0,
            dy: 0.0,
        });
        state.selected = Some(row.task);
    }
    if let Some(drag) = &mut state.drag {
        if response.dragged() {
            drag.days += response.drag_delta().x / state.day_width;
            drag.dy += response.drag_delta().y;
        }
        if response.drag_stopped() {
            let drag = *drag;
            state.drag = None;
            let change = if drag.links(state.day_width) {
                // The row under the pointer is the successor.
                response
                    .interact_pointer_pos()
                    .and_then(|p| visible.get(canvas.row_at(p.y, state.first_row)?))
                    .filter(|&&to| to != drag.row)
                    .map(|&to| {
                        Change::Many(vec![
                            Change::Link {
                                predecessor: plan.rows[drag.row].task,
                                successor: plan.rows[to].task,
                                kind: LinkKind::FinishToStart,
                                lag: 0,
                                lag_unit: crate::model::TimeUnit::Days,
                            },
                            Change::Reschedule(plan.project),
                        ])
                    })
            } else {
                bar_drag_change(plan, drag, state.day_width)
            };
            if let Some(change) = change {
                actions.push(Action::Apply(change));
            }
        }
    } else if response.dragged()
        && response
            .interact_pointer_pos()
            .is_some_and(|p| canvas.chart.contains(p))
    {
        state.pan_days -= response.drag_delta().x / state.day_width;
        state.first_row -= response.drag_delta().y / canvas.row_h;
    }
}

/// Clicks on the table: a click selects a row (Ctrl: adds it), the triangle of a
/// summary collapses or expands it; a double-click edits the cell in place, as in MS
/// Project.
pub(super) fn table_clicks(
    ui: &egui::Ui,
    response: &Response,
    canvas: &Canvas,
    plan: &PlanView,
    visible: &[usize],
    state: &mut GanttState,
    writable: bool,
) {
    if response.double_clicked()
        && writable
        && let Some(p) = response.interact_pointer_pos()
        && canvas.table.contains(p)
        && let Some(i) = canvas.row_at(p.y, state.first_row)
    {
        let mut x = canvas.table.min.x;
        let column = columns(state).iter().copied().find(|&c| {
            x += COLUMNS[c].1;
            p.x < x
        });
        if let (Some(&row_index), Some(column)) = (visible.get(i), column)
            && EDITABLE.contains(&column)
        {
            let row = &plan.rows[row_index];
            if !(row.summary && matches!(column, 3 | 4 | 6 | 8)) {
                state.inline = Some(InlineEdit {
                    task: row.task,
                    column,
                    text: cell_text(row, column),
                    opened: true,
                    error: None,
                });
            }
        }
    }
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
        && let Some(&row_index) = canvas
            .row_at(p.y, state.first_row)
            .and_then(|i| visible.get(i))
    {
        let row = &plan.rows[row_index];
        let name_x = canvas.table.min.x
            + column_x(state.show_variance, NAME_COLUMN)
            + f32::from(row.depth) * 14.0;
        if row.summary && p.x >= name_x && p.x < name_x + 16.0 {
            if !state.collapsed.remove(&row.task) {
                state.collapsed.insert(row.task);
            }
        } else if ui.input(|i| i.modifiers.command) {
            state.toggle(row.task);
        } else {
            state.selected = Some(row.task);
            state.also_selected.clear();
        }
    }
}

/// Paints what is under the heading: non-working days and the grid, then each row on
/// screen (stripe, selection, table text, bar, a dragged bar's ghost), the links
/// between rows on screen, a link being drawn, and today.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint_rows(
    ui: &egui::Ui,
    painter: &egui::Painter,
    canvas: &Canvas,
    plan: &PlanView,
    state: &GanttState,
    shown: &[usize],
    y_of: &dyn Fn(usize) -> f32,
    pointer: Option<Pos2>,
) {
    let palette = theme::palette(ui.visuals());
    let (rect, chart, row_h) = (canvas.rect, canvas.chart, canvas.row_h);
    let x_of = |days: f32| canvas.x_of(state, days);
    // Non-working days and the grid, behind everything.
    let first_day_shown = state.pan_days.floor() as i64;
    let days_shown = (chart.width() / state.day_width).ceil() as i64 + 2;
    if state.day_width >= 4.0 {
        for d in first_day_shown..first_day_shown + days_shown {
            let date = plan.first_day + Duration::days(d);
            if plan.calendar.minutes_on(date) == 0 {
                let x0 = x_of(d as f32).max(chart.min.x);
                let x1 = x_of(d as f32 + 1.0).min(chart.max.x);
                if x1 > x0 {
                    painter.rect_filled(
                        Rect::from_min_max(pos2(x0, canvas.body_top()), pos2(x1, chart.max.y)),
                        0.0,
                        palette.non_working,
                    );
                }
            }
        }
    }
    let font = egui::FontId::proportional(size::TEXT_M);
    let text_color = ui.visuals().text_color();
    for (k, &row_index) in shown.iter().enumerate() {
        let row = &plan.rows[row_index];
        let y = y_of(k);
        let row_rect = Rect::from_min_size(pos2(rect.min.x, y), vec2(rect.width(), row_h));
        if state.selected == Some(row.task) || state.also_selected.contains(&row.task) {
            painter.rect_filled(row_rect, 0.0, palette.row_selected);
        }
        painter.hline(
            rect.x_range(),
            y + row_h,
            Stroke::new(size::LINE_HAIR, palette.grid),
        );
        let variance = if state.show_variance {
            row.variance(state.baseline, &plan.calendar)
        } else {
            None
        };
        table_row(
            painter,
            canvas.table,
            y,
            row_index,
            row,
            variance,
            &font,
            text_color,
            palette,
            state,
        );
        bar(
            painter,
            chart,
            y,
            row,
            plan.first_day,
            &x_of,
            palette,
            state.baseline,
        );
        if let Some(drag) = state
            .drag
            .filter(|d| d.row == row_index && !d.links(state.day_width))
        {
            ghost(
                painter,
                chart,
                y,
                row,
                plan.first_day,
                &x_of,
                drag,
                palette,
                state.day_width,
            );
        }
    }
    // Arrows of bars scrolled off the left stay out of the table.
    let links = painter.with_clip_rect(chart.intersect(painter.clip_rect()));
    paint_links(&links, plan, shown, &x_of, y_of, row_h, palette);
    // A link being drawn: from the dragged bar to the pointer.
    if let (Some(drag), Some(p)) = (state.drag, pointer)
        && drag.links(state.day_width)
        && let Some(k) = shown.iter().position(|&r| r == drag.row)
        && let Some(finish) = plan.rows[drag.row].finish
    {
        let from = pos2(
            x_of(day_offset(plan.first_day, finish)),
            y_of(k) + row_h / 2.0,
        );
        painter.line_segment([from, p], Stroke::new(size::LINE_BOLD, palette.accent));
    }
    // Today.
    let today = chrono::Local::now().naive_local();
    let tx = x_of(day_offset(plan.first_day, today));
    if chart.x_range().contains(tx) {
        painter.vline(
            tx,
            canvas.body_top()..=chart.max.y,
            Stroke::new(size::LINE_BOLD, palette.today),
        );
    }
}

/// Dependency arrows between rows on screen.
#[allow(clippy::too_many_arguments)]
fn paint_links(
    painter: &egui::Painter,
    plan: &PlanView,
    shown: &[usize],
    x_of: &dyn Fn(f32) -> f32,
    y_of: &dyn Fn(usize) -> f32,
    row_h: f32,
    palette: theme::Palette,
) {
    let on_screen: std::collections::HashMap<usize, usize> =
        shown.iter().enumerate().map(|(k, &r)| (r, k)).collect();
    let from_rows_on_screen = shown
        .iter()
        .enumerate()
        .flat_map(|(a, &r)| plan.links_from(r).iter().map(move |l| (a, l)));
    for (a, l) in from_rows_on_screen {
        let Some(&b) = on_screen.get(&l.to_row) else {
            continue;
        };
        let (from, to) = (&plan.rows[l.from_row], &plan.rows[l.to_row]);
        let (Some(fs), Some(ff), Some(ts), Some(tf)) =
            (from.start, from.finish, to.start, to.finish)
        else {
            continue;
        };
        let start_x = match l.kind {
            LinkKind::FinishToStart | LinkKind::FinishToFinish => {
                x_of(day_offset(plan.first_day, ff))
            }
            _ => x_of(day_offset(plan.first_day, fs)),
        };
        let end_x = match l.kind {
            LinkKind::FinishToStart | LinkKind::StartToStart => {
                x_of(day_offset(plan.first_day, ts))
            }
            _ => x_of(day_offset(plan.first_day, tf)),
        };
        let y0 = y_of(a) + row_h / 2.0;
        let y1 = y_of(b) + row_h / 2.0;
        arrow(painter, pos2(start_x, y0), pos2(end_x, y1), palette.arrow);
    }
}
