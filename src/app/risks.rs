//! The Risks page's data: the register read while the page shows, and the schedule
//! risk simulation run in the background (progress and Cancel in the status bar),
//! again by itself after an edit when the page shows the simulation.

use std::sync::atomic::Ordering;

use super::PlanwrightApp;
use super::jobs::{Job, JobOutcome};
use crate::context::action::Page;
use crate::context::messages;
use crate::i18n::tr;
use crate::model::simulation::Control;
use crate::report::risk_session::SimulationRun;
use crate::report::schedule_risk::Simulation;

/// Risk events, and tasks, ranked in the tornado.
const TORNADO_TOP: usize = 5;

impl PlanwrightApp {
    /// Reads the register again when the store, the project or the day moved (only
    /// while the Risks page shows); reruns a stale simulation the page is showing.
    pub(super) fn refresh_risk_view(&mut self) {
        if self.page != Page::Risks {
            return;
        }
        let (Some(ws), Some(view)) = (self.workspace.as_ref(), self.view.as_ref()) else {
            return;
        };
        let project = self.current_project.and_then(|id| view.project(id));
        let today = chrono::Local::now().date_naive();
        if let Err(e) = self.risks.refresh(ws, project, today) {
            self.error(messages::store_error(self.language(), &e));
            return;
        }
        let state = &self.ui_state.risks;
        if state.live_simulation()
            && self.job.is_none()
            && self.current_project.is_some()
            && (self.risks.simulation.is_none() || self.risks.simulation_stale())
            && !state.attempted_at(self.risks.revision())
        {
            let (iterations, seed) = state.simulation_settings();
            self.run_simulation(iterations, seed);
        }
    }

    /// Starts the simulation of the current project: read here, run on all cores in a
    /// background job (the tornado's reruns too).
    pub(super) fn run_simulation(&mut self, iterations: usize, seed: u64) {
        let lang = self.language();
        if !self.job_slot_free() {
            return;
        }
        let (Some(ws), Some(view), Some(id)) = (
            self.workspace.as_ref(),
            self.view.as_ref(),
            self.current_project,
        ) else {
            self.error(tr(lang, "msg.no_project_selected"));
            return;
        };
        let Some(project) = view.project(id).cloned() else {
            return;
        };
        let revision = ws.revision();
        let simulation = match Simulation::read(ws, &project) {
            Ok(s) => s,
            Err(e) => {
                self.ui_state.risks.mark_attempt(Some(revision));
                self.error(messages::store_error(lang, &e));
                return;
            }
        };
        // A live rerun waits for the next edit after a cancel or a failure.
        self.ui_state.risks.mark_attempt(Some(revision));
        let title = tr(lang, "risks.simulating");
        self.job = Some(Job::spawn(title, self.repaint_handle(), move |progress| {
            let control = Control::default();
            // The tornado reruns the simulation once per ranked risk, with fewer
            // iterations: it ranks, the main run measures.
            let tornado_iterations = iterations.min(2000);
            // The tornado: one run with everything, then one per ranked risk and task.
            let total = (iterations + (1 + 2 * TORNADO_TOP) * tornado_iterations) as u64;
            let outcome = std::thread::scope(|scope| {
                let worker = scope.spawn(|| {
                    let result = simulation.run(iterations, seed, &control)?;
                    let tornado =
                        simulation.tornado(tornado_iterations, seed, TORNADO_TOP, &control)?;
                    Ok::<_, crate::store::StoreError>(result.zip(tornado))
                });
                while !worker.is_finished() {
                    let done = control.done.load(Ordering::Relaxed) as u64;
                    if !progress.update(done.min(total), total) {
                        control.cancel.store(true, Ordering::Relaxed);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(30));
                }
                worker.join()
            });
            match outcome {
                Ok(Ok(Some((result, tornado)))) => JobOutcome::Simulated(Box::new(SimulationRun {
                    project: id,
                    revision,
                    result,
                    tornado,
                })),
                Ok(Ok(None)) => JobOutcome::Cancelled,
                Ok(Err(e)) => JobOutcome::Failed(e.to_string()),
                Err(_) => JobOutcome::Failed("the simulation stopped unexpectedly".to_owned()),
            }
        }));
    }

    /// Keeps a finished simulation for the page.
    pub(super) fn simulation_finished(&mut self, run: SimulationRun) {
        self.risks.simulation = Some(run);
    }
}
