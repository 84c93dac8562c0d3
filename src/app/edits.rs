//! Changes to user data from the window: each one undoable edit, then the views follow.

use super::{PlanwrightApp, first_inserted_task};
use crate::context::messages;
use crate::i18n::tr_with;
use crate::model::{Change, Edit};

impl PlanwrightApp {
    pub(super) fn apply(&mut self, change: Change) {
        let lang = self.language();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let from_dialog = self.ui_state.project_dialog.is_some();
        match ws.apply(change) {
            Ok(edit) => {
                if let Edit::InsertProject { project, .. } = &edit {
                    self.current_project = Some(project.id);
                }
                if let Some(task) = first_inserted_task(&edit) {
                    self.ui_state.gantt.selected = Some(task);
                }
                self.ui_state.project_dialog = None;
                self.refresh_view();
                self.info(messages::describe_edit(lang, &edit));
            }
            Err(e) => {
                let text = messages::store_error(lang, &e);
                match &mut self.ui_state.project_dialog {
                    Some(dialog) if from_dialog => dialog.error = Some(text),
                    _ => self.error(text),
                }
            }
        }
    }

    pub(super) fn undo_redo(&mut self, undo: bool) {
        let lang = self.language();
        let Some(ws) = self.workspace.as_mut() else {
            return;
        };
        let result = if undo { ws.undo() } else { ws.redo() };
        match result {
            Ok(edit) => {
                let key = if undo {
                    "edit.undone_msg"
                } else {
                    "edit.redone_msg"
                };
                let text = tr_with(
                    lang,
                    key,
                    &[("what", &messages::describe_edit(lang, &edit))],
                );
                self.refresh_view();
                self.info(text);
            }
            Err(e) => self.error(messages::store_error(lang, &e)),
        }
    }
}
