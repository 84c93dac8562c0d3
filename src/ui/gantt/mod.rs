//! The Gantt view: the task table on the left and the timeline on the right, painted
//! row by row for the visible rows only, so 100,000 tasks cost what 40 do.

pub mod column_mapping;
pub mod task_editor;

use std::collections::HashSet;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Timelike};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, pos2, vec2};

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::schedule::LinkKind;
use crate::model::{Change, ProjectId, TaskId};
use crate::report::plan_view::{GanttRow, PlanView};
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

/// A table cell edited in place: which task and column, the text, why it was refused.
#[derive(Clone, Debug, PartialEq)]
struct InlineEdit {
    task: TaskId,
    column: usize,
    text: String,
    opened: bool,
    error: Option<String>,
}

/// Columns that can be edited in place, by index into [`COLUMNS`].
const EDITABLE: [usize; 6] = [2, 3, 4, 6, 7, 8];

/// Which part of a bar a drag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BarHandle {
    /// The middle: moves the task (a new start).
    Body,
    /// The right end: a new duration.
    End,
    /// The left edge or the end of the progress line: a new % complete (as in MS Project).
    Progress,
}

/// Dragging a bar: moving it, its right end, or its progress.
#[derive(Clone, Copy, Debug, PartialEq)]
struct BarDrag {
    row: usize,
    handle: BarHandle,
    /// The bar's width in points when the drag began (for progress).
    width: f32,
    /// Whole days moved so far.
    days: f32,
    /// Points moved up or down: dragging onto another bar links to it (as in MS Project).
    dy: f32,
}

impl BarDrag {
    /// A mostly vertical drag of a bar's middle draws a link instead of moving it.
    fn links(&self, day_width: f32) -> bool {
        self.handle == BarHandle::Body
            && self.dy.abs() > theme::size::GANTT_ROW * 0.6
            && self.dy.abs() > (self.days * day_width).abs()
    }
}

/// Table columns: i18n key and width. The last two (variance against the baseline)
/// show only when asked for; see [`columns`].
const COLUMNS: [(&str, f32); 11] = [
    ("gantt.col.id", 44.0),
    ("gantt.col.wbs", 44.0),
    ("gantt.col.name", 220.0),
    ("gantt.col.duration", 56.0),
    ("gantt.col.start", 82.0),
    ("gantt.col.finish", 82.0),
    ("gantt.col.percent", 40.0),
    ("gantt.col.predecessors", 76.0),
    ("gantt.col.resources", 90.0),
    ("gantt.col.start_variance", 64.0),
    ("gantt.col.finish_variance", 64.0),
];

/// The text of each table column for one row (variance: working minutes, from
/// [`GanttRow::variance`]).
fn cells(row_index: usize, row: &GanttRow, variance: Option<(i64, i64)>) -> [String; 11] {
    let date = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let days = |m: i64| format!("{}d", crate::ui::gantt::task_editor::signed_days(m));
    [
        (row_index + 1).to_string(),
        row.wbs.clone(),
        row.name.clone(),
        row.duration.clone(),
        date(row.start),
        date(row.finish),
        format!("{}%", row.percent_complete),
        row.predecessors.clone(),
        row.resources.clone(),
        variance.map_or_else(String::new, |v| days(v.0)),
        variance.map_or_else(String::new, |v| days(v.1)),
    ]
}

/// The columns shown now, in order, as indexes into [`COLUMNS`]: the variance columns
/// only when asked for, right after the finish (where the table is seen).
fn columns(state: &GanttState) -> &'static [usize] {
    column_order(state.show_variance)
}

fn column_order(show_variance: bool) -> &'static [usize] {
    if show_variance {
        &[0, 1, 2, 3, 4, 5, 9, 10, 6, 7, 8]
    } else {
        &[0, 1, 2, 3, 4, 5, 6, 7, 8]
    }
}

/// Where column `column` (an index into [`COLUMNS`]) begins, from the table's left.
fn column_x(show_variance: bool, column: usize) -> f32 {
    column_order(show_variance)
        .iter()
        .take_while(|&&c| c != column)
        .map(|&c| COLUMNS[c].1)
        .sum()
}

/// Index of the name column (indented, with the collapse triangle).
const NAME_COLUMN: usize = 2;

fn day_offset(first: NaiveDate, t: NaiveDateTime) -> f32 {
    let days = (t.date() - first).num_days() as f32;
    days + (t.hour() as f32 * 60.0 + t.minute() as f32) / 1440.0
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

fn toolbar(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    plan: &PlanView,
    state: &mut GanttState,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        let writable = m.view.is_some_and(|v| !v.read_only);
        if ui
            .add_enabled(writable, egui::Button::new(m.t("gantt.add_task")))
            .on_hover_text(m.t("gantt.keys_tip"))
            .clicked()
        {
            actions.push(add_task(m, plan, state.selected));
        }
        let selected = state
            .selected
            .filter(|id| plan.rows.iter().any(|r| r.task == *id));
        for (key, change) in [
            (
                "gantt.delete_task",
                selected.map(|id| Change::DeleteTasks(vec![id])),
            ),
            ("gantt.outdent", selected.map(Change::Outdent)),
            ("gantt.indent", selected.map(Change::Indent)),
        ] {
            if ui
                .add_enabled(writable && change.is_some(), egui::Button::new(m.t(key)))
                .clicked()
                && let Some(change) = change
            {
                actions.push(Action::Apply(Change::Many(vec![
                    change,
                    Change::Reschedule(plan.project),
                ])));
            }
        }
        let selection = state.selection();
        for (key, tip, link) in [
            ("gantt.link", "gantt.link_tip", true),
            ("gantt.unlink", "gantt.unlink_tip", false),
        ] {
            if ui
                .add_enabled(
                    writable && selection.len() >= 2,
                    egui::Button::new(m.t(key)),
                )
                .on_hover_text(m.t(tip))
                .on_disabled_hover_text(m.t(tip))
                .clicked()
                && let Some(change) = link_change(plan, &selection, link)
            {
                actions.push(Action::Apply(change));
            }
        }
        // Baselines 0–10: which one is drawn, saving the dates as they are now (MS
        // Project's "Set Baseline") and clearing it.
        let label = ui.label(m.t("gantt.baseline"));
        egui::ComboBox::from_id_salt("gantt_baseline")
            .selected_text(state.baseline.to_string())
            .width(44.0)
            .show_ui(ui, |ui| {
                for n in 0..=crate::model::resource::MAX_BASELINE {
                    ui.selectable_value(&mut state.baseline, n, n.to_string());
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut state.show_variance, m.t("gantt.show_variance"))
            .on_hover_text(m.t("gantt.show_variance_tip"));
        for (key, tip, set) in [
            ("gantt.set_baseline", "gantt.set_baseline_tip", true),
            ("gantt.clear_baseline", "gantt.clear_baseline_tip", false),
        ] {
            if ui
                .add_enabled(
                    writable && !plan.rows.is_empty(),
                    egui::Button::new(m.t(key)),
                )
                .on_hover_text(m.t(tip))
                .clicked()
            {
                let (project, number) = (plan.project, state.baseline);
                actions.push(Action::Apply(if set {
                    Change::SetBaseline { project, number }
                } else {
                    Change::ClearBaseline { project, number }
                }));
            }
        }
        ui.separator();
        if ui
            .add_enabled(
                writable && !plan.rows.is_empty(),
                egui::Button::new(m.t("gantt.reschedule")),
            )
            .on_hover_text(m.t("gantt.reschedule_tip"))
            .clicked()
        {
            actions.push(Action::Apply(Change::Reschedule(plan.project)));
        }
        ui.separator();
        if ui
            .button("-")
            .on_hover_text(m.t("gantt.zoom_out"))
            .clicked()
        {
            state.day_width = (state.day_width / 1.5).max(theme::size::GANTT_MIN_DAY);
        }
        if ui.button("+").on_hover_text(m.t("gantt.zoom_in")).clicked() {
            state.day_width = (state.day_width * 1.5).min(theme::size::GANTT_MAX_DAY);
        }
        if ui.button(m.t("gantt.today")).clicked() {
            let today = chrono::Local::now().date_naive();
            state.pan_days = (today - plan.first_day).num_days() as f32 - 3.0;
        }
        if ui.button(m.t("gantt.project_start")).clicked() {
            state.pan_days = -2.0;
            state.first_row = 0.0;
        }
        ui.separator();
        let out_of_date = plan.rows.iter().filter(|r| r.out_of_date).count();
        ui.label(tr_with(
            m.lang,
            "gantt.summary",
            &[
                ("tasks", &plan.rows.len().to_string()),
                (
                    "critical",
                    &plan
                        .rows
                        .iter()
                        .filter(|r| r.critical && !r.summary)
                        .count()
                        .to_string(),
                ),
            ],
        ));
        if out_of_date > 0 {
            ui.label(
                egui::RichText::new(tr_with(
                    m.lang,
                    "gantt.out_of_date",
                    &[("n", &out_of_date.to_string())],
                ))
                .color(palette.warning),
            );
        }
        if let Some(problem) = &plan.schedule_problem {
            ui.label(egui::RichText::new(problem).color(palette.danger));
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn table_row(
    painter: &egui::Painter,
    table: Rect,
    y: f32,
    row_index: usize,
    row: &GanttRow,
    variance: Option<(i64, i64)>,
    font: &FontId,
    color: Color32,
    palette: theme::Palette,
    state: &GanttState,
) {
    let mut x = table.min.x;
    let cy = y + theme::size::GANTT_ROW / 2.0;
    let mut cells = cells(row_index, row, variance);
    for &i in columns(state) {
        let (w, text) = (COLUMNS[i].1, std::mem::take(&mut cells[i]));
        let cell = Rect::from_min_size(pos2(x, y), vec2(w, theme::size::GANTT_ROW))
            .shrink2(vec2(4.0, 0.0));
        // Cells stay inside their column and inside the table.
        let clip = painter.with_clip_rect(cell.intersect(table).intersect(painter.clip_rect()));
        let mut tx = cell.min.x;
        let mut c = color;
        if i == NAME_COLUMN {
            tx += f32::from(row.depth) * 14.0;
            if row.summary {
                let open = !state.collapsed.contains(&row.task);
                clip.text(
                    pos2(tx, cy),
                    Align2::LEFT_CENTER,
                    if open { "▼" } else { "▶" },
                    FontId::proportional(10.0),
                    palette.muted_text,
                );
            }
            tx += 16.0;
        }
        if i == 0 {
            c = palette.muted_text;
        }
        let font = if row.summary && i == NAME_COLUMN {
            FontId::proportional(13.5)
        } else {
            font.clone()
        };
        let galley_color = if row.critical && i == NAME_COLUMN && !row.summary {
            palette.bar_critical
        } else {
            c
        };
        clip.text(pos2(tx, cy), Align2::LEFT_CENTER, text, font, galley_color);
        x += w;
    }
}

#[allow(clippy::too_many_arguments)]
fn bar(
    painter: &egui::Painter,
    chart: Rect,
    y: f32,
    row: &GanttRow,
    first_day: NaiveDate,
    x_of: &dyn Fn(f32) -> f32,
    palette: theme::Palette,
    baseline: u8,
) {
    let cy = y + theme::size::GANTT_ROW / 2.0;
    // The chosen baseline as a thin bar under the task, when it has moved.
    if let Some((bs, bf)) = row.baseline(baseline)
        && !row.summary
        && (Some(bs), Some(bf)) != (row.start, row.finish)
    {
        let (b0, b1) = (
            x_of(day_offset(first_day, bs)),
            x_of(day_offset(first_day, bf)),
        );
        let r = Rect::from_min_max(pos2(b0, cy + 7.0), pos2(b1.max(b0 + 2.0), cy + 10.0));
        painter
            .with_clip_rect(chart.intersect(painter.clip_rect()))
            .rect_filled(r, 1.0, palette.baseline);
    }
    // The deadline as a downward arrow above the bar, red once the finish is past it.
    if let Some((d, missed)) = row.deadline() {
        let x = x_of(day_offset(first_day, d));
        if chart.x_range().contains(x) {
            let color = if missed {
                palette.danger
            } else {
                palette.success
            };
            painter
                .with_clip_rect(chart.intersect(painter.clip_rect()))
                .add(egui::Shape::convex_polygon(
                    vec![
                        pos2(x - 4.0, cy - 10.0),
                        pos2(x + 4.0, cy - 10.0),
                        pos2(x, cy - 4.0),
                    ],
                    color,
                    Stroke::NONE,
                ));
        }
    }
    let (Some(start), Some(finish)) = (row.start, row.finish) else {
        return;
    };
    let x0 = x_of(day_offset(first_day, start));
    let x1 = x_of(day_offset(first_day, finish)).max(x0);
    if x1 < chart.min.x || x0 > chart.max.x {
        return;
    }
    let cy = y + theme::size::GANTT_ROW / 2.0;
    let clip = painter.with_clip_rect(chart.intersect(painter.clip_rect()));
    if row.milestone || (x1 - x0) < 0.5 && !row.summary {
        let r = 6.0;
        let c = if row.critical {
            palette.bar_critical
        } else {
            palette.text_milestone()
        };
        clip.add(egui::Shape::convex_polygon(
            vec![
                pos2(x0, cy - r),
                pos2(x0 + r, cy),
                pos2(x0, cy + r),
                pos2(x0 - r, cy),
            ],
            c,
            Stroke::NONE,
        ));
        return;
    }
    if row.summary {
        let top = cy - 4.0;
        clip.rect_filled(
            Rect::from_min_max(pos2(x0, top), pos2(x1, cy + 2.0)),
            0.0,
            palette.bar_summary,
        );
        for x in [x0, x1] {
            clip.add(egui::Shape::convex_polygon(
                vec![
                    pos2(x - 4.0, cy + 2.0),
                    pos2(x + 4.0, cy + 2.0),
                    pos2(x, cy + 7.0),
                ],
                palette.bar_summary,
                Stroke::NONE,
            ));
        }
        return;
    }
    let fill = if row.critical {
        palette.bar_critical
    } else {
        palette.bar
    };
    let body = Rect::from_min_max(pos2(x0, cy - 6.0), pos2(x1.max(x0 + 2.0), cy + 6.0));
    if row.gaps.is_empty() {
        clip.rect_filled(body, 3.0, fill);
    } else {
        // A split bar: the pieces of work, joined by a dotted line where it stands still.
        let gaps: Vec<(f32, f32)> = row
            .gaps
            .iter()
            .map(|&(a, b)| {
                (
                    x_of(day_offset(first_day, a)),
                    x_of(day_offset(first_day, b)),
                )
            })
            .collect();
        for (a, b) in crate::report::plan_view::bar_pieces((body.min.x, body.max.x), &gaps) {
            clip.rect_filled(
                Rect::from_min_max(pos2(a, body.min.y), pos2(b.max(a + 1.0), body.max.y)),
                3.0,
                fill,
            );
        }
        for &(a, b) in &gaps {
            clip.add(egui::Shape::dotted_line(
                &[pos2(a, cy), pos2(b, cy)],
                fill,
                4.0,
                1.2,
            ));
        }
    }
    if row.percent_complete > 0 {
        let done = body.min.x + body.width() * f32::from(row.percent_complete) / 100.0;
        clip.rect_filled(
            Rect::from_min_max(pos2(body.min.x, cy - 2.0), pos2(done, cy + 2.0)),
            0.0,
            palette.bar_progress,
        );
    }
    if row.out_of_date {
        clip.rect_stroke(
            body,
            3.0,
            Stroke::new(1.5, palette.warning),
            egui::StrokeKind::Outside,
        );
    }
}

fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, color: Color32) {
    let stroke = Stroke::new(1.0, color);
    let elbow_x = if to.x - 6.0 >= from.x + 4.0 {
        to.x - 6.0
    } else {
        from.x + 6.0
    };
    let points = if to.x - 6.0 >= from.x + 4.0 {
        vec![
            from,
            pos2(elbow_x, from.y),
            pos2(elbow_x, to.y),
            pos2(to.x - 1.0, to.y),
        ]
    } else {
        let mid_y = from.y + (to.y - from.y).signum() * theme::size::GANTT_ROW / 2.0;
        vec![
            from,
            pos2(elbow_x, from.y),
            pos2(elbow_x, mid_y),
            pos2(to.x - 10.0, mid_y),
            pos2(to.x - 10.0, to.y),
            pos2(to.x - 1.0, to.y),
        ]
    };
    painter.add(egui::Shape::line(points, stroke));
    painter.add(egui::Shape::convex_polygon(
        vec![
            pos2(to.x, to.y),
            pos2(to.x - 5.0, to.y - 3.5),
            pos2(to.x - 5.0, to.y + 3.5),
        ],
        color,
        Stroke::NONE,
    ));
}

#[allow(clippy::too_many_arguments)]
fn header(
    painter: &egui::Painter,
    m: &FrameModel<'_>,
    table: Rect,
    chart: Rect,
    header_h: f32,
    first_day: NaiveDate,
    state: &GanttState,
    visuals: &egui::Visuals,
    palette: theme::Palette,
) {
    let bg = visuals.panel_fill;
    let head = Rect::from_min_size(table.min, vec2(table.width() + chart.width(), header_h));
    painter.rect_filled(head, 0.0, bg);
    let font = FontId::proportional(12.5);
    let color = visuals.strong_text_color();
    let mut x = table.min.x;
    for &(key, w) in columns(state).iter().map(|&c| &COLUMNS[c]) {
        let cell =
            Rect::from_min_size(pos2(x, table.min.y), vec2(w - 2.0, header_h)).intersect(table);
        painter.with_clip_rect(cell).text(
            pos2(x + 4.0, table.min.y + header_h - 12.0),
            Align2::LEFT_CENTER,
            m.t(key),
            font.clone(),
            color,
        );
        x += w;
    }
    painter.hline(head.x_range(), head.max.y, Stroke::new(1.0, palette.grid));
    // Two tiers: months (or years) above, days / weeks / months below.
    let clip = painter.with_clip_rect(Rect::from_min_max(
        chart.min,
        pos2(chart.max.x, chart.min.y + header_h),
    ));
    let x_of = |d: i64| chart.min.x + (d as f32 - state.pan_days) * state.day_width;
    let first = state.pan_days.floor() as i64 - 1;
    let count = (chart.width() / state.day_width).ceil() as i64 + 2;
    let upper_y = chart.min.y + 11.0;
    let lower_y = chart.min.y + header_h - 12.0;
    let mut last_label_x = f32::MIN;
    for d in first..first + count {
        let date = first_day + Duration::days(d);
        let x = x_of(d);
        // The month at the left edge is labelled too, unless the next one is close.
        let days_to_next_month = i64::from(
            date.with_day(1)
                .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
                .map_or(31, |n| (n - date).num_days() as u32),
        );
        let edge_label_fits = days_to_next_month as f32 * state.day_width > 90.0;
        let month_start = date.day() == 1 || (d == first && edge_label_fits);
        if month_start {
            clip.vline(
                x,
                chart.min.y..=chart.min.y + header_h,
                Stroke::new(1.0, palette.grid),
            );
            let label = if state.day_width < 1.5 {
                format!("{}", date.year())
            } else {
                tr_with(
                    m.lang,
                    "gantt.month",
                    &[
                        ("y", &date.year().to_string()),
                        ("m", &date.month().to_string()),
                    ],
                )
            };
            if state.day_width >= 1.5 || date.month() == 1 || d == first {
                clip.text(
                    pos2(x.max(chart.min.x) + 4.0, upper_y),
                    Align2::LEFT_CENTER,
                    label,
                    font.clone(),
                    color,
                );
            }
        }
        let (show, text) = if state.day_width >= 18.0 {
            (true, date.day().to_string())
        } else if state.day_width >= 4.0 {
            (
                date.weekday() == chrono::Weekday::Mon,
                date.day().to_string(),
            )
        } else if state.day_width >= 1.0 {
            (date.day() == 1, date.month().to_string())
        } else {
            (
                date.day() == 1 && (date.month() - 1).is_multiple_of(3),
                format!("Q{}", (date.month() - 1) / 3 + 1),
            )
        };
        if show && x - last_label_x > 14.0 {
            clip.text(
                pos2(x + 3.0, lower_y),
                Align2::LEFT_CENTER,
                text,
                FontId::proportional(11.5),
                palette.muted_text,
            );
            last_label_x = x;
        }
    }
}

impl theme::Palette {
    /// Milestones are drawn in the strong text colour unless critical.
    fn text_milestone(&self) -> Color32 {
        self.bar_summary
    }
}

/// A new task after the selected one (or at the end), rescheduled at once.
fn add_task(m: &FrameModel<'_>, plan: &PlanView, after: Option<TaskId>) -> Action {
    Action::Apply(Change::Many(vec![
        Change::AddTask {
            project: plan.project,
            after,
            fields: crate::model::TaskFields {
                name: m.t("gantt.new_task_name"),
                ..crate::model::TaskFields::default()
            },
        },
        Change::Reschedule(plan.project),
    ]))
}

/// Keys of the Gantt, when no text field has the keyboard: Insert, Delete,
/// Alt+Shift+→/← (indent, outdent), ↑/↓ to move the selection.
fn keyboard(
    ui: &egui::Ui,
    m: &FrameModel<'_>,
    plan: &PlanView,
    visible: &[usize],
    state: &mut GanttState,
    actions: &mut Vec<Action>,
) {
    if ui.ctx().egui_wants_keyboard_input() || m.view.is_none() {
        return;
    }
    let writable = m.view.is_some_and(|v| !v.read_only);
    let alt_shift = egui::Modifiers::ALT | egui::Modifiers::SHIFT;
    let indent = egui::KeyboardShortcut::new(alt_shift, egui::Key::ArrowRight);
    let outdent = egui::KeyboardShortcut::new(alt_shift, egui::Key::ArrowLeft);
    let link = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F2);
    let unlink = egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F2,
    );
    let (insert, delete, up, down, ind, outd, do_unlink, do_link) = ui.ctx().input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::Insert),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Delete),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_shortcut(&indent),
            i.consume_shortcut(&outdent),
            i.consume_shortcut(&unlink),
            i.consume_shortcut(&link),
        )
    });
    // Copy: the selected rows as tab-separated text, which Excel pastes as cells.
    let (copied, pasted) = ui.ctx().input(|i| {
        let copied = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
        let pasted = i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) => Some(text.clone()),
            _ => None,
        });
        (copied, pasted)
    });
    if copied && state.selected.is_some() {
        ui.ctx().copy_text(rows_as_tsv(plan, &state.selection()));
    }
    if let Some(text) = pasted.filter(|_| writable)
        && let Some(change) = paste_change(plan, state.selected, &text)
    {
        actions.push(Action::Apply(change));
    }
    let current = state
        .selected
        .and_then(|id| visible.iter().position(|&r| plan.rows[r].task == id));
    if up || down {
        let next = match (current, up) {
            (Some(k), true) => k.saturating_sub(1),
            (Some(k), false) => (k + 1).min(visible.len().saturating_sub(1)),
            (None, _) => 0,
        };
        if let Some(&r) = visible.get(next) {
            state.selected = Some(plan.rows[r].task);
            // Keep the selection on screen.
            if (next as f32) < state.first_row {
                state.first_row = next as f32;
            } else if next as f32 > state.first_row + 20.0 {
                state.first_row = next as f32 - 10.0;
            }
        }
    }
    if !writable {
        return;
    }
    if insert {
        actions.push(add_task(m, plan, state.selected));
    }
    let Some(selected) = state
        .selected
        .filter(|id| plan.rows.iter().any(|r| r.task == *id))
    else {
        return;
    };
    let change = if delete {
        Some(Change::DeleteTasks(state.selection()))
    } else if do_link {
        link_change(plan, &state.selection(), true)
    } else if do_unlink {
        link_change(plan, &state.selection(), false)
    } else if ind {
        Some(Change::Indent(selected))
    } else if outd {
        Some(Change::Outdent(selected))
    } else {
        None
    };
    if let Some(change) = change {
        actions.push(Action::Apply(Change::Many(vec![
            change,
            Change::Reschedule(plan.project),
        ])));
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

/// The part of a bar from `x0` to `x1` that a drag starting at `x` holds. Bars too
/// short to hold three parts only move or resize.
fn bar_handle(row: &GanttRow, x0: f32, x1: f32, x: f32) -> BarHandle {
    if row.milestone {
        return BarHandle::Body;
    }
    if x >= x1 - 6.0 {
        return BarHandle::End;
    }
    let done = x0 + (x1 - x0) * f32::from(row.percent_complete) / 100.0;
    let at_progress = (row.percent_complete > 0 && (x - done).abs() <= 4.0) || x <= x0 + 5.0;
    if x1 - x0 >= 24.0 && at_progress {
        BarHandle::Progress
    } else {
        BarHandle::Body
    }
}

/// The % complete a progress drag asks for.
fn dragged_percent(row: &GanttRow, drag: BarDrag, day_width: f32) -> u8 {
    let moved = drag.days * day_width / drag.width.max(1.0) * 100.0;
    (f32::from(row.percent_complete) + moved)
        .round()
        .clamp(0.0, 100.0) as u8
}

/// Moving a bar pins its start (Start No Earlier Than, as MS Project does); dragging
/// its end changes the duration, its progress the % complete. Whole days; rescheduled
/// in the same edit.
fn bar_drag_change(plan: &PlanView, drag: BarDrag, day_width: f32) -> Option<Change> {
    let row = plan.rows.get(drag.row)?;
    let mut fields = row.fields.clone();
    if drag.handle == BarHandle::Progress {
        let percent = dragged_percent(row, drag, day_width);
        if percent == row.percent_complete {
            return None;
        }
        fields.percent_complete = percent;
        return Some(Change::Many(vec![
            Change::UpdateTask {
                id: row.task,
                fields,
            },
            Change::Reschedule(plan.project),
        ]));
    }
    let days = drag.days.round() as i64;
    if days == 0 {
        return None;
    }
    if drag.handle == BarHandle::End {
        fields.duration_minutes =
            (fields.duration_minutes + days * crate::model::task::MINUTES_PER_DAY).max(0);
        fields.milestone = fields.duration_minutes == 0;
    } else {
        let start = row.start?.date() + Duration::days(days);
        fields.constraint = crate::model::schedule::ConstraintKind::StartNoEarlierThan;
        fields.constraint_date = Some(start.and_time(chrono::NaiveTime::MIN));
    }
    Some(Change::Many(vec![
        Change::UpdateTask {
            id: row.task,
            fields,
        },
        Change::Reschedule(plan.project),
    ]))
}

/// Where a dragged bar will land.
#[allow(clippy::too_many_arguments)]
fn ghost(
    painter: &egui::Painter,
    chart: Rect,
    y: f32,
    row: &GanttRow,
    first_day: NaiveDate,
    x_of: &dyn Fn(f32) -> f32,
    drag: BarDrag,
    palette: theme::Palette,
    day_width: f32,
) {
    let (Some(start), Some(finish)) = (row.start, row.finish) else {
        return;
    };
    let cy = y + theme::size::GANTT_ROW / 2.0;
    if drag.handle == BarHandle::Progress {
        // The new end of the progress line, and the figure it stands for.
        let percent = dragged_percent(row, drag, day_width);
        let x0 = x_of(day_offset(first_day, start));
        let x = x0 + drag.width * f32::from(percent) / 100.0;
        let clip = painter.with_clip_rect(chart);
        clip.vline(x, (cy - 9.0)..=(cy + 9.0), Stroke::new(2.0, palette.accent));
        clip.text(
            pos2(x + 4.0, cy - 9.0),
            Align2::LEFT_BOTTOM,
            format!("{percent}%"),
            egui::FontId::proportional(11.0),
            palette.accent,
        );
        return;
    }
    let days = drag.days.round();
    let (s, f) = if drag.handle == BarHandle::End {
        (
            day_offset(first_day, start),
            day_offset(first_day, finish) + days,
        )
    } else {
        (
            day_offset(first_day, start) + days,
            day_offset(first_day, finish) + days,
        )
    };
    let body = Rect::from_min_max(
        pos2(x_of(s), cy - 8.0),
        pos2(x_of(f).max(x_of(s) + 2.0), cy + 8.0),
    );
    painter.with_clip_rect(chart).rect_stroke(
        body,
        3.0,
        Stroke::new(1.5, palette.accent),
        egui::StrokeKind::Outside,
    );
}

/// Selected rows as TSV: a header, then ID, name, duration, start, finish,
/// predecessors and resources per row, in outline order.
fn rows_as_tsv(plan: &PlanView, selection: &[TaskId]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let date = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    let mut out = String::from("ID\tName\tDuration\tStart\tFinish\tPredecessors\tResource Names\n");
    for (i, r) in plan
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| selection.contains(&r.task))
    {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            i + 1,
            clean(&r.name),
            r.duration,
            date(r.start),
            date(r.finish),
            r.predecessors,
            clean(&r.resources)
        ));
    }
    out
}

/// Pasted cells become new tasks after the selected one, in their order.
fn paste_change(plan: &PlanView, after: Option<TaskId>, text: &str) -> Option<Change> {
    let pasted = crate::io::tasks_csv::pasted_tasks(text);
    if pasted.is_empty() {
        return None;
    }
    let mut changes: Vec<Change> = Vec::with_capacity(pasted.len() + 1);
    match after {
        // Each right after the selection, last first, so they end up in order.
        Some(_) => changes.extend(pasted.into_iter().rev().map(|fields| Change::AddTask {
            project: plan.project,
            after,
            fields,
        })),
        None => changes.extend(pasted.into_iter().map(|fields| Change::AddTask {
            project: plan.project,
            after: None,
            fields,
        })),
    }
    changes.push(Change::Reschedule(plan.project));
    Some(Change::Many(changes))
}

/// Ctrl+F2 links the selected tasks in the order they were picked (finish-to-start);
/// Ctrl+Shift+F2 removes the links between them.
fn link_change(plan: &PlanView, selection: &[TaskId], link: bool) -> Option<Change> {
    if selection.len() < 2 {
        return None;
    }
    let mut changes: Vec<Change> = Vec::new();
    if link {
        for pair in selection.windows(2) {
            changes.push(Change::Link {
                predecessor: pair[0],
                successor: pair[1],
                kind: LinkKind::FinishToStart,
                lag: 0,
                lag_unit: crate::model::TimeUnit::Days,
            });
        }
    } else {
        for &task in selection {
            let keep: Vec<crate::model::PredecessorSpec> = plan
                .rows
                .iter()
                .find(|r| r.task == task)
                .map(|r| {
                    crate::model::task::parse_predecessors(&r.predecessors).unwrap_or_default()
                })
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| {
                    let pred = plan.rows.get(p.row.checked_sub(1)?)?.task;
                    (!selection.contains(&pred)).then_some(crate::model::PredecessorSpec {
                        predecessor: pred,
                        kind: p.kind,
                        lag: p.lag,
                        lag_unit: p.lag_unit,
                    })
                })
                .collect();
            changes.push(Change::SetPredecessors { task, links: keep });
        }
    }
    changes.push(Change::Reschedule(plan.project));
    Some(Change::Many(changes))
}

/// What a cell shows, as the in-place editor starts with it.
fn cell_text(row: &GanttRow, column: usize) -> String {
    match column {
        2 => row.name.clone(),
        3 => row.duration.clone(),
        4 => row
            .start
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        6 => row.percent_complete.to_string(),
        7 => row.predecessors.clone(),
        8 => row.resources.clone(),
        _ => String::new(),
    }
}

/// The change a cell's new text asks for, or why it cannot be read.
fn cell_change(
    m: &FrameModel<'_>,
    plan: &PlanView,
    row: &GanttRow,
    column: usize,
    text: &str,
) -> Result<Change, String> {
    use crate::i18n::tr_with;
    let mut fields = row.fields.clone();
    let change = match column {
        2 => {
            fields.name = text.to_owned();
            Change::UpdateTask {
                id: row.task,
                fields,
            }
        }
        3 => {
            let (minutes, unit, elapsed) = crate::model::task::parse_duration(text)
                .ok_or_else(|| tr_with(m.lang, "editor.bad_duration", &[("text", text)]))?;
            fields.duration_minutes = minutes;
            fields.duration_unit = unit;
            fields.elapsed = elapsed;
            Change::UpdateTask {
                id: row.task,
                fields,
            }
        }
        4 => {
            // Typing a start pins it, as MS Project does (Start No Earlier Than).
            let at = crate::model::task::parse_moment(text, false)
                .ok_or_else(|| tr_with(m.lang, "dialog.bad_date", &[("text", text)]))?;
            fields.constraint = crate::model::schedule::ConstraintKind::StartNoEarlierThan;
            fields.constraint_date = Some(at);
            Change::UpdateTask {
                id: row.task,
                fields,
            }
        }
        6 => {
            let pct: u8 = text
                .trim()
                .trim_end_matches('%')
                .parse()
                .ok()
                .filter(|p| *p <= 100)
                .ok_or_else(|| tr_with(m.lang, "editor.bad_percent", &[("text", text)]))?;
            fields.percent_complete = pct;
            Change::UpdateTask {
                id: row.task,
                fields,
            }
        }
        7 => {
            let typed = crate::model::task::parse_predecessors(text)
                .map_err(|e| tr_with(m.lang, "editor.bad_predecessors", &[("detail", &e)]))?;
            let mut links = Vec::with_capacity(typed.len());
            for p in typed {
                let pred = p
                    .row
                    .checked_sub(1)
                    .and_then(|i| plan.rows.get(i))
                    .ok_or_else(|| {
                        tr_with(m.lang, "editor.no_such_row", &[("row", &p.row.to_string())])
                    })?;
                links.push(crate::model::PredecessorSpec {
                    predecessor: pred.task,
                    kind: p.kind,
                    lag: p.lag,
                    lag_unit: p.lag_unit,
                });
            }
            Change::SetPredecessors {
                task: row.task,
                links,
            }
        }
        8 => Change::AssignResources {
            task: row.task,
            by_name: crate::model::resource::parse_assignments(text)
                .map_err(|e| tr_with(m.lang, "editor.bad_resources", &[("detail", &e)]))?,
        },
        _ => return Err(String::new()),
    };
    Ok(Change::Many(vec![change, Change::Reschedule(plan.project)]))
}

/// The in-place editor over its cell: Enter (or clicking elsewhere) applies, Escape
/// cancels; text that cannot be read keeps the editor open with the reason.
#[allow(clippy::too_many_arguments)]
fn inline_editor(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    plan: &PlanView,
    state: &mut GanttState,
    shown: &[usize],
    table: Rect,
    y_of: impl Fn(usize) -> f32,
    actions: &mut Vec<Action>,
) {
    let show_variance = state.show_variance;
    let Some(edit) = &mut state.inline else {
        return;
    };
    let Some(k) = shown.iter().position(|&r| plan.rows[r].task == edit.task) else {
        state.inline = None;
        return;
    };
    let row = &plan.rows[shown[k]];
    let x: f32 = table.min.x + column_x(show_variance, edit.column);
    let cell = Rect::from_min_size(
        pos2(x, y_of(k)),
        vec2(COLUMNS[edit.column].1.max(120.0), theme::size::GANTT_ROW),
    );
    let response = ui.put(
        cell,
        egui::TextEdit::singleline(&mut edit.text).margin(vec2(4.0, 2.0)),
    );
    crate::ui::accessible_name(ui, &response, &m.t(COLUMNS[edit.column].0));
    if edit.opened {
        response.request_focus();
        edit.opened = false;
    }
    if let Some(e) = &edit.error {
        ui.painter().text(
            cell.left_bottom() + vec2(0.0, 2.0),
            Align2::LEFT_TOP,
            e,
            FontId::proportional(12.0),
            theme::palette(ui.visuals()).danger,
        );
    }
    let (escape, enter) = ui.input(|i| {
        (
            i.key_pressed(egui::Key::Escape),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if escape {
        state.inline = None;
        return;
    }
    if response.lost_focus() || enter {
        if edit.text == cell_text(row, edit.column) {
            state.inline = None;
            return;
        }
        match cell_change(m, plan, row, edit.column, &edit.text) {
            Ok(change) => {
                actions.push(Action::Apply(change));
                state.inline = None;
            }
            Err(e) => {
                edit.error = Some(e);
                edit.opened = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProjectId, TaskFields};

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
