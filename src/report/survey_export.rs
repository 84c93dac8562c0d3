//! A survey out: the dashboard as one HTML file, one card's chart as PNG, and the
//! (filtered) responses as CSV or XLSX for Excel, with formula-like cells neutralised.

use crate::i18n::Language;
use crate::io::export::ExportError;
use crate::model::survey::{Answers, Question, Survey};
use crate::report::survey_html;
use crate::report::survey_view::{Card, SurveyView};

/// What a survey can be exported as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SurveyExportKind {
    /// The dashboard as one self-contained HTML file.
    Html,
    /// The responses (those the filter keeps) as CSV.
    ResponsesCsv,
    /// The responses as an Excel workbook.
    ResponsesXlsx,
    /// One question's chart as PNG, by the question's key.
    ChartPng(String),
}

/// The bytes of an export of `survey` as `view` shows it (its filter and cross-tab).
pub fn render(
    kind: &SurveyExportKind,
    survey: &Survey,
    view: &SurveyView,
    lang: Language,
) -> Result<Vec<u8>, ExportError> {
    Ok(match kind {
        SurveyExportKind::Html => survey_html::html(view, lang).into_bytes(),
        SurveyExportKind::ResponsesCsv => responses_csv(&responses(survey, view)).into_bytes(),
        SurveyExportKind::ResponsesXlsx => responses_xlsx(&responses(survey, view))?,
        SurveyExportKind::ChartPng(key) if key == TREND => {
            let svg =
                survey_html::trend_svg(view).ok_or_else(|| ExportError::NoChart(key.clone()))?;
            titled_png(&svg, &crate::i18n::tr(lang, "research.trend"))?
        }
        SurveyExportKind::ChartPng(key) => {
            let card = view
                .cards
                .iter()
                .find(|c| &c.key == key)
                .ok_or_else(|| ExportError::NoQuestion(key.clone()))?;
            chart_png(card)?
        }
    })
}

/// Responses as a table of text: a header per column and a row per kept response.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseTable {
    pub headers: Vec<String>,
    /// Whether a column holds numbers (NPS, ratings, numeric answers).
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
}

/// The header of a question's column: its key and title.
fn header(q: &Question) -> String {
    if q.title.is_empty() || q.title == q.key {
        q.key.clone()
    } else {
        format!("{} {}", q.key, q.title)
    }
}

/// One answer as text: numbers plainly, options by their labels (several joined with
/// "; "), text as written; empty when not answered.
pub fn answer_text(q: &Question, answers: &Answers, r: usize) -> String {
    cell(q, answers, r)
}

fn cell(q: &Question, answers: &Answers, r: usize) -> String {
    if let Some(x) = answers.number(r) {
        return if x.fract() == 0.0 && x.abs() < 1e15 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        };
    }
    if let Some(chosen) = answers.chosen(r) {
        return chosen
            .iter()
            .filter_map(|&i| q.options.get(i as usize))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("; ");
    }
    answers.text_at(r).unwrap_or_default().to_owned()
}

/// The responses the view's filter keeps, each question a column and each "other"
/// text a column beside its question.
pub fn responses(survey: &Survey, view: &SurveyView) -> ResponseTable {
    let keep = survey.keep(&view.filter);
    let other_of = |q: usize| {
        survey
            .other_text
            .iter()
            .find(|(i, _)| *i == q)
            .map(|(_, t)| t)
    };
    let mut headers = Vec::new();
    let mut numeric = Vec::new();
    for (i, (q, a)) in survey.questions.iter().zip(&survey.answers).enumerate() {
        headers.push(header(q));
        numeric.push(matches!(a, Answers::Numbers(_)));
        if other_of(i).is_some() {
            headers.push(format!("{} (other)", q.key));
            numeric.push(false);
        }
    }
    let rows = (0..survey.responses)
        .filter(|&r| {
            keep.as_ref()
                .is_none_or(|k| k.get(r).copied().unwrap_or(false))
        })
        .map(|r| {
            let mut row = Vec::with_capacity(headers.len());
            for (i, (q, a)) in survey.questions.iter().zip(&survey.answers).enumerate() {
                row.push(cell(q, a, r));
                if let Some(texts) = other_of(i) {
                    row.push(texts.get(r).cloned().flatten().unwrap_or_default());
                }
            }
            row
        })
        .collect();
    ResponseTable {
        headers,
        numeric,
        rows,
    }
}

/// The table as CSV for Excel: UTF-8 with a byte-order mark, CRLF lines, cells that
/// would run as formulas neutralised.
pub fn responses_csv(table: &ResponseTable) -> String {
    use crate::io::export::push_csv_row;
    let mut out = String::from('\u{feff}');
    for row in std::iter::once(&table.headers).chain(&table.rows) {
        push_csv_row(&mut out, row.iter());
    }
    out
}

/// The table as an Excel workbook: every cell written as text or number, never as a
/// formula; a frozen, bold header row.
pub fn responses_xlsx(table: &ResponseTable) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let err = |e: rust_xlsxwriter::XlsxError| ExportError::Workbook(e.to_string());
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let bold = Format::new().set_bold();
    for (c, h) in table.headers.iter().enumerate() {
        let c = u16::try_from(c).map_err(|_| ExportError::Workbook("too many columns".into()))?;
        sheet
            .write_string_with_format(0, c, h, &bold)
            .map_err(err)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1)
            .ok()
            .filter(|&r| r < 1_048_576)
            .ok_or_else(|| ExportError::Workbook("more rows than Excel holds".into()))?;
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let c = c as u16;
            // Answers that are numbers stay numbers; everything else is text
            // (write_string never makes a formula, so `=1+1` stays as written, and an
            // id like `007` keeps its zeros).
            match text.parse::<f64>() {
                Ok(x) if table.numeric.get(c as usize).copied().unwrap_or(false) => {
                    sheet.write_number(r, c, x).map_err(err)?;
                }
                _ => {
                    sheet.write_string(r, c, text).map_err(err)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    book.save_to_buffer().map_err(err)
}

/// The key of the NPS trend chart for [`SurveyExportKind::ChartPng`].
pub const TREND: &str = "nps-trend";

/// One card's chart as a PNG: its title above the chart, on white, at twice the size.
pub fn chart_png(card: &Card) -> Result<Vec<u8>, ExportError> {
    let chart =
        survey_html::chart_svg(card).ok_or_else(|| ExportError::NoChart(card.key.clone()))?;
    titled_png(&chart, &format!("{} {}", card.key, card.title))
}

/// A chart with a title above it, on white, as PNG at twice the size.
fn titled_png(chart: &str, title: &str) -> Result<Vec<u8>, ExportError> {
    let height = svg_height(chart).unwrap_or(200.0);
    let title = survey_html::escape(title);
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="672" height="{h}" viewBox="0 0 672 {h}" font-family="sans-serif"><rect width="672" height="{h}" fill="{}"/><text x="16" y="26" font-size="15" font-weight="bold">{title}</text><g transform="translate(16,40)">{chart}</g></svg>"##,
        crate::report::chart_palette::LIGHT.page,
        h = height + 56.0,
    );
    crate::report::svg_render::png(&svg, 2.0)
}

/// The `height` of an SVG root.
fn svg_height(svg: &str) -> Option<f64> {
    let start = svg.find("height=\"")? + 8;
    let end = svg[start..].find('"')? + start;
    svg[start..end].parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::{QuestionKind, SurveyFilter, SurveyId};

    fn survey() -> Survey {
        let q = |key: &str, title: &str, kind, options: &[&str]| Question {
            key: key.into(),
            title: title.into(),
            kind,
            options: options.iter().map(|s| (*s).to_owned()).collect(),
            scale: (kind == QuestionKind::Nps).then_some((0.0, 10.0)),
            kind_set_by_user: false,
        };
        Survey {
            name: "调研".into(),
            source: "generic".into(),
            responses: 3,
            questions: vec![
                q("Q1", "推荐意愿", QuestionKind::Nps, &[]),
                q("Q2", "角色", QuestionKind::Single, &["产品经理", "其他"]),
                q(
                    "Q3",
                    "用过",
                    QuestionKind::Multi,
                    &["看板", "甘特图", "报表"],
                ),
                q("Q4", "建议", QuestionKind::Text, &[]),
            ],
            answers: vec![
                Answers::numbers(vec![Some(10.0), Some(6.0), None]),
                Answers::choice(vec![Some(0), Some(1), Some(0)]),
                Answers::choices(vec![Some(vec![0, 2]), None, Some(vec![1])], 3),
                Answers::text(vec![Some("=HYPERLINK(\"x\")"), Some("好, 很好"), None]),
            ],
            other_text: vec![(1, vec![None, Some("测试".into()), None])],
        }
    }

    #[test]
    fn responses_come_out_as_labels_with_other_text_beside() {
        let s = survey();
        let view = SurveyView::of(SurveyId(1), 1, &s, &SurveyFilter::default(), None);
        let table = responses(&s, &view);
        assert_eq!(
            table.headers,
            ["Q1 推荐意愿", "Q2 角色", "Q2 (other)", "Q3 用过", "Q4 建议"]
        );
        assert_eq!(
            table.rows[0],
            ["10", "产品经理", "", "看板; 报表", "=HYPERLINK(\"x\")"]
        );
        assert_eq!(table.rows[1], ["6", "其他", "测试", "", "好, 很好"]);
        let csv = responses_csv(&table);
        assert!(csv.starts_with('\u{feff}'));
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"x\"\")\""),
            "formula neutralised: {csv}"
        );
        assert!(csv.contains("\"好, 很好\""));
    }

    #[test]
    fn a_filter_keeps_only_its_responses() {
        let s = survey();
        let filter = SurveyFilter {
            answer: Some((1, 0)),
            ..SurveyFilter::default()
        };
        let view = SurveyView::of(SurveyId(1), 1, &s, &filter, None);
        let table = responses(&s, &view);
        assert_eq!(table.rows.len(), 2);
        assert!(table.rows.iter().all(|r| r[1] == "产品经理"));
    }

    #[test]
    fn xlsx_keeps_formulas_as_text_and_reads_back() {
        use calamine::{Data, Reader, Xlsx};
        let s = survey();
        let view = SurveyView::of(SurveyId(1), 1, &s, &SurveyFilter::default(), None);
        let bytes = responses_xlsx(&responses(&s, &view)).expect("xlsx");
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("reads back");
        let range = book
            .worksheet_range_at(0)
            .expect("a sheet")
            .expect("its cells");
        assert_eq!(range.get((1, 0)), Some(&Data::Float(10.0)));
        assert_eq!(
            range.get((1, 4)),
            Some(&Data::String("=HYPERLINK(\"x\")".into()))
        );
        let formulas = book.worksheet_formula("Sheet1").expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formulas"
        );
    }

    #[test]
    fn a_chart_renders_as_png_and_text_has_none() {
        let s = survey();
        let view = SurveyView::of(SurveyId(1), 1, &s, &SurveyFilter::default(), None);
        for key in ["Q1", "Q2", "Q3"] {
            let png = render(
                &SurveyExportKind::ChartPng(key.into()),
                &s,
                &view,
                Language::ZhCn,
            )
            .expect("png");
            assert!(png.starts_with(b"\x89PNG"), "{key}");
        }
        assert!(matches!(
            render(
                &SurveyExportKind::ChartPng("Q4".into()),
                &s,
                &view,
                Language::ZhCn
            ),
            Err(ExportError::NoChart(_))
        ));
        assert!(matches!(
            render(
                &SurveyExportKind::ChartPng("Q9".into()),
                &s,
                &view,
                Language::ZhCn
            ),
            Err(ExportError::NoQuestion(_))
        ));
        // No answer dates here: no trend to draw.
        assert!(matches!(
            render(
                &SurveyExportKind::ChartPng(TREND.into()),
                &s,
                &view,
                Language::ZhCn
            ),
            Err(ExportError::NoChart(_))
        ));
    }
}
