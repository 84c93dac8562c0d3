//! Writing a [`Seed`] (the demo's content) into a fresh workspace: projects with their
//! plans, surveys, releases, requirements, notes and feedback, in one transaction and
//! with no history (it is where the history starts).

use rusqlite::Transaction;

use super::error::{SqliteContext, StoreError, StoreResult, sql};
use super::{Workspace, plan_rows, requirement_rows, research_rows, survey_rows};
use crate::model::seed::Seed;
use crate::model::{CalendarId, ProjectId};

impl Workspace {
    /// Creates a new workspace holding `seed`. Refuses to overwrite an existing file.
    pub fn create_seeded(path: &std::path::Path, seed: &Seed) -> StoreResult<Workspace> {
        Self::create_with(path, |tx| write(tx, seed))
    }

    /// Published reports of seeded content (the demo's), written in one step outside
    /// the edit log, as the rest of a seed is. Only into a workspace that has none.
    pub fn seed_reports(
        &mut self,
        reports: &[crate::model::report::ReportSnapshot],
    ) -> StoreResult<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().at(&path)?;
        if !super::report_rows::snapshots(&tx).at(&path)?.is_empty() {
            return Err(StoreError::InvalidPlan(
                "seed reports go into a workspace without published reports".into(),
            ));
        }
        for r in reports {
            super::report_rows::put_snapshot(&tx, r.id, Some(r)).at(&path)?;
        }
        tx.commit().at(&path)
    }
}

fn write(tx: &Transaction<'_>, seed: &Seed) -> StoreResult<()> {
    // The seed's ids are those of a fresh workspace: check, rather than mix rows up.
    let first = plan_rows::first_ids(tx).map_err(|e| sql(e, tx))?;
    if first != Seed::FIRST_IDS {
        return Err(StoreError::InvalidPlan(format!(
            "seed content expects a fresh workspace (first ids {:?}, found {first:?})",
            Seed::FIRST_IDS
        )));
    }
    let now = super::now_local();
    for (i, p) in seed.projects.iter().enumerate() {
        let id = ProjectId(i as i64 + 1);
        if p.project.id != id {
            return Err(StoreError::InvalidPlan(format!(
                "seed project {} has id {}, expected {}",
                p.project.fields.name, p.project.id.0, id.0
            )));
        }
        let calendar: i64 = tx
            .query_row(
                "SELECT id FROM calendars WHERE builtin = ?1",
                [p.calendar.key()],
                |r| r.get(0),
            )
            .map_err(|e| sql(e, tx))?;
        let mut project = p.project.clone();
        project.fields.calendar = CalendarId(calendar);
        project.created_at = now.clone();
        super::write::insert_project(tx, &project)?;
        plan_rows::insert(tx, id, &p.plan).map_err(|e| sql(e, tx))?;
    }
    for survey in &seed.surveys {
        let id = survey_rows::insert(tx, survey, &now).map_err(|e| sql(e, tx))?;
        survey_rows::set_hidden(tx, id, false).map_err(|e| sql(e, tx))?;
    }
    for r in &seed.releases {
        requirement_rows::put_release(tx, r.id, Some(r)).map_err(|e| sql(e, tx))?;
    }
    for r in &seed.requirements {
        requirement_rows::put_requirement(tx, r.id, Some(r)).map_err(|e| sql(e, tx))?;
    }
    for n in &seed.notes {
        research_rows::put_note(tx, n.id, Some(n)).map_err(|e| sql(e, tx))?;
    }
    for f in &seed.feedback {
        research_rows::put_feedback(tx, f.id, Some(f)).map_err(|e| sql(e, tx))?;
    }
    for r in &seed.risks {
        super::risk_rows::put_risk(tx, r.id, Some(r)).map_err(|e| sql(e, tx))?;
    }
    for e in &seed.logs {
        super::log_rows::put_entry(tx, e.id, Some(e)).map_err(|e| sql(e, tx))?;
    }
    {
        use crate::model::quality::QualityItem as Q;
        let q = &seed.quality;
        let items = q
            .suites
            .iter()
            .cloned()
            .map(Q::Suite)
            .chain(q.cases.iter().cloned().map(Q::Case))
            .chain(q.runs.iter().cloned().map(Q::Run))
            .chain(q.defects.iter().cloned().map(Q::Defect));
        for item in items {
            super::quality_rows::put_item(tx, item.key(), Some(&item)).map_err(|e| sql(e, tx))?;
        }
    }
    Ok(())
}
