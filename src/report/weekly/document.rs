//! The weekly report as a document: its sections, in the template's order, each a few
//! blocks built from the facts. Later sections (risks, quality, costs) plug in as new
//! `Section`s with their own builders; the renderers need no change.

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
    Milestones,
    Completed,
    NotCompleted,
    Next,
    RequirementsClosed,
    /// 需协调事项 / 求助
    HelpNeeded,
    /// 下期重点
    NextFocus,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: [Section; 10] = [
        Section::Status,
        Section::Summary,
        Section::Progress,
        Section::Milestones,
        Section::Completed,
        Section::NotCompleted,
        Section::Next,
        Section::RequirementsClosed,
        Section::HelpNeeded,
        Section::NextFocus,
    ];

    /// Its name in templates and its locale key (`weekly.section.…`).
    pub fn code(self) -> &'static str {
        match self {
            Section::Status => "status",
            Section::Summary => "summary",
            Section::Progress => "progress",
            Section::Milestones => "milestones",
            Section::Completed => "completed",
            Section::NotCompleted => "not_completed",
            Section::Next => "next",
            Section::RequirementsClosed => "requirements_closed",
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
        organisation: template.organisation.clone().filter(|o| !o.trim().is_empty()),
        running_header: format!("{} · {}", r.project, period),
        blocks,
    }
}

fn section_blocks(r: &WeeklyReport, lang: Language, section: Section, out: &mut Vec<Block>) {
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
            out.push(Block::Table(Table {
                name: section.title(lang),
                columns: heads(
                    lang,
                    &[
                        "weekly.col.task",
                        "weekly.col.baseline",
                        "weekly.col.finish",
                        "weekly.col.variance",
                    ],
                ),
                rows: r
                    .milestones
                    .iter()
                    .map(|m| {
                        vec![
                            Cell::text(&m.name),
                            Cell::date(m.baseline_finish),
                            Cell::date(m.finish),
                            Cell::signed(m.days),
                        ]
                    })
                    .collect(),
                empty: tr(lang, "weekly.none"),
            }));
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
