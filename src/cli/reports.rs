//! `planwright reports WS [--json]`: the published reports (snapshots).

use std::path::PathBuf;

use clap::Args;

use super::CliError;
use crate::report::publish::list_json;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ReportsArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Print JSON: [{"id", "kind", "subject", "period": {"from", "to"}, "published_at",
    /// "published_by", "lang", "status"}], oldest period first.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &ReportsArgs) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(&args.file)?;
    let snapshots = ws.report_snapshots()?;
    if args.json {
        return Ok(list_json(&snapshots).to_string());
    }
    Ok(snapshots
        .iter()
        .map(|s| {
            format!(
                "#{}  {}  {}  {} – {}  {}  {} {}",
                s.id,
                s.key.kind,
                crate::model::safe_text(&s.key.subject),
                s.key.from,
                s.key.to,
                s.status.as_deref().unwrap_or("—"),
                s.published_at.format("%Y-%m-%d %H:%M"),
                crate::model::safe_text(&s.published_by),
            )
        })
        .collect::<Vec<_>>()
        .join("\n"))
}
