//! `planwright report WS --kind weekly [--project NAME] [--period 2026-W49 | --from DATE
//! --to DATE] [--lang zh-CN|en] --as json|html|md|txt|xlsx|pdf|docx --out PATH` (`--out -`: standard output).

use std::path::PathBuf;

use chrono::{NaiveDate, Timelike};
use clap::{Args, ValueEnum};

use super::{CliError, pick_project};
use crate::i18n::Language;
use crate::report::weekly::{self, Period};
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Which report.
    #[arg(long, value_enum, default_value_t = Kind::Weekly)]
    kind: Kind,
    /// The project (by name); needed when the workspace has several.
    #[arg(long)]
    project: Option<String>,
    /// The period as an ISO week, e.g. 2026-W49 (default: the week of the project's
    /// status date, else this week).
    #[arg(long, conflicts_with_all = ["from", "to"])]
    period: Option<String>,
    /// The period's first day (with --to).
    #[arg(long, requires = "to")]
    from: Option<NaiveDate>,
    /// The period's last day (with --from).
    #[arg(long, requires = "from")]
    to: Option<NaiveDate>,
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
}

/// `--kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Kind {
    Weekly,
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
    let project = pick_project(&ws, &args.file, args.project.as_deref())?;
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
                .fields
                .status_date
                .unwrap_or_else(|| chrono::Local::now().date_naive()),
        ),
    };
    let lang = match args.lang.as_deref() {
        Some(name) => Language::parse(name)
            .ok_or_else(|| CliError::Usage(format!("unknown language \"{name}\" (zh-CN or en)")))?,
        None => Language::of_text(&ws.text_sample()?),
    };
    let build = match args.kind {
        Kind::Weekly => crate::report::publish::weekly(&ws, &project, period, lang)?,
    };
    let (report, doc) = (&build.report, &build.document);
    use crate::report::document as render;
    let bytes = match args.format {
        Format::Json => (weekly::to_json(report).to_string() + "\n").into_bytes(),
        Format::Html => render::to_html(doc).into_bytes(),
        Format::Md => render::to_markdown(doc).into_bytes(),
        Format::Txt => render::to_text(doc).into_bytes(),
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
        let snapshot = crate::report::publish::snapshot(
            &build,
            &project,
            now.with_nanosecond(0).unwrap_or(now),
            &crate::report::publish::who(),
        );
        ws.apply(crate::model::Change::PublishReport(snapshot))?;
        format!(
            "; published {} {} – {}",
            build.key.kind, build.key.from, build.key.to
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
