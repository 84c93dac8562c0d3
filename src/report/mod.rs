//! Reports and charts for files: the plan as a chart model, and its renderers (SVG,
//! PNG, multi-page PDF). No egui here; the window draws the same model itself.

pub mod chart_palette;
pub mod document;
pub mod exporters;
pub mod gantt;
pub mod health_check;
pub mod home;
pub mod insights;
pub mod kinds;
pub mod mta;
pub mod plan_view;
pub mod pm_logs;
pub mod publish;
pub mod quality;
pub mod quality_export;
pub mod quality_metrics;
pub mod quality_session;
pub mod report_session;
pub mod requirement_export;
pub mod risk_exposure;
pub mod risk_register;
pub mod risk_session;
pub mod risk_table;
pub mod schedule_risk;
pub mod segment_demand;
pub mod survey_compare;
pub mod survey_export;
pub mod survey_html;
pub mod survey_session;
pub mod survey_view;
pub mod svg_render;
pub mod test_report;
pub mod trace_matrix;
pub mod weekly;
pub mod what_if;

use crate::i18n::Language;
use crate::model::Project;
use crate::model::plan::{Plan, TaskSchedule};
use crate::model::work_calendar::WorkCalendar;
use crate::store::{StoreResult, Workspace};

/// What a project can be exported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Mspdi,
    TasksCsv,
    TasksXlsx,
    GanttSvg,
    GanttPng,
    GanttPdf(gantt::Paper),
}

/// The task list's headers in `lang`, with the names MS Project uses in it (so Excel
/// users and our own importer read them back).
fn task_headers(lang: Language) -> Vec<String> {
    crate::io::export::TASK_COLUMNS
        .iter()
        .map(|k| crate::i18n::tr(lang, &format!("csv.task.{k}")))
        .collect()
}

/// Everything an export needs, read from the workspace once (so the rendering can run
/// on a background thread without it).
#[derive(Clone, Debug)]
pub struct ExportInput {
    pub project: Project,
    pub plan: Plan,
    pub schedule: Vec<TaskSchedule>,
    pub calendar: WorkCalendar,
    pub calendar_name: String,
    pub view: plan_view::PlanView,
    pub lang: Language,
}

impl ExportInput {
    /// Reads a project's plan, schedule and chart model.
    pub fn read(ws: &Workspace, project: &Project, lang: Language) -> StoreResult<ExportInput> {
        let calendar = ws
            .work_calendar(project.fields.calendar)?
            .unwrap_or_else(WorkCalendar::standard);
        let calendar_name = ws
            .calendars()?
            .into_iter()
            .find(|c| c.id == project.fields.calendar)
            .map_or_else(|| "Standard".to_owned(), |c| c.name);
        Ok(ExportInput {
            project: project.clone(),
            plan: ws.plan(project.id)?,
            // A plan with a cycle still exports its stored dates.
            schedule: ws.compute_schedule(project).unwrap_or_default(),
            calendar,
            calendar_name,
            view: plan_view::PlanView::build(ws, project)?,
            lang,
        })
    }
}

/// The bytes of an export.
pub fn render(
    kind: ExportKind,
    input: &ExportInput,
) -> Result<Vec<u8>, crate::io::export::ExportError> {
    let labels = || gantt::Labels::new(input.lang, &input.project.fields.name);
    Ok(match kind {
        ExportKind::Mspdi => crate::io::export::mspdi(
            &input.project,
            &input.plan,
            &input.calendar_name,
            &input.calendar,
            &input.schedule,
        )
        .into_bytes(),
        ExportKind::TasksCsv => {
            // In the workspace's language, with the names MS Project uses in it (so
            // Excel users and our own importer read them back).
            crate::io::export::tasks_csv(&input.plan, &input.schedule, &task_headers(input.lang))
                .into_bytes()
        }
        ExportKind::TasksXlsx => {
            let rows = crate::io::export::task_rows(&input.plan, &input.schedule);
            let table = requirement_export::PoolTable::of_text(task_headers(input.lang), rows);
            requirement_export::workbook(&[(input.project.fields.name.as_str(), &table)])?
        }
        ExportKind::GanttSvg => gantt::svg_whole(&input.view, &labels()).into_bytes(),
        ExportKind::GanttPng => svg_render::png(&gantt::svg_whole(&input.view, &labels()), 2.0)?,
        ExportKind::GanttPdf(paper) => gantt::pdf(&input.view, &labels(), paper)?,
    })
}
