//! The Gantt page's keys and clipboard: insert, delete, indent, link, copy and paste rows
//! as tab-separated text (Excel and MS Project read it).

use super::GanttState;
use crate::context::action::Action;
use crate::model::schedule::LinkKind;
use crate::model::{Change, TaskId};
use crate::report::plan_view::PlanView;
use crate::ui::FrameModel;
use crate::ui::ViewCx;
use chrono::NaiveDateTime;

/// A new task after the selected one (or at the end), rescheduled at once.
pub(super) fn add_task(m: &FrameModel<'_>, plan: &PlanView, after: Option<TaskId>) -> Action {
    Action::Apply(Change::Many(vec![
        Change::AddTask {
            project: plan.project,
            after,
            fields: crate::model::TaskFields {
                name: m.t("gantt.new_task_name"),
                ..crate::model::TaskFields::default()
            },
        },
        Change::Reschedule(plan.project),
    ]))
}

/// Keys of the Gantt, when no text field has the keyboard: Insert, Delete,
/// Alt+Shift+→/← (indent, outdent), ↑/↓ to move the selection.
pub(super) fn keyboard(
    ui: &egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    plan: &PlanView,
    visible: &[usize],
    state: &mut GanttState,
) {
    if ui.ctx().egui_wants_keyboard_input() || m.view.is_none() {
        return;
    }
    let writable = m.view.is_some_and(|v| !v.read_only);
    let alt_shift = egui::Modifiers::ALT | egui::Modifiers::SHIFT;
    let indent = egui::KeyboardShortcut::new(alt_shift, egui::Key::ArrowRight);
    let outdent = egui::KeyboardShortcut::new(alt_shift, egui::Key::ArrowLeft);
    let link = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::F2);
    let unlink = egui::KeyboardShortcut::new(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::F2,
    );
    let (insert, delete, up, down, ind, outd, do_unlink, do_link) = ui.ctx().input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::Insert),
            i.consume_key(egui::Modifiers::NONE, egui::Key::Delete),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_shortcut(&indent),
            i.consume_shortcut(&outdent),
            i.consume_shortcut(&unlink),
            i.consume_shortcut(&link),
        )
    });
    // Copy: the selected rows as tab-separated text, which Excel pastes as cells.
    let (copied, pasted) = ui.ctx().input(|i| {
        let copied = i.events.iter().any(|e| matches!(e, egui::Event::Copy));
        let pasted = i.events.iter().find_map(|e| match e {
            egui::Event::Paste(text) => Some(text.clone()),
            _ => None,
        });
        (copied, pasted)
    });
    if copied && state.selected.is_some() {
        ui.ctx().copy_text(rows_as_tsv(plan, &state.selection()));
    }
    if let Some(text) = pasted.filter(|_| writable)
        && let Some(change) = paste_change(plan, state.selected, &text)
    {
        actions.push(Action::Apply(change));
    }
    let current = state
        .selected
        .and_then(|id| visible.iter().position(|&r| plan.rows[r].task == id));
    if up || down {
        let next = match (current, up) {
            (Some(k), true) => k.saturating_sub(1),
            (Some(k), false) => (k + 1).min(visible.len().saturating_sub(1)),
            (None, _) => 0,
        };
        if let Some(&r) = visible.get(next) {
            state.selected = Some(plan.rows[r].task);
            // Keep the selection on screen.
            if (next as f32) < state.first_row {
                state.first_row = next as f32;
            } else if next as f32 > state.first_row + 20.0 {
                state.first_row = next as f32 - 10.0;
            }
        }
    }
    if !writable {
        return;
    }
    if insert {
        actions.push(add_task(m, plan, state.selected));
    }
    let Some(selected) = state
        .selected
        .filter(|id| plan.rows.iter().any(|r| r.task == *id))
    else {
        return;
    };
    let change = if delete {
        Some(Change::DeleteTasks(state.selection()))
    } else if do_link {
        link_change(plan, &state.selection(), true)
    } else if do_unlink {
        link_change(plan, &state.selection(), false)
    } else if ind {
        Some(Change::Indent(selected))
    } else if outd {
        Some(Change::Outdent(selected))
    } else {
        None
    };
    if let Some(change) = change {
        actions.push(Action::Apply(Change::Many(vec![
            change,
            Change::Reschedule(plan.project),
        ])));
    }
}

/// Selected rows as TSV: a header, then ID, name, duration, start, finish,
/// predecessors and resources per row, in outline order.
pub(super) fn rows_as_tsv(plan: &PlanView, selection: &[TaskId]) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let date = |t: Option<NaiveDateTime>| {
        t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
            .unwrap_or_default()
    };
    let mut out = String::from("ID\tName\tDuration\tStart\tFinish\tPredecessors\tResource Names\n");
    for (i, r) in plan
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| selection.contains(&r.task))
    {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            i + 1,
            clean(&r.name),
            r.duration,
            date(r.start),
            date(r.finish),
            r.predecessors,
            clean(&r.resources)
        ));
    }
    out
}

/// Pasted cells become new tasks after the selected one, in their order.
pub(super) fn paste_change(plan: &PlanView, after: Option<TaskId>, text: &str) -> Option<Change> {
    let pasted = crate::io::tasks_csv::pasted_tasks(text);
    if pasted.is_empty() {
        return None;
    }
    let mut changes: Vec<Change> = Vec::with_capacity(pasted.len() + 1);
    match after {
        // Each right after the selection, last first, so they end up in order.
        Some(_) => changes.extend(pasted.into_iter().rev().map(|fields| Change::AddTask {
            project: plan.project,
            after,
            fields,
        })),
        None => changes.extend(pasted.into_iter().map(|fields| Change::AddTask {
            project: plan.project,
            after: None,
            fields,
        })),
    }
    changes.push(Change::Reschedule(plan.project));
    Some(Change::Many(changes))
}

/// Ctrl+F2 links the selected tasks in the order they were picked (finish-to-start);
/// Ctrl+Shift+F2 removes the links between them.
pub(super) fn link_change(plan: &PlanView, selection: &[TaskId], link: bool) -> Option<Change> {
    if selection.len() < 2 {
        return None;
    }
    let mut changes: Vec<Change> = Vec::new();
    if link {
        for pair in selection.windows(2) {
            changes.push(Change::Link {
                predecessor: pair[0],
                successor: pair[1],
                kind: LinkKind::FinishToStart,
                lag: 0,
                lag_unit: crate::model::TimeUnit::Days,
            });
        }
    } else {
        for &task in selection {
            let keep: Vec<crate::model::PredecessorSpec> = plan
                .rows
                .iter()
                .find(|r| r.task == task)
                .map(|r| {
                    crate::model::task::parse_predecessors(&r.predecessors).unwrap_or_default()
                })
                .unwrap_or_default()
                .into_iter()
                .filter_map(|p| {
                    let pred = plan.rows.get(p.row.checked_sub(1)?)?.task;
                    (!selection.contains(&pred)).then_some(crate::model::PredecessorSpec {
                        predecessor: pred,
                        kind: p.kind,
                        lag: p.lag,
                        lag_unit: p.lag_unit,
                    })
                })
                .collect();
            changes.push(Change::SetPredecessors { task, links: keep });
        }
    }
    changes.push(Change::Reschedule(plan.project));
    Some(Change::Many(changes))
}
