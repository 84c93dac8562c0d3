//! A cell of the pool's table edited in place: its text as typed, applied or cancelled.

use crate::model::requirement::{RequirementFields, RequirementId};

/// A text cell of the table being edited in place (as in a spreadsheet: double-click
/// or F2, Enter or leaving the cell applies, Esc cancels).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct InlineCell {
    pub(super) id: RequirementId,
    pub(super) column: InlineColumn,
    pub(super) text: String,
    /// Focus has been given to the text box.
    pub(super) focused: bool,
    /// What was typed did not read (a date): the cell stays open, in red.
    pub(super) invalid: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum InlineColumn {
    Title,
    Owner,
    Due,
    /// A custom field of text, number, date or person, by id.
    Custom(String),
}

impl InlineCell {
    pub(super) fn new(
        id: RequirementId,
        column: InlineColumn,
        f: &RequirementFields,
    ) -> InlineCell {
        let text = match &column {
            InlineColumn::Title => f.title.clone(),
            InlineColumn::Owner => f.owner.clone(),
            InlineColumn::Due => f.due.map(|d| d.to_string()).unwrap_or_default(),
            InlineColumn::Custom(field) => f.custom.get(field).cloned().unwrap_or_default(),
        };
        InlineCell {
            id,
            column,
            text,
            focused: false,
            invalid: false,
        }
    }

    /// The requirement's fields with the typed text in, `Ok(None)` when nothing changes
    /// (or a title would be left empty), `Err` for a due date that does not read.
    pub(super) fn applied(&self, f: &RequirementFields) -> Result<Option<RequirementFields>, ()> {
        let text = self.text.trim();
        let mut out = f.clone();
        match &self.column {
            InlineColumn::Title if text.is_empty() => return Ok(None),
            InlineColumn::Title => out.title = text.to_owned(),
            InlineColumn::Owner => out.owner = text.to_owned(),
            InlineColumn::Due if text.is_empty() => out.due = None,
            InlineColumn::Due => out.due = Some(crate::model::day::parse_day(text).ok_or(())?),
            InlineColumn::Custom(field) if text.is_empty() => {
                out.custom.remove(field);
            }
            InlineColumn::Custom(field) => {
                out.custom.insert(field.clone(), text.to_owned());
            }
        }
        Ok((out != *f).then_some(out))
    }
}

/// The text box of a cell edited in place. Returns `Some(true)` to apply,
/// `Some(false)` to cancel.
pub(super) fn inline_text(ui: &mut egui::Ui, name: &str, cell: &mut InlineCell) -> Option<bool> {
    crate::ui::cell_edit::text_box(ui, name, &mut cell.text, &mut cell.focused, cell.invalid)
}
