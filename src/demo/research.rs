//! The demo's research (`assets/demo/research.json`, `requirements.json`): the
//! requirement pool with its releases, interview notes with their quotes, and the
//! feedback linking quotes and survey comments to the requirements they ask for —
//! everything named by title.

use std::collections::HashMap;

use super::DemoError;
use crate::model::TaskId;
use crate::model::requirement::{Release, Requirement};
use crate::model::research::{
    Feedback, FeedbackFields, FeedbackId, FeedbackLink, FeedbackOrigin, NoteFields, NoteId,
    NoteKind, RequirementFields, RequirementId, ResearchNote,
};
use crate::model::survey::{Survey, SurveyId};

const RESEARCH_JSON: &str = include_str!("../../assets/demo/research.json");

#[derive(serde::Deserialize)]
struct Research {
    notes: Vec<DemoNote>,
    survey_comments: SurveyComments,
}

#[derive(serde::Deserialize)]
struct DemoNote {
    kind: String,
    title: String,
    date: chrono::NaiveDate,
    participants: String,
    /// The customer account the participants work for; empty when the note is not
    /// a customer's (internal research); absent: the first participant.
    #[serde(default)]
    customer: Option<String>,
    segment: String,
    text: String,
    tags: Vec<String>,
    quotes: Vec<Asks>,
}

/// A quote or a comment, the requirement it asks for (by title) and how much.
#[derive(serde::Deserialize)]
struct Asks {
    #[serde(alias = "comment")]
    text: String,
    requirement: String,
    importance: u8,
}

/// Survey comments that become feedback: the comment question, the question whose
/// answer is the respondent's segment, how many answers per comment.
#[derive(serde::Deserialize)]
struct SurveyComments {
    question: String,
    role_question: String,
    per_comment: usize,
    comments: Vec<Asks>,
}

fn research() -> Result<Research, DemoError> {
    serde_json::from_str(RESEARCH_JSON).map_err(|e| DemoError(format!("research.json: {e}")))
}

/// All text of the demo research, for the font check.
pub(super) fn all_text() -> String {
    format!("{POOL_JSON}{RESEARCH_JSON}")
}

/// The demo's requirement pool (`assets/demo/requirements.json`): epics and their
/// requirements with status, priority, owner, release, scores and the plan tasks that
/// deliver them.
#[derive(serde::Deserialize)]
struct Pool {
    releases: Vec<PoolRelease>,
    epics: Vec<PoolEpic>,
}

#[derive(serde::Deserialize)]
struct PoolRelease {
    name: String,
    version: String,
    target: String,
    status: String,
}

#[derive(serde::Deserialize)]
struct PoolEpic {
    title: String,
    description: String,
    owner: String,
    children: Vec<PoolRequirement>,
}

#[derive(serde::Deserialize)]
struct PoolRequirement {
    title: String,
    kind: String,
    status: String,
    priority: u8,
    owner: String,
    /// Which of the pool's releases, counting from 1.
    release: Option<usize>,
    moscow: String,
    reach: f64,
    impact: f64,
    confidence: f64,
    effort: f64,
    business_value: f64,
    time_criticality: f64,
    risk_reduction: f64,
    job_size: f64,
    kano: String,
    value: f64,
    /// What it is for, and where it came from (`feedback`: users asked for it).
    #[serde(default)]
    description: String,
    #[serde(default)]
    source: String,
    /// Names of demo plan tasks.
    tasks: Vec<String>,
    /// Acceptance criteria, one per line of the editor.
    #[serde(default)]
    acceptance: Vec<String>,
}

const POOL_JSON: &str = include_str!("../../assets/demo/requirements.json");

/// The releases and requirements, ids from 1; requirements link to plan tasks by name
/// (`tasks`: every demo task's id by name).
fn pool(tasks: &HashMap<&str, TaskId>) -> Result<(Vec<Release>, Vec<Requirement>), DemoError> {
    use crate::model::requirement::{Kano, Moscow, ReleaseFields, ReleaseId, Scores};
    let pool: Pool = serde_json::from_str(POOL_JSON)
        .map_err(|e| DemoError(format!("requirements.json: {e}")))?;
    let mut releases = Vec::new();
    for (i, r) in pool.releases.iter().enumerate() {
        let release = Release {
            id: ReleaseId(i as i64 + 1),
            fields: ReleaseFields {
                name: r.name.clone(),
                version: r.version.clone(),
                target: chrono::NaiveDate::parse_from_str(&r.target, "%Y-%m-%d").ok(),
                status: r.status.clone(),
            },
        };
        releases.push(release);
    }
    let mut requirements: Vec<Requirement> = Vec::new();
    let mut put = |fields: RequirementFields| -> RequirementId {
        let id = RequirementId(requirements.len() as i64 + 1);
        requirements.push(Requirement { id, fields });
        id
    };
    // Raised over the second half of 2026; due two weeks before their release, a few
    // of 2.0's already in November.
    let mut child = 0i64;
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let raised = |n: i64| {
        day(2026, 6, 1).and_then(|d| d.checked_add_days(chrono::Days::new((n * 37 % 170) as u64)))
    };
    for epic in &pool.epics {
        let epic_id = put(RequirementFields {
            description: epic.description.clone(),
            owner: epic.owner.clone(),
            status: "planned".into(),
            created: day(2026, 6, 1),
            ..RequirementFields::titled(&epic.title)
        });
        for c in &epic.children {
            child += 1;
            let mut linked = Vec::new();
            // Written as in the plan's outline: "K6 开放 API 与 Webhook".
            for name in &c.tasks {
                let bare = name.split_once(' ').map_or(name.as_str(), |x| x.1);
                linked.extend(tasks.get(bare).copied());
            }
            put(RequirementFields {
                parent: Some(epic_id),
                description: c.description.clone(),
                kind: c.kind.clone(),
                status: c.status.clone(),
                priority: Some(c.priority),
                owner: c.owner.clone(),
                release: c.release.map(|r| ReleaseId(r as i64)),
                source: if c.source.is_empty() {
                    "internal".into()
                } else {
                    c.source.clone()
                },
                scores: Scores {
                    moscow: Moscow::ALL.into_iter().find(|m| m.code() == c.moscow),
                    reach: Some(c.reach),
                    impact: Some(c.impact),
                    confidence: Some(c.confidence),
                    effort: Some(c.effort),
                    business_value: Some(c.business_value),
                    time_criticality: Some(c.time_criticality),
                    risk_reduction: Some(c.risk_reduction),
                    job_size: Some(c.job_size),
                    kano: Kano::ALL.into_iter().find(|k| k.code() == c.kano),
                    value: Some(c.value),
                },
                tasks: linked,
                acceptance: c
                    .acceptance
                    .iter()
                    .map(|text| crate::model::requirement::Criterion {
                        done: false,
                        text: text.clone(),
                    })
                    .collect(),
                created: raised(child),
                due: match c.release {
                    Some(1) if child % 9 == 0 => day(2026, 11, 20),
                    Some(1) => day(2027, 1, 15),
                    Some(2) => day(2027, 4, 16),
                    _ => None,
                },
                ..RequirementFields::titled(&c.title)
            });
        }
    }
    Ok((releases, requirements))
}

/// What the demo's research adds to the seed.
pub(super) struct DemoResearch {
    pub(super) releases: Vec<Release>,
    pub(super) requirements: Vec<Requirement>,
    pub(super) notes: Vec<ResearchNote>,
    pub(super) feedback: Vec<Feedback>,
}

/// The demo research (ids from 1), linked to the demo survey `survey` (id `survey_id`)
/// and to the plans' tasks (`tasks`, by name).
pub(super) fn research_for(
    survey_id: SurveyId,
    survey: &Survey,
    tasks: &HashMap<&str, TaskId>,
) -> Result<DemoResearch, DemoError> {
    let (releases, requirements) = pool(tasks)?;
    let research = research()?;
    let requirement = |title: &str| {
        requirements
            .iter()
            .find(|r| r.fields.title == title)
            .map(|r| r.id)
            .ok_or_else(|| DemoError(format!("research.json: no requirement titled {title}")))
    };
    let mut feedback: Vec<Feedback> = Vec::new();
    let mut add = |fields: FeedbackFields| {
        feedback.push(Feedback {
            id: FeedbackId(feedback.len() as i64 + 1),
            fields,
        });
    };
    let mut notes = Vec::new();
    for (n, note) in research.notes.iter().enumerate() {
        let kind = NoteKind::from_code(&note.kind)
            .ok_or_else(|| DemoError(format!("research.json: no note kind {}", note.kind)))?;
        let id = NoteId(n as i64 + 1);
        notes.push(ResearchNote {
            id,
            fields: NoteFields {
                kind,
                title: note.title.clone(),
                date: Some(note.date),
                participants: note.participants.clone(),
                segment: note.segment.clone(),
                text: note.text.clone(),
                tags: note.tags.clone(),
                quotes: note.quotes.iter().map(|q| q.text.clone()).collect(),
            },
        });
        // Feedback is the customer account's when the note names one, else the first
        // participant's.
        let customer = match &note.customer {
            Some(account) => account.as_str(),
            None => note
                .participants
                .split([',', '，'])
                .next()
                .unwrap_or_default(),
        };
        for quote in &note.quotes {
            add(FeedbackFields {
                text: quote.text.clone(),
                origin: FeedbackOrigin::Quote { note: id },
                customer: customer.trim().into(),
                segment: note.segment.clone(),
                links: vec![FeedbackLink {
                    requirement: requirement(&quote.requirement)?,
                    importance: quote.importance,
                }],
            });
        }
    }
    // A few survey comments per request, each from the response that wrote it.
    let comments = &research.survey_comments;
    let at = |key: &str| survey.questions.iter().position(|q| q.key == key);
    if let (Some(c), Some(roles)) = (at(&comments.question), at(&comments.role_question)) {
        for ask in &comments.comments {
            let responses = (0..survey.responses)
                .filter(|&r| survey.answers[c].text_at(r) == Some(ask.text.as_str()))
                .take(comments.per_comment);
            for r in responses {
                let role = survey.answers[roles]
                    .chosen(r)
                    .and_then(|o| o.first().copied())
                    .and_then(|o| survey.questions[roles].options.get(o as usize))
                    .cloned()
                    .unwrap_or_default();
                add(FeedbackFields {
                    text: ask.text.clone(),
                    origin: FeedbackOrigin::Response {
                        survey: survey_id,
                        response: r as u32,
                        question: comments.question.clone(),
                    },
                    customer: format!("答卷 {}", r + 1),
                    segment: role,
                    links: vec![FeedbackLink {
                        requirement: requirement(&ask.requirement)?,
                        importance: ask.importance,
                    }],
                });
            }
        }
    }
    Ok(DemoResearch {
        releases,
        requirements,
        notes,
        feedback,
    })
}

#[cfg(test)]
mod tests {
    use crate::model::research::demand;

    #[test]
    fn the_demo_links_interviews_and_survey_comments_to_requirements() {
        let dir = tempfile::tempdir().unwrap();
        let ws = crate::demo::create(&dir.path().join("d.planwright")).unwrap();
        let notes = ws.notes().unwrap();
        assert_eq!(notes.len(), 8);
        let interviews = notes
            .iter()
            .filter(|n| n.fields.kind == crate::model::research::NoteKind::Interview)
            .count();
        assert_eq!(interviews, 5, "five interviews, besides the other kinds");
        let feedback = ws.feedback().unwrap();
        let from_survey = feedback
            .iter()
            .filter(|f| f.fields.origin.survey().is_some())
            .count();
        let research = super::research().unwrap();
        let comments = &research.survey_comments;
        assert_eq!(from_survey, comments.comments.len() * comments.per_comment);
        let requirements = ws.requirements().unwrap();
        let d = demand(&feedback);
        // Every requirement the notes and comments name is asked for.
        let named = research
            .notes
            .iter()
            .flat_map(|n| &n.quotes)
            .chain(&comments.comments);
        for ask in named {
            let r = requirements
                .iter()
                .find(|r| r.fields.title == ask.requirement)
                .unwrap();
            assert!(d.contains_key(&r.id), "{} is asked for", ask.requirement);
        }
        assert!(d.values().map(|x| x.score).max().unwrap() >= 9);
        // The pool: at least 80 in a hierarchy, scored, in two coming releases and a
        // shipped one (with requirements done and not done), some planned.
        assert!(requirements.len() >= 80, "{}", requirements.len());
        let releases = ws.releases().unwrap();
        assert_eq!(releases.len(), 3);
        let shipped = releases
            .iter()
            .find(|r| r.fields.status == "released")
            .unwrap();
        let in_it: Vec<_> = requirements
            .iter()
            .filter(|r| r.fields.release == Some(shipped.id))
            .collect();
        assert!(in_it.iter().any(|r| r.fields.status == "released"));
        assert!(in_it.iter().any(|r| r.fields.status != "released"));
        assert!(
            requirements
                .iter()
                .filter(|r| r.fields.parent.is_none())
                .count()
                >= 5
        );
        assert!(
            requirements
                .iter()
                .filter(|r| r.fields.scores.rice().is_some() && r.fields.scores.wsjf().is_some())
                .count()
                >= 70
        );
        let planned = requirements
            .iter()
            .filter(|r| !r.fields.tasks.is_empty())
            .count();
        assert!(planned >= 15, "{planned} linked to tasks");
        for release in ws.releases().unwrap() {
            assert!(
                requirements
                    .iter()
                    .any(|r| r.fields.release == Some(release.id))
            );
        }
    }
}
