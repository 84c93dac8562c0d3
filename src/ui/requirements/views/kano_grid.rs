//! The Kano grid: requirements by their Kano category.

use crate::context::view_model::WorkspaceView;
use crate::model::requirement::Kano;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;

/// Requirements by Kano category.
pub fn kano(ui: &mut egui::Ui, m: &FrameModel<'_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    ui.label(
        RichText::new(m.t("pool.kano_from_survey"))
            .small()
            .color(palette.muted_text),
    );
    egui::ScrollArea::horizontal()
        .id_salt("pool_kano")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                let groups: Vec<(Option<Kano>, String)> = Kano::ALL
                    .into_iter()
                    .map(|k| (Some(k), m.t(&format!("req.kano.{}", k.code()))))
                    .chain(std::iter::once((None, m.t("pool.kano_unset"))))
                    .collect();
                for (k, name) in groups {
                    let rows: Vec<&crate::report::insights::RequirementRow> = insights
                        .requirements
                        .iter()
                        .filter(|r| r.depth > 0 || r.requirement.fields.scores.kano.is_some())
                        .filter(|r| r.requirement.fields.scores.kano == k)
                        .collect();
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(size::BOARD_COLUMN);
                        ui.label(RichText::new(format!("{name} · {}", rows.len())).strong());
                        ui.label(
                            RichText::new(
                                m.t(&format!("pool.kano_hint.{}", k.map_or("unset", Kano::code))),
                            )
                            .small()
                            .color(palette.muted_text),
                        );
                        // One line each, so only those in view are laid out.
                        let row_height = ui.text_style_height(&egui::TextStyle::Body)
                            + ui.spacing().item_spacing.y;
                        egui::ScrollArea::vertical()
                            .id_salt(("kano_column", name.as_str()))
                            .max_height(ui.available_height().max(size::HEIGHT_L))
                            .show_rows(ui, row_height, rows.len(), |ui, range| {
                                for r in &rows[range] {
                                    let text = format!(
                                        "{} {}",
                                        r.requirement.id.key(),
                                        r.requirement.fields.title
                                    );
                                    ui.add(egui::Label::new(&text).truncate())
                                        .on_hover_text(text);
                                }
                            });
                    });
                }
            });
        });
}
