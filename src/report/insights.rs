//! `InsightsView`: research notes, feedback and requirements ready to draw — the
//! requirements in tree order with their demand and the feedback behind each.

use std::collections::HashMap;

use crate::model::research::{
    Demand, Feedback, FeedbackOrigin, Requirement, RequirementId, ResearchNote, demand,
};
use crate::store::{StoreResult, SurveySummary, Workspace};

/// One requirement as listed.
#[derive(Clone, Debug, PartialEq)]
pub struct RequirementRow {
    pub requirement: Requirement,
    /// How deep in the tree (0: top level).
    pub depth: usize,
    pub demand: Demand,
    /// Demand score with every requirement under it added (an epic's whole demand).
    pub total: u32,
    /// Indexes into [`InsightsView::feedback`] of the items linked to it.
    pub feedback: Vec<usize>,
}

/// Everything the notes, feedback and requirements views show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InsightsView {
    pub notes: Vec<ResearchNote>,
    pub feedback: Vec<Feedback>,
    /// In tree order: each parent before its children, siblings by key.
    pub requirements: Vec<RequirementRow>,
    /// Survey names by id, to say where an answer came from.
    pub survey_names: HashMap<i64, String>,
    pub releases: Vec<crate::model::requirement::Release>,
    /// The pool's workflow and custom fields.
    pub settings: crate::model::pool_settings::PoolSettings,
    /// Name and project of every task a requirement is linked to (deleted ones absent).
    pub task_names: HashMap<crate::model::TaskId, (String, crate::model::ProjectId)>,
    /// Where each requirement is in `requirements`, so finding one by id is not a scan
    /// (a selection of thousands is checked every frame).
    at: HashMap<RequirementId, usize>,
}

/// What the requirement table is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum RequirementSort {
    /// The tree: parents before children, siblings by key.
    #[default]
    Tree,
    Key,
    Title,
    Status,
    Priority,
    Owner,
    Release,
    Rice,
    Wsjf,
    Demand,
    /// Earliest due first; those without a date last.
    Due,
}

/// Which requirements the table shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct RequirementFilter {
    /// Words that must all appear in the key, title, owner or a tag.
    pub text: String,
    /// Only this status.
    pub status: Option<String>,
    /// Only requirements whose custom field (by id) holds this value (for a multiple
    /// choice: among its choices).
    pub custom: Option<(String, String)>,
    /// Only this priority (`Some(None)`: none set).
    pub priority: Option<Option<u8>>,
    /// Only this type code.
    pub kind: Option<String>,
    /// Only this owner (empty: nobody).
    pub owner: Option<String>,
    /// Only this release (`Some(None)`: in none).
    pub release: Option<Option<crate::model::requirement::ReleaseId>>,
    /// Only those past their due date and still open, as of this day.
    pub overdue_on: Option<chrono::NaiveDate>,
}

impl RequirementFilter {
    /// Whether anything besides the text narrows the list.
    pub fn narrows(&self) -> bool {
        self.status.is_some()
            || self.custom.is_some()
            || self.priority.is_some()
            || self.kind.is_some()
            || self.owner.is_some()
            || self.release.is_some()
            || self.overdue_on.is_some()
    }
}

impl InsightsView {
    pub fn build(ws: &Workspace, surveys: &[SurveySummary]) -> StoreResult<InsightsView> {
        InsightsView::of(
            ws.notes()?,
            ws.feedback()?,
            ws.requirements()?,
            surveys.iter().map(|s| (s.id.0, s.name.clone())).collect(),
        )
        .with_releases(ws.releases()?)
        .with_tasks(ws)
        .and_then(|v| {
            Ok(InsightsView {
                settings: ws.pool_settings()?,
                ..v
            })
        })
    }

    fn with_tasks(mut self, ws: &Workspace) -> StoreResult<InsightsView> {
        let linked: Vec<crate::model::TaskId> = self
            .requirements
            .iter()
            .flat_map(|r| r.requirement.fields.tasks.iter().copied())
            .collect();
        self.task_names = ws.task_names(&linked)?;
        Ok(self)
    }

    pub fn of(
        notes: Vec<ResearchNote>,
        feedback: Vec<Feedback>,
        requirements: Vec<Requirement>,
        survey_names: HashMap<i64, String>,
    ) -> InsightsView {
        let demands = demand(&feedback);
        let mut linked: HashMap<RequirementId, Vec<usize>> = HashMap::new();
        for (i, f) in feedback.iter().enumerate() {
            for l in &f.fields.links {
                linked.entry(l.requirement).or_default().push(i);
            }
        }
        let known: std::collections::HashSet<RequirementId> =
            requirements.iter().map(|r| r.id).collect();
        let mut children: HashMap<Option<RequirementId>, Vec<Requirement>> = HashMap::new();
        for r in requirements {
            // A parent that is gone leaves its children at the top.
            let parent = r.fields.parent.filter(|p| known.contains(p));
            children.entry(parent).or_default().push(r);
        }
        // Siblings in the order the user put them (ranked first), then by key.
        for kids in children.values_mut() {
            kids.sort_by_key(|r| (r.fields.rank.is_none(), r.fields.rank, r.id));
        }
        let mut rows = Vec::new();
        let mut stack: Vec<(Requirement, usize)> = children
            .remove(&None)
            .unwrap_or_default()
            .into_iter()
            .rev()
            .map(|r| (r, 0))
            .collect();
        while let Some((r, depth)) = stack.pop() {
            if let Some(kids) = children.remove(&Some(r.id)) {
                stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
            }
            rows.push(RequirementRow {
                demand: demands.get(&r.id).copied().unwrap_or_default(),
                feedback: linked.remove(&r.id).unwrap_or_default(),
                total: 0,
                requirement: r,
                depth,
            });
        }
        // Children come after their parent: add them up from the bottom.
        let at: HashMap<RequirementId, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.requirement.id, i))
            .collect();
        for i in (0..rows.len()).rev() {
            rows[i].total += rows[i].demand.score;
            if let Some(&p) = rows[i].requirement.fields.parent.and_then(|p| at.get(&p)) {
                let t = rows[i].total;
                rows[p].total += t;
            }
        }
        InsightsView {
            notes,
            feedback,
            requirements: rows,
            survey_names,
            releases: Vec::new(),
            task_names: HashMap::new(),
            settings: crate::model::pool_settings::PoolSettings::default(),
            at,
        }
    }

    fn with_releases(self, releases: Vec<crate::model::requirement::Release>) -> InsightsView {
        InsightsView { releases, ..self }
    }

    /// A release's name.
    pub fn release_name(&self, id: crate::model::requirement::ReleaseId) -> Option<&str> {
        self.releases
            .iter()
            .find(|r| r.id == id)
            .map(|r| r.fields.name.as_str())
    }

    /// The rows the table shows, in its order: indexes into `requirements`. Sorting
    /// descends for scores (highest first) and ascends otherwise; unset values last.
    pub fn order(
        &self,
        sort: RequirementSort,
        descending: bool,
        filter: &RequirementFilter,
    ) -> Vec<usize> {
        let words: Vec<String> = filter
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        let keep = |r: &RequirementRow| {
            let f = &r.requirement.fields;
            if filter.status.as_ref().is_some_and(|s| *s != f.status)
                || filter.priority.is_some_and(|p| p != f.priority)
                || filter.kind.as_ref().is_some_and(|k| *k != f.kind)
                || filter.owner.as_ref().is_some_and(|o| *o != f.owner)
                || filter.release.is_some_and(|rel| rel != f.release)
                || filter.overdue_on.is_some_and(|today| {
                    !f.due
                        .is_some_and(|d| d < today && !self.settings.is_closed(&f.status))
                })
            {
                return false;
            }
            if let Some((field, value)) = &filter.custom {
                let held = f.custom.get(field).map(String::as_str).unwrap_or_default();
                if held != value && !held.split("; ").any(|v| v == value) {
                    return false;
                }
            }
            words.iter().all(|w| {
                r.requirement.id.key().to_lowercase().contains(w.as_str())
                    || f.title.to_lowercase().contains(w.as_str())
                    || f.owner.to_lowercase().contains(w.as_str())
                    || f.tags.iter().any(|t| t.to_lowercase().contains(w.as_str()))
                    || f.custom
                        .values()
                        .any(|v| v.to_lowercase().contains(w.as_str()))
            })
        };
        let mut rows: Vec<usize> = (0..self.requirements.len())
            .filter(|&i| keep(&self.requirements[i]))
            .collect();
        let r = |i: usize| &self.requirements[i];
        let number = |x: Option<f64>| x.filter(|v| v.is_finite());
        use std::cmp::Ordering;
        let by_number = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(x), Some(y)) => y.partial_cmp(&x).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        match sort {
            RequirementSort::Tree => return rows,
            RequirementSort::Key => rows.sort_by_key(|&i| r(i).requirement.id),
            RequirementSort::Title => rows.sort_by(|&a, &b| {
                r(a).requirement
                    .fields
                    .title
                    .cmp(&r(b).requirement.fields.title)
            }),
            RequirementSort::Status => rows.sort_by_key(|&i| {
                let s = &r(i).requirement.fields.status;
                self.settings
                    .statuses
                    .iter()
                    .position(|x| &x.code == s)
                    .unwrap_or(usize::MAX)
            }),
            RequirementSort::Priority => {
                rows.sort_by_key(|&i| r(i).requirement.fields.priority.unwrap_or(u8::MAX))
            }
            RequirementSort::Owner => rows.sort_by(|&a, &b| {
                let (x, y) = (
                    &r(a).requirement.fields.owner,
                    &r(b).requirement.fields.owner,
                );
                (x.is_empty(), x).cmp(&(y.is_empty(), y))
            }),
            RequirementSort::Release => rows.sort_by_key(|&i| {
                let rel = r(i).requirement.fields.release;
                rel.and_then(|id| self.releases.iter().position(|x| x.id == id))
                    .unwrap_or(usize::MAX)
            }),
            RequirementSort::Rice => rows.sort_by(|&a, &b| {
                by_number(
                    number(r(a).requirement.fields.scores.rice()),
                    number(r(b).requirement.fields.scores.rice()),
                )
            }),
            RequirementSort::Wsjf => rows.sort_by(|&a, &b| {
                by_number(
                    number(r(a).requirement.fields.scores.wsjf()),
                    number(r(b).requirement.fields.scores.wsjf()),
                )
            }),
            RequirementSort::Demand => rows.sort_by_key(|&i| std::cmp::Reverse(r(i).total)),
            RequirementSort::Due => rows.sort_by_key(|&i| {
                let due = r(i).requirement.fields.due;
                (due.is_none(), due)
            }),
        }
        if descending {
            rows.reverse();
        }
        rows
    }

    /// Moves a requirement one place up (or down) among its siblings: every sibling is
    /// given its place as its rank, the two swapped; one undoable step. `None` at the
    /// end it would move past.
    pub fn move_among_siblings(&self, id: RequirementId, up: bool) -> Option<crate::model::Change> {
        use crate::model::Change;
        let me = self.requirement(id)?;
        let parent = me.requirement.fields.parent;
        // Siblings in their shown order (tree order is the order they are drawn in).
        let mut siblings: Vec<&RequirementRow> = self
            .requirements
            .iter()
            .filter(|r| r.requirement.fields.parent == parent && r.depth == me.depth)
            .collect();
        let at = siblings.iter().position(|r| r.requirement.id == id)?;
        let other = if up { at.checked_sub(1)? } else { at + 1 };
        if other >= siblings.len() {
            return None;
        }
        siblings.swap(at, other);
        let changes: Vec<Change> = siblings
            .iter()
            .enumerate()
            .filter(|(i, r)| r.requirement.fields.rank != Some(*i as i64))
            .map(|(i, r)| {
                let mut fields = r.requirement.fields.clone();
                fields.rank = Some(i as i64);
                Change::UpdateRequirement {
                    id: r.requirement.id,
                    fields,
                }
            })
            .collect();
        Some(Change::Many(changes))
    }

    /// A requirement by id.
    pub fn requirement(&self, id: RequirementId) -> Option<&RequirementRow> {
        if let Some(r) = self.at.get(&id).and_then(|&i| self.requirements.get(i))
            && r.requirement.id == id
        {
            return Some(r);
        }
        if self.at.len() == self.requirements.len() && !self.at.contains_key(&id) {
            return None;
        }
        // The list was changed after it was built (tests do): look for it.
        self.requirements.iter().find(|r| r.requirement.id == id)
    }

    /// A note's title by id.
    pub fn note_title(&self, id: crate::model::research::NoteId) -> Option<&str> {
        self.notes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.fields.title.as_str())
    }

    /// Where a feedback item came from, in words: the survey and response, the note.
    pub fn origin_text(&self, origin: &FeedbackOrigin) -> (String, String) {
        match origin {
            FeedbackOrigin::Response {
                survey,
                response,
                question,
            } => (
                "response".into(),
                format!(
                    "{} #{} {question}",
                    self.survey_names.get(&survey.0).map_or("?", String::as_str),
                    response + 1
                ),
            ),
            FeedbackOrigin::Quote { note } => (
                "quote".into(),
                self.note_title(*note).unwrap_or("?").to_owned(),
            ),
            FeedbackOrigin::Note { note } => (
                "note".into(),
                self.note_title(*note).unwrap_or("?").to_owned(),
            ),
            FeedbackOrigin::Manual => ("manual".into(), String::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::research::{FeedbackFields, FeedbackId, FeedbackLink, RequirementFields};

    fn req(id: i64, parent: Option<i64>) -> Requirement {
        Requirement {
            id: RequirementId(id),
            fields: RequirementFields {
                parent: parent.map(RequirementId),
                ..RequirementFields::titled(&format!("R{id}"))
            },
        }
    }

    #[test]
    fn requirements_come_in_tree_order_with_their_feedback() {
        let feedback = vec![Feedback {
            id: FeedbackId(1),
            fields: FeedbackFields {
                text: "要离线".into(),
                origin: FeedbackOrigin::Manual,
                customer: String::new(),
                segment: String::new(),
                links: vec![FeedbackLink {
                    requirement: RequirementId(3),
                    importance: 2,
                }],
            },
        }];
        let v = InsightsView::of(
            Vec::new(),
            feedback,
            vec![req(1, None), req(2, None), req(3, Some(1)), req(4, Some(9))],
            HashMap::new(),
        );
        let order: Vec<(i64, usize)> = v
            .requirements
            .iter()
            .map(|r| (r.requirement.id.0, r.depth))
            .collect();
        assert_eq!(order, [(1, 0), (3, 1), (2, 0), (4, 0)]);
        let r3 = v.requirement(RequirementId(3)).unwrap();
        assert_eq!((r3.demand.score, r3.feedback.clone()), (2, vec![0]));
        // A custom field's value filters; a multiple choice matches any of its values.
        let mut v2 = v.clone();
        v2.requirements[1]
            .requirement
            .fields
            .custom
            .insert("f1".into(), "电商; 金融".into());
        let filter = RequirementFilter {
            custom: Some(("f1".into(), "金融".into())),
            ..RequirementFilter::default()
        };
        let rows = v2.order(RequirementSort::Tree, false, &filter);
        assert_eq!(rows, [1]);
        // Priority, owner, release and overdue narrow too.
        v2.requirements[2].requirement.fields.priority = Some(0);
        v2.requirements[3].requirement.fields.owner = "王芳".into();
        v2.requirements[3].requirement.fields.due = chrono::NaiveDate::from_ymd_opt(2026, 1, 5);
        let only = |f: RequirementFilter| v2.order(RequirementSort::Tree, false, &f);
        assert_eq!(
            only(RequirementFilter {
                priority: Some(Some(0)),
                ..RequirementFilter::default()
            }),
            [2]
        );
        assert_eq!(
            only(RequirementFilter {
                owner: Some("王芳".into()),
                ..RequirementFilter::default()
            }),
            [3]
        );
        assert_eq!(
            only(RequirementFilter {
                overdue_on: chrono::NaiveDate::from_ymd_opt(2026, 2, 1),
                ..RequirementFilter::default()
            }),
            [3]
        );
        assert!(
            only(RequirementFilter {
                overdue_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1),
                ..RequirementFilter::default()
            })
            .is_empty()
        );
        let r1 = v.requirement(RequirementId(1)).unwrap();
        assert_eq!(
            (r1.demand.score, r1.total),
            (0, 2),
            "an epic adds up its children"
        );
    }
}
