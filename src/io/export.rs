//! Files out: the plan as MS Project XML or as a task list CSV for Excel. Files are
//! written under a temporary name and renamed into place, so a failure leaves no half
//! file behind.

use std::path::Path;

use super::mspdi;
use crate::model::Project;
use crate::model::plan::{Plan, TaskSchedule};
use crate::model::task::format_duration as duration_text;
use crate::model::work_calendar::WorkCalendar;

/// Why an export failed: the one error type of every exporter and of writing the file.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: std::path::PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The chart asked for names a question the survey lacks (a usage error).
    #[error("no question \"{0}\" in this survey")]
    NoQuestion(String),
    /// The question has no chart (free text, dates and metadata have none).
    #[error("question \"{0}\" has no chart (free text, dates and metadata have none)")]
    NoChart(String),
    #[error("the chart could not be drawn: {0}")]
    Chart(String),
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("the workbook could not be written: {0}")]
    Workbook(String),
    #[error("the Word document could not be written: {0}")]
    Docx(String),
    /// A user's report template is wrong (the message names its file and line).
    #[error("the report template is wrong: {0}")]
    Template(String),
    /// An exporter was handed data of another kind (a bug of the caller's).
    #[error("{id} is made from a {needs}, not from a {got}")]
    WrongSource {
        id: &'static str,
        needs: String,
        got: String,
    },
}

impl ExportError {
    /// Whether the request itself was wrong (a question or chart that does not exist),
    /// as opposed to the data or the disk: the CLI exits 2 for these.
    pub fn is_usage(&self) -> bool {
        matches!(self, ExportError::NoQuestion(_) | ExportError::NoChart(_))
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".planwright-export-")
        .tempfile_in(dir)
        .map_err(io)?;
    std::io::Write::write_all(&mut tmp, bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    // Exports are for sharing: readable like any new file (the temporary was 0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).map_err(io)?;
    }
    Ok(())
}

/// A CSV cell: quoted when needed, and neutralised when Excel would run it as a
/// formula (a leading `= + - @`, tab or carriage return gets a `'` in front).
pub fn csv_cell(text: &str) -> String {
    let neutral = match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_owned(),
    };
    if neutral.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", neutral.replace('"', "\"\""))
    } else {
        neutral
    }
}

/// Appends one CSV line (cells made safe by [`csv_cell`], CRLF, as Excel writes).
pub fn push_csv_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&csv_cell(cell.as_ref()));
    }
    out.push_str("\r\n");
}

/// The plan as MS Project XML.
pub fn mspdi(
    project: &Project,
    plan: &Plan,
    calendar_name: &str,
    calendar: &WorkCalendar,
    schedule: &[TaskSchedule],
) -> String {
    mspdi::write::document(project, plan, calendar_name, calendar, schedule)
}

/// The columns of a task list, in order: the keys of their headers (`csv.task.*`).
pub const TASK_COLUMNS: [&str; 16] = [
    "id",
    "wbs",
    "name",
    "duration",
    "start",
    "finish",
    "predecessors",
    "percent",
    "critical",
    "slack",
    "resources",
    "notes",
    "optimistic",
    "most_likely",
    "pessimistic",
    "distribution",
];

/// The task list as CSV with a UTF-8 BOM (so Chinese Excel opens it as UTF-8).
pub fn tasks_csv(plan: &Plan, schedule: &[TaskSchedule], headers: &[String]) -> String {
    let mut out = String::from("\u{feff}");
    push_csv_row(&mut out, headers.iter());
    for row in task_rows(plan, schedule) {
        push_csv_row(&mut out, row.iter());
    }
    out
}

/// The task list's cells, a row per task in [`TASK_COLUMNS`] order: durations and
/// estimates in the syntax the importer reads (`3d`), links as `3FS+2d`.
pub fn task_rows(plan: &Plan, schedule: &[TaskSchedule]) -> Vec<Vec<String>> {
    let computed: std::collections::HashMap<_, _> = schedule.iter().map(|s| (s.task, s)).collect();
    let row_of: std::collections::HashMap<_, _> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id, i + 1))
        .collect();
    let mut out = Vec::with_capacity(plan.tasks.len());
    let mut depth: std::collections::HashMap<crate::model::TaskId, usize> =
        std::collections::HashMap::new();
    let mut counters: Vec<u32> = Vec::new();
    let summaries: std::collections::HashSet<_> =
        plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    // Each task's links in and people, found once (a scan per task was quadratic).
    let mut links_into: std::collections::HashMap<_, Vec<&crate::model::Dependency>> =
        std::collections::HashMap::new();
    for d in &plan.dependencies {
        links_into.entry(d.successor).or_default().push(d);
    }
    let resource_name: std::collections::HashMap<_, &str> = plan
        .resources
        .iter()
        .map(|r| (r.id, r.name.as_str()))
        .collect();
    let mut people: std::collections::HashMap<_, Vec<String>> = std::collections::HashMap::new();
    for a in &plan.assignments {
        if let Some(name) = resource_name.get(&a.resource) {
            people.entry(a.task).or_default().push(if a.units == 100 {
                (*name).to_owned()
            } else {
                format!("{name}[{}%]", a.units)
            });
        }
    }
    for (i, t) in plan.tasks.iter().enumerate() {
        let f = &t.fields;
        let d = f
            .parent
            .and_then(|p| depth.get(&p).copied())
            .map_or(0, |d| d + 1);
        depth.insert(t.id, d);
        counters.truncate(d + 1);
        while counters.len() <= d {
            counters.push(0);
        }
        counters[d] += 1;
        let wbs = counters
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(".");
        let preds: Vec<String> = links_into
            .get(&t.id)
            .into_iter()
            .flatten()
            .filter_map(|x| {
                let row = row_of.get(&x.predecessor)?;
                let kind =
                    if x.kind == crate::model::schedule::LinkKind::FinishToStart && x.lag == 0 {
                        ""
                    } else {
                        x.kind.code()
                    };
                let lag = if x.lag == 0 {
                    String::new()
                } else if x.lag_unit == crate::model::TimeUnit::Percent {
                    format!("{:+}%", x.lag)
                } else {
                    format!(
                        "{}{}",
                        if x.lag > 0 { "+" } else { "-" },
                        duration_text(x.lag.abs(), x.lag_unit, x.lag_elapsed)
                    )
                };
                Some(format!("{row}{kind}{lag}"))
            })
            .collect();
        let date = |d: Option<chrono::NaiveDateTime>| {
            d.map(|d| d.format("%Y-%m-%d %H:%M").to_string())
                .unwrap_or_default()
        };
        let c = computed.get(&t.id);
        let cells = [
            (i + 1).to_string(),
            wbs,
            f.name.clone(),
            if summaries.contains(&t.id) {
                String::new()
            } else {
                duration_text(f.duration_minutes, f.duration_unit, f.elapsed)
            },
            date(f.start),
            date(f.finish),
            preds.join(","),
            f.percent_complete.to_string(),
            c.map(|c| if c.critical { "1" } else { "0" }.to_owned())
                .unwrap_or_default(),
            c.map(|c| format!("{:.2}", c.total_slack_minutes as f64 / 480.0))
                .unwrap_or_default(),
            people.get(&t.id).map(|p| p.join(", ")).unwrap_or_default(),
            f.notes.clone(),
        ];
        let estimate = f.estimate.map_or_else(
            || vec![String::new(); 4],
            |e| {
                let d = |m: i64| duration_text(m, f.duration_unit, f.elapsed);
                vec![
                    d(e.optimistic),
                    d(e.most_likely),
                    d(e.pessimistic),
                    e.distribution.id().to_owned(),
                ]
            },
        );
        out.push(cells.into_iter().chain(estimate).collect());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_quoted_and_formulas_neutralised() {
        assert_eq!(csv_cell("开发"), "开发");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("+CMD|' /C calc'!A0"), "'+CMD|' /C calc'!A0");
        assert_eq!(csv_cell("-2d"), "'-2d");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("=a,b"), "\"'=a,b\"");
    }

    #[test]
    fn xml_text_is_escaped() {
        assert_eq!(
            mspdi::write::xml_escape("a<b>&\"c'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;"
        );
    }
}
