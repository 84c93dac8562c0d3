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
    {
        s.push_str(t);
    }
    s
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
    Survey {
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
    }
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
}
