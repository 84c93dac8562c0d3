//! The releases dialog (版本): name, version, target date and status of each release,
//! a new one, and delete (its requirements are left without a release). Each change is
//! one undoable edit.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use crate::context::action::Action;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::requirement::{RELEASE_STATUSES, Release, ReleaseFields, ReleaseId};
use crate::ui::{FrameModel, theme};

/// One release's fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReleaseRow {
    pub id: Option<ReleaseId>,
    pub name: String,
    pub version: String,
    pub target: String,
    pub status: String,
}

impl ReleaseRow {
    fn of(r: &Release) -> ReleaseRow {
        ReleaseRow {
            id: Some(r.id),
            name: r.fields.name.clone(),
            version: r.fields.version.clone(),
            target: r.fields.target.map(|d| d.to_string()).unwrap_or_default(),
            status: r.fields.status.clone(),
        }
    }

    fn fields(&self, m: &FrameModel<'_>) -> Result<ReleaseFields, String> {
        let target = match self.target.trim() {
            "" => None,
            t => Some(
                crate::model::survey::answer_day(t)
                    .ok_or_else(|| tr_with(m.lang, "dialog.bad_date", &[("text", t)]))?,
            ),
        };
        Ok(ReleaseFields {
            name: self.name.clone(),
            version: self.version.clone(),
            target,
            status: if self.status.is_empty() {
                RELEASE_STATUSES[0].into()
            } else {
                self.status.clone()
            },
        })
    }
}

/// The dialog's rows: the releases as they were when it opened (re-read after each
/// edit) and a blank one for a new release.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReleasesDialog {
    pub rows: Vec<ReleaseRow>,
    pub new: ReleaseRow,
    pub revision: u64,
    pub error: Option<String>,
}

fn status_name(m: &FrameModel<'_>, code: &str) -> String {
    m.t(&format!("release.status.{code}"))
}

pub fn show(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    releases: &[Release],
    revision: u64,
    read_only: bool,
    dialog: &mut Option<ReleasesDialog>,
) {
    let Some(d) = dialog else {
        return;
    };
    if d.revision != revision {
        d.rows = releases.iter().map(ReleaseRow::of).collect();
        d.revision = revision;
    }
    let mut open = true;
    egui::Window::new(m.t("release.title"))
        .id(egui::Id::unique("releases_dialog"))
        .open(&mut open)
        .collapsible(false)
        .default_width(620.0)
        .show(ctx, |ui| {
            let palette = theme::palette(ui.visuals());
            egui::Grid::new("releases_grid")
                .num_columns(6)
                .spacing([size::GAP_M, size::GAP])
                .show(ui, |ui| {
                    let heads: Vec<egui::Id> = [
                        "release.name",
                        "release.version",
                        "release.target",
                        "release.status",
                    ]
                    .iter()
                    .map(|k| ui.strong(m.t(k)).id)
                    .collect();
                    ui.label("");
                    ui.label("");
                    ui.end_row();
                    let rows = d.rows.len();
                    for i in 0..=rows {
                        let row = if i < rows { &mut d.rows[i] } else { &mut d.new };
                        ui.add(
                            egui::TextEdit::singleline(&mut row.name)
                                .desired_width(size::FIELD_S)
                                .hint_text(if i == rows {
                                    m.t("release.new_hint")
                                } else {
                                    String::new()
                                }),
                        )
                        .labelled_by(heads[0]);
                        ui.add(
                            egui::TextEdit::singleline(&mut row.version)
                                .desired_width(size::FIELD_SHORT),
                        )
                        .labelled_by(heads[1]);
                        ui.add(
                            egui::TextEdit::singleline(&mut row.target)
                                .desired_width(size::FIELD_SHORT),
                        )
                        .labelled_by(heads[2]);
                        egui::ComboBox::from_id_salt(("release_status", i))
                            .selected_text(status_name(
                                m,
                                if row.status.is_empty() {
                                    RELEASE_STATUSES[0]
                                } else {
                                    &row.status
                                },
                            ))
                            .show_ui(ui, |ui| {
                                for s in RELEASE_STATUSES {
                                    ui.selectable_value(
                                        &mut row.status,
                                        s.to_owned(),
                                        status_name(m, s),
                                    );
                                }
                            })
                            .response
                            .labelled_by(heads[3]);
                        let label = if i < rows {
                            "release.save"
                        } else {
                            "release.add"
                        };
                        if ui
                            .add_enabled(!read_only, egui::Button::new(m.t(label)))
                            .clicked()
                        {
                            match row.fields(m) {
                                Ok(fields) => {
                                    d.error = None;
                                    actions.push(Action::Apply(match row.id {
                                        Some(id) => Change::UpdateRelease { id, fields },
                                        None => Change::AddRelease(fields),
                                    }));
                                    if i == rows {
                                        d.new = ReleaseRow::default();
                                    }
                                }
                                Err(e) => d.error = Some(e),
                            }
                        }
                        if let Some(id) = d.rows.get(i).and_then(|r| r.id) {
                            if ui
                                .add_enabled(!read_only, egui::Button::new(m.t("release.delete")))
                                .clicked()
                            {
                                actions.push(Action::Apply(Change::DeleteRelease(id)));
                            }
                        } else {
                            ui.label("");
                        }
                        ui.end_row();
                    }
                });
            if let Some(e) = &d.error {
                ui.label(RichText::new(e).color(palette.danger));
            }
            ui.label(
                RichText::new(m.t("release.help"))
                    .small()
                    .color(palette.muted_text),
            );
        });
    if !open {
        *dialog = None;
    }
}
