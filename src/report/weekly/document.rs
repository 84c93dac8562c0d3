//! The weekly report as a document: its sections, in the template's order, each a few
//! blocks built from the facts. Later sections (risks, quality, costs) plug in as new
//! `Section`s with their own builders; the renderers need no change.

use chrono::NaiveDate;

use super::{Dimension, Line, Rag, WeeklyReport};
use crate::i18n::{Language, tr, tr_with};
use crate::model::report::ReportTemplate;
use crate::report::document::{Block, Cell, Document, StatusMark, Table};

/// A section of the weekly report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Status per dimension, with the rule behind each suggestion and the PM's reasons.
    Status,
    /// 摘要 (the PM's summary).
    Summary,
    /// Planned against actual % complete.
    Progress,
    /// Every figure against the last published report, with its change.
    Comparison,
    Milestones,
    /// Milestone trend analysis over the published reports.
    Trend,
    Completed,
    NotCompleted,
    Next,
    /// 风险与问题: the register by band, the top threats, the schedule risk outlook.
    Risks,
    /// 质量: the release's pass rate, coverage, defects and readiness.
    Quality,
    RequirementsClosed,
    /// Work per person: assigned, planned to date, done.
    Effort,
    /// What changed in the period (edit log), with when and who.
    Changes,
    /// NPS, new feedback, the requirements most in demand.
    Feedback,
    /// 需协调事项 / 求助
    HelpNeeded,
    /// 下期重点
    NextFocus,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: [Section; 17] = [
        Section::Status,
        Section::Summary,
        Section::Progress,
        Section::Comparison,
        Section::Milestones,
        Section::Trend,
        Section::Completed,
        Section::NotCompleted,
        Section::Next,
        Section::Risks,
        Section::Quality,
        Section::RequirementsClosed,
        Section::Effort,
        Section::Changes,
        Section::Feedback,
        Section::HelpNeeded,
        Section::NextFocus,
    ];

    /// Its name in templates and its locale key (`weekly.section.…`).
    pub fn code(self) -> &'static str {
        match self {
            Section::Status => "status",
            Section::Summary => "summary",
            Section::Progress => "progress",
            Section::Comparison => "comparison",
            Section::Milestones => "milestones",
            Section::Trend => "trend",
            Section::Completed => "completed",
            Section::NotCompleted => "not_completed",
            Section::Next => "next",
            Section::Risks => "risks",
            Section::Quality => "quality",
            Section::RequirementsClosed => "requirements_closed",
            Section::Effort => "effort",
            Section::Changes => "changes",
            Section::Feedback => "feedback",
            Section::HelpNeeded => "help_needed",
            Section::NextFocus => "next_focus",
        }
    }

    pub fn from_code(code: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn title(self, lang: Language) -> String {
        tr(lang, &format!("weekly.section.{}", self.code()))
    }
}

/// The sections a template asks for, in its order (unknown names skipped), or all.
pub fn sections(template: &ReportTemplate) -> Vec<Section> {
    match &template.sections {
        Some(codes) => codes.iter().filter_map(|c| Section::from_code(c)).collect(),
        None => Section::ALL.to_vec(),
    }
}

pub fn dimension_name(lang: Language, d: Dimension) -> String {
    tr(lang, &format!("weekly.dim.{}", d.code()))
}

/// The status marks of chats and plain text: 【绿】【黄】【红】, no emoji.
pub fn mark(lang: Language, s: Option<Rag>) -> String {
    tr(lang, &format!("weekly.rag.{}", s.map_or("none", Rag::code)))
}

/// The report as a document, with the template's title, organisation and sections.
pub fn document(r: &WeeklyReport, lang: Language, template: &ReportTemplate) -> Document {
    let title = template
        .title
        .clone()
        .filter(|t| !t.trim().is_empty())
        .map(|t| t.replace("{project}", &r.project))
        .unwrap_or_else(|| tr_with(lang, "weekly.title", &[("project", &r.project)]));
    let period = tr_with(
        lang,
        "weekly.period",
        &[
            ("from", &r.period.from.to_string()),
            ("to", &r.period.to.to_string()),
        ],
    );
    let mut blocks = Vec::new();
    for section in sections(template) {
        section_blocks(r, lang, section, &mut blocks);
    }
    Document {
        lang,
        title,
        subtitle: period.clone(),
        organisation: template
            .organisation
            .clone()
            .filter(|o| !o.trim().is_empty()),
        running_header: format!("{} · {}", r.project, period),
        blocks,
        logo: template.logo.clone(),
    }
}

fn section_blocks(r: &WeeklyReport, lang: Language, section: Section, out: &mut Vec<Block>) {
    let sep = crate::i18n::colon(lang);
    let heading = Block::Heading(section.title(lang));
    let text = |s: &str| -> Option<Block> {
        (!s.trim().is_empty()).then(|| Block::Paragraph(s.trim().to_owned()))
    };
    match section {
        Section::Status => {
            out.push(heading);
            out.push(Block::Statuses(
                r.status
                    .shown()
                    .map(|(d, v)| StatusMark {
                        label: dimension_name(lang, d),
                        rag: v,
                        mark: mark(lang, v),
                    })
                    .collect(),
            ));
            out.push(Block::Muted(tr_with(
                lang,
                "weekly.rule",
                &[("rule", &r.schedule_rule.text(lang))],
            )));
            for (d, rule) in &r.rules {
                out.push(Block::Muted(format!(
                    "{}{sep}{}",
                    dimension_name(lang, *d),
                    rule.text(lang)
                )));
            }
            for (d, reason) in &r.reasons {
                out.push(Block::Muted(tr_with(
                    lang,
                    "weekly.override",
                    &[
                        ("dimension", &dimension_name(lang, *d)),
                        ("suggested", &mark(lang, r.suggested.get(*d))),
                        ("status", &mark(lang, r.status.get(*d))),
                        ("reason", reason),
                    ],
                )));
            }
        }
        Section::Summary => {
            if let Some(b) = text(&r.narrative.summary) {
                out.extend([heading, b]);
            }
        }
        Section::HelpNeeded => {
            if let Some(b) = text(&r.narrative.help_needed) {
                out.extend([heading, b]);
            }
        }
        Section::NextFocus => {
            if let Some(b) = text(&r.narrative.next_focus) {
                out.extend([heading, b]);
            }
        }
        Section::Progress => {
            out.push(heading);
            out.push(Block::Paragraph(tr_with(
                lang,
                "weekly.percent",
                &[
                    ("actual", &r.percent_actual.to_string()),
                    ("planned", &r.percent_planned.to_string()),
                ],
            )));
        }
        Section::Milestones => {
            out.push(heading);
            let last = r.previous.as_ref();
            let mut cols = vec!["weekly.col.task", "weekly.col.baseline"];
            if last.is_some() {
                cols.push("weekly.col.last_forecast");
            }
            cols.extend([
                "weekly.col.finish",
                "weekly.col.variance",
                "weekly.col.ms_status",
            ]);
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(lang, &cols),
                rows: r
                    .milestones
                    .iter()
                    .map(|m| {
                        let mut row = vec![Cell::text(&m.name), Cell::date(m.baseline_finish)];
                        if let Some(p) = last {
                            row.push(Cell::date(p.forecast(m.uid)));
                        }
                        row.extend([
                            Cell::date(m.finish),
                            Cell::signed(m.days),
                            Cell::text(milestone_status(lang, m)),
                        ]);
                        row
                    })
                    .collect(),
                empty: tr(lang, "weekly.none"),
            }));
        }
        Section::Comparison => {
            let Some(p) = &r.previous else {
                return;
            };
            out.push(heading);
            out.push(Block::Muted(tr_with(
                lang,
                "weekly.compared_with",
                &[
                    ("from", &p.period.from.to_string()),
                    ("to", &p.period.to.to_string()),
                ],
            )));
            let figure = |key: &str, now: f64, then: f64| {
                vec![
                    Cell::text(tr(lang, key)),
                    Cell::Number(then),
                    Cell::Number(now),
                    Cell::text(change_text(now - then)),
                ]
            };
            let late =
                |forecasts: &mut dyn Iterator<Item = (Option<NaiveDate>, Option<NaiveDate>)>| {
                    forecasts
                        .filter(|(b, f)| b.zip(*f).is_some_and(|(b, f)| f > b))
                        .count() as f64
                };
            let late_now = late(&mut r.milestones.iter().map(|m| (m.baseline_finish, m.finish)));
            let late_then = late(
                &mut r
                    .milestones
                    .iter()
                    .map(|m| (m.baseline_finish, p.forecast(m.uid))),
            );
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(
                    lang,
                    &[
                        "weekly.col.figure",
                        "weekly.col.last",
                        "weekly.col.now",
                        "weekly.col.change",
                    ],
                ),
                rows: vec![
                    vec![
                        Cell::text(tr(lang, "weekly.fig.overall")),
                        Cell::text(mark(lang, p.overall)),
                        Cell::text(mark(lang, r.status.get(Dimension::Overall))),
                        Cell::Empty,
                    ],
                    figure("weekly.fig.actual", r.percent_actual, p.percent_actual),
                    figure("weekly.fig.planned", r.percent_planned, p.percent_planned),
                    figure(
                        "weekly.fig.completed",
                        r.completed.len() as f64,
                        p.completed as f64,
                    ),
                    figure(
                        "weekly.fig.not_completed",
                        r.not_completed.len() as f64,
                        p.not_completed as f64,
                    ),
                    figure("weekly.fig.late_milestones", late_now, late_then),
                ],
                empty: String::new(),
            }));
        }
        Section::Trend => {
            if r.trend.iter().all(|s| s.points.len() < 2) {
                return;
            }
            out.push(heading);
            let title = section.title(lang);
            out.push(Block::Chart(crate::report::mta::chart(&r.trend, &title)));
            out.push(Block::Table(crate::report::mta::table(
                &r.trend,
                &title,
                &tr(lang, "weekly.col.task"),
                &tr(lang, "weekly.none"),
            )));
        }
        Section::Completed => {
            out.push(heading);
            out.push(tasks(lang, section, &r.completed, false, false));
        }
        Section::NotCompleted => {
            out.push(heading);
            out.push(tasks(lang, section, &r.not_completed, false, true));
        }
        Section::Next => {
            out.push(heading);
            out.push(tasks(lang, section, &r.next, true, false));
        }
        Section::Effort => {
            if r.effort.people.is_empty() {
                return;
            }
            out.push(heading);
            let e = &r.effort;
            let mut rows: Vec<Vec<Cell>> = e
                .people
                .iter()
                .map(|p| {
                    vec![
                        Cell::text(&p.name),
                        Cell::Number(p.total),
                        Cell::Number(p.planned_to_date),
                        Cell::Number(p.done),
                        Cell::Number(((p.total - p.done) * 10.0).round() / 10.0),
                    ]
                })
                .collect();
            rows.push(vec![
                Cell::text(tr(lang, "weekly.col.all")),
                Cell::Number(e.total),
                Cell::Number(e.planned_to_date),
                Cell::Number(e.done),
                Cell::Number(((e.total - e.done) * 10.0).round() / 10.0),
            ]);
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(
                    lang,
                    &[
                        "weekly.col.person",
                        "weekly.col.work",
                        "weekly.col.work_planned",
                        "weekly.col.work_done",
                        "weekly.col.work_left",
                    ],
                ),
                rows,
                empty: tr(lang, "weekly.none"),
            }));
        }
        Section::Changes => {
            out.push(heading);
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(
                    lang,
                    &[
                        "weekly.col.when",
                        "weekly.col.who",
                        "weekly.col.change_what",
                    ],
                ),
                rows: r
                    .changes
                    .iter()
                    .map(|c| {
                        vec![
                            Cell::text(&c.when),
                            Cell::text(&c.who),
                            Cell::text(c.what.text(lang)),
                        ]
                    })
                    .collect(),
                empty: tr(lang, "weekly.no_changes"),
            }));
        }
        Section::Risks => risk_blocks(r, lang, heading, out),
        Section::Quality => quality_blocks(r, lang, heading, out),
        Section::Feedback => {
            let f = &r.feedback;
            out.push(heading);
            let mut lines = Vec::new();
            match (&f.nps, &f.nps_before) {
                (Some((name, now)), Some((before_name, before))) => lines.push(tr_with(
                    lang,
                    "weekly.nps_change",
                    &[
                        ("name", name),
                        ("nps", &crate::report::document::number_text(*now)),
                        ("before_name", before_name),
                        ("before", &crate::report::document::number_text(*before)),
                        ("change", &change_text(now - before)),
                    ],
                )),
                (Some((name, now)), None) => lines.push(tr_with(
                    lang,
                    "weekly.nps",
                    &[
                        ("name", name),
                        ("nps", &crate::report::document::number_text(*now)),
                    ],
                )),
                _ => {}
            }
            lines.push(tr_with(
                lang,
                "weekly.new_feedback",
                &[
                    ("n", &f.new_items.to_string()),
                    ("total", &f.total_items.to_string()),
                ],
            ));
            out.push(Block::Bullets(lines));
            if !f.top_demand.is_empty() {
                out.push(Block::Table(Table {
                    name: tr(lang, "weekly.top_demand"),
                    columns: heads(
                        lang,
                        &[
                            "requirements.key",
                            "weekly.col.title",
                            "weekly.col.demand",
                            "weekly.col.feedback_items",
                        ],
                    ),
                    rows: f
                        .top_demand
                        .iter()
                        .map(|(k, t, score, items)| {
                            vec![
                                Cell::text(k),
                                Cell::text(t),
                                Cell::Number(f64::from(*score)),
                                Cell::Number(*items as f64),
                            ]
                        })
                        .collect(),
                    empty: String::new(),
                }));
            }
        }
        Section::RequirementsClosed => {
            out.push(heading);
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(lang, &["requirements.key", "weekly.col.title"]),
                rows: r
                    .requirements_closed
                    .iter()
                    .map(|(k, t)| vec![Cell::text(k), Cell::text(t)])
                    .collect(),
                empty: tr(lang, "weekly.none"),
            }));
        }
    }
}

/// Where a milestone stands: done, on baseline, or late by so many days.
fn milestone_status(lang: Language, m: &Line) -> String {
    match (m.done, m.days) {
        (true, _) => tr(lang, "weekly.ms.done"),
        (false, Some(d)) if d > 0 => tr_with(lang, "weekly.ms.late", &[("days", &d.to_string())]),
        (false, Some(_)) => tr(lang, "weekly.ms.on_track"),
        (false, None) => String::new(),
    }
}

/// A change written with its sign: +6.4, −2, 0.
fn change_text(d: f64) -> String {
    let d = (d * 10.0).round() / 10.0;
    if d == 0.0 {
        "0".to_owned()
    } else {
        format!(
            "{}{}",
            if d > 0.0 { "+" } else { "" },
            crate::report::document::number_text(d)
        )
    }
}

/// 质量: the release's pass rate and its move, coverage, open defects, found and fixed
/// in the period, and the readiness verdict with the rules not met.
fn quality_blocks(r: &WeeklyReport, lang: Language, heading: Block, out: &mut Vec<Block>) {
    let sep = crate::i18n::colon(lang);
    let q = &r.quality;
    out.push(heading);
    let Some(release) = &q.release else {
        out.push(Block::Muted(tr(lang, "weekly.no_quality")));
        return;
    };
    if q.cases == 0 {
        out.push(Block::Muted(tr_with(
            lang,
            "weekly.no_tests",
            &[("release", release)],
        )));
        return;
    }
    let percent = crate::report::quality_metrics::percent;
    let mut lines = vec![tr_with(
        lang,
        "weekly.quality_tests",
        &[
            ("release", release),
            ("cases", &q.cases.to_string()),
            ("runs", &q.runs.to_string()),
            ("rate", &percent(q.pass_rate)),
        ],
    )];
    if q.pass_rate_before.is_some() {
        lines.push(tr_with(
            lang,
            "weekly.quality_rate_before",
            &[("rate", &percent(q.pass_rate_before))],
        ));
    }
    let names = ["ok", "nok", "not_run", "unknown", "uncovered"];
    lines.push(format!(
        "{}{sep}{}",
        tr(lang, "quality.coverage"),
        names
            .iter()
            .zip(q.coverage)
            .map(|(k, n)| format!("{} {n}", tr(lang, &format!("quality.coverage.{k}"))))
            .collect::<Vec<_>>()
            .join(" · ")
    ));
    lines.push(tr_with(
        lang,
        "weekly.quality_defects",
        &[
            ("s1", &q.open[0].to_string()),
            ("s2", &q.open[1].to_string()),
            ("s3", &q.open[2].to_string()),
            ("s4", &q.open[3].to_string()),
            ("found", &q.found.to_string()),
            ("fixed", &q.fixed.to_string()),
        ],
    ));
    lines.push(format!(
        "{}{sep}{}",
        tr(lang, "quality.verdict"),
        tr(
            lang,
            if q.ready {
                "quality.ready"
            } else {
                "quality.not_ready"
            }
        )
    ));
    for f in &q.failing {
        let mut line = format!("× {}", crate::report::test_report::rule_text(&f.rule, lang));
        if !f.failing.is_empty() {
            let shown: Vec<&str> = f.failing.iter().take(8).map(String::as_str).collect();
            line.push_str(&format!("{sep}{}", shown.join(", ")));
            if f.failing.len() > 8 {
                line.push_str(&format!(" …（{}）", f.failing.len()));
            }
        }
        lines.push(line);
    }
    out.push(Block::Bullets(lines));
}

/// 风险与问题: counts by band, the outlook, what moved in the period, the top threats.
fn risk_blocks(r: &WeeklyReport, lang: Language, heading: Block, out: &mut Vec<Block>) {
    let k = &r.risks;
    out.push(heading);
    let mut lines = vec![tr_with(
        lang,
        "weekly.risks_open",
        &[
            ("high", &k.open[2].to_string()),
            ("medium", &k.open[1].to_string()),
            ("low", &k.open[0].to_string()),
        ],
    )];
    if let Some(o) = &k.outlook {
        lines.push(tr_with(
            lang,
            "weekly.risk_outlook",
            &[
                ("planned", &o.planned.to_string()),
                ("p50", &o.p50.to_string()),
                ("p80", &o.p80.to_string()),
                ("n", &o.iterations.to_string()),
            ],
        ));
    }
    for (key, list) in [
        ("weekly.risks_raised", &k.raised),
        ("weekly.risks_occurred", &k.occurred),
        ("weekly.risks_closed", &k.closed),
    ] {
        if !list.is_empty() {
            let names: Vec<String> = list.iter().map(|(k, t)| format!("{k} {t}")).collect();
            lines.push(tr_with(lang, key, &[("risks", &names.join("、"))]));
        }
    }
    out.push(Block::Bullets(lines));
    let label = |group: &str, code: &str| {
        if code.is_empty() {
            String::new()
        } else {
            tr(lang, &format!("risk.{group}.{code}"))
        }
    };
    out.push(Block::Table(Table {
        name: tr(lang, "weekly.top_risks"),
        columns: heads(
            lang,
            &[
                "risk.column.key",
                "risk.column.title",
                "risk.column.score",
                "risk.column.band",
                "risk.column.owner",
                "risk.column.strategy",
                "risk.column.status",
            ],
        ),
        rows: k
            .top
            .iter()
            .map(|t| {
                vec![
                    Cell::text(&t.key),
                    Cell::text(&t.title),
                    Cell::Number(f64::from(t.score)),
                    Cell::text(label("band", t.band.code())),
                    Cell::text(&t.owner),
                    Cell::text(label("strategy", &t.strategy)),
                    Cell::text(label("status", &t.status)),
                ]
            })
            .collect(),
        empty: tr(lang, "weekly.no_open_threats"),
    }));
    if !k.issues.is_empty() {
        out.push(Block::Table(Table {
            name: tr(lang, "weekly.open_issues"),
            columns: heads(
                lang,
                &[
                    "risk.column.key",
                    "logs.title",
                    "logs.issue.severity",
                    "risk.column.owner",
                    "logs.issue.due",
                    "risk.column.status",
                ],
            ),
            rows: k
                .issues
                .iter()
                .map(|i| {
                    vec![
                        Cell::text(&i.key),
                        Cell::text(&i.title),
                        Cell::text(tr(lang, &format!("logs.severity.{}", i.severity))),
                        Cell::text(&i.owner),
                        Cell::date(i.due),
                        Cell::text(tr(lang, &format!("logs.issue.status.{}", i.status))),
                    ]
                })
                .collect(),
            empty: String::new(),
        }));
    }
}

fn heads(lang: Language, keys: &[&str]) -> Vec<String> {
    keys.iter().map(|k| tr(lang, k)).collect()
}

/// A task list: the task, its start when asked, its finish, its slip when asked.
fn tasks(lang: Language, section: Section, lines: &[Line], start: bool, slip: bool) -> Block {
    let mut cols = vec!["weekly.col.task"];
    if start {
        cols.push("weekly.col.start");
    }
    cols.push("weekly.col.finish");
    if slip {
        cols.push("weekly.col.slip");
    }
    Block::Table(Table {
        name: section.title(lang),
        columns: heads(lang, &cols),
        rows: lines
            .iter()
            .map(|t| {
                let mut row = vec![Cell::text(&t.name)];
                if start {
                    row.push(Cell::date(t.start));
                }
                row.push(Cell::date(t.finish));
                if slip {
                    row.push(t.days.map_or(Cell::Empty, |d| Cell::Number(d as f64)));
                }
                row
            })
            .collect(),
        empty: tr(lang, "weekly.none"),
    })
}
