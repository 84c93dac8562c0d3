//! Test runs: the list (pass rate and progress of each), a new run (cases chosen by
//! suite, tag, requirement, priority or everything linked to the release), and
//! execution from the keyboard — ↑/↓ (J/K) move, P 通过, F 失败, B 阻塞, S 跳过,
//! U 未执行 record a result with the comment and step results typed, and a failure
//! offers 提缺陷 with the steps and the failing step filled in. Re-running keeps
//! history: every result stays in the run, the newest counts.

use egui::{Key, RichText};
use egui_extras::{Column, TableBuilder};

use super::{NamedCombo, QualityState, status_colour, status_label};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::quality::{
    CaseSelection, DefectFields, QualityItem, ResultStatus, RunId, TestResult, TestRun,
    TestRunFields,
};
use crate::model::requirement::{ReleaseId, RequirementId};
use crate::report::quality_metrics::RunFigure;
use crate::report::quality_session::QualitySession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// How the new run's cases are chosen (the form's choice).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SelectBy {
    #[default]
    Release,
    Suite,
    Tag,
    Requirement,
    Priority,
    Everything,
}

impl SelectBy {
    const ALL: [SelectBy; 6] = [
        SelectBy::Release,
        SelectBy::Suite,
        SelectBy::Tag,
        SelectBy::Requirement,
        SelectBy::Priority,
        SelectBy::Everything,
    ];

    fn label_key(self) -> &'static str {
        match self {
            SelectBy::Release => "quality.select_release",
            SelectBy::Suite => "quality.select_suite",
            SelectBy::Tag => "quality.select_tag",
            SelectBy::Requirement => "quality.select_requirement",
            SelectBy::Priority => "quality.select_priority",
            SelectBy::Everything => "quality.select_everything",
        }
    }
}

/// A new run as typed.
#[derive(Clone, Debug, Default)]
pub struct RunForm {
    name: String,
    release: Option<ReleaseId>,
    by: SelectBy,
    suite: Option<crate::model::quality::SuiteId>,
    tag: String,
    requirement: Option<RequirementId>,
    priority: u8,
    assignees: String,
    from: String,
    to: String,
    error: Option<String>,
}

impl RunForm {
    fn new(release: Option<ReleaseId>, name: String) -> RunForm {
        RunForm {
            name,
            release,
            priority: 1,
            from: chrono::Local::now().date_naive().to_string(),
            ..RunForm::default()
        }
    }

    fn selection(&self) -> CaseSelection {
        match self.by {
            SelectBy::Release => CaseSelection::Release,
            SelectBy::Suite => CaseSelection::Suite(self.suite),
            SelectBy::Tag => CaseSelection::Tag(self.tag.clone()),
            SelectBy::Requirement => match self.requirement {
                Some(r) => CaseSelection::Requirement(r),
                None => CaseSelection::Tag(String::new()),
            },
            SelectBy::Priority => CaseSelection::PriorityUpTo(self.priority),
            SelectBy::Everything => CaseSelection::Everything,
        }
    }
}

/// Where execution is: the row, and what is typed for the next result.
#[derive(Clone, Debug, Default)]
pub struct Execution {
    pub cursor: usize,
    pub comment: String,
    pub tester: String,
    /// Step results for the case at the cursor (reset when it moves).
    pub steps: Vec<ResultStatus>,
    steps_of: Option<crate::model::quality::TestCaseId>,
}

/// The keys that record a result.
const RESULT_KEYS: [(Key, ResultStatus); 5] = [
    (Key::P, ResultStatus::Passed),
    (Key::F, ResultStatus::Failed),
    (Key::B, ResultStatus::Blocked),
    (Key::S, ResultStatus::Skipped),
    (Key::U, ResultStatus::Untested),
];

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    egui::Panel::left("run-list")
        .resizable(true)
        .default_size(size::LIST_PANEL)
        .show(ui, |ui| run_list(ui, m, session, view, state));
    if state.defect_editor.is_some() {
        egui::Panel::right("run-defect-editor")
            .resizable(true)
            .default_size(size::FORM_WIDTH)
            .show(ui, |ui| {
                super::defects::editor(ui, ViewCx::new(m, actions), session, view, state);
            });
    }
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(egui::Margin::symmetric(size::GAP_M as i8, 0)))
        .show(ui, |ui| {
            if state.run_form.is_some() {
                run_form(ui, ViewCx::new(m, actions), session, view, state);
                return;
            }
            let run = state.run.and_then(|id| session.run(id));
            match run {
                Some(run) => execution(ui, ViewCx::new(m, actions), session, view, run, state),
                None => {
                    ui.label(m.t("quality.pick_run"));
                }
            }
        });
}

fn run_list(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    if !view.read_only && ui.button(m.t("quality.new_run")).clicked() {
        let name = crate::i18n::tr_with(
            m.lang,
            "quality.run_default_name",
            &[("n", &(session.data.runs.len() + 1).to_string())],
        );
        // The page's release, else the one in progress, else the first.
        let releases = &view.insights.releases;
        let release = state.release.or_else(|| {
            releases
                .iter()
                .find(|r| r.fields.status == "in_progress")
                .or(releases.first())
                .map(|r| r.id)
        });
        state.run_form = Some(RunForm::new(release, name));
    }
    ui.add_space(size::GAP_S);
    egui::ScrollArea::vertical()
        .id_salt("run-list-scroll")
        .show(ui, |ui| {
            for run in session
                .data
                .runs
                .iter()
                .rev()
                .filter(|r| state.release.is_none() || r.fields.release == state.release)
            {
                let figure = RunFigure::of(run);
                let selected = state.run == Some(run.id);
                let text = format!(
                    "{} {}\n{} / {} · {}",
                    run.id.key(),
                    run.fields.name,
                    figure.executed(),
                    figure.cases,
                    crate::report::quality_metrics::percent(figure.pass_rate)
                );
                if ui.selectable_label(selected, text).clicked() {
                    state.run = Some(run.id);
                    state.run_form = None;
                    state.execution = Execution::default();
                }
            }
        });
}

fn run_form(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    state: &mut QualityState,
) {
    let Some(form) = state.run_form.as_mut() else {
        return;
    };
    ui.heading(m.t("quality.new_run"));
    let releases = &view.insights.releases;
    egui::Grid::new("run-form")
        .num_columns(2)
        .spacing([size::GAP_L, size::GAP_S])
        .show(ui, |ui| {
            let l = ui.label(m.t("quality.run_name"));
            ui.add(egui::TextEdit::singleline(&mut form.name).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            ui.end_row();
            ui.label(m.t("quality.release"));
            super::release_choice(
                ui,
                "run-release",
                &m.t("quality.run_release"),
                releases,
                "—",
                &mut form.release,
            );
            ui.end_row();
            ui.label(m.t("quality.select_by"));
            ui.horizontal_wrapped(|ui| {
                for by in SelectBy::ALL {
                    ui.radio_value(&mut form.by, by, m.t(by.label_key()));
                }
            });
            ui.end_row();
            match form.by {
                SelectBy::Suite => {
                    ui.label(m.t("quality.column.suite"));
                    super::suite_choice(ui, m, session, "run-suite", &mut form.suite);
                    ui.end_row();
                }
                SelectBy::Tag => {
                    let l = ui.label(m.t("quality.column.tags"));
                    ui.add(egui::TextEdit::singleline(&mut form.tag).desired_width(size::FIELD_S))
                        .labelled_by(l.id);
                    ui.end_row();
                }
                SelectBy::Requirement => {
                    ui.label(m.t("quality.select_requirement"));
                    super::requirement_choice(
                        ui,
                        view,
                        "run-requirement",
                        &m.t("quality.select_requirement"),
                        None,
                        &mut form.requirement,
                    );
                    ui.end_row();
                }
                SelectBy::Priority => {
                    ui.label(m.t("quality.select_priority"));
                    ui.horizontal(|ui| {
                        for p in 0..=4u8 {
                            ui.radio_value(&mut form.priority, p, format!("P0–P{p}"));
                        }
                    });
                    ui.end_row();
                }
                SelectBy::Release | SelectBy::Everything => {}
            }
            let l = ui.label(m.t("quality.assignees"));
            ui.add(egui::TextEdit::singleline(&mut form.assignees).desired_width(size::FIELD_M))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.run_from"));
            ui.add(egui::TextEdit::singleline(&mut form.from).desired_width(size::FIELD_DATE))
                .labelled_by(l.id);
            ui.end_row();
            let l = ui.label(m.t("quality.run_to"));
            ui.add(egui::TextEdit::singleline(&mut form.to).desired_width(size::FIELD_DATE))
                .labelled_by(l.id);
            ui.end_row();
        });
    let release_reqs: std::collections::HashSet<RequirementId> = view
        .insights
        .requirements
        .iter()
        .filter(|r| form.release.is_some() && r.requirement.fields.release == form.release)
        .map(|r| r.requirement.id)
        .collect();
    let cases = form.selection().select(&session.data, &release_reqs);
    ui.label(crate::i18n::tr_with(
        m.lang,
        "quality.run_will_have",
        &[("n", &cases.len().to_string())],
    ));
    if let Some(err) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, err);
    }
    let mut close = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !cases.is_empty(),
                egui::Button::new(RichText::new(m.t("quality.create_run")).strong()),
            )
            .clicked()
        {
            let day = |t: &str| crate::ui::risks::typed_day(m.lang, t);
            match (day(&form.from), day(&form.to)) {
                (Ok(from), Ok(to)) => {
                    actions.push(Action::Apply(Change::AddQualityItem(QualityItem::Run(
                        TestRun {
                            id: RunId(0),
                            fields: TestRunFields {
                                name: form.name.trim().to_owned(),
                                release: form.release,
                                cases,
                                assignees: form
                                    .assignees
                                    .split([',', '，', '、'])
                                    .map(|a| a.trim().to_owned())
                                    .filter(|a| !a.is_empty())
                                    .collect(),
                                from,
                                to,
                                results: Vec::new(),
                            },
                        },
                    ))));
                    close = true;
                }
                (Err(e), _) | (_, Err(e)) => form.error = Some(e),
            }
        }
        if ui.button(m.t("quality.cancel")).clicked() {
            close = true;
        }
    });
    if close {
        state.run_form = None;
    }
}

fn execution(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &QualitySession,
    view: &WorkspaceView,
    run: &TestRun,
    state: &mut QualityState,
) {
    let sep = crate::i18n::colon(m.lang);
    let figure = RunFigure::of(run);
    let latest = run.fields.latest();
    let n = run.fields.cases.len();
    let exec = &mut state.execution;
    if exec.tester.is_empty() {
        exec.tester = run.fields.assignees.first().cloned().unwrap_or_default();
    }
    exec.cursor = exec.cursor.min(n.saturating_sub(1));
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{} {}", run.id.key(), run.fields.name));
        ui.label(
            RichText::new(format!(
                "{} / {} · {} {}",
                figure.executed(),
                figure.cases,
                m.t("quality.pass_rate"),
                crate::report::quality_metrics::percent(figure.pass_rate)
            ))
            .weak(),
        );
        if ui.button(m.t("quality.export_run_report")).clicked() {
            state.report_run = Some(run.id);
            actions.push(Action::Export {
                id: "test-report-html",
                question: None,
            });
        }
        if !view.read_only && ui.button(m.t("quality.delete_run")).clicked() {
            actions.push(Action::Apply(Change::DeleteQualityItems(vec![
                crate::model::quality::QualityKey::Run(run.id.0),
            ])));
            state.run = None;
        }
    });
    ui.label(RichText::new(m.t("quality.keys_hint")).small().weak());
    // The keyboard drives execution while no text field has the focus.
    let typing = ui.ctx().egui_wants_keyboard_input();
    let mut record: Option<ResultStatus> = None;
    if !typing && n > 0 {
        ui.input(|i| {
            if i.key_pressed(Key::ArrowDown) || i.key_pressed(Key::J) {
                exec.cursor = (exec.cursor + 1).min(n - 1);
            }
            if i.key_pressed(Key::ArrowUp) || i.key_pressed(Key::K) {
                exec.cursor = exec.cursor.saturating_sub(1);
            }
            if !view.read_only {
                for (key, status) in RESULT_KEYS {
                    if i.key_pressed(key) && i.modifiers.is_none() {
                        record = Some(status);
                    }
                }
            }
        });
    }
    let current = run.fields.cases.get(exec.cursor).copied();
    let case = current.and_then(|id| session.case(id));
    if exec.steps_of != current {
        exec.steps_of = current;
        exec.steps = case.map_or_else(Vec::new, |c| {
            vec![ResultStatus::Untested; c.fields.steps.len()]
        });
    }
    // The case at the cursor: its steps with a result each, the comment, the buttons.
    if let Some(case) = case {
        ui.separator();
        ui.label(RichText::new(format!("{} {}", case.id.key(), case.fields.title)).strong());
        if !case.fields.preconditions.is_empty() {
            ui.label(
                RichText::new(format!(
                    "{}{sep}{}",
                    m.t("quality.column.preconditions"),
                    case.fields.preconditions
                ))
                .small(),
            );
        }
        egui::Grid::new("exec-steps")
            .num_columns(4)
            .striped(true)
            .spacing([size::GAP_M, size::GAP_S])
            .show(ui, |ui| {
                for (i, step) in case.fields.steps.iter().enumerate() {
                    ui.label((i + 1).to_string());
                    ui.label(&step.action);
                    ui.label(RichText::new(&step.expected).weak());
                    if let Some(s) = exec.steps.get_mut(i) {
                        egui::ComboBox::from_id_salt(("step-result", i))
                            .selected_text(
                                RichText::new(status_label(m, *s)).color(status_colour(ui, *s)),
                            )
                            .width(size::COL_M)
                            .show_named(
                                ui,
                                &format!("{} {}", m.t("quality.step_result"), i + 1),
                                |ui| {
                                    for st in ResultStatus::ALL {
                                        ui.selectable_value(s, st, status_label(m, st));
                                    }
                                },
                            );
                    }
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            let l = ui.label(m.t("quality.comment"));
            ui.add(egui::TextEdit::singleline(&mut exec.comment).desired_width(size::FIELD_L))
                .labelled_by(l.id);
            let l = ui.label(m.t("quality.tester"));
            ui.add(egui::TextEdit::singleline(&mut exec.tester).desired_width(size::FIELD_SHORT))
                .labelled_by(l.id);
        });
        if !view.read_only {
            ui.horizontal_wrapped(|ui| {
                for (key, status) in RESULT_KEYS {
                    let text = format!("{} ({})", status_label(m, status), key.name());
                    if ui
                        .button(RichText::new(text).color(status_colour(ui, status)))
                        .clicked()
                    {
                        record = Some(status);
                    }
                }
                let failed_now = latest.get(&case.id) == Some(&ResultStatus::Failed);
                if failed_now
                    && ui
                        .button(RichText::new(m.t("quality.raise_defect")).strong())
                        .clicked()
                {
                    let newest = run
                        .fields
                        .results
                        .iter()
                        .filter(|r| r.case == case.id)
                        .max_by_key(|r| r.at);
                    if let Some(result) = newest {
                        state.defect_editor = Some(super::defects::DefectEditor::new_defect(
                            DefectFields::from_failure(case, run, result),
                        ));
                    }
                }
            });
        }
        if let Some(status) = record {
            // Step results only when some were set.
            let steps = if exec.steps.iter().any(|s| *s != ResultStatus::Untested) {
                exec.steps.clone()
            } else {
                Vec::new()
            };
            actions.push(Action::Apply(Change::RecordResult {
                run: run.id,
                result: TestResult {
                    case: case.id,
                    status,
                    steps,
                    comment: std::mem::take(&mut exec.comment),
                    by: exec.tester.trim().to_owned(),
                    at: chrono::Local::now().naive_local(),
                },
            }));
            exec.cursor = (exec.cursor + 1).min(n.saturating_sub(1));
        }
    }
    ui.separator();
    let cursor = exec.cursor;
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("exec-table")
        .striped(true)
        .column(Column::exact(size::COL_S))
        .column(Column::remainder().at_least(size::COL_TEXT).clip(true))
        .column(Column::exact(size::COL_M))
        .column(Column::exact(size::COL_S))
        .header(size::ROW_HEIGHT, |mut header| {
            super::headings(
                &mut header,
                m,
                &[
                    "quality.column.key",
                    "quality.column.title",
                    "quality.latest",
                    "quality.runs_count",
                ],
            );
        })
        .body(|body| {
            body.rows(size::ROW_HEIGHT, n, |mut row| {
                let i = row.index();
                let id = run.fields.cases[i];
                row.set_selected(i == cursor);
                let title = session.case(id).map_or("", |c| c.fields.title.as_str());
                row.col(|ui| {
                    if ui.link(id.key()).clicked() {
                        clicked = Some(i);
                    }
                });
                row.col(|ui| {
                    if ui
                        .add(
                            egui::Label::new(title)
                                .truncate()
                                .sense(egui::Sense::click()),
                        )
                        .clicked()
                    {
                        clicked = Some(i);
                    }
                });
                row.col(|ui| {
                    let s = latest.get(&id).copied().unwrap_or(ResultStatus::Untested);
                    ui.label(RichText::new(status_label(m, s)).color(status_colour(ui, s)));
                });
                row.col(|ui| {
                    let times = run.fields.results.iter().filter(|r| r.case == id).count();
                    ui.label(times.to_string());
                });
            });
        });
    if let Some(i) = clicked {
        state.execution.cursor = i;
    }
}
