//! Risk exposure over time: for each of the last weeks, the open risks' summed score
//! and their count by band at the week's end. The register of each week is rebuilt
//! from today's by undoing, newest first, the risk edits made after that week (the
//! edit log), and a risk counts only from the day it was raised.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::model::ProjectId;
use crate::model::edit::Edit;
use crate::model::risk::{Band, Bands, Risk, RiskId};
use crate::store::{StoreResult, Workspace};

/// One week's exposure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExposureWeek {
    /// The Monday of the week.
    pub week: NaiveDate,
    /// The open risks' scores summed (threats only: opportunities are not exposure).
    pub score: u32,
    /// Open risks by band: low, medium, high.
    pub by_band: [usize; 3],
}

/// How many weeks the chart shows.
pub const WEEKS: usize = 12;

/// The register's exposure for the `WEEKS` weeks up to the one holding `today`.
pub fn exposure(
    ws: &Workspace,
    project: Option<ProjectId>,
    today: NaiveDate,
) -> StoreResult<Vec<ExposureWeek>> {
    let bands = ws.risk_bands()?;
    let this_monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let first = this_monday - Duration::weeks(WEEKS as i64 - 1);
    let from = first.and_hms_opt(0, 0, 0).unwrap_or_default();
    let far = (today + Duration::days(3650))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut edits: Vec<(NaiveDateTime, Edit)> = ws
        .edits_between(from, far)?
        .into_iter()
        .filter(|e| !e.undone)
        .filter_map(|e| {
            let at = NaiveDateTime::parse_from_str(&e.applied_at, "%Y-%m-%dT%H:%M:%S").ok()?;
            Some((at, e.edit))
        })
        .collect();
    // Newest first: undone in that order to go back in time.
    edits.sort_by_key(|e| std::cmp::Reverse(e.0));
    let mut state: BTreeMap<RiskId, Risk> = ws.risks()?.into_iter().map(|r| (r.id, r)).collect();
    let mut weeks = Vec::with_capacity(WEEKS);
    let mut pending = edits.into_iter().peekable();
    for k in (0..WEEKS).rev() {
        let monday = first + Duration::weeks(k as i64);
        let end = (monday + Duration::days(7))
            .and_hms_opt(0, 0, 0)
            .unwrap_or_default();
        while let Some((_, edit)) = pending.next_if(|(at, _)| *at >= end) {
            undo_risks(&edit, &mut state);
        }
        weeks.push(week_of(&state, project, &bands, monday));
    }
    weeks.reverse();
    Ok(weeks)
}

/// The register as it was before `edit`.
fn undo_risks(edit: &Edit, state: &mut BTreeMap<RiskId, Risk>) {
    match edit {
        Edit::Batch { edits } => edits.iter().rev().for_each(|e| undo_risks(e, state)),
        Edit::PutRisk { before, after } => {
            if let Some(a) = after {
                state.remove(&a.id);
            }
            if let Some(b) = before {
                state.insert(b.id, b.clone());
            }
        }
        _ => {}
    }
}

fn week_of(
    state: &BTreeMap<RiskId, Risk>,
    project: Option<ProjectId>,
    bands: &Bands,
    monday: NaiveDate,
) -> ExposureWeek {
    let sunday = monday + Duration::days(6);
    let mut out = ExposureWeek {
        week: monday,
        score: 0,
        by_band: [0; 3],
    };
    for r in state.values() {
        let f = &r.fields;
        let mine = project.is_none() || f.project.is_none() || f.project == project;
        let raised = f.raised.is_none_or(|d| d <= sunday);
        if !(mine && raised && f.is_open()) {
            continue;
        }
        out.by_band[match bands.of(f.score()) {
            Band::Low => 0,
            Band::Medium => 1,
            Band::High => 2,
        }] += 1;
        if f.kind == crate::model::risk::RiskKind::Threat {
            out.score += u32::from(f.score());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;
    use crate::model::risk::RiskFields;

    #[test]
    fn edits_after_a_week_are_undone_to_see_it() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            Workspace::create(&dir.path().join("w.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let today = chrono::Local::now().date_naive();
        let mut old = RiskFields::titled("raised long ago");
        old.raised = Some(today - Duration::weeks(20));
        old.probability = 4; // 4 × 3 = 12, medium
        let mut recent = RiskFields::titled("raised last week");
        recent.raised = Some(today - Duration::weeks(1));
        recent.probability = 5;
        recent.impact = crate::model::risk::Impact::uniform(4); // 20, high
        ws.apply(Change::AddRisk(old.clone()))
            .unwrap_or_else(|e| panic!("{e}"));
        ws.apply(Change::AddRisk(recent))
            .unwrap_or_else(|e| panic!("{e}"));
        let weeks = exposure(&ws, None, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(weeks.len(), WEEKS);
        // Both risks were added today: every earlier week had neither.
        assert!(weeks[..WEEKS - 1].iter().all(|w| w.score == 0), "{weeks:?}");
        assert_eq!(weeks[WEEKS - 1].score, 32);
        assert_eq!(weeks[WEEKS - 1].by_band, [0, 1, 1]);
        // Closing the old one today takes it out of this week only.
        let id = ws.risks().unwrap_or_default()[0].id;
        old.status = "closed".into();
        ws.apply(Change::UpdateRisk { id, fields: old })
            .unwrap_or_else(|e| panic!("{e}"));
        let weeks = exposure(&ws, None, today).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(weeks[WEEKS - 1].score, 20);
    }
}
