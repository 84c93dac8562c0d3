//! The demo's issue log, decision record and change requests (`assets/demo/logs.json`):
//! entries by project name, linked to tasks by name, requirements and risks by title.

use serde::Deserialize;

use super::DemoError;
use crate::model::logs::{
    ChangeRequestFields, DecisionFields, DecisionOption, IssueFields, LogEntry, LogFields, LogId,
    LogKind, ProposedChange,
};
use crate::model::requirement::Requirement;
use crate::model::risk::Risk;
use crate::model::seed::SeedProject;
use crate::model::task::MINUTES_PER_DAY;

/// The demo's logs.
pub(super) const LOGS_JSON: &str = include_str!("../../assets/demo/logs.json");

#[derive(Deserialize)]
struct File {
    issues: Vec<DemoIssue>,
    decisions: Vec<DemoDecision>,
    changes: Vec<DemoChange>,
}

#[derive(Deserialize)]
struct DemoIssue {
    project: String,
    title: String,
    description: String,
    severity: String,
    owner: String,
    due: Option<chrono::NaiveDate>,
    status: String,
    resolution: String,
    raised: Option<chrono::NaiveDate>,
    from_risk: Option<String>,
    tasks: Vec<String>,
    requirements: Vec<String>,
}

#[derive(Deserialize)]
struct DemoDecision {
    project: String,
    title: String,
    context: String,
    /// name, pros, cons.
    options: Vec<[String; 3]>,
    decision: String,
    rationale: String,
    decided_by: String,
    date: Option<chrono::NaiveDate>,
    status: String,
    superseded_by: Option<String>,
    tasks: Vec<String>,
    requirements: Vec<String>,
    risks: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DemoProposed {
    Duration((String, f64)),
    NewTask((String, f64, Option<String>, Option<String>)),
    Link((String, String)),
}

#[derive(Deserialize)]
struct DemoChange {
    project: String,
    title: String,
    description: String,
    reason: String,
    requester: String,
    raised: Option<chrono::NaiveDate>,
    status: String,
    changes: Vec<DemoProposed>,
    effort_days: Option<f64>,
    scope_impact: String,
    requirements: Vec<String>,
    implemented: Option<chrono::NaiveDate>,
}

/// Looks names up for one entry, naming the entry in what it cannot find.
struct Names<'a> {
    projects: &'a [SeedProject],
    requirements: &'a [Requirement],
    risks: &'a [Risk],
    entry: String,
}

impl Names<'_> {
    fn err(&self, what: String) -> DemoError {
        DemoError(format!("logs.json: {}: {what}", self.entry))
    }

    fn project(&self, name: &str) -> Result<&SeedProject, DemoError> {
        self.projects
            .iter()
            .find(|p| p.project.fields.name == name)
            .ok_or_else(|| self.err(format!("no project {name}")))
    }

    fn task(&self, p: &SeedProject, name: &str) -> Result<crate::model::TaskId, DemoError> {
        p.plan
            .tasks
            .iter()
            .find(|t| t.fields.name == name)
            .map(|t| t.id)
            .ok_or_else(|| self.err(format!("no task {name}")))
    }

    fn tasks(
        &self,
        p: &SeedProject,
        names: &[String],
    ) -> Result<Vec<crate::model::TaskId>, DemoError> {
        names.iter().map(|n| self.task(p, n)).collect()
    }

    fn requirements(
        &self,
        titles: &[String],
    ) -> Result<Vec<crate::model::requirement::RequirementId>, DemoError> {
        titles
            .iter()
            .map(|t| {
                self.requirements
                    .iter()
                    .find(|r| r.fields.title == *t)
                    .map(|r| r.id)
                    .ok_or_else(|| self.err(format!("no requirement {t}")))
            })
            .collect()
    }

    fn risk(&self, title: &str) -> Result<crate::model::risk::RiskId, DemoError> {
        self.risks
            .iter()
            .find(|r| r.fields.title == title)
            .map(|r| r.id)
            .ok_or_else(|| self.err(format!("no risk {title}")))
    }
}

/// The demo's entries, each log numbered from 1.
pub fn logs(
    projects: &[SeedProject],
    requirements: &[Requirement],
    risks: &[Risk],
) -> Result<Vec<LogEntry>, DemoError> {
    let file: File =
        serde_json::from_str(LOGS_JSON).map_err(|e| DemoError(format!("logs.json: {e}")))?;
    let names = |entry: &str| Names {
        projects,
        requirements,
        risks,
        entry: entry.to_owned(),
    };
    let id = |kind, k: usize| LogId {
        kind,
        n: k as i64 + 1,
    };
    let mut out = Vec::new();
    for (k, d) in file.issues.into_iter().enumerate() {
        let n = names(&d.title);
        let p = n.project(&d.project)?;
        let fields = IssueFields {
            tasks: n.tasks(p, &d.tasks)?,
            requirements: n.requirements(&d.requirements)?,
            from_risk: d.from_risk.as_deref().map(|r| n.risk(r)).transpose()?,
            title: d.title,
            description: d.description,
            severity: d.severity,
            owner: d.owner,
            due: d.due,
            status: d.status,
            resolution: d.resolution,
            raised: d.raised,
        };
        out.push(entry(
            id(LogKind::Issue, k),
            p,
            LogFields::Issue(fields),
            &n,
        )?);
    }
    let titles: Vec<String> = file.decisions.iter().map(|d| d.title.clone()).collect();
    for (k, d) in file.decisions.into_iter().enumerate() {
        let n = names(&d.title);
        let p = n.project(&d.project)?;
        let superseded_by = match &d.superseded_by {
            Some(t) => Some(
                titles
                    .iter()
                    .position(|x| x == t)
                    .map(|i| i as i64 + 1)
                    .ok_or_else(|| n.err(format!("no decision {t}")))?,
            ),
            None => None,
        };
        let fields = DecisionFields {
            tasks: n.tasks(p, &d.tasks)?,
            requirements: n.requirements(&d.requirements)?,
            risks: d
                .risks
                .iter()
                .map(|r| n.risk(r))
                .collect::<Result<_, _>>()?,
            options: d
                .options
                .into_iter()
                .map(|[name, pros, cons]| DecisionOption { name, pros, cons })
                .collect(),
            title: d.title,
            context: d.context,
            decision: d.decision,
            rationale: d.rationale,
            decided_by: d.decided_by,
            date: d.date,
            status: d.status,
            superseded_by,
        };
        out.push(entry(
            id(LogKind::Decision, k),
            p,
            LogFields::Decision(fields),
            &n,
        )?);
    }
    for (k, d) in file.changes.into_iter().enumerate() {
        let n = names(&d.title);
        let p = n.project(&d.project)?;
        let minutes = |days: f64| (days * MINUTES_PER_DAY as f64).round() as i64;
        let changes = d
            .changes
            .iter()
            .map(|c| {
                Ok(match c {
                    DemoProposed::Duration((task, days)) => ProposedChange::Duration {
                        task: n.task(p, task)?,
                        minutes: minutes(*days),
                    },
                    DemoProposed::NewTask((name, days, after, before)) => ProposedChange::NewTask {
                        name: name.clone(),
                        minutes: minutes(*days),
                        after: after.as_deref().map(|t| n.task(p, t)).transpose()?,
                        before: before.as_deref().map(|t| n.task(p, t)).transpose()?,
                    },
                    DemoProposed::Link((a, b)) => ProposedChange::Link {
                        predecessor: n.task(p, a)?,
                        successor: n.task(p, b)?,
                    },
                })
            })
            .collect::<Result<Vec<_>, DemoError>>()?;
        let fields = ChangeRequestFields {
            requirements: n.requirements(&d.requirements)?,
            title: d.title,
            description: d.description,
            reason: d.reason,
            requester: d.requester,
            raised: d.raised,
            status: d.status,
            changes,
            effort_days: d.effort_days,
            scope_impact: d.scope_impact,
            implemented: d.implemented,
        };
        out.push(entry(
            id(LogKind::Change, k),
            p,
            LogFields::Change(fields),
            &n,
        )?);
    }
    Ok(out)
}

fn entry(
    id: LogId,
    p: &SeedProject,
    fields: LogFields,
    n: &Names<'_>,
) -> Result<LogEntry, DemoError> {
    Ok(LogEntry {
        id,
        project: Some(p.project.id),
        fields: fields.normalized().map_err(|e| n.err(e.to_string()))?,
    })
}
