//! The weekly report's forms: Markdown, chat text, one HTML file, an Excel workbook — all
//! from the same facts.

use super::{Dimension, Line, Rag, WeeklyReport};
use crate::i18n::{Language, tr, tr_with};
use chrono::NaiveDate;

/// The status marks of chats and plain text: 【绿】【黄】【红】, no emoji.
pub(super) fn mark(lang: Language, s: Option<Rag>) -> String {
    tr(lang, &format!("weekly.rag.{}", s.map_or("none", Rag::code)))
}

fn dimension_name(lang: Language, d: Dimension) -> String {
    tr(lang, &format!("weekly.dim.{}", d.code()))
}

pub(super) fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned())
}

/// The status lines, one per dimension measured (overall first).
pub(super) fn status_lines(r: &WeeklyReport, lang: Language) -> Vec<String> {
    r.status
        .shown()
        .map(|(d, v)| format!("{} {}", dimension_name(lang, d), mark(lang, v)))
        .collect()
}

/// The report as Markdown (for Confluence, 飞书, 语雀 …): every user text escaped.
pub fn to_markdown(r: &WeeklyReport, lang: Language) -> String {
    use crate::report::requirement_export::safe_markdown as md;
    let mut out = String::new();
    let push = |out: &mut String, line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    push(
        &mut out,
        format!(
            "# {}",
            md(&tr_with(lang, "weekly.title", &[("project", &r.project)]))
        ),
    );
    push(&mut out, String::new());
    push(&mut out, period_line(r, lang));
    push(&mut out, String::new());
    push(&mut out, format!("## {}", tr(lang, "weekly.status")));
    push(&mut out, String::new());
    for line in status_lines(r, lang) {
        push(&mut out, format!("- {line}"));
    }
    push(
        &mut out,
        format!(
            "- {}",
            md(&tr_with(
                lang,
                "weekly.rule",
                &[("rule", &r.schedule_rule.text(lang))]
            ))
        ),
    );
    push(&mut out, format!("- {}", percent_line(r, lang)));
    let table = |out: &mut String, title: &str, cols: &[&str], rows: Vec<Vec<String>>| {
        push(out, String::new());
        push(out, format!("## {}", tr(lang, title)));
        push(out, String::new());
        if rows.is_empty() {
            push(out, tr(lang, "weekly.none"));
            return;
        }
        let head: Vec<String> = cols.iter().map(|c| tr(lang, c)).collect();
        push(out, format!("| {} |", head.join(" | ")));
        push(out, format!("|{}", "---|".repeat(cols.len())));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md(c).replace('|', "\\|")).collect();
            push(out, format!("| {} |", cells.join(" | ")));
        }
    };
    for (title, cols, rows) in tables(r) {
        table(&mut out, title, &cols, rows);
    }
    push(&mut out, String::new());
    push(
        &mut out,
        format!("## {}", tr(lang, "weekly.requirements_closed")),
    );
    push(&mut out, String::new());
    if r.requirements_closed.is_empty() {
        push(&mut out, tr(lang, "weekly.none"));
    }
    for (key, title) in &r.requirements_closed {
        push(&mut out, format!("- {} {}", md(key), md(title)));
    }
    out
}

pub(super) fn period_line(r: &WeeklyReport, lang: Language) -> String {
    tr_with(
        lang,
        "weekly.period",
        &[
            ("from", &r.period.from.to_string()),
            ("to", &r.period.to.to_string()),
        ],
    )
}

pub(super) fn percent_line(r: &WeeklyReport, lang: Language) -> String {
    tr_with(
        lang,
        "weekly.percent",
        &[
            ("actual", &r.percent_actual.to_string()),
            ("planned", &r.percent_planned.to_string()),
        ],
    )
}

/// The report as plain text shaped for a chat (企业微信, 钉钉, 飞书): short lines, no
/// tables, status marks like 【红】.
pub fn to_text(r: &WeeklyReport, lang: Language) -> String {
    let mut lines = vec![
        tr_with(lang, "weekly.title", &[("project", &r.project)]),
        period_line(r, lang),
        status_lines(r, lang).join("  "),
        tr_with(
            lang,
            "weekly.rule",
            &[("rule", &r.schedule_rule.text(lang))],
        ),
        percent_line(r, lang),
    ];
    let list = |lines: &mut Vec<String>, title: &str, items: Vec<String>| {
        lines.push(String::new());
        lines.push(format!("{}：", tr(lang, title)).replace("：：", "："));
        if items.is_empty() {
            lines.push(tr(lang, "weekly.none"));
        }
        for (i, item) in items.into_iter().enumerate() {
            lines.push(format!("{}. {item}", i + 1));
        }
    };
    list(
        &mut lines,
        "weekly.completed",
        r.completed
            .iter()
            .map(|t| format!("{} {}", t.name, date_text(t.finish)))
            .collect(),
    );
    list(
        &mut lines,
        "weekly.not_completed",
        r.not_completed
            .iter()
            .map(|t| match t.days {
                Some(d) if d > 0 => format!("{} {} (+{d})", t.name, date_text(t.finish)),
                _ => format!("{} {}", t.name, date_text(t.finish)),
            })
            .collect(),
    );
    list(
        &mut lines,
        "weekly.next",
        r.next
            .iter()
            .map(|t| format!("{} {}", t.name, date_text(t.start)))
            .collect(),
    );
    list(
        &mut lines,
        "weekly.milestones",
        r.milestones
            .iter()
            .map(|m| match m.days {
                Some(v) if v != 0 => format!("{} {} ({v:+})", m.name, date_text(m.finish)),
                _ => format!("{} {}", m.name, date_text(m.finish)),
            })
            .collect(),
    );
    // Names come from files: never let one drive a terminal or break a line.
    let mut text: String = lines
        .iter()
        .map(|l| crate::model::safe_text(l))
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}

/// The report as one self-contained HTML file with a print stylesheet (A4 portrait):
/// every user text escaped, colours from the chart palette.
pub fn to_html(r: &WeeklyReport, lang: Language) -> String {
    use crate::report::chart_palette::LIGHT as P;
    use crate::report::survey_html::escape as e;
    use std::fmt::Write;
    let rag_colour = |s: Option<Rag>| match s {
        Some(Rag::Green) => P.deadline_met,
        Some(Rag::Amber) => P.warning,
        Some(Rag::Red) => P.deadline_missed,
        None => P.text_faint,
    };
    let title = tr_with(lang, "weekly.title", &[("project", &r.project)]);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         body{{font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:860px;margin:2em auto;color:{};line-height:1.5}}\
         table{{border-collapse:collapse;width:100%;font-size:13px}}th,td{{text-align:left;padding:3px 8px;border-bottom:1px solid {}}}th{{background:{}}}\
         .rag{{display:inline-block;padding:1px 8px;border-radius:3px;color:#fff;margin-right:8px}}.meta{{color:{}}}\
         @page{{size:A4 portrait;margin:16mm}}@media print{{body{{margin:0;max-width:none}}h2{{break-after:avoid}}tr{{break-inside:avoid}}}}\
         </style></head><body><h1>{}</h1><p class=\"meta\">{}</p>",
        lang.code(),
        e(&title),
        P.text,
        P.grid,
        P.heading_fill,
        P.text_faint,
        e(&title),
        e(&period_line(r, lang)),
    );
    let _ = write!(out, "<h2>{}</h2><p>", e(&tr(lang, "weekly.status")));
    for (dimension, value) in r.status.shown() {
        let _ = write!(
            out,
            "<span class=\"rag\" style=\"background:{}\">{} {}</span>",
            rag_colour(value),
            e(&dimension_name(lang, dimension)),
            e(&mark(lang, value))
        );
    }
    let _ = write!(
        out,
        "</p><p class=\"meta\">{}</p><p>{}</p>",
        e(&tr_with(
            lang,
            "weekly.rule",
            &[("rule", &r.schedule_rule.text(lang))]
        )),
        e(&percent_line(r, lang))
    );
    let table = |out: &mut String, title: &str, cols: &[&str], rows: Vec<Vec<String>>| {
        let _ = write!(out, "<h2>{}</h2>", e(&tr(lang, title)));
        if rows.is_empty() {
            let _ = write!(out, "<p>{}</p>", e(&tr(lang, "weekly.none")));
            return;
        }
        out.push_str("<table><thead><tr>");
        for c in cols {
            let _ = write!(out, "<th>{}</th>", e(&tr(lang, c)));
        }
        out.push_str("</tr></thead><tbody>");
        for row in rows {
            out.push_str("<tr>");
            for cell in row {
                let _ = write!(out, "<td>{}</td>", e(&cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    };
    for (title, cols, rows) in tables(r) {
        table(&mut out, title, &cols, rows);
    }
    let task = "weekly.col.task";
    let closed = r
        .requirements_closed
        .iter()
        .map(|(k, t)| vec![k.clone(), t.clone()])
        .collect();
    table(
        &mut out,
        "weekly.requirements_closed",
        &["requirements.key", task],
        closed,
    );
    out.push_str("</body></html>\n");
    out
}

/// The report's tables as an Excel workbook: a sheet for the status and one per list.
pub fn to_xlsx(
    r: &WeeklyReport,
    lang: Language,
) -> Result<Vec<u8>, crate::io::export::ExportError> {
    use crate::report::requirement_export::{Cell, PoolTable, workbook};
    let text = |s: &str| Cell::Text(s.to_owned());
    let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()));
    let days = |d: Option<i64>| d.map_or(Cell::Empty, |d| Cell::Number(d as f64));
    let heads = |keys: &[&str]| keys.iter().map(|k| tr(lang, k)).collect::<Vec<_>>();
    let mut status = PoolTable {
        headers: vec![tr(lang, "weekly.status"), String::new()],
        rows: Vec::new(),
    };
    status.rows.push(vec![
        text(&tr_with(lang, "weekly.title", &[("project", &r.project)])),
        Cell::Empty,
    ]);
    status
        .rows
        .push(vec![text(&period_line(r, lang)), Cell::Empty]);
    for line in status_lines(r, lang) {
        status.rows.push(vec![text(&line), Cell::Empty]);
    }
    status
        .rows
        .push(vec![text(&r.schedule_rule.text(lang)), Cell::Empty]);
    status
        .rows
        .push(vec![text(&percent_line(r, lang)), Cell::Empty]);
    let list = |lines: &[Line], start: bool, slip: bool| {
        let cols = task_columns(start, slip);
        let mut headers = vec!["UID".to_owned()];
        headers.extend(heads(&cols));
        PoolTable {
            headers,
            rows: lines
                .iter()
                .map(|t| {
                    let mut row = vec![Cell::Number(t.uid as f64), text(&t.name)];
                    if start {
                        row.push(date(t.start));
                    }
                    row.push(date(t.finish));
                    if slip {
                        row.push(days(t.days));
                    }
                    row
                })
                .collect(),
        }
    };
    let completed = list(&r.completed, false, false);
    let not_completed = list(&r.not_completed, false, true);
    let next = list(&r.next, true, false);
    let mut headers = vec!["UID".to_owned()];
    headers.extend(heads(&[
        "weekly.col.task",
        "weekly.col.baseline",
        "weekly.col.finish",
        "weekly.col.variance",
    ]));
    let milestones = PoolTable {
        headers,
        rows: r
            .milestones
            .iter()
            .map(|m| {
                vec![
                    Cell::Number(m.uid as f64),
                    text(&m.name),
                    date(m.baseline_finish),
                    date(m.finish),
                    days(m.days),
                ]
            })
            .collect(),
    };
    let names = [
        tr(lang, "weekly.status"),
        tr(lang, "weekly.completed"),
        tr(lang, "weekly.not_completed"),
        tr(lang, "weekly.next"),
        tr(lang, "weekly.milestones"),
    ];
    workbook(&[
        (&names[0], &status),
        (&names[1], &completed),
        (&names[2], &not_completed),
        (&names[3], &next),
        (&names[4], &milestones),
    ])
}

/// A table of the report: its title's key, its columns' keys, its rows as text.
type Table = (&'static str, Vec<&'static str>, Vec<Vec<String>>);

/// The report's lists as tables (completed, not completed, next, milestones), the same
/// for every format that draws tables.
pub(super) fn tables(r: &WeeklyReport) -> Vec<Table> {
    let tasks = |title, lines: &[Line], start: bool, slip: bool| -> Table {
        let cols = task_columns(start, slip);
        let rows = lines
            .iter()
            .map(|t| {
                let mut row = vec![t.name.clone()];
                if start {
                    row.push(date_text(t.start));
                }
                row.push(date_text(t.finish));
                if slip {
                    row.push(t.days.map_or_else(String::new, |d| d.to_string()));
                }
                row
            })
            .collect();
        (title, cols, rows)
    };
    let milestones = r
        .milestones
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                date_text(m.baseline_finish),
                date_text(m.finish),
                m.days.map_or_else(String::new, |d| format!("{d:+}")),
            ]
        })
        .collect();
    vec![
        tasks("weekly.completed", &r.completed, false, false),
        tasks("weekly.not_completed", &r.not_completed, false, true),
        tasks("weekly.next", &r.next, true, false),
        (
            "weekly.milestones",
            vec![
                "weekly.col.task",
                "weekly.col.baseline",
                "weekly.col.finish",
                "weekly.col.variance",
            ],
            milestones,
        ),
    ]
}

/// The columns of a task list: the task, its start when asked, its finish, its slip
/// when asked.
fn task_columns(start: bool, slip: bool) -> Vec<&'static str> {
    let mut cols = vec!["weekly.col.task"];
    if start {
        cols.push("weekly.col.start");
    }
    cols.push("weekly.col.finish");
    if slip {
        cols.push("weekly.col.slip");
    }
    cols
}
