//! The 项目周报 (weekly status report) as data: for a project and a period, what was
//! finished, what was due and is not, what comes next, the milestones against their
//! baseline, planned against actual % complete, requirements closed in the period
//! (from the edit log), and a schedule status suggested from the data with the rule
//! that gave it. Every format renders this one model, so figures agree across formats.
mod changes;
mod document;
mod effort;
mod feedback;
mod quality;
mod risks;

pub use changes::ChangeLine;
pub use effort::{Effort, PersonEffort};
pub use feedback::{FeedbackHighlights, highlights as feedback_highlights, nps_by_wave};
pub use quality::QualityHighlights;
pub use risks::{Outlook, RiskHighlights, RiskLine};

pub use document::{Section, dimension_name, document, mark, sections};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use crate::i18n::{Language, tr, tr_with};
use crate::model::edit::Edit;
use crate::model::{Project, Task, TaskId};
use crate::store::{StoreResult, Workspace};

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The ISO week (Monday to Sunday) holding `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period {
            from,
            to: from + Duration::days(6),
        }
    }

    /// An ISO week written `2026-W49`.
    pub fn parse_week(text: &str) -> Option<Period> {
        let (year, week) = text.trim().split_once(['W', 'w'])?;
        let year: i32 = year.trim_end_matches('-').parse().ok()?;
        let week: u32 = week.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(Period::week_of)
    }

    /// The period of the same length right after this one.
    pub fn next(self) -> Period {
        let days = (self.to - self.from).num_days() + 1;
        Period {
            from: self.from + Duration::days(days),
            to: self.to + Duration::days(days),
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

pub use crate::report::document::Rag;

/// A dimension a status report rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dimension {
    Overall,
    Schedule,
    Scope,
    Effort,
    Quality,
    Risk,
}

impl Dimension {
    /// In report order, overall first.
    pub const ALL: [Dimension; 6] = [
        Dimension::Overall,
        Dimension::Schedule,
        Dimension::Scope,
        Dimension::Effort,
        Dimension::Quality,
        Dimension::Risk,
    ];

    /// Its key in JSON and in the locale files (`weekly.dim.…`).
    pub fn from_code(code: &str) -> Option<Dimension> {
        Dimension::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn code(self) -> &'static str {
        match self {
            Dimension::Overall => "overall",
            Dimension::Schedule => "schedule",
            Dimension::Scope => "scope",
            Dimension::Effort => "effort",
            Dimension::Quality => "quality",
            Dimension::Risk => "risk",
        }
    }
}

/// Status per dimension; `None` where nothing measures it (effort without work
/// figures, quality without a tested release).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status([Option<Rag>; 6]);

impl Status {
    pub fn get(&self, d: Dimension) -> Option<Rag> {
        self.0[d as usize]
    }

    pub fn set(&mut self, d: Dimension, rag: Option<Rag>) {
        self.0[d as usize] = rag;
    }

    /// The measured dimensions and the overall, in report order.
    pub fn shown(&self) -> impl Iterator<Item = (Dimension, Option<Rag>)> + '_ {
        Dimension::ALL
            .into_iter()
            .map(|d| (d, self.get(d)))
            .filter(|(d, v)| v.is_some() || *d == Dimension::Overall)
    }
}

/// The rule that gave the schedule status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleRule {
    NoBaseline,
    /// A milestone still ahead is forecast past its baseline by more than the limit.
    MilestoneLate {
        name: String,
        days: i64,
        limit: i64,
    },
    /// Tasks due in the period are not finished.
    DueNotFinished(usize),
    OnTrack,
}

impl ScheduleRule {
    /// The rule in words, in `lang`.
    pub fn text(&self, lang: Language) -> String {
        match self {
            ScheduleRule::NoBaseline => tr(lang, "weekly.rule.no_baseline"),
            ScheduleRule::MilestoneLate { name, days, limit } => tr_with(
                lang,
                "weekly.rule.milestone_late",
                &[
                    ("name", name),
                    ("days", &days.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
            ScheduleRule::DueNotFinished(n) => tr_with(
                lang,
                "weekly.rule.due_not_finished",
                &[("n", &n.to_string())],
            ),
            ScheduleRule::OnTrack => tr(lang, "weekly.rule.on_track"),
        }
    }
}

/// A sentence of the report kept as its locale key and arguments, so the facts need
/// no language and every form says it in the report's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Rule {
    pub fn new(key: &'static str, args: &[(&'static str, &str)]) -> Rule {
        Rule {
            key,
            args: args.iter().map(|(k, v)| (*k, (*v).to_owned())).collect(),
        }
    }

    pub fn text(&self, lang: Language) -> String {
        let args: Vec<(&str, &str)> = self.args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        tr_with(lang, self.key, &args)
    }
}

/// A task or milestone as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// The MSPDI UID where the task came from one, else its id.
    pub uid: i64,
    pub name: String,
    pub start: Option<NaiveDate>,
    /// The actual finish, else the forecast.
    pub finish: Option<NaiveDate>,
    /// The finish in baseline 0 (milestones).
    pub baseline_finish: Option<NaiveDate>,
    /// Days past the due date (not-completed tasks) or the baseline (milestones).
    pub days: Option<i64>,
    /// Finished (an actual finish or 100 %).
    pub done: bool,
}

/// The weekly report's facts.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyReport {
    pub project: String,
    pub period: Period,
    /// The status shown: the suggestion, with the PM's overrides.
    pub status: Status,
    /// The status the data suggests.
    pub suggested: Status,
    /// Why the PM overrode a dimension, in dimension order.
    pub reasons: Vec<(Dimension, String)>,
    pub narrative: crate::model::report::Narrative,
    /// Why the schedule status is what it is (shown with it).
    pub schedule_rule: ScheduleRule,
    /// Tasks whose actual finish lies in the period.
    pub completed: Vec<Line>,
    /// Tasks due in the period (baseline finish, else planned) and not finished.
    pub not_completed: Vec<Line>,
    /// Unfinished tasks starting or due in the next period.
    pub next: Vec<Line>,
    pub milestones: Vec<Line>,
    /// Work-weighted % complete: as the baseline planned it by the period's end, and
    /// as reported.
    pub percent_planned: f64,
    pub percent_actual: f64,
    /// Requirements that reached a closed status in the period: (key, title).
    pub requirements_closed: Vec<(String, String)>,
    /// Why scope and effort are rated as they are (schedule has `schedule_rule`).
    pub rules: Vec<(Dimension, Rule)>,
    /// What changed in the period (edit log).
    pub changes: Vec<ChangeLine>,
    pub feedback: FeedbackHighlights,
    pub effort: Effort,
    /// The last published report of this project before this period, to compare with.
    pub previous: Option<Previous>,
    /// The milestones' forecasts over the published reports and this one.
    pub trend: Vec<crate::report::mta::Series>,
    /// The register and the schedule risk outlook.
    pub risks: risks::RiskHighlights,
    /// The release's tests, coverage, defects and readiness.
    pub quality: quality::QualityHighlights,
}

/// The figures of the last published report, read back from its facts.
#[derive(Clone, Debug, PartialEq)]
pub struct Previous {
    pub period: Period,
    pub overall: Option<Rag>,
    pub schedule: Option<Rag>,
    pub percent_planned: f64,
    pub percent_actual: f64,
    pub completed: usize,
    pub not_completed: usize,
    /// Milestone forecasts by UID.
    pub forecasts: Vec<(i64, NaiveDate)>,
}

impl Previous {
    /// The figures of a published weekly report.
    pub fn of(snapshot: &crate::model::report::ReportSnapshot) -> Previous {
        let f = &snapshot.facts;
        let rag = |d: &str| f["status"][d].as_str().and_then(Rag::from_code);
        let count = |k: &str| f[k].as_array().map_or(0, Vec::len);
        Previous {
            period: Period {
                from: snapshot.key.from,
                to: snapshot.key.to,
            },
            overall: rag("overall"),
            schedule: rag("schedule"),
            percent_planned: f["percent_complete"]["planned"].as_f64().unwrap_or(0.0),
            percent_actual: f["percent_complete"]["actual"].as_f64().unwrap_or(0.0),
            completed: count("completed"),
            not_completed: count("not_completed"),
            forecasts: crate::report::mta::reading(snapshot)
                .1
                .into_iter()
                .map(|(uid, _, d)| (uid, d))
                .collect(),
        }
    }

    pub fn forecast(&self, uid: i64) -> Option<NaiveDate> {
        self.forecasts.iter().find(|f| f.0 == uid).map(|f| f.1)
    }
}

fn day(t: Option<NaiveDateTime>) -> Option<NaiveDate> {
    t.map(|t| t.date())
}

fn uid(t: &Task) -> i64 {
    t.fields.source_uid.unwrap_or(t.id.0)
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Builds the weekly report of `project` for `period` from the workspace.
pub fn weekly(ws: &Workspace, project: &Project, period: Period) -> StoreResult<WeeklyReport> {
    let plan = ws.plan(project.id)?;
    let summaries: std::collections::HashSet<TaskId> =
        plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    let baseline: std::collections::HashMap<TaskId, (Option<NaiveDate>, Option<NaiveDate>)> = plan
        .baselines
        .iter()
        .filter(|b| b.number == 0)
        .map(|b| (b.task, (day(b.start), day(b.finish))))
        .collect();
    let leaves: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| !summaries.contains(&t.id))
        .collect();
    let finished = |t: &Task| t.fields.actual_finish.is_some() || t.fields.percent_complete >= 100;
    let line = |t: &Task, days: Option<i64>| Line {
        uid: uid(t),
        name: t.fields.name.clone(),
        start: day(t.fields.actual_start.or(t.fields.start)),
        finish: day(t.fields.actual_finish.or(t.fields.finish)),
        baseline_finish: baseline.get(&t.id).and_then(|b| b.1),
        days,
        done: finished(t),
    };
    let completed: Vec<Line> = leaves
        .iter()
        .filter(|t| day(t.fields.actual_finish).is_some_and(|d| period.contains(d)))
        .map(|t| line(t, None))
        .collect();
    let due = |t: &Task| {
        baseline
            .get(&t.id)
            .and_then(|b| b.1)
            .or(day(t.fields.finish))
    };
    let not_completed: Vec<Line> = leaves
        .iter()
        .filter(|t| !finished(t) && due(t).is_some_and(|d| period.contains(d)))
        .map(|t| {
            let slip = due(t)
                .zip(day(t.fields.finish))
                .map(|(d, f)| (f - d).num_days().max(0));
            line(t, slip)
        })
        .collect();
    let next_period = period.next();
    let next: Vec<Line> = leaves
        .iter()
        .filter(|t| !finished(t))
        .filter(|t| {
            day(t.fields.start).is_some_and(|d| next_period.contains(d))
                || day(t.fields.finish).is_some_and(|d| next_period.contains(d))
        })
        .map(|t| line(t, None))
        .collect();
    let milestones: Vec<Line> = plan
        .tasks
        .iter()
        .filter(|t| t.fields.milestone)
        .map(|t| {
            let mut l = line(t, None);
            l.days = l
                .baseline_finish
                .zip(l.finish)
                .map(|(b, f)| (f - b).num_days());
            l
        })
        .collect();
    let (percent_planned, percent_actual) = percents(&leaves, &baseline, period.to);
    let (schedule, schedule_rule) = schedule_status(project, &milestones, &not_completed);
    let task_ids: std::collections::HashSet<TaskId> = plan.tasks.iter().map(|t| t.id).collect();
    let changes = changes::changes(ws, project.id, &task_ids, period)?;
    let effort = effort::effort(&plan, period.to);
    let mut status = Status::default();
    status.set(Dimension::Schedule, schedule);
    let mut rules = Vec::new();
    let (scope, rule) = scope_status(changes::scope_changes(&changes), plan.tasks.len());
    status.set(Dimension::Scope, scope);
    rules.push((Dimension::Scope, rule));
    if let Some(index) = effort.index() {
        status.set(Dimension::Effort, effort.status());
        rules.push((
            Dimension::Effort,
            Rule::new(
                "weekly.rule.effort",
                &[
                    ("done", &effort.done.to_string()),
                    ("planned", &effort.planned_to_date.to_string()),
                    ("index", &index.to_string()),
                ],
            ),
        ));
    }
    let quality = quality::highlights(ws, project, period)?;
    let (rag, rule) = quality.status();
    status.set(Dimension::Quality, rag);
    if let Some(rule) = rule {
        rules.push((Dimension::Quality, rule));
    }
    let risks = risks::highlights(ws, project, period)?;
    let (risk, rule) = risks.status();
    status.set(Dimension::Risk, risk);
    rules.push((Dimension::Risk, rule));
    let worst = Dimension::ALL[1..]
        .iter()
        .filter_map(|d| status.get(*d))
        .max();
    status.set(Dimension::Overall, worst);
    Ok(WeeklyReport {
        project: project.fields.name.clone(),
        period,
        status,
        suggested: status,
        reasons: Vec::new(),
        narrative: Default::default(),
        schedule_rule,
        completed,
        not_completed,
        next,
        milestones,
        percent_planned,
        percent_actual,
        requirements_closed: requirements_closed(ws, period)?,
        rules,
        changes,
        feedback: feedback::highlights(ws, period)?,
        effort,
        previous: None,
        trend: Vec::new(),
        risks,
        quality,
    })
}

impl WeeklyReport {
    /// Compares with the published reports of this project: the last one before this
    /// period becomes `previous`; all of them up to this period, and this report, make
    /// the milestone trend.
    pub fn with_history(&mut self, snapshots: &[crate::model::report::ReportSnapshot]) {
        let mine: Vec<&crate::model::report::ReportSnapshot> = snapshots
            .iter()
            .filter(|s| s.key.kind == "weekly" && s.key.subject == self.project)
            .filter(|s| s.key.to < self.period.to)
            .collect();
        self.previous = mine
            .iter()
            .filter(|s| s.key.to < self.period.from)
            .max_by_key(|s| (s.key.to, s.id))
            .map(|s| Previous::of(s));
        let mut readings: Vec<crate::report::mta::Reading> = mine
            .iter()
            .map(|s| crate::report::mta::reading(s))
            .collect();
        readings.push((
            self.period.to,
            self.milestones
                .iter()
                .filter_map(|m| Some((m.uid, m.name.clone(), m.finish?)))
                .collect(),
        ));
        self.trend = crate::report::mta::series(readings);
    }

    /// The PM's narrative and status overrides laid over the suggestion. The overall
    /// status, unless overridden itself, is the worst of the others.
    pub fn apply_draft(&mut self, draft: &crate::model::report::ReportDraft) {
        self.narrative = draft.narrative.clone();
        self.status = self.suggested;
        self.reasons.clear();
        let mut overall_set = false;
        for d in Dimension::ALL {
            let Some(o) = draft.overrides.iter().find(|o| o.dimension == d.code()) else {
                continue;
            };
            let Some(rag) = Rag::from_code(&o.rag) else {
                continue;
            };
            self.status.set(d, Some(rag));
            overall_set |= d == Dimension::Overall;
            if !o.reason.trim().is_empty() {
                self.reasons.push((d, o.reason.trim().to_owned()));
            }
        }
        if !overall_set {
            let worst = Dimension::ALL[1..]
                .iter()
                .filter_map(|d| self.status.get(*d))
                .max();
            self.status.set(Dimension::Overall, worst);
        }
    }
}

/// Work-weighted % complete: planned as the baseline spreads each task evenly over its
/// days up to `end`, actual as reported.
fn percents(
    leaves: &[&Task],
    baseline: &std::collections::HashMap<TaskId, (Option<NaiveDate>, Option<NaiveDate>)>,
    end: NaiveDate,
) -> (f64, f64) {
    let (mut total, mut planned, mut actual) = (0.0, 0.0, 0.0);
    for t in leaves {
        let w = t.fields.duration_minutes.max(0) as f64;
        if w == 0.0 {
            continue;
        }
        total += w;
        actual += w * f64::from(t.fields.percent_complete) / 100.0;
        let share = match baseline.get(&t.id) {
            Some((Some(s), Some(f))) if *f > *s => {
                let span = (*f - *s).num_days() as f64 + 1.0;
                (((end - *s).num_days() as f64 + 1.0) / span).clamp(0.0, 1.0)
            }
            Some((_, Some(f))) => f64::from(u8::from(*f <= end)),
            _ => 0.0,
        };
        planned += w * share;
    }
    if total == 0.0 {
        return (0.0, 0.0);
    }
    (
        one_decimal(planned * 100.0 / total),
        one_decimal(actual * 100.0 / total),
    )
}

/// The schedule status and the rule that gave it: red when a milestone still ahead is
/// forecast past its baseline by more than the project's critical slack limit; amber
/// when tasks due in the period are not finished; green otherwise. `None` without a
/// baseline.
fn schedule_status(
    project: &Project,
    milestones: &[Line],
    not_completed: &[Line],
) -> (Option<Rag>, ScheduleRule) {
    let limit = project.fields.critical_slack_minutes / 480;
    if milestones.iter().all(|m| m.baseline_finish.is_none()) {
        return (None, ScheduleRule::NoBaseline);
    }
    if let Some(m) = milestones
        .iter()
        .filter(|m| !m.done && m.days.is_some_and(|v| v > limit))
        .max_by_key(|m| m.days)
    {
        let rule = ScheduleRule::MilestoneLate {
            name: m.name.clone(),
            days: m.days.unwrap_or(0),
            limit,
        };
        return (Some(Rag::Red), rule);
    }
    if !not_completed.is_empty() {
        return (
            Some(Rag::Amber),
            ScheduleRule::DueNotFinished(not_completed.len()),
        );
    }
    (Some(Rag::Green), ScheduleRule::OnTrack)
}

/// Scope is green when the period added or removed no tasks or requirements, amber
/// when it did, red when that is more than a tenth of the plan's tasks.
fn scope_status(changed: usize, tasks: usize) -> (Option<Rag>, Rule) {
    let n = changed.to_string();
    if changed == 0 {
        (Some(Rag::Green), Rule::new("weekly.rule.scope_steady", &[]))
    } else if changed * 10 > tasks.max(1) {
        (
            Some(Rag::Red),
            Rule::new("weekly.rule.scope_red", &[("n", &n)]),
        )
    } else {
        (
            Some(Rag::Amber),
            Rule::new("weekly.rule.scope_amber", &[("n", &n)]),
        )
    }
}

/// Requirements whose status became a closed one by an edit made in the period (undone
/// edits not counted), each once, in the order closed.
fn requirements_closed(ws: &Workspace, period: Period) -> StoreResult<Vec<(String, String)>> {
    let settings = ws.pool_settings()?;
    let from = period.from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = (period.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut edits = ws.edits_between(from, to)?;
    edits.sort_by_key(|e| e.seq);
    fn walk(edit: &Edit, closed: &dyn Fn(&str) -> bool, out: &mut Vec<(String, String)>) {
        match edit {
            Edit::Batch { edits } => {
                for e in edits {
                    walk(e, closed, out);
                }
            }
            Edit::PutRequirement {
                before,
                after: Some(after),
            } => {
                let was = before.as_ref().is_some_and(|b| closed(&b.fields.status));
                let key = after.id.key();
                if !was && closed(&after.fields.status) && !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, after.fields.title.clone()));
                }
            }
            _ => {}
        }
    }
    for e in edits.iter().filter(|e| !e.undone) {
        walk(&e.edit, &|s| settings.is_closed(s), &mut out);
    }
    Ok(out)
}

/// The report's facts as `report --as json` prints them.
pub fn to_json(r: &WeeklyReport) -> serde_json::Value {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let rag = |s: Option<Rag>| s.map(Rag::code);
    let tasks = |lines: &[Line], with: &str| -> Vec<serde_json::Value> {
        lines
            .iter()
            .map(|t| {
                let mut v = serde_json::json!({"uid": t.uid, "name": t.name});
                if with.contains('s') {
                    v["start"] = date(t.start).into();
                }
                v["finish"] = date(t.finish).into();
                if with.contains('l') {
                    v["slip_days"] = t.days.into();
                }
                v
            })
            .collect()
    };
    serde_json::json!({
        "kind": "weekly",
        "project": r.project,
        "period": {"from": r.period.from.to_string(), "to": r.period.to.to_string()},
        "status": Dimension::ALL
            .iter()
            .map(|d| (d.code().to_owned(), rag(r.status.get(*d)).into()))
            .collect::<serde_json::Map<String, serde_json::Value>>(),
        "completed": tasks(&r.completed, ""),
        "not_completed": tasks(&r.not_completed, "l"),
        "next": tasks(&r.next, "s"),
        "milestones": r.milestones.iter().map(|m| serde_json::json!({
            "uid": m.uid,
            "name": m.name,
            "baseline_finish": date(m.baseline_finish),
            "finish": date(m.finish),
            "variance_days": m.days,
        })).collect::<Vec<_>>(),
        "percent_complete": {"planned": r.percent_planned, "actual": r.percent_actual},
        "requirements_closed": r.requirements_closed.iter().map(|(k, t)| serde_json::json!({
            "key": k, "title": t,
        })).collect::<Vec<_>>(),
        "risks": r.risks.to_json(),
        "quality": r.quality.to_json(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    /// The demo workspace and its first project (智能客服 App 2.0, with a status date).
    fn demo() -> (tempfile::TempDir, Workspace, Project) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        assert_eq!(project.fields.name, "智能客服 App 2.0");
        (dir, ws, project)
    }

    #[test]
    fn iso_weeks_and_the_next_period() {
        let w = Period::parse_week("2026-W49").unwrap_or_else(|| panic!("week"));
        assert_eq!((w.from, w.to), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(Period::week_of(d("2026-12-04")), w);
        assert_eq!(w.next().from, d("2026-12-07"));
        assert!(Period::parse_week("2026-W60").is_none());
        assert!(Period::parse_week("nonsense").is_none());
    }

    #[test]
    fn the_demo_week_has_done_due_and_next_work_and_a_schedule_status() {
        let (_dir, ws, project) = demo();
        let status = project
            .fields
            .status_date
            .unwrap_or_else(|| panic!("status date"));
        let r = weekly(&ws, &project, Period::week_of(status)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !r.completed.is_empty() || !r.not_completed.is_empty(),
            "{r:?}"
        );
        assert!(!r.next.is_empty());
        assert!(r.milestones.len() >= 6);
        assert!(r.percent_actual > 0.0 && r.percent_actual < 100.0);
        assert!(r.percent_planned > 0.0);
        assert!(
            r.status.get(Dimension::Schedule).is_some(),
            "{:?}",
            r.schedule_rule
        );
        // Every completed task finished in the week; every late one is unfinished.
        for t in &r.completed {
            assert!(t.finish.is_some_and(|f| r.period.contains(f)), "{t:?}");
        }
        let json = to_json(&r);
        for key in [
            "kind",
            "project",
            "period",
            "status",
            "completed",
            "not_completed",
            "next",
            "milestones",
            "percent_complete",
            "requirements_closed",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn a_requirement_closed_this_week_is_listed_once_and_an_undone_close_is_not() {
        use crate::model::Change;
        let (_dir, mut ws, project) = demo();
        let open: Vec<_> = ws
            .requirements()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.fields.status == "developing")
            .take(2)
            .collect();
        assert_eq!(open.len(), 2);
        let close = |ws: &mut Workspace, r: &crate::model::research::Requirement| {
            let mut fields = r.fields.clone();
            fields.status = "released".into();
            ws.apply(Change::UpdateRequirement { id: r.id, fields })
                .unwrap_or_else(|e| panic!("{e}"));
        };
        close(&mut ws, &open[0]);
        close(&mut ws, &open[1]);
        ws.undo().unwrap_or_else(|e| panic!("{e}"));
        let today = chrono::Local::now().date_naive();
        let r = weekly(&ws, &project, Period::week_of(today)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            r.requirements_closed,
            vec![(open[0].id.key(), open[0].fields.title.clone())]
        );
        // A week before: nothing.
        let before = Period::week_of(today - Duration::days(7));
        let r = weekly(&ws, &project, before).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.requirements_closed.is_empty());
    }

    #[test]
    fn the_html_report_escapes_names_and_shows_every_section() {
        let report = WeeklyReport {
            project: "<script>x</script>".into(),
            period: Period::week_of(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()),
            status: {
                let mut s = Status::default();
                s.set(Dimension::Overall, Some(Rag::Amber));
                s.set(Dimension::Schedule, Some(Rag::Amber));
                s
            },
            suggested: Status::default(),
            reasons: vec![],
            narrative: Default::default(),
            schedule_rule: ScheduleRule::DueNotFinished(1),
            completed: vec![],
            not_completed: vec![Line {
                uid: 7,
                name: "A & <B>".into(),
                start: None,
                finish: NaiveDate::from_ymd_opt(2026, 12, 8),
                baseline_finish: None,
                days: Some(2),
                done: false,
            }],
            next: vec![],
            milestones: vec![],
            percent_planned: 50.0,
            percent_actual: 40.0,
            requirements_closed: vec![],
            rules: vec![],
            changes: vec![],
            feedback: Default::default(),
            effort: Default::default(),
            previous: None,
            trend: vec![],
            risks: Default::default(),
            quality: Default::default(),
        };
        use crate::report::document::{to_html, to_markdown};
        let template = crate::model::report::ReportTemplate::default();
        let html = to_html(&document(&report, Language::ZhCn, &template));
        assert!(!html.contains("<script>x"), "escaped");
        assert!(html.contains("A &amp; &lt;B&gt;"));
        for section in [
            Section::Completed,
            Section::NotCompleted,
            Section::Next,
            Section::Milestones,
        ] {
            assert!(html.contains(&section.title(Language::ZhCn)), "{section:?}");
        }
        assert!(html.contains("@page"));
        let md = to_markdown(&document(&report, Language::English, &template));
        assert!(md.contains("| A & &lt;B> |"), "{md}");
        assert!(!md.contains("<script>"), "{md}");
    }

    #[test]
    fn the_workbook_holds_the_status_and_a_sheet_per_list() {
        let (dir, ws, project) = demo();
        let status = project.fields.status_date.unwrap_or_default();
        let r = weekly(&ws, &project, Period::week_of(status)).unwrap_or_else(|e| panic!("{e}"));
        let doc = document(&r, Language::ZhCn, &Default::default());
        let bytes =
            crate::report::document::to_xlsx(&doc, "概要").unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("周报.xlsx");
        let first = crate::io::sheet::first_sheet(&bytes, &path).unwrap_or_else(|e| panic!("{e}"));
        assert!(first[0][0].starts_with("项目周报："), "{first:?}");
        assert!(
            first
                .iter()
                .any(|row| row.first().is_some_and(|c| c == "进度")),
            "{first:?}"
        );
    }

    #[test]
    fn changes_this_period_say_what_moved_and_who_did_it_and_rate_the_scope() {
        use crate::model::Change;
        let (_dir, mut ws, project) = demo();
        ws.set_author("王敏");
        let plan = ws.plan(project.id).unwrap_or_else(|e| panic!("{e}"));
        let task = plan
            .tasks
            .iter()
            .find(|t| t.fields.name == "AI 建议面板")
            .unwrap_or_else(|| panic!("task"))
            .clone();
        let mut fields = task.fields.clone();
        fields.duration_minutes += 2 * 480;
        ws.apply(Change::UpdateTask {
            id: task.id,
            fields,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        ws.apply(Change::AddTask {
            project: project.id,
            after: Some(task.id),
            fields: crate::model::TaskFields {
                name: "灰度发布预案".into(),
                duration_minutes: 480,
                ..Default::default()
            },
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let today = chrono::Local::now().date_naive();
        let r = weekly(&ws, &project, Period::week_of(today)).unwrap_or_else(|e| panic!("{e}"));
        let texts: Vec<String> = r
            .changes
            .iter()
            .map(|c| c.what.text(Language::ZhCn))
            .collect();
        assert!(
            texts
                .iter()
                .any(|t| t.contains("灰度发布预案") && t.starts_with("新增任务")),
            "{texts:?}"
        );
        assert!(r.changes.iter().all(|c| c.who == "王敏"), "{:?}", r.changes);
        // A task added: scope is amber, with its rule.
        assert_eq!(r.status.get(Dimension::Scope), Some(Rag::Amber));
        assert!(r.rules.iter().any(|(d, _)| *d == Dimension::Scope));
        // Work figures come from the demo's assignments.
        assert!(r.effort.total > 0.0 && !r.effort.people.is_empty());
        assert!(r.status.get(Dimension::Effort).is_some());
        // The demo survey's waves give an NPS and its change.
        assert!(r.feedback.nps.is_some() && r.feedback.nps_before.is_some());
        assert!(!r.feedback.top_demand.is_empty());
        let md = crate::report::document::to_markdown(&document(
            &r,
            Language::ZhCn,
            &Default::default(),
        ));
        for heading in ["## 本期变更", "## 工作量", "## 用户反馈"] {
            assert!(md.contains(heading), "{heading}: {md}");
        }
    }

    /// A plan built by hand with known actuals: four tasks in a chain, baseline saved,
    /// then progress reported to Friday 2026-11-13.
    #[test]
    fn a_fixture_plan_with_known_actuals_gives_exactly_these_facts() {
        use crate::model::schedule::LinkKind;
        use crate::model::task::TimeUnit;
        use crate::model::{CalendarId, Change, ProjectFields, TaskFields};
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            Workspace::create(&dir.path().join("f.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let mut fields = ProjectFields {
            name: "夹具".into(),
            start_date: d("2026-11-02"),
            calendar: CalendarId(1),
            description: String::new(),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        };
        ws.apply(Change::CreateProject(fields.clone()))
            .unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let mut ids = Vec::new();
        for (name, days) in [("需求评审", 3), ("接口开发", 5), ("联调", 2), ("上线", 0)]
        {
            ws.apply(Change::AddTask {
                project: project.id,
                after: ids.last().copied(),
                fields: TaskFields {
                    name: name.into(),
                    duration_minutes: days * 480,
                    milestone: days == 0,
                    ..Default::default()
                },
            })
            .unwrap_or_else(|e| panic!("{e}"));
            let plan = ws.plan(project.id).unwrap_or_else(|e| panic!("{e}"));
            let id = plan
                .tasks
                .iter()
                .find(|t| t.fields.name == name)
                .map(|t| t.id)
                .unwrap_or_else(|| panic!("{name}"));
            if let Some(&before) = ids.last() {
                ws.apply(Change::Link {
                    predecessor: before,
                    successor: id,
                    kind: LinkKind::FinishToStart,
                    lag: 0,
                    lag_unit: TimeUnit::Days,
                })
                .unwrap_or_else(|e| panic!("{e}"));
            }
            ids.push(id);
        }
        ws.apply(Change::Reschedule(project.id))
            .unwrap_or_else(|e| panic!("{e}"));
        ws.apply(Change::SetBaseline {
            project: project.id,
            number: 0,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        // Progress: 需求评审 done on time, 接口开发 done a day late (Wed 11-11), 联调 half
        // done, its rest resuming on Monday 11-16 (MS Project's Resume).
        let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        let plan = ws.plan(project.id).unwrap_or_else(|e| panic!("{e}"));
        for (i, start, finish, pct) in [
            (0, "2026-11-02 08:00", Some("2026-11-04 17:00"), 100u8),
            (1, "2026-11-05 08:00", Some("2026-11-11 17:00"), 100),
            (2, "2026-11-12 08:00", None, 50),
        ] {
            let t = plan
                .tasks
                .iter()
                .find(|t| t.id == ids[i])
                .unwrap_or_else(|| panic!("task"));
            let mut f = t.fields.clone();
            f.actual_start = at(start);
            f.actual_finish = finish.and_then(at);
            f.percent_complete = pct;
            if pct < 100 {
                f.resume = at("2026-11-16 08:00");
            }
            ws.apply(Change::UpdateTask {
                id: t.id,
                fields: f,
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        fields.status_date = Some(d("2026-11-13"));
        ws.apply(Change::UpdateProject {
            id: project.id,
            fields,
        })
        .unwrap_or_else(|e| panic!("{e}"));
        ws.apply(Change::Reschedule(project.id))
            .unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let r = weekly(&ws, &project, Period::week_of(d("2026-11-13")))
            .unwrap_or_else(|e| panic!("{e}"));
        let json = to_json(&r);
        assert_eq!(json["period"]["from"], "2026-11-09");
        assert_eq!(json["period"]["to"], "2026-11-15");
        assert_eq!(
            json["completed"],
            serde_json::json!([{"uid": ids[1].0, "name": "接口开发", "finish": "2026-11-11"}])
        );
        // 联调 and the milestone after it: due (baseline) Fri 11-13, not finished; the
        // rest of 联调 (one day) resumes Monday, so both finish Mon 11-16: 3 days late.
        let late = &json["not_completed"];
        assert_eq!(
            *late,
            serde_json::json!([
                {"uid": ids[2].0, "name": "联调", "finish": "2026-11-16", "slip_days": 3},
                {"uid": ids[3].0, "name": "上线", "finish": "2026-11-16", "slip_days": 3},
            ]),
            "{json}"
        );
        let finish = d("2026-11-16");
        // Work-weighted: (3×100 + 5×100 + 2×50) / 10 days; the baseline planned it all.
        assert_eq!(json["percent_complete"]["actual"], 90.0);
        assert_eq!(json["percent_complete"]["planned"], 100.0);
        // The milestone: baseline 11-13, now as late as 联调.
        let m = &json["milestones"][0];
        assert_eq!(m["name"], "上线");
        assert_eq!(m["baseline_finish"], "2026-11-13");
        assert_eq!(m["variance_days"], (finish - d("2026-11-13")).num_days());
        assert_eq!(json["status"]["schedule"], "red");
        let next: Vec<&str> = json["next"]
            .as_array()
            .map(|n| n.iter().filter_map(|t| t["name"].as_str()).collect())
            .unwrap_or_default();
        assert_eq!(next, vec!["联调", "上线"]);
        assert_eq!(json["requirements_closed"], serde_json::json!([]));
    }
}
