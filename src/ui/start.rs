//! Shown when no workspace is open: what a workspace is, and ways to open one.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use super::{FrameModel, command_button, page_title, theme};
use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::i18n::tr_with;

pub fn show(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let palette = theme::palette(ui.visuals());
    ui.vertical_centered(|ui| {
        ui.add_space(size::START_TOP);
        ui.set_max_width(size::DIALOG_WIDTH);
        page_title(ui, &m.t("start.title"));
        if let Some(path) = m.missing_workspace {
            theme::card(ui.visuals()).show(ui, |ui| {
                ui.label(
                    RichText::new(tr_with(
                        m.lang,
                        "start.missing",
                        &[("path", &path.display().to_string())],
                    ))
                    .color(palette.warning),
                );
                if ui.button(m.t("start.forget")).clicked() {
                    actions.push(Action::ForgetRecent(path.to_path_buf()));
                }
            });
            ui.add_space(theme::size::SECTION_GAP / 2.0);
        }
        ui.label(RichText::new(m.t("start.body")).color(palette.muted_text));
        ui.add_space(theme::size::SECTION_GAP);
        for cmd in [
            UiCommand::NewWorkspace,
            UiCommand::OpenWorkspace,
            UiCommand::OpenDemo,
        ] {
            command_button(ui, ViewCx::new(m, actions), cmd);
        }
        if !m.prefs.recent.is_empty() {
            ui.add_space(theme::size::SECTION_GAP);
            ui.label(RichText::new(m.t("start.recent")).strong());
            for (i, path) in m.prefs.recent.iter().enumerate() {
                let shown = path.display().to_string();
                if m.recent_missing.get(i).copied().unwrap_or(false) {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("{shown} {}", m.t("start.gone")))
                                .color(palette.muted_text)
                                .strikethrough(),
                        );
                        if ui.small_button(m.t("start.forget")).clicked() {
                            actions.push(Action::ForgetRecent(path.clone()));
                        }
                    });
                } else if ui.link(shown).clicked() {
                    actions.push(Action::OpenPath(path.clone()));
                }
            }
        }
    });
}
