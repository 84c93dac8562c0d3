//! Rows of published reports, and the settings that hold report drafts and templates.

use rusqlite::{Connection, OptionalExtension};

use crate::model::ProjectId;
use crate::model::report::{ReportKey, ReportSnapshot};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

const COLUMNS: &str = "id, kind, subject, period_from, period_to, project_id, published_at,
    published_by, lang, status, facts, document";

fn snapshot(row: &rusqlite::Row<'_>) -> rusqlite::Result<ReportSnapshot> {
    let date = |i: usize| -> rusqlite::Result<chrono::NaiveDate> {
        let s: String = row.get(i)?;
        chrono::NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let json = |i: usize| -> rusqlite::Result<serde_json::Value> {
        let s: String = row.get(i)?;
        serde_json::from_str(&s).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let published: String = row.get(6)?;
    Ok(ReportSnapshot {
        id: row.get(0)?,
        key: ReportKey {
            kind: row.get(1)?,
            subject: row.get(2)?,
            from: date(3)?,
            to: date(4)?,
        },
        project: row.get::<_, Option<i64>>(5)?.map(ProjectId),
        published_at: chrono::NaiveDateTime::parse_from_str(&published, "%Y-%m-%dT%H:%M:%S")
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    6,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?,
        published_by: row.get(7)?,
        lang: row.get(8)?,
        status: row.get(9)?,
        facts: json(10)?,
        document: json(11)?,
    })
}

/// Every published report, oldest period first (then by id).
pub(super) fn snapshots(conn: &Connection) -> rusqlite::Result<Vec<ReportSnapshot>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM report_snapshots ORDER BY period_to, id"
    ))?;
    stmt.query_map([], snapshot)?.collect()
}

pub(super) fn snapshot_by_id(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Option<ReportSnapshot>> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM report_snapshots WHERE id = ?1"),
        [id],
        snapshot,
    )
    .optional()
}

pub(super) fn next_snapshot_id(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(MAX(id), 0) + 1 FROM report_snapshots",
        [],
        |r| r.get(0),
    )
}

/// Writes a snapshot as it is after an edit (`None`: removed).
pub(super) fn put_snapshot(
    conn: &Connection,
    id: i64,
    after: Option<&ReportSnapshot>,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM report_snapshots WHERE id = ?1", [id])?;
    if let Some(s) = after {
        conn.execute(
            &format!(
                "INSERT INTO report_snapshots ({COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            ),
            rusqlite::params![
                s.id,
                s.key.kind,
                s.key.subject,
                s.key.from.to_string(),
                s.key.to.to_string(),
                s.project.map(|p| p.0),
                s.published_at.format("%Y-%m-%dT%H:%M:%S").to_string(),
                s.published_by,
                s.lang,
                s.status,
                serde_json::to_string(&s.facts).map_err(json_error)?,
                serde_json::to_string(&s.document).map_err(json_error)?,
            ],
        )?;
    }
    Ok(())
}

pub(super) fn setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
        r.get(0)
    })
    .optional()
}

pub(super) fn set_setting(
    conn: &Connection,
    key: &str,
    value: Option<&str>,
) -> rusqlite::Result<()> {
    match value {
        Some(v) => conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, v],
        )?,
        None => conn.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}
