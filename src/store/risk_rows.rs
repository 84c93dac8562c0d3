//! The risk register in SQL: a row per risk, its fields as JSON.

use rusqlite::{Connection, OptionalExtension};

use crate::model::risk::{Risk, RiskFields, RiskId};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn risk_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Risk> {
    let fields: String = row.get(1)?;
    Ok(Risk {
        id: RiskId(row.get(0)?),
        fields: serde_json::from_str::<RiskFields>(&fields).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
        })?,
    })
}

/// Every risk, by id.
pub(super) fn risks(conn: &Connection) -> rusqlite::Result<Vec<Risk>> {
    let mut stmt = conn.prepare_cached("SELECT id, fields FROM risks ORDER BY id")?;
    stmt.query_map([], risk_row)?.collect()
}

pub(super) fn risk(conn: &Connection, id: RiskId) -> rusqlite::Result<Option<Risk>> {
    conn.query_row(
        "SELECT id, fields FROM risks WHERE id = ?1",
        [id.0],
        risk_row,
    )
    .optional()
}

/// Ids are never reused, so undoing a delete brings the same key back.
pub(super) fn next_id(conn: &Connection) -> rusqlite::Result<RiskId> {
    conn.query_row(
        "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'risks'), 0),
                    COALESCE((SELECT MAX(id) FROM risks), 0)) + 1",
        [],
        |r| r.get(0),
    )
    .map(RiskId)
}

/// Writes a risk as it is after an edit (`None`: deleted).
pub(super) fn put_risk(
    conn: &Connection,
    id: RiskId,
    after: Option<&Risk>,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM risks WHERE id = ?1", [id.0])?;
    if let Some(r) = after {
        conn.execute(
            "INSERT INTO risks (id, project_id, fields) VALUES (?1, ?2, ?3)",
            rusqlite::params![
                r.id.0,
                r.fields.project.map(|p| p.0),
                serde_json::to_string(&r.fields).map_err(json_error)?
            ],
        )?;
    }
    Ok(())
}
