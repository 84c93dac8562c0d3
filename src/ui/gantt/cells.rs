//! The task table's columns: what each cell shows, which are edited in place, and the
//! change an edited cell makes.

use super::GanttState;
use crate::context::action::Action;
use crate::model::{Change, TaskId};
use crate::report::plan_view::{GanttRow, PlanView};
use crate::ui::ViewCx;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use chrono::NaiveDateTime;
use egui::{Align2, Color32, FontId, Rect, pos2, vec2};

/// A table cell edited in place: which task and column, the text, why it was refused.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct InlineEdit {
    pub(super) task: TaskId,
    pub(super) column: usize,
    pub(super) text: String,
    pub(super) opened: bool,
    pub(super) error: Option<String>,
}

/// Columns that can be edited in place, by index into [`COLUMNS`].
pub(super) const EDITABLE: [usize; 6] = [2, 3, 4, 6, 7, 8];

/// Table columns: i18n key and width. The last two (variance against the baseline)
/// show only when asked for; see [`columns`].
pub(super) const COLUMNS: [(&str, f32); 11] = [
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
pub(super) fn cells(
    row_index: usize,
    row: &GanttRow,
    variance: Option<(i64, i64)>,
) -> [String; 11] {
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
pub(super) fn columns(state: &GanttState) -> &'static [usize] {
    column_order(state.show_variance)
}

pub(super) fn column_order(show_variance: bool) -> &'static [usize] {
    if show_variance {
        &[0, 1, 2, 3, 4, 5, 9, 10, 6, 7, 8]
    } else {
        &[0, 1, 2, 3, 4, 5, 6, 7, 8]
    }
}

/// Where column `column` (an index into [`COLUMNS`]) begins, from the table's left.
pub(super) fn column_x(show_variance: bool, column: usize) -> f32 {
    column_order(show_variance)
        .iter()
        .take_while(|&&c| c != column)
        .map(|&c| COLUMNS[c].1)
        .sum()
}

/// Index of the name column (indented, with the collapse triangle).
pub(super) const NAME_COLUMN: usize = 2;

#[allow(clippy::too_many_arguments)]
pub(super) fn table_row(
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
            .shrink2(vec2(size::GAP_S, 0.0));
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
                    FontId::proportional(size::TEXT_XS),
                    palette.muted_text,
                );
            }
            tx += 16.0;
        }
        if i == 0 {
            c = palette.muted_text;
        }
        let font = if row.summary && i == NAME_COLUMN {
            FontId::proportional(size::TEXT_M)
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

/// What a cell shows, as the in-place editor starts with it.
pub(super) fn cell_text(row: &GanttRow, column: usize) -> String {
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
pub(super) fn cell_change(
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
pub(super) fn inline_editor(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    plan: &PlanView,
    state: &mut GanttState,
    shown: &[usize],
    table: Rect,
    y_of: impl Fn(usize) -> f32,
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
        egui::TextEdit::singleline(&mut edit.text).margin(vec2(size::GAP_S, size::GAP_XS)),
    );
    crate::ui::accessible_name(ui, &response, &m.t(COLUMNS[edit.column].0));
    if edit.opened {
        response.request_focus();
        edit.opened = false;
    }
    if let Some(e) = &edit.error {
        ui.painter().text(
            cell.left_bottom() + vec2(0.0, size::GAP_XS),
            Align2::LEFT_TOP,
            e,
            FontId::proportional(size::TEXT),
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
