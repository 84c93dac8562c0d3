//! `planwright schedule FILE [--project NAME] [--json]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::model::{Change, Project};
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// The workspace.
    file: PathBuf,
    /// Only this project (by name).
    #[arg(long)]
    project: Option<String>,
    /// Print JSON (documented in the README).
    #[arg(long)]
    json: bool,
}

pub fn run(args: &ScheduleArgs) -> Result<String, CliError> {
    schedule(&args.file, args.project.as_deref(), args.json)
}

const JSON_TIME: &str = "%Y-%m-%dT%H:%M:%S";

fn json_time(t: Option<chrono::NaiveDateTime>) -> serde_json::Value {
    t.map_or(serde_json::Value::Null, |t| {
        t.format(JSON_TIME).to_string().into()
    })
}

/// One project's schedule as the `schedule --json` document describes it.
fn project_schedule_json(ws: &Workspace, project: &Project) -> Result<serde_json::Value, CliError> {
    let plan = ws.plan(project.id)?;
    let schedule = ws.compute_schedule(project)?;
    let by_id: std::collections::HashMap<_, _> = schedule.iter().map(|s| (s.task, s)).collect();
    let mut tasks = Vec::with_capacity(plan.tasks.len());
    for t in &plan.tasks {
        let Some(s) = by_id.get(&t.id) else { continue };
        tasks.push(serde_json::json!({
            "uid": t.fields.source_uid.unwrap_or(t.id.0),
            "name": t.fields.name,
            "summary": s.summary,
            "milestone": t.fields.milestone,
            "start": json_time(t.fields.start),
            "finish": json_time(t.fields.finish),
            "early_start": json_time(Some(s.early_start)),
            "early_finish": json_time(Some(s.early_finish)),
            "late_start": json_time(Some(s.late_start)),
            "late_finish": json_time(Some(s.late_finish)),
            "total_slack_minutes": s.total_slack_minutes,
            "free_slack_minutes": s.free_slack_minutes,
            "critical": s.critical,
            "percent_complete": t.fields.percent_complete,
            "actual_start": json_time(t.fields.actual_start),
            "actual_finish": json_time(t.fields.actual_finish),
        }));
    }
    let finish = schedule.iter().map(|s| s.early_finish).max();
    Ok(serde_json::json!({
        "project": {
            "name": project.fields.name,
            "start": project.fields.start_date.to_string(),
            "finish": json_time(finish),
            "tasks": plan.tasks.len(),
            "critical_slack_limit_minutes": project.fields.critical_slack_minutes,
            "status_date": project.fields.status_date.map(|d| d.to_string()),
        },
        "tasks": tasks,
    }))
}

fn schedule(file: &Path, only: Option<&str>, json: bool) -> Result<String, CliError> {
    let mut ws = Workspace::open(file)?;
    let mut projects = ws.projects()?;
    if let Some(name) = only {
        projects.retain(|p| p.fields.name == name);
        if projects.is_empty() {
            return Err(CliError::Usage(format!(
                "{}: no project named \"{name}\"",
                file.display()
            )));
        }
    }
    if ws.is_read_only() {
        eprintln!(
            "planwright: {}: open elsewhere; printing the schedule without storing it",
            file.display()
        );
    } else {
        for p in &projects {
            ws.apply(Change::Reschedule(p.id))?;
        }
    }
    let docs = projects
        .iter()
        .map(|p| project_schedule_json(&ws, p))
        .collect::<Result<Vec<_>, _>>()?;
    if json {
        let out = if docs.len() == 1 {
            docs.into_iter().next().unwrap_or_default()
        } else {
            serde_json::json!({ "projects": docs })
        };
        return Ok(out.to_string());
    }
    let mut out = String::new();
    for d in &docs {
        out.push_str(&format!(
            "{}: {} tasks, finishes {}\n",
            d["project"]["name"].as_str().unwrap_or(""),
            d["project"]["tasks"],
            d["project"]["finish"].as_str().unwrap_or("-")
        ));
    }
    Ok(out.trim_end().to_owned())
}
