//! Milestone trend analysis (里程碑趋势分析): every published report keeps its
//! milestones' forecasts, so the trend of each forecast over the report dates needs no
//! extra entry. A line per milestone; flat is steady, rising is slipping; a milestone
//! reaches the diagonal when it is done (report date = forecast date).

use std::fmt::Write;

use chrono::NaiveDate;

use crate::model::report::ReportSnapshot;
use crate::report::chart_palette::{LIGHT as P, LINES};
use crate::report::document::{Cell, Chart, Table};

/// One milestone's forecasts over report dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub uid: i64,
    pub name: String,
    /// (report date, forecast finish), by report date.
    pub points: Vec<(NaiveDate, NaiveDate)>,
}

/// A report's milestone forecasts: its date and (uid, name, forecast) per milestone.
pub type Reading = (NaiveDate, Vec<(i64, String, NaiveDate)>);

/// The milestones and forecasts a published weekly report holds (its facts'
/// `milestones`), dated by the end of its period.
pub fn reading(snapshot: &ReportSnapshot) -> Reading {
    let milestones = snapshot.facts["milestones"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| {
                    let uid = m["uid"].as_i64()?;
                    let name = m["name"].as_str()?.to_owned();
                    let finish =
                        NaiveDate::parse_from_str(m["finish"].as_str()?, "%Y-%m-%d").ok()?;
                    Some((uid, name, finish))
                })
                .collect()
        })
        .unwrap_or_default();
    (snapshot.key.to, milestones)
}

/// The series from readings (any order; a later reading of the same date wins).
pub fn series(mut readings: Vec<Reading>) -> Vec<Series> {
    readings.sort_by_key(|r| r.0);
    let mut out: Vec<Series> = Vec::new();
    for (date, milestones) in readings {
        for (uid, name, forecast) in milestones {
            let s = match out.iter_mut().position(|s| s.uid == uid) {
                Some(i) => &mut out[i],
                None => {
                    out.push(Series {
                        uid,
                        name: name.clone(),
                        points: Vec::new(),
                    });
                    let last = out.len() - 1;
                    &mut out[last]
                }
            };
            s.name = name;
            s.points.retain(|p| p.0 != date);
            s.points.push((date, forecast));
        }
    }
    out
}

const W: f32 = 520.0;
const H: f32 = 300.0;
const LEFT: f32 = 70.0;
const RIGHT: f32 = 150.0;
const TOP: f32 = 14.0;
const BOTTOM: f32 = 40.0;

fn esc(s: &str) -> String {
    crate::report::survey_html::escape(s)
}

/// The MTA chart: report dates across, forecast dates up, the diagonal, a line per
/// milestone with its name at the end.
pub fn chart(series: &[Series], title: &str) -> Chart {
    let dates = || series.iter().flat_map(|s| s.points.iter());
    let (Some(x0), Some(x1)) = (dates().map(|p| p.0).min(), dates().map(|p| p.0).max()) else {
        return Chart {
            title: title.to_owned(),
            svg: format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"40\" viewBox=\"0 0 {W} 40\"></svg>"
            ),
            width: W,
            height: 40.0,
        };
    };
    let y0 = dates().map(|p| p.1).min().unwrap_or(x0).min(x0);
    let y1 = dates().map(|p| p.1).max().unwrap_or(x1).max(x1);
    let span = |a: NaiveDate, b: NaiveDate| ((b - a).num_days() as f32).max(1.0);
    let px = |d: NaiveDate| LEFT + (d - x0).num_days() as f32 / span(x0, x1) * (W - LEFT - RIGHT);
    let py =
        |d: NaiveDate| H - BOTTOM - (d - y0).num_days() as f32 / span(y0, y1) * (H - TOP - BOTTOM);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"10\">\
<rect width=\"{W}\" height=\"{H}\" fill=\"{}\"/>",
        P.page
    );
    // Axes with their first and last dates.
    let _ = write!(
        svg,
        "<line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/><line x1=\"{LEFT}\" y1=\"{TOP}\" x2=\"{LEFT}\" y2=\"{}\" stroke=\"{}\"/>",
        H - BOTTOM,
        W - RIGHT,
        H - BOTTOM,
        P.rule,
        H - BOTTOM,
        P.rule
    );
    let mut xs: Vec<NaiveDate> = dates().map(|p| p.0).collect();
    xs.sort();
    xs.dedup();
    for d in &xs {
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            px(*d),
            H - BOTTOM + 14.0,
            P.text_faint,
            d.format("%m-%d")
        );
    }
    for d in [y0, y1] {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
            LEFT - 4.0,
            py(d) + 3.0,
            P.text_faint,
            d
        );
    }
    // The diagonal: where a forecast equals its report date.
    let (d0, d1) = (x0.max(y0), x1.min(y1));
    if d0 <= d1 {
        let _ = write!(
            svg,
            "<line x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>",
            px(d0),
            py(d0),
            px(d1),
            py(d1),
            P.grid
        );
    }
    for (i, s) in series.iter().enumerate() {
        let colour = LINES[i % LINES.len()];
        let points: Vec<String> = s
            .points
            .iter()
            .map(|(x, y)| format!("{:.1},{:.1}", px(*x), py(*y)))
            .collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.6\"/>",
            points.join(" ")
        );
        for (x, y) in &s.points {
            let _ = write!(
                svg,
                "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"2.5\" fill=\"{colour}\"/>",
                px(*x),
                py(*y)
            );
        }
        if let Some((x, y)) = s.points.last() {
            let name: String = s.name.chars().take(14).collect();
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{}</text>",
                px(*x) + 6.0,
                py(*y) + 3.0,
                esc(&name)
            );
        }
    }
    svg.push_str("</svg>");
    Chart {
        title: title.to_owned(),
        svg,
        width: W,
        height: H,
    }
}

/// The figures behind the chart: a row per milestone, a column per report date.
pub fn table(series: &[Series], name: &str, milestone_head: &str, empty: &str) -> Table {
    let mut dates: Vec<NaiveDate> = series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.0))
        .collect();
    dates.sort();
    dates.dedup();
    let mut columns = vec![milestone_head.to_owned()];
    columns.extend(dates.iter().map(|d| d.format("%m-%d").to_string()));
    Table {
        name: name.to_owned(),
        columns,
        rows: series
            .iter()
            .map(|s| {
                let mut row = vec![Cell::text(&s.name)];
                row.extend(
                    dates
                        .iter()
                        .map(|d| Cell::date(s.points.iter().find(|p| p.0 == *d).map(|p| p.1))),
                );
                row
            })
            .collect(),
        empty: empty.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap_or_default()
    }

    #[test]
    fn readings_make_one_line_per_milestone_in_date_order() {
        let s = series(vec![
            (
                d(11, 20),
                vec![(1, "提测".into(), d(12, 20)), (2, "发布".into(), d(12, 30))],
            ),
            (d(11, 13), vec![(1, "提测".into(), d(12, 15))]),
            (d(11, 27), vec![(1, "提测 v2".into(), d(12, 25))]),
        ]);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "提测 v2");
        assert_eq!(
            s[0].points,
            vec![
                (d(11, 13), d(12, 15)),
                (d(11, 20), d(12, 20)),
                (d(11, 27), d(12, 25))
            ]
        );
        let chart = chart(&s, "MTA");
        assert_eq!(chart.svg.matches("<polyline").count(), 2);
        assert!(chart.svg.contains("stroke-dasharray"), "the diagonal");
        let t = table(&s, "MTA", "里程碑", "无");
        assert_eq!(t.columns, vec!["里程碑", "11-13", "11-20", "11-27"]);
        assert_eq!(t.rows[1][1], Cell::Empty);
    }

    #[test]
    fn names_are_escaped_in_the_chart() {
        let s = series(vec![(d(11, 20), vec![(1, "<a&b>".into(), d(12, 20))])]);
        assert!(chart(&s, "t").svg.contains("&lt;a&amp;b&gt;"));
    }
}
