//! What views ask the app to do. Views only draw and push actions; the app handles
//! them once per frame, after drawing.

use std::path::PathBuf;

use super::command::UiCommand;
pub use super::page::Page;
use super::prefs::{LanguageChoice, ThemeChoice};
use crate::model::{Change, ProjectId};

/// One request from the UI.
#[derive(Clone, Debug, PartialEq)]
// A handful of actions per frame: their size does not matter, boxing would only add noise.
#[allow(clippy::large_enum_variant)]
pub enum Action {
    Run(UiCommand),
    /// Change user data: one undoable edit.
    Apply(Change),
    Navigate(Page),
    SelectProject(Option<ProjectId>),
    /// Show this survey on the Research page.
    SelectSurvey(crate::model::survey::SurveyId),
    /// Count only the responses this keeps.
    SetSurveyFilter(crate::model::survey::SurveyFilter),
    /// Break every card down by the groups of this question (`None`: no cross-tab).
    SetSurveyCross(Option<usize>),
    /// Compare the shown survey with another (`None`: no comparison).
    SetSurveyCompare(Option<crate::model::survey::SurveyId>),
    /// Read a table for the requirement column-mapping step.
    PreviewRequirementTable(PathBuf),
    /// Import a requirement table with the columns mapped (and the mapping saved).
    ImportMappedRequirements {
        path: PathBuf,
        map: Vec<Option<String>>,
        save: Option<crate::model::pool_settings::SavedMapping>,
    },
    /// Read the start of a survey export again for the wizard, in this encoding.
    PreviewSurvey {
        path: PathBuf,
        encoding: Option<String>,
    },
    /// Import a survey export as the wizard says: encoding, name, corrected kinds.
    ImportSurvey {
        path: PathBuf,
        encoding: Option<String>,
        name: String,
        kinds: Vec<(String, crate::model::survey::QuestionKind)>,
    },
    /// Write a file with the exporter of this id (see [`crate::report::exporters`]) from
    /// what the window shows: the current project, the shown survey (with its filter
    /// and cross-tab; `question` picks a chart) or the requirement pool.
    Export {
        id: &'static str,
        question: Option<String>,
    },
    /// The kind of report the Reports page shows.
    SetReportKind(crate::report::kinds::Kind),
    /// The release of release notes and burn-up.
    SetReportRelease(crate::model::requirement::ReleaseId),
    /// The customer or segment of a customer report.
    SetReportCustomer(String),
    /// Read a template file for a report kind and format, and save it with `base`.
    LoadReportTemplateFile {
        kind: crate::report::kinds::Kind,
        format: crate::report::document::template::TemplateFormat,
        base: crate::model::report::ReportTemplate,
    },
    /// Write the shipped template of a format to a file, to edit.
    SaveDefaultReportTemplate(crate::report::document::template::TemplateFormat),
    /// Read a PNG logo for a report kind, and save it with `base`.
    LoadReportLogo {
        kind: crate::report::kinds::Kind,
        base: crate::model::report::ReportTemplate,
    },
    /// The period of the Reports page (`None`: the week of the status date).
    SetReportPeriod(Option<crate::report::weekly::Period>),
    /// Show a published report as it was sent (`None`: the live report).
    ViewPublishedReport(Option<i64>),
    /// Publish the report the Reports page shows (an undoable edit).
    PublishReport,
    /// Run the schedule risk simulation of the current project in the background.
    RunSimulation {
        iterations: usize,
        seed: u64,
    },
    /// Show the folder holding this file (an export just written).
    OpenFolder(PathBuf),
    /// Select tasks in the Gantt (the first is the one the editor shows).
    SelectTasks(Vec<crate::model::TaskId>),
    /// Open a workspace or import a file (argument, drop, recent list).
    OpenPath(PathBuf),
    /// Import a risk register, test cases or defects with the columns as the user
    /// mapped them (a field of the table per file column, or nothing).
    ImportMappedTable {
        path: PathBuf,
        target: MappingTarget,
        map: Vec<Option<&'static str>>,
    },
    /// Import a task table with its columns as the user mapped them.
    ImportMappedTasks {
        path: PathBuf,
        map: crate::io::tasks_csv::ColumnMap,
    },
    /// Open the project dialog: `None` for a new project.
    EditProject(Option<ProjectId>),
    /// Ask before deleting a project.
    ConfirmDelete(ProjectId),
    SetLanguage(LanguageChoice),
    SetTheme(ThemeChoice),
    SetUiScale(f32),
    CancelJob,
    DismissMessage,
    /// Replace the open workspace with this backup (the state before is backed up).
    RestoreBackup(PathBuf),
    /// Take a workspace that is gone off the recent list.
    ForgetRecent(PathBuf),
    /// Close the crash dialog and go on.
    DismissCrash,
}

/// What a table imported through the column-mapping step becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingTarget {
    Risks,
    Cases,
    Defects,
}
