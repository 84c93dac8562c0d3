//! The "workflow and fields" dialog (流程与字段): the pool's statuses in order, each
//! with a name of the workspace's own, and its custom fields (name, kind, choices).
//! Applied as one undoable edit.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::pool_settings::{CustomField, CustomKind, PoolSettings, StatusDef};
use crate::ui::{FrameModel, theme};

/// The dialog's rows as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PoolSettingsDialog {
    pub statuses: Vec<StatusDef>,
    pub fields: Vec<(CustomField, String)>,
    pub new_status: String,
    pub new_field: String,
    /// Kept as they are (saved from imports).
    pub mappings: Vec<crate::model::pool_settings::SavedMapping>,
}

impl PoolSettingsDialog {
    pub fn of(settings: &PoolSettings) -> PoolSettingsDialog {
        PoolSettingsDialog {
            statuses: settings.statuses.clone(),
            fields: settings
                .fields
                .iter()
                .map(|f| (f.clone(), f.options.join(", ")))
                .collect(),
            mappings: settings.mappings.clone(),
            ..PoolSettingsDialog::default()
        }
    }

    fn settings(&self) -> PoolSettings {
        PoolSettings {
            statuses: self.statuses.clone(),
            fields: self
                .fields
                .iter()
                .map(|(f, options)| CustomField {
                    options: crate::model::research::parse_tags(options),
                    ..f.clone()
                })
                .collect(),
            mappings: self.mappings.clone(),
        }
    }
}

fn kind_name(m: &FrameModel<'_>, kind: CustomKind) -> String {
    m.t(&format!("custom.kind.{}", kind.code()))
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    read_only: bool,
    dialog: &mut Option<PoolSettingsDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new(m.t("pool.settings_title"))
        .id(egui::Id::unique("pool_settings_dialog"))
        .open(&mut open)
        .collapsible(false)
        .default_width(560.0)
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            ui.label(RichText::new(m.t("pool.workflow")).strong());
            let mut remove = None;
            let mut up = None;
            let n = d.statuses.len();
            for (i, s) in d.statuses.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(format!("{}.", i + 1));
                    let code = ui.label(RichText::new(&s.code).monospace());
                    let builtin = crate::ui::requirements::status_name(m, &s.code);
                    ui.add(
                        egui::TextEdit::singleline(&mut s.name)
                            .hint_text(builtin)
                            .desired_width(size::FIELD_S),
                    )
                    .labelled_by(code.id);
                    ui.checkbox(&mut s.closed, m.t("pool.status_closed"))
                        .on_hover_text(m.t("pool.status_closed_tip"));
                    if i > 0 && ui.small_button("↑").clicked() {
                        up = Some(i);
                    }
                    if n > 1 && ui.small_button("×").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = up {
                d.statuses.swap(i - 1, i);
            }
            if let Some(i) = remove {
                d.statuses.remove(i);
            }
            ui.horizontal(|ui| {
                let label = ui.label(m.t("pool.new_status"));
                ui.add(egui::TextEdit::singleline(&mut d.new_status).desired_width(size::FIELD_S))
                    .labelled_by(label.id);
                if ui.button("+").clicked() && !d.new_status.trim().is_empty() {
                    let name = d.new_status.trim().to_owned();
                    // A code from the name, kept stable afterwards.
                    let code = format!("s{}", d.statuses.len() + 1);
                    d.statuses.push(StatusDef {
                        code,
                        name,
                        closed: false,
                    });
                    d.new_status.clear();
                }
            });
            ui.separator();
            ui.label(RichText::new(m.t("pool.custom_fields")).strong());
            let mut remove = None;
            for (i, (f, options)) in d.fields.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    let label = ui.label(m.t("pool.field_name"));
                    ui.add(egui::TextEdit::singleline(&mut f.name).desired_width(size::FIELD_DATE))
                        .labelled_by(label.id);
                    egui::ComboBox::from_id_salt(("custom_kind", i))
                        .selected_text(kind_name(m, f.kind))
                        .show_ui(ui, |ui| {
                            for k in CustomKind::ALL {
                                ui.selectable_value(&mut f.kind, k, kind_name(m, k));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if matches!(f.kind, CustomKind::Single | CustomKind::Multi) {
                        ui.add(
                            egui::TextEdit::singleline(options)
                                .hint_text(m.t("pool.options_hint"))
                                .desired_width(size::FIELD_S),
                        )
                        .labelled_by(label.id);
                    }
                    if ui.small_button("×").clicked() {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                d.fields.remove(i);
            }
            ui.horizontal(|ui| {
                let label = ui.label(m.t("pool.new_field"));
                ui.add(egui::TextEdit::singleline(&mut d.new_field).desired_width(size::FIELD_S))
                    .labelled_by(label.id);
                if ui.button("+").clicked() && !d.new_field.trim().is_empty() {
                    d.fields.push((
                        CustomField {
                            id: String::new(),
                            name: d.new_field.trim().to_owned(),
                            kind: CustomKind::Text,
                            options: Vec::new(),
                        },
                        String::new(),
                    ));
                    d.new_field.clear();
                }
            });
            ui.label(
                RichText::new(m.t("pool.settings_help"))
                    .small()
                    .color(palette.muted_text),
            );
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!read_only, egui::Button::new(m.t("pool.settings_apply")))
                    .clicked()
                {
                    actions.push(Action::Apply(Change::SetPoolSettings(d.settings())));
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
