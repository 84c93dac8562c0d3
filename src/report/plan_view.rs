//! What the Gantt view draws from: one project's tasks as rows, with their computed
//! schedule, built once per change (never per frame).

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};

use crate::model::plan::{StartDriver, TaskSchedule};
use crate::model::schedule::LinkKind;
pub use crate::model::task::format_duration as duration_text;
use crate::model::work_calendar::WorkCalendar;
use crate::model::{Project, ProjectId, TaskFields, TaskId, TimeUnit};
use crate::store::{StoreError, StoreResult, Workspace};

/// One row of the Gantt table and its bar.
#[derive(Clone, Debug, PartialEq)]
pub struct GanttRow {
    pub task: TaskId,
    pub name: String,
    /// Outline depth, 0 for top-level tasks.
    pub depth: u16,
    pub wbs: String,
    pub summary: bool,
    pub milestone: bool,
    pub duration: String,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub percent_complete: u8,
    /// Predecessors as MS Project writes them: `3FS+2d`, `5SS`.
    pub predecessors: String,
    pub critical: bool,
    /// The stored dates differ from what the scheduler computes now.
    pub out_of_date: bool,
    /// Row index of the summary above, for collapsing.
    pub parent_row: Option<usize>,
    /// The stored fields, for the task editor.
    pub fields: TaskFields,
    /// Who works on it: `王芳, 李强[50%]`.
    pub resources: String,
    /// Dates saved in each baseline that has this task: (number, start, finish).
    pub baselines: Vec<(u8, NaiveDateTime, NaiveDateTime)>,
    /// What drives the computed start ("why is this task here").
    pub driver: Option<Driver>,
    /// Where its work stands still (a split task, or a started one that resumes
    /// later): the bar has a gap from each first moment to each second.
    pub gaps: Vec<(NaiveDateTime, NaiveDateTime)>,
}

/// Why a task starts when it does, in terms of rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    ProjectStart,
    /// The predecessor row (index) and the link type.
    Predecessor(usize, LinkKind),
    Constraint,
    Subtasks,
    /// Manually scheduled.
    Manual,
}

impl GanttRow {
    /// The task's deadline, and whether its finish is past it.
    pub fn deadline(&self) -> Option<(NaiveDateTime, bool)> {
        let d = self.fields.deadline?;
        Some((d, self.finish.is_some_and(|f| f > d)))
    }

    /// How far the task has moved from baseline `number`, in working minutes on
    /// `calendar`: (start, finish), positive when later (MS Project's Start Var. and
    /// Finish Var.).
    pub fn variance(&self, number: u8, calendar: &WorkCalendar) -> Option<(i64, i64)> {
        let (bs, bf) = self.baseline(number)?;
        let (s, f) = (self.start?, self.finish?);
        let origin = [bs, bf, s, f].iter().map(|t| t.date()).min()?;
        let mut axis = crate::model::work_calendar::WorkAxis::new(calendar, origin);
        Some((
            axis.offset(s) - axis.offset(bs),
            axis.offset(f) - axis.offset(bf),
        ))
    }

    /// The dates saved in baseline `number`, if any.
    pub fn baseline(&self, number: u8) -> Option<(NaiveDateTime, NaiveDateTime)> {
        self.baselines
            .iter()
            .find(|b| b.0 == number)
            .map(|b| (b.1, b.2))
    }
}

/// A dependency between two rows, for the arrows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GanttLink {
    pub from_row: usize,
    pub to_row: usize,
    pub kind: LinkKind,
}

/// One project's plan, ready to draw.
#[derive(Clone, Debug)]
pub struct PlanView {
    pub project: ProjectId,
    pub revision: u64,
    pub rows: Vec<GanttRow>,
    /// Sorted by the row they start from (see [`PlanView::links_from`]).
    pub links: Vec<GanttLink>,
    /// First and last day with a bar (the project start when there is none).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub calendar: WorkCalendar,
    /// Why the plan could not be scheduled (a cycle), if so.
    pub schedule_problem: Option<String>,
    /// Work per person per week over the plan, for the resource view.
    pub resource_load: Vec<ResourceLoad>,
}

/// One person's load, week by week.
#[derive(Clone, Debug, PartialEq)]
pub struct ResourceLoad {
    pub id: crate::model::ResourceId,
    pub name: String,
    /// Its own calendar; `None` works on the project's.
    pub calendar: Option<crate::model::CalendarId>,
    pub max_units: u32,
    pub weeks: Vec<crate::model::resource::WeekLoad>,
}

/// At most this many weeks are shown in the resource view (five years).
const MAX_LOAD_WEEKS: i64 = 260;

fn lag_text(lag: i64, unit: TimeUnit, elapsed: bool) -> String {
    if lag == 0 {
        return String::new();
    }
    let sign = if lag > 0 { "+" } else { "-" };
    match unit {
        TimeUnit::Percent => format!("{sign}{}%", lag.abs()),
        _ => format!("{sign}{}", duration_text(lag.abs(), unit, elapsed)),
    }
}

/// The pieces of a bar from `span.0` to `span.1` with `gaps` (sorted, in the same
/// units) left out.
pub fn bar_pieces(span: (f32, f32), gaps: &[(f32, f32)]) -> Vec<(f32, f32)> {
    let mut out = Vec::with_capacity(gaps.len() + 1);
    let mut from = span.0;
    for &(a, b) in gaps {
        let (a, b) = (a.clamp(span.0, span.1), b.clamp(span.0, span.1));
        if a > from {
            out.push((from, a));
        }
        from = from.max(b);
    }
    if span.1 > from {
        out.push((from, span.1));
    }
    out
}

/// Where a task's work stands still, as dates: each split after the work done before
/// it, and a started task's pause from the end of the work done to where it resumes.
/// Counted on the project calendar.
pub fn work_gaps(
    fields: &TaskFields,
    start: NaiveDateTime,
    axis: &mut crate::model::work_calendar::WorkAxis<'_>,
) -> Vec<(NaiveDateTime, NaiveDateTime)> {
    let mut out = Vec::new();
    if let (Some(actual), Some(resume), None) =
        (fields.actual_start, fields.resume, fields.actual_finish)
    {
        let from = axis.offset(actual).saturating_add(fields.done_minutes());
        if let Some(a) = axis.finish_at(from)
            && resume > actual
            && a < resume
        {
            out.push((a, resume));
        }
        return out;
    }
    let mut at = axis.offset(start);
    let mut worked = 0;
    for s in &fields.splits {
        at = at.saturating_add((s.after_minutes - worked).max(0));
        worked = s.after_minutes.max(worked);
        let end = at.saturating_add(s.gap_minutes.max(0));
        if let (Some(a), Some(b)) = (axis.finish_at(at), axis.start_at(end)) {
            out.push((a, b));
        }
        at = end;
    }
    out
}

impl PlanView {
    /// The links starting from `row`: a binary search, so drawing the rows on screen
    /// costs what they hold, not what the plan holds.
    pub fn links_from(&self, row: usize) -> &[GanttLink] {
        let start = self.links.partition_point(|l| l.from_row < row);
        let end = start + self.links[start..].partition_point(|l| l.from_row == row);
        &self.links[start..end]
    }

    /// Reads the plan and schedules it (a few queries and one CPM run).
    pub fn build(ws: &Workspace, project: &Project) -> StoreResult<PlanView> {
        let plan = ws.plan(project.id)?;
        let calendar = ws
            .work_calendar(project.fields.calendar)?
            .unwrap_or_else(WorkCalendar::standard);
        let (schedule, problem) = match ws.compute_schedule(project) {
            Ok(s) => (s, None),
            Err(
                e @ (StoreError::Cycle(_) | StoreError::NoWorkingTime | StoreError::InvalidPlan(_)),
            ) => (Vec::new(), Some(e.to_string())),
            Err(e) => return Err(e),
        };
        let computed: HashMap<TaskId, &TaskSchedule> =
            schedule.iter().map(|s| (s.task, s)).collect();
        let row_of: HashMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        let has_children: std::collections::HashSet<TaskId> =
            plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
        let mut preds: HashMap<TaskId, Vec<String>> = HashMap::new();
        let mut links = Vec::with_capacity(plan.dependencies.len());
        for d in &plan.dependencies {
            let (Some(&from), Some(&to)) = (row_of.get(&d.predecessor), row_of.get(&d.successor))
            else {
                continue;
            };
            links.push(GanttLink {
                from_row: from,
                to_row: to,
                kind: d.kind,
            });
            let kind = if d.kind == LinkKind::FinishToStart && d.lag == 0 {
                ""
            } else {
                d.kind.code()
            };
            preds.entry(d.successor).or_default().push(format!(
                "{}{kind}{}",
                from + 1,
                lag_text(d.lag, d.lag_unit, d.lag_elapsed)
            ));
        }
        let resource_names: HashMap<crate::model::ResourceId, &str> = plan
            .resources
            .iter()
            .map(|r| (r.id, r.name.as_str()))
            .collect();
        let mut assigned: HashMap<TaskId, Vec<String>> = HashMap::new();
        for a in &plan.assignments {
            let name = resource_names.get(&a.resource).copied().unwrap_or("?");
            let text = if a.units == 100 {
                name.to_owned()
            } else {
                format!("{name}[{}%]", a.units)
            };
            assigned.entry(a.task).or_default().push(text);
        }
        let mut baselines: HashMap<TaskId, Vec<(u8, NaiveDateTime, NaiveDateTime)>> =
            HashMap::new();
        for b in &plan.baselines {
            if let (Some(s), Some(f)) = (b.start, b.finish) {
                baselines.entry(b.task).or_default().push((b.number, s, f));
            }
        }
        let mut depth: Vec<u16> = Vec::with_capacity(plan.tasks.len());
        let mut counters: Vec<u32> = Vec::new();
        let mut rows = Vec::with_capacity(plan.tasks.len());
        let dependency_by_id: HashMap<crate::model::DependencyId, &crate::model::Dependency> =
            plan.dependencies.iter().map(|d| (d.id, d)).collect();
        let gap_origin = plan
            .tasks
            .iter()
            .filter_map(|t| t.fields.start.or(t.fields.actual_start))
            .map(|d| d.date())
            .min()
            .unwrap_or(project.fields.start_date);
        let gap_origin = gap_origin
            .checked_sub_signed(chrono::Duration::days(7))
            .unwrap_or(gap_origin);
        let mut gap_axis = crate::model::work_calendar::WorkAxis::new(&calendar, gap_origin);
        for t in &plan.tasks {
            let parent_row = t.fields.parent.and_then(|p| row_of.get(&p).copied());
            let d = parent_row
                .and_then(|p| depth.get(p).map(|d| d + 1))
                .unwrap_or(0);
            depth.push(d);
            counters.truncate(usize::from(d) + 1);
            while counters.len() <= usize::from(d) {
                counters.push(0);
            }
            counters[usize::from(d)] += 1;
            let wbs = counters
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            let c = computed.get(&t.id);
            let summary = has_children.contains(&t.id);
            let (start, finish) = match (t.fields.start, t.fields.finish, c) {
                (Some(s), Some(f), _) => (Some(s), Some(f)),
                (_, _, Some(c)) => (Some(c.early_start), Some(c.early_finish)),
                (s, f, None) => (s, f),
            };
            let out_of_date = !t.fields.manual
                && c.is_some_and(|c| t.fields.start.is_some_and(|s| s != c.early_start));
            rows.push(GanttRow {
                task: t.id,
                name: t.fields.name.clone(),
                depth: d,
                wbs,
                summary,
                milestone: t.fields.milestone,
                duration: if summary {
                    String::new()
                } else {
                    duration_text(
                        t.fields.duration_minutes,
                        t.fields.duration_unit,
                        t.fields.elapsed,
                    )
                },
                start,
                finish,
                percent_complete: t.fields.percent_complete,
                predecessors: preds.remove(&t.id).map(|p| p.join(",")).unwrap_or_default(),
                critical: c.is_some_and(|c| c.critical),
                out_of_date,
                parent_row,
                fields: t.fields.clone(),
                resources: assigned
                    .remove(&t.id)
                    .map(|v| v.join(", "))
                    .unwrap_or_default(),
                baselines: baselines.remove(&t.id).unwrap_or_default(),
                gaps: match start {
                    Some(s) if !summary => work_gaps(&t.fields, s, &mut gap_axis),
                    _ => Vec::new(),
                },
                driver: c.map(|c| match c.driver {
                    StartDriver::ProjectStart => Driver::ProjectStart,
                    StartDriver::Constraint => Driver::Constraint,
                    StartDriver::Subtasks => Driver::Subtasks,
                    StartDriver::Manual => Driver::Manual,
                    StartDriver::Dependency(id) => dependency_by_id
                        .get(&id)
                        .and_then(|d| {
                            Some(Driver::Predecessor(*row_of.get(&d.predecessor)?, d.kind))
                        })
                        .unwrap_or(Driver::ProjectStart),
                }),
            });
        }
        // A summary's percent complete rolls up from the work below it, weighted by
        // duration (as MS Project shows it). Rows are in outline order: children come
        // after their summary, so one walk from the bottom adds them up.
        let mut work: Vec<(i64, i64)> = rows
            .iter()
            .map(|r| {
                if r.summary {
                    (0, 0)
                } else {
                    let d = r.fields.duration_minutes.max(0);
                    (d, d * i64::from(r.percent_complete))
                }
            })
            .collect();
        for i in (0..rows.len()).rev() {
            if let Some(p) = rows[i].parent_row.filter(|&p| p < i) {
                work[p].0 += work[i].0;
                work[p].1 += work[i].1;
            }
        }
        for (row, (total, done)) in rows.iter_mut().zip(work) {
            if row.summary && total > 0 {
                row.percent_complete = (done / total).clamp(0, 100) as u8;
            }
        }
        let first_day = rows
            .iter()
            .filter_map(|r| r.start)
            .min()
            .map_or(project.fields.start_date, |d| d.date());
        let last_day = rows
            .iter()
            .filter_map(|r| r.finish)
            .max()
            .map_or(first_day, |d| d.date())
            .max(first_day);
        let last_load_day = last_day.min(first_day + chrono::Duration::weeks(MAX_LOAD_WEEKS));
        let mut resource_load = Vec::with_capacity(plan.resources.len());
        for r in &plan.resources {
            let resource_calendar = match r.calendar {
                Some(c) => ws.work_calendar(c)?.unwrap_or_else(|| calendar.clone()),
                None => calendar.clone(),
            };
            let work: Vec<(NaiveDateTime, NaiveDateTime, u32)> = plan
                .assignments
                .iter()
                .filter(|a| a.resource == r.id)
                .filter_map(|a| {
                    let row = rows.get(*row_of.get(&a.task)?)?;
                    Some((row.start?, row.finish?, a.units))
                })
                .collect();
            resource_load.push(ResourceLoad {
                id: r.id,
                name: r.name.clone(),
                calendar: r.calendar,
                max_units: r.max_units,
                weeks: crate::model::resource::weekly_load(
                    &resource_calendar,
                    r.max_units,
                    &work,
                    first_day,
                    last_load_day,
                ),
            });
        }
        // By the row they start from, so the rows on screen find theirs at once.
        links.sort_by_key(|l| (l.from_row, l.to_row));
        Ok(PlanView {
            resource_load,
            project: project.id,
            revision: ws.revision(),
            rows,
            links,
            first_day,
            last_day,
            calendar,
            schedule_problem: problem,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rows_links_are_found_by_its_row() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let view = PlanView::build(&ws, &project).unwrap_or_else(|e| panic!("{e}"));
        assert!(view.links.len() > 50);
        for row in 0..view.rows.len() + 1 {
            let want: Vec<GanttLink> = view
                .links
                .iter()
                .filter(|l| l.from_row == row)
                .copied()
                .collect();
            assert_eq!(view.links_from(row), want.as_slice(), "row {row}");
        }
    }

    #[test]
    fn durations_and_lags_read_like_ms_project() {
        assert_eq!(duration_text(1440, TimeUnit::Days, false), "3d");
        assert_eq!(duration_text(720, TimeUnit::Days, false), "1.5d");
        assert_eq!(duration_text(4800, TimeUnit::Weeks, true), "2ew");
        assert_eq!(lag_text(960, TimeUnit::Days, false), "+2d");
        assert_eq!(lag_text(-480, TimeUnit::Days, false), "-1d");
        assert_eq!(lag_text(50, TimeUnit::Percent, false), "+50%");
        assert_eq!(lag_text(0, TimeUnit::Days, false), "");
    }

    #[test]
    fn split_bars_leave_their_gaps_out() {
        assert_eq!(
            bar_pieces((0.0, 10.0), &[(2.0, 4.0), (6.0, 7.0)]),
            vec![(0.0, 2.0), (4.0, 6.0), (7.0, 10.0)]
        );
        assert_eq!(bar_pieces((0.0, 10.0), &[]), vec![(0.0, 10.0)]);
        // A 2-day task split for a day after its first, from Monday 2026-11-30 08:00:
        // the gap is Tuesday, from Monday 17:00 to Wednesday 08:00.
        let calendar = WorkCalendar::standard();
        let mut axis = crate::model::work_calendar::WorkAxis::new(
            &calendar,
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default(),
        );
        let fields = TaskFields {
            duration_minutes: 960,
            splits: vec![crate::model::task::Split {
                after_minutes: 480,
                gap_minutes: 480,
            }],
            ..TaskFields::default()
        };
        let at = |d: u32, h: u32| {
            NaiveDate::from_ymd_opt(2026, 11, d)
                .or_else(|| NaiveDate::from_ymd_opt(2026, 12, d - 30))
                .and_then(|d| d.and_hms_opt(h, 0, 0))
                .unwrap_or_default()
        };
        assert_eq!(
            work_gaps(&fields, at(30, 8), &mut axis),
            vec![(at(30, 17), at(32, 8))]
        );
        // Half of a 4-day task done from Monday, resuming Thursday: Wednesday idle.
        let started = TaskFields {
            duration_minutes: 1920,
            percent_complete: 50,
            actual_start: Some(at(30, 8)),
            resume: Some(at(33, 8)),
            ..TaskFields::default()
        };
        assert_eq!(
            work_gaps(&started, at(30, 8), &mut axis),
            vec![(at(31, 17), at(33, 8))]
        );
    }
}
