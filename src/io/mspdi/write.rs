//! Writing MSPDI: a project's calendars, tasks and links in schema order, so MS Project,
//! ProjectLibre and GanttProject open it.

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDateTime;

use crate::model::plan::{Plan, TaskSchedule};
use crate::model::schedule::{ConstraintKind, LinkKind};
use crate::model::task::{MINUTES_PER_DAY, MINUTES_PER_WEEK};
use crate::model::work_calendar::WorkCalendar;
use crate::model::{Project, TaskId, TimeUnit};

/// Escapes text for XML element content.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 cannot carry most control characters, U+FFFE or U+FFFF at all.
            c if !crate::model::text::xml_allowed(c) => {}
            c => out.push(c),
        }
    }
    out
}

fn time(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

fn duration(minutes: i64) -> String {
    let m = minutes.max(0);
    format!("PT{}H{}M0S", m / 60, m % 60)
}

/// The MSPDI format code of a unit (elapsed variants where asked).
fn format_code(unit: TimeUnit, elapsed: bool) -> i64 {
    let base = match unit {
        TimeUnit::Minutes => 3,
        TimeUnit::Hours => 5,
        TimeUnit::Days => 7,
        TimeUnit::Weeks => 9,
        TimeUnit::Months => 11,
        TimeUnit::Percent => 19,
    };
    if elapsed { base + 1 } else { base }
}

fn constraint_code(k: ConstraintKind) -> i64 {
    match k {
        ConstraintKind::AsSoonAsPossible => 0,
        ConstraintKind::AsLateAsPossible => 1,
        ConstraintKind::MustStartOn => 2,
        ConstraintKind::MustFinishOn => 3,
        ConstraintKind::StartNoEarlierThan => 4,
        ConstraintKind::StartNoLaterThan => 5,
        ConstraintKind::FinishNoEarlierThan => 6,
        ConstraintKind::FinishNoLaterThan => 7,
    }
}

fn link_code(k: LinkKind) -> i64 {
    match k {
        LinkKind::FinishToFinish => 0,
        LinkKind::FinishToStart => 1,
        LinkKind::StartToFinish => 2,
        LinkKind::StartToStart => 3,
    }
}

fn hhmm(minute: u16) -> String {
    let m = if minute >= 24 * 60 { 0 } else { minute };
    format!("{:02}:{:02}:00", m / 60, m % 60)
}

fn working_times(x: &mut String, ranges: &[(u16, u16)]) {
    if ranges.is_empty() {
        return;
    }
    x.push_str("<WorkingTimes>");
    for (a, b) in ranges {
        let _ = write!(
            x,
            "<WorkingTime><FromTime>{}</FromTime><ToTime>{}</ToTime></WorkingTime>",
            hhmm(*a),
            hhmm(*b)
        );
    }
    x.push_str("</WorkingTimes>");
}

/// Consecutive exception days with the same working time: first day, last day, ranges.
type ExceptionRun<'a> = (chrono::NaiveDate, chrono::NaiveDate, &'a Vec<(u16, u16)>);

/// One calendar, exceptions in the legacy form every reader understands (runs of equal
/// days merged).
fn calendar(x: &mut String, uid: i64, name: &str, cal: &WorkCalendar) {
    let _ = write!(
        x,
        "<Calendar><UID>{uid}</UID><Name>{}</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID><WeekDays>",
        xml_escape(name)
    );
    for day_type in 1..=7 {
        // MSPDI: 1 = Sunday; ours: Monday first.
        let ranges = &cal.week[((day_type + 5) % 7) as usize];
        let _ = write!(
            x,
            "<WeekDay><DayType>{day_type}</DayType><DayWorking>{}</DayWorking>",
            u8::from(!ranges.is_empty())
        );
        working_times(x, ranges);
        x.push_str("</WeekDay>");
    }
    let mut runs: Vec<ExceptionRun<'_>> = Vec::new();
    for (date, ranges) in &cal.exceptions {
        match runs.last_mut() {
            Some((_, to, r)) if *r == ranges && *to + chrono::Duration::days(1) == *date => {
                *to = *date
            }
            _ => runs.push((*date, *date, ranges)),
        }
    }
    for (from, to, ranges) in runs {
        let _ = write!(
            x,
            "<WeekDay><DayType>0</DayType><DayWorking>{}</DayWorking><TimePeriod><FromDate>{}T00:00:00</FromDate><ToDate>{}T23:59:00</ToDate></TimePeriod>",
            u8::from(!ranges.is_empty()),
            from,
            to
        );
        working_times(x, ranges);
        x.push_str("</WeekDay>");
    }
    x.push_str("</WeekDays></Calendar>");
}

/// The whole document for one project. `calendar` is the project's working time;
/// `schedule` (if computed) fills the early/late dates and slack.
pub fn document(
    project: &Project,
    plan: &Plan,
    calendar_name: &str,
    project_calendar: &WorkCalendar,
    schedule: &[TaskSchedule],
) -> String {
    let computed: HashMap<TaskId, &TaskSchedule> = schedule.iter().map(|s| (s.task, s)).collect();
    let uid_of: HashMap<TaskId, i64> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i as i64 + 1))
        .collect();
    let start = plan
        .tasks
        .iter()
        .filter_map(|t| t.fields.start)
        .min()
        .unwrap_or_else(|| {
            project.fields.start_date.and_time(
                project
                    .fields
                    .start_time
                    .unwrap_or(chrono::NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default()),
            )
        });
    let finish = plan
        .tasks
        .iter()
        .filter_map(|t| t.fields.finish)
        .max()
        .unwrap_or(start);
    let mut x = String::with_capacity(1024 + plan.tasks.len() * 700);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n");
    x.push_str("<Project xmlns=\"http://schemas.microsoft.com/project\">");
    let _ = write!(
        x,
        "<SaveVersion>14</SaveVersion><Name>{0}.xml</Name><Title>{0}</Title><ScheduleFromStart>1</ScheduleFromStart><StartDate>{1}</StartDate><FinishDate>{2}</FinishDate><CriticalSlackLimit>{5}</CriticalSlackLimit><CalendarUID>1</CalendarUID><MinutesPerDay>{3}</MinutesPerDay><MinutesPerWeek>{4}</MinutesPerWeek><DaysPerMonth>20</DaysPerMonth>",
        xml_escape(&project.fields.name),
        time(start),
        time(finish),
        MINUTES_PER_DAY,
        MINUTES_PER_WEEK,
        // MSPDI holds whole days.
        (project.fields.critical_slack_minutes + MINUTES_PER_DAY / 2) / MINUTES_PER_DAY
    );
    if let Some(d) = project.fields.status_date {
        // End of the status day, as MS Project writes it.
        let _ = write!(x, "<StatusDate>{}T17:00:00</StatusDate>", d);
    }
    x.push_str("<Calendars>");
    calendar(&mut x, 1, calendar_name, project_calendar);
    // The plan's own calendars (task and resource calendars from imports) follow, so the
    // tasks and resources that use them keep them.
    let mut calendar_uid: HashMap<crate::model::CalendarId, i64> =
        HashMap::from([(project.fields.calendar, 1)]);
    for c in &plan.calendars {
        if !calendar_uid.contains_key(&c.id) {
            let uid = calendar_uid.len() as i64 + 1;
            calendar(&mut x, uid, &c.name, &c.definition);
            calendar_uid.insert(c.id, uid);
        }
    }
    x.push_str("</Calendars><Tasks>");
    // The project summary task, UID 0, as MS Project writes it.
    let _ = write!(
        x,
        "<Task><UID>0</UID><ID>0</ID><Name>{}</Name><Type>1</Type><IsNull>0</IsNull><WBS>0</WBS><OutlineNumber>0</OutlineNumber><OutlineLevel>0</OutlineLevel><Start>{}</Start><Finish>{}</Finish><Summary>1</Summary></Task>",
        xml_escape(&project.fields.name),
        time(start),
        time(finish)
    );
    let has_children: std::collections::HashSet<TaskId> =
        plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    // Each task's links in and baselines, found once (a scan per task was quadratic).
    let mut links_into: HashMap<TaskId, Vec<&crate::model::Dependency>> = HashMap::new();
    for d in &plan.dependencies {
        links_into.entry(d.successor).or_default().push(d);
    }
    let mut baselines_of: HashMap<TaskId, Vec<&crate::model::BaselineEntry>> = HashMap::new();
    for b in &plan.baselines {
        baselines_of.entry(b.task).or_default().push(b);
    }
    let mut level: HashMap<TaskId, usize> = HashMap::new();
    let mut counters: Vec<u32> = Vec::new();
    // A summary's duration is its span in working time, as MS Project shows it.
    let earliest = plan
        .tasks
        .iter()
        .filter_map(|t| t.fields.start)
        .map(|d| d.date())
        .min()
        .unwrap_or(start.date());
    let mut axis = crate::model::work_calendar::WorkAxis::new(project_calendar, {
        let first = earliest.min(start.date());
        first
            .checked_sub_signed(chrono::Duration::days(7))
            .unwrap_or(first)
    });
    for t in &plan.tasks {
        let f = &t.fields;
        let depth = f
            .parent
            .and_then(|p| level.get(&p).copied())
            .map_or(1, |d| d + 1);
        level.insert(t.id, depth);
        counters.truncate(depth);
        while counters.len() < depth {
            counters.push(0);
        }
        counters[depth - 1] += 1;
        let wbs = counters
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        let uid = uid_of.get(&t.id).copied().unwrap_or(0);
        let summary = has_children.contains(&t.id);
        let c = computed.get(&t.id);
        let s = f.start.or(c.map(|c| c.early_start)).unwrap_or(start);
        let e = f.finish.or(c.map(|c| c.early_finish)).unwrap_or(s);
        let _ = write!(
            x,
            "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{}</Name><Type>{}</Type><IsNull>0</IsNull><WBS>{wbs}</WBS><OutlineNumber>{wbs}</OutlineNumber><OutlineLevel>{depth}</OutlineLevel><Start>{}</Start><Finish>{}</Finish><Duration>{}</Duration><DurationFormat>{}</DurationFormat>{}<Milestone>{}</Milestone><Summary>{}</Summary>",
            xml_escape(&f.name),
            if summary { 1 } else { 0 },
            time(s),
            time(e),
            duration(if summary {
                (axis.offset(e) - axis.offset(s)).max(0)
            } else {
                f.duration_minutes
            }),
            format_code(f.duration_unit, f.elapsed),
            f.resume
                .filter(|_| !summary)
                .map(|r| format!("<Resume>{}</Resume>", time(r)))
                .unwrap_or_default(),
            u8::from(f.milestone),
            u8::from(summary),
        );
        if let Some(c) = c {
            let _ = write!(
                x,
                "<Critical>{}</Critical><EarlyStart>{}</EarlyStart><EarlyFinish>{}</EarlyFinish><LateStart>{}</LateStart><LateFinish>{}</LateFinish><FreeSlack>{}</FreeSlack><TotalSlack>{}</TotalSlack>",
                u8::from(c.critical),
                time(c.early_start),
                time(c.early_finish),
                time(c.late_start),
                time(c.late_finish),
                c.free_slack_minutes * 10,
                c.total_slack_minutes * 10
            );
        }
        let _ = write!(
            x,
            "<PercentComplete>{}</PercentComplete>",
            f.percent_complete
        );
        if let Some(a) = f.actual_start {
            let _ = write!(x, "<ActualStart>{}</ActualStart>", time(a));
        }
        if let Some(a) = f.actual_finish {
            let _ = write!(x, "<ActualFinish>{}</ActualFinish>", time(a));
        }
        if !summary && (f.percent_complete > 0 || f.actual_start.is_some()) {
            let _ = write!(
                x,
                "<ActualDuration>{}</ActualDuration><RemainingDuration>{}</RemainingDuration>",
                duration(f.done_minutes()),
                duration(f.remaining_minutes())
            );
        }
        let _ = write!(
            x,
            "<ConstraintType>{}</ConstraintType><CalendarUID>{}</CalendarUID>",
            constraint_code(f.constraint),
            // -1: the project's calendar.
            t.fields
                .calendar
                .and_then(|c| calendar_uid.get(&c))
                .filter(|&&uid| uid != 1)
                .copied()
                .unwrap_or(-1)
        );
        if let Some(d) = f.constraint_date {
            let _ = write!(x, "<ConstraintDate>{}</ConstraintDate>", time(d));
        }
        if let Some(d) = f.deadline {
            let _ = write!(x, "<Deadline>{}</Deadline>", time(d));
        }
        if !f.notes.is_empty() {
            let _ = write!(x, "<Notes>{}</Notes>", xml_escape(&f.notes));
        }
        for d in links_into.get(&t.id).into_iter().flatten() {
            let Some(pred) = uid_of.get(&d.predecessor) else {
                continue;
            };
            let (lag, format) = match d.lag_unit {
                TimeUnit::Percent => (d.lag * 10, format_code(TimeUnit::Percent, d.lag_elapsed)),
                unit => (d.lag * 10, format_code(unit, d.lag_elapsed)),
            };
            let _ = write!(
                x,
                "<PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>{}</Type><CrossProject>0</CrossProject><LinkLag>{lag}</LinkLag><LagFormat>{format}</LagFormat></PredecessorLink>",
                link_code(d.kind)
            );
        }
        for b in baselines_of.get(&t.id).into_iter().flatten() {
            let _ = write!(x, "<Baseline><Number>{}</Number>", b.number);
            if let Some(s) = b.start {
                let _ = write!(x, "<Start>{}</Start>", time(s));
            }
            if let Some(f) = b.finish {
                let _ = write!(x, "<Finish>{}</Finish>", time(f));
            }
            let _ = write!(
                x,
                "<Duration>{}</Duration></Baseline>",
                duration(b.duration_minutes)
            );
        }
        let _ = write!(
            x,
            "<Active>1</Active><Manual>{}</Manual></Task>",
            u8::from(f.manual)
        );
    }
    x.push_str("</Tasks><Resources>");
    // UID 0 is MS Project's placeholder resource; ours count from 1.
    let resource_uid: HashMap<crate::model::ResourceId, i64> = plan
        .resources
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i as i64 + 1))
        .collect();
    for (i, r) in plan.resources.iter().enumerate() {
        let _ = write!(
            x,
            "<Resource><UID>{0}</UID><ID>{0}</ID><Name>{1}</Name><Type>1</Type><IsNull>0</IsNull><MaxUnits>{2:.2}</MaxUnits>",
            i + 1,
            xml_escape(&r.name),
            f64::from(r.max_units) / 100.0
        );
        if let Some(uid) = r.calendar.and_then(|c| calendar_uid.get(&c)) {
            let _ = write!(x, "<CalendarUID>{uid}</CalendarUID>");
        }
        x.push_str("</Resource>");
    }
    x.push_str("</Resources><Assignments>");
    for (i, a) in plan.assignments.iter().enumerate() {
        let (Some(task), Some(resource)) = (uid_of.get(&a.task), resource_uid.get(&a.resource))
        else {
            continue;
        };
        let _ = write!(
            x,
            "<Assignment><UID>{}</UID><TaskUID>{task}</TaskUID><ResourceUID>{resource}</ResourceUID><Units>{:.2}</Units></Assignment>",
            i + 1,
            f64::from(a.units) / 100.0
        );
    }
    x.push_str("</Assignments></Project>\n");
    x
}
