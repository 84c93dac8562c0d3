//! A PM's three logs beside the risk register: the issue log (问题日志), the decision
//! record (决策记录, ADR-like) and change requests (变更请求) with the plan changes they
//! propose, so their effect can be tried on a scratch copy of the plan (what-if) and
//! applied as one edit when approved.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::requirement::RequirementId;
use super::risk::RiskId;
use super::{ProjectId, TaskId};

/// Which log an entry belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    Issue,
    Decision,
    Change,
}

impl LogKind {
    pub const ALL: [LogKind; 3] = [LogKind::Issue, LogKind::Decision, LogKind::Change];

    /// The prefix of its keys: I-3, ADR-2, CR-1.
    pub fn prefix(self) -> &'static str {
        match self {
            LogKind::Issue => "I",
            LogKind::Decision => "ADR",
            LogKind::Change => "CR",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            LogKind::Issue => "issue",
            LogKind::Decision => "decision",
            LogKind::Change => "change",
        }
    }

    /// Its statuses, in the order of its life.
    pub fn statuses(self) -> &'static [&'static str] {
        match self {
            LogKind::Issue => &["open", "in_progress", "resolved", "closed"],
            LogKind::Decision => &["proposed", "decided", "superseded"],
            LogKind::Change => &[
                "submitted",
                "assessing",
                "approved",
                "rejected",
                "implemented",
            ],
        }
    }
}

/// An entry's id: its log and its number there (never reused).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct LogId {
    pub kind: LogKind,
    pub n: i64,
}

impl LogId {
    pub fn key(self) -> String {
        format!("{}-{}", self.kind.prefix(), self.n)
    }
}

/// How bad an issue is.
pub const SEVERITIES: [&str; 4] = ["critical", "major", "minor", "trivial"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct IssueFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// One of [`SEVERITIES`].
    pub severity: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: String,
    #[serde(default)]
    pub resolution: String,
    #[serde(default)]
    pub raised: Option<NaiveDate>,
    /// The risk that occurred and became this issue.
    #[serde(default)]
    pub from_risk: Option<RiskId>,
    #[serde(default)]
    pub tasks: Vec<TaskId>,
    #[serde(default)]
    pub requirements: Vec<RequirementId>,
}

/// An option a decision weighed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOption {
    pub name: String,
    #[serde(default)]
    pub pros: String,
    #[serde(default)]
    pub cons: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionFields {
    pub title: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub options: Vec<DecisionOption>,
    /// What was decided.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub rationale: String,
    #[serde(default)]
    pub decided_by: String,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    pub status: String,
    /// The decision that replaced this one.
    #[serde(default)]
    pub superseded_by: Option<i64>,
    #[serde(default)]
    pub tasks: Vec<TaskId>,
    #[serde(default)]
    pub requirements: Vec<RequirementId>,
    #[serde(default)]
    pub risks: Vec<RiskId>,
}

/// A change to the plan a change request proposes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ProposedChange {
    /// A task's duration becomes this many working minutes.
    Duration { task: TaskId, minutes: i64 },
    /// A new task of this duration, after `after` (and linked finish-to-start from it
    /// when `linked`), before `before` (linked to it) when given.
    NewTask {
        name: String,
        minutes: i64,
        after: Option<TaskId>,
        #[serde(default)]
        before: Option<TaskId>,
    },
    /// A finish-to-start link.
    Link {
        predecessor: TaskId,
        successor: TaskId,
    },
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ChangeRequestFields {
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub requester: String,
    #[serde(default)]
    pub raised: Option<NaiveDate>,
    pub status: String,
    /// The plan changes it asks for (its what-if).
    #[serde(default)]
    pub changes: Vec<ProposedChange>,
    /// Extra effort, in person-days.
    #[serde(default)]
    pub effort_days: Option<f64>,
    /// What it does to the scope, in words.
    #[serde(default)]
    pub scope_impact: String,
    #[serde(default)]
    pub requirements: Vec<RequirementId>,
    /// When it was applied to the plan.
    #[serde(default)]
    pub implemented: Option<NaiveDate>,
}

/// An entry's fields, by log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "log", rename_all = "snake_case")]
pub enum LogFields {
    Issue(IssueFields),
    Decision(DecisionFields),
    Change(ChangeRequestFields),
}

/// Why an entry cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LogProblem {
    #[error("an entry needs a title")]
    NoTitle,
    #[error("no status “{0}” in this log")]
    UnknownStatus(String),
    #[error("no severity “{0}” (critical, major, minor, trivial)")]
    UnknownSeverity(String),
    #[error("no entry {0}")]
    Unknown(String),
    #[error("a proposed duration or new task needs a duration of zero or more")]
    BadChange,
    #[error("{0} is not approved, so it cannot be implemented")]
    NotApproved(String),
    #[error("{0} was implemented already")]
    AlreadyImplemented(String),
    #[error("the change request belongs to no project")]
    NoProject,
}

impl LogFields {
    pub fn kind(&self) -> LogKind {
        match self {
            LogFields::Issue(_) => LogKind::Issue,
            LogFields::Decision(_) => LogKind::Decision,
            LogFields::Change(_) => LogKind::Change,
        }
    }

    pub fn title(&self) -> &str {
        match self {
            LogFields::Issue(f) => &f.title,
            LogFields::Decision(f) => &f.title,
            LogFields::Change(f) => &f.title,
        }
    }

    pub fn status(&self) -> &str {
        match self {
            LogFields::Issue(f) => &f.status,
            LogFields::Decision(f) => &f.status,
            LogFields::Change(f) => &f.status,
        }
    }

    /// A fresh entry of `kind`, titled, in its first status.
    pub fn new(kind: LogKind, title: &str) -> LogFields {
        let status = kind.statuses()[0].to_owned();
        let title = title.to_owned();
        match kind {
            LogKind::Issue => LogFields::Issue(IssueFields {
                title,
                status,
                severity: "major".into(),
                ..Default::default()
            }),
            LogKind::Decision => LogFields::Decision(DecisionFields {
                title,
                status,
                ..Default::default()
            }),
            LogKind::Change => LogFields::Change(ChangeRequestFields {
                title,
                status,
                ..Default::default()
            }),
        }
    }

    /// The fields tidied and checked.
    pub fn normalized(mut self) -> Result<LogFields, LogProblem> {
        let kind = self.kind();
        let (title, status) = match &mut self {
            LogFields::Issue(f) => {
                if !SEVERITIES.contains(&f.severity.as_str()) {
                    return Err(LogProblem::UnknownSeverity(f.severity.clone()));
                }
                (&mut f.title, &f.status)
            }
            LogFields::Decision(f) => (&mut f.title, &f.status),
            LogFields::Change(f) => {
                let bad = f.changes.iter().any(|c| match c {
                    ProposedChange::Duration { minutes, .. }
                    | ProposedChange::NewTask { minutes, .. } => *minutes < 0,
                    ProposedChange::Link { .. } => false,
                });
                if bad {
                    return Err(LogProblem::BadChange);
                }
                (&mut f.title, &f.status)
            }
        };
        *title = title.trim().to_owned();
        if title.is_empty() {
            return Err(LogProblem::NoTitle);
        }
        if !kind.statuses().contains(&status.as_str()) {
            return Err(LogProblem::UnknownStatus(status.clone()));
        }
        Ok(self)
    }
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub id: LogId,
    /// The project it belongs to (`None`: the whole workspace).
    pub project: Option<ProjectId>,
    pub fields: LogFields,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_statuses_and_checks() {
        assert_eq!(
            LogId {
                kind: LogKind::Decision,
                n: 4
            }
            .key(),
            "ADR-4"
        );
        assert_eq!(LogFields::new(LogKind::Change, "x").status(), "submitted");
        assert_eq!(
            LogFields::new(LogKind::Issue, "  ").normalized(),
            Err(LogProblem::NoTitle)
        );
        let mut f = LogFields::new(LogKind::Issue, "推送延迟");
        if let LogFields::Issue(i) = &mut f {
            i.status = "done".into();
        }
        assert_eq!(
            f.normalized(),
            Err(LogProblem::UnknownStatus("done".into()))
        );
        let json = serde_json::to_string(&LogFields::Change(ChangeRequestFields {
            title: "增加导出".into(),
            status: "submitted".into(),
            changes: vec![ProposedChange::Duration {
                task: TaskId(3),
                minutes: 960,
            }],
            ..Default::default()
        }))
        .unwrap_or_default();
        assert!(json.contains("\"log\":\"change\"") && json.contains("\"type\":\"duration\""));
    }
}
