//! The requirement pool out: a table (CSV or XLSX, formula-like cells neutralised), a
//! CSV Jira imports (Summary, Issue Type, parents by Issue ID, parents first), and a
//! PRD as Markdown or one self-contained HTML file (all user text escaped).

use std::fmt::Write;

use crate::i18n::{Language, tr};
use crate::io::export::ExportError;
use crate::model::requirement::RequirementFields;
use crate::report::insights::{InsightsView, RequirementRow};

/// What the pool can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequirementExportKind {
    Csv,
    Xlsx,
    JiraCsv,
    PrdMarkdown,
    PrdHtml,
}

/// The bytes of an export of the pool.
pub fn render(
    kind: RequirementExportKind,
    pool: &InsightsView,
    lang: Language,
) -> Result<Vec<u8>, ExportError> {
    Ok(match kind {
        RequirementExportKind::Csv => csv(&table(pool, lang)).into_bytes(),
        RequirementExportKind::Xlsx => xlsx(&table(pool, lang))?,
        RequirementExportKind::JiraCsv => jira_csv(pool).into_bytes(),
        RequirementExportKind::PrdMarkdown => prd_markdown(pool, lang).into_bytes(),
        RequirementExportKind::PrdHtml => prd_html(pool, lang).into_bytes(),
    })
}

/// One cell: text, or a number (kept a number in a workbook).
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Number(x) => {
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    format!("{}", *x as i64)
                } else {
                    format!("{:.2}", x)
                }
            }
            Cell::Empty => String::new(),
        }
    }
}

/// The pool as a table: a header row and a row per requirement, in tree order.
#[derive(Clone, Debug, PartialEq)]
pub struct PoolTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl PoolTable {
    /// A table of text cells; cells that read as numbers are written as numbers.
    pub fn of_text(headers: Vec<String>, rows: Vec<Vec<String>>) -> PoolTable {
        let rows = rows
            .into_iter()
            .map(|row| {
                row.into_iter()
                    .map(|c| {
                        // An id like `007` keeps its zeros as text.
                        let padded = c.len() > 1 && c.starts_with('0') && !c.starts_with("0.");
                        match c.parse::<f64>() {
                            _ if c.is_empty() => Cell::Empty,
                            Ok(x) if x.is_finite() && !padded => Cell::Number(x),
                            _ => Cell::Text(c),
                        }
                    })
                    .collect()
            })
            .collect();
        PoolTable { headers, rows }
    }
}

/// The column headers: Chinese as PingCode and Worktile write them, or English as Jira
/// does; both read back.
pub const HEADERS_ZH: [&str; 28] = [
    "编号",
    "父需求",
    "标题",
    "类型",
    "状态",
    "优先级",
    "负责人",
    "标签",
    "版本",
    "来源",
    "MoSCoW",
    "Reach",
    "Impact",
    "Confidence",
    "Effort",
    "RICE",
    "业务价值",
    "时间紧迫性",
    "降低风险",
    "规模",
    "WSJF",
    "Kano",
    "价值",
    "需求度",
    "提出日期",
    "截止日期",
    "验收标准",
    "描述",
];
pub const HEADERS_EN: [&str; 28] = [
    "Key",
    "Parent",
    "Title",
    "Type",
    "Status",
    "Priority",
    "Owner",
    "Labels",
    "Release",
    "Source",
    "MoSCoW",
    "Reach",
    "Impact",
    "Confidence",
    "Effort",
    "RICE",
    "Business value",
    "Time criticality",
    "Risk reduction",
    "Job size",
    "WSJF",
    "Kano",
    "Value",
    "Demand",
    "Created",
    "Due date",
    "Acceptance criteria",
    "Description",
];

fn number(x: Option<f64>) -> Cell {
    x.map_or(Cell::Empty, Cell::Number)
}

fn text(s: impl Into<String>) -> Cell {
    let s = s.into();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn name_of(lang: Language, group: &str, code: &str) -> String {
    let key = format!("req.{group}.{code}");
    if code.is_empty() {
        String::new()
    } else if crate::i18n::has_key(lang, &key) {
        tr(lang, &key)
    } else {
        code.to_owned()
    }
}

/// The pool as rows.
pub fn table(pool: &InsightsView, lang: Language) -> PoolTable {
    let mut headers: Vec<String> = match lang {
        Language::ZhCn => HEADERS_ZH,
        Language::English => HEADERS_EN,
    }
    .iter()
    .map(|h| (*h).to_owned())
    .collect();
    // The workspace's custom fields, by their names.
    headers.extend(pool.settings.fields.iter().map(|f| f.name.clone()));
    let rows = pool
        .requirements
        .iter()
        .map(|r| {
            let f = &r.requirement.fields;
            let s = &f.scores;
            vec![
                text(r.requirement.id.key()),
                text(f.parent.map(|p| p.key()).unwrap_or_default()),
                text(f.title.clone()),
                text(name_of(lang, "kind", &f.kind)),
                text(name_of(lang, "status", &f.status)),
                text(f.priority.map(|p| format!("P{p}")).unwrap_or_default()),
                text(f.owner.clone()),
                text(f.tags.join(", ")),
                text(
                    f.release
                        .and_then(|id| pool.release_name(id))
                        .unwrap_or_default(),
                ),
                text(name_of(lang, "source", &f.source)),
                text(
                    s.moscow
                        .map(|m| name_of(lang, "moscow", m.code()))
                        .unwrap_or_default(),
                ),
                number(s.reach),
                number(s.impact),
                number(s.confidence),
                number(s.effort),
                number(s.rice()),
                number(s.business_value),
                number(s.time_criticality),
                number(s.risk_reduction),
                number(s.job_size),
                number(s.wsjf()),
                text(
                    s.kano
                        .map(|k| name_of(lang, "kano", k.code()))
                        .unwrap_or_default(),
                ),
                number(s.value),
                Cell::Number(f64::from(r.demand.score)),
                text(f.created.map(|d| d.to_string()).unwrap_or_default()),
                text(f.due.map(|d| d.to_string()).unwrap_or_default()),
                text(
                    f.acceptance
                        .iter()
                        .map(|c| format!("[{}] {}", if c.done { "x" } else { " " }, c.text))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                text(f.description.clone()),
            ]
            .into_iter()
            .chain(pool.settings.fields.iter().map(|field| {
                let v = f.custom.get(&field.id).cloned().unwrap_or_default();
                match (field.kind, v.parse::<f64>()) {
                    (crate::model::pool_settings::CustomKind::Number, Ok(x)) => Cell::Number(x),
                    _ => text(v),
                }
            }))
            .collect()
        })
        .collect();
    PoolTable { headers, rows }
}

/// CSV for Excel: UTF-8 with BOM, CRLF, formula-like cells neutralised.
pub fn csv(t: &PoolTable) -> String {
    use crate::io::export::push_csv_row;
    let mut out = String::from('\u{feff}');
    push_csv_row(&mut out, t.headers.iter());
    for row in &t.rows {
        push_csv_row(&mut out, row.iter().map(|c| c.text()));
    }
    out
}

/// An Excel workbook: text as text (never a formula), numbers as numbers.
pub fn xlsx(t: &PoolTable) -> Result<Vec<u8>, ExportError> {
    workbook(&[("Sheet1", t)])
}

/// A workbook of named sheets, each a table with a bold, frozen header row: text as
/// text (never a formula), numbers as numbers.
pub fn workbook(sheets: &[(&str, &PoolTable)]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Workbook(e.to_string());
    let mut book = Workbook::new();
    // A fixed creation time, so the same data gives the same bytes (files can be
    // diffed and regenerated); Excel shows it only in the file's properties.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1).map_err(err)?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    for (name, t) in sheets {
        let sheet = book.add_worksheet();
        // Excel's limit and forbidden characters for sheet names.
        let name: String = name
            .chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(31)
            .collect();
        sheet.set_name(&name).map_err(err)?;
        for (c, h) in t.headers.iter().enumerate() {
            let c =
                u16::try_from(c).map_err(|_| ExportError::Workbook("too many columns".into()))?;
            sheet
                .write_string_with_format(0, c, h, &bold)
                .map_err(err)?;
        }
        for (r, row) in t.rows.iter().enumerate() {
            let r = u32::try_from(r + 1)
                .map_err(|_| ExportError::Workbook("too many rows".to_owned()))?;
            for (c, cell) in row.iter().enumerate() {
                let c = u16::try_from(c)
                    .map_err(|_| ExportError::Workbook("too many columns".into()))?;
                match cell {
                    Cell::Text(s) => {
                        sheet.write_string(r, c, s).map_err(err)?;
                    }
                    Cell::Number(x) => {
                        sheet.write_number(r, c, *x).map_err(err)?;
                    }
                    Cell::Empty => {}
                }
            }
        }
        sheet.set_freeze_panes(1, 0).map_err(err)?;
    }
    book.save_to_buffer().map_err(err)
}

fn jira_priority(p: Option<u8>) -> &'static str {
    match p {
        Some(0) => "Highest",
        Some(1) => "High",
        Some(2) => "Medium",
        Some(3) => "Low",
        _ => "",
    }
}

fn jira_type(r: &RequirementRow, has_children: bool) -> &'static str {
    if r.requirement.fields.kind == "bug" {
        "Bug"
    } else if r.depth == 0 && has_children {
        "Epic"
    } else if r.depth >= 2 {
        "Sub-task"
    } else {
        "Story"
    }
}

/// A CSV Jira's importer reads: Issue ID and Parent ID tie the tree (parents come
/// first), Summary, Issue Type, Priority, Description, one Labels column per label.
pub fn jira_csv(pool: &InsightsView) -> String {
    use crate::io::export::push_csv_row;
    let most_labels = pool
        .requirements
        .iter()
        .map(|r| r.requirement.fields.tags.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let mut headers = vec![
        "Issue ID",
        "Parent ID",
        "Summary",
        "Issue Type",
        "Priority",
        "Description",
        "Created",
        "Due Date",
    ];
    headers.extend(std::iter::repeat_n("Labels", most_labels));
    let mut out = headers.join(",");
    out.push_str("\r\n");
    // Tree order already puts every parent before its children, and a requirement's
    // children right after it.
    for (i, r) in pool.requirements.iter().enumerate() {
        let f: &RequirementFields = &r.requirement.fields;
        let has_children = pool
            .requirements
            .get(i + 1)
            .is_some_and(|next| next.depth > r.depth);
        let mut description = f.description.clone();
        if !f.acceptance.is_empty() {
            description.push_str("\n\nAcceptance criteria:\n");
            for c in &f.acceptance {
                let _ = writeln!(description, "* {}", c.text);
            }
        }
        let mut cells = vec![
            r.requirement.id.0.to_string(),
            f.parent.map(|p| p.0.to_string()).unwrap_or_default(),
            f.title.clone(),
            jira_type(r, has_children).to_owned(),
            jira_priority(f.priority).to_owned(),
            description.trim_end().to_owned(),
            jira_date(f.created),
            jira_date(f.due),
        ];
        for i in 0..most_labels {
            // Jira labels have no spaces.
            cells.push(
                f.tags
                    .get(i)
                    .map(|t| t.replace(char::is_whitespace, "_"))
                    .unwrap_or_default(),
            );
        }
        push_csv_row(&mut out, cells.iter());
    }
    out
}

/// A day in the date format Jira's CSV importer expects by default
/// (`dd/MMM/yy h:mm a`).
fn jira_date(day: Option<chrono::NaiveDate>) -> String {
    day.map(|d| format!("{} 12:00 AM", d.format("%d/%b/%y")))
        .unwrap_or_default()
}

/// Whether a link target may stay: web and mail addresses, and addresses without a
/// scheme (relative ones, anchors). `javascript:`, `data:`, `vbscript:`, `file:` … may
/// not.
fn safe_link_target(target: &str) -> bool {
    let t = target.trim().trim_start_matches('<');
    match t.find(':') {
        Some(colon) if !t[..colon].contains(['/', '?', '#']) => {
            let scheme: String = t[..colon]
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// A description written in Markdown, made safe to paste into a wiki: raw HTML is
/// shown as text (`<` written as `&lt;`), and links whose target is not a web or mail
/// address (`[x](javascript:…)`, `[x]: data:…`) point nowhere (`#`).
pub fn safe_markdown(text: &str) -> String {
    let text = text.replace('<', "&lt;");
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        // A reference definition: `[label]: target`.
        let trimmed = line.trim_start();
        if trimmed.starts_with('[')
            && let Some(close) = trimmed.find("]:")
        {
            let target = trimmed[close + 2..].split_whitespace().next().unwrap_or("");
            if !safe_link_target(target) {
                out.push_str(&line[..line.len() - trimmed.len()]);
                out.push_str(&trimmed[..close + 2]);
                out.push_str(" #");
                continue;
            }
        }
        // Inline links: `](target)`.
        let mut rest = line;
        while let Some(at) = rest.find("](") {
            out.push_str(&rest[..at + 2]);
            rest = &rest[at + 2..];
            let end = rest.find(')').unwrap_or(rest.len());
            if safe_link_target(&rest[..end]) {
                out.push_str(&rest[..end]);
            } else {
                out.push('#');
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
    }
    out
}

/// Text for Markdown: characters Markdown would read as markup are escaped.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '<'
                | '>'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The PRD as Markdown: each top-level requirement a section, its requirements below
/// with priority, status, release, scores, description, acceptance criteria and the
/// feedback behind them. Descriptions are the user's Markdown and kept as written;
/// every other text is escaped.
pub fn prd_markdown(pool: &InsightsView, lang: Language) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", md_escape(&tr(lang, "prd.title")));
    for release in &pool.releases {
        let n = pool
            .requirements
            .iter()
            .filter(|r| r.requirement.fields.release == Some(release.id))
            .count();
        let _ = writeln!(
            out,
            "- {} {} · {} · {n}",
            md_escape(&release.fields.name),
            md_escape(&release.fields.version),
            release
                .fields
                .target
                .map(|d| d.to_string())
                .unwrap_or_default(),
        );
    }
    out.push('\n');
    // The pool is in tree order (each requirement before its children), so one walk
    // writes the sections however deep the tree (recursion overflowed the stack on a
    // 50,000-deep chain).
    for r in &pool.requirements {
        section_md(&mut out, pool, lang, r, r.depth + 2);
    }
    out
}

fn section_md(
    out: &mut String,
    pool: &InsightsView,
    lang: Language,
    r: &RequirementRow,
    level: usize,
) {
    let f = &r.requirement.fields;
    let _ = writeln!(
        out,
        "{} {} {}\n",
        "#".repeat(level.min(6)),
        r.requirement.id.key(),
        md_escape(&f.title)
    );
    let _ = writeln!(
        out,
        "*{}*\n",
        facts(pool, lang, r)
            .iter()
            .map(|x| md_escape(x))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    if !f.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", safe_markdown(f.description.trim()));
    }
    if !f.acceptance.is_empty() {
        let _ = writeln!(out, "**{}**\n", md_escape(&tr(lang, "prd.acceptance")));
        for c in &f.acceptance {
            let _ = writeln!(
                out,
                "- [{}] {}",
                if c.done { "x" } else { " " },
                md_escape(&c.text)
            );
        }
        out.push('\n');
    }
    if !r.feedback.is_empty() {
        let _ = writeln!(out, "**{}**\n", md_escape(&tr(lang, "prd.feedback")));
        for &i in r.feedback.iter().take(5) {
            if let Some(fb) = pool.feedback.get(i) {
                let _ = writeln!(out, "> {}", md_escape(&fb.fields.text));
            }
        }
        out.push('\n');
    }
}

/// A requirement's facts in a PRD heading's line: status, type, priority, release,
/// owner, dates, scores, demand and custom fields (unescaped).
fn facts(pool: &InsightsView, lang: Language, r: &RequirementRow) -> Vec<String> {
    let f = &r.requirement.fields;
    let mut facts = vec![
        name_of(lang, "status", &f.status),
        name_of(lang, "kind", &f.kind),
    ];
    if let Some(p) = f.priority {
        facts.push(format!("P{p}"));
    }
    if let Some(rel) = f.release.and_then(|id| pool.release_name(id)) {
        facts.push(rel.to_owned());
    }
    if !f.owner.is_empty() {
        facts.push(f.owner.clone());
    }
    if let Some(d) = f.due {
        facts.push(format!("{} {d}", tr(lang, "req.due")));
    }
    if let Some(x) = f.scores.moscow {
        facts.push(name_of(lang, "moscow", x.code()));
    }
    if let Some(k) = f.scores.kano {
        facts.push(format!("Kano {}", name_of(lang, "kano", k.code())));
    }
    if let Some(x) = f.scores.rice() {
        facts.push(format!("RICE {x:.1}"));
    }
    if let Some(x) = f.scores.wsjf() {
        facts.push(format!("WSJF {x:.1}"));
    }
    if r.demand.score > 0 {
        facts.push(format!(
            "{} {}",
            tr(lang, "requirements.demand"),
            r.demand.score
        ));
    }
    for field in &pool.settings.fields {
        if let Some(v) = f.custom.get(&field.id) {
            facts.push(format!("{} {v}", field.name));
        }
    }
    facts
}

fn html_escape(text: &str) -> String {
    crate::report::survey_html::escape(text)
}

/// The PRD as one HTML file: the same content as the Markdown, every text escaped
/// (descriptions shown as preformatted text), no scripts, no outside files.
pub fn prd_html(pool: &InsightsView, lang: Language) -> String {
    let mut out = String::new();
    let title = tr(lang, "prd.title");
    // The document's colours: the chart palette's light set, as every exported file.
    let p = crate::report::chart_palette::LIGHT;
    let (text, faint, heading, secondary, grid) = (
        p.text,
        p.text_faint,
        p.heading_fill,
        p.text_secondary,
        p.grid,
    );
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         body{{font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:860px;margin:2em auto;color:{text};line-height:1.5}}\
         .facts{{color:{faint};font-size:13px}}.desc{{white-space:pre-wrap;background:{heading};padding:8px 12px;border-radius:4px}}\
         blockquote{{color:{secondary};border-left:3px solid {grid};margin:4px 0;padding-left:8px}}section{{margin-left:12px}}\
         </style></head><body><h1>{}</h1><ul>",
        lang.code(),
        html_escape(&title),
        html_escape(&title)
    );
    for release in &pool.releases {
        let _ = write!(
            out,
            "<li>{} {} · {}</li>",
            html_escape(&release.fields.name),
            html_escape(&release.fields.version),
            release
                .fields
                .target
                .map(|d| d.to_string())
                .unwrap_or_default()
        );
    }
    out.push_str("</ul>");
    // In tree order: a section stays open while its children follow, and closes when
    // a requirement at its depth or above comes (one walk, no recursion).
    let mut open = 0;
    for r in &pool.requirements {
        while open > r.depth {
            out.push_str("</section>");
            open -= 1;
        }
        section_html(&mut out, pool, lang, r, r.depth + 2);
        open += 1;
    }
    for _ in 0..open {
        out.push_str("</section>");
    }
    out.push_str("</body></html>");
    out
}

/// A requirement's section, left open for its children.
fn section_html(
    out: &mut String,
    pool: &InsightsView,
    lang: Language,
    r: &RequirementRow,
    level: usize,
) {
    let f = &r.requirement.fields;
    let h = level.min(6);
    let _ = write!(
        out,
        "<section><h{h}>{} {}</h{h}><p class=\"facts\">{}</p>",
        r.requirement.id.key(),
        html_escape(&f.title),
        facts(pool, lang, r)
            .iter()
            .map(|x| html_escape(x))
            .collect::<Vec<_>>()
            .join(" · "),
    );
    if !f.description.trim().is_empty() {
        let _ = write!(
            out,
            "<div class=\"desc\">{}</div>",
            html_escape(f.description.trim())
        );
    }
    if !f.acceptance.is_empty() {
        let _ = write!(
            out,
            "<p><b>{}</b></p><ul>",
            html_escape(&tr(lang, "prd.acceptance"))
        );
        for c in &f.acceptance {
            let _ = write!(
                out,
                "<li>{} {}</li>",
                if c.done { "☑" } else { "☐" },
                html_escape(&c.text)
            );
        }
        out.push_str("</ul>");
    }
    if !r.feedback.is_empty() {
        let _ = write!(
            out,
            "<p><b>{}</b></p>",
            html_escape(&tr(lang, "prd.feedback"))
        );
        for &i in r.feedback.iter().take(5) {
            if let Some(fb) = pool.feedback.get(i) {
                let _ = write!(
                    out,
                    "<blockquote>{}</blockquote>",
                    html_escape(&fb.fields.text)
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::requirement::{Criterion, Requirement, RequirementId};
    use std::collections::HashMap;

    fn pool() -> InsightsView {
        let mut epic = RequirementFields::titled("移动端 <script>");
        epic.description = "# 背景\n坐席要在手机上处理。".into();
        let mut story = RequirementFields::titled("=HYPERLINK(\"x\") 离线");
        story.parent = Some(RequirementId(1));
        story.priority = Some(0);
        story.tags = vec!["移动 端".into(), "离线".into()];
        story.acceptance = vec![Criterion {
            done: true,
            text: "断网*可*查看".into(),
        }];
        story.scores.reach = Some(100.0);
        story.scores.impact = Some(2.0);
        story.scores.confidence = Some(50.0);
        story.scores.effort = Some(1.0);
        story.due = chrono::NaiveDate::from_ymd_opt(2027, 1, 15);
        InsightsView::of(
            Vec::new(),
            Vec::new(),
            vec![
                Requirement {
                    id: RequirementId(1),
                    fields: epic,
                },
                Requirement {
                    id: RequirementId(2),
                    fields: story,
                },
            ],
            HashMap::new(),
        )
    }

    #[test]
    fn the_table_neutralises_formulas_and_keeps_numbers() {
        let t = table(&pool(), Language::ZhCn);
        assert_eq!(t.headers[0], "编号");
        let csv = csv(&t);
        assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\") 离线\""), "{csv}");
        assert_eq!(t.rows[1][15], Cell::Number(100.0), "RICE");
        let bytes = xlsx(&t).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }

    #[test]
    fn jira_csv_puts_parents_first_with_types_and_labels() {
        let text = jira_csv(&pool());
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(
            rows[0],
            [
                "Issue ID",
                "Parent ID",
                "Summary",
                "Issue Type",
                "Priority",
                "Description",
                "Created",
                "Due Date",
                "Labels",
                "Labels"
            ]
        );
        // Jira's default import date format.
        assert_eq!(rows[2][7], "15/Jan/27 12:00 AM");
        assert_eq!(
            crate::model::day::parse_day(&rows[2][7]),
            chrono::NaiveDate::from_ymd_opt(2027, 1, 15)
        );
        assert_eq!(rows[1][..4], ["1", "", "移动端 <script>", "Epic"]);
        assert!(rows[1][5].contains("坐席要在手机上处理"));
        assert_eq!(
            rows[2][..5],
            ["2", "1", "'=HYPERLINK(\"x\") 离线", "Story", "Highest"]
        );
        assert_eq!(rows[2][8..], ["移动_端", "离线"]);
        assert!(rows[2][5].contains("Acceptance criteria:\n* 断网*可*查看"));
    }

    #[test]
    fn the_prd_escapes_user_text() {
        let md = prd_markdown(&pool(), Language::ZhCn);
        assert!(md.contains("## REQ-1 移动端 \\<script\\>"), "{md}");
        assert!(md.contains("### REQ-2 =HYPERLINK\\(\"x\"\\) 离线"));
        assert!(md.contains("- [x] 断网\\*可\\*查看"));
        let html = prd_html(&pool(), Language::ZhCn);
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(!html.contains("src=") && !html.contains("href="));
    }

    #[test]
    fn descriptions_lose_script_links_and_raw_html() {
        let md = safe_markdown(
            "见 [文档](https://example.com/a) 与 [点我](javascript:alert(1))\n[r]: JavaScript:evil\n<script>x</script> [锚](#a) [d]( data:text/html,x)",
        );
        assert!(md.contains("[文档](https://example.com/a)"), "{md}");
        assert!(md.contains("[点我](#)"), "{md}");
        assert!(md.contains("[r]: #"), "{md}");
        assert!(md.contains("&lt;script>"), "{md}");
        assert!(md.contains("[锚](#a)") && md.contains("[d](#)"), "{md}");
        assert!(
            !md.to_lowercase().contains("javascript:") && !md.contains("data:"),
            "{md}"
        );
    }
}
