//! The eframe application: workspace lifecycle, command handling, background jobs.
//! Views (in `ui`) draw and push actions; this module carries them out.

pub mod auto_backup;
pub mod crash;
mod edits;
mod exports;
pub mod file_dialogs;
mod frame;
mod imports;
pub mod jobs;
mod quality;
mod recovery;
mod report_files;
mod risks;
pub mod single_instance;
mod views;
mod window;

pub use window::run_gui;

use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::context::action::{Action, MappingTarget, Page};
use crate::context::command::UiCommand;
use crate::context::messages;
use crate::context::prefs::Prefs;
use crate::context::view_model::WorkspaceView;
use crate::report::plan_view;
use file_dialogs::{FileDialogs, NativeDialogs};
use jobs::{Job, JobOutcome};

use crate::i18n::{Language, tr, tr_with};
use crate::io::{self, FileKind};
use crate::model::{Change, Edit, ProjectId};
use crate::store::{StoreError, Workspace};
use crate::ui::{self, StatusMessage, UiState};

/// Key of the preferences in eframe's storage.
const PREFS_KEY: &str = "planwright.prefs";

/// What to show when the window opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Startup {
    /// The last workspace, or the demo on the first run.
    Default,
    /// A file from the command line or the file manager: open it, or import it.
    File(PathBuf),
    /// Nothing: the start page (tests).
    Empty,
}

/// The user's data folder for Planwright (demo, backups, crash logs).
pub fn data_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "Planwright").map(|d| d.data_dir().to_path_buf())
}

/// Where the demo workspace lives: the user's data folder.
pub fn demo_workspace_path() -> Option<PathBuf> {
    data_folder().map(|d| d.join("demo.planwright"))
}

/// How to start the app: what to open, and the parts tests replace.
pub struct AppSetup {
    pub prefs: Prefs,
    pub startup: Startup,
    pub dialogs: Box<dyn FileDialogs>,
    /// Where the demo workspace lives (the user's data folder unless a test says).
    pub demo_path: Option<PathBuf>,
    /// Where daily backups go (the user's data folder); `None`: none are taken.
    pub backup_root: Option<PathBuf>,
}

impl AppSetup {
    /// The real app's setup: native dialogs, demo in the user's data folder.
    pub fn native(prefs: Prefs, startup: Startup) -> AppSetup {
        AppSetup {
            prefs,
            startup,
            dialogs: Box::new(NativeDialogs),
            demo_path: demo_workspace_path(),
            backup_root: data_folder().map(|d| d.join("backups")),
        }
    }
}

/// The application state.
pub struct PlanwrightApp {
    prefs: Prefs,
    workspace: Option<Workspace>,
    view: Option<WorkspaceView>,
    /// The current project's plan, rebuilt when the store or the project changes.
    plan_view: Option<plan_view::PlanView>,
    /// The survey the Research page shows: filter, cross-tab, comparison, its cards.
    survey: crate::report::survey_session::SurveySession,
    /// The Reports page's report.
    report: crate::report::report_session::ReportSession,
    /// The Risks page's register, health check and simulation.
    risks: crate::report::risk_session::RiskSession,
    quality: crate::report::quality_session::QualitySession,
    /// The Overview's figures (built while it is shown).
    home: Option<crate::report::home::Home>,
    page: Page,
    current_project: Option<ProjectId>,
    ui_state: UiState,
    actions: Vec<Action>,
    job: Option<Job>,
    status: Option<StatusMessage>,
    dialogs: Box<dyn FileDialogs>,
    demo_path: Option<PathBuf>,
    /// The window title last sent, to send it again only when it changes.
    title: String,
    /// Kept to wake the UI from job threads.
    egui_ctx: Option<egui::Context>,
    /// Zoom and theme last applied to egui, to apply them again only on change.
    applied_scale: Option<f32>,
    applied_theme: Option<crate::context::prefs::ThemeChoice>,
    files_hovering: bool,
    /// Set when started with `PLANWRIGHT_STARTUP_PROBE`: report time to first frame, quit.
    startup_probe: Option<Instant>,
    auto_backup: auto_backup::AutoBackup,
    /// A caught panic the crash dialog shows, and how many came since it was closed.
    crash: Option<crash::CrashReport>,
    crashes: u32,
    panic_next_frame: bool,
    /// The workspace open last time, when it was not found at startup.
    missing_workspace: Option<PathBuf>,
    /// Whether each recent file is gone, checked while the start page shows.
    recent_missing: Vec<bool>,
    /// Where later launches hand over their files (the real window only).
    primary: Option<single_instance::Primary>,
}

impl PlanwrightApp {
    /// Builds the app: restores preferences, sets up fonts and theme, opens what
    /// `startup` asks for.
    pub fn new(ctx: &egui::Context, setup: AppSetup) -> Self {
        ui::fonts::install_bundled(ctx);
        ui::theme::install(ctx);
        let mut app = PlanwrightApp {
            prefs: setup.prefs.sanitized(),
            workspace: None,
            view: None,
            plan_view: None,
            survey: Default::default(),
            report: Default::default(),
            risks: Default::default(),
            quality: Default::default(),
            home: None,
            page: Page::Overview,
            current_project: None,
            ui_state: UiState::default(),
            actions: Vec::new(),
            job: None,
            status: None,
            dialogs: setup.dialogs,
            demo_path: setup.demo_path,
            title: String::new(),
            egui_ctx: Some(ctx.clone()),
            applied_scale: None,
            applied_theme: None,
            files_hovering: false,
            startup_probe: None,
            auto_backup: auto_backup::AutoBackup::new(setup.backup_root),
            crash: None,
            crashes: 0,
            panic_next_frame: false,
            missing_workspace: None,
            recent_missing: Vec::new(),
            primary: None,
        };
        app.start(setup.startup);
        app.prefs.launched_before = true;
        app
    }

    fn start(&mut self, startup: Startup) {
        match startup {
            Startup::Empty => {}
            Startup::File(path) => match io::classify(&path) {
                Ok(FileKind::Workspace) => self.open_workspace(&path),
                // A file to import (or one to explain): open the usual workspace
                // first, so there is somewhere to import into and something to show.
                _ => {
                    self.start(Startup::Default);
                    self.open_path(&path);
                }
            },
            Startup::Default => match self.prefs.last_workspace.clone() {
                Some(path) if path.exists() => self.open_workspace(&path),
                // Moved or deleted since: say so on the start page, never a blank window.
                Some(path) => {
                    let text = tr_with(
                        self.language(),
                        "start.missing",
                        &[("path", &path.display().to_string())],
                    );
                    self.error(text);
                    self.missing_workspace = Some(path);
                }
                None if !self.prefs.launched_before => self.open_demo(),
                None => {}
            },
        }
    }

    /// The UI language now.
    pub fn language(&self) -> Language {
        self.prefs.language()
    }

    /// The open workspace, if any.
    pub fn workspace(&self) -> Option<&Workspace> {
        self.workspace.as_ref()
    }

    /// The preferences, as they would be saved now.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The page shown.
    /// The Risks page's register, health check and last simulation.
    pub fn risks(&self) -> &crate::report::risk_session::RiskSession {
        &self.risks
    }

    pub fn page(&self) -> Page {
        self.page
    }

    /// The project the top bar has selected.
    pub fn current_project(&self) -> Option<ProjectId> {
        self.current_project
    }

    /// Whether a background job is running.
    pub fn job_running(&self) -> bool {
        self.job.is_some()
    }

    /// The status bar message, if any.
    pub fn status(&self) -> Option<&StatusMessage> {
        self.status.as_ref()
    }

    /// Queues an action as if the UI had sent it (scripting and tests).
    pub fn send(&mut self, action: Action) {
        self.actions.push(action);
    }

    /// Waits for the background job to end and takes its outcome (tests, exit).
    pub fn finish_job(&mut self) {
        if let Some(job) = self.job.take() {
            let outcome = job.wait();
            self.job_finished(outcome);
        }
    }

    fn info(&mut self, text: String) {
        self.status = Some(StatusMessage {
            text,
            is_error: false,
            file: None,
        });
    }

    fn error(&mut self, text: String) {
        log::warn!("{text}");
        self.status = Some(StatusMessage {
            text,
            is_error: true,
            file: None,
        });
    }

    // ---- workspace lifecycle ----

    fn set_workspace(&mut self, ws: Workspace) {
        self.prefs.remember(ws.path());
        let lang = self.language();
        let path = ws.path().display().to_string();
        let text = if ws.is_read_only() {
            tr_with(lang, "msg.opened_read_only", &[("path", &path)])
        } else {
            tr_with(lang, "msg.opened", &[("path", &path)])
        };
        self.workspace = Some(ws);
        self.missing_workspace = None;
        self.view = None;
        // Revisions count from 1 in every workspace: nothing built from the last one
        // may look current.
        self.home = None;
        self.report = Default::default();
        self.risks = Default::default();
        self.quality = Default::default();
        self.current_project = None;
        self.ui_state.project_dialog = None;
        self.ui_state.delete_confirmation = None;
        if self.page != Page::Settings {
            self.page = Page::Overview;
        }
        self.refresh_view();
        self.current_project = self
            .view
            .as_ref()
            .and_then(|v| v.projects.first())
            .map(|p| p.id);
        self.info(text);
    }

    fn open_workspace(&mut self, path: &Path) {
        match Workspace::open(path) {
            Ok(ws) => self.set_workspace(ws),
            Err(e) => {
                let lang = self.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    fn open_demo(&mut self) {
        let Some(path) = self.demo_path.clone() else {
            return;
        };
        if path.exists() {
            self.open_workspace(&path);
            return;
        }
        if let Some(dir) = path.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            let detail = format!("{}: {e}", dir.display());
            self.error(tr_with(
                self.language(),
                "msg.error",
                &[("detail", &detail)],
            ));
            return;
        }
        match crate::demo::create(&path) {
            Ok(ws) => self.set_workspace(ws),
            Err(e) => self.error(messages::store_error(self.language(), &e)),
        }
    }

    /// A file from the command line, a drop, or the recent list: open a workspace,
    /// import anything an importer recognises, explain anything else.
    fn open_path(&mut self, path: &Path) {
        let lang = self.language();
        match io::classify(path) {
            Ok(FileKind::Workspace) => self.open_workspace(path),
            // A survey goes through the wizard: check what was read before it comes in.
            Ok(FileKind::Importable("survey")) => self.preview_survey(path, None),
            Ok(FileKind::Importable(id)) => self.start_import(path, id),
            // A table whose headers no preset knows: let the user say what each is.
            Err(io::ImportError::Unrecognised { .. }) if io::task_table::is_table_file(path) => {
                self.preview_table(path, jobs::TableOf::Tasks)
            }
            Err(e) => self.error(messages::import_error(lang, &e)),
        }
    }

    fn close_workspace(&mut self) {
        self.workspace = None;
        self.view = None;
        self.current_project = None;
        self.prefs.last_workspace = None;
    }

    fn new_workspace(&mut self) {
        let lang = self.language();
        let Some(path) = self
            .dialogs
            .save_workspace(&tr(lang, "cmd.new_workspace"), "未命名.planwright")
        else {
            return;
        };
        if path.exists() {
            // The native dialog has already asked about overwriting; a new workspace
            // must still never silently replace a file.
            self.error(messages::store_error(
                lang,
                &StoreError::AlreadyExists { path },
            ));
            return;
        }
        match Workspace::create(&path) {
            Ok(ws) => {
                self.set_workspace(ws);
                self.info(tr_with(
                    lang,
                    "msg.created",
                    &[("path", &path.display().to_string())],
                ));
            }
            Err(e) => self.error(messages::store_error(lang, &e)),
        }
    }

    fn save_as(&mut self) {
        let lang = self.language();
        let Some(source) = self.workspace.as_ref().map(|w| w.path().to_path_buf()) else {
            return;
        };
        if !self.job_slot_free() {
            return;
        }
        let suggested = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(dest) = self
            .dialogs
            .save_workspace(&tr(lang, "cmd.save_as"), &suggested)
        else {
            return;
        };
        if same_file(&source, &dest) {
            self.error(tr(lang, "msg.save_as_same"));
            return;
        }
        let title = tr_with(
            lang,
            "msg.job_save_as",
            &[("path", &dest.display().to_string())],
        );
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |progress| {
            match crate::store::save_copy(&source, &dest, |d, t| progress.update(d, t)) {
                Ok(true) => JobOutcome::SavedCopy(dest),
                Ok(false) => JobOutcome::Cancelled,
                Err(e) => JobOutcome::Failed(e.to_string()),
            }
        }));
    }

    /// Whether a background job may start now; when one is running, says so.
    fn job_slot_free(&mut self) -> bool {
        if self.job.is_some() {
            self.error(tr(self.language(), "msg.job_busy"));
            return false;
        }
        true
    }

    fn job_finished(&mut self, outcome: JobOutcome) {
        let lang = self.language();
        match outcome {
            JobOutcome::SavedCopy(path) => {
                self.open_workspace(&path);
                self.info(tr_with(
                    lang,
                    "msg.saved_as",
                    &[("path", &path.display().to_string())],
                ));
            }
            JobOutcome::Imported {
                workspace, result, ..
            } => {
                self.workspace = Some(*workspace);
                self.refresh_view();
                match result {
                    Ok(_) => {
                        // Show what came in: the newest survey on the Research page.
                        self.survey.choose(None);
                        self.info(tr(lang, "cmd.import"))
                    }
                    Err(e) => self.error(messages::import_error(lang, &e)),
                }
            }
            JobOutcome::SurveyPreview {
                path,
                encoding,
                result,
            } => match result {
                Ok(preview) => {
                    self.ui_state.survey_import =
                        Some(ui::research::survey_import::SurveyImportDialog::new(
                            path, encoding, preview,
                        ));
                }
                Err(e) => self.error(messages::import_error(lang, &e)),
            },
            JobOutcome::TablePreview {
                path,
                of: jobs::TableOf::Requirements,
                result,
            } => match result {
                Ok(preview) => {
                    let settings = self
                        .view
                        .as_ref()
                        .map(|v| v.insights.settings.clone())
                        .unwrap_or_default();
                    self.ui_state.requirement_mapping =
                        Some(ui::requirements::mapping::RequirementMappingDialog::new(
                            path, preview, &settings,
                        ));
                }
                Err(e) => self.error(messages::import_error(lang, &e)),
            },
            JobOutcome::TablePreview {
                path,
                of: jobs::TableOf::Mapped(target),
                result,
            } => match result {
                Ok(preview) => {
                    self.ui_state.table_mapping = Some(ui::table_mapping::TableMappingDialog::new(
                        path, target, preview,
                    ));
                }
                Err(e) => self.error(messages::import_error(lang, &e)),
            },
            JobOutcome::TablePreview {
                path,
                of: jobs::TableOf::Tasks,
                result,
            } => match result {
                Ok(preview) => {
                    self.ui_state.column_mapping = Some(
                        ui::gantt::column_mapping::ColumnMappingDialog::new(path, preview),
                    );
                }
                Err(e) => self.error(messages::import_error(lang, &e)),
            },
            JobOutcome::Exported(path) => {
                self.info(tr_with(
                    lang,
                    "msg.exported",
                    &[("path", &path.display().to_string())],
                ));
                if let Some(status) = self.status.as_mut() {
                    status.file = Some(path);
                }
            }
            JobOutcome::Simulated(run) => self.simulation_finished(*run),
            JobOutcome::Cancelled => self.info(tr(lang, "msg.cancelled")),
            JobOutcome::Failed(detail) => {
                self.error(tr_with(lang, "msg.error", &[("detail", &detail)]))
            }
        }
    }

    fn repaint_handle(&self) -> impl Fn() + Send + Clone + 'static {
        let ctx = self.egui_ctx.clone();
        move || {
            if let Some(ctx) = &ctx {
                ctx.request_repaint();
            }
        }
    }

    // ---- edits ----

    // ---- commands ----

    fn run(&mut self, ctx: &egui::Context, cmd: UiCommand) {
        let lang = self.language();
        let view = self.view.as_ref();
        let model_allows = {
            let m = self.frame_model_for_checks();
            ui::command_enabled(&m, cmd)
        };
        if !model_allows {
            if cmd == UiCommand::NewProject || cmd == UiCommand::DeleteProject {
                if view.is_some_and(|v| v.read_only) {
                    self.error(tr(lang, "msg.read_only"));
                } else if cmd == UiCommand::DeleteProject {
                    self.error(tr(lang, "msg.no_project_selected"));
                }
            }
            if cmd == UiCommand::ProjectProperties {
                self.error(tr(lang, "msg.no_project_selected"));
            }
            return;
        }
        match cmd {
            UiCommand::NewWorkspace => self.new_workspace(),
            UiCommand::OpenWorkspace => {
                if let Some(path) = self.dialogs.open_workspace(&tr(lang, "cmd.open_workspace")) {
                    self.open_path(&path);
                }
            }
            UiCommand::OpenDemo => self.open_demo(),
            UiCommand::SaveAs => self.save_as(),
            UiCommand::RestoreBackup => self.open_restore_dialog(),
            UiCommand::CloseWorkspace => self.close_workspace(),
            UiCommand::Import => {
                if let Some(path) = self.dialogs.import_file(&tr(lang, "cmd.import")) {
                    self.open_path(&path);
                }
            }
            UiCommand::ImportMappedRequirements => {
                if let Some(path) = self
                    .dialogs
                    .import_file(&tr(lang, "cmd.import_mapped_requirements"))
                {
                    self.preview_table(&path, jobs::TableOf::Requirements);
                }
            }
            UiCommand::ImportMappedRisks => {
                if let Some(path) = self
                    .dialogs
                    .import_file(&tr(lang, "cmd.import_mapped_risks"))
                {
                    self.preview_table(&path, jobs::TableOf::Mapped(MappingTarget::Risks));
                }
            }
            UiCommand::ImportMappedCases => {
                if let Some(path) = self
                    .dialogs
                    .import_file(&tr(lang, "cmd.import_mapped_cases"))
                {
                    self.preview_table(&path, jobs::TableOf::Mapped(MappingTarget::Cases));
                }
            }
            UiCommand::ImportMappedDefects => {
                if let Some(path) = self
                    .dialogs
                    .import_file(&tr(lang, "cmd.import_mapped_defects"))
                {
                    self.preview_table(&path, jobs::TableOf::Mapped(MappingTarget::Defects));
                }
            }
            UiCommand::ImportSurvey => {
                if let Some(path) = self.dialogs.import_file(&tr(lang, "cmd.import_survey")) {
                    self.preview_survey(&path, None);
                }
            }
            UiCommand::ImportMappedTasks => {
                if let Some(path) = self
                    .dialogs
                    .import_file(&tr(lang, "cmd.import_mapped_tasks"))
                {
                    self.preview_table(&path, jobs::TableOf::Tasks);
                }
            }
            UiCommand::ExportMspdi => self.export("mspdi", None),
            UiCommand::ExportTasksCsv => self.export("tasks-csv", None),
            UiCommand::ExportGanttPdf => self.export("gantt-pdf", None),
            UiCommand::ExportGanttPng => self.export("gantt-png", None),
            UiCommand::ExportGanttSvg => self.export("gantt-svg", None),
            UiCommand::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            UiCommand::Undo => self.undo_redo(true),
            UiCommand::Redo => self.undo_redo(false),
            UiCommand::CommandPalette => self.ui_state.palette.open(),
            UiCommand::Search => self.ui_state.search.focus_requested = true,
            UiCommand::NewProject => self.actions.push(Action::EditProject(None)),
            UiCommand::ProjectProperties => {
                self.actions.push(Action::EditProject(self.current_project))
            }
            UiCommand::DeleteProject => {
                if let Some(id) = self.current_project {
                    self.actions.push(Action::ConfirmDelete(id));
                }
            }
            UiCommand::Go(page) => self.page = page,
            UiCommand::SwitchLanguage => {
                self.prefs.language = crate::context::prefs::LanguageChoice::Fixed(lang.other());
            }
            UiCommand::CycleTheme => self.prefs.theme = self.prefs.theme.next(),
            UiCommand::ZoomIn => self.set_scale(self.prefs.ui_scale + 0.1),
            UiCommand::ZoomOut => self.set_scale(self.prefs.ui_scale - 0.1),
            UiCommand::ZoomReset => self.set_scale(1.0),
            UiCommand::About => self.ui_state.about_open = true,
        }
    }

    fn set_scale(&mut self, scale: f32) {
        let scale = (scale * 20.0).round() / 20.0;
        self.prefs.ui_scale = scale.clamp(
            *crate::context::prefs::UI_SCALE_RANGE.start(),
            *crate::context::prefs::UI_SCALE_RANGE.end(),
        );
    }

    fn handle(&mut self, ctx: &egui::Context, action: Action) {
        match action {
            Action::Run(cmd) => self.run(ctx, cmd),
            Action::Apply(change) => self.apply(change),
            Action::Navigate(page) => self.page = page,
            Action::SelectProject(id) => self.current_project = id,
            Action::SelectTasks(ids) => {
                let mut ids = ids.into_iter();
                self.ui_state.gantt.selected = ids.next();
                self.ui_state.gantt.also_selected = ids.collect();
            }
            Action::OpenPath(path) => self.open_path(&path),
            Action::SelectSurvey(id) => self.survey.choose(Some(id)),
            Action::SetSurveyFilter(filter) => self.survey.set_filter(filter),
            Action::SetSurveyCross(by) => self.survey.set_cross(by),
            Action::SetSurveyCompare(other) => self.survey.set_compare(other),
            Action::Export { id, question } => self.export(id, question),
            Action::SetReportPeriod(period) => self.report.period = period,
            Action::SetReportKind(kind) => {
                self.report.kind = kind;
                self.report.view_snapshot(None);
            }
            Action::SetReportRelease(id) => self.report.release = Some(id),
            Action::SetReportCustomer(name) => self.report.customer = Some(name),
            Action::ViewPublishedReport(id) => self.report.view_snapshot(id),
            Action::PublishReport => self.publish_report(),
            Action::RunSimulation { iterations, seed } => self.run_simulation(iterations, seed),
            Action::OpenFolder(path) => {
                if let Err(e) = open_folder_of(&path) {
                    let lang = self.language();
                    self.error(tr_with(
                        lang,
                        "msg.error",
                        &[("detail", &format!("{}: {e}", path.display()))],
                    ));
                }
            }
            Action::LoadReportTemplateFile { kind, format, base } => {
                self.load_report_template(kind, format, base)
            }
            Action::SaveDefaultReportTemplate(format) => self.save_default_report_template(format),
            Action::LoadReportLogo { kind, base } => self.load_report_logo(kind, base),
            Action::PreviewSurvey { path, encoding } => self.preview_survey(&path, encoding),
            Action::PreviewRequirementTable(path) => {
                self.preview_table(&path, jobs::TableOf::Requirements)
            }
            Action::ImportMappedTable { path, target, map } => {
                self.ui_state.table_mapping = None;
                self.run_import(&path, move |source, ws, progress| {
                    use io::quality::QualityTable;
                    progress(0, 2);
                    let rows = io::table_file::read(source)?;
                    let summary = match target {
                        MappingTarget::Risks => {
                            let risks = io::risks::parse_mapped(&rows, source, &map)?;
                            io::risks::store(risks, ws, source)?
                        }
                        MappingTarget::Cases | MappingTarget::Defects => {
                            let table = if target == MappingTarget::Cases {
                                QualityTable::Cases
                            } else {
                                QualityTable::Defects
                            };
                            let read = io::quality::parse_mapped(table, &rows, source, &map)?;
                            io::quality::store(read, ws)?
                        }
                    };
                    progress(2, 2);
                    Ok(summary)
                });
            }
            Action::ImportMappedRequirements { path, map, save } => {
                self.ui_state.requirement_mapping = None;
                if let Some(saved) = save
                    && let Some(view) = self.view.as_ref()
                {
                    // Kept for the next file (its own undoable edit).
                    let mut settings = view.insights.settings.clone();
                    settings.mappings.retain(|m| m.name != saved.name);
                    settings.mappings.push(saved);
                    self.apply(Change::SetPoolSettings(settings));
                }
                self.run_import(&path, move |source, ws, progress| {
                    progress(0, 2);
                    let summary = io::requirements::import_mapped(source, ws, &map)?;
                    progress(2, 2);
                    Ok(summary)
                });
            }
            Action::ImportSurvey {
                path,
                encoding,
                name,
                kinds,
            } => {
                self.ui_state.survey_import = None;
                self.run_import(&path, move |source, ws, progress| {
                    let bytes = std::fs::read(source).map_err(|e| io::ImportError::Io {
                        path: source.to_path_buf(),
                        source: e,
                    })?;
                    let options = io::survey::SurveyOptions { encoding };
                    let mut survey =
                        io::survey::parse_reporting(bytes, source, &options, &mut |d, t| {
                            progress(d * 9, t.max(1) * 10)
                        })?;
                    if !name.is_empty() {
                        survey.name = name;
                    }
                    io::survey::preview::apply_kinds(&mut survey, &kinds);
                    if !progress(9, 10) {
                        return Err(io::ImportError::Cancelled);
                    }
                    io::survey::store(survey, ws, progress)
                });
            }
            Action::ImportMappedTasks { path, map } => {
                self.ui_state.column_mapping = None;
                self.run_import(&path, move |source, ws, progress| {
                    io::task_table::import(source, &map, ws, progress)
                });
            }
            Action::EditProject(id) => {
                let Some(view) = &self.view else { return };
                self.ui_state.project_dialog = match id {
                    Some(id) => view.project(id).map(ui::ProjectDialog::for_project),
                    None => {
                        let first_calendar = view.calendars.first().map(|c| c.id);
                        first_calendar.map(|c| {
                            ui::ProjectDialog::new_project(chrono::Local::now().date_naive(), c)
                        })
                    }
                };
            }
            Action::ConfirmDelete(id) => {
                let name = self
                    .view
                    .as_ref()
                    .and_then(|v| v.project(id))
                    .map(|p| p.fields.name.clone());
                self.ui_state.delete_confirmation =
                    name.map(|name| ui::DeleteConfirmation { id, name });
            }
            Action::SetLanguage(choice) => self.prefs.language = choice,
            Action::SetTheme(theme) => self.prefs.theme = theme,
            Action::SetUiScale(scale) => self.set_scale(scale),
            Action::CancelJob => {
                if let Some(job) = &self.job {
                    job.cancel();
                }
            }
            Action::DismissMessage => self.status = None,
            Action::RestoreBackup(path) => self.restore_backup(&path),
            Action::ForgetRecent(path) => {
                self.prefs.forget(&path);
                if self.missing_workspace.as_deref() == Some(path.as_path()) {
                    // Its notice goes with it, from the page and the status bar.
                    self.missing_workspace = None;
                    self.status = None;
                }
            }
            Action::DismissCrash => {
                self.crash = None;
                self.crashes = 0;
            }
        }
    }

    // ---- the frame ----
}

/// The task an edit added, if it added one (to select it).
fn first_inserted_task(edit: &Edit) -> Option<crate::model::TaskId> {
    match edit {
        Edit::InsertTasks { tasks, .. } => tasks.first().map(|t| t.id),
        Edit::Batch { edits } => edits.iter().find_map(first_inserted_task),
        _ => None,
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Shows the folder holding `file` in the system's file manager.
fn open_folder_of(file: &std::path::Path) -> std::io::Result<()> {
    let folder = file
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
}
