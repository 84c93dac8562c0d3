//! The schedule risk simulation of the current project: iterations and seed, Run (in
//! the background, with progress and Cancel in the status bar), rerun by itself after
//! every edit while live; the finish's histogram and S-curve with the plan, P50 and
//! P80 marked; P10–P90 and the chance of the baseline, the deadline and a chosen date;
//! each milestone's P50/P80; the tasks by criticality and sensitivity; the tornado.

use egui::RichText;
use egui_plot::{Bar, BarChart, Legend, Line, Plot, PlotPoints, VLine};

use super::{NamedCombo, RisksState};
use crate::context::action::Action;
use crate::report::risk_session::RiskSession;
use crate::report::schedule_risk::{DEFAULT_ITERATIONS, DEFAULT_SEED, ScheduleRisk};
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// How many tasks the table lists.
const TASKS_LISTED: usize = 20;
/// Histogram bins.
const BINS: usize = 30;

/// The form: how many iterations, the seed, whether to rerun on every edit, and a
/// date to ask the chance of.
#[derive(Clone, Debug)]
pub struct SimulationForm {
    pub iterations: usize,
    pub seed: u64,
    pub live: bool,
    pub by: String,
    /// The range estimates are set as, for every task at once.
    pub low: i64,
    pub high: i64,
    pub distribution: crate::model::estimate::Distribution,
    pub overwrite: bool,
    /// Whose distribution the chart shows: the project (`None`) or a milestone.
    pub subject: Option<usize>,
    /// A correlation group being put together.
    pub group: Vec<crate::model::TaskId>,
    pub coefficient: f64,
    pick: Option<crate::model::TaskId>,
}

impl Default for SimulationForm {
    fn default() -> Self {
        SimulationForm {
            iterations: DEFAULT_ITERATIONS,
            seed: DEFAULT_SEED,
            live: true,
            by: String::new(),
            low: -10,
            high: 30,
            distribution: crate::model::estimate::Distribution::Pert,
            overwrite: false,
            subject: None,
            group: Vec::new(),
            coefficient: 0.5,
            pick: None,
        }
    }
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    state: &mut RisksState,
) {
    if session.project.is_none() {
        ui.label(m.t("gantt.no_project"));
        return;
    }
    let form = &mut state.simulation;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(m.t("risks.iterations"));
        ui.add(
            egui::DragValue::new(&mut form.iterations)
                .range(100..=100_000)
                .speed(100),
        )
        .labelled_by(l.id);
        let l = ui.label(m.t("risks.seed"));
        ui.add(egui::DragValue::new(&mut form.seed))
            .labelled_by(l.id);
        let running = m.job.is_some();
        if ui
            .add_enabled(
                !running,
                egui::Button::new(RichText::new(m.t("risks.run")).strong()),
            )
            .clicked()
        {
            actions.push(Action::RunSimulation {
                iterations: form.iterations,
                seed: form.seed,
            });
        }
        ui.checkbox(&mut form.live, m.t("risks.live"))
            .on_hover_text(m.t("risks.live_hint"));
        if running {
            ui.spinner();
        } else if session.simulation_stale() {
            ui.label(RichText::new(m.t("risks.stale")).weak());
        }
    });
    if m.view.is_some_and(|v| !v.read_only)
        && let Some(project) = session.project
    {
        range_form(ui, ViewCx::new(m, actions), project, form);
        correlations(ui, ViewCx::new(m, actions), session, project, form);
    }
    if let Some(health) = &session.health {
        let failed = health.checks.len() - health.passed();
        if failed > 0 {
            ui.label(
                RichText::new(crate::i18n::tr_with(
                    m.lang,
                    "risks.health_warning",
                    &[("n", &failed.to_string())],
                ))
                .color(ui.visuals().warn_fg_color),
            );
        }
    }
    ui.add_space(size::GAP_M);
    let Some(run) = &session.simulation else {
        ui.label(m.t("risks.not_run"));
        return;
    };
    let r = &run.result;
    egui::ScrollArea::vertical()
        .id_salt("simulation-scroll")
        .show(ui, |ui| {
            figures(ui, m, r, &mut state.simulation.by);
            ui.add_space(size::GAP_L);
            charts(ui, m, r, &mut state.simulation.subject);
            ui.add_space(size::SECTION_GAP);
            ui.horizontal_top(|ui| {
                ui.vertical(|ui| {
                    ui.set_max_width(size::FORM_WIDTH);
                    milestones(ui, m, r);
                    ui.add_space(size::GAP_L);
                    tornado(ui, m, &run.tornado);
                });
                ui.add_space(size::GAP_XXL);
                ui.vertical(|ui| tasks(ui, ViewCx::new(m, actions), r));
            });
        });
}

/// A column heading: a locale key, or a percentile's name as it is (P50).
fn heading(m: &FrameModel<'_>, key: &str) -> String {
    if key.contains('.') {
        m.t(key)
    } else {
        key.to_owned()
    }
}

/// Estimates for every unfinished task as a range around its duration.
fn range_form(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    project: crate::model::ProjectId,
    form: &mut SimulationForm,
) {
    egui::CollapsingHeader::new(m.t("risks.range"))
        .id_salt("estimate-range")
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(m.t("risks.range_low"));
                ui.add(
                    egui::DragValue::new(&mut form.low)
                        .range(-90..=0)
                        .suffix("%"),
                )
                .labelled_by(l.id);
                let l = ui.label(m.t("risks.range_high"));
                ui.add(
                    egui::DragValue::new(&mut form.high)
                        .range(0..=500)
                        .suffix("%"),
                )
                .labelled_by(l.id);
                let l = ui.label(m.t("editor.distribution"));
                egui::ComboBox::from_id_salt("range-distribution")
                    .selected_text(m.t(&format!("distribution.{}", form.distribution.id())))
                    .show_ui(ui, |ui| {
                        for d in crate::model::estimate::Distribution::ALL {
                            ui.selectable_value(
                                &mut form.distribution,
                                d,
                                m.t(&format!("distribution.{}", d.id())),
                            );
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.checkbox(&mut form.overwrite, m.t("risks.range_overwrite"));
                if ui.button(m.t("risks.range_apply")).clicked() {
                    actions.push(Action::Apply(crate::model::Change::SetEstimates {
                        project,
                        only: Vec::new(),
                        low_percent: form.low,
                        high_percent: form.high,
                        distribution: form.distribution,
                        overwrite: form.overwrite,
                    }));
                }
            });
            ui.label(RichText::new(m.t("risks.range_hint")).small().weak());
        });
}

/// The project's groups of correlated tasks: listed, removed, added.
fn correlations(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    project: crate::model::ProjectId,
    form: &mut SimulationForm,
) {
    use crate::model::simulation::Correlation;
    egui::CollapsingHeader::new(format!(
        "{} ({})",
        m.t("risks.correlation"),
        session.correlations.len()
    ))
    .id_salt("correlations")
    .show(ui, |ui| {
        ui.label(RichText::new(m.t("risks.correlation_hint")).small().weak());
        let name = |t: &crate::model::TaskId| session.task_name(*t).unwrap_or("?").to_owned();
        let mut remove = None;
        for (k, g) in session.correlations.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "ρ = {:.2}: {}",
                    g.coefficient,
                    g.tasks.iter().map(name).collect::<Vec<_>>().join("、")
                ));
                if ui.small_button("×").clicked() {
                    remove = Some(k);
                }
            });
        }
        if let Some(k) = remove {
            let mut groups = session.correlations.clone();
            groups.remove(k);
            actions.push(Action::Apply(crate::model::Change::SetCorrelations {
                project,
                groups,
            }));
        }
        ui.horizontal_wrapped(|ui| {
            for t in form.group.clone() {
                if ui.small_button(format!("{} ×", name(&t))).clicked() {
                    form.group.retain(|x| *x != t);
                }
            }
            let label = ui.label(m.t("risks.correlation_add_task"));
            egui::ComboBox::from_id_salt("correlation-task")
                .selected_text(form.pick.map_or_else(|| "—".to_owned(), |t| name(&t)))
                .height(size::HEIGHT_L)
                .show_ui(ui, |ui| {
                    for t in &session.tasks {
                        if ui
                            .selectable_label(false, format!("{} {}", t.uid, t.name))
                            .clicked()
                            && !form.group.contains(&t.id)
                        {
                            form.group.push(t.id);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            let l = ui.label(m.t("risks.correlation_coefficient"));
            ui.add(egui::Slider::new(&mut form.coefficient, 0.0..=1.0))
                .labelled_by(l.id);
            let group = Correlation {
                tasks: form.group.clone(),
                coefficient: form.coefficient,
            };
            if ui
                .add_enabled(
                    group.is_valid(),
                    egui::Button::new(m.t("risks.correlation_add")),
                )
                .clicked()
            {
                let mut groups = session.correlations.clone();
                groups.push(group);
                actions.push(Action::Apply(crate::model::Change::SetCorrelations {
                    project,
                    groups,
                }));
                form.group.clear();
            }
        });
    });
}

fn when(d: chrono::NaiveDateTime) -> String {
    d.format("%Y-%m-%d %H:%M").to_string()
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "—".to_owned(), |p| format!("{:.0}%", p * 100.0))
}

fn figures(ui: &mut egui::Ui, m: &FrameModel<'_>, r: &ScheduleRisk, by: &mut String) {
    ui.label(
        RichText::new(crate::i18n::tr_with(
            m.lang,
            "risks.run_summary",
            &[
                ("n", &r.iterations.to_string()),
                ("seed", &r.seed.to_string()),
                ("tasks", &r.estimated_tasks.to_string()),
                ("risks", &r.risk_events.to_string()),
            ],
        ))
        .weak(),
    );
    egui::Grid::new("simulation-figures")
        .num_columns(6)
        .spacing([size::GAP_XL, size::GAP_S])
        .show(ui, |ui| {
            for key in ["risks.planned", "P10", "P50", "P80", "P90", "risks.mean"] {
                ui.label(RichText::new(heading(m, key)).strong());
            }
            ui.end_row();
            for d in [
                r.deterministic_finish,
                r.finish.p10,
                r.finish.p50,
                r.finish.p80,
                r.finish.p90,
                r.finish.mean,
            ] {
                ui.label(when(d));
            }
            ui.end_row();
            let days = &r.duration_days;
            ui.label(m.t("risks.working_days"));
            for v in [days.p10, days.p50, days.p80, days.p90, days.mean] {
                ui.label(format!("{v:.1}"));
            }
            ui.end_row();
        });
    ui.add_space(size::GAP_S);
    ui.horizontal_wrapped(|ui| {
        ui.label(crate::i18n::tr_with(
            m.lang,
            "risks.chance_baseline",
            &[
                ("p", &percent(r.probability_by_baseline)),
                (
                    "date",
                    &r.baseline_finish.map(when).unwrap_or_else(|| "—".into()),
                ),
            ],
        ));
        ui.separator();
        ui.label(crate::i18n::tr_with(
            m.lang,
            "risks.chance_deadline",
            &[("p", &percent(r.probability_by_deadline))],
        ));
        ui.separator();
        ui.label(m.t("risks.chance_by"));
        ui.add(
            egui::TextEdit::singleline(by)
                .hint_text("2027-03-01")
                .desired_width(size::FIELD_DATE),
        );
        if let Some(day) = crate::model::day::parse_day(by) {
            let end = day.and_hms_opt(23, 59, 59).unwrap_or_default();
            ui.label(RichText::new(percent(Some(r.probability_by(end)))).strong());
        }
    });
}

/// The histogram of durations (working days) with the S-curve over it (right axis
/// read as %: the curve is drawn on the histogram's scale).
fn charts(ui: &mut egui::Ui, m: &FrameModel<'_>, r: &ScheduleRisk, subject: &mut Option<usize>) {
    let palette = crate::ui::theme::palette(ui.visuals());
    if subject.is_some_and(|k| k >= r.milestones.len()) {
        *subject = None;
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new(m.t("risks.distribution")).strong());
        let name = |s: &Option<usize>| match s {
            Some(k) => format!("◆ {}", r.milestones[*k].name),
            None => m.t("risks.project_finish"),
        };
        egui::ComboBox::from_id_salt("distribution-subject")
            .selected_text(name(subject))
            .show_named(ui, &m.t("risks.distribution"), |ui| {
                ui.selectable_value(subject, None, name(&None));
                for k in 0..r.milestones.len() {
                    ui.selectable_value(subject, Some(k), name(&Some(k)));
                }
            });
    });
    let (days, planned_days) = match subject {
        Some(k) => (&r.milestones[*k].sorted_days, r.milestones[*k].planned_days),
        None => (&r.sorted_days, r.deterministic_days),
    };
    let at = |p: f64| {
        let rank = ((p / 100.0) * days.len() as f64).ceil() as usize;
        days.get(rank.clamp(1, days.len().max(1)) - 1)
            .copied()
            .unwrap_or(0.0)
    };
    let (p50, p80) = (at(50.0), at(80.0));
    let (Some(&lo), Some(&hi)) = (days.first(), days.last()) else {
        return;
    };
    let width = ((hi - lo) / BINS as f64).max(0.1);
    let mut counts = vec![0usize; BINS + 1];
    for &d in days {
        counts[(((d - lo) / width) as usize).min(BINS)] += 1;
    }
    let top = counts.iter().copied().max().unwrap_or(1).max(1) as f64;
    let bars: Vec<Bar> = counts
        .iter()
        .enumerate()
        .map(|(k, &c)| Bar::new(lo + (k as f64 + 0.5) * width, c as f64).width(width * 0.9))
        .collect();
    let n = days.len().max(1) as f64;
    let curve: PlotPoints = days
        .iter()
        .enumerate()
        .step_by((days.len() / 200).max(1))
        .map(|(k, &d)| [d, (k + 1) as f64 / n * top])
        .collect();
    Plot::new("simulation-histogram")
        .height(size::HEIGHT_L)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .allow_scroll(false)
        .allow_zoom(false)
        .allow_drag(false)
        .show(ui, |plot| {
            plot.bar_chart(
                BarChart::new(m.t("risks.iterations_per_bin"), bars).color(palette.series),
            );
            plot.line(Line::new(m.t("risks.s_curve"), curve).color(palette.accent));
            plot.vline(VLine::new(m.t("risks.planned"), planned_days).color(palette.muted_text));
            plot.vline(VLine::new("P50", p50).color(palette.warning));
            plot.vline(VLine::new("P80", p80).color(palette.danger));
        });
    ui.label(RichText::new(m.t("risks.distribution_hint")).small().weak());
}

fn milestones(ui: &mut egui::Ui, m: &FrameModel<'_>, r: &ScheduleRisk) {
    ui.label(RichText::new(m.t("risks.milestones")).strong());
    egui::Grid::new("simulation-milestones")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for key in ["risks.milestone", "risks.planned", "P50", "P80"] {
                ui.label(RichText::new(heading(m, key)).strong());
            }
            ui.end_row();
            for ms in &r.milestones {
                ui.label(&ms.name);
                ui.label(ms.planned.format("%Y-%m-%d").to_string());
                ui.label(ms.p50.format("%Y-%m-%d").to_string());
                ui.label(ms.p80.format("%Y-%m-%d").to_string());
                ui.end_row();
            }
        });
}

/// Working days each top risk moves the P80 by.
fn tornado(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    bars: &[crate::report::schedule_risk::TornadoBar],
) {
    let palette = crate::ui::theme::palette(ui.visuals());
    ui.label(RichText::new(m.t("risks.tornado")).strong())
        .on_hover_text(m.t("risks.tornado_hint"));
    if bars.is_empty() {
        ui.label(RichText::new(m.t("risks.tornado_none")).weak());
        return;
    }
    let longest = bars
        .iter()
        .map(|b| b.days_saved.abs())
        .fold(0.0, f64::max)
        .max(0.1);
    for b in bars {
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(
                egui::vec2(size::COL_TEXT, size::BAR_HEIGHT),
                egui::Sense::hover(),
            );
            let w = (b.days_saved.abs() / longest) as f32 * rect.width();
            let bar = egui::Rect::from_min_size(rect.min, egui::vec2(w, rect.height()));
            ui.painter().rect_filled(
                bar,
                2.0,
                if b.days_saved >= 0.0 {
                    palette.danger
                } else {
                    palette.success
                },
            );
            ui.label(format!("{:+.1}", b.days_saved));
            ui.add(egui::Label::new(&b.label).truncate());
        });
    }
}

/// The tasks most often critical, with their sensitivity; a click shows one on the
/// Gantt.
fn tasks(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, r: &ScheduleRisk) {
    ui.label(RichText::new(m.t("risks.criticality")).strong())
        .on_hover_text(m.t("risks.criticality_hint"));
    let mut listed: Vec<&crate::report::schedule_risk::TaskRisk> = r.tasks.iter().collect();
    listed.sort_by(|a, b| {
        b.criticality.total_cmp(&a.criticality).then(
            b.sensitivity
                .unwrap_or(0.0)
                .total_cmp(&a.sensitivity.unwrap_or(0.0)),
        )
    });
    egui::Grid::new("simulation-tasks")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            for key in [
                "weekly.col.task",
                "risks.criticality_col",
                "risks.sensitivity_col",
            ] {
                ui.label(RichText::new(m.t(key)).strong());
            }
            ui.end_row();
            for t in listed.into_iter().take(TASKS_LISTED) {
                if ui.link(&t.name).clicked() {
                    actions.push(Action::SelectTasks(vec![t.task]));
                    actions.push(Action::Navigate(crate::context::action::Page::Gantt));
                }
                ui.label(format!("{:.0}%", t.criticality * 100.0));
                ui.label(
                    t.sensitivity
                        .map_or_else(|| "—".to_owned(), |s| format!("{s:.2}")),
                );
                ui.end_row();
            }
        });
}
