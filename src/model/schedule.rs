//! The critical path method on working-minute integers: forward and backward passes,
//! total and free slack, the critical path, and for each task what drives its start.
//!
//! Times are working minutes on one axis (see [`super::work_calendar::WorkAxis`]);
//! converting to dates is the caller's job, so the passes are plain integer loops.
//! Links to or from a summary task act on every leaf task below it.

use serde::{Deserialize, Serialize};

/// How a link ties two tasks: Finish-to-Start and the other three.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LinkKind {
    FinishToStart,
    StartToStart,
    FinishToFinish,
    StartToFinish,
}

/// A scheduling constraint on a task, MS Project's eight.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConstraintKind {
    AsSoonAsPossible,
    AsLateAsPossible,
    StartNoEarlierThan,
    StartNoLaterThan,
    FinishNoEarlierThan,
    FinishNoLaterThan,
    MustStartOn,
    MustFinishOn,
}

/// One task of the network. `parent` indexes the summary task above it.
#[derive(Clone, Debug, PartialEq)]
pub struct NetTask {
    /// Working minutes; 0 for a milestone. Ignored for summaries (they roll up).
    pub duration: i64,
    pub parent: Option<usize>,
    pub constraint: ConstraintKind,
    /// Working-minute offset of the constraint's date, where the kind has one.
    pub constraint_at: Option<i64>,
    /// The duration counts calendar (elapsed) minutes, nights and weekends included.
    pub elapsed: bool,
    /// Working-minute offset of the deadline: it limits the late finish (so slack and
    /// the critical path) without moving the task, as in MS Project. A summary's
    /// deadline applies to every task below it.
    pub deadline_at: Option<i64>,
    /// The working time its work is counted on (see [`ElapsedClock::work`]); 0 is the
    /// axis's own calendar. A task calendar, or its resources' calendars.
    pub calendar: u32,
    /// The calendar its slack and the lags of links into it are counted on: its task
    /// calendar, or the project's. 0 is the axis's own.
    pub own_calendar: u32,
    /// A manually scheduled task stays where it was put: this is its early start, and
    /// links into it do not move it (they still shape its late dates). As in MS
    /// Project, its start-to-start and start-to-finish successors do not bound its late
    /// finish.
    pub manual_start: Option<i64>,
}

/// A dependency: `succ` may not start (or finish) before `pred` does, plus `lag`
/// working minutes (negative for a lead).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NetLink {
    pub pred: usize,
    pub succ: usize,
    pub kind: LinkKind,
    pub lag: i64,
    /// The lag counts calendar (elapsed) minutes.
    pub lag_elapsed: bool,
}

/// Time arithmetic on the working-minute axis beyond adding integers: elapsed
/// (wall-clock) minutes, and working minutes of other calendars than the axis's own.
pub trait ElapsedClock {
    /// `at` plus elapsed minutes. `from_start` says whether the point is a start (the
    /// next working minute) or a finish (the end of the last one): they are the same
    /// offset but different moments.
    fn after(&mut self, at: i64, minutes: i64, from_start: bool) -> i64;

    /// `at` plus `minutes` (negative: minus) of working time on `calendar`, landing on
    /// the moment a start there would begin (`to_start`) or a finish would end. With 0
    /// minutes this moves `at` to that calendar's next start or previous finish.
    /// Calendar 0 is the axis's own, where this is plain addition.
    fn work(&mut self, calendar: u32, at: i64, minutes: i64, to_start: bool) -> i64 {
        let _ = (calendar, to_start);
        at + minutes
    }

    /// Working minutes of `calendar` from `from` to `to` (negative when `to` is earlier).
    fn count(&mut self, calendar: u32, from: i64, to: i64) -> i64 {
        let _ = calendar;
        to - from
    }
}

/// Without a calendar, elapsed time is counted as working time.
pub struct WorkingTimeOnly;

impl ElapsedClock for WorkingTimeOnly {
    fn after(&mut self, at: i64, minutes: i64, _from_start: bool) -> i64 {
        at + minutes
    }
}

/// `at` plus `minutes` of working time on `calendar`, or of wall-clock time when
/// `elapsed`. `from_start` says what `at` is; `to_start` what the result is.
fn plus(
    clock: &mut dyn ElapsedClock,
    at: i64,
    minutes: i64,
    (elapsed, calendar): (bool, u32),
    from_start: bool,
    to_start: bool,
) -> i64 {
    if minutes == 0 {
        at
    } else if elapsed {
        clock.after(at, minutes, from_start)
    } else if calendar == 0 {
        at + minutes
    } else {
        clock.work(calendar, at, minutes, to_start)
    }
}

/// Working minutes of `calendar` from `from` to `to`; plain subtraction on the axis's own.
fn count(clock: &mut dyn ElapsedClock, calendar: u32, from: i64, to: i64) -> i64 {
    if calendar == 0 {
        to - from
    } else {
        clock.count(calendar, from, to)
    }
}

/// What put a task's early start where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Driver {
    ProjectStart,
    /// The link at this index in [`Network::links`].
    Link(usize),
    Constraint,
    /// A summary task: its children decide.
    Children,
    /// Manually scheduled: where the user put it.
    Manual,
}

/// Scheduled times of one task, in working minutes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaskTimes {
    pub early_start: i64,
    pub early_finish: i64,
    pub late_start: i64,
    pub late_finish: i64,
    pub total_slack: i64,
    pub free_slack: i64,
    pub critical: bool,
    pub driver: Driver,
}

/// Tasks and links to schedule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    pub tasks: Vec<NetTask>,
    pub links: Vec<NetLink>,
}

/// Why a network cannot be scheduled.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// The tasks (indexes) on one dependency cycle, in order.
    #[error("the links form a cycle through {} tasks", .0.len())]
    Cycle(Vec<usize>),
    #[error("link {0} names a task that does not exist")]
    BadLink(usize),
}

/// A link between two leaf tasks, after summary links are spread to their leaves.
#[derive(Clone, Copy)]
struct LeafLink {
    pred: usize,
    succ: usize,
    kind: LinkKind,
    lag: i64,
    lag_elapsed: bool,
    /// The successor's own calendar, where a working-time lag is counted (as MS
    /// Project 2002 and later count it).
    lag_calendar: u32,
    /// Index of the link it came from.
    origin: usize,
}

impl LeafLink {
    /// How the lag is counted: wall-clock time, or working time on a calendar.
    fn lag_time(&self) -> (bool, u32) {
        (self.lag_elapsed, self.lag_calendar)
    }
}

impl Network {
    fn children(&self) -> Vec<Vec<usize>> {
        let mut children = vec![Vec::new(); self.tasks.len()];
        for (i, t) in self.tasks.iter().enumerate() {
            if let Some(p) = t.parent.filter(|&p| p < self.tasks.len()) {
                children[p].push(i);
            }
        }
        children
    }

    fn leaves_below(children: &[Vec<usize>], task: usize, out: &mut Vec<usize>) {
        let mut stack = vec![task];
        while let Some(t) = stack.pop() {
            if children[t].is_empty() {
                out.push(t);
            } else {
                stack.extend(children[t].iter().copied());
            }
        }
    }

    fn leaf_links(&self, children: &[Vec<usize>]) -> Result<Vec<LeafLink>, ScheduleError> {
        let mut out = Vec::with_capacity(self.links.len());
        let (mut preds, mut succs) = (Vec::new(), Vec::new());
        for (i, l) in self.links.iter().enumerate() {
            if l.pred >= self.tasks.len() || l.succ >= self.tasks.len() {
                return Err(ScheduleError::BadLink(i));
            }
            preds.clear();
            succs.clear();
            Self::leaves_below(children, l.pred, &mut preds);
            Self::leaves_below(children, l.succ, &mut succs);
            for &p in &preds {
                for &s in &succs {
                    out.push(LeafLink {
                        pred: p,
                        succ: s,
                        kind: l.kind,
                        lag: l.lag,
                        lag_elapsed: l.lag_elapsed,
                        lag_calendar: self.tasks[s].own_calendar,
                        origin: i,
                    });
                }
            }
        }
        Ok(out)
    }
}

/// Leaf tasks in an order where every predecessor comes first, or the cycle found.
fn topological_order(
    n: usize,
    is_leaf: &[bool],
    links: &[LeafLink],
) -> Result<Vec<usize>, ScheduleError> {
    let mut indegree = vec![0usize; n];
    let mut out_edges = vec![Vec::new(); n];
    for l in links {
        indegree[l.succ] += 1;
        out_edges[l.pred].push(l.succ);
    }
    let mut order: Vec<usize> = (0..n).filter(|&i| is_leaf[i] && indegree[i] == 0).collect();
    let mut head = 0;
    while head < order.len() {
        let t = order[head];
        head += 1;
        for &s in &out_edges[t] {
            indegree[s] -= 1;
            if indegree[s] == 0 {
                order.push(s);
            }
        }
    }
    let leaves = is_leaf.iter().filter(|&&l| l).count();
    if order.len() == leaves {
        return Ok(order);
    }
    // Walk backwards along unfinished predecessors until a task repeats: that is a cycle.
    let mut in_edges = vec![Vec::new(); n];
    for l in links {
        in_edges[l.succ].push(l.pred);
    }
    let Some(mut t) = (0..n).find(|&i| is_leaf[i] && indegree[i] > 0) else {
        return Err(ScheduleError::Cycle(Vec::new()));
    };
    let mut seen = vec![usize::MAX; n];
    let mut path = Vec::new();
    while seen[t] == usize::MAX {
        seen[t] = path.len();
        path.push(t);
        match in_edges[t].iter().find(|&&p| indegree[p] > 0) {
            Some(&p) => t = p,
            None => break,
        }
    }
    let start = seen[t].min(path.len());
    let mut cycle = path[start..].to_vec();
    cycle.reverse();
    Err(ScheduleError::Cycle(cycle))
}

/// Schedules the network from `project_start`. `critical_limit`: tasks with total slack
/// at or below it are critical (MS Project's "critical slack limit", usually 0).
pub fn schedule(
    net: &Network,
    project_start: i64,
    critical_limit: i64,
) -> Result<Vec<TaskTimes>, ScheduleError> {
    schedule_with(net, project_start, critical_limit, &mut WorkingTimeOnly)
}

/// [`schedule`], with elapsed durations and lags measured on a real calendar.
pub fn schedule_with(
    net: &Network,
    project_start: i64,
    critical_limit: i64,
    clock: &mut dyn ElapsedClock,
) -> Result<Vec<TaskTimes>, ScheduleError> {
    let n = net.tasks.len();
    let children = net.children();
    let is_leaf: Vec<bool> = children.iter().map(Vec::is_empty).collect();
    let links = net.leaf_links(&children)?;
    let order = topological_order(n, &is_leaf, &links)?;
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, l) in links.iter().enumerate() {
        into[l.succ].push(i);
        out_of[l.pred].push(i);
    }
    let dur = |t: usize| net.tasks[t].duration.max(0);
    // How a task's own duration is counted: wall-clock or on its working calendar.
    let work_time = |t: usize| (net.tasks[t].elapsed, net.tasks[t].calendar);

    // Forward pass.
    let mut es = vec![project_start; n];
    let mut ef = vec![project_start; n];
    let mut driver = vec![Driver::ProjectStart; n];
    for &t in &order {
        let d = dur(t);
        let wt = work_time(t);
        let mut start = project_start;
        for &li in &into[t] {
            let l = links[li];
            let lag = l.lag_time();
            let bound = match l.kind {
                LinkKind::FinishToStart => plus(clock, ef[l.pred], l.lag, lag, false, true),
                LinkKind::StartToStart => plus(clock, es[l.pred], l.lag, lag, true, true),
                LinkKind::FinishToFinish => {
                    let f = plus(clock, ef[l.pred], l.lag, lag, false, false);
                    plus(clock, f, -d, wt, false, true)
                }
                LinkKind::StartToFinish => {
                    let f = plus(clock, es[l.pred], l.lag, lag, true, false);
                    plus(clock, f, -d, wt, false, true)
                }
            };
            if bound > start {
                start = bound;
                driver[t] = Driver::Link(l.origin);
            }
        }
        let task = &net.tasks[t];
        if let Some(at) = task.constraint_at {
            let pinned = match task.constraint {
                ConstraintKind::StartNoEarlierThan => Some(start.max(at)),
                ConstraintKind::FinishNoEarlierThan => {
                    Some(start.max(plus(clock, at, -d, wt, false, true)))
                }
                ConstraintKind::MustStartOn => Some(at),
                ConstraintKind::MustFinishOn => Some(plus(clock, at, -d, wt, false, true)),
                _ => None,
            };
            if let Some(p) = pinned
                && p != start
            {
                start = p;
                driver[t] = Driver::Constraint;
            }
        }
        // Work begins when the task's own calendar works.
        if task.calendar != 0 && !task.elapsed {
            start = clock.work(task.calendar, start, 0, true);
        }
        if let Some(at) = task.manual_start {
            start = at;
            driver[t] = Driver::Manual;
        }
        es[t] = start;
        ef[t] = plus(clock, start, d, wt, true, false);
    }
    let project_finish = order.iter().map(|&t| ef[t]).max().unwrap_or(project_start);

    // Backward pass.
    let mut lf = vec![project_finish; n];
    let mut ls = vec![project_finish; n];
    for &t in order.iter().rev() {
        let d = dur(t);
        let wt = work_time(t);
        let mut finish = project_finish;
        let manual = net.tasks[t].manual_start.is_some();
        for &li in &out_of[t] {
            let l = links[li];
            if manual && matches!(l.kind, LinkKind::StartToStart | LinkKind::StartToFinish) {
                continue;
            }
            let lag = l.lag_time();
            let bound = match l.kind {
                LinkKind::FinishToStart => plus(clock, ls[l.succ], -l.lag, lag, true, false),
                LinkKind::StartToStart => {
                    let s = plus(clock, ls[l.succ], -l.lag, lag, true, true);
                    plus(clock, s, d, wt, true, false)
                }
                LinkKind::FinishToFinish => plus(clock, lf[l.succ], -l.lag, lag, false, false),
                LinkKind::StartToFinish => {
                    let s = plus(clock, lf[l.succ], -l.lag, lag, false, true);
                    plus(clock, s, d, wt, true, false)
                }
            };
            finish = finish.min(bound);
        }
        let mut up = Some(t);
        while let Some(u) = up {
            if let Some(d) = net.tasks[u].deadline_at {
                finish = finish.min(d);
            }
            up = net.tasks[u].parent;
        }
        let task = &net.tasks[t];
        if let Some(at) = task.constraint_at {
            finish = match task.constraint {
                ConstraintKind::StartNoLaterThan => finish.min(plus(clock, at, d, wt, true, false)),
                ConstraintKind::FinishNoLaterThan => finish.min(at),
                ConstraintKind::MustStartOn => plus(clock, at, d, wt, true, false),
                ConstraintKind::MustFinishOn => at,
                _ => finish,
            };
        }
        // Work ends when the task's own calendar last worked.
        if task.calendar != 0 && !task.elapsed {
            finish = clock.work(task.calendar, finish, 0, false);
        }
        lf[t] = finish;
        ls[t] = plus(clock, finish, -d, wt, false, true);
    }

    // Slack, leaves first, counted on each task's own calendar.
    let mut times: Vec<TaskTimes> = Vec::with_capacity(n);
    for t in 0..n {
        let own = net.tasks[t].own_calendar;
        let total = count(clock, own, es[t], ls[t]).min(count(clock, own, ef[t], lf[t]));
        let mut free = count(clock, own, ef[t], project_finish);
        for &li in &out_of[t] {
            let l = links[li];
            let lag = l.lag_time();
            let room = match l.kind {
                LinkKind::FinishToStart => {
                    let b = plus(clock, ef[t], l.lag, lag, false, true);
                    count(clock, own, b, es[l.succ])
                }
                LinkKind::StartToStart => {
                    let b = plus(clock, es[t], l.lag, lag, true, true);
                    count(clock, own, b, es[l.succ])
                }
                LinkKind::FinishToFinish => {
                    let b = plus(clock, ef[t], l.lag, lag, false, false);
                    count(clock, own, b, ef[l.succ])
                }
                LinkKind::StartToFinish => {
                    let b = plus(clock, es[t], l.lag, lag, true, false);
                    count(clock, own, b, ef[l.succ])
                }
            };
            free = free.min(room);
        }
        times.push(TaskTimes {
            early_start: es[t],
            early_finish: ef[t],
            late_start: ls[t],
            late_finish: lf[t],
            total_slack: total,
            free_slack: free.clamp(0, total.max(0)),
            critical: total <= critical_limit,
            driver: driver[t],
        });
    }

    // As-late-as-possible tasks use up their free slack: they move as late as they can
    // without moving anything after them (or the project's finish).
    for t in 0..n {
        if is_leaf[t] && net.tasks[t].constraint == ConstraintKind::AsLateAsPossible {
            let shift = times[t].free_slack;
            if shift > 0 {
                let task = &net.tasks[t];
                let wt = work_time(t);
                let (early_start, early_finish) = (times[t].early_start, times[t].early_finish);
                let mut finish = plus(
                    clock,
                    early_finish,
                    shift,
                    (false, task.own_calendar),
                    false,
                    false,
                );
                if task.calendar != 0 && !task.elapsed {
                    finish = clock.work(task.calendar, finish, 0, false);
                }
                let d = dur(t);
                let start = if d == 0 {
                    finish
                } else {
                    plus(clock, finish, -d, wt, false, true)
                };
                let times = &mut times[t];
                times.early_start = start.max(early_start);
                times.early_finish = finish.max(early_finish);
                times.total_slack -= shift;
                times.free_slack = 0;
                times.critical = times.total_slack <= critical_limit;
                times.driver = Driver::Constraint;
            }
        }
    }

    // Summaries roll up their leaves.
    let mut leaves = Vec::new();
    for s in (0..n).filter(|&t| !is_leaf[t]) {
        leaves.clear();
        Network::leaves_below(&children, s, &mut leaves);
        let pick = |f: fn(&TaskTimes) -> i64, max: bool| {
            let it = leaves.iter().map(|&l| f(&times[l]));
            if max { it.max() } else { it.min() }
        };
        let (Some(a), Some(b), Some(c), Some(d)) = (
            pick(|t| t.early_start, false),
            pick(|t| t.early_finish, true),
            pick(|t| t.late_start, false),
            pick(|t| t.late_finish, true),
        ) else {
            continue;
        };
        let own = net.tasks[s].own_calendar;
        let total = count(clock, own, a, c).min(count(clock, own, b, d));
        times[s] = TaskTimes {
            early_start: a,
            early_finish: b,
            late_start: c,
            late_finish: d,
            total_slack: total,
            free_slack: 0,
            critical: total <= critical_limit,
            driver: Driver::Children,
        };
    }
    Ok(times)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 480;

    fn task(duration: i64) -> NetTask {
        NetTask {
            deadline_at: None,
            duration,
            parent: None,
            constraint: ConstraintKind::AsSoonAsPossible,
            constraint_at: None,
            elapsed: false,
            calendar: 0,
            own_calendar: 0,
            manual_start: None,
        }
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

    #[test]
    fn a_chain_and_a_side_branch() {
        // 0 (2d) -> 1 (3d) -> 3 (1d); 0 -> 2 (1d) -> 3.
        let net = Network {
            tasks: vec![task(2 * DAY), task(3 * DAY), task(DAY), task(DAY)],
            links: vec![
                link(0, 1, LinkKind::FinishToStart, 0),
                link(1, 3, LinkKind::FinishToStart, 0),
                link(0, 2, LinkKind::FinishToStart, 0),
                link(2, 3, LinkKind::FinishToStart, 0),
            ],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!((t[1].early_start, t[1].early_finish), (2 * DAY, 5 * DAY));
        assert_eq!(t[3].early_start, 5 * DAY);
        assert_eq!(t[2].total_slack, 2 * DAY);
        assert_eq!(t[2].free_slack, 2 * DAY);
        assert!(t[0].critical && t[1].critical && t[3].critical && !t[2].critical);
        assert_eq!(t[3].driver, Driver::Link(1));
        assert_eq!(t[0].driver, Driver::ProjectStart);
    }

    #[test]
    fn a_deadline_takes_slack_without_moving_the_task() {
        // 0 (2d) and 1 (1d) in parallel; 1 is due by the end of day 1, 0 (under the
        // summary 2) is due by day 1 through its summary's deadline: it is late.
        let mut summary = task(0);
        summary.deadline_at = Some(DAY);
        let mut zero = task(2 * DAY);
        zero.parent = Some(2);
        let mut one = task(DAY);
        one.deadline_at = Some(DAY);
        let net = Network {
            tasks: vec![zero, one, summary],
            links: vec![],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!(t[1].early_finish, DAY, "a deadline never moves the task");
        assert_eq!(t[1].late_finish, DAY);
        assert_eq!(t[1].total_slack, 0);
        assert!(t[1].critical);
        assert_eq!(t[0].early_finish, 2 * DAY);
        assert_eq!(
            t[0].total_slack, -DAY,
            "late against its summary's deadline"
        );
        assert!(t[2].critical);
    }

    #[test]
    fn each_link_kind_with_lag_and_lead() {
        let net = Network {
            tasks: vec![task(2 * DAY), task(DAY), task(DAY), task(DAY), task(DAY)],
            links: vec![
                link(0, 1, LinkKind::StartToStart, DAY),
                link(0, 2, LinkKind::FinishToFinish, 2 * DAY),
                link(0, 3, LinkKind::StartToFinish, 3 * DAY),
                link(0, 4, LinkKind::FinishToStart, -DAY),
            ],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!(t[1].early_start, DAY, "SS+1d");
        assert_eq!(t[2].early_finish, 4 * DAY, "FF+2d");
        assert_eq!(t[3].early_finish, 3 * DAY, "SF+3d");
        assert_eq!(t[4].early_start, DAY, "FS-1d");
    }

    #[test]
    fn constraints_move_tasks_and_shape_the_backward_pass() {
        let mut b = task(DAY);
        b.constraint = ConstraintKind::StartNoEarlierThan;
        b.constraint_at = Some(5 * DAY);
        let mut c = task(DAY);
        c.constraint = ConstraintKind::FinishNoLaterThan;
        c.constraint_at = Some(2 * DAY);
        let net = Network {
            tasks: vec![task(DAY), b, c],
            links: vec![link(0, 1, LinkKind::FinishToStart, 0)],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!(t[1].early_start, 5 * DAY);
        assert_eq!(t[1].driver, Driver::Constraint);
        assert_eq!(t[2].late_finish, 2 * DAY);
        assert_eq!(t[2].total_slack, DAY);
    }

    #[test]
    fn as_late_as_possible_uses_its_free_slack_only() {
        // 0 (3d) -> 2; 1 (1d, ALAP) -> 2. Task 1 can finish as late as day 3.
        let mut alap = task(DAY);
        alap.constraint = ConstraintKind::AsLateAsPossible;
        let net = Network {
            tasks: vec![task(3 * DAY), alap, task(DAY)],
            links: vec![
                link(0, 2, LinkKind::FinishToStart, 0),
                link(1, 2, LinkKind::FinishToStart, 0),
            ],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!((t[1].early_start, t[1].early_finish), (2 * DAY, 3 * DAY));
        assert_eq!(t[1].total_slack, 0);
        assert_eq!(t[2].early_start, 3 * DAY, "nothing after it moved");
    }

    #[test]
    fn links_to_a_summary_reach_its_leaves_and_summaries_roll_up() {
        // 0 summary over 1 and 2; 3 -> summary 0; summary 0 -> 4.
        let mut a = task(DAY);
        a.parent = Some(0);
        let mut b = task(2 * DAY);
        b.parent = Some(0);
        let net = Network {
            tasks: vec![task(0), a, b, task(DAY), task(DAY)],
            links: vec![
                link(3, 0, LinkKind::FinishToStart, 0),
                link(0, 4, LinkKind::FinishToStart, 0),
            ],
        };
        let t = schedule(&net, 0, 0).unwrap();
        assert_eq!(t[1].early_start, DAY);
        assert_eq!(t[2].early_start, DAY);
        assert_eq!((t[0].early_start, t[0].early_finish), (DAY, 3 * DAY));
        assert_eq!(t[4].early_start, 3 * DAY);
        assert_eq!(t[1].total_slack, DAY);
    }

    #[test]
    fn a_cycle_is_refused_with_its_tasks() {
        let net = Network {
            tasks: vec![task(DAY), task(DAY), task(DAY), task(DAY)],
            links: vec![
                link(0, 1, LinkKind::FinishToStart, 0),
                link(1, 2, LinkKind::FinishToStart, 0),
                link(2, 3, LinkKind::FinishToStart, 0),
                link(3, 1, LinkKind::FinishToStart, 0),
            ],
        };
        match schedule(&net, 0, 0) {
            Err(ScheduleError::Cycle(mut tasks)) => {
                tasks.sort_unstable();
                assert_eq!(tasks, vec![1, 2, 3]);
            }
            other => panic!("expected a cycle, got {other:?}"),
        }
        let bad = Network {
            tasks: vec![task(DAY)],
            links: vec![link(0, 5, LinkKind::FinishToStart, 0)],
        };
        assert_eq!(schedule(&bad, 0, 0), Err(ScheduleError::BadLink(0)));
    }
}
