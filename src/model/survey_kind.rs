//! A question read as another kind than the import inferred: the user's correction.
//! The answers as imported stay stored; this reads them as the chosen kind (numbers
//! from labels, options from distinct texts, text from labels), so a correction can
//! always be undone without loss.

use super::survey::{Answers, Question, QuestionKind};

/// Most distinct answers a text question can have to be read as a choice.
pub const MOST_OPTIONS: usize = 500;

/// Why a question cannot be read as a kind.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KindProblem {
    #[error(
        "{answers} different answers are too many for a choice question (at most {MOST_OPTIONS})"
    )]
    TooManyOptions { answers: usize },
}

/// Which way answers of a kind are kept.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Numbers,
    Choices,
    Text,
}

fn shape(kind: QuestionKind) -> Shape {
    match kind {
        QuestionKind::Nps | QuestionKind::Rating | QuestionKind::Numeric => Shape::Numbers,
        QuestionKind::Single | QuestionKind::Multi | QuestionKind::Matrix => Shape::Choices,
        QuestionKind::Meta | QuestionKind::Date | QuestionKind::Text => Shape::Text,
    }
}

/// The number a label stands for: `7`, `10 - 极有可能`, `5分`; `None` if it has none.
fn leading_number(label: &str) -> Option<f64> {
    let t = label.trim();
    let end = t
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && c == '-')))
        .map_or(t.len(), |(i, _)| i);
    t[..end].parse().ok()
}

/// A number as text: `7`, not `7.0`.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x}")
    }
}

/// Each response's answer as text (labels joined by "; "), `None` when not answered.
fn texts(q: &Question, a: &Answers) -> Vec<Option<String>> {
    (0..a.len())
        .map(|r| {
            if let Some(x) = a.number(r) {
                // A labelled scale point reads as its label.
                let label = q
                    .scale
                    .filter(|_| !q.options.is_empty())
                    .and_then(|(low, _)| q.options.get((x - low).round() as usize));
                return Some(label.cloned().unwrap_or_else(|| number_text(x)));
            }
            if let Some(chosen) = a.chosen(r) {
                let labels: Vec<&str> = chosen
                    .iter()
                    .filter_map(|&i| q.options.get(i as usize))
                    .map(String::as_str)
                    .collect();
                return Some(labels.join("; "));
            }
            a.text_at(r).map(str::to_owned)
        })
        .collect()
}

/// Reads question `q` with answers `a` as `kind`. The same shape keeps the answers and
/// sets what the kind needs (a scale for NPS and ratings).
pub fn read_as(
    q: &Question,
    a: &Answers,
    kind: QuestionKind,
) -> Result<(Question, Answers), KindProblem> {
    let mut out = Question { kind, ..q.clone() };
    let answers = match (shape(kind), a) {
        (Shape::Numbers, Answers::Numbers(_)) => a.clone(),
        (Shape::Numbers, _) => {
            let numbers: Vec<Option<f64>> = (0..a.len())
                .map(|r| {
                    if let Some(chosen) = a.chosen(r) {
                        let i = *chosen.first()?;
                        let label = q.options.get(i as usize)?;
                        Some(leading_number(label).unwrap_or(f64::from(i) + 1.0))
                    } else {
                        a.text_at(r).and_then(leading_number)
                    }
                })
                .collect();
            // Labels that were not numbers stay as the scale's point labels.
            if matches!(
                a,
                Answers::Choice(_) | Answers::Choices(_) | Answers::ChoiceLists(_)
            ) && q.options.iter().all(|o| leading_number(o).is_none())
            {
                out.options = q.options.clone();
            } else {
                out.options = Vec::new();
            }
            Answers::numbers(numbers)
        }
        (Shape::Choices, Answers::Choice(v)) if kind == QuestionKind::Multi => Answers::choices(
            v.iter()
                .map(|&c| (c != super::survey::NONE).then(|| vec![c]))
                .collect(),
            q.options.len(),
        ),
        (Shape::Choices, Answers::Choices(_) | Answers::ChoiceLists(_))
            if kind != QuestionKind::Multi =>
        {
            Answers::choice(
                (0..a.len())
                    .map(|r| a.chosen(r).and_then(|c| c.first().copied()))
                    .collect(),
            )
        }
        (Shape::Choices, Answers::Choice(_) | Answers::Choices(_) | Answers::ChoiceLists(_)) => {
            a.clone()
        }
        (Shape::Choices, _) => {
            let values = texts(q, a);
            let mut options: Vec<String> = Vec::new();
            let mut index = std::collections::HashMap::new();
            let mut picks = Vec::with_capacity(values.len());
            for v in &values {
                picks.push(v.as_ref().map(|t| {
                    *index.entry(t.clone()).or_insert_with(|| {
                        options.push(t.clone());
                        options.len() as u32 - 1
                    })
                }));
            }
            if options.len() > MOST_OPTIONS {
                return Err(KindProblem::TooManyOptions {
                    answers: options.len(),
                });
            }
            // Numbers in numeric order, text as it first came.
            if matches!(a, Answers::Numbers(_)) {
                let mut order: Vec<usize> = (0..options.len()).collect();
                order.sort_by(|&x, &y| {
                    let (p, q) = (leading_number(&options[x]), leading_number(&options[y]));
                    p.partial_cmp(&q).unwrap_or(std::cmp::Ordering::Equal)
                });
                let mut rank = vec![0u32; options.len()];
                for (new, &old) in order.iter().enumerate() {
                    rank[old] = new as u32;
                }
                options = order.iter().map(|&i| options[i].clone()).collect();
                for p in picks.iter_mut().flatten() {
                    *p = rank[*p as usize];
                }
            }
            out.options = options;
            if kind == QuestionKind::Multi {
                Answers::choices(
                    picks.into_iter().map(|p| p.map(|i| vec![i])).collect(),
                    out.options.len(),
                )
            } else {
                Answers::choice(picks)
            }
        }
        (Shape::Text, Answers::Text { .. }) => a.clone(),
        (Shape::Text, _) => {
            out.options = Vec::new();
            Answers::text(texts(q, a))
        }
    };
    out.scale = match kind {
        QuestionKind::Nps => Some((0.0, 10.0)),
        QuestionKind::Rating | QuestionKind::Matrix => q.scale.or_else(|| {
            let values = (0..answers.len()).filter_map(|r| answers.number(r));
            let (low, high) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), x| {
                (l.min(x), h.max(x))
            });
            (low <= high).then_some((low, high))
        }),
        _ if !out.options.is_empty() && shape(kind) == Shape::Numbers => q.scale,
        _ => None,
    };
    if shape(kind) == Shape::Numbers && out.scale.is_none() {
        out.options = Vec::new();
    }
    Ok((out, answers))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, options: &[&str]) -> Question {
        Question {
            key: "Q1".into(),
            title: "题目".into(),
            kind,
            options: options.iter().map(|s| (*s).to_owned()).collect(),
            scale: None,
            kind_set_by_user: false,
        }
    }

    #[test]
    fn choices_with_numbers_read_as_nps() {
        let q = question(
            QuestionKind::Single,
            &["0 - 完全不可能", "9", "10 - 极有可能"],
        );
        let a = Answers::choice(vec![Some(2), Some(1), None, Some(0)]);
        let (q2, a2) = read_as(&q, &a, QuestionKind::Nps).unwrap();
        assert_eq!(q2.scale, Some((0.0, 10.0)));
        assert_eq!(
            (0..4).map(|r| a2.number(r)).collect::<Vec<_>>(),
            [Some(10.0), Some(9.0), None, Some(0.0)]
        );
        // And back: the stored answers never changed, so nothing is lost.
        let (q3, a3) = read_as(&q2, &a2, QuestionKind::Single).unwrap();
        assert_eq!(q3.options, ["0", "9", "10"]);
        assert_eq!(a3.chosen(0), Some(vec![2]));
    }

    #[test]
    fn text_reads_as_a_choice_and_choices_as_text() {
        let q = question(QuestionKind::Text, &[]);
        let a = Answers::text(vec![Some("北京"), Some("上海"), None, Some("北京")]);
        let (q2, a2) = read_as(&q, &a, QuestionKind::Single).unwrap();
        assert_eq!(q2.options, ["北京", "上海"]);
        assert_eq!(a2.chosen(3), Some(vec![0]));
        assert_eq!(a2.chosen(2), None);
        let multi = question(QuestionKind::Multi, &["看板", "甘特图"]);
        let m = Answers::choices(vec![Some(vec![0, 1]), None], 2);
        let (_, t) = read_as(&multi, &m, QuestionKind::Text).unwrap();
        assert_eq!(t.text_at(0), Some("看板; 甘特图"));
        let (_, single) = read_as(&multi, &m, QuestionKind::Single).unwrap();
        assert_eq!(single.chosen(0), Some(vec![0]));
    }

    #[test]
    fn numbers_read_as_a_rating_get_their_range_and_as_choices_sort() {
        let q = question(QuestionKind::Numeric, &[]);
        let a = Answers::numbers(vec![Some(10.0), Some(2.0), Some(7.0)]);
        let (r, _) = read_as(&q, &a, QuestionKind::Rating).unwrap();
        assert_eq!(r.scale, Some((2.0, 10.0)));
        let (c, ca) = read_as(&q, &a, QuestionKind::Single).unwrap();
        assert_eq!(c.options, ["2", "7", "10"]);
        assert_eq!(ca.chosen(0), Some(vec![2]));
        let many = Answers::text((0..600).map(|i| Some(i.to_string())).collect());
        assert!(matches!(
            read_as(
                &question(QuestionKind::Text, &[]),
                &many,
                QuestionKind::Single
            ),
            Err(KindProblem::TooManyOptions { answers: 600 })
        ));
    }
}
