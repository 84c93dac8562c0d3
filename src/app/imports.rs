//! Imports from the window: a table or survey read for its mapping step or wizard,
//! and imports run in the background with the workspace handed to the job and back.

use std::path::Path;

use super::PlanwrightApp;
use super::jobs::{self, Job, JobOutcome};
use crate::i18n::tr;
use crate::io;
use crate::store::Workspace;

impl PlanwrightApp {
    /// Reads a table file in the background for a column-mapping step (of a task list
    /// or a requirement pool).
    pub(super) fn preview_table(&mut self, path: &Path, of: jobs::TableOf) {
        self.read_in_background(path, move |source| JobOutcome::TablePreview {
            result: io::task_table::preview(&source),
            path: source,
            of,
        });
    }

    /// Reads the start of a survey export in the background for the import wizard.
    pub(super) fn preview_survey(&mut self, path: &Path, encoding: Option<String>) {
        self.read_in_background(path, move |source| {
            let options = io::survey::SurveyOptions {
                encoding: encoding.clone(),
            };
            JobOutcome::SurveyPreview {
                result: io::survey::preview::preview(&source, &options),
                path: source,
                encoding,
            }
        });
    }

    /// Reads `path` with `read` as the background job, when none is running.
    fn read_in_background(
        &mut self,
        path: &Path,
        read: impl FnOnce(std::path::PathBuf) -> JobOutcome + Send + 'static,
    ) {
        if !self.job_slot_free() {
            return;
        }
        let source = path.to_path_buf();
        let title = import_title(self.language(), &source);
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |_| {
            read(source)
        }));
    }

    pub(super) fn start_import(&mut self, path: &Path, importer_id: &'static str) {
        let Some(importer) = io::importer(importer_id) else {
            return;
        };
        self.run_import(path, move |source, ws, progress| {
            importer.import(source, ws, progress)
        });
    }

    /// Imports in the background into the open workspace, which the job holds meanwhile.
    pub(super) fn run_import(
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
        if !self.job_slot_free() {
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
        let title = import_title(lang, &source);
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |progress| {
            let result = import(&source, &mut ws, &mut |d, t| progress.update(d, t));
            JobOutcome::Imported {
                workspace: Box::new(ws),
                result,
                source,
            }
        }));
    }
}

/// What the status bar says while a file is read or imported.
fn import_title(lang: crate::i18n::Language, source: &Path) -> String {
    format!("{} {}", tr(lang, "cmd.import"), source.display())
}
