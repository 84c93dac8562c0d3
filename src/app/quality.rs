//! The Quality page's data: suites, cases, runs, defects, coverage and the gate of the
//! chosen release, read while the page (or the Requirements page, whose matrix shows
//! test cases) shows, again when the store, the release or the day moved.

use super::PlanwrightApp;
use crate::context::action::Page;
use crate::context::messages;

impl PlanwrightApp {
    pub(super) fn refresh_quality_view(&mut self) {
        // The Requirements page reads them only for its matrix against test cases.
        let requirements = &self.ui_state.requirements;
        let matrix_of_cases = self.page == Page::Requirements
            && requirements.pool_view == crate::ui::requirements::views::PoolView::Trace
            && requirements.views.columns == crate::report::trace_matrix::TraceColumns::TestCases;
        if self.page != Page::Quality && !matrix_of_cases {
            return;
        }
        let Some(ws) = self.workspace.as_ref() else {
            return;
        };
        let today = chrono::Local::now().date_naive();
        let release = self.ui_state.quality.release;
        if let Err(e) = self.quality.refresh(ws, release, today) {
            self.error(messages::store_error(self.language(), &e));
        }
    }
}
