//! Work figures of the weekly report: per person, the work assigned, what the
//! baseline planned done by the period's end, what is done (work × % complete) and
//! what remains — from assignment work where a file gave it, else duration × units as
//! MS Project computes it.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{Rag, day};
use crate::model::TaskId;
use crate::model::plan::Plan;

/// One person's work, in hours.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonEffort {
    pub name: String,
    pub total: f64,
    pub planned_to_date: f64,
    pub done: f64,
}

/// The project's work, in hours, per person (most work first) and in all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Effort {
    pub people: Vec<PersonEffort>,
    pub total: f64,
    pub planned_to_date: f64,
    pub done: f64,
}

fn hours(minutes: f64) -> f64 {
    (minutes / 60.0 * 10.0).round() / 10.0
}

/// Work per person from the plan's assignments; the share planned by `end` follows
/// baseline 0 spread evenly over the task's days (none without a baseline).
pub fn effort(plan: &Plan, end: NaiveDate) -> Effort {
    let baseline: HashMap<TaskId, (Option<NaiveDate>, Option<NaiveDate>)> = plan
        .baselines
        .iter()
        .filter(|b| b.number == 0)
        .map(|b| (b.task, (day(b.start), day(b.finish))))
        .collect();
    let tasks: HashMap<TaskId, &crate::model::Task> =
        plan.tasks.iter().map(|t| (t.id, t)).collect();
    let mut by_person: HashMap<crate::model::ResourceId, (f64, f64, f64)> = HashMap::new();
    for a in &plan.assignments {
        let Some(t) = tasks.get(&a.task) else {
            continue;
        };
        let work = a.work_minutes.map_or_else(
            || t.fields.duration_minutes.max(0) as f64 * f64::from(a.units) / 100.0,
            |w| w.max(0) as f64,
        );
        let share = match baseline.get(&a.task) {
            Some((Some(s), Some(f))) if f > s => {
                let span = (*f - *s).num_days() as f64 + 1.0;
                (((end - *s).num_days() as f64 + 1.0) / span).clamp(0.0, 1.0)
            }
            Some((_, Some(f))) => f64::from(u8::from(*f <= end)),
            _ => 0.0,
        };
        let e = by_person.entry(a.resource).or_default();
        e.0 += work;
        e.1 += work * share;
        e.2 += work * f64::from(t.fields.percent_complete) / 100.0;
    }
    let mut people: Vec<PersonEffort> = plan
        .resources
        .iter()
        .filter_map(|r| {
            let (total, planned, done) = by_person.get(&r.id)?;
            Some(PersonEffort {
                name: r.name.clone(),
                total: hours(*total),
                planned_to_date: hours(*planned),
                done: hours(*done),
            })
        })
        .collect();
    people.sort_by(|a, b| b.total.total_cmp(&a.total).then(a.name.cmp(&b.name)));
    let sum = |f: fn(&(f64, f64, f64)) -> f64| hours(by_person.values().map(f).sum());
    Effort {
        total: sum(|e| e.0),
        planned_to_date: sum(|e| e.1),
        done: sum(|e| e.2),
        people,
    }
}

impl Effort {
    /// Done against planned to date, in percent (`None` when nothing was planned yet).
    pub fn index(&self) -> Option<f64> {
        (self.planned_to_date > 0.0)
            .then(|| (self.done / self.planned_to_date * 1000.0).round() / 10.0)
    }

    /// Red under 80 % of the work planned to date done, amber under 95 %, else green;
    /// `None` without assignments or a baseline.
    pub fn status(&self) -> Option<Rag> {
        let i = self.index()?;
        Some(if i < 80.0 {
            Rag::Red
        } else if i < 95.0 {
            Rag::Amber
        } else {
            Rag::Green
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::resource::{Assignment, BaselineEntry, Resource};
    use crate::model::{ProjectId, ResourceId, Task};

    #[test]
    fn work_comes_from_assignments_or_duration_times_units() {
        let d = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").ok();
        let mut plan = Plan::default();
        for (id, pct) in [(1, 100u8), (2, 0)] {
            plan.tasks.push(Task {
                id: TaskId(id),
                project: ProjectId(1),
                fields: crate::model::TaskFields {
                    name: format!("t{id}"),
                    duration_minutes: 2400, // 5 days
                    percent_complete: pct,
                    ..Default::default()
                },
            });
            plan.baselines.push(BaselineEntry {
                task: TaskId(id),
                number: 0,
                start: d("2026-11-30 08:00"),
                finish: d("2026-12-04 17:00"),
                duration_minutes: 2400,
            });
        }
        plan.resources.push(Resource {
            id: ResourceId(1),
            project: ProjectId(1),
            name: "张三".into(),
            max_units: 100,
            calendar: None,
            source_uid: None,
        });
        plan.assignments.push(Assignment {
            id: 1,
            project: ProjectId(1),
            task: TaskId(1),
            resource: ResourceId(1),
            units: 50,
            work_minutes: None,
        });
        plan.assignments.push(Assignment {
            id: 2,
            project: ProjectId(1),
            task: TaskId(2),
            resource: ResourceId(1),
            units: 100,
            work_minutes: Some(600),
        });
        let e = effort(
            &plan,
            NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
        );
        // 2400 min × 50 % = 20 h done; 600 min = 10 h, not started.
        assert_eq!((e.total, e.planned_to_date, e.done), (30.0, 30.0, 20.0));
        assert_eq!(e.people[0].name, "张三");
        assert_eq!(e.index(), Some(66.7));
        assert_eq!(e.status(), Some(Rag::Red));
    }
}
