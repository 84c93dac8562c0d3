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
    assert_eq!(json["schema_version"], 2);
    assert_eq!(json["projects"], 4);
    assert_eq!(json["counts"]["projects"], 4);
    assert_eq!(json["counts"]["calendars"], 3);
    assert_eq!(json["counts"]["edits"], 0);
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
    let _writer = planwright::store::Workspace::create_demo(&ws).unwrap();
    let out = run(&["info", path_arg(&ws), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
