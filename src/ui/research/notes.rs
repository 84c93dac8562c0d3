//! Research notes on the Research page: a list on the left, the selected note on the
//! right with its fields, its text (select a passage and mark it as a quote) and its
//! quotes, each of which can become a feedback item.

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;

use crate::context::action::Action;
use crate::model::Change;
use crate::model::research::{
    FeedbackOrigin, NoteFields, NoteId, NoteKind, ResearchNote, parse_tags,
};
use crate::report::insights::InsightsView;
use crate::ui::research::feedback_dialog::FeedbackDialog;
use crate::ui::{FrameModel, theme};

/// The note being read or written, as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NoteDraft {
    /// `None`: a note not saved yet.
    pub id: Option<NoteId>,
    pub kind: Option<NoteKind>,
    pub title: String,
    pub date: String,
    pub participants: String,
    pub segment: String,
    pub tags: String,
    pub text: String,
    pub quotes: Vec<String>,
}

impl NoteDraft {
    fn of(note: &ResearchNote) -> NoteDraft {
        let f = &note.fields;
        NoteDraft {
            id: Some(note.id),
            kind: Some(f.kind),
            title: f.title.clone(),
            date: f.date.map(|d| d.to_string()).unwrap_or_default(),
            participants: f.participants.clone(),
            segment: f.segment.clone(),
            tags: f.tags.join(", "),
            text: f.text.clone(),
            quotes: f.quotes.clone(),
        }
    }

    /// The fields as typed, or what is wrong with them (a date that does not read).
    fn fields(&self, m: &FrameModel<'_>) -> Result<NoteFields, String> {
        let date =
            match self.date.trim() {
                "" => None,
                d => Some(crate::model::survey::answer_day(d).ok_or_else(|| {
                    crate::i18n::tr_with(m.lang, "dialog.bad_date", &[("text", d)])
                })?),
            };
        if self.title.trim().is_empty() {
            return Err(m.t("err.note_title"));
        }
        Ok(NoteFields {
            kind: self.kind.unwrap_or(NoteKind::Interview),
            title: self.title.clone(),
            date,
            participants: self.participants.clone(),
            segment: self.segment.clone(),
            text: self.text.clone(),
            tags: parse_tags(&self.tags),
            quotes: self.quotes.clone(),
        })
    }
}

/// What the notes tab keeps between frames.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct NotesState {
    pub draft: Option<NoteDraft>,
    /// The passage selected in the note's text.
    pub selection: String,
    pub error: Option<String>,
}

fn kind_name(m: &FrameModel<'_>, kind: NoteKind) -> String {
    m.t(&format!("notes.kind.{}", kind.code()))
}

/// The notes tab.
pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    read_only: bool,
    state: &mut NotesState,
    dialog: &mut Option<FeedbackDialog>,
) {
    let palette = theme::palette(ui.visuals());
    // A saved note that is gone (undone, deleted) leaves the editor.
    if let Some(id) = state.draft.as_ref().and_then(|d| d.id)
        && !insights.notes.iter().any(|n| n.id == id)
    {
        state.draft = None;
    }
    egui::Panel::left("notes_list")
        .resizable(true)
        .default_size(size::LIST_PANEL)
        .show(ui, |ui| note_list(ui, m, insights, read_only, state));
    let Some(draft) = state.draft.as_mut() else {
        ui.label(RichText::new(m.t("notes.pick")).color(palette.muted_text));
        return;
    };
    let mut clear = false;
    egui::ScrollArea::vertical()
        .id_salt("note_editor")
        .show(ui, |ui| {
            note_fields(ui, m, draft);
            note_text(ui, m, draft, &mut state.selection);
            quotes(ui, m, draft, read_only, dialog);
            if let Some(e) = &state.error {
                ui.label(RichText::new(e).color(palette.danger));
            }
            ui.add_space(size::GAP_M);
            ui.horizontal(|ui| {
                clear = note_buttons(
                    ui,
                    ViewCx::new(m, actions),
                    draft,
                    read_only,
                    &mut state.error,
                    dialog,
                );
            });
            if let Some(id) = draft.id {
                feedback_from_note(ui, ViewCx::new(m, actions), insights, id, read_only, dialog);
            }
        });
    if clear {
        state.draft = None;
    }
}

/// The notes, newest first, and a button for a new one.
fn note_list(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    insights: &InsightsView,
    read_only: bool,
    state: &mut NotesState,
) {
    let palette = theme::palette(ui.visuals());
    if ui
        .add_enabled(!read_only, egui::Button::new(m.t("notes.new")))
        .clicked()
    {
        state.draft = Some(NoteDraft {
            kind: Some(NoteKind::Interview),
            date: chrono::Local::now().date_naive().to_string(),
            ..NoteDraft::default()
        });
        state.error = None;
    }
    ui.add_space(size::GAP_S);
    if insights.notes.is_empty() {
        ui.label(RichText::new(m.t("notes.none")).color(palette.muted_text));
    }
    egui::ScrollArea::vertical().show(ui, |ui| {
        for note in &insights.notes {
            let selected = state.draft.as_ref().and_then(|d| d.id) == Some(note.id);
            let f = &note.fields;
            let text = format!(
                "{}\n{} · {}",
                f.title,
                kind_name(m, f.kind),
                f.date.map(|d| d.to_string()).unwrap_or_default()
            );
            if ui.selectable_label(selected, text).clicked() {
                state.draft = Some(NoteDraft::of(note));
                state.error = None;
            }
        }
    });
}

/// Title, kind, date, who took part, segment and tags.
fn note_fields(ui: &mut egui::Ui, m: &FrameModel<'_>, draft: &mut NoteDraft) {
    egui::Grid::new("note_fields")
        .num_columns(2)
        .spacing([size::GAP_M, size::GAP])
        .show(ui, |ui| {
            let label = ui.label(m.t("notes.title_field"));
            ui.add(egui::TextEdit::singleline(&mut draft.title).desired_width(size::FIELD_XL))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label(m.t("notes.kind"));
            egui::ComboBox::from_id_salt("note_kind")
                .selected_text(kind_name(m, draft.kind.unwrap_or(NoteKind::Interview)))
                .show_ui(ui, |ui| {
                    for k in NoteKind::ALL {
                        ui.selectable_value(&mut draft.kind, Some(k), kind_name(m, k));
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
            for (key, field) in [
                ("notes.date", &mut draft.date),
                ("notes.participants", &mut draft.participants),
                ("notes.segment", &mut draft.segment),
                ("notes.tags", &mut draft.tags),
            ] {
                let label = ui.label(m.t(key));
                ui.add(egui::TextEdit::singleline(field).desired_width(size::FIELD_XL))
                    .labelled_by(label.id);
                ui.end_row();
            }
        });
}

/// The note's text; the passage selected in it can be marked as a quote.
fn note_text(ui: &mut egui::Ui, m: &FrameModel<'_>, draft: &mut NoteDraft, selection: &mut String) {
    let label = ui.label(m.t("notes.text"));
    let text = ui
        .add(
            egui::TextEdit::multiline(&mut draft.text)
                .desired_rows(8)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if let Some(range) =
        egui::text_edit::TextEditState::load(ui.ctx(), text.id).and_then(|s| s.cursor.char_range())
        && !range.is_empty()
    {
        *selection = range.slice_str(&draft.text).to_owned();
    }
    ui.horizontal(|ui| {
        let selected = selection.trim().to_owned();
        if ui
            .add_enabled(
                !selected.is_empty(),
                egui::Button::new(m.t("notes.mark_quote")),
            )
            .on_hover_text(m.t("notes.mark_quote_tip"))
            .clicked()
            && !draft.quotes.contains(&selected)
        {
            draft.quotes.push(selected);
            selection.clear();
        }
    });
}

/// The marked quotes: each can become feedback (once the note is saved) or go.
fn quotes(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    draft: &mut NoteDraft,
    read_only: bool,
    dialog: &mut Option<FeedbackDialog>,
) {
    ui.add_space(size::GAP);
    ui.label(RichText::new(m.t("notes.quotes")).strong());
    let mut remove = None;
    for (i, q) in draft.quotes.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("“{q}”")).italics());
            if let Some(note) = draft.id
                && ui
                    .add_enabled(!read_only, egui::Button::new(m.t("feedback.make")).small())
                    .clicked()
            {
                *dialog = Some(FeedbackDialog::new(
                    q,
                    FeedbackOrigin::Quote { note },
                    first_participant(&draft.participants),
                    &draft.segment,
                ));
            }
            if ui
                .small_button("×")
                .on_hover_text(m.t("notes.remove_quote"))
                .clicked()
            {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        draft.quotes.remove(i);
    }
}

/// Save, the whole note as feedback, delete. Returns whether the editor should close
/// (a new note saved: the list shows it).
fn note_buttons(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    draft: &mut NoteDraft,
    read_only: bool,
    error: &mut Option<String>,
    dialog: &mut Option<FeedbackDialog>,
) -> bool {
    let mut clear = false;
    ui.horizontal(|ui| {
        if ui
            .add_enabled(!read_only, egui::Button::new(m.t("notes.save")))
            .clicked()
        {
            match draft.fields(m) {
                Ok(fields) => {
                    *error = None;
                    actions.push(Action::Apply(match draft.id {
                        Some(id) => Change::UpdateNote { id, fields },
                        None => Change::AddNote(fields),
                    }));
                    if draft.id.is_none() {
                        // The list shows it once saved; pick it there.
                        clear = true;
                    }
                }
                Err(e) => *error = Some(e),
            }
        }
        let d = &*draft;
        if let Some(note) = d.id {
            if ui
                .add_enabled(!read_only, egui::Button::new(m.t("notes.as_feedback")))
                .clicked()
            {
                *dialog = Some(FeedbackDialog::new(
                    &d.title,
                    FeedbackOrigin::Note { note },
                    first_participant(&d.participants),
                    &d.segment,
                ));
            }
            if ui
                .add_enabled(!read_only, egui::Button::new(m.t("notes.delete")))
                .clicked()
            {
                actions.push(Action::Apply(Change::DeleteNote(note)));
            }
        }
    });
    clear
}

/// The feedback taken from this note, each with its links.
fn feedback_from_note(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    insights: &InsightsView,
    id: NoteId,
    read_only: bool,
    dialog: &mut Option<FeedbackDialog>,
) {
    let from_note: Vec<&crate::model::research::Feedback> = insights
        .feedback
        .iter()
        .filter(|f| f.fields.origin.note() == Some(id))
        .collect();
    if !from_note.is_empty() {
        ui.add_space(size::GAP_M);
        ui.label(RichText::new(m.t("notes.feedback_from")).strong());
        for f in from_note {
            if let Some(change) = crate::ui::research::feedback_list::feedback_line(
                ui, m, insights, f, dialog, read_only,
            ) {
                actions.push(Action::Apply(change));
            }
        }
    }
}

/// The first person named in a participants line (`王芳（客服主管）, 李强` → `王芳（客服主管）`).
fn first_participant(participants: &str) -> &str {
    participants
        .split([',', '，', '、'])
        .next()
        .unwrap_or_default()
        .trim()
}
