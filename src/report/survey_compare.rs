//! Wave over wave: the questions two surveys share (same title, or same key, and the
//! same kind) with each survey's figures side by side.

use crate::model::survey::{QuestionKind, QuestionStats, Survey, SurveyId};

/// One question both surveys ask.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub key: String,
    pub title: String,
    pub kind: QuestionKind,
    /// Figures in the survey shown (over the responses its filter keeps).
    pub this: QuestionStats,
    /// Figures in the other survey (all its responses).
    pub other: QuestionStats,
}

/// The survey shown against another.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub other: SurveyId,
    pub other_name: String,
    pub other_responses: usize,
    pub rows: Vec<Compared>,
}

/// A title without its numbering: `3、您的角色` and `Q3. 您的角色` → `您的角色`.
fn bare_title(title: &str) -> String {
    let t = title.trim();
    let t = t.strip_prefix(['Q', 'q']).unwrap_or(t);
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit());
    t.trim_start_matches(['、', '.', '．', ':', '：', ')', '）', ' '])
        .trim()
        .to_lowercase()
}

/// The questions `this` and `other` share, in `this` survey's order.
pub fn compare(
    this: &Survey,
    keep: Option<&[bool]>,
    other_id: SurveyId,
    other: &Survey,
) -> Comparison {
    let mut rows = Vec::new();
    for (i, q) in this.questions.iter().enumerate() {
        if q.kind == QuestionKind::Meta {
            continue;
        }
        let title = bare_title(&q.title);
        let same = |o: &crate::model::survey::Question| {
            o.kind == q.kind && (bare_title(&o.title) == title || o.key == q.key)
        };
        let Some(j) = other
            .questions
            .iter()
            .position(|o| o.kind == q.kind && bare_title(&o.title) == title)
            .or_else(|| other.questions.iter().position(same))
        else {
            continue;
        };
        if let (Some(a), Some(b)) = (this.stats(i, keep), other.stats(j, None)) {
            rows.push(Compared {
                key: q.key.clone(),
                title: q.title.clone(),
                kind: q.kind,
                this: a,
                other: b,
            });
        }
    }
    Comparison {
        other: other_id,
        other_name: other.name.clone(),
        other_responses: other.responses,
        rows,
    }
}

/// The change of an option's share (percentage points) from `other` to `this`.
pub fn share_change(c: &Compared, label: &str) -> Option<(f64, f64)> {
    let share = |s: &QuestionStats| {
        let n = s.options.iter().find(|o| o.0 == label)?.1;
        (s.answered > 0).then(|| n as f64 * 100.0 / s.answered as f64)
    };
    Some((share(&c.this)?, share(&c.other).unwrap_or(0.0)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::{Answers, Question};

    fn wave(name: &str, title: &str, scores: &[f64]) -> Survey {
        Survey {
            name: name.into(),
            source: "generic".into(),
            responses: scores.len(),
            questions: vec![Question {
                key: "Q1".into(),
                title: title.into(),
                kind: QuestionKind::Nps,
                options: Vec::new(),
                scale: Some((0.0, 10.0)),
                kind_set_by_user: false,
            }],
            answers: vec![Answers::numbers(scores.iter().map(|&x| Some(x)).collect())],
            other_text: Vec::new(),
        }
    }

    #[test]
    fn the_same_question_is_found_under_other_numbering() {
        let now = wave("2026 Q4", "1、推荐意愿", &[10.0, 10.0, 3.0]);
        let before = wave("2026 Q3", "Q1. 推荐意愿", &[10.0, 3.0, 3.0]);
        let c = compare(&now, None, SurveyId(2), &before);
        assert_eq!(c.rows.len(), 1);
        let row = &c.rows[0];
        assert_eq!(row.this.nps.unwrap().score, 33.3);
        assert_eq!(row.other.nps.unwrap().score, -33.3);
        let unrelated = wave("x", "价格是否合理", &[5.0]);
        let mut unrelated = unrelated;
        unrelated.questions[0].key = "Q9".into();
        assert!(compare(&now, None, SurveyId(3), &unrelated).rows.is_empty());
    }
}
