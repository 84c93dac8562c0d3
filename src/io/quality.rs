//! Test cases and defects from spreadsheets (CSV, TSV, XLSX): TestRail's case export
//! (Section Hierarchy as suites, numbered or one-row-per-step Steps/Expected Result),
//! ZenTao's 用例 export (步骤 and 预期 as numbered lines) and Bug export (严重程度
//! 1–4, Bug状态 and 解决方案, 重现步骤 with its [步骤]/[结果]/[期望] parts), Jira's
//! bug issues (Issue Type Bug; severity from the Severity field, else the priority),
//! Planwright's own tables, or any table through a column mapping (`--column`).
//! Requirements are matched by key (REQ-n) or title, releases by name, cases and runs
//! by key; a row with the key of an item the workspace has updates it. One undoable
//! edit per file.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use super::table_file::{bad_cell, list_items};
use crate::i18n::{Language, tr};
use crate::model::quality::{
    CASE_TYPES, DEFECT_STATUSES, DefectFields, DefectId, NewSuite, QualityImport, RunId,
    SEVERITIES, SuiteId, SuiteRef, TestCaseFields, TestCaseId, TestStep,
};
use crate::model::requirement::{ReleaseId, RequirementId};

/// The case table's columns, in order (their headers are `quality.column.*`).
pub const CASE_FIELDS: [&str; 12] = [
    "key",
    "suite",
    "title",
    "preconditions",
    "steps",
    "expected",
    "priority",
    "type",
    "automated",
    "tags",
    "owner",
    "requirements",
];

/// The defect table's columns, in order (`quality.column.*`).
pub const DEFECT_FIELDS: [&str; 16] = [
    "key",
    "title",
    "severity",
    "priority",
    "defect_status",
    "release",
    "run",
    "case",
    "requirements",
    "owner",
    "found",
    "fixed",
    "verified",
    "steps",
    "expected",
    "actual",
];

/// Columns only other tools' defect exports have: the resolution (解决方案), the issue
/// type, how often it was reopened (激活次数).
const DEFECT_EXTRA: [&str; 3] = ["resolution", "issue_type", "reopened"];

/// Which table a file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QualityTable {
    Cases,
    Defects,
}

impl QualityTable {
    /// The fields a column can be mapped to.
    pub fn fields(self) -> Vec<&'static str> {
        match self {
            QualityTable::Cases => CASE_FIELDS.to_vec(),
            QualityTable::Defects => DEFECT_FIELDS.iter().chain(&DEFECT_EXTRA).copied().collect(),
        }
    }

    fn aliases(self) -> &'static [(&'static str, &'static [&'static str])] {
        match self {
            QualityTable::Cases => CASE_ALIASES,
            QualityTable::Defects => DEFECT_ALIASES,
        }
    }
}

const CASE_ALIASES: &[(&str, &[&str])] = &[
    ("key", &["用例编号", "id", "case id"]),
    (
        "suite",
        &["section hierarchy", "section", "模块", "所属模块", "suite"],
    ),
    ("title", &["用例标题", "用例名称", "title", "name"]),
    (
        "preconditions",
        &["前置条件", "preconditions", "precondition"],
    ),
    (
        "steps",
        &[
            "步骤",
            "操作步骤",
            "测试步骤",
            "steps",
            "steps (step)",
            "steps (text)",
        ],
    ),
    (
        "expected",
        &[
            "预期",
            "预期结果",
            "expected result",
            "steps (expected result)",
            "expected",
        ],
    ),
    ("priority", &["优先级", "priority"]),
    ("type", &["用例类型", "类型", "type"]),
    ("automated", &["自动化", "automation type", "automated"]),
    ("tags", &["关键词", "标签", "labels", "tags"]),
    (
        "owner",
        &["负责人", "由谁创建", "created by", "owner", "assigned to"],
    ),
    (
        "requirements",
        &["相关需求", "需求", "references", "requirements"],
    ),
];

const DEFECT_ALIASES: &[(&str, &[&str])] = &[
    ("key", &["bug编号", "缺陷编号", "issue key", "id"]),
    (
        "title",
        &["bug标题", "缺陷标题", "标题", "summary", "title"],
    ),
    (
        "severity",
        &["严重程度", "severity", "custom field (severity)"],
    ),
    ("priority", &["优先级", "priority"]),
    ("defect_status", &["bug状态", "状态", "status"]),
    (
        "release",
        &[
            "影响版本",
            "版本",
            "affects version/s",
            "affects versions",
            "release",
        ],
    ),
    ("run", &["测试轮次", "测试单", "test run"]),
    ("case", &["相关用例", "用例", "test case"]),
    ("requirements", &["相关需求", "需求", "requirement"]),
    ("owner", &["指派给", "负责人", "assignee", "owner"]),
    ("found", &["创建日期", "发现日期", "created", "found"]),
    ("fixed", &["解决日期", "resolved", "fixed"]),
    ("verified", &["关闭日期", "验证日期", "verified"]),
    (
        "steps",
        &[
            "重现步骤",
            "步骤",
            "description",
            "steps to reproduce",
            "steps",
        ],
    ),
    ("expected", &["预期", "期望结果", "expected"]),
    ("actual", &["实际结果", "actual"]),
    ("resolution", &["解决方案", "resolution"]),
    ("issue_type", &["issue type", "bug类型"]),
    ("reopened", &["激活次数", "reopened"]),
];

/// The field a header names in a table, if any: our headers in either language, then
/// other tools' names.
pub fn column_of(table: QualityTable, header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    if h.is_empty() {
        return None;
    }
    let ours = match table {
        QualityTable::Cases => &CASE_FIELDS[..],
        QualityTable::Defects => &DEFECT_FIELDS[..],
    };
    ours.iter()
        .copied()
        .find(|k| {
            Language::ALL
                .iter()
                .any(|&l| tr(l, &format!("quality.column.{k}")).to_lowercase() == h)
        })
        .or_else(|| {
            table
                .aliases()
                .iter()
                .find(|(_, names)| names.contains(&h.as_str()))
                .map(|(k, _)| *k)
        })
}

/// What each column holds, as its headers suggest (each field once; TestRail's
/// Section Hierarchy wins over its Section).
pub fn suggested(table: QualityTable, headers: &[String]) -> Vec<Option<&'static str>> {
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let hierarchy = lower.iter().position(|h| h == "section hierarchy");
    let mut seen = std::collections::HashSet::new();
    let mut out = vec![None; headers.len()];
    // The hierarchy first, so the plain section does not take the suite.
    let order = hierarchy
        .into_iter()
        .chain((0..headers.len()).filter(|i| Some(*i) != hierarchy));
    for i in order {
        out[i] = column_of(table, &headers[i]).filter(|k| seen.insert(*k));
    }
    out
}

/// Which tool a header row comes from, and which table it is: cases need a title and
/// steps; defects a title and a severity or a defect status (Jira's bugs: an Issue
/// Type column whose rows are bugs).
pub fn recognise(rows: &[Vec<String>]) -> Option<(QualityTable, &'static str)> {
    let headers = rows.first()?;
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    let has = |t: QualityTable, k: &str| headers.iter().any(|h| column_of(t, h) == Some(k));
    if lower.iter().any(|h| h == "bug编号" || h == "bug标题") {
        return Some((QualityTable::Defects, "zentao"));
    }
    if let Some(t) = lower.iter().position(|h| h == "issue type") {
        let bugs = rows
            .iter()
            .skip(1)
            .filter_map(|r| r.get(t))
            .filter(|v| !v.trim().is_empty())
            .collect::<Vec<_>>();
        let is_bug =
            |v: &String| matches!(v.trim().to_lowercase().as_str(), "bug" | "缺陷" | "故障");
        return (!bugs.is_empty() && bugs.iter().all(|v| is_bug(v)))
            .then_some((QualityTable::Defects, "jira"));
    }
    // A severity says defects (cases have steps too, but no severity).
    if has(QualityTable::Defects, "title")
        && has(QualityTable::Defects, "severity")
        && has(QualityTable::Defects, "defect_status")
    {
        return Some((QualityTable::Defects, "planwright"));
    }
    if has(QualityTable::Cases, "title") && has(QualityTable::Cases, "steps") {
        let tool = if lower.iter().any(|h| h.starts_with("section")) {
            "testrail"
        } else if lower.iter().any(|h| h == "用例编号" || h == "用例标题") {
            "zentao"
        } else {
            "planwright"
        };
        return Some((QualityTable::Cases, tool));
    }
    None
}

/// Reads `FIELD=COLUMN` choices against the headers: the mapping step of the command
/// line.
pub fn map_from_text(
    table: QualityTable,
    choices: &[String],
    headers: &[String],
) -> Result<Vec<Option<&'static str>>, String> {
    let mut map = vec![None; headers.len()];
    let fields = table.fields();
    for choice in choices {
        let (field, index) = super::table_file::column_choice(choice, headers, headers.len())?;
        let key = fields
            .iter()
            .copied()
            .find(|k| *k == field)
            .ok_or_else(|| {
                format!(
                    "“{field}” is not a field of this table (known: {})",
                    fields.join(", ")
                )
            })?;
        map[index] = Some(key);
    }
    Ok(map)
}

/// Text split into numbered items (`1. …`, `1、…`, `1) …`, `步骤1：…`); a line
/// without a number continues the item before it; text without numbers is one item.
pub fn numbered_items(text: &str) -> Vec<String> {
    let mut items: Vec<String> = Vec::new();
    let mut numbered = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let rest = t.strip_prefix("步骤").unwrap_or(t);
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        let after = &rest[digits..];
        let sep = ['.', '、', ')', '）', ':', '：']
            .iter()
            .find_map(|s| after.strip_prefix(*s));
        match sep {
            Some(body) if digits > 0 => {
                numbered = true;
                items.push(body.trim().to_owned());
            }
            _ => match items.last_mut() {
                Some(last) if numbered => {
                    last.push('\n');
                    last.push_str(t);
                }
                _ => items.push(t.to_owned()),
            },
        }
    }
    if !numbered && items.len() > 1 {
        return vec![items.join("\n")];
    }
    items
}

/// Steps from a steps cell and an expected-results cell, paired by number.
pub fn steps_of(steps: &str, expected: &str) -> Vec<TestStep> {
    let actions = numbered_items(steps);
    let results = numbered_items(expected);
    let n = actions.len().max(results.len());
    (0..n)
        .map(|i| TestStep {
            action: actions.get(i).cloned().unwrap_or_default(),
            expected: results.get(i).cloned().unwrap_or_default(),
        })
        .collect()
}

fn priority_of(text: &str) -> Result<Option<u8>, String> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    let n = t.strip_prefix('p').unwrap_or(&t);
    if let Ok(n) = n.parse::<u8>() {
        return if n <= 4 {
            Ok(Some(n))
        } else {
            Err(format!("“{text}” is not a priority (P0–P4)"))
        };
    }
    Ok(Some(match t.as_str() {
        "critical" | "highest" | "blocker" | "紧急" | "最高" => 0,
        "high" | "高" => 1,
        "medium" | "normal" | "中" | "一般" => 2,
        "low" | "低" => 3,
        "lowest" | "trivial" | "最低" => 4,
        _ => return Err(format!("“{text}” is not a priority (P0–P4, High, 高 …)")),
    }))
}

fn severity_of(text: &str) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    if let Some(s) = SEVERITIES.iter().find(|s| s.to_lowercase() == t) {
        return Some(s);
    }
    Some(match t.as_str() {
        "1" | "致命" | "blocker" | "critical" | "highest" => "S1",
        "2" | "严重" | "major" | "high" => "S2",
        "3" | "一般" | "normal" | "medium" | "moderate" => "S3",
        "4" | "5" | "轻微" | "提示" | "minor" | "trivial" | "low" | "lowest" => "S4",
        _ => return None,
    })
}

fn case_type_of(text: &str) -> String {
    let t = text.trim();
    let lower = t.to_lowercase();
    if let Some(c) = CASE_TYPES.iter().find(|c| {
        **c == lower
            || Language::ALL
                .iter()
                .any(|&l| tr(l, &format!("quality.type.{c}")).to_lowercase() == lower)
    }) {
        return (*c).to_owned();
    }
    match lower.as_str() {
        "" => "functional",
        "功能测试" | "feature" => "functional",
        "性能测试" | "load" => "performance",
        "安全相关" | "安全测试" => "security",
        "兼容性" | "兼容性测试" => "compatibility",
        "易用性" | "易用性测试" => "usability",
        "回归测试" => "regression",
        // ZenTao's 接口测试, TestRail's Acceptance …: the workspace's own type.
        _ => return t.to_owned(),
    }
    .to_owned()
}

fn automated_of(text: &str) -> bool {
    !matches!(
        text.trim().to_lowercase().as_str(),
        "" | "0" | "no" | "false" | "none" | "否" | "手工" | "manual"
    )
}

/// Other tools' defect statuses (with the resolution, when the tool keeps one).
fn defect_status_of(text: &str, resolution: &str, reopened: u32) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    let set_aside = matches!(
        resolution.trim().to_lowercase().as_str(),
        "设计如此"
            | "不予解决"
            | "重复bug"
            | "无法重现"
            | "外部原因"
            | "转为需求"
            | "won't fix"
            | "won't do"
            | "duplicate"
            | "cannot reproduce"
            | "works as designed"
    );
    if let Some(s) = DEFECT_STATUSES.iter().find(|s| {
        **s == t
            || Language::ALL
                .iter()
                .any(|&l| tr(l, &format!("quality.status.{s}")).to_lowercase() == t)
    }) {
        return Some(s);
    }
    Some(match t.as_str() {
        "激活" | "open" | "to do" | "new" | "backlog" | "待处理" if reopened > 0 => "reopened",
        "激活" | "open" | "to do" | "new" | "backlog" | "待处理" => "new",
        "confirmed" | "triaged" => "confirmed",
        "in progress" | "处理中" | "fixing" => "fixing",
        "reopened" | "重新激活" => "reopened",
        "已解决" | "resolved" | "in review" | "testing" | "in testing" if set_aside => {
            "wont_fix"
        }
        "已解决" | "resolved" | "in review" | "testing" | "in testing" => "verifying",
        "已关闭" | "done" | "closed" if set_aside => "wont_fix",
        "已关闭" | "done" | "closed" => "closed",
        "" => "new",
        _ => return None,
    })
}

/// ZenTao's 重现步骤: `[步骤]… [结果]… [期望]…` as steps, actual and expected.
fn zentao_steps(text: &str) -> Option<(String, String, String)> {
    let at = |tag: &str| text.find(tag);
    let (s, r, e) = (at("[步骤]")?, at("[结果]"), at("[期望]"));
    let end = |from: usize| {
        [r, e]
            .into_iter()
            .flatten()
            .filter(|x| *x > from)
            .min()
            .unwrap_or(text.len())
    };
    let part = |start: Option<usize>, tag: &str| {
        start
            .map(|x| text[x + tag.len()..end(x)].trim().to_owned())
            .unwrap_or_default()
    };
    Some((
        part(Some(s), "[步骤]"),
        part(r, "[结果]"),
        part(e, "[期望]"),
    ))
}

/// A case as a row gave it, suite and requirements still as the file names them.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedCase {
    pub row: usize,
    pub key: Option<TestCaseId>,
    /// The suite path (TestRail's `A > B`), empty for none.
    pub suite: Vec<String>,
    pub fields: TestCaseFields,
    pub requirements: Vec<String>,
}

/// A defect as a row gave it, links still as the file names them.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedDefect {
    pub row: usize,
    pub key: Option<DefectId>,
    pub fields: DefectFields,
    pub release: String,
    pub run: String,
    pub case: String,
    pub requirement: String,
}

/// What a file holds, read.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportedQuality {
    Cases(Vec<ImportedCase>),
    Defects(Vec<ImportedDefect>),
}

impl ImportedQuality {
    pub fn len(&self) -> usize {
        match self {
            ImportedQuality::Cases(c) => c.len(),
            ImportedQuality::Defects(d) => d.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads a table whose columns `map` gives.
pub fn parse_mapped(
    table: QualityTable,
    rows: &[Vec<String>],
    path: &Path,
    map: &[Option<&'static str>],
) -> Result<ImportedQuality, ImportError> {
    let headers = rows.first().cloned().unwrap_or_default();
    if !map.contains(&Some("title")) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "no column holds the title (用例标题 / Bug标题 / Title / Summary)".into(),
        });
    }
    let column = |k: &str| map.iter().position(|m| *m == Some(k));
    let header = |k: &str| {
        column(k)
            .and_then(|i| headers.get(i))
            .cloned()
            .unwrap_or_else(|| k.to_owned())
    };
    Ok(match table {
        QualityTable::Cases => {
            let mut out: Vec<ImportedCase> = Vec::new();
            for (i, r) in rows.iter().enumerate().skip(1) {
                let row = i + 1;
                let cell = |k: &str| column(k).and_then(|c| r.get(c)).map_or("", |s| s.trim());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                // TestRail's one row per step: no title, a step — it belongs above.
                if cell("title").is_empty() && cell("key").is_empty() {
                    if let Some(last) = out.last_mut()
                        && (!cell("steps").is_empty() || !cell("expected").is_empty())
                    {
                        last.fields.steps.push(TestStep {
                            action: cell("steps").to_owned(),
                            expected: cell("expected").to_owned(),
                        });
                        continue;
                    }
                    return Err(bad_cell(
                        path,
                        row,
                        &header("title"),
                        "the title is empty".into(),
                    ));
                }
                let priority = priority_of(cell("priority"))
                    .map_err(|e| bad_cell(path, row, &header("priority"), e))?;
                let suite: Vec<String> = cell("suite")
                    .split(['>', '/'])
                    .map(|s| s.trim().to_owned())
                    .filter(|s| !s.is_empty())
                    .collect();
                out.push(ImportedCase {
                    row,
                    key: TestCaseId::parse_key(cell("key")),
                    suite,
                    fields: TestCaseFields {
                        title: cell("title").to_owned(),
                        preconditions: cell("preconditions").to_owned(),
                        steps: steps_of(cell("steps"), cell("expected")),
                        priority,
                        kind: case_type_of(cell("type")),
                        automated: automated_of(cell("automated")),
                        tags: list_items(cell("tags")).map(str::to_owned).collect(),
                        owner: cell("owner").to_owned(),
                        requirements: Vec::new(),
                        suite: None,
                    },
                    requirements: list_items(cell("requirements"))
                        .map(str::to_owned)
                        .collect(),
                });
            }
            ImportedQuality::Cases(out)
        }
        QualityTable::Defects => {
            let issue_type = column("issue_type");
            let mut out = Vec::new();
            for (i, r) in rows.iter().enumerate().skip(1) {
                let row = i + 1;
                let cell = |k: &str| column(k).and_then(|c| r.get(c)).map_or("", |s| s.trim());
                if r.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                // A Jira export may hold other issue types: only bugs come in.
                if issue_type.is_some()
                    && !cell("issue_type").is_empty()
                    && !matches!(
                        cell("issue_type").to_lowercase().as_str(),
                        "bug" | "缺陷" | "故障" | "代码错误" | "codeerror"
                    )
                    && cell("severity").is_empty()
                {
                    continue;
                }
                if cell("title").is_empty() {
                    return Err(bad_cell(
                        path,
                        row,
                        &header("title"),
                        "the title is empty".into(),
                    ));
                }
                let severity = match (cell("severity"), column("severity")) {
                    ("", _) => severity_of(cell("priority")).unwrap_or("S3"),
                    (s, _) => severity_of(s).ok_or_else(|| {
                        bad_cell(
                            path,
                            row,
                            &header("severity"),
                            format!("“{s}” is not a severity (S1–S4, 1–4, 严重 …)"),
                        )
                    })?,
                };
                let priority = priority_of(cell("priority")).unwrap_or(None);
                let reopened: u32 = cell("reopened").parse().unwrap_or(0);
                let status = defect_status_of(cell("defect_status"), cell("resolution"), reopened)
                    .ok_or_else(|| {
                        bad_cell(
                            path,
                            row,
                            &header("defect_status"),
                            format!(
                                "“{}” is not a defect status (新建, 已确认, 修复中, 待验证, 已关闭, 重新打开, 不修复, or ZenTao's and Jira's)",
                                cell("defect_status")
                            ),
                        )
                    })?;
                let day = |k: &str| -> Result<Option<chrono::NaiveDate>, ImportError> {
                    match cell(k) {
                        "" | "0000-00-00" => Ok(None),
                        t => crate::model::day::parse_day(t)
                            .or_else(|| {
                                t.split_whitespace()
                                    .next()
                                    .and_then(crate::model::day::parse_day)
                            })
                            .map(Some)
                            .ok_or_else(|| {
                                bad_cell(path, row, &header(k), format!("“{t}” is not a date"))
                            }),
                    }
                };
                let (steps, actual, expected) = match zentao_steps(cell("steps")) {
                    Some((s, a, e)) => (s, a, e),
                    None => (
                        cell("steps").to_owned(),
                        cell("actual").to_owned(),
                        cell("expected").to_owned(),
                    ),
                };
                out.push(ImportedDefect {
                    row,
                    key: DefectId::parse_key(cell("key")),
                    fields: DefectFields {
                        title: cell("title").to_owned(),
                        steps,
                        expected: if cell("expected").is_empty() {
                            expected
                        } else {
                            cell("expected").to_owned()
                        },
                        actual: if cell("actual").is_empty() {
                            actual
                        } else {
                            cell("actual").to_owned()
                        },
                        severity: severity.to_owned(),
                        priority,
                        status: status.to_owned(),
                        owner: cell("owner").to_owned(),
                        found: day("found")?,
                        fixed: day("fixed")?,
                        verified: day("verified")?,
                        reopened,
                        ..DefectFields::default()
                    },
                    release: list_items(cell("release")).next().unwrap_or("").to_owned(),
                    run: cell("run").to_owned(),
                    case: cell("case").to_owned(),
                    requirement: list_items(cell("requirements"))
                        .next()
                        .unwrap_or("")
                        .to_owned(),
                });
            }
            ImportedQuality::Defects(out)
        }
    })
}

/// Reads a table as the table the user named (`--as testcases-…` or `defects-…`), its
/// columns from the headers.
pub fn parse_as(
    table: QualityTable,
    rows: &[Vec<String>],
    path: &Path,
) -> Result<ImportedQuality, ImportError> {
    let headers = rows.first().cloned().unwrap_or_default();
    parse_mapped(table, rows, path, &suggested(table, &headers))
}

/// Reads a table whose headers say what it is.
pub fn parse_rows(rows: &[Vec<String>], path: &Path) -> Result<ImportedQuality, ImportError> {
    let (table, _) = recognise(rows).ok_or_else(|| ImportError::Invalid {
        path: path.to_path_buf(),
        reason: "not a test case or defect table: cases need a title and steps (用例标题, 步骤), defects a title with a severity and a status (Bug标题, 严重程度, Bug状态) or Jira's Issue Type Bug".into(),
    })?;
    let headers = rows.first().cloned().unwrap_or_default();
    parse_mapped(table, rows, path, &suggested(table, &headers))
}

/// Where the links of a file point in the workspace.
pub struct QualityTargets {
    /// Suites by their path of names from the top.
    suites: HashMap<Vec<String>, SuiteId>,
    requirements: HashMap<String, RequirementId>,
    releases: HashMap<String, ReleaseId>,
    runs: std::collections::HashSet<RunId>,
    cases: std::collections::HashSet<TestCaseId>,
    defects: std::collections::HashSet<DefectId>,
}

impl QualityTargets {
    pub fn read(ws: &crate::store::Workspace) -> Result<QualityTargets, ImportError> {
        let data = ws.quality()?;
        let by_id: HashMap<SuiteId, &crate::model::quality::Suite> =
            data.suites.iter().map(|s| (s.id, s)).collect();
        let path_of = |mut id: SuiteId| {
            let mut path = Vec::new();
            for _ in 0..=data.suites.len() {
                let Some(s) = by_id.get(&id) else { break };
                path.push(s.name.clone());
                match s.parent {
                    Some(p) => id = p,
                    None => break,
                }
            }
            path.reverse();
            path
        };
        let mut requirements = HashMap::new();
        for r in ws.requirements()? {
            requirements.insert(r.id.key().to_lowercase(), r.id);
            requirements.entry(r.fields.title.clone()).or_insert(r.id);
        }
        Ok(QualityTargets {
            suites: data.suites.iter().map(|s| (path_of(s.id), s.id)).collect(),
            requirements,
            releases: ws
                .releases()?
                .into_iter()
                .map(|r| (r.fields.name, r.id))
                .collect(),
            runs: data.runs.iter().map(|r| r.id).collect(),
            cases: data.cases.iter().map(|c| c.id).collect(),
            defects: data.defects.iter().map(|d| d.id).collect(),
        })
    }

    /// A requirement by key (REQ-n), title, or ZenTao's `title(#n)`.
    fn requirement(&self, text: &str) -> Option<RequirementId> {
        let t = text.trim();
        self.requirements
            .get(&t.to_lowercase())
            .or_else(|| self.requirements.get(t))
            .or_else(|| {
                let bare = t.rsplit_once("(#").map_or(t, |(title, _)| title.trim());
                self.requirements.get(bare)
            })
            .copied()
    }
}

/// The file's rows as one import, links resolved (references the workspace does not
/// have are left out and counted).
pub fn resolve(read: ImportedQuality, targets: &QualityTargets) -> (QualityImport, u64) {
    let mut out = QualityImport::default();
    let mut unlinked = 0u64;
    match read {
        ImportedQuality::Cases(cases) => {
            let mut made: HashMap<Vec<String>, usize> = HashMap::new();
            for c in cases {
                // The suite path, made where the workspace lacks it.
                let mut parent: Option<SuiteRef> = None;
                for depth in 1..=c.suite.len() {
                    let path = c.suite[..depth].to_vec();
                    parent = Some(match targets.suites.get(&path) {
                        Some(id) => SuiteRef::Existing(*id),
                        None => {
                            let at = *made.entry(path.clone()).or_insert_with(|| {
                                out.suites.push(NewSuite {
                                    name: path[depth - 1].clone(),
                                    parent,
                                });
                                out.suites.len() - 1
                            });
                            SuiteRef::New(at)
                        }
                    });
                }
                let mut fields = c.fields;
                for r in &c.requirements {
                    match targets.requirement(r) {
                        Some(id) if !fields.requirements.contains(&id) => {
                            fields.requirements.push(id);
                        }
                        Some(_) => {}
                        None => unlinked += 1,
                    }
                }
                let key = c.key.filter(|k| targets.cases.contains(k));
                out.cases.push((key, fields, parent));
            }
        }
        ImportedQuality::Defects(defects) => {
            for d in defects {
                let mut fields = d.fields;
                let link = |text: &str| -> bool { !text.trim().is_empty() };
                fields.release = targets.releases.get(d.release.trim()).copied();
                if fields.release.is_none() && link(&d.release) {
                    unlinked += 1;
                }
                fields.run = RunId::parse_key(&d.run).filter(|r| targets.runs.contains(r));
                if fields.run.is_none() && link(&d.run) {
                    unlinked += 1;
                }
                fields.case = TestCaseId::parse_key(&d.case).filter(|c| targets.cases.contains(c));
                if fields.case.is_none() && link(&d.case) {
                    unlinked += 1;
                }
                fields.requirement = targets.requirement(&d.requirement);
                if fields.requirement.is_none() && link(&d.requirement) {
                    unlinked += 1;
                }
                let key = d.key.filter(|k| targets.defects.contains(k));
                out.defects.push((key, fields));
            }
        }
    }
    (out, unlinked)
}

/// Adds (or updates) what the file holds as one undoable edit.
pub fn store(
    read: ImportedQuality,
    workspace: &mut crate::store::Workspace,
) -> Result<super::ImportSummary, ImportError> {
    let targets = QualityTargets::read(workspace)?;
    let (import, unlinked) = resolve(read, &targets);
    let mut added = vec![("suites", import.suites.len() as u64)];
    added.push(("test_cases", import.cases.len() as u64));
    added.push(("defects", import.defects.len() as u64));
    added.retain(|(_, n)| *n > 0);
    if unlinked > 0 {
        added.push(("unlinked_references", unlinked));
    }
    workspace.apply(crate::model::Change::ImportQuality(import))?;
    Ok(super::ImportSummary { added })
}

/// Test cases and defects: ours, TestRail's, ZenTao's, Jira's bugs.
pub struct QualityImporter;

impl super::Importer for QualityImporter {
    fn id(&self) -> &'static str {
        "quality"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        super::table_file::head_rows(path, head, 20).is_some_and(|rows| recognise(&rows).is_some())
    }

    fn import(
        &self,
        path: &Path,
        workspace: &mut crate::store::Workspace,
        progress: super::Progress<'_>,
    ) -> Result<super::ImportSummary, ImportError> {
        super::read_then_store(
            workspace,
            progress,
            || parse_rows(&super::table_file::read(path)?, path),
            store,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(text: &str) -> Vec<Vec<String>> {
        crate::io::table_file::rows_of(text.as_bytes(), Path::new("t.csv")).unwrap_or_default()
    }

    #[test]
    fn testrail_cases_read_with_their_hierarchy_and_steps_in_either_form() {
        let rows = csv(
            "ID,Title,Section,Section Hierarchy,Priority,Type,Preconditions,Steps (Step),Steps (Expected Result),References,Automation Type\n\
C1,Login works,Login,Account > Login,High,Functional,User exists,\"1. Open the app\n2. Sign in\",\"1. Form shows\n2. Home page shows\",REQ-2,None\n\
C2,Lockout,Login,Account > Login,Critical,Security,,Enter a wrong password 5 times,Account locks,\"REQ-2, PROJ-9\",Automated\n\
,,,,,,,Wait 15 minutes,Account unlocks,,\n",
        );
        assert_eq!(recognise(&rows), Some((QualityTable::Cases, "testrail")));
        let ImportedQuality::Cases(cases) =
            parse_rows(&rows, Path::new("t.csv")).unwrap_or_else(|e| panic!("{e}"))
        else {
            panic!("cases expected");
        };
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].suite, ["Account", "Login"]);
        assert_eq!(cases[0].fields.priority, Some(1));
        assert_eq!(cases[0].fields.steps.len(), 2);
        assert_eq!(cases[0].fields.steps[1].expected, "Home page shows");
        assert!(!cases[0].fields.automated && cases[1].fields.automated);
        assert_eq!(cases[1].fields.kind, "security");
        // The continuation row is the lockout case's second step.
        assert_eq!(cases[1].fields.steps.len(), 2);
        assert_eq!(cases[1].fields.steps[1].action, "Wait 15 minutes");
        assert_eq!(cases[1].requirements, ["REQ-2", "PROJ-9"]);
    }

    #[test]
    fn zentao_cases_and_bugs_read_with_their_words() {
        let rows = csv(
            "用例编号,所属产品,所属模块,相关需求,用例标题,前置条件,步骤,预期,关键词,优先级,用例类型\n\
12,客服,/工单/派单,自动派单(#31),按技能派单,有在线坐席,\"1. 创建工单\n2. 等待派单\",\"1. 工单创建成功\n2. 派给对应技能组\",派单,2,功能测试\n",
        );
        assert_eq!(recognise(&rows), Some((QualityTable::Cases, "zentao")));
        let ImportedQuality::Cases(cases) =
            parse_rows(&rows, Path::new("z.csv")).unwrap_or_else(|e| panic!("{e}"))
        else {
            panic!("cases expected");
        };
        assert_eq!(cases[0].suite, ["工单", "派单"]);
        assert_eq!(cases[0].fields.kind, "functional");
        assert_eq!(cases[0].fields.steps[1].expected, "派给对应技能组");
        assert_eq!(cases[0].requirements, ["自动派单(#31)"]);
        let bugs = csv(
            "Bug编号,所属产品,Bug标题,严重程度,优先级,重现步骤,Bug状态,解决方案,激活次数,创建日期,解决日期,指派给\n\
7,客服,派单超时,2,1,\"[步骤]1. 创建工单[结果]5 分钟未派单[期望]1 分钟内派单\",激活,,1,2026-11-20 10:00:00,0000-00-00,王芳\n\
8,客服,按钮错位,4,3,,已解决,设计如此,0,2026-11-21,2026-11-22,王芳\n",
        );
        assert_eq!(recognise(&bugs), Some((QualityTable::Defects, "zentao")));
        let ImportedQuality::Defects(d) =
            parse_rows(&bugs, Path::new("b.csv")).unwrap_or_else(|e| panic!("{e}"))
        else {
            panic!("defects expected");
        };
        assert_eq!(d[0].fields.severity, "S2");
        assert_eq!(d[0].fields.status, "reopened");
        assert_eq!(d[0].fields.actual, "5 分钟未派单");
        assert_eq!(d[0].fields.expected, "1 分钟内派单");
        assert_eq!(
            d[0].fields.found.map(|x| x.to_string()).as_deref(),
            Some("2026-11-20")
        );
        assert_eq!(d[1].fields.status, "wont_fix");
    }

    #[test]
    fn jira_bugs_are_recognised_by_their_issue_type_and_bad_cells_are_named() {
        let rows = csv(
            "Summary,Issue key,Issue Type,Status,Priority,Assignee,Created,Resolved,Description\n\
Crash on login,APP-1,Bug,Done,Highest,Li,12/Jan/26 3:04 PM,14/Jan/26 9:00 AM,Steps\n\
Slow list,APP-2,Bug,In Progress,Medium,Wang,13/Jan/26 3:04 PM,,\n",
        );
        assert_eq!(recognise(&rows), Some((QualityTable::Defects, "jira")));
        let stories = csv("Summary,Issue key,Issue Type,Status\nA,APP-1,Story,Done\n");
        assert_eq!(recognise(&stories), None);
        let ImportedQuality::Defects(d) =
            parse_rows(&rows, Path::new("j.csv")).unwrap_or_else(|e| panic!("{e}"))
        else {
            panic!("defects expected");
        };
        assert_eq!(
            (d[0].fields.severity.as_str(), d[0].fields.status.as_str()),
            ("S1", "closed")
        );
        assert_eq!(
            (d[1].fields.severity.as_str(), d[1].fields.status.as_str()),
            ("S3", "fixing")
        );
        assert!(d[0].fields.fixed.is_some());
        let err = parse_rows(
            &csv("Bug标题,严重程度,Bug状态\n好的,2,激活\n坏的,9,激活\n"),
            Path::new("b.csv"),
        )
        .map(|_| ())
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("b.csv") && err.contains("row 3") && err.contains("严重程度"),
            "{err}"
        );
    }

    #[test]
    fn numbered_text_splits_into_steps() {
        assert_eq!(
            numbered_items("1. a\n2、b\n   more\n3) c"),
            ["a", "b\nmore", "c"]
        );
        assert_eq!(numbered_items("just one\nline two"), ["just one\nline two"]);
        assert_eq!(numbered_items(""), Vec::<String>::new());
    }
}
