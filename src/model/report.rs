//! What a PM adds to a generated report, and what a published report keeps: the
//! narrative, status overrides with their reasons, the per-kind template, and the
//! frozen snapshot of a report as it was sent.

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::ProjectId;

/// The PM's own words in a status report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Narrative {
    /// 摘要
    #[serde(default)]
    pub summary: String,
    /// 需协调事项 / 求助
    #[serde(default)]
    pub help_needed: String,
    /// 下期重点
    #[serde(default)]
    pub next_focus: String,
}

impl Narrative {
    pub fn is_empty(&self) -> bool {
        self.summary.trim().is_empty()
            && self.help_needed.trim().is_empty()
            && self.next_focus.trim().is_empty()
    }
}

/// The PM's status for a dimension in place of the suggested one (`dimension` and
/// `rag` by their codes: `schedule`, `red` …). Amber and red need a reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusOverride {
    pub dimension: String,
    pub rag: String,
    #[serde(default)]
    pub reason: String,
}

/// What the PM typed for one report (a project's report of one kind and period)
/// before publishing it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportDraft {
    #[serde(default)]
    pub narrative: Narrative,
    #[serde(default)]
    pub overrides: Vec<StatusOverride>,
}

/// Which report a draft or snapshot belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReportKey {
    /// `weekly`, `customer`, `release-notes`, `portfolio` …
    pub kind: String,
    /// The project, release or customer it is about (empty for the portfolio).
    pub subject: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// A report kind's template: its title, the organisation shown in the header, and the
/// sections in order (`None`: the kind's default list).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportTemplate {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub organisation: Option<String>,
    #[serde(default)]
    pub sections: Option<Vec<String>>,
    /// The user's own templates (minijinja) by format (`html`, `md`, `txt`), with the
    /// name of the file each came from (for error messages): format → (file, source).
    #[serde(default)]
    pub files: std::collections::BTreeMap<String, (String, String)>,
    /// The organisation's logo, a PNG as base64, shown at the top of HTML, PDF and DOCX.
    #[serde(default)]
    pub logo: Option<String>,
}

/// A published report, frozen: its facts (as `report --as json` gives them, narrative
/// and statuses included) and the document as it was rendered, so it reopens exactly
/// as sent and later reports can compare with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportSnapshot {
    pub id: i64,
    pub key: ReportKey,
    pub project: Option<ProjectId>,
    /// When it was published, and by whom.
    pub published_at: NaiveDateTime,
    pub published_by: String,
    /// The report's language code (zh-CN, en).
    pub lang: String,
    /// The overall status when published (`green`, `amber`, `red`), if rated.
    pub status: Option<String>,
    pub facts: serde_json::Value,
    /// The rendered document, as JSON.
    pub document: serde_json::Value,
}

/// Why a report draft cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportProblem {
    #[error("no status dimension called “{0}”")]
    UnknownDimension(String),
    #[error("no status called “{0}” (green, amber or red)")]
    UnknownStatus(String),
    #[error("setting {dimension} to {rag} needs a reason")]
    ReasonNeeded { dimension: String, rag: String },
    #[error("the report period ends before it starts")]
    BadPeriod,
    #[error("no published report #{0}")]
    NoSnapshot(i64),
    #[error("reports are written in zh-CN or en, not “{0}”")]
    UnknownLanguage(String),
}

/// The dimensions a status report rates, by code.
pub const DIMENSIONS: [&str; 6] = ["overall", "schedule", "scope", "effort", "quality", "risk"];

impl ReportDraft {
    /// Checked: known dimensions and statuses, a reason for amber and red, one
    /// override per dimension (the last wins), texts trimmed.
    pub fn normalized(mut self) -> Result<ReportDraft, ReportProblem> {
        let mut seen: Vec<StatusOverride> = Vec::new();
        for o in self.overrides.drain(..) {
            if !DIMENSIONS.contains(&o.dimension.as_str()) {
                return Err(ReportProblem::UnknownDimension(o.dimension));
            }
            if !["green", "amber", "red"].contains(&o.rag.as_str()) {
                return Err(ReportProblem::UnknownStatus(o.rag));
            }
            let reason = o.reason.trim().to_owned();
            if o.rag != "green" && reason.is_empty() {
                return Err(ReportProblem::ReasonNeeded {
                    dimension: o.dimension,
                    rag: o.rag,
                });
            }
            seen.retain(|s| s.dimension != o.dimension);
            seen.push(StatusOverride { reason, ..o });
        }
        self.overrides = seen;
        Ok(self)
    }
}

impl ReportKey {
    /// Its key in the workspace's settings.
    pub fn setting_key(&self) -> String {
        format!(
            "report_draft/{}/{}/{}/{}",
            self.kind, self.subject, self.from, self.to
        )
    }
}

/// The settings key of the language reports and exports are written in.
pub const LANGUAGE_KEY: &str = "report_language";

/// The settings key of a report kind's template.
pub fn template_key(kind: &str) -> String {
    format!("report_template/{kind}")
}
