//! Task lists from spreadsheets (`.xlsx`, `.xlsm`, `.xls`, `.ods`): the first sheet's
//! cells become text and go through the same reader as CSV (same header presets, same
//! messages naming the row and column).

use std::path::Path;

use super::{ImportError, Importer, tasks_csv};

/// Spreadsheet extensions this importer takes.
const EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

use super::sheet::first_sheet;

pub struct TasksXlsxImporter;

impl Importer for TasksXlsxImporter {
    fn id(&self) -> &'static str {
        "tasks-xlsx"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        let named = path
            .extension()
            .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)));
        // Zip (xlsx, xlsm, ods) or OLE (xls) containers.
        named && (head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]))
    }

    fn parse_plan(&self, bytes: &[u8], path: &Path) -> Result<super::ParsedPlan, ImportError> {
        Ok(super::ParsedPlan::of(tasks_csv::parse_rows(
            &first_sheet(bytes, path)?,
            path,
        )?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    fn workbook(rows: &[&[&str]], dates: bool) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                let (r, c) = (r as u32, c as u16);
                if let Ok(n) = text.parse::<f64>() {
                    sheet.write_number(r, c, n).unwrap();
                } else if dates && let Ok(d) = ExcelDateTime::parse_from_str(text) {
                    let format = Format::new().set_num_format("yyyy-mm-dd");
                    sheet.write_datetime_with_format(r, c, &d, &format).unwrap();
                } else {
                    sheet.write_string(r, c, *text).unwrap();
                }
            }
        }
        book.save_to_buffer().unwrap()
    }

    #[test]
    fn a_sheet_reads_like_the_same_csv() {
        let rows: &[&[&str]] = &[
            &[
                "标识号",
                "任务名称",
                "工期",
                "开始时间",
                "前置任务",
                "资源名称",
            ],
            &["1", "需求评审", "2d", "2026-12-01", "", "王芳"],
            &["2", "开发", "5", "2026-12-03", "1", "李强"],
        ];
        let bytes = workbook(rows, true);
        let path = Path::new("计划.xlsx");
        assert!(TasksXlsxImporter.recognises(path, &bytes[..8]));
        let sheet = first_sheet(&bytes, path).unwrap();
        assert_eq!(
            sheet[1][3], "2026-12-01 00:00",
            "a date cell reads as a date"
        );
        assert_eq!(sheet[2][2], "5", "a whole number without decimals");
        let draft = tasks_csv::parse_rows(&sheet, path).unwrap();
        assert_eq!(draft.tasks.len(), 2);
        assert_eq!(draft.tasks[1].fields.name, "开发");
        assert_eq!(draft.dependencies.len(), 1);
        assert_eq!(draft.resources.len(), 2);
    }

    #[test]
    fn a_bad_cell_or_a_broken_file_is_named() {
        let rows: &[&[&str]] = &[&["Name", "Duration"], &["Design", "soon"]];
        let path = Path::new("plan.xlsx");
        let sheet = first_sheet(&workbook(rows, false), path).unwrap();
        let err = tasks_csv::parse_rows(&sheet, path).unwrap_err().to_string();
        assert!(err.contains("plan.xlsx") && err.contains("row 2"), "{err}");
        let err = first_sheet(b"PK\x03\x04 not really a zip", path)
            .unwrap_err()
            .to_string();
        assert!(err.contains("plan.xlsx"), "{err}");
    }
}
