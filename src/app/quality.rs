//! The Quality page's data: suites, cases, runs, defects, coverage and the gate of the
//! chosen release, read while the page (or the Requirements page, whose matrix shows
//! test cases) shows, again when the store, the release or the day moved.

use super::PlanwrightApp;
use crate::context::action::Page;
use crate::context::messages;

impl PlanwrightApp {
    pub(super) fn refresh_quality_view(&mut self) {
        // The Requirements page's matrix against test cases reads them too.
        if !matches!(self.page, Page::Quality | Page::Requirements) {
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
