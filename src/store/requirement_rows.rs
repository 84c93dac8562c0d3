//! Requirements and releases in SQL. A requirement's row holds what it is filtered and
//! joined by (parent, title, status, priority, release); the rest (type, source, owner,
//! tags, acceptance criteria, scores) is one JSON column, so fields can grow without
//! a migration each.

use rusqlite::{Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::model::requirement::{
    Criterion, Release, ReleaseFields, ReleaseId, Requirement, RequirementFields, RequirementId,
    Scores,
};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn read_error(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// The JSON column of a requirement.
#[derive(Default, Serialize, Deserialize)]
#[serde(default)]
struct Details {
    kind: String,
    source: String,
    owner: String,
    tags: Vec<String>,
    acceptance: Vec<Criterion>,
    scores: Scores,
    tasks: Vec<crate::model::TaskId>,
    custom: std::collections::BTreeMap<String, String>,
    created: Option<chrono::NaiveDate>,
    due: Option<chrono::NaiveDate>,
    rank: Option<i64>,
}

const REQUIREMENT_COLUMNS: &str =
    "id, parent_id, title, description, status, priority, release_id, details FROM requirements";

fn requirement_row(row: &Row<'_>) -> rusqlite::Result<Requirement> {
    let details: String = row.get(7)?;
    let d: Details = serde_json::from_str(&details).map_err(|e| read_error(7, e))?;
    Ok(Requirement {
        id: RequirementId(row.get(0)?),
        fields: RequirementFields {
            parent: row.get::<_, Option<i64>>(1)?.map(RequirementId),
            title: row.get(2)?,
            description: row.get(3)?,
            status: row.get(4)?,
            priority: row.get(5)?,
            release: row.get::<_, Option<i64>>(6)?.map(ReleaseId),
            kind: if d.kind.is_empty() {
                "feature".into()
            } else {
                d.kind
            },
            source: d.source,
            owner: d.owner,
            tags: d.tags,
            acceptance: d.acceptance,
            scores: d.scores,
            tasks: d.tasks,
            custom: d.custom,
            created: d.created,
            due: d.due,
            rank: d.rank,
        },
    })
}

/// Every requirement in key order.
pub(super) fn requirements(conn: &Connection) -> rusqlite::Result<Vec<Requirement>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {REQUIREMENT_COLUMNS} ORDER BY id"))?;
    stmt.query_map([], requirement_row)?.collect()
}

pub(super) fn requirement(
    conn: &Connection,
    id: RequirementId,
) -> rusqlite::Result<Option<Requirement>> {
    conn.query_row(
        &format!("SELECT {REQUIREMENT_COLUMNS} WHERE id = ?1"),
        [id.0],
        requirement_row,
    )
    .optional()
}

/// Writes a requirement as `after` says (inserting, replacing or, for `None`, deleting).
pub(super) fn put_requirement(
    conn: &Connection,
    id: RequirementId,
    after: Option<&Requirement>,
) -> rusqlite::Result<()> {
    let Some(r) = after else {
        conn.execute("DELETE FROM requirements WHERE id = ?1", [id.0])?;
        return Ok(());
    };
    let f = &r.fields;
    let details = Details {
        kind: f.kind.clone(),
        source: f.source.clone(),
        owner: f.owner.clone(),
        tags: f.tags.clone(),
        acceptance: f.acceptance.clone(),
        scores: f.scores.clone(),
        tasks: f.tasks.clone(),
        custom: f.custom.clone(),
        created: f.created,
        due: f.due,
        rank: f.rank,
    };
    conn.execute(
        "INSERT INTO requirements (id, parent_id, title, description, status, priority, release_id, details)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET parent_id = ?2, title = ?3, description = ?4,
            status = ?5, priority = ?6, release_id = ?7, details = ?8",
        rusqlite::params![
            r.id.0,
            f.parent.map(|p| p.0),
            f.title,
            f.description,
            f.status,
            f.priority,
            f.release.map(|p| p.0),
            serde_json::to_string(&details).map_err(json_error)?,
        ],
    )?;
    Ok(())
}

/// The pool's settings (the defaults until a workspace sets its own).
pub(super) fn pool_settings(
    conn: &Connection,
) -> rusqlite::Result<crate::model::pool_settings::PoolSettings> {
    let text: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = 'requirement_pool'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    match text {
        Some(t) => serde_json::from_str(&t).map_err(|e| read_error(0, e)),
        None => Ok(crate::model::pool_settings::PoolSettings::default()),
    }
}

pub(super) fn set_pool_settings(
    conn: &Connection,
    settings: &crate::model::pool_settings::PoolSettings,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('requirement_pool', ?1)
         ON CONFLICT (key) DO UPDATE SET value = ?1",
        [serde_json::to_string(settings).map_err(json_error)?],
    )?;
    Ok(())
}

/// Every release, by target date (undated last), then id.
pub(super) fn releases(conn: &Connection) -> rusqlite::Result<Vec<Release>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, version, target, status FROM releases
         ORDER BY target IS NULL, target, id",
    )?;
    stmt.query_map([], release_row)?.collect()
}

fn release_row(row: &Row<'_>) -> rusqlite::Result<Release> {
    Ok(Release {
        id: ReleaseId(row.get(0)?),
        fields: ReleaseFields {
            name: row.get(1)?,
            version: row.get(2)?,
            target: row
                .get::<_, Option<String>>(3)?
                .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                .transpose()
                .map_err(|e| read_error(3, e))?,
            status: row.get(4)?,
        },
    })
}

pub(super) fn release(conn: &Connection, id: ReleaseId) -> rusqlite::Result<Option<Release>> {
    conn.query_row(
        "SELECT id, name, version, target, status FROM releases WHERE id = ?1",
        [id.0],
        release_row,
    )
    .optional()
}

/// Writes a release as `after` says.
pub(super) fn put_release(
    conn: &Connection,
    id: ReleaseId,
    after: Option<&Release>,
) -> rusqlite::Result<()> {
    let Some(r) = after else {
        conn.execute("DELETE FROM releases WHERE id = ?1", [id.0])?;
        return Ok(());
    };
    let f = &r.fields;
    conn.execute(
        "INSERT INTO releases (id, name, version, target, status) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET name = ?2, version = ?3, target = ?4, status = ?5",
        rusqlite::params![
            r.id.0,
            f.name,
            f.version,
            f.target.map(|d| d.format("%Y-%m-%d").to_string()),
            f.status,
        ],
    )?;
    Ok(())
}
