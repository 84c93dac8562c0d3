//! The register as a table: a filter bar, sortable headings, rows grouped when asked,
//! probability, impact and status edited in their cells, a click to open a risk in
//! the editor (Ctrl/Shift-click to select several) and a bar to change or delete the
//! selected ones at once (one undoable edit).

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::NamedCombo;
use super::rows::{self, Grouping, RiskSort};
use super::{RisksState, band_colour, label};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::risk::{Band, Risk, RiskFields, RiskId, RiskKind, STATUSES};
use crate::report::risk_register::Register;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// The headings: locale key and the sort a click picks.
const COLUMNS: [(&str, RiskSort); 11] = [
    ("risk.column.key", RiskSort::Key),
    ("risk.column.title", RiskSort::Title),
    ("risk.column.category", RiskSort::Category),
    ("risk.column.probability", RiskSort::Probability),
    ("risk.column.impact", RiskSort::Impact),
    ("risk.column.score", RiskSort::Score),
    ("risk.column.status", RiskSort::Status),
    ("risk.column.owner", RiskSort::Owner),
    ("risk.column.strategy", RiskSort::Title),
    ("risks.residual", RiskSort::Residual),
    ("risk.column.proximity", RiskSort::Proximity),
];

/// The bulk edit's choices.
#[derive(Clone, Debug, Default)]
pub struct BulkEdit {
    pub status: Option<String>,
    pub owner: String,
}

/// `fields` with `change` made.
fn with(fields: &RiskFields, change: impl FnOnce(&mut RiskFields)) -> RiskFields {
    let mut f = fields.clone();
    change(&mut f);
    f
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    register: &Register,
    categories: &[String],
    view: &WorkspaceView,
    state: &mut RisksState,
) {
    filter_bar(ui, m, register, categories, state);
    if state.selected.len() > 1 && !view.read_only {
        bulk_bar(ui, ViewCx::new(m, actions), register, state);
    }
    let shown = rows::rows(
        register,
        &state.filter,
        state.sort,
        state.descending,
        state.group,
    );
    if shown.is_empty() {
        ui.label(m.t(if register.risks.is_empty() {
            "risk.none"
        } else {
            "risks.none_match"
        }));
        return;
    }
    let palette = crate::ui::theme::palette(ui.visuals());
    let editable = !view.read_only;
    let mut clicked: Option<(RiskId, egui::Modifiers)> = None;
    let mut sort_by: Option<RiskSort> = None;
    let heading_of = |i: usize| -> Option<String> {
        if state.group == Grouping::None {
            return None;
        }
        let r = &register.risks[shown[i]];
        let key = rows::group_key(register, r, state.group);
        let first =
            i == 0 || rows::group_key(register, &register.risks[shown[i - 1]], state.group) != key;
        first.then(|| match state.group {
            Grouping::Band => label(m, "band", register.band(r).code()),
            Grouping::Category => label(m, "category", &r.fields.category),
            Grouping::Status => label(m, "status", &r.fields.status),
            Grouping::Owner => r.fields.owner.clone(),
            Grouping::None => String::new(),
        })
    };
    TableBuilder::new(ui)
        .id_salt("risk-table")
        .striped(true)
        .resizable(true)
        .column(Column::exact(size::COL_XS))
        .column(
            Column::initial(size::COL_TEXT)
                .at_least(size::COL_L)
                .clip(true),
        )
        .columns(Column::initial(size::COL_S), 1)
        .columns(Column::exact(size::COL_XS + size::GAP_XL), 2)
        .column(Column::exact(size::COL_S + size::GAP_XL))
        .column(Column::initial(size::COL_M))
        .columns(Column::initial(size::COL_S), 2)
        .column(Column::exact(size::COL_XS))
        .column(Column::remainder().at_least(size::COL_M))
        .header(size::ROW_HEIGHT, |mut header| {
            for (key, sort) in COLUMNS {
                header.col(|ui| {
                    let mark = if state.sort == sort && key != "risk.column.strategy" {
                        if state.descending { " ▼" } else { " ▲" }
                    } else {
                        ""
                    };
                    if ui
                        .add(
                            egui::Label::new(RichText::new(format!("{}{mark}", m.t(key))).strong())
                                .sense(egui::Sense::click()),
                        )
                        .clicked()
                        && key != "risk.column.strategy"
                    {
                        sort_by = Some(sort);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(size::ROW_HEIGHT, shown.len(), |mut row| {
                let i = row.index();
                let r = &register.risks[shown[i]];
                let f = &r.fields;
                row.set_selected(state.selected.contains(&r.id));
                let heading = heading_of(i);
                row.col(|ui| {
                    if let Some(h) = &heading {
                        ui.label(RichText::new(h).strong());
                    } else if ui.link(r.id.key()).clicked() {
                        clicked = Some((r.id, ui.input(|i| i.modifiers)));
                    }
                });
                row.col(|ui| {
                    // Under a group heading the key moves into the title.
                    let title = if heading.is_some() {
                        format!("{} {}", r.id.key(), f.title)
                    } else {
                        f.title.clone()
                    };
                    let resp = ui
                        .add(
                            egui::Label::new(title)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .on_hover_text(&f.description);
                    if resp.clicked() {
                        clicked = Some((r.id, ui.input(|i| i.modifiers)));
                    }
                });
                row.col(|ui| {
                    ui.label(label(m, "category", &f.category));
                });
                row.col(|ui| {
                    level_cell(ui, ("p", r.id), f.probability, editable, |p| {
                        actions.push(Action::Apply(Change::UpdateRisk {
                            id: r.id,
                            fields: with(f, |f| f.probability = p),
                        }));
                    });
                });
                row.col(|ui| {
                    let now = f.impact.overall();
                    level_cell(ui, ("i", r.id), now, editable, |i| {
                        actions.push(Action::Apply(Change::UpdateRisk {
                            id: r.id,
                            fields: with(f, |f| f.impact = rescored_impact(f.impact, i)),
                        }));
                    });
                });
                row.col(|ui| {
                    let band = register.band(r);
                    ui.label(
                        RichText::new(f.score().to_string())
                            .strong()
                            .color(band_colour(&palette, band)),
                    )
                    .on_hover_text(label(m, "band", band.code()));
                });
                row.col(|ui| {
                    if editable {
                        egui::ComboBox::from_id_salt(("risk-status", r.id.0))
                            .width(size::COL_M)
                            .selected_text(label(m, "status", &f.status))
                            .show_named(
                                ui,
                                &format!("{} {}", r.id.key(), m.t("risk.column.status")),
                                |ui| {
                                    for s in STATUSES {
                                        if ui
                                            .selectable_label(f.status == s, label(m, "status", s))
                                            .clicked()
                                            && f.status != s
                                        {
                                            actions.push(Action::Apply(Change::UpdateRisk {
                                                id: r.id,
                                                fields: with(f, |f| f.status = s.to_owned()),
                                            }));
                                        }
                                    }
                                },
                            );
                    } else {
                        ui.label(label(m, "status", &f.status));
                    }
                });
                row.col(|ui| {
                    ui.label(&f.owner);
                });
                row.col(|ui| {
                    ui.label(label(m, "strategy", &f.strategy));
                });
                row.col(|ui| {
                    ui.label(
                        f.residual_score()
                            .map(|s| s.to_string())
                            .unwrap_or_default(),
                    );
                });
                row.col(|ui| {
                    ui.label(f.proximity.map(|d| d.to_string()).unwrap_or_default());
                });
            });
        });
    if let Some(sort) = sort_by {
        if state.sort == sort {
            state.descending = !state.descending;
        } else {
            state.sort = sort;
            state.descending = matches!(
                sort,
                RiskSort::Score | RiskSort::Probability | RiskSort::Impact | RiskSort::Residual
            );
        }
    }
    if let Some((id, modifiers)) = clicked {
        select(state, register, &shown, id, modifiers);
    }
}

/// What a click on a row selects: the risk alone (and opens it), Ctrl toggles it,
/// Shift extends from the last one.
fn select(
    state: &mut RisksState,
    register: &Register,
    shown: &[usize],
    id: RiskId,
    modifiers: egui::Modifiers,
) {
    if modifiers.command {
        if !state.selected.remove(&id) {
            state.selected.insert(id);
        }
        return;
    }
    if modifiers.shift
        && let Some(anchor) = state.editor.as_ref().and_then(|e| e.id)
    {
        let at = |k: RiskId| shown.iter().position(|&i| register.risks[i].id == k);
        if let (Some(a), Some(b)) = (at(anchor), at(id)) {
            let (lo, hi) = (a.min(b), a.max(b));
            state
                .selected
                .extend(shown[lo..=hi].iter().map(|&i| register.risks[i].id));
            return;
        }
    }
    state.selected.clear();
    state.selected.insert(id);
    if let Some(r) = register.risks.iter().find(|r| r.id == id) {
        state.editor = Some(super::editor::RiskEditor::of(r));
    }
}

/// The impact moved to `to`: the highest dimensions take it, the others are capped
/// at it (a dimension with none stays at none).
pub fn rescored_impact(impact: crate::model::risk::Impact, to: u8) -> crate::model::risk::Impact {
    let top = impact.overall();
    if top == 0 {
        return crate::model::risk::Impact {
            schedule: to,
            ..Default::default()
        };
    }
    let one = |v: u8| if v == top { to } else { v.min(to) };
    crate::model::risk::Impact {
        schedule: one(impact.schedule),
        cost: one(impact.cost),
        scope: one(impact.scope),
        quality: one(impact.quality),
    }
}

/// A 1–5 level, chosen from a small menu when editable.
fn level_cell(
    ui: &mut egui::Ui,
    id: (&str, RiskId),
    value: u8,
    editable: bool,
    mut on_change: impl FnMut(u8),
) {
    if !editable {
        ui.label(value.to_string());
        return;
    }
    egui::ComboBox::from_id_salt((id.0, id.1.0))
        .width(size::COL_XS)
        .selected_text(value.to_string())
        .show_named(ui, &format!("{} {}", id.1.key(), id.0), |ui| {
            for v in 1..=5u8 {
                if ui.selectable_label(v == value, v.to_string()).clicked() && v != value {
                    on_change(v);
                }
            }
        });
}

fn filter_bar(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    register: &Register,
    known: &[String],
    state: &mut RisksState,
) {
    let f = &mut state.filter;
    ui.horizontal_wrapped(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut f.text)
                .hint_text(m.t("risks.search"))
                .desired_width(size::FIELD_S),
        );
        let any = m.t("risks.any");
        ui.label(m.t("risk.column.band"));
        egui::ComboBox::from_id_salt("risk-filter-band")
            .selected_text(f.band.map_or(any.clone(), |b| label(m, "band", b.code())))
            .show_named(ui, &m.t("risk.column.band"), |ui| {
                ui.selectable_value(&mut f.band, None, &any);
                for b in [Band::High, Band::Medium, Band::Low] {
                    ui.selectable_value(&mut f.band, Some(b), label(m, "band", b.code()));
                }
            });
        ui.label(m.t("risk.column.status"));
        egui::ComboBox::from_id_salt("risk-filter-status")
            .selected_text(
                f.status
                    .as_deref()
                    .map_or(any.clone(), |s| label(m, "status", s)),
            )
            .show_named(ui, &m.t("risk.column.status"), |ui| {
                ui.selectable_value(&mut f.status, None, &any);
                for s in STATUSES {
                    ui.selectable_value(&mut f.status, Some(s.to_owned()), label(m, "status", s));
                }
            });
        let mut categories: Vec<String> = known.to_vec();
        for r in &register.risks {
            if !r.fields.category.is_empty() && !categories.contains(&r.fields.category) {
                categories.push(r.fields.category.clone());
            }
        }
        ui.label(m.t("risk.column.category"));
        egui::ComboBox::from_id_salt("risk-filter-category")
            .selected_text(
                f.category
                    .as_deref()
                    .map_or(any.clone(), |c| label(m, "category", c)),
            )
            .show_named(ui, &m.t("risk.column.category"), |ui| {
                ui.selectable_value(&mut f.category, None, &any);
                for c in categories {
                    let name = label(m, "category", &c);
                    ui.selectable_value(&mut f.category, Some(c), name);
                }
            });
        ui.label(m.t("risk.column.kind"));
        egui::ComboBox::from_id_salt("risk-filter-kind")
            .selected_text(f.kind.map_or(any.clone(), |k| label(m, "kind", k.code())))
            .show_named(ui, &m.t("risk.column.kind"), |ui| {
                ui.selectable_value(&mut f.kind, None, &any);
                for k in [RiskKind::Threat, RiskKind::Opportunity] {
                    ui.selectable_value(&mut f.kind, Some(k), label(m, "kind", k.code()));
                }
            });
        ui.checkbox(&mut f.open_only, m.t("risks.open_only"));
        if let Some((p, i, residual)) = f.cell {
            let text = crate::i18n::tr_with(
                m.lang,
                if residual {
                    "risks.cell_residual"
                } else {
                    "risks.cell"
                },
                &[("p", &p.to_string()), ("i", &i.to_string())],
            );
            if ui.button(format!("{text} ×")).clicked() {
                f.cell = None;
            }
        }
        if !f.is_empty() && ui.button(m.t("risks.clear_filter")).clicked() {
            *f = Default::default();
        }
        ui.separator();
        ui.label(m.t("risks.group_by"));
        egui::ComboBox::from_id_salt("risk-group")
            .selected_text(m.t(state.group.label_key()))
            .show_named(ui, &m.t("risks.group_by"), |ui| {
                for g in Grouping::ALL {
                    ui.selectable_value(&mut state.group, g, m.t(g.label_key()));
                }
            });
    });
    ui.add_space(size::GAP_S);
}

/// Status, owner or delete for the selected risks, as one edit.
fn bulk_bar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    register: &Register,
    state: &mut RisksState,
) {
    let chosen: Vec<&Risk> = register
        .risks
        .iter()
        .filter(|r| state.selected.contains(&r.id))
        .collect();
    let bulk = &mut state.bulk;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(crate::i18n::tr_with(
                m.lang,
                "risks.selected",
                &[("n", &chosen.len().to_string())],
            ))
            .strong(),
        );
        egui::ComboBox::from_id_salt("risk-bulk-status")
            .selected_text(
                bulk.status
                    .as_deref()
                    .map_or_else(|| m.t("risk.column.status"), |s| label(m, "status", s)),
            )
            .show_named(ui, &m.t("risk.column.status"), |ui| {
                for s in STATUSES {
                    ui.selectable_value(
                        &mut bulk.status,
                        Some(s.to_owned()),
                        label(m, "status", s),
                    );
                }
            });
        if let Some(s) = bulk.status.clone()
            && ui.button(m.t("risks.apply_status")).clicked()
        {
            actions.push(Action::Apply(Change::UpdateRisks(
                chosen
                    .iter()
                    .map(|r| (r.id, with(&r.fields, |f| f.status = s.clone())))
                    .collect(),
            )));
        }
        ui.add(
            egui::TextEdit::singleline(&mut bulk.owner)
                .hint_text(m.t("risk.column.owner"))
                .desired_width(size::FIELD_SHORT),
        );
        if !bulk.owner.trim().is_empty() && ui.button(m.t("risks.apply_owner")).clicked() {
            let owner = bulk.owner.trim().to_owned();
            actions.push(Action::Apply(Change::UpdateRisks(
                chosen
                    .iter()
                    .map(|r| (r.id, with(&r.fields, |f| f.owner = owner.clone())))
                    .collect(),
            )));
        }
        if ui.button(m.t("risks.delete_selected")).clicked() {
            actions.push(Action::Apply(Change::DeleteRisks(
                chosen.iter().map(|r| r.id).collect(),
            )));
            state.selected.clear();
            state.editor = None;
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::risk::Impact;

    #[test]
    fn rescoring_moves_the_highest_dimensions_and_caps_the_rest() {
        let i = Impact {
            schedule: 4,
            cost: 2,
            scope: 0,
            quality: 4,
        };
        assert_eq!(
            rescored_impact(i, 2),
            Impact {
                schedule: 2,
                cost: 2,
                scope: 0,
                quality: 2
            }
        );
        assert_eq!(rescored_impact(i, 5).overall(), 5);
        assert_eq!(rescored_impact(i, 5).cost, 2);
        assert_eq!(rescored_impact(Impact::default(), 3).overall(), 3);
    }
}
