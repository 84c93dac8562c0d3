//! The Gantt chart as a file: SVG (text stays text, so Chinese survives), PNG
//! (rasterised with the bundled font) and a multi-page PDF tiled over A4 or A3
//! landscape pages, each with the table and the time scale repeated and a page number.

use std::fmt::Write;

use crate::report::chart_palette::{LIGHT, Rgb};
use crate::tokens::size;

// Text sizes of the chart in files.
const TEXT_SMALL: f32 = size::TEXT_XS;
const TEXT_TITLE: f32 = size::TEXT_L;
const TEXT_NOTE: f32 = size::TEXT_XXS;
const TEXT_LABEL: f32 = size::TEXT_TINY;

// Colours of the chart in files: the chart palette's light set.
const PAGE: Rgb = LIGHT.page;
const TEXT: Rgb = LIGHT.text;
const TEXT_SECONDARY: Rgb = LIGHT.text_secondary;
const TEXT_FAINT: Rgb = LIGHT.text_faint;
const HEADING_FILL: Rgb = LIGHT.heading_fill;
const GRID: Rgb = LIGHT.grid;
const RULE: Rgb = LIGHT.rule;
const NON_WORKING: Rgb = LIGHT.non_working;
const BAR: Rgb = LIGHT.bar;
const BAR_CRITICAL: Rgb = LIGHT.bar_critical;
const BAR_SUMMARY: Rgb = LIGHT.bar_summary;
const ARROW: Rgb = LIGHT.arrow;
const BASELINE: Rgb = LIGHT.baseline;
const DEADLINE_MET: Rgb = LIGHT.deadline_met;
const DEADLINE_MISSED: Rgb = LIGHT.deadline_missed;

use chrono::{Datelike, Duration, NaiveDateTime, Timelike};

use super::plan_view::{GanttRow, PlanView};
use crate::io::mspdi::write::xml_escape;
use crate::model::schedule::LinkKind;

/// Row height and the header band, in SVG units (points for PDF).
const ROW: f32 = size::GANTT_FILE_ROW;
const HEADER: f32 = size::GANTT_FILE_HEADER;
const TITLE: f32 = size::GANTT_FILE_TITLE;
const FONT: &str = "Noto Sans CJK SC, Noto Sans SC, sans-serif";

/// Table columns: heading and width.
const COLUMNS: [f32; 5] = size::GANTT_FILE_COLUMNS;

/// Column headings in the user's language, and the title.
#[derive(Clone, Debug)]
pub struct Labels {
    pub title: String,
    pub columns: [String; 5],
    /// `{y}` and `{m}` are replaced: `2026年9月`, `2026-9`.
    pub month: String,
    /// `{page}` and `{pages}` are replaced.
    pub page: String,
}

impl Labels {
    /// Chart headings in a language.
    pub fn new(lang: crate::i18n::Language, title: &str) -> Labels {
        use crate::i18n::tr;
        Labels {
            title: title.to_owned(),
            columns: [
                tr(lang, "gantt.col.id"),
                tr(lang, "gantt.col.name"),
                tr(lang, "gantt.col.duration"),
                tr(lang, "gantt.col.start"),
                tr(lang, "gantt.col.finish"),
            ],
            month: tr(lang, "gantt.month")
                .replace("%{y}", "{y}")
                .replace("%{m}", "{m}"),
            page: tr(lang, "report.page")
                .replace("%{page}", "{page}")
                .replace("%{pages}", "{pages}"),
        }
    }
}

/// The whole chart in one SVG, scaled to about 1,600 units of timeline.
pub fn svg_whole(plan: &PlanView, labels: &Labels) -> String {
    svg(
        plan,
        labels,
        &whole(plan, fitting_day_width(plan, 1600.0)),
        None,
    )
}

/// Which rows and days a picture shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Window {
    pub first_row: usize,
    pub rows: usize,
    /// Days from the plan's first day.
    pub first_day: i64,
    pub days: i64,
    pub day_width: f32,
}

/// Paper for the PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paper {
    A4Landscape,
    A3Landscape,
}

impl Paper {
    fn size(self) -> (f32, f32) {
        match self {
            Paper::A4Landscape => (842.0, 595.0),
            Paper::A3Landscape => (1191.0, 842.0),
        }
    }
}

pub use crate::io::export::ExportError;

fn table_width() -> f32 {
    COLUMNS.iter().sum()
}

/// Days the whole plan spans, with a margin on both sides.
fn span_days(plan: &PlanView) -> i64 {
    (plan.last_day - plan.first_day).num_days() + 1 + 4
}

/// A day width that fits the whole plan in about `target` units of timeline.
pub fn fitting_day_width(plan: &PlanView, target: f32) -> f32 {
    (target / span_days(plan) as f32).clamp(1.0, 24.0)
}

/// The whole plan in one picture.
pub fn whole(plan: &PlanView, day_width: f32) -> Window {
    Window {
        first_row: 0,
        rows: plan.rows.len(),
        first_day: -2,
        days: span_days(plan),
        day_width,
    }
}

fn day_x(plan: &PlanView, w: &Window, t: NaiveDateTime) -> f32 {
    let days = (t.date() - plan.first_day).num_days() - w.first_day;
    table_width()
        + (days as f32 + (t.hour() as f32 * 60.0 + t.minute() as f32) / 1440.0) * w.day_width
}

/// The SVG of one window; `page` adds "page n of m" at the bottom.
pub fn svg(plan: &PlanView, labels: &Labels, w: &Window, page: Option<(usize, usize)>) -> String {
    let width = table_width() + w.days as f32 * w.day_width;
    let body_top = TITLE + HEADER;
    let footer = if page.is_some() { 18.0 } else { 0.0 };
    let height = body_top + w.rows as f32 * ROW + footer;
    let mut s = String::with_capacity(4096 + w.rows * 600);
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}" font-size="{TEXT_SMALL}">"##
    );
    let _ = write!(
        s,
        r##"<rect width="{width}" height="{height}" fill="{PAGE}"/>"##
    );
    let _ = write!(
        s,
        r##"<text x="6" y="18" font-size="{TEXT_TITLE}" font-weight="bold" fill="{TEXT}">{}</text>"##,
        xml_escape(&labels.title)
    );
    // Non-working days.
    if w.day_width >= 3.0 {
        for d in 0..w.days {
            let date = plan.first_day + Duration::days(w.first_day + d);
            if plan.calendar.minutes_on(date) == 0 {
                let x = table_width() + d as f32 * w.day_width;
                let _ = write!(
                    s,
                    r##"<rect x="{x}" y="{body_top}" width="{}" height="{}" fill="{NON_WORKING}"/>"##,
                    w.day_width,
                    w.rows as f32 * ROW
                );
            }
        }
    }
    // Header: column names, months above, days / weeks below.
    let _ = write!(
        s,
        r##"<rect x="0" y="{TITLE}" width="{width}" height="{HEADER}" fill="{HEADING_FILL}"/>"##
    );
    let mut x = 0.0;
    for (c, label) in COLUMNS.iter().zip(&labels.columns) {
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" font-weight="bold" fill="{TEXT_SECONDARY}">{}</text>"##,
            x + 4.0,
            TITLE + HEADER - 10.0,
            xml_escape(label)
        );
        x += c;
    }
    let mut last_label = f32::MIN;
    for d in 0..w.days {
        let date = plan.first_day + Duration::days(w.first_day + d);
        let x = table_width() + d as f32 * w.day_width;
        // The month at the left edge is labelled too, unless the next one is close.
        let next_month = date
            .with_day(1)
            .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
            .map_or(31, |n| (n - date).num_days());
        if date.day() == 1 || (d == 0 && next_month as f32 * w.day_width > 60.0) {
            let text = labels
                .month
                .replace("{y}", &date.year().to_string())
                .replace("{m}", &date.month().to_string());
            let _ = write!(
                s,
                r##"<line x1="{x}" y1="{TITLE}" x2="{x}" y2="{}" stroke="{GRID}" stroke-width="0.5"/><text x="{}" y="{}" fill="{TEXT_SECONDARY}">{}</text>"##,
                TITLE + HEADER,
                x + 3.0,
                TITLE + 14.0,
                xml_escape(&text)
            );
        }
        let show = if w.day_width >= 14.0 {
            true
        } else if w.day_width >= 3.0 {
            date.weekday() == chrono::Weekday::Mon
        } else {
            false
        };
        if show && x - last_label > 14.0 {
            let _ = write!(
                s,
                r##"<text x="{}" y="{}" font-size="{TEXT_NOTE}" fill="{TEXT_FAINT}">{}</text>"##,
                x + 2.0,
                TITLE + HEADER - 10.0,
                date.day()
            );
            last_label = x;
        }
    }
    let _ = write!(
        s,
        r##"<line x1="0" y1="{body_top}" x2="{width}" y2="{body_top}" stroke="{RULE}" stroke-width="0.8"/><line x1="{tw}" y1="{TITLE}" x2="{tw}" y2="{h}" stroke="{RULE}" stroke-width="0.8"/>"##,
        tw = table_width(),
        h = body_top + w.rows as f32 * ROW
    );
    // Rows; long names are clipped to their column.
    let _ = write!(
        s,
        r##"<clipPath id="names"><rect x="{}" y="{body_top}" width="{}" height="{}"/></clipPath>"##,
        COLUMNS[0],
        COLUMNS[1] - 4.0,
        w.rows as f32 * ROW
    );
    let last = (w.first_row + w.rows).min(plan.rows.len());
    for (k, i) in (w.first_row..last).enumerate() {
        let row = &plan.rows[i];
        let y = body_top + k as f32 * ROW;
        if k % 2 == 1 {
            let _ = write!(
                s,
                r##"<rect x="0" y="{y}" width="{width}" height="{ROW}" fill="{TEXT}" fill-opacity="0.03"/>"##
            );
        }
        table_row(&mut s, i, row, y);
        bar(&mut s, plan, w, row, y, width);
    }
    // Links between rows in the window, clipped to the timeline.
    let arrow_color = ARROW;
    let _ = write!(
        s,
        r##"<clipPath id="timeline"><rect x="{tw}" y="{body_top}" width="{}" height="{}"/></clipPath><g clip-path="url(#timeline)">"##,
        width - table_width(),
        w.rows as f32 * ROW,
        tw = table_width()
    );
    for l in &plan.links {
        let (in_a, in_b) = (
            (w.first_row..last).contains(&l.from_row),
            (w.first_row..last).contains(&l.to_row),
        );
        if !(in_a && in_b) {
            continue;
        }
        let (a, b) = (&plan.rows[l.from_row], &plan.rows[l.to_row]);
        let (Some(fs), Some(ff), Some(ts), Some(tf)) = (a.start, a.finish, b.start, b.finish)
        else {
            continue;
        };
        let from_x = match l.kind {
            LinkKind::FinishToStart | LinkKind::FinishToFinish => day_x(plan, w, ff),
            _ => day_x(plan, w, fs),
        };
        let to_x = match l.kind {
            LinkKind::FinishToStart | LinkKind::StartToStart => day_x(plan, w, ts),
            _ => day_x(plan, w, tf),
        };
        let y0 = body_top + (l.from_row - w.first_row) as f32 * ROW + ROW / 2.0;
        let y1 = body_top + (l.to_row - w.first_row) as f32 * ROW + ROW / 2.0;
        let elbow = if to_x - 5.0 > from_x + 3.0 {
            to_x - 5.0
        } else {
            from_x + 5.0
        };
        let _ = write!(
            s,
            r##"<polyline points="{from_x},{y0} {elbow},{y0} {elbow},{y1} {},{y1}" fill="none" stroke="{arrow_color}" stroke-width="0.7"/><polygon points="{to_x},{y1} {},{} {},{}" fill="{arrow_color}"/>"##,
            to_x - 1.0,
            to_x - 4.0,
            y1 - 2.5,
            to_x - 4.0,
            y1 + 2.5
        );
    }
    s.push_str("</g>");
    if let Some((n, total)) = page {
        let text = labels
            .page
            .replace("{page}", &n.to_string())
            .replace("{pages}", &total.to_string());
        let _ = write!(
            s,
            r##"<text x="{}" y="{}" text-anchor="middle" font-size="{TEXT_LABEL}" fill="{TEXT_FAINT}">{}</text>"##,
            width / 2.0,
            height - 5.0,
            xml_escape(&text)
        );
    }
    s.push_str("</svg>");
    s
}

fn table_row(s: &mut String, index: usize, row: &GanttRow, y: f32) {
    let date = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d").to_string())
            .unwrap_or_default()
    };
    let name_x = COLUMNS[0] + 4.0 + f32::from(row.depth) * 10.0;
    let color = if row.critical && !row.summary {
        BAR_CRITICAL
    } else {
        TEXT
    };
    let weight = if row.summary {
        " font-weight=\"bold\""
    } else {
        ""
    };
    let ty = y + ROW / 2.0 + 3.5;
    let cells = [
        (4.0, (index + 1).to_string(), TEXT_FAINT, ""),
        // The column shows a few dozen characters: a name of megabytes would cost
        // the renderers minutes for nothing.
        (name_x, name_shown(&row.name), color, weight),
        (
            COLUMNS[0] + COLUMNS[1] + 4.0,
            row.duration.clone(),
            TEXT,
            "",
        ),
        (
            COLUMNS[0] + COLUMNS[1] + COLUMNS[2] + 4.0,
            date(row.start),
            TEXT,
            "",
        ),
        (
            COLUMNS[0] + COLUMNS[1] + COLUMNS[2] + COLUMNS[3] + 4.0,
            date(row.finish),
            TEXT,
            "",
        ),
    ];
    for (k, (x, text, fill, weight)) in cells.into_iter().enumerate() {
        let clip = if k == 1 {
            r#" clip-path="url(#names)""#
        } else {
            ""
        };
        let _ = write!(
            s,
            r##"<text x="{x}" y="{ty}" fill="{fill}"{weight}{clip}>{}</text>"##,
            xml_escape(&text)
        );
    }
}

fn bar(s: &mut String, plan: &PlanView, w: &Window, row: &GanttRow, y: f32, width: f32) {
    let cy = y + ROW / 2.0;
    let clip = |x: f32| x.clamp(table_width(), width);
    if let (Some((bs, bf)), false) = (row.baseline(0), row.summary)
        && (Some(bs), Some(bf)) != (row.start, row.finish)
    {
        let (b0, b1) = (clip(day_x(plan, w, bs)), clip(day_x(plan, w, bf)));
        if b1 > b0 {
            let _ = write!(
                s,
                r##"<rect x="{b0}" y="{}" width="{}" height="2.5" fill="{BASELINE}"/>"##,
                cy + 5.0,
                b1 - b0
            );
        }
    }
    if let Some((d, missed)) = row.deadline() {
        let x = day_x(plan, w, d);
        if (table_width()..=width).contains(&x) {
            let _ = write!(
                s,
                r##"<polygon points="{},{} {},{} {x},{}" fill="{}"/>"##,
                x - 4.0,
                cy - 9.0,
                x + 4.0,
                cy - 9.0,
                cy - 3.0,
                if missed {
                    DEADLINE_MISSED
                } else {
                    DEADLINE_MET
                }
            );
        }
    }
    let (Some(start), Some(finish)) = (row.start, row.finish) else {
        return;
    };
    let (x0, x1) = (day_x(plan, w, start), day_x(plan, w, finish));
    if x1 < table_width() || x0 > width {
        return;
    }
    let color = if row.critical { BAR_CRITICAL } else { BAR };
    if row.milestone || ((x1 - x0) < 0.5 && !row.summary) {
        if x0 >= table_width() {
            let _ = write!(
                s,
                r##"<polygon points="{x0},{} {},{cy} {x0},{} {},{cy}" fill="{}"/>"##,
                cy - 5.0,
                x0 + 5.0,
                cy + 5.0,
                x0 - 5.0,
                if row.critical {
                    BAR_CRITICAL
                } else {
                    TEXT_SECONDARY
                }
            );
        }
        return;
    }
    let (a, b) = (clip(x0), clip(x1.max(x0 + 1.5)));
    if row.summary {
        let _ = write!(
            s,
            r##"<rect x="{a}" y="{}" width="{}" height="5" fill="{BAR_SUMMARY}"/>"##,
            cy - 4.0,
            b - a
        );
        return;
    }
    let gaps: Vec<(f32, f32)> = row
        .gaps
        .iter()
        .map(|&(g0, g1)| (clip(day_x(plan, w, g0)), clip(day_x(plan, w, g1))))
        .collect();
    for (p, q) in crate::report::plan_view::bar_pieces((a, b), &gaps) {
        let _ = write!(
            s,
            r##"<rect x="{p}" y="{}" width="{}" height="10" rx="2" fill="{color}"/>"##,
            cy - 5.0,
            q - p
        );
    }
    // Where a split task's work stands still: a dotted line, as MS Project draws it.
    for (g0, g1) in gaps.into_iter().filter(|(g0, g1)| g1 > g0) {
        let _ = write!(
            s,
            r##"<line x1="{g0}" y1="{cy}" x2="{g1}" y2="{cy}" stroke="{color}" stroke-width="1.2" stroke-dasharray="2 3"/>"##
        );
    }
    if row.percent_complete > 0 {
        let done = (x0 + (x1 - x0) * f32::from(row.percent_complete) / 100.0).clamp(a, b);
        let _ = write!(
            s,
            r##"<rect x="{a}" y="{}" width="{}" height="3" fill="{TEXT}" fill-opacity="0.35"/>"##,
            cy - 1.5,
            done - a
        );
    }
}

/// A task name as the chart's name column can show it: its first 200 characters.
fn name_shown(name: &str) -> String {
    const SHOWN: usize = 200;
    match name.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_owned(),
    }
}

/// The windows that tile the plan over pages of `paper`, table and scale on each.
pub fn page_windows(plan: &PlanView, paper: Paper, day_width: f32) -> Vec<Window> {
    let (pw, ph) = paper.size();
    let rows_per_page = (((ph - TITLE - HEADER - 18.0) / ROW).floor() as usize).max(1);
    let days_per_page = (((pw - table_width()) / day_width).floor() as i64).max(7);
    let total_days = span_days(plan);
    let mut out = Vec::new();
    let mut first_row = 0;
    loop {
        let mut first_day = -2;
        while first_day < total_days - 2 {
            out.push(Window {
                first_row,
                rows: rows_per_page
                    .min(plan.rows.len().saturating_sub(first_row))
                    .max(1),
                first_day,
                days: days_per_page,
                day_width,
            });
            first_day += days_per_page;
        }
        first_row += rows_per_page;
        if first_row >= plan.rows.len() {
            break;
        }
    }
    out
}

/// A multi-page PDF: the plan tiled over landscape pages, fonts embedded.
pub fn pdf(plan: &PlanView, labels: &Labels, paper: Paper) -> Result<Vec<u8>, ExportError> {
    use krilla_svg::SurfaceExt;
    let fonts = super::svg_render::fonts();
    let (pw, ph) = paper.size();
    let day_width = fitting_day_width(plan, (pw - table_width()) * 2.0).max(3.0);
    let windows = page_windows(plan, paper, day_width);
    let mut document = krilla::Document::new();
    let total = windows.len();
    for (n, w) in windows.iter().enumerate() {
        let svg = svg(plan, labels, w, Some((n + 1, total)));
        let tree = super::svg_render::tree(&svg, &fonts)?;
        let settings = krilla::page::PageSettings::from_wh(pw, ph)
            .ok_or_else(|| ExportError::Pdf("page size".into()))?;
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        let size = tree.size();
        // Fit the window onto the page, never enlarging it.
        let scale = (pw / size.width()).min(ph / size.height()).min(1.0);
        let target = krilla::geom::Size::from_wh(size.width() * scale, size.height() * scale)
            .ok_or_else(|| ExportError::Pdf("empty page".into()))?;
        surface.draw_svg(&tree, target, krilla_svg::SvgSettings::default());
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_special_characters_in_names_are_escaped() {
        assert_eq!(xml_escape("A&B <甲>"), "A&amp;B &lt;甲&gt;");
    }
}
