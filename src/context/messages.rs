//! Errors and edits told in the user's language. The store's own messages (English,
//! for logs and the CLI) stay the detail; these are what the window shows.

use crate::i18n::{Language, tr, tr_with};
use crate::io::ImportError;
use crate::model::edit::EditKind;
use crate::model::{Edit, ProjectProblem};
use crate::store::StoreError;

/// A store error as a sentence for the status bar or a dialog.
pub fn store_error(lang: Language, err: &StoreError) -> String {
    let at = |key: &str, path: &std::path::Path| {
        tr_with(lang, key, &[("path", &path.display().to_string())])
    };
    match err {
        StoreError::Missing { path } => at("err.missing", path),
        StoreError::Empty { path } => at("err.empty", path),
        StoreError::NotSqlite { path } => at("err.not_sqlite", path),
        StoreError::OtherApplication { path, .. } => at("err.other_app", path),
        StoreError::Truncated { path, .. } | StoreError::Damaged { path, .. } => {
            at("err.truncated", path)
        }
        StoreError::NewerVersion { path, .. } => at("err.newer", path),
        StoreError::AlreadyExists { path } => at("err.exists", path),
        StoreError::UpgradeWhileLocked { path, .. } | StoreError::NeedsUpgrade { path, .. } => {
            at("err.upgrade_locked", path)
        }
        StoreError::ReadOnly { .. } => tr(lang, "msg.read_only"),
        StoreError::Project(p) => project_problem(lang, p),
        StoreError::Research(p) => research_problem(lang, p),
        StoreError::Kind(crate::model::survey_kind::KindProblem::TooManyOptions { answers }) => {
            tr_with(lang, "err.too_many_options", &[("n", &answers.to_string())])
        }
        StoreError::NothingToUndo => tr(lang, "top.nothing_to_undo"),
        StoreError::NothingToRedo => tr(lang, "top.nothing_to_redo"),
        // Rare, technical failures: the English detail names the file and the cause.
        other => tr_with(lang, "msg.error", &[("detail", &other.to_string())]),
    }
}

/// Why a note, feedback item or requirement cannot be saved, in the user's language.
pub fn research_problem(lang: Language, p: &crate::model::research::ResearchProblem) -> String {
    use crate::model::research::ResearchProblem as P;
    match p {
        P::EmptyTitle => tr(lang, "err.note_title"),
        P::EmptyFeedback => tr(lang, "err.feedback_text"),
        P::EmptyRequirement => tr(lang, "err.requirement_title"),
        P::Importance(n) => tr_with(lang, "err.importance", &[("n", &n.to_string())]),
        P::DuplicateLink => tr(lang, "err.duplicate_link"),
        P::EmptyRelease => tr(lang, "err.release_name"),
        P::BadScore(field) => tr_with(lang, "err.bad_score", &[("field", field)]),
    }
}

/// Why a project cannot be saved, in the user's language.
pub fn project_problem(lang: Language, p: &ProjectProblem) -> String {
    match p {
        ProjectProblem::EmptyName => tr(lang, "err.empty_name"),
        ProjectProblem::NameTooLong => tr(lang, "err.name_too_long"),
        ProjectProblem::DuplicateName(name) => {
            tr_with(lang, "err.duplicate_name", &[("name", name)])
        }
        ProjectProblem::UnknownCalendar => tr(lang, "err.unknown_calendar"),
        ProjectProblem::UnknownProject => tr(lang, "err.unknown_project"),
    }
}

/// An import or file-recognition error.
pub fn import_error(lang: Language, err: &ImportError) -> String {
    match err {
        ImportError::Unrecognised { path } => tr_with(
            lang,
            "msg.unknown_file",
            &[("path", &path.display().to_string())],
        ),
        ImportError::Store(e) => store_error(lang, e),
        ImportError::Cancelled => tr(lang, "msg.cancelled"),
        ImportError::Io { path, .. } | ImportError::Invalid { path, .. } => tr_with(
            lang,
            "msg.import_failed",
            &[
                ("path", &path.display().to_string()),
                ("detail", &err.to_string()),
            ],
        ),
    }
}

/// An edit as the history list and the undo/redo tooltips show it.
pub fn describe_edit(lang: Language, edit: &Edit) -> String {
    let summary = edit.summary();
    let key = match summary.kind {
        EditKind::CreateProject => "edit.create_project",
        EditKind::DeleteProject => "edit.delete_project",
        EditKind::UpdateProject => "edit.update_project",
        EditKind::ImportProject => "edit.import_project",
        EditKind::Reschedule => "edit.reschedule",
        EditKind::AddTask => "edit.add_task",
        EditKind::DeleteTask => "edit.delete_task",
        EditKind::UpdateTask => "edit.update_task",
        EditKind::Link => "edit.link",
        EditKind::Unlink => "edit.unlink",
        EditKind::Resources => "edit.resources",
        EditKind::Assign => "edit.assign",
        EditKind::SetBaseline => "edit.set_baseline",
        EditKind::ClearBaseline => "edit.clear_baseline",
        EditKind::Calendar => "edit.calendar",
        EditKind::Batch => "edit.batch",
        EditKind::ImportSurvey => "edit.import_survey",
        EditKind::DeleteSurvey => "edit.delete_survey",
        EditKind::QuestionKind => "edit.question_kind",
        EditKind::AddNote => "edit.add_note",
        EditKind::UpdateNote => "edit.update_note",
        EditKind::DeleteNote => "edit.delete_note",
        EditKind::AddFeedback => "edit.add_feedback",
        EditKind::UpdateFeedback => "edit.update_feedback",
        EditKind::DeleteFeedback => "edit.delete_feedback",
        EditKind::AddRequirement => "edit.add_requirement",
        EditKind::UpdateRequirement => "edit.update_requirement",
        EditKind::DeleteRequirement => "edit.delete_requirement",
        EditKind::Release => "edit.release",
        EditKind::ImportRequirements => "edit.import_requirements",
        EditKind::ImportRisks => "edit.import_risks",
        EditKind::UpdateRisks => "edit.update_risks",
        EditKind::PoolSettings => "edit.pool_settings",
        EditKind::PublishReport => "edit.publish_report",
        EditKind::DeleteReport => "edit.delete_report",
        EditKind::ReportDraft => "edit.report_draft",
        EditKind::ReportTemplate => "edit.report_template",
        EditKind::ReportLanguage => "edit.report_language",
        EditKind::AddRisk => "edit.add_risk",
        EditKind::UpdateRisk => "edit.update_risk",
        EditKind::DeleteRisk => "edit.delete_risk",
        EditKind::RiskBands => "edit.risk_bands",
        EditKind::GateRules => "edit.gate_rules",
        EditKind::QualityItems => "edit.quality_items",
        EditKind::AddLogEntry => "edit.add_log_entry",
        EditKind::UpdateLogEntry => "edit.update_log_entry",
        EditKind::DeleteLogEntry => "edit.delete_log_entry",
        EditKind::ImplementChange => "edit.implement_change",
        EditKind::RaiseIssue => "edit.raise_issue",
        EditKind::Correlations => "edit.correlations",
        EditKind::AddQualityItem => "edit.add_quality_item",
        EditKind::UpdateQualityItem => "edit.update_quality_item",
        EditKind::DeleteQualityItem => "edit.delete_quality_item",
    };
    tr_with(lang, key, &[("subject", &summary.subject)])
}
