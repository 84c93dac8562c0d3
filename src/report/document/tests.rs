//! Every format from one document: the same figures, user text escaped, the same bytes
//! twice, and the office formats read back.

use super::*;
use crate::i18n::Language;

pub(crate) fn sample() -> Document {
    Document {
        lang: Language::ZhCn,
        title: "项目周报：<智能客服> & App".into(),
        subtitle: "周期：2026-11-30 至 2026-12-06".into(),
        organisation: Some("产品部".into()),
        running_header: "智能客服 · 2026-W49".into(),
        blocks: vec![
            Block::Heading("状态".into()),
            Block::Statuses(vec![
                StatusMark {
                    label: "总体".into(),
                    rag: Some(Rag::Red),
                    mark: "【红】".into(),
                },
                StatusMark {
                    label: "进度".into(),
                    rag: Some(Rag::Amber),
                    mark: "【黄】".into(),
                },
            ]),
            Block::Muted("依据：里程碑预计晚 12 天".into()),
            Block::Paragraph("本周完成登录改版。\n下周联调。".into()),
            Block::Bullets(vec!["=SUM(A1)".into(), "<b>粗</b>".into()]),
            Block::Table(Table {
                name: "本期完成".into(),
                columns: vec!["任务".into(), "完成".into(), "延误（天）".into()],
                rows: vec![
                    vec![
                        Cell::text("=HYPERLINK(\"x\")"),
                        Cell::Date(chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()),
                        Cell::Number(3.0),
                    ],
                    vec![Cell::text("A | B"), Cell::Empty, Cell::Signed(-2)],
                ],
                empty: "无。".into(),
            }),
            Block::Table(Table {
                name: "下期计划".into(),
                columns: vec!["任务".into()],
                rows: vec![],
                empty: "无。".into(),
            }),
            Block::Chart(Chart {
                title: "里程碑趋势".into(),
                svg: "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\" viewBox=\"0 0 200 100\"><line x1=\"0\" y1=\"100\" x2=\"200\" y2=\"0\" stroke=\"#888\"/><text x=\"10\" y=\"20\" font-size=\"12\">图表文字</text></svg>".into(),
                width: 200.0,
                height: 100.0,
            }),
        ],
        logo: None,
    }
}

#[test]
fn markdown_escapes_user_text_and_keeps_table_cells_whole() {
    let md = to_markdown(&sample());
    assert!(
        md.starts_with("产品部\n\n# 项目周报：&lt;智能客服> & App"),
        "{md}"
    );
    assert!(md.contains("| A \\| B |  | -2 |"), "{md}");
    assert!(md.contains("- 总体 【红】"));
    assert!(md.contains("无。"));
    assert!(!md.contains("<b>"));
}

#[test]
fn chat_text_has_no_tables_and_numbers_the_rows() {
    let text = to_text(&sample());
    assert!(!text.lines().any(|l| l.starts_with('|')), "{text}");
    assert!(text.contains("总体【红】 进度【黄】"), "{text}");
    assert!(text.contains("2. A | B -2"), "{text}");
    // Every line fits a phone (tables became lines; only user text is long).
    assert!(text.lines().all(|l| l.chars().count() < 60), "{text}");
}

#[test]
fn html_is_one_file_with_inline_charts_and_escaped_text() {
    let html = to_html(&sample());
    assert!(html.contains("&lt;智能客服&gt; &amp; App"));
    assert!(html.contains("&lt;b&gt;粗&lt;/b&gt;"));
    assert!(html.contains("<svg") && html.contains("图表文字"));
    assert!(!html.contains("<?xml"));
    assert!(html.contains("@media print"));
    assert!(!html.contains("src=\"http"), "nothing fetched");
}

#[test]
fn the_workbook_has_a_summary_and_a_sheet_per_table_with_formulas_as_text() {
    let bytes = to_xlsx(&sample(), "概要").unwrap_or_else(|e| panic!("{e}"));
    let path = std::path::Path::new("r.xlsx");
    let first = crate::io::sheet::first_sheet(&bytes, path).unwrap_or_else(|e| panic!("{e}"));
    assert!(first[0][0].starts_with("项目周报"));
    assert!(first.iter().any(|r| r.first().is_some_and(|c| c == "总体")));
    use calamine::Reader;
    let mut book =
        calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(book.sheet_names(), vec!["概要", "本期完成", "下期计划"]);
    let done = book
        .worksheet_range("本期完成")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        done.get_value((1, 0)),
        Some(&calamine::Data::String("=HYPERLINK(\"x\")".into()))
    );
    assert_eq!(done.get_value((1, 2)), Some(&calamine::Data::Float(3.0)));
    let formulas = book
        .worksheet_formula("本期完成")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn the_workbook_carries_a_fixed_creation_time_so_the_same_report_gives_the_same_bytes() {
    use std::io::Read;
    let bytes = to_xlsx(&sample(), "概要").unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap_or_else(|e| panic!("{e}"))
        .read_to_string(&mut core)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(core.contains("2000-01-01T00:00:00Z"), "{core}");
}

#[test]
fn the_pdf_embeds_its_font_is_the_same_twice_and_has_page_numbers() {
    let doc = sample();
    let a = to_pdf(&doc).unwrap_or_else(|e| panic!("{e}"));
    let b = to_pdf(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, b, "same input, same bytes");
    assert!(a.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&a);
    assert!(text.contains("/FontFile"), "font embedded");
    assert!(text.contains("/ToUnicode"), "text extractable");
    assert!(a.len() < 1_000_000, "{} bytes", a.len());
}

#[test]
fn the_pdf_of_a_long_report_runs_over_pages_and_stays_small() {
    let mut doc = sample();
    for n in 0..6 {
        doc.blocks.push(Block::Heading(format!("第 {n} 节")));
        doc.blocks.push(Block::Table(Table {
            name: format!("t{n}"),
            columns: vec!["任务".into(), "开始".into(), "完成".into()],
            rows: (0..80)
                .map(|i| {
                    vec![
                        Cell::text(format!("任务 {n}.{i} 接口联调与回归测试")),
                        Cell::text("2026-12-07"),
                        Cell::text("2026-12-11"),
                    ]
                })
                .collect(),
            empty: String::new(),
        }));
    }
    let measure =
        super::pdf_layout::Measure::new(crate::assets::CJK_FONT).unwrap_or_else(|| panic!("font"));
    let pages = super::pdf_layout::layout(&doc, &measure).len();
    assert!(pages >= 10, "{pages} pages");
    let pdf = to_pdf(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        pdf.len() < 1_000_000,
        "{} bytes for {pages} pages",
        pdf.len()
    );
}

#[test]
fn the_docx_sets_the_east_asian_font_repeats_header_rows_and_is_the_same_twice() {
    use std::io::Read;
    let doc = sample();
    let a = to_docx(&doc).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(a, to_docx(&doc).unwrap_or_else(|e| panic!("{e}")));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap_or_else(|e| panic!("{e}"));
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .read_to_string(&mut s)
            .unwrap_or_else(|e| panic!("{e}"));
        s
    };
    let styles = read("word/styles.xml");
    assert!(styles.contains("w:eastAsia=\"Microsoft YaHei\""));
    let body = read("word/document.xml");
    assert!(body.contains("<w:tblHeader/>"));
    assert!(body.contains("&lt;智能客服&gt; &amp; App"));
    assert!(body.contains("r:embed=\"rChart1\""));
    assert!(read("word/footer1.xml").contains("NUMPAGES"));
    assert!(zip.by_name("word/media/chart1.png").is_ok());
}

#[test]
fn a_logo_goes_into_html_pdf_and_docx_and_a_broken_one_is_left_out() {
    let png = crate::report::svg_render::png(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"><rect width=\"40\" height=\"20\" fill=\"#3b6fe0\"/></svg>",
        1.0,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let mut doc = sample();
    doc.logo = Some(crate::io::base64::encode(&png));
    assert_eq!(logo_png(&doc).map(|l| (l.1, l.2)), Some((40, 20)));
    assert!(to_html(&doc).contains("src=\"data:image/png;base64,"));
    let pdf = to_pdf(&doc).unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/Image"), "{}", &text[..text.len().min(3000)]);
    let docx = to_docx(&doc).unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    assert!(zip.by_name("word/media/logo.png").is_ok());
    // Not a PNG: nothing drawn, nothing broken.
    doc.logo = Some("bm90IGEgcG5n".into());
    assert!(logo_png(&doc).is_none());
    assert!(!to_html(&doc).contains("data:image"));
    assert!(to_pdf(&doc).is_ok() && to_docx(&doc).is_ok());
}
