//! Research page (调研): the surveys in the workspace and a dashboard for the chosen
//! one — a card per question: NPS with its parts and margin of error, ratings with mean
//! and top-2-box, choices as bars with counts and shares, numbers as a histogram, free
//! text with verbatims.

mod cards;
pub mod feedback_dialog;
pub mod feedback_list;
mod filters;
pub mod kano_card;
pub mod notes;
pub mod survey_import;
mod trend;

use crate::ui::ViewCx;
use crate::ui::theme::size;
use cards::card_ui;
use egui::RichText;
use filters::{filter_bar, kinds};
use trend::{comparison_card, trend_card};

use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::report::exporters::{Needs, made_from};
use crate::ui::{page_title, theme};

/// The date range as typed in the filter bar.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResearchState {
    pub tab: ResearchTab,
    pub from: String,
    pub to: String,
    pub error: Option<String>,
    /// The NPS trend by month (else by week).
    pub trend_monthly: bool,
    pub notes: crate::ui::research::notes::NotesState,
    pub feedback: crate::ui::research::feedback_list::FeedbackListState,
    /// The feedback dialog, opened from any tab or the requirements page.
    pub feedback_dialog: Option<crate::ui::research::feedback_dialog::FeedbackDialog>,
    /// The requirement each Kano feature stands for.
    pub kano_links: crate::ui::research::kano_card::KanoLinks,
}

/// The tabs of the Research page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ResearchTab {
    #[default]
    Surveys,
    Notes,
    Feedback,
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut ResearchState,
) {
    page_title(ui, &m.t("research.title"));
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        for (tab, key) in [
            (ResearchTab::Surveys, "research.tab.surveys"),
            (ResearchTab::Notes, "research.tab.notes"),
            (ResearchTab::Feedback, "research.tab.feedback"),
        ] {
            ui.selectable_value(&mut state.tab, tab, m.t(key));
        }
    });
    ui.separator();
    match state.tab {
        ResearchTab::Surveys => {}
        ResearchTab::Notes => {
            return crate::ui::research::notes::show(
                ui,
                ViewCx::new(m, actions),
                &view.insights,
                view.read_only,
                &mut state.notes,
                &mut state.feedback_dialog,
            );
        }
        ResearchTab::Feedback => {
            return crate::ui::research::feedback_list::show(
                ui,
                ViewCx::new(m, actions),
                &view.insights,
                view.read_only,
                &mut state.feedback,
                &mut state.feedback_dialog,
            );
        }
    }
    survey_bar(ui, ViewCx::new(m, actions), view);
    let Some(survey) = m.survey else {
        ui.add_space(theme::size::SECTION_GAP);
        ui.label(RichText::new(m.t("research.none")).color(palette.muted_text));
        return;
    };
    ui.label(tr_with(
        m.lang,
        "research.summary",
        &[
            ("tool", &m.t(&format!("research.tool.{}", survey.source))),
            ("responses", &survey.responses.to_string()),
            ("questions", &survey.cards.len().to_string()),
        ],
    ));
    filter_bar(ui, ViewCx::new(m, actions), survey, state);
    kinds(ui, ViewCx::new(m, actions), survey, view.read_only);
    ui.add_space(size::GAP_M);
    survey_cards(ui, ViewCx::new(m, actions), view, survey, state);
}

/// The survey picker, import, delete, the survey to compare with, and export.
fn survey_bar(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, view: &WorkspaceView) {
    ui.horizontal(|ui| {
        if !view.surveys.is_empty() {
            let label = ui.label(m.t("research.survey"));
            let current = m.survey.map(|s| s.id);
            let name = |id| {
                view.surveys
                    .iter()
                    .find(|s| Some(s.id) == id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default()
            };
            egui::ComboBox::from_id_salt("research_survey")
                .selected_text(name(current))
                .width(size::FIELD_L)
                .show_ui(ui, |ui| {
                    for s in &view.surveys {
                        if ui
                            .selectable_label(current == Some(s.id), &s.name)
                            .clicked()
                        {
                            actions.push(Action::SelectSurvey(s.id));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("research.import")))
            .on_hover_text(m.t("research.import_tip"))
            .clicked()
        {
            actions.push(Action::Run(UiCommand::ImportSurvey));
        }
        if let Some(s) = m.survey
            && ui
                .add_enabled(!view.read_only, egui::Button::new(m.t("research.delete")))
                .clicked()
        {
            actions.push(Action::Apply(Change::DeleteSurvey(s.id)));
        }
        if let Some(shown) = m.survey
            && view.surveys.len() > 1
        {
            let label = ui.label(m.t("research.compare"));
            let current = shown.comparison.as_ref().map(|c| c.other);
            let name = current
                .and_then(|id| view.surveys.iter().find(|s| s.id == id))
                .map_or_else(|| m.t("research.no_compare"), |s| s.name.clone());
            egui::ComboBox::from_id_salt("research_compare")
                .selected_text(name)
                .width(size::FIELD_M)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(current.is_none(), m.t("research.no_compare"))
                        .clicked()
                    {
                        actions.push(Action::SetSurveyCompare(None));
                    }
                    for s in view.surveys.iter().filter(|s| s.id != shown.id) {
                        if ui
                            .selectable_label(current == Some(s.id), &s.name)
                            .clicked()
                        {
                            actions.push(Action::SetSurveyCompare(Some(s.id)));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if m.survey.is_some() {
            ui.menu_button(m.t("research.export"), |ui| {
                for exporter in made_from(Needs::Survey).filter(|e| !e.needs_question()) {
                    if ui.button(m.t(exporter.label_key)).clicked() {
                        actions.push(Action::Export {
                            id: exporter.id,
                            question: None,
                        });
                        ui.close();
                    }
                }
            });
        }
    });
}

/// The shown survey's cards: the NPS trend, the comparison, Kano, then a card per
/// question.
fn survey_cards(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    survey: &crate::report::survey_view::SurveyView,
    state: &mut ResearchState,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !survey.trend_weekly.is_empty() {
                card_frame(ui, |ui| {
                    trend_card(
                        ui,
                        ViewCx::new(m, actions),
                        survey,
                        &mut state.trend_monthly,
                    );
                });
            }
            if let Some(c) = &survey.comparison {
                card_frame(ui, |ui| {
                    comparison_card(ui, m, survey, c);
                });
            }
            if !survey.kano.is_empty() {
                card_frame(ui, |ui| {
                    crate::ui::research::kano_card::show(
                        ui,
                        ViewCx::new(m, actions),
                        &view.insights,
                        &survey.kano,
                        &mut state.kano_links,
                        view.read_only,
                    );
                });
            }
            for (i, card) in survey.cards.iter().enumerate() {
                card_frame(ui, |ui| {
                    card_ui(
                        ui,
                        ViewCx::new(m, actions),
                        survey,
                        i,
                        card,
                        &mut state.feedback_dialog,
                    );
                });
            }
        });
}

/// A card's frame, the page's width, with the gap after it.
fn card_frame(ui: &mut egui::Ui, body: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::group(ui.style())
        .inner_margin(size::GAP_L)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            body(ui);
        });
    ui.add_space(size::GAP_M);
}
