//! A card per question: its chart (NPS diverging bar, option bars, histogram, keywords),
//! its cross-tab, and the actions on it.

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::survey::QuestionKind;
use crate::report::survey_view::{Card, FEW_ANSWERS, SurveyView};
use crate::ui::ViewCx;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::{RichText, Stroke};
use egui_plot::{Bar, BarChart, Plot};

/// The card's figures per group of the cross-tab question.
pub(super) fn cross_tab(ui: &mut egui::Ui, m: &FrameModel<'_>, index: usize, card: &Card) {
    if card.cross.is_empty() {
        return;
    }
    egui::Grid::new(("cross", index))
        .striped(true)
        .spacing([size::GAP_XL, size::GAP_XS])
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

pub(super) fn kind_name(m: &FrameModel<'_>, kind: QuestionKind) -> String {
    m.t(&format!("research.kind.{}", kind.code()))
}

pub(super) fn card_ui(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    survey: &SurveyView,
    index: usize,
    card: &Card,
    dialog: &mut Option<crate::ui::research::feedback_dialog::FeedbackDialog>,
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
            (nps.detractors, palette.detractor),
            (nps.passives, palette.passive),
            (nps.promoters, palette.promoter),
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
pub(super) fn diverging(ui: &mut egui::Ui, card: &Card) {
    let palette = crate::ui::theme::palette(ui.visuals());
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
        palette.detractor.lerp_to_gamma(palette.promoter, t)
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
        Stroke::new(size::LINE, ui.visuals().text_color()),
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
pub(super) fn bars(ui: &mut egui::Ui, index: usize, card: &Card) {
    let palette = crate::ui::theme::palette(ui.visuals());
    let mut options: Vec<&(String, usize)> = card.options.iter().collect();
    options.sort_by_key(|o| std::cmp::Reverse(o.1));
    options.truncate(15);
    for (label, count) in &options {
        ui.horizontal(|ui| {
            let width = 220.0;
            ui.add_sized([width, 18.0], egui::Label::new(label.as_str()).truncate());
            let max = options.first().map_or(1, |o| o.1).max(1);
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(size::FIELD_M, size::BAR_HEIGHT),
                egui::Sense::hover(),
            );
            let w = rect.width() * *count as f32 / max as f32;
            ui.painter().rect_filled(
                egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height())),
                2.0,
                palette.series,
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
pub(super) fn keywords(ui: &mut egui::Ui, m: &FrameModel<'_>, card: &Card) {
    if card.keywords.is_empty() {
        return;
    }
    ui.label(RichText::new(m.t("research.keywords")).strong());
    let palette = crate::ui::theme::palette(ui.visuals());
    let max = card.keywords.first().map_or(1, |k| k.1).max(1);
    ui.horizontal_wrapped(|ui| {
        for (word, count, examples) in &card.keywords {
            let (rect, response) =
                ui.allocate_exact_size(egui::Vec2::from(size::CHIP), egui::Sense::hover());
            let w = rect.width() * *count as f32 / max as f32;
            ui.painter().rect_filled(
                egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height())),
                3.0,
                palette.series.gamma_multiply(0.35),
            );
            ui.painter().text(
                rect.left_center() + egui::vec2(size::GAP, 0.0),
                egui::Align2::LEFT_CENTER,
                format!("{word} · {count}"),
                egui::FontId::proportional(size::TEXT_M),
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
pub(super) fn histogram(ui: &mut egui::Ui, index: usize, card: &Card) {
    let palette = crate::ui::theme::palette(ui.visuals());
    let bars: Vec<Bar> = card
        .histogram
        .iter()
        .map(|&(from, to, count)| {
            Bar::new((from + to) / 2.0, count as f64)
                .width((to - from) * 0.95)
                .fill(palette.series)
        })
        .collect();
    Plot::new(("survey_histogram", index))
        .height(size::HEIGHT_S)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(card.key.clone(), bars))
        });
}
