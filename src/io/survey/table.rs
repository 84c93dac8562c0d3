//! A survey export as columns: each column keeps every distinct cell once and, per
//! response, an index into them. A million responses take a few megabytes per column,
//! and kinds are inferred from the distinct values.

use std::collections::HashMap;
use std::path::Path;

use super::super::ImportError;
use super::layout::{self, Layout};

/// One column of answers.
#[derive(Clone, Debug, Default)]
pub struct Column {
    /// Each distinct cell once.
    pub values: Vec<String>,
    index: HashMap<String, u32>,
    /// Per response, the index of its cell in `values`.
    pub codes: Vec<u32>,
}

impl Column {
    fn push(&mut self, cell: &str) {
        let code = match self.index.get(cell) {
            Some(&c) => c,
            None => {
                let c = self.values.len() as u32;
                self.values.push(cell.to_owned());
                self.index.insert(cell.to_owned(), c);
                c
            }
        };
        self.codes.push(code);
    }

    /// Response `r`'s cell.
    pub fn cell(&self, r: usize) -> &str {
        self.codes
            .get(r)
            .and_then(|&c| self.values.get(c as usize))
            .map_or("", String::as_str)
    }
}

/// The header rows and the answers by column.
#[derive(Clone, Debug)]
pub struct Table {
    pub layout: Layout,
    pub columns: Vec<Column>,
    pub responses: usize,
}

/// Rows read ahead to find the layout: the headers take at most three.
const HEAD_ROWS: usize = 4;

/// Builds a table from rows, the first few of which are headers. Blank rows are left out.
pub fn from_rows<I>(mut rows: I) -> Result<Table, ImportError>
where
    I: Iterator<Item = Result<Vec<String>, ImportError>>,
{
    let mut head: Vec<Vec<String>> = Vec::new();
    for row in rows.by_ref() {
        head.push(row?);
        if head.len() == HEAD_ROWS {
            break;
        }
    }
    let layout = layout::detect(&head);
    let width = layout.columns.len();
    let mut table = Table {
        layout,
        columns: vec![Column::default(); width],
        responses: 0,
    };
    let add = |row: &[String], table: &mut Table| {
        if row.iter().all(|c| c.trim().is_empty()) {
            return;
        }
        for (c, column) in table.columns.iter_mut().enumerate() {
            column.push(row.get(c).map_or("", String::as_str));
        }
        table.responses += 1;
    };
    let start = table.layout.data_start;
    for row in head.iter().skip(start) {
        add(row, &mut table);
    }
    for row in rows {
        add(&row?, &mut table);
    }
    Ok(table)
}

/// Reads delimited text row by row into a table.
pub fn from_text(text: &str, path: &Path) -> Result<Table, ImportError> {
    let d = super::text::delimiter(text);
    // Tab-separated text may or may not quote: decide on the first rows.
    let quoting = if d == b'\t' {
        let sample: String = text.lines().take(200).collect::<Vec<_>>().join("\n");
        super::text::tsv_quoting(&sample)
    } else {
        true
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(d)
        .quoting(quoting)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let bad = |e: csv::Error| ImportError::Invalid {
        path: path.to_path_buf(),
        reason: match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        },
    };
    let mut record = csv::StringRecord::new();
    let rows = std::iter::from_fn(move || match reader.read_record(&mut record) {
        Ok(true) => Some(Ok(record.iter().map(str::to_owned).collect())),
        Ok(false) => None,
        Err(e) => Some(Err(bad(e))),
    });
    from_rows(rows)
}
