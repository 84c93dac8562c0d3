//! The traceability matrix: requirements (rows, tree order) against tasks of a plan,
//! releases or feedback items (columns), a mark where they are linked; coverage per
//! row and column, and the gaps (a requirement with nothing, a column serving none).

use crate::model::requirement::{ReleaseId, RequirementFields, RequirementId};
use crate::model::research::{FeedbackFields, FeedbackId, FeedbackLink};
use crate::model::{Change, TaskId};
use crate::report::insights::InsightsView;

/// What the columns are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TraceColumns {
    #[default]
    Tasks,
    Releases,
    Feedback,
}

/// One column's thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnId {
    Task(TaskId),
    Release(ReleaseId),
    Feedback(FeedbackId),
}

/// The matrix, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceMatrix {
    pub columns_are: TraceColumns,
    /// (requirement, "REQ-3 title", depth).
    pub rows: Vec<(RequirementId, String, usize)>,
    pub cols: Vec<(ColumnId, String)>,
    /// Per row, the linked columns in ascending order.
    pub cells: Vec<Vec<u32>>,
    /// Links per column.
    pub col_cover: Vec<u32>,
}

impl TraceMatrix {
    /// Requirements against the tasks of a plan (summary tasks left out).
    pub fn tasks(insights: &InsightsView, tasks: &[(TaskId, String)]) -> TraceMatrix {
        let at: std::collections::HashMap<TaskId, u32> = tasks
            .iter()
            .enumerate()
            .map(|(i, (t, _))| (*t, i as u32))
            .collect();
        TraceMatrix::build(
            TraceColumns::Tasks,
            insights,
            tasks
                .iter()
                .map(|(t, name)| (ColumnId::Task(*t), name.clone()))
                .collect(),
            |f, _| f.tasks.iter().filter_map(|t| at.get(t).copied()).collect(),
        )
    }

    /// Requirements against releases.
    pub fn releases(insights: &InsightsView) -> TraceMatrix {
        let cols = insights
            .releases
            .iter()
            .map(|r| (ColumnId::Release(r.id), r.fields.name.clone()))
            .collect();
        TraceMatrix::build(TraceColumns::Releases, insights, cols, |f, _| {
            f.release
                .and_then(|id| insights.releases.iter().position(|r| r.id == id))
                .map(|i| vec![i as u32])
                .unwrap_or_default()
        })
    }

    /// Requirements against feedback items.
    pub fn feedback(insights: &InsightsView) -> TraceMatrix {
        let cols = insights
            .feedback
            .iter()
            .map(|f| {
                let text: String = f.fields.text.chars().take(40).collect();
                (ColumnId::Feedback(f.id), text)
            })
            .collect();
        let mut by_requirement: std::collections::HashMap<RequirementId, Vec<u32>> =
            std::collections::HashMap::new();
        for (i, f) in insights.feedback.iter().enumerate() {
            for l in &f.fields.links {
                by_requirement
                    .entry(l.requirement)
                    .or_default()
                    .push(i as u32);
            }
        }
        TraceMatrix::build(TraceColumns::Feedback, insights, cols, |_, id| {
            by_requirement.get(&id).cloned().unwrap_or_default()
        })
    }

    fn build(
        columns_are: TraceColumns,
        insights: &InsightsView,
        cols: Vec<(ColumnId, String)>,
        linked: impl Fn(&RequirementFields, RequirementId) -> Vec<u32>,
    ) -> TraceMatrix {
        let mut col_cover = vec![0u32; cols.len()];
        let mut rows = Vec::with_capacity(insights.requirements.len());
        let mut cells = Vec::with_capacity(insights.requirements.len());
        for r in &insights.requirements {
            let id = r.requirement.id;
            let mut c = linked(&r.requirement.fields, id);
            c.sort_unstable();
            c.dedup();
            for &k in &c {
                if let Some(n) = col_cover.get_mut(k as usize) {
                    *n += 1;
                }
            }
            rows.push((
                id,
                format!("{} {}", id.key(), r.requirement.fields.title),
                r.depth,
            ));
            cells.push(c);
        }
        TraceMatrix {
            columns_are,
            rows,
            cols,
            cells,
            col_cover,
        }
    }

    /// Whether row `r` and column `c` are linked.
    pub fn linked(&self, r: usize, c: usize) -> bool {
        self.cells
            .get(r)
            .is_some_and(|row| row.binary_search(&(c as u32)).is_ok())
    }

    /// Requirements linked to nothing here.
    pub fn uncovered_rows(&self) -> usize {
        self.cells.iter().filter(|c| c.is_empty()).count()
    }

    /// Columns no requirement is linked to.
    pub fn uncovered_cols(&self) -> usize {
        self.col_cover.iter().filter(|&&n| n == 0).count()
    }

    /// The edit a click on a cell asks for: link or unlink.
    pub fn toggle(&self, insights: &InsightsView, r: usize, c: usize) -> Option<Change> {
        let (id, _, _) = *self.rows.get(r)?;
        let (col, _) = *self.cols.get(c)?;
        let requirement = insights.requirement(id)?;
        let stored = &requirement.requirement.fields;
        let on = self.linked(r, c);
        Some(match col {
            ColumnId::Task(t) => {
                let mut tasks = stored.tasks.clone();
                if on {
                    tasks.retain(|x| *x != t);
                } else {
                    tasks.push(t);
                }
                Change::UpdateRequirement {
                    id,
                    fields: RequirementFields {
                        tasks,
                        ..stored.clone()
                    },
                }
            }
            ColumnId::Release(rel) => Change::UpdateRequirement {
                id,
                fields: RequirementFields {
                    release: if on { None } else { Some(rel) },
                    ..stored.clone()
                },
            },
            ColumnId::Feedback(f) => {
                let item = insights.feedback.iter().find(|x| x.id == f)?;
                let mut links = item.fields.links.clone();
                if on {
                    links.retain(|l| l.requirement != id);
                } else {
                    // Important unless said otherwise; the dialog refines it.
                    links.push(FeedbackLink {
                        requirement: id,
                        importance: 2,
                    });
                }
                Change::UpdateFeedback {
                    id: f,
                    fields: FeedbackFields {
                        links,
                        ..item.fields.clone()
                    },
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::requirement::Requirement;
    use std::collections::HashMap;

    #[test]
    fn coverage_and_gaps_and_toggles() {
        let mut a = RequirementFields::titled("离线");
        a.tasks = vec![TaskId(7)];
        let b = RequirementFields::titled("推送");
        let insights = InsightsView::of(
            Vec::new(),
            Vec::new(),
            vec![
                Requirement {
                    id: RequirementId(1),
                    fields: a,
                },
                Requirement {
                    id: RequirementId(2),
                    fields: b,
                },
            ],
            HashMap::new(),
        );
        let m = TraceMatrix::tasks(
            &insights,
            &[
                (TaskId(7), "离线存储".into()),
                (TaskId(8), "推送通道".into()),
            ],
        );
        assert!(m.linked(0, 0) && !m.linked(1, 1));
        assert_eq!((m.uncovered_rows(), m.uncovered_cols()), (1, 1));
        match m.toggle(&insights, 1, 1) {
            Some(Change::UpdateRequirement { id, fields }) => {
                assert_eq!((id, fields.tasks), (RequirementId(2), vec![TaskId(8)]));
            }
            other => panic!("{other:?}"),
        }
        match m.toggle(&insights, 0, 0) {
            Some(Change::UpdateRequirement { fields, .. }) => assert!(fields.tasks.is_empty()),
            other => panic!("{other:?}"),
        }
    }
}
