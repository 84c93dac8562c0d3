//! The one table reader: a file as rows of cells, whatever wrote it. Delimited text in
//! any encoding (BOM, UTF-16 without one, UTF-8, else GB18030 or Big5, whichever reads
//! as more common Chinese), its delimiter and quoting (Google's TSV does not quote;
//! Excel's "Unicode text" does); or the first sheet of a workbook (xlsx, xlsm, xls,
//! ods, read as hostile input by [`super::sheet`]). Task lists, requirement pools,
//! surveys and mapped tables all read through here.

use std::path::Path;

use encoding_rs::{BIG5, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

use super::ImportError;

/// Workbook extensions: read as their first sheet.
const SPREADSHEET_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "ods", "xlsb"];
/// Delimited-text extensions.
const TEXT_EXTENSIONS: [&str; 3] = ["csv", "tsv", "txt"];

fn has_extension(path: &Path, list: &[&str]) -> bool {
    path.extension()
        .is_some_and(|e| list.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether the file is named like a workbook.
pub fn is_spreadsheet(path: &Path) -> bool {
    has_extension(path, &SPREADSHEET_EXTENSIONS)
}

/// Whether the file is named like delimited text.
pub fn is_text_table(path: &Path) -> bool {
    has_extension(path, &TEXT_EXTENSIONS)
}

/// Whether the file is named like a table (delimited text or a workbook).
pub fn is_table_file(path: &Path) -> bool {
    is_text_table(path) || is_spreadsheet(path)
}

/// The rows of a table file's bytes: a workbook's first sheet, else delimited text in
/// the encoding detected.
pub fn rows_of(bytes: &[u8], path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    if is_spreadsheet(path) {
        return super::sheet::first_sheet(bytes, path);
    }
    let (text, _) = decode(bytes, path, None)?;
    rows(&text, path)
}

/// Reads a table file: [`rows_of`] its bytes.
pub fn read(path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    rows_of(&bytes, path)
}

/// The first `n` rows of a table file, for recognising it: from `head` (the file's
/// first bytes) for delimited text, cut at the last whole line; from the whole file
/// for a workbook. `None` when the file is not a table or does not read.
pub fn head_rows(path: &Path, head: &[u8], n: usize) -> Option<Vec<Vec<String>>> {
    let mut rows = if is_text_table(path) {
        let (text, _) = decode(head, path, None).ok()?;
        // Cells may hold line breaks, so rows are read from the text, not from lines.
        let whole_lines = match text.rfind('\n') {
            Some(end) => &text[..=end],
            None => text.as_str(),
        };
        rows(whole_lines, path).ok()?
    } else if is_spreadsheet(path) {
        let bytes = std::fs::read(path).ok()?;
        super::sheet::first_sheet(&bytes, path).ok()?
    } else {
        return None;
    };
    rows.truncate(n);
    Some(rows)
}

/// Characters common in both simplified and traditional Chinese text: a decoding that
/// produces many of them is the right one.
const FREQUENT: &str = "的一是不了人我在有他这這为為之大来來以个個中上们們到说說国國和地也子时時道出而要于於就下得可你年生自会會那后後能对對着著事其里裡所去行过過家十用发發天如然作方成者多日都三小军軍二无無同么麽经經法当當起与與好看学學进進种種将將还還分此心前面又定见見只主没沒公从從满满意问問题題卷选選项項请請非常一般";

/// How a file's bytes were read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: &'static Encoding,
    /// Whether the encoding was detected (false: the user named it).
    pub detected: bool,
}

/// UTF-16 without a BOM: line breaks and delimiters (ASCII) come with a NUL byte
/// after them (little-endian) or before them (big-endian), and only that way round.
fn looks_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let marks = [b'\n', b'\r', b',', b'\t', b';'];
    let (mut le, mut be) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        if marks.contains(&pair[0]) && pair[1] == 0 {
            le += 1;
        } else if pair[0] == 0 && marks.contains(&pair[1]) {
            be += 1;
        }
    }
    if le >= 2 && be == 0 {
        Some(UTF_16LE)
    } else if be >= 2 && le == 0 {
        Some(UTF_16BE)
    } else {
        None
    }
}

fn frequent_count(text: &str) -> usize {
    text.chars()
        .take(20_000)
        .filter(|c| FREQUENT.contains(*c))
        .count()
}

/// The text of a file, in the named encoding or the one detected.
pub fn decode(
    bytes: &[u8],
    path: &Path,
    encoding: Option<&str>,
) -> Result<(String, Decoded), ImportError> {
    if let Some(label) = encoding {
        let enc = Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!("“{label}” is not an encoding this version knows (try utf-8, gb18030, big5, utf-16le)"),
        })?;
        let (text, _, _) = enc.decode(bytes);
        return Ok((
            text.into_owned(),
            Decoded {
                encoding: enc,
                detected: false,
            },
        ));
    }
    let detected = |encoding| Decoded {
        encoding,
        detected: true,
    };
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), detected(enc)));
    }
    if let Some(enc) = looks_utf16(bytes) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), detected(enc)));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_owned(), detected(UTF_8)));
    }
    let (gb, _, gb_bad) = GB18030.decode(bytes);
    let (big5, _, big5_bad) = BIG5.decode(bytes);
    let gb_score = frequent_count(&gb) as i64 - if gb_bad { 1000 } else { 0 };
    let big5_score = frequent_count(&big5) as i64 - if big5_bad { 1000 } else { 0 };
    Ok(if big5_score > gb_score {
        (big5.into_owned(), detected(BIG5))
    } else {
        (gb.into_owned(), detected(GB18030))
    })
}

/// [`decode`], taking the bytes: UTF-8 without a BOM becomes the text without a copy
/// (a large export is read once).
pub fn decode_owned(
    bytes: Vec<u8>,
    path: &Path,
    encoding: Option<&str>,
) -> Result<String, ImportError> {
    if encoding.is_none() && Encoding::for_bom(&bytes).is_none() && looks_utf16(&bytes).is_none() {
        match String::from_utf8(bytes) {
            Ok(text) => return Ok(text),
            Err(e) => return decode(e.as_bytes(), path, None).map(|d| d.0),
        }
    }
    decode(&bytes, path, encoding).map(|d| d.0)
}

/// The delimiter the first lines use most: tab, comma or semicolon.
pub fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(5).collect::<Vec<_>>().join("\n");
    [b'\t', b',', b';']
        .into_iter()
        .max_by_key(|&d| head.bytes().filter(|&b| b == d).count())
        .unwrap_or(b',')
}

fn read_delimited(
    text: &str,
    delimiter: u8,
    quoting: bool,
) -> Result<Vec<Vec<String>>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quoting(quoting)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// Share of rows with as many cells as the first.
fn regularity(rows: &[Vec<String>]) -> f64 {
    let Some(width) = rows.first().map(Vec::len) else {
        return 0.0;
    };
    rows.iter().filter(|r| r.len() == width).count() as f64 / rows.len() as f64
}

/// The rows of a delimited text. Tab-separated text is read both with and without
/// quoting, and the reading whose rows are the more regular wins.
pub fn rows(text: &str, path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    let d = delimiter(text);
    let bad = |e: csv::Error| ImportError::Invalid {
        path: path.to_path_buf(),
        reason: match e.position() {
            Some(p) => format!("line {}: {e}", p.line()),
            None => e.to_string(),
        },
    };
    if d == b'\t' {
        return read_delimited(text, d, tsv_quoting(text)).map_err(bad);
    }
    read_delimited(text, d, true).map_err(bad)
}

/// Whether tab-separated text quotes its cells (Excel's "Unicode text" does, Google's
/// TSV does not): the reading whose rows are the more regular wins.
pub fn tsv_quoting(text: &str) -> bool {
    let Ok(plain) = read_delimited(text, b'\t', false) else {
        return true;
    };
    if regularity(&plain) >= 0.99 {
        return false;
    }
    read_delimited(text, b'\t', true).is_ok_and(|quoted| regularity(&quoted) > regularity(&plain))
}

/// A `FIELD=COLUMN` choice as given on the command line: the field's name and the
/// column's index, the column named by its header or its number from 1 (of `columns`).
/// A cell that does not read, named by its file, row and column.
pub fn bad_cell(path: &Path, row: usize, column: &str, detail: String) -> ImportError {
    ImportError::Invalid {
        path: path.to_path_buf(),
        reason: format!("row {row}, column “{column}”: {detail}"),
    }
}

/// The items of a list cell (`a, b；c、d` or one per line), trimmed, empty ones left out.
pub fn list_items(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '，', ';', '；', '、', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

pub fn column_choice<'c>(
    choice: &'c str,
    headers: &[String],
    columns: usize,
) -> Result<(&'c str, usize), String> {
    let (field, column) = choice
        .split_once('=')
        .ok_or_else(|| format!("“{choice}”: write FIELD=COLUMN, e.g. name=任务"))?;
    let column = column.trim();
    let index = headers
        .iter()
        .position(|h| h.trim() == column)
        .or_else(|| {
            column
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1 && n <= columns)
                .map(|n| n - 1)
        })
        .ok_or_else(|| {
            format!(
                "“{column}” is neither a header nor a column number (headers: {})",
                headers.join(", ")
            )
        })?;
    Ok((field.trim(), index))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p() -> &'static Path {
        Path::new("t.csv")
    }

    #[test]
    fn encodings_are_detected() {
        let text = "编号,您对产品满意吗,请写下建议\n1,非常满意,界面很好用\n";
        let (gbk, _, _) = GB18030.encode(text);
        let (got, how) = decode(&gbk, p(), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((got.as_str(), how.encoding), (text, GB18030));
        let trad = "編號,您對產品滿意嗎,請寫下建議\n1,非常滿意,介面很好用\n";
        let (big5, _, _) = BIG5.encode(trad);
        let (got, how) = decode(&big5, p(), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((got.as_str(), how.encoding), (trad, BIG5));
        // UTF-16LE with and without its BOM, as Excel's "Unicode text" writes it.
        let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let (got, how) = decode(&utf16, p(), None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((got.as_str(), how.encoding), (text, UTF_16LE));
        let mut with_bom = vec![0xFF, 0xFE];
        with_bom.extend(&utf16);
        assert_eq!(
            decode(&with_bom, p(), None).map(|d| d.0).ok().as_deref(),
            Some(text)
        );
        // Named by the user.
        let (got, how) = decode(&gbk, p(), Some("gbk")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(got, text);
        assert!(!how.detected);
        assert!(decode(&gbk, p(), Some("klingon")).is_err());
    }

    #[test]
    fn unquoted_tsv_keeps_its_quotes_and_quoted_tsv_its_newlines() {
        let google = "Q1\tQ2\n\"quoted\" word\tyes\nplain\tno\n";
        let r = rows(google, p()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r[1], vec!["\"quoted\" word", "yes"]);
        let excel = "Q1\tQ2\n\"two\nlines\"\tyes\nplain\tno\n";
        let r = rows(excel, p()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(r[1], vec!["two\nlines", "yes"]);
        assert_eq!(delimiter("a;b;c\n1;2;3"), b';');
    }
}
