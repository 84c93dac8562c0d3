//! The NPS trend over the survey's waves, and the wave-over-wave comparison.

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::report::survey_view::{FEW_ANSWERS, SurveyView};
use crate::ui::ViewCx;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;
use egui_plot::Plot;

/// The NPS per week or month of the answer dates, with its margin of error.
pub(super) fn trend_card(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    survey: &SurveyView,
    monthly: &mut bool,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        ui.label(RichText::new(m.t("research.trend")).strong());
        ui.selectable_value(monthly, false, m.t("research.by_week"));
        ui.selectable_value(monthly, true, m.t("research.by_month"));
        if ui
            .small_button("PNG")
            .on_hover_text(m.t("research.export_png"))
            .clicked()
        {
            actions.push(Action::Export {
                id: "survey-png",
                question: Some(crate::report::survey_export::TREND.to_owned()),
            });
        }
    });
    let trend = if *monthly {
        &survey.trend_monthly
    } else {
        &survey.trend_weekly
    };
    let points: Vec<[f64; 2]> = trend
        .iter()
        .enumerate()
        .map(|(i, (_, n))| [i as f64, n.score])
        .collect();
    let labels: Vec<String> = trend.iter().map(|(p, _)| p.clone()).collect();
    let bands: Vec<[f64; 2]> = trend
        .iter()
        .enumerate()
        .flat_map(|(i, (_, n))| [[i as f64, n.score + n.moe95], [i as f64, n.score - n.moe95]])
        .collect();
    Plot::new("nps_trend")
        .height(size::HEIGHT_S)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(-100.0)
        .include_y(100.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for pair in bands.chunks(2) {
                plot.line(
                    egui_plot::Line::new("±", egui_plot::PlotPoints::from(pair.to_vec()))
                        .color(palette.muted_text),
                );
            }
            plot.line(
                egui_plot::Line::new("NPS", egui_plot::PlotPoints::from(points.clone()))
                    .color(palette.series)
                    .width(2.0),
            );
            plot.points(
                egui_plot::Points::new("NPS", egui_plot::PlotPoints::from(points))
                    .radius(3.5)
                    .color(palette.series),
            );
        });
    ui.horizontal_wrapped(|ui| {
        for (period, n) in trend {
            let answered = n.promoters + n.passives + n.detractors;
            let text = RichText::new(format!("{period}: {:+.1} (n={answered})", n.score)).small();
            ui.label(if answered < FEW_ANSWERS {
                text.color(palette.warning)
            } else {
                text
            });
        }
    });
}

/// The questions this survey shares with the one it is compared with, side by side.
pub(super) fn comparison_card(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    c: &crate::report::survey_compare::Comparison,
) {
    let palette = theme::palette(ui.visuals());
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "research.compare_title",
            &[
                ("this", &survey.name),
                ("other", &c.other_name),
                ("n", &c.other_responses.to_string()),
            ],
        ))
        .strong(),
    );
    if c.rows.is_empty() {
        ui.label(RichText::new(m.t("research.compare_none")).color(palette.muted_text));
        return;
    }
    let change = |now: f64, before: f64, unit: &str| {
        let d = now - before;
        let color = if d > 0.05 {
            palette.success
        } else if d < -0.05 {
            palette.danger
        } else {
            palette.muted_text
        };
        RichText::new(format!("{d:+.1}{unit}")).color(color)
    };
    egui::Grid::new("comparison")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(m.t("research.compare_question"));
            ui.strong(survey.name.as_str());
            ui.strong(c.other_name.as_str());
            ui.strong(m.t("research.compare_change"));
            ui.end_row();
            for row in &c.rows {
                let short: String = row.title.chars().take(36).collect();
                if let (Some(a), Some(b)) = (row.this.nps, row.other.nps) {
                    ui.label(format!("{} {short} · NPS", row.key));
                    ui.label(format!("{:+.1}", a.score));
                    ui.label(format!("{:+.1}", b.score));
                    ui.label(change(a.score, b.score, ""));
                    ui.end_row();
                } else if let (Some(a), Some(b)) = (row.this.rating, row.other.rating) {
                    ui.label(format!("{} {short} · top-2", row.key));
                    ui.label(format!("{:.1}%", a.top2_pct));
                    ui.label(format!("{:.1}%", b.top2_pct));
                    ui.label(change(a.top2_pct, b.top2_pct, " pp"));
                    ui.end_row();
                } else {
                    for (label, _) in row.this.options.iter().take(8) {
                        if let Some((now, before)) =
                            crate::report::survey_compare::share_change(row, label)
                        {
                            ui.label(format!("{} {short} · {label}", row.key));
                            ui.label(format!("{now:.1}%"));
                            ui.label(format!("{before:.1}%"));
                            ui.label(change(now, before, " pp"));
                            ui.end_row();
                        }
                    }
                }
            }
        });
}
