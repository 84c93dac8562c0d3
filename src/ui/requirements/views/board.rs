//! The board: a column per status, cards in view only, dragged to another status (one
//! undoable edit).

use super::with;
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::requirement::RequirementId;
use crate::ui::ViewCx;
use crate::ui::theme;
use crate::ui::theme::size;
use egui::RichText;

/// A column per status; drag a card to another column to move it there.
pub fn board(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    egui::ScrollArea::horizontal()
        .id_salt("pool_board")
        .show(ui, |ui| {
            // Cards are grabbed anywhere, text included.
            ui.style_mut().interaction.selectable_labels = false;
            ui.horizontal_top(|ui| {
                for status in crate::ui::requirements::statuses(view) {
                    let cards: Vec<&crate::report::insights::RequirementRow> = insights
                        .requirements
                        .iter()
                        .filter(|r| r.requirement.fields.status == status)
                        .collect();
                    let frame = egui::Frame::group(ui.style()).inner_margin(size::GAP);
                    let (_, dropped) = ui.dnd_drop_zone::<RequirementId, ()>(frame, |ui| {
                        // A column: its cards one under another.
                        ui.vertical(|ui| {
                            ui.set_width(size::BOARD_COLUMN);
                            ui.set_min_height(size::HEIGHT_L);
                            ui.label(
                                RichText::new(format!(
                                    "{} · {}",
                                    crate::ui::requirements::status_name(m, status),
                                    cards.len()
                                ))
                                .strong(),
                            );
                            // Cards of one height, so only those in view are laid
                            // out however many the column holds.
                            let row_height = CARD_HEIGHT + ui.spacing().item_spacing.y;
                            egui::ScrollArea::vertical()
                                .id_salt(("board_column", status))
                                .max_height(ui.available_height().max(size::HEIGHT_L))
                                .show_rows(ui, row_height, cards.len(), |ui, range| {
                                    for r in &cards[range] {
                                        card(ui, &palette, r);
                                    }
                                });
                        });
                    });
                    if let Some(id) = dropped
                        && !view.read_only
                        && let Some(r) = insights.requirement(*id)
                        && r.requirement.fields.status != status
                    {
                        actions.push(Action::Apply(Change::UpdateRequirement {
                            id: *id,
                            fields: with(&r.requirement.fields, |f| f.status = status.to_owned()),
                        }));
                    }
                }
            });
        });
}

/// A card's height on the board, frame included.
pub(super) const CARD_HEIGHT: f32 = size::CARD_HEIGHT;

/// One requirement on the board: key and priority, the title on one line (all of it on
/// hover); grabbed anywhere to drag.
pub(super) fn card(
    ui: &mut egui::Ui,
    palette: &theme::Palette,
    r: &crate::report::insights::RequirementRow,
) {
    let id = r.requirement.id;
    let f = &r.requirement.fields;
    ui.dnd_drag_source(egui::Id::unique(("card", id.0)), id, |ui| {
        egui::Frame::new()
            .fill(palette.card_fill)
            .stroke(egui::Stroke::new(size::LINE, palette.card_stroke))
            .corner_radius(4.0)
            .inner_margin(size::GAP)
            .show(ui, |ui| {
                ui.set_width(size::BOARD_COLUMN);
                // Margins (6 + 6) and the stroke (1 + 1) take the rest of the height.
                let inner = CARD_HEIGHT - 14.0;
                ui.set_min_height(inner);
                ui.set_max_height(inner);
                let head = match f.priority {
                    Some(p) => format!("{} · P{p}", id.key()),
                    None => id.key(),
                };
                ui.label(RichText::new(head).small().color(palette.muted_text));
                ui.add(egui::Label::new(&f.title).truncate())
                    .on_hover_text(&f.title);
            });
    });
}
