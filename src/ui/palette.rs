//! The command palette (Ctrl+K): every command with its shortcut, filtered as you
//! type (in either language); arrows to move, Enter to run, Esc to close.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use super::{FrameModel, command_enabled, shortcut_text, theme};
use crate::context::action::Action;
use crate::context::command::UiCommand;
use crate::i18n::{Language, tr};

/// Whether the palette is open, what is typed and which entry is highlighted.
#[derive(Default)]
pub struct PaletteState {
    pub open: bool,
    pub query: String,
    pub selected: usize,
    focus_pending: bool,
}

impl PaletteState {
    /// Opens the palette with an empty query and the text field focused.
    pub fn open(&mut self) {
        self.open = true;
        self.query.clear();
        self.selected = 0;
        self.focus_pending = true;
    }
}

/// The commands matching `query`, in palette order.
pub fn matching(m: &FrameModel<'_>, query: &str) -> Vec<UiCommand> {
    let q = query.trim().to_lowercase();
    UiCommand::all()
        .filter(|c| *c != UiCommand::CommandPalette && command_enabled(m, *c))
        .filter(|c| {
            q.is_empty()
                || Language::ALL
                    .iter()
                    .any(|l| tr(*l, c.label_key()).to_lowercase().contains(&q))
        })
        .collect()
}

pub fn show(ctx: &egui::Context, ViewCx { m, actions }: ViewCx<'_, '_>, state: &mut PaletteState) {
    if !state.open {
        return;
    }
    let commands = matching(m, &state.query);
    let (up, down, enter) = ctx.input(|i| {
        (
            i.key_pressed(egui::Key::ArrowUp),
            i.key_pressed(egui::Key::ArrowDown),
            i.key_pressed(egui::Key::Enter),
        )
    });
    if down {
        state.selected = (state.selected + 1).min(commands.len().saturating_sub(1));
    }
    if up {
        state.selected = state.selected.saturating_sub(1);
    }
    state.selected = state.selected.min(commands.len().saturating_sub(1));
    let mut run = None;
    let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
        ui.set_width(theme::size::PALETTE_WIDTH);
        let field = ui.add(
            egui::TextEdit::singleline(&mut state.query)
                .hint_text(m.t("palette.hint"))
                .desired_width(f32::INFINITY),
        );
        super::accessible_name(ui, &field, &m.t("palette.hint"));
        if state.focus_pending {
            field.request_focus();
            state.focus_pending = false;
        }
        if field.changed() {
            state.selected = 0;
        }
        ui.separator();
        egui::ScrollArea::vertical()
            .max_height(size::HEIGHT_XL)
            .show(ui, |ui| {
                for (i, cmd) in commands.iter().enumerate() {
                    let selected = i == state.selected;
                    let button = egui::Button::selectable(selected, m.t(cmd.label_key()))
                        .shortcut_text(shortcut_text(ctx, *cmd))
                        .min_size(egui::vec2(ui.available_width(), theme::size::ROW_HEIGHT));
                    let response = ui.add(button);
                    if selected && (up || down) {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        run = Some(*cmd);
                    }
                }
                if commands.is_empty() {
                    ui.label(
                        RichText::new(m.t("search.no_results"))
                            .color(theme::palette(ui.visuals()).muted_text),
                    );
                }
            });
    });
    if enter {
        run = run.or_else(|| commands.get(state.selected).copied());
    }
    if let Some(cmd) = run {
        state.open = false;
        actions.push(Action::Run(cmd));
    } else if modal.should_close() {
        state.open = false;
    }
}
