//! The Overview page: the workspace's counts, its projects, and the recent edits.

use egui::RichText;

use super::{FrameModel, calendar_name, page_title, theme};
use crate::app::action::{Action, Page};
use crate::app::messages::describe_edit;
use crate::app::view_model::WorkspaceView;
use crate::i18n::tr_with;

pub fn show(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            page_title(ui, &m.t("overview.title"));
            ui.horizontal_wrapped(|ui| {
                for count in &view.counts {
                    theme::card(ui.visuals()).show(ui, |ui| {
                        ui.set_min_width(120.0);
                        ui.label(
                            RichText::new(count.count.to_string())
                                .size(theme::size::TITLE)
                                .strong(),
                        );
                        ui.label(
                            RichText::new(m.t(&format!("overview.count.{}", count.entity)))
                                .color(palette.muted_text),
                        );
                    });
                }
            });
            ui.add_space(theme::size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.projects")).strong());
            if view.projects.is_empty() {
                ui.label(RichText::new(m.t("overview.no_projects")).color(palette.muted_text));
            }
            ui.horizontal_wrapped(|ui| {
                for project in &view.projects {
                    theme::card(ui.visuals()).show(ui, |ui| {
                        ui.set_width(260.0);
                        let name = RichText::new(&project.fields.name).strong();
                        if ui.link(name).clicked() {
                            actions.push(Action::SelectProject(Some(project.id)));
                            actions.push(Action::Navigate(Page::Projects));
                        }
                        let calendar = view
                            .calendar(project.fields.calendar)
                            .map(|c| calendar_name(m.lang, c))
                            .unwrap_or_default();
                        let starts = tr_with(
                            m.lang,
                            "overview.starts",
                            &[("date", &project.fields.start_date.to_string())],
                        );
                        ui.label(
                            RichText::new(format!("{starts} · {calendar}"))
                                .color(palette.muted_text),
                        );
                        if !project.fields.description.is_empty() {
                            ui.add(egui::Label::new(&project.fields.description).wrap());
                        }
                    });
                }
            });
            ui.add_space(theme::size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.recent_edits")).strong());
            if view.recent_edits.is_empty() {
                ui.label(RichText::new(m.t("overview.no_edits")).color(palette.muted_text));
            }
            for entry in &view.recent_edits {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(&entry.applied_at)
                            .monospace()
                            .color(palette.muted_text),
                    );
                    let text = describe_edit(m.lang, &entry.edit);
                    if entry.undone {
                        ui.label(
                            RichText::new(text)
                                .strikethrough()
                                .color(palette.muted_text),
                        );
                        ui.label(RichText::new(m.t("overview.undone")).color(palette.muted_text));
                    } else {
                        ui.label(text);
                    }
                });
            }
        });
}
