//! The report template dialog: a kind's title, organisation, logo, the weekly report's
//! sections and their order, and the user's template files for HTML, Markdown and
//! chat text. Applied as one undoable edit; files are read by the app.

use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::report::ReportTemplate;
use crate::report::document::template::TemplateFormat;
use crate::report::kinds::Kind;
use crate::report::weekly::Section;
use crate::ui::ViewCx;
use crate::ui::theme::{self, size};

/// The dialog's fields while it is open.
#[derive(Default)]
pub struct TemplateDialog {
    /// The kind being edited and the stored template the fields were loaded from.
    open: Option<(Kind, ReportTemplate)>,
    title: String,
    organisation: String,
    /// Every section in the chosen order, with whether it is shown.
    sections: Vec<(Section, bool)>,
}

impl TemplateDialog {
    pub fn open(&mut self, kind: Kind, stored: &ReportTemplate) {
        self.load(kind, stored);
    }

    fn load(&mut self, kind: Kind, stored: &ReportTemplate) {
        self.title = stored.title.clone().unwrap_or_default();
        self.organisation = stored.organisation.clone().unwrap_or_default();
        let chosen = crate::report::weekly::sections(stored);
        self.sections = chosen.iter().map(|s| (*s, true)).collect();
        self.sections.extend(
            Section::ALL
                .into_iter()
                .filter(|s| !chosen.contains(s))
                .map(|s| (s, false)),
        );
        self.open = Some((kind, stored.clone()));
    }

    /// The template the fields make, on top of the stored one (files and logo kept).
    fn template(&self, stored: &ReportTemplate, kind: Kind) -> ReportTemplate {
        let text = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let sections: Vec<String> = self
            .sections
            .iter()
            .filter(|(_, on)| *on)
            .map(|(s, _)| s.code().to_owned())
            .collect();
        let default: Vec<String> = Section::ALL.iter().map(|s| s.code().to_owned()).collect();
        ReportTemplate {
            title: text(&self.title),
            organisation: text(&self.organisation),
            sections: (kind == Kind::Weekly && sections != default).then_some(sections),
            ..stored.clone()
        }
    }
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    stored: &ReportTemplate,
    read_only: bool,
    dialog: &mut TemplateDialog,
) {
    let Some((kind, loaded)) = dialog.open.clone() else {
        return;
    };
    // The stored template moved (a file loaded, undo): take it.
    if loaded != *stored {
        dialog.load(kind, stored);
    }
    let muted = theme::palette(&ctx.global_style().visuals).muted_text;
    let mut open = true;
    let mut close = false;
    egui::Window::new(tr_with(m, "reports.template_title", m.t(kind.label_key())))
        .open(&mut open)
        .collapsible(false)
        .default_width(size::DIALOG_WIDTH)
        .show(ctx, |ui| {
            egui::Grid::new("template-fields")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label(m.t("reports.template_name"));
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.title)
                            .hint_text(m.t("reports.template_name_hint"))
                            .desired_width(size::FIELD_XL),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(m.t("reports.organisation"));
                    ui.add(
                        egui::TextEdit::singleline(&mut dialog.organisation)
                            .desired_width(size::FIELD_XL),
                    )
                    .labelled_by(label.id);
                    ui.end_row();
                    ui.label(m.t("reports.logo"));
                    ui.horizontal(|ui| {
                        let has = stored.logo.is_some();
                        ui.label(
                            RichText::new(m.t(if has {
                                "reports.logo_set"
                            } else {
                                "reports.logo_none"
                            }))
                            .color(muted),
                        );
                        if ui.button(m.t("reports.logo_pick")).clicked() {
                            actions.push(Action::LoadReportLogo {
                                kind,
                                base: dialog.template(stored, kind),
                            });
                        }
                        if has && ui.button(m.t("reports.remove")).clicked() {
                            actions.push(Action::Apply(Change::SetReportTemplate {
                                kind: kind.code().to_owned(),
                                template: ReportTemplate {
                                    logo: None,
                                    ..dialog.template(stored, kind)
                                },
                            }));
                        }
                    });
                    ui.end_row();
                });
            if kind == Kind::Weekly {
                ui.add_space(size::GAP_M);
                ui.label(RichText::new(m.t("reports.sections")).strong());
                let mut swap = None;
                let n = dialog.sections.len();
                // Two columns of sections, each with its up and down.
                let rows = n.div_ceil(2);
                egui::Grid::new("template-sections")
                    .num_columns(6)
                    .spacing(egui::vec2(size::GAP_S, size::GAP_XS))
                    .show(ui, |ui| {
                        for r in 0..rows {
                            for i in [r, r + rows] {
                                let Some((section, on)) = dialog.sections.get_mut(i) else {
                                    continue;
                                };
                                ui.checkbox(on, section.title(m.lang));
                                if ui
                                    .add_enabled(i > 0, egui::Button::new("↑").small())
                                    .clicked()
                                {
                                    swap = Some(i - 1);
                                }
                                if ui
                                    .add_enabled(i + 1 < n, egui::Button::new("↓").small())
                                    .clicked()
                                {
                                    swap = Some(i);
                                }
                            }
                            ui.end_row();
                        }
                    });
                if let Some(i) = swap {
                    dialog.sections.swap(i, i + 1);
                }
            }
            ui.add_space(size::GAP_M);
            ui.label(RichText::new(m.t("reports.template_files")).strong());
            ui.label(RichText::new(m.t("reports.template_files_hint")).color(muted));
            for format in TemplateFormat::ALL {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(format.code().to_uppercase()).monospace());
                    match stored.files.get(format.code()) {
                        Some((file, _)) => {
                            ui.label(file);
                            if ui.button(m.t("reports.template_builtin")).clicked() {
                                let mut t = dialog.template(stored, kind);
                                t.files.remove(format.code());
                                actions.push(Action::Apply(Change::SetReportTemplate {
                                    kind: kind.code().to_owned(),
                                    template: t,
                                }));
                            }
                        }
                        None => {
                            ui.label(
                                RichText::new(m.t("reports.template_builtin_used")).color(muted),
                            );
                        }
                    }
                    if ui.button(m.t("reports.template_load")).clicked() {
                        actions.push(Action::LoadReportTemplateFile {
                            kind,
                            format,
                            base: dialog.template(stored, kind),
                        });
                    }
                    if ui.button(m.t("reports.template_save_default")).clicked() {
                        actions.push(Action::SaveDefaultReportTemplate(format));
                    }
                });
            }
            ui.add_space(size::GAP_M);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!read_only, egui::Button::new(m.t("reports.apply")))
                    .clicked()
                {
                    let template = dialog.template(stored, kind);
                    if template != *stored {
                        actions.push(Action::Apply(Change::SetReportTemplate {
                            kind: kind.code().to_owned(),
                            template,
                        }));
                    }
                    close = true;
                }
                if ui.button(m.t("reports.cancel")).clicked() {
                    close = true;
                }
            });
        });
    if !open || close {
        dialog.open = None;
    }
}

fn tr_with(m: &crate::ui::FrameModel<'_>, key: &str, kind: String) -> String {
    crate::i18n::tr_with(m.lang, key, &[("kind", &kind)])
}
