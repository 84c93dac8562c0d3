//! Shown when no workspace is open: what a workspace is, and ways to open one.

use egui::RichText;

use super::{FrameModel, command_button, page_title, theme};
use crate::context::action::Action;
use crate::context::command::UiCommand;

pub fn show(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let palette = theme::palette(ui.visuals());
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.set_max_width(560.0);
        page_title(ui, &m.t("start.title"));
        ui.label(RichText::new(m.t("start.body")).color(palette.muted_text));
        ui.add_space(theme::size::SECTION_GAP);
        for cmd in [
            UiCommand::NewWorkspace,
            UiCommand::OpenWorkspace,
            UiCommand::OpenDemo,
        ] {
            command_button(ui, m, cmd, actions);
        }
        if !m.prefs.recent.is_empty() {
            ui.add_space(theme::size::SECTION_GAP);
            ui.label(RichText::new(m.t("start.recent")).strong());
            for path in &m.prefs.recent {
                if ui.link(path.display().to_string()).clicked() {
                    actions.push(Action::OpenPath(path.clone()));
                }
            }
        }
    });
}
