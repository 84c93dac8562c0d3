//! The two dialogs of things gone wrong: the crash dialog (what failed, where the log
//! is, go on or quit) and 从备份恢复… (the workspace's daily backups, one to restore).

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use super::{FrameModel, theme};
use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::i18n::tr_with;
use crate::store::backup::Backup;

/// The restore dialog's state: the backups listed when it opened.
pub struct RestoreDialog {
    pub folder: std::path::PathBuf,
    pub backups: Vec<Backup>,
    /// The backup the user chose, waiting for "Replace".
    pub confirming: Option<usize>,
}

/// Shown after a panic was caught, until the user goes on or quits.
pub fn crash(ctx: &egui::Context, m: &FrameModel<'_>, actions: &mut Vec<Action>) {
    let Some(report) = m.crash else { return };
    let palette = theme::palette(&ctx.global_style().visuals);
    egui::Modal::new(egui::Id::unique("crash_dialog")).show(ctx, |ui| {
        ui.set_max_width(size::DIALOG_WIDTH);
        ui.label(
            RichText::new(m.t("crash.title"))
                .size(theme::size::TITLE)
                .strong(),
        );
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        ui.label(m.t("crash.body"));
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        let what = match &report.location {
            Some(at) => format!("{} ({at})", report.message),
            None => report.message.clone(),
        };
        ui.label(
            RichText::new(tr_with(m.lang, "crash.error", &[("what", &what)])).color(palette.danger),
        );
        match &report.log {
            Some(log) => ui.label(tr_with(
                m.lang,
                "crash.log",
                &[("path", &log.display().to_string())],
            )),
            None => ui.label(RichText::new(m.t("crash.no_log")).color(palette.muted_text)),
        };
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        ui.horizontal(|ui| {
            if ui.button(m.t("crash.continue")).clicked() {
                actions.push(Action::DismissCrash);
            }
            if ui.button(m.t("crash.copy")).clicked() {
                ui.ctx().copy_text(report.summary());
            }
            if ui.button(m.t("crash.quit")).clicked() {
                actions.push(Action::Run(UiCommand::Quit));
            }
        });
    });
}

/// 从备份恢复…: the backups of the open workspace, newest first, each with Restore.
pub fn restore(
    ctx: &egui::Context,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    state: &mut Option<RestoreDialog>,
) {
    let Some(dialog) = state else { return };
    let palette = theme::palette(&ctx.global_style().visuals);
    let mut close = false;
    egui::Modal::new(egui::Id::unique("restore_dialog")).show(ctx, |ui| {
        ui.set_max_width(size::DIALOG_WIDTH);
        ui.label(
            RichText::new(m.t("restore.title"))
                .size(theme::size::TITLE)
                .strong(),
        );
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        ui.label(tr_with(
            m.lang,
            "restore.body",
            &[("keep", &crate::store::backup::KEEP.to_string())],
        ));
        ui.label(
            RichText::new(tr_with(
                m.lang,
                "restore.folder",
                &[("path", &dialog.folder.display().to_string())],
            ))
            .color(palette.muted_text),
        );
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        if dialog.backups.is_empty() {
            ui.label(m.t("restore.none"));
        }
        egui::Grid::new("backups").striped(true).show(ui, |ui| {
            for (i, b) in dialog.backups.iter().enumerate() {
                let name = b
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.label(b.day.format("%Y-%m-%d").to_string());
                ui.label(name);
                ui.label(format!("{:.1} MB", b.bytes as f64 / 1_048_576.0));
                if ui.button(m.t("restore.restore")).clicked() {
                    dialog.confirming = Some(i);
                }
                ui.end_row();
            }
        });
        if let Some(b) = dialog.confirming.and_then(|i| dialog.backups.get(i)) {
            ui.add_space(theme::size::SECTION_GAP / 2.0);
            let day = b.day.format("%Y-%m-%d").to_string();
            ui.label(RichText::new(tr_with(m.lang, "restore.confirm", &[("day", &day)])).strong());
            ui.horizontal(|ui| {
                if ui.button(m.t("restore.yes")).clicked() {
                    actions.push(Action::RestoreBackup(b.path.clone()));
                    close = true;
                }
                if ui.button(m.t("restore.cancel")).clicked() {
                    dialog.confirming = None;
                }
            });
        }
        ui.add_space(theme::size::SECTION_GAP / 2.0);
        if ui.button(m.t("restore.close")).clicked() {
            close = true;
        }
    });
    if close {
        *state = None;
    }
}
