//! The timeline's heading: months, weeks or days as the zoom has it, today marked.

use super::GanttState;
use super::cells::{COLUMNS, columns};
use crate::i18n::tr_with;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Align2, FontId, Rect, Stroke, pos2, vec2};

#[allow(clippy::too_many_arguments)]
pub(super) fn header(
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
    let font = FontId::proportional(size::TEXT);
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
    painter.hline(
        head.x_range(),
        head.max.y,
        Stroke::new(size::LINE, palette.grid),
    );
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
                Stroke::new(size::LINE, palette.grid),
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
                FontId::proportional(size::TEXT_S),
                palette.muted_text,
            );
            last_label_x = x;
        }
    }
}
