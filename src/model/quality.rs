//! Quality: test cases in suites, test runs and their results, defects, and what follows
//! from them — requirement coverage with Xray's statuses (OK, NOK, NOT RUN, UNKNOWN,
//! UNCOVERED) rolled up the requirement tree, and a release readiness gate of rules.
//! Plain data and logic; the store keeps it, the Quality page and reports read it.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::TaskId;
use super::requirement::{ReleaseId, RequirementId};

macro_rules! key_id {
    ($name:ident, $prefix:literal) => {
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
        )]
        pub struct $name(pub i64);

        impl $name {
            pub fn key(self) -> String {
                format!(concat!($prefix, "-{}"), self.0)
            }

            /// Reads `PREFIX-12` (or `12`).
            pub fn parse_key(key: &str) -> Option<$name> {
                let k = key.trim();
                k.strip_prefix(concat!($prefix, "-"))
                    .unwrap_or(k)
                    .parse()
                    .ok()
                    .map($name)
            }
        }
    };
}

key_id!(TestCaseId, "TC");
key_id!(DefectId, "BUG");
key_id!(RunId, "RUN");
key_id!(SuiteId, "SUITE");

/// The built-in test types (功能/性能/安全/兼容/易用/回归); a workspace may add others.
pub const CASE_TYPES: [&str; 6] = [
    "functional",
    "performance",
    "security",
    "compatibility",
    "usability",
    "regression",
];

/// One step of a test case.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TestStep {
    pub action: String,
    #[serde(default)]
    pub expected: String,
}

/// A suite: a node of the suite tree.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suite {
    pub id: SuiteId,
    pub name: String,
    #[serde(default)]
    pub parent: Option<SuiteId>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TestCaseFields {
    pub title: String,
    #[serde(default)]
    pub preconditions: String,
    #[serde(default)]
    pub steps: Vec<TestStep>,
    /// P0–P3 as 0–3.
    #[serde(default)]
    pub priority: Option<u8>,
    /// A type code of [`CASE_TYPES`] or the workspace's own.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub automated: bool,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub requirements: Vec<RequirementId>,
    #[serde(default)]
    pub suite: Option<SuiteId>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestCase {
    pub id: TestCaseId,
    pub fields: TestCaseFields,
}

impl TestCaseFields {
    /// A case per acceptance criterion of a requirement (one step: check it; expected:
    /// the criterion), in `suite`, with the requirement's priority, linked to it.
    pub fn from_acceptance(
        requirement: &crate::model::research::Requirement,
        suite: Option<SuiteId>,
    ) -> Vec<TestCaseFields> {
        let r = &requirement.fields;
        r.acceptance
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .map(|c| TestCaseFields {
                title: format!("{}: {}", r.title, c.text.trim()),
                preconditions: String::new(),
                steps: vec![TestStep {
                    action: c.text.trim().to_owned(),
                    expected: c.text.trim().to_owned(),
                }],
                priority: r.priority,
                kind: "functional".into(),
                automated: false,
                tags: r.tags.clone(),
                owner: String::new(),
                requirements: vec![requirement.id],
                suite,
            })
            .collect()
    }
}

/// How a run's cases are chosen.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseSelection {
    /// The cases of a suite and the suites under it (`None`: cases in no suite).
    Suite(Option<SuiteId>),
    Tag(String),
    Requirement(RequirementId),
    /// Priority P0 up to this one.
    PriorityUpTo(u8),
    /// Everything linked to the release's requirements.
    Release,
    Everything,
}

impl CaseSelection {
    /// The chosen cases, by number. `release_requirements` are the release's
    /// requirements (for [`CaseSelection::Release`]).
    pub fn select(
        &self,
        data: &QualityData,
        release_requirements: &std::collections::HashSet<RequirementId>,
    ) -> Vec<TestCaseId> {
        let within: std::collections::HashSet<SuiteId> = match self {
            CaseSelection::Suite(Some(root)) => {
                // The suite and its descendants (parents followed up, bounded).
                data.suites
                    .iter()
                    .filter(|s| {
                        let mut at = Some(s.id);
                        for _ in 0..=data.suites.len() {
                            match at {
                                Some(x) if x == *root => return true,
                                Some(x) => {
                                    at = data
                                        .suites
                                        .iter()
                                        .find(|p| p.id == x)
                                        .and_then(|p| p.parent)
                                }
                                None => return false,
                            }
                        }
                        false
                    })
                    .map(|s| s.id)
                    .collect()
            }
            _ => Default::default(),
        };
        data.cases
            .iter()
            .filter(|c| {
                let f = &c.fields;
                match self {
                    CaseSelection::Suite(Some(_)) => f.suite.is_some_and(|s| within.contains(&s)),
                    CaseSelection::Suite(None) => f.suite.is_none(),
                    CaseSelection::Tag(t) => f.tags.iter().any(|x| x == t.trim()),
                    CaseSelection::Requirement(r) => f.requirements.contains(r),
                    CaseSelection::PriorityUpTo(p) => f.priority.is_some_and(|x| x <= *p),
                    CaseSelection::Release => f
                        .requirements
                        .iter()
                        .any(|r| release_requirements.contains(r)),
                    CaseSelection::Everything => true,
                }
            })
            .map(|c| c.id)
            .collect()
    }
}

/// A test result's status (TestRail's map onto these).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultStatus {
    Passed,
    Failed,
    Blocked,
    Skipped,
    Untested,
}

impl ResultStatus {
    pub const ALL: [ResultStatus; 5] = [
        ResultStatus::Passed,
        ResultStatus::Failed,
        ResultStatus::Blocked,
        ResultStatus::Skipped,
        ResultStatus::Untested,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ResultStatus::Passed => "passed",
            ResultStatus::Failed => "failed",
            ResultStatus::Blocked => "blocked",
            ResultStatus::Skipped => "skipped",
            ResultStatus::Untested => "untested",
        }
    }

    /// Reads our codes, TestRail's statuses and the Chinese names.
    pub fn parse(text: &str) -> Option<ResultStatus> {
        Some(match text.trim().to_lowercase().as_str() {
            "passed" | "pass" | "通过" | "成功" => ResultStatus::Passed,
            "failed" | "fail" | "失败" => ResultStatus::Failed,
            "blocked" | "阻塞" => ResultStatus::Blocked,
            "skipped" | "skip" | "跳过" | "retest" => ResultStatus::Skipped,
            "untested" | "not run" | "未执行" | "" => ResultStatus::Untested,
            _ => return None,
        })
    }
}

/// One execution of a case in a run; a run keeps every result (re-running keeps the
/// history), the newest counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestResult {
    pub case: TestCaseId,
    pub status: ResultStatus,
    /// Per step, when recorded step by step.
    #[serde(default)]
    pub steps: Vec<ResultStatus>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub by: String,
    pub at: NaiveDateTime,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TestRunFields {
    pub name: String,
    #[serde(default)]
    pub release: Option<ReleaseId>,
    pub cases: Vec<TestCaseId>,
    #[serde(default)]
    pub assignees: Vec<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub results: Vec<TestResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TestRun {
    pub id: RunId,
    pub fields: TestRunFields,
}

/// The newest result of each case among `results` (a later one wins a tie).
pub fn newest_results<'a>(
    results: impl IntoIterator<Item = &'a TestResult>,
) -> HashMap<TestCaseId, ResultStatus> {
    let mut newest: HashMap<TestCaseId, (NaiveDateTime, ResultStatus)> = HashMap::new();
    for r in results {
        match newest.get(&r.case) {
            Some((at, _)) if *at > r.at => {}
            _ => {
                newest.insert(r.case, (r.at, r.status));
            }
        }
    }
    newest.into_iter().map(|(c, (_, s))| (c, s)).collect()
}

/// Passed ÷ executed (passed, failed or blocked), or `None` before anything ran.
pub fn pass_rate(statuses: impl IntoIterator<Item = ResultStatus>) -> Option<f64> {
    let (mut executed, mut passed) = (0usize, 0usize);
    for s in statuses {
        match s {
            ResultStatus::Passed => {
                executed += 1;
                passed += 1;
            }
            ResultStatus::Failed | ResultStatus::Blocked => executed += 1,
            ResultStatus::Skipped | ResultStatus::Untested => {}
        }
    }
    (executed > 0).then(|| passed as f64 / executed as f64)
}

impl TestRunFields {
    /// The newest result of each case of the run (a case without one is untested).
    pub fn latest(&self) -> HashMap<TestCaseId, ResultStatus> {
        let newest = newest_results(&self.results);
        self.cases
            .iter()
            .map(|c| (*c, newest.get(c).copied().unwrap_or(ResultStatus::Untested)))
            .collect()
    }

    /// Passed ÷ executed (passed, failed or blocked), or `None` before anything ran.
    pub fn pass_rate(&self) -> Option<f64> {
        pass_rate(self.latest().into_values())
    }
}

/// The defect workflow: 新建 → 已确认 → 修复中 → 待验证 → 已关闭, or 重新打开, or 不修复.
pub const DEFECT_STATUSES: [&str; 7] = [
    "new",
    "confirmed",
    "fixing",
    "verifying",
    "closed",
    "reopened",
    "wont_fix",
];

/// S1 (critical) to S4 (minor).
pub const SEVERITIES: [&str; 4] = ["S1", "S2", "S3", "S4"];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DefectFields {
    pub title: String,
    #[serde(default)]
    pub steps: String,
    #[serde(default)]
    pub expected: String,
    #[serde(default)]
    pub actual: String,
    /// One of [`SEVERITIES`].
    pub severity: String,
    #[serde(default)]
    pub priority: Option<u8>,
    /// One of [`DEFECT_STATUSES`].
    pub status: String,
    #[serde(default)]
    pub release: Option<ReleaseId>,
    #[serde(default)]
    pub run: Option<RunId>,
    #[serde(default)]
    pub case: Option<TestCaseId>,
    #[serde(default)]
    pub requirement: Option<RequirementId>,
    #[serde(default)]
    pub task: Option<TaskId>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub found: Option<NaiveDate>,
    #[serde(default)]
    pub fixed: Option<NaiveDate>,
    #[serde(default)]
    pub verified: Option<NaiveDate>,
    /// How many times it was reopened.
    #[serde(default)]
    pub reopened: u32,
}

impl DefectFields {
    /// Not yet closed and not set aside.
    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "closed" | "wont_fix")
    }

    /// Where the workflow goes from its status: 新建 → 已确认 (or 不修复) → 修复中 →
    /// 待验证 → 已关闭 (or 重新打开); a closed or set-aside defect can be reopened.
    pub fn next_statuses(&self) -> &'static [&'static str] {
        match self.status.as_str() {
            "new" => &["confirmed", "wont_fix"],
            "confirmed" => &["fixing", "wont_fix"],
            "fixing" => &["verifying"],
            "verifying" => &["closed", "reopened"],
            "reopened" => &["fixing", "wont_fix"],
            "closed" | "wont_fix" => &["reopened"],
            _ => &[],
        }
    }

    /// The defect moved to `status` on `today`: 待验证 dates the fix, 已关闭 the
    /// verification, 重新打开 counts a reopening and clears both.
    pub fn moved_to(&self, status: &str, today: NaiveDate) -> DefectFields {
        let mut f = self.clone();
        match status {
            "verifying" => f.fixed = Some(today),
            "closed" => {
                f.fixed.get_or_insert(today);
                f.verified = Some(today);
            }
            "reopened" => {
                f.reopened += 1;
                f.fixed = None;
                f.verified = None;
            }
            _ => {}
        }
        f.status = status.to_owned();
        f
    }

    /// A defect for a failed result (提缺陷): the case's steps as steps to reproduce,
    /// the failing step's expectation and the tester's comment as expected and actual,
    /// found in the run's release, the run and the case, for its first requirement.
    pub fn from_failure(case: &TestCase, run: &TestRun, result: &TestResult) -> DefectFields {
        let failing = result
            .steps
            .iter()
            .position(|s| *s == ResultStatus::Failed)
            .or_else(|| case.fields.steps.len().checked_sub(1));
        let steps = case
            .fields
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let mark = if Some(i) == failing { " ×" } else { "" };
                format!("{}. {}{mark}", i + 1, s.action)
            })
            .collect::<Vec<_>>()
            .join("\n");
        let steps = if case.fields.preconditions.is_empty() {
            steps
        } else {
            format!("{}\n{steps}", case.fields.preconditions)
        };
        let expected = failing
            .and_then(|i| case.fields.steps.get(i))
            .map(|s| s.expected.clone())
            .unwrap_or_default();
        let title = match failing {
            Some(i) if case.fields.steps.len() > 1 => {
                format!("{} ({} #{})", case.fields.title, case.id.key(), i + 1)
            }
            _ => format!("{} ({})", case.fields.title, case.id.key()),
        };
        DefectFields {
            title,
            steps,
            expected,
            actual: result.comment.clone(),
            severity: "S3".into(),
            priority: case.fields.priority,
            status: "new".into(),
            release: run.fields.release,
            run: Some(run.id),
            case: Some(case.id),
            requirement: case.fields.requirements.first().copied(),
            owner: String::new(),
            found: Some(result.at.date()),
            ..DefectFields::default()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Defect {
    pub id: DefectId,
    pub fields: DefectFields,
}

/// A requirement's coverage, as Xray computes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Coverage {
    /// Every linked case's newest result passed.
    Ok,
    /// Some linked case failed.
    Nok,
    /// Some linked case has not run, none failed.
    NotRun,
    /// Blocked or skipped only, or a mix Xray cannot call.
    Unknown,
    /// No case is linked.
    Uncovered,
}

impl Coverage {
    pub fn code(self) -> &'static str {
        match self {
            Coverage::Ok => "ok",
            Coverage::Nok => "nok",
            Coverage::NotRun => "not_run",
            Coverage::Unknown => "unknown",
            Coverage::Uncovered => "uncovered",
        }
    }

    /// How bad it is, for rolling up: the worst of the children counts.
    fn rank(self) -> u8 {
        match self {
            Coverage::Ok => 0,
            Coverage::Unknown => 1,
            Coverage::NotRun => 2,
            Coverage::Uncovered => 3,
            Coverage::Nok => 4,
        }
    }

    /// The status of a requirement from its cases' newest results.
    pub fn of(statuses: &[ResultStatus]) -> Coverage {
        if statuses.is_empty() {
            return Coverage::Uncovered;
        }
        if statuses.contains(&ResultStatus::Failed) {
            return Coverage::Nok;
        }
        if statuses.iter().all(|s| *s == ResultStatus::Passed) {
            return Coverage::Ok;
        }
        if statuses.contains(&ResultStatus::Untested) {
            return Coverage::NotRun;
        }
        Coverage::Unknown
    }
}

/// Where a case sits in the list, by its number.
enum CaseSlots {
    Dense(Vec<Option<usize>>),
    Sparse(HashMap<TestCaseId, usize>),
}

impl CaseSlots {
    fn new(cases: &[TestCase]) -> CaseSlots {
        let max = cases.iter().map(|c| c.id.0).max().unwrap_or(0);
        let dense = cases.iter().all(|c| c.id.0 >= 0)
            && usize::try_from(max).is_ok_and(|m| m <= cases.len().saturating_mul(4) + 1024);
        if dense {
            let mut table = vec![None; usize::try_from(max).unwrap_or(0) + 1];
            for (i, c) in cases.iter().enumerate() {
                if let Some(slot) = usize::try_from(c.id.0).ok().and_then(|k| table.get_mut(k)) {
                    *slot = Some(i);
                }
            }
            CaseSlots::Dense(table)
        } else {
            CaseSlots::Sparse(cases.iter().enumerate().map(|(i, c)| (c.id, i)).collect())
        }
    }

    fn of(&self, id: TestCaseId) -> Option<usize> {
        match self {
            CaseSlots::Dense(t) => usize::try_from(id.0)
                .ok()
                .and_then(|k| t.get(k).copied().flatten()),
            CaseSlots::Sparse(m) => m.get(&id).copied(),
        }
    }
}

/// The newest results of a requirement's cases, counted.
#[derive(Clone, Copy, Debug, Default)]
struct Tally {
    total: u32,
    passed: u32,
    failed: u32,
    untested: u32,
}

impl Tally {
    fn add(&mut self, s: ResultStatus) {
        self.total += 1;
        match s {
            ResultStatus::Passed => self.passed += 1,
            ResultStatus::Failed => self.failed += 1,
            ResultStatus::Untested => self.untested += 1,
            ResultStatus::Blocked | ResultStatus::Skipped => {}
        }
    }

    /// As [`Coverage::of`] reads the statuses.
    fn coverage(self) -> Coverage {
        if self.total == 0 {
            Coverage::Uncovered
        } else if self.failed > 0 {
            Coverage::Nok
        } else if self.passed == self.total {
            Coverage::Ok
        } else if self.untested > 0 {
            Coverage::NotRun
        } else {
            Coverage::Unknown
        }
    }
}

/// Each requirement's coverage for a release: its linked cases' newest results across
/// the release's runs (the newest run's result wins for a case run twice), rolled up
/// the tree (a parent is as bad as its worst child, counting its own cases too).
/// `requirements`: id and parent.
pub fn coverage(
    requirements: &[(RequirementId, Option<RequirementId>)],
    cases: &[TestCase],
    runs: &[&TestRun],
) -> HashMap<RequirementId, Coverage> {
    // The newest result of each case over the runs: cases by their position, found
    // through a table when their numbers are dense (they are, as the store gives
    // them), else through a map.
    let slot = CaseSlots::new(cases);
    let mut newest: Vec<Option<(NaiveDateTime, ResultStatus)>> = vec![None; cases.len()];
    for run in runs {
        for r in &run.fields.results {
            let Some(i) = slot.of(r.case) else {
                continue;
            };
            match newest[i] {
                Some((at, _)) if at > r.at => {}
                _ => newest[i] = Some((r.at, r.status)),
            }
        }
    }
    let index: HashMap<RequirementId, usize> = requirements
        .iter()
        .enumerate()
        .map(|(i, (id, _))| (*id, i))
        .collect();
    let mut linked: Vec<Tally> = vec![Tally::default(); requirements.len()];
    for (c, result) in cases.iter().zip(&newest) {
        // A case in no run of the release has not run for it.
        let status = result.map_or(ResultStatus::Untested, |(_, s)| s);
        for r in &c.fields.requirements {
            if let Some(&i) = index.get(r) {
                linked[i].add(status);
            }
        }
    }
    let mut out: HashMap<RequirementId, Coverage> = requirements
        .iter()
        .zip(&linked)
        .map(|((id, _), t)| (*id, t.coverage()))
        .collect();
    // Roll up, deepest first: a parent with cases or children takes the worst.
    let parents: Vec<Option<usize>> = requirements
        .iter()
        .map(|(_, p)| p.and_then(|p| index.get(&p).copied()))
        .collect();
    let depths = super::tree::depths(&parents);
    let mut deepest_first: Vec<usize> = (0..requirements.len()).collect();
    deepest_first.sort_by_key(|&i| std::cmp::Reverse(depths[i]));
    let mut has_children = vec![false; requirements.len()];
    for &i in &deepest_first {
        let Some(p) = parents[i] else {
            continue;
        };
        let child = out[&requirements[i].0];
        let parent_id = requirements[p].0;
        let own_cases = linked[p].total > 0;
        let current = out[&parent_id];
        // A parent with nothing of its own yet takes its first child's status; after
        // that, the worse of the two.
        let first = !has_children[p] && !own_cases;
        let merged = if first || child.rank() > current.rank() {
            child
        } else {
            current
        };
        has_children[p] = true;
        out.insert(parent_id, merged);
    }
    out
}

/// A rule of the release readiness gate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum ReadinessRule {
    /// At least `percent` % of the requirements of these priorities have an OK
    /// coverage.
    CoverageAtLeast { percent: f64, priorities: Vec<u8> },
    /// No requirement of these priorities is NOK.
    NoNok { priorities: Vec<u8> },
    /// No open defect of these severities.
    NoOpenDefects { severities: Vec<String> },
    /// The newest results pass at least `percent` % of what was executed.
    PassRateAtLeast { percent: f64 },
}

/// The setting that keeps a workspace's own gate rules.
pub const GATE_KEY: &str = "quality_gate";

impl ReadinessRule {
    /// Whether its numbers make sense: percentages 0–100, priorities P0–P4, known
    /// severities, something to judge.
    pub fn check(&self) -> Result<(), QualityProblem> {
        let bad = |why: &str| Err(QualityProblem::BadRule(format!("{}: {why}", self.code())));
        match self {
            ReadinessRule::CoverageAtLeast {
                percent,
                priorities,
            } => {
                if !(0.0..=100.0).contains(percent) {
                    return bad("the share is a percentage from 0 to 100");
                }
                if priorities.is_empty() || priorities.iter().any(|p| *p > 4) {
                    return bad("priorities are P0 to P4, at least one");
                }
            }
            ReadinessRule::NoNok { priorities } => {
                if priorities.is_empty() || priorities.iter().any(|p| *p > 4) {
                    return bad("priorities are P0 to P4, at least one");
                }
            }
            ReadinessRule::NoOpenDefects { severities } => {
                if severities.is_empty()
                    || severities.iter().any(|s| !SEVERITIES.contains(&s.as_str()))
                {
                    return bad("severities are S1 to S4, at least one");
                }
            }
            ReadinessRule::PassRateAtLeast { percent } => {
                if !(0.0..=100.0).contains(percent) {
                    return bad("the pass rate is a percentage from 0 to 100");
                }
            }
        }
        Ok(())
    }

    /// The rules a release is held to unless the workspace says otherwise: coverage ≥
    /// 95 % of P0/P1, no NOK on P0, no open S1/S2, pass rate ≥ 98 %.
    pub fn defaults() -> Vec<ReadinessRule> {
        vec![
            ReadinessRule::CoverageAtLeast {
                percent: 95.0,
                priorities: vec![0, 1],
            },
            ReadinessRule::NoNok {
                priorities: vec![0],
            },
            ReadinessRule::NoOpenDefects {
                severities: vec!["S1".into(), "S2".into()],
            },
            ReadinessRule::PassRateAtLeast { percent: 98.0 },
        ]
    }

    /// Its id in files and `quality --json`.
    pub fn code(&self) -> &'static str {
        match self {
            ReadinessRule::CoverageAtLeast { .. } => "coverage",
            ReadinessRule::NoNok { .. } => "no_nok",
            ReadinessRule::NoOpenDefects { .. } => "no_open_defects",
            ReadinessRule::PassRateAtLeast { .. } => "pass_rate",
        }
    }
}

/// What the gate reads: the release's requirements (key, priority, coverage), its open
/// defects (key, severity) and the pass rate of the newest results.
pub struct GateInput<'a> {
    pub requirements: &'a [(String, Option<u8>, Coverage)],
    pub open_defects: &'a [(String, String)],
    pub pass_rate: Option<f64>,
}

/// One rule judged: met or not, and what fails it (keys).
#[derive(Clone, Debug, PartialEq)]
pub struct RuleOutcome {
    pub rule: ReadinessRule,
    pub met: bool,
    pub failing: Vec<String>,
}

/// Judges every rule.
pub fn readiness(rules: &[ReadinessRule], input: &GateInput<'_>) -> Vec<RuleOutcome> {
    rules
        .iter()
        .map(|rule| {
            let of = |ps: &[u8]| -> Vec<&(String, Option<u8>, Coverage)> {
                input
                    .requirements
                    .iter()
                    .filter(|(_, p, _)| p.is_some_and(|p| ps.contains(&p)))
                    .collect()
            };
            let (met, failing) = match rule {
                ReadinessRule::CoverageAtLeast {
                    percent,
                    priorities,
                } => {
                    let all = of(priorities);
                    let failing: Vec<String> = all
                        .iter()
                        .filter(|(_, _, c)| *c != Coverage::Ok)
                        .map(|(k, _, _)| k.clone())
                        .collect();
                    let share = if all.is_empty() {
                        100.0
                    } else {
                        (all.len() - failing.len()) as f64 * 100.0 / all.len() as f64
                    };
                    (share >= *percent, failing)
                }
                ReadinessRule::NoNok { priorities } => {
                    let failing: Vec<String> = of(priorities)
                        .into_iter()
                        .filter(|(_, _, c)| *c == Coverage::Nok)
                        .map(|(k, _, _)| k.clone())
                        .collect();
                    (failing.is_empty(), failing)
                }
                ReadinessRule::NoOpenDefects { severities } => {
                    let failing: Vec<String> = input
                        .open_defects
                        .iter()
                        .filter(|(_, s)| severities.contains(s))
                        .map(|(k, _)| k.clone())
                        .collect();
                    (failing.is_empty(), failing)
                }
                ReadinessRule::PassRateAtLeast { percent } => (
                    input.pass_rate.is_some_and(|r| r * 100.0 >= *percent),
                    Vec::new(),
                ),
            };
            RuleOutcome {
                rule: rule.clone(),
                met,
                failing,
            }
        })
        .collect()
}

/// Anything of the quality module the workspace keeps, as one edit carries it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "item", rename_all = "snake_case")]
pub enum QualityItem {
    Suite(Suite),
    Case(TestCase),
    Run(TestRun),
    Defect(Defect),
}

/// Which quality item: its kind and number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", content = "n", rename_all = "snake_case")]
pub enum QualityKey {
    Suite(i64),
    Case(i64),
    Run(i64),
    Defect(i64),
}

impl QualityKey {
    pub fn key(self) -> String {
        match self {
            QualityKey::Suite(n) => SuiteId(n).key(),
            QualityKey::Case(n) => TestCaseId(n).key(),
            QualityKey::Run(n) => RunId(n).key(),
            QualityKey::Defect(n) => DefectId(n).key(),
        }
    }
}

impl QualityItem {
    pub fn key(&self) -> QualityKey {
        match self {
            QualityItem::Suite(x) => QualityKey::Suite(x.id.0),
            QualityItem::Case(x) => QualityKey::Case(x.id.0),
            QualityItem::Run(x) => QualityKey::Run(x.id.0),
            QualityItem::Defect(x) => QualityKey::Defect(x.id.0),
        }
    }

    pub fn title(&self) -> &str {
        match self {
            QualityItem::Suite(x) => &x.name,
            QualityItem::Case(x) => &x.fields.title,
            QualityItem::Run(x) => &x.fields.name,
            QualityItem::Defect(x) => &x.fields.title,
        }
    }

    /// The item with its number set to `n` (a new item gets the next free one).
    pub fn numbered(mut self, n: i64) -> QualityItem {
        match &mut self {
            QualityItem::Suite(x) => x.id = SuiteId(n),
            QualityItem::Case(x) => x.id = TestCaseId(n),
            QualityItem::Run(x) => x.id = RunId(n),
            QualityItem::Defect(x) => x.id = DefectId(n),
        }
        self
    }

    /// The item tidied and checked.
    pub fn normalized(mut self) -> Result<QualityItem, QualityProblem> {
        let title = match &mut self {
            QualityItem::Suite(x) => &mut x.name,
            QualityItem::Case(x) => &mut x.fields.title,
            QualityItem::Run(x) => &mut x.fields.name,
            QualityItem::Defect(x) => {
                if !SEVERITIES.contains(&x.fields.severity.as_str()) {
                    return Err(QualityProblem::UnknownSeverity(x.fields.severity.clone()));
                }
                if !DEFECT_STATUSES.contains(&x.fields.status.as_str()) {
                    return Err(QualityProblem::UnknownStatus(x.fields.status.clone()));
                }
                &mut x.fields.title
            }
        };
        *title = title.trim().to_owned();
        if title.is_empty() {
            return Err(QualityProblem::NoTitle);
        }
        Ok(self)
    }
}

/// A suite an import files a case in: one the workspace has, or one the import makes
/// (by its place in [`QualityImport::suites`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuiteRef {
    Existing(SuiteId),
    New(usize),
}

/// A suite an import makes, under an existing suite or one made before it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewSuite {
    pub name: String,
    pub parent: Option<SuiteRef>,
}

/// Test cases or defects read from a file, applied as one edit: a row with the key
/// of an item the workspace has updates it, the others are added.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QualityImport {
    pub suites: Vec<NewSuite>,
    pub cases: Vec<(Option<TestCaseId>, TestCaseFields, Option<SuiteRef>)>,
    pub defects: Vec<(Option<DefectId>, DefectFields)>,
}

/// Everything of the quality module a workspace holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QualityData {
    pub suites: Vec<Suite>,
    pub cases: Vec<TestCase>,
    pub runs: Vec<TestRun>,
    pub defects: Vec<Defect>,
}

impl QualityData {
    /// What was known at the end of `day`: results recorded later and runs started
    /// later left out, defects found later left out; a defect fixed or verified later
    /// is still being fixed or verified.
    pub fn as_of(&self, day: NaiveDate) -> QualityData {
        let mut out = self.clone();
        out.runs.retain(|r| r.fields.from.is_none_or(|f| f <= day));
        for r in &mut out.runs {
            r.fields.results.retain(|x| x.at.date() <= day);
        }
        out.defects
            .retain(|d| d.fields.found.is_none_or(|f| f <= day));
        for d in &mut out.defects {
            let f = &mut d.fields;
            if f.verified.is_some_and(|v| v > day) {
                f.verified = None;
                f.status = "verifying".into();
            }
            if f.fixed.is_some_and(|x| x > day) {
                f.fixed = None;
                f.status = "fixing".into();
            }
        }
        out
    }
}

/// Why a quality item cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QualityProblem {
    #[error("a test case, run, suite or defect needs a title")]
    NoTitle,
    #[error("no defect severity “{0}” (S1, S2, S3, S4)")]
    UnknownSeverity(String),
    #[error("no defect status “{0}”")]
    UnknownStatus(String),
    #[error("no {0}")]
    Unknown(String),
    #[error("readiness rule {0}")]
    BadRule(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, day)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap_or_default()
    }

    fn case(id: i64, reqs: &[i64]) -> TestCase {
        TestCase {
            id: TestCaseId(id),
            fields: TestCaseFields {
                title: format!("case {id}"),
                requirements: reqs.iter().map(|r| RequirementId(*r)).collect(),
                ..Default::default()
            },
        }
    }

    fn result(case: i64, status: ResultStatus, day: u32) -> TestResult {
        TestResult {
            case: TestCaseId(case),
            status,
            steps: Vec::new(),
            comment: String::new(),
            by: String::new(),
            at: at(day),
        }
    }

    #[test]
    fn xray_statuses_from_the_newest_results_rolled_up_the_tree() {
        // REQ-1 has children 2 and 3; 4 has no case.
        let reqs = vec![
            (RequirementId(1), None),
            (RequirementId(2), Some(RequirementId(1))),
            (RequirementId(3), Some(RequirementId(1))),
            (RequirementId(4), None),
            (RequirementId(5), None),
            (RequirementId(6), None),
        ];
        let cases = vec![
            case(1, &[2]),
            case(2, &[2]),
            case(3, &[3]),
            case(4, &[5]),
            case(5, &[6]),
        ];
        let run = TestRun {
            id: RunId(1),
            fields: TestRunFields {
                name: "第一轮".into(),
                cases: vec![TestCaseId(1), TestCaseId(2), TestCaseId(3), TestCaseId(4)],
                results: vec![
                    result(1, ResultStatus::Failed, 1),
                    // Re-run the next day: the newest counts.
                    result(1, ResultStatus::Passed, 2),
                    result(2, ResultStatus::Passed, 1),
                    result(3, ResultStatus::Failed, 2),
                    result(4, ResultStatus::Blocked, 2),
                ],
                ..Default::default()
            },
        };
        let c = coverage(&reqs, &cases, &[&run]);
        assert_eq!(c[&RequirementId(2)], Coverage::Ok);
        assert_eq!(c[&RequirementId(3)], Coverage::Nok);
        assert_eq!(c[&RequirementId(1)], Coverage::Nok, "the worst child");
        assert_eq!(c[&RequirementId(4)], Coverage::Uncovered);
        assert_eq!(c[&RequirementId(5)], Coverage::Unknown);
        assert_eq!(c[&RequirementId(6)], Coverage::NotRun, "a case in no run");
        assert_eq!(run.fields.pass_rate(), Some(2.0 / 4.0));
        assert_eq!(run.fields.latest()[&TestCaseId(1)], ResultStatus::Passed);
    }

    #[test]
    fn the_gate_names_what_fails_each_rule() {
        let reqs = vec![
            ("REQ-1".to_owned(), Some(0), Coverage::Ok),
            ("REQ-2".to_owned(), Some(0), Coverage::Nok),
            ("REQ-3".to_owned(), Some(1), Coverage::Uncovered),
            ("REQ-4".to_owned(), Some(3), Coverage::Uncovered),
        ];
        let defects = vec![
            ("BUG-1".to_owned(), "S1".to_owned()),
            ("BUG-2".to_owned(), "S3".to_owned()),
        ];
        let out = readiness(
            &ReadinessRule::defaults(),
            &GateInput {
                requirements: &reqs,
                open_defects: &defects,
                pass_rate: Some(0.99),
            },
        );
        let by = |code: &str| {
            out.iter()
                .find(|o| o.rule.code() == code)
                .unwrap_or_else(|| panic!("{code}"))
        };
        assert!(!by("coverage").met);
        assert_eq!(by("coverage").failing, vec!["REQ-2", "REQ-3"]);
        assert_eq!(by("no_nok").failing, vec!["REQ-2"]);
        assert_eq!(by("no_open_defects").failing, vec!["BUG-1"]);
        assert!(by("pass_rate").met);
        assert_eq!(ResultStatus::parse("Retest"), Some(ResultStatus::Skipped));
        assert_eq!(TestCaseId::parse_key("TC-12"), Some(TestCaseId(12)));
        assert_eq!(DefectId(3).key(), "BUG-3");
    }
}
