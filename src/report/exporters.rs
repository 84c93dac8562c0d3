//! Every export in one list, as [`crate::io::importers`] lists every import: its id (the
//! command line's `--as` name), file extension, what it is made from and its name in
//! menus. The window, the command line and the tests all go through [`Exporter::render`];
//! a new report adds one entry here.

use crate::i18n::Language;
use crate::io::export::ExportError;
use crate::model::survey::Survey;
use crate::report::ExportInput;
use crate::report::gantt::Paper;
use crate::report::insights::InsightsView;
use crate::report::requirement_export::RequirementExportKind;
use crate::report::survey_export::SurveyExportKind;
use crate::report::survey_view::SurveyView;

/// What an export is made from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Needs {
    /// A project: its plan, schedule and chart.
    Project,
    /// A survey as shown (filter and cross-tab applied).
    Survey,
    /// The requirement pool.
    Pool,
    /// A report as the Reports page shows it (built, or published and frozen).
    Report,
    /// The risk register (of a project, or the whole workspace).
    Register,
    /// Test cases and defects.
    Quality,
}

/// The data of an export, read once (from the store, or the window's state) so the
/// rendering can run on another thread.
#[derive(Clone, Debug)]
pub enum ExportSource {
    Project(Box<ExportInput>),
    Survey {
        survey: Box<Survey>,
        view: Box<SurveyView>,
    },
    Pool(Box<InsightsView>),
    Report(Box<ReportExport>),
    Register(Box<crate::report::risk_table::RegisterExport>),
    Quality(Box<crate::report::quality_export::QualityExport>),
}

/// A report to write: its document, its facts (for templates) and the user's templates
/// by format (`html`, `md`, `txt` → file name, source).
#[derive(Clone, Debug)]
pub struct ReportExport {
    pub document: crate::report::document::Document,
    pub facts: serde_json::Value,
    pub templates: std::collections::BTreeMap<String, (String, String)>,
}

impl ReportExport {
    /// The report in a text format, through the user's template for it when there is
    /// one, else the built-in form.
    pub fn text(
        &self,
        format: crate::report::document::template::TemplateFormat,
    ) -> Result<String, ExportError> {
        use crate::report::document::{self as d, template::TemplateFormat as F};
        match self.templates.get(format.code()) {
            Some((file, source)) => {
                d::template::render(&self.document, &self.facts, source, file, format)
                    .map_err(|e| ExportError::Template(e.to_string()))
            }
            None => Ok(match format {
                F::Html => d::to_html(&self.document),
                F::Markdown => d::to_markdown(&self.document),
                F::Text => d::to_text(&self.document),
            }),
        }
    }
}

impl ExportSource {
    pub fn needs(&self) -> Needs {
        match self {
            ExportSource::Project(_) => Needs::Project,
            ExportSource::Survey { .. } => Needs::Survey,
            ExportSource::Pool(_) => Needs::Pool,
            ExportSource::Report(_) => Needs::Report,
            ExportSource::Register(_) => Needs::Register,
            ExportSource::Quality(_) => Needs::Quality,
        }
    }
}

/// The choices an export takes besides its data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOptions {
    pub lang: Language,
    /// Page size of a PDF chart.
    pub paper: Paper,
    /// The question (or the NPS trend, [`crate::report::survey_export::TREND`]) whose
    /// chart a survey PNG shows.
    pub question: Option<String>,
}

impl ExportOptions {
    pub fn new(lang: Language) -> ExportOptions {
        ExportOptions {
            lang,
            paper: Paper::A4Landscape,
            question: None,
        }
    }
}

/// Which renderer makes the bytes.
#[derive(Clone, Copy, Debug)]
enum Renderer {
    Project(crate::report::ExportKind),
    SurveyHtml,
    SurveyCsv,
    SurveyXlsx,
    SurveyChartPng,
    Pool(RequirementExportKind),
    Report(ReportFormat),
    Register(RegisterFormat),
    Quality(QualityFormat),
}

/// The tables of the quality module.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualityFormat {
    CasesCsv,
    CasesXlsx,
    CasesMarkdown,
    DefectsCsv,
    DefectsXlsx,
    /// The test report (测试报告) of the release or run read.
    Report(ReportFormat),
}

/// The formats of the risk register.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Xlsx,
    Markdown,
    /// The issue log, decision record and change requests.
    LogsMarkdown,
}

/// The formats of a report document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Pdf,
    Docx,
    Html,
    Markdown,
    Text,
    Xlsx,
}

/// One kind of export.
#[derive(Debug)]
pub struct Exporter {
    /// Stable id, used by `--as` on the command line.
    pub id: &'static str,
    /// The usual file extension, without the dot.
    pub extension: &'static str,
    /// The i18n key of its name in menus.
    pub label_key: &'static str,
    renderer: Renderer,
}

impl Exporter {
    /// What it is made from.
    pub fn needs(&self) -> Needs {
        match self.renderer {
            Renderer::Project(_) => Needs::Project,
            Renderer::Pool(_) => Needs::Pool,
            Renderer::Report(_) => Needs::Report,
            Renderer::Register(_) => Needs::Register,
            Renderer::Quality(_) => Needs::Quality,
            Renderer::SurveyHtml
            | Renderer::SurveyCsv
            | Renderer::SurveyXlsx
            | Renderer::SurveyChartPng => Needs::Survey,
        }
    }

    /// Whether it shows one chart and so needs [`ExportOptions::question`].
    pub fn needs_question(&self) -> bool {
        matches!(self.renderer, Renderer::SurveyChartPng)
    }

    /// The bytes of the file.
    pub fn render(
        &self,
        source: &ExportSource,
        options: &ExportOptions,
    ) -> Result<Vec<u8>, ExportError> {
        use crate::report::ExportKind;
        let survey_kind = || -> Result<SurveyExportKind, ExportError> {
            Ok(match self.renderer {
                Renderer::SurveyHtml => SurveyExportKind::Html,
                Renderer::SurveyCsv => SurveyExportKind::ResponsesCsv,
                Renderer::SurveyXlsx => SurveyExportKind::ResponsesXlsx,
                _ => SurveyExportKind::ChartPng(
                    options
                        .question
                        .clone()
                        .ok_or_else(|| ExportError::NoQuestion(String::new()))?,
                ),
            })
        };
        match (self.renderer, source) {
            (Renderer::Project(kind), ExportSource::Project(input)) => {
                let kind = match kind {
                    ExportKind::GanttPdf(_) => ExportKind::GanttPdf(options.paper),
                    other => other,
                };
                crate::report::render(kind, input)
            }
            (Renderer::Pool(kind), ExportSource::Pool(pool)) => {
                crate::report::requirement_export::render(kind, pool, options.lang)
            }
            (Renderer::Report(format), ExportSource::Report(report)) => {
                use crate::report::document::{self as d, template::TemplateFormat as F};
                let doc = &report.document;
                Ok(match format {
                    ReportFormat::Pdf => d::to_pdf(doc)?,
                    ReportFormat::Docx => d::to_docx(doc)?,
                    ReportFormat::Html => report.text(F::Html)?.into_bytes(),
                    ReportFormat::Markdown => report.text(F::Markdown)?.into_bytes(),
                    ReportFormat::Text => report.text(F::Text)?.into_bytes(),
                    ReportFormat::Xlsx => {
                        d::to_xlsx(doc, &crate::i18n::tr(doc.lang, "report.summary_sheet"))?
                    }
                })
            }
            (Renderer::Register(format), ExportSource::Register(register)) => {
                let lang = options.lang;
                Ok(match format {
                    RegisterFormat::Csv => register.csv(lang).into_bytes(),
                    RegisterFormat::Xlsx => register.xlsx(lang)?,
                    RegisterFormat::Markdown => register.markdown(lang).into_bytes(),
                    RegisterFormat::LogsMarkdown => {
                        crate::report::document::to_markdown(&register.logs.document(lang))
                            .into_bytes()
                    }
                })
            }
            (Renderer::Quality(format), ExportSource::Quality(q)) => {
                let lang = options.lang;
                Ok(match format {
                    QualityFormat::CasesCsv => q.cases_csv(lang).into_bytes(),
                    QualityFormat::CasesXlsx => q.cases_xlsx(lang)?,
                    QualityFormat::CasesMarkdown => {
                        crate::report::document::to_markdown(&q.cases_document(lang)).into_bytes()
                    }
                    QualityFormat::DefectsCsv => q.defects_csv(lang).into_bytes(),
                    QualityFormat::DefectsXlsx => q.defects_xlsx(lang)?,
                    QualityFormat::Report(format) => {
                        use crate::report::document as d;
                        let doc = q.test_report.document(lang);
                        match format {
                            ReportFormat::Pdf => d::to_pdf(&doc)?,
                            ReportFormat::Docx => d::to_docx(&doc)?,
                            ReportFormat::Html => d::to_html(&doc).into_bytes(),
                            ReportFormat::Markdown => d::to_markdown(&doc).into_bytes(),
                            ReportFormat::Text => d::to_text(&doc).into_bytes(),
                            ReportFormat::Xlsx => {
                                d::to_xlsx(&doc, &crate::i18n::tr(lang, "report.summary_sheet"))?
                            }
                        }
                    }
                })
            }
            (
                Renderer::SurveyHtml
                | Renderer::SurveyCsv
                | Renderer::SurveyXlsx
                | Renderer::SurveyChartPng,
                ExportSource::Survey { survey, view },
            ) => crate::report::survey_export::render(&survey_kind()?, survey, view, options.lang),
            _ => Err(ExportError::WrongSource {
                id: self.id,
                needs: format!("{:?}", self.needs()),
                got: format!("{:?}", source.needs()),
            }),
        }
    }
}

/// Every export, in menu order.
pub static EXPORTERS: &[Exporter] = &[
    Exporter {
        id: "mspdi",
        extension: "xml",
        label_key: "cmd.export_mspdi",
        renderer: Renderer::Project(crate::report::ExportKind::Mspdi),
    },
    Exporter {
        id: "tasks-csv",
        extension: "csv",
        label_key: "cmd.export_tasks_csv",
        renderer: Renderer::Project(crate::report::ExportKind::TasksCsv),
    },
    Exporter {
        id: "tasks-xlsx",
        extension: "xlsx",
        label_key: "cmd.export_tasks_xlsx",
        renderer: Renderer::Project(crate::report::ExportKind::TasksXlsx),
    },
    Exporter {
        id: "gantt-svg",
        extension: "svg",
        label_key: "cmd.export_gantt_svg",
        renderer: Renderer::Project(crate::report::ExportKind::GanttSvg),
    },
    Exporter {
        id: "gantt-png",
        extension: "png",
        label_key: "cmd.export_gantt_png",
        renderer: Renderer::Project(crate::report::ExportKind::GanttPng),
    },
    Exporter {
        id: "gantt-pdf",
        extension: "pdf",
        label_key: "cmd.export_gantt_pdf",
        renderer: Renderer::Project(crate::report::ExportKind::GanttPdf(Paper::A4Landscape)),
    },
    Exporter {
        id: "survey-html",
        extension: "html",
        label_key: "research.export_html",
        renderer: Renderer::SurveyHtml,
    },
    Exporter {
        id: "survey-csv",
        extension: "csv",
        label_key: "research.export_csv",
        renderer: Renderer::SurveyCsv,
    },
    Exporter {
        id: "survey-xlsx",
        extension: "xlsx",
        label_key: "research.export_xlsx",
        renderer: Renderer::SurveyXlsx,
    },
    Exporter {
        id: "survey-png",
        extension: "png",
        label_key: "research.export_png",
        renderer: Renderer::SurveyChartPng,
    },
    Exporter {
        id: "requirements-csv",
        extension: "csv",
        label_key: "requirements.export_csv",
        renderer: Renderer::Pool(RequirementExportKind::Csv),
    },
    Exporter {
        id: "requirements-xlsx",
        extension: "xlsx",
        label_key: "requirements.export_xlsx",
        renderer: Renderer::Pool(RequirementExportKind::Xlsx),
    },
    Exporter {
        id: "jira-csv",
        extension: "csv",
        label_key: "requirements.export_jira",
        renderer: Renderer::Pool(RequirementExportKind::JiraCsv),
    },
    Exporter {
        id: "prd-md",
        extension: "md",
        label_key: "requirements.export_prd_md",
        renderer: Renderer::Pool(RequirementExportKind::PrdMarkdown),
    },
    Exporter {
        id: "prd-html",
        extension: "html",
        label_key: "requirements.export_prd_html",
        renderer: Renderer::Pool(RequirementExportKind::PrdHtml),
    },
    Exporter {
        id: "risks-csv",
        extension: "csv",
        label_key: "cmd.export_risks_csv",
        renderer: Renderer::Register(RegisterFormat::Csv),
    },
    Exporter {
        id: "risks-xlsx",
        extension: "xlsx",
        label_key: "cmd.export_risks_xlsx",
        renderer: Renderer::Register(RegisterFormat::Xlsx),
    },
    Exporter {
        id: "risks-md",
        extension: "md",
        label_key: "cmd.export_risks_md",
        renderer: Renderer::Register(RegisterFormat::Markdown),
    },
    Exporter {
        id: "logs-md",
        extension: "md",
        label_key: "cmd.export_logs_md",
        renderer: Renderer::Register(RegisterFormat::LogsMarkdown),
    },
    Exporter {
        id: "testcases-csv",
        extension: "csv",
        label_key: "cmd.export_testcases_csv",
        renderer: Renderer::Quality(QualityFormat::CasesCsv),
    },
    Exporter {
        id: "testcases-xlsx",
        extension: "xlsx",
        label_key: "cmd.export_testcases_xlsx",
        renderer: Renderer::Quality(QualityFormat::CasesXlsx),
    },
    Exporter {
        id: "testcases-md",
        extension: "md",
        label_key: "cmd.export_testcases_md",
        renderer: Renderer::Quality(QualityFormat::CasesMarkdown),
    },
    Exporter {
        id: "defects-csv",
        extension: "csv",
        label_key: "cmd.export_defects_csv",
        renderer: Renderer::Quality(QualityFormat::DefectsCsv),
    },
    Exporter {
        id: "defects-xlsx",
        extension: "xlsx",
        label_key: "cmd.export_defects_xlsx",
        renderer: Renderer::Quality(QualityFormat::DefectsXlsx),
    },
    Exporter {
        id: "test-report-html",
        extension: "html",
        label_key: "cmd.export_test_report_html",
        renderer: Renderer::Quality(QualityFormat::Report(ReportFormat::Html)),
    },
    Exporter {
        id: "test-report-md",
        extension: "md",
        label_key: "cmd.export_test_report_md",
        renderer: Renderer::Quality(QualityFormat::Report(ReportFormat::Markdown)),
    },
    Exporter {
        id: "test-report-pdf",
        extension: "pdf",
        label_key: "cmd.export_test_report_pdf",
        renderer: Renderer::Quality(QualityFormat::Report(ReportFormat::Pdf)),
    },
    Exporter {
        id: "test-report-docx",
        extension: "docx",
        label_key: "cmd.export_test_report_docx",
        renderer: Renderer::Quality(QualityFormat::Report(ReportFormat::Docx)),
    },
    Exporter {
        id: "report-pdf",
        extension: "pdf",
        label_key: "reports.export_pdf",
        renderer: Renderer::Report(ReportFormat::Pdf),
    },
    Exporter {
        id: "report-docx",
        extension: "docx",
        label_key: "reports.export_docx",
        renderer: Renderer::Report(ReportFormat::Docx),
    },
    Exporter {
        id: "report-html",
        extension: "html",
        label_key: "reports.export_html",
        renderer: Renderer::Report(ReportFormat::Html),
    },
    Exporter {
        id: "report-md",
        extension: "md",
        label_key: "reports.export_md",
        renderer: Renderer::Report(ReportFormat::Markdown),
    },
    Exporter {
        id: "report-txt",
        extension: "txt",
        label_key: "reports.export_txt",
        renderer: Renderer::Report(ReportFormat::Text),
    },
    Exporter {
        id: "report-xlsx",
        extension: "xlsx",
        label_key: "reports.export_xlsx",
        renderer: Renderer::Report(ReportFormat::Xlsx),
    },
];

/// The exporter with this id.
pub fn exporter(id: &str) -> Option<&'static Exporter> {
    EXPORTERS.iter().find(|e| e.id == id)
}

/// The exporters made from `needs`, in menu order.
pub fn made_from(needs: Needs) -> impl Iterator<Item = &'static Exporter> {
    EXPORTERS.iter().filter(move |e| e.needs() == needs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_every_label_exists_in_both_languages() {
        let mut seen = std::collections::HashSet::new();
        for e in EXPORTERS {
            assert!(seen.insert(e.id), "{} twice", e.id);
            for lang in Language::ALL {
                assert_ne!(crate::i18n::tr(lang, e.label_key), e.label_key, "{}", e.id);
            }
        }
        assert_eq!(made_from(Needs::Project).count(), 6);
        assert_eq!(made_from(Needs::Survey).count(), 4);
        assert_eq!(made_from(Needs::Pool).count(), 5);
        assert_eq!(made_from(Needs::Report).count(), 6);
        assert_eq!(made_from(Needs::Register).count(), 4);
        assert_eq!(made_from(Needs::Quality).count(), 9);
    }

    #[test]
    fn an_exporter_refuses_data_it_is_not_made_from() {
        let pool = ExportSource::Pool(Box::default());
        let options = ExportOptions::new(Language::English);
        let err = exporter("gantt-svg")
            .and_then(|e| e.render(&pool, &options).err())
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("gantt-svg"), "{err}");
        let prd = exporter("prd-md").map(|e| e.render(&pool, &options));
        assert!(matches!(prd, Some(Ok(_))));
    }
}
