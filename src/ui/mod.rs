//! Everything drawn: the shell (menus, top bar, navigation, status bar) and one module
//! per page. Views read a [`FrameModel`] and push [`Action`]s; they never touch the
//! store or files.

pub mod calendars;
pub mod cell_edit;
pub mod column_mapping;
mod feedback_dialog;
mod feedback_list;
pub mod fonts;
pub mod gantt;
pub mod kano_card;
pub mod matrix_grid;
mod notes;
mod overview;
mod palette;
mod pool_settings_dialog;
mod project_dialog;
mod projects;
pub mod ranking;
mod releases;
pub mod requirement_mapping;
pub mod requirement_views;
pub mod requirements;
mod research;
mod resources;
mod search;
mod settings;
mod shell;
mod start;
pub mod survey_import;
pub mod task_editor;
pub mod theme;
pub mod trace_matrix;

use std::path::Path;

use crate::app::action::{Action, Page};
use crate::app::prefs::Prefs;
use crate::app::view_model::WorkspaceView;
use crate::i18n::{Language, tr};
use crate::model::ProjectId;

pub use palette::PaletteState;
pub use project_dialog::{DeleteConfirmation, ProjectDialog};
pub use search::SearchState;

/// A running background job, as the status bar shows it.
pub struct JobStatus<'a> {
    pub title: &'a str,
    pub fraction: Option<f32>,
    pub cancelling: bool,
}

/// A message in the status bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusMessage {
    pub text: String,
    pub is_error: bool,
}

/// What one frame draws from. Built by the app from its state.
pub struct FrameModel<'a> {
    pub lang: Language,
    pub view: Option<&'a WorkspaceView>,
    /// The current project's plan, for the Gantt page.
    pub plan: Option<&'a crate::app::plan_view::PlanView>,
    /// The survey the Research page shows.
    pub survey: Option<&'a crate::report::survey_view::SurveyView>,
    pub page: Page,
    pub current_project: Option<ProjectId>,
    pub job: Option<JobStatus<'a>>,
    pub status: Option<&'a StatusMessage>,
    pub prefs: &'a Prefs,
    pub demo_path: Option<&'a Path>,
    /// Files are being dragged over the window.
    pub files_hovering: bool,
}

impl FrameModel<'_> {
    /// Shorthand for the text of `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        tr(self.lang, key)
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
    pub column_mapping: Option<column_mapping::ColumnMappingDialog>,
    pub research: research::ResearchState,
    pub requirements: requirements::RequirementsState,
    pub survey_import: Option<survey_import::SurveyImportDialog>,
    pub requirement_mapping: Option<requirement_mapping::RequirementMappingDialog>,
}

/// Draws one frame of the whole window.
pub fn draw(ui: &mut egui::Ui, m: &FrameModel<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    shell::menu_and_top_bar(ui, m, state, actions);
    shell::status_bar(ui, m, actions);
    match m.view {
        Some(view) => {
            shell::navigation(ui, m, actions);
            egui::CentralPanel::default()
                .frame(theme::page(ui.visuals()))
                .show(ui, |ui| match m.page {
                    Page::Overview => overview::show(ui, m, view, actions),
                    Page::Projects => projects::show(ui, m, view, actions),
                    Page::Research => research::show(ui, m, view, &mut state.research, actions),
                    Page::Requirements => requirements::show(
                        ui,
                        m,
                        view,
                        &mut state.requirements,
                        &mut state.research.feedback_dialog,
                        actions,
                    ),
                    Page::Calendars => {
                        calendars::show(ui, m, view, &mut state.calendar_editor, actions)
                    }
                    Page::Resources => match m.plan {
                        Some(plan) => {
                            resources::show(ui, m, plan, &mut state.resource_editor, actions)
                        }
                        None => {
                            ui.label(m.t("gantt.no_project"));
                        }
                    },
                    Page::Gantt => match m.plan {
                        Some(plan) => gantt::show(ui, m, plan, &mut state.gantt, actions),
                        None => {
                            ui.label(m.t("gantt.no_project"));
                        }
                    },
                    Page::Settings => settings::show(ui, m, actions),
                });
            feedback_dialog::show(
                ui.ctx(),
                m,
                &view.insights,
                &mut state.research.feedback_dialog,
                actions,
            );
            pool_settings_dialog::show(
                ui.ctx(),
                m,
                view.read_only,
                &mut state.requirements.settings_dialog,
                actions,
            );
            releases::show(
                ui.ctx(),
                m,
                &view.insights.releases,
                view.revision,
                view.read_only,
                &mut state.requirements.releases,
                actions,
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
    search::results(&ctx, m, &mut state.search, actions);
    palette::show(&ctx, m, &mut state.palette, actions);
    project_dialog::show(&ctx, m, state, actions);
    column_mapping::show(&ctx, m, &mut state.column_mapping, actions);
    survey_import::show(&ctx, m, &mut state.survey_import, actions);
    if let Some(view) = m.view {
        requirement_mapping::show(
            &ctx,
            m,
            &view.insights.settings,
            &mut state.requirement_mapping,
            actions,
        );
    }
    shell::about(&ctx, m, &mut state.about_open);
    if m.files_hovering {
        shell::drop_overlay(&ctx, m);
    }
}

/// A page title.
pub(crate) fn page_title(ui: &mut egui::Ui, text: &str) {
    ui.label(egui::RichText::new(text).size(theme::size::TITLE).strong());
    ui.add_space(theme::size::SECTION_GAP / 2.0);
}

/// The name of a calendar as the user sees it: built-in ones in the UI language.
pub(crate) fn calendar_name(lang: Language, calendar: &crate::model::Calendar) -> String {
    match calendar.builtin {
        Some(b) => tr(lang, &format!("calendar.{}", b.key())),
        None => calendar.name.clone(),
    }
}

/// Whether a command can run now; menus grey it out and the palette hides it.
pub(crate) fn command_enabled(m: &FrameModel<'_>, cmd: crate::app::command::UiCommand) -> bool {
    use crate::app::command::UiCommand as C;
    let writable = m.view.is_some_and(|v| !v.read_only);
    match cmd {
        C::SaveAs | C::CloseWorkspace => m.view.is_some(),
        C::NewProject => writable,
        C::ProjectProperties => m.view.is_some() && m.current_project.is_some(),
        C::ExportMspdi
        | C::ExportTasksCsv
        | C::ExportGanttPdf
        | C::ExportGanttPng
        | C::ExportGanttSvg => m.view.is_some() && m.current_project.is_some(),
        C::DeleteProject => writable && m.current_project.is_some(),
        C::Undo => writable && m.view.is_some_and(|v| v.next_undo.is_some()),
        C::Redo => writable && m.view.is_some_and(|v| v.next_redo.is_some()),
        C::Import | C::ImportMappedTasks | C::ImportSurvey | C::ImportMappedRequirements => {
            writable
        }
        C::GoOverview
        | C::GoProjects
        | C::GoResearch
        | C::GoRequirements
        | C::GoGantt
        | C::GoResources
        | C::GoCalendars => m.view.is_some(),
        _ => true,
    }
}

/// The command's shortcut as text, e.g. "Ctrl+Shift+Z", or empty.
pub(crate) fn shortcut_text(ctx: &egui::Context, cmd: crate::app::command::UiCommand) -> String {
    cmd.shortcuts()
        .first()
        .map(|s| ctx.format_shortcut(s))
        .unwrap_or_default()
}

/// A menu entry that sends a command.
pub(crate) fn command_button(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    cmd: crate::app::command::UiCommand,
    actions: &mut Vec<Action>,
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
