//! Task lists from spreadsheets (CSV or tab-separated, as Excel, WPS, MS Project and
//! our own export write them): columns recognised by their English or Chinese headers,
//! outline from WBS numbers, predecessors as `3FS+2d`, resources as `王芳, 李强[50%]`.

use std::collections::HashMap;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::table_file::bad_cell;
use super::{ImportError, Importer};
use crate::model::TaskFields;
use crate::model::estimate::{Distribution, Estimate};
use crate::model::plan::{DraftAssignment, DraftDependency, DraftResource, DraftTask, PlanDraft};
use crate::model::task::{parse_duration, parse_predecessors};

/// The columns a task list can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskColumn {
    Id,
    Wbs,
    OutlineLevel,
    Name,
    Duration,
    Start,
    Finish,
    Predecessors,
    Resources,
    PercentComplete,
    Notes,
    Optimistic,
    MostLikely,
    Pessimistic,
    Distribution,
}

impl TaskColumn {
    /// Every column, in the order the mapping step offers them.
    pub const ALL: [TaskColumn; 15] = [
        TaskColumn::Name,
        TaskColumn::Duration,
        TaskColumn::Start,
        TaskColumn::Finish,
        TaskColumn::Predecessors,
        TaskColumn::Resources,
        TaskColumn::PercentComplete,
        TaskColumn::Wbs,
        TaskColumn::OutlineLevel,
        TaskColumn::Id,
        TaskColumn::Notes,
        TaskColumn::Optimistic,
        TaskColumn::MostLikely,
        TaskColumn::Pessimistic,
        TaskColumn::Distribution,
    ];

    /// Its name on the command line (`--column name=任务`).
    pub fn key(self) -> &'static str {
        match self {
            TaskColumn::Id => "id",
            TaskColumn::Wbs => "wbs",
            TaskColumn::OutlineLevel => "outline-level",
            TaskColumn::Name => "name",
            TaskColumn::Duration => "duration",
            TaskColumn::Start => "start",
            TaskColumn::Finish => "finish",
            TaskColumn::Predecessors => "predecessors",
            TaskColumn::Resources => "resources",
            TaskColumn::PercentComplete => "percent",
            TaskColumn::Notes => "notes",
            TaskColumn::Optimistic => "optimistic",
            TaskColumn::MostLikely => "most_likely",
            TaskColumn::Pessimistic => "pessimistic",
            TaskColumn::Distribution => "distribution",
        }
    }

    /// The column with this command-line name.
    pub fn from_key(key: &str) -> Option<TaskColumn> {
        Self::ALL.into_iter().find(|c| c.key() == key.trim())
    }

    /// The i18n key of its name in the mapping step.
    pub fn label_key(self) -> &'static str {
        match self {
            TaskColumn::Id => "column.id",
            TaskColumn::Wbs => "column.wbs",
            TaskColumn::OutlineLevel => "column.outline_level",
            TaskColumn::Name => "column.name",
            TaskColumn::Duration => "column.duration",
            TaskColumn::Start => "column.start",
            TaskColumn::Finish => "column.finish",
            TaskColumn::Predecessors => "column.predecessors",
            TaskColumn::Resources => "column.resources",
            TaskColumn::PercentComplete => "column.percent",
            TaskColumn::Notes => "column.notes",
            TaskColumn::Optimistic => "column.optimistic",
            TaskColumn::MostLikely => "column.most_likely",
            TaskColumn::Pessimistic => "column.pessimistic",
            TaskColumn::Distribution => "column.distribution",
        }
    }
}

/// Which column of the file (by position) holds which field.
pub type ColumnMap = HashMap<TaskColumn, usize>;

/// Header names each column is known by (compared case-insensitively).
const HEADERS: &[(TaskColumn, &[&str])] = &[
    (TaskColumn::Id, &["id", "标识号", "编号", "序号"]),
    (TaskColumn::Wbs, &["wbs", "大纲数字", "outline number"]),
    (
        TaskColumn::OutlineLevel,
        &["outline level", "大纲级别", "层级"],
    ),
    (
        TaskColumn::Name,
        &[
            "name",
            "task name",
            "task",
            "任务名称",
            "名称",
            "任务",
            "标题",
        ],
    ),
    (TaskColumn::Duration, &["duration", "工期", "持续时间"]),
    (
        TaskColumn::Start,
        &["start", "start date", "开始时间", "开始", "开始日期"],
    ),
    (
        TaskColumn::Finish,
        &[
            "finish",
            "end",
            "end date",
            "finish date",
            "完成时间",
            "完成",
            "结束",
            "结束日期",
            "截止日期",
        ],
    ),
    (
        TaskColumn::Predecessors,
        &["predecessors", "前置任务", "紧前任务"],
    ),
    (
        TaskColumn::Resources,
        &[
            "resources",
            "resource names",
            "资源名称",
            "资源",
            "负责人",
            "执行人",
        ],
    ),
    (
        TaskColumn::PercentComplete,
        &["% complete", "percent complete", "完成百分比", "进度"],
    ),
    (TaskColumn::Notes, &["notes", "备注", "说明"]),
    (
        TaskColumn::Optimistic,
        &["optimistic", "optimistic duration", "乐观工期", "乐观"],
    ),
    (
        TaskColumn::MostLikely,
        &[
            "most_likely",
            "most likely",
            "most likely duration",
            "最可能工期",
            "最可能",
        ],
    ),
    (
        TaskColumn::Pessimistic,
        &["pessimistic", "pessimistic duration", "悲观工期", "悲观"],
    ),
    (
        TaskColumn::Distribution,
        &["distribution", "分布", "工期分布", "概率分布"],
    ),
];

/// A row's three-point estimate: optimistic and pessimistic in the duration's syntax
/// (both or neither), the most likely one its duration unless given, and the
/// distribution (triangular unless given).
fn estimate<'r>(
    cell: &dyn Fn(TaskColumn) -> &'r str,
    header: &dyn Fn(TaskColumn) -> String,
    fields: &TaskFields,
    (path, row): (&Path, usize),
) -> Result<Option<Estimate>, ImportError> {
    let minutes = |c: TaskColumn| -> Result<Option<i64>, ImportError> {
        let v = cell(c);
        if v.is_empty() {
            return Ok(None);
        }
        parse_duration(v)
            .map(|(m, _, _)| Some(m))
            .ok_or_else(|| bad_cell(path, row, &header(c), format!("not a duration: “{v}”")))
    };
    let (low, likely, high) = (
        minutes(TaskColumn::Optimistic)?,
        minutes(TaskColumn::MostLikely)?,
        minutes(TaskColumn::Pessimistic)?,
    );
    let distribution = match cell(TaskColumn::Distribution) {
        "" => Distribution::default(),
        v => Distribution::parse(v).ok_or_else(|| {
            bad_cell(
                path,
                row,
                &header(TaskColumn::Distribution),
                format!("not a distribution (triangular, pert or uniform): “{v}”"),
            )
        })?,
    };
    let (low, high) = match (low, high) {
        (None, None) if likely.is_none() => return Ok(None),
        (Some(l), Some(h)) => (l, h),
        (None, _) => {
            return Err(bad_cell(
                path,
                row,
                &header(TaskColumn::Optimistic),
                "a three-point estimate needs its optimistic duration".into(),
            ));
        }
        (Some(_), None) => {
            return Err(bad_cell(
                path,
                row,
                &header(TaskColumn::Pessimistic),
                "a three-point estimate needs its pessimistic duration".into(),
            ));
        }
    };
    let estimate = Estimate {
        optimistic: low,
        most_likely: likely.unwrap_or(fields.duration_minutes),
        pessimistic: high,
        distribution,
    };
    estimate.check().map_err(|problem| {
        bad_cell(
            path,
            row,
            &header(TaskColumn::Optimistic),
            format!(
                "{problem}: {} / {} / {}",
                cell(TaskColumn::Optimistic),
                match cell(TaskColumn::MostLikely) {
                    "" => "—",
                    v => v,
                },
                cell(TaskColumn::Pessimistic)
            ),
        )
    })?;
    Ok(Some(estimate))
}

/// Which column of the file holds what, from the headers it has.
pub fn map_headers(headers: &[String]) -> ColumnMap {
    let mut map = HashMap::new();
    for (i, h) in headers.iter().enumerate() {
        let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
        if let Some((col, _)) = HEADERS
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))
        {
            map.entry(*col).or_insert(i);
        }
    }
    map
}

/// Dates as spreadsheets write them: `2026-12-01`, `2026/12/01 08:00`, `2026年12月1日`,
/// `12/1/2026`.
pub fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let t = text.trim().replace(['年', '月'], "-").replace('日', "");
    let t = t.trim();
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y/%m/%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%m/%d/%Y %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(d);
        }
    }
    for f in ["%Y-%m-%d", "%Y/%m/%d", "%m/%d/%Y", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d.and_time(NaiveTime::MIN));
        }
    }
    None
}

/// Reads a CSV/TSV task list into a plan draft.
pub fn parse(bytes: &[u8], path: &Path) -> Result<PlanDraft, ImportError> {
    parse_rows(&read_rows(bytes, path)?, path)
}

/// The cells of a CSV/TSV file, row by row (see [`super::table_file`]).
pub fn read_rows(bytes: &[u8], path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    let (text, _) = super::table_file::decode(bytes, path, None)?;
    super::table_file::rows(&text, path)
}

/// Reads a task list given as rows of cells, the first row its headers (from CSV, or
/// from a spreadsheet's first sheet), into a plan draft.
pub fn parse_rows(rows: &[Vec<String>], path: &Path) -> Result<PlanDraft, ImportError> {
    let headers: Vec<String> = rows.first().cloned().unwrap_or_default();
    let map = map_headers(&headers);
    if !map.contains_key(&TaskColumn::Name) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!(
                "row 1: no task name column (looked for Name, 任务名称, 名称 … among: {}); import it with column mapping",
                headers.join(", ")
            ),
        });
    }
    parse_rows_mapped(rows, &map, path)
}

/// Reads a task list whose columns the user mapped: row 1 is headers, the rest tasks.
pub fn parse_rows_mapped(
    rows: &[Vec<String>],
    map: &ColumnMap,
    path: &Path,
) -> Result<PlanDraft, ImportError> {
    let headers: Vec<String> = rows.first().cloned().unwrap_or_default();
    let Some(&name_col) = map.get(&TaskColumn::Name) else {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "no column is chosen as the task name".into(),
        });
    };
    if let Some((_, &i)) = map.iter().find(|(_, i)| **i >= headers.len().max(1)) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: format!("column {} is not in the file", i + 1),
        });
    }
    // A column's name for messages: its header, else its number.
    let header = |c: TaskColumn| -> String {
        let i = map.get(&c).copied().unwrap_or(0);
        headers
            .get(i)
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    let mut draft = PlanDraft::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut pending_links: Vec<(usize, usize, String)> = Vec::new();
    let mut pending_people: Vec<(usize, usize, String)> = Vec::new();
    let mut parents: Vec<(usize, usize)> = Vec::new();
    for (k, record) in rows.iter().enumerate().skip(1) {
        let row = k + 1;
        let cell = |c: TaskColumn| {
            map.get(&c)
                .and_then(|&i| record.get(i))
                .map(|c| c.trim())
                .unwrap_or("")
        };
        let name = record.get(name_col).map_or("", |c| c.trim());
        if name.is_empty() {
            continue;
        }
        let index = draft.tasks.len();
        let mut fields = TaskFields {
            name: name.to_owned(),
            position: index as i64 + 1,
            ..TaskFields::default()
        };
        let duration = cell(TaskColumn::Duration);
        if !duration.is_empty() {
            let (minutes, unit, elapsed) = parse_duration(duration).ok_or_else(|| {
                bad_cell(
                    path,
                    row,
                    &header(TaskColumn::Duration),
                    format!("not a duration: “{duration}”"),
                )
            })?;
            fields.duration_minutes = minutes;
            fields.duration_unit = unit;
            fields.elapsed = elapsed;
            fields.milestone = minutes == 0;
        }
        for (col, slot) in [
            (TaskColumn::Start, &mut fields.start),
            (TaskColumn::Finish, &mut fields.finish),
        ] {
            let v = cell(col);
            if !v.is_empty() {
                *slot = Some(parse_date(v).ok_or_else(|| {
                    bad_cell(path, row, &header(col), format!("not a date: “{v}”"))
                })?);
            }
        }
        let pct = cell(TaskColumn::PercentComplete)
            .trim_end_matches('%')
            .trim();
        if !pct.is_empty() {
            fields.percent_complete = pct
                .parse::<f64>()
                .map_err(|_| {
                    bad_cell(
                        path,
                        row,
                        &header(TaskColumn::PercentComplete),
                        format!("not a percentage: “{pct}”"),
                    )
                })?
                .clamp(0.0, 100.0) as u8;
        }
        fields.notes = cell(TaskColumn::Notes).to_owned();
        fields.estimate = estimate(&cell, &header, &fields, (path, row))?;
        // Depth from the WBS (1.2.3 → 3) or the outline level.
        let depth = match (cell(TaskColumn::Wbs), cell(TaskColumn::OutlineLevel)) {
            (w, _) if !w.is_empty() => w.split('.').filter(|p| !p.is_empty()).count().max(1),
            (_, l) if !l.is_empty() => l.parse::<usize>().unwrap_or(1).max(1),
            _ => 1,
        };
        while parents.last().is_some_and(|(d, _)| *d >= depth) {
            parents.pop();
        }
        let parent = parents.last().map(|(_, i)| *i);
        parents.push((depth, index));
        draft.tasks.push(DraftTask {
            fields,
            parent,
            calendar: None,
        });
        let id = cell(TaskColumn::Id);
        ids.insert(
            if id.is_empty() {
                (index + 1).to_string()
            } else {
                id.to_owned()
            },
            index,
        );
        let preds = cell(TaskColumn::Predecessors);
        if !preds.is_empty() {
            pending_links.push((index, row, preds.to_owned()));
        }
        let people = cell(TaskColumn::Resources);
        if !people.is_empty() {
            pending_people.push((index, row, people.to_owned()));
        }
    }
    for (succ, row, text) in pending_links {
        let column = &header(TaskColumn::Predecessors);
        for p in parse_predecessors(&text).map_err(|e| bad_cell(path, row, column, e))? {
            let pred = *ids.get(&p.row.to_string()).ok_or_else(|| {
                bad_cell(path, row, column, format!("there is no task {}", p.row))
            })?;
            if pred != succ {
                draft.dependencies.push(DraftDependency {
                    predecessor: pred,
                    successor: succ,
                    kind: p.kind,
                    lag: p.lag,
                    lag_unit: p.lag_unit,
                    lag_elapsed: false,
                });
            }
        }
    }
    for (task, row, text) in pending_people {
        let column = &header(TaskColumn::Resources);
        for (name, units) in crate::model::resource::parse_assignments(&text)
            .map_err(|e| bad_cell(path, row, column, e))?
        {
            let resource = match draft.resources.iter().position(|r| r.name == name) {
                Some(i) => i,
                None => {
                    draft.resources.push(DraftResource {
                        name,
                        max_units: 100,
                        calendar: None,
                        source_uid: None,
                    });
                    draft.resources.len() - 1
                }
            };
            draft.assignments.push(DraftAssignment {
                task,
                resource,
                units,
                work_minutes: None,
            });
        }
    }
    Ok(draft)
}

/// Rows pasted from a spreadsheet (tab-separated) as new tasks: with a header row its
/// columns are recognised; without one, the columns are name, then duration.
pub fn pasted_tasks(text: &str) -> Vec<TaskFields> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let Some(first) = lines.first() else {
        return Vec::new();
    };
    let header: Vec<String> = first.split('\t').map(str::to_owned).collect();
    let map = map_headers(&header);
    let (skip, name_col, duration_col) = match map.get(&TaskColumn::Name) {
        Some(&n) => (1, n, map.get(&TaskColumn::Duration).copied()),
        None => (0, 0, Some(1)),
    };
    lines
        .iter()
        .skip(skip)
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('\t').collect();
            let name = cells
                .get(name_col)
                .map(|s| s.trim())
                .filter(|s| !s.is_empty())?;
            let mut fields = TaskFields {
                name: name.to_owned(),
                ..TaskFields::default()
            };
            if let Some((minutes, unit, elapsed)) = duration_col
                .and_then(|c| cells.get(c))
                .and_then(|d| parse_duration(d))
            {
                fields.duration_minutes = minutes;
                fields.duration_unit = unit;
                fields.elapsed = elapsed;
                fields.milestone = minutes == 0;
            }
            Some(fields)
        })
        .collect()
}

/// The task list importer: a new project per file.
pub struct TasksCsvImporter;

impl Importer for TasksCsvImporter {
    fn id(&self) -> &'static str {
        "tasks-csv"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        if !super::table_file::is_text_table(path) {
            return false;
        }
        let Some(headers) =
            super::table_file::head_rows(path, head, 1).and_then(|rows| rows.into_iter().next())
        else {
            return false;
        };
        let map = map_headers(&headers);
        map.contains_key(&TaskColumn::Name)
            && (map.contains_key(&TaskColumn::Duration) || map.contains_key(&TaskColumn::Start))
    }

    fn parse_plan(&self, bytes: &[u8], path: &Path) -> Result<super::ParsedPlan, ImportError> {
        Ok(super::ParsedPlan::of(parse(bytes, path)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::schedule::LinkKind;

    #[test]
    fn a_chinese_excel_list_in_gbk() {
        let text = "标识号,大纲数字,任务名称,工期,开始时间,前置任务,资源名称,备注\r\n\
                    1,1,需求,,2026-12-01,,,\r\n\
                    2,1.1,访谈用户,3天,2026/12/01,,王芳,=cmd\r\n\
                    3,1.2,写 PRD,2d,,2FS+1d,\"王芳, 李强[50%]\",\r\n\
                    4,2,评审,0,,3,,\r\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        let d = parse(&gbk, Path::new("计划.csv")).unwrap();
        let names: Vec<&str> = d.tasks.iter().map(|t| t.fields.name.as_str()).collect();
        assert_eq!(names, ["需求", "访谈用户", "写 PRD", "评审"]);
        assert_eq!(d.tasks[1].parent, Some(0));
        assert_eq!(d.tasks[3].parent, None);
        assert_eq!(d.tasks[1].fields.duration_minutes, 1440);
        assert!(d.tasks[3].fields.milestone);
        assert_eq!(
            d.tasks[1].fields.notes, "=cmd",
            "kept as text, never evaluated"
        );
        assert_eq!(d.dependencies.len(), 2);
        assert_eq!(
            (
                d.dependencies[0].predecessor,
                d.dependencies[0].kind,
                d.dependencies[0].lag
            ),
            (1, LinkKind::FinishToStart, 480)
        );
        assert_eq!(d.resources.len(), 2);
        assert_eq!(d.assignments.len(), 3);
    }

    #[test]
    fn tab_separated_utf16_with_english_headers() {
        let text = "Name\tDuration\tStart\n设计\t2w\t12/1/2026\n";
        let mut bytes = vec![0xFF, 0xFE];
        for u in text.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        let d = parse(&bytes, Path::new("x.txt")).unwrap();
        assert_eq!(d.tasks[0].fields.duration_minutes, 4800);
        assert_eq!(
            d.tasks[0].fields.start.unwrap().date().to_string(),
            "2026-12-01"
        );
    }

    #[test]
    fn pasted_cells_with_and_without_a_header() {
        let with = pasted_tasks("ID\tName\tDuration\n3\t设计评审\t2d\n4\t发布\t0\n");
        assert_eq!(with.len(), 2);
        assert_eq!(
            (with[0].name.as_str(), with[0].duration_minutes),
            ("设计评审", 960)
        );
        assert!(with[1].milestone);
        let bare = pasted_tasks("写用例\t3天\r\n\r\n跑回归\n");
        assert_eq!(bare.len(), 2);
        assert_eq!(bare[0].duration_minutes, 1440);
        assert_eq!(
            bare[1].duration_minutes, 480,
            "no duration: the default day"
        );
        assert!(pasted_tasks("\n\n").is_empty());
    }

    #[test]
    fn bad_cells_name_the_row_and_column() {
        let err = parse("名称,工期\n甲,三天\n".as_bytes(), Path::new("p.csv"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("p.csv") && err.contains("row 2") && err.contains("工期"),
            "{err}"
        );
        let err = parse("名称,前置任务\n甲,9\n".as_bytes(), Path::new("p.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no task 9"), "{err}");
        let err = parse("a,b\n1,2\n".as_bytes(), Path::new("p.csv"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("no task name column"), "{err}");
    }
}
