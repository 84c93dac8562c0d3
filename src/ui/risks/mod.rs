//! The Risks page (风险): the register of the current project as a table (filter,
//! sort, group, inline and bulk edits) with an editor beside it; the 5 × 5 heat map
//! (inherent and residual, click a cell to list its risks, drag a risk to re-score
//! it), exposure over the weeks and the top threats; the schedule risk simulation
//! (runs again by itself after each edit); and the schedule health check.

pub mod editor;
pub mod health;
pub mod heat_map;
pub mod logs;
pub mod rows;
pub mod simulation;
pub mod table;

use std::collections::BTreeSet;

use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::risk::{Band, RiskId};
use crate::report::exporters::Needs;
use crate::report::risk_register::Register;
use crate::ui::theme::{Palette, size};
use crate::ui::{ViewCx, page_title};

/// The page's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Register,
    HeatMap,
    Simulation,
    Health,
    Issues,
    Decisions,
    Changes,
}

impl Tab {
    pub const ALL: [Tab; 7] = [
        Tab::Register,
        Tab::HeatMap,
        Tab::Simulation,
        Tab::Health,
        Tab::Issues,
        Tab::Decisions,
        Tab::Changes,
    ];

    fn label_key(self) -> &'static str {
        match self {
            Tab::Register => "risks.tab_register",
            Tab::HeatMap => "risks.tab_heat_map",
            Tab::Simulation => "risks.tab_simulation",
            Tab::Health => "risks.tab_health",
            Tab::Issues => "risks.tab_issues",
            Tab::Decisions => "risks.tab_decisions",
            Tab::Changes => "risks.tab_changes",
        }
    }
}

/// What the page remembers between frames.
pub struct RisksState {
    pub tab: Tab,
    pub filter: rows::RiskFilter,
    pub sort: rows::RiskSort,
    pub descending: bool,
    pub group: rows::Grouping,
    pub selected: BTreeSet<RiskId>,
    pub editor: Option<editor::RiskEditor>,
    pub log_editor: Option<logs::LogEditor>,
    pub bulk: table::BulkEdit,
    pub simulation: simulation::SimulationForm,
    /// The register settings as typed: bands, a new category.
    pub settings: SettingsForm,
    /// The store revision a simulation was last started at (a live rerun waits for the
    /// next edit after a cancel or a failure).
    attempted: Option<u64>,
}

impl Default for RisksState {
    fn default() -> Self {
        RisksState {
            tab: Tab::default(),
            filter: rows::RiskFilter::default(),
            sort: rows::RiskSort::Score,
            descending: true,
            group: rows::Grouping::None,
            selected: BTreeSet::new(),
            editor: None,
            log_editor: None,
            bulk: table::BulkEdit::default(),
            simulation: simulation::SimulationForm::default(),
            settings: SettingsForm::default(),
            attempted: None,
        }
    }
}

impl RisksState {
    /// Whether the simulation should run again by itself (it is shown, and live).
    pub fn live_simulation(&self) -> bool {
        self.tab == Tab::Simulation && self.simulation.live
    }

    pub fn simulation_settings(&self) -> (usize, u64) {
        (self.simulation.iterations, self.simulation.seed)
    }

    pub fn mark_attempt(&mut self, revision: Option<u64>) {
        self.attempted = revision;
    }

    pub fn attempted_at(&self, revision: Option<u64>) -> bool {
        revision.is_some() && self.attempted == revision
    }
}

/// A combo box with a name screen readers (and tests) find it by.
pub trait NamedCombo {
    fn show_named<R>(
        self,
        ui: &mut egui::Ui,
        name: &str,
        contents: impl FnOnce(&mut egui::Ui) -> R,
    ) -> egui::InnerResponse<Option<R>>;
}

impl NamedCombo for egui::ComboBox<'_> {
    fn show_named<R>(
        self,
        ui: &mut egui::Ui,
        name: &str,
        contents: impl FnOnce(&mut egui::Ui) -> R,
    ) -> egui::InnerResponse<Option<R>> {
        let shown = self.show_ui(ui, contents);
        shown
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name));
        shown
    }
}

/// The register settings being typed.
#[derive(Clone, Debug, Default)]
pub struct SettingsForm {
    /// Medium from, high from; `None` until first shown (then the stored bands).
    bands: Option<(u8, u8)>,
    category: String,
}

/// The register's settings: where the bands start, the workspace's own categories.
fn settings_menu(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &crate::report::risk_session::RiskSession,
    form: &mut SettingsForm,
) {
    use crate::model::Change;
    let stored = session.register.bands;
    let (medium, high) = form
        .bands
        .get_or_insert((stored.medium_from, stored.high_from));
    ui.label(m.t("risks.bands"));
    ui.horizontal(|ui| {
        let l = ui.label(m.t("risks.band_medium_from"));
        ui.add(egui::DragValue::new(medium).range(2..=24))
            .labelled_by(l.id);
        let l = ui.label(m.t("risks.band_high_from"));
        ui.add(egui::DragValue::new(high).range(3..=25))
            .labelled_by(l.id);
        let bands = crate::model::risk::Bands {
            medium_from: *medium,
            high_from: *high,
        };
        if ui
            .add_enabled(
                *high > *medium && bands != stored,
                egui::Button::new(m.t("risks.bands_apply")),
            )
            .clicked()
        {
            actions.push(Action::Apply(Change::SetRiskBands(bands)));
        }
    });
    ui.separator();
    ui.label(m.t("risks.categories"));
    let mut own = session.own_categories.clone();
    let mut changed = false;
    ui.horizontal_wrapped(|ui| {
        let mut remove = None;
        for (k, c) in own.iter().enumerate() {
            if ui.small_button(format!("{c} ×")).clicked() {
                remove = Some(k);
            }
        }
        if let Some(k) = remove {
            own.remove(k);
            changed = true;
        }
    });
    ui.horizontal(|ui| {
        let l = ui.label(m.t("risks.new_category"));
        ui.add(egui::TextEdit::singleline(&mut form.category).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        if ui.button(m.t("risks.category_add")).clicked() && !form.category.trim().is_empty() {
            own.push(form.category.trim().to_owned());
            form.category.clear();
            changed = true;
        }
    });
    if changed {
        actions.push(Action::Apply(Change::SetRiskCategories(own)));
    }
}

/// The log a tab shows.
fn log_kind(tab: Tab) -> Option<crate::model::logs::LogKind> {
    use crate::model::logs::LogKind;
    match tab {
        Tab::Issues => Some(LogKind::Issue),
        Tab::Decisions => Some(LogKind::Decision),
        Tab::Changes => Some(LogKind::Change),
        _ => None,
    }
}

/// A date typed in a form: empty is none; anything else must read as a day (ISO,
/// 年月日 …), or the message says what was typed.
pub fn typed_day(
    lang: crate::i18n::Language,
    text: &str,
) -> Result<Option<chrono::NaiveDate>, String> {
    match text.trim() {
        "" => Ok(None),
        t => crate::model::day::parse_day(t)
            .map(Some)
            .ok_or_else(|| crate::i18n::tr_with(lang, "risks.bad_date", &[("text", t)])),
    }
}

/// A band's colour.
pub fn band_colour(palette: &Palette, band: Band) -> egui::Color32 {
    match band {
        Band::High => palette.danger,
        Band::Medium => palette.warning,
        Band::Low => palette.success,
    }
}

/// A code's name (`risk.{group}.{code}`), or the code itself for one of the
/// workspace's own.
pub fn label(m: &crate::ui::FrameModel<'_>, group: &str, code: &str) -> String {
    if code.is_empty() {
        return String::new();
    }
    let key = format!("risk.{group}.{code}");
    let text = m.t(&key);
    if text == key { code.to_owned() } else { text }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RisksState,
) {
    page_title(ui, &m.t("risks.title"));
    let Some(session) = m.risks else {
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for tab in Tab::ALL {
            if ui
                .selectable_label(state.tab == tab, m.t(tab.label_key()))
                .clicked()
            {
                state.tab = tab;
            }
        }
        ui.separator();
        let register_tab = matches!(state.tab, Tab::Register | Tab::HeatMap);
        if register_tab && !view.read_only && ui.button(m.t("risks.new")).clicked() {
            state.editor = Some(editor::RiskEditor::new_risk(session.project));
        }
        if !register_tab {
            return;
        }
        if !view.read_only {
            ui.menu_button(m.t("risks.settings"), |ui| {
                settings_menu(ui, ViewCx::new(m, actions), session, &mut state.settings);
            });
        }
        crate::ui::export_menu(ui, ViewCx::new(m, actions), "risks.export", Needs::Register);
        if !view.read_only {
            use crate::context::command::UiCommand;
            crate::ui::command_menu(
                ui,
                ViewCx::new(m, actions),
                "risks.import",
                &[UiCommand::Import, UiCommand::ImportMappedRisks],
            );
        }
        ui.label(
            egui::RichText::new(crate::i18n::tr_with(
                m.lang,
                "risks.scope",
                &[(
                    "scope",
                    &session
                        .project
                        .and_then(|p| view.project(p))
                        .map_or_else(|| m.t("risks.scope_all"), |p| p.fields.name.clone()),
                )],
            ))
            .small()
            .weak(),
        );
    });
    ui.add_space(size::GAP_M);
    let register: &Register = &session.register;
    // The editor sits to the right on every view that lists risks.
    if state.editor.is_some() && matches!(state.tab, Tab::Register | Tab::HeatMap) {
        egui::Panel::right("risk-editor")
            .resizable(true)
            .default_size(size::FORM_WIDTH)
            .show(ui, |ui| {
                editor::show(ui, ViewCx::new(m, actions), session, view.read_only, state);
            });
    }
    let log_tab = matches!(state.tab, Tab::Issues | Tab::Decisions | Tab::Changes);
    if log_tab
        && state
            .log_editor
            .as_ref()
            .is_some_and(|e| Some(e.fields.kind()) == log_kind(state.tab))
    {
        egui::Panel::right("log-editor")
            .resizable(true)
            .default_size(size::FORM_WIDTH)
            .show(ui, |ui| {
                logs::editor(ui, ViewCx::new(m, actions), session, view.read_only, state);
            });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new())
        .show(ui, |ui| match state.tab {
            Tab::Register => table::show(
                ui,
                ViewCx::new(m, actions),
                register,
                &session.categories,
                view,
                state,
            ),
            Tab::HeatMap => heat_map::show(ui, ViewCx::new(m, actions), session, view, state),
            Tab::Simulation => simulation::show(ui, ViewCx::new(m, actions), session, state),
            Tab::Health => health::show(ui, ViewCx::new(m, actions), session),
            Tab::Issues => logs::show(
                ui,
                m,
                session,
                view.read_only,
                crate::model::logs::LogKind::Issue,
                state,
            ),
            Tab::Decisions => logs::show(
                ui,
                m,
                session,
                view.read_only,
                crate::model::logs::LogKind::Decision,
                state,
            ),
            Tab::Changes => logs::show(
                ui,
                m,
                session,
                view.read_only,
                crate::model::logs::LogKind::Change,
                state,
            ),
        });
}
