//! Requirement pools in: Jira CSV exports (BOM, repeated columns such as Labels and
//! Sprint, `Custom field (…)`, `Parent`/`Parent id` and the older Epic Link, dates like
//! `12/Jan/26 3:04 PM`), PingCode and Worktile Excel/CSV exports with Chinese headers
//! (标题, 描述, 优先级, 状态, 负责人, 父需求/父工作项, 标签, 迭代 …), and Planwright's own
//! requirement table. One undoable edit; bad files change nothing.

use std::path::Path;

use super::ImportError;
use crate::model::requirement::{
    Criterion, DEFAULT_STATUSES, Kano, Moscow, ReleaseFields, RequirementFields, Scores,
};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Key,
    /// Jira's numeric Issue id (what Parent id refers to).
    IssueId,
    Title,
    Description,
    Kind,
    Status,
    Priority,
    Owner,
    Tags,
    Parent,
    /// Jira's older Epic Link (an epic's issue key).
    EpicLink,
    Release,
    Source,
    Moscow,
    Reach,
    Impact,
    Confidence,
    Effort,
    BusinessValue,
    TimeCriticality,
    RiskReduction,
    JobSize,
    Kano,
    Value,
    Acceptance,
    /// When it was raised.
    Created,
    /// When it is due.
    Due,
    /// Jira's backlog rank (a LexoRank string such as `0|i0000f:`): orders siblings.
    Rank,
}

/// Header names (lower case) of each field in the tools' exports.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Key,
        &[
            "issue key",
            "key",
            "编号",
            "需求编号",
            "工作项编号",
            "编号id",
            "工作项id",
        ],
    ),
    (Field::IssueId, &["issue id"]),
    (
        Field::Title,
        &[
            "summary",
            "title",
            "标题",
            "需求标题",
            "工作项标题",
            "名称",
            "需求名称",
        ],
    ),
    (
        Field::Description,
        &["description", "描述", "需求描述", "详情"],
    ),
    (
        Field::Kind,
        &["issue type", "type", "类型", "需求类型", "工作项类型"],
    ),
    (Field::Status, &["status", "状态"]),
    (Field::Priority, &["priority", "优先级"]),
    (
        Field::Owner,
        &["assignee", "owner", "负责人", "处理人", "指派给"],
    ),
    (Field::Tags, &["labels", "label", "标签"]),
    (
        Field::Parent,
        &[
            "parent",
            "parent id",
            "parent key",
            "父需求",
            "父工作项",
            "父级",
            "上级需求",
        ],
    ),
    (Field::EpicLink, &["epic link", "custom field (epic link)"]),
    (
        Field::Release,
        &[
            "fix version/s",
            "fix versions",
            "fixversions",
            "版本",
            "迭代",
            "发布版本",
            "sprint",
            "release",
            "所属迭代",
            "所属版本",
            "计划版本",
            "迭代名称",
        ],
    ),
    (Field::Source, &["来源", "source"]),
    (Field::Moscow, &["moscow"]),
    (Field::Reach, &["reach"]),
    (Field::Impact, &["impact"]),
    (Field::Confidence, &["confidence"]),
    (Field::Effort, &["effort", "工作量"]),
    (Field::BusinessValue, &["business value", "业务价值"]),
    (Field::TimeCriticality, &["time criticality", "时间紧迫性"]),
    (Field::RiskReduction, &["risk reduction", "降低风险"]),
    // Jira's and PingCode's estimate in story points is WSJF's job size.
    (
        Field::JobSize,
        &[
            "job size",
            "规模",
            "story points",
            "story point estimate",
            "故事点",
            "故事点数",
        ],
    ),
    (Field::Kano, &["kano"]),
    (Field::Value, &["value", "价值"]),
    (Field::Acceptance, &["acceptance criteria", "验收标准"]),
    (
        Field::Created,
        &[
            "created",
            "date created",
            "创建时间",
            "创建日期",
            "提出时间",
            "提出日期",
        ],
    ),
    (
        Field::Due,
        &[
            "due date",
            "due",
            "截止日期",
            "截止时间",
            "计划完成时间",
            "计划完成日期",
            "到期日",
            "期望完成时间",
        ],
    ),
    (Field::Rank, &["rank", "排序", "排名"]),
];

impl Field {
    /// Every field, in the order a mapping offers them.
    pub const ALL: [Field; 28] = [
        Field::Title,
        Field::Key,
        Field::IssueId,
        Field::Description,
        Field::Kind,
        Field::Status,
        Field::Priority,
        Field::Owner,
        Field::Tags,
        Field::Parent,
        Field::EpicLink,
        Field::Release,
        Field::Source,
        Field::Moscow,
        Field::Reach,
        Field::Impact,
        Field::Confidence,
        Field::Effort,
        Field::BusinessValue,
        Field::TimeCriticality,
        Field::RiskReduction,
        Field::JobSize,
        Field::Kano,
        Field::Value,
        Field::Acceptance,
        Field::Created,
        Field::Due,
        Field::Rank,
    ];

    /// The name in saved mappings and message keys.
    pub fn code(self) -> &'static str {
        match self {
            Field::Key => "key",
            Field::IssueId => "issue_id",
            Field::Title => "title",
            Field::Description => "description",
            Field::Kind => "kind",
            Field::Status => "status",
            Field::Priority => "priority",
            Field::Owner => "owner",
            Field::Tags => "tags",
            Field::Parent => "parent",
            Field::EpicLink => "epic_link",
            Field::Release => "release",
            Field::Source => "source",
            Field::Moscow => "moscow",
            Field::Reach => "reach",
            Field::Impact => "impact",
            Field::Confidence => "confidence",
            Field::Effort => "effort",
            Field::BusinessValue => "business_value",
            Field::TimeCriticality => "time_criticality",
            Field::RiskReduction => "risk_reduction",
            Field::JobSize => "job_size",
            Field::Kano => "kano",
            Field::Value => "value",
            Field::Acceptance => "acceptance",
            Field::Created => "created",
            Field::Due => "due",
            Field::Rank => "rank",
        }
    }

    pub fn from_code(code: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// A custom field's target in a mapping: `custom:` and the field's name.
pub const CUSTOM_PREFIX: &str = "custom:";

/// What the headers suggest for each column, as target codes.
pub fn suggested(headers: &[String]) -> Vec<Option<String>> {
    headers
        .iter()
        .map(|h| field_of(h).map(|f| f.code().to_owned()))
        .collect()
}

/// Reads a pool with the columns the user mapped: `map[i]` is column i's target code
/// (a field's code, or `custom:NAME`), `None` to leave it out.
pub fn parse_mapped(
    rows: &[Vec<String>],
    path: &Path,
    map: &[Option<String>],
) -> Result<ImportedPool, ImportError> {
    let Some(headers) = rows.first() else {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "the file is empty".into(),
        });
    };
    // The mapping decides each column: known fields by their first header name, custom
    // ones by the field's name (read as an extra column), the rest left out.
    let renamed: Vec<String> = (0..headers.len())
        .map(|i| match map.get(i).cloned().flatten() {
            Some(code) => match code.strip_prefix(CUSTOM_PREFIX) {
                Some(name) => name.to_owned(),
                None => Field::from_code(&code)
                    .and_then(|f| HEADERS.iter().find(|(x, _)| *x == f))
                    .map_or_else(String::new, |(_, names)| names[0].to_owned()),
            },
            None => String::new(),
        })
        .collect();
    let mut mapped = rows.to_vec();
    mapped[0] = renamed;
    parse_rows(&mapped, path)
}

/// Imports a table with the columns the user mapped, as one undoable edit.
pub fn import_mapped(
    path: &Path,
    workspace: &mut crate::store::Workspace,
    map: &[Option<String>],
) -> Result<super::ImportSummary, ImportError> {
    let pool = parse_mapped(&read_rows(path)?, path, map)?;
    store(pool, workspace)
}

/// Which field a header names, if any.
pub fn field_of(header: &str) -> Option<Field> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    // Jira: `Custom field (Story Points)`; the Epic Link is one of them.
    let inner = h
        .strip_prefix("custom field (")
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(&h);
    HEADERS
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()) || names.contains(&inner))
        .map(|(f, _)| *f)
}

/// One requirement read from a file, its parent and release by position in the import.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedRequirement {
    pub fields: RequirementFields,
    pub parent: Option<usize>,
    pub release: Option<usize>,
    /// Cells of columns no field is known for: (header, value). Those named like a
    /// custom field of the workspace go into it.
    pub extra: Vec<(String, String)>,
}

/// A whole pool read from a file.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct ImportedPool {
    pub releases: Vec<ReleaseFields>,
    pub requirements: Vec<ImportedRequirement>,
    /// Which tool wrote it: `jira`, `pingcode`, `planwright` or `table`.
    pub source: &'static str,
}

/// The status code for a status as Jira, PingCode, Worktile or Planwright write it.
pub fn status_code(text: &str) -> String {
    let t = text.trim().to_lowercase();
    let code = match t.as_str() {
        "" => DEFAULT_STATUSES[0],
        "to do" | "todo" | "open" | "backlog" | "new" | "待处理" | "新建" | "待评审" | "未开始"
        | "to review" | "待办" => "review",
        "selected for development" | "reviewed" | "ready" | "已评审" | "已确认" | "待开发" => {
            "reviewed"
        }
        "planned" | "计划中" | "已计划" | "已排期" => "planned",
        "in progress" | "in development" | "进行中" | "开发中" | "处理中" => "developing",
        "in review" | "testing" | "in testing" | "qa" | "测试中" | "待测试" | "待验收" => {
            "testing"
        }
        "done" | "closed" | "resolved" | "released" | "已完成" | "已发布" | "已上线" | "已解决" => {
            "released"
        }
        "won't do" | "wont do" | "rejected" | "declined" | "已拒绝" | "已取消" | "不处理" => {
            "rejected"
        }
        _ => return text.trim().to_owned(),
    };
    code.to_owned()
}

/// P0–P3 from a priority as the tools write it.
pub fn priority_of(text: &str) -> Option<u8> {
    let t = text.trim().to_lowercase();
    Some(match t.as_str() {
        "highest" | "blocker" | "p0" | "最高" | "紧急" | "urgent" => 0,
        "high" | "critical" | "p1" | "高" | "较高" => 1,
        "medium" | "major" | "normal" | "p2" | "中" | "普通" => 2,
        "low" | "lowest" | "minor" | "trivial" | "p3" | "p4" | "低" | "较低" | "最低" => 3,
        _ => return None,
    })
}

/// A type code from an issue type.
pub fn kind_code(text: &str) -> String {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "bug" | "缺陷" | "defect" => "bug",
        "improvement" | "优化" | "改进" => "improvement",
        "tech debt" | "technical debt" | "技术债" => "tech_debt",
        "spike" | "research" | "调研" => "research",
        "非功能" | "non-functional" | "nfr" => "non_functional",
        _ => "feature",
    }
    .to_owned()
}

fn number(text: &str) -> Option<f64> {
    text.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Reads the rows (header first) of a pool export.
pub fn read_rows(path: &Path) -> Result<Vec<Vec<String>>, ImportError> {
    super::table_file::read(path)
}

/// Which tool a header row comes from, if it is a requirement pool at all.
pub fn recognise(headers: &[String]) -> Option<&'static str> {
    let fields: Vec<Option<Field>> = headers.iter().map(|h| field_of(h)).collect();
    let has = |f: Field| fields.contains(&Some(f));
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    if lower.iter().any(|h| h == "summary")
        && (lower
            .iter()
            .any(|h| h == "issue key" || h == "issue type" || h == "issue id"))
    {
        return Some("jira");
    }
    if !has(Field::Title) {
        return None;
    }
    if lower.iter().any(|h| h == "rice" || h == "wsjf") {
        return Some("planwright");
    }
    // PingCode / Worktile: a title with at least two of their usual columns.
    let known = [
        Field::Priority,
        Field::Status,
        Field::Owner,
        Field::Parent,
        Field::Tags,
        Field::Release,
        Field::Kind,
    ]
    .iter()
    .filter(|f| has(**f))
    .count();
    (known >= 2).then_some("pingcode")
}

/// Reads a pool from its rows.
pub fn parse_rows(rows: &[Vec<String>], path: &Path) -> Result<ImportedPool, ImportError> {
    let invalid = |reason: String| ImportError::Invalid {
        path: path.to_path_buf(),
        reason,
    };
    let Some(headers) = rows.first() else {
        return Err(invalid("the file is empty".into()));
    };
    let source = recognise(headers).unwrap_or("table");
    let fields: Vec<Option<Field>> = headers.iter().map(|h| field_of(h)).collect();
    if !fields.contains(&Some(Field::Title)) {
        return Err(invalid(
            "no title column (标题 / Summary / Title) in the header row".into(),
        ));
    }
    let cells = |row: &[String], f: Field| -> Vec<String> {
        fields
            .iter()
            .enumerate()
            .filter(|(_, x)| **x == Some(f))
            .filter_map(|(i, _)| row.get(i))
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let first = |row: &[String], f: Field| cells(row, f).into_iter().next().unwrap_or_default();
    let mut pool = ImportedPool {
        source,
        ..ImportedPool::default()
    };
    // Each row's own keys, to find parents by.
    let mut by_key: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut parents: Vec<Option<String>> = Vec::new();
    // Each row's rank as written, to order siblings by once parents are known.
    let mut ranks: Vec<String> = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let title = first(row, Field::Title);
        if title.is_empty() {
            return Err(invalid(format!("row {}: no title", r + 1)));
        }
        let index = pool.requirements.len();
        for f in [Field::Key, Field::IssueId] {
            let k = first(row, f);
            if !k.is_empty() {
                by_key.insert(k, index);
            }
        }
        let mut f = RequirementFields::titled(&title);
        f.description = first(row, Field::Description);
        f.kind = {
            let k = first(row, Field::Kind);
            if crate::model::requirement::KINDS.contains(&k.as_str()) {
                k
            } else {
                kind_code(&k)
            }
        };
        f.status = status_code(&first(row, Field::Status));
        let p = first(row, Field::Priority);
        if !p.is_empty() {
            f.priority = Some(priority_of(&p).ok_or_else(|| {
                invalid(format!("row {}: priority “{p}” is not one this version knows (P0–P3, Highest…Lowest, 最高…最低)", r + 1))
            })?);
        }
        f.owner = first(row, Field::Owner);
        f.tags = cells(row, Field::Tags)
            .iter()
            .flat_map(|t| crate::model::research::parse_tags(t))
            .collect();
        f.source = first(row, Field::Source);
        // Jira writes `12/Jan/26 3:04 PM` (in its user's language); others ISO or 年月日.
        for (field, slot) in [(Field::Created, &mut f.created), (Field::Due, &mut f.due)] {
            let t = first(row, field);
            if !t.is_empty() {
                *slot = Some(
                    crate::model::day::parse_day(&t)
                        .ok_or_else(|| invalid(format!("row {}: “{t}” is not a date", r + 1)))?,
                );
            }
        }
        let s = &mut f.scores;
        let num = |field: Field| -> Result<Option<f64>, ImportError> {
            let t = first(row, field);
            if t.is_empty() {
                return Ok(None);
            }
            number(&t)
                .map(Some)
                .ok_or_else(|| invalid(format!("row {}: “{t}” is not a number", r + 1)))
        };
        *s = Scores {
            moscow: {
                let t = first(row, Field::Moscow).to_lowercase();
                Moscow::ALL.into_iter().find(|m| {
                    t.starts_with(m.code())
                        || crate::i18n::Language::ALL.iter().any(|l| {
                            crate::i18n::tr(*l, &format!("req.moscow.{}", m.code())).to_lowercase()
                                == t
                        })
                })
            },
            reach: num(Field::Reach)?,
            impact: num(Field::Impact)?,
            confidence: num(Field::Confidence)?,
            effort: num(Field::Effort)?,
            business_value: num(Field::BusinessValue)?,
            time_criticality: num(Field::TimeCriticality)?,
            risk_reduction: num(Field::RiskReduction)?,
            job_size: num(Field::JobSize)?,
            kano: {
                let t = first(row, Field::Kano).to_lowercase();
                Kano::ALL.into_iter().find(|k| {
                    t == k.code()
                        || crate::i18n::Language::ALL.iter().any(|l| {
                            crate::i18n::tr(*l, &format!("req.kano.{}", k.code())).to_lowercase()
                                == t
                        })
                })
            },
            value: num(Field::Value)?,
        };
        f.acceptance = first(row, Field::Acceptance)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (done, text) =
                    if let Some(t) = l.strip_prefix("[x]").or_else(|| l.strip_prefix("[X]")) {
                        (true, t)
                    } else {
                        (false, l.strip_prefix("[ ]").unwrap_or(l))
                    };
                Criterion {
                    done,
                    text: text.trim().to_owned(),
                }
            })
            .collect();
        // Our own names of statuses, types and sources read back too.
        for lang in crate::i18n::Language::ALL {
            for code in DEFAULT_STATUSES {
                if crate::i18n::tr(lang, &format!("req.status.{code}")) == f.status {
                    f.status = code.to_owned();
                }
            }
            for code in crate::model::requirement::KINDS {
                if crate::i18n::tr(lang, &format!("req.kind.{code}")) == first(row, Field::Kind) {
                    f.kind = code.to_owned();
                }
            }
            for code in crate::model::requirement::SOURCES {
                if crate::i18n::tr(lang, &format!("req.source.{code}")) == f.source {
                    f.source = code.to_owned();
                }
            }
        }
        let release_name = first(row, Field::Release);
        let release = (!release_name.is_empty()).then(|| {
            match pool.releases.iter().position(|x| x.name == release_name) {
                Some(i) => i,
                None => {
                    pool.releases.push(ReleaseFields {
                        name: release_name.clone(),
                        version: String::new(),
                        target: None,
                        status: "planned".into(),
                    });
                    pool.releases.len() - 1
                }
            }
        });
        let parent = Some(first(row, Field::Parent))
            .filter(|p| !p.is_empty())
            .or_else(|| Some(first(row, Field::EpicLink)).filter(|p| !p.is_empty()));
        parents.push(parent);
        ranks.push(first(row, Field::Rank));
        let extra = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| fields[*i].is_none() && !h.trim().is_empty())
            .filter_map(|(i, h)| {
                let v = row.get(i)?.trim();
                (!v.is_empty()).then(|| (h.trim().to_owned(), v.to_owned()))
            })
            .collect();
        pool.requirements.push(ImportedRequirement {
            fields: f
                .normalized()
                .map_err(|e| invalid(format!("row {}: {e}", r + 1)))?,
            parent: None,
            release,
            extra,
        });
    }
    if pool.requirements.is_empty() {
        return Err(invalid("no requirements below the header row".into()));
    }
    // Parents by key or issue id; one that is not in the file leaves the row on top.
    for (i, parent) in parents.iter().enumerate() {
        if let Some(&p) = parent.as_ref().and_then(|k| by_key.get(k))
            && p != i
        {
            pool.requirements[i].parent = Some(p);
        }
    }
    // A loop of parents (a file error) is cut where it closes.
    let mut parent_of: Vec<Option<usize>> = pool.requirements.iter().map(|r| r.parent).collect();
    crate::model::tree::cut_loops(&mut parent_of);
    for (r, p) in pool.requirements.iter_mut().zip(parent_of) {
        r.parent = p;
    }
    // Siblings in the order of their ranks, when the file gives them (Jira's LexoRank
    // strings sort as text); those without one keep the file's order after them.
    if ranks.iter().any(|r| !r.is_empty()) {
        let mut groups: std::collections::BTreeMap<Option<usize>, Vec<usize>> =
            std::collections::BTreeMap::new();
        for (i, r) in pool.requirements.iter().enumerate() {
            groups.entry(r.parent).or_default().push(i);
        }
        for members in groups.values_mut() {
            members.sort_by(|&a, &b| {
                let (x, y) = (&ranks[a], &ranks[b]);
                (x.is_empty(), x).cmp(&(y.is_empty(), y)).then(a.cmp(&b))
            });
            for (place, &i) in members.iter().enumerate() {
                pool.requirements[i].fields.rank = Some(place as i64);
            }
        }
    }
    Ok(pool)
}

/// Reads a pool export.
pub fn parse(path: &Path) -> Result<ImportedPool, ImportError> {
    parse_rows(&read_rows(path)?, path)
}

/// Adds a pool to the workspace as one undoable edit.
pub fn store(
    pool: ImportedPool,
    workspace: &mut crate::store::Workspace,
) -> Result<super::ImportSummary, ImportError> {
    let added = vec![
        ("requirements", pool.requirements.len() as u64),
        ("releases", pool.releases.len() as u64),
    ];
    // Columns named like the workspace's custom fields fill them.
    let settings = workspace.pool_settings()?;
    let mut pool = pool;
    for r in &mut pool.requirements {
        for (header, value) in &r.extra {
            if let Some(field) = settings.fields.iter().find(|f| &f.name == header) {
                r.fields.custom.insert(field.id.clone(), value.clone());
            }
        }
    }
    workspace.apply(crate::model::Change::ImportRequirements {
        releases: pool.releases,
        requirements: pool
            .requirements
            .into_iter()
            .map(|r| (r.fields, r.parent, r.release))
            .collect(),
    })?;
    Ok(super::ImportSummary { added })
}

/// Jira CSV, PingCode/Worktile exports and Planwright's own requirement tables.
pub struct RequirementsImporter;

impl super::Importer for RequirementsImporter {
    fn id(&self) -> &'static str {
        "requirements"
    }

    fn recognises(&self, path: &Path, head: &[u8]) -> bool {
        super::table_file::head_rows(path, head, 1)
            .and_then(|rows| rows.into_iter().next())
            .is_some_and(|h| recognise(&h).is_some())
    }

    fn import(
        &self,
        path: &Path,
        workspace: &mut crate::store::Workspace,
        progress: super::Progress<'_>,
    ) -> Result<super::ImportSummary, ImportError> {
        super::read_then_store(workspace, progress, || parse(path), store)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        super::super::table_file::rows(text, Path::new("t.csv")).unwrap()
    }

    #[test]
    fn a_jira_export_reads_with_its_tree_labels_and_statuses() {
        let text = "\u{feff}Summary,Issue key,Issue id,Parent id,Issue Type,Status,Priority,Assignee,Labels,Labels,Sprint,Custom field (Epic Link),Created,Custom field (Story Points)\n\
            移动端工作台,APP-1,10001,,Epic,In Progress,High,王芳,mobile,,Sprint 3,,12/Jan/26 3:04 PM,\n\
            手机处理工单,APP-2,10002,10001,Story,To Do,Highest,李强,mobile,offline,Sprint 3,,12/Jan/26 3:05 PM,5\n\
            离线提醒,APP-3,10003,,Story,Done,Low,,,,Sprint 4,APP-1,13/Jan/26 9:00 AM\n";
        let pool = parse_rows(&rows(text), Path::new("jira.csv")).unwrap();
        assert_eq!(pool.source, "jira");
        assert_eq!(pool.requirements.len(), 3);
        let r = &pool.requirements;
        assert_eq!(r[1].parent, Some(0), "Parent id");
        assert_eq!(r[2].parent, Some(0), "Epic Link");
        assert_eq!(r[1].fields.tags, ["mobile", "offline"], "repeated Labels");
        assert_eq!(r[0].fields.status, "developing");
        assert_eq!(r[1].fields.status, "review");
        assert_eq!(r[2].fields.status, "released");
        assert_eq!(r[1].fields.priority, Some(0));
        assert_eq!(pool.releases.len(), 2, "Sprint 3 and Sprint 4");
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(r[0].fields.created, day(2026, 1, 12), "12/Jan/26 3:04 PM");
        assert_eq!(r[2].fields.created, day(2026, 1, 13));
        assert_eq!(r[1].fields.scores.job_size, Some(5.0), "story points");
    }

    #[test]
    fn jira_ranks_order_siblings() {
        let text = "Summary,Issue key,Issue id,Parent id,Rank\n\
            史诗,APP-1,1,,0|i00001:\n\
            第三,APP-2,2,1,0|i0000z:\n\
            第一,APP-3,3,1,0|i00005:\n\
            第二,APP-4,4,1,0|i0000a:\n";
        let pool = parse_rows(&rows(text), Path::new("jira.csv")).unwrap();
        let rank = |title: &str| {
            pool.requirements
                .iter()
                .find(|r| r.fields.title == title)
                .and_then(|r| r.fields.rank)
        };
        assert_eq!(
            (rank("第一"), rank("第二"), rank("第三")),
            (Some(0), Some(1), Some(2))
        );
    }

    #[test]
    fn a_pingcode_export_reads_with_chinese_headers() {
        let text = "编号,标题,描述,工作项类型,状态,优先级,负责人,父工作项,标签,迭代,创建时间,截止日期\n\
            REQ-8,知识库与质检,答案找得到,史诗,进行中,中,王芳,,,,2026-09-01 10:12,\n\
            REQ-9,知识库语义搜索,按意思搜索,用户故事,待处理,高,孙悦,REQ-8,\"搜索, AI\",迭代 5,2026-09-03,2027年1月15日\n\
            REQ-10,质检误报,,缺陷,已完成,最低,,REQ-8,,迭代 5,,\n";
        let pool = parse_rows(&rows(text), Path::new("pingcode.csv")).unwrap();
        assert_eq!(pool.source, "pingcode");
        let r = &pool.requirements;
        assert_eq!(r[1].parent, Some(0));
        assert_eq!(r[1].fields.tags, ["搜索", "AI"]);
        assert_eq!(r[2].fields.kind, "bug");
        assert_eq!(r[2].fields.priority, Some(3));
        assert_eq!(r[0].fields.status, "developing");
        assert_eq!(pool.releases.len(), 1);
        assert_eq!(
            (r[0].fields.created, r[1].fields.due),
            (
                chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
                chrono::NaiveDate::from_ymd_opt(2027, 1, 15)
            )
        );
    }

    #[test]
    fn bad_rows_are_refused_with_their_place() {
        let text = "标题,优先级,负责人\n离线,超高,王芳\n";
        let err = parse_rows(&rows(text), Path::new("需求.csv")).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("需求.csv") && message.contains("row 2") && message.contains("超高"),
            "{message}"
        );
        let err =
            parse_rows(&rows("标题,截止日期\n离线,下周五\n"), Path::new("需求.csv")).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("row 2") && message.contains("下周五") && message.contains("date"),
            "{message}"
        );
        let err = parse_rows(&rows("名字,负责人\nx,y\n"), Path::new("a.csv")).unwrap_err();
        assert!(err.to_string().contains("no title column"));
    }
}
