//! The quality of a release (or of everything) as `quality --json` reads it: how many
//! cases and runs, the pass rate of the newest results, each requirement's coverage
//! (Xray's statuses, rolled up the tree), open defects by severity, and the readiness
//! gate's verdict with what fails each rule.

use std::collections::HashMap;

use crate::model::quality::{
    Coverage, GateInput, QualityData, RuleOutcome, SEVERITIES, coverage, newest_results, pass_rate,
    readiness,
};
use crate::model::requirement::{Release, RequirementId};
use crate::store::{StoreResult, Workspace};

/// A release's quality.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QualityReport {
    pub release: Option<String>,
    pub cases: usize,
    pub runs: usize,
    pub pass_rate: Option<f64>,
    /// Requirement key and its coverage, in the pool's order.
    pub coverage: Vec<(String, Coverage)>,
    /// Open defects per severity (S1–S4), and all defects of the release.
    pub open_defects: Vec<(&'static str, usize)>,
    pub total_defects: usize,
    pub rules: Vec<RuleOutcome>,
}

impl QualityReport {
    pub fn build(ws: &Workspace, release: Option<&Release>) -> StoreResult<QualityReport> {
        Ok(Self::compute(
            &ws.quality()?,
            &ws.requirements()?,
            release,
            None,
            &ws.gate_rules()?,
        ))
    }

    /// The quality of a release, or of one run (its results only, the requirements its
    /// cases test or its release's, the defects found in it), from data already read:
    /// the Quality page, the test report and the weekly report read the workspace once
    /// for this and everything else they show.
    pub fn compute(
        data: &QualityData,
        requirements: &[crate::model::research::Requirement],
        release: Option<&Release>,
        run: Option<crate::model::quality::RunId>,
        gate_rules: &[crate::model::quality::ReadinessRule],
    ) -> QualityReport {
        let release_id = release.map(|r| r.id);
        // A run without a release: the requirements its cases test.
        let run_reqs: Option<std::collections::HashSet<RequirementId>> = run
            .filter(|_| release_id.is_none())
            .and_then(|id| data.runs.iter().find(|r| r.id == id))
            .map(|r| {
                data.cases
                    .iter()
                    .filter(|c| r.fields.cases.contains(&c.id))
                    .flat_map(|c| c.fields.requirements.iter().copied())
                    .collect()
            });
        // The release's requirements (with their parents, for the roll-up), or all.
        let in_scope: Vec<&crate::model::research::Requirement> = requirements
            .iter()
            .filter(|r| match &run_reqs {
                Some(ids) => ids.contains(&r.id),
                None => release_id.is_none() || r.fields.release == release_id,
            })
            .collect();
        let scope_ids: std::collections::HashSet<RequirementId> =
            in_scope.iter().map(|r| r.id).collect();
        let tree: Vec<(RequirementId, Option<RequirementId>)> = requirements
            .iter()
            .map(|r| (r.id, r.fields.parent))
            .collect();
        let runs: Vec<&crate::model::quality::TestRun> = data
            .runs
            .iter()
            .filter(|r| match run {
                Some(id) => r.id == id,
                None => release_id.is_none() || r.fields.release == release_id,
            })
            .collect();
        let cov = coverage(&tree, &data.cases, &runs);
        let coverage_list: Vec<(String, Coverage)> = in_scope
            .iter()
            .map(|r| {
                (
                    r.id.key(),
                    cov.get(&r.id).copied().unwrap_or(Coverage::Uncovered),
                )
            })
            .collect();
        let cases = data
            .cases
            .iter()
            .filter(|c| match run {
                Some(_) => runs.iter().any(|r| r.fields.cases.contains(&c.id)),
                None => {
                    release_id.is_none()
                        || c.fields.requirements.iter().any(|r| scope_ids.contains(r))
                }
            })
            .count();
        // The pass rate of the newest result of each case over the release's runs.
        let pass_rate =
            pass_rate(newest_results(runs.iter().flat_map(|r| &r.fields.results)).into_values());
        let defects: Vec<&crate::model::quality::Defect> = data
            .defects
            .iter()
            .filter(|d| match run {
                Some(id) => d.fields.run == Some(id),
                None => release_id.is_none() || d.fields.release == release_id,
            })
            .collect();
        let open: Vec<(String, String)> = defects
            .iter()
            .filter(|d| d.fields.is_open())
            .map(|d| (d.id.key(), d.fields.severity.clone()))
            .collect();
        let open_defects = SEVERITIES
            .iter()
            .map(|s| (*s, open.iter().filter(|(_, x)| x == s).count()))
            .collect();
        let priorities: HashMap<RequirementId, Option<u8>> =
            in_scope.iter().map(|r| (r.id, r.fields.priority)).collect();
        let gate_reqs: Vec<(String, Option<u8>, Coverage)> = in_scope
            .iter()
            .map(|r| {
                (
                    r.id.key(),
                    priorities.get(&r.id).copied().flatten(),
                    cov.get(&r.id).copied().unwrap_or(Coverage::Uncovered),
                )
            })
            .collect();
        let rules = readiness(
            gate_rules,
            &GateInput {
                requirements: &gate_reqs,
                open_defects: &open,
                pass_rate,
            },
        );
        QualityReport {
            release: release.map(|r| r.fields.name.clone()),
            cases,
            runs: runs.len(),
            pass_rate,
            coverage: coverage_list,
            open_defects,
            total_defects: defects.len(),
            rules,
        }
    }

    pub fn ready(&self) -> bool {
        self.rules.iter().all(|r| r.met)
    }

    /// `quality --json`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "release": self.release,
            "cases": self.cases,
            "runs": self.runs,
            "pass_rate": self.pass_rate.map(|p| (p * 10_000.0).round() / 10_000.0),
            "coverage": self.coverage.iter().map(|(k, c)| serde_json::json!({
                "key": k, "status": c.code(),
            })).collect::<Vec<_>>(),
            "defects": {
                "open": self.open_defects.iter().map(|(s, n)| ((*s).to_owned(), serde_json::json!(n)))
                    .collect::<serde_json::Map<String, serde_json::Value>>(),
                "total": self.total_defects,
            },
            "readiness": {
                "ready": self.ready(),
                "rules": self.rules.iter().map(|r| serde_json::json!({
                    "rule": r.rule.code(),
                    "met": r.met,
                    "failing": r.failing,
                })).collect::<Vec<_>>(),
            },
        })
    }
}
