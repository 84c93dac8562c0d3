//! Things gone wrong, on the app's side: a panic in a frame caught and told, the daily
//! backup started and its outcome taken, a backup restored into the open workspace.

use std::path::Path;

use super::PlanwrightApp;
use super::auto_backup::BackupEnded;
use super::crash::{self, CrashReport};
use crate::context::action::Page;
use crate::context::messages;
use crate::i18n::{tr, tr_with};
use crate::store::backup;

impl PlanwrightApp {
    /// Runs one frame, catching a panic in it: the user gets the crash dialog, the
    /// views are rebuilt from the store (whose last transaction, if the panic cut one
    /// short, was rolled back), and the app goes on.
    pub(super) fn frame_catching_panics(&mut self, ui: &mut egui::Ui) {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.frame(ui)));
        if let Err(payload) = outcome {
            let report = crash::take_last().unwrap_or_else(|| CrashReport::from_payload(&*payload));
            log::error!("caught a panic: {}", report.summary());
            self.after_crash(report);
            ui.ctx().request_repaint();
        }
    }

    /// Forgets everything drawn from the store and every half-done UI step, so the
    /// next frame starts clean from what is on disk.
    fn after_crash(&mut self, report: CrashReport) {
        self.crashes += 1;
        self.crash = Some(report);
        self.actions.clear();
        self.view = None;
        self.plan_view = None;
        self.survey.clear();
        self.home = None;
        self.report = Default::default();
        self.ui_state = crate::ui::UiState::default();
        // The page that failed may fail again at once: show one that draws little.
        if self.page != Page::Settings {
            self.page = Page::Overview;
        }
    }

    /// Makes the next frame panic (tests of the crash path).
    #[doc(hidden)]
    pub fn panic_in_next_frame(&mut self) {
        self.panic_next_frame = true;
    }

    /// The crash the dialog shows, if any.
    pub fn crash_shown(&self) -> Option<&CrashReport> {
        self.crash.as_ref()
    }

    /// Starts today's backup of the open writable workspace when one is due, and tells
    /// the user if one failed.
    pub(super) fn tick_backup(&mut self) {
        if let Some(ended) = self.auto_backup.ended() {
            self.backup_ended(ended);
        }
        let writable = self
            .workspace
            .as_ref()
            .filter(|ws| !ws.is_read_only())
            .map(|ws| ws.path().to_path_buf());
        let wake = self.repaint_handle();
        let today = chrono::Local::now().date_naive();
        self.auto_backup.tick(writable.as_deref(), today, wake);
    }

    fn backup_ended(&mut self, ended: BackupEnded) {
        match ended {
            BackupEnded::Taken(path) => log::info!("backup taken: {}", path.display()),
            BackupEnded::Failed(detail) => {
                let text = tr_with(self.language(), "msg.backup_failed", &[("detail", &detail)]);
                self.error(text);
            }
        }
    }

    /// Waits for a backup in flight (exit, tests).
    pub fn finish_backup(&mut self) {
        if let Some(ended) = self.auto_backup.wait() {
            self.backup_ended(ended);
        }
    }

    /// Opens 从备份恢复… with the backups of the open workspace.
    pub(super) fn open_restore_dialog(&mut self) {
        let Some(path) = self.workspace.as_ref().map(|ws| ws.path().to_path_buf()) else {
            return;
        };
        let Some(folder) = self.auto_backup.folder(&path) else {
            self.error(tr(self.language(), "msg.no_backup_folder"));
            return;
        };
        self.ui_state.restore = Some(crate::ui::recovery::RestoreDialog {
            backups: backup::list(&folder),
            folder,
            confirming: None,
        });
    }

    /// Replaces the open workspace with `from`: first a copy of the state now goes
    /// beside the daily backups, then the backup is copied in whole, then the
    /// workspace is opened again (upgrading an older backup's schema).
    pub(super) fn restore_backup(&mut self, from: &Path) {
        let lang = self.language();
        // A daily backup may be writing into the same folder.
        self.finish_backup();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let path = ws.path().to_path_buf();
        let Some(folder) = self.auto_backup.folder(&path) else {
            self.error(tr(lang, "msg.no_backup_folder"));
            return;
        };
        let before = match backup::keep_before_restore(&path, &folder, &chrono::Local::now()) {
            Ok(p) => p,
            Err(e) => return self.error(messages::store_error(lang, &e)),
        };
        if let Err(e) = ws.restore_from(from) {
            return self.error(messages::store_error(lang, &e));
        }
        self.workspace = None;
        self.open_workspace(&path);
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        self.info(tr_with(
            lang,
            "msg.restored",
            &[("from", &name(from)), ("before", &name(&before))],
        ));
    }
}
