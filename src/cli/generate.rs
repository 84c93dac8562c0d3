//! `planwright gen FILE --tasks N [--seed S]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, open_or_create};
use crate::model::Change;

#[derive(Debug, Args)]
pub struct GenArgs {
    /// The workspace (created if it does not exist).
    file: PathBuf,
    /// How many work tasks (summary tasks come on top); at least 1.
    #[arg(long, value_parser = clap::value_parser!(usize))]
    tasks: usize,
    /// Seed of the generator; the same seed gives the same plan.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: &GenArgs) -> Result<String, CliError> {
    generate(&args.file, args.tasks, args.seed)
}

fn generate(file: &Path, tasks: usize, seed: u64) -> Result<String, CliError> {
    if tasks == 0 {
        return Err(CliError::Usage("--tasks must be at least 1".into()));
    }
    let mut ws = open_or_create(file)?;
    let name = ws.free_project_name(&format!("合成计划 {tasks}"))?;
    let draft = crate::model::synthetic::plan(tasks, seed);
    let (all, links) = (draft.tasks.len(), draft.dependencies.len());
    ws.apply(Change::ImportProject {
        fields: crate::model::ProjectFields {
            name: name.clone(),
            start_date: chrono::NaiveDate::from_ymd_opt(2027, 1, 4).unwrap_or_default(),
            calendar: crate::model::CalendarId(1),
            description: format!("planwright gen --tasks {tasks} --seed {seed}"),
            critical_slack_minutes: 0,
            start_time: None,
            status_date: None,
        },
        plan: draft,
    })?;
    Ok(format!(
        "{name}: {all} tasks ({tasks} work tasks), {links} dependencies"
    ))
}
