//! From columns to questions: grouping the columns each tool spreads one question over
//! (an option per column, a matrix row per column, an "other" text beside its choice),
//! then inferring each question's kind from its answers.

use std::collections::HashMap;

use super::layout::{self, ColumnHead, Layout};
use super::table::Table;
use crate::model::survey::{Answers, MASK_OPTIONS, NONE, Question, QuestionKind, Survey};

/// Cells that mean "no answer": left out of every denominator.
pub fn is_non_answer(cell: &str) -> bool {
    matches!(
        cell.trim(),
        "" | "(空)"
            | "(跳过)"
            | "（空）"
            | "（跳过）"
            | "-2"
            | "-3"
            | "-99"
            | "N/A"
            | "n/a"
            | "(skipped)"
    )
}

/// Labelled scales, lowest point first: answers that all sit on one become a rating.
const SCALES: &[&[&str]] = &[
    &["非常不满意", "不满意", "一般", "满意", "非常满意"],
    &["很不满意", "不满意", "一般", "满意", "很满意"],
    &["非常不同意", "不同意", "一般", "同意", "非常同意"],
    &["非常不同意", "不同意", "不确定", "同意", "非常同意"],
    &["非常不符合", "不符合", "一般", "符合", "非常符合"],
    &["非常不符合", "比较不符合", "不确定", "比较符合", "非常符合"],
    &["非常不重要", "不重要", "一般", "重要", "非常重要"],
    &["非常不可能", "不太可能", "不确定", "比较可能", "非常可能"],
    &["很差", "差", "一般", "好", "很好"],
    &[
        "Very dissatisfied",
        "Dissatisfied",
        "Neutral",
        "Satisfied",
        "Very satisfied",
    ],
    &[
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ],
    &[
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ],
    &[
        "Very unlikely",
        "Unlikely",
        "Neutral",
        "Likely",
        "Very likely",
    ],
    &["Very poor", "Poor", "Fair", "Good", "Excellent"],
    &[
        "Not at all important",
        "Slightly important",
        "Moderately important",
        "Very important",
        "Extremely important",
    ],
];

/// Words in a question that say its numbers are a scale, not option codes.
fn names_a_scale(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "满意", "评分", "打分", "程度", "符合", "同意", "重要", "可能", "分数", "星", "scale",
        "rate", "rating", "satisf", "agree", "escala", "likely",
    ]
    .iter()
    .any(|w| t.contains(w))
}

/// Words in a question that ask how likely one is to recommend: an NPS question.
fn asks_to_recommend(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "recommend",
        "推荐",
        "推薦",
        "recomend",
        "recomiend",
        "empfehl",
        "recommand",
        "raccomand",
    ]
    .iter()
    .any(|w| t.contains(w))
}

fn number(cell: &str) -> Option<f64> {
    cell.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

fn is_date(cell: &str) -> bool {
    let t = cell.trim();
    const FORMATS: &[&str] = &[
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y/%m/%d %H:%M",
        "%m/%d/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ];
    FORMATS
        .iter()
        .any(|f| chrono::NaiveDateTime::parse_from_str(t, f).is_ok())
        || ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%Y年%m月%d日"]
            .iter()
            .any(|f| chrono::NaiveDate::parse_from_str(t, f).is_ok())
}

/// 问卷星's written-in "other" text: `其他【请注明】〖军事〗` is the option
/// `其他【请注明】` with `军事` written in.
fn split_other(cell: &str) -> (String, Option<String>) {
    if let (Some(a), Some(b)) = (cell.find('〖'), cell.rfind('〗'))
        && a < b
    {
        let written = cell[a + '〖'.len_utf8()..b].trim().to_owned();
        let mut option = cell[..a].to_owned();
        option.push_str(&cell[b + '〗'.len_utf8()..]);
        return (
            option.trim().to_owned(),
            Some(written).filter(|w| !w.is_empty()),
        );
    }
    (cell.trim().to_owned(), None)
}

/// The columns a question is read from.
#[derive(Clone, Debug)]
enum Source {
    /// One column; its kind is inferred (or given).
    Column {
        col: usize,
        hint: Option<QuestionKind>,
    },
    /// One column per option, holding 1 / the option's label when chosen.
    OptionColumns {
        options: Vec<(String, usize)>,
        /// The option whose column holds what the respondent wrote (SurveyMonkey's
        /// "Other (please specify)"): any text there means it was chosen.
        written: Option<usize>,
    },
}

#[derive(Clone, Debug)]
struct Planned {
    key: String,
    title: String,
    source: Source,
    /// A column of "other, please specify" texts.
    other: Option<usize>,
}

/// Whether every answered cell of these columns is a "chosen" mark: 1 (or 0), or the
/// column's own label.
fn binary_columns(table: &Table, cols: &[(String, usize)]) -> bool {
    let mut any = false;
    for (label, c) in cols {
        let Some(column) = table.columns.get(*c) else {
            return false;
        };
        for v in column.values.iter().map(|v| v.trim()) {
            if is_non_answer(v) || v == "0" {
                continue;
            }
            if v != "1" && v != label {
                return false;
            }
            any = true;
        }
    }
    any
}

fn plan(layout: &Layout, data: &Table) -> Vec<Planned> {
    let cols = &layout.columns;
    let mut out = Vec::new();
    match layout.tool {
        "qualtrics" | "qualtrics_legacy" => {
            let legacy = layout.tool == "qualtrics_legacy";
            // Group by the question part of the id (QID3 of QID3_1, Q3 of Q3_1).
            let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
            for (c, head) in cols.iter().enumerate() {
                if layout::is_qualtrics_meta(head, legacy) {
                    if !head.tag.is_empty() && !head.tag.starts_with('V') {
                        out.push(meta(head, c));
                    }
                    continue;
                }
                if head.tag.ends_with("Topics") || head.import_id.contains("Topics") {
                    continue;
                }
                let id = if legacy { &head.tag } else { &head.import_id };
                let base = id.split('_').next().unwrap_or(id).to_owned();
                match groups.iter_mut().find(|(b, _)| *b == base) {
                    Some((_, v)) => v.push(c),
                    None => groups.push((base, vec![c])),
                }
            }
            for (_, members) in groups {
                let id_of = |c: usize| {
                    if legacy {
                        &cols[c].tag
                    } else {
                        &cols[c].import_id
                    }
                };
                let (texts, choices): (Vec<usize>, Vec<usize>) =
                    members.iter().partition(|&&c| id_of(c).ends_with("TEXT"));
                if choices.is_empty() {
                    for c in texts {
                        out.push(single(&cols[c], c, Some(QuestionKind::Text)));
                    }
                    continue;
                }
                // Older exports join question and option with a bare `-`: what the
                // members' titles do not share is the option.
                let titles: Vec<&str> = choices.iter().map(|&c| cols[c].title.as_str()).collect();
                let shared = common_prefix(&titles);
                let options: Vec<(String, usize)> = choices
                    .iter()
                    .map(|&c| {
                        let rest = cols[c].title[shared..]
                            .trim_start_matches(['-', ' '])
                            .trim();
                        let label = if !cols[c].sub.is_empty() {
                            cols[c].sub.clone()
                        } else if choices.len() > 1 && !rest.is_empty() {
                            rest.to_owned()
                        } else {
                            cols[c].tag.clone()
                        };
                        (label, c)
                    })
                    .collect();
                let other = texts.first().copied();
                if choices.len() >= 2 && binary_columns(data, &options) {
                    out.push(Planned {
                        key: cols[choices[0]]
                            .tag
                            .split('_')
                            .next()
                            .unwrap_or("")
                            .to_owned(),
                        title: cols[choices[0]].title[..shared]
                            .trim_end_matches(['-', ' '])
                            .to_owned(),
                        source: Source::OptionColumns {
                            options,
                            written: None,
                        },
                        other,
                    });
                } else if choices.len() >= 2 {
                    for &c in &choices {
                        let mut p = single(&cols[c], c, Some(QuestionKind::Matrix));
                        if !cols[c].sub.is_empty() {
                            p.title = format!("{} - {}", cols[c].title, cols[c].sub);
                        }
                        out.push(p);
                    }
                } else {
                    let mut p = single(&cols[choices[0]], choices[0], None);
                    p.other = other;
                    out.push(p);
                }
            }
        }
        "surveymonkey" => {
            let mut c = 0;
            while c < cols.len() {
                let mut end = c + 1;
                while end < cols.len() && !cols[end].starts_question {
                    end += 1;
                }
                let head = &cols[c];
                if layout::is_meta_header(&head.title) || head.title.is_empty() {
                    for (k, head) in cols.iter().enumerate().take(end).skip(c) {
                        out.push(meta(head, k));
                    }
                } else if end - c == 1 {
                    // The sub-label says an open-ended question is text, whatever
                    // its answers look like.
                    out.push(single(head, c, monkey_hint(&head.sub)));
                } else {
                    let members: Vec<(String, usize)> =
                        (c..end).map(|k| (cols[k].sub.clone(), k)).collect();
                    let (other, options): (Vec<_>, Vec<_>) =
                        members.into_iter().partition(|(l, _)| is_monkey_other(l));
                    if options.len() >= 2 && binary_columns(data, &options) {
                        // The Other column holds what was written, not its label: it
                        // is an option of its own, chosen wherever there is text.
                        let mut options = options;
                        let written = other.first().map(|(label, col)| {
                            options.push((label.clone(), *col));
                            options.len() - 1
                        });
                        out.push(Planned {
                            key: String::new(),
                            title: head.title.clone(),
                            source: Source::OptionColumns { options, written },
                            other: other.first().map(|o| o.1),
                        });
                    } else if options.len() == 1 && !other.is_empty() {
                        // A single choice with an Other box: one question, the text
                        // kept as its written-in answers.
                        let mut p = single(&cols[options[0].1], options[0].1, None);
                        p.other = other.first().map(|o| o.1);
                        out.push(p);
                    } else {
                        for (k, head) in cols.iter().enumerate().take(end).skip(c) {
                            let mut p = single(head, k, monkey_hint(&head.sub));
                            p.title = format!("{} - {}", head.title, head.sub);
                            out.push(p);
                        }
                    }
                }
                c = end;
            }
        }
        _ => {
            // 问卷星's by-number export: one 0/1 column per option, `第6题(运动)`; 腾讯问卷
            // and 金数据 the same as `3.您使用过哪些功能？:工单`.
            let mut wjx_groups: Vec<(String, Vec<(String, usize)>)> = Vec::new();
            // Where each question number's group is, found by lookup (a file of
            // 100,000 option columns must not scan the groups for each).
            let mut group_of: std::collections::HashMap<String, usize> =
                std::collections::HashMap::new();
            for (c, head) in cols.iter().enumerate() {
                if layout::is_meta_header(&head.title) {
                    out.push(meta(head, c));
                    continue;
                }
                if let Some((number, title, option)) = option_column(&head.title) {
                    match group_of.get(&number).and_then(|&g| wjx_groups.get_mut(g)) {
                        Some((_, v)) => v.push((option, c)),
                        None => {
                            group_of.insert(number.clone(), wjx_groups.len());
                            wjx_groups.push((number.clone(), vec![(option, c)]));
                            out.push(Planned {
                                key: format!("Q{number}"),
                                title,
                                source: Source::OptionColumns {
                                    options: Vec::new(),
                                    written: None,
                                },
                                other: None,
                            });
                        }
                    }
                    continue;
                }
                out.push(single(head, c, None));
            }
            // Put each option-column group's options in place; a group whose cells are
            // not 0/1 is a matrix (a rating per row): each column its own question.
            let mut planned = Vec::with_capacity(out.len());
            for mut p in out {
                if let Source::OptionColumns { options, .. } = &mut p.source
                    && options.is_empty()
                    && let Some((_, members)) = p
                        .key
                        .strip_prefix('Q')
                        .and_then(|n| group_of.get(n))
                        .and_then(|&g| wjx_groups.get(g))
                {
                    if members.len() == 1 || !binary_columns(data, members) {
                        for (row, c) in members {
                            planned.push(Planned {
                                key: String::new(),
                                title: format!("{} - {row}", p.title),
                                source: Source::Column {
                                    col: *c,
                                    hint: None,
                                },
                                other: None,
                            });
                        }
                        continue;
                    }
                    *options = members.clone();
                }
                planned.push(p);
            }
            out = group_label_columns(planned, cols, data);
        }
    }
    out
}

/// `Q3:您最常用的功能有哪些？:甘特图`, `题目:选项`, `题目：选项`, `题目-选项` → (question,
/// option); a leading `Q3:` is the question's key.
fn split_option_title(title: &str) -> Option<(String, String, String)> {
    let t = title.trim();
    let (key, rest) = match t.split_once([':', '：']) {
        Some((k, r))
            if k.len() > 1
                && k.starts_with(['Q', 'q'])
                && k[1..].chars().all(|c| c.is_ascii_digit())
                && r.contains([':', '：']) =>
        {
            (k.to_uppercase(), r)
        }
        _ => (String::new(), t),
    };
    let cut = rest
        .rfind([':', '：'])
        .map(|i| (i, rest[i..].chars().next().map_or(1, char::len_utf8)))
        .or_else(|| rest.rfind('-').map(|i| (i, 1)))?;
    let (question, option) = (rest[..cut.0].trim(), rest[cut.0 + cut.1..].trim());
    (!question.is_empty() && !option.is_empty())
        .then(|| (key, question.to_owned(), option.to_owned()))
}

/// Whether a column is the fill-in text of an option (`其他_填空1`, `其他_填空`).
fn is_fill_in(option: &str) -> bool {
    option
        .split_once("_填空")
        .is_some_and(|(_, rest)| rest.chars().all(|c| c.is_ascii_digit()))
}

/// Runs of neighbouring one-column questions titled `question:option` (one column per
/// option, each cell the option's label or empty) become one multiple-choice question;
/// a trailing `…:其他_填空1` column is the text written for 其他, and counts as choosing
/// it. A run whose cells are not just labels stays as separate questions.
fn group_label_columns(planned: Vec<Planned>, cols: &[ColumnHead], data: &Table) -> Vec<Planned> {
    let split = |p: &Planned| match p.source {
        Source::Column { col, hint: None } if p.key.is_empty() || p.key == cols[col].tag => {
            split_option_title(&cols[col].title).map(|(k, q, o)| (k, q, o, col))
        }
        _ => None,
    };
    let mut out = Vec::with_capacity(planned.len());
    let mut i = 0;
    while i < planned.len() {
        let Some((key, question, _, _)) = split(&planned[i]) else {
            out.push(planned[i].clone());
            i += 1;
            continue;
        };
        let mut end = i;
        let mut options: Vec<(String, usize)> = Vec::new();
        let mut fill_in = None;
        while end < planned.len() {
            match split(&planned[end]) {
                Some((k, q, o, col)) if k == key && q == question => {
                    if is_fill_in(&o) {
                        fill_in = Some(col);
                    } else {
                        options.push((o, col));
                    }
                    end += 1;
                }
                _ => break,
            }
        }
        if options.len() >= 2 && binary_columns(data, &options) {
            out.push(Planned {
                key,
                title: question,
                source: Source::OptionColumns {
                    options,
                    written: None,
                },
                other: fill_in,
            });
        } else {
            out.extend(planned[i..end].iter().cloned());
        }
        i = end.max(i + 1);
    }
    out
}

/// The length in bytes of the text all `titles` begin with, cut back to where a
/// separator (`-`) starts it (a char boundary).
fn common_prefix(titles: &[&str]) -> usize {
    let Some(first) = titles.first() else {
        return 0;
    };
    let mut len = first.len();
    for t in &titles[1..] {
        len = first
            .char_indices()
            .zip(t.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    if titles.len() > 1
        && let Some(dash) = first[..len].rfind('-')
    {
        return dash;
    }
    len
}

/// `第8题(ACG文化(动漫、游戏等))` → ("8", "ACG文化(动漫、游戏等)"): the option runs to the
/// last parenthesis, since options have parentheses of their own.
/// A column holding one option of a question: 问卷星's `第6题(运动)` or 腾讯问卷's
/// `3.您使用过哪些功能？:工单` → (number, question title, option).
fn option_column(title: &str) -> Option<(String, String, String)> {
    if let Some((number, option)) = wjx_option_column(title) {
        let t = format!("第{number}题");
        return Some((number, t, option));
    }
    let t = title.trim();
    let number = wjx_number(t)?;
    let (question, option) = t.split_once([':', '：'])?;
    let option = option.trim();
    (!option.is_empty()).then(|| (number, question.trim().to_owned(), option.to_owned()))
}

fn wjx_option_column(title: &str) -> Option<(String, String)> {
    let t = title.trim();
    let rest = t.strip_prefix('第')?;
    let (number, rest) = rest.split_once('题')?;
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let inner = rest.strip_prefix(['(', '（'])?.strip_suffix([')', '）'])?;
    Some((number.to_owned(), inner.trim().to_owned()))
}

/// SurveyMonkey's Other column: "Other (please specify)", "其他（请注明）".
fn is_monkey_other(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    ["other (please", "其他（请注明", "其他(请注明"]
        .iter()
        .any(|p| l.starts_with(p))
}

/// An option that stands for "something else": 其他, Other.
fn is_other_label(label: &str) -> bool {
    let l = label.trim().to_lowercase();
    l.starts_with("其他") || l.starts_with("其它") || l.starts_with("other")
}

/// What SurveyMonkey's second header row says of a one-column question.
fn monkey_hint(sub: &str) -> Option<QuestionKind> {
    matches!(sub.trim(), "Open-Ended Response" | "开放式回复").then_some(QuestionKind::Text)
}

fn meta(head: &ColumnHead, col: usize) -> Planned {
    Planned {
        key: if head.tag.is_empty() {
            head.title.clone()
        } else {
            head.tag.clone()
        },
        title: head.title.clone(),
        source: Source::Column {
            col,
            hint: Some(QuestionKind::Meta),
        },
        other: None,
    }
}

fn single(head: &ColumnHead, col: usize, hint: Option<QuestionKind>) -> Planned {
    Planned {
        key: head.tag.clone(),
        title: head.title.clone(),
        source: Source::Column { col, hint },
        other: None,
    }
}

/// Infers a one-column question's kind and reads its answers (cells given one by one;
/// the import goes through [`infer_column`] with each distinct cell once).
#[cfg(test)]
fn infer(
    title: &str,
    cells: &[&str],
    hint: Option<QuestionKind>,
    coded: bool,
) -> (Question, Answers, Option<Vec<Option<String>>>) {
    let mut values: Vec<String> = Vec::new();
    let codes: Vec<u32> = cells
        .iter()
        .map(|c| match values.iter().position(|v| v == c) {
            Some(i) => i as u32,
            None => {
                values.push((*c).to_owned());
                (values.len() - 1) as u32
            }
        })
        .collect();
    infer_column(title, &values, &codes, hint, coded)
}

/// Infers a question's kind from its distinct cells (`values`, each once) and reads
/// its answers (`codes`: per response, an index into `values`). Every decision looks
/// at distinct cells, weighted by how often each was given, so a million responses
/// cost little more than a hundred.
fn infer_column(
    title: &str,
    values: &[String],
    codes: &[u32],
    hint: Option<QuestionKind>,
    coded: bool,
) -> (Question, Answers, Option<Vec<Option<String>>>) {
    let mut counts = vec![0usize; values.len()];
    for &c in codes {
        if let Some(n) = counts.get_mut(c as usize) {
            *n += 1;
        }
    }
    let answer: Vec<bool> = values.iter().map(|v| !is_non_answer(v)).collect();
    let answered: Vec<usize> = (0..values.len())
        .filter(|&d| answer[d] && counts[d] > 0)
        .collect();
    let total: usize = answered.iter().map(|&d| counts[d]).sum();
    let per_row =
        |f: &dyn Fn(usize) -> u32| -> Vec<u32> { codes.iter().map(|&c| f(c as usize)).collect() };
    let question = |kind, options: Vec<String>, scale| Question {
        key: String::new(),
        title: title.trim().to_owned(),
        kind,
        options,
        scale,
        kind_set_by_user: false,
    };
    let text_answers = || {
        let mut distinct: Vec<String> = Vec::new();
        let mut index: super::table::CellMap<&str, u32> = super::table::CellMap::default();
        let remap: Vec<u32> = values
            .iter()
            .enumerate()
            .map(|(d, v)| {
                if !answer[d] {
                    return NONE;
                }
                let t = v.trim();
                *index.entry(t).or_insert_with(|| {
                    distinct.push(t.to_owned());
                    (distinct.len() - 1) as u32
                })
            })
            .collect();
        Answers::Text {
            values: distinct,
            codes: per_row(&|d| remap[d]),
        }
    };
    if hint == Some(QuestionKind::Meta) || hint == Some(QuestionKind::Text) {
        let kind = hint.unwrap_or(QuestionKind::Text);
        return (question(kind, Vec::new(), None), text_answers(), None);
    }
    if total == 0 {
        return (
            question(QuestionKind::Text, Vec::new(), None),
            text_answers(),
            None,
        );
    }
    let nums: Vec<Option<f64>> = values.iter().map(|v| number(v)).collect();
    if answered.iter().all(|&d| nums[d].is_some()) {
        let got: Vec<f64> = answered.iter().filter_map(|&d| nums[d]).collect();
        let integers = got.iter().all(|v| v.fract() == 0.0);
        let (min, max) = got
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), &v| (a.min(v), b.max(v)));
        let mut distinct: Vec<i64> = got.iter().map(|v| *v as i64).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let as_numbers = || {
            Answers::Numbers(
                codes
                    .iter()
                    .map(|&c| {
                        let d = c as usize;
                        if answer.get(d).copied().unwrap_or(false) {
                            nums[d].unwrap_or(f64::NAN)
                        } else {
                            f64::NAN
                        }
                    })
                    .collect(),
            )
        };
        if integers
            && min >= 0.0
            && max <= 10.0
            && (asks_to_recommend(title) || (min == 0.0 && max == 10.0 && distinct.len() >= 6))
        {
            return (
                question(QuestionKind::Nps, Vec::new(), Some((0.0, 10.0))),
                as_numbers(),
                None,
            );
        }
        let scale_like = if coded {
            names_a_scale(title)
        } else {
            max == 5.0 || max == 7.0 || max == 10.0 || names_a_scale(title)
        };
        if integers && min >= 1.0 && max <= 10.0 && scale_like && distinct.len() >= 3 {
            return (
                question(QuestionKind::Rating, Vec::new(), Some((1.0, max.max(5.0)))),
                as_numbers(),
                None,
            );
        }
        // A row of a matrix: its points are the scale.
        if integers && min >= 0.0 && max <= 10.0 && hint == Some(QuestionKind::Matrix) {
            return (
                question(
                    QuestionKind::Matrix,
                    Vec::new(),
                    Some((min.min(1.0), max.max(5.0))),
                ),
                as_numbers(),
                None,
            );
        }
        if integers
            && distinct.len() <= 12
            && (total >= 2 * distinct.len() || (min >= 0.0 && max <= 12.0))
        {
            // Coded choices (问卷星's by-number export): the codes are the options.
            let options: Vec<String> = distinct.iter().map(i64::to_string).collect();
            let index: HashMap<i64, u32> = distinct
                .iter()
                .enumerate()
                .map(|(i, &d)| (d, i as u32))
                .collect();
            let option_of: Vec<u32> = (0..values.len())
                .map(|d| {
                    if answer[d] {
                        nums[d]
                            .and_then(|v| index.get(&(v as i64)).copied())
                            .unwrap_or(NONE)
                    } else {
                        NONE
                    }
                })
                .collect();
            let answers = Answers::Choice(per_row(&|d| option_of[d]));
            return (question(QuestionKind::Single, options, None), answers, None);
        }
        return (
            question(QuestionKind::Numeric, Vec::new(), None),
            as_numbers(),
            None,
        );
    }
    if answered.iter().all(|&d| is_date(&values[d])) {
        return (
            question(QuestionKind::Date, Vec::new(), None),
            text_answers(),
            None,
        );
    }
    // A labelled scale.
    for scale in SCALES {
        let point = |d: usize| {
            scale
                .iter()
                .position(|p| p.eq_ignore_ascii_case(values[d].trim()))
        };
        if answered.iter().all(|&d| point(d).is_some()) {
            let value: Vec<f64> = (0..values.len())
                .map(|d| point(d).map_or(f64::NAN, |i| i as f64 + 1.0))
                .collect();
            let answers = Answers::Numbers(codes.iter().map(|&c| value[c as usize]).collect());
            let options = scale.iter().map(|s| (*s).to_owned()).collect();
            let kind = if hint == Some(QuestionKind::Matrix) {
                QuestionKind::Matrix
            } else {
                QuestionKind::Rating
            };
            return (
                question(kind, options, Some((1.0, scale.len() as f64))),
                answers,
                None,
            );
        }
    }
    // Choices, with 问卷星's written-in "other" texts taken out.
    let split: Vec<(String, Option<String>)> = values.iter().map(|v| split_other(v)).collect();
    let other = split.iter().any(|(_, o)| o.is_some()).then(|| {
        codes
            .iter()
            .map(|&c| split.get(c as usize).and_then(|(_, o)| o.clone()))
            .collect()
    });
    let unclosed = |p: &str| {
        p.matches(['(', '（', '[', '【']).count() > p.matches([')', '）', ']', '】']).count()
    };
    for sep in ["┋", "; ", ", "] {
        let joined: usize = answered
            .iter()
            .filter(|&&d| values[d].contains(sep))
            .map(|&d| counts[d])
            .sum();
        if joined == 0 {
            continue;
        }
        // Every answer's pieces; a label may hold the separator itself (an option like
        // "terminal (es decir, la interfaz …)"), so a piece with an unclosed bracket,
        // two pieces someone gave together as their whole answer, or pieces that only
        // ever come as a pair stay one label.
        let whole: std::collections::HashSet<&str> =
            answered.iter().map(|&d| split[d].0.as_str()).collect();
        let pieces: Vec<Vec<String>> = answered
            .iter()
            .map(|&d| split[d].0.split(sep).map(|p| split_other(p).0).collect())
            .collect();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut pairs: HashMap<(&str, &str), usize> = HashMap::new();
        for (k, ps) in pieces.iter().enumerate() {
            let weight = counts[answered[k]];
            for (i, p) in ps.iter().enumerate() {
                *seen.entry(p.as_str()).or_default() += weight;
                if let Some(next) = ps.get(i + 1) {
                    *pairs.entry((p.as_str(), next.as_str())).or_default() += weight;
                }
            }
        }
        let always_together = |a: &str, b: &str| {
            let n = pairs.get(&(a, b)).copied().unwrap_or(0);
            n >= 2 && seen.get(a) == Some(&n) && seen.get(b) == Some(&n)
        };
        let mut labels: Vec<String> = Vec::new();
        let mut occurrences = 0usize;
        let mut combos = 0usize;
        let mut chosen_of: Vec<Option<Vec<u32>>> = vec![None; values.len()];
        for (k, ps) in pieces.iter().enumerate() {
            let mut merged: Vec<String> = Vec::new();
            let mut previous: Option<&str> = None;
            for p in ps {
                let glue = merged.last().is_some_and(|last: &String| {
                    sep != "┋"
                        && (unclosed(last)
                            || previous.is_some_and(|a| always_together(a, p))
                            || (whole.contains(format!("{last}{sep}{p}").as_str())
                                && !(whole.contains(last.as_str()) && whole.contains(p.as_str()))))
                });
                match merged.last_mut() {
                    Some(last) if glue => {
                        last.push_str(sep);
                        last.push_str(p);
                    }
                    _ => merged.push(p.clone()),
                }
                previous = Some(p.as_str());
            }
            let mut chosen: Vec<u32> = Vec::new();
            for m in merged.into_iter().filter(|m| !m.is_empty()) {
                let i = labels.iter().position(|l| *l == m).unwrap_or_else(|| {
                    labels.push(m);
                    labels.len() - 1
                }) as u32;
                if !chosen.contains(&i) {
                    chosen.push(i);
                }
            }
            let weight = counts[answered[k]];
            occurrences += chosen.len() * weight;
            if chosen.len() >= 2 {
                combos += weight;
            }
            chosen_of[answered[k]] = Some(chosen);
        }
        if labels.len() > 60 {
            continue;
        }
        // Options are reused across answers; free text split at its commas is not.
        let repeated = sep == "┋" || occurrences * 2 >= labels.len() * 3;
        if labels.len() >= 2 && combos >= 1 && repeated {
            let answers = if labels.len() <= MASK_OPTIONS {
                let mask: Vec<u64> = chosen_of
                    .iter()
                    .map(|c| match c {
                        None => 0,
                        Some(list) => list.iter().fold(1 << 63, |m, &i| m | (1u64 << i)),
                    })
                    .collect();
                Answers::Choices(codes.iter().map(|&c| mask[c as usize]).collect())
            } else {
                Answers::ChoiceLists(
                    codes
                        .iter()
                        .map(|&c| chosen_of[c as usize].clone())
                        .collect(),
                )
            };
            return (question(QuestionKind::Multi, labels, None), answers, other);
        }
    }
    let mut options: Vec<String> = Vec::new();
    let mut option_of = vec![NONE; values.len()];
    for &d in &answered {
        let v = &split[d].0;
        let i = match options.iter().position(|o| o == v) {
            Some(i) => i,
            None => {
                options.push(v.clone());
                options.len() - 1
            }
        };
        option_of[d] = i as u32;
        if options.len() > 40 {
            break;
        }
    }
    let chars: usize = answered
        .iter()
        .map(|&d| values[d].chars().count() * counts[d])
        .sum();
    if options.len() <= 40 && total >= 2 * options.len() && chars / total <= 60 {
        let answers = Answers::Choice(per_row(&|d| option_of[d]));
        return (
            question(QuestionKind::Single, options, None),
            answers,
            other,
        );
    }
    (
        question(QuestionKind::Text, Vec::new(), None),
        text_answers(),
        None,
    )
}

/// The survey a table holds, read with its layout.
pub fn survey(name: &str, table: &Table) -> Survey {
    let layout = &table.layout;
    let responses = table.responses;
    let column = |c: usize| -> Vec<&str> {
        match table.columns.get(c) {
            Some(col) => col
                .codes
                .iter()
                .map(|&k| col.values.get(k as usize).map_or("", String::as_str))
                .collect(),
            None => vec![""; responses],
        }
    };
    let cell = |c: usize, r: usize| table.columns.get(c).map_or("", |col| col.cell(r));
    // Question keys given so far (a file of 100,000 columns must not compare each
    // new key with all before it).
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut survey = Survey {
        name: name.to_owned(),
        source: layout.tool.to_owned(),
        responses,
        questions: Vec::new(),
        answers: Vec::new(),
        other_text: Vec::new(),
    };
    let planned = plan(layout, table);
    // In an export whose questions carry numbers (`3、`, `3.`), a column without one
    // (a location, a custom field) is named by its title, so it never takes the key of
    // a numbered question.
    let numbered = planned
        .iter()
        .filter(|p| wjx_number(p.title.trim()).is_some())
        .count()
        >= 2;
    for (n, p) in planned.into_iter().enumerate() {
        let (mut q, answers, mut other) = match &p.source {
            Source::Column { col, hint } => match table.columns.get(*col) {
                Some(c) => infer_column(&p.title, &c.values, &c.codes, *hint, layout.tool == "wjx"),
                None => infer_column(&p.title, &[], &[], *hint, false),
            },
            Source::OptionColumns { options, written } => {
                // A fill-in text (`…:其他_填空1`, SurveyMonkey's Other column) counts
                // as choosing its option.
                let other_col = p.other;
                let other_option = written.or_else(|| {
                    other_col.and_then(|_| options.iter().position(|(l, _)| is_other_label(l)))
                });
                let answers = Answers::choices(
                    (0..responses)
                        .map(|r| {
                            let wrote =
                                other_col.is_some_and(|c| !is_non_answer(cell(c, r).trim()));
                            let chosen: Vec<u32> = options
                                .iter()
                                .enumerate()
                                .filter(|(i, (label, c))| {
                                    let v = cell(*c, r).trim();
                                    // The written-in option's own column is the
                                    // text column, so `wrote` covers it too.
                                    v == "1"
                                        || (v == label && !v.is_empty())
                                        || (Some(*i) == other_option && wrote)
                                })
                                .map(|(i, _)| i as u32)
                                .collect();
                            let seen = wrote
                                || options
                                    .iter()
                                    .any(|(_, c)| !is_non_answer(cell(*c, r).trim()));
                            seen.then_some(chosen)
                        })
                        .collect(),
                    options.len(),
                );
                (
                    Question {
                        key: String::new(),
                        title: p.title.trim().to_owned(),
                        kind: QuestionKind::Multi,
                        options: options.iter().map(|(l, _)| l.clone()).collect(),
                        scale: None,
                        kind_set_by_user: false,
                    },
                    answers,
                    None,
                )
            }
        };
        if let Some(c) = p.other {
            other = Some(
                column(c)
                    .iter()
                    .map(|v| (!is_non_answer(v)).then(|| v.trim().to_owned()))
                    .collect(),
            );
        }
        let key = if p.key.is_empty() {
            match wjx_number(&q.title) {
                Some(k) => format!("Q{k}"),
                None if numbered && !q.title.is_empty() => q.title.chars().take(24).collect(),
                None => format!("Q{}", n + 1),
            }
        } else {
            p.key
        };
        // Keys stay unique: a repeated one gets `#2`, `#3` ….
        q.key = key.clone();
        let mut k = 2;
        while taken.contains(&q.key) {
            q.key = format!("{key}#{k}");
            k += 1;
        }
        taken.insert(q.key.clone());
        if let Some(o) = other {
            survey.other_text.push((survey.questions.len(), o));
        }
        survey.questions.push(q);
        survey.answers.push(answers);
    }
    survey
}

/// The number 问卷星 and 腾讯问卷 put before a question: `3、性别`, `3.性别`.
fn wjx_number(title: &str) -> Option<String> {
    let digits: String = title.chars().take_while(char::is_ascii_digit).collect();
    let rest = &title[digits.len()..];
    (!digits.is_empty() && rest.starts_with(['、', '.', '．'])).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_are_inferred_from_answers() {
        let (q, a, _) = infer(
            "您向朋友推荐我们的可能性有多大？",
            &["10", "9", "", "3", "7"],
            None,
            false,
        );
        assert_eq!(q.kind, QuestionKind::Nps);
        assert_eq!(a.answered(), 4);
        let (q, _, _) = infer(
            "满意度",
            &["非常满意", "满意", "一般", "(跳过)", "不满意"],
            None,
            false,
        );
        assert_eq!((q.kind, q.scale), (QuestionKind::Rating, Some((1.0, 5.0))));
        let (q, _, _) = infer("打分", &["1", "5", "3", "4", "2"], None, false);
        assert_eq!(q.kind, QuestionKind::Rating);
        let (q, a, _) = infer("性别", &["1", "2", "2", "1", "-3"], None, false);
        assert_eq!(
            (q.kind, q.options.len(), a.answered()),
            (QuestionKind::Single, 2, 4)
        );
        let (q, _, _) = infer("年龄", &["23", "35.5", "41", "29"], None, false);
        assert_eq!(q.kind, QuestionKind::Numeric);
        let (q, _, _) = infer(
            "时间",
            &["2023/9/8 12:24:22", "2023/9/9 08:01:02"],
            None,
            false,
        );
        assert_eq!(q.kind, QuestionKind::Date);
        let (q, _, _) = infer(
            "建议",
            &["界面再简洁些", "希望支持夜间模式", "客服回复太慢"],
            None,
            false,
        );
        assert_eq!(q.kind, QuestionKind::Text);
    }

    #[test]
    fn multi_choice_joined_by_any_separator_with_labels_holding_it() {
        let (q, a, other) = infer(
            "爱好",
            &["运动┋影视", "购物", "其他【请注明】〖电影，餐饮〗┋运动", ""],
            None,
            false,
        );
        assert_eq!(q.kind, QuestionKind::Multi);
        assert_eq!(q.options, vec!["运动", "影视", "购物", "其他【请注明】"]);
        assert_eq!(a.chosen(2), Some(vec![0, 3]));
        assert_eq!(a.chosen(3), None);
        assert_eq!(other.unwrap_or_default()[2].as_deref(), Some("电影，餐饮"));

        // Google Forms: ", " inside a label; that label chosen alone by someone.
        let long = "Línea de comandos de R (es decir, la interfaz nativa de la terminal R)";
        let both = format!("RStudio, {long}");
        let cells = [
            "RStudio",
            long,
            both.as_str(),
            "Jupyter, RStudio",
            "Jupyter",
        ];
        let (q, a, _) = infer("IDE", &cells, None, false);
        assert_eq!(q.kind, QuestionKind::Multi);
        assert_eq!(q.options.len(), 3, "{:?}", q.options);
        assert_eq!(a.chosen(2).map(|c| c.len()), Some(2));
    }

    #[test]
    fn wjx_option_columns_keep_nested_parentheses() {
        assert_eq!(
            wjx_option_column("第8题(ACG文化(动漫、游戏等))"),
            Some(("8".into(), "ACG文化(动漫、游戏等)".into()))
        );
        assert_eq!(wjx_option_column("8、关注资讯"), None);
        assert_eq!(wjx_number("3、性别 ").as_deref(), Some("3"));
    }
}
