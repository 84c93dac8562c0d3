//! The release's quality at a glance: the readiness gate rule by rule (with what fails
//! each, and the rules editable as a workspace setting), coverage counts, pass rate
//! per run, defects found and fixed per week, open defects by severity and age,
//! density per module and ZenTao's measures.

use egui::{Color32, RichText, Sense, Stroke, pos2, vec2};

use super::QualityState;
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::quality::{ReadinessRule, SEVERITIES};
use crate::report::quality_metrics::{AGE_BUCKETS, percent};
use crate::report::quality_session::QualitySession;
use crate::report::test_report::{COVERAGES, rule_text};
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// The gate rules as being edited (`None` until changed here: then the stored ones).
#[derive(Clone, Debug, Default)]
pub struct GateForm {
    rules: Option<Vec<ReadinessRule>>,
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    egui::ScrollArea::vertical()
        .id_salt("quality-dashboard")
        .show(ui, |ui| {
            gate(ui, m, session);
            if !view.read_only {
                ui.collapsing(m.t("quality.gate_rules"), |ui| {
                    rules_editor(ui, ViewCx::new(m, actions), session, &mut state.gate);
                });
            }
            ui.add_space(size::SECTION_GAP);
            figures(ui, m, session);
        });
}

fn gate(ui: &mut egui::Ui, m: &FrameModel<'_>, session: &QualitySession) {
    let palette = crate::ui::theme::palette(ui.visuals());
    let q = &session.report;
    ui.heading(m.t("quality.gate"));
    egui::Grid::new("gate-rules")
        .num_columns(3)
        .striped(true)
        .spacing([size::GAP_XL, size::GAP_S])
        .show(ui, |ui| {
            for r in &q.rules {
                ui.label(
                    RichText::new(if r.met { "√" } else { "×" })
                        .strong()
                        .color(if r.met {
                            palette.success
                        } else {
                            palette.danger
                        }),
                );
                ui.label(rule_text(&r.rule, m.lang));
                let failing = if r.failing.len() > 12 {
                    format!(
                        "{} … (+{})",
                        r.failing[..12].join(", "),
                        r.failing.len() - 12
                    )
                } else {
                    r.failing.join(", ")
                };
                ui.label(RichText::new(failing).small());
                ui.end_row();
            }
        });
}

fn rules_editor(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    form: &mut GateForm,
) {
    let rules = form.rules.get_or_insert_with(|| session.rules.clone());
    let mut remove = None;
    for (k, rule) in rules.iter_mut().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(rule_text(rule, m.lang)).strong());
            match rule {
                ReadinessRule::CoverageAtLeast {
                    percent,
                    priorities,
                } => {
                    ui.add(
                        egui::DragValue::new(percent)
                            .range(0.0..=100.0)
                            .suffix(" %"),
                    );
                    priority_boxes(ui, priorities);
                }
                ReadinessRule::NoNok { priorities } => priority_boxes(ui, priorities),
                ReadinessRule::NoOpenDefects { severities } => {
                    for s in SEVERITIES {
                        let mut on = severities.iter().any(|x| x == s);
                        if ui.checkbox(&mut on, s).changed() {
                            severities.retain(|x| x != s);
                            if on {
                                severities.push(s.to_owned());
                                severities.sort();
                            }
                        }
                    }
                }
                ReadinessRule::PassRateAtLeast { percent } => {
                    ui.add(
                        egui::DragValue::new(percent)
                            .range(0.0..=100.0)
                            .suffix(" %"),
                    );
                }
            }
            if ui
                .small_button("×")
                .on_hover_text(m.t("quality.remove_rule"))
                .clicked()
            {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        rules.remove(k);
    }
    let mut revert = false;
    ui.horizontal_wrapped(|ui| {
        ui.menu_button(m.t("quality.add_rule"), |ui| {
            for rule in ReadinessRule::defaults() {
                if ui.button(rule_text(&rule, m.lang)).clicked() {
                    rules.push(rule);
                    ui.close();
                }
            }
        });
        let valid = rules.iter().all(|r| r.check().is_ok());
        if ui
            .add_enabled(
                valid && *rules != session.rules,
                egui::Button::new(RichText::new(m.t("quality.apply")).strong()),
            )
            .clicked()
        {
            actions.push(Action::Apply(Change::SetGateRules(rules.clone())));
        }
        if ui.button(m.t("quality.reset_rules")).clicked() {
            *rules = ReadinessRule::defaults();
        }
        if ui.button(m.t("quality.revert_rules")).clicked() {
            revert = true;
        }
    });
    if revert {
        form.rules = None;
    }
}

fn priority_boxes(ui: &mut egui::Ui, priorities: &mut Vec<u8>) {
    for p in 0..=4u8 {
        let mut on = priorities.contains(&p);
        if ui.checkbox(&mut on, format!("P{p}")).changed() {
            priorities.retain(|x| *x != p);
            if on {
                priorities.push(p);
                priorities.sort_unstable();
            }
        }
    }
}

fn figures(ui: &mut egui::Ui, m: &FrameModel<'_>, session: &QualitySession) {
    let q = &session.report;
    let metrics = &session.metrics;
    let palette = crate::ui::theme::palette(ui.visuals());
    // Headline figures.
    ui.horizontal_wrapped(|ui| {
        let open: usize = q.open_defects.iter().map(|(_, n)| n).sum();
        for (label, value) in [
            (m.t("quality.run_cases"), q.cases.to_string()),
            (m.t("quality.runs"), q.runs.to_string()),
            (m.t("quality.pass_rate"), percent(q.pass_rate)),
            (m.t("quality.open_defects"), open.to_string()),
            (m.t("quality.valid_rate"), percent(metrics.valid_rate)),
            (
                m.t("quality.found_by_cases"),
                percent(metrics.found_by_cases),
            ),
            (m.t("quality.reopen_rate"), percent(metrics.reopen_rate)),
        ] {
            crate::ui::theme::card(ui.visuals()).show(ui, |ui| {
                ui.set_min_width(size::COUNT_CARD_WIDTH);
                ui.vertical(|ui| {
                    ui.label(RichText::new(value).size(size::TITLE).strong());
                    ui.label(RichText::new(label).small().weak());
                });
            });
        }
    });
    ui.add_space(size::GAP_L);
    ui.label(RichText::new(m.t("quality.coverage")).strong());
    ui.horizontal_wrapped(|ui| {
        for c in COVERAGES {
            let n = q.coverage.iter().filter(|(_, x)| *x == c).count();
            let colour = match c {
                crate::model::quality::Coverage::Ok => palette.success,
                crate::model::quality::Coverage::Nok => palette.danger,
                crate::model::quality::Coverage::NotRun => palette.warning,
                _ => ui.visuals().weak_text_color(),
            };
            ui.label(
                RichText::new(format!(
                    "{} {n}",
                    m.t(&format!("quality.coverage.{}", c.code()))
                ))
                .color(colour),
            );
        }
    });
    ui.add_space(size::GAP_L);
    ui.columns(2, |cols| {
        cols[0].label(RichText::new(m.t("quality.pass_rate_trend")).strong());
        let runs: Vec<(String, f64)> = metrics
            .runs
            .iter()
            .map(|r| (r.id.key(), r.pass_rate.unwrap_or(0.0)))
            .collect();
        bars(
            &mut cols[0],
            &runs
                .iter()
                .map(|(k, v)| (k.clone(), vec![*v]))
                .collect::<Vec<_>>(),
            1.0,
            &[palette.accent],
            true,
        );
        cols[1].label(RichText::new(m.t("quality.found_fixed")).strong());
        let weeks: Vec<(String, Vec<f64>)> = metrics
            .weeks
            .iter()
            .map(|w| {
                (
                    w.week.format("%m-%d").to_string(),
                    vec![w.found as f64, w.fixed as f64],
                )
            })
            .collect();
        let top = weeks
            .iter()
            .flat_map(|(_, v)| v.iter().copied())
            .fold(1.0, f64::max);
        bars(
            &mut cols[1],
            &weeks,
            top,
            &[palette.danger, palette.success],
            false,
        );
        cols[1].horizontal(|ui| {
            for (key, colour) in [
                ("quality.found", palette.danger),
                ("quality.fixed", palette.success),
            ] {
                ui.label(RichText::new("■").color(colour));
                ui.label(RichText::new(m.t(key)).small());
            }
        });
    });
    ui.add_space(size::GAP_L);
    ui.columns(2, |cols| {
        cols[0].label(RichText::new(m.t("quality.open_by_age")).strong());
        egui::Grid::new("open-by-age")
            .num_columns(AGE_BUCKETS.len() + 1)
            .striped(true)
            .spacing([size::GAP_L, size::GAP_S])
            .show(&mut cols[0], |ui| {
                ui.label("");
                for (_, k) in AGE_BUCKETS {
                    ui.label(RichText::new(m.t(&format!("quality.age.{k}"))).small());
                }
                ui.end_row();
                for (s, row) in &metrics.open_by_age {
                    ui.label(RichText::new(*s).strong());
                    for n in row {
                        ui.label(if *n == 0 {
                            "·".to_owned()
                        } else {
                            n.to_string()
                        });
                    }
                    ui.end_row();
                }
            });
        for (key, list, id) in [
            ("quality.density", &metrics.modules, "density-modules"),
            (
                "quality.density_requirements",
                &metrics.density,
                "density-requirements",
            ),
        ] {
            cols[1].label(RichText::new(m.t(key)).strong());
            egui::Grid::new(id)
                .num_columns(3)
                .striped(true)
                .spacing([size::GAP_L, size::GAP_S])
                .show(&mut cols[1], |ui| {
                    ui.label("");
                    ui.label(RichText::new(m.t("quality.defects")).small());
                    ui.label(RichText::new(m.t("quality.per_case")).small());
                    ui.end_row();
                    for d in list.iter().take(10) {
                        ui.label(format!("{} {}", d.key, d.title));
                        ui.label(d.defects.to_string());
                        ui.label(if d.cases == 0 {
                            "—".to_owned()
                        } else {
                            format!("{:.2}", d.defects as f64 / d.cases as f64)
                        });
                        ui.end_row();
                    }
                });
            cols[1].add_space(size::GAP_M);
        }
    });
}

/// A small bar chart: a group of bars per label (values up to `top`), the first
/// value written above its bar as a percentage when `percent`.
fn bars(
    ui: &mut egui::Ui,
    groups: &[(String, Vec<f64>)],
    top: f64,
    colours: &[Color32],
    percent: bool,
) {
    let height = size::HEIGHT_S;
    let width = ui.available_width().max(size::FIELD_L);
    let (rect, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let painter = ui.painter_at(rect);
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let base = rect.bottom() - size::TEXT * 1.6;
    painter.line_segment(
        [pos2(rect.left(), base), pos2(rect.right(), base)],
        Stroke::new(size::LINE_HAIR, weak),
    );
    if groups.is_empty() {
        return;
    }
    let slot = rect.width() / groups.len() as f32;
    let plot = base - rect.top() - size::TEXT * 1.4;
    let per = colours.len().max(1) as f32;
    let every = (groups.len() / 12).max(1);
    for (i, (label, values)) in groups.iter().enumerate() {
        let x0 = rect.left() + slot * i as f32 + slot * 0.15;
        let w = slot * 0.7 / per;
        for (j, v) in values.iter().enumerate() {
            let h = plot * (*v / top.max(f64::EPSILON)).clamp(0.0, 1.0) as f32;
            let r = egui::Rect::from_min_size(pos2(x0 + w * j as f32, base - h), vec2(w * 0.9, h));
            painter.rect_filled(r, 0.0, colours[j % colours.len()]);
            if percent && j == 0 {
                painter.text(
                    pos2(r.center().x, r.top() - 2.0),
                    egui::Align2::CENTER_BOTTOM,
                    format!("{:.0}%", v * 100.0),
                    egui::FontId::proportional(size::TEXT_XS),
                    text,
                );
            }
        }
        if i % every == 0 {
            painter.text(
                pos2(rect.left() + slot * (i as f32 + 0.5), base + 2.0),
                egui::Align2::CENTER_TOP,
                label,
                egui::FontId::proportional(size::TEXT_XS),
                weak,
            );
        }
    }
}
