//! The column-mapping step of a table import (a risk register, test cases, defects):
//! what each column holds (a field of the table, or nothing), suggested from the
//! headers, with the first rows shown.

use std::path::PathBuf;

use egui::RichText;

use crate::context::action::{Action, MappingTarget};
use crate::io::quality::QualityTable;
use crate::io::risks::{COLUMNS, OVERALL_IMPACT};
use crate::io::task_table::TablePreview;
use crate::ui::risks::NamedCombo;
use crate::ui::theme::{self, size};
use crate::ui::{FrameModel, ViewCx};

/// The file being mapped, what it is imported as and the choice for each column.
#[derive(Clone, Debug, PartialEq)]
pub struct TableMappingDialog {
    pub path: PathBuf,
    pub target: MappingTarget,
    pub preview: TablePreview,
    pub choice: Vec<Option<&'static str>>,
}

impl TableMappingDialog {
    pub fn new(path: PathBuf, target: MappingTarget, preview: TablePreview) -> Self {
        let headers = preview.rows.first().cloned().unwrap_or_default();
        let mut choice = match target {
            MappingTarget::Risks => crate::io::risks::suggested(&headers),
            MappingTarget::Cases => crate::io::quality::suggested(QualityTable::Cases, &headers),
            MappingTarget::Defects => {
                crate::io::quality::suggested(QualityTable::Defects, &headers)
            }
        };
        choice.resize(preview.columns, None);
        TableMappingDialog {
            path,
            target,
            preview,
            choice,
        }
    }

    /// Whether the mapping names what the table needs: a risk's title, probability
    /// and an impact; a case's or defect's title.
    pub fn is_complete(&self) -> bool {
        let has = |k: &str| self.choice.contains(&Some(k));
        match self.target {
            MappingTarget::Risks => {
                has("title")
                    && has("probability")
                    && self
                        .choice
                        .iter()
                        .flatten()
                        .any(|k| *k == OVERALL_IMPACT || k.starts_with("impact_"))
            }
            MappingTarget::Cases | MappingTarget::Defects => has("title"),
        }
    }

    /// The fields a column can be.
    fn fields(&self) -> Vec<&'static str> {
        match self.target {
            MappingTarget::Risks => COLUMNS.iter().copied().chain([OVERALL_IMPACT]).collect(),
            MappingTarget::Cases => QualityTable::Cases.fields(),
            MappingTarget::Defects => QualityTable::Defects.fields(),
        }
    }

    /// The i18n key prefix of its texts.
    fn texts(&self) -> &'static str {
        match self.target {
            MappingTarget::Risks => "riskmap",
            MappingTarget::Cases => "casemap",
            MappingTarget::Defects => "defectmap",
        }
    }
}

fn field_name(m: &FrameModel<'_>, target: MappingTarget, key: &str) -> String {
    match target {
        MappingTarget::Risks => m.t(&format!("risk.column.{key}")),
        MappingTarget::Cases | MappingTarget::Defects => m.t(&format!("quality.column.{key}")),
    }
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    dialog: &mut Option<TableMappingDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut open = true;
    let mut close = false;
    let writable = m.view.is_some_and(|v| !v.read_only);
    let texts = d.texts();
    let target = d.target;
    egui::Window::new(m.t(&format!("{texts}.title")))
        .id(egui::Id::unique("table_mapping"))
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
            let targets = d.fields();
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
                                        |k| field_name(m, target, k),
                                    ))
                                    .height(size::HEIGHT_XL)
                                    .show_named(ui, &header, |ui| {
                                        ui.selectable_value(slot, None, m.t("mapping.ignore"));
                                        for t in &targets {
                                            ui.selectable_value(
                                                slot,
                                                Some(*t),
                                                field_name(m, target, t),
                                            );
                                        }
                                    });
                                ui.label(
                                    RichText::new(d.preview.sample(i))
                                        .small()
                                        .color(palette.muted_text),
                                );
                                ui.end_row();
                            }
                        });
                });
            let complete = d.is_complete();
            if !complete {
                ui.label(
                    RichText::new(m.t(&format!("{texts}.need_columns"))).color(palette.danger),
                );
            }
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(
                        complete && writable,
                        egui::Button::new(m.t("riskmap.import")),
                    )
                    .clicked()
                {
                    actions.push(Action::ImportMappedTable {
                        path: d.path.clone(),
                        target,
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
    fn known_headers_are_chosen_and_a_risk_mapping_needs_title_probability_and_impact() {
        let preview = TablePreview {
            rows: vec![
                vec!["事项".into(), "发生概率".into(), "严重度".into()],
                vec!["服务器到货延迟".into(), "高".into(), "4".into()],
            ],
            columns: 3,
            total_rows: 2,
            suggested: Default::default(),
        };
        let mut d = TableMappingDialog::new(PathBuf::from("r.csv"), MappingTarget::Risks, preview);
        assert_eq!(d.choice, vec![None, Some("probability"), None]);
        assert!(!d.is_complete());
        d.choice[0] = Some("title");
        d.choice[2] = Some(OVERALL_IMPACT);
        assert!(d.is_complete());
    }

    #[test]
    fn a_case_table_in_other_words_is_mapped_from_its_headers_and_needs_a_title() {
        let preview = TablePreview {
            rows: vec![
                vec!["名称".into(), "步骤".into(), "预期".into()],
                vec!["登录".into(), "1. 打开".into(), "1. 显示".into()],
            ],
            columns: 3,
            total_rows: 2,
            suggested: Default::default(),
        };
        let mut d = TableMappingDialog::new(PathBuf::from("c.csv"), MappingTarget::Cases, preview);
        assert_eq!(d.choice, vec![None, Some("steps"), Some("expected")]);
        assert!(!d.is_complete());
        d.choice[0] = Some("title");
        assert!(d.is_complete());
    }
}
