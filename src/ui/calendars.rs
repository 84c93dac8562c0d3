//! The calendar page: a calendar's working week and its exceptions (holidays, make-up
//! workdays), edited as text and applied as one undoable edit.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use chrono::{Duration, NaiveDate};
use egui::RichText;

use super::{FrameModel, calendar_name, page_title, theme};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::work_calendar::{WorkCalendar, format_ranges, parse_ranges};
use crate::model::{CalendarId, Change};

/// What is typed for one calendar at one workspace revision.
#[derive(Clone, Debug, Default)]
pub struct CalendarEditor {
    pub calendar: Option<CalendarId>,
    revision: u64,
    week: [String; 7],
    /// Runs of exception days: first day, last day, working time ("" = day off).
    exceptions: Vec<(NaiveDate, NaiveDate, String)>,
    new_from: String,
    new_to: String,
    new_hours: String,
    error: Option<String>,
}

impl CalendarEditor {
    fn load(&mut self, id: CalendarId, revision: u64, cal: &WorkCalendar) {
        self.calendar = Some(id);
        self.revision = revision;
        self.week = std::array::from_fn(|i| format_ranges(&cal.week[i]));
        self.exceptions.clear();
        for (date, ranges) in &cal.exceptions {
            let text = format_ranges(ranges);
            match self.exceptions.last_mut() {
                Some((_, to, t)) if *t == text && *to + Duration::days(1) == *date => *to = *date,
                _ => self.exceptions.push((*date, *date, text)),
            }
        }
        self.error = None;
    }

    /// The calendar as typed, or what is wrong with it.
    fn definition(&self, m: &FrameModel<'_>) -> Result<WorkCalendar, String> {
        let days = [
            "calendar.mon",
            "calendar.tue",
            "calendar.wed",
            "calendar.thu",
            "calendar.fri",
            "calendar.sat",
            "calendar.sun",
        ];
        let mut cal = WorkCalendar::standard();
        for (i, text) in self.week.iter().enumerate() {
            cal.week[i] = parse_ranges(text).map_err(|e| format!("{}: {e}", m.t(days[i])))?;
        }
        cal.exceptions.clear();
        for (from, to, text) in &self.exceptions {
            let ranges = parse_ranges(text).map_err(|e| format!("{from}: {e}"))?;
            let mut d = *from;
            while d <= *to {
                cal.exceptions.insert(d, ranges.clone());
                d += Duration::days(1);
            }
        }
        if !cal.has_working_time() {
            return Err(m.t("calendar.no_work"));
        }
        Ok(cal)
    }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    editor: &mut CalendarEditor,
) {
    let palette = theme::palette(ui.visuals());
    page_title(ui, &m.t("calendar.title"));
    let chosen = editor
        .calendar
        .filter(|id| view.calendars.iter().any(|c| c.id == *id))
        .or_else(|| {
            m.current_project
                .and_then(|p| view.project(p))
                .map(|p| p.fields.calendar)
        })
        .or_else(|| view.calendars.first().map(|c| c.id));
    let Some(chosen) = chosen else { return };
    if (editor.calendar != Some(chosen) || editor.revision != view.revision)
        && let Some((_, cal)) = view
            .calendar_definitions
            .iter()
            .find(|(id, _)| *id == chosen)
    {
        editor.load(chosen, view.revision, cal);
    }
    let read_only = view.read_only;
    ui.horizontal(|ui| {
        let label = ui.label(m.t("calendar.which"));
        let current = view
            .calendar(chosen)
            .map(|c| calendar_name(m.lang, c))
            .unwrap_or_default();
        egui::ComboBox::from_id_salt("calendar_pick")
            .selected_text(current)
            .width(size::FIELD_L)
            .show_ui(ui, |ui| {
                for c in &view.calendars {
                    if ui
                        .selectable_label(c.id == chosen, calendar_name(m.lang, c))
                        .clicked()
                    {
                        editor.calendar = Some(c.id);
                        editor.revision = 0;
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.add_space(theme::size::SECTION_GAP / 2.0);
    ui.label(RichText::new(m.t("calendar.week")).strong());
    week_grid(ui, m, editor, read_only);
    ui.add_space(theme::size::SECTION_GAP / 2.0);
    ui.label(RichText::new(m.t("calendar.exceptions")).strong());
    exception_list(ui, m, editor, read_only);
    ui.horizontal(|ui| {
        for (key, text, width) in [
            ("calendar.from", &mut editor.new_from, 100.0),
            ("calendar.to", &mut editor.new_to, 100.0),
            ("calendar.hours", &mut editor.new_hours, 200.0),
        ] {
            let label = ui.label(m.t(key));
            ui.add_enabled(
                !read_only,
                egui::TextEdit::singleline(text).desired_width(width),
            )
            .labelled_by(label.id);
        }
        if ui
            .add_enabled(!read_only, egui::Button::new(m.t("calendar.add")))
            .clicked()
        {
            editor.add_exception(m.lang);
        }
    });
    ui.add_space(size::GAP_M);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!read_only, egui::Button::new(m.t("editor.apply")))
            .clicked()
        {
            match editor.definition(m) {
                Ok(cal) => actions.push(Action::Apply(Change::SetCalendar {
                    id: chosen,
                    definition: Some(cal),
                })),
                Err(e) => editor.error = Some(e),
            }
        }
        let builtin = view.calendar(chosen).is_some_and(|c| c.builtin.is_some());
        if builtin
            && ui
                .add_enabled(!read_only, egui::Button::new(m.t("calendar.reset")))
                .on_hover_text(m.t("calendar.reset_tip"))
                .clicked()
        {
            actions.push(Action::Apply(Change::SetCalendar {
                id: chosen,
                definition: None,
            }));
        }
    });
    if let Some(e) = &editor.error {
        ui.label(RichText::new(e).color(palette.danger));
    }
    ui.label(RichText::new(m.t("calendar.note")).color(palette.muted_text));
}

impl CalendarEditor {
    /// Adds the exception typed in the new-exception fields (a day or a span, its
    /// working hours or none for a day off), or says why it cannot.
    fn add_exception(&mut self, lang: crate::i18n::Language) {
        let editor = self;
        let parse = |s: &str| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d");
        match (
            parse(&editor.new_from),
            parse(if editor.new_to.trim().is_empty() {
                &editor.new_from
            } else {
                &editor.new_to
            }),
        ) {
            (Ok(from), Ok(to)) if to >= from => match parse_ranges(&editor.new_hours) {
                Ok(r) => {
                    editor.exceptions.push((from, to, format_ranges(&r)));
                    editor.exceptions.sort_by_key(|e| e.0);
                    editor.new_from.clear();
                    editor.new_to.clear();
                    editor.new_hours.clear();
                    editor.error = None;
                }
                Err(e) => editor.error = Some(e),
            },
            _ => {
                editor.error = Some(tr_with(
                    lang,
                    "dialog.bad_date",
                    &[("text", &editor.new_from)],
                ))
            }
        }
    }
}

/// The working hours of each day of the week, as text (`08:00-12:00, 13:00-17:00`).
fn week_grid(ui: &mut egui::Ui, m: &FrameModel<'_>, editor: &mut CalendarEditor, read_only: bool) {
    egui::Grid::new("calendar_week")
        .num_columns(2)
        .spacing([size::GAP_XL, size::GAP])
        .show(ui, |ui| {
            let days = [
                "calendar.mon",
                "calendar.tue",
                "calendar.wed",
                "calendar.thu",
                "calendar.fri",
                "calendar.sat",
                "calendar.sun",
            ];
            for (i, key) in days.iter().enumerate() {
                let label = ui.label(m.t(key));
                ui.add_enabled(
                    !read_only,
                    egui::TextEdit::singleline(&mut editor.week[i])
                        .hint_text(m.t("calendar.day_off"))
                        .desired_width(size::FIELD_L),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
}

/// The exceptions: each day or span with its hours, removable.
fn exception_list(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    editor: &mut CalendarEditor,
    read_only: bool,
) {
    let mut remove = None;
    egui::ScrollArea::vertical()
        .max_height(size::HEIGHT_M)
        .show(ui, |ui| {
            for (i, (from, to, hours)) in editor.exceptions.iter().enumerate() {
                ui.horizontal(|ui| {
                    let span = if from == to {
                        from.to_string()
                    } else {
                        format!("{from} – {to}")
                    };
                    ui.label(RichText::new(span).monospace());
                    let what = if hours.is_empty() {
                        m.t("calendar.day_off")
                    } else {
                        hours.clone()
                    };
                    ui.label(what);
                    if ui
                        .add_enabled(!read_only, egui::Button::new(m.t("calendar.remove")))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
        });
    if let Some(i) = remove {
        editor.exceptions.remove(i);
    }
}
