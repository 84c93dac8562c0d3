//! The issue log (问题日志), the decision record (决策记录) and the change requests
//! (变更请求): a list per log and an editor beside it. A change request lists the plan
//! changes it proposes with their what-if (finish, milestones, new critical tasks,
//! computed on a scratch copy of the plan), and is approved, rejected or implemented
//! (its changes applied as one undoable edit) from here.

use egui::RichText;

use super::{NamedCombo, RisksState};
use crate::context::action::Action;
use crate::model::Change;
use crate::model::logs::{
    DecisionOption, LogEntry, LogFields, LogId, LogKind, ProposedChange, SEVERITIES,
};
use crate::model::task::MINUTES_PER_DAY;
use crate::report::risk_session::RiskSession;
use crate::ui::theme::size;
use crate::ui::{FrameModel, ViewCx};

/// The entry being edited, with dates and days as typed.
#[derive(Clone, Debug)]
pub struct LogEditor {
    pub id: Option<LogId>,
    pub fields: LogFields,
    original: LogFields,
    /// Issue: due, raised. Decision: date. Change: raised.
    dates: [String; 2],
    effort: String,
    /// A proposed change being put together.
    draft: ChangeDraft,
    error: Option<String>,
}

/// The proposed-change builder's fields.
#[derive(Clone, Debug, Default)]
struct ChangeDraft {
    task: Option<crate::model::TaskId>,
    days: String,
    name: String,
    after: Option<crate::model::TaskId>,
    before: Option<crate::model::TaskId>,
    successor: Option<crate::model::TaskId>,
}

fn day_text(d: Option<chrono::NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl LogEditor {
    pub fn new_entry(kind: LogKind) -> LogEditor {
        let mut fields = LogFields::new(kind, "");
        let today = Some(chrono::Local::now().date_naive());
        match &mut fields {
            LogFields::Issue(f) => f.raised = today,
            LogFields::Decision(f) => f.date = today,
            LogFields::Change(f) => f.raised = today,
        }
        LogEditor::with(None, fields)
    }

    pub fn of(e: &LogEntry) -> LogEditor {
        LogEditor::with(Some(e.id), e.fields.clone())
    }

    fn with(id: Option<LogId>, fields: LogFields) -> LogEditor {
        let (dates, effort) = match &fields {
            LogFields::Issue(f) => ([day_text(f.due), day_text(f.raised)], String::new()),
            LogFields::Decision(f) => ([day_text(f.date), String::new()], String::new()),
            LogFields::Change(f) => (
                [day_text(f.raised), String::new()],
                f.effort_days.map(|d| format!("{d}")).unwrap_or_default(),
            ),
        };
        LogEditor {
            id,
            original: fields.clone(),
            fields,
            dates,
            effort,
            draft: ChangeDraft::default(),
            error: None,
        }
    }

    fn checked(&self, m: &FrameModel<'_>) -> Result<LogFields, String> {
        let day = |t: &str| crate::ui::risks::typed_day(m.lang, t);
        let mut f = self.fields.clone();
        match &mut f {
            LogFields::Issue(i) => {
                i.due = day(&self.dates[0])?;
                i.raised = day(&self.dates[1])?;
            }
            LogFields::Decision(d) => d.date = day(&self.dates[0])?,
            LogFields::Change(c) => {
                c.raised = day(&self.dates[0])?;
                c.effort_days = match self.effort.trim() {
                    "" => None,
                    t => Some(
                        t.parse::<f64>()
                            .ok()
                            .filter(|d| d.is_finite() && *d >= 0.0)
                            .ok_or_else(|| {
                                crate::i18n::tr_with(m.lang, "risks.bad_days", &[("text", t)])
                            })?,
                    ),
                };
            }
        }
        f.normalized()
            .map_err(|e| crate::i18n::tr_with(m.lang, "msg.error", &[("detail", &e.to_string())]))
    }
}

fn status_label(m: &FrameModel<'_>, kind: LogKind, status: &str) -> String {
    m.t(&format!("logs.{}.status.{status}", kind.code()))
}

/// The list of one log and the editor beside it.
pub fn show(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &RiskSession,
    read_only: bool,
    kind: LogKind,
    state: &mut RisksState,
) {
    let entries: Vec<&LogEntry> = session.logs.iter().filter(|e| e.id.kind == kind).collect();
    ui.horizontal(|ui| {
        if !read_only
            && ui
                .button(m.t(&format!("logs.{}.new", kind.code())))
                .clicked()
        {
            state.log_editor = Some(LogEditor::new_entry(kind));
        }
        ui.label(
            RichText::new(m.t(&format!("logs.{}.hint", kind.code())))
                .small()
                .weak(),
        );
    });
    ui.add_space(size::GAP_S);
    if entries.is_empty() {
        ui.label(m.t("logs.none"));
        return;
    }
    let mut open = None;
    egui::ScrollArea::vertical()
        .id_salt(("log-list", kind.code()))
        .show(ui, |ui| {
            egui::Grid::new(("log-grid", kind.code()))
                .striped(true)
                .num_columns(5)
                .spacing([size::GAP_XL, size::GAP_S])
                .show(ui, |ui| {
                    for key in ["risk.column.key", "logs.title", "risk.column.status"] {
                        ui.label(RichText::new(m.t(key)).strong());
                    }
                    ui.label(RichText::new(m.t(&format!("logs.{}.col4", kind.code()))).strong());
                    ui.label(RichText::new(m.t(&format!("logs.{}.col5", kind.code()))).strong());
                    ui.end_row();
                    for e in &entries {
                        if ui.link(e.id.key()).clicked() {
                            open = Some(*e);
                        }
                        let title = ui.scope(|ui| {
                            ui.set_min_width(size::COL_TEXT);
                            ui.add(
                                egui::Label::new(e.fields.title())
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            )
                        });
                        if title.inner.clicked() {
                            open = Some(*e);
                        }
                        ui.label(status_label(m, kind, e.fields.status()));
                        let (c4, c5) = match &e.fields {
                            LogFields::Issue(f) => (
                                m.t(&format!("logs.severity.{}", f.severity)),
                                format!("{} {}", f.owner, day_text(f.due)),
                            ),
                            LogFields::Decision(f) => (f.decided_by.clone(), day_text(f.date)),
                            LogFields::Change(f) => (
                                f.requester.clone(),
                                match session.what_ifs.get(&e.id) {
                                    Some(Ok(w)) => format!("{:+.1}", w.finish_days),
                                    Some(Err(_)) => "!".to_owned(),
                                    None => String::new(),
                                },
                            ),
                        };
                        ui.label(c4);
                        ui.label(c5);
                        ui.end_row();
                    }
                });
        });
    if let Some(e) = open {
        state.log_editor = Some(LogEditor::of(e));
    }
}

pub fn editor(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    read_only: bool,
    state: &mut RisksState,
) {
    let Some(e) = state.log_editor.as_mut() else {
        return;
    };
    if let Some(id) = e.id {
        match session.logs.iter().find(|x| x.id == id) {
            Some(saved) if saved.fields != e.original && e.fields == e.original => {
                *e = LogEditor::of(saved);
            }
            Some(_) => {}
            None => {
                state.log_editor = None;
                return;
            }
        }
    }
    let mut close = false;
    ui.horizontal(|ui| {
        ui.heading(e.id.map_or_else(|| m.t("risks.new"), |id| id.key()));
        if !read_only {
            if ui
                .button(RichText::new(m.t("risks.save")).strong())
                .clicked()
            {
                match e.checked(m) {
                    Ok(fields) => {
                        e.original = fields.clone();
                        e.fields = fields.clone();
                        actions.push(Action::Apply(match e.id {
                            Some(id) => Change::UpdateLogEntry { id, fields },
                            None => Change::AddLogEntry {
                                project: session.project,
                                fields,
                            },
                        }));
                        close = e.id.is_none();
                        e.error = None;
                    }
                    Err(err) => e.error = Some(err),
                }
            }
            if let Some(id) = e.id
                && ui.button(m.t("risks.delete")).clicked()
            {
                actions.push(Action::Apply(Change::DeleteLogEntries(vec![id])));
                close = true;
            }
        }
        if ui
            .button("×")
            .on_hover_text(m.t("risks.close_editor"))
            .clicked()
        {
            close = true;
        }
    });
    if let Some(err) = &e.error {
        ui.colored_label(ui.visuals().error_fg_color, err);
    }
    egui::ScrollArea::vertical()
        .id_salt("log-editor-scroll")
        .show(ui, |ui| {
            if let (Some(id), LogFields::Change(c)) = (e.id, &e.original) {
                change_actions(
                    ui,
                    ViewCx::new(m, actions),
                    session,
                    id,
                    &c.status,
                    read_only,
                );
            }
            ui.add_enabled_ui(!read_only, |ui| fields(ui, m, session, e));
        });
    if close {
        state.log_editor = None;
    }
}

/// Approve, reject or implement a saved change request, and its what-if.
fn change_actions(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &RiskSession,
    id: LogId,
    status: &str,
    read_only: bool,
) {
    let with_status = |s: &str| {
        session.logs.iter().find(|x| x.id == id).map(|x| {
            let mut f = x.fields.clone();
            if let LogFields::Change(c) = &mut f {
                c.status = s.to_owned();
            }
            Change::UpdateLogEntry { id, fields: f }
        })
    };
    if !read_only {
        ui.horizontal_wrapped(|ui| {
            if matches!(status, "submitted" | "assessing") {
                if ui.button(m.t("logs.change.approve")).clicked()
                    && let Some(c) = with_status("approved")
                {
                    actions.push(Action::Apply(c));
                }
                if ui.button(m.t("logs.change.reject")).clicked()
                    && let Some(c) = with_status("rejected")
                {
                    actions.push(Action::Apply(c));
                }
            }
            if status == "approved"
                && ui
                    .button(RichText::new(m.t("logs.change.implement")).strong())
                    .on_hover_text(m.t("logs.change.implement_hint"))
                    .clicked()
            {
                actions.push(Action::Apply(Change::ImplementChangeRequest(id)));
            }
        });
    }
    match session.what_ifs.get(&id) {
        Some(Ok(w)) => {
            ui.label(RichText::new(m.t("logs.what_if")).strong());
            ui.label(crate::i18n::tr_with(
                m.lang,
                "logs.what_if_finish",
                &[
                    ("before", &w.finish_before.format("%Y-%m-%d").to_string()),
                    ("after", &w.finish_after.format("%Y-%m-%d").to_string()),
                    ("days", &format!("{:+.1}", w.finish_days)),
                ],
            ));
            for ms in w.milestones.iter().filter(|x| x.days.abs() > 0.001) {
                ui.label(format!(
                    "◆ {}  {} → {}  ({:+.1})",
                    ms.name,
                    ms.before.format("%m-%d"),
                    ms.after.format("%m-%d"),
                    ms.days
                ));
            }
            if !w.newly_critical.is_empty() {
                ui.label(crate::i18n::tr_with(
                    m.lang,
                    "logs.what_if_critical",
                    &[("tasks", &w.newly_critical.join("、"))],
                ));
            }
            ui.add_space(size::GAP_M);
        }
        Some(Err(why)) => {
            ui.colored_label(ui.visuals().warn_fg_color, why);
        }
        None => {}
    }
}

fn text_row(ui: &mut egui::Ui, m: &FrameModel<'_>, key: &str, text: &mut String, multiline: bool) {
    let l = ui.label(m.t(key));
    let edit = if multiline {
        egui::TextEdit::multiline(text).desired_rows(2)
    } else {
        egui::TextEdit::singleline(text)
    };
    ui.add(edit.desired_width(size::FIELD_L)).labelled_by(l.id);
    ui.end_row();
}

fn status_row(ui: &mut egui::Ui, m: &FrameModel<'_>, kind: LogKind, status: &mut String) {
    ui.label(m.t("risk.column.status"));
    egui::ComboBox::from_id_salt(("log-status", kind.code()))
        .selected_text(status_label(m, kind, status))
        .show_named(ui, &m.t("risk.column.status"), |ui| {
            for s in kind.statuses() {
                ui.selectable_value(status, (*s).to_owned(), status_label(m, kind, s));
            }
        });
    ui.end_row();
}

fn fields(ui: &mut egui::Ui, m: &FrameModel<'_>, session: &RiskSession, e: &mut LogEditor) {
    let own = e.id.map(|i| i.n);
    let LogEditor {
        fields,
        dates,
        effort,
        draft,
        ..
    } = e;
    egui::Grid::new("log-fields")
        .num_columns(2)
        .spacing([size::GAP_L, size::GAP_M])
        .show(ui, |ui| match fields {
            LogFields::Issue(f) => {
                text_row(ui, m, "logs.title", &mut f.title, false);
                text_row(ui, m, "risk.column.description", &mut f.description, true);
                ui.label(m.t("logs.issue.severity"));
                egui::ComboBox::from_id_salt("issue-severity")
                    .selected_text(m.t(&format!("logs.severity.{}", f.severity)))
                    .show_named(ui, &m.t("logs.issue.severity"), |ui| {
                        for s in SEVERITIES {
                            ui.selectable_value(
                                &mut f.severity,
                                s.to_owned(),
                                m.t(&format!("logs.severity.{s}")),
                            );
                        }
                    });
                ui.end_row();
                text_row(ui, m, "risk.column.owner", &mut f.owner, false);
                text_row(ui, m, "logs.issue.due", &mut dates[0], false);
                status_row(ui, m, LogKind::Issue, &mut f.status);
                text_row(ui, m, "logs.issue.resolution", &mut f.resolution, true);
                text_row(ui, m, "logs.raised", &mut dates[1], false);
                if let Some(r) = f.from_risk {
                    ui.label(m.t("logs.issue.from_risk"));
                    ui.label(r.key());
                    ui.end_row();
                }
            }
            LogFields::Decision(f) => {
                text_row(ui, m, "logs.title", &mut f.title, false);
                text_row(ui, m, "logs.decision.context", &mut f.context, true);
                text_row(ui, m, "logs.decision.decision", &mut f.decision, true);
                text_row(ui, m, "logs.decision.rationale", &mut f.rationale, true);
                text_row(ui, m, "logs.decision.decided_by", &mut f.decided_by, false);
                text_row(ui, m, "logs.decision.date", &mut dates[0], false);
                status_row(ui, m, LogKind::Decision, &mut f.status);
                ui.label(m.t("logs.decision.superseded_by"));
                let others: Vec<&LogEntry> = session
                    .logs
                    .iter()
                    .filter(|x| x.id.kind == LogKind::Decision && Some(x.id.n) != own)
                    .collect();
                egui::ComboBox::from_id_salt("decision-superseded")
                    .selected_text(f.superseded_by.map_or_else(
                        || "—".to_owned(),
                        |n| {
                            LogId {
                                kind: LogKind::Decision,
                                n,
                            }
                            .key()
                        },
                    ))
                    .show_named(ui, &m.t("logs.decision.superseded_by"), |ui| {
                        ui.selectable_value(&mut f.superseded_by, None, "—");
                        for o in others {
                            ui.selectable_value(
                                &mut f.superseded_by,
                                Some(o.id.n),
                                format!("{} {}", o.id.key(), o.fields.title()),
                            );
                        }
                    });
                ui.end_row();
            }
            LogFields::Change(f) => {
                text_row(ui, m, "logs.title", &mut f.title, false);
                text_row(ui, m, "risk.column.description", &mut f.description, true);
                text_row(ui, m, "logs.change.reason", &mut f.reason, true);
                text_row(ui, m, "logs.change.requester", &mut f.requester, false);
                text_row(ui, m, "logs.raised", &mut dates[0], false);
                status_row(ui, m, LogKind::Change, &mut f.status);
                text_row(ui, m, "logs.change.effort", effort, false);
                text_row(ui, m, "logs.change.scope", &mut f.scope_impact, true);
            }
        });
    match fields {
        LogFields::Decision(f) => options(ui, m, &mut f.options),
        LogFields::Change(f) => proposed(ui, m, session, &mut f.changes, draft),
        LogFields::Issue(_) => {}
    }
    // Links: tasks and requirements (decisions also risks).
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("risks.links")).strong());
    let (tasks, requirements) = match fields {
        LogFields::Issue(f) => (Some(&mut f.tasks), &mut f.requirements),
        LogFields::Decision(f) => (Some(&mut f.tasks), &mut f.requirements),
        LogFields::Change(f) => (None, &mut f.requirements),
    };
    if let Some(tasks) = tasks
        && session.project.is_some()
    {
        ui.label(m.t("risks.link_tasks"));
        super::editor::task_links(ui, m, "log-link-tasks", session, tasks, false);
    }
    ui.label(m.t("risks.link_requirements"));
    super::editor::requirement_links(ui, m, "log-link-requirements", session, requirements);
    if let LogFields::Decision(f) = fields {
        ui.label(m.t("logs.decision.risks"));
        ui.horizontal_wrapped(|ui| {
            let mut remove = None;
            for (k, r) in f.risks.iter().enumerate() {
                if ui.small_button(format!("{} ×", r.key())).clicked() {
                    remove = Some(k);
                }
            }
            if let Some(k) = remove {
                f.risks.remove(k);
            }
            egui::ComboBox::from_id_salt("decision-risks")
                .selected_text(m.t("risks.add_link"))
                .width(size::FIELD_SHORT)
                .height(size::HEIGHT_L)
                .show_named(ui, &m.t("logs.decision.risks"), |ui| {
                    let mut picked = None;
                    for r in &session.register.risks {
                        if !f.risks.contains(&r.id)
                            && ui
                                .selectable_label(
                                    false,
                                    format!("{} {}", r.id.key(), r.fields.title),
                                )
                                .clicked()
                        {
                            picked = Some(r.id);
                        }
                    }
                    if let Some(r) = picked {
                        f.risks.push(r);
                    }
                });
        });
    }
}

/// The options a decision weighed: name, pros, cons.
fn options(ui: &mut egui::Ui, m: &FrameModel<'_>, options: &mut Vec<DecisionOption>) {
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("logs.decision.options")).strong());
    let mut remove = None;
    for (k, o) in options.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            for (key, text, w) in [
                ("logs.decision.option", &mut o.name, size::FIELD_SHORT),
                ("logs.decision.pros", &mut o.pros, size::FIELD_S),
                ("logs.decision.cons", &mut o.cons, size::FIELD_S),
            ] {
                let l = ui.label(RichText::new(m.t(key)).small());
                ui.add(egui::TextEdit::singleline(text).desired_width(w))
                    .labelled_by(l.id);
            }
            if ui.small_button("×").clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        options.remove(k);
    }
    if ui.button(m.t("logs.decision.add_option")).clicked() {
        options.push(DecisionOption::default());
    }
}

/// A task picker over the project's tasks.
fn task_pick(
    ui: &mut egui::Ui,
    session: &RiskSession,
    id: &str,
    name: &str,
    value: &mut Option<crate::model::TaskId>,
) {
    let shown = value
        .and_then(|t| session.task_name(t))
        .map_or_else(|| "—".to_owned(), str::to_owned);
    egui::ComboBox::from_id_salt(id)
        .selected_text(shown)
        .width(size::FIELD_S)
        .height(size::HEIGHT_L)
        .show_named(ui, name, |ui| {
            ui.selectable_value(value, None, "—");
            for t in &session.tasks {
                ui.selectable_value(value, Some(t.id), format!("{} {}", t.uid, t.name));
            }
        });
}

/// The plan changes a request proposes, and the builder to add one.
fn proposed(
    ui: &mut egui::Ui,
    m: &FrameModel<'_>,
    session: &RiskSession,
    changes: &mut Vec<ProposedChange>,
    d: &mut ChangeDraft,
) {
    ui.add_space(size::GAP_M);
    ui.label(RichText::new(m.t("logs.change.changes")).strong());
    let name = |t: &crate::model::TaskId| session.task_name(*t).unwrap_or("?").to_owned();
    let mut remove = None;
    for (k, c) in changes.iter().enumerate() {
        let text = match c {
            ProposedChange::Duration { task, minutes } => crate::i18n::tr_with(
                m.lang,
                "logs.change.duration_text",
                &[
                    ("task", &name(task)),
                    (
                        "days",
                        &format!("{}", *minutes as f64 / MINUTES_PER_DAY as f64),
                    ),
                ],
            ),
            ProposedChange::NewTask {
                name: n,
                minutes,
                after,
                before,
            } => crate::i18n::tr_with(
                m.lang,
                "logs.change.new_task_text",
                &[
                    ("name", n),
                    (
                        "days",
                        &format!("{}", *minutes as f64 / MINUTES_PER_DAY as f64),
                    ),
                    ("after", &after.as_ref().map_or("—".to_owned(), name)),
                    ("before", &before.as_ref().map_or("—".to_owned(), name)),
                ],
            ),
            ProposedChange::Link {
                predecessor,
                successor,
            } => format!("{} → {}", name(predecessor), name(successor)),
        };
        ui.horizontal(|ui| {
            ui.label(text);
            if ui.small_button("×").clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        changes.remove(k);
    }
    if session.project.is_none() {
        return;
    }
    let days = |t: &str| {
        t.trim()
            .parse::<f64>()
            .ok()
            .filter(|d| d.is_finite() && *d >= 0.0)
            .map(|d| (d * MINUTES_PER_DAY as f64).round() as i64)
    };
    ui.horizontal_wrapped(|ui| {
        ui.label(m.t("logs.change.set_duration"));
        task_pick(
            ui,
            session,
            "cr-duration-task",
            &m.t("weekly.col.task"),
            &mut d.task,
        );
        let l = ui.label(m.t("logs.change.days"));
        ui.add(egui::TextEdit::singleline(&mut d.days).desired_width(size::FIELD_NUMBER))
            .labelled_by(l.id);
        if ui.button("+").clicked()
            && let (Some(task), Some(minutes)) = (d.task, days(&d.days))
        {
            changes.push(ProposedChange::Duration { task, minutes });
        }
    });
    ui.horizontal_wrapped(|ui| {
        let l = ui.label(m.t("logs.change.new_task"));
        ui.add(egui::TextEdit::singleline(&mut d.name).desired_width(size::FIELD_SHORT))
            .labelled_by(l.id);
        let l = ui.label(m.t("logs.change.days"));
        ui.add(egui::TextEdit::singleline(&mut d.days).desired_width(size::FIELD_NUMBER))
            .labelled_by(l.id);
        ui.label(m.t("logs.change.after"));
        task_pick(
            ui,
            session,
            "cr-new-after",
            &m.t("logs.change.after"),
            &mut d.after,
        );
        ui.label(m.t("logs.change.before"));
        task_pick(
            ui,
            session,
            "cr-new-before",
            &m.t("logs.change.before"),
            &mut d.before,
        );
        if ui.button("+").clicked()
            && !d.name.trim().is_empty()
            && let Some(minutes) = days(&d.days)
        {
            changes.push(ProposedChange::NewTask {
                name: d.name.trim().to_owned(),
                minutes,
                after: d.after,
                before: d.before,
            });
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(m.t("logs.change.link"));
        task_pick(
            ui,
            session,
            "cr-link-from",
            &m.t("logs.change.after"),
            &mut d.after,
        );
        ui.label("→");
        task_pick(
            ui,
            session,
            "cr-link-to",
            &m.t("logs.change.before"),
            &mut d.successor,
        );
        if ui.button("+").clicked()
            && let (Some(predecessor), Some(successor)) = (d.after, d.successor)
        {
            changes.push(ProposedChange::Link {
                predecessor,
                successor,
            });
        }
    });
    ui.label(
        RichText::new(m.t("logs.change.save_for_what_if"))
            .small()
            .weak(),
    );
}
