//! Risks for the weekly report: the open register by band, the threats that matter
//! most, what was raised, closed or occurred in the period (from the edit log), the
//! schedule risk outlook (P50/P80 of a simulation of the plan), and the risk status
//! with the rule behind it.

use chrono::{Duration, NaiveDate};

use super::{Period, Rag, Rule};
use crate::model::edit::Edit;
use crate::model::risk::{Band, Risk, RiskKind};
use crate::model::{Project, ProjectId};
use crate::report::risk_register::Register;
use crate::store::{StoreResult, Workspace};

/// How many threats the report names.
const TOP: usize = 5;
/// The simulation's size: tasks × iterations, so a large plan costs no more than
/// a small one (1,000 iterations up to 1,000 tasks).
const SIMULATION_BUDGET: usize = 1_000_000;

/// An open risk as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskLine {
    pub key: String,
    pub title: String,
    pub score: u8,
    pub band: Band,
    pub owner: String,
    pub strategy: String,
    pub status: String,
}

/// An unresolved issue of the issue log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueLine {
    pub key: String,
    pub title: String,
    pub severity: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub status: String,
}

/// The finish the plan's estimates and risks give.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    pub planned: NaiveDate,
    pub p50: NaiveDate,
    pub p80: NaiveDate,
    pub iterations: usize,
}

/// The risk highlights of the period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskHighlights {
    /// Open risks by band: low, medium, high.
    pub open: [usize; 3],
    /// Open threats, highest score first.
    pub top: Vec<RiskLine>,
    /// Keys and titles of risks raised, closed and occurred in the period.
    pub raised: Vec<(String, String)>,
    pub closed: Vec<(String, String)>,
    pub occurred: Vec<(String, String)>,
    pub outlook: Option<Outlook>,
    /// Open high-band threats, and those of them with no response under way
    /// (identified, or still being analysed).
    pub high_threats: usize,
    pub high_unanswered: usize,
    /// Issues not resolved yet (open or in progress), most severe first.
    pub issues: Vec<IssueLine>,
}

fn band_index(b: Band) -> usize {
    match b {
        Band::Low => 0,
        Band::Medium => 1,
        Band::High => 2,
    }
}

/// The risk highlights of `project` for `period`.
pub fn highlights(
    ws: &Workspace,
    project: &Project,
    period: Period,
) -> StoreResult<RiskHighlights> {
    let register = Register::build(ws, Some(project.id))?;
    let mut out = RiskHighlights::default();
    for r in register.risks.iter().filter(|r| r.fields.is_open()) {
        let band = register.band(r);
        out.open[band_index(band)] += 1;
        if band == Band::High && r.fields.kind == RiskKind::Threat {
            out.high_threats += 1;
            if matches!(r.fields.status.as_str(), "identified" | "analysing") {
                out.high_unanswered += 1;
            }
        }
    }
    out.top = register
        .top_threats()
        .into_iter()
        .take(TOP)
        .map(|r| RiskLine {
            key: r.id.key(),
            title: r.fields.title.clone(),
            score: r.fields.score(),
            band: register.band(r),
            owner: r.fields.owner.clone(),
            strategy: r.fields.strategy.clone(),
            status: r.fields.status.clone(),
        })
        .collect();
    out.raised = register
        .risks
        .iter()
        .filter(|r| r.fields.raised.is_some_and(|d| period.contains(d)))
        .map(|r| (r.id.key(), r.fields.title.clone()))
        .collect();
    let (closed, occurred) = transitions(ws, project.id, period)?;
    out.closed = closed;
    out.occurred = occurred;
    out.outlook = outlook(ws, project)?;
    out.issues = open_issues(ws, project.id)?;
    Ok(out)
}

/// The project's issues (and the workspace-wide ones) still open or in progress.
fn open_issues(ws: &Workspace, project: ProjectId) -> StoreResult<Vec<IssueLine>> {
    use crate::model::logs::{LogFields, LogKind, SEVERITIES};
    let mut out: Vec<IssueLine> = ws
        .log_entries(LogKind::Issue)?
        .into_iter()
        .filter(|e| e.project.is_none_or(|p| p == project))
        .filter_map(|e| match e.fields {
            LogFields::Issue(f) if matches!(f.status.as_str(), "open" | "in_progress") => {
                Some(IssueLine {
                    key: e.id.key(),
                    title: f.title,
                    severity: f.severity,
                    owner: f.owner,
                    due: f.due,
                    status: f.status,
                })
            }
            _ => None,
        })
        .collect();
    let rank = |s: &str| SEVERITIES.iter().position(|x| *x == s).unwrap_or(9);
    out.sort_by(|a, b| {
        rank(&a.severity)
            .cmp(&rank(&b.severity))
            .then(a.due.cmp(&b.due))
    });
    Ok(out)
}

/// Risks of the project whose status became closed, or occurred, by an edit in the
/// period (undone edits not counted).
#[allow(clippy::type_complexity)]
fn transitions(
    ws: &Workspace,
    project: ProjectId,
    period: Period,
) -> StoreResult<(Vec<(String, String)>, Vec<(String, String)>)> {
    let from = period.from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = (period.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut edits = ws.edits_between(from, to)?;
    edits.sort_by_key(|e| e.seq);
    let mut closed = Vec::new();
    let mut occurred = Vec::new();
    fn walk(edit: &Edit, project: ProjectId, found: &mut dyn FnMut(&Risk, &str)) {
        match edit {
            Edit::Batch { edits } => edits.iter().for_each(|e| walk(e, project, found)),
            Edit::PutRisk {
                before,
                after: Some(after),
            } if after.fields.project.is_none_or(|p| p == project) => {
                let was = before.as_ref().map_or("", |b| b.fields.status.as_str());
                if was != after.fields.status {
                    found(after, &after.fields.status);
                }
            }
            _ => {}
        }
    }
    for e in edits.iter().filter(|e| !e.undone) {
        walk(&e.edit, project, &mut |r, status| {
            let line = (r.id.key(), r.fields.title.clone());
            let list = match status {
                "closed" => &mut closed,
                "occurred" => &mut occurred,
                _ => return,
            };
            if !list.contains(&line) {
                list.push(line);
            }
        });
    }
    Ok((closed, occurred))
}

/// The P50/P80 finish, when the plan has estimates or risks with a schedule effect.
fn outlook(ws: &Workspace, project: &Project) -> StoreResult<Option<Outlook>> {
    use crate::report::schedule_risk::Simulation;
    if !Simulation::has_uncertainty(ws, project)? {
        return Ok(None);
    }
    let Ok(simulation) = Simulation::read(ws, project) else {
        // A plan that cannot be scheduled has no outlook; the schedule section says why.
        return Ok(None);
    };
    let iterations = (SIMULATION_BUDGET / simulation.task_count().max(1)).clamp(100, 1000);
    let control = crate::model::simulation::Control::default();
    Ok(simulation
        .run(
            iterations,
            crate::report::schedule_risk::DEFAULT_SEED,
            &control,
        )?
        .map(|r| Outlook {
            planned: r.deterministic_finish.date(),
            p50: r.finish.p50.date(),
            p80: r.finish.p80.date(),
            iterations,
        }))
}

impl RiskHighlights {
    /// The risk status and its rule: red while a high threat has no response under
    /// way (identified or still being analysed) or a risk occurred in the period;
    /// amber while high threats are being answered or three or more medium ones are
    /// open; else green.
    pub fn status(&self) -> (Option<Rag>, Rule) {
        let (unanswered, high) = (self.high_unanswered, self.high_threats);
        if unanswered > 0 {
            return (
                Some(Rag::Red),
                Rule::new(
                    "weekly.rule.risk_unanswered",
                    &[("n", &unanswered.to_string())],
                ),
            );
        }
        if !self.occurred.is_empty() {
            return (
                Some(Rag::Red),
                Rule::new(
                    "weekly.rule.risk_occurred",
                    &[("n", &self.occurred.len().to_string())],
                ),
            );
        }
        if high > 0 || self.open[1] >= 3 {
            return (
                Some(Rag::Amber),
                Rule::new(
                    "weekly.rule.risk_amber",
                    &[
                        ("high", &self.open[2].to_string()),
                        ("medium", &self.open[1].to_string()),
                    ],
                ),
            );
        }
        (Some(Rag::Green), Rule::new("weekly.rule.risk_green", &[]))
    }

    /// The facts of `report --as json`.
    pub fn to_json(&self) -> serde_json::Value {
        let pairs = |v: &[(String, String)]| {
            v.iter()
                .map(|(k, t)| serde_json::json!({"key": k, "title": t}))
                .collect::<Vec<_>>()
        };
        serde_json::json!({
            "open": {"high": self.open[2], "medium": self.open[1], "low": self.open[0]},
            "top": self.top.iter().map(|r| serde_json::json!({
                "key": r.key,
                "title": r.title,
                "score": r.score,
                "band": r.band.code(),
                "owner": r.owner,
                "strategy": r.strategy,
                "status": r.status,
            })).collect::<Vec<_>>(),
            "raised": pairs(&self.raised),
            "closed": pairs(&self.closed),
            "occurred": pairs(&self.occurred),
            "issues": self.issues.iter().map(|i| serde_json::json!({
                "key": i.key,
                "title": i.title,
                "severity": i.severity,
                "owner": i.owner,
                "due": i.due.map(|d| d.to_string()),
                "status": i.status,
            })).collect::<Vec<_>>(),
            "schedule_outlook": self.outlook.as_ref().map(|o| serde_json::json!({
                "planned": o.planned.to_string(),
                "p50": o.p50.to_string(),
                "p80": o.p80.to_string(),
                "iterations": o.iterations,
            })),
        })
    }
}
