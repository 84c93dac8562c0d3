//! `SurveyView`: one survey ready to draw as a dashboard, a card per question with its
//! figures already computed (the page never counts answers per frame).

use crate::model::survey::{
    Answers, NpsStats, QuestionKind, QuestionStats, RatingStats, Survey, SurveyFilter, SurveyId,
    one_decimal,
};
use crate::store::{StoreResult, Workspace};

/// Below this many answers an NPS or a mean is flagged as uncertain.
pub const FEW_ANSWERS: usize = 30;

/// Verbatims shown under a free-text card.
const SAMPLES: usize = 5;

/// Keywords shown on a free-text card.
const KEYWORDS: usize = 12;

/// One question's card.
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub key: String,
    pub title: String,
    pub kind: QuestionKind,
    pub answered: usize,
    pub nps: Option<NpsStats>,
    pub rating: Option<RatingStats>,
    /// (label, count) per option, or per scale point of a rating.
    pub options: Vec<(String, usize)>,
    /// Numeric answers in bins: (from, to, count).
    pub histogram: Vec<(f64, f64, usize)>,
    /// A few answers as written (free text), with the response (row from 0) each came from.
    pub samples: Vec<(usize, String)>,
    /// Free text's most used words: (word, answers using it, a few of those answers).
    pub keywords: Vec<(String, usize, Vec<String>)>,
    /// The same figures per group of the cross-tab question: (group, figures).
    pub cross: Vec<(String, QuestionStats)>,
}

impl Card {
    /// Whether it has a chart (NPS split, bars, histogram) to draw or export.
    pub fn has_chart(&self) -> bool {
        self.nps.is_some()
            || match self.kind {
                QuestionKind::Single
                | QuestionKind::Multi
                | QuestionKind::Rating
                | QuestionKind::Matrix => !self.options.is_empty(),
                QuestionKind::Numeric => !self.histogram.is_empty(),
                _ => false,
            }
    }

    /// Share of the answered, in percent to one decimal.
    pub fn percent(&self, count: usize) -> f64 {
        if self.answered == 0 {
            0.0
        } else {
            one_decimal(count as f64 * 100.0 / self.answered as f64)
        }
    }
}

/// A survey as the Research page shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyView {
    pub id: SurveyId,
    pub revision: u64,
    /// What it was computed for.
    pub filter: SurveyFilter,
    pub by: Option<usize>,
    /// Responses the filter keeps.
    pub kept: usize,
    /// Questions with options, to filter and cross-tab by: (index, key, title, options).
    pub choice_questions: Vec<(usize, String, String, Vec<String>)>,
    /// Whether the responses say when they were given (a date filter applies).
    pub has_dates: bool,
    pub name: String,
    pub source: String,
    pub responses: usize,
    /// Questions only (metadata columns are left out).
    pub cards: Vec<Card>,
    /// Every column as a question with its kind, for correcting the kinds: (key, title,
    /// kind, whether the user set it).
    pub kinds: Vec<(String, String, QuestionKind, bool)>,
    /// The first NPS question's score per week and per month of the answer dates
    /// (empty without dates): (period, figures).
    pub trend_weekly: Vec<(String, NpsStats)>,
    pub trend_monthly: Vec<(String, NpsStats)>,
    /// The same questions in another survey (wave over wave), when one is picked.
    pub comparison: Option<crate::report::survey_compare::Comparison>,
    /// Kano features (paired functional and dysfunctional questions) over the kept
    /// responses.
    pub kano: Vec<crate::model::kano::KanoFeature>,
}

fn histogram(values: &[f64]) -> Vec<(f64, f64, usize)> {
    let (min, max) = values
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
    if values.is_empty() || !min.is_finite() || !max.is_finite() {
        return Vec::new();
    }
    let bins = 10usize;
    let width = ((max - min) / bins as f64).max(f64::EPSILON);
    let mut counts = vec![0usize; bins];
    for v in values {
        let i = (((v - min) / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    counts
        .into_iter()
        .enumerate()
        .map(|(i, c)| (min + width * i as f64, min + width * (i + 1) as f64, c))
        .collect()
}

impl SurveyView {
    /// The cards of a survey, over the responses `filter` keeps, cross-tabbed by
    /// question `by` when given.
    pub fn of(
        id: SurveyId,
        revision: u64,
        survey: &Survey,
        filter: &SurveyFilter,
        by: Option<usize>,
    ) -> SurveyView {
        let keep = survey.keep(filter);
        let keep = keep.as_deref();
        let kept_at = |r: usize| keep.is_none_or(|k| k.get(r).copied().unwrap_or(false));
        let mut cards = Vec::new();
        for (i, q) in survey.questions.iter().enumerate() {
            if q.kind == QuestionKind::Meta {
                continue;
            }
            let Some(stats) = survey.stats(i, keep) else {
                continue;
            };
            let mut card = Card {
                key: q.key.clone(),
                title: q.title.clone(),
                kind: q.kind,
                answered: stats.answered,
                nps: stats.nps,
                rating: stats.rating,
                options: stats.options,
                histogram: Vec::new(),
                samples: Vec::new(),
                keywords: Vec::new(),
                cross: match by {
                    Some(b) if b != i => survey.cross(i, b, keep),
                    _ => Vec::new(),
                },
            };
            let answers = &survey.answers[i];
            match answers {
                Answers::Numbers(v) if q.kind == QuestionKind::Numeric => {
                    let values: Vec<f64> = v
                        .iter()
                        .enumerate()
                        .filter(|&(r, x)| !x.is_nan() && kept_at(r))
                        .map(|(_, x)| *x)
                        .collect();
                    card.histogram = histogram(&values);
                }
                Answers::Numbers(v) if card.options.is_empty() => {
                    // Unlabelled scale points (1–5, 0–10): count each.
                    if let Some((low, high)) = q.scale {
                        let points = (high - low).round().max(0.0) as usize + 1;
                        let mut counts = vec![0usize; points.min(11)];
                        let kept_values = v
                            .iter()
                            .enumerate()
                            .filter(|&(r, x)| !x.is_nan() && kept_at(r));
                        for (_, x) in kept_values {
                            let at = (x - low).round();
                            if at >= 0.0 && (at as usize) < counts.len() {
                                counts[at as usize] += 1;
                            }
                        }
                        card.options = counts
                            .into_iter()
                            .enumerate()
                            .map(|(k, c)| (format!("{}", low as i64 + k as i64), c))
                            .collect();
                    }
                }
                Answers::Text { values, codes } => {
                    card.samples = (0..answers.len())
                        .filter(|&r| kept_at(r))
                        .filter_map(|r| answers.text_at(r).map(|t| (r, t.to_owned())))
                        .take(SAMPLES)
                        .collect();
                    if q.kind == QuestionKind::Text {
                        let mut counts = vec![0usize; values.len()];
                        for (r, &c) in codes.iter().enumerate() {
                            if kept_at(r)
                                && let Some(n) = counts.get_mut(c as usize)
                            {
                                *n += 1;
                            }
                        }
                        let texts: Vec<(&str, usize)> = values
                            .iter()
                            .map(String::as_str)
                            .zip(counts)
                            .filter(|(_, n)| *n > 0)
                            .collect();
                        card.keywords = crate::model::keywords::keywords(&texts, KEYWORDS, 3)
                            .into_iter()
                            .map(|k| {
                                let examples =
                                    k.examples.iter().map(|&i| texts[i].0.to_owned()).collect();
                                (k.word, k.answers, examples)
                            })
                            .collect();
                    }
                }
                _ => {}
            }
            cards.push(card);
        }
        let nps_question = survey
            .questions
            .iter()
            .position(|q| q.kind == QuestionKind::Nps);
        let (trend_weekly, trend_monthly) = match (nps_question, survey.answer_days()) {
            (Some(q), Some(days)) => (
                survey.nps_trend(q, keep, &days, false),
                survey.nps_trend(q, keep, &days, true),
            ),
            _ => (Vec::new(), Vec::new()),
        };
        let choice_questions = survey
            .questions
            .iter()
            .enumerate()
            .filter_map(|(i, q)| {
                survey
                    .groups(i)
                    .map(|g| (i, q.key.clone(), q.title.clone(), g))
            })
            .collect();
        SurveyView {
            id,
            revision,
            filter: filter.clone(),
            by,
            kept: keep.map_or(survey.responses, |k| k.iter().filter(|x| **x).count()),
            choice_questions,
            has_dates: survey.date_question().is_some(),
            name: survey.name.clone(),
            source: survey.source.clone(),
            responses: survey.responses,
            cards,
            trend_weekly,
            trend_monthly,
            comparison: None,
            kano: crate::model::kano::evaluate(survey, keep),
            kinds: survey
                .questions
                .iter()
                .map(|q| (q.key.clone(), q.title.clone(), q.kind, q.kind_set_by_user))
                .collect(),
        }
    }

    /// Reads a survey from the workspace; `None` when it is gone.
    pub fn build(ws: &Workspace, id: SurveyId) -> StoreResult<Option<SurveyView>> {
        Ok(ws
            .survey(id)?
            .map(|s| SurveyView::of(id, ws.revision(), &s, &SurveyFilter::default(), None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::Question;

    #[test]
    fn cards_leave_metadata_out_and_count_scale_points() {
        let q = |key: &str, kind, scale| Question {
            key: key.into(),
            title: key.into(),
            kind,
            options: Vec::new(),
            scale,
            kind_set_by_user: false,
        };
        let survey = Survey {
            name: "s".into(),
            source: "generic".into(),
            responses: 3,
            questions: vec![
                q("时间", QuestionKind::Meta, None),
                q("NPS", QuestionKind::Nps, Some((0.0, 10.0))),
                q("年龄", QuestionKind::Numeric, None),
                q("建议", QuestionKind::Text, None),
            ],
            answers: vec![
                Answers::text(vec![Some("a"); 3]),
                Answers::numbers(vec![Some(10.0), Some(0.0), Some(9.0)]),
                Answers::numbers(vec![Some(20.0), Some(30.0), None]),
                Answers::text(vec![Some("好"), None, Some("快")]),
            ],
            other_text: Vec::new(),
        };
        let v = SurveyView::of(SurveyId(1), 1, &survey, &SurveyFilter::default(), None);
        assert_eq!(v.cards.len(), 3);
        assert_eq!(v.cards[0].options.len(), 11, "0–10");
        assert_eq!(v.cards[0].options[10], ("10".into(), 1));
        assert_eq!(v.cards[0].nps.map(|n| n.score), Some(33.3));
        assert_eq!(v.cards[1].histogram.iter().map(|b| b.2).sum::<usize>(), 2);
        let samples: Vec<&str> = v.cards[2].samples.iter().map(|s| s.1.as_str()).collect();
        assert_eq!(samples, ["好", "快"]);
        assert_eq!(v.cards[2].percent(1), 50.0);
    }
}
