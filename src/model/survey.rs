//! Surveys: questions with their inferred kinds, the answers stored by column, and the
//! figures a dashboard shows for each question (NPS, rating mean and top-2-box, choice
//! counts). No I/O here: importers build a [`Survey`], the store keeps it.

use serde::{Deserialize, Serialize};

/// Row id of a survey in the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SurveyId(pub i64);

/// What a question asks for, as inferred from its answers (and correctable by the user).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Respondent id, times, duration, source, IP: not a question.
    Meta,
    /// Net Promoter Score: 0–10.
    Nps,
    /// A scale (1–5, 1–7, or labelled points mapped to numbers).
    Rating,
    Single,
    Multi,
    /// One row of a matrix (grid) question: a rating or choice per row.
    Matrix,
    Numeric,
    Date,
    Text,
}

impl QuestionKind {
    /// The name used in JSON and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            QuestionKind::Meta => "meta",
            QuestionKind::Nps => "nps",
            QuestionKind::Rating => "rating",
            QuestionKind::Single => "single",
            QuestionKind::Multi => "multi",
            QuestionKind::Matrix => "matrix",
            QuestionKind::Numeric => "numeric",
            QuestionKind::Date => "date",
            QuestionKind::Text => "text",
        }
    }
}

/// One question of a survey.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// A stable key: the export tag (`Q3`, `QID3`) or the question's number or column.
    pub key: String,
    pub title: String,
    pub kind: QuestionKind,
    /// Choice labels in their order (choice kinds); scale point labels for labelled
    /// ratings, lowest first.
    #[serde(default)]
    pub options: Vec<String>,
    /// The scale's ends for ratings (and 0–10 for NPS).
    #[serde(default)]
    pub scale: Option<(f64, f64)>,
    /// Whether the user set the kind (an import never overrides it).
    #[serde(default)]
    pub kind_set_by_user: bool,
}

/// The answers to one question, one entry per response. "No answer" is kept apart so
/// it never counts in a denominator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "values", rename_all = "snake_case")]
pub enum Answers {
    /// Numbers (NPS, ratings, numeric answers); `None` is no answer.
    Numbers(Vec<Option<f64>>),
    /// The chosen option (index into the question's options) for single choice.
    Choice(Vec<Option<u32>>),
    /// The chosen options of a multiple choice, with the "other" text written in.
    Choices(Vec<Option<Vec<u32>>>),
    /// Text (free text, dates, metadata) as written.
    Text(Vec<Option<String>>),
}

impl Answers {
    /// How many responses answered.
    pub fn answered(&self) -> usize {
        match self {
            Answers::Numbers(v) => v.iter().filter(|x| x.is_some()).count(),
            Answers::Choice(v) => v.iter().filter(|x| x.is_some()).count(),
            Answers::Choices(v) => v.iter().filter(|x| x.is_some()).count(),
            Answers::Text(v) => v.iter().filter(|x| x.is_some()).count(),
        }
    }

    /// How many responses it holds (answered or not).
    pub fn len(&self) -> usize {
        match self {
            Answers::Numbers(v) => v.len(),
            Answers::Choice(v) => v.len(),
            Answers::Choices(v) => v.len(),
            Answers::Text(v) => v.len(),
        }
    }

    /// Whether it holds no responses.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A survey: its questions and, for each, the answers of every response.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    pub name: String,
    /// Which tool wrote the export (`qualtrics`, `surveymonkey`, `google_forms`, `wjx`,
    /// …), `generic` when none was recognised.
    pub source: String,
    pub responses: usize,
    pub questions: Vec<Question>,
    /// Parallel to `questions`.
    pub answers: Vec<Answers>,
    /// "Other, please specify" texts by question index and response: what respondents
    /// wrote beside the option they chose.
    #[serde(default)]
    pub other_text: Vec<(usize, Vec<Option<String>>)>,
}

/// NPS figures: the score is promoters % minus detractors %, in -100..100.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NpsStats {
    pub score: f64,
    pub promoters: usize,
    pub passives: usize,
    pub detractors: usize,
    /// 95 % margin of error of the score, in points.
    pub moe95: f64,
}

/// Rating figures.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RatingStats {
    pub min: f64,
    pub max: f64,
    pub mean: f64,
    /// Share of answers in the top two points of the scale, in percent (CSAT).
    pub top2_pct: f64,
}

/// The figures for one question.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionStats {
    pub answered: usize,
    pub nps: Option<NpsStats>,
    pub rating: Option<RatingStats>,
    /// (label, count) per option, in the options' order.
    pub options: Vec<(String, usize)>,
}

/// Rounds to one decimal, as the figures are shown.
pub fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// NPS from 0–10 answers; `None` without answers.
pub fn nps(values: impl Iterator<Item = f64>) -> Option<NpsStats> {
    let (mut p, mut n, mut d) = (0usize, 0usize, 0usize);
    for v in values {
        if v >= 9.0 {
            p += 1;
        } else if v >= 7.0 {
            n += 1;
        } else {
            d += 1;
        }
    }
    let total = p + n + d;
    if total == 0 {
        return None;
    }
    let t = total as f64;
    let (pp, pd) = (p as f64 / t, d as f64 / t);
    // Each answer scores +1, 0 or -1; the score is their mean (×100). Its variance is
    // pp + pd - (pp - pd)²; the margin of error is 1.96 standard errors.
    let variance = pp + pd - (pp - pd).powi(2);
    let moe = 1.96 * (variance / t).sqrt() * 100.0;
    Some(NpsStats {
        score: one_decimal((pp - pd) * 100.0),
        promoters: p,
        passives: n,
        detractors: d,
        moe95: one_decimal(moe),
    })
}

/// Rating figures on the scale `(low, high)`.
pub fn rating(values: impl Iterator<Item = f64>, scale: (f64, f64)) -> Option<RatingStats> {
    let (mut sum, mut n, mut top) = (0.0, 0usize, 0usize);
    for v in values {
        sum += v;
        n += 1;
        if v >= scale.1 - 1.0 {
            top += 1;
        }
    }
    (n > 0).then(|| RatingStats {
        min: scale.0,
        max: scale.1,
        mean: (sum / n as f64 * 100.0).round() / 100.0,
        top2_pct: one_decimal(top as f64 * 100.0 / n as f64),
    })
}

impl Survey {
    /// The figures for question `q`, over the responses `keep` says to keep (all when
    /// `None`: a filter passes the rows it keeps).
    pub fn stats(&self, q: usize, keep: Option<&[bool]>) -> Option<QuestionStats> {
        let question = self.questions.get(q)?;
        let answers = self.answers.get(q)?;
        let kept = |i: usize| keep.is_none_or(|k| k.get(i).copied().unwrap_or(false));
        let mut stats = QuestionStats {
            answered: 0,
            nps: None,
            rating: None,
            options: Vec::new(),
        };
        match answers {
            Answers::Numbers(v) => {
                let values = || {
                    v.iter()
                        .enumerate()
                        .filter(|&(i, _)| kept(i))
                        .filter_map(|(_, x)| *x)
                };
                stats.answered = values().count();
                match question.kind {
                    QuestionKind::Nps => stats.nps = nps(values()),
                    QuestionKind::Rating | QuestionKind::Matrix => {
                        if let Some(scale) = question.scale {
                            stats.rating = rating(values(), scale);
                        }
                    }
                    _ => {}
                }
                if !question.options.is_empty()
                    && let Some((low, _)) = question.scale
                {
                    // Labelled points: count each.
                    let mut counts = vec![0usize; question.options.len()];
                    for x in values() {
                        let i = (x - low).round();
                        if i >= 0.0 && (i as usize) < counts.len() {
                            counts[i as usize] += 1;
                        }
                    }
                    stats.options = question.options.iter().cloned().zip(counts).collect();
                }
            }
            Answers::Choice(v) => {
                let mut counts = vec![0usize; question.options.len()];
                for (i, c) in v.iter().enumerate() {
                    if let (true, Some(c)) = (kept(i), c) {
                        stats.answered += 1;
                        if let Some(n) = counts.get_mut(*c as usize) {
                            *n += 1;
                        }
                    }
                }
                stats.options = question.options.iter().cloned().zip(counts).collect();
            }
            Answers::Choices(v) => {
                let mut counts = vec![0usize; question.options.len()];
                for (i, cs) in v.iter().enumerate() {
                    if let (true, Some(cs)) = (kept(i), cs) {
                        stats.answered += 1;
                        for &c in cs {
                            if let Some(n) = counts.get_mut(c as usize) {
                                *n += 1;
                            }
                        }
                    }
                }
                stats.options = question.options.iter().cloned().zip(counts).collect();
            }
            Answers::Text(v) => {
                stats.answered = v
                    .iter()
                    .enumerate()
                    .filter(|&(i, x)| kept(i) && x.is_some())
                    .count();
            }
        }
        Some(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_counts_promoters_passives_detractors() {
        // 5 promoters, 3 passives, 2 detractors of 10: +30.
        let answers = [10.0, 9.0, 9.0, 10.0, 9.0, 8.0, 7.0, 8.0, 3.0, 0.0];
        let s = nps(answers.into_iter()).unwrap_or_else(|| panic!("answers"));
        assert_eq!((s.promoters, s.passives, s.detractors), (5, 3, 2));
        assert_eq!(s.score, 30.0);
        // sqrt((0.5 + 0.2 - 0.09) / 10) × 1.96 × 100 = 48.4
        assert_eq!(s.moe95, 48.4);
        assert!(nps(std::iter::empty()).is_none());
    }

    #[test]
    fn rating_mean_and_top_two_box() {
        let s = rating([5.0, 4.0, 3.0, 5.0].into_iter(), (1.0, 5.0))
            .unwrap_or_else(|| panic!("answers"));
        assert_eq!(s.mean, 4.25);
        assert_eq!(s.top2_pct, 75.0);
    }

    #[test]
    fn non_answers_stay_out_of_denominators_and_filters_apply() {
        let survey = Survey {
            name: "s".into(),
            source: "generic".into(),
            responses: 4,
            questions: vec![Question {
                key: "Q1".into(),
                title: "满意吗".into(),
                kind: QuestionKind::Single,
                options: vec!["是".into(), "否".into()],
                scale: None,
                kind_set_by_user: false,
            }],
            answers: vec![Answers::Choice(vec![Some(0), None, Some(1), Some(0)])],
            other_text: Vec::new(),
        };
        let all = survey
            .stats(0, None)
            .unwrap_or_else(|| panic!("a question"));
        assert_eq!(all.answered, 3);
        assert_eq!(all.options, vec![("是".into(), 2), ("否".into(), 1)]);
        let some = survey
            .stats(0, Some(&[true, true, false, false]))
            .unwrap_or_else(|| panic!("a question"));
        assert_eq!(some.answered, 1);
    }
}
