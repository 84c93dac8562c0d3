//! Background jobs: long work on a thread, with progress, Cancel, and a repaint only
//! when progress moves (so an idle app stays at 0 % CPU).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

/// What a table being mapped column by column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableOf {
    Tasks,
    Requirements,
    /// A table for the column-mapping step (risks, cases, defects).
    Mapped(crate::context::action::MappingTarget),
}

/// What a finished job hands back to the app.
pub enum JobOutcome {
    /// "Save as" finished: the copy at this path is complete.
    SavedCopy(std::path::PathBuf),
    /// An import ran; the workspace comes back either way.
    Imported {
        workspace: Box<crate::store::Workspace>,
        result: Result<crate::io::ImportSummary, crate::io::ImportError>,
        source: std::path::PathBuf,
    },
    /// A table file was read for the column-mapping step.
    TablePreview {
        path: std::path::PathBuf,
        /// Tasks or requirements: which mapping step shows it.
        of: TableOf,
        result: Result<crate::io::task_table::TablePreview, crate::io::ImportError>,
    },
    /// The start of a survey export was read for the import wizard.
    SurveyPreview {
        path: std::path::PathBuf,
        encoding: Option<String>,
        result: Result<crate::io::survey::preview::SurveyPreview, crate::io::ImportError>,
    },
    /// An export was written here.
    Exported(std::path::PathBuf),
    /// A schedule risk simulation finished.
    Simulated(Box<crate::report::risk_session::SimulationRun>),
    /// The user cancelled; nothing was written.
    Cancelled,
    /// The job failed; the message names the file and the cause.
    Failed(String),
}

/// Shared between the job's thread and the UI.
#[derive(Default)]
struct Shared {
    done: AtomicU64,
    total: AtomicU64,
    cancel: AtomicBool,
}

/// A running job.
pub struct Job {
    /// What the status bar says while it runs.
    pub title: String,
    shared: Arc<Shared>,
    handle: Option<JoinHandle<JobOutcome>>,
}

/// Handed to the job's closure: report progress, learn whether to stop.
pub struct JobProgress {
    shared: Arc<Shared>,
    repaint: Box<dyn Fn() + Send>,
    last_permille: u64,
}

impl JobProgress {
    /// Records progress; returns false when the user asked to cancel. Asks for a repaint
    /// only when the shown value (in tenths of a percent) changes.
    pub fn update(&mut self, done: u64, total: u64) -> bool {
        self.shared.done.store(done, Ordering::Relaxed);
        self.shared.total.store(total, Ordering::Relaxed);
        let permille = done.saturating_mul(1000).checked_div(total).unwrap_or(0);
        if permille != self.last_permille {
            self.last_permille = permille;
            (self.repaint)();
        }
        !self.shared.cancel.load(Ordering::Relaxed)
    }
}

impl Job {
    /// Starts `work` on its own thread. `repaint` wakes the UI (egui's request_repaint).
    pub fn spawn(
        title: String,
        repaint: impl Fn() + Send + Clone + 'static,
        work: impl FnOnce(&mut JobProgress) -> JobOutcome + Send + 'static,
    ) -> Job {
        let shared = Arc::new(Shared::default());
        let mut progress = JobProgress {
            shared: Arc::clone(&shared),
            repaint: Box::new(repaint.clone()),
            last_permille: u64::MAX,
        };
        let handle = std::thread::spawn(move || {
            let outcome = work(&mut progress);
            // Wake the UI once more so it collects the outcome.
            repaint();
            outcome
        });
        Job {
            title,
            shared,
            handle: Some(handle),
        }
    }

    /// Progress as a fraction, or `None` before the job knows its size.
    pub fn fraction(&self) -> Option<f32> {
        let total = self.shared.total.load(Ordering::Relaxed);
        let done = self.shared.done.load(Ordering::Relaxed);
        (total > 0).then(|| (done as f64 / total as f64).clamp(0.0, 1.0) as f32)
    }

    /// Asks the job to stop at its next progress report.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether Cancel was pressed.
    pub fn is_cancelling(&self) -> bool {
        self.shared.cancel.load(Ordering::Relaxed)
    }

    /// The outcome, once the thread has finished; `None` while it runs.
    pub fn try_finish(&mut self) -> Option<JobOutcome> {
        if !self.handle.as_ref().is_some_and(JoinHandle::is_finished) {
            return None;
        }
        let handle = self.handle.take()?;
        Some(handle.join().unwrap_or_else(|_| {
            JobOutcome::Failed("the background task stopped unexpectedly".to_owned())
        }))
    }

    /// Waits for the job to end (used on exit and in tests).
    pub fn wait(mut self) -> JobOutcome {
        match self.handle.take() {
            Some(h) => h.join().unwrap_or_else(|_| {
                JobOutcome::Failed("the background task stopped unexpectedly".to_owned())
            }),
            None => JobOutcome::Cancelled,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_is_reported_and_cancel_stops_the_work() {
        let (tx, rx) = std::sync::mpsc::channel::<()>();
        let job = Job::spawn(
            "t".into(),
            || {},
            move |p| {
                for i in 0..1_000_000u64 {
                    if !p.update(i, 1_000_000) {
                        return JobOutcome::Cancelled;
                    }
                    if i == 10 {
                        let _ = tx.send(());
                    }
                    std::thread::sleep(std::time::Duration::from_micros(50));
                }
                JobOutcome::Failed("ran to the end".into())
            },
        );
        rx.recv().unwrap();
        assert!(job.fraction().is_some_and(|f| f < 0.5));
        job.cancel();
        assert!(matches!(job.wait(), JobOutcome::Cancelled));
    }
}
