//! `planwright risks WS [--project NAME] [--json]`: the risk register.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, pick_project};
use crate::report::risk_register::Register;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct RisksArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Only this project's risks (and the workspace-wide ones).
    #[arg(long)]
    project: Option<String>,
    /// Print JSON: {"risks": [{"key", "title", "category", "kind", "probability",
    /// "impact", "score", "band", "status", "owner", "strategy", "residual":
    /// {"probability", "impact", "score"}, "links": {"tasks", "milestones",
    /// "requirements"}}]}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &RisksArgs) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(&args.file)?;
    let project = match &args.project {
        Some(name) => Some(pick_project(&ws, &args.file, Some(name))?.id),
        None => None,
    };
    let register = Register::build(&ws, project)?;
    if args.json {
        let keys = ws
            .requirements()?
            .into_iter()
            .map(|r| (r.id, r.id.key()))
            .collect();
        return Ok(register.to_json(&keys).to_string());
    }
    Ok(register
        .risks
        .iter()
        .map(|r| {
            format!(
                "{}  {:>2} {:<6}  {}  {}",
                r.id.key(),
                r.fields.score(),
                register.band(r).code(),
                r.fields.status,
                crate::model::safe_text(&r.fields.title)
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
