//! Resolving changes to tasks and dependencies into edits: where a new task goes, what
//! a delete takes with it, what indent and outdent do to the outline, and refusing a
//! link that would close a cycle.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, Transaction};

use super::error::{StoreError, StoreResult, sql};
use super::plan_rows;
use crate::model::plan::POSITION_STEP;
use crate::model::schedule::LinkKind;
use crate::model::{Dependency, DependencyId, Edit, ProjectId, Task, TaskFields, TaskId, TimeUnit};

fn load_task(tx: &Transaction<'_>, id: TaskId) -> StoreResult<Task> {
    plan_rows::task(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| {
            StoreError::InvalidPlan(format!(
                "task {} does not exist (it may have been deleted)",
                id.0
            ))
        })
}

fn checked_name(fields: &mut TaskFields) -> StoreResult<()> {
    fields.name = fields.name.trim().to_owned();
    if fields.name.is_empty() {
        return Err(StoreError::InvalidPlan("a task needs a name".into()));
    }
    if fields.duration_minutes < 0 {
        return Err(StoreError::InvalidPlan(
            "a duration cannot be negative".into(),
        ));
    }
    fields.percent_complete = fields.percent_complete.min(100);
    Ok(())
}

/// The position after `task` and its whole subtree, and the position of whatever follows.
fn gap_after(tasks: &[Task], index: usize) -> (i64, Option<i64>) {
    let depth_of = |i: usize| {
        let mut d = 0;
        let mut p = tasks[i].fields.parent;
        while let Some(id) = p {
            d += 1;
            p = tasks
                .iter()
                .find(|t| t.id == id)
                .and_then(|t| t.fields.parent);
        }
        d
    };
    let d = depth_of(index);
    let mut end = index;
    while end + 1 < tasks.len() && depth_of(end + 1) > d {
        end += 1;
    }
    (
        tasks[end].fields.position,
        tasks.get(end + 1).map(|t| t.fields.position),
    )
}

/// A new task after `after` (its next sibling, below its subtree) or at the end. When
/// there is no room between two positions, the project is renumbered in the same edit.
pub(super) fn add_task(
    tx: &Transaction<'_>,
    project: ProjectId,
    after: Option<TaskId>,
    mut fields: TaskFields,
) -> StoreResult<Edit> {
    checked_name(&mut fields)?;
    let tasks = plan_rows::tasks(tx, project).map_err(|e| sql(e, tx))?;
    let mut edits = Vec::new();
    let (parent, position) = match after.and_then(|a| tasks.iter().position(|t| t.id == a)) {
        Some(i) => {
            let (low, high) = gap_after(&tasks, i);
            match high {
                Some(h) if h - low < 2 => {
                    // Renumber everything, then place the new task in the fresh gap.
                    for (k, t) in tasks.iter().enumerate() {
                        let mut f = t.fields.clone();
                        f.position = (k as i64 + 1) * POSITION_STEP;
                        if f != t.fields {
                            edits.push(Edit::UpdateTask {
                                id: t.id,
                                before: t.fields.clone(),
                                after: f,
                            });
                        }
                    }
                    let renumbered = tasks
                        .iter()
                        .position(|t| t.fields.position == low)
                        .unwrap_or(i);
                    (
                        tasks[i].fields.parent,
                        (renumbered as i64 + 1) * POSITION_STEP + POSITION_STEP / 2,
                    )
                }
                Some(h) => (tasks[i].fields.parent, low + (h - low) / 2),
                None => (tasks[i].fields.parent, low + POSITION_STEP),
            }
        }
        None => (
            None,
            tasks
                .last()
                .map_or(POSITION_STEP, |t| t.fields.position + POSITION_STEP),
        ),
    };
    fields.parent = parent;
    fields.position = position;
    let id = TaskId(plan_rows::next_id(tx, "tasks").map_err(|e| sql(e, tx))?);
    edits.push(Edit::InsertTasks {
        project,
        tasks: vec![Task {
            id,
            project,
            fields,
        }],
        dependencies: Vec::new(),
        assignments: Vec::new(),
        baselines: Vec::new(),
    });
    Ok(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch { edits }
    })
}

/// New field values; the outline place (parent, position) is kept.
/// Estimates as a range around each unfinished work task's duration, one edit.
pub(super) fn set_estimates(
    tx: &Transaction<'_>,
    project: ProjectId,
    only: &[TaskId],
    (low, high): (i64, i64),
    distribution: crate::model::estimate::Distribution,
    overwrite: bool,
) -> StoreResult<Edit> {
    if low > 0 || high < 0 || low < -100 {
        return Err(StoreError::InvalidPlan(
            "an estimate range runs from -100 % to 0 % below and from 0 % up".into(),
        ));
    }
    let tasks = plan_rows::tasks(tx, project).map_err(|e| sql(e, tx))?;
    let summaries: std::collections::HashSet<TaskId> =
        tasks.iter().filter_map(|t| t.fields.parent).collect();
    let edits: Vec<Edit> = tasks
        .iter()
        .filter(|t| !summaries.contains(&t.id))
        .filter(|t| only.is_empty() || only.contains(&t.id))
        .filter(|t| !t.fields.milestone && t.fields.duration_minutes > 0)
        .filter(|t| t.fields.actual_finish.is_none())
        .filter(|t| overwrite || t.fields.estimate.is_none())
        .map(|t| {
            let mut after = t.fields.clone();
            after.estimate = Some(crate::model::estimate::Estimate::from_range(
                t.fields.duration_minutes,
                low,
                high,
                distribution,
            ));
            Edit::UpdateTask {
                id: t.id,
                before: t.fields.clone(),
                after,
            }
        })
        .filter(|e| matches!(e, Edit::UpdateTask { before, after, .. } if before != after))
        .collect();
    Ok(Edit::Batch { edits })
}

pub(super) fn update_task(
    tx: &Transaction<'_>,
    id: TaskId,
    mut fields: TaskFields,
) -> StoreResult<Edit> {
    let before = load_task(tx, id)?.fields;
    checked_name(&mut fields)?;
    fields.parent = before.parent;
    fields.position = before.position;
    // Progress implies actual dates, as MS Project records them: work under way has
    // started; finished work has finished; back to 0 % forgets both.
    if fields.percent_complete == 0 && before.percent_complete > 0 {
        fields.actual_start = None;
        fields.actual_finish = None;
    }
    if fields.percent_complete > 0 && fields.actual_start.is_none() {
        fields.actual_start = fields.start;
    }
    if fields.percent_complete == 100 && fields.actual_finish.is_none() {
        fields.actual_finish = fields.finish;
    }
    if fields.percent_complete < 100 {
        fields.actual_finish = None;
    }
    Ok(Edit::UpdateTask {
        id,
        before,
        after: fields,
    })
}

/// The tasks with their subtrees, and every dependency touching them.
pub(super) fn delete_tasks(tx: &Transaction<'_>, ids: &[TaskId]) -> StoreResult<Edit> {
    let Some(first) = ids.first() else {
        return Err(StoreError::InvalidPlan("no task to delete".into()));
    };
    let project = load_task(tx, *first)?.project;
    let all = plan_rows::tasks(tx, project).map_err(|e| sql(e, tx))?;
    let mut doomed: HashSet<TaskId> = HashSet::new();
    for id in ids {
        if !all.iter().any(|t| t.id == *id) {
            return Err(StoreError::InvalidPlan(
                "the tasks to delete are not all in one project".into(),
            ));
        }
        doomed.insert(*id);
    }
    // Subtasks go with their summary (the list is in outline order, parents first).
    for t in &all {
        if t.fields.parent.is_some_and(|p| doomed.contains(&p)) {
            doomed.insert(t.id);
        }
    }
    let tasks: Vec<Task> = all.into_iter().filter(|t| doomed.contains(&t.id)).collect();
    let dependencies = plan_rows::dependencies(tx, project)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|d| doomed.contains(&d.predecessor) || doomed.contains(&d.successor))
        .collect();
    let assignments = plan_rows::assignments(tx, project)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|a| doomed.contains(&a.task))
        .collect();
    let baselines = plan_rows::baselines(tx, project)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|b| doomed.contains(&b.task))
        .collect();
    Ok(Edit::RemoveTasks {
        project,
        tasks,
        dependencies,
        assignments,
        baselines,
    })
}

/// Who works on a task, by name: unknown names become new resources (full time).
pub(super) fn assign_resources(
    tx: &Transaction<'_>,
    task: TaskId,
    by_name: &[(String, u32)],
) -> StoreResult<Edit> {
    let target = load_task(tx, task)?;
    let mut known = plan_rows::resources(tx, target.project).map_err(|e| sql(e, tx))?;
    let mut new_resources = Vec::new();
    let mut next_resource = plan_rows::next_id(tx, "resources").map_err(|e| sql(e, tx))?;
    let mut next_assignment = plan_rows::next_id(tx, "assignments").map_err(|e| sql(e, tx))?;
    let mut after: Vec<crate::model::Assignment> = Vec::new();
    for (name, units) in by_name {
        let name = name.trim();
        if name.is_empty() {
            continue;
        }
        if *units == 0 || *units > 10_000 {
            return Err(StoreError::InvalidPlan(format!(
                "{name}: units must be between 1% and 10000%"
            )));
        }
        let resource = match known.iter().find(|r| r.name == name) {
            Some(r) => r.id,
            None => {
                let r = crate::model::Resource {
                    id: crate::model::ResourceId(next_resource),
                    project: target.project,
                    name: name.to_owned(),
                    max_units: 100,
                    calendar: None,
                    source_uid: None,
                };
                next_resource += 1;
                known.push(r.clone());
                new_resources.push(r.clone());
                r.id
            }
        };
        if after.iter().any(|a| a.resource == resource) {
            continue;
        }
        after.push(crate::model::Assignment {
            id: next_assignment,
            project: target.project,
            task,
            resource,
            units: *units,
            work_minutes: None,
        });
        next_assignment += 1;
    }
    let before: Vec<crate::model::Assignment> = plan_rows::assignments(tx, target.project)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|a| a.task == task)
        .collect();
    // Keep the ids of unchanged assignments, so the history only holds what changed.
    let same = |a: &crate::model::Assignment, b: &crate::model::Assignment| {
        a.resource == b.resource && a.units == b.units
    };
    if before.len() == after.len() && before.iter().zip(&after).all(|(a, b)| same(a, b)) {
        return Ok(Edit::Batch { edits: Vec::new() });
    }
    let mut edits = Vec::new();
    if !new_resources.is_empty() {
        edits.push(Edit::InsertResources {
            resources: new_resources,
        });
    }
    edits.push(Edit::ReplaceAssignments {
        task,
        before,
        after,
    });
    Ok(Edit::Batch { edits })
}

/// A person's name, capacity and calendar. Names stay unique within the project, as
/// assignments find people by name.
pub(super) fn update_resource(
    tx: &Transaction<'_>,
    id: crate::model::ResourceId,
    name: String,
    max_units: u32,
    calendar: Option<crate::model::CalendarId>,
) -> StoreResult<Edit> {
    let project: i64 = tx
        .query_row(
            "SELECT project_id FROM resources WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .optional()
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| StoreError::InvalidPlan("the resource does not exist".into()))?;
    let resources = plan_rows::resources(tx, ProjectId(project)).map_err(|e| sql(e, tx))?;
    let Some(before) = resources.iter().find(|r| r.id == id).cloned() else {
        return Err(StoreError::InvalidPlan(
            "the resource does not exist".into(),
        ));
    };
    let name = name.trim().to_owned();
    if name.is_empty() {
        return Err(StoreError::InvalidPlan("a resource needs a name".into()));
    }
    if resources.iter().any(|r| r.id != id && r.name == name) {
        return Err(StoreError::InvalidPlan(format!(
            "a resource named “{name}” already exists in this project"
        )));
    }
    if max_units == 0 || max_units > 10_000 {
        return Err(StoreError::InvalidPlan(format!(
            "{name}: capacity must be between 1% and 10000%"
        )));
    }
    if let Some(c) = calendar
        && plan_rows::work_calendar(tx, c)
            .map_err(|e| sql(e, tx))?
            .is_none()
    {
        return Err(crate::model::ProjectProblem::UnknownCalendar.into());
    }
    let after = crate::model::Resource {
        name,
        max_units,
        calendar,
        ..before.clone()
    };
    if after == before {
        return Ok(Edit::Batch { edits: Vec::new() });
    }
    Ok(Edit::UpdateResource { before, after })
}

/// Baseline `number` from every task's stored dates, or cleared (`set` false).
pub(super) fn baseline(
    tx: &Transaction<'_>,
    project: ProjectId,
    number: u8,
    set: bool,
) -> StoreResult<Edit> {
    if number > crate::model::resource::MAX_BASELINE {
        return Err(StoreError::InvalidPlan(format!(
            "there is no baseline {number} (0 to 10)"
        )));
    }
    let before: Vec<crate::model::BaselineEntry> = plan_rows::baselines(tx, project)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|b| b.number == number)
        .collect();
    let after = if set {
        plan_rows::tasks(tx, project)
            .map_err(|e| sql(e, tx))?
            .into_iter()
            .map(|t| crate::model::BaselineEntry {
                number,
                task: t.id,
                start: t.fields.start,
                finish: t.fields.finish,
                duration_minutes: t.fields.duration_minutes,
            })
            .collect()
    } else {
        Vec::new()
    };
    if before == after {
        return Ok(Edit::Batch { edits: Vec::new() });
    }
    Ok(Edit::SetBaseline {
        project,
        number,
        before,
        after,
    })
}

/// Indent: the task joins the task above it at its level as a subtask.
pub(super) fn indent(tx: &Transaction<'_>, id: TaskId) -> StoreResult<Edit> {
    let task = load_task(tx, id)?;
    let tasks = plan_rows::tasks(tx, task.project).map_err(|e| sql(e, tx))?;
    let i = tasks.iter().position(|t| t.id == id).unwrap_or(0);
    let new_parent = tasks[..i]
        .iter()
        .rev()
        .find(|t| t.fields.parent == task.fields.parent)
        .ok_or_else(|| {
            StoreError::InvalidPlan(
                "there is no task above at the same level to indent under".into(),
            )
        })?;
    // The outline may not grow deeper than a plan can have.
    let index: std::collections::HashMap<TaskId, usize> =
        tasks.iter().enumerate().map(|(k, t)| (t.id, k)).collect();
    let parents: Vec<Option<usize>> = tasks
        .iter()
        .map(|t| {
            if t.id == id {
                index.get(&new_parent.id).copied()
            } else {
                t.fields.parent.and_then(|p| index.get(&p).copied())
            }
        })
        .collect();
    let deepest = crate::model::tree::depths(&parents)
        .into_iter()
        .max()
        .unwrap_or(0);
    if deepest >= crate::model::plan::MAX_OUTLINE_LEVELS {
        return Err(StoreError::InvalidPlan(format!(
            "a plan has at most {} outline levels",
            crate::model::plan::MAX_OUTLINE_LEVELS
        )));
    }
    let mut after = task.fields.clone();
    after.parent = Some(new_parent.id);
    Ok(Edit::UpdateTask {
        id,
        before: task.fields,
        after,
    })
}

/// Outdent: the task moves up a level; the siblings below it become its subtasks.
pub(super) fn outdent(tx: &Transaction<'_>, id: TaskId) -> StoreResult<Edit> {
    let task = load_task(tx, id)?;
    let Some(parent_id) = task.fields.parent else {
        return Err(StoreError::InvalidPlan(
            "the task is already at the top level".into(),
        ));
    };
    let parent = load_task(tx, parent_id)?;
    let tasks = plan_rows::tasks(tx, task.project).map_err(|e| sql(e, tx))?;
    let mut edits = Vec::new();
    let mut after = task.fields.clone();
    after.parent = parent.fields.parent;
    edits.push(Edit::UpdateTask {
        id,
        before: task.fields.clone(),
        after,
    });
    for t in tasks
        .iter()
        .filter(|t| t.fields.parent == Some(parent_id) && t.fields.position > task.fields.position)
    {
        let mut f = t.fields.clone();
        f.parent = Some(id);
        edits.push(Edit::UpdateTask {
            id: t.id,
            before: t.fields.clone(),
            after: f,
        });
    }
    Ok(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch { edits }
    })
}

/// A dependency, unless it joins a task to itself or its own summary, repeats one, or
/// closes a cycle (the error names the tasks on it).
pub(super) fn link(
    tx: &Transaction<'_>,
    predecessor: TaskId,
    successor: TaskId,
    kind: LinkKind,
    lag: i64,
    lag_unit: TimeUnit,
) -> StoreResult<Edit> {
    let pred = load_task(tx, predecessor)?;
    let succ = load_task(tx, successor)?;
    if pred.project != succ.project {
        return Err(StoreError::InvalidPlan(
            "a dependency joins tasks of one project".into(),
        ));
    }
    if predecessor == successor {
        return Err(StoreError::InvalidPlan(
            "a task cannot depend on itself".into(),
        ));
    }
    let tasks = plan_rows::tasks(tx, pred.project).map_err(|e| sql(e, tx))?;
    let parent: HashMap<TaskId, Option<TaskId>> =
        tasks.iter().map(|t| (t.id, t.fields.parent)).collect();
    let is_ancestor = |a: TaskId, mut of: TaskId| {
        while let Some(Some(p)) = parent.get(&of) {
            if *p == a {
                return true;
            }
            of = *p;
        }
        false
    };
    if is_ancestor(predecessor, successor) || is_ancestor(successor, predecessor) {
        return Err(StoreError::InvalidPlan(
            "a summary task cannot be linked to its own subtasks".into(),
        ));
    }
    let existing = plan_rows::dependencies(tx, pred.project).map_err(|e| sql(e, tx))?;
    if existing
        .iter()
        .any(|d| d.predecessor == predecessor && d.successor == successor)
    {
        return Err(StoreError::InvalidPlan(
            "these two tasks are already linked".into(),
        ));
    }
    refuse_cycle(&existing, &tasks, predecessor, successor)?;
    let id = DependencyId(plan_rows::next_id(tx, "dependencies").map_err(|e| sql(e, tx))?);
    Ok(Edit::InsertTasks {
        project: pred.project,
        tasks: Vec::new(),
        dependencies: vec![Dependency {
            id,
            project: pred.project,
            predecessor,
            successor,
            kind,
            lag,
            lag_unit,
            lag_elapsed: false,
        }],
        assignments: Vec::new(),
        baselines: Vec::new(),
    })
}

/// Removes one dependency.
pub(super) fn unlink(tx: &Transaction<'_>, id: DependencyId) -> StoreResult<Edit> {
    let project: i64 = tx
        .query_row(
            "SELECT project_id FROM dependencies WHERE id = ?1",
            [id.0],
            |r| r.get(0),
        )
        .map_err(|_| StoreError::InvalidPlan("the dependency does not exist".into()))?;
    let dependency = plan_rows::dependencies(tx, ProjectId(project))
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| StoreError::InvalidPlan("the dependency does not exist".into()))?;
    Ok(Edit::RemoveTasks {
        project: ProjectId(project),
        tasks: Vec::new(),
        dependencies: vec![dependency],
        assignments: Vec::new(),
        baselines: Vec::new(),
    })
}

/// Errors when `successor` already reaches `predecessor` through `links`: adding
/// predecessor → successor would close a cycle. The error names the tasks on it.
fn refuse_cycle(
    links: &[Dependency],
    tasks: &[Task],
    predecessor: TaskId,
    successor: TaskId,
) -> StoreResult<()> {
    let mut next: HashMap<TaskId, Vec<TaskId>> = HashMap::new();
    for d in links {
        next.entry(d.predecessor).or_default().push(d.successor);
    }
    let mut came_from: HashMap<TaskId, TaskId> = HashMap::new();
    let mut stack = vec![successor];
    let mut seen = HashSet::from([successor]);
    while let Some(t) = stack.pop() {
        if t == predecessor {
            let mut path = vec![predecessor];
            let mut at = predecessor;
            while let Some(&p) = came_from.get(&at) {
                path.push(p);
                at = p;
            }
            path.reverse();
            let name = |id: TaskId| {
                tasks
                    .iter()
                    .find(|t| t.id == id)
                    .map(|t| t.fields.name.clone())
                    .unwrap_or_default()
            };
            return Err(StoreError::Cycle(path.into_iter().map(name).collect()));
        }
        for &n in next.get(&t).map(Vec::as_slice).unwrap_or_default() {
            if seen.insert(n) {
                came_from.insert(n, t);
                stack.push(n);
            }
        }
    }
    Ok(())
}

/// Replaces all predecessors of a task in one edit, checking each new link.
pub(super) fn set_predecessors(
    tx: &Transaction<'_>,
    task: TaskId,
    specs: &[crate::model::PredecessorSpec],
) -> StoreResult<Edit> {
    let target = load_task(tx, task)?;
    let tasks = plan_rows::tasks(tx, target.project).map_err(|e| sql(e, tx))?;
    let all = plan_rows::dependencies(tx, target.project).map_err(|e| sql(e, tx))?;
    let (old, mut kept): (Vec<Dependency>, Vec<Dependency>) =
        all.into_iter().partition(|d| d.successor == task);
    let mut next_id = plan_rows::next_id(tx, "dependencies").map_err(|e| sql(e, tx))?;
    let mut added = Vec::new();
    for s in specs {
        if s.predecessor == task {
            return Err(StoreError::InvalidPlan(
                "a task cannot depend on itself".into(),
            ));
        }
        if !tasks.iter().any(|t| t.id == s.predecessor) {
            return Err(StoreError::InvalidPlan(
                "a predecessor is not a task of this project".into(),
            ));
        }
        if added
            .iter()
            .any(|d: &Dependency| d.predecessor == s.predecessor)
        {
            continue;
        }
        refuse_cycle(&kept, &tasks, s.predecessor, task)?;
        let d = Dependency {
            id: DependencyId(next_id),
            project: target.project,
            predecessor: s.predecessor,
            successor: task,
            kind: s.kind,
            lag: s.lag,
            lag_unit: s.lag_unit,
            lag_elapsed: false,
        };
        next_id += 1;
        kept.push(d.clone());
        added.push(d);
    }
    // Unchanged links stay as they are (same ids), so undo history stays small.
    let unchanged = |a: &Dependency, b: &Dependency| {
        a.predecessor == b.predecessor
            && a.kind == b.kind
            && a.lag == b.lag
            && a.lag_unit == b.lag_unit
    };
    let removed: Vec<Dependency> = old
        .iter()
        .filter(|o| !added.iter().any(|a| unchanged(o, a)))
        .cloned()
        .collect();
    let inserted: Vec<Dependency> = added
        .into_iter()
        .filter(|a| !old.iter().any(|o| unchanged(o, a)))
        .collect();
    let mut edits = Vec::new();
    if !removed.is_empty() {
        edits.push(Edit::RemoveTasks {
            project: target.project,
            tasks: Vec::new(),
            dependencies: removed,
            assignments: Vec::new(),
            baselines: Vec::new(),
        });
    }
    if !inserted.is_empty() {
        edits.push(Edit::InsertTasks {
            project: target.project,
            tasks: Vec::new(),
            dependencies: inserted,
            assignments: Vec::new(),
            baselines: Vec::new(),
        });
    }
    Ok(Edit::Batch { edits })
}
