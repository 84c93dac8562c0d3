//! The demo's user survey: 600 answers to a 智能客服 App 2.0 satisfaction survey, made
//! up from a fixed seed so every demo is the same. Recommendation follows satisfaction,
//! and what people wish for follows their role, so the dashboard has something to say.

use crate::model::survey::{Answers, Question, QuestionKind, Survey};

const RESPONSES: usize = 600;
const ROLES: [&str; 4] = ["客服坐席", "客服主管", "运营", "IT 管理员"];
const USED: [&str; 6] = ["智能回复", "工单", "知识库", "质检", "报表", "多渠道接入"];
const WISHED: [&str; 6] = [
    "语音识别",
    "自动摘要",
    "情绪分析",
    "移动端",
    "开放 API",
    "离线消息",
];
const SATISFACTION: [&str; 5] = ["非常不满意", "不满意", "一般", "满意", "非常满意"];
/// The Kano scale, as 问卷星's Kano template words it.
const KANO_SCALE: [&str; 5] = ["我很喜欢", "理所当然", "无所谓", "能忍受", "我很不喜欢"];
/// Features asked about on the Kano scale, named as in the requirement pool, and how
/// each role tends to see them: weights of attractive, one-dimensional, must-be and
/// indifferent for 客服坐席, 客服主管, 运营, IT 管理员.
const KANO_FEATURES: [(&str, [[u64; 4]; 4]); 4] = [
    (
        "离线消息提醒",
        [[2, 5, 1, 2], [2, 2, 1, 5], [1, 1, 0, 8], [1, 1, 1, 7]],
    ),
    (
        "语音转文字",
        [[6, 2, 0, 2], [3, 1, 0, 6], [2, 1, 0, 7], [2, 1, 1, 6]],
    ),
    (
        "工单自动分派",
        [[1, 2, 3, 4], [1, 2, 6, 1], [1, 3, 3, 3], [1, 1, 2, 6]],
    ),
    (
        "会话自动摘要",
        [[4, 1, 0, 5], [5, 3, 1, 1], [5, 2, 0, 3], [2, 1, 0, 7]],
    ),
];
const COMMENTS: [&str; 16] = [
    "智能回复很准确，节省了很多时间",
    "高峰期回复速度太慢，希望优化",
    "希望手机上也能处理工单",
    "知识库搜索不够准确，经常找不到答案",
    "报表导出很方便",
    "夜间值班时希望有离线消息提醒",
    "界面清爽，上手很快",
    "希望支持语音转文字",
    "质检规则配置太复杂",
    "多渠道接入后消息不再漏掉了",
    "希望能自动生成会话摘要",
    "客户情绪识别可以早点提醒主管",
    "偶尔卡顿，刷新后才恢复",
    "工单流转清楚，协作顺畅",
    "希望开放 API 对接我们的 CRM",
    "培训资料太少，新人不好上手",
];

/// Question titles and labels, for the font check.
pub fn all_text() -> String {
    let mut s = String::from(
        "客服满意度调研 2026 年中 您向同事推荐「智能客服 App」的可能性有多大？ 您对回复速度满意吗 您对答案准确性满意吗 您的角色 您使用过哪些功能 您最希望增加哪些功能 还有什么建议 序号 提交答卷时间",
    );
    for t in ROLES
        .iter()
        .chain(&USED)
        .chain(&WISHED)
        .chain(&SATISFACTION)
        .chain(&COMMENTS)
        .chain(&KANO_SCALE)
    {
        s.push_str(t);
    }
    for (feature, _) in KANO_FEATURES {
        s.push_str(&kano_title(0, feature, true));
        s.push_str(&kano_title(0, feature, false));
    }
    s
}

fn kano_title(number: usize, feature: &str, functional: bool) -> String {
    format!(
        "{number}、如果 App {}「{feature}」，您的感受是？",
        if functional { "提供" } else { "不提供" }
    )
}

/// The Kano block (every functional question, then every dysfunctional one, as two
/// matrices would export), answered after the role each respondent gave.
fn kano_block(roles: &[Option<u32>], seed: u64) -> (Vec<Question>, Vec<Answers>) {
    let mut rng = Lcg(seed);
    let n = KANO_FEATURES.len();
    let mut columns: Vec<Vec<Option<u32>>> = vec![Vec::with_capacity(roles.len()); 2 * n];
    for role in roles {
        let role = role.unwrap_or(0).min(3) as usize;
        for (f, (_, weights)) in KANO_FEATURES.iter().enumerate() {
            let w = weights[role];
            let mut pick = rng.below(w.iter().sum::<u64>());
            let cell = w
                .iter()
                .position(|&x| {
                    if pick < x {
                        true
                    } else {
                        pick -= x;
                        false
                    }
                })
                .unwrap_or(3);
            // Like 0, must-be 1, neutral 2, live with 3, dislike 4.
            let middle = |rng: &mut Lcg| 1 + rng.below(3) as u32;
            let (functional, dysfunctional) = if rng.below(25) == 0 {
                (4, 0) // reverse, now and then
            } else {
                match cell {
                    0 => (0, middle(&mut rng)),
                    1 => (0, 4),
                    2 => (middle(&mut rng), 4),
                    _ => (middle(&mut rng), middle(&mut rng)),
                }
            };
            columns[f].push(Some(functional));
            columns[n + f].push(Some(dysfunctional));
        }
    }
    let questions = (0..2 * n)
        .map(|c| {
            let number = 8 + c;
            let title = kano_title(number, KANO_FEATURES[c % n].0, c < n);
            question(
                &format!("Q{number}"),
                &title,
                QuestionKind::Single,
                &KANO_SCALE,
                None,
            )
        })
        .collect();
    (
        questions,
        columns.into_iter().map(Answers::choice).collect(),
    )
}

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n.max(1)
    }
}

fn question(
    key: &str,
    title: &str,
    kind: QuestionKind,
    options: &[&str],
    scale: Option<(f64, f64)>,
) -> Question {
    Question {
        key: key.into(),
        title: title.into(),
        kind,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        scale,
        kind_set_by_user: false,
    }
}

/// The survey, the same every time.
pub fn survey() -> Survey {
    wave(&Wave {
        name: "客服满意度调研 2026",
        seed: 2026,
        responses: RESPONSES,
        months: (10, 11),
        moods: [0, 1, 2, 2, 3, 3, 3, 4, 4, 4],
        kano: true,
    })
}

/// The wave before (June and July, gloomier: before the release that fixed speed), to
/// compare with.
pub fn previous_wave() -> Survey {
    wave(&Wave {
        name: "客服满意度调研 2026 年中",
        seed: 2025,
        responses: 360,
        months: (6, 7),
        moods: [0, 0, 1, 2, 2, 3, 3, 3, 4, 4],
        kano: false,
    })
}

/// What differs between waves of the same survey.
struct Wave {
    name: &'static str,
    seed: u64,
    responses: usize,
    /// The two months answers came in.
    months: (u32, u32),
    /// Overall satisfaction (0–4) people are drawn from.
    moods: [i64; 10],
    /// Whether this wave asked the Kano questions.
    kano: bool,
}

fn wave(w: &Wave) -> Survey {
    let mut rng = Lcg(w.seed);
    let (mut ids, mut times, mut nps, mut speed, mut accuracy) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut roles, mut used, mut wished, mut comments) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for n in 0..w.responses {
        ids.push(Some((n + 1).to_string()));
        let day = 1 + rng.below(30);
        let month = if day > 20 { w.months.1 } else { w.months.0 };
        times.push(Some(format!(
            "2026/{month}/{} {}:{:02}:{:02}",
            if month == w.months.1 { day - 20 } else { day },
            9 + rng.below(12),
            rng.below(60),
            rng.below(60)
        )));
        // How satisfied this person is overall, 0–4; the answers lean on it.
        let mood = w.moods[rng.below(10) as usize];
        let point = |rng: &mut Lcg| (mood + rng.below(3) as i64 - 1).clamp(0, 4);
        speed.push(Some(point(&mut rng) as f64 + 1.0));
        accuracy.push(if rng.below(20) == 0 {
            None
        } else {
            Some(point(&mut rng) as f64 + 1.0)
        });
        let score = (mood * 2 + 2 + rng.below(3) as i64 - 1).clamp(0, 10);
        nps.push(Some(score as f64));
        let role = rng.below(4) as u32;
        roles.push(Some(role));
        let k = 1 + rng.below(3);
        let start = rng.below(6);
        used.push(Some((0..k).map(|j| ((start + j) % 6) as u32).collect()));
        // 坐席 want mobile and voice; 主管 want summaries and emotion; IT wants the API.
        let leaning: [u32; 2] = match role {
            0 => [3, 0],
            1 => [1, 2],
            2 => [1, 5],
            _ => [4, 5],
        };
        let mut wish = vec![leaning[rng.below(2) as usize]];
        if rng.below(3) == 0 {
            let extra = rng.below(6) as u32;
            if !wish.contains(&extra) {
                wish.push(extra);
            }
        }
        wished.push(Some(wish));
        comments.push((rng.below(10) < 4).then(|| COMMENTS[rng.below(16) as usize].to_owned()));
    }
    // Drawn from a generator of their own, so the other answers stay as they were.
    let (kano_questions, kano_answers) = if w.kano {
        kano_block(&roles, w.seed + 7)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut survey = Survey {
        name: w.name.into(),
        source: "wjx".into(),
        responses: w.responses,
        questions: vec![
            question("序号", "序号", QuestionKind::Meta, &[], None),
            question(
                "提交答卷时间",
                "提交答卷时间",
                QuestionKind::Meta,
                &[],
                None,
            ),
            question(
                "Q1",
                "1、您向同事推荐「智能客服 App」的可能性有多大？",
                QuestionKind::Nps,
                &[],
                Some((0.0, 10.0)),
            ),
            question(
                "Q2",
                "2、您对回复速度满意吗",
                QuestionKind::Rating,
                &SATISFACTION,
                Some((1.0, 5.0)),
            ),
            question(
                "Q3",
                "3、您对答案准确性满意吗",
                QuestionKind::Rating,
                &SATISFACTION,
                Some((1.0, 5.0)),
            ),
            question("Q4", "4、您的角色", QuestionKind::Single, &ROLES, None),
            question(
                "Q5",
                "5、您使用过哪些功能",
                QuestionKind::Multi,
                &USED,
                None,
            ),
            question(
                "Q6",
                "6、您最希望增加哪些功能",
                QuestionKind::Multi,
                &WISHED,
                None,
            ),
            question("Q7", "7、还有什么建议", QuestionKind::Text, &[], None),
        ],
        answers: vec![
            Answers::text(ids),
            Answers::text(times),
            Answers::numbers(nps),
            Answers::numbers(speed),
            Answers::numbers(accuracy),
            Answers::choice(roles),
            Answers::choices(used, USED.len()),
            Answers::choices(wished, WISHED.len()),
            Answers::text(comments),
        ],
        other_text: Vec::new(),
    };
    survey.questions.extend(kano_questions);
    survey.answers.extend(kano_answers);
    survey
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_survey_has_something_to_say() {
        let s = survey();
        assert_eq!(s.responses, 600);
        assert!(s.answers.iter().all(|a| a.len() == 600));
        let nps = s
            .stats(2, None)
            .and_then(|st| st.nps)
            .unwrap_or_else(|| panic!("nps"));
        assert!(nps.score > -50.0 && nps.score < 80.0, "{nps:?}");
        assert!(nps.promoters > 50 && nps.detractors > 50);
        let speed = s
            .stats(3, None)
            .and_then(|st| st.rating)
            .unwrap_or_else(|| panic!("rating"));
        assert!(speed.mean > 2.5 && speed.mean < 4.5);
        assert_eq!(survey(), s, "the same every time");
    }

    #[test]
    fn the_kano_block_pairs_up_and_differs_by_role() {
        use crate::model::kano::evaluate;
        use crate::model::requirement::Kano;
        let s = survey();
        let all = evaluate(&s, None);
        let names: Vec<&str> = all
            .iter()
            .map(|f| crate::model::kano::feature_name(&f.title))
            .collect();
        assert_eq!(
            names,
            ["离线消息提醒", "语音转文字", "工单自动分派", "会话自动摘要"]
        );
        // 坐席 (role 0) find offline reminders one-dimensional and voice input attractive;
        // 主管 (role 1) take automatic assignment for granted.
        let role = |r: u32| {
            let keep: Vec<bool> = (0..s.responses)
                .map(|i| s.answers[5].chosen(i) == Some(vec![r]))
                .collect();
            evaluate(&s, Some(&keep))
        };
        let agents = role(0);
        assert_eq!(agents[0].category, Some(Kano::Performance));
        assert_eq!(agents[1].category, Some(Kano::Attractive));
        assert_eq!(role(1)[2].category, Some(Kano::MustBe));
        // Over everyone, summaries delight.
        assert_eq!(all[3].category, Some(Kano::Attractive));
        // The earlier wave did not ask.
        assert!(evaluate(&previous_wave(), None).is_empty());
    }
}
