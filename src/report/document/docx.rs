//! A report as a Word document (DOCX), written as its XML parts: A4 portrait, the East
//! Asian font slot set in the document defaults (else Word shows Chinese in the theme
//! font), tables whose header row repeats on every page, charts as pictures, a running
//! header and page numbers. The same document gives the same bytes (fixed zip dates,
//! no document properties with times).

use std::fmt::Write as _;
use std::io::Write as _;

use super::{Block, Cell, Document, rag_colour};
use crate::i18n::tr;
use crate::io::export::ExportError;
use crate::report::chart_palette::LIGHT as P;

/// Points to twentieths of a point (Word's page and table unit).
const TWIPS: f32 = 20.0;
/// Points to English Metric Units (pictures).
const EMU: f32 = 12700.0;
/// The text width of an A4 page with 2 cm margins, in points.
const TEXT_WIDTH: f32 = 595.28 - 2.0 * 56.7;

pub fn to_docx(doc: &Document) -> Result<Vec<u8>, ExportError> {
    let mut pictures = Vec::new();
    for chart in doc.charts() {
        pictures.push(crate::report::svg_render::png(&chart.svg, 2.0)?);
    }
    let logo = super::logo_png(doc);
    let files: Vec<(String, Vec<u8>)> = [
        (
            "[Content_Types].xml".to_owned(),
            content_types().into_bytes(),
        ),
        ("_rels/.rels".to_owned(), ROOT_RELS.as_bytes().to_vec()),
        (
            "word/_rels/document.xml.rels".to_owned(),
            document_rels(pictures.len(), logo.is_some()).into_bytes(),
        ),
        ("word/styles.xml".to_owned(), styles(doc).into_bytes()),
        ("word/header1.xml".to_owned(), header(doc).into_bytes()),
        ("word/footer1.xml".to_owned(), footer(doc).into_bytes()),
        ("word/document.xml".to_owned(), body(doc).into_bytes()),
    ]
    .into_iter()
    .chain(
        pictures
            .into_iter()
            .enumerate()
            .map(|(i, png)| (format!("word/media/chart{}.png", i + 1), png)),
    )
    .chain(logo.map(|(png, _, _)| ("word/media/logo.png".to_owned(), png)))
    .collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let err = ExportError::Docx;
    for (name, bytes) in files {
        zip.start_file(name, options)
            .map_err(|e| err(e.to_string()))?;
        zip.write_all(&bytes).map_err(|e| err(e.to_string()))?;
    }
    let cursor = zip.finish().map_err(|e| err(e.to_string()))?;
    Ok(cursor.into_inner())
}

/// Text for XML: escaped, and without the control characters XML 1.0 forbids.
fn x(text: &str) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n'))
        .collect();
    crate::report::survey_html::escape(&clean)
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
    xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" \
    xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" \
    xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" \
    xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{main}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{main}.styles+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"{main}.header+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"{main}.footer+xml\"/>\
</Types>"
    )
}

fn document_rels(pictures: usize, logo: bool) -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rStyles\" Type=\"{base}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rHeader\" Type=\"{base}/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rFooter\" Type=\"{base}/footer\" Target=\"footer1.xml\"/>"
    );
    if logo {
        let _ = write!(
            out,
            "<Relationship Id=\"rLogo\" Type=\"{base}/image\" Target=\"media/logo.png\"/>"
        );
    }
    for i in 1..=pictures {
        let _ = write!(
            out,
            "<Relationship Id=\"rChart{i}\" Type=\"{base}/image\" Target=\"media/chart{i}.png\"/>"
        );
    }
    out.push_str("</Relationships>");
    out
}

/// The defaults: Latin text in a sans font, East Asian text in 微软雅黑 (the slot Word
/// reads for Chinese), the document's language for both.
fn styles(doc: &Document) -> String {
    let lang = doc.lang.code();
    let run = |size: u32, colour: &str, bold: bool| {
        format!(
            "<w:rPr>{}<w:color w:val=\"{colour}\"/><w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/></w:rPr>",
            if bold { "<w:b/><w:bCs/>" } else { "" }
        )
    };
    let hex =
        |c: crate::report::chart_palette::Rgb| format!("{c}").trim_start_matches('#').to_owned();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:styles {NS}>\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" w:eastAsia=\"Microsoft YaHei\" w:cs=\"Arial\"/>\
<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/><w:lang w:val=\"{lang}\" w:eastAsia=\"zh-CN\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"80\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>{normal}</w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/></w:pPr>{title}</w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"280\" w:after=\"100\"/><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"1\" w:color=\"{grid}\"/></w:pBdr><w:outlineLvl w:val=\"0\"/></w:pPr>{heading}</w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Muted\"><w:name w:val=\"Muted\"/><w:basedOn w:val=\"Normal\"/>{muted}</w:style>\
<w:style w:type=\"table\" w:styleId=\"ReportTable\"><w:name w:val=\"Report Table\"/><w:tblPr><w:tblBorders>\
<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"{grid}\"/><w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"{grid}\"/></w:tblBorders>\
<w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>{table}</w:style>\
</w:styles>",
        normal = run(20, &hex(P.text), false),
        title = run(40, &hex(P.text), true),
        heading = run(27, &hex(P.text), true),
        muted = run(17, &hex(P.text_faint), false),
        table = run(18, &hex(P.text), false),
        grid = hex(P.grid),
    )
}

fn paragraph(style: Option<&str>, text: &str) -> String {
    let ppr = style.map_or(String::new(), |s| {
        format!("<w:pPr><w:pStyle w:val=\"{s}\"/></w:pPr>")
    });
    let runs: Vec<String> = text
        .split('\n')
        .map(|line| format!("<w:t xml:space=\"preserve\">{}</w:t>", x(line)))
        .collect();
    format!("<w:p>{ppr}<w:r>{}</w:r></w:p>", runs.join("<w:br/>"))
}

fn header(doc: &Document) -> String {
    let text = match &doc.organisation {
        Some(org) => format!("{org} · {}", doc.running_header),
        None => doc.running_header.clone(),
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr {NS}>{}</w:hdr>",
        paragraph(Some("Muted"), &text)
    )
}

/// 第 n / N 页 with Word's page fields in place of n and N.
fn footer(doc: &Document) -> String {
    let pattern = tr(doc.lang, "report.page");
    let mut runs = String::new();
    let mut rest = pattern.as_str();
    while !rest.is_empty() {
        let next = ["%{page}", "%{pages}"]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, *p)))
            .min();
        match next {
            Some((at, placeholder)) => {
                if at > 0 {
                    let _ = write!(
                        runs,
                        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                        x(&rest[..at])
                    );
                }
                let field = if placeholder == "%{page}" {
                    "PAGE"
                } else {
                    "NUMPAGES"
                };
                let _ = write!(
                    runs,
                    "<w:fldSimple w:instr=\" {field} \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
                );
                rest = &rest[at + placeholder.len()..];
            }
            None => {
                let _ = write!(
                    runs,
                    "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    x(rest)
                );
                rest = "";
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr {NS}>\
<w:p><w:pPr><w:pStyle w:val=\"Muted\"/><w:jc w:val=\"center\"/></w:pPr>{runs}</w:p></w:ftr>"
    )
}

fn body(doc: &Document) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {NS}><w:body>"
    );
    if let Some((_, w, h)) = super::logo_png(doc) {
        let cy = (super::LOGO_HEIGHT * EMU) as i64;
        let cx = (super::LOGO_HEIGHT * w as f32 / h as f32 * EMU) as i64;
        out.push_str("<w:p><w:pPr><w:jc w:val=\"right\"/></w:pPr><w:r>");
        out.push_str(&picture("rLogo", 1000, "logo.png", cx, cy));
        out.push_str("</w:r></w:p>");
    }
    if let Some(org) = &doc.organisation {
        out.push_str(&paragraph(Some("Muted"), org));
    }
    out.push_str(&paragraph(Some("Title"), &doc.title));
    out.push_str(&paragraph(Some("Muted"), &doc.subtitle));
    let mut chart = 0;
    for block in &doc.blocks {
        match block {
            Block::Heading(h) => out.push_str(&paragraph(Some("Heading1"), h)),
            Block::Paragraph(p) => out.push_str(&paragraph(None, p)),
            Block::Muted(p) => out.push_str(&paragraph(Some("Muted"), p)),
            Block::Bullets(items) => {
                for i in items {
                    out.push_str(&paragraph(None, &format!("• {i}")));
                }
            }
            Block::Statuses(marks) => {
                out.push_str("<w:p>");
                for m in marks {
                    let fill = format!("{}", rag_colour(m.rag));
                    let _ = write!(
                        out,
                        "<w:r><w:rPr><w:color w:val=\"FFFFFF\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/></w:rPr>\
<w:t xml:space=\"preserve\"> {} {} </w:t></w:r><w:r><w:t xml:space=\"preserve\">  </w:t></w:r>",
                        fill.trim_start_matches('#'),
                        x(&m.label),
                        x(&m.mark)
                    );
                }
                out.push_str("</w:p>");
            }
            Block::Table(t) if t.rows.is_empty() => {
                out.push_str(&paragraph(Some("Muted"), &t.empty))
            }
            Block::Table(t) => table(&mut out, &t.columns, &t.rows),
            Block::Chart(c) => {
                chart += 1;
                let scale = (TEXT_WIDTH / c.width.max(1.0)).min(1.0);
                let (cx, cy) = (
                    (c.width * scale * EMU) as i64,
                    (c.height * scale * EMU) as i64,
                );
                let _ = write!(
                    out,
                    "<w:p><w:r>{}</w:r></w:p>",
                    picture(&format!("rChart{chart}"), chart, &x(&c.title), cx, cy)
                );
                out.push_str(&paragraph(Some("Muted"), &c.title));
            }
        }
    }
    let (w, h, m) = (
        (595.28 * TWIPS) as i64,
        (841.89 * TWIPS) as i64,
        (56.7 * TWIPS) as i64,
    );
    let _ = write!(
        out,
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rHeader\"/><w:footerReference w:type=\"default\" r:id=\"rFooter\"/>\
<w:pgSz w:w=\"{w}\" w:h=\"{h}\"/><w:pgMar w:top=\"{m}\" w:right=\"{m}\" w:bottom=\"{m}\" w:left=\"{m}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>"
    );
    out
}

/// An inline picture of the relationship `rel`, `cx` × `cy` EMU.
fn picture(rel: &str, id: usize, name: &str, cx: i64, cy: i64) -> String {
    format!(
        "<w:drawing><wp:inline><wp:extent cx=\"{cx}\" cy=\"{cy}\"/>\
<wp:docPr id=\"{id}\" name=\"{name}\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"{name}\"/><pic:cNvPicPr/></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{rel}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>\
</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>"
    )
}

fn table(out: &mut String, columns: &[String], rows: &[Vec<Cell>]) {
    let width = (TEXT_WIDTH * TWIPS) as i64;
    let _ = write!(
        out,
        "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"{width}\" w:type=\"dxa\"/></w:tblPr><w:tblGrid>"
    );
    let col = width / columns.len().max(1) as i64;
    for _ in columns {
        let _ = write!(out, "<w:gridCol w:w=\"{col}\"/>");
    }
    out.push_str("</w:tblGrid>");
    let heading = format!("{}", P.heading_fill);
    // The header row repeats at the top of every page the table runs onto.
    out.push_str("<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for c in columns {
        let _ = write!(
            out,
            "<w:tc><w:tcPr><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{}\"/></w:tcPr>\
<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
            heading.trim_start_matches('#'),
            x(c)
        );
    }
    out.push_str("</w:tr>");
    for row in rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for cell in row {
            let jc = match cell {
                Cell::Number(_) | Cell::Signed(_) => "<w:jc w:val=\"right\"/>",
                _ => "",
            };
            let _ = write!(
                out,
                "<w:tc><w:p><w:pPr><w:spacing w:after=\"0\"/>{jc}</w:pPr><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p></w:tc>",
                x(&cell.display())
            );
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl><w:p/>");
}
