//! `planwright import SOURCE --into FILE [--as KIND] [--encoding NAME] [--column F=C]…
//! [--mapping NAME] [--json]`.

use std::path::{Path, PathBuf};

use clap::Args;

use super::{CliError, open_or_create};
use crate::io::{self, FileKind, ImportError};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The file to import.
    source: PathBuf,
    /// The workspace to import into (created if it does not exist).
    #[arg(long)]
    into: PathBuf,
    /// The importer to use (detected when omitted); jira, requirements-csv and
    /// requirements-xlsx name the requirements importer, risks-csv and risks-xlsx the
    /// risk register's, testcases-csv, testcases-xlsx, defects-csv and defects-xlsx
    /// the quality importer's (TestRail, ZenTao, Jira bugs, ours).
    #[arg(long = "as", value_name = "KIND", value_parser = import_kinds())]
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
    /// wbs, outline-level, id, notes, optimistic, most_likely, pessimistic,
    /// distribution. With `--as risks-csv` (or risks-xlsx) the fields are the risk
    /// register's: title, probability, impact, owner, status, strategy … (see the
    /// README).
    #[arg(long = "column", value_name = "FIELD=COLUMN")]
    columns: Vec<String>,
    /// For a requirement table: a column mapping saved in the workspace (by name),
    /// e.g. `--mapping 客户诉求表`.
    #[arg(long, value_name = "NAME")]
    mapping: Option<String>,
}

/// The names `--as` takes: every importer's id (from the registry), and the
/// requirement pool's format names.
fn import_kinds() -> clap::builder::PossibleValuesParser {
    let ids = io::importers().iter().map(|i| i.id());
    let aliases = [
        "jira",
        "requirements-csv",
        "requirements-xlsx",
        "risks-csv",
        "risks-xlsx",
        "testcases-csv",
        "testcases-xlsx",
        "defects-csv",
        "defects-xlsx",
    ];
    clap::builder::PossibleValuesParser::new(ids.chain(aliases))
}

pub fn run(args: &ImportArgs) -> Result<String, CliError> {
    let (source, into, json) = (&args.source, &args.into, args.json);
    // A workspace the import creates is removed again when the import fails: nothing
    // is left behind by a file that did not read.
    let created = !into.exists();
    let result = if let Some(name) = &args.mapping {
        import_with_mapping(source, into, name, json)
    } else if !args.columns.is_empty()
        && matches!(
            args.kind.as_deref(),
            Some("risks" | "risks-csv" | "risks-xlsx")
        )
    {
        import_risks_mapped(source, into, &args.columns, json)
    } else if !args.columns.is_empty()
        && let Some(table) = quality_table(args.kind.as_deref())
    {
        import_quality_mapped(source, into, table, &args.columns, json)
    } else if !args.columns.is_empty() {
        import_mapped(source, into, &args.columns, json)
    } else if let Some(table) = quality_table(args.kind.as_deref()) {
        import_quality_mapped(source, into, table, &[], json)
    } else if args.kind.as_deref() == Some("survey") || args.encoding.is_some() {
        import_survey(source, into, args.encoding.clone(), json)
    } else {
        import(source, into, args.kind.as_deref(), json)
    };
    if result.is_err() && created {
        remove_workspace_file(into);
    }
    result
}

/// Removes a workspace file this run created, with SQLite's side files.
fn remove_workspace_file(path: &Path) {
    for suffix in ["", "-wal", "-shm", "-journal", "-lock"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(name));
    }
}

/// A survey export imported, in the encoding given or the one detected.
fn import_survey(
    source: &Path,
    into: &Path,
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

/// A task table imported with the columns given on the command line.
fn import_mapped(
    source: &Path,
    into: &Path,
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

/// A risk register imported with the columns given on the command line.
fn import_risks_mapped(
    source: &Path,
    into: &Path,
    columns: &[String],
    json: bool,
) -> Result<String, CliError> {
    let rows = io::table_file::read(source)?;
    let headers = rows.first().cloned().unwrap_or_default();
    let map = io::risks::map_from_text(columns, &headers)
        .map_err(|e| CliError::Usage(format!("{}: {e}", source.display())))?;
    let risks = io::risks::parse_mapped(&rows, source, &map)?;
    let mut ws = open_or_create(into)?;
    let summary = io::risks::store(risks, &mut ws, source)?;
    import_report(source, "risks", &summary, json)
}

/// The quality table `--as` names.
fn quality_table(kind: Option<&str>) -> Option<io::quality::QualityTable> {
    match kind? {
        "testcases-csv" | "testcases-xlsx" => Some(io::quality::QualityTable::Cases),
        "defects-csv" | "defects-xlsx" => Some(io::quality::QualityTable::Defects),
        _ => None,
    }
}

/// Test cases or defects imported as the table `--as` names, with the columns given
/// on the command line (or as the headers suggest).
fn import_quality_mapped(
    source: &Path,
    into: &Path,
    table: io::quality::QualityTable,
    columns: &[String],
    json: bool,
) -> Result<String, CliError> {
    let rows = io::table_file::read(source)?;
    let headers = rows.first().cloned().unwrap_or_default();
    // No columns named: the headers say which is which.
    let map = if columns.is_empty() {
        io::quality::suggested(table, &headers)
    } else {
        io::quality::map_from_text(table, columns, &headers)
            .map_err(|e| CliError::Usage(format!("{}: {e}", source.display())))?
    };
    let read = io::quality::parse_mapped(table, &rows, source, &map)?;
    let mut ws = open_or_create(into)?;
    let summary = io::quality::store(read, &mut ws)?;
    import_report(source, "quality", &summary, json)
}

/// A requirement table imported with a column mapping saved in the workspace.
fn import_with_mapping(
    source: &Path,
    into: &Path,
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

fn import(source: &Path, into: &Path, kind: Option<&str>, json: bool) -> Result<String, CliError> {
    // The requirement pool's formats share one importer.
    let kind = kind.map(|k| match k {
        "jira" | "requirements-csv" | "requirements-xlsx" => "requirements",
        "risks-csv" | "risks-xlsx" => "risks",
        "testcases-csv" | "testcases-xlsx" | "defects-csv" | "defects-xlsx" => "quality",
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
    source: &Path,
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
