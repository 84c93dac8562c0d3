//! The column-mapping step of a risk-register import: what each column holds (a field
//! of the register, one impact for every dimension, or nothing), suggested from the
//! headers, with the first rows shown.

use std::path::PathBuf;

use egui::RichText;

use super::NamedCombo;
use crate::context::action::Action;
use crate::io::risks::{COLUMNS, OVERALL_IMPACT, suggested};
use crate::io::task_table::TablePreview;
use crate::ui::theme::{self, size};
use crate::ui::{FrameModel, ViewCx};

/// The file being mapped and the choice for each of its columns.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskMappingDialog {
    pub path: PathBuf,
    pub preview: TablePreview,
    pub choice: Vec<Option<&'static str>>,
}

impl RiskMappingDialog {
    pub fn new(path: PathBuf, preview: TablePreview) -> Self {
        let headers = preview.rows.first().cloned().unwrap_or_default();
        let mut choice = suggested(&headers);
        choice.resize(preview.columns, None);
        RiskMappingDialog {
            path,
            preview,
            choice,
        }
    }

    /// Whether the mapping names a title, a probability and an impact.
    pub fn is_complete(&self) -> bool {
        let has = |k: &str| self.choice.contains(&Some(k));
        has("title")
            && has("probability")
            && self
                .choice
                .iter()
                .flatten()
                .any(|k| *k == OVERALL_IMPACT || k.starts_with("impact_"))
    }
}

fn field_name(m: &FrameModel<'_>, key: &str) -> String {
    m.t(&format!("risk.column.{key}"))
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    dialog: &mut Option<RiskMappingDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut open = true;
    let mut close = false;
    let writable = m.view.is_some_and(|v| !v.read_only);
    egui::Window::new(m.t("riskmap.title"))
        .id(egui::Id::unique("risk_mapping"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(size::DIALOG_WIDTH)
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            let file = d.path.file_name().map_or_else(
                || d.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(crate::i18n::tr_with(
                m.lang,
                "riskmap.intro",
                &[
                    ("file", &file),
                    ("rows", &d.preview.total_rows.saturating_sub(1).to_string()),
                ],
            ));
            let headers = d.preview.rows.first().cloned().unwrap_or_default();
            let targets: Vec<&'static str> =
                COLUMNS.iter().copied().chain([OVERALL_IMPACT]).collect();
            egui::ScrollArea::vertical()
                .max_height(size::HEIGHT_L)
                .show(ui, |ui| {
                    egui::Grid::new("riskmap_grid")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            for (i, slot) in d.choice.iter_mut().enumerate() {
                                let header = headers
                                    .get(i)
                                    .cloned()
                                    .filter(|h| !h.trim().is_empty())
                                    .unwrap_or_else(|| format!("#{}", i + 1));
                                ui.label(&header);
                                egui::ComboBox::from_id_salt(("riskmap", i))
                                    .selected_text(slot.map_or_else(
                                        || m.t("mapping.ignore"),
                                        |k| field_name(m, k),
                                    ))
                                    .height(size::HEIGHT_XL)
                                    .show_named(ui, &header, |ui| {
                                        ui.selectable_value(slot, None, m.t("mapping.ignore"));
                                        for t in &targets {
                                            ui.selectable_value(slot, Some(*t), field_name(m, t));
                                        }
                                    });
                                let sample: Vec<String> = d
                                    .preview
                                    .rows
                                    .iter()
                                    .skip(1)
                                    .take(3)
                                    .filter_map(|r| r.get(i))
                                    .map(|c| c.chars().take(20).collect())
                                    .collect();
                                ui.label(
                                    RichText::new(sample.join(" / "))
                                        .small()
                                        .color(palette.muted_text),
                                );
                                ui.end_row();
                            }
                        });
                });
            let complete = d.is_complete();
            if !complete {
                ui.label(RichText::new(m.t("riskmap.need_columns")).color(palette.danger));
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        complete && writable,
                        egui::Button::new(m.t("riskmap.import")),
                    )
                    .clicked()
                {
                    actions.push(Action::ImportMappedRisks {
                        path: d.path.clone(),
                        map: d.choice.clone(),
                    });
                    close = true;
                }
                if ui.button(m.t("dialog.cancel")).clicked() {
                    close = true;
                }
            });
        });
    if close || !open {
        *dialog = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_headers_are_chosen_and_a_mapping_needs_title_probability_and_impact() {
        let preview = TablePreview {
            rows: vec![
                vec!["事项".into(), "发生概率".into(), "严重度".into()],
                vec!["服务器到货延迟".into(), "高".into(), "4".into()],
            ],
            columns: 3,
            total_rows: 2,
            suggested: Default::default(),
        };
        let mut d = RiskMappingDialog::new(PathBuf::from("r.csv"), preview);
        assert_eq!(d.choice, vec![None, Some("probability"), None]);
        assert!(!d.is_complete());
        d.choice[0] = Some("title");
        d.choice[2] = Some(OVERALL_IMPACT);
        assert!(d.is_complete());
    }
}
