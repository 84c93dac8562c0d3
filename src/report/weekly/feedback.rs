//! What customers said, for the weekly report: the NPS of the newest survey wave
//! against the one before, feedback added in the period (from the edit log), and the
//! open requirements most in demand.

use chrono::Duration;

use super::Period;
use crate::model::edit::Edit;
use crate::store::{StoreResult, Workspace};

/// The feedback highlights.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FeedbackHighlights {
    /// (survey name, NPS) of the newest wave with an NPS question, and of the one before.
    pub nps: Option<(String, f64)>,
    pub nps_before: Option<(String, f64)>,
    /// Feedback items added in the period, and in all.
    pub new_items: usize,
    pub total_items: usize,
    /// Open requirements most in demand: (key, title, demand score, feedback items).
    pub top_demand: Vec<(String, String, u32, usize)>,
}

/// How many requirements the top-demand list names.
const TOP: usize = 5;

/// The NPS of every survey wave with an NPS question, oldest first, counting the
/// answers `filter` keeps in each (a survey it gives `None` for is left out).
pub fn nps_by_wave(
    ws: &Workspace,
    filter: &dyn Fn(&crate::model::survey::Survey) -> Option<crate::model::survey::SurveyFilter>,
) -> StoreResult<Vec<(String, f64)>> {
    let mut waves = Vec::new();
    for s in ws.surveys()? {
        let Some(survey) = ws.survey(s.id)? else {
            continue;
        };
        let Some(q) = survey
            .questions
            .iter()
            .position(|q| q.kind == crate::model::survey::QuestionKind::Nps)
        else {
            continue;
        };
        let Some(f) = filter(&survey) else {
            continue;
        };
        let keep = survey.keep(&f);
        if let Some(nps) = survey.stats(q, keep.as_deref()).and_then(|st| st.nps) {
            waves.push((s.name.clone(), nps.score));
        }
    }
    Ok(waves)
}

pub fn highlights(ws: &Workspace, period: Period) -> StoreResult<FeedbackHighlights> {
    let waves = nps_by_wave(ws, &|_| Some(Default::default()))?;
    let nps = waves.last().cloned();
    let nps_before = waves.len().checked_sub(2).map(|i| waves[i].clone());

    let from = period.from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = (period.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    fn added(edit: &Edit) -> usize {
        match edit {
            Edit::Batch { edits } => edits.iter().map(added).sum(),
            Edit::PutFeedback {
                before: None,
                after: Some(_),
            } => 1,
            _ => 0,
        }
    }
    let new_items = ws
        .edits_between(from, to)?
        .iter()
        .filter(|e| !e.undone)
        .map(|e| added(&e.edit))
        .sum();

    let insights = crate::report::insights::InsightsView::build(ws, &ws.surveys()?)?;
    let mut open: Vec<_> = insights
        .requirements
        .iter()
        .filter(|r| !insights.settings.is_closed(&r.requirement.fields.status))
        .filter(|r| r.demand.score > 0)
        .collect();
    open.sort_by(|a, b| {
        b.demand
            .score
            .cmp(&a.demand.score)
            .then(b.demand.items.cmp(&a.demand.items))
    });
    Ok(FeedbackHighlights {
        nps,
        nps_before,
        new_items,
        total_items: insights.feedback.len(),
        top_demand: open
            .into_iter()
            .take(TOP)
            .map(|r| {
                (
                    r.requirement.id.key(),
                    r.requirement.fields.title.clone(),
                    r.demand.score,
                    r.demand.items,
                )
            })
            .collect(),
    })
}
