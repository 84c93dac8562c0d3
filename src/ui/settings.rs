//! Settings: language, theme and interface scale. Changes apply at once.

use super::{FrameModel, page_title, theme};
use crate::context::action::Action;
use crate::context::prefs::{LanguageChoice, ThemeChoice, UI_SCALE_RANGE};
use crate::i18n::{Language, tr_with};
use crate::ui::theme::size;

pub fn show(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    page_title(ui, &m.t("settings.title"));
    egui::Grid::new("settings_grid")
        .num_columns(2)
        .spacing([size::GAP_XXL, size::GAP_XL])
        .show(ui, |ui| {
            ui.label(m.t("settings.language"));
            ui.horizontal(|ui| {
                let mut choice = m.prefs.language;
                ui.radio_value(
                    &mut choice,
                    LanguageChoice::System,
                    m.t("settings.language_auto"),
                );
                for lang in Language::ALL {
                    ui.radio_value(&mut choice, LanguageChoice::Fixed(lang), lang.native_name());
                }
                if choice != m.prefs.language {
                    actions.push(Action::SetLanguage(choice));
                }
            });
            ui.end_row();

            ui.label(m.t("settings.theme"));
            ui.horizontal(|ui| {
                let mut choice = m.prefs.theme;
                for (value, key) in [
                    (ThemeChoice::System, "settings.theme_system"),
                    (ThemeChoice::Light, "settings.theme_light"),
                    (ThemeChoice::Dark, "settings.theme_dark"),
                ] {
                    ui.radio_value(&mut choice, value, m.t(key));
                }
                if choice != m.prefs.theme {
                    actions.push(Action::SetTheme(choice));
                }
            });
            ui.end_row();

            let label = ui.label(m.t("settings.ui_scale"));
            let mut scale = m.prefs.ui_scale;
            let slider = egui::Slider::new(&mut scale, UI_SCALE_RANGE)
                .step_by(0.05)
                .custom_formatter(|v, _| format!("{:.0}%", v * 100.0));
            let response = ui.add(slider).labelled_by(label.id);
            if response.drag_stopped() || (response.changed() && !response.dragged()) {
                actions.push(Action::SetUiScale(scale));
            }
            ui.end_row();
        });
    ui.add_space(theme::size::SECTION_GAP);
    if let Some(path) = m.demo_path {
        ui.label(m.t("settings.storage"));
        ui.label(
            egui::RichText::new(tr_with(
                m.lang,
                "settings.demo_location",
                &[("path", &path.display().to_string())],
            ))
            .color(theme::palette(ui.visuals()).muted_text),
        );
    }
}
