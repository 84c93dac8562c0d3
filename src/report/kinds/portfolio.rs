//! 项目组合 / portfolio report: one row per project — status, % complete, forecast
//! finish against the baseline, the next milestone, the top open threat of its risk
//! register.

use chrono::NaiveDate;

use crate::i18n::{Language, tr, tr_with};
use crate::report::document::{Block, Cell, Document, StatusMark, Table};
use crate::report::weekly::{self, Dimension, Period, Rag};
use crate::store::{StoreResult, Workspace};

#[derive(Clone, Debug, PartialEq)]
pub struct ProjectRow {
    pub name: String,
    pub status: Option<Rag>,
    pub percent_actual: f64,
    pub percent_planned: f64,
    pub finish: Option<NaiveDate>,
    pub baseline_finish: Option<NaiveDate>,
    /// The next milestone not done: name and forecast finish.
    pub next_milestone: Option<(String, NaiveDate)>,
    /// The open threat with the highest score.
    pub top_risk: Option<weekly::RiskLine>,
}

impl ProjectRow {
    pub fn variance_days(&self) -> Option<i64> {
        self.finish
            .zip(self.baseline_finish)
            .map(|(f, b)| (f - b).num_days())
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub period: Period,
    pub projects: Vec<ProjectRow>,
}

/// Every project rated for the period (each with its own published overrides laid
/// over, as its weekly report shows them).
pub fn build(ws: &Workspace, period: Period) -> StoreResult<Portfolio> {
    let mut projects = Vec::new();
    for project in ws.projects()? {
        projects.push(build_row(ws, &project, period)?);
    }
    Ok(Portfolio { period, projects })
}

/// One project's row: its weekly report for the period (the PM's overrides laid over),
/// its forecast and baseline finish, its next milestone.
pub fn build_row(
    ws: &Workspace,
    project: &crate::model::Project,
    period: Period,
) -> StoreResult<ProjectRow> {
    let mut r = weekly::weekly(ws, project, period)?;
    r.apply_draft(&ws.report_draft(&crate::report::publish::weekly_key(project, period))?);
    let plan = ws.plan(project.id)?;
    let finish = plan
        .tasks
        .iter()
        .filter_map(|t| t.fields.finish)
        .max()
        .map(|t| t.date());
    let baseline_finish = plan
        .baselines
        .iter()
        .filter(|b| b.number == 0)
        .filter_map(|b| b.finish)
        .max()
        .map(|t| t.date());
    let next_milestone = r
        .milestones
        .iter()
        .filter(|m| !m.done)
        .filter_map(|m| Some((m.name.clone(), m.finish?)))
        .min_by_key(|m| m.1);
    Ok(ProjectRow {
        name: project.fields.name.clone(),
        status: r.status.get(Dimension::Overall),
        percent_actual: r.percent_actual,
        percent_planned: r.percent_planned,
        finish,
        baseline_finish,
        next_milestone,
        top_risk: r.risks.top.first().cloned(),
    })
}

pub fn to_json(p: &Portfolio) -> serde_json::Value {
    serde_json::json!({
        "kind": "portfolio",
        "period": {"from": p.period.from.to_string(), "to": p.period.to.to_string()},
        "projects": p.projects.iter().map(|r| serde_json::json!({
            "name": r.name,
            "status": r.status.map(Rag::code),
            "percent_complete": {"planned": r.percent_planned, "actual": r.percent_actual},
            "finish": r.finish.map(|d| d.to_string()),
            "baseline_finish": r.baseline_finish.map(|d| d.to_string()),
            "variance_days": r.variance_days(),
            "top_risk": r.top_risk.as_ref().map(|t| serde_json::json!({
                "key": t.key, "title": t.title, "score": t.score, "band": t.band.code(),
            })),
            "next_milestone": r.next_milestone.as_ref().map(|(n, d)| serde_json::json!({
                "name": n, "finish": d.to_string(),
            })),
        })).collect::<Vec<_>>(),
    })
}

pub fn document(p: &Portfolio, lang: Language, organisation: Option<String>) -> Document {
    let period = tr_with(
        lang,
        "weekly.period",
        &[
            ("from", &p.period.from.to_string()),
            ("to", &p.period.to.to_string()),
        ],
    );
    let heads = |keys: &[&str]| keys.iter().map(|k| tr(lang, k)).collect::<Vec<_>>();
    let blocks = vec![
        Block::Heading(tr(lang, "portfolio.status")),
        Block::Statuses(
            p.projects
                .iter()
                .map(|r| StatusMark {
                    label: r.name.clone(),
                    rag: r.status,
                    mark: weekly::mark(lang, r.status),
                })
                .collect(),
        ),
        Block::Heading(tr(lang, "portfolio.projects")),
        Block::Table(Table {
            name: tr(lang, "portfolio.projects"),
            columns: heads(&[
                "customer.col.project",
                "portfolio.col.status",
                "portfolio.col.actual",
                "portfolio.col.planned",
                "weekly.col.baseline",
                "portfolio.col.forecast",
                "weekly.col.variance",
                "portfolio.col.next_milestone",
                "portfolio.col.top_risk",
            ]),
            rows: p
                .projects
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(&r.name),
                        Cell::text(weekly::mark(lang, r.status)),
                        Cell::Number(r.percent_actual),
                        Cell::Number(r.percent_planned),
                        Cell::date(r.baseline_finish),
                        Cell::date(r.finish),
                        Cell::signed(r.variance_days()),
                        Cell::text(
                            r.next_milestone
                                .as_ref()
                                .map(|(n, d)| format!("{n} {d}"))
                                .unwrap_or_default(),
                        ),
                        Cell::text(r.top_risk.as_ref().map_or_else(
                            || "—".to_owned(),
                            |t| format!("{} {}（{}）", t.key, t.title, t.score),
                        )),
                    ]
                })
                .collect(),
            empty: tr(lang, "weekly.none"),
        }),
    ];
    Document {
        lang,
        title: tr(lang, "portfolio.title"),
        subtitle: period.clone(),
        organisation,
        running_header: format!("{} · {period}", tr(lang, "portfolio.title")),
        blocks,
        logo: None,
    }
}
