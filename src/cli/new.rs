//! `planwright new FILE [--demo]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new workspace (.planwright); must not exist yet.
    file: PathBuf,
    /// Fill it with the demo content.
    #[arg(long)]
    demo: bool,
}

pub fn run(args: &NewArgs) -> Result<String, CliError> {
    new(&args.file, args.demo)
}

fn new(file: &Path, demo: bool) -> Result<String, CliError> {
    let ws = if demo {
        crate::demo::create(file)?
    } else {
        Workspace::create(file)?
    };
    Ok(format!(
        "created {} ({} projects)",
        file.display(),
        ws.projects()?.len()
    ))
}
