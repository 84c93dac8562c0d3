//! A report as plain text shaped for a chat (企业微信, 钉钉, 飞书): short lines, no
//! tables (each row becomes a numbered line), status marks like 【红】, no emoji.

use super::{Block, Document};

pub fn to_text(doc: &Document) -> String {
    let mut lines = Vec::new();
    if let Some(org) = &doc.organisation {
        lines.push(org.clone());
    }
    lines.push(doc.title.clone());
    lines.push(doc.subtitle.clone());
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                lines.push(String::new());
                lines.push(format!("{h}："));
            }
            Block::Paragraph(p) | Block::Muted(p) => lines.extend(p.lines().map(str::to_owned)),
            Block::Bullets(items) => lines.extend(items.iter().map(|i| format!("· {i}"))),
            Block::Statuses(marks) => lines.push(
                marks
                    .iter()
                    .map(|m| format!("{}{}", m.label, m.mark))
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Block::Table(t) if t.rows.is_empty() => lines.push(t.empty.clone()),
            Block::Table(t) => {
                for (n, row) in t.rows.iter().enumerate() {
                    let cells: Vec<String> = row
                        .iter()
                        .map(|c| c.display())
                        .filter(|c| !c.is_empty())
                        .collect();
                    lines.push(format!("{}. {}", n + 1, cells.join(" ")));
                }
            }
            Block::Chart(_) => {}
        }
    }
    // Names come from files: never let one drive a terminal or break a line.
    let mut text: String = lines
        .iter()
        .map(|l| crate::model::safe_text(l))
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}
