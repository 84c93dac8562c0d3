//! The demo workspace a first-time user explores: content as data in
//! `assets/demo/*.json` (projects, plans by task code and name, the requirement pool,
//! notes and feedback by title) and a seeded generator for the survey's answers. It is
//! built here as a [`Seed`] and written by the store in one step; the store knows
//! nothing of it. Editing the demo needs no Rust: change the JSON files.

mod logs;
mod plans;
mod quality;
mod reports;
mod research;
mod risks;
mod survey;

use std::collections::HashMap;
use std::path::Path;

use crate::model::TaskId;
use crate::model::seed::Seed;
use crate::model::survey::SurveyId;
use crate::store::{StoreError, StoreResult, Workspace};

/// The bundled demo content does not read (a mistake in `assets/demo`).
#[derive(Debug, thiserror::Error)]
#[error("the bundled demo content is damaged: {0}")]
pub struct DemoError(pub String);

/// Creates a workspace at `path` holding the demo. Refuses to overwrite a file.
pub fn create(path: &Path) -> StoreResult<Workspace> {
    let seed = seed().map_err(|e| StoreError::InvalidPlan(e.to_string()))?;
    let mut ws = Workspace::create_seeded(path, &seed)?;
    let reports = reports::build(&ws).map_err(|e| StoreError::InvalidPlan(e.to_string()))?;
    ws.seed_reports(&reports)?;
    Ok(ws)
}

/// The demo as a seed: four projects with plans reported to a status date, two survey
/// waves, the requirement pool, notes and feedback.
pub fn seed() -> Result<Seed, DemoError> {
    let projects = plans::projects()?;
    let tasks: HashMap<&str, TaskId> = projects
        .iter()
        .flat_map(|p| &p.plan.tasks)
        .map(|t| (t.fields.name.as_str(), t.id))
        .rev() // the first task of a name wins
        .collect();
    // Oldest first, so the newest is the one the Research page shows.
    let surveys = survey::waves()?;
    let current = SurveyId(surveys.len() as i64);
    let newest = surveys
        .last()
        .ok_or_else(|| DemoError("survey.json: no wave".into()))?;
    let research = research::research_for(current, newest, &tasks)?;
    let risks = risks::risks(&projects, &research.requirements)?;
    let logs = logs::logs(&projects, &research.requirements, &risks)?;
    let quality = quality::quality(&research.requirements, &research.releases);
    Ok(Seed {
        quality,
        risks,
        logs,
        projects,
        surveys,
        releases: research.releases,
        requirements: research.requirements,
        notes: research.notes,
        feedback: research.feedback,
    })
}

/// All text of the demo content, so the font subset can be checked to cover it.
pub fn all_text() -> String {
    format!(
        "{}{}{}{}{}{}",
        plans::DEMO_JSON,
        plans::DEMO_PLAN_JSON,
        risks::RISKS_JSON,
        logs::LOGS_JSON,
        survey::all_text(),
        research::all_text()
    )
}
