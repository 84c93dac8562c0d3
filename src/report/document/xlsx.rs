//! A report's tables as an Excel workbook: a first sheet with the title, the period,
//! the statuses and the text, then a sheet per table. Cells are written as values (a
//! name starting with `=` stays text), numbers and dates as numbers and dates.

use super::{Block, Cell as DocCell, Document};
use crate::io::export::ExportError;
use crate::report::requirement_export::{Cell, PoolTable, workbook};

pub fn to_xlsx(doc: &Document, summary_name: &str) -> Result<Vec<u8>, ExportError> {
    let text = |s: &str| vec![Cell::Text(s.to_owned())];
    let mut summary = PoolTable {
        headers: vec![doc.title.clone()],
        rows: vec![text(&doc.subtitle)],
    };
    if let Some(org) = &doc.organisation {
        summary.rows.insert(0, text(org));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                summary.rows.push(vec![Cell::Empty]);
                summary.rows.push(text(h));
            }
            Block::Paragraph(p) | Block::Muted(p) => summary.rows.push(text(p)),
            Block::Bullets(items) => summary.rows.extend(items.iter().map(|i| text(i))),
            Block::Statuses(marks) => summary.rows.extend(
                marks
                    .iter()
                    .map(|m| vec![Cell::Text(m.label.clone()), Cell::Text(m.mark.clone())]),
            ),
            Block::Table(_) | Block::Chart(_) => {}
        }
    }
    let tables: Vec<PoolTable> = doc
        .tables()
        .map(|t| PoolTable {
            headers: t.columns.clone(),
            rows: t
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| match c {
                            DocCell::Number(x) => Cell::Number(*x),
                            DocCell::Signed(d) => Cell::Number(*d as f64),
                            DocCell::Empty => Cell::Empty,
                            other => Cell::Text(other.display()),
                        })
                        .collect()
                })
                .collect(),
        })
        .collect();
    let mut sheets: Vec<(&str, &PoolTable)> = vec![(summary_name, &summary)];
    let names = unique_sheet_names(doc.tables().map(|t| t.name.as_str()), summary_name);
    for (name, table) in names.iter().zip(&tables) {
        sheets.push((name, table));
    }
    workbook(&sheets)
}

/// Sheet names as Excel takes them: at most 31 characters, none of `[]:*?/\`, and no
/// two alike (Excel compares them ignoring case).
fn unique_sheet_names<'a>(names: impl Iterator<Item = &'a str>, first: &str) -> Vec<String> {
    let clean = |s: &str| -> String {
        s.chars()
            .filter(|c| !"[]:*?/\\".contains(*c))
            .take(28)
            .collect()
    };
    let mut taken = vec![clean(first).to_lowercase()];
    let mut out = Vec::new();
    for name in names {
        let base = clean(name);
        let base = if base.trim().is_empty() {
            "Sheet".to_owned()
        } else {
            base
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while taken.contains(&candidate.to_lowercase()) {
            candidate = format!("{base} {n}");
            n += 1;
        }
        taken.push(candidate.to_lowercase());
        out.push(candidate);
    }
    out
}
