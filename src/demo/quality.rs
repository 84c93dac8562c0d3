//! The demo's test data for release 2.0: a suite per epic, three cases per requirement
//! (normal flow, errors and limits, compatibility or performance by type), three runs
//! (the first finds many failures, the last a few), and defects in every state found
//! by the failures — so the readiness gate says "not ready" with its reasons.

use chrono::{Duration, NaiveDate};

use crate::model::quality::{
    DEFECT_STATUSES, Defect, DefectFields, DefectId, QualityData, ResultStatus, RunId, Suite,
    SuiteId, TestCase, TestCaseFields, TestCaseId, TestResult, TestRun, TestRunFields, TestStep,
};
use crate::model::requirement::{Release, Requirement};
use crate::model::synthetic::Random;

/// The release the demo tests.
const RELEASE: &str = "2.0 正式版";
/// The testers, by turn.
const TESTERS: [&str; 2] = ["刘洋", "孙丽"];

/// The demo's suites, cases, runs and defects, each numbered from 1.
pub fn quality(requirements: &[Requirement], releases: &[Release]) -> QualityData {
    let Some(release) = releases.iter().find(|r| r.fields.name == RELEASE) else {
        return QualityData::default();
    };
    let in_release: Vec<&Requirement> = requirements
        .iter()
        .filter(|r| r.fields.release == Some(release.id))
        .collect();
    let mut out = QualityData::default();
    // A suite per parent (epic) of the release's requirements.
    let mut suite_of = std::collections::HashMap::new();
    for r in &in_release {
        let parent = r.fields.parent;
        if suite_of.contains_key(&parent) {
            continue;
        }
        let name = parent
            .and_then(|p| requirements.iter().find(|x| x.id == p))
            .map_or_else(|| "通用".to_owned(), |p| p.fields.title.clone());
        let id = SuiteId(out.suites.len() as i64 + 1);
        out.suites.push(Suite {
            id,
            name,
            parent: None,
        });
        suite_of.insert(parent, id);
    }
    let kinds = [
        ("正常流程", "functional"),
        ("异常与边界", "functional"),
        ("兼容与性能", "compatibility"),
    ];
    for r in &in_release {
        for (k, (what, kind)) in kinds.iter().enumerate() {
            // Every requirement but a few has all three; the last ones stay uncovered.
            let id = TestCaseId(out.cases.len() as i64 + 1);
            out.cases.push(TestCase {
                id,
                fields: TestCaseFields {
                    title: format!("{}：{what}", r.fields.title),
                    preconditions: "测试环境已部署 2.0 候选版本；测试账号已登录坐席工作台".into(),
                    steps: vec![
                        TestStep {
                            action: format!("打开“{}”相关功能", r.fields.title),
                            expected: "页面正常加载，无报错".into(),
                        },
                        TestStep {
                            action: format!("按{what}场景操作"),
                            expected: "结果符合需求验收标准".into(),
                        },
                    ],
                    priority: r.fields.priority,
                    kind: (*kind).to_owned(),
                    automated: k == 0,
                    tags: vec!["2.0".into()],
                    owner: TESTERS[k % 2].into(),
                    requirements: vec![r.id],
                    suite: suite_of.get(&r.fields.parent).copied(),
                },
            });
        }
    }
    // Three runs over every case, a week apart (the last ends before December 7, 2026); failures fall as fixes land.
    let start = NaiveDate::from_ymd_opt(2026, 11, 16).unwrap_or_default();
    let mut rng = Random(202_612);
    let fail_share = [30u64, 14, 5];
    for (k, share) in fail_share.iter().enumerate() {
        let day = start + Duration::weeks(k as i64);
        let results = out
            .cases
            .iter()
            .filter(|c| {
                // The last run leaves the performance cases of a few requirements to do.
                !(k == 2 && c.fields.kind == "compatibility" && c.id.0 % 4 == 0)
            })
            .map(|c| {
                let roll = rng.below(100);
                let status = if roll < *share {
                    ResultStatus::Failed
                } else if roll < share + 3 {
                    ResultStatus::Blocked
                } else {
                    ResultStatus::Passed
                };
                TestResult {
                    case: c.id,
                    status,
                    steps: Vec::new(),
                    comment: String::new(),
                    by: TESTERS[(c.id.0 as usize) % 2].into(),
                    at: (day + Duration::days(c.id.0 % 4))
                        .and_hms_opt(10 + (c.id.0 % 7) as u32, 0, 0)
                        .unwrap_or_default(),
                }
            })
            .collect();
        out.runs.push(TestRun {
            id: RunId(k as i64 + 1),
            fields: TestRunFields {
                name: format!("2.0 第{}轮测试", ["一", "二", "三"][k]),
                release: Some(release.id),
                cases: out.cases.iter().map(|c| c.id).collect(),
                assignees: TESTERS.iter().map(|t| (*t).to_owned()).collect(),
                from: Some(day),
                to: Some(day + Duration::days(4)),
                results,
            },
        });
    }
    // A defect per failure of the first two runs (at most 30), in every state; those
    // of the last run's failures are still open.
    let severities = ["S1", "S2", "S2", "S3", "S3", "S3", "S4"];
    let mut n = 0i64;
    for (k, run) in out.runs.iter().enumerate() {
        for r in run
            .fields
            .results
            .iter()
            .filter(|r| r.status == ResultStatus::Failed)
        {
            if n >= 30 {
                break;
            }
            let case = out.cases.iter().find(|c| c.id == r.case);
            let title = case.map_or_else(String::new, |c| c.fields.title.clone());
            let status = if k == 2 {
                ["new", "confirmed", "fixing"][(n % 3) as usize]
            } else {
                DEFECT_STATUSES[(n as usize) % DEFECT_STATUSES.len()]
            };
            let found = r.at.date();
            let closed = matches!(status, "closed" | "verifying");
            n += 1;
            out.defects.push(Defect {
                id: DefectId(n),
                fields: DefectFields {
                    title: format!("{title} 未通过"),
                    steps: case
                        .map(|c| {
                            c.fields
                                .steps
                                .iter()
                                .map(|s| s.action.clone())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .unwrap_or_default(),
                    expected: "结果符合需求验收标准".into(),
                    actual: "结果与预期不符（详见截图）".into(),
                    severity: severities[(n as usize) % severities.len()].into(),
                    priority: case.and_then(|c| c.fields.priority),
                    status: status.into(),
                    release: Some(release.id),
                    run: Some(run.id),
                    case: Some(r.case),
                    requirement: case.and_then(|c| c.fields.requirements.first().copied()),
                    task: None,
                    owner: ["李强", "张敏", "陈晨"][(n as usize) % 3].into(),
                    found: Some(found),
                    fixed: closed.then(|| found + Duration::days(3)),
                    verified: (status == "closed").then(|| found + Duration::days(5)),
                    reopened: u32::from(status == "reopened"),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_release_has_its_cases_runs_and_defects_and_is_not_ready() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let q = ws.quality().unwrap_or_else(|e| panic!("{e}"));
        assert!(q.cases.len() >= 60, "{} cases", q.cases.len());
        assert_eq!(q.runs.len(), 3);
        assert!(q.defects.len() >= 25);
        for status in crate::model::quality::DEFECT_STATUSES {
            assert!(
                q.defects.iter().any(|d| d.fields.status == status),
                "no defect {status}"
            );
        }
        let release = ws
            .releases()
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.fields.name == super::RELEASE)
            .unwrap_or_else(|| panic!("release"));
        let report = crate::report::quality::QualityReport::build(&ws, Some(&release))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(!report.ready());
        assert!(report.rules.iter().any(|r| !r.met && !r.failing.is_empty()));
        // The last run's failures are fewer than the first's.
        let failures = |k: usize| {
            q.runs[k]
                .fields
                .results
                .iter()
                .filter(|r| r.status == crate::model::quality::ResultStatus::Failed)
                .count()
        };
        assert!(failures(2) < failures(0));
    }
}
