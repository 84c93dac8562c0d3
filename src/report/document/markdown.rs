//! A report as Markdown (for Confluence, 飞书, 语雀, Slack): every user text escaped,
//! tables as pipe tables, charts left out (their figures are in the tables beside them).

use super::{Block, Document};
use crate::report::requirement_export::safe_markdown as md;

pub fn to_markdown(doc: &Document) -> String {
    let mut out = String::new();
    if let Some(org) = &doc.organisation {
        out.push_str(&format!("{}\n\n", md(org)));
    }
    out.push_str(&format!("# {}\n\n{}\n", md(&doc.title), md(&doc.subtitle)));
    for block in &doc.blocks {
        out.push('\n');
        match block {
            Block::Heading(h) => out.push_str(&format!("## {}\n", md(h))),
            Block::Paragraph(p) => out.push_str(&format!("{}\n", md(p))),
            Block::Muted(p) => out.push_str(&format!("*{}*\n", md(p))),
            Block::Bullets(items) => {
                for item in items {
                    out.push_str(&format!("- {}\n", md(item)));
                }
            }
            Block::Statuses(marks) => {
                for m in marks {
                    out.push_str(&format!("- {} {}\n", md(&m.label), md(&m.mark)));
                }
            }
            Block::Table(t) if t.rows.is_empty() => out.push_str(&format!("{}\n", md(&t.empty))),
            Block::Table(t) => {
                let cell = |s: &str| md(s).replace('|', "\\|").replace('\n', " ");
                let heads: Vec<String> = t.columns.iter().map(|c| cell(c)).collect();
                out.push_str(&format!("| {} |\n", heads.join(" | ")));
                out.push_str(&format!("|{}\n", "---|".repeat(t.columns.len())));
                for row in &t.rows {
                    let cells: Vec<String> = row.iter().map(|c| cell(&c.display())).collect();
                    out.push_str(&format!("| {} |\n", cells.join(" | ")));
                }
            }
            // Markdown has no place for a drawing that every target shows; the chart's
            // title says what the table beside it holds.
            Block::Chart(c) => out.push_str(&format!("*{}*\n", md(&c.title))),
        }
    }
    out
}
