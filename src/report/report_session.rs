//! The Reports page's state that comes from the workspace: the report of the chosen
//! kind, subject and period (rebuilt when the store, the choice or the language moved),
//! the PM's draft for a weekly report, the published reports, and the published one
//! being looked at.

use crate::i18n::Language;
use crate::model::Project;
use crate::model::report::{ReportDraft, ReportSnapshot};
use crate::model::requirement::{Release, ReleaseId};
use crate::report::document::Document;
use crate::report::kinds::{self, Built, Kind, RequestProblem};
use crate::report::publish::WeeklyBuild;
use crate::report::weekly::Period;
use crate::store::{StoreResult, Workspace};

/// What the current build was made from.
#[derive(Clone, Debug, PartialEq)]
struct Made {
    kind: Kind,
    project: Option<crate::model::ProjectId>,
    release: Option<ReleaseId>,
    customer: Option<String>,
    period: Period,
    lang: Language,
    revision: u64,
}

pub struct ReportSession {
    pub kind: Kind,
    /// The period chosen (`None`: the week of the project's status date, else this week).
    pub period: Option<Period>,
    /// The release of release notes and burn-up (`None`: the first).
    pub release: Option<ReleaseId>,
    /// The customer or segment of a customer report (`None`: the first).
    pub customer: Option<String>,
    made: Option<Made>,
    built: Option<Built>,
    problem: Option<RequestProblem>,
    draft: ReportDraft,
    snapshots: Vec<ReportSnapshot>,
    releases: Vec<Release>,
    customers: Vec<String>,
    /// The published report shown instead of the live one, with its document.
    viewing: Option<(i64, Document)>,
    /// A published report asked for before the list was read (from the Overview).
    pending_view: Option<i64>,
    /// The workspace's report language setting (`None`: its text's language).
    language_setting: Option<String>,
    /// The template of the kind shown.
    template: crate::model::report::ReportTemplate,
}

impl Default for ReportSession {
    fn default() -> Self {
        ReportSession {
            kind: Kind::Weekly,
            period: None,
            release: None,
            customer: None,
            made: None,
            built: None,
            problem: None,
            draft: ReportDraft::default(),
            snapshots: Vec::new(),
            releases: Vec::new(),
            customers: Vec::new(),
            viewing: None,
            pending_view: None,
            language_setting: None,
            template: Default::default(),
        }
    }
}

impl ReportSession {
    /// The period a project's report covers when none was chosen.
    pub fn default_period(project: Option<&Project>) -> Period {
        Period::week_of(
            project
                .and_then(|p| p.fields.status_date)
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
        let period = self.period.unwrap_or_else(|| Self::default_period(project));
        let made = Made {
            kind: self.kind,
            project: project.map(|p| p.id),
            release: self.release,
            customer: self.customer.clone(),
            period,
            lang,
            revision: ws.revision(),
        };
        if self.made.as_ref() == Some(&made) {
            return Ok(());
        }
        self.releases = ws.releases()?;
        self.language_setting = ws.report_language_code()?;
        self.template = ws.report_template(self.kind.code())?;
        self.customers = kinds::customer::customers(ws)?;
        let release = self
            .release
            .and_then(|id| self.releases.iter().find(|r| r.id == id))
            .or(self.releases.first());
        let customer = self
            .customer
            .as_deref()
            .filter(|c| self.customers.iter().any(|k| k == c))
            .or(self.customers.first().map(String::as_str));
        let request = kinds::Request {
            kind: self.kind,
            project,
            release,
            customer,
            period,
            lang,
        };
        match kinds::build(ws, &request)? {
            Ok(built) => {
                self.draft = match &built.weekly {
                    Some(w) => ws.report_draft(&w.key)?,
                    None => ReportDraft::default(),
                };
                self.built = Some(built);
                self.problem = None;
            }
            Err(problem) => {
                self.built = None;
                self.problem = Some(problem);
            }
        }
        self.snapshots = ws.report_snapshots()?;
        if let Some(id) = self.pending_view.take() {
            self.view_snapshot(Some(id));
        }
        if let Some((id, _)) = &self.viewing
            && !self.snapshots.iter().any(|s| s.id == *id)
        {
            self.viewing = None;
        }
        self.made = Some(made);
        Ok(())
    }

    /// The report shown live (not a published one).
    pub fn built(&self) -> Option<&Built> {
        self.built.as_ref()
    }

    /// Why there is no report (nothing to report on).
    pub fn problem(&self) -> Option<&RequestProblem> {
        self.problem.as_ref()
    }

    /// The weekly report behind the live report, for the PM's fields.
    pub fn weekly(&self) -> Option<&WeeklyBuild> {
        self.built
            .as_ref()
            .filter(|b| b.kind == Kind::Weekly)
            .and_then(|b| b.weekly.as_ref())
    }

    /// What the PM typed for the weekly report shown.
    pub fn draft(&self) -> &ReportDraft {
        &self.draft
    }

    /// Every published report, oldest period first.
    pub fn snapshots(&self) -> &[ReportSnapshot] {
        &self.snapshots
    }

    /// The workspace's report language setting (`None`: follows its text).
    pub fn language_setting(&self) -> Option<&str> {
        self.language_setting.as_deref()
    }

    pub fn releases(&self) -> &[Release] {
        &self.releases
    }

    /// The customers and segments feedback names.
    pub fn customers(&self) -> &[String] {
        &self.customers
    }

    /// Show a published report as it was sent (`None`: back to the live report).
    pub fn view_snapshot(&mut self, id: Option<i64>) {
        self.viewing = id.and_then(|id| {
            let s = self.snapshots.iter().find(|s| s.id == id)?;
            Some((id, crate::report::publish::frozen_document(s)?))
        });
        // Not read yet: shown once the list is.
        self.pending_view = id.filter(|_| self.viewing.is_none());
        if self.pending_view.is_some() {
            self.made = None;
        }
    }

    /// The published report shown, if one is.
    pub fn viewing(&self) -> Option<i64> {
        self.viewing.as_ref().map(|v| v.0)
    }

    /// The kind's template (title, organisation, sections, the user's template files).
    pub fn template(&self) -> &crate::model::report::ReportTemplate {
        &self.template
    }

    /// What exporting the shown report writes: the published one looked at, else the
    /// live report, through the kind's template files.
    pub fn export(&self) -> Option<crate::report::exporters::ReportExport> {
        let facts = match &self.viewing {
            Some((id, _)) => self.snapshots.iter().find(|s| s.id == *id)?.facts.clone(),
            None => self.built.as_ref()?.facts.clone(),
        };
        Some(crate::report::exporters::ReportExport {
            document: self.document()?.clone(),
            facts,
            templates: self.template.files.clone(),
        })
    }

    /// The document shown: the published one looked at, else the live report.
    pub fn document(&self) -> Option<&Document> {
        match &self.viewing {
            Some((_, doc)) => Some(doc),
            None => self.built.as_ref().map(|b| &b.document),
        }
    }
}
