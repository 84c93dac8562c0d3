//! Editing a table cell in place, as in a spreadsheet: a text box that takes the focus
//! (Enter or leaving it applies, Esc cancels, red while what is typed does not read),
//! and a menu of choices under a cell that opens on a double-click.

use super::theme;

/// The text box of a cell being edited. `focused` is set once the box has taken the
/// focus. Returns `Some(true)` to apply, `Some(false)` to cancel.
pub fn text_box(
    ui: &mut egui::Ui,
    name: &str,
    text: &mut String,
    focused: &mut bool,
    invalid: bool,
) -> Option<bool> {
    let mut text_edit = egui::TextEdit::singleline(text).desired_width(f32::INFINITY);
    if invalid {
        text_edit = text_edit.text_color(theme::palette(ui.visuals()).danger);
    }
    let edit = ui.add(text_edit);
    edit.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    if !*focused {
        edit.request_focus();
        *focused = true;
    }
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        Some(false)
    } else if edit.lost_focus() {
        Some(true)
    } else {
        None
    }
}

/// The choices of a cell, in a menu under it when the cell is double-clicked; returns
/// what the menu's contents returned the frame something in it was picked.
pub fn menu<R>(
    cell: &egui::Response,
    enabled: bool,
    add: impl FnOnce(&mut egui::Ui) -> Option<R>,
) -> Option<R> {
    if !enabled {
        return None;
    }
    egui::Popup::from_response(cell)
        .kind(egui::PopupKind::Menu)
        .layout(egui::Layout::top_down_justified(egui::Align::Min))
        .open_memory(
            cell.double_clicked()
                .then_some(egui::SetOpenCommand::Bool(true)),
        )
        .close_behavior(egui::PopupCloseBehavior::CloseOnClick)
        .show(add)
        .and_then(|r| r.inner)
}
