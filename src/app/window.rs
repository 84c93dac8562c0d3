//! The real window: eframe's entry points and `run_gui`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use super::{AppSetup, PREFS_KEY, PlanwrightApp, Startup, crash, data_folder, single_instance};
use crate::context::prefs::Prefs;
use crate::i18n::Language;
use crate::i18n::tr;
use crate::ui::{self};

impl eframe::App for PlanwrightApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A save-as in flight is cancelled cleanly: its staging file is removed.
        if let Some(job) = self.job.take() {
            job.cancel();
            let _ = job.wait();
        }
        // A daily backup in flight finishes, or its staging file would be left behind.
        self.auto_backup.wait();
    }
}

/// Opens the main window. `file` is a workspace to open or a file to import.
pub fn run_gui(file: Option<PathBuf>, new_instance: bool) -> ExitCode {
    let started = Instant::now();
    let data = data_folder();
    // Already running for this user: hand the file over (or bring it forward), done.
    if !new_instance && let Some(data) = &data {
        let request = match &file {
            Some(path) => single_instance::Request::Open(path.clone()),
            None => single_instance::Request::Show,
        };
        if single_instance::forward(data, &request).unwrap_or(false) {
            return ExitCode::SUCCESS;
        }
    }
    crash::install_hook(data.as_ref().map(|d| d.join("crashes")));
    let icon =
        eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/256x256.png")).ok();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title(tr(Language::from_os(), "app.name"))
        .with_app_id("planwright")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([720.0, 480.0])
        .with_drag_and_drop(true);
    if let Some(icon) = icon {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        // We add the OS fonts ourselves, after the bundled CJK font.
        system_font_fallback: false,
        ..Default::default()
    };
    let startup = match file {
        Some(path) => Startup::File(path),
        None => Startup::Default,
    };
    let result = eframe::run_native(
        "Planwright",
        options,
        Box::new(move |cc| {
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value::<Prefs>(s, PREFS_KEY))
                .unwrap_or_default();
            ui::fonts::install_system_fallback(&cc.egui_ctx);
            let mut app = PlanwrightApp::new(&cc.egui_ctx, AppSetup::native(prefs, startup));
            if std::env::var_os("PLANWRIGHT_STARTUP_PROBE").is_some() {
                app.startup_probe = Some(started);
            }
            if !new_instance && let Some(data) = &data {
                let ctx = cc.egui_ctx.clone();
                match single_instance::Primary::listen(data, move || ctx.request_repaint()) {
                    Ok(primary) => app.primary = Some(primary),
                    // Still a working window; later launches just open their own.
                    Err(e) => log::warn!("no single-instance listener: {e}"),
                }
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("planwright: could not open the window: {e}");
            ExitCode::from(1)
        }
    }
}
