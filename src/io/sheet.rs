//! The first sheet of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`) as rows of text,
//! read as hostile input: what a file asks us to allocate is checked against what it
//! could hold before any reader trusts it.
//!
//! Three things would otherwise abort the process: a shared-string table whose header
//! claims billions of strings (the reader reserves them up front), a cell far out at
//! XFD1048576 (a dense grid of the used range would be 17 billion cells), and a part
//! that inflates to gigabytes. XLSX sheets are therefore read cell by cell into rows as
//! long as each row's last cell, and zip containers are measured first.

use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{Data, DataType, ExcelDateTime, Reader};

use super::ImportError;

/// Inflated size of all parts of a workbook we read.
const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
/// Parts in a workbook's zip container.
const MAX_PARTS: usize = 20_000;
/// Cells we keep in memory, empty ones in rows included.
const MAX_CELLS: usize = 60_000_000;
/// Columns of a row (XFD is 16,384).
const MAX_COLUMNS: u32 = 16_384;
/// The shortest shared string entry, `<si><t/></si>`.
const MIN_SHARED_STRING_BYTES: u64 = 12;
/// Excel serials from 1900-01-00 to 9999-12-31: beyond them a "date" is a number.
const SERIAL_RANGE: std::ops::RangeInclusive<f64> = -1.0..=2_958_466.0;

fn invalid(path: &Path, reason: String) -> ImportError {
    ImportError::Invalid {
        path: path.to_path_buf(),
        reason,
    }
}

/// A date cell as a person would type it, or its number when it is no real date.
fn date_text(d: &ExcelDateTime) -> String {
    let serial = d.as_f64();
    if d.is_datetime()
        && SERIAL_RANGE.contains(&serial)
        && let Some(t) = d.as_datetime()
    {
        return t.format("%Y-%m-%d %H:%M").to_string();
    }
    number_text(serial)
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{f:.0}")
    } else {
        f.to_string()
    }
}

/// One cell as the text a person would type for it: dates as `YYYY-MM-DD HH:MM`, whole
/// numbers without decimals. (XLSX cells read one by one come as calamine's `DataRef`
/// and are turned into `Data` first.)
fn cell_text(cell: Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s,
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => date_text(&d),
    }
}

/// Refuses a zip container whose parts would inflate beyond what we read, or whose
/// shared-string table claims more strings than its bytes can hold.
fn check_zip(bytes: &[u8], path: &Path) -> Result<(), ImportError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| invalid(path, format!("not a readable spreadsheet: {e}")))?;
    if zip.len() > MAX_PARTS {
        return Err(invalid(
            path,
            format!("the workbook has {} parts (at most {MAX_PARTS})", zip.len()),
        ));
    }
    let mut total = 0u64;
    let mut shared_strings = None;
    for i in 0..zip.len() {
        let part = zip
            .by_index_raw(i)
            .map_err(|e| invalid(path, format!("part {i} cannot be read: {e}")))?;
        total = total.saturating_add(part.size());
        if part
            .name()
            .is_ok_and(|n| n.eq_ignore_ascii_case("xl/sharedStrings.xml"))
        {
            shared_strings = Some((i, part.size()));
        }
    }
    if total > MAX_INFLATED_BYTES {
        return Err(invalid(
            path,
            format!(
                "the workbook inflates to {} MB (at most {} MB)",
                total / (1024 * 1024),
                MAX_INFLATED_BYTES / (1024 * 1024)
            ),
        ));
    }
    if let Some((i, size)) = shared_strings {
        let mut head = Vec::with_capacity(4096);
        zip.by_index(i)
            .map_err(|e| invalid(path, format!("xl/sharedStrings.xml cannot be read: {e}")))?
            .take(4096)
            .read_to_end(&mut head)
            .map_err(|e| invalid(path, format!("xl/sharedStrings.xml cannot be read: {e}")))?;
        let claimed = ["uniqueCount=\"", "count=\""]
            .iter()
            .filter_map(|attr| {
                let text = String::from_utf8_lossy(&head);
                let at = text.find(attr)? + attr.len();
                let digits: String = text[at..]
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect();
                digits.parse::<u64>().ok().or(Some(u64::MAX))
            })
            .max();
        if let Some(n) = claimed
            && n > size / MIN_SHARED_STRING_BYTES + 1
            && n > 1024
        {
            return Err(invalid(
                path,
                format!(
                    "xl/sharedStrings.xml claims {n} strings in {size} bytes: the file is damaged"
                ),
            ));
        }
    }
    Ok(())
}

/// Rows of cells placed by position, each row as long as its last cell.
struct SparseRows {
    rows: Vec<Vec<String>>,
    cells: usize,
}

impl SparseRows {
    fn put(
        &mut self,
        (row, col): (u32, u32),
        text: String,
        path: &Path,
    ) -> Result<(), ImportError> {
        if text.is_empty() {
            return Ok(());
        }
        let place = || format!("row {}, column {}", row as u64 + 1, col as u64 + 1);
        if col >= MAX_COLUMNS {
            return Err(invalid(
                path,
                format!("{}: beyond the last column a sheet can have", place()),
            ));
        }
        let (row, col) = (row as usize, col as usize);
        // Every row and cell kept, empty ones included, counts against the limit.
        let grow = |cells: &mut usize, by: usize| {
            *cells = cells.saturating_add(by);
            if *cells > MAX_CELLS {
                return Err(invalid(
                    path,
                    format!("{}: the sheet is too large", place()),
                ));
            }
            Ok(())
        };
        if row >= self.rows.len() {
            grow(&mut self.cells, row + 1 - self.rows.len())?;
            self.rows.resize_with(row + 1, Vec::new);
        }
        let cells = &mut self.rows[row];
        if col >= cells.len() {
            grow(&mut self.cells, col + 1 - cells.len())?;
            cells.resize(col + 1, String::new());
        }
        cells[col] = text;
        Ok(())
    }
}

fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first sheet of a workbook as rows of text.
pub fn first_sheet(bytes: &[u8], path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    if is_zip(bytes) {
        check_zip(bytes, path)?;
        // XLSX (and XLSM): cell by cell. ODS goes through the generic reader below.
        if let Ok(mut book) = calamine::Xlsx::new(Cursor::new(bytes)) {
            return xlsx_first_sheet(&mut book, path);
        }
    }
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| invalid(path, format!("not a readable spreadsheet: {e}")))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| invalid(path, "the workbook has no sheet".to_owned()))?
        .map_err(|e| invalid(path, format!("the first sheet cannot be read: {e}")))?;
    let (height, width) = range.get_size();
    if height.saturating_mul(width) > MAX_CELLS {
        return Err(invalid(
            path,
            format!("the first sheet spans {height} rows × {width} columns: too large"),
        ));
    }
    Ok(range
        .rows()
        .map(|row| {
            let mut cells: Vec<String> = row.iter().map(|c| cell_text(c.clone())).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect())
}

fn xlsx_first_sheet(
    book: &mut calamine::Xlsx<Cursor<&[u8]>>,
    path: &Path,
) -> Result<Vec<Vec<String>>, ImportError> {
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(invalid(path, "the workbook has no sheet".to_owned()));
    };
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| invalid(path, format!("the sheet “{name}” cannot be read: {e}")))?;
    let mut out = SparseRows {
        rows: Vec::new(),
        cells: 0,
    };
    let mut first: Option<(u32, u32)> = None;
    loop {
        let cell = reader
            .next_cell()
            .map_err(|e| invalid(path, format!("the sheet “{name}” cannot be read: {e}")))?;
        let Some(cell) = cell else { break };
        let value = cell.get_value();
        if value.is_empty() {
            continue;
        }
        let (row, col) = cell.get_position();
        let top_left = first.get_or_insert((row, col));
        top_left.0 = top_left.0.min(row);
        top_left.1 = top_left.1.min(col);
        out.put((row, col), cell_text(Data::from(value.clone())), path)?;
    }
    // As the dense reader does: the table starts at the first used row and column.
    let (top, left) = first.unwrap_or((0, 0));
    Ok(out
        .rows
        .into_iter()
        .skip(top as usize)
        .map(|row| row.into_iter().skip(left as usize).collect())
        .collect())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Write;

    fn xlsx(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, text) in parts {
                zip.start_file(*name, opts).unwrap();
                zip.write_all(text.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        out.into_inner()
    }

    const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
    const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
    const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    const WB_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

    fn book(sheet_data: &str, shared: Option<&str>) -> Vec<u8> {
        let sheet = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet_data}</sheetData></worksheet>"#
        );
        let mut parts = vec![
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WB_RELS),
            ("xl/worksheets/sheet1.xml", sheet.as_str()),
        ];
        if let Some(s) = shared {
            parts.push(("xl/sharedStrings.xml", s));
        }
        xlsx(&parts)
    }

    #[test]
    fn a_plain_sheet_reads_as_rows() {
        let bytes = book(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>名称</t></is></c><c r="B1" t="inlineStr"><is><t>工期</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>设计</t></is></c><c r="B2"><v>3</v></c></row>"#,
            None,
        );
        let rows = first_sheet(&bytes, Path::new("t.xlsx")).unwrap();
        assert_eq!(rows, vec![vec!["名称", "工期"], vec!["设计", "3"]]);
    }

    #[test]
    fn a_far_cell_costs_its_row_only() {
        let bytes = book(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row><row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c></row>"#,
            None,
        );
        let rows = first_sheet(&bytes, Path::new("far.xlsx")).unwrap();
        assert_eq!(rows.len(), 1_048_576);
        assert_eq!(rows[1_048_575].len(), 16_384);
        assert!(rows[1].is_empty());
    }

    #[test]
    fn a_lying_shared_string_count_is_refused() {
        let shared = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
        let bytes = book(
            r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
            Some(shared),
        );
        let err = first_sheet(&bytes, Path::new("sst.xlsx"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("sst.xlsx") && err.contains("4000000000"),
            "{err}"
        );
    }

    #[test]
    fn a_part_that_inflates_to_a_gigabyte_is_refused() {
        // 600 MB of zeros compress to well under a megabyte.
        let mut out = Cursor::new(Vec::new());
        {
            let mut zip = zip::ZipWriter::new(&mut out);
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .large_file(true);
            zip.start_file("xl/bomb.xml", opts).unwrap();
            let chunk = vec![b'0'; 1024 * 1024];
            for _ in 0..600 {
                zip.write_all(&chunk).unwrap();
            }
            zip.finish().unwrap();
        }
        let bytes = out.into_inner();
        let err = first_sheet(&bytes, Path::new("bomb.xlsx"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("bomb.xlsx") && err.contains("MB"), "{err}");
    }

    #[test]
    fn extreme_date_serials_are_numbers_not_panics() {
        let bytes = {
            let mut wb = rust_xlsxwriter::Workbook::new();
            let ws = wb.add_worksheet();
            let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
            ws.write_number_with_format(0, 0, 1e300, &date).unwrap();
            ws.write_number_with_format(0, 1, -1e18, &date).unwrap();
            ws.write_number_with_format(0, 2, 46_000.5, &date).unwrap();
            wb.save_to_buffer().unwrap()
        };
        let rows = first_sheet(&bytes, Path::new("dates.xlsx")).unwrap();
        assert_eq!(rows[0][2], "2025-12-09 12:00");
        assert!(rows[0][0].starts_with("1") && rows[0][1].starts_with("-1"));
    }
}
