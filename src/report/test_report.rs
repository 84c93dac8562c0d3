//! The test report (测试报告) of a release or a run, as a report-engine `Document`
//! (so it comes out as HTML, Markdown, PDF or DOCX like every report): the verdict and
//! summary, the readiness gate rule by rule, coverage per requirement, the results of
//! each run, the defects (open by severity and age, the open ones listed) and ZenTao's
//! measures (valid-defect rate, found by cases, reopen rate, density).

use std::collections::HashMap;
use std::fmt::Write;

use chrono::NaiveDate;

use crate::i18n::{Language, tr, tr_with};
use crate::model::quality::{Coverage, ReadinessRule, ResultStatus, RunId};
use crate::model::requirement::Release;
use crate::report::chart_palette::LIGHT as P;
use crate::report::document::{Block, Cell, Chart, Document, Rag, StatusMark, Table};
use crate::report::quality::QualityReport;
use crate::report::quality_metrics::{AGE_BUCKETS, QualityMetrics, RunFigure};
use crate::store::{StoreResult, Workspace};

/// What a test report covers.
#[derive(Clone, Debug, PartialEq)]
pub enum TestScope {
    /// A release (`None`: everything in the workspace).
    Release(Option<Release>),
    Run(RunId),
}

/// Everything a test report shows, read once (so it can render on another thread and
/// in either language).
#[derive(Clone, Debug, PartialEq)]
pub struct TestReport {
    /// The release's or run's name (`None`: the whole workspace).
    pub scope: Option<String>,
    pub quality: QualityReport,
    pub metrics: QualityMetrics,
    /// Requirement key → title.
    pub titles: HashMap<String, String>,
    /// The open defects in scope: key, title, severity, status, owner, found.
    pub open_defects: Vec<(String, String, String, String, String, Option<NaiveDate>)>,
    pub today: NaiveDate,
}

impl TestReport {
    pub fn build(ws: &Workspace, scope: &TestScope, today: NaiveDate) -> StoreResult<TestReport> {
        let data = ws.quality()?;
        let requirements = ws.requirements()?;
        let rules = ws.gate_rules()?;
        let (name, quality, release, run) = match scope {
            TestScope::Release(r) => (
                r.as_ref().map(|r| r.fields.name.clone()),
                QualityReport::compute(&data, &requirements, r.as_ref(), None, &rules),
                r.as_ref().map(|r| r.id),
                None,
            ),
            TestScope::Run(id) => {
                let run = data.runs.iter().find(|r| r.id == *id);
                let release_id = run.and_then(|r| r.fields.release);
                let release = match release_id {
                    Some(rel) => ws.releases()?.into_iter().find(|r| r.id == rel),
                    None => None,
                };
                (
                    run.map(|r| format!("{} {}", r.id.key(), r.fields.name)),
                    QualityReport::compute(
                        &data,
                        &requirements,
                        release.as_ref(),
                        Some(*id),
                        &rules,
                    ),
                    release_id,
                    Some(*id),
                )
            }
        };
        let mut metrics = QualityMetrics::build(&data, &requirements, release, today);
        if let Some(id) = run {
            metrics.runs.retain(|r| r.id == id);
        }
        let open_defects = data
            .defects
            .iter()
            .filter(|d| d.fields.is_open())
            .filter(|d| match run {
                Some(id) => d.fields.run == Some(id),
                None => release.is_none() || d.fields.release == release,
            })
            .map(|d| {
                let f = &d.fields;
                (
                    d.id.key(),
                    f.title.clone(),
                    f.severity.clone(),
                    f.status.clone(),
                    f.owner.clone(),
                    f.found,
                )
            })
            .collect();
        Ok(TestReport {
            scope: name,
            quality,
            metrics,
            titles: requirements
                .iter()
                .map(|r| (r.id.key(), r.fields.title.clone()))
                .collect(),
            open_defects,
            today,
        })
    }

    /// The report as a document in `lang`.
    pub fn document(&self, lang: Language) -> Document {
        let t = |k: &str| tr(lang, k);
        let sep = crate::i18n::colon(lang);
        let scope = self.scope.clone().unwrap_or_else(|| t("quality.scope_all"));
        let q = &self.quality;
        let mut blocks = Vec::new();
        // The verdict first, then the figures behind it.
        let ready = q.ready();
        blocks.push(Block::Statuses(vec![StatusMark {
            label: t("quality.verdict"),
            rag: Some(if ready { Rag::Green } else { Rag::Red }),
            mark: t(if ready {
                "quality.ready"
            } else {
                "quality.not_ready"
            }),
        }]));
        let percent =
            |x: Option<f64>| x.map_or_else(|| "—".to_owned(), |x| format!("{:.1} %", x * 100.0));
        let open: usize = q.open_defects.iter().map(|(_, n)| n).sum();
        blocks.push(Block::Bullets(vec![
            tr_with(
                lang,
                "quality.summary_cases",
                &[("n", &q.cases.to_string())],
            ),
            tr_with(lang, "quality.summary_runs", &[("n", &q.runs.to_string())]),
            format!("{}{sep}{}", t("quality.pass_rate"), percent(q.pass_rate)),
            tr_with(
                lang,
                "quality.summary_defects",
                &[
                    ("open", &open.to_string()),
                    ("total", &q.total_defects.to_string()),
                ],
            ),
        ]));
        blocks.push(Block::Heading(t("quality.gate")));
        blocks.push(Block::Table(Table {
            name: t("quality.gate"),
            columns: vec![t("quality.rule"), t("quality.met"), t("quality.failing")],
            rows: q
                .rules
                .iter()
                .map(|r| {
                    vec![
                        Cell::text(rule_text(&r.rule, lang)),
                        Cell::text(t(if r.met {
                            "quality.met_yes"
                        } else {
                            "quality.met_no"
                        })),
                        Cell::text(r.failing.join(", ")),
                    ]
                })
                .collect(),
            empty: t("quality.none"),
        }));
        blocks.push(Block::Heading(t("quality.coverage")));
        let counts: Vec<(Coverage, usize)> = COVERAGES
            .iter()
            .map(|c| (*c, q.coverage.iter().filter(|(_, x)| x == c).count()))
            .collect();
        blocks.push(Block::Paragraph(
            counts
                .iter()
                .map(|(c, n)| format!("{} {n}", t(&format!("quality.coverage.{}", c.code()))))
                .collect::<Vec<_>>()
                .join(" · "),
        ));
        blocks.push(Block::Table(Table {
            name: t("quality.coverage"),
            columns: vec![
                t("quality.column.key"),
                t("quality.column.title"),
                t("quality.coverage"),
            ],
            rows: q
                .coverage
                .iter()
                .map(|(k, c)| {
                    vec![
                        Cell::text(k),
                        Cell::text(self.titles.get(k).cloned().unwrap_or_default()),
                        Cell::text(t(&format!("quality.coverage.{}", c.code()))),
                    ]
                })
                .collect(),
            empty: t("quality.none"),
        }));
        blocks.push(Block::Heading(t("quality.runs")));
        if self.metrics.runs.len() > 1 {
            blocks.push(Block::Chart(pass_rate_chart(
                &self.metrics.runs,
                &t("quality.pass_rate_trend"),
            )));
        }
        let mut columns = vec![
            t("quality.column.run"),
            t("quality.run_day"),
            t("quality.run_cases"),
        ];
        columns.extend(
            ResultStatus::ALL
                .iter()
                .map(|s| t(&format!("quality.result.{}", s.code()))),
        );
        columns.push(t("quality.pass_rate"));
        blocks.push(Block::Table(Table {
            name: t("quality.runs"),
            columns,
            rows: self
                .metrics
                .runs
                .iter()
                .map(|r| {
                    let mut row = vec![
                        Cell::text(format!("{} {}", r.id.key(), r.name)),
                        Cell::date(r.day),
                        Cell::Number(r.cases as f64),
                    ];
                    row.extend(r.counts.iter().map(|n| Cell::Number(*n as f64)));
                    row.push(Cell::text(percent(r.pass_rate)));
                    row
                })
                .collect(),
            empty: t("quality.none"),
        }));
        blocks.push(Block::Heading(t("quality.defects")));
        let m = &self.metrics;
        if m.weeks.len() > 1 {
            blocks.push(Block::Chart(found_fixed_chart(m, lang)));
        }
        blocks.push(Block::Bullets(vec![
            format!("{}{sep}{}", t("quality.valid_rate"), percent(m.valid_rate)),
            format!(
                "{}{sep}{}",
                t("quality.found_by_cases"),
                percent(m.found_by_cases)
            ),
            format!(
                "{}{sep}{}",
                t("quality.reopen_rate"),
                percent(m.reopen_rate)
            ),
        ]));
        let mut columns = vec![t("quality.column.severity")];
        columns.extend(
            AGE_BUCKETS
                .iter()
                .map(|(_, k)| t(&format!("quality.age.{k}"))),
        );
        blocks.push(Block::Table(Table {
            name: t("quality.open_by_age"),
            columns,
            rows: m
                .open_by_age
                .iter()
                .map(|(s, row)| {
                    let mut cells = vec![Cell::text(*s)];
                    cells.extend(row.iter().map(|n| Cell::Number(*n as f64)));
                    cells
                })
                .collect(),
            empty: t("quality.none"),
        }));
        blocks.push(Block::Table(Table {
            name: t("quality.open_defects"),
            columns: vec![
                t("quality.column.key"),
                t("quality.column.title"),
                t("quality.column.severity"),
                t("quality.column.defect_status"),
                t("quality.column.owner"),
                t("quality.column.found"),
            ],
            rows: self
                .open_defects
                .iter()
                .map(|(k, title, sev, status, owner, found)| {
                    vec![
                        Cell::text(k),
                        Cell::text(title),
                        Cell::text(sev),
                        Cell::text(t(&format!("quality.status.{status}"))),
                        Cell::text(owner),
                        Cell::date(*found),
                    ]
                })
                .collect(),
            empty: t("quality.none"),
        }));
        for (key, list) in [
            ("quality.density", &m.modules),
            ("quality.density_requirements", &m.density),
        ] {
            blocks.push(Block::Heading(t(key)));
            blocks.push(Block::Table(Table {
                name: t(key),
                columns: vec![
                    t("quality.column.key"),
                    t("quality.column.title"),
                    t("quality.defects"),
                    t("quality.run_cases"),
                ],
                rows: list
                    .iter()
                    .take(20)
                    .map(|d| {
                        vec![
                            Cell::text(&d.key),
                            Cell::text(&d.title),
                            Cell::Number(d.defects as f64),
                            Cell::Number(d.cases as f64),
                        ]
                    })
                    .collect(),
                empty: t("quality.none"),
            }));
        }
        Document {
            lang,
            title: t("quality.test_report"),
            subtitle: format!("{scope} · {}", self.today),
            organisation: None,
            running_header: format!("{} · {scope}", t("quality.test_report")),
            blocks,
            logo: None,
        }
    }
}

/// Coverage statuses in the order reports list them.
pub const COVERAGES: [Coverage; 5] = [
    Coverage::Ok,
    Coverage::Nok,
    Coverage::NotRun,
    Coverage::Unknown,
    Coverage::Uncovered,
];

/// A gate rule as a sentence: 覆盖率 ≥ 95 %（P0, P1）…
pub fn rule_text(rule: &ReadinessRule, lang: Language) -> String {
    let ps = |ps: &[u8]| {
        ps.iter()
            .map(|p| format!("P{p}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rule {
        ReadinessRule::CoverageAtLeast {
            percent,
            priorities,
        } => tr_with(
            lang,
            "quality.rule.coverage",
            &[
                ("percent", &format!("{percent}")),
                ("priorities", &ps(priorities)),
            ],
        ),
        ReadinessRule::NoNok { priorities } => tr_with(
            lang,
            "quality.rule.no_nok",
            &[("priorities", &ps(priorities))],
        ),
        ReadinessRule::NoOpenDefects { severities } => tr_with(
            lang,
            "quality.rule.no_open_defects",
            &[("severities", &severities.join(", "))],
        ),
        ReadinessRule::PassRateAtLeast { percent } => tr_with(
            lang,
            "quality.rule.pass_rate",
            &[("percent", &format!("{percent}"))],
        ),
    }
}

const W: f32 = 640.0;
const H: f32 = 200.0;
const LEFT: f32 = 40.0;
const BOTTOM: f32 = 30.0;
const TOP: f32 = 16.0;

fn svg_start() -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"sans-serif\" font-size=\"10\"><rect width=\"{W}\" height=\"{H}\" fill=\"{}\"/><line x1=\"{LEFT}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\"/>",
        P.page,
        H - BOTTOM,
        W - 10.0,
        H - BOTTOM,
        P.rule
    )
}

fn esc(s: &str) -> String {
    crate::report::survey_html::escape(s)
}

/// The pass rate of each run, a bar each with its figure.
pub fn pass_rate_chart(runs: &[RunFigure], title: &str) -> Chart {
    let mut svg = svg_start();
    let n = runs.len().max(1) as f32;
    let slot = (W - LEFT - 10.0) / n;
    let plot = H - BOTTOM - TOP;
    for (i, r) in runs.iter().enumerate() {
        let rate = r.pass_rate.unwrap_or(0.0) as f32;
        let h = plot * rate;
        let x = LEFT + slot * i as f32 + slot * 0.2;
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
            H - BOTTOM - h,
            slot * 0.6,
            P.series,
            x + slot * 0.3,
            H - BOTTOM - h - 3.0,
            P.text,
            crate::report::quality_metrics::percent(r.pass_rate),
            x + slot * 0.3,
            H - BOTTOM + 14.0,
            P.text_faint,
            esc(&r.id.key()),
        );
    }
    svg.push_str("</svg>");
    Chart {
        title: title.to_owned(),
        svg,
        width: W,
        height: H,
    }
}

/// Defects found and fixed per week, two bars a week.
pub fn found_fixed_chart(m: &QualityMetrics, lang: Language) -> Chart {
    let mut svg = svg_start();
    let top = m
        .weeks
        .iter()
        .map(|w| w.found.max(w.fixed))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    let n = m.weeks.len().max(1) as f32;
    let slot = (W - LEFT - 10.0) / n;
    let plot = H - BOTTOM - TOP;
    let _ = write!(
        svg,
        "<text x=\"{}\" y=\"{TOP}\" text-anchor=\"end\" fill=\"{}\">{}</text>",
        LEFT - 4.0,
        P.text_faint,
        top
    );
    for (i, w) in m.weeks.iter().enumerate() {
        let x = LEFT + slot * i as f32 + slot * 0.15;
        for (j, (v, colour)) in [(w.found, P.bar_critical), (w.fixed, P.promoter)]
            .into_iter()
            .enumerate()
        {
            let h = plot * v as f32 / top;
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{colour}\"/>",
                x + slot * 0.35 * j as f32,
                H - BOTTOM - h,
                slot * 0.33,
            );
        }
        if i % 2 == 0 || m.weeks.len() <= 8 {
            let _ = write!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{}\">{}</text>",
                x + slot * 0.35,
                H - BOTTOM + 14.0,
                P.text_faint,
                w.week.format("%m-%d")
            );
        }
    }
    let _ = write!(
        svg,
        "<rect x=\"{LEFT}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text><rect x=\"{}\" y=\"{}\" width=\"8\" height=\"8\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" fill=\"{}\">{}</text>",
        H - 10.0,
        P.bar_critical,
        LEFT + 12.0,
        H - 2.0,
        P.text,
        esc(&tr(lang, "quality.found")),
        LEFT + 80.0,
        H - 10.0,
        P.promoter,
        LEFT + 92.0,
        H - 2.0,
        P.text,
        esc(&tr(lang, "quality.fixed")),
    );
    svg.push_str("</svg>");
    Chart {
        title: tr(lang, "quality.found_fixed"),
        svg,
        width: W,
        height: H,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_release_reads_as_a_test_report_in_every_format() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let release = ws
            .releases()
            .unwrap_or_else(|e| panic!("{e}"))
            .into_iter()
            .find(|r| r.fields.name == "2.0 正式版");
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let report = TestReport::build(&ws, &TestScope::Release(release), today)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report.metrics.runs.len(), 3);
        let doc = report.document(Language::ZhCn);
        let md = crate::report::document::to_markdown(&doc);
        assert!(md.contains("测试报告") && md.contains("2.0 正式版"), "{md}");
        assert!(md.contains("不可发布"), "{md}");
        assert!(md.contains("RUN-3"), "{md}");
        let html = crate::report::document::to_html(&doc);
        assert!(html.contains("<svg") && html.contains("BUG-"), "{html}");
        // One run: its own results and the defects found in it.
        let run = TestReport::build(&ws, &TestScope::Run(RunId(3)), today)
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(run.metrics.runs.len(), 1);
        assert_eq!(run.quality.runs, 1);
        assert!(run.quality.cases <= report.quality.cases);
        let pdf = crate::report::document::to_pdf(&run.document(Language::English))
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(pdf.starts_with(b"%PDF"));
    }
}
