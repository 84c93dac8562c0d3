//! The demo's published weekly reports (`assets/demo/reports.json`): built from the
//! plan for their weeks as a PM would have sent them then — the % complete reported,
//! the milestones forecast where they stood, the narrative and the statuses typed —
//! so the Reports page's comparison and milestone trend show on first launch.

use chrono::{Duration, NaiveDateTime};
use serde::Deserialize;

use super::DemoError;
use crate::i18n::Language;
use crate::model::report::{Narrative, ReportDraft, ReportSnapshot, StatusOverride};
use crate::report::publish;
use crate::report::weekly::{self, Period};
use crate::store::Workspace;

#[derive(Deserialize)]
struct File {
    reports: Vec<DemoReport>,
}

#[derive(Deserialize)]
struct DemoReport {
    project: String,
    week: String,
    published_at: NaiveDateTime,
    published_by: String,
    percent_actual: f64,
    milestone_shift_days: i64,
    /// Dimension → [status, reason].
    status: std::collections::BTreeMap<String, (String, String)>,
    summary: String,
    help_needed: String,
    next_focus: String,
}

/// The snapshots, oldest first, each compared with the ones before it.
pub fn build(ws: &Workspace) -> Result<Vec<ReportSnapshot>, DemoError> {
    let file: File = serde_json::from_str(include_str!("../../assets/demo/reports.json"))
        .map_err(|e| DemoError(format!("reports.json: {e}")))?;
    let err = |e: crate::store::StoreError| DemoError(format!("reports.json: {e}"));
    let projects = ws.projects().map_err(err)?;
    let template = ws.report_template("weekly").map_err(err)?;
    let mut out: Vec<ReportSnapshot> = Vec::new();
    for (n, d) in file.reports.into_iter().enumerate() {
        let project = projects
            .iter()
            .find(|p| p.fields.name == d.project)
            .ok_or_else(|| DemoError(format!("reports.json: no project “{}”", d.project)))?;
        let period = Period::parse_week(&d.week)
            .ok_or_else(|| DemoError(format!("reports.json: “{}” is not a week", d.week)))?;
        let mut report = weekly::weekly(ws, project, period).map_err(err)?;
        report.percent_actual = d.percent_actual;
        for m in report.milestones.iter_mut().filter(|m| !m.done) {
            m.finish = m
                .finish
                .map(|f| (f + Duration::days(d.milestone_shift_days)).max(period.to));
            m.days = m
                .baseline_finish
                .zip(m.finish)
                .map(|(b, f)| (f - b).num_days());
        }
        let draft = ReportDraft {
            narrative: Narrative {
                summary: d.summary,
                help_needed: d.help_needed,
                next_focus: d.next_focus,
            },
            overrides: d
                .status
                .into_iter()
                .map(|(dimension, (rag, reason))| StatusOverride {
                    dimension,
                    rag,
                    reason,
                })
                .collect(),
        }
        .normalized()
        .map_err(|e| DemoError(format!("reports.json: {}: {e}", d.week)))?;
        report.apply_draft(&draft);
        report.with_history(&out);
        let build = publish::WeeklyBuild {
            key: publish::weekly_key(project, period),
            document: weekly::document(&report, Language::ZhCn, &template),
            report,
        };
        let mut snapshot = publish::snapshot(&build, project, d.published_at, &d.published_by);
        snapshot.id = n as i64 + 1;
        out.push(snapshot);
    }
    Ok(out)
}
