//! The pool's toolbar (view tabs, search, status and more filters, grouping, export,
//! settings) and the bar for editing several selected requirements at once.

use super::{ClearFilter, GroupBy, RequirementsState, code_name, status_name, statuses};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::requirement::{RequirementFields, RequirementId};
use crate::report::insights::{RequirementFilter, RequirementSort};
use crate::ui::FrameModel;
use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

pub(super) fn toolbar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("requirements.new"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_title)
                    .hint_text(m.t("requirements.new_hint"))
                    .desired_width(size::FIELD_M),
            )
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("requirements.add")))
            .clicked()
            || enter)
            && !state.new_title.trim().is_empty()
        {
            actions.push(Action::Apply(Change::AddRequirement(RequirementFields {
                parent: state.selected,
                ..RequirementFields::titled(state.new_title.trim())
            })));
            state.new_title.clear();
        }
        ui.separator();
        let label = ui.label(m.t("requirements.search"));
        ui.add(egui::TextEdit::singleline(&mut state.filter.text).desired_width(size::FIELD_S))
            .labelled_by(label.id);
        let label = ui.label(m.t("requirements.status_filter"));
        let shown = state
            .filter
            .status
            .as_deref()
            .map_or_else(|| m.t("requirements.all"), |s| status_name(m, s));
        egui::ComboBox::from_id_salt("req_status_filter")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.filter.status, None, m.t("requirements.all"));
                for s in statuses(view) {
                    ui.selectable_value(
                        &mut state.filter.status,
                        Some(s.to_owned()),
                        status_name(m, s),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        more_filters(ui, m, view, &mut state.filter);
        crate::ui::export_menu(
            ui,
            ViewCx::new(m, actions),
            "requirements.export",
            crate::report::exporters::Needs::Pool,
        );
        if ui.button(m.t("pool.settings_open")).clicked() {
            state.settings_dialog = Some(
                crate::ui::requirements::settings_dialog::PoolSettingsDialog::of(
                    &view.insights.settings,
                ),
            );
        }
        if ui.button(m.t("release.open")).clicked() {
            state.releases = Some(crate::ui::requirements::releases::ReleasesDialog {
                revision: u64::MAX,
                ..Default::default()
            });
        }
        // A custom field's value, for fields with a known set of values.
        let choosable: Vec<&crate::model::pool_settings::CustomField> = view
            .insights
            .settings
            .fields
            .iter()
            .filter(|f| {
                !f.options.is_empty() || f.kind == crate::model::pool_settings::CustomKind::Person
            })
            .collect();
        if !choosable.is_empty() {
            let label = ui.label(m.t("req.field_filter"));
            let shown = state.filter.custom.as_ref().map_or_else(
                || m.t("requirements.all"),
                |(id, v)| {
                    let name = view
                        .insights
                        .settings
                        .field(id)
                        .map_or("", |f| f.name.as_str());
                    format!("{name} = {v}")
                },
            );
            egui::ComboBox::from_id_salt("req_custom_filter")
                .selected_text(shown)
                .height(size::HEIGHT_XL)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut state.filter.custom, None, m.t("requirements.all"));
                    for f in &choosable {
                        let values: Vec<String> = if f.options.is_empty() {
                            let mut people: Vec<String> = view
                                .insights
                                .requirements
                                .iter()
                                .filter_map(|r| r.requirement.fields.custom.get(&f.id).cloned())
                                .collect();
                            people.sort();
                            people.dedup();
                            people
                        } else {
                            f.options.clone()
                        };
                        for v in values {
                            let text = format!("{} = {v}", f.name);
                            ui.selectable_value(
                                &mut state.filter.custom,
                                Some((f.id.clone(), v)),
                                text,
                            );
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        let label = ui.label(m.t("req.group_by"));
        egui::ComboBox::from_id_salt("req_group")
            .selected_text(
                state
                    .group
                    .map_or_else(|| "—".to_owned(), |g| m.t(g.label_key())),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut state.group, None, "—");
                for g in GroupBy::ALL {
                    ui.selectable_value(&mut state.group, Some(g), m.t(g.label_key()));
                }
            })
            .response
            .labelled_by(label.id);
        if state.sort != RequirementSort::Tree && ui.button(m.t("requirements.as_tree")).clicked() {
            state.sort = RequirementSort::Tree;
            state.descending = false;
        }
        if state.sort == RequirementSort::Tree {
            if ui.button(m.t("req.collapse_all")).clicked() {
                // Every requirement with children.
                let reqs = &view.insights.requirements;
                state.collapsed = reqs
                    .iter()
                    .zip(reqs.iter().skip(1))
                    .filter(|(a, b)| b.depth > a.depth)
                    .map(|(a, _)| a.requirement.id)
                    .collect();
            }
            if !state.collapsed.is_empty() && ui.button(m.t("req.expand_all")).clicked() {
                state.collapsed.clear();
            }
        }
        let mut shown = !state.details_hidden;
        if ui.toggle_value(&mut shown, m.t("req.details")).changed() {
            state.details_hidden = !shown;
        }
    });
}

/// Priority, type, owner, release and overdue filters in one menu; each one set shows
/// as a chip that clears it.
pub(super) fn more_filters(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    filter: &mut RequirementFilter,
) {
    let insights = &view.insights;
    let release_name = |r: Option<crate::model::requirement::ReleaseId>| {
        r.and_then(|id| insights.release_name(id))
            .map_or_else(|| m.t("req.filter_none"), str::to_owned)
    };
    ui.menu_button(m.t("req.more_filters"), |ui| {
        ui.menu_button(m.t("requirements.priority"), |ui| {
            if ui.button(m.t("req.filter_none")).clicked() {
                filter.priority = Some(None);
                ui.close();
            }
            for p in 0..=3u8 {
                if ui.button(format!("P{p}")).clicked() {
                    filter.priority = Some(Some(p));
                    ui.close();
                }
            }
        });
        ui.menu_button(m.t("req.kind"), |ui| {
            for k in crate::model::requirement::KINDS {
                if ui.button(code_name(m, "kind", k)).clicked() {
                    filter.kind = Some(k.to_owned());
                    ui.close();
                }
            }
        });
        ui.menu_button(m.t("req.owner"), |ui| {
            let mut owners: Vec<&str> = insights
                .requirements
                .iter()
                .map(|r| r.requirement.fields.owner.as_str())
                .collect();
            owners.sort_unstable();
            owners.dedup();
            egui::ScrollArea::vertical()
                .max_height(size::HEIGHT_XL)
                .show(ui, |ui| {
                    for o in owners {
                        let name = if o.is_empty() {
                            m.t("req.filter_nobody")
                        } else {
                            o.to_owned()
                        };
                        if ui.button(name).clicked() {
                            filter.owner = Some(o.to_owned());
                            ui.close();
                        }
                    }
                });
        });
        ui.menu_button(m.t("req.release"), |ui| {
            if ui.button(m.t("req.filter_none")).clicked() {
                filter.release = Some(None);
                ui.close();
            }
            for rel in &insights.releases {
                if ui.button(&rel.fields.name).clicked() {
                    filter.release = Some(Some(rel.id));
                    ui.close();
                }
            }
        });
        if ui.button(m.t("req.filter_overdue")).clicked() {
            filter.overdue_on = Some(chrono::Local::now().date_naive());
            ui.close();
        }
    });
    // The filters set, each a chip: click to clear.
    let mut chips: Vec<(String, ClearFilter)> = Vec::new();
    if let Some(p) = filter.priority {
        chips.push((
            format!(
                "{}: {}",
                m.t("requirements.priority"),
                p.map_or_else(|| m.t("req.filter_none"), |p| format!("P{p}"))
            ),
            |f| f.priority = None,
        ));
    }
    if let Some(k) = &filter.kind {
        chips.push((
            format!("{}: {}", m.t("req.kind"), code_name(m, "kind", k)),
            |f| f.kind = None,
        ));
    }
    if let Some(o) = &filter.owner {
        let who = if o.is_empty() {
            m.t("req.filter_nobody")
        } else {
            o.clone()
        };
        chips.push((format!("{}: {who}", m.t("req.owner")), |f| f.owner = None));
    }
    if let Some(r) = filter.release {
        chips.push((
            format!("{}: {}", m.t("req.release"), release_name(r)),
            |f| f.release = None,
        ));
    }
    if filter.overdue_on.is_some() {
        chips.push((m.t("req.filter_overdue"), |f| f.overdue_on = None));
    }
    for (text, clear) in chips {
        if ui
            .button(format!("{text} ×"))
            .on_hover_text(m.t("req.filter_clear"))
            .clicked()
        {
            clear(filter);
        }
    }
}

/// Status, priority, owner or release set on every selected requirement at once: one
/// undoable step.
pub(super) fn bulk_bar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
) {
    let insights = &view.insights;
    let ids: Vec<RequirementId> = state
        .selected
        .into_iter()
        .chain(state.also_selected.iter().copied())
        .collect();
    if ids.len() < 2 {
        return;
    }
    let change = |f: &dyn Fn(&mut RequirementFields)| {
        Change::Many(
            ids.iter()
                .filter_map(|id| insights.requirement(*id))
                .map(|r| {
                    let mut fields = r.requirement.fields.clone();
                    f(&mut fields);
                    Change::UpdateRequirement {
                        id: r.requirement.id,
                        fields,
                    }
                })
                .collect(),
        )
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(tr_with(
                m.lang,
                "req.bulk",
                &[("n", &ids.len().to_string())],
            ))
            .strong(),
        );
        ui.add_enabled_ui(!view.read_only, |ui| {
            ui.menu_button(m.t("req.bulk_status"), |ui| {
                for s in statuses(view) {
                    if ui.button(status_name(m, s)).clicked() {
                        actions.push(Action::Apply(change(&|f| f.status = s.to_owned())));
                        ui.close();
                    }
                }
            });
            ui.menu_button(m.t("req.bulk_priority"), |ui| {
                for p in 0..=3u8 {
                    if ui.button(format!("P{p}")).clicked() {
                        actions.push(Action::Apply(change(&|f| f.priority = Some(p))));
                        ui.close();
                    }
                }
            });
            ui.menu_button(m.t("req.bulk_release"), |ui| {
                if ui.button("—").clicked() {
                    actions.push(Action::Apply(change(&|f| f.release = None)));
                    ui.close();
                }
                for r in &insights.releases {
                    if ui.button(&r.fields.name).clicked() {
                        let id = r.id;
                        actions.push(Action::Apply(change(&|f| f.release = Some(id))));
                        ui.close();
                    }
                }
            });
            // Under a top-level requirement (an epic), or to the top level.
            ui.menu_button(m.t("req.bulk_move"), |ui| {
                if ui.button(m.t("req.top_level")).clicked() {
                    actions.push(Action::Apply(change(&|f| f.parent = None)));
                    ui.close();
                }
                egui::ScrollArea::vertical()
                    .max_height(size::HEIGHT_XL)
                    .show(ui, |ui| {
                        for r in insights.requirements.iter().filter(|r| r.depth == 0) {
                            let target = r.requirement.id;
                            if ids.contains(&target) {
                                continue;
                            }
                            let text = format!("{} {}", target.key(), r.requirement.fields.title);
                            if ui.button(text).clicked() {
                                actions.push(Action::Apply(change(&|f| f.parent = Some(target))));
                                ui.close();
                            }
                        }
                    });
            });
            ui.menu_button(m.t("req.bulk_owner"), |ui| {
                let mut owners: Vec<&str> = insights
                    .requirements
                    .iter()
                    .map(|r| r.requirement.fields.owner.as_str())
                    .filter(|o| !o.is_empty())
                    .collect();
                owners.sort_unstable();
                owners.dedup();
                for o in owners {
                    if ui.button(o).clicked() {
                        let owner = o.to_owned();
                        actions.push(Action::Apply(change(&|f| f.owner = owner.clone())));
                        ui.close();
                    }
                }
            });
            if let Some(plan) = m.plan
                && ui
                    .button(m.t("req.plan_it"))
                    .on_hover_text(m.t("req.bulk_plan_tip"))
                    .clicked()
            {
                actions.push(Action::Apply(Change::Many(vec![
                    Change::PlanRequirements {
                        project: plan.project,
                        requirements: ids.clone(),
                    },
                    Change::Reschedule(plan.project),
                ])));
            }
            if ui.button(m.t("req.bulk_delete")).clicked() {
                actions.push(Action::Apply(Change::DeleteRequirements(ids.clone())));
                state.also_selected.clear();
            }
        });
        if ui.button(m.t("req.bulk_clear")).clicked() {
            state.also_selected.clear();
        }
    });
}
