//! `planwright report WS --kind weekly|customer|release-notes|portfolio|mta|burnup
//! [--project NAME] [--period 2026-W49 | --from DATE --to DATE] [--release NAME]
//! [--customer NAME] [--lang zh-CN|en] --as json|html|md|txt|xlsx|pdf|docx --out PATH
//! [--publish]` (`--out -`: standard output for md, txt, json and html).

use std::path::PathBuf;

use chrono::{NaiveDate, Timelike};
use clap::{Args, ValueEnum};

use super::{CliError, pick_project};
use crate::i18n::Language;
use crate::report::kinds::{self, Subject};
use crate::report::weekly::Period;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The workspace (opened read-only unless --publish).
    file: PathBuf,
    /// Which report.
    #[arg(long, value_enum, default_value_t = Kind::Weekly)]
    kind: Kind,
    /// The project (by name), for weekly and mta; needed when the workspace has several.
    #[arg(long)]
    project: Option<String>,
    /// The period as an ISO week, e.g. 2026-W49 (default: the week of the project's
    /// status date, else this week). Reports as of a day use its last day.
    #[arg(long, conflicts_with_all = ["from", "to"])]
    period: Option<String>,
    /// The period's first day (with --to).
    #[arg(long, requires = "to")]
    from: Option<NaiveDate>,
    /// The period's last day (with --from).
    #[arg(long, requires = "from")]
    to: Option<NaiveDate>,
    /// The release (by name), for release-notes and burnup.
    #[arg(long)]
    release: Option<String>,
    /// The customer account or segment, for customer.
    #[arg(long)]
    customer: Option<String>,
    /// Language of headings and marks: zh-CN or en (default: the workspace's own).
    #[arg(long)]
    lang: Option<String>,
    /// The format.
    #[arg(long = "as", value_enum)]
    format: Format,
    /// Where to write it; `-` for standard output.
    #[arg(long)]
    out: PathBuf,
    /// Also publish it: freeze it in the workspace as sent (an undoable edit).
    #[arg(long)]
    publish: bool,
    /// Write html, md or txt through this template (minijinja / Jinja2) instead of the
    /// kind's own (saved on the Reports page) or the built-in form.
    #[arg(long)]
    template: Option<PathBuf>,
}

/// `--kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Kind {
    Weekly,
    Customer,
    ReleaseNotes,
    Portfolio,
    Mta,
    Burnup,
}

impl Kind {
    fn of(self) -> kinds::Kind {
        match self {
            Kind::Weekly => kinds::Kind::Weekly,
            Kind::Customer => kinds::Kind::Customer,
            Kind::ReleaseNotes => kinds::Kind::ReleaseNotes,
            Kind::Portfolio => kinds::Kind::Portfolio,
            Kind::Mta => kinds::Kind::Mta,
            Kind::Burnup => kinds::Kind::Burnup,
        }
    }
}

/// `--as`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Json,
    Html,
    Md,
    Txt,
    Xlsx,
    Pdf,
    Docx,
}

pub fn run(args: &ReportArgs) -> Result<String, CliError> {
    let mut ws = if args.publish {
        Workspace::open(&args.file)?
    } else {
        Workspace::open_read_only(&args.file)?
    };
    let kind = args.kind.of();
    let file = args.file.display();
    let project = match kind.subject() {
        Subject::Project => Some(pick_project(&ws, &args.file, args.project.as_deref())?),
        // The period's default comes from a project's status date where there is one.
        _ => ws.projects()?.into_iter().next(),
    };
    let release = match (kind.subject(), &args.release) {
        (Subject::Release, Some(name)) => Some(
            ws.releases()?
                .into_iter()
                .find(|r| r.fields.name == *name)
                .ok_or_else(|| CliError::Usage(format!("{file}: no release named \"{name}\"")))?,
        ),
        (Subject::Release, None) => {
            let names: Vec<String> = ws.releases()?.into_iter().map(|r| r.fields.name).collect();
            return Err(CliError::Usage(format!(
                "{file}: say which release with --release (one of: {})",
                names.join(", ")
            )));
        }
        _ => None,
    };
    let customer = match (kind.subject(), &args.customer) {
        (Subject::Customer, Some(name)) => {
            let known = kinds::customer::customers(&ws)?;
            if !known.contains(name) {
                return Err(CliError::Usage(format!(
                    "{file}: no feedback from a customer or segment \"{name}\" (known: {})",
                    known.join(", ")
                )));
            }
            Some(name.clone())
        }
        (Subject::Customer, None) => {
            return Err(CliError::Usage(format!(
                "{file}: say which customer or segment with --customer (one of: {})",
                kinds::customer::customers(&ws)?.join(", ")
            )));
        }
        _ => None,
    };
    let period = match (&args.period, args.from, args.to) {
        (Some(week), _, _) => Period::parse_week(week).ok_or_else(|| {
            CliError::Usage(format!("“{week}” is not an ISO week (write it 2026-W49)"))
        })?,
        (None, Some(from), Some(to)) if from <= to => Period { from, to },
        (None, Some(_), Some(_)) => {
            return Err(CliError::Usage("--from is after --to".into()));
        }
        _ => Period::week_of(
            project
                .as_ref()
                .and_then(|p| p.fields.status_date)
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        ),
    };
    let lang = match args.lang.as_deref() {
        Some(name) => Language::parse(name)
            .ok_or_else(|| CliError::Usage(format!("unknown language \"{name}\" (zh-CN or en)")))?,
        None => crate::report::publish::report_language(&ws)?,
    };
    let request = kinds::Request {
        kind,
        project: project
            .as_ref()
            .filter(|_| kind.subject() == Subject::Project),
        release: release.as_ref(),
        customer: customer.as_deref(),
        period,
        lang,
    };
    let built = kinds::build(&ws, &request)?.map_err(|e| CliError::Usage(e.to_string()))?;
    let doc = &built.document;
    use crate::report::document::{self as render, template::TemplateFormat};
    let mut templates = ws.report_template(kind.code())?.files;
    if let Some(path) = &args.template {
        let format = match args.format {
            Format::Html => TemplateFormat::Html,
            Format::Md => TemplateFormat::Markdown,
            Format::Txt => TemplateFormat::Text,
            _ => {
                return Err(CliError::Usage(
                    "--template applies to --as html, md and txt".into(),
                ));
            }
        };
        let source =
            std::fs::read_to_string(path).map_err(|source| crate::io::export::ExportError::Io {
                path: path.clone(),
                source,
            })?;
        templates.insert(
            format.code().to_owned(),
            (path.display().to_string(), source),
        );
    }
    let report = crate::report::exporters::ReportExport {
        document: doc.clone(),
        facts: built.facts.clone(),
        templates,
    };
    let bytes = match args.format {
        Format::Json => (built.facts.to_string() + "\n").into_bytes(),
        Format::Html => report.text(TemplateFormat::Html)?.into_bytes(),
        Format::Md => report.text(TemplateFormat::Markdown)?.into_bytes(),
        Format::Txt => report.text(TemplateFormat::Text)?.into_bytes(),
        Format::Xlsx => render::to_xlsx(doc, &crate::i18n::tr(lang, "report.summary_sheet"))?,
        Format::Pdf => render::to_pdf(doc)?,
        Format::Docx => render::to_docx(doc)?,
    };
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout && matches!(args.format, Format::Xlsx | Format::Pdf | Format::Docx) {
        return Err(CliError::Usage(
            "only md, txt, json and html go to standard output; give --out FILE".into(),
        ));
    }
    // The file first: a report is published only once it was written.
    if !to_stdout {
        crate::io::export::write_atomically(&args.out, &bytes)?;
    }
    let published = if args.publish {
        let now = chrono::Local::now().naive_local();
        let snapshot = kinds::snapshot(
            &built,
            now.with_nanosecond(0).unwrap_or(now),
            &crate::report::publish::who(),
        );
        ws.apply(crate::model::Change::PublishReport(snapshot))?;
        format!(
            "; published {} {} – {}",
            built.key.kind, built.key.from, built.key.to
        )
    } else {
        String::new()
    };
    if to_stdout {
        if !published.is_empty() {
            eprintln!("{}", published.trim_start_matches("; "));
        }
        return Ok(String::from_utf8_lossy(&bytes).trim_end().to_owned());
    }
    Ok(format!("wrote {}{published}", args.out.display()))
}
