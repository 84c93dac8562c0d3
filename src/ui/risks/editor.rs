//! One risk's editor: every field of the register (cause → event → effect, category,
//! threat or opportunity, probability and impact per dimension with the score,
//! proximity, owner, trigger, response strategy and actions, residual, status, links to
//! tasks, milestones and requirements, the schedule effect the simulation samples).
//! Saved as one undoable edit; an action becomes a task of the plan in one click.

use egui::RichText;

use super::NamedCombo;
use super::{RisksState, label};
use crate::context::action::Action;
use crate::model::Change;
use crate::model::risk::{
    Impact, Residual, ResponseAction, Risk, RiskFields, RiskId, RiskKind, STATUSES, ScheduleEffect,
};
use crate::model::{ProjectId, TaskId};
use crate::report::risk_session::RiskSession;
use crate::ui::ViewCx;
use crate::ui::theme::size;

/// The risk being edited: its id (`None`: a new one) and the fields as typed.
#[derive(Clone, Debug)]
pub struct RiskEditor {
    pub id: Option<RiskId>,
    pub fields: RiskFields,
    /// The stored fields it was opened with: when the store moves on (an edit in the
    /// table, an action made a task, an undo) and nothing was typed, it follows.
    original: RiskFields,
    /// Dates and days as typed, checked on save.
    proximity: String,
    effect: [String; 3],
    new_action: String,
    error: Option<String>,
}

impl RiskEditor {
    pub fn new_risk(project: Option<ProjectId>) -> RiskEditor {
        let mut fields = RiskFields::titled("");
        fields.project = project;
        fields.raised = Some(chrono::Local::now().date_naive());
        RiskEditor::with(None, fields)
    }

    pub fn of(r: &Risk) -> RiskEditor {
        RiskEditor::with(Some(r.id), r.fields.clone())
    }

    fn with(id: Option<RiskId>, fields: RiskFields) -> RiskEditor {
        let days = |d: f64| {
            if d == 0.0 {
                String::new()
            } else {
                format!("{d}")
            }
        };
        let effect = fields.effect.as_ref().map_or_else(Default::default, |e| {
            [days(e.min_days), days(e.likely_days), days(e.max_days)]
        });
        RiskEditor {
            id,
            proximity: fields.proximity.map(|d| d.to_string()).unwrap_or_default(),
            effect,
            original: fields.clone(),
            fields,
            new_action: String::new(),
            error: None,
        }
    }

    /// The fields to save, or what is wrong with what was typed.
    fn checked(&self, lang: crate::i18n::Language) -> Result<RiskFields, String> {
        let mut f = self.fields.clone();
        f.proximity = super::typed_day(lang, &self.proximity)?;
        let day = |t: &str| -> Result<Option<f64>, String> {
            match t.trim() {
                "" => Ok(None),
                t => t
                    .parse::<f64>()
                    .ok()
                    .filter(|d| d.is_finite() && *d >= 0.0)
                    .map(Some)
                    .ok_or_else(|| crate::i18n::tr_with(lang, "risks.bad_days", &[("text", t)])),
            }
        };
        let (lo, mid, hi) = (
            day(&self.effect[0])?,
            day(&self.effect[1])?,
            day(&self.effect[2])?,
        );
        let tasks = f
            .effect
            .as_ref()
            .map(|e| e.tasks.clone())
            .unwrap_or_default();
        f.effect = match mid {
            Some(mid) if !tasks.is_empty() => Some(ScheduleEffect {
                tasks,
                min_days: lo.unwrap_or(mid),
                likely_days: mid,
                max_days: hi.unwrap_or(mid),
            }),
            Some(_) => return Err(crate::i18n::tr(lang, "risks.effect_needs_tasks")),
            None if !tasks.is_empty() => {
                return Err(crate::i18n::tr(lang, "risks.effect_needs_days"));
            }
            None => None,
        };
        f.clone()
            .normalized()
            .map_err(|e| crate::i18n::tr_with(lang, "msg.error", &[("detail", &e.to_string())]))
    }
}

/// A 1–5 (or 0–5) level picker.
fn level(ui: &mut egui::Ui, id: &str, value: &mut u8, from: u8) {
    egui::ComboBox::from_id_salt(id)
        .width(size::COL_XS)
        .selected_text(if *value == 0 {
            "—".to_owned()
        } else {
            value.to_string()
        })
        .show_named(ui, id, |ui| {
            for v in from..=5u8 {
                let text = if v == 0 {
                    "—".to_owned()
                } else {
                    v.to_string()
                };
                ui.selectable_value(value, v, text);
            }
        });
}

/// Tasks as chips with ×, and a menu to add one.
/// Requirements as chips with ×, and a menu to add one.
pub(super) fn requirement_links(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    id: &str,
    session: &RiskSession,
    links: &mut Vec<crate::model::requirement::RequirementId>,
) {
    ui.horizontal_wrapped(|ui| {
        let mut remove = None;
        for (k, r) in links.iter().enumerate() {
            let key = session
                .requirement_keys
                .get(r)
                .cloned()
                .unwrap_or_else(|| r.key());
            if ui.small_button(format!("{key} ×")).clicked() {
                remove = Some(k);
            }
        }
        if let Some(k) = remove {
            links.remove(k);
        }
        egui::ComboBox::from_id_salt(id)
            .selected_text(m.t("risks.add_link"))
            .width(size::FIELD_SHORT)
            .height(size::HEIGHT_L)
            .show_named(ui, &m.t("risks.link_requirements"), |ui| {
                let mut picked = None;
                for (r, text) in &session.requirements {
                    if !links.contains(r) && ui.selectable_label(false, text).clicked() {
                        picked = Some(*r);
                    }
                }
                if let Some(r) = picked {
                    links.push(r);
                }
            });
    });
}

pub(super) fn task_links(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    id: &str,
    session: &RiskSession,
    links: &mut Vec<TaskId>,
    milestones_only: bool,
) {
    ui.horizontal_wrapped(|ui| {
        let mut remove = None;
        for (k, t) in links.iter().enumerate() {
            let name = session.task_name(*t).unwrap_or("?");
            if ui.small_button(format!("{name} ×")).clicked() {
                remove = Some(k);
            }
        }
        if let Some(k) = remove {
            links.remove(k);
        }
        egui::ComboBox::from_id_salt(id)
            .selected_text(m.t("risks.add_link"))
            .width(size::FIELD_SHORT)
            .height(size::HEIGHT_L)
            .show_named(ui, &m.t("risks.add_link"), |ui| {
                let mut picked = None;
                for t in session
                    .tasks
                    .iter()
                    .filter(|t| !milestones_only || t.milestone)
                    .filter(|t| !links.contains(&t.id))
                {
                    if ui
                        .selectable_label(false, format!("{} {}", t.uid, t.name))
                        .clicked()
                    {
                        picked = Some(t.id);
                    }
                }
                if let Some(id) = picked {
                    links.push(id);
                }
            });
    });
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    read_only: bool,
    state: &mut RisksState,
) {
    let Some(e) = state.editor.as_mut() else {
        return;
    };
    if let Some(id) = e.id {
        match session.register.risks.iter().find(|r| r.id == id) {
            Some(saved) if saved.fields != e.original && e.fields == e.original => {
                *e = RiskEditor::of(saved);
            }
            Some(_) => {}
            // Deleted (or undone away).
            None => {
                state.editor = None;
                return;
            }
        }
    }
    let mut close = false;
    // The title with Save and Delete stays in view however long the form is.
    ui.horizontal(|ui| {
        let title = match e.id {
            Some(id) => id.key(),
            None => m.t("risks.new"),
        };
        ui.heading(title);
        if !read_only {
            if ui
                .button(RichText::new(m.t("risks.save")).strong())
                .clicked()
            {
                match e.checked(m.lang) {
                    Ok(fields) => {
                        e.original = fields.clone();
                        e.fields = fields.clone();
                        actions.push(Action::Apply(match e.id {
                            Some(id) => Change::UpdateRisk { id, fields },
                            None => Change::AddRisk(fields),
                        }));
                        close = e.id.is_none();
                        e.error = None;
                    }
                    Err(err) => e.error = Some(err),
                }
            }
            if let Some(id) = e.id
                && ui.button(m.t("risks.delete")).clicked()
            {
                actions.push(Action::Apply(Change::DeleteRisks(vec![id])));
                close = true;
            }
            // It happened: it becomes an issue of the issue log.
            if let Some(id) = e.id
                && e.original.status != "occurred"
                && ui
                    .button(m.t("risks.raise_issue"))
                    .on_hover_text(m.t("risks.raise_issue_hint"))
                    .clicked()
            {
                actions.push(Action::Apply(Change::RaiseIssueFromRisk(id)));
            }
        }
        if ui
            .button("×")
            .on_hover_text(m.t("risks.close_editor"))
            .clicked()
        {
            close = true;
        }
    });
    if let Some(err) = &e.error {
        ui.colored_label(ui.visuals().error_fg_color, err);
    }
    egui::ScrollArea::vertical()
        .id_salt("risk-editor-scroll")
        .show(ui, |ui| {
            // A saved action becomes a task of the risk's project.
            if !read_only
                && let Some(saved) =
                    e.id.and_then(|id| session.register.risks.iter().find(|r| r.id == id))
                        .filter(|r| r.fields.project.is_some())
                        .filter(|r| r.fields.actions.iter().any(|a| a.task.is_none()))
            {
                ui.horizontal_wrapped(|ui| {
                    action_buttons(ui, ViewCx::new(m, actions), saved);
                });
                ui.add_space(size::GAP_M);
            }
            ui.add_enabled_ui(!read_only, |ui| fields(ui, m, session, e));
        });
    if close {
        state.editor = None;
    }
}

fn fields(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    session: &RiskSession,
    e: &mut RiskEditor,
) {
    let f = &mut e.fields;
    egui::Grid::new("risk-fields")
        .num_columns(2)
        .spacing([size::GAP_L, size::GAP_M])
        .show(ui, |ui| {
            let l = ui.label(m.t("risk.column.title"));
            ui.add(egui::TextEdit::singleline(&mut f.title).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("risk.column.description"));
            ui.add(
                egui::TextEdit::multiline(&mut f.description)
                    .hint_text(m.t("risks.description_hint"))
                    .desired_rows(3)
                    .desired_width(size::FIELD_L),
            )
            .labelled_by(l.id);
            ui.end_row();
            ui.label(m.t("risk.column.kind"));
            ui.horizontal(|ui| {
                for k in [RiskKind::Threat, RiskKind::Opportunity] {
                    if ui.radio(f.kind == k, label(m, "kind", k.code())).clicked() && f.kind != k {
                        f.kind = k;
                        f.strategy.clear();
                    }
                }
            });
            ui.end_row();
            ui.label(m.t("risk.column.category"));
            ui.horizontal(|ui| {
                egui::ComboBox::from_id_salt("risk-category")
                    .selected_text(label(m, "category", &f.category))
                    .show_named(ui, &m.t("risk.column.category"), |ui| {
                        for c in &session.categories {
                            ui.selectable_value(
                                &mut f.category,
                                c.to_owned(),
                                label(m, "category", c),
                            );
                        }
                    });
                // A category of the workspace's own is typed.
                ui.add(
                    egui::TextEdit::singleline(&mut f.category)
                        .hint_text(m.t("risks.own_category"))
                        .desired_width(size::FIELD_SHORT),
                );
            });
            ui.end_row();
            ui.label(m.t("risk.column.probability"));
            level(ui, "risk-p", &mut f.probability, 1);
            ui.end_row();
            ui.label(m.t("risk.column.impact"));
            ui.horizontal_wrapped(|ui| {
                let Impact {
                    schedule,
                    cost,
                    scope,
                    quality,
                } = &mut f.impact;
                for (key, v) in [
                    ("risks.dim_schedule", schedule),
                    ("risks.dim_cost", cost),
                    ("risks.dim_scope", scope),
                    ("risks.dim_quality", quality),
                ] {
                    ui.label(m.t(key));
                    level(ui, key, v, 0);
                }
            });
            ui.end_row();
            ui.label(m.t("risk.column.score"));
            ui.label(
                RichText::new(format!(
                    "{} × {} = {}",
                    f.probability,
                    f.impact.overall(),
                    f.score()
                ))
                .strong(),
            );
            ui.end_row();
            let l = ui.label(m.t("risk.column.proximity"));
            ui.add(
                egui::TextEdit::singleline(&mut e.proximity)
                    .hint_text("2026-12-31")
                    .desired_width(size::FIELD_DATE),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("risk.column.owner"));
            ui.add(egui::TextEdit::singleline(&mut f.owner).desired_width(size::FIELD_S))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("risk.column.trigger"));
            ui.add(egui::TextEdit::singleline(&mut f.trigger).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            ui.end_row();
            ui.label(m.t("risk.column.strategy"));
            egui::ComboBox::from_id_salt("risk-strategy")
                .selected_text(label(m, "strategy", &f.strategy))
                .show_named(ui, &m.t("risk.column.strategy"), |ui| {
                    for s in f.kind.strategies() {
                        ui.selectable_value(
                            &mut f.strategy,
                            (*s).to_owned(),
                            label(m, "strategy", s),
                        );
                    }
                });
            ui.end_row();
            ui.label(m.t("risk.column.status"));
            egui::ComboBox::from_id_salt("risk-editor-status")
                .selected_text(label(m, "status", &f.status))
                .show_named(ui, &m.t("risk.column.status"), |ui| {
                    for s in STATUSES {
                        ui.selectable_value(&mut f.status, s.to_owned(), label(m, "status", s));
                    }
                });
            ui.end_row();
            ui.label(m.t("risks.residual"));
            ui.horizontal(|ui| {
                let mut on = f.residual.is_some();
                ui.checkbox(&mut on, m.t("risks.residual_assessed"));
                match (on, f.residual.as_mut()) {
                    (true, Some(r)) => {
                        ui.label(m.t("risk.column.probability"));
                        level(ui, "risk-rp", &mut r.probability, 1);
                        ui.label(m.t("risk.column.impact"));
                        level(ui, "risk-ri", &mut r.impact, 1);
                        ui.label(format!("= {}", r.probability * r.impact));
                    }
                    (true, None) => {
                        f.residual = Some(Residual {
                            probability: f.probability,
                            impact: f.impact.overall().max(1),
                        })
                    }
                    (false, _) => f.residual = None,
                }
            });
            ui.end_row();
        });
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("risk.column.actions")).strong());
    let mut remove = None;
    for (k, a) in f.actions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.checkbox(&mut a.done, m.t("risks.action_done"));
            ui.add(egui::TextEdit::singleline(&mut a.text).desired_width(size::FIELD_M));
            match a.task {
                Some(t) => {
                    ui.label(
                        RichText::new(format!("→ {}", session.task_name(t).unwrap_or("?"))).small(),
                    );
                }
                None => {
                    ui.label(
                        RichText::new(m.t("risks.action_as_task_hint"))
                            .small()
                            .weak(),
                    );
                }
            }
            if ui.small_button("×").clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        f.actions.remove(k);
    }
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut e.new_action)
                .hint_text(m.t("risks.new_action"))
                .desired_width(size::FIELD_M),
        );
        if ui.button("+").clicked() && !e.new_action.trim().is_empty() {
            f.actions.push(ResponseAction {
                text: e.new_action.trim().to_owned(),
                ..Default::default()
            });
            e.new_action.clear();
        }
    });
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("risks.links")).strong());
    if session.project.is_some() {
        ui.label(m.t("risks.link_tasks"));
        task_links(ui, m, "risk-link-tasks", session, &mut f.tasks, false);
        ui.label(m.t("risks.link_milestones"));
        task_links(
            ui,
            m,
            "risk-link-milestones",
            session,
            &mut f.milestones,
            true,
        );
    }
    ui.label(m.t("risks.link_requirements"));
    requirement_links(
        ui,
        m,
        "risk-link-requirements",
        session,
        &mut f.requirements,
    );
    if session.project.is_some() {
        ui.add_space(size::GAP_M);
        ui.label(RichText::new(m.t("risks.effect")).strong())
            .on_hover_text(m.t("risks.effect_hint"));
        let mut hit = f
            .effect
            .as_ref()
            .map(|x| x.tasks.clone())
            .unwrap_or_default();
        task_links(ui, m, "risk-effect-tasks", session, &mut hit, false);
        ui.horizontal(|ui| {
            for (k, key) in ["risks.days_min", "risks.days_likely", "risks.days_max"]
                .iter()
                .enumerate()
            {
                let l = ui.label(m.t(key));
                ui.add(
                    egui::TextEdit::singleline(&mut e.effect[k]).desired_width(size::FIELD_NUMBER),
                )
                .labelled_by(l.id);
            }
        });
        // The tasks are kept with the days as typed; checked on save.
        match (&mut f.effect, hit.is_empty()) {
            (Some(x), _) => x.tasks = hit,
            (None, false) => {
                f.effect = Some(ScheduleEffect {
                    tasks: hit,
                    ..Default::default()
                })
            }
            (None, true) => {}
        }
    }
}

/// The "→ task" buttons of a saved risk's actions: each makes a linked task.
pub fn action_buttons(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, risk: &Risk) {
    for (k, a) in risk.fields.actions.iter().enumerate() {
        if a.task.is_none()
            && ui
                .small_button(crate::i18n::tr_with(
                    m.lang,
                    "risks.action_to_task",
                    &[("action", &a.text)],
                ))
                .clicked()
        {
            actions.push(Action::Apply(Change::RiskActionToTask {
                risk: risk.id,
                action: k,
            }));
        }
    }
}
