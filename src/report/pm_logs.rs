//! The issue log, decision record and change requests as read for files and the
//! command line: `logs --json`, and a Markdown document (one table per log, each
//! decision with its options, each open change request with its what-if).

use std::collections::HashMap;

use crate::i18n::{Language, tr};
use crate::model::logs::{LogEntry, LogFields, LogKind, ProposedChange};
use crate::model::task::MINUTES_PER_DAY;
use crate::model::{Project, ProjectId, TaskId};
use crate::report::document::{Block, Cell, Document, Table};
use crate::report::what_if::WhatIf;
use crate::store::{StoreResult, Workspace};

/// The logs of a project (with the workspace-wide entries), or of everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Logs {
    pub entries: Vec<LogEntry>,
    /// Task UIDs and names, requirement keys, for links.
    pub tasks: HashMap<TaskId, (i64, String)>,
    pub requirement_keys: HashMap<crate::model::requirement::RequirementId, String>,
    /// The what-if of each open change request of the project (or why there is none).
    pub what_ifs: HashMap<crate::model::logs::LogId, Result<WhatIf, String>>,
    pub project: Option<String>,
}

impl Logs {
    pub fn read(ws: &Workspace, project: Option<&Project>) -> StoreResult<Logs> {
        let id: Option<ProjectId> = project.map(|p| p.id);
        let mut entries = Vec::new();
        for kind in LogKind::ALL {
            entries.extend(
                ws.log_entries(kind)?
                    .into_iter()
                    .filter(|e| id.is_none() || e.project.is_none() || e.project == id),
            );
        }
        let mut tasks = HashMap::new();
        for p in ws.projects()? {
            if id.is_some_and(|i| i != p.id) {
                continue;
            }
            for t in ws.plan(p.id)?.tasks {
                tasks.insert(
                    t.id,
                    (t.fields.source_uid.unwrap_or(t.id.0), t.fields.name.clone()),
                );
            }
        }
        let mut what_ifs = HashMap::new();
        if let Some(p) = project {
            let open: Vec<&LogEntry> = entries
                .iter()
                .filter(|e| e.project == Some(p.id))
                .filter(|e| matches!(&e.fields, LogFields::Change(c)
                    if !c.changes.is_empty() && !matches!(c.status.as_str(), "implemented" | "rejected")))
                .collect();
            if !open.is_empty() {
                let inputs = ws.plan_inputs(p)?;
                for e in open {
                    if let LogFields::Change(c) = &e.fields {
                        let w = crate::report::what_if::what_if(p, &inputs, &c.changes)
                            .map_err(|x| x.to_string());
                        what_ifs.insert(e.id, w);
                    }
                }
            }
        }
        Ok(Logs {
            entries,
            tasks,
            requirement_keys: ws
                .requirements()?
                .into_iter()
                .map(|r| (r.id, r.id.key()))
                .collect(),
            what_ifs,
            project: project.map(|p| p.fields.name.clone()),
        })
    }

    /// A change request's what-if, when it has one.
    fn what_if(&self, id: crate::model::logs::LogId) -> Option<&WhatIf> {
        self.what_ifs.get(&id).and_then(|w| w.as_ref().ok())
    }

    fn uid(&self, t: &TaskId) -> i64 {
        self.tasks.get(t).map_or(t.0, |(u, _)| *u)
    }

    fn task_name(&self, t: &TaskId) -> String {
        self.tasks
            .get(t)
            .map_or_else(|| format!("#{}", t.0), |(_, n)| n.clone())
    }

    fn requirement(&self, r: &crate::model::requirement::RequirementId) -> String {
        self.requirement_keys
            .get(r)
            .cloned()
            .unwrap_or_else(|| r.key())
    }

    /// `logs --json`.
    pub fn to_json(&self) -> serde_json::Value {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
        let of = |kind: LogKind| self.entries.iter().filter(move |e| e.id.kind == kind);
        let change = |c: &ProposedChange| match c {
            ProposedChange::Duration { task, minutes } => serde_json::json!({
                "type": "duration", "task": self.uid(task),
                "days": *minutes as f64 / MINUTES_PER_DAY as f64,
            }),
            ProposedChange::NewTask {
                name,
                minutes,
                after,
                before,
            } => serde_json::json!({
                "type": "new_task", "name": name,
                "days": *minutes as f64 / MINUTES_PER_DAY as f64,
                "after": after.as_ref().map(|t| self.uid(t)),
                "before": before.as_ref().map(|t| self.uid(t)),
            }),
            ProposedChange::Link {
                predecessor,
                successor,
            } => serde_json::json!({
                "type": "link", "predecessor": self.uid(predecessor),
                "successor": self.uid(successor),
            }),
        };
        serde_json::json!({
            "issues": of(LogKind::Issue).filter_map(|e| match &e.fields {
                LogFields::Issue(f) => Some(serde_json::json!({
                    "key": e.id.key(),
                    "title": f.title,
                    "severity": f.severity,
                    "owner": f.owner,
                    "due": day(f.due),
                    "status": f.status,
                    "resolution": f.resolution,
                    "from_risk": f.from_risk.map(|r| r.key()),
                    "tasks": f.tasks.iter().map(|t| self.uid(t)).collect::<Vec<_>>(),
                    "requirements": f.requirements.iter().map(|r| self.requirement(r)).collect::<Vec<_>>(),
                })),
                _ => None,
            }).collect::<Vec<_>>(),
            "decisions": of(LogKind::Decision).filter_map(|e| match &e.fields {
                LogFields::Decision(f) => Some(serde_json::json!({
                    "key": e.id.key(),
                    "title": f.title,
                    "context": f.context,
                    "options": f.options.iter().map(|o| serde_json::json!({
                        "name": o.name, "pros": o.pros, "cons": o.cons,
                    })).collect::<Vec<_>>(),
                    "decision": f.decision,
                    "rationale": f.rationale,
                    "decided_by": f.decided_by,
                    "date": day(f.date),
                    "status": f.status,
                    "superseded_by": f.superseded_by.map(|n| format!("ADR-{n}")),
                })),
                _ => None,
            }).collect::<Vec<_>>(),
            "change_requests": of(LogKind::Change).filter_map(|e| match &e.fields {
                LogFields::Change(f) => Some(serde_json::json!({
                    "key": e.id.key(),
                    "title": f.title,
                    "reason": f.reason,
                    "requester": f.requester,
                    "status": f.status,
                    "effort_days": f.effort_days,
                    "scope_impact": f.scope_impact,
                    "changes": f.changes.iter().map(change).collect::<Vec<_>>(),
                    "what_if": self.what_if(e.id).map(|w| serde_json::json!({
                        "finish_before": w.finish_before.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        "finish_after": w.finish_after.format("%Y-%m-%dT%H:%M:%S").to_string(),
                        "finish_days": (w.finish_days * 100.0).round() / 100.0,
                        "newly_critical": w.newly_critical,
                    })),
                })),
                _ => None,
            }).collect::<Vec<_>>(),
        })
    }

    /// The three logs as a document: a table per log, then each decision's options and
    /// each open change request's what-if.
    pub fn document(&self, lang: Language) -> Document {
        let t = |k: &str| tr(lang, k);
        let sep = crate::i18n::colon(lang);
        let semi = match lang {
            Language::ZhCn => "；",
            Language::English => "; ",
        };
        let status = |kind: LogKind, s: &str| t(&format!("logs.{}.status.{s}", kind.code()));
        let mut blocks = Vec::new();
        let table = |name: String, columns: Vec<String>, rows: Vec<Vec<Cell>>| {
            Block::Table(Table {
                name,
                columns,
                rows,
                empty: t("logs.none"),
            })
        };
        blocks.push(Block::Heading(t("risks.tab_issues")));
        blocks.push(table(
            t("risks.tab_issues"),
            [
                "risk.column.key",
                "logs.title",
                "logs.issue.severity",
                "risk.column.owner",
                "logs.issue.due",
                "risk.column.status",
                "logs.issue.resolution",
            ]
            .iter()
            .map(|k| t(k))
            .collect(),
            self.entries
                .iter()
                .filter_map(|e| match &e.fields {
                    LogFields::Issue(f) => Some(vec![
                        Cell::text(e.id.key()),
                        Cell::text(&f.title),
                        Cell::text(t(&format!("logs.severity.{}", f.severity))),
                        Cell::text(&f.owner),
                        Cell::date(f.due),
                        Cell::text(status(LogKind::Issue, &f.status)),
                        Cell::text(&f.resolution),
                    ]),
                    _ => None,
                })
                .collect(),
        ));
        blocks.push(Block::Heading(t("risks.tab_decisions")));
        for e in &self.entries {
            let LogFields::Decision(f) = &e.fields else {
                continue;
            };
            let mut lines = vec![
                format!(
                    "{}{sep}{}",
                    t("risk.column.status"),
                    status(LogKind::Decision, &f.status)
                ),
                format!("{}{sep}{}", t("logs.decision.context"), f.context),
                format!("{}{sep}{}", t("logs.decision.decision"), f.decision),
                format!("{}{sep}{}", t("logs.decision.rationale"), f.rationale),
                format!(
                    "{}{sep}{} {}",
                    t("logs.decision.decided_by"),
                    f.decided_by,
                    f.date.map(|d| d.to_string()).unwrap_or_default()
                ),
            ];
            if let Some(n) = f.superseded_by {
                lines.push(format!("{}{sep}ADR-{n}", t("logs.decision.superseded_by")));
            }
            for o in &f.options {
                lines.push(format!(
                    "{} {}{sep}+ {}{semi}− {}",
                    t("logs.decision.option"),
                    o.name,
                    o.pros,
                    o.cons
                ));
            }
            blocks.push(Block::Paragraph(format!("{} {}", e.id.key(), f.title)));
            blocks.push(Block::Bullets(lines));
        }
        blocks.push(Block::Heading(t("risks.tab_changes")));
        for e in &self.entries {
            let LogFields::Change(f) = &e.fields else {
                continue;
            };
            let mut lines = vec![
                format!(
                    "{}{sep}{}",
                    t("risk.column.status"),
                    status(LogKind::Change, &f.status)
                ),
                format!("{}{sep}{}", t("logs.change.requester"), f.requester),
                format!("{}{sep}{}", t("logs.change.reason"), f.reason),
                format!("{}{sep}{}", t("logs.change.scope"), f.scope_impact),
            ];
            if let Some(d) = f.effort_days {
                lines.push(format!("{}{sep}{d}", t("logs.change.effort")));
            }
            for c in &f.changes {
                lines.push(match c {
                    ProposedChange::Duration { task, minutes } => crate::i18n::tr_with(
                        lang,
                        "logs.change.duration_text",
                        &[
                            ("task", &self.task_name(task)),
                            (
                                "days",
                                &format!("{}", *minutes as f64 / MINUTES_PER_DAY as f64),
                            ),
                        ],
                    ),
                    ProposedChange::NewTask {
                        name,
                        minutes,
                        after,
                        before,
                    } => crate::i18n::tr_with(
                        lang,
                        "logs.change.new_task_text",
                        &[
                            ("name", name),
                            (
                                "days",
                                &format!("{}", *minutes as f64 / MINUTES_PER_DAY as f64),
                            ),
                            (
                                "after",
                                &after.as_ref().map_or("—".to_owned(), |t| self.task_name(t)),
                            ),
                            (
                                "before",
                                &before
                                    .as_ref()
                                    .map_or("—".to_owned(), |t| self.task_name(t)),
                            ),
                        ],
                    ),
                    ProposedChange::Link {
                        predecessor,
                        successor,
                    } => format!(
                        "{} → {}",
                        self.task_name(predecessor),
                        self.task_name(successor)
                    ),
                });
            }
            if let Some(w) = self.what_if(e.id) {
                lines.push(crate::i18n::tr_with(
                    lang,
                    "logs.what_if_finish",
                    &[
                        ("before", &w.finish_before.format("%Y-%m-%d").to_string()),
                        ("after", &w.finish_after.format("%Y-%m-%d").to_string()),
                        ("days", &format!("{:+.1}", w.finish_days)),
                    ],
                ));
            }
            blocks.push(Block::Paragraph(format!("{} {}", e.id.key(), f.title)));
            blocks.push(Block::Bullets(lines));
        }
        let title = t("logs.document_title");
        Document {
            lang,
            title: match &self.project {
                Some(p) => format!("{title} — {p}"),
                None => title.clone(),
            },
            subtitle: String::new(),
            organisation: None,
            running_header: title,
            blocks,
            logo: None,
        }
    }
}
