//! What a requirement is linked to: the tasks that plan it, the feedback behind it.

use super::RequirementsState;
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::requirement::RequirementFields;
use crate::ui::ViewCx;
use crate::ui::research::feedback_dialog::{FeedbackDialog, importance_name};
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;

/// The tasks that deliver the selected requirement: unlink, link one of the current
/// project's tasks, or "plan it" (a new task in the current project, rescheduled).
pub(super) fn linked_tasks(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let Some(row) = state.selected.and_then(|id| insights.requirement(id)) else {
        return;
    };
    let stored = &row.requirement.fields;
    let id = row.requirement.id;
    ui.separator();
    ui.label(RichText::new(m.t("req.tasks")).strong());
    let with = |tasks: Vec<crate::model::TaskId>| {
        Action::Apply(Change::UpdateRequirement {
            id,
            fields: RequirementFields {
                tasks,
                ..stored.clone()
            },
        })
    };
    let mut shown = 0;
    for t in &stored.tasks {
        let Some((name, project)) = insights.task_names.get(t) else {
            continue;
        };
        shown += 1;
        let project = view
            .project(*project)
            .map(|p| p.fields.name.as_str())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(format!("{name} · {project}"));
            if ui
                .add_enabled(!view.read_only, egui::Button::new("×").small())
                .on_hover_text(m.t("req.unlink_task"))
                .clicked()
            {
                actions.push(with(
                    stored.tasks.iter().copied().filter(|x| x != t).collect(),
                ));
            }
        });
    }
    if shown == 0 {
        ui.label(RichText::new(m.t("req.no_tasks")).color(palette.muted_text));
    }
    let Some(plan) = m.plan else {
        ui.label(
            RichText::new(m.t("req.pick_project"))
                .small()
                .color(palette.muted_text),
        );
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("req.link_task"));
        egui::ComboBox::from_id_salt("req_link_task")
            .selected_text("—")
            .width(size::FIELD_M)
            .height(size::HEIGHT_L)
            .show_ui(ui, |ui| {
                for r in plan.rows.iter().filter(|r| !r.summary) {
                    if !stored.tasks.contains(&r.task)
                        && ui
                            .selectable_label(false, format!("{} {}", r.wbs, r.name))
                            .clicked()
                    {
                        let mut tasks = stored.tasks.clone();
                        tasks.push(r.task);
                        actions.push(with(tasks));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("req.plan_it")))
            .on_hover_text(m.t("req.plan_it_tip"))
            .clicked()
        {
            actions.push(Action::Apply(Change::Many(vec![
                Change::PlanRequirements {
                    project: plan.project,
                    requirements: vec![id],
                },
                Change::Reschedule(plan.project),
            ])));
        }
    });
}

pub(super) fn feedback_behind(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &RequirementsState,
    dialog: &mut Option<FeedbackDialog>,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let Some(row) = state.selected.and_then(|id| insights.requirement(id)) else {
        return;
    };
    ui.separator();
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "requirements.demand_line",
            &[
                ("score", &row.demand.score.to_string()),
                ("items", &row.demand.items.to_string()),
            ],
        ))
        .strong(),
    );
    if row.feedback.is_empty() {
        ui.label(RichText::new(m.t("requirements.no_feedback")).color(palette.muted_text));
        return;
    }
    for &i in &row.feedback {
        let Some(f) = insights.feedback.get(i) else {
            continue;
        };
        let importance = f
            .fields
            .importance_for(row.requirement.id)
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(importance_name(m, importance)).small().color(
                if importance == 3 {
                    palette.danger
                } else {
                    palette.muted_text
                },
            ));
            ui.label(format!("“{}”", f.fields.text));
            let (kind, place) = insights.origin_text(&f.fields.origin);
            ui.label(
                RichText::new(format!(
                    "{} {place} {}",
                    m.t(&format!("feedback.from.{kind}")),
                    f.fields.customer
                ))
                .small()
                .color(palette.muted_text),
            );
            if ui
                .add_enabled(
                    !view.read_only,
                    egui::Button::new(m.t("feedback.open")).small(),
                )
                .clicked()
            {
                *dialog = Some(FeedbackDialog::edit(f));
            }
        });
    }
}
