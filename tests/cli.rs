//! The command line, run as a user would: exit codes, stdout/stderr, files untouched.

// Test helpers may stop the test on a broken precondition.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::process::{Command, Output};

fn planwright(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_planwright"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn run(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    planwright(&args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().expect("temp paths are UTF-8")
}

#[test]
fn new_demo_then_info_json_prints_the_counts() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("演示.planwright");
    let out = run(&["new", path_arg(&ws), "--demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("created"));

    let out = run(&["info", path_arg(&ws), "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(
        json["schema_version"],
        planwright::store::Workspace::latest_schema_version()
    );
    assert_eq!(json["projects"], 4);
    assert_eq!(json["counts"]["projects"], 4);
    assert_eq!(json["counts"]["calendars"], 4, "the built-in calendars");
    assert_eq!(json["counts"]["edits"], 0);
    assert!(
        json["counts"]["tasks"].as_u64().unwrap() >= 60,
        "the demo has a real plan"
    );
    assert!(json["counts"]["dependencies"].as_u64().unwrap() >= 60);
}

#[test]
fn info_in_text_lists_projects() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let out = run(&["info", path_arg(&ws)]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("智能客服 App 2.0"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn new_without_demo_is_empty_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("empty.planwright");
    assert!(run(&["new", path_arg(&ws)]).status.success());
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["info", path_arg(&ws), "--json"]))).unwrap();
    assert_eq!(json["projects"], 0);

    let before = std::fs::read(&ws).unwrap();
    let out = run(&["new", path_arg(&ws), "--demo"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert!(
        std::fs::read(&ws).unwrap() == before,
        "existing file untouched"
    );
}

/// Each bad file exits 1 with a one-line reason naming the file, and stays unchanged.
#[test]
fn bad_files_exit_1_with_a_reason_and_stay_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite_other = dir.path().join("other.sqlite");
    {
        let c = rusqlite::Connection::open(&sqlite_other).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let empty = dir.path().join("empty.planwright");
    std::fs::write(&empty, b"").unwrap();
    let junk = dir.path().join("junk.planwright");
    std::fs::write(
        &junk,
        (0..50_000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let good = dir.path().join("good.planwright");
    assert!(run(&["new", path_arg(&good), "--demo"]).status.success());
    let bytes = std::fs::read(&good).unwrap();
    let truncated = dir.path().join("truncated.planwright");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let newer = dir.path().join("newer.planwright");
    std::fs::copy(&good, &newer).unwrap();
    {
        let c = rusqlite::Connection::open(&newer).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }

    for (file, reason) in [
        (&empty, "empty"),
        (&junk, "not a Planwright workspace"),
        (&sqlite_other, "another program"),
        (&truncated, "truncated"),
        (&newer, "newer Planwright"),
    ] {
        let before = std::fs::read(file).unwrap();
        let out = run(&["info", path_arg(file), "--json"]);
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.contains(reason), "{}: {err}", file.display());
        assert!(
            err.contains(&file.display().to_string()),
            "names the file: {err}"
        );
        assert!(stdout(&out).is_empty());
        assert!(
            std::fs::read(file).unwrap() == before,
            "{} unchanged",
            file.display()
        );
    }
    let missing = dir.path().join("missing.planwright");
    let out = run(&["info", path_arg(&missing)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no such file"));
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["frobnicate", "x"][..],
        &["info"],
        &["new"],
        &["info", "x", "--bogus"],
    ] {
        let out = run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn version_and_help() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    let v = stdout(&out);
    assert!(v.starts_with("planwright 0."), "{v}");
    assert!(v.contains('('), "carries the commit: {v}");
    let out = run(&["--help"]);
    assert!(out.status.success());
    for word in ["new", "info", "FILE"] {
        assert!(stdout(&out).contains(word), "{word}");
    }
}

#[test]
fn info_on_a_workspace_open_elsewhere_still_reads() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("busy.planwright");
    let _writer = planwright::demo::create(&ws).unwrap();
    let out = run(&["info", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// A small MS Project file of our own: a summary with two linked tasks and a milestone.
const SMALL_MSPDI: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Title>客服 2.0 发布计划</Title>
  <StartDate>2026-12-01T08:00:00</StartDate>
  <CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar><BaseCalendarUID>-1</BaseCalendarUID></Calendar></Calendars>
  <Tasks>
    <Task><UID>0</UID><ID>0</ID><Name>客服 2.0</Name><OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>10</UID><ID>1</ID><Name>开发</Name><OutlineLevel>1</OutlineLevel><Summary>1</Summary></Task>
    <Task><UID>11</UID><ID>2</ID><Name>后端</Name><OutlineLevel>2</OutlineLevel><Duration>PT24H0M0S</Duration><DurationFormat>7</DurationFormat>
      <Start>2026-12-01T08:00:00</Start><Finish>2026-12-03T17:00:00</Finish></Task>
    <Task><UID>12</UID><ID>3</ID><Name>前端</Name><OutlineLevel>2</OutlineLevel><Duration>PT16H0M0S</Duration><DurationFormat>7</DurationFormat>
      <PredecessorLink><PredecessorUID>11</PredecessorUID><Type>3</Type><LinkLag>4800</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
    <Task><UID>13</UID><ID>4</ID><Name>发布</Name><OutlineLevel>1</OutlineLevel><Milestone>1</Milestone><Duration>PT0H0M0S</Duration>
      <PredecessorLink><PredecessorUID>10</PredecessorUID><Type>1</Type><LinkLag>0</LinkLag><LagFormat>7</LagFormat></PredecessorLink></Task>
  </Tasks>
</Project>"#;

#[test]
fn import_then_schedule_prints_the_documented_json() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("plan.xml");
    std::fs::write(&xml, SMALL_MSPDI).unwrap();
    let ws = dir.path().join("w.planwright");
    let out = run(&["import", path_arg(&xml), "--into", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["kind"], "mspdi");
    assert_eq!(json["added"]["tasks"], 4);
    assert_eq!(json["added"]["dependencies"], 2);

    let out = run(&["schedule", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["project"]["name"], "客服 2.0 发布计划");
    let tasks = json["tasks"].as_array().unwrap();
    let by_uid = |uid: i64| tasks.iter().find(|t| t["uid"] == uid).unwrap();
    // Front end: SS + 1 day after the back end starts Tue 12-01 → Wed 12-02, 2 days.
    assert_eq!(by_uid(12)["early_start"], "2026-12-02T08:00:00");
    assert_eq!(by_uid(12)["early_finish"], "2026-12-03T17:00:00");
    assert_eq!(
        by_uid(12)["start"],
        "2026-12-02T08:00:00",
        "stored by the reschedule"
    );
    assert_eq!(by_uid(10)["summary"], true);
    assert_eq!(by_uid(13)["milestone"], true);
    // A milestone after a finish sits at that finish (Thursday 17:00), as MS Project
    // shows it, not at the next morning.
    assert_eq!(by_uid(13)["early_start"], "2026-12-03T17:00:00");
    assert_eq!(by_uid(13)["early_finish"], "2026-12-03T17:00:00");
    assert_eq!(by_uid(11)["critical"], true);
    for key in [
        "uid",
        "name",
        "summary",
        "milestone",
        "start",
        "finish",
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "total_slack_minutes",
        "free_slack_minutes",
        "critical",
    ] {
        assert!(by_uid(11).get(key).is_some(), "{key}");
    }

    // Two projects: the document becomes {"projects": [...]}; --project picks one.
    assert!(
        run(&["import", path_arg(&xml), "--into", path_arg(&ws)])
            .status
            .success()
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["schedule", path_arg(&ws), "--json"]))).unwrap();
    assert_eq!(json["projects"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["projects"][1]["project"]["name"],
        "客服 2.0 发布计划 (2)"
    );
    let out = run(&[
        "schedule",
        path_arg(&ws),
        "--project",
        "客服 2.0 发布计划 (2)",
        "--json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 4);
    // A name that fits no project is a usage error.
    let out = run(&["schedule", path_arg(&ws), "--project", "没有这个", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有这个"));
}

#[test]
fn bad_imports_exit_1_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let bomb = dir.path().join("bomb.xml");
    std::fs::write(
        &bomb,
        r#"<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><Project xmlns="http://schemas.microsoft.com/project"><Title>&b;</Title></Project>"#,
    )
    .unwrap();
    let cut = dir.path().join("cut.xml");
    std::fs::write(&cut, &SMALL_MSPDI[..SMALL_MSPDI.len() / 2]).unwrap();
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, vec![0x8fu8; 4096]).unwrap();
    let before = std::fs::read(&ws).unwrap();
    for (file, reason) in [(&bomb, "DOCTYPE"), (&cut, "byte "), (&junk, "no importer")] {
        let out = run(&["import", path_arg(file), "--into", path_arg(&ws)]);
        assert_eq!(out.status.code(), Some(1), "{}", file.display());
        let err = stderr(&out);
        assert!(
            err.contains(reason) && err.contains(&file.display().to_string()),
            "{err}"
        );
    }
    assert!(std::fs::read(&ws).unwrap() == before, "workspace unchanged");
    let out = run(&[
        "import",
        path_arg(&bomb),
        "--into",
        path_arg(&ws),
        "--as",
        "nonsense",
    ]);
    // The kinds come from the importer registry; an unknown one is a usage error.
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("possible values: mspdi, gan, tasks-csv"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn gen_makes_a_synthetic_plan() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("big.planwright");
    let out = run(&["gen", path_arg(&ws), "--tasks", "2000", "--seed", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["info", path_arg(&ws), "--json"]))).unwrap();
    assert!(json["counts"]["tasks"].as_u64().unwrap() > 2000);
    assert!(json["counts"]["dependencies"].as_u64().unwrap() >= 2900);
    assert!(run(&["schedule", path_arg(&ws)]).status.success());
    assert_eq!(
        run(&["gen", path_arg(&ws), "--tasks", "0"]).status.code(),
        Some(2)
    );
}

/// The demo plan out as MS Project XML and back in: same tasks, outline, links, and the
/// same schedule; the CSV has a BOM, one row per task, and no live formulas.
#[test]
fn export_mspdi_and_csv_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let xml = dir.path().join("plan.xml");
    let out = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "mspdi",
        "--out",
        path_arg(&xml),
    ]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "several projects: --project is needed"
    );
    assert!(stderr(&out).contains("--project"));
    let name = "智能客服 App 2.0";
    let out = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "mspdi",
        "--out",
        path_arg(&xml),
        "--project",
        name,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let written = std::fs::read_to_string(&xml).unwrap();
    assert!(
        written.contains("<Deadline>2027-01-29T17:00:00</Deadline>"),
        "the release milestone's deadline is exported"
    );

    let back = dir.path().join("back.planwright");
    let out = run(&[
        "import",
        path_arg(&xml),
        "--into",
        path_arg(&back),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["added"]["tasks"], 73);
    assert_eq!(json["added"]["dependencies"], 91);
    assert_eq!(json["added"]["resources"], 8);
    assert_eq!(json["added"]["assignments"], 57);
    assert_eq!(json["added"]["baselines"], 73, "baseline 0 of every task");

    let original: serde_json::Value = serde_json::from_str(&stdout(&run(&[
        "schedule",
        path_arg(&ws),
        "--project",
        name,
        "--json",
    ])))
    .unwrap();
    let again: serde_json::Value =
        serde_json::from_str(&stdout(&run(&["schedule", path_arg(&back), "--json"]))).unwrap();
    let a = original["tasks"].as_array().unwrap();
    let b = again["tasks"].as_array().unwrap();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        for key in [
            "name",
            "summary",
            "milestone",
            "early_start",
            "early_finish",
            "late_finish",
            "critical",
        ] {
            assert_eq!(x[key], y[key], "{key} of {}", x["name"]);
        }
    }

    let csv = dir.path().join("tasks.csv");
    assert!(
        run(&[
            "export",
            path_arg(&ws),
            "--as",
            "tasks-csv",
            "--out",
            path_arg(&csv),
            "--project",
            name
        ])
        .status
        .success()
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'));
    assert_eq!(text.lines().count(), 74);
    assert!(text.contains("调研"));
    let out = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "pdf-please",
        "--out",
        path_arg(&csv),
        "--project",
        name,
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// The Gantt chart as SVG, PNG and a tiled PDF with the Chinese font embedded.
#[test]
fn gantt_chart_exports() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let name = "智能客服 App 2.0";
    let export = |kind: &str, file: &str, extra: &[&str]| {
        let out_path = dir.path().join(file);
        let mut args = vec![
            "export",
            path_arg(&ws),
            "--as",
            kind,
            "--out",
            path_arg(&out_path),
            "--project",
            name,
        ];
        args.extend_from_slice(extra);
        let out = run(&args);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        std::fs::read(out_path).unwrap()
    };
    let svg = String::from_utf8(export("gantt-svg", "g.svg", &[])).unwrap();
    assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
    assert!(svg.contains("确定调研目标与范围"), "text stays text");
    assert!(
        svg.matches("<polygon").count() >= 8,
        "milestones and arrow heads"
    );

    let png = export("gantt-png", "g.png", &[]);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes([png[16], png[17], png[18], png[19]]);
    assert!(width > 1500, "{width}");

    let pdf = export("gantt-pdf", "g.pdf", &[]);
    assert!(pdf.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&pdf);
    // The page tree says how many pages: 73 rows and five months do not fit on one A4.
    let count: usize = text
        .split("/Count ")
        .nth(1)
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .expect("a page count");
    assert!(count >= 4, "{count} pages");
    assert!(text.contains("NotoSansCJK"), "the CJK font is embedded");
    let a3 = export("gantt-pdf", "g3.pdf", &["--paper", "a3"]);
    assert!(a3.len() > 1000);
    let out = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "gantt-pdf",
        "--paper",
        "letter",
        "--out",
        path_arg(&dir.path().join("x.pdf")),
        "--project",
        name,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("a3"), "{}", stderr(&out));
}

#[test]
fn import_a_task_list_from_excel() {
    let dir = tempfile::tempdir().unwrap();
    let xlsx = dir.path().join("上线计划.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 4]; 3] = [
        ["任务名称", "工期", "前置任务", "资源名称"],
        ["灰度发布", "3d", "", "周杰"],
        ["全量上线", "1d", "1", "周杰"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *text).unwrap();
        }
    }
    book.save(&xlsx).unwrap();
    let ws = dir.path().join("w.planwright");
    let out = run(&["import", path_arg(&xlsx), "--into", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["added"]["tasks"], 2);
    assert_eq!(json["added"]["dependencies"], 1);

    // A spreadsheet that is not one is refused by name, and nothing is added.
    let fake = dir.path().join("坏文件.xlsx");
    std::fs::write(&fake, b"PK\x03\x04 broken").unwrap();
    let out = run(&["import", path_arg(&fake), "--into", path_arg(&ws)]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("坏文件.xlsx"), "{}", stderr(&out));
    let out = run(&["schedule", path_arg(&ws), "--json"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["tasks"].as_array().map(Vec::len), Some(2));
}

#[test]
fn a_task_table_imports_with_columns_named_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    let table = dir.path().join("排期.csv");
    std::fs::write(&table, "事项,天数,人员\n需求评审,2d,王芳\n开发,5d,李强\n").unwrap();
    // Without a mapping no preset knows these headers.
    let out = run(&["import", path_arg(&table), "--into", path_arg(&ws)]);
    assert_eq!(out.status.code(), Some(1));
    // A field that does not exist, or a column that is not there: refused, named.
    for bad in [["--column", "title=事项"], ["--column", "name=标题"]] {
        let out = run(&[
            "import",
            path_arg(&table),
            "--into",
            path_arg(&ws),
            bad[0],
            bad[1],
        ]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("排期.csv"), "{}", stderr(&out));
    }
    let out = run(&[
        "import",
        path_arg(&table),
        "--into",
        path_arg(&ws),
        "--column",
        "name=事项",
        "--column",
        "duration=2",
        "--column",
        "resources=人员",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["added"]["tasks"], 2);
    assert_eq!(v["added"]["resources"], 2);
}

#[test]
fn a_survey_imports_from_gbk_and_utf16_and_prints_its_figures() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    // A 问卷星 export saved by Chinese Excel: GBK.
    let text = "序号,提交答卷时间,所用时间,1、您向朋友推荐智能客服的可能性有多大？,2、您对回复速度满意吗,3、您用过哪些功能,4、还有什么建议\n\
                1,2026/11/1 10:00:00,60秒,10,非常满意,智能回复┋工单,界面好看\n\
                2,2026/11/1 11:00:00,75秒,9,满意,工单,(跳过)\n\
                3,2026/11/2 09:30:00,40秒,6,一般,智能回复┋知识库┋工单,希望更快\n\
                4,2026/11/2 10:30:00,50秒,8,不满意,知识库,\n";
    let (gbk, _, _) = encoding_rs::GB18030.encode(text);
    let file = dir.path().join("满意度调研.csv");
    std::fs::write(&file, &gbk).unwrap();
    let out = run(&["import", path_arg(&file), "--into", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "survey");
    assert_eq!(v["added"]["responses"], 4);

    // The same table as Excel's "Unicode text": UTF-16LE, tab-separated.
    let tabbed = text.replace(',', "\t");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    let unicode = dir.path().join("满意度调研（Unicode）.txt");
    std::fs::write(&unicode, &utf16).unwrap();
    let out = run(&[
        "import",
        path_arg(&unicode),
        "--into",
        path_arg(&ws),
        "--as",
        "survey",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Named in the wrong encoding on purpose: it still reads (as mojibake) — named
    // in one that does not exist, it is refused and nothing changes.
    let before = std::fs::read(&ws).unwrap();
    let out = run(&[
        "import",
        path_arg(&file),
        "--into",
        path_arg(&ws),
        "--encoding",
        "klingon",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("klingon") && stderr(&out).contains("满意度调研.csv"));
    assert!(std::fs::read(&ws).unwrap() == before);

    let out = run(&["survey", path_arg(&ws), "--survey", "满意度调研", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let s = &v["surveys"][0];
    assert_eq!(s["responses"], 4);
    let q = |key: &str| {
        s["questions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["key"] == key)
            .cloned()
            .unwrap()
    };
    let nps = q("Q1");
    assert_eq!(nps["kind"], "nps");
    // 2 promoters, 1 passive, 1 detractor of 4: +25.
    assert_eq!(nps["nps"]["score"], 25.0);
    assert_eq!(nps["nps"]["promoters"], 2);
    assert!(nps.get("options").is_none() && nps.get("rating").is_none());
    let csat = q("Q2");
    assert_eq!(csat["kind"], "rating");
    assert_eq!(csat["rating"]["top2_pct"], 50.0);
    let used = q("Q3");
    assert_eq!(used["kind"], "multi");
    let count = |label: &str| {
        used["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["label"] == label)
            .map(|o| o["count"].clone())
    };
    assert_eq!(count("工单"), Some(3.into()));
    let advice = q("Q4");
    assert_eq!(
        (advice["kind"].as_str(), advice["answered"].as_u64()),
        (Some("text"), Some(2))
    );
    // Both imports are there; info counts them.
    let out = run(&["info", path_arg(&ws), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["counts"]["surveys"], 2);
}

#[test]
fn a_tencent_survey_export_with_option_columns_and_a_matrix_reads_without_hints() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    // 腾讯问卷's layout: answer times and location first, a multiple choice as one 0/1
    // column per option (`题目:选项`), a matrix as one rating column per row.
    let text = "\u{feff}编号,开始答题时间,结束答题时间,答题时长,地理位置省,1.您向朋友推荐我们的可能性有多大？,2.您使用过哪些功能？:智能回复,2.您使用过哪些功能？:工单,2.您使用过哪些功能？:知识库,3.请评价:回复速度,3.请评价:答案准确,4.还有什么建议？\n\
                1,2026-11-01 10:00:00,2026-11-01 10:03:10,190秒,广东,9,1,1,0,5,4,回复很快\n\
                2,2026-11-01 11:00:00,2026-11-01 11:02:00,120秒,北京,6,0,1,1,3,3,\n\
                3,2026-11-02 09:00:00,2026-11-02 09:05:00,300秒,上海,10,1,0,0,4,5,希望有移动端\n\
                4,2026-11-03 09:00:00,2026-11-03 09:01:00,60秒,广东,3,0,0,1,2,1,太慢\n";
    let file = dir.path().join("腾讯问卷导出.csv");
    std::fs::write(&file, text).unwrap();
    let out = run(&["import", path_arg(&file), "--into", path_arg(&ws)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["survey", path_arg(&ws), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let questions = v["surveys"][0]["questions"].as_array().unwrap().clone();
    let kinds: Vec<(String, String)> = questions
        .iter()
        .map(|q| {
            (
                q["key"].as_str().unwrap().to_owned(),
                q["kind"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let kind = |key: &str| {
        kinds
            .iter()
            .find(|k| k.0 == key)
            .map(|k| k.1.as_str())
            .unwrap_or_else(|| panic!("no {key} in {kinds:?}"))
    };
    assert_eq!(kind("地理位置省"), "meta");
    assert_eq!(kind("答题时长"), "meta");
    assert_eq!(kind("Q1"), "nps");
    assert_eq!(kind("Q2"), "multi");
    assert_eq!(kind("Q4"), "text");
    let used = questions.iter().find(|q| q["key"] == "Q2").unwrap();
    assert_eq!(used["options"].as_array().unwrap().len(), 3);
    // The matrix rows stay apart, each a question of its own.
    let rows: Vec<&serde_json::Value> = questions
        .iter()
        .filter(|q| q["title"].as_str().unwrap().starts_with("3.请评价 - "))
        .collect();
    assert_eq!(rows.len(), 2, "{kinds:?}");
}

#[test]
fn requirements_print_with_parents_scores_and_feedback_links() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    let out = run(&["new", path_arg(&ws), "--demo"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["requirements", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v["requirements"].as_array().unwrap();
    assert!(!list.is_empty());
    for r in list {
        for field in [
            "key", "title", "kind", "status", "priority", "parent", "labels", "release", "scores",
            "links",
        ] {
            assert!(r.get(field).is_some(), "{field} missing in {r}");
        }
        assert!(r["key"].as_str().unwrap().starts_with("REQ-"));
    }
    // A child names its parent by key; its feedback links carry their importance.
    let child = list.iter().find(|r| r["parent"].is_string()).unwrap();
    let parent = child["parent"].as_str().unwrap();
    assert!(list.iter().any(|r| r["key"] == parent));
    let linked = list
        .iter()
        .find(|r| !r["links"]["feedback"].as_array().unwrap().is_empty())
        .unwrap();
    let importance = &linked["links"]["feedback"][0]["importance"];
    assert!(importance.as_u64().is_some_and(|i| i <= 3));
    assert!(linked["scores"]["demand"].as_u64().unwrap() >= 1);
}

#[test]
fn the_requirement_pool_exports_as_table_jira_csv_and_prd() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    for (kind, file) in [
        ("requirements-csv", "pool.csv"),
        ("requirements-xlsx", "pool.xlsx"),
        ("jira-csv", "jira.csv"),
        ("prd-md", "prd.md"),
        ("prd-html", "prd.html"),
    ] {
        let out_path = dir.path().join(file);
        let out = run(&[
            "export",
            path_arg(&ws),
            "--as",
            kind,
            "--out",
            path_arg(&out_path),
        ]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        assert!(std::fs::metadata(&out_path).unwrap().len() > 1000, "{kind}");
    }
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    let pool_text = read("pool.csv");
    let mut pool = csv::Reader::from_reader(pool_text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(pool.records().count(), 93);
    let jira_text = read("jira.csv");
    let mut jira = csv::Reader::from_reader(jira_text.as_bytes());
    let headers = jira.headers().unwrap().clone();
    assert_eq!(&headers[0], "Issue ID");
    assert_eq!(&headers[2], "Summary");
    let rows: Vec<csv::StringRecord> = jira.records().map(Result::unwrap).collect();
    // Parents come before their children.
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for r in &rows {
        if !r[1].is_empty() {
            assert!(
                seen.contains(&r[1]),
                "parent {} after child {}",
                &r[1],
                &r[0]
            );
        }
        seen.insert(r[0].to_owned());
    }
    assert!(rows.iter().any(|r| &r[3] == "Epic"));
    assert!(read("prd.md").contains("REQ-1 "));
    assert!(read("prd.html").starts_with("<!DOCTYPE html>"));
    // An unknown kind is refused (a usage error), naming the known ones.
    let out = run(&["export", path_arg(&ws), "--as", "prd-pdf", "--out", "x"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("prd-html"));
}

#[test]
fn jira_and_pingcode_exports_import_as_requirements_without_hints() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("w.planwright");
    let jira = dir.path().join("Jira.csv");
    std::fs::write(
        &jira,
        "\u{feff}Summary,Issue key,Issue id,Parent id,Issue Type,Status,Priority,Labels,Labels,Sprint\n\
         移动端工作台,APP-1,10001,,Epic,In Progress,High,mobile,,Sprint 3\n\
         手机处理工单,APP-2,10002,10001,Story,To Do,Highest,mobile,offline,Sprint 3\n",
    )
    .unwrap();
    let out = run(&["import", path_arg(&jira), "--into", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["kind"], "requirements");
    assert_eq!(v["added"]["requirements"], 2);
    // Our own export reads back into another workspace, tree and scores whole.
    let demo = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&demo), "--demo"]).status.success());
    let table = dir.path().join("pool.csv");
    let out = run(&[
        "export",
        path_arg(&demo),
        "--as",
        "requirements-csv",
        "--out",
        path_arg(&table),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let copy = dir.path().join("copy.planwright");
    let out = run(&[
        "import",
        path_arg(&table),
        "--into",
        path_arg(&copy),
        "--as",
        "requirements-csv",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let list = |ws: &std::path::Path| -> serde_json::Value {
        let out = run(&["requirements", path_arg(ws), "--json"]);
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let (a, b) = (list(&demo), list(&copy));
    let (a, b) = (
        a["requirements"].as_array().unwrap(),
        b["requirements"].as_array().unwrap(),
    );
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        for field in [
            "title", "kind", "status", "priority", "parent", "labels", "release", "created", "due",
        ] {
            assert_eq!(x[field], y[field], "{field} of {}", x["key"]);
        }
        assert_eq!(x["scores"]["rice"], y["scores"]["rice"], "{}", x["key"]);
    }
}

#[test]
fn a_requirement_table_imports_with_a_saved_mapping() {
    use planwright::model::Change;
    use planwright::model::pool_settings::{PoolSettings, SavedMapping};
    let dir = tempfile::tempdir().unwrap();
    let ws_path = dir.path().join("w.planwright");
    {
        let mut ws = planwright::store::Workspace::create(&ws_path).unwrap();
        ws.apply(Change::SetPoolSettings(PoolSettings {
            mappings: vec![SavedMapping {
                name: "客户诉求表".into(),
                columns: vec![
                    ("事项".into(), "title".into()),
                    ("紧急程度".into(), "priority".into()),
                ],
            }],
            ..PoolSettings::default()
        }))
        .unwrap();
    }
    let table = dir.path().join("诉求.csv");
    std::fs::write(
        &table,
        "事项,紧急程度,备注\n批量导出,P1,财务\n打印模板,P3,\n",
    )
    .unwrap();
    let out = run(&[
        "import",
        path_arg(&table),
        "--into",
        path_arg(&ws_path),
        "--mapping",
        "客户诉求表",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = run(&["requirements", path_arg(&ws_path), "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = v["requirements"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["title"], "批量导出");
    assert_eq!(list[0]["priority"], "P1");
    // A name that is not saved is refused, naming what is.
    let out = run(&[
        "import",
        path_arg(&table),
        "--into",
        path_arg(&ws_path),
        "--mapping",
        "别的",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("客户诉求表"));
}

#[test]
fn a_failed_import_into_a_new_workspace_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("需求.csv");
    std::fs::write(&bad, "Summary,Created\n离线,下周\n").unwrap();
    let ws = dir.path().join("new.planwright");
    let out = run(&[
        "import",
        path_arg(&bad),
        "--into",
        path_arg(&ws),
        "--as",
        "jira",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("row 2"), "{}", stderr(&out));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("new.planwright"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

/// Exports follow the workspace's language, whatever the machine's locale, unless
/// `--lang` says otherwise; the Chinese task list reads back in.
#[test]
fn exports_follow_the_workspace_language_and_lang_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let csv = dir.path().join("tasks.csv");
    let export = |lang: Option<&str>| {
        let mut args = vec![
            "export",
            path_arg(&ws),
            "--as",
            "tasks-csv",
            "--project",
            "智能客服 App 2.0",
            "--out",
            path_arg(&csv),
        ];
        if let Some(l) = lang {
            args.extend(["--lang", l]);
        }
        let out = Command::new(env!("CARGO_BIN_EXE_planwright"))
            .args(&args)
            .env("LANG", "en_US.UTF-8")
            .env("LC_ALL", "en_US.UTF-8")
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        std::fs::read_to_string(&csv).unwrap()
    };
    let zh = export(None);
    assert!(
        zh.lines().next().unwrap().contains("任务名称"),
        "{}",
        zh.lines().next().unwrap()
    );
    let back = dir.path().join("back.planwright");
    let out = run(&[
        "import",
        path_arg(&csv),
        "--into",
        path_arg(&back),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let en = export(Some("en"));
    assert!(en.lines().next().unwrap().contains("Name,Duration"));
    let bad = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "tasks-csv",
        "--out",
        path_arg(&csv),
        "--lang",
        "klingon",
    ]);
    assert!(!bad.status.success());
}

#[test]
fn the_weekly_report_prints_its_facts_as_json_markdown_and_chat_text() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let project = "智能客服 App 2.0";
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--period",
        "2026-W49",
        "--as",
        "json",
        "--out",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["kind"], "weekly");
    assert_eq!(v["project"], project);
    assert_eq!(v["period"]["from"], "2026-11-30");
    assert_eq!(v["period"]["to"], "2026-12-06");
    for dim in ["overall", "schedule", "scope", "effort", "quality", "risk"] {
        let s = &v["status"][dim];
        assert!(
            s.is_null() || ["green", "amber", "red"].contains(&s.as_str().unwrap()),
            "{dim}: {s}"
        );
    }
    // Completed: actual finish in the week; not completed: unfinished with a slip.
    for t in v["completed"].as_array().unwrap() {
        let f = t["finish"].as_str().unwrap();
        assert!(("2026-11-30"..="2026-12-06").contains(&f), "{t}");
        assert!(t["uid"].is_i64() && t["name"].is_string());
    }
    for t in v["not_completed"].as_array().unwrap() {
        assert!(t["slip_days"].is_i64(), "{t}");
    }
    for t in v["next"].as_array().unwrap() {
        assert!(t.get("start").is_some() && t.get("finish").is_some(), "{t}");
    }
    let milestones = v["milestones"].as_array().unwrap();
    assert!(milestones.len() >= 6);
    assert!(milestones[0].get("baseline_finish").is_some());
    assert!(milestones[0].get("variance_days").is_some());
    assert!(v["percent_complete"]["planned"].is_number());
    assert!(v["percent_complete"]["actual"].is_number());
    assert!(v["requirements_closed"].is_array());

    // Markdown and chat text, in the workspace's language, to a file.
    let md = dir.path().join("周报.md");
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "md",
        "--out",
        path_arg(&md),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.starts_with("# 项目周报：智能客服 App 2.0"), "{text}");
    assert!(text.contains("## 本期完成") && text.contains("| 任务 |"));
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "txt",
        "--out",
        "-",
    ]);
    let chat = stdout(&out);
    assert!(
        chat.contains("本期未完成：") && chat.contains('【'),
        "{chat}"
    );
    assert!(!chat.contains('|'), "no tables in chat text");

    // A period that is not a week is a usage error.
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--period",
        "W99",
        "--as",
        "json",
        "--out",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_weekly_report_as_pdf_and_docx_reads_back_and_publishing_lists_it() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let project = "智能客服 App 2.0";
    let reports = |ws: &std::path::Path| -> Vec<serde_json::Value> {
        let out = run(&["reports", path_arg(ws), "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        serde_json::from_str::<serde_json::Value>(&stdout(&out))
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let before = reports(&ws).len();
    assert_eq!(before, 3, "the demo has three published weekly reports");
    let pdf = dir.path().join("周报.pdf");
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--period",
        "2026-W49",
        "--as",
        "pdf",
        "--out",
        path_arg(&pdf),
        "--publish",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("published weekly 2026-11-30 – 2026-12-06"));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() < 1_000_000);
    // Same input, same bytes (a second render of the published report).
    let again = dir.path().join("again.pdf");
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--period",
        "2026-W49",
        "--as",
        "pdf",
        "--out",
        path_arg(&again),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&again).unwrap(), bytes);
    match std::process::Command::new("pdftotext")
        .args([path_arg(&pdf), "-"])
        .output()
    {
        Ok(text) if text.status.success() => {
            let text = String::from_utf8_lossy(&text.stdout);
            assert!(text.contains("项目周报：智能客服 App 2.0"), "{text}");
            assert!(
                text.contains("本期完成") && text.contains("第 1 页"),
                "{text}"
            );
        }
        _ => println!("skipped reading the PDF back: pdftotext (poppler-utils) is not installed"),
    }

    let list = reports(&ws);
    assert_eq!(list.len(), before + 1);
    let last = list
        .iter()
        .find(|r| r["period"]["from"] == "2026-11-30")
        .unwrap();
    assert_eq!(last["kind"], "weekly");
    assert_eq!(last["subject"], project);
    assert!(["green", "amber", "red"].contains(&last["status"].as_str().unwrap()));
    for key in ["id", "published_at", "published_by", "lang"] {
        assert!(last.get(key).is_some(), "{key}");
    }

    let docx = dir.path().join("周报.docx");
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "docx",
        "--out",
        path_arg(&docx),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    use std::io::Read;
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("项目周报：智能客服 App 2.0") && xml.contains("<w:tblHeader/>"));
    // A binary format cannot go to standard output.
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "pdf",
        "--out",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_weekly_report_docx_opens_in_libreoffice_with_chinese_in_a_cjk_font() {
    let have = |tool: &str, flag: &str| {
        std::process::Command::new(tool)
            .arg(flag)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        println!("skipped: LibreOffice (soffice) or pdftotext is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let docx = dir.path().join("weekly.docx");
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--as",
        "docx",
        "--out",
        path_arg(&docx),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let profile = dir.path().join("lo-profile");
    let convert = std::process::Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(
        convert.status.success(),
        "{}",
        String::from_utf8_lossy(&convert.stderr)
    );
    let pdf = dir.path().join("weekly.pdf");
    let text = std::process::Command::new("pdftotext")
        .args([path_arg(&pdf), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("项目周报：智能客服 App 2.0"), "{text}");
    assert!(
        text.contains("里程碑") && text.contains("第 1 页"),
        "{text}"
    );
    // The Chinese is set in a CJK font, not a Latin fallback.
    let fonts = std::process::Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    assert!(
        ["CJK", "YaHei", "Hei", "Song", "WenQuanYi", "Droid"]
            .iter()
            .any(|f| fonts.contains(f)),
        "{fonts}"
    );
}

#[test]
fn every_report_kind_renders_in_every_format_and_says_what_it_needs() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let kinds: [&[&str]; 6] = [
        &["--kind", "weekly", "--project", "智能客服 App 2.0"],
        &["--kind", "mta", "--project", "智能客服 App 2.0"],
        &["--kind", "customer", "--customer", "华东优选电商"],
        &["--kind", "release-notes", "--release", "1.9 体验优化"],
        &["--kind", "portfolio"],
        &["--kind", "burnup", "--release", "2.0 正式版"],
    ];
    for args in kinds {
        for format in ["json", "html", "md", "txt", "xlsx", "pdf", "docx"] {
            let out_path = dir.path().join(format!("{}.{format}", args[1]));
            let mut cmd = vec!["report", path_arg(&ws)];
            cmd.extend_from_slice(args);
            cmd.extend_from_slice(&["--as", format, "--out", path_arg(&out_path)]);
            let out = run(&cmd);
            assert!(out.status.success(), "{args:?} {format}: {}", stderr(&out));
            assert!(
                std::fs::metadata(&out_path).unwrap().len() > 100,
                "{args:?} {format}"
            );
            // qpdf checks the PDF's syntax and streams (what pdf.js, Acrobat and Preview
            // read); CI installs it.
            if format == "pdf" {
                match std::process::Command::new("qpdf")
                    .arg("--check")
                    .arg(&out_path)
                    .output()
                {
                    Ok(check) => assert!(
                        check.status.success(),
                        "{args:?}: {}",
                        String::from_utf8_lossy(&check.stdout)
                    ),
                    Err(_) => println!("skipped the PDF check: qpdf is not installed"),
                }
            }
        }
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join(format!("{}.json", args[1]))).unwrap(),
        )
        .unwrap();
        assert_eq!(json["kind"], args[1]);
    }
    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).unwrap();
    // Release notes: delivered items by type, the open bug as a known issue.
    let notes = read("release-notes.md");
    assert!(
        notes.contains("## 新功能") && notes.contains("## 修复"),
        "{notes}"
    );
    assert!(notes.contains("## 已知问题") && notes.contains("安卓图片消息偶发无法预览"));
    assert!(
        !notes.contains("工作台布局自定义"),
        "not delivered yet: {notes}"
    );
    // The customer report never shows owners or demand scores.
    let customer = read("customer.md");
    assert!(customer.contains("客户报告：华东优选电商"), "{customer}");
    for internal in ["刘洋", "赵磊", "陈晨", "张敏", "需求热度", "RICE"] {
        assert!(!customer.contains(internal), "{internal} in {customer}");
    }
    let portfolio: serde_json::Value = serde_json::from_str(&read("portfolio.json")).unwrap();
    assert_eq!(portfolio["projects"].as_array().unwrap().len(), 4);
    let mta: serde_json::Value = serde_json::from_str(&read("mta.json")).unwrap();
    assert!(
        mta["milestones"][0]["forecasts"].as_array().unwrap().len() >= 4,
        "three published reports and this week: {mta}"
    );
    // A kind without its subject is a usage error naming the choices.
    let out = run(&[
        "report",
        path_arg(&ws),
        "--kind",
        "release-notes",
        "--as",
        "md",
        "--out",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1.9 体验优化"), "{}", stderr(&out));
    let out = run(&[
        "report",
        path_arg(&ws),
        "--kind",
        "customer",
        "--customer",
        "无此客户",
        "--as",
        "md",
        "--out",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_gantt_pdf_is_written_in_the_language_asked_for() {
    let have = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have {
        println!("skipped: pdftotext (poppler-utils) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    for (lang, heading) in [
        ("zh-CN", "任务名称"),
        ("en", "Task name"),
        ("zh", "任务名称"),
    ] {
        let pdf = dir.path().join(format!("gantt-{lang}.pdf"));
        let out = run(&[
            "export",
            path_arg(&ws),
            "--project",
            "智能客服 App 2.0",
            "--as",
            "gantt-pdf",
            "--lang",
            lang,
            "--out",
            path_arg(&pdf),
        ]);
        assert!(out.status.success(), "{lang}: {}", stderr(&out));
        let text = std::process::Command::new("pdftotext")
            .args([path_arg(&pdf), "-"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains(heading), "{lang}: {text}");
    }
}

#[test]
fn a_report_goes_through_the_users_template_and_a_wrong_one_names_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let good = dir.path().join("周报.md.j2");
    std::fs::write(
        &good,
        "# {{ title }}\n完成率 {{ facts.percent_complete.actual }}%\n\
         {% for b in blocks if b.kind == \"heading\" %}- {{ b.text }}\n{% endfor %}",
    )
    .unwrap();
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--as",
        "md",
        "--template",
        path_arg(&good),
        "--out",
        "-",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("# 项目周报：智能客服 App 2.0\n完成率 "),
        "{text}"
    );
    assert!(text.contains("- 本期完成"), "{text}");

    let bad = dir.path().join("bad.html.j2");
    std::fs::write(&bad, "<h1>{{ title }}</h1>\n{% if %}\n").unwrap();
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--as",
        "html",
        "--template",
        path_arg(&bad),
        "--out",
        "-",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.html.j2 line 2"), "{err}");
    // A template for a binary format is a usage error.
    let out = run(&[
        "report",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--as",
        "pdf",
        "--template",
        path_arg(&good),
        "--out",
        path_arg(&dir.path().join("x.pdf")),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_risk_register_prints_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let out = run(&["risks", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let risks = v["risks"].as_array().unwrap();
    assert!(risks.len() >= 15);
    for r in risks {
        for key in [
            "key",
            "title",
            "category",
            "kind",
            "probability",
            "impact",
            "score",
            "band",
            "status",
            "owner",
            "strategy",
            "residual",
            "links",
        ] {
            assert!(r.get(key).is_some(), "{key} in {r}");
        }
        assert!(["threat", "opportunity"].contains(&r["kind"].as_str().unwrap()));
        let score = r["score"].as_u64().unwrap();
        assert_eq!(
            score,
            r["probability"].as_u64().unwrap() * r["impact"].as_u64().unwrap()
        );
        let band = r["band"].as_str().unwrap();
        let expected = if score >= 15 {
            "high"
        } else if score >= 6 {
            "medium"
        } else {
            "low"
        };
        assert_eq!(band, expected, "{r}");
        for k in ["probability", "impact", "score"] {
            assert!(r["residual"].get(k).is_some());
        }
    }
    // Every band is there, and two risks occurred.
    for band in ["low", "medium", "high"] {
        assert!(risks.iter().any(|r| r["band"] == band), "{band}");
    }
    assert_eq!(
        risks.iter().filter(|r| r["status"] == "occurred").count(),
        2
    );
    // One project's register.
    let out = run(&[
        "risks",
        path_arg(&ws),
        "--project",
        "移动端 3.1 迭代",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["risks"].as_array().unwrap().len(), 1);
}

#[test]
fn the_schedule_simulation_prints_in_the_documented_shape_and_repeats_with_its_seed() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let simulate = |seed: &str| {
        let out = run(&[
            "simulate",
            path_arg(&ws),
            "--project",
            "智能客服 App 2.0",
            "--iterations",
            "2000",
            "--seed",
            seed,
            "--json",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let text = simulate("42");
    assert_eq!(text, simulate("42"), "the same seed gives the same output");
    assert_ne!(text, simulate("43"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = vec![
        "project",
        "iterations",
        "seed",
        "deterministic_finish",
        "finish",
        "duration_working_days",
        "milestones",
        "tasks",
        "probability_by",
    ];
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected);
    assert_eq!(v["iterations"], 2000);
    assert_eq!(v["seed"], 42);
    let date = |s: &serde_json::Value| {
        chrono::NaiveDateTime::parse_from_str(s.as_str().unwrap(), "%Y-%m-%dT%H:%M:%S").unwrap()
    };
    let f = &v["finish"];
    let (p10, p50, p80, p90) = (
        date(&f["p10"]),
        date(&f["p50"]),
        date(&f["p80"]),
        date(&f["p90"]),
    );
    assert!(p10 <= p50 && p50 <= p80 && p80 <= p90);
    // Estimates reach past the plan: the P80 is later than the planned finish.
    assert!(p80 > date(&v["deterministic_finish"]));
    let d = &v["duration_working_days"];
    assert!(d["p10"].as_f64().unwrap() <= d["p90"].as_f64().unwrap());
    let milestones = v["milestones"].as_array().unwrap();
    assert!(milestones.len() >= 5);
    for m in milestones {
        assert!(date(&m["p50"]) <= date(&m["p80"]));
        assert!(m["uid"].is_i64() && m["name"].is_string());
    }
    let tasks = v["tasks"].as_array().unwrap();
    assert!(
        tasks
            .iter()
            .all(|t| (0.0..=1.0).contains(&t["criticality"].as_f64().unwrap()))
    );
    // Something is always critical, and an estimated task on the path moves the finish.
    assert!(
        tasks
            .iter()
            .any(|t| t["criticality"].as_f64().unwrap() > 0.99)
    );
    assert!(
        tasks
            .iter()
            .any(|t| t["sensitivity"].as_f64().unwrap_or(0.0) > 0.1)
    );
    for key in ["baseline", "deadline"] {
        let p = v["probability_by"][key].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
    }
    // A bad count is a usage error, and so is one too big for the plan's size.
    let out = run(&["simulate", path_arg(&ws), "--iterations", "0"]);
    assert_eq!(out.status.code(), Some(2));
    let big = dir.path().join("big.planwright");
    assert!(
        run(&["gen", path_arg(&big), "--tasks", "2000"])
            .status
            .success()
    );
    let out = run(&["simulate", path_arg(&big), "--iterations", "1000000"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("at most"), "{}", stderr(&out));
}

#[test]
fn task_lists_carry_three_point_estimates_out_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let project = "智能客服 App 2.0";
    let columns = |csv: &str| -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        reader
            .records()
            .map(|r| r.unwrap().iter().skip(12).map(str::to_owned).collect())
            .collect()
    };
    let csv_path = dir.path().join("tasks.csv");
    let out = run(&[
        "export",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "tasks-csv",
        "--out",
        path_arg(&csv_path),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = columns(&std::fs::read_to_string(&csv_path).unwrap());
    assert_eq!(first[0], ["乐观工期", "最可能工期", "悲观工期", "分布"]);
    // The AI service: 9 / 12 / 20 days, PERT.
    assert!(
        first.iter().any(|r| r == &["9d", "12d", "20d", "pert"]),
        "{first:?}"
    );
    // Back in through CSV and through a workbook, out again: the same estimates.
    let xlsx_path = dir.path().join("tasks.xlsx");
    let out = run(&[
        "export",
        path_arg(&ws),
        "--project",
        project,
        "--as",
        "tasks-xlsx",
        "--out",
        path_arg(&xlsx_path),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    for source in [&csv_path, &xlsx_path] {
        let back = dir.path().join("back.planwright");
        let _ = std::fs::remove_file(&back);
        assert!(run(&["new", path_arg(&back)]).status.success());
        let out = run(&["import", path_arg(source), "--into", path_arg(&back)]);
        assert!(out.status.success(), "{}", stderr(&out));
        let again = dir.path().join("again.csv");
        let out = run(&[
            "export",
            path_arg(&back),
            "--as",
            "tasks-csv",
            "--out",
            path_arg(&again),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(columns(&std::fs::read_to_string(&again).unwrap()), first);
    }
    // A bad estimate names its row and column.
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "name,duration,optimistic,pessimistic\nA,5d,6d,8d\n").unwrap();
    let into = dir.path().join("bad.planwright");
    assert!(run(&["new", path_arg(&into)]).status.success());
    let out = run(&["import", path_arg(&bad), "--into", path_arg(&into)]);
    assert_eq!(out.status.code(), Some(1));
    let message = stderr(&out);
    assert!(
        message.contains("row 2") && message.contains("optimistic"),
        "{message}"
    );
}

#[test]
fn the_risk_register_goes_out_and_comes_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let register = |ws: &std::path::Path| {
        let out = run(&["risks", path_arg(ws), "--json"]);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    let before = register(&ws);
    for (kind, lang) in [("risks-csv", "zh-CN"), ("risks-xlsx", "en")] {
        let file = dir.path().join(format!("register.{}", &kind[6..]));
        let out = run(&[
            "export",
            path_arg(&ws),
            "--as",
            kind,
            "--lang",
            lang,
            "--out",
            path_arg(&file),
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        // Read back into the workspace it came from: every row updates its risk.
        let out = run(&[
            "import",
            path_arg(&file),
            "--into",
            path_arg(&ws),
            "--as",
            kind,
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(register(&ws), before, "{kind}");
    }
    let md = dir.path().join("register.md");
    assert!(
        run(&[
            "export",
            path_arg(&ws),
            "--as",
            "risks-md",
            "--out",
            path_arg(&md)
        ])
        .status
        .success()
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("# 风险登记册") && text.contains("| R-1 |"),
        "{text}"
    );
    // ZenTao's export, recognised by its headers, adds risks with its words read.
    let zentao = dir.path().join("禅道风险.csv");
    std::fs::write(
        &zentao,
        "风险名称,类别,策略,状态,发生概率,影响程度,指派给\n第三方短信通道限流,外部,缓解,激活,3,高,周杰\n",
    )
    .unwrap();
    let out = run(&[
        "import",
        path_arg(&zentao),
        "--into",
        path_arg(&ws),
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&register(&ws)).unwrap();
    let added = v["risks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["title"] == "第三方短信通道限流")
        .expect("imported");
    assert_eq!(added["score"], 12);
    assert_eq!(added["strategy"], "mitigate");
    assert_eq!(added["status"], "identified");
    // A row naming a task that is not there is refused, naming the row; nothing is added.
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "风险名称,项目,发生概率,影响程度,关联任务（UID）\n好,智能客服 App 2.0,2,2,\n坏,智能客服 App 2.0,2,2,99999\n",
    )
    .unwrap();
    let count = v["risks"].as_array().unwrap().len();
    let out = run(&["import", path_arg(&bad), "--into", path_arg(&ws)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("row 3") && stderr(&out).contains("99999"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_str(&register(&ws)).unwrap();
    assert_eq!(v["risks"].as_array().unwrap().len(), count);
}

#[test]
fn the_logs_print_with_the_what_if_of_open_change_requests_and_export_as_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let out = run(&[
        "logs",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["issues"].as_array().unwrap().len(), 3);
    assert_eq!(v["decisions"].as_array().unwrap().len(), 4);
    let requests = v["change_requests"].as_array().unwrap();
    assert_eq!(requests.len(), 2);
    // The implemented one has no what-if; the one being assessed moves the finish.
    assert!(requests[0]["what_if"].is_null());
    assert_eq!(requests[1]["status"], "assessing");
    assert_eq!(requests[1]["what_if"]["finish_days"], 3.0);
    assert_eq!(v["issues"][0]["from_risk"], "R-2");
    assert_eq!(v["decisions"][2]["superseded_by"], "ADR-4");
    let md = dir.path().join("logs.md");
    let out = run(&[
        "export",
        path_arg(&ws),
        "--project",
        "智能客服 App 2.0",
        "--as",
        "logs-md",
        "--out",
        path_arg(&md),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("## 问题日志") && text.contains("ADR-1") && text.contains("CR-2"),
        "{text}"
    );
}

#[test]
fn the_quality_of_a_release_prints_in_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let out = run(&[
        "quality",
        path_arg(&ws),
        "--release",
        "2.0 正式版",
        "--json",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let mut keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "cases",
            "coverage",
            "defects",
            "pass_rate",
            "readiness",
            "release",
            "runs"
        ]
    );
    assert_eq!(v["release"], "2.0 正式版");
    for c in v["coverage"].as_array().unwrap() {
        let s = c["status"].as_str().unwrap();
        assert!(
            ["ok", "nok", "not_run", "unknown", "uncovered"].contains(&s),
            "{s}"
        );
    }
    for s in ["S1", "S2", "S3", "S4"] {
        assert!(v["defects"]["open"][s].is_u64());
    }
    assert!(v["readiness"]["ready"].is_boolean());
    for r in v["readiness"]["rules"].as_array().unwrap() {
        assert!(r["rule"].is_string() && r["met"].is_boolean() && r["failing"].is_array());
    }
    // An unknown release is a usage error naming the releases.
    let out = run(&["quality", path_arg(&ws), "--release", "9.9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2.0 正式版"));
}

#[test]
fn test_cases_and_defects_go_out_and_come_back_and_the_test_report_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("demo.planwright");
    assert!(run(&["new", path_arg(&ws), "--demo"]).status.success());
    let cases = dir.path().join("cases.csv");
    let defects = dir.path().join("defects.xlsx");
    for (kind, out) in [("testcases-csv", &cases), ("defects-xlsx", &defects)] {
        let o = run(&[
            "export",
            path_arg(&ws),
            "--as",
            kind,
            "--out",
            path_arg(out),
        ]);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
    }
    // Into a fresh workspace: every case and defect comes in, suites made from names;
    // links to requirements it lacks are counted, not invented.
    let fresh = dir.path().join("fresh.planwright");
    let o = run(&[
        "import",
        path_arg(&cases),
        "--into",
        path_arg(&fresh),
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["added"]["test_cases"], 81, "{v}");
    assert!(v["added"]["suites"].as_u64().unwrap() >= 8, "{v}");
    assert!(
        v["added"]["unlinked_references"].as_u64().unwrap() > 0,
        "{v}"
    );
    let o = run(&[
        "import",
        path_arg(&defects),
        "--into",
        path_arg(&fresh),
        "--as",
        "defects-xlsx",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["added"]["defects"], 30, "{v}");
    let q = run(&["quality", path_arg(&fresh), "--json"]);
    let q: serde_json::Value = serde_json::from_str(&stdout(&q)).unwrap();
    assert_eq!(q["cases"], 81);
    // Back into the demo: the keys are its own, so the cases are updated, not doubled.
    let o = run(&[
        "import",
        path_arg(&cases),
        "--into",
        path_arg(&ws),
        "--as",
        "testcases-csv",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let q = run(&["quality", path_arg(&ws), "--json"]);
    let q: serde_json::Value = serde_json::from_str(&stdout(&q)).unwrap();
    assert_eq!(q["cases"], 81);

    // A table of another tool's words, mapped on the command line.
    let other = dir.path().join("other.csv");
    std::fs::write(
        &other,
        "名称,做法,结果,级别\n登录,1. 打开\n2. 登录,1. 显示\n2. 成功,P1\n",
    )
    .unwrap();
    let o = run(&[
        "import",
        path_arg(&other),
        "--into",
        path_arg(&fresh),
        "--as",
        "testcases-csv",
        "--column",
        "title=名称",
        "--column",
        "steps=做法",
        "--column",
        "expected=3",
        "--column",
        "priority=级别",
        "--json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&[
        "import",
        path_arg(&other),
        "--into",
        path_arg(&fresh),
        "--as",
        "testcases-csv",
        "--column",
        "name=名称",
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a field"), "{}", stderr(&o));

    // The test report of the release and of a run, in HTML and Markdown.
    for (kind, ext, extra) in [
        ("test-report-html", "html", vec!["--release", "2.0 正式版"]),
        ("test-report-md", "md", vec!["--run", "RUN-3"]),
        ("test-report-pdf", "pdf", vec![]),
        ("testcases-md", "md", vec![]),
    ] {
        let out = dir.path().join(format!("{kind}.{ext}"));
        let mut args = vec![
            "export",
            path_arg(&ws),
            "--as",
            kind,
            "--out",
            path_arg(&out),
        ];
        args.extend(extra);
        let o = run(&args);
        assert!(o.status.success(), "{kind}: {}", stderr(&o));
        let bytes = std::fs::read(&out).unwrap();
        if ext != "pdf" {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains("TC-") || text.contains("RUN-"), "{kind}");
            if kind.starts_with("test-report") {
                assert!(
                    text.contains("测试报告") && text.contains("不可发布"),
                    "{kind}"
                );
            }
        } else {
            assert!(bytes.starts_with(b"%PDF"));
        }
    }
    let o = run(&[
        "export",
        path_arg(&ws),
        "--as",
        "test-report-md",
        "--run",
        "RUN-99",
        "--out",
        path_arg(&dir.path().join("x.md")),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("RUN-99"), "{}", stderr(&o));
}
