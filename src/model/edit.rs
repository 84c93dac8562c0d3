//! Edits: every change to user data is a value that knows its own inverse.
//!
//! A [`Change`] is what the user asked for ("rename project 3 to …"). The store resolves
//! it against the current state into an [`Edit`], which carries everything needed to
//! apply it and to undo it, and logs both directions.

use serde::{Deserialize, Serialize};

use chrono::NaiveDateTime;

use super::plan::{Plan, PlanDraft};
use super::research::{
    Feedback, FeedbackFields, FeedbackId, NoteFields, NoteId, Requirement, RequirementFields,
    RequirementId, ResearchNote,
};
use super::schedule::LinkKind;
use super::{
    Assignment, BaselineEntry, Dependency, DependencyId, Project, ProjectFields, ProjectId,
    Resource, Task, TaskFields, TaskId, TimeUnit,
};

/// What the user asks for. Resolved by the store into an [`Edit`].
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    CreateProject(ProjectFields),
    /// A new project with a whole plan, e.g. from an imported file.
    ImportProject {
        fields: ProjectFields,
        plan: PlanDraft,
    },
    /// Set every task's stored dates to what the scheduler computes now.
    Reschedule(ProjectId),
    /// A new task right after `after` (as its next sibling), or at the end.
    AddTask {
        project: ProjectId,
        after: Option<TaskId>,
        fields: TaskFields,
    },
    /// Three-point estimates for a project's unfinished work tasks at once (or only
    /// those of `only`, when it names some): a range around each one's duration (`-10`,
    /// `30`: 90 % / 100 % / 130 %); tasks that have an estimate keep it unless
    /// `overwrite`.
    SetEstimates {
        project: ProjectId,
        only: Vec<TaskId>,
        low_percent: i64,
        high_percent: i64,
        distribution: crate::model::estimate::Distribution,
        overwrite: bool,
    },
    /// New values for a task's fields (its parent and position are kept).
    UpdateTask {
        id: TaskId,
        fields: TaskFields,
    },
    /// Delete tasks with their subtasks and every dependency that touches them.
    DeleteTasks(Vec<TaskId>),
    /// Make a task a subtask of the task above it at the same level.
    Indent(TaskId),
    /// Make a task a sibling of its summary; the tasks below it in that summary become
    /// its subtasks (as in MS Project).
    Outdent(TaskId),
    /// A dependency between two tasks of one project; refused if it would close a cycle.
    Link {
        predecessor: TaskId,
        successor: TaskId,
        kind: LinkKind,
        lag: i64,
        lag_unit: TimeUnit,
    },
    Unlink(DependencyId),
    /// Replace a task's predecessors (as typed in the predecessors column).
    SetPredecessors {
        task: TaskId,
        links: Vec<PredecessorSpec>,
    },
    /// Set who works on a task, by resource name and units (percent); names not yet
    /// known become new resources of the project.
    AssignResources {
        task: TaskId,
        by_name: Vec<(String, u32)>,
    },
    /// A person's name, capacity (percent) and calendar (`None`: the project's).
    UpdateResource {
        id: super::ResourceId,
        name: String,
        max_units: u32,
        calendar: Option<crate::model::CalendarId>,
    },
    /// Save every task's current dates as baseline `number` (0–10).
    SetBaseline {
        project: ProjectId,
        number: u8,
    },
    ClearBaseline {
        project: ProjectId,
        number: u8,
    },
    /// New working time for a calendar (`None`: back to a built-in preset).
    SetCalendar {
        id: crate::model::CalendarId,
        definition: Option<crate::model::work_calendar::WorkCalendar>,
    },
    /// Several changes as one undoable step, each seeing the ones before it.
    Many(Vec<Change>),
    UpdateProject {
        id: ProjectId,
        fields: ProjectFields,
    },
    DeleteProject(ProjectId),
    /// A survey read from an export, added to the workspace.
    ImportSurvey(crate::model::survey::Survey),
    DeleteSurvey(crate::model::survey::SurveyId),
    /// Read a question as another kind than the import inferred (kept in the file).
    SetQuestionKind {
        survey: crate::model::survey::SurveyId,
        question: usize,
        kind: crate::model::survey::QuestionKind,
    },
    AddNote(NoteFields),
    UpdateNote {
        id: NoteId,
        fields: NoteFields,
    },
    /// Delete a note and the feedback taken from it.
    DeleteNote(NoteId),
    /// A feedback item; with `new_requirement`, a requirement made for it at the same
    /// time, linked with that importance.
    AddFeedback {
        fields: FeedbackFields,
        new_requirement: Option<(RequirementFields, u8)>,
    },
    UpdateFeedback {
        id: FeedbackId,
        fields: FeedbackFields,
    },
    DeleteFeedback(FeedbackId),
    AddRequirement(RequirementFields),
    UpdateRequirement {
        id: RequirementId,
        fields: RequirementFields,
    },
    /// Delete requirements with everything under them; their feedback links go too.
    DeleteRequirements(Vec<RequirementId>),
    /// A requirement pool read from a file: its releases, and each requirement with
    /// its parent and release as positions in these lists.
    ImportRequirements {
        releases: Vec<crate::model::requirement::ReleaseFields>,
        requirements: Vec<(RequirementFields, Option<usize>, Option<usize>)>,
    },
    /// The workflow and custom fields of the requirement pool.
    SetPoolSettings(crate::model::pool_settings::PoolSettings),
    /// "Plan it": a task at the end of `project`'s plan for each requirement, linked.
    PlanRequirements {
        project: ProjectId,
        requirements: Vec<RequirementId>,
    },
    AddRelease(crate::model::requirement::ReleaseFields),
    UpdateRelease {
        id: crate::model::requirement::ReleaseId,
        fields: crate::model::requirement::ReleaseFields,
    },
    /// Delete a release; its requirements are left without one.
    DeleteRelease(crate::model::requirement::ReleaseId),
    /// Freeze a report as sent (its id is given by the store).
    PublishReport(crate::model::report::ReportSnapshot),
    DeleteReport(i64),
    /// What the PM typed for a report before publishing it (narrative, overrides).
    SetReportDraft {
        key: crate::model::report::ReportKey,
        draft: crate::model::report::ReportDraft,
    },
    AddRisk(crate::model::risk::RiskFields),
    UpdateRisk {
        id: crate::model::risk::RiskId,
        fields: crate::model::risk::RiskFields,
    },
    DeleteRisks(Vec<crate::model::risk::RiskId>),
    /// A register read from a file: a row with a key the workspace has updates that
    /// risk; the others are added.
    ImportRisks(
        Vec<(
            Option<crate::model::risk::RiskId>,
            crate::model::risk::RiskFields,
        )>,
    ),
    /// New fields for several risks at once (a bulk edit, a drag on the heat map).
    UpdateRisks(Vec<(crate::model::risk::RiskId, crate::model::risk::RiskFields)>),
    /// A response action of a risk becomes a task at the end of the risk's project,
    /// linked to the action and to the risk.
    RiskActionToTask {
        risk: crate::model::risk::RiskId,
        action: usize,
    },
    /// A new entry in the issue log, the decision record or the change requests.
    AddLogEntry {
        project: Option<ProjectId>,
        fields: crate::model::logs::LogFields,
    },
    UpdateLogEntry {
        id: crate::model::logs::LogId,
        fields: crate::model::logs::LogFields,
    },
    DeleteLogEntries(Vec<crate::model::logs::LogId>),
    /// A risk occurred: it is marked so and becomes an issue of the issue log.
    RaiseIssueFromRisk(crate::model::risk::RiskId),
    /// An approved change request's plan changes applied to its project, and the
    /// request marked implemented: one edit.
    ImplementChangeRequest(crate::model::logs::LogId),
    /// A project's groups of tasks whose durations move together in the simulation.
    SetCorrelations {
        project: ProjectId,
        groups: Vec<crate::model::simulation::Correlation>,
    },
    /// A test suite, case, run or defect added (its number is the next free one).
    AddQualityItem(crate::model::quality::QualityItem),
    /// New contents for a quality item (its number is kept).
    UpdateQualityItem(crate::model::quality::QualityItem),
    DeleteQualityItems(Vec<crate::model::quality::QualityKey>),
    /// Test cases (with the suites they need) or defects from a file, as one edit.
    ImportQuality(crate::model::quality::QualityImport),
    /// A result recorded in a run (the run keeps every result; the newest counts).
    RecordResult {
        run: crate::model::quality::RunId,
        result: crate::model::quality::TestResult,
    },
    /// The release readiness gate's rules (the defaults when they are the defaults).
    SetGateRules(Vec<crate::model::quality::ReadinessRule>),
    /// Where the register's score bands start.
    SetRiskBands(crate::model::risk::Bands),
    /// The workspace's own risk categories, offered beside the built-in ones.
    SetRiskCategories(Vec<String>),
    /// The language reports and exported files are written in (`zh-CN`, `en`; `None`:
    /// the language of the workspace's own text).
    SetReportLanguage(Option<String>),
    /// A report kind's title, organisation and sections.
    SetReportTemplate {
        kind: String,
        template: crate::model::report::ReportTemplate,
    },
}

/// One predecessor of a task, as typed: which task, how linked, what lag.
#[derive(Clone, Debug, PartialEq)]
pub struct PredecessorSpec {
    pub predecessor: TaskId,
    pub kind: LinkKind,
    pub lag: i64,
    pub lag_unit: TimeUnit,
}

/// A resolved, invertible change, as stored in the edit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
// One edit exists per user action, never per frame or per row: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Edit {
    /// A project, with its plan (empty for a new project).
    InsertProject {
        project: Project,
        #[serde(default)]
        plan: Plan,
    },
    RemoveProject {
        project: Project,
        #[serde(default)]
        plan: Plan,
    },
    /// Tasks and dependencies added to a project (dependencies may join existing tasks).
    InsertTasks {
        project: ProjectId,
        tasks: Vec<Task>,
        dependencies: Vec<Dependency>,
        #[serde(default)]
        assignments: Vec<Assignment>,
        #[serde(default)]
        baselines: Vec<BaselineEntry>,
    },
    RemoveTasks {
        project: ProjectId,
        tasks: Vec<Task>,
        dependencies: Vec<Dependency>,
        #[serde(default)]
        assignments: Vec<Assignment>,
        #[serde(default)]
        baselines: Vec<BaselineEntry>,
    },
    InsertResources {
        resources: Vec<Resource>,
    },
    RemoveResources {
        resources: Vec<Resource>,
    },
    /// A resource row before and after.
    UpdateResource {
        before: Resource,
        after: Resource,
    },
    /// A task's assignments before and after.
    ReplaceAssignments {
        task: TaskId,
        before: Vec<Assignment>,
        after: Vec<Assignment>,
    },
    /// Baseline `number` of a project before and after (empty = not set).
    SetBaseline {
        project: ProjectId,
        number: u8,
        before: Vec<BaselineEntry>,
        after: Vec<BaselineEntry>,
    },
    UpdateTask {
        id: TaskId,
        before: TaskFields,
        after: TaskFields,
    },
    /// A calendar's working time before and after (`None`: the built-in preset).
    UpdateCalendar {
        id: crate::model::CalendarId,
        before: Option<crate::model::work_calendar::WorkCalendar>,
        after: Option<crate::model::work_calendar::WorkCalendar>,
    },
    /// New stored dates for tasks of one project (a reschedule).
    SetTaskDates {
        project: ProjectId,
        changes: Vec<TaskDatesChange>,
    },
    UpdateProject {
        id: ProjectId,
        before: ProjectFields,
        after: ProjectFields,
    },
    /// Several edits applied as one step, in order; undone in reverse order.
    Batch {
        edits: Vec<Edit>,
    },
    /// A survey shown (imported, or its deletion undone). Its answers stay in the file
    /// either way, so undo and redo move no data.
    ShowSurvey {
        id: crate::model::survey::SurveyId,
        name: String,
    },
    /// A survey hidden (deleted, or its import undone).
    HideSurvey {
        id: crate::model::survey::SurveyId,
        name: String,
    },
    /// A question's kind, and whether the user set it, before and after.
    SetQuestionKind {
        survey: crate::model::survey::SurveyId,
        question: usize,
        title: String,
        before: (crate::model::survey::QuestionKind, bool),
        after: (crate::model::survey::QuestionKind, bool),
    },
    /// A research note before and after (`None`: absent; both: changed).
    PutNote {
        before: Option<ResearchNote>,
        after: Option<ResearchNote>,
    },
    /// A feedback item with its links, before and after.
    PutFeedback {
        before: Option<Feedback>,
        after: Option<Feedback>,
    },
    /// A requirement before and after.
    PutRequirement {
        before: Option<Requirement>,
        after: Option<Requirement>,
    },
    /// A risk before and after (`None`: not there).
    PutRisk {
        before: Option<crate::model::risk::Risk>,
        after: Option<crate::model::risk::Risk>,
    },
    /// A quality item before and after (`None`: not there).
    PutQualityItem {
        before: Option<crate::model::quality::QualityItem>,
        after: Option<crate::model::quality::QualityItem>,
    },
    /// An entry of a PM log before and after (`None`: not there).
    PutLogEntry {
        before: Option<crate::model::logs::LogEntry>,
        after: Option<crate::model::logs::LogEntry>,
    },
    /// A published report before and after (`None`: not there).
    PutReport {
        before: Option<crate::model::report::ReportSnapshot>,
        after: Option<crate::model::report::ReportSnapshot>,
    },
    /// A workspace setting (a report draft or template, as JSON) before and after.
    SetSetting {
        key: String,
        before: Option<String>,
        after: Option<String>,
    },
    /// The pool's settings before and after.
    SetPoolSettings {
        before: crate::model::pool_settings::PoolSettings,
        after: crate::model::pool_settings::PoolSettings,
    },
    /// A release before and after.
    PutRelease {
        before: Option<crate::model::requirement::Release>,
        after: Option<crate::model::requirement::Release>,
    },
}

/// One task's stored dates before and after a reschedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TaskDatesChange {
    pub task: super::TaskId,
    pub before: (Option<NaiveDateTime>, Option<NaiveDateTime>),
    pub after: (Option<NaiveDateTime>, Option<NaiveDateTime>),
}

/// What kind of thing an edit did, for the history list and the undo/redo tooltips.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    CreateProject,
    DeleteProject,
    UpdateProject,
    ImportProject,
    Reschedule,
    AddTask,
    DeleteTask,
    UpdateTask,
    Link,
    Unlink,
    Resources,
    Assign,
    SetBaseline,
    ClearBaseline,
    Calendar,
    Batch,
    ImportSurvey,
    DeleteSurvey,
    QuestionKind,
    AddNote,
    UpdateNote,
    DeleteNote,
    AddFeedback,
    UpdateFeedback,
    DeleteFeedback,
    AddRequirement,
    UpdateRequirement,
    DeleteRequirement,
    Release,
    ImportRequirements,
    PoolSettings,
    PublishReport,
    DeleteReport,
    ReportDraft,
    ReportTemplate,
    ReportLanguage,
    AddRisk,
    UpdateRisk,
    DeleteRisk,
    RiskBands,
    ImportRisks,
    UpdateRisks,
    AddLogEntry,
    UpdateLogEntry,
    DeleteLogEntry,
    ImplementChange,
    RaiseIssue,
    Correlations,
    AddQualityItem,
    UpdateQualityItem,
    DeleteQualityItem,
    QualityItems,
    GateRules,
}

/// Whether an edit marks a change request implemented.
fn implements_change(e: &Edit) -> bool {
    matches!(e, Edit::PutLogEntry { before: Some(b), after: Some(a) }
        if a.fields.status() == "implemented" && b.fields.status() != "implemented")
}

/// A short description of an edit: its kind and the name of what it touched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditSummary {
    pub kind: EditKind,
    pub subject: String,
}

impl Edit {
    /// The edit that takes the workspace back to where it was before `self`.
    pub fn inverse(&self) -> Edit {
        match self {
            Edit::InsertProject { project, plan } => Edit::RemoveProject {
                project: project.clone(),
                plan: plan.clone(),
            },
            Edit::RemoveProject { project, plan } => Edit::InsertProject {
                project: project.clone(),
                plan: plan.clone(),
            },
            Edit::InsertTasks {
                project,
                tasks,
                dependencies,
                assignments,
                baselines,
            } => Edit::RemoveTasks {
                project: *project,
                tasks: tasks.clone(),
                dependencies: dependencies.clone(),
                assignments: assignments.clone(),
                baselines: baselines.clone(),
            },
            Edit::RemoveTasks {
                project,
                tasks,
                dependencies,
                assignments,
                baselines,
            } => Edit::InsertTasks {
                project: *project,
                tasks: tasks.clone(),
                dependencies: dependencies.clone(),
                assignments: assignments.clone(),
                baselines: baselines.clone(),
            },
            Edit::InsertResources { resources } => Edit::RemoveResources {
                resources: resources.clone(),
            },
            Edit::RemoveResources { resources } => Edit::InsertResources {
                resources: resources.clone(),
            },
            Edit::UpdateResource { before, after } => Edit::UpdateResource {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::ReplaceAssignments {
                task,
                before,
                after,
            } => Edit::ReplaceAssignments {
                task: *task,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetBaseline {
                project,
                number,
                before,
                after,
            } => Edit::SetBaseline {
                project: *project,
                number: *number,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::UpdateCalendar { id, before, after } => Edit::UpdateCalendar {
                id: *id,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::UpdateTask { id, before, after } => Edit::UpdateTask {
                id: *id,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetTaskDates { project, changes } => Edit::SetTaskDates {
                project: *project,
                changes: changes
                    .iter()
                    .map(|c| TaskDatesChange {
                        task: c.task,
                        before: c.after,
                        after: c.before,
                    })
                    .collect(),
            },
            Edit::UpdateProject { id, before, after } => Edit::UpdateProject {
                id: *id,
                before: after.clone(),
                after: before.clone(),
            },
            Edit::Batch { edits } => Edit::Batch {
                edits: edits.iter().rev().map(Edit::inverse).collect(),
            },
            Edit::ShowSurvey { id, name } => Edit::HideSurvey {
                id: *id,
                name: name.clone(),
            },
            Edit::HideSurvey { id, name } => Edit::ShowSurvey {
                id: *id,
                name: name.clone(),
            },
            Edit::PutNote { before, after } => Edit::PutNote {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetQuestionKind {
                survey,
                question,
                title,
                before,
                after,
            } => Edit::SetQuestionKind {
                survey: *survey,
                question: *question,
                title: title.clone(),
                before: *after,
                after: *before,
            },
            Edit::PutFeedback { before, after } => Edit::PutFeedback {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutRequirement { before, after } => Edit::PutRequirement {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutRelease { before, after } => Edit::PutRelease {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetPoolSettings { before, after } => Edit::SetPoolSettings {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutReport { before, after } => Edit::PutReport {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutRisk { before, after } => Edit::PutRisk {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutLogEntry { before, after } => Edit::PutLogEntry {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::PutQualityItem { before, after } => Edit::PutQualityItem {
                before: after.clone(),
                after: before.clone(),
            },
            Edit::SetSetting { key, before, after } => Edit::SetSetting {
                key: key.clone(),
                before: after.clone(),
                after: before.clone(),
            },
        }
    }

    /// Whether it changes test cases, runs, suites, defects or the readiness gate.
    pub fn touches_quality(&self) -> bool {
        match self {
            Edit::PutQualityItem { .. } => true,
            Edit::SetSetting { key, .. } => key == crate::model::quality::GATE_KEY,
            Edit::Batch { edits } => edits.iter().any(Edit::touches_quality),
            _ => false,
        }
    }

    /// Whether applying the edit changes nothing (a reschedule that moves no task).
    pub fn is_noop(&self) -> bool {
        match self {
            Edit::SetTaskDates { changes, .. } => changes.is_empty(),
            Edit::Batch { edits } => edits.iter().all(Edit::is_noop),
            _ => false,
        }
    }

    /// Describes the edit as the user did it.
    pub fn summary(&self) -> EditSummary {
        match self {
            Edit::InsertProject { project, plan } => EditSummary {
                kind: if plan.tasks.is_empty() {
                    EditKind::CreateProject
                } else {
                    EditKind::ImportProject
                },
                subject: project.fields.name.clone(),
            },
            Edit::InsertTasks {
                tasks,
                dependencies,
                ..
            } => match tasks.first() {
                Some(t) => EditSummary {
                    kind: EditKind::AddTask,
                    subject: t.fields.name.clone(),
                },
                None => EditSummary {
                    kind: EditKind::Link,
                    subject: dependencies.len().to_string(),
                },
            },
            Edit::RemoveTasks {
                tasks,
                dependencies,
                ..
            } => match tasks.first() {
                Some(t) => EditSummary {
                    kind: EditKind::DeleteTask,
                    subject: t.fields.name.clone(),
                },
                None => EditSummary {
                    kind: EditKind::Unlink,
                    subject: dependencies.len().to_string(),
                },
            },
            Edit::InsertResources { resources } | Edit::RemoveResources { resources } => {
                EditSummary {
                    kind: EditKind::Resources,
                    subject: resources
                        .iter()
                        .map(|r| r.name.as_str())
                        .collect::<Vec<_>>()
                        .join("、"),
                }
            }
            Edit::UpdateResource { after, .. } => EditSummary {
                kind: EditKind::Resources,
                subject: after.name.clone(),
            },
            Edit::ReplaceAssignments { after, .. } => EditSummary {
                kind: EditKind::Assign,
                subject: after.len().to_string(),
            },
            Edit::SetBaseline { number, after, .. } => EditSummary {
                kind: if after.is_empty() {
                    EditKind::ClearBaseline
                } else {
                    EditKind::SetBaseline
                },
                subject: number.to_string(),
            },
            Edit::UpdateCalendar { id, .. } => EditSummary {
                kind: EditKind::Calendar,
                subject: id.0.to_string(),
            },
            Edit::UpdateTask { after, .. } => EditSummary {
                kind: EditKind::UpdateTask,
                subject: after.name.clone(),
            },
            Edit::SetTaskDates { changes, .. } => EditSummary {
                kind: EditKind::Reschedule,
                subject: changes.len().to_string(),
            },
            Edit::RemoveProject { project, .. } => EditSummary {
                kind: EditKind::DeleteProject,
                subject: project.fields.name.clone(),
            },
            Edit::UpdateProject { after, .. } => EditSummary {
                kind: EditKind::UpdateProject,
                subject: after.name.clone(),
            },
            Edit::ShowSurvey { name, .. } => EditSummary {
                kind: EditKind::ImportSurvey,
                subject: name.clone(),
            },
            Edit::HideSurvey { name, .. } => EditSummary {
                kind: EditKind::DeleteSurvey,
                subject: name.clone(),
            },
            Edit::SetQuestionKind { title, .. } => EditSummary {
                kind: EditKind::QuestionKind,
                subject: title.clone(),
            },
            Edit::PutNote { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddNote,
                        EditKind::UpdateNote,
                        EditKind::DeleteNote,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|n| n.fields.title.clone())
                    .unwrap_or_default(),
            },
            Edit::PutFeedback { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddFeedback,
                        EditKind::UpdateFeedback,
                        EditKind::DeleteFeedback,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|f| f.fields.text.chars().take(24).collect())
                    .unwrap_or_default(),
            },
            Edit::PutRequirement { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddRequirement,
                        EditKind::UpdateRequirement,
                        EditKind::DeleteRequirement,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|r| format!("{} {}", r.id.key(), r.fields.title))
                    .unwrap_or_default(),
            },
            Edit::SetPoolSettings { .. } => EditSummary {
                kind: EditKind::PoolSettings,
                subject: String::new(),
            },
            Edit::PutReport { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::PublishReport,
                        EditKind::PublishReport,
                        EditKind::DeleteReport,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|r| format!("{} {}–{}", r.key.subject, r.key.from, r.key.to))
                    .unwrap_or_default(),
            },
            Edit::PutRisk { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddRisk,
                        EditKind::UpdateRisk,
                        EditKind::DeleteRisk,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|r| format!("{} {}", r.id.key(), r.fields.title))
                    .unwrap_or_default(),
            },
            Edit::PutLogEntry { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddLogEntry,
                        EditKind::UpdateLogEntry,
                        EditKind::DeleteLogEntry,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|e| format!("{} {}", e.id.key(), e.fields.title()))
                    .unwrap_or_default(),
            },
            Edit::PutQualityItem { before, after } => EditSummary {
                kind: put_kind(
                    before,
                    after,
                    [
                        EditKind::AddQualityItem,
                        EditKind::UpdateQualityItem,
                        EditKind::DeleteQualityItem,
                    ],
                ),
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|e| format!("{} {}", e.key().key(), e.title()))
                    .unwrap_or_default(),
            },
            Edit::SetSetting { key, .. } => EditSummary {
                kind: if key.starts_with("report_template/") {
                    EditKind::ReportTemplate
                } else if key == crate::model::report::LANGUAGE_KEY {
                    EditKind::ReportLanguage
                } else if key == crate::model::risk::BANDS_KEY
                    || key == crate::model::risk::CATEGORIES_KEY
                {
                    EditKind::RiskBands
                } else if key.starts_with("simulation_correlation/") {
                    EditKind::Correlations
                } else if key == crate::model::quality::GATE_KEY {
                    EditKind::GateRules
                } else {
                    EditKind::ReportDraft
                },
                subject: key.split('/').nth(2).unwrap_or_default().to_owned(),
            },
            Edit::PutRelease { before, after } => EditSummary {
                kind: EditKind::Release,
                subject: after
                    .as_ref()
                    .or(before.as_ref())
                    .map(|r| r.fields.name.clone())
                    .unwrap_or_default(),
            },
            // A batch reads as its main edit: the first that is not a task update (an
            // insert after renumbering) or feedback going with its note, else the first
            // (an outdent).
            // Several requirements added at once: an import.
            // A change request implemented: its plan changes and its new status.
            Edit::Batch { edits } if edits.iter().any(implements_change) => EditSummary {
                kind: EditKind::ImplementChange,
                subject: edits
                    .iter()
                    .find_map(|e| match e {
                        Edit::PutLogEntry { after: Some(a), .. } => {
                            Some(format!("{} {}", a.id.key(), a.fields.title()))
                        }
                        _ => None,
                    })
                    .unwrap_or_default(),
            },
            // A risk occurred and became an issue.
            Edit::Batch { edits }
                if matches!(
                    edits.as_slice(),
                    [Edit::PutRisk { .. }, Edit::PutLogEntry { before: None, .. }]
                ) =>
            {
                EditSummary {
                    kind: EditKind::RaiseIssue,
                    subject: edits[1].summary().subject,
                }
            }
            // Several risks changed at once: a bulk edit.
            Edit::Batch { edits }
                if edits.len() >= 2
                    && edits.iter().all(|e| {
                        matches!(
                            e,
                            Edit::PutRisk {
                                before: Some(_),
                                after: Some(_)
                            }
                        )
                    }) =>
            {
                EditSummary {
                    kind: EditKind::UpdateRisks,
                    subject: edits.len().to_string(),
                }
            }
            // Several test cases, runs, suites or defects at once: a bulk edit or an import.
            Edit::Batch { edits }
                if edits.len() >= 2
                    && edits
                        .iter()
                        .all(|e| matches!(e, Edit::PutQualityItem { .. })) =>
            {
                EditSummary {
                    kind: EditKind::QualityItems,
                    subject: edits.len().to_string(),
                }
            }
            // Several risks added (or some updated) at once: an import.
            Edit::Batch { edits }
                if edits.len() >= 2
                    && edits
                        .iter()
                        .all(|e| matches!(e, Edit::PutRisk { after: Some(_), .. })) =>
            {
                EditSummary {
                    kind: EditKind::ImportRisks,
                    subject: edits.len().to_string(),
                }
            }
            Edit::Batch { edits }
                if edits
                    .iter()
                    .filter(|e| matches!(e, Edit::PutRequirement { before: None, .. }))
                    .count()
                    >= 2 =>
            {
                EditSummary {
                    kind: EditKind::ImportRequirements,
                    subject: edits
                        .iter()
                        .filter(|e| matches!(e, Edit::PutRequirement { before: None, .. }))
                        .count()
                        .to_string(),
                }
            }
            Edit::Batch { edits } => edits
                .iter()
                .find(|e| {
                    !matches!(
                        e,
                        Edit::UpdateTask { .. }
                            | Edit::PutFeedback { after: None, .. }
                            | Edit::PutFeedback {
                                before: Some(_),
                                after: Some(_)
                            }
                    )
                })
                .or(edits.first())
                .map_or(
                    EditSummary {
                        kind: EditKind::Batch,
                        subject: "0".into(),
                    },
                    Edit::summary,
                ),
        }
    }
}

/// Which of add, update or delete a before/after pair is.
fn put_kind<T>(before: &Option<T>, after: &Option<T>, kinds: [EditKind; 3]) -> EditKind {
    match (before, after) {
        (None, _) => kinds[0],
        (Some(_), Some(_)) => kinds[1],
        (Some(_), None) => kinds[2],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CalendarId;
    use chrono::NaiveDate;

    fn project(id: i64, name: &str) -> Project {
        Project {
            id: ProjectId(id),
            fields: ProjectFields {
                name: name.into(),
                start_date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default(),
                calendar: CalendarId(1),
                description: String::new(),
                critical_slack_minutes: 0,
                start_time: None,
                status_date: None,
            },
            created_at: "2026-11-26T10:00:00".into(),
        }
    }

    #[test]
    fn inverse_of_inverse_is_the_edit() {
        let a = project(1, "甲");
        let mut b = a.fields.clone();
        b.name = "乙".into();
        let edits = [
            Edit::InsertProject {
                project: a.clone(),
                plan: Plan::default(),
            },
            Edit::UpdateProject {
                id: a.id,
                before: a.fields.clone(),
                after: b,
            },
            Edit::Batch {
                edits: vec![
                    Edit::InsertProject {
                        project: project(2, "丙"),
                        plan: Plan::default(),
                    },
                    Edit::RemoveProject {
                        project: a,
                        plan: Plan::default(),
                    },
                ],
            },
        ];
        for e in edits {
            assert_eq!(e.inverse().inverse(), e);
            assert_ne!(e.inverse(), e);
        }
    }

    #[test]
    fn batch_inverse_runs_backwards() {
        let a = project(1, "甲");
        let batch = Edit::Batch {
            edits: vec![
                Edit::InsertProject {
                    project: a.clone(),
                    plan: Plan::default(),
                },
                Edit::RemoveProject {
                    project: a.clone(),
                    plan: Plan::default(),
                },
            ],
        };
        let Edit::Batch { edits } = batch.inverse() else {
            panic!("inverse of a batch is a batch");
        };
        assert!(matches!(&edits[0], Edit::InsertProject { .. }));
        assert!(matches!(&edits[1], Edit::RemoveProject { project, .. } if *project == a));
    }

    #[test]
    fn edits_survive_the_log_format() {
        let e = Edit::InsertProject {
            project: project(7, "客服工作台 2.0"),
            plan: Plan::default(),
        };
        let json = serde_json::to_string(&e).unwrap_or_default();
        let back: Edit = serde_json::from_str(&json).unwrap_or(Edit::Batch { edits: vec![] });
        assert_eq!(back, e);
    }
}

#[cfg(test)]
mod log_compatibility {
    use super::*;

    /// Logs written before plans existed have no `plan` field; they still read.
    #[test]
    fn schema_2_log_entries_still_read() {
        let old = r#"{"kind":"insert_project","project":{"id":3,"fields":{"name":"旧","start_date":"2026-01-05","calendar":1,"description":""},"created_at":"2026-01-01T09:00:00"}}"#;
        let edit: Edit = serde_json::from_str(old).unwrap();
        assert!(matches!(edit, Edit::InsertProject { plan, .. } if plan.tasks.is_empty()));
    }
}
