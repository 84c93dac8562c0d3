//! The Reports page's state that comes from the workspace: the weekly report of the
//! current project for the chosen period (rebuilt when the store, the project, the
//! period or the language moved), the PM's draft for it, the published reports, and
//! the published one being looked at.

use crate::i18n::Language;
use crate::model::Project;
use crate::model::report::{ReportDraft, ReportSnapshot};
use crate::report::document::Document;
use crate::report::publish::{self, WeeklyBuild};
use crate::report::weekly::Period;
use crate::store::{StoreResult, Workspace};

/// What the current build was made from.
#[derive(Clone, Debug, PartialEq)]
struct Made {
    project: crate::model::ProjectId,
    period: Period,
    lang: Language,
    revision: u64,
}

#[derive(Default)]
pub struct ReportSession {
    /// The period chosen (`None`: the week of the project's status date, else this week).
    pub period: Option<Period>,
    made: Option<Made>,
    build: Option<WeeklyBuild>,
    draft: ReportDraft,
    snapshots: Vec<ReportSnapshot>,
    /// The published report shown instead of the live one, with its document.
    viewing: Option<(i64, Document)>,
}

impl ReportSession {
    /// The period a project's report covers when none was chosen.
    pub fn default_period(project: &Project) -> Period {
        Period::week_of(
            project
                .fields
                .status_date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        )
    }

    /// Rebuilds what changed.
    pub fn refresh(
        &mut self,
        ws: &Workspace,
        project: Option<&Project>,
        lang: Language,
    ) -> StoreResult<()> {
        let Some(project) = project else {
            self.build = None;
            self.made = None;
            return Ok(());
        };
        let period = self.period.unwrap_or_else(|| Self::default_period(project));
        let made = Made {
            project: project.id,
            period,
            lang,
            revision: ws.revision(),
        };
        if self.made.as_ref() == Some(&made) {
            return Ok(());
        }
        let build = publish::weekly(ws, project, period, lang)?;
        self.draft = ws.report_draft(&build.key)?;
        self.snapshots = ws.report_snapshots()?;
        if let Some((id, _)) = &self.viewing
            && !self.snapshots.iter().any(|s| s.id == *id)
        {
            self.viewing = None;
        }
        self.build = Some(build);
        self.made = Some(made);
        Ok(())
    }

    pub fn build(&self) -> Option<&WeeklyBuild> {
        self.build.as_ref()
    }

    /// What the PM typed for the report shown.
    pub fn draft(&self) -> &ReportDraft {
        &self.draft
    }

    /// Every published report, oldest period first.
    pub fn snapshots(&self) -> &[ReportSnapshot] {
        &self.snapshots
    }

    /// Show a published report as it was sent (`None`: back to the live report).
    pub fn view_snapshot(&mut self, id: Option<i64>) {
        self.viewing = id.and_then(|id| {
            let s = self.snapshots.iter().find(|s| s.id == id)?;
            Some((id, publish::frozen_document(s)?))
        });
    }

    /// The published report shown, if one is.
    pub fn viewing(&self) -> Option<i64> {
        self.viewing.as_ref().map(|v| v.0)
    }

    /// The document shown: the published one looked at, else the live report.
    pub fn document(&self) -> Option<&Document> {
        match &self.viewing {
            Some((_, doc)) => Some(doc),
            None => self.build.as_ref().map(|b| &b.document),
        }
    }
}
