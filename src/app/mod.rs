//! The eframe application: workspace lifecycle, command handling, background jobs.
//! Views (in `ui`) draw and push actions; this module carries them out.

pub mod auto_backup;
pub mod crash;
mod exports;
pub mod file_dialogs;
pub mod jobs;
mod recovery;
pub mod single_instance;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use crate::context::action::{Action, Page};
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
use crate::ui::{self, FrameModel, JobStatus, StatusMessage, UiState};

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
        });
    }

    fn error(&mut self, text: String) {
        log::warn!("{text}");
        self.status = Some(StatusMessage {
            text,
            is_error: true,
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
        match Workspace::create_demo(&path) {
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

    /// Reads a table file in the background for a column-mapping step (of a task list
    /// or a requirement pool).
    fn preview_table(&mut self, path: &Path, of: jobs::TableOf) {
        let lang = self.language();
        if self.job.is_some() {
            self.error(tr(lang, "msg.job_busy"));
            return;
        }
        let source = path.to_path_buf();
        let title = format!("{} {}", tr(lang, "cmd.import"), source.display());
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |_| {
            JobOutcome::TablePreview {
                result: io::task_table::preview(&source),
                path: source,
                of,
            }
        }));
    }

    /// Reads the start of a survey export in the background for the import wizard.
    fn preview_survey(&mut self, path: &Path, encoding: Option<String>) {
        let lang = self.language();
        if self.job.is_some() {
            self.error(tr(lang, "msg.job_busy"));
            return;
        }
        let source = path.to_path_buf();
        let title = format!("{} {}", tr(lang, "cmd.import"), source.display());
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |_| {
            let options = io::survey::SurveyOptions {
                encoding: encoding.clone(),
            };
            JobOutcome::SurveyPreview {
                result: io::survey::preview::preview(&source, &options),
                path: source,
                encoding,
            }
        }));
    }

    fn start_import(&mut self, path: &Path, importer_id: &'static str) {
        let Some(importer) = io::importer(importer_id) else {
            return;
        };
        self.run_import(path, move |source, ws, progress| {
            importer.import(source, ws, progress)
        });
    }

    /// Imports in the background into the open workspace, which the job holds meanwhile.
    fn run_import(
        &mut self,
        path: &Path,
        import: impl FnOnce(
            &Path,
            &mut Workspace,
            io::Progress<'_>,
        ) -> Result<io::ImportSummary, io::ImportError>
        + Send
        + 'static,
    ) {
        let lang = self.language();
        if self.job.is_some() {
            self.error(tr(lang, "msg.job_busy"));
            return;
        }
        let Some(mut ws) = self.workspace.take() else {
            // Nothing open to import into: the user opens or creates a workspace first.
            self.error(tr(lang, "status.no_workspace"));
            return;
        };
        if ws.is_read_only() {
            self.workspace = Some(ws);
            self.error(tr(lang, "msg.read_only"));
            return;
        }
        let source = path.to_path_buf();
        let title = format!("{} {}", tr(lang, "cmd.import"), source.display());
        let ctx_repaint = self.repaint_handle();
        self.job = Some(Job::spawn(title, ctx_repaint, move |progress| {
            let result = import(&source, &mut ws, &mut |d, t| progress.update(d, t));
            JobOutcome::Imported {
                workspace: Box::new(ws),
                result,
                source,
            }
        }));
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
        if self.job.is_some() {
            self.error(tr(lang, "msg.job_busy"));
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
                    self.ui_state.survey_import = Some(ui::survey_import::SurveyImportDialog::new(
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
                        Some(ui::requirement_mapping::RequirementMappingDialog::new(
                            path, preview, &settings,
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
                    self.ui_state.column_mapping =
                        Some(ui::column_mapping::ColumnMappingDialog::new(path, preview));
                }
                Err(e) => self.error(messages::import_error(lang, &e)),
            },
            JobOutcome::Exported(path) => self.info(tr_with(
                lang,
                "msg.exported",
                &[("path", &path.display().to_string())],
            )),
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

    fn apply(&mut self, change: Change) {
        let lang = self.language();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let from_dialog = self.ui_state.project_dialog.is_some();
        match ws.apply(change) {
            Ok(edit) => {
                if let Edit::InsertProject { project, .. } = &edit {
                    self.current_project = Some(project.id);
                }
                if let Some(task) = first_inserted_task(&edit) {
                    self.ui_state.gantt.selected = Some(task);
                }
                self.ui_state.project_dialog = None;
                self.refresh_view();
                self.info(messages::describe_edit(lang, &edit));
            }
            Err(e) => {
                let text = messages::store_error(lang, &e);
                match &mut self.ui_state.project_dialog {
                    Some(dialog) if from_dialog => dialog.error = Some(text),
                    _ => self.error(text),
                }
            }
        }
    }

    fn undo_redo(&mut self, undo: bool) {
        let lang = self.language();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let result = if undo { ws.undo() } else { ws.redo() };
        match result {
            Ok(edit) => {
                let key = if undo {
                    "edit.undone_msg"
                } else {
                    "edit.redone_msg"
                };
                let text = tr_with(
                    lang,
                    key,
                    &[("what", &messages::describe_edit(lang, &edit))],
                );
                self.refresh_view();
                self.info(text);
            }
            Err(e) => self.error(messages::store_error(lang, &e)),
        }
    }

    /// Rebuilds the view model if the store moved since it was built.
    fn refresh_view(&mut self) {
        let Some(ws) = self.workspace.as_mut() else {
            self.view = None;
            return;
        };
        if let Err(e) = ws.notice_outside_changes() {
            let lang = self.prefs.language();
            self.error(messages::store_error(lang, &e));
            return;
        }
        let Some(ws) = self.workspace.as_ref() else {
            return;
        };
        if self
            .view
            .as_ref()
            .is_some_and(|v| v.revision == ws.revision())
        {
            return;
        }
        match WorkspaceView::build(ws) {
            Ok(view) => {
                if self
                    .current_project
                    .is_some_and(|id| view.project(id).is_none())
                {
                    self.current_project = view.projects.first().map(|p| p.id);
                }
                self.view = Some(view);
            }
            Err(e) => {
                let lang = self.prefs.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    /// Rebuilds the plan of the current project when it or the store changed.
    fn refresh_plan_view(&mut self) {
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            self.plan_view = None;
            return;
        };
        let Some(project) = self.current_project.and_then(|id| view.project(id)) else {
            self.plan_view = None;
            return;
        };
        if self
            .plan_view
            .as_ref()
            .is_some_and(|p| p.project == project.id && p.revision == ws.revision())
        {
            return;
        }
        match plan_view::PlanView::build(ws, project) {
            Ok(plan) => self.plan_view = Some(plan),
            Err(e) => {
                self.plan_view = None;
                let lang = self.prefs.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    /// Rebuilds the Research page's survey when it, or the store, changed (only while
    /// that page is shown).
    fn refresh_survey_view(&mut self) {
        if self.page != Page::Research {
            return;
        }
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            self.survey.clear();
            return;
        };
        if let Err(e) = self.survey.refresh(ws, &view.surveys) {
            let lang = self.prefs.language();
            self.error(messages::store_error(lang, &e));
        }
    }

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
            Action::PreviewSurvey { path, encoding } => self.preview_survey(&path, encoding),
            Action::PreviewRequirementTable(path) => {
                self.preview_table(&path, jobs::TableOf::Requirements)
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

    /// A frame model with no borrowed UI parts, for checking whether commands apply.
    fn frame_model_for_checks(&self) -> FrameModel<'_> {
        FrameModel {
            lang: self.language(),
            view: self.view.as_ref(),
            plan: self.plan_view.as_ref(),
            survey: self.survey.view(),
            page: self.page,
            current_project: self.current_project,
            job: None,
            status: None,
            prefs: &self.prefs,
            demo_path: None,
            files_hovering: false,
            missing_workspace: None,
            recent_missing: &[],
            crash: None,
        }
    }

    // ---- the frame ----

    /// Everything before drawing: outside changes, finished jobs, shortcuts, drops,
    /// theme and zoom.
    fn before_frame(&mut self, ctx: &egui::Context) {
        self.take_handed_over_files(ctx);
        if let Some(outcome) = self.job.as_mut().and_then(Job::try_finish) {
            self.job = None;
            self.job_finished(outcome);
        }
        self.refresh_view();
        if self.view.as_ref().is_some_and(|v| v.read_only) {
            // Another process is writing: look for its changes every few seconds (one
            // cheap pragma), so this window follows along without input.
            ctx.request_repaint_after(std::time::Duration::from_secs(3));
        }
        let text_focused = ctx.egui_wants_keyboard_input();
        for cmd in UiCommand::pressed(ctx, text_focused) {
            self.actions.push(Action::Run(cmd));
        }
        let (dropped, hovering) =
            ctx.input(|i| (i.raw.dropped_files.clone(), !i.raw.hovered_files.is_empty()));
        self.files_hovering = hovering;
        for file in dropped {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                self.actions.push(Action::OpenPath(path.to_path_buf()));
            }
        }
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme.to_egui());
            self.applied_theme = Some(self.prefs.theme);
        }
        if self.applied_scale != Some(self.prefs.ui_scale) {
            ctx.set_zoom_factor(self.prefs.ui_scale);
            self.applied_scale = Some(self.prefs.ui_scale);
        }
    }

    /// Files a later launch handed over: opened here, and the window comes forward.
    fn take_handed_over_files(&mut self, ctx: &egui::Context) {
        let Some(primary) = &self.primary else { return };
        while let Ok(request) = primary.requests.try_recv() {
            if let single_instance::Request::Open(path) = request {
                self.actions.push(Action::OpenPath(path));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }

    /// Draws one frame and handles what it asked for; a panic in it is caught and told
    /// (see `recovery`). The eframe `ui` entry point and the UI tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.frame_catching_panics(ui);
    }

    fn frame(&mut self, ui: &mut egui::Ui) {
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a panic asked for by a test of the crash dialog");
        }
        let ctx = ui.ctx().clone();
        self.before_frame(&ctx);
        self.tick_backup();
        if self.workspace.is_none() {
            // A few stats, only while the start page shows.
            self.recent_missing = self.prefs.recent.iter().map(|p| !p.exists()).collect();
        }
        // Actions queued before drawing (shortcuts, drops) run first, so this frame
        // already shows their effect.
        self.drain_actions(&ctx);
        self.refresh_plan_view();
        self.refresh_survey_view();
        let job_status = self.job.as_ref().map(|j| JobStatus {
            title: &j.title,
            fraction: j.fraction(),
            cancelling: j.is_cancelling(),
        });
        let model = FrameModel {
            lang: self.prefs.language(),
            view: self.view.as_ref(),
            plan: self.plan_view.as_ref(),
            survey: self.survey.view(),
            page: self.page,
            current_project: self.current_project,
            job: job_status,
            status: self.status.as_ref(),
            prefs: &self.prefs,
            demo_path: self.demo_path.as_deref(),
            files_hovering: self.files_hovering,
            missing_workspace: self.missing_workspace.as_deref(),
            recent_missing: &self.recent_missing,
            crash: self.crash.as_ref(),
        };
        if self.crash.is_some() && self.crashes > 1 {
            // It failed again while the dialog was up: draw nothing but the dialog.
            ui::recovery::crash(&ctx, &model, &mut self.actions);
        } else {
            ui::draw(ui, &model, &mut self.ui_state, &mut self.actions);
        }
        self.drain_actions(&ctx);
        self.update_title(&ctx);
        if let Some(started) = self.startup_probe.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn drain_actions(&mut self, ctx: &egui::Context) {
        let had_actions = !self.actions.is_empty();
        // Handling an action may queue more (a command opening a dialog); bounded so a
        // bug can never spin forever.
        for _ in 0..8 {
            let pending = std::mem::take(&mut self.actions);
            if pending.is_empty() {
                break;
            }
            for action in pending {
                self.handle(ctx, action);
            }
        }
        if had_actions {
            // Show the effect at once rather than on the next input.
            ctx.request_repaint();
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let lang = self.language();
        let title = match &self.view {
            Some(v) => format!("{} — {}", v.file_name(), tr(lang, "app.name")),
            None => tr(lang, "app.name"),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
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

impl eframe::App for PlanwrightApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A save-as in flight is cancelled cleanly: its staging file is removed.
        if let Some(job) = self.job.take() {
            job.cancel();
            let _ = job.wait();
        }
        // A daily backup in flight finishes, or its staging file would be left behind.
        self.auto_backup.wait();
    }
}

/// Opens the main window. `file` is a workspace to open or a file to import.
pub fn run_gui(file: Option<PathBuf>, new_instance: bool) -> ExitCode {
    let started = Instant::now();
    let data = data_folder();
    // Already running for this user: hand the file over (or bring it forward), done.
    if !new_instance && let Some(data) = &data {
        let request = match &file {
            Some(path) => single_instance::Request::Open(path.clone()),
            None => single_instance::Request::Show,
        };
        if single_instance::forward(data, &request).unwrap_or(false) {
            return ExitCode::SUCCESS;
        }
    }
    crash::install_hook(data.as_ref().map(|d| d.join("crashes")));
    let icon =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/256x256.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(tr(Language::from_os(), "app.name"))
        .with_app_id("planwright")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // We add the OS fonts ourselves, after the bundled CJK font.
        system_font_fallback: false,
        ..Default::default()
    };
    let startup = match file {
        Some(path) => Startup::File(path),
        None => Startup::Default,
    };
    let result = eframe::run_native(
        "Planwright",
        options,
        Box::new(move |cc| {
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
                .unwrap_or_default();
            ui::fonts::install_system_fallback(&cc.egui_ctx);
            let mut app = PlanwrightApp::new(&cc.egui_ctx, AppSetup::native(prefs, startup));
            if std::env::var_os("PLANWRIGHT_STARTUP_PROBE").is_some() {
                app.startup_probe = Some(started);
            }
            if !new_instance && let Some(data) = &data {
                let ctx = cc.egui_ctx.clone();
                match single_instance::Primary::listen(data, move || ctx.request_repaint()) {
                    Ok(primary) => app.primary = Some(primary),
                    // Still a working window; later launches just open their own.
                    Err(e) => log::warn!("no single-instance listener: {e}"),
                }
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planwright: could not open the window: {e}");
            ExitCode::from(1)
        }
    }
}
