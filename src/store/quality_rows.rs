//! Test suites, cases, runs (with their results) and defects in SQL: a table each, the
//! item as JSON, numbers never reused.

use rusqlite::{Connection, OptionalExtension};

use crate::model::Edit;
use crate::model::quality::{
    Defect, DefectId, QualityData, QualityImport, QualityItem, QualityKey, Suite, SuiteId,
    SuiteRef, TestCase, TestCaseId,
};

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

/// An import as edits: new suites, then cases (new ones numbered after the workspace's,
/// in file order), then defects; an item with a key the workspace has is updated.
pub(super) fn resolve_import(
    tx: &rusqlite::Transaction<'_>,
    import: QualityImport,
) -> crate::store::StoreResult<Edit> {
    let sql = |e| crate::store::error::sql(e, tx);
    let mut edits = Vec::new();
    let first_suite = next_number(tx, QualityKey::Suite(0)).map_err(sql)?;
    let suite_id = |r: SuiteRef| match r {
        SuiteRef::Existing(id) => id,
        SuiteRef::New(i) => SuiteId(first_suite + i as i64),
    };
    for (i, s) in import.suites.iter().enumerate() {
        let item = QualityItem::Suite(Suite {
            id: SuiteId(first_suite + i as i64),
            name: s.name.clone(),
            parent: s.parent.map(suite_id),
        })
        .normalized()?;
        edits.push(Edit::PutQualityItem {
            before: None,
            after: Some(item),
        });
    }
    let mut next_case = next_number(tx, QualityKey::Case(0)).map_err(sql)?;
    for (key, mut fields, suite) in import.cases {
        fields.suite = suite.map(suite_id).or(fields.suite);
        let before = match key {
            Some(id) => item(tx, QualityKey::Case(id.0)).map_err(sql)?,
            None => None,
        };
        let id = match (&before, key) {
            (Some(_), Some(id)) => id,
            _ => {
                next_case += 1;
                TestCaseId(next_case - 1)
            }
        };
        let after = QualityItem::Case(TestCase { id, fields }).normalized()?;
        edits.push(Edit::PutQualityItem {
            before,
            after: Some(after),
        });
    }
    let mut next_defect = next_number(tx, QualityKey::Defect(0)).map_err(sql)?;
    for (key, fields) in import.defects {
        let before = match key {
            Some(id) => item(tx, QualityKey::Defect(id.0)).map_err(sql)?,
            None => None,
        };
        let id = match (&before, key) {
            (Some(_), Some(id)) => id,
            _ => {
                next_defect += 1;
                DefectId(next_defect - 1)
            }
        };
        let after = QualityItem::Defect(Defect { id, fields }).normalized()?;
        edits.push(Edit::PutQualityItem {
            before,
            after: Some(after),
        });
    }
    Ok(Edit::Batch { edits })
}
