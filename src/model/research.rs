//! Research notes (interviews, focus groups, observations, desk research), feedback
//! items taken from answers, quotes and notes, and the requirements they are linked to
//! with an importance (as in Productboard), which add up to a requirement's demand.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::survey::SurveyId;

pub use super::requirement::{Requirement, RequirementFields, RequirementId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct NoteId(pub i64);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FeedbackId(pub i64);

/// How a piece of research was done.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteKind {
    Interview,
    FocusGroup,
    Observation,
    DeskResearch,
}

impl NoteKind {
    pub const ALL: [NoteKind; 4] = [
        NoteKind::Interview,
        NoteKind::FocusGroup,
        NoteKind::Observation,
        NoteKind::DeskResearch,
    ];

    /// The name in SQL, JSON and message keys.
    pub fn code(self) -> &'static str {
        match self {
            NoteKind::Interview => "interview",
            NoteKind::FocusGroup => "focus_group",
            NoteKind::Observation => "observation",
            NoteKind::DeskResearch => "desk_research",
        }
    }

    pub fn from_code(code: &str) -> Option<NoteKind> {
        NoteKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// What a research note says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFields {
    pub kind: NoteKind,
    pub title: String,
    /// When it took place.
    pub date: Option<NaiveDate>,
    /// Who took part, as written (`王芳（客服主管）, 李强`).
    pub participants: String,
    /// The customer segment it speaks for (`中型电商`, `坐席`).
    pub segment: String,
    pub text: String,
    pub tags: Vec<String>,
    /// Passages marked as quotes, in the note's order.
    pub quotes: Vec<String>,
}

/// Why a note cannot be kept as it is.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResearchProblem {
    #[error("a note needs a title")]
    EmptyTitle,
    #[error("feedback needs some text")]
    EmptyFeedback,
    #[error("a requirement needs a title")]
    EmptyRequirement,
    #[error("importance is 0 to 3, not {0}")]
    Importance(u8),
    #[error("the same requirement is linked twice")]
    DuplicateLink,
    #[error("a release needs a name")]
    EmptyRelease,
    #[error("{0} must be a number of at least 0 (confidence at most 100, priority 0 to 3)")]
    BadScore(String),
}

/// Cuts whitespace around a text; leaves inside alone.
fn trimmed(s: &str) -> String {
    s.trim().to_owned()
}

impl NoteFields {
    /// The fields tidied (whitespace, empty tags and quotes out, tags once) and checked.
    pub fn normalized(self) -> Result<NoteFields, ResearchProblem> {
        let title = trimmed(&self.title);
        if title.is_empty() {
            return Err(ResearchProblem::EmptyTitle);
        }
        let mut tags: Vec<String> = Vec::new();
        for t in self.tags.iter().map(|t| trimmed(t)) {
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        Ok(NoteFields {
            title,
            participants: trimmed(&self.participants),
            segment: trimmed(&self.segment),
            text: self.text.trim_end().to_owned(),
            tags,
            quotes: self
                .quotes
                .iter()
                .map(|q| trimmed(q))
                .filter(|q| !q.is_empty())
                .collect(),
            ..self
        })
    }
}

/// Splits tags as typed: `定价, 移动端；工单` → three tags.
pub fn parse_tags(text: &str) -> Vec<String> {
    text.split([',', '，', ';', '；', '、'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResearchNote {
    pub id: NoteId,
    pub fields: NoteFields,
}

/// Where a feedback item came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum FeedbackOrigin {
    /// One response's answer to one question of a survey.
    Response {
        survey: SurveyId,
        /// The response's row, from 0.
        response: u32,
        /// The question's key.
        question: String,
    },
    /// A highlighted quote of a note.
    Quote { note: NoteId },
    /// A note as a whole.
    Note { note: NoteId },
    /// Typed in by hand (a call, an email, a sales conversation).
    Manual,
}

impl FeedbackOrigin {
    /// The note it came from, if any.
    pub fn note(&self) -> Option<NoteId> {
        match self {
            FeedbackOrigin::Quote { note } | FeedbackOrigin::Note { note } => Some(*note),
            _ => None,
        }
    }

    /// The survey it came from, if any.
    pub fn survey(&self) -> Option<SurveyId> {
        match self {
            FeedbackOrigin::Response { survey, .. } => Some(*survey),
            _ => None,
        }
    }
}

/// How much a piece of feedback says a requirement matters (Productboard's scale):
/// 0 not important, 1 nice to have, 2 important, 3 critical.
pub const IMPORTANCE_LEVELS: u8 = 4;

/// A feedback item's link to a requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackLink {
    pub requirement: RequirementId,
    pub importance: u8,
}

/// What a feedback item says and what it is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackFields {
    pub text: String,
    pub origin: FeedbackOrigin,
    /// Who said it (a person or a customer account), as written.
    pub customer: String,
    pub segment: String,
    pub links: Vec<FeedbackLink>,
}

impl FeedbackFields {
    /// The fields tidied and checked: text present, importance 0–3, each requirement
    /// linked once.
    pub fn normalized(self) -> Result<FeedbackFields, ResearchProblem> {
        let text = self.text.trim().to_owned();
        if text.is_empty() {
            return Err(ResearchProblem::EmptyFeedback);
        }
        for (i, l) in self.links.iter().enumerate() {
            if l.importance >= IMPORTANCE_LEVELS {
                return Err(ResearchProblem::Importance(l.importance));
            }
            if self.links[..i]
                .iter()
                .any(|o| o.requirement == l.requirement)
            {
                return Err(ResearchProblem::DuplicateLink);
            }
        }
        Ok(FeedbackFields {
            text,
            customer: trimmed(&self.customer),
            segment: trimmed(&self.segment),
            ..self
        })
    }

    /// Its importance for `requirement`, if linked.
    pub fn importance_for(&self, requirement: RequirementId) -> Option<u8> {
        self.links
            .iter()
            .find(|l| l.requirement == requirement)
            .map(|l| l.importance)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: FeedbackId,
    pub fields: FeedbackFields,
}

/// How strongly feedback asks for one requirement.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Demand {
    /// Sum of the importance (0–3) of every linked feedback item.
    pub score: u32,
    /// Linked feedback items.
    pub items: usize,
    /// Of those, rated critical.
    pub critical: usize,
}

/// Each requirement's demand from the feedback linked to it.
pub fn demand<'a>(
    feedback: impl IntoIterator<Item = &'a Feedback>,
) -> std::collections::HashMap<RequirementId, Demand> {
    let mut out: std::collections::HashMap<RequirementId, Demand> =
        std::collections::HashMap::new();
    for f in feedback {
        for l in &f.fields.links {
            let d = out.entry(l.requirement).or_default();
            d.score += u32::from(l.importance);
            d.items += 1;
            d.critical += usize::from(l.importance == 3);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feedback(id: i64, links: &[(i64, u8)]) -> Feedback {
        Feedback {
            id: FeedbackId(id),
            fields: FeedbackFields {
                text: "离线也能看工单".into(),
                origin: FeedbackOrigin::Manual,
                customer: String::new(),
                segment: String::new(),
                links: links
                    .iter()
                    .map(|&(r, importance)| FeedbackLink {
                        requirement: RequirementId(r),
                        importance,
                    })
                    .collect(),
            },
        }
    }

    #[test]
    fn demand_adds_importance_per_requirement() {
        let items = [
            feedback(1, &[(1, 3), (2, 1)]),
            feedback(2, &[(1, 2)]),
            feedback(3, &[]),
        ];
        let d = demand(&items);
        assert_eq!(
            d[&RequirementId(1)],
            Demand {
                score: 5,
                items: 2,
                critical: 1
            }
        );
        assert_eq!(d[&RequirementId(2)].score, 1);
        assert!(!d.contains_key(&RequirementId(3)));
    }

    #[test]
    fn fields_are_tidied_and_checked() {
        assert_eq!(
            feedback(1, &[(1, 4)]).fields.normalized(),
            Err(ResearchProblem::Importance(4))
        );
        assert_eq!(
            feedback(1, &[(1, 1), (1, 2)]).fields.normalized(),
            Err(ResearchProblem::DuplicateLink)
        );
        let note = NoteFields {
            kind: NoteKind::Interview,
            title: "  访谈 ".into(),
            date: None,
            participants: " 王芳 ".into(),
            segment: String::new(),
            text: "正文\n".into(),
            tags: parse_tags("定价， 移动端；定价"),
            quotes: vec![" ".into(), "「太慢了」".into()],
        }
        .normalized()
        .unwrap();
        assert_eq!(note.title, "访谈");
        assert_eq!(note.tags, ["定价", "移动端"]);
        assert_eq!(note.quotes, ["「太慢了」"]);
        assert_eq!(RequirementId(7).key(), "REQ-7");
    }
}
