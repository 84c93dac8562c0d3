//! The Research page's survey as a session, beside [`super::plan_view::PlanView`] for
//! the Gantt page: which survey is shown, with which filter, cross-tab and comparison,
//! its answers kept while only those change, and the cards rebuilt only when one of
//! them or the store moves.

use crate::model::survey::{Survey, SurveyFilter, SurveyId};
use crate::report::survey_view::SurveyView;
use crate::store::{StoreResult, SurveySummary, Workspace};

/// A survey's answers as read at a revision of the store.
#[derive(Clone, Debug)]
struct Kept {
    id: SurveyId,
    revision: u64,
    survey: Survey,
}

/// What the Research page shows of a survey, and what it was made from.
#[derive(Debug, Default)]
pub struct SurveySession {
    /// The survey chosen; `None`: the newest.
    chosen: Option<SurveyId>,
    filter: SurveyFilter,
    by: Option<usize>,
    /// Another survey to compare the shown one with (wave over wave).
    compare: Option<SurveyId>,
    data: Option<Kept>,
    compare_data: Option<Kept>,
    view: Option<SurveyView>,
}

impl SurveySession {
    /// The cards shown, if any.
    pub fn view(&self) -> Option<&SurveyView> {
        self.view.as_ref()
    }

    /// The shown survey's answers with its cards (what an export is made from).
    pub fn shown(&self) -> Option<(&Survey, &SurveyView)> {
        let view = self.view.as_ref()?;
        let data = self.data.as_ref().filter(|d| d.id == view.id)?;
        Some((&data.survey, view))
    }

    /// Shows this survey, with no filter or cross-tab.
    pub fn choose(&mut self, id: Option<SurveyId>) {
        self.chosen = id;
        self.view = None;
        self.filter = SurveyFilter::default();
        self.by = None;
    }

    pub fn set_filter(&mut self, filter: SurveyFilter) {
        self.filter = filter;
    }

    pub fn set_cross(&mut self, by: Option<usize>) {
        self.by = by;
    }

    pub fn set_compare(&mut self, other: Option<SurveyId>) {
        self.compare = other;
    }

    /// Forgets the cards and answers (the store is gone or may have changed behind us).
    pub fn clear(&mut self) {
        self.view = None;
        self.data = None;
        self.compare_data = None;
    }

    /// Brings the cards up to date with the store (`surveys` is its list of surveys):
    /// reads a survey's answers only when it or the store changed, and rebuilds the
    /// cards only when the survey, filter, cross-tab, comparison or store did.
    pub fn refresh(&mut self, ws: &Workspace, surveys: &[SurveySummary]) -> StoreResult<()> {
        let chosen = self
            .chosen
            .filter(|id| surveys.iter().any(|s| s.id == *id))
            .or_else(|| surveys.last().map(|s| s.id));
        self.chosen = chosen;
        let Some(id) = chosen else {
            self.view = None;
            return Ok(());
        };
        // Another survey: its filters start afresh.
        if self.view.as_ref().is_some_and(|s| s.id != id) {
            self.filter = SurveyFilter::default();
            self.by = None;
        }
        if self.compare == Some(id) {
            self.compare = None;
        }
        let revision = ws.revision();
        if self.view.as_ref().is_some_and(|s| {
            s.id == id
                && s.revision == revision
                && s.filter == self.filter
                && s.by == self.by
                && s.comparison.as_ref().map(|c| c.other) == self.compare
        }) {
            return Ok(());
        }
        let Some(data) = read(ws, &mut self.data, id, revision).inspect_err(|_| {
            self.view = None;
        })?
        else {
            self.view = None;
            return Ok(());
        };
        let mut view = SurveyView::of(id, revision, data, &self.filter, self.by);
        if let Some(other) = self.compare {
            // The other survey is read once, not at every filter change.
            match read(ws, &mut self.compare_data, other, revision)? {
                Some(o) => {
                    let keep = data.keep(&self.filter);
                    view.comparison = Some(crate::report::survey_compare::compare(
                        data,
                        keep.as_deref(),
                        other,
                        o,
                    ));
                }
                None => self.compare = None,
            }
        }
        self.view = Some(view);
        Ok(())
    }
}

/// The answers of survey `id` at `revision`: those in `kept` when they are current,
/// else read from the store into it. `None` when the survey is gone.
fn read<'a>(
    ws: &Workspace,
    kept: &'a mut Option<Kept>,
    id: SurveyId,
    revision: u64,
) -> StoreResult<Option<&'a Survey>> {
    if !kept
        .as_ref()
        .is_some_and(|k| k.id == id && k.revision == revision)
    {
        *kept = match ws.survey(id) {
            Ok(Some(survey)) => Some(Kept {
                id,
                revision,
                survey,
            }),
            Ok(None) => None,
            Err(e) => {
                *kept = None;
                return Err(e);
            }
        };
    }
    Ok(kept.as_ref().map(|k| &k.survey))
}
