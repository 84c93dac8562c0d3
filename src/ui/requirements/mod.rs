//! The requirements page (需求): the pool as a virtualised table — tree or sorted by any
//! column (click a header), filtered by text and status — and the selected
//! requirement's editor beside it (every field, acceptance criteria, MoSCoW / RICE /
//! WSJF / Kano / value scores, Markdown description with a preview) with the feedback
//! behind it.

mod cells;
mod draft;
mod editor;
mod links;
pub mod mapping;
pub mod ranking;
pub mod releases;
pub mod rows;
pub mod settings_dialog;
mod table;
mod toolbar;
pub mod trace_matrix;
pub mod views;

use crate::ui::ViewCx;
use crate::ui::theme::size;
use cells::InlineCell;
pub use draft::RequirementDraft;
use editor::editor;
use egui::RichText;
use links::{feedback_behind, linked_tasks};
use toolbar::{bulk_bar, toolbar};

use crate::context::view_model::WorkspaceView;
use crate::model::requirement::RequirementId;
use crate::report::insights::{InsightsView, RequirementFilter, RequirementSort};
use crate::ui::research::feedback_dialog::FeedbackDialog;
use crate::ui::{FrameModel, page_title, theme};

/// What the page keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequirementsState {
    pub selected: Option<RequirementId>,
    pub sort: RequirementSort,
    pub descending: bool,
    pub filter: RequirementFilter,
    pub new_title: String,
    pub draft: RequirementDraft,
    /// Rows grouped by this field, if any.
    pub group: Option<GroupBy>,
    /// The detail panel is closed (the table takes the whole width).
    pub details_hidden: bool,
    /// Requirements whose children the tree hides.
    pub collapsed: std::collections::BTreeSet<RequirementId>,
    /// The text cell being edited in place, if any.
    inline: Option<InlineCell>,
    /// More rows selected with Ctrl/Shift-click, for editing together.
    pub also_selected: Vec<RequirementId>,
    /// The releases dialog, while open.
    pub releases: Option<crate::ui::requirements::releases::ReleasesDialog>,
    /// The workflow and fields dialog, while open.
    pub settings_dialog: Option<crate::ui::requirements::settings_dialog::PoolSettingsDialog>,
    /// List, matrix, board … and what those views keep.
    pub pool_view: crate::ui::requirements::views::PoolView,
    pub views: crate::ui::requirements::views::PoolViewsState,
    /// The table's rows for (revision, sort, descending, filter).
    order: Option<(u64, RequirementSort, bool, RequirementFilter, Vec<usize>)>,
}

impl RequirementsState {
    fn rows(&mut self, revision: u64, insights: &InsightsView) -> &[usize] {
        let fresh = self.order.as_ref().is_some_and(|(r, s, d, f, _)| {
            *r == revision && *s == self.sort && *d == self.descending && *f == self.filter
        });
        if !fresh {
            let rows = insights.order(self.sort, self.descending, &self.filter);
            self.order = Some((
                revision,
                self.sort,
                self.descending,
                self.filter.clone(),
                rows,
            ));
        }
        self.order.as_ref().map_or(&[], |o| o.4.as_slice())
    }
}

pub fn status_name(m: &FrameModel<'_>, code: &str) -> String {
    // The workspace's own name for it first.
    if let Some(name) = m.view.and_then(|v| {
        v.insights
            .settings
            .statuses
            .iter()
            .find(|s| s.code == code && !s.name.is_empty())
            .map(|s| s.name.clone())
    }) {
        return name;
    }
    let key = format!("req.status.{code}");
    if crate::i18n::has_key(m.lang, &key) {
        m.t(&key)
    } else {
        code.to_owned()
    }
}

/// What the table can be grouped by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupBy {
    Status,
    Priority,
    Owner,
    Release,
    Kind,
}

impl GroupBy {
    const ALL: [GroupBy; 5] = [
        GroupBy::Status,
        GroupBy::Priority,
        GroupBy::Owner,
        GroupBy::Release,
        GroupBy::Kind,
    ];

    fn label_key(self) -> &'static str {
        match self {
            GroupBy::Status => "req.group.status",
            GroupBy::Priority => "req.group.priority",
            GroupBy::Owner => "req.group.owner",
            GroupBy::Release => "req.group.release",
            GroupBy::Kind => "req.group.kind",
        }
    }
}

/// The group a row falls in.
fn group_key(m: &FrameModel<'_>, insights: &InsightsView, by: GroupBy, i: usize) -> String {
    let f = &insights.requirements[i].requirement.fields;
    let none = || m.t("req.group_none");
    match by {
        GroupBy::Status => status_name(m, &f.status),
        GroupBy::Priority => f.priority.map_or_else(none, |p| format!("P{p}")),
        GroupBy::Owner => Some(f.owner.clone())
            .filter(|o| !o.is_empty())
            .unwrap_or_else(none),
        GroupBy::Release => f
            .release
            .and_then(|r| insights.release_name(r))
            .map_or_else(none, str::to_owned),
        GroupBy::Kind => code_name(m, "kind", &f.kind),
    }
}

/// The workflow's status codes, in order.
pub fn statuses(view: &WorkspaceView) -> Vec<&str> {
    view.insights
        .settings
        .statuses
        .iter()
        .map(|s| s.code.as_str())
        .collect()
}

fn code_name(m: &FrameModel<'_>, group: &str, code: &str) -> String {
    let key = format!("req.{group}.{code}");
    if code.is_empty() {
        "—".to_owned()
    } else if crate::i18n::has_key(m.lang, &key) {
        m.t(&key)
    } else {
        code.to_owned()
    }
}

fn score_text(x: Option<f64>) -> String {
    x.map(|v| {
        if v >= 100.0 {
            format!("{v:.0}")
        } else {
            format!("{v:.1}")
        }
    })
    .unwrap_or_default()
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    dialog: &mut Option<FeedbackDialog>,
) {
    page_title(ui, &m.t("requirements.title"));
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    {
        use crate::ui::requirements::views::{self as views, PoolView};
        ui.horizontal(|ui| {
            for v in PoolView::ALL {
                ui.selectable_value(&mut state.pool_view, v, m.t(v.label_key()));
            }
        });
        ui.separator();
        match state.pool_view {
            PoolView::List => {}
            PoolView::Ranking => {
                if let Some(id) = crate::ui::requirements::ranking::show(
                    ui,
                    ViewCx::new(m, actions),
                    view,
                    &mut state.views.ranking,
                ) {
                    state.pool_view = PoolView::List;
                    state.also_selected.clear();
                    select(state, insights, Some(id));
                }
                return;
            }
            PoolView::Trace => {
                return views::trace(ui, ViewCx::new(m, actions), view, &mut state.views);
            }
            PoolView::Board => return views::board(ui, ViewCx::new(m, actions), view),
            PoolView::ValueEffort => {
                return views::value_effort(ui, ViewCx::new(m, actions), view, &mut state.views);
            }
            PoolView::Kano => return views::kano(ui, m, view),
            PoolView::Segments => return views::segments(ui, m, view, &mut state.views),
        }
    }
    // A requirement that is gone (deleted, undone) leaves the editor.
    if state
        .selected
        .is_some_and(|id| insights.requirement(id).is_none())
    {
        state.selected = None;
        state.draft = RequirementDraft::default();
    }
    toolbar(ui, ViewCx::new(m, actions), view, state);
    ui.label(
        RichText::new(m.t("requirements.demand_help"))
            .small()
            .color(palette.muted_text),
    );
    bulk_bar(ui, ViewCx::new(m, actions), view, state);
    state
        .also_selected
        .retain(|id| insights.requirement(*id).is_some());
    // The detail panel stays while nothing is selected, so selecting a row never moves
    // the table's columns under the pointer (a double-click would land on another cell).
    if !state.details_hidden {
        egui::Panel::right("requirement_editor")
            .resizable(true)
            .default_size(size::DETAIL_PANEL)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("requirement_editor_scroll")
                    .show(ui, |ui| {
                        if state.selected.is_none() {
                            ui.add_space(size::GAP_M);
                            for key in ["req.details_empty", "req.details_hint"] {
                                ui.label(RichText::new(m.t(key)).color(palette.muted_text));
                            }
                            return;
                        }
                        editor(ui, ViewCx::new(m, actions), view, state);
                        linked_tasks(ui, ViewCx::new(m, actions), view, state);
                        feedback_behind(ui, m, view, state, dialog);
                    });
            });
    }
    table::table(ui, ViewCx::new(m, actions), view, state);
}

/// Clears one of the filters.
type ClearFilter = fn(&mut RequirementFilter);

fn select(state: &mut RequirementsState, insights: &InsightsView, id: Option<RequirementId>) {
    state.selected = id;
    state.draft = match id.and_then(|id| insights.requirement(id)) {
        Some(r) => RequirementDraft::of(r.requirement.id, &r.requirement.fields),
        None => RequirementDraft::default(),
    };
}
