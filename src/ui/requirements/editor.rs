//! The selected requirement's editor: every field, acceptance criteria, scores, custom
//! fields, the description in Markdown with a preview.

use super::draft::NUMBER_KEYS;
use super::{RequirementsState, code_name, score_text, select, status_name, statuses};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::requirement::{
    Criterion, KINDS, Kano, Moscow, RequirementFields, RequirementId, SOURCES,
};
use crate::report::insights::InsightsView;
use crate::ui::ViewCx;
use crate::ui::theme::size;
use crate::ui::{FrameModel, theme};
use egui::RichText;

pub(super) fn combo_codes(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    label_key: &str,
    group: &str,
    codes: &[&str],
    value: &mut String,
    allow_empty: bool,
) {
    let label = ui.label(m.t(label_key));
    egui::ComboBox::from_id_salt(("req_combo", label_key))
        .selected_text(if group == "status" {
            status_name(m, value)
        } else {
            code_name(m, group, value)
        })
        .show_ui(ui, |ui| {
            if allow_empty {
                ui.selectable_value(value, String::new(), "—");
            }
            for c in codes {
                let name = if group == "status" {
                    status_name(m, c)
                } else {
                    code_name(m, group, c)
                };
                ui.selectable_value(value, (*c).to_owned(), name);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

/// Where a requirement sits in the tree: at the top, or under any requirement that is
/// not itself or one of its own descendants (those are left out of the list).
pub(super) fn parent_combo(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    id: RequirementId,
    parent: &mut Option<RequirementId>,
) {
    let label = ui.label(m.t("req.parent"));
    let name = |p: Option<RequirementId>| {
        p.and_then(|p| insights.requirement(p)).map_or_else(
            || m.t("req.top_level"),
            |r| format!("{} {}", r.requirement.id.key(), r.requirement.fields.title),
        )
    };
    egui::ComboBox::from_id_salt("req_parent")
        .selected_text(name(*parent))
        .width(size::FIELD_L)
        .height(size::HEIGHT_XL)
        .show_ui(ui, |ui| {
            ui.selectable_value(parent, None, m.t("req.top_level"));
            // Tree order: a requirement's subtree is the run after it that is deeper.
            let mut skip_below: Option<usize> = None;
            for r in &insights.requirements {
                if skip_below.is_some_and(|d| r.depth > d) {
                    continue;
                }
                skip_below = None;
                if r.requirement.id == id {
                    skip_below = Some(r.depth);
                    continue;
                }
                let text = format!(
                    "{}{} {}",
                    "  ".repeat(r.depth),
                    r.requirement.id.key(),
                    r.requirement.fields.title
                );
                ui.selectable_value(parent, Some(r.requirement.id), text);
            }
        })
        .response
        .labelled_by(label.id);
    ui.end_row();
}

pub(super) fn editor(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    if state.draft.id != state.selected {
        let id = state.selected;
        select(state, insights, id);
    }
    let Some(id) = state.draft.id else {
        return;
    };
    let d = &mut state.draft;
    let Some(f) = d.fields.as_mut() else {
        return;
    };
    ui.label(RichText::new(id.key()).strong());
    fields_grid(ui, m, view, id, f, &mut d.tags, &mut d.dates);
    description(ui, m, f, &mut d.preview);
    acceptance(ui, m, f, &mut d.new_criterion);
    scores(ui, m, f, &mut d.numbers);
    custom_fields(ui, m, insights, f);
    match d.applied(m) {
        Ok(preview) => {
            ui.label(
                RichText::new(format!(
                    "RICE {} · WSJF {}",
                    score_text(preview.scores.rice()).if_empty("—"),
                    score_text(preview.scores.wsjf()).if_empty("—")
                ))
                .color(palette.muted_text),
            );
        }
        Err(e) if !e.is_empty() => {
            ui.label(RichText::new(e).color(palette.danger));
        }
        Err(_) => {}
    }
    if let Some(e) = &d.error {
        ui.label(RichText::new(e).color(palette.danger));
    }
    ui.add_space(size::GAP);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("req.apply")))
            .clicked()
        {
            match d.applied(m) {
                Ok(mut fields) => {
                    d.error = None;
                    // Task links change on their own (link, plan it): keep them as stored.
                    if let Some(r) = insights.requirement(id) {
                        fields.tasks = r.requirement.fields.tasks.clone();
                    }
                    actions.push(Action::Apply(Change::UpdateRequirement { id, fields }));
                }
                Err(e) => d.error = Some(e),
            }
        }
        if ui.button(m.t("req.revert")).clicked() {
            d.id = None;
        }
        if ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("req.delete")))
            .on_hover_text(m.t("req.delete_tip"))
            .clicked()
        {
            actions.push(Action::Apply(Change::DeleteRequirements(vec![id])));
        }
    });
}

/// Title, parent, type, source, status, priority, owner, tags, release and dates.
fn fields_grid(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    id: RequirementId,
    f: &mut RequirementFields,
    tags: &mut String,
    dates: &mut [String; 2],
) {
    let insights = &view.insights;
    egui::Grid::new("req_fields")
        .num_columns(2)
        .spacing([size::GAP_M, size::GAP])
        .show(ui, |ui| {
            let label = ui.label(m.t("requirements.title_col"));
            ui.add(egui::TextEdit::singleline(&mut f.title).desired_width(size::FIELD_L))
                .labelled_by(label.id);
            ui.end_row();
            parent_combo(ui, m, insights, id, &mut f.parent);
            combo_codes(ui, m, "req.kind", "kind", &KINDS, &mut f.kind, false);
            combo_codes(ui, m, "req.source", "source", &SOURCES, &mut f.source, true);
            combo_codes(
                ui,
                m,
                "req.status",
                "status",
                &statuses(view),
                &mut f.status,
                false,
            );
            let label = ui.label(m.t("requirements.priority"));
            egui::ComboBox::from_id_salt("req_priority")
                .selected_text(
                    f.priority
                        .map_or_else(|| "—".to_owned(), |p| format!("P{p}")),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.priority, None, "—");
                    for p in 0..=3u8 {
                        ui.selectable_value(&mut f.priority, Some(p), format!("P{p}"));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(m.t("req.owner"));
            ui.add(egui::TextEdit::singleline(&mut f.owner).desired_width(size::FIELD_S))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(m.t("req.tags"));
            ui.add(egui::TextEdit::singleline(tags).desired_width(size::FIELD_M))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(m.t("req.release"));
            egui::ComboBox::from_id_salt("req_release")
                .selected_text(
                    f.release
                        .and_then(|r| insights.release_name(r))
                        .unwrap_or("—"),
                )
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.release, None, "—");
                    for r in &insights.releases {
                        ui.selectable_value(&mut f.release, Some(r.id), &r.fields.name);
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            for (i, key) in ["req.created", "req.due"].into_iter().enumerate() {
                let label = ui.label(m.t(key));
                ui.add(
                    egui::TextEdit::singleline(&mut dates[i])
                        .hint_text("2027-01-31")
                        .desired_width(size::FIELD_DATE),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
}

/// The description in Markdown, edited or previewed.
fn description(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    f: &mut RequirementFields,
    preview: &mut bool,
) {
    let label = ui
        .horizontal(|ui| {
            let label = ui.label(RichText::new(m.t("req.description")).strong());
            ui.selectable_value(preview, false, m.t("req.edit"));
            ui.selectable_value(preview, true, m.t("req.preview"));
            label
        })
        .inner;
    if *preview {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            markdown(ui, &f.description);
        });
    } else {
        ui.add(
            egui::TextEdit::multiline(&mut f.description)
                .desired_rows(5)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    }
}

/// Acceptance criteria as a checklist, with a field to add one.
fn acceptance(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    f: &mut RequirementFields,
    new_criterion: &mut String,
) {
    let (done, total) = f.accepted();
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "req.acceptance",
            &[("done", &done.to_string()), ("total", &total.to_string())],
        ))
        .strong(),
    );
    let mut remove = None;
    for (i, c) in f.acceptance.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let done = ui.checkbox(&mut c.done, format!("{}", i + 1));
            ui.add(egui::TextEdit::singleline(&mut c.text).desired_width(size::FIELD_L))
                .labelled_by(done.id);
            if ui.small_button("×").clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        f.acceptance.remove(i);
    }
    ui.horizontal(|ui| {
        let label = ui.label(m.t("req.new_criterion"));
        let field = ui
            .add(egui::TextEdit::singleline(new_criterion).desired_width(size::FIELD_M))
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("+").clicked() || enter) && !new_criterion.trim().is_empty() {
            f.acceptance.push(Criterion {
                done: false,
                text: new_criterion.trim().to_owned(),
            });
            new_criterion.clear();
        }
    });
}

/// MoSCoW, Kano and the numbers behind RICE, WSJF and value, as typed.
fn scores(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    f: &mut RequirementFields,
    numbers: &mut [String; 9],
) {
    ui.add_space(size::GAP);
    ui.label(RichText::new(m.t("req.scores")).strong());
    egui::Grid::new("req_scores")
        .num_columns(4)
        .spacing([size::GAP_M, size::GAP_S])
        .show(ui, |ui| {
            let label = ui.label("MoSCoW");
            egui::ComboBox::from_id_salt("req_moscow")
                .selected_text(f.scores.moscow.map_or_else(
                    || "—".to_owned(),
                    |x| m.t(&format!("req.moscow.{}", x.code())),
                ))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.scores.moscow, None, "—");
                    for x in Moscow::ALL {
                        ui.selectable_value(
                            &mut f.scores.moscow,
                            Some(x),
                            m.t(&format!("req.moscow.{}", x.code())),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Kano");
            egui::ComboBox::from_id_salt("req_kano")
                .selected_text(f.scores.kano.map_or_else(
                    || "—".to_owned(),
                    |x| m.t(&format!("req.kano.{}", x.code())),
                ))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.scores.kano, None, "—");
                    for x in Kano::ALL {
                        ui.selectable_value(
                            &mut f.scores.kano,
                            Some(x),
                            m.t(&format!("req.kano.{}", x.code())),
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            for pair in (0..NUMBER_KEYS.len()).collect::<Vec<_>>().chunks(2) {
                for &i in pair {
                    let label = ui.label(m.t(NUMBER_KEYS[i]));
                    ui.add(
                        egui::TextEdit::singleline(&mut numbers[i])
                            .desired_width(size::FIELD_NUMBER),
                    )
                    .labelled_by(label.id);
                }
                ui.end_row();
            }
        });
}

/// The workspace's custom fields of the requirement being edited.
pub(super) fn custom_fields(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    f: &mut RequirementFields,
) {
    use crate::model::pool_settings::CustomKind;
    if insights.settings.fields.is_empty() {
        return;
    }
    ui.add_space(size::GAP);
    ui.label(RichText::new(m.t("req.custom")).strong());
    egui::Grid::new("req_custom")
        .num_columns(2)
        .spacing([size::GAP_M, size::GAP_S])
        .show(ui, |ui| {
            for field in &insights.settings.fields {
                let label = ui.label(&field.name);
                let value = f.custom.entry(field.id.clone()).or_default();
                match field.kind {
                    CustomKind::Single if !field.options.is_empty() => {
                        egui::ComboBox::from_id_salt(("custom", &field.id))
                            .selected_text(if value.is_empty() {
                                "—"
                            } else {
                                value.as_str()
                            })
                            .show_ui(ui, |ui| {
                                ui.selectable_value(value, String::new(), "—");
                                for o in &field.options {
                                    ui.selectable_value(value, o.clone(), o);
                                }
                            })
                            .response
                            .labelled_by(label.id);
                    }
                    CustomKind::Multi if !field.options.is_empty() => {
                        let mut picked: Vec<String> = value
                            .split(';')
                            .map(|x| x.trim().to_owned())
                            .filter(|x| !x.is_empty())
                            .collect();
                        ui.horizontal_wrapped(|ui| {
                            for o in &field.options {
                                let mut on = picked.contains(o);
                                if ui.checkbox(&mut on, o).changed() {
                                    if on {
                                        picked.push(o.clone());
                                    } else {
                                        picked.retain(|x| x != o);
                                    }
                                }
                            }
                        });
                        // Kept in the options' order.
                        *value = field
                            .options
                            .iter()
                            .filter(|o| picked.contains(o))
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("; ");
                    }
                    kind => {
                        let hint = match kind {
                            CustomKind::Number => "0",
                            CustomKind::Date => "2027-01-31",
                            _ => "",
                        };
                        ui.add(
                            egui::TextEdit::singleline(value)
                                .hint_text(hint)
                                .desired_width(size::FIELD_S),
                        )
                        .labelled_by(label.id);
                    }
                }
                ui.end_row();
            }
        });
}

pub(super) trait IfEmpty {
    fn if_empty(self, other: &str) -> String;
}

impl IfEmpty for String {
    fn if_empty(self, other: &str) -> String {
        if self.is_empty() {
            other.to_owned()
        } else {
            self
        }
    }
}

/// A small Markdown preview: headings, bullet and numbered lists, bold, paragraphs.
pub(super) fn markdown(ui: &mut egui::Ui, text: &str) {
    for line in text.lines() {
        let t = line.trim_end();
        if let Some(h) = t.strip_prefix("### ") {
            ui.label(RichText::new(h).strong());
        } else if let Some(h) = t.strip_prefix("## ") {
            ui.label(RichText::new(h).strong().size(16.0));
        } else if let Some(h) = t.strip_prefix("# ") {
            ui.label(RichText::new(h).strong().size(18.0));
        } else if let Some(item) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            ui.label(format!("  · {}", item.replace("**", "")));
        } else if t.is_empty() {
            ui.add_space(size::GAP_S);
        } else if t.contains("**") {
            let mut job = egui::text::LayoutJob::default();
            for (i, part) in t.split("**").enumerate() {
                let mut format = egui::TextFormat {
                    color: ui.visuals().text_color(),
                    ..egui::TextFormat::default()
                };
                if i % 2 == 1 {
                    format.color = ui.visuals().strong_text_color();
                }
                job.append(part, 0.0, format);
            }
            ui.label(job);
        } else {
            ui.label(t);
        }
    }
}
