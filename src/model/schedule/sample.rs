//! The passes again with drawn durations, for schedule risk simulation: the same link,
//! lag, constraint and calendar arithmetic as the full passes, on offsets only (no
//! period-end flags, slack or summaries), then a backward pass along the links alone
//! (the longest path: deadlines and late constraints do not make a draw critical) to
//! tell which tasks were critical in it.

use super::{
    ConstraintKind, ElapsedClock, LinkKind, Network, Prepared, ScheduleError, count, plus,
};

/// A network prepared once for many draws.
pub struct Sampler<'n> {
    net: &'n Network,
    prep: Prepared,
    project_start: i64,
}

/// What one draw computed; reused from draw to draw.
#[derive(Clone, Debug, Default)]
pub struct Draw {
    pub early_start: Vec<i64>,
    pub early_finish: Vec<i64>,
    late_start: Vec<i64>,
    late_finish: Vec<i64>,
    /// On the longest path of this draw (leaves not finished only).
    pub critical: Vec<bool>,
    pub project_finish: i64,
}

/// `at` moved over a task's span of `d` working minutes, its assignments' parts
/// scaled from the `base` duration they were made for to `d`.
fn span_scaled(
    clock: &mut dyn ElapsedClock,
    parts: &[(u32, i64)],
    (d, base): (i64, i64),
    wt: (bool, u32),
    at: i64,
    forward: bool,
) -> i64 {
    let sign = if forward { 1 } else { -1 };
    if parts.is_empty() || base <= 0 {
        return plus(clock, at, sign * d, wt, forward, !forward);
    }
    let moved = parts.iter().map(|&(calendar, minutes)| {
        let scaled = ((minutes as i128 * d as i128) / base as i128) as i64;
        plus(
            clock,
            at,
            sign * scaled,
            (false, calendar),
            forward,
            !forward,
        )
    });
    if forward {
        moved.max().unwrap_or(at)
    } else {
        moved.min().unwrap_or(at)
    }
}

impl<'n> Sampler<'n> {
    pub fn new(net: &'n Network, project_start: i64) -> Result<Sampler<'n>, ScheduleError> {
        Ok(Sampler {
            net,
            prep: Prepared::new(net)?,
            project_start,
        })
    }

    /// Whether task `t` is a leaf (summaries only roll up).
    pub fn is_leaf(&self, t: usize) -> bool {
        self.prep.is_leaf.get(t).copied().unwrap_or(false)
    }

    /// A fresh draw to pass to [`Self::run`].
    pub fn draw(&self) -> Draw {
        let n = self.net.tasks.len();
        Draw {
            early_start: vec![self.project_start; n],
            early_finish: vec![self.project_start; n],
            late_start: vec![self.project_start; n],
            late_finish: vec![self.project_start; n],
            critical: vec![false; n],
            project_finish: self.project_start,
        }
    }

    /// Schedules the network with `durations` (working minutes per task, in network
    /// order; summaries' ignored) into `out`.
    pub fn run(&self, durations: &[i64], clock: &mut dyn ElapsedClock, out: &mut Draw) {
        self.forward(durations, clock, out);
        self.backward(durations, clock, out);
    }

    fn forward(&self, durations: &[i64], clock: &mut dyn ElapsedClock, out: &mut Draw) {
        let Prepared {
            links, order, into, ..
        } = &self.prep;
        let net = self.net;
        let project_start = self.project_start;
        let (es, ef) = (&mut out.early_start, &mut out.early_finish);
        let mut project_finish = project_start;
        for &t in order {
            let task = &net.tasks[t];
            let d = durations.get(t).copied().unwrap_or(task.duration).max(0);
            let dd = (d, task.duration);
            let wt = (task.elapsed, task.calendar);
            let parts = &task.work_parts;
            let mut at = if into[t].is_empty() {
                project_start
            } else {
                i64::MIN
            };
            for &li in &into[t] {
                let l = links[li];
                let lag = l.lag_time();
                let bound = match l.kind {
                    LinkKind::FinishToStart => plus(clock, ef[l.pred], l.lag, lag, false, true),
                    LinkKind::StartToStart => plus(clock, es[l.pred], l.lag, lag, true, true),
                    LinkKind::FinishToFinish => {
                        let f = plus(clock, ef[l.pred], l.lag, lag, false, false);
                        span_scaled(clock, parts, dd, wt, f, false).max(project_start)
                    }
                    LinkKind::StartToFinish => {
                        let f = plus(clock, es[l.pred], l.lag, lag, true, false);
                        span_scaled(clock, parts, dd, wt, f, false)
                    }
                };
                at = at.max(bound);
            }
            if let Some(c) = task.constraint_at {
                at = match task.constraint {
                    ConstraintKind::StartNoEarlierThan => at.max(c),
                    ConstraintKind::FinishNoEarlierThan => {
                        at.max(span_scaled(clock, parts, dd, wt, c, false))
                    }
                    ConstraintKind::MustStartOn => c,
                    ConstraintKind::MustFinishOn => span_scaled(clock, parts, dd, wt, c, false),
                    _ => at,
                };
            }
            if task.calendar != 0 && !task.elapsed {
                at = clock.work(task.calendar, at, 0, true);
            }
            if let Some(m) = task.manual_start {
                at = m;
            }
            if let Some(a) = task.actual_start {
                at = a;
            }
            es[t] = at;
            ef[t] = span_scaled(clock, parts, dd, wt, at, true);
            project_finish = project_finish.max(ef[t]);
        }
        out.project_finish = project_finish;
    }

    fn backward(&self, durations: &[i64], clock: &mut dyn ElapsedClock, out: &mut Draw) {
        let Prepared {
            links,
            order,
            out_of,
            ..
        } = &self.prep;
        let net = self.net;
        for &t in order.iter().rev() {
            let task = &net.tasks[t];
            let d = durations.get(t).copied().unwrap_or(task.duration).max(0);
            let dd = (d, task.duration);
            let wt = (task.elapsed, task.calendar);
            let parts = &task.work_parts;
            let mut finish = out.project_finish;
            for &li in &out_of[t] {
                let l = links[li];
                if net.tasks[l.succ].finished {
                    continue;
                }
                let lag = l.lag_time();
                let (ls, lf) = (out.late_start[l.succ], out.late_finish[l.succ]);
                let bound = match l.kind {
                    LinkKind::FinishToStart => plus(clock, ls, -l.lag, lag, true, false),
                    LinkKind::StartToStart => {
                        let s = plus(clock, ls, -l.lag, lag, true, true);
                        span_scaled(clock, parts, dd, wt, s, true)
                    }
                    LinkKind::FinishToFinish => plus(clock, lf, -l.lag, lag, false, false),
                    LinkKind::StartToFinish => {
                        let s = plus(clock, lf, -l.lag, lag, false, true);
                        span_scaled(clock, parts, dd, wt, s, true)
                    }
                };
                finish = finish.min(bound);
            }
            if task.calendar != 0 && !task.elapsed && d > 0 {
                finish = clock.work(task.calendar, finish, 0, false);
            }
            out.late_finish[t] = finish;
            out.late_start[t] = if task.actual_start.is_some() {
                out.early_start[t]
            } else {
                span_scaled(clock, parts, dd, wt, finish, false)
            };
            out.critical[t] = !task.finished
                && count(
                    clock,
                    task.own_calendar,
                    out.early_finish[t],
                    out.late_finish[t],
                ) <= 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{NetLink, NetTask, WorkingTimeOnly, schedule};
    use super::*;

    fn task(duration: i64) -> NetTask {
        NetTask::plain(duration)
    }

    fn link(pred: usize, succ: usize, kind: LinkKind, lag: i64) -> NetLink {
        NetLink {
            pred,
            succ,
            kind,
            lag,
            lag_elapsed: false,
        }
    }

    /// With the plan's own durations a draw gives the full passes' early dates and
    /// critical tasks.
    #[test]
    fn a_draw_of_the_plan_durations_is_the_schedule() {
        let mut net = Network::default();
        for d in [480, 960, 240, 0, 1440, 300] {
            net.tasks.push(task(d));
        }
        net.tasks[4].constraint = ConstraintKind::StartNoEarlierThan;
        net.tasks[4].constraint_at = Some(600);
        net.links = vec![
            link(0, 1, LinkKind::FinishToStart, 0),
            link(0, 2, LinkKind::StartToStart, 120),
            link(2, 3, LinkKind::FinishToStart, -60),
            link(1, 3, LinkKind::FinishToFinish, 30),
            link(3, 5, LinkKind::FinishToStart, 0),
            link(4, 5, LinkKind::StartToFinish, 0),
        ];
        let full = schedule(&net, 0, 0).expect("schedules");
        let sampler = Sampler::new(&net, 0).expect("prepares");
        let mut draw = sampler.draw();
        let durations: Vec<i64> = net.tasks.iter().map(|t| t.duration).collect();
        sampler.run(&durations, &mut WorkingTimeOnly, &mut draw);
        for (t, times) in full.iter().enumerate() {
            assert_eq!(draw.early_start[t], times.early_start, "start of {t}");
            assert_eq!(draw.early_finish[t], times.early_finish, "finish of {t}");
            assert_eq!(draw.critical[t], times.critical, "critical {t}");
        }
        // A longer middle task moves the finish and the critical path.
        let mut longer = durations.clone();
        longer[2] = 3000;
        sampler.run(&longer, &mut WorkingTimeOnly, &mut draw);
        assert_eq!(draw.project_finish, 120 + 3000 - 60 + 300);
        assert!(draw.critical[2] && !draw.critical[1]);
    }
}
