//! Workspace files: create, open, read-only second openers, upgrades with a backup, files refused unchanged, save as.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

#[test]
fn history_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    create(&mut ws, "乙");
    ws.undo().unwrap();
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(names(&ws), ["甲"]);
    ws.redo().unwrap();
    assert_eq!(names(&ws).len(), 2);
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert!(names(&ws).is_empty());
}

#[test]
fn an_acknowledged_edit_is_on_disk_without_a_clean_shutdown() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    // Simulate a killed process: no destructor, no close, no checkpoint.
    std::mem::forget(ws);
    let conn =
        Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let n: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM projects WHERE name = '甲'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 1);
}

#[test]
fn second_opener_is_read_only_and_sees_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut writer) = new_ws(&dir);
    let mut reader = Workspace::open(&path).unwrap();
    assert!(!writer.is_read_only());
    assert!(reader.is_read_only());
    assert!(matches!(
        reader.apply(Change::CreateProject(fields("乙"))),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(matches!(reader.undo(), Err(StoreError::ReadOnly { .. })));
    create(&mut writer, "甲");
    assert!(reader.notice_outside_changes().unwrap());
    assert_eq!(names(&reader), ["甲"]);
    assert!(
        !writer.notice_outside_changes().unwrap(),
        "own edits are not outside changes"
    );
    drop(writer);
    drop(reader);
    let again = Workspace::open(&path).unwrap();
    assert!(!again.is_read_only(), "the lock goes with its holder");
}

#[test]
fn create_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("exists.planwright");
    std::fs::write(&path, b"mine").unwrap();
    assert!(matches!(
        Workspace::create(&path),
        Err(StoreError::AlreadyExists { .. })
    ));
    assert_eq!(std::fs::read(&path).unwrap(), b"mine");
}

#[test]
fn demo_workspace_has_projects_and_no_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.planwright");
    let ws = crate::demo::create(&path).unwrap();
    assert!(ws.projects().unwrap().len() >= 3);
    assert!(ws.next_undo().unwrap().is_none());
    assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
}

/// Writes a workspace at an older schema version, as an older Planwright would have.
fn workspace_at_version(path: &Path, version: u32) {
    let mut conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    schema::migrations()
        .to_version(&mut conn, version as usize)
        .unwrap();
    if version >= 1 {
        conn.execute(
            "INSERT INTO projects (name, start_date, calendar_id, created_at)
             VALUES ('旧项目', '2025-03-01', 1, '2025-02-01T09:00:00')",
            [],
        )
        .unwrap();
    }
}

#[test]
fn every_older_version_upgrades_with_a_backup() {
    for version in 1..schema::LATEST_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.planwright");
        workspace_at_version(&path, version);
        let mut ws = Workspace::open(&path).unwrap();
        assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
        assert_eq!(names(&ws), ["旧项目"], "data kept from version {version}");
        // The backup is the file as it was: old version, same data.
        let backup = Connection::open(backup_path(&path, version)).unwrap();
        let v: u32 = backup
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, version);
        let name: String = backup
            .query_row("SELECT name FROM projects", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "旧项目");
        // The upgraded file is fully usable.
        create(&mut ws, "新项目");
        ws.undo().unwrap();
    }
}

#[test]
fn version_zero_sqlite_with_our_id_upgrades_from_scratch() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v0.planwright");
    workspace_at_version(&path, 0);
    // A brand-new SQLite file with only the header written has no pages counted yet;
    // give it one table so it is a real database at version 0.
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE scratch (x); DROP TABLE scratch;")
        .unwrap();
    let ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.schema_version().unwrap(), schema::LATEST_VERSION);
    assert!(ws.calendars().unwrap().len() >= 3);
}

fn assert_refused_unchanged(path: &Path, check: impl Fn(&StoreError) -> bool) {
    let before = std::fs::read(path).unwrap();
    let unchanged = |now: Vec<u8>| now == before;
    let err = Workspace::open(path).expect_err("must refuse");
    assert!(check(&err), "unexpected error: {err}");
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "message names the file: {err}"
    );
    let err_ro = Workspace::open_read_only(path).expect_err("must refuse read-only too");
    assert!(check(&err_ro), "unexpected error: {err_ro}");
    assert!(unchanged(std::fs::read(path).unwrap()), "file untouched");
    let mut siblings: Vec<_> = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    siblings.sort();
    assert_eq!(siblings.len(), 1, "no side files left: {siblings:?}");
}

#[test]
fn refuses_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.planwright");
    std::fs::write(&path, b"").unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Empty { .. }));
}

#[test]
fn refuses_random_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.planwright");
    let mut x: u32 = 0x9e37_79b9;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    std::fs::write(&path, bytes).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::NotSqlite { .. }));
}

#[test]
fn refuses_another_programs_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    assert_refused_unchanged(&path, |e| {
        matches!(e, StoreError::OtherApplication { app_id: 0, .. })
    });
}

#[test]
fn refuses_truncated_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full.planwright");
    drop(crate::demo::create(&full).unwrap());
    let bytes = std::fs::read(&full).unwrap();
    let cut_dir = tempfile::tempdir().unwrap();
    let path = cut_dir.path().join("cut.planwright");
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Truncated { .. }));
    std::fs::write(&path, &bytes[..60]).unwrap();
    assert_refused_unchanged(&path, |e| matches!(e, StoreError::Truncated { .. }));
}

#[test]
fn refuses_newer_version() {
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("made.planwright");
    drop(Workspace::create(&made).unwrap());
    let c = Connection::open(&made).unwrap();
    c.pragma_update(None, "user_version", schema::LATEST_VERSION + 1)
        .unwrap();
    drop(c);
    let other = tempfile::tempdir().unwrap();
    let path = other.path().join("future.planwright");
    std::fs::copy(&made, &path).unwrap();
    assert_refused_unchanged(
        &path,
        |e| matches!(e, StoreError::NewerVersion { found, .. } if *found == schema::LATEST_VERSION + 1),
    );
}

#[test]
fn missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.planwright");
    let err = Workspace::open(&path).unwrap_err();
    assert!(matches!(err, StoreError::Missing { .. }));
    assert!(!path.exists());
}

#[test]
fn save_copy_makes_an_identical_workspace_and_cancel_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    let copy = dir.path().join("copy.planwright");
    assert!(save_copy(&path, &copy, |_, _| true).unwrap());
    drop(ws);
    let c = Workspace::open(&copy).unwrap();
    assert_eq!(names(&c), ["甲"]);
    assert!(
        c.next_undo().unwrap().is_some(),
        "history travels with the copy"
    );

    let cancelled = dir.path().join("cancelled.planwright");
    assert!(!save_copy(&path, &cancelled, |_, _| false).unwrap());
    assert!(!cancelled.exists());
    let leftovers = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .map(|e| e.file_name().to_string_lossy().starts_with(".planwright"))
                .unwrap_or(false)
        })
        .count();
    assert_eq!(leftovers, 0);
}
