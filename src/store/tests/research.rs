//! Surveys, notes, feedback and requirements: undoable imports and edits, the pool's fields and settings.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

#[test]
fn a_survey_import_is_one_undoable_edit_and_delete_keeps_it_for_undo() {
    use crate::model::survey::{Answers, Question, QuestionKind, Survey};
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let survey = Survey {
        name: "满意度".into(),
        source: "generic".into(),
        responses: 3,
        questions: vec![Question {
            key: "Q1".into(),
            title: "推荐意愿".into(),
            kind: QuestionKind::Nps,
            options: Vec::new(),
            scale: Some((0.0, 10.0)),
            kind_set_by_user: false,
        }],
        answers: vec![Answers::numbers(vec![Some(10.0), None, Some(3.0)])],
        other_text: vec![(0, vec![None, Some("无".into()), None])],
    };
    ws.apply(Change::ImportSurvey(survey.clone())).unwrap();
    let list = ws.surveys().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        ws.survey(list[0].id).unwrap().as_ref(),
        Some(&survey),
        "read back whole"
    );
    ws.undo().unwrap();
    assert!(ws.surveys().unwrap().is_empty());
    ws.redo().unwrap();
    let id = ws.surveys().unwrap()[0].id;
    ws.apply(Change::DeleteSurvey(id)).unwrap();
    assert!(ws.surveys().unwrap().is_empty());
    assert_eq!(ws.survey(id).unwrap(), None);
    ws.undo().unwrap();
    assert_eq!(ws.survey(id).unwrap().as_ref(), Some(&survey));
    assert!(
        ws.apply(Change::DeleteSurvey(crate::model::survey::SurveyId(99)))
            .is_err()
    );
}

#[test]
fn notes_feedback_and_requirements_are_undoable_and_deleting_a_note_takes_its_feedback() {
    use crate::model::research::{
        FeedbackFields, FeedbackLink, FeedbackOrigin, NoteFields, NoteKind, RequirementFields,
        RequirementId, demand,
    };
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    ws.apply(Change::AddRequirement(RequirementFields::titled(
        "离线查看工单",
    )))
    .unwrap();
    let req = ws.requirements().unwrap()[0].id;
    assert_eq!(req.key(), format!("REQ-{}", req.0));
    let note = NoteFields {
        kind: NoteKind::Interview,
        title: "客服主管访谈".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 20),
        participants: "王芳".into(),
        segment: "中型电商".into(),
        text: "地铁上没网时看不了工单。".into(),
        tags: vec!["移动端".into()],
        quotes: vec!["没网就什么都做不了".into()],
    };
    ws.apply(Change::AddNote(note.clone())).unwrap();
    let note_id = ws.notes().unwrap()[0].id;
    assert_eq!(ws.notes().unwrap()[0].fields, note, "read back whole");
    let item = FeedbackFields {
        text: "没网就什么都做不了".into(),
        origin: FeedbackOrigin::Quote { note: note_id },
        customer: "王芳".into(),
        segment: "中型电商".into(),
        links: vec![FeedbackLink {
            requirement: req,
            importance: 3,
        }],
    };
    ws.apply(Change::AddFeedback {
        fields: item.clone(),
        new_requirement: None,
    })
    .unwrap();
    let items = ws.feedback().unwrap();
    assert_eq!(items[0].fields, item);
    assert_eq!(demand(&items)[&req].score, 3);
    // A link to a requirement that does not exist is refused; nothing changes.
    let bad = FeedbackFields {
        links: vec![FeedbackLink {
            requirement: RequirementId(999),
            importance: 1,
        }],
        ..item.clone()
    };
    assert!(matches!(
        ws.apply(Change::AddFeedback {
            fields: bad,
            new_requirement: None
        }),
        Err(StoreError::Gone(_))
    ));
    // Feedback with a requirement made for it: one step, undone together.
    let manual = FeedbackFields {
        text: "希望支持工单批量导出".into(),
        origin: FeedbackOrigin::Manual,
        customer: "某客户".into(),
        segment: String::new(),
        links: Vec::new(),
    };
    ws.apply(Change::AddFeedback {
        fields: manual,
        new_requirement: Some((RequirementFields::titled("工单批量导出"), 2)),
    })
    .unwrap();
    let made = ws.requirements().unwrap()[1].id;
    assert_eq!(
        ws.feedback().unwrap()[0].fields.importance_for(made),
        Some(2)
    );
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap().len(), 1);
    // Deleting the note takes its feedback along, as one step.
    ws.apply(Change::DeleteNote(note_id)).unwrap();
    assert!(ws.notes().unwrap().is_empty() && ws.feedback().unwrap().is_empty());
    assert_eq!(
        ws.recent_edits(1).unwrap()[0].edit.summary().kind,
        crate::model::edit::EditKind::DeleteNote
    );
    ws.undo().unwrap();
    assert_eq!(ws.notes().unwrap().len(), 1);
    assert_eq!(ws.feedback().unwrap()[0].fields, item);
    // Survives a reopen; undo back to nothing.
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.feedback().unwrap().len(), 1);
    for _ in 0..3 {
        ws.undo().unwrap();
    }
    assert!(ws.requirements().unwrap().is_empty() && ws.notes().unwrap().is_empty());
    ws.redo().unwrap();
    assert_eq!(ws.requirements().unwrap()[0].id, req, "the same key again");
}

#[test]
fn a_question_kind_set_by_the_user_is_kept_and_undoable() {
    use crate::model::survey::{Answers, Question, QuestionKind, Survey};
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    let survey = Survey {
        name: "城市".into(),
        source: "generic".into(),
        responses: 3,
        questions: vec![Question {
            key: "Q1".into(),
            title: "所在城市".into(),
            kind: QuestionKind::Text,
            options: Vec::new(),
            scale: None,
            kind_set_by_user: false,
        }],
        answers: vec![Answers::text(vec![
            Some("北京"),
            Some("上海"),
            Some("北京"),
        ])],
        other_text: Vec::new(),
    };
    ws.apply(Change::ImportSurvey(survey)).unwrap();
    let id = ws.surveys().unwrap()[0].id;
    ws.apply(Change::SetQuestionKind {
        survey: id,
        question: 0,
        kind: QuestionKind::Single,
    })
    .unwrap();
    let read = |ws: &Workspace| ws.survey(id).unwrap().unwrap();
    let s = read(&ws);
    assert_eq!(s.questions[0].kind, QuestionKind::Single);
    assert!(s.questions[0].kind_set_by_user);
    assert_eq!(s.questions[0].options, ["北京", "上海"]);
    assert_eq!(s.stats(0, None).unwrap().options[0], ("北京".into(), 2));
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(read(&ws).questions[0].kind, QuestionKind::Single, "kept");
    ws.undo().unwrap();
    let s = read(&ws);
    assert_eq!(s.questions[0].kind, QuestionKind::Text);
    assert!(!s.questions[0].kind_set_by_user);
    assert_eq!(s.answers[0].text_at(1), Some("上海"));
}

#[test]
fn requirements_keep_their_pool_fields_and_delete_with_their_subtree_and_links() {
    use crate::model::requirement::{Criterion, Moscow, ReleaseFields, RequirementFields};
    use crate::model::research::{FeedbackFields, FeedbackLink, FeedbackOrigin};
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    ws.apply(Change::AddRelease(ReleaseFields {
        name: "2.1 移动端".into(),
        version: "2.1.0".into(),
        target: chrono::NaiveDate::from_ymd_opt(2027, 3, 31),
        status: "planned".into(),
    }))
    .unwrap();
    let release = ws.releases().unwrap()[0].id;
    let mut epic = RequirementFields::titled("移动端工作台");
    epic.kind = "feature".into();
    epic.release = Some(release);
    ws.apply(Change::AddRequirement(epic)).unwrap();
    let epic = ws.requirements().unwrap()[0].id;
    let mut story = RequirementFields::titled("手机处理工单");
    story.parent = Some(epic);
    story.owner = "王芳".into();
    story.tags = vec!["移动端".into()];
    story.acceptance = vec![Criterion {
        done: false,
        text: "断网可查看".into(),
    }];
    story.scores.moscow = Some(Moscow::Must);
    story.scores.reach = Some(1000.0);
    story.scores.impact = Some(2.0);
    story.scores.confidence = Some(80.0);
    story.scores.effort = Some(2.0);
    ws.apply(Change::AddRequirement(story.clone())).unwrap();
    let story_id = ws.requirements().unwrap()[1].id;
    ws.apply(Change::AddFeedback {
        fields: FeedbackFields {
            text: "想在手机上回工单".into(),
            origin: FeedbackOrigin::Manual,
            customer: String::new(),
            segment: String::new(),
            links: vec![FeedbackLink {
                requirement: story_id,
                importance: 3,
            }],
        },
        new_requirement: None,
    })
    .unwrap();
    // Read back whole after a reopen, scores included.
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    let read = ws.requirements().unwrap()[1].fields.clone();
    assert_eq!(read, story.normalized().unwrap());
    assert_eq!(read.scores.rice(), Some(800.0));
    // Deleting the epic takes the story and the feedback's link, in one step.
    ws.apply(Change::DeleteRequirements(vec![epic])).unwrap();
    assert!(ws.requirements().unwrap().is_empty());
    assert!(ws.feedback().unwrap()[0].fields.links.is_empty());
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap().len(), 2);
    assert_eq!(ws.feedback().unwrap()[0].fields.links.len(), 1);
    // Deleting the release leaves the epic without one.
    ws.apply(Change::DeleteRelease(release)).unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.release, None);
    ws.undo().unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.release, Some(release));
}

#[test]
fn planning_requirements_makes_linked_tasks_in_one_undoable_step() {
    use crate::model::requirement::RequirementFields;
    let dir = tempfile::tempdir().unwrap();
    let (_, mut ws) = new_ws(&dir);
    let project = create(&mut ws, "移动端 3.1");
    for title in ["离线查看工单", "推送提醒"] {
        ws.apply(Change::AddRequirement(RequirementFields::titled(title)))
            .unwrap();
    }
    let ids: Vec<_> = ws.requirements().unwrap().iter().map(|r| r.id).collect();
    ws.apply(Change::Many(vec![
        Change::PlanRequirements {
            project,
            requirements: ids.clone(),
        },
        Change::Reschedule(project),
    ]))
    .unwrap();
    let plan = ws.plan(project).unwrap();
    assert_eq!(plan.tasks.len(), 2);
    let reqs = ws.requirements().unwrap();
    for (r, t) in reqs.iter().zip(&plan.tasks) {
        assert_eq!(r.fields.tasks, vec![t.id]);
        assert_eq!(t.fields.name, r.fields.title);
    }
    let names = ws.task_names(&[plan.tasks[0].id]).unwrap();
    assert_eq!(names[&plan.tasks[0].id].0, "离线查看工单");
    ws.undo().unwrap();
    assert!(ws.plan(project).unwrap().tasks.is_empty());
    assert!(
        ws.requirements()
            .unwrap()
            .iter()
            .all(|r| r.fields.tasks.is_empty())
    );
}

#[test]
fn the_workflow_and_custom_fields_are_settings_of_the_workspace() {
    use crate::model::pool_settings::{CustomField, CustomKind, PoolSettings, StatusDef};
    use crate::model::requirement::RequirementFields;
    let dir = tempfile::tempdir().unwrap();
    let (path, mut ws) = new_ws(&dir);
    assert_eq!(ws.pool_settings().unwrap(), PoolSettings::default());
    let settings = PoolSettings {
        statuses: vec![
            StatusDef {
                code: "idea".into(),
                name: "想法".into(),
                closed: false,
            },
            StatusDef {
                code: "review".into(),
                name: String::new(),
                closed: false,
            },
        ],
        fields: vec![CustomField {
            id: String::new(),
            name: "客户数".into(),
            kind: CustomKind::Number,
            options: Vec::new(),
        }],
        mappings: Vec::new(),
    };
    ws.apply(Change::SetPoolSettings(settings)).unwrap();
    let field = ws.pool_settings().unwrap().fields[0].id.clone();
    let mut f = RequirementFields::titled("批量导出");
    f.custom.insert(field.clone(), "很多".into());
    assert!(matches!(
        ws.apply(Change::AddRequirement(f.clone())),
        Err(StoreError::Settings(_))
    ));
    f.custom.insert(field.clone(), " 12 ".into());
    ws.apply(Change::AddRequirement(f)).unwrap();
    drop(ws);
    let mut ws = Workspace::open(&path).unwrap();
    assert_eq!(ws.requirements().unwrap()[0].fields.custom[&field], "12");
    assert_eq!(ws.pool_settings().unwrap().statuses[0].name, "想法");
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.pool_settings().unwrap(), PoolSettings::default());
}
