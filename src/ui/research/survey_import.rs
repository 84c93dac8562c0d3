//! The survey import wizard: what the file was read as (tool, encoding, header rows),
//! every question with its inferred kind and a few answers; the user can pick another
//! encoding (the preview is read again), rename the survey and correct kinds before the
//! whole file comes in (in the background).

use crate::ui::ViewCx;
use crate::ui::theme::size;
use std::path::PathBuf;

use egui::RichText;

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::io::survey::preview::SurveyPreview;
use crate::model::survey::QuestionKind;
use crate::ui::{FrameModel, theme};

/// Encodings offered besides detection: (label for the importer, name shown).
const ENCODINGS: [(&str, &str); 6] = [
    ("utf-8", "UTF-8"),
    ("gbk", "GBK"),
    ("gb18030", "GB18030"),
    ("big5", "Big5"),
    ("utf-16le", "UTF-16LE"),
    ("utf-16be", "UTF-16BE"),
];

/// The wizard's state: the file, its preview and the user's choices.
#[derive(Clone, Debug, PartialEq)]
pub struct SurveyImportDialog {
    pub path: PathBuf,
    /// The encoding the user named (`None`: detect).
    pub encoding: Option<String>,
    pub preview: SurveyPreview,
    pub name: String,
    /// Per question of the preview: the kind to import it as.
    pub kinds: Vec<QuestionKind>,
    /// Per question: a few answers as the import reads them.
    pub examples: Vec<String>,
}

impl SurveyImportDialog {
    pub fn new(path: PathBuf, encoding: Option<String>, preview: SurveyPreview) -> Self {
        let s = &preview.survey;
        let examples = s
            .questions
            .iter()
            .zip(&s.answers)
            .map(|(q, a)| {
                (0..s.responses)
                    .map(|r| crate::report::survey_export::answer_text(q, a, r))
                    .filter(|t| !t.is_empty())
                    .take(3)
                    .map(|t| {
                        if q.kind == QuestionKind::Meta {
                            masked(&t)
                        } else {
                            t.chars().take(24).collect::<String>()
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .collect();
        SurveyImportDialog {
            path,
            encoding,
            name: s.name.clone(),
            kinds: s.questions.iter().map(|q| q.kind).collect(),
            examples,
            preview,
        }
    }

    /// The kinds the user changed, by question key.
    pub fn changed_kinds(&self) -> Vec<(String, QuestionKind)> {
        self.preview
            .survey
            .questions
            .iter()
            .zip(&self.kinds)
            .filter(|(q, k)| q.kind != **k)
            .map(|(q, k)| (q.key.clone(), *k))
            .collect()
    }
}

/// Metadata as shown: times and numbers as they are; names, emails and addresses
/// (IP) only by their first characters.
fn masked(text: &str) -> String {
    let t = text.trim();
    if crate::model::survey::answer_day(t).is_some() || t.parse::<f64>().is_ok() {
        return t.to_owned();
    }
    if t.chars().filter(|c| *c == '.').count() == 3 {
        // An IPv4 address: its first two parts.
        t.split('.').take(2).collect::<Vec<_>>().join(".") + ".x.x"
    } else {
        t.chars().take(1).collect::<String>() + "***"
    }
}

const KINDS: [QuestionKind; 9] = [
    QuestionKind::Nps,
    QuestionKind::Rating,
    QuestionKind::Single,
    QuestionKind::Multi,
    QuestionKind::Matrix,
    QuestionKind::Numeric,
    QuestionKind::Date,
    QuestionKind::Text,
    QuestionKind::Meta,
];

fn kind_name(m: &FrameModel<'_>, kind: QuestionKind) -> String {
    m.t(&format!("research.kind.{}", kind.code()))
}

/// Draws the wizard while it is open.
pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    dialog: &mut Option<SurveyImportDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    let mut close = false;
    let mut open = true;
    egui::Window::new(m.t("wizard.title"))
        .id(egui::Id::unique("survey_import_wizard"))
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(760.0)
        .default_height(560.0)
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            let file = d.path.file_name().map_or_else(
                || d.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let p = &d.preview;
            ui.label(tr_with(
                m.lang,
                if p.whole_file {
                    "wizard.intro_whole"
                } else {
                    "wizard.intro_head"
                },
                &[
                    ("file", &file),
                    ("tool", &m.t(&format!("research.tool.{}", p.survey.source))),
                    ("headers", &p.header_rows.to_string()),
                    ("responses", &p.survey.responses.to_string()),
                    ("mb", &format!("{:.1}", p.file_bytes as f64 / 1_048_576.0)),
                ],
            ));
            ui.horizontal(|ui| {
                let label = ui.label(m.t("wizard.name"));
                ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(size::FIELD_L))
                    .labelled_by(label.id);
            });
            if let Some(used) = p.encoding {
                ui.horizontal(|ui| {
                    let label = ui.label(m.t("wizard.encoding"));
                    let auto = if p.detected {
                        tr_with(m.lang, "wizard.detected", &[("name", used)])
                    } else {
                        m.t("wizard.detect")
                    };
                    let shown = match &d.encoding {
                        None => auto.clone(),
                        Some(e) => ENCODINGS
                            .iter()
                            .find(|x| x.0 == e)
                            .map_or_else(|| e.clone(), |x| x.1.to_owned()),
                    };
                    let mut chosen = d.encoding.clone();
                    egui::ComboBox::from_id_salt("wizard_encoding")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut chosen, None, auto);
                            for (label, name) in ENCODINGS {
                                ui.selectable_value(&mut chosen, Some(label.to_owned()), name);
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    if chosen != d.encoding {
                        actions.push(Action::PreviewSurvey {
                            path: d.path.clone(),
                            encoding: chosen,
                        });
                    }
                    ui.label(
                        RichText::new(m.t("wizard.encoding_tip"))
                            .small()
                            .color(palette.muted_text),
                    );
                });
            }
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(ui.available_height() - 40.0)
                .show(ui, |ui| {
                    egui::Grid::new("wizard_questions")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong(m.t("wizard.question"));
                            ui.strong(m.t("wizard.kind"));
                            ui.strong(m.t("wizard.examples"));
                            ui.end_row();
                            for (i, q) in p.survey.questions.iter().enumerate() {
                                let title: String = q.title.chars().take(40).collect();
                                let label = ui.label(format!("{} {title}", q.key));
                                if let Some(kind) = d.kinds.get_mut(i) {
                                    egui::ComboBox::from_id_salt(("wizard_kind", i))
                                        .selected_text(kind_name(m, *kind))
                                        .show_ui(ui, |ui| {
                                            for k in KINDS {
                                                ui.selectable_value(kind, k, kind_name(m, k));
                                            }
                                        })
                                        .response
                                        .labelled_by(label.id);
                                }
                                ui.label(
                                    RichText::new(d.examples.get(i).map_or("", String::as_str))
                                        .small()
                                        .color(palette.muted_text),
                                );
                                ui.end_row();
                            }
                        });
                });
            ui.separator();
            ui.horizontal(|ui| {
                if ui.button(m.t("wizard.import")).clicked() {
                    actions.push(Action::ImportSurvey {
                        path: d.path.clone(),
                        encoding: d.encoding.clone(),
                        name: d.name.trim().to_owned(),
                        kinds: d.changed_kinds(),
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
    #[test]
    fn metadata_is_masked_but_times_and_numbers_show() {
        assert_eq!(super::masked("192.168.10.4"), "192.168.x.x");
        assert_eq!(super::masked("Lisa R. Gore"), "L***");
        assert_eq!(super::masked("2026/11/1 10:00:00"), "2026/11/1 10:00:00");
        assert_eq!(super::masked("42"), "42");
    }
}
