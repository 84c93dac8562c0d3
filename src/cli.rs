//! The command line: headless subcommands over the same store as the GUI.
//!
//! Exit codes: 0 done; 1 the input or workspace is at fault (one line on stderr);
//! 2 usage (clap's own exit code for argument errors).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::store::{StoreResult, Workspace};

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
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace file.
    New {
        /// The new workspace (.planwright); must not exist yet.
        file: PathBuf,
        /// Fill it with the demo content.
        #[arg(long)]
        demo: bool,
    },
    /// Describe a workspace: schema version and how many of each thing it holds.
    Info {
        /// The workspace to read (opened read-only; never changed).
        file: PathBuf,
        /// Print JSON: {"schema_version", "projects", "counts": {...}}.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a subcommand; prints its result to stdout or one line of reason to stderr.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::New { file, demo } => new(&file, demo),
        Command::Info { file, json } => info(&file, json),
    };
    match result {
        Ok(out) => {
            if !out.is_empty() {
                println!("{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("planwright: {e}");
            ExitCode::from(1)
        }
    }
}

fn new(file: &std::path::Path, demo: bool) -> StoreResult<String> {
    let ws = if demo {
        Workspace::create_demo(file)?
    } else {
        Workspace::create(file)?
    };
    Ok(format!(
        "created {} ({} projects)",
        file.display(),
        ws.projects()?.len()
    ))
}

/// The `info --json` document. Keys are stable and documented in the README.
pub fn info_json(ws: &Workspace) -> StoreResult<serde_json::Value> {
    let counts = ws.counts()?;
    let mut map = serde_json::Map::new();
    for c in &counts {
        map.insert(c.entity.to_owned(), c.count.into());
    }
    let projects = counts
        .iter()
        .find(|c| c.entity == "projects")
        .map_or(0, |c| c.count);
    Ok(serde_json::json!({
        "schema_version": ws.schema_version()?,
        "projects": projects,
        "counts": map,
    }))
}

fn info(file: &std::path::Path, json: bool) -> StoreResult<String> {
    let ws = Workspace::open_read_only(file)?;
    if json {
        return Ok(info_json(&ws)?.to_string());
    }
    let mut out = format!(
        "{}\nschema version: {}\n",
        file.display(),
        ws.schema_version()?
    );
    for c in ws.counts()? {
        out.push_str(&format!("{}: {}\n", c.entity, c.count));
    }
    for p in ws.projects()? {
        out.push_str(&format!(
            "project: {} (starts {})\n",
            p.fields.name, p.fields.start_date
        ));
    }
    Ok(out.trim_end().to_owned())
}
