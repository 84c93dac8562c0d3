//! The Gantt view: the task table on the left and the timeline on the right, painted
//! row by row for the visible rows only, so 100,000 tasks cost what 40 do.

mod bars;
mod canvas;
mod cells;
pub mod column_mapping;
mod forecast;
mod keys;
pub mod task_editor;
mod timeline_header;
mod toolbar;

use crate::ui::ViewCx;
use crate::ui::theme::size;
use bars::BarDrag;
use canvas::Canvas;
use cells::{InlineEdit, inline_editor};
use keys::keyboard;
use std::collections::HashSet;
use timeline_header::header;
use toolbar::toolbar;

use egui::{Align2, Color32, FontId, Stroke};

use crate::model::{ProjectId, TaskId};
use crate::report::plan_view::PlanView;
use crate::ui::theme;
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
    /// The range the estimates menu sets: below %, above %, distribution.
    pub estimate_range: (i64, i64, crate::model::estimate::Distribution),
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
            estimate_range: (-10, 30, crate::model::estimate::Distribution::Pert),
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

pub fn show(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, plan: &PlanView, state: &mut GanttState) {
    let ViewCx { m, actions } = cx;
    let palette = theme::palette(ui.visuals());
    toolbar(ui, ViewCx::new(m, actions), plan, state);
    let visible: Vec<usize> = state.visible_rows(plan).to_vec();
    keyboard(ui, ViewCx::new(m, actions), plan, &visible, state);
    editor_panel(ui, ViewCx::new(m, actions), plan, state);
    let (canvas, response) = Canvas::lay_out(ui, state);
    let painter = ui.painter_at(canvas.rect);
    let writable = m.view.is_some_and(|v| !v.read_only);
    canvas::scroll_and_zoom(ui, &response, &canvas, state);
    canvas::drag(&response, &canvas, plan, &visible, state, writable, actions);
    let max_first = (visible.len() as f32 - canvas.rows_fit()).max(0.0);
    state.first_row = state.first_row.clamp(0.0, max_first);
    canvas::table_clicks(ui, &response, &canvas, plan, &visible, state, writable);

    let first = state.first_row.floor() as usize;
    let sub = (state.first_row - first as f32) * canvas.row_h;
    let last = (first + canvas.rows_fit() as usize + 2).min(visible.len());
    let shown = &visible[first..last];
    let y_of = |k: usize| canvas.body_top() + (k as f32) * canvas.row_h - sub;
    canvas::paint_rows(
        ui,
        &painter,
        &canvas,
        plan,
        state,
        shown,
        &y_of,
        response.interact_pointer_pos(),
    );
    forecast::paint(ui, &painter, &canvas, plan, state, shown, &y_of, m.risks);
    // Headings last, over the rows.
    header(
        &painter,
        m,
        canvas.table,
        canvas.chart,
        canvas.header_h,
        plan.first_day,
        state,
        ui.visuals(),
        palette,
    );
    painter.vline(
        canvas.chart.min.x,
        canvas.rect.y_range(),
        Stroke::new(size::LINE, palette.grid),
    );
    inline_editor(
        ui,
        ViewCx::new(m, actions),
        plan,
        state,
        shown,
        canvas.table,
        y_of,
    );
    if plan.rows.is_empty() {
        painter.text(
            canvas.rect.center(),
            Align2::CENTER_CENTER,
            m.t("gantt.empty"),
            FontId::proportional(size::TEXT_XL),
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
fn editor_panel(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, plan: &PlanView, state: &mut GanttState) {
    let ViewCx { m, actions } = cx;
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
            ui.add_space(size::GAP);
            task_editor::show(ui, ViewCx::new(m, actions), plan, editor, state.baseline);
            ui.add_space(size::GAP_S);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::bars::{BarDrag, BarHandle, bar_drag_change, bar_handle, dragged_percent};
    use super::cells::{cells, column_x, columns};
    use super::*;
    use crate::model::{Change, ProjectId, TaskFields};
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
