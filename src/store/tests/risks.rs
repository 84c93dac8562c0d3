//! The risk register and estimates in the workspace: every change one undoable edit.

use super::*;
use crate::model::estimate::Distribution;
use crate::model::risk::{ResponseAction, RiskFields};

fn demo() -> (tempfile::TempDir, Workspace, ProjectId) {
    let dir = tempfile::tempdir().unwrap();
    let ws = crate::demo::create(&dir.path().join("d.planwright")).unwrap();
    let project = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.fields.name == "智能客服 App 2.0")
        .unwrap()
        .id;
    (dir, ws, project)
}

#[test]
fn a_bulk_change_of_risks_is_one_edit_and_keys_are_never_reused() {
    let (_dir, mut ws, _) = demo();
    let before = ws.risks().unwrap();
    let changed: Vec<_> = before
        .iter()
        .take(3)
        .map(|r| {
            let mut f = r.fields.clone();
            f.owner = "李娜".into();
            (r.id, f)
        })
        .collect();
    ws.apply(Change::UpdateRisks(changed)).unwrap();
    assert_eq!(
        ws.risks()
            .unwrap()
            .iter()
            .filter(|r| r.fields.owner == "李娜")
            .count(),
        3
    );
    ws.undo().unwrap();
    assert_eq!(ws.risks().unwrap(), before);
    // A deleted key is not given to the next risk.
    let last = before.iter().map(|r| r.id).max().unwrap();
    ws.apply(Change::DeleteRisks(vec![last])).unwrap();
    ws.apply(Change::AddRisk(RiskFields::titled("新风险")))
        .unwrap();
    let added = ws.risks().unwrap().into_iter().map(|r| r.id).max().unwrap();
    assert!(added.0 > last.0);
    // An update of a risk that is not there is refused, naming it.
    let err = ws
        .apply(Change::UpdateRisks(vec![(last, RiskFields::titled("x"))]))
        .unwrap_err();
    assert!(err.to_string().contains(&last.key()), "{err}");
}

#[test]
fn a_response_action_becomes_a_linked_task_and_undo_takes_both_back() {
    let (_dir, mut ws, project) = demo();
    let mut f = RiskFields::titled("接口联调环境不稳定");
    f.project = Some(project);
    f.actions = vec![ResponseAction {
        text: "搭建独立联调环境".into(),
        ..Default::default()
    }];
    ws.apply(Change::AddRisk(f)).unwrap();
    let risk = ws
        .risks()
        .unwrap()
        .into_iter()
        .max_by_key(|r| r.id)
        .unwrap();
    let tasks_before = ws.plan(project).unwrap().tasks.len();
    ws.apply(Change::RiskActionToTask {
        risk: risk.id,
        action: 0,
    })
    .unwrap();
    let plan = ws.plan(project).unwrap();
    assert_eq!(plan.tasks.len(), tasks_before + 1);
    let task = plan
        .tasks
        .iter()
        .find(|t| t.fields.name == "搭建独立联调环境")
        .unwrap();
    let now = ws
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.id == risk.id)
        .unwrap();
    assert_eq!(now.fields.actions[0].task, Some(task.id));
    assert!(now.fields.tasks.contains(&task.id));
    // Once is enough: the action has its task.
    assert!(
        ws.apply(Change::RiskActionToTask {
            risk: risk.id,
            action: 0
        })
        .is_err()
    );
    ws.undo().unwrap();
    assert_eq!(ws.plan(project).unwrap().tasks.len(), tasks_before);
    let back = ws
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.id == risk.id)
        .unwrap();
    assert_eq!(back.fields.actions[0].task, None);
}

#[test]
fn estimates_as_a_range_cover_unfinished_work_in_one_edit() {
    let (_dir, mut ws, project) = demo();
    let before = ws.plan(project).unwrap().tasks;
    ws.apply(Change::SetEstimates {
        project,
        only: Vec::new(),
        low_percent: -20,
        high_percent: 50,
        distribution: Distribution::Uniform,
        overwrite: true,
    })
    .unwrap();
    let after = ws.plan(project).unwrap().tasks;
    let summaries: std::collections::HashSet<_> =
        after.iter().filter_map(|t| t.fields.parent).collect();
    for t in &after {
        let f = &t.fields;
        let work = !summaries.contains(&t.id) && !f.milestone && f.actual_finish.is_none();
        match f.estimate {
            Some(e) if work => {
                assert_eq!(e.most_likely, f.duration_minutes);
                assert_eq!(e.optimistic, f.duration_minutes * 80 / 100);
                assert_eq!(e.pessimistic, f.duration_minutes * 150 / 100);
                assert_eq!(e.distribution, Distribution::Uniform);
            }
            None if !work => {}
            // Finished work keeps what it had (the demo's own estimates).
            Some(_) if f.actual_finish.is_some() => {}
            other => panic!("{}: {other:?}", f.name),
        }
    }
    ws.undo().unwrap();
    assert_eq!(ws.plan(project).unwrap().tasks, before);
    // Only the chosen tasks.
    let chosen = after
        .iter()
        .find(|t| {
            t.fields.actual_start.is_none()
                && t.fields.duration_minutes > 0
                && !summaries.contains(&t.id)
        })
        .unwrap()
        .id;
    ws.apply(Change::SetEstimates {
        project,
        only: vec![chosen],
        low_percent: 0,
        high_percent: 100,
        distribution: Distribution::Triangular,
        overwrite: true,
    })
    .unwrap();
    let changed: Vec<_> = ws
        .plan(project)
        .unwrap()
        .tasks
        .into_iter()
        .zip(&before)
        .filter(|(a, b)| a.fields != b.fields)
        .map(|(a, _)| a.id)
        .collect();
    assert_eq!(changed, vec![chosen]);
    ws.undo().unwrap();
    assert!(
        ws.apply(Change::SetEstimates {
            project,
            only: Vec::new(),
            low_percent: 10,
            high_percent: 50,
            distribution: Distribution::Pert,
            overwrite: false,
        })
        .is_err()
    );
}

#[test]
fn an_occurred_risk_becomes_an_issue_once_and_undo_takes_both_back() {
    use crate::model::logs::{LogFields, LogKind};
    let (_dir, mut ws, _) = demo();
    let risk = ws
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.fields.status == "responding")
        .unwrap();
    let issues_before = ws.log_entries(LogKind::Issue).unwrap().len();
    ws.apply(Change::RaiseIssueFromRisk(risk.id)).unwrap();
    let issues = ws.log_entries(LogKind::Issue).unwrap();
    assert_eq!(issues.len(), issues_before + 1);
    let issue = issues.last().unwrap();
    let LogFields::Issue(f) = &issue.fields else {
        panic!("an issue")
    };
    assert_eq!(
        (f.title.as_str(), f.from_risk),
        (risk.fields.title.as_str(), Some(risk.id))
    );
    assert_eq!(issue.project, risk.fields.project);
    let now = ws
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.id == risk.id)
        .unwrap();
    assert_eq!(now.fields.status, "occurred");
    assert!(ws.apply(Change::RaiseIssueFromRisk(risk.id)).is_err());
    assert_eq!(
        ws.next_undo().unwrap().map(|e| e.summary().kind),
        Some(crate::model::edit::EditKind::RaiseIssue)
    );
    ws.undo().unwrap();
    assert_eq!(ws.log_entries(LogKind::Issue).unwrap().len(), issues_before);
    let back = ws
        .risks()
        .unwrap()
        .into_iter()
        .find(|r| r.id == risk.id)
        .unwrap();
    assert_eq!(back.fields.status, "responding");
}

#[test]
fn an_approved_change_request_is_implemented_as_one_edit_as_its_what_if_said() {
    use crate::model::logs::{ChangeRequestFields, LogFields, LogKind, ProposedChange};
    let (_dir, mut ws, project_id) = demo();
    let project = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.id == project_id)
        .unwrap();
    let plan = ws.plan(project_id).unwrap();
    let task = plan
        .tasks
        .iter()
        .find(|t| t.fields.name.contains("性能与压力测试"))
        .unwrap();
    let changes = vec![
        ProposedChange::Duration {
            task: task.id,
            minutes: task.fields.duration_minutes + 3 * 480,
        },
        ProposedChange::NewTask {
            name: "压测报告评审".into(),
            minutes: 480,
            after: Some(task.id),
            before: None,
        },
    ];
    let fields = |status: &str| {
        LogFields::Change(ChangeRequestFields {
            title: "压测延长 3 天".into(),
            status: status.into(),
            changes: changes.clone(),
            ..Default::default()
        })
    };
    ws.apply(Change::AddLogEntry {
        project: Some(project_id),
        fields: fields("submitted"),
    })
    .unwrap();
    let id = ws.log_entries(LogKind::Change).unwrap().last().unwrap().id;
    // Not approved yet: refused, nothing changes.
    let err = ws.apply(Change::ImplementChangeRequest(id)).unwrap_err();
    assert!(err.to_string().contains(&id.key()), "{err}");
    ws.apply(Change::UpdateLogEntry {
        id,
        fields: fields("approved"),
    })
    .unwrap();
    let inputs = ws.plan_inputs(&project).unwrap();
    let predicted = crate::report::what_if::what_if(&project, &inputs, &changes).unwrap();
    let tasks_before = ws.plan(project_id).unwrap().tasks.len();
    ws.apply(Change::ImplementChangeRequest(id)).unwrap();
    let after = ws.plan(project_id).unwrap();
    assert_eq!(after.tasks.len(), tasks_before + 1);
    let finish = ws
        .compute_schedule(&project)
        .unwrap()
        .iter()
        .map(|s| s.early_finish)
        .max()
        .unwrap();
    assert_eq!(finish, predicted.finish_after);
    let entry = ws.log_entries(LogKind::Change).unwrap().pop().unwrap();
    assert_eq!(entry.fields.status(), "implemented");
    assert_eq!(
        ws.next_undo().unwrap().map(|e| e.summary().kind),
        Some(crate::model::edit::EditKind::ImplementChange)
    );
    // One undo takes the plan changes and the status back.
    ws.undo().unwrap();
    assert_eq!(ws.plan(project_id).unwrap().tasks.len(), tasks_before);
    assert_eq!(
        ws.log_entries(LogKind::Change)
            .unwrap()
            .pop()
            .unwrap()
            .fields
            .status(),
        "approved"
    );
}

#[test]
fn correlated_tasks_are_kept_per_project_and_widen_the_simulated_spread() {
    use crate::model::simulation::{Control, Correlation};
    use crate::report::schedule_risk::Simulation;
    let (_dir, mut ws, project_id) = demo();
    let project = ws
        .projects()
        .unwrap()
        .into_iter()
        .find(|p| p.id == project_id)
        .unwrap();
    let spread = |ws: &Workspace| {
        let r = Simulation::read(ws, &project)
            .unwrap()
            .run(3000, 5, &Control::default())
            .unwrap()
            .unwrap();
        r.duration_days.p90 - r.duration_days.p10
    };
    let apart = spread(&ws);
    // Every estimated task in one group, moving together.
    let estimated: Vec<_> = ws
        .plan(project_id)
        .unwrap()
        .tasks
        .iter()
        .filter(|t| t.fields.estimate.is_some() && t.fields.actual_finish.is_none())
        .map(|t| t.id)
        .collect();
    assert!(
        ws.apply(Change::SetCorrelations {
            project: project_id,
            groups: vec![Correlation {
                tasks: estimated[..1].to_vec(),
                coefficient: 0.9,
            }],
        })
        .is_err(),
        "one task is not a group"
    );
    ws.apply(Change::SetCorrelations {
        project: project_id,
        groups: vec![Correlation {
            tasks: estimated,
            coefficient: 0.9,
        }],
    })
    .unwrap();
    assert_eq!(ws.correlations(project_id).unwrap().len(), 1);
    let together = spread(&ws);
    assert!(together > apart * 1.2, "{together} vs {apart}");
    ws.undo().unwrap();
    assert!(ws.correlations(project_id).unwrap().is_empty());
}

#[test]
fn the_register_settings_are_undoable_and_move_the_bands() {
    use crate::model::risk::{Band, Bands};
    let (_dir, mut ws, _) = demo();
    let register =
        |ws: &Workspace| crate::report::risk_register::Register::build(ws, None).unwrap();
    let twelve = register(&ws)
        .risks
        .iter()
        .find(|r| r.fields.score() == 12)
        .map(|r| r.id)
        .unwrap();
    let band_of = |ws: &Workspace| {
        let reg = register(ws);
        let r = reg.risks.iter().find(|r| r.id == twelve).unwrap().clone();
        reg.band(&r)
    };
    assert_eq!(band_of(&ws), Band::Medium);
    ws.apply(Change::SetRiskBands(Bands {
        medium_from: 5,
        high_from: 12,
    }))
    .unwrap();
    assert_eq!(band_of(&ws), Band::High);
    assert!(
        ws.apply(Change::SetRiskBands(Bands {
            medium_from: 12,
            high_from: 12,
        }))
        .is_err()
    );
    ws.undo().unwrap();
    assert_eq!(band_of(&ws), Band::Medium);
    // Categories of the workspace's own: trimmed, once, never a built-in one.
    ws.apply(Change::SetRiskCategories(vec![
        " 合规 ".into(),
        "合规".into(),
        "technical".into(),
        "".into(),
    ]))
    .unwrap();
    assert_eq!(ws.risk_categories().unwrap(), vec!["合规".to_owned()]);
    ws.undo().unwrap();
    assert!(ws.risk_categories().unwrap().is_empty());
}

#[test]
fn marking_risks_occurred_raises_their_issues_in_the_same_edit() {
    use crate::model::logs::{LogFields, LogKind};
    let (_dir, mut ws, _) = demo();
    let open: Vec<_> = ws
        .risks()
        .unwrap()
        .into_iter()
        .filter(|r| r.fields.is_open())
        .take(3)
        .collect();
    let issues = |ws: &Workspace| ws.log_entries(LogKind::Issue).unwrap();
    let before = issues(&ws).len();
    // One by its editor's status.
    let mut f = open[0].fields.clone();
    f.status = "occurred".into();
    ws.apply(Change::UpdateRisk {
        id: open[0].id,
        fields: f,
    })
    .unwrap();
    assert_eq!(issues(&ws).len(), before + 1);
    // Two at once by a bulk edit: two issues with their own keys.
    let both = open[1..]
        .iter()
        .map(|r| {
            let mut f = r.fields.clone();
            f.status = "occurred".into();
            (r.id, f)
        })
        .collect();
    ws.apply(Change::UpdateRisks(both)).unwrap();
    let now = issues(&ws);
    assert_eq!(now.len(), before + 3);
    let mut keys: Vec<String> = now.iter().map(|e| e.id.key()).collect();
    keys.dedup();
    assert_eq!(keys.len(), now.len());
    let from: Vec<_> = now
        .iter()
        .filter_map(|e| match &e.fields {
            LogFields::Issue(i) => i.from_risk,
            _ => None,
        })
        .collect();
    for r in &open {
        assert!(from.contains(&r.id));
    }
    // One undo per edit takes them back.
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(issues(&ws).len(), before);
}
