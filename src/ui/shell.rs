//! The frame around every page: menu bar, top bar, left navigation, status bar, the
//! About box and the drop overlay.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::{Align, Layout, RichText};

use super::{FrameModel, command_button, command_enabled, theme};
use crate::context::action::{Action, Page};
use crate::context::command::UiCommand as C;
use crate::context::messages::describe_edit;
use crate::i18n::tr_with;

/// Menu bar and, below it, the workspace / project / undo / search bar.
pub fn menu_and_top_bar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    state: &mut super::UiState,
) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(m.t("menu.file"), |ui| {
                command_button(ui, ViewCx::new(m, actions), C::NewWorkspace);
                command_button(ui, ViewCx::new(m, actions), C::OpenWorkspace);
                ui.menu_button(m.t("menu.open_recent"), |ui| {
                    if m.prefs.recent.is_empty() {
                        ui.add_enabled(false, egui::Button::new(m.t("menu.no_recent")));
                    }
                    for path in &m.prefs.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(path.clone()));
                        }
                    }
                });
                command_button(ui, ViewCx::new(m, actions), C::OpenDemo);
                ui.separator();
                command_button(ui, ViewCx::new(m, actions), C::SaveAs);
                command_button(ui, ViewCx::new(m, actions), C::RestoreBackup);
                command_button(ui, ViewCx::new(m, actions), C::Import);
                command_button(ui, ViewCx::new(m, actions), C::ImportMappedTasks);
                command_button(ui, ViewCx::new(m, actions), C::ImportSurvey);
                command_button(ui, ViewCx::new(m, actions), C::ImportMappedRequirements);
                command_button(ui, ViewCx::new(m, actions), C::ImportMappedRisks);
                command_button(ui, ViewCx::new(m, actions), C::ImportMappedCases);
                command_button(ui, ViewCx::new(m, actions), C::ImportMappedDefects);
                ui.menu_button(m.t("menu.export"), |ui| {
                    for cmd in [
                        C::ExportGanttPdf,
                        C::ExportGanttPng,
                        C::ExportGanttSvg,
                        C::ExportMspdi,
                        C::ExportTasksCsv,
                    ] {
                        command_button(ui, ViewCx::new(m, actions), cmd);
                    }
                });
                ui.separator();
                command_button(ui, ViewCx::new(m, actions), C::CloseWorkspace);
                command_button(ui, ViewCx::new(m, actions), C::Quit);
            });
            ui.menu_button(m.t("menu.edit"), |ui| {
                command_button(ui, ViewCx::new(m, actions), C::Undo);
                command_button(ui, ViewCx::new(m, actions), C::Redo);
                ui.separator();
                command_button(ui, ViewCx::new(m, actions), C::NewProject);
                command_button(ui, ViewCx::new(m, actions), C::ProjectProperties);
                command_button(ui, ViewCx::new(m, actions), C::DeleteProject);
                ui.separator();
                command_button(ui, ViewCx::new(m, actions), C::Search);
                command_button(ui, ViewCx::new(m, actions), C::CommandPalette);
            });
            ui.menu_button(m.t("menu.view"), |ui| {
                for page in Page::ALL {
                    command_button(ui, ViewCx::new(m, actions), C::Go(page));
                }
                ui.separator();
                command_button(ui, ViewCx::new(m, actions), C::SwitchLanguage);
                command_button(ui, ViewCx::new(m, actions), C::CycleTheme);
                command_button(ui, ViewCx::new(m, actions), C::ZoomIn);
                command_button(ui, ViewCx::new(m, actions), C::ZoomOut);
                command_button(ui, ViewCx::new(m, actions), C::ZoomReset);
            });
            ui.menu_button(m.t("menu.help"), |ui| {
                command_button(ui, ViewCx::new(m, actions), C::CommandPalette);
                command_button(ui, ViewCx::new(m, actions), C::About);
            });
        });
    });
    egui::Panel::top("top_bar").show(ui, |ui| {
        ui.add_space(size::GAP_XS);
        ui.horizontal(|ui| {
            let workspace = m
                .view
                .map(|v| v.file_name())
                .unwrap_or_else(|| m.t("status.no_workspace"));
            ui.label(RichText::new(workspace).strong());
            if let Some(view) = m.view {
                ui.separator();
                let label = ui.label(m.t("top.project"));
                let current = m
                    .current_project
                    .and_then(|id| view.project(id))
                    .map(|p| p.fields.name.clone())
                    .unwrap_or_else(|| m.t("top.no_project"));
                egui::ComboBox::from_id_salt("project_switcher")
                    .selected_text(current)
                    .width(size::FIELD_M)
                    .show_ui(ui, |ui| {
                        for p in &view.projects {
                            let selected = m.current_project == Some(p.id);
                            if ui.selectable_label(selected, &p.fields.name).clicked() {
                                actions.push(Action::SelectProject(Some(p.id)));
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.separator();
                undo_redo_buttons(ui, m, actions);
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                super::search::field(ui, ViewCx::new(m, actions), &mut state.search);
            });
        });
        ui.add_space(size::GAP_XS);
    });
}

fn undo_redo_buttons(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let Some(view) = m.view else { return };
    for (cmd, symbol, next, tip_key, none_key) in [
        (
            C::Undo,
            "←",
            &view.next_undo,
            "top.undo_tip",
            "top.nothing_to_undo",
        ),
        (
            C::Redo,
            "→",
            &view.next_redo,
            "top.redo_tip",
            "top.nothing_to_redo",
        ),
    ] {
        let tip = match next {
            Some(edit) => tr_with(m.lang, tip_key, &[("what", &describe_edit(m.lang, edit))]),
            None => m.t(none_key),
        };
        let label = format!("{symbol} {}", m.t(cmd.label_key()));
        let response = ui
            .add_enabled(command_enabled(m, cmd), egui::Button::new(label))
            .on_hover_text(&tip)
            .on_disabled_hover_text(&tip);
        if response.clicked() {
            actions.push(Action::Run(cmd));
        }
    }
}

/// The left navigation: one entry per page.
pub fn navigation(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let palette = theme::palette(ui.visuals());
    egui::Panel::left("navigation")
        .resizable(false)
        .exact_size(theme::size::NAV_WIDTH)
        .frame(
            egui::Frame::new()
                .fill(palette.nav_fill)
                .inner_margin(size::GAP_M as i8),
        )
        .show(ui, |ui| {
            ui.add_space(size::GAP_S);
            ui.label(
                RichText::new(m.t("app.name"))
                    .strong()
                    .color(palette.accent),
            );
            ui.add_space(theme::size::SECTION_GAP / 2.0);
            for page in Page::ALL {
                let text = format!("{}  {}", page.icon(), m.t(page.label_key()));
                let selected = m.page == page;
                let button = egui::Button::selectable(selected, text).min_size(egui::vec2(
                    ui.available_width(),
                    theme::size::ROW_HEIGHT + 4.0,
                ));
                if ui.add(button).clicked() && !selected {
                    actions.push(Action::Navigate(page));
                }
            }
        });
}

/// The status bar: file and access, job progress with Cancel, the latest message.
pub fn status_bar(ui: &mut egui::Ui, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let palette = theme::palette(ui.visuals());
    egui::Panel::bottom("status_bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            match m.view {
                Some(view) => {
                    ui.label(
                        RichText::new(view.path.display().to_string())
                            .small()
                            .color(palette.muted_text),
                    );
                    if view.read_only {
                        ui.label(
                            RichText::new(m.t("status.read_only"))
                                .color(palette.warning)
                                .strong(),
                        )
                        .on_hover_text(m.t("status.read_only_tip"));
                    }
                }
                None => {
                    ui.label(
                        RichText::new(m.t("status.no_workspace"))
                            .small()
                            .color(palette.muted_text),
                    );
                }
            }
            if let Some(job) = &m.job {
                ui.separator();
                ui.label(job.title);
                let bar = match job.fraction {
                    Some(f) => egui::ProgressBar::new(f).show_percentage(),
                    None => egui::ProgressBar::new(0.0).animate(true),
                };
                ui.add(bar.desired_width(size::FIELD_S));
                if ui
                    .add_enabled(!job.cancelling, egui::Button::new(m.t("status.cancel")))
                    .clicked()
                {
                    actions.push(Action::CancelJob);
                }
            }
            if let Some(msg) = m.status {
                ui.separator();
                let color = if msg.is_error {
                    palette.danger
                } else {
                    palette.success
                };
                ui.label(RichText::new(&msg.text).color(color));
                if let Some(file) = &msg.file
                    && ui.small_button(m.t("status.open_folder")).clicked()
                {
                    actions.push(Action::OpenFolder(file.clone()));
                }
                if ui
                    .small_button("×")
                    .on_hover_text(m.t("status.dismiss"))
                    .clicked()
                {
                    actions.push(Action::DismissMessage);
                }
            }
        });
    });
}

/// The About box.
pub fn about(ctx: &egui::Context, m: &FrameModel<'_>, open: &mut bool) {
    if !*open {
        return;
    }
    let mut close = false;
    egui::Window::new(m.t("cmd.about"))
        .collapsible(false)
        .resizable(false)
        .open(open)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(m.t("app.name"))
                    .size(theme::size::TITLE)
                    .strong(),
            );
            ui.label(tr_with(
                m.lang,
                "about.version",
                &[("version", crate::VERSION)],
            ));
            ui.add_space(size::GAP);
            ui.label(m.t("about.body"));
            ui.add_space(size::GAP);
            if ui.button(m.t("about.close")).clicked() {
                close = true;
            }
        });
    if close {
        *open = false;
    }
}

/// Shown while files are dragged over the window.
pub fn drop_overlay(ctx: &egui::Context, m: &FrameModel<'_>) {
    let rect = ctx.content_rect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_overlay"),
    ));
    let palette = theme::palette(&ctx.global_style().visuals);
    painter.rect_filled(rect, 0.0, palette.drop_overlay);
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        m.t("status.drop_here"),
        egui::FontId::proportional(size::TEXT_HUGE),
        palette.accent,
    );
}
