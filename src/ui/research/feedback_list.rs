//! The feedback tab of the Research page: every feedback item with where it came from,
//! who said it and the requirements it is linked to; filter to the unlinked ones,
//! open an item to link or change it.

use crate::ui::ViewCx;
use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::research::{Feedback, FeedbackOrigin};
use crate::report::insights::InsightsView;
use crate::ui::research::feedback_dialog::{FeedbackDialog, importance_name};
use crate::ui::{FrameModel, theme};

/// What the feedback tab keeps between frames.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedbackListState {
    pub unlinked_only: bool,
    pub search: String,
}

/// One feedback item on one line or two: text, origin, links, and its buttons.
pub fn feedback_line(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    f: &Feedback,
    dialog: &mut Option<FeedbackDialog>,
    read_only: bool,
) -> Option<Change> {
    let palette = theme::palette(ui.visuals());
    let mut change = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&f.fields.text));
        });
        ui.horizontal_wrapped(|ui| {
            let (kind, place) = insights.origin_text(&f.fields.origin);
            let who = [f.fields.customer.as_str(), f.fields.segment.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            ui.label(
                RichText::new(format!(
                    "{} {place}{}{who}",
                    m.t(&format!("feedback.from.{kind}")),
                    if who.is_empty() { "" } else { " — " }
                ))
                .small()
                .color(palette.muted_text),
            );
            for l in &f.fields.links {
                let title = insights
                    .requirement(l.requirement)
                    .map(|r| r.requirement.fields.title.as_str())
                    .unwrap_or_default();
                ui.label(
                    RichText::new(format!(
                        "{} {title} · {}",
                        l.requirement.key(),
                        importance_name(m, l.importance)
                    ))
                    .small()
                    .background_color(palette.card_stroke),
                );
            }
            if f.fields.links.is_empty() {
                ui.label(
                    RichText::new(m.t("feedback.unlinked"))
                        .small()
                        .color(palette.warning),
                );
            }
            if ui
                .add_enabled(!read_only, egui::Button::new(m.t("feedback.open")).small())
                .clicked()
            {
                *dialog = Some(FeedbackDialog::edit(f));
            }
            if ui
                .add_enabled(
                    !read_only,
                    egui::Button::new(m.t("feedback.delete")).small(),
                )
                .clicked()
            {
                change = Some(Change::DeleteFeedback(f.id));
            }
        });
    });
    change
}

/// The feedback tab.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    read_only: bool,
    state: &mut FeedbackListState,
    dialog: &mut Option<FeedbackDialog>,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!read_only, egui::Button::new(m.t("feedback.add_manual")))
            .clicked()
        {
            *dialog = Some(FeedbackDialog::new("", FeedbackOrigin::Manual, "", ""));
        }
        ui.checkbox(&mut state.unlinked_only, m.t("feedback.unlinked_only"));
        let label = ui.label(m.t("feedback.search"));
        ui.text_edit_singleline(&mut state.search)
            .labelled_by(label.id);
    });
    let shown: Vec<&Feedback> = insights
        .feedback
        .iter()
        .filter(|f| !state.unlinked_only || f.fields.links.is_empty())
        .filter(|f| {
            let q = state.search.trim();
            q.is_empty()
                || f.fields.text.contains(q)
                || f.fields.customer.contains(q)
                || f.fields.segment.contains(q)
        })
        .collect();
    let linked = insights
        .feedback
        .iter()
        .filter(|f| !f.fields.links.is_empty())
        .count();
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "feedback.summary",
            &[
                ("total", &insights.feedback.len().to_string()),
                ("linked", &linked.to_string()),
                ("shown", &shown.len().to_string()),
            ],
        ))
        .color(palette.muted_text),
    );
    egui::ScrollArea::vertical()
        .id_salt("feedback_list")
        .auto_shrink([false, false])
        .show_rows(ui, 64.0, shown.len(), |ui, range| {
            for f in &shown[range] {
                if let Some(change) = feedback_line(ui, m, insights, f, dialog, read_only) {
                    actions.push(Action::Apply(change));
                }
            }
        });
}
