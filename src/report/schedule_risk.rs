//! Schedule risk analysis of a project as the Risks page, the reports and
//! `simulate --json` read it: the plan with its three-point estimates and the
//! register's risk events sampled (see [`crate::model::simulation`]), turned into
//! dates, percentiles, the chance of meeting the baseline and the deadline, each
//! milestone's P50/P80, and per task its criticality and sensitivity.

use chrono::NaiveDateTime;

use crate::model::estimate::{BetaQuantiles, Draw, Estimate};
use crate::model::plan::{PlanInputs, PlanNetwork, TaskSchedule};
use crate::model::risk::{Risk, RiskKind};
use crate::model::schedule::{ElapsedClock, Sampler};
use crate::model::simulation::{
    Control, CorrelationGroup, Model, Outcome, RiskEvent, Settings, UncertainTask, percentile,
};
use crate::model::task::MINUTES_PER_DAY;
use crate::model::work_calendar::WorkAxis;
use crate::model::{Project, TaskId};
use crate::store::{StoreResult, Workspace};

/// The iterations a run makes unless told otherwise.
pub const DEFAULT_ITERATIONS: usize = 5000;
/// How many draws a run keeps at most (tasks × iterations): 50 million, 200 MB.
pub const MAX_KEPT_DRAWS: usize = 50_000_000;

/// The seed a run uses unless told otherwise.
pub const DEFAULT_SEED: u64 = 1;

/// The percentiles reported: P10, P50, P80, P90 and the mean.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread<T> {
    pub p10: T,
    pub p50: T,
    pub p80: T,
    pub p90: T,
    pub mean: T,
}

/// A milestone's finish in the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct MilestoneRisk {
    pub task: TaskId,
    pub uid: i64,
    pub name: String,
    /// Its date in the plan.
    pub planned: NaiveDateTime,
    pub p50: NaiveDateTime,
    pub p80: NaiveDateTime,
    /// Its finish in each iteration, in working days from the project start, sorted.
    pub sorted_days: Vec<f64>,
    /// Its planned finish on the same scale.
    pub planned_days: f64,
}

/// A task in the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskRisk {
    pub task: TaskId,
    pub uid: i64,
    pub name: String,
    /// Share of iterations it was on the critical path.
    pub criticality: f64,
    /// Spearman's rank correlation of its duration with the finish; `None` when its
    /// duration does not vary.
    pub sensitivity: Option<f64>,
    pub estimated: bool,
}

/// One risk's effect on the P80 finish: working days saved without it.
#[derive(Clone, Debug, PartialEq)]
pub struct TornadoBar {
    pub label: String,
    pub days_saved: f64,
}

/// A finished analysis.
#[derive(Clone, Debug, PartialEq)]
pub struct ScheduleRisk {
    pub project: String,
    pub iterations: usize,
    pub seed: u64,
    pub deterministic_finish: NaiveDateTime,
    pub finish: Spread<NaiveDateTime>,
    pub duration_days: Spread<f64>,
    /// Every iteration's duration in working days, sorted (histogram, S-curve).
    pub sorted_days: Vec<f64>,
    /// The plan's own duration in working days, on the same scale.
    pub deterministic_days: f64,
    /// Every iteration's finish, sorted.
    pub sorted_finish: Vec<NaiveDateTime>,
    pub milestones: Vec<MilestoneRisk>,
    pub tasks: Vec<TaskRisk>,
    pub baseline_finish: Option<NaiveDateTime>,
    /// The latest deadline of the plan's tasks.
    pub deadline: Option<NaiveDateTime>,
    /// The chance the project finishes by its baseline finish.
    pub probability_by_baseline: Option<f64>,
    /// The chance every task with a deadline finishes by it.
    pub probability_by_deadline: Option<f64>,
    /// How many tasks carry an estimate, and how many risk events took part.
    pub estimated_tasks: usize,
    pub risk_events: usize,
}

/// What a simulation of one project reads, gathered once (on the calling thread);
/// [`Simulation::run`] may then go to a background thread.
pub struct Simulation {
    project: Project,
    inputs: PlanInputs,
    network: PlanNetwork,
    schedule: Vec<TaskSchedule>,
    risks: Vec<Risk>,
    groups: Vec<(Vec<TaskId>, f64)>,
}

impl Simulation {
    /// Reads the project's plan, estimates and the open risks with a schedule effect.
    pub fn read(ws: &Workspace, project: &Project) -> StoreResult<Simulation> {
        let inputs = ws.plan_inputs(project)?;
        let (network, schedule) = inputs
            .to_schedule(project)
            .simulation_network()
            .map_err(|e| Workspace::plan_failure(e, &inputs.plan.tasks))?;
        let risks = ws
            .risks()?
            .into_iter()
            .filter(|r| r.fields.project.is_none_or(|p| p == project.id))
            .collect();
        let groups = ws
            .correlations(project.id)?
            .into_iter()
            .filter(|g| g.is_valid())
            .map(|g| (g.tasks, g.coefficient))
            .collect();
        Ok(Simulation {
            project: project.clone(),
            inputs,
            network,
            schedule,
            risks,
            groups,
        })
    }

    /// Whether anything in the project's plan varies: a task with an estimate, or an
    /// open risk with a schedule effect (checked without building the network).
    pub fn has_uncertainty(ws: &Workspace, project: &Project) -> StoreResult<bool> {
        if ws
            .plan(project.id)?
            .tasks
            .iter()
            .any(|t| t.fields.estimate.is_some())
        {
            return Ok(true);
        }
        Ok(ws.risks()?.iter().any(|r| {
            r.fields.is_open()
                && r.fields.effect.is_some()
                && r.fields.project.is_none_or(|p| p == project.id)
        }))
    }

    /// How many tasks the plan has.
    pub fn task_count(&self) -> usize {
        self.inputs.plan.tasks.len()
    }

    /// Tasks whose durations move together, with their correlation coefficient.
    pub fn with_groups(mut self, groups: Vec<(Vec<TaskId>, f64)>) -> Simulation {
        self.groups = groups;
        self
    }

    /// The risk events the simulation samples: open risks with a schedule effect on
    /// tasks of this plan.
    fn events(&self) -> Vec<(&Risk, RiskEvent)> {
        let index = self.net_index();
        self.risks
            .iter()
            .filter(|r| r.fields.is_open())
            .filter_map(|r| {
                let effect = r.fields.effect.as_ref()?;
                let tasks: Vec<usize> = effect
                    .tasks
                    .iter()
                    .filter_map(|t| index.get(t).copied())
                    .collect();
                if tasks.is_empty() {
                    return None;
                }
                let minutes = |days: f64| (days.max(0.0) * MINUTES_PER_DAY as f64).round() as i64;
                let (lo, mid, hi) = (
                    minutes(effect.min_days),
                    minutes(effect.likely_days),
                    minutes(effect.max_days),
                );
                let estimate = Estimate {
                    optimistic: lo.min(mid),
                    most_likely: mid,
                    pessimistic: hi.max(mid),
                    distribution: crate::model::estimate::Distribution::Triangular,
                };
                Some((
                    r,
                    RiskEvent {
                        chance: r.fields.chance(),
                        tasks,
                        minutes: Draw::new(&estimate, &mut Vec::new()),
                        opportunity: r.fields.kind == RiskKind::Opportunity,
                    },
                ))
            })
            .collect()
    }

    /// Network index of each task.
    fn net_index(&self) -> std::collections::HashMap<TaskId, usize> {
        let tasks = &self.inputs.plan.tasks;
        self.network
            .order
            .iter()
            .enumerate()
            .map(|(k, &i)| (tasks[i].id, k))
            .collect()
    }

    fn model<'s>(&'s self, sampler: &'s Sampler<'s>) -> Model<'s> {
        let tasks = &self.inputs.plan.tasks;
        let net = &self.network.net;
        let mut shapes: Vec<(i64, std::sync::Arc<BetaQuantiles>)> = Vec::new();
        let mut uncertain = Vec::new();
        let mut milestones = Vec::new();
        for (k, &i) in self.network.order.iter().enumerate() {
            if !sampler.is_leaf(k) {
                continue;
            }
            let f = &tasks[i].fields;
            // Milestones are reported; tasks with a deadline are kept to tell
            // whether each iteration met every deadline.
            if f.milestone || f.deadline.is_some() {
                milestones.push(k);
            }
            let Some(estimate) = f.estimate.filter(|e| e.check().is_ok()) else {
                continue;
            };
            if f.actual_finish.is_some() || f.duration_minutes <= 0 {
                continue;
            }
            let whole = net.tasks[k].duration;
            // What is done is done: a started task's remaining work varies.
            let variable = if f.actual_start.is_some() {
                f.remaining_minutes()
            } else {
                f.duration_minutes
            };
            uncertain.push(UncertainTask {
                task: k,
                draw: Draw::new(&estimate, &mut shapes),
                fixed: (whole - variable).max(0),
                variable,
                planned: f.duration_minutes,
            });
        }
        let index_in_uncertain: std::collections::HashMap<usize, usize> = uncertain
            .iter()
            .enumerate()
            .map(|(j, u)| (u.task, j))
            .collect();
        let net_index = self.net_index();
        let groups = self
            .groups
            .iter()
            .map(|(members, coefficient)| CorrelationGroup {
                members: members
                    .iter()
                    .filter_map(|t| net_index.get(t))
                    .filter_map(|k| index_in_uncertain.get(k).copied())
                    .collect(),
                coefficient: *coefficient,
            })
            .collect();
        Model {
            sampler,
            durations: net.tasks.iter().map(|t| t.duration).collect(),
            uncertain,
            risks: self.events().into_iter().map(|(_, e)| e).collect(),
            groups,
            milestones,
        }
    }

    /// Runs `iterations` from `seed` on all cores; `None` when cancelled.
    pub fn run(
        &self,
        iterations: usize,
        seed: u64,
        control: &Control,
    ) -> StoreResult<Option<ScheduleRisk>> {
        let sampler = Sampler::new(&self.network.net, self.network.project_start)
            .map_err(|_| crate::store::StoreError::InvalidPlan("the links form a cycle".into()))?;
        let model = self.model(&sampler);
        // Every draw of every uncertain task and tracked milestone is kept for the
        // sensitivities and percentiles: bound what that costs.
        let kept = (model.uncertain.len() + model.milestones.len() + 1).max(1);
        let most = (MAX_KEPT_DRAWS / kept).max(1);
        if iterations > most {
            return Err(crate::store::StoreError::TooLarge(format!(
                "{iterations} iterations of a plan with {} uncertain tasks would keep too many draws; at most {most} iterations",
                model.uncertain.len()
            )));
        }
        let settings = Settings {
            iterations: iterations.max(1),
            seed,
            without_risk: None,
            fixed_task: None,
        };
        let axis = &self.network.axis;
        let clocks = || Box::new(axis.clock()) as Box<dyn ElapsedClock + '_>;
        let Some(outcome) = model.simulate(&settings, &clocks, control) else {
            return Ok(None);
        };
        Ok(Some(self.summarise(&model, &settings, &outcome)))
    }

    /// The tornado: for each of the `top` risk events with the largest expected
    /// delay, the P80 finish's working days saved without it, and for each of the
    /// `top` tasks that drive the finish most (criticality × sensitivity), the days
    /// saved were it certain (held at its planned duration) — the same draws
    /// otherwise; largest first.
    pub fn tornado(
        &self,
        iterations: usize,
        seed: u64,
        top: usize,
        control: &Control,
    ) -> StoreResult<Option<Vec<TornadoBar>>> {
        let sampler = Sampler::new(&self.network.net, self.network.project_start)
            .map_err(|_| crate::store::StoreError::InvalidPlan("the links form a cycle".into()))?;
        let model = self.model(&sampler);
        let events = self.events();
        let mut ranked: Vec<usize> = (0..events.len()).collect();
        let expected = |e: &RiskEvent| e.chance * e.minutes.draw(0.5) * e.tasks.len() as f64;
        ranked.sort_by(|&a, &b| expected(&events[b].1).total_cmp(&expected(&events[a].1)));
        ranked.truncate(top);
        let axis = &self.network.axis;
        let clocks = || Box::new(axis.clock()) as Box<dyn ElapsedClock + '_>;
        let run = |without_risk: Option<usize>, fixed_task: Option<usize>| {
            let settings = Settings {
                iterations: iterations.max(1),
                seed,
                without_risk,
                fixed_task,
            };
            model.simulate(&settings, &clocks, control)
        };
        let p80 = |o: &Outcome| {
            let mut f = o.finish.clone();
            f.sort_unstable();
            percentile(&f, 80.0).unwrap_or(0)
        };
        let Some(all) = run(None, None) else {
            return Ok(None);
        };
        let base = p80(&all);
        let mut bars = Vec::new();
        for r in ranked {
            let Some(without) = run(Some(r), None) else {
                return Ok(None);
            };
            let risk = events[r].0;
            bars.push(TornadoBar {
                label: format!("{} {}", risk.id.key(), risk.fields.title),
                days_saved: self.days_between(p80(&without), base),
            });
        }
        // The tasks that drive the finish: often critical and strongly correlated.
        let mut drivers: Vec<(usize, f64)> = model
            .uncertain
            .iter()
            .enumerate()
            .map(|(j, u)| {
                let s = all.sensitivity[j].unwrap_or(0.0).max(0.0);
                (j, all.criticality[u.task] * s)
            })
            .filter(|(_, score)| *score > 0.0)
            .collect();
        drivers.sort_by(|a, b| b.1.total_cmp(&a.1));
        drivers.truncate(top);
        let tasks = &self.inputs.plan.tasks;
        for (j, _) in drivers {
            let Some(fixed) = run(None, Some(j)) else {
                return Ok(None);
            };
            let name = tasks[self.network.order[model.uncertain[j].task]]
                .fields
                .name
                .clone();
            bars.push(TornadoBar {
                label: name,
                days_saved: self.days_between(p80(&fixed), base),
            });
        }
        bars.sort_by(|a, b| b.days_saved.total_cmp(&a.days_saved));
        Ok(Some(bars))
    }

    /// Working days of the project calendar from offset `a` to offset `b`.
    fn days_between(&self, a: i64, b: i64) -> f64 {
        let mut clock = self.network.axis.clock();
        let mut project = self.project_axis();
        let minutes = |clock: &mut crate::model::calendar_axes::CalendarAxes<'_>,
                       project: &mut WorkAxis<'_>,
                       at: i64| {
            if self.network.axis.is_project_calendar() {
                at
            } else {
                clock.axis().finish_at(at).map_or(at, |d| project.offset(d))
            }
        };
        let (a, b) = (
            minutes(&mut clock, &mut project, a),
            minutes(&mut clock, &mut project, b),
        );
        (b - a) as f64 / MINUTES_PER_DAY as f64
    }

    fn project_axis(&self) -> WorkAxis<'_> {
        WorkAxis::new(
            self.network.axis.project_calendar(),
            self.network.axis.origin(),
        )
    }

    fn summarise(&self, model: &Model<'_>, settings: &Settings, o: &Outcome) -> ScheduleRisk {
        let tasks = &self.inputs.plan.tasks;
        let mut clock = self.network.axis.clock();
        let start = self.network.project_start;
        let mut finish = o.finish.clone();
        finish.sort_unstable();
        let date = |clock: &mut crate::model::calendar_axes::CalendarAxes<'_>, at: i64| {
            clock.axis().finish_at(at).unwrap_or_default()
        };
        let spread_of =
            |sorted: &[i64], clock: &mut crate::model::calendar_axes::CalendarAxes<'_>| {
                let at = |p: f64| percentile(sorted, p).unwrap_or(start);
                let mean =
                    sorted.iter().map(|&f| f as f64).sum::<f64>() / sorted.len().max(1) as f64;
                Spread {
                    p10: date(clock, at(10.0)),
                    p50: date(clock, at(50.0)),
                    p80: date(clock, at(80.0)),
                    p90: date(clock, at(90.0)),
                    mean: date(clock, mean.round() as i64),
                }
            };
        let finish_spread = spread_of(&finish, &mut clock);
        // Durations in working days of the project calendar, from its start.
        let mut project = self.project_axis();
        let project_calendar = self.network.axis.is_project_calendar();
        let first = clock
            .axis()
            .start_at(start)
            .map_or(0, |d| project.offset(d));
        let mut days_at = |at: i64| -> f64 {
            let minutes = if project_calendar {
                at - start
            } else {
                clock
                    .axis()
                    .finish_at(at)
                    .map_or(0, |d| project.offset(d) - first)
            };
            minutes as f64 / MINUTES_PER_DAY as f64
        };
        let sorted_days: Vec<f64> = finish.iter().map(|&f| days_at(f)).collect();
        let mut axis = self.network.axis.clock();
        let mut offset = |d: NaiveDateTime| axis.axis().offset(d);
        let deterministic_days = self
            .schedule
            .iter()
            .map(|s| s.early_finish)
            .max()
            .map_or(0.0, |d| days_at(offset(d)));
        let planned_of = |id: TaskId| {
            self.schedule
                .iter()
                .find(|s| s.task == id)
                .map(|s| s.early_finish)
                .unwrap_or_default()
        };
        // Each reported milestone's finishes (sorted offsets) and days.
        let milestone_days: Vec<(usize, Vec<i64>, Vec<f64>, f64)> = model
            .milestones
            .iter()
            .zip(&o.milestones)
            .filter(|&(&k, _)| tasks[self.network.order[k]].fields.milestone)
            .map(|(&k, values)| {
                let mut sorted = values.clone();
                sorted.sort_unstable();
                let days = sorted.iter().map(|&f| days_at(f)).collect();
                let planned = days_at(offset(planned_of(tasks[self.network.order[k]].id)));
                (k, sorted, days, planned)
            })
            .collect();
        let day_at = |p: f64| {
            let rank = ((p / 100.0) * sorted_days.len() as f64).ceil() as usize;
            sorted_days
                .get(rank.clamp(1, sorted_days.len().max(1)) - 1)
                .copied()
                .unwrap_or(0.0)
        };
        let duration_days = Spread {
            p10: day_at(10.0),
            p50: day_at(50.0),
            p80: day_at(80.0),
            p90: day_at(90.0),
            mean: sorted_days.iter().sum::<f64>() / sorted_days.len().max(1) as f64,
        };
        let uid = |i: usize| tasks[i].fields.source_uid.unwrap_or(tasks[i].id.0);
        let milestones = milestone_days
            .into_iter()
            .map(|(k, sorted, days, planned_days)| {
                let i = self.network.order[k];
                let at = |p: f64| percentile(&sorted, p).unwrap_or(start);
                MilestoneRisk {
                    task: tasks[i].id,
                    uid: uid(i),
                    name: tasks[i].fields.name.clone(),
                    planned: planned_of(tasks[i].id),
                    p50: date(&mut clock, at(50.0)),
                    p80: date(&mut clock, at(80.0)),
                    sorted_days: days,
                    planned_days,
                }
            })
            .collect();
        let mut sensitivity = vec![None; self.network.order.len()];
        for (u, s) in model.uncertain.iter().zip(&o.sensitivity) {
            sensitivity[u.task] = *s;
        }
        let estimated: std::collections::HashSet<usize> =
            model.uncertain.iter().map(|u| u.task).collect();
        let task_risks = self
            .network
            .order
            .iter()
            .enumerate()
            .filter(|&(k, _)| model.sampler.is_leaf(k))
            .map(|(k, &i)| TaskRisk {
                task: tasks[i].id,
                uid: uid(i),
                name: tasks[i].fields.name.clone(),
                criticality: o.criticality[k],
                sensitivity: sensitivity[k],
                estimated: estimated.contains(&k),
            })
            .collect();
        let deterministic_finish = self
            .schedule
            .iter()
            .map(|s| s.early_finish)
            .max()
            .unwrap_or_default();
        let baseline_finish = self
            .inputs
            .plan
            .baselines
            .iter()
            .filter(|b| b.number == 0)
            .filter_map(|b| b.finish)
            .max();
        let deadline = tasks.iter().filter_map(|t| t.fields.deadline).max();
        // Per iteration: whether every task with a deadline finished by it.
        let deadlines: Vec<(&Vec<i64>, i64)> = model
            .milestones
            .iter()
            .zip(&o.milestones)
            .filter_map(|(&k, values)| {
                let d = tasks[self.network.order[k]].fields.deadline?;
                Some((values, clock.axis().offset(d)))
            })
            .collect();
        let deadlines_met = (!deadlines.is_empty()).then(|| {
            let met = (0..o.finish.len())
                .filter(|&j| deadlines.iter().all(|(values, at)| values[j] <= *at))
                .count();
            met as f64 / o.finish.len().max(1) as f64
        });
        let sorted_finish: Vec<NaiveDateTime> =
            finish.iter().map(|&f| date(&mut clock, f)).collect();
        let mut out = ScheduleRisk {
            project: self.project.fields.name.clone(),
            iterations: settings.iterations,
            seed: settings.seed,
            deterministic_finish,
            finish: finish_spread,
            duration_days,
            sorted_days,
            deterministic_days,
            sorted_finish,
            milestones,
            tasks: task_risks,
            baseline_finish,
            deadline,
            probability_by_baseline: None,
            probability_by_deadline: None,
            estimated_tasks: model.uncertain.len(),
            risk_events: model.risks.len(),
        };
        out.probability_by_baseline = baseline_finish.map(|b| out.probability_by(b));
        out.probability_by_deadline = deadlines_met;
        out
    }
}

/// A number rounded to `places` decimals for JSON.
fn rounded(v: f64, places: i32) -> f64 {
    let f = 10f64.powi(places);
    (v * f).round() / f
}

impl ScheduleRisk {
    /// The share of iterations finished by `moment`.
    pub fn probability_by(&self, moment: NaiveDateTime) -> f64 {
        self.sorted_finish.partition_point(|&f| f <= moment) as f64
            / self.sorted_finish.len().max(1) as f64
    }

    /// `simulate --json`.
    pub fn to_json(&self) -> serde_json::Value {
        let when = |d: NaiveDateTime| d.format("%Y-%m-%dT%H:%M:%S").to_string();
        let days = |d: f64| rounded(d, 2);
        let p = |v: Option<f64>| v.map(|v| rounded(v, 4));
        serde_json::json!({
            "project": self.project,
            "iterations": self.iterations,
            "seed": self.seed,
            "deterministic_finish": when(self.deterministic_finish),
            "finish": {
                "p10": when(self.finish.p10),
                "p50": when(self.finish.p50),
                "p80": when(self.finish.p80),
                "p90": when(self.finish.p90),
                "mean": when(self.finish.mean),
            },
            "duration_working_days": {
                "p10": days(self.duration_days.p10),
                "p50": days(self.duration_days.p50),
                "p80": days(self.duration_days.p80),
                "p90": days(self.duration_days.p90),
                "mean": days(self.duration_days.mean),
            },
            "milestones": self.milestones.iter().map(|m| serde_json::json!({
                "uid": m.uid,
                "name": m.name,
                "p50": when(m.p50),
                "p80": when(m.p80),
            })).collect::<Vec<_>>(),
            "tasks": self.tasks.iter().map(|t| serde_json::json!({
                "uid": t.uid,
                "name": t.name,
                "criticality": rounded(t.criticality, 4),
                "sensitivity": p(t.sensitivity),
            })).collect::<Vec<_>>(),
            "probability_by": {
                "baseline": p(self.probability_by_baseline),
                "deadline": p(self.probability_by_deadline),
            },
        })
    }
}
