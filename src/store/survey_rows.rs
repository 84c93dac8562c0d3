//! Surveys in SQL: one row per survey, one per question with its answers (JSON by
//! column). Deleting hides a survey; its rows stay for undo.

use rusqlite::{Connection, OptionalExtension};

use crate::model::survey::{Answers, Question, Survey, SurveyId};

fn json_error(e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(e))
}

fn read_error(i: usize, e: serde_json::Error) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

/// Writes a survey, hidden until the edit that shows it is applied.
pub(super) fn insert(
    conn: &Connection,
    survey: &Survey,
    created_at: &str,
) -> rusqlite::Result<SurveyId> {
    conn.execute(
        "INSERT INTO surveys (name, source, responses, created_at, hidden) VALUES (?1, ?2, ?3, ?4, 1)",
        (&survey.name, &survey.source, survey.responses as i64, created_at),
    )?;
    let id = SurveyId(conn.last_insert_rowid());
    let mut stmt = conn.prepare_cached(
        "INSERT INTO survey_questions (survey_id, position, definition, answers, other_text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, (q, a)) in survey.questions.iter().zip(&survey.answers).enumerate() {
        let other = survey
            .other_text
            .iter()
            .find(|(q, _)| *q == i)
            .map(|(_, texts)| serde_json::to_string(texts))
            .transpose()
            .map_err(json_error)?;
        stmt.execute((
            id.0,
            i as i64,
            serde_json::to_string(q).map_err(json_error)?,
            a.encode(),
            other,
        ))?;
    }
    Ok(id)
}

/// Shows or hides a survey; the number of rows changed (0: no such survey).
pub(super) fn set_hidden(conn: &Connection, id: SurveyId, hidden: bool) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE surveys SET hidden = ?2 WHERE id = ?1",
        (id.0, i64::from(hidden)),
    )
}

/// A survey as listed: id, name, tool, responses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveySummary {
    pub id: SurveyId,
    pub name: String,
    pub source: String,
    pub responses: usize,
}

/// The surveys shown, in the order they were imported.
pub(super) fn list(conn: &Connection) -> rusqlite::Result<Vec<SurveySummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, source, responses FROM surveys WHERE hidden = 0 ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(SurveySummary {
            id: SurveyId(r.get(0)?),
            name: r.get(1)?,
            source: r.get(2)?,
            responses: usize::try_from(r.get::<_, i64>(3)?).unwrap_or(0),
        })
    })?;
    rows.collect()
}

/// The name of a survey, shown or hidden.
pub(super) fn name(conn: &Connection, id: SurveyId) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT name FROM surveys WHERE id = ?1", [id.0], |r| {
        r.get(0)
    })
    .optional()
}

/// One question as imported (its stored kind) with its stored answers.
pub(super) fn question(
    conn: &Connection,
    id: SurveyId,
    position: usize,
) -> rusqlite::Result<Option<(Question, Answers)>> {
    let row: Option<(String, Vec<u8>)> = conn
        .query_row(
            "SELECT definition, answers FROM survey_questions WHERE survey_id = ?1 AND position = ?2",
            (id.0, position as i64),
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((definition, answers)) = row else {
        return Ok(None);
    };
    let q: Question = serde_json::from_str(&definition).map_err(|e| read_error(0, e))?;
    let a = Answers::decode(&answers).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Blob, e.into())
    })?;
    Ok(Some((q, a)))
}

/// Sets a question's kind (its answers stay as imported); the rows changed.
pub(super) fn set_kind(
    conn: &Connection,
    id: SurveyId,
    position: usize,
    kind: crate::model::survey::QuestionKind,
    by_user: bool,
) -> rusqlite::Result<usize> {
    let definition: Option<String> = conn
        .query_row(
            "SELECT definition FROM survey_questions WHERE survey_id = ?1 AND position = ?2",
            (id.0, position as i64),
            |r| r.get(0),
        )
        .optional()?;
    let Some(definition) = definition else {
        return Ok(0);
    };
    let mut q: Question = serde_json::from_str(&definition).map_err(|e| read_error(0, e))?;
    q.kind = kind;
    q.kind_set_by_user = by_user;
    conn.execute(
        "UPDATE survey_questions SET definition = ?3 WHERE survey_id = ?1 AND position = ?2",
        (
            id.0,
            position as i64,
            serde_json::to_string(&q).map_err(json_error)?,
        ),
    )
}

/// A whole survey.
pub(super) fn load(conn: &Connection, id: SurveyId) -> rusqlite::Result<Option<Survey>> {
    let head: Option<(String, String, i64)> = conn
        .query_row(
            "SELECT name, source, responses FROM surveys WHERE id = ?1 AND hidden = 0",
            [id.0],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((name, source, responses)) = head else {
        return Ok(None);
    };
    let mut stmt = conn.prepare_cached(
        "SELECT definition, answers, other_text FROM survey_questions
         WHERE survey_id = ?1 ORDER BY position",
    )?;
    let mut survey = Survey {
        name,
        source,
        responses: usize::try_from(responses).unwrap_or(0),
        questions: Vec::new(),
        answers: Vec::new(),
        other_text: Vec::new(),
    };
    let mut rows = stmt.query([id.0])?;
    while let Some(r) = rows.next()? {
        let q: Question =
            serde_json::from_str(&r.get::<_, String>(0)?).map_err(|e| read_error(0, e))?;
        let a = Answers::decode(&r.get::<_, Vec<u8>>(1)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Blob, e.into())
        })?;
        if let Some(other) = r.get::<_, Option<String>>(2)? {
            let texts = serde_json::from_str(&other).map_err(|e| read_error(2, e))?;
            survey.other_text.push((survey.questions.len(), texts));
        }
        // A kind the user chose reads the answers as that kind.
        let (q, a) = if q.kind_set_by_user {
            match crate::model::survey_kind::read_as(&q, &a, q.kind) {
                Ok(read) => read,
                Err(_) => (q, a),
            }
        } else {
            (q, a)
        };
        survey.questions.push(q);
        survey.answers.push(a);
    }
    Ok(Some(survey))
}
