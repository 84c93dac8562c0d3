//! Monte Carlo schedule risk analysis: each iteration draws every estimated task's
//! duration and whether each risk event happens (and by how much), schedules the
//! network with those durations, and keeps the project's and the milestones' finish
//! and which tasks were critical. Iteration `i` draws from its own random stream made
//! from the seed and `i`, so the result does not depend on how the iterations are
//! spread over threads, and reruns with a risk switched off see the same draws.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;

use super::estimate::Draw;
use super::schedule::{ElapsedClock, SampledDraw, Sampler};
use super::synthetic::Random;

/// A task whose duration is uncertain: `fixed + variable × draw ÷ planned` working
/// minutes, where `draw` comes from its estimate (made about a duration of
/// `planned`). A started task's work done is fixed; what remains varies.
#[derive(Clone, Debug)]
pub struct UncertainTask {
    /// Network index.
    pub task: usize,
    pub draw: Draw,
    pub fixed: i64,
    pub variable: i64,
    pub planned: i64,
}

/// A risk that may happen in an iteration: with `chance`, it adds a drawn number of
/// working minutes to each of its tasks (takes them away for an opportunity).
#[derive(Clone, Debug)]
pub struct RiskEvent {
    pub chance: f64,
    /// Network indexes.
    pub tasks: Vec<usize>,
    /// Working minutes it adds when it happens.
    pub minutes: Draw,
    pub opportunity: bool,
}

/// Tasks whose durations move together: their uniforms share a normal factor with
/// weight √coefficient (a Gaussian copula).
#[derive(Clone, Debug)]
pub struct CorrelationGroup {
    /// Indexes into [`Model::uncertain`].
    pub members: Vec<usize>,
    pub coefficient: f64,
}

/// Tasks of a project whose durations move together, as the user keeps them: the
/// tasks and their correlation coefficient (0–1).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Correlation {
    pub tasks: Vec<super::TaskId>,
    pub coefficient: f64,
}

impl Correlation {
    /// The setting a project's correlation groups are kept under.
    pub fn setting_key(project: super::ProjectId) -> String {
        format!("simulation_correlation/{}", project.0)
    }

    /// Whether the group can be used: two tasks or more, a coefficient in 0–1.
    pub fn is_valid(&self) -> bool {
        self.tasks.len() >= 2 && (0.0..=1.0).contains(&self.coefficient)
    }
}

/// What a simulation samples.
pub struct Model<'a> {
    pub sampler: &'a Sampler<'a>,
    /// The plan's durations, in network order: what a task without an estimate
    /// keeps.
    pub durations: Vec<i64>,
    pub uncertain: Vec<UncertainTask>,
    pub risks: Vec<RiskEvent>,
    pub groups: Vec<CorrelationGroup>,
    /// Network indexes of the milestones whose finishes are kept.
    pub milestones: Vec<usize>,
}

/// How many iterations, from which seed; a risk left out (for the tornado).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub iterations: usize,
    pub seed: u64,
    pub without_risk: Option<usize>,
    /// An uncertain task (index into [`Model::uncertain`]) held at its planned
    /// duration (for the tornado); its random number is still drawn.
    pub fixed_task: Option<usize>,
}

/// Progress and Cancel, shared with whoever waits.
#[derive(Default)]
pub struct Control {
    pub cancel: AtomicBool,
    pub done: AtomicUsize,
}

/// What a simulation found.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The project's finish (axis offset) per iteration.
    pub finish: Vec<i64>,
    /// Per milestone of the model, its finish per iteration.
    pub milestones: Vec<Vec<i64>>,
    /// Per network task, the share of iterations it was critical in.
    pub criticality: Vec<f64>,
    /// Per uncertain task (as in the model): Spearman's rank correlation of its
    /// duration with the project's finish; `None` when either never varied.
    pub sensitivity: Vec<Option<f64>>,
}

/// Iterations per piece of work handed to a thread.
const CHUNK: usize = 128;

/// A clock for a thread: the calendars' arithmetic keeps caches, so each has its own.
pub type ClockFactory<'a> = dyn Fn() -> Box<dyn ElapsedClock + 'a> + Sync + 'a;

struct Chunk {
    finish: Vec<i64>,
    /// Milestone-major: milestone k's finishes are `k * len..(k + 1) * len`.
    milestones: Vec<i64>,
    /// Uncertain-task-major, as drawn (working minutes).
    durations: Vec<f32>,
    critical: Vec<u32>,
}

fn uniform(rng: &mut Random) -> f64 {
    // 53 random bits, centred in their step: never exactly 0 or 1.
    ((rng.next_u64() >> 11) as f64 + 0.5) * (1.0 / (1u64 << 53) as f64)
}

fn normal(rng: &mut Random) -> f64 {
    let (u1, u2) = (uniform(rng), uniform(rng));
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// The standard normal CDF (Abramowitz & Stegun 26.2.17; error under 1e-7).
fn normal_cdf(z: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * z.abs());
    let poly = t
        * (0.319_381_530
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-0.5 * z * z).exp() * 0.398_942_280_401_432_7 * poly;
    if z >= 0.0 { 1.0 - tail } else { tail }
}

/// The random stream of iteration `i`.
fn stream(seed: u64, i: usize) -> Random {
    let mut mix = Random(seed ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93));
    Random(mix.next_u64())
}

impl Model<'_> {
    /// Draws iteration `i`'s durations into `durations` (network order).
    fn draw(
        &self,
        settings: &Settings,
        i: usize,
        group_of: &[Option<(usize, f64)>],
        durations: &mut [i64],
        shared: &mut [f64],
    ) {
        let mut rng = stream(settings.seed, i);
        for z in shared.iter_mut() {
            *z = normal(&mut rng);
        }
        durations.copy_from_slice(&self.durations);
        for (k, u) in self.uncertain.iter().enumerate() {
            let p = match group_of[k] {
                Some((g, rho)) => {
                    normal_cdf(rho.sqrt() * shared[g] + (1.0 - rho).sqrt() * normal(&mut rng))
                }
                None => uniform(&mut rng),
            };
            let drawn = if settings.fixed_task == Some(k) {
                u.planned as f64
            } else {
                u.draw.draw(p)
            };
            let varied = if u.planned > 0 {
                u.variable as f64 * drawn / u.planned as f64
            } else {
                drawn
            };
            durations[u.task] = u.fixed + varied.round().max(0.0) as i64;
        }
        for (r, risk) in self.risks.iter().enumerate() {
            // Both numbers are drawn whether or not it happens, so every later draw
            // stays the same when a risk is left out.
            let (happens, size) = (uniform(&mut rng) < risk.chance, uniform(&mut rng));
            if !happens || settings.without_risk == Some(r) {
                continue;
            }
            let minutes = risk.minutes.draw(size).round() as i64;
            for &t in &risk.tasks {
                let d = &mut durations[t];
                *d = if risk.opportunity {
                    (*d - minutes).max(0)
                } else {
                    d.saturating_add(minutes)
                };
            }
        }
    }

    fn chunk(
        &self,
        settings: &Settings,
        range: std::ops::Range<usize>,
        clock: &mut dyn ElapsedClock,
        group_of: &[Option<(usize, f64)>],
        control: &Control,
    ) -> Chunk {
        let len = range.len();
        let n = self.durations.len();
        let mut out = Chunk {
            finish: Vec::with_capacity(len),
            milestones: vec![0; self.milestones.len() * len],
            durations: vec![0.0; self.uncertain.len() * len],
            critical: vec![0; n],
        };
        let mut durations = vec![0i64; n];
        let mut shared = vec![0.0; self.groups.len()];
        let mut draw: SampledDraw = self.sampler.draw();
        for (j, i) in range.enumerate() {
            if control.cancel.load(Ordering::Relaxed) {
                break;
            }
            self.draw(settings, i, group_of, &mut durations, &mut shared);
            self.sampler.run(&durations, clock, &mut draw);
            out.finish.push(draw.project_finish);
            for (k, &m) in self.milestones.iter().enumerate() {
                out.milestones[k * len + j] = draw.early_finish[m];
            }
            for (k, u) in self.uncertain.iter().enumerate() {
                out.durations[k * len + j] = durations[u.task] as f32;
            }
            for (c, &on) in out.critical.iter_mut().zip(&draw.critical) {
                *c += u32::from(on);
            }
        }
        control.done.fetch_add(out.finish.len(), Ordering::Relaxed);
        out
    }

    /// Runs the iterations on all cores. `None` when cancelled.
    pub fn simulate(
        &self,
        settings: &Settings,
        clocks: &ClockFactory<'_>,
        control: &Control,
    ) -> Option<Outcome> {
        let iterations = settings.iterations;
        let mut group_of: Vec<Option<(usize, f64)>> = vec![None; self.uncertain.len()];
        for (g, group) in self.groups.iter().enumerate() {
            let rho = group.coefficient.clamp(0.0, 1.0);
            for &m in &group.members {
                if let Some(slot) = group_of.get_mut(m) {
                    *slot = Some((g, rho));
                }
            }
        }
        let chunks: Vec<Chunk> = (0..iterations.div_ceil(CHUNK))
            .into_par_iter()
            .map(|c| {
                let range = c * CHUNK..((c + 1) * CHUNK).min(iterations);
                let mut clock = clocks();
                self.chunk(settings, range, clock.as_mut(), &group_of, control)
            })
            .collect();
        if control.cancel.load(Ordering::Relaxed) {
            return None;
        }
        Some(self.gather(iterations, &chunks))
    }

    fn gather(&self, iterations: usize, chunks: &[Chunk]) -> Outcome {
        let finish: Vec<i64> = chunks
            .iter()
            .flat_map(|c| c.finish.iter().copied())
            .collect();
        let column = |values: fn(&Chunk) -> &[i64], k: usize| -> Vec<i64> {
            chunks
                .iter()
                .flat_map(|c| {
                    let len = c.finish.len();
                    values(c)[k * len..(k + 1) * len].iter().copied()
                })
                .collect()
        };
        let milestones = (0..self.milestones.len())
            .map(|k| column(|c| &c.milestones, k))
            .collect();
        let mut critical = vec![0u64; self.durations.len()];
        for c in chunks {
            for (total, &n) in critical.iter_mut().zip(&c.critical) {
                *total += u64::from(n);
            }
        }
        let criticality = critical
            .iter()
            .map(|&n| n as f64 / iterations.max(1) as f64)
            .collect();
        let finish_ranks = ranks(&finish.iter().map(|&f| f as f64).collect::<Vec<_>>());
        let sensitivity = (0..self.uncertain.len())
            .into_par_iter()
            .map(|k| {
                let drawn: Vec<f64> = chunks
                    .iter()
                    .flat_map(|c| {
                        let len = c.finish.len();
                        c.durations[k * len..(k + 1) * len]
                            .iter()
                            .map(|&d| f64::from(d))
                    })
                    .collect();
                correlation(&ranks(&drawn), &finish_ranks)
            })
            .collect();
        Outcome {
            finish,
            milestones,
            criticality,
            sensitivity,
        }
    }
}

/// Ranks from 1, ties given their average rank.
pub fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_unstable_by(|&a, &b| values[a].total_cmp(&values[b]));
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && values[order[j + 1]] == values[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for &o in &order[i..=j] {
            out[o] = rank;
        }
        i = j + 1;
    }
    out
}

/// Pearson's correlation; `None` when either side does not vary.
pub fn correlation(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n < 2 {
        return None;
    }
    let mean = |v: &[f64]| v[..n].iter().sum::<f64>() / n as f64;
    let (ma, mb) = (mean(a), mean(b));
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x, y) = (a[i] - ma, b[i] - mb);
        sab += x * y;
        saa += x * x;
        sbb += y * y;
    }
    (saa > 0.0 && sbb > 0.0).then(|| (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0))
}

/// The value at percentile `p` (0–100) of `sorted` (nearest rank).
pub fn percentile(sorted: &[i64], p: f64) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    Some(sorted[rank.clamp(1, sorted.len()) - 1])
}

#[cfg(test)]
mod tests {
    use super::super::estimate::{Distribution, Estimate};
    use super::super::schedule::{LinkKind, NetLink, NetTask, Network, WorkingTimeOnly};
    use super::*;

    fn task(duration: i64) -> NetTask {
        NetTask::plain(duration)
    }

    /// Two parallel chains into a milestone: A (uncertain, 10–30) and B (fixed 18).
    fn network() -> Network {
        let mut net = Network::default();
        for d in [20, 18, 0] {
            net.tasks.push(task(d));
        }
        for pred in [0, 1] {
            net.links.push(NetLink {
                pred,
                succ: 2,
                kind: LinkKind::FinishToStart,
                lag: 0,
                lag_elapsed: false,
            });
        }
        net
    }

    fn model<'a>(
        sampler: &'a Sampler<'a>,
        shapes: &mut Vec<(i64, std::sync::Arc<super::super::estimate::BetaQuantiles>)>,
    ) -> Model<'a> {
        let estimate = Estimate {
            optimistic: 10,
            most_likely: 20,
            pessimistic: 30,
            distribution: Distribution::Uniform,
        };
        Model {
            sampler,
            durations: vec![20, 18, 0],
            uncertain: vec![UncertainTask {
                task: 0,
                draw: Draw::new(&estimate, shapes),
                fixed: 0,
                variable: 20,
                planned: 20,
            }],
            risks: vec![RiskEvent {
                chance: 0.5,
                tasks: vec![1],
                minutes: Draw::Fixed(100.0),
                opportunity: false,
            }],
            groups: Vec::new(),
            milestones: vec![2],
        }
    }

    fn run(model: &Model<'_>, settings: Settings) -> Outcome {
        let clocks = || Box::new(WorkingTimeOnly) as Box<dyn ElapsedClock>;
        model
            .simulate(&settings, &clocks, &Control::default())
            .expect("not cancelled")
    }

    #[test]
    fn the_same_seed_gives_the_same_outcome_and_the_figures_add_up() {
        let net = network();
        let sampler = Sampler::new(&net, 0).expect("prepares");
        let mut shapes = Vec::new();
        let model = model(&sampler, &mut shapes);
        let settings = Settings {
            iterations: 4000,
            seed: 7,
            without_risk: None,
            fixed_task: None,
        };
        let a = run(&model, settings);
        assert_eq!(a, run(&model, settings));
        assert_ne!(
            a,
            run(
                &model,
                Settings {
                    seed: 8,
                    ..settings
                }
            )
        );
        assert_eq!(a.finish.len(), 4000);
        assert_eq!(a.milestones[0], a.finish);
        // The risk (half the time, +100) makes B critical; otherwise B is critical
        // when A draws under 18 (40 %), A when it draws over (60 %), both on a tie
        // (A rounds to 18 one time in 20).
        let b = a.criticality[1];
        assert!((b - (0.5 + 0.5 * 0.425)).abs() < 0.03, "B critical {b}");
        let expected_a = 0.5 * 0.625;
        assert!(
            (a.criticality[0] - expected_a).abs() < 0.03,
            "A {}",
            a.criticality[0]
        );
        assert!((a.criticality[2] - 1.0).abs() < 1e-9);
        // A's duration moves the finish only when the risk does not happen.
        let s = a.sensitivity[0].expect("varies");
        assert!(s > 0.0 && s < 0.9, "sensitivity {s}");
        // Without the risk, the finish is A's (or B's 18).
        let without = run(
            &model,
            Settings {
                without_risk: Some(0),
                fixed_task: None,
                ..settings
            },
        );
        assert!(without.finish.iter().all(|&f| (18..=30).contains(&f)));
        let mut sorted = without.finish.clone();
        sorted.sort_unstable();
        assert_eq!(percentile(&sorted, 50.0), Some(20));
    }

    #[test]
    fn a_cancelled_run_gives_nothing() {
        let net = network();
        let sampler = Sampler::new(&net, 0).expect("prepares");
        let mut shapes = Vec::new();
        let model = model(&sampler, &mut shapes);
        let control = Control::default();
        control.cancel.store(true, Ordering::Relaxed);
        let clocks = || Box::new(WorkingTimeOnly) as Box<dyn ElapsedClock>;
        let settings = Settings {
            iterations: 1000,
            seed: 1,
            without_risk: None,
            fixed_task: None,
        };
        assert_eq!(model.simulate(&settings, &clocks, &control), None);
    }

    #[test]
    fn correlated_tasks_move_together() {
        let mut net = Network::default();
        net.tasks.push(task(20));
        net.tasks.push(task(20));
        let sampler = Sampler::new(&net, 0).expect("prepares");
        let mut shapes = Vec::new();
        let estimate = Estimate {
            optimistic: 10,
            most_likely: 20,
            pessimistic: 40,
            distribution: Distribution::Pert,
        };
        let uncertain = (0..2)
            .map(|task| UncertainTask {
                task,
                draw: Draw::new(&estimate, &mut shapes),
                fixed: 0,
                variable: 20,
                planned: 20,
            })
            .collect();
        let mut model = Model {
            sampler: &sampler,
            durations: vec![20, 20],
            uncertain,
            risks: Vec::new(),
            groups: vec![CorrelationGroup {
                members: vec![0, 1],
                coefficient: 0.8,
            }],
            milestones: vec![0, 1],
        };
        let settings = Settings {
            iterations: 3000,
            seed: 3,
            without_risk: None,
            fixed_task: None,
        };
        let corr = |o: &Outcome| {
            let f = |v: &[i64]| v.iter().map(|&x| x as f64).collect::<Vec<_>>();
            correlation(&ranks(&f(&o.milestones[0])), &ranks(&f(&o.milestones[1]))).expect("varies")
        };
        let together = corr(&run(&model, settings));
        assert!(together > 0.7, "correlated {together}");
        model.groups.clear();
        let apart = corr(&run(&model, settings));
        assert!(apart.abs() < 0.1, "independent {apart}");
    }

    #[test]
    fn ranks_average_ties_and_the_normal_cdf_is_right() {
        assert_eq!(ranks(&[3.0, 1.0, 3.0, 2.0]), vec![3.5, 1.0, 3.5, 2.0]);
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((normal_cdf(1.644_853_6) - 0.95).abs() < 1e-6);
        assert!((normal_cdf(-1.0) - 0.158_655_25).abs() < 1e-6);
        assert_eq!(percentile(&[1, 2, 3, 4], 50.0), Some(2));
        assert_eq!(percentile(&[1, 2, 3, 4], 80.0), Some(4));
    }
}
