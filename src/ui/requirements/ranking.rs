//! The ranked list: requirements by RICE or by WSJF, highest first, with the numbers
//! each score is made of beside it and a bar for the score; closed ones (released,
//! rejected) left out unless asked for. Double-click a number to change it in place (the
//! score and the ranking follow); a click on a key or title opens the requirement in the
//! list.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::requirement::{RequirementId, Scores};
use crate::report::insights::{RequirementFilter, RequirementSort};
use crate::ui::{FrameModel, theme};

/// Which score ranks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RankBy {
    #[default]
    Rice,
    Wsjf,
}

/// What the ranking keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RankingState {
    pub by: RankBy,
    pub with_closed: bool,
    /// The ranked rows for (revision, by, with_closed).
    rows: Option<(u64, RankBy, bool, Vec<usize>)>,
    /// The number being changed in place.
    editing: Option<NumberEdit>,
}

/// A score's part being typed in its cell.
#[derive(Clone, Debug, PartialEq)]
struct NumberEdit {
    id: RequirementId,
    /// Which of the score's four parts.
    part: usize,
    text: String,
    focused: bool,
    /// What was typed is not a number: the cell stays open, in red.
    invalid: bool,
}

impl RankBy {
    fn score(self, s: &Scores) -> Option<f64> {
        match self {
            RankBy::Rice => s.rice(),
            RankBy::Wsjf => s.wsjf(),
        }
    }

    /// The scores with part `i` set to `value`.
    fn with_part(self, s: &Scores, i: usize, value: Option<f64>) -> Scores {
        let mut out = s.clone();
        let slot = match (self, i) {
            (RankBy::Rice, 0) => &mut out.reach,
            (RankBy::Rice, 1) => &mut out.impact,
            (RankBy::Rice, 2) => &mut out.confidence,
            (RankBy::Rice, _) => &mut out.effort,
            (RankBy::Wsjf, 0) => &mut out.business_value,
            (RankBy::Wsjf, 1) => &mut out.time_criticality,
            (RankBy::Wsjf, 2) => &mut out.risk_reduction,
            (RankBy::Wsjf, _) => &mut out.job_size,
        };
        *slot = value;
        out
    }

    /// The parts of the score, with their column names.
    fn parts(self, s: &Scores) -> [(&'static str, Option<f64>); 4] {
        match self {
            RankBy::Rice => [
                ("req.reach", s.reach),
                ("req.impact", s.impact),
                ("req.confidence", s.confidence),
                ("req.effort", s.effort),
            ],
            RankBy::Wsjf => [
                ("req.business_value", s.business_value),
                ("req.time_criticality", s.time_criticality),
                ("req.risk_reduction", s.risk_reduction),
                ("req.job_size", s.job_size),
            ],
        }
    }
}

/// Draws the ranking; returns the requirement clicked, to open.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RankingState,
) -> Option<RequirementId> {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    ui.horizontal(|ui| {
        ui.label(m.t("rank.by"));
        ui.selectable_value(&mut state.by, RankBy::Rice, "RICE");
        ui.selectable_value(&mut state.by, RankBy::Wsjf, "WSJF");
        ui.checkbox(&mut state.with_closed, m.t("rank.with_closed"));
        ui.label(
            RichText::new(m.t(match state.by {
                RankBy::Rice => "rank.rice_formula",
                RankBy::Wsjf => "rank.wsjf_formula",
            }))
            .small()
            .color(palette.muted_text),
        );
    });
    state.refresh(view);
    let Some((_, _, _, rows)) = &state.rows else {
        return None;
    };
    if rows.is_empty() {
        ui.label(RichText::new(m.t("rank.none")).color(palette.muted_text));
        return None;
    }
    let top = rows
        .first()
        .and_then(|&i| {
            state
                .by
                .score(&insights.requirements[i].requirement.fields.scores)
        })
        .unwrap_or(1.0)
        .max(f64::MIN_POSITIVE);
    let by = state.by;
    let mut opened = None;
    let mut editing = state.editing.take();
    // Set when the number being typed is applied (`Some(true)`) or given up.
    let mut done: Option<bool> = None;
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(size::COL_XS))
        .column(Column::exact(size::COL_S))
        .column(Column::remainder().at_least(size::COL_TEXT).clip(true))
        .columns(Column::exact(size::COL_M), 4)
        .column(Column::exact(size::COL_L))
        .column(Column::exact(match m.lang {
            crate::i18n::Language::ZhCn => 64.0,
            crate::i18n::Language::English => 90.0,
        }))
        .column(Column::exact(size::COL_M).clip(true))
        .header(22.0, |mut h| header(&mut h, m, by))
        .body(|body| {
            body.rows(24.0, rows.len(), |mut row| {
                let rank = row.index() + 1;
                let r = &insights.requirements[rows[row.index()]];
                let f = &r.requirement.fields;
                row.col(|ui| {
                    ui.label(RichText::new(rank.to_string()).strong());
                });
                let id = r.requirement.id;
                let (_, key_cell) = row.col(|ui| {
                    ui.label(id.key());
                });
                let (_, title_cell) = row.col(|ui| {
                    ui.label(&f.title);
                });
                if key_cell.clicked() || title_cell.clicked() {
                    opened = Some(id);
                }
                for (i, (name, part)) in by.parts(&f.scores).into_iter().enumerate() {
                    let (_, cell) = row.col(|ui| match editing.as_mut() {
                        Some(e) if e.id == id && e.part == i => {
                            done = done.or(crate::ui::cell_edit::text_box(
                                ui,
                                &m.t(name),
                                &mut e.text,
                                &mut e.focused,
                                e.invalid,
                            ));
                        }
                        _ => {
                            ui.label(part.map(|x| format!("{x}")).unwrap_or_default());
                        }
                    });
                    if cell.double_clicked() && !view.read_only {
                        editing = Some(NumberEdit {
                            id,
                            part: i,
                            text: part.map(|x| format!("{x}")).unwrap_or_default(),
                            focused: false,
                            invalid: false,
                        });
                    }
                }
                row.col(|ui| {
                    score_bar(ui, by.score(&f.scores).unwrap_or(0.0), top, palette.accent)
                });
                row.col(|ui| {
                    ui.label(crate::ui::requirements::status_name(m, &f.status));
                });
                row.col(|ui| {
                    if let Some(name) = f.release.and_then(|id| insights.release_name(id)) {
                        ui.label(name);
                    }
                });
            });
        });
    if let Some(outcome) = done {
        finish_edit(outcome, editing, state, insights, actions);
    } else {
        state.editing = editing;
    }
    opened
}

impl RankingState {
    /// The ranked rows for the store's revision, the score and whether closed ones
    /// count: worked out again only when one of them moved.
    fn refresh(&mut self, view: &WorkspaceView) {
        let insights = &view.insights;
        let state = self;
        let fresh = state.rows.as_ref().is_some_and(|(r, b, c, _)| {
            *r == view.revision && *b == state.by && *c == state.with_closed
        });
        if !fresh {
            let sort = match state.by {
                RankBy::Rice => RequirementSort::Rice,
                RankBy::Wsjf => RequirementSort::Wsjf,
            };
            let rows: Vec<usize> = insights
                .order(sort, false, &RequirementFilter::default())
                .into_iter()
                .filter(|&i| {
                    let f = &insights.requirements[i].requirement.fields;
                    state.by.score(&f.scores).is_some()
                        && (state.with_closed || !insights.settings.is_closed(&f.status))
                })
                .collect();
            state.rows = Some((view.revision, state.by, state.with_closed, rows));
        }
    }
}

/// The headings: rank, key, title, the numbers behind the score, the score, status,
/// release.
fn header(h: &mut egui_extras::TableRow<'_, '_>, m: &FrameModel<'_>, by: RankBy) {
    let parts = by.parts(&Scores::default()).map(|p| p.0);
    for name in ["#", "requirements.key", "requirements.title_col"]
        .into_iter()
        .chain(parts)
        .chain([
            match by {
                RankBy::Rice => "RICE",
                RankBy::Wsjf => "WSJF",
            },
            "req.status",
            "req.release",
        ])
    {
        h.col(|ui| {
            ui.strong(if name.contains('.') {
                m.t(name)
            } else {
                name.to_owned()
            });
        });
    }
}

/// The score with a bar for its share of the top score.
fn score_bar(ui: &mut egui::Ui, score: f64, top: f64, color: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(size::COL_M, size::BAR_HEIGHT),
        egui::Sense::hover(),
    );
    let share = (score / top).clamp(0.0, 1.0) as f32;
    ui.painter().rect_filled(
        egui::Rect::from_min_size(rect.min, egui::vec2(rect.width() * share, rect.height())),
        2.0,
        color.gamma_multiply(0.7),
    );
    ui.label(if score >= 100.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    });
}

/// A number typed in a cell, once applied (`true`) or given up: applied, a new score
/// is one undoable edit; a number that does not read keeps the cell open, in red.
fn finish_edit(
    applied: bool,
    editing: Option<NumberEdit>,
    state: &mut RankingState,
    insights: &crate::report::insights::InsightsView,
    actions: &mut Vec<Action>,
) {
    if !applied {
        return;
    }
    let by = state.by;
    if let Some(mut e) = editing
        && let Some(r) = insights.requirement(e.id)
    {
        let t = e.text.trim();
        let value = if t.is_empty() {
            Ok(None)
        } else {
            t.parse::<f64>().map(Some).map_err(|_| ())
        };
        match value {
            Ok(v) => {
                let f = &r.requirement.fields;
                let scores = by.with_part(&f.scores, e.part, v);
                if scores != f.scores {
                    let mut fields = f.clone();
                    fields.scores = scores;
                    actions.push(Action::Apply(Change::UpdateRequirement {
                        id: e.id,
                        fields,
                    }));
                }
            }
            Err(()) => {
                e.invalid = true;
                e.focused = false;
                state.editing = Some(e);
            }
        }
    }
}
