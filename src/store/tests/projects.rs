//! Projects and the edit history: create, rename, delete, undo and redo, refused changes.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

#[test]
fn create_rename_delete_each_undo_and_redo() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = create(&mut ws, "甲");
    let mut renamed = fields("乙");
    renamed.start_date = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    ws.apply(Change::UpdateProject {
        id,
        fields: renamed,
    })
    .unwrap();
    ws.apply(Change::DeleteProject(id)).unwrap();
    assert!(names(&ws).is_empty());

    ws.undo().unwrap();
    assert_eq!(names(&ws), ["乙"]);
    assert_eq!(
        ws.projects().unwrap()[0].fields.start_date,
        NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()
    );
    ws.undo().unwrap();
    assert_eq!(names(&ws), ["甲"]);
    ws.undo().unwrap();
    assert!(names(&ws).is_empty());
    assert!(matches!(ws.undo(), Err(StoreError::NothingToUndo)));

    ws.redo().unwrap();
    assert_eq!(names(&ws), ["甲"]);
    assert_eq!(ws.projects().unwrap()[0].id, id, "redo keeps the id");
    ws.redo().unwrap();
    ws.redo().unwrap();
    assert!(names(&ws).is_empty());
    assert!(matches!(ws.redo(), Err(StoreError::NothingToRedo)));
}

#[test]
fn a_new_edit_clears_the_redo_history() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    create(&mut ws, "甲");
    create(&mut ws, "乙");
    ws.undo().unwrap();
    assert!(ws.next_redo().unwrap().is_some());
    create(&mut ws, "丙");
    assert!(ws.next_redo().unwrap().is_none());
    assert!(matches!(ws.redo(), Err(StoreError::NothingToRedo)));
    let mut got = names(&ws);
    got.sort();
    assert_eq!(got, ["丙", "甲"]);
}

#[test]
fn deleted_ids_are_never_reused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let a = create(&mut ws, "甲");
    ws.undo().unwrap();
    let b = create(&mut ws, "乙");
    assert_ne!(a, b);
}

#[test]
fn bad_changes_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let id = create(&mut ws, "甲");
    let before = ws.revision();
    let dup = ws.apply(Change::CreateProject(fields(" 甲 ")));
    assert!(matches!(
        dup,
        Err(StoreError::Project(ProjectProblem::DuplicateName(_)))
    ));
    let blank = ws.apply(Change::CreateProject(fields("  ")));
    assert!(matches!(
        blank,
        Err(StoreError::Project(ProjectProblem::EmptyName))
    ));
    let mut no_cal = fields("乙");
    no_cal.calendar = CalendarId(999);
    assert!(matches!(
        ws.apply(Change::CreateProject(no_cal)),
        Err(StoreError::Project(ProjectProblem::UnknownCalendar))
    ));
    assert!(matches!(
        ws.apply(Change::DeleteProject(ProjectId(id.0 + 100))),
        Err(StoreError::Project(ProjectProblem::UnknownProject))
    ));
    assert_eq!(ws.revision(), before);
    let edits = ws
        .counts()
        .unwrap()
        .into_iter()
        .find(|c| c.entity == "edits")
        .unwrap();
    assert_eq!(edits.count, 1, "only the first edit is logged");
    // Renaming to its own name is fine.
    ws.apply(Change::UpdateProject {
        id,
        fields: fields("甲"),
    })
    .unwrap();
}
