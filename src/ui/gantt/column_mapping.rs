//! The column-mapping step of a task-table import: what each column of the file holds,
//! with the first rows shown as they will be read. Opens for tables whose headers no
//! preset knows, and from File ▸ Import task table (choose columns)…

use crate::ui::ViewCx;
use crate::ui::theme::size;
use std::path::PathBuf;

use egui::RichText;

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::io::task_table::TablePreview;
use crate::io::tasks_csv::{ColumnMap, TaskColumn};
use crate::ui::{FrameModel, theme};

/// The file being mapped and the choice for each of its columns.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnMappingDialog {
    pub path: PathBuf,
    pub preview: TablePreview,
    /// Per column of the file: the task field it holds, or nothing (ignored).
    pub choice: Vec<Option<TaskColumn>>,
}

impl ColumnMappingDialog {
    /// The dialog with what the headers suggest already chosen.
    pub fn new(path: PathBuf, preview: TablePreview) -> ColumnMappingDialog {
        let mut choice = vec![None; preview.columns];
        for (&field, &i) in &preview.suggested {
            if let Some(slot) = choice.get_mut(i) {
                *slot = Some(field);
            }
        }
        ColumnMappingDialog {
            path,
            preview,
            choice,
        }
    }

    /// The mapping as the import reads it.
    pub fn map(&self) -> ColumnMap {
        self.choice
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.map(|c| (c, i)))
            .collect()
    }

    /// Gives `column` the field `field`, taking it from any other column (one column
    /// per field).
    fn set(&mut self, column: usize, field: Option<TaskColumn>) {
        if field.is_some() {
            for c in &mut self.choice {
                if *c == field {
                    *c = None;
                }
            }
        }
        if let Some(slot) = self.choice.get_mut(column) {
            *slot = field;
        }
    }

    fn header(&self, column: usize) -> &str {
        self.preview
            .rows
            .first()
            .and_then(|r| r.get(column))
            .map_or("", |h| h.trim())
    }
}

fn field_name(m: &FrameModel<'_>, field: Option<TaskColumn>) -> String {
    match field {
        Some(f) => m.t(f.label_key()),
        None => m.t("mapping.ignore"),
    }
}

/// Draws the dialog while one is open.
pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    dialog: &mut Option<ColumnMappingDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut close = false;
    let mut import = false;
    let mut open = true;
    egui::Window::new(m.t("mapping.title"))
        .id(egui::Id::unique("column_mapping"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(640.0)
        .show(ctx, |ui| {
            let file = d.path.file_name().map_or_else(
                || d.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(tr_with(
                m.lang,
                "mapping.intro",
                &[
                    ("file", &file),
                    ("rows", &d.preview.total_rows.saturating_sub(1).to_string()),
                ],
            ));
            ui.add_space(size::GAP);
            egui::Grid::new("mapping_grid")
                .num_columns(2)
                .spacing([size::GAP_XL, size::GAP])
                .show(ui, |ui| {
                    for column in 0..d.choice.len() {
                        let header = d.header(column);
                        let label = ui.label(tr_with(
                            m.lang,
                            "mapping.column",
                            &[("n", &(column + 1).to_string()), ("header", header)],
                        ));
                        let mut chosen = d.choice[column];
                        egui::ComboBox::from_id_salt(("mapping_choice", column))
                            .selected_text(field_name(m, chosen))
                            .height(size::HEIGHT_XL)
                            .show_ui(ui, |ui| {
                                ui.selectable_value(&mut chosen, None, field_name(m, None));
                                for f in TaskColumn::ALL {
                                    ui.selectable_value(
                                        &mut chosen,
                                        Some(f),
                                        field_name(m, Some(f)),
                                    );
                                }
                            })
                            .response
                            .labelled_by(label.id);
                        if chosen != d.choice[column] {
                            d.set(column, chosen);
                        }
                        ui.end_row();
                    }
                });
            ui.add_space(size::GAP_M);
            ui.label(RichText::new(m.t("mapping.preview")).strong());
            preview_table(ui, m, d);
            ui.add_space(size::GAP_M);
            let named = d.choice.contains(&Some(TaskColumn::Name));
            if !named {
                ui.label(
                    RichText::new(m.t("mapping.need_name"))
                        .color(theme::palette(ui.visuals()).danger),
                );
            }
            ui.horizontal(|ui| {
                let writable = m.view.is_some_and(|v| !v.read_only);
                if ui
                    .add_enabled(named && writable, egui::Button::new(m.t("mapping.import")))
                    .clicked()
                {
                    import = true;
                }
                if ui.button(m.t("dialog.cancel")).clicked() {
                    close = true;
                }
                // Not a task list after all: a requirement table …
                if ui
                    .add_enabled(writable, egui::Button::new(m.t("mapping.as_requirements")))
                    .clicked()
                {
                    actions.push(Action::PreviewRequirementTable(d.path.clone()));
                    close = true;
                }
                // … or survey answers.
                if ui
                    .add_enabled(writable, egui::Button::new(m.t("mapping.as_survey")))
                    .on_hover_text(m.t("mapping.as_survey_tip"))
                    .clicked()
                {
                    actions.push(Action::PreviewSurvey {
                        path: d.path.clone(),
                        encoding: None,
                    });
                    close = true;
                }
            });
        });
    if import {
        actions.push(Action::ImportMappedTasks {
            path: d.path.clone(),
            map: d.map(),
        });
    }
    if close || !open {
        *dialog = None;
    }
}

/// The first rows under the fields their columns are mapped to.
fn preview_table(ui: &mut egui::Ui, m: &FrameModel<'_>, d: &ColumnMappingDialog) {
    let muted = theme::palette(ui.visuals()).muted_text;
    egui::ScrollArea::both()
        .max_height(size::HEIGHT_S)
        .show(ui, |ui| {
            egui::Grid::new("mapping_preview")
                .striped(true)
                .spacing([size::GAP_XL, size::GAP_S])
                .show(ui, |ui| {
                    for c in &d.choice {
                        match c {
                            Some(f) => ui.strong(m.t(f.label_key())),
                            None => ui.label(RichText::new(m.t("mapping.ignore")).color(muted)),
                        };
                    }
                    ui.end_row();
                    for row in d.preview.rows.iter().skip(1) {
                        for (i, c) in d.choice.iter().enumerate() {
                            let text = row.get(i).map_or("", String::as_str);
                            let text: String = text.chars().take(40).collect();
                            if c.is_some() {
                                ui.label(text);
                            } else {
                                ui.label(RichText::new(text).color(muted));
                            }
                        }
                        ui.end_row();
                    }
                });
        });
}
