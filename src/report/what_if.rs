//! What-if for a change request: its proposed plan changes applied to a scratch copy of
//! the project's plan and scheduled, against the plan as it is — the finish and each
//! milestone moved, the tasks that become critical. Nothing is written.

use chrono::NaiveDateTime;

use crate::model::logs::ProposedChange;
use crate::model::plan::{PlanInputs, TaskSchedule};
use crate::model::schedule::LinkKind;
use crate::model::task::MINUTES_PER_DAY;
use crate::model::work_calendar::WorkAxis;
use crate::model::{Dependency, DependencyId, Project, Task, TaskFields, TaskId, TimeUnit};

/// A milestone before and after.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneShift {
    pub name: String,
    pub before: NaiveDateTime,
    pub after: NaiveDateTime,
    /// Working days later (negative: earlier).
    pub days: f64,
}

/// The plan with the changes against the plan without them.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    pub finish_before: NaiveDateTime,
    pub finish_after: NaiveDateTime,
    pub finish_days: f64,
    pub milestones: Vec<MilestoneShift>,
    /// Tasks critical with the changes that were not before.
    pub newly_critical: Vec<String>,
    /// The critical tasks with the changes, in outline order.
    pub critical_after: Vec<String>,
}

/// Why a what-if could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WhatIfProblem {
    #[error("task {0} is not in the plan")]
    NoTask(i64),
    #[error("the changes make the plan unschedulable: {0}")]
    Unschedulable(String),
}

/// The scratch plan: `inputs` with `changes` made (new tasks get ids after the
/// plan's).
fn scratch(
    project: crate::model::ProjectId,
    inputs: &PlanInputs,
    changes: &[ProposedChange],
) -> Result<PlanInputs, WhatIfProblem> {
    let mut plan = inputs.plan.clone();
    let mut next_task = plan.tasks.iter().map(|t| t.id.0).max().unwrap_or(0) + 1;
    let mut next_link = plan.dependencies.iter().map(|d| d.id.0).max().unwrap_or(0) + 1;
    let mut link = |plan: &mut crate::model::plan::Plan, predecessor, successor| {
        plan.dependencies.push(Dependency {
            id: DependencyId(next_link),
            project,
            predecessor,
            successor,
            kind: LinkKind::FinishToStart,
            lag: 0,
            lag_unit: TimeUnit::Days,
            lag_elapsed: false,
        });
        next_link += 1;
    };
    let exists = |plan: &crate::model::plan::Plan, id: TaskId| {
        plan.tasks
            .iter()
            .any(|t| t.id == id)
            .then_some(())
            .ok_or(WhatIfProblem::NoTask(id.0))
    };
    for c in changes {
        match c {
            ProposedChange::Duration { task, minutes } => {
                let t = plan
                    .tasks
                    .iter_mut()
                    .find(|t| t.id == *task)
                    .ok_or(WhatIfProblem::NoTask(task.0))?;
                t.fields.duration_minutes = *minutes;
            }
            ProposedChange::NewTask {
                name,
                minutes,
                after,
                before,
            } => {
                let (parent, position) = match after {
                    Some(a) => {
                        let t = plan
                            .tasks
                            .iter()
                            .find(|t| t.id == *a)
                            .ok_or(WhatIfProblem::NoTask(a.0))?;
                        (t.fields.parent, t.fields.position)
                    }
                    None => (
                        None,
                        plan.tasks
                            .iter()
                            .map(|t| t.fields.position)
                            .max()
                            .unwrap_or(0),
                    ),
                };
                let id = TaskId(next_task);
                next_task += 1;
                plan.tasks.push(Task {
                    id,
                    project,
                    fields: TaskFields {
                        name: name.clone(),
                        parent,
                        // Just after its predecessor in the outline (ties sort by id).
                        position,
                        duration_minutes: *minutes,
                        milestone: *minutes == 0,
                        ..TaskFields::default()
                    },
                });
                if let Some(a) = after {
                    link(&mut plan, *a, id);
                }
                if let Some(b) = before {
                    exists(&plan, *b)?;
                    link(&mut plan, id, *b);
                }
            }
            ProposedChange::Link {
                predecessor,
                successor,
            } => {
                exists(&plan, *predecessor)?;
                exists(&plan, *successor)?;
                link(&mut plan, *predecessor, *successor);
            }
        }
    }
    plan.tasks.sort_by_key(|t| (t.fields.position, t.id));
    Ok(PlanInputs {
        plan,
        calendar: inputs.calendar.clone(),
        calendars: inputs.calendars.clone(),
    })
}

fn finish(schedule: &[TaskSchedule]) -> NaiveDateTime {
    schedule
        .iter()
        .map(|s| s.early_finish)
        .max()
        .unwrap_or_default()
}

/// The what-if of `changes` on `project`'s plan.
pub fn what_if(
    project: &Project,
    inputs: &PlanInputs,
    changes: &[ProposedChange],
) -> Result<WhatIf, WhatIfProblem> {
    let unschedulable =
        |e: crate::model::plan::PlanError| WhatIfProblem::Unschedulable(e.to_string());
    let before = inputs
        .to_schedule(project)
        .schedule()
        .map_err(unschedulable)?;
    let changed = scratch(project.id, inputs, changes)?;
    let after = changed
        .to_schedule(project)
        .schedule()
        .map_err(unschedulable)?;
    let origin = project.fields.start_date - chrono::Duration::days(400);
    let mut axis = WorkAxis::new(&inputs.calendar, origin);
    let mut days = |a: NaiveDateTime, b: NaiveDateTime| {
        (axis.offset(b) - axis.offset(a)) as f64 / MINUTES_PER_DAY as f64
    };
    let name = |plan: &crate::model::plan::Plan, id: TaskId| {
        plan.tasks
            .iter()
            .find(|t| t.id == id)
            .map(|t| t.fields.name.clone())
            .unwrap_or_default()
    };
    let mut milestones = Vec::new();
    for t in inputs.plan.tasks.iter().filter(|t| t.fields.milestone) {
        let (Some(b), Some(a)) = (
            before.iter().find(|s| s.task == t.id),
            after.iter().find(|s| s.task == t.id),
        ) else {
            continue;
        };
        milestones.push(MilestoneShift {
            name: t.fields.name.clone(),
            before: b.early_finish,
            after: a.early_finish,
            days: days(b.early_finish, a.early_finish),
        });
    }
    let was_critical: std::collections::HashSet<TaskId> = before
        .iter()
        .filter(|s| s.critical && !s.summary)
        .map(|s| s.task)
        .collect();
    let critical_after: Vec<&TaskSchedule> =
        after.iter().filter(|s| s.critical && !s.summary).collect();
    let (fb, fa) = (finish(&before), finish(&after));
    Ok(WhatIf {
        finish_before: fb,
        finish_after: fa,
        finish_days: days(fb, fa),
        milestones,
        newly_critical: critical_after
            .iter()
            .filter(|s| !was_critical.contains(&s.task))
            .map(|s| name(&changed.plan, s.task))
            .collect(),
        critical_after: critical_after
            .iter()
            .map(|s| name(&changed.plan, s.task))
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_longer_critical_task_and_a_new_one_move_the_finish_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let inputs = ws.plan_inputs(&project).unwrap_or_else(|e| panic!("{e}"));
        let schedule = ws.compute_schedule(&project).unwrap_or_default();
        // The critical task finishing last before release, five days longer.
        let critical = schedule
            .iter()
            .filter(|s| s.critical && !s.summary)
            .filter_map(|s| inputs.plan.tasks.iter().find(|t| t.id == s.task))
            .find(|t| t.fields.duration_minutes > 0 && t.fields.actual_start.is_none())
            .unwrap_or_else(|| panic!("a critical task not started"));
        let longer = ProposedChange::Duration {
            task: critical.id,
            minutes: critical.fields.duration_minutes + 5 * MINUTES_PER_DAY,
        };
        let w = what_if(&project, &inputs, std::slice::from_ref(&longer))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!((w.finish_days - 5.0).abs() < 0.01, "{w:?}");
        assert!(w.milestones.iter().any(|m| (m.days - 5.0).abs() < 0.01));
        // A new two-day task after it, before its successor: two more days.
        let successor = inputs
            .plan
            .dependencies
            .iter()
            .find(|d| d.predecessor == critical.id)
            .map(|d| d.successor);
        let new = ProposedChange::NewTask {
            name: "安全评审".into(),
            minutes: 2 * MINUTES_PER_DAY,
            after: Some(critical.id),
            before: successor,
        };
        let w = what_if(&project, &inputs, &[longer, new]).unwrap_or_else(|e| panic!("{e}"));
        assert!((w.finish_days - 7.0).abs() < 0.01, "{w:?}");
        assert!(w.newly_critical.contains(&"安全评审".to_owned()));
        // The store is untouched.
        assert_eq!(
            ws.plan(project.id).unwrap_or_default().tasks,
            inputs.plan.tasks
        );
        // A task not in the plan is named.
        let err = what_if(
            &project,
            &inputs,
            &[ProposedChange::Duration {
                task: TaskId(999_999),
                minutes: 1,
            }],
        );
        assert_eq!(err, Err(WhatIfProblem::NoTask(999_999)));
    }
}
