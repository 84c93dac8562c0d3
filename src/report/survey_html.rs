//! The survey dashboard as one self-contained HTML file: the same cards as the window,
//! charts as inline SVG, no scripts, no outside files, every answer text escaped.

use std::fmt::Write;

use crate::report::chart_palette::{LIGHT, Rgb};

// The dashboard's colours: the chart palette's light set (the same as exported charts).
const TEXT: Rgb = LIGHT.text;
const TEXT_SECONDARY: Rgb = LIGHT.text_secondary;
const TEXT_FAINT: Rgb = LIGHT.text_faint;
const GRID: Rgb = LIGHT.grid;
const SERIES: Rgb = LIGHT.series;
const TINT: Rgb = LIGHT.tint;
const WARNING: Rgb = LIGHT.warning;
const PROMOTER: Rgb = LIGHT.promoter;
const PASSIVE: Rgb = LIGHT.passive;
const DETRACTOR: Rgb = LIGHT.detractor;

// Text sizes of the charts.
const TEXT_LABEL: f32 = crate::tokens::size::TEXT_M;
const TEXT_VALUE: f32 = crate::tokens::size::TEXT;
const TEXT_AXIS: f32 = crate::tokens::size::TEXT_XS;
const TEXT_TICK: f32 = crate::tokens::size::TEXT_TINY;

use crate::i18n::{Language, tr, tr_with};
use crate::model::survey::QuestionKind;
use crate::report::survey_view::{Card, FEW_ANSWERS, SurveyView};

/// Escapes text for HTML element content and attributes (and SVG): as for XML, so
/// characters XML does not allow are dropped — a control character in a survey answer
/// used to fail the PNG chart.
pub fn escape(text: &str) -> String {
    crate::io::mspdi::write::xml_escape(text)
}

const WIDTH: f64 = 640.0;

/// The root of a chart: fonts from the page (HTML) or the bundled CJK font (PNG).
fn svg_root(height: f64) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" role="img">"#
    )
}

/// A label cut to fit beside its bar.
fn short(label: &str) -> String {
    const MOST: usize = 15;
    if label.chars().count() <= MOST {
        label.to_owned()
    } else {
        let mut s: String = label.chars().take(MOST - 1).collect();
        s.push('…');
        s
    }
}

/// The chart of a card (bars, NPS split or histogram), if it has one.
pub fn chart_svg(card: &Card) -> Option<String> {
    if !card.has_chart() {
        return None;
    }
    Some(if let Some(n) = card.nps {
        nps_svg(n.promoters, n.passives, n.detractors)
    } else if card.kind == QuestionKind::Numeric {
        histogram_svg(card)
    } else {
        bars_svg(card)
    })
}

/// Horizontal bars with their counts and shares, as SVG.
fn bars_svg(card: &Card) -> String {
    let mut options: Vec<&(String, usize)> = card.options.iter().collect();
    if matches!(card.kind, QuestionKind::Single | QuestionKind::Multi) {
        options.sort_by_key(|o| std::cmp::Reverse(o.1));
    }
    options.truncate(20);
    let max = options.first().map_or(1, |o| o.1).max(1) as f64;
    let row = 22.0;
    let mut svg = svg_root(options.len() as f64 * row + 4.0);
    for (i, (label, count)) in options.iter().enumerate() {
        let y = i as f64 * row;
        let w = 300.0 * *count as f64 / max;
        let _ = write!(
            svg,
            r##"<text x="0" y="{}" font-size="{TEXT_LABEL}"><title>{}</title>{}</text><rect x="210" y="{}" width="{w:.1}" height="14" rx="2" fill="{SERIES}"/><text x="{:.1}" y="{}" font-size="{TEXT_VALUE}" fill="{TEXT_FAINT}">{count} ({:.1}%)</text>"##,
            y + 15.0,
            escape(label),
            escape(&short(label)),
            y + 4.0,
            215.0 + w,
            y + 15.0,
            card.percent(*count),
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Promoters, passives and detractors as one stacked bar.
fn nps_svg(promoters: usize, passives: usize, detractors: usize) -> String {
    let total = (promoters + passives + detractors).max(1) as f64;
    let mut x = 0.0;
    let mut svg = svg_root(18.0);
    for (n, color) in [
        (detractors, DETRACTOR),
        (passives, PASSIVE),
        (promoters, PROMOTER),
    ] {
        let w = WIDTH * n as f64 / total;
        let _ = write!(
            svg,
            r#"<rect x="{x:.1}" y="0" width="{w:.1}" height="18" fill="{color}"/>"#
        );
        x += w;
    }
    svg.push_str("</svg>");
    svg
}

/// A histogram of numbers.
fn histogram_svg(card: &Card) -> String {
    let max = card.histogram.iter().map(|b| b.2).max().unwrap_or(1).max(1) as f64;
    let n = card.histogram.len().max(1) as f64;
    let w = WIDTH / n;
    let mut svg = svg_root(140.0);
    for (i, (from, to, count)) in card.histogram.iter().enumerate() {
        let h = 110.0 * *count as f64 / max;
        let _ = write!(
            svg,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" fill="{SERIES}"><title>{from:.1}–{to:.1}: {count}</title></rect><text x="{:.1}" y="135" font-size="{TEXT_AXIS}" fill="{TEXT_FAINT}">{from:.0}</text>"##,
            i as f64 * w,
            115.0 - h,
            w * 0.9,
            i as f64 * w,
        );
    }
    svg.push_str("</svg>");
    svg
}

fn card_html(out: &mut String, lang: Language, view: &SurveyView, card: &Card) {
    let _ = write!(
        out,
        "<section><h2><span class=\"key\">{}</span> {}</h2><p class=\"meta\">{}</p>",
        escape(&card.key),
        escape(&card.title),
        escape(&tr_with(
            lang,
            "research.answered",
            &[
                (
                    "kind",
                    &tr(lang, &format!("research.kind.{}", card.kind.code()))
                ),
                ("answered", &card.answered.to_string()),
                ("responses", &view.responses.to_string()),
            ],
        )),
    );
    if let Some(n) = card.nps {
        let _ = write!(
            out,
            "<p class=\"big\">NPS {:+.1} <small>± {:.1}</small></p><p>{}</p>",
            n.score,
            n.moe95,
            escape(&tr_with(
                lang,
                "research.nps_parts",
                &[
                    ("promoters", &n.promoters.to_string()),
                    ("passives", &n.passives.to_string()),
                    ("detractors", &n.detractors.to_string()),
                ],
            ))
        );
    }
    if let Some(r) = card.rating {
        let _ = write!(
            out,
            "<p class=\"big\">{}</p>",
            escape(&tr_with(
                lang,
                "research.rating",
                &[
                    ("mean", &format!("{:.2}", r.mean)),
                    ("max", &format!("{}", r.max)),
                    ("top2", &format!("{:.1}", r.top2_pct)),
                ],
            ))
        );
    }
    if (card.nps.is_some() || card.rating.is_some()) && card.answered < FEW_ANSWERS {
        let _ = write!(
            out,
            "<p class=\"warn\">{}</p>",
            escape(&tr(lang, "research.few_answers"))
        );
    }
    if let Some(svg) = chart_svg(card) {
        out.push_str(&svg);
    }
    cross_html(out, card);
    if !card.keywords.is_empty() {
        let _ = write!(
            out,
            "<p class=\"meta\">{}</p><ul class=\"words\">",
            escape(&tr(lang, "research.keywords"))
        );
        for (word, count, examples) in &card.keywords {
            let _ = write!(
                out,
                "<li title=\"{}\">{} · {count}</li>",
                escape(&examples.join(" / ")),
                escape(word)
            );
        }
        out.push_str("</ul>");
    }
    for (_, s) in &card.samples {
        let _ = write!(out, "<blockquote>{}</blockquote>", escape(s));
    }
    out.push_str("</section>");
}

/// The card's figures per group of the cross-tab question, as a table.
fn cross_html(out: &mut String, card: &Card) {
    if card.cross.is_empty() {
        return;
    }
    out.push_str("<table>");
    for (group, stats) in &card.cross {
        let figure = if let Some(n) = stats.nps {
            format!("NPS {:+.1} (n={})", n.score, stats.answered)
        } else if let Some(r) = stats.rating {
            format!(
                "{:.2} · top-2 {:.1}% (n={})",
                r.mean, r.top2_pct, stats.answered
            )
        } else {
            let answered = stats.answered.max(1) as f64;
            let mut parts: Vec<String> = stats
                .options
                .iter()
                .filter(|o| o.1 > 0)
                .map(|(label, count)| {
                    format!("{} {:.1}%", short(label), *count as f64 * 100.0 / answered)
                })
                .collect();
            parts.truncate(6);
            format!("{} (n={})", parts.join(" · "), stats.answered)
        };
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            escape(group),
            escape(&figure)
        );
    }
    out.push_str("</table>");
}

/// The NPS per week as a line (`None` without answer dates).
pub fn trend_svg(view: &SurveyView) -> Option<String> {
    if view.trend_weekly.is_empty() {
        return None;
    }
    let n = view.trend_weekly.len();
    let x = |i: usize| 40.0 + (WIDTH - 60.0) * i as f64 / (n.max(2) - 1) as f64;
    let y = |score: f64| 10.0 + (100.0 - score) * 0.6;
    let mut svg = svg_root(150.0);
    let _ = write!(
        svg,
        r##"<line x1="40" y1="{0}" x2="{1}" y2="{0}" stroke="{GRID}"/><text x="0" y="{2}" font-size="{TEXT_AXIS}" fill="{TEXT_FAINT}">+100</text><text x="0" y="{0}" font-size="{TEXT_AXIS}" fill="{TEXT_FAINT}">0</text><text x="0" y="{3}" font-size="{TEXT_AXIS}" fill="{TEXT_FAINT}">-100</text>"##,
        y(0.0),
        WIDTH - 20.0,
        y(100.0) + 4.0,
        y(-100.0),
    );
    let points: Vec<String> = view
        .trend_weekly
        .iter()
        .enumerate()
        .map(|(i, (_, s))| format!("{:.1},{:.1}", x(i), y(s.score)))
        .collect();
    let _ = write!(
        svg,
        r##"<polyline points="{}" fill="none" stroke="{SERIES}" stroke-width="2"/>"##,
        points.join(" ")
    );
    for (i, (period, s)) in view.trend_weekly.iter().enumerate() {
        let _ = write!(
            svg,
            r##"<circle cx="{:.1}" cy="{:.1}" r="3" fill="{SERIES}"><title>{}: {:+.1}</title></circle><text x="{:.1}" y="146" font-size="{TEXT_TICK}" fill="{TEXT_FAINT}" text-anchor="middle">{}</text>"##,
            x(i),
            y(s.score),
            escape(period),
            s.score,
            x(i),
            escape(period.split('-').next_back().unwrap_or(period)),
        );
    }
    svg.push_str("</svg>");
    Some(svg)
}

/// The NPS per week as a line, with its figures per month below.
fn trend_html(out: &mut String, lang: Language, view: &SurveyView) {
    let Some(svg) = trend_svg(view) else {
        return;
    };
    let _ = write!(
        out,
        "<section><h2>{}</h2>{svg}<table>",
        escape(&tr(lang, "research.trend"))
    );
    for (period, s) in &view.trend_monthly {
        let _ = write!(
            out,
            "<tr><th>{}</th><td>NPS {:+.1} ± {:.1} (n={})</td></tr>",
            escape(period),
            s.score,
            s.moe95,
            s.promoters + s.passives + s.detractors
        );
    }
    out.push_str("</table></section>");
}

/// The shared questions of the compared survey, side by side.
fn comparison_html(out: &mut String, lang: Language, view: &SurveyView) {
    let Some(c) = &view.comparison else {
        return;
    };
    let _ = write!(
        out,
        "<section><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        escape(&tr_with(
            lang,
            "research.compare_title",
            &[
                ("this", &view.name),
                ("other", &c.other_name),
                ("n", &c.other_responses.to_string()),
            ],
        )),
        escape(&tr(lang, "research.compare_question")),
        escape(&view.name),
        escape(&c.other_name),
    );
    for row in &c.rows {
        let (a, b) = match (
            row.this.nps,
            row.other.nps,
            row.this.rating,
            row.other.rating,
        ) {
            (Some(a), Some(b), _, _) => (
                format!("NPS {:+.1}", a.score),
                format!("NPS {:+.1}", b.score),
            ),
            (_, _, Some(a), Some(b)) => (
                format!("top-2 {:.1}%", a.top2_pct),
                format!("top-2 {:.1}%", b.top2_pct),
            ),
            _ => continue,
        };
        let _ = write!(
            out,
            "<tr><td>{} {}</td><td>{a}</td><td>{b}</td></tr>",
            escape(&row.key),
            escape(&row.title)
        );
    }
    out.push_str("</table></section>");
}

/// The Kano features: the evaluation table's counts, category, Better and Worse.
fn kano_html(out: &mut String, lang: Language, view: &SurveyView) {
    if view.kano.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>A</th><th>O</th><th>M</th><th>I</th><th>R</th><th>Q</th><th>{}</th><th>Better</th><th>Worse</th></tr>",
        escape(&tr(lang, "kano.title")),
        escape(&tr(lang, "kano.feature")),
        escape(&tr(lang, "kano.answered")),
        escape(&tr(lang, "kano.category")),
    );
    for f in &view.kano {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td>",
            escape(crate::model::kano::feature_name(&f.title)),
            f.answered()
        );
        for n in f.counts {
            let _ = write!(out, "<td>{n}</td>");
        }
        let _ = write!(
            out,
            "<td><b>{}</b></td><td>{:.2}</td><td>{:.2}</td></tr>",
            escape(&f.category.map_or_else(
                || "—".to_owned(),
                |k| tr(lang, &format!("req.kano.{}", k.code()))
            )),
            f.better,
            f.worse
        );
    }
    let _ = write!(
        out,
        "</table><p class=\"meta\">{}</p></section>",
        escape(&tr(lang, "kano.help"))
    );
}

/// The whole dashboard.
pub fn html(view: &SurveyView, lang: Language) -> String {
    let mut out = String::with_capacity(8192 + view.cards.len() * 4096);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         body{{font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:760px;margin:2em auto;color:{TEXT}}}\
         section{{border:1px solid {GRID};border-radius:6px;padding:12px 16px;margin:14px 0}}\
         h2{{font-size:16px;margin:0 0 4px}}.key{{color:{TEXT_FAINT};font-weight:normal}}.meta{{color:{TEXT_FAINT};font-size:12px}}\
         .big{{font-size:20px;font-weight:600;margin:6px 0}}blockquote{{font-style:italic;color:{TEXT_SECONDARY};margin:4px 0 4px 8px}}\
         ul.words{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:6px}}ul.words li{{background:{TINT};padding:2px 8px;border-radius:4px}}.warn{{color:{WARNING};font-size:12px}}\
         table{{border-collapse:collapse;font-size:13px;margin-top:6px}}th,td{{text-align:left;padding:2px 10px 2px 0}}th{{font-weight:600}}\
         </style></head><body><h1>{}</h1><p class=\"meta\">{}</p>",
        lang.code(),
        escape(&view.name),
        escape(&view.name),
        escape(&tr_with(
            lang,
            "research.summary",
            &[
                ("tool", &tr(lang, &format!("research.tool.{}", view.source))),
                ("responses", &view.responses.to_string()),
                ("questions", &view.cards.len().to_string()),
            ],
        )),
    );
    if view.kept != view.responses {
        let _ = write!(
            out,
            "<p class=\"meta\">{}</p>",
            escape(&tr_with(
                lang,
                "research.kept",
                &[
                    ("kept", &view.kept.to_string()),
                    ("responses", &view.responses.to_string()),
                ],
            ))
        );
    }
    trend_html(&mut out, lang, view);
    comparison_html(&mut out, lang, view);
    kano_html(&mut out, lang, view);
    for card in &view.cards {
        card_html(&mut out, lang, view, card);
    }
    out.push_str("</body></html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::survey::{Answers, Question, Survey, SurveyFilter, SurveyId};

    #[test]
    fn the_dashboard_is_one_file_with_its_text_escaped() {
        let survey = Survey {
            name: "<script>alert(1)</script>调研".into(),
            source: "wjx".into(),
            responses: 3,
            questions: vec![
                Question {
                    key: "Q1".into(),
                    title: "推荐意愿".into(),
                    kind: QuestionKind::Nps,
                    options: Vec::new(),
                    scale: Some((0.0, 10.0)),
                    kind_set_by_user: false,
                },
                Question {
                    key: "Q2".into(),
                    title: "建议".into(),
                    kind: QuestionKind::Text,
                    options: Vec::new(),
                    scale: None,
                    kind_set_by_user: false,
                },
            ],
            answers: vec![
                Answers::numbers(vec![Some(10.0), Some(9.0), Some(2.0)]),
                Answers::text(vec![Some("<b>回复</b>太慢"), None, Some("回复很快")]),
            ],
            other_text: Vec::new(),
        };
        let view = SurveyView::of(SurveyId(1), 1, &survey, &SurveyFilter::default(), None);
        let html = html(&view, Language::ZhCn);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(!html.contains("<script>") && html.contains("&lt;script&gt;"));
        assert!(!html.contains("<b>") && html.contains("&lt;b&gt;回复&lt;/b&gt;太慢"));
        assert!(html.contains("NPS +33.3"));
        assert!(html.contains("<svg"), "charts inline");
        assert!(
            !html.contains("src=") && !html.contains("href="),
            "nothing outside the file"
        );
    }
}
