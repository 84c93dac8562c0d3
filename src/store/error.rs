//! Errors of the workspace file. Each names the file it is about.

use std::path::PathBuf;

use crate::model::ProjectProblem;

/// Why a workspace could not be opened, created or changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: no such file")]
    Missing { path: PathBuf },
    #[error("{path}: the file is empty, not a Planwright workspace")]
    Empty { path: PathBuf },
    #[error("{path}: not a Planwright workspace (not an SQLite database)")]
    NotSqlite { path: PathBuf },
    #[error(
        "{path}: an SQLite database of another program (application_id {app_id:#010x}), not a Planwright workspace"
    )]
    OtherApplication { path: PathBuf, app_id: u32 },
    #[error(
        "{path}: the workspace is truncated or damaged ({actual} bytes on disk, its header says {expected})"
    )]
    Truncated {
        path: PathBuf,
        expected: u64,
        actual: u64,
    },
    #[error("{path}: the workspace is damaged (SQLite's integrity check: {why})")]
    Damaged { path: PathBuf, why: String },
    #[error(
        "{path}: made by a newer Planwright (schema version {found}; this version reads up to {supported})"
    )]
    NewerVersion {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error("{path}: already exists")]
    AlreadyExists { path: PathBuf },
    #[error("{path}: opened read-only because another Planwright window or process has it open")]
    ReadOnly { path: PathBuf },
    #[error(
        "{path}: needs an upgrade to schema version {to}, but another process has it open; close it and try again"
    )]
    UpgradeWhileLocked { path: PathBuf, to: u32 },
    #[error(
        "{path}: schema version {found} needs an upgrade to {to}; open it once in Planwright (a backup copy is kept)"
    )]
    NeedsUpgrade { path: PathBuf, found: u32, to: u32 },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: schema upgrade failed: {source}")]
    Migration {
        path: PathBuf,
        #[source]
        source: rusqlite_migration::Error,
    },
    #[error("{path}: the edit log holds an entry this version cannot read (#{seq}): {source}")]
    CorruptLog {
        path: PathBuf,
        seq: i64,
        #[source]
        source: serde_json::Error,
    },
    #[error("could not record the edit in the history: {0}")]
    EncodeEdit(#[source] serde_json::Error),
    #[error("{0}")]
    Project(#[from] ProjectProblem),
    #[error("{0}")]
    Research(#[from] crate::model::research::ResearchProblem),
    #[error("{0}")]
    Kind(#[from] crate::model::survey_kind::KindProblem),
    #[error("{0}")]
    Settings(#[from] crate::model::pool_settings::SettingsProblem),
    #[error("{0}")]
    Report(#[from] crate::model::report::ReportProblem),
    #[error("{0}")]
    Risk(#[from] crate::model::risk::RiskProblem),
    #[error("{0}")]
    Log(#[from] crate::model::logs::LogProblem),
    #[error("{0}")]
    Quality(#[from] crate::model::quality::QualityProblem),
    #[error("{0} no longer exists")]
    Gone(String),
    #[error("the plan is not consistent: {0}")]
    InvalidPlan(String),
    /// A request beyond what this machine should be asked for (a simulation too big).
    #[error("{0}")]
    TooLarge(String),
    #[error("the dependencies form a cycle: {}", .0.join(" → "))]
    Cycle(Vec<String>),
    #[error("the project's calendar has no working time, so nothing can be scheduled")]
    NoWorkingTime,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
}

/// Shorthand for results of the store.
pub type StoreResult<T> = Result<T, StoreError>;

/// Attaches the workspace path to SQLite errors.
/// The error of a statement run in `tx`, naming the workspace file.
pub(crate) fn sql(e: rusqlite::Error, tx: &rusqlite::Transaction<'_>) -> StoreError {
    StoreError::Sqlite {
        path: tx.path().map(Into::into).unwrap_or_default(),
        source: e,
    }
}

pub(crate) trait SqliteContext<T> {
    fn at(self, path: &std::path::Path) -> StoreResult<T>;
}

impl<T> SqliteContext<T> for Result<T, rusqlite::Error> {
    fn at(self, path: &std::path::Path) -> StoreResult<T> {
        self.map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })
    }
}
