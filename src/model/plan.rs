//! A project's plan as a whole: its tasks, dependencies and the calendars it brought,
//! and scheduling it into dates (the CPM of [`super::schedule`] on a working-time axis).

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::CalendarId;
use super::calendar_axes::CalendarAxes;
use super::resource::{Assignment, BaselineEntry, Resource, ResourceId};
use super::schedule::ElapsedClock;
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

impl Plan {
    /// Changes this copy of a project's plan as `edit` changes the stored one, so a
    /// plan kept in memory can follow the edits instead of being read again. Rows are
    /// kept in the order the store reads them. Returns `false` for an edit it cannot
    /// follow (a project or calendar edit, a row it does not have): the copy is then
    /// stale and must be read again.
    pub fn follow(&mut self, project: super::ProjectId, edit: &super::Edit) -> bool {
        use super::Edit;
        match edit {
            Edit::UpdateTask { id, after, .. } => {
                match self.tasks.iter_mut().find(|t| t.id == *id) {
                    Some(t) => {
                        let moved = t.fields.position != after.position;
                        t.fields = after.clone();
                        if moved {
                            self.sort_tasks();
                        }
                        true
                    }
                    None => false,
                }
            }
            Edit::SetTaskDates {
                project: p,
                changes,
            } => {
                if *p != project {
                    return true;
                }
                let at: HashMap<TaskId, usize> = self
                    .tasks
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.id, i))
                    .collect();
                for c in changes {
                    let Some(&i) = at.get(&c.task) else {
                        return false;
                    };
                    (self.tasks[i].fields.start, self.tasks[i].fields.finish) = c.after;
                }
                true
            }
            Edit::InsertTasks {
                project: p,
                tasks,
                dependencies,
                assignments,
                baselines,
            } => {
                if *p == project {
                    self.tasks.extend(tasks.iter().cloned());
                    self.dependencies.extend(dependencies.iter().cloned());
                    self.assignments.extend(assignments.iter().cloned());
                    self.baselines.extend(baselines.iter().cloned());
                    self.sort_all();
                }
                true
            }
            Edit::RemoveTasks {
                project: p,
                tasks,
                dependencies,
                assignments,
                baselines,
            } => {
                if *p == project {
                    let tasks: std::collections::HashSet<TaskId> =
                        tasks.iter().map(|t| t.id).collect();
                    let deps: std::collections::HashSet<_> =
                        dependencies.iter().map(|d| d.id).collect();
                    let assigned: std::collections::HashSet<i64> =
                        assignments.iter().map(|a| a.id).collect();
                    self.tasks.retain(|t| !tasks.contains(&t.id));
                    self.dependencies.retain(|d| !deps.contains(&d.id));
                    self.assignments.retain(|a| !assigned.contains(&a.id));
                    self.baselines.retain(|b| {
                        !baselines
                            .iter()
                            .any(|x| x.number == b.number && x.task == b.task)
                    });
                }
                true
            }
            Edit::InsertResources { resources } => {
                self.resources
                    .extend(resources.iter().filter(|r| r.project == project).cloned());
                self.resources.sort_by_key(|r| r.id);
                true
            }
            Edit::RemoveResources { resources } => {
                self.resources
                    .retain(|r| !resources.iter().any(|x| x.id == r.id));
                true
            }
            Edit::UpdateResource { after, .. } => {
                if after.project == project {
                    match self.resources.iter_mut().find(|r| r.id == after.id) {
                        Some(r) => *r = after.clone(),
                        None => return false,
                    }
                }
                true
            }
            Edit::ReplaceAssignments { before, after, .. } => {
                self.assignments
                    .retain(|a| !before.iter().any(|b| b.id == a.id));
                self.assignments
                    .extend(after.iter().filter(|a| a.project == project).cloned());
                self.assignments.sort_by_key(|a| a.id);
                true
            }
            Edit::SetBaseline {
                project: p,
                before,
                after,
                ..
            } => {
                if *p == project {
                    self.baselines.retain(|b| {
                        !before
                            .iter()
                            .any(|x| x.number == b.number && x.task == b.task)
                    });
                    self.baselines.extend(after.iter().cloned());
                    self.baselines.sort_by_key(|b| (b.number, b.task));
                }
                true
            }
            Edit::Batch { edits } => edits.iter().all(|e| self.follow(project, e)),
            // Surveys are not part of a plan.
            Edit::ShowSurvey { .. }
            | Edit::HideSurvey { .. }
            | Edit::PutNote { .. }
            | Edit::SetQuestionKind { .. }
            | Edit::PutFeedback { .. }
            | Edit::PutRequirement { .. }
            | Edit::PutRelease { .. }
            | Edit::SetPoolSettings { .. }
            | Edit::PutReport { .. }
            | Edit::PutRisk { .. }
            | Edit::PutLogEntry { .. }
            | Edit::PutQualityItem { .. }
            | Edit::SetSetting { .. } => true,
            Edit::InsertProject { .. }
            | Edit::RemoveProject { .. }
            | Edit::UpdateProject { .. }
            | Edit::UpdateCalendar { .. } => false,
        }
    }

    fn sort_tasks(&mut self) {
        self.tasks.sort_by_key(|t| (t.fields.position, t.id));
    }

    fn sort_all(&mut self) {
        self.sort_tasks();
        self.dependencies.sort_by_key(|d| d.id);
        self.assignments.sort_by_key(|a| a.id);
        self.baselines.sort_by_key(|b| (b.number, b.task));
    }
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
    /// Its work in minutes, where the file gives it.
    pub work_minutes: Option<i64>,
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

/// The longest duration, lag or work a plan may hold: 100 years of minutes. Beyond it
/// a value is damage, not a plan, and would overflow the schedule's arithmetic.
pub const MAX_SPAN_MINUTES: i64 = 100 * 366 * 24 * 60;

/// The deepest outline a plan may have (MS Project's plans rarely pass ten). A deeper
/// one is damage or a crafted file: every WBS code and outline number in it would be
/// as long as it is deep, so exports would grow with the square of its depth.
pub const MAX_OUTLINE_LEVELS: usize = 100;

/// The earliest and latest year a plan's dates may fall in.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

impl PlanDraft {
    /// Refuses what no real plan holds and the scheduler cannot take: durations, lags
    /// and work beyond 100 years, dates outside 1900–2200. The message names the task
    /// (its row, counting from 1, and its name).
    pub fn check(&self) -> Result<(), String> {
        use chrono::Datelike;
        let name = |i: usize| {
            let n = &self.tasks[i].fields.name;
            let short: String = n.chars().take(40).collect();
            format!("task {} “{}”", i + 1, crate::model::safe_text(&short))
        };
        for (i, t) in self.tasks.iter().enumerate() {
            let f = &t.fields;
            if !(0..=MAX_SPAN_MINUTES).contains(&f.duration_minutes) {
                return Err(format!(
                    "{}: a duration of {} minutes is not a plan's",
                    name(i),
                    f.duration_minutes
                ));
            }
            let dates = [
                f.start,
                f.finish,
                f.constraint_date,
                f.deadline,
                f.actual_start,
                f.actual_finish,
                f.resume,
            ];
            if let Some(d) = dates.iter().flatten().find(|d| !YEARS.contains(&d.year())) {
                return Err(format!(
                    "{}: the date {d} is outside {}–{}",
                    name(i),
                    YEARS.start(),
                    YEARS.end()
                ));
            }
            let split_minutes = f
                .splits
                .iter()
                .map(|s| s.after_minutes.max(s.gap_minutes))
                .max()
                .unwrap_or(0);
            if f.splits
                .iter()
                .any(|s| s.after_minutes < 0 || s.gap_minutes < 0)
                || split_minutes > MAX_SPAN_MINUTES
            {
                return Err(format!("{}: its splits are not a plan's", name(i)));
            }
        }
        let parents: Vec<Option<usize>> = self.tasks.iter().map(|t| t.parent).collect();
        if let Some((i, &depth)) = super::tree::depths(&parents)
            .iter()
            .enumerate()
            .find(|(_, d)| **d >= MAX_OUTLINE_LEVELS)
        {
            return Err(format!(
                "{}: outline level {} is deeper than the {MAX_OUTLINE_LEVELS} levels a plan may have",
                name(i),
                depth + 1
            ));
        }
        for (k, d) in self.dependencies.iter().enumerate() {
            if d.lag.abs() > MAX_SPAN_MINUTES {
                let at = if d.successor < self.tasks.len() {
                    name(d.successor)
                } else {
                    format!("link {}", k + 1)
                };
                return Err(format!("{at}: a lag of {} minutes is not a plan's", d.lag));
            }
        }
        for a in &self.assignments {
            if a.work_minutes
                .is_some_and(|w| !(0..=MAX_SPAN_MINUTES).contains(&w))
            {
                return Err(format!(
                    "{}: its assignment's work is not a plan's",
                    if a.task < self.tasks.len() {
                        name(a.task)
                    } else {
                        "an assignment".to_owned()
                    }
                ));
            }
        }
        for b in &self.baselines {
            if !(0..=MAX_SPAN_MINUTES).contains(&b.duration_minutes)
                || [b.start, b.finish]
                    .iter()
                    .flatten()
                    .any(|d| !YEARS.contains(&d.year()))
            {
                return Err(format!(
                    "{}: its baseline {} is not a plan's",
                    if b.task < self.tasks.len() {
                        name(b.task)
                    } else {
                        "a baseline".to_owned()
                    },
                    b.number
                ));
            }
        }
        Ok(())
    }

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
                work_minutes: a.work_minutes,
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

/// Whether `moment` is the end of a working period on `axis` (17:00, or 12:00 before
/// lunch) rather than a moment a task starting there would start at.
fn at_period_end(axis: &mut WorkAxis<'_>, moment: NaiveDateTime) -> bool {
    let offset = axis.offset(moment);
    axis.start_at(offset) != Some(moment) && axis.finish_at(offset) == Some(moment)
}

/// Why a task starts when it does ("why is this task here").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StartDriver {
    ProjectStart,
    Dependency(super::task::DependencyId),
    Constraint,
    Subtasks,
    /// Manually scheduled: the user put it there.
    Manual,
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

/// The calendars tasks and resources of a plan may name, by id.
pub type CalendarTable = HashMap<CalendarId, WorkCalendar>;

/// Schedules tasks from the project's start date on its calendar, with no task or
/// resource calendars. `critical_limit_minutes`: total slack at or below this is
/// critical.
pub fn schedule_plan(
    start: NaiveDate,
    calendar: &WorkCalendar,
    tasks: &[Task],
    dependencies: &[Dependency],
    critical_limit_minutes: i64,
) -> Result<Vec<TaskSchedule>, PlanError> {
    PlanToSchedule {
        start,
        start_time: chrono::NaiveTime::MIN,
        calendar,
        calendars: &CalendarTable::new(),
        tasks,
        dependencies,
        resources: &[],
        assignments: &[],
        critical_limit_minutes,
    }
    .schedule()
}

/// Everything scheduling a project reads.
pub struct PlanToSchedule<'a> {
    pub start: NaiveDate,
    /// The project starts at the first working minute at or after this time of its
    /// start date (midnight: when its calendar first works that day, 08:00 usually).
    pub start_time: chrono::NaiveTime,
    /// The project calendar: tasks without a calendar of their own work on it.
    pub calendar: &'a WorkCalendar,
    /// Task and resource calendars; an id missing here means the project calendar.
    pub calendars: &'a CalendarTable,
    pub tasks: &'a [Task],
    pub dependencies: &'a [Dependency],
    pub resources: &'a [Resource],
    pub assignments: &'a [Assignment],
    /// Total slack at or below this is critical.
    pub critical_limit_minutes: i64,
}

/// A project's plan with the calendars it is scheduled on, read together.
pub struct PlanInputs {
    pub plan: Plan,
    pub calendar: WorkCalendar,
    pub calendars: CalendarTable,
}

impl PlanInputs {
    /// What scheduling it for `project` reads.
    pub fn to_schedule<'a>(&'a self, project: &super::Project) -> PlanToSchedule<'a> {
        PlanToSchedule::for_project(project, &self.calendar, &self.calendars, &self.plan)
    }
}

impl<'a> PlanToSchedule<'a> {
    /// What scheduling a stored project's plan reads.
    pub fn for_project(
        project: &super::Project,
        calendar: &'a WorkCalendar,
        calendars: &'a CalendarTable,
        plan: &'a Plan,
    ) -> PlanToSchedule<'a> {
        PlanToSchedule {
            start: project.fields.start_date,
            start_time: project.fields.start_time.unwrap_or(chrono::NaiveTime::MIN),
            calendar,
            calendars,
            tasks: &plan.tasks,
            dependencies: &plan.dependencies,
            resources: &plan.resources,
            assignments: &plan.assignments,
            critical_limit_minutes: project.fields.critical_slack_minutes,
        }
    }
}

/// Which working time each task's work, and its slack and incoming lags, count on,
/// as MS Project decides: a task with resources works when they do (each on its own
/// calendar, cut to the task calendar if it has one); without resources, on the task
/// calendar or else the project's. Slack and lags use the task calendar or the
/// project's, never a resource's.
struct TaskCalendars {
    /// Distinct calendars; 0 is the project's.
    storage: Vec<WorkCalendar>,
    /// Distinct sets of storage indexes; set 0 is the project calendar alone.
    sets: Vec<Vec<usize>>,
    /// Per task (in the order given): the set its work counts on, and the set its
    /// slack and incoming lags count on.
    work: Vec<u32>,
    own: Vec<u32>,
    /// Per task: for a resource-driven task, each assignment's set and working
    /// minutes (work ÷ units); empty otherwise.
    parts: Vec<Vec<(u32, i64)>>,
}

impl TaskCalendars {
    fn new(input: &PlanToSchedule<'_>) -> TaskCalendars {
        let table = input.calendars;
        let known = |c: Option<CalendarId>| c.filter(|id| table.contains_key(id));
        let mut storage = vec![input.calendar.clone()];
        let mut keys: HashMap<(Option<CalendarId>, Option<CalendarId>), usize> = HashMap::new();
        keys.insert((None, None), 0);
        // `base` (None: the project's) cut to `with` when there is one.
        let mut calendar_of = |base: Option<CalendarId>, with: Option<CalendarId>| -> usize {
            let with = with.filter(|w| Some(*w) != base);
            if let Some(&i) = keys.get(&(base, with)) {
                return i;
            }
            let base_cal = base.and_then(|b| table.get(&b)).unwrap_or(input.calendar);
            let cal = match with.and_then(|w| table.get(&w)) {
                // No time in common: the task calendar alone, as MS Project falls back.
                Some(w) => Some(base_cal.intersect(w))
                    .filter(WorkCalendar::has_working_time)
                    .unwrap_or_else(|| w.clone()),
                None => base_cal.clone(),
            };
            storage.push(cal);
            keys.insert((base, with), storage.len() - 1);
            storage.len() - 1
        };
        let mut sets: Vec<Vec<usize>> = vec![vec![0]];
        let mut set_ids: HashMap<Vec<usize>, u32> = HashMap::from([(vec![0], 0)]);
        let mut set_of = |mut set: Vec<usize>| -> u32 {
            set.sort_unstable();
            set.dedup();
            *set_ids.entry(set.clone()).or_insert_with(|| {
                sets.push(set);
                (sets.len() - 1) as u32
            })
        };
        let resource_calendar: HashMap<ResourceId, Option<CalendarId>> = input
            .resources
            .iter()
            .map(|r| (r.id, known(r.calendar)))
            .collect();
        let mut assigned: HashMap<TaskId, Vec<Option<CalendarId>>> = HashMap::new();
        // Assignments that carry work: (resource calendar, working minutes).
        let mut driven: HashMap<TaskId, Vec<(Option<CalendarId>, i64)>> = HashMap::new();
        for a in input.assignments {
            if let Some(&rc) = resource_calendar.get(&a.resource) {
                assigned.entry(a.task).or_default().push(rc);
                if let Some(work) = a.work_minutes.filter(|&w| w > 0 && a.units > 0) {
                    let minutes = work.saturating_mul(100) / i64::from(a.units);
                    driven.entry(a.task).or_default().push((rc, minutes));
                }
            }
        }
        let mut work = Vec::with_capacity(input.tasks.len());
        let mut own = Vec::with_capacity(input.tasks.len());
        let mut parts = Vec::new();
        for t in input.tasks {
            // Nothing is kept when no assignment carries work (read with `get`).
            if !driven.is_empty() {
                // An auto-scheduled task that is not fixed-duration, not started and
                // not split lasts as long as its assignments' work takes (as MS
                // Project does).
                let f = &t.fields;
                let resource_driven = !f.manual
                    && !f.fixed_duration
                    && !f.elapsed
                    && f.duration_minutes > 0
                    && f.actual_start.is_none()
                    && f.splits.is_empty();
                parts.push(match driven.get(&t.id) {
                    Some(d) if resource_driven => d
                        .iter()
                        .map(|&(rc, minutes)| {
                            (set_of(vec![calendar_of(rc, known(f.calendar))]), minutes)
                        })
                        .collect(),
                    _ => Vec::new(),
                });
            }
            let tc = known(t.fields.calendar);
            let resources = if assigned.is_empty() {
                None
            } else {
                assigned.get(&t.id)
            };
            // Most tasks work on the project calendar alone: no allocation for them.
            let on_project =
                tc.is_none() && resources.is_none_or(|r| r.iter().all(Option::is_none));
            work.push(if on_project {
                0
            } else {
                match resources {
                    Some(rcs) => set_of(rcs.iter().map(|&rc| calendar_of(rc, tc)).collect()),
                    None => set_of(vec![calendar_of(tc, None)]),
                }
            });
            own.push(match tc {
                None => 0,
                Some(_) => set_of(vec![calendar_of(tc, None)]),
            });
        }
        TaskCalendars {
            storage,
            sets,
            work,
            own,
            parts,
        }
    }

    /// Whether every task works and counts on the project calendar alone.
    fn project_only(&self) -> bool {
        self.sets.len() == 1
    }
}

/// Where each task is in the network, by id: a table indexed by id when the ids are
/// dense (as the store gives them), else a hash map. Looked up for every task and
/// link, so hashing 250,000 ids cost more than the passes' bookkeeping.
enum TaskIndex {
    Dense { first: i64, at: Vec<u32> },
    Sparse(HashMap<TaskId, usize>),
}

impl TaskIndex {
    fn new(tasks: &[Task], order: &[usize]) -> TaskIndex {
        let (min, max) = tasks.iter().fold((i64::MAX, i64::MIN), |(lo, hi), t| {
            (lo.min(t.id.0), hi.max(t.id.0))
        });
        let span = max.saturating_sub(min);
        if !tasks.is_empty() && span >= 0 && (span as u64) < 4 * tasks.len() as u64 + 16 {
            let mut at = vec![u32::MAX; span as usize + 1];
            for (net_i, &i) in order.iter().enumerate() {
                at[(tasks[i].id.0 - min) as usize] = net_i as u32;
            }
            return TaskIndex::Dense { first: min, at };
        }
        TaskIndex::Sparse(
            order
                .iter()
                .enumerate()
                .map(|(net_i, &i)| (tasks[i].id, net_i))
                .collect(),
        )
    }

    fn get(&self, id: TaskId) -> Option<usize> {
        match self {
            TaskIndex::Dense { first, at } => {
                let k = usize::try_from(id.0.checked_sub(*first)?).ok()?;
                at.get(k).filter(|&&v| v != u32::MAX).map(|&v| v as usize)
            }
            TaskIndex::Sparse(map) => map.get(&id).copied(),
        }
    }
}

/// A plan's last schedule, kept so the next one after an edit recomputes only what the
/// edit reaches (see [`schedule::Memo`]); reused only when the calendars, the start and
/// the critical limit are the same.
#[derive(Clone, Debug)]
pub struct PlanMemo {
    key: u64,
    memo: schedule::Memo,
    link_ids: Vec<super::task::DependencyId>,
    /// Per task (network order): what its dates are written from besides its times.
    shape: Vec<(TaskId, bool, bool, i64)>,
    out: Vec<TaskSchedule>,
}

impl PlanMemo {
    /// The schedule it holds.
    pub fn schedule(&self) -> &[TaskSchedule] {
        &self.out
    }
}

/// The working time a plan's network is laid on, owned: a clock for it can be made
/// on any thread. Its axis is the project calendar, or the union of every calendar
/// the tasks and resources work on.
pub struct PlanAxis {
    calendars: TaskCalendars,
    /// The union of the calendars, when tasks or resources use others than the
    /// project's; `None`: the axis is the project calendar (`calendars.storage[0]`).
    union: Option<WorkCalendar>,
    origin: NaiveDate,
}

impl PlanAxis {
    fn new(calendars: TaskCalendars, project: &WorkCalendar, origin: NaiveDate) -> PlanAxis {
        let union = (!calendars.project_only()).then(|| {
            calendars
                .storage
                .iter()
                .skip(1)
                .fold(project.clone(), |u, c| u.union(c))
        });
        PlanAxis {
            calendars,
            union,
            origin,
        }
    }

    /// The clock profile of calendar set `set`: profile k + 1 is set k; 0, the axis
    /// itself, serves when that is the project calendar.
    fn profile(&self, set: u32) -> u32 {
        if self.union.is_none() { 0 } else { set + 1 }
    }

    /// A clock on this axis: offsets to and from dates, time on each profile.
    pub fn clock(&self) -> CalendarAxes<'_> {
        let storage = &self.calendars.storage;
        match &self.union {
            None => CalendarAxes::new(&storage[0], &[], self.origin),
            Some(union) => {
                let profiles: Vec<Vec<&WorkCalendar>> = self
                    .calendars
                    .sets
                    .iter()
                    .map(|set| set.iter().map(|&i| &storage[i]).collect())
                    .collect();
                CalendarAxes::new(union, &profiles, self.origin)
            }
        }
    }

    /// The project calendar.
    pub fn project_calendar(&self) -> &WorkCalendar {
        &self.calendars.storage[0]
    }

    /// The first day of the axis.
    pub fn origin(&self) -> NaiveDate {
        self.origin
    }

    /// Whether the axis is the project calendar itself (no other calendar in use).
    pub fn is_project_calendar(&self) -> bool {
        self.union.is_none()
    }

    /// The profile a task (by its index in the plan's task list) works on.
    pub fn work_profile(&self, task: usize) -> u32 {
        self.profile(self.calendars.work.get(task).copied().unwrap_or(0))
    }
}

/// A plan as the passes see it: tasks in outline order (`order[k]` is network task
/// k's index in the plan's task list), links, and the project start, on its axis.
pub struct PlanNetwork {
    pub axis: PlanAxis,
    pub net: Network,
    pub project_start: i64,
    pub order: Vec<usize>,
    pub link_ids: Vec<super::task::DependencyId>,
}

impl PlanToSchedule<'_> {
    /// The tasks' computed dates and slack, in the order of `tasks`' outline positions.
    pub fn schedule(&self) -> Result<Vec<TaskSchedule>, PlanError> {
        self.schedule_from(None).map(|m| m.out)
    }

    /// [`Self::schedule`], redoing only what changed since `previous` (the memo of an
    /// earlier run for the same project); the result is the same either way.
    pub fn schedule_from(&self, previous: Option<PlanMemo>) -> Result<PlanMemo, PlanError> {
        let memo = self.schedule_on_axis(previous, 0)?;
        match self.lead_days(&memo) {
            0 => Ok(memo),
            lead_days => self.schedule_on_axis(None, lead_days),
        }
    }

    /// How many days before the usual week the axis must begin. Leads and SF links
    /// may put tasks before the project start, and so before the axis: then the
    /// schedule is made again on an axis that begins early enough (working minutes
    /// taken as calendar days at the calendar's weekly rate, twice over for
    /// holidays). Rare, so it costs nothing otherwise.
    fn lead_days(&self, memo: &PlanMemo) -> i64 {
        let before = memo
            .memo
            .times()
            .iter()
            .map(|t| t.early_start.min(t.late_start))
            .min()
            .unwrap_or(0);
        if before >= 0 {
            return 0;
        }
        let weekly = self.calendar.minutes_per_week().max(60);
        (before.saturating_neg().saturating_mul(14) / weekly).min(36_500) + 7
    }

    /// The schedule, and the network it was made from (on the axis it was made on):
    /// what a schedule risk simulation samples.
    pub fn simulation_network(&self) -> Result<(PlanNetwork, Vec<TaskSchedule>), PlanError> {
        let memo = self.schedule_on_axis(None, 0)?;
        let lead_days = self.lead_days(&memo);
        let schedule = match lead_days {
            0 => memo.out,
            _ => self.schedule_on_axis(None, lead_days)?.out,
        };
        Ok((self.network(lead_days)?, schedule))
    }

    /// The plan as a network on its working-time axis, its axis beginning `lead_days`
    /// before the usual week ahead of the start: what [`Self::schedule_from`] runs the
    /// passes over, and what a schedule risk simulation samples.
    pub fn network(&self, lead_days: i64) -> Result<PlanNetwork, PlanError> {
        let (start, tasks, dependencies) = (self.start, self.tasks, self.dependencies);
        if !self.calendar.has_working_time() {
            return Err(PlanError::NoWorkingTime);
        }
        let mut order: Vec<usize> = (0..tasks.len()).collect();
        order.sort_by_key(|&i| (tasks[i].fields.position, tasks[i].id));
        let index = TaskIndex::new(tasks, &order);
        let earliest_constraint = tasks
            .iter()
            .filter_map(|t| t.fields.constraint_date)
            .map(|d| d.date())
            .min()
            .unwrap_or(start);
        let earliest = start.min(earliest_constraint);
        let origin = earliest
            .checked_sub_signed(Duration::days(7 + lead_days))
            .unwrap_or(earliest);

        // The axis: the project calendar, or the union of all calendars in use.
        let calendars = TaskCalendars::new(self);
        // Profile k + 1 is set k; 0, the axis itself, serves when that is the
        // project calendar.
        let axis = PlanAxis::new(calendars, self.calendar, origin);
        let profile = |set: u32| axis.profile(set);
        let mut clock = axis.clock();

        let mut net = Network::default();
        for &i in &order {
            let f = &tasks[i].fields;
            let calendar = profile(axis.calendars.work[i]);
            let own_calendar = profile(axis.calendars.own[i]);
            let parent = f.parent.and_then(|p| index.get(p));
            let deadline_at = f.deadline.map(|d| clock.axis().offset(d));
            // Progress pins a task: it started when it did, and a finished task also
            // ended when it did, whatever its links say now (as in MS Project).
            if let Some(actual_start) = f.actual_start {
                let at = clock.axis().offset(actual_start);
                let duration = match f.actual_finish {
                    Some(done) => {
                        let done = clock.axis().offset(done);
                        clock.count(calendar, at, done).max(0)
                    }
                    // Still running: the work done, any time it stood still until
                    // it resumed, then what remains; or its whole span straight on.
                    None => match f.resume.map(|r| clock.axis().offset(r)) {
                        Some(resume) if resume > at && !f.elapsed => clock
                            .count(calendar, at, resume)
                            .max(0)
                            .saturating_add(f.remaining_minutes()),
                        _ => f.duration_minutes.max(0).saturating_add(f.split_minutes()),
                    },
                };
                net.tasks.push(NetTask {
                    duration,
                    parent,
                    constraint: super::schedule::ConstraintKind::AsSoonAsPossible,
                    constraint_at: None,
                    elapsed: f.elapsed && f.actual_finish.is_none(),
                    deadline_at,
                    calendar,
                    own_calendar,
                    manual_start: None,
                    pinned_at_period_end: at_period_end(clock.axis(), actual_start),
                    actual_start: Some(at),
                    finished: f.actual_finish.is_some(),
                    work_parts: Box::default(),
                });
                continue;
            }
            // A manually scheduled task sits where it was put, for as long as it was
            // given (its stored start to its stored finish, on its working time).
            let manual_start = f.start.filter(|_| f.manual).map(|s| clock.axis().offset(s));
            let manual_span = match (manual_start, f.finish.filter(|_| f.manual)) {
                (Some(at), Some(finish)) if !f.elapsed => {
                    let done = clock.axis().offset(finish);
                    Some(clock.count(calendar, at, done).max(0))
                }
                _ => None,
            };
            net.tasks.push(NetTask {
                // A milestone keeps any duration it has (as in MS Project); split
                // work takes its gaps' time on top.
                duration: manual_span
                    .unwrap_or_else(|| f.duration_minutes.max(0).saturating_add(f.split_minutes())),
                parent,
                constraint: f.constraint,
                constraint_at: f.constraint_date.map(|d| clock.axis().offset(d)),
                elapsed: f.elapsed,
                deadline_at,
                calendar,
                own_calendar,
                manual_start,
                pinned_at_period_end: match (manual_start, f.start, f.constraint_date) {
                    (Some(_), Some(s), _) => at_period_end(clock.axis(), s),
                    (None, _, Some(c)) => at_period_end(clock.axis(), c),
                    _ => false,
                },
                actual_start: None,
                finished: false,
                work_parts: match axis.calendars.parts.get(i) {
                    Some(p) if !p.is_empty() => p
                        .iter()
                        .map(|&(set, minutes)| (profile(set), minutes))
                        .collect(),
                    _ => Box::default(),
                },
            });
        }
        let mut link_ids = Vec::with_capacity(dependencies.len());
        for d in dependencies {
            let (Some(pred), Some(succ)) = (index.get(d.predecessor), index.get(d.successor))
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
        // The project starts when its calendar first works on its start date (08:00),
        // also for tasks whose own calendar works earlier.
        let day_start = start.and_time(self.start_time);
        let first_work = {
            let mut project_axis = WorkAxis::new(self.calendar, origin);
            let at = project_axis.offset(day_start);
            project_axis.start_at(at).unwrap_or(day_start)
        };
        let project_start = clock.axis().offset(first_work);
        Ok(PlanNetwork {
            axis,
            net,
            project_start,
            order,
            link_ids,
        })
    }

    /// [`Self::schedule_from`] on an axis beginning `lead_days` before the usual week
    /// ahead of the start.
    fn schedule_on_axis(
        &self,
        previous: Option<PlanMemo>,
        lead_days: i64,
    ) -> Result<PlanMemo, PlanError> {
        let PlanNetwork {
            axis: plan_axis,
            net,
            project_start,
            order,
            link_ids,
        } = self.network(lead_days)?;
        let (start, tasks) = (self.start, self.tasks);
        let calendars = &plan_axis.calendars;
        let (origin, project_only) = (plan_axis.origin, calendars.project_only());
        let profile = |set: u32| plan_axis.profile(set);
        let mut clock = plan_axis.clock();
        let is_summary: Vec<bool> = {
            let mut s = vec![false; net.tasks.len()];
            for t in &net.tasks {
                if let Some(p) = t.parent {
                    s[p] = true;
                }
            }
            s
        };
        // What makes offsets comparable between runs: the axis and its calendars.
        let key = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (origin, start, self.start_time, self.critical_limit_minutes).hash(&mut h);
            (&calendars.storage, &calendars.sets, project_only).hash(&mut h);
            h.finish()
        };
        let shape: Vec<(TaskId, bool, bool, i64)> = order
            .iter()
            .map(|&i| {
                let f = &tasks[i].fields;
                (tasks[i].id, f.elapsed, f.milestone, f.duration_minutes)
            })
            .collect();
        let previous = previous.filter(|p| p.key == key);
        let (old_memo, old_out) = match previous {
            Some(p) if p.link_ids == link_ids && p.shape == shape => (Some(p.memo), p.out),
            Some(p) => (Some(p.memo), Vec::new()),
            None => (None, Vec::new()),
        };
        let memo = schedule::Memo::reschedule(
            old_memo,
            net,
            project_start,
            self.critical_limit_minutes,
            &mut clock,
        )
        .map_err(|e| match e {
            ScheduleError::Cycle(nodes) => {
                PlanError::Cycle(nodes.into_iter().map(|n| tasks[order[n]].id).collect())
            }
            ScheduleError::BadLink(_) => PlanError::DanglingDependency,
        })?;
        let times = memo.times();
        let mut out = Vec::with_capacity(times.len());
        for (net_i, t) in times.iter().enumerate() {
            // What did not move keeps the dates it had.
            if !memo.changed(net_i)
                && let Some(kept) = old_out.get(net_i)
            {
                out.push(kept.clone());
                continue;
            }
            // A finish written as the start of the next working period is that of the
            // task's own working time, not of whichever calendar of the axis works
            // first (a night shift's 23:00).
            let work_calendar = profile(calendars.work[order[net_i]]);
            let mut t = *t;
            if !t.early_finish_at_period_end && t.early_finish != t.early_start {
                t.early_finish = clock.work(work_calendar, t.early_finish, 0, true);
            }
            if !t.late_at_period_end && t.late_finish != t.late_start {
                t.late_finish = clock.work(work_calendar, t.late_finish, 0, true);
            }
            let t = &t;
            let axis = clock.axis();
            let date = |axis: &mut WorkAxis<'_>, offset: i64, finish: bool| {
                let d = if finish {
                    axis.finish_at(offset)
                } else {
                    axis.start_at(offset)
                };
                d.ok_or(PlanError::OutOfRange)
            };
            // A task of zero duration starts and finishes at one moment: the end of a
            // working period (Friday 17:00) when that is what drove it there, else the
            // start of the next (Monday 08:00).
            let zero = t.early_finish == t.early_start;
            let early_start = date(axis, t.early_start, zero && t.early_at_period_end)?;
            let late_zero = t.late_finish == t.late_start;
            let late_start = date(axis, t.late_start, late_zero && t.late_at_period_end)?;
            let fields = &tasks[order[net_i]].fields;
            // An elapsed task ends a wall-clock span after it starts (a night or a
            // weekend is part of it), not at the end of a working day.
            let elapsed = fields.elapsed && !is_summary[net_i] && fields.duration_minutes > 0;
            let span = chrono::Duration::minutes(fields.duration_minutes.max(0));
            out.push(TaskSchedule {
                task: tasks[order[net_i]].id,
                summary: is_summary[net_i],
                early_start,
                early_finish: if elapsed {
                    early_start + span
                } else if zero {
                    early_start
                } else {
                    date(axis, t.early_finish, t.early_finish_at_period_end)?
                },
                late_start,
                late_finish: if elapsed {
                    late_start + span
                } else if late_zero {
                    late_start
                } else {
                    date(axis, t.late_finish, t.late_at_period_end)?
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
                    Driver::Manual => StartDriver::Manual,
                },
            });
        }
        Ok(PlanMemo {
            key,
            memo,
            link_ids,
            shape,
            out,
        })
    }
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

    fn calendars_table() -> CalendarTable {
        CalendarTable::from([
            (CalendarId(7), WorkCalendar::twenty_four_hours()),
            (CalendarId(8), WorkCalendar::night_shift()),
        ])
    }

    fn fs(id: i64, p: i64, s: i64, lag: i64) -> Dependency {
        Dependency {
            id: DependencyId(id),
            project: ProjectId(1),
            predecessor: TaskId(p),
            successor: TaskId(s),
            kind: LinkKind::FinishToStart,
            lag,
            lag_unit: TimeUnit::Hours,
            lag_elapsed: false,
        }
    }

    fn link(id: i64, p: i64, s: i64, kind: LinkKind, lag: i64) -> Dependency {
        Dependency {
            kind,
            ..fs(id, p, s, lag)
        }
    }

    #[test]
    fn a_milestone_sits_where_what_drives_it_puts_it() {
        // 2026-11-27 is a Friday. 1 (1d) → 2 (milestone, FS): Friday 17:00, not Monday.
        // 1 → 3 (milestone, SS): Friday 08:00. 1 → 4 (milestone, FS + 4h lead): 13:00.
        // 1 → 5 (milestone, SS + 4h): 12:00, before lunch. 6 (milestone, no links):
        // the project start. 1 → 7 (1d, FS): Monday 08:00 as always.
        let mut tasks = vec![task(1, 1, 1)];
        for id in 2..=6 {
            tasks.push(task(id, id, 0));
        }
        tasks.push(task(7, 7, 1));
        let deps = vec![
            fs(1, 1, 2, 0),
            link(2, 1, 3, LinkKind::StartToStart, 0),
            fs(3, 1, 4, -240),
            link(4, 1, 5, LinkKind::StartToStart, 240),
            fs(5, 1, 7, 0),
        ];
        let start = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let s = schedule_plan(start, &WorkCalendar::standard(), &tasks, &deps, 0).unwrap();
        let at = |i: usize| (s[i].early_start, s[i].early_finish);
        assert_eq!(at(1), (dt("2026-11-27T17:00"), dt("2026-11-27T17:00")));
        assert_eq!(at(2).0, dt("2026-11-27T08:00"));
        assert_eq!(at(3).0, dt("2026-11-27T13:00"));
        assert_eq!(at(4).0, dt("2026-11-27T12:00"));
        assert_eq!(at(5).0, dt("2026-11-27T08:00"));
        assert_eq!(at(6).0, dt("2026-11-30T08:00"));
        // A milestone's late dates end a working period too.
        assert_eq!(s[1].late_finish, dt("2026-11-30T17:00"));
    }

    #[test]
    fn leads_may_start_a_task_before_the_project_and_ff_may_not() {
        // 2026-11-30 is a Monday. 1 (2d) → 2 (1d, SS − 2d): the Thursday before.
        // 1 → 3 (3d, FF − 2d) would start before the project: it starts with it.
        let tasks = vec![task(1, 1, 2), task(2, 2, 1), task(3, 3, 3)];
        let deps = vec![
            link(1, 1, 2, LinkKind::StartToStart, -960),
            link(2, 1, 3, LinkKind::FinishToFinish, -960),
        ];
        let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let s = schedule_plan(start, &WorkCalendar::standard(), &tasks, &deps, 0).unwrap();
        assert_eq!(s[1].early_start, dt("2026-11-26T08:00"));
        assert_eq!(s[2].early_start, dt("2026-11-30T08:00"));
    }

    #[test]
    fn progress_splits_and_milestones_with_a_duration_take_their_time() {
        // 2026-11-30 is a Monday. A 4-day task half done, started Monday, stopped and
        // resuming Thursday: 2 days done, then Thursday and Friday. A 2-day task split
        // by a day after its first: three working days. A 1-day task marked as a
        // milestone keeps its day.
        let mut started = task(1, 1, 4);
        started.fields.actual_start = Some(dt("2026-11-30T08:00"));
        started.fields.percent_complete = 50;
        started.fields.resume = Some(dt("2026-12-03T08:00"));
        let mut split = task(2, 2, 2);
        split.fields.splits = vec![crate::model::task::Split {
            after_minutes: 480,
            gap_minutes: 480,
        }];
        let mut milestone = task(3, 3, 1);
        milestone.fields.milestone = true;
        let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let s = schedule_plan(
            start,
            &WorkCalendar::standard(),
            &[started, split, milestone],
            &[],
            0,
        )
        .unwrap();
        assert_eq!(s[0].early_finish, dt("2026-12-04T17:00"));
        assert_eq!(
            s[0].late_start,
            dt("2026-11-30T08:00"),
            "where it really began"
        );
        assert_eq!(s[1].early_finish, dt("2026-12-02T17:00"));
        assert_eq!(s[2].early_finish, dt("2026-11-30T17:00"));
    }

    #[test]
    fn a_task_with_work_lasts_as_long_as_its_people_take() {
        // 2026-11-30 is a Monday. A 1-day task, fixed units, with 16 hours of work for
        // one person at 50 %: four days. Fixed duration, it stays a day.
        let person = Resource {
            id: ResourceId(1),
            project: ProjectId(1),
            name: "王芳".into(),
            max_units: 100,
            calendar: None,
            source_uid: None,
        };
        let assign = |task: i64| Assignment {
            id: task,
            project: ProjectId(1),
            task: TaskId(task),
            resource: ResourceId(1),
            units: 50,
            work_minutes: Some(16 * 60),
        };
        let driven = task(1, 1, 1);
        let mut fixed = task(2, 2, 1);
        fixed.fields.fixed_duration = true;
        let start = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let tasks = [driven, fixed];
        let s = PlanToSchedule {
            start,
            start_time: chrono::NaiveTime::MIN,
            calendar: &WorkCalendar::standard(),
            calendars: &CalendarTable::new(),
            tasks: &tasks,
            dependencies: &[],
            resources: &[person],
            assignments: &[assign(1), assign(2)],
            critical_limit_minutes: 0,
        }
        .schedule()
        .unwrap();
        assert_eq!(s[0].early_finish, dt("2026-12-03T17:00"));
        assert_eq!(s[1].early_finish, dt("2026-11-30T17:00"));
    }

    fn with_calendars(
        tasks: &[Task],
        deps: &[Dependency],
        resources: &[Resource],
        assignments: &[Assignment],
    ) -> Vec<TaskSchedule> {
        // 2026-11-23 is a Monday.
        PlanToSchedule {
            start: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            start_time: chrono::NaiveTime::MIN,
            calendar: &WorkCalendar::standard(),
            calendars: &calendars_table(),
            tasks,
            dependencies: deps,
            resources,
            assignments,
            critical_limit_minutes: 0,
        }
        .schedule()
        .unwrap()
    }

    #[test]
    fn a_task_calendar_sets_when_that_task_works() {
        // A (1d, project calendar) → B (16h on 24 Hours) → C (1d): B works through the
        // night, C picks up at 09:00 the next morning.
        let mut b = task(2, 2, 0);
        b.fields.duration_minutes = 16 * 60;
        b.fields.calendar = Some(CalendarId(7));
        let tasks = vec![task(1, 1, 1), b, task(3, 3, 1)];
        let s = with_calendars(&tasks, &[fs(1, 1, 2, 0), fs(2, 2, 3, 0)], &[], &[]);
        assert_eq!(s[0].early_start, dt("2026-11-23T08:00"));
        assert_eq!(s[0].early_finish, dt("2026-11-23T17:00"));
        assert_eq!(s[1].early_start, dt("2026-11-23T17:00"));
        assert_eq!(s[1].early_finish, dt("2026-11-24T09:00"));
        assert_eq!(s[2].early_start, dt("2026-11-24T09:00"));
        assert_eq!(s[2].early_finish, dt("2026-11-25T09:00"));
        assert!(s.iter().all(|t| t.critical && t.total_slack_minutes == 0));
        assert_eq!(s[1].late_start, dt("2026-11-23T17:00"));
        assert_eq!(s[0].late_finish, dt("2026-11-23T17:00"));
    }

    #[test]
    fn a_lag_counts_on_the_successor_calendar_and_slack_on_the_task_calendar() {
        // A (1d) → B (8h on 24 Hours) with 8h of lag: B starts at 01:00.
        let mut b = task(2, 2, 0);
        b.fields.duration_minutes = 8 * 60;
        b.fields.calendar = Some(CalendarId(7));
        let s = with_calendars(&[task(1, 1, 1), b], &[fs(1, 1, 2, 8 * 60)], &[], &[]);
        assert_eq!(s[1].early_start, dt("2026-11-24T01:00"));
        assert_eq!(s[1].early_finish, dt("2026-11-24T09:00"));

        // X (2d) and Y (8h on 24 Hours) both before Z (1d). Y is done Monday 16:00
        // and Z cannot start before Wednesday 08:00: 40 hours of Y's own time.
        let mut y = task(2, 2, 0);
        y.fields.duration_minutes = 8 * 60;
        y.fields.calendar = Some(CalendarId(7));
        let tasks = vec![task(1, 1, 2), y, task(3, 3, 1)];
        let s = with_calendars(&tasks, &[fs(1, 1, 3, 0), fs(2, 2, 3, 0)], &[], &[]);
        assert_eq!(
            s[1].early_start,
            dt("2026-11-23T08:00"),
            "the project's start"
        );
        assert_eq!(s[1].early_finish, dt("2026-11-23T16:00"));
        assert_eq!(s[2].early_start, dt("2026-11-25T08:00"));
        assert_eq!(s[1].late_finish, dt("2026-11-25T08:00"));
        assert_eq!(s[1].total_slack_minutes, 40 * 60);
        assert_eq!(s[1].free_slack_minutes, 40 * 60);
        assert!(!s[1].critical && s[0].critical && s[2].critical);
    }

    #[test]
    fn a_resource_calendar_sets_when_an_assigned_task_works() {
        // D (1d) is done by a night-shift worker: Monday 23:00 to Tuesday 08:00 with
        // the 03:00 break; E (1d, nobody's) follows on the project calendar.
        let night = Resource {
            id: ResourceId(1),
            project: ProjectId(1),
            name: "夜班".into(),
            max_units: 100,
            calendar: Some(CalendarId(8)),
            source_uid: None,
        };
        let assignment = Assignment {
            id: 1,
            project: ProjectId(1),
            task: TaskId(1),
            resource: ResourceId(1),
            units: 100,
            work_minutes: None,
        };
        let tasks = vec![task(1, 1, 1), task(2, 2, 1)];
        let deps = [fs(1, 1, 2, 0)];
        let s = with_calendars(
            &tasks,
            &deps,
            std::slice::from_ref(&night),
            std::slice::from_ref(&assignment),
        );
        assert_eq!(s[0].early_start, dt("2026-11-23T23:00"));
        assert_eq!(s[0].early_finish, dt("2026-11-24T08:00"));
        assert_eq!(s[1].early_start, dt("2026-11-24T08:00"));
        assert_eq!(s[1].early_finish, dt("2026-11-24T17:00"));
        assert!(s[0].critical && s[1].critical);

        // With a 24 Hours task calendar too, the task works when both do: the same.
        let mut tasks = tasks;
        tasks[0].fields.calendar = Some(CalendarId(7));
        let s = with_calendars(&tasks, &deps, &[night], &[assignment]);
        assert_eq!(s[0].early_start, dt("2026-11-23T23:00"));
        assert_eq!(s[0].early_finish, dt("2026-11-24T08:00"));
    }

    #[test]
    fn a_manual_task_stays_put_and_drives_its_successors_from_there() {
        // 1 (1d) → 2 (manual, placed a week later, 2d) → 3 (1d); 2 → 4 (SS).
        let mut manual = task(2, 2, 2);
        manual.fields.manual = true;
        manual.fields.start = Some(dt("2026-12-01T08:00"));
        manual.fields.finish = Some(dt("2026-12-02T17:00"));
        let tasks = vec![task(1, 1, 1), manual, task(3, 3, 1), task(4, 4, 1)];
        let link = |id, p, s, kind| Dependency {
            id: DependencyId(id),
            project: ProjectId(1),
            predecessor: TaskId(p),
            successor: TaskId(s),
            kind,
            lag: 0,
            lag_unit: TimeUnit::Days,
            lag_elapsed: false,
        };
        let deps = vec![
            link(1, 1, 2, LinkKind::FinishToStart),
            link(2, 2, 3, LinkKind::FinishToStart),
            link(3, 2, 4, LinkKind::StartToStart),
        ];
        // 2026-11-23 is a Monday.
        let start = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let s = schedule_plan(start, &WorkCalendar::standard(), &tasks, &deps, 0).unwrap();
        assert_eq!(s[1].early_start, dt("2026-12-01T08:00"), "where it was put");
        assert_eq!(s[1].early_finish, dt("2026-12-02T17:00"));
        assert_eq!(s[1].driver, StartDriver::Manual);
        assert_eq!(
            s[2].early_start,
            dt("2026-12-03T08:00"),
            "after its real finish"
        );
        assert_eq!(s[3].early_start, dt("2026-12-01T08:00"));
        // Its late finish comes from the FS successor only (Thursday 17:00 less a day),
        // not from the start-to-start one; a manual task's late finish set by a
        // successor is written as the next period's start, as MS Project does.
        assert_eq!(s[1].late_finish, dt("2026-12-03T08:00"));
    }

    #[test]
    fn rescheduling_from_a_memo_gives_the_same_dates() {
        // A chain with a side branch, a 24-hour task and a night-shift person; edit
        // durations one by one and compare with scheduling from scratch.
        let mut tasks: Vec<Task> = (1..=12).map(|i| task(i, i, 1 + i % 3)).collect();
        tasks[4].fields.calendar = Some(CalendarId(7));
        let night = Resource {
            id: ResourceId(1),
            project: ProjectId(1),
            name: "夜班".into(),
            max_units: 100,
            calendar: Some(CalendarId(8)),
            source_uid: None,
        };
        let assigned = Assignment {
            id: 1,
            project: ProjectId(1),
            task: TaskId(7),
            resource: ResourceId(1),
            units: 100,
            work_minutes: None,
        };
        let deps: Vec<Dependency> = (1..12)
            .map(|i| fs(i, i, i + 1, if i % 4 == 0 { 120 } else { 0 }))
            .collect();
        let table = calendars_table();
        let run = |tasks: &[Task], previous: Option<PlanMemo>| {
            PlanToSchedule {
                start: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
                start_time: chrono::NaiveTime::MIN,
                calendar: &WorkCalendar::standard(),
                calendars: &table,
                tasks,
                dependencies: &deps,
                resources: std::slice::from_ref(&night),
                assignments: std::slice::from_ref(&assigned),
                critical_limit_minutes: 0,
            }
            .schedule_from(previous)
            .unwrap()
        };
        let mut memo = run(&tasks, None);
        for step in 0..24 {
            let t = (step * 5) % tasks.len();
            tasks[t].fields.duration_minutes = ((step % 4) as i64 + 1) * 240;
            memo = run(&tasks, Some(memo));
            assert_eq!(memo.schedule(), run(&tasks, None).schedule(), "step {step}");
        }
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
