//! 客户报告 / customer report, for one customer account or segment: what they asked for
//! (the requirements their feedback links to) and where each stands, what was
//! delivered, the next milestones of the projects doing the work, and their
//! satisfaction over the survey waves. Written for the customer: owners, scores,
//! demand figures and internal notes never appear.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::i18n::{Language, tr, tr_with};
use crate::model::requirement::RequirementId;
use crate::report::document::{Block, Cell, Document, Table, number_text};
use crate::store::{StoreResult, Workspace};

/// A requirement as the customer sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asked {
    pub key: String,
    pub title: String,
    /// The status as the workspace names it.
    pub status: String,
    pub delivered: bool,
    /// Decided against (rejected): said so, apart from the rest.
    pub declined: bool,
    /// The release it is planned in, and that release's target day.
    pub release: Option<String>,
    pub target: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CustomerReport {
    pub customer: String,
    /// How many feedback items they gave.
    pub feedback: usize,
    pub asked: Vec<Asked>,
    /// (project, milestone, forecast finish) still ahead, soonest first.
    pub milestones: Vec<(String, String, NaiveDate)>,
    /// (survey wave, NPS) oldest first; `segment_only` tells whether the answers were
    /// those of this customer's segment or everyone's.
    pub satisfaction: Vec<(String, f64)>,
    pub segment_only: bool,
}

/// The status's name: the workspace's own, else the built-in one.
pub fn status_label(
    settings: &crate::model::pool_settings::PoolSettings,
    code: &str,
    lang: Language,
) -> String {
    if let Some(s) = settings
        .statuses
        .iter()
        .find(|s| s.code == code && !s.name.is_empty())
    {
        return s.name.clone();
    }
    let key = format!("req.status.{code}");
    if crate::i18n::has_key(lang, &key) {
        tr(lang, &key)
    } else {
        code.to_owned()
    }
}

/// The customers and segments feedback names, for pickers: accounts first, each once.
pub fn customers(ws: &Workspace) -> StoreResult<Vec<String>> {
    let feedback = ws.feedback()?;
    // Accounts (named customers) by how much they said, then segments by name.
    let mut accounts: std::collections::BTreeMap<String, usize> = Default::default();
    for f in &feedback {
        let c = f.fields.customer.trim();
        if !c.is_empty() && !c.starts_with("答卷") {
            *accounts.entry(c.to_owned()).or_default() += 1;
        }
    }
    let mut names: Vec<(String, usize)> = accounts.into_iter().collect();
    names.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out: Vec<String> = names.into_iter().map(|(n, _)| n).collect();
    let segments: BTreeSet<String> = feedback
        .iter()
        .map(|f| f.fields.segment.trim().to_owned())
        .filter(|s| !s.is_empty() && !out.contains(s))
        .collect();
    out.extend(segments);
    Ok(out)
}

pub fn build(
    ws: &Workspace,
    customer: &str,
    today: NaiveDate,
    lang: Language,
) -> StoreResult<CustomerReport> {
    let settings = ws.pool_settings()?;
    let theirs: Vec<_> = ws
        .feedback()?
        .into_iter()
        .filter(|f| f.fields.customer == customer || f.fields.segment == customer)
        .collect();
    let wanted: BTreeSet<RequirementId> = theirs
        .iter()
        .flat_map(|f| f.fields.links.iter().map(|l| l.requirement))
        .collect();
    let releases: HashMap<_, _> = ws
        .releases()?
        .into_iter()
        .map(|r| (r.id, r.fields))
        .collect();
    let requirements: Vec<_> = ws
        .requirements()?
        .into_iter()
        .filter(|r| wanted.contains(&r.id))
        .collect();
    let asked: Vec<Asked> = requirements
        .iter()
        .map(|r| {
            let release = r.fields.release.and_then(|id| releases.get(&id));
            Asked {
                key: r.id.key(),
                title: r.fields.title.clone(),
                status: status_label(&settings, &r.fields.status, lang),
                delivered: settings.is_closed(&r.fields.status) && r.fields.status != "rejected",
                declined: r.fields.status == "rejected",
                release: release.map(|f| f.name.clone()),
                target: release.and_then(|f| f.target),
            }
        })
        .collect();
    // The milestones of the projects whose tasks deliver what they asked for.
    let tasks: BTreeSet<_> = requirements
        .iter()
        .flat_map(|r| r.fields.tasks.iter().copied())
        .collect();
    let mut milestones = Vec::new();
    for project in ws.projects()? {
        let plan = ws.plan(project.id)?;
        if !plan.tasks.iter().any(|t| tasks.contains(&t.id)) {
            continue;
        }
        for t in plan.tasks.iter().filter(|t| t.fields.milestone) {
            let done = t.fields.actual_finish.is_some() || t.fields.percent_complete >= 100;
            if let Some(f) = t.fields.finish.map(|f| f.date())
                && !done
                && f >= today
            {
                milestones.push((project.fields.name.clone(), t.fields.name.clone(), f));
            }
        }
    }
    milestones.sort_by_key(|m| m.2);
    milestones.truncate(6);
    let (satisfaction, segment_only) = satisfaction(ws, customer, &theirs)?;
    Ok(CustomerReport {
        customer: customer.to_owned(),
        feedback: theirs.len(),
        asked,
        milestones,
        satisfaction,
        segment_only,
    })
}

/// NPS per survey wave from the answers of the customer's segment where a question
/// has it as an option (a role or segment question), else from every answer.
fn satisfaction(
    ws: &Workspace,
    customer: &str,
    theirs: &[crate::model::research::Feedback],
) -> StoreResult<(Vec<(String, f64)>, bool)> {
    let segments: BTreeSet<&str> = std::iter::once(customer)
        .chain(theirs.iter().map(|f| f.fields.segment.as_str()))
        .filter(|s| !s.is_empty())
        .collect();
    let everyone = crate::report::weekly::nps_by_wave(ws, &|_| Some(Default::default()))?;
    // A question with the segment among its options (a role or segment question).
    let by_segment = crate::report::weekly::nps_by_wave(ws, &|survey| {
        survey
            .questions
            .iter()
            .enumerate()
            .find_map(|(qi, question)| {
                let o = question
                    .options
                    .iter()
                    .position(|o| segments.contains(o.as_str()))?;
                Some(crate::model::survey::SurveyFilter {
                    answer: Some((qi, o as u32)),
                    ..Default::default()
                })
            })
    })?;
    Ok(if by_segment.is_empty() {
        (everyone, false)
    } else {
        (by_segment, true)
    })
}

pub fn to_json(c: &CustomerReport) -> serde_json::Value {
    serde_json::json!({
        "kind": "customer",
        "customer": c.customer,
        "feedback": c.feedback,
        "requirements": c.asked.iter().map(|a| serde_json::json!({
            "key": a.key, "title": a.title, "status": a.status, "delivered": a.delivered,
            "declined": a.declined,
            "release": a.release, "target": a.target.map(|d| d.to_string()),
        })).collect::<Vec<_>>(),
        "milestones": c.milestones.iter().map(|(p, m, d)| serde_json::json!({
            "project": p, "name": m, "finish": d.to_string(),
        })).collect::<Vec<_>>(),
        "satisfaction": c.satisfaction.iter().map(|(w, n)| serde_json::json!({
            "survey": w, "nps": n,
        })).collect::<Vec<_>>(),
        "satisfaction_of_segment": c.segment_only,
    })
}

pub fn document(
    c: &CustomerReport,
    lang: Language,
    today: NaiveDate,
    organisation: Option<String>,
) -> Document {
    let none = tr(lang, "weekly.none");
    let heads = |keys: &[&str]| keys.iter().map(|k| tr(lang, k)).collect::<Vec<_>>();
    let mut blocks = vec![Block::Paragraph(tr_with(
        lang,
        "customer.intro",
        &[
            ("n", &c.feedback.to_string()),
            ("m", &c.asked.len().to_string()),
        ],
    ))];
    let delivered: Vec<&Asked> = c.asked.iter().filter(|a| a.delivered).collect();
    let open: Vec<&Asked> = c
        .asked
        .iter()
        .filter(|a| !a.delivered && !a.declined)
        .collect();
    let declined: Vec<&Asked> = c.asked.iter().filter(|a| a.declined).collect();
    blocks.push(Block::Heading(tr(lang, "customer.delivered")));
    blocks.push(Block::Table(Table {
        name: tr(lang, "customer.delivered"),
        columns: heads(&["weekly.col.title", "customer.col.release"]),
        rows: delivered
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&a.title),
                    Cell::text(a.release.clone().unwrap_or_default()),
                ]
            })
            .collect(),
        empty: none.clone(),
    }));
    blocks.push(Block::Heading(tr(lang, "customer.in_progress")));
    blocks.push(Block::Table(Table {
        name: tr(lang, "customer.in_progress"),
        columns: heads(&[
            "weekly.col.title",
            "customer.col.status",
            "customer.col.release",
            "customer.col.target",
        ]),
        rows: open
            .iter()
            .map(|a| {
                vec![
                    Cell::text(&a.title),
                    Cell::text(&a.status),
                    Cell::text(a.release.clone().unwrap_or_default()),
                    Cell::date(a.target),
                ]
            })
            .collect(),
        empty: none.clone(),
    }));
    if !declined.is_empty() {
        blocks.push(Block::Heading(tr(lang, "customer.declined")));
        blocks.push(Block::Bullets(
            declined.iter().map(|a| a.title.clone()).collect(),
        ));
    }
    blocks.push(Block::Heading(tr(lang, "customer.milestones")));
    blocks.push(Block::Table(Table {
        name: tr(lang, "customer.milestones"),
        columns: heads(&[
            "customer.col.project",
            "weekly.col.task",
            "weekly.col.finish",
            "customer.col.days_to_go",
        ]),
        rows: c
            .milestones
            .iter()
            .map(|(p, m, d)| {
                vec![
                    Cell::text(p),
                    Cell::text(m),
                    Cell::Date(*d),
                    Cell::Number((*d - today).num_days() as f64),
                ]
            })
            .collect(),
        empty: none.clone(),
    }));
    if !c.satisfaction.is_empty() {
        blocks.push(Block::Heading(tr(lang, "customer.satisfaction")));
        if !c.segment_only {
            blocks.push(Block::Muted(tr(lang, "customer.satisfaction_everyone")));
        }
        blocks.push(Block::Bullets(
            c.satisfaction
                .iter()
                .map(|(w, n)| format!("{w}：NPS {}", number_text(*n)))
                .collect(),
        ));
    }
    let subtitle = tr_with(lang, "customer.as_of", &[("date", &today.to_string())]);
    Document {
        lang,
        title: tr_with(lang, "customer.title", &[("customer", &c.customer)]),
        subtitle: subtitle.clone(),
        organisation,
        running_header: format!("{} · {subtitle}", c.customer),
        blocks,
        logo: None,
    }
}
