//! The test cases: the suite tree on the left (add, rename, delete), the cases of the
//! chosen suite as a table (search, multi-select with Ctrl/Shift, bulk edit), the
//! editor on the right, and cases made from a requirement's acceptance criteria.

use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{NamedCombo, QualityState, SuiteFilter, case_editor, type_label};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::quality::{
    CASE_TYPES, QualityItem, QualityKey, Suite, SuiteId, TestCase, TestCaseFields, TestCaseId,
};
use crate::model::requirement::RequirementId;
use crate::report::quality_session::QualitySession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// The bulk edit's choices.
#[derive(Clone, Debug, Default)]
pub struct CaseBulk {
    owner: String,
    tag: String,
    from_requirement: Option<RequirementId>,
}

/// The suites under `id` (itself included).
fn subtree(session: &QualitySession, id: SuiteId) -> Vec<SuiteId> {
    let at = session.suite_tree.iter().position(|(s, _)| *s == id);
    let Some(at) = at else {
        return vec![id];
    };
    let depth = session.suite_tree[at].1;
    std::iter::once(id)
        .chain(
            session.suite_tree[at + 1..]
                .iter()
                .take_while(|(_, d)| *d > depth)
                .map(|(s, _)| *s),
        )
        .collect()
}

/// The cases the table lists, as places in the session's cases: the suite filter, then
/// the search (key, title, tag, owner, requirement key).
pub fn shown(session: &QualitySession, suite: SuiteFilter, search: &str) -> Vec<usize> {
    let known: std::collections::HashSet<SuiteId> =
        session.data.suites.iter().map(|s| s.id).collect();
    let within: Option<Vec<SuiteId>> = match suite {
        SuiteFilter::Suite(id) => Some(subtree(session, id)),
        _ => None,
    };
    let needle = search.trim().to_lowercase();
    session
        .data
        .cases
        .iter()
        .enumerate()
        .filter(|(_, c)| match suite {
            SuiteFilter::All => true,
            SuiteFilter::Unfiled => !c.fields.suite.is_some_and(|s| known.contains(&s)),
            SuiteFilter::Suite(_) => c
                .fields
                .suite
                .is_some_and(|s| within.as_ref().is_some_and(|w| w.contains(&s))),
        })
        .filter(|(_, c)| {
            needle.is_empty()
                || c.id.key().to_lowercase().contains(&needle)
                || c.fields.title.to_lowercase().contains(&needle)
                || c.fields.owner.to_lowercase().contains(&needle)
                || c.fields
                    .tags
                    .iter()
                    .any(|t| t.to_lowercase().contains(&needle))
                || c.fields
                    .requirements
                    .iter()
                    .any(|r| r.key().to_lowercase() == needle)
        })
        .map(|(i, _)| i)
        .collect()
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    egui::Panel::left("suite-tree")
        .resizable(true)
        .default_size(size::LIST_PANEL * 0.8)
        .show(ui, |ui| {
            suite_tree(ui, ViewCx::new(m, actions), session, view.read_only, state);
        });
    if state.case_editor.is_some() {
        egui::Panel::right("case-editor")
            .resizable(true)
            .default_size(size::FORM_WIDTH)
            .show(ui, |ui| {
                case_editor::show(ui, ViewCx::new(m, actions), session, view, state);
            });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(size::GAP_M as i8, 0)))
        .show(ui, |ui| {
            toolbar(ui, ViewCx::new(m, actions), session, view, state);
            // The filtered list is kept until the data, the suite or the search moves,
            // not rebuilt every frame.
            let key = (session.revision(), state.suite, state.search.clone());
            if state.shown.as_ref().is_none_or(|(k, _)| *k != key) {
                state.shown = Some((key, shown(session, state.suite, &state.search)));
            }
            let cases: Vec<&TestCase> = state
                .shown
                .as_ref()
                .map(|(_, list)| {
                    list.iter()
                        .filter_map(|i| session.data.cases.get(*i))
                        .collect()
                })
                .unwrap_or_default();
            if state.selected.len() > 1 && !view.read_only {
                bulk_bar(ui, ViewCx::new(m, actions), session, state);
            }
            table(ui, m, session, &cases, state);
        });
}

fn toolbar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    ui.horizontal_wrapped(|ui| {
        if !view.read_only && ui.button(m.t("quality.new_case")).clicked() {
            let suite = match state.suite {
                SuiteFilter::Suite(id) => Some(id),
                _ => None,
            };
            state.case_editor = Some(case_editor::CaseEditor::new_case(suite));
        }
        let l = ui.label(m.t("quality.search"));
        ui.add(egui::TextEdit::singleline(&mut state.search).desired_width(size::FIELD_S))
            .labelled_by(l.id);
        if view.read_only {
            return;
        }
        ui.separator();
        // Cases from a requirement's acceptance criteria, into the chosen suite.
        let with_criteria = view
            .insights
            .requirements
            .iter()
            .map(|r| &r.requirement)
            .filter(|r| {
                r.fields
                    .acceptance
                    .iter()
                    .any(|c| !c.text.trim().is_empty())
            });
        let chosen = state
            .bulk
            .from_requirement
            .and_then(|id| view.insights.requirement(id));
        egui::ComboBox::from_id_salt("cases-from-requirement")
            .selected_text(chosen.map_or_else(
                || m.t("quality.pick_requirement"),
                |r| format!("{} {}", r.requirement.id.key(), r.requirement.fields.title),
            ))
            .width(size::FIELD_M)
            .height(size::FIELD_XL)
            .show_named(ui, &m.t("quality.pick_requirement"), |ui| {
                for r in with_criteria {
                    ui.selectable_value(
                        &mut state.bulk.from_requirement,
                        Some(r.id),
                        format!(
                            "{} {} ({})",
                            r.id.key(),
                            r.fields.title,
                            r.fields.acceptance.len()
                        ),
                    );
                }
            });
        if ui
            .add_enabled(
                chosen.is_some(),
                egui::Button::new(m.t("quality.cases_from_acceptance")),
            )
            .clicked()
            && let Some(r) = chosen
        {
            let suite = match state.suite {
                SuiteFilter::Suite(id) => Some(id),
                _ => None,
            };
            let changes: Vec<Change> = TestCaseFields::from_acceptance(&r.requirement, suite)
                .into_iter()
                .map(|fields| {
                    Change::AddQualityItem(QualityItem::Case(TestCase {
                        id: TestCaseId(0),
                        fields,
                    }))
                })
                .collect();
            if !changes.is_empty() {
                actions.push(Action::Apply(Change::Many(changes)));
            }
        }
        ui.label(
            RichText::new(crate::i18n::tr_with(
                m.lang,
                "quality.case_count",
                &[("n", &session.data.cases.len().to_string())],
            ))
            .small()
            .weak(),
        );
    });
}

fn suite_tree(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    read_only: bool,
    state: &mut QualityState,
) {
    ui.label(RichText::new(m.t("quality.suites")).strong());
    egui::ScrollArea::vertical()
        .id_salt("suite-tree-scroll")
        .max_height(ui.available_height() - size::ROW_HEIGHT * 4.0)
        .show(ui, |ui| {
            if ui
                .selectable_label(state.suite == SuiteFilter::All, m.t("quality.all_cases"))
                .clicked()
            {
                state.suite = SuiteFilter::All;
            }
            for (id, depth) in &session.suite_tree {
                let name = session.suite_name(Some(*id)).unwrap_or_default();
                ui.horizontal(|ui| {
                    ui.add_space(size::TREE_INDENT * (*depth as f32 + 1.0));
                    if ui
                        .selectable_label(state.suite == SuiteFilter::Suite(*id), name)
                        .clicked()
                    {
                        state.suite = SuiteFilter::Suite(*id);
                    }
                });
            }
            if ui
                .selectable_label(state.suite == SuiteFilter::Unfiled, m.t("quality.no_suite"))
                .clicked()
            {
                state.suite = SuiteFilter::Unfiled;
            }
        });
    if read_only {
        return;
    }
    ui.separator();
    ui.horizontal(|ui| {
        let l = ui.label(m.t("quality.new_suite"));
        ui.add(egui::TextEdit::singleline(&mut state.new_suite).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        if ui.button("+").clicked() && !state.new_suite.trim().is_empty() {
            let parent = match state.suite {
                SuiteFilter::Suite(id) => Some(id),
                _ => None,
            };
            actions.push(Action::Apply(Change::AddQualityItem(QualityItem::Suite(
                Suite {
                    id: SuiteId(0),
                    name: state.new_suite.trim().to_owned(),
                    parent,
                },
            ))));
            state.new_suite.clear();
        }
    });
    let SuiteFilter::Suite(id) = state.suite else {
        return;
    };
    let Some(suite) = session.data.suites.iter().find(|s| s.id == id) else {
        return;
    };
    ui.horizontal(|ui| {
        let renaming = state.renaming.get_or_insert((id, suite.name.clone()));
        if renaming.0 != id {
            *renaming = (id, suite.name.clone());
        }
        let l = ui.label(m.t("quality.rename_suite"));
        ui.add(egui::TextEdit::singleline(&mut renaming.1).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        if ui.button(m.t("quality.apply")).clicked()
            && !renaming.1.trim().is_empty()
            && renaming.1.trim() != suite.name
        {
            actions.push(Action::Apply(Change::UpdateQualityItem(
                QualityItem::Suite(Suite {
                    name: renaming.1.trim().to_owned(),
                    ..suite.clone()
                }),
            )));
        }
    });
    if ui.button(m.t("quality.delete_suite")).clicked() {
        // Its cases move out of it and its suites up to its parent, in the same edit.
        let mut changes: Vec<Change> = session
            .data
            .cases
            .iter()
            .filter(|c| c.fields.suite == Some(id))
            .map(|c| {
                let mut c = c.clone();
                c.fields.suite = suite.parent;
                Change::UpdateQualityItem(QualityItem::Case(c))
            })
            .collect();
        changes.extend(
            session
                .data
                .suites
                .iter()
                .filter(|s| s.parent == Some(id))
                .map(|s| {
                    Change::UpdateQualityItem(QualityItem::Suite(Suite {
                        parent: suite.parent,
                        ..s.clone()
                    }))
                }),
        );
        changes.push(Change::DeleteQualityItems(vec![QualityKey::Suite(id.0)]));
        actions.push(Action::Apply(Change::Many(changes)));
        state.suite = SuiteFilter::All;
    }
}

/// Changes for every selected case, as one edit.
fn for_selected(
    session: &QualitySession,
    state: &QualityState,
    change: impl Fn(&mut TestCaseFields),
) -> Change {
    Change::Many(
        session
            .data
            .cases
            .iter()
            .filter(|c| state.selected.contains(&c.id))
            .map(|c| {
                let mut c = c.clone();
                change(&mut c.fields);
                Change::UpdateQualityItem(QualityItem::Case(c))
            })
            .collect(),
    )
}

fn bulk_bar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    state: &mut QualityState,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(crate::i18n::tr_with(
                m.lang,
                "quality.selected",
                &[("n", &state.selected.len().to_string())],
            ))
            .strong(),
        );
        let mut priority: Option<Option<u8>> = None;
        egui::ComboBox::from_id_salt("bulk-priority")
            .selected_text(m.t("quality.column.priority"))
            .show_named(ui, &m.t("quality.bulk_priority"), |ui| {
                for p in 0..=4u8 {
                    if ui.selectable_label(false, format!("P{p}")).clicked() {
                        priority = Some(Some(p));
                    }
                }
            });
        if let Some(p) = priority {
            actions.push(Action::Apply(for_selected(session, state, |f| {
                f.priority = p
            })));
        }
        let mut kind = None;
        egui::ComboBox::from_id_salt("bulk-type")
            .selected_text(m.t("quality.column.type"))
            .show_named(ui, &m.t("quality.bulk_type"), |ui| {
                for k in CASE_TYPES {
                    if ui.selectable_label(false, type_label(m, k)).clicked() {
                        kind = Some(k);
                    }
                }
            });
        if let Some(k) = kind {
            actions.push(Action::Apply(for_selected(session, state, |f| {
                f.kind = k.to_owned();
            })));
        }
        let mut suite = None;
        egui::ComboBox::from_id_salt("bulk-suite")
            .selected_text(m.t("quality.move_to_suite"))
            .show_named(ui, &m.t("quality.move_to_suite"), |ui| {
                if ui
                    .selectable_label(false, m.t("quality.no_suite"))
                    .clicked()
                {
                    suite = Some(None);
                }
                for (id, depth) in &session.suite_tree {
                    let name = session.suite_name(Some(*id)).unwrap_or_default();
                    if ui
                        .selectable_label(false, format!("{}{name}", "  ".repeat(*depth)))
                        .clicked()
                    {
                        suite = Some(Some(*id));
                    }
                }
            });
        if let Some(s) = suite {
            actions.push(Action::Apply(for_selected(session, state, |f| f.suite = s)));
        }
        let l = ui.label(m.t("quality.bulk_owner"));
        ui.add(egui::TextEdit::singleline(&mut state.bulk.owner).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        if ui.button(m.t("quality.set_owner")).clicked() {
            let owner = state.bulk.owner.trim().to_owned();
            actions.push(Action::Apply(for_selected(session, state, |f| {
                f.owner = owner.clone();
            })));
        }
        let l = ui.label(m.t("quality.bulk_tag"));
        ui.add(egui::TextEdit::singleline(&mut state.bulk.tag).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        if ui.button(m.t("quality.add_tag")).clicked() && !state.bulk.tag.trim().is_empty() {
            let tag = state.bulk.tag.trim().to_owned();
            actions.push(Action::Apply(for_selected(session, state, |f| {
                if !f.tags.contains(&tag) {
                    f.tags.push(tag.clone());
                }
            })));
        }
        for (automated, key) in [
            (true, "quality.mark_automated"),
            (false, "quality.mark_manual"),
        ] {
            if ui.button(m.t(key)).clicked() {
                actions.push(Action::Apply(for_selected(session, state, |f| {
                    f.automated = automated;
                })));
            }
        }
        if ui.button(m.t("quality.delete")).clicked() {
            actions.push(Action::Apply(Change::DeleteQualityItems(
                state
                    .selected
                    .iter()
                    .map(|c| QualityKey::Case(c.0))
                    .collect(),
            )));
            state.selected.clear();
        }
        if ui.button(m.t("quality.clear_selection")).clicked() {
            state.selected.clear();
        }
    });
}

fn table(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &QualitySession,
    cases: &[&TestCase],
    state: &mut QualityState,
) {
    if cases.is_empty() {
        ui.label(m.t("quality.no_cases"));
        return;
    }
    let mut clicked: Option<(usize, egui::Modifiers)> = None;
    TableBuilder::new(ui)
        .id_salt("case-table")
        .striped(true)
        .resizable(true)
        .column(Column::exact(size::COL_S))
        .column(
            Column::initial(size::COL_TEXT * 1.5)
                .at_least(size::COL_L)
                .clip(true),
        )
        .column(Column::exact(size::COL_XS))
        .column(Column::initial(size::COL_S))
        .column(Column::exact(size::COL_XS))
        .column(Column::initial(size::COL_S))
        .column(Column::initial(size::COL_M).clip(true))
        .column(Column::remainder().at_least(size::COL_S))
        .header(size::ROW_HEIGHT, |mut header| {
            super::headings(
                &mut header,
                m,
                &[
                    "quality.column.key",
                    "quality.column.title",
                    "quality.column.priority",
                    "quality.column.type",
                    "quality.column.automated",
                    "quality.column.owner",
                    "quality.column.requirements",
                    "quality.latest",
                ],
            );
        })
        .body(|body| {
            body.rows(size::ROW_HEIGHT, cases.len(), |mut row| {
                let i = row.index();
                let c = cases[i];
                let f = &c.fields;
                row.set_selected(state.selected.contains(&c.id));
                row.col(|ui| {
                    if ui.link(c.id.key()).clicked() {
                        clicked = Some((i, ui.input(|i| i.modifiers)));
                    }
                });
                row.col(|ui| {
                    if ui
                        .add(
                            egui::Label::new(&f.title)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .clicked()
                    {
                        clicked = Some((i, ui.input(|i| i.modifiers)));
                    }
                });
                row.col(|ui| {
                    ui.label(f.priority.map(|p| format!("P{p}")).unwrap_or_default());
                });
                row.col(|ui| {
                    ui.label(type_label(m, &f.kind));
                });
                row.col(|ui| {
                    ui.label(if f.automated { "√" } else { "" });
                });
                row.col(|ui| {
                    ui.label(&f.owner);
                });
                row.col(|ui| {
                    ui.add(
                        egui::Label::new(
                            f.requirements
                                .iter()
                                .map(|r| r.key())
                                .collect::<Vec<_>>()
                                .join(", "),
                        )
                        .truncate(),
                    );
                });
                row.col(|ui| {
                    if let Some(s) = session.latest.get(&c.id) {
                        ui.label(
                            RichText::new(super::status_label(m, *s))
                                .color(super::status_colour(ui, *s)),
                        );
                    }
                });
            });
        });
    if let Some((i, mods)) = clicked {
        let id = cases[i].id;
        if mods.command || mods.shift {
            state.case_editor = None;
        }
        if mods.command {
            if !state.selected.remove(&id) {
                state.selected.insert(id);
            }
        } else if mods.shift {
            // From the nearest selected case above (or the first) to this one.
            let from = (0..i)
                .rev()
                .find(|k| state.selected.contains(&cases[*k].id))
                .unwrap_or(0);
            for c in &cases[from..=i] {
                state.selected.insert(c.id);
            }
        } else {
            state.selected.clear();
            state.selected.insert(id);
            state.case_editor = Some(case_editor::CaseEditor::of(cases[i]));
        }
    }
}
