//! The Overview as the PM's home: every project's status and progress, its next
//! milestones with days to go and its slipped tasks; requirements past their due day;
//! the newest feedback and the NPS; the last published report. Built only while the
//! Overview is shown, when the store moved.

use chrono::NaiveDate;

use crate::model::report::ReportSnapshot;
use crate::report::kinds::portfolio::{self, ProjectRow};
use crate::report::weekly::{self, Period};
use crate::store::{StoreResult, Workspace};

/// How many next milestones a project card lists, and how many feedback items and
/// overdue requirements the home shows.
const MILESTONES: usize = 3;
const FEEDBACK: usize = 3;
const OVERDUE: usize = 5;

/// One project on the home page.
#[derive(Clone, Debug, PartialEq)]
pub struct HomeProject {
    pub id: crate::model::ProjectId,
    pub row: ProjectRow,
    /// The next milestones not done: name, forecast finish, days from today.
    pub milestones: Vec<(String, NaiveDate, i64)>,
    /// Tasks due by the report's period end that are not finished.
    pub slipped: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Home {
    pub revision: u64,
    pub today: NaiveDate,
    pub projects: Vec<HomeProject>,
    /// Open requirements past their due day: key, title, due.
    pub overdue: Vec<(String, String, NaiveDate)>,
    pub overdue_total: usize,
    /// The newest feedback: who, what.
    pub newest_feedback: Vec<(String, String)>,
    pub feedback: weekly::FeedbackHighlights,
    pub last_report: Option<ReportSnapshot>,
}

impl Home {
    pub fn build(ws: &Workspace, today: NaiveDate) -> StoreResult<Home> {
        let mut projects = Vec::new();
        for project in ws.projects()? {
            let period = Period::week_of(project.fields.status_date.unwrap_or(today));
            let r = weekly::weekly(ws, &project, period)?;
            let row = portfolio::build_row(ws, &project, period)?;
            let mut milestones: Vec<(String, NaiveDate, i64)> = r
                .milestones
                .iter()
                .filter(|m| !m.done)
                .filter_map(|m| Some((m.name.clone(), m.finish?)))
                .map(|(n, d)| (n, d, (d - today).num_days()))
                .collect();
            milestones.sort_by_key(|m| m.1);
            milestones.truncate(MILESTONES);
            // Due by the end of the status week, not finished.
            let plan = ws.plan(project.id)?;
            let parents: std::collections::HashSet<_> =
                plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
            let slipped = plan
                .tasks
                .iter()
                .filter(|t| !parents.contains(&t.id))
                .filter(|t| t.fields.actual_finish.is_none() && t.fields.percent_complete < 100)
                .filter(|t| {
                    plan.baselines
                        .iter()
                        .find(|b| b.number == 0 && b.task == t.id)
                        .and_then(|b| b.finish)
                        .or(t.fields.finish)
                        .is_some_and(|f| f.date() <= period.to)
                })
                .count();
            projects.push(HomeProject {
                id: project.id,
                row,
                milestones,
                slipped,
            });
        }
        let settings = ws.pool_settings()?;
        let mut overdue: Vec<(String, String, NaiveDate)> = ws
            .requirements()?
            .into_iter()
            .filter(|r| !settings.is_closed(&r.fields.status))
            .filter_map(|r| {
                let due = r.fields.due.filter(|d| *d < today)?;
                Some((r.id.key(), r.fields.title, due))
            })
            .collect();
        overdue.sort_by_key(|o| o.2);
        let overdue_total = overdue.len();
        overdue.truncate(OVERDUE);
        let mut feedback = ws.feedback()?;
        feedback.sort_by_key(|f| std::cmp::Reverse(f.id.0));
        // The newest, each text once (survey comments repeat across responses).
        let mut newest_feedback: Vec<(String, String)> = Vec::new();
        for f in &feedback {
            if newest_feedback.len() == FEEDBACK {
                break;
            }
            if !newest_feedback.iter().any(|(_, t)| *t == f.fields.text) {
                newest_feedback.push((f.fields.customer.clone(), f.fields.text.clone()));
            }
        }
        let last_report = ws
            .report_snapshots()?
            .into_iter()
            .max_by_key(|s| (s.published_at, s.id));
        Ok(Home {
            revision: ws.revision(),
            today,
            projects,
            overdue,
            overdue_total,
            newest_feedback,
            feedback: weekly::feedback_highlights(ws, Period::week_of(today))?,
            last_report,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_home_has_every_project_milestones_feedback_and_the_last_report() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let today = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default();
        let home = Home::build(&ws, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(home.projects.len(), 4);
        let app = &home.projects[0];
        assert!(app.row.status.is_some());
        assert!(!app.milestones.is_empty() && app.milestones[0].2 > 0);
        assert!(app.slipped > 0, "the demo is behind plan");
        assert_eq!(home.newest_feedback.len(), 3);
        assert!(home.feedback.nps.is_some());
        let last = home.last_report.unwrap_or_else(|| panic!("published"));
        assert_eq!(last.key.kind, "weekly");
    }
}
