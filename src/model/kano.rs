//! Kano evaluation of a survey: each feature is asked twice — how would you feel if the
//! product had it (functional), and if it did not (dysfunctional) — on the five-point
//! Kano scale (我很喜欢 / 理所当然 / 无所谓 / 能忍受 / 我很不喜欢, or Like / Must-be /
//! Neutral / Live with / Dislike). Each respondent's pair of answers falls in one cell
//! of the Kano evaluation table: attractive, one-dimensional (performance), must-be,
//! indifferent, reverse or questionable. A feature's category is the most frequent of
//! the first five; Better = (A + O) / (A + O + M + I) and Worse = −(O + M) / (A + O + M + I)
//! say how much having it pleases and lacking it displeases.

use serde::Serialize;

use super::requirement::Kano;
use super::survey::{Answers, QuestionKind, Survey};

/// An answer on the Kano scale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KanoAnswer {
    Like,
    MustBe,
    Neutral,
    LiveWith,
    Dislike,
}

impl KanoAnswer {
    /// The answer a label says, if it is a Kano scale label.
    pub fn of_label(label: &str) -> Option<KanoAnswer> {
        let l = label.trim().to_lowercase();
        // Negative forms first: “不喜欢” holds “喜欢”.
        const DISLIKE: [&str; 7] = [
            "不喜欢",
            "不满意",
            "不能接受",
            "dislike",
            "讨厌",
            "很不满",
            "反感",
        ];
        const MUST: [&str; 7] = [
            "理所当然",
            "应该的",
            "必须",
            "must",
            "expect",
            "必备",
            "本应",
        ];
        const NEUTRAL: [&str; 6] = ["无所谓", "中立", "neutral", "没感觉", "一般", "don't care"];
        const LIVE_WITH: [&str; 6] = [
            "能忍受",
            "可以忍受",
            "勉强接受",
            "live with",
            "tolerate",
            "能接受",
        ];
        const LIKE: [&str; 5] = ["喜欢", "满意", "like", "delight", "enjoy"];
        let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
        if has(&DISLIKE) {
            Some(KanoAnswer::Dislike)
        } else if has(&MUST) {
            Some(KanoAnswer::MustBe)
        } else if has(&NEUTRAL) {
            Some(KanoAnswer::Neutral)
        } else if has(&LIVE_WITH) {
            Some(KanoAnswer::LiveWith)
        } else if has(&LIKE) {
            Some(KanoAnswer::Like)
        } else {
            None
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// A cell of the Kano evaluation table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KanoCell {
    Attractive,
    OneDimensional,
    MustBe,
    Indifferent,
    Reverse,
    Questionable,
}

/// The evaluation table: row the functional answer, column the dysfunctional one, both
/// in Like, Must-be, Neutral, Live-with, Dislike order.
const TABLE: [[KanoCell; 5]; 5] = {
    use KanoCell::{
        Attractive as A, Indifferent as I, MustBe as M, OneDimensional as O, Questionable as Q,
        Reverse as R,
    };
    [
        [Q, A, A, A, O],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, I, I, I, M],
        [R, R, R, R, Q],
    ]
};

/// What a pair of answers says.
pub fn classify(functional: KanoAnswer, dysfunctional: KanoAnswer) -> KanoCell {
    TABLE[functional.index()][dysfunctional.index()]
}

/// One feature's evaluation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KanoFeature {
    /// The functional and dysfunctional questions' keys.
    pub functional: String,
    pub dysfunctional: String,
    /// The functional question's title.
    pub title: String,
    /// Respondents per cell: attractive, one-dimensional, must-be, indifferent,
    /// reverse, questionable.
    pub counts: [usize; 6],
    /// The most frequent of A, O, M, I, R (ties: M, O, A, I, R), when anyone answered.
    #[serde(skip)]
    pub category: Option<Kano>,
    /// Satisfaction if present, 0..1.
    pub better: f64,
    /// Dissatisfaction if absent, −1..0.
    pub worse: f64,
}

impl KanoFeature {
    /// Respondents who answered both questions.
    pub fn answered(&self) -> usize {
        self.counts.iter().sum()
    }
}

/// Each response's Kano answer to question `q`, read once per distinct label (no
/// allocation per response, so a million responses take milliseconds).
fn kano_answers(survey: &Survey, q: usize) -> Vec<Option<KanoAnswer>> {
    let question = &survey.questions[q];
    let of_options: Vec<Option<KanoAnswer>> = question
        .options
        .iter()
        .map(|o| KanoAnswer::of_label(o))
        .collect();
    let option = |i: u32| of_options.get(i as usize).copied().flatten();
    match &survey.answers[q] {
        Answers::Text { values, codes } => {
            let of_values: Vec<Option<KanoAnswer>> =
                values.iter().map(|v| KanoAnswer::of_label(v)).collect();
            codes
                .iter()
                .map(|&c| of_values.get(c as usize).copied().flatten())
                .collect()
        }
        Answers::Numbers(v) => {
            let low = question.scale.map_or(1.0, |s| s.0);
            v.iter()
                .map(|x| {
                    let at = (x - low).round();
                    (at >= 0.0).then(|| option(at as u32)).flatten()
                })
                .collect()
        }
        Answers::Choice(v) => v.iter().map(|&c| option(c)).collect(),
        // A multiple choice counts its first option chosen.
        Answers::Choices(v) => v
            .iter()
            .map(|&m| (0..63u32).find(|b| m & (1 << b) != 0).and_then(option))
            .collect(),
        Answers::ChoiceLists(v) => v
            .iter()
            .map(|c| c.as_ref().and_then(|c| c.first().copied()).and_then(option))
            .collect(),
    }
}

/// The distinct labels a question's answers can take (its options, or up to 12
/// distinct texts).
fn labels(survey: &Survey, q: usize) -> Vec<String> {
    let question = &survey.questions[q];
    if !question.options.is_empty() {
        return question.options.clone();
    }
    match &survey.answers[q] {
        Answers::Text { values, .. } if values.len() <= 12 => values.clone(),
        _ => Vec::new(),
    }
}

/// Whether a question asks about the feature being absent.
fn is_dysfunctional(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "不提供",
        "没有",
        "不具备",
        "不支持",
        "不能",
        "无法",
        "缺少",
        "缺失",
        "不包含",
        "不带",
        "取消",
        "if not",
        "does not",
        "doesn't",
        "did not",
        "didn't",
        "without",
        "not have",
        "lacks",
        "absent",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Whether a question is on the Kano scale: its labels name at least four of the five
/// answers.
fn is_kano_question(survey: &Survey, q: usize) -> bool {
    let kind = survey.questions[q].kind;
    if matches!(
        kind,
        QuestionKind::Meta | QuestionKind::Nps | QuestionKind::Numeric | QuestionKind::Date
    ) {
        return false;
    }
    let mut seen = [false; 5];
    for l in labels(survey, q) {
        if let Some(a) = KanoAnswer::of_label(&l) {
            seen[a.index()] = true;
        }
    }
    seen.iter().filter(|x| **x).count() >= 4
}

/// Every Kano feature of a survey over the kept responses (`keep`: `None` for all).
/// Two questions that quote the same feature (「离线查看」) pair first, whatever their
/// wording (the one that reads as "without" is the dysfunctional one; else the first
/// asked is the functional one). The rest pair by wording, in order: the first
/// functional with the first dysfunctional, and so on, so alternating and block layouts
/// (two matrices) both pair up. Features come in the order their functional question
/// is asked.
pub fn evaluate(survey: &Survey, keep: Option<&[bool]>) -> Vec<KanoFeature> {
    let kano: Vec<usize> = (0..survey.questions.len())
        .filter(|&q| is_kano_question(survey, q))
        .collect();
    let title = |q: usize| survey.questions[q].title.as_str();
    let quoted = |q: usize| {
        let name = feature_name(title(q));
        (name != title(q).trim() && !name.is_empty()).then_some(name)
    };
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut paired = vec![false; survey.questions.len()];
    for (i, &a) in kano.iter().enumerate() {
        let Some(name) = quoted(a).filter(|_| !paired[a]) else {
            continue;
        };
        let same: Vec<usize> = kano[i + 1..]
            .iter()
            .copied()
            .filter(|&b| !paired[b] && quoted(b) == Some(name))
            .collect();
        if let [b] = same.as_slice() {
            let pair = if is_dysfunctional(title(a)) && !is_dysfunctional(title(*b)) {
                (*b, a)
            } else {
                (a, *b)
            };
            paired[a] = true;
            paired[*b] = true;
            pairs.push(pair);
        }
    }
    let (mut functional, mut dysfunctional) = (Vec::new(), Vec::new());
    for &q in kano.iter().filter(|&&q| !paired[q]) {
        if is_dysfunctional(title(q)) {
            dysfunctional.push(q);
        } else {
            functional.push(q);
        }
    }
    pairs.extend(functional.into_iter().zip(dysfunctional));
    pairs.sort_by_key(|p| p.0);
    pairs
        .into_iter()
        .map(|(f, d)| feature(survey, f, d, keep))
        .collect()
}

fn feature(survey: &Survey, f: usize, d: usize, keep: Option<&[bool]>) -> KanoFeature {
    let mut counts = [0usize; 6];
    let (functional, dysfunctional) = (kano_answers(survey, f), kano_answers(survey, d));
    for (r, pair) in functional.iter().zip(&dysfunctional).enumerate() {
        if !keep.is_none_or(|k| k.get(r).copied().unwrap_or(false)) {
            continue;
        }
        if let (Some(a), Some(b)) = pair {
            counts[classify(*a, *b) as usize] += 1;
        }
    }
    let [a, o, m, i, _, _] = counts;
    let base = (a + o + m + i) as f64;
    // Ties go to the category that matters most when deciding (Berger et al.: M > O > A > I).
    let category = [
        (m, Kano::MustBe),
        (o, Kano::Performance),
        (a, Kano::Attractive),
        (i, Kano::Indifferent),
        (counts[4], Kano::Reverse),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .fold(None::<(usize, Kano)>, |best, (n, k)| match best {
        Some((b, _)) if b >= n => best,
        _ => Some((n, k)),
    })
    .map(|(_, k)| k);
    KanoFeature {
        functional: survey.questions[f].key.clone(),
        dysfunctional: survey.questions[d].key.clone(),
        title: survey.questions[f].title.clone(),
        counts,
        category,
        better: if base > 0.0 {
            (a + o) as f64 / base
        } else {
            0.0
        },
        worse: if base > 0.0 {
            -((o + m) as f64) / base
        } else {
            0.0
        },
    }
}

/// The feature a question asks about: the part in 「」, “”, "" or 【】 when the title
/// quotes it, else the title without its number (`8、`, `Q8.`).
pub fn feature_name(title: &str) -> &str {
    for (open, close) in [("「", "」"), ("“", "”"), ("\"", "\""), ("【", "】")] {
        if let Some((_, rest)) = title.split_once(open)
            && let Some((inside, _)) = rest.split_once(close)
            && !inside.trim().is_empty()
        {
            return inside.trim();
        }
    }
    let t = title.trim();
    let digits = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == 'Q' || c == 'q');
    if digits.len() < t.len()
        && let Some(rest) = digits
            .strip_prefix('、')
            .or_else(|| digits.strip_prefix('.'))
            .or_else(|| digits.strip_prefix('．'))
    {
        return rest.trim();
    }
    t
}

/// The requirement a feature most likely is: one whose title is the feature's name, or
/// holds it, or shares the longest run of at least four characters with it.
pub fn likely_requirement<'a, I: Copy>(
    feature: &str,
    requirements: impl Iterator<Item = (I, &'a str)>,
) -> Option<I> {
    let name: Vec<char> = feature.chars().collect();
    let mut best: Option<(usize, I)> = None;
    for (id, title) in requirements {
        let score = if title == feature {
            usize::MAX
        } else if title.contains(feature) || feature.contains(title) {
            usize::MAX - 1
        } else {
            longest_common_run(&name, &title.chars().collect::<Vec<_>>())
        };
        if score >= 4 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, id));
        }
    }
    best.map(|(_, id)| id)
}

fn longest_common_run(a: &[char], b: &[char]) -> usize {
    let mut previous = vec![0usize; b.len() + 1];
    let mut best = 0;
    for x in a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, y) in b.iter().enumerate() {
            if x == y {
                row[j + 1] = previous[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        previous = row;
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::Question;

    const SCALE: [&str; 5] = ["我很喜欢", "理所当然", "无所谓", "能忍受", "我很不喜欢"];

    fn question(key: &str, title: &str) -> Question {
        Question {
            key: key.into(),
            title: title.into(),
            kind: QuestionKind::Single,
            options: SCALE.iter().map(|s| (*s).to_owned()).collect(),
            scale: None,
            kind_set_by_user: false,
        }
    }

    /// Two features asked in blocks (all functional first), answers as option indexes.
    fn survey(rows: &[[u32; 4]]) -> Survey {
        let column = |c: usize| Answers::choice(rows.iter().map(|r| Some(r[c])).collect());
        Survey {
            name: "Kano".into(),
            source: "wjx".into(),
            responses: rows.len(),
            questions: vec![
                question("Q1", "如果提供离线查看工单，您的感受是？"),
                question("Q2", "如果提供语音输入，您的感受是？"),
                question("Q3", "如果不提供离线查看工单，您的感受是？"),
                question("Q4", "如果不提供语音输入，您的感受是？"),
            ],
            answers: (0..4).map(column).collect(),
            other_text: Vec::new(),
        }
    }

    #[test]
    fn the_evaluation_table_reads_as_published() {
        use KanoAnswer::*;
        assert_eq!(classify(Like, Dislike), KanoCell::OneDimensional);
        assert_eq!(classify(Like, Neutral), KanoCell::Attractive);
        assert_eq!(classify(MustBe, Dislike), KanoCell::MustBe);
        assert_eq!(classify(Neutral, Neutral), KanoCell::Indifferent);
        assert_eq!(classify(Dislike, Like), KanoCell::Reverse);
        assert_eq!(classify(Like, Like), KanoCell::Questionable);
    }

    #[test]
    fn labels_in_chinese_and_english_read() {
        for (label, want) in [
            ("我很喜欢", KanoAnswer::Like),
            ("我很不喜欢", KanoAnswer::Dislike),
            ("它理应如此 / 理所当然", KanoAnswer::MustBe),
            ("I like it that way", KanoAnswer::Like),
            ("I dislike it that way", KanoAnswer::Dislike),
            ("It must be that way", KanoAnswer::MustBe),
            ("I am neutral", KanoAnswer::Neutral),
            ("I can live with it that way", KanoAnswer::LiveWith),
        ] {
            assert_eq!(KanoAnswer::of_label(label), Some(want), "{label}");
        }
        assert_eq!(KanoAnswer::of_label("非常同意"), None);
    }

    #[test]
    fn features_pair_in_blocks_and_get_their_category_and_coefficients() {
        // Offline: like / dislike ×3 (O), must-be / dislike ×1 (M). Voice: like /
        // neutral ×2 (A), neutral / neutral ×2 (I).
        let s = survey(&[[0, 0, 4, 2], [0, 0, 4, 2], [0, 2, 4, 2], [1, 2, 4, 2]]);
        let features = evaluate(&s, None);
        assert_eq!(features.len(), 2);
        let offline = &features[0];
        assert_eq!(
            (offline.functional.as_str(), offline.dysfunctional.as_str()),
            ("Q1", "Q3")
        );
        assert_eq!(offline.counts, [0, 3, 1, 0, 0, 0]);
        assert_eq!(offline.category, Some(Kano::Performance));
        assert!((offline.better - 0.75).abs() < 1e-9);
        assert!((offline.worse + 1.0).abs() < 1e-9);
        let voice = &features[1];
        assert_eq!(voice.counts, [2, 0, 0, 2, 0, 0]);
        // A tie between attractive and indifferent goes to attractive.
        assert_eq!(voice.category, Some(Kano::Attractive));
        // Only the kept responses count.
        let kept = evaluate(&s, Some(&[false, false, true, true]));
        assert_eq!(kept[1].counts, [0, 0, 0, 2, 0, 0]);
        assert_eq!(kept[1].category, Some(Kano::Indifferent));
    }

    #[test]
    fn a_feature_is_named_by_its_quote_and_finds_its_requirement() {
        assert_eq!(
            feature_name("8、如果 App 支持「语音转文字」，您的感受是？"),
            "语音转文字"
        );
        assert_eq!(
            feature_name("Q3. If it had \"dark mode\", how would you feel?"),
            "dark mode"
        );
        assert_eq!(feature_name("12、离线查看工单"), "离线查看工单");
        let pool = [(1, "手机处理工单"), (2, "语音转文字"), (3, "离线消息提醒")];
        assert_eq!(likely_requirement("语音转文字", pool.into_iter()), Some(2));
        assert_eq!(
            likely_requirement("夜间离线消息提醒功能", pool.into_iter()),
            Some(3)
        );
        assert_eq!(likely_requirement("暗色主题", pool.into_iter()), None);
    }

    #[test]
    fn questions_quoting_the_same_feature_pair_whatever_their_wording() {
        // “去掉” and “少了” are not words we know for "without": the quotes pair them.
        let mut s = survey(&[[0, 0, 4, 2], [0, 1, 4, 2]]);
        s.questions[0].title = "若加上「离线查看工单」，您觉得？".into();
        s.questions[1].title = "若加上「语音输入」，您觉得？".into();
        s.questions[2].title = "若去掉「离线查看工单」，您觉得？".into();
        s.questions[3].title = "若少了「语音输入」，您觉得？".into();
        let features = evaluate(&s, None);
        assert_eq!(
            features
                .iter()
                .map(|f| (f.functional.as_str(), f.dysfunctional.as_str()))
                .collect::<Vec<_>>(),
            [("Q1", "Q3"), ("Q2", "Q4")]
        );
        assert_eq!(features[0].counts, [0, 2, 0, 0, 0, 0]);
    }

    #[test]
    fn a_survey_without_kano_questions_has_no_features() {
        let mut s = survey(&[[0, 0, 4, 2]]);
        for q in &mut s.questions {
            q.options = vec!["是".into(), "否".into()];
        }
        assert!(evaluate(&s, None).is_empty());
    }
}
