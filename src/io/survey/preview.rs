//! The import wizard's preview: the first megabyte of an export read as the import
//! would read it (encoding, tool, header rows, questions and kinds), quickly, so the
//! user can check it, pick another encoding or correct kinds before the whole file
//! comes in.

use std::io::Read;
use std::path::Path;

use super::{SurveyOptions, build, table};
use crate::io::ImportError;
use crate::model::survey::{QuestionKind, Survey};

/// How much of a text export the preview reads.
pub const PREVIEW_BYTES: usize = 1 << 20;

/// What the preview found.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyPreview {
    /// The survey as read from the first rows.
    pub survey: Survey,
    /// The encoding used (`None` for spreadsheets), and whether it was detected.
    pub encoding: Option<&'static str>,
    pub detected: bool,
    /// Header rows above the answers.
    pub header_rows: usize,
    /// Whether the whole file was read (else only its first rows).
    pub whole_file: bool,
    pub file_bytes: u64,
}

fn io_error(path: &Path) -> impl Fn(std::io::Error) -> ImportError + '_ {
    move |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads the start of `path` as a survey export.
pub fn preview(path: &Path, options: &SurveyOptions) -> Result<SurveyPreview, ImportError> {
    let file_bytes = std::fs::metadata(path).map_err(io_error(path))?.len();
    let spreadsheet = path.extension().is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "ods", "xlsb"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    });
    if spreadsheet {
        let bytes = std::fs::read(path).map_err(io_error(path))?;
        let table = super::read_table(bytes, path, options, &mut |_, _| true)?;
        let header_rows = table.layout.data_start;
        return Ok(SurveyPreview {
            survey: checked(path, &table)?,
            encoding: None,
            detected: false,
            header_rows,
            whole_file: true,
            file_bytes,
        });
    }
    let mut head = Vec::with_capacity(PREVIEW_BYTES.min(file_bytes as usize));
    std::fs::File::open(path)
        .map_err(io_error(path))?
        .take(PREVIEW_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io_error(path))?;
    let whole_file = head.len() as u64 >= file_bytes;
    if !whole_file {
        // UTF-16 comes in pairs of bytes.
        head.truncate(head.len() & !1);
    }
    let (mut decoded, how) =
        super::super::table_file::decode(&head, path, options.encoding.as_deref())?;
    if !whole_file {
        // Only whole rows: the last one may be cut (and a character with it).
        match decoded.rfind('\n') {
            Some(end) => decoded.truncate(end + 1),
            None => decoded.clear(),
        }
    }
    let table = table::from_text(&decoded, path)?;
    let header_rows = table.layout.data_start;
    Ok(SurveyPreview {
        survey: checked(path, &table)?,
        encoding: Some(how.encoding.name()),
        detected: how.detected,
        header_rows,
        whole_file,
        file_bytes,
    })
}

fn checked(path: &Path, table: &table::Table) -> Result<Survey, ImportError> {
    if table.responses == 0 || table.columns.is_empty() {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!(
                "no responses: nothing below the {} header row(s)",
                table.layout.data_start
            ),
        });
    }
    Ok(build::survey(&super::name_from_path(path), table))
}

/// Sets the kinds the user chose in the wizard (by question key); the answers are then
/// read as those kinds, as for a correction after the import.
pub fn apply_kinds(survey: &mut Survey, kinds: &[(String, QuestionKind)]) {
    for (key, kind) in kinds {
        if let Some(q) = survey.questions.iter_mut().find(|q| &q.key == key)
            && q.kind != *kind
        {
            q.kind = *kind;
            q.kind_set_by_user = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_big_gbk_export_is_previewed_from_its_first_megabyte() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("大调研.csv");
        let mut text = String::from("序号,您的城市,推荐意愿\n");
        let mut n = 0;
        while text.len() < 3 * PREVIEW_BYTES {
            n += 1;
            text.push_str(&format!("{n},{},{}\n", ["北京", "上海"][n % 2], n % 11));
        }
        let (bytes, _, _) = encoding_rs::GBK.encode(&text);
        std::fs::write(&path, &bytes).unwrap();
        let p = preview(&path, &SurveyOptions::default()).unwrap();
        assert!(!p.whole_file);
        assert_eq!(p.encoding, Some("gb18030"));
        assert!(p.detected);
        assert!(p.survey.responses > 1000 && p.survey.responses < n);
        let city = p
            .survey
            .questions
            .iter()
            .find(|q| q.title == "您的城市")
            .unwrap();
        assert!(
            city.options.iter().any(|o| o == "北京") && city.options.iter().any(|o| o == "上海")
        );
        // Naming another encoding reads it so (and says it was not detected).
        let p = preview(
            &path,
            &SurveyOptions {
                encoding: Some("big5".into()),
            },
        )
        .unwrap();
        assert_eq!((p.encoding, p.detected), (Some("Big5"), false));
    }
}
