//! The requirements page (需求): the requirement tree with each one's demand from
//! linked feedback; the selected requirement's feedback below, each with its
//! importance and where it came from. (The requirements pool will grow this page.)

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::feedback_dialog::{FeedbackDialog, importance_name};
use super::{FrameModel, page_title, theme};
use crate::app::action::Action;
use crate::app::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::research::{RequirementFields, RequirementId};

/// What the page keeps between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequirementsState {
    pub selected: Option<RequirementId>,
    /// Rank by demand instead of the tree.
    pub by_demand: bool,
    pub new_title: String,
}

pub fn show(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    dialog: &mut Option<FeedbackDialog>,
    actions: &mut Vec<Action>,
) {
    page_title(ui, &m.t("requirements.title"));
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    ui.horizontal(|ui| {
        let label = ui.label(m.t("requirements.new"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_title)
                    .hint_text(m.t("requirements.new_hint"))
                    .desired_width(280.0),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("requirements.add")))
            .clicked()
            || enter)
            && !state.new_title.trim().is_empty()
        {
            actions.push(Action::Apply(Change::AddRequirement(RequirementFields {
                parent: state.selected,
                ..RequirementFields::titled(state.new_title.trim())
            })));
            state.new_title.clear();
        }
        ui.checkbox(&mut state.by_demand, m.t("requirements.by_demand"));
    });
    ui.label(
        RichText::new(m.t("requirements.demand_help"))
            .small()
            .color(palette.muted_text),
    );
    let mut rows: Vec<usize> = (0..insights.requirements.len()).collect();
    if state.by_demand {
        rows.sort_by_key(|&i| {
            let r = &insights.requirements[i];
            (std::cmp::Reverse(r.demand.score), r.requirement.id)
        });
    }
    let detail_height = if state.selected.is_some() { 260.0 } else { 0.0 };
    let table_height = (ui.available_height() - detail_height).max(120.0);
    ui.push_id("requirements_table", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .max_scroll_height(table_height)
            .min_scrolled_height(table_height.min(200.0))
            .column(Column::exact(70.0))
            .column(Column::remainder().at_least(240.0))
            .column(Column::exact(50.0))
            .column(Column::exact(70.0))
            .column(Column::exact(70.0))
            .column(Column::exact(60.0))
            .header(22.0, |mut h| {
                for key in [
                    "requirements.key",
                    "requirements.title_col",
                    "requirements.priority",
                    "requirements.demand",
                    "requirements.feedback",
                    "requirements.critical",
                ] {
                    h.col(|ui| {
                        ui.strong(m.t(key));
                    });
                }
            })
            .body(|body| {
                body.rows(24.0, rows.len(), |mut row| {
                    let r = &insights.requirements[rows[row.index()]];
                    let id = r.requirement.id;
                    let selected = state.selected == Some(id);
                    row.set_selected(selected);
                    row.col(|ui| {
                        if ui.selectable_label(selected, id.key()).clicked() {
                            state.selected = if selected { None } else { Some(id) };
                        }
                    });
                    let row_clicked = row.response().clicked();
                    row.col(|ui| {
                        let indent = if state.by_demand { 0 } else { r.depth };
                        ui.add_space(indent as f32 * 16.0);
                        let title = RichText::new(&r.requirement.fields.title);
                        ui.label(if r.depth == 0 { title.strong() } else { title });
                    });
                    row.col(|ui| {
                        if let Some(p) = r.requirement.fields.priority {
                            ui.label(format!("P{p}"));
                        }
                    });
                    row.col(|ui| {
                        if r.total == r.demand.score {
                            ui.label(r.demand.score.to_string());
                        } else {
                            ui.label(format!("{} (Σ{})", r.demand.score, r.total))
                                .on_hover_text(m.t("requirements.total_tip"));
                        }
                    });
                    row.col(|ui| {
                        ui.label(r.demand.items.to_string());
                    });
                    row.col(|ui| {
                        if r.demand.critical > 0 {
                            ui.label(
                                RichText::new(r.demand.critical.to_string()).color(palette.danger),
                            );
                        }
                    });
                    if row_clicked || row.response().clicked() {
                        state.selected = Some(id);
                    }
                });
            });
    });
    let Some(row) = state.selected.and_then(|id| insights.requirement(id)) else {
        return;
    };
    ui.separator();
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} {}",
                row.requirement.id.key(),
                row.requirement.fields.title
            ))
            .strong(),
        );
        ui.label(
            RichText::new(tr_with(
                m.lang,
                "requirements.demand_line",
                &[
                    ("score", &row.demand.score.to_string()),
                    ("items", &row.demand.items.to_string()),
                ],
            ))
            .color(palette.muted_text),
        );
    });
    if !row.requirement.fields.description.is_empty() {
        ui.label(&row.requirement.fields.description);
    }
    if row.feedback.is_empty() {
        ui.label(RichText::new(m.t("requirements.no_feedback")).color(palette.muted_text));
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt("requirement_feedback")
        .auto_shrink([false, false])
        .show(ui, |ui| {
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
        });
}
