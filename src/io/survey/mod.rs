//! Survey exports in: 问卷星, 腾讯问卷, 金数据, Google Forms, SurveyMonkey, Qualtrics
//! (current and legacy), Typeform, Microsoft Forms, LimeSurvey and any other table, as
//! CSV, TSV, Excel "Unicode text" or a spreadsheet, in any common encoding.

pub mod build;
pub mod layout;
pub mod preview;
pub mod table;

use std::path::Path;

use super::{ImportError, table_file};
use crate::model::survey::Survey;

/// How an import reads the file beyond what it detects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyOptions {
    /// An encoding label (`gbk`, `big5`, `utf-16le` …) instead of the detected one.
    pub encoding: Option<String>,
}

/// The survey's name from its file name; 问卷星's `{id}_{format}_{title}_{n}_{m}`
/// names give the title.
pub fn name_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parts: Vec<&str> = stem.split('_').collect();
    if parts.len() >= 5
        && parts[0].chars().all(|c| c.is_ascii_digit())
        && parts[parts.len() - 1].chars().all(|c| c.is_ascii_digit())
        && parts[parts.len() - 2].chars().all(|c| c.is_ascii_digit())
    {
        return parts[2..parts.len() - 2].join("_");
    }
    stem
}

/// The columns of answers a file holds, with its layout.
pub fn read_table(
    bytes: Vec<u8>,
    path: &Path,
    options: &SurveyOptions,
    progress: super::Progress<'_>,
) -> Result<table::Table, ImportError> {
    if table_file::is_spreadsheet(path) {
        let rows = super::sheet::first_sheet(&bytes, path)?;
        return table::from_rows(rows.into_iter().map(Ok));
    }
    let text = table_file::decode_owned(bytes, path, options.encoding.as_deref())?;
    table::from_text_reporting(&text, path, progress)
}

/// Reads a survey export.
pub fn parse(bytes: &[u8], path: &Path, options: &SurveyOptions) -> Result<Survey, ImportError> {
    parse_owned(bytes.to_vec(), path, options)
}

/// [`parse`], taking the file's bytes (a large export is not copied).
pub fn parse_owned(
    bytes: Vec<u8>,
    path: &Path,
    options: &SurveyOptions,
) -> Result<Survey, ImportError> {
    parse_reporting(bytes, path, options, &mut |_, _| true)
}

/// [`parse_owned`], reporting how much of the file is read; `progress` returning
/// false cancels (nothing is stored).
pub fn parse_reporting(
    bytes: Vec<u8>,
    path: &Path,
    options: &SurveyOptions,
    progress: super::Progress<'_>,
) -> Result<Survey, ImportError> {
    let table = read_table(bytes, path, options, progress)?;
    if table.responses == 0 || table.columns.is_empty() {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!(
                "no responses: nothing below the {} header row(s)",
                table.layout.data_start
            ),
        });
    }
    Ok(build::survey(&name_from_path(path), &table))
}

/// Whether a file is named like a table a survey can come in.
pub fn is_survey_file(path: &Path) -> bool {
    table_file::is_table_file(path)
}

/// Reads a survey export and adds it to the workspace as one undoable edit.
pub fn import(
    path: &Path,
    workspace: &mut crate::store::Workspace,
    options: &SurveyOptions,
    progress: super::Progress<'_>,
) -> Result<super::ImportSummary, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // Reading is nine tenths of the work: its share of the bar follows the bytes.
    let survey = parse_reporting(bytes, path, options, &mut |done, all| {
        progress(done * 9, all.max(1) * 10)
    })?;
    if !progress(9, 10) {
        return Err(ImportError::Cancelled);
    }
    store(survey, workspace, progress)
}

/// Adds a survey read before to the workspace as one undoable edit.
pub fn store(
    survey: Survey,
    workspace: &mut crate::store::Workspace,
    progress: super::Progress<'_>,
) -> Result<super::ImportSummary, ImportError> {
    let added = vec![
        ("surveys", 1),
        ("responses", survey.responses as u64),
        ("questions", survey.questions.len() as u64),
    ];
    workspace.apply(crate::model::Change::ImportSurvey(survey))?;
    progress(10, 10);
    Ok(super::ImportSummary { added })
}

/// The survey importer for the dispatcher: a CSV or TSV whose headers are those of a
/// survey tool (spreadsheets are taken as surveys when asked for with `--as survey`).
pub struct SurveyImporter;

impl super::Importer for SurveyImporter {
    fn id(&self) -> &'static str {
        "survey"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        // A table is a survey when its first rows are a known tool's headers (else a
        // spreadsheet goes to the task-table importer).
        is_survey_file(path)
            && table_file::head_rows(path, head, 4)
                .is_some_and(|rows| layout::detect(&rows).tool != "generic")
    }

    fn import(
        &self,
        path: &Path,
        workspace: &mut crate::store::Workspace,
        progress: super::Progress<'_>,
    ) -> Result<super::ImportSummary, ImportError> {
        import(path, workspace, &SurveyOptions::default(), progress)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cancelled_or_failed_import_leaves_the_workspace_as_it_was() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = dir.path().join("调研.csv");
        std::fs::write(&file, "序号,1、满意吗\n1,满意\n2,一般\n").unwrap_or_else(|e| panic!("{e}"));
        let ws_path = dir.path().join("w.planwright");
        let mut ws = crate::store::Workspace::create(&ws_path).unwrap_or_else(|e| panic!("{e}"));
        let before = ws.recent_edits(10).unwrap_or_default().len();
        let mut calls = 0;
        let r = import(&file, &mut ws, &SurveyOptions::default(), &mut |_, _| {
            calls += 1;
            false
        });
        assert!(matches!(r, Err(ImportError::Cancelled)), "{r:?}");
        assert!(calls >= 1);
        assert!(ws.surveys().unwrap_or_default().is_empty());
        assert_eq!(ws.recent_edits(10).unwrap_or_default().len(), before);
        // A file with a header and no answers is refused, naming the file.
        let empty = dir.path().join("空.csv");
        std::fs::write(&empty, "序号,1、满意吗\n").unwrap_or_else(|e| panic!("{e}"));
        let r = import(&empty, &mut ws, &SurveyOptions::default(), &mut |_, _| true);
        assert!(r.is_err_and(|e| e.to_string().contains("空.csv")));
        assert!(ws.surveys().unwrap_or_default().is_empty());
    }

    #[test]
    fn wjx_file_names_give_the_title() {
        assert_eq!(
            name_from_path(Path::new(
                "234274756_2_家庭教养方式测试（父母版）_245_245.xlsx"
            )),
            "家庭教养方式测试（父母版）"
        );
        assert_eq!(name_from_path(Path::new("用户调研.csv")), "用户调研");
    }

    #[test]
    fn a_gbk_export_reads_whole() {
        let text = "序号,提交答卷时间,所用时间,1、您向朋友推荐我们的可能性,2、您使用过哪些功能,3、建议\n\
                    1,2026/11/1 10:00:00,60秒,9,智能回复┋工单,界面好看\n\
                    2,2026/11/1 11:00:00,75秒,6,工单,(跳过)\n\
                    3,2026/11/2 09:30:00,40秒,10,智能回复┋知识库┋工单,\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let s = parse(&gbk, Path::new("调研.csv"), &SurveyOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!((s.source.as_str(), s.responses), ("wjx", 3));
        let kinds: Vec<_> = s.questions.iter().map(|q| q.kind.code()).collect();
        assert_eq!(kinds, ["meta", "meta", "meta", "nps", "multi", "text"]);
        assert_eq!(s.questions[3].key, "Q1");
        let nps = s
            .stats(3, None)
            .and_then(|st| st.nps)
            .unwrap_or_else(|| panic!("nps"));
        assert_eq!((nps.promoters, nps.detractors, nps.score), (2, 1, 33.3));
    }

    fn read(text: &str, name: &str) -> crate::model::survey::Survey {
        parse(text.as_bytes(), Path::new(name), &SurveyOptions::default())
            .unwrap_or_else(|e| panic!("{e}"))
    }

    fn question<'a>(
        s: &'a crate::model::survey::Survey,
        title: &str,
    ) -> (usize, &'a crate::model::survey::Question) {
        s.questions
            .iter()
            .enumerate()
            .find(|(_, q)| q.title.contains(title))
            .unwrap_or_else(|| panic!("no question {title}: {:?}", s.questions))
    }

    #[test]
    fn surveymonkey_other_counts_and_open_ended_stays_text() {
        // Q1 multiple choice with an Other box holding what was written; Q2 open-ended
        // whose answers happen to repeat; Q3 single choice with an Other box.
        let text = "Respondent ID,Which features do you use?,,,Anything else?,How did you hear of us?,\n\
            ,Gantt,Requirements,Other (please specify),Open-Ended Response,Response,Other (please specify)\n\
            1,Gantt,,,fine,Friend,\n\
            2,,Requirements,飞书集成,fine,,同事推荐\n\
            3,Gantt,Requirements,,ok,Search,\n\
            4,,,导出 Word,fine,Friend,\n";
        let s = read(text, "monkey.csv");
        assert_eq!(s.source, "surveymonkey");
        let (i, q) = question(&s, "Which features");
        assert_eq!(q.kind.code(), "multi");
        assert_eq!(
            q.options,
            ["Gantt", "Requirements", "Other (please specify)"]
        );
        let other = 2;
        let chose_other: Vec<bool> = (0..4)
            .map(|r| s.answers[i].chosen(r).unwrap_or_default().contains(&other))
            .collect();
        assert_eq!(
            chose_other,
            [false, true, false, true],
            "text means Other was chosen"
        );
        let written = s
            .other_text
            .iter()
            .find(|(q, _)| *q == i)
            .map(|(_, t)| t.clone())
            .unwrap_or_default();
        assert_eq!(written[1].as_deref(), Some("飞书集成"));
        let (_, open) = question(&s, "Anything else");
        assert_eq!(open.kind.code(), "text", "Open-Ended Response is text");
        // One question, its Other box kept as written-in answers (not a question of
        // its own).
        let (k, _) = question(&s, "How did you hear");
        assert_eq!(
            s.questions
                .iter()
                .filter(|q| q.title.contains("How did you hear"))
                .count(),
            1
        );
        assert!(
            s.other_text
                .iter()
                .any(|(q, t)| *q == k && t[1].as_deref() == Some("同事推荐"))
        );
    }

    #[test]
    fn one_column_per_option_with_its_label_is_one_multiple_choice() {
        let text = "编号,Q3:您最常用的功能有哪些？:甘特图,Q3:您最常用的功能有哪些？:需求池,Q3:您最常用的功能有哪些？:其他,Q3:您最常用的功能有哪些？:其他_填空1,满意度:价格,满意度:服务\n\
            1,甘特图,需求池,,,4,5\n\
            2,,需求池,,,3,3\n\
            3,甘特图,,其他,周报,5,4\n\
            4,,,,飞书,2,2\n";
        let s = read(text, "labels.csv");
        let (i, q) = question(&s, "最常用的功能");
        assert_eq!(q.kind.code(), "multi");
        assert_eq!(q.options, ["甘特图", "需求池", "其他"]);
        assert_eq!(q.key, "Q3");
        let chosen: Vec<Vec<u32>> = (0..4)
            .map(|r| s.answers[i].chosen(r).unwrap_or_default())
            .collect();
        assert_eq!(
            chosen,
            [vec![0, 1], vec![1], vec![0, 2], vec![2]],
            "the fill-in counts as 其他"
        );
        assert!(
            s.other_text
                .iter()
                .any(|(q, t)| *q == i && t[3].as_deref() == Some("飞书"))
        );
        // Ratings per row are not options: they stay questions of their own.
        assert!(question(&s, "价格").1.kind.code() != "multi");
        // `题目-选项` reads the same.
        let dash = "编号,常用渠道-微信,常用渠道-电话,常用渠道-邮件\n1,微信,,邮件\n2,,电话,\n";
        let s = read(dash, "dash.csv");
        let (_, q) = question(&s, "常用渠道");
        assert_eq!((q.kind.code(), q.options.len()), ("multi", 3));
    }
}
