//! Files for report templates: a user's template read and tried on the report shown
//! before it is saved (a wrong one is refused with its line), the shipped template
//! written out to edit, a PNG logo read.

use super::PlanwrightApp;
use crate::i18n::{tr, tr_with};
use crate::model::Change;
use crate::model::report::ReportTemplate;
use crate::report::document::template::{self, TemplateFormat};
use crate::report::kinds::Kind;

/// The largest logo kept in a workspace.
const MAX_LOGO: u64 = 1024 * 1024;
/// The largest template file read.
const MAX_TEMPLATE: u64 = 1024 * 1024;

impl PlanwrightApp {
    pub(super) fn load_report_template(
        &mut self,
        kind: Kind,
        format: TemplateFormat,
        mut base: ReportTemplate,
    ) {
        let lang = self.language();
        let Some(path) = self.dialogs.import_file(&tr(lang, "reports.template_load")) else {
            return;
        };
        let file = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let source = match std::fs::metadata(&path) {
            Ok(meta) if meta.len() > MAX_TEMPLATE => {
                self.error(format!("{}: over 1 MB, not a template", path.display()));
                return;
            }
            _ => match std::fs::read_to_string(&path) {
                Ok(s) => s,
                Err(e) => {
                    self.error(format!("{}: {e}", path.display()));
                    return;
                }
            },
        };
        // Tried on the report shown, so a wrong template never gets saved.
        if let Some(report) = self.report.export()
            && let Err(e) =
                template::render(&report.document, &report.facts, &source, &file, format)
        {
            self.error(e.to_string());
            return;
        }
        base.files
            .insert(format.code().to_owned(), (file.clone(), source));
        self.apply(Change::SetReportTemplate {
            kind: kind.code().to_owned(),
            template: base,
        });
        self.info(tr_with(
            lang,
            "reports.template_loaded",
            &[("file", &file), ("format", format.code())],
        ));
    }

    pub(super) fn save_default_report_template(&mut self, format: TemplateFormat) {
        let lang = self.language();
        let name = format!("report.{}.j2", format.code());
        let Some(path) =
            self.dialogs
                .save_export(&tr(lang, "reports.template_save_default"), &name, "j2")
        else {
            return;
        };
        match crate::io::export::write_atomically(&path, format.default_source().as_bytes()) {
            Ok(()) => self.info(tr_with(
                lang,
                "msg.exported",
                &[("path", &path.display().to_string())],
            )),
            Err(e) => self.error(e.to_string()),
        }
    }

    pub(super) fn load_report_logo(&mut self, kind: Kind, mut base: ReportTemplate) {
        let lang = self.language();
        let Some(path) = self.dialogs.import_file(&tr(lang, "reports.logo_pick")) else {
            return;
        };
        let refused = tr_with(
            lang,
            "reports.logo_not_png",
            &[("file", &path.display().to_string())],
        );
        let bytes = match std::fs::metadata(&path) {
            Ok(meta) if meta.len() > MAX_LOGO => {
                self.error(refused);
                return;
            }
            _ => match std::fs::read(&path) {
                Ok(b) => b,
                Err(e) => {
                    self.error(format!("{}: {e}", path.display()));
                    return;
                }
            },
        };
        if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            self.error(refused);
            return;
        }
        base.logo = Some(crate::io::base64::encode(&bytes));
        self.apply(Change::SetReportTemplate {
            kind: kind.code().to_owned(),
            template: base,
        });
    }
}
