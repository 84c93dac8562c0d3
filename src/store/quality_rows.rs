//! Test suites, cases, runs (with their results) and defects in SQL: a table each, the
//! item as JSON, numbers never reused.

use rusqlite::{Connection, OptionalExtension};

use crate::model::quality::{QualityData, QualityItem, QualityKey};

fn table(key: QualityKey) -> (&'static str, i64) {
    match key {
        QualityKey::Suite(n) => ("test_suites", n),
        QualityKey::Case(n) => ("test_cases", n),
        QualityKey::Run(n) => ("test_runs", n),
        QualityKey::Defect(n) => ("defects", n),
    }
}

fn items(conn: &Connection, table: &str) -> rusqlite::Result<Vec<QualityItem>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT fields FROM {table} ORDER BY id"))?;
    stmt.query_map([], |r| {
        let json: String = r.get(0)?;
        serde_json::from_str::<QualityItem>(&json).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })?
    .collect()
}

/// Everything, each kind by number.
pub(super) fn all(conn: &Connection) -> rusqlite::Result<QualityData> {
    let mut out = QualityData::default();
    for t in ["test_suites", "test_cases", "test_runs", "defects"] {
        for item in items(conn, t)? {
            match item {
                QualityItem::Suite(x) => out.suites.push(x),
                QualityItem::Case(x) => out.cases.push(x),
                QualityItem::Run(x) => out.runs.push(x),
                QualityItem::Defect(x) => out.defects.push(x),
            }
        }
    }
    Ok(out)
}

pub(super) fn item(conn: &Connection, key: QualityKey) -> rusqlite::Result<Option<QualityItem>> {
    let (t, n) = table(key);
    conn.query_row(&format!("SELECT fields FROM {t} WHERE id = ?1"), [n], |r| {
        let json: String = r.get(0)?;
        serde_json::from_str::<QualityItem>(&json).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .optional()
}

/// The next number of a kind (`key`'s number is ignored): never reused.
pub(super) fn next_number(conn: &Connection, key: QualityKey) -> rusqlite::Result<i64> {
    let (t, _) = table(key);
    conn.query_row(
        &format!(
            "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{t}'), 0),
                        COALESCE((SELECT MAX(id) FROM {t}), 0)) + 1"
        ),
        [],
        |r| r.get(0),
    )
}

/// Writes an item as it is after an edit (`None`: deleted).
pub(super) fn put_item(
    conn: &Connection,
    key: QualityKey,
    after: Option<&QualityItem>,
) -> rusqlite::Result<()> {
    let (t, n) = table(key);
    conn.execute(&format!("DELETE FROM {t} WHERE id = ?1"), [n])?;
    if let Some(item) = after {
        let json = serde_json::to_string(item)
            .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        conn.execute(
            &format!("INSERT INTO {t} (id, fields) VALUES (?1, ?2)"),
            rusqlite::params![n, json],
        )?;
    }
    Ok(())
}
