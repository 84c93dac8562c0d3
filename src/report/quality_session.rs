//! `QualitySession`: what the Quality page shows — suites (in tree order), cases, runs
//! and defects, the chosen release's coverage, readiness gate and dashboard figures —
//! read again only when the store, the release or the day moved.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::model::quality::{
    QualityData, ReadinessRule, ResultStatus, SuiteId, TestCaseId, TestRun, newest_results,
};
use crate::model::requirement::{Release, ReleaseId};
use crate::report::quality::QualityReport;
use crate::report::quality_metrics::QualityMetrics;
use crate::store::{StoreResult, Workspace};

#[derive(Clone, Debug, Default)]
pub struct QualitySession {
    /// What it was read for: release, store revision, day.
    built: Option<(Option<ReleaseId>, u64, NaiveDate)>,
    /// The quality stamp `data` was read at: an edit elsewhere (a task, a requirement)
    /// recomputes coverage and figures without reading every case and result again.
    data_stamp: Option<u64>,
    pub release: Option<Release>,
    pub data: QualityData,
    /// Suites in tree order with their depth.
    pub suite_tree: Vec<(SuiteId, usize)>,
    /// Each case's newest result over the release's runs (all runs without one).
    pub latest: HashMap<TestCaseId, ResultStatus>,
    pub report: QualityReport,
    pub metrics: QualityMetrics,
    pub rules: Vec<ReadinessRule>,
    pub today: Option<NaiveDate>,
}

impl QualitySession {
    pub fn refresh(
        &mut self,
        ws: &Workspace,
        release: Option<ReleaseId>,
        today: NaiveDate,
    ) -> StoreResult<()> {
        let key = (release, ws.revision(), today);
        if self.built == Some(key) {
            return Ok(());
        }
        self.release = match release {
            Some(id) => ws.releases()?.into_iter().find(|r| r.id == id),
            None => None,
        };
        let release = self.release.as_ref().map(|r| r.id);
        if self.data_stamp != Some(ws.quality_stamp()) {
            self.data = ws.quality()?;
            self.suite_tree = suite_tree(&self.data);
            self.data_stamp = Some(ws.quality_stamp());
        }
        let requirements = ws.requirements()?;
        let runs: Vec<&TestRun> = self
            .data
            .runs
            .iter()
            .filter(|r| release.is_none() || r.fields.release == release)
            .collect();
        self.latest = newest_results(runs.iter().flat_map(|r| &r.fields.results));
        // Everything from the one read above.
        self.rules = ws.gate_rules()?;
        self.report = QualityReport::compute(
            &self.data,
            &requirements,
            self.release.as_ref(),
            None,
            &self.rules,
        );
        self.metrics = QualityMetrics::build(&self.data, &requirements, release, today);
        self.today = Some(today);
        self.built = Some((release, ws.revision(), today));
        Ok(())
    }

    /// The store revision it was read at.
    pub fn revision(&self) -> Option<u64> {
        self.built.map(|(_, r, _)| r)
    }

    pub fn case(&self, id: TestCaseId) -> Option<&crate::model::quality::TestCase> {
        self.data.cases.iter().find(|c| c.id == id)
    }

    pub fn run(&self, id: crate::model::quality::RunId) -> Option<&TestRun> {
        self.data.runs.iter().find(|r| r.id == id)
    }

    pub fn suite_name(&self, id: Option<SuiteId>) -> Option<&str> {
        id.and_then(|id| self.data.suites.iter().find(|s| s.id == id))
            .map(|s| s.name.as_str())
    }
}

/// Suites as a tree: each parent before its children, siblings by number.
fn suite_tree(data: &QualityData) -> Vec<(SuiteId, usize)> {
    let items: Vec<(SuiteId, Option<SuiteId>)> =
        data.suites.iter().map(|s| (s.id, s.parent)).collect();
    let known: std::collections::HashSet<SuiteId> = items.iter().map(|(id, _)| *id).collect();
    let mut children: HashMap<Option<SuiteId>, Vec<SuiteId>> = HashMap::new();
    for (id, parent) in &items {
        // A parent that is gone (or the suite itself) puts it at the top.
        let parent = parent.filter(|p| known.contains(p) && p != id);
        children.entry(parent).or_default().push(*id);
    }
    let mut out = Vec::with_capacity(items.len());
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<(SuiteId, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|id| (*id, 0)).collect())
        .unwrap_or_default();
    while let Some((id, depth)) = stack.pop() {
        if !seen.insert(id) {
            continue;
        }
        out.push((id, depth));
        if let Some(kids) = children.get(&Some(id)) {
            stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
        }
    }
    // Suites in a loop of parents (no way up to the top) still show, at the top.
    for (id, _) in items {
        if seen.insert(id) {
            out.push((id, 0));
        }
    }
    out
}
