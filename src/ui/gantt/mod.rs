//! The Gantt view: the task table on the left and the timeline on the right, painted
//! row by row for the visible rows only, so 100,000 tasks cost what 40 do.

mod bars;
mod cells;
pub mod column_mapping;
mod keys;
pub mod task_editor;
mod timeline_header;
mod toolbar;

use bars::{BarDrag, BarHandle, arrow, bar, bar_drag_change, bar_handle, day_offset, ghost};
use cells::{
    COLUMNS, EDITABLE, InlineEdit, NAME_COLUMN, cell_text, column_x, columns, inline_editor,
    table_row,
};
use keys::keyboard;
use std::collections::HashSet;
use timeline_header::header;
use toolbar::toolbar;

use chrono::Duration;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

use crate::context::action::Action;
use crate::model::schedule::LinkKind;
use crate::model::{Change, ProjectId, TaskId};
use crate::report::plan_view::PlanView;
use crate::ui::{FrameModel, theme};
use task_editor::TaskEditor;

/// View state of the Gantt chart: zoom, scroll, selection, collapsed summaries.
pub struct GanttState {
    /// Points per day.
    pub day_width: f32,
    /// First visible row (fractional while scrolling).
    pub first_row: f32,
    /// Days from the plan's first day to the left edge of the timeline.
    pub pan_days: f32,
    pub selected: Option<TaskId>,
    /// More selected tasks (Ctrl+click), in the order they were picked.
    pub also_selected: Vec<TaskId>,
    pub collapsed: HashSet<TaskId>,
    /// Which baseline (0–10) is drawn and set.
    pub baseline: u8,
    /// The table also shows start and finish variance against that baseline.
    pub show_variance: bool,
    /// A table cell being edited in place (double-click).
    inline: Option<InlineEdit>,
    /// Width of the table, once the user has dragged the divider.
    pub table_width: Option<f32>,
    /// The selected task's fields being edited.
    pub editor: Option<TaskEditor>,
    /// A bar being dragged.
    drag: Option<BarDrag>,
    /// Rows shown (indexes into `PlanView::rows`), for the key it was computed for.
    visible: Vec<usize>,
    visible_key: Option<(ProjectId, u64, usize)>,
}

impl Default for GanttState {
    fn default() -> Self {
        GanttState {
            day_width: 24.0,
            first_row: 0.0,
            pan_days: -2.0,
            selected: None,
            also_selected: Vec::new(),
            collapsed: HashSet::new(),
            baseline: 0,
            show_variance: false,
            inline: None,
            table_width: None,
            editor: None,
            drag: None,
            visible: Vec::new(),
            visible_key: None,
        }
    }
}

impl GanttState {
    /// Every selected task, the first picked first.
    pub fn selection(&self) -> Vec<TaskId> {
        self.selected
            .into_iter()
            .chain(self.also_selected.iter().copied())
            .collect()
    }

    /// Ctrl+click: add a task to the selection, or take it out.
    fn toggle(&mut self, task: TaskId) {
        if self.selected == Some(task) {
            self.selected = if self.also_selected.is_empty() {
                None
            } else {
                Some(self.also_selected.remove(0))
            };
        } else if let Some(i) = self.also_selected.iter().position(|t| *t == task) {
            self.also_selected.remove(i);
        } else if self.selected.is_none() {
            self.selected = Some(task);
        } else {
            self.also_selected.push(task);
        }
    }

    /// The rows not hidden under a collapsed summary. Recomputed only when the plan or
    /// the collapsed set changes.
    pub fn visible_rows(&mut self, plan: &PlanView) -> &[usize] {
        let key = (plan.project, plan.revision, self.collapsed.len());
        if self.visible_key != Some(key) {
            self.visible.clear();
            let mut hide_below: Option<u16> = None;
            for (i, r) in plan.rows.iter().enumerate() {
                if let Some(d) = hide_below {
                    if r.depth > d {
                        continue;
                    }
                    hide_below = None;
                }
                self.visible.push(i);
                if r.summary && self.collapsed.contains(&r.task) {
                    hide_below = Some(r.depth);
                }
            }
            self.visible_key = Some(key);
        }
        &self.visible
    }
}

pub fn show(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    plan: &PlanView,
    state: &mut GanttState,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    toolbar(ui, m, plan, state, actions);
    let visible: Vec<usize> = state.visible_rows(plan).to_vec();
    keyboard(ui, m, plan, &visible, state, actions);
    editor_panel(ui, m, plan, state, actions);
    // A fixed id, so a drag survives the layout changing under it (the editor panel
    // appears when the drag selects a task).
    let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
    let response = ui.interact(
        rect,
        ui.scope_id().with("gantt_canvas"),
        Sense::click_and_drag(),
    );
    let painter = ui.painter_at(rect);
    let row_h = theme::size::GANTT_ROW;
    let header_h = theme::size::GANTT_HEADER;
    // The table takes at most half the width unless the divider was dragged; the rest is
    // the timeline.
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
        vec2(8.0, rect.height()),
    );
    let divider_response = ui
        .interact(divider, ui.scope_id().with("gantt_divider"), Sense::drag())
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    if divider_response.dragged() {
        state.table_width = Some(table_w + divider_response.drag_delta().x);
    }
    let table = Rect::from_min_size(rect.min, vec2(table_w, rect.height()));
    let chart = Rect::from_min_max(pos2(rect.min.x + table_w, rect.min.y), rect.max);
    let body_h = (rect.height() - header_h).max(0.0);
    let rows_fit = (body_h / row_h).floor().max(1.0);

    // Input: wheel scrolls rows (Shift: pans), Ctrl+wheel zooms, dragging the chart pans.
    if response.hovered() {
        let (scroll, zoom, shift) =
            ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta(), i.modifiers.shift));
        if zoom != 1.0 {
            state.day_width = (state.day_width * zoom)
                .clamp(theme::size::GANTT_MIN_DAY, theme::size::GANTT_MAX_DAY);
        } else if shift || scroll.x != 0.0 {
            let dx = if scroll.x != 0.0 { scroll.x } else { scroll.y };
            state.pan_days -= dx / state.day_width;
        } else if scroll.y != 0.0 {
            state.first_row -= scroll.y / row_h;
        }
    }
    // Dragging: a bar (move it, or its right end to resize it), else the chart pans.
    let writable = m.view.is_some_and(|v| !v.read_only);
    // The bar (row, left and right x) under a point of the chart, if any.
    let bar_at = |p: Pos2| -> Option<(usize, f32, f32)> {
        if !chart.contains(p) || p.y <= rect.min.y + header_h {
            return None;
        }
        let sub_now = (state.first_row - state.first_row.floor()) * row_h;
        let k = state.first_row.floor() as usize
            + ((p.y - rect.min.y - header_h + sub_now) / row_h) as usize;
        let row_index = *visible.get(k)?;
        let row = &plan.rows[row_index];
        let (Some(s), Some(f), false) = (row.start, row.finish, row.summary) else {
            return None;
        };
        let x0 = chart.min.x + (day_offset(plan.first_day, s) - state.pan_days) * state.day_width;
        let x1 = chart.min.x + (day_offset(plan.first_day, f) - state.pan_days) * state.day_width;
        (p.x >= x0 - 4.0 && p.x <= x1.max(x0 + 6.0) + 4.0).then_some((row_index, x0, x1))
    };
    // The pointer shows what a drag would do: resize, set progress, or move.
    if writable
        && state.drag.is_none()
        && let Some(p) = response.hover_pos()
        && let Some((row_index, x0, x1)) = bar_at(p)
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
        && let Some((row_index, x0, x1)) = bar_at(p)
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
                response.interact_pointer_pos().and_then(|p| {
                    let sub_now = (state.first_row - state.first_row.floor()) * row_h;
                    let k = state.first_row.floor() as usize
                        + ((p.y - rect.min.y - header_h + sub_now) / row_h).max(0.0) as usize;
                    let to = *visible.get(k)?;
                    (to != drag.row).then(|| {
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
            .is_some_and(|p| chart.contains(p))
    {
        state.pan_days -= response.drag_delta().x / state.day_width;
        state.first_row -= response.drag_delta().y / row_h;
    }
    let max_first = (visible.len() as f32 - rows_fit).max(0.0);
    state.first_row = state.first_row.clamp(0.0, max_first);
    let first = state.first_row.floor() as usize;
    let sub = (state.first_row - first as f32) * row_h;
    let last = (first + rows_fit as usize + 2).min(visible.len());

    // Double-click a cell of the table to edit it in place, as in MS Project.
    if response.double_clicked()
        && m.view.is_some_and(|v| !v.read_only)
        && let Some(p) = response.interact_pointer_pos()
        && p.y > rect.min.y + header_h
        && table.contains(p)
    {
        let i = first + ((p.y - rect.min.y - header_h + sub) / row_h) as usize;
        let mut x = table.min.x;
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

    // Clicks: select a row; the triangle of a summary collapses or expands it.
    if response.clicked()
        && let Some(p) = response.interact_pointer_pos()
        && p.y > rect.min.y + header_h
    {
        let i = first + ((p.y - rect.min.y - header_h + sub) / row_h) as usize;
        if let Some(&row_index) = visible.get(i) {
            let row = &plan.rows[row_index];
            let name_x = table.min.x
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

    let x_of = |days: f32| chart.min.x + (days - state.pan_days) * state.day_width;
    let y_of = |k: usize| rect.min.y + header_h + (k as f32) * row_h - sub;

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
                        Rect::from_min_max(pos2(x0, chart.min.y + header_h), pos2(x1, chart.max.y)),
                        0.0,
                        palette.non_working,
                    );
                }
            }
        }
    }

    // Rows: stripes, selection, table text, bars.
    let font = FontId::proportional(13.0);
    let text_color = ui.visuals().text_color();
    for (k, &row_index) in visible[first..last].iter().enumerate() {
        let row = &plan.rows[row_index];
        let y = y_of(k);
        let row_rect = Rect::from_min_size(pos2(rect.min.x, y), vec2(rect.width(), row_h));
        if state.selected == Some(row.task) || state.also_selected.contains(&row.task) {
            painter.rect_filled(row_rect, 0.0, palette.row_selected);
        }
        painter.hline(rect.x_range(), y + row_h, Stroke::new(0.5, palette.grid));
        let variance = if state.show_variance {
            row.variance(state.baseline, &plan.calendar)
        } else {
            None
        };
        table_row(
            &painter, table, y, row_index, row, variance, &font, text_color, palette, state,
        );
        bar(
            &painter,
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
                &painter,
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

    // Dependency arrows between rows on screen.
    let shown: std::collections::HashMap<usize, usize> = visible[first..last]
        .iter()
        .enumerate()
        .map(|(k, &r)| (r, k))
        .collect();
    for l in &plan.links {
        let (Some(&a), Some(&b)) = (shown.get(&l.from_row), shown.get(&l.to_row)) else {
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
        arrow(&painter, pos2(start_x, y0), pos2(end_x, y1), palette.arrow);
    }

    // A link being drawn: from the dragged bar to the pointer.
    if let (Some(drag), Some(p)) = (state.drag, response.interact_pointer_pos())
        && drag.links(state.day_width)
        && let Some(k) = visible[first..last].iter().position(|&r| r == drag.row)
        && let Some(finish) = plan.rows[drag.row].finish
    {
        let from = pos2(
            x_of(day_offset(plan.first_day, finish)),
            y_of(k) + row_h / 2.0,
        );
        painter.line_segment([from, p], Stroke::new(1.5, palette.accent));
    }

    // Today.
    let today = chrono::Local::now().naive_local();
    let tx = x_of(day_offset(plan.first_day, today));
    if chart.x_range().contains(tx) {
        painter.vline(
            tx,
            chart.min.y + header_h..=chart.max.y,
            Stroke::new(1.5, palette.today),
        );
    }

    // Headers last, over the rows.
    header(
        &painter,
        m,
        table,
        chart,
        header_h,
        plan.first_day,
        state,
        ui.visuals(),
        palette,
    );
    painter.vline(chart.min.x, rect.y_range(), Stroke::new(1.0, palette.grid));
    inline_editor(
        ui,
        m,
        plan,
        state,
        &visible[first..last],
        table,
        y_of,
        actions,
    );
    if plan.rows.is_empty() {
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            m.t("gantt.empty"),
            FontId::proportional(15.0),
            palette.muted_text,
        );
    }
}

impl theme::Palette {
    /// Milestones are drawn in the strong text colour unless critical.
    fn text_milestone(&self) -> Color32 {
        self.bar_summary
    }
}

/// The editor of the selected task, under the chart; refilled when the selection or
/// the plan changes.
fn editor_panel(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    plan: &PlanView,
    state: &mut GanttState,
    actions: &mut Vec<Action>,
) {
    let Some(row) = state
        .selected
        .and_then(|id| plan.rows.iter().position(|r| r.task == id))
    else {
        state.editor = None;
        return;
    };
    let stale = state
        .editor
        .as_ref()
        .is_none_or(|e| e.task != plan.rows[row].task || e.revision != plan.revision);
    if stale {
        state.editor = TaskEditor::for_row(plan, row);
    }
    if let Some(editor) = &mut state.editor {
        egui::Panel::bottom("task_editor_panel").show(ui, |ui| {
            ui.add_space(6.0);
            task_editor::show(ui, m, plan, editor, state.baseline, actions);
            ui.add_space(4.0);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::bars::{BarDrag, BarHandle, bar_drag_change, dragged_percent};
    use super::cells::cells;
    use super::*;
    use crate::model::{ProjectId, TaskFields};
    use crate::report::plan_view::GanttRow;
    use chrono::NaiveDate;

    fn row(percent: u8) -> GanttRow {
        let at = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).map(|d| d.and_hms_opt(8, 0, 0));
        GanttRow {
            task: TaskId(7),
            name: "开发".into(),
            depth: 0,
            wbs: "1".into(),
            summary: false,
            milestone: false,
            duration: "10d".into(),
            start: at(1).flatten(),
            finish: at(14).flatten(),
            percent_complete: percent,
            predecessors: String::new(),
            critical: false,
            out_of_date: false,
            parent_row: None,
            fields: TaskFields {
                percent_complete: percent,
                duration_minutes: 4800,
                ..TaskFields::default()
            },
            resources: String::new(),
            baselines: Vec::new(),
            driver: None,
            gaps: Vec::new(),
        }
    }

    #[test]
    fn variance_from_a_baseline_counts_working_days() {
        let mut r = row(0);
        let at = |d: u32| {
            NaiveDate::from_ymd_opt(2026, 12, d)
                .and_then(|d| d.and_hms_opt(8, 0, 0))
                .unwrap_or_default()
        };
        let calendar = crate::model::work_calendar::WorkCalendar::standard();
        assert_eq!(r.variance(0, &calendar), None, "no baseline");
        // Baseline: 1 Dec to 11 Dec; now 1 Dec to 14 Dec (a weekend between): +1 day.
        r.baselines = vec![(0, at(1), at(11)), (2, at(3), at(16))];
        assert_eq!(r.variance(0, &calendar), Some((0, 480)));
        // Baseline 2 started two working days later and finished two later.
        assert_eq!(r.variance(2, &calendar), Some((-960, -960)));
    }

    #[test]
    fn variance_columns_read_as_signed_working_days() {
        let r = row(0);
        let c = cells(4, &r, Some((0, 720)));
        assert_eq!(c[0], "5");
        assert_eq!((c[9].as_str(), c[10].as_str()), ("0d", "+1.5d"));
        let c = cells(4, &r, None);
        assert!(c[9].is_empty() && c[10].is_empty(), "no baseline: blank");
        let shown = GanttState {
            show_variance: true,
            ..GanttState::default()
        };
        assert_eq!(columns(&GanttState::default()).len(), 9);
        assert_eq!(columns(&shown).len(), 11);
        // Shown right after the finish, so they are in view; the rest move right.
        assert_eq!(column_x(true, 9), column_x(false, 6));
        assert_eq!(column_x(true, 6), column_x(false, 6) + 128.0);
    }

    #[test]
    fn a_bar_is_held_by_its_end_its_progress_or_its_middle() {
        let (x0, x1) = (100.0, 300.0);
        let half = row(50);
        assert_eq!(bar_handle(&half, x0, x1, 298.0), BarHandle::End);
        assert_eq!(bar_handle(&half, x0, x1, 202.0), BarHandle::Progress);
        assert_eq!(bar_handle(&half, x0, x1, 102.0), BarHandle::Progress);
        assert_eq!(bar_handle(&half, x0, x1, 150.0), BarHandle::Body);
        assert_eq!(bar_handle(&row(0), x0, x1, 200.0), BarHandle::Body);
        assert_eq!(
            bar_handle(&half, 100.0, 110.0, 101.0),
            BarHandle::Body,
            "too short for three parts"
        );
    }

    #[test]
    fn dragging_the_progress_sets_the_percent_complete_in_one_edit() {
        let r = row(20);
        let plan_row = r.clone();
        // A 200-point bar; 3 days of 20 points = 60 points = 30 % more.
        let drag = BarDrag {
            row: 0,
            handle: BarHandle::Progress,
            width: 200.0,
            days: 3.0,
            dy: 0.0,
        };
        assert_eq!(dragged_percent(&r, drag, 20.0), 50);
        let far = BarDrag { days: 40.0, ..drag };
        assert_eq!(dragged_percent(&r, far, 20.0), 100, "clamped");
        let back = BarDrag {
            days: -40.0,
            ..drag
        };
        assert_eq!(dragged_percent(&r, back, 20.0), 0, "clamped");

        let plan = PlanView {
            project: ProjectId(1),
            revision: 1,
            rows: vec![plan_row],
            links: Vec::new(),
            first_day: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
            last_day: NaiveDate::from_ymd_opt(2026, 12, 14).unwrap_or_default(),
            calendar: crate::model::work_calendar::WorkCalendar::standard(),
            schedule_problem: None,
            resource_load: Vec::new(),
        };
        match bar_drag_change(&plan, drag, 20.0) {
            Some(Change::Many(changes)) => match &changes[0] {
                Change::UpdateTask { id, fields } => {
                    assert_eq!(*id, TaskId(7));
                    assert_eq!(fields.percent_complete, 50);
                    assert_eq!(fields.duration_minutes, 4800, "nothing else changes");
                }
                other => panic!("not a task update: {other:?}"),
            },
            other => panic!("no edit: {other:?}"),
        }
        let still = BarDrag { days: 0.01, ..drag };
        assert!(
            bar_drag_change(&plan, still, 20.0).is_none(),
            "no change, no edit"
        );
    }
}
