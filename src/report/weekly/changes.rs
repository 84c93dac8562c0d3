//! What changed in the period, read from the edit log: dates moved, tasks and
//! requirements added or removed, baselines saved — with when and who. Undone edits do
//! not count.

use std::collections::HashSet;

use chrono::Duration;

use super::{Period, Rule};
use crate::model::edit::Edit;
use crate::model::{ProjectId, TaskId};
use crate::store::{StoreResult, Workspace};

/// One change as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeLine {
    /// `YYYY-MM-DD HH:MM`.
    pub when: String,
    pub who: String,
    pub what: Rule,
    /// Whether it added or removed scope (tasks or requirements).
    pub scope: bool,
}

/// At most this many changes are listed (a reschedule of thousands of tasks is one).
const MAX: usize = 200;

/// The changes made to `project` (and to the requirement pool) in the period.
pub fn changes(
    ws: &Workspace,
    project: ProjectId,
    tasks: &HashSet<TaskId>,
    period: Period,
) -> StoreResult<Vec<ChangeLine>> {
    let from = period.from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = (period.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut out = Vec::new();
    for entry in ws.edits_between(from, to)?.iter().filter(|e| !e.undone) {
        let when: String = entry
            .applied_at
            .replace('T', " ")
            .chars()
            .take(16)
            .collect();
        let mut whats = Vec::new();
        describe(&entry.edit, project, tasks, &mut whats);
        for (what, scope) in whats {
            if out.len() >= MAX {
                return Ok(out);
            }
            out.push(ChangeLine {
                when: when.clone(),
                who: entry.author.clone(),
                what,
                scope,
            });
        }
    }
    Ok(out)
}

fn day(t: Option<chrono::NaiveDateTime>) -> String {
    t.map(|t| t.date().to_string())
        .unwrap_or_else(|| "—".into())
}

fn names(tasks: &[crate::model::Task]) -> String {
    let mut n: Vec<&str> = tasks
        .iter()
        .take(5)
        .map(|t| t.fields.name.as_str())
        .collect();
    if tasks.len() > 5 {
        n.push("…");
    }
    n.join("、")
}

fn describe(edit: &Edit, project: ProjectId, tasks: &HashSet<TaskId>, out: &mut Vec<(Rule, bool)>) {
    let t = Rule::new;
    match edit {
        Edit::Batch { edits } => {
            for e in edits {
                describe(e, project, tasks, out);
            }
        }
        Edit::UpdateTask { id, before, after } if tasks.contains(id) => {
            let (b, a) = (
                before.finish.map(|f| f.date()),
                after.finish.map(|f| f.date()),
            );
            if b != a {
                out.push((
                    t(
                        "weekly.change.finish",
                        &[
                            ("task", &after.name),
                            ("from", &day(before.finish)),
                            ("to", &day(after.finish)),
                        ],
                    ),
                    false,
                ));
            } else if before.percent_complete != after.percent_complete
                || before.actual_finish != after.actual_finish
            {
                // Progress is reported, not changed: the completed list shows it.
            } else if before.name != after.name {
                out.push((
                    t(
                        "weekly.change.renamed",
                        &[("from", &before.name), ("to", &after.name)],
                    ),
                    false,
                ));
            }
        }
        Edit::SetTaskDates {
            project: p,
            changes,
        } if *p == project => {
            let moved = changes
                .iter()
                .filter(|c| c.before.1.map(|f| f.date()) != c.after.1.map(|f| f.date()))
                .count();
            if moved > 0 {
                out.push((
                    t("weekly.change.rescheduled", &[("n", &moved.to_string())]),
                    false,
                ));
            }
        }
        Edit::InsertTasks {
            project: p, tasks, ..
        } if *p == project && !tasks.is_empty() => out.push((
            t(
                "weekly.change.tasks_added",
                &[("n", &tasks.len().to_string()), ("names", &names(tasks))],
            ),
            true,
        )),
        Edit::RemoveTasks {
            project: p, tasks, ..
        } if *p == project && !tasks.is_empty() => out.push((
            t(
                "weekly.change.tasks_removed",
                &[("n", &tasks.len().to_string()), ("names", &names(tasks))],
            ),
            true,
        )),
        Edit::SetBaseline {
            project: p,
            number,
            after,
            ..
        } if *p == project => out.push((
            t(
                if after.is_empty() {
                    "weekly.change.baseline_cleared"
                } else {
                    "weekly.change.baseline_saved"
                },
                &[("n", &number.to_string())],
            ),
            false,
        )),
        Edit::PutRequirement { before, after } => match (before, after) {
            (None, Some(r)) => out.push((
                t(
                    "weekly.change.requirement_added",
                    &[("key", &r.id.key()), ("title", &r.fields.title)],
                ),
                true,
            )),
            (Some(r), None) => out.push((
                t(
                    "weekly.change.requirement_removed",
                    &[("key", &r.id.key()), ("title", &r.fields.title)],
                ),
                true,
            )),
            (Some(b), Some(a)) if b.fields.release != a.fields.release => out.push((
                t(
                    "weekly.change.requirement_moved",
                    &[("key", &a.id.key()), ("title", &a.fields.title)],
                ),
                true,
            )),
            _ => {}
        },
        _ => {}
    }
}

/// How many scope changes the list holds.
pub fn scope_changes(lines: &[ChangeLine]) -> usize {
    lines.iter().filter(|l| l.scope).count()
}
