//! The Quality page (质量): test cases in a suite tree with an editor (steps as a
//! table), bulk edits and cases made from a requirement's acceptance criteria; test
//! runs executed from the keyboard with 提缺陷 on a failure; defects and their
//! workflow; and the release's dashboard — the readiness gate (rules editable), pass
//! rate per run, found vs fixed per week, open defects by severity and age, density.

pub mod case_editor;
pub mod cases;
pub mod dashboard;
pub mod defects;
pub mod runs;

use std::collections::BTreeSet;

use crate::context::view_model::WorkspaceView;
use crate::model::quality::{ResultStatus, RunId, SuiteId, TestCaseId};
use crate::model::requirement::ReleaseId;
use crate::report::exporters::Needs;
use crate::ui::risks::NamedCombo;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx, page_title};

/// The page's views.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Cases,
    Runs,
    Defects,
    Dashboard,
}

impl Tab {
    pub const ALL: [Tab; 4] = [Tab::Cases, Tab::Runs, Tab::Defects, Tab::Dashboard];

    fn label_key(self) -> &'static str {
        match self {
            Tab::Cases => "quality.tab_cases",
            Tab::Runs => "quality.tab_runs",
            Tab::Defects => "quality.tab_defects",
            Tab::Dashboard => "quality.tab_dashboard",
        }
    }
}

/// Which cases the table lists by suite.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SuiteFilter {
    #[default]
    All,
    /// Cases in no suite.
    Unfiled,
    /// The suite and the suites under it.
    Suite(SuiteId),
}

/// What a case list was filtered for: the data's revision, the suite, the search.
pub type ShownKey = (Option<u64>, SuiteFilter, String);

/// What the page remembers between frames.
#[derive(Default)]
pub struct QualityState {
    pub tab: Tab,
    /// The release the page is about (`None`: every release).
    pub release: Option<ReleaseId>,
    /// The run whose test report the next export writes (`None`: the release's).
    pub report_run: Option<RunId>,
    pub suite: SuiteFilter,
    pub search: String,
    /// The cases the table lists (places in the session's cases), with what they were
    /// found for: the data's revision, the suite and the search.
    pub shown: Option<(ShownKey, Vec<usize>)>,
    pub selected: BTreeSet<TestCaseId>,
    pub case_editor: Option<case_editor::CaseEditor>,
    pub bulk: cases::CaseBulk,
    pub new_suite: String,
    pub renaming: Option<(SuiteId, String)>,
    pub run: Option<RunId>,
    pub run_form: Option<runs::RunForm>,
    pub execution: runs::Execution,
    pub defect_filter: defects::DefectFilter,
    pub defect_editor: Option<defects::DefectEditor>,
    pub gate: dashboard::GateForm,
}

/// A result status's name.
pub fn status_label(m: &FrameModel<'_>, s: ResultStatus) -> String {
    m.t(&format!("quality.result.{}", s.code()))
}

/// A result status's colour.
pub fn status_colour(ui: &egui::Ui, s: ResultStatus) -> egui::Color32 {
    let p = crate::ui::theme::palette(ui.visuals());
    match s {
        ResultStatus::Passed => p.success,
        ResultStatus::Failed => p.danger,
        ResultStatus::Blocked => p.warning,
        ResultStatus::Skipped | ResultStatus::Untested => ui.visuals().weak_text_color(),
    }
}

/// A case type's name, or the workspace's own word.
pub fn type_label(m: &FrameModel<'_>, kind: &str) -> String {
    let key = format!("quality.type.{kind}");
    let text = m.t(&key);
    if text == key { kind.to_owned() } else { text }
}

/// A table's heading row: each key's text, strong.
pub fn headings(header: &mut egui_extras::TableRow<'_, '_>, m: &FrameModel<'_>, keys: &[&str]) {
    for key in keys {
        header.col(|ui| {
            ui.label(egui::RichText::new(m.t(key)).strong());
        });
    }
}

/// A release choice named `name`; `none` is what choosing no release means here
/// (全部版本, or —).
pub fn release_choice(
    ui: &mut egui::Ui,
    id_salt: &str,
    name: &str,
    releases: &[crate::model::requirement::Release],
    none: &str,
    value: &mut Option<ReleaseId>,
) -> egui::Response {
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(
            value
                .and_then(|id| releases.iter().find(|r| r.id == id))
                .map_or_else(|| none.to_owned(), |r| r.fields.name.clone()),
        )
        .show_named(ui, name, |ui| {
            ui.selectable_value(value, None, none);
            for r in releases {
                ui.selectable_value(value, Some(r.id), &r.fields.name);
            }
        })
        .response
}

/// A suite choice, the suites indented by their depth, none meaning 未分组.
pub fn suite_choice(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &crate::report::quality_session::QualitySession,
    id_salt: &str,
    value: &mut Option<SuiteId>,
) -> egui::Response {
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(
            session
                .suite_name(*value)
                .map_or_else(|| m.t("quality.no_suite"), str::to_owned),
        )
        .show_named(ui, &m.t("quality.column.suite"), |ui| {
            ui.selectable_value(value, None, m.t("quality.no_suite"));
            for (id, depth) in &session.suite_tree {
                let name = session.suite_name(Some(*id)).unwrap_or_default();
                ui.selectable_value(value, Some(*id), format!("{}{name}", "  ".repeat(*depth)));
            }
        })
        .response
}

/// A requirement of the pool as `REQ-n title`; `none` offers choosing none.
pub fn requirement_choice(
    ui: &mut egui::Ui,
    view: &WorkspaceView,
    id_salt: &str,
    name: &str,
    none: Option<&str>,
    value: &mut Option<crate::model::requirement::RequirementId>,
) -> egui::Response {
    let label =
        |r: &crate::model::research::Requirement| format!("{} {}", r.id.key(), r.fields.title);
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(
            value
                .and_then(|id| view.insights.requirement(id))
                .map_or_else(String::new, |r| label(&r.requirement)),
        )
        .height(size::FIELD_XL)
        .show_named(ui, name, |ui| {
            if let Some(none) = none {
                ui.selectable_value(value, None, none);
            }
            for row in &view.insights.requirements {
                ui.selectable_value(value, Some(row.requirement.id), label(&row.requirement));
            }
        })
        .response
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    page_title(ui, &m.t("quality.title"));
    let Some(session) = m.quality else {
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
        let l = ui.label(m.t("quality.release"));
        release_choice(
            ui,
            "quality-release",
            &m.t("quality.release"),
            &view.insights.releases,
            &m.t("quality.scope_all"),
            &mut state.release,
        )
        .labelled_by(l.id);
        // The page's exports write the release's test report (a run's is asked for
        // beside the run).
        if crate::ui::export_menu(
            ui,
            ViewCx::new(m, actions),
            "quality.export",
            Needs::Quality,
        ) {
            state.report_run = None;
        }
        if !view.read_only {
            use crate::context::command::UiCommand;
            crate::ui::command_menu(
                ui,
                ViewCx::new(m, actions),
                "quality.import",
                &[
                    UiCommand::Import,
                    UiCommand::ImportMappedCases,
                    UiCommand::ImportMappedDefects,
                ],
            );
        }
        // The verdict is always in sight.
        let ready = session.report.ready();
        let palette = crate::ui::theme::palette(ui.visuals());
        ui.label(
            egui::RichText::new(m.t(if ready {
                "quality.ready"
            } else {
                "quality.not_ready"
            }))
            .strong()
            .color(if ready {
                palette.success
            } else {
                palette.danger
            }),
        );
    });
    ui.add_space(size::GAP_M);
    match state.tab {
        Tab::Cases => cases::show(ui, ViewCx::new(m, actions), session, view, state),
        Tab::Runs => runs::show(ui, ViewCx::new(m, actions), session, view, state),
        Tab::Defects => defects::show(ui, ViewCx::new(m, actions), session, view, state),
        Tab::Dashboard => dashboard::show(ui, ViewCx::new(m, actions), session, view, state),
    }
}
