//! The 5 × 5 heat maps, inherent and residual side by side: each cell tinted by the
//! band of its score, with its count and its risks as chips. Click a cell to list its
//! risks; drag a chip to another cell to re-score the risk (one undoable edit). Below:
//! exposure over the weeks and the top threats.

use egui::{Color32, RichText};
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints};

use super::{RisksState, band_colour, label};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::risk::{Band, Residual, Risk, RiskId};
use crate::report::risk_register::Register;
use crate::report::risk_session::RiskSession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// How many threats the top list names.
const TOP: usize = 10;

/// Where a risk sits on a map: probability and impact.
fn position(r: &Risk, residual: bool) -> Option<(u8, u8)> {
    if residual {
        r.fields.residual.map(|x| (x.probability, x.impact))
    } else {
        Some((r.fields.probability, r.fields.impact.overall()))
    }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    view: &WorkspaceView,
    state: &mut RisksState,
) {
    let register = &session.register;
    egui::ScrollArea::vertical()
        .id_salt("heat-map-scroll")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for residual in [false, true] {
                    ui.vertical(|ui| {
                        ui.label(
                            RichText::new(m.t(if residual {
                                "risks.map_residual"
                            } else {
                                "risks.map_inherent"
                            }))
                            .strong(),
                        );
                        map(
                            ui,
                            ViewCx::new(m, actions),
                            register,
                            view.read_only,
                            state,
                            residual,
                        );
                    });
                    ui.add_space(size::GAP_XXL);
                }
            });
            ui.add_space(size::GAP_L);
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_width(size::FORM_WIDTH);
                    top_list(ui, m, register, state);
                });
                ui.add_space(size::GAP_XXL);
                if let Some(cell) = state.filter.cell {
                    ui.vertical(|ui| cell_list(ui, m, register, state, cell));
                }
            });
            ui.add_space(size::SECTION_GAP);
            exposure(ui, m, session);
        });
}

fn map(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    register: &Register,
    read_only: bool,
    state: &mut RisksState,
    residual: bool,
) {
    let palette = crate::ui::theme::palette(ui.visuals());
    let open: Vec<&Risk> = register
        .risks
        .iter()
        .filter(|r| r.fields.is_open())
        .collect();
    let cell_size = egui::vec2(size::COL_M, size::CARD_HEIGHT + size::GAP_XL);
    ui.style_mut().interaction.selectable_labels = false;
    egui::Grid::new(("heat-map", residual))
        .spacing([size::GAP_XS, size::GAP_XS])
        .show(ui, |ui| {
            for p in (1..=5u8).rev() {
                ui.label(RichText::new(p.to_string()).small().weak());
                for i in 1..=5u8 {
                    let band = register.bands.of(p * i);
                    let fill = band_colour(&palette, band).gamma_multiply(0.35);
                    let here: Vec<&&Risk> = open
                        .iter()
                        .filter(|r| position(r, residual) == Some((p, i)))
                        .collect();
                    let chosen = state.filter.cell == Some((p, i, residual));
                    let frame = egui::Frame::new()
                        .fill(fill)
                        .stroke(egui::Stroke::new(
                            if chosen {
                                size::LINE_HEAVY
                            } else {
                                size::LINE_HAIR
                            },
                            if chosen {
                                palette.accent
                            } else {
                                palette.card_stroke
                            },
                        ))
                        .inner_margin(size::GAP_XS);
                    let (resp, dropped) = ui.dnd_drop_zone::<RiskId, ()>(frame, |ui| {
                        ui.set_width(cell_size.x);
                        ui.set_height(cell_size.y);
                        ui.vertical(|ui| {
                            let count =
                                RichText::new(format!("{} · {}", p * i, here.len())).small();
                            if ui
                                .add(egui::Label::new(count).sense(egui::Sense::click()))
                                .on_hover_text(m.t("risks.cell_hint"))
                                .clicked()
                            {
                                state.filter.cell =
                                    if chosen { None } else { Some((p, i, residual)) };
                            }
                            ui.horizontal_wrapped(|ui| {
                                for r in here.iter().take(6) {
                                    chip(ui, r, residual, &palette);
                                }
                                if here.len() > 6 {
                                    ui.label(RichText::new(format!("+{}", here.len() - 6)).small());
                                }
                            });
                        });
                    });
                    if resp.response.clicked() {
                        state.filter.cell = if chosen { None } else { Some((p, i, residual)) };
                    }
                    if let Some(id) = dropped
                        && !read_only
                        && let Some(r) = register.risks.iter().find(|r| r.id == *id)
                        && position(r, residual) != Some((p, i))
                    {
                        let mut f = r.fields.clone();
                        if residual {
                            f.residual = Some(Residual {
                                probability: p,
                                impact: i,
                            });
                        } else {
                            f.probability = p;
                            f.impact = super::table::rescored_impact(f.impact, i);
                        }
                        actions.push(Action::Apply(Change::UpdateRisk {
                            id: r.id,
                            fields: f,
                        }));
                    }
                }
                ui.end_row();
            }
            ui.label("");
            for i in 1..=5u8 {
                ui.label(RichText::new(i.to_string()).small().weak());
            }
            ui.end_row();
        });
    ui.label(RichText::new(m.t("risks.map_axes")).small().weak());
}

/// A risk on the map, dragged to re-score it.
fn chip(ui: &mut egui::Ui, r: &Risk, residual: bool, palette: &crate::ui::theme::Palette) {
    ui.dnd_drag_source(
        egui::Id::unique(("risk-chip", r.id.0, residual)),
        r.id,
        |ui| {
            egui::Frame::new()
                .fill(palette.card_fill)
                .stroke(egui::Stroke::new(size::LINE_HAIR, palette.card_stroke))
                .corner_radius(3.0)
                .inner_margin(egui::Margin::symmetric(3, 0))
                .show(ui, |ui| {
                    ui.label(RichText::new(r.id.key()).small());
                });
        },
    )
    .response
    .on_hover_text(&r.fields.title);
}

/// The risks of the chosen cell, each opening the editor.
fn cell_list(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    register: &Register,
    state: &mut RisksState,
    (p, i, residual): (u8, u8, bool),
) {
    let key = if residual {
        "risks.cell_residual"
    } else {
        "risks.cell"
    };
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            key,
            &[("p", &p.to_string()), ("i", &i.to_string())],
        ))
        .strong(),
    );
    let mut open = None;
    for r in register
        .risks
        .iter()
        .filter(|r| position(r, residual) == Some((p, i)))
    {
        ui.horizontal(|ui| {
            if ui.link(r.id.key()).clicked() {
                open = Some(r);
            }
            ui.label(&r.fields.title);
            ui.label(RichText::new(label(m, "status", &r.fields.status)).weak());
            ui.label(RichText::new(&r.fields.owner).weak());
        });
    }
    if let Some(r) = open {
        state.editor = Some(super::editor::RiskEditor::of(r));
    }
}

/// The open threats with the highest scores.
fn top_list(ui: &mut egui::Ui, m: &FrameModel<'_>, register: &Register, state: &mut RisksState) {
    let palette = crate::ui::theme::palette(ui.visuals());
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "risks.top",
            &[("n", &TOP.to_string())],
        ))
        .strong(),
    );
    let mut open = None;
    for r in register.top_threats().into_iter().take(TOP) {
        ui.horizontal(|ui| {
            let band = register.band(r);
            ui.label(
                RichText::new(format!("{:>2}", r.fields.score()))
                    .strong()
                    .color(band_colour(&palette, band)),
            );
            if ui.link(r.id.key()).clicked() {
                open = Some(r);
            }
            ui.add(egui::Label::new(&r.fields.title).truncate());
        });
    }
    if let Some(r) = open {
        state.editor = Some(super::editor::RiskEditor::of(r));
    }
}

/// Exposure over the weeks: open risks by band (stacked bars) and the threats'
/// summed score (a line).
fn exposure(ui: &mut egui::Ui, m: &FrameModel<'_>, session: &RiskSession) {
    let palette = crate::ui::theme::palette(ui.visuals());
    ui.label(RichText::new(m.t("risks.exposure")).strong());
    let weeks = &session.exposure;
    if weeks.is_empty() {
        return;
    }
    let x = |k: usize| k as f64;
    let mut charts: Vec<BarChart> = Vec::new();
    for (b, band) in [(0, Band::Low), (1, Band::Medium), (2, Band::High)] {
        let bars: Vec<Bar> = weeks
            .iter()
            .enumerate()
            .map(|(k, w)| Bar::new(x(k), w.by_band[b] as f64).width(0.6))
            .collect();
        let colour: Color32 = band_colour(&palette, band);
        let mut chart = BarChart::new(label(m, "band", band.code()), bars).color(colour);
        let below: Vec<&BarChart> = charts.iter().collect();
        chart = chart.stack_on(&below);
        charts.push(chart);
    }
    let score: PlotPoints = weeks
        .iter()
        .enumerate()
        .map(|(k, w)| [x(k), f64::from(w.score) / 10.0])
        .collect();
    let labels: Vec<String> = weeks
        .iter()
        .map(|w| w.week.format("%m-%d").to_string())
        .collect();
    Plot::new("risk-exposure")
        .height(size::HEIGHT_M)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .x_axis_formatter(move |mark, _| {
            let k = mark.value.round();
            if (mark.value - k).abs() < 1e-6 && k >= 0.0 {
                labels.get(k as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for c in charts {
                plot.bar_chart(c);
            }
            plot.line(Line::new(m.t("risks.exposure_score"), score).color(palette.accent));
        });
    ui.label(RichText::new(m.t("risks.exposure_hint")).small().weak());
}
