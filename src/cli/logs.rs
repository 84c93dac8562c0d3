//! `planwright logs WS [--project NAME] [--json]`: the issue log, the decision record
//! and the change requests (each open request with its what-if on the plan).

use std::path::PathBuf;

use clap::Args;

use super::{CliError, pick_project};
use crate::report::pm_logs::Logs;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct LogsArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Only this project's entries (and the workspace-wide ones); open change
    /// requests then come with their what-if.
    #[arg(long)]
    project: Option<String>,
    /// Print JSON: {"issues": [{"key", "title", "severity", "owner", "due", "status",
    /// "resolution", "from_risk", "tasks", "requirements"}], "decisions": [{"key", "title",
    /// "context", "options", "decision", "rationale", "decided_by", "date", "status",
    /// "superseded_by"}], "change_requests": [{"key", "title", "reason", "requester",
    /// "status", "effort_days", "scope_impact", "changes", "what_if"}]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &LogsArgs) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(&args.file)?;
    let project = match &args.project {
        Some(name) => Some(pick_project(&ws, &args.file, Some(name))?),
        None => None,
    };
    let logs = Logs::read(&ws, project.as_ref())?;
    if args.json {
        return Ok(logs.to_json().to_string());
    }
    Ok(logs
        .entries
        .iter()
        .map(|e| {
            format!(
                "{}  {}  {}",
                e.id.key(),
                e.fields.status(),
                crate::model::safe_text(e.fields.title())
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
