//! The Gantt page's toolbar: add, indent, link, baseline, zoom, columns, reschedule.

use super::GanttState;
use super::keys::{add_task, link_change};
use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::report::plan_view::PlanView;
use crate::ui::ViewCx;
use crate::ui::theme;
use crate::ui::theme::size;

/// Three-point estimates for the selected tasks (or every unfinished one) as a range
/// around each duration: one undoable edit.
fn estimates_menu(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    plan: &PlanView,
    selection: &[crate::model::TaskId],
    writable: bool,
    state: &mut GanttState,
) {
    ui.add_enabled_ui(writable && !plan.rows.is_empty(), |ui| {
        ui.menu_button(m.t("gantt.estimates"), |ui| {
            let r = &mut state.estimate_range;
            ui.horizontal(|ui| {
                let l = ui.label(m.t("risks.range_low"));
                ui.add(egui::DragValue::new(&mut r.0).range(-90..=0).suffix("%"))
                    .labelled_by(l.id);
                let l = ui.label(m.t("risks.range_high"));
                ui.add(egui::DragValue::new(&mut r.1).range(0..=500).suffix("%"))
                    .labelled_by(l.id);
            });
            ui.horizontal(|ui| {
                for d in crate::model::estimate::Distribution::ALL {
                    ui.radio_value(&mut r.2, d, m.t(&format!("distribution.{}", d.id())));
                }
            });
            let (low, high, distribution) = *r;
            let set = |only: Vec<crate::model::TaskId>| {
                Action::Apply(Change::SetEstimates {
                    project: plan.project,
                    only,
                    low_percent: low,
                    high_percent: high,
                    distribution,
                    overwrite: true,
                })
            };
            if ui
                .add_enabled(
                    !selection.is_empty(),
                    egui::Button::new(tr_with(
                        m.lang,
                        "gantt.estimates_selected",
                        &[("n", &selection.len().to_string())],
                    )),
                )
                .clicked()
            {
                actions.push(set(selection.to_vec()));
                ui.close();
            }
            if ui.button(m.t("risks.range_apply")).clicked() {
                actions.push(set(Vec::new()));
                ui.close();
            }
            ui.label(egui::RichText::new(m.t("risks.range_hint")).small().weak());
        });
    });
}

pub(super) fn toolbar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    plan: &PlanView,
    state: &mut GanttState,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        let writable = m.view.is_some_and(|v| !v.read_only);
        if ui
            .add_enabled(writable, egui::Button::new(m.t("gantt.add_task")))
            .on_hover_text(m.t("gantt.keys_tip"))
            .clicked()
        {
            actions.push(add_task(m, plan, state.selected));
        }
        let selected = state
            .selected
            .filter(|id| plan.rows.iter().any(|r| r.task == *id));
        for (key, change) in [
            (
                "gantt.delete_task",
                selected.map(|id| Change::DeleteTasks(vec![id])),
            ),
            ("gantt.outdent", selected.map(Change::Outdent)),
            ("gantt.indent", selected.map(Change::Indent)),
        ] {
            if ui
                .add_enabled(writable && change.is_some(), egui::Button::new(m.t(key)))
                .clicked()
                && let Some(change) = change
            {
                actions.push(Action::Apply(Change::Many(vec![
                    change,
                    Change::Reschedule(plan.project),
                ])));
            }
        }
        let selection = state.selection();
        for (key, tip, link) in [
            ("gantt.link", "gantt.link_tip", true),
            ("gantt.unlink", "gantt.unlink_tip", false),
        ] {
            if ui
                .add_enabled(
                    writable && selection.len() >= 2,
                    egui::Button::new(m.t(key)),
                )
                .on_hover_text(m.t(tip))
                .on_disabled_hover_text(m.t(tip))
                .clicked()
                && let Some(change) = link_change(plan, &selection, link)
            {
                actions.push(Action::Apply(change));
            }
        }
        estimates_menu(
            ui,
            ViewCx::new(m, actions),
            plan,
            &selection,
            writable,
            state,
        );
        // Baselines 0–10: which one is drawn, saving the dates as they are now (MS
        // Project's "Set Baseline") and clearing it.
        let label = ui.label(m.t("gantt.baseline"));
        egui::ComboBox::from_id_salt("gantt_baseline")
            .selected_text(state.baseline.to_string())
            .width(size::FIELD_NUMBER)
            .show_ui(ui, |ui| {
                for n in 0..=crate::model::resource::MAX_BASELINE {
                    ui.selectable_value(&mut state.baseline, n, n.to_string());
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut state.show_variance, m.t("gantt.show_variance"))
            .on_hover_text(m.t("gantt.show_variance_tip"));
        for (key, tip, set) in [
            ("gantt.set_baseline", "gantt.set_baseline_tip", true),
            ("gantt.clear_baseline", "gantt.clear_baseline_tip", false),
        ] {
            if ui
                .add_enabled(
                    writable && !plan.rows.is_empty(),
                    egui::Button::new(m.t(key)),
                )
                .on_hover_text(m.t(tip))
                .clicked()
            {
                let (project, number) = (plan.project, state.baseline);
                actions.push(Action::Apply(if set {
                    Change::SetBaseline { project, number }
                } else {
                    Change::ClearBaseline { project, number }
                }));
            }
        }
        ui.separator();
        if ui
            .add_enabled(
                writable && !plan.rows.is_empty(),
                egui::Button::new(m.t("gantt.reschedule")),
            )
            .on_hover_text(m.t("gantt.reschedule_tip"))
            .clicked()
        {
            actions.push(Action::Apply(Change::Reschedule(plan.project)));
        }
        ui.separator();
        if ui
            .button("-")
            .on_hover_text(m.t("gantt.zoom_out"))
            .clicked()
        {
            state.day_width = (state.day_width / 1.5).max(theme::size::GANTT_MIN_DAY);
        }
        if ui.button("+").on_hover_text(m.t("gantt.zoom_in")).clicked() {
            state.day_width = (state.day_width * 1.5).min(theme::size::GANTT_MAX_DAY);
        }
        if ui.button(m.t("gantt.today")).clicked() {
            let today = chrono::Local::now().date_naive();
            state.pan_days = (today - plan.first_day).num_days() as f32 - 3.0;
        }
        if ui.button(m.t("gantt.project_start")).clicked() {
            state.pan_days = -2.0;
            state.first_row = 0.0;
        }
        ui.separator();
        let out_of_date = plan.rows.iter().filter(|r| r.out_of_date).count();
        ui.label(tr_with(
            m.lang,
            "gantt.summary",
            &[
                ("tasks", &plan.rows.len().to_string()),
                (
                    "critical",
                    &plan
                        .rows
                        .iter()
                        .filter(|r| r.critical && !r.summary)
                        .count()
                        .to_string(),
                ),
            ],
        ));
        if out_of_date > 0 {
            ui.label(
                egui::RichText::new(tr_with(
                    m.lang,
                    "gantt.out_of_date",
                    &[("n", &out_of_date.to_string())],
                ))
                .color(palette.warning),
            );
        }
        if let Some(problem) = &plan.schedule_problem {
            ui.label(egui::RichText::new(problem).color(palette.danger));
        }
    });
}
