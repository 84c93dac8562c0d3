//! Synthetic plans for benchmarks and `planwright gen`: a realistic WBS (phases, work
//! packages, tasks), durations of a few days, chains inside each package and links
//! across packages, about 1.5 links per task. Deterministic for a given seed.

use super::TaskFields;
use super::plan::{DraftDependency, DraftTask, PlanDraft};
use super::schedule::LinkKind;
use super::task::TimeUnit;

/// A small, fast, seedable random source (SplitMix64); no dependency needed. Also
/// what the hostile-input and crash tests draw their replayable trials from.
pub struct Random(pub u64);

impl Random {
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }
}

const PHASES: [&str; 6] = ["调研", "需求", "设计", "开发", "测试", "发布"];

/// A plan with `leaf_tasks` work tasks (plus their summary tasks).
pub fn plan(leaf_tasks: usize, seed: u64) -> PlanDraft {
    let mut rng = Random(seed ^ 0x5EED);
    let mut tasks: Vec<DraftTask> = Vec::with_capacity(leaf_tasks + leaf_tasks / 8 + 8);
    let mut dependencies = Vec::with_capacity(leaf_tasks * 3 / 2);
    let package_size = 10usize;
    let packages = leaf_tasks.div_ceil(package_size).max(1);
    let per_phase = packages.div_ceil(PHASES.len()).max(1);
    let mut leaves: Vec<usize> = Vec::with_capacity(leaf_tasks);
    let mut made = 0usize;
    let push = |tasks: &mut Vec<DraftTask>,
                name: String,
                parent: Option<usize>,
                days: i64,
                milestone: bool| {
        let position = tasks.len() as i64 + 1;
        tasks.push(DraftTask {
            fields: TaskFields {
                name,
                position,
                duration_minutes: days * 480,
                duration_unit: TimeUnit::Days,
                milestone,
                ..TaskFields::default()
            },
            parent,
            calendar: None,
        });
        tasks.len() - 1
    };
    'phases: for (p, phase) in PHASES.iter().enumerate() {
        let phase_index = push(&mut tasks, format!("{} 阶段", phase), None, 0, false);
        for k in 0..per_phase {
            if made >= leaf_tasks {
                break 'phases;
            }
            let package = push(
                &mut tasks,
                format!("{phase} 工作包 {}", p * per_phase + k + 1),
                Some(phase_index),
                0,
                false,
            );
            let mut previous: Option<usize> = None;
            for j in 0..package_size {
                if made >= leaf_tasks {
                    break;
                }
                let last = j + 1 == package_size;
                let days = if last { 0 } else { 1 + rng.below(10) as i64 };
                let name = if last {
                    format!("{phase} 里程碑 {}", made + 1)
                } else {
                    format!("{phase} 任务 {}", made + 1)
                };
                let t = push(&mut tasks, name, Some(package), days, last);
                if let Some(prev) = previous {
                    dependencies.push(DraftDependency {
                        predecessor: prev,
                        successor: t,
                        kind: LinkKind::FinishToStart,
                        lag: 0,
                        lag_unit: TimeUnit::Days,
                        lag_elapsed: false,
                    });
                }
                previous = Some(t);
                leaves.push(t);
                made += 1;
            }
        }
    }
    // Links across packages, always from an earlier task to a later one (no cycles).
    let extra = leaf_tasks / 2 + leaf_tasks.saturating_sub(packages);
    let target = leaf_tasks * 3 / 2;
    let mut added = dependencies.len();
    let mut tries = 0;
    while added < target && tries < extra * 4 + 16 && leaves.len() > package_size {
        tries += 1;
        let a = rng.below(leaves.len() as u64) as usize;
        // Workstreams of 20 packages run side by side; links stay inside a stream,
        // as in a real programme, so the critical path stays years, not centuries, long.
        let stream = package_size * 20;
        let b = a + 1 + rng.below(stream as u64) as usize;
        if b >= leaves.len() || a / package_size == b / package_size || a / stream != b / stream {
            continue;
        }
        let kind = match rng.below(20) {
            0 => LinkKind::StartToStart,
            1 => LinkKind::FinishToFinish,
            _ => LinkKind::FinishToStart,
        };
        dependencies.push(DraftDependency {
            predecessor: leaves[a],
            successor: leaves[b],
            kind,
            lag: rng.below(3) as i64 * 480,
            lag_unit: TimeUnit::Days,
            lag_elapsed: false,
        });
        added += 1;
    }
    PlanDraft {
        calendars: Vec::new(),
        project_calendar: None,
        tasks,
        dependencies,
        ..PlanDraft::default()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_and_determinism() {
        let a = super::plan(1000, 7);
        let b = super::plan(1000, 7);
        assert_eq!(a, b);
        let leaves = a
            .tasks
            .iter()
            .enumerate()
            .filter(|(i, _)| !a.tasks.iter().any(|t| t.parent == Some(*i)))
            .count();
        assert_eq!(leaves, 1000);
        assert!(a.dependencies.len() >= 1400, "{}", a.dependencies.len());
        assert!(a.dependencies.iter().all(|d| d.predecessor < d.successor));
        assert_ne!(super::plan(1000, 8), a);
    }
}
