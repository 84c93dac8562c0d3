//! Test cases and defects out as tables (CSV for Excel, XLSX): every field, steps and
//! expected results as numbered lines (as TestRail and ZenTao write them), links by key.

use std::collections::HashMap;

use crate::i18n::{Language, tr};
use crate::io::export::ExportError;
use crate::model::quality::QualityData;
use crate::report::requirement_export::{PoolTable, csv, workbook};
use crate::store::{StoreResult, Workspace};

/// The columns of the case table (`quality.column.*`).
pub const CASE_COLUMNS: [&str; 12] = [
    "key",
    "suite",
    "title",
    "preconditions",
    "steps",
    "expected",
    "priority",
    "type",
    "automated",
    "tags",
    "owner",
    "requirements",
];

/// The columns of the defect table (`quality.column.*`).
pub const DEFECT_COLUMNS: [&str; 16] = [
    "key",
    "title",
    "severity",
    "priority",
    "defect_status",
    "release",
    "run",
    "case",
    "requirements",
    "owner",
    "found",
    "fixed",
    "verified",
    "steps",
    "expected",
    "actual",
];

/// Everything the tables name, read once.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QualityExport {
    pub data: QualityData,
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
    pub fn read(ws: &Workspace) -> StoreResult<QualityExport> {
        Ok(QualityExport {
            data: ws.quality()?,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_cases_and_defects_come_out_with_numbered_steps_and_keys() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let q = QualityExport::read(&ws).unwrap_or_else(|e| panic!("{e}"));
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
