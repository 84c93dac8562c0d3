//! The task editor under the Gantt chart: the selected task's fields as text, applied
//! as one undoable edit together with a reschedule (as MS Project recalculates).

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use crate::context::action::Action;
use crate::model::schedule::ConstraintKind;
use crate::model::task::{moment_text, parse_duration, parse_moment, parse_predecessors};
use crate::model::{Change, PredecessorSpec, TaskId};
use crate::report::plan_view::{PlanView, duration_text};
use crate::ui::{FrameModel, theme};

/// What is typed in the editor, for one task at one plan revision.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskEditor {
    pub task: TaskId,
    pub revision: u64,
    pub name: String,
    pub duration: String,
    pub constraint: ConstraintKind,
    /// The constraint's date as typed; ignored for ASAP and ALAP.
    pub constraint_date: String,
    pub deadline: String,
    /// The task calendar; `None` works on the project's (or the resources').
    pub calendar: Option<crate::model::CalendarId>,
    pub percent: u8,
    pub manual: bool,
    pub milestone: bool,
    pub predecessors: String,
    pub resources: String,
    pub notes: String,
    /// The three-point estimate as typed (all empty: none) and its distribution.
    pub estimate: [String; 3],
    pub distribution: crate::model::estimate::Distribution,
    pub error: Option<String>,
}

impl TaskEditor {
    /// The editor filled from a row of the plan.
    pub fn for_row(plan: &PlanView, row: usize) -> Option<TaskEditor> {
        let r = plan.rows.get(row)?;
        let f = &r.fields;
        Some(TaskEditor {
            task: r.task,
            revision: plan.revision,
            name: f.name.clone(),
            duration: duration_text(f.duration_minutes, f.duration_unit, f.elapsed),
            constraint: f.constraint,
            constraint_date: f
                .constraint_date
                .map(|d| moment_text(d, f.constraint.bounds_finish()))
                .unwrap_or_default(),
            deadline: f.deadline.map(|d| moment_text(d, true)).unwrap_or_default(),
            calendar: f.calendar,
            percent: f.percent_complete,
            manual: f.manual,
            milestone: f.milestone,
            predecessors: r.predecessors.clone(),
            resources: r.resources.clone(),
            notes: f.notes.clone(),
            estimate: f.estimate.map_or_else(Default::default, |e| {
                let d = |m: i64| duration_text(m, f.duration_unit, f.elapsed);
                [d(e.optimistic), d(e.most_likely), d(e.pessimistic)]
            }),
            distribution: f.estimate.map(|e| e.distribution).unwrap_or_default(),
            error: None,
        })
    }

    /// The change the editor asks for, or why the typed text is not valid.
    pub fn change(&self, m: &FrameModel<'_>, plan: &PlanView) -> Result<Change, String> {
        let row = plan
            .rows
            .iter()
            .position(|r| r.task == self.task)
            .ok_or_else(|| m.t("editor.gone"))?;
        let mut fields = plan.rows[row].fields.clone();
        fields.name = self.name.clone();
        if !plan.rows[row].summary {
            let (minutes, unit, elapsed) = parse_duration(&self.duration).ok_or_else(|| {
                crate::i18n::tr_with(m.lang, "editor.bad_duration", &[("text", &self.duration)])
            })?;
            fields.duration_minutes = minutes;
            fields.duration_unit = unit;
            fields.elapsed = elapsed;
        }
        fields.constraint = self.constraint;
        fields.constraint_date = if self.constraint.has_date() {
            let typed = self.constraint_date.trim();
            if typed.is_empty() {
                return Err(m.t("editor.constraint_needs_date"));
            }
            Some(
                parse_moment(typed, self.constraint.bounds_finish()).ok_or_else(|| {
                    crate::i18n::tr_with(m.lang, "dialog.bad_date", &[("text", typed)])
                })?,
            )
        } else {
            None
        };
        let deadline = self.deadline.trim();
        fields.deadline = if deadline.is_empty() {
            None
        } else {
            Some(parse_moment(deadline, true).ok_or_else(|| {
                crate::i18n::tr_with(m.lang, "dialog.bad_date", &[("text", deadline)])
            })?)
        };
        fields.calendar = self.calendar;
        fields.percent_complete = self.percent.min(100);
        fields.manual = self.manual;
        fields.milestone = self.milestone;
        fields.notes = self.notes.clone();
        fields.estimate = self.estimate(m, fields.duration_minutes)?;
        let typed = parse_predecessors(&self.predecessors).map_err(|e| {
            crate::i18n::tr_with(m.lang, "editor.bad_predecessors", &[("detail", &e)])
        })?;
        let mut links = Vec::with_capacity(typed.len());
        for p in typed {
            let pred = p
                .row
                .checked_sub(1)
                .and_then(|i| plan.rows.get(i))
                .ok_or_else(|| {
                    crate::i18n::tr_with(
                        m.lang,
                        "editor.no_such_row",
                        &[("row", &p.row.to_string())],
                    )
                })?;
            links.push(PredecessorSpec {
                predecessor: pred.task,
                kind: p.kind,
                lag: p.lag,
                lag_unit: p.lag_unit,
            });
        }
        let by_name = crate::model::resource::parse_assignments(&self.resources)
            .map_err(|e| crate::i18n::tr_with(m.lang, "editor.bad_resources", &[("detail", &e)]))?;
        Ok(Change::Many(vec![
            Change::UpdateTask {
                id: self.task,
                fields,
            },
            Change::SetPredecessors {
                task: self.task,
                links,
            },
            Change::AssignResources {
                task: self.task,
                by_name,
            },
            Change::Reschedule(plan.project),
        ]))
    }
}

impl TaskEditor {
    /// The three-point estimate typed: none when all three are empty; the most likely
    /// one is the duration when left empty.
    fn estimate(
        &self,
        m: &FrameModel<'_>,
        duration: i64,
    ) -> Result<Option<crate::model::estimate::Estimate>, String> {
        let [lo, mid, hi] = &self.estimate;
        if [lo, mid, hi].iter().all(|t| t.trim().is_empty()) {
            return Ok(None);
        }
        let minutes = |t: &str| -> Result<Option<i64>, String> {
            match t.trim() {
                "" => Ok(None),
                t => parse_duration(t).map(|(m, _, _)| Some(m)).ok_or_else(|| {
                    crate::i18n::tr_with(m.lang, "editor.bad_duration", &[("text", t)])
                }),
            }
        };
        let (Some(lo), Some(hi)) = (minutes(lo)?, minutes(hi)?) else {
            return Err(m.t("editor.estimate_needs_both"));
        };
        let e = crate::model::estimate::Estimate {
            optimistic: lo,
            most_likely: minutes(mid)?.unwrap_or(duration),
            pessimistic: hi,
            distribution: self.distribution,
        };
        e.check().map_err(|_| m.t("editor.estimate_order"))?;
        Ok(Some(e))
    }
}

/// Draws the editor; "Apply" (or Enter in a field) pushes the change.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    plan: &PlanView,
    editor: &mut TaskEditor,
    baseline: u8,
) {
    let read_only = m.view.is_none_or(|v| v.read_only);
    let summary = plan
        .rows
        .iter()
        .find(|r| r.task == editor.task)
        .is_some_and(|r| r.summary);
    let mut submit = false;
    // Two wrapped lines rather than a grid: a grid would squeeze each field to the
    // narrowest width its column had on the line above.
    ui.spacing_mut().item_spacing = egui::vec2(size::GAP_L, size::GAP);
    let mut field = |ui: &mut egui::Ui, key: &str, text: &mut String, width: f32, on: bool| {
        let label = ui.label(m.t(key));
        let r = ui
            .add_enabled(on, egui::TextEdit::singleline(text).desired_width(width))
            .labelled_by(label.id);
        if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            submit = true;
        }
    };
    let apply = ui.horizontal_wrapped(|ui| {
        field(ui, "editor.name", &mut editor.name, 260.0, true);
        field(ui, "editor.duration", &mut editor.duration, 70.0, !summary);
        let label = ui.label(m.t("editor.constraint"));
        ui.add_enabled_ui(!summary, |ui| {
            egui::ComboBox::from_id_salt("task_editor_constraint")
                .selected_text(constraint_label(m, editor.constraint))
                // Tall enough for all eight kinds, with no scrolling.
                .height(size::HEIGHT_XL)
                .show_ui(ui, |ui| {
                    for kind in ConstraintKind::ALL {
                        ui.selectable_value(
                            &mut editor.constraint,
                            kind,
                            constraint_label(m, kind),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let dated = editor.constraint.has_date() && !summary;
        field(
            ui,
            "editor.constraint_date",
            &mut editor.constraint_date,
            120.0,
            dated,
        );
        field(ui, "editor.deadline", &mut editor.deadline, 120.0, true);
        ui.add_enabled(!read_only, egui::Button::new(m.t("editor.apply")))
            .clicked()
    });
    ui.horizontal_wrapped(|ui| {
        field(
            ui,
            "editor.predecessors",
            &mut editor.predecessors,
            100.0,
            true,
        );
        field(
            ui,
            "editor.resources",
            &mut editor.resources,
            120.0,
            !summary,
        );
        calendar_choice(ui, m, &mut editor.calendar);
        let label = ui.label(m.t("editor.percent"));
        ui.add(egui::Slider::new(&mut editor.percent, 0..=100).suffix("%"))
            .labelled_by(label.id);
        ui.checkbox(&mut editor.manual, m.t("editor.manual"));
        ui.checkbox(&mut editor.milestone, m.t("editor.milestone"));
        field(ui, "editor.notes", &mut editor.notes, 170.0, true);
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(m.t("editor.estimate")).strong());
        for (k, key) in [
            "editor.optimistic",
            "editor.most_likely",
            "editor.pessimistic",
        ]
        .iter()
        .enumerate()
        {
            field(ui, key, &mut editor.estimate[k], 60.0, !summary);
        }
        let label = ui.label(m.t("editor.distribution"));
        ui.add_enabled_ui(!summary, |ui| {
            egui::ComboBox::from_id_salt("task_editor_distribution")
                .selected_text(m.t(&format!("distribution.{}", editor.distribution.id())))
                .show_ui(ui, |ui| {
                    for d in crate::model::estimate::Distribution::ALL {
                        ui.selectable_value(
                            &mut editor.distribution,
                            d,
                            m.t(&format!("distribution.{}", d.id())),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
        });
    });
    if apply.inner {
        submit = true;
    }
    if let Some(driver) = plan
        .rows
        .iter()
        .find(|r| r.task == editor.task)
        .and_then(|r| r.driver)
    {
        use crate::report::plan_view::Driver;
        let why = match driver {
            Driver::ProjectStart => m.t("editor.driver_start"),
            Driver::Constraint => m.t("editor.driver_constraint"),
            Driver::Subtasks => m.t("editor.driver_subtasks"),
            Driver::Manual => m.t("editor.driver_manual"),
            Driver::Predecessor(row, kind) => crate::i18n::tr_with(
                m.lang,
                "editor.driver_link",
                &[("row", &(row + 1).to_string()), ("kind", kind.code())],
            ),
        };
        ui.label(
            RichText::new(crate::i18n::tr_with(
                m.lang,
                "editor.driver",
                &[("why", &why)],
            ))
            .color(theme::palette(ui.visuals()).muted_text),
        );
    }
    if let Some((start, finish)) = plan
        .rows
        .iter()
        .find(|r| r.task == editor.task)
        .and_then(|r| r.variance(baseline, &plan.calendar))
    {
        let n = baseline.to_string();
        let text = if (start, finish) == (0, 0) {
            crate::i18n::tr_with(m.lang, "editor.on_baseline", &[("n", &n)])
        } else {
            crate::i18n::tr_with(
                m.lang,
                "editor.variance",
                &[
                    ("n", &n),
                    ("start", &signed_days(start)),
                    ("finish", &signed_days(finish)),
                ],
            )
        };
        let palette = theme::palette(ui.visuals());
        let color = if finish > 0 {
            palette.warning
        } else {
            palette.muted_text
        };
        ui.label(RichText::new(text).color(color));
    }
    if let Some(e) = &editor.error {
        ui.label(RichText::new(e).color(theme::palette(ui.visuals()).danger));
    }
    if submit && !read_only {
        match editor.change(m, plan) {
            Ok(change) => {
                editor.error = None;
                actions.push(Action::Apply(change));
            }
            Err(e) => editor.error = Some(e),
        }
    }
}

/// The task calendar: the project's (the default) or any calendar of the workspace.
fn calendar_choice(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    calendar: &mut Option<crate::model::CalendarId>,
) {
    let calendars = m.view.map(|v| v.calendars.as_slice()).unwrap_or_default();
    let name = |id: Option<crate::model::CalendarId>| match id {
        None => m.t("editor.calendar_project"),
        Some(id) => calendars
            .iter()
            .find(|c| c.id == id)
            .map(|c| crate::ui::calendar_name(m.lang, c))
            .unwrap_or_else(|| m.t("editor.calendar_project")),
    };
    let label = ui.label(m.t("editor.calendar"));
    egui::ComboBox::from_id_salt("task_editor_calendar")
        .selected_text(name(*calendar))
        .height(size::HEIGHT_XL)
        .show_ui(ui, |ui| {
            ui.selectable_value(calendar, None, name(None));
            for c in calendars {
                ui.selectable_value(calendar, Some(c.id), crate::ui::calendar_name(m.lang, c));
            }
        })
        .response
        .on_hover_text(m.t("editor.calendar_hint"))
        .labelled_by(label.id);
}

/// The constraint's name as MS Project shows it.
fn constraint_label(m: &FrameModel<'_>, kind: ConstraintKind) -> String {
    m.t(&format!("constraint.{}", kind.code()))
}

/// Working minutes as signed days: `+3`, `-0.5`, `0`.
pub(super) fn signed_days(minutes: i64) -> String {
    let days = minutes as f64 / crate::model::task::MINUTES_PER_DAY as f64;
    let text = format!("{days:+.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    if text == "+0" || text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::signed_days;

    #[test]
    fn variances_read_as_signed_days() {
        assert_eq!(signed_days(3 * 480), "+3");
        assert_eq!(signed_days(-240), "-0.5");
        assert_eq!(signed_days(0), "0");
        assert_eq!(signed_days(10), "0");
    }
}
