//! Research page (调研): the surveys in the workspace and a dashboard for the chosen
//! one — a card per question: NPS with its parts and margin of error, ratings with mean
//! and top-2-box, choices as bars with counts and shares, numbers as a histogram, free
//! text with verbatims.

pub mod feedback_dialog;
pub mod feedback_list;
pub mod kano_card;
pub mod notes;
pub mod survey_import;

use egui::{Color32, RichText, Stroke};
use egui_plot::{Bar, BarChart, Plot};

use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::survey::{QuestionKind, SurveyFilter};
use crate::report::exporters::{Needs, made_from};
use crate::report::survey_view::{Card, FEW_ANSWERS, SurveyView};
use crate::ui::{FrameModel, page_title, theme};

const PROMOTER: Color32 = Color32::from_rgb(0x2e, 0x9e, 0x5b);
const PASSIVE: Color32 = Color32::from_rgb(0xb0, 0xb4, 0xbb);
const DETRACTOR: Color32 = Color32::from_rgb(0xd9, 0x4a, 0x3d);
const BAR: Color32 = Color32::from_rgb(0x3d, 0x7e, 0xd9);

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
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut ResearchState,
    actions: &mut Vec<Action>,
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
                m,
                &view.insights,
                view.read_only,
                &mut state.notes,
                &mut state.feedback_dialog,
                actions,
            );
        }
        ResearchTab::Feedback => {
            return crate::ui::research::feedback_list::show(
                ui,
                m,
                &view.insights,
                view.read_only,
                &mut state.feedback,
                &mut state.feedback_dialog,
                actions,
            );
        }
    }
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
                .width(260.0)
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
                .width(200.0)
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
    filter_bar(ui, m, survey, state, actions);
    kinds(ui, m, survey, view.read_only, actions);
    ui.add_space(8.0);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if !survey.trend_weekly.is_empty() {
                egui::Frame::group(ui.style())
                    .inner_margin(10.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        trend_card(ui, m, survey, &mut state.trend_monthly, actions);
                    });
                ui.add_space(8.0);
            }
            if let Some(c) = &survey.comparison {
                egui::Frame::group(ui.style())
                    .inner_margin(10.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        comparison_card(ui, m, survey, c);
                    });
                ui.add_space(8.0);
            }
            if !survey.kano.is_empty() {
                egui::Frame::group(ui.style())
                    .inner_margin(10.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        crate::ui::research::kano_card::show(
                            ui,
                            m,
                            &view.insights,
                            &survey.kano,
                            &mut state.kano_links,
                            view.read_only,
                            actions,
                        );
                    });
                ui.add_space(8.0);
            }
            for (i, card) in survey.cards.iter().enumerate() {
                egui::Frame::group(ui.style())
                    .inner_margin(10.0)
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        card_ui(ui, m, survey, i, card, &mut state.feedback_dialog, actions);
                    });
                ui.add_space(8.0);
            }
        });
}

/// The NPS per week or month of the answer dates, with its margin of error.
fn trend_card(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    monthly: &mut bool,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        ui.label(RichText::new(m.t("research.trend")).strong());
        ui.selectable_value(monthly, false, m.t("research.by_week"));
        ui.selectable_value(monthly, true, m.t("research.by_month"));
        if ui
            .small_button("PNG")
            .on_hover_text(m.t("research.export_png"))
            .clicked()
        {
            actions.push(Action::Export {
                id: "survey-png",
                question: Some(crate::report::survey_export::TREND.to_owned()),
            });
        }
    });
    let trend = if *monthly {
        &survey.trend_monthly
    } else {
        &survey.trend_weekly
    };
    let points: Vec<[f64; 2]> = trend
        .iter()
        .enumerate()
        .map(|(i, (_, n))| [i as f64, n.score])
        .collect();
    let labels: Vec<String> = trend.iter().map(|(p, _)| p.clone()).collect();
    let bands: Vec<[f64; 2]> = trend
        .iter()
        .enumerate()
        .flat_map(|(i, (_, n))| [[i as f64, n.score + n.moe95], [i as f64, n.score - n.moe95]])
        .collect();
    Plot::new("nps_trend")
        .height(160.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(-100.0)
        .include_y(100.0)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                labels.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for pair in bands.chunks(2) {
                plot.line(
                    egui_plot::Line::new("±", egui_plot::PlotPoints::from(pair.to_vec()))
                        .color(palette.muted_text),
                );
            }
            plot.line(
                egui_plot::Line::new("NPS", egui_plot::PlotPoints::from(points.clone()))
                    .color(BAR)
                    .width(2.0),
            );
            plot.points(
                egui_plot::Points::new("NPS", egui_plot::PlotPoints::from(points))
                    .radius(3.5)
                    .color(BAR),
            );
        });
    ui.horizontal_wrapped(|ui| {
        for (period, n) in trend {
            let answered = n.promoters + n.passives + n.detractors;
            let text = RichText::new(format!("{period}: {:+.1} (n={answered})", n.score)).small();
            ui.label(if answered < FEW_ANSWERS {
                text.color(palette.warning)
            } else {
                text
            });
        }
    });
}

/// The questions this survey shares with the one it is compared with, side by side.
fn comparison_card(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    c: &crate::report::survey_compare::Comparison,
) {
    let palette = theme::palette(ui.visuals());
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "research.compare_title",
            &[
                ("this", &survey.name),
                ("other", &c.other_name),
                ("n", &c.other_responses.to_string()),
            ],
        ))
        .strong(),
    );
    if c.rows.is_empty() {
        ui.label(RichText::new(m.t("research.compare_none")).color(palette.muted_text));
        return;
    }
    let change = |now: f64, before: f64, unit: &str| {
        let d = now - before;
        let color = if d > 0.05 {
            palette.success
        } else if d < -0.05 {
            palette.danger
        } else {
            palette.muted_text
        };
        RichText::new(format!("{d:+.1}{unit}")).color(color)
    };
    egui::Grid::new("comparison")
        .num_columns(4)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(m.t("research.compare_question"));
            ui.strong(survey.name.as_str());
            ui.strong(c.other_name.as_str());
            ui.strong(m.t("research.compare_change"));
            ui.end_row();
            for row in &c.rows {
                let short: String = row.title.chars().take(36).collect();
                if let (Some(a), Some(b)) = (row.this.nps, row.other.nps) {
                    ui.label(format!("{} {short} · NPS", row.key));
                    ui.label(format!("{:+.1}", a.score));
                    ui.label(format!("{:+.1}", b.score));
                    ui.label(change(a.score, b.score, ""));
                    ui.end_row();
                } else if let (Some(a), Some(b)) = (row.this.rating, row.other.rating) {
                    ui.label(format!("{} {short} · top-2", row.key));
                    ui.label(format!("{:.1}%", a.top2_pct));
                    ui.label(format!("{:.1}%", b.top2_pct));
                    ui.label(change(a.top2_pct, b.top2_pct, " pp"));
                    ui.end_row();
                } else {
                    for (label, _) in row.this.options.iter().take(8) {
                        if let Some((now, before)) =
                            crate::report::survey_compare::share_change(row, label)
                        {
                            ui.label(format!("{} {short} · {label}", row.key));
                            ui.label(format!("{now:.1}%"));
                            ui.label(format!("{before:.1}%"));
                            ui.label(change(now, before, " pp"));
                            ui.end_row();
                        }
                    }
                }
            }
        });
}

/// Every question's kind, each correctable (kept in the file, undoable).
fn kinds(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    read_only: bool,
    actions: &mut Vec<Action>,
) {
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
fn filter_bar(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    state: &mut ResearchState,
    actions: &mut Vec<Action>,
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
            .width(220.0)
            .height(400.0)
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
                    .desired_width(90.0),
            )
            .labelled_by(from.id);
            let to = ui.label(m.t("research.to"));
            ui.add(
                egui::TextEdit::singleline(&mut state.to)
                    .hint_text("2026-11-30")
                    .desired_width(90.0),
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
            .width(220.0)
            .height(400.0)
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

/// The card's figures per group of the cross-tab question.
fn cross_tab(ui: &mut egui::Ui, m: &FrameModel<'_>, index: usize, card: &Card) {
    if card.cross.is_empty() {
        return;
    }
    egui::Grid::new(("cross", index))
        .striped(true)
        .spacing([14.0, 3.0])
        .show(ui, |ui| {
            ui.label("");
            for (group, stats) in &card.cross {
                ui.strong(format!("{group} ({})", stats.answered));
            }
            ui.end_row();
            if card.nps.is_some() {
                ui.label("NPS");
                for (_, s) in &card.cross {
                    ui.label(s.nps.map_or("-".into(), |n| format!("{:+.1}", n.score)));
                }
                ui.end_row();
            }
            if card.rating.is_some() {
                ui.label(m.t("research.mean"));
                for (_, s) in &card.cross {
                    ui.label(s.rating.map_or("-".into(), |r| format!("{:.2}", r.mean)));
                }
                ui.end_row();
            }
            if matches!(card.kind, QuestionKind::Single | QuestionKind::Multi) {
                for (o, (label, _)) in card.options.iter().enumerate().take(15) {
                    ui.label(label);
                    for (_, s) in &card.cross {
                        let n = s.options.get(o).map_or(0, |x| x.1);
                        let pct = if s.answered == 0 {
                            0.0
                        } else {
                            n as f64 * 100.0 / s.answered as f64
                        };
                        ui.label(format!("{pct:.1}%"));
                    }
                    ui.end_row();
                }
            }
        });
}

fn kind_name(m: &FrameModel<'_>, kind: QuestionKind) -> String {
    m.t(&format!("research.kind.{}", kind.code()))
}

fn card_ui(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    survey: &SurveyView,
    index: usize,
    card: &Card,
    dialog: &mut Option<crate::ui::research::feedback_dialog::FeedbackDialog>,
    actions: &mut Vec<Action>,
) {
    let read_only = m.view.is_some_and(|v| v.read_only);
    let palette = theme::palette(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(&card.key).color(palette.muted_text));
        ui.label(RichText::new(&card.title).strong());
        if card.has_chart()
            && ui
                .small_button("PNG")
                .on_hover_text(m.t("research.export_png"))
                .clicked()
        {
            actions.push(Action::Export {
                id: "survey-png",
                question: Some(card.key.clone()),
            });
        }
    });
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "research.answered",
            &[
                ("kind", &kind_name(m, card.kind)),
                ("answered", &card.answered.to_string()),
                ("responses", &survey.responses.to_string()),
            ],
        ))
        .small()
        .color(palette.muted_text),
    );
    if let Some(nps) = card.nps {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!("NPS {:+.1}", nps.score))
                    .size(22.0)
                    .strong(),
            );
            ui.label(format!("± {:.1}", nps.moe95));
            if card.answered < FEW_ANSWERS {
                ui.label(RichText::new(m.t("research.few_answers")).color(palette.warning));
            }
        });
        let total = (nps.promoters + nps.passives + nps.detractors).max(1) as f32;
        let (rect, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width().min(520.0), 16.0),
            egui::Sense::hover(),
        );
        let mut x = rect.min.x;
        for (n, color) in [
            (nps.detractors, DETRACTOR),
            (nps.passives, PASSIVE),
            (nps.promoters, PROMOTER),
        ] {
            let w = rect.width() * n as f32 / total;
            ui.painter().rect_filled(
                egui::Rect::from_min_size(egui::pos2(x, rect.min.y), egui::vec2(w, rect.height())),
                0.0,
                color,
            );
            x += w;
        }
        ui.label(tr_with(
            m.lang,
            "research.nps_parts",
            &[
                ("promoters", &nps.promoters.to_string()),
                ("passives", &nps.passives.to_string()),
                ("detractors", &nps.detractors.to_string()),
            ],
        ));
    }
    if let Some(r) = card.rating {
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(tr_with(
                    m.lang,
                    "research.rating",
                    &[
                        ("mean", &format!("{:.2}", r.mean)),
                        ("max", &format!("{}", r.max)),
                        ("top2", &format!("{:.1}", r.top2_pct)),
                    ],
                ))
                .strong(),
            );
            if card.answered < FEW_ANSWERS {
                ui.label(RichText::new(m.t("research.few_answers")).color(palette.warning));
            }
        });
        diverging(ui, card);
    }
    cross_tab(ui, m, index, card);
    match card.kind {
        QuestionKind::Single | QuestionKind::Multi => bars(ui, index, card),
        QuestionKind::Numeric if !card.histogram.is_empty() => histogram(ui, index, card),
        QuestionKind::Text | QuestionKind::Date => {
            keywords(ui, m, card);
            for (response, s) in &card.samples {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("“{s}”")).italics());
                    if ui
                        .add_enabled(!read_only, egui::Button::new(m.t("feedback.make")).small())
                        .on_hover_text(m.t("feedback.make_tip"))
                        .clicked()
                    {
                        *dialog = Some(crate::ui::research::feedback_dialog::FeedbackDialog::new(
                            s,
                            crate::model::research::FeedbackOrigin::Response {
                                survey: survey.id,
                                response: *response as u32,
                                question: card.key.clone(),
                            },
                            &tr_with(
                                m.lang,
                                "feedback.response_n",
                                &[("n", &(response + 1).to_string())],
                            ),
                            "",
                        ));
                    }
                });
            }
        }
        _ => {}
    }
}

/// A rating's points as one bar, the low half left of the middle and the high half right.
fn diverging(ui: &mut egui::Ui, card: &Card) {
    let n = card.options.len();
    let total: usize = card.options.iter().map(|o| o.1).sum();
    if n < 2 || total == 0 {
        return;
    }
    let (rect, response) = ui.allocate_exact_size(
        egui::vec2(ui.available_width().min(520.0), 18.0),
        egui::Sense::hover(),
    );
    let mid = rect.center().x;
    let scale = rect.width() / 2.0 / total as f32;
    let color = |i: usize| {
        let t = i as f32 / (n - 1) as f32;
        DETRACTOR.lerp_to_gamma(PROMOTER, t)
    };
    let low: usize = card.options[..n / 2].iter().map(|o| o.1).sum();
    let neutral = if n % 2 == 1 { card.options[n / 2].1 } else { 0 };
    let mut x = mid - (low as f32 + neutral as f32 / 2.0) * scale;
    for (i, (_, count)) in card.options.iter().enumerate() {
        let w = *count as f32 * scale;
        ui.painter().rect_filled(
            egui::Rect::from_min_size(egui::pos2(x, rect.min.y), egui::vec2(w, rect.height())),
            0.0,
            color(i),
        );
        x += w;
    }
    ui.painter().vline(
        mid,
        rect.y_range(),
        Stroke::new(1.0, ui.visuals().text_color()),
    );
    response.on_hover_text(
        card.options
            .iter()
            .map(|(l, c)| format!("{l}: {c} ({}%)", card.percent(*c)))
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// Choices as horizontal bars, most chosen first, labelled with count and share.
fn bars(ui: &mut egui::Ui, index: usize, card: &Card) {
    let mut options: Vec<&(String, usize)> = card.options.iter().collect();
    options.sort_by_key(|o| std::cmp::Reverse(o.1));
    options.truncate(15);
    for (label, count) in &options {
        ui.horizontal(|ui| {
            let width = 220.0;
            ui.add_sized([width, 18.0], egui::Label::new(label.as_str()).truncate());
            let max = options.first().map_or(1, |o| o.1).max(1);
            let (rect, _) = ui.allocate_exact_size(egui::vec2(240.0, 14.0), egui::Sense::hover());
            let w = rect.width() * *count as f32 / max as f32;
            ui.painter().rect_filled(
                egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height())),
                2.0,
                BAR,
            );
            ui.label(format!("{count} ({}%)", card.percent(*count)));
        });
    }
    if card.options.len() > options.len() {
        ui.label(RichText::new(format!("… +{}", card.options.len() - options.len())).small());
    }
    let _ = index;
}

/// Free text's most used words as bars; hovering one shows answers that use it.
fn keywords(ui: &mut egui::Ui, m: &FrameModel<'_>, card: &Card) {
    if card.keywords.is_empty() {
        return;
    }
    ui.label(RichText::new(m.t("research.keywords")).strong());
    let max = card.keywords.first().map_or(1, |k| k.1).max(1);
    ui.horizontal_wrapped(|ui| {
        for (word, count, examples) in &card.keywords {
            let (rect, response) =
                ui.allocate_exact_size(egui::vec2(150.0, 20.0), egui::Sense::hover());
            let w = rect.width() * *count as f32 / max as f32;
            ui.painter().rect_filled(
                egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height())),
                3.0,
                BAR.gamma_multiply(0.35),
            );
            ui.painter().text(
                rect.left_center() + egui::vec2(6.0, 0.0),
                egui::Align2::LEFT_CENTER,
                format!("{word} · {count}"),
                egui::FontId::proportional(13.0),
                ui.visuals().text_color(),
            );
            let response = response.on_hover_text(
                examples
                    .iter()
                    .map(|e| format!("“{e}”"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            );
            crate::ui::accessible_name(ui, &response, &format!("{word} · {count}"));
        }
    });
}

/// Numeric answers as a histogram (egui_plot).
fn histogram(ui: &mut egui::Ui, index: usize, card: &Card) {
    let bars: Vec<Bar> = card
        .histogram
        .iter()
        .map(|&(from, to, count)| {
            Bar::new((from + to) / 2.0, count as f64)
                .width((to - from) * 0.95)
                .fill(BAR)
        })
        .collect();
    Plot::new(("survey_histogram", index))
        .height(140.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(card.key.clone(), bars))
        });
}
