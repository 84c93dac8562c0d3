//! The survey budgets of issue 4: a 1,000,000-response × 30-column export imported
//! (read, inferred, stored in one durable edit) and the dashboard recomputed with a
//! filter. The export is generated here (the same shape as
//! `scripts/make_big_survey.py`), so the bench needs nothing from outside.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::fmt::Write;
use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use planwright::io::survey::{self, SurveyOptions};
use planwright::model::survey::Survey;
use planwright::store::Workspace;

const ROWS: usize = 1_000_000;

/// A deterministic pseudo-random sequence.
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

fn export(rows: usize) -> String {
    const SAT: [&str; 5] = ["非常不满意", "不满意", "一般", "满意", "非常满意"];
    const CITY: [&str; 6] = ["北京", "上海", "广州", "深圳", "杭州", "成都"];
    const FEATURES: [&str; 8] = [
        "智能回复",
        "工单",
        "知识库",
        "质检",
        "报表",
        "排班",
        "画像",
        "多渠道",
    ];
    let mut rng = Lcg(7);
    let mut out = String::with_capacity(rows * 200);
    out.push_str("序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您向朋友推荐我们产品的可能性有多大？,2、您对回复速度满意吗,3、您对界面满意吗,4、您对价格满意吗,5、您所在的城市,6、您的角色,7、您使用过哪些功能,8、您希望增加哪些功能,9、每天使用时长（小时）,10、团队人数");
    for i in 11..23 {
        let _ = write!(out, ",{i}、请为第{}项能力打分（1-5分）", i - 10);
    }
    out.push_str(",23、还有什么建议,24、您的行业\n");
    for n in 1..=rows {
        let nps = rng.below(11);
        let _ = write!(
            out,
            "{n},2026/{}/{} {}:{:02}:{:02},{}秒,微信,直接访问,{}.{}.x.x,{nps},{},{},{},{},{},",
            1 + rng.below(11),
            1 + rng.below(28),
            8 + rng.below(14),
            rng.below(60),
            rng.below(60),
            30 + rng.below(870),
            1 + rng.below(223),
            rng.below(256),
            SAT[rng.below(5) as usize],
            SAT[rng.below(5) as usize],
            SAT[rng.below(5) as usize],
            CITY[rng.below(6) as usize],
            ["产品经理", "客服主管", "坐席", "IT"][rng.below(4) as usize],
        );
        let k = 1 + rng.below(3) as usize;
        let start = rng.below(8) as usize;
        let used: Vec<&str> = (0..k).map(|j| FEATURES[(start + j) % 8]).collect();
        out.push_str(&used.join("┋"));
        out.push(',');
        out.push_str(FEATURES[rng.below(8) as usize]);
        let _ = write!(
            out,
            ",{}.{},{}",
            rng.below(10),
            rng.below(10),
            3 + rng.below(500)
        );
        for _ in 0..12 {
            let _ = write!(out, ",{}", 1 + rng.below(5));
        }
        let advice = if rng.below(10) < 6 {
            ""
        } else {
            "希望回复更快"
        };
        let _ = writeln!(
            out,
            ",{advice},{}",
            ["电商", "金融", "教育", "制造"][rng.below(4) as usize]
        );
    }
    out
}

/// What the dashboard computes: every question's figures over the kept responses.
fn dashboard(survey: &Survey, keep: &[bool]) -> usize {
    (0..survey.questions.len())
        .filter_map(|q| survey.stats(q, Some(keep)))
        .map(|s| s.answered)
        .sum()
}

fn benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("big_survey.csv");
    std::fs::write(&file, export(ROWS)).expect("write the export");
    let size = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    println!(
        "export: {ROWS} responses × 30 columns, {} MB",
        size / 1_000_000
    );

    let mut group = c.benchmark_group("survey");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(60));
    group.bench_function(
        "import 1M responses × 30 columns (read, infer, store)",
        |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for i in 0..iters {
                    let ws_path = dir.path().join(format!("w{i}.planwright"));
                    let _ = std::fs::remove_file(&ws_path);
                    let mut ws = Workspace::create(&ws_path).expect("workspace");
                    let t = Instant::now();
                    survey::import(&file, &mut ws, &SurveyOptions::default(), &mut |_, _| true)
                        .expect("imports");
                    total += t.elapsed();
                    drop(ws);
                    let _ = std::fs::remove_file(&ws_path);
                }
                total
            })
        },
    );

    let survey = survey::parse(
        &std::fs::read(&file).expect("read"),
        &file,
        &SurveyOptions::default(),
    )
    .expect("parses");
    // A filter on one answer: the detractors (NPS 0–6).
    let keep: Vec<bool> = (0..survey.responses)
        .map(|r| survey.answers[6].number(r).is_some_and(|v| v <= 6.0))
        .collect();
    group.bench_function(
        "dashboard with a filter, 1M responses × 30 questions",
        |b| b.iter(|| black_box(dashboard(&survey, &keep))),
    );
    // What the Research page recomputes when a filter changes: every card (figures,
    // histograms, keywords of the free text), the NPS trend by week and by month.
    let role = survey
        .questions
        .iter()
        .position(|q| q.title.contains("您的角色"))
        .expect("a role question");
    let filter = planwright::model::survey::SurveyFilter {
        answer: Some((role, 0)),
        ..Default::default()
    };
    group.bench_function(
        "Research page view with a filter (cards, keywords, NPS trend), 1M responses",
        |b| {
            b.iter(|| {
                black_box(planwright::report::survey_view::SurveyView::of(
                    planwright::model::survey::SurveyId(1),
                    1,
                    &survey,
                    &filter,
                    None,
                ))
            })
        },
    );
    group.finish();
}

criterion_group!(survey_benches, benches);
criterion_main!(survey_benches);
