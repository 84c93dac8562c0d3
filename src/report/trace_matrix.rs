//! The traceability matrix: requirements (rows, tree order) against tasks of a plan,
//! releases, feedback items or test cases (columns), a mark where they are linked;
//! coverage per row and column, and the gaps (a requirement with nothing, a column
//! serving none). Against test cases the first column is each requirement's test
//! coverage in a release (Xray's OK / NOK / NOT RUN / UNKNOWN / UNCOVERED from the
//! newest results, rolled up the tree).

use std::collections::HashMap;

use crate::model::quality::{
    Coverage, QualityData, QualityItem, TestCase, TestCaseId, TestRun, coverage,
};
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
    TestCases,
}

/// One column's thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnId {
    Task(TaskId),
    Release(ReleaseId),
    Feedback(FeedbackId),
    /// The requirement's test coverage (the first column against test cases).
    Coverage,
    TestCase(TestCaseId),
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
    /// Against test cases: each row's coverage (empty otherwise).
    pub coverage: Vec<Coverage>,
    /// Against test cases: the cases of the columns after the first, to toggle links.
    pub cases: Vec<TestCase>,
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

    /// Requirements against test cases, with each requirement's coverage in `release`
    /// (`None`: over every run) as the first column; with a release, only its
    /// requirements (and the parents above them) are rows.
    pub fn test_cases(
        insights: &InsightsView,
        quality: &QualityData,
        release: Option<ReleaseId>,
    ) -> TraceMatrix {
        let runs: Vec<&TestRun> = quality
            .runs
            .iter()
            .filter(|r| release.is_none() || r.fields.release == release)
            .collect();
        let tree: Vec<(RequirementId, Option<RequirementId>)> = insights
            .requirements
            .iter()
            .map(|r| (r.requirement.id, r.requirement.fields.parent))
            .collect();
        let cov = coverage(&tree, &quality.cases, &runs);
        // The release's requirements and their parents.
        let shown: Option<std::collections::HashSet<RequirementId>> = release.map(|rel| {
            let parent: HashMap<RequirementId, Option<RequirementId>> =
                tree.iter().copied().collect();
            let mut keep = std::collections::HashSet::new();
            for r in &insights.requirements {
                if r.requirement.fields.release != Some(rel) {
                    continue;
                }
                let mut at = Some(r.requirement.id);
                while let Some(id) = at {
                    if !keep.insert(id) {
                        break;
                    }
                    at = parent.get(&id).copied().flatten();
                }
            }
            keep
        });
        let mut by_requirement: HashMap<RequirementId, Vec<u32>> = HashMap::new();
        for (i, c) in quality.cases.iter().enumerate() {
            for r in &c.fields.requirements {
                by_requirement.entry(*r).or_default().push(i as u32 + 1);
            }
        }
        let mut cols = Vec::with_capacity(quality.cases.len() + 1);
        cols.push((ColumnId::Coverage, String::new()));
        cols.extend(quality.cases.iter().map(|c| {
            let title: String = c.fields.title.chars().take(40).collect();
            (ColumnId::TestCase(c.id), format!("{} {title}", c.id.key()))
        }));
        let mut m = TraceMatrix::build_filtered(
            TraceColumns::TestCases,
            insights,
            cols,
            |id| shown.as_ref().is_none_or(|s| s.contains(&id)),
            |_, id| by_requirement.get(&id).cloned().unwrap_or_default(),
        );
        m.coverage = m
            .rows
            .iter()
            .map(|(id, _, _)| cov.get(id).copied().unwrap_or(Coverage::Uncovered))
            .collect();
        m.col_cover[0] = m.coverage.iter().filter(|c| **c == Coverage::Ok).count() as u32;
        m.cases = quality.cases.clone();
        m
    }

    fn build(
        columns_are: TraceColumns,
        insights: &InsightsView,
        cols: Vec<(ColumnId, String)>,
        linked: impl Fn(&RequirementFields, RequirementId) -> Vec<u32>,
    ) -> TraceMatrix {
        TraceMatrix::build_filtered(columns_are, insights, cols, |_| true, linked)
    }

    fn build_filtered(
        columns_are: TraceColumns,
        insights: &InsightsView,
        cols: Vec<(ColumnId, String)>,
        shown: impl Fn(RequirementId) -> bool,
        linked: impl Fn(&RequirementFields, RequirementId) -> Vec<u32>,
    ) -> TraceMatrix {
        let mut col_cover = vec![0u32; cols.len()];
        let mut rows = Vec::with_capacity(insights.requirements.len());
        let mut cells = Vec::with_capacity(insights.requirements.len());
        for r in &insights.requirements {
            let id = r.requirement.id;
            if !shown(id) {
                continue;
            }
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
            coverage: Vec::new(),
            cases: Vec::new(),
        }
    }

    /// A row's coverage, against test cases.
    pub fn coverage_of(&self, r: usize) -> Option<Coverage> {
        self.coverage.get(r).copied()
    }

    /// Whether row `r` and column `c` are linked.
    pub fn linked(&self, r: usize, c: usize) -> bool {
        self.cells
            .get(r)
            .is_some_and(|row| row.binary_search(&(c as u32)).is_ok())
    }

    /// Requirements linked to nothing here (against test cases: uncovered ones).
    pub fn uncovered_rows(&self) -> usize {
        if self.columns_are == TraceColumns::TestCases {
            return self
                .coverage
                .iter()
                .filter(|c| **c == Coverage::Uncovered)
                .count();
        }
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
            ColumnId::Coverage => return None,
            ColumnId::TestCase(case) => {
                let mut case = self.cases.iter().find(|x| x.id == case)?.clone();
                if on {
                    case.fields.requirements.retain(|x| *x != id);
                } else {
                    case.fields.requirements.push(id);
                }
                Change::UpdateQualityItem(QualityItem::Case(case))
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

    #[test]
    fn against_test_cases_the_first_column_is_coverage_and_a_click_links_a_case() {
        use crate::model::quality::{
            ResultStatus, RunId, TestCaseFields, TestResult, TestRunFields,
        };
        let epic = RequirementFields::titled("移动端");
        let mut a = RequirementFields::titled("离线");
        a.parent = Some(RequirementId(1));
        let mut b = RequirementFields::titled("推送");
        b.parent = Some(RequirementId(1));
        let insights = InsightsView::of(
            Vec::new(),
            Vec::new(),
            [epic, a, b]
                .into_iter()
                .enumerate()
                .map(|(i, fields)| Requirement {
                    id: RequirementId(i as i64 + 1),
                    fields,
                })
                .collect(),
            HashMap::new(),
        );
        let case = TestCase {
            id: TestCaseId(1),
            fields: TestCaseFields {
                title: "离线可读".into(),
                requirements: vec![RequirementId(2)],
                ..TestCaseFields::default()
            },
        };
        let quality = QualityData {
            cases: vec![case],
            runs: vec![TestRun {
                id: RunId(1),
                fields: TestRunFields {
                    name: "第一轮".into(),
                    release: None,
                    cases: vec![TestCaseId(1)],
                    assignees: Vec::new(),
                    from: None,
                    to: None,
                    results: vec![TestResult {
                        case: TestCaseId(1),
                        status: ResultStatus::Passed,
                        steps: Vec::new(),
                        comment: String::new(),
                        by: String::new(),
                        at: chrono::NaiveDateTime::default(),
                    }],
                },
            }],
            ..QualityData::default()
        };
        let m = TraceMatrix::test_cases(&insights, &quality, None);
        assert_eq!(m.cols.len(), 2);
        // 离线 is OK, 推送 uncovered, the epic takes the worst of them.
        assert_eq!(
            m.coverage,
            [Coverage::Uncovered, Coverage::Ok, Coverage::Uncovered]
        );
        assert!(m.linked(1, 1) && !m.linked(2, 1));
        assert_eq!(m.uncovered_rows(), 2);
        assert_eq!(m.toggle(&insights, 1, 0), None);
        match m.toggle(&insights, 2, 1) {
            Some(Change::UpdateQualityItem(QualityItem::Case(c))) => {
                assert_eq!(c.fields.requirements, [RequirementId(2), RequirementId(3)]);
            }
            other => panic!("{other:?}"),
        }
    }
}
