//! The risk register as the pages, reports and `risks --json` read it: each risk with
//! its score and band, inherent and residual, its links by the keys people know (task
//! UIDs, requirement keys); the open threats that matter most.

use std::collections::HashMap;

use crate::model::risk::{Band, Bands, Risk};
use crate::model::{ProjectId, TaskId};
use crate::store::{StoreResult, Workspace};

/// The register of a project (with the workspace-wide risks), or of everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Register {
    pub risks: Vec<Risk>,
    pub bands: Bands,
    /// Every task's MSPDI UID (else its id), for links.
    pub uids: HashMap<TaskId, i64>,
}

impl Register {
    pub fn build(ws: &Workspace, project: Option<ProjectId>) -> StoreResult<Register> {
        let risks = ws
            .risks()?
            .into_iter()
            .filter(|r| {
                project.is_none() || r.fields.project.is_none() || r.fields.project == project
            })
            .collect();
        let mut uids = HashMap::new();
        for p in ws.projects()? {
            if project.is_some_and(|id| id != p.id) {
                continue;
            }
            for t in ws.plan(p.id)?.tasks {
                uids.insert(t.id, t.fields.source_uid.unwrap_or(t.id.0));
            }
        }
        Ok(Register {
            risks,
            bands: ws.risk_bands()?,
            uids,
        })
    }

    pub fn band(&self, r: &Risk) -> Band {
        self.bands.of(r.fields.score())
    }

    /// Open threats, highest score first (then nearest proximity).
    pub fn top_threats(&self) -> Vec<&Risk> {
        let mut open: Vec<&Risk> = self
            .risks
            .iter()
            .filter(|r| r.fields.is_open() && r.fields.kind == crate::model::risk::RiskKind::Threat)
            .collect();
        open.sort_by(|a, b| {
            b.fields
                .score()
                .cmp(&a.fields.score())
                .then(a.fields.proximity.cmp(&b.fields.proximity))
                .then(a.id.cmp(&b.id))
        });
        open
    }

    /// `risks --json`.
    pub fn to_json(
        &self,
        requirement_keys: &HashMap<crate::model::requirement::RequirementId, String>,
    ) -> serde_json::Value {
        let uid = |t: &TaskId| self.uids.get(t).copied().unwrap_or(t.0);
        serde_json::json!({
            "risks": self.risks.iter().map(|r| {
                let f = &r.fields;
                serde_json::json!({
                    "key": r.id.key(),
                    "title": f.title,
                    "category": f.category,
                    "kind": f.kind.code(),
                    "probability": f.probability,
                    "impact": f.impact.overall(),
                    "score": f.score(),
                    "band": self.band(r).code(),
                    "status": f.status,
                    "owner": f.owner,
                    "strategy": f.strategy,
                    "residual": {
                        "probability": f.residual.map(|x| x.probability),
                        "impact": f.residual.map(|x| x.impact),
                        "score": f.residual_score(),
                    },
                    "links": {
                        "tasks": f.tasks.iter().map(uid).collect::<Vec<_>>(),
                        "milestones": f.milestones.iter().map(uid).collect::<Vec<_>>(),
                        "requirements": f.requirements.iter().map(|id| {
                            requirement_keys.get(id).cloned().unwrap_or_else(|| id.key())
                        }).collect::<Vec<_>>(),
                    },
                })
            }).collect::<Vec<_>>(),
        })
    }
}
