//! MS Project XML (MSPDI): reading projects, calendars, tasks and links.
//!
//! The reader never expands DTD entities (there is no DTD support at all), so an XML
//! bomb is just an unknown entity and an error naming the place.

pub mod write;

use std::collections::HashMap;
use std::path::Path;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use quick_xml::Reader;
use quick_xml::events::Event;

use super::ImportError;
use crate::model::schedule::{ConstraintKind, LinkKind, NetLink, NetTask, Network};
use crate::model::work_calendar::{DayRanges, WorkAxis, WorkCalendar};

/// A dependency as the file states it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiLink {
    pub predecessor_uid: i64,
    /// 0=FF 1=FS 2=SF 3=SS.
    pub kind: i64,
    /// Tenths of a minute.
    pub lag_tenths: i64,
    pub lag_format: i64,
}

/// A task as the file states it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiTask {
    pub uid: i64,
    pub id: Option<i64>,
    pub name: String,
    pub is_null: bool,
    pub outline_level: i64,
    pub summary: bool,
    pub milestone: bool,
    pub manual: bool,
    pub duration_minutes: Option<f64>,
    pub duration_format: Option<i64>,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub constraint_type: i64,
    pub constraint_date: Option<NaiveDateTime>,
    pub deadline: Option<NaiveDateTime>,
    pub calendar_uid: Option<i64>,
    pub predecessors: Vec<MspdiLink>,
    pub baselines: Vec<MspdiBaseline>,
    /// Progress: percent complete, when work really started and finished, how much
    /// is done and left, and where it stopped and resumes.
    pub percent_complete: Option<i64>,
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    pub actual_duration_minutes: Option<f64>,
    pub remaining_duration_minutes: Option<f64>,
    pub stop: Option<NaiveDateTime>,
    pub resume: Option<NaiveDateTime>,
    /// 0 fixed units, 1 fixed duration, 2 fixed work.
    pub task_type: Option<i64>,
}

/// One saved baseline of a task.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiBaseline {
    pub number: i64,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    pub duration_minutes: Option<f64>,
}

/// A resource as the file states it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiResource {
    pub uid: i64,
    pub name: String,
    pub is_null: bool,
    /// 1.0 = one full-time person.
    pub max_units: Option<f64>,
    pub calendar_uid: Option<i64>,
    /// 0 material, 1 work, 2 cost.
    pub kind: Option<i64>,
}

/// An assignment: a resource on a task at some units (1.0 = full time).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiAssignment {
    pub task_uid: i64,
    pub resource_uid: i64,
    pub units: Option<f64>,
    /// Its work, in minutes.
    pub work_minutes: Option<f64>,
    /// How its work is spread: 0 flat (the work at its units decides how long the
    /// task lasts); front/back loaded, edited … (the duration decides).
    pub contour: Option<i64>,
    /// Its planned work period by period (`TimephasedData` of type 1).
    pub planned_work: Vec<TimephasedWork>,
}

/// Work of an assignment in one period, as `TimephasedData` gives it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TimephasedWork {
    pub kind: i64,
    pub start: Option<NaiveDateTime>,
    pub finish: Option<NaiveDateTime>,
    /// `None`: no value written (a period with no working time).
    pub minutes: Option<f64>,
}

impl MspdiAssignment {
    /// The stretches where planned work stands still on working time: periods of
    /// zero work between periods of work (MS Project's split task). Leading and
    /// trailing zeros are not gaps.
    pub fn split_gaps(&self) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        let mut periods: Vec<&TimephasedWork> = self
            .planned_work
            .iter()
            .filter(|p| p.start.is_some() && p.finish.is_some())
            .collect();
        periods.sort_by_key(|p| p.start);
        let mut gaps = Vec::new();
        let mut open: Option<(NaiveDateTime, NaiveDateTime)> = None;
        let mut worked = false;
        for p in periods {
            let (Some(start), Some(finish)) = (p.start, p.finish) else {
                continue;
            };
            match p.minutes {
                Some(m) if m > 0.0 => {
                    if let Some(g) = open.take()
                        && worked
                    {
                        gaps.push(g);
                    }
                    worked = true;
                }
                Some(_) if worked => {
                    open = Some(match open {
                        Some((a, _)) => (a, finish),
                        None => (start, finish),
                    });
                }
                _ => {}
            }
        }
        gaps
    }
}

/// A calendar as the file states it; days of the week left `None` come from the base.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiCalendar {
    pub uid: i64,
    pub name: String,
    pub base_uid: Option<i64>,
    /// A base calendar: its `BaseCalendarUID` means nothing (Project 2019 writes 0).
    pub is_base: bool,
    /// Monday first; `None` = inherited from the base calendar.
    pub week: [Option<DayRanges>; 7],
    /// Single dates or date ranges that differ from the week.
    pub exceptions: Vec<(NaiveDate, NaiveDate, DayRanges)>,
    /// Recurring exceptions this reader does not expand yet.
    pub unexpanded_exceptions: usize,
}

/// Everything this reader takes from an MSPDI file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MspdiProject {
    /// The project's title, when the file has one.
    pub title: Option<String>,
    pub start: Option<NaiveDateTime>,
    /// MS Project's status date, when set.
    pub status_date: Option<NaiveDateTime>,
    pub calendar_uid: Option<i64>,
    pub minutes_per_day: i64,
    pub critical_slack_limit_days: i64,
    pub calendars: Vec<MspdiCalendar>,
    pub tasks: Vec<MspdiTask>,
    pub resources: Vec<MspdiResource>,
    pub assignments: Vec<MspdiAssignment>,
}

/// The longest duration, lag or work a file may give: 100 years of minutes. Beyond
/// it a value is damage, not a plan, and would overflow the schedule's arithmetic.
pub const MAX_DURATION_MINUTES: f64 = 100.0 * 366.0 * 24.0 * 60.0;

/// Duration formats that count elapsed (calendar) time rather than working time.
pub const ELAPSED_FORMATS: [i64; 12] = [4, 6, 8, 10, 12, 20, 36, 38, 40, 42, 44, 52];

fn invalid(path: &Path, at: u64, reason: impl Into<String>) -> ImportError {
    ImportError::Invalid {
        path: path.to_path_buf(),
        reason: format!("byte {at}: {}", reason.into()),
    }
}

/// `PT8H30M0S`, `P2DT4H` … as minutes (days count 24 hours, as in the XML schema).
pub fn parse_duration(text: &str) -> Option<f64> {
    let rest = text.trim().strip_prefix('P')?;
    let (days, time) = match rest.split_once('T') {
        Some((d, t)) => (d, t),
        None => (rest, ""),
    };
    let mut minutes = 0.0;
    let mut take = |part: &str, units: &[(char, f64)]| -> Option<()> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == '-' {
                number.push(c);
            } else {
                let factor = units.iter().find(|(u, _)| *u == c)?.1;
                minutes += number.parse::<f64>().ok()? * factor;
                number.clear();
            }
        }
        number.is_empty().then_some(())
    };
    take(
        days,
        &[
            ('Y', 525_600.0),
            ('M', 43_200.0),
            ('W', 10_080.0),
            ('D', 1440.0),
        ],
    )?;
    take(time, &[('H', 60.0), ('M', 1.0), ('S', 1.0 / 60.0)])?;
    Some(minutes)
}

fn parse_datetime(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim();
    NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M"))
        .ok()
}

fn parse_time(text: &str) -> Option<u16> {
    let t = NaiveTime::parse_from_str(text.trim(), "%H:%M:%S").ok()?;
    let m = chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t);
    // MS Project writes 00:00:00 for the end of a range that runs to midnight.
    Some(u16::try_from(m).unwrap_or(0))
}

#[derive(Default)]
struct DayDraft {
    day_type: Option<i64>,
    working: bool,
    ranges: DayRanges,
    from: Option<NaiveDateTime>,
    to: Option<NaiveDateTime>,
    exception_type: Option<i64>,
    range_from: Option<u16>,
    recurrence: Recurrence,
}

/// How a recurring exception repeats (MSPDI `Exception` fields).
#[derive(Default, Clone, Copy, Debug, PartialEq, Eq)]
struct Recurrence {
    occurrences: Option<i64>,
    period: Option<i64>,
    /// Bit 0 = Sunday … bit 6 = Saturday.
    days_of_week: Option<i64>,
    /// 0 = day, 1 = weekday, 2 = weekend day, 3 = Sunday … 9 = Saturday.
    month_item: Option<i64>,
    /// 0 = first … 3 = fourth, 4 = last.
    month_position: Option<i64>,
    month_day: Option<i64>,
    /// 0 = January.
    month: Option<i64>,
}

impl DayDraft {
    fn push_range(&mut self, to: u16) {
        if let Some(from) = self.range_from.take() {
            let to = if to == 0 { 24 * 60 } else { to };
            if to > from {
                self.ranges.push((from, to));
            }
        }
    }
}

/// Reads an MSPDI document. `path` is only used to name the file in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<MspdiProject, ImportError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().trim_text(false);
    let mut buf = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut project = MspdiProject {
        minutes_per_day: 480,
        ..MspdiProject::default()
    };
    let mut task = MspdiTask::default();
    let mut link = MspdiLink::default();
    let mut calendar = MspdiCalendar::default();
    let mut day = DayDraft::default();
    let mut resource = MspdiResource::default();
    let mut assignment = MspdiAssignment::default();
    let mut baseline = MspdiBaseline::default();
    let mut period = TimephasedWork::default();
    let mut saw_project = false;
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| invalid(path, at, e.to_string()))?;
        match event {
            Event::Start(e) => {
                let name: String = e.local_name().as_ref().to_owned();
                if stack.is_empty() {
                    if name != "Project" {
                        return Err(invalid(
                            path,
                            at,
                            format!("expected <Project>, found <{name}>"),
                        ));
                    }
                    saw_project = true;
                }
                match (stack.last().map(String::as_str), name.as_str()) {
                    (Some("Tasks"), "Task") => task = MspdiTask::default(),
                    (Some("Task"), "PredecessorLink") => link = MspdiLink::default(),
                    (Some("Calendars"), "Calendar") => calendar = MspdiCalendar::default(),
                    (Some("Resources"), "Resource") => resource = MspdiResource::default(),
                    (Some("Assignments"), "Assignment") => assignment = MspdiAssignment::default(),
                    (Some("Assignment"), "TimephasedData") => period = TimephasedWork::default(),
                    (Some("Task"), "Baseline") => baseline = MspdiBaseline::default(),
                    (Some("WeekDays"), "WeekDay") | (Some("Exceptions"), "Exception") => {
                        day = DayDraft::default()
                    }
                    _ => {}
                }
                stack.push(name);
                text.clear();
            }
            Event::Text(t) => text.push_str(&t.xml10_content()),
            Event::CData(t) => text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    _ => match r.xml10_content().as_ref() {
                        "amp" => Some('&'),
                        "lt" => Some('<'),
                        "gt" => Some('>'),
                        "quot" => Some('"'),
                        "apos" => Some('\''),
                        _ => None,
                    },
                };
                match resolved {
                    Some(c) => text.push(c),
                    None => {
                        return Err(invalid(
                            path,
                            at,
                            format!("unknown entity &{};", r.xml10_content()),
                        ));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(invalid(
                    path,
                    at,
                    "a DOCTYPE is not allowed in MS Project XML",
                ));
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else { break };
                let parent = stack.last().map(String::as_str).unwrap_or("");
                let grand = stack
                    .len()
                    .checked_sub(2)
                    .map(|i| stack[i].as_str())
                    .unwrap_or("");
                let value = std::mem::take(&mut text);
                let int = || value.trim().parse::<i64>().ok();
                let flag = || value.trim() == "1";
                match (grand, parent, name.as_str()) {
                    (_, "Project", "StartDate") => project.start = parse_datetime(&value),
                    (_, "Project", "StatusDate") => project.status_date = parse_datetime(&value),
                    (_, "Project", "Title") => {
                        project.title = Some(value.trim().to_owned()).filter(|t| !t.is_empty())
                    }
                    (_, "Project", "CalendarUID") => project.calendar_uid = int(),
                    (_, "Project", "MinutesPerDay") => {
                        project.minutes_per_day = int().unwrap_or(480)
                    }
                    (_, "Project", "CriticalSlackLimit") => {
                        project.critical_slack_limit_days = int().unwrap_or(0)
                    }
                    (_, "Tasks", "Task") => project.tasks.push(std::mem::take(&mut task)),
                    (_, "Task", "UID") => task.uid = int().unwrap_or(-1),
                    (_, "Task", "ID") => task.id = int(),
                    (_, "Task", "Name") => task.name = value.trim().to_owned(),
                    (_, "Task", "IsNull") => task.is_null = flag(),
                    (_, "Task", "OutlineLevel") => task.outline_level = int().unwrap_or(1),
                    (_, "Task", "Summary") => task.summary = flag(),
                    (_, "Task", "Milestone") => task.milestone = flag(),
                    (_, "Task", "Manual") => task.manual = flag(),
                    (_, "Task", "Duration") => task.duration_minutes = parse_duration(&value),
                    (_, "Task", "DurationFormat") => task.duration_format = int(),
                    (_, "Task", "Start") => task.start = parse_datetime(&value),
                    (_, "Task", "Finish") => task.finish = parse_datetime(&value),
                    (_, "Task", "ConstraintType") => task.constraint_type = int().unwrap_or(0),
                    (_, "Task", "ConstraintDate") => task.constraint_date = parse_datetime(&value),
                    (_, "Task", "Deadline") => task.deadline = parse_datetime(&value),
                    (_, "Task", "PercentComplete") => task.percent_complete = int(),
                    (_, "Task", "ActualStart") => task.actual_start = parse_datetime(&value),
                    (_, "Task", "ActualFinish") => task.actual_finish = parse_datetime(&value),
                    (_, "Task", "ActualDuration") => {
                        task.actual_duration_minutes = parse_duration(&value)
                    }
                    (_, "Task", "RemainingDuration") => {
                        task.remaining_duration_minutes = parse_duration(&value)
                    }
                    (_, "Task", "Stop") => task.stop = parse_datetime(&value),
                    (_, "Task", "Type") => task.task_type = int(),
                    (_, "Resource", "Type") => resource.kind = int(),
                    (_, "Task", "Resume") => task.resume = parse_datetime(&value),
                    (_, "Task", "CalendarUID") => task.calendar_uid = int().filter(|&u| u >= 0),
                    (_, "Task", "PredecessorLink") => {
                        task.predecessors.push(std::mem::take(&mut link))
                    }
                    (_, "PredecessorLink", "PredecessorUID") => {
                        link.predecessor_uid = int().unwrap_or(-1)
                    }
                    (_, "PredecessorLink", "Type") => link.kind = int().unwrap_or(1),
                    (_, "PredecessorLink", "LinkLag") => link.lag_tenths = int().unwrap_or(0),
                    (_, "PredecessorLink", "LagFormat") => link.lag_format = int().unwrap_or(7),
                    (_, "Task", "Baseline") => task.baselines.push(std::mem::take(&mut baseline)),
                    ("Task", "Baseline", "Number") => baseline.number = int().unwrap_or(-1),
                    ("Task", "Baseline", "Start") => baseline.start = parse_datetime(&value),
                    ("Task", "Baseline", "Finish") => baseline.finish = parse_datetime(&value),
                    ("Task", "Baseline", "Duration") => {
                        baseline.duration_minutes = parse_duration(&value)
                    }
                    (_, "Resources", "Resource") => {
                        project.resources.push(std::mem::take(&mut resource))
                    }
                    (_, "Resource", "UID") => resource.uid = int().unwrap_or(-1),
                    (_, "Resource", "Name") => resource.name = value.trim().to_owned(),
                    (_, "Resource", "IsNull") => resource.is_null = flag(),
                    (_, "Resource", "MaxUnits") => resource.max_units = value.trim().parse().ok(),
                    (_, "Resource", "CalendarUID") => {
                        resource.calendar_uid = int().filter(|&u| u >= 0)
                    }
                    (_, "Assignments", "Assignment") => {
                        project.assignments.push(std::mem::take(&mut assignment))
                    }
                    (_, "Assignment", "TaskUID") => assignment.task_uid = int().unwrap_or(-1),
                    (_, "Assignment", "ResourceUID") => {
                        assignment.resource_uid = int().unwrap_or(-1)
                    }
                    (_, "Assignment", "Units") => assignment.units = value.trim().parse().ok(),
                    (_, "Assignment", "Work") => assignment.work_minutes = parse_duration(&value),
                    (_, "Assignment", "WorkContour") => assignment.contour = int(),
                    ("Assignment", "TimephasedData", "Type") => period.kind = int().unwrap_or(0),
                    ("Assignment", "TimephasedData", "Start") => {
                        period.start = parse_datetime(&value)
                    }
                    ("Assignment", "TimephasedData", "Finish") => {
                        period.finish = parse_datetime(&value)
                    }
                    ("Assignment", "TimephasedData", "Value") => {
                        period.minutes = parse_duration(&value)
                    }
                    // Planned (remaining) work only: where it is zero on working time,
                    // the task is split.
                    (_, "Assignment", "TimephasedData") if period.kind == 1 => {
                        assignment.planned_work.push(std::mem::take(&mut period));
                    }
                    (_, "Calendars", "Calendar") => {
                        project.calendars.push(std::mem::take(&mut calendar))
                    }
                    (_, "Calendar", "UID") => calendar.uid = int().unwrap_or(-1),
                    (_, "Calendar", "Name") => calendar.name = value.trim().to_owned(),
                    (_, "Calendar", "IsBaseCalendar") => calendar.is_base = flag(),
                    (_, "Calendar", "BaseCalendarUID") => {
                        calendar.base_uid = int().filter(|&u| u >= 0)
                    }
                    (_, "WeekDay" | "Exception", "DayType") => day.day_type = int(),
                    (_, "WeekDay" | "Exception", "DayWorking") => day.working = flag(),
                    (_, "Exception", "Type") => day.exception_type = int(),
                    (_, "Exception", "Occurrences") => day.recurrence.occurrences = int(),
                    (_, "Exception", "Period") => day.recurrence.period = int(),
                    (_, "Exception", "DaysOfWeek") => day.recurrence.days_of_week = int(),
                    (_, "Exception", "MonthItem") => day.recurrence.month_item = int(),
                    (_, "Exception", "MonthPosition") => day.recurrence.month_position = int(),
                    (_, "Exception", "MonthDay") => day.recurrence.month_day = int(),
                    (_, "Exception", "Month") => day.recurrence.month = int(),
                    (_, "TimePeriod", "FromDate") => day.from = parse_datetime(&value),
                    (_, "TimePeriod", "ToDate") => day.to = parse_datetime(&value),
                    ("WorkingTimes", "WorkingTime", "FromTime") => {
                        day.range_from = parse_time(&value)
                    }
                    ("WorkingTimes", "WorkingTime", "ToTime") => {
                        if let Some(to) = parse_time(&value) {
                            day.push_range(to);
                        }
                    }
                    ("Calendar", "WeekDays", "WeekDay") => finish_weekday(&mut calendar, &mut day),
                    ("Calendar", "Exceptions", "Exception") => {
                        finish_exception(&mut calendar, &mut day)
                    }
                    _ => {}
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if !saw_project {
        return Err(invalid(
            path,
            0,
            "no <Project> element: not an MS Project XML file",
        ));
    }
    if !stack.is_empty() {
        return Err(invalid(
            path,
            reader.buffer_position(),
            format!("the file ends inside <{}>", stack.join("><")),
        ));
    }
    check_calendar_references(&project, path)?;
    Ok(project)
}

/// Every calendar the project, a task, a resource or another calendar names must be in
/// `<Calendars>`: guessing another one would schedule the plan on the wrong working time.
/// Null rows and MS Project's placeholder rows (UID 0) are not checked: real files
/// leave their calendars out.
fn check_calendar_references(project: &MspdiProject, path: &Path) -> Result<(), ImportError> {
    let known: std::collections::HashSet<i64> = project.calendars.iter().map(|c| c.uid).collect();
    let missing = |uid: Option<i64>| uid.filter(|u| *u >= 0 && !known.contains(u));
    let problem = if let Some(uid) = missing(project.calendar_uid).filter(|_| !known.is_empty()) {
        Some(format!("the project's calendar (UID {uid})"))
    } else if let Some((t, uid)) = project
        .tasks
        .iter()
        .filter(|t| !t.is_null && t.uid != 0)
        .find_map(|t| missing(t.calendar_uid).map(|u| (t, u)))
    {
        Some(format!(
            "task UID {} \"{}\" names calendar UID {uid}",
            t.uid, t.name
        ))
    } else if let Some((r, uid)) = project
        .resources
        .iter()
        // UID 0 is MS Project's placeholder resource: its calendar is often left out.
        .filter(|r| !r.is_null && r.uid != 0)
        .find_map(|r| missing(r.calendar_uid).map(|u| (r, u)))
    {
        Some(format!(
            "resource UID {} \"{}\" names calendar UID {uid}",
            r.uid, r.name
        ))
    } else {
        project
            .calendars
            .iter()
            .filter(|c| !c.is_base)
            .find_map(|c| missing(c.base_uid).map(|u| (c, u)))
            .map(|(c, uid)| {
                format!(
                    "calendar UID {} \"{}\" is based on calendar UID {uid}",
                    c.uid, c.name
                )
            })
    };
    match problem {
        Some(what) => Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!("{what}, which is not among the file's <Calendars>"),
        }),
        None => Ok(()),
    }
}

fn finish_weekday(calendar: &mut MspdiCalendar, day: &mut DayDraft) {
    let d = std::mem::take(day);
    let ranges = if d.working { d.ranges } else { Vec::new() };
    match d.day_type {
        // 1 = Sunday … 7 = Saturday; we index Monday first.
        Some(t @ 1..=7) => calendar.week[((t + 5) % 7) as usize] = Some(ranges),
        // Legacy exceptions: DayType 0 with a period.
        Some(0) => {
            if let (Some(from), Some(to)) = (d.from, d.to) {
                calendar.exceptions.push((from.date(), to.date(), ranges));
            }
        }
        _ => {}
    }
}

fn finish_exception(calendar: &mut MspdiCalendar, day: &mut DayDraft) {
    let d = std::mem::take(day);
    let ranges = if d.working { d.ranges } else { Vec::new() };
    match (d.exception_type, d.from, d.to) {
        // Type 1 is "daily": every day of the period.
        (Some(1) | None, Some(from), Some(to)) => {
            calendar.exceptions.push((from.date(), to.date(), ranges))
        }
        (Some(kind @ 2..=7), Some(from), Some(to)) => {
            for day in recurrence_days(kind, d.recurrence, from.date(), to.date()) {
                calendar.exceptions.push((day, day, ranges.clone()));
            }
        }
        _ => calendar.unexpanded_exceptions += 1,
    }
}

/// The days a recurring exception falls on, within its period: 7 every `Period` days,
/// 6 weekly on `DaysOfWeek`, 5 and 4 every `Period` months (relative: "the second
/// Tuesday"; absolute: "the 4th"), 3 and 2 yearly in `Month` (same two forms). Stops
/// at `Occurrences` and never yields more than a few thousand days, whatever the file says.
fn recurrence_days(kind: i64, r: Recurrence, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    use chrono::{Datelike, Days, Months};
    const MAX_DAYS: usize = 5000;
    let limit = r
        .occurrences
        .filter(|&n| n > 0)
        .map_or(MAX_DAYS, |n| (n as usize).min(MAX_DAYS));
    let period = r.period.filter(|&p| p > 0).unwrap_or(1) as u64;
    let mut out = Vec::new();
    let take = |d: NaiveDate, out: &mut Vec<NaiveDate>| {
        if d >= from && d <= to && out.len() < limit {
            out.push(d);
        }
    };
    // The `position`-th day of a month that matches `item` ("the last weekday").
    let relative = |year: i32, month: u32| -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let matches = |d: &NaiveDate| {
            let w = d.weekday().num_days_from_sunday() as i64;
            match r.month_item.unwrap_or(0) {
                0 => true,
                1 => (1..=5).contains(&w),
                2 => w == 0 || w == 6,
                item @ 3..=9 => w == item - 3,
                _ => false,
            }
        };
        let days: Vec<NaiveDate> = first
            .iter_days()
            .take_while(|d| d.month() == month)
            .filter(matches)
            .collect();
        match r.month_position.unwrap_or(0) {
            p @ 0..=3 => days.get(p as usize).copied(),
            _ => days.last().copied(),
        }
    };
    let absolute = |year: i32, month: u32| {
        NaiveDate::from_ymd_opt(year, month, u32::try_from(r.month_day.unwrap_or(1)).ok()?)
    };
    match kind {
        7 => {
            let mut d = Some(from);
            while let Some(day) = d.filter(|d| *d <= to && out.len() < limit) {
                take(day, &mut out);
                d = day.checked_add_days(Days::new(period));
            }
        }
        6 => {
            let mask = r.days_of_week.unwrap_or(0);
            let back = u64::from(from.weekday().num_days_from_sunday());
            let mut week = from.checked_sub_days(Days::new(back));
            while let Some(w) = week.filter(|w| *w <= to && out.len() < limit) {
                for k in 0..7u64 {
                    if mask & (1 << k) != 0
                        && let Some(d) = w.checked_add_days(Days::new(k))
                    {
                        take(d, &mut out);
                    }
                }
                week = w.checked_add_days(Days::new(period.saturating_mul(7)));
            }
        }
        4 | 5 => {
            let mut month = from.with_day(1);
            while let Some(m) = month.filter(|m| *m <= to && out.len() < limit) {
                let day = if kind == 5 {
                    relative(m.year(), m.month())
                } else {
                    absolute(m.year(), m.month())
                };
                if let Some(d) = day {
                    take(d, &mut out);
                }
                month = m.checked_add_months(Months::new(period as u32));
            }
        }
        2 | 3 => {
            let in_month = u32::try_from(r.month.unwrap_or(0) + 1).unwrap_or(1);
            for year in from.year()..=to.year() {
                let day = if kind == 3 {
                    relative(year, in_month)
                } else {
                    absolute(year, in_month)
                };
                if let Some(d) = day {
                    take(d, &mut out);
                }
            }
        }
        _ => {}
    }
    out
}

impl MspdiProject {
    /// A task's split work, from its first assignment whose planned work stands
    /// still somewhere: each gap as work done before it and its working minutes, on
    /// the task's calendar (or the project's).
    fn splits_of(
        &self,
        t: &MspdiTask,
        gaps_by_task: &HashMap<i64, Vec<(NaiveDateTime, NaiveDateTime)>>,
    ) -> Vec<crate::model::task::Split> {
        let (Some(start), Some(gaps)) = (t.start, gaps_by_task.get(&t.uid)) else {
            return Vec::new();
        };
        let calendar = self.work_calendar(t.calendar_uid.or(self.calendar_uid));
        let origin = start.date();
        let mut axis = WorkAxis::new(
            &calendar,
            origin
                .checked_sub_signed(Duration::days(1))
                .unwrap_or(origin),
        );
        let from = axis.offset(start);
        let mut out = Vec::with_capacity(gaps.len());
        let mut idle = 0;
        for &(a, b) in gaps {
            let (a, b) = (axis.offset(a), axis.offset(b));
            let gap = b - a;
            if gap <= 0 || a < from {
                continue;
            }
            out.push(crate::model::task::Split {
                after_minutes: a - from - idle,
                gap_minutes: gap,
            });
            idle += gap;
        }
        out
    }

    /// The calendar with this UID, its base merged in (standard week where nothing says).
    pub fn work_calendar(&self, uid: Option<i64>) -> WorkCalendar {
        let mut chain = Vec::new();
        let mut next = uid;
        while let Some(u) = next {
            let Some(c) = self.calendars.iter().find(|c| c.uid == u) else {
                break;
            };
            if chain.iter().any(|x: &&MspdiCalendar| x.uid == u) {
                break; // A base-calendar loop: stop rather than spin.
            }
            chain.push(c);
            next = c.base_uid;
        }
        let mut cal = WorkCalendar::standard();
        // Apply from the root base down to the calendar itself.
        for c in chain.iter().rev() {
            for (i, d) in c.week.iter().enumerate() {
                if let Some(r) = d {
                    cal.week[i] = r.clone();
                }
            }
            for (from, to, ranges) in &c.exceptions {
                let mut d = *from;
                while d <= *to {
                    cal.exceptions.insert(d, ranges.clone());
                    d += Duration::days(1);
                }
            }
        }
        cal
    }

    /// The scheduling network of the real tasks (no project summary, no null rows),
    /// with their UIDs in the same order. Elapsed durations and lags are counted as
    /// working time for now.
    pub fn network(&self, axis: &mut WorkAxis<'_>) -> (Network, Vec<i64>) {
        let tasks: Vec<&MspdiTask> = self
            .tasks
            .iter()
            .filter(|t| !t.is_null && t.uid != 0 && t.outline_level > 0)
            .collect();
        let index: HashMap<i64, usize> =
            tasks.iter().enumerate().map(|(i, t)| (t.uid, i)).collect();
        let mut parents: Vec<(i64, usize)> = Vec::new();
        let mut net = Network::default();
        for (i, t) in tasks.iter().enumerate() {
            while parents
                .last()
                .is_some_and(|(level, _)| *level >= t.outline_level)
            {
                parents.pop();
            }
            let (constraint, at) = match t.constraint_type {
                1 => (ConstraintKind::AsLateAsPossible, None),
                2 => (ConstraintKind::MustStartOn, t.constraint_date),
                3 => (ConstraintKind::MustFinishOn, t.constraint_date),
                4 => (ConstraintKind::StartNoEarlierThan, t.constraint_date),
                5 => (ConstraintKind::StartNoLaterThan, t.constraint_date),
                6 => (ConstraintKind::FinishNoEarlierThan, t.constraint_date),
                7 => (ConstraintKind::FinishNoLaterThan, t.constraint_date),
                _ => (ConstraintKind::AsSoonAsPossible, None),
            };
            net.tasks.push(NetTask {
                duration: t.duration_minutes.unwrap_or(0.0).round() as i64,
                parent: parents.last().map(|(_, p)| *p),
                constraint,
                constraint_at: at.map(|d| axis.offset(d)),
                elapsed: ELAPSED_FORMATS.contains(&t.duration_format.unwrap_or(7)),
                deadline_at: t.deadline.map(|d| axis.offset(d)),
                calendar: 0,
                own_calendar: 0,
                manual_start: t.manual.then(|| t.start.map(|s| axis.offset(s))).flatten(),
                pinned_at_period_end: false,
                actual_start: None,
                finished: false,
                work_parts: Box::default(),
            });
            parents.push((t.outline_level, i));
        }
        for (succ, t) in tasks.iter().enumerate() {
            for l in &t.predecessors {
                let Some(&pred) = index.get(&l.predecessor_uid) else {
                    continue;
                };
                let kind = match l.kind {
                    0 => LinkKind::FinishToFinish,
                    2 => LinkKind::StartToFinish,
                    3 => LinkKind::StartToStart,
                    _ => LinkKind::FinishToStart,
                };
                net.links.push(NetLink {
                    pred,
                    succ,
                    kind,
                    lag: (l.lag_tenths as f64 / 10.0).round() as i64,
                    lag_elapsed: ELAPSED_FORMATS.contains(&l.lag_format),
                });
            }
        }
        (net, tasks.iter().map(|t| t.uid).collect())
    }
}

/// The unit and elapsed flag of an MSPDI duration or lag format code.
pub fn format_unit(code: i64) -> (crate::model::TimeUnit, bool) {
    use crate::model::TimeUnit as U;
    let elapsed = ELAPSED_FORMATS.contains(&code);
    let unit = match code {
        3 | 4 | 35 | 36 => U::Minutes,
        5 | 6 | 37 | 38 => U::Hours,
        9 | 10 | 41 | 42 => U::Weeks,
        11 | 12 | 43 | 44 => U::Months,
        19 | 20 | 51 | 52 => U::Percent,
        _ => U::Days,
    };
    (unit, elapsed)
}

impl MspdiProject {
    /// The plan to store: every calendar of the file (bases merged in), the real tasks
    /// with their outline, durations, constraints and stored dates, and the links.
    pub fn to_draft(&self) -> crate::model::plan::PlanDraft {
        use crate::model::plan::{DraftCalendar, DraftDependency, DraftTask, PlanDraft};
        use crate::model::{TaskFields, TimeUnit};

        let calendars: Vec<DraftCalendar> = self
            .calendars
            .iter()
            .map(|c| DraftCalendar {
                name: if c.name.is_empty() {
                    format!("Calendar {}", c.uid)
                } else {
                    c.name.clone()
                },
                definition: self.work_calendar(Some(c.uid)),
            })
            .collect();
        let calendar_index =
            |uid: Option<i64>| uid.and_then(|u| self.calendars.iter().position(|c| c.uid == u));
        let tasks: Vec<&MspdiTask> = self
            .tasks
            .iter()
            .filter(|t| !t.is_null && t.uid != 0 && t.outline_level > 0)
            .collect();
        let index: HashMap<i64, usize> =
            tasks.iter().enumerate().map(|(i, t)| (t.uid, i)).collect();
        // Split work, by task: the first assignment of each whose planned work stands
        // still somewhere.
        let mut gaps_by_task: HashMap<i64, Vec<(NaiveDateTime, NaiveDateTime)>> = HashMap::new();
        for a in &self.assignments {
            if !a.planned_work.is_empty() && !gaps_by_task.contains_key(&a.task_uid) {
                let gaps = a.split_gaps();
                if !gaps.is_empty() {
                    gaps_by_task.insert(a.task_uid, gaps);
                }
            }
        }
        let mut parents: Vec<(i64, usize)> = Vec::new();
        let mut draft_tasks = Vec::with_capacity(tasks.len());
        for (i, t) in tasks.iter().enumerate() {
            while parents
                .last()
                .is_some_and(|(level, _)| *level >= t.outline_level)
            {
                parents.pop();
            }
            let (unit, elapsed) = format_unit(t.duration_format.unwrap_or(7));
            let constraint =
                crate::model::schedule::ConstraintKind::from_code(match t.constraint_type {
                    1 => "ALAP",
                    2 => "MSO",
                    3 => "MFO",
                    4 => "SNET",
                    5 => "SNLT",
                    6 => "FNET",
                    7 => "FNLT",
                    _ => "ASAP",
                });
            draft_tasks.push(DraftTask {
                fields: TaskFields {
                    name: t.name.clone(),
                    position: i as i64 + 1,
                    source_uid: Some(t.uid),
                    duration_minutes: t.duration_minutes.unwrap_or(0.0).round() as i64,
                    duration_unit: if unit == TimeUnit::Percent {
                        TimeUnit::Days
                    } else {
                        unit
                    },
                    elapsed,
                    milestone: t.milestone,
                    manual: t.manual,
                    constraint,
                    constraint_date: t.constraint_date,
                    deadline: t.deadline,
                    start: t.start,
                    finish: t.finish,
                    // Progress is a leaf's: a summary's rolls up from below.
                    percent_complete: if t.summary {
                        0
                    } else {
                        t.percent_complete.unwrap_or(0).clamp(0, 100) as u8
                    },
                    actual_start: t.actual_start.filter(|_| !t.summary),
                    actual_finish: t
                        .actual_finish
                        .filter(|_| !t.summary && t.actual_start.is_some()),
                    resume: t.resume.filter(|&r| {
                        !t.summary
                            && t.actual_finish.is_none()
                            && t.actual_start.is_some_and(|s| r > s)
                    }),
                    fixed_duration: t.task_type == Some(1),
                    splits: if t.summary || t.actual_start.is_some() {
                        Vec::new()
                    } else {
                        self.splits_of(t, &gaps_by_task)
                    },
                    ..TaskFields::default()
                },
                parent: parents.last().map(|(_, p)| *p),
                calendar: calendar_index(t.calendar_uid),
            });
            parents.push((t.outline_level, i));
        }
        let mut dependencies = Vec::new();
        for (succ, t) in tasks.iter().enumerate() {
            for l in &t.predecessors {
                let Some(&pred) = index.get(&l.predecessor_uid) else {
                    continue;
                };
                if pred == succ {
                    continue;
                }
                let (lag_unit, lag_elapsed) = format_unit(l.lag_format);
                dependencies.push(DraftDependency {
                    predecessor: pred,
                    successor: succ,
                    kind: match l.kind {
                        0 => LinkKind::FinishToFinish,
                        2 => LinkKind::StartToFinish,
                        3 => LinkKind::StartToStart,
                        _ => LinkKind::FinishToStart,
                    },
                    // Tenths of a minute; for a percentage lag, tenths of a percent.
                    lag: (l.lag_tenths as f64 / 10.0).round() as i64,
                    lag_unit,
                    lag_elapsed,
                });
            }
        }
        // People: real resources (UID 0 is MS Project's placeholder), full time = 100 %.
        let people: Vec<&MspdiResource> = self
            .resources
            .iter()
            .filter(|r| !r.is_null && r.uid > 0 && !r.name.is_empty())
            .collect();
        let resources = people
            .iter()
            .map(|r| crate::model::plan::DraftResource {
                name: r.name.clone(),
                max_units: (r.max_units.unwrap_or(1.0) * 100.0)
                    .round()
                    .clamp(0.0, 1_000_000.0) as u32,
                calendar: calendar_index(r.calendar_uid),
                source_uid: Some(r.uid),
            })
            .collect();
        let assignments = self
            .assignments
            .iter()
            .filter_map(|a| {
                Some(crate::model::plan::DraftAssignment {
                    task: *index.get(&a.task_uid)?,
                    resource: people.iter().position(|r| r.uid == a.resource_uid)?,
                    units: (a.units.unwrap_or(1.0) * 100.0)
                        .round()
                        .clamp(1.0, 1_000_000.0) as u32,
                    // Only a work resource's work, spread flat, makes a task last as
                    // long as it takes.
                    work_minutes: a
                        .work_minutes
                        .filter(|_| a.contour.is_none_or(|c| c == 0))
                        .filter(|w| w.is_finite() && *w > 0.0 && *w < MAX_DURATION_MINUTES)
                        .filter(|_| {
                            people
                                .iter()
                                .find(|r| r.uid == a.resource_uid)
                                .is_some_and(|r| r.kind.is_none_or(|k| k == 1))
                        })
                        .map(|w| w.round() as i64),
                })
            })
            .collect();
        let baselines = tasks
            .iter()
            .enumerate()
            .flat_map(|(i, t)| {
                t.baselines
                    .iter()
                    .filter(|b| {
                        (0..=10).contains(&b.number) && (b.start.is_some() || b.finish.is_some())
                    })
                    .map(move |b| crate::model::plan::DraftBaseline {
                        number: b.number as u8,
                        task: i,
                        start: b.start,
                        finish: b.finish,
                        duration_minutes: b.duration_minutes.unwrap_or(0.0).round() as i64,
                    })
            })
            .collect();
        PlanDraft {
            calendars,
            project_calendar: calendar_index(self.calendar_uid),
            tasks: draft_tasks,
            dependencies,
            resources,
            assignments,
            baselines,
        }
    }
}

/// The MSPDI importer for the dispatcher: a new project per file.
pub struct MspdiImporter;

impl super::Importer for MspdiImporter {
    fn id(&self) -> &'static str {
        "mspdi"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head);
        let xml_named = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
        text.contains("schemas.microsoft.com/project") || (xml_named && text.contains("<Project"))
    }

    fn parse_plan(&self, bytes: &[u8], path: &Path) -> Result<super::ParsedPlan, ImportError> {
        let project = parse(bytes, path)?;
        Ok(super::ParsedPlan {
            title: project.title.clone(),
            start: project.start.map(|s| s.date()),
            start_time: project
                .start
                .map(|s| s.time())
                .filter(|t| *t != chrono::NaiveTime::MIN),
            critical_slack_minutes: Some(
                project
                    .critical_slack_limit_days
                    .saturating_mul(project.minutes_per_day.max(1)),
            ),
            status_date: project.status_date.map(|d| d.date()),
            draft: project.to_draft(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_xml_schema_form() {
        assert_eq!(parse_duration("PT8H0M0S"), Some(480.0));
        assert_eq!(parse_duration("PT0H30M0S"), Some(30.0));
        assert_eq!(parse_duration("P1DT2H"), Some(1560.0));
        assert_eq!(parse_duration("PT1.5H"), Some(90.0));
        assert_eq!(parse_duration("8 hours"), None);
        assert_eq!(parse_duration("PT8X"), None);
    }

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <StartDate>2026-11-23T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><BaseCalendarUID>-1</BaseCalendarUID>
    <WeekDays>
      <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes>
        <WorkingTime><FromTime>09:00:00</FromTime><ToTime>12:00:00</ToTime></WorkingTime>
        <WorkingTime><FromTime>13:00:00</FromTime><ToTime>18:00:00</ToTime></WorkingTime>
      </WorkingTimes></WeekDay>
    </WeekDays>
    <Exceptions><Exception><TimePeriod><FromDate>2026-11-25T00:00:00</FromDate><ToDate>2026-11-25T23:59:00</ToDate></TimePeriod><Type>1</Type><DayWorking>0</DayWorking></Exception></Exceptions>
  </Calendar></Calendars>
  <Tasks>
    <Task><UID>0</UID><Name>项目</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>1</UID><Name>需求 &amp; 设计</Name><OutlineLevel>1</OutlineLevel><Duration>PT16H0M0S</Duration></Task>
    <Task><UID>2</UID><Name>开发</Name><OutlineLevel>1</OutlineLevel><Duration>PT8H0M0S</Duration>
      <PredecessorLink><PredecessorUID>1</PredecessorUID><Type>1</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink>
    </Task>
  </Tasks>
</Project>"#;

    #[test]
    fn reads_calendars_tasks_and_links() {
        let p = parse(SMALL.as_bytes(), Path::new("small.xml")).unwrap();
        assert_eq!(p.tasks.len(), 3);
        assert_eq!(p.tasks[1].name, "需求 & 设计");
        assert_eq!(p.tasks[2].predecessors[0].lag_tenths, 4800);
        let cal = p.work_calendar(Some(1));
        let monday = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(
            cal.minutes_on(monday),
            480,
            "Monday from the file: 9-12, 13-18"
        );
        assert_eq!(cal.ranges_on(monday)[0], (540, 720));
        assert_eq!(
            cal.minutes_on(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
            0,
            "exception"
        );
        assert_eq!(
            cal.minutes_on(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()),
            480,
            "inherited standard Tuesday"
        );
        let mut axis = WorkAxis::new(&cal, monday);
        let (net, uids) = p.network(&mut axis);
        assert_eq!(uids, vec![1, 2]);
        let times = crate::model::schedule::schedule(&net, 0, 0).unwrap();
        // 2 days of design (Mon, Tue), a 1-day lag over the Wednesday holiday (Thu):
        // development starts Friday.
        let start = axis.start_at(times[1].early_start).unwrap();
        assert_eq!(
            start.to_string(),
            "2026-11-27 08:00:00",
            "Friday is the standard week"
        );
    }

    #[test]
    fn hostile_xml_is_refused_with_a_place() {
        let bomb = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Project><Name>&lol2;</Name></Project>"#;
        let err = parse(bomb.as_bytes(), Path::new("bomb.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bomb.xml") && err.contains("DOCTYPE"), "{err}");
        let entity = "<Project><Name>&lol;</Name></Project>";
        let err = parse(entity.as_bytes(), Path::new("e.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown entity"), "{err}");
        let cut = &SMALL[..SMALL.len() / 2];
        let err = parse(cut.as_bytes(), Path::new("cut.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("cut.xml"), "{err}");
        let other = "<html><body/></html>";
        let err = parse(other.as_bytes(), Path::new("page.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("expected <Project>"), "{err}");
        assert!(parse(b"\x00\xff\xfe garbage", Path::new("junk.xml")).is_err());
    }

    #[test]
    fn recurrences_expand_like_ms_project() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        let r = Recurrence::default();
        // Every 2 weeks on Tuesday, 4 times.
        let weekly = Recurrence {
            occurrences: Some(4),
            period: Some(2),
            days_of_week: Some(4),
            ..r
        };
        assert_eq!(
            recurrence_days(6, weekly, d(2001, 1, 1), d(2001, 2, 13)),
            [
                d(2001, 1, 2),
                d(2001, 1, 16),
                d(2001, 1, 30),
                d(2001, 2, 13)
            ]
        );
        // The last Friday every 6 months; the second Tuesday every 3 months.
        let last_friday = Recurrence {
            period: Some(6),
            month_item: Some(8),
            month_position: Some(4),
            ..r
        };
        assert_eq!(
            recurrence_days(5, last_friday, d(2002, 1, 1), d(2002, 12, 31)),
            [d(2002, 1, 25), d(2002, 7, 26)]
        );
        let second_tuesday = Recurrence {
            period: Some(3),
            month_item: Some(5),
            month_position: Some(1),
            ..r
        };
        assert_eq!(
            recurrence_days(5, second_tuesday, d(2002, 1, 1), d(2002, 4, 30)),
            [d(2002, 1, 8), d(2002, 4, 9)]
        );
        // Yearly on 2 March (Month counts from 0); every 3rd day.
        let yearly = Recurrence {
            month: Some(2),
            month_day: Some(2),
            ..r
        };
        assert_eq!(
            recurrence_days(2, yearly, d(2005, 1, 1), d(2006, 12, 31)),
            [d(2005, 3, 2), d(2006, 3, 2)]
        );
        let every_third = Recurrence {
            period: Some(3),
            ..r
        };
        assert_eq!(
            recurrence_days(7, every_third, d(2000, 2, 1), d(2000, 2, 10)),
            [d(2000, 2, 1), d(2000, 2, 4), d(2000, 2, 7), d(2000, 2, 10)]
        );
        // A hostile span is cut short.
        assert_eq!(
            recurrence_days(7, r, d(1, 1, 1), d(9999, 12, 31)).len(),
            5000
        );
    }

    #[test]
    fn a_missing_calendar_is_refused_with_who_names_it() {
        let cases = [
            (
                "<Duration>PT8H0M0S</Duration>\n",
                "<Duration>PT8H0M0S</Duration><CalendarUID>9</CalendarUID>\n",
                "task UID 2 \"开发\" names calendar UID 9",
            ),
            (
                "<CalendarUID>1</CalendarUID>",
                "<CalendarUID>4</CalendarUID>",
                "the project's calendar (UID 4)",
            ),
            (
                "<BaseCalendarUID>-1</BaseCalendarUID>",
                "<BaseCalendarUID>3</BaseCalendarUID>",
                "calendar UID 1 \"Standard\" is based on calendar UID 3",
            ),
        ];
        for (from, to, said) in cases {
            assert!(SMALL.contains(from), "{from}");
            let xml = SMALL.replacen(from, to, 1);
            let err = parse(xml.as_bytes(), Path::new("plan.xml"))
                .unwrap_err()
                .to_string();
            assert!(err.contains("plan.xml") && err.contains(said), "{err}");
        }
        // A base calendar's BaseCalendarUID means nothing (Project 2019 writes 0).
        let base = SMALL.replacen(
            "<BaseCalendarUID>-1</BaseCalendarUID>",
            "<IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>0</BaseCalendarUID>",
            1,
        );
        assert!(parse(base.as_bytes(), Path::new("plan.xml")).is_ok());
    }
}
