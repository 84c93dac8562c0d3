//! A task list as a table of cells, for the column-mapping step: any CSV, TSV or
//! spreadsheet whose headers we do not recognise (or that the user wants to map by
//! hand) is shown as its first rows, the user says which column holds what, and it
//! is imported with that mapping.

use std::path::Path;

use super::tasks_csv::{self, ColumnMap};
use super::{ImportError, ImportSummary, Progress};

/// Rows shown in the mapping step's preview (the header row included).
pub const PREVIEW_ROWS: usize = 8;

pub use super::table_file::is_table_file;

/// The first rows of a table file and the mapping its headers suggest.
#[derive(Clone, Debug, PartialEq)]
pub struct TablePreview {
    /// Up to [`PREVIEW_ROWS`] rows, the first the headers.
    pub rows: Vec<Vec<String>>,
    /// How many columns the widest previewed row has.
    pub columns: usize,
    /// Rows in the whole file, the header row included.
    pub total_rows: usize,
    pub suggested: ColumnMap,
}

impl TablePreview {
    /// What a column holds, for the mapping step: its first three values (20
    /// characters each) joined by ` / `.
    pub fn sample(&self, column: usize) -> String {
        self.rows
            .iter()
            .skip(1)
            .take(3)
            .filter_map(|r| r.get(column))
            .map(|c| c.chars().take(20).collect::<String>())
            .collect::<Vec<_>>()
            .join(" / ")
    }
}

/// Reads a table file for the mapping step.
pub fn preview(path: &Path) -> Result<TablePreview, ImportError> {
    let rows = super::table_file::read(path)?;
    if rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "the file has no cells with text".into(),
        });
    }
    let total_rows = rows.len();
    let rows: Vec<Vec<String>> = rows.into_iter().take(PREVIEW_ROWS).collect();
    let suggested = tasks_csv::map_headers(rows.first().map_or(&[][..], Vec::as_slice));
    Ok(TablePreview {
        columns: rows.iter().map(Vec::len).max().unwrap_or(0),
        rows,
        total_rows,
        suggested,
    })
}

/// Reads `FIELD=COLUMN` choices (the column by its header or its number from 1), as
/// given on the command line, against the file's headers.
pub fn map_from_text(choices: &[String], preview: &TablePreview) -> Result<ColumnMap, String> {
    let headers = preview.rows.first().map_or(&[][..], Vec::as_slice);
    let mut map = ColumnMap::new();
    for choice in choices {
        let (field, index) = super::table_file::column_choice(choice, headers, preview.columns)?;
        let field = tasks_csv::TaskColumn::from_key(field).ok_or_else(|| {
            let known: Vec<&str> = tasks_csv::TaskColumn::ALL.iter().map(|c| c.key()).collect();
            format!("“{field}” is not a field (known: {})", known.join(", "))
        })?;
        map.insert(field, index);
    }
    Ok(map)
}

/// Imports a table file as a new project with the columns as the user mapped them.
pub fn import(
    path: &Path,
    map: &ColumnMap,
    workspace: &mut crate::store::Workspace,
    progress: Progress<'_>,
) -> Result<ImportSummary, ImportError> {
    super::import_plan_file(path, workspace, progress, |bytes| {
        Ok(super::ParsedPlan::of(tasks_csv::parse_rows_mapped(
            &super::table_file::rows_of(bytes, path)?,
            map,
            path,
        )?))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::tasks_csv::TaskColumn;

    #[test]
    fn unknown_headers_import_once_mapped() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("排期.csv");
        std::fs::write(
            &path,
            "事项,天数,开工,依赖,人\n需求评审,2d,2026-12-01,,王芳\n开发,5,2026-12-03,1,李强\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let p = preview(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((p.columns, p.total_rows), (5, 3));
        assert!(p.suggested.is_empty(), "no header is a known one");

        let ws_path = dir.path().join("ws.planwright");
        let mut ws = crate::store::Workspace::create(&ws_path).unwrap_or_else(|e| panic!("{e}"));
        let map = ColumnMap::from([
            (TaskColumn::Name, 0),
            (TaskColumn::Duration, 1),
            (TaskColumn::Start, 2),
            (TaskColumn::Predecessors, 3),
            (TaskColumn::Resources, 4),
        ]);
        import(&path, &map, &mut ws, &mut |_, _| true).unwrap_or_else(|e| panic!("{e}"));
        let project = ws
            .projects()
            .unwrap_or_default()
            .into_iter()
            .find(|p| p.fields.name == "排期")
            .unwrap_or_else(|| panic!("imported"));
        let plan = ws.plan(project.id).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(plan.tasks.len(), 2);
        assert_eq!(plan.tasks[1].fields.duration_minutes, 5 * 480);
        assert_eq!(plan.dependencies.len(), 1);
        assert_eq!(plan.resources.len(), 2);

        // No name column: refused with the reason, nothing imported.
        let before = ws.projects().unwrap_or_default().len();
        let err = import(
            &path,
            &ColumnMap::from([(TaskColumn::Duration, 1)]),
            &mut ws,
            &mut |_, _| true,
        );
        assert!(matches!(err, Err(ImportError::Invalid { .. })));
        let bad = import(
            &path,
            &ColumnMap::from([(TaskColumn::Name, 0), (TaskColumn::Start, 1)]),
            &mut ws,
            &mut |_, _| true,
        );
        match bad {
            Err(e) => assert!(e.to_string().contains("row 2, column “天数”"), "{e}"),
            Ok(_) => panic!("a duration is not a date"),
        }
        assert_eq!(ws.projects().unwrap_or_default().len(), before);
    }
}
