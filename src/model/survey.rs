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

/// The groups of an NPS question: detractors, passives, promoters.
pub const NPS_GROUPS: [&str; 3] = ["0-6", "7-8", "9-10"];

/// Most distinct answers a text column can have to be grouped by.
pub const MOST_GROUPS: usize = 30;

/// Marks "no answer" in a column of option indexes or text codes.
pub const NONE: u32 = u32::MAX;

/// The answered flag of a multiple-choice mask (bits 0–62 are the options).
const ANSWERED: u64 = 1 << 63;

/// Most options a multiple choice keeps in a mask; more go in lists.
pub const MASK_OPTIONS: usize = 63;

/// The answers to one question, one entry per response, stored compactly (a million
/// responses take a few megabytes per question). "No answer" is kept apart so it never
/// counts in a denominator.
#[derive(Clone, Debug)]
pub enum Answers {
    /// Numbers (NPS, ratings, numeric answers); NaN is no answer.
    Numbers(Vec<f64>),
    /// The chosen option (index into the question's options); [`NONE`] is no answer.
    Choice(Vec<u32>),
    /// The chosen options of a multiple choice as a bit mask (up to 63 options).
    Choices(Vec<u64>),
    /// The chosen options when there are more than 63.
    ChoiceLists(Vec<Option<Vec<u32>>>),
    /// Text (free text, dates, metadata): each distinct text once, and per response
    /// its index ([`NONE`]: no answer).
    Text {
        values: Vec<String>,
        codes: Vec<u32>,
    },
}

impl PartialEq for Answers {
    fn eq(&self, other: &Answers) -> bool {
        match (self, other) {
            (Answers::Numbers(a), Answers::Numbers(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits())
            }
            (Answers::Choice(a), Answers::Choice(b)) => a == b,
            (Answers::Choices(a), Answers::Choices(b)) => a == b,
            (Answers::ChoiceLists(a), Answers::ChoiceLists(b)) => a == b,
            (Answers::Text { .. }, Answers::Text { .. }) => {
                (0..self.len().max(other.len())).all(|i| self.text_at(i) == other.text_at(i))
            }
            _ => false,
        }
    }
}

impl Answers {
    /// Numbers from optional values.
    pub fn numbers(values: Vec<Option<f64>>) -> Answers {
        Answers::Numbers(values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect())
    }

    /// Single choices from optional option indexes.
    pub fn choice(values: Vec<Option<u32>>) -> Answers {
        Answers::Choice(values.into_iter().map(|v| v.unwrap_or(NONE)).collect())
    }

    /// Multiple choices from optional lists of option indexes; `options` is how many
    /// options the question has.
    pub fn choices(values: Vec<Option<Vec<u32>>>, options: usize) -> Answers {
        if options > MASK_OPTIONS {
            return Answers::ChoiceLists(values);
        }
        Answers::Choices(
            values
                .into_iter()
                .map(|v| match v {
                    None => 0,
                    Some(list) => list
                        .iter()
                        .filter(|&&i| (i as usize) < MASK_OPTIONS)
                        .fold(ANSWERED, |m, &i| m | (1 << i)),
                })
                .collect(),
        )
    }

    /// Texts from optional values, each distinct text stored once.
    pub fn text<S: AsRef<str>>(values: Vec<Option<S>>) -> Answers {
        let mut index: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        let mut distinct = Vec::new();
        let codes = values
            .into_iter()
            .map(|v| match v {
                None => NONE,
                Some(t) => {
                    let t = t.as_ref();
                    match index.get(t) {
                        Some(&c) => c,
                        None => {
                            let c = distinct.len() as u32;
                            distinct.push(t.to_owned());
                            index.insert(t.to_owned(), c);
                            c
                        }
                    }
                }
            })
            .collect();
        Answers::Text {
            values: distinct,
            codes,
        }
    }

    /// Response `i`'s number, if it answered with one.
    pub fn number(&self, i: usize) -> Option<f64> {
        match self {
            Answers::Numbers(v) => v.get(i).copied().filter(|x| !x.is_nan()),
            _ => None,
        }
    }

    /// Response `i`'s text, if it answered with one.
    pub fn text_at(&self, i: usize) -> Option<&str> {
        match self {
            Answers::Text { values, codes } => codes
                .get(i)
                .filter(|&&c| c != NONE)
                .and_then(|&c| values.get(c as usize))
                .map(String::as_str),
            _ => None,
        }
    }

    /// Response `i`'s chosen options (one for a single choice), if it answered.
    pub fn chosen(&self, i: usize) -> Option<Vec<u32>> {
        match self {
            Answers::Choice(v) => v.get(i).filter(|&&c| c != NONE).map(|&c| vec![c]),
            Answers::Choices(v) => v.get(i).filter(|&&m| m & ANSWERED != 0).map(|&m| {
                (0..MASK_OPTIONS as u32)
                    .filter(|b| m & (1 << b) != 0)
                    .collect()
            }),
            Answers::ChoiceLists(v) => v.get(i).cloned().flatten(),
            _ => None,
        }
    }

    /// Whether response `i` is in group `g`: chose option `g`, or (text) gave the
    /// `g`-th distinct answer.
    pub fn in_group(&self, i: usize, g: u32) -> bool {
        match self {
            Answers::Text { codes, .. } => codes.get(i) == Some(&g),
            Answers::Choice(v) => v.get(i) == Some(&g),
            Answers::Choices(v) => v.get(i).is_some_and(|&m| {
                m & ANSWERED != 0 && (g as usize) < MASK_OPTIONS && m & (1 << g) != 0
            }),
            Answers::ChoiceLists(v) => v
                .get(i)
                .is_some_and(|c| c.as_ref().is_some_and(|c| c.contains(&g))),
            Answers::Numbers(_) => false,
        }
    }

    /// Whether response `i` answered.
    pub fn answered_at(&self, i: usize) -> bool {
        match self {
            Answers::Numbers(v) => v.get(i).is_some_and(|x| !x.is_nan()),
            Answers::Choice(v) => v.get(i).is_some_and(|&c| c != NONE),
            Answers::Choices(v) => v.get(i).is_some_and(|&m| m & ANSWERED != 0),
            Answers::ChoiceLists(v) => v.get(i).is_some_and(Option::is_some),
            Answers::Text { codes, .. } => codes.get(i).is_some_and(|&c| c != NONE),
        }
    }

    /// How many responses answered.
    pub fn answered(&self) -> usize {
        (0..self.len()).filter(|&i| self.answered_at(i)).count()
    }

    /// How many responses it holds (answered or not).
    pub fn len(&self) -> usize {
        match self {
            Answers::Numbers(v) => v.len(),
            Answers::Choice(v) => v.len(),
            Answers::Choices(v) => v.len(),
            Answers::ChoiceLists(v) => v.len(),
            Answers::Text { codes, .. } => codes.len(),
        }
    }

    /// Whether it holds no responses.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The answers as bytes, for the workspace file: a tag, then little-endian arrays.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(9 + self.len() * 8);
        let len = |out: &mut Vec<u8>, n: usize| out.extend((n as u64).to_le_bytes());
        match self {
            Answers::Numbers(v) => {
                out.push(1);
                len(&mut out, v.len());
                for x in v {
                    out.extend(x.to_le_bytes());
                }
            }
            Answers::Choice(v) => {
                out.push(2);
                len(&mut out, v.len());
                for x in v {
                    out.extend(x.to_le_bytes());
                }
            }
            Answers::Choices(v) => {
                out.push(3);
                len(&mut out, v.len());
                for x in v {
                    out.extend(x.to_le_bytes());
                }
            }
            Answers::ChoiceLists(v) => {
                out.push(4);
                len(&mut out, v.len());
                for x in v {
                    match x {
                        None => out.extend(u32::MAX.to_le_bytes()),
                        Some(list) => {
                            out.extend((list.len() as u32).to_le_bytes());
                            for c in list {
                                out.extend(c.to_le_bytes());
                            }
                        }
                    }
                }
            }
            Answers::Text { values, codes } => {
                out.push(5);
                len(&mut out, values.len());
                for t in values {
                    len(&mut out, t.len());
                    out.extend(t.as_bytes());
                }
                len(&mut out, codes.len());
                for c in codes {
                    out.extend(c.to_le_bytes());
                }
            }
        }
        out
    }

    /// Reads what [`Answers::encode`] wrote.
    pub fn decode(bytes: &[u8]) -> Result<Answers, String> {
        struct Reader<'a>(&'a [u8]);
        impl Reader<'_> {
            fn take(&mut self, n: usize) -> Result<&[u8], String> {
                if self.0.len() < n {
                    return Err("the stored answers are cut short".into());
                }
                let (a, b) = self.0.split_at(n);
                self.0 = b;
                Ok(a)
            }
            fn u64(&mut self) -> Result<u64, String> {
                let b = self.take(8)?;
                Ok(u64::from_le_bytes(b.try_into().map_err(|_| "bad length")?))
            }
            fn u32(&mut self) -> Result<u32, String> {
                let b = self.take(4)?;
                Ok(u32::from_le_bytes(b.try_into().map_err(|_| "bad length")?))
            }
            fn count(&mut self) -> Result<usize, String> {
                let n = usize::try_from(self.u64()?).map_err(|_| "count too large")?;
                if n > self.0.len() {
                    return Err("the stored answers are cut short".into());
                }
                Ok(n)
            }
        }
        let (&tag, rest) = bytes.split_first().ok_or("no stored answers")?;
        let mut r = Reader(rest);
        Ok(match tag {
            1 => {
                let n = r.count()?;
                Answers::Numbers(
                    (0..n)
                        .map(|_| r.u64().map(f64::from_bits))
                        .collect::<Result<_, _>>()?,
                )
            }
            2 => {
                let n = r.count()?;
                Answers::Choice((0..n).map(|_| r.u32()).collect::<Result<_, _>>()?)
            }
            3 => {
                let n = r.count()?;
                Answers::Choices((0..n).map(|_| r.u64()).collect::<Result<_, _>>()?)
            }
            4 => {
                let n = r.count()?;
                let mut lists = Vec::with_capacity(n);
                for _ in 0..n {
                    let k = r.u32()?;
                    lists.push(if k == u32::MAX {
                        None
                    } else {
                        Some((0..k).map(|_| r.u32()).collect::<Result<_, _>>()?)
                    });
                }
                Answers::ChoiceLists(lists)
            }
            5 => {
                let n = r.count()?;
                let mut values = Vec::with_capacity(n);
                for _ in 0..n {
                    let len = r.count()?;
                    values.push(
                        String::from_utf8(r.take(len)?.to_vec())
                            .map_err(|_| "a stored text is not UTF-8")?,
                    );
                }
                let m = r.count()?;
                let codes = (0..m).map(|_| r.u32()).collect::<Result<_, _>>()?;
                Answers::Text { values, codes }
            }
            t => return Err(format!("unknown kind of stored answers ({t})")),
        })
    }
}

/// A survey: its questions and, for each, the answers of every response.
#[derive(Clone, Debug, PartialEq)]
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

/// Which responses the dashboard counts: those that gave one option of one question,
/// and those answered between two dates.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyFilter {
    /// (question, option): keep responses that chose it.
    pub answer: Option<(usize, u32)>,
    /// Keep responses answered on or after this day.
    pub from: Option<chrono::NaiveDate>,
    /// Keep responses answered on or before this day.
    pub to: Option<chrono::NaiveDate>,
}

impl SurveyFilter {
    /// Whether it keeps every response.
    pub fn is_empty(&self) -> bool {
        self.answer.is_none() && self.from.is_none() && self.to.is_none()
    }
}

/// Reads the day a response was given: `2026/11/1 10:00:00`, `2026-11-01 10:00`,
/// `12/13/2019 12:02:32`, `2026-11-01`.
pub fn answer_day(text: &str) -> Option<chrono::NaiveDate> {
    super::day::parse_day(text)
}

impl Survey {
    /// The question that says when each response was given: the first metadata
    /// question whose answers read as dates.
    pub fn date_question(&self) -> Option<usize> {
        self.questions.iter().enumerate().position(|(i, q)| {
            q.kind == QuestionKind::Meta
                && (0..self.responses.min(20))
                    .filter_map(|r| self.answers.get(i)?.text_at(r))
                    .next()
                    .and_then(answer_day)
                    .is_some()
        })
    }

    /// The day each response was given, from the date question (`None` without one).
    /// Each distinct day is parsed once, so a million responses take milliseconds.
    pub fn answer_days(&self) -> Option<Vec<Option<chrono::NaiveDate>>> {
        let a = self.answers.get(self.date_question()?)?;
        let mut parsed: std::collections::HashMap<&str, Option<chrono::NaiveDate>> =
            std::collections::HashMap::new();
        Some(
            (0..self.responses)
                .map(|r| {
                    let text = a.text_at(r)?.trim();
                    let day_part = text.split([' ', 'T']).next().unwrap_or(text);
                    *parsed
                        .entry(day_part)
                        .or_insert_with(|| answer_day(day_part))
                })
                .collect(),
        )
    }

    /// NPS of question `q` per week (`monthly`: per month) of the answer `days` (from
    /// [`Survey::answer_days`]), over the kept responses: (period label, figures),
    /// oldest first.
    pub fn nps_trend(
        &self,
        q: usize,
        keep: Option<&[bool]>,
        days: &[Option<chrono::NaiveDate>],
        monthly: bool,
    ) -> Vec<(String, NpsStats)> {
        use chrono::Datelike;
        let Some(a) = self.answers.get(q) else {
            return Vec::new();
        };
        let mut by_period: std::collections::BTreeMap<chrono::NaiveDate, Vec<f64>> =
            std::collections::BTreeMap::new();
        for (r, day) in days.iter().enumerate() {
            if !keep.is_none_or(|k| k.get(r).copied().unwrap_or(false)) {
                continue;
            }
            let (Some(day), Some(x)) = (day, a.number(r)) else {
                continue;
            };
            let start = if monthly {
                day.with_day(1).unwrap_or(*day)
            } else {
                *day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
            };
            by_period.entry(start).or_default().push(x);
        }
        by_period
            .into_iter()
            .filter_map(|(start, values)| {
                let label = if monthly {
                    start.format("%Y-%m").to_string()
                } else {
                    let week = start.iso_week();
                    format!("{}-W{:02}", week.year(), week.week())
                };
                nps(values.into_iter()).map(|n| (label, n))
            })
            .collect()
    }

    /// The groups question `q` splits responses into, to filter and cross-tab by: a
    /// choice question's options, or the few distinct answers of a metadata or text
    /// column (a source channel, a region); `None` for anything else.
    pub fn groups(&self, q: usize) -> Option<Vec<String>> {
        let question = self.questions.get(q)?;
        match self.answers.get(q)? {
            Answers::Choice(_) | Answers::Choices(_) | Answers::ChoiceLists(_) => {
                (!question.options.is_empty()).then(|| question.options.clone())
            }
            Answers::Text { values, .. }
                if matches!(question.kind, QuestionKind::Meta | QuestionKind::Text)
                    && (2..=MOST_GROUPS).contains(&values.len()) =>
            {
                Some(values.clone())
            }
            Answers::Numbers(_) if question.kind == QuestionKind::Nps => {
                Some(NPS_GROUPS.iter().map(|s| (*s).to_owned()).collect())
            }
            Answers::Numbers(_)
                if matches!(question.kind, QuestionKind::Rating | QuestionKind::Matrix) =>
            {
                let (low, high) = question.scale?;
                let points = (high - low).round();
                if !(1.0..=10.0).contains(&points) {
                    return None;
                }
                Some(if question.options.len() == points as usize + 1 {
                    question.options.clone()
                } else {
                    (0..=points as i64)
                        .map(|k| format!("{}", low as i64 + k))
                        .collect()
                })
            }
            _ => None,
        }
    }

    /// Whether response `r` is in group `g` of question `q` (see [`Survey::groups`]).
    pub fn member(&self, q: usize, r: usize, g: u32) -> bool {
        let (Some(question), Some(a)) = (self.questions.get(q), self.answers.get(q)) else {
            return false;
        };
        match a {
            Answers::Numbers(_) => {
                let Some(x) = a.number(r) else {
                    return false;
                };
                if question.kind == QuestionKind::Nps {
                    let group = if x >= 9.0 {
                        2
                    } else if x >= 7.0 {
                        1
                    } else {
                        0
                    };
                    group == g
                } else {
                    question
                        .scale
                        .is_some_and(|(low, _)| (x - low).round() == f64::from(g))
                }
            }
            _ => a.in_group(r, g),
        }
    }

    /// Which responses `filter` keeps (`None`: all, nothing to filter).
    pub fn keep(&self, filter: &SurveyFilter) -> Option<Vec<bool>> {
        if filter.is_empty() {
            return None;
        }
        let mut keep = vec![true; self.responses];
        if let Some((q, option)) = filter.answer {
            for (r, k) in keep.iter_mut().enumerate() {
                *k = self.member(q, r, option);
            }
        }
        if (filter.from.is_some() || filter.to.is_some())
            && let Some(days) = self.answer_days()
        {
            for (k, day) in keep.iter_mut().zip(days) {
                *k = *k
                    && day.is_some_and(|d| {
                        filter.from.is_none_or(|f| d >= f) && filter.to.is_none_or(|t| d <= t)
                    });
            }
        }
        Some(keep)
    }

    /// The figures of question `q` for each group of question `by` (a single choice or
    /// any question with options): (group label, figures), over the kept responses.
    pub fn cross(
        &self,
        q: usize,
        by: usize,
        keep: Option<&[bool]>,
    ) -> Vec<(String, QuestionStats)> {
        let Some(groups) = self.groups(by) else {
            return Vec::new();
        };
        groups
            .iter()
            .enumerate()
            .filter_map(|(g, label)| {
                let in_group: Vec<bool> = (0..self.responses)
                    .map(|r| {
                        keep.is_none_or(|k| k.get(r).copied().unwrap_or(false))
                            && self.member(by, r, g as u32)
                    })
                    .collect();
                self.stats(q, Some(&in_group)).map(|s| (label.clone(), s))
            })
            .collect()
    }
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
                        .filter(|&(i, x)| !x.is_nan() && kept(i))
                        .map(|(_, x)| *x)
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
            Answers::Text { codes, .. } => {
                stats.answered = codes
                    .iter()
                    .enumerate()
                    .filter(|&(i, &c)| c != NONE && kept(i))
                    .count();
            }
            Answers::Choice(v) => {
                let mut counts = vec![0usize; question.options.len()];
                for (i, &c) in v.iter().enumerate() {
                    if c != NONE && kept(i) {
                        stats.answered += 1;
                        if let Some(n) = counts.get_mut(c as usize) {
                            *n += 1;
                        }
                    }
                }
                stats.options = question.options.iter().cloned().zip(counts).collect();
            }
            Answers::Choices(v) => {
                let mut counts = vec![0usize; question.options.len()];
                for (i, &m) in v.iter().enumerate() {
                    if m & ANSWERED != 0 && kept(i) {
                        stats.answered += 1;
                        for (b, n) in counts.iter_mut().enumerate().take(MASK_OPTIONS) {
                            if m & (1 << b) != 0 {
                                *n += 1;
                            }
                        }
                    }
                }
                stats.options = question.options.iter().cloned().zip(counts).collect();
            }
            Answers::ChoiceLists(v) => {
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
            answers: vec![Answers::choice(vec![Some(0), None, Some(1), Some(0)])],
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

    #[test]
    fn a_metadata_column_with_few_answers_filters_and_breaks_down() {
        let q = |key: &str, kind| Question {
            key: key.into(),
            title: key.into(),
            kind,
            options: Vec::new(),
            scale: (kind == QuestionKind::Nps).then_some((0.0, 10.0)),
            kind_set_by_user: false,
        };
        let survey = Survey {
            name: "s".into(),
            source: "wjx".into(),
            responses: 4,
            questions: vec![q("来源", QuestionKind::Meta), q("Q1", QuestionKind::Nps)],
            answers: vec![
                Answers::text(vec![Some("微信"), Some("链接"), Some("微信"), None]),
                Answers::numbers(vec![Some(10.0), Some(2.0), Some(9.0), Some(5.0)]),
            ],
            other_text: Vec::new(),
        };
        assert_eq!(survey.groups(0), Some(vec!["微信".into(), "链接".into()]));
        let cross = survey.cross(1, 0, None);
        assert_eq!(cross[0].0, "微信");
        assert_eq!(cross[0].1.nps.map(|n| n.score), Some(100.0));
        assert_eq!(cross[1].1.nps.map(|n| n.score), Some(-100.0));
        let keep = survey
            .keep(&SurveyFilter {
                answer: Some((0, 1)),
                ..SurveyFilter::default()
            })
            .unwrap_or_default();
        assert_eq!(keep, [false, true, false, false]);
        // NPS answers group as detractors, passives and promoters.
        assert_eq!(survey.groups(1).map(|g| g.len()), Some(3));
        let promoters = survey
            .keep(&SurveyFilter {
                answer: Some((1, 2)),
                ..SurveyFilter::default()
            })
            .unwrap_or_default();
        assert_eq!(promoters, [true, false, true, false]);
    }
}

#[cfg(test)]
mod storage_tests {
    use super::*;

    #[test]
    fn answers_survive_their_byte_form() {
        let all = [
            Answers::numbers(vec![Some(1.5), None, Some(-3.0)]),
            Answers::choice(vec![Some(2), None]),
            Answers::choices(vec![Some(vec![0, 5]), None, Some(Vec::new())], 6),
            Answers::choices(vec![Some(vec![70]), None], 80),
            Answers::text(vec![Some("好"), None, Some("好"), Some("快")]),
        ];
        for a in all {
            let back = Answers::decode(&a.encode()).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(back, a);
        }
        let c = Answers::choices(vec![Some(vec![0, 5]), None, Some(Vec::new())], 6);
        assert_eq!(c.chosen(0), Some(vec![0, 5]));
        assert_eq!((c.chosen(1), c.chosen(2)), (None, Some(Vec::new())));
        assert_eq!(c.answered(), 2, "an empty choice is still an answer");
        let t = Answers::text(vec![Some("好"), None, Some("好")]);
        let Answers::Text { values, .. } = &t else {
            panic!("text")
        };
        assert_eq!(values.len(), 1, "each text once");
        assert!(Answers::decode(&[5, 9]).is_err());
        assert!(Answers::decode(&[]).is_err());
    }
}

#[cfg(test)]
mod filter_tests {
    use super::*;

    fn survey() -> Survey {
        let q = |key: &str, kind, options: &[&str]| Question {
            key: key.into(),
            title: key.into(),
            kind,
            options: options.iter().map(|o| (*o).to_owned()).collect(),
            scale: (kind == QuestionKind::Nps).then_some((0.0, 10.0)),
            kind_set_by_user: false,
        };
        Survey {
            name: "s".into(),
            source: "wjx".into(),
            responses: 4,
            questions: vec![
                q("提交答卷时间", QuestionKind::Meta, &[]),
                q("角色", QuestionKind::Single, &["坐席", "主管"]),
                q("NPS", QuestionKind::Nps, &[]),
            ],
            answers: vec![
                Answers::text(vec![
                    Some("2026/10/1 10:00:00"),
                    Some("2026/10/15 10:00:00"),
                    Some("2026/11/1 10:00:00"),
                    None,
                ]),
                Answers::choice(vec![Some(0), Some(1), Some(0), Some(1)]),
                Answers::numbers(vec![Some(10.0), Some(3.0), Some(9.0), Some(8.0)]),
            ],
            other_text: Vec::new(),
        }
    }

    #[test]
    fn filters_keep_answers_and_dates_and_cross_tabs_split_by_group() {
        let s = survey();
        assert_eq!(s.date_question(), Some(0));
        assert_eq!(s.keep(&SurveyFilter::default()), None);
        let seats = SurveyFilter {
            answer: Some((1, 0)),
            ..SurveyFilter::default()
        };
        assert_eq!(s.keep(&seats), Some(vec![true, false, true, false]));
        let october = SurveyFilter {
            from: NaiveDateHelper::day(2026, 10, 1),
            to: NaiveDateHelper::day(2026, 10, 31),
            ..SurveyFilter::default()
        };
        assert_eq!(
            s.keep(&october),
            Some(vec![true, true, false, false]),
            "no date: out"
        );
        let by_role = s.cross(2, 1, None);
        let scores: Vec<(String, Option<f64>)> = by_role
            .iter()
            .map(|(g, st)| (g.clone(), st.nps.map(|n| n.score)))
            .collect();
        assert_eq!(
            scores,
            vec![("坐席".into(), Some(100.0)), ("主管".into(), Some(-50.0))]
        );
        let seats_by_role = s.cross(2, 1, s.keep(&seats).as_deref());
        assert_eq!(seats_by_role[1].1.answered, 0);
    }

    struct NaiveDateHelper;

    impl NaiveDateHelper {
        fn day(y: i32, m: u32, d: u32) -> Option<chrono::NaiveDate> {
            chrono::NaiveDate::from_ymd_opt(y, m, d)
        }
    }
}
