//! What the PM adds to the weekly report before sending it: the narrative (摘要,
//! 需协调事项, 下期重点) and a status per dimension in place of the suggested one, with
//! the reason that amber and red need. Saved as the report's draft (an undoable edit)
//! when a field is left.

use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::report::{DIMENSIONS, Narrative, ReportDraft, ReportKey, StatusOverride};
use crate::report::publish::WeeklyBuild;
use crate::report::weekly::Dimension;
use crate::ui::ViewCx;
use crate::ui::theme::{self, size};

/// The fields as typed, for the report they were loaded from.
#[derive(Default)]
pub struct DraftEditor {
    loaded: Option<(ReportKey, ReportDraft)>,
    narrative: Narrative,
    /// Per dimension (in `DIMENSIONS` order): the status chosen (`None`: suggested) and
    /// the reason.
    overrides: [(Option<String>, String); 6],
}

impl DraftEditor {
    /// Takes the stored draft when the report changed, or the draft changed underneath
    /// (undo, another window).
    fn load(&mut self, key: &ReportKey, draft: &ReportDraft) {
        if self
            .loaded
            .as_ref()
            .is_some_and(|(k, d)| k == key && d == draft)
        {
            return;
        }
        self.narrative = draft.narrative.clone();
        self.overrides = Default::default();
        for o in &draft.overrides {
            if let Some(i) = DIMENSIONS.iter().position(|d| *d == o.dimension) {
                self.overrides[i] = (Some(o.rag.clone()), o.reason.clone());
            }
        }
        self.loaded = Some((key.clone(), draft.clone()));
    }

    /// The draft the fields make; `Err` names a dimension still needing its reason.
    fn draft(&self) -> Result<ReportDraft, usize> {
        let mut overrides = Vec::new();
        for (i, (rag, reason)) in self.overrides.iter().enumerate() {
            let Some(rag) = rag else { continue };
            if rag != "green" && reason.trim().is_empty() {
                return Err(i);
            }
            overrides.push(StatusOverride {
                dimension: DIMENSIONS[i].to_owned(),
                rag: rag.clone(),
                reason: reason.trim().to_owned(),
            });
        }
        Ok(ReportDraft {
            narrative: self.narrative.clone(),
            overrides,
        })
    }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    build: &WeeklyBuild,
    stored: &ReportDraft,
    editor: &mut DraftEditor,
    read_only: bool,
) {
    editor.load(&build.key, stored);
    let muted = theme::palette(ui.visuals()).muted_text;
    let mut left = false;
    ui.label(RichText::new(m.t("reports.narrative")).strong());
    for (key, text) in [
        ("weekly.section.summary", &mut editor.narrative.summary),
        (
            "weekly.section.help_needed",
            &mut editor.narrative.help_needed,
        ),
        (
            "weekly.section.next_focus",
            &mut editor.narrative.next_focus,
        ),
    ] {
        let label = ui.label(m.t(key));
        let response = ui
            .add_enabled(
                !read_only,
                egui::TextEdit::multiline(text)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        left |= response.lost_focus();
    }
    ui.add_space(size::GAP_XL);
    ui.label(RichText::new(m.t("reports.status")).strong());
    let suggested = &build.report.suggested;
    let mut missing = None;
    egui::Grid::new("report-overrides")
        .num_columns(2)
        .spacing(egui::vec2(size::GAP_M, size::GAP_S))
        .show(ui, |ui| {
            for (i, code) in DIMENSIONS.iter().enumerate() {
                let Some(d) = Dimension::from_code(code) else {
                    continue;
                };
                let label = ui.label(crate::report::weekly::dimension_name(m.lang, d));
                let (rag, reason) = &mut editor.overrides[i];
                let auto = format!(
                    "{} {}",
                    m.t("reports.suggested"),
                    crate::report::weekly::mark(m.lang, suggested.get(d))
                );
                let shown = match rag {
                    Some(r) => m.t(&format!("weekly.rag.{r}")),
                    None => auto.clone(),
                };
                ui.add_enabled_ui(!read_only, |ui| {
                    let combo = egui::ComboBox::from_id_salt(("override", i))
                        .width(size::FIELD_S)
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            left |= ui.selectable_value(rag, None, auto).changed();
                            for r in ["green", "amber", "red"] {
                                left |= ui
                                    .selectable_value(
                                        rag,
                                        Some(r.to_owned()),
                                        m.t(&format!("weekly.rag.{r}")),
                                    )
                                    .changed();
                            }
                        });
                    combo.response.labelled_by(label.id);
                });
                ui.end_row();
                if rag.is_some() {
                    ui.label("");
                    let response = ui
                        .add_enabled(
                            !read_only,
                            egui::TextEdit::singleline(reason)
                                .hint_text(m.t("reports.reason"))
                                .desired_width(size::FIELD_S),
                        )
                        .labelled_by(label.id);
                    left |= response.lost_focus();
                    if rag.as_deref() != Some("green") && reason.trim().is_empty() {
                        missing = Some(i);
                    }
                    ui.end_row();
                }
            }
        });
    if missing.is_some() {
        ui.label(
            RichText::new(m.t("reports.reason_needed")).color(theme::palette(ui.visuals()).warning),
        );
    }
    ui.label(
        RichText::new(m.t("reports.saved_when_left"))
            .color(muted)
            .size(size::TEXT_S),
    );
    if left
        && !read_only
        && let Ok(draft) = editor.draft()
        && draft != *stored
    {
        actions.push(Action::Apply(Change::SetReportDraft {
            key: build.key.clone(),
            draft,
        }));
    }
}
