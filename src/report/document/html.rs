//! A report as one self-contained HTML file: styles inline, charts as inline SVG, a
//! print stylesheet for A4 portrait, every user text escaped.

use std::fmt::Write;

use super::{Block, Document, rag_colour};
use crate::report::chart_palette::LIGHT as P;
use crate::report::survey_html::escape as e;

pub fn to_html(doc: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>\
         body{{font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:860px;margin:2em auto;padding:0 1em;color:{};line-height:1.5}}\
         h1{{margin-bottom:0}}h2{{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid {}}}\
         table{{border-collapse:collapse;width:100%;font-size:13px}}th,td{{text-align:left;padding:3px 8px;border-bottom:1px solid {}}}th{{background:{}}}\
         td.n{{text-align:right}}.rag{{display:inline-block;padding:1px 8px;border-radius:3px;color:#fff;margin:0 8px 4px 0}}.meta{{color:{}}}\
         figure{{margin:1em 0}}figcaption{{color:{};font-size:13px}}svg{{max-width:100%;height:auto}}\
         @page{{size:A4 portrait;margin:16mm}}@media print{{body{{margin:0;max-width:none}}h2{{break-after:avoid}}tr,figure{{break-inside:avoid}}thead{{display:table-header-group}}}}\
         </style></head><body>",
        doc.lang.code(),
        e(&doc.title),
        P.text,
        P.grid,
        P.grid,
        P.heading_fill,
        P.text_faint,
        P.text_faint,
    );
    if let Some((png, _, _)) = super::logo_png(doc) {
        let _ = write!(
            out,
            "<img src=\"data:image/png;base64,{}\" alt=\"\" style=\"float:right;max-height:{}px\">",
            crate::io::base64::encode(&png),
            super::LOGO_HEIGHT * 1.6
        );
    }
    if let Some(org) = &doc.organisation {
        let _ = write!(out, "<p class=\"meta\">{}</p>", e(org));
    }
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"meta\">{}</p>",
        e(&doc.title),
        e(&doc.subtitle)
    );
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => {
                let _ = write!(out, "<h2>{}</h2>", e(h));
            }
            Block::Paragraph(p) => {
                let _ = write!(out, "<p>{}</p>", e(p).replace('\n', "<br>"));
            }
            Block::Muted(p) => {
                let _ = write!(out, "<p class=\"meta\">{}</p>", e(p).replace('\n', "<br>"));
            }
            Block::Bullets(items) => {
                out.push_str("<ul>");
                for i in items {
                    let _ = write!(out, "<li>{}</li>", e(i));
                }
                out.push_str("</ul>");
            }
            Block::Statuses(marks) => {
                out.push_str("<p>");
                for m in marks {
                    let _ = write!(
                        out,
                        "<span class=\"rag\" style=\"background:{}\">{} {}</span>",
                        rag_colour(m.rag),
                        e(&m.label),
                        e(&m.mark)
                    );
                }
                out.push_str("</p>");
            }
            Block::Table(t) if t.rows.is_empty() => {
                let _ = write!(out, "<p class=\"meta\">{}</p>", e(&t.empty));
            }
            Block::Table(t) => {
                out.push_str("<table><thead><tr>");
                for c in &t.columns {
                    let _ = write!(out, "<th>{}</th>", e(c));
                }
                out.push_str("</tr></thead><tbody>");
                for row in &t.rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let class = match cell {
                            super::Cell::Number(_) | super::Cell::Signed(_) => " class=\"n\"",
                            _ => "",
                        };
                        let _ = write!(out, "<td{class}>{}</td>", e(&cell.display()));
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</tbody></table>");
            }
            Block::Chart(c) => {
                // Our own SVG (its texts escaped where it was drawn), without the XML
                // declaration an inline SVG must not carry.
                let svg = c.svg.trim_start_matches(|ch| ch != '<');
                let svg = match svg.strip_prefix("<?xml") {
                    Some(rest) => rest.split_once("?>").map_or(rest, |(_, s)| s),
                    None => svg,
                };
                let _ = write!(
                    out,
                    "<figure>{}<figcaption>{}</figcaption></figure>",
                    svg.trim(),
                    e(&c.title)
                );
            }
        }
    }
    out.push_str("</body></html>\n");
    out
}
