//! The requirements page (需求): the pool as a virtualised table — tree or sorted by any
//! column (click a header), filtered by text and status — and the selected
//! requirement's editor beside it (every field, acceptance criteria, MoSCoW / RICE /
//! WSJF / Kano / value scores, Markdown description with a preview) with the feedback
//! behind it.

pub mod mapping;
pub mod ranking;
pub mod releases;
pub mod rows;
pub mod settings_dialog;
mod table;
pub mod trace_matrix;
pub mod views;

use egui::RichText;

use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::model::Change;
use crate::model::requirement::{
    Criterion, KINDS, Kano, Moscow, RequirementFields, RequirementId, SOURCES,
};
use crate::report::insights::{InsightsView, RequirementFilter, RequirementSort};
use crate::ui::research::feedback_dialog::{FeedbackDialog, importance_name};
use crate::ui::{FrameModel, page_title, theme};

/// The selected requirement's fields as typed (numbers as text until applied).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RequirementDraft {
    pub id: Option<RequirementId>,
    pub fields: Option<RequirementFields>,
    pub tags: String,
    /// Reach, impact, confidence, effort, business value, time criticality, risk
    /// reduction, job size, value — as typed.
    pub numbers: [String; 9],
    /// Created and due, as typed.
    pub dates: [String; 2],
    pub new_criterion: String,
    pub preview: bool,
    pub error: Option<String>,
}

const NUMBER_KEYS: [&str; 9] = [
    "req.reach",
    "req.impact",
    "req.confidence",
    "req.effort",
    "req.business_value",
    "req.time_criticality",
    "req.risk_reduction",
    "req.job_size",
    "req.value",
];

fn number_text(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

impl RequirementDraft {
    fn of(id: RequirementId, f: &RequirementFields) -> RequirementDraft {
        let s = &f.scores;
        RequirementDraft {
            id: Some(id),
            fields: Some(f.clone()),
            tags: f.tags.join(", "),
            numbers: [
                s.reach,
                s.impact,
                s.confidence,
                s.effort,
                s.business_value,
                s.time_criticality,
                s.risk_reduction,
                s.job_size,
                s.value,
            ]
            .map(number_text),
            dates: [f.created, f.due].map(|d| d.map(|d| d.to_string()).unwrap_or_default()),
            ..RequirementDraft::default()
        }
    }

    /// The fields with the typed numbers and tags, or the first number that does not
    /// read.
    fn applied(&self, m: &FrameModel<'_>) -> Result<RequirementFields, String> {
        let mut f = self.fields.clone().ok_or_default()?;
        let mut parsed = [None; 9];
        for (i, text) in self.numbers.iter().enumerate() {
            let t = text.trim();
            if !t.is_empty() {
                parsed[i] = Some(t.parse::<f64>().map_err(|_| {
                    tr_with(
                        m.lang,
                        "req.bad_number",
                        &[("field", &m.t(NUMBER_KEYS[i])), ("text", t)],
                    )
                })?);
            }
        }
        let s = &mut f.scores;
        [
            s.reach,
            s.impact,
            s.confidence,
            s.effort,
            s.business_value,
            s.time_criticality,
            s.risk_reduction,
            s.job_size,
            s.value,
        ] = parsed;
        f.tags = crate::model::research::parse_tags(&self.tags);
        let mut days = [None; 2];
        for (i, (text, key)) in self
            .dates
            .iter()
            .zip(["req.created", "req.due"])
            .enumerate()
        {
            let t = text.trim();
            if !t.is_empty() {
                days[i] = Some(crate::model::day::parse_day(t).ok_or_else(|| {
                    tr_with(m.lang, "req.bad_date", &[("field", &m.t(key)), ("text", t)])
                })?);
            }
        }
        [f.created, f.due] = days;
        Ok(f)
    }
}

trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, String>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, String> {
        self.ok_or_else(String::new)
    }
}

/// A text cell of the table being edited in place (as in a spreadsheet: double-click
/// or F2, Enter or leaving the cell applies, Esc cancels).
#[derive(Clone, Debug, PartialEq)]
struct InlineCell {
    id: RequirementId,
    column: InlineColumn,
    text: String,
    /// Focus has been given to the text box.
    focused: bool,
    /// What was typed did not read (a date): the cell stays open, in red.
    invalid: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum InlineColumn {
    Title,
    Owner,
    Due,
    /// A custom field of text, number, date or person, by id.
    Custom(String),
}

impl InlineCell {
    fn new(id: RequirementId, column: InlineColumn, f: &RequirementFields) -> InlineCell {
        let text = match &column {
            InlineColumn::Title => f.title.clone(),
            InlineColumn::Owner => f.owner.clone(),
            InlineColumn::Due => f.due.map(|d| d.to_string()).unwrap_or_default(),
            InlineColumn::Custom(field) => f.custom.get(field).cloned().unwrap_or_default(),
        };
        InlineCell {
            id,
            column,
            text,
            focused: false,
            invalid: false,
        }
    }

    /// The requirement's fields with the typed text in, `Ok(None)` when nothing changes
    /// (or a title would be left empty), `Err` for a due date that does not read.
    fn applied(&self, f: &RequirementFields) -> Result<Option<RequirementFields>, ()> {
        let text = self.text.trim();
        let mut out = f.clone();
        match &self.column {
            InlineColumn::Title if text.is_empty() => return Ok(None),
            InlineColumn::Title => out.title = text.to_owned(),
            InlineColumn::Owner => out.owner = text.to_owned(),
            InlineColumn::Due if text.is_empty() => out.due = None,
            InlineColumn::Due => out.due = Some(crate::model::day::parse_day(text).ok_or(())?),
            InlineColumn::Custom(field) if text.is_empty() => {
                out.custom.remove(field);
            }
            InlineColumn::Custom(field) => {
                out.custom.insert(field.clone(), text.to_owned());
            }
        }
        Ok((out != *f).then_some(out))
    }
}

/// The text box of a cell edited in place. Returns `Some(true)` to apply,
/// `Some(false)` to cancel.
fn inline_text(ui: &mut egui::Ui, name: &str, cell: &mut InlineCell) -> Option<bool> {
    crate::ui::cell_edit::text_box(ui, name, &mut cell.text, &mut cell.focused, cell.invalid)
}

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
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    dialog: &mut Option<FeedbackDialog>,
    actions: &mut Vec<Action>,
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
                    m,
                    view,
                    &mut state.views.ranking,
                    actions,
                ) {
                    state.pool_view = PoolView::List;
                    state.also_selected.clear();
                    select(state, insights, Some(id));
                }
                return;
            }
            PoolView::Trace => return views::trace(ui, m, view, &mut state.views, actions),
            PoolView::Board => return views::board(ui, m, view, actions),
            PoolView::ValueEffort => {
                return views::value_effort(ui, m, view, &mut state.views, actions);
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
    toolbar(ui, m, view, state, actions);
    ui.label(
        RichText::new(m.t("requirements.demand_help"))
            .small()
            .color(palette.muted_text),
    );
    bulk_bar(ui, m, view, state, actions);
    state
        .also_selected
        .retain(|id| insights.requirement(*id).is_some());
    // The detail panel stays while nothing is selected, so selecting a row never moves
    // the table's columns under the pointer (a double-click would land on another cell).
    if !state.details_hidden {
        egui::Panel::right("requirement_editor")
            .resizable(true)
            .default_size(360.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt("requirement_editor_scroll")
                    .show(ui, |ui| {
                        if state.selected.is_none() {
                            ui.add_space(8.0);
                            for key in ["req.details_empty", "req.details_hint"] {
                                ui.label(RichText::new(m.t(key)).color(palette.muted_text));
                            }
                            return;
                        }
                        editor(ui, m, view, state, actions);
                        linked_tasks(ui, m, view, state, actions);
                        feedback_behind(ui, m, view, state, dialog);
                    });
            });
    }
    table::table(ui, m, view, state, actions);
}

fn toolbar(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("requirements.new"));
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut state.new_title)
                    .hint_text(m.t("requirements.new_hint"))
                    .desired_width(240.0),
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
        ui.add(egui::TextEdit::singleline(&mut state.filter.text).desired_width(160.0))
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
        ui.menu_button(m.t("requirements.export"), |ui| {
            use crate::report::exporters::{Needs, made_from};
            for exporter in made_from(Needs::Pool) {
                if ui.button(m.t(exporter.label_key)).clicked() {
                    actions.push(Action::Export {
                        id: exporter.id,
                        question: None,
                    });
                    ui.close();
                }
            }
        });
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
                .height(320.0)
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

/// Clears one of the filters.
type ClearFilter = fn(&mut RequirementFilter);

/// Priority, type, owner, release and overdue filters in one menu; each one set shows
/// as a chip that clears it.
fn more_filters(
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
                .max_height(320.0)
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
fn bulk_bar(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    actions: &mut Vec<Action>,
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
                    .max_height(360.0)
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

fn select(state: &mut RequirementsState, insights: &InsightsView, id: Option<RequirementId>) {
    state.selected = id;
    state.draft = match id.and_then(|id| insights.requirement(id)) {
        Some(r) => RequirementDraft::of(r.requirement.id, &r.requirement.fields),
        None => RequirementDraft::default(),
    };
}

fn combo_codes(
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
fn parent_combo(
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
        .width(280.0)
        .height(360.0)
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

fn editor(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    actions: &mut Vec<Action>,
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
    egui::Grid::new("req_fields")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(m.t("requirements.title_col"));
            ui.add(egui::TextEdit::singleline(&mut f.title).desired_width(280.0))
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
            ui.add(egui::TextEdit::singleline(&mut f.owner).desired_width(160.0))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(m.t("req.tags"));
            ui.add(egui::TextEdit::singleline(&mut d.tags).desired_width(220.0))
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
                    egui::TextEdit::singleline(&mut d.dates[i])
                        .hint_text("2027-01-31")
                        .desired_width(110.0),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
    let description = ui
        .horizontal(|ui| {
            let label = ui.label(RichText::new(m.t("req.description")).strong());
            ui.selectable_value(&mut d.preview, false, m.t("req.edit"));
            ui.selectable_value(&mut d.preview, true, m.t("req.preview"));
            label
        })
        .inner;
    if d.preview {
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
        .labelled_by(description.id);
    }
    // Acceptance criteria as a checklist.
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
            ui.add(egui::TextEdit::singleline(&mut c.text).desired_width(300.0))
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
            .add(egui::TextEdit::singleline(&mut d.new_criterion).desired_width(240.0))
            .labelled_by(label.id);
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("+").clicked() || enter) && !d.new_criterion.trim().is_empty() {
            f.acceptance.push(Criterion {
                done: false,
                text: d.new_criterion.trim().to_owned(),
            });
            d.new_criterion.clear();
        }
    });
    // Scores.
    ui.add_space(6.0);
    ui.label(RichText::new(m.t("req.scores")).strong());
    egui::Grid::new("req_scores")
        .num_columns(4)
        .spacing([8.0, 4.0])
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
                    ui.add(egui::TextEdit::singleline(&mut d.numbers[i]).desired_width(60.0))
                        .labelled_by(label.id);
                }
                ui.end_row();
            }
        });
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
    ui.add_space(6.0);
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

/// The workspace's custom fields of the requirement being edited.
fn custom_fields(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    f: &mut RequirementFields,
) {
    use crate::model::pool_settings::CustomKind;
    if insights.settings.fields.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(m.t("req.custom")).strong());
    egui::Grid::new("req_custom")
        .num_columns(2)
        .spacing([8.0, 4.0])
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
                                .desired_width(180.0),
                        )
                        .labelled_by(label.id);
                    }
                }
                ui.end_row();
            }
        });
}

trait IfEmpty {
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
fn markdown(ui: &mut egui::Ui, text: &str) {
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
            ui.add_space(4.0);
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

/// The tasks that deliver the selected requirement: unlink, link one of the current
/// project's tasks, or "plan it" (a new task in the current project, rescheduled).
fn linked_tasks(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
    actions: &mut Vec<Action>,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let Some(row) = state.selected.and_then(|id| insights.requirement(id)) else {
        return;
    };
    let stored = &row.requirement.fields;
    let id = row.requirement.id;
    ui.separator();
    ui.label(RichText::new(m.t("req.tasks")).strong());
    let with = |tasks: Vec<crate::model::TaskId>| {
        Action::Apply(Change::UpdateRequirement {
            id,
            fields: RequirementFields {
                tasks,
                ..stored.clone()
            },
        })
    };
    let mut shown = 0;
    for t in &stored.tasks {
        let Some((name, project)) = insights.task_names.get(t) else {
            continue;
        };
        shown += 1;
        let project = view
            .project(*project)
            .map(|p| p.fields.name.as_str())
            .unwrap_or_default();
        ui.horizontal(|ui| {
            ui.label(format!("{name} · {project}"));
            if ui
                .add_enabled(!view.read_only, egui::Button::new("×").small())
                .on_hover_text(m.t("req.unlink_task"))
                .clicked()
            {
                actions.push(with(
                    stored.tasks.iter().copied().filter(|x| x != t).collect(),
                ));
            }
        });
    }
    if shown == 0 {
        ui.label(RichText::new(m.t("req.no_tasks")).color(palette.muted_text));
    }
    let Some(plan) = m.plan else {
        ui.label(
            RichText::new(m.t("req.pick_project"))
                .small()
                .color(palette.muted_text),
        );
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(m.t("req.link_task"));
        egui::ComboBox::from_id_salt("req_link_task")
            .selected_text("—")
            .width(200.0)
            .height(300.0)
            .show_ui(ui, |ui| {
                for r in plan.rows.iter().filter(|r| !r.summary) {
                    if !stored.tasks.contains(&r.task)
                        && ui
                            .selectable_label(false, format!("{} {}", r.wbs, r.name))
                            .clicked()
                    {
                        let mut tasks = stored.tasks.clone();
                        tasks.push(r.task);
                        actions.push(with(tasks));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if ui
            .add_enabled(!view.read_only, egui::Button::new(m.t("req.plan_it")))
            .on_hover_text(m.t("req.plan_it_tip"))
            .clicked()
        {
            actions.push(Action::Apply(Change::Many(vec![
                Change::PlanRequirements {
                    project: plan.project,
                    requirements: vec![id],
                },
                Change::Reschedule(plan.project),
            ])));
        }
    });
}

fn feedback_behind(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    view: &WorkspaceView,
    state: &RequirementsState,
    dialog: &mut Option<FeedbackDialog>,
) {
    let palette = theme::palette(ui.visuals());
    let insights = &view.insights;
    let Some(row) = state.selected.and_then(|id| insights.requirement(id)) else {
        return;
    };
    ui.separator();
    ui.label(
        RichText::new(tr_with(
            m.lang,
            "requirements.demand_line",
            &[
                ("score", &row.demand.score.to_string()),
                ("items", &row.demand.items.to_string()),
            ],
        ))
        .strong(),
    );
    if row.feedback.is_empty() {
        ui.label(RichText::new(m.t("requirements.no_feedback")).color(palette.muted_text));
        return;
    }
    for &i in &row.feedback {
        let Some(f) = insights.feedback.get(i) else {
            continue;
        };
        let importance = f
            .fields
            .importance_for(row.requirement.id)
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(importance_name(m, importance)).small().color(
                if importance == 3 {
                    palette.danger
                } else {
                    palette.muted_text
                },
            ));
            ui.label(format!("“{}”", f.fields.text));
            let (kind, place) = insights.origin_text(&f.fields.origin);
            ui.label(
                RichText::new(format!(
                    "{} {place} {}",
                    m.t(&format!("feedback.from.{kind}")),
                    f.fields.customer
                ))
                .small()
                .color(palette.muted_text),
            );
            if ui
                .add_enabled(
                    !view.read_only,
                    egui::Button::new(m.t("feedback.open")).small(),
                )
                .clicked()
            {
                *dialog = Some(FeedbackDialog::edit(f));
            }
        });
    }
}
