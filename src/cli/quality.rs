//! `planwright quality WS [--release NAME] [--json]`: test coverage, results, defects
//! and the readiness gate of a release (or of everything).

use std::path::{Path, PathBuf};

use clap::Args;

use super::CliError;
use crate::model::requirement::Release;
use crate::report::quality::QualityReport;
use crate::store::Workspace;

#[derive(Debug, Args)]
pub struct QualityArgs {
    /// The workspace (opened read-only; never changed).
    file: PathBuf,
    /// The release (by name); without it, every requirement, run and defect.
    #[arg(long)]
    release: Option<String>,
    /// Print JSON: {"release", "cases", "runs", "pass_rate", "coverage": [{"key",
    /// "status"}], "defects": {"open": {"S1", …}, "total"}, "readiness": {"ready",
    /// "rules": [{"rule", "met", "failing"}]}}.
    #[arg(long)]
    json: bool,
}

/// The release named `name`, or a usage error listing the releases.
pub fn pick_release(ws: &Workspace, file: &Path, name: &str) -> Result<Release, CliError> {
    let releases = ws.releases()?;
    let known: Vec<String> = releases.iter().map(|r| r.fields.name.clone()).collect();
    releases
        .into_iter()
        .find(|r| r.fields.name == name)
        .ok_or_else(|| {
            CliError::Usage(format!(
                "{}: no release named \"{name}\" (releases: {})",
                file.display(),
                known.join(", ")
            ))
        })
}

pub fn run(args: &QualityArgs) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(&args.file)?;
    let release = match &args.release {
        Some(name) => Some(pick_release(&ws, &args.file, name)?),
        None => None,
    };
    let report = QualityReport::build(&ws, release.as_ref())?;
    if args.json {
        return Ok(report.to_json().to_string());
    }
    let mut lines = vec![format!(
        "{}: {} cases, {} runs, pass rate {}",
        report.release.as_deref().unwrap_or("all"),
        report.cases,
        report.runs,
        crate::report::quality_metrics::percent(report.pass_rate)
    )];
    for r in &report.rules {
        lines.push(format!(
            "{} {}{}",
            if r.met { "met    " } else { "NOT MET" },
            r.rule.code(),
            if r.failing.is_empty() {
                String::new()
            } else {
                format!(": {}", r.failing.join(", "))
            }
        ));
    }
    lines.push(if report.ready() {
        "ready".into()
    } else {
        "not ready".into()
    });
    Ok(lines.join("\n"))
}
