//! The Overview page, the PM's home: every project's status, progress, next
//! milestones with days to go and slipped tasks, with its week's report one click away;
//! what needs attention (overdue requirements), what customers said (NPS, newest
//! feedback), the last published report; then the workspace's counts and recent edits.

use crate::ui::ViewCx;
use egui::{Color32, RichText};

use super::{page_title, theme};
use crate::context::action::{Action, Page};
use crate::context::messages::describe_edit;
use crate::context::view_model::WorkspaceView;
use crate::i18n::tr_with;
use crate::report::document::{number_text, rag_colour};
use crate::report::home::{Home, HomeProject};
use crate::ui::theme::size;

pub fn show(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, view: &WorkspaceView) {
    let palette = theme::palette(ui.visuals());
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            page_title(ui, &m.t("overview.title"));
            ui.label(RichText::new(m.t("overview.projects")).strong());
            if view.projects.is_empty() {
                ui.label(RichText::new(m.t("overview.no_projects")).color(palette.muted_text));
            }
            if let Some(home) = m.home {
                // Cards in rows of as many as fit; egui cannot wrap a frame by itself
                // because it only knows the frame's size after drawing it.
                let gap = ui.spacing().item_spacing.x;
                let card = size::PROJECT_CARD_WIDTH + 2.0 * size::CARD_MARGIN;
                let per_row = (((ui.available_width() + gap) / (card + gap)) as usize).max(1);
                for row in home.projects.chunks(per_row) {
                    ui.horizontal(|ui| {
                        for project in row {
                            project_card(ui, ViewCx::new(m, actions), project);
                        }
                    });
                }
                ui.add_space(size::SECTION_GAP);
                let per_row = per_row.min(3);
                let panels: [fn(&mut egui::Ui, ViewCx<'_, '_>, &Home); 3] =
                    [attention, feedback, last_report];
                for row in panels.chunks(per_row) {
                    ui.horizontal_top(|ui| {
                        for panel in row {
                            theme::card(ui.visuals()).show(ui, |ui| {
                                ui.set_width(size::PROJECT_CARD_WIDTH);
                                ui.vertical(|ui| panel(ui, ViewCx::new(m, actions), home));
                            });
                        }
                    });
                }
            } else {
                ui.spinner();
            }
            ui.add_space(size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.workspace")).strong());
            // Cards in rows of as many as fit (see the project cards above).
            let gap = ui.spacing().item_spacing.x;
            let width = size::COUNT_CARD_WIDTH + 2.0 * size::CARD_MARGIN;
            let per_row = (((ui.available_width() + gap) / (width + gap)) as usize).max(1);
            for row in view.counts.chunks(per_row) {
                ui.horizontal(|ui| {
                    for count in row {
                        count_card(ui, m, count, palette.muted_text);
                    }
                });
            }
            ui.add_space(size::SECTION_GAP);

            ui.label(RichText::new(m.t("overview.recent_edits")).strong());
            if view.recent_edits.is_empty() {
                ui.label(RichText::new(m.t("overview.no_edits")).color(palette.muted_text));
            }
            for entry in &view.recent_edits {
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(super::short_time(&entry.applied_at))
                            .monospace()
                            .color(palette.muted_text),
                    );
                    let text = describe_edit(m.lang, &entry.edit);
                    if entry.undone {
                        ui.label(
                            RichText::new(text)
                                .strikethrough()
                                .color(palette.muted_text),
                        );
                        ui.label(RichText::new(m.t("overview.undone")).color(palette.muted_text));
                    } else {
                        ui.label(text);
                    }
                });
            }
        });
}

/// A status mark as a coloured label: 【红】 on red.
fn status_badge(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    rag: Option<crate::report::document::Rag>,
) {
    let c = rag_colour(rag);
    egui::Frame::new()
        .fill(Color32::from_rgb(c.0, c.1, c.2))
        .corner_radius(size::CORNER)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(
                RichText::new(crate::report::weekly::mark(m.lang, rag))
                    .color(Color32::WHITE)
                    .size(size::TEXT_S),
            );
        });
}

/// One project: name (click to open its Gantt), status, % complete against plan, the
/// next milestones with days to go, slipped tasks, and its week's report.
fn project_card(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, p: &HomeProject) {
    let muted = theme::palette(ui.visuals()).muted_text;
    theme::card(ui.visuals()).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.set_width(size::PROJECT_CARD_WIDTH);
            ui.set_min_height(size::PROJECT_CARD_HEIGHT);
            ui.horizontal(|ui| {
                status_badge(ui, m, p.row.status);
                if ui.link(RichText::new(&p.row.name).strong()).clicked() {
                    actions.push(Action::SelectProject(Some(p.id)));
                    actions.push(Action::Navigate(Page::Gantt));
                }
            });
            let progress = (p.row.percent_actual / 100.0) as f32;
            ui.add(
                egui::ProgressBar::new(progress.clamp(0.0, 1.0))
                    .desired_width(size::PROJECT_CARD_WIDTH)
                    .text(tr_with(
                        m.lang,
                        "weekly.percent",
                        &[
                            ("actual", &number_text(p.row.percent_actual)),
                            ("planned", &number_text(p.row.percent_planned)),
                        ],
                    )),
            );
            if let Some(days) = p.row.variance_days().filter(|d| *d != 0) {
                ui.label(
                    RichText::new(tr_with(
                        m.lang,
                        "overview.finish_variance",
                        &[("days", &format!("{days:+}"))],
                    ))
                    .color(muted),
                );
            }
            for (name, date, days) in &p.milestones {
                ui.label(tr_with(
                    m.lang,
                    "overview.milestone",
                    &[
                        ("name", name),
                        ("date", &date.to_string()),
                        ("days", &days.to_string()),
                    ],
                ));
            }
            if p.slipped > 0 {
                ui.label(
                    RichText::new(tr_with(
                        m.lang,
                        "overview.slipped",
                        &[("n", &p.slipped.to_string())],
                    ))
                    .color(theme::palette(ui.visuals()).warning),
                );
            }
            // The week's report of this project, one click away.
            if ui.button(m.t("overview.weekly_report")).clicked() {
                actions.push(Action::SelectProject(Some(p.id)));
                actions.push(Action::SetReportKind(crate::report::kinds::Kind::Weekly));
                actions.push(Action::SetReportPeriod(None));
                actions.push(Action::Navigate(Page::Reports));
            }
        });
    });
}

/// Requirements past their due day.
fn attention(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, home: &Home) {
    let muted = theme::palette(ui.visuals()).muted_text;
    ui.label(RichText::new(m.t("overview.overdue")).strong());
    if home.overdue.is_empty() {
        ui.label(RichText::new(m.t("overview.none_overdue")).color(muted));
    }
    for (key, title, due) in &home.overdue {
        ui.add(egui::Label::new(format!("{key} {title} · {due}")).truncate());
    }
    if home.overdue_total > home.overdue.len() {
        ui.label(
            RichText::new(tr_with(
                m.lang,
                "overview.more",
                &[("n", &(home.overdue_total - home.overdue.len()).to_string())],
            ))
            .color(muted),
        );
    }
    if !home.overdue.is_empty() && ui.link(m.t("overview.open_requirements")).clicked() {
        actions.push(Action::Navigate(Page::Requirements));
    }
}

/// The NPS and its change, new feedback, the newest items.
fn feedback(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, home: &Home) {
    let muted = theme::palette(ui.visuals()).muted_text;
    ui.label(RichText::new(m.t("weekly.section.feedback")).strong());
    let f = &home.feedback;
    if let Some((name, nps)) = &f.nps {
        let change = f
            .nps_before
            .as_ref()
            .map(|(_, b)| format!(" ({:+.1})", nps - b))
            .unwrap_or_default();
        ui.label(
            RichText::new(format!("NPS {}{change}", number_text(*nps)))
                .size(size::TEXT_XL)
                .strong(),
        );
        ui.label(RichText::new(name).color(muted));
    }
    for (who, text) in &home.newest_feedback {
        ui.add(egui::Label::new(format!("“{text}” — {who}")).truncate());
    }
    if ui.link(m.t("overview.open_research")).clicked() {
        actions.push(Action::Navigate(Page::Research));
    }
}

/// The last published report, to reopen as sent.
fn last_report(ui: &mut egui::Ui, ViewCx { m, actions }: ViewCx<'_, '_>, home: &Home) {
    let muted = theme::palette(ui.visuals()).muted_text;
    ui.label(RichText::new(m.t("overview.last_report")).strong());
    let Some(s) = &home.last_report else {
        ui.label(RichText::new(m.t("reports.none_published")).color(muted));
        return;
    };
    let kind = crate::report::kinds::Kind::from_code(&s.key.kind);
    let kind_name = kind
        .map(|k| m.t(k.label_key()))
        .unwrap_or_else(|| s.key.kind.clone());
    ui.horizontal(|ui| {
        status_badge(
            ui,
            m,
            s.status
                .as_deref()
                .and_then(crate::report::document::Rag::from_code),
        );
        ui.label(format!("{kind_name} · {}", s.key.subject));
    });
    ui.label(
        RichText::new(format!(
            "{} – {} · {} {}",
            s.key.from,
            s.key.to,
            s.published_at.format("%m-%d %H:%M"),
            s.published_by
        ))
        .color(muted),
    );
    if ui.button(m.t("overview.open_report")).clicked() {
        if let Some(kind) = kind {
            actions.push(Action::SetReportKind(kind));
        }
        if let Some(project) = s.project {
            actions.push(Action::SelectProject(Some(project)));
        }
        actions.push(Action::ViewPublishedReport(Some(s.id)));
        actions.push(Action::Navigate(Page::Reports));
    }
}

/// One count: how many of a kind of thing the workspace holds.
fn count_card(
    ui: &mut egui::Ui,
    m: &crate::ui::FrameModel<'_>,
    count: &crate::store::EntityCount,
    muted: egui::Color32,
) {
    theme::card(ui.visuals()).show(ui, |ui| {
        ui.vertical(|ui| {
            ui.set_min_width(theme::size::COUNT_CARD_WIDTH);
            ui.label(
                RichText::new(count.count.to_string())
                    .size(theme::size::TITLE)
                    .strong(),
            );
            ui.label(RichText::new(m.t(&format!("overview.count.{}", count.entity))).color(muted));
        });
    });
}

#[cfg(test)]
mod count_tests {
    use crate::i18n::{Language, has_key};

    /// The Overview names every count it shows, in both languages.
    #[test]
    fn every_counted_entity_has_a_name() {
        for (entity, _) in crate::store::queries::COUNTED {
            for lang in [Language::ZhCn, Language::English] {
                assert!(
                    has_key(lang, &format!("overview.count.{entity}")),
                    "{entity} in {lang:?}"
                );
            }
        }
    }
}
