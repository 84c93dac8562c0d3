//! Burn-up of a release's requirements, by count and by effort (person-months from the
//! scores), week by week: the scope (requirements in the release) and what is done
//! (in a closed status other than rejected). The history is read from the edit log
//! backwards from today's state, so it needs no extra entry.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};

use crate::i18n::{Language, tr, tr_with};
use crate::model::edit::Edit;
use crate::model::requirement::{Release, Requirement, RequirementId};
use crate::report::chart_palette::{LIGHT as P, LINES};
use crate::report::document::{Block, Cell, Chart, Document, Table};
use crate::store::{StoreResult, Workspace};

/// The release's state at the end of one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub day: NaiveDate,
    pub scope: usize,
    pub done: usize,
    pub scope_effort: f64,
    pub done_effort: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Burnup {
    pub release: Release,
    pub points: Vec<Point>,
}

fn effort(r: &Requirement) -> f64 {
    r.fields
        .scores
        .effort
        .or(r.fields.scores.job_size)
        .unwrap_or(0.0)
}

/// Weekly points (each week's last day) over `weeks` weeks ending on `end`.
pub fn build(ws: &Workspace, release: &Release, end: NaiveDate, weeks: i64) -> StoreResult<Burnup> {
    let settings = ws.pool_settings()?;
    let done =
        |r: &Requirement| settings.is_closed(&r.fields.status) && r.fields.status != "rejected";
    // Today's state, then walked back edit by edit.
    let mut state: HashMap<RequirementId, Requirement> =
        ws.requirements()?.into_iter().map(|r| (r.id, r)).collect();
    // The whole log (dates are compared as text: keep both ends four-digit years).
    let ever = |y: i32, m: u32, d: u32| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default()
    };
    let mut edits = ws.edits_between(ever(1, 1, 1), ever(9999, 12, 31))?;
    edits.retain(|e| !e.undone);
    edits.sort_by_key(|e| std::cmp::Reverse(e.seq));
    let days: Vec<NaiveDate> = (0..weeks.max(1))
        .rev()
        .map(|w| end - Duration::days(7 * w))
        .collect();
    let measure = |state: &HashMap<RequirementId, Requirement>, day: NaiveDate| {
        let mine: Vec<&Requirement> = state
            .values()
            .filter(|r| r.fields.release == Some(release.id) && r.fields.status != "rejected")
            .collect();
        Point {
            day,
            scope: mine.len(),
            done: mine.iter().filter(|r| done(r)).count(),
            scope_effort: mine.iter().map(|r| effort(r)).sum(),
            done_effort: mine.iter().filter(|r| done(r)).map(|r| effort(r)).sum(),
        }
    };
    fn undo(edit: &Edit, state: &mut HashMap<RequirementId, Requirement>) {
        match edit {
            Edit::Batch { edits } => {
                for e in edits.iter().rev() {
                    undo(e, state);
                }
            }
            Edit::PutRequirement { before, after } => {
                if let Some(a) = after {
                    state.remove(&a.id);
                }
                if let Some(b) = before {
                    state.insert(b.id, b.clone());
                }
            }
            _ => {}
        }
    }
    let mut points = Vec::new();
    let mut next = edits.iter().peekable();
    for day in days.iter().rev() {
        // Undo every edit made after this day's end.
        let cutoff = (*day + Duration::days(1))
            .format("%Y-%m-%dT00:00:00")
            .to_string();
        while let Some(e) = next.peek() {
            if e.applied_at.as_str() < cutoff.as_str() {
                break;
            }
            undo(&e.edit, &mut state);
            next.next();
        }
        points.push(measure(&state, *day));
    }
    points.reverse();
    Ok(Burnup {
        release: release.clone(),
        points,
    })
}

pub fn to_json(b: &Burnup) -> serde_json::Value {
    serde_json::json!({
        "kind": "burnup",
        "release": b.release.fields.name,
        "points": b.points.iter().map(|p| serde_json::json!({
            "day": p.day.to_string(), "scope": p.scope, "done": p.done,
            "scope_effort": p.scope_effort, "done_effort": p.done_effort,
            "remaining": p.scope - p.done.min(p.scope),
        })).collect::<Vec<_>>(),
    })
}

/// The burn-up chart: scope and done by count, with the remaining (burn-down) dashed.
pub fn chart(b: &Burnup, title: &str, labels: [&str; 3]) -> Chart {
    use std::fmt::Write;
    const W: f32 = 520.0;
    const H: f32 = 260.0;
    const L: f32 = 40.0;
    const R: f32 = 110.0;
    const T: f32 = 12.0;
    const B: f32 = 30.0;
    let max = b.points.iter().map(|p| p.scope).max().unwrap_or(0).max(1) as f32;
    let n = b.points.len().max(2) as f32 - 1.0;
    let x = |i: usize| L + i as f32 / n * (W - L - R);
    let y = |v: usize| H - B - v as f32 / max * (H - T - B);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"10\"><rect width=\"{W}\" height=\"{H}\" fill=\"{}\"/>\
<line x1=\"{L}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">{}</text><text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\">0</text>",
        P.page,
        H - B,
        W - R,
        H - B,
        P.rule,
        L - 4.0,
        T + 4.0,
        P.text_faint,
        max as usize,
        L - 4.0,
        H - B,
        P.text_faint
    );
    type Value = fn(&Point) -> usize;
    let series: [(Value, crate::report::chart_palette::Rgb, &str); 3] = [
        (|p| p.scope, LINES[0], ""),
        (|p| p.done, LINES[2], ""),
        (
            |p| p.scope - p.done.min(p.scope),
            LINES[1],
            " stroke-dasharray=\"4 3\"",
        ),
    ];
    for (k, (value, colour, dash)) in series.iter().enumerate() {
        let pts: Vec<String> = b
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| format!("{:.1},{:.1}", x(i), y(value(p))))
            .collect();
        let _ = write!(
            svg,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.8\"{dash}/>",
            pts.join(" ")
        );
        if let Some(last) = b.points.last() {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{colour}\">{} {}</text>",
                x(b.points.len() - 1) + 6.0,
                y(value(last)) + 3.0 + k as f32 * 2.0,
                crate::report::survey_html::escape(labels[k]),
                value(last)
            );
        }
    }
    for (i, p) in b.points.iter().enumerate() {
        if i % 2 == 0 || i + 1 == b.points.len() {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                x(i),
                H - B + 14.0,
                P.text_faint,
                p.day.format("%m-%d")
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

pub fn document(b: &Burnup, lang: Language, organisation: Option<String>) -> Document {
    let f = &b.release.fields;
    let title = tr_with(lang, "burnup.title", &[("release", &f.name)]);
    let labels = [
        tr(lang, "burnup.scope"),
        tr(lang, "burnup.done"),
        tr(lang, "burnup.remaining"),
    ];
    let heads = |keys: &[&str]| keys.iter().map(|k| tr(lang, k)).collect::<Vec<_>>();
    let blocks = vec![
        Block::Chart(chart(
            b,
            &tr(lang, "burnup.chart"),
            [&labels[0], &labels[1], &labels[2]],
        )),
        Block::Table(Table {
            name: tr(lang, "burnup.table"),
            columns: heads(&[
                "burnup.col.week",
                "burnup.scope",
                "burnup.done",
                "burnup.remaining",
                "burnup.col.scope_effort",
                "burnup.col.done_effort",
            ]),
            rows: b
                .points
                .iter()
                .map(|p| {
                    vec![
                        Cell::Date(p.day),
                        Cell::Number(p.scope as f64),
                        Cell::Number(p.done as f64),
                        Cell::Number((p.scope - p.done.min(p.scope)) as f64),
                        Cell::Number((p.scope_effort * 10.0).round() / 10.0),
                        Cell::Number((p.done_effort * 10.0).round() / 10.0),
                    ]
                })
                .collect(),
            empty: tr(lang, "weekly.none"),
        }),
    ];
    let subtitle = match f.target {
        Some(d) => tr_with(lang, "release_notes.target", &[("date", &d.to_string())]),
        None => String::new(),
    };
    Document {
        lang,
        title: title.clone(),
        subtitle: subtitle.clone(),
        organisation,
        running_header: format!("{title} · {subtitle}"),
        blocks,
        logo: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;

    #[test]
    fn closing_a_requirement_today_shows_as_done_this_week_and_not_before() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let release = ws.releases().unwrap_or_default().remove(0);
        let r = ws
            .requirements()
            .unwrap_or_default()
            .into_iter()
            .find(|r| r.fields.release == Some(release.id) && r.fields.status == "testing")
            .unwrap_or_else(|| panic!("one in testing"));
        let today = chrono::Local::now().date_naive();
        let before = build(&ws, &release, today, 3).unwrap_or_else(|e| panic!("{e}"));
        let mut fields = r.fields.clone();
        fields.status = "released".into();
        ws.apply(Change::UpdateRequirement { id: r.id, fields })
            .unwrap_or_else(|e| panic!("{e}"));
        let after = build(&ws, &release, today, 3).unwrap_or_else(|e| panic!("{e}"));
        let last = after.points.len() - 1;
        assert_eq!(after.points[last].done, before.points[last].done + 1);
        // A week ago the edit had not happened.
        assert_eq!(after.points[last - 1].done, before.points[last - 1].done);
        assert_eq!(after.points[last].scope, before.points[last].scope);
        let json = to_json(&after);
        assert_eq!(json["points"].as_array().map(Vec::len), Some(3));
    }
}
