//! Our scheduler against what MS Project computed, per file of the shared corpus
//! (`../shared/corpus/project-files/*.expected.json`). Skips with a printed reason when
//! the corpus is absent (a user's clone).

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime};
use planwright::io::mspdi;
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/corpus/project-files");
    dir.is_dir().then_some(dir)
}

fn date(v: &Value) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(v.as_str()?, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Tasks MS Project really scheduled: every leaf but null rows and manually scheduled
/// tasks (a manual task counts where the file proves its dates are the CPM dates,
/// Start == EarlyStart, as in the all-manual 2019 link oracle).
fn comparable(t: &Value) -> bool {
    let flag = |k: &str| t[k].as_bool().unwrap_or(false);
    let manual_ok = !flag("manual") || t["start"] == t["early_start"];
    !flag("is_null")
        && !flag("is_project_summary")
        && !flag("has_children")
        && manual_ok
        && !t["start"].is_null()
}

struct FileResult {
    name: String,
    comparable: usize,
    agree: usize,
    first_mismatch: Option<String>,
}

/// A date MS Project stored, to the nearest minute (it keeps seconds; we do not).
fn to_minute(d: NaiveDateTime) -> NaiveDateTime {
    let s = i64::from(chrono::Timelike::second(&d));
    if s >= 30 {
        d + Duration::seconds(60 - s)
    } else {
        d - Duration::seconds(s)
    }
}

/// Our schedule, through the importer and the scheduler the app runs
/// (`PlanToSchedule`), against the dates MS Project stored, compared as clock times
/// to the minute: Friday 17:00 is not Monday 08:00.
fn check_file(xml: &Path) -> FileResult {
    use planwright::model::plan::{CalendarTable, FirstIds, PlanToSchedule};
    let name = xml.file_name().unwrap().to_string_lossy().into_owned();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(xml.with_extension("expected.json")).unwrap(),
    )
    .unwrap();
    let project = mspdi::parse(&std::fs::read(xml).unwrap(), xml).unwrap_or_else(|e| panic!("{e}"));
    let start = project.start.expect("project start");
    let tasks = expected["tasks"].as_array().unwrap();
    let draft = project.to_draft();
    let project_calendar = draft
        .project_calendar
        .map(|i| draft.calendars[i].definition.clone())
        .unwrap_or_else(|| project.work_calendar(project.calendar_uid));
    let plan = draft
        .with_ids(
            planwright::model::ProjectId(1),
            FirstIds {
                calendar: 1,
                task: 1,
                dependency: 1,
                resource: 1,
                assignment: 1,
            },
        )
        .unwrap();
    let table: CalendarTable = plan
        .calendars
        .iter()
        .map(|c| (c.id, c.definition.clone()))
        .collect();
    let schedule = PlanToSchedule {
        start: start.date(),
        start_time: start.time(),
        calendar: &project_calendar,
        calendars: &table,
        tasks: &plan.tasks,
        dependencies: &plan.dependencies,
        resources: &plan.resources,
        assignments: &plan.assignments,
        critical_limit_minutes: project.critical_slack_limit_days * project.minutes_per_day,
    }
    .schedule()
    .unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut result = FileResult {
        name,
        comparable: 0,
        agree: 0,
        first_mismatch: None,
    };
    for t in tasks.iter().filter(|t| comparable(t)) {
        let uid = t["uid"].as_i64().unwrap();
        let Some(task) = plan.tasks.iter().find(|x| x.fields.source_uid == Some(uid)) else {
            continue;
        };
        let Some(ours) = schedule.iter().find(|s| s.task == task.id) else {
            continue;
        };
        result.comparable += 1;
        let field = |k: &str, got: NaiveDateTime| (date(&t[k]).map(to_minute), got);
        // A writer that stores no early and late dates (ProjectLibre) still stores
        // Start and Finish, which are the early dates of an auto-scheduled task; its
        // slack figures are then not MS Project's and are not compared.
        let early_dates = !t["early_start"].is_null();
        let dates = if early_dates {
            [
                ("early_start", field("early_start", ours.early_start)),
                ("early_finish", field("early_finish", ours.early_finish)),
                ("late_start", field("late_start", ours.late_start)),
                ("late_finish", field("late_finish", ours.late_finish)),
            ]
        } else {
            [
                ("start", field("start", ours.early_start)),
                ("finish", field("finish", ours.early_finish)),
                ("-", (None, ours.late_start)),
                ("-", (None, ours.late_finish)),
            ]
        };
        let slack = t["total_slack"]["minutes"]
            .as_f64()
            .filter(|_| early_dates)
            .map(|m| m.round() as i64);
        let bad_date = dates
            .iter()
            .find(|(_, (want, got))| want.is_some_and(|w| w != *got))
            .map(|(f, (want, got))| format!("{f} MS Project {want:?} ours {got}"));
        let bad = bad_date.or_else(|| {
            slack
                .filter(|&w| (w - ours.total_slack_minutes).abs() >= 1)
                .map(|w| {
                    format!(
                        "total slack MS Project {w} ours {} (working minutes)",
                        ours.total_slack_minutes
                    )
                })
        });
        match bad {
            None => result.agree += 1,
            Some(what) => {
                if std::env::var_os("PLANWRIGHT_CORPUS_VERBOSE").is_some() {
                    println!("  {}: UID {uid} {:?}: {what}", result.name, t["name"]);
                }
                if result.first_mismatch.is_none() {
                    result.first_mismatch = Some(format!(
                        "UID {uid} {:?}: {what}",
                        t["name"].as_str().unwrap_or("")
                    ));
                }
            }
        }
    }
    result
}

/// Runs the comparison over every MSPDI file, printing the agreement per file.
fn agreement(files: &[PathBuf]) -> (usize, usize, Vec<FileResult>) {
    let (mut all, mut agree) = (0, 0);
    let mut results = Vec::new();
    for f in files {
        let r = check_file(f);
        all += r.comparable;
        agree += r.agree;
        println!(
            "{:60} {:>4}/{:<4} agree{}",
            r.name,
            r.agree,
            r.comparable,
            r.first_mismatch
                .as_ref()
                .map(|m| format!("  first: {m}"))
                .unwrap_or_default()
        );
        results.push(r);
    }
    (agree, all, results)
}

#[test]
fn scheduler_agrees_with_ms_project_on_the_corpus() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());

    println!("Our schedule against MS Project's stored dates, to the minute:");
    let (agree, all, results) = agreement(&files);
    println!(
        "total: {agree}/{all} leaf tasks agree with MS Project ({:.1} %)",
        100.0 * agree as f64 / all.max(1) as f64
    );
    // The link-type and lag oracles (auto-scheduled 2003, all-manual 2019) agree fully.
    for oracle in [
        "mspdi-mpxj-task-links-project2003.xml",
        "mspdi-mpxj-task-links-project2019.xml",
    ] {
        let r = results
            .iter()
            .find(|r| r.name == oracle)
            .expect("the link oracles are in the corpus");
        assert_eq!(r.agree, r.comparable, "{oracle}: {:?}", r.first_mismatch);
        assert_eq!(r.comparable, 16);
    }
    // A ratchet: agreement may only go up. Raise it as the scheduler learns more.
    const AGREEING_AT_LEAST: usize = 338;
    assert!(
        agree >= AGREEING_AT_LEAST,
        "agreement fell to {agree}/{all}"
    );
}

#[test]
fn every_corpus_mspdi_file_imports_as_one_undoable_edit() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let ws_path = tmp.path().join("corpus.planwright");
    let mut ws = planwright::store::Workspace::create(&ws_path).unwrap();
    let importer = planwright::io::importer("mspdi").unwrap();
    let mut imported = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "xml") {
            continue;
        }
        assert_eq!(
            planwright::io::classify(&path).unwrap(),
            planwright::io::FileKind::Importable("mspdi"),
            "{} is recognised",
            path.display()
        );
        let summary = importer
            .import(&path, &mut ws, &mut |_, _| true)
            .unwrap_or_else(|e| panic!("{e}"));
        let expected: Value = serde_json::from_str(
            &std::fs::read_to_string(path.with_extension("expected.json")).unwrap(),
        )
        .unwrap();
        let real_tasks = expected["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| {
                !t["is_null"].as_bool().unwrap_or(false)
                    && !t["is_project_summary"].as_bool().unwrap_or(false)
            })
            .count() as u64;
        assert_eq!(
            summary.added[0],
            ("tasks", real_tasks),
            "{}",
            path.display()
        );
        imported += 1;
    }
    assert!(imported >= 13);
    // Undo takes the last import back whole.
    let tasks_before = ws
        .counts()
        .unwrap()
        .into_iter()
        .find(|c| c.entity == "tasks")
        .unwrap()
        .count;
    ws.undo().unwrap();
    let tasks_after = ws
        .counts()
        .unwrap()
        .into_iter()
        .find(|c| c.entity == "tasks")
        .unwrap()
        .count;
    assert!(tasks_after < tasks_before || tasks_before == 0);
}

/// Every GanttProject file of the corpus imports: tasks with their outline, links, and
/// (for the recurring-holiday file) a 2-day task that ends after the holiday.
#[test]
fn every_corpus_ganttproject_file_imports() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = planwright::store::Workspace::create(&tmp.path().join("gan.planwright")).unwrap();
    let importer = planwright::io::importer("gan").unwrap();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "gan") {
            continue;
        }
        assert_eq!(
            planwright::io::classify(&path).unwrap(),
            planwright::io::FileKind::Importable("gan")
        );
        let summary = importer
            .import(&path, &mut ws, &mut |_, _| true)
            .unwrap_or_else(|e| panic!("{e}"));
        let tasks = summary.added[0].1;
        println!(
            "{}: {tasks} tasks, {} dependencies",
            path.display(),
            summary.added[1].1
        );
        assert!(tasks >= 1, "{}", path.display());
        seen += 1;
    }
    assert_eq!(seen, 7);
    // The counts the MANIFEST gives for two files.
    let by_name = |n: &str| {
        let p = ws
            .projects()
            .unwrap()
            .into_iter()
            .find(|p| p.fields.name.contains(n))
            .unwrap();
        ws.plan(p.id).unwrap()
    };
    let house = ws
        .projects()
        .unwrap()
        .into_iter()
        .map(|p| ws.plan(p.id).unwrap())
        .find(|plan| plan.tasks.len() == 20)
        .expect("HouseBuildingSample: 20 tasks");
    assert_eq!(house.dependencies.len(), 17);
    assert_eq!(house.resources.len(), 7, "MANIFEST: 7 resources");
    assert_eq!(house.assignments.len(), 30, "MANIFEST: 30 allocations");
    assert!(
        house
            .tasks
            .iter()
            .all(|t| !t.fields.name.ends_with('\u{a0}')),
        "NBSP trimmed"
    );
    let crossing = by_name("crossing");
    let t = &crossing.tasks[0].fields;
    assert_eq!(t.start.unwrap().date().to_string(), "2024-01-02");
    assert_eq!(
        t.finish.unwrap().date().to_string(),
        "2024-01-04",
        "Jan 3 is a holiday every year"
    );
    let deps = by_name("dependencies").dependencies;
    assert_eq!(deps.len(), 4);
}

/// Resources, assignments and baselines come in with the plan.
#[test]
fn mspdi_resources_assignments_and_baselines_import() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = planwright::store::Workspace::create(&tmp.path().join("r.planwright")).unwrap();
    let importer = planwright::io::importer("mspdi").unwrap();
    let added = |name: &str, ws: &mut planwright::store::Workspace| {
        let s = importer
            .import(&dir.join(name), ws, &mut |_, _| true)
            .unwrap();
        s.added
            .into_iter()
            .collect::<std::collections::HashMap<_, _>>()
    };
    let legacy = added("mspdi-mpxj-legacy-sample.xml", &mut ws);
    println!("legacy sample: {legacy:?}");
    assert!(legacy["resources"] >= 2);
    assert!(legacy["assignments"] >= 2);
    let baselines = added("mspdi-mpxj-task-baselines-project2019.xml", &mut ws);
    println!("baselines file: {baselines:?}");
    assert!(baselines["baselines"] >= 22, "Start/Finish baselines 0-10");
}

/// Project 2016 wrote each recurring exception twice: as a recurrence (`<Exceptions>`)
/// and expanded, as legacy `WeekDay DayType=0` entries. Reading only the recurrences
/// must give the same days as reading only the expanded list (the MANIFEST's oracle).
#[test]
fn recurring_exceptions_expand_to_what_ms_project_wrote() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let path = dir.join("mspdi-mpxj-calendar-recurring-exceptions-project2016.xml");
    let xml = std::fs::read_to_string(&path).unwrap();
    // Only the recurrences: drop the legacy entries.
    let mut recurrences = String::new();
    let mut rest = xml.as_str();
    while let Some(i) = rest.find("<WeekDay>") {
        recurrences.push_str(&rest[..i]);
        let end = rest[i..].find("</WeekDay>").unwrap() + i + "</WeekDay>".len();
        let entry = &rest[i..end];
        if !entry.contains("<DayType>0</DayType>") {
            recurrences.push_str(entry);
        }
        rest = &rest[end..];
    }
    recurrences.push_str(rest);
    // Only the legacy entries: drop the recurrences.
    let (a, b) = (
        xml.find("<Exceptions>").unwrap(),
        xml.find("</Exceptions>").unwrap(),
    );
    let legacy = format!("{}{}", &xml[..a], &xml[b + "</Exceptions>".len()..]);

    let days = |text: &str| {
        let project = mspdi::parse(text.as_bytes(), &path).unwrap();
        let calendar = &project.calendars[0];
        assert_eq!(calendar.unexpanded_exceptions, 0);
        let mut days: Vec<(chrono::NaiveDate, bool)> = calendar
            .exceptions
            .iter()
            .flat_map(|(from, to, ranges)| {
                from.iter_days()
                    .take_while(move |d| d <= to)
                    .map(move |d| (d, !ranges.is_empty()))
            })
            .collect();
        days.sort();
        days.dedup();
        days
    };
    let expanded = days(&recurrences);
    let written = days(&legacy);
    assert_eq!(
        written.len(),
        140,
        "the MANIFEST's 138 legacy entries cover 140 days"
    );
    let missing: Vec<_> = written.iter().filter(|d| !expanded.contains(d)).collect();
    let extra: Vec<_> = expanded.iter().filter(|d| !written.contains(d)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not expanded: {missing:?}\nexpanded but not written: {extra:?}"
    );
}

/// This clone's folder, read when the test runs: a test binary cached from another
/// clone (CI builds fresh clones into a shared target folder) must not read that one.
fn manifest_dir() -> std::path::PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || env!("CARGO_MANIFEST_DIR").into(),
        std::path::PathBuf::from,
    )
}

/// A split task from MS Project comes in with its gaps: it finishes when MS Project
/// says, and its bar is drawn in pieces joined by a dotted line.
#[test]
fn split_tasks_import_with_their_gaps_and_draw_as_split_bars() {
    let Some(dir) = corpus() else {
        println!("skipped: ../shared/corpus/project-files is not here (a user's clone)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let mut ws = planwright::store::Workspace::create(&tmp.path().join("s.planwright")).unwrap();
    planwright::io::importer("mspdi")
        .unwrap()
        .import(
            &dir.join("mspdi-mpxj-mspdisplittask.xml"),
            &mut ws,
            &mut |_, _| true,
        )
        .unwrap();
    let project = ws.projects().unwrap().remove(0);
    let view = planwright::report::plan_view::PlanView::build(&ws, &project).unwrap();
    let split: Vec<_> = view.rows.iter().filter(|r| !r.gaps.is_empty()).collect();
    assert_eq!(split.len(), 2, "both split tasks have gaps");
    assert_eq!(
        split[0].finish.map(|f| f.to_string()),
        Some("2006-10-09 17:00:00".to_owned())
    );
    let labels = planwright::report::gantt::Labels::new(planwright::i18n::Language::ZhCn, "s");
    let svg = planwright::report::gantt::svg_whole(&view, &labels);
    assert!(svg.contains("stroke-dasharray"), "a dotted gap is drawn");
}
