//! Everything drawn: the shell (menus, top bar, navigation, status bar) and one module
//! per page. Views read a [`FrameModel`] and push [`Action`]s; they never touch the
//! store or files.

pub mod calendars;
pub mod cell_edit;
pub mod fonts;
pub mod gantt;
pub mod matrix_grid;
mod overview;
mod palette;
mod project_dialog;
mod projects;
pub mod quality;
pub mod recovery;
pub mod reports;
pub mod requirements;
pub mod research;
mod resources;
pub mod risks;
mod search;
mod settings;
mod shell;
mod start;
pub mod table_mapping;
pub mod theme;

use crate::context::action::{Action, Page};
use crate::i18n::{Language, tr};

pub use crate::context::frame::{FrameModel, JobStatus, StatusMessage, command_enabled};

pub use palette::PaletteState;
pub use project_dialog::{DeleteConfirmation, ProjectDialog};
pub use search::SearchState;

/// What a view reads (the frame model) and where it sends what the user asks for: the
/// two things every view is handed, passed as one.
pub struct ViewCx<'a, 'm> {
    pub m: &'a FrameModel<'m>,
    pub actions: &'a mut Vec<Action>,
}

impl<'a, 'm> ViewCx<'a, 'm> {
    pub fn new(m: &'a FrameModel<'m>, actions: &'a mut Vec<Action>) -> Self {
        ViewCx { m, actions }
    }
}

/// UI state that is not user data: open dialogs, typed text, focus requests.
#[derive(Default)]
pub struct UiState {
    pub palette: PaletteState,
    pub search: SearchState,
    pub project_dialog: Option<ProjectDialog>,
    pub delete_confirmation: Option<DeleteConfirmation>,
    pub about_open: bool,
    pub gantt: gantt::GanttState,
    pub calendar_editor: calendars::CalendarEditor,
    pub resource_editor: resources::ResourceEditor,
    pub column_mapping: Option<gantt::column_mapping::ColumnMappingDialog>,
    pub research: research::ResearchState,
    pub requirements: requirements::RequirementsState,
    pub reports: reports::ReportsState,
    pub risks: risks::RisksState,
    pub quality: quality::QualityState,
    pub survey_import: Option<research::survey_import::SurveyImportDialog>,
    pub requirement_mapping: Option<requirements::mapping::RequirementMappingDialog>,
    pub table_mapping: Option<table_mapping::TableMappingDialog>,
    pub restore: Option<recovery::RestoreDialog>,
}

/// Draws one frame of the whole window.
pub fn draw(ui: &mut egui::Ui, m: &FrameModel<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    shell::menu_and_top_bar(ui, ViewCx::new(m, actions), state);
    shell::status_bar(ui, m, actions);
    match m.view {
        Some(view) => {
            shell::navigation(ui, m, actions);
            egui::CentralPanel::default()
                .frame(theme::page(ui.visuals()))
                .show(ui, |ui| match m.page {
                    Page::Overview => overview::show(ui, ViewCx::new(m, actions), view),
                    Page::Projects => projects::show(ui, ViewCx::new(m, actions), view),
                    Page::Research => {
                        research::show(ui, ViewCx::new(m, actions), view, &mut state.research)
                    }
                    Page::Requirements => requirements::show(
                        ui,
                        ViewCx::new(m, actions),
                        view,
                        &mut state.requirements,
                        &mut state.research.feedback_dialog,
                    ),
                    Page::Calendars => calendars::show(
                        ui,
                        ViewCx::new(m, actions),
                        view,
                        &mut state.calendar_editor,
                    ),
                    Page::Resources => match m.plan {
                        Some(plan) => resources::show(
                            ui,
                            ViewCx::new(m, actions),
                            plan,
                            &mut state.resource_editor,
                        ),
                        None => {
                            ui.label(m.t("gantt.no_project"));
                        }
                    },
                    Page::Gantt => match m.plan {
                        Some(plan) => {
                            gantt::show(ui, ViewCx::new(m, actions), plan, &mut state.gantt)
                        }
                        None => {
                            ui.label(m.t("gantt.no_project"));
                        }
                    },
                    Page::Reports => {
                        reports::show(ui, ViewCx::new(m, actions), view, &mut state.reports)
                    }
                    Page::Risks => risks::show(ui, ViewCx::new(m, actions), view, &mut state.risks),
                    Page::Quality => {
                        quality::show(ui, ViewCx::new(m, actions), view, &mut state.quality)
                    }
                    Page::Settings => settings::show(ui, m, actions),
                });
            research::feedback_dialog::show(
                ui.ctx(),
                ViewCx::new(m, actions),
                &view.insights,
                &mut state.research.feedback_dialog,
            );
            requirements::settings_dialog::show(
                ui.ctx(),
                ViewCx::new(m, actions),
                view.read_only,
                &mut state.requirements.settings_dialog,
            );
            requirements::releases::show(
                ui.ctx(),
                ViewCx::new(m, actions),
                &view.insights.releases,
                view.revision,
                view.read_only,
                &mut state.requirements.releases,
            );
        }
        None => {
            egui::CentralPanel::default()
                .frame(theme::page(ui.visuals()))
                .show(ui, |ui| match m.page {
                    Page::Settings => settings::show(ui, m, actions),
                    _ => start::show(ui, m, actions),
                });
        }
    }
    let ctx = ui.ctx().clone();
    search::results(&ctx, ViewCx::new(m, actions), &mut state.search);
    palette::show(&ctx, ViewCx::new(m, actions), &mut state.palette);
    project_dialog::show(&ctx, ViewCx::new(m, actions), state);
    gantt::column_mapping::show(&ctx, ViewCx::new(m, actions), &mut state.column_mapping);
    research::survey_import::show(&ctx, ViewCx::new(m, actions), &mut state.survey_import);
    if let Some(view) = m.view {
        requirements::mapping::show(
            &ctx,
            ViewCx::new(m, actions),
            &view.insights.settings,
            &mut state.requirement_mapping,
        );
    }
    table_mapping::show(&ctx, ViewCx::new(m, actions), &mut state.table_mapping);
    shell::about(&ctx, m, &mut state.about_open);
    recovery::restore(&ctx, ViewCx::new(m, actions), &mut state.restore);
    recovery::crash(&ctx, m, actions);
    if m.files_hovering {
        shell::drop_overlay(&ctx, m);
    }
}

/// A page title.
pub(crate) fn page_title(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).size(theme::size::TITLE).strong());
    ui.add_space(theme::size::SECTION_GAP / 2.0);
}

/// A menu of the exports made from `needs`, each asking the app to write its file;
/// true in the frame one was chosen.
pub(crate) fn export_menu(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    label_key: &str,
    needs: crate::report::exporters::Needs,
) -> bool {
    let mut chosen = false;
    ui.menu_button(m.t(label_key), |ui| {
        for e in crate::report::exporters::made_from(needs) {
            if ui.button(m.t(e.label_key)).clicked() {
                actions.push(Action::Export {
                    id: e.id,
                    question: None,
                });
                chosen = true;
                ui.close();
            }
        }
    });
    chosen
}

/// A menu of commands (a page's imports).
pub(crate) fn command_menu(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    label_key: &str,
    commands: &[crate::context::command::UiCommand],
) {
    ui.menu_button(m.t(label_key), |ui| {
        for cmd in commands {
            if ui.button(m.t(cmd.label_key())).clicked() {
                actions.push(Action::Run(*cmd));
                ui.close();
            }
        }
    });
}

/// The name of a calendar as the user sees it: built-in ones in the UI language.
pub(crate) fn calendar_name(lang: Language, calendar: &crate::model::Calendar) -> String {
    match calendar.builtin {
        Some(b) => tr(lang, &format!("calendar.{}", b.key())),
        None => calendar.name.clone(),
    }
}

/// The command's shortcut as text, e.g. "Ctrl+Shift+Z", or empty.
pub(crate) fn shortcut_text(
    ctx: &egui::Context,
    cmd: crate::context::command::UiCommand,
) -> String {
    cmd.shortcuts()
        .first()
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default()
}

/// A menu entry that sends a command.
pub(crate) fn command_button(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    cmd: crate::context::command::UiCommand,
) {
    let button =
        egui::Button::new(m.t(cmd.label_key())).shortcut_text(shortcut_text(ui.ctx(), cmd));
    if ui.add_enabled(command_enabled(m, cmd), button).clicked() {
        actions.push(Action::Run(cmd));
    }
}

/// Gives a widget with no visible label (a search box, the palette's field) the name
/// screen readers and UI tests find it by.
pub(crate) fn accessible_name(ui: &egui::Ui, response: &egui::Response, name: &str) {
    ui.ctx()
        .accesskit_node_builder(response.id, |node| node.set_label(name));
}

/// A stored local time `YYYY-MM-DDTHH:MM:SS` as people read it: `YYYY-MM-DD HH:MM`.
pub(crate) fn short_time(stored: &str) -> String {
    let shown: String = stored.chars().take(16).collect();
    shown.replacen('T', " ", 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_shown_without_seconds() {
        assert_eq!(super::short_time("2026-11-26T19:04:20"), "2026-11-26 19:04");
        assert_eq!(super::short_time("bad"), "bad");
    }
}
