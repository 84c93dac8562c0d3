//! A survey export as columns: each column keeps every distinct cell once and, per
//! response, an index into them. A million responses take a few megabytes per column,
//! and kinds are inferred from the distinct values.

use std::collections::HashMap;
use std::path::Path;

use super::super::ImportError;
use super::layout::{self, Layout};

/// A quick hash for short cells (FxHash's multiply-rotate, 8 bytes at a time): the
/// import looks up every cell, and SipHash's resistance to crafted keys buys nothing
/// for a file the user opens.
#[derive(Default, Clone, Copy)]
pub struct CellHasher(u64);

impl std::hash::Hasher for CellHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by cells, with the quick hash.
pub type CellMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<CellHasher>>;

type CellIndex = CellMap<String, u32>;

/// One column of answers.
#[derive(Clone, Debug, Default)]
pub struct Column {
    /// Each distinct cell once.
    pub values: Vec<String>,
    index: CellIndex,
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

/// Collects rows into columns: the first few are kept to find the layout, the rest go
/// straight into the columns (no string per cell). Blank rows are left out.
struct Builder {
    head: Vec<Vec<String>>,
    table: Option<Table>,
}

impl Builder {
    fn new() -> Builder {
        Builder {
            head: Vec::new(),
            table: None,
        }
    }

    fn add<'a>(table: &mut Table, row: impl Iterator<Item = &'a str> + Clone) {
        if row.clone().all(|c| c.trim().is_empty()) {
            return;
        }
        let mut cells = row;
        for column in &mut table.columns {
            column.push(cells.next().unwrap_or(""));
        }
        table.responses += 1;
    }

    /// The layout is known once the head is full (or the rows end).
    fn start(&mut self) -> &mut Table {
        if self.table.is_none() {
            let layout = layout::detect(&self.head);
            let width = layout.columns.len();
            let mut table = Table {
                columns: vec![Column::default(); width],
                responses: 0,
                layout,
            };
            let from = table.layout.data_start;
            for row in self.head.iter().skip(from) {
                Self::add(&mut table, row.iter().map(String::as_str));
            }
            self.table = Some(table);
        }
        self.table.get_or_insert_with(unreachable_table)
    }

    fn push<'a>(&mut self, row: impl Iterator<Item = &'a str> + Clone) {
        if self.table.is_none() && self.head.len() < HEAD_ROWS {
            self.head.push(row.map(str::to_owned).collect());
            return;
        }
        let table = self.start();
        Self::add(table, row);
    }

    fn finish(mut self) -> Table {
        self.start();
        self.table.take().unwrap_or_else(unreachable_table)
    }
}

/// Never used: `start` always leaves a table behind.
fn unreachable_table() -> Table {
    Table {
        layout: layout::detect(&[]),
        columns: Vec::new(),
        responses: 0,
    }
}

/// Builds a table from rows, the first few of which are headers. Blank rows are left out.
pub fn from_rows<I>(rows: I) -> Result<Table, ImportError>
where
    I: Iterator<Item = Result<Vec<String>, ImportError>>,
{
    let mut builder = Builder::new();
    for row in rows {
        let row = row?;
        builder.push(row.iter().map(String::as_str));
    }
    Ok(builder.finish())
}

/// Reads delimited text row by row into a table.
pub fn from_text(text: &str, path: &Path) -> Result<Table, ImportError> {
    from_text_reporting(text, path, &mut |_, _| true)
}

/// [`from_text`], reporting bytes read of all as it goes (every 64 K rows); `progress`
/// returning false cancels.
pub fn from_text_reporting(
    text: &str,
    path: &Path,
    progress: super::super::Progress<'_>,
) -> Result<Table, ImportError> {
    let d = super::super::table_file::delimiter(text);
    // Tab-separated text may or may not quote: decide on the first rows.
    let quoting = if d == b'\t' {
        let sample: String = text.lines().take(200).collect::<Vec<_>>().join("\n");
        super::super::table_file::tsv_quoting(&sample)
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
    let mut builder = Builder::new();
    let total = text.len() as u64;
    let mut rows = 0u64;
    while reader.read_record(&mut record).map_err(bad)? {
        builder.push(record.iter());
        rows += 1;
        if rows.is_multiple_of(65_536) && !progress(reader.position().byte(), total) {
            return Err(ImportError::Cancelled);
        }
    }
    Ok(builder.finish())
}
