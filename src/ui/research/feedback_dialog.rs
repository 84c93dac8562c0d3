//! The feedback dialog: what was said, by whom, and which requirements it asks for with
//! what importance (0–3); a new requirement can be made on the spot. Opened from a
//! survey answer, a note's quote, a whole note, the feedback list or by hand.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::research::{
    FeedbackFields, FeedbackId, FeedbackLink, FeedbackOrigin, IMPORTANCE_LEVELS, RequirementFields,
    RequirementId,
};
use crate::report::insights::InsightsView;
use crate::ui::{FrameModel, theme};

/// The dialog's fields as typed.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedbackDialog {
    /// The item being edited; `None` for a new one.
    pub editing: Option<FeedbackId>,
    pub text: String,
    pub origin: FeedbackOrigin,
    pub customer: String,
    pub segment: String,
    pub links: Vec<FeedbackLink>,
    /// The requirement and importance of the link being added.
    pub pick: Option<RequirementId>,
    pub importance: u8,
    /// A requirement to make for this feedback (new items only).
    pub new_requirement: String,
    pub error: Option<String>,
}

impl FeedbackDialog {
    /// A new feedback item from `origin` saying `text`.
    pub fn new(text: &str, origin: FeedbackOrigin, customer: &str, segment: &str) -> Self {
        FeedbackDialog {
            editing: None,
            text: text.to_owned(),
            origin,
            customer: customer.to_owned(),
            segment: segment.to_owned(),
            links: Vec::new(),
            pick: None,
            importance: 2,
            new_requirement: String::new(),
            error: None,
        }
    }

    /// An existing item, to change its text or links.
    pub fn edit(item: &crate::model::research::Feedback) -> Self {
        FeedbackDialog {
            editing: Some(item.id),
            links: item.fields.links.clone(),
            ..FeedbackDialog::new(
                &item.fields.text,
                item.fields.origin.clone(),
                &item.fields.customer,
                &item.fields.segment,
            )
        }
    }

    /// The change the dialog asks for.
    fn change(&self) -> Change {
        let mut links = self.links.clone();
        if let Some(r) = self.pick
            && !links.iter().any(|l| l.requirement == r)
        {
            links.push(FeedbackLink {
                requirement: r,
                importance: self.importance,
            });
        }
        let fields = FeedbackFields {
            text: self.text.clone(),
            origin: self.origin.clone(),
            customer: self.customer.clone(),
            segment: self.segment.clone(),
            links,
        };
        match self.editing {
            Some(id) => Change::UpdateFeedback { id, fields },
            None => Change::AddFeedback {
                fields,
                new_requirement: (!self.new_requirement.trim().is_empty()).then(|| {
                    (
                        RequirementFields::titled(self.new_requirement.trim()),
                        self.importance,
                    )
                }),
            },
        }
    }
}

/// The name of an importance level.
pub fn importance_name(m: &FrameModel<'_>, level: u8) -> String {
    m.t(&format!("feedback.importance.{level}"))
}

/// A requirement as picked: `REQ-3 离线消息提醒`.
fn requirement_label(insights: &InsightsView, id: RequirementId) -> String {
    insights.requirement(id).map_or_else(
        || id.key(),
        |r| format!("{} {}", id.key(), r.requirement.fields.title),
    )
}

/// Draws the dialog while it is open.
pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    dialog: &mut Option<FeedbackDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut close = false;
    let title = m.t(if d.editing.is_some() {
        "feedback.edit_title"
    } else {
        "feedback.new_title"
    });
    egui::Window::new(title)
        .collapsible(false)
        .resizable(true)
        .default_width(520.0)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            let (kind, place) = insights.origin_text(&d.origin);
            ui.label(
                RichText::new(format!("{} {place}", m.t(&format!("feedback.from.{kind}"))))
                    .color(palette.muted_text),
            );
            let label = ui.label(m.t("feedback.text"));
            ui.add(
                egui::TextEdit::multiline(&mut d.text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            egui::Grid::new("feedback_who")
                .num_columns(2)
                .show(ui, |ui| {
                    let label = ui.label(m.t("feedback.customer"));
                    ui.text_edit_singleline(&mut d.customer)
                        .labelled_by(label.id);
                    ui.end_row();
                    let label = ui.label(m.t("feedback.segment"));
                    ui.text_edit_singleline(&mut d.segment)
                        .labelled_by(label.id);
                    ui.end_row();
                });
            ui.separator();
            ui.label(RichText::new(m.t("feedback.links")).strong());
            let mut remove = None;
            for (i, l) in d.links.iter_mut().enumerate() {
                ui.horizontal(|ui| {
                    ui.label(requirement_label(insights, l.requirement));
                    importance_picker(ui, m, &format!("link_importance_{i}"), &mut l.importance);
                    if ui
                        .small_button("×")
                        .on_hover_text(m.t("feedback.unlink"))
                        .clicked()
                    {
                        remove = Some(i);
                    }
                });
            }
            if let Some(i) = remove {
                d.links.remove(i);
            }
            ui.horizontal(|ui| {
                let label = ui.label(m.t("feedback.link_to"));
                egui::ComboBox::from_id_salt("feedback_pick")
                    .selected_text(
                        d.pick
                            .map(|r| requirement_label(insights, r))
                            .unwrap_or_else(|| m.t("feedback.pick_none")),
                    )
                    .width(size::FIELD_L)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut d.pick, None, m.t("feedback.pick_none"));
                        for r in &insights.requirements {
                            let indent = "  ".repeat(r.depth);
                            ui.selectable_value(
                                &mut d.pick,
                                Some(r.requirement.id),
                                format!(
                                    "{indent}{} {}",
                                    r.requirement.id.key(),
                                    r.requirement.fields.title
                                ),
                            );
                        }
                    })
                    .response
                    .labelled_by(label.id);
                importance_picker(ui, m, "feedback_importance", &mut d.importance);
            });
            if d.editing.is_none() {
                ui.horizontal(|ui| {
                    let label = ui.label(m.t("feedback.new_requirement"));
                    ui.add(
                        egui::TextEdit::singleline(&mut d.new_requirement)
                            .hint_text(m.t("feedback.new_requirement_hint")),
                    )
                    .labelled_by(label.id);
                });
            }
            if let Some(e) = &d.error {
                ui.label(RichText::new(e).color(palette.danger));
            }
            ui.add_space(size::GAP);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        !m.view.is_some_and(|v| v.read_only),
                        egui::Button::new(m.t("feedback.save")),
                    )
                    .clicked()
                {
                    if d.text.trim().is_empty() {
                        d.error = Some(m.t("err.feedback_text"));
                    } else {
                        actions.push(Action::Apply(d.change()));
                        close = true;
                    }
                }
                if ui.button(m.t("dialog.cancel")).clicked() {
                    close = true;
                }
            });
        });
    if close {
        *dialog = None;
    }
}

/// Importance 0–3 as a small combo box.
pub fn importance_picker(ui: &mut egui::Ui, m: &FrameModel<'_>, id: &str, level: &mut u8) {
    egui::ComboBox::from_id_salt(id)
        .selected_text(importance_name(m, *level))
        .width(size::FIELD_SHORT)
        .show_ui(ui, |ui| {
            for l in 0..IMPORTANCE_LEVELS {
                ui.selectable_value(level, l, importance_name(m, l));
            }
        })
        .response
        .on_hover_text(m.t("feedback.importance"));
}
