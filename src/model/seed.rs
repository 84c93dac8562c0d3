//! Content a new workspace starts with (the demo): written in one step, not as edits,
//! since it is where the history starts. Every id is the one a fresh workspace gives,
//! counting from [`Seed::FIRST_IDS`]; the store checks that before writing.

use super::BuiltinCalendar;
use super::plan::{FirstIds, Plan};
use super::project::Project;
use super::requirement::{Release, Requirement};
use super::research::{Feedback, ResearchNote};
use super::survey::Survey;

/// A project with its plan.
#[derive(Clone, Debug)]
pub struct SeedProject {
    /// Its id counts from 1 in the order of [`Seed::projects`]; its calendar field is
    /// set by the store from `calendar`.
    pub project: Project,
    pub calendar: BuiltinCalendar,
    pub plan: Plan,
}

/// Everything a seeded workspace holds.
#[derive(Clone, Debug, Default)]
pub struct Seed {
    pub projects: Vec<SeedProject>,
    /// The risk register; ids from 1.
    pub risks: Vec<crate::model::risk::Risk>,
    /// The issue log, decision record and change requests; each numbered from 1.
    pub logs: Vec<crate::model::logs::LogEntry>,
    /// Test suites, cases, runs and defects; each numbered from 1.
    pub quality: crate::model::quality::QualityData,
    /// Oldest first; ids from 1. All shown from the start.
    pub surveys: Vec<Survey>,
    pub releases: Vec<Release>,
    pub requirements: Vec<Requirement>,
    pub notes: Vec<ResearchNote>,
    pub feedback: Vec<Feedback>,
}

impl Seed {
    /// The first id of each plan table in a fresh workspace: the built-in calendars
    /// take the first calendar ids.
    pub const FIRST_IDS: FirstIds = FirstIds {
        calendar: BuiltinCalendar::ALL.len() as i64 + 1,
        task: 1,
        dependency: 1,
        resource: 1,
        assignment: 1,
    };
}
