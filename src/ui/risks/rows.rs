//! Which risks the register table shows and in what order: the filter (text, band,
//! status, category, kind, owner, a heat-map cell), the sort (a column, either way)
//! and the grouping. Logic only, so it is tested without drawing.

use crate::model::risk::{Band, Risk, RiskKind};
use crate::report::risk_register::Register;

/// A column the table sorts by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RiskSort {
    Key,
    Title,
    Category,
    Probability,
    Impact,
    #[default]
    Score,
    Status,
    Owner,
    Residual,
    Proximity,
}

/// What the table groups rows under.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Grouping {
    #[default]
    None,
    Band,
    Category,
    Status,
    Owner,
}

impl Grouping {
    pub const ALL: [Grouping; 5] = [
        Grouping::None,
        Grouping::Band,
        Grouping::Category,
        Grouping::Status,
        Grouping::Owner,
    ];

    pub fn label_key(self) -> &'static str {
        match self {
            Grouping::None => "risks.group_none",
            Grouping::Band => "risk.column.band",
            Grouping::Category => "risk.column.category",
            Grouping::Status => "risk.column.status",
            Grouping::Owner => "risk.column.owner",
        }
    }
}

/// A heat-map cell: probability, impact, and whether it is the residual map.
pub type Cell = (u8, u8, bool);

/// What the table keeps.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RiskFilter {
    pub text: String,
    pub band: Option<Band>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub kind: Option<RiskKind>,
    /// Only open risks (not closed, not occurred).
    pub open_only: bool,
    pub cell: Option<Cell>,
}

impl RiskFilter {
    pub fn is_empty(&self) -> bool {
        *self == RiskFilter::default()
    }

    pub fn keeps(&self, register: &Register, r: &Risk) -> bool {
        let f = &r.fields;
        let text = self.text.trim().to_lowercase();
        if !text.is_empty()
            && ![&r.id.key(), &f.title, &f.description, &f.owner]
                .iter()
                .any(|s| s.to_lowercase().contains(&text))
        {
            return false;
        }
        if self.band.is_some_and(|b| register.band(r) != b)
            || self.status.as_ref().is_some_and(|s| *s != f.status)
            || self.category.as_ref().is_some_and(|c| *c != f.category)
            || self.kind.is_some_and(|k| k != f.kind)
            || (self.open_only && !f.is_open())
        {
            return false;
        }
        match self.cell {
            Some((p, i, false)) => f.probability == p && f.impact.overall() == i,
            Some((p, i, true)) => f
                .residual
                .is_some_and(|x| x.probability == p && x.impact == i),
            None => true,
        }
    }
}

/// The group a risk falls in (its heading's text is the caller's).
pub fn group_key(register: &Register, r: &Risk, by: Grouping) -> String {
    match by {
        Grouping::None => String::new(),
        // High first.
        Grouping::Band => match register.band(r) {
            Band::High => "0high",
            Band::Medium => "1medium",
            Band::Low => "2low",
        }
        .to_owned(),
        Grouping::Category => r.fields.category.clone(),
        Grouping::Status => {
            let at = crate::model::risk::STATUSES
                .iter()
                .position(|s| *s == r.fields.status)
                .unwrap_or(9);
            format!("{at}{}", r.fields.status)
        }
        Grouping::Owner => r.fields.owner.clone(),
    }
}

/// The indexes into `register.risks` the table shows, in order: grouped, then
/// sorted (descending when asked), ties by key.
pub fn rows(
    register: &Register,
    filter: &RiskFilter,
    sort: RiskSort,
    descending: bool,
    group: Grouping,
) -> Vec<usize> {
    let mut out: Vec<usize> = (0..register.risks.len())
        .filter(|&i| filter.keeps(register, &register.risks[i]))
        .collect();
    let key = |r: &Risk| -> (i64, String) {
        let f = &r.fields;
        match sort {
            RiskSort::Key => (r.id.0, String::new()),
            RiskSort::Title => (0, f.title.clone()),
            RiskSort::Category => (0, f.category.clone()),
            RiskSort::Probability => (i64::from(f.probability), String::new()),
            RiskSort::Impact => (i64::from(f.impact.overall()), String::new()),
            RiskSort::Score => (i64::from(f.score()), String::new()),
            RiskSort::Status => (
                crate::model::risk::STATUSES
                    .iter()
                    .position(|s| *s == f.status)
                    .unwrap_or(9) as i64,
                String::new(),
            ),
            RiskSort::Owner => (0, f.owner.clone()),
            RiskSort::Residual => (i64::from(f.residual_score().unwrap_or(0)), String::new()),
            RiskSort::Proximity => (
                f.proximity.map_or(i64::MAX, |d| {
                    d.signed_duration_since(chrono::NaiveDate::MIN).num_days()
                }),
                String::new(),
            ),
        }
    };
    out.sort_by(|&a, &b| {
        let (ra, rb) = (&register.risks[a], &register.risks[b]);
        let by_group = group_key(register, ra, group).cmp(&group_key(register, rb, group));
        let by_key = key(ra).cmp(&key(rb));
        let by_key = if descending { by_key.reverse() } else { by_key };
        by_group.then(by_key).then(ra.id.cmp(&rb.id))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::risk::{Impact, Residual, RiskFields, RiskId};

    fn register() -> Register {
        let risk = |id: i64, title: &str, p: u8, i: u8, status: &str, owner: &str| {
            let mut f = RiskFields::titled(title);
            f.probability = p;
            f.impact = Impact::uniform(i);
            f.status = status.into();
            f.owner = owner.into();
            f.category = if id % 2 == 0 { "technical" } else { "external" }.into();
            Risk {
                id: RiskId(id),
                fields: f,
            }
        };
        let mut r = vec![
            risk(1, "接口延迟", 4, 4, "responding", "王强"),
            risk(2, "审核周期", 2, 2, "identified", "陈晨"),
            risk(3, "需求变更", 5, 4, "closed", "刘洋"),
            risk(4, "人员离职", 3, 4, "analysing", "王强"),
        ];
        r[0].fields.residual = Some(Residual {
            probability: 2,
            impact: 3,
        });
        Register {
            risks: r,
            ..Register::default()
        }
    }

    #[test]
    fn filters_keep_what_they_say() {
        let reg = register();
        let keep = |f: &RiskFilter| rows(&reg, f, RiskSort::Key, false, Grouping::None);
        assert_eq!(keep(&RiskFilter::default()), vec![0, 1, 2, 3]);
        let text = RiskFilter {
            text: "王强".into(),
            ..Default::default()
        };
        assert_eq!(keep(&text), vec![0, 3]);
        let open = RiskFilter {
            open_only: true,
            band: Some(Band::High),
            ..Default::default()
        };
        assert_eq!(keep(&open), vec![0]);
        let cell = RiskFilter {
            cell: Some((2, 3, true)),
            ..Default::default()
        };
        assert_eq!(keep(&cell), vec![0]);
        let inherent = RiskFilter {
            cell: Some((3, 4, false)),
            ..Default::default()
        };
        assert_eq!(keep(&inherent), vec![3]);
    }

    #[test]
    fn sorting_and_grouping() {
        let reg = register();
        let all = RiskFilter::default();
        assert_eq!(
            rows(&reg, &all, RiskSort::Score, true, Grouping::None),
            vec![2, 0, 3, 1]
        );
        // Grouped by band (high first), each group by score ascending.
        assert_eq!(
            rows(&reg, &all, RiskSort::Score, false, Grouping::Band),
            vec![0, 2, 3, 1]
        );
        // By status in the life order: identified, analysing, responding, closed.
        assert_eq!(
            rows(&reg, &all, RiskSort::Status, false, Grouping::None),
            vec![1, 3, 0, 2]
        );
    }
}
