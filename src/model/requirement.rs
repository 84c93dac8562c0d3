//! Requirements: a tree of any depth (epic → feature → story …) with type, source,
//! workflow status, priority P0–P3, owner, tags, release, acceptance criteria and the
//! scores that prioritise them (MoSCoW, RICE, WSJF, Kano, value and effort).

use serde::{Deserialize, Serialize};

use super::research::ResearchProblem;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RequirementId(pub i64);

impl RequirementId {
    /// The key people use: `REQ-12` (ids are never reused, so keys are stable).
    pub fn key(self) -> String {
        format!("REQ-{}", self.0)
    }

    /// Reads `REQ-12` (or `12`).
    pub fn parse_key(text: &str) -> Option<RequirementId> {
        let t = text.trim();
        let digits = t
            .strip_prefix("REQ-")
            .or_else(|| t.strip_prefix("req-"))
            .unwrap_or(t);
        digits.parse().ok().filter(|&n| n > 0).map(RequirementId)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ReleaseId(pub i64);

/// The workflow a requirement goes through unless the workspace sets its own: codes
/// in order (names come from the UI language).
pub const DEFAULT_STATUSES: [&str; 7] = [
    "review",
    "reviewed",
    "planned",
    "developing",
    "testing",
    "released",
    "rejected",
];

/// Types of requirement (功能, 非功能, 缺陷, 技术债 …).
pub const KINDS: [&str; 6] = [
    "feature",
    "non_functional",
    "bug",
    "tech_debt",
    "improvement",
    "research",
];

/// Where a requirement came from (问卷, 访谈, 客户, 竞品, 内部, 反馈).
pub const SOURCES: [&str; 6] = [
    "survey",
    "interview",
    "customer",
    "competitor",
    "internal",
    "feedback",
];

/// MoSCoW.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Moscow {
    Must,
    Should,
    Could,
    Wont,
}

impl Moscow {
    pub const ALL: [Moscow; 4] = [Moscow::Must, Moscow::Should, Moscow::Could, Moscow::Wont];

    pub fn code(self) -> &'static str {
        match self {
            Moscow::Must => "must",
            Moscow::Should => "should",
            Moscow::Could => "could",
            Moscow::Wont => "wont",
        }
    }
}

/// Kano categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kano {
    /// Must-be (基本型).
    MustBe,
    /// One-dimensional, performance (期望型).
    Performance,
    /// Attractive, delighter (兴奋型).
    Attractive,
    /// Indifferent (无差异型).
    Indifferent,
    /// Reverse (反向型).
    Reverse,
}

impl Kano {
    pub const ALL: [Kano; 5] = [
        Kano::MustBe,
        Kano::Performance,
        Kano::Attractive,
        Kano::Indifferent,
        Kano::Reverse,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kano::MustBe => "must_be",
            Kano::Performance => "performance",
            Kano::Attractive => "attractive",
            Kano::Indifferent => "indifferent",
            Kano::Reverse => "reverse",
        }
    }
}

/// The inputs of every prioritisation a requirement can be ranked by; any may be unset.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scores {
    pub moscow: Option<Moscow>,
    /// RICE: people or events per period.
    pub reach: Option<f64>,
    /// RICE impact: 0.25, 0.5, 1, 2, 3.
    pub impact: Option<f64>,
    /// RICE confidence in percent (100, 80, 50).
    pub confidence: Option<f64>,
    /// RICE effort in person-months (also the "effort" of value × effort).
    pub effort: Option<f64>,
    /// WSJF cost of delay parts (1–20 each, Fibonacci by convention) and job size.
    pub business_value: Option<f64>,
    pub time_criticality: Option<f64>,
    pub risk_reduction: Option<f64>,
    pub job_size: Option<f64>,
    pub kano: Option<Kano>,
    /// Value on a 1–10 scale (for the value × effort matrix).
    pub value: Option<f64>,
}

impl Scores {
    /// RICE = reach × impact × confidence ÷ effort (confidence as a fraction).
    pub fn rice(&self) -> Option<f64> {
        let effort = self.effort.filter(|e| *e > 0.0)?;
        Some(self.reach? * self.impact? * (self.confidence? / 100.0) / effort)
    }

    /// WSJF = (business value + time criticality + risk reduction) ÷ job size.
    pub fn wsjf(&self) -> Option<f64> {
        let size = self.job_size.filter(|s| *s > 0.0)?;
        Some((self.business_value? + self.time_criticality? + self.risk_reduction?) / size)
    }

    /// Every number is finite and not negative; confidence at most 100.
    fn check(&self) -> Result<(), ResearchProblem> {
        let all = [
            ("reach", self.reach),
            ("impact", self.impact),
            ("confidence", self.confidence),
            ("effort", self.effort),
            ("business_value", self.business_value),
            ("time_criticality", self.time_criticality),
            ("risk_reduction", self.risk_reduction),
            ("job_size", self.job_size),
            ("value", self.value),
        ];
        for (name, v) in all {
            if let Some(x) = v
                && (!x.is_finite() || x < 0.0 || (name == "confidence" && x > 100.0))
            {
                return Err(ResearchProblem::BadScore(name.to_owned()));
            }
        }
        Ok(())
    }
}

/// One acceptance criterion: done or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub done: bool,
    pub text: String,
}

/// Everything a requirement says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequirementFields {
    pub parent: Option<RequirementId>,
    pub title: String,
    /// Markdown.
    pub description: String,
    /// Workflow status code (`review`, `planned` …).
    pub status: String,
    /// P0–P3 as 0–3.
    pub priority: Option<u8>,
    /// Type code (`feature`, `bug` …).
    #[serde(default = "default_kind")]
    pub kind: String,
    /// Source code (`survey`, `customer` …), empty when unknown.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub owner: String,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub release: Option<ReleaseId>,
    #[serde(default)]
    pub acceptance: Vec<Criterion>,
    #[serde(default)]
    pub scores: Scores,
    /// Tasks of the plan that deliver it (a task deleted later is left out when shown;
    /// its id is never reused, so undoing the delete brings the link back).
    #[serde(default)]
    pub tasks: Vec<crate::model::TaskId>,
    /// Values of the workspace's custom fields, by field id.
    #[serde(default)]
    pub custom: std::collections::BTreeMap<String, String>,
    /// When it was raised (Jira's Created, PingCode's 创建时间).
    #[serde(default)]
    pub created: Option<chrono::NaiveDate>,
    /// When it is due.
    #[serde(default)]
    pub due: Option<chrono::NaiveDate>,
    /// Its place among its siblings, when the user has ordered them (lower first);
    /// unranked ones follow by key.
    #[serde(default)]
    pub rank: Option<i64>,
}

fn default_kind() -> String {
    "feature".into()
}

impl RequirementFields {
    /// A new requirement awaiting review.
    pub fn titled(title: &str) -> RequirementFields {
        RequirementFields {
            parent: None,
            title: title.to_owned(),
            description: String::new(),
            status: DEFAULT_STATUSES[0].into(),
            priority: None,
            kind: default_kind(),
            source: String::new(),
            owner: String::new(),
            tags: Vec::new(),
            release: None,
            acceptance: Vec::new(),
            scores: Scores::default(),
            tasks: Vec::new(),
            custom: std::collections::BTreeMap::new(),
            created: None,
            due: None,
            rank: None,
        }
    }

    /// The fields tidied (whitespace, empty and repeated tags, empty criteria) and
    /// checked (a title, a priority 0–3, sensible scores).
    pub fn normalized(self) -> Result<RequirementFields, ResearchProblem> {
        let title = self.title.trim().to_owned();
        if title.is_empty() {
            return Err(ResearchProblem::EmptyRequirement);
        }
        if let Some(p) = self.priority
            && p > 3
        {
            return Err(ResearchProblem::BadScore("priority".into()));
        }
        self.scores.check()?;
        let mut tags: Vec<String> = Vec::new();
        for t in self.tags.iter().map(|t| t.trim()) {
            if !t.is_empty() && !tags.iter().any(|x| x == t) {
                tags.push(t.to_owned());
            }
        }
        Ok(RequirementFields {
            title,
            owner: self.owner.trim().to_owned(),
            status: if self.status.trim().is_empty() {
                DEFAULT_STATUSES[0].into()
            } else {
                self.status.trim().to_owned()
            },
            kind: if self.kind.trim().is_empty() {
                default_kind()
            } else {
                self.kind.trim().to_owned()
            },
            tags,
            tasks: {
                let mut seen = Vec::new();
                for t in &self.tasks {
                    if !seen.contains(t) {
                        seen.push(*t);
                    }
                }
                seen
            },
            acceptance: self
                .acceptance
                .into_iter()
                .filter(|c| !c.text.trim().is_empty())
                .map(|c| Criterion {
                    done: c.done,
                    text: c.text.trim().to_owned(),
                })
                .collect(),
            ..self
        })
    }

    /// Acceptance criteria met, of all.
    pub fn accepted(&self) -> (usize, usize) {
        (
            self.acceptance.iter().filter(|c| c.done).count(),
            self.acceptance.len(),
        )
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    pub id: RequirementId,
    pub fields: RequirementFields,
}

/// A release requirements are assigned to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseFields {
    pub name: String,
    pub version: String,
    pub target: Option<chrono::NaiveDate>,
    /// `planned`, `in_progress`, `released`, `cancelled`.
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    pub id: ReleaseId,
    pub fields: ReleaseFields,
}

/// Release statuses in order.
pub const RELEASE_STATUSES: [&str; 4] = ["planned", "in_progress", "released", "cancelled"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rice_and_wsjf_follow_their_formulas() {
        let s = Scores {
            reach: Some(2000.0),
            impact: Some(2.0),
            confidence: Some(80.0),
            effort: Some(4.0),
            business_value: Some(8.0),
            time_criticality: Some(5.0),
            risk_reduction: Some(3.0),
            job_size: Some(8.0),
            ..Scores::default()
        };
        assert_eq!(s.rice(), Some(800.0));
        assert_eq!(s.wsjf(), Some(2.0));
        let unset = Scores {
            effort: Some(0.0),
            ..s.clone()
        };
        assert_eq!(unset.rice(), None, "no effort, no score");
        assert_eq!(Scores::default().wsjf(), None);
    }

    #[test]
    fn fields_are_tidied_and_bad_scores_refused() {
        let mut f = RequirementFields::titled("  离线模式 ");
        f.tags = vec![" 移动端".into(), "移动端".into(), "".into()];
        f.acceptance = vec![
            Criterion {
                done: false,
                text: " 断网可查看工单 ".into(),
            },
            Criterion {
                done: true,
                text: " ".into(),
            },
        ];
        let f = f.normalized().unwrap();
        assert_eq!(f.title, "离线模式");
        assert_eq!(f.tags, ["移动端"]);
        assert_eq!(f.acceptance.len(), 1);
        let mut bad = RequirementFields::titled("x");
        bad.scores.confidence = Some(120.0);
        assert_eq!(
            bad.normalized(),
            Err(ResearchProblem::BadScore("confidence".into()))
        );
        assert_eq!(RequirementId::parse_key("REQ-12"), Some(RequirementId(12)));
        assert_eq!(RequirementId::parse_key("x"), None);
    }

    #[test]
    fn fields_of_the_first_requirement_model_still_read() {
        // An edit logged by schema 9 (before types, scores, releases).
        let old =
            r#"{"parent":null,"title":"离线","description":"","status":"review","priority":1}"#;
        let f: RequirementFields = serde_json::from_str(old).unwrap();
        assert_eq!(f.kind, "feature");
        assert_eq!(f.scores, Scores::default());
    }
}
