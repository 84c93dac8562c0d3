//! A report as data: the title, a line under it, and blocks (headings, paragraphs,
//! lists, status marks, tables, vector charts). Every report kind builds one; every
//! format (Markdown, chat text, HTML, XLSX, PDF, DOCX) renders one, so the figures agree
//! across formats and a new kind or section needs no new renderer.
mod docx;
mod html;
mod markdown;
mod pdf;
mod pdf_layout;
pub mod template;
mod text;
mod xlsx;

pub use docx::to_docx;
pub use html::to_html;
pub use markdown::to_markdown;
pub use pdf::to_pdf;
pub use text::to_text;
pub use xlsx::to_xlsx;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::i18n::Language;

/// Red, amber or green.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub const ALL: [Rag; 3] = [Rag::Green, Rag::Amber, Rag::Red];

    /// Its word in JSON and in the locale files.
    pub fn code(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }

    pub fn from_code(code: &str) -> Option<Rag> {
        Rag::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// A report, ready for any format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub lang: Language,
    pub title: String,
    /// One line under the title: the period, the release, the customer …
    pub subtitle: String,
    /// Shown above the title and in the page header, when the template names one.
    pub organisation: Option<String>,
    /// The header of printed pages (PDF, DOCX): project and period.
    pub running_header: String,
    pub blocks: Vec<Block>,
    /// The organisation's logo (a PNG as base64), from the template.
    #[serde(default)]
    pub logo: Option<String>,
}

/// One part of a report's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Block {
    Heading(String),
    Paragraph(String),
    /// A note in a quieter colour (how a status was decided, what a figure means).
    Muted(String),
    Bullets(Vec<String>),
    /// Status marks in a row: 进度【红】 …
    Statuses(Vec<StatusMark>),
    Table(Table),
    Chart(Chart),
}

/// A dimension's status as shown: its name, its colour and its chat mark (【红】), with
/// the PM's reason when it was overridden.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusMark {
    pub label: String,
    pub rag: Option<Rag>,
    /// The emoji-free mark for text: 【绿】【黄】【红】【—】.
    pub mark: String,
}

/// A table: its name (the sheet's in XLSX), column heads and rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// What to say when there are no rows.
    pub empty: String,
}

/// A value in a table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    Text(String),
    Number(f64),
    /// A change or variance, written with its sign (+3, −2).
    Signed(i64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn date(d: Option<NaiveDate>) -> Cell {
        d.map_or(Cell::Empty, Cell::Date)
    }

    pub fn signed(d: Option<i64>) -> Cell {
        d.map_or(Cell::Empty, Cell::Signed)
    }

    /// The value as text, the same in every format.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Number(x) => number_text(*x),
            Cell::Signed(0) => "0".to_owned(),
            Cell::Signed(d) => format!("{d:+}"),
            Cell::Date(d) => d.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

/// A number without a trailing `.0`, one decimal otherwise.
pub fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{:.1}", x)
    }
}

/// A chart drawn once as SVG (size in points), embedded as vector where the format
/// allows (HTML, PDF) and as a picture where it does not (DOCX).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub title: String,
    pub svg: String,
    pub width: f32,
    pub height: f32,
}

impl Document {
    /// The tables, in order (the sheets of the workbook).
    pub fn tables(&self) -> impl Iterator<Item = &Table> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }

    /// The charts, in order.
    pub fn charts(&self) -> impl Iterator<Item = &Chart> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Chart(c) => Some(c),
            _ => None,
        })
    }
}

/// The logo as PNG bytes with its size in pixels, when the document has a readable one.
pub(crate) fn logo_png(doc: &Document) -> Option<(Vec<u8>, u32, u32)> {
    let bytes = crate::io::base64::decode(doc.logo.as_deref()?)?;
    // The PNG signature, then the IHDR chunk: width and height, big-endian.
    if bytes.len() < 24 || &bytes[..8] != b"\x89PNG\r\n\x1a\n" || &bytes[12..16] != b"IHDR" {
        return None;
    }
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    let (w, h) = (be(16), be(20));
    (w > 0 && h > 0).then_some((bytes, w, h))
}

/// The height a logo is drawn at, in points.
pub(crate) const LOGO_HEIGHT: f32 = 30.0;

/// The colour of a status in files (the light chart palette).
pub(crate) fn rag_colour(rag: Option<Rag>) -> crate::report::chart_palette::Rgb {
    use crate::report::chart_palette::LIGHT as P;
    match rag {
        Some(Rag::Green) => P.deadline_met,
        Some(Rag::Amber) => P.warning,
        Some(Rag::Red) => P.deadline_missed,
        None => P.text_faint,
    }
}

#[cfg(test)]
pub(crate) mod tests;
