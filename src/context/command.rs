//! Every user action the shell offers, as one flat list. Menus, shortcuts, the command
//! palette, the search box and tests all send these; the app handles them in one place.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::page::Page;

/// A command with no arguments: what a menu item, a shortcut or a palette entry does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewWorkspace,
    OpenWorkspace,
    OpenDemo,
    SaveAs,
    RestoreBackup,
    CloseWorkspace,
    Import,
    ImportMappedTasks,
    ImportSurvey,
    ImportMappedRequirements,
    ImportMappedRisks,
    ImportMappedCases,
    ImportMappedDefects,
    ExportMspdi,
    ExportTasksCsv,
    ExportGanttPdf,
    ExportGanttPng,
    ExportGanttSvg,
    Quit,
    Undo,
    Redo,
    CommandPalette,
    Search,
    NewProject,
    ProjectProperties,
    DeleteProject,
    /// Show a page.
    Go(Page),
    SwitchLanguage,
    CycleTheme,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    About,
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers {
    shift: true,
    ..Modifiers::COMMAND
};

impl UiCommand {
    /// The commands listed before the pages, in palette order.
    const BEFORE_PAGES: [UiCommand; 5] = [
        UiCommand::NewProject,
        UiCommand::ProjectProperties,
        UiCommand::DeleteProject,
        UiCommand::Undo,
        UiCommand::Redo,
    ];

    /// The commands listed after the pages, in palette order.
    const AFTER_PAGES: [UiCommand; 27] = [
        UiCommand::Search,
        UiCommand::CommandPalette,
        UiCommand::NewWorkspace,
        UiCommand::OpenWorkspace,
        UiCommand::OpenDemo,
        UiCommand::SaveAs,
        UiCommand::RestoreBackup,
        UiCommand::Import,
        UiCommand::ImportMappedTasks,
        UiCommand::ImportSurvey,
        UiCommand::ImportMappedRequirements,
        UiCommand::ImportMappedRisks,
        UiCommand::ImportMappedCases,
        UiCommand::ImportMappedDefects,
        UiCommand::ExportMspdi,
        UiCommand::ExportTasksCsv,
        UiCommand::ExportGanttPdf,
        UiCommand::ExportGanttPng,
        UiCommand::ExportGanttSvg,
        UiCommand::CloseWorkspace,
        UiCommand::SwitchLanguage,
        UiCommand::CycleTheme,
        UiCommand::ZoomIn,
        UiCommand::ZoomOut,
        UiCommand::ZoomReset,
        UiCommand::About,
        UiCommand::Quit,
    ];

    /// Every command in palette order: a "Go to" per page in navigation order.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        Self::BEFORE_PAGES
            .into_iter()
            .chain(Page::ALL.into_iter().map(UiCommand::Go))
            .chain(Self::AFTER_PAGES)
    }

    /// The i18n key of the command's name.
    pub fn label_key(self) -> &'static str {
        match self {
            UiCommand::Go(page) => page.command_key(),
            UiCommand::NewWorkspace => "cmd.new_workspace",
            UiCommand::OpenWorkspace => "cmd.open_workspace",
            UiCommand::OpenDemo => "cmd.open_demo",
            UiCommand::SaveAs => "cmd.save_as",
            UiCommand::RestoreBackup => "cmd.restore_backup",
            UiCommand::CloseWorkspace => "cmd.close_workspace",
            UiCommand::Import => "cmd.import",
            UiCommand::ImportMappedTasks => "cmd.import_mapped_tasks",
            UiCommand::ImportSurvey => "cmd.import_survey",
            UiCommand::ImportMappedRequirements => "cmd.import_mapped_requirements",
            UiCommand::ImportMappedRisks => "cmd.import_mapped_risks",
            UiCommand::ImportMappedCases => "cmd.import_mapped_cases",
            UiCommand::ImportMappedDefects => "cmd.import_mapped_defects",
            UiCommand::ExportMspdi => "cmd.export_mspdi",
            UiCommand::ExportTasksCsv => "cmd.export_tasks_csv",
            UiCommand::ExportGanttPdf => "cmd.export_gantt_pdf",
            UiCommand::ExportGanttPng => "cmd.export_gantt_png",
            UiCommand::ExportGanttSvg => "cmd.export_gantt_svg",
            UiCommand::Quit => "cmd.quit",
            UiCommand::Undo => "cmd.undo",
            UiCommand::Redo => "cmd.redo",
            UiCommand::CommandPalette => "cmd.command_palette",
            UiCommand::Search => "cmd.search",
            UiCommand::NewProject => "cmd.new_project",
            UiCommand::ProjectProperties => "cmd.project_properties",
            UiCommand::DeleteProject => "cmd.delete_project",
            UiCommand::SwitchLanguage => "cmd.switch_language",
            UiCommand::CycleTheme => "cmd.cycle_theme",
            UiCommand::ZoomIn => "cmd.zoom_in",
            UiCommand::ZoomOut => "cmd.zoom_out",
            UiCommand::ZoomReset => "cmd.zoom_reset",
            UiCommand::About => "cmd.about",
        }
    }

    /// The keyboard shortcuts that run the command; the first is the one shown.
    pub fn shortcuts(self) -> &'static [KeyboardShortcut] {
        const fn k(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
            KeyboardShortcut::new(modifiers, key)
        }
        match self {
            UiCommand::Go(page) => page.shortcuts(),
            UiCommand::NewWorkspace => &const { [k(CTRL_SHIFT, Key::N)] },
            UiCommand::OpenWorkspace => &const { [k(CTRL, Key::O)] },
            UiCommand::SaveAs => &const { [k(CTRL_SHIFT, Key::S)] },
            UiCommand::CloseWorkspace => &const { [k(CTRL, Key::W)] },
            UiCommand::Import => &const { [k(CTRL, Key::I)] },
            UiCommand::Quit => &const { [k(CTRL, Key::Q)] },
            UiCommand::Undo => &const { [k(CTRL, Key::Z)] },
            UiCommand::Redo => &const { [k(CTRL_SHIFT, Key::Z), k(CTRL, Key::Y)] },
            UiCommand::CommandPalette => &const { [k(CTRL, Key::K)] },
            UiCommand::Search => &const { [k(CTRL, Key::F)] },
            UiCommand::NewProject => &const { [k(CTRL, Key::N)] },
            UiCommand::ProjectProperties => &const { [k(Modifiers::ALT, Key::Enter)] },
            UiCommand::ZoomIn => &const { [k(CTRL, Key::Equals), k(CTRL, Key::Plus)] },
            UiCommand::ZoomOut => &const { [k(CTRL, Key::Minus)] },
            UiCommand::ZoomReset => &const { [k(CTRL, Key::Num0)] },
            UiCommand::ExportGanttPdf => &const { [k(CTRL, Key::P)] },
            UiCommand::OpenDemo
            | UiCommand::ImportMappedTasks
            | UiCommand::ImportSurvey
            | UiCommand::ImportMappedRequirements
            | UiCommand::ImportMappedRisks
            | UiCommand::ImportMappedCases
            | UiCommand::ImportMappedDefects
            | UiCommand::ExportMspdi
            | UiCommand::ExportTasksCsv
            | UiCommand::ExportGanttPng
            | UiCommand::ExportGanttSvg
            | UiCommand::DeleteProject
            | UiCommand::SwitchLanguage
            | UiCommand::CycleTheme
            | UiCommand::RestoreBackup
            | UiCommand::About => &[],
        }
    }

    /// Whether a focused text field should get this shortcut instead (it has its own
    /// undo/redo and the usual text keys).
    pub fn yields_to_text_fields(self) -> bool {
        matches!(self, UiCommand::Undo | UiCommand::Redo)
    }

    /// The commands whose shortcuts were pressed this frame, consuming those key presses.
    /// Shortcuts with more modifiers are checked first, so Ctrl+Shift+Z is not taken
    /// for Ctrl+Z.
    pub fn pressed(ctx: &egui::Context, text_field_focused: bool) -> Vec<UiCommand> {
        let mut all: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::all()
            .flat_map(|c| c.shortcuts().iter().map(move |s| (c, *s)))
            .filter(|(c, _)| !(text_field_focused && c.yields_to_text_fields()))
            .collect();
        all.sort_by_key(|(_, s)| {
            std::cmp::Reverse(
                u8::from(s.modifiers.shift)
                    + u8::from(s.modifiers.alt)
                    + u8::from(s.modifiers.command),
            )
        });
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (c, s) in all {
                if i.consume_shortcut(&s) && !out.contains(&c) {
                    out.push(c);
                }
            }
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_is_listed_once_and_shortcuts_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for c in UiCommand::all() {
            assert!(seen.insert(c), "{c:?} twice");
        }
        let mut shortcuts = std::collections::HashSet::new();
        for c in UiCommand::all() {
            for s in c.shortcuts() {
                assert!(
                    shortcuts.insert((
                        s.modifiers.shift,
                        s.modifiers.alt,
                        s.modifiers.command,
                        s.logical_key
                    )),
                    "{c:?} reuses a shortcut"
                );
            }
        }
    }
}
