//! The daily backup of the open workspace, taken on a thread of its own (so it neither
//! blocks the UI nor takes the one slot of user jobs) the first time a day the app has
//! a writable workspace open.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use chrono::NaiveDate;

use crate::store::backup;

/// What the app keeps about backups.
pub struct AutoBackup {
    /// The folder all workspaces' backup folders go in; `None`: no backups (tests).
    root: Option<PathBuf>,
    /// The workspace and day last checked, so the check runs once a day per file.
    checked: Option<(PathBuf, NaiveDate)>,
    running: Option<Receiver<Result<Option<PathBuf>, String>>>,
}

/// How a backup that ended went.
#[derive(Debug, PartialEq, Eq)]
pub enum BackupEnded {
    Taken(PathBuf),
    Failed(String),
}

impl AutoBackup {
    pub fn new(root: Option<PathBuf>) -> AutoBackup {
        AutoBackup {
            root,
            checked: None,
            running: None,
        }
    }

    /// The folder holding the backups of `workspace`.
    pub fn folder(&self, workspace: &Path) -> Option<PathBuf> {
        self.root
            .as_deref()
            .map(|root| backup::backup_folder(root, workspace))
    }

    /// Called every frame with the writable workspace open (if any): starts today's
    /// backup when one is due and none is running; cheap when nothing is to do.
    /// `wake` repaints the UI when the backup ends.
    pub fn tick(
        &mut self,
        workspace: Option<&Path>,
        today: NaiveDate,
        wake: impl Fn() + Send + 'static,
    ) {
        let Some(workspace) = workspace else { return };
        if self.running.is_some()
            || self
                .checked
                .as_ref()
                .is_some_and(|(p, d)| p == workspace && *d == today)
        {
            return;
        }
        self.checked = Some((workspace.to_path_buf(), today));
        let Some(folder) = self.folder(workspace) else {
            return;
        };
        if !backup::due(&folder, today) {
            return;
        }
        let source = workspace.to_path_buf();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let result =
                backup::take(&source, &folder, today, |_, _| true).map_err(|e| e.to_string());
            // The app may have gone; nobody to tell then.
            let _ = tx.send(result);
            wake();
        });
        self.running = Some(rx);
    }

    /// Takes the outcome of a backup that has ended since the last call.
    pub fn ended(&mut self) -> Option<BackupEnded> {
        let rx = self.running.as_ref()?;
        let outcome = match rx.try_recv() {
            Err(TryRecvError::Empty) => return None,
            Ok(Ok(Some(path))) => Some(BackupEnded::Taken(path)),
            Ok(Ok(None)) => None,
            Ok(Err(e)) => Some(BackupEnded::Failed(e)),
            Err(TryRecvError::Disconnected) => {
                Some(BackupEnded::Failed("the backup thread stopped".to_owned()))
            }
        };
        self.running = None;
        outcome
    }

    /// Waits for a running backup (exit, tests).
    pub fn wait(&mut self) -> Option<BackupEnded> {
        let rx = self.running.take()?;
        match rx.recv() {
            Ok(Ok(Some(path))) => Some(BackupEnded::Taken(path)),
            Ok(Ok(None)) => None,
            Ok(Err(e)) => Some(BackupEnded::Failed(e)),
            Err(_) => Some(BackupEnded::Failed("the backup thread stopped".to_owned())),
        }
    }
}
