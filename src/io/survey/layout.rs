//! Which tool wrote a survey export, how many header rows it has, and what each column
//! is: its tag, its question text, its sub-label (an option or a matrix row).

/// One column's headers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnHead {
    /// Export tag (`Q3_1`, `V1`) or question number, where the tool writes one.
    pub tag: String,
    /// The question text (for SurveyMonkey, carried over blank continuation cells).
    pub title: String,
    /// SurveyMonkey's second row, Qualtrics' "question - option" suffix.
    pub sub: String,
    /// Qualtrics' import id (`QID3_1`; `-` read as `_`).
    pub import_id: String,
    /// Whether this column was given a title (false: a continuation column).
    pub starts_question: bool,
}

/// What the header rows say.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// `qualtrics`, `qualtrics_legacy`, `surveymonkey`, `wjx`, `tencent`, `jinshuju`,
    /// `google_forms`, `typeform`, `microsoft_forms`, `limesurvey` or `generic`.
    pub tool: &'static str,
    /// The first row of answers.
    pub data_start: usize,
    pub columns: Vec<ColumnHead>,
}

fn cell(rows: &[Vec<String>], r: usize, c: usize) -> &str {
    rows.get(r)
        .and_then(|row| row.get(c))
        .map_or("", |s| s.trim().trim_start_matches('\u{feff}'))
}

fn width(rows: &[Vec<String>]) -> usize {
    rows.iter().take(4).map(Vec::len).max().unwrap_or(0)
}

/// Reads `{"ImportId":"QID3_1"}` or the older `{'ImportId': 'QID3-1'}`.
fn import_id(text: &str) -> Option<String> {
    let t = text.trim();
    if !t.starts_with('{') || !t.contains("ImportId") {
        return None;
    }
    let after = &t[t.find("ImportId")? + "ImportId".len()..];
    let start = after.find(':')? + 1;
    let value = after[start..]
        .trim()
        .trim_start_matches(['"', '\''])
        .split(['"', '\''])
        .next()?;
    Some(value.replace('-', "_"))
}

/// Header names that mark a response's metadata rather than a question, in the
/// languages the tools write them.
pub fn is_meta_header(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    const EXACT: &[&str] = &[
        "序号",
        "编号",
        "提交答卷时间",
        "所用时间",
        "来源",
        "来源详情",
        "来自ip",
        "ip",
        "ip地址",
        "答题时间",
        "开始答题时间",
        "结束答题时间",
        "答题时长",
        "提交时间",
        "填写时间",
        "填写设备",
        "用户id",
        "微信昵称",
        "总分",
        "timestamp",
        "时间戳记",
        "marca temporal",
        "horodateur",
        "zeitstempel",
        "informazioni cronologiche",
        "email address",
        "电子邮件地址",
        "dirección de correo electrónico",
        "respondent id",
        "collector id",
        "start date",
        "end date",
        "ip address",
        "first name",
        "last name",
        "custom data 1",
        "id",
        "start time",
        "completion time",
        "email",
        "name",
        "last modified time",
        "network id",
        "submit date (utc)",
        "start date (utc)",
        "stage date (utc)",
        "submitdate",
        "startdate",
        "datestamp",
        "lastpage",
        "startlanguage",
        "seed",
        "refurl",
        "ipaddr",
        "response id",
    ];
    EXACT.contains(&h.as_str()) || h.starts_with("地理位置")
}

fn qualtrics_meta_id(id: &str) -> bool {
    !id.starts_with("QID")
}

/// Reads the header rows of a survey export.
pub fn detect(rows: &[Vec<String>]) -> Layout {
    let n = width(rows);
    let first = |c| cell(rows, 0, c);

    // Qualtrics (current and 2016-17 "Insights"): a third row of import ids.
    let ids: Vec<Option<String>> = (0..n).map(|c| import_id(cell(rows, 2, c))).collect();
    if ids.iter().filter(|i| i.is_some()).count() * 2 > n.max(1) {
        let columns = (0..n)
            .map(|c| {
                let title = cell(rows, 1, c);
                let (title, sub) = split_title(title);
                ColumnHead {
                    tag: first(c).to_owned(),
                    title,
                    sub,
                    import_id: ids[c].clone().unwrap_or_default(),
                    starts_question: true,
                }
            })
            .collect();
        return Layout {
            tool: "qualtrics",
            data_start: 3,
            columns,
        };
    }
    // Qualtrics legacy: V1, V2, … then tags; the second row has the texts.
    if first(0) == "V1" && first(1) == "V2" {
        let columns = (0..n)
            .map(|c| {
                let (title, sub) = split_title(cell(rows, 1, c));
                ColumnHead {
                    tag: first(c).to_owned(),
                    title,
                    sub,
                    import_id: String::new(),
                    starts_question: true,
                }
            })
            .collect();
        return Layout {
            tool: "qualtrics_legacy",
            data_start: 2,
            columns,
        };
    }
    // SurveyMonkey: the question in row 1 (blank over its other columns), a sub-label
    // in row 2 ("Response", "Open-Ended Response", an option).
    let subs: Vec<&str> = (0..n).map(|c| cell(rows, 1, c)).collect();
    let monkey_subs = subs
        .iter()
        .filter(|s| {
            matches!(
                **s,
                "Response" | "Open-Ended Response" | "回复" | "开放式回复"
            )
        })
        .count();
    if monkey_subs >= 1 && (first(0) == "Respondent ID" || monkey_subs * 4 >= n) {
        let mut title = String::new();
        let columns = (0..n)
            .map(|c| {
                let t = first(c);
                let starts = !t.is_empty();
                if starts {
                    title = t.to_owned();
                }
                ColumnHead {
                    tag: String::new(),
                    title: title.clone(),
                    sub: subs[c].to_owned(),
                    import_id: String::new(),
                    starts_question: starts,
                }
            })
            .collect();
        return Layout {
            tool: "surveymonkey",
            data_start: 2,
            columns,
        };
    }
    let heads: Vec<&str> = (0..n).map(first).collect();
    let has = |name: &str| heads.contains(&name);
    let tool = if has("提交答卷时间")
        || has("所用时间")
        || heads
            .iter()
            .any(|h| h.starts_with("第") && h.contains("题("))
    {
        "wjx"
    } else if has("开始答题时间") || has("答题时长") {
        "tencent"
    } else if has("填写设备") || has("提交时间") && has("序号") {
        "jinshuju"
    } else if matches!(
        heads.first().copied(),
        Some(
            "Timestamp"
                | "时间戳记"
                | "Marca temporal"
                | "Horodateur"
                | "Zeitstempel"
                | "Informazioni cronologiche"
        )
    ) {
        "google_forms"
    } else if has("Network ID") || has("Submit Date (UTC)") {
        "typeform"
    } else if has("Completion time") && has("Start time") {
        "microsoft_forms"
    } else if has("submitdate") || has("lastpage") || has("startlanguage") {
        "limesurvey"
    } else {
        "generic"
    };
    let columns = heads
        .iter()
        .map(|h| ColumnHead {
            tag: String::new(),
            title: (*h).to_owned(),
            sub: String::new(),
            import_id: String::new(),
            starts_question: true,
        })
        .collect();
    Layout {
        tool,
        data_start: 1,
        columns,
    }
}

/// Qualtrics writes "question - option" (current) or "question-option" (older): the
/// question and the part after the last separator.
fn split_title(text: &str) -> (String, String) {
    if let Some(i) = text.rfind(" - ") {
        return (text[..i].trim().to_owned(), text[i + 3..].trim().to_owned());
    }
    if let Some(i) = text.rfind("-")
        && i > 0
        && text[..i].ends_with(['.', '?', ' ', '？', '。'])
    {
        return (text[..i].trim().to_owned(), text[i + 1..].trim().to_owned());
    }
    (text.trim().to_owned(), String::new())
}

/// Whether a Qualtrics import id belongs to a response's metadata.
pub fn is_qualtrics_meta(head: &ColumnHead, legacy: bool) -> bool {
    if legacy {
        let t = head.tag.as_str();
        (t.starts_with('V') && t[1..].parse::<u32>().is_ok())
            || t.starts_with("Location")
            || t.is_empty()
            || is_meta_header(&head.title)
    } else {
        qualtrics_meta_id(&head.import_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn import_ids_in_both_notations() {
        assert_eq!(
            import_id(r#"{"ImportId":"QID2_TEXT"}"#).as_deref(),
            Some("QID2_TEXT")
        );
        assert_eq!(
            import_id("{'ImportId': 'QID44-1-1'}").as_deref(),
            Some("QID44_1_1")
        );
        assert_eq!(import_id("QID2"), None);
    }

    #[test]
    fn tools_are_recognised_from_their_headers() {
        let wjx = rows(&[
            "序号,提交答卷时间,所用时间,1、性别",
            "1,2023/9/8 12:24:22,137秒,男",
        ]);
        assert_eq!(detect(&wjx).tool, "wjx");
        let google = rows(&["Timestamp,How likely", "12/13/2019 12:02:32,9"]);
        assert_eq!(detect(&google).tool, "google_forms");
        let tencent = rows(&[
            "编号,开始答题时间,结束答题时间,答题时长,1.您的性别",
            "1,a,b,c,男",
        ]);
        assert_eq!(detect(&tencent).tool, "tencent");
        let monkey = rows(&[
            "Respondent ID,Pick one,Pick many,",
            ",Response,Red,Blue",
            "1,A,Red,",
        ]);
        let l = detect(&monkey);
        assert_eq!((l.tool, l.data_start), ("surveymonkey", 2));
        assert_eq!(l.columns[3].title, "Pick many");
        assert!(!l.columns[3].starts_question);
        assert_eq!(detect(&rows(&["a,b", "1,2"])).tool, "generic");
    }
}
