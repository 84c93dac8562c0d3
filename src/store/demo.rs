//! The demo workspace: bundled content a first-time user can explore.

use chrono::NaiveDate;
use rusqlite::Transaction;
use serde::Deserialize;

use super::error::{StoreError, StoreResult};
use crate::model::BuiltinCalendar;

const DEMO_JSON: &str = include_str!("../../assets/demo/workspace.json");

#[derive(Deserialize)]
struct DemoContent {
    projects: Vec<DemoProject>,
}

#[derive(Deserialize)]
struct DemoProject {
    name: String,
    start_date: NaiveDate,
    calendar: String,
    description: String,
}

fn content() -> Result<DemoContent, serde_json::Error> {
    serde_json::from_str(DEMO_JSON)
}

/// Fills a fresh workspace with the demo content. Not logged as edits: it is where the
/// history starts, not something to undo.
pub(super) fn seed(tx: &Transaction<'_>) -> StoreResult<()> {
    let content = content().map_err(StoreError::DemoContent)?;
    let sql_err = |source| StoreError::Sqlite {
        path: tx.path().map(Into::into).unwrap_or_default(),
        source,
    };
    let now = super::now_local();
    for p in content.projects {
        let calendar = BuiltinCalendar::from_key(&p.calendar).unwrap_or(BuiltinCalendar::Standard);
        tx.execute(
            "INSERT INTO projects (name, start_date, calendar_id, description, created_at)
             VALUES (?1, ?2, (SELECT id FROM calendars WHERE builtin = ?3), ?4, ?5)",
            (
                &p.name,
                p.start_date.to_string(),
                calendar.key(),
                &p.description,
                &now,
            ),
        )
        .map_err(sql_err)?;
    }
    Ok(())
}

/// All text of the demo content, so the font subset can be checked to cover it.
pub fn all_text() -> &'static str {
    DEMO_JSON
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_demo_content_parses() {
        let c = super::content().expect("demo JSON parses");
        assert!(c.projects.len() >= 3);
        for p in &c.projects {
            assert!(
                crate::model::BuiltinCalendar::from_key(&p.calendar).is_some(),
                "{}",
                p.name
            );
        }
    }
}
