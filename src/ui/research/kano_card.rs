//! The Kano card of the Research page: each feature a survey asks about in a functional
//! and a dysfunctional question, its answers in the evaluation table's cells, its
//! category, Better and Worse, on a Better × Worse chart; each feature matched to a
//! requirement and its category written there (one undoable step for all).

use crate::ui::ViewCx;
use crate::ui::theme::size;
use std::collections::HashMap;

use egui::RichText;
use egui_plot::{Line, Plot, PlotPoint, PlotPoints, Points, Text};

use crate::context::action::Action;
use crate::model::Change;
use crate::model::kano::{KanoFeature, feature_name, likely_requirement};
use crate::model::requirement::{Kano, RequirementId};
use crate::report::insights::InsightsView;
use crate::ui::{FrameModel, theme};

/// Which requirement each feature (by its functional question's title, the same in
/// every wave that asks it) stands for, as the user matched it; `None`: left unmatched
/// on purpose.
pub type KanoLinks = HashMap<String, Option<RequirementId>>;

/// Draws the card.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    features: &[KanoFeature],
    links: &mut KanoLinks,
    read_only: bool,
) {
    let palette = theme::palette(ui.visuals());
    ui.label(RichText::new(m.t("kano.title")).strong());
    ui.label(
        RichText::new(m.t("kano.help"))
            .small()
            .color(palette.muted_text),
    );
    // A first guess at each feature's requirement, kept once made.
    for f in features {
        links.entry(f.title.clone()).or_insert_with(|| {
            likely_requirement(
                feature_name(&f.title),
                insights
                    .requirements
                    .iter()
                    .map(|r| (r.requirement.id, r.requirement.fields.title.as_str())),
            )
        });
    }
    let category_name = |k: Option<Kano>| {
        k.map_or_else(
            || "—".to_owned(),
            |k| m.t(&format!("req.kano.{}", k.code())),
        )
    };
    let mut apply: Vec<(RequirementId, Kano)> = Vec::new();
    egui::Grid::new("kano_table")
        .striped(true)
        .num_columns(13)
        .spacing([size::GAP_L, size::GAP_S])
        .show(ui, |ui| {
            for key in ["kano.feature", "kano.answered"] {
                ui.strong(m.t(key));
            }
            for cell in ["A", "O", "M", "I", "R", "Q"] {
                ui.strong(cell)
                    .on_hover_text(m.t(&format!("kano.cell.{cell}")));
            }
            for key in ["kano.category", "Better", "Worse", "kano.requirement"] {
                ui.strong(if key.contains('.') {
                    m.t(key)
                } else {
                    key.to_owned()
                });
            }
            ui.label("");
            ui.end_row();
            for f in features {
                let name = feature_name(&f.title);
                ui.label(name).on_hover_text(&f.title);
                ui.label(f.answered().to_string());
                let most = f.counts.iter().copied().max().unwrap_or(0);
                for n in f.counts {
                    let text = RichText::new(n.to_string());
                    ui.label(if n == most && n > 0 {
                        text.strong()
                    } else {
                        text
                    });
                }
                ui.label(RichText::new(category_name(f.category)).strong());
                ui.label(format!("{:.2}", f.better));
                ui.label(format!("{:.2}", f.worse));
                let linked = links.entry(f.title.clone()).or_default();
                let shown = linked.and_then(|id| insights.requirement(id)).map_or_else(
                    || m.t("kano.no_requirement"),
                    |r| format!("{} {}", r.requirement.id.key(), r.requirement.fields.title),
                );
                let combo = egui::ComboBox::from_id_salt(("kano_req", &f.functional))
                    .selected_text(shown)
                    .width(size::FIELD_M)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(linked, None, m.t("kano.no_requirement"));
                        for r in &insights.requirements {
                            let id = r.requirement.id;
                            ui.selectable_value(
                                linked,
                                Some(id),
                                format!("{} {}", id.key(), r.requirement.fields.title),
                            );
                        }
                    });
                let name_for_reader = format!("{} {name}", m.t("kano.requirement"));
                combo.response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, &name_for_reader)
                });
                let current = linked
                    .and_then(|id| insights.requirement(id))
                    .map(|r| r.requirement.fields.scores.kano);
                let target = linked.zip(f.category);
                match (target, current) {
                    (Some((id, k)), Some(now)) if now != Some(k) => {
                        if ui
                            .add_enabled(!read_only, egui::Button::new(m.t("kano.apply")))
                            .on_hover_text(m.t("kano.apply_tip"))
                            .clicked()
                        {
                            apply.push((id, k));
                        }
                    }
                    (Some(_), Some(_)) => {
                        ui.label(RichText::new(m.t("kano.applied")).color(palette.muted_text));
                    }
                    _ => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
    // Every matched feature whose requirement holds another category, in one step.
    let pending: Vec<(RequirementId, Kano)> = features
        .iter()
        .filter_map(|f| {
            let id = links.get(&f.title).copied().flatten()?;
            let k = f.category?;
            let r = insights.requirement(id)?;
            (r.requirement.fields.scores.kano != Some(k)).then_some((id, k))
        })
        .collect();
    if pending.len() > 1
        && ui
            .add_enabled(
                !read_only,
                egui::Button::new(crate::i18n::tr_with(
                    m.lang,
                    "kano.apply_all",
                    &[("n", &pending.len().to_string())],
                )),
            )
            .clicked()
    {
        apply = pending;
    }
    if !apply.is_empty() {
        let changes: Vec<Change> = apply
            .into_iter()
            .filter_map(|(id, k)| {
                let r = insights.requirement(id)?;
                let mut fields = r.requirement.fields.clone();
                fields.scores.kano = Some(k);
                Some(Change::UpdateRequirement { id, fields })
            })
            .collect();
        actions.push(Action::Apply(if changes.len() == 1 {
            changes
                .into_iter()
                .next()
                .unwrap_or(Change::Many(Vec::new()))
        } else {
            Change::Many(changes)
        }));
    }
    ui.add_space(size::GAP);
    better_worse(ui, m, features);
}

/// Better against |Worse|: the four quadrants are the categories the coefficients
/// suggest (one-dimensional top right, attractive top left, must-be bottom right,
/// indifferent bottom left).
fn better_worse(ui: &mut egui::Ui, m: &FrameModel<'_>, features: &[KanoFeature]) {
    let palette = theme::palette(ui.visuals());
    let points: Vec<[f64; 2]> = features.iter().map(|f| [-f.worse, f.better]).collect();
    // The quadrants split at the features' averages, as is usual for this chart.
    let n = points.len().max(1) as f64;
    let mid_x = points.iter().map(|p| p[0]).sum::<f64>() / n;
    let mid_y = points.iter().map(|p| p[1]).sum::<f64>() / n;
    Plot::new("kano_better_worse")
        .height(size::HEIGHT_L)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(1.0)
        .include_y(0.0)
        .include_y(1.0)
        .x_axis_label(m.t("kano.worse_axis"))
        .y_axis_label(m.t("kano.better_axis"))
        .show(ui, |plot| {
            plot.line(
                Line::new("", PlotPoints::from(vec![[mid_x, 0.0], [mid_x, 1.0]]))
                    .color(palette.muted_text),
            );
            plot.line(
                Line::new("", PlotPoints::from(vec![[0.0, mid_y], [1.0, mid_y]]))
                    .color(palette.muted_text),
            );
            for (key, x, y) in [
                ("req.kano.attractive", mid_x / 2.0, 0.98),
                ("req.kano.performance", (1.0 + mid_x) / 2.0, 0.98),
                ("req.kano.indifferent", mid_x / 2.0, 0.02),
                ("req.kano.must_be", (1.0 + mid_x) / 2.0, 0.02),
            ] {
                plot.text(
                    Text::new("", PlotPoint::new(x, y), RichText::new(m.t(key)).strong())
                        .color(palette.muted_text),
                );
            }
            for (f, p) in features.iter().zip(&points) {
                let short: String = feature_name(&f.title).chars().take(10).collect();
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(p[0], p[1] + 0.04),
                        RichText::new(short).small(),
                    )
                    .color(palette.muted_text),
                );
            }
            plot.points(
                Points::new("", PlotPoints::from(points.clone()))
                    .radius(5.0)
                    .color(palette.accent),
            );
        });
}
