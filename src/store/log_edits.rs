//! Resolving changes to the PM logs: entries added, changed, deleted (numbers never
//! reused); a risk that occurred raised as an issue; an approved change request turned
//! into the plan changes it proposes (applied by the caller, with the request marked
//! implemented, as one edit).

use rusqlite::Transaction;

use super::error::{StoreResult, sql};
use super::log_rows;
use crate::model::logs::{
    ChangeRequestFields, IssueFields, LogEntry, LogFields, LogId, LogKind, LogProblem,
    ProposedChange,
};
use crate::model::risk::RiskProblem;
use crate::model::{Change, Edit, ProjectId};

fn load(tx: &Transaction<'_>, id: LogId) -> StoreResult<LogEntry> {
    log_rows::entry(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| LogProblem::Unknown(id.key()).into())
}

pub(super) fn add(
    tx: &Transaction<'_>,
    project: Option<ProjectId>,
    fields: LogFields,
) -> StoreResult<Edit> {
    let fields = fields.normalized()?;
    if let Some(p) = project {
        super::queries::load_project(tx, p)?;
    }
    let id = log_rows::next_id(tx, fields.kind()).map_err(|e| sql(e, tx))?;
    Ok(Edit::PutLogEntry {
        before: None,
        after: Some(LogEntry {
            id,
            project,
            fields,
        }),
    })
}

pub(super) fn update(tx: &Transaction<'_>, id: LogId, fields: LogFields) -> StoreResult<Edit> {
    let before = load(tx, id)?;
    let fields = fields.normalized()?;
    if fields.kind() != id.kind {
        return Err(LogProblem::Unknown(id.key()).into());
    }
    let after = LogEntry {
        fields,
        ..before.clone()
    };
    Ok(Edit::PutLogEntry {
        before: Some(before),
        after: Some(after),
    })
}

pub(super) fn delete(tx: &Transaction<'_>, ids: &[LogId]) -> StoreResult<Edit> {
    let mut edits = Vec::with_capacity(ids.len());
    for &id in ids {
        edits.push(Edit::PutLogEntry {
            before: Some(load(tx, id)?),
            after: None,
        });
    }
    Ok(match edits.len() {
        1 => edits.remove(0),
        _ => Edit::Batch { edits },
    })
}

/// The issue a risk that occurred becomes, unless one was raised from it already.
pub(super) fn issue_for(
    tx: &Transaction<'_>,
    risk: &crate::model::risk::Risk,
    today: chrono::NaiveDate,
) -> StoreResult<Option<Edit>> {
    let raised_already = log_rows::entries(tx, LogKind::Issue)
        .map_err(|e| sql(e, tx))?
        .iter()
        .any(|e| matches!(&e.fields, LogFields::Issue(i) if i.from_risk == Some(risk.id)));
    if raised_already {
        return Ok(None);
    }
    let f = &risk.fields;
    let severity = match f.score() {
        s if s >= 15 => "critical",
        s if s >= 6 => "major",
        _ => "minor",
    };
    let issue = LogFields::Issue(IssueFields {
        title: f.title.clone(),
        description: f.description.clone(),
        severity: severity.into(),
        owner: f.owner.clone(),
        due: None,
        status: "open".into(),
        resolution: String::new(),
        raised: Some(today),
        from_risk: Some(risk.id),
        tasks: f.tasks.clone(),
        requirements: f.requirements.clone(),
    });
    let id = log_rows::next_id(tx, LogKind::Issue).map_err(|e| sql(e, tx))?;
    Ok(Some(Edit::PutLogEntry {
        before: None,
        after: Some(LogEntry {
            id,
            project: f.project,
            fields: issue,
        }),
    }))
}

/// The risk marked occurred and an issue raised from it, once.
pub(super) fn raise_issue(
    tx: &Transaction<'_>,
    risk: crate::model::risk::RiskId,
    today: chrono::NaiveDate,
) -> StoreResult<Edit> {
    let before = super::risk_rows::risk(tx, risk)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| RiskProblem::Unknown(risk.key()))?;
    let mut after = before.clone();
    after.fields.status = "occurred".into();
    let issue = issue_for(tx, &after, today)?
        .ok_or_else(|| LogProblem::Unknown(format!("{} → issue", risk.key())))?;
    Ok(Edit::Batch {
        edits: vec![
            Edit::PutRisk {
                before: Some(before),
                after: Some(after),
            },
            issue,
        ],
    })
}

/// What implementing an approved change request does: its project, the plan changes
/// it proposes, and the change marking it implemented (applied last).
pub(super) fn implementation(
    tx: &Transaction<'_>,
    id: LogId,
    today: chrono::NaiveDate,
) -> StoreResult<(ProjectId, Vec<ProposedChange>, Change)> {
    let entry = load(tx, id)?;
    let LogFields::Change(f) = &entry.fields else {
        return Err(LogProblem::Unknown(id.key()).into());
    };
    match f.status.as_str() {
        "approved" => {}
        "implemented" => return Err(LogProblem::AlreadyImplemented(id.key()).into()),
        _ => return Err(LogProblem::NotApproved(id.key()).into()),
    }
    let project = entry.project.ok_or(LogProblem::NoProject)?;
    let done = LogFields::Change(ChangeRequestFields {
        status: "implemented".into(),
        implemented: Some(today),
        ..f.clone()
    });
    Ok((
        project,
        f.changes.clone(),
        Change::UpdateLogEntry { id, fields: done },
    ))
}
