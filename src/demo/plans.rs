//! The demo's projects and plans (`assets/demo/workspace.json`, `plan.json`): tasks by
//! code and name, links by code, people and who does what, each plan scheduled with
//! baseline 0 saved and progress reported to the status date.

use chrono::NaiveDate;
use serde::Deserialize;

use std::collections::HashMap;

use super::DemoError;
use crate::model::plan::{DraftDependency, DraftTask, FirstIds, Plan, PlanDraft, schedule_plan};
use crate::model::schedule::LinkKind;
use crate::model::seed::{Seed, SeedProject};
use crate::model::work_calendar::WorkCalendar;
use crate::model::{
    BuiltinCalendar, CalendarId, Project, ProjectFields, ProjectId, TaskFields, TimeUnit,
};

pub(super) const DEMO_JSON: &str = include_str!("../../assets/demo/workspace.json");
pub(super) const DEMO_PLAN_JSON: &str = include_str!("../../assets/demo/plan.json");

#[derive(Deserialize)]
struct DemoContent {
    projects: Vec<DemoProject>,
}

#[derive(Deserialize)]
struct DemoProject {
    name: String,
    start_date: NaiveDate,
    calendar: String,
    description: String,
}

fn content() -> Result<DemoContent, serde_json::Error> {
    serde_json::from_str(DEMO_JSON)
}

/// One predecessor written as `D3`, `K2SS+2`, `T5FF`, `A1-1` (code, link type, lag in days).
fn parse_predecessor(text: &str) -> Option<(String, LinkKind, i64)> {
    let text = text.trim();
    let code_len = text
        .char_indices()
        .find(|(i, c)| {
            *i > 0 && !c.is_ascii_digit() && text[..*i].chars().any(|d| d.is_ascii_digit())
        })
        .map_or(text.len(), |(i, _)| i);
    let (code, rest) = text.split_at(code_len);
    let (kind, lag) = match rest.get(..2).and_then(LinkKind::from_code) {
        Some(k) => (k, &rest[2..]),
        None => (LinkKind::FinishToStart, rest),
    };
    let lag_days: i64 = if lag.is_empty() {
        0
    } else {
        lag.trim_start_matches('+').parse().ok()?
    };
    (!code.is_empty()).then(|| (code.to_owned(), kind, lag_days))
}

/// Progress reported on a demo plan: working days late (finished tasks) and behind
/// (tasks under way), by task position in the draft.
#[derive(Clone, Debug, Default)]
struct DemoProgress {
    slips: HashMap<usize, i64>,
    behind: HashMap<usize, i64>,
}

/// A demo plan: its project's name, the plan, the progress reported on it.
type DemoPlan = (String, PlanDraft, DemoProgress);

/// The demo's plans and the status date their progress is reported to.
fn plan_drafts() -> Result<(NaiveDate, Vec<DemoPlan>), String> {
    let doc: serde_json::Value = serde_json::from_str(DEMO_PLAN_JSON).map_err(|e| e.to_string())?;
    let status = doc["status_date"]
        .as_str()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .ok_or("no status date")?;
    let plans = doc["plans"]
        .as_array()
        .ok_or("no plans")?
        .iter()
        .map(plan_draft)
        .collect::<Result<Vec<_>, String>>()?;
    Ok((status, plans))
}

/// One demo plan: tasks nested under summaries, linked by their codes.
fn plan_draft(doc: &serde_json::Value) -> Result<DemoPlan, String> {
    let project = doc["project"].as_str().ok_or("no project name")?.to_owned();
    let mut draft = PlanDraft::default();
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut pending: Vec<(usize, String)> = Vec::new();
    fn walk(
        items: &[serde_json::Value],
        parent: Option<usize>,
        draft: &mut PlanDraft,
        codes: &mut HashMap<String, usize>,
        pending: &mut Vec<(usize, String)>,
    ) -> Result<(), String> {
        for item in items {
            let code = item[0].as_str().ok_or("a task without a code")?;
            let name = item[1].as_str().ok_or("a task without a name")?;
            let days = item[2].as_i64();
            let index = draft.tasks.len();
            draft.tasks.push(DraftTask {
                fields: TaskFields {
                    name: name.to_owned(),
                    position: index as i64 + 1,
                    duration_minutes: days.unwrap_or(0) * 480,
                    milestone: days == Some(0),
                    ..TaskFields::default()
                },
                parent,
                calendar: None,
            });
            codes.insert(code.to_owned(), index);
            pending.push((index, item[3].as_str().unwrap_or("").to_owned()));
            if let Some(children) = item.get(4).and_then(|c| c.as_array()) {
                walk(children, Some(index), draft, codes, pending)?;
            }
        }
        Ok(())
    }
    walk(
        doc["tasks"].as_array().ok_or("no tasks")?,
        None,
        &mut draft,
        &mut codes,
        &mut pending,
    )?;
    // Deadlines by code, as local date-times.
    if let Some(deadlines) = doc["deadlines"].as_object() {
        for (code, at) in deadlines {
            let index = *codes.get(code).ok_or("a deadline for an unknown code")?;
            let at = at
                .as_str()
                .and_then(|t| chrono::NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M:%S").ok())
                .ok_or("a deadline that is not a date-time")?;
            draft.tasks[index].fields.deadline = Some(at);
        }
    }
    estimates(doc, &codes, &mut draft)?;
    // People, and who does which task: the longest code prefix in "assign" wins.
    let people: Vec<String> = doc["people"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p[0].as_str().map(str::to_owned))
        .collect();
    for name in &people {
        draft.resources.push(crate::model::plan::DraftResource {
            name: name.clone(),
            max_units: 100,
            calendar: None,
            source_uid: None,
        });
    }
    let assign = doc["assign"].as_object().cloned().unwrap_or_default();
    for (code, &index) in &codes {
        let t = &draft.tasks[index].fields;
        if t.milestone || t.duration_minutes == 0 {
            continue;
        }
        let person = assign
            .iter()
            .filter(|(prefix, _)| code.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
            .and_then(|(_, who)| who.as_str());
        if let Some(who) = person {
            let resource = people
                .iter()
                .position(|p| p == who)
                .ok_or_else(|| format!("unknown person {who}"))?;
            draft.assignments.push(crate::model::plan::DraftAssignment {
                task: index,
                resource,
                units: 100,
                work_minutes: None,
            });
        }
    }
    for (successor, preds) in pending {
        for p in preds.split(',').filter(|p| !p.trim().is_empty()) {
            let (code, kind, lag_days) =
                parse_predecessor(p).ok_or_else(|| format!("bad predecessor {p:?}"))?;
            let predecessor = *codes
                .get(&code)
                .ok_or_else(|| format!("unknown task code {code}"))?;
            draft.dependencies.push(DraftDependency {
                predecessor,
                successor,
                kind,
                lag: lag_days * 480,
                lag_unit: TimeUnit::Days,
                lag_elapsed: false,
            });
        }
    }
    let by_code = |key: &str| -> Result<HashMap<usize, i64>, String> {
        let mut out = HashMap::new();
        for (code, days) in doc["progress"][key].as_object().into_iter().flatten() {
            let index = *codes
                .get(code)
                .ok_or_else(|| format!("progress for an unknown code {code}"))?;
            out.insert(index, days.as_i64().ok_or("progress days must be whole")?);
        }
        Ok(out)
    };
    let progress = DemoProgress {
        slips: by_code("slips")?,
        behind: by_code("behind")?,
    };
    Ok((project, draft, progress))
}

/// Three-point estimates: a range around the planned duration by code prefix (the
/// longest wins), then exact ones by code (in working days).
fn estimates(
    doc: &serde_json::Value,
    codes: &HashMap<String, usize>,
    draft: &mut PlanDraft,
) -> Result<(), String> {
    use crate::model::estimate::{Distribution, Estimate};
    let distribution = |v: &serde_json::Value| {
        v.as_str()
            .and_then(Distribution::parse)
            .ok_or_else(|| format!("unknown distribution {v}"))
    };
    let ranges = doc["estimate_ranges"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (code, &index) in codes {
        let fields = &mut draft.tasks[index].fields;
        if fields.milestone || fields.duration_minutes == 0 {
            continue;
        }
        let Some((_, range)) = ranges
            .iter()
            .filter(|(prefix, _)| code.starts_with(prefix.as_str()))
            .max_by_key(|(prefix, _)| prefix.len())
        else {
            continue;
        };
        let (low, high) = (range[0].as_i64(), range[1].as_i64());
        let (Some(low), Some(high)) = (low, high) else {
            return Err(format!("a bad estimate range for {code}"));
        };
        fields.estimate = Some(Estimate::from_range(
            fields.duration_minutes,
            low,
            high,
            distribution(&range[2])?,
        ));
    }
    for (code, e) in doc["estimates"].as_object().into_iter().flatten() {
        let index = *codes
            .get(code)
            .ok_or_else(|| format!("an estimate for an unknown code {code}"))?;
        let day = |i: usize| {
            e[i].as_f64()
                .map(|d| (d * 480.0).round() as i64)
                .ok_or_else(|| format!("a bad estimate for {code}"))
        };
        let estimate = Estimate {
            optimistic: day(0)?,
            most_likely: day(1)?,
            pessimistic: day(2)?,
            distribution: distribution(&e[3])?,
        };
        estimate
            .check()
            .map_err(|p| format!("the estimate for {code}: {p}"))?;
        draft.tasks[index].fields.estimate = Some(estimate);
    }
    Ok(())
}

/// Reports progress up to the end of `status`, as a PM updating the plan that day:
/// tasks the schedule (with the progress so far) puts before it are done, late by
/// their slip; a task under way has done the work up to it less what it is behind,
/// its rest resuming after the status date. Rescheduled after each task, so one
/// task's slip moves those after it.
fn report_progress(
    plan: &mut crate::model::plan::Plan,
    start: NaiveDate,
    calendar: &crate::model::work_calendar::WorkCalendar,
    status: NaiveDate,
    progress: &DemoProgress,
    first_task: i64,
) -> Result<(), crate::model::plan::PlanError> {
    use crate::model::work_calendar::WorkAxis;
    let origin = start - chrono::Duration::days(7);
    let mut axis = WorkAxis::new(calendar, origin);
    let status_end =
        axis.offset((status + chrono::Duration::days(1)).and_time(chrono::NaiveTime::MIN));
    let summaries: std::collections::HashSet<_> =
        plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    let mut leaves: Vec<usize> = (0..plan.tasks.len())
        .filter(|&i| !summaries.contains(&plan.tasks[i].id))
        .collect();
    leaves.sort_by_key(|&i| (plan.tasks[i].fields.start, plan.tasks[i].fields.position));
    for i in leaves {
        let schedule = schedule_plan(start, calendar, &plan.tasks, &plan.dependencies, 0)?;
        let Some(s) = schedule.iter().find(|s| s.task == plan.tasks[i].id) else {
            continue;
        };
        let (es, ef) = (axis.offset(s.early_start), axis.offset(s.early_finish));
        if es >= status_end {
            continue;
        }
        let position = (plan.tasks[i].id.0 - first_task) as usize;
        let f = &mut plan.tasks[i].fields;
        f.actual_start = Some(s.early_start);
        let slip = progress.slips.get(&position).copied().unwrap_or(0) * 480;
        if ef + slip <= status_end {
            f.actual_finish = axis.finish_at(ef + slip).or(Some(s.early_finish));
            f.duration_minutes += slip;
            f.percent_complete = 100;
            continue;
        }
        let behind = progress.behind.get(&position).copied().unwrap_or(0) * 480;
        let duration = f.duration_minutes.max(1);
        let done = (status_end - es - behind).clamp(0, duration);
        f.percent_complete = (done * 100 / duration).clamp(1, 99) as u8;
        if behind > 0 {
            f.resume = axis.start_at(status_end);
        }
    }
    Ok(())
}

/// The demo's projects, each with its plan scheduled, baseline 0 saved and progress
/// reported to the status date (which the project keeps), with the ids a fresh
/// workspace gives them.
pub(super) fn projects() -> Result<Vec<SeedProject>, DemoError> {
    let content = content().map_err(|e| DemoError(format!("workspace.json: {e}")))?;
    let bad = |e: String| DemoError(format!("plan.json: {e}"));
    let (status, plans) = plan_drafts().map_err(bad)?;
    let mut out: Vec<SeedProject> = content
        .projects
        .into_iter()
        .enumerate()
        .map(|(i, p)| SeedProject {
            project: Project {
                id: ProjectId(i as i64 + 1),
                fields: ProjectFields {
                    name: p.name,
                    start_date: p.start_date,
                    calendar: CalendarId(0),
                    description: p.description,
                    critical_slack_minutes: 0,
                    start_time: None,
                    status_date: None,
                },
                created_at: String::new(),
            },
            calendar: BuiltinCalendar::from_key(&p.calendar).unwrap_or(BuiltinCalendar::Standard),
            plan: Plan::default(),
        })
        .collect();
    let mut first = Seed::FIRST_IDS;
    for (project_name, draft, progress) in plans {
        let seeded = out
            .iter_mut()
            .find(|p| p.project.fields.name == project_name)
            .ok_or_else(|| bad(format!("no project named {project_name}")))?;
        let start = seeded.project.fields.start_date;
        let calendar = WorkCalendar::builtin(seeded.calendar);
        let mut plan = draft.with_ids(seeded.project.id, first).map_err(bad)?;
        first = FirstIds {
            calendar: first.calendar + plan.calendars.len() as i64,
            task: first.task + plan.tasks.len() as i64,
            dependency: first.dependency + plan.dependencies.len() as i64,
            resource: first.resource + plan.resources.len() as i64,
            assignment: first.assignment + plan.assignments.len() as i64,
        };
        let scheduled = |plan: &mut Plan| -> Result<(), DemoError> {
            let schedule = schedule_plan(start, &calendar, &plan.tasks, &plan.dependencies, 0)
                .map_err(|e| bad(e.to_string()))?;
            for (task, s) in plan.tasks.iter_mut().zip(&schedule) {
                if task.id == s.task {
                    task.fields.start = Some(s.early_start);
                    task.fields.finish = Some(s.early_finish);
                }
            }
            Ok(())
        };
        scheduled(&mut plan)?;
        // The plan as first approved is baseline 0, to compare against later.
        plan.baselines = plan
            .tasks
            .iter()
            .map(|t| crate::model::BaselineEntry {
                number: 0,
                task: t.id,
                start: t.fields.start,
                finish: t.fields.finish,
                duration_minutes: t.fields.duration_minutes,
            })
            .collect();
        if start <= status {
            let first_task = plan.tasks.first().map_or(0, |t| t.id.0);
            report_progress(&mut plan, start, &calendar, status, &progress, first_task)
                .map_err(|e| bad(e.to_string()))?;
            scheduled(&mut plan)?;
            seeded.project.fields.status_date = Some(status);
        }
        seeded.plan = plan;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::model::schedule::LinkKind;
    #[test]
    fn the_demo_plan_is_a_real_plan() {
        let (_, plans) = super::plan_drafts().expect("demo plans parse");
        assert_eq!(plans.len(), 4, "every demo project has a plan");
        let (project, draft, _) = plans.into_iter().next().expect("the first plan");
        assert_eq!(project, "智能客服 App 2.0");
        assert!(draft.tasks.len() >= 60, "{}", draft.tasks.len());
        for phase in ["调研", "需求", "设计", "开发", "测试", "发布"] {
            assert!(
                draft
                    .tasks
                    .iter()
                    .any(|t| t.fields.name == phase && t.parent.is_none()),
                "{phase}"
            );
        }
        assert!(draft.tasks.iter().filter(|t| t.fields.milestone).count() >= 6);
        assert!(draft.dependencies.len() >= 60);
        assert!(
            draft
                .dependencies
                .iter()
                .any(|d| d.kind == LinkKind::StartToStart && d.lag > 0)
        );
        assert_eq!(draft.resources.len(), 8);
        let work = draft
            .tasks
            .iter()
            .filter(|t| t.fields.duration_minutes > 0 && !t.fields.milestone)
            .count();
        assert_eq!(draft.assignments.len(), work, "every work task has someone");
    }

    #[test]
    fn predecessors_in_short_form() {
        use super::parse_predecessor as p;
        assert_eq!(p("D3"), Some(("D3".into(), LinkKind::FinishToStart, 0)));
        assert_eq!(p("K2SS+2"), Some(("K2".into(), LinkKind::StartToStart, 2)));
        assert_eq!(p("T5FF"), Some(("T5".into(), LinkKind::FinishToFinish, 0)));
        assert_eq!(p("A1-1"), Some(("A1".into(), LinkKind::FinishToStart, -1)));
        assert_eq!(p("A1+x"), None);
    }

    #[test]
    fn bundled_demo_content_parses() {
        let c = super::content().expect("demo JSON parses");
        assert!(c.projects.len() >= 3);
        for p in &c.projects {
            assert!(
                crate::model::BuiltinCalendar::from_key(&p.calendar).is_some(),
                "{}",
                p.name
            );
        }
    }
}
