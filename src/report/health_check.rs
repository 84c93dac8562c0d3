//! Schedule health check in the manner of the DCMA 14-point assessment: missing logic,
//! leads, lags, relationship types, hard constraints, high and negative float, long
//! durations, invalid dates, resources, missed tasks, the critical path, CPLI and BEI.
//! Each check counts the unfinished work tasks it concerns, compares the share with
//! its threshold and names the tasks that fail it (a click away on the Gantt). Bad
//! logic makes a simulation wrong, so the Risks page shows this before simulating.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDateTime;

use crate::model::schedule::{ConstraintKind, LinkKind};
use crate::model::task::MINUTES_PER_DAY;
use crate::model::{Project, Task, TaskId};
use crate::store::{StoreResult, Workspace};

/// Float or duration beyond this many working days is "high" (DCMA: 44 days).
const LONG_DAYS: i64 = 44;

/// One check and what it found.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// Its locale key under `health.check.` (and its id in files).
    pub code: &'static str,
    /// How many of `of` fail it.
    pub count: usize,
    pub of: usize,
    /// The share (or index) measured, and the limit it is held to.
    pub value: f64,
    pub limit: f64,
    /// Whether the value must stay at or below the limit (else at or above).
    pub at_most: bool,
    pub passed: bool,
    /// The tasks that fail it (first ones, by outline order).
    pub tasks: Vec<(TaskId, String)>,
}

/// The health of a project's schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    pub checks: Vec<Check>,
}

impl Health {
    pub fn passed(&self) -> usize {
        self.checks.iter().filter(|c| c.passed).count()
    }
}

/// How many failing tasks a check lists.
const LISTED: usize = 50;

fn share(count: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        count as f64 / of as f64
    }
}

struct Builder<'a> {
    tasks: &'a [Task],
    checks: Vec<Check>,
}

impl Builder<'_> {
    /// A check on a share of `of` items: passes when the share is at most `limit`.
    fn share_check(&mut self, code: &'static str, failing: Vec<TaskId>, of: usize, limit: f64) {
        let value = share(failing.len(), of);
        self.push(code, failing, of, value, limit, true);
    }

    fn push(
        &mut self,
        code: &'static str,
        failing: Vec<TaskId>,
        of: usize,
        value: f64,
        limit: f64,
        at_most: bool,
    ) {
        let name: HashMap<TaskId, &str> = self
            .tasks
            .iter()
            .map(|t| (t.id, t.fields.name.as_str()))
            .collect();
        let passed = if at_most {
            value <= limit
        } else {
            value >= limit
        };
        self.checks.push(Check {
            code,
            count: failing.len(),
            of,
            value,
            limit,
            at_most,
            passed,
            tasks: failing
                .iter()
                .take(LISTED)
                .map(|id| (*id, name.get(id).copied().unwrap_or_default().to_owned()))
                .collect(),
        });
    }
}

/// Checks `project`'s plan and its schedule.
pub fn check(ws: &Workspace, project: &Project) -> StoreResult<Health> {
    let plan = ws.plan(project.id)?;
    let schedule = ws.compute_schedule(project).unwrap_or_default();
    let status: Option<NaiveDateTime> = project
        .fields
        .status_date
        .and_then(|d| d.and_hms_opt(23, 59, 59));
    let summaries: HashSet<TaskId> = plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    let done = |t: &Task| t.fields.actual_finish.is_some() || t.fields.percent_complete >= 100;
    // DCMA counts incomplete work tasks: not summaries, not milestones, not done.
    let work: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| !summaries.contains(&t.id) && !t.fields.milestone && !done(t))
        .collect();
    let work_ids: HashSet<TaskId> = work.iter().map(|t| t.id).collect();
    let mut has_pred: HashSet<TaskId> = HashSet::new();
    let mut has_succ: HashSet<TaskId> = HashSet::new();
    for d in &plan.dependencies {
        has_pred.insert(d.successor);
        has_succ.insert(d.predecessor);
    }
    let times: HashMap<TaskId, &crate::model::plan::TaskSchedule> =
        schedule.iter().map(|s| (s.task, s)).collect();
    let mut b = Builder {
        tasks: &plan.tasks,
        checks: Vec::new(),
    };
    let ids = |f: &dyn Fn(&Task) -> bool| -> Vec<TaskId> {
        work.iter().filter(|t| f(t)).map(|t| t.id).collect()
    };

    // 1. Logic: every incomplete task has a predecessor and a successor.
    let missing = ids(&|t| !has_pred.contains(&t.id) || !has_succ.contains(&t.id));
    b.share_check("logic", missing, work.len(), 0.05);
    // 2–4. Links into incomplete tasks: leads, lags, relationship types.
    let links: Vec<&crate::model::Dependency> = plan
        .dependencies
        .iter()
        .filter(|d| work_ids.contains(&d.successor) || work_ids.contains(&d.predecessor))
        .collect();
    let succ_of = |f: &dyn Fn(&crate::model::Dependency) -> bool| -> Vec<TaskId> {
        let mut out: Vec<TaskId> = links.iter().filter(|d| f(d)).map(|d| d.successor).collect();
        out.dedup();
        out
    };
    let leads = succ_of(&|d| d.lag < 0);
    let n_leads = links.iter().filter(|d| d.lag < 0).count();
    b.push("leads", leads, links.len(), n_leads as f64, 0.0, true);
    let lags = succ_of(&|d| d.lag > 0);
    let share_lags = share(links.iter().filter(|d| d.lag > 0).count(), links.len());
    b.push("lags", lags, links.len(), share_lags, 0.05, true);
    let not_fs = succ_of(&|d| d.kind != LinkKind::FinishToStart);
    let share_fs = share(
        links
            .iter()
            .filter(|d| d.kind == LinkKind::FinishToStart)
            .count(),
        links.len(),
    );
    b.push(
        "relationship_types",
        not_fs,
        links.len(),
        share_fs,
        0.9,
        false,
    );
    // 5. Hard constraints.
    let hard = ids(&|t| {
        matches!(
            t.fields.constraint,
            ConstraintKind::MustStartOn
                | ConstraintKind::MustFinishOn
                | ConstraintKind::StartNoLaterThan
                | ConstraintKind::FinishNoLaterThan
        )
    });
    b.share_check("hard_constraints", hard, work.len(), 0.05);
    // 6–7. Float.
    let slack = |t: &Task| times.get(&t.id).map(|s| s.total_slack_minutes);
    let high = ids(&|t| slack(t).is_some_and(|s| s > LONG_DAYS * MINUTES_PER_DAY));
    b.share_check("high_float", high, work.len(), 0.05);
    let negative = ids(&|t| slack(t).is_some_and(|s| s < 0));
    let n_negative = negative.len();
    b.push(
        "negative_float",
        negative,
        work.len(),
        n_negative as f64,
        0.0,
        true,
    );
    // 8. Long durations.
    let long = ids(&|t| t.fields.duration_minutes > LONG_DAYS * MINUTES_PER_DAY);
    b.share_check("high_duration", long, work.len(), 0.05);
    // 9. Invalid dates: actuals after the status date, forecasts before it.
    let invalid: Vec<TaskId> = match status {
        Some(s) => plan
            .tasks
            .iter()
            .filter(|t| !summaries.contains(&t.id))
            .filter(|t| {
                let f = &t.fields;
                let future_actual =
                    f.actual_start.is_some_and(|a| a > s) || f.actual_finish.is_some_and(|a| a > s);
                let past_forecast = (f.actual_start.is_none() && f.start.is_some_and(|d| d < s))
                    || (f.actual_finish.is_none()
                        && f.percent_complete < 100
                        && f.finish.is_some_and(|d| d < s));
                future_actual || past_forecast
            })
            .map(|t| t.id)
            .collect(),
        None => Vec::new(),
    };
    let n_invalid = invalid.len();
    b.push(
        "invalid_dates",
        invalid,
        plan.tasks.len(),
        n_invalid as f64,
        0.0,
        true,
    );
    // 10. Resources: work with a duration and nobody assigned.
    let assigned: HashSet<TaskId> = plan.assignments.iter().map(|a| a.task).collect();
    let unassigned = ids(&|t| t.fields.duration_minutes > 0 && !assigned.contains(&t.id));
    let n_unassigned = unassigned.len();
    b.push(
        "resources",
        unassigned,
        work.len(),
        n_unassigned as f64,
        0.0,
        true,
    );
    // 11. Missed tasks: work the baseline finished by the status date, not done (or
    // done late).
    let baseline: HashMap<TaskId, NaiveDateTime> = plan
        .baselines
        .iter()
        .filter(|e| e.number == 0)
        .filter_map(|e| Some((e.task, e.finish?)))
        .collect();
    let leaves: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| !summaries.contains(&t.id) && !t.fields.milestone)
        .collect();
    let due: Vec<&&Task> = match status {
        Some(s) => leaves
            .iter()
            .filter(|t| baseline.get(&t.id).is_some_and(|f| *f <= s))
            .collect(),
        None => Vec::new(),
    };
    let missed: Vec<TaskId> = due
        .iter()
        .filter(|t| {
            !done(t)
                || t.fields
                    .actual_finish
                    .zip(baseline.get(&t.id))
                    .is_some_and(|(a, b)| a > *b)
        })
        .map(|t| t.id)
        .collect();
    b.share_check("missed_tasks", missed, due.len(), 0.05);
    // 12. A critical path runs through the plan.
    let critical: Vec<TaskId> = schedule
        .iter()
        .filter(|s| s.critical && !s.summary)
        .map(|s| s.task)
        .collect();
    let has_path = !critical.is_empty();
    b.push(
        "critical_path",
        Vec::new(),
        critical.len(),
        if has_path { 1.0 } else { 0.0 },
        1.0,
        false,
    );
    // 13. CPLI: the time to the baseline finish against the critical path's length.
    let start = project
        .fields
        .status_date
        .and_then(|d| d.and_hms_opt(17, 0, 0))
        .or_else(|| project.fields.start_date.and_hms_opt(8, 0, 0));
    let finish = schedule.iter().map(|s| s.early_finish).max();
    let baseline_finish = baseline.values().max().copied();
    if let (Some(start), Some(finish), Some(target)) = (start, finish, baseline_finish) {
        let remaining = (finish - start).num_minutes().max(1) as f64;
        let cpli = ((target - start).num_minutes() as f64 / remaining).max(0.0);
        b.push("cpli", Vec::new(), 1, cpli, 0.95, false);
    }
    // 14. BEI: tasks finished against tasks the baseline finished by the status date.
    if !due.is_empty() {
        let finished = leaves.iter().filter(|t| done(t)).count();
        let bei = finished as f64 / due.len() as f64;
        let late: Vec<TaskId> = due.iter().filter(|t| !done(t)).map(|t| t.id).collect();
        b.push("bei", late, due.len(), bei, 0.95, false);
    }
    Ok(Health { checks: b.checks })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_plan_has_findings_that_name_its_tasks() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let h = check(&ws, &project).unwrap_or_else(|e| panic!("{e}"));
        let codes: Vec<&str> = h.checks.iter().map(|c| c.code).collect();
        for code in [
            "logic",
            "leads",
            "lags",
            "relationship_types",
            "hard_constraints",
            "high_float",
            "negative_float",
            "high_duration",
            "invalid_dates",
            "resources",
            "missed_tasks",
            "critical_path",
            "cpli",
            "bei",
        ] {
            assert!(codes.contains(&code), "{code} in {codes:?}");
        }
        let get = |c: &str| {
            h.checks
                .iter()
                .find(|x| x.code == c)
                .unwrap_or_else(|| panic!("{c}"))
        };
        // The demo links F3 to K4 start-to-start with a lag, and is behind its baseline.
        assert!(get("lags").count > 0);
        assert!(
            get("lags")
                .tasks
                .iter()
                .any(|(_, n)| n.contains("AI 建议面板")),
            "{:?}",
            get("lags")
        );
        assert!(get("critical_path").passed);
        assert!(!get("missed_tasks").passed, "{:?}", get("missed_tasks"));
        assert!(get("bei").value < 1.0);
        // Every listed task is in the plan.
        let plan = ws.plan(project.id).unwrap_or_else(|e| panic!("{e}"));
        for c in &h.checks {
            for (id, _) in &c.tasks {
                assert!(plan.tasks.iter().any(|t| t.id == *id));
            }
        }
    }
}
