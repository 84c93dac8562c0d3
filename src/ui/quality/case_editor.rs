//! A test case's every field, its steps as an editable table (action, expected
//! result; add, move, remove), saved as one undoable edit.

use egui::RichText;

use super::{NamedCombo, QualityState, type_label};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::quality::{
    CASE_TYPES, QualityItem, TestCase, TestCaseFields, TestCaseId, TestStep,
};
use crate::report::quality_session::QualitySession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// The case being edited, with its tags as typed.
#[derive(Clone, Debug)]
pub struct CaseEditor {
    pub id: Option<TestCaseId>,
    pub fields: TestCaseFields,
    original: TestCaseFields,
    tags: String,
    /// A type of the workspace's own, being typed.
    new_type: String,
    error: Option<String>,
}

impl CaseEditor {
    pub fn new_case(suite: Option<crate::model::quality::SuiteId>) -> CaseEditor {
        let fields = TestCaseFields {
            kind: "functional".into(),
            suite,
            steps: vec![TestStep::default()],
            priority: Some(2),
            ..TestCaseFields::default()
        };
        CaseEditor::with(None, fields)
    }

    pub fn of(c: &TestCase) -> CaseEditor {
        CaseEditor::with(Some(c.id), c.fields.clone())
    }

    fn with(id: Option<TestCaseId>, fields: TestCaseFields) -> CaseEditor {
        CaseEditor {
            id,
            tags: fields.tags.join(", "),
            new_type: String::new(),
            original: fields.clone(),
            fields,
            error: None,
        }
    }

    fn checked(&self) -> TestCaseFields {
        let mut f = self.fields.clone();
        f.tags = self
            .tags
            .split([',', '，', ';', '；'])
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        // Empty rows of the steps table are not steps.
        f.steps
            .retain(|s| !s.action.trim().is_empty() || !s.expected.trim().is_empty());
        f
    }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    let read_only = view.read_only;
    let Some(e) = state.case_editor.as_mut() else {
        return;
    };
    // Follow the stored case while it is not being changed here (undo, another edit).
    if let Some(id) = e.id {
        match session.case(id) {
            Some(saved) if saved.fields != e.original && e.checked() == e.original => {
                *e = CaseEditor::of(saved);
            }
            Some(_) => {}
            None => {
                state.case_editor = None;
                return;
            }
        }
    }
    let mut close = false;
    ui.horizontal(|ui| {
        ui.heading(e.id.map_or_else(|| m.t("quality.new_case"), |id| id.key()));
        if !read_only {
            if ui
                .button(RichText::new(m.t("quality.save")).strong())
                .clicked()
            {
                let fields = e.checked();
                let item = QualityItem::Case(TestCase {
                    id: e.id.unwrap_or(TestCaseId(0)),
                    fields: fields.clone(),
                });
                match item.clone().normalized() {
                    Ok(_) => {
                        actions.push(Action::Apply(match e.id {
                            Some(_) => Change::UpdateQualityItem(item),
                            None => Change::AddQualityItem(item),
                        }));
                        e.original = fields.clone();
                        e.fields = fields;
                        e.error = None;
                        close = e.id.is_none();
                    }
                    Err(err) => e.error = Some(err.to_string()),
                }
            }
            if let Some(id) = e.id
                && ui.button(m.t("quality.delete")).clicked()
            {
                actions.push(Action::Apply(Change::DeleteQualityItems(vec![
                    crate::model::quality::QualityKey::Case(id.0),
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
    egui::ScrollArea::vertical()
        .id_salt("case-editor-scroll")
        .show(ui, |ui| {
            ui.add_enabled_ui(!read_only, |ui| fields(ui, m, session, view, e));
            if let Some(id) = e.id {
                history(ui, m, session, id);
            }
        });
    if close {
        state.case_editor = None;
    }
}

fn fields(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &QualitySession,
    view: &WorkspaceView,
    e: &mut CaseEditor,
) {
    let f = &mut e.fields;
    egui::Grid::new("case-fields")
        .num_columns(2)
        .spacing([size::GAP_L, size::GAP_S])
        .show(ui, |ui| {
            let l = ui.label(m.t("quality.column.title"));
            ui.add(egui::TextEdit::singleline(&mut f.title).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.column.suite"));
            super::suite_choice(ui, m, session, "case-suite", &mut f.suite).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.column.priority"));
            priority_combo(ui, m, "case-priority", &mut f.priority).labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.column.type"));
            ui.horizontal(|ui| {
                // The built-in types, then the workspace's own (any a case already uses).
                let mut own: Vec<&str> = session
                    .data
                    .cases
                    .iter()
                    .map(|c| c.fields.kind.as_str())
                    .filter(|k| !k.is_empty() && !CASE_TYPES.contains(k))
                    .collect();
                own.sort_unstable();
                own.dedup();
                egui::ComboBox::from_id_salt("case-type")
                    .selected_text(type_label(m, &f.kind))
                    .show_named(ui, &m.t("quality.column.type"), |ui| {
                        for k in CASE_TYPES.iter().copied().chain(own) {
                            ui.selectable_value(&mut f.kind, k.to_owned(), type_label(m, k));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                let t = ui.add(
                    egui::TextEdit::singleline(&mut e.new_type)
                        .hint_text(m.t("quality.own_type"))
                        .desired_width(size::FIELD_SHORT),
                );
                t.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::TextInput, true, m.t("quality.own_type"))
                });
                if ui.small_button("+").clicked() && !e.new_type.trim().is_empty() {
                    f.kind = e.new_type.trim().to_owned();
                    e.new_type.clear();
                }
            });
            ui.end_row();
            ui.label(m.t("quality.column.automated"));
            ui.checkbox(&mut f.automated, m.t("quality.automated_yes"));
            ui.end_row();
            let l = ui.label(m.t("quality.column.owner"));
            ui.add(egui::TextEdit::singleline(&mut f.owner).desired_width(size::FIELD_M))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.column.tags"));
            ui.add(egui::TextEdit::singleline(&mut e.tags).desired_width(size::FIELD_M))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.column.preconditions"));
            ui.add(
                egui::TextEdit::multiline(&mut f.preconditions)
                    .desired_rows(2)
                    .desired_width(size::FIELD_L),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("quality.column.requirements")).strong());
    let mut remove = None;
    for (k, r) in f.requirements.iter().enumerate() {
        ui.horizontal(|ui| {
            let title = view
                .insights
                .requirement(*r)
                .map(|x| x.requirement.fields.title.clone())
                .unwrap_or_default();
            ui.label(format!("{} {title}", r.key()));
            if ui
                .small_button("×")
                .on_hover_text(m.t("quality.unlink"))
                .clicked()
            {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        f.requirements.remove(k);
    }
    let mut add = None;
    egui::ComboBox::from_id_salt("case-link-requirement")
        .selected_text(m.t("quality.link_requirement"))
        .height(size::FIELD_XL)
        .show_named(ui, &m.t("quality.link_requirement"), |ui| {
            for row in &view.insights.requirements {
                let r = &row.requirement;
                if f.requirements.contains(&r.id) {
                    continue;
                }
                if ui
                    .selectable_label(false, format!("{} {}", r.id.key(), r.fields.title))
                    .clicked()
                {
                    add = Some(r.id);
                }
            }
        });
    if let Some(r) = add {
        f.requirements.push(r);
    }
    ui.add_space(size::GAP_M);
    steps_table(ui, m, &mut f.steps);
}

/// A priority choice (P0–P4 or none).
pub fn priority_combo(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    id: &str,
    priority: &mut Option<u8>,
) -> egui::Response {
    egui::ComboBox::from_id_salt(id)
        .selected_text(priority.map(|p| format!("P{p}")).unwrap_or_default())
        .show_named(ui, &m.t("quality.column.priority"), |ui| {
            ui.selectable_value(priority, None, "—");
            for p in 0..=4u8 {
                ui.selectable_value(priority, Some(p), format!("P{p}"));
            }
        })
        .response
}

/// The steps, each an action and its expected result (numbered; moved up or down,
/// removed, added).
fn steps_table(ui: &mut egui::Ui, m: &FrameModel<'_>, steps: &mut Vec<TestStep>) {
    ui.label(RichText::new(m.t("quality.column.steps")).strong());
    let mut op: Option<(usize, i8)> = None;
    let width = ui.available_width() - size::GAP_XL;
    for (i, s) in steps.iter_mut().enumerate() {
        crate::ui::theme::card(ui.visuals()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(format!("{}", i + 1)).strong());
                if ui.small_button("↑").clicked() && i > 0 {
                    op = Some((i, -1));
                }
                if ui.small_button("↓").clicked() {
                    op = Some((i, 1));
                }
                if ui
                    .small_button("×")
                    .on_hover_text(m.t("quality.remove_step"))
                    .clicked()
                {
                    op = Some((i, 0));
                }
            });
            for (text, key) in [
                (&mut s.action, "quality.step_action"),
                (&mut s.expected, "quality.column.expected"),
            ] {
                ui.add(
                    egui::TextEdit::multiline(text)
                        .desired_rows(1)
                        .hint_text(m.t(key))
                        .desired_width(width - size::CARD_MARGIN * 2.0),
                )
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::TextInput,
                        true,
                        format!("{} {}", m.t(key), i + 1),
                    )
                });
            }
        });
    }
    match op {
        Some((i, 0)) => {
            steps.remove(i);
        }
        Some((i, d)) => {
            let j = i as isize + d as isize;
            if j >= 0 && (j as usize) < steps.len() {
                steps.swap(i, j as usize);
            }
        }
        None => {}
    }
    if ui.button(m.t("quality.add_step")).clicked() {
        steps.push(TestStep::default());
    }
}

/// Every result the case has had, newest first.
fn history(ui: &mut egui::Ui, m: &FrameModel<'_>, session: &QualitySession, id: TestCaseId) {
    let mut results: Vec<(&str, &crate::model::quality::TestResult)> = session
        .data
        .runs
        .iter()
        .flat_map(|r| {
            r.fields
                .results
                .iter()
                .filter(|x| x.case == id)
                .map(move |x| (r.fields.name.as_str(), x))
        })
        .collect();
    if results.is_empty() {
        return;
    }
    results.sort_by_key(|r| std::cmp::Reverse(r.1.at));
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("quality.history")).strong());
    for (run, r) in results {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(super::status_label(m, r.status))
                    .color(super::status_colour(ui, r.status)),
            );
            ui.label(
                RichText::new(format!(
                    "{run} · {} · {}",
                    r.at.format("%Y-%m-%d %H:%M"),
                    r.by
                ))
                .small()
                .weak(),
            );
            if !r.comment.is_empty() {
                ui.label(RichText::new(&r.comment).small());
            }
        });
    }
}
