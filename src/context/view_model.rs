//! What the views draw from: a snapshot of the workspace, rebuilt only when the
//! store's revision moves, never queried per row per frame.

use std::path::PathBuf;

use crate::model::{Calendar, CalendarId, Edit, Project, ProjectId};
use crate::store::{EntityCount, RecentEdit, StoreResult, Workspace};

/// How many history entries the Overview shows.
pub const RECENT_EDITS_SHOWN: usize = 30;

/// The workspace as the views see it.
#[derive(Clone, Debug)]
pub struct WorkspaceView {
    /// The store revision this was built from.
    pub revision: u64,
    pub path: PathBuf,
    pub read_only: bool,
    pub projects: Vec<Project>,
    pub calendars: Vec<Calendar>,
    /// The working time of each calendar, for the calendar page.
    pub calendar_definitions: Vec<(CalendarId, crate::model::work_calendar::WorkCalendar)>,
    pub counts: Vec<EntityCount>,
    /// The surveys, for the Research page.
    pub surveys: Vec<crate::store::SurveySummary>,
    /// Research notes, feedback and requirements with their demand.
    pub insights: crate::report::insights::InsightsView,
    pub recent_edits: Vec<RecentEdit>,
    pub next_undo: Option<Edit>,
    pub next_redo: Option<Edit>,
}

impl WorkspaceView {
    /// Reads everything the views need, in a handful of queries.
    pub fn build(ws: &Workspace) -> StoreResult<WorkspaceView> {
        let surveys = ws.surveys()?;
        Ok(WorkspaceView {
            revision: ws.revision(),
            path: ws.path().to_path_buf(),
            read_only: ws.is_read_only(),
            projects: ws.projects()?,
            calendar_definitions: ws
                .calendars()?
                .iter()
                .map(|c| {
                    Ok((
                        c.id,
                        ws.work_calendar(c.id)?
                            .unwrap_or_else(crate::model::work_calendar::WorkCalendar::standard),
                    ))
                })
                .collect::<StoreResult<Vec<_>>>()?,
            calendars: ws.calendars()?,
            counts: ws.counts()?,
            insights: crate::report::insights::InsightsView::build(ws, &surveys)?,
            surveys,
            recent_edits: ws.recent_edits(RECENT_EDITS_SHOWN)?,
            next_undo: ws.next_undo()?,
            next_redo: ws.next_redo()?,
        })
    }

    /// The file name, for the title bar and the top bar.
    pub fn file_name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }

    /// The project with this id, if it still exists.
    pub fn project(&self, id: ProjectId) -> Option<&Project> {
        self.projects.iter().find(|p| p.id == id)
    }

    /// The calendar with this id.
    pub fn calendar(&self, id: CalendarId) -> Option<&Calendar> {
        self.calendars.iter().find(|c| c.id == id)
    }
}
