//! The risk register (风险登记册): a risk's cause → event → effect, category, threat or
//! opportunity, probability × impact (the highest of schedule, cost, scope and quality)
//! with its band, response strategy and actions, the residual rating after the
//! response, status, links, and the schedule effect a simulation draws from.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::requirement::RequirementId;
use super::{ProjectId, TaskId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RiskId(pub i64);

impl RiskId {
    /// `R-12`, as the register shows it.
    pub fn key(self) -> String {
        format!("R-{}", self.0)
    }

    pub fn parse_key(key: &str) -> Option<RiskId> {
        key.trim().strip_prefix("R-")?.parse().ok().map(RiskId)
    }
}

/// A threat or an opportunity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    #[default]
    Threat,
    Opportunity,
}

impl RiskKind {
    pub fn code(self) -> &'static str {
        match self {
            RiskKind::Threat => "threat",
            RiskKind::Opportunity => "opportunity",
        }
    }

    /// The response strategies of the kind (threats 规避/转移/减轻/接受, opportunities
    /// 开拓/分享/提高/接受).
    pub fn strategies(self) -> &'static [&'static str] {
        match self {
            RiskKind::Threat => &["avoid", "transfer", "mitigate", "accept"],
            RiskKind::Opportunity => &["exploit", "share", "enhance", "accept"],
        }
    }
}

/// The built-in categories (the workspace may use others).
pub const CATEGORIES: [&str; 7] = [
    "technical",
    "schedule",
    "resource",
    "requirement",
    "external",
    "quality",
    "commercial",
];

/// The life of a risk: identified → analysed → being answered → closed, or it
/// occurred (and became an issue).
pub const STATUSES: [&str; 5] = [
    "identified",
    "analysing",
    "responding",
    "closed",
    "occurred",
];

/// Impact on each dimension, 1–5 (0: none).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    #[serde(default)]
    pub schedule: u8,
    #[serde(default)]
    pub cost: u8,
    #[serde(default)]
    pub scope: u8,
    #[serde(default)]
    pub quality: u8,
}

impl Impact {
    /// The impact that counts: the highest of the dimensions.
    pub fn overall(self) -> u8 {
        self.schedule
            .max(self.cost)
            .max(self.scope)
            .max(self.quality)
    }

    pub fn uniform(v: u8) -> Impact {
        Impact {
            schedule: v,
            cost: v,
            scope: v,
            quality: v,
        }
    }
}

/// A response action; it can become a task of the plan.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseAction {
    pub text: String,
    #[serde(default)]
    pub task: Option<TaskId>,
    #[serde(default)]
    pub done: bool,
}

/// The days a risk adds to the tasks it hits, should it occur (for the simulation).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScheduleEffect {
    pub tasks: Vec<TaskId>,
    pub min_days: f64,
    pub likely_days: f64,
    pub max_days: f64,
}

/// The probability and impact after the response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Residual {
    pub probability: u8,
    pub impact: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskFields {
    pub title: String,
    /// Cause → event → effect.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub kind: RiskKind,
    /// 1–5.
    pub probability: u8,
    pub impact: Impact,
    /// When it could occur.
    #[serde(default)]
    pub proximity: Option<NaiveDate>,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub trigger: String,
    /// A code of the kind's strategies; empty until decided.
    #[serde(default)]
    pub strategy: String,
    #[serde(default)]
    pub actions: Vec<ResponseAction>,
    #[serde(default)]
    pub residual: Option<Residual>,
    pub status: String,
    /// The project it belongs to (`None`: the whole workspace).
    #[serde(default)]
    pub project: Option<ProjectId>,
    #[serde(default)]
    pub tasks: Vec<TaskId>,
    #[serde(default)]
    pub milestones: Vec<TaskId>,
    #[serde(default)]
    pub requirements: Vec<RequirementId>,
    #[serde(default)]
    pub effect: Option<ScheduleEffect>,
    /// When it was raised.
    #[serde(default)]
    pub raised: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub fields: RiskFields,
}

/// The settings key of the score bands.
pub const BANDS_KEY: &str = "risk_bands";

/// The setting holding the workspace's own risk categories (besides [`CATEGORIES`]).
pub const CATEGORIES_KEY: &str = "risk_categories";

/// Where the score bands start: low below `medium_from`, high from `high_from`
/// (by default 1–5 低, 6–12 中, 15–25 高).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bands {
    pub medium_from: u8,
    pub high_from: u8,
}

impl Default for Bands {
    fn default() -> Self {
        Bands {
            medium_from: 6,
            high_from: 15,
        }
    }
}

/// A score's band.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Low,
    Medium,
    High,
}

impl Band {
    pub fn code(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
        }
    }
}

impl Bands {
    pub fn of(self, score: u8) -> Band {
        if score >= self.high_from {
            Band::High
        } else if score >= self.medium_from {
            Band::Medium
        } else {
            Band::Low
        }
    }
}

/// Why a risk cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskProblem {
    #[error("a risk needs a title")]
    NoTitle,
    #[error("probability and impact are 1 to 5 (got {0})")]
    OutOfScale(u8),
    #[error("no risk status “{0}” (identified, analysing, responding, closed, occurred)")]
    UnknownStatus(String),
    #[error("“{strategy}” is not a response to {kind} (use one of {choices})")]
    WrongStrategy {
        strategy: String,
        kind: &'static str,
        choices: String,
    },
    #[error("a schedule effect needs min ≤ most likely ≤ max days, not negative")]
    BadEffect,
    #[error("no risk {0}")]
    Unknown(String),
    #[error("risk bands need 2 ≤ medium < high ≤ 25")]
    BadBands,
    #[error("the risk belongs to no project, so its action cannot become a task")]
    NoProject,
}

impl RiskFields {
    pub fn titled(title: &str) -> RiskFields {
        RiskFields {
            title: title.to_owned(),
            description: String::new(),
            category: String::new(),
            kind: RiskKind::Threat,
            probability: 3,
            impact: Impact::uniform(3),
            proximity: None,
            owner: String::new(),
            trigger: String::new(),
            strategy: String::new(),
            actions: Vec::new(),
            residual: None,
            status: STATUSES[0].to_owned(),
            project: None,
            tasks: Vec::new(),
            milestones: Vec::new(),
            requirements: Vec::new(),
            effect: None,
            raised: None,
        }
    }

    /// probability × the highest impact, 1–25.
    pub fn score(&self) -> u8 {
        self.probability * self.impact.overall()
    }

    pub fn residual_score(&self) -> Option<u8> {
        self.residual.map(|r| r.probability * r.impact)
    }

    /// The chance a schedule simulation gives it: probability 1–5 read as the middle
    /// of its band (10, 30, 50, 70, 90 %), the residual one once a response is under
    /// way.
    pub fn chance(&self) -> f64 {
        let p = match (self.status.as_str(), self.residual) {
            ("responding", Some(r)) => r.probability,
            _ => self.probability,
        };
        f64::from(p.clamp(1, 5)) * 0.2 - 0.1
    }

    /// Still to be watched (not closed; an occurred risk is an issue now).
    pub fn is_open(&self) -> bool {
        !matches!(self.status.as_str(), "closed" | "occurred")
    }

    /// The fields tidied and checked.
    pub fn normalized(mut self) -> Result<RiskFields, RiskProblem> {
        self.title = self.title.trim().to_owned();
        if self.title.is_empty() {
            return Err(RiskProblem::NoTitle);
        }
        let scale = |v: u8, zero_ok: bool| {
            if (zero_ok && v == 0) || (1..=5).contains(&v) {
                Ok(())
            } else {
                Err(RiskProblem::OutOfScale(v))
            }
        };
        scale(self.probability, false)?;
        let i = self.impact;
        for v in [i.schedule, i.cost, i.scope, i.quality] {
            scale(v, true)?;
        }
        if i.overall() == 0 {
            return Err(RiskProblem::OutOfScale(0));
        }
        if let Some(r) = self.residual {
            scale(r.probability, false)?;
            scale(r.impact, false)?;
        }
        if !STATUSES.contains(&self.status.as_str()) {
            return Err(RiskProblem::UnknownStatus(self.status));
        }
        self.strategy = self.strategy.trim().to_owned();
        if !self.strategy.is_empty() && !self.kind.strategies().contains(&self.strategy.as_str()) {
            return Err(RiskProblem::WrongStrategy {
                strategy: self.strategy,
                kind: self.kind.code(),
                choices: self.kind.strategies().join(", "),
            });
        }
        if let Some(e) = &self.effect
            && !(0.0 <= e.min_days && e.min_days <= e.likely_days && e.likely_days <= e.max_days)
        {
            return Err(RiskProblem::BadEffect);
        }
        self.category = self.category.trim().to_owned();
        self.owner = self.owner.trim().to_owned();
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_probability_times_the_highest_impact_and_bands_follow() {
        let mut r = RiskFields::titled("供应商延期");
        r.probability = 4;
        r.impact = Impact {
            schedule: 5,
            cost: 2,
            ..Impact::default()
        };
        assert_eq!(r.score(), 20);
        let bands = Bands::default();
        assert_eq!(bands.of(20), Band::High);
        assert_eq!(bands.of(12), Band::Medium);
        assert_eq!(bands.of(5), Band::Low);
        assert_eq!(RiskId(12).key(), "R-12");
        assert_eq!(RiskId::parse_key("R-12"), Some(RiskId(12)));
    }

    #[test]
    fn wrong_fields_are_refused_with_the_reason() {
        let mut r = RiskFields::titled(" ");
        assert_eq!(r.clone().normalized(), Err(RiskProblem::NoTitle));
        r.title = "x".into();
        r.probability = 6;
        assert_eq!(r.clone().normalized(), Err(RiskProblem::OutOfScale(6)));
        r.probability = 2;
        r.strategy = "exploit".into();
        assert!(matches!(
            r.clone().normalized(),
            Err(RiskProblem::WrongStrategy { .. })
        ));
        r.strategy = "mitigate".into();
        r.effect = Some(ScheduleEffect {
            tasks: vec![],
            min_days: 5.0,
            likely_days: 2.0,
            max_days: 8.0,
        });
        assert_eq!(r.clone().normalized(), Err(RiskProblem::BadEffect));
        r.effect = None;
        assert!(r.normalized().is_ok());
    }
}
