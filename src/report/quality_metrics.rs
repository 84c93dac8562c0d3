//! The quality dashboard's figures (ZenTao's test-report measures among them): the pass
//! rate of each run over time, defects found and fixed per week, open defects by
//! severity and age, defect density per requirement and per module (the top of the
//! requirement tree), the valid-defect rate, the share found by test cases and the
//! reopen rate. Computed from the workspace's quality data without egui, for the
//! Quality page, the test report and the weekly report alike.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::model::quality::{
    Defect, QualityData, ResultStatus, RunId, SEVERITIES, TestRun, pass_rate,
};
use crate::model::requirement::{ReleaseId, RequirementId};
use crate::model::research::Requirement;

/// The ages open defects are grouped by: up to 3 days, a week, two weeks, a month,
/// older (`quality.age.*`).
pub const AGE_BUCKETS: [(i64, &str); 5] = [
    (3, "d3"),
    (7, "d7"),
    (14, "d14"),
    (30, "d30"),
    (i64::MAX, "older"),
];

/// At most this many weeks in the found/fixed trend (the newest ones).
pub const TREND_WEEKS: usize = 26;

/// A run's newest results, counted.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFigure {
    pub id: RunId,
    pub name: String,
    /// When it ran: its end date, else its newest result's day, else its start.
    pub day: Option<NaiveDate>,
    /// Cases chosen for it.
    pub cases: usize,
    /// Newest result per case, in [`ResultStatus::ALL`]'s order (cases without a
    /// result count as untested).
    pub counts: [usize; 5],
    pub pass_rate: Option<f64>,
}

impl RunFigure {
    pub fn of(run: &TestRun) -> RunFigure {
        let latest = run.fields.latest();
        let mut counts = [0usize; 5];
        for case in &run.fields.cases {
            let status = latest.get(case).copied().unwrap_or(ResultStatus::Untested);
            if let Some(i) = ResultStatus::ALL.iter().position(|s| *s == status) {
                counts[i] += 1;
            }
        }
        let newest = run.fields.results.iter().map(|r| r.at.date()).max();
        RunFigure {
            id: run.id,
            name: run.fields.name.clone(),
            day: run.fields.to.or(newest).or(run.fields.from),
            cases: run.fields.cases.len(),
            counts,
            pass_rate: pass_rate(
                run.fields
                    .cases
                    .iter()
                    .filter_map(|c| latest.get(c).copied()),
            ),
        }
    }

    pub fn count(&self, status: ResultStatus) -> usize {
        ResultStatus::ALL
            .iter()
            .position(|s| *s == status)
            .map_or(0, |i| self.counts[i])
    }

    /// Cases with a result other than untested.
    pub fn executed(&self) -> usize {
        self.cases - self.count(ResultStatus::Untested)
    }
}

/// A week of the found/fixed trend (weeks start on Monday).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekFigure {
    pub week: NaiveDate,
    pub found: usize,
    pub fixed: usize,
    /// Found by the week's end and not fixed by then.
    pub open_at_end: usize,
}

/// Defects of one requirement (or module) and how many cases test it.
#[derive(Clone, Debug, PartialEq)]
pub struct Density {
    pub key: String,
    pub title: String,
    pub defects: usize,
    pub cases: usize,
}

/// Every figure of the dashboard for a release (or the whole workspace).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QualityMetrics {
    /// The release's runs, oldest first.
    pub runs: Vec<RunFigure>,
    pub weeks: Vec<WeekFigure>,
    /// Open defects per severity (S1–S4) and age bucket ([`AGE_BUCKETS`]).
    pub open_by_age: Vec<(&'static str, [usize; 5])>,
    /// Requirements with defects, most first.
    pub density: Vec<Density>,
    /// Modules (top-level requirements) with defects, most first.
    pub modules: Vec<Density>,
    pub defects: usize,
    /// Defects not set aside as 不修复, of all.
    pub valid_rate: Option<f64>,
    /// Defects found by running a case, of all.
    pub found_by_cases: Option<f64>,
    /// Defects reopened at least once, of those ever fixed.
    pub reopen_rate: Option<f64>,
}

/// A share (0–1) as a percentage with one decimal (`87.7%`), `—` when there is none.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "—".to_owned(), |p| format!("{:.1}%", p * 100.0))
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Duration::days(i64::from(d.weekday().num_days_from_monday()))
}

impl QualityMetrics {
    /// The figures of `release` (`None`: everything) as of `today`.
    pub fn build(
        data: &QualityData,
        requirements: &[Requirement],
        release: Option<ReleaseId>,
        today: NaiveDate,
    ) -> QualityMetrics {
        let in_release = |r: Option<ReleaseId>| release.is_none() || r == release;
        let mut runs: Vec<RunFigure> = data
            .runs
            .iter()
            .filter(|r| in_release(r.fields.release))
            .map(RunFigure::of)
            .collect();
        runs.sort_by_key(|r| (r.day, r.id.0));
        let defects: Vec<&Defect> = data
            .defects
            .iter()
            .filter(|d| in_release(d.fields.release))
            .collect();
        let n = defects.len();
        let ever_fixed = defects
            .iter()
            .filter(|d| {
                d.fields.fixed.is_some()
                    || matches!(
                        d.fields.status.as_str(),
                        "verifying" | "closed" | "reopened"
                    )
            })
            .count();
        QualityMetrics {
            runs,
            weeks: weeks(&defects, today),
            open_by_age: open_by_age(&defects, today),
            density: density(&defects, data, requirements, false),
            modules: density(&defects, data, requirements, true),
            defects: n,
            valid_rate: share(
                defects
                    .iter()
                    .filter(|d| d.fields.status != "wont_fix")
                    .count(),
                n,
            ),
            found_by_cases: share(
                defects.iter().filter(|d| d.fields.case.is_some()).count(),
                n,
            ),
            reopen_rate: share(
                defects.iter().filter(|d| d.fields.reopened > 0).count(),
                ever_fixed,
            ),
        }
    }
}

/// Found and fixed per week, from the first week a defect was found to this week (the
/// newest [`TREND_WEEKS`]).
fn weeks(defects: &[&Defect], today: NaiveDate) -> Vec<WeekFigure> {
    let Some(first) = defects.iter().filter_map(|d| d.fields.found).min() else {
        return Vec::new();
    };
    let last = defects
        .iter()
        .filter_map(|d| d.fields.fixed)
        .chain([today])
        .max()
        .unwrap_or(today);
    let (first, last) = (monday(first), monday(last));
    let span = ((last - first).num_days() / 7) as usize + 1;
    let start = first + Duration::weeks(span.saturating_sub(TREND_WEEKS) as i64);
    let mut out = Vec::new();
    let mut week = start;
    while week <= last {
        let end = week + Duration::days(6);
        let within = |d: Option<NaiveDate>| d.is_some_and(|d| d >= week && d <= end);
        out.push(WeekFigure {
            week,
            found: defects.iter().filter(|d| within(d.fields.found)).count(),
            fixed: defects.iter().filter(|d| within(d.fields.fixed)).count(),
            open_at_end: defects
                .iter()
                .filter(|d| {
                    d.fields.found.is_some_and(|f| f <= end)
                        && d.fields.fixed.is_none_or(|f| f > end)
                        && (d.fields.is_open() || d.fields.fixed.is_some())
                })
                .count(),
        });
        week += Duration::weeks(1);
    }
    out
}

fn open_by_age(defects: &[&Defect], today: NaiveDate) -> Vec<(&'static str, [usize; 5])> {
    SEVERITIES
        .iter()
        .map(|s| {
            let mut row = [0usize; 5];
            for d in defects
                .iter()
                .filter(|d| d.fields.is_open() && d.fields.severity == *s)
            {
                let age = d.fields.found.map_or(0, |f| (today - f).num_days().max(0));
                let i = AGE_BUCKETS
                    .iter()
                    .position(|(upto, _)| age <= *upto)
                    .unwrap_or(AGE_BUCKETS.len() - 1);
                row[i] += 1;
            }
            (*s, row)
        })
        .collect()
}

/// Defects per requirement (a defect counts for its linked requirement, else for the
/// requirements of the case it was found by), or per module.
fn density(
    defects: &[&Defect],
    data: &QualityData,
    requirements: &[Requirement],
    modules: bool,
) -> Vec<Density> {
    let by_id: HashMap<RequirementId, &Requirement> =
        requirements.iter().map(|r| (r.id, r)).collect();
    let top = |mut id: RequirementId| {
        // The tree has no loops (the store cuts them); the bound is a guard.
        for _ in 0..requirements.len() {
            match by_id.get(&id).and_then(|r| r.fields.parent) {
                Some(p) if by_id.contains_key(&p) => id = p,
                _ => break,
            }
        }
        id
    };
    let case_reqs: HashMap<_, &Vec<RequirementId>> = data
        .cases
        .iter()
        .map(|c| (c.id, &c.fields.requirements))
        .collect();
    let mut counts: HashMap<RequirementId, usize> = HashMap::new();
    for d in defects {
        let reqs: Vec<RequirementId> = match d.fields.requirement {
            Some(r) => vec![r],
            None => d
                .fields
                .case
                .and_then(|c| case_reqs.get(&c))
                .map(|v| v.to_vec())
                .unwrap_or_default(),
        };
        let mut seen = std::collections::HashSet::new();
        for r in reqs {
            let r = if modules { top(r) } else { r };
            if seen.insert(r) {
                *counts.entry(r).or_default() += 1;
            }
        }
    }
    let mut cases: HashMap<RequirementId, usize> = HashMap::new();
    for c in &data.cases {
        let mut seen = std::collections::HashSet::new();
        for r in &c.fields.requirements {
            let r = if modules { top(*r) } else { *r };
            if seen.insert(r) {
                *cases.entry(r).or_default() += 1;
            }
        }
    }
    let mut out: Vec<Density> = counts
        .into_iter()
        .map(|(id, n)| Density {
            key: id.key(),
            title: by_id
                .get(&id)
                .map(|r| r.fields.title.clone())
                .unwrap_or_default(),
            defects: n,
            cases: cases.get(&id).copied().unwrap_or(0),
        })
        .collect();
    out.sort_by(|a, b| b.defects.cmp(&a.defects).then_with(|| a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::quality::{DefectFields, DefectId};

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
    }

    fn defect(id: i64, severity: &str, status: &str, found: u32, fixed: Option<u32>) -> Defect {
        Defect {
            id: DefectId(id),
            fields: DefectFields {
                title: format!("bug {id}"),
                severity: severity.into(),
                status: status.into(),
                found: Some(day(found)),
                fixed: fixed.map(day),
                ..Default::default()
            },
        }
    }

    #[test]
    fn weeks_ages_and_rates_count_what_they_say() {
        let mut data = QualityData {
            defects: vec![
                defect(1, "S1", "new", 2, None),           // open, 28 days old
                defect(2, "S2", "closed", 3, Some(10)),    // fixed in the week of 9 Nov
                defect(3, "S2", "wont_fix", 10, None),     // not valid
                defect(4, "S3", "reopened", 16, Some(18)), // reopened below
                defect(5, "S3", "fixing", 27, None),       // open, 3 days old
            ],
            ..QualityData::default()
        };
        data.defects[3].fields.reopened = 1;
        data.defects[4].fields.case = Some(crate::model::quality::TestCaseId(1));
        let m = QualityMetrics::build(&data, &[], None, day(30));
        assert_eq!(m.defects, 5);
        assert_eq!(m.weeks.first().map(|w| w.week), Some(day(2)));
        assert_eq!(m.weeks.last().map(|w| w.week), Some(day(30)));
        assert_eq!(m.weeks.iter().map(|w| w.found).sum::<usize>(), 5);
        assert_eq!(m.weeks.iter().map(|w| w.fixed).sum::<usize>(), 2);
        // Open: S1 28 days old, S3 ×2 (the reopened one 14 days, the new one 3 days).
        assert_eq!(m.open_by_age[0], ("S1", [0, 0, 0, 1, 0]));
        assert_eq!(m.open_by_age[2], ("S3", [1, 0, 1, 0, 0]));
        assert_eq!(m.valid_rate, Some(0.8));
        assert_eq!(m.found_by_cases, Some(0.2));
        // Ever fixed: #2 (closed) and #4 (reopened); one of them reopened.
        assert_eq!(m.reopen_rate, Some(0.5));
    }
}
