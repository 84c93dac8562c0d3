//! The Reports page (报告): the weekly report of the current project for a period,
//! previewed from the same document every file is rendered from; the narrative and
//! status overrides beside it; publishing, the published reports, and export to every
//! format.

pub mod editor;
pub mod preview;
pub mod template_dialog;

use chrono::Datelike;
use egui::RichText;

use crate::context::action::Action;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::report::exporters::Needs;
use crate::report::kinds::{Kind, RequestProblem, Subject};
use crate::report::report_session::ReportSession;
use crate::report::weekly::{Period, Rag};
use crate::ui::theme::{self, size};
use crate::ui::{ViewCx, page_title};

/// The page's own state: the fields being typed and the chart textures.
#[derive(Default)]
pub struct ReportsState {
    pub editor: editor::DraftEditor,
    pub textures: preview::ChartTextures,
    pub template: template_dialog::TemplateDialog,
}

pub fn show(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    state: &mut ReportsState,
) {
    page_title(ui, &m.t("reports.title"));
    let Some(session) = m.report else {
        return;
    };
    toolbar(
        ui,
        ViewCx::new(m, actions),
        view,
        session,
        &mut state.template,
    );
    template_dialog::show(
        ui.ctx(),
        ViewCx::new(m, actions),
        session.template(),
        view.read_only,
        &mut state.template,
    );
    ui.add_space(size::GAP_M);
    if let Some(problem) = session.problem() {
        let key = match problem {
            RequestProblem::NeedsProject => "gantt.no_project",
            RequestProblem::NeedsRelease | RequestProblem::NeedsCustomer => {
                "reports.not_publishable"
            }
        };
        ui.label(m.t(key));
        return;
    }
    egui::Panel::left("report-side")
        .resizable(true)
        .default_size(size::DETAIL_PANEL)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("report-side-scroll")
                .show(ui, |ui| {
                    if let Some(weekly) = session.weekly() {
                        editor::show(
                            ui,
                            ViewCx::new(m, actions),
                            weekly,
                            session.draft(),
                            &mut state.editor,
                            view.read_only || session.viewing().is_some(),
                        );
                        ui.add_space(size::SECTION_GAP);
                    }
                    published(ui, ViewCx::new(m, actions), session);
                });
        });
    egui::CentralPanel::default()
        .frame(egui::Frame::new().inner_margin(size::GAP_XL))
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("report-preview")
                .auto_shrink(false)
                .show(ui, |ui| match session.document() {
                    Some(doc) => preview::show(ui, doc, &mut state.textures),
                    None => {
                        ui.spinner();
                    }
                });
        });
}

fn toolbar(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    view: &WorkspaceView,
    session: &ReportSession,
    dialog: &mut template_dialog::TemplateDialog,
) {
    ui.horizontal_wrapped(|ui| {
        let kind_label = ui.label(m.t("reports.kind"));
        egui::ComboBox::from_id_salt("report-kind")
            .width(size::FIELD_M)
            .selected_text(m.t(session.kind.label_key()))
            .show_ui(ui, |ui| {
                for kind in Kind::ALL {
                    if ui
                        .selectable_label(session.kind == kind, m.t(kind.label_key()))
                        .clicked()
                    {
                        actions.push(Action::SetReportKind(kind));
                    }
                }
            })
            .response
            .labelled_by(kind_label.id);
        let current = session
            .built()
            .map(|b| b.key.subject.clone())
            .unwrap_or_default();
        match session.kind.subject() {
            Subject::Release => {
                let names = session.releases().iter().map(|r| r.fields.name.clone());
                if let Some(i) = subject_picker(ui, &m.t("reports.pick_release"), &current, names)
                    && let Some(r) = session.releases().get(i)
                {
                    actions.push(Action::SetReportRelease(r.id));
                }
            }
            Subject::Customer => {
                let names = session.customers().iter().cloned();
                if let Some(i) = subject_picker(ui, &m.t("reports.pick_customer"), &current, names)
                    && let Some(c) = session.customers().get(i)
                {
                    actions.push(Action::SetReportCustomer(c.clone()));
                }
            }
            Subject::Project | Subject::Everything => {}
        }
        if let Some(built) = session.built() {
            let period = Period {
                from: built.key.from,
                to: built.key.to,
            };
            period_picker(ui, ViewCx::new(m, actions), period);
        }
        // What to write on one row, what to do with it on the next.
        ui.end_row();
        language_picker(ui, ViewCx::new(m, actions), session, view.read_only);
        ui.separator();
        let writable = !view.read_only && session.viewing().is_none() && session.built().is_some();
        if ui
            .add_enabled(writable, egui::Button::new(m.t("reports.publish")))
            .on_hover_text(m.t("reports.publish_hint"))
            .clicked()
        {
            actions.push(Action::PublishReport);
        }
        if ui.button(m.t("reports.template")).clicked() {
            dialog.open(session.kind, session.template());
        }
        crate::ui::export_menu(ui, ViewCx::new(m, actions), "reports.export", Needs::Report);
        if let Some(id) = session.viewing() {
            ui.separator();
            ui.label(
                RichText::new(tr_with(
                    m.lang,
                    "reports.viewing",
                    &[("id", &id.to_string())],
                ))
                .color(theme::palette(ui.visuals()).warning),
            );
            if ui.button(m.t("reports.back_to_live")).clicked() {
                actions.push(Action::ViewPublishedReport(None));
            }
        }
    });
}

/// The language reports and exported files are written in: the workspace's setting
/// (one undoable edit), or its text's language.
fn language_picker(
    ui: &mut egui::Ui,
    ViewCx { m, actions }: ViewCx<'_, '_>,
    session: &ReportSession,
    read_only: bool,
) {
    let label = ui.label(m.t("reports.language"));
    let name = |code: Option<&str>| match code {
        Some("zh-CN") => "中文".to_owned(),
        Some("en") => "English".to_owned(),
        _ => m.t("reports.language_auto"),
    };
    let current = session.language_setting();
    ui.add_enabled_ui(!read_only, |ui| {
        egui::ComboBox::from_id_salt("report-language")
            .selected_text(name(current))
            .show_ui(ui, |ui| {
                for code in [None, Some("zh-CN"), Some("en")] {
                    if ui.selectable_label(current == code, name(code)).clicked() && current != code
                    {
                        actions.push(Action::Apply(crate::model::Change::SetReportLanguage(
                            code.map(str::to_owned),
                        )));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
}

/// A labelled choice of what a report is about (a release, a customer); the index of
/// the one picked.
fn subject_picker(
    ui: &mut egui::Ui,
    label: &str,
    current: &str,
    names: impl Iterator<Item = String>,
) -> Option<usize> {
    let label = ui.label(label);
    let mut picked = None;
    egui::ComboBox::from_id_salt(("report-subject", label.id))
        .width(size::FIELD_M)
        .selected_text(current)
        .show_ui(ui, |ui| {
            for (i, name) in names.enumerate() {
                if ui.selectable_label(name == current, &name).clicked() {
                    picked = Some(i);
                }
            }
        })
        .response
        .labelled_by(label.id);
    picked
}

/// ◀ the period ▶, and back to the week of the status date.
fn period_picker(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, period: Period) {
    let days = (period.to - period.from).num_days() + 1;
    if ui
        .button("◀")
        .on_hover_text(m.t("reports.earlier"))
        .clicked()
    {
        actions.push(Action::SetReportPeriod(Some(Period {
            from: period.from - chrono::Duration::days(days),
            to: period.to - chrono::Duration::days(days),
        })));
    }
    let week = period.from.iso_week();
    ui.label(
        RichText::new(format!(
            "{}-W{:02}  {} – {}",
            week.year(),
            week.week(),
            period.from,
            period.to
        ))
        .monospace(),
    );
    if ui.button("▶").on_hover_text(m.t("reports.later")).clicked() {
        actions.push(Action::SetReportPeriod(Some(period.next())));
    }
    if ui.button(m.t("reports.status_week")).clicked() {
        actions.push(Action::SetReportPeriod(None));
    }
}

/// The published reports of this kind and subject, newest first; a click shows one as
/// it was sent.
fn published(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, session: &ReportSession) {
    ui.label(RichText::new(m.t("reports.published")).strong());
    let (kind, subject) = match session.built() {
        Some(b) => (b.key.kind.clone(), b.key.subject.clone()),
        None => return,
    };
    let mine: Vec<_> = session
        .snapshots()
        .iter()
        .rev()
        .filter(|s| s.key.kind == kind && s.key.subject == subject)
        .collect();
    if mine.is_empty() {
        ui.label(
            RichText::new(m.t("reports.none_published"))
                .color(theme::palette(ui.visuals()).muted_text),
        );
    }
    for s in mine {
        let week = s.key.from.iso_week();
        let mark =
            crate::report::weekly::mark(m.lang, s.status.as_deref().and_then(Rag::from_code));
        let text = format!(
            "{}-W{:02} {}  {} {}",
            week.year(),
            week.week(),
            mark,
            s.published_at.format("%m-%d %H:%M"),
            s.published_by
        );
        let selected = session.viewing() == Some(s.id);
        if ui.selectable_label(selected, text).clicked() {
            actions.push(Action::ViewPublishedReport((!selected).then_some(s.id)));
        }
    }
}
