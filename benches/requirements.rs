//! The requirement pool budgets of issue 5: sorting and filtering 50,000 requirements
//! (≤ 50 ms), measured on the same `InsightsView::order` the Requirements page uses.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::collections::HashMap;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use planwright::model::requirement::{Requirement, RequirementFields, RequirementId};
use planwright::model::survey::{Answers, Question, QuestionKind, Survey};
use planwright::report::insights::{InsightsView, RequirementFilter, RequirementSort};

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A pool of `n` requirements: 1 epic per 50, scored, with owners, tags and statuses.
pub fn pool(n: usize) -> InsightsView {
    const WORDS: [&str; 8] = [
        "工单",
        "移动端",
        "离线",
        "报表",
        "知识库",
        "语音",
        "API",
        "质检",
    ];
    const OWNERS: [&str; 6] = ["王芳", "李强", "赵磊", "孙悦", "张敏", "陈晨"];
    let mut rng = Lcg(5);
    let mut list = Vec::with_capacity(n);
    for i in 0..n {
        let id = RequirementId(i as i64 + 1);
        let mut f = RequirementFields::titled(&format!(
            "{}{}需求 {i}",
            WORDS[rng.below(8) as usize],
            WORDS[rng.below(8) as usize]
        ));
        if i % 50 != 0 {
            f.parent = Some(RequirementId((i / 50 * 50) as i64 + 1));
        }
        f.owner = OWNERS[rng.below(6) as usize].into();
        f.status = planwright::model::requirement::DEFAULT_STATUSES[rng.below(7) as usize].into();
        f.priority = Some(rng.below(4) as u8);
        f.tags = vec![WORDS[rng.below(8) as usize].into()];
        f.scores.reach = Some(rng.below(5000) as f64);
        f.scores.impact = Some([0.5, 1.0, 2.0, 3.0][rng.below(4) as usize]);
        f.scores.confidence = Some([50.0, 80.0, 100.0][rng.below(3) as usize]);
        f.scores.effort = Some(1.0 + rng.below(8) as f64);
        f.scores.business_value = Some(1.0 + rng.below(20) as f64);
        f.scores.time_criticality = Some(1.0 + rng.below(20) as f64);
        f.scores.risk_reduction = Some(1.0 + rng.below(20) as f64);
        f.scores.job_size = Some(1.0 + rng.below(13) as f64);
        list.push(Requirement { id, fields: f });
    }
    InsightsView::of(Vec::new(), Vec::new(), list, HashMap::new())
}

fn benches(c: &mut Criterion) {
    let pool = pool(50_000);
    let mut group = c.benchmark_group("requirements");
    group.sample_size(20);
    group.bench_function("sort 50,000 by RICE", |b| {
        b.iter(|| {
            black_box(pool.order(RequirementSort::Rice, false, &RequirementFilter::default()))
        })
    });
    group.bench_function("filter 50,000 by text and status, sorted by WSJF", |b| {
        let filter = RequirementFilter {
            text: "移动端 离线".into(),
            status: Some("planned".into()),
            ..RequirementFilter::default()
        };
        b.iter(|| black_box(pool.order(RequirementSort::Wsjf, true, &filter)))
    });
    group.bench_function("sort 50,000 by title", |b| {
        b.iter(|| {
            black_box(pool.order(RequirementSort::Title, false, &RequirementFilter::default()))
        })
    });
    group.bench_function("build the tree of 50,000 (InsightsView::of)", |b| {
        let list: Vec<Requirement> = pool
            .requirements
            .iter()
            .map(|r| r.requirement.clone())
            .collect();
        b.iter(|| {
            black_box(InsightsView::of(
                Vec::new(),
                Vec::new(),
                list.clone(),
                HashMap::new(),
            ))
        })
    });
    // Kano from a survey: four functional/dysfunctional pairs answered by a million
    // respondents, filtered to half of them (what the Research page recomputes).
    let rows = 1_000_000;
    let scale = ["我很喜欢", "理所当然", "无所谓", "能忍受", "我很不喜欢"];
    let mut rng = Lcg(9);
    let questions: Vec<Question> = (0..8)
        .map(|c| Question {
            key: format!("Q{c}"),
            title: format!(
                "如果{}「功能 {}」，您的感受是？",
                if c < 4 { "提供" } else { "不提供" },
                c % 4
            ),
            kind: QuestionKind::Single,
            options: scale.iter().map(|s| (*s).to_owned()).collect(),
            scale: None,
            kind_set_by_user: false,
        })
        .collect();
    let answers: Vec<Answers> = (0..8)
        .map(|_| Answers::choice((0..rows).map(|_| Some(rng.below(5) as u32)).collect()))
        .collect();
    let survey = Survey {
        name: "Kano".into(),
        source: "wjx".into(),
        responses: rows,
        questions,
        answers,
        other_text: Vec::new(),
    };
    let keep: Vec<bool> = (0..rows).map(|r| r % 2 == 0).collect();
    group.bench_function(
        "Kano evaluation, 4 feature pairs × 1M responses, filtered",
        |b| b.iter(|| black_box(planwright::model::kano::evaluate(&survey, Some(&keep)))),
    );
    group.finish();
}

criterion_group!(requirement_benches, benches);
criterion_main!(requirement_benches);
