//! Risk registers from spreadsheets (CSV, TSV, XLSX): Planwright's own register table
//! (Chinese or English headers), ZenTao's 风险 export (风险名称, 发生概率, 影响程度 …),
//! Jira's risk issues (Summary, Issue key, Probability/Likelihood, Impact), or any table
//! through a column mapping. Values are read as codes or as their names in either
//! language (高/中/低, High/Medium/Low, 30 %, 1–5); links as task UIDs and REQ-n keys.
//! One undoable edit: a row whose key (R-n) is in the workspace updates that risk.

use std::collections::HashMap;
use std::path::Path;

use super::ImportError;
use super::table_file::{bad_cell, list_items};
use crate::i18n::{Language, tr};
use crate::model::risk::{
    CATEGORIES, Impact, Residual, ResponseAction, RiskFields, RiskId, RiskKind, STATUSES,
    ScheduleEffect,
};

/// The register table's columns, in order: their headers are `risk.column.*`.
pub const COLUMNS: [&str; 29] = [
    "key",
    "project",
    "title",
    "description",
    "category",
    "kind",
    "probability",
    "impact_schedule",
    "impact_cost",
    "impact_scope",
    "impact_quality",
    "score",
    "band",
    "proximity",
    "owner",
    "trigger",
    "strategy",
    "actions",
    "residual_probability",
    "residual_impact",
    "status",
    "tasks",
    "milestones",
    "requirements",
    "effect_tasks",
    "effect_min_days",
    "effect_likely_days",
    "effect_max_days",
    "raised",
];

/// A column only files from other tools have: one impact for every dimension.
pub const OVERALL_IMPACT: &str = "impact";

/// What each column of a table holds, as its headers suggest (each field once).
pub fn suggested(headers: &[String]) -> Vec<Option<&'static str>> {
    let mut seen = std::collections::HashSet::new();
    headers
        .iter()
        .map(|h| column_of(h).filter(|k| seen.insert(*k)))
        .collect()
}

/// Other names the columns go by (lower case): ZenTao's, Jira's, common ones.
const ALIASES: &[(&str, &[&str])] = &[
    ("key", &["风险编号", "id"]),
    (
        "title",
        &[
            "风险",
            "名称",
            "标题",
            "summary",
            "name",
            "risk",
            "risk title",
        ],
    ),
    ("description", &["描述", "风险描述", "说明"]),
    ("category", &["风险类别", "风险类型", "分类"]),
    (
        "probability",
        &["概率", "可能性", "likelihood", "probability"],
    ),
    (
        OVERALL_IMPACT,
        &["影响", "影响程度", "impact", "severity", "严重程度"],
    ),
    ("score", &["风险值", "风险系数", "risk score", "exposure"]),
    ("band", &["等级", "风险等级", "risk level", "level"]),
    (
        "proximity",
        &["计划解决日期", "due date", "due", "proximity"],
    ),
    ("owner", &["指派给", "责任人", "assignee", "owner"]),
    ("trigger", &["触发条件", "trigger"]),
    (
        "strategy",
        &["策略", "应对策略", "response strategy", "strategy"],
    ),
    (
        "actions",
        &[
            "措施",
            "应对措施",
            "预防措施",
            "mitigation",
            "response",
            "actions",
        ],
    ),
    ("status", &["状态", "status"]),
    ("raised", &["识别日期", "创建日期", "created", "raised"]),
];

/// The column (key) a header names, if any.
pub fn column_of(header: &str) -> Option<&'static str> {
    let h = header.trim().trim_start_matches('\u{feff}').to_lowercase();
    if h.is_empty() {
        return None;
    }
    let mut keys = COLUMNS.iter().copied().chain([OVERALL_IMPACT]);
    keys.find(|k| {
        Language::ALL
            .iter()
            .any(|&l| tr(l, &format!("risk.column.{k}")).to_lowercase() == h)
    })
    .or_else(|| {
        ALIASES
            .iter()
            .find(|(_, names)| names.contains(&h.as_str()))
            .map(|(k, _)| *k)
    })
}

/// Which tool a header row comes from, if it is a risk register at all: a title
/// column with a probability and an impact.
pub fn recognise(headers: &[String]) -> Option<&'static str> {
    let cols: Vec<Option<&str>> = headers.iter().map(|h| column_of(h)).collect();
    let has = |k: &str| cols.contains(&Some(k));
    let impact = has(OVERALL_IMPACT) || cols.iter().flatten().any(|k| k.starts_with("impact_"));
    if !(has("title") && has("probability") && impact) {
        return None;
    }
    let lower: Vec<String> = headers.iter().map(|h| h.trim().to_lowercase()).collect();
    Some(if lower.iter().any(|h| h == "issue key") {
        "jira"
    } else if lower.iter().any(|h| h == "风险名称") && !has("impact_schedule") {
        "zentao"
    } else {
        "planwright"
    })
}

/// A risk as a row gave it, links still as the file names them.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportedRisk {
    /// The 1-based row, for messages.
    pub row: usize,
    pub key: Option<RiskId>,
    pub project: Option<String>,
    pub fields: RiskFields,
    pub task_uids: Vec<i64>,
    pub milestone_uids: Vec<i64>,
    pub requirement_keys: Vec<String>,
    /// Days of delay should it occur (min, most likely, max), for its tasks.
    pub delay_days: Option<(f64, f64, f64)>,
    /// The tasks the delay hits, when not its linked tasks.
    pub delay_task_uids: Vec<i64>,
}

/// A code from `codes` read from its code or its name in either language
/// (`risk.{group}.{code}`), plus other names.
fn code_of(text: &str, group: &str, codes: &[&'static str]) -> Option<&'static str> {
    let t = text.trim().to_lowercase();
    codes.iter().copied().find(|c| {
        *c == t
            || Language::ALL
                .iter()
                .any(|&l| tr(l, &format!("risk.{group}.{c}")).to_lowercase() == t)
    })
}

/// A 1–5 level: a number, a percentage (a probability), or a word.
fn level(text: &str) -> Option<u8> {
    let t = text.trim().to_lowercase();
    if let Some(p) = t.strip_suffix('%') {
        let p: f64 = p.trim().parse().ok()?;
        return Some(match p {
            p if p <= 10.0 => 1,
            p if p <= 30.0 => 2,
            p if p <= 50.0 => 3,
            p if p <= 70.0 => 4,
            _ => 5,
        });
    }
    if let Ok(n) = t.parse::<f64>() {
        return (1.0..=5.0).contains(&n).then_some(n.round() as u8);
    }
    Some(match t.as_str() {
        "very low" | "极低" | "很低" | "rare" => 1,
        "low" | "低" | "unlikely" | "minor" => 2,
        "medium" | "中" | "moderate" | "possible" | "一般" => 3,
        "high" | "高" | "likely" | "major" | "严重" => 4,
        "very high" | "极高" | "很高" | "almost certain" | "critical" | "致命" => 5,
        _ => return None,
    })
}

/// Other tools' statuses as ours.
fn status_of(text: &str) -> Option<&'static str> {
    if let Some(c) = code_of(text, "status", &STATUSES) {
        return Some(c);
    }
    Some(match text.trim().to_lowercase().as_str() {
        "激活" | "open" | "to do" | "new" | "新建" | "待处理" => "identified",
        "挂起" | "analysing" | "analyzing" | "评估中" => "analysing",
        "in progress" | "处理中" | "跟踪中" => "responding",
        "已取消" | "done" | "resolved" | "cancelled" | "canceled" | "关闭" => "closed",
        "已发生" | "happened" | "realised" | "realized" => "occurred",
        _ => return None,
    })
}

/// Strategies under other names (缓解 for 减轻, mitigation …).
fn strategy_of(text: &str, kind: RiskKind) -> Option<&'static str> {
    let all = [
        "avoid", "transfer", "mitigate", "accept", "exploit", "share", "enhance",
    ];
    let code = code_of(text, "strategy", &all).or_else(|| {
        Some(match text.trim().to_lowercase().as_str() {
            "缓解" | "降低" | "mitigation" | "reduce" => "mitigate",
            "回避" | "avoidance" => "avoid",
            "接受风险" | "acceptance" => "accept",
            "利用" => "exploit",
            "增强" => "enhance",
            _ => return None,
        })
    })?;
    kind.strategies().contains(&code).then_some(code)
}

fn date_of(text: &str) -> Option<chrono::NaiveDate> {
    crate::model::day::parse_day(text)
}

/// Reads the rows of a register whose columns `map` gives (column index → key).
pub fn parse_mapped(
    rows: &[Vec<String>],
    path: &Path,
    map: &[Option<&'static str>],
) -> Result<Vec<ImportedRisk>, ImportError> {
    let headers = rows.first().cloned().unwrap_or_default();
    if !map.contains(&Some("title")) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "no column is the risk's title (风险名称 / Title)".into(),
        });
    }
    let index: HashMap<&str, usize> = map
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|k| (k, i)))
        .collect();
    let header = |k: &str| {
        index
            .get(k)
            .and_then(|&i| headers.get(i))
            .cloned()
            .unwrap_or_else(|| k.to_owned())
    };
    let mut out = Vec::new();
    for (n, record) in rows.iter().enumerate().skip(1) {
        let row = n + 1;
        let cell = |k: &str| {
            index
                .get(k)
                .and_then(|&i| record.get(i))
                .map_or("", |c| c.trim())
        };
        let title = cell("title");
        if title.is_empty() {
            continue;
        }
        let mut f = RiskFields::titled(title);
        f.description = cell("description").to_owned();
        let category = cell("category");
        f.category = code_of(category, "category", &CATEGORIES)
            .map_or_else(|| category.to_owned(), str::to_owned);
        let kind = cell("kind");
        if !kind.is_empty() {
            f.kind = match code_of(kind, "kind", &["threat", "opportunity"]) {
                Some("opportunity") => RiskKind::Opportunity,
                Some(_) => RiskKind::Threat,
                None => {
                    return Err(bad_cell(
                        path,
                        row,
                        &header("kind"),
                        format!("not threat or opportunity: “{kind}”"),
                    ));
                }
            };
        }
        let required_level = |k: &str| -> Result<Option<u8>, ImportError> {
            match cell(k) {
                "" => Ok(None),
                v => level(v).map(Some).ok_or_else(|| {
                    bad_cell(path, row, &header(k), format!("not a level 1–5: “{v}”"))
                }),
            }
        };
        if let Some(p) = required_level("probability")? {
            f.probability = p;
        }
        let overall = required_level(OVERALL_IMPACT)?;
        let dims = [
            required_level("impact_schedule")?,
            required_level("impact_cost")?,
            required_level("impact_scope")?,
            required_level("impact_quality")?,
        ];
        if overall.is_some() || dims.iter().any(Option::is_some) {
            // One impact for the whole risk counts on every dimension the file
            // does not give on its own.
            let o = overall.unwrap_or(0);
            f.impact = Impact {
                schedule: dims[0].unwrap_or(o),
                cost: dims[1].unwrap_or(o),
                scope: dims[2].unwrap_or(o),
                quality: dims[3].unwrap_or(o),
            };
        }
        if f.impact.overall() == 0 {
            return Err(bad_cell(
                path,
                row,
                &header(OVERALL_IMPACT),
                "no impact given".into(),
            ));
        }
        for (k, slot) in [("proximity", &mut f.proximity), ("raised", &mut f.raised)] {
            let v = cell(k);
            if !v.is_empty() {
                *slot = Some(date_of(v).ok_or_else(|| {
                    bad_cell(path, row, &header(k), format!("not a date: “{v}”"))
                })?);
            }
        }
        f.owner = cell("owner").to_owned();
        f.trigger = cell("trigger").to_owned();
        let strategy = cell("strategy");
        if !strategy.is_empty() {
            f.strategy = strategy_of(strategy, f.kind)
                .ok_or_else(|| {
                    bad_cell(
                        path,
                        row,
                        &header("strategy"),
                        format!(
                            "not a response strategy for a {}: “{strategy}”",
                            f.kind.code()
                        ),
                    )
                })?
                .to_owned();
        }
        f.actions = list_items(cell("actions"))
            .map(|text| ResponseAction {
                text: text.to_owned(),
                ..ResponseAction::default()
            })
            .collect();
        if let (Some(p), Some(i)) = (
            required_level("residual_probability")?,
            required_level("residual_impact")?,
        ) {
            f.residual = Some(Residual {
                probability: p,
                impact: i,
            });
        }
        let status = cell("status");
        if !status.is_empty() {
            f.status = status_of(status)
                .ok_or_else(|| {
                    bad_cell(
                        path,
                        row,
                        &header("status"),
                        format!("not a risk status: “{status}”"),
                    )
                })?
                .to_owned();
        }
        let uids = |k: &str| -> Result<Vec<i64>, ImportError> {
            list_items(cell(k))
                .map(|u| {
                    u.parse::<i64>().map_err(|_| {
                        bad_cell(path, row, &header(k), format!("not a task UID: “{u}”"))
                    })
                })
                .collect()
        };
        let days = |k: &str| -> Result<Option<f64>, ImportError> {
            match cell(k) {
                "" => Ok(None),
                v => v
                    .trim_end_matches(['d', '天'])
                    .trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|d| d.is_finite() && *d >= 0.0)
                    .map(Some)
                    .ok_or_else(|| {
                        bad_cell(
                            path,
                            row,
                            &header(k),
                            format!("not a number of days: “{v}”"),
                        )
                    }),
            }
        };
        let delay = (
            days("effect_min_days")?,
            days("effect_likely_days")?,
            days("effect_max_days")?,
        );
        let delay_days = match delay {
            (None, None, None) => None,
            (lo, Some(mid), hi) => {
                let (lo, hi) = (lo.unwrap_or(mid), hi.unwrap_or(mid));
                if lo > mid || mid > hi {
                    return Err(bad_cell(
                        path,
                        row,
                        &header("effect_likely_days"),
                        "the delays must be min ≤ most likely ≤ max".into(),
                    ));
                }
                Some((lo, mid, hi))
            }
            _ => {
                return Err(bad_cell(
                    path,
                    row,
                    &header("effect_likely_days"),
                    "a delay needs its most likely days".into(),
                ));
            }
        };
        out.push(ImportedRisk {
            row,
            key: RiskId::parse_key(cell("key")),
            project: Some(cell("project").to_owned()).filter(|p| !p.is_empty()),
            fields: f,
            task_uids: uids("tasks")?,
            milestone_uids: uids("milestones")?,
            requirement_keys: list_items(cell("requirements"))
                .map(str::to_owned)
                .collect(),
            delay_days,
            delay_task_uids: uids("effect_tasks")?,
        });
    }
    Ok(out)
}

/// Reads `FIELD=COLUMN` choices (fields: the register's columns and `impact`) against
/// the file's headers: the mapping step of the command line.
pub fn map_from_text(
    choices: &[String],
    headers: &[String],
) -> Result<Vec<Option<&'static str>>, String> {
    let mut map = vec![None; headers.len()];
    for choice in choices {
        let (field, index) = super::table_file::column_choice(choice, headers, headers.len())?;
        let key = COLUMNS
            .iter()
            .copied()
            .chain([OVERALL_IMPACT])
            .find(|k| *k == field)
            .ok_or_else(|| {
                format!(
                    "“{field}” is not a risk field (known: {}, {OVERALL_IMPACT})",
                    COLUMNS.join(", ")
                )
            })?;
        map[index] = Some(key);
    }
    Ok(map)
}

/// Reads a register whose headers say what each column is.
pub fn parse_rows(rows: &[Vec<String>], path: &Path) -> Result<Vec<ImportedRisk>, ImportError> {
    let headers = rows.first().cloned().unwrap_or_default();
    if recognise(&headers).is_none() {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "not a risk register: it needs a title, a probability and an impact column (风险名称, 发生概率, 影响程度)".into(),
        });
    }
    parse_mapped(rows, path, &suggested(&headers))
}

/// Where the links of a register point: projects by name, each project's tasks by
/// UID, requirements by key.
pub struct LinkTargets {
    pub projects: Vec<(
        crate::model::ProjectId,
        String,
        HashMap<i64, crate::model::TaskId>,
    )>,
    pub requirements: HashMap<String, crate::model::requirement::RequirementId>,
    /// Risk keys the workspace has (a row with one of them updates it).
    pub risks: std::collections::HashSet<RiskId>,
}

impl LinkTargets {
    pub fn read(ws: &crate::store::Workspace) -> Result<LinkTargets, ImportError> {
        let mut projects = Vec::new();
        for p in ws.projects()? {
            let uids = ws
                .plan(p.id)?
                .tasks
                .iter()
                .map(|t| (t.fields.source_uid.unwrap_or(t.id.0), t.id))
                .collect();
            projects.push((p.id, p.fields.name.clone(), uids));
        }
        let requirements = ws
            .requirements()?
            .into_iter()
            .map(|r| (r.id.key(), r.id))
            .collect();
        let risks = ws.risks()?.into_iter().map(|r| r.id).collect();
        Ok(LinkTargets {
            projects,
            requirements,
            risks,
        })
    }
}

/// The rows as changes: links resolved (a row's project by name, or the only one);
/// a key the workspace has updates that risk, any other row adds one.
pub fn resolve(
    rows: Vec<ImportedRisk>,
    targets: &LinkTargets,
    path: &Path,
) -> Result<Vec<(Option<RiskId>, RiskFields)>, ImportError> {
    let column = |k: &str| tr(Language::ZhCn, &format!("risk.column.{k}"));
    rows.into_iter()
        .map(|r| {
            let project = match &r.project {
                Some(name) => Some(
                    targets
                        .projects
                        .iter()
                        .find(|(_, n, _)| n == name)
                        .ok_or_else(|| {
                            bad_cell(
                                path,
                                r.row,
                                &column("project"),
                                format!("no project named “{name}”"),
                            )
                        })?,
                ),
                None if targets.projects.len() == 1 => targets.projects.first(),
                None => None,
            };
            let task = |k: &str, uid: i64| {
                let (_, _, uids) = project.ok_or_else(|| {
                    bad_cell(
                        path,
                        r.row,
                        &column(k),
                        "links to tasks need the risk's project (项目 column)".into(),
                    )
                })?;
                uids.get(&uid).copied().ok_or_else(|| {
                    bad_cell(
                        path,
                        r.row,
                        &column(k),
                        format!("the project has no task with UID {uid}"),
                    )
                })
            };
            let mut f = r.fields;
            f.project = project.map(|(id, _, _)| *id);
            f.tasks = r
                .task_uids
                .iter()
                .map(|&u| task("tasks", u))
                .collect::<Result<_, _>>()?;
            f.milestones = r
                .milestone_uids
                .iter()
                .map(|&u| task("milestones", u))
                .collect::<Result<_, _>>()?;
            f.requirements = r
                .requirement_keys
                .iter()
                .map(|k| {
                    targets
                        .requirements
                        .get(k.as_str())
                        .copied()
                        .ok_or_else(|| {
                            bad_cell(
                                path,
                                r.row,
                                &column("requirements"),
                                format!("no requirement {k}"),
                            )
                        })
                })
                .collect::<Result<_, _>>()?;
            if let Some((lo, mid, hi)) = r.delay_days {
                if f.tasks.is_empty() {
                    return Err(bad_cell(
                        path,
                        r.row,
                        &column("effect_likely_days"),
                        "a delay needs the tasks it hits (关联任务)".into(),
                    ));
                }
                f.effect = Some(ScheduleEffect {
                    tasks: f.tasks.clone(),
                    min_days: lo,
                    likely_days: mid,
                    max_days: hi,
                });
            }
            let key = r.key.filter(|k| targets.risks.contains(k));
            Ok((key, f))
        })
        .collect()
}

/// Adds (or updates) the register's risks as one undoable edit.
pub fn store(
    rows: Vec<ImportedRisk>,
    workspace: &mut crate::store::Workspace,
    path: &Path,
) -> Result<super::ImportSummary, ImportError> {
    let targets = LinkTargets::read(workspace)?;
    let risks = resolve(rows, &targets, path)?;
    let n = risks.len() as u64;
    workspace.apply(crate::model::Change::ImportRisks(risks))?;
    Ok(super::ImportSummary {
        added: vec![("risks", n)],
    })
}

/// Risk registers: ours, ZenTao's, Jira's.
pub struct RisksImporter;

impl super::Importer for RisksImporter {
    fn id(&self) -> &'static str {
        "risks"
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
        super::read_then_store(
            workspace,
            progress,
            || parse_rows(&super::table_file::read(path)?, path),
            |rows, ws| store(rows, ws, path),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split(',').map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn zentao_and_jira_headers_are_recognised() {
        let zentao = rows("风险名称,来源,类别,策略,状态,发生概率,影响程度,风险系数,指派给\n");
        assert_eq!(recognise(&zentao[0]), Some("zentao"));
        let jira = rows("Summary,Issue key,Issue Type,Status,Assignee,Likelihood,Impact\n");
        assert_eq!(recognise(&jira[0]), Some("jira"));
        let ours = rows("编号,项目,风险名称,发生概率,进度影响,成本影响\n");
        assert_eq!(recognise(&ours[0]), Some("planwright"));
        assert_eq!(recognise(&rows("Summary,Issue key,Status\n")[0]), None);
    }

    #[test]
    fn zentao_rows_read_with_their_words() {
        let r = parse_rows(
            &rows("风险名称,类别,策略,状态,发生概率,影响程度,指派给\n接口延期,技术,缓解,激活,4,高,李强\n供应商违约,商务,转移,已关闭,2,5,王芳\n"),
            Path::new("zentao.csv"),
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        let f = &r[0].fields;
        assert_eq!(
            (f.category.as_str(), f.strategy.as_str()),
            ("technical", "mitigate")
        );
        assert_eq!(
            (f.status.as_str(), f.probability, f.impact.overall()),
            ("identified", 4, 4)
        );
        assert_eq!(f.owner, "李强");
        assert_eq!(r[1].fields.status, "closed");
        assert_eq!(r[1].fields.score(), 10);
    }

    #[test]
    fn bad_cells_name_the_row_and_column() {
        let err = parse_rows(
            &rows("风险名称,发生概率,影响程度\n好的,3,3\n坏的,7,3\n"),
            Path::new("r.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("r.csv") && err.contains("row 3") && err.contains("发生概率"),
            "{err}"
        );
        let err = parse_rows(
            &rows("Title,Probability,Impact,Strategy\nA,3,3,exploit\n"),
            Path::new("r.csv"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("row 2") && err.contains("Strategy"), "{err}");
    }
}
