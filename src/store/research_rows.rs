//! Research notes, feedback items with their links, and requirements in SQL. Each is
//! written whole from its before/after state, so one function serves do and undo.

use rusqlite::{Connection, OptionalExtension, Row};

use crate::model::research::{
    Feedback, FeedbackFields, FeedbackId, FeedbackLink, NoteFields, NoteId, NoteKind,
    RequirementId, ResearchNote,
};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn read_error(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn json_column<T: serde::de::DeserializeOwned>(row: &Row<'_>, i: usize) -> rusqlite::Result<T> {
    let text: String = row.get(i)?;
    serde_json::from_str(&text).map_err(|e| read_error(i, e))
}

#[derive(Debug, thiserror::Error)]
#[error("unknown note kind \"{0}\"")]
struct UnknownKind(String);

const NOTE_COLUMNS: &str =
    "id, kind, title, held_on, participants, segment, body, tags, quotes FROM research_notes";

fn note_row(row: &Row<'_>) -> rusqlite::Result<ResearchNote> {
    let kind: String = row.get(1)?;
    Ok(ResearchNote {
        id: NoteId(row.get(0)?),
        fields: NoteFields {
            kind: NoteKind::from_code(&kind).ok_or_else(|| read_error(1, UnknownKind(kind)))?,
            title: row.get(2)?,
            date: row
                .get::<_, Option<String>>(3)?
                .map(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"))
                .transpose()
                .map_err(|e| read_error(3, e))?,
            participants: row.get(4)?,
            segment: row.get(5)?,
            text: row.get(6)?,
            tags: json_column(row, 7)?,
            quotes: json_column(row, 8)?,
        },
    })
}

/// Every note, newest first (by date, then by id).
pub(super) fn notes(conn: &Connection) -> rusqlite::Result<Vec<ResearchNote>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {NOTE_COLUMNS} ORDER BY held_on IS NULL, held_on DESC, id DESC"
    ))?;
    stmt.query_map([], note_row)?.collect()
}

pub(super) fn note(conn: &Connection, id: NoteId) -> rusqlite::Result<Option<ResearchNote>> {
    conn.query_row(
        &format!("SELECT {NOTE_COLUMNS} WHERE id = ?1"),
        [id.0],
        note_row,
    )
    .optional()
}

/// Writes a note as `after` says (inserting, replacing or, for `None`, deleting `id`).
pub(super) fn put_note(
    conn: &Connection,
    id: NoteId,
    after: Option<&ResearchNote>,
) -> rusqlite::Result<()> {
    match after {
        None => {
            conn.execute("DELETE FROM research_notes WHERE id = ?1", [id.0])?;
        }
        Some(n) => {
            let f = &n.fields;
            conn.execute(
                "INSERT INTO research_notes (id, kind, title, held_on, participants, segment, body, tags, quotes)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (id) DO UPDATE SET kind = ?2, title = ?3, held_on = ?4,
                    participants = ?5, segment = ?6, body = ?7, tags = ?8, quotes = ?9",
                rusqlite::params![
                    n.id.0,
                    f.kind.code(),
                    f.title,
                    f.date.map(|d| d.format("%Y-%m-%d").to_string()),
                    f.participants,
                    f.segment,
                    f.text,
                    serde_json::to_string(&f.tags).map_err(json_error)?,
                    serde_json::to_string(&f.quotes).map_err(json_error)?,
                ],
            )?;
        }
    }
    Ok(())
}

const FEEDBACK_COLUMNS: &str = "id, text, origin, customer, segment FROM feedback";

fn feedback_row(row: &Row<'_>) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: FeedbackId(row.get(0)?),
        fields: FeedbackFields {
            text: row.get(1)?,
            origin: json_column(row, 2)?,
            customer: row.get(3)?,
            segment: row.get(4)?,
            links: Vec::new(),
        },
    })
}

fn attach_links(conn: &Connection, items: &mut [Feedback]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT feedback_id, requirement_id, importance FROM feedback_links
         ORDER BY feedback_id, rowid",
    )?;
    let by_id: std::collections::HashMap<i64, usize> =
        items.iter().enumerate().map(|(i, f)| (f.id.0, i)).collect();
    let rows = stmt.query_map([], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?, r.get::<_, u8>(2)?))
    })?;
    for row in rows {
        let (f, requirement, importance) = row?;
        if let Some(&i) = by_id.get(&f) {
            items[i].fields.links.push(FeedbackLink {
                requirement: RequirementId(requirement),
                importance,
            });
        }
    }
    Ok(())
}

/// Every feedback item with its links, newest first.
pub(super) fn feedback(conn: &Connection) -> rusqlite::Result<Vec<Feedback>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {FEEDBACK_COLUMNS} ORDER BY id DESC"))?;
    let mut items: Vec<Feedback> = stmt
        .query_map([], feedback_row)?
        .collect::<Result<_, _>>()?;
    attach_links(conn, &mut items)?;
    Ok(items)
}

pub(super) fn feedback_item(
    conn: &Connection,
    id: FeedbackId,
) -> rusqlite::Result<Option<Feedback>> {
    let item = conn
        .query_row(
            &format!("SELECT {FEEDBACK_COLUMNS} WHERE id = ?1"),
            [id.0],
            feedback_row,
        )
        .optional()?;
    let Some(mut item) = item else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT requirement_id, importance FROM feedback_links WHERE feedback_id = ?1 ORDER BY rowid",
    )?;
    item.fields.links = stmt
        .query_map([id.0], |r| {
            Ok(FeedbackLink {
                requirement: RequirementId(r.get(0)?),
                importance: r.get(1)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Some(item))
}

/// The feedback taken from a note (its quotes or the note itself).
pub(super) fn feedback_of_note(conn: &Connection, note: NoteId) -> rusqlite::Result<Vec<Feedback>> {
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT id FROM feedback WHERE note_id = ?1 ORDER BY id")?
        .query_map([note.0], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    ids.into_iter()
        .filter_map(|id| feedback_item(conn, FeedbackId(id)).transpose())
        .collect()
}

/// Writes a feedback item and its links as `after` says.
pub(super) fn put_feedback(
    conn: &Connection,
    id: FeedbackId,
    after: Option<&Feedback>,
) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM feedback_links WHERE feedback_id = ?1", [id.0])?;
    let Some(f) = after else {
        conn.execute("DELETE FROM feedback WHERE id = ?1", [id.0])?;
        return Ok(());
    };
    let fields = &f.fields;
    conn.execute(
        "INSERT INTO feedback (id, text, origin, note_id, survey_id, customer, segment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET text = ?2, origin = ?3, note_id = ?4, survey_id = ?5,
            customer = ?6, segment = ?7",
        rusqlite::params![
            f.id.0,
            fields.text,
            serde_json::to_string(&fields.origin).map_err(json_error)?,
            fields.origin.note().map(|n| n.0),
            fields.origin.survey().map(|s| s.0),
            fields.customer,
            fields.segment,
        ],
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO feedback_links (feedback_id, requirement_id, importance) VALUES (?1, ?2, ?3)",
    )?;
    for l in &fields.links {
        stmt.execute((f.id.0, l.requirement.0, l.importance))?;
    }
    Ok(())
}
