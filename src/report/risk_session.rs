//! `RiskSession`: what the Risks page shows — the register of the current project
//! (with the workspace-wide risks), its exposure over the weeks, the schedule health
//! check, and the last schedule risk simulation (kept with the revision it was run
//! on, so the page can tell when it is stale and run it again).

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::requirement::RequirementId;
use crate::model::{ProjectId, TaskId};
use crate::report::health_check::{self, Health};
use crate::report::risk_exposure::{self, ExposureWeek};
use crate::report::risk_register::Register;
use crate::report::schedule_risk::{ScheduleRisk, TornadoBar};
use crate::store::{StoreResult, Workspace};

/// A task the editor offers as a link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskChoice {
    pub id: TaskId,
    pub uid: i64,
    pub name: String,
    pub milestone: bool,
}

/// A simulation's result with what it was run on.
#[derive(Clone, Debug, PartialEq)]
pub struct SimulationRun {
    pub project: ProjectId,
    pub revision: u64,
    pub result: ScheduleRisk,
    pub tornado: Vec<TornadoBar>,
}

#[derive(Clone, Debug, Default)]
pub struct RiskSession {
    /// What the register below was read for: project, store revision, day.
    built: Option<(Option<ProjectId>, u64, NaiveDate)>,
    pub project: Option<ProjectId>,
    pub register: Register,
    pub requirement_keys: HashMap<RequirementId, String>,
    pub requirements: Vec<(RequirementId, String)>,
    /// The current project's tasks, in outline order.
    pub tasks: Vec<TaskChoice>,
    pub exposure: Vec<ExposureWeek>,
    pub health: Option<Health>,
    pub simulation: Option<SimulationRun>,
    /// The issue log, decision record and change requests of the project (with the
    /// workspace-wide entries).
    pub logs: Vec<crate::model::logs::LogEntry>,
    /// The project's groups of correlated tasks.
    pub correlations: Vec<crate::model::simulation::Correlation>,
    /// The categories offered: the built-in ones, then the workspace's own.
    pub categories: Vec<String>,
    /// The workspace's own categories alone.
    pub own_categories: Vec<String>,
    /// Each open change request's what-if (or why there is none).
    pub what_ifs:
        HashMap<crate::model::logs::LogId, Result<crate::report::what_if::WhatIf, String>>,
}

impl RiskSession {
    /// Reads the register again when the store, the project or the day moved.
    pub fn refresh(
        &mut self,
        ws: &Workspace,
        project: Option<&crate::model::Project>,
        today: NaiveDate,
    ) -> StoreResult<()> {
        let id = project.map(|p| p.id);
        let key = (id, ws.revision(), today);
        if self.built == Some(key) {
            return Ok(());
        }
        self.project = id;
        self.register = Register::build(ws, id)?;
        let requirements = ws.requirements()?;
        self.requirement_keys = requirements.iter().map(|r| (r.id, r.id.key())).collect();
        self.requirements = requirements
            .iter()
            .map(|r| (r.id, format!("{} {}", r.id.key(), r.fields.title)))
            .collect();
        self.tasks = match project {
            Some(p) => ws
                .plan(p.id)?
                .tasks
                .iter()
                .map(|t| TaskChoice {
                    id: t.id,
                    uid: t.fields.source_uid.unwrap_or(t.id.0),
                    name: t.fields.name.clone(),
                    milestone: t.fields.milestone,
                })
                .collect(),
            None => Vec::new(),
        };
        self.exposure = risk_exposure::exposure(ws, id, today)?;
        let logs = crate::report::pm_logs::Logs::read(ws, project)?;
        self.logs = logs.entries;
        self.what_ifs = logs.what_ifs;
        self.own_categories = ws.risk_categories()?;
        self.categories = crate::model::risk::CATEGORIES
            .iter()
            .map(|c| (*c).to_owned())
            .chain(self.own_categories.iter().cloned())
            .collect();
        self.correlations = match project {
            Some(p) => ws.correlations(p.id)?,
            None => Vec::new(),
        };
        self.health = match project {
            Some(p) => Some(health_check::check(ws, p)?),
            None => None,
        };
        if self
            .simulation
            .as_ref()
            .is_some_and(|s| Some(s.project) != id)
        {
            self.simulation = None;
        }
        self.built = Some(key);
        Ok(())
    }

    /// Whether the simulation shown was run on an older plan or register.
    pub fn simulation_stale(&self) -> bool {
        self.built
            .is_some_and(|(_, rev, _)| self.simulation.as_ref().is_some_and(|s| s.revision != rev))
    }

    /// The revision the register was read at.
    pub fn revision(&self) -> Option<u64> {
        self.built.map(|(_, rev, _)| rev)
    }

    /// A task's name by id, for links.
    pub fn task_name(&self, id: TaskId) -> Option<&str> {
        self.tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.name.as_str())
    }
}
