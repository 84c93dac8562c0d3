//! How long requirement coverage takes (budget: 50,000 requirements × 200,000 cases ×
//! 1,000,000 results ≤ 100 ms): Xray statuses from the newest results, rolled up.

// A benchmark whose setup fails should stop loudly; no user data is involved.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use planwright::model::quality::{
    ResultStatus, RunId, TestCase, TestCaseFields, TestCaseId, TestResult, TestRun, TestRunFields,
    coverage,
};
use planwright::model::requirement::RequirementId;
use planwright::model::synthetic::Random;

fn quality(c: &mut Criterion) {
    let mut rng = Random(7);
    // 50,000 requirements: 5,000 epics with 9 children each.
    let requirements: Vec<(RequirementId, Option<RequirementId>)> = (0..50_000i64)
        .map(|i| {
            let parent = (i % 10 != 0).then(|| RequirementId(i - i % 10 + 1));
            (RequirementId(i + 1), parent)
        })
        .collect();
    let cases: Vec<TestCase> = (0..200_000i64)
        .map(|i| TestCase {
            id: TestCaseId(i + 1),
            fields: TestCaseFields {
                title: String::new(),
                requirements: vec![RequirementId(rng.below(50_000) as i64 + 1)],
                ..Default::default()
            },
        })
        .collect();
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let statuses = [
        ResultStatus::Passed,
        ResultStatus::Passed,
        ResultStatus::Passed,
        ResultStatus::Failed,
        ResultStatus::Blocked,
    ];
    let runs: Vec<TestRun> = (0..10i64)
        .map(|r| TestRun {
            id: RunId(r + 1),
            fields: TestRunFields {
                name: format!("run {r}"),
                cases: (0..200_000).map(|i| TestCaseId(i + 1)).collect(),
                results: (0..100_000)
                    .map(|_| TestResult {
                        case: TestCaseId(rng.below(200_000) as i64 + 1),
                        status: statuses[rng.below(5) as usize],
                        steps: Vec::new(),
                        comment: String::new(),
                        by: String::new(),
                        at: (day + chrono::Duration::days(r))
                            .and_hms_opt(rng.below(24) as u32, 0, 0)
                            .unwrap(),
                    })
                    .collect(),
                ..Default::default()
            },
        })
        .collect();
    let run_refs: Vec<&TestRun> = runs.iter().collect();
    c.bench_function(
        "coverage, 50,000 requirements × 200,000 cases × 1,000,000 results",
        |b| b.iter(|| black_box(coverage(&requirements, &cases, &run_refs))),
    );
}

criterion_group!(benches, quality);
criterion_main!(benches);
