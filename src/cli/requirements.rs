//! `planwright requirements FILE [--json]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct RequirementsArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// Print JSON (documented in the README).
    #[arg(long)]
    json: bool,
}

pub fn run(args: &RequirementsArgs) -> Result<String, CliError> {
    requirements(&args.file, args.json)
}

/// The requirement pool as `requirements --json` prints it, or one line each.
fn requirements(file: &Path, json: bool) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(file)?;
    let releases = ws.releases()?;
    let feedback = ws.feedback()?;
    let demand = crate::model::research::demand(&feedback);
    let list = ws.requirements()?;
    let settings = ws.pool_settings()?;
    let linked: Vec<crate::model::TaskId> = list
        .iter()
        .flat_map(|r| r.fields.tasks.iter().copied())
        .collect();
    let task_names = ws.task_names(&linked)?;
    // Each requirement's feedback, found once rather than by scanning all feedback.
    let mut feedback_of: std::collections::HashMap<
        crate::model::requirement::RequirementId,
        Vec<serde_json::Value>,
    > = std::collections::HashMap::new();
    for fb in &feedback {
        for l in &fb.fields.links {
            feedback_of
                .entry(l.requirement)
                .or_default()
                .push(serde_json::json!({ "feedback": fb.id.0, "importance": l.importance }));
        }
    }
    // The JSON is written one requirement at a time: a pool of 50,000 never sits in
    // memory as one document.
    let mut out = String::from("{\"requirements\":[");
    let mut lines = Vec::new();
    for (n, r) in list.iter().enumerate() {
        let f = &r.fields;
        let release = f
            .release
            .and_then(|id| releases.iter().find(|x| x.id == id))
            .map(|x| x.fields.name.clone());
        let s = &f.scores;
        let linked = feedback_of.remove(&r.id).unwrap_or_default();
        let d = demand.get(&r.id).copied().unwrap_or_default();
        let round = |x: Option<f64>| x.map(|v| (v * 100.0).round() / 100.0);
        if !json {
            lines.push(format!(
                "{} {}{} [{}{}] demand {}",
                r.id.key(),
                f.parent
                    .map_or(String::new(), |p| format!("(under {}) ", p.key())),
                f.title,
                f.status,
                f.priority.map_or(String::new(), |p| format!(", P{p}")),
                d.score
            ));
            continue;
        }
        if n > 0 {
            out.push(',');
        }
        let doc = serde_json::json!({
            "key": r.id.key(),
            "title": f.title,
            "kind": f.kind,
            "status": f.status,
            "priority": f.priority.map(|p| format!("P{p}")),
            "parent": f.parent.map(|p| p.key()),
            "labels": f.tags,
            "owner": f.owner,
            "source": f.source,
            "release": release,
            "acceptance": {"done": f.accepted().0, "total": f.accepted().1},
            "created": f.created.map(|d| d.to_string()),
            "due": f.due.map(|d| d.to_string()),
            "custom": settings
                .fields
                .iter()
                .filter_map(|field| f.custom.get(&field.id).map(|v| (field.name.clone(), serde_json::Value::from(v.clone()))))
                .collect::<serde_json::Map<String, serde_json::Value>>(),
            "scores": {
                "moscow": s.moscow.map(|m| m.code()),
                "reach": s.reach, "impact": s.impact, "confidence": s.confidence,
                "effort": s.effort, "rice": round(s.rice()),
                "business_value": s.business_value, "time_criticality": s.time_criticality,
                "risk_reduction": s.risk_reduction, "job_size": s.job_size,
                "wsjf": round(s.wsjf()),
                "kano": s.kano.map(|k| k.code()),
                "value": s.value,
                "demand": d.score,
            },
            "links": {
                "feedback": linked,
                "tasks": f.tasks.iter().filter_map(|t| task_names.get(t).map(|(name, _)| {
                    serde_json::json!({ "task": t.0, "name": name })
                })).collect::<Vec<_>>(),
            },
        });
        out.push_str(&doc.to_string());
    }
    if json {
        out.push_str("]}");
        return Ok(out);
    }
    Ok(lines.join("\n"))
}
