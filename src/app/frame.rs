//! One frame: what comes in before drawing (outside changes, finished jobs, shortcuts,
//! drops, handed-over files), drawing, the actions it asked for, the window title.

use super::jobs::Job;
use super::{PlanwrightApp, single_instance};
use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::i18n::tr;
use crate::ui::{self, FrameModel, JobStatus};

impl PlanwrightApp {
    /// A frame model with no borrowed UI parts, for checking whether commands apply.
    pub(super) fn frame_model_for_checks(&self) -> FrameModel<'_> {
        FrameModel {
            lang: self.language(),
            view: self.view.as_ref(),
            plan: self.plan_view.as_ref(),
            survey: self.survey.view(),
            report: Some(&self.report),
            risks: Some(&self.risks),
            quality: Some(&self.quality),
            home: self.home.as_ref(),
            page: self.page,
            current_project: self.current_project,
            job: None,
            status: None,
            prefs: &self.prefs,
            demo_path: None,
            files_hovering: false,
            missing_workspace: None,
            recent_missing: &[],
            crash: None,
        }
    }

    /// Everything before drawing: outside changes, finished jobs, shortcuts, drops,
    /// theme and zoom.
    pub(super) fn before_frame(&mut self, ctx: &egui::Context) {
        self.take_handed_over_files(ctx);
        if let Some(outcome) = self.job.as_mut().and_then(Job::try_finish) {
            self.job = None;
            self.job_finished(outcome);
        }
        self.refresh_view();
        if self.view.as_ref().is_some_and(|v| v.read_only) {
            // Another process is writing: look for its changes every few seconds (one
            // cheap pragma), so this window follows along without input.
            ctx.request_repaint_after(std::time::Duration::from_secs(3));
        }
        let text_focused = ctx.egui_wants_keyboard_input();
        for cmd in UiCommand::pressed(ctx, text_focused) {
            self.actions.push(Action::Run(cmd));
        }
        let (dropped, hovering) =
            ctx.input(|i| (i.raw.dropped_files.clone(), !i.raw.hovered_files.is_empty()));
        self.files_hovering = hovering;
        for file in dropped {
            let path = file.path();
            if !path.as_os_str().is_empty() {
                self.actions.push(Action::OpenPath(path.to_path_buf()));
            }
        }
        if self.applied_theme != Some(self.prefs.theme) {
            ctx.set_theme(self.prefs.theme.to_egui());
            self.applied_theme = Some(self.prefs.theme);
        }
        if self.applied_scale != Some(self.prefs.ui_scale) {
            ctx.set_zoom_factor(self.prefs.ui_scale);
            self.applied_scale = Some(self.prefs.ui_scale);
        }
    }

    /// Files a later launch handed over: opened here, and the window comes forward.
    pub(super) fn take_handed_over_files(&mut self, ctx: &egui::Context) {
        let Some(primary) = &self.primary else { return };
        while let Ok(request) = primary.requests.try_recv() {
            if let single_instance::Request::Open(path) = request {
                self.actions.push(Action::OpenPath(path));
            }
            ctx.send_viewport_cmd(egui::ViewportCommand::Minimized(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Focus);
        }
    }

    /// Draws one frame and handles what it asked for; a panic in it is caught and told
    /// (see `recovery`). The eframe `ui` entry point and the UI tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.frame_catching_panics(ui);
    }

    pub(super) fn frame(&mut self, ui: &mut egui::Ui) {
        if std::mem::take(&mut self.panic_next_frame) {
            panic!("a panic asked for by a test of the crash dialog");
        }
        let ctx = ui.ctx().clone();
        self.before_frame(&ctx);
        self.tick_backup();
        if self.workspace.is_none() {
            // A few stats, only while the start page shows.
            self.recent_missing = self.prefs.recent.iter().map(|p| !p.exists()).collect();
        }
        // Actions queued before drawing (shortcuts, drops) run first, so this frame
        // already shows their effect.
        self.drain_actions(&ctx);
        self.refresh_plan_view();
        self.refresh_survey_view();
        self.refresh_report_view();
        self.refresh_risk_view();
        self.refresh_quality_view();
        self.refresh_home();
        let job_status = self.job.as_ref().map(|j| JobStatus {
            title: &j.title,
            fraction: j.fraction(),
            cancelling: j.is_cancelling(),
        });
        let model = FrameModel {
            lang: self.prefs.language(),
            view: self.view.as_ref(),
            plan: self.plan_view.as_ref(),
            survey: self.survey.view(),
            report: Some(&self.report),
            risks: Some(&self.risks),
            quality: Some(&self.quality),
            home: self.home.as_ref(),
            page: self.page,
            current_project: self.current_project,
            job: job_status,
            status: self.status.as_ref(),
            prefs: &self.prefs,
            demo_path: self.demo_path.as_deref(),
            files_hovering: self.files_hovering,
            missing_workspace: self.missing_workspace.as_deref(),
            recent_missing: &self.recent_missing,
            crash: self.crash.as_ref(),
        };
        if self.crash.is_some() && self.crashes > 1 {
            // It failed again while the dialog was up: draw nothing but the dialog.
            ui::recovery::crash(&ctx, &model, &mut self.actions);
        } else {
            ui::draw(ui, &model, &mut self.ui_state, &mut self.actions);
        }
        self.drain_actions(&ctx);
        self.update_title(&ctx);
        if let Some(started) = self.startup_probe.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    pub(super) fn drain_actions(&mut self, ctx: &egui::Context) {
        let had_actions = !self.actions.is_empty();
        // Handling an action may queue more (a command opening a dialog); bounded so a
        // bug can never spin forever.
        for _ in 0..8 {
            let pending = std::mem::take(&mut self.actions);
            if pending.is_empty() {
                break;
            }
            for action in pending {
                self.handle(ctx, action);
            }
        }
        if had_actions {
            // Show the effect at once rather than on the next input.
            ctx.request_repaint();
        }
    }

    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let lang = self.language();
        let title = match &self.view {
            Some(v) => format!("{} — {}", v.file_name(), tr(lang, "app.name")),
            None => tr(lang, "app.name"),
        };
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}
