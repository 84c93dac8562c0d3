//! Automatic backups: one copy of a workspace a day, the newest seven kept, made with
//! SQLite's backup API (a consistent copy while the app goes on writing) and restored
//! whole into the open workspace.
//!
//! A workspace's backups live in a folder of their own (see [`backup_folder`]), named
//! `NAME YYYY-MM-DD.planwright`, so the user can also open one as an ordinary file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rusqlite::{Connection, OpenFlags};

use super::error::SqliteContext;
use super::{StoreError, StoreResult, Workspace, file_check};

/// How many daily backups are kept per workspace.
pub const KEEP: usize = 7;

/// One backup of a workspace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    /// The day it was taken.
    pub day: NaiveDate,
    pub bytes: u64,
}

/// The folder that keeps the backups of the workspace at `workspace`, inside `root`
/// (the app's data folder): the file's name and a short hash of its full path, so two
/// `计划.planwright` in different folders keep their backups apart.
pub fn backup_folder(root: &Path, workspace: &Path) -> PathBuf {
    let full = std::fs::canonicalize(workspace).unwrap_or_else(|_| workspace.to_path_buf());
    let stem = workspace
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_owned());
    root.join(format!(
        "{stem}-{:08x}",
        fnv1a(full.to_string_lossy().as_bytes())
    ))
}

/// FNV-1a, 32 bits: stable across runs and builds (std's hasher is not).
fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// The backups in `folder`, newest first. Files of other names are left alone.
pub fn list(folder: &Path) -> Vec<Backup> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<Backup> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let path = e.path();
            let day = day_of(&path)?;
            let bytes = e.metadata().ok()?.len();
            Some(Backup { path, day, bytes })
        })
        .collect();
    out.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| b.path.cmp(&a.path)));
    out
}

/// The day in a backup's name `… YYYY-MM-DD.planwright`.
fn day_of(path: &Path) -> Option<NaiveDate> {
    if path.extension()? != "planwright" {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let (_, day) = stem.rsplit_once(' ')?;
    NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()
}

/// Whether a backup of `today` is still to be taken.
pub fn due(folder: &Path, today: NaiveDate) -> bool {
    list(folder).first().is_none_or(|b| b.day < today)
}

/// Copies the workspace at `source` into `folder` as today's backup (replacing one
/// taken earlier today), then removes all but the newest [`KEEP`]. `keep_going`
/// reports progress and may cancel, as in [`super::save_copy`]. Returns the new
/// backup, or `None` when cancelled.
pub fn take(
    source: &Path,
    folder: &Path,
    today: NaiveDate,
    keep_going: impl FnMut(u64, u64) -> bool,
) -> StoreResult<Option<PathBuf>> {
    std::fs::create_dir_all(folder).map_err(|source| StoreError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    let dest = folder.join(format!(
        "{} {}.planwright",
        stem_of(source),
        today.format("%Y-%m-%d")
    ));
    if !super::save_copy(source, &dest, keep_going)? {
        return Ok(None);
    }
    prune(folder, KEEP)?;
    Ok(Some(dest))
}

/// Copies the workspace at `source` into `folder` as it is just before a restore
/// replaces it (`NAME before-restore-HHMMSS YYYY-MM-DD.planwright`), so the restore
/// itself can be restored back. Nothing is pruned here: the backup being restored
/// may be the oldest kept.
pub fn keep_before_restore(
    source: &Path,
    folder: &Path,
    now: &chrono::DateTime<chrono::Local>,
) -> StoreResult<PathBuf> {
    std::fs::create_dir_all(folder).map_err(|source| StoreError::Io {
        path: folder.to_path_buf(),
        source,
    })?;
    // Never over a file already there: it may be the backup about to be restored.
    let name = |n: u32| {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        folder.join(format!(
            "{} before-restore-{}{suffix} {}.planwright",
            stem_of(source),
            now.format("%H%M%S"),
            now.format("%Y-%m-%d")
        ))
    };
    let dest = (0..)
        .map(name)
        .find(|p| !p.exists())
        .unwrap_or_else(|| name(u32::MAX));
    super::save_copy(source, &dest, |_, _| true)?;
    Ok(dest)
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "workspace".to_owned())
}

/// Removes all but the newest `keep` backups in `folder`.
pub fn prune(folder: &Path, keep: usize) -> StoreResult<()> {
    for old in list(folder).into_iter().skip(keep) {
        std::fs::remove_file(&old.path).map_err(|source| StoreError::Io {
            path: old.path.clone(),
            source,
        })?;
    }
    Ok(())
}

/// Checks that `backup` is a whole, readable workspace before anything is replaced
/// with it: its header, then SQLite's own integrity check.
pub fn verify(backup: &Path) -> StoreResult<()> {
    file_check::inspect(backup)?;
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(backup, flags).at(backup)?;
    let verdict: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .at(backup)?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Damaged {
            path: backup.to_path_buf(),
            why: verdict,
        })
    }
}

impl Workspace {
    /// Replaces everything in this workspace with the backup at `backup`, in one step
    /// (SQLite's backup API into the open connection: other readers see the old file
    /// or the new one, never a mix). The caller keeps a backup of the state before and
    /// reopens the workspace, which upgrades an older backup's schema.
    pub fn restore_from(&mut self, backup: &Path) -> StoreResult<()> {
        if self.writer.is_none() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        verify(backup)?;
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                backup,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .at(&self.path)?;
        self.plan_cache = None;
        self.revision += 1;
        self.quality_stamp = self.revision;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::model::{Change, ProjectFields};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn add_project(ws: &mut Workspace, name: &str) {
        let fields = ProjectFields {
            name: name.into(),
            start_date: day("2026-12-01"),
            calendar: crate::model::CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        };
        ws.apply(Change::CreateProject(fields)).unwrap();
    }

    #[test]
    fn a_backup_a_day_and_only_the_newest_seven_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("计划.planwright");
        let mut ws = Workspace::create(&path).unwrap();
        add_project(&mut ws, "A");
        let folder = backup_folder(&dir.path().join("backups"), &path);
        assert!(due(&folder, day("2026-12-01")));
        for d in 1..=9 {
            let today = day(&format!("2026-12-{d:02}"));
            let made = take(&path, &folder, today, |_, _| true).unwrap().unwrap();
            assert!(made.ends_with(format!("计划 2026-12-{d:02}.planwright")));
            assert!(!due(&folder, today));
        }
        // Taken again the same day: replaced, not added.
        take(&path, &folder, day("2026-12-09"), |_, _| true).unwrap();
        let kept = list(&folder);
        assert_eq!(kept.len(), KEEP);
        assert_eq!(kept[0].day, day("2026-12-09"));
        assert_eq!(kept[KEEP - 1].day, day("2026-12-03"));
        assert!(due(&folder, day("2026-12-10")));
        // Another file of the same name elsewhere keeps its backups apart.
        std::fs::create_dir(dir.path().join("other")).unwrap();
        let twin = dir.path().join("other").join("计划.planwright");
        std::fs::copy(&path, &twin).unwrap();
        assert_ne!(backup_folder(&dir.path().join("backups"), &twin), folder);
    }

    #[test]
    fn restoring_a_backup_brings_back_what_it_held_and_refuses_a_damaged_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.planwright");
        let mut ws = Workspace::create(&path).unwrap();
        add_project(&mut ws, "kept");
        let folder = dir.path().join("b");
        let backup = take(&path, &folder, day("2026-12-06"), |_, _| true)
            .unwrap()
            .unwrap();
        add_project(&mut ws, "after the backup");
        assert_eq!(ws.projects().unwrap().len(), 2);
        let now = chrono::Local::now();
        let before = keep_before_restore(&path, &folder, &now).unwrap();
        // Listed first among the day's copies, since it is the newest.
        std::fs::rename(
            &before,
            folder.join("w before-restore-235959 2026-12-06.planwright"),
        )
        .unwrap();
        let listed = list(&folder);
        assert_eq!(listed.len(), 2);
        assert!(listed[0].path.to_string_lossy().contains("before-restore"));

        let before = ws.revision();
        ws.restore_from(&backup).unwrap();
        assert!(ws.revision() > before);
        let names: Vec<String> = ws
            .projects()
            .unwrap()
            .into_iter()
            .map(|p| p.fields.name)
            .collect();
        assert_eq!(names, ["kept"]);
        drop(ws);
        let ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.projects().unwrap().len(), 1);
        drop(ws);

        // A truncated copy is refused and the workspace is left as it was.
        let bad = dir.path().join("bad 2026-12-05.planwright");
        let bytes = std::fs::read(&backup).unwrap();
        std::fs::write(&bad, &bytes[..bytes.len() / 2]).unwrap();
        let mut ws = Workspace::open(&path).unwrap();
        let err = ws.restore_from(&bad).unwrap_err();
        assert!(
            err.to_string().contains("bad 2026-12-05.planwright"),
            "{err}"
        );
        assert_eq!(ws.projects().unwrap().len(), 1);
    }

    #[test]
    fn files_that_are_not_backups_are_not_listed_or_pruned() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes"), "x").unwrap();
        std::fs::write(dir.path().join("x 2026-13-01.planwright"), "x").unwrap();
        std::fs::write(dir.path().join("x 2026-12-01.planwright"), "x").unwrap();
        assert_eq!(list(dir.path()).len(), 1);
        prune(dir.path(), 0).unwrap();
        assert!(dir.path().join("notes").exists());
        assert!(list(dir.path()).is_empty());
    }
}
