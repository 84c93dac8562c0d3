//! Exports from the window: the data is taken from what the window shows now, then
//! rendered by the exporter and written in the background.

use super::PlanwrightApp;
use super::jobs::{Job, JobOutcome};
use crate::context::messages;
use crate::i18n::{tr, tr_with};
use crate::report::exporters::{self, ExportOptions, ExportSource, Needs};

impl PlanwrightApp {
    /// Exports with the exporter `id`; `question` picks a survey chart.
    pub(super) fn export(&mut self, id: &str, question: Option<String>) {
        // Files are written in the workspace's report language; messages in the UI's.
        let ui_lang = self.language();
        let lang = self.report_language();
        let Some(exporter) = exporters::exporter(id) else {
            return;
        };
        if !self.job_slot_free() {
            return;
        }
        let Some((source, name)) = self.export_source(exporter.needs()) else {
            return;
        };
        let suggested = match &question {
            Some(key) => format!("{name} {key}.{}", exporter.extension),
            None => format!("{name}.{}", exporter.extension),
        };
        let Some(dest) =
            self.dialogs
                .save_export(&tr(ui_lang, "menu.export"), &suggested, exporter.extension)
        else {
            return;
        };
        let options = ExportOptions {
            question,
            ..ExportOptions::new(lang)
        };
        let title = tr_with(
            ui_lang,
            "msg.job_export",
            &[("path", &dest.display().to_string())],
        );
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |progress| {
            progress.update(0, 2);
            let bytes = match exporter.render(&source, &options) {
                Ok(b) => b,
                Err(e) => return JobOutcome::Failed(e.to_string()),
            };
            if !progress.update(1, 2) {
                return JobOutcome::Cancelled;
            }
            match crate::io::export::write_atomically(&dest, &bytes) {
                Ok(()) => JobOutcome::Exported(dest),
                Err(e) => JobOutcome::Failed(e.to_string()),
            }
        }));
    }

    /// What an export of this kind is made from, as the window shows it now, and the
    /// name to suggest for the file. `None` (with a message where one helps) when there
    /// is nothing to export.
    fn export_source(&mut self, needs: Needs) -> Option<(ExportSource, String)> {
        let lang = self.language();
        let file_lang = self.report_language();
        match needs {
            Needs::Project => {
                let (Some(ws), Some(id)) = (self.workspace.as_ref(), self.current_project) else {
                    self.error(tr(lang, "msg.no_project_selected"));
                    return None;
                };
                let read = ws
                    .projects()
                    .map(|ps| ps.into_iter().find(|p| p.id == id))
                    .and_then(|p| {
                        p.map(|p| crate::report::ExportInput::read(ws, &p, file_lang))
                            .transpose()
                    });
                match read {
                    Ok(Some(input)) => {
                        let name = input.project.fields.name.clone();
                        Some((ExportSource::Project(Box::new(input)), name))
                    }
                    Ok(None) => None,
                    Err(e) => {
                        self.error(messages::store_error(lang, &e));
                        None
                    }
                }
            }
            Needs::Survey => {
                let (survey, view) = self.survey.shown()?;
                let source = ExportSource::Survey {
                    survey: Box::new(survey.clone()),
                    view: Box::new(view.clone()),
                };
                Some((source, view.name.clone()))
            }
            Needs::Pool => {
                let pool = self.view.as_ref()?.insights.clone();
                Some((
                    ExportSource::Pool(Box::new(pool)),
                    tr(file_lang, "prd.title"),
                ))
            }
            Needs::Register => {
                let ws = self.workspace.as_ref()?;
                match crate::report::risk_table::RegisterExport::read(ws, self.current_project) {
                    Ok(register) => {
                        let name = register.project.as_ref().map_or_else(
                            || tr(file_lang, "risk.register_title"),
                            |p| format!("{} {p}", tr(file_lang, "risk.register_title")),
                        );
                        Some((ExportSource::Register(Box::new(register)), name))
                    }
                    Err(e) => {
                        self.error(messages::store_error(lang, &e));
                        None
                    }
                }
            }
            Needs::Quality => {
                let ws = self.workspace.as_ref()?;
                let today = chrono::Local::now().date_naive();
                let scope = match self.ui_state.quality.report_run {
                    Some(run) => crate::report::test_report::TestScope::Run(run),
                    None => {
                        crate::report::test_report::TestScope::Release(self.quality.release.clone())
                    }
                };
                match crate::report::quality_export::QualityExport::read(ws, &scope, today) {
                    Ok(q) => Some((
                        ExportSource::Quality(Box::new(q)),
                        tr(file_lang, "quality.cases_sheet"),
                    )),
                    Err(e) => {
                        self.error(messages::store_error(lang, &e));
                        None
                    }
                }
            }
            Needs::Report => {
                let report = self.report.export()?;
                let name = report.document.title.replace(['/', '\\', ':'], " ");
                Some((ExportSource::Report(Box::new(report)), name))
            }
        }
    }
}
