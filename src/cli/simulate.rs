//! `planwright simulate WS [--project NAME] [--iterations N] [--seed S] [--json]`:
//! Monte Carlo schedule risk analysis of a project's plan.

use std::path::PathBuf;

use clap::Args;

use super::{CliError, pick_project};
use crate::model::simulation::Control;
use crate::report::schedule_risk::{DEFAULT_ITERATIONS, DEFAULT_SEED, Simulation};
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// The project (needed when the workspace holds several).
    #[arg(long)]
    project: Option<String>,
    /// How many iterations (1 to 1,000,000).
    #[arg(long, default_value_t = DEFAULT_ITERATIONS,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=1_000_000))]
    iterations: usize,
    /// The random seed: the same seed gives the same result.
    #[arg(long, default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Also the chance of finishing by this date (YYYY-MM-DD, end of that day).
    #[arg(long, value_parser = parse_day)]
    by: Option<chrono::NaiveDate>,
    /// Print JSON: {"project", "iterations", "seed", "deterministic_finish", "finish":
    /// {"p10", "p50", "p80", "p90", "mean"}, "duration_working_days": {…},
    /// "milestones": [{"uid", "name", "p50", "p80"}], "tasks": [{"uid", "name",
    /// "criticality", "sensitivity"}], "probability_by": {"baseline", "deadline"}}
    /// (with `--by`, also "date").
    #[arg(long)]
    json: bool,
}

fn parse_day(text: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date like 2026-12-31"))
}

pub fn run(args: &SimulateArgs) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(&args.file)?;
    let project = pick_project(&ws, &args.file, args.project.as_deref())?;
    let simulation = Simulation::read(&ws, &project)?;
    let run = simulation.run(args.iterations, args.seed, &Control::default());
    // More iterations than the plan's size allows is a usage error.
    let run = run.map_err(|e| match e {
        crate::store::StoreError::TooLarge(why) => {
            CliError::Usage(format!("{}: {why}", args.file.display()))
        }
        e => e.into(),
    });
    let Some(result) = run? else {
        return Err(CliError::Usage("the simulation was cancelled".into()));
    };
    let by = args.by.map(|d| {
        (
            d,
            result.probability_by(d.and_hms_opt(23, 59, 59).unwrap_or_default()),
        )
    });
    if args.json {
        let mut json = result.to_json();
        if let Some((_, p)) = by {
            json["probability_by"]["date"] = serde_json::json!((p * 10_000.0).round() / 10_000.0);
        }
        return Ok(json.to_string());
    }
    let when = |d: chrono::NaiveDateTime| d.format("%Y-%m-%d %H:%M").to_string();
    let percent = |p: Option<f64>| p.map_or("—".to_owned(), |p| format!("{:.0}%", p * 100.0));
    let mut lines = vec![
        format!(
            "{}: {} iterations (seed {}), {} estimated tasks, {} risk events",
            crate::model::safe_text(&result.project),
            result.iterations,
            result.seed,
            result.estimated_tasks,
            result.risk_events
        ),
        format!("planned finish  {}", when(result.deterministic_finish)),
        format!(
            "finish          P10 {}  P50 {}  P80 {}  P90 {}",
            when(result.finish.p10),
            when(result.finish.p50),
            when(result.finish.p80),
            when(result.finish.p90)
        ),
        format!(
            "working days    P50 {:.1}  P80 {:.1}  mean {:.1}",
            result.duration_days.p50, result.duration_days.p80, result.duration_days.mean
        ),
        format!(
            "chance by the baseline finish {}, by the deadline {}",
            percent(result.probability_by_baseline),
            percent(result.probability_by_deadline)
        ),
    ];
    if let Some((day, p)) = by {
        lines.push(format!("chance by {day}: {}", percent(Some(p))));
    }
    for m in &result.milestones {
        lines.push(format!(
            "milestone {}  planned {}  P50 {}  P80 {}",
            crate::model::safe_text(&m.name),
            when(m.planned),
            when(m.p50),
            when(m.p80)
        ));
    }
    Ok(lines.join("\n"))
}
