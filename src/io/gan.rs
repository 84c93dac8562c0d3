//! GanttProject (`.gan`): tasks (nested), dependencies (stored on the predecessor, its
//! own type numbering; Strong links tie the successor, Rubber ones only hold it back),
//! the working week and holidays, and earliest-start constraints. GanttProject works
//! in whole working days; stored starts are kept as they are.

use std::collections::HashMap;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{ImportError, Importer};
use crate::model::plan::{DraftCalendar, DraftDependency, DraftTask, PlanDraft};
use crate::model::schedule::{ConstraintKind, LinkKind};
use crate::model::task::MINUTES_PER_DAY;
use crate::model::work_calendar::{WorkAxis, WorkCalendar};
use crate::model::{TaskFields, TimeUnit};

/// What a `.gan` file holds, as far as the plan goes.
#[derive(Clone, Debug, PartialEq)]
pub struct GanProject {
    pub name: String,
    pub calendar: WorkCalendar,
    pub draft: PlanDraft,
}

fn invalid(path: &Path, at: u64, reason: impl Into<String>) -> ImportError {
    ImportError::Invalid {
        path: path.to_path_buf(),
        reason: format!("byte {at}: {}", reason.into()),
    }
}

fn attributes(
    e: &BytesStart<'_>,
    path: &Path,
    at: u64,
) -> Result<HashMap<String, String>, ImportError> {
    let mut out = HashMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| invalid(path, at, err.to_string()))?;
        let key: String = a.key.as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| invalid(path, at, err.to_string()))?;
        out.insert(key, value.into_owned());
    }
    Ok(out)
}

/// GanttProject's link types: 1=SS 2=FS 3=FF 4=SF.
fn link_kind(code: &str) -> LinkKind {
    match code {
        "1" => LinkKind::StartToStart,
        "3" => LinkKind::FinishToFinish,
        "4" => LinkKind::StartToFinish,
        _ => LinkKind::FinishToStart,
    }
}

/// Reads a GanttProject file. `path` names the file in errors.
pub fn parse(bytes: &[u8], path: &Path) -> Result<GanProject, ImportError> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut project = GanProject {
        name: String::new(),
        calendar: WorkCalendar::standard(),
        draft: PlanDraft::default(),
    };
    let standard_day = WorkCalendar::standard().week[0].clone();
    let mut saw_project = false;
    let mut depth = 0usize;
    // Open <task> elements: (draft index, element depth).
    let mut open_tasks: Vec<(usize, usize)> = Vec::new();
    let mut ids: HashMap<String, usize> = HashMap::new();
    // (predecessor index, successor id, type, lag days)
    // (predecessor, successor id, type, lag in days, rubber)
    let mut depends: Vec<(usize, String, String, i64, bool)> = Vec::new();
    let mut starts: Vec<Option<NaiveDate>> = Vec::new();
    let mut recurring: Vec<(u32, u32)> = Vec::new();
    let mut in_previous = 0usize;
    let mut resource_ids: HashMap<String, usize> = HashMap::new();
    // (task id, resource id, load percent)
    let mut allocations: Vec<(String, String, f64)> = Vec::new();
    loop {
        let at = reader.buffer_position();
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| invalid(path, at, e.to_string()))?;
        let (element, empty) = match &event {
            Event::Start(e) => (Some(e.clone()), false),
            Event::Empty(e) => (Some(e.clone()), true),
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if open_tasks.last().is_some_and(|(_, d)| *d == depth) {
                    open_tasks.pop();
                }
                if in_previous > depth {
                    in_previous = 0;
                }
                buf.clear();
                continue;
            }
            Event::DocType(_) => {
                return Err(invalid(
                    path,
                    at,
                    "a DOCTYPE is not allowed in a GanttProject file",
                ));
            }
            Event::Eof => break,
            _ => {
                buf.clear();
                continue;
            }
        };
        let Some(e) = element else { continue };
        let name = e.local_name().as_ref().to_owned();
        if depth == 0 {
            if name != "project" {
                return Err(invalid(
                    path,
                    at,
                    format!("expected <project>, found <{name}>"),
                ));
            }
            saw_project = true;
        }
        let attrs = attributes(&e, path, at)?;
        match name.as_str() {
            "project" => project.name = attrs.get("name").cloned().unwrap_or_default(),
            // Baselines (<previous>) repeat tasks; they are not the plan.
            "previous" => in_previous = depth + 1,
            "default-week" => {
                for (i, day) in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                    .iter()
                    .enumerate()
                {
                    // 1 = a weekend (non-working) day.
                    let off = attrs.get(*day).is_some_and(|v| v == "1");
                    project.calendar.week[i] = if off {
                        Vec::new()
                    } else {
                        standard_day.clone()
                    };
                }
            }
            "date" => {
                let month = attrs.get("month").and_then(|m| m.parse::<u32>().ok());
                let day = attrs.get("date").and_then(|d| d.parse::<u32>().ok());
                let working = attrs.get("type").is_some_and(|t| t == "WORKING_DAY");
                let ranges = if working {
                    standard_day.clone()
                } else {
                    Vec::new()
                };
                match (attrs.get("year").map(String::as_str), month, day) {
                    (Some("") | None, Some(m), Some(d)) => recurring.push((m, d)),
                    (Some(y), Some(m), Some(d)) => {
                        if let Some(date) = y
                            .parse()
                            .ok()
                            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                        {
                            project.calendar.exceptions.insert(date, ranges);
                        }
                    }
                    _ => {}
                }
            }
            "task" if in_previous == 0 => {
                let index = project.draft.tasks.len();
                let id = attrs.get("id").cloned().unwrap_or_default();
                let days: i64 = attrs
                    .get("duration")
                    .and_then(|d| d.parse().ok())
                    .unwrap_or(0)
                    .max(0);
                let start = attrs
                    .get("start")
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                let earliest = attrs
                    .get("thirdDate")
                    .and_then(|s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok());
                let milestone = attrs.get("meeting").is_some_and(|m| m == "true");
                let (constraint, constraint_date) = match earliest {
                    Some(d) => (
                        ConstraintKind::StartNoEarlierThan,
                        Some(d.and_time(NaiveTime::MIN)),
                    ),
                    None => (ConstraintKind::AsSoonAsPossible, None),
                };
                project.draft.tasks.push(DraftTask {
                    fields: TaskFields {
                        // GanttProject sample names end in no-break spaces.
                        name: attrs
                            .get("name")
                            .map(|n| n.trim_matches(|c: char| c.is_whitespace()).to_owned())
                            .unwrap_or_default(),
                        position: index as i64 + 1,
                        duration_minutes: if milestone {
                            0
                        } else {
                            days.saturating_mul(MINUTES_PER_DAY)
                        },
                        duration_unit: TimeUnit::Days,
                        milestone,
                        constraint,
                        constraint_date,
                        percent_complete: attrs
                            .get("complete")
                            .and_then(|c| c.parse::<f64>().ok())
                            .map_or(0, |c| c.clamp(0.0, 100.0) as u8),
                        ..TaskFields::default()
                    },
                    parent: open_tasks.last().map(|(i, _)| *i),
                    calendar: None,
                });
                starts.push(start);
                if ids.insert(id.clone(), index).is_some() {
                    return Err(invalid(path, at, format!("task id {id} appears twice")));
                }
                if !empty {
                    open_tasks.push((index, depth));
                }
            }
            "resource" => {
                let id = attrs.get("id").cloned().unwrap_or_default();
                resource_ids.insert(id, project.draft.resources.len());
                project
                    .draft
                    .resources
                    .push(crate::model::plan::DraftResource {
                        name: attrs
                            .get("name")
                            .map(|n| n.trim().to_owned())
                            .unwrap_or_default(),
                        max_units: 100,
                        calendar: None,
                        source_uid: None,
                    });
            }
            "allocation" => {
                if let (Some(t), Some(r)) = (attrs.get("task-id"), attrs.get("resource-id")) {
                    let load = attrs
                        .get("load")
                        .and_then(|l| l.parse().ok())
                        .unwrap_or(100.0);
                    allocations.push((t.clone(), r.clone(), load));
                }
            }
            "depend" if in_previous == 0 => {
                if let (Some((pred, _)), Some(succ)) = (open_tasks.last(), attrs.get("id")) {
                    let kind = attrs.get("type").cloned().unwrap_or_else(|| "2".into());
                    let lag = attrs
                        .get("difference")
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(0);
                    // Strong ties the successor to the link; Rubber lets it sit later.
                    let rubber = attrs
                        .get("hardness")
                        .is_some_and(|h| h.eq_ignore_ascii_case("rubber"));
                    depends.push((*pred, succ.clone(), kind, lag, rubber));
                }
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
        buf.clear();
    }
    if !saw_project {
        return Err(invalid(
            path,
            0,
            "no <project> element: not a GanttProject file",
        ));
    }
    if depth != 0 {
        return Err(invalid(
            path,
            reader.buffer_position(),
            "the file ends inside an element",
        ));
    }
    let mut rubber_successors = Vec::new();
    for (pred, succ_id, kind, lag, rubber) in depends {
        let succ = *ids.get(&succ_id).ok_or_else(|| {
            invalid(
                path,
                0,
                format!("a dependency names task id {succ_id}, which does not exist"),
            )
        })?;
        if succ != pred {
            if rubber {
                rubber_successors.push(succ);
            }
            project.draft.dependencies.push(DraftDependency {
                predecessor: pred,
                successor: succ,
                kind: link_kind(&kind),
                lag: lag.saturating_mul(MINUTES_PER_DAY),
                lag_unit: TimeUnit::Days,
                lag_elapsed: false,
            });
        }
    }
    for (task, resource, load) in allocations {
        if let (Some(&t), Some(&r)) = (ids.get(&task), resource_ids.get(&resource)) {
            project
                .draft
                .assignments
                .push(crate::model::plan::DraftAssignment {
                    task: t,
                    resource: r,
                    units: load.round().clamp(1.0, 10_000.0) as u32,
                    work_minutes: None,
                });
        }
    }
    // Recurring holidays (no year) for every year the plan can reach.
    let years: Vec<i32> = starts.iter().flatten().map(|d| d.year()).collect();
    if let (Some(&lo), Some(&hi)) = (years.iter().min(), years.iter().max()) {
        for y in lo - 1..=hi + 5 {
            for &(m, d) in &recurring {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    project.calendar.exceptions.insert(date, Vec::new());
                }
            }
        }
    }
    // Stored dates: the start as written, the finish from the duration on the calendar.
    let first = starts.iter().flatten().min().copied().unwrap_or_default();
    let origin = first.checked_sub_signed(Duration::days(7)).unwrap_or(first);
    let mut axis = WorkAxis::new(&project.calendar, origin);
    for (t, start) in project.draft.tasks.iter_mut().zip(&starts) {
        if let Some(s) = start {
            let offset = axis.offset(s.and_time(NaiveTime::MIN));
            t.fields.start = axis.start_at(offset);
            t.fields.finish = if t.fields.milestone {
                t.fields.start
            } else {
                axis.finish_at(offset.saturating_add(t.fields.duration_minutes))
            };
        }
    }
    // A Rubber link only says "no earlier than": the successor keeps the later start
    // GanttProject gave it, as a start-no-earlier-than constraint.
    for succ in rubber_successors {
        let t = &mut project.draft.tasks[succ].fields;
        if t.constraint == crate::model::schedule::ConstraintKind::AsSoonAsPossible
            && let Some(start) = t.start
        {
            t.constraint = crate::model::schedule::ConstraintKind::StartNoEarlierThan;
            t.constraint_date = Some(start);
        }
    }
    project.draft.calendars.push(DraftCalendar {
        name: "GanttProject".into(),
        definition: project.calendar.clone(),
    });
    project.draft.project_calendar = Some(0);
    Ok(project)
}

/// The GanttProject importer for the dispatcher: a new project per file.
pub struct GanImporter;

impl Importer for GanImporter {
    fn id(&self) -> &'static str {
        "gan"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        let text = String::from_utf8_lossy(head);
        path.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gan"))
            || (text.contains("<project") && text.contains("gantt-divider-location"))
    }

    fn parse_plan(&self, bytes: &[u8], path: &Path) -> Result<super::ParsedPlan, ImportError> {
        let gan = parse(bytes, path)?;
        // "project-name" is GanttProject's placeholder, not a name.
        let title = Some(gan.name).filter(|n| n != "project-name");
        Ok(super::ParsedPlan {
            title,
            ..super::ParsedPlan::of(gan.draft)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"<?xml version="1.0" encoding="UTF-8"?><project name="客服升级" company="" webLink="http://" view-date="2026-01-01" view-index="0" gantt-divider-location="300" resource-divider-location="300" version="3.3" locale="zh_CN">
<calendars><day-types><day-type id="0"/><day-type id="1"/><default-week id="1" name="default" sun="1" mon="0" tue="0" wed="0" thu="0" fri="0" sat="1"/></day-types>
<date year="" month="1" date="1" type="HOLIDAY"/><date year="2026" month="12" date="3" type="HOLIDAY"/></calendars>
<tasks>
<task id="5" name="需求 &amp; 设计" meeting="false" start="2026-12-01" duration="3" complete="50" expand="true">
  <task id="6" name="原型" meeting="false" start="2026-12-01" duration="2" complete="100" expand="true"><depend id="7" type="2" difference="1" hardness="Strong"/></task>
</task>
<task id="7" name="评审 " meeting="true" start="2026-12-07" duration="0" complete="0" thirdDate="2026-12-04" thirdDate-constraint="0" expand="true"/>
</tasks><previous><previous-tasks name="baseline"><previous-task id="6" start="2026-11-01" duration="2" meeting="false" super="false"/></previous-tasks></previous></project>"#;

    #[test]
    fn a_rubber_link_keeps_the_later_start_a_strong_one_does_not() {
        let doc = r#"<project name="p" version="3.3"><tasks>
<task id="1" name="甲" start="2026-12-01" duration="1"><depend id="2" type="2" difference="0" hardness="Rubber"/><depend id="3" type="2" difference="0" hardness="Strong"/></task>
<task id="2" name="乙" start="2026-12-08" duration="1"/>
<task id="3" name="丙" start="2026-12-08" duration="1"/>
</tasks></project>"#;
        let p = parse(doc.as_bytes(), Path::new("rubber.gan")).unwrap();
        let (rubber, strong) = (&p.draft.tasks[1].fields, &p.draft.tasks[2].fields);
        assert_eq!(
            rubber.constraint,
            crate::model::schedule::ConstraintKind::StartNoEarlierThan
        );
        assert_eq!(rubber.constraint_date, rubber.start);
        assert_eq!(
            strong.constraint,
            crate::model::schedule::ConstraintKind::AsSoonAsPossible
        );
        assert_eq!(p.draft.dependencies.len(), 2);
    }

    #[test]
    fn reads_tasks_links_calendar_and_constraints() {
        let p = parse(SMALL.as_bytes(), Path::new("small.gan")).unwrap();
        assert_eq!(p.name, "客服升级");
        let names: Vec<&str> = p
            .draft
            .tasks
            .iter()
            .map(|t| t.fields.name.as_str())
            .collect();
        assert_eq!(names, ["需求 & 设计", "原型", "评审"]);
        assert_eq!(p.draft.tasks[1].parent, Some(0));
        assert_eq!(p.draft.tasks[2].parent, None);
        assert!(p.draft.tasks[2].fields.milestone);
        assert_eq!(
            p.draft.tasks[2].fields.constraint,
            ConstraintKind::StartNoEarlierThan
        );
        assert_eq!(p.draft.tasks[1].fields.percent_complete, 100);
        let d = &p.draft.dependencies[0];
        assert_eq!(
            (d.predecessor, d.successor, d.kind, d.lag),
            (1, 2, LinkKind::FinishToStart, 480)
        );
        // 12-03 (Thursday) is a holiday: the 2-day 原型 runs Tue–Wed; 需求 3 days Tue, Wed, Fri.
        assert_eq!(
            p.draft.tasks[0].fields.finish.unwrap().to_string(),
            "2026-12-04 17:00:00"
        );
        assert_eq!(
            p.calendar
                .minutes_on(NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()),
            0,
            "recurring"
        );
        assert_eq!(
            p.calendar
                .minutes_on(NaiveDate::from_ymd_opt(2026, 12, 5).unwrap()),
            0,
            "Saturday"
        );
    }

    #[test]
    fn bad_files_are_refused_with_a_place() {
        for (text, needle) in [
            ("<html/>", "expected <project>"),
            (r#"<!DOCTYPE x [<!ENTITY a "b">]><project/>"#, "DOCTYPE"),
            (
                r#"<project><tasks><task id="1"><depend id="9" type="2"/></task></tasks></project>"#,
                "does not exist",
            ),
            (
                r#"<project><tasks><task id="1"/><task id="1"/></tasks></project>"#,
                "twice",
            ),
            (
                r#"<project><tasks><task id="1" name="&bad;"/></tasks></project>"#,
                "byte",
            ),
        ] {
            let err = parse(text.as_bytes(), Path::new("x.gan"))
                .unwrap_err()
                .to_string();
            assert!(err.contains(needle) && err.contains("x.gan"), "{err}");
        }
        let cut = &SMALL[..SMALL.len() / 2];
        assert!(parse(cut.as_bytes(), Path::new("cut.gan")).is_err());
    }
}
