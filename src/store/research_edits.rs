//! Resolving changes to notes, feedback and requirements into edits: ids given,
//! fields checked, links pointing at what exists; deleting a note takes the feedback
//! drawn from it along (one step, undone together).

use rusqlite::Transaction;

use super::error::{StoreError, StoreResult, sql};
use super::{plan_rows, research_rows as rows};
use crate::model::Edit;
use crate::model::research::{
    Feedback, FeedbackFields, FeedbackId, FeedbackOrigin, NoteFields, NoteId, Requirement,
    RequirementFields, RequirementId, ResearchNote,
};

fn next_id(tx: &Transaction<'_>, table: &str) -> StoreResult<i64> {
    plan_rows::next_id(tx, table).map_err(|e| sql(e, tx))
}

fn load_note(tx: &Transaction<'_>, id: NoteId) -> StoreResult<ResearchNote> {
    rows::note(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| StoreError::Gone(format!("note {}", id.0)))
}

fn load_feedback(tx: &Transaction<'_>, id: FeedbackId) -> StoreResult<Feedback> {
    rows::feedback_item(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| StoreError::Gone(format!("feedback {}", id.0)))
}

pub(super) fn load_requirement(
    tx: &Transaction<'_>,
    id: RequirementId,
) -> StoreResult<Requirement> {
    super::requirement_rows::requirement(tx, id)
        .map_err(|e| sql(e, tx))?
        .ok_or_else(|| StoreError::Gone(id.key()))
}

pub(super) fn add_note(tx: &Transaction<'_>, fields: NoteFields) -> StoreResult<Edit> {
    let fields = fields.normalized()?;
    Ok(Edit::PutNote {
        before: None,
        after: Some(ResearchNote {
            id: NoteId(next_id(tx, "research_notes")?),
            fields,
        }),
    })
}

pub(super) fn update_note(
    tx: &Transaction<'_>,
    id: NoteId,
    fields: NoteFields,
) -> StoreResult<Edit> {
    let before = load_note(tx, id)?;
    let fields = fields.normalized()?;
    Ok(Edit::PutNote {
        after: Some(ResearchNote { id, fields }),
        before: Some(before),
    })
}

pub(super) fn delete_note(tx: &Transaction<'_>, id: NoteId) -> StoreResult<Edit> {
    let note = load_note(tx, id)?;
    let mut edits: Vec<Edit> = rows::feedback_of_note(tx, id)
        .map_err(|e| sql(e, tx))?
        .into_iter()
        .map(|f| Edit::PutFeedback {
            before: Some(f),
            after: None,
        })
        .collect();
    edits.push(Edit::PutNote {
        before: Some(note),
        after: None,
    });
    // Its feedback goes first (it points at the note); the history names the note.
    Ok(if edits.len() == 1 {
        edits.remove(0)
    } else {
        Edit::Batch { edits }
    })
}

/// Checks what a feedback item points at: its note or survey, its requirements.
fn checked_feedback(tx: &Transaction<'_>, fields: FeedbackFields) -> StoreResult<FeedbackFields> {
    let fields = fields.normalized()?;
    match &fields.origin {
        FeedbackOrigin::Quote { note } | FeedbackOrigin::Note { note } => {
            load_note(tx, *note)?;
        }
        FeedbackOrigin::Response { survey, .. } => {
            if super::survey_rows::name(tx, *survey)
                .map_err(|e| sql(e, tx))?
                .is_none()
            {
                return Err(StoreError::Gone(format!("survey {}", survey.0)));
            }
        }
        FeedbackOrigin::Manual => {}
    }
    for l in &fields.links {
        load_requirement(tx, l.requirement)?;
    }
    Ok(fields)
}

pub(super) fn add_feedback(
    tx: &Transaction<'_>,
    fields: FeedbackFields,
    new_requirement: Option<(RequirementFields, u8)>,
) -> StoreResult<Edit> {
    let Some((requirement, importance)) = new_requirement else {
        let fields = checked_feedback(tx, fields)?;
        return Ok(Edit::PutFeedback {
            before: None,
            after: Some(Feedback {
                id: FeedbackId(next_id(tx, "feedback")?),
                fields,
            }),
        });
    };
    // The requirement is written first so the feedback's check sees it.
    let add_requirement = add_requirement(tx, requirement)?;
    super::write::apply_edit(tx, &add_requirement)?;
    let Edit::PutRequirement {
        after: Some(made), ..
    } = &add_requirement
    else {
        return Err(StoreError::InvalidPlan("no requirement was made".into()));
    };
    let mut fields = fields;
    fields.links.push(crate::model::research::FeedbackLink {
        requirement: made.id,
        importance,
    });
    let fields = checked_feedback(tx, fields);
    // Resolving must leave the file as it was: take the requirement back out.
    super::write::apply_edit(tx, &add_requirement.inverse())?;
    let fields = fields?;
    Ok(Edit::Batch {
        edits: vec![
            add_requirement,
            Edit::PutFeedback {
                before: None,
                after: Some(Feedback {
                    id: FeedbackId(next_id(tx, "feedback")?),
                    fields,
                }),
            },
        ],
    })
}

pub(super) fn update_feedback(
    tx: &Transaction<'_>,
    id: FeedbackId,
    fields: FeedbackFields,
) -> StoreResult<Edit> {
    let before = load_feedback(tx, id)?;
    let fields = checked_feedback(tx, fields)?;
    Ok(Edit::PutFeedback {
        before: Some(before),
        after: Some(Feedback { id, fields }),
    })
}

pub(super) fn delete_feedback(tx: &Transaction<'_>, id: FeedbackId) -> StoreResult<Edit> {
    Ok(Edit::PutFeedback {
        before: Some(load_feedback(tx, id)?),
        after: None,
    })
}

fn checked_requirement(
    tx: &Transaction<'_>,
    this: Option<RequirementId>,
    fields: RequirementFields,
) -> StoreResult<RequirementFields> {
    let fields = fields.normalized()?;
    // A parent must exist and must not be the requirement itself or one of its children.
    let mut parent = fields.parent;
    while let Some(p) = parent {
        if Some(p) == this {
            return Err(StoreError::InvalidPlan(
                "a requirement cannot sit under itself".into(),
            ));
        }
        parent = load_requirement(tx, p)?.fields.parent;
    }
    // Custom values are checked against their field (a number, a date, a choice).
    let mut fields = fields;
    let settings = super::requirement_rows::pool_settings(tx).map_err(|e| sql(e, tx))?;
    let mut custom = std::collections::BTreeMap::new();
    for (id, value) in std::mem::take(&mut fields.custom) {
        let value = match settings.field(&id) {
            Some(f) => f.check(&value)?,
            None => value.trim().to_owned(),
        };
        if !value.is_empty() {
            custom.insert(id, value);
        }
    }
    fields.custom = custom;
    if let Some(r) = fields.release
        && super::requirement_rows::release(tx, r)
            .map_err(|e| sql(e, tx))?
            .is_none()
    {
        return Err(StoreError::Gone(format!("release {}", r.0)));
    }
    Ok(fields)
}

pub(super) fn add_requirement(
    tx: &Transaction<'_>,
    fields: RequirementFields,
) -> StoreResult<Edit> {
    let fields = checked_requirement(tx, None, fields)?;
    Ok(Edit::PutRequirement {
        before: None,
        after: Some(Requirement {
            id: RequirementId(next_id(tx, "requirements")?),
            fields,
        }),
    })
}

pub(super) fn update_requirement(
    tx: &Transaction<'_>,
    id: RequirementId,
    fields: RequirementFields,
) -> StoreResult<Edit> {
    let before = load_requirement(tx, id)?;
    let fields = checked_requirement(tx, Some(id), fields)?;
    Ok(Edit::PutRequirement {
        before: Some(before),
        after: Some(Requirement { id, fields }),
    })
}
