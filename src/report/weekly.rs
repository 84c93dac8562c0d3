//! The 项目周报 (weekly status report) as data: for a project and a period, what was
//! finished, what was due and is not, what comes next, the milestones against their
//! baseline, planned against actual % complete, requirements closed in the period
//! (from the edit log), and a schedule status suggested from the data with the rule
//! that gave it. Every format renders this one model, so figures agree across formats.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, Weekday};

use crate::i18n::{Language, tr, tr_with};
use crate::model::edit::Edit;
use crate::model::{Project, Task, TaskId};
use crate::store::{StoreResult, Workspace};

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The ISO week (Monday to Sunday) holding `day`.
    pub fn week_of(day: NaiveDate) -> Period {
        let from = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period {
            from,
            to: from + Duration::days(6),
        }
    }

    /// An ISO week written `2026-W49`.
    pub fn parse_week(text: &str) -> Option<Period> {
        let (year, week) = text.trim().split_once(['W', 'w'])?;
        let year: i32 = year.trim_end_matches('-').parse().ok()?;
        let week: u32 = week.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, week, Weekday::Mon).map(Period::week_of)
    }

    /// The period of the same length right after this one.
    pub fn next(self) -> Period {
        let days = (self.to - self.from).num_days() + 1;
        Period {
            from: self.from + Duration::days(days),
            to: self.to + Duration::days(days),
        }
    }

    pub fn contains(self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// Red, amber or green.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rag {
    Green,
    Amber,
    Red,
}

impl Rag {
    pub fn code(self) -> &'static str {
        match self {
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }
}

/// Status per dimension; `None` where nothing yet measures it (quality and risk come
/// with their own pages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Status {
    pub overall: Option<Rag>,
    pub schedule: Option<Rag>,
    pub scope: Option<Rag>,
    pub effort: Option<Rag>,
    pub quality: Option<Rag>,
    pub risk: Option<Rag>,
}

/// The rule that gave the schedule status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScheduleRule {
    NoBaseline,
    /// A milestone still ahead is forecast past its baseline by more than the limit.
    MilestoneLate {
        name: String,
        days: i64,
        limit: i64,
    },
    /// Tasks due in the period are not finished.
    DueNotFinished(usize),
    OnTrack,
}

impl ScheduleRule {
    /// The rule in words, in `lang`.
    pub fn text(&self, lang: Language) -> String {
        match self {
            ScheduleRule::NoBaseline => tr(lang, "weekly.rule.no_baseline"),
            ScheduleRule::MilestoneLate { name, days, limit } => tr_with(
                lang,
                "weekly.rule.milestone_late",
                &[
                    ("name", name),
                    ("days", &days.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ),
            ScheduleRule::DueNotFinished(n) => tr_with(
                lang,
                "weekly.rule.due_not_finished",
                &[("n", &n.to_string())],
            ),
            ScheduleRule::OnTrack => tr(lang, "weekly.rule.on_track"),
        }
    }
}

/// A task as the report lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskLine {
    /// The MSPDI UID where the task came from one, else its id.
    pub uid: i64,
    pub name: String,
    pub start: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    /// Days the forecast finish is past the due date (not-completed tasks).
    pub slip_days: Option<i64>,
}

/// A milestone against its baseline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MilestoneLine {
    pub uid: i64,
    pub name: String,
    pub baseline_finish: Option<NaiveDate>,
    pub finish: Option<NaiveDate>,
    pub variance_days: Option<i64>,
    /// Reached (an actual finish): its slip is history, not a forecast.
    pub done: bool,
}

/// The weekly report's facts.
#[derive(Clone, Debug, PartialEq)]
pub struct WeeklyReport {
    pub project: String,
    pub period: Period,
    pub status: Status,
    /// Why the schedule status is what it is (shown with it).
    pub schedule_rule: ScheduleRule,
    /// Tasks whose actual finish lies in the period.
    pub completed: Vec<TaskLine>,
    /// Tasks due in the period (baseline finish, else planned) and not finished.
    pub not_completed: Vec<TaskLine>,
    /// Unfinished tasks starting or due in the next period.
    pub next: Vec<TaskLine>,
    pub milestones: Vec<MilestoneLine>,
    /// Work-weighted % complete: as the baseline planned it by the period's end, and
    /// as reported.
    pub percent_planned: f64,
    pub percent_actual: f64,
    /// Requirements that reached a closed status in the period: (key, title).
    pub requirements_closed: Vec<(String, String)>,
}

fn day(t: Option<NaiveDateTime>) -> Option<NaiveDate> {
    t.map(|t| t.date())
}

fn uid(t: &Task) -> i64 {
    t.fields.source_uid.unwrap_or(t.id.0)
}

fn one_decimal(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Builds the weekly report of `project` for `period` from the workspace.
pub fn weekly(ws: &Workspace, project: &Project, period: Period) -> StoreResult<WeeklyReport> {
    let plan = ws.plan(project.id)?;
    let summaries: std::collections::HashSet<TaskId> =
        plan.tasks.iter().filter_map(|t| t.fields.parent).collect();
    let baseline: std::collections::HashMap<TaskId, (Option<NaiveDate>, Option<NaiveDate>)> = plan
        .baselines
        .iter()
        .filter(|b| b.number == 0)
        .map(|b| (b.task, (day(b.start), day(b.finish))))
        .collect();
    let leaves: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| !summaries.contains(&t.id))
        .collect();
    let line = |t: &Task, slip_days: Option<i64>| TaskLine {
        uid: uid(t),
        name: t.fields.name.clone(),
        start: day(t.fields.actual_start.or(t.fields.start)),
        finish: day(t.fields.actual_finish.or(t.fields.finish)),
        slip_days,
    };
    let finished = |t: &Task| t.fields.actual_finish.is_some() || t.fields.percent_complete >= 100;
    let completed: Vec<TaskLine> = leaves
        .iter()
        .filter(|t| day(t.fields.actual_finish).is_some_and(|d| period.contains(d)))
        .map(|t| line(t, None))
        .collect();
    let due = |t: &Task| {
        baseline
            .get(&t.id)
            .and_then(|b| b.1)
            .or(day(t.fields.finish))
    };
    let not_completed: Vec<TaskLine> = leaves
        .iter()
        .filter(|t| !finished(t) && due(t).is_some_and(|d| period.contains(d)))
        .map(|t| {
            let slip = due(t)
                .zip(day(t.fields.finish))
                .map(|(d, f)| (f - d).num_days().max(0));
            line(t, slip)
        })
        .collect();
    let next_period = period.next();
    let next: Vec<TaskLine> = leaves
        .iter()
        .filter(|t| !finished(t))
        .filter(|t| {
            day(t.fields.start).is_some_and(|d| next_period.contains(d))
                || day(t.fields.finish).is_some_and(|d| next_period.contains(d))
        })
        .map(|t| line(t, None))
        .collect();
    let milestones: Vec<MilestoneLine> = plan
        .tasks
        .iter()
        .filter(|t| t.fields.milestone)
        .map(|t| {
            let baseline_finish = baseline.get(&t.id).and_then(|b| b.1);
            let finish = day(t.fields.actual_finish.or(t.fields.finish));
            MilestoneLine {
                uid: uid(t),
                name: t.fields.name.clone(),
                baseline_finish,
                finish,
                variance_days: baseline_finish.zip(finish).map(|(b, f)| (f - b).num_days()),
                done: finished(t),
            }
        })
        .collect();
    let (percent_planned, percent_actual) = percents(&leaves, &baseline, period.to);
    let (schedule, schedule_rule) = schedule_status(project, &milestones, &not_completed);
    let status = Status {
        overall: schedule,
        schedule,
        ..Status::default()
    };
    Ok(WeeklyReport {
        project: project.fields.name.clone(),
        period,
        status,
        schedule_rule,
        completed,
        not_completed,
        next,
        milestones,
        percent_planned,
        percent_actual,
        requirements_closed: requirements_closed(ws, period)?,
    })
}

/// Work-weighted % complete: planned as the baseline spreads each task evenly over its
/// days up to `end`, actual as reported.
fn percents(
    leaves: &[&Task],
    baseline: &std::collections::HashMap<TaskId, (Option<NaiveDate>, Option<NaiveDate>)>,
    end: NaiveDate,
) -> (f64, f64) {
    let (mut total, mut planned, mut actual) = (0.0, 0.0, 0.0);
    for t in leaves {
        let w = t.fields.duration_minutes.max(0) as f64;
        if w == 0.0 {
            continue;
        }
        total += w;
        actual += w * f64::from(t.fields.percent_complete) / 100.0;
        let share = match baseline.get(&t.id) {
            Some((Some(s), Some(f))) if *f > *s => {
                let span = (*f - *s).num_days() as f64 + 1.0;
                (((end - *s).num_days() as f64 + 1.0) / span).clamp(0.0, 1.0)
            }
            Some((_, Some(f))) => f64::from(u8::from(*f <= end)),
            _ => 0.0,
        };
        planned += w * share;
    }
    if total == 0.0 {
        return (0.0, 0.0);
    }
    (
        one_decimal(planned * 100.0 / total),
        one_decimal(actual * 100.0 / total),
    )
}

/// The schedule status and the rule that gave it: red when a milestone still ahead is
/// forecast past its baseline by more than the project's critical slack limit; amber
/// when tasks due in the period are not finished; green otherwise. `None` without a
/// baseline.
fn schedule_status(
    project: &Project,
    milestones: &[MilestoneLine],
    not_completed: &[TaskLine],
) -> (Option<Rag>, ScheduleRule) {
    let limit = project.fields.critical_slack_minutes / 480;
    if milestones.iter().all(|m| m.baseline_finish.is_none()) {
        return (None, ScheduleRule::NoBaseline);
    }
    if let Some(m) = milestones
        .iter()
        .filter(|m| !m.done && m.variance_days.is_some_and(|v| v > limit))
        .max_by_key(|m| m.variance_days)
    {
        let rule = ScheduleRule::MilestoneLate {
            name: m.name.clone(),
            days: m.variance_days.unwrap_or(0),
            limit,
        };
        return (Some(Rag::Red), rule);
    }
    if !not_completed.is_empty() {
        return (
            Some(Rag::Amber),
            ScheduleRule::DueNotFinished(not_completed.len()),
        );
    }
    (Some(Rag::Green), ScheduleRule::OnTrack)
}

/// Requirements whose status became a closed one by an edit made in the period (undone
/// edits not counted), each once, in the order closed.
fn requirements_closed(ws: &Workspace, period: Period) -> StoreResult<Vec<(String, String)>> {
    let settings = ws.pool_settings()?;
    let from = period.from.and_hms_opt(0, 0, 0).unwrap_or_default();
    let to = (period.to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default();
    let mut out: Vec<(String, String)> = Vec::new();
    let mut edits = ws.edits_between(from, to)?;
    edits.sort_by_key(|e| e.seq);
    fn walk(edit: &Edit, closed: &dyn Fn(&str) -> bool, out: &mut Vec<(String, String)>) {
        match edit {
            Edit::Batch { edits } => {
                for e in edits {
                    walk(e, closed, out);
                }
            }
            Edit::PutRequirement {
                before,
                after: Some(after),
            } => {
                let was = before.as_ref().is_some_and(|b| closed(&b.fields.status));
                let key = after.id.key();
                if !was && closed(&after.fields.status) && !out.iter().any(|(k, _)| *k == key) {
                    out.push((key, after.fields.title.clone()));
                }
            }
            _ => {}
        }
    }
    for e in edits.iter().filter(|e| !e.undone) {
        walk(&e.edit, &|s| settings.is_closed(s), &mut out);
    }
    Ok(out)
}

/// The report's facts as `report --as json` prints them.
pub fn to_json(r: &WeeklyReport) -> serde_json::Value {
    let date = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let rag = |s: Option<Rag>| s.map(Rag::code);
    let tasks = |lines: &[TaskLine], with: &str| -> Vec<serde_json::Value> {
        lines
            .iter()
            .map(|t| {
                let mut v = serde_json::json!({"uid": t.uid, "name": t.name});
                if with.contains('s') {
                    v["start"] = date(t.start).into();
                }
                v["finish"] = date(t.finish).into();
                if with.contains('l') {
                    v["slip_days"] = t.slip_days.into();
                }
                v
            })
            .collect()
    };
    serde_json::json!({
        "kind": "weekly",
        "project": r.project,
        "period": {"from": r.period.from.to_string(), "to": r.period.to.to_string()},
        "status": {
            "overall": rag(r.status.overall),
            "schedule": rag(r.status.schedule),
            "scope": rag(r.status.scope),
            "effort": rag(r.status.effort),
            "quality": rag(r.status.quality),
            "risk": rag(r.status.risk),
        },
        "completed": tasks(&r.completed, ""),
        "not_completed": tasks(&r.not_completed, "l"),
        "next": tasks(&r.next, "s"),
        "milestones": r.milestones.iter().map(|m| serde_json::json!({
            "uid": m.uid,
            "name": m.name,
            "baseline_finish": date(m.baseline_finish),
            "finish": date(m.finish),
            "variance_days": m.variance_days,
        })).collect::<Vec<_>>(),
        "percent_complete": {"planned": r.percent_planned, "actual": r.percent_actual},
        "requirements_closed": r.requirements_closed.iter().map(|(k, t)| serde_json::json!({
            "key": k, "title": t,
        })).collect::<Vec<_>>(),
    })
}

/// The status marks of chats and plain text: 【绿】【黄】【红】, no emoji.
fn mark(lang: Language, s: Option<Rag>) -> String {
    tr(lang, &format!("weekly.rag.{}", s.map_or("none", Rag::code)))
}

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "—".to_owned())
}

/// The status lines, one per dimension measured (overall first).
fn status_lines(r: &WeeklyReport, lang: Language) -> Vec<String> {
    let s = &r.status;
    [
        ("overall", s.overall),
        ("schedule", s.schedule),
        ("scope", s.scope),
        ("effort", s.effort),
        ("quality", s.quality),
        ("risk", s.risk),
    ]
    .into_iter()
    .filter(|(k, v)| v.is_some() || *k == "overall")
    .map(|(k, v)| format!("{} {}", tr(lang, &format!("weekly.dim.{k}")), mark(lang, v)))
    .collect()
}

/// The report as Markdown (for Confluence, 飞书, 语雀 …): every user text escaped.
pub fn to_markdown(r: &WeeklyReport, lang: Language) -> String {
    use crate::report::requirement_export::safe_markdown as md;
    let mut out = String::new();
    let push = |out: &mut String, line: String| {
        out.push_str(&line);
        out.push('\n');
    };
    push(
        &mut out,
        format!(
            "# {}",
            md(&tr_with(lang, "weekly.title", &[("project", &r.project)]))
        ),
    );
    push(&mut out, String::new());
    push(&mut out, period_line(r, lang));
    push(&mut out, String::new());
    push(&mut out, format!("## {}", tr(lang, "weekly.status")));
    push(&mut out, String::new());
    for line in status_lines(r, lang) {
        push(&mut out, format!("- {line}"));
    }
    push(
        &mut out,
        format!(
            "- {}",
            md(&tr_with(
                lang,
                "weekly.rule",
                &[("rule", &r.schedule_rule.text(lang))]
            ))
        ),
    );
    push(&mut out, format!("- {}", percent_line(r, lang)));
    let table = |out: &mut String, title: &str, cols: &[&str], rows: Vec<Vec<String>>| {
        push(out, String::new());
        push(out, format!("## {}", tr(lang, title)));
        push(out, String::new());
        if rows.is_empty() {
            push(out, tr(lang, "weekly.none"));
            return;
        }
        let head: Vec<String> = cols.iter().map(|c| tr(lang, c)).collect();
        push(out, format!("| {} |", head.join(" | ")));
        push(out, format!("|{}", "---|".repeat(cols.len())));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md(c).replace('|', "\\|")).collect();
            push(out, format!("| {} |", cells.join(" | ")));
        }
    };
    for (title, lines, with_start, with_slip) in [
        ("weekly.completed", &r.completed, false, false),
        ("weekly.not_completed", &r.not_completed, false, true),
        ("weekly.next", &r.next, true, false),
    ] {
        let mut cols = vec!["weekly.col.task"];
        if with_start {
            cols.push("weekly.col.start");
        }
        cols.push("weekly.col.finish");
        if with_slip {
            cols.push("weekly.col.slip");
        }
        let rows = lines
            .iter()
            .map(|t| {
                let mut row = vec![t.name.clone()];
                if with_start {
                    row.push(date_text(t.start));
                }
                row.push(date_text(t.finish));
                if with_slip {
                    row.push(t.slip_days.map_or_else(String::new, |d| d.to_string()));
                }
                row
            })
            .collect();
        table(&mut out, title, &cols, rows);
    }
    let rows = r
        .milestones
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                date_text(m.baseline_finish),
                date_text(m.finish),
                m.variance_days
                    .map_or_else(String::new, |d| format!("{d:+}")),
            ]
        })
        .collect();
    table(
        &mut out,
        "weekly.milestones",
        &[
            "weekly.col.task",
            "weekly.col.baseline",
            "weekly.col.finish",
            "weekly.col.variance",
        ],
        rows,
    );
    push(&mut out, String::new());
    push(
        &mut out,
        format!("## {}", tr(lang, "weekly.requirements_closed")),
    );
    push(&mut out, String::new());
    if r.requirements_closed.is_empty() {
        push(&mut out, tr(lang, "weekly.none"));
    }
    for (key, title) in &r.requirements_closed {
        push(&mut out, format!("- {} {}", md(key), md(title)));
    }
    out
}

fn period_line(r: &WeeklyReport, lang: Language) -> String {
    tr_with(
        lang,
        "weekly.period",
        &[
            ("from", &r.period.from.to_string()),
            ("to", &r.period.to.to_string()),
        ],
    )
}

fn percent_line(r: &WeeklyReport, lang: Language) -> String {
    tr_with(
        lang,
        "weekly.percent",
        &[
            ("actual", &r.percent_actual.to_string()),
            ("planned", &r.percent_planned.to_string()),
        ],
    )
}

/// The report as plain text shaped for a chat (企业微信, 钉钉, 飞书): short lines, no
/// tables, status marks like 【红】.
pub fn to_text(r: &WeeklyReport, lang: Language) -> String {
    let mut lines = vec![
        tr_with(lang, "weekly.title", &[("project", &r.project)]),
        period_line(r, lang),
        status_lines(r, lang).join("  "),
        tr_with(
            lang,
            "weekly.rule",
            &[("rule", &r.schedule_rule.text(lang))],
        ),
        percent_line(r, lang),
    ];
    let list = |lines: &mut Vec<String>, title: &str, items: Vec<String>| {
        lines.push(String::new());
        lines.push(format!("{}：", tr(lang, title)).replace("：：", "："));
        if items.is_empty() {
            lines.push(tr(lang, "weekly.none"));
        }
        for (i, item) in items.into_iter().enumerate() {
            lines.push(format!("{}. {item}", i + 1));
        }
    };
    list(
        &mut lines,
        "weekly.completed",
        r.completed
            .iter()
            .map(|t| format!("{} {}", t.name, date_text(t.finish)))
            .collect(),
    );
    list(
        &mut lines,
        "weekly.not_completed",
        r.not_completed
            .iter()
            .map(|t| match t.slip_days {
                Some(d) if d > 0 => format!("{} {} (+{d})", t.name, date_text(t.finish)),
                _ => format!("{} {}", t.name, date_text(t.finish)),
            })
            .collect(),
    );
    list(
        &mut lines,
        "weekly.next",
        r.next
            .iter()
            .map(|t| format!("{} {}", t.name, date_text(t.start)))
            .collect(),
    );
    list(
        &mut lines,
        "weekly.milestones",
        r.milestones
            .iter()
            .map(|m| match m.variance_days {
                Some(v) if v != 0 => format!("{} {} ({v:+})", m.name, date_text(m.finish)),
                _ => format!("{} {}", m.name, date_text(m.finish)),
            })
            .collect(),
    );
    // Names come from files: never let one drive a terminal or break a line.
    let mut text: String = lines
        .iter()
        .map(|l| crate::model::safe_text(l))
        .collect::<Vec<_>>()
        .join("\n");
    text.push('\n');
    text
}

/// The report as one self-contained HTML file with a print stylesheet (A4 portrait):
/// every user text escaped, colours from the chart palette.
pub fn to_html(r: &WeeklyReport, lang: Language) -> String {
    use crate::report::chart_palette::LIGHT as P;
    use crate::report::survey_html::escape as e;
    use std::fmt::Write;
    let rag_colour = |s: Option<Rag>| match s {
        Some(Rag::Green) => P.deadline_met,
        Some(Rag::Amber) => P.warning,
        Some(Rag::Red) => P.deadline_missed,
        None => P.text_faint,
    };
    let title = tr_with(lang, "weekly.title", &[("project", &r.project)]);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>\
         body{{font-family:system-ui,'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif;max-width:860px;margin:2em auto;color:{};line-height:1.5}}\
         table{{border-collapse:collapse;width:100%;font-size:13px}}th,td{{text-align:left;padding:3px 8px;border-bottom:1px solid {}}}th{{background:{}}}\
         .rag{{display:inline-block;padding:1px 8px;border-radius:3px;color:#fff;margin-right:8px}}.meta{{color:{}}}\
         @page{{size:A4 portrait;margin:16mm}}@media print{{body{{margin:0;max-width:none}}h2{{break-after:avoid}}tr{{break-inside:avoid}}}}\
         </style></head><body><h1>{}</h1><p class=\"meta\">{}</p>",
        lang.code(),
        e(&title),
        P.text,
        P.grid,
        P.heading_fill,
        P.text_faint,
        e(&title),
        e(&period_line(r, lang)),
    );
    let _ = write!(out, "<h2>{}</h2><p>", e(&tr(lang, "weekly.status")));
    for (key, value) in [
        ("overall", r.status.overall),
        ("schedule", r.status.schedule),
        ("scope", r.status.scope),
        ("effort", r.status.effort),
        ("quality", r.status.quality),
        ("risk", r.status.risk),
    ] {
        if value.is_none() && key != "overall" {
            continue;
        }
        let _ = write!(
            out,
            "<span class=\"rag\" style=\"background:{}\">{} {}</span>",
            rag_colour(value),
            e(&tr(lang, &format!("weekly.dim.{key}"))),
            e(&mark(lang, value))
        );
    }
    let _ = write!(
        out,
        "</p><p class=\"meta\">{}</p><p>{}</p>",
        e(&tr_with(
            lang,
            "weekly.rule",
            &[("rule", &r.schedule_rule.text(lang))]
        )),
        e(&percent_line(r, lang))
    );
    let table = |out: &mut String, title: &str, cols: &[&str], rows: Vec<Vec<String>>| {
        let _ = write!(out, "<h2>{}</h2>", e(&tr(lang, title)));
        if rows.is_empty() {
            let _ = write!(out, "<p>{}</p>", e(&tr(lang, "weekly.none")));
            return;
        }
        out.push_str("<table><thead><tr>");
        for c in cols {
            let _ = write!(out, "<th>{}</th>", e(&tr(lang, c)));
        }
        out.push_str("</tr></thead><tbody>");
        for row in rows {
            out.push_str("<tr>");
            for cell in row {
                let _ = write!(out, "<td>{}</td>", e(&cell));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    };
    let tasks = |lines: &[TaskLine], start: bool, slip: bool| -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|t| {
                let mut row = vec![t.name.clone()];
                if start {
                    row.push(date_text(t.start));
                }
                row.push(date_text(t.finish));
                if slip {
                    row.push(t.slip_days.map_or_else(String::new, |d| d.to_string()));
                }
                row
            })
            .collect()
    };
    let (task, start, finish) = ("weekly.col.task", "weekly.col.start", "weekly.col.finish");
    table(
        &mut out,
        "weekly.completed",
        &[task, finish],
        tasks(&r.completed, false, false),
    );
    table(
        &mut out,
        "weekly.not_completed",
        &[task, finish, "weekly.col.slip"],
        tasks(&r.not_completed, false, true),
    );
    table(
        &mut out,
        "weekly.next",
        &[task, start, finish],
        tasks(&r.next, true, false),
    );
    let milestones = r
        .milestones
        .iter()
        .map(|m| {
            vec![
                m.name.clone(),
                date_text(m.baseline_finish),
                date_text(m.finish),
                m.variance_days
                    .map_or_else(String::new, |d| format!("{d:+}")),
            ]
        })
        .collect();
    table(
        &mut out,
        "weekly.milestones",
        &[task, "weekly.col.baseline", finish, "weekly.col.variance"],
        milestones,
    );
    let closed = r
        .requirements_closed
        .iter()
        .map(|(k, t)| vec![k.clone(), t.clone()])
        .collect();
    table(
        &mut out,
        "weekly.requirements_closed",
        &["requirements.key", task],
        closed,
    );
    out.push_str("</body></html>\n");
    out
}

/// The report's tables as an Excel workbook: a sheet for the status and one per list.
pub fn to_xlsx(
    r: &WeeklyReport,
    lang: Language,
) -> Result<Vec<u8>, crate::io::export::ExportError> {
    use crate::report::requirement_export::{Cell, PoolTable, workbook};
    let text = |s: &str| Cell::Text(s.to_owned());
    let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, |d| Cell::Text(d.to_string()));
    let days = |d: Option<i64>| d.map_or(Cell::Empty, |d| Cell::Number(d as f64));
    let heads = |keys: &[&str]| keys.iter().map(|k| tr(lang, k)).collect::<Vec<_>>();
    let mut status = PoolTable {
        headers: vec![tr(lang, "weekly.status"), String::new()],
        rows: Vec::new(),
    };
    status.rows.push(vec![
        text(&tr_with(lang, "weekly.title", &[("project", &r.project)])),
        Cell::Empty,
    ]);
    status
        .rows
        .push(vec![text(&period_line(r, lang)), Cell::Empty]);
    for line in status_lines(r, lang) {
        status.rows.push(vec![text(&line), Cell::Empty]);
    }
    status
        .rows
        .push(vec![text(&r.schedule_rule.text(lang)), Cell::Empty]);
    status
        .rows
        .push(vec![text(&percent_line(r, lang)), Cell::Empty]);
    let list = |lines: &[TaskLine], start: bool, slip: bool| {
        let mut cols = vec!["weekly.col.task"];
        if start {
            cols.push("weekly.col.start");
        }
        cols.push("weekly.col.finish");
        if slip {
            cols.push("weekly.col.slip");
        }
        let mut headers = vec!["UID".to_owned()];
        headers.extend(heads(&cols));
        PoolTable {
            headers,
            rows: lines
                .iter()
                .map(|t| {
                    let mut row = vec![Cell::Number(t.uid as f64), text(&t.name)];
                    if start {
                        row.push(date(t.start));
                    }
                    row.push(date(t.finish));
                    if slip {
                        row.push(days(t.slip_days));
                    }
                    row
                })
                .collect(),
        }
    };
    let completed = list(&r.completed, false, false);
    let not_completed = list(&r.not_completed, false, true);
    let next = list(&r.next, true, false);
    let mut headers = vec!["UID".to_owned()];
    headers.extend(heads(&[
        "weekly.col.task",
        "weekly.col.baseline",
        "weekly.col.finish",
        "weekly.col.variance",
    ]));
    let milestones = PoolTable {
        headers,
        rows: r
            .milestones
            .iter()
            .map(|m| {
                vec![
                    Cell::Number(m.uid as f64),
                    text(&m.name),
                    date(m.baseline_finish),
                    date(m.finish),
                    days(m.variance_days),
                ]
            })
            .collect(),
    };
    let names = [
        tr(lang, "weekly.status"),
        tr(lang, "weekly.completed"),
        tr(lang, "weekly.not_completed"),
        tr(lang, "weekly.next"),
        tr(lang, "weekly.milestones"),
    ];
    workbook(&[
        (&names[0], &status),
        (&names[1], &completed),
        (&names[2], &not_completed),
        (&names[3], &next),
        (&names[4], &milestones),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn iso_weeks_and_the_next_period() {
        let w = Period::parse_week("2026-W49").unwrap_or_else(|| panic!("week"));
        assert_eq!((w.from, w.to), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(Period::week_of(d("2026-12-04")), w);
        assert_eq!(w.next().from, d("2026-12-07"));
        assert!(Period::parse_week("2026-W60").is_none());
        assert!(Period::parse_week("nonsense").is_none());
    }

    #[test]
    fn the_demo_week_has_done_due_and_next_work_and_a_schedule_status() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws
            .projects()
            .unwrap_or_default()
            .into_iter()
            .find(|p| p.fields.name == "智能客服 App 2.0")
            .unwrap_or_else(|| panic!("demo project"));
        let status = project
            .fields
            .status_date
            .unwrap_or_else(|| panic!("status date"));
        let r = weekly(&ws, &project, Period::week_of(status)).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            !r.completed.is_empty() || !r.not_completed.is_empty(),
            "{r:?}"
        );
        assert!(!r.next.is_empty());
        assert!(r.milestones.len() >= 6);
        assert!(r.percent_actual > 0.0 && r.percent_actual < 100.0);
        assert!(r.percent_planned > 0.0);
        assert!(r.status.schedule.is_some(), "{:?}", r.schedule_rule);
        // Every completed task finished in the week; every late one is unfinished.
        for t in &r.completed {
            assert!(t.finish.is_some_and(|f| r.period.contains(f)), "{t:?}");
        }
        let json = to_json(&r);
        for key in [
            "kind",
            "project",
            "period",
            "status",
            "completed",
            "not_completed",
            "next",
            "milestones",
            "percent_complete",
            "requirements_closed",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn a_requirement_closed_this_week_is_listed_once_and_an_undone_close_is_not() {
        use crate::model::Change;
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let mut ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let open: Vec<_> = ws
            .requirements()
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.fields.status == "developing")
            .take(2)
            .collect();
        assert_eq!(open.len(), 2);
        let close = |ws: &mut Workspace, r: &crate::model::research::Requirement| {
            let mut fields = r.fields.clone();
            fields.status = "released".into();
            ws.apply(Change::UpdateRequirement { id: r.id, fields })
                .unwrap_or_else(|e| panic!("{e}"));
        };
        close(&mut ws, &open[0]);
        close(&mut ws, &open[1]);
        ws.undo().unwrap_or_else(|e| panic!("{e}"));
        let today = chrono::Local::now().date_naive();
        let r = weekly(&ws, &project, Period::week_of(today)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            r.requirements_closed,
            vec![(open[0].id.key(), open[0].fields.title.clone())]
        );
        // A week before: nothing.
        let before = Period::week_of(today - Duration::days(7));
        let r = weekly(&ws, &project, before).unwrap_or_else(|e| panic!("{e}"));
        assert!(r.requirements_closed.is_empty());
    }

    #[test]
    fn the_html_report_escapes_names_and_shows_every_section() {
        let report = WeeklyReport {
            project: "<script>x</script>".into(),
            period: Period::week_of(NaiveDate::from_ymd_opt(2026, 12, 4).unwrap_or_default()),
            status: Status {
                overall: Some(Rag::Amber),
                schedule: Some(Rag::Amber),
                ..Status::default()
            },
            schedule_rule: ScheduleRule::DueNotFinished(1),
            completed: vec![],
            not_completed: vec![TaskLine {
                uid: 7,
                name: "A & <B>".into(),
                start: None,
                finish: NaiveDate::from_ymd_opt(2026, 12, 8),
                slip_days: Some(2),
            }],
            next: vec![],
            milestones: vec![],
            percent_planned: 50.0,
            percent_actual: 40.0,
            requirements_closed: vec![],
        };
        let html = to_html(&report, Language::ZhCn);
        assert!(!html.contains("<script>x"), "escaped");
        assert!(html.contains("A &amp; &lt;B&gt;"));
        for key in [
            "weekly.completed",
            "weekly.not_completed",
            "weekly.next",
            "weekly.milestones",
        ] {
            assert!(html.contains(&tr(Language::ZhCn, key)), "{key}");
        }
        assert!(html.contains("@page"));
        let md = to_markdown(&report, Language::English);
        assert!(md.contains("| A & &lt;B> |"), "{md}");
        assert!(!md.contains("<script>"), "{md}");
    }

    #[test]
    fn the_workbook_holds_the_status_and_a_sheet_per_list() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ws =
            crate::demo::create(&dir.path().join("d.planwright")).unwrap_or_else(|e| panic!("{e}"));
        let project = ws.projects().unwrap_or_default().remove(0);
        let status = project.fields.status_date.unwrap_or_default();
        let r = weekly(&ws, &project, Period::week_of(status)).unwrap_or_else(|e| panic!("{e}"));
        let bytes = to_xlsx(&r, Language::ZhCn).unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("周报.xlsx");
        let first = crate::io::sheet::first_sheet(&bytes, &path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(first[0][0], "状态");
        assert!(first[1][0].starts_with("项目周报："), "{first:?}");
    }
}
