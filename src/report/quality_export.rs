//! Test cases and defects out as tables (CSV for Excel, XLSX): every field, steps and
//! expected results as numbered lines (as TestRail and ZenTao write them), links by key.

use std::collections::HashMap;

use crate::i18n::{Language, tr, tr_with};
use crate::io::export::ExportError;
use crate::model::quality::QualityData;
use crate::model::quality::SuiteId;
use crate::report::document::{Block, Cell, Document, Table};
use crate::report::requirement_export::{PoolTable, csv, workbook};
use crate::store::{StoreResult, Workspace};

/// The columns of the case and defect tables (`quality.column.*`): the ones the
/// importer reads back.
pub use crate::io::quality::{CASE_FIELDS as CASE_COLUMNS, DEFECT_FIELDS as DEFECT_COLUMNS};

/// Everything the tables name, read once, and the test report of the scope asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct QualityExport {
    pub data: QualityData,
    pub test_report: crate::report::test_report::TestReport,
    pub requirement_keys: HashMap<crate::model::requirement::RequirementId, String>,
    pub releases: HashMap<crate::model::requirement::ReleaseId, String>,
}

fn numbered<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    lines
        .enumerate()
        .map(|(i, l)| format!("{}. {l}", i + 1))
        .collect::<Vec<_>>()
        .join("\n")
}

impl QualityExport {
    /// The tables, with the test report of `scope` as of `today`.
    pub fn read(
        ws: &Workspace,
        scope: &crate::report::test_report::TestScope,
        today: chrono::NaiveDate,
    ) -> StoreResult<QualityExport> {
        Ok(QualityExport {
            data: ws.quality()?,
            test_report: crate::report::test_report::TestReport::build(ws, scope, today)?,
            requirement_keys: ws
                .requirements()?
                .into_iter()
                .map(|r| (r.id, r.id.key()))
                .collect(),
            releases: ws
                .releases()?
                .into_iter()
                .map(|r| (r.id, r.fields.name))
                .collect(),
        })
    }

    fn headers(lang: Language, columns: &[&str]) -> Vec<String> {
        columns
            .iter()
            .map(|k| tr(lang, &format!("quality.column.{k}")))
            .collect()
    }

    /// Every case, a row each.
    pub fn cases(&self, lang: Language) -> PoolTable {
        let suites: HashMap<_, &str> = self
            .data
            .suites
            .iter()
            .map(|s| (s.id, s.name.as_str()))
            .collect();
        let rows = self
            .data
            .cases
            .iter()
            .map(|c| {
                let f = &c.fields;
                vec![
                    c.id.key(),
                    f.suite
                        .and_then(|s| suites.get(&s).map(|n| (*n).to_owned()))
                        .unwrap_or_default(),
                    f.title.clone(),
                    f.preconditions.clone(),
                    numbered(f.steps.iter().map(|s| s.action.as_str())),
                    numbered(f.steps.iter().map(|s| s.expected.as_str())),
                    f.priority.map(|p| format!("P{p}")).unwrap_or_default(),
                    f.kind.clone(),
                    if f.automated { "1" } else { "0" }.to_owned(),
                    f.tags.join(", "),
                    f.owner.clone(),
                    f.requirements
                        .iter()
                        .map(|r| {
                            self.requirement_keys
                                .get(r)
                                .cloned()
                                .unwrap_or_else(|| r.key())
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        PoolTable::of_text(Self::headers(lang, &CASE_COLUMNS), rows)
    }

    /// Every defect, a row each.
    pub fn defects(&self, lang: Language) -> PoolTable {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        let rows = self
            .data
            .defects
            .iter()
            .map(|d| {
                let f = &d.fields;
                vec![
                    d.id.key(),
                    f.title.clone(),
                    f.severity.clone(),
                    f.priority.map(|p| format!("P{p}")).unwrap_or_default(),
                    f.status.clone(),
                    f.release
                        .and_then(|r| self.releases.get(&r).cloned())
                        .unwrap_or_default(),
                    f.run.map(|r| r.key()).unwrap_or_default(),
                    f.case.map(|c| c.key()).unwrap_or_default(),
                    f.requirement
                        .map(|r| {
                            self.requirement_keys
                                .get(&r)
                                .cloned()
                                .unwrap_or_else(|| r.key())
                        })
                        .unwrap_or_default(),
                    f.owner.clone(),
                    day(f.found),
                    day(f.fixed),
                    day(f.verified),
                    f.steps.clone(),
                    f.expected.clone(),
                    f.actual.clone(),
                ]
            })
            .collect();
        PoolTable::of_text(Self::headers(lang, &DEFECT_COLUMNS), rows)
    }

    pub fn cases_csv(&self, lang: Language) -> String {
        csv(&self.cases(lang))
    }

    pub fn cases_xlsx(&self, lang: Language) -> Result<Vec<u8>, ExportError> {
        workbook(&[(tr(lang, "quality.cases_sheet").as_str(), &self.cases(lang))])
    }

    pub fn defects_csv(&self, lang: Language) -> String {
        csv(&self.defects(lang))
    }

    pub fn defects_xlsx(&self, lang: Language) -> Result<Vec<u8>, ExportError> {
        workbook(&[(tr(lang, "quality.defects").as_str(), &self.defects(lang))])
    }

    /// The cases as a readable document, suite by suite: each case's fields and its
    /// steps as a table (for a review, or a wiki).
    pub fn cases_document(&self, lang: Language) -> Document {
        let t = |k: &str| tr(lang, k);
        let sep = crate::i18n::colon(lang);
        let mut blocks = Vec::new();
        let mut suites: Vec<(Option<SuiteId>, String)> = self
            .data
            .suites
            .iter()
            .map(|s| (Some(s.id), s.name.clone()))
            .collect();
        suites.push((None, t("quality.no_suite")));
        for (suite, name) in suites {
            let cases: Vec<_> = self
                .data
                .cases
                .iter()
                .filter(|c| c.fields.suite == suite)
                .collect();
            if cases.is_empty() {
                continue;
            }
            blocks.push(Block::Heading(name));
            for c in cases {
                let f = &c.fields;
                blocks.push(Block::Paragraph(format!("{} {}", c.id.key(), f.title)));
                let mut facts = vec![
                    format!(
                        "{}{sep}{} · {}{sep}{} · {}{sep}{}",
                        t("quality.column.priority"),
                        f.priority.map(|p| format!("P{p}")).unwrap_or_default(),
                        t("quality.column.type"),
                        t(&format!("quality.type.{}", f.kind)),
                        t("quality.column.owner"),
                        f.owner
                    ),
                    format!(
                        "{}{sep}{}",
                        t("quality.column.requirements"),
                        f.requirements
                            .iter()
                            .map(|r| self
                                .requirement_keys
                                .get(r)
                                .cloned()
                                .unwrap_or_else(|| r.key()))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ];
                if !f.preconditions.is_empty() {
                    facts.push(format!(
                        "{}{sep}{}",
                        t("quality.column.preconditions"),
                        f.preconditions
                    ));
                }
                blocks.push(Block::Bullets(facts));
                blocks.push(Block::Table(Table {
                    name: c.id.key(),
                    columns: vec![
                        "#".into(),
                        t("quality.column.steps"),
                        t("quality.column.expected"),
                    ],
                    rows: f
                        .steps
                        .iter()
                        .enumerate()
                        .map(|(i, s)| {
                            vec![
                                Cell::Number((i + 1) as f64),
                                Cell::text(&s.action),
                                Cell::text(&s.expected),
                            ]
                        })
                        .collect(),
                    empty: t("quality.none"),
                }));
            }
        }
        Document {
            lang,
            title: t("quality.cases_sheet"),
            subtitle: tr_with(
                lang,
                "quality.summary_cases",
                &[("n", &self.data.cases.len().to_string())],
            ),
            organisation: None,
            running_header: t("quality.cases_sheet"),
            blocks,
            logo: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_cases_and_defects_come_out_with_numbered_steps_and_keys() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
        let q = QualityExport::read(
            &ws,
            &crate::report::test_report::TestScope::Release(None),
            today,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let md = crate::report::document::to_markdown(&q.cases_document(Language::ZhCn));
        assert!(md.contains("TC-1 ") && md.contains("| 1 |"), "{md}");
        let cases = q.cases(Language::ZhCn);
        assert_eq!(cases.rows.len(), q.data.cases.len());
        assert_eq!(cases.headers[0], "编号");
        let first = &cases.rows[0];
        assert_eq!(first[0].text(), "TC-1");
        assert!(first[4].text().starts_with("1. ") && first[4].text().contains("\n2. "));
        assert!(first[11].text().starts_with("REQ-"));
        let csv = q.defects_csv(Language::English);
        assert!(csv.starts_with("\u{feff}Key,Title,Severity"), "{csv}");
        assert_eq!(
            csv.lines().filter(|l| l.contains("BUG-")).count(),
            q.data.defects.len()
        );
    }
}
