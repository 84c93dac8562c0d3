//! Laying a report out on A4 portrait pages: text measured with the bundled font's
//! advances, lines broken between CJK characters and at spaces, tables with their
//! header row repeated on every page they run onto, charts scaled to the text width.
//! The result is a list of drawing operations per page; `pdf.rs` draws them.

use super::{Block, Cell, Document, rag_colour};
use crate::report::chart_palette::{LIGHT as P, Rgb};

pub(super) const PAGE_W: f32 = 595.28;
pub(super) const PAGE_H: f32 = 841.89;
pub(super) const MARGIN_X: f32 = 50.0;
const TOP: f32 = 70.0;
const BOTTOM: f32 = PAGE_H - 62.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;

pub(super) const TITLE_SIZE: f32 = 20.0;
const HEADING_SIZE: f32 = 13.5;
pub(super) const BODY_SIZE: f32 = 10.0;
const TABLE_SIZE: f32 = 9.0;
pub(super) const SMALL_SIZE: f32 = 8.0;
/// Line height as a multiple of the text size.
const LEADING: f32 = 1.45;
const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.0;

/// What is drawn on a page, in points from the top left.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Op {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        colour: Rgb,
        text: String,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Rgb,
    },
    /// The `index`th chart of the document, scaled into the box.
    Chart {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        index: usize,
    },
}

/// Text widths from the font's horizontal advances (no kerning: CJK has none, and a
/// report's Latin text loses a fraction of a point at most).
pub(super) struct Measure {
    face: ttf_parser::Face<'static>,
    fallback: f32,
}

impl Measure {
    pub(super) fn new(font: &'static [u8]) -> Option<Measure> {
        let face = ttf_parser::Face::parse(font, 0).ok()?;
        let em = f32::from(face.units_per_em());
        Some(Measure { face, fallback: em })
    }

    /// The advance of one character, in font units.
    fn advance(&self, c: char) -> f32 {
        self.face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(self.fallback, f32::from)
    }

    /// A character's glyph and its advance as a share of the em, as the layout
    /// measured it (glyph 0, .notdef, when the font lacks it).
    pub(super) fn glyph(&self, c: char) -> (u16, f32) {
        let id = self.face.glyph_index(c).map_or(0, |g| g.0);
        (id, self.advance(c) / f32::from(self.face.units_per_em()))
    }

    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let units: f32 = text.chars().map(|c| self.advance(c)).sum();
        units * size / f32::from(self.face.units_per_em())
    }

    /// The text broken into lines no wider than `width`: between CJK characters, at
    /// spaces, and inside a word only when the word alone is too wide.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for token in tokens(paragraph) {
                let w = self.width(token, size);
                if line_w + w <= width || line.is_empty() && token == " " {
                    if !(line.is_empty() && token == " ") {
                        line.push_str(token);
                        line_w += w;
                    }
                    continue;
                }
                if token == " " {
                    continue;
                }
                if !line.is_empty() {
                    lines.push(line.trim_end().to_owned());
                    line = String::new();
                    line_w = 0.0;
                }
                if w <= width {
                    line.push_str(token);
                    line_w = w;
                    continue;
                }
                // A word wider than the line: break it by characters.
                for c in token.chars() {
                    let cw = self.width(c.encode_utf8(&mut [0; 4]), size);
                    if line_w + cw > width && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
            lines.push(line.trim_end().to_owned());
        }
        lines
    }
}

/// Where a line may break: each CJK character (and full-width punctuation) is a token,
/// a space is a token, and a run of anything else is a word.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in text.char_indices() {
        let alone = c == ' ' || is_wide(c);
        if alone {
            if let Some(s) = word_start.take() {
                out.push(&text[s..i]);
            }
            out.push(&text[i..i + c.len_utf8()]);
        } else if word_start.is_none() {
            word_start = Some(i);
        }
    }
    if let Some(s) = word_start {
        out.push(&text[s..]);
    }
    out
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// A flow of blocks down pages.
struct Flow<'m> {
    measure: &'m Measure,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl Flow<'_> {
    fn ops(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Room for `h` more points on this page, else a new page.
    fn need(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    /// Wrapped text; returns the page and baseline of its first line.
    fn text_lines(
        &mut self,
        text: &str,
        size: f32,
        colour: Rgb,
        x: f32,
        width: f32,
    ) -> Option<(usize, f32)> {
        let line_h = size * LEADING;
        let mut first = None;
        for line in self.measure.wrap(text, size, width) {
            self.need(line_h);
            self.y += line_h;
            let y = self.y - line_h * 0.28;
            first = first.or(Some((self.pages.len() - 1, y)));
            self.ops().push(Op::Text {
                x,
                y,
                size,
                colour,
                text: line,
            });
        }
        first
    }

    fn gap(&mut self, h: f32) {
        self.y += h;
    }
}

/// The document laid out on pages (the running header and the page numbers are added
/// by the renderer, which knows the page count).
pub(super) fn layout(doc: &Document, measure: &Measure) -> Vec<Vec<Op>> {
    let mut flow = Flow {
        measure,
        pages: vec![Vec::new()],
        y: TOP,
    };
    if let Some(org) = &doc.organisation {
        flow.text_lines(org, BODY_SIZE, P.text_faint, MARGIN_X, WIDTH);
    }
    flow.text_lines(&doc.title, TITLE_SIZE, P.text, MARGIN_X, WIDTH);
    flow.text_lines(&doc.subtitle, BODY_SIZE, P.text_faint, MARGIN_X, WIDTH);
    let mut chart_index = 0;
    for (n, block) in doc.blocks.iter().enumerate() {
        match block {
            Block::Heading(h) => {
                // Keep a heading with what follows it: a chart whole, else a few lines.
                let next = match doc.blocks.get(n + 1) {
                    Some(Block::Chart(c)) => c.height * (WIDTH / c.width.max(1.0)).min(1.0) + 6.0,
                    _ => 3.0 * BODY_SIZE * LEADING,
                };
                flow.need(HEADING_SIZE * LEADING + 14.0 + next);
                flow.gap(14.0);
                flow.text_lines(h, HEADING_SIZE, P.text, MARGIN_X, WIDTH);
                let y = flow.y + 1.0;
                flow.ops().push(Op::Rect {
                    x: MARGIN_X,
                    y,
                    w: WIDTH,
                    h: 0.6,
                    colour: P.grid,
                });
                flow.gap(5.0);
            }
            Block::Paragraph(p) => {
                flow.text_lines(p, BODY_SIZE, P.text, MARGIN_X, WIDTH);
                flow.gap(3.0);
            }
            Block::Muted(p) => {
                flow.text_lines(p, SMALL_SIZE + 1.0, P.text_faint, MARGIN_X, WIDTH);
                flow.gap(3.0);
            }
            Block::Bullets(items) => {
                for item in items {
                    if let Some((page, y)) =
                        flow.text_lines(item, BODY_SIZE, P.text, MARGIN_X + 12.0, WIDTH - 12.0)
                    {
                        flow.pages[page].push(Op::Text {
                            x: MARGIN_X + 2.0,
                            y,
                            size: BODY_SIZE,
                            colour: P.text,
                            text: "•".to_owned(),
                        });
                    }
                }
                flow.gap(3.0);
            }
            Block::Statuses(marks) => statuses(&mut flow, marks),
            Block::Table(t) if t.rows.is_empty() => {
                flow.text_lines(&t.empty, BODY_SIZE, P.text_faint, MARGIN_X, WIDTH);
            }
            Block::Table(t) => table(&mut flow, &t.columns, &t.rows),
            Block::Chart(c) => {
                let scale = (WIDTH / c.width.max(1.0)).min(1.0);
                let (w, h) = (c.width * scale, c.height * scale);
                flow.need(h + 6.0);
                flow.gap(4.0);
                let y = flow.y;
                flow.ops().push(Op::Chart {
                    x: MARGIN_X,
                    y,
                    w,
                    h,
                    index: chart_index,
                });
                flow.gap(h + 2.0);
                flow.text_lines(&c.title, SMALL_SIZE + 1.0, P.text_faint, MARGIN_X, WIDTH);
                chart_index += 1;
            }
        }
    }
    flow.pages
}

/// Status marks as coloured labels, as many in a row as fit.
fn statuses(flow: &mut Flow<'_>, marks: &[super::StatusMark]) {
    let h = BODY_SIZE * 1.9;
    let mut x = MARGIN_X;
    flow.need(h + 4.0);
    flow.gap(4.0);
    for m in marks {
        let text = format!("{} {}", m.label, m.mark);
        let w = flow.measure.width(&text, BODY_SIZE) + 14.0;
        if x + w > MARGIN_X + WIDTH && x > MARGIN_X {
            x = MARGIN_X;
            flow.gap(h + 4.0);
            flow.need(h);
        }
        let y = flow.y;
        flow.ops().push(Op::Rect {
            x,
            y,
            w,
            h,
            colour: rag_colour(m.rag),
        });
        flow.ops().push(Op::Text {
            x: x + 7.0,
            y: y + h * 0.68,
            size: BODY_SIZE,
            colour: Rgb(255, 255, 255),
            text,
        });
        x += w + 6.0;
    }
    flow.gap(h + 6.0);
}

/// Column widths: narrow columns keep their natural width; the rest of the line is
/// shared by the wide ones in proportion to theirs.
fn column_widths(measure: &Measure, columns: &[String], rows: &[Vec<Cell>]) -> Vec<f32> {
    let natural: Vec<f32> = (0..columns.len())
        .map(|c| {
            let head = measure.width(&columns[c], TABLE_SIZE);
            // A sample is enough to size a column; the text wraps anyway.
            rows.iter()
                .take(300)
                .filter_map(|r| r.get(c))
                .map(|cell| measure.width(&cell.display(), TABLE_SIZE))
                .fold(head, f32::max)
                + 2.0 * CELL_PAD_X
                + 1.0
        })
        .collect();
    let total: f32 = natural.iter().sum();
    if total <= WIDTH {
        // Give the spare width to the widest column (usually the name).
        let mut out = natural.clone();
        if let Some((i, _)) = natural.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)) {
            out[i] += WIDTH - total;
        }
        return out;
    }
    let fair = WIDTH / columns.len() as f32;
    let narrow: f32 = natural.iter().filter(|w| **w <= fair).sum();
    let wide: f32 = natural.iter().filter(|w| **w > fair).sum();
    natural
        .iter()
        .map(|w| {
            if *w <= fair {
                *w
            } else {
                w / wide * (WIDTH - narrow)
            }
        })
        .collect()
}

fn table(flow: &mut Flow<'_>, columns: &[String], rows: &[Vec<Cell>]) {
    let widths = column_widths(flow.measure, columns, rows);
    let line_h = TABLE_SIZE * LEADING;
    let header: Vec<Cell> = columns.iter().map(|c| Cell::Text(c.clone())).collect();
    let header_h = row_height(flow.measure, &header, &widths);
    flow.gap(2.0);
    flow.need(header_h + line_h + 2.0 * CELL_PAD_Y);
    draw_row(flow, &header, &widths, true);
    for row in rows {
        let h = row_height(flow.measure, row, &widths);
        if flow.y + h > BOTTOM {
            flow.new_page();
            draw_row(flow, &header, &widths, true);
        }
        draw_row(flow, row, &widths, false);
    }
    flow.gap(4.0);
}

fn row_height(measure: &Measure, row: &[Cell], widths: &[f32]) -> f32 {
    let lines = row
        .iter()
        .zip(widths)
        .map(|(c, w)| {
            measure
                .wrap(&c.display(), TABLE_SIZE, w - 2.0 * CELL_PAD_X)
                .len()
        })
        .max()
        .unwrap_or(1)
        .max(1);
    lines as f32 * TABLE_SIZE * LEADING + 2.0 * CELL_PAD_Y
}

fn draw_row(flow: &mut Flow<'_>, row: &[Cell], widths: &[f32], header: bool) {
    let h = row_height(flow.measure, row, widths);
    let top = flow.y;
    if header {
        flow.ops().push(Op::Rect {
            x: MARGIN_X,
            y: top,
            w: WIDTH,
            h,
            colour: P.heading_fill,
        });
    }
    let mut x = MARGIN_X;
    let line_h = TABLE_SIZE * LEADING;
    for (cell, w) in row.iter().zip(widths) {
        let right = matches!(cell, Cell::Number(_) | Cell::Signed(_));
        let lines = flow
            .measure
            .wrap(&cell.display(), TABLE_SIZE, w - 2.0 * CELL_PAD_X);
        for (n, line) in lines.into_iter().enumerate() {
            let lx = if right {
                x + w - CELL_PAD_X - flow.measure.width(&line, TABLE_SIZE)
            } else {
                x + CELL_PAD_X
            };
            let y = top + CELL_PAD_Y + (n as f32 + 1.0) * line_h - line_h * 0.28;
            flow.ops().push(Op::Text {
                x: lx,
                y,
                size: TABLE_SIZE,
                colour: P.text,
                text: line,
            });
        }
        x += w;
    }
    flow.ops().push(Op::Rect {
        x: MARGIN_X,
        y: top + h - 0.5,
        w: WIDTH,
        h: 0.5,
        colour: P.grid,
    });
    flow.y = top + h;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measure() -> Measure {
        Measure::new(crate::assets::CJK_FONT).expect("bundled font")
    }

    #[test]
    fn lines_break_between_cjk_characters_and_at_spaces_never_past_the_width() {
        let m = measure();
        let text = "需求评审会议纪要 and a rather long English sentence that must wrap somewhere";
        let width = 120.0;
        let lines = m.wrap(text, 10.0, width);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(m.width(l, 10.0) <= width + 0.01, "{l} too wide");
            assert!(!l.starts_with(' ') && !l.ends_with(' '));
        }
        // Nothing lost but the spaces the breaks took.
        let joined: String = lines.concat();
        assert_eq!(joined.replace(' ', ""), text.replace(' ', ""));
        // English words are not cut.
        assert!(lines.iter().any(|l| l.contains("sentence")));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_by_characters() {
        let m = measure();
        let lines = m.wrap(&"x".repeat(200), 10.0, 50.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| m.width(l, 10.0) <= 50.01));
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let m = measure();
        let rows: Vec<Vec<Cell>> = (0..200)
            .map(|i| vec![Cell::Text(format!("任务 {i}")), Cell::Number(i as f64)])
            .collect();
        let doc = Document {
            lang: crate::i18n::Language::ZhCn,
            title: "周报".into(),
            subtitle: String::new(),
            organisation: None,
            running_header: String::new(),
            blocks: vec![Block::Table(super::super::Table {
                name: "t".into(),
                columns: vec!["名称".into(), "数量".into()],
                rows,
                empty: String::new(),
            })],
            logo: None,
        };
        let pages = layout(&doc, &m);
        assert!(pages.len() >= 4, "{} pages", pages.len());
        for page in &pages {
            let heads = page
                .iter()
                .filter(|op| matches!(op, Op::Text { text, .. } if text == "名称"))
                .count();
            assert_eq!(heads, 1);
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= BOTTOM && *y >= TOP - 1.0, "text at {y}");
                }
            }
        }
    }
}
