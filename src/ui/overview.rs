//! The Overview page: the workspace's counts, its projects, and the recent edits.

use crate::ui::ViewCx;
use egui::RichText;

use super::{calendar_name, page_title, theme};
use crate::context::action::{Action, Page};
use crate::context::messages::describe_edit;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Project;

pub fn show(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            page_title(ui, &m.t("overview.title"));
            // Cards in rows of as many as fit (see the project cards below).
            let gap = ui.spacing().item_spacing.x;
            let width = theme::size::COUNT_CARD_WIDTH + 2.0 * theme::size::CARD_MARGIN;
            let per_row = (((ui.available_width() + gap) / (width + gap)) as usize).max(1);
            for row in view.counts.chunks(per_row) {
                ui.horizontal(|ui| {
                    for count in row {
                        count_card(ui, m, count, palette.muted_text);
                    }
                });
            }
            ui.add_space(theme::size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.projects")).strong());
            if view.projects.is_empty() {
                ui.label(RichText::new(m.t("overview.no_projects")).color(palette.muted_text));
            }
            // Cards in rows of as many as fit; egui cannot wrap a frame by itself
            // because it only knows the frame's size after drawing it.
            let gap = ui.spacing().item_spacing.x;
            let card = theme::size::PROJECT_CARD_WIDTH + 2.0 * theme::size::CARD_MARGIN;
            let per_row = (((ui.available_width() + gap) / (card + gap)) as usize).max(1);
            for row in view.projects.chunks(per_row) {
                ui.horizontal(|ui| {
                    for project in row {
                        project_card(ui, ViewCx::new(m, actions), view, project);
                    }
                });
            }
            ui.add_space(theme::size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.recent_edits")).strong());
            if view.recent_edits.is_empty() {
                ui.label(RichText::new(m.t("overview.no_edits")).color(palette.muted_text));
            }
            for entry in &view.recent_edits {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(super::short_time(&entry.applied_at))
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

/// One project as a card: name (click to select), start date and calendar, description.
fn project_card(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, view: &WorkspaceView, project: &Project) {
    let ViewCx { m, actions } = cx;
    let palette = theme::palette(ui.visuals());
    theme::card(ui.visuals()).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.set_width(theme::size::PROJECT_CARD_WIDTH);
            ui.set_min_height(theme::size::PROJECT_CARD_HEIGHT);
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
            ui.label(RichText::new(format!("{starts} · {calendar}")).color(palette.muted_text));
            if !project.fields.description.is_empty() {
                ui.add(egui::Label::new(&project.fields.description).wrap());
            }
            // The week's report of this project, one click away.
            if ui.button(m.t("overview.weekly_report")).clicked() {
                actions.push(Action::SelectProject(Some(project.id)));
                actions.push(Action::SetReportPeriod(None));
                actions.push(Action::Navigate(Page::Reports));
            }
        });
    });
}

/// One count: how many of a kind of thing the workspace holds.
fn count_card(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    count: &crate::store::EntityCount,
    muted: egui::Color32,
) {
    theme::card(ui.visuals()).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.set_min_width(theme::size::COUNT_CARD_WIDTH);
            ui.label(
                RichText::new(count.count.to_string())
                    .size(theme::size::TITLE)
                    .strong(),
            );
            ui.label(RichText::new(m.t(&format!("overview.count.{}", count.entity))).color(muted));
        });
    });
}

#[cfg(test)]
mod count_tests {
    use crate::i18n::{Language, has_key};

    /// The Overview names every count it shows, in both languages.
    #[test]
    fn every_counted_entity_has_a_name() {
        for (entity, _) in crate::store::queries::COUNTED {
            for lang in [Language::ZhCn, Language::English] {
                assert!(
                    has_key(lang, &format!("overview.count.{entity}")),
                    "{entity} in {lang:?}"
                );
            }
        }
    }
}
