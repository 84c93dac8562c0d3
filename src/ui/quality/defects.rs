//! Defects: the list (open or all, by severity) and the editor with the workflow
//! buttons (新建 → 已确认 → 修复中 → 待验证 → 已关闭, 重新打开, 不修复; the fix and
//! verification dated as they happen) and every field.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{NamedCombo, QualityState};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::quality::{
    DEFECT_STATUSES, Defect, DefectFields, DefectId, QualityItem, QualityKey, SEVERITIES,
};
use crate::report::quality_session::QualitySession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// Which defects the list shows.
#[derive(Clone, Debug, Default)]
pub struct DefectFilter {
    pub all: bool,
    pub severity: Option<&'static str>,
    pub search: String,
}

/// The defect being edited, with its dates as typed.
#[derive(Clone, Debug)]
pub struct DefectEditor {
    pub id: Option<DefectId>,
    pub fields: DefectFields,
    original: DefectFields,
    /// Found, fixed, verified.
    dates: [String; 3],
    error: Option<String>,
}

fn day_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl DefectEditor {
    /// A new defect with these fields (提缺陷 fills them from a failed result).
    pub fn new_defect(fields: DefectFields) -> DefectEditor {
        DefectEditor::with(None, fields)
    }

    pub fn of(d: &Defect) -> DefectEditor {
        DefectEditor::with(Some(d.id), d.fields.clone())
    }

    fn with(id: Option<DefectId>, fields: DefectFields) -> DefectEditor {
        DefectEditor {
            id,
            dates: [
                day_text(fields.found),
                day_text(fields.fixed),
                day_text(fields.verified),
            ],
            original: fields.clone(),
            fields,
            error: None,
        }
    }

    fn checked(&self, m: &FrameModel<'_>) -> Result<DefectFields, String> {
        let day = |t: &str| crate::ui::risks::typed_day(m.lang, t);
        let mut f = self.fields.clone();
        f.found = day(&self.dates[0])?;
        f.fixed = day(&self.dates[1])?;
        f.verified = day(&self.dates[2])?;
        Ok(f)
    }
}

pub fn status_text(m: &FrameModel<'_>, status: &str) -> String {
    m.t(&format!("quality.status.{status}"))
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    if state.defect_editor.is_some() {
        egui::Panel::right("defect-editor")
            .resizable(true)
            .default_size(size::FORM_WIDTH)
            .show(ui, |ui| {
                editor(ui, ViewCx::new(m, actions), session, view, state)
            });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new())
        .show(ui, |ui| {
            let f = &mut state.defect_filter;
            ui.horizontal_wrapped(|ui| {
                if !view.read_only && ui.button(m.t("quality.new_defect")).clicked() {
                    state.defect_editor = Some(DefectEditor::new_defect(DefectFields {
                        severity: "S3".into(),
                        status: "new".into(),
                        release: state.release,
                        found: Some(chrono::Local::now().date_naive()),
                        ..DefectFields::default()
                    }));
                }
                ui.checkbox(&mut f.all, m.t("quality.show_closed"));
                egui::ComboBox::from_id_salt("defect-severity-filter")
                    .selected_text(f.severity.unwrap_or("S1–S4"))
                    .show_named(ui, &m.t("quality.column.severity"), |ui| {
                        ui.selectable_value(&mut f.severity, None, "S1–S4");
                        for s in SEVERITIES {
                            ui.selectable_value(&mut f.severity, Some(s), s);
                        }
                    });
                let l = ui.label(m.t("quality.search"));
                ui.add(egui::TextEdit::singleline(&mut f.search).desired_width(size::FIELD_S))
                    .labelled_by(l.id);
            });
            ui.add_space(size::GAP_S);
            let needle = f.search.trim().to_lowercase();
            let shown: Vec<&Defect> = session
                .data
                .defects
                .iter()
                .filter(|d| state.release.is_none() || d.fields.release == state.release)
                .filter(|d| f.all || d.fields.is_open())
                .filter(|d| f.severity.is_none_or(|s| d.fields.severity == s))
                .filter(|d| {
                    needle.is_empty()
                        || d.id.key().to_lowercase().contains(&needle)
                        || d.fields.title.to_lowercase().contains(&needle)
                        || d.fields.owner.to_lowercase().contains(&needle)
                })
                .collect();
            list(ui, m, &shown, state);
        });
}

fn list(ui: &mut egui::Ui, m: &FrameModel<'_>, shown: &[&Defect], state: &mut QualityState) {
    if shown.is_empty() {
        ui.label(m.t("quality.no_defects"));
        return;
    }
    let palette = crate::ui::theme::palette(ui.visuals());
    let mut open = None;
    let editing = state.defect_editor.as_ref().and_then(|e| e.id);
    TableBuilder::new(ui)
        .id_salt("defect-table")
        .striped(true)
        .resizable(true)
        .column(Column::exact(size::COL_S))
        .column(
            Column::initial(size::COL_TEXT * 1.5)
                .at_least(size::COL_L)
                .clip(true),
        )
        .column(Column::exact(size::COL_S))
        .column(Column::exact(size::COL_XS))
        .column(Column::initial(size::COL_M))
        .column(Column::initial(size::COL_S))
        .column(Column::initial(size::COL_M))
        .column(Column::remainder().at_least(size::COL_S))
        .header(size::ROW_HEIGHT, |mut header| {
            super::headings(
                &mut header,
                m,
                &[
                    "quality.column.key",
                    "quality.column.title",
                    "quality.column.severity",
                    "quality.column.priority",
                    "quality.column.defect_status",
                    "quality.column.owner",
                    "quality.column.found",
                    "quality.column.requirements",
                ],
            );
        })
        .body(|body| {
            body.rows(size::ROW_HEIGHT, shown.len(), |mut row| {
                let d = shown[row.index()];
                let f = &d.fields;
                row.set_selected(editing == Some(d.id));
                row.col(|ui| {
                    if ui.link(d.id.key()).clicked() {
                        open = Some(d);
                    }
                });
                row.col(|ui| {
                    if ui
                        .add(
                            egui::Label::new(&f.title)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .clicked()
                    {
                        open = Some(d);
                    }
                });
                row.col(|ui| {
                    let colour = match f.severity.as_str() {
                        "S1" => palette.danger,
                        "S2" => palette.warning,
                        _ => ui.visuals().text_color(),
                    };
                    ui.label(RichText::new(&f.severity).color(colour).strong());
                });
                row.col(|ui| {
                    ui.label(f.priority.map(|p| format!("P{p}")).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.label(status_text(m, &f.status));
                });
                row.col(|ui| {
                    ui.label(&f.owner);
                });
                row.col(|ui| {
                    ui.label(day_text(f.found));
                });
                row.col(|ui| {
                    ui.label(f.requirement.map(|r| r.key()).unwrap_or_default());
                });
            });
        });
    if let Some(d) = open {
        state.defect_editor = Some(DefectEditor::of(d));
    }
}

/// The defect editor (on the Defects tab, and beside a run after 提缺陷).
pub fn editor(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    let read_only = view.read_only;
    let Some(e) = state.defect_editor.as_mut() else {
        return;
    };
    if let Some(id) = e.id {
        match session.data.defects.iter().find(|d| d.id == id) {
            Some(saved) if saved.fields != e.original && e.fields == e.original => {
                *e = DefectEditor::of(saved);
            }
            Some(_) => {}
            None => {
                state.defect_editor = None;
                return;
            }
        }
    }
    let mut close = false;
    let save = |fields: DefectFields, id: Option<DefectId>| {
        let item = QualityItem::Defect(Defect {
            id: id.unwrap_or(DefectId(0)),
            fields,
        });
        match id {
            Some(_) => Change::UpdateQualityItem(item),
            None => Change::AddQualityItem(item),
        }
    };
    ui.horizontal(|ui| {
        ui.heading(e.id.map_or_else(|| m.t("quality.new_defect"), |id| id.key()));
        if !read_only {
            if ui
                .button(RichText::new(m.t("quality.save")).strong())
                .clicked()
            {
                match e.checked(m) {
                    Ok(fields) => {
                        actions.push(Action::Apply(save(fields.clone(), e.id)));
                        e.original = fields.clone();
                        e.fields = fields;
                        e.error = None;
                        close = e.id.is_none();
                    }
                    Err(err) => e.error = Some(err),
                }
            }
            if let Some(id) = e.id
                && ui.button(m.t("quality.delete")).clicked()
            {
                actions.push(Action::Apply(Change::DeleteQualityItems(vec![
                    QualityKey::Defect(id.0),
                ])));
                close = true;
            }
        }
        if ui
            .button("×")
            .on_hover_text(m.t("quality.close_editor"))
            .clicked()
        {
            close = true;
        }
    });
    if let Some(err) = &e.error {
        ui.colored_label(ui.visuals().error_fg_color, err);
    }
    // The workflow: a saved defect moves on in one click (one edit, dated).
    if let (Some(id), false) = (e.id, read_only) {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{} → ", status_text(m, &e.original.status))).weak());
            for next in e.original.next_statuses() {
                if ui.button(status_text(m, next)).clicked() {
                    let today = chrono::Local::now().date_naive();
                    actions.push(Action::Apply(save(
                        e.original.moved_to(next, today),
                        Some(id),
                    )));
                }
            }
        });
    }
    egui::ScrollArea::vertical()
        .id_salt("defect-editor-scroll")
        .show(ui, |ui| {
            ui.add_enabled_ui(!read_only, |ui| fields(ui, m, session, view, e));
        });
    if close {
        state.defect_editor = None;
    }
}

fn fields(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &QualitySession,
    view: &WorkspaceView,
    e: &mut DefectEditor,
) {
    let f = &mut e.fields;
    egui::Grid::new("defect-fields")
        .num_columns(2)
        .spacing([size::GAP_L, size::GAP_S])
        .show(ui, |ui| {
            let l = ui.label(m.t("quality.column.title"));
            ui.add(egui::TextEdit::singleline(&mut f.title).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            ui.end_row();
            ui.label(m.t("quality.column.severity"));
            egui::ComboBox::from_id_salt("defect-severity")
                .selected_text(f.severity.clone())
                .show_named(ui, &m.t("quality.column.severity"), |ui| {
                    for s in SEVERITIES {
                        ui.selectable_value(&mut f.severity, s.to_owned(), s);
                    }
                });
            ui.end_row();
            ui.label(m.t("quality.column.priority"));
            super::case_editor::priority_combo(ui, m, "defect-priority", &mut f.priority);
            ui.end_row();
            ui.label(m.t("quality.column.defect_status"));
            egui::ComboBox::from_id_salt("defect-status")
                .selected_text(status_text(m, &f.status))
                .show_named(ui, &m.t("quality.column.defect_status"), |ui| {
                    for s in DEFECT_STATUSES {
                        ui.selectable_value(&mut f.status, s.to_owned(), status_text(m, s));
                    }
                });
            ui.end_row();
            let l = ui.label(m.t("quality.column.owner"));
            ui.add(egui::TextEdit::singleline(&mut f.owner).desired_width(size::FIELD_M))
                .labelled_by(l.id);
            ui.end_row();
            ui.label(m.t("quality.column.release"));
            super::release_choice(
                ui,
                "defect-release",
                &m.t("quality.column.release"),
                &view.insights.releases,
                "—",
                &mut f.release,
            );
            ui.end_row();
            ui.label(m.t("quality.column.requirements"));
            super::requirement_choice(
                ui,
                view,
                "defect-requirement",
                &m.t("quality.column.requirements"),
                Some("—"),
                &mut f.requirement,
            );
            ui.end_row();
            // A task of the current project's plan (the one that fixes it).
            ui.label(m.t("quality.task"));
            let task_name = |id: crate::model::TaskId| {
                m.plan
                    .and_then(|p| p.rows.iter().find(|r| r.task == id))
                    .map(|r| r.name.clone())
                    .or_else(|| view.insights.task_names.get(&id).map(|t| t.0.clone()))
                    .unwrap_or_else(|| format!("#{}", id.0))
            };
            egui::ComboBox::from_id_salt("defect-task")
                .selected_text(f.task.map(task_name).unwrap_or_else(|| "—".to_owned()))
                .height(size::FIELD_XL)
                .show_named(ui, &m.t("quality.task"), |ui| {
                    ui.selectable_value(&mut f.task, None, "—");
                    for r in m.plan.iter().flat_map(|p| &p.rows).filter(|r| !r.summary) {
                        ui.selectable_value(&mut f.task, Some(r.task), &r.name);
                    }
                });
            ui.end_row();
            ui.label(m.t("quality.found_in"));
            ui.label(
                [
                    f.run.map(|r| {
                        session
                            .run(r)
                            .map_or_else(|| r.key(), |x| format!("{} {}", r.key(), x.fields.name))
                    }),
                    f.case.map(|c| c.key()),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" · "),
            );
            ui.end_row();
            for (k, key) in [
                "quality.column.found",
                "quality.column.fixed",
                "quality.column.verified",
            ]
            .into_iter()
            .enumerate()
            {
                let l = ui.label(m.t(key));
                ui.add(egui::TextEdit::singleline(&mut e.dates[k]).desired_width(size::FIELD_DATE))
                    .labelled_by(l.id);
                ui.end_row();
            }
            if f.reopened > 0 {
                ui.label(m.t("quality.reopened_times"));
                ui.label(f.reopened.to_string());
                ui.end_row();
            }
        });
    for (key, text) in [
        ("quality.column.steps", &mut f.steps),
        ("quality.column.expected", &mut f.expected),
        ("quality.column.actual", &mut f.actual),
    ] {
        let l = ui.label(RichText::new(m.t(key)).strong());
        ui.add(
            egui::TextEdit::multiline(text)
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    }
}
