//! The demo's risk register (`assets/demo/risks.json`): risks by project name, linked
//! to tasks and milestones by name and to requirements by title.

use serde::Deserialize;

/// The demo's register.
pub(super) const RISKS_JSON: &str = include_str!("../../assets/demo/risks.json");

use super::DemoError;
use crate::model::requirement::Requirement;
use crate::model::risk::{
    Impact, Residual, ResponseAction, Risk, RiskFields, RiskId, RiskKind, ScheduleEffect,
};
use crate::model::seed::SeedProject;

#[derive(Deserialize)]
struct File {
    risks: Vec<DemoRisk>,
}

#[derive(Deserialize)]
struct DemoRisk {
    project: String,
    title: String,
    description: String,
    category: String,
    kind: RiskKind,
    probability: u8,
    /// schedule, cost, scope, quality.
    impact: [u8; 4],
    proximity: Option<chrono::NaiveDate>,
    owner: String,
    trigger: String,
    strategy: String,
    actions: Vec<String>,
    residual: Option<[u8; 2]>,
    status: String,
    tasks: Vec<String>,
    milestones: Vec<String>,
    requirements: Vec<String>,
    effect: Option<DemoEffect>,
    raised: Option<chrono::NaiveDate>,
}

#[derive(Deserialize)]
struct DemoEffect {
    tasks: Vec<String>,
    /// min, most likely, max.
    days: [f64; 3],
}

pub fn risks(
    projects: &[SeedProject],
    requirements: &[Requirement],
) -> Result<Vec<Risk>, DemoError> {
    let file: File =
        serde_json::from_str(RISKS_JSON).map_err(|e| DemoError(format!("risks.json: {e}")))?;
    let mut out = Vec::new();
    for (n, d) in file.risks.into_iter().enumerate() {
        let err = |what: String| DemoError(format!("risks.json: {}: {what}", d.title));
        let project = projects
            .iter()
            .find(|p| p.project.fields.name == d.project)
            .ok_or_else(|| err(format!("no project {}", d.project)))?;
        let task = |name: &String| {
            project
                .plan
                .tasks
                .iter()
                .find(|t| t.fields.name == *name)
                .map(|t| t.id)
                .ok_or_else(|| err(format!("no task {name}")))
        };
        let tasks = |names: &[String]| names.iter().map(task).collect::<Result<Vec<_>, _>>();
        let fields = RiskFields {
            title: d.title.clone(),
            description: d.description.clone(),
            category: d.category.clone(),
            kind: d.kind,
            probability: d.probability,
            impact: Impact {
                schedule: d.impact[0],
                cost: d.impact[1],
                scope: d.impact[2],
                quality: d.impact[3],
            },
            proximity: d.proximity,
            owner: d.owner.clone(),
            trigger: d.trigger.clone(),
            strategy: d.strategy.clone(),
            actions: d
                .actions
                .iter()
                .map(|a| ResponseAction {
                    text: a.clone(),
                    task: None,
                    done: false,
                })
                .collect(),
            residual: d.residual.map(|[p, i]| Residual {
                probability: p,
                impact: i,
            }),
            status: d.status.clone(),
            project: Some(project.project.id),
            tasks: tasks(&d.tasks)?,
            milestones: tasks(&d.milestones)?,
            requirements: d
                .requirements
                .iter()
                .map(|title| {
                    requirements
                        .iter()
                        .find(|r| r.fields.title == *title)
                        .map(|r| r.id)
                        .ok_or_else(|| err(format!("no requirement {title}")))
                })
                .collect::<Result<Vec<_>, _>>()?,
            effect: match &d.effect {
                Some(e) => Some(ScheduleEffect {
                    tasks: tasks(&e.tasks)?,
                    min_days: e.days[0],
                    likely_days: e.days[1],
                    max_days: e.days[2],
                }),
                None => None,
            },
            raised: d.raised,
        }
        .normalized()
        .map_err(|e| err(e.to_string()))?;
        out.push(Risk {
            id: RiskId(n as i64 + 1),
            fields,
        });
    }
    Ok(out)
}
