//! `planwright export FILE --as KIND --out PATH [--project NAME] [--survey NAME]
//! [--question KEY] [--paper a4|a3] [--lang zh|en]`: any exporter of the registry.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::{CliError, pick_project};
use crate::i18n::Language;
use crate::report::exporters::{self, ExportOptions, ExportSource, Needs};
use crate::report::gantt::Paper;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The workspace (read only; never changed).
    file: PathBuf,
    /// What to write (one per exporter; the possible values below).
    #[arg(long = "as", value_name = "KIND", value_parser = export_kinds())]
    kind: String,
    /// The survey (by name); needed when the workspace has several.
    #[arg(long)]
    survey: Option<String>,
    /// For survey-png: the question's key (as `survey` prints it), or nps-trend.
    #[arg(long)]
    question: Option<String>,
    /// Paper for gantt-pdf (landscape).
    #[arg(long, value_enum, default_value_t = PaperArg::A4, ignore_case = true)]
    paper: PaperArg,
    /// Where to write it.
    #[arg(long)]
    out: PathBuf,
    /// The project (by name); needed when the workspace has several.
    #[arg(long)]
    project: Option<String>,
    /// For the test report (test-report-*): the release (by name); all releases when
    /// omitted.
    #[arg(long, value_name = "NAME", conflicts_with = "run")]
    release: Option<String>,
    /// For the test report: one run (RUN-n) instead of a release.
    #[arg(long, value_name = "KEY")]
    run: Option<String>,
    /// Language of headers, labels and names in the file (zh-CN or en). By default the
    /// workspace's report language (set on the Reports page), else its own (Chinese
    /// when its names are).
    #[arg(long, value_enum)]
    lang: Option<LangArg>,
}

/// `--paper`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum PaperArg {
    A4,
    A3,
}

/// `--lang`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum LangArg {
    #[value(name = "zh-CN", alias = "zh")]
    Zh,
    En,
}

/// The names `--as` takes: every exporter's id, from the registry.
fn export_kinds() -> clap::builder::PossibleValuesParser {
    // Reports have their own subcommand (`report`), with a period and a kind.
    clap::builder::PossibleValuesParser::new(
        exporters::EXPORTERS
            .iter()
            .filter(|e| e.needs() != Needs::Report)
            .map(|e| e.id),
    )
}

pub fn run(args: &ExportArgs) -> Result<String, CliError> {
    let exporter = exporters::exporter(&args.kind)
        .ok_or_else(|| CliError::Usage(format!("unknown export kind \"{}\"", args.kind)))?;
    if exporter.needs_question() && args.question.is_none() {
        return Err(CliError::Usage(format!(
            "{} needs --question KEY (the keys are in `planwright survey FILE`)",
            exporter.id
        )));
    }
    let ws = Workspace::open_read_only(&args.file)?;
    let lang = match args.lang {
        Some(LangArg::Zh) => Language::ZhCn,
        Some(LangArg::En) => Language::English,
        None => crate::report::publish::report_language(&ws)?,
    };
    let options = ExportOptions {
        lang,
        paper: match args.paper {
            PaperArg::A4 => Paper::A4Landscape,
            PaperArg::A3 => Paper::A3Landscape,
        },
        question: args.question.clone(),
    };
    let (source, what) = read_source(&ws, exporter.needs(), args, lang)?;
    let bytes = exporter.render(&source, &options).map_err(|e| match e {
        // Name the workspace the question was looked for in.
        e if e.is_usage() => CliError::Usage(format!("{}: {e}", args.file.display())),
        e => CliError::Export(e),
    })?;
    crate::io::export::write_atomically(&args.out, &bytes)?;
    Ok(format!("wrote {} ({what})", args.out.display()))
}

/// What the exporter is made from, read from the workspace, and a few words on how
/// much of it there is.
fn read_source(
    ws: &Workspace,
    needs: Needs,
    args: &ExportArgs,
    lang: Language,
) -> Result<(ExportSource, String), CliError> {
    let file = args.file.as_path();
    Ok(match needs {
        Needs::Project => {
            let project = pick_project(ws, file, args.project.as_deref())?;
            let input = crate::report::ExportInput::read(ws, &project, lang)?;
            let what = format!("{} tasks", input.plan.tasks.len());
            (ExportSource::Project(Box::new(input)), what)
        }
        Needs::Survey => {
            let summary = pick_survey(ws, file, args.survey.as_deref())?;
            let survey = ws.survey(summary.id)?.ok_or_else(|| {
                CliError::Usage(format!("{}: the survey is gone", file.display()))
            })?;
            let view = crate::report::survey_view::SurveyView::of(
                summary.id,
                ws.revision(),
                &survey,
                &crate::model::survey::SurveyFilter::default(),
                None,
            );
            let what = format!("{} responses", view.kept);
            let source = ExportSource::Survey {
                survey: Box::new(survey),
                view: Box::new(view),
            };
            (source, what)
        }
        Needs::Pool => {
            let pool = crate::report::insights::InsightsView::build(ws, &ws.surveys()?)?;
            let what = format!("{} requirements", pool.requirements.len());
            (ExportSource::Pool(Box::new(pool)), what)
        }
        Needs::Register => {
            let project = match args.project.as_deref() {
                Some(name) => Some(pick_project(ws, file, Some(name))?.id),
                None => None,
            };
            let register = crate::report::risk_table::RegisterExport::read(ws, project)?;
            let what = format!(
                "{} risks, {} log entries",
                register.register.risks.len(),
                register.logs.entries.len()
            );
            (ExportSource::Register(Box::new(register)), what)
        }
        Needs::Quality => {
            use crate::report::test_report::TestScope;
            let scope = if let Some(key) = &args.run {
                let id = crate::model::quality::RunId::parse_key(key)
                    .filter(|id| {
                        ws.quality()
                            .is_ok_and(|q| q.runs.iter().any(|r| r.id == *id))
                    })
                    .ok_or_else(|| {
                        CliError::Usage(format!("{}: no test run \"{key}\"", file.display()))
                    })?;
                TestScope::Run(id)
            } else {
                TestScope::Release(match &args.release {
                    Some(name) => Some(super::quality::pick_release(ws, file, name)?),
                    None => None,
                })
            };
            let today = chrono::Local::now().date_naive();
            let q = crate::report::quality_export::QualityExport::read(ws, &scope, today)?;
            let what = format!(
                "{} test cases, {} defects",
                q.data.cases.len(),
                q.data.defects.len()
            );
            (ExportSource::Quality(Box::new(q)), what)
        }
        Needs::Report => {
            return Err(CliError::Usage(
                "reports are written with `planwright report`".into(),
            ));
        }
    })
}

/// The one survey a command is about: the named one, or the only one.
fn pick_survey(
    ws: &Workspace,
    file: &Path,
    name: Option<&str>,
) -> Result<crate::store::SurveySummary, CliError> {
    let mut list = ws.surveys()?;
    match name {
        Some(name) => {
            let at = list.iter().position(|s| s.name == name).ok_or_else(|| {
                CliError::Usage(format!("{}: no survey named \"{name}\"", file.display()))
            })?;
            Ok(list.swap_remove(at))
        }
        None if list.len() == 1 => list.pop().ok_or_else(|| CliError::Usage(String::new())),
        None if list.is_empty() => Err(CliError::Usage(format!(
            "{}: the workspace has no survey",
            file.display()
        ))),
        None => {
            let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
            Err(CliError::Usage(format!(
                "{}: several surveys; pick one with --survey ({})",
                file.display(),
                names.join(", ")
            )))
        }
    }
}
