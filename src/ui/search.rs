//! The search box in the top bar: finds projects by name and commands by name, in
//! both languages, and offers them in a list below the box.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use super::{FrameModel, command_enabled, shortcut_text, theme};
use crate::context::action::{Action, Page};
use crate::context::command::UiCommand;
use crate::i18n::{Language, tr};

/// The text typed and whether focus was asked for.
#[derive(Default)]
pub struct SearchState {
    pub query: String,
    pub focus_requested: bool,
    /// Where the results list hangs (below the field), set each frame.
    anchor: Option<egui::Pos2>,
    field_id: Option<egui::Id>,
}

/// What a query matched.
#[derive(Clone, Debug, PartialEq)]
pub enum SearchHit {
    Project(crate::model::ProjectId, String),
    Command(UiCommand),
}

/// Case-insensitive substring match of `query` against projects and command names in
/// either language.
pub fn search(m: &FrameModel<'_>, query: &str) -> Vec<SearchHit> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    if let Some(view) = m.view {
        for p in &view.projects {
            if p.fields.name.to_lowercase().contains(&q) {
                hits.push(SearchHit::Project(p.id, p.fields.name.clone()));
            }
        }
    }
    for cmd in UiCommand::all() {
        let matches = Language::ALL
            .iter()
            .any(|l| tr(*l, cmd.label_key()).to_lowercase().contains(&q));
        if matches && command_enabled(m, cmd) {
            hits.push(SearchHit::Command(cmd));
        }
    }
    hits
}

/// The text field itself, drawn in the top bar.
pub fn field(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, state: &mut SearchState) {
    let response = ui.add(
        egui::TextEdit::singleline(&mut state.query)
            .hint_text(m.t("top.search_hint"))
            .desired_width(theme::size::SEARCH_WIDTH),
    );
    super::accessible_name(ui, &response, &m.t("top.search_hint"));
    if state.focus_requested {
        response.request_focus();
        state.focus_requested = false;
    }
    state.anchor = Some(response.rect.left_bottom());
    state.field_id = Some(response.id);
    if response.lost_focus()
        && ui.input(|i| i.key_pressed(egui::Key::Enter))
        && let Some(hit) = search(m, &state.query).into_iter().next()
    {
        run(hit, actions);
        state.query.clear();
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) && response.has_focus() {
        state.query.clear();
    }
}

fn run(hit: SearchHit, actions: &mut Vec<Action>) {
    match hit {
        SearchHit::Project(id, _) => {
            actions.push(Action::SelectProject(Some(id)));
            actions.push(Action::Navigate(Page::Projects));
        }
        SearchHit::Command(cmd) => actions.push(Action::Run(cmd)),
    }
}

/// The results list under the field, while there is a query.
pub fn results(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    state: &mut SearchState,
) {
    let (Some(anchor), false) = (state.anchor, state.query.trim().is_empty()) else {
        return;
    };
    let hits = search(m, &state.query);
    let mut chosen = None;
    egui::Area::new(egui::Id::unique("search_results"))
        .order(egui::Order::Foreground)
        .fixed_pos(anchor + egui::vec2(0.0, size::GAP_S))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(theme::size::SEARCH_WIDTH);
                if hits.is_empty() {
                    ui.label(
                        RichText::new(m.t("search.no_results"))
                            .color(theme::palette(ui.visuals()).muted_text),
                    );
                }
                let mut heading = None;
                for hit in hits {
                    let this_heading = match &hit {
                        SearchHit::Project(..) => "search.projects",
                        SearchHit::Command(_) => "search.commands",
                    };
                    if heading != Some(this_heading) {
                        ui.label(RichText::new(m.t(this_heading)).small().strong());
                        heading = Some(this_heading);
                    }
                    let clicked = match &hit {
                        SearchHit::Project(_, name) => ui.selectable_label(false, name).clicked(),
                        SearchHit::Command(cmd) => ui
                            .add(
                                egui::Button::selectable(false, m.t(cmd.label_key()))
                                    .shortcut_text(shortcut_text(ctx, *cmd)),
                            )
                            .clicked(),
                    };
                    if clicked {
                        chosen = Some(hit);
                    }
                }
            });
        });
    if let Some(hit) = chosen {
        run(hit, actions);
        state.query.clear();
    }
}
