//! The risk register out as a table (CSV, XLSX: every column, read back by
//! [`crate::io::risks`]) or as a Markdown document (the columns a reader needs).

use std::collections::HashMap;

use crate::i18n::{Language, tr};
use crate::io::export::ExportError;
use crate::io::risks::COLUMNS;
use crate::model::risk::Risk;
use crate::model::{ProjectId, TaskId};
use crate::report::document::{self, Block, Cell, Document, Table};
use crate::report::requirement_export::{PoolTable, workbook};
use crate::report::risk_register::Register;
use crate::store::{StoreResult, Workspace};

/// The register with what its rows name: projects, requirement keys.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RegisterExport {
    pub register: Register,
    pub projects: HashMap<ProjectId, String>,
    pub requirement_keys: HashMap<crate::model::requirement::RequirementId, String>,
    /// The project it was exported for (`None`: the whole workspace).
    pub project: Option<String>,
    /// The issue log, decision record and change requests beside the register.
    pub logs: crate::report::pm_logs::Logs,
}

impl RegisterExport {
    pub fn read(ws: &Workspace, project: Option<ProjectId>) -> StoreResult<RegisterExport> {
        let all = ws.projects()?;
        let chosen = project.and_then(|id| all.iter().find(|p| p.id == id));
        let logs = crate::report::pm_logs::Logs::read(ws, chosen)?;
        let projects: HashMap<ProjectId, String> =
            all.into_iter().map(|p| (p.id, p.fields.name)).collect();
        Ok(RegisterExport {
            logs,
            register: Register::build(ws, project)?,
            project: project.and_then(|p| projects.get(&p).cloned()),
            projects,
            requirement_keys: ws
                .requirements()?
                .into_iter()
                .map(|r| (r.id, r.id.key()))
                .collect(),
        })
    }

    fn label(lang: Language, group: &str, code: &str) -> String {
        if code.is_empty() {
            return String::new();
        }
        let key = format!("risk.{group}.{code}");
        let text = tr(lang, &key);
        // A category of the workspace's own is written as it is.
        if text == key { code.to_owned() } else { text }
    }

    /// A risk's cell for column `key`, in `lang`.
    fn cell(&self, r: &Risk, key: &str, lang: Language) -> String {
        let f = &r.fields;
        let uid = |t: &TaskId| {
            self.register
                .uids
                .get(t)
                .copied()
                .unwrap_or(t.0)
                .to_string()
        };
        let level = |v: u8| if v == 0 { String::new() } else { v.to_string() };
        let days = |d: f64| format!("{d}");
        match key {
            "key" => r.id.key(),
            "project" => f
                .project
                .and_then(|p| self.projects.get(&p).cloned())
                .unwrap_or_default(),
            "title" => f.title.clone(),
            "description" => f.description.clone(),
            "category" => Self::label(lang, "category", &f.category),
            "kind" => Self::label(lang, "kind", f.kind.code()),
            "probability" => f.probability.to_string(),
            "impact_schedule" => level(f.impact.schedule),
            "impact_cost" => level(f.impact.cost),
            "impact_scope" => level(f.impact.scope),
            "impact_quality" => level(f.impact.quality),
            "score" => f.score().to_string(),
            "band" => Self::label(lang, "band", self.register.band(r).code()),
            "proximity" => f.proximity.map(|d| d.to_string()).unwrap_or_default(),
            "owner" => f.owner.clone(),
            "trigger" => f.trigger.clone(),
            "strategy" => Self::label(lang, "strategy", &f.strategy),
            "actions" => f
                .actions
                .iter()
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
            "residual_probability" => f
                .residual
                .map(|x| x.probability.to_string())
                .unwrap_or_default(),
            "residual_impact" => f.residual.map(|x| x.impact.to_string()).unwrap_or_default(),
            "status" => Self::label(lang, "status", &f.status),
            "tasks" => f.tasks.iter().map(uid).collect::<Vec<_>>().join(", "),
            "effect_tasks" => f
                .effect
                .iter()
                .flat_map(|e| &e.tasks)
                .map(uid)
                .collect::<Vec<_>>()
                .join(", "),
            "milestones" => f.milestones.iter().map(uid).collect::<Vec<_>>().join(", "),
            "requirements" => f
                .requirements
                .iter()
                .map(|id| {
                    self.requirement_keys
                        .get(id)
                        .cloned()
                        .unwrap_or_else(|| id.key())
                })
                .collect::<Vec<_>>()
                .join(", "),
            "effect_min_days" => f
                .effect
                .as_ref()
                .map(|e| days(e.min_days))
                .unwrap_or_default(),
            "effect_likely_days" => f
                .effect
                .as_ref()
                .map(|e| days(e.likely_days))
                .unwrap_or_default(),
            "effect_max_days" => f
                .effect
                .as_ref()
                .map(|e| days(e.max_days))
                .unwrap_or_default(),
            "raised" => f.raised.map(|d| d.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Every column, a row per risk.
    pub fn table(&self, lang: Language) -> PoolTable {
        let headers = COLUMNS
            .iter()
            .map(|k| tr(lang, &format!("risk.column.{k}")))
            .collect();
        let rows = self
            .register
            .risks
            .iter()
            .map(|r| COLUMNS.iter().map(|k| self.cell(r, k, lang)).collect())
            .collect();
        PoolTable::of_text(headers, rows)
    }

    pub fn csv(&self, lang: Language) -> String {
        crate::report::requirement_export::csv(&self.table(lang))
    }

    pub fn xlsx(&self, lang: Language) -> Result<Vec<u8>, ExportError> {
        workbook(&[(tr(lang, "risk.register_title").as_str(), &self.table(lang))])
    }

    /// The register to read: counts by band, then the risks, highest score first.
    pub fn document(&self, lang: Language) -> Document {
        let shown = [
            "key",
            "title",
            "category",
            "kind",
            "probability",
            "score",
            "band",
            "status",
            "owner",
            "strategy",
            "actions",
            "residual_probability",
            "residual_impact",
        ];
        let mut risks: Vec<&Risk> = self.register.risks.iter().collect();
        risks.sort_by(|a, b| {
            b.fields
                .score()
                .cmp(&a.fields.score())
                .then(a.id.cmp(&b.id))
        });
        let mut by_band = [0usize; 3];
        for r in risks.iter().filter(|r| r.fields.is_open()) {
            by_band[match self.register.band(r) {
                crate::model::risk::Band::Low => 0,
                crate::model::risk::Band::Medium => 1,
                crate::model::risk::Band::High => 2,
            }] += 1;
        }
        let summary = format!(
            "{}: {} {} · {} {} · {} {}",
            tr(lang, "risk.open_risks"),
            tr(lang, "risk.band.high"),
            by_band[2],
            tr(lang, "risk.band.medium"),
            by_band[1],
            tr(lang, "risk.band.low"),
            by_band[0]
        );
        let impact = tr(lang, "risk.column.impact");
        let columns = shown
            .iter()
            .map(|k| match *k {
                "score" => format!("{impact} / {}", tr(lang, "risk.column.score")),
                k => tr(lang, &format!("risk.column.{k}")),
            })
            .collect();
        let rows = risks
            .iter()
            .map(|r| {
                shown
                    .iter()
                    .map(|k| match *k {
                        "score" => Cell::text(format!(
                            "{} / {}",
                            r.fields.impact.overall(),
                            r.fields.score()
                        )),
                        k => Cell::text(self.cell(r, k, lang)),
                    })
                    .collect()
            })
            .collect();
        let title = tr(lang, "risk.register_title");
        Document {
            lang,
            title: match &self.project {
                Some(p) => format!("{title} — {p}"),
                None => title.clone(),
            },
            subtitle: summary,
            organisation: None,
            running_header: title.clone(),
            blocks: vec![Block::Table(Table {
                name: title,
                columns,
                rows,
                empty: tr(lang, "risk.none"),
            })],
            logo: None,
        }
    }

    pub fn markdown(&self, lang: Language) -> String {
        document::to_markdown(&self.document(lang))
    }
}
