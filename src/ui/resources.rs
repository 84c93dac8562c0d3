//! The resource view: each person's hours per week against what they can do, with
//! over-allocated weeks marked.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{FrameModel, page_title, theme};
use crate::app::plan_view::PlanView;
use crate::i18n::tr_with;

pub fn show(ui: &mut egui::Ui, m: &FrameModel<'_>, plan: &PlanView) {
    let palette = theme::palette(ui.visuals());
    page_title(ui, &m.t("resources.title"));
    if plan.resource_load.is_empty() {
        ui.label(RichText::new(m.t("resources.none")).color(palette.muted_text));
        return;
    }
    let over: usize = plan
        .resource_load
        .iter()
        .map(|r| r.weeks.iter().filter(|w| w.over_allocated()).count())
        .sum();
    ui.label(tr_with(
        m.lang,
        "resources.summary",
        &[
            ("people", &plan.resource_load.len().to_string()),
            ("weeks", &plan.resource_load[0].weeks.len().to_string()),
            ("over", &over.to_string()),
        ],
    ));
    ui.add_space(6.0);
    let weeks = plan.resource_load[0].weeks.len();
    egui::ScrollArea::horizontal().show(ui, |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::exact(140.0))
            .columns(Column::exact(46.0), weeks)
            .header(theme::size::ROW_HEIGHT * 1.6, |mut header| {
                header.col(|ui| {
                    ui.strong(m.t("resources.person"));
                });
                for w in &plan.resource_load[0].weeks {
                    header.col(|ui| {
                        ui.label(RichText::new(w.week.format("%m/%d").to_string()).small());
                    });
                }
            })
            .body(|body| {
                body.rows(
                    theme::size::ROW_HEIGHT,
                    plan.resource_load.len(),
                    |mut row| {
                        let Some(r) = plan.resource_load.get(row.index()) else {
                            return;
                        };
                        row.col(|ui| {
                            let label = if r.max_units == 100 {
                                r.name.clone()
                            } else {
                                format!("{} ({}%)", r.name, r.max_units)
                            };
                            ui.label(label);
                        });
                        for w in &r.weeks {
                            row.col(|ui| {
                                if w.over_allocated() {
                                    ui.painter().rect_filled(
                                        ui.max_rect(),
                                        2.0,
                                        palette.over_allocated,
                                    );
                                }
                                if w.assigned_minutes > 0 {
                                    let hours = (w.assigned_minutes as f64 / 60.0).round() as i64;
                                    let text = RichText::new(hours.to_string());
                                    let text = if w.over_allocated() {
                                        text.strong()
                                    } else {
                                        text
                                    };
                                    ui.label(text).on_hover_text(tr_with(
                                        m.lang,
                                        "resources.cell_tip",
                                        &[
                                            ("week", &w.week.to_string()),
                                            ("hours", &hours.to_string()),
                                            ("capacity", &(w.capacity_minutes / 60).to_string()),
                                        ],
                                    ));
                                }
                            });
                        }
                    },
                );
            });
    });
}
