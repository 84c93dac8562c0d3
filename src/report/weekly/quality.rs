//! Quality for the weekly report, as the period ended: the release the project's tasks
//! deliver (the one with most requirements linked to them, in progress before
//! planned), its pass rate and how it moved since the run before, coverage, open
//! defects by severity, defects found and fixed in the period, the readiness verdict
//! with the rules not met, and the quality status with the rule behind it.

use super::{Period, Rag, Rule};
use crate::model::Project;
use crate::model::quality::{Coverage, RuleOutcome};
use crate::report::quality::QualityReport;
use crate::report::quality_metrics::QualityMetrics;
use crate::store::{StoreResult, Workspace};

/// Below this pass rate the quality status is red.
const RED_PASS_RATE: f64 = 0.9;

/// The quality highlights of the period.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QualityHighlights {
    /// The release measured (`None`: the project delivers no release with tests).
    pub release: Option<String>,
    pub cases: usize,
    pub runs: usize,
    pub pass_rate: Option<f64>,
    /// The pass rate of the run before the newest.
    pub pass_rate_before: Option<f64>,
    /// Requirements per coverage status: OK, NOK, NOT RUN, UNKNOWN, UNCOVERED.
    pub coverage: [usize; 5],
    /// Open defects per severity, S1 to S4.
    pub open: [usize; 4],
    pub found: usize,
    pub fixed: usize,
    pub ready: bool,
    /// The gate's rules not met.
    pub failing: Vec<RuleOutcome>,
}

/// The release `project` delivers: most requirements linked to its tasks, a release
/// in progress before a planned one, a released one last.
fn release_of(
    ws: &Workspace,
    project: &Project,
) -> StoreResult<Option<crate::model::requirement::Release>> {
    let tasks: std::collections::HashSet<crate::model::TaskId> =
        ws.plan(project.id)?.tasks.iter().map(|t| t.id).collect();
    let mut count: std::collections::HashMap<crate::model::requirement::ReleaseId, usize> =
        std::collections::HashMap::new();
    for r in ws.requirements()? {
        if let Some(rel) = r.fields.release
            && r.fields.tasks.iter().any(|t| tasks.contains(t))
        {
            *count.entry(rel).or_default() += 1;
        }
    }
    let rank = |status: &str| match status {
        "in_progress" => 0,
        "planned" => 1,
        _ => 2,
    };
    Ok(ws
        .releases()?
        .into_iter()
        .filter(|r| count.contains_key(&r.id))
        .min_by_key(|r| {
            (
                rank(&r.fields.status),
                std::cmp::Reverse(count.get(&r.id).copied().unwrap_or(0)),
                r.id.0,
            )
        }))
}

/// The quality highlights of `project` for `period`.
pub fn highlights(
    ws: &Workspace,
    project: &Project,
    period: Period,
) -> StoreResult<QualityHighlights> {
    let Some(release) = release_of(ws, project)? else {
        return Ok(QualityHighlights::default());
    };
    // As the week ended: later results and defects are not this report's.
    let data = ws.quality()?.as_of(period.to);
    let requirements = ws.requirements()?;
    let q = QualityReport::compute(
        &data,
        &requirements,
        Some(&release),
        None,
        &ws.gate_rules()?,
    );
    if q.cases == 0 {
        return Ok(QualityHighlights {
            release: Some(release.fields.name),
            ..QualityHighlights::default()
        });
    }
    let metrics = QualityMetrics::build(&data, &requirements, Some(release.id), period.to);
    let mut coverage = [0usize; 5];
    for (_, c) in &q.coverage {
        let i = match c {
            Coverage::Ok => 0,
            Coverage::Nok => 1,
            Coverage::NotRun => 2,
            Coverage::Unknown => 3,
            Coverage::Uncovered => 4,
        };
        coverage[i] += 1;
    }
    let mut open = [0usize; 4];
    for (i, (_, n)) in q.open_defects.iter().enumerate().take(4) {
        open[i] = *n;
    }
    let in_period = |d: Option<chrono::NaiveDate>| d.is_some_and(|d| period.contains(d));
    let defects = data
        .defects
        .iter()
        .filter(|d| d.fields.release == Some(release.id));
    let (mut found, mut fixed) = (0, 0);
    for d in defects {
        found += usize::from(in_period(d.fields.found));
        fixed += usize::from(in_period(d.fields.fixed));
    }
    let ran: Vec<_> = metrics.runs.iter().collect();
    Ok(QualityHighlights {
        release: Some(release.fields.name),
        cases: q.cases,
        runs: q.runs,
        pass_rate: q.pass_rate,
        pass_rate_before: ran
            .len()
            .checked_sub(2)
            .and_then(|i| ran.get(i))
            .and_then(|r| r.pass_rate),
        coverage,
        open,
        found,
        fixed,
        ready: q.ready(),
        failing: q.rules.into_iter().filter(|r| !r.met).collect(),
    })
}

impl QualityHighlights {
    /// The quality status and its rule: red with an open S1 defect or a pass rate
    /// under 90 %; amber while the readiness gate is not met; green when it is; none
    /// without tests.
    pub fn status(&self) -> (Option<Rag>, Option<Rule>) {
        let Some(release) = &self.release else {
            return (None, None);
        };
        if self.cases == 0 {
            return (None, None);
        }
        let rate = self
            .pass_rate
            .map_or_else(|| "—".to_owned(), |p| format!("{:.1}", p * 100.0));
        if self.open[0] > 0 {
            return (
                Some(Rag::Red),
                Some(Rule::new(
                    "weekly.rule.quality_red_s1",
                    &[("release", release), ("n", &self.open[0].to_string())],
                )),
            );
        }
        if self.pass_rate.is_some_and(|p| p < RED_PASS_RATE) {
            return (
                Some(Rag::Red),
                Some(Rule::new(
                    "weekly.rule.quality_red_rate",
                    &[("release", release), ("rate", &rate)],
                )),
            );
        }
        if !self.ready {
            return (
                Some(Rag::Amber),
                Some(Rule::new(
                    "weekly.rule.quality_amber",
                    &[("release", release), ("n", &self.failing.len().to_string())],
                )),
            );
        }
        (
            Some(Rag::Green),
            Some(Rule::new(
                "weekly.rule.quality_green",
                &[("release", release)],
            )),
        )
    }

    /// The facts of `report --as json`.
    pub fn to_json(&self) -> serde_json::Value {
        let rate = |p: Option<f64>| p.map(|p| (p * 10_000.0).round() / 10_000.0);
        serde_json::json!({
            "release": self.release,
            "cases": self.cases,
            "runs": self.runs,
            "pass_rate": rate(self.pass_rate),
            "pass_rate_before": rate(self.pass_rate_before),
            "coverage": {
                "ok": self.coverage[0],
                "nok": self.coverage[1],
                "not_run": self.coverage[2],
                "unknown": self.coverage[3],
                "uncovered": self.coverage[4],
            },
            "open_defects": {
                "S1": self.open[0], "S2": self.open[1], "S3": self.open[2], "S4": self.open[3],
            },
            "found": self.found,
            "fixed": self.fixed,
            "ready": self.ready,
            "failing_rules": self.failing.iter().map(|r| serde_json::json!({
                "rule": r.rule.code(),
                "failing": r.failing,
            })).collect::<Vec<_>>(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_project_reports_its_release_as_the_week_ended() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let day = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
        // The week of the second run: two runs so far, the third not yet.
        let week = Period {
            from: day(23),
            to: day(29),
        };
        let q = highlights(&ws, &project, week).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(q.release.as_deref(), Some("2.0 正式版"));
        assert_eq!(q.runs, 2);
        assert!(q.pass_rate_before.is_some() && q.pass_rate.is_some());
        assert!(
            q.found > 0,
            "the second run's failures were filed that week"
        );
        assert!(!q.ready && !q.failing.is_empty());
        let (rag, rule) = q.status();
        assert!(rag.is_some() && rule.is_some());
        let json = q.to_json();
        assert_eq!(json["runs"], 2);
        assert!(json["open_defects"]["S2"].is_u64());
    }
}
