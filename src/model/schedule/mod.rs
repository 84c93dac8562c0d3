//! The critical path method on working-minute integers: forward and backward passes,
//! total and free slack, the critical path, and for each task what drives its start.
//!
//! Times are working minutes on one axis (see [`super::work_calendar::WorkAxis`]);
//! converting to dates is the caller's job, so the passes are plain integer loops.
//! Links to or from a summary task act on every leaf task below it.

use serde::{Deserialize, Serialize};

mod sample;
pub use sample::{Draw as SampledDraw, Sampler};

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
    /// Progress: the working-minute offset it really started at. A started task
    /// starts there whatever its links say; its late start is that too, and its total
    /// slack is its finish slack (as MS Project counts it).
    pub actual_start: Option<i64>,
    /// It is finished: its late dates are its early ones, and it no longer holds back
    /// its predecessors.
    pub finished: bool,
    /// Resource-driven: each assignment's working minutes (work ÷ units) on its own
    /// calendar; the task lasts until the last is done. Empty: `duration` decides.
    pub work_parts: Box<[(u32, i64)]>,
    /// Its constraint date (or manual or actual start) is the end of a working period
    /// (17:00, or 12:00 before lunch) rather than the start of the next: a task of
    /// zero duration pinned there sits there, as MS Project shows it.
    pub pinned_at_period_end: bool,
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

/// `at` moved over a task's own span: from a start to its finish (`forward`) or from a
/// finish back to its start. A task whose assignments carry work lasts until the
/// last of them is done, each counted on its resource's calendar.
fn span(
    clock: &mut dyn ElapsedClock,
    work_parts: &[(u32, i64)],
    d: i64,
    wt: (bool, u32),
    at: i64,
    forward: bool,
) -> i64 {
    if work_parts.is_empty() {
        return if forward {
            plus(clock, at, d, wt, true, false)
        } else {
            plus(clock, at, -d, wt, false, true)
        };
    }
    let moved = work_parts.iter().map(|&(calendar, minutes)| {
        if forward {
            plus(clock, at, minutes, (false, calendar), true, false)
        } else {
            plus(clock, at, -minutes, (false, calendar), false, true)
        }
    });
    if forward {
        moved.max().unwrap_or(at)
    } else {
        moved.min().unwrap_or(at)
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

/// The later of two moments, each an offset and whether it is the end of a working
/// period: at one offset, the end of a period (Friday 17:00) comes before the start of
/// the next (Monday 08:00).
fn later(a: (i64, bool), b: (i64, bool)) -> (i64, bool) {
    match a.0.cmp(&b.0) {
        std::cmp::Ordering::Greater => a,
        std::cmp::Ordering::Less => b,
        std::cmp::Ordering::Equal => (a.0, a.1 && b.1),
    }
}

/// The extremes of the leaves below a summary.
#[derive(Clone, Copy, Debug)]
struct RolledUp {
    early_start: i64,
    early_finish: i64,
    late_start: i64,
    late_finish: i64,
    /// A leaf at the earliest start sits at the end of a working period.
    early_at_end: bool,
}

/// Every summary's rolled-up times (`None` for one with no leaf below), from the leaves'
/// `times`, in one walk from the deepest tasks up.
fn roll_up(net: &Network, is_leaf: &[bool], times: &[TaskTimes]) -> Vec<Option<RolledUp>> {
    let n = net.tasks.len();
    if is_leaf.iter().all(|&l| l) {
        return vec![None; n];
    }
    let (parents, mut deepest_first) = net.outline();
    deepest_first.reverse();
    let mut rolled: Vec<Option<RolledUp>> = (0..n)
        .map(|t| {
            is_leaf[t].then(|| RolledUp {
                early_start: times[t].early_start,
                early_finish: times[t].early_finish,
                late_start: times[t].late_start,
                late_finish: times[t].late_finish,
                early_at_end: times[t].early_at_period_end,
            })
        })
        .collect();
    for t in deepest_first {
        let (Some(p), Some(r)) = (parents[t], rolled[t]) else {
            continue;
        };
        rolled[p] = Some(match rolled[p] {
            None => r,
            Some(q) => RolledUp {
                early_start: q.early_start.min(r.early_start),
                early_finish: q.early_finish.max(r.early_finish),
                late_start: q.late_start.min(r.late_start),
                late_finish: q.late_finish.max(r.late_finish),
                early_at_end: match q.early_start.cmp(&r.early_start) {
                    std::cmp::Ordering::Less => q.early_at_end,
                    std::cmp::Ordering::Greater => r.early_at_end,
                    std::cmp::Ordering::Equal => q.early_at_end || r.early_at_end,
                },
            },
        });
    }
    rolled
}

/// Each task's deadline: the earliest of its own and its summaries', found in one
/// walk however deep the outline.
fn deadlines(net: &Network) -> Vec<Option<i64>> {
    let n = net.tasks.len();
    // Nothing to allocate when no task has a deadline (read with `get`).
    if net.tasks.iter().all(|t| t.deadline_at.is_none()) {
        return Vec::new();
    }
    let (parents, by_depth) = net.outline();
    let mut out: Vec<Option<i64>> = vec![None; n];
    for t in by_depth {
        let inherited = parents[t].and_then(|p| out[p]);
        out[t] = match (net.tasks[t].deadline_at, inherited) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    out
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
    /// For a task of zero duration: its early start (and finish) is the end of the
    /// working period its offset closes (Friday 17:00), not the start of the next
    /// (Monday 08:00) — it was driven there by a finish, an FF link, a positive lag or
    /// a constraint at such a time. Offsets cannot tell the two apart; dates must.
    pub early_at_period_end: bool,
    /// For a task with a duration: whether its early finish is the end of a working
    /// period (as usual) or the start of the next (an SF successor finishing at its
    /// predecessor's start instant, Monday 08:00).
    pub early_finish_at_period_end: bool,
    /// Its late finish (and, for zero duration, late start) is the end of a working
    /// period: MS Project moves a late finish back to the end of the period before,
    /// except a manually scheduled task's held by an FS successor's late start.
    pub late_at_period_end: bool,
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
#[derive(Clone, Copy, Debug)]
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
    /// Each task's summary (by index), and the tasks ordered from the top of the
    /// outline down (a summary before what is below it), in linear time.
    fn outline(&self) -> (Vec<Option<usize>>, Vec<usize>) {
        let n = self.tasks.len();
        let parents: Vec<Option<usize>> = self
            .tasks
            .iter()
            .map(|t| t.parent.filter(|&p| p < n))
            .collect();
        let top_down = super::tree::by_depth(&super::tree::depths(&parents));
        (parents, top_down)
    }

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
        // Most links join two leaves: no walk (and no allocation) for them.
        if children[task].is_empty() {
            out.push(task);
            return;
        }
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
    let prep = Prepared::new(net)?;
    let passes = run(net, &prep, project_start, critical_limit, clock, None);
    Ok(passes.times)
}

/// The structure of a network the passes walk: summaries, links spread to leaves, a
/// topological order and each task's links in and out. It depends only on the
/// outline and the links, so it is reused while an edit leaves those alone.
#[derive(Clone, Debug)]
struct Prepared {
    is_leaf: Vec<bool>,
    links: Vec<LeafLink>,
    order: Vec<usize>,
    into: Vec<Vec<usize>>,
    out_of: Vec<Vec<usize>>,
}

impl Prepared {
    fn new(net: &Network) -> Result<Prepared, ScheduleError> {
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
        Ok(Prepared {
            is_leaf,
            links,
            order,
            into,
            out_of,
        })
    }
}

/// Everything the passes computed.
#[derive(Clone, Debug)]
struct Passes {
    es: Vec<i64>,
    /// Whether a zero-duration task's early start is the end of a working period.
    es_end: Vec<bool>,
    /// Whether a task's early finish is the end of a working period (not so for an
    /// SF successor, which finishes at its predecessor's start instant).
    ef_end: Vec<bool>,
    /// Whether a task's late finish is the end of a working period (not so for a
    /// manually scheduled task held by an FS successor's late start).
    lf_end: Vec<bool>,
    ef: Vec<i64>,
    ls: Vec<i64>,
    lf: Vec<i64>,
    driver: Vec<Driver>,
    project_finish: i64,
    times: Vec<TaskTimes>,
    /// Which tasks' times differ from the run before (all, on a first run).
    changed: Vec<bool>,
}

/// A scheduled network kept for the next run: after an edit, [`Memo::reschedule`]
/// recomputes only the tasks the edit can reach (forward through successors, backward
/// through predecessors) and gives the same result as scheduling from scratch.
#[derive(Clone, Debug)]
pub struct Memo {
    net: Network,
    prep: Prepared,
    project_start: i64,
    critical_limit: i64,
    passes: Passes,
}

impl Memo {
    /// Schedules `net`, reusing `previous` where the network it was made from has the
    /// same outline, links, start and critical limit (and the clock counts the same way,
    /// which the caller vouches for).
    pub fn reschedule(
        previous: Option<Memo>,
        net: Network,
        project_start: i64,
        critical_limit: i64,
        clock: &mut dyn ElapsedClock,
    ) -> Result<Memo, ScheduleError> {
        let reusable = previous.filter(|p| {
            p.project_start == project_start
                && p.critical_limit == critical_limit
                && p.net.links == net.links
                && p.net.tasks.len() == net.tasks.len()
                && p.net
                    .tasks
                    .iter()
                    .zip(&net.tasks)
                    .all(|(a, b)| a.parent == b.parent)
        });
        let (prep, passes) = match reusable {
            Some(p) => {
                let passes = run(
                    &net,
                    &p.prep,
                    project_start,
                    critical_limit,
                    clock,
                    Some((&p.net, p.passes)),
                );
                (p.prep, passes)
            }
            None => {
                let prep = Prepared::new(&net)?;
                let passes = run(&net, &prep, project_start, critical_limit, clock, None);
                (prep, passes)
            }
        };
        Ok(Memo {
            net,
            prep,
            project_start,
            critical_limit,
            passes,
        })
    }

    /// Every task's times.
    pub fn times(&self) -> &[TaskTimes] {
        &self.passes.times
    }

    /// Whether task `t`'s times differ from the run this one was made from.
    pub fn changed(&self, t: usize) -> bool {
        self.passes.changed.get(t).copied().unwrap_or(true)
    }
}

/// The passes. With `previous` (the same structure, scheduled before), only tasks whose
/// inputs changed, and what their changes reach, are recomputed.
fn run(
    net: &Network,
    prep: &Prepared,
    project_start: i64,
    critical_limit: i64,
    clock: &mut dyn ElapsedClock,
    previous: Option<(&Network, Passes)>,
) -> Passes {
    let n = net.tasks.len();
    let Prepared {
        is_leaf,
        links,
        order,
        into,
        out_of,
    } = prep;
    // Whether each task is finished, packed: the backward pass reads it for every
    // link's successor, and reading whole task records there cost cache misses.
    let finished: Vec<bool> = net.tasks.iter().map(|t| t.finished).collect();
    let dur = |t: usize| net.tasks[t].duration.max(0);
    // How a task's own duration is counted: wall-clock or on its working calendar.
    let work_time = |t: usize| (net.tasks[t].elapsed, net.tasks[t].calendar);

    // Which tasks' own inputs differ; a summary's (its deadline) reaches its leaves.
    let (inputs, old) = match previous {
        Some((old_net, old)) => {
            let mut inputs: Vec<bool> = (0..n).map(|t| net.tasks[t] != old_net.tasks[t]).collect();
            // A changed summary reaches every task below it: one walk from the top.
            if (0..n).any(|s| !is_leaf[s] && inputs[s]) {
                let (parents, top_first) = net.outline();
                for t in top_first {
                    if let Some(p) = parents[t]
                        && inputs[p]
                        && !is_leaf[p]
                    {
                        inputs[t] = true;
                    }
                }
            }
            (inputs, Some(old))
        }
        None => (vec![true; n], None),
    };
    let fresh = old.is_none();
    let Passes {
        mut es,
        mut es_end,
        mut ef_end,
        mut lf_end,
        mut ef,
        mut ls,
        mut lf,
        mut driver,
        project_finish: old_finish,
        mut times,
        ..
    } = old.unwrap_or_else(|| Passes {
        es: vec![project_start; n],
        es_end: vec![false; n],
        ef_end: vec![true; n],
        lf_end: vec![true; n],
        ef: vec![project_start; n],
        ls: vec![project_start; n],
        lf: vec![project_start; n],
        driver: vec![Driver::ProjectStart; n],
        project_finish: project_start,
        times: vec![
            TaskTimes {
                early_start: project_start,
                early_finish: project_start,
                late_start: project_start,
                late_finish: project_start,
                total_slack: 0,
                free_slack: 0,
                critical: false,
                driver: Driver::ProjectStart,
                early_at_period_end: false,
                early_finish_at_period_end: true,
                late_at_period_end: true,
            };
            n
        ],
        changed: Vec::new(),
    });

    // Forward pass, over what the changed inputs reach through successors.
    let mut pending = inputs.clone();
    let mut moved_early = vec![fresh; n];
    // Tasks whose times need writing again though their dates stayed (a new driver).
    let mut redo = vec![false; n];
    for &t in order {
        if !pending[t] {
            continue;
        }
        let d = dur(t);
        let wt = work_time(t);
        let parts = &net.tasks[t].work_parts;
        // A task without predecessors starts at the project start; links may put one
        // before it (leads, SF links), except what an FF link derives (as in MS
        // Project). Moments compare as (offset, start of a period after the end of
        // the one before): Friday 17:00 comes before Monday 08:00.
        let mut at = if into[t].is_empty() {
            (project_start, false)
        } else {
            (i64::MIN, false)
        };
        let mut why = Driver::ProjectStart;
        // The link that drives the start, kept to tell how the finish reads.
        let mut driving: Option<LeafLink> = None;
        // Whether a predecessor's finish (or start) is the end of a working period.
        let finish_end = |p: usize| dur(p) > 0 || es_end[p];
        for &li in &into[t] {
            let l = links[li];
            let lag = l.lag_time();
            // A positive working-time lag runs out at the end of a period; a lead
            // lands at the start of one; no lag keeps what it starts from.
            let after_lag = |base: bool| match l.lag {
                0 => base,
                _ if l.lag_elapsed => false,
                lag => lag > 0,
            };
            let bound = match l.kind {
                LinkKind::FinishToStart => (
                    plus(clock, ef[l.pred], l.lag, lag, false, true),
                    after_lag(finish_end(l.pred)),
                ),
                LinkKind::StartToStart => (
                    plus(clock, es[l.pred], l.lag, lag, true, true),
                    after_lag(es_end[l.pred]),
                ),
                LinkKind::FinishToFinish => {
                    let f = plus(clock, ef[l.pred], l.lag, lag, false, false);
                    let s = span(clock, parts, d, wt, f, false);
                    if s < project_start {
                        (project_start, false)
                    } else {
                        (s, after_lag(finish_end(l.pred)))
                    }
                }
                LinkKind::StartToFinish => {
                    let f = plus(clock, es[l.pred], l.lag, lag, true, false);
                    (
                        span(clock, parts, d, wt, f, false),
                        after_lag(es_end[l.pred]),
                    )
                }
            };
            if bound.0 > at.0 {
                why = Driver::Link(l.origin);
                driving = Some(l);
            }
            at = later(at, bound);
        }
        let task = &net.tasks[t];
        let pin_end = task.pinned_at_period_end && d == 0;
        if let Some(c) = task.constraint_at {
            let pinned = match task.constraint {
                ConstraintKind::StartNoEarlierThan => Some(later(at, (c, pin_end))),
                ConstraintKind::FinishNoEarlierThan => {
                    Some(later(at, (span(clock, parts, d, wt, c, false), pin_end)))
                }
                ConstraintKind::MustStartOn => Some((c, pin_end)),
                ConstraintKind::MustFinishOn => {
                    Some((span(clock, parts, d, wt, c, false), pin_end))
                }
                _ => None,
            };
            if let Some(p) = pinned {
                if p.0 != at.0 {
                    why = Driver::Constraint;
                }
                at = p;
            }
        }
        let (mut start, mut at_end) = at;
        // Work begins when the task's own calendar works.
        if task.calendar != 0 && !task.elapsed {
            let moved = clock.work(task.calendar, start, 0, true);
            if moved != start {
                start = moved;
                at_end = false;
            }
        }
        if let Some(m) = task.manual_start {
            start = m;
            at_end = pin_end;
            why = Driver::Manual;
        }
        if let Some(a) = task.actual_start {
            if a != start {
                why = Driver::Constraint;
            }
            start = a;
            at_end = pin_end;
        }
        // An SF successor finishes at its predecessor's start instant (Monday 08:00,
        // not Friday 17:00), as MS Project shows it.
        let finish_end = match (why, driving) {
            (Driver::Link(_), Some(l)) if d > 0 => {
                !(l.kind == LinkKind::StartToFinish && l.lag == 0 && !es_end[l.pred])
            }
            _ => true,
        };
        if ef_end[t] != finish_end {
            ef_end[t] = finish_end;
            redo[t] = true;
        }
        let at_end = at_end && d == 0;
        if es_end[t] != at_end {
            es_end[t] = at_end;
            redo[t] = true;
            for &li in &out_of[t] {
                pending[links[li].succ] = true;
            }
        }
        let finish = span(clock, parts, d, wt, start, true);
        if driver[t] != why {
            driver[t] = why;
            redo[t] = true;
        }
        if fresh {
            es[t] = start;
            ef[t] = finish;
        } else if es[t] != start || ef[t] != finish {
            es[t] = start;
            ef[t] = finish;
            moved_early[t] = true;
            for &li in &out_of[t] {
                pending[links[li].succ] = true;
            }
        }
    }
    let project_finish = order.iter().map(|&t| ef[t]).max().unwrap_or(project_start);
    let deadline = deadlines(net);
    let finish_moved = fresh || project_finish != old_finish;

    // Backward pass, over what the changes reach through predecessors (everything when
    // the project's finish moved).
    let mut pending = if finish_moved {
        vec![true; n]
    } else {
        inputs.clone()
    };
    let mut moved_late = vec![fresh; n];
    for &t in order.iter().rev() {
        if !pending[t] {
            continue;
        }
        let d = dur(t);
        let wt = work_time(t);
        let parts = &net.tasks[t].work_parts;
        let mut finish = project_finish;
        let manual = net.tasks[t].manual_start.is_some();
        // A manually scheduled task's late finish, where a successor sets it, is the
        // start of a working period (Monday 08:00), as MS Project writes it; every
        // other late finish is the end of the period before (Friday 17:00).
        let mut start_kind_finish = false;
        for &li in &out_of[t] {
            let l = links[li];
            if manual && matches!(l.kind, LinkKind::StartToStart | LinkKind::StartToFinish) {
                continue;
            }
            // A finished successor holds nothing back.
            if finished[l.succ] {
                continue;
            }
            let lag = l.lag_time();
            let bound = match l.kind {
                LinkKind::FinishToStart => plus(clock, ls[l.succ], -l.lag, lag, true, false),
                LinkKind::StartToStart => {
                    let s = plus(clock, ls[l.succ], -l.lag, lag, true, true);
                    span(clock, parts, d, wt, s, true)
                }
                LinkKind::FinishToFinish => plus(clock, lf[l.succ], -l.lag, lag, false, false),
                LinkKind::StartToFinish => {
                    let s = plus(clock, lf[l.succ], -l.lag, lag, false, true);
                    span(clock, parts, d, wt, s, true)
                }
            };
            if manual && d > 0 && bound < finish {
                start_kind_finish = true;
            }
            finish = finish.min(bound);
        }
        if let Some(d) = deadline.get(t).copied().flatten() {
            if d < finish {
                start_kind_finish = false;
            }
            finish = finish.min(d);
        }
        let task = &net.tasks[t];
        let linked = finish;
        if let Some(at) = task.constraint_at {
            finish = match task.constraint {
                ConstraintKind::StartNoLaterThan => finish.min(span(clock, parts, d, wt, at, true)),
                ConstraintKind::FinishNoLaterThan => finish.min(at),
                ConstraintKind::MustStartOn => span(clock, parts, d, wt, at, true),
                ConstraintKind::MustFinishOn => at,
                _ => finish,
            };
        }
        // Work ends when the task's own calendar last worked (a task of zero
        // duration has no work: it may sit at the project's finish, whenever that is).
        if task.calendar != 0 && !task.elapsed && d > 0 {
            finish = clock.work(task.calendar, finish, 0, false);
        }
        // A finished task's late dates are its actual ones.
        if task.finished {
            finish = ef[t];
        }
        let at_end = !(start_kind_finish && finish == linked);
        if lf_end[t] != at_end {
            lf_end[t] = at_end;
            redo[t] = true;
        }
        // A started task's late start is when it really started.
        let start = match task.actual_start {
            Some(_) => es[t],
            None => span(clock, parts, d, wt, finish, false),
        };
        if fresh {
            lf[t] = finish;
            ls[t] = start;
        } else if lf[t] != finish || ls[t] != start {
            lf[t] = finish;
            ls[t] = start;
            moved_late[t] = true;
            for &li in &into[t] {
                pending[links[li].pred] = true;
            }
        }
    }

    // Slack, counted on each task's own calendar, for the leaves whose dates, inputs
    // or successors' early dates moved; as-late-as-possible tasks then use up their
    // free slack (they move as late as they can without moving anything after them).
    let mut changed = vec![fresh; n];
    // In storage order, not the topological one: the arrays are read front to back.
    for t in (0..n).filter(|&t| is_leaf[t]) {
        let successor_moved = !fresh && out_of[t].iter().any(|&li| moved_early[links[li].succ]);
        if !(finish_moved
            || inputs[t]
            || redo[t]
            || moved_early[t]
            || moved_late[t]
            || successor_moved)
        {
            continue;
        }
        let own = net.tasks[t].own_calendar;
        let total = if net.tasks[t].actual_start.is_some() {
            count(clock, own, ef[t], lf[t])
        } else {
            count(clock, own, es[t], ls[t]).min(count(clock, own, ef[t], lf[t]))
        };
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
        let mut now = TaskTimes {
            early_start: es[t],
            early_finish: ef[t],
            late_start: ls[t],
            late_finish: lf[t],
            total_slack: total,
            free_slack: free.clamp(0, total.max(0)),
            // A finished task is never critical (as in MS Project): nothing it does
            // can move the finish any more.
            critical: total <= critical_limit && !finished[t],
            driver: driver[t],
            early_at_period_end: es_end[t],
            // Both hold for a task of zero duration (its moments are its start's).
            early_finish_at_period_end: ef_end[t],
            late_at_period_end: lf_end[t],
        };
        let task = &net.tasks[t];
        if task.constraint == ConstraintKind::AsLateAsPossible && now.free_slack > 0 {
            let shift = now.free_slack;
            let wt = work_time(t);
            let mut finish = plus(
                clock,
                now.early_finish,
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
                span(clock, &task.work_parts, d, wt, finish, false)
            };
            now.early_start = start.max(now.early_start);
            now.early_finish = finish.max(now.early_finish);
            now.total_slack -= shift;
            now.free_slack = 0;
            now.critical = now.total_slack <= critical_limit;
            now.driver = Driver::Constraint;
            // As late as possible: where its late dates are.
            now.early_at_period_end = d == 0;
        }
        if fresh || times[t] != now {
            times[t] = now;
            changed[t] = true;
        }
    }

    // Summaries roll up their leaves (when any leaf changed).
    if fresh
        || changed.iter().any(|&c| c)
        || inputs.iter().enumerate().any(|(s, &c)| c && !is_leaf[s])
    {
        // One walk from the deepest tasks up, each summary taking its children's
        // extremes, however deep the outline (a walk per summary was quadratic).
        let rolled = roll_up(net, is_leaf, &times);
        for s in (0..n).filter(|&t| !is_leaf[t]) {
            let Some(r) = rolled[s] else {
                continue;
            };
            let (a, b, c, d) = (r.early_start, r.early_finish, r.late_start, r.late_finish);
            let own = net.tasks[s].own_calendar;
            let total = count(clock, own, a, c).min(count(clock, own, b, d));
            let now = TaskTimes {
                early_start: a,
                early_finish: b,
                late_start: c,
                late_finish: d,
                total_slack: total,
                free_slack: 0,
                critical: total <= critical_limit,
                driver: Driver::Children,
                early_at_period_end: r.early_at_end,
                early_finish_at_period_end: true,
                late_at_period_end: true,
            };
            if fresh || times[s] != now {
                times[s] = now;
                changed[s] = true;
            }
        }
    }
    Passes {
        es,
        es_end,
        ef_end,
        lf_end,
        ef,
        ls,
        lf,
        driver,
        project_finish,
        times,
        changed,
    }
}

#[cfg(test)]
impl NetTask {
    /// A task of this many working minutes and nothing else: as soon as possible, on
    /// the axis's calendar, no progress (for tests).
    pub(crate) fn plain(duration: i64) -> NetTask {
        NetTask {
            duration,
            parent: None,
            constraint: ConstraintKind::AsSoonAsPossible,
            constraint_at: None,
            elapsed: false,
            deadline_at: None,
            calendar: 0,
            own_calendar: 0,
            manual_start: None,
            actual_start: None,
            finished: false,
            work_parts: Box::default(),
            pinned_at_period_end: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 480;

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

    /// A small deterministic generator for the property test.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, below: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % below.max(1)
        }
    }

    fn random_network(rng: &mut Lcg, n: usize) -> Network {
        let mut tasks = Vec::with_capacity(n);
        for i in 0..n {
            let mut t = task(rng.next(5) as i64 * DAY / 2);
            // Every seventh task is a summary of the next few.
            if i % 7 != 0 && i >= 1 {
                let p = i - 1 - (i - 1) % 7;
                t.parent = Some(p);
            }
            tasks.push(t);
        }
        let kinds = [
            LinkKind::FinishToStart,
            LinkKind::StartToStart,
            LinkKind::FinishToFinish,
            LinkKind::StartToFinish,
        ];
        let mut links = Vec::new();
        for succ in 1..n {
            for _ in 0..rng.next(3) {
                let pred = rng.next(succ as u64) as usize;
                // Links only forward and never within one summary's family.
                if tasks[succ].parent == Some(pred) || tasks[pred].parent == Some(succ) {
                    continue;
                }
                links.push(link(
                    pred,
                    succ,
                    kinds[rng.next(4) as usize],
                    (rng.next(5) as i64 - 1) * DAY / 4,
                ));
            }
        }
        Network { tasks, links }
    }

    /// What an edit in the task editor changes: one task's inputs.
    fn edit(rng: &mut Lcg, net: &mut Network) {
        let t = rng.next(net.tasks.len() as u64) as usize;
        let task = &mut net.tasks[t];
        match rng.next(6) {
            0 => task.duration = rng.next(8) as i64 * DAY / 2,
            1 => {
                task.constraint = ConstraintKind::StartNoEarlierThan;
                task.constraint_at = Some(rng.next(30) as i64 * DAY);
            }
            2 => task.deadline_at = Some(rng.next(40) as i64 * DAY),
            3 => task.manual_start = Some(rng.next(20) as i64 * DAY),
            4 => {
                task.constraint = ConstraintKind::AsLateAsPossible;
                task.constraint_at = None;
            }
            _ => {
                task.constraint = ConstraintKind::AsSoonAsPossible;
                task.constraint_at = None;
                task.manual_start = None;
                task.deadline_at = None;
            }
        }
    }

    #[test]
    fn rescheduling_after_an_edit_equals_scheduling_from_scratch() {
        let mut rng = Lcg(42);
        let mut recomputed_little = 0;
        for round in 0..150 {
            let mut net = random_network(&mut rng, 30 + round);
            let Ok(mut memo) = Memo::reschedule(None, net.clone(), 0, 0, &mut WorkingTimeOnly)
            else {
                continue;
            };
            for _ in 0..25 {
                edit(&mut rng, &mut net);
                let fresh = schedule(&net, 0, 0).unwrap();
                memo =
                    Memo::reschedule(Some(memo), net.clone(), 0, 0, &mut WorkingTimeOnly).unwrap();
                assert_eq!(memo.times(), &fresh[..], "round {round}");
                let changed = (0..net.tasks.len()).filter(|&t| memo.changed(t)).count();
                if changed < net.tasks.len() / 2 {
                    recomputed_little += 1;
                }
            }
        }
        assert!(
            recomputed_little > 400,
            "most edits reach few tasks: {recomputed_little}"
        );
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
