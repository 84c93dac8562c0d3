//! Resolving requirement-pool changes the research edits do not cover: releases, and
//! deleting requirements with everything under them (their feedback links go too, in
//! the same step, so undo brings all of it back).

use rusqlite::Transaction;

use super::error::{StoreError, StoreResult, sql};
use super::{plan_rows, requirement_rows, research_rows};
use crate::model::Edit;
use crate::model::requirement::{Release, ReleaseFields, ReleaseId, RequirementId};
use crate::model::research::Feedback;

fn checked_release(fields: ReleaseFields) -> StoreResult<ReleaseFields> {
    let name = fields.name.trim().to_owned();
    if name.is_empty() {
        return Err(StoreError::Research(
            crate::model::research::ResearchProblem::EmptyRelease,
        ));
    }
    Ok(ReleaseFields {
        name,
        version: fields.version.trim().to_owned(),
        ..fields
    })
}

fn load_release(tx: &Transaction<'_>, id: ReleaseId) -> StoreResult<Release> {
    requirement_rows::release(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| StoreError::Gone(format!("release {}", id.0)))
}

pub(super) fn add_release(tx: &Transaction<'_>, fields: ReleaseFields) -> StoreResult<Edit> {
    let fields = checked_release(fields)?;
    let id = plan_rows::next_id(tx, "releases").map_err(|e| sql(e, tx))?;
    Ok(Edit::PutRelease {
        before: None,
        after: Some(Release {
            id: ReleaseId(id),
            fields,
        }),
    })
}

pub(super) fn update_release(
    tx: &Transaction<'_>,
    id: ReleaseId,
    fields: ReleaseFields,
) -> StoreResult<Edit> {
    let before = load_release(tx, id)?;
    Ok(Edit::PutRelease {
        before: Some(before),
        after: Some(Release {
            id,
            fields: checked_release(fields)?,
        }),
    })
}

/// Deletes a release; its requirements are left without one (in the same step).
pub(super) fn delete_release(tx: &Transaction<'_>, id: ReleaseId) -> StoreResult<Edit> {
    let release = load_release(tx, id)?;
    let mut edits: Vec<Edit> = requirement_rows::requirements(tx)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|r| r.fields.release == Some(id))
        .map(|r| {
            let mut after = r.clone();
            after.fields.release = None;
            Edit::PutRequirement {
                before: Some(r),
                after: Some(after),
            }
        })
        .collect();
    edits.push(Edit::PutRelease {
        before: Some(release),
        after: None,
    });
    Ok(one_or_batch(edits))
}

fn one_or_batch(mut edits: Vec<Edit>) -> Edit {
    if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch { edits }
    }
}

/// Deletes requirements with everything under them; feedback keeps its other links.
pub(super) fn delete_requirements(
    tx: &Transaction<'_>,
    ids: &[RequirementId],
) -> StoreResult<Edit> {
    let all = requirement_rows::requirements(tx).map_err(|e| sql(e, tx))?;
    for id in ids {
        if !all.iter().any(|r| r.id == *id) {
            return Err(StoreError::Gone(id.key()));
        }
    }
    // The subtree, children after their parents.
    let mut doomed: Vec<RequirementId> = Vec::new();
    let mut queue: Vec<RequirementId> = ids.to_vec();
    while let Some(id) = queue.pop() {
        if doomed.contains(&id) {
            continue;
        }
        doomed.push(id);
        queue.extend(
            all.iter()
                .filter(|r| r.fields.parent == Some(id))
                .map(|r| r.id),
        );
    }
    let gone = |r: RequirementId| doomed.contains(&r);
    let mut edits: Vec<Edit> = research_rows::feedback(tx)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .filter(|f| f.fields.links.iter().any(|l| gone(l.requirement)))
        .map(|f: Feedback| {
            let mut after = f.clone();
            after.fields.links.retain(|l| !gone(l.requirement));
            Edit::PutFeedback {
                before: Some(f),
                after: Some(after),
            }
        })
        .collect();
    // Deepest first, so no row is deleted while a child still points at it.
    let depth = |id: RequirementId| {
        let mut d = 0;
        let mut p = all
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.fields.parent);
        while let Some(x) = p {
            d += 1;
            p = all.iter().find(|r| r.id == x).and_then(|r| r.fields.parent);
        }
        d
    };
    doomed.sort_by_key(|&id| std::cmp::Reverse(depth(id)));
    for id in doomed {
        if let Some(r) = all.iter().find(|r| r.id == id) {
            edits.push(Edit::PutRequirement {
                before: Some(r.clone()),
                after: None,
            });
        }
    }
    Ok(one_or_batch(edits))
}

/// A task at the end of the project's plan for each requirement, named after it and
/// linked to it: one step (the caller reschedules).
pub(super) fn plan_requirements(
    tx: &Transaction<'_>,
    project: crate::model::ProjectId,
    ids: &[RequirementId],
) -> StoreResult<Edit> {
    super::queries::load_project(tx, project)?;
    let mut edits: Vec<Edit> = Vec::new();
    let result: StoreResult<()> = (|| {
        for &id in ids {
            let requirement = super::research_edits::load_requirement(tx, id)?;
            let task_edit = super::task_edits::add_task(
                tx,
                project,
                None,
                crate::model::TaskFields {
                    name: requirement.fields.title.clone(),
                    notes: id.key(),
                    ..crate::model::TaskFields::default()
                },
            )?;
            // Each task goes in before the next is placed after it.
            super::write::apply_edit(tx, &task_edit)?;
            edits.push(task_edit.clone());
            let task = inserted_task(&task_edit)
                .ok_or_else(|| StoreError::InvalidPlan("no task was made".into()))?;
            let mut after = requirement.clone();
            after.fields.tasks.push(task);
            let link = Edit::PutRequirement {
                before: Some(requirement),
                after: Some(after),
            };
            super::write::apply_edit(tx, &link)?;
            edits.push(link);
        }
        Ok(())
    })();
    // Resolving leaves the file as it was; the store applies the batch.
    for e in edits.iter().rev() {
        super::write::apply_edit(tx, &e.inverse())?;
    }
    result?;
    Ok(Edit::Batch { edits })
}

/// A pool from a file: releases and requirements with fresh ids, parents first, as
/// one step.
pub(super) fn import(
    tx: &Transaction<'_>,
    releases: Vec<ReleaseFields>,
    requirements: Vec<(
        crate::model::requirement::RequirementFields,
        Option<usize>,
        Option<usize>,
    )>,
) -> StoreResult<Edit> {
    let first_release = plan_rows::next_id(tx, "releases").map_err(|e| sql(e, tx))?;
    let first_requirement = plan_rows::next_id(tx, "requirements").map_err(|e| sql(e, tx))?;
    let mut edits = Vec::with_capacity(releases.len() + requirements.len());
    for (i, fields) in releases.into_iter().enumerate() {
        edits.push(Edit::PutRelease {
            before: None,
            after: Some(Release {
                id: ReleaseId(first_release + i as i64),
                fields: checked_release(fields)?,
            }),
        });
    }
    let n = requirements.len();
    // Depth of each, to write parents before children.
    let mut parents: Vec<Option<usize>> = requirements.iter().map(|r| r.1).collect();
    crate::model::tree::cut_loops(&mut parents);
    let depth = crate::model::tree::depths(&parents);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| depth[i]);
    let mut rows: Vec<Option<Edit>> = (0..n).map(|_| None).collect();
    let settings = requirement_rows::pool_settings(tx).map_err(|e| sql(e, tx))?;
    for (i, (fields, _, release)) in requirements.iter().enumerate() {
        let mut f = fields.clone().normalized()?;
        for (id, value) in f.custom.iter_mut() {
            if let Some(field) = settings.field(id) {
                *value = field.check(value)?;
            }
        }
        f.custom.retain(|_, v| !v.is_empty());
        f.parent = parents[i].map(|p| RequirementId(first_requirement + p as i64));
        f.release = release.map(|r| ReleaseId(first_release + r as i64));
        rows[i] = Some(Edit::PutRequirement {
            before: None,
            after: Some(crate::model::requirement::Requirement {
                id: RequirementId(first_requirement + i as i64),
                fields: f,
            }),
        });
    }
    for i in order {
        if let Some(e) = rows[i].take() {
            edits.push(e);
        }
    }
    Ok(Edit::Batch { edits })
}

/// The task an add-task edit inserts.
pub(super) fn inserted_task(edit: &Edit) -> Option<crate::model::TaskId> {
    match edit {
        Edit::InsertTasks { tasks, .. } => tasks.first().map(|t| t.id),
        Edit::Batch { edits } => edits.iter().find_map(inserted_task),
        _ => None,
    }
}
