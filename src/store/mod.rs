//! The workspace file: one SQLite database holding any number of projects.
//!
//! Every change goes through [`Workspace::apply`], which resolves a [`Change`] into an
//! [`Edit`], applies it in one transaction and logs it with its inverse; undo and redo
//! walk that log. When a call returns, its edit is on disk (`synchronous = FULL`).

mod apply;
pub mod backup;
mod error;
pub mod file_check;
pub mod lock;
mod log_edits;
mod log_rows;
mod plan_rows;
mod quality_rows;
pub(crate) mod queries;
mod report_rows;
mod requirement_edits;
mod requirement_rows;
mod research_edits;
mod research_rows;
mod risk_rows;
pub mod schema;
mod seed;
mod survey_rows;
mod task_edits;
mod write;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use error::SqliteContext;
pub use error::{StoreError, StoreResult};
pub use queries::{EntityCount, RecentEdit};
pub use survey_rows::SurveySummary;

use crate::model::{Change, Edit};
use lock::WriterLock;

/// An open workspace file.
pub struct Workspace {
    conn: Connection,
    path: PathBuf,
    /// Held while we may write; `None` means the workspace is open read-only.
    writer: Option<WriterLock>,
    /// Bumped on every change, ours or (see [`Workspace::notice_outside_changes`]) another
    /// process's; views rebuild their model only when it moves.
    revision: u64,
    /// The revision of the last change to test cases, runs, defects or the gate (ours
    /// or another process's): the Quality page reads them again only when it moves.
    quality_stamp: u64,
    data_version: i64,
    /// The plan last rescheduled, kept in step with our own edits (see
    /// [`crate::model::plan::Plan::follow`]) so editing one task of a big plan does not
    /// read the whole plan again.
    plan_cache: PlanCache,
    /// Who makes the edits of this session (the account's name), kept with each edit so
    /// reports can say who changed what.
    author: String,
}

/// A project's plan as the store holds it, kept in memory in step with our edits, with
/// its last schedule.
#[derive(Debug)]
pub(crate) struct KeptPlan {
    pub(crate) project: crate::model::ProjectId,
    pub(crate) plan: crate::model::plan::Plan,
    /// The last schedule: the next reschedule redoes only what changed since.
    pub(crate) memo: Option<crate::model::plan::PlanMemo>,
    /// Whether `memo` is the schedule of `plan` as it is now (no edit since, but the
    /// dates its own reschedule wrote).
    pub(crate) current: bool,
}

/// The plan kept in memory, if any.
pub(crate) type PlanCache = Option<KeptPlan>;

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("path", &self.path)
            .field("read_only", &self.is_read_only())
            .field("revision", &self.revision)
            .finish()
    }
}

/// The current local time as stored in the workspace.
pub(crate) fn now_local() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn configure(conn: &Connection, path: &Path) -> StoreResult<()> {
    conn.pragma_update(None, "foreign_keys", true).at(path)?;
    // FULL: a commit is on disk when it returns, so a killed process loses no
    // acknowledged edit.
    conn.pragma_update(None, "synchronous", "FULL").at(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .at(path)?;
    Ok(())
}

/// Makes SQLite roll back a hot journal: any read does, before it reads.
fn roll_back_hot_journal(conn: &Connection, path: &Path) -> StoreResult<()> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })
    .at(path)?;
    Ok(())
}

fn data_version(conn: &Connection, path: &Path) -> StoreResult<i64> {
    conn.query_row("PRAGMA data_version", [], |r| r.get(0))
        .at(path)
}

/// The account's name as the operating system gives it (empty when it does not).
pub fn account_name() -> String {
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
}

impl Workspace {
    /// Creates a new, empty workspace. Refuses to overwrite an existing file.
    pub fn create(path: &Path) -> StoreResult<Workspace> {
        Self::create_with(path, |_| Ok(()))
    }

    /// Builds the file under a temporary name beside the target and renames it into
    /// place, so a failure never leaves a half-made workspace behind.
    fn create_with(
        path: &Path,
        fill: impl FnOnce(&rusqlite::Transaction<'_>) -> StoreResult<()>,
    ) -> StoreResult<Workspace> {
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        let staging = staging_file_beside(path, ".planwright-new-")?;
        {
            let mut conn = Connection::open(staging.path()).at(path)?;
            conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
                .at(path)?;
            configure(&conn, path)?;
            schema::migrations()
                .to_latest(&mut conn)
                .map_err(|source| StoreError::Migration {
                    path: path.to_path_buf(),
                    source,
                })?;
            let tx = conn.transaction().at(path)?;
            fill(&tx)?;
            tx.commit().at(path)?;
        }
        if path.exists() {
            return Err(StoreError::AlreadyExists {
                path: path.to_path_buf(),
            });
        }
        persist(staging, path)?;
        Self::open(path)
    }

    /// Opens a workspace for writing, or read-only when another process already has it.
    /// A file from an older schema is backed up (`NAME.vN.bak`) and upgraded first.
    pub fn open(path: &Path) -> StoreResult<Workspace> {
        let header = file_check::inspect(path)?;
        let Some(writer) = WriterLock::try_acquire(path) else {
            if header.schema_version < schema::LATEST_VERSION {
                return Err(StoreError::UpgradeWhileLocked {
                    path: path.to_path_buf(),
                    to: schema::LATEST_VERSION,
                });
            }
            return Self::open_read_only(path);
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let mut conn = Connection::open_with_flags(path, flags).at(path)?;
        configure(&conn, path)?;
        // A writer killed mid-transaction left a hot journal: the first read rolls it
        // back (we hold the writer lock, so nobody else is in a transaction), and only
        // then does the header say what the file really is.
        let header = if file_check::has_journal(path) {
            roll_back_hot_journal(&conn, path)?;
            file_check::inspect(path)?
        } else {
            header
        };
        if header.schema_version < schema::LATEST_VERSION {
            let backup = backup_path(path, header.schema_version);
            conn.backup(rusqlite::MAIN_DB, &backup, None).at(path)?;
            schema::migrations()
                .to_latest(&mut conn)
                .map_err(|source| StoreError::Migration {
                    path: path.to_path_buf(),
                    source,
                })?;
        }
        let data_version = data_version(&conn, path)?;
        Ok(Workspace {
            author: account_name(),
            conn,
            path: path.to_path_buf(),
            writer: Some(writer),
            revision: 1,
            quality_stamp: 1,
            data_version,
            plan_cache: None,
        })
    }

    /// Opens a workspace without writing user data to it (no upgrade). What a killed
    /// writer left is tidied first when no live writer holds the file: its lock file
    /// is removed and its hot journal rolled back (a read-only connection cannot).
    pub fn open_read_only(path: &Path) -> StoreResult<Workspace> {
        let mut header = file_check::inspect(path)?;
        let journal = file_check::has_journal(path);
        if (journal || lock::lock_path(path).exists())
            && let Some(_writer) = WriterLock::try_acquire(path)
            && journal
        {
            let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            let conn = Connection::open_with_flags(path, flags).at(path)?;
            configure(&conn, path)?;
            roll_back_hot_journal(&conn, path)?;
            drop(conn);
            header = file_check::inspect(path)?;
        }
        if header.schema_version < schema::LATEST_VERSION {
            // An old file would need an upgrade first; reading it with today's queries
            // could fail half-way, so ask for a writable open instead.
            return Err(StoreError::NeedsUpgrade {
                path: path.to_path_buf(),
                found: header.schema_version,
                to: schema::LATEST_VERSION,
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).at(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .at(path)?;
        let data_version = data_version(&conn, path)?;
        Ok(Workspace {
            author: account_name(),
            conn,
            path: path.to_path_buf(),
            writer: None,
            revision: 1,
            quality_stamp: 1,
            data_version,
            plan_cache: None,
        })
    }

    /// Whether a plan is kept in memory for the next reschedule (for tests).
    #[cfg(test)]
    pub(crate) fn keeps_plan_of(&self) -> Option<crate::model::ProjectId> {
        self.plan_cache.as_ref().map(|k| k.project)
    }

    /// The file this workspace lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// True when another process holds the workspace and we may only read.
    pub fn is_read_only(&self) -> bool {
        self.writer.is_none()
    }

    /// Moves whenever the content changes; compare to decide whether to rebuild views.
    /// Record later edits as made by `name` (the account's name by default).
    pub fn set_author(&mut self, name: &str) {
        self.author = name.trim().to_owned();
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// The revision of the last change to the quality data (cases, runs, defects, the
    /// readiness gate).
    pub fn quality_stamp(&self) -> u64 {
        self.quality_stamp
    }

    /// Picks up commits made by another process on the same file. Cheap: one pragma.
    /// Returns true when the content changed.
    pub fn notice_outside_changes(&mut self) -> StoreResult<bool> {
        let now = data_version(&self.conn, &self.path)?;
        if now != self.data_version {
            self.data_version = now;
            self.revision += 1;
            self.quality_stamp = self.revision;
            return Ok(true);
        }
        Ok(false)
    }

    fn ensure_writable(&self) -> StoreResult<()> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    /// Applies one change as one undoable edit, durably. Clears the redo history.
    pub fn apply(&mut self, change: Change) -> StoreResult<Edit> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        // Rows that refer to each other (a project and the calendar it brought) are
        // written in one go; references are checked at commit.
        tx.pragma_update(None, "defer_foreign_keys", true)
            .at(&path)?;
        // Several changes at once are resolved one after the other against the state
        // the previous ones left, and logged as one step.
        // Until the commit, the kept plan may hold what is rolled back.
        let mut cache = self.plan_cache.take();
        let edit = match change {
            many @ Change::Many(_) => {
                let mut edits = Vec::new();
                resolve_and_apply(&tx, many, &mut edits, &mut cache)?;
                Edit::Batch { edits }
            }
            single => {
                let mut edits = Vec::new();
                resolve_and_apply(&tx, single, &mut edits, &mut cache)?;
                match edits.len() {
                    1 => edits.remove(0),
                    // A no-op (nothing was applied), or a change made of several
                    // (implementing a change request).
                    _ => Edit::Batch { edits },
                }
            }
        };
        if edit.is_noop() {
            // Nothing changed, nothing to undo: no history entry. Nothing was written
            // either, so a plan read meanwhile is still right.
            self.plan_cache = cache;
            return Ok(edit);
        }
        let forward = serde_json::to_string(&edit).map_err(StoreError::EncodeEdit)?;
        let inverse = serde_json::to_string(&edit.inverse()).map_err(StoreError::EncodeEdit)?;
        tx.execute("DELETE FROM edit_log WHERE undone = 1", [])
            .at(&path)?;
        tx.execute(
            "INSERT INTO edit_log (applied_at, forward, inverse, author)
             VALUES (?1, ?2, ?3, ?4)",
            (now_local(), forward, inverse, &self.author),
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        self.plan_cache = cache;
        self.after_commit(&edit)?;
        Ok(edit)
    }

    /// Undoes the latest edit that is not undone yet; returns that edit.
    pub fn undo(&mut self) -> StoreResult<Edit> {
        self.step_history(Direction::Undo)
    }

    /// Redoes the earliest undone edit; returns that edit.
    pub fn redo(&mut self) -> StoreResult<Edit> {
        self.step_history(Direction::Redo)
    }

    fn step_history(&mut self, direction: Direction) -> StoreResult<Edit> {
        self.ensure_writable()?;
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        tx.pragma_update(None, "defer_foreign_keys", true)
            .at(&path)?;
        let (seq, edit) = read_history_entry(&tx, &path, direction)?.ok_or(match direction {
            Direction::Undo => StoreError::NothingToUndo,
            Direction::Redo => StoreError::NothingToRedo,
        })?;
        let step = match direction {
            Direction::Undo => edit.inverse(),
            Direction::Redo => edit.clone(),
        };
        let mut cache = self.plan_cache.take();
        write::apply_edit(&tx, &step)?;
        follow(&mut cache, &step);
        tx.execute(
            "UPDATE edit_log SET undone = ?1 WHERE seq = ?2",
            (matches!(direction, Direction::Undo), seq),
        )
        .at(&path)?;
        tx.commit().at(&path)?;
        self.plan_cache = cache;
        self.after_commit(&edit)?;
        Ok(edit)
    }

    /// The edit that Undo would take back, if any.
    pub fn next_undo(&self) -> StoreResult<Option<Edit>> {
        Ok(read_history_entry(&self.conn, &self.path, Direction::Undo)?.map(|(_, e)| e))
    }

    /// The edit that Redo would apply again, if any.
    pub fn next_redo(&self) -> StoreResult<Option<Edit>> {
        Ok(read_history_entry(&self.conn, &self.path, Direction::Redo)?.map(|(_, e)| e))
    }

    fn after_commit(&mut self, edit: &Edit) -> StoreResult<()> {
        self.revision += 1;
        if edit.touches_quality() {
            self.quality_stamp = self.revision;
        }
        // Our own commit moves data_version too only for other connections; keep ours
        // in step so it is not mistaken for an outside change.
        self.data_version = data_version(&self.conn, &self.path)?;
        Ok(())
    }
}

/// An approved change request's plan changes applied one after the other (a new task
/// first, then its links), the request marked implemented, the plan rescheduled.
fn implement_change_request(
    tx: &rusqlite::Transaction<'_>,
    id: crate::model::logs::LogId,
    edits: &mut Vec<Edit>,
    cache: &mut PlanCache,
) -> StoreResult<()> {
    use crate::model::logs::ProposedChange;
    use crate::model::schedule::LinkKind;
    use crate::model::{TaskFields, TimeUnit};
    let today = chrono::Local::now().date_naive();
    let (project, steps, done) = log_edits::implementation(tx, id, today)?;
    let link = |predecessor, successor| Change::Link {
        predecessor,
        successor,
        kind: LinkKind::FinishToStart,
        lag: 0,
        lag_unit: TimeUnit::Days,
    };
    for step in steps {
        match step {
            ProposedChange::Duration { task, minutes } => {
                let mut fields = plan_rows::task(tx, task)
                    .map_err(|e| error::sql(e, tx))?
                    .ok_or_else(|| StoreError::InvalidPlan(format!("task {} is gone", task.0)))?
                    .fields;
                fields.duration_minutes = minutes;
                resolve_and_apply(tx, Change::UpdateTask { id: task, fields }, edits, cache)?;
            }
            ProposedChange::NewTask {
                name,
                minutes,
                after,
                before,
            } => {
                let from = edits.len();
                let fields = TaskFields {
                    name,
                    duration_minutes: minutes,
                    milestone: minutes == 0,
                    ..TaskFields::default()
                };
                resolve_and_apply(
                    tx,
                    Change::AddTask {
                        project,
                        after,
                        fields,
                    },
                    edits,
                    cache,
                )?;
                let new = edits[from..]
                    .iter()
                    .find_map(requirement_edits::inserted_task)
                    .ok_or_else(|| StoreError::InvalidPlan("the new task was not added".into()))?;
                if let Some(a) = after {
                    resolve_and_apply(tx, link(a, new), edits, cache)?;
                }
                if let Some(b) = before {
                    resolve_and_apply(tx, link(new, b), edits, cache)?;
                }
            }
            ProposedChange::Link {
                predecessor,
                successor,
            } => resolve_and_apply(tx, link(predecessor, successor), edits, cache)?,
        }
    }
    resolve_and_apply(tx, done, edits, cache)?;
    resolve_and_apply(tx, Change::Reschedule(project), edits, cache)
}

/// Resolves and applies a change, groups of changes (nested too) one after the other,
/// collecting the edits that did something.
fn resolve_and_apply(
    tx: &rusqlite::Transaction<'_>,
    change: Change,
    edits: &mut Vec<Edit>,
    cache: &mut PlanCache,
) -> StoreResult<()> {
    match change {
        Change::Many(changes) => {
            for c in changes {
                resolve_and_apply(tx, c, edits, cache)?;
            }
        }
        Change::ImplementChangeRequest(id) => {
            implement_change_request(tx, id, edits, cache)?;
        }
        Change::Reschedule(id) => {
            let e = apply::resolve_reschedule(tx, id, cache)?;
            if !e.is_noop() {
                write::apply_edit(tx, &e)?;
                follow(cache, &e);
                edits.push(e);
            }
            // The dates it wrote are not what schedules non-manual tasks: the kept
            // schedule is still the plan's.
            if let Some(kept) = cache {
                kept.current = kept.project == id && kept.memo.is_some();
            }
        }
        single => {
            let e = apply::resolve(tx, single)?;
            if !e.is_noop() {
                write::apply_edit(tx, &e)?;
                follow(cache, &e);
                edits.push(e);
            }
        }
    }
    Ok(())
}

/// Keeps the plan in memory in step with an edit just applied, or lets it go.
fn follow(cache: &mut PlanCache, edit: &Edit) {
    if let Some(kept) = cache {
        kept.current = false;
        if !kept.plan.follow(kept.project, edit) {
            *cache = None;
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    Undo,
    Redo,
}

/// The log entry undo or redo would use: the newest done edit, or the oldest undone one.
fn read_history_entry(
    conn: &Connection,
    path: &Path,
    direction: Direction,
) -> StoreResult<Option<(i64, Edit)>> {
    let sql = match direction {
        Direction::Undo => {
            "SELECT seq, forward FROM edit_log WHERE undone = 0 ORDER BY seq DESC LIMIT 1"
        }
        Direction::Redo => {
            "SELECT seq, forward FROM edit_log WHERE undone = 1 ORDER BY seq ASC LIMIT 1"
        }
    };
    let row: Option<(i64, String)> = conn
        .query_row(sql, [], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()
        .at(path)?;
    row.map(|(seq, json)| {
        serde_json::from_str::<Edit>(&json)
            .map(|edit| (seq, edit))
            .map_err(|source| StoreError::CorruptLog {
                path: path.to_path_buf(),
                seq,
                source,
            })
    })
    .transpose()
}

/// Where the copy taken before upgrading from `version` goes.
pub fn backup_path(path: &Path, version: u32) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}.bak"));
    PathBuf::from(name)
}

/// Copies a workspace with SQLite's backup API into `dest`, reporting progress as
/// (pages done, pages in all); `keep_going` returning false cancels. The copy is made
/// under a temporary name and renamed into place only when complete.
pub fn save_copy(
    source: &Path,
    dest: &Path,
    mut keep_going: impl FnMut(u64, u64) -> bool,
) -> StoreResult<bool> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let src = Connection::open_with_flags(source, flags).at(source)?;
    src.busy_timeout(std::time::Duration::from_secs(5))
        .at(source)?;
    let staging = staging_file_beside(dest, ".planwright-copy-")?;
    {
        let mut dst = Connection::open(staging.path()).at(dest)?;
        let backup = rusqlite::backup::Backup::new(&src, &mut dst).at(dest)?;
        loop {
            let step = backup.step(256).at(dest)?;
            let p = backup.progress();
            let total = u64::try_from(p.pagecount).unwrap_or(0);
            let left = u64::try_from(p.remaining).unwrap_or(0);
            if !keep_going(total.saturating_sub(left), total) {
                return Ok(false);
            }
            match step {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    }
    persist(staging, dest)?;
    Ok(true)
}

/// A temporary file in the folder `path` will live in, so that renaming it into place
/// is atomic; it is deleted if dropped before [`persist`].
fn staging_file_beside(path: &Path, prefix: &str) -> StoreResult<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(&dir)
        .map_err(|source| StoreError::Io {
            path: path.to_path_buf(),
            source,
        })
}

/// Renames a finished staging file to `path`.
fn persist(staging: tempfile::NamedTempFile, path: &Path) -> StoreResult<()> {
    staging.persist(path).map(drop).map_err(|e| StoreError::Io {
        path: path.to_path_buf(),
        source: e.error,
    })
}

#[cfg(test)]
mod tests;
