//! The Projects page: every project with its properties, and create / select /
//! edit / delete.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;
use egui_extras::{Column, TableBuilder};

use super::{calendar_name, page_title, theme};
use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::context::view_model::WorkspaceView;
use crate::model::Project;

pub fn show(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        page_title(ui, &m.t("projects.title"));
        ui.add_space(size::GAP_XL);
        if ui
            .add_enabled(
                !view.read_only,
                egui::Button::new(m.t(UiCommand::NewProject.label_key())),
            )
            .clicked()
        {
            actions.push(Action::Run(UiCommand::NewProject));
        }
    });
    if view.projects.is_empty() {
        ui.label(RichText::new(m.t("overview.no_projects")).color(palette.muted_text));
        return;
    }
    TableBuilder::new(ui)
        .striped(true)
        .resizable(true)
        .column(Column::remainder().at_least(size::COL_L).clip(true))
        .column(Column::initial(size::COL_M).at_least(size::COL_M))
        .column(
            Column::initial(size::COL_TEXT)
                .at_least(size::COL_M)
                .clip(true),
        )
        .column(
            Column::initial(size::COL_L)
                .at_least(size::COL_M)
                .clip(true),
        )
        .column(Column::exact(theme::size::ROW_ACTIONS_WIDTH))
        .header(theme::size::ROW_HEIGHT, |mut header| {
            for key in [
                "projects.col.name",
                "projects.col.start",
                "projects.col.calendar",
                "projects.col.created",
                "projects.col.actions",
            ] {
                header.col(|ui| {
                    ui.strong(m.t(key));
                });
            }
        })
        .body(|body| {
            body.rows(
                theme::size::ROW_HEIGHT + 4.0,
                view.projects.len(),
                |mut row| {
                    let Some(project) = view.projects.get(row.index()) else {
                        return;
                    };
                    let is_current = m.current_project == Some(project.id);
                    row.set_selected(is_current);
                    row.col(|ui| {
                        let mut name = RichText::new(&project.fields.name);
                        if is_current {
                            name = name.strong();
                        }
                        ui.add(egui::Label::new(name).truncate())
                            .on_hover_text(&project.fields.description);
                    });
                    row.col(|ui| {
                        ui.label(project.fields.start_date.to_string());
                    });
                    row.col(|ui| {
                        let name = view
                            .calendar(project.fields.calendar)
                            .map(|c| calendar_name(m.lang, c))
                            .unwrap_or_default();
                        ui.add(egui::Label::new(name).truncate());
                    });
                    row.col(|ui| {
                        let created = RichText::new(super::short_time(&project.created_at))
                            .color(palette.muted_text);
                        ui.add(egui::Label::new(created).truncate());
                    });
                    row.col(|ui| {
                        ui.horizontal(|ui| {
                            row_actions(ui, ViewCx::new(m, actions), view, project, is_current)
                        });
                    });
                },
            );
        });
}

/// Select / Properties / Delete for one project row.
fn row_actions(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    project: &Project,
    is_current: bool,
) {
    let palette = theme::palette(ui.visuals());
    if is_current {
        // The row is highlighted already; a disabled button keeps the columns aligned.
        ui.add_enabled(false, egui::Button::new(m.t("projects.current")));
    } else if ui.button(m.t("projects.open")).clicked() {
        actions.push(Action::SelectProject(Some(project.id)));
    }
    if ui.button(m.t("projects.properties")).clicked() {
        actions.push(Action::EditProject(Some(project.id)));
    }
    let delete = egui::Button::new(RichText::new(m.t("projects.delete")).color(palette.danger));
    if ui.add_enabled(!view.read_only, delete).clicked() {
        actions.push(Action::ConfirmDelete(project.id));
    }
}
