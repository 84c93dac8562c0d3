//! Our scheduler against what MS Project computed, per file of the shared corpus
//! (`../shared/corpus/project-files/*.expected.json`). Skips with a printed reason when
//! the corpus is absent (a user's clone).

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime};
use planwright::io::mspdi::{self, ELAPSED_FORMATS};
use planwright::model::schedule::schedule;
use planwright::model::work_calendar::WorkAxis;
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = manifest_dir().join("../shared/corpus/project-files");
    dir.is_dir().then_some(dir)
}

fn date(v: &Value) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(v.as_str()?, "%Y-%m-%dT%H:%M:%S").ok()
}

/// Tasks MS Project really scheduled and that use only what we support so far.
fn comparable(t: &Value) -> bool {
    let flag = |k: &str| t[k].as_bool().unwrap_or(false);
    let manual_ok = !flag("manual") || t["start"] == t["early_start"];
    let format = t["duration_format"].as_i64().unwrap_or(7);
    let lags_ok = t["predecessors"].as_array().is_none_or(|ps| {
        ps.iter().all(|p| {
            !ELAPSED_FORMATS.contains(&p["lag_format"].as_i64().unwrap_or(7))
                && p["lag_format"].as_i64() != Some(19)
        })
    });
    !flag("is_null")
        && !flag("is_project_summary")
        && !flag("has_children")
        && manual_ok
        && !ELAPSED_FORMATS.contains(&format)
        && t["calendar_uid"].as_i64().unwrap_or(-1) < 0
        && t["actual_start"].is_null()
        && lags_ok
        && !t["early_start"].is_null()
}

struct FileResult {
    name: String,
    comparable: usize,
    agree: usize,
    first_mismatch: Option<String>,
}

fn check_file(xml: &Path) -> FileResult {
    let name = xml.file_name().unwrap().to_string_lossy().into_owned();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(xml.with_extension("expected.json")).unwrap(),
    )
    .unwrap();
    let project = mspdi::parse(&std::fs::read(xml).unwrap(), xml).unwrap_or_else(|e| panic!("{e}"));
    let calendar = project.work_calendar(project.calendar_uid);
    let start = project.start.expect("project start");
    let tasks = expected["tasks"].as_array().unwrap();
    // Tasks whose Duration is not their span on the task calendar are split or
    // resource-driven (the MANIFEST's `duration_vs_calendar_mismatch`): not a pure-CPM
    // oracle. They take the span MS Project gave them, so what follows them is
    // scheduled from the right dates, and they are not compared themselves.
    let tainted: std::collections::HashSet<i64> = expected["checks"]
        .as_array()
        .map(|c| {
            c.iter()
                .filter(|c| c["kind"] == "duration_vs_calendar_mismatch")
                .filter_map(|c| c["task_uid"].as_i64())
                .collect()
        })
        .unwrap_or_default();

    let earliest = tasks
        .iter()
        .filter_map(|t| date(&t["early_start"]).or_else(|| date(&t["start"])))
        .chain([start])
        .min()
        .unwrap();
    let mut axis = WorkAxis::new(&calendar, earliest.date() - Duration::days(7));
    let (mut net, uids) = project.network(&mut axis);
    for t in tasks {
        let uid = t["uid"].as_i64().unwrap_or(-1);
        if let (true, Some(i), Some(s), Some(f)) = (
            tainted.contains(&uid),
            uids.iter().position(|&u| u == uid),
            date(&t["start"]),
            date(&t["finish"]),
        ) {
            net.tasks[i].duration = axis.offset(f) - axis.offset(s);
        }
        // Started tasks keep where they really started; progress scheduling (remaining
        // work from the status date) is not compared yet.
        if let (false, Some(i), Some(s), Some(f)) = (
            t["actual_start"].is_null(),
            uids.iter().position(|&u| u == uid),
            date(&t["start"]),
            date(&t["finish"]),
        ) {
            net.tasks[i].duration = axis.offset(f) - axis.offset(s);
            net.tasks[i].constraint = planwright::model::schedule::ConstraintKind::MustStartOn;
            net.tasks[i].constraint_at = Some(axis.offset(s));
        }
    }
    let slack_limit = project.critical_slack_limit_days * project.minutes_per_day;
    let project_start = axis.offset(start);
    let times =
        schedule(&net, project_start, slack_limit).unwrap_or_else(|e| panic!("{name}: {e}"));
    let mut result = FileResult {
        name,
        comparable: 0,
        agree: 0,
        first_mismatch: None,
    };
    for t in tasks
        .iter()
        .filter(|t| comparable(t) && !tainted.contains(&t["uid"].as_i64().unwrap_or(-1)))
    {
        let uid = t["uid"].as_i64().unwrap();
        let Some(i) = uids.iter().position(|&u| u == uid) else {
            continue;
        };
        result.comparable += 1;
        let ours = times[i];
        let mut off = |k: &str| date(&t[k]).map(|d| axis.offset(d));
        let checks = [
            ("early_start", off("early_start"), ours.early_start),
            ("early_finish", off("early_finish"), ours.early_finish),
            ("late_start", off("late_start"), ours.late_start),
            ("late_finish", off("late_finish"), ours.late_finish),
            (
                "total_slack",
                t["total_slack"]["minutes"]
                    .as_f64()
                    .map(|m| m.round() as i64),
                ours.total_slack,
            ),
        ];
        let bad = checks
            .iter()
            .find(|(_, want, got)| want.is_some_and(|w| (w - got).abs() >= 1));
        match bad {
            None => result.agree += 1,
            Some((field, want, got)) => {
                if std::env::var_os("PLANWRIGHT_CORPUS_VERBOSE").is_some() {
                    println!("  {}: UID {uid}: {checks:?}", result.name);
                }
                if result.first_mismatch.is_none() {
                    result.first_mismatch = Some(format!(
                        "UID {uid} {:?}: {field} MS Project {want:?} ours {got} (working minutes)",
                        t["name"].as_str().unwrap_or("")
                    ));
                }
            }
        }
    }
    result
}

/// The same comparison through the scheduler the app runs (`PlanToSchedule`): task
/// and resource calendars, manual tasks, actual starts. Split and resource-driven tasks
/// (whose duration is not their span) are placed where MS Project put them, as a
/// manually scheduled task is, and not judged themselves.
fn check_file_full(xml: &Path) -> FileResult {
    use planwright::model::plan::{CalendarTable, FirstIds, PlanToSchedule};
    let name = xml.file_name().unwrap().to_string_lossy().into_owned();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(xml.with_extension("expected.json")).unwrap(),
    )
    .unwrap();
    let project = mspdi::parse(&std::fs::read(xml).unwrap(), xml).unwrap_or_else(|e| panic!("{e}"));
    let start = project.start.expect("project start");
    let tasks = expected["tasks"].as_array().unwrap();
    let tainted: std::collections::HashSet<i64> = expected["checks"]
        .as_array()
        .map(|c| {
            c.iter()
                .filter(|c| c["kind"] == "duration_vs_calendar_mismatch")
                .filter_map(|c| c["task_uid"].as_i64())
                .collect()
        })
        .unwrap_or_default();
    let by_uid: std::collections::HashMap<i64, &Value> = tasks
        .iter()
        .filter_map(|t| Some((t["uid"].as_i64()?, t)))
        .collect();
    let mut draft = project.to_draft();
    for t in &mut draft.tasks {
        let Some(uid) = t.fields.source_uid else {
            continue;
        };
        let Some(e) = by_uid.get(&uid) else { continue };
        if tainted.contains(&uid)
            && let (Some(s), Some(f)) = (date(&e["start"]), date(&e["finish"]))
        {
            t.fields.manual = true;
            t.fields.start = Some(s);
            t.fields.finish = Some(f);
            t.fields.actual_start = None;
            t.fields.actual_finish = None;
        }
    }
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
    let earliest = tasks
        .iter()
        .filter_map(|t| date(&t["early_start"]).or_else(|| date(&t["start"])))
        .chain([start])
        .min()
        .unwrap();
    let mut axis = WorkAxis::new(&project_calendar, earliest.date() - Duration::days(7));
    let mut result = FileResult {
        name,
        comparable: 0,
        agree: 0,
        first_mismatch: None,
    };
    for t in tasks
        .iter()
        .filter(|t| comparable(t) && !tainted.contains(&t["uid"].as_i64().unwrap_or(-1)))
    {
        let uid = t["uid"].as_i64().unwrap();
        let Some(task) = plan.tasks.iter().find(|x| x.fields.source_uid == Some(uid)) else {
            continue;
        };
        let Some(ours) = schedule.iter().find(|s| s.task == task.id) else {
            continue;
        };
        result.comparable += 1;
        // Our times are whole minutes; MS Project's have seconds: compare to the
        // nearest minute.
        let mut off = |d: NaiveDateTime| {
            let rounded = if chrono::Timelike::second(&d) >= 30 {
                d + Duration::seconds(60 - i64::from(chrono::Timelike::second(&d)))
            } else {
                d
            };
            axis.offset(rounded)
        };
        let mut field = |k: &str, got: NaiveDateTime| (date(&t[k]).map(&mut off), off(got));
        let checks = [
            ("early_start", field("early_start", ours.early_start)),
            ("early_finish", field("early_finish", ours.early_finish)),
            ("late_start", field("late_start", ours.late_start)),
            ("late_finish", field("late_finish", ours.late_finish)),
            (
                "total_slack",
                (
                    t["total_slack"]["minutes"]
                        .as_f64()
                        .map(|m| m.round() as i64),
                    ours.total_slack_minutes,
                ),
            ),
        ];
        let bad = checks
            .iter()
            .find(|(_, (want, got))| want.is_some_and(|w| (w - got).abs() >= 1));
        match bad {
            None => result.agree += 1,
            Some((field, (want, got))) => {
                if std::env::var_os("PLANWRIGHT_CORPUS_VERBOSE").is_some() {
                    println!("  {}: UID {uid}: {checks:?}", result.name);
                }
                if result.first_mismatch.is_none() {
                    result.first_mismatch = Some(format!(
                        "UID {uid} {:?}: {field} MS Project {want:?} ours {got} (working minutes)",
                        t["name"].as_str().unwrap_or("")
                    ));
                }
            }
        }
    }
    result
}

/// Runs one comparison over every MSPDI file, printing the agreement per file.
fn agreement(files: &[PathBuf], check: fn(&Path) -> FileResult) -> (usize, usize, Vec<FileResult>) {
    let (mut all, mut agree) = (0, 0);
    let mut results = Vec::new();
    for f in files {
        let r = check(f);
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

    // The scheduler the app runs: task and resource calendars, manual tasks, actuals.
    println!("The app's scheduler (PlanToSchedule):");
    let (agree, all, results) = agreement(&files, check_file_full);
    println!("total: {agree}/{all} comparable tasks agree with MS Project");
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
    const AGREEING_AT_LEAST: usize = 281;
    assert!(
        agree >= AGREEING_AT_LEAST,
        "agreement fell to {agree}/{all}"
    );

    // The bare CPM engine on the integer network, with MS Project's spans for split,
    // resource-driven and started tasks.
    println!("The CPM passes alone:");
    let (agree, all, _) = agreement(&files, check_file);
    println!("total: {agree}/{all} comparable tasks agree with MS Project");
    assert!(agree >= 280, "engine agreement fell to {agree}/{all}");
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
