//! The pool's table: a virtualised row per requirement (tree or sorted, grouped under
//! headings, collapsed branches hidden), cells edited in place by a double-click or a
//! menu, a right-click menu per row, F2 to rename and Alt+↑/↓ to move. Which rows show
//! and what a click selects are in [`super::rows`].

use crate::ui::ViewCx;
use crate::ui::theme::size;
use egui::RichText;
use egui_extras::{Column, TableBuilder, TableRow};

use super::cells::{InlineCell, InlineColumn, inline_text};
use super::rows;
use super::{RequirementsState, code_name, group_key, score_text, select, status_name, statuses};
use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::model::Change;
use crate::model::requirement::{RequirementFields, RequirementId};
use crate::report::insights::{InsightsView, RequirementSort};
use crate::ui::FrameModel;
use crate::ui::cell_edit::menu as cell_menu;

/// The fixed columns: name (an i18n key, or the text itself) and the sort a click
/// on the heading picks.
const COLUMNS: [(&str, Option<RequirementSort>); 12] = [
    ("requirements.key", Some(RequirementSort::Key)),
    ("requirements.title_col", Some(RequirementSort::Title)),
    ("req.kind", None),
    ("req.status", Some(RequirementSort::Status)),
    ("requirements.priority", Some(RequirementSort::Priority)),
    ("req.owner", Some(RequirementSort::Owner)),
    ("req.release", Some(RequirementSort::Release)),
    ("req.due", Some(RequirementSort::Due)),
    ("RICE", Some(RequirementSort::Rice)),
    ("WSJF", Some(RequirementSort::Wsjf)),
    ("requirements.demand", Some(RequirementSort::Demand)),
    ("requirements.feedback", None),
];

/// What the rows read while the table is drawn.
#[derive(Clone, Copy)]
struct RowContext<'a> {
    m: &'a FrameModel<'a>,
    view: &'a WorkspaceView,
    insights: &'a InsightsView,
    state: &'a RequirementsState,
    rows: &'a [usize],
    headings: &'a [Option<(String, usize)>],
    editable: bool,
    tree: bool,
    today: chrono::NaiveDate,
    palette: crate::ui::theme::Palette,
}

/// What one frame of the table asks for, carried out once it is drawn.
#[derive(Default)]
struct TableOutcome {
    /// The cell being edited in place, if any.
    inline: Option<InlineCell>,
    /// Set when that cell is applied (`Some(true)`) or cancelled.
    inline_done: Option<bool>,
    /// Fields changed from a cell's menu.
    cell_edits: Vec<(RequirementId, RequirementFields)>,
    /// What a row's right-click menu asked for.
    menu_actions: Vec<Action>,
    /// A branch opened or closed.
    toggled: Option<RequirementId>,
    clicked_row: Option<RequirementId>,
    clicked_sort: Option<RequirementSort>,
}

/// The table, and what its clicks and keys asked for.
pub(super) fn table(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut RequirementsState,
) {
    let palette = crate::ui::theme::palette(ui.visuals());
    let insights = &view.insights;
    let mut ordered: Vec<usize> = state.rows(view.revision, insights).to_vec();
    // The tree hides what is under a collapsed requirement.
    if state.sort == RequirementSort::Tree {
        ordered = rows::without_collapsed(insights, ordered, &state.collapsed);
    }
    // Grouped: a heading row before each group, the order kept inside it.
    let rows::TableRows { rows, headings } = match state.group {
        None => rows::TableRows::flat(ordered),
        Some(by) => rows::TableRows::grouped(ordered, |i| group_key(m, insights, by, i)),
    };
    let mut out = TableOutcome {
        inline: state.inline.take(),
        ..TableOutcome::default()
    };
    // F2 renames the selected requirement in its cell (as in a spreadsheet).
    if out.inline.is_none()
        && !view.read_only
        && !ui.ctx().egui_wants_keyboard_input()
        && ui.input(|i| i.key_pressed(egui::Key::F2))
        && let Some(r) = state.selected.and_then(|id| insights.requirement(id))
    {
        out.inline = Some(InlineCell::new(
            r.requirement.id,
            InlineColumn::Title,
            &r.requirement.fields,
        ));
    }
    let editable = !view.read_only;
    let today = chrono::Local::now().date_naive();
    let tree = state.sort == RequirementSort::Tree;
    // Alt+Up / Alt+Down move the selected requirement among its siblings.
    if tree
        && editable
        && out.inline.is_none()
        && !ui.ctx().egui_wants_keyboard_input()
        && let Some(id) = state.selected
    {
        for (key, up) in [(egui::Key::ArrowUp, true), (egui::Key::ArrowDown, false)] {
            if ui.input_mut(|i| i.consume_key(egui::Modifiers::ALT, key))
                && let Some(change) = insights.move_among_siblings(id, up)
            {
                actions.push(Action::Apply(change));
            }
        }
    }
    let word_column = match m.lang {
        crate::i18n::Language::ZhCn => 62.0,
        crate::i18n::Language::English => 86.0,
    };
    let cx = RowContext {
        m,
        view,
        insights,
        state: &*state,
        rows: &rows,
        headings: &headings,
        editable,
        tree,
        today,
        palette,
    };
    // Beside the editor the columns may not fit: the table scrolls sideways then.
    egui::ScrollArea::horizontal()
        .id_salt("requirements_hscroll")
        .show(ui, |ui| {
            // A click anywhere on a row selects it (text in it is not for selecting).
            ui.style_mut().interaction.selectable_labels = false;
            TableBuilder::new(ui)
                .striped(true)
                .sense(egui::Sense::click())
                .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
                .column(Column::exact(size::COL_S))
                .column(Column::remainder().at_least(size::COL_TEXT).clip(true))
                // Type and status names are longer in English.
                .columns(Column::exact(word_column).clip(true), 2)
                .column(Column::exact(size::COL_XS))
                .column(Column::exact(size::COL_S))
                .column(Column::exact(size::COL_M).clip(true))
                .column(Column::exact(size::COL_M))
                .column(Column::exact(size::COL_S))
                .column(Column::exact(size::COL_XS))
                .column(Column::exact(size::COL_S))
                .column(Column::exact(size::COL_XS))
                // The workspace's custom fields, one column each.
                .columns(
                    Column::exact(size::COL_M).clip(true),
                    insights.settings.fields.len(),
                )
                .header(22.0, |mut h| header(&mut h, &cx, &mut out))
                .body(|body| {
                    body.rows(24.0, rows.len(), |mut row| {
                        let index = row.index();
                        row_cells(&mut row, &cx, index, &mut out);
                    });
                });
        });
    actions.append(&mut out.menu_actions);
    if let Some(id) = out.toggled {
        rows::toggle_collapsed(&mut state.collapsed, id);
    }
    for (id, fields) in out.cell_edits {
        actions.push(Action::Apply(Change::UpdateRequirement { id, fields }));
    }
    match out.inline_done {
        Some(true) => {
            if let Some(mut cell) = out.inline
                && let Some(r) = insights.requirement(cell.id)
            {
                match cell.applied(&r.requirement.fields) {
                    Ok(Some(fields)) => actions.push(Action::Apply(Change::UpdateRequirement {
                        id: cell.id,
                        fields,
                    })),
                    Ok(None) => {}
                    // A date that does not read: the cell stays open, in red, to fix.
                    Err(()) => {
                        cell.invalid = true;
                        cell.focused = false;
                        state.inline = Some(cell);
                    }
                }
            }
        }
        Some(false) => {}
        None => state.inline = out.inline,
    }
    if let Some(s) = out.clicked_sort {
        if state.sort == s {
            state.descending = !state.descending;
        } else {
            state.sort = s;
            state.descending = false;
        }
    }
    if let Some(id) = out.clicked_row {
        let how = ui.input(|i| match (i.modifiers.command, i.modifiers.shift) {
            (_, true) => rows::Click::Range,
            (true, false) => rows::Click::Toggle,
            _ => rows::Click::Plain,
        });
        // Group heading rows hold no requirement.
        let ids: Vec<Option<RequirementId>> = rows
            .iter()
            .map(|&i| insights.requirements.get(i).map(|r| r.requirement.id))
            .collect();
        if let Some(shown) = rows::click(state.selected, &mut state.also_selected, &ids, id, how) {
            select(state, insights, Some(shown));
        }
    }
}

/// The column headings: a click on a sortable one sorts by it (again: the other way).
fn header(h: &mut TableRow<'_, '_>, cx: &RowContext<'_>, out: &mut TableOutcome) {
    for (key, sort) in COLUMNS {
        h.col(|ui| {
            let name = if key.contains('.') {
                cx.m.t(key)
            } else {
                key.to_owned()
            };
            let marker = match sort {
                Some(s) if s == cx.state.sort => {
                    if cx.state.descending {
                        " ▼"
                    } else {
                        " ▲"
                    }
                }
                _ => "",
            };
            match sort {
                Some(s) => {
                    if ui
                        .add(
                            egui::Button::new(RichText::new(format!("{name}{marker}")).strong())
                                .frame(false),
                        )
                        .clicked()
                    {
                        out.clicked_sort = Some(s);
                    }
                }
                None => {
                    ui.strong(name);
                }
            }
        });
    }
    for field in &cx.insights.settings.fields {
        h.col(|ui| {
            ui.strong(&field.name);
        });
    }
}

/// One row: a group's heading, or a requirement's cells (edited in place by a
/// double-click or a menu) with its right-click menu.
fn row_cells(
    row: &mut TableRow<'_, '_>,
    cx: &RowContext<'_>,
    index: usize,
    out: &mut TableOutcome,
) {
    let RowContext {
        insights,
        state,
        rows,
        headings,
        ..
    } = *cx;
    if let Some((label, count)) = &headings[index] {
        row.col(|_| {});
        row.col(|ui| {
            ui.label(RichText::new(format!("{label} · {count}")).strong());
        });
        return;
    }
    let r = &insights.requirements[rows[index]];
    let f = &r.requirement.fields;
    let id = r.requirement.id;
    row.set_selected(state.selected == Some(id) || state.also_selected.contains(&id));
    row.col(|ui| {
        ui.label(id.key());
    });
    title_cell(row, cx, rows[index], out);
    kind_status_priority_cells(row, cx, f, id, out);
    owner_release_due_cells(row, cx, f, id, out);
    number_cells(row, cx, r);
    custom_cells(row, cx, f, id, out);
    if row.response().clicked() {
        out.clicked_row = Some(id);
    }
    row_menu(&row.response(), cx, f, id, out);
}

/// The title, indented by depth in the tree with its ▼/▶ for a parent; edited in
/// place on a double-click.
fn title_cell(row: &mut TableRow<'_, '_>, cx: &RowContext<'_>, i: usize, out: &mut TableOutcome) {
    let RowContext {
        m,
        insights,
        state,
        editable,
        ..
    } = *cx;
    let r = &insights.requirements[i];
    let f = &r.requirement.fields;
    let id = r.requirement.id;
    // The cell being edited in place, if it is in this row.
    let editing = |column: &InlineColumn| {
        out.inline
            .as_ref()
            .is_some_and(|c| c.id == id && c.column == *column)
    };
    let title_editing = editing(&InlineColumn::Title);
    let parent = rows::has_children(insights, i);
    let (_, cell) = row.col(|ui| {
        if state.sort == RequirementSort::Tree {
            ui.add_space(r.depth as f32 * size::TREE_INDENT);
            if parent {
                let open = !state.collapsed.contains(&id);
                let toggle = ui
                    .add(
                        egui::Button::new(RichText::new(if open { "▼" } else { "▶" }).small())
                            .frame(false),
                    )
                    .on_hover_text(m.t(if open { "req.collapse" } else { "req.expand" }));
                if toggle.clicked() {
                    out.toggled = Some(id);
                }
            } else {
                ui.add_space(size::TREE_TOGGLE);
            }
        }
        match out.inline.as_mut() {
            Some(c) if title_editing => {
                out.inline_done =
                    out.inline_done
                        .or(inline_text(ui, &m.t("requirements.title_col"), c));
            }
            _ => {
                let title = RichText::new(&f.title);
                ui.label(if r.depth == 0 { title.strong() } else { title });
            }
        }
    });
    if editable && cell.double_clicked() {
        out.inline = Some(InlineCell::new(id, InlineColumn::Title, f));
    }
}

/// Type, status and priority, each picked from a menu on the cell.
fn kind_status_priority_cells(
    row: &mut TableRow<'_, '_>,
    cx: &RowContext<'_>,
    f: &RequirementFields,
    id: RequirementId,
    out: &mut TableOutcome,
) {
    let RowContext {
        m,
        view,
        editable,
        palette,
        ..
    } = *cx;
    let (_, cell) = row.col(|ui| {
        ui.label(code_name(m, "kind", &f.kind));
    });
    if let Some(kind) = cell_menu(&cell, editable, |ui| {
        crate::model::requirement::KINDS
            .iter()
            .find(|k| ui.button(code_name(m, "kind", k)).clicked())
    }) {
        let mut edited = f.clone();
        edited.kind = (*kind).to_owned();
        out.cell_edits.push((id, edited));
    }
    let (_, cell) = row.col(|ui| {
        ui.label(status_name(m, &f.status));
    });
    if let Some(status) = cell_menu(&cell, editable, |ui| {
        statuses(view)
            .into_iter()
            .find(|s| ui.button(status_name(m, s)).clicked())
    }) {
        let mut edited = f.clone();
        edited.status = status.to_owned();
        out.cell_edits.push((id, edited));
    }
    let (_, cell) = row.col(|ui| {
        if let Some(p) = f.priority {
            let text = RichText::new(format!("P{p}"));
            ui.label(if p == 0 {
                text.color(palette.danger)
            } else {
                text
            });
        }
    });
    if let Some(priority) = cell_menu(&cell, editable, |ui| {
        if ui.button("—").clicked() {
            return Some(None);
        }
        (0..=3u8)
            .find(|p| ui.button(format!("P{p}")).clicked())
            .map(Some)
    }) {
        let mut edited = f.clone();
        edited.priority = priority;
        out.cell_edits.push((id, edited));
    }
}

/// Owner and due date (edited in place) and release (from a menu); an overdue date
/// still open shows red.
fn owner_release_due_cells(
    row: &mut TableRow<'_, '_>,
    cx: &RowContext<'_>,
    f: &RequirementFields,
    id: RequirementId,
    out: &mut TableOutcome,
) {
    let RowContext {
        m,
        insights,
        editable,
        today,
        palette,
        ..
    } = *cx;
    let editing = |column: &InlineColumn| {
        out.inline
            .as_ref()
            .is_some_and(|c| c.id == id && c.column == *column)
    };
    let owner_editing = editing(&InlineColumn::Owner);
    let due_editing = editing(&InlineColumn::Due);
    let (_, cell) = row.col(|ui| match out.inline.as_mut() {
        Some(c) if owner_editing => {
            out.inline_done = out.inline_done.or(inline_text(ui, &m.t("req.owner"), c));
        }
        _ => {
            ui.label(&f.owner);
        }
    });
    if editable && cell.double_clicked() {
        out.inline = Some(InlineCell::new(id, InlineColumn::Owner, f));
    }
    let (_, cell) = row.col(|ui| {
        if let Some(name) = f.release.and_then(|id| insights.release_name(id)) {
            ui.label(name);
        }
    });
    if let Some(release) = cell_menu(&cell, editable, |ui| {
        if ui.button("—").clicked() {
            return Some(None);
        }
        insights
            .releases
            .iter()
            .find(|rel| ui.button(&rel.fields.name).clicked())
            .map(|rel| Some(rel.id))
    }) {
        let mut edited = f.clone();
        edited.release = release;
        out.cell_edits.push((id, edited));
    }
    let (_, cell) = row.col(|ui| match out.inline.as_mut() {
        Some(c) if due_editing => {
            out.inline_done = out.inline_done.or(inline_text(ui, &m.t("req.due"), c));
        }
        _ => {
            if let Some(due) = f.due {
                let text = RichText::new(due.to_string());
                // Overdue: past its date and still open.
                let late = due < today && !insights.settings.is_closed(&f.status);
                ui.label(if late {
                    text.color(palette.danger)
                } else {
                    text
                });
            }
        }
    });
    if editable && cell.double_clicked() {
        out.inline = Some(InlineCell::new(id, InlineColumn::Due, f));
    }
}

/// RICE, WSJF, demand (with the subtree's total when it differs) and feedback count.
fn number_cells(
    row: &mut TableRow<'_, '_>,
    cx: &RowContext<'_>,
    r: &crate::report::insights::RequirementRow,
) {
    let m = cx.m;
    let f = &r.requirement.fields;
    row.col(|ui| {
        ui.label(score_text(f.scores.rice()));
    });
    row.col(|ui| {
        ui.label(score_text(f.scores.wsjf()));
    });
    row.col(|ui| {
        if r.total == r.demand.score {
            ui.label(r.demand.score.to_string());
        } else {
            ui.label(format!("{} (Σ{})", r.demand.score, r.total))
                .on_hover_text(m.t("requirements.total_tip"));
        }
    });
    row.col(|ui| {
        ui.label(r.demand.items.to_string());
    });
}

/// The workspace's custom fields of a row: text, number, date and person fields are
/// edited in their cell; single and multiple choices from a menu.
fn custom_cells(
    row: &mut TableRow<'_, '_>,
    cx: &RowContext<'_>,
    f: &RequirementFields,
    id: RequirementId,
    out: &mut TableOutcome,
) {
    let editable = cx.editable;
    for field in &cx.insights.settings.fields {
        use crate::model::pool_settings::CustomKind;
        let column = InlineColumn::Custom(field.id.clone());
        let field_editing = out
            .inline
            .as_ref()
            .is_some_and(|c| c.id == id && c.column == column);
        let (_, cell) = row.col(|ui| match out.inline.as_mut() {
            Some(c) if field_editing => {
                out.inline_done = out.inline_done.or(inline_text(ui, &field.name, c));
            }
            _ => {
                if let Some(v) = f.custom.get(&field.id) {
                    ui.label(v);
                }
            }
        });
        let choices = matches!(field.kind, CustomKind::Single | CustomKind::Multi)
            && !field.options.is_empty();
        if !choices {
            if editable && cell.double_clicked() {
                out.inline = Some(InlineCell::new(id, column, f));
            }
            continue;
        }
        let current = f.custom.get(&field.id).cloned().unwrap_or_default();
        let picked = cell_menu(&cell, editable, |ui| {
            if ui.button("—").clicked() {
                return Some(String::new());
            }
            field.options.iter().find_map(|o| {
                let on =
                    field.kind == CustomKind::Multi && current.split(';').any(|x| x.trim() == o);
                ui.add(egui::Button::new(o.as_str()).selected(on))
                    .clicked()
                    .then(|| {
                        if field.kind == CustomKind::Single {
                            return o.clone();
                        }
                        // A multiple choice: the option out.toggled, the
                        // others kept, in the options' order.
                        let has = |x: &String| current.split(';').any(|c| c.trim() == x);
                        field
                            .options
                            .iter()
                            .filter(|x| has(x) != (*x == o))
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("; ")
                    })
            })
        });
        if let Some(value) = picked {
            let mut edited = f.clone();
            if value.is_empty() {
                edited.custom.remove(&field.id);
            } else {
                edited.custom.insert(field.id.clone(), value);
            }
            out.cell_edits.push((id, edited));
        }
    }
}

/// Right-click on a row: change one field of it in place, move it, rename or delete.
fn row_menu(
    response: &egui::Response,
    cx: &RowContext<'_>,
    f: &RequirementFields,
    id: RequirementId,
    out: &mut TableOutcome,
) {
    let RowContext {
        m,
        view,
        insights,
        tree,
        ..
    } = *cx;
    if !view.read_only {
        response.context_menu(|ui| {
            let set = |change: &dyn Fn(&mut RequirementFields)| {
                let mut fields = f.clone();
                change(&mut fields);
                Action::Apply(Change::UpdateRequirement { id, fields })
            };
            ui.menu_button(m.t("req.bulk_status"), |ui| {
                for s in statuses(view) {
                    if ui.button(status_name(m, s)).clicked() {
                        out.menu_actions.push(set(&|x| x.status = s.to_owned()));
                        ui.close();
                    }
                }
            });
            ui.menu_button(m.t("req.bulk_priority"), |ui| {
                for p in 0..=3u8 {
                    if ui.button(format!("P{p}")).clicked() {
                        out.menu_actions.push(set(&|x| x.priority = Some(p)));
                        ui.close();
                    }
                }
            });
            ui.menu_button(m.t("req.bulk_release"), |ui| {
                if ui.button("—").clicked() {
                    out.menu_actions.push(set(&|x| x.release = None));
                    ui.close();
                }
                for rel in &insights.releases {
                    if ui.button(&rel.fields.name).clicked() {
                        let rid = rel.id;
                        out.menu_actions.push(set(&|x| x.release = Some(rid)));
                        ui.close();
                    }
                }
            });
            if tree {
                for (key, up) in [("req.move_up", true), ("req.move_down", false)] {
                    if ui.button(m.t(key)).clicked() {
                        if let Some(change) = insights.move_among_siblings(id, up) {
                            out.menu_actions.push(Action::Apply(change));
                        }
                        ui.close();
                    }
                }
            }
            if ui.button(m.t("req.rename")).clicked() {
                out.inline = Some(InlineCell::new(id, InlineColumn::Title, f));
                ui.close();
            }
            if ui.button(m.t("req.delete")).clicked() {
                out.menu_actions
                    .push(Action::Apply(Change::DeleteRequirements(vec![id])));
                ui.close();
            }
        });
    }
}
