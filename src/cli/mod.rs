//! The command line: headless subcommands over the same store as the window, one file
//! per subcommand, each with its clap `Args`.
//!
//! Exit codes: 0 done; 1 the input or workspace is at fault (one line on stderr);
//! 2 usage: arguments clap refuses, and names or choices that do not fit the
//! workspace (no such project, survey, question or saved mapping; pick one of several).

mod export;
mod generate;
mod import;
mod info;
mod logs;
mod new;
mod quality;
mod report;
mod reports;
mod requirements;
mod risks;
mod schedule;
mod simulate;
mod survey;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::ImportError;
use crate::model::Project;
use crate::store::{StoreError, Workspace};

pub use info::info_json;

/// Any failure of a subcommand, said in one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Export(#[from] crate::io::export::ExportError),
    #[error("{0}")]
    Usage(String),
}

impl CliError {
    /// The process exit code: 2 for usage, 1 for everything the input is at fault for.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Usage(_) => 2,
            CliError::Export(e) if e.is_usage() => 2,
            _ => 1,
        }
    }
}

/// Planwright (产品项目工作台): research, requirements, plan and reports in one file.
#[derive(Debug, Parser)]
#[command(
    name = "planwright",
    version = crate::VERSION,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A workspace to open in the window, or a file to import into the last workspace.
    pub file: Option<PathBuf>,
    /// Open a window of its own even when Planwright is already running (by default
    /// the file is handed to the running window).
    #[arg(long)]
    pub new_window: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace file.
    New(new::NewArgs),
    /// Import a file into a workspace: a plan (MS Project XML, GanttProject, a task
    /// table), a survey export, or requirements (Jira CSV, PingCode/Worktile or any
    /// table): one undoable edit.
    Import(import::ImportArgs),
    /// Print each survey's questions and figures (NPS, ratings, choice counts).
    Survey(survey::SurveyArgs),
    /// Print the requirement pool: each requirement with its parent, labels, release,
    /// scores and links.
    Requirements(requirements::RequirementsArgs),
    /// Reschedule the plans (an undoable edit) and print every task's dates and slack.
    Schedule(schedule::ScheduleArgs),
    /// Export a project (MS Project XML, a task list, the Gantt chart as SVG, PNG or
    /// tiled PDF pages), a survey (the dashboard, the responses, one chart) or the
    /// requirement pool (a table, a CSV for Jira's importer, a PRD).
    Export(export::ExportArgs),
    /// Write a report: the weekly status report (项目周报) of a project for a period, as
    /// JSON facts, Markdown, chat-ready text, HTML, XLSX, PDF or DOCX; `--publish`
    /// also freezes it in the workspace.
    Report(report::ReportArgs),
    /// List the published reports.
    Reports(reports::ReportsArgs),
    /// The risk register: each risk's score, band, status, response and links.
    Risks(risks::RisksArgs),
    /// Schedule risk analysis (Monte Carlo): the finish's spread (P10–P90), the chance of
    /// meeting the baseline and the deadline, each milestone's P50/P80, each task's
    /// criticality and sensitivity.
    Simulate(simulate::SimulateArgs),
    /// The issue log, the decision record and the change requests (with their what-if).
    Logs(logs::LogsArgs),
    /// A release's quality: test coverage of its requirements, results, defects and the
    /// readiness gate.
    Quality(quality::QualityArgs),
    /// Add a synthetic plan (realistic WBS, links) for benchmarks.
    Gen(generate::GenArgs),
    /// Describe a workspace: schema version and how many of each thing it holds.
    Info(info::InfoArgs),
}

/// Runs a subcommand; prints its result to stdout or one line of reason to stderr.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::New(args) => new::run(&args),
        Command::Info(args) => info::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Survey(args) => survey::run(&args),
        Command::Requirements(args) => requirements::run(&args),
        Command::Schedule(args) => schedule::run(&args),
        Command::Gen(args) => generate::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Reports(args) => reports::run(&args),
        Command::Risks(args) => risks::run(&args),
        Command::Simulate(args) => simulate::run(&args),
        Command::Logs(args) => logs::run(&args),
        Command::Quality(args) => quality::run(&args),
    };
    match result {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error of ours: stop quietly.
            if !out.is_empty() {
                let _ = writeln!(std::io::stdout().lock(), "{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // What a file said is quoted in messages: never let it drive the terminal.
            eprintln!("planwright: {}", crate::model::safe_text(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Opens a workspace for writing, creating it when it does not exist.
fn open_or_create(path: &Path) -> Result<Workspace, CliError> {
    let ws = if path.exists() {
        Workspace::open(path)?
    } else {
        Workspace::create(path)?
    };
    if ws.is_read_only() {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(ws)
}

/// The one project a command is about: the named one, or the only one.
fn pick_project(ws: &Workspace, file: &Path, name: Option<&str>) -> Result<Project, CliError> {
    let projects = ws.projects()?;
    match name {
        Some(n) => projects
            .into_iter()
            .find(|p| p.fields.name == n)
            .ok_or_else(|| {
                CliError::Usage(format!("{}: no project named \"{n}\"", file.display()))
            }),
        None if projects.len() == 1 => Ok(projects
            .into_iter()
            .next()
            .ok_or_else(|| CliError::Usage(String::new()))?),
        None => {
            let names: Vec<String> = projects.into_iter().map(|p| p.fields.name).collect();
            Err(CliError::Usage(format!(
                "{}: holds {} projects; say which with --project (one of: {})",
                file.display(),
                names.len(),
                names.join(", ")
            )))
        }
    }
}
