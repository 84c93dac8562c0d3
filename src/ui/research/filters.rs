//! The filter bar (by any grouping question, cross-tab) and the question kinds the user may
//! correct.

use super::ResearchState;
use super::cards::kind_name;
use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::survey::{QuestionKind, SurveyFilter};
use crate::report::survey_view::SurveyView;
use crate::ui::ViewCx;
use crate::ui::theme;
use crate::ui::theme::size;
use egui::RichText;

/// Every question's kind, each correctable (kept in the file, undoable).
pub(super) fn kinds(ui: &mut egui::Ui, cx: ViewCx<'_, '_>, survey: &SurveyView, read_only: bool) {
    let ViewCx { m, actions } = cx;
    egui::CollapsingHeader::new(m.t("research.kinds"))
        .id_salt("research_kinds")
        .show(ui, |ui| {
            ui.label(
                RichText::new(m.t("research.kinds_help"))
                    .small()
                    .color(theme::palette(ui.visuals()).muted_text),
            );
            egui::Grid::new("kinds_grid")
                .num_columns(3)
                .striped(true)
                .show(ui, |ui| {
                    for (i, (key, title, kind, by_user)) in survey.kinds.iter().enumerate() {
                        let short: String = title.chars().take(40).collect();
                        let label = ui.label(format!("{key} {short}"));
                        let mut chosen = *kind;
                        ui.add_enabled_ui(!read_only, |ui| {
                            egui::ComboBox::from_id_salt(("question_kind", i))
                                .selected_text(kind_name(m, *kind))
                                .show_ui(ui, |ui| {
                                    for k in [
                                        QuestionKind::Nps,
                                        QuestionKind::Rating,
                                        QuestionKind::Single,
                                        QuestionKind::Multi,
                                        QuestionKind::Matrix,
                                        QuestionKind::Numeric,
                                        QuestionKind::Date,
                                        QuestionKind::Text,
                                        QuestionKind::Meta,
                                    ] {
                                        ui.selectable_value(&mut chosen, k, kind_name(m, k));
                                    }
                                })
                                .response
                                .labelled_by(label.id);
                        });
                        if chosen != *kind {
                            actions.push(Action::Apply(Change::SetQuestionKind {
                                survey: survey.id,
                                question: i,
                                kind: chosen,
                            }));
                        }
                        if *by_user {
                            ui.label(RichText::new(m.t("research.kind_by_user")).small());
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
        });
}

/// Filter by one answer and a date range; break every card down by a question.
pub(super) fn filter_bar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    survey: &SurveyView,
    state: &mut ResearchState,
) {
    let palette = theme::palette(ui.visuals());
    let filter = survey.filter.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("research.filter"));
        let shown = match filter.answer {
            Some((q, o)) => survey
                .choice_questions
                .iter()
                .find(|c| c.0 == q)
                .and_then(|c| Some(format!("{} = {}", c.1, c.3.get(o as usize)?)))
                .unwrap_or_default(),
            None => m.t("research.all_responses"),
        };
        egui::ComboBox::from_id_salt("research_filter")
            .selected_text(shown)
            .width(size::FIELD_M)
            .height(size::HEIGHT_XL)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(filter.answer.is_none(), m.t("research.all_responses"))
                    .clicked()
                {
                    actions.push(Action::SetSurveyFilter(SurveyFilter {
                        answer: None,
                        ..filter.clone()
                    }));
                }
                for (q, key, _, options) in &survey.choice_questions {
                    for (o, label) in options.iter().enumerate() {
                        let this = Some((*q, o as u32));
                        if ui
                            .selectable_label(filter.answer == this, format!("{key} = {label}"))
                            .clicked()
                        {
                            actions.push(Action::SetSurveyFilter(SurveyFilter {
                                answer: this,
                                ..filter.clone()
                            }));
                        }
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if survey.has_dates {
            let from = ui.label(m.t("research.from"));
            ui.add(
                egui::TextEdit::singleline(&mut state.from)
                    .hint_text("2026-10-01")
                    .desired_width(size::FIELD_SHORT),
            )
            .labelled_by(from.id);
            let to = ui.label(m.t("research.to"));
            ui.add(
                egui::TextEdit::singleline(&mut state.to)
                    .hint_text("2026-11-30")
                    .desired_width(size::FIELD_SHORT),
            )
            .labelled_by(to.id);
            if ui.button(m.t("research.apply_dates")).clicked() {
                let day = |t: &str| -> Result<Option<chrono::NaiveDate>, String> {
                    let t = t.trim();
                    if t.is_empty() {
                        return Ok(None);
                    }
                    crate::model::survey::answer_day(t)
                        .map(Some)
                        .ok_or_else(|| tr_with(m.lang, "dialog.bad_date", &[("text", t)]))
                };
                match (day(&state.from), day(&state.to)) {
                    (Ok(from), Ok(to)) => {
                        state.error = None;
                        actions.push(Action::SetSurveyFilter(SurveyFilter {
                            from,
                            to,
                            ..filter.clone()
                        }));
                    }
                    (Err(e), _) | (_, Err(e)) => state.error = Some(e),
                }
            }
        }
        let label = ui.label(m.t("research.cross"));
        let by_name = survey
            .by
            .and_then(|b| survey.choice_questions.iter().find(|c| c.0 == b))
            .map_or_else(|| m.t("research.no_cross"), |c| format!("{} {}", c.1, c.2));
        egui::ComboBox::from_id_salt("research_cross")
            .selected_text(by_name)
            .width(size::FIELD_M)
            .height(size::HEIGHT_XL)
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(survey.by.is_none(), m.t("research.no_cross"))
                    .clicked()
                {
                    actions.push(Action::SetSurveyCross(None));
                }
                for (q, key, title, _) in &survey.choice_questions {
                    if ui
                        .selectable_label(survey.by == Some(*q), format!("{key} {title}"))
                        .clicked()
                    {
                        actions.push(Action::SetSurveyCross(Some(*q)));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    if let Some(e) = &state.error {
        ui.label(RichText::new(e).color(palette.danger));
    }
    if !filter.is_empty() {
        ui.label(
            RichText::new(tr_with(
                m.lang,
                "research.kept",
                &[
                    ("kept", &survey.kept.to_string()),
                    ("responses", &survey.responses.to_string()),
                ],
            ))
            .color(palette.warning),
        );
    }
}
