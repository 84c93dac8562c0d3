//! The resource view: each person's hours per week against what they can do, with
//! over-allocated weeks marked.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{page_title, theme};
use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::{CalendarId, Change, ResourceId};
use crate::report::plan_view::{PlanView, ResourceLoad};

/// The selected person's name, capacity and calendar as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceEditor {
    pub resource: Option<ResourceId>,
    pub name: String,
    /// Percent of one full-time person.
    pub capacity: u32,
    pub calendar: Option<CalendarId>,
}

impl ResourceEditor {
    fn select(&mut self, r: &ResourceLoad) {
        *self = ResourceEditor {
            resource: Some(r.id),
            name: r.name.clone(),
            capacity: r.max_units,
            calendar: r.calendar,
        };
    }

    /// The edit the editor asks for, with the reschedule the new working time needs.
    fn change(&self, plan: &PlanView) -> Option<Change> {
        Some(Change::Many(vec![
            Change::UpdateResource {
                id: self.resource?,
                name: self.name.clone(),
                max_units: self.capacity,
                calendar: self.calendar,
            },
            Change::Reschedule(plan.project),
        ]))
    }
}

pub fn show(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, plan: &PlanView, editor: &mut ResourceEditor) {
    let ViewCx { m, actions } = cx;
    let palette = theme::palette(ui.visuals());
    page_title(ui, &m.t("resources.title"));
    if plan.resource_load.is_empty() {
        ui.label(RichText::new(m.t("resources.none")).color(palette.muted_text));
        return;
    }
    // A person who is gone (undo, another project) leaves the editor.
    if editor
        .resource
        .is_some_and(|id| !plan.resource_load.iter().any(|r| r.id == id))
    {
        *editor = ResourceEditor::default();
    }
    if editor.resource.is_some() {
        edit_row(ui, ViewCx::new(m, actions), plan, editor);
        ui.add_space(size::GAP);
    }
    let over: usize = plan
        .resource_load
        .iter()
        .map(|r| r.weeks.iter().filter(|w| w.over_allocated()).count())
        .sum();
    ui.label(tr_with(
        m.lang,
        "resources.summary",
        &[
            ("people", &plan.resource_load.len().to_string()),
            ("weeks", &plan.resource_load[0].weeks.len().to_string()),
            ("over", &over.to_string()),
        ],
    ));
    ui.add_space(size::GAP);
    let weeks = plan.resource_load[0].weeks.len();
    egui::ScrollArea::horizontal().show(ui, |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .column(Column::exact(size::COL_L))
            .columns(Column::exact(size::COL_XS), weeks)
            .header(theme::size::ROW_HEIGHT * 1.6, |mut header| {
                header.col(|ui| {
                    ui.strong(m.t("resources.person"));
                });
                for w in &plan.resource_load[0].weeks {
                    header.col(|ui| {
                        ui.label(RichText::new(w.week.format("%m/%d").to_string()).small());
                    });
                }
            })
            .body(|body| {
                body.rows(
                    theme::size::ROW_HEIGHT,
                    plan.resource_load.len(),
                    |mut row| {
                        let Some(r) = plan.resource_load.get(row.index()) else {
                            return;
                        };
                        row.col(|ui| {
                            let label = if r.max_units == 100 {
                                r.name.clone()
                            } else {
                                format!("{} ({}%)", r.name, r.max_units)
                            };
                            let selected = editor.resource == Some(r.id);
                            if ui
                                .selectable_label(selected, label)
                                .on_hover_text(m.t("resources.edit_hint"))
                                .clicked()
                            {
                                editor.select(r);
                            }
                        });
                        for w in &r.weeks {
                            row.col(|ui| {
                                if w.over_allocated() {
                                    ui.painter().rect_filled(
                                        ui.max_rect(),
                                        2.0,
                                        palette.over_allocated,
                                    );
                                }
                                if w.assigned_minutes > 0 {
                                    let hours = (w.assigned_minutes as f64 / 60.0).round() as i64;
                                    let text = RichText::new(hours.to_string());
                                    let text = if w.over_allocated() {
                                        text.strong()
                                    } else {
                                        text
                                    };
                                    ui.label(text).on_hover_text(tr_with(
                                        m.lang,
                                        "resources.cell_tip",
                                        &[
                                            ("week", &w.week.to_string()),
                                            ("hours", &hours.to_string()),
                                            ("capacity", &(w.capacity_minutes / 60).to_string()),
                                        ],
                                    ));
                                }
                            });
                        }
                    },
                );
            });
    });
}

/// Name, capacity and calendar of the selected person, applied as one edit.
fn edit_row(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, plan: &PlanView, editor: &mut ResourceEditor) {
    let ViewCx { m, actions } = cx;
    let read_only = m.view.is_none_or(|v| v.read_only);
    let calendars = m.view.map(|v| v.calendars.as_slice()).unwrap_or_default();
    let calendar_name = |id: Option<CalendarId>| match id {
        None => m.t("editor.calendar_project"),
        Some(id) => calendars
            .iter()
            .find(|c| c.id == id)
            .map(|c| super::calendar_name(m.lang, c))
            .unwrap_or_else(|| m.t("editor.calendar_project")),
    };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("resources.name"));
        ui.add(egui::TextEdit::singleline(&mut editor.name).desired_width(size::FIELD_S))
            .labelled_by(label.id);
        let label = ui.label(m.t("resources.capacity"));
        ui.add(
            egui::DragValue::new(&mut editor.capacity)
                .range(1..=10_000)
                .suffix("%"),
        )
        .labelled_by(label.id);
        let label = ui.label(m.t("editor.calendar"));
        egui::ComboBox::from_id_salt("resource_calendar")
            .selected_text(calendar_name(editor.calendar))
            .height(size::HEIGHT_XL)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut editor.calendar, None, calendar_name(None));
                for c in calendars {
                    ui.selectable_value(
                        &mut editor.calendar,
                        Some(c.id),
                        super::calendar_name(m.lang, c),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(!read_only, egui::Button::new(m.t("editor.apply")))
            .clicked()
            && let Some(change) = editor.change(plan)
        {
            actions.push(Action::Apply(change));
        }
        if ui.button(m.t("resources.close")).clicked() {
            *editor = ResourceEditor::default();
        }
    });
}
