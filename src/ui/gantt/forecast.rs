//! Schedule risk on the Gantt: where the last simulation puts each milestone at P50 and
//! P80, drawn as hollow diamonds (ghost markers) on its row, with a thin line from the
//! planned date to the P80.

use egui::{Painter, Stroke, pos2};

use super::GanttState;
use super::bars::day_offset;
use super::canvas::Canvas;
use crate::report::plan_view::PlanView;
use crate::report::risk_session::RiskSession;
use crate::ui::theme::{self, size};

/// Draws the P50/P80 markers of the milestones on screen, when the last simulation was
/// of this project.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint(
    ui: &egui::Ui,
    painter: &Painter,
    canvas: &Canvas,
    plan: &PlanView,
    state: &GanttState,
    shown: &[usize],
    y_of: &dyn Fn(usize) -> f32,
    risks: Option<&RiskSession>,
) {
    let Some(run) = risks
        .and_then(|r| r.simulation.as_ref())
        .filter(|s| s.project == plan.project)
    else {
        return;
    };
    let palette = theme::palette(ui.visuals());
    let chart = canvas.chart;
    let clip = painter.with_clip_rect(chart.intersect(painter.clip_rect()));
    let x_of = |t: chrono::NaiveDateTime| canvas.x_of(state, day_offset(plan.first_day, t));
    for (k, &row_index) in shown.iter().enumerate() {
        let row = &plan.rows[row_index];
        let Some(m) = run.result.milestones.iter().find(|m| m.task == row.task) else {
            continue;
        };
        let cy = y_of(k) + size::GANTT_ROW / 2.0;
        let planned = x_of(m.planned);
        let (x50, x80) = (x_of(m.p50), x_of(m.p80));
        clip.hline(
            planned.min(x80)..=planned.max(x80),
            cy,
            Stroke::new(size::LINE_HAIR, palette.muted_text),
        );
        for (x, colour) in [(x50, palette.warning), (x80, palette.danger)] {
            if !chart.x_range().contains(x) {
                continue;
            }
            let r = 5.0;
            clip.add(egui::Shape::closed_line(
                vec![
                    pos2(x, cy - r),
                    pos2(x + r, cy),
                    pos2(x, cy + r),
                    pos2(x - r, cy),
                ],
                Stroke::new(size::LINE_BOLD, colour),
            ));
        }
        if chart.x_range().contains(x80) {
            clip.text(
                pos2(x80 + 7.0, cy),
                egui::Align2::LEFT_CENTER,
                "P80",
                egui::FontId::proportional(size::TEXT_XS),
                palette.danger,
            );
        }
    }
}
