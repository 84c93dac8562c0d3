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
