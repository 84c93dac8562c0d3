//! What the views draw from, rebuilt only when the store, the project or the page moved:
//! the workspace view, the current plan, the Research page's survey.

use super::PlanwrightApp;
use crate::context::action::Page;
use crate::context::messages;
use crate::context::view_model::WorkspaceView;
use crate::report::plan_view;

impl PlanwrightApp {
    /// Rebuilds the view model if the store moved since it was built.
    pub(super) fn refresh_view(&mut self) {
        let Some(ws) = self.workspace.as_mut() else {
            self.view = None;
            return;
        };
        if let Err(e) = ws.notice_outside_changes() {
            let lang = self.prefs.language();
            self.error(messages::store_error(lang, &e));
            return;
        }
        let Some(ws) = self.workspace.as_ref() else {
            return;
        };
        if self
            .view
            .as_ref()
            .is_some_and(|v| v.revision == ws.revision())
        {
            return;
        }
        match WorkspaceView::build(ws) {
            Ok(view) => {
                if self
                    .current_project
                    .is_some_and(|id| view.project(id).is_none())
                {
                    self.current_project = view.projects.first().map(|p| p.id);
                }
                self.view = Some(view);
            }
            Err(e) => {
                let lang = self.prefs.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    /// Rebuilds the plan of the current project when it or the store changed.
    pub(super) fn refresh_plan_view(&mut self) {
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            self.plan_view = None;
            return;
        };
        let Some(project) = self.current_project.and_then(|id| view.project(id)) else {
            self.plan_view = None;
            return;
        };
        if self
            .plan_view
            .as_ref()
            .is_some_and(|p| p.project == project.id && p.revision == ws.revision())
        {
            return;
        }
        match plan_view::PlanView::build(ws, project) {
            Ok(plan) => self.plan_view = Some(plan),
            Err(e) => {
                self.plan_view = None;
                let lang = self.prefs.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    /// Rebuilds the Reports page's report when the store, the project, the period or the
    /// language changed (only while that page is shown).
    pub(super) fn refresh_report_view(&mut self) {
        if self.page != Page::Reports {
            return;
        }
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            return;
        };
        let project = self.current_project.and_then(|id| view.project(id));
        let lang = self.report_language();
        if let Err(e) = self.report.refresh(ws, project, lang) {
            self.error(messages::store_error(self.language(), &e));
        }
    }

    /// The language reports and exported files are written in (the UI's when no
    /// workspace is open or it cannot be read).
    pub(super) fn report_language(&self) -> crate::i18n::Language {
        self.workspace
            .as_ref()
            .and_then(|ws| crate::report::publish::report_language(ws).ok())
            .unwrap_or_else(|| self.language())
    }

    /// Rebuilds the Overview's figures when the store moved (only while it is shown).
    pub(super) fn refresh_home(&mut self) {
        if self.page != Page::Overview {
            return;
        }
        let Some(ws) = self.workspace.as_ref() else {
            self.home = None;
            return;
        };
        let today = chrono::Local::now().date_naive();
        if self
            .home
            .as_ref()
            .is_some_and(|h| h.revision == ws.revision() && h.today == today)
        {
            return;
        }
        match crate::report::home::Home::build(ws, today) {
            Ok(home) => self.home = Some(home),
            Err(e) => {
                let lang = self.language();
                self.error(messages::store_error(lang, &e));
            }
        }
    }

    /// Publishes the report the Reports page shows: its snapshot, one undoable edit.
    pub(super) fn publish_report(&mut self) {
        let Some(built) = self.report.built() else {
            return;
        };
        let now = chrono::Local::now().naive_local();
        let now = chrono::Timelike::with_nanosecond(&now, 0).unwrap_or(now);
        let snapshot = crate::report::kinds::snapshot(built, now, &crate::report::publish::who());
        self.apply(crate::model::Change::PublishReport(snapshot));
    }

    /// Rebuilds the Research page's survey when it, or the store, changed (only while
    /// that page is shown).
    pub(super) fn refresh_survey_view(&mut self) {
        if self.page != Page::Research {
            return;
        }
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            self.survey.clear();
            return;
        };
        if let Err(e) = self.survey.refresh(ws, &view.surveys) {
            let lang = self.prefs.language();
            self.error(messages::store_error(lang, &e));
        }
    }
}
