//! Every report kind behind one call: the weekly status report, the milestone trend,
//! the customer report, release notes, the portfolio and the burn-up. Each builds its
//! facts (JSON for `--as json`) and a `Document` that every format renders.

pub mod burnup;
pub mod customer;
pub mod portfolio;
pub mod release_notes;

use crate::i18n::{Language, tr, tr_with};
use crate::model::report::{ReportKey, ReportSnapshot};
use crate::model::requirement::Release;
use crate::model::{Project, ProjectId};
use crate::report::document::{Block, Document, Rag};
use crate::report::publish::{self, WeeklyBuild};
use crate::report::weekly::{Dimension, Period};
use crate::store::{StoreResult, Workspace};

/// A kind of report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Weekly,
    Mta,
    Customer,
    ReleaseNotes,
    Portfolio,
    Burnup,
}

/// What a kind is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject {
    Project,
    Release,
    Customer,
    Everything,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Weekly,
        Kind::Mta,
        Kind::Customer,
        Kind::ReleaseNotes,
        Kind::Portfolio,
        Kind::Burnup,
    ];

    /// Its name on the command line, in templates and in snapshots.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Weekly => "weekly",
            Kind::Mta => "mta",
            Kind::Customer => "customer",
            Kind::ReleaseNotes => "release-notes",
            Kind::Portfolio => "portfolio",
            Kind::Burnup => "burnup",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The locale key of its name.
    pub fn label_key(self) -> &'static str {
        match self {
            Kind::Weekly => "reports.kind_weekly",
            Kind::Mta => "reports.kind_mta",
            Kind::Customer => "reports.kind_customer",
            Kind::ReleaseNotes => "reports.kind_release_notes",
            Kind::Portfolio => "reports.kind_portfolio",
            Kind::Burnup => "reports.kind_burnup",
        }
    }

    pub fn subject(self) -> Subject {
        match self {
            Kind::Weekly | Kind::Mta => Subject::Project,
            Kind::Customer => Subject::Customer,
            Kind::ReleaseNotes | Kind::Burnup => Subject::Release,
            Kind::Portfolio => Subject::Everything,
        }
    }

    /// Whether it covers a period (the others are as of the period's end).
    pub fn has_period(self) -> bool {
        matches!(self, Kind::Weekly | Kind::Portfolio)
    }
}

/// Which report to build.
#[derive(Clone, Debug)]
pub struct Request<'a> {
    pub kind: Kind,
    pub project: Option<&'a Project>,
    pub release: Option<&'a Release>,
    pub customer: Option<&'a str>,
    pub period: Period,
    pub lang: Language,
}

/// Why a report cannot be built from a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequestProblem {
    #[error("this report is about a project: name one")]
    NeedsProject,
    #[error("this report is about a release: name one")]
    NeedsRelease,
    #[error("this report is about a customer or segment: name one")]
    NeedsCustomer,
}

/// A report ready to show, export or publish.
#[derive(Clone, Debug)]
pub struct Built {
    pub kind: Kind,
    pub key: ReportKey,
    pub project: Option<ProjectId>,
    pub document: Document,
    /// `--as json`.
    pub facts: serde_json::Value,
    /// The overall status, where the kind rates one.
    pub status: Option<Rag>,
    /// The weekly report behind a weekly or MTA report (its draft and comparison).
    pub weekly: Option<WeeklyBuild>,
}

/// Builds the requested report from the workspace.
pub fn build(ws: &Workspace, req: &Request<'_>) -> StoreResult<Result<Built, RequestProblem>> {
    let template = ws.report_template(req.kind.code())?;
    let org = template
        .organisation
        .clone()
        .filter(|o| !o.trim().is_empty());
    let key = |subject: &str, period: Period| ReportKey {
        kind: req.kind.code().to_owned(),
        subject: subject.to_owned(),
        from: period.from,
        to: period.to,
    };
    let mut built = match req.kind {
        Kind::Weekly | Kind::Mta => {
            let Some(project) = req.project else {
                return Ok(Err(RequestProblem::NeedsProject));
            };
            let w = publish::weekly(ws, project, req.period, req.lang)?;
            let (document, facts) = if req.kind == Kind::Weekly {
                (
                    w.document.clone(),
                    crate::report::weekly::to_json(&w.report),
                )
            } else {
                mta_document(&w, req.lang, org.clone())
            };
            Built {
                kind: req.kind,
                key: key(&project.fields.name, req.period),
                project: Some(project.id),
                status: w.report.status.get(Dimension::Overall),
                document,
                facts,
                weekly: Some(w),
            }
        }
        Kind::Customer => {
            let Some(customer) = req.customer else {
                return Ok(Err(RequestProblem::NeedsCustomer));
            };
            let c = customer::build(ws, customer, req.period.to, req.lang)?;
            Built {
                kind: req.kind,
                key: key(customer, req.period),
                project: None,
                document: customer::document(&c, req.lang, req.period.to, org.clone()),
                facts: customer::to_json(&c),
                status: None,
                weekly: None,
            }
        }
        Kind::ReleaseNotes | Kind::Burnup => {
            let Some(release) = req.release else {
                return Ok(Err(RequestProblem::NeedsRelease));
            };
            let (document, facts) = if req.kind == Kind::ReleaseNotes {
                let n = release_notes::build(ws, release)?;
                (
                    release_notes::document(&n, req.lang, org.clone()),
                    release_notes::to_json(&n),
                )
            } else {
                let b = burnup::build(ws, release, req.period.to, 12)?;
                (
                    burnup::document(&b, req.lang, org.clone()),
                    burnup::to_json(&b),
                )
            };
            Built {
                kind: req.kind,
                key: key(&release.fields.name, req.period),
                project: None,
                document,
                facts,
                status: None,
                weekly: None,
            }
        }
        Kind::Portfolio => {
            let p = portfolio::build(ws, req.period)?;
            let worst = p.projects.iter().filter_map(|r| r.status).max();
            Built {
                kind: req.kind,
                key: key("", req.period),
                project: None,
                document: portfolio::document(&p, req.lang, org.clone()),
                facts: portfolio::to_json(&p),
                status: worst,
                weekly: None,
            }
        }
    };
    built.document.logo = template.logo.clone();
    if req.kind != Kind::Weekly
        && let Some(title) = template.title.filter(|t| !t.trim().is_empty())
    {
        built.document.title = title;
    }
    Ok(Ok(built))
}

/// The milestone trend analysis as its own report: the chart over the published weekly
/// reports and this week, and the figures behind it.
fn mta_document(
    w: &WeeklyBuild,
    lang: Language,
    organisation: Option<String>,
) -> (Document, serde_json::Value) {
    let r = &w.report;
    let title = tr_with(lang, "mta.title", &[("project", &r.project)]);
    let chart_title = tr(lang, "weekly.section.trend");
    let mut blocks = vec![Block::Muted(tr(lang, "mta.how_to_read"))];
    if r.trend.iter().all(|s| s.points.len() < 2) {
        blocks.push(Block::Paragraph(tr(lang, "mta.needs_reports")));
    } else {
        blocks.push(Block::Chart(crate::report::mta::chart(
            &r.trend,
            &chart_title,
        )));
    }
    blocks.push(Block::Table(crate::report::mta::table(
        &r.trend,
        &chart_title,
        &tr(lang, "weekly.col.task"),
        &tr(lang, "weekly.none"),
    )));
    let facts = serde_json::json!({
        "kind": "mta",
        "project": r.project,
        "milestones": r.trend.iter().map(|s| serde_json::json!({
            "uid": s.uid,
            "name": s.name,
            "forecasts": s.points.iter().map(|(at, f)| serde_json::json!({
                "report": at.to_string(), "finish": f.to_string(),
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    });
    let subtitle = w.document.subtitle.clone();
    (
        Document {
            lang,
            title,
            subtitle,
            organisation,
            running_header: w.document.running_header.clone(),
            blocks,
            logo: None,
        },
        facts,
    )
}

/// The snapshot publishing this report stores.
pub fn snapshot(
    built: &Built,
    published_at: chrono::NaiveDateTime,
    published_by: &str,
) -> ReportSnapshot {
    if built.kind == Kind::Weekly
        && let Some(w) = &built.weekly
    {
        let mut s = publish::snapshot_parts(w, published_at, published_by);
        s.project = built.project;
        return s;
    }
    ReportSnapshot {
        id: 0,
        key: built.key.clone(),
        project: built.project,
        published_at,
        published_by: published_by.to_owned(),
        lang: built.document.lang.code().to_owned(),
        status: built.status.map(|s| s.code().to_owned()),
        facts: built.facts.clone(),
        document: serde_json::to_value(&built.document).unwrap_or_default(),
    }
}
