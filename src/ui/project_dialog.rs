//! The project properties dialog (also used to create a project) and the delete
//! confirmation. Both only push actions; the app applies the edit and reports back.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use chrono::NaiveDate;
use egui::RichText;

use super::{UiState, calendar_name, theme};
use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::task::MINUTES_PER_DAY;
use crate::model::{CalendarId, Change, Project, ProjectFields, ProjectId};

/// The dialog's fields as typed, before they are checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ProjectDialog {
    /// `None` when creating a new project.
    pub editing: Option<ProjectId>,
    pub name: String,
    pub start_date: String,
    pub calendar: CalendarId,
    pub description: String,
    /// Total slack, in working days, at or below which a task is critical.
    pub critical_slack_days: String,
    /// The start time as typed (`09:00`), empty for when the calendar first works.
    pub start_time: String,
    /// The status date as typed (`2026-11-27`), empty for none.
    pub status_date: String,
    /// Why the last OK was refused, shown in the dialog.
    pub error: Option<String>,
}

/// Working minutes as days, without needless decimals: `0`, `2`, `0.5`.
fn days_text(minutes: i64) -> String {
    let days = minutes as f64 / MINUTES_PER_DAY as f64;
    let text = format!("{days:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

impl ProjectDialog {
    /// A dialog for a new project starting today on the first calendar.
    pub fn new_project(today: NaiveDate, calendar: CalendarId) -> ProjectDialog {
        ProjectDialog {
            editing: None,
            name: String::new(),
            start_date: today.to_string(),
            calendar,
            description: String::new(),
            critical_slack_days: "0".into(),
            start_time: String::new(),
            status_date: String::new(),
            error: None,
        }
    }

    /// A dialog showing an existing project.
    pub fn for_project(p: &Project) -> ProjectDialog {
        ProjectDialog {
            editing: Some(p.id),
            name: p.fields.name.clone(),
            start_date: p.fields.start_date.to_string(),
            calendar: p.fields.calendar,
            description: p.fields.description.clone(),
            critical_slack_days: days_text(p.fields.critical_slack_minutes),
            start_time: p
                .fields
                .start_time
                .map(|t| t.format("%H:%M").to_string())
                .unwrap_or_default(),
            status_date: p
                .fields
                .status_date
                .map(|d| d.to_string())
                .unwrap_or_default(),
            error: None,
        }
    }

    /// The change the dialog asks for, or why the typed text is not valid.
    pub fn change(&self, lang: crate::i18n::Language) -> Result<Change, String> {
        let start_date = NaiveDate::parse_from_str(self.start_date.trim(), "%Y-%m-%d")
            .map_err(|_| tr_with(lang, "dialog.bad_date", &[("text", &self.start_date)]))?;
        let slack = self.critical_slack_days.trim();
        let critical_slack_minutes = if slack.is_empty() {
            0
        } else {
            slack
                .parse::<f64>()
                .ok()
                .filter(|d| (0.0..=365.0).contains(d))
                .map(|d| (d * MINUTES_PER_DAY as f64).round() as i64)
                .ok_or_else(|| tr_with(lang, "dialog.bad_critical_slack", &[("text", slack)]))?
        };
        let typed_time = self.start_time.trim();
        let start_time = if typed_time.is_empty() {
            None
        } else {
            Some(
                chrono::NaiveTime::parse_from_str(&typed_time.replace('：', ":"), "%H:%M")
                    .map_err(|_| tr_with(lang, "dialog.bad_start_time", &[("text", typed_time)]))?,
            )
        };
        let typed_status = self.status_date.trim();
        let status_date = if typed_status.is_empty() {
            None
        } else {
            Some(
                crate::model::day::parse_day(typed_status)
                    .ok_or_else(|| tr_with(lang, "dialog.bad_date", &[("text", typed_status)]))?,
            )
        };
        let fields = ProjectFields {
            name: self.name.clone(),
            start_date,
            calendar: self.calendar,
            description: self.description.clone(),
            critical_slack_minutes,
            start_time,
            status_date,
        };
        Ok(match self.editing {
            Some(id) => Change::UpdateProject { id, fields },
            None => Change::CreateProject(fields),
        })
    }
}

/// Asking whether to delete a project.
#[derive(Clone, Debug, PartialEq)]
pub struct DeleteConfirmation {
    pub id: ProjectId,
    pub name: String,
}

pub fn show(ctx: &egui::Context, ViewCx { m, actions }: ViewCx<'_, '_>, state: &mut UiState) {
    if let Some(dialog) = &mut state.project_dialog {
        let mut keep_open = true;
        edit_dialog(ctx, ViewCx::new(m, actions), dialog, &mut keep_open);
        if !keep_open {
            state.project_dialog = None;
        }
    }
    if let Some(confirm) = &state.delete_confirmation {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("confirm_delete")).show(ctx, |ui| {
            ui.set_width(size::FORM_WIDTH);
            ui.label(RichText::new(m.t("dialog.confirm_delete_title")).strong());
            ui.add_space(size::GAP);
            ui.label(tr_with(
                m.lang,
                "dialog.confirm_delete",
                &[("name", &confirm.name)],
            ));
            ui.add_space(size::GAP_L);
            ui.horizontal(|ui| {
                let danger = theme::palette(ui.visuals()).danger;
                if ui
                    .button(RichText::new(m.t("projects.delete")).color(danger))
                    .clicked()
                {
                    answer = Some(true);
                }
                if ui.button(m.t("dialog.cancel")).clicked() {
                    answer = Some(false);
                }
            });
        });
        if answer == Some(true) {
            actions.push(Action::Apply(Change::DeleteProject(confirm.id)));
        }
        if answer.is_some() || modal.should_close() {
            state.delete_confirmation = None;
        }
    }
}

fn edit_dialog(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    dialog: &mut ProjectDialog,
    keep_open: &mut bool,
) {
    let title = match dialog.editing {
        Some(_) => m.t("dialog.project_properties"),
        None => m.t("dialog.new_project"),
    };
    let read_only = m.view.is_none_or(|v| v.read_only);
    let modal = egui::Modal::new(egui::Id::unique("project_dialog")).show(ctx, |ui| {
        ui.set_width(size::FORM_WIDTH);
        ui.label(RichText::new(title).strong().size(16.0));
        ui.add_space(size::GAP_M);
        egui::Grid::new("project_fields")
            .num_columns(2)
            .spacing([size::GAP_XL, size::GAP_M])
            .show(ui, |ui| {
                let label = ui.label(m.t("dialog.name"));
                let name = ui
                    .add(egui::TextEdit::singleline(&mut dialog.name).desired_width(size::FIELD_L))
                    .labelled_by(label.id);
                if dialog.editing.is_none()
                    && dialog.name.is_empty()
                    && !name.has_focus()
                    && dialog.error.is_none()
                {
                    name.request_focus();
                }
                ui.end_row();
                let label = ui.label(m.t("dialog.start_date"));
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.start_date).desired_width(size::FIELD_L),
                )
                .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(m.t("dialog.calendar"));
                let calendars = m.view.map(|v| v.calendars.as_slice()).unwrap_or_default();
                let selected = calendars
                    .iter()
                    .find(|c| c.id == dialog.calendar)
                    .map(|c| calendar_name(m.lang, c))
                    .unwrap_or_default();
                egui::ComboBox::from_id_salt("calendar_choice")
                    .selected_text(selected)
                    .width(size::FIELD_L)
                    .show_ui(ui, |ui| {
                        for c in calendars {
                            ui.selectable_value(
                                &mut dialog.calendar,
                                c.id,
                                calendar_name(m.lang, c),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label(m.t("dialog.critical_slack"));
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.critical_slack_days)
                        .desired_width(size::FIELD_SHORT),
                )
                .labelled_by(label.id)
                .on_hover_text(m.t("dialog.critical_slack_tip"));
                ui.end_row();
                let label = ui.label(m.t("dialog.start_time"));
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.start_time)
                        .hint_text("08:00")
                        .desired_width(size::FIELD_SHORT),
                )
                .labelled_by(label.id)
                .on_hover_text(m.t("dialog.start_time_tip"));
                ui.end_row();
                let label = ui.label(m.t("dialog.status_date"));
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.status_date)
                        .hint_text("2026-11-27")
                        .desired_width(size::FIELD_DATE),
                )
                .labelled_by(label.id)
                .on_hover_text(m.t("dialog.status_date_tip"));
                ui.end_row();
                let label = ui.label(m.t("dialog.description"));
                ui.add(
                    egui::TextEdit::multiline(&mut dialog.description)
                        .desired_width(size::FIELD_L)
                        .desired_rows(4),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
        if let Some(err) = &dialog.error {
            ui.add_space(size::GAP);
            ui.label(RichText::new(err).color(theme::palette(ui.visuals()).danger));
        }
        ui.add_space(size::GAP_L);
        ui.horizontal(|ui| {
            let ok_key = if dialog.editing.is_some() {
                "dialog.ok"
            } else {
                "dialog.create"
            };
            if ui
                .add_enabled(!read_only, egui::Button::new(m.t(ok_key)))
                .clicked()
            {
                match dialog.change(m.lang) {
                    // The app closes the dialog when the edit succeeds, or shows why not.
                    Ok(change) => actions.push(Action::Apply(change)),
                    Err(e) => dialog.error = Some(e),
                }
            }
            if ui.button(m.t("dialog.cancel")).clicked() {
                *keep_open = false;
            }
        });
    });
    if modal.should_close() {
        *keep_open = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    fn dialog(slack: &str) -> ProjectDialog {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
        let mut d = ProjectDialog::new_project(today, CalendarId(1));
        d.name = "甲".into();
        d.critical_slack_days = slack.into();
        d
    }

    fn slack(change: Change) -> i64 {
        match change {
            Change::CreateProject(f) => f.critical_slack_minutes,
            other => panic!("not a new project: {other:?}"),
        }
    }

    #[test]
    fn the_critical_slack_limit_is_read_in_days() {
        assert_eq!(slack(dialog("").change(Language::ZhCn).unwrap()), 0);
        assert_eq!(slack(dialog(" 2 ").change(Language::ZhCn).unwrap()), 960);
        assert_eq!(slack(dialog("0.5").change(Language::ZhCn).unwrap()), 240);
        for bad in ["-1", "两天", "400"] {
            let err = dialog(bad).change(Language::English).unwrap_err();
            assert!(err.contains(bad), "{err}");
        }
        assert_eq!(days_text(960), "2");
        assert_eq!(days_text(240), "0.5");
        assert_eq!(days_text(0), "0");
    }

    #[test]
    fn the_start_time_is_optional_and_read_as_a_time_of_day() {
        let time = |text: &str| {
            let mut d = dialog("");
            d.start_time = text.into();
            d.change(Language::ZhCn).map(|c| match c {
                Change::CreateProject(f) => f.start_time,
                _ => None,
            })
        };
        assert_eq!(time(""), Ok(None));
        assert_eq!(time("09:30"), Ok(chrono::NaiveTime::from_hms_opt(9, 30, 0)));
        assert_eq!(
            time("09：30"),
            Ok(chrono::NaiveTime::from_hms_opt(9, 30, 0))
        );
        for bad in ["9点", "25:00"] {
            assert!(time(bad).is_err_and(|e| e.contains(bad)), "{bad}");
        }
    }
}
