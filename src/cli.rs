//! The command line: headless subcommands over the same store as the GUI.
//!
//! Exit codes: 0 done; 1 the input or workspace is at fault (one line on stderr);
//! 2 usage (clap's own exit code for argument errors).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::io::{self, FileKind, ImportError};
use crate::model::{Change, Project};
use crate::store::{StoreError, StoreResult, Workspace};

/// Any failure of a subcommand, said in one line.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Import(#[from] ImportError),
    #[error(transparent)]
    Export(#[from] crate::io::export::ExportError),
    #[error("{0}")]
    Usage(String),
}

/// Planwright (产品项目工作台): research, requirements, plan and reports in one file.
#[derive(Debug, Parser)]
#[command(
    name = "planwright",
    version = crate::VERSION,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// A workspace to open in the window, or a file to import into the last workspace.
    pub file: Option<PathBuf>,
    /// Open a window of its own even when Planwright is already running (by default
    /// the file is handed to the running window).
    #[arg(long)]
    pub new_window: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a workspace file.
    New {
        /// The new workspace (.planwright); must not exist yet.
        file: PathBuf,
        /// Fill it with the demo content.
        #[arg(long)]
        demo: bool,
    },
    /// Import a file into a workspace: a plan (MS Project XML, GanttProject, a task
    /// table), a survey export, or requirements (Jira CSV, PingCode/Worktile or any
    /// table): one undoable edit.
    Import {
        /// The file to import.
        source: PathBuf,
        /// The workspace to import into (created if it does not exist).
        #[arg(long)]
        into: PathBuf,
        /// The importer to use (detected when omitted): mspdi, gan, tasks-csv,
        /// tasks-xlsx, survey, jira, requirements-csv or requirements-xlsx.
        #[arg(long = "as", value_name = "KIND")]
        kind: Option<String>,
        /// For a survey: the text encoding (utf-8, gbk, gb18030, big5, utf-16le …)
        /// instead of the detected one.
        #[arg(long, value_name = "NAME")]
        encoding: Option<String>,
        /// Print what was imported as JSON.
        #[arg(long)]
        json: bool,
        /// For a task table: which column holds a field, as FIELD=COLUMN (the column's
        /// header or number from 1), e.g. `--column name=事项 --column duration=2`.
        /// Fields: name, duration, start, finish, predecessors, resources, percent,
        /// wbs, outline-level, id, notes.
        #[arg(long = "column", value_name = "FIELD=COLUMN")]
        columns: Vec<String>,
        /// For a requirement table: a column mapping saved in the workspace (by name),
        /// e.g. `--mapping 客户诉求表`.
        #[arg(long, value_name = "NAME")]
        mapping: Option<String>,
    },
    /// Print each survey's questions and figures (NPS, ratings, choice counts).
    Survey {
        /// The workspace (opened read-only; never changed).
        file: PathBuf,
        /// Only this survey (by name).
        #[arg(long)]
        survey: Option<String>,
        /// Print JSON (documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Print the requirement pool: each requirement with its parent, labels, release,
    /// scores and links.
    Requirements {
        /// The workspace (opened read-only; never changed).
        file: PathBuf,
        /// Print JSON (documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Reschedule the plans (an undoable edit) and print every task's dates and slack.
    Schedule {
        /// The workspace.
        file: PathBuf,
        /// Only this project (by name).
        #[arg(long)]
        project: Option<String>,
        /// Print JSON (documented in the README).
        #[arg(long)]
        json: bool,
    },
    /// Export a project: mspdi (MS Project XML), tasks-csv (a task list for Excel), or
    /// the Gantt chart as gantt-svg, gantt-png or gantt-pdf (tiled landscape pages);
    /// or a survey: survey-html (the dashboard), survey-csv / survey-xlsx (the
    /// responses), survey-png (one question's chart); or the requirement pool:
    /// requirements-csv / requirements-xlsx, jira-csv (for Jira's importer), prd-md /
    /// prd-html (a PRD).
    Export {
        /// The workspace (read only; never changed).
        file: PathBuf,
        /// What to write: mspdi, tasks-csv, gantt-svg, gantt-png, gantt-pdf,
        /// survey-html, survey-csv, survey-xlsx, survey-png, requirements-csv,
        /// requirements-xlsx, jira-csv, prd-md, prd-html.
        #[arg(long = "as", value_name = "KIND")]
        kind: String,
        /// The survey (by name); needed when the workspace has several.
        #[arg(long)]
        survey: Option<String>,
        /// For survey-png: the question's key (as `survey` prints it).
        #[arg(long)]
        question: Option<String>,
        /// Paper for gantt-pdf: a4 or a3 (landscape).
        #[arg(long, default_value = "a4")]
        paper: String,
        /// Where to write it.
        #[arg(long)]
        out: PathBuf,
        /// The project (by name); needed when the workspace has several.
        #[arg(long)]
        project: Option<String>,
        /// Language of headers, labels and names in the file: zh or en. By default
        /// the workspace's own (Chinese when its names are).
        #[arg(long)]
        lang: Option<String>,
    },
    /// Add a synthetic plan (realistic WBS, links) for benchmarks.
    Gen {
        /// The workspace (created if it does not exist).
        file: PathBuf,
        /// How many work tasks (summary tasks come on top).
        #[arg(long)]
        tasks: usize,
        /// Seed of the generator; the same seed gives the same plan.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Describe a workspace: schema version and how many of each thing it holds.
    Info {
        /// The workspace to read (opened read-only; never changed).
        file: PathBuf,
        /// Print JSON: {"schema_version", "projects", "counts": {...}}.
        #[arg(long)]
        json: bool,
    },
}

/// Runs a subcommand; prints its result to stdout or one line of reason to stderr.
pub fn run(command: Command) -> ExitCode {
    let result = match command {
        Command::New { file, demo } => new(&file, demo),
        Command::Info { file, json } => info(&file, json),
        Command::Import {
            source,
            into,
            kind,
            encoding,
            json,
            columns,
            mapping,
        } => {
            // A workspace the import creates is removed again when the import fails:
            // nothing is left behind by a file that did not read.
            let created = !into.exists();
            let result = if let Some(name) = mapping {
                import_with_mapping(&source, &into, &name, json)
            } else if !columns.is_empty() {
                import_mapped(&source, &into, &columns, json)
            } else if kind.as_deref() == Some("survey") || encoding.is_some() {
                import_survey(&source, &into, encoding, json)
            } else {
                import(&source, &into, kind.as_deref(), json)
            };
            if result.is_err() && created {
                remove_workspace_file(&into);
            }
            result
        }
        Command::Survey { file, survey, json } => surveys(&file, survey.as_deref(), json),
        Command::Requirements { file, json } => requirements(&file, json),
        Command::Schedule {
            file,
            project,
            json,
        } => schedule(&file, project.as_deref(), json),
        Command::Gen { file, tasks, seed } => generate(&file, tasks, seed),
        Command::Export {
            file,
            kind,
            out,
            paper: _,
            project: _,
            survey,
            question,
            lang,
        } if kind.starts_with("survey-") => export_survey(
            &file,
            &kind,
            survey.as_deref(),
            question.as_deref(),
            &out,
            lang.as_deref(),
        ),
        Command::Export {
            file,
            kind,
            out,
            lang,
            ..
        } if crate::report::requirement_export::RequirementExportKind::parse(&kind).is_some() => {
            export_requirements(&file, &kind, &out, lang.as_deref())
        }
        Command::Export {
            file,
            kind,
            paper,
            out,
            project,
            lang,
            ..
        } => export(
            &file,
            &kind,
            &paper,
            &out,
            project.as_deref(),
            lang.as_deref(),
        ),
    };
    match result {
        Ok(out) => {
            use std::io::Write;
            // A closed pipe (`| head`) is not an error of ours: stop quietly.
            if !out.is_empty() {
                let _ = writeln!(std::io::stdout().lock(), "{out}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            // What a file said is quoted in messages: never let it drive the terminal.
            eprintln!("planwright: {}", crate::model::safe_text(&e.to_string()));
            ExitCode::from(1)
        }
    }
}

fn new(file: &std::path::Path, demo: bool) -> Result<String, CliError> {
    let ws = if demo {
        Workspace::create_demo(file)?
    } else {
        Workspace::create(file)?
    };
    Ok(format!(
        "created {} ({} projects)",
        file.display(),
        ws.projects()?.len()
    ))
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

fn info(file: &std::path::Path, json: bool) -> Result<String, CliError> {
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

/// Opens a workspace for writing, creating it when it does not exist.
/// Removes a workspace file this run created, with SQLite's side files.
fn remove_workspace_file(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm", "-journal", "-lock"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(std::path::PathBuf::from(name));
    }
}

fn open_or_create(path: &std::path::Path) -> Result<Workspace, CliError> {
    let ws = if path.exists() {
        Workspace::open(path)?
    } else {
        Workspace::create(path)?
    };
    if ws.is_read_only() {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
        }
        .into());
    }
    Ok(ws)
}

/// A survey export imported, in the encoding given or the one detected.
fn import_survey(
    source: &std::path::Path,
    into: &std::path::Path,
    encoding: Option<String>,
    json: bool,
) -> Result<String, CliError> {
    let options = io::survey::SurveyOptions { encoding };
    // Read it before touching the workspace: a file that does not read changes nothing.
    let bytes = std::fs::read(source).map_err(|e| ImportError::Io {
        path: source.to_path_buf(),
        source: e,
    })?;
    let survey = io::survey::parse_owned(bytes, source, &options)?;
    let mut ws = open_or_create(into)?;
    let summary = io::survey::store(survey, &mut ws, &mut |_, _| true)?;
    import_report(source, "survey", &summary, json)
}

/// One question's figures as `survey --json` prints them: only the fields its kind has.
fn question_json(s: &crate::model::survey::Survey, i: usize) -> serde_json::Value {
    use crate::model::survey::{QuestionKind as K, one_decimal};
    let q = &s.questions[i];
    let Some(st) = s.stats(i, None) else {
        return serde_json::Value::Null;
    };
    let mut v = serde_json::json!({
        "key": q.key,
        "title": q.title,
        "kind": q.kind.code(),
        "answered": st.answered,
    });
    if let (K::Nps, Some(n)) = (q.kind, st.nps) {
        v["nps"] = serde_json::json!({
            "score": one_decimal(n.score),
            "promoters": n.promoters,
            "passives": n.passives,
            "detractors": n.detractors,
            "moe95": one_decimal(n.moe95),
        });
    }
    if let (K::Rating | K::Matrix, Some(r)) = (q.kind, st.rating) {
        v["rating"] = serde_json::json!({
            "min": r.min,
            "max": r.max,
            "mean": r.mean,
            "top2_pct": one_decimal(r.top2_pct),
        });
    }
    if matches!(q.kind, K::Single | K::Multi | K::Matrix | K::Rating) && !st.options.is_empty() {
        v["options"] = st
            .options
            .iter()
            .map(|(label, count)| serde_json::json!({ "label": label, "count": count }))
            .collect();
    }
    v
}

fn surveys(file: &std::path::Path, only: Option<&str>, json: bool) -> Result<String, CliError> {
    let ws = Workspace::open_read_only(file)?;
    let mut list = ws.surveys()?;
    if let Some(name) = only {
        list.retain(|s| s.name == name);
        if list.is_empty() {
            return Err(CliError::Usage(format!(
                "{}: no survey named \"{name}\"",
                file.display()
            )));
        }
    }
    let mut docs = Vec::new();
    let mut lines = Vec::new();
    for summary in &list {
        let Some(s) = ws.survey(summary.id)? else {
            continue;
        };
        let questions: Vec<serde_json::Value> = (0..s.questions.len())
            .map(|i| question_json(&s, i))
            .collect();
        lines.push(format!(
            "{} ({}): {} responses, {} questions",
            s.name,
            s.source,
            s.responses,
            s.questions.len()
        ));
        for q in &questions {
            let mut line = format!(
                "  {} [{}] {} answered",
                q["key"].as_str().unwrap_or(""),
                q["kind"].as_str().unwrap_or(""),
                q["answered"]
            );
            if let Some(score) = q["nps"]["score"].as_f64() {
                line.push_str(&format!(", NPS {score} ± {}", q["nps"]["moe95"]));
            }
            if let Some(mean) = q["rating"]["mean"].as_f64() {
                line.push_str(&format!(
                    ", mean {mean}, top-2 {}%",
                    q["rating"]["top2_pct"]
                ));
            }
            lines.push(line);
        }
        let kano: Vec<serde_json::Value> = crate::model::kano::evaluate(&s, None)
            .iter()
            .map(|f| {
                let [a, o, m, i, r, q] = f.counts;
                lines.push(format!(
                    "  Kano {}: {} (A {a}, O {o}, M {m}, I {i}, R {r}, Q {q}; better {:.2}, worse {:.2})",
                    crate::model::kano::feature_name(&f.title),
                    f.category.map_or("-", |k| k.code()),
                    f.better,
                    f.worse
                ));
                serde_json::json!({
                    "feature": crate::model::kano::feature_name(&f.title),
                    "functional": f.functional,
                    "dysfunctional": f.dysfunctional,
                    "counts": {"attractive": a, "one_dimensional": o, "must_be": m,
                        "indifferent": i, "reverse": r, "questionable": q},
                    "category": f.category.map(|k| k.code()),
                    "better": crate::model::survey::one_decimal(f.better * 100.0) / 100.0,
                    "worse": crate::model::survey::one_decimal(f.worse * 100.0) / 100.0,
                })
            })
            .collect();
        docs.push(serde_json::json!({
            "name": s.name,
            "responses": s.responses,
            "questions": questions,
            "kano": kano,
        }));
    }
    if json {
        return Ok(serde_json::json!({ "surveys": docs }).to_string());
    }
    Ok(lines.join("\n"))
}

/// The requirement pool as `requirements --json` prints it, or one line each.
fn requirements(file: &std::path::Path, json: bool) -> Result<String, CliError> {
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

/// The requirement pool written to `out` as a table, a Jira CSV or a PRD.
/// The language an export is written in: the one asked for, else the workspace's own.
fn export_language(ws: &Workspace, asked: Option<&str>) -> Result<crate::i18n::Language, CliError> {
    match asked {
        Some(name) => crate::i18n::Language::parse(name)
            .ok_or_else(|| CliError::Usage(format!("unknown language \"{name}\" (zh or en)"))),
        None => Ok(crate::i18n::Language::of_text(&ws.text_sample()?)),
    }
}

fn export_requirements(
    file: &std::path::Path,
    kind: &str,
    out: &std::path::Path,
    lang: Option<&str>,
) -> Result<String, CliError> {
    use crate::report::requirement_export::{RequirementExportKind, render};
    let kind = RequirementExportKind::parse(kind)
        .ok_or_else(|| CliError::Usage(format!("unknown export kind \"{kind}\"")))?;
    let ws = Workspace::open_read_only(file)?;
    let pool = crate::report::insights::InsightsView::build(&ws, &ws.surveys()?)?;
    let bytes = render(kind, &pool, export_language(&ws, lang)?)
        .map_err(|e| CliError::Usage(format!("{}: {e}", out.display())))?;
    crate::io::export::write_atomically(out, &bytes)?;
    Ok(format!(
        "wrote {} ({} requirements)",
        out.display(),
        pool.requirements.len()
    ))
}

/// A survey's dashboard, responses or one chart written to `out`.
fn export_survey(
    file: &std::path::Path,
    kind: &str,
    survey: Option<&str>,
    question: Option<&str>,
    out: &std::path::Path,
    lang: Option<&str>,
) -> Result<String, CliError> {
    use crate::report::survey_export::{SurveyExportKind, render};
    let kind = SurveyExportKind::parse(kind, question).ok_or_else(|| {
        CliError::Usage(if kind == "survey-png" {
            "survey-png needs --question KEY (the keys are in `planwright survey FILE`)".into()
        } else {
            format!(
                "unknown export kind \"{kind}\" (known: survey-html, survey-csv, survey-xlsx, survey-png)"
            )
        })
    })?;
    let ws = Workspace::open_read_only(file)?;
    let list = ws.surveys()?;
    let summary = match survey {
        Some(name) => list.iter().find(|s| s.name == name).ok_or_else(|| {
            CliError::Usage(format!("{}: no survey named \"{name}\"", file.display()))
        })?,
        None => match list.as_slice() {
            [one] => one,
            [] => {
                return Err(CliError::Usage(format!(
                    "{}: the workspace has no survey",
                    file.display()
                )));
            }
            several => {
                let names: Vec<&str> = several.iter().map(|s| s.name.as_str()).collect();
                return Err(CliError::Usage(format!(
                    "{}: several surveys; pick one with --survey ({})",
                    file.display(),
                    names.join(", ")
                )));
            }
        },
    };
    let data = ws
        .survey(summary.id)?
        .ok_or_else(|| CliError::Usage(format!("{}: the survey is gone", file.display())))?;
    let view = crate::report::survey_view::SurveyView::of(
        summary.id,
        ws.revision(),
        &data,
        &crate::model::survey::SurveyFilter::default(),
        None,
    );
    let bytes = render(&kind, &data, &view, export_language(&ws, lang)?)
        .map_err(|e| CliError::Usage(format!("{}: {e}", file.display())))?;
    crate::io::export::write_atomically(out, &bytes)?;
    Ok(format!("wrote {} ({} responses)", out.display(), view.kept))
}

/// A task table imported with the columns given on the command line.
fn import_mapped(
    source: &std::path::Path,
    into: &std::path::Path,
    columns: &[String],
    json: bool,
) -> Result<String, CliError> {
    let preview = io::task_table::preview(source)?;
    let map = io::task_table::map_from_text(columns, &preview)
        .map_err(|e| CliError::Usage(format!("{}: {e}", source.display())))?;
    let mut ws = open_or_create(into)?;
    let summary = io::task_table::import(source, &map, &mut ws, &mut |_, _| true)?;
    import_report(source, "task-table", &summary, json)
}

/// A requirement table imported with a column mapping saved in the workspace.
fn import_with_mapping(
    source: &std::path::Path,
    into: &std::path::Path,
    name: &str,
    json: bool,
) -> Result<String, CliError> {
    let mut ws = open_or_create(into)?;
    let settings = ws.pool_settings()?;
    let saved = settings
        .mappings
        .iter()
        .find(|m| m.name == name)
        .ok_or_else(|| {
            let known: Vec<&str> = settings.mappings.iter().map(|m| m.name.as_str()).collect();
            CliError::Usage(format!(
                "{}: no saved mapping \"{name}\" (saved: {})",
                into.display(),
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    known.join(", ")
                }
            ))
        })?;
    let rows = io::requirements::read_rows(source)?;
    let headers = rows.first().cloned().unwrap_or_default();
    let map: Vec<Option<String>> = headers
        .iter()
        .map(|h| {
            saved
                .columns
                .iter()
                .find(|(x, _)| x == h.trim())
                .map(|(_, t)| t.clone())
        })
        .collect();
    let pool = io::requirements::parse_mapped(&rows, source, &map)?;
    let summary = io::requirements::store(pool, &mut ws)?;
    import_report(source, "requirements", &summary, json)
}

fn import(
    source: &std::path::Path,
    into: &std::path::Path,
    kind: Option<&str>,
    json: bool,
) -> Result<String, CliError> {
    // The requirement pool's formats share one importer.
    let kind = kind.map(|k| match k {
        "jira" | "requirements-csv" | "requirements-xlsx" => "requirements",
        other => other,
    });
    let importer = match kind {
        Some(k) => io::importer(k).ok_or_else(|| {
            let known: Vec<&str> = io::importers().iter().map(|i| i.id()).collect();
            CliError::Usage(format!(
                "unknown import kind \"{k}\" (known: {})",
                known.join(", ")
            ))
        })?,
        None => match io::classify(source)? {
            FileKind::Importable(id) => io::importer(id).ok_or(ImportError::Unrecognised {
                path: source.to_path_buf(),
            })?,
            FileKind::Workspace => {
                return Err(CliError::Usage(format!(
                    "{}: is a workspace; open it instead of importing it",
                    source.display()
                )));
            }
        },
    };
    let mut ws = open_or_create(into)?;
    let summary = importer.import(source, &mut ws, &mut |_, _| true)?;
    import_report(source, importer.id(), &summary, json)
}

/// What an import brought in, as a sentence or as JSON.
fn import_report(
    source: &std::path::Path,
    kind: &str,
    summary: &io::ImportSummary,
    json: bool,
) -> Result<String, CliError> {
    let added: serde_json::Map<String, serde_json::Value> = summary
        .added
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).into()))
        .collect();
    if json {
        return Ok(serde_json::json!({
            "source": source.display().to_string(),
            "kind": kind,
            "added": added,
        })
        .to_string());
    }
    let parts: Vec<String> = summary
        .added
        .iter()
        .map(|(k, v)| format!("{v} {k}"))
        .collect();
    Ok(format!(
        "imported {}: {}",
        source.display(),
        parts.join(", ")
    ))
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

fn schedule(file: &std::path::Path, only: Option<&str>, json: bool) -> Result<String, CliError> {
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

fn generate(file: &std::path::Path, tasks: usize, seed: u64) -> Result<String, CliError> {
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

/// The one project a command is about: the named one, or the only one.
fn pick_project(
    ws: &Workspace,
    file: &std::path::Path,
    name: Option<&str>,
) -> Result<Project, CliError> {
    let projects = ws.projects()?;
    match name {
        Some(n) => projects
            .into_iter()
            .find(|p| p.fields.name == n)
            .ok_or_else(|| {
                CliError::Usage(format!("{}: no project named \"{n}\"", file.display()))
            }),
        None if projects.len() == 1 => Ok(projects
            .into_iter()
            .next()
            .ok_or_else(|| CliError::Usage(String::new()))?),
        None => {
            let names: Vec<String> = projects.into_iter().map(|p| p.fields.name).collect();
            Err(CliError::Usage(format!(
                "{}: holds {} projects; say which with --project (one of: {})",
                file.display(),
                names.len(),
                names.join(", ")
            )))
        }
    }
}

fn export(
    file: &std::path::Path,
    kind: &str,
    paper: &str,
    out: &std::path::Path,
    project: Option<&str>,
    lang: Option<&str>,
) -> Result<String, CliError> {
    use crate::report::{ExportInput, ExportKind, gantt::Paper};
    let paper = match paper {
        "a4" | "A4" => Paper::A4Landscape,
        "a3" | "A3" => Paper::A3Landscape,
        other => {
            return Err(CliError::Usage(format!(
                "unknown paper \"{other}\" (a4 or a3)"
            )));
        }
    };
    let kind = ExportKind::parse(kind, paper).ok_or_else(|| {
        CliError::Usage(format!(
            "unknown export kind \"{kind}\" (known: mspdi, tasks-csv, gantt-svg, gantt-png, gantt-pdf, survey-html, survey-csv, survey-xlsx, survey-png, requirements-csv, requirements-xlsx, jira-csv, prd-md, prd-html)"
        ))
    })?;
    let ws = Workspace::open_read_only(file)?;
    let project = pick_project(&ws, file, project)?;
    let input = ExportInput::read(&ws, &project, export_language(&ws, lang)?)?;
    let bytes = crate::report::render(kind, &input).map_err(|e| CliError::Usage(e.to_string()))?;
    crate::io::export::write_atomically(out, &bytes)?;
    Ok(format!(
        "wrote {} ({} tasks)",
        out.display(),
        input.plan.tasks.len()
    ))
}
