//! The issue log, the decision record and the change requests in SQL: a table each (so
//! each numbers its entries, never reusing a number), the fields as JSON.

use rusqlite::{Connection, OptionalExtension};

use crate::model::ProjectId;
use crate::model::logs::{LogEntry, LogFields, LogId, LogKind};

fn table(kind: LogKind) -> &'static str {
    match kind {
        LogKind::Issue => "issues",
        LogKind::Decision => "decisions",
        LogKind::Change => "change_requests",
    }
}

fn entry_row(kind: LogKind, row: &rusqlite::Row<'_>) -> rusqlite::Result<LogEntry> {
    let fields: String = row.get(2)?;
    Ok(LogEntry {
        id: LogId {
            kind,
            n: row.get(0)?,
        },
        project: row.get::<_, Option<i64>>(1)?.map(ProjectId),
        fields: serde_json::from_str::<LogFields>(&fields).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?,
    })
}

/// Every entry of a log, by number.
pub(super) fn entries(conn: &Connection, kind: LogKind) -> rusqlite::Result<Vec<LogEntry>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, project_id, fields FROM {} ORDER BY id",
        table(kind)
    ))?;
    stmt.query_map([], |r| entry_row(kind, r))?.collect()
}

pub(super) fn entry(conn: &Connection, id: LogId) -> rusqlite::Result<Option<LogEntry>> {
    conn.query_row(
        &format!(
            "SELECT id, project_id, fields FROM {} WHERE id = ?1",
            table(id.kind)
        ),
        [id.n],
        |r| entry_row(id.kind, r),
    )
    .optional()
}

/// The next number of a log: numbers are never reused, so undoing a delete brings the
/// same key back.
pub(super) fn next_id(conn: &Connection, kind: LogKind) -> rusqlite::Result<LogId> {
    let t = table(kind);
    conn.query_row(
        &format!(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{t}'), 0),
                        COALESCE((SELECT MAX(id) FROM {t}), 0)) + 1"
        ),
        [],
        |r| r.get(0),
    )
    .map(|n| LogId { kind, n })
}

/// Writes an entry as it is after an edit (`None`: deleted).
pub(super) fn put_entry(
    conn: &Connection,
    id: LogId,
    after: Option<&LogEntry>,
) -> rusqlite::Result<()> {
    let t = table(id.kind);
    conn.execute(&format!("DELETE FROM {t} WHERE id = ?1"), [id.n])?;
    if let Some(e) = after {
        let json = serde_json::to_string(&e.fields)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute(
            &format!("INSERT INTO {t} (id, project_id, fields) VALUES (?1, ?2, ?3)"),
            rusqlite::params![e.id.n, e.project.map(|p| p.0), json],
        )?;
    }
    Ok(())
}
