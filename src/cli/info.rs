//! `planwright info FILE [--json]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::store::{StoreResult, Workspace};

#[derive(Debug, Args)]
pub struct InfoArgs {
    /// The workspace to read (opened read-only; never changed).
    file: PathBuf,
    /// Print JSON: {"schema_version", "projects", "counts": {...}}.
    #[arg(long)]
    json: bool,
}

pub fn run(args: &InfoArgs) -> Result<String, CliError> {
    info(&args.file, args.json)
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

fn info(file: &Path, json: bool) -> Result<String, CliError> {
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
