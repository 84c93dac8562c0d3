//! A project's plan as a whole: its tasks, dependencies and the calendars it brought,
//! and scheduling it into dates (the CPM of [`super::schedule`] on a working-time axis).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::CalendarId;
use super::resource::{Assignment, BaselineEntry, Resource, ResourceId};
use super::schedule::{self, Driver, LinkKind, NetLink, NetTask, Network, ScheduleError};
use super::task::{Dependency, Task, TaskFields, TaskId, TimeUnit};
use super::work_calendar::{WorkAxis, WorkCalendar};

/// A calendar defined in the workspace (not one of the built-ins).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredCalendar {
    pub id: CalendarId,
    pub name: String,
    pub definition: WorkCalendar,
}

/// Everything a project's plan holds, as stored; also the snapshot an edit keeps to
/// undo deleting a project.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    #[serde(default)]
    pub calendars: Vec<StoredCalendar>,
    #[serde(default)]
    pub tasks: Vec<Task>,
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    #[serde(default)]
    pub resources: Vec<Resource>,
    #[serde(default)]
    pub assignments: Vec<Assignment>,
    #[serde(default)]
    pub baselines: Vec<BaselineEntry>,
}

/// A task in a plan not stored yet: links and parents refer to positions in the draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftTask {
    /// `parent` and `calendar` in here are ignored; see the two fields below.
    pub fields: TaskFields,
    pub parent: Option<usize>,
    pub calendar: Option<usize>,
}

/// A dependency between two draft tasks (by position).
#[derive(Clone, Debug, PartialEq)]
pub struct DraftDependency {
    pub predecessor: usize,
    pub successor: usize,
    pub kind: LinkKind,
    pub lag: i64,
    pub lag_unit: TimeUnit,
    pub lag_elapsed: bool,
}

/// A resource brought in with a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftResource {
    pub name: String,
    pub max_units: u32,
    pub calendar: Option<usize>,
    pub source_uid: Option<i64>,
}

/// An assignment between draft positions: (task, resource, units in percent).
#[derive(Clone, Debug, PartialEq)]
pub struct DraftAssignment {
    pub task: usize,
    pub resource: usize,
    pub units: u32,
}

/// A baseline value of a draft task.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftBaseline {
    pub number: u8,
    pub task: usize,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub duration_minutes: i64,
}

/// The first free id of each table, for giving a draft its ids.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FirstIds {
    pub calendar: i64,
    pub task: i64,
    pub dependency: i64,
    pub resource: i64,
    pub assignment: i64,
}

/// A calendar brought in with a draft.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftCalendar {
    pub name: String,
    pub definition: WorkCalendar,
}

/// A whole plan to store at once (an import).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanDraft {
    pub calendars: Vec<DraftCalendar>,
    /// Which of `calendars` the project itself uses; `None` keeps the chosen one.
    pub project_calendar: Option<usize>,
    pub tasks: Vec<DraftTask>,
    pub dependencies: Vec<DraftDependency>,
    pub resources: Vec<DraftResource>,
    pub assignments: Vec<DraftAssignment>,
    pub baselines: Vec<DraftBaseline>,
}

/// Gap between the positions of neighbouring tasks as they are first stored.
pub const POSITION_STEP: i64 = 1024;

impl PlanDraft {
    /// Gives every row its id, counting up from the first free id of each table, and
    /// checks that parents come before children and links join two tasks of the plan.
    pub fn with_ids(self, project: super::ProjectId, first: FirstIds) -> Result<Plan, String> {
        let (first_calendar, first_task, first_dependency) =
            (first.calendar, first.task, first.dependency);
        let calendar_id = |i: usize| CalendarId(first_calendar + i as i64);
        let task_id = |i: usize| TaskId(first_task + i as i64);
        let calendars: Vec<StoredCalendar> = self
            .calendars
            .into_iter()
            .enumerate()
            .map(|(i, c)| StoredCalendar {
                id: calendar_id(i),
                name: c.name,
                definition: c.definition,
            })
            .collect();
        let mut tasks = Vec::with_capacity(self.tasks.len());
        for (i, t) in self.tasks.into_iter().enumerate() {
            if t.parent.is_some_and(|p| p >= i) {
                return Err(format!("task #{i} comes before its summary task"));
            }
            if t.calendar.is_some_and(|c| c >= calendars.len()) {
                return Err(format!(
                    "task #{i} names a calendar that is not in the plan"
                ));
            }
            let mut fields = t.fields;
            // Outline order, with room between tasks for inserting without renumbering.
            fields.position = (i as i64 + 1) * POSITION_STEP;
            fields.parent = t.parent.map(task_id);
            fields.calendar = t.calendar.map(calendar_id);
            tasks.push(Task {
                id: task_id(i),
                project,
                fields,
            });
        }
        let mut dependencies = Vec::with_capacity(self.dependencies.len());
        for (i, d) in self.dependencies.into_iter().enumerate() {
            if d.predecessor >= tasks.len()
                || d.successor >= tasks.len()
                || d.predecessor == d.successor
            {
                return Err(format!(
                    "dependency #{i} does not join two tasks of the plan"
                ));
            }
            dependencies.push(Dependency {
                id: super::task::DependencyId(first_dependency + i as i64),
                project,
                predecessor: task_id(d.predecessor),
                successor: task_id(d.successor),
                kind: d.kind,
                lag: d.lag,
                lag_unit: d.lag_unit,
                lag_elapsed: d.lag_elapsed,
            });
        }
        let mut resources = Vec::with_capacity(self.resources.len());
        for (i, r) in self.resources.into_iter().enumerate() {
            if r.calendar.is_some_and(|c| c >= calendars.len()) {
                return Err(format!(
                    "resource #{i} names a calendar that is not in the plan"
                ));
            }
            resources.push(Resource {
                id: ResourceId(first.resource + i as i64),
                project,
                name: r.name,
                max_units: r.max_units,
                calendar: r.calendar.map(calendar_id),
                source_uid: r.source_uid,
            });
        }
        let mut assignments = Vec::with_capacity(self.assignments.len());
        for (i, a) in self.assignments.into_iter().enumerate() {
            if a.task >= tasks.len() || a.resource >= resources.len() {
                return Err(format!(
                    "assignment #{i} does not join a task and a resource of the plan"
                ));
            }
            assignments.push(Assignment {
                id: first.assignment + i as i64,
                project,
                task: task_id(a.task),
                resource: resources[a.resource].id,
                units: a.units,
            });
        }
        let mut baselines = Vec::with_capacity(self.baselines.len());
        for b in self.baselines {
            if b.task >= tasks.len() || b.number > super::resource::MAX_BASELINE {
                return Err(format!(
                    "a baseline value names task #{} or baseline {}",
                    b.task, b.number
                ));
            }
            baselines.push(BaselineEntry {
                number: b.number,
                task: task_id(b.task),
                start: b.start,
                finish: b.finish,
                duration_minutes: b.duration_minutes,
            });
        }
        Ok(Plan {
            calendars,
            tasks,
            dependencies,
            resources,
            assignments,
            baselines,
        })
    }
}

/// A task's computed dates and slack.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskSchedule {
    pub task: TaskId,
    pub summary: bool,
    pub early_start: NaiveDateTime,
    pub early_finish: NaiveDateTime,
    pub late_start: NaiveDateTime,
    pub late_finish: NaiveDateTime,
    pub total_slack_minutes: i64,
    pub free_slack_minutes: i64,
    pub critical: bool,
    /// What drives the start: a dependency (by id), a constraint, the project start.
    pub driver: StartDriver,
}

/// Why a task starts when it does ("why is this task here").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartDriver {
    ProjectStart,
    Dependency(super::task::DependencyId),
    Constraint,
    Subtasks,
}

/// Why a plan cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    #[error("the dependencies form a cycle")]
    Cycle(Vec<TaskId>),
    #[error("the calendar has no working time")]
    NoWorkingTime,
    #[error("the schedule runs beyond the dates a calendar can reach (about 300 years)")]
    OutOfRange,
    #[error("a dependency refers to a task that is not in the plan")]
    DanglingDependency,
}

/// Schedules tasks from the project's start date on its calendar.
/// `critical_limit_minutes`: total slack at or below this is critical.
pub fn schedule_plan(
    start: NaiveDate,
    calendar: &WorkCalendar,
    tasks: &[Task],
    dependencies: &[Dependency],
    critical_limit_minutes: i64,
) -> Result<Vec<TaskSchedule>, PlanError> {
    if !calendar.has_working_time() {
        return Err(PlanError::NoWorkingTime);
    }
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    order.sort_by_key(|&i| (tasks[i].fields.position, tasks[i].id));
    let index: HashMap<TaskId, usize> = order
        .iter()
        .enumerate()
        .map(|(net_i, &i)| (tasks[i].id, net_i))
        .collect();
    let earliest_constraint = tasks
        .iter()
        .filter_map(|t| t.fields.constraint_date)
        .map(|d| d.date())
        .min()
        .unwrap_or(start);
    let origin = start.min(earliest_constraint) - Duration::days(7);
    let mut axis = WorkAxis::new(calendar, origin);
    let mut net = Network::default();
    for &i in &order {
        let f = &tasks[i].fields;
        // Progress pins a task: it started when it did, and a finished task also ended
        // when it did, whatever its links say now (as in MS Project).
        if let Some(actual_start) = f.actual_start {
            let at = axis.offset(actual_start);
            let duration = match f.actual_finish {
                Some(done) => (axis.offset(done) - at).max(0),
                None => {
                    if f.milestone {
                        0
                    } else {
                        f.duration_minutes.max(0)
                    }
                }
            };
            net.tasks.push(NetTask {
                duration,
                parent: f.parent.and_then(|p| index.get(&p).copied()),
                constraint: super::schedule::ConstraintKind::MustStartOn,
                constraint_at: Some(at),
                elapsed: f.elapsed && f.actual_finish.is_none(),
                deadline_at: f.deadline.map(|d| axis.offset(d)),
            });
            continue;
        }
        net.tasks.push(NetTask {
            duration: if f.milestone {
                0
            } else {
                f.duration_minutes.max(0)
            },
            parent: f.parent.and_then(|p| index.get(&p).copied()),
            constraint: f.constraint,
            constraint_at: f.constraint_date.map(|d| axis.offset(d)),
            elapsed: f.elapsed,
            deadline_at: f.deadline.map(|d| axis.offset(d)),
        });
    }
    let mut link_ids = Vec::with_capacity(dependencies.len());
    for d in dependencies {
        let (Some(&pred), Some(&succ)) = (index.get(&d.predecessor), index.get(&d.successor))
        else {
            return Err(PlanError::DanglingDependency);
        };
        let lag = match d.lag_unit {
            TimeUnit::Percent => net.tasks[pred].duration * d.lag / 100,
            _ => d.lag,
        };
        net.links.push(NetLink {
            pred,
            succ,
            kind: d.kind,
            lag,
            lag_elapsed: d.lag_elapsed && d.lag_unit != TimeUnit::Percent,
        });
        link_ids.push(d.id);
    }
    let project_start = axis.offset(start.and_time(chrono::NaiveTime::MIN));
    let times = schedule::schedule_with(&net, project_start, critical_limit_minutes, &mut axis)
        .map_err(|e| match e {
            ScheduleError::Cycle(nodes) => {
                PlanError::Cycle(nodes.into_iter().map(|n| tasks[order[n]].id).collect())
            }
            ScheduleError::BadLink(_) => PlanError::DanglingDependency,
        })?;
    let is_summary: Vec<bool> = {
        let mut s = vec![false; net.tasks.len()];
        for t in &net.tasks {
            if let Some(p) = t.parent {
                s[p] = true;
            }
        }
        s
    };
    let mut out = Vec::with_capacity(times.len());
    for (net_i, t) in times.iter().enumerate() {
        let date = |axis: &mut WorkAxis<'_>, offset: i64, finish: bool| {
            let d = if finish {
                axis.finish_at(offset)
            } else {
                axis.start_at(offset)
            };
            d.ok_or(PlanError::OutOfRange)
        };
        // A milestone's finish is its start.
        let zero = t.early_finish == t.early_start;
        let early_start = date(&mut axis, t.early_start, false)?;
        let late_start = date(&mut axis, t.late_start, false)?;
        let fields = &tasks[order[net_i]].fields;
        // An elapsed task ends a wall-clock span after it starts (a night or a weekend
        // is part of it), not at the end of a working day.
        let elapsed = fields.elapsed && !is_summary[net_i] && !fields.milestone;
        let span = chrono::Duration::minutes(fields.duration_minutes.max(0));
        out.push(TaskSchedule {
            task: tasks[order[net_i]].id,
            summary: is_summary[net_i],
            early_start,
            early_finish: if elapsed {
                early_start + span
            } else {
                date(&mut axis, t.early_finish, !zero)?
            },
            late_start,
            late_finish: if elapsed {
                late_start + span
            } else {
                date(&mut axis, t.late_finish, !zero)?
            },
            total_slack_minutes: t.total_slack,
            free_slack_minutes: t.free_slack,
            critical: t.critical,
            driver: match t.driver {
                Driver::ProjectStart => StartDriver::ProjectStart,
                Driver::Link(l) => link_ids
                    .get(l)
                    .map_or(StartDriver::ProjectStart, |&id| StartDriver::Dependency(id)),
                Driver::Constraint => StartDriver::Constraint,
                Driver::Children => StartDriver::Subtasks,
            },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProjectId;
    use crate::model::task::DependencyId;

    fn task(id: i64, position: i64, days: i64) -> Task {
        Task {
            id: TaskId(id),
            project: ProjectId(1),
            fields: TaskFields {
                name: format!("任务 {id}"),
                position,
                duration_minutes: days * 480,
                ..TaskFields::default()
            },
        }
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn dates_follow_the_calendar() {
        let tasks = vec![task(10, 1, 3), task(11, 2, 2)];
        let deps = vec![Dependency {
            id: DependencyId(5),
            project: ProjectId(1),
            predecessor: TaskId(10),
            successor: TaskId(11),
            kind: LinkKind::FinishToStart,
            lag: 50,
            lag_unit: TimeUnit::Percent,
            lag_elapsed: false,
        }];
        // 2026-11-26 is a Thursday.
        let start = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let s = schedule_plan(start, &WorkCalendar::standard(), &tasks, &deps, 0).unwrap();
        assert_eq!(s[0].early_start, dt("2026-11-26T08:00"));
        assert_eq!(s[0].early_finish, dt("2026-11-30T17:00"), "Thu, Fri, Mon");
        // 50 % of 3 days = 1.5 days of lag: Tuesday 08:00 + 12 h of work = Wednesday 13:00.
        assert_eq!(s[1].early_start, dt("2026-12-02T13:00"));
        assert_eq!(s[1].driver, StartDriver::Dependency(DependencyId(5)));
        assert!(s[0].critical && s[1].critical);
    }

    #[test]
    fn elapsed_durations_and_lags_run_through_nights_and_weekends() {
        // Friday 2026-11-27: a 3-day elapsed task ends Monday 08:00; its successor
        // (FS) starts then. A 1-day elapsed lag after Friday 17:00 ends Saturday 17:00,
        // so that successor starts Monday 08:00 too.
        let mut a = task(1, 1, 0);
        a.fields.duration_minutes = 3 * 1440;
        a.fields.elapsed = true;
        let b = task(2, 2, 1);
        let c = task(3, 3, 1);
        let d = task(4, 4, 1);
        let link = |id, p, s, lag, lag_elapsed| Dependency {
            id: DependencyId(id),
            project: ProjectId(1),
            predecessor: TaskId(p),
            successor: TaskId(s),
            kind: LinkKind::FinishToStart,
            lag,
            lag_unit: TimeUnit::Days,
            lag_elapsed,
        };
        let deps = vec![link(1, 1, 2, 0, false), link(2, 3, 4, 1440, true)];
        let start = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let s = schedule_plan(start, &WorkCalendar::standard(), &[a, b, c, d], &deps, 0).unwrap();
        assert_eq!(s[0].early_finish, dt("2026-11-30T08:00"));
        assert_eq!(s[1].early_start, dt("2026-11-30T08:00"));
        assert_eq!(s[2].early_finish, dt("2026-11-27T17:00"));
        assert_eq!(
            s[3].early_start,
            dt("2026-11-30T08:00"),
            "Saturday 17:00, then Monday"
        );
        // And a working-time lag of a day after Friday would be Monday's whole day.
        let deps = vec![link(2, 3, 4, 480, false)];
        let s = schedule_plan(
            start,
            &WorkCalendar::standard(),
            &[task(3, 1, 1), task(4, 2, 1)],
            &deps,
            0,
        )
        .unwrap();
        assert_eq!(s[1].early_start, dt("2026-12-01T08:00"));
    }

    #[test]
    fn progress_pins_started_and_finished_tasks() {
        // 2 → 3 (FS). Task 3 really started early, on the project's first day; task 2
        // finished a day late. Both keep their actual dates.
        let mut done = task(2, 1, 2);
        done.fields.actual_start = Some(dt("2026-11-26T08:00"));
        done.fields.actual_finish = Some(dt("2026-11-30T17:00"));
        done.fields.percent_complete = 100;
        let mut started = task(3, 2, 2);
        started.fields.actual_start = Some(dt("2026-11-26T08:00"));
        started.fields.percent_complete = 40;
        let deps = vec![Dependency {
            id: DependencyId(1),
            project: ProjectId(1),
            predecessor: TaskId(2),
            successor: TaskId(3),
            kind: LinkKind::FinishToStart,
            lag: 0,
            lag_unit: TimeUnit::Days,
            lag_elapsed: false,
        }];
        let start = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let s =
            schedule_plan(start, &WorkCalendar::standard(), &[done, started], &deps, 0).unwrap();
        assert_eq!(
            s[0].early_finish,
            dt("2026-11-30T17:00"),
            "three days, as it really went"
        );
        assert_eq!(
            s[1].early_start,
            dt("2026-11-26T08:00"),
            "started when it started"
        );
        assert_eq!(s[1].early_finish, dt("2026-11-27T17:00"));
        assert_eq!(s[1].driver, StartDriver::Constraint);
    }

    #[test]
    fn a_cycle_names_its_tasks() {
        let tasks = vec![task(1, 1, 1), task(2, 2, 1)];
        let link = |id, p, s| Dependency {
            id: DependencyId(id),
            project: ProjectId(1),
            predecessor: TaskId(p),
            successor: TaskId(s),
            kind: LinkKind::FinishToStart,
            lag: 0,
            lag_unit: TimeUnit::Days,
            lag_elapsed: false,
        };
        let deps = vec![link(1, 1, 2), link(2, 2, 1)];
        let start = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        match schedule_plan(start, &WorkCalendar::standard(), &tasks, &deps, 0) {
            Err(PlanError::Cycle(mut ids)) => {
                ids.sort();
                assert_eq!(ids, vec![TaskId(1), TaskId(2)]);
            }
            other => panic!("{other:?}"),
        }
    }
}
