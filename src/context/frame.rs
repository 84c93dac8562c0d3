//! What one frame draws from: the workspace's view model, the current page and
//! project, the status line and the running job. The app builds it; views read it.

use std::path::Path;

use super::command::UiCommand;
use super::page::Page;
use super::prefs::Prefs;
use super::view_model::WorkspaceView;
use crate::i18n::{Language, tr};
use crate::model::ProjectId;

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
    /// A file just written: the status bar offers to open its folder.
    pub file: Option<std::path::PathBuf>,
}

/// What one frame draws from. Built by the app from its state.
pub struct FrameModel<'a> {
    pub lang: Language,
    pub view: Option<&'a WorkspaceView>,
    /// The current project's plan, for the Gantt page.
    pub plan: Option<&'a crate::report::plan_view::PlanView>,
    /// The survey the Research page shows.
    pub survey: Option<&'a crate::report::survey_view::SurveyView>,
    /// The report the Reports page shows.
    pub report: Option<&'a crate::report::report_session::ReportSession>,
    /// The register, health check and simulation the Risks page shows.
    pub risks: Option<&'a crate::report::risk_session::RiskSession>,
    /// The cases, runs, defects, coverage and gate the Quality page shows.
    pub quality: Option<&'a crate::report::quality_session::QualitySession>,
    /// The Overview's figures.
    pub home: Option<&'a crate::report::home::Home>,
    pub page: Page,
    pub current_project: Option<ProjectId>,
    pub job: Option<JobStatus<'a>>,
    pub status: Option<&'a StatusMessage>,
    pub prefs: &'a Prefs,
    pub demo_path: Option<&'a Path>,
    /// Files are being dragged over the window.
    pub files_hovering: bool,
    /// The workspace open last time, which is no longer there (the start page says so).
    pub missing_workspace: Option<&'a Path>,
    /// Which entries of the recent list are gone (same order as `prefs.recent`); only
    /// looked at while no workspace is open.
    pub recent_missing: &'a [bool],
    /// The program failed; the crash dialog shows this.
    pub crash: Option<&'a super::crash::CrashReport>,
}

impl FrameModel<'_> {
    /// Shorthand for the text of `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        tr(self.lang, key)
    }
}

/// Whether a command can run now; menus grey it out and the palette hides it.
pub fn command_enabled(m: &FrameModel<'_>, cmd: UiCommand) -> bool {
    use UiCommand as C;
    let writable = m.view.is_some_and(|v| !v.read_only);
    match cmd {
        C::SaveAs | C::CloseWorkspace => m.view.is_some(),
        C::NewProject | C::RestoreBackup => writable,
        C::ProjectProperties => m.view.is_some() && m.current_project.is_some(),
        C::ExportMspdi
        | C::ExportTasksCsv
        | C::ExportGanttPdf
        | C::ExportGanttPng
        | C::ExportGanttSvg => m.view.is_some() && m.current_project.is_some(),
        C::DeleteProject => writable && m.current_project.is_some(),
        C::Undo => writable && m.view.is_some_and(|v| v.next_undo.is_some()),
        C::Redo => writable && m.view.is_some_and(|v| v.next_redo.is_some()),
        C::Import
        | C::ImportMappedTasks
        | C::ImportSurvey
        | C::ImportMappedRequirements
        | C::ImportMappedRisks => writable,
        C::Go(page) => !page.needs_workspace() || m.view.is_some(),
        _ => true,
    }
}
