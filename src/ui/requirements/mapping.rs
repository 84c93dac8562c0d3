//! The column-mapping step of a requirement-table import: what each column holds (a
//! requirement field, a custom field, or nothing), suggested from the headers or from a
//! saved mapping, with the first rows shown; the mapping can be saved for the next file.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use std::path::PathBuf;

use egui::RichText;

use crate::context::action::Action;
use crate::io::requirements::{CUSTOM_PREFIX, Field, suggested};
use crate::io::task_table::TablePreview;
use crate::model::pool_settings::PoolSettings;
use crate::ui::{FrameModel, theme};

/// The file being mapped and the choice for each of its columns.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementMappingDialog {
    pub path: PathBuf,
    pub preview: TablePreview,
    /// Per column: a target code (`title`, `custom:客户数` …) or nothing.
    pub choice: Vec<Option<String>>,
    /// A name to save the mapping under (empty: not saved).
    pub save_as: String,
}

impl RequirementMappingDialog {
    pub fn new(path: PathBuf, preview: TablePreview, settings: &PoolSettings) -> Self {
        let headers = preview.rows.first().cloned().unwrap_or_default();
        let mut choice = suggested(&headers);
        choice.resize(preview.columns, None);
        // Headers named like a custom field go to it.
        for (i, h) in headers.iter().enumerate() {
            if choice[i].is_none() && settings.fields.iter().any(|f| f.name == h.trim()) {
                choice[i] = Some(format!("{CUSTOM_PREFIX}{}", h.trim()));
            }
        }
        RequirementMappingDialog {
            path,
            preview,
            choice,
            save_as: String::new(),
        }
    }

    /// Takes a saved mapping's targets for the headers it names.
    fn apply(&mut self, columns: &[(String, String)]) {
        let headers = self.preview.rows.first().cloned().unwrap_or_default();
        for (i, h) in headers.iter().enumerate() {
            if let Some((_, target)) = columns.iter().find(|(x, _)| x == h.trim())
                && let Some(slot) = self.choice.get_mut(i)
            {
                *slot = Some(target.clone());
            }
        }
    }
}

fn target_name(m: &FrameModel<'_>, code: &str) -> String {
    match code.strip_prefix(CUSTOM_PREFIX) {
        Some(name) => format!("{} · {name}", m.t("req.custom")),
        None => m.t(&format!("reqmap.field.{code}")),
    }
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    settings: &PoolSettings,
    dialog: &mut Option<RequirementMappingDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut open = true;
    let mut close = false;
    let writable = m.view.is_some_and(|v| !v.read_only);
    egui::Window::new(m.t("reqmap.title"))
        .id(egui::Id::unique("requirement_mapping"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(680.0)
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            let file = d.path.file_name().map_or_else(
                || d.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(crate::i18n::tr_with(
                m.lang,
                "reqmap.intro",
                &[
                    ("file", &file),
                    ("rows", &d.preview.total_rows.saturating_sub(1).to_string()),
                ],
            ));
            if !settings.mappings.is_empty() {
                ui.horizontal(|ui| {
                    ui.label(m.t("reqmap.use_saved"));
                    for saved in &settings.mappings {
                        if ui.button(&saved.name).clicked() {
                            d.apply(&saved.columns);
                        }
                    }
                });
            }
            let headers = d.preview.rows.first().cloned().unwrap_or_default();
            let mut targets: Vec<String> = Field::ALL.iter().map(|f| f.code().to_owned()).collect();
            targets.extend(
                settings
                    .fields
                    .iter()
                    .map(|f| format!("{CUSTOM_PREFIX}{}", f.name)),
            );
            egui::ScrollArea::vertical()
                .max_height(size::HEIGHT_L)
                .show(ui, |ui| {
                    egui::Grid::new("reqmap_grid")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            for (i, slot) in d.choice.iter_mut().enumerate() {
                                let header = headers.get(i).cloned().unwrap_or_default();
                                let label = ui.label(if header.is_empty() {
                                    format!("#{}", i + 1)
                                } else {
                                    header.clone()
                                });
                                egui::ComboBox::from_id_salt(("reqmap", i))
                                    .selected_text(slot.as_deref().map_or_else(
                                        || m.t("mapping.ignore"),
                                        |c| target_name(m, c),
                                    ))
                                    .height(size::HEIGHT_XL)
                                    .show_ui(ui, |ui| {
                                        ui.selectable_value(slot, None, m.t("mapping.ignore"));
                                        for t in &targets {
                                            ui.selectable_value(
                                                slot,
                                                Some(t.clone()),
                                                target_name(m, t),
                                            );
                                        }
                                    })
                                    .response
                                    .labelled_by(label.id);
                                ui.label(
                                    RichText::new(d.preview.sample(i))
                                        .small()
                                        .color(palette.muted_text),
                                );
                                ui.end_row();
                            }
                        });
                });
            let has_title = d.choice.iter().any(|c| c.as_deref() == Some("title"));
            if !has_title {
                ui.label(RichText::new(m.t("reqmap.need_title")).color(palette.danger));
            }
            ui.horizontal(|ui| {
                let label = ui.label(m.t("reqmap.save_as"));
                ui.add(egui::TextEdit::singleline(&mut d.save_as).desired_width(size::FIELD_S))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        has_title && writable,
                        egui::Button::new(m.t("reqmap.import")),
                    )
                    .clicked()
                {
                    let save = (!d.save_as.trim().is_empty()).then(|| {
                        crate::model::pool_settings::SavedMapping {
                            name: d.save_as.trim().to_owned(),
                            columns: headers
                                .iter()
                                .zip(&d.choice)
                                .filter_map(|(h, c)| c.clone().map(|c| (h.trim().to_owned(), c)))
                                .collect(),
                        }
                    });
                    actions.push(Action::ImportMappedRequirements {
                        path: d.path.clone(),
                        map: d.choice.clone(),
                        save,
                    });
                    close = true;
                }
                if ui.button(m.t("dialog.cancel")).clicked() {
                    close = true;
                }
            });
        });
    if close || !open {
        *dialog = None;
    }
}
