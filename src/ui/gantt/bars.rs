//! The timeline's bars: a bar per task (split pieces, progress, baseline, milestones), link
//! arrows, and dragging a bar to move it, stretch it or set its progress.

use crate::model::Change;
use crate::report::plan_view::{GanttRow, PlanView};
use crate::ui::theme;
use crate::ui::theme::size;
use chrono::{Duration, NaiveDate, NaiveDateTime, Timelike};
use egui::{Align2, Color32, Pos2, Rect, Stroke, pos2};

/// Which part of a bar a drag holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BarHandle {
    /// The middle: moves the task (a new start).
    Body,
    /// The right end: a new duration.
    End,
    /// The left edge or the end of the progress line: a new % complete (as in MS Project).
    Progress,
}

/// Dragging a bar: moving it, its right end, or its progress.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct BarDrag {
    pub(super) row: usize,
    pub(super) handle: BarHandle,
    /// The bar's width in points when the drag began (for progress).
    pub(super) width: f32,
    /// Whole days moved so far.
    pub(super) days: f32,
    /// Points moved up or down: dragging onto another bar links to it (as in MS Project).
    pub(super) dy: f32,
}

impl BarDrag {
    /// A mostly vertical drag of a bar's middle draws a link instead of moving it.
    pub(super) fn links(&self, day_width: f32) -> bool {
        self.handle == BarHandle::Body
            && self.dy.abs() > theme::size::GANTT_ROW * 0.6
            && self.dy.abs() > (self.days * day_width).abs()
    }
}

pub(super) fn day_offset(first: NaiveDate, t: NaiveDateTime) -> f32 {
    let days = (t.date() - first).num_days() as f32;
    days + (t.hour() as f32 * 60.0 + t.minute() as f32) / 1440.0
}

#[allow(clippy::too_many_arguments)]
pub(super) fn bar(
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
            Stroke::new(size::LINE_BOLD, palette.warning),
            egui::StrokeKind::Outside,
        );
    }
}

pub(super) fn arrow(painter: &egui::Painter, from: Pos2, to: Pos2, color: Color32) {
    let stroke = Stroke::new(size::LINE, color);
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

/// The part of a bar from `x0` to `x1` that a drag starting at `x` holds. Bars too
/// short to hold three parts only move or resize.
pub(super) fn bar_handle(row: &GanttRow, x0: f32, x1: f32, x: f32) -> BarHandle {
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
pub(super) fn dragged_percent(row: &GanttRow, drag: BarDrag, day_width: f32) -> u8 {
    let moved = drag.days * day_width / drag.width.max(1.0) * 100.0;
    (f32::from(row.percent_complete) + moved)
        .round()
        .clamp(0.0, 100.0) as u8
}

/// Moving a bar pins its start (Start No Earlier Than, as MS Project does); dragging
/// its end changes the duration, its progress the % complete. Whole days; rescheduled
/// in the same edit.
pub(super) fn bar_drag_change(plan: &PlanView, drag: BarDrag, day_width: f32) -> Option<Change> {
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
pub(super) fn ghost(
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
        clip.vline(
            x,
            (cy - 9.0)..=(cy + 9.0),
            Stroke::new(size::LINE_HEAVY, palette.accent),
        );
        clip.text(
            pos2(x + 4.0, cy - 9.0),
            Align2::LEFT_BOTTOM,
            format!("{percent}%"),
            egui::FontId::proportional(size::TEXT_S),
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
        Stroke::new(size::LINE_BOLD, palette.accent),
        egui::StrokeKind::Outside,
    );
}
