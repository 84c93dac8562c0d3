//! Test cases, runs, results and defects in the workspace, and the release's quality.

use super::*;
use crate::model::quality::{
    Coverage, Defect, DefectFields, DefectId, QualityItem, QualityKey, ResultStatus, RunId,
    TestCase, TestCaseFields, TestCaseId, TestResult, TestRun, TestRunFields,
};

#[test]
fn cases_runs_results_and_defects_make_the_release_quality_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = crate::demo::create(&dir.path().join("d.planwright")).unwrap();
    let release = ws
        .releases()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.name == "2.0 正式版")
        .unwrap();
    // Start from none: the demo's own test data removed (one edit).
    let demo = ws.quality().unwrap();
    let keys: Vec<QualityKey> = demo
        .suites
        .iter()
        .map(|x| QualityKey::Suite(x.id.0))
        .chain(demo.cases.iter().map(|x| QualityKey::Case(x.id.0)))
        .chain(demo.runs.iter().map(|x| QualityKey::Run(x.id.0)))
        .chain(demo.defects.iter().map(|x| QualityKey::Defect(x.id.0)))
        .collect();
    ws.apply(Change::DeleteQualityItems(keys)).unwrap();
    // Numbers are never reused.
    let (first_case, run_id) = (
        demo.cases.len() as i64 + 1,
        RunId(demo.runs.len() as i64 + 1),
    );
    let reqs: Vec<_> = ws
        .requirements()
        .unwrap()
        .into_iter()
        .filter(|r| r.fields.release == Some(release.id))
        .collect();
    // Two cases on the first requirement, one on the second.
    for (title, req) in [("登录成功", 0), ("登录失败提示", 0), ("会话合并", 1)] {
        ws.apply(Change::AddQualityItem(QualityItem::Case(TestCase {
            id: TestCaseId(0),
            fields: TestCaseFields {
                title: title.into(),
                requirements: vec![reqs[req].id],
                ..Default::default()
            },
        })))
        .unwrap();
    }
    let cases = ws.quality().unwrap().cases;
    assert_eq!(
        cases.iter().map(|c| c.id.0).collect::<Vec<_>>(),
        [first_case, first_case + 1, first_case + 2]
    );
    ws.apply(Change::AddQualityItem(QualityItem::Run(TestRun {
        id: RunId(0),
        fields: TestRunFields {
            name: "第一轮".into(),
            release: Some(release.id),
            cases: cases.iter().map(|c| c.id).collect(),
            ..Default::default()
        },
    })))
    .unwrap();
    let at = |h: u32| {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .unwrap()
    };
    for (case, status, h) in [
        (0, ResultStatus::Passed, 9),
        (1, ResultStatus::Passed, 9),
        (2, ResultStatus::Failed, 9),
    ] {
        ws.apply(Change::RecordResult {
            run: run_id,
            result: TestResult {
                case: TestCaseId(first_case + case),
                status,
                steps: Vec::new(),
                comment: String::new(),
                by: "刘洋".into(),
                at: at(h),
            },
        })
        .unwrap();
    }
    // A result for a case not in the run is refused, naming both.
    let err = ws
        .apply(Change::RecordResult {
            run: run_id,
            result: TestResult {
                case: TestCaseId(999),
                status: ResultStatus::Passed,
                steps: Vec::new(),
                comment: String::new(),
                by: String::new(),
                at: at(10),
            },
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("TC-999") && err.contains(&run_id.key()),
        "{err}"
    );
    ws.apply(Change::AddQualityItem(QualityItem::Defect(Defect {
        id: DefectId(0),
        fields: DefectFields {
            title: "会话合并后消息顺序错乱".into(),
            severity: "S1".into(),
            status: "new".into(),
            release: Some(release.id),
            case: Some(TestCaseId(first_case + 2)),
            ..Default::default()
        },
    })))
    .unwrap();
    let q = crate::report::quality::QualityReport::build(&ws, Some(&release)).unwrap();
    assert_eq!((q.cases, q.runs), (3, 1));
    assert_eq!(q.pass_rate, Some(2.0 / 3.0));
    let status = |k: &str| q.coverage.iter().find(|(key, _)| key == k).map(|(_, c)| *c);
    assert_eq!(status(&reqs[0].id.key()), Some(Coverage::Ok));
    assert_eq!(status(&reqs[1].id.key()), Some(Coverage::Nok));
    assert_eq!(status(&reqs[2].id.key()), Some(Coverage::Uncovered));
    assert!(!q.ready());
    let json = q.to_json();
    assert_eq!(json["defects"]["open"]["S1"], 1);
    assert_eq!(json["readiness"]["ready"], false);
    let no_defects = json["readiness"]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["rule"] == "no_open_defects")
        .unwrap()
        .clone();
    let bug = ws.quality().unwrap().defects[0].id.key();
    assert_eq!(no_defects["failing"], serde_json::json!([bug]));
    // The failed result re-run and passed: the newest counts.
    ws.apply(Change::RecordResult {
        run: run_id,
        result: TestResult {
            case: TestCaseId(first_case + 2),
            status: ResultStatus::Passed,
            steps: Vec::new(),
            comment: "已修复".into(),
            by: "刘洋".into(),
            at: at(15),
        },
    })
    .unwrap();
    let q = crate::report::quality::QualityReport::build(&ws, Some(&release)).unwrap();
    assert_eq!(q.pass_rate, Some(1.0));
    // Undo takes the re-run back; deleting a case is undoable too.
    ws.undo().unwrap();
    let q = crate::report::quality::QualityReport::build(&ws, Some(&release)).unwrap();
    assert_eq!(q.pass_rate, Some(2.0 / 3.0));
    ws.apply(Change::DeleteQualityItems(vec![QualityKey::Case(
        first_case,
    )]))
    .unwrap();
    assert_eq!(ws.quality().unwrap().cases.len(), 2);
    ws.undo().unwrap();
    assert_eq!(ws.quality().unwrap().cases.len(), 3);
}

#[test]
fn the_quality_stamp_moves_with_quality_edits_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = crate::demo::create(&dir.path().join("d.planwright")).unwrap();
    let stamp = ws.quality_stamp();
    // A project renamed: the revision moves, the quality data did not.
    let project = ws.projects().unwrap().remove(0);
    let mut fields = project.fields.clone();
    fields.name = format!("{}（改）", fields.name);
    ws.apply(Change::UpdateProject {
        id: project.id,
        fields,
    })
    .unwrap();
    assert_eq!(ws.quality_stamp(), stamp);
    // A gate rule, a case, and their undo move it.
    ws.apply(Change::SetGateRules(vec![
        crate::model::quality::ReadinessRule::PassRateAtLeast { percent: 90.0 },
    ]))
    .unwrap();
    let after_gate = ws.quality_stamp();
    assert!(after_gate > stamp);
    assert_eq!(ws.gate_rules().unwrap().len(), 1);
    ws.undo().unwrap();
    assert!(ws.quality_stamp() > after_gate);
    assert_eq!(ws.gate_rules().unwrap().len(), 4);
    // A bad rule is refused and names the rule.
    let err = ws
        .apply(Change::SetGateRules(vec![
            crate::model::quality::ReadinessRule::NoNok { priorities: vec![] },
        ]))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no_nok"), "{err}");
}
